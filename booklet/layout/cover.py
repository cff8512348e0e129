"""The conference -> the front cover page (title, dates, venue, welcome, tagline, logo, cover art)."""

from __future__ import annotations

import datetime as dt

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, NextPageTemplate, PageBreak

from .. import images
from ..fonts import BODY, SANS
from ..model import Conference
from .common import Context
from .styles import ACCENT, GREY, INK
from .textfit import draw_block, fit_block


def format_dates(start: dt.date, end: dt.date) -> str:
    """'13–17 September 2027', '29 September – 3 October 2027', or across years in full."""
    if start == end:
        return f"{start.day} {start:%B %Y}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}\u2013{end.day} {end:%B %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%B} \u2013 {end.day} {end:%B %Y}"
    return f"{start.day} {start:%B %Y} \u2013 {end.day} {end:%B %Y}"


class CoverPage(Flowable):
    """The whole front cover, drawn on a full-page frame."""

    def __init__(self, conference: Conference, page):
        super().__init__()
        self.conference = conference
        self.page = page

    def wrap(self, availWidth, availHeight):
        self.width, self.height = availWidth, availHeight
        return availWidth, availHeight - 1

    def draw(self):
        canv, page, conf = self.canv, self.page, self.conference
        art_height = page.height * 0.46
        canv.saveState()
        if conf.cover_image:
            _draw_cropped(canv, conf.cover_image, 0, page.height - art_height, page.width, art_height)
        else:
            canv.setFillColor(ACCENT)
            canv.rect(0, page.height - art_height, page.width, art_height, stroke=0, fill=1)
        canv.setFillColor(ACCENT)
        canv.rect(0, page.height - art_height - 2.2 * mm, page.width, 2.2 * mm, stroke=0, fill=1)
        canv.restoreState()
        self._draw_text(page.height - art_height - 12 * mm)

    def _draw_text(self, top: float) -> None:
        canv, page, conf = self.canv, self.page, self.conference
        size = page.base_size
        logo_size = 22 * mm if conf.logo else 0
        bottom = page.margin + logo_size
        parts = []
        if conf.welcome:
            parts.append((conf.welcome, _style("welcome", SANS, size * 1.05, ACCENT), size * 0.6))
        parts.append((conf.title, _style("title", SANS + "-Bold", size * 2.5, INK), size * 0.5))
        if conf.subtitle:
            parts.append((conf.subtitle, _style("subtitle", SANS, size * 1.35, INK), size * 1.1))
        parts.append((format_dates(conf.start, conf.end), _style("dates", SANS + "-Bold", size * 1.15, ACCENT), 2))
        parts.append((conf.venue, _style("venue", SANS, size * 1.05, INK), size * 1.1))
        if conf.tagline:
            parts.append((conf.tagline, _style("tagline", BODY + "-Italic", size * 1.0, GREY), 0))
        laid, _ = fit_block(parts, page.text_width, top - bottom)
        canv.saveState()
        path = canv.beginPath()
        path.rect(0, bottom - 2 * mm, page.width, top - bottom + 4 * mm)
        canv.clipPath(path, stroke=0, fill=0)
        draw_block(canv, laid, page.margin, top)
        canv.restoreState()
        if conf.logo:
            _draw_fitted(canv, conf.logo, page.width - page.margin - logo_size, page.margin * 0.8, logo_size, logo_size)


def _style(name: str, font: str, size: float, color) -> ParagraphStyle:
    return ParagraphStyle(name, fontName=font, fontSize=size, leading=size * 1.2, textColor=color,
                          splitLongWords=1)


def _draw_cropped(canv, path, x: float, y: float, width: float, height: float) -> None:
    """The image scaled to cover the box, cut to it, at print resolution."""
    image = images.load(path)
    box_ratio = width / height
    if image.width / image.height > box_ratio:
        crop_w = round(image.height * box_ratio)
        left = (image.width - crop_w) // 2
        image = image.crop((left, 0, left + crop_w, image.height))
    else:
        crop_h = round(image.width / box_ratio)
        top = (image.height - crop_h) // 2
        image = image.crop((0, top, image.width, top + crop_h))
    image = images.downsample(image, width, height)
    canv.drawImage(ImageReader(image), x, y, width, height, mask="auto")


def _draw_fitted(canv, path, x: float, y: float, width: float, height: float) -> None:
    """The image scaled to fit inside the box, centred, keeping its proportions."""
    image = images.for_print(path, width, height)
    scale = min(width / image.width, height / image.height)
    w, h = image.width * scale, image.height * scale
    canv.drawImage(ImageReader(image), x + (width - w) / 2, y + (height - h) / 2, w, h, mask="auto")


def build_cover(ctx: Context) -> list:
    return [CoverPage(ctx.booklet.conference, ctx.page), NextPageTemplate("inner"), PageBreak()]
