"""A word wider than its line -> the pieces ReportLab's _splitWord and _splitFragWord cut it into, found in a time
that grows with the word's length, not with it times the calls.

ReportLab splits such a word character by character in Python, measuring each character with a call of stringWidth
(some 4 us): a one-word title of 10,000 characters (a base64 image, a sequence pasted in) was measured 3.4 million
times while the cover's text was fitted, size after size, and took 4 s of CPU to check, 8 s to build; one of 50,000,
16 s and 33 s. Here each character's width is looked up in the widths booklet keeps per font and size (`measure`, as
text.paragraph's _measure gives them, a dictionary look-up in C), the line's width so far is summed on
(itertools.accumulate: the same additions in the same order, so the same floating-point sums) and the first
character that runs past the line is found by bisection of those sums, so the word's pieces are sliced from it whole.
The pieces, their kinds, fragments and widths, and the lines they make, are those ReportLab makes (the tests compare
the two on words of every kind: tests/test_longword.py). A character of negative width (a box of a negative kern)
keeps the sums from growing: such a text is summed character by character, as ReportLab sums it.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from reportlab.platypus import paragraph as _rl

__all__ = ["split_frag_word", "split_word"]

_FIRST_RUN = 64  # characters summed at first in search of the line's end; twice the last line's after that


def _widths(measure, text: str, font_name: str, font_size) -> list:
    """Each character's width in `text` (what stringWidth(character, font_name, font_size) gives)."""
    return list(map(measure(font_name, font_size), text))


def _first_over(widths: list, at: int, width, limit, run: int):
    """Where the line's width `width` runs past `limit` as the characters from `at` on are added to it one by one:
    (the index of the first character that takes it past, the width before that character, the width with it), or
    (len(widths), the width with them all, same) where none does. `widths` none negative: the sums never fall."""
    end_of = len(widths)
    while at < end_of:
        end = min(end_of, at + run)
        sums = list(accumulate(widths[at:end], initial=width))
        over = bisect_right(sums, limit, 1)
        if over < len(sums):
            return at + over - 1, sums[over - 1], sums[over]
        width, at, run = sums[-1], end, 2 * run
    return end_of, width, width


def split_word(w, lineWidth, maxWidths, lineno, fontName, fontSize, encoding="utf8", *, measure):
    """ReportLab's _splitWord(w, lineWidth, maxWidths, lineno, fontName, fontSize, encoding): a word of one
    fragment too wide for its line, cut into the _SplitWord pieces that fill the room left on it (`lineWidth` taken)
    and the lines after it, the last a _SplitWordEnd. `measure`: (font name, size) -> a function of a text giving
    its width, as stringWidth does. (As ReportLab's, the lines after the next are taken to be as wide as it.)"""
    if encoding != "utf8":
        return _rl._splitWord(w, lineWidth, maxWidths, lineno, fontName, fontSize, encoding)
    if _rl.isBytes(w):
        w = w.decode(encoding)
    widths = _widths(measure, w, fontName, fontSize)
    last = len(maxWidths) - 1
    maxWidth = maxWidths[min(last, lineno)]
    maxWidthNext = maxWidths[min(last, lineno + 1)]
    cuts = []  # where a piece ends and the next begins
    start = at = 0  # the piece being filled begins at `start`; `at`, the next character to add
    run = _FIRST_RUN
    falls = bool(widths) and min(widths) < 0  # (summed one by one, as ReportLab sums them)
    while at < len(w):
        if falls:
            over, lineWidth = at, lineWidth + widths[at]
            if not lineWidth > maxWidth:
                at += 1
                continue
        else:
            over, _, lineWidth = _first_over(widths, at, lineWidth, maxWidth, run)
            if over == len(w):
                break
        if over > start or widths[over] <= maxWidthNext:  # (a character alone on its line stays there)
            cuts.append(over)
            lineno += 1
            maxWidth = maxWidths[min(last, lineno)]
            lineWidth = widths[over]
            run = max(_FIRST_RUN // 4, 2 * (over - start))
            start = over
        at = over + 1
    pieces = [_rl._SplitWord(w[start:end]) for start, end in zip([0, *cuts], cuts)]
    pieces.append(_rl._SplitWordEnd(w[cuts[-1] if cuts else 0:]))
    return [_rl.bidiStrWrap(piece, w) for piece in pieces] if _rl.isBidiStr(w) else pieces


def split_frag_word(w, maxWidth, maxWidths, lineno, *, measure):
    """ReportLab's _splitFragWord(w, maxWidth, maxWidths, lineno): a word of fragments ([width, (fragment, text),
    ...]) too wide for its line, cut into _SplitFrag words that fill the room left on it (`maxWidth`) and the lines
    after it, the last a _SplitFragH (_SplitFragHS for a word with a space after it), each piece of a fragment a
    copy of it holding its text (the last piece: the fragment itself). `measure` as split_word's."""
    made = []  # the words made
    last = len(maxWidths) - 1
    maxWidthNext = maxWidths[min(last, lineno + 1)]
    parts = []  # the word being filled: its pieces of fragments so far
    lineWidth = 0  # the word's width so far (ReportLab's wordWidth too: the same sums from the same start)
    text = []  # the text of the fragment being filled, in pieces
    f = w[1][0]

    def close(frag) -> None:  # (the fragment being filled ends)
        frag = frag.clone()
        joined = "".join(text)
        if hasattr(frag, "text"):
            frag.text = joined
        parts.append((frag, joined))
        text.clear()

    def step(g, cw, c) -> None:  # (one character, as ReportLab's loop takes it)
        nonlocal lineWidth, f, parts, lineno, maxWidth, maxWidthNext
        newLineWidth = lineWidth + cw
        tooLong = newLineWidth > maxWidth and bool(lineWidth or cw <= maxWidthNext)
        if g is not f or tooLong:
            close(f)
            if tooLong:
                made.append(_rl._SplitFrag([lineWidth] + parts))
                lineno += 1
                maxWidth, maxWidthNext = maxWidthNext, maxWidths[min(last, lineno + 1)]
                parts = []
                newLineWidth = 0 + cw  # (ReportLab's wordWidth, from 0)
            f = g
        text.append(c)
        lineWidth = newLineWidth

    for g, s in w[1:]:
        if hasattr(g, "cbDefn"):
            step(g, getattr(g.cbDefn, "width", 0), s)
            continue
        if not s:
            step(g, 0, s)
            continue
        if _rl.isBytes(s):
            s = s.decode("utf8")
        widths = _widths(measure, s, g.fontName, g.fontSize)
        if min(widths) < 0:
            for cw, c in zip(widths, s):
                step(g, cw, c)
            continue
        step(g, widths[0], s[0])
        at, run = 1, _FIRST_RUN
        while at < len(s):
            over, before, after = _first_over(widths, at, lineWidth, maxWidth, run)
            text.append(s[at:over])
            if over == len(s):
                lineWidth = after
                break
            lineWidth = before
            cw = widths[over]
            if lineWidth or cw <= maxWidthNext:
                step(g, cw, s[over])
                run = max(_FIRST_RUN // 4, 2 * (over - at))
            else:  # (no cut: a character wider than the next line alone at the start of this one)
                text.append(s[over])
                lineWidth = after
            at = over + 1
    parts.append((f, "".join(text)))  # (the last fragment itself, not a copy, as ReportLab's)
    made.append((_rl._SplitFragHS if isinstance(w, _rl._HSFrag) else _rl._SplitFragH)([lineWidth] + parts))
    return made
