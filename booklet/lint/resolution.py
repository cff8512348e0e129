"""Every image the booklet prints, at the size the layout gives it -> warnings for those below print resolution.

The sizes come from layout.placed (the layout's own geometry), so `check` finds what `build`
would print and what `booklet preflight` would call a fault, without laying the booklet out.
"""

from __future__ import annotations

from reportlab.lib.units import mm

from .. import images
from ..model import Booklet, Source
from ..problems import Problem
from .mentions import file_order

BLURRED_DPI = 150  # below this an image visibly blurs in print
DPI_SLACK = 0.5  # 299.6 dpi rounds to 300: as preflight, not worth a warning


def check_resolution(booklet: Booklet, page) -> list[Problem]:
    """`page` is the layout's Page (trim size and bleed: the cover art runs into the bleed)."""
    from ..layout.placed import placed_images

    worst = {}  # path -> (dpi, Placed): an image placed twice (the logo) is judged where it is coarsest
    uses: dict = {}  # path -> how many times it prints
    for placed in placed_images(booklet, page):
        dpi = placed.dpi()
        uses[placed.path] = uses.get(placed.path, 0) + 1
        if placed.path not in worst or dpi < worst[placed.path][0]:
            worst[placed.path] = (dpi, placed)
    problems = []
    for path, (dpi, placed) in worst.items():
        thin = _thin(placed)
        if thin is not None:
            source = booklet.image_sources.get(path) or Source("", 0, "")
            problems.append(Problem(source.file, source.line, source.key, thin, "warning", "thin-image"))
        if dpi >= images.PRINT_DPI - DPI_SLACK:
            continue
        source = booklet.image_sources.get(path) or Source("", 0, "")
        width, height = placed.printed()
        size = _size(width, height)
        need = f"{round(width / 72 * images.PRINT_DPI)} \u00d7 {round(height / 72 * images.PRINT_DPI)} pixels"
        verdict = (" and will print blurred" if dpi < BLURRED_DPI
                   else f", below the {images.PRINT_DPI} dpi that print needs ('booklet preflight' fails it)")
        where = f"as {placed.use}, the largest of the {uses[path]} places it prints" if uses[path] > 1 else ""
        at = f"at its printed size ({size}{', ' + where if where else ''})"
        problems.append(Problem(source.file, source.line, source.key,
                                f"{path.name} is {dpi:.0f} dpi {at}{verdict}; {images.PRINT_DPI} dpi needs {need}",
                                "warning", "low-resolution"))
    problems += _pdf_page_images(booklet, page)
    return sorted(problems, key=file_order)


def _pdf_page_images(booklet: Booklet, page) -> list[Problem]:
    """A warning for each extra page's PDF whose coarsest image prints below print resolution, the PDF's page
    scaled as the layout fits it in the text block: preflight fails such a page in the booklet, and a --cmyk build,
    which renders the page at 300 dpi, hides it from preflight but prints it no sharper."""
    from ..layout import pdfpage
    from .extras import placed_facts

    problems = []
    for extra, source, coarsest, scale in placed_facts(booklet, page, pdfpage.coarsest_image):
        dpi = coarsest[2] / scale
        if not scale > 0 or dpi >= images.PRINT_DPI - DPI_SLACK:
            continue
        verdict = (" and will print blurred" if dpi < BLURRED_DPI
                   else f", below the {images.PRINT_DPI} dpi that print needs")
        pixels = f"{coarsest[0]} \u00d7 {coarsest[1]} pixels"
        problems.append(Problem(
            source.file, source.line, source.key,
            f"{extra.file.name} holds an image of {pixels} that is {dpi:.0f} dpi as the page prints (fitted in the "
            f"text block at {scale:.0%} of its size){verdict} ('booklet preflight' fails it; a --cmyk build renders "
            f"the page at {images.PRINT_DPI} dpi, no sharper): export the page with its images at "
            f"{images.PRINT_DPI} dpi or more at the size it prints",
            "warning", "low-resolution"))
    return problems


THINNEST = 2 * mm  # an image fitted in its place narrower or lower than this, and than a tenth of its place ...


def _thin(placed) -> str | None:
    """What to say of an image whose proportions are so far from its place's that it prints as a sliver (a photo of
    1 x 20,000 pixels), else None. (Its dpi along its long side can be fine: no other warning said so.)"""
    if placed.crop:
        return None
    width, height = placed.printed()
    if min(width, height) >= THINNEST or (width >= placed.width / 10 and height >= placed.height / 10):
        return None
    pixels = images.size(placed.path)
    return (f"{placed.path.name} prints {_size(width, height)} as {placed.use or 'placed'}: its "
            f"{pixels[0]} × {pixels[1]} pixels are far from its place's proportions "
            f"({_size(placed.width, placed.height)}); crop it to them")


def _size(width: float, height: float) -> str:
    """A printed size in millimetres: '22 × 27.5 mm'; with a side under 0.05 mm, which one decimal shows as 0 (a photo
    of 10,000 x 10 pixels printed '22 × 0 mm'), each side with its unit: '22 mm × under 0.1 mm'."""
    sides = _mm(width), _mm(height)
    if None in sides:
        return " \u00d7 ".join(f"{side or 'under 0.1'} mm" for side in sides)
    return f"{sides[0]} \u00d7 {sides[1]} mm"


def _mm(points: float) -> str | None:
    """Millimetres to one decimal, without a trailing '.0': 22, 27.5, 139.6, 0.4; None for less than 0.05 mm (one
    decimal would show it as 0: _size says it is under 0.1)."""
    shown = f"{points / mm:.1f}".removesuffix(".0")
    return None if shown == "0" and points > 0 else shown
