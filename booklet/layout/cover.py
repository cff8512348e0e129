"""The conference -> the front cover page (title, dates, venue, welcome, tagline, logo, cover art)."""

from __future__ import annotations

import datetime as dt

from reportlab.lib.pagesizes import A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, NextPageTemplate, PageBreak

from .. import images
from ..text import dates, markup
from ..text.fonts import BODY, SANS
from ..data.theme import quotes_for
from ..model import Conference, Theme
from .common import Context
from .styles import make_palette
from .textfit import CLIP_ROOM, Marked, draw_block, fit_scaled


COVER_ART_SHARE = 0.46  # of the page height, from the top
LOGO_SIZE = 22 * mm


def format_dates(start: dt.date, end: dt.date, language: str = "en") -> str:
    """'13 – 17 September 2027', '22.–26. Juli 2019', '29 septembre – 3 octobre 2027' (CLDR's ranges)."""
    return dates.at_line_start(dates.date_range(start, end, language))


class CoverPage(Flowable):
    """The whole front cover, drawn on a full-page frame, in the theme's style:

    band: the cover image (or the primary colour) across the top, a rule of the primary colour
    under it, the text below; full-bleed: the image (or the colour) over the whole page, the text on
    a paper-white panel; plain: no image, the text on the paper under a short rule of the accent colour."""

    def __init__(self, conference: Conference, page, theme: Theme | None = None, colours=None):
        super().__init__()
        self.conference = conference
        self.page = page
        self.theme = theme or Theme()
        self.colours = colours or make_palette(self.theme, page.process)

    def wrap(self, availWidth, availHeight):
        self.width, self.height = availWidth, availHeight
        return availWidth, availHeight

    def draw(self):
        canv, page, conf, style = self.canv, self.page, self.conference, self.theme.cover_style
        primary = self.colours.primary
        top, _, bottom, (laid, height, _) = cover_laid_out(conf, page, self.theme, self.colours)
        canv.saveState()
        art = art_box(page, style)  # art that reaches the edge runs on into the bleed
        if art:
            if conf.cover_image:
                _draw_cropped(canv, conf.cover_image, *art, cmyk=page.process)
            else:
                canv.setFillColor(primary)
                canv.rect(*art, stroke=0, fill=1)
        canv.setFillColor(primary)
        if style == "band":
            b = page.bleed
            canv.rect(-b, page.height - page.height * COVER_ART_SHARE - 2.2 * mm, page.width + 2 * b, 2.2 * mm,
                      stroke=0, fill=1)
        elif style == "full-bleed":
            x, y, width, panel_height = panel_box(page, self.theme, height)
            canv.setFillColor(self.colours.paper)
            canv.rect(x, y, width, panel_height, stroke=0, fill=1)
            canv.setFillColor(primary)
            canv.rect(x, y + panel_height - 2.2 * mm, width, 2.2 * mm, stroke=0, fill=1)
        else:
            canv.setFillColor(self.colours.accent)
            canv.rect(page.margin, top + 7 * mm, 24 * mm, 1.4 * mm, stroke=0, fill=1)
        canv.restoreState()
        draw_block(canv, laid, page.margin, top, (page.width, bottom, top))
        self._draw_logo()

    def _draw_logo(self) -> None:
        canv, page, conf = self.canv, self.page, self.conference
        place = logo_box(page, self.theme) if conf.logo else None
        if place:
            x, y = place
            if self.theme.cover_style != "plain" and self.theme.logo_place.startswith("top"):
                pad = 2 * mm  # over the cover art: on a paper-white ground, so that any logo shows
                canv.saveState()
                canv.setFillColor(self.colours.paper)
                canv.roundRect(x - pad, y - pad, LOGO_SIZE + 2 * pad, LOGO_SIZE + 2 * pad, pad, stroke=0, fill=1)
                canv.restoreState()
            draw_fitted(canv, conf.logo, x, y, LOGO_SIZE, LOGO_SIZE, cmyk=page.process)


PANEL_PAD = 0.5  # of the page margin: the full-bleed cover's panel reaches this far beyond the text


def text_top(page, style: str = "band") -> float:
    """Where the cover's text starts: under the cover art (band, and the panel of full-bleed), or
    a third of the way down a plain cover."""
    if style == "plain":
        return page.height * (1 - PLAIN_TEXT_SHARE)
    return page.height - page.height * COVER_ART_SHARE - 12 * mm


PLAIN_TEXT_SHARE = 0.36  # of the page height, from the top: where a plain cover's text starts


def panel_box(page, theme: Theme, text_height: float) -> tuple[float, float, float, float]:
    """x, y, width, height of the full-bleed cover's paper-white panel: from above the text down to the
    foot of the page when the logo is there, else to a little below the text (`text_height` high)."""
    pad = page.margin * PANEL_PAD
    top = text_top(page, "full-bleed")
    bottom = pad if theme.logo_place.startswith("bottom") else max(pad, top - text_height - page.margin)
    return (page.margin - pad, bottom, page.text_width + 2 * pad, top + 9 * mm - bottom)


