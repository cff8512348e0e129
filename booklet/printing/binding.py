"""A page count -> how the book is bound: saddle stitch up to a limit, perfect binding (glued, a spine) above it,
and how wide that spine is (given, or estimated from the leaves at a stated paper thickness)."""

from __future__ import annotations

from dataclasses import dataclass

from .paper import mm_text
from .units import POINTS_PER

MM = POINTS_PER["mm"]
COVER_PAGES = 4  # front, inside front, inside back, back: on the cover stock, or the cover board of a glued book
# The most pages saddle stitching takes: 24 sheets of 80 g/m2 paper folded and nested (printers give 64 to 100 by the
# paper; a conference's booklet of 76 pages is stitched); a thicker booklet does not close flat, its inner sheets
# stick out by millimetres, and staples do not reach through it.
SADDLE_STITCH_MOST = 96
# One leaf (two pages) of 80 g/m2 uncoated offset paper, about 100 micrometres: what the spine is estimated with.
LEAF = 0.1 * MM
PAPER = "80 g/m2 offset paper"


@dataclass(frozen=True)
class Spine:
    """A perfect-bound book's spine: its width (points), the leaves of the text block, and whether it was estimated."""

    width: float
    leaves: int
    estimated: bool

    @property
    def text(self) -> str:
        """'spine 41.6 mm: 416 leaves at 0.1 mm; pass --spine with your printer's figure', or 'spine 40 mm (as
        given)'."""
        if not self.estimated:
            return f"spine {mm_text(self.width)} mm (as given)"
        return (f"spine {mm_text(self.width)} mm: {self.leaves} leaves at {mm_text(LEAF)} mm ({PAPER}); "
                "pass --spine with your printer's figure")


def leaves(pages: int) -> int:
    """The leaves (sheets of the text block, two pages each) of `pages` pages."""
    return (pages + 1) // 2


def spine_for(pages: int, width: float | None = None) -> Spine:
    """The spine of a text block of `pages` pages: `width` (points) as given, else estimated at LEAF a leaf."""
    count = leaves(pages)
    if width is not None:
        return Spine(width, count, False)
    return Spine(count * LEAF, count, True)


def saddle_stitched(pages: int) -> bool:
    """Whether `pages` pages can be saddle-stitched (folded and stapled) at all."""
    return pages <= SADDLE_STITCH_MOST


def perfect_bound(pages: int, cover_spread: bool = False) -> bool:
    """Whether a book of `pages` pages (its cover included) is perfect-bound (glued): its cover is a spread with the
    spine (booklet build --cover spread), or it has more pages than saddle stitch takes. The one rule by which
    `booklet build` pads the page count and `booklet preflight` judges it."""
    return cover_spread or not saddle_stitched(pages)


def pages_per_unit(pages: int, cover_spread: bool = False) -> int:
    """What the page count of a book of `pages` pages must be a multiple of: 2 when it is perfect-bound (glued in
    leaves of two pages), 4 when it is saddle-stitched (folded four pages to a sheet). A count made up to it stays on
    the same side of SADDLE_STITCH_MOST (a multiple of 4 itself): a book padded to be stitched can be stitched."""
    return 2 if perfect_bound(pages, cover_spread) else 4


@dataclass(frozen=True)
class ByBinding:
    """Padding as the binding asks (booklet build's default, `--pad-to auto`): the page count made up to a multiple of
    pages_per_unit, judged on the count it comes to."""

    cover_spread: bool = False

    def multiple(self, pages: int) -> int:
        """What a book of `pages` pages, before padding, is made up to a multiple of."""
        return pages_per_unit(pages, self.cover_spread)


@dataclass(frozen=True)
class Fixed:
    """Padding to a fixed multiple (`--pad-to N`): the page count made up to a multiple of `pages` whatever the count
    (1: no padding). Asked as ByBinding is."""

    pages: int

    def multiple(self, pages: int) -> int:
        """What a book of `pages` pages, before padding, is made up to a multiple of: always `self.pages`."""
        return self.pages


UNPADDED = Fixed(1)  # no padding: any page count is a multiple of 1


def binding_fact(pages: int) -> str:
    """Preflight's line about binding a booklet of `pages` pages, its cover included. A perfect-bound book's four
    cover pages are the cover board, not leaves of the text block: the spine is estimated from the others, as
    `booklet build --cover spread` estimates it."""
    if saddle_stitched(pages):
        return f"Binding: saddle stitch is fine ({pages} page{'s' * (pages != 1)}; up to {SADDLE_STITCH_MOST})"
    spine = spine_for(max(pages - COVER_PAGES, 0))
    return (f"Binding: perfect binding ({pages} pages, more than the {SADDLE_STITCH_MOST} pages saddle stitch takes); "
            f"spine about {mm_text(spine.width)} mm (the text block's {spine.leaves} leaves, the cover's 4 pages "
            f"left out, at {mm_text(LEAF)} mm, {PAPER}; ask your printer)")


def part_binding_fact(part: str, book_pages: int, spine: float | None) -> str:
    """Preflight's binding line for one file of a book printed in two (`part` 'text block' or 'cover'): the book's
    binding, judged on all its `book_pages` pages, not the file's; a perfect-bound text block's `spine` (points) is
    the one its cover spread was made with."""
    if spine is not None:
        return (f"Binding: perfect binding, spine {mm_text(spine)} mm as on its cover spread (the text block's "
                f"{book_pages - COVER_PAGES} pages, {leaves(book_pages - COVER_PAGES)} leaves)")
    other = "text block" if part == "cover" else "cover"
    fact = binding_fact(book_pages)
    return fact.replace(f"({book_pages} pages", f"({book_pages} pages with the {other}", 1)


def too_many_to_stitch(pages: int) -> str | None:
    """`booklet impose`'s warning for a booklet of `pages` pages too thick to saddle-stitch, or None."""
    if saddle_stitched(pages):
        return None
    return (f"{pages} pages are more than saddle stitching folds (up to {SADDLE_STITCH_MOST}): the spreads fold "
            "and staple badly; for a book this thick, perfect binding ('booklet build --cover spread' makes its "
            "cover) prints the single pages, not spreads")
