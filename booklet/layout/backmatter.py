"""The conference -> the practical-information pages and the back cover."""

from __future__ import annotations

import html
import re
from copy import copy
from dataclasses import replace
from itertools import groupby

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, NextPageTemplate, PageBreak

from ..data import web
from ..text import markup
from ..model import Conference
from ..printing.binding import UNPADDED, ByBinding, Fixed
from .common import Context
from .cover import cover_style, draw_fitted
from .flowables import Anchor, Gap, Para, Row, _at_top
from .styles import make_palette
from ..text.fonts import BODY, SANS
from .textfit import CLIP_ROOM, Marked, draw_block, fit_block, fit_scaled


_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")  # an address (not a handle such as @conf@fosstodon.org)


def contact_lines(conference: Conference) -> list[tuple[str, str]]:
    """(label key, value) of each way to reach the conference that the data gives (the contact labelled as an email
    address when it is one: under the heading "Contact", its own label is not "Contact" again). A value the fonts print
    nothing of (`hashtag: '#会議'` prints '#'; `hashtag: 会議`, warned of) is left out with its label ("Hashtag" stood
    alone). The web address as data.web prints it: "//example.org" as the link it is, https://example.org."""
    contact, url = conference.contact, conference.url
    email = contact is not None and _EMAIL.fullmatch(markup.plain(contact).strip()) is not None
    pairs = [("email" if email else "contact", contact), ("web", url and web.printed(url)),
             ("hashtag", conference.hashtag)]
    return [(label, value) for label, value in pairs if markup.prints(value)]


_WEB = re.compile(r"(?:https?://|www\.|//)\S+|[\w-]+(?:\.[\w-]+)+(?:/\S*)?", re.I)  # an address, with its scheme or not


def linked(value: str, label: str) -> str:
    """A contact line's value as markup: a link (to write to, to open) when it is an email or a web address, as
    written otherwise."""
    text = markup.inline(value)
    plain = markup.plain(value).strip()
    if label == "email" and _EMAIL.fullmatch(plain):
        target = "mailto:" + plain
    elif web.scheme_problem(plain):  # (a contact of ftp://...: printed, opened by no link)
        return text
    elif (label == "web" and _WEB.fullmatch(plain)
          or label == "contact" and markup.address_spans(plain) == [(0, len(plain))]):  # ("J.Smith" is none)
        target = web_target(plain)
    else:
        return text
    return f'<a href="{html.escape(target, quote=True)}">{text}</a>'


def web_target(address: str) -> str:
    """A web address as a link's target (data.web's one rule: https:// before a bare site)."""
    return web.target(address)


def has_practical(conference: Conference) -> bool:
    """Whether the booklet has a page of practical information: places or QR codes to show. Its contact lines alone
    make none: the back cover gives them (a typesetter's review: a page of one line, "Contact – Web: ...")."""
    return bool(conference.places or conference.qr_codes)


def _printing(text: str | None) -> str | None:
    """`text`, None when the fonts print nothing of it (CJK alone, warned of)."""
    return text if markup.prints(text) else None


