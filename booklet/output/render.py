"""Flowables -> a PDF file, written atomically, with page references, links and running heads."""

from __future__ import annotations

import pickle
from functools import lru_cache, partial
from operator import itemgetter
from pathlib import Path

from reportlab import rl_config
from reportlab.lib.boxstuff import aspectRatioFix
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph

from . import serialise
from .atomic import replacing
from ..images import image_name
from ..text import dates, markup
from ..cache import memory
from ..cache.disk import alive_to_the_end
from ..text.fonts import BODY, SANS, fonts_number, register_fonts, when_fonts_change
from ..text.quotes import curly_quotes
from ..layout.flowables import _frozen, canvas_state, drawn_kept
from ..layout.marks import PERSON_CALLBACK, person_anchor, person_drawn
from ..layout.page import HEAD_SIZE, MARKS_ROOM, Page, head_paragraph, head_width
from ..layout.styles import REGISTRATION, Palette, make_palette

def page_section(canv, number: int) -> tuple[str | None, bool]:
    """The section page `number` (just drawn) names in its running head, and whether the page opens it (its heading
    stands for the running head): the canvas's section, but the one the page began in when another section started
    below it on the page (BookletCanvas.hold_page: abstracts by day, a short day below the day before's abstract)."""
    held, canv._held = canv._held, None
    section, first = held if held is not None else (canv.section, canv.section_page)
    return section, first == number


