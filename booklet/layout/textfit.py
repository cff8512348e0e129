"""Blocks of user text -> paragraphs shrunk until they fit a fixed box (cover and back cover)."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from ..text import markup
from .flowables import Para


def fit_block(parts: list[tuple[str, ParagraphStyle, float]], width: float, height: float):
    """[(text, style, space_after)] -> (paragraphs with sizes, total height), scaled down to fit.

    Never fails: at the smallest scale the block is returned as it is, and the caller clips it.
    """
    scale = 1.0
    while True:
        laid = []
        total = 0.0
        for text, style, space in parts:
            scaled = ParagraphStyle(style.name + "-fit", parent=style, fontSize=style.fontSize * scale,
                                    leading=style.leading * scale)
            para = Para(markup.inline(text), scaled)
            _, h = para.wrap(width, 10_000)
            laid.append((para, h, space * scale))
            total += h + space * scale
        if total <= height or scale < 0.3:
            return laid, total
        scale *= 0.88


def draw_block(canv, laid, x: float, start: float, box: tuple[float, float, float]) -> None:
    """Draw paragraphs from fit_block downwards from `start`, clipped to `box` (width, bottom, top)
    widened by 2 mm, so text that could not be shrunk enough never runs over what is below."""
    width, bottom, top = box
    canv.saveState()
    path = canv.beginPath()
    path.rect(0, bottom - 2 * mm, width, top - bottom + 4 * mm)
    canv.clipPath(path, stroke=0, fill=0)
    y = start
    for para, h, space in laid:
        y -= h
        para.drawOn(canv, x, y)
        y -= space
    canv.restoreState()