def logo_box(page, theme: Theme) -> tuple[float, float] | None:
    """The lower left corner of the cover logo's LOGO_SIZE box, where the theme puts it (None: no logo)."""
    place = theme.logo_place
    if place == "none":
        return None
    x = page.margin if place.endswith("left") else page.width - page.margin - LOGO_SIZE
    y = page.margin * 0.8 if place.startswith("bottom") else page.height - page.margin * 0.8 - LOGO_SIZE
    return x, y


A5_SIZE = 9.5  # points: the cover's base type size on an A5 page; larger pages in proportion to their width
TAGLINE_MEASURE = 36  # ems: the tagline's longest line (about 75 characters)


def cover_size(page) -> float:
    """The cover's base type size: the type in proportion to the page, an A4 cover's title as large to it as an A5's
    (its text's size was 1.1 times A5's on a page 1.4 times as wide, the lower half of the cover empty)."""
    return max(page.base_size, A5_SIZE * page.width / A5[0])


TITLE_SCALE = 2.5  # the cover's title, to its base size


def cover_text(conf: Conference, page, top: float, theme: Theme | None = None, colours=None):
    """([(conference key, text, style, space after[, balanced])], bottom of the text box) of the front cover."""
    theme = theme or Theme()
    colours = colours or make_palette(theme, page.process)
    ink, accent, muted = colours.text, colours.accent, colours.muted
    quotes = quotes_for(conf.language, theme.labels)

    def text_style(name: str, font: str, size: float, color) -> ParagraphStyle:
        return cover_style(name, font, size, color, quotes)

    size = cover_size(page)
    logo_below = conf.logo and theme.logo_place.startswith("bottom")
    bottom = page.margin + (LOGO_SIZE if logo_below else 0)
    parts = []
    if conf.welcome:
        parts.append(("welcome", conf.welcome, text_style("welcome", SANS, size * 1.05, accent), size * 0.6))
    parts.append(("title", conf.title, text_style("title", SANS + "-Bold", size * TITLE_SCALE, ink), size * 0.5, True))
    if conf.subtitle:
        parts.append(("subtitle", conf.subtitle, text_style("subtitle", SANS, size * 1.35, ink), size * 1.1, True))
    shown = dates.raised_ordinal(markup.inline(format_dates(conf.start, conf.end, conf.language)), conf.language)
    parts.append(("dates", Marked(shown),
                  text_style("dates", SANS + "-Bold", size * 1.15, accent), 2))
    parts.append(("venue", conf.venue, text_style("venue", SANS, size * 1.05, ink), size * 1.1))
    if conf.tagline:
        tagline = text_style("tagline", BODY + "-Italic", size * 1.0, muted)
        tagline.rightIndent = max(0.0, page.text_width - TAGLINE_MEASURE * size)  # lines a reader takes in at once
        parts.append(("tagline", conf.tagline, tagline, 0))
    return parts, bottom


def cover_fit(conf: Conference, page, theme: Theme | None = None) -> tuple[float, list[str]]:
    """How far the front cover's text is shrunk to fit (1.0: not at all), and the conference keys
    whose text it cannot show whole even shrunk as far as it goes (cut off at the bottom)."""
    top, parts, bottom, (laid, _, scale) = cover_laid_out(conf, page, theme or Theme())
    cut, y = [], top
    for (key, *_), (_, height, space) in zip(parts, laid):
        y -= height
        if y < bottom - CLIP_ROOM:
            cut.append(key)
        y -= space
    return scale, cut


LOGO_GAP = 4 * mm  # between the cover's text and a logo beside it


def cover_laid_out(conf: Conference, page, theme: Theme, colours=None):
    """(top, parts, bottom, fit_scaled's (paragraphs, height, scale)) of the front cover's text, as the cover draws it
    and lint measures it: from `top` down to `bottom`, above the logo across the page (cover_text's); or, with the
    logo at the bottom right, down to the margin beside it, narrower by the logo, when the text is then shrunk less
    (a review: a long title set at 14 pt, its tagline at 5.7, above the logo's strip with room beside the logo)."""
    top = text_top(page, theme.cover_style)
    parts, bottom = cover_text(conf, page, top, theme, colours)
    texts = [part[1:] for part in parts]
    across = fit_scaled(texts, page.text_width, top - bottom)
    if conf.logo and theme.logo_place == "bottom-right":
        beside = fit_scaled(texts, page.text_width - LOGO_SIZE - LOGO_GAP, top - page.margin)
        if beside[2] > across[2] + 0.01:
            return top, parts, page.margin, beside
    return top, parts, bottom, across


def cover_style(name: str, font: str, size: float, color, quotes: tuple[str, str, str, str] | None
                ) -> ParagraphStyle:
    """A cover's (or the back cover's) text style; `quotes`: what its straight quotes print as (see Para)."""
    return ParagraphStyle(name, fontName=font, fontSize=size, leading=size * 1.2, textColor=color,
                          splitLongWords=1, quotes=quotes)