class BookletCanvas(Canvas):
    """A canvas that knows anchors' pages, draws page numbers not yet known, the running section and day."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.anchor_pages: dict[str, int] = {}
        self.section: str | None = None
        self.section_page = 0
        self.day: str | None = None  # the day the story is in (see layout.flowables.DayMark)
        self._page_day: str | None = None  # the day of the page being drawn
        self._day_marked = False  # whether a DayMark was drawn on this page (the first one names it)
        self._opening = False  # whether a day opens on this page under its own heading (no running head)
        self._blank = False  # whether this page is left blank on purpose (no running head, no page number)
        self._held: tuple[str | None, int] | None = None  # the section (and its first page) this page's head keeps
        self._ref_forms: dict[str, tuple[str, str, float, object]] = {}
        self._printed: dict[tuple[int, str], tuple[object, str]] = {}  # (id, mask) -> (printable image, its name)
        self.people_pages: dict[str, dict[int, bool]] = {}  # person key -> page -> presents there
        self.setNamedCB(PERSON_CALLBACK, person_drawn)

    # the state saveState keeps, read at once (Canvas.push_state_stack reads it name by name: 4.6 us a call against
    # 2.6, about 36,000 calls at 500 talks, one or more for each paragraph drawn), and kept as the tuple of its values,
    # not a dictionary made of them: restoreState (pop_state_stack) sets them back by name (push and pop took 30 %
    # less so)
    _STATE_NAMES = tuple(Canvas.STATE_ATTRIBUTES)
    _state_values = staticmethod(itemgetter(*_STATE_NAMES))

    def push_state_stack(self):
        """Canvas.push_state_stack: the same state kept (its values, in _STATE_NAMES's order)."""
        self.state_stack.append(self._state_values(self.__dict__))
        self._extgstate = self._extgstate.pushCopy()

    def pop_state_stack(self):
        """Canvas.pop_state_stack: the state push_state_stack kept last set back."""
        self.__dict__.update(zip(self._STATE_NAMES, self.state_stack.pop()))

    def note_person(self, key: str, presenting: bool, top: float | None = None) -> None:
        """Person `key` is named on this page (presenting there, or not); the first time on a page, an
        anchor `person_anchor(key, page)` where the name is (`top`: its line's top, absolute)."""
        page = self.getPageNumber()
        pages = self.people_pages.setdefault(key, {})
        if page not in pages:
            anchor = person_anchor(key, page)
            self.bookmarkPage(anchor, fit="XYZ", left=0, top=top if top is not None else self.absolutePosition(0, 0)[1],
                              zoom=0)
            self.anchor_pages.setdefault(anchor, page)
        pages[page] = pages.get(page, False) or presenting

    def mark_anchor(self, key: str) -> None:
        x, y = self.absolutePosition(0, 0)
        self.bookmarkPage(key, fit="XYZ", left=0, top=y + 12, zoom=0)
        self.anchor_pages.setdefault(key, self.getPageNumber())

    def start_section(self, name: str) -> None:
        self.section = name
        self.section_page = self.getPageNumber()
        self.mark_day(None)  # a new section belongs to no day until it says so

    def hold_page(self) -> None:
        """What follows on this page starts below what is on it already (a short day, see layout.daypages.DayBreak):
        the page keeps the running head it began with, its section and its day, whatever section or day starts
        below; the next page has theirs."""
        if self._held is None:
            self._held = (self.section, self.section_page)
        self._day_marked = True  # (its day: the first marked on it, or the one it began in)

    def mark_day(self, day: str | None, claim: bool = True, opening: bool = False) -> None:
        """From here on the story is in `day`; a page takes the first day marked on it, or the day it
        starts in (always, when the mark does not `claim` the page: a day starting halfway down it). `opening`:
        the day opens on this page under a heading of its own, which stands for the running head (unless another
        day was marked on the page before it: a short day set below the day before)."""
        self._opening = self._opening or (opening and not self._day_marked)  # (a day set below another: not)
        if claim and not self._day_marked:
            self._page_day = day
            self._day_marked = day is not None
        self.day = day

    def take_page_day(self) -> str | None:
        """The day of the page just drawn; the next page starts in the current day."""
        day = self._page_day
        self._page_day, self._day_marked = self.day, False
        return day

    def take_opening(self) -> bool:
        """Whether a day opened on the page just drawn (DayMark's `opening`); the next page opens none yet."""
        opening, self._opening = self._opening, False
        return opening

    def leave_blank(self) -> None:
        """This page is left blank on purpose (layout.backmatter.BlankPage): it prints no running head and no page
        number, as a book's blank page does not."""
        self._blank = True

    def take_blank(self) -> bool:
        """Whether the page just drawn is left blank on purpose (leave_blank); the next page is not yet."""
        blank, self._blank = self._blank, False
        return blank

    def draw_page_ref(self, key: str, x_right: float, y: float, font: str, size: float, color,
                      left: bool = False) -> None:
        """The page number of anchor `key`, right-aligned at (x_right, y) (`left`: starting there); filled
        in when the PDF is saved."""
        form = f"ref{len(self._ref_forms)}"
        self._ref_forms[form] = (key, font, size, color, left)
        self.saveState()
        self.translate(x_right, y)
        self.doForm(form)
        self.restoreState()

    def drawImage(self, image, x, y, width=None, height=None, mask=None, preserveAspectRatio=False, anchor="c",
                  anchorAtXY=False, showBoundary=False, extraReturn=None):
        """ReportLab's drawImage, but an image is named (ReportLab hashes its decoded pixels and mask at every
        draw) once: a printable image of booklet's (images.Printable) is named and embedded from what was
        kept of it (on disk, or in a warm cache: not decoded, hashed and compressed again in each process);
        any other ImageReader keeps its name on itself (a reader kept warm is drawn in every rebuild). The
        same PDF, byte for byte (tests/test_draw_image.py, tests/test_cold.py). A printable image drawn again on
        this canvas is not even looked up again: its name is remembered here."""
        if (not isinstance(image, ImageReader) or preserveAspectRatio or anchorAtXY or showBoundary
                or extraReturn or width is None or height is None):
            return super().drawImage(image, x, y, width, height, mask, preserveAspectRatio, anchor, anchorAtXY,
                                     showBoundary, extraReturn)
        self._currentPageHasImages = 1
        printable = getattr(image, "booklet_printable", None)
        if printable is not None:
            drawn = self._printed.get((id(printable), repr(mask)))
            if drawn is not None and self._doc.getXObjectName(drawn[1]) in self._doc.idToObject:
                name, make = drawn[1], None  # embedded on an earlier page: only its name is needed
            else:
                name, made = printable.xobject(image, mask)
                self._printed[id(printable), repr(mask)] = (printable, name)  # kept alive: its id stays its own
                make = partial(pickle.loads, made)
        else:
            names = image.__dict__.setdefault("_booklet_names", {})
            name = names.get(repr(mask))
            if name is None:
                name = names[repr(mask)] = image_name(image, mask)
            make = partial(pdfdoc.PDFImageXObject, name, image, mask=mask)
        # from here on as ReportLab's Canvas.drawImage (3.6-4.x; tests/test_draw_image.py compares the bytes)
        regName = self._doc.getXObjectName(name)
        imgObj = self._doc.idToObject.get(regName, None)
        if not imgObj:
            imgObj = make()
            imgObj.name = name
            self._setXObjects(imgObj)
            self._doc.Reference(imgObj, regName)
            self._doc.addForm(name, imgObj)
            smask = getattr(imgObj, "_smask", None)
            if smask:
                mRegName = self._doc.getXObjectName(smask.name)
                mImgObj = self._doc.idToObject.get(mRegName, None)
                if not mImgObj:
                    self._setXObjects(smask)
                    imgObj.smask = self._doc.Reference(smask, mRegName)
                else:
                    imgObj.smask = pdfdoc.PDFObjectReference(mRegName)
                del imgObj._smask
        x, y, width, height, scaled = aspectRatioFix(False, anchor, x, y, width, height, imgObj.width,
                                                     imgObj.height, False)
        self.saveState()
        self.translate(x, y)
        self.scale(width, height)
        self._code.append("/%s Do" % regName)
        self.restoreState()
        self._formsinuse.append(name)
        return (imgObj.width, imgObj.height)

    def save(self):
        for form, (key, font, size, color, left) in self._ref_forms.items():
            if left:
                self.beginForm(form, lowerx=-size, lowery=-size, upperx=size * 6, uppery=size * 2)
            else:
                self.beginForm(form, lowerx=-size * 6, lowery=-size, upperx=size, uppery=size * 2)
            self.setFillColor(color)
            self.setFont(font, size)
            (self.drawString if left else self.drawRightString)(0, 0, str(self.anchor_pages.get(key, "")))
            self.endForm()
        serialise.install()  # ReportLab's formatting, quicker (the same bytes; guarded: see output.serialise)
        super().save()


class BookletDocTemplate(BaseDocTemplate):
    """Cover pages without decoration; inner pages with a running head and a page number."""

    def __init__(self, filename, page: Page, short_title: str, colours: Palette | None = None,
                 quotes: tuple[str, str, str, str] | None = None, **kwargs):
        self.geometry = page
        self.short_title = short_title
        self.quotes = quotes  # the quotation marks the short title's straight quotes print as (see Para)
        self.colours = colours or make_palette(process=page.process)
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
            PageTemplate("cover", [full], onPageEnd=self._cover_end),
            PageTemplate("inner", [text], onPageEnd=self._decorate),
        ])

    def _decorate(self, canv: BookletCanvas, doc) -> None:
        """Running head and page number, in trim coordinates; then the crop marks.

        The running head: the short title on left pages, the section on right pages, at the outer
        edge; on a page of a day (programme and abstracts), the day at the outer edge and the title
        or section at the inner one. A section's first page has none, unless it belongs to a day.
        Text goes through the paragraphs' markup, so a symbol prints from the fallback fonts."""
        number = canv.getPageNumber()
        day = canv.take_page_day()
        opening = canv.take_opening()
        section = page_section(canv, number)
        if not canv.take_blank():  # (a page left blank on purpose: neither)
            self._draw_decoration(canv, number, day, *section, opening)
        self._marks(canv, doc)

    def _draw_decoration(self, canv: BookletCanvas, number: int, day: str | None, section: str | None,
                         starts: bool, opening: bool = False) -> None:
        """Page `number`'s running head (`section`'s, and `day`'s; none on the section's first page, under its
        heading; none on a page `opening` a day under the day's own heading) and number.

        In a warm build, the operators drawing it wrote before from the same canvas state are replayed, as a kept
        paragraph's are (layout.flowables.drawn_kept): a rebuild draws the decorations of the pages it keeps
        (about 0.1 ms a page) only when their page, heads, title, geometry, colours or fonts changed. The heads'
        markup is made first either way: making it registers the fallback fonts it names, which a replayed
        drawing's font calls need in a new process."""
        heads = None
        if not starts and not opening:  # (the head's markup first, then the day's)
            head = markup.inline(section or "") if number % 2 == 1 else self._title_head()
            # (the day's date: '1er' raised, as French typography sets it: dates.raised_ordinal)
            heads = (head, dates.raised_ordinal(markup.inline(day), self.lang or "en") if day else None)
        cache = memory.active()
        if cache is None or not cache.warm:
            return self._decoration(canv, number, heads)
        if self._decoration_key is None:
            self._decoration_key = _frozen((self.short_title, self.geometry, self.colours))
        key = ("decoration", number, heads, self._decoration_key, fonts_number(cache), canvas_state(canv))
        drawn_kept(canv, cache, key, partial(self._decoration, canv, number, heads))

    def _title_head(self) -> str:
        head = markup.inline(self.short_title)
        return curly_quotes(head, self.quotes) if self.quotes else head

    _decoration_key = None  # what every page's decoration depends on (see _draw_decoration)

    def _decoration(self, canv: BookletCanvas, number: int, heads: tuple[str, str | None] | None) -> None:
        """_draw_decoration's drawing: `heads`, the running head's and the day's markup (None: no heads)."""
        page, colours = self.geometry, self.colours
        recto = number % 2 == 1
        canv.saveState()
        canv.translate(page.origin, page.origin)
        y_head = page.height - page.top + 5 * mm
        if heads is not None:
            head, day = heads
            canv.setStrokeColor(colours.muted)
            canv.setLineWidth(0.3)
            canv.line(page.margin, y_head - 2, page.width - page.margin, y_head - 2)
            size = page.base_size * HEAD_SIZE
            if day:
                half = head_width(page, beside_day=True)
                _draw_head(canv, page, recto, y_head + 1, day, SANS + "-Bold", size, colours.accent, half)
                _draw_head(canv, page, not recto, y_head + 1, head, SANS, size, colours.muted, half)
            else:
                _draw_head(canv, page, recto, y_head + 1, head, SANS, size, colours.muted, head_width(page, False))
        canv.setFillColor(colours.text)
        _draw_outer(canv, page, recto, page.bottom - 9 * mm, str(number), SANS + "-Bold", page.base_size * 0.85)
        canv.restoreState()

    def _cover_end(self, canv: BookletCanvas, doc) -> None:
        canv.take_page_day()
        canv.take_opening()
        canv.take_blank()
        page_section(canv, canv.getPageNumber())
        self._marks(canv, doc)

    def _marks(self, canv, doc) -> None:
        if self.geometry.marks:
            draw_crop_marks(canv, self.geometry)


