"""The Booklet model and a page -> every image the layout places and the box it is drawn in, without laying out.

The boxes come from the constants and functions the layout draws with (the cover art box, the
logo sizes, the photo size, the cover crop), so a resolution computed here is the resolution
the image has in the PDF, which is what `booklet preflight` measures.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .. import images
from ..model import Booklet
from .backmatter import BACK_LOGO_SIZE
from .common import PHOTO_HEIGHT, PHOTO_WIDTH, abstract_photo
from .cover import LOGO_SIZE, art_box, cover_crop
from .extras import placed_pages
from .sponsors import logo_boxes
from .page import Page


@dataclass(frozen=True)
class Placed:
    """One image as the layout places it: fitted inside a box of `width` x `height` points, or,
    when `crop`, scaled to cover the box and cut to it (the cover art)."""

    path: Path
    width: float
    height: float
    crop: bool = False
    use: str = ""  # what it is printed as, in words: "the cover art", "a speaker's photo"

    def printed(self) -> tuple[float, float]:
        """The size it prints at, in points: the box when it is cropped to it; else the image fitted in it."""
        if self.crop:
            return self.width, self.height
        width, height = images.size(self.path)
        scale = min(self.width / width, self.height / height)
        return width * scale, height * scale

    def dpi(self) -> float:
        """Pixels per inch as drawn, the lower of the two directions (as preflight measures it).

        Images are downsampled to about 300 dpi for print, never up: below that this is also the
        resolution in the PDF."""
        if not self.crop:
            return images.effective_dpi(self.path, self.width, self.height)
        left, top, right, bottom = cover_crop(images.size(self.path), self.width, self.height)
        return 72 * min((right - left) / self.width, (bottom - top) / self.height)


def placed_images(booklet: Booklet, page: Page) -> list[Placed]:
    """Every image the booklet prints at `page` (its trim size and bleed), in the order they print:
    cover art, cover logo, abstract photos, presenters' photos, extra pages, sponsors' logos, back-cover logo
    (extra pages and sponsors wherever theme.yaml puts them: their order matters to no one)."""
    conference = booklet.conference
    placed = []
    art = art_box(page, booklet.theme.cover_style)
    if conference.cover_image and art:
        _, _, width, height = art
        placed.append(Placed(conference.cover_image, width, height, crop=True, use="the cover art"))
    if conference.logo and booklet.theme.logo_place != "none":
        placed.append(Placed(conference.logo, LOGO_SIZE, LOGO_SIZE, use="the logo on the cover"))
    for abstract in booklet.abstracts:  # every abstract gets a page, in the programme or not
        photo = abstract_photo(abstract)
        if photo:
            placed.append(Placed(photo, PHOTO_WIDTH, PHOTO_HEIGHT, use="a speaker's photo"))
    for tutorial in booklet.tutorials:
        placed += [Placed(p.photo, PHOTO_WIDTH, PHOTO_HEIGHT, use="a presenter's photo")
                   for p in tutorial.presenters if p.photo]
    placed += [Placed(path, width, height, use="an extra page")
               for path, width, height in placed_pages(booklet, page)]
    if "sponsors" in booklet.theme.sections:
        placed += [Placed(s.logo, width, height, use="a sponsor's logo")
                    for s, width, height in logo_boxes(booklet, page) if s.logo]
    if conference.logo:
        placed.append(Placed(conference.logo, BACK_LOGO_SIZE, BACK_LOGO_SIZE, use="the back cover's logo"))
    return placed
