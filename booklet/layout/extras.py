"""conference.yaml's `extra_pages` -> pages of their own (a venue map), each placed after the section it names.

A page's image or PDF is scaled to fit the text block, centred, in its proportions: a map stays
inside the margins (safe from the trim, with no bleed to prepare) and keeps the page number and
the page's place in the booklet. The page carries no heading and no running head (a map brings
its own); its `title` is its entry in the contents and the outline. A PDF page is drawn as
vectors (layout.pdfpage); in a CMYK build it is rendered at print resolution and converted
instead, as booklet cannot convert the colours inside a PDF.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from reportlab.platypus import Flowable

from .. import images
from ..model import Booklet, ExtraPage
from ..text import markup
from .common import Context
from .cover import draw_fitted
from .flowables import Anchor
from .page import Page
from . import pdfpage


def extra_key(index: int) -> str:
    return f"extra-{index}"


def place_of(page: ExtraPage, sections: tuple[str, ...]) -> str | None:
    """The section an extra page follows: its `after` when the booklet has that section (or "contents"), else
    None (the end)."""
    return page.after if page.after == "contents" or page.after in sections else None


def pages_after(ctx: Context, name: str | None) -> list[tuple[int, ExtraPage]]:
    """(index, page) of the extra pages that follow section `name` ("contents"; None: the end), in data order."""
    return [(i, p) for i, p in enumerate(ctx.booklet.conference.extra_pages) if place_of(p, ctx.sections) == name]


def build_extra_page(ctx: Context, index: int, page: ExtraPage) -> list:
    title = markup.plain(page.title) if page.title else None
    return [Anchor(extra_key(index), title, 0, section=page.title or ""), PageImage(page, ctx.page)]


def printed_box(page: Page) -> tuple[float, float]:
    """The box an extra page is fitted in: the text block."""
    return page.text_width, page.text_height


def placed_pages(booklet: Booklet, page: Page) -> list[tuple[Path, float, float]]:
    """(image, box width, box height) of each extra page that is an image (for the resolution check)."""
    width, height = printed_box(page)
    return [(p.file, width, height) for p in booklet.conference.extra_pages if not p.is_pdf]


class PageImage(Flowable):
    """The whole text block: the image or PDF page fitted in it, centred."""

    def __init__(self, page: ExtraPage, geometry: Page):
        super().__init__()
        self.page = page
        self.geometry = geometry

    def wrap(self, availWidth, availHeight):
        self.width, self.height = availWidth, availHeight
        return availWidth, availHeight

    def draw(self):
        canv, page, cmyk = self.canv, self.page, self.geometry.cmyk
        if not page.is_pdf:
            draw_fitted(canv, page.file, 0, 0, self.width, self.height, cmyk=cmyk)
        elif cmyk:
            width, height = pdfpage.size(page.file)
            scale = min(self.width / width, self.height / height)
            w, h = width * scale, height * scale
            image = rendered(page.file, w, h, cmyk)
            canv.drawImage(images.pdf_image(image), (self.width - w) / 2, (self.height - h) / 2, w, h)
        else:
            pdfpage.draw_fitted_page(canv, page.file, 0, 0, self.width, self.height)


@lru_cache(maxsize=8)
def rendered(path: Path, width_pt: float, height_pt: float, cmyk: bool):
    """The PDF's page as a Pillow image at print resolution for the printed size (in CMYK when asked)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdfpage.printable(path) or str(path))
    try:
        width, height = pdfpage.size(path)
        # a hair over 300 dpi: the renderer rounds the pixel size down
        scale = max(width_pt / width, height_pt / height) * images.PRINT_DPI / 72 * 1.002
        page = document[0]
        page.set_cropbox(*pdfpage.crop_box(path))  # (the renderer shows the crop box as given, even off the page)
        image = page.render(scale=scale, crop=pdfpage.trim_crop(path), may_draw_forms=False).to_pil().convert("RGB")
    finally:
        document.close()
    return images.to_cmyk(image) if cmyk else image


def forget() -> None:
    """Forget every PDF page read or rendered so far (`booklet watch` reads an edited file anew)."""
    pdfpage.forget()
    rendered.cache_clear()
