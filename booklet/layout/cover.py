"""The conference -> the front cover page (title, dates, venue, welcome, tagline, logo, cover art)."""

from __future__ import annotations

import datetime as dt

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, NextPageTemplate, PageBreak

from .. import images
from ..text import dates
from ..text.fonts import BODY, SANS
from ..model import Conference
from .common import Context
from .styles import ACCENT, GREY, INK
from .textfit import CLIP_ROOM, draw_block, fit_block, fit_scaled


COVER_ART_SHARE = 0.46  # of the page height, from the top
LOGO_SIZE = 22 * mm


def format_dates(start: dt.date, end: dt.date, language: str = "en") -> str:
    """'13 – 17 September 2027', '22.–26. Juli 2019', '29 septembre – 3 octobre 2027' (CLDR's ranges)."""
    return dates.at_line_start(dates.date_range(start, end, language))


class CoverPage(Flowable):
    """The whole front cover, drawn on a full-page frame."""

    def __init__(self, conference: Conference, page):
        super().__init__()
        self.conference = conference
        self.page = page

    def wrap(self, availWidth, availHeight):
        self.width, self.height = availWidth, availHeight
        return availWidth, availHeight

    def draw(self):
        canv, page, conf = self.canv, self.page, self.conference
        art = art_box(page)  # art that reaches the edge runs on into the bleed
        b = page.bleed
        art_height = page.height * COVER_ART_SHARE
        canv.saveState()
        if conf.cover_image:
            _draw_cropped(canv, conf.cover_image, *art, cmyk=page.cmyk)
        else:
            canv.setFillColor(ACCENT)
            canv.rect(*art, stroke=0, fill=1)
        canv.setFillColor(ACCENT)
        canv.rect(-b, page.height - art_height - 2.2 * mm, page.width + 2 * b, 2.2 * mm, stroke=0, fill=1)
        canv.restoreState()
        self._draw_text(text_top(page))

    def _draw_text(self, top: float) -> None:
        canv, page, conf = self.canv, self.page, self.conference
        parts, bottom = cover_text(conf, page, top)
        laid, _ = fit_block([part[1:] for part in parts], page.text_width, top - bottom)
        draw_block(canv, laid, page.margin, top, (page.width, bottom, top))
        if conf.logo:
            draw_fitted(canv, conf.logo, page.width - page.margin - LOGO_SIZE, page.margin * 0.8, LOGO_SIZE,
                        LOGO_SIZE, cmyk=page.cmyk)


def text_top(page) -> float:
    """Where the cover's text starts, under the cover art."""
    return page.height - page.height * COVER_ART_SHARE - 12 * mm


def cover_text(conf: Conference, page, top: float):
    """([(conference key, text, style, space after)], bottom of the text box) of the front cover."""
    size = page.base_size
    bottom = page.margin + (LOGO_SIZE if conf.logo else 0)
    parts = []
    if conf.welcome:
        parts.append(("welcome", conf.welcome, text_style("welcome", SANS, size * 1.05, ACCENT), size * 0.6))
    parts.append(("title", conf.title, text_style("title", SANS + "-Bold", size * 2.5, INK), size * 0.5))
    if conf.subtitle:
        parts.append(("subtitle", conf.subtitle, text_style("subtitle", SANS, size * 1.35, INK), size * 1.1))
    parts.append(("dates", format_dates(conf.start, conf.end, conf.language),
                  text_style("dates", SANS + "-Bold", size * 1.15, ACCENT), 2))
    parts.append(("venue", conf.venue, text_style("venue", SANS, size * 1.05, INK), size * 1.1))
    if conf.tagline:
        parts.append(("tagline", conf.tagline, text_style("tagline", BODY + "-Italic", size * 1.0, GREY), 0))
    return parts, bottom


def cover_fit(conf: Conference, page) -> tuple[float, list[str]]:
    """How far the front cover's text is shrunk to fit (1.0: not at all), and the conference keys
    whose text it cannot show whole even shrunk as far as it goes (cut off at the bottom)."""
    top = text_top(page)
    parts, bottom = cover_text(conf, page, top)
    laid, total, scale = fit_scaled([part[1:] for part in parts], page.text_width, top - bottom)
    cut, y = [], top
    for (key, *_), (_, height, space) in zip(parts, laid):
        y -= height
        if y < bottom - CLIP_ROOM:
            cut.append(key)
        y -= space
    return scale, cut


def text_style(name: str, font: str, size: float, color) -> ParagraphStyle:
    return ParagraphStyle(name, fontName=font, fontSize=size, leading=size * 1.2, textColor=color,
                          splitLongWords=1)


def art_box(page) -> tuple[float, float, float, float]:
    """x, y, width, height of the cover art: the top of the page, into the bleed."""
    art_height = page.height * COVER_ART_SHARE
    b = page.bleed
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


def _draw_cropped(canv, path, x: float, y: float, width: float, height: float, cmyk: bool = False) -> None:
    """The image scaled to cover the box, cut to it, at print resolution."""
    image = images.load(path)
    image = image.crop(cover_crop(image.size, width, height))
    image = images.downsample(image, width, height)
    if cmyk:
        image = images.to_cmyk(image)
    canv.drawImage(images.pdf_image(image), x, y, width, height, mask="auto")


def draw_fitted(canv, path, x: float, y: float, width: float, height: float, cmyk: bool = False) -> None:
    """The image scaled to fit inside the box, centred, keeping its proportions."""
    image = images.for_print(path, width, height, cmyk)
    scale = min(width / image.width, height / image.height)
    w, h = image.width * scale, image.height * scale
    canv.drawImage(images.pdf_image(image), x + (width - w) / 2, y + (height - h) / 2, w, h, mask="auto")


def build_cover(ctx: Context) -> list:
    """The front cover (its images' resolution is checked by lint, see layout.placed)."""
    return [CoverPage(ctx.booklet.conference, ctx.page), NextPageTemplate("inner"), PageBreak()]