def _draw_outer(canv, page: Page, recto: bool, y: float, text: str, font: str, size: float) -> None:
    """`text` (plain, in one font) at the outer edge of the text block, shortened to half its width."""
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


def _draw_head(canv, page: Page, right: bool, y: float, text: str, font: str, size: float, color,
               limit: float) -> None:
    """Paragraph markup `text` on one line with its baseline at `y`, at the right or left edge of the
    text block, shortened with an ellipsis to `limit` wide."""
    x = page.width - page.margin - (limit + 2) if right else page.margin

    def draw() -> None:
        para, height = _head(text, font, size, color, limit, right)
        para.drawOn(canv, x, y - height + size)

    cache = memory.active()
    if cache is None or not cache.warm:
        return draw()
    # In a warm build, the operators drawing it wrote before from the same canvas state are replayed, as a kept
    # paragraph's are (layout.flowables.drawn_kept); the paragraph is not made then (its height, which places it,
    # follows from the key's text, font, size, colour, limit, side and fonts)
    key = ("head", text, font, size, _frozen(color), limit, right, x, y, fonts_number(cache), canvas_state(canv))
    drawn_kept(canv, cache, key, draw)


@lru_cache(maxsize=256)
def _head(text: str, font: str, size: float, color, limit: float, right: bool) -> tuple[Paragraph, float]:
    """A running head's paragraph, wrapped (made once: the same head is drawn on many pages)."""
    para = head_paragraph(text, font, size, limit, color, right)
    _, height = para.wrap(limit + 2, size * 10)  # never wrapped: the text is at most `limit` wide
    return para, height


