"""Flowables -> a PDF file, written atomically, with page references, links and running heads."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from reportlab import rl_config
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from .fonts import BODY, SANS, register_fonts
from .layout.page import Page
from .layout.styles import GREY, INK


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
            pagesize=(page.width, page.height),
            leftMargin=page.margin,
            rightMargin=page.margin,
            topMargin=page.top,
            bottomMargin=page.bottom,
            initialFontName=BODY,
            invariant=1,
            **kwargs,
        )
        full = Frame(0, 0, page.width, page.height, 0, 0, 0, 0, id="full")
        text = Frame(page.margin, page.bottom, page.text_width, page.text_height, 0, 0, 0, 0, id="text")
        self.addPageTemplates([
            PageTemplate("cover", [full]),
            PageTemplate("inner", [text], onPageEnd=self._decorate),
        ])

    def _decorate(self, canv: BookletCanvas, doc) -> None:
        page = self.geometry
        number = canv.getPageNumber()
        recto = number % 2 == 1
        canv.saveState()
        canv.setFillColor(GREY)
        canv.setFont(SANS, page.base_size * 0.75)
        y_head = page.height - page.top + 5 * mm
        if canv.section_page != number:
            canv.setStrokeColor(GREY)
            canv.setLineWidth(0.3)
            canv.line(page.margin, y_head - 2, page.width - page.margin, y_head - 2)
            head = (canv.section or "") if recto else self.short_title
            if recto:
                canv.drawRightString(page.width - page.margin, y_head + 1, head)
            else:
                canv.drawString(page.margin, y_head + 1, head)
        canv.setFillColor(INK)
        canv.setFont(SANS + "-Bold", page.base_size * 0.85)
        y_foot = page.bottom - 9 * mm
        if recto:
            canv.drawRightString(page.width - page.margin, y_foot, str(number))
        else:
            canv.drawString(page.margin, y_foot, str(number))
        canv.restoreState()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def render_pdf(story, output: Path, page: Page, *, title: str, short_title: str, subject: str,
               language: str, author: str = "") -> tuple[int, dict[str, int]]:
    """Lay `story` out into `output` (replaced only when the whole PDF is written).

    Returns the page count and the 1-based page of every anchor (abstract-N, tutorial-N, poster-N, ...).
    """
    register_fonts()
    rl_config.useA85 = 0  # binary image streams: ASCII85 only makes the file bigger and the build slower
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".part", dir=output.parent)
    os.close(handle)
    try:
        doc = BookletDocTemplate(temp_name, page, short_title, title=title, subject=subject,
                                 author=author, creator="booklet", lang=language)
        anchors: dict[str, int] = {}
        doc.build(story, canvasmaker=_recording(anchors))
        pages = doc.page
        os.chmod(temp_name, 0o666 & ~_umask())
        os.replace(temp_name, output)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    return pages, anchors


def _recording(anchors: dict[str, int]):
    """A BookletCanvas class whose anchor pages end up in `anchors` when the PDF is saved."""

    class RecordingCanvas(BookletCanvas):
        def save(self):
            super().save()
            anchors.update(self.anchor_pages)

    return RecordingCanvas
