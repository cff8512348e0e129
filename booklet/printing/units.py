"""Lengths as people write them ('3mm', '0.125in', '8.5pt', '0') -> points."""

from __future__ import annotations

import re

POINTS_PER = {"pt": 1.0, "mm": 72 / 25.4, "cm": 72 / 2.54, "in": 72.0}
_LENGTH = re.compile(r"^\s*(\d+(?:\.\d*)?|\.\d+)\s*(mm|cm|pt|in)?\s*$", re.I)


def parse_length(text: str) -> float:
    """Points for a length like '3mm', '0.125in', '8pt' or '0'; ValueError with a readable reason otherwise."""
    match = _LENGTH.match(str(text))
    if not match:
        raise ValueError(f"'{text}' is not a length; write a number with mm, cm, pt or in, like 3mm")
    number, unit = float(match.group(1)), (match.group(2) or "").lower()
    if not unit:
        if number != 0:
            raise ValueError(f"'{text}' needs a unit: mm, cm, pt or in (like 3mm)")
        return 0.0
    return number * POINTS_PER[unit]