when_fonts_change(_head.cache_clear)  # a head is measured in the fonts BODY and SANS name


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


def render_pdf(story, output, page: Page, *, title: str, short_title: str, subject: str,
               language: str, author: str = "", progress=None, colours: Palette | None = None,
               people: dict | None = None, quotes: tuple[str, str, str, str] | None = None
               ) -> tuple[int, dict[str, int]]:
    """Lay `story` out into `output` (replaced only when the whole PDF is written).

    `short_title` is text as written in the data (markup: emphasis, math, fallback fonts apply; its straight
    quotes printed as `quotes`, the language's quotation marks).
    Returns the page count and the 1-based page of every anchor (abstract-N, tutorial-N, poster-N, ...).
    `progress(done, total)` is called as flowables are laid out; `colours`: the theme's (the running heads).
    `people`, when given, gets each person key's pages ({page: presents there}; see BookletCanvas.note_person).
    `output` may be a file object (a pass that only learns where things go): it is written to, not replaced.
    """
    register_fonts()
    serialise.install()  # ReportLab's fp_str and PDF formatting, quicker (the same bytes; see output.serialise)
    rl_config.useA85 = 0  # binary image streams: ASCII85 only makes the file bigger and the build slower
    anchors: dict[str, int] = {}
    if not isinstance(output, (str, Path)):
        doc = _build(story, output, page, title, short_title, subject, language, author, progress, colours,
                     anchors, people, quotes)
        return doc.page, anchors
    with replacing(output) as temp:
        doc = _build(story, str(temp), page, title, short_title, subject, language, author, progress, colours,
                     anchors, people, quotes)
    return doc.page, anchors