def build_practical(ctx: Context) -> list:
    conf = ctx.booklet.conference
    if not has_practical(conf):
        return []
    s = ctx.styles
    story = [Anchor("practical", markup.plain(ctx.label("practical")), 0, section=ctx.label("practical")),
             Para(markup.inline(ctx.label("practical")), s.heading)]
    # a place's name, note or address the fonts print nothing of (CJK alone, warned of) is left out; a place of which
    # nothing prints, too (the heading "Places" over three blank places, a blank line where a name was)
    places = [replace(place, name=_printing(place.name), note=_printing(place.note), address=_printing(place.address))
              for place in conf.places]
    places = [place for place in places if place.name or place.note or place.address]
    if places:
        story.append(Para(markup.inline(ctx.label("places")), s.subheading))
        # a place's name (and its note) never ends a page without the rest of it (its address): it moves on whole
        name_style = ctx.derived(s.body, f"{s.body.name}_place", keepWithNext=1)
        note_style = ctx.derived(s.affiliation, f"{s.affiliation.name}_place", keepWithNext=1)
        for place in places:
            if place.name:
                story.append(Para(f"<b>{markup.inline(place.name)}</b>",
                                  name_style if place.note or place.address else s.body))
            if place.note:
                story.append(Para(markup.inline(place.note), note_style if place.address else s.affiliation))
            if place.address:
                story.append(Para(markup.address(place.address), s.body))
            story.append(Gap(0, s.body.leading * 0.6))  # (nothing at the top of a page)
    lines = contact_lines(conf)
    if lines:
        story.append(Para(markup.inline(ctx.label("contact")), s.subheading))
        label_style = ParagraphStyle("contact-label", parent=s.body, fontName=SANS, textColor=ctx.colours.muted)
        labels = [markup.inline(ctx.label(label)) for label, _ in lines]
        width = min(ctx.page.text_width / 3, max(  # the widest label, in one line
            stringWidth(markup.plain(ctx.label(label)), SANS, label_style.fontSize) for label, _ in lines))
        for text, (label, value) in zip(labels, lines):  # the values aligned after the labels
            story.append(Row([Para(text, label_style)], [Para(linked(value, label), s.body)], width, pad=0))
    if conf.qr_codes:
        story += qr_rows(ctx)
    return story


QR_SIZE = 28 * mm  # a QR code with its quiet zone (4 modules of white around it)
QR_CELL = 36 * mm  # a code and the width of its caption
QR_GAP = 5 * mm  # between two cells of a row


