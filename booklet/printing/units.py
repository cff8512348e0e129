"""Lengths as people write them ('3mm', '0.125in', '8.5pt', '0') -> points."""

from __future__ import annotations

import re

POINTS_PER = {"pt": 1.0, "mm": 72 / 25.4, "cm": 72 / 2.54, "in": 72.0}
_LENGTH = re.compile(r"^\s*(-?)\s*(\d+(?:\.\d*)?|\.\d+)\s*(mm|cm|pt|in)?\s*$", re.I)

# The lengths a user may set, with the range that makes sense for each (in points): checked by the
# command line and by the library functions that take them, so no caller can pass 10^20 mm.
RANGES = {
    "bleed": (0.0, 20 * POINTS_PER["mm"]),  # printers ask for 2-5 mm
    "creep": (0.0, 2 * POINTS_PER["mm"]),  # per sheet; 0.05-0.2 mm for ordinary paper
    "safe-margin": (0.0, 50 * POINTS_PER["mm"]),
    "spine": (0.0, 80 * POINTS_PER["mm"]),  # a perfect-bound book's: a glued spine wider than 80 mm does not hold
}


def parse_length(text: str) -> float:
    """Points for a length like '3mm', '0.125in', '8pt' or '0'; ValueError with a readable reason otherwise."""
    match = _LENGTH.match(str(text))
    if not match:
        raise ValueError(f"'{text}' is not a length; write a number with mm, cm, pt or in, like 3mm")
    number, unit = float(match.group(2)), (match.group(3) or "").lower()
    if match.group(1) and number != 0:  # '-0' and '-0mm' are 0, as written without the sign
        raise ValueError(f"'{text}' is negative; a length is 0 or more, like 3mm")
    if not unit:
        if number != 0:
            raise ValueError(f"'{text}' needs a unit: mm, cm, pt or in (like 3mm)")
        return 0.0
    return number * POINTS_PER[unit]


def check_range(name: str, points: float) -> float:
    """`points` when it is within the range set for option `name`, else ValueError saying the range."""
    low, high = RANGES[name]
    if not (low <= points <= high):  # also false for nan
        raise ValueError(f"{name} must be between {_mm(low)} and {_mm(high)}, not {_mm(points)}")
    return points


def _mm(points: float) -> str:
    millimetres = points / POINTS_PER["mm"]
    if millimetres != millimetres or abs(millimetres) > 1e6:
        return "more than a kilometre" if millimetres == millimetres else "not a number"
    return f"{millimetres:g} mm"