def art_box(page, style: str = "band") -> tuple[float, float, float, float] | None:
    """x, y, width, height of the cover art, into the bleed: the top of the page (band), the whole
    page (full-bleed), or None (plain: no art)."""
    b = page.bleed
    if style == "plain":
        return None
    if style == "full-bleed":
        return (-b, -b, page.width + 2 * b, page.height + 2 * b)
    art_height = page.height * COVER_ART_SHARE
    return (-b, page.height - art_height, page.width + 2 * b, art_height + b)


def cover_crop(pixels: tuple[int, int], width: float, height: float) -> tuple[int, int, int, int]:
    """The part of an image of `pixels` (width, height) that covers a box of `width` x `height`
    points, centred: (left, top, right, bottom) in pixels."""
    image_w, image_h = pixels
    box_ratio = width / height
    if image_w / image_h > box_ratio:
        crop_w = round(image_h * box_ratio)
        left = (image_w - crop_w) // 2
        return (left, 0, left + crop_w, image_h)
    crop_h = round(image_w / box_ratio)
    top = (image_h - crop_h) // 2
    return (0, top, image_w, top + crop_h)


def _draw_cropped(canv, path, x: float, y: float, width: float, height: float, cmyk: bool | int = False) -> None:
    """The image scaled to cover the box, cut to it, at print resolution."""
    image = images.printable(path, width, height, cmyk, crop=cover_crop(images.size(path), width, height))
    canv.drawImage(image.reader(), x, y, width, height, mask="auto")


def draw_fitted(canv, path, x: float, y: float, width: float, height: float, cmyk: bool | int = False) -> None:
    """The image scaled to fit inside the box, centred, keeping its proportions."""
    image = images.printable(path, width, height, cmyk)
    scale = min(width / image.width, height / image.height)
    w, h = image.width * scale, image.height * scale
    canv.drawImage(image.reader(), x + (width - w) / 2, y + (height - h) / 2, w, h, mask="auto")


def build_cover(ctx: Context) -> list:
    """The front cover (its images' resolution is checked by lint, see layout.placed)."""
    return [CoverPage(ctx.booklet.conference, ctx.page, ctx.theme, ctx.colours), NextPageTemplate("inner"), PageBreak()]


SPINE_TITLE_LEAST = 5 * mm  # a spine narrower than this carries no title (its type would be too small to read)
SPINE_TYPE_SHARE = 0.45  # of the spine's width: the title's type size (its capitals about a third of the width)
SPINE_TYPE_LEAST = 6.0  # points: a title longer than the spine is set smaller down to this, then cut with an ellipsis


def spine_filled(theme: Theme) -> bool:
    """Whether a perfect-bound cover's spine is filled with the cover's colour: where the cover style fills the
    front cover edge to edge (full-bleed); else the spine is the paper's white, as the cover's edges are."""
    return theme.cover_style == "full-bleed"


def draw_spine(canv, page, width: float, title: str, theme: Theme, colours, quotes=None) -> None:
    """The spine strip of a perfect-bound cover, `width` wide, on a canvas whose origin is its lower left corner at
    the bleed (the strip is page.height + 2 x page.bleed high): filled with the primary colour where the cover is
    (spine_filled), and `title` (markup, as written in the data) in the headings font's bold, reading top to bottom
    (the letters' tops towards the front cover), centred both ways, sized to the spine's width (at most the front
    cover's title size), only when the spine is at least SPINE_TITLE_LEAST wide."""
    from reportlab.pdfbase.pdfmetrics import getFont, stringWidth

    from ..text import markup
    from ..text.quotes import curly_quotes
    from .page import head_paragraph

    bleed, height = page.bleed, page.height
    canv.saveState()
    ink = colours.text
    if spine_filled(theme):
        canv.setFillColor(colours.primary)
        canv.rect(0, 0, width, height + 2 * bleed, stroke=0, fill=1)
        ink = colours.paper
    if width >= SPINE_TITLE_LEAST and title.strip():
        text = markup.inline(title)
        text = curly_quotes(text, quotes) if quotes else text
        font = SANS + "-Bold"
        room = height - 2 * page.margin  # along the spine, the cover's margins clear at head and foot
        size = min(width * SPINE_TYPE_SHARE, cover_size(page) * TITLE_SCALE)

        def wide(para) -> float:
            return sum(stringWidth(f.text, f.fontName, f.fontSize) for f in para.frags)

        natural = wide(head_paragraph(text, font, size, float("inf"), ink))
        if natural > room:
            size = max(SPINE_TYPE_LEAST, size * room / natural)
        para = head_paragraph(text, font, size, room, ink)
        line = min(wide(para), room)
        _, para_height = para.wrap(room + 2, size * 10)
        cap = getFont(font).face.capHeight / 1000 * size
        canv.translate(width / 2, bleed + height / 2)
        canv.rotate(-90)  # the text runs down the spine; its tops face the front cover (right of the spine)
        para.drawOn(canv, -line / 2, -cap / 2 - para_height + size)  # (its baseline cap / 2 below the middle)
    canv.restoreState()
