"""Blocks of user text -> paragraphs shrunk until they fit a fixed box (cover and back cover)."""

from __future__ import annotations

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from ..text import markup
from ..text.paragraph import NBSP, TITLE_BREAK
from .flowables import Para


CLIP_ROOM = 2 * mm  # text may reach this far beyond its box before it is cut off


class Marked(str):
    """A part's text already in markup (a link made of a contact line, say): not made markup again."""


SMALLEST = 0.3  # of the text's size: a block is never shrunk further (it is cut off instead)
WORDS_WHOLE = 0.5  # of a title's size: smaller, a word too wide for the line is cut between letters after all


def fit_block(parts: list[tuple[str, ParagraphStyle, float]], width: float, height: float):
    """[(text, style, space_after)] -> (paragraphs with sizes, total height), scaled down to fit.

    Never fails: at the smallest scale the block is returned as it is, and the caller clips it.
    """
    return fit_scaled(parts, width, height)[:2]


def fit_scaled(parts: list[tuple], width: float, height: float):
    """fit_block's (paragraphs with sizes, total height), and the scale it took. A part (text, style, space after)
    may have a fourth item, True: its lines are balanced (a title: never "Synthetic Statistics & the Sky / 500");
    a text that is `Marked` is markup already. A balanced part with a word wider than the line ("Wahrscheinlichkeits-
    theoretische" in a title's type) is set smaller, as far as WORDS_WHOLE, until the word fits (it was cut between
    two letters)."""
    scale = 1.0
    while True:
        laid = []
        total = 0.0
        for text, style, space, *balanced in parts:
            marked = text if isinstance(text, Marked) else markup.inline(text)
            own = 1.0  # the part's own scale, below the block's: its words whole
            while True:
                scaled = ParagraphStyle(style.name + "-fit", parent=style, fontSize=style.fontSize * scale * own,
                                        leading=style.leading * scale * own)
                para = Para(marked, scaled)
                _, h = para.wrap(width, 10_000)
                if not (balanced and balanced[0]) or not para._splitLongWordCount or own * 0.94 < WORDS_WHOLE:
                    break
                own *= 0.94
            if balanced and balanced[0]:
                para, h = _balanced(para, marked, scaled, width)
                para._box_width = width  # (a centred one, wrapped narrower, is drawn centred in the box)
            laid.append((para, h, space * scale))
            total += h + space * scale
        if total <= height or scale < SMALLEST:
            return laid, total, scale
        scale *= 0.88


BALANCE_STEPS = 12  # bisections of a balanced paragraph's width: to well under a point


def _balanced(para, text: str, style: ParagraphStyle, width: float):
    """A paragraph of two to four lines (wrapped at `width`; left-aligned or centred) made as narrow as it can be
    without a line more or a word cut, so that its lines are about as long as one another; with its height. A title
    whose main part ends with a colon or a spaced dash before more words is broken there, as a typesetter breaks a
    title at its sense ("... und Kosmologie: / Eine Internationale Tagung", not "... Kosmologie: Eine / Internationale
    Tagung"; paragraph._colon_broken does so for the book's other titles), each part balanced on its own, where that
    takes no line more."""
    lines = para.line_count()
    if not 2 <= lines <= 4 or getattr(para, "_splitLongWordCount", 0):  # (a longer text is no title to balance)
        return para, para.height
    sensed = _at_sense(text, style, width, lines)
    if sensed is not None:
        text, para = sensed
    return _narrowest(para, text, style, width, para.line_count())


def _narrowest(para, text: str, style: ParagraphStyle, width: float, lines: int):
    """`para` (`text` wrapped at `width` in `lines` lines) made as narrow as it can be without a line more or a word
    cut; with its height."""
    low, high, best = width / lines, width, para
    for _ in range(BALANCE_STEPS):
        middle = (low + high) / 2
        trial = Para(text, style)
        trial.wrap(middle, 10_000)
        if trial.line_count() > lines or getattr(trial, "_splitLongWordCount", 0):  # ("Internationalisatio / n")
            low = middle
        else:
            high, best = middle, trial  # (the narrowest that holds it, as wrapped: drawn as it is)
    return best, best.height


def _at_sense(text: str, style: ParagraphStyle, width: float, lines: int):
    """(markup, its paragraph wrapped at `width`) of `text` broken after its first colon or spaced dash that has words
    after it (the end of a title's main part), the part before and the part after balanced each on its own (their lines
    set apart by line breaks), when that takes no more than `lines` lines and cuts no word; else None. Only where the
    title is text alone (no markup's tags, formulas or entities: their lines could not be read back)."""
    found = TITLE_BREAK.search(text.replace(NBSP, " "))  # (a dash or a French colon held to the word before it)
    if found is None or any(mark in text for mark in ("<", "&")):
        return None
    parts = [text[:found.end()], text[found.end():].lstrip(" ")]
    broken = []
    for part in parts:
        para = Para(part, style)
        para.wrap(width, 10_000)
        if getattr(para, "_splitLongWordCount", 0):
            return None
        if para.line_count() > 1:
            para = _narrowest(para, part, style, width, para.line_count())[0]
        kept = _line_texts(para)
        if kept is None or " ".join(kept).split() != part.split():  # (its lines not read back as written: as it was)
            return None
        broken += kept
    if len(broken) > lines:
        return None
    sensed = "<br/>".join(broken)
    para = Para(sensed, style)
    para.wrap(width, 10_000)
    if para.line_count() != len(broken) or getattr(para, "_splitLongWordCount", 0):
        return None
    return sensed, para


def _line_texts(para) -> list[str] | None:
    """The text of each line of `para` as wrapped (its words, a space between), or None where a line holds anything
    but text."""
    texts = []
    for line in para.blPara.lines:
        if isinstance(line, tuple):
            texts.append(" ".join(word for word in line[1] if word.strip()))
            continue
        words = [getattr(word, "text", None) for word in line.words]
        if any(type(word) is not str for word in words):
            return None
        texts.append(" ".join(word.strip() for word in words if word.strip()))
    return texts


def draw_block(canv, laid, x: float, start: float, box: tuple[float, float, float]) -> None:
    """Draw paragraphs from fit_block downwards from `start`, clipped to `box` (width, bottom, top)
    widened by 2 mm, so text that could not be shrunk enough never runs over what is below."""
    width, bottom, top = box
    canv.saveState()
    path = canv.beginPath()
    path.rect(0, bottom - CLIP_ROOM, width, top - bottom + 2 * CLIP_ROOM)
    canv.clipPath(path, stroke=0, fill=0)
    y = start
    for para, h, space in laid:
        y -= h
        centred = para.style.alignment == TA_CENTER and hasattr(para, "_box_width")
        para.drawOn(canv, x + ((para._box_width - para.width) / 2 if centred else 0), y)
        y -= space
    canv.restoreState()
