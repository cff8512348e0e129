"""Flowables -> a PDF file, written atomically, with page references, links and running heads."""

from __future__ import annotations

from pathlib import Path

from reportlab import rl_config
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from .atomic import replacing
from ..text.fonts import BODY, SANS, register_fonts
from ..layout.page import MARKS_ROOM, Page
from ..layout.styles import GREY, INK, REGISTRATION


class BookletCanvas(Canvas):
    """A canvas that knows anchors' pages, draws page numbers not yet known, and the running section."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.anchor_pages: dict[str, int] = {}
        self.section: str | None = None
        self.section_page = 0
        self._ref_forms: dict[str, tuple[str, str, float, object]] = {}

    def mark_anchor(self, key: str) -> None:
        x, y = self.absolutePosition(0, 0)
        self.bookmarkPage(key, fit="XYZ", left=0, top=y + 12, zoom=0)
        self.anchor_pages.setdefault(key, self.getPageNumber())

    def start_section(self, name: str) -> None:
        self.section = name
        self.section_page = self.getPageNumber()

    def draw_page_ref(self, key: str, x_right: float, y: float, font: str, size: float, color) -> None:
        """The page number of anchor `key`, right-aligned at (x_right, y); filled in when the PDF is saved."""
        form = f"ref{len(self._ref_forms)}"
        self._ref_forms[form] = (key, font, size, color)
        self.saveState()
        self.translate(x_right, y)
        self.doForm(form)
        self.restoreState()

    def save(self):
        for form, (key, font, size, color) in self._ref_forms.items():
            self.beginForm(form, lowerx=-size * 6, lowery=-size, upperx=size, uppery=size * 2)
            self.setFillColor(color)
            self.setFont(font, size)
            self.drawRightString(0, 0, str(self.anchor_pages.get(key, "")))
            self.endForm()
        super().save()


class BookletDocTemplate(BaseDocTemplate):
    """Cover pages without decoration; inner pages with a running head and a page number."""

    def __init__(self, filename, page: Page, short_title: str, **kwargs):
        self.geometry = page
        self.short_title = short_title
        super().__init__(
            filename,
            pagesize=page.media_size,
            leftMargin=page.margin,
            rightMargin=page.margin,
            topMargin=page.top,
            bottomMargin=page.bottom,
            initialFontName=BODY,
            invariant=1,
            trimBox=page.trim_box,
            bleedBox=page.bleed_box,
            enforceColorSpace="cmyk" if page.cmyk else None,
            **kwargs,
        )
        o = page.origin
        full = Frame(o, o, page.width, page.height, 0, 0, 0, 0, id="full")
        text = Frame(o + page.margin, o + page.bottom, page.text_width, page.text_height, 0, 0, 0, 0, id="text")
        self.addPageTemplates([
            PageTemplate("cover", [full], onPageEnd=self._marks),
            PageTemplate("inner", [text], onPageEnd=self._decorate),
        ])

    def _decorate(self, canv: BookletCanvas, doc) -> None:
        """Running head and page number, in trim coordinates; then the crop marks."""
        page = self.geometry
        number = canv.getPageNumber()
        recto = number % 2 == 1
        canv.saveState()
        canv.translate(page.origin, page.origin)
        canv.setFillColor(GREY)
        y_head = page.height - page.top + 5 * mm
        if canv.section_page != number:
            canv.setStrokeColor(GREY)
            canv.setLineWidth(0.3)
            canv.line(page.margin, y_head - 2, page.width - page.margin, y_head - 2)
            head = (canv.section or "") if recto else self.short_title
            _draw_outer(canv, page, recto, y_head + 1, head, SANS, page.base_size * 0.75)
        canv.setFillColor(INK)
        _draw_outer(canv, page, recto, page.bottom - 9 * mm, str(number), SANS + "-Bold", page.base_size * 0.85)
        canv.restoreState()
        self._marks(canv, doc)

    def _marks(self, canv, doc) -> None:
        if self.geometry.marks:
            draw_crop_marks(canv, self.geometry)


def _draw_outer(canv, page: Page, recto: bool, y: float, text: str, font: str, size: float) -> None:
    """`text` at the outer edge of the text block, shortened with an ellipsis to half its width."""
    limit = page.text_width / 2
    if stringWidth(text, font, size) > limit:
        while text and stringWidth(text + "\u2026", font, size) > limit:
            text = text[:-1]
        text = text.rstrip() + "\u2026"
    canv.setFont(font, size)
    if recto:
        canv.drawRightString(page.width - page.margin, y, text)
    else:
        canv.drawString(page.margin, y, text)


def draw_crop_marks(canv, page: Page) -> None:
    """Trim marks at the four corners, outside the bleed so they never reach the trimmed page."""
    x0, y0, x1, y1 = page.trim_box
    gap = page.bleed + 2 * mm  # marks start beyond the bleed
    length = MARKS_ROOM - 3 * mm
    canv.saveState()
    canv.setStrokeColor(REGISTRATION)
    canv.setLineWidth(0.25)
    for x, dx in ((x0, -1), (x1, 1)):
        for y, dy in ((y0, -1), (y1, 1)):
            canv.line(x + dx * gap, y, x + dx * (gap + length), y)
            canv.line(x, y + dy * gap, x, y + dy * (gap + length))
    canv.restoreState()


def render_pdf(story, output: Path, page: Page, *, title: str, short_title: str, subject: str,
               language: str, author: str = "", progress=None) -> tuple[int, dict[str, int]]:
    """Lay `story` out into `output` (replaced only when the whole PDF is written).

    Returns the page count and the 1-based page of every anchor (abstract-N, tutorial-N, poster-N, ...).
    `progress(done, total)` is called as flowables are laid out.
    """
    register_fonts()
    rl_config.useA85 = 0  # binary image streams: ASCII85 only makes the file bigger and the build slower
    with replacing(output) as temp:
        doc = BookletDocTemplate(str(temp), page, short_title, title=title, subject=subject,
                                 author=author, creator="booklet", lang=language)
        anchors: dict[str, int] = {}
        if progress is not None:
            doc.setProgressCallBack(_progress_adapter(progress, len(story)))
        doc.build(story, canvasmaker=_recording(anchors))
    return doc.page, anchors


def _progress_adapter(progress, total: int):
    """ReportLab's (kind, value) progress events -> progress(flowables done, flowables in all)."""

    def callback(kind: str, value: int) -> None:
        if kind == "PROGRESS":
            progress(value, total)

    return callback


def _recording(anchors: dict[str, int]):
    """A BookletCanvas class whose anchor pages end up in `anchors` when the PDF is saved."""

    class RecordingCanvas(BookletCanvas):
        def save(self):
            super().save()
            anchors.update(self.anchor_pages)

    return RecordingCanvas