def _build(story, target, page, title, short_title, subject, language, author, progress, colours, anchors, people,
           quotes):
    doc = BookletDocTemplate(target, page, short_title, colours, quotes, title=title, subject=subject,
                             author=author, creator="booklet", lang=language)
    if progress is not None:
        doc.setProgressCallBack(_progress_adapter(progress, len(story)))
    doc.build(story, canvasmaker=_recording(anchors, people))
    return doc


def _progress_adapter(progress, total: int):
    """ReportLab's (kind, value) progress events -> progress(flowables done, flowables in all)."""

    def callback(kind: str, value: int) -> None:
        if kind == "PROGRESS":
            progress(value, total)

    return callback


def _recording(anchors: dict[str, int], people: dict | None = None):
    """A BookletCanvas class whose anchor pages end up in `anchors` (and people's pages in `people`) when the
    PDF is saved."""

    class RecordingCanvas(BookletCanvas):
        def save(self):
            if people is None:  # the booklet's pages laid out, not a pass learning where people are (learn_people)
                alive_to_the_end()
            super().save()
            anchors.update(self.anchor_pages)
            if people is not None:
                people.update(self.people_pages)
            _release(self)

    return RecordingCanvas


def _release(canv) -> None:
    """After the PDF is written: the links that hold ReportLab's document objects in reference cycles (the
    document's tables of its objects, the canvas's destinations) are cut, so those objects (tens of thousands
    in a big booklet) are freed at once instead of by the cyclic garbage collector, which would otherwise go
    through all of them (before the next warm build: see cache.memory._settle). Nothing reads them after the
    save."""
    canv._destinations.clear()
    canv._doc.__dict__.clear()


def strip_pdf(width: float, height: float, draw) -> bytes:
    """A one-page PDF `width` x `height` points, in memory, that `draw(canvas)` draws (a perfect-bound cover's spine
    strip: printing.cover lays it between the back and front cover); the same bytes for the same drawing."""
    import io

    register_fonts()
    serialise.install()
    buffer = io.BytesIO()
    canv = Canvas(buffer, pagesize=(width, height), invariant=1, initialFontName=SANS)  # (no Helvetica named)
    draw(canv)
    canv.showPage()
    canv.save()
    return buffer.getvalue()