def qr_rows(ctx: Context) -> list:
    """The QR codes in centred rows, as many to a row as the text block holds, each with its caption."""
    style = copy(ctx.styles.small)
    style.alignment = TA_CENTER
    per_row = max(1, int((ctx.page.text_width + QR_GAP) // (QR_CELL + QR_GAP)))
    cell = min(QR_CELL, ctx.page.text_width)
    codes = ctx.booklet.conference.qr_codes
    story = [Gap(0, ctx.styles.body.leading * 1.5)]  # (nothing at the top of a page)
    for start in range(0, len(codes), per_row):
        story.append(QrRow(codes[start:start + per_row], cell, style, ctx.colours.text))
    return story


class QrRow(Flowable):
    """QR codes side by side, centred, drawn as vector squares by ReportLab's encoder, a caption under each."""

    def __init__(self, codes, cell: float, caption_style, colour):
        super().__init__()
        self.codes = codes
        self.cell = cell
        self.colour = colour
        self.captions = [Para(markup.inline(c.caption), caption_style) if c.caption else None for c in codes]

    def wrap(self, availWidth, availHeight):
        heights = [p.wrap(self.cell, availHeight)[1] for p in self.captions if p is not None]
        self.width = availWidth
        self.caption_height = max(heights, default=0.0)
        self.height = QR_SIZE + self.caption_height
        return self.width, self.height

    def draw(self):
        from ..data.extras import qr_modules

        canv, count = self.canv, len(self.codes)
        left = (self.width - count * self.cell - (count - 1) * QR_GAP) / 2
        for index, code in enumerate(self.codes):
            x = left + index * (self.cell + QR_GAP)
            canv.saveState()
            canv.setFillColor(self.colour)
            draw_qr(canv, qr_modules(code.text), x + (self.cell - QR_SIZE) / 2, self.caption_height)
            canv.restoreState()
            caption = self.captions[index]
            if caption is not None:
                caption.drawOn(canv, x, self.caption_height - caption.height)


QR_BORDER = 4  # light modules around the code (ReportLab's QrCode.qrBorder)


def draw_qr(canv, modules, x: float, y: float, size: float = QR_SIZE) -> None:
    """A QR code's modules as ReportLab's QrCode flowable draws them at (x, y), `size` wide and high: a
    rectangle per run of dark modules in a row, each 5% taller than a module (no gaps between rows), in the
    same order and with the same numbers, so the same bytes (tests/test_extras.py compares them)."""
    canv.saveState()
    canv.translate(x, y)
    step = size / (len(modules) + QR_BORDER * 2.0)
    for r, row in enumerate(modules):
        c = 0
        for dark, run in groupby(row):
            count = len(list(run))
            if dark:
                canv.rect((c + QR_BORDER) * step, size - (r + QR_BORDER + 1) * step, count * step, step * 1.05,
                          stroke=0, fill=1)
            c += count
    canv.restoreState()


BACK_LOGO_SIZE = 20 * mm  # the logo at the foot of the back cover


class BackCover(Flowable):
    """The last page: the quote, the notes, how to reach the organisers, the logo."""

    def __init__(self, conference: Conference, page, colours=None, quote: str | None = None, quotes=None):
        super().__init__()
        self.conference = conference
        self.quote = quote  # the quote in the language's quotation marks (the label "quote"; as written without it)
        self.quotes = quotes  # the marks its texts' straight quotes print as (the label "quotes")
        self.page = page
        self.colours = colours or make_palette(process=page.process)

    def wrap(self, availWidth, availHeight):
        return availWidth, availHeight

    def draw(self):
        canv, page, conf = self.canv, self.page, self.conference
        parts, top, bottom = self.parts()
        laid, height = fit_block(parts, page.text_width, top - bottom)
        start = bottom + (top - bottom + height) / 2 if height < top - bottom else top
        draw_block(canv, laid, page.margin, start, (page.width, bottom, top))
        if conf.logo:
            logo = BACK_LOGO_SIZE
            draw_fitted(canv, conf.logo, (page.width - logo) / 2, page.bottom, logo, logo, cmyk=page.process)

    def fit(self) -> tuple[float, bool]:
        """How far the back cover's text is shrunk to fit its page (1.0: not at all; see textfit.fit_scaled), and
        whether it is cut off at the bottom even so."""
        parts, top, bottom = self.parts()
        _, height, scale = fit_scaled(parts, self.page.text_width, top - bottom)
        return scale, height > top - bottom + CLIP_ROOM

    def parts(self) -> tuple[list, float, float]:
        """The blocks of text (text, style, space after) and the top and bottom of the box they are fitted in."""
        page, conf, colours = self.page, self.conference, self.colours
        size = page.base_size
        parts = []
        if conf.quote:
            parts.append((self.quote or conf.quote.text,
                          _centred("quote", BODY + "-Italic", size * 1.3, colours.text, self.quotes), size * 0.5,
                          True))  # (its lines balanced: no word alone on the last)
            if conf.quote.author:
                parts.append((f"\u2014 {conf.quote.author}",
                              _centred("qa", SANS, size * 0.95, colours.muted, self.quotes),
                              size * 2.5))
        for note in conf.notes:
            parts.append((note, _centred("note", BODY, size, colours.text, self.quotes), size * 0.4))
        if conf.notes:
            parts[-1] = (parts[-1][0], parts[-1][1], size * 2.0)
        for label, value in contact_lines(conf):  # (an email or web address a link, as on the information page)
            style = _centred("contact", SANS, size * 0.95, colours.accent, self.quotes)
            parts.append((Marked(linked(value, label)), style, size * 0.3))
        if contact_lines(conf):  # the title set apart from the contact lines above it, as the notes are
            parts[-1] = (parts[-1][0], parts[-1][1], size * 1.5)
        parts.append((conf.title, _centred("title", SANS + "-Bold", size * 1.1, colours.text, self.quotes), 0,
                      True))  # (balanced as the quote is: "...Group on Discourse and / Dialogue" left a word alone)
        logo = BACK_LOGO_SIZE if conf.logo else 0
        return parts, page.height - page.top - 10 * mm, page.bottom + logo + 4 * mm


def _centred(name, font, size, color, quotes):
    style = cover_style(name, font, size, color, quotes)
    style.alignment = 1
    return style


class NotesPage(Flowable):
    """A ruled page for the reader's notes (what pads the booklet to a whole number of sheets)."""

    def __init__(self, heading_style, rule_color, title: str = "Notes"):
        super().__init__()
        self.heading_style = heading_style  # not `style`: platypus would read its keepWithNext
        self.rule_color = rule_color
        self.title = title  # plain text: drawn as it is

    def wrap(self, availWidth, availHeight):
        self.width, self.height = availWidth, availHeight
        return self.width, self.height

    def draw(self):
        canv = self.canv
        canv.start_section(self.title)
        style = self.heading_style
        wide = canv.stringWidth(self.title, style.fontName, style.fontSize)
        # a label wider than the page (theme.yaml's `notes`, up to 120 characters) is set smaller to fit it
        size = style.fontSize if wide <= self.width else style.fontSize * self.width / wide
        canv.setFont(style.fontName, size)
        canv.setFillColor(style.textColor)
        top = self.height - style.fontSize
        canv.drawString(0, top, self.title)
        canv.setStrokeColor(self.rule_color)
        canv.setLineWidth(0.4)
        y = top - 9 * mm
        while y > 0:
            canv.line(0, y, self.width, y)
            y -= 7.5 * mm


class BlankPage(Flowable):
    """A page left blank on purpose, as a book leaves one to bring what follows onto the side it must start on (a
    spread onto facing pages): nothing on it, not even its running head or page number (BookletCanvas.leave_blank).
    Notes pages belong at the back, where they make up the count (PadPages), not in the middle of the book."""

    def wrap(self, availWidth, availHeight):
        self.width, self.height = availWidth, availHeight
        return self.width, self.height

    def draw(self):
        self.canv.leave_blank()


class PadPages(Flowable):
    """At layout time: Notes pages so that the pages so far, plus `after` more, make a multiple of `multiple`
    (binding.Fixed: a number, or binding.ByBinding: 4 for a saddle-stitched book, 2 for a perfect-bound one, judged on
    that count); both are asked the same way (`multiple.multiple(count)`).

    It asks for more room than there is when pages are missing, so platypus splits it into them.
    """

    def __init__(self, multiple: Fixed | ByBinding, after: int, make_page):
        super().__init__()
        self.multiple = multiple
        self.after = after
        self.make_page = make_page

    def _missing(self) -> int:
        before = self._doctemplateAttr("page_offset") or 0  # pages laid out by other processes (output.parallel)
        return self.missing_after(before + self._doctemplateAttr("page"))

    def missing_after(self, pages: int) -> int:
        """The Notes pages wanted after `pages` pages (and before the `after` ones) to make up the count."""
        count = pages + self.after
        return -count % self.multiple.multiple(count)

    def wrap(self, availWidth, availHeight):
        return (0, availHeight + 1) if self._missing() or _at_top(self) else (0, 0)

    def split(self, availWidth, availHeight):
        # at the top of a page nothing is on yet (a part of a build in parts opens with it: the part before ended its
        # page), that page is the first Notes page, not left blank before them
        block = [self.make_page()] if _at_top(self) else []
        for _ in range(self._missing()):
            block += [PageBreak(), self.make_page()]
        return block

    def draw(self):
        pass


def build_back_cover(ctx: Context, pad_to: Fixed | ByBinding = UNPADDED) -> list:
    """Notes pages as needed for a page count that is a multiple of `pad_to` (binding.Fixed: a number, or
    binding.ByBinding: as the binding asks), then the back cover."""
    s = ctx.styles
    notes = markup.plain(ctx.label("notes"))
    padding = [PadPages(pad_to, 1, lambda: NotesPage(s.heading, ctx.colours.rule, notes))] \
        if pad_to != UNPADDED else []
    return [*padding, NextPageTemplate("cover"), PageBreak(), back_cover(ctx)]


def back_cover(ctx: Context) -> BackCover:
    quote = ctx.booklet.conference.quote
    marked = ctx.label("quote", text=quote.text) if quote else None  # in the language's quotation marks
    return BackCover(ctx.booklet.conference, ctx.page, ctx.colours, marked, ctx.quotes)
