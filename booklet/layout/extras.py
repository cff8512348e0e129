"""conference.yaml's `extra_pages` -> pages of their own (a venue map), each placed after the section it names.

A page's image or PDF is scaled to fit the text block, centred, in its proportions: a map stays
inside the margins (safe from the trim, with no bleed to prepare) and keeps the page number and
the page's place in the booklet. One wider than high that a quarter turn prints markedly larger
(TURN_GAIN) is turned, as theme.yaml's `extra_pages: {turn: ...}` says: by default counter-clockwise,
its top at the page's left edge, the way books set a broadside table or map. The page carries no
heading and no running head (a map brings its own); its `title` is its entry in the contents and
the outline. A PDF page is drawn as vectors (layout.pdfpage); in a CMYK build it is rendered at
print resolution and converted instead, as booklet cannot convert the colours inside a PDF.
"""

from __future__ import annotations

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


def extra_title(ctx: Context, page: ExtraPage) -> str | None:
    """An extra page's title, its entry in the contents and the outline: the label title_not_printable in place of one
    the fonts print nothing of (CJK alone, warned of: listed as its page number alone, over the entry above it)."""
    if not page.title:
        return None
    return page.title if markup.prints(page.title) else ctx.label("title_not_printable")


def build_extra_page(ctx: Context, index: int, page: ExtraPage) -> list:
    title = extra_title(ctx, page)
    turn = turn_of(page, ctx.page, ctx.theme.extra_page_turn)
    return [Anchor(extra_key(index), markup.plain(title) if title else None, 0, section=title or ""),
            PageImage(page, ctx.page, turn)]


def printed_box(page: Page) -> tuple[float, float]:
    """The box an extra page is fitted in: the text block."""
    return page.text_width, page.text_height


TURN_GAIN = 1.2  # a landscape page is turned when turned it prints at least this much larger (a fifth)
TURNS = {"left": 90, "right": -90}  # theme.yaml's `extra_pages: {turn}` -> degrees counter-clockwise


def own_size(page: ExtraPage) -> tuple[float, float]:
    """The extra page's proportions: a PDF's page size in points, an image's upright size in pixels."""
    return pdfpage.size(page.file) if page.is_pdf else images.size(page.file)


def turn_of(page: ExtraPage, geometry: Page, turn: str) -> int:
    """How far the extra page is turned, in degrees counter-clockwise (0, 90 or -90): a page wider than high whose
    quarter turn fits it in the text block at least TURN_GAIN times larger, turned as `turn` (the theme's) says."""
    if turn not in TURNS:
        return 0
    width, height = own_size(page)
    box_width, box_height = printed_box(geometry)
    if not (width > height > 0) or not box_height > box_width:
        return 0
    upright = min(box_width / width, box_height / height)
    turned = min(box_width / height, box_height / width)
    return TURNS[turn] if turned >= TURN_GAIN * upright else 0


def fitted_box(booklet: Booklet, page: ExtraPage, geometry: Page) -> tuple[float, float]:
    """The box the extra page is fitted in, in the page's own upright frame: the text block, its sides swapped
    when the page is turned."""
    width, height = printed_box(geometry)
    return (height, width) if turn_of(page, geometry, booklet.theme.extra_page_turn) else (width, height)


def placed_pages(booklet: Booklet, page: Page) -> list[tuple[Path, float, float]]:
    """(image, box width, box height) of each extra page that is an image (for the resolution check)."""
    return [(p.file, *fitted_box(booklet, p, page)) for p in booklet.conference.extra_pages if not p.is_pdf]


class PageImage(Flowable):
    """The whole text block: the image or PDF page fitted in it, centred; turned `turn` degrees counter-clockwise
    (0, 90: its top at the left edge, -90: at the right edge)."""

    def __init__(self, page: ExtraPage, geometry: Page, turn: int = 0):
        super().__init__()
        self.page = page
        self.geometry = geometry
        self.turn = turn

    def wrap(self, availWidth, availHeight):
        self.width, self.height = availWidth, availHeight
        return availWidth, availHeight

    def draw(self):
        canv, page, cmyk = self.canv, self.page, self.geometry.process
        width, height = self.width, self.height
        if self.turn:
            canv.saveState()
            if self.turn > 0:
                canv.translate(width, 0)
            else:
                canv.translate(0, height)
            canv.rotate(self.turn)
            width, height = height, width
        if not page.is_pdf:
            draw_fitted(canv, page.file, 0, 0, width, height, cmyk=cmyk)
        elif cmyk:
            own_width, own_height = pdfpage.size(page.file)
            scale = min(width / own_width, height / own_height)
            w, h = own_width * scale, own_height * scale
            image = rendered(page.file, w, h, cmyk)
            canv.drawImage(images.pdf_image(image), (width - w) / 2, (height - h) / 2, w, h)
        else:
            pdfpage.draw_fitted_page(canv, page.file, 0, 0, width, height)
        if self.turn:
            canv.restoreState()


@pdfpage.kept_by_file(8)
def rendered(name: str, width_pt: float, height_pt: float, cmyk: bool | int):
    """The PDF's page as a Pillow image at print resolution for the printed size (in CMYK when asked); kept while
    the file is unchanged (pdfpage.kept_by_file: an edited file is rendered anew)."""
    import pypdfium2

    path = Path(name)
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
    if cmyk and pdfpage.paints_cmyk(path):  # (its black ink rendered as a dark grey: taken back to black)
        image = pdfpage.from_cmyk_rendering(image)
    return images.to_cmyk(image, cmyk) if cmyk else image
