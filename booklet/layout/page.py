"""A page size name -> the page geometry (trim size, margins, columns) every layout module uses."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.pagesizes import A4, A5, letter
from reportlab.lib.units import mm

PAGE_SIZES = {
    "A5": A5,
    "A4": A4,
    "B5": (176 * mm, 250 * mm),
    "letter": letter,
}


@dataclass(frozen=True)
class Page:
    """Trim size and the text block inside it, in points."""

    name: str
    width: float
    height: float
    margin: float
    top: float
    bottom: float
    base_size: float

    @property
    def text_width(self) -> float:
        return self.width - 2 * self.margin

    @property
    def text_height(self) -> float:
        return self.height - self.top - self.bottom

    @property
    def max_tracks(self) -> int:
        """How many parallel sessions fit side by side."""
        return max(1, int(self.text_width // (56 * mm)))


def page_for(name: str) -> Page:
    width, height = PAGE_SIZES[name]
    small = width < 160 * mm
    margin = 15 * mm if small else 20 * mm
    return Page(
        name=name,
        width=width,
        height=height,
        margin=margin,
        top=margin + 4 * mm,
        bottom=margin + 2 * mm,
        base_size=9.5 if small else (10.0 if width < 180 * mm else 10.5),
    )
