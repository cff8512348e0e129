"""Paper names ('A4', 'letter') <-> sizes in points, sizes -> readable millimetres and points, and the thinnest line
print holds."""

from __future__ import annotations

from .units import POINTS_PER

MM = POINTS_PER["mm"]
THIN_LINE = 0.25  # points: a stroke thinner than this as printed (a hairline) may break up or vanish on the plate
# per cent: the most total ink (C + M + Y + K) a --cmyk build separates to and preflight lets through unless told
# (--ink-limit), and the limits one may be told (K alone takes 100 %: a lower limit cannot print black)
INK_LIMIT = 300
INK_LIMITS = (100, 400)

# Portrait width x height in points.
PAPER_SIZES: dict[str, tuple[float, float]] = {
    "A3": (297 * MM, 420 * MM),
    "A4": (210 * MM, 297 * MM),
    "A5": (148 * MM, 210 * MM),
    "A6": (105 * MM, 148 * MM),
    "B5": (176 * MM, 250 * MM),
    "SRA3": (320 * MM, 450 * MM),
    "letter": (612.0, 792.0),
    "legal": (612.0, 1008.0),
    "tabloid": (792.0, 1224.0),
}

SHEETS = ("A4", "A3", "letter", "tabloid")  # what `booklet impose --sheet` offers


def sheet_size(name: str) -> tuple[float, float]:
    """Landscape width x height in points of a sheet named like 'A4' or 'letter' (any case)."""
    by_lower = {key.lower(): key for key in PAPER_SIZES}
    key = by_lower.get(name.lower())
    if key is None:
        raise ValueError(f"unknown sheet '{name}'; choose one of {', '.join(SHEETS)}")
    width, height = PAPER_SIZES[key]
    return max(width, height), min(width, height)


def paper_name(width: float, height: float, tolerance: float = 1.5) -> str | None:
    """'A5' (or 'A5 landscape') for a size within `tolerance` points of a standard one, else None."""
    for name, (w, h) in PAPER_SIZES.items():
        if abs(width - w) <= tolerance and abs(height - h) <= tolerance:
            return name
        if abs(width - h) <= tolerance and abs(height - w) <= tolerance:
            return f"{name} landscape"
    return None


def mm_text(points: float) -> str:
    """A length in points as millimetres, as people write them: '148', '3', '2.5'."""
    value = round(points / MM, 1)
    return f"{value:g}"


INCH_SIZES = ("letter", "legal", "tabloid")  # named and cut in inches: said in inches too


def size_text(width: float, height: float) -> str:
    """'148 x 210 mm (A5)', '215.9 x 279.4 mm (letter, 8.5 x 11 in)' or '150 x 200 mm'."""
    name = paper_name(width, height)
    text = f"{mm_text(width)} x {mm_text(height)} mm"
    if name and name.split()[0] in INCH_SIZES:  # (the named size's inches, not the measured: within tolerance)
        w, h = PAPER_SIZES[name.split()[0]]
        w, h = (h, w) if name.endswith("landscape") else (w, h)
        name += f", {w / 72:g} x {h / 72:g} in"
    return f"{text} ({name})" if name else text


def line_width_text(width: float) -> str:
    """A line's width as printed: '0.1 pt', or '0 pt, the thinnest the device draws' (PDF's `0 w`)."""
    return "0 pt, the thinnest the device draws" if width == 0 else f"{points_text(width)} pt"


def points_text(points: float) -> str:
    """Points to two decimals, as people write them: '0.25', '0.1'; '0.01' for less, but not none."""
    return f"{points:.2f}".rstrip("0").rstrip(".") if points >= 0.005 else "0.01"
