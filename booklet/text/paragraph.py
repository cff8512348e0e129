"""Paragraph markup with inline-math boxes -> a ReportLab Paragraph that sets them as TeX would.

ReportLab's paragraph markup can raise, lower and shrink text (<super>, <sub>), but it can only
ever move forward along a line: it has no way to set a subscript and a superscript one above the
other (`x_i^2`), nor a fixed space that neither stretches nor breaks (TeX's `\\,`). This module
adds the one thing missing, an inline *box*, in the way TeX's virtual fonts do it:

- markup.py writes `<mscripts>` around the sub- and superscript of one nucleus and
  `<mkern em="...">` for a fixed space. ReportLab's own parser ignores tags it does not know, so
  the same markup still reads (scripts one after the other) in a plain Paragraph.
- MathParagraph parses with _BoxParser, which turns the fragments inside each such tag into one
  fragment: a single private-use character in the font BOX_FONT, whose width (to ReportLab's
  line breaking, justification, underlines and links) is exactly the box's width. A box is part
  of its word, so a line never breaks between a nucleus and its scripts, and it is never
  hyphenated inside.
- The paragraph's text object (_BoxTextObject) draws that character as the box's contents: each
  part's glyphs in their own font, size and rise, from the box's left edge, with `TJ` position
  adjustments to go back to the left edge between parts and to the box's right edge at the end.
  These are ordinary PDF text operators, so the scripts are real text: they are extracted,
  searched and copied like the rest of the line.
- The symbol fonts (Noto Sans Math and Symbols 2) have a single weight; in bold text (a title)
  their glyphs are drawn as boxes too, filled and stroked in the text's colour, so that the
  ⊙ of `M_\\odot` is as heavy as the M beside it.

A box is immutable and interned: the same contents at the same place get the same character,
so the registry grows only with the different scripts a process ever sets (a few thousand for
the largest conference), and building a booklet frees nothing of it while pages are drawn (a
registry of weak references did, and its churn kept Python's garbage collector from running
during layout: the peak memory of a large build went up by three quarters). The characters
never reach the PDF.
"""

from __future__ import annotations

import copy
import functools
import itertools
import operator
import re
import types
import weakref
from html.parser import HTMLParser
from typing import NamedTuple

from reportlab.lib import fonts as _rl_fonts
from reportlab.lib.abag import ABag
from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.colors import CMYKColor, Color
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import ShapedStr
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.lib.rl_accel import fp_str, sameFrag
from reportlab.platypus import paragraph as _rl_paragraph
from reportlab.platypus.paragraph import Paragraph, cleanBlockQuotedText, textTransformFrags
from reportlab.platypus.paraparser import ParaFrag, ParaParser, _re_para

from .fonts import (FALLBACKS, IN_STYLE, MONO_NAMES as _CODE_FONTS, calling as _calling, document_font,
                    reportlab_checked, when_fonts_change)
from . import linebreak as _linebreak
from .linebreak import Helpers, break_lines
from .linedraw import RULES, drawing, ruled
from .longword import split_frag_word, split_word
from .mathtext import RELATION_SIGNS

__all__ = ["BOX_FONT", "EMBOLDEN", "MathParagraph", "SCRIPTSPACE", "overhang", "text_object"]

BOX_FONT = "BookletMathBox"
THIN = "\u202f"
SCRIPTSPACE = 0.5  # points after every script (TeX's \scriptspace), whatever its size

_MARKERS = ("<mscripts", "<mkern", "<mcorr", "<mroot", 'name="Math"', 'name="Symbols"', 'name="Fallback-')
_BOX_TAGS = _MARKERS[:4]  # markup with none of these, only the fonts, is parsed from templates too (_parsed)
# <font name="BodyInStyle"> as ReportLab's <font> reads it (ps2tt) -> the family it stands for, as ps2tt names that
_IN_STYLE = {alias.lower(): family.lower() for family, alias in IN_STYLE.items()}
_SPACES = (" ", "\u00a0")  # drawn as moves inside a box: Tw (justification) must not stretch them
# A narrow no-break space (U+202F: what text.markup makes of the space typed before ; ! ? and inside « », and of
# TeX's `\,`; the French labels' quotation marks hold it) is set as a box of THIN_EM ems, its glyph drawn in it where
# the font has one (text extraction reads it): a space that neither breaks nor stretches, the French "espace fine
# insécable". As a character ReportLab cleans it to a space, and breaks a line there; as a no-break space it widened
# with the word spaces of a justified line ("Pourquoi  ?"). _thin_tagged writes it as THIN_TAG before parsing.
THIN_EM = 0.125
THIN_TAG = f'<mkern em="{THIN_EM:.4f}" thin="1">\u00a0</mkern>'
_THIN_OR_TAG = re.compile("<[^<>]*>|\u202f")
# The fallback fonts for symbols have one weight: in bold text their glyphs are emboldened by
# stroking their outlines as well as filling them, with a line this many ems wide.
_SINGLE_WEIGHT = FALLBACKS  # the live set: a theme's fallback fonts join it when registered
EMBOLDEN = 0.045


class Run(NamedTuple):
    """Glyphs of one font, size and rise (points above the baseline of the line), or a box character;
    `stroke`, the operator setting their colour as a stroke colour when they are to be emboldened."""

    text: str
    font: str
    size: float
    rise: float
    stroke: str | None = None


class Box(NamedTuple):
    """Parts drawn from the box's left edge, each (offset in points, runs), and the box's width; and the rules
    drawn with it (a square root's bar, its own and those of the boxes in it), each (x from the box's left edge,
    y of its bottom above the line's baseline, width, height), in points."""

    parts: tuple[tuple[float, tuple[Run, ...]], ...]
    width: float
    rules: tuple[tuple[float, float, float, float], ...] = ()


def _stroke_operator(color) -> str | None:
    """The PDF operator setting `color` as the stroke colour (None for a colour other than plain
    CMYK or RGB: such glyphs are not emboldened)."""
    if isinstance(color, CMYKColor) and not getattr(color, "spotName", None):
        return f"{fp_str(color.cyan, color.magenta, color.yellow, color.black)} K"
    if type(color) is Color:
        return f"{fp_str(*color.rgb())} RG"
    return None


def _bold(frag) -> bool:
    """Whether `frag` stands in bold text. Not frag.bold inside <font name="Math">: a font registered
    for every style gives the last style registered to ReportLab's <font> tag (bold italic)."""
    return bool(getattr(frag, "_context_bold", getattr(frag, "bold", 0)))


def _run(frag) -> Run:
    bold = frag.fontName in _SINGLE_WEIGHT and _bold(frag)
    return Run(frag.text, frag.fontName, frag.fontSize, frag.rise, _stroke_operator(frag.textColor) if bold else None)


_BOXES: dict[str, Box] = {}  # character -> box
_CHARS: dict[Box, str] = {}  # box -> character
# Supplementary Private Use Areas A and B: no text ever holds these here, and none reaches the PDF.
_CODES = itertools.chain(range(0xF0000, 0xFFFFE), range(0x100000, 0x10FFFE))


def _register(box: Box) -> str:
    """The character that stands for `box` (the same for the same box)."""
    char = _CHARS.get(box)
    if char is None:
        code = next(_CODES, None)
        if code is None:
            raise RuntimeError("more than 131,000 different math boxes in one process")
        char = _CHARS[box] = chr(code)
        _BOXES[char] = box
        if box.rules:
            RULES[char] = box.rules
    return char


def boxes() -> dict[str, Box]:
    """The registry: character -> box (booklet.cache.persisted keeps it with the layouts it kept)."""
    return dict(_BOXES)


def restore_boxes(kept: dict[str, Box]) -> bool:
    """Make each character of `kept` stand for its box again, as in the process that laid out what a
    kept layout holds (characters after them go to new boxes); False, and nothing changed, when a
    character of it already stands for another box here. A box may stand behind several characters (two
    workers of a build in parts each gave it one: output.parallel); a new use of it takes the first."""
    global _CODES
    if not all(_BOXES.get(char, box) == box for char, box in kept.items()):
        return False
    for char, box in kept.items():
        _BOXES[char] = box
        _CHARS.setdefault(box, char)
        if box.rules:
            RULES[char] = box.rules
    last = max(map(ord, _BOXES), default=0xF0000 - 1)
    _CODES = itertools.chain(range(max(last + 1, 0xF0000), 0xFFFFE), range(max(last + 1, 0x100000), 0x10FFFE))
    return True


def boxes_made() -> int:
    """How many boxes the registry holds: what `made_since` takes, to tell the boxes made after."""
    return len(_BOXES)


def made_since(count: int) -> list[tuple[str, Box]]:
    """The boxes registered since the registry held `count` (boxes_made), each with its character, in order."""
    return list(_BOXES.items())[count:]


def take_boxes(made: list[tuple[str, Box]]) -> None:
    """The boxes a process forked from this one made (made_since, from what this one held at the fork), each given
    its character here too, the characters after them going to new ones as there: layouts made there name them (a
    build in parts' lint: booklet.build): restored as a kept layout's are (restore_boxes)."""
    if not made:
        return
    if not restore_boxes(dict(made)):
        raise RuntimeError("a math box made in another process has a character that stands for another box here")
    register_box_font()


def _width(run: Run) -> float:
    return pdfmetrics.stringWidth(run.text, run.font, run.size)


def _part_width(runs: tuple[Run, ...]) -> float:
    """A script's advance, and the italic correction of its last character (TeX adds it after a
    math character with no subscript), so that the f of (T_f) does not reach into the parenthesis."""
    last = runs[-1]
    if last.font == BOX_FONT:  # (a script ending in scripts of its own, x^{a^{b}}: their \scriptspace is this one's)
        return sum(map(_width, runs)) - _script_space(last.text[-1:])
    return sum(map(_width, runs)) + overhang(last.font, last.text[-1]) * last.size


def _script_space(char: str) -> float:
    """TeX's \\scriptspace, that ends the box of scripts `char` stands for (0 for another box: a letter with its
    italic correction, a fixed space). A tower of scripts ends in one, not one a level: `x^{a^{b^{c^{d}}}}` left
    2 points after its d (four), a gap twice a word space before the next word."""
    box = _BOXES.get(char)
    if box is None or not box.parts:
        return 0.0
    trailing = box.width - max(dx + _part_width(runs) for dx, runs in box.parts)
    return SCRIPTSPACE if abs(trailing - SCRIPTSPACE) < 1e-6 else 0.0


@functools.lru_cache(maxsize=4096)
def overhang(font_name: str, char: str) -> float:
    """How far the glyph of `char` reaches past its advance width, in ems (0 when it does not, or
    for a font that is not TrueType): the italic correction TeX puts before a superscript, so
    that the 2 of f^2 clears the f."""
    try:
        face = pdfmetrics.getFont(font_name).face
        glyph = face.charToGlyph[ord(char)]
        start, end = face.glyphPos[glyph], face.glyphPos[glyph + 1]
        if end <= start:  # an empty glyph
            return 0.0
        head, glyf = face.get_table_pos("head")[0], face.get_table_pos("glyf")[0]
        units = face.get_ushort(head + 18)
        x_max = int.from_bytes(face.get_chunk(glyf + start + 6, 2), "big", signed=True)
        advance = face.hmetrics[glyph][0] if glyph < len(face.hmetrics) else face.hmetrics[-1][0]
    except Exception:
        return 0.0
    return max(0.0, (x_max - advance) / units)


when_fonts_change(overhang.cache_clear)  # BODY-Italic and the like name the theme's fonts


@functools.lru_cache(maxsize=4096)
def glyph_box(font_name: str, char: str) -> tuple[float, float, float, float] | None:
    """The outline's bounds (x min, y min, x max, y max) of `char`'s glyph in the TrueType font `font_name`, in ems;
    None for an empty glyph, a character the font does not have, or a font that is not TrueType."""
    found = _glyph(font_name, char)
    if found is None:
        return None
    face, start, _ = found
    try:
        units, glyf = _units_per_em(face), face.get_table_pos("glyf")[0]
        values = [int.from_bytes(face.get_chunk(glyf + start + at, 2), "big", signed=True) for at in (2, 4, 6, 8)]
    except Exception:
        return None
    return tuple(value / units for value in values)


def _units_per_em(face) -> int:
    """A TrueType face's units per em (its head table's unitsPerEm), which its glyphs' outlines are measured in."""
    return face.get_ushort(face.get_table_pos("head")[0] + 18)


def _glyph(font_name: str, char: str) -> tuple[object, int, int] | None:
    """The TrueType face of font `font_name` and where `char`'s glyph starts and ends in its glyf table; None for an
    empty glyph, a character the font does not have, or a font that is not TrueType."""
    try:
        face = pdfmetrics.getFont(font_name).face
        glyph = face.charToGlyph[ord(char)]
        start, end = face.glyphPos[glyph], face.glyphPos[glyph + 1]
    except Exception:
        return None
    return (face, start, end) if end > start else None


when_fonts_change(glyph_box.cache_clear)


def _outline(font_name: str, char: str) -> list[list[tuple[int, int, bool]]] | None:
    """The contours of `char`'s glyph in the TrueType font `font_name`, each a list of points (x, y, on the curve),
    in font units; None for a composite or empty glyph, a character the font does not have, or a font that is not
    TrueType."""
    found = _glyph(font_name, char)
    if found is None:
        return None
    face, start, end = found
    try:
        data = face.get_chunk(face.get_table_pos("glyf")[0] + start, end - start)
    except Exception:
        return None
    contours = int.from_bytes(data[0:2], "big", signed=True)
    if contours <= 0:
        return None
    ends = [int.from_bytes(data[10 + 2 * i:12 + 2 * i], "big") for i in range(contours)]
    at = 10 + 2 * contours
    at += 2 + int.from_bytes(data[at:at + 2], "big")  # (the instructions)
    count, flags = ends[-1] + 1, []
    while len(flags) < count:
        flag = data[at]
        at += 1
        repeat = 0
        if flag & 8:
            repeat, at = data[at], at + 1
        flags += [flag] * (1 + repeat)
    coordinates = []
    for short, same in ((2, 16), (4, 32)):  # (x, then y: each a byte, the same as before, or a word, as a delta)
        value, values = 0, []
        for flag in flags[:count]:
            if flag & short:
                value += data[at] if flag & same else -data[at]
                at += 1
            elif not flag & same:
                value += int.from_bytes(data[at:at + 2], "big", signed=True)
                at += 2
            values.append(value)
        coordinates.append(values)
    points = [(x, y, bool(flag & 1)) for x, y, flag in zip(*coordinates, flags)]
    return [points[first:last + 1] for first, last in zip([0] + [e + 1 for e in ends[:-1]], ends)]


@functools.lru_cache(maxsize=64)
def radical_shape(font_name: str, char: str) -> tuple[float, float] | None:
    """Where a root sign's bar joins it and how thick it is, in ems: the left end of the glyph's top edge (the bar
    starts there, on the sign's top, so that the two meet in one corner), and the thickness of the sign's thinnest
    horizontal stroke (the vertical distance between two horizontal edges of its outline one above the other: Noto
    Sans Math's √ has one, its tick, 0.07 em; Gentium's two, 0.063 em). None when the glyph cannot be read; the
    thickness None alone when the outline has no horizontal stroke."""
    bounds, contours = glyph_box(font_name, char), _outline(font_name, char)
    if bounds is None or contours is None:
        return None
    units = _units_per_em(pdfmetrics.getFont(font_name).face)
    top = round(bounds[3] * units)
    on = [[(x, y) for x, y, on_curve in contour if on_curve] for contour in contours]
    # (the sign's contour: the one reaching furthest right at the top; ∛'s 3 reaches as high)
    tops = [(x, i) for i, contour in enumerate(on) for x, y in contour if abs(y - top) <= units / 100]
    if not tops:
        return None
    sign = on[max(tops)[1]]
    top_left = min(x for x, i in tops if i == max(tops)[1])
    edges = [(min(a[0], b[0]), max(a[0], b[0]), a[1]) for a, b in zip(sign, sign[1:] + sign[:1])
             if abs(a[1] - b[1]) <= units / 100 and a[0] != b[0]]
    thickness = min((abs(y1 - y2) for i, (l1, r1, y1) in enumerate(edges) for l2, r2, y2 in edges[i + 1:]
                     if min(r1, r2) > max(l1, l2) and abs(y1 - y2) > units / 100), default=None)
    return top_left / units, None if thickness is None else thickness / units


when_fonts_change(radical_shape.cache_clear)


# TeX's \lineskip: what a formula taller than the leading allows keeps at the least between its ink and that of the
# plain text of the line above (or below); and the letters whose ink a plain line reaches up and down to.
LINESKIP = 1.0
_ASCENDER, _DESCENDER = "d", "p"
# How high (ems above the baseline) and low one level of scripts reaches at most: TeX's superscript shift (sup2,
# text.markup) and a script (70 %) of a glyph an em tall; its subscript shift with a superscript (sub2) and a
# script of a glyph 0.3 em deep. A line's scripts within these are part of what its leading is made for (set at
# the leading in every style, a tight one too, as before); only a formula reaching past them, scripts on scripts,
# has the lines around it moved apart.
_ONE_LEVEL = (0.363 + 0.7, -(0.247 + 0.7 * 0.3))


def _ink(box: Box) -> tuple[float, float] | None:
    """How high above the baseline the ink of `box` reaches and how low (points; below it, negative), its scripts'
    scripts and its rules (a root's bar) with it; None for a box with no ink (a fixed space)."""

    def reaches(run):
        if run.font == BOX_FONT:
            return filter(None, [_ink(inner) for inner in filter(None, map(_BOXES.get, run.text))])
        return [(run.rise + bounds[3] * run.size, run.rise + bounds[1] * run.size)
                for bounds in map(functools.partial(glyph_box, run.font), run.text) if bounds is not None]

    glyphs = (reach for _, runs in box.parts for run in runs for reach in reaches(run))
    if box.rules:  # (a root's bar: above its sign's outline where the sign is emboldened)
        return _extent(itertools.chain(glyphs, ((y + height, y) for _, y, _, height in box.rules)))
    return _extent(glyphs)


def _extent(reaches) -> tuple[float, float] | None:
    """The highest and the lowest of `reaches` ((high, low) pairs), or None when there are none (_ink, _boxes_ink,
    formulas_reach)."""
    top = bottom = None
    for high, low in reaches:
        top = high if top is None else max(top, high)
        bottom = low if bottom is None else min(bottom, low)
    return None if top is None else (top, bottom)


def _plain_ink(font_name: str, size: float) -> tuple[float, float]:
    """How high a plain line of `font_name` reaches (its ascenders) and how low (its descenders), in points."""
    high, low = glyph_box(font_name, _ASCENDER), glyph_box(font_name, _DESCENDER)
    return (high[3] if high else 0.75) * size, (low[1] if low else -0.25) * size


def _boxes_ink(frags) -> tuple[float, float, bool] | None:
    """How high the ink of the formulas' boxes of scripts (and square roots) among `frags` reaches above the baseline,
    and how low (points; below it, negative), and whether a square root (a box with a bar) is among them: lineskips
    keeps such a line LINESKIP off the ink of the lines around it whatever its height, where it lets a line reach one
    level of scripts high without (a root's sign grows over a tall radicand, a nested root: √(1+√x) reaches 1.07 em);
    None when they hold none."""
    reach = _extent((reach[0] + frag.rise, reach[1] + frag.rise) for frag in frags if frag.fontName == BOX_FONT
                    for reach in map(_box_ink, frag.text) if reach is not None)
    if reach is None:
        return None
    return (*reach, ruled(frag.text for frag in frags if frag.fontName == BOX_FONT))


def _box_ink(char: str) -> tuple[float, float] | None:
    """_ink of the box of scripts or the square root `char` stands for, kept (_BOX_INK); None for another box (an
    accented letter's, a bold symbol's: a box of scripts alone, its ink the text's; a root's nested in roots grows
    its sign: root_box)."""
    reach = _BOX_INK.get(char, False)
    if reach is False:
        box = _BOXES.get(char)
        reach = _BOX_INK[char] = _ink(box) if box is not None and (_script_space(char) or box.rules) else None
    return reach


_BOX_INK: dict[str, tuple[float, float] | None] = {}  # box character -> _ink (boxes are immutable)
when_fonts_change(_BOX_INK.clear)


def overreach(frags, style) -> tuple[float, float]:
    """The space lineskips adds above and below a line of `frags` set between lines of plain text in `style`, in
    points: (0, 0) but for a formula of scripts on scripts reaching past the room the leading leaves it."""
    skips = lineskips([types.SimpleNamespace(words=frags)], style)
    return (0.0, 0.0) if skips is None else skips


def lineskips(lines, style) -> tuple[float, ...] | None:
    """The space added above each of `lines` (a paragraph's, broken into fragments) and below the last, as TeX adds
    \\lineskip: where a formula's scripts on scripts reach so high (low) that the line would come within LINESKIP of
    the ink of the line above (below) at the leading, the two are set that far apart. None when no line needs it: a
    paragraph whose lines all stand the leading apart, as ever; a line without such a formula, between lines
    without one, is never moved from where the leading puts it."""
    return _skips_of(_reaches(lines), style)


def edge_skips(skips: tuple[float, ...] | None) -> tuple[float, float]:
    """The room lineskips `skips` (a paragraph's) adds above its first line and below its last: (0.0, 0.0) for None,
    every line the leading apart."""
    return (skips[0], skips[-1]) if skips else (0.0, 0.0)


def _reaches(lines) -> list:
    """How high and low the boxes of each of `lines` reach (_boxes_ink; None for a line of no words), as lineskips
    measures them."""
    return [_boxes_ink(line.words) if hasattr(line, "words") else None for line in lines]


def _skips_of(reaches, style) -> tuple[float, ...] | None:
    """lineskips of the lines whose _reaches are `reaches`."""
    steps = _skip_steps(reaches, style)
    if steps is None:
        return None
    skips = (*(above for above, _ in steps), steps[-1][1])
    return skips if any(skips) else None


def _skip_steps(reaches, style) -> list[tuple[float, float]] | None:
    """For each of the lines whose _reaches are `reaches`, the space lineskips adds above it, and the space it would
    add below it were it the last line (the lines before it the same: what the lines as far as it need, each count of
    them at once); None when no line reaches past one level of scripts."""
    over, under = _ONE_LEVEL[0] * style.fontSize, _ONE_LEVEL[1] * style.fontSize
    if not any(reach is not None and (reach[0] > over or reach[1] < under or reach[2])
               for reach in reaches):
        return None  # (most paragraphs: no formula of scripts on scripts, no line moved; nothing more measured)
    high, low = _plain_ink(style.fontName, style.fontSize)
    room = max(style.leading - LINESKIP, high - low)  # (a style set tighter than its plain ink: only what a box adds)
    depth, deep, steps = -low, False, []
    for reach in reaches:
        top = high if reach is None else max(high, reach[0])
        tall = reach is not None and (reach[0] > over or reach[2])
        above = max(0.0, depth + top - room) if tall or deep else 0.0
        depth = -low if reach is None else max(-low, -reach[1])
        deep = reach is not None and reach[1] < under
        steps.append((above, max(0.0, depth + high - room) if deep else 0.0))
    return steps


# A combining accent (U+0300-U+036F, U+20D0-U+20FF) after a letter: drawn by the font where its design puts it, over
# a letter as tall as an x; over a taller one (θ, ψ, d) it is inside the letter's top, unseen.
_ACCENTED = re.compile("(\\S)([\u0300-\u036f\u20d0-\u20ff]+)")
# (a quicker look first: a combining accent, which the engine scans for at C speed, where _ACCENTED, a non-space first,
# is tried at nearly every character; every fragment of text of every paragraph is looked at: 3.4 times as quick)
_ACCENT = re.compile("[\u0300-\u036f\u20d0-\u20ff]")
TALL = 1.15  # a letter whose top is this many times as high as the x's is tall: its accents are raised


def accent_box(frag, base: str, marks: str) -> Box | None:
    """A box of `base` and its combining `marks` in `frag`'s font, each mark raised by how far the letter's top is
    above the x's, and set over the letter's middle; None when the letter is not tall (the font's own placement
    serves) or the font's outlines cannot be read."""
    font, size = frag.fontName, frag.fontSize
    letter, x = glyph_box(font, base), glyph_box(font, "x")
    if letter is None or x is None or letter[3] <= x[3] * TALL:
        return None
    base_run = Run(base, font, size, frag.rise)
    parts = [(0.0, (base_run,))]
    raise_ = (letter[3] - x[3]) * size
    middle = (letter[0] + letter[2]) / 2 * size
    for mark in marks:
        bounds = glyph_box(font, mark)
        if bounds is None:
            return None
        # the mark's outline is where its design puts it, left of the pen (a zero advance): its middle over ours
        parts.append((middle - (bounds[0] + bounds[2]) / 2 * size, (Run(mark, font, size, frag.rise + raise_),)))
    return Box(tuple(parts), _width(base_run))


class _BoxFace:
    name = BOX_FONT
    ascent = descent = 0


class _BoxFont:
    """The metrics of box characters for ReportLab: each is as wide as its box, whatever the size.
    It is never embedded: _BoxTextObject draws its characters (a plain text object draws nothing)."""

    fontName = BOX_FONT
    face = _BoxFace()
    ascent = descent = 0
    _dynamicFont = 1  # so that selecting it writes no font operator
    _multiByte = 0
    shapable = False
    substitutionFonts: list = []

    def stringWidth(self, text, size, encoding="utf8"):
        return sum(box.width for box in map(_BOXES.get, text) if box is not None)

    def splitString(self, text, doc, encoding="utf-8"):
        return []


def register_box_font() -> None:
    if BOX_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(_BoxFont())


# white space inside a tag: ASCII only (HTMLParser reads a tag name up to one of these, and takes any other
# character, a no-break space say, as part of it)
_TOKEN = re.compile(r"""<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:[ \t\n\r\f]+[a-zA-Z_][-a-zA-Z0-9_.:]*="[^"<>&]*")*)"""
                    r"""[ \t\n\r\f]*(/?)>|&(?:([a-zA-Z][a-zA-Z0-9]*)|#([0-9]+|[xX][0-9a-fA-F]+));""")
_ATTRIBUTE = re.compile(r'([a-zA-Z_][-a-zA-Z0-9_.:]*)="([^"<>&]*)"')
_MARKUP_START = re.compile("[<&]")
# HTMLParser reads what follows these as text up to their end tag (script and style; newer Pythons also title and
# textarea, and may add others): left to HTMLParser, whichever it is
_RAW_TEXT = frozenset(("script", "style", "title", "textarea", "xmp", "iframe", "noembed", "noframes", "noscript",
                       "plaintext", *HTMLParser.CDATA_CONTENT_ELEMENTS,
                       *getattr(HTMLParser, "RCDATA_CONTENT_ELEMENTS", ())))


def _parser_calls(text: str) -> list[tuple] | None:
    """The calls Python's HTMLParser (as ReportLab's ParaParser runs it: character references not
    converted) makes of its handlers for `text`, in order, as (handler name, arguments); or None when
    `text` holds anything but text, start, end and empty tags whose attributes all have double-quoted
    values without `&`, `<` or `>`, and complete entity and character references: such text is left to
    HTMLParser. That is all booklet's markup ever is (text.markup escapes what a user writes), and reading
    it here takes a quarter of HTMLParser's time, which spends it on states this markup never reaches.

    The text is split at its tags and references in one go (_TOKENS: a `<` or `&` left in a run of text
    between them starts none), and each tag or reference read once (_token_call): a booklet's markup holds a
    few dozen different ones (the calls of a tag, and its list of attributes, are the same objects each
    time: the handlers only read them)."""
    calls: list[tuple] = []
    append, known = calls.append, _TOKEN_CALLS
    parts = _TOKENS.split(text)  # text, token, text, ..., text
    for at in range(0, len(parts), 2):
        run = parts[at]
        if run:
            if "<" in run or "&" in run:
                return None
            append(("handle_data", run))
        if at + 1 < len(parts):
            token = parts[at + 1]
            call = known.get(token, _UNREAD)
            if call is _UNREAD:
                call = _token_call(token)
            if call is None:
                return None
            append(call)
    return calls


_UNREAD = object()
_TOKEN_CALLS: dict[str, tuple | None] = {}  # a tag or reference as written -> its handler call (None: HTMLParser's)


def _token_call(token: str) -> tuple | None:
    """The handler call HTMLParser makes of a tag or reference `token` (a match of _TOKEN), as (handler name,
    arguments); None for a tag left to HTMLParser (a raw-text tag; an end tag with attributes or a slash). Kept
    in _TOKEN_CALLS (at most 4,096: the labels of names' <onDraw> tags make one each)."""
    closing, tag, attributes, empty, entity, number = _TOKEN.match(token).groups()
    if tag is not None:
        tag = tag.lower()
        if tag in _RAW_TEXT or (closing and (attributes or empty)):
            call = None
        elif closing:
            call = ("handle_endtag", tag)
        else:
            pairs = [(name.lower(), value) for name, value in _ATTRIBUTE.findall(attributes)]
            call = ("handle_startendtag" if empty else "handle_starttag", tag, pairs)
    elif entity is not None:
        call = ("handle_entityref", entity)
    else:
        call = ("handle_charref", number)
    if len(_TOKEN_CALLS) >= 4096:
        _TOKEN_CALLS.clear()
    _TOKEN_CALLS[token] = call
    return call


# Tags whose handlers make the same fragments from the same attributes and stack, whatever came before (not
# <seq>, whose numbers go on from paragraph to paragraph; not the box tags, whose boxes depend on their text)
_TEMPLATE_TAGS = frozenset(("para", "b", "strong", "i", "em", "u", "strike", "font", "a", "super", "sup", "sub",
                            "br", "nobr", "ondraw"))

# An <onDraw> tag as booklet writes it after a name (Context.named: its label the person's key, other in every name):
# its label is left out of the markup's shape, and put into the fragment its tag makes (_labelled), so that the names
# of the booklet share their templates (each named line was parsed anew: a thousand times a 500-talk poster list)
_ON_DRAW = re.compile(r'(<onDraw name="[^"<>&]*" label=")([^"<>&]*)("/>)\Z')


class _Template(NamedTuple):
    """The fragments a markup's shape makes in a style: each fragment's attributes, and which of the markup's
    runs of text it takes as its text (-1: it keeps its own, a line break's or an anchor's empty text)."""

    frags: tuple[tuple[dict, int], ...]


_TEMPLATES: dict[int, tuple] = {}  # id(style) -> (style, its values then, the mappings they were made with,
#                                     {(shape, case sensitive): _Template or None})
# (a style's kind, its attributes as _alike keys them, the mappings) -> (the objects among them, the templates made in
# styles of those attributes): the styles a booklet makes for its paragraphs are many (311 for 100 talks, made as each
# part is laid out) and alike (84 kinds), and each made its templates anew (parsing its paragraphs, the kinds of
# markup its first were of: a parse is ten times the making from a template)
_ALIKE: dict[tuple, tuple] = {}
_PLAIN = (str, int, float, bool, type(None))  # values told apart by their type and repr; any other by itself


def _templates(style) -> dict:
    """The templates made in `style` and the styles alike (emptied when any of its attributes, or the font mappings,
    have changed)."""
    values = tuple(style.__dict__.values())
    mappings = len(_rl_fonts._tt2ps_map)
    known = _TEMPLATES.get(id(style))
    if (known is None or known[0] is not style or known[2] != mappings or len(known[1]) != len(values)
            or not all(map(operator.is_, known[1], values))):
        if len(_TEMPLATES) >= 256:
            _TEMPLATES.clear()
        known = _TEMPLATES[id(style)] = (style, values, mappings, _alike(style, mappings))
    return known[3]


def _alike(style, mappings: int) -> dict:
    """The templates made in styles whose attributes are those of `style`: of the same type, repr and name when of a
    plain type (_PLAIN), the same objects otherwise (a colour, the parent style: kept with the templates, so that no
    other object is ever taken for one of them); and of the same kind, with the same font mappings."""
    objects = tuple(value for value in style.__dict__.values() if type(value) not in _PLAIN)
    key = (type(style), mappings, tuple((name, type(value), repr(value) if type(value) in _PLAIN else id(value))
                                        for name, value in style.__dict__.items()))
    known = _ALIKE.get(key)
    if known is None:
        if len(_ALIKE) >= 256:
            _ALIKE.clear()
        known = _ALIKE[key] = (objects, {})
    return known[1]


def _template(parser, calls, frags, sources) -> _Template | None:
    """What the fragments `parser` made of `calls` (as parsed, before textTransformFrags) can be made again from
    for markup of the same shape; None where they may depend on more than the shape. `sources`: for each
    handle_data call, the fragment holding its text (-1: none)."""
    if (parser.errors or frags is None or len(frags) > 64 or -1 in sources
            or any(call[1] not in _TEMPLATE_TAGS for call in calls if call[0] in _TAG_CALLS)):
        return None
    taken = dict(zip(sources, range(len(sources))))  # fragment -> the run of text it holds
    texts = [call[1] for call in calls if call[0] == "handle_data"]
    if any(frags[i].text is not texts[k] for i, k in taken.items()):
        return None
    return _Template(tuple((dict(f.__dict__), taken.get(i, -1)) for i, f in enumerate(frags)))


_TAG_CALLS = ("handle_starttag", "handle_startendtag", "handle_endtag")


def _from_template(template: _Template, texts: list[str]) -> list:
    frags = []
    for attributes, source in template.frags:
        frag = ParaFrag.__new__(ParaFrag)
        frag.__dict__.update(attributes)
        if source >= 0:
            frag.text = texts[source]
        defn = attributes.get("cbDefn")
        if type(defn) is ABag:  # an anchor's: each fragment a bag of its own, as a parse makes it
            frag.cbDefn = defn.clone()
        frags.append(frag)
    return frags


# _TOKEN as one group: re.split gives the runs of text between tags and references, and the tags and references
_TOKENS = re.compile("(" + re.sub(r"\((?!\?)", "(?:", _TOKEN.pattern) + ")")


def _parsed(text: str, style, case_sensitive, boxed: bool = False):
    """_QuickParser().parse(text, style) (booklet's markup without boxes; `boxed`: _BoxParser's, of markup whose only
    box markers are fonts, no _BOX_TAGS): (style, fragments, bullet fragments, the parser's errors).

    The fragments of markup of a shape already parsed in the same style are made from what that parse made
    (_Template): seven in ten of a booklet's paragraphs. The shape: the markup's tags and references as written,
    and which runs of text between them are not empty. The same shape makes the same handler calls but for the
    texts of handle_data's: a tag or reference ends at its first `>` or `;`, and, with every `<` and `&`
    starting one (else the markup is not read here, but by HTMLParser), a run of text holds neither.

    _BoxParser's fragments of a shape depend on its text only where a run has a combining accent (a tall letter's is a
    box: accent_box): such markup is parsed; a shape whose parse made a box of a run (bold in a font of one weight)
    makes no template (its fragment does not hold the run's text: _template). (Markup with a run in the math font or a
    fallback font, and no box tag, was parsed every time: 397 of a 500-talk book's 12,198 paragraphs.)"""
    if not (len(text) >= 6 and text[0] == "<" and _re_para.match(text)):
        text = f"<para>{text}</para>"  # as ParaParser.parse wraps it
    parts = _TOKENS.split(text)  # text, token, text, ..., text
    runs = parts[0::2]
    joined = "".join(runs)
    key = templates = labels = None
    if "<" not in joined and "&" not in joined and not (boxed and _ACCENT.search(joined)):
        templates = _templates(style)
        tags = parts[1::2]
        if "<onDraw " in text:
            tags, labels = _unlabelled(tags)
        key = (tuple(tags), tuple(map(bool, runs)), case_sensitive, boxed)
        template = templates.get(key)
        if template is not None:
            frags = _from_template(template, list(filter(None, runs)))
            if labels:
                _labelled(frags, labels)
            return style, frags, None, []
    parser = _BoxParser() if boxed else _QuickParser()
    parser.caseSensitive = case_sensitive
    calls = _parser_calls(text) if key is not None and key not in templates else None
    if calls is None:  # read by HTMLParser, or of a shape known to make no template
        if key is not None:
            _note(templates, key, None)
        return (*parser.parse(text, style), parser.errors)
    parser._given, parser._sources = calls, []
    made_style, frags, bullets = parser.parse(text, style)
    _note(templates, key, _template(parser, calls, frags, parser._sources)
          if made_style is style and bullets is None and _labels_of(frags) == (labels or []) else None)
    return made_style, frags, bullets, parser.errors


def _unlabelled(tags: list[str]) -> tuple[list[str], list[str]]:
    """`tags` with each <onDraw> tag's label left out (_ON_DRAW), and those labels, in order."""
    labels = []
    shaped = []
    for tag in tags:
        found = _ON_DRAW.match(tag) if tag.startswith("<onDraw ") else None
        if found is not None:
            labels.append(found.group(2))
            tag = found.group(1) + found.group(3)
        shaped.append(tag)
    return shaped, labels


def _on_draws(frags) -> list:
    """The <onDraw> tags' definitions in `frags` (cbDefn), in order."""
    return [defn for defn in (getattr(frag, "cbDefn", None) for frag in frags)
            if type(defn) is ABag and getattr(defn, "kind", None) == "onDraw"]


def _labels_of(frags) -> list[str] | None:
    """The labels of the <onDraw> tags of `frags` (as parsed), in order; None when there are none to read."""
    return [defn.label for defn in _on_draws(frags)] if frags is not None else None


def _labelled(frags: list, labels: list[str]) -> None:
    """Fragments made from a template (their <onDraw> definitions cloned) given their own markup's labels."""
    for defn, label in zip(_on_draws(frags), labels, strict=True):
        defn.label = label


def _note(templates: dict, key, template: _Template | None) -> None:
    """`template` kept for the shape `key` (None: the shape makes none), at most 4,096 shapes a style."""
    if len(templates) >= 4096:
        templates.clear()
    templates[key] = template


def copy_fragment(fragment):
    """copy.copy(fragment): for a ParaFrag, what copy.copy makes of it (a new one, not initialised, whose
    dictionary is updated with the fragment's), without its look-ups of how to copy one (3.5 us a copy
    against 0.5; the parser copies a fragment for every tag and every run of text)."""
    if type(fragment) is not ParaFrag:
        return copy.copy(fragment)
    made = ParaFrag.__new__(ParaFrag)
    made.__dict__.update(fragment.__dict__)
    return made


def copy_word(word):
    """copy.copy(word), for a word of a paragraph's broken lines (a list of ReportLab's classes, _SplitFrag and the
    like, its attributes in its dictionary; or a FragLine, a line of such words), without its look-ups of how to
    copy one: a part of a paragraph split between pages copies each of its words, and each of the 26 pages a
    98,000-letter name ran over in the index of authors copied those of all the pages after it."""
    kind = type(word)
    if kind.__module__ != _rl_paragraph.__name__ or not (issubclass(kind, list) or kind is _rl_paragraph.FragLine):
        return copy.copy(word)
    made = kind(word) if issubclass(kind, list) else kind.__new__(kind)
    made.__dict__.update(word.__dict__)
    return made


_COPYING = types.SimpleNamespace(copy=copy_fragment, deepcopy=copy.deepcopy)  # the `copy` module as the parser uses it


_CHECKED = reportlab_checked()  # ReportLab's internals as the equivalents below were checked against (else its own)


class _Frame:
    """What the parser's stack holds after the tags open at a point of a paragraph's markup, in a style (the
    markup's root, <para>, in the styles alike: _frames): the frame a start tag of _FRAME_TAGS pushes there (a
    fragment, not to be changed: the parser pushes a copy of it), the fragment a run of text makes there (its
    attributes, the text last: None until a run is read there, False where a run's fragment is not made so), and
    the frames each such tag opens there, by tag and attributes."""

    __slots__ = ("frag", "data", "children")

    def __init__(self, frag):
        self.frag = frag
        self.data: dict | None | bool = None
        self.children: dict[tuple, _Frame] = {}


# Tags whose start handler (ReportLab's, and _QuickParser's and _BoxParser's own) pushes a frame that is the same for
# the same frame below it and attributes, and does nothing else (not <u>, <strike> and links, which number their
# lines; not <br/>, <seq> and the box tags); <super> and <sub> mark a part of a box only right inside one, never
# read from a _Frame (a box's frame has none)
_FRAME_TAGS = frozenset(("b", "strong", "i", "em", "font", "super", "sup", "sub", "nobr"))
_FRAMES_AT_MOST = 256  # the tags a _Frame keeps the frames of (a theme's sizes and colours make a few dozen)


_ROOT_CALL = ("handle_starttag", "para", [])  # <para>, without attributes, as _parser_calls reads it


def _frames(style, parser: type, case_sensitive) -> _Frame:
    """The root _Frame of markup parsed by a `parser` (a class) in `style` and the styles alike (_templates: kept
    with their templates, made again when the style or the font mappings change)."""
    templates = _templates(style)
    key = ("frames", parser, bool(case_sensitive))
    root = templates.get(key)
    if root is None:
        root = templates[key] = _Frame(None)
    return root


def _popped_by_name(parser: type) -> frozenset[str]:
    """The tags of _FRAME_TAGS whose end handler, in `parser` (a class), is ReportLab's: it pops the frame on top
    of the stack, which its tag opened."""
    return frozenset(tag for tag in _FRAME_TAGS if hasattr(ParaParser, f"end_{tag}")
                     and getattr(parser, f"end_{tag}") is getattr(ParaParser, f"end_{tag}"))


class _QuickParser(ParaParser):
    """ReportLab's paragraph parser, reading the markup booklet makes without HTMLParser's machinery
    (_parser_calls; anything else goes through HTMLParser as before), and copying fragments with
    copy_fragment: the same handlers, called in the same order with the same arguments, make the same
    fragments.

    Where what its stack holds is known (each frame a _Frame's: the markup's root, <para> without attributes,
    and the tags of _FRAME_TAGS inside it, in this parse or an earlier one in the style), a start tag of those
    pushes a copy of the frame its handler pushed there before, a run of text makes the fragment it made there
    before, and an end tag pops: the handlers' fragments, without their calls (a paragraph with formulas has a
    few dozen tags and runs, nearly all of kinds its style has read before). The root's frame is the one its
    first parse made, so that the paragraph's fragments share its lists (of links and lines), as fragments made
    from a template do."""

    _given = None  # the calls of the markup `parse` is given, read already (_parsed)
    _sources = None  # a list to note, for each handle_data call, the fragment it made (_parsed)
    _nodes: list | tuple = ()  # (frame, its _Frame) for the stack's first frames, as far as each is known

    def start_font(self, attributes):
        """<font>; one naming a text family in the style around it (fonts.IN_STYLE: font_for_char's answer for a
        character the other family lacks) takes that family's face of the style around it."""
        around = self._stack[-1]
        super().start_font(attributes)
        frag = self._stack[-1]
        family = _IN_STYLE.get(frag.fontName)
        if family is not None:
            frag.fontName, frag.bold, frag.italic = family, around.bold, around.italic

    if _CHECKED:
        _push = _calling(ParaParser._push, copy=_COPYING)
        _handle_data = _calling(ParaParser.handle_data, copy=_COPYING)

        def handle_data(self, data):
            """ReportLab's; where the frame on top is known, the fragment made there before, with `data`."""
            nodes = self._nodes
            if not nodes or len(nodes) != len(self._stack) or nodes[-1][0] is not self._stack[-1]:
                return self._handle_data(data)
            node = nodes[-1][1]
            made = node.data
            if made:
                frag = ParaFrag.__new__(ParaFrag)
                frag.__dict__.update(made)
                frag.text = data
                self.fragList.append(frag)
                return
            frame, count = self._stack[-1], len(self.fragList)
            self._handle_data(data)
            if made is None:  # (a plain frame's fragment: a copy of it, in the font of its face, holding the text)
                plain = len(self.fragList) == count + 1 and not getattr(frame, "greek", 0) and not any(
                    hasattr(frame, name) for name in ("cbDefn", "_selfClosingTag", "isBullet"))
                node.data = dict(self.fragList[-1].__dict__) if plain else False

        def feed(self, data):
            calls, self._given = self._given, None
            if calls is None:
                calls = _parser_calls(data)
                if calls is None:
                    return super().feed(data)
            sources = self._sources
            self._nodes = []
            at = 0
            if calls and calls[0] == _ROOT_CALL:  # <para>: its frame, the one the first parse in the style made
                self.handle_starttag("para", [])
                root = _frames(self._style, type(self), self.caseSensitive)
                if root.frag is None:
                    root.frag = copy_fragment(self._stack[0])
                else:
                    self._stack[0] = copy_fragment(root.frag)
                self._nodes.append((self._stack[0], root))
                at = 1
            while at < len(calls):
                call = calls[at]
                if sources is not None and call[0] == "handle_data":
                    made = len(self.fragList)
                    self.handle_data(call[1])
                    # the fragment made of the text and holding it as it is, or none: -1
                    sources.append(made if len(self.fragList) == made + 1 and self.fragList[-1].text is
                                   call[1] else -1)
                elif call[0] == "handle_data":
                    self.handle_data(call[1])
                elif sources is None and call[0] == "handle_starttag" and call[1] in self._box_tags:
                    at = self._box(calls, at)
                    continue
                else:
                    self._call(call)
                at += 1

        def _call(self, call: tuple) -> None:
            """One of _parser_calls' calls made: with what is known of the frames where it can be, else by its
            handler."""
            name = call[0]
            if name == "handle_data":
                self.handle_data(call[1])
            elif not (name == "handle_starttag" and self._started(call[1], call[2])
                      or name == "handle_endtag" and self._ended(call[1])):
                getattr(self, name)(*call[1:])
                self._in_step()

        _box_tags: frozenset[str] = frozenset()  # (_BoxParser's)

        def _box(self, calls: list, at: int) -> int:
            """_BoxParser's: the box whose start tag is `calls[at]` made; where the calls after it start."""
            self._call(calls[at])
            return at + 1

        def _in_step(self) -> None:
            """The known frames after a handler's call: those of the stack's first frames that are as they were."""
            nodes, stack = self._nodes, getattr(self, "_stack", ())
            known = 0
            while known < len(nodes) and known < len(stack) and nodes[known][0] is stack[known]:
                known += 1
            del nodes[known:]

        def _started(self, tag: str, pairs: list) -> bool:
            """A start tag of _FRAME_TAGS where the frame on top is known: its frame pushed (the one its handler
            pushed there before, or its handler called); False (nothing done) elsewhere."""
            if tag not in _FRAME_TAGS or not self._nodes:
                return False
            nodes, stack = self._nodes, self._stack
            if len(nodes) != len(stack) or nodes[-1][0] is not stack[-1]:
                return False
            node = nodes[-1][1]
            key = (tag, *pairs)
            child = node.children.get(key)
            if child is not None:
                frame = copy_fragment(child.frag)
                stack.append(frame)
                nodes.append((frame, child))
                return True
            errors, count = len(self.errors), len(self.fragList)
            self.handle_starttag(tag, pairs)
            if (len(stack) == len(nodes) + 1 and stack[-2] is nodes[-1][0] and len(self.errors) == errors
                    and len(self.fragList) == count and len(node.children) < _FRAMES_AT_MOST):
                child = node.children[key] = _Frame(copy_fragment(stack[-1]))
                nodes.append((stack[-1], child))
            else:
                self._in_step()
            return True

        def _ended(self, tag: str) -> bool:
            """An end tag whose handler pops the frame its tag opened, on top of the stack: popped; False (nothing
            done) for any other."""
            stack = self._stack if tag in self._popped else None
            if not stack or stack[-1].__tag__ != tag:
                return False
            stack.pop()
            del self._nodes[len(stack):]
            return True

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls._popped = _popped_by_name(cls)


_QuickParser._popped = _popped_by_name(_QuickParser)


class _BoxParser(_QuickParser):
    """ReportLab's paragraph parser, which also turns <mscripts> and <mkern> into box fragments.

    A box whose tag opens where the frame on top is known (_QuickParser: not inside another box) is made as it was
    made there before, when its markup (the calls from its start tag to its end tag) is the same, and so is the
    italic correction of the letter before it (a superscript starts after it): the fragments made then (the box's,
    its character standing for the same box) without its handlers (the same few boxes recur through a book, x_i,
    10^{-3}); _BOX_FRAGS keeps them."""

    _box_tags = frozenset(("mscripts", "mkern", "mroot"))

    if _CHECKED:
        def _box(self, calls: list, at: int) -> int:
            """The box whose start tag is `calls[at]` made, from _BOX_FRAGS where it can be (else by its handlers,
            its fragments then kept there); where the calls after its end tag start."""
            nodes, stack = self._nodes, self._stack
            if not nodes or len(nodes) != len(stack) or nodes[-1][0] is not stack[-1]:
                return super()._box(calls, at)
            tag, depth = calls[at][1], 0
            for end in range(at, len(calls)):  # (its end tag)
                name = calls[end][0]
                if (name == "handle_starttag" or name == "handle_endtag") and calls[end][1] == tag:
                    depth += 1 if name == "handle_starttag" else -1
                    if depth == 0:
                        break
            else:
                return super()._box(calls, at)
            frags = self.fragList
            nucleus = frags[-1] if frags and frags[-1].text else None
            correction = (overhang(nucleus.fontName, nucleus.text[-1]) * nucleus.fontSize
                          if tag == "mscripts" and nucleus is not None and nucleus.fontName != BOX_FONT else 0.0)
            key = (nodes[-1][1], correction, *((c[0], c[1], *c[2]) if len(c) == 3 else c for c in calls[at:end + 1]))
            made = _BOX_FRAGS.get(key)
            if made is not None:
                register_box_font()
                for kind, attributes in made:
                    frag = kind.__new__(kind)
                    frag.__dict__.update(attributes)
                    frags.append(frag)
                return end + 1
            count, last, errors = len(frags), frags[-1] if frags else None, len(self.errors)
            for call in calls[at:end + 1]:
                self._call(call)
            if (len(nodes) == len(stack) and nodes[-1][0] is stack[-1] and not self._open_boxes
                    and len(frags) >= count and (frags[count - 1] is last if count else True)
                    and len(self.errors) == errors):
                if len(_BOX_FRAGS) >= 4096:
                    _BOX_FRAGS.clear()
                _BOX_FRAGS[key] = tuple((type(f), dict(f.__dict__)) for f in frags[count:])
            return end + 1

    def _reset(self, style):
        super()._reset(style)
        self._open_boxes: list[list] = []  # [first fragment index, stack depth, box id, parts so far]
        self._box_ids = itertools.count()

    def _open_box(self, tag: str) -> None:
        self._push(tag)
        self._open_boxes.append([len(self.fragList), len(self._stack), next(self._box_ids), 0])

    def _close_box(self, tag: str):
        frag = self._pop(tag)
        start, _, ident, _ = self._open_boxes.pop()
        content = self.fragList[start:]
        del self.fragList[start:]
        return frag, ident, content

    def _add_box(self, frag, box: Box) -> None:
        if ruled(run.text for _, runs in box.parts for run in runs if run.font == BOX_FONT):
            box = box._replace(rules=box.rules + _inner_rules(box.parts))  # (a root in a script: its bar)
        register_box_font()
        boxed = copy.copy(frag)  # size, rise, colour, underline and links of where the box stands
        boxed.fontName = BOX_FONT
        boxed.text = _register(box)
        self.fragList.append(boxed)

    def _mark_part(self) -> None:
        """A <sup>/<sub> right inside <mscripts> starts a part of that box."""
        if self._open_boxes and self._open_boxes[-1][1] + 1 == len(self._stack):
            opened = self._open_boxes[-1]
            self._stack[-1]._box_part = (opened[2], opened[3], self._stack[-1].__tag__)
            opened[3] += 1

    def start_super(self, attributes):
        super().start_super(attributes)
        self._mark_part()

    def start_sub(self, attributes):
        super().start_sub(attributes)
        self._mark_part()

    def handle_data(self, data):
        """As ReportLab's; a bold run in a single-weight symbol font, outside a box, becomes a box
        of its own, to be emboldened when drawn."""
        count = len(self.fragList)
        super().handle_data(data)
        if self._open_boxes or len(self.fragList) != count + 1:
            return
        frag = self.fragList[-1]
        if frag.text and frag.fontName != BOX_FONT and _ACCENT.search(frag.text) and _ACCENTED.search(frag.text):
            self._raise_accents(frag)
            return
        if frag.text and frag.fontName in _SINGLE_WEIGHT and _bold(frag):
            run = _run(frag)
            if run.stroke is not None:
                del self.fragList[-1]
                self._add_box(frag, Box(((0.0, (run,)),), _width(run)))

    def _raise_accents(self, frag) -> None:
        """The last fragment, `frag`, with each tall letter that has combining accents as a box (accent_box)."""
        pieces, at = [], 0
        for found in _ACCENTED.finditer(frag.text):
            box = accent_box(frag, found.group(1), found.group(2))
            if box is not None:
                pieces += [frag.text[at:found.start()], box]
                at = found.end()
        if not pieces:
            return
        pieces.append(frag.text[at:])
        del self.fragList[-1]
        for piece in pieces:
            if isinstance(piece, Box):
                self._add_box(frag, piece)
            elif piece:
                part = copy.copy(frag)
                part.text = piece
                self.fragList.append(part)

    def start_font(self, attributes):
        bold = _bold(self._stack[-1])
        super().start_font(attributes)
        self._stack[-1]._context_bold = bold

    def start_b(self, attributes):
        super().start_b(attributes)
        self._stack[-1]._context_bold = True

    def start_strong(self, attributes):
        super().start_strong(attributes)
        self._stack[-1]._context_bold = True

    def start_mscripts(self, attributes):
        self._open_box("mscripts")

    def end_mscripts(self):
        frag, ident, content = self._close_box("mscripts")
        parts: dict[int, tuple[str, list[Run]]] = {}
        for f in content:
            part = getattr(f, "_box_part", None)
            if part is not None and part[0] == ident and f.text:
                parts.setdefault(part[1], (part[2], []))[1].append(_run(f))
        if not parts:
            return
        # A superscript starts after the nucleus's italic correction; a subscript right under it.
        nucleus = self.fragList[-1] if self.fragList and self.fragList[-1].text else None
        correction = 0.0
        if nucleus is not None and nucleus.fontName != BOX_FONT:
            correction = overhang(nucleus.fontName, nucleus.text[-1]) * nucleus.fontSize
        placed = tuple(((correction if kind == "super" else 0.0), tuple(runs))
                       for kind, runs in (parts[k] for k in sorted(parts)))
        width = max(dx + _part_width(runs) for dx, runs in placed) + SCRIPTSPACE
        self._add_box(frag, Box(placed, width))  # drawn in the order written: extracted in that order

    def start_mroot(self, attributes):
        self._open_box("mroot")

    def _root_part(self, tag: str, part: str) -> None:
        """What follows, to the end of `tag`, is the `part` of the root whose box is open (root_box)."""
        ident = self._open_boxes[-1][2] if self._open_boxes else None
        self._push(tag)
        self._stack[-1]._root_part = (ident, part)

    def start_mindex(self, attributes):
        self._root_part("mindex", "index")

    def end_mindex(self):
        self._pop("mindex")

    def start_mrad(self, attributes):
        self._root_part("mrad", "radicand")

    def end_mrad(self):
        self._pop("mrad")

    def end_mroot(self):
        """A square root (text.markup's <mroot>): its index, sign and radicand as one box, a bar over the radicand
        (root_box); its fragments as they are where it is not one sign and a radicand."""
        frag, ident, content = self._close_box("mroot")
        parts: dict[str, list] = {"index": [], "sign": [], "radicand": []}
        for f in content:
            part = getattr(f, "_root_part", None)
            if f.text:
                parts[part[1] if part is not None and part[0] == ident else "sign"].append(f)
        sign = parts["sign"]
        box = root_box(sign[0], parts["index"], parts["radicand"]) if len(sign) == 1 and len(sign[0].text) == 1 \
            and parts["radicand"] else None
        if box is None:
            self.fragList.extend(content)
        else:
            self._add_box(frag, box)
            self.fragList[-1]._unboxed = (tuple(parts["index"]), sign[0], tuple(parts["radicand"]))

    def start_mkern(self, attributes):
        self._open_box("mkern")
        try:
            self._stack[-1]._kern = float(attributes.get("em", 0))
        except ValueError:
            self._stack[-1]._kern = 0.0
        self._stack[-1]._thin = "thin" in attributes

    def start_mcorr(self, attributes):
        self._push("mcorr")

    def end_mcorr(self):
        """TeX's italic correction of the math letter before the tag (text.markup's CORRECTION_TAG): how far its
        glyph reaches past its advance, as a fixed space, so that the f of f(x) clears the parenthesis."""
        self._pop("mcorr")
        nucleus = self.fragList[-1] if self.fragList and not self._open_boxes else None
        if nucleus is None or not nucleus.text or nucleus.fontName == BOX_FONT or nucleus.rise:
            return
        letter = nucleus.text[-1]
        correction = overhang(nucleus.fontName, letter) * nucleus.fontSize
        if correction <= 0:
            return
        # The letter itself in a box as wide as its advance and the correction: drawn with the correction as its
        # character spacing, which text extraction counts in its width (no space between the f and its parenthesis)
        run = _run(nucleus)._replace(text=letter)
        if len(nucleus.text) == 1:
            del self.fragList[-1]
        else:
            nucleus = copy.copy(nucleus)
            self.fragList[-1].text = self.fragList[-1].text[:-1]
        self._add_box(nucleus, Box(((0.0, (run,)),), _width(run) + correction))

    def end_mkern(self):
        frag, _, content = self._close_box("mkern")
        if frag._thin and content:  # a narrow no-break space (THIN_TAG): its text's font, as parsed, draws it
            if content[0].fontName in _CODE_FONTS:  # (in code, a no-break space as wide as a letter, as before)
                self.fragList.extend(content)
            else:
                self._add_box(frag, thin_box(content[0]))
            return
        width = frag._kern * frag.fontSize
        if width:
            self._add_box(frag, Box((), width))


# A square root's box (root_box), as TeX sets one in text style
ROOT_GAP = 1.25  # the least space between the radicand's ink and the bar, in the bar's thickness (TeX's 1 and 1/4)
INDEX_RAISE = 0.6  # the index's baseline above the sign's bottom, in the sign's height (TeX's degree: 60 %)
INDEX_INTO = 0.55  # how far into the sign's ink the index's right edge reaches, in the ink's width (over its tick)
STROKE_SHARE = 1 / 12  # the bar's thickness, in the sign's height, where the sign's outline shows no horizontal stroke


def root_box(sign_frag, index_frags: list, radicand_frags: list) -> Box | None:
    """The box of a square root: its index (`index_frags`, none but for `\\sqrt[n]`) over the sign's tick, the sign
    (`sign_frag`, one character), and the radicand after it under a bar (a rule) that joins the sign's top and
    reaches to the radicand's end (its advance and italic correction); None when the sign's glyph cannot be read.

    The bar's top is the sign's top and its thickness the sign's stroke (radical_shape), read from the font; where
    the radicand's ink reaches higher than ROOT_GAP bar thicknesses under it (a superscript, a fraction), the sign
    is set larger, its bottom where it was, until it clears it, as TeX takes a larger radical. An emboldened sign (in
    bold text) has a bar as much heavier."""
    sign = _run(sign_frag)
    bounds, shape = glyph_box(sign.font, sign.text), radical_shape(sign.font, sign.text)
    if bounds is None:
        return None
    x0, y0, x1, y1 = bounds
    stroke = shape[1] if shape is not None and shape[1] is not None else (y1 - y0) * STROKE_SHARE
    join = shape[0] if shape is not None else x1 - stroke
    size, rise = sign.size, sign.rise
    radicand = tuple(map(_run, radicand_frags))
    ink = _ink(Box(((0.0, radicand),), 0.0))
    room = size * (y1 - y0 - stroke * (1 + ROOT_GAP))
    scale = max(1.0, (ink[0] - rise - y0 * size) / room) if ink is not None and room > 0 else 1.0
    if scale > 1.0:
        sign = sign._replace(size=size * scale, rise=rise + y0 * size * (1 - scale))
        size = sign.size
    parts: list[tuple[float, tuple[Run, ...]]] = []
    sign_x = 0.0
    if index_frags:
        index = [_run(f) for f in index_frags]
        lift = sign.rise + (y0 + INDEX_RAISE * (y1 - y0)) * size - index[0].rise
        index = tuple(run if run.font == BOX_FONT else run._replace(rise=run.rise + lift) for run in index)
        into = (x0 + INDEX_INTO * (x1 - x0)) * size
        width = sum(map(_width, index))
        sign_x = max(0.0, width - into)
        parts.append((sign_x + into - width, index))
    parts.append((sign_x, (sign,)))
    radicand_x = sign_x + _width(sign)
    parts.append((radicand_x, radicand))
    end = max(radicand_x + _part_width(radicand), sign_x + x1 * size)
    thick = stroke * size
    bold = EMBOLDEN * size if sign.stroke else 0.0  # (the stroke's width, half of it outside the outline)
    bar = (sign_x + join * size - bold / 2, sign.rise + y1 * size - thick - bold / 2, 0.0, thick + bold)
    return Box(tuple(parts), end, ((bar[0], bar[1], end - bar[0], bar[3]),))  # (_add_box adds its roots' bars)


def _inner_rules(parts) -> tuple[tuple[float, float, float, float], ...]:
    """The rules of the boxes among `parts` (a box's), each from the box's left edge: where _draw_box draws them."""
    rules: list[tuple[float, float, float, float]] = []
    for dx, runs in parts:
        x = dx
        for run in runs:
            if run.font != BOX_FONT:
                x += _width(run)
                continue
            for inner in filter(None, map(_BOXES.get, run.text)):
                rules += [(x + rx, ry, width, height) for rx, ry, width, height in inner.rules]
                x += inner.width
    return tuple(rules)


# (_Frame where a box's tag opened, the italic correction before it, its calls) -> the fragments it made there, each
# (class, attributes): a box's width, a narrow space's glyph depend on the fonts, whose change empties it (its _Frames
# are then made again: _TEMPLATES is emptied too, and no key of it is found again); at most 4,096 boxes
_BOX_FRAGS: dict[tuple, tuple] = {}
when_fonts_change(_BOX_FRAGS.clear)


def boxed_markup(text: str) -> bool:
    """Whether markup `text` is parsed by the parser of math boxes (its scripts, kerns, a math font's characters, a
    narrow space), whose fragments name boxes registered in this process: a build that keeps layouts keeps such a
    paragraph's fragments as parsed, and parses any other's again when it needs them (layout.flowables.Para)."""
    return THIN in text or any(marker in text for marker in _MARKERS)


def _thin_tagged(text: str) -> str:
    """Markup `text` with each narrow no-break space outside its tags as THIN_TAG."""
    return _THIN_OR_TAG.sub(lambda found: THIN_TAG if found.group() == THIN else found.group(), text)


def thin_box(frag) -> Box:
    """The fixed space a narrow no-break space is in `frag`'s font and size: THIN_EM ems, the font's own glyph for
    it drawn at its start (text extraction reads the space) where the font has one."""
    font, size = frag.fontName, frag.fontSize
    width = THIN_EM * size
    # (no glyph: a run of no text, drawing nothing, that says the font: _thin_untied)
    text = THIN if _has_glyph(font, THIN) else ""
    return Box(((0.0, (Run(text, font, size, 0.0 if frag.rise is None else frag.rise),)),), width)


@functools.lru_cache(maxsize=256)
def _has_glyph(font_name: str, char: str) -> bool:
    face = getattr(pdfmetrics.getFont(font_name), "face", None)
    return face is not None and ord(char) in getattr(face, "charToGlyph", {})


when_fonts_change(_has_glyph.cache_clear)


class _Pen:
    """Where drawing boxes stands: a move not yet written (points), whether it holds a space (a
    kern, or a space in the box's text), the rise last written, and the last glyph, kept back so
    that a move after it can become its character spacing."""

    __slots__ = ("move", "space", "rise", "tail")

    def __init__(self, rise: float) -> None:
        self.move = 0.0
        self.space = False
        self.rise = rise
        self.tail: tuple[Run, str] | None = None  # the run, and its last character


@functools.lru_cache(maxsize=256, typed=True)
def _size_and_leading(size, leading) -> str:
    """The operators after a subset's name that set the font's `size` and the `leading` (_subset_text), as ReportLab
    writes them: a book sets the same few pairs all through, and each line of text wrote them anew (1.4 us, against
    0.14 us for a look-up; some 49,000 times at 500 talks)."""
    return f"{fp_str(size)} Tf {fp_str(leading)} TL"


class _BoxTextObject(PDFTextObject):
    """A text object that draws box characters (see the module's docstring); all else as ReportLab does."""

    _pdf_size = None  # the font size of the last font operator written: TJ adjustments scale with it

    @property
    def _line_rise(self) -> float:
        """The rise ReportLab set last (ReportLab 4 sets the attribute only when it first sets a rise)."""
        return getattr(self, "_rise", 0)

    def _textOut(self, text, TStar=0):  # noqa: N803 - ReportLab's names
        """ReportLab's _textOut: the text at the current point (and T* after it when `TStar`), without formatting
        _formatText's string again (it wrote "%s%s" % (out, " T*" or ""); once for each fragment of each line)."""
        out = self._formatText(text)
        self._code.append(out + " T*" if TStar else out)

    def _formatText(self, text):
        if self._fontname != BOX_FONT:
            font = pdfmetrics.getFont(self._fontname)
            if _CHECKED and font._dynamicFont and not (isinstance(text, ShapedStr) and font.shapable):
                out = self._subset_text(font, text)
            else:
                out = super()._formatText(text)
            if out:
                self._pdf_size = self._fontsize
            return out
        name, size = self._fontname, self._fontsize
        ops: list[str] = []
        pen = _Pen(self._line_rise)
        for box in filter(None, map(_BOXES.get, text)):
            self._draw_box(box, ops, pen)
        self._flush(ops, pen, last=True)
        # Leave ReportLab's bookkeeping as it was: its font (re-selected before the next text).
        self._fontname, self._fontsize, self._curSubset = name, size, -1
        out = " ".join(ops)
        # ReportLab rewrites a last operator ending in " Ts" in place (setRise): never end with one.
        return out + " [] TJ" if out.endswith(" Ts") else out

    def _subset_text(self, font, text) -> str:
        """What ReportLab's _formatText writes for `text` in a TrueType font, unshaped: per run of one subset,
        the subset's font operator where the subset changes, and the run's glyphs (without its saving and
        restoring of the text object's state, which only shaped text changes)."""
        canv = self._canvas
        known = document_font(canv, font)  # the font's calls without looking its state up each time
        if known is not None:
            glyphs = known.glyphs(text)
            if glyphs is not None:  # (nearly all: text of the first subset)
                if self._curSubset == 0:
                    return f"({glyphs}) Tj"
                self._curSubset = 0
                return f"{known.subset_name(0)} {_size_and_leading(self._fontsize, self._leading)} ({glyphs}) Tj"
        # (what glyphs did not write fails the fast path of splitString too: the font's own splits it)
        chunks = font.splitString(text, canv._doc)
        escape = canv._escape
        out: list[str] = []
        tail = None
        for subset, glyphs in chunks:
            if subset != self._curSubset:
                if tail is None:
                    tail = _size_and_leading(self._fontsize, self._leading)
                name = known.subset_name(subset) if known is not None else font.getSubsetInternalName(subset, canv._doc)
                out.append(f"{name} {tail}")
                self._curSubset = subset
            out.append(f"({escape(glyphs)}) Tj")
        return " ".join(out)

    def _draw_box(self, box: Box, ops: list[str], pen: _Pen) -> None:
        """Each part from the box's left edge, then on to its right edge."""
        if not box.parts:  # a fixed space
            pen.space = True
        for dx, runs in box.parts:
            pen.move += dx
            advance = dx
            for run in runs:
                if run.font == BOX_FONT:
                    for inner in filter(None, map(_BOXES.get, run.text)):
                        self._draw_box(inner, ops, pen)
                        advance += inner.width
                    continue
                for chunk in _space_split(run.text):
                    width = pdfmetrics.stringWidth(chunk, run.font, run.size)
                    if chunk in _SPACES:
                        pen.move += width
                        pen.space = True
                    else:
                        self._flush(ops, pen)
                        if len(chunk) > 1:
                            self._write_glyphs(ops, run, chunk[:-1], pen)
                        pen.tail = (run, chunk[-1])
                    advance += width
            pen.move -= advance
        pen.move += box.width

    def _flush(self, ops: list[str], pen: _Pen, last: bool = False) -> None:
        """The glyph kept back, then the pending move; and at the `last`, the rise as it was.

        A move forward from that glyph that is no space (the italic correction and \\scriptspace
        after a script, or the rest of a stacked script's width) becomes the glyph's character
        spacing (Tc): text extraction counts it in the glyph's width, where it would take a TJ
        adjustment as wide as half a space in these small sizes for a space between words; and so does a move back
        after a thin space's glyph (thin_box)."""
        tail, pen.tail = pen.tail, None
        # (a thin space's glyph, wider than THIN_EM: the move back too, so that text extraction reads the space whole;
        # drawn with a move after it, pdfium read the next glyph as overlapping it and left the space out)
        if tail is not None and (pen.move > 1e-6 or tail[1] == THIN and pen.move < -1e-6) and not pen.space:
            char_space = getattr(self, "_charSpace", 0)
            ops.append(f"{fp_str(char_space + pen.move)} Tc")
            self._write_glyphs(ops, *tail, pen)
            pen.move = 0.0
            if last:
                self._restore_rise(ops, pen)
            ops.append(f"{fp_str(char_space)} Tc")
            return
        if tail is not None:
            self._write_glyphs(ops, *tail, pen)
        if last:
            self._restore_rise(ops, pen)
        self._write_move(ops, pen)

    def _restore_rise(self, ops: list[str], pen: _Pen) -> None:
        if pen.rise != self._line_rise:
            ops.append(f"{fp_str(self._line_rise)} Ts")
            pen.rise = self._line_rise

    def _write_glyphs(self, ops: list[str], run: Run, text: str, pen: _Pen) -> None:
        if run.rise != pen.rise:
            ops.append(f"{fp_str(run.rise)} Ts")
            pen.rise = run.rise
        code, self._code = self._code, []
        try:
            if (self._fontname, self._fontsize) != (run.font, run.size):
                self._setFont(run.font, run.size)  # writes nothing for a TrueType font
            ops.extend(self._code)
            if run.stroke:  # filled and stroked; the paragraph's q/Q restores line width and colour
                ops += ["2 Tr", f"{fp_str(EMBOLDEN * run.size)} w", run.stroke]
            ops.append(super()._formatText(text))  # the font operator when it changes, and the glyphs
            if run.stroke:
                ops.append(f"{self._textRenderMode} Tr")
        finally:
            self._code = code
        self._pdf_size = run.size

    def _write_move(self, ops: list[str], pen: _Pen) -> None:
        """The pending move as a TJ position adjustment: thousandths of the font size, leftwards."""
        if abs(pen.move) > 1e-6 and self._pdf_size:
            ops.append(f"[{fp_str(-1000 * pen.move / self._pdf_size)}] TJ")
        pen.move, pen.space = 0.0, False


def text_object(canvas, x: float = 0, y: float = 0) -> PDFTextObject:
    """A text object on `canvas` at (x, y), as a paragraph draws with (_BoxTextObject): the operators ReportLab's
    PDFTextObject writes for text outside the box font, written sooner (text in booklet's TrueType fonts through its
    DocumentFont: one str.translate a run, not the font's splitString and escaping); for text drawn outside a
    paragraph too (the index's entries: their lines were a fifth of the last part's drawing at 2,000 talks)."""
    return _BoxTextObject(canvas, x, y)


def _space_split(text: str) -> list[str]:
    """The text cut before and after each space."""
    if not any(space in text for space in _SPACES):
        return [text] if text else []
    out, word = [], []
    for char in text:
        if char in _SPACES:
            if word:
                out.append("".join(word))
                word = []
            out.append(char)
        else:
            word.append(char)
    if word:
        out.append("".join(word))
    return out


_ABSENT = object()
_FRAG_LOOKS = ("fontName", "fontSize", "textColor", "rise", "us_lines", "link", "backColor", "nobr")


def _same_frag(f, g) -> bool:
    """Whether two fragments look the same, as ReportLab's rl_accel.sameFrag says (neither is an image or
    a line break, and each of _FRAG_LOOKS is absent from both or equal in both), read from the fragments'
    dictionaries: the C function asks for each attribute, and an attribute a fragment has not got (most
    have no image, line break, background or nobr) costs it an exception raised and cleared, 4.3 us a
    call against 0.6 here; line breaking calls it about 180,000 times at 500 talks."""
    if type(f) is not ParaFrag or type(g) is not ParaFrag:  # a class may answer for attributes it has not got
        return sameFrag(f, g)
    fd, gd = f.__dict__, g.__dict__
    if "cbDefn" in fd or "lineBreak" in fd or "cbDefn" in gd or "lineBreak" in gd:
        return False
    for name in _FRAG_LOOKS:
        a, b = fd.get(name, _ABSENT), gd.get(name, _ABSENT)
        if a is not b and (a is _ABSENT or b is _ABSENT or a != b):
            return False
    return True


def _string_width(text, fontName, fontSize, encoding="utf8"):
    """pdfmetrics.stringWidth, remembered: line breaking measures each word of each paragraph, and the
    same words (in the same font and size) come back all through a book; the C function takes 0.7 us a
    call, a look-up 0.1. Kept per font itself, not its name (a theme may register a name again), and
    size (_named_widths); a box character's width is never kept (see _BoxFont). A font and size found by its name
    before is looked up here, not by a call of _named_widths (ReportLab's loop measures each word of a paragraph of
    one fragment so)."""
    found = _NAMED.get((fontName, fontSize))
    if found is not None and encoding == "utf8" and _REGISTERED.get(fontName) is found[0]:
        return found[1][text]
    widths = _named_widths(fontName, fontSize) if encoding == "utf8" else None
    if widths is None:
        return pdfmetrics.getFont(fontName).stringWidth(text, fontSize, encoding)
    return widths[text]


def _named_widths(fontName, fontSize) -> _Widths | None:
    """The _widths of the font registered as `fontName`, at `fontSize`; None for the box font, whose characters'
    widths are never kept (see _BoxFont). Found again by the name (_NAMED) while ReportLab's font of that name is
    the same font: a name registered again (a theme's other font) is measured in its new font (1.0 us a call
    against 1.3 through getFont and _widths' lru_cache; some 130,000 calls at 500 talks)."""
    found = _NAMED.get((fontName, fontSize))
    if found is not None and _REGISTERED.get(fontName) is found[0]:
        return found[1]
    font = pdfmetrics.getFont(fontName)
    if font.fontName == BOX_FONT:
        return None
    widths = _widths(font, fontSize)
    if len(_NAMED) >= 64:
        _NAMED.clear()
    _NAMED[fontName, fontSize] = font, widths
    return widths


_NAMED: dict[tuple, tuple] = {}  # (font name, size) -> (the font that name stood for, its _widths at that size)
_REGISTERED = pdfmetrics._fonts  # ReportLab's fonts by name (getFont's table)


class _Widths(dict):
    """Text -> its width in one font and size, measured when first asked for (line breaking looks words up
    here directly: _measure). At most 8,192 texts (the 2,000-talk book has 1,705 different words in its most
    used font and size), at most 32 fonts and sizes."""

    def __init__(self, font, size):
        super().__init__()
        self.font, self.size = font, size

    def __missing__(self, text):
        width = getattr(text, "known_width", None)
        if width is not None:  # (a long word's rest, new at every line: never kept, see _known_width)
            return width
        if len(self) >= 1 << 13:
            self.clear()
        width = self[text] = self.font.stringWidth(text, self.size)
        return width


@functools.lru_cache(maxsize=32)
def _widths(font, size) -> _Widths:  # `font`: the font object itself
    return _Widths(font, size)


when_fonts_change(_widths.cache_clear, _TEMPLATES.clear, _ALIKE.clear, _NAMED.clear)


@functools.lru_cache(maxsize=4096)
def _heights(font, name, size) -> tuple[float, float]:  # `font`: what `name` stands for when asked
    return pdfmetrics.getAscentDescent(name, size)


def _ascent_descent(fontName, fontSize=None):
    """pdfmetrics.getAscentDescent, remembered: for a TrueType font it reads font.ascent, which raises
    AttributeError, before the face's (0.75 us a call, about 230,000 calls at 500 talks)."""
    return _heights(pdfmetrics.getFont(fontName), fontName, fontSize)


# keyed by the fonts themselves: cleared only to let old fonts go
when_fonts_change(_heights.cache_clear)


def _split(text, delim=None):
    """ReportLab's paragraph.split (words at white space; with a no-break space in the text, at that
    too), without its type checks and copy of the list for the usual case, a str split at white space."""
    if delim is None and type(text) is str:
        return _rl_paragraph._wsc_re_split(text) if "\xa0" in text else text.split()
    return _rl_paragraph.split(text, delim)


# What ReportLab's cleanBlockQuotedText (a paragraph's text: lines stripped of white space, words joined by one
# space) can change: any white space ReportLab or str.split knows (none past U+3000) but a space, two spaces, a
# space first or last. Text without any is what it returns: cleaned_text gives it back as it is. Not a no-break space:
# ReportLab splits a text holding one at its own white space alone (`_wsc`, without it), so that it stays in its word
# as it was (booklet's markup ties words with them: four in ten paragraphs were split and joined again for nothing).
_WHITE = "".join(sorted((set(_rl_paragraph._wsc) | {chr(c) for c in range(0x3001) if chr(c).isspace()})
                        - {" ", "\xa0"}))
_WHITE_CHAR = re.compile(f"[{re.escape(_WHITE)}]")


def cleaned_text(text, cleaner):
    """cleaner(text), without its splitting and joining again when the cleaner is ReportLab's and cannot change
    `text` (most of a booklet's paragraphs: about nine in ten)."""
    if (cleaner is cleanBlockQuotedText and type(text) is str and "  " not in text and text[:1] != " "
            and text[-1:] != " " and _WHITE_CHAR.search(text) is None):
        return text
    return cleaner(text)


_RIGHT_MIN = {"en": 3, "fr": 3}  # TeX's righthyphenmin for the language: the fewest letters after a break


# A break the patterns of a language give that its print never makes, as the start of the line after it: German
# "ck" starts a syllable only before a vowel ("Zu-cker", "Ja-cke"), but pyphen's German patterns also break
# "Rü-ckblick", "Glü-ckwunsch" and "Stü-ckzahl", where the break is after it ("Rück-blick").
_TAIL_REFUSED = {"de": re.compile(r"ck(?![aeiouyäöü])", re.IGNORECASE)}


# Languages whose print breaks a compound with hyphens of its own inside its parts too, as any word ("Monte-Carlo-
# Simu- / lationen", as the Duden allows; a line that could only end "Monte-" was spaced wide): their words of letters
# joined by hyphens, slashes or apostrophes, or with digits, are broken at their joints and inside their runs of
# letters, the longest head first. Others break a compound at its own hyphens alone, inside its parts only where it is
# wider than a line, as English style guides have it ("high- / performance", not "high-per- / formance").
_PARTS_BROKEN = frozenset({"de"})
_JOINTS = re.compile("-/?|/")  # where a word of letters joined so breaks after (no hyphen added): "Ein-/ Ausgabe"
# the letters of a word hyphenation is given: ReportLab's (_hy_letters: Latin, the Cyrillic А-я) and the Greek and
# Cyrillic blocks whole, as line breaking takes a word of letters (linebreak._a_word_of_letters, str.isalpha), which
# starts the next line to be hyphenated there: "ελληνικά-Übersetzungsprogramm" did, and was then cut with no hyphen
_LETTERS = _rl_paragraph._hy_letters + "\u0370-\u03ff\u1f00-\u1fff\u0400-\u04ff"
_RUNS = re.compile(f"[{_LETTERS}]+")  # a joined word's runs of letters, each hyphenated as a word
# A word ReportLab's hyphenation is given (its punctuation before and after taken off), as booklet takes it: letters
# alone, as ReportLab has it, or a word joined of letters and digits by hyphens, slashes or apostrophes (_JOINED_WORD:
# "Bayes’sche", "Ein-/Ausgabe", "COVID-19-Prognosen", "3D-Drucker"), which ReportLab never hyphenated, and a justified
# line that could not end inside one was spaced wide; at least one of its characters a letter ("2010-2020" is none)
_JOINED_WORD = (f"(?=[^{_LETTERS}]*[{_LETTERS}])[{_LETTERS}0-9]+(?:(?:-/?|/|['\u2019])[{_LETTERS}0-9]+)+")
_WORD_LETTERS = re.compile(f"^(?:[{_LETTERS}]+|{_JOINED_WORD})$")
# what ReportLab's hyphenation takes a head's last character to be the hyphen of (none added): its own hyphens, and a
# joined word's slash ("Ein-/" ends a line so)
_HEAD_HYPHENS = re.compile(f"([{_rl_paragraph._hy_shy}/])")
# those a compound with digits in its parts (_COMPOUND) is broken after by ReportLab's own-hyphen breaking: never
# before a part of digits alone, as _joint_breaks ("COVID- / 19-Regeln" was, in a narrow box of the glance)
_COMPOUND_HYPHENS = re.compile(f"([{_rl_paragraph._hy_shy}/](?![0-9]+(?:[{_rl_paragraph._hy_shy}/]|$)))")


def _parts_broken(language: str) -> bool:
    """Whether `language` breaks a compound inside its parts too (_PARTS_BROKEN)."""
    return str(language)[:2].lower() in _PARTS_BROKEN


def _tail_refused(language: str):
    """The match of a break's tail that `language` does not break before (_TAIL_REFUSED), or None."""
    found = _TAIL_REFUSED.get(str(language)[:2].lower())
    return found.match if found is not None else None


def pattern_cuts(word: str, language: str) -> list[int]:
    """Where the hyphenation patterns of `language` may cut `word`, for text cut by hand rather than broken by a
    paragraph (the glance's shortened titles, sponsors' names in their boxes): with the fewest letters after a cut a
    paragraph keeps (_RIGHT_MIN: "Bundesministeri- / um" was cut so, where a paragraph keeps three), and none the
    language's print does not make (_TAIL_REFUSED)."""
    cuts = _pyphen(language).positions(word)
    refused = _tail_refused(language)
    return cuts if refused is None else [at for at in cuts if not refused(word, at)]


def right_min(language: str) -> int:
    """The fewest letters after a hyphenation break in `language` (see _RIGHT_MIN): paragraphs' and pattern_cuts'."""
    return _RIGHT_MIN.get(str(language)[:2].lower(), 2)


@functools.lru_cache(maxsize=16)
def syllable_breaks(language: str, least: int):
    """The hyphenation of `language` (a pyphen dictionary's name) as line breaking takes it (an _AfterHyphens: after a
    compound's own hyphens, inside its parts when it is wider than a line, none the language refuses), with `least`
    letters at least before and after each break, never between any two letters that are no syllables' (the
    glance's boxes: layout.glance._GoodBreaks; "Unco- / ver…", "SEL- / ECT…"); None without pyphen."""
    module = _rl_paragraph.pyphen
    if not module:
        return None
    module = getattr(module, "_module", module)  # (_OnePyphen's module)
    made = _AfterHyphens(module.Pyphen(lang=language, left=least, right=max(least, right_min(language))),
                         _tail_refused(language), _parts_broken(language))
    made.anywhere = False  # (a word no syllable of which fits is cut, not broken between any two letters)
    return made


@functools.lru_cache(maxsize=16)
def _pyphen(language: str):
    import pyphen

    return pyphen.Pyphen(lang=language, right=right_min(language))


class _OnePyphen:
    """The pyphen module as ReportLab's breakLines uses it (`pyphen.Pyphen(lang=...).iterate`, for every
    paragraph it breaks), giving the same Pyphen for a language as long as pyphen's cache holds the same
    patterns for it: making one looks the language up again each time (about 1 % of a build)."""

    def __init__(self, module):
        self._module = module
        self._made: dict = {}  # language -> (its Pyphen, the path of its patterns)

    def Pyphen(self, lang):  # noqa: N802 - pyphen's name
        module = self._module
        found = self._made.get(lang)
        if found is not None and module.hdcache.get(found[1]) is found[0].hd:
            return found[0]
        # as ReportLab makes it (an unknown language raises as it did), but for the letters a line may end a word on:
        # three in English and French, as TeX's patterns for them have it ("posteri- / or" was two)
        made = _AfterHyphens(module.Pyphen(lang=lang, right=right_min(lang)), _tail_refused(lang), _parts_broken(lang))
        self._made[lang] = (made, module.LANGUAGES[module.language_fallback(lang)])
        return made


class _AfterHyphens:
    """A Pyphen whose `iterate` breaks a word with a hyphen of its own only after that hyphen, as a compound is
    broken in print: pyphen gave ("over", "-segmentation") for "over-segmentation", which ReportLab prints as
    "over-" and "-segmentation" (a hyphen added to the head, the word's own starting the next line), and
    ("be", "st-performing") for "best-performing"; here ("over-", "segmentation") and ("best-", "performing")
    alone. Other words of letters as pyphen breaks them; a word joined of letters and digits by slashes or
    apostrophes, or with digits ("Bayes’sche", "Ein-/Ausgabe", "3D-Drucker", ReportLab's gate _WORD_LETTERS), at its
    joints and inside its runs of letters (_joined). `every`: a compound's parts broken too, after its own hyphens
    (for a compound wider than a whole line: _within_parts). `refused`: a match of the tails of the breaks the
    language does not make (_tail_refused), or None. `parts`: the language breaks a compound inside its parts too
    (_PARTS_BROKEN), as any joined word, the longest head first."""

    anywhere = True  # a word no break of which fits a whole line broken anywhere (_within_parts: _Anywhere)

    def __init__(self, made, refused=None, parts: bool = False):
        self.hd = made.hd  # (what _OnePyphen checks against pyphen's cache)
        self.left, self.right = made.left, made.right  # (the fewest letters before and after a break: _Anywhere's)
        self._iterate = made.iterate
        self._refused = refused
        self._parts = parts

    def iterate(self, word: str):
        if word.isalpha():
            yield from self._syllables(word)
        elif "\xad" not in word and (self._parts or not word.replace("-", "").isalpha()):
            yield from self._joined(word, self._parts)
        elif "-" in word[1:-1]:
            yield from _at_hyphens(word)
        else:
            yield from self._syllables(word)

    def every(self, word: str):
        if "\xad" not in word and not word.replace("-", "").isalpha():
            yield from self._joined(word, True)
            return
        yield from _at_hyphens(word)
        yield from (pair for pair in self._syllables(word) if pair[0][-1:] != "-")

    def _joined(self, word: str, inside: bool):
        """The breaks of a joined word, the longest head first: after its joints (_joint_breaks), and inside its
        runs of letters as the patterns break each as a word (each run's first and last letters kept as a word's
        are), never at an apostrophe ("Hes-se’sche", never "Hesse’-sche"), nor in a run with a capital after its
        first letter (an acronym, "COVID", "IPv"); those inside only where `inside` or the word has no hyphen nor
        slash (a language that breaks a compound at its hyphens alone: "collab-oration's", but "input/" / "output",
        and "10-dimensional" not at all)."""
        heads = _joint_breaks(word)
        if inside or _JOINTS.search(word) is None:
            for run in _RUNS.finditer(word):
                text = run.group()
                if not text[1:].islower():
                    continue
                heads.update(run.start() + len(head) for head, _ in self._syllables(text) if head[-1:] != "-")
        return [(word[:at], word[at:]) for at in sorted(heads, reverse=True)]

    def _syllables(self, word: str):
        given = set()
        refused = self._refused
        for head, tail in self._iterate(word):
            if refused is not None and refused(tail):
                continue
            if tail[:1] == "-":
                head, tail = head + "-", tail[1:]
                if not tail or not head[:-1]:
                    continue
            if (head, tail) not in given:
                given.add((head, tail))
                yield head, tail


def _joint_breaks(word: str) -> set[int]:
    """Where a joined word (_WORD_LETTERS) breaks after a joint of its own, a hyphen or a slash (_JOINTS): with two
    letters or digits before the joint and two after it, as a compound breaks (_at_hyphens), never before a part of
    digits alone nor after a head of digits ("COVID-" / "19-Prognosen", "10-" / "jährigen")."""
    found = set()
    for joint in _JOINTS.finditer(word):
        at, end = joint.start(), joint.end()
        if at < 2 or len(word) < end + 2 or not (word[at - 2:at].isalnum() and word[end:end + 2].isalnum()):
            continue
        part = _JOINTS.split(word[end:], 1)[0]
        if part.isdigit() or not any(ch.isalpha() for ch in word[:at]):
            continue
        found.add(end)
    return found


def _at_hyphens(word: str):
    """A compound's breaks after its own hyphens, the longest head first ("very-long-", "words"); never after one
    letter or before one ("e- / mail", "X- / ray")."""
    return ((word[:at + 1], word[at + 1:]) for at in range(len(word) - 3, 1, -1)
            if word[at] == "-" and word[at - 1].isalnum() and word[at - 2].isalnum()
            and word[at + 1].isalnum() and word[at + 2].isalnum())


def _within_parts(hyphenate, width_at: int, compound=None):
    """ReportLab's hyphenation of a word (`hyphenate`: _hyphenateFragWord or _hyphenateWord, whose argument
    `width_at` is the word's width, the one after it the line's), but for a word wider than a whole line: a
    compound that no break at its hyphens fits is broken inside a part too (_AfterHyphens.every), and a word the
    dictionary cannot break so anywhere (_Anywhere), with a hyphen, not cut without one or run past the line. A word
    of more than NO_DICTIONARY letters (base64 or a sequence pasted in, no word of any language) is not looked up in the
    dictionary at all, only broken at its own hyphens or anywhere: a title of one word of 99,000 letters spent 6 s of
    CPU in the dictionary's patterns, asked at every line of it in every setting of the page.
    `compound`: `hyphenate` as it takes a compound with digits in its parts (_COMPOUND), for the first of those."""

    def hyphenated(hyphenator, *args):
        args = _left_of_a_page_break(args, width_at)
        word = args[width_at]
        width, new_width, line = (word[0] if width_at == 0 else word), args[width_at + 1], args[width_at + 2]
        owner = getattr(hyphenator, "__self__", None)
        # (without a dictionary too: ReportLab then breaks a compound at its own hyphens, embeddedHyphenation, trying
        # every hyphen from the last and measuring each head, line after line; see _from_the_head)
        most = _most_letters(word, args, width_at, line - new_width + width)
        blob = most is not None and isinstance(owner, _AfterHyphens) \
            and (_letters(word, args, width_at) > NO_DICTIONARY or _page_broken(word))

        def offered(breaks):  # (a long word's breaks whose head can fit the room: _heads_of_at_most)
            return breaks if most is None or breaks is None else _heads_of_at_most(breaks, most)

        def broken(breaks, how=hyphenate):
            return _from_the_head(how, offered(breaks), args, width_at, most)

        made = broken(_at_hyphens if blob else hyphenator)
        if made or not isinstance(owner, _AfterHyphens) or width <= line:
            return made
        made = broken(_at_hyphens if blob else owner.every, compound or hyphenate)
        if made or new_width - width > 1e-6 or not owner.anywhere:  # after other words: broken anywhere only where it
            # starts a line (and not by a hyphenation that never breaks so: syllable_breaks')
            return made
        return broken(_Anywhere(owner.left, owner.right))

    return _counted(hyphenated)


NO_DICTIONARY = 1_000  # letters: a longer word is no word of a language, broken without the dictionary (_within_parts)


def _page_broken(word) -> bool:
    """Whether `word` (as _within_parts's hyphenate is given it, after _left_of_a_page_break) is a word a page or
    column broke, going on overleaf (ReportLab's _SplitWordLL, _SplitFragLL): of more than LONG_WORD letters, it is
    broken without the dictionary, as the whole word was where more than NO_DICTIONARY letters were left of it. The
    part of a split paragraph is broken again on its own, and its long word, shorter there, was broken by the
    dictionary in its last thousand letters, which took a line more than the whole had: a page's part of a word of
    12,000 letters was asked a line less again and again, to nothing (layout.flowables.Para._split_in), at every page
    (48,000 letters in an abstract: 20 s of CPU)."""
    return isinstance(word, (_rl_paragraph._SplitWordLL, _rl_paragraph._SplitFragLL))


CUT_WORD = 1_000  # letters: a longer word is hyphenated from its first letters alone (see _from_the_head)


def _from_the_head(hyphenate, breaks, args: tuple, width_at: int, most: int | None):
    """hyphenate(breaks, *args), but for a word of more than CUT_WORD letters (a sequence, a key, base64 pasted in),
    asked of its first letters alone (twice what a line holds, and the patterns' reach), the rest put back on the
    tail: ReportLab reads the whole word with a few regular expressions at every try of every line, so that a word
    of 32,000 letters took 17 s to build and one of 99,000 minutes. `breaks` offers only heads that fit (see
    _heads_of_at_most), so the lines are the same. The rest's width is the word's less its head's, never measured:
    measuring it at every line (thousands of letters, kept in _Widths too) made a word of 48,000 letters take 15 s
    of CPU to build, and one of 99,000 minutes."""
    keep = 2 * (most or 0) + 2 * _PATTERNS_REACH
    if most is None or width_at not in (0, 3):
        return hyphenate(breaks, *args)
    if width_at == 3:
        font, size, word, width, new_width = args[:5]
        if len(word) <= max(CUT_WORD, keep):
            return hyphenate(breaks, *args)
        head, rest = word[:keep], word[keep:]
        head_width = _string_width(head, font, size)
        made = hyphenate(breaks, font, size, head, head_width, new_width - width + head_width, *args[5:])
        if made:
            first, tail = made
            made = [first, _known_width(type(tail)(str(tail) + rest),
                                        _string_width(tail, font, size) + width - head_width)]
        return made
    word, new_width = args[0], args[1]
    if len(word) != 2:
        return _from_the_head_of_parts(hyphenate, breaks, args, keep)
    if len(word[1][1]) <= max(CUT_WORD, keep):
        return hyphenate(breaks, *args)
    frag, text = word[1]
    head, rest = text[:keep], text[keep:]
    head_width = _string_width(head, frag.fontName, frag.fontSize)
    made = hyphenate(breaks, type(word)([head_width, (frag, head)]), new_width - word[0] + head_width, *args[2:])
    if made:
        first, tail = made
        made = [first, _noting_spaceless(type(tail)([tail[0] + word[0] - head_width, (tail[1][0], tail[1][1] + rest)]),
                                         tail, word)]
    return made


def _known_width(word: str, width: float) -> str:
    """`word` (the rest of a long word, a str of ReportLab's kinds), carrying its `width` for _Widths to answer with
    when ReportLab's breakLines measures it as the next line's first word: measuring it (tens of thousands of
    letters, at every line) made a one-fragment title of a word of 48,000 letters take 8 s more of CPU to build."""
    try:
        word.known_width = width
    except AttributeError:  # (a plain str: measured as any word)
        pass
    return word


def _from_the_head_of_parts(hyphenate, breaks, args: tuple, keep: int):
    """_from_the_head for a word of more than one fragment (ReportLab's [width, (fragment, text), ...]): its first
    `keep` letters asked, the rest put back on the tail, where the tail's last part is of the fragment the rest starts
    with, or after it. A web address in a link, or a long word before an ellipsis (the glance's cut titles), was
    asked whole: ReportLab measures every break of a web address (every slash, ? and &) from the last, each head again
    from its first part, at every line."""
    word, new_width = args[0], args[1]
    parts = word[1:]
    if sum(len(text) for _, text in parts) <= max(CUT_WORD, keep):
        return hyphenate(breaks, *args)
    head, rest, left = [], [], keep
    for frag, text in parts:
        if left <= 0:
            rest.append((frag, text))
        elif len(text) <= left:
            head.append((frag, text))
            left -= len(text)
        else:
            head.append((frag, text[:left]))
            rest.append((frag, text[left:]))
            left = 0
    head_width = sum(_string_width(text, frag.fontName, frag.fontSize) for frag, text in head)
    made = hyphenate(breaks, type(word)([head_width, *head]), new_width - word[0] + head_width, *args[2:])
    if made:
        first, tail = made
        rest_width = word[0] - head_width
        tail_parts = list(tail[1:])
        if tail_parts and tail_parts[-1][0] is rest[0][0]:
            tail_parts[-1] = (rest[0][0], tail_parts[-1][1] + rest[0][1])
            rest = rest[1:]
        made = [first, _noting_spaceless(type(tail)([tail[0] + rest_width, *tail_parts, *rest]), tail, word)]
    return made


def _left_of_a_page_break(args: tuple, width_at: int) -> tuple:
    """`args` (as _within_parts's hyphenate is given them), the word in them as ReportLab hyphenates what is left of
    a word a page broke (_SplitWordLL, _SplitFragLL: its hyphen on its end, put aside to hyphenate it) when it is
    that word broken again by a line: ReportLab hyphenated it as a word of letters and a hyphen, which none is, so not
    at all, and it ran past the line (a word of 3,000 letters, 1,800 of them on one line before the page break)."""
    rl = _rl_paragraph
    if width_at == 3:
        word = args[2]
        if word[-1:] == "-" and isinstance(word, rl._SplitWordEnd):
            return (*args[:2], rl._SplitWordLL(word), *args[3:])
    elif width_at == 0:
        word = args[0]
        if len(word) == 2 and word[1][1][-1:] == "-" and type(word) is rl._SplitFragHS:
            return (rl._SplitFragLL(word), *args[1:])
    return args


def _most_letters(word, args, width_at: int, room: float) -> int | None:
    """How many letters of a word of more than LONG_WORD a head of it that fits `room` can have at most (its
    narrowest letter's width); None for a shorter word (`word`, `args`: as _within_parts's hyphenate is given them).
    The narrowest of the word's first CUT_WORD letters, when that bound is no more letters than those: a head of
    more would start with that many letters each at least as wide, and not fit (a word of 99,000 letters read its
    letters whole at every try of every line, for 22 s)."""
    letters = _letters(word, args, width_at)
    if letters <= LONG_WORD:
        return None
    runs = [(frag.fontName, frag.fontSize, text) for frag, text in word[1:]] if width_at == 0 \
        else [(args[0], args[1], args[2])]
    first, left = [], CUT_WORD
    for name, size, text in runs:
        if left > 0:
            first.append((name, size, text[:left]))
            left -= len(text)
    for some in (first, runs) if letters > CUT_WORD else (runs,):
        narrowest = min((_string_width(ch, name, size) for name, size, text in some for ch in set(text)), default=0.0)
        if narrowest <= 0:
            return letters
        most = int(max(0.0, room) / narrowest) + 1
        if some is runs or most <= CUT_WORD:
            return most
    return letters


def _letters(word, args, width_at: int) -> int:
    """How many characters a word has (`word`, `args`: as _within_parts's hyphenate is given them)."""
    return sum(len(text) for _, text in word[1:]) if width_at == 0 else len(args[2])


LONG_WORD = 60  # letters: a longer word (a DNA sequence) is offered only breaks whose head can fit the line


def _heads_of_at_most(hyphenator, most: int):
    """`hyphenator` (word -> its breaks, the longest head first) without the breaks whose head is longer than
    `most` characters: ReportLab measures every head it is offered until one fits, and the dictionary works out
    every break of the word, so that a word of thousands of letters broken line by line took minutes. The heads of
    `_Anywhere` are made from `most` down, the dictionary's found in the word's first letters."""
    if isinstance(hyphenator, _Anywhere):
        return lambda word: hyphenator(word, most)

    def heads(word: str):
        # the dictionary asked of the word's start alone (its patterns look a few letters either side of a break)
        start = word[:most + _PATTERNS_REACH]
        rest = word[len(start):]
        return ((head, tail + rest) for head, tail in hyphenator(start) if len(head) <= most)

    return heads


_PATTERNS_REACH = 32  # letters: more than any hyphenation pattern's length


def _counted(hyphenate):
    """`hyphenate` (a function of ReportLab's breakLines that hyphenates a word), counting its calls in _ASKED: the
    last that hyphenated, those whose head ends with a hyphen (with that head), and none made at a call refused (see
    _no_final_hyphen)."""

    def counted(*args):
        asked = _ASKED.calls
        _ASKED.calls += 1
        if asked in _ASKED.refused:
            return None
        held = _ASKED.most is not None and args[0] is not None and _ASKED.spent()
        if held:  # (its own hyphens alone: the lines have all the hyphens the hyphenation may add)
            args = (_at_hyphens, *args[1:])
        made = hyphenate(*args)
        if held and not made:
            _ASKED.held = True
        if made:
            _ASKED.last = asked
            if _ASKED.hyphens is not None:  # (None: no paragraph counting them)
                head = made[0] if isinstance(made[0], str) else made[0][-1][1]
                if head.endswith(HYPHENS):  # (with whether the hyphen was added: not the word's own)
                    _ASKED.hyphens.append((asked, head, isinstance(made[0], _ADDED_HYPHEN)))
        return made

    return counted


_BREAKING_SETS = ("frags", "_width_max", "height", "_splitLongWordCount", "_hyphenations")  # what breakLines sets
# ems each space of a justified line may widen by for a word not to be broken across the last line, or across the
# line after HYPHENS_IN_A_ROW lines ending with a hyphen
FINAL_LOOSE = 0.5
HYPHENS_IN_A_ROW = 2  # lines ending with a hyphen one after another, at most, where another line breaking has fewer
HYPHENS_TRIED = 8  # times a paragraph is broken again for it, at most (from the word refused on: _resumed)
HYPHENS_LINES = 60  # lines of a paragraph, at most, for it to be broken again so (fuzzing: one of 3,000 long words,
# broken again eight times, took 6.6 s against 1.9 s)
HYPHENS = ("-", "\u00ad")  # what a hyphenated line ends with
# what a hyphenation makes of a word's head when it added a hyphen (a dictionary's break, not after the word's own)
_ADDED_HYPHEN = (_rl_paragraph._SplitWordHY, _rl_paragraph._SplitFragHY)


class _Asked:
    """The hyphenations a paragraph's line breaking asks for, counted while it is broken (_no_final_hyphen): the
    last one made, those made with a hyphen (call, head), and the ones to refuse when it is broken again."""

    calls = 0
    last = -1
    hyphens: list | None = None
    refused: frozenset = frozenset()
    marks: list | None = None  # where booklet's loop stood at each hyphenation made (linebreak.Resume), or None
    most: int | None = None  # hyphens the hyphenation may add to the paragraph's lines, at most (None: any; _most_of)
    since = 0  # the first of `hyphens` its lines, as they are being broken, hold (see _begins)
    held = False  # whether `most` kept a word that did not fit from being hyphenated (see _hyphens_placed)

    def saved(self) -> tuple:
        """Its counts as they are (calls, last, hyphens, refused, marks, most, since, held), to set back with set_to
        (a paragraph broken while another is, a breaking not taken)."""
        return self.calls, self.last, self.hyphens, self.refused, self.marks, self.most, self.since, self.held

    def set_to(self, counts: tuple) -> None:
        """Its counts set to `counts` (calls, last, hyphens, refused, marks, most, since, held), as saved gives
        them."""
        self.calls, self.last, self.hyphens, self.refused, self.marks, self.most, self.since, self.held = counts

    def spent(self) -> bool:
        """Whether the hyphenation has added as many hyphens as `most` allows to the lines broken so far: a word is
        then broken at its own hyphens alone (a box of the glance: "Reverbera- / tion / mapping of…", where its lines
        broken with any hyphenation, "Reverbera- / tion map- / ping of…", held one hyphen too many and were cut
        to "Reverbera- / tion…")."""
        return sum(1 for *_, added in (self.hyphens or ())[self.since:] if added) >= self.most


def _most_of(para) -> int | None:
    """The hyphens the hyphenation may add to `para`'s lines, at most: its style's `hyphenationsAtMost` (None: any)."""
    return getattr(para.style, "hyphenationsAtMost", None)


class _Marks(list):
    """Where booklet's loop stood at each hyphenation made (linebreak.Resume, _ASKED.marks) as it broke `frags`: a
    paragraph broken again from other fragments (page_end_rebroken's as parsed, where these were marked breaking them
    untied: _final_hyphen_refused) is broken from the start (_resumed)."""

    __slots__ = ("frags",)

    def __init__(self, frags, marks=()):
        super().__init__(marks)
        self.frags = frags


def _asked() -> tuple[int, int, int]:
    """_ASKED's counts: (calls, last, hyphens made with a hyphen): what a linebreak.Resume is marked with."""
    return _ASKED.calls, _ASKED.last, len(_ASKED.hyphens) if _ASKED.hyphens is not None else 0


_ASKED = _Asked()


def _no_final_hyphen(para, width, break_lines_of):
    """`break_lines_of(para, width)`, but (1) no more than HYPHENS_IN_A_ROW lines in a row ending with a hyphen, as
    TeX's double hyphen demerits have it: the paragraph broken again with the word that would end one more such line
    whole on the next (the lines before are the same), kept when no line is wider than before, no line looser than
    FINAL_LOOSE that was not (justified: _no_looser), no word is split without a hyphen and it takes no line more;
    (2) a paragraph whose last line would be what is left of a word broken at the line before ("... and an er- /
    ror model.") broken again with that word whole on the last line, as TeX's final hyphen demerits have it: the lines
    before are the same, the line it leaves is looser. Kept as it was when that takes another line, sets a line wider
    than any of the first setting (a word no line holds whole), or leaves a justified line more than FINAL_LOOSE of an
    em wider at each space (so loose a line would be worse than the hyphen; a line set ragged is only shorter)."""
    outer = _ASKED.saved()  # (a paragraph broken while another is)
    try:
        return _final_hyphen_refused(para, width, break_lines_of)
    finally:
        _ASKED.set_to(outer)


def _broken(para, width, break_lines_of, frags, refused: frozenset):
    """`para`'s lines broken with the hyphenation calls `refused` refused (`frags`: its fragments before breaking);
    by booklet's loop, where it stood at each hyphenation made marked (_ASKED.marks: see _resumed)."""
    para.frags = frags
    marked = break_lines_of is _MARKED
    _ASKED.set_to((0, -1, [], refused, _Marks(frags) if marked else None, _most_of(para), 0, False))
    return break_lines(para, width, _HELPERS, _ASKED.marks) if marked else break_lines_of(para, width)


def _resumed(para, width, break_lines_of, frags, call: int):
    """_broken(..., `frags`, _ASKED.refused with hyphenation `call` as well), the paragraph just broken so: when
    booklet's loop marked where it stood as it asked that hyphenation (_ASKED.marks), broken from there, the lines
    before kept as they are (they come out the same: the loop asks the same of the same words up to there), and
    _ASKED set back as it was then; else from the start. The lines before the one that changes were broken again
    for each hyphen refused, most of them for a paragraph's last line: at 500 talks, 0.12 s of the 1.02 s its
    paragraphs take to break (about 2 % of a build)."""
    refused = _ASKED.refused | {call}
    marks = _ASKED.marks
    found = None if marks is None or marks.frags is not frags else next(
        (at for at, (before, after, _) in enumerate(marks) if after[1] == call and before[0] <= call), None)
    return _broken_from(para, width, break_lines_of, frags, refused, marks, _ASKED.hyphens, found)


def _broken_from(para, width, break_lines_of, frags, refused: frozenset, marks, hyphens: list, found: int | None):
    """_broken(..., `frags`, `refused`), the paragraph just broken so, with `marks` and `hyphens` (_ASKED's as that
    left them): from where booklet's loop stood at its mark `found` (of `marks`), the lines before kept and _ASKED set
    back as it was then; from the start when `found` is None."""
    if found is None:
        return _broken(para, width, break_lines_of, frags, refused)
    (calls, last, made), _, resume = marks[found]
    _ASKED.set_to((calls, last, hyphens[:made], refused, _Marks(frags, marks[:found]), _most_of(para), 0, False))
    para.frags = frags
    return break_lines(para, width, _HELPERS, _ASKED.marks, resume)


def _final_hyphen_refused(para, width, break_lines_of):
    frags = _untied(para.frags, min(_widths_of(width)))  # (breaking lines sets them to the words it made)
    lines = _broken(para, width, break_lines_of, frags, frozenset())
    if _ASKED.held:
        lines = _hyphens_placed(para, width, break_lines_of, frags, lines)
    if getattr(para.style, "tiesYield", 0) and _lone_short_lines(lines.lines):  # (a title's: see _ties_yielded)
        frags, lines = _ties_yielded(para, width, break_lines_of, frags, lines)
    if getattr(para.style, "tiesYield", 0) and len(lines.lines) > 1:
        lines = _colon_broken(para, width, break_lines_of, frags, lines)
    if len(_ASKED.hyphens) > HYPHENS_IN_A_ROW and len(lines.lines) <= HYPHENS_LINES:
        lines = _fewer_hyphens_in_a_row(para, width, break_lines_of, frags, lines)
    last, found = _ASKED.last, lines.lines
    if last < 0 or len(found) < 2 or not line_text(found[-2]).endswith(HYPHENS):
        return _runt_avoided(para, width, break_lines_of, frags, lines)
    split = getattr(para, "_splitLongWordCount", 0)

    def better(redone) -> bool:  # (a word no line holds not split without a hyphen: "Druckverfahr" / "en")
        return len(redone) == len(found) and not line_text(redone[-2]).endswith(HYPHENS) \
            and getattr(para, "_splitLongWordCount", 0) <= split \
            and _no_wider(found, redone) \
            and [line_text(line) for line in redone[:-2]] == [line_text(line) for line in found[:-2]] \
            and _not_too_loose(para, redone[-2])

    again = _broken_again(para, width, break_lines_of, frags, last, better)
    return _runt_avoided(para, width, break_lines_of, frags, lines if again is None else again)


def _hyphens_placed(para, width, break_lines_of, frags, lines):
    """`lines` (as `para` was just broken, from `frags`, with the hyphens its style allows, _most_of, all added before
    a word that needed one more: _ASKED.held), or the paragraph broken again with the first of those refused, and
    again, while that holds a word back, HYPHENS_TRIED times at most: the breaking that splits the fewest words
    without a hyphen or runs past its width, then takes the fewest lines (the first of those; a word's own hyphen
    may leave its tail running past the line, "meer- / Monologe", where no hyphen is left for it). A box of the glance
    spent its one hyphen on a word a line could take whole ("The Large / Hadron Col- / lider / Infrastructure / Talk",
    five lines: cut in four), where "The Large / Hadron / Collider Infra- / structure Talk" is whole in four. _ASKED
    then as the lines taken were broken."""
    def worse(found) -> tuple[int, int]:
        return para._splitLongWordCount + sum(_extra_space(line) < -0.5 for line in found.lines), len(found.lines)

    best = worse(lines)
    kept, asked = {name: getattr(para, name) for name in _BREAKING_SETS}, _ASKED.saved()
    for _ in range(HYPHENS_TRIED):
        first = next((call for call, _, added in _ASKED.hyphens[_ASKED.since:] if added), None)
        if first is None or not _ASKED.held:
            break
        again = _resumed(para, width, break_lines_of, frags, first)
        if worse(again) < best:
            best, lines = worse(again), again
            kept, asked = {name: getattr(para, name) for name in _BREAKING_SETS}, _ASKED.saved()
    for name, value in kept.items():
        setattr(para, name, value)
    _ASKED.set_to(asked)
    return lines


# what ends a title's main part, after which a title of more than one line breaks where it can: a colon (French's
# after a no-break space: "le bruit : un ..."), or a spaced dash (an import joins a subtitle so after a title with a
# colon of its own: "Kitchen – Die Wissenschaft ...") but one between two numbers (a range: "1950 – 2000"), each after
# a word and before another
TITLE_BREAK = re.compile(r"(?<=\S)(?: ?:|(?<=[^\d\s]) [\u2013\u2014]|(?<=\d) [\u2013\u2014](?= +[^\d\s]))(?= +\S)")
_TITLE_BREAK_ENDS = (":", "\u2013", "\u2014")


def _before_colon(line, frags) -> float | None:
    """The width of `line` (a broken line of the paragraph of `frags`) up to and with the first colon or spaced dash
    (TITLE_BREAK) with another word after it on the line; None where it has none, or the words before it are not text
    alone (a box)."""
    if isinstance(line, tuple):  # (a paragraph of one fragment: its words)
        texts = [(" ".join(line[1]), frags[0].fontName, frags[0].fontSize)]
    else:
        texts = []
        for word in line.words:
            text = getattr(word, "text", None)
            if type(text) is not str or getattr(word, "cbDefn", None) is not None:
                return None
            texts.append((text, word.fontName, word.fontSize))
    found = TITLE_BREAK.search("".join(text for text, _, _ in texts).replace(NBSP, " "))
    if found is None:
        return None
    width, left = 0.0, found.end()
    for text, font, size in texts:
        width += _string_width(text[:left], font, size)
        left -= len(text)
        if left <= 0:
            return width
    return None


def _colon_broken(para, width, break_lines_of, frags, lines):
    """`lines` (a title's, as `para` was just broken from `frags`), or, where a line but the last holds a colon (or a
    spaced dash: TITLE_BREAK) and words after it ("Seeing through the noise: half / a century of astronomy and
    statistics"), the title broken again with that line ending at it ("Seeing through the noise: / half a century of
    astronomy and statistics"), as a
    typesetter breaks a title at its sense: taken when that takes no line more, no line is wider, no word more is
    hyphenated or split, the lines before are the same and no more lines hold a short word alone. _ASKED then as the
    lines taken were broken."""
    found = lines.lines
    at = next((at for at, line in enumerate(found[:-1]) if _before_colon(line, frags) is not None), None)
    if at is None:
        return lines
    kept = {name: getattr(para, name) for name in _BREAKING_SETS}
    asked = _ASKED.saved()
    split = getattr(para, "_splitLongWordCount", 0)
    given = _widths_of(width)
    widths = [given[min(line, len(given) - 1)] for line in range(len(found) + 1)]
    narrower = [_before_colon(found[at], frags) + 0.5 if line == at else wide for line, wide in enumerate(widths)]
    again = _tightened(_broken(para, list(narrower), break_lines_of, frags, frozenset()), narrower, widths)
    redone = again.lines
    if len(redone) <= len(found) and line_text(redone[at]).rstrip().endswith(_TITLE_BREAK_ENDS) \
            and _no_wider(found, redone) and _hyphenated_lines(redone) <= _hyphenated_lines(found) \
            and getattr(para, "_splitLongWordCount", 0) <= split \
            and [line_text(line) for line in redone[:at]] == [line_text(line) for line in found[:at]] \
            and _lone_short_lines(redone) <= _lone_short_lines(found):
        return again
    for name, value in kept.items():
        setattr(para, name, value)
    _ASKED.set_to(asked)
    return lines


# What a justified line's spaces may shrink by (of a space's width) for a paragraph not to end with a line of one
# word (a desktop publisher's least word spacing, 80 %; ReportLab's own shrink is 5 %: a third, TeX's, set three
# lines in a row visibly tight in the sample), and how many lines before the last, at most, may (_runt_avoided), or
# may each give their last word to the next line (_runt_pushed_down: two loosened less than one alone)
RUNT_SHRINK = 0.2
RUNT_LINES = 2


def _runt_avoided(para, width, break_lines_of, frags, lines):
    """`lines` (as `para` was just broken, from `frags`), or, where their last line is one word alone (a runt: "...
    with their selection functions with error / bars.", or what is left of a word hyphenated at the line before,
    "... if left uncor- / rected."), the paragraph broken again with its line before the last, else the RUNT_LINES
    lines before it, and those after, allowed to shrink their spaces by RUNT_SHRINK (each broken at its width and as
    much more as its spaces shrink by so, then set at its width: _tightened), so that they take the word back, or a
    word more each: taken when its last line is then more than one word, the line before it ends without a hyphen, no
    line's spaces shrink by more, the lines before those tightened are the same, and it has no line more, no more lines
    ending with a hyphen (nor more in a row than HYPHENS_IN_A_ROW, or as many as before), no word more split without a
    hyphen and no line looser than FINAL_LOOSE that was not (_no_looser). A typesetter's runt, mended by tightening; in
    justified text only. _ASKED then as the lines taken were broken, but where they can be resumed (no marks: a
    paragraph broken again from them is broken from the start, at its width)."""
    found = lines.lines
    if para.style.alignment != TA_JUSTIFY or not 2 <= len(found) <= HYPHENS_LINES \
            or len(line_text(found[-1]).replace(NBSP, " ").split()) != 1:
        return lines
    kept = {name: getattr(para, name) for name in _BREAKING_SETS}
    asked = _ASKED.saved()
    split = getattr(para, "_splitLongWordCount", 0)
    row = max(HYPHENS_IN_A_ROW, _most_hyphens_in_a_row(found))
    style = para.style
    space = _string_width(" ", style.fontName, style.fontSize)
    given = _widths_of(width)
    widths = [given[min(at, len(given) - 1)] for at in range(len(found) + 1)]
    first = max(0, len(found) - 1 - RUNT_LINES)  # the first line it may widen (those before it are never widened)
    room = [0.0] * first + [RUNT_SHRINK * space * max(_spaces(found[min(at, len(found) - 2)]), 1)
                            for at in range(first, len(found) + 1)]
    marks = asked[4] if asked[4] is not None and asked[4].frags is frags else ()
    for start in range(len(found) - 2, first - 1, -1):
        # (the lines before `start` at their widths as given: a line kept from a mark has them so, int or float)
        wider = [line + room[at] if at >= start else line for at, line in enumerate(widths)]
        # (from the last hyphenation marked on a line that, as the line after it, keeps its width: the loop stands
        # there as it would broken from the start, every width it has looked up the same)
        mark = next((at for at in range(len(marks) - 1, -1, -1) if marks[at][2].lineno + 1 < start), None)
        again = _tightened(_broken_from(para, list(wider), break_lines_of, frags, asked[3], asked[4], asked[2], mark),
                           wider, widths)  # (as refused)
        redone = again.lines
        if 2 <= len(redone) <= len(found) and len(line_text(redone[-1]).replace(NBSP, " ").split()) > 1 \
                and not line_text(redone[-2]).endswith(HYPHENS) \
                and _hyphenated_lines(redone) <= _hyphenated_lines(found) \
                and all(_extra_space(line) >= -(RUNT_SHRINK + max(style.spaceShrinkage, 0)) * space
                        * max(_spaces(line), 1) - 0.01 for line in redone[start:]) \
                and getattr(para, "_splitLongWordCount", 0) <= split and _most_hyphens_in_a_row(redone) <= row \
                and [line_text(line) for line in redone[:start]] == [line_text(line) for line in found[:start]] \
                and _no_looser(para, found, redone):
            _ASKED.marks = None
            return again
    for name, value in kept.items():
        setattr(para, name, value)
    _ASKED.set_to(asked)
    return _runt_pushed_down(para, width, break_lines_of, frags, lines)


# What a justified line's spaces may widen by, in all (of an em, each), where its last word goes down to join a word
# alone on the paragraph's last line (_runt_pushed_down): a third of an em, a space about doubled, where a
# typesetter would rather loosen a line than leave a runt
RUNT_LOOSE = 1 / 3


def _runt_pushed_down(para, width, break_lines_of, frags, lines):
    """`lines` (as `para` was just broken, from `frags`, their last line one word alone that no tightening took back:
    _runt_avoided), or the paragraph broken again with its line before the last narrower than what it holds, so that
    its last word goes down to the last line ("... errors are / included." -> "... errors / are included."): the
    other way a typesetter mends a runt, by loosening. Taken when the line before the last then ends without a
    hyphen, its spaces widen to no more than RUNT_LOOSE of an em each, the lines before it are the same and it has no
    line more, no more lines ending with a hyphen and no word more split without a hyphen. _ASKED then as the lines
    taken were broken, but where they can be resumed (no marks: broken again from the start)."""
    found = lines.lines
    kept = {name: getattr(para, name) for name in _BREAKING_SETS}
    asked = _ASKED.saved()
    split = getattr(para, "_splitLongWordCount", 0)
    style = para.style
    space = _string_width(" ", style.fontName, style.fontSize)
    given = _widths_of(width)
    widths = [given[min(at, len(given) - 1)] for at in range(len(found) + 1)]
    last = len(found) - 2
    for before in range(last, max(last - RUNT_LINES, -1), -1):
        if not all(_spaces(line) for line in found[before:last + 1]):
            break
        # (lines `before` to the last but one narrower than their words with every space shrunk as far as breaking
        # shrinks it: the last word of each cannot stay)
        narrower = [line - _extra_space(found[at]) - max(style.spaceShrinkage, 0) * space * _spaces(found[at]) - 0.5
                    if before <= at <= last else line for at, line in enumerate(widths)]
        again = _tightened(_broken(para, list(narrower), break_lines_of, frags, asked[3]), narrower, widths)
        redone = again.lines
        if len(redone) == len(found) and len(line_text(redone[-1]).replace(NBSP, " ").split()) > 1 \
                and not any(line_text(line).endswith(HYPHENS) for line in redone[before:last + 1]) \
                and _hyphenated_lines(redone) <= _hyphenated_lines(found) \
                and all(_extra_space(line) <= RUNT_LOOSE * style.fontSize * max(_spaces(line), 1)
                        for line in redone[before:last + 1]) \
                and getattr(para, "_splitLongWordCount", 0) <= split \
                and [line_text(line) for line in redone[:before]] == [line_text(line) for line in found[:before]]:
            _ASKED.marks = None
            return again
    for name, value in kept.items():
        setattr(para, name, value)
    _ASKED.set_to(asked)
    return lines


def _tightened(lines, wider: list, widths: list):
    """`lines` (ReportLab's ParaLines), broken at `wider` widths, set at `widths`: each line's extra space (negative
    where its spaces are to shrink) and width as breaking sets them, less what `wider` gave it more (the last of each
    list for the lines after)."""
    for at, line in enumerate(lines.lines):
        more = wider[min(at, len(wider) - 1)] - widths[min(at, len(widths) - 1)]
        if not more:
            continue
        if isinstance(line, tuple):  # (a paragraph of one fragment: (extra space, words))
            lines.lines[at] = (line[0] - more, line[1])
        else:
            line.extraSpace -= more
            line.maxWidth -= more
    return lines


def _hyphenated_lines(lines) -> int:
    """How many of `lines` end with a hyphen."""
    return sum(line_text(line).endswith(HYPHENS) for line in lines)


def _most_hyphens_in_a_row(lines) -> int:
    """The most lines of `lines` (but the last) one after another that end with a hyphen."""
    row = most = 0
    for line in lines[:-1]:
        row = row + 1 if line_text(line).endswith(HYPHENS) else 0
        most = max(most, row)
    return most


NBSP = "\u00a0"


def _untied(frags, width: float):
    """`frags`, but a run of words tied by no-break spaces that is wider than `width` (a line) untied: its ties spaces.
    A title's last two words are tied so that no line ends the title with a word alone ("Das Transparenzportal
    Hamburg"), a number to the word before it: in a cell of four parallel tracks such a pair no line holds was cut
    where the line ended, without a hyphen ("Das Transparenzpor / tal Hamburg", 31C3 on letter paper). A tie is a
    preference; a word cut without a hyphen is a fault. A run is measured across fragments (a formula's boxes and
    fonts, italics: "√(s_NN) = 5.02 TeV", held whole, was cut "Te" / "V" at 60 to 66 points), and its ties after a
    relation sign (text.markup's, mathtext.relation_held's: the weakest) yield first (_wide_runs_untied)."""
    return _wide_runs_untied(_thin_untied(frags, width), width)


_GAPS = " \t\n\r"  # what ends a run of tied words within a fragment's text
_RUN_END = re.compile(f"[{_GAPS}]+")
_RELATION_SIGNS = frozenset(RELATION_SIGNS)  # (as a set: "" is none of them)


def _run_text(frag) -> str | None:
    """The text of `frag` when a run of tied words may go on through it (a fragment of text, or a box), else None:
    what ends a run (another flowable's fragment, a line break)."""
    text = getattr(frag, "text", None)
    if type(text) is not str or type(frag) is not ParaFrag or getattr(frag, "cbDefn", None) \
            or getattr(frag, "lineBreak", False):
        return None
    return text


def _last_gap(text: str, end: int) -> int:
    """The index of the last gap (_GAPS) in `text` before `end`, or -1. (Four look-ups written out, not a generator
    of them: every no-break space of every paragraph broken asks, 1.6 times as long so.)"""
    return max(text.rfind(" ", 0, end), text.rfind("\t", 0, end), text.rfind("\n", 0, end), text.rfind("\r", 0, end))


def _tied_run(frags, texts: list, at: int, index: int) -> list[tuple[int, int, int]]:
    """The run of tied words holding character `index` of fragment `at` (a no-break space): its pieces, (fragment,
    start, end) each, from the gap before it to the gap after it, going on across fragments of text and boxes (a box
    whole) and ended by another flowable's fragment or a line break (`texts`: _run_text of each of `frags`)."""
    before: list[tuple[int, int, int]] = []
    this = texts[at]
    boxed = frags[at].fontName == BOX_FONT
    start = own_start = 0 if boxed else _last_gap(this, index) + 1
    left = at - 1
    while start == 0 and left >= 0 and texts[left] is not None:
        text = texts[left]
        start = 0 if frags[left].fontName == BOX_FONT else _last_gap(text, len(text)) + 1
        before.append((left, start, len(text)))
        left -= 1
    after: list[tuple[int, int, int]] = []
    gap = None if boxed else _RUN_END.search(this, index)
    end = len(this) if gap is None else gap.start()
    right = at + 1
    while gap is None and right < len(frags) and texts[right] is not None:
        text = texts[right]
        gap = None if frags[right].fontName == BOX_FONT else _RUN_END.search(text)
        after.append((right, 0, len(text) if gap is None else gap.start()))
        right += 1
    return before[::-1] + [(at, own_start, end)] + after


def _wide_runs_untied(frags, width: float):
    """`frags` with the ties of each run of tied words wider than `width` spaces (a copy of each fragment changed;
    `frags` itself when none is): a run goes on across fragments of text and boxes until a space, a line break or
    another flowable's fragment. When the run has ties just after a relation sign ("= 5.02", what the relation holds
    its number by), those alone are untied, where each part they leave fits `width`; else every tie of it is. Only the
    runs holding a no-break space are found and measured (from each one: _tied_run), not every word of the text."""
    untie: list[tuple[int, int]] = []  # (fragment, index) of each tie to untie
    done = -1, -1  # the end (fragment, index) of the last run measured: a tie before it is in it
    texts = None  # (_run_text of each fragment, once a tie is found)
    for at, frag in enumerate(frags):
        text = frag.__dict__.get("text") if type(frag) is ParaFrag else None
        if type(text) is not str or NBSP not in text:
            continue
        if texts is None:
            texts = [_run_text(frag) for frag in frags]
        if texts[at] is None:
            continue
        index = text.find(NBSP)
        while index >= 0:
            if (at, index) >= done:
                run = _tied_run(frags, texts, at, index)
                done = run[-1][0], run[-1][2]
                if _run_width(frags, run) > width:
                    untie.extend(_yielding_ties(frags, run, width))
            index = text.find(NBSP, index + 1)
    if not untie:
        return frags
    made = list(frags)
    for at in sorted({at for at, _ in untie}):
        text = list(frags[at].text)
        for where, index in untie:
            if where == at:
                text[index] = " "
        made[at] = copy_fragment(frags[at])
        made[at].text = "".join(text)
    return made


def _run_width(frags, pieces) -> float:
    return sum(_string_width(frags[at].text[start:end], frags[at].fontName, frags[at].fontSize)
               for at, start, end in pieces)


def _yielding_ties(frags, run, width: float) -> list[tuple[int, int]]:
    """The ties to untie in `run` (pieces of `frags`, a run of tied words wider than `width`): those just after a
    relation sign, where the run has some and each part they leave is no wider than `width`; else all of them."""
    ties, relations = [], []  # (fragment, index) of every tie; of those after a relation sign
    before = ""  # the character before, in the run
    for at, start, end in run:
        text = frags[at].text
        boxed = frags[at].fontName == BOX_FONT
        for index in range(start, end):
            char = text[index]
            if char == NBSP and not boxed:
                ties.append((at, index))
                if before in _RELATION_SIGNS:
                    relations.append((at, index))
            before = char
    if relations:
        parts, part = [], []
        cuts = set(relations)
        for at, start, end in run:
            for index in [i for i in range(start, end) if (at, i) in cuts]:
                part.append((at, start, index))
                parts.append(part)
                part, start = [], index + 1
            part.append((at, start, end))
        parts.append(part)
        if all(_run_width(frags, part) <= width for part in parts):
            return relations
    return ties


def _retexted(frags, change):
    """`frags`, each fragment of text with a no-break space given the text `change(frag, text)` makes of it (a copy of
    the fragment, where it changed); `frags` itself when none changed. Fragments of other kinds (a box, a callback)
    as they are."""
    made = None
    for at, frag in enumerate(frags):
        text = getattr(frag, "text", None)
        if type(text) is not str or NBSP not in text or type(frag) is not ParaFrag or getattr(frag, "cbDefn", None):
            continue
        changed = change(frag, text)
        if changed == text:
            continue
        if made is None:
            made = list(frags)
        made[at] = copy_fragment(frag)
        made[at].text = changed
    return frags if made is None else made


# letters (or figures) of a word, at most, that a line holding it alone, before the paragraph's last, is one a
# typesetter would not leave for the sake of a tie (_ties_yielded): "and", "of", "the", "für"
LONE_SHORT = 3


def _lone_short_lines(lines) -> int:
    """How many of `lines` hold one short word alone (LONE_SHORT characters at most, its punctuation aside)."""
    count = 0
    for line in lines:
        words = line_text(line).replace(NBSP, " ").split()
        if len(words) == 1 and len(words[0].strip(".,;:!?()[]\u201c\u201d\u201e\"'\u2013\u2014-")) <= LONE_SHORT:
            count += 1
    return count


def _ties_yielded(para, width, break_lines_of, frags, lines):
    """(`frags`, `lines`), or the paragraph broken again with its no-break spaces ordinary ones, when `lines` hold a
    short word alone that the ties made (a review of 31C3 on A4: a cell of four parallel tracks read "Information
    Control / and / Strategic Violence", the last two words tied, markup.title): taken when it has fewer such lines,
    no line more, no line wider and no word cut without a hyphen more ("Information Control / and Strategic /
    Violence"). A tie is a preference; a line of "and" alone is worse than the word it keeps from standing alone.
    Only in a title's style (its `tiesYield`: layout.styles, the styles markup.title's text is set in): the paragraph
    is broken again with every no-break space an ordinary one, and other paragraphs hold more than a title's ties
    ("5\u00a0nm", "z.\u00a0B.", "Dr\u00a0Smith", "«\u00a0bruit\u00a0»": markup._no_break_held), whose lines may end
    with a short word as any paragraph's do."""
    loose = _all_untied(frags)
    if loose is frags:
        return frags, lines
    kept = {name: getattr(para, name) for name in _BREAKING_SETS}
    asked = _ASKED.saved()
    split = getattr(para, "_splitLongWordCount", 0)
    again = _broken(para, width, break_lines_of, loose, frozenset())
    if len(again.lines) <= len(lines.lines) and _lone_short_lines(again.lines) < _lone_short_lines(lines.lines) \
            and getattr(para, "_splitLongWordCount", 0) <= split and _no_wider(lines.lines, again.lines):
        return loose, again
    for name, value in kept.items():
        setattr(para, name, value)
    _ASKED.set_to(asked)
    return frags, lines


# a title's own ties, between two words (markup.title: a word of one letter to the next, its short last word to the
# word before), which yield; not the spaces its text holds as any text's (markup._no_break_held: "5\u00a0nm",
# "op.\u00a064", "z.\u00a0B.", "Dr\u00a0Smith", "Session\u00a03", a guillemet's), which a line never breaks
# (the no-break space first, the letter before it looked behind for: the engine scans for it at C speed, where a
# lookbehind first was tried at every character)
_TITLE_TIE = re.compile(r"\u00a0(?<=[^\W\d_]\u00a0)(?=[^\W\d_])")
_HELD_BEFORE = re.compile(r"(?:^|(?<=[^\w.]))(?:M|MM|Mmes?|Mlles?|Mr|Mrs|Ms|Dr|Pr|Hr|Hrn)\Z")  # (markup._TITLE_WORD)


def _title_untied(text: str) -> str:
    """`text` with a title's own ties ordinary spaces (_TITLE_TIE), the spaces its words hold kept."""
    return _TITLE_TIE.sub(lambda found: NBSP if _HELD_BEFORE.search(text, max(0, found.start() - 5), found.start())
                          else " ", text)


def _all_untied(frags):
    """`frags` with a title's own ties (_TITLE_TIE) ordinary spaces (as _untied does to a run too wide); `frags`
    itself when they have none."""
    return _retexted(frags, lambda frag, text: _title_untied(text))




def _thin_untied(frags, width: float):
    """`frags`, but a run of words tied by thin spaces (thin_box: a narrow no-break space) wider than `width` untied:
    its thin spaces ordinary spaces, in the font of the text (a run of words a user tied so, "1\u202f000\u202f000" or
    a whole sentence, that no line holds was cut without a hyphen). Across fragments, as a box is one of its own."""
    for frag in frags:  # (a loop, not any() of a generator: every paragraph broken asks, nearly all have none)
        if type(frag) is ParaFrag and frag.__dict__.get("fontName") == BOX_FONT and _thin_font(frag.text):
            break
    else:
        return frags
    made, word, wide = list(frags), 0.0, []  # the width of the word so far, its thin spaces' places
    ties: list[int] = []

    def ended() -> None:
        if word > width:
            wide.extend(ties)
        ties.clear()

    for at, frag in enumerate(frags):
        text = getattr(frag, "text", None)
        if type(text) is not str or getattr(frag, "cbDefn", None) or getattr(frag, "lineBreak", False):
            ended()
            word = 0.0
            continue
        if frag.fontName == BOX_FONT:
            if _thin_font(text):
                ties.append(at)
            word += _string_width(text, frag.fontName, frag.fontSize)
            continue
        pieces = re.split(r"[ \t\n\r]+", text)
        word += _string_width(pieces[0], frag.fontName, frag.fontSize)
        for piece in pieces[1:]:
            ended()
            word = _string_width(piece, frag.fontName, frag.fontSize)
    ended()
    for at in wide:
        untied = made[at] = copy_fragment(frags[at])
        untied.fontName, untied.text = _thin_font(frags[at].text), " "
    return made


def _thin_font(char: str) -> str | None:
    """The font of the text a box character stands in when it is a thin space (thin_box), else None."""
    box = _BOXES.get(char) if len(char) == 1 else None
    if box is None or len(box.parts) != 1 or len(box.parts[0][1]) != 1:
        return None
    run = box.parts[0][1][0]
    return run.font if run.text in (THIN, "") and run.font != BOX_FONT else None


def _broken_again(para, width, break_lines_of, frags, call: int, better):
    """`para`'s lines broken again with the hyphenation `call` refused as well (see _broken), when `better(lines)` of
    the lines so broken; else None, and `para` and _ASKED as they were before."""
    kept = {name: getattr(para, name) for name in _BREAKING_SETS}  # (frags: a property of layout.flowables.Para)
    asked = _ASKED.saved()
    again = _resumed(para, width, break_lines_of, frags, call)
    if better(again.lines):
        return again
    for name, value in kept.items():
        setattr(para, name, value)
    _ASKED.set_to(asked)
    return None


def _no_wider(found, redone) -> bool:
    """Whether no line of `redone` (a paragraph's lines broken again) runs further past its width than the widest
    of `found` (as they were), nor past it at all where none of those did."""
    return min(map(_extra_space, redone)) >= min(min(map(_extra_space, found)), 0.0) - 0.01


def _not_too_loose(para, line) -> bool:
    """Whether `line`, one a hyphen was refused to, is no looser than FINAL_LOOSE of an em at each space (justified)."""
    return para.style.alignment != TA_JUSTIFY \
        or _extra_space(line) <= FINAL_LOOSE * para.style.fontSize * max(_spaces(line), 1)


def _no_looser(para, found, redone) -> bool:
    """Whether `redone` (a paragraph's lines broken again) has no line, but its last, looser than FINAL_LOOSE of an em
    at each space that `found` (as they were) did not have: no more such lines, and none looser than the loosest
    before (a review of two columns on A4: refusing a hyphen left spaces of 2 em in the lines after it)."""
    if para.style.alignment != TA_JUSTIFY:
        return True
    limit = FINAL_LOOSE * para.style.fontSize

    def looseness(lines) -> list[float]:
        return [_extra_space(line) / max(_spaces(line), 1) for line in lines[:-1]]

    before, after = looseness(found), looseness(redone)
    return max(after, default=0.0) <= max(*before, limit) + 0.01 and \
        sum(value > limit for value in after) <= sum(value > limit for value in before)


def _fewer_hyphens_in_a_row(para, width, break_lines_of, frags, lines):
    """`lines` (as `para` was just broken) broken again, each time with the hyphenation refused that ends a line after
    HYPHENS_IN_A_ROW lines ending with a hyphen, while that is kept (see _no_final_hyphen: with no line more, but for a
    ladder of more than HYPHENS_IN_A_ROW + 1 such lines, which may take one more, once); _ASKED as the lines kept were
    broken."""
    tried = set()
    most = len(lines.lines) + 1  # lines, at most, for a ladder of more than HYPHENS_IN_A_ROW + 1 hyphens (see below)
    while len(tried) < HYPHENS_TRIED:
        at, call, row = _too_many_hyphens(lines.lines, _ASKED.hyphens, tried)
        if call is None:
            return lines
        tried.add(call)
        split, found = para._splitLongWordCount, lines.lines
        # a line more, once, for four or more in a row ("satel- / medi- / mal- / pre- / cir-": 36C3 on A5, which
        # kept them all, the paragraph broken without them a line longer); for the third, none
        room = most if row > HYPHENS_IN_A_ROW + 1 else len(found)

        def better(redone) -> bool:
            return len(redone) <= room and para._splitLongWordCount <= split and len(redone) > at \
                and _no_wider(found, redone) \
                and not line_text(redone[at]).endswith(HYPHENS) and _no_looser(para, found, redone)

        again = _broken_again(para, width, break_lines_of, frags, call, better)
        if again is not None:
            lines = again
    return lines


def page_end_rebroken(para, width, frags, at: int, texts: list[str]):
    """A paragraph split between pages (or columns) whose last line kept where it starts, line `at`, ends with a
    hyphen ("... inter- / national" over the page), as TeX's broken penalty has it: `para`'s lines (as its breakLines
    breaks them at `width`, from `frags`, its fragments as parsed, when that gives the lines of `texts`, the ones it
    has) broken again with the hyphenation that ended line `at` refused, so that line ends with a word whole: the
    lines before the same, none of those to line `at` wider than before (_no_wider), that one no looser than
    FINAL_LOOSE of an em at each space (_not_too_loose), no word more split without a hyphen. Returns (lines, added):
    the lines so broken, else None (`para` then as broken again, its lines those of `texts`, or not broken at all);
    `added`: whether that hyphen was one the hyphenation added (False: the word's own, "well-known" broken after
    it; None: made by no hyphenation this counts, a soft hyphen's or a word ending with one)."""
    outer = _ASKED.saved()
    try:
        para.frags = frags
        found = _final_hyphen_refused(para, width, _break_lines).lines
        if [line_text(line) for line in found] != texts or len(found) <= at + 1:
            return None, None
        call, added = _hyphen_call(found, _ASKED.hyphens, at)
        if call is None:
            return None, None
        split, before = para._splitLongWordCount, [line_text(line) for line in found[:at]]

        def better(redone) -> bool:
            return len(redone) > at + 1 and para._splitLongWordCount <= split \
                and not line_text(redone[at]).endswith(HYPHENS) and _no_wider(found, redone[:at + 1]) \
                and [line_text(line) for line in redone[:at]] == before and _not_too_loose(para, redone[at])

        made = _broken_again(para, width, _break_lines, frags, call, better)
        if made is not None:  # (set flush left at addresses as breakLines sets its lines, and noted as broken at
            made = _ragged_at_addresses(para.style, made)  # `width`: a split of them hands its first part these
            _BROKEN_AT[made] = _widths_of(width)  # lines, not the lines it would break on its own: _hand_on)
        return made, added
    finally:
        _ASKED.set_to(outer)


def _hyphen_call(found, hyphens, at: int) -> tuple[int | None, bool | None]:
    """The hyphenation call (of `hyphens`, _ASKED's) that made line `at` of `found` end with a hyphen, and whether
    it added that hyphen; (None, None) for none (a hyphen of the text's own)."""
    made = iter(hyphens)
    pending = next(made, None)
    for number, line in enumerate(found[:at + 1]):
        text = line_text(line)
        if not text.endswith(HYPHENS) or pending is None or not text.endswith(pending[1]):
            continue
        if number == at:
            return pending[0], pending[2]
        pending = next(made, None)
    return None, None


def _too_many_hyphens(found, hyphens, tried) -> tuple[int, int | None, int]:
    """The first line of `found` (but the last) ending with a hyphen after HYPHENS_IN_A_ROW lines that do, with a
    word before the one broken, the hyphenation call that made it (of `hyphens`, _ASKED's; not one of `tried`), and
    how many lines in a row from the first end with a hyphen, that one and those after it; (-1, None, 0) for none."""
    made = iter(hyphens)
    pending = next(made, None)
    row = 0
    for at, line in enumerate(found[:-1]):
        text = line_text(line)
        if not text.endswith(HYPHENS):
            row = 0
            continue
        row += 1
        call = None
        if pending is not None and text.endswith(pending[1]):  # (a hyphen of the text's own: no call made it)
            call = pending[0]
            pending = next(made, None)
        if row > HYPHENS_IN_A_ROW and call is not None and call not in tried and " " in text.strip():
            more = next((n for n, after in enumerate(found[at + 1:]) if not line_text(after).endswith(HYPHENS)), 0)
            return at, call, row + more  # (a line of one word: the word whole would be no better)
    return -1, None, 0


def line_text(line) -> str:
    """A broken line's text (a line of one fragment's words, or of fragments)."""
    if isinstance(line, tuple):
        return " ".join(line[1])
    return "".join(getattr(word, "text", "") for word in line.words)


def _spaces(line) -> int:
    return line_text(line).strip().count(" ")


def _extra_space(line) -> float:
    return line[0] if isinstance(line, tuple) else line.extraSpace


_APOSTROPHES = "'\u2019"  # never broken before nor after by _Anywhere ("Bayes’- / sche")


class _Anywhere:
    """A word wider than a whole line, that neither its hyphens nor the dictionary break so that a line holds it
    (what is left of "Algorithmic" after "Al-", in a narrow box): broken after any letter, with a hyphen, its heads
    the longest first; ReportLab broke what was left of a word once broken never again, and it ran past its box.
    With at least `left` letters before the break and `right` after it, the language's (its Pyphen's: three after
    one in English, so "Uncag- / ing", where "Uncagi- / ng" was made on 31C3's glance)."""

    def __init__(self, left: int, right: int):
        self.left, self.right = left, right

    def __call__(self, word: str, most: int | None = None):
        """The breaks of `word`, the longest head first, none with a head of more than `most` letters."""
        last = len(word) - self.right if most is None else min(len(word) - self.right, most)
        return ((word[:at], word[at:]) for at in range(last, self.left - 1, -1)
                if word[at - 1] not in _APOSTROPHES and word[at] not in _APOSTROPHES)


# What a web address left over from one broken after a slash is ("github.com/org/repo", "path/file.html?x=1"), when
# it has to be broken again: text without spaces, 15 characters or more, with a slash or a dot, and a slash or one
# of ?&=#_~ ("x_i^2$word", math written into a word, is not one)
_ADDRESS_TAIL = re.compile(r"(?=\S{15})(?=\S*[/.])\S*[/?&=#_~]\S*")
# what is left of a web address (or of a long word) that no break fits in a line, split as a long word is
# (linebreak.Helpers): 15 characters or more without a space ("&g=39c3%20chatmail&x=...", 39c3's chat invitation;
# "39c3-workshop-is-that-an-off-grid-server-...", a shop's page; "AbCd..." of 48 letters, a record's code)
_LONG_LEFTOVER = 15  # characters, none a space (\s)
_SPACE = re.compile(r"\s")
# after a slash; before ? & = # . _ ~ - (not before a full stop between two digits: "RevModPhys.89 / .035002", a DOI)
_ADDRESS_BREAKS = re.compile(r"(?<=/)(?=.)|(?<=.)(?=[?&=#._~-])(?!(?<=\d)\.\d)")
# words joined by slashes, with none of .?&=#_~ ("time-of-check/time-of-use", "org/repo-name"): broken after a slash
# or after a hyphen of their own between two letters on each side, never before it (a line began "-of-use")
_SLASHED = re.compile(r"[^.?&=#_~]*")
_SLASHED_BREAKS = re.compile(r"(?<=/)(?=.)|(?<=[^\W\d_]{2}-)(?=[^\W\d_]{2})")


def _long_leftover(word) -> bool:
    """Whether `word` (ReportLab's: [width, (fragment, text), ...]) is what is left of a word broken before, long, not
    code (whose breaks are its own): of a web address (_LONG_LEFTOVER), or of a long word split already ("AbCd..." of
    48 letters at a paragraph's end, set whole when the paragraph split between pages was broken again)."""
    return (isinstance(word, _rl_paragraph._SplitFrag)
            and sum(len(t) for _, t in word[1:]) >= _LONG_LEFTOVER and _spaceless(word)
            and not any(getattr(frag, "fontName", None) in _CODE_FONTS for frag, _ in word[1:]))


def _spaceless(word) -> bool:
    """Whether the text of `word` (ReportLab's [width, (fragment, text), ...]) has no space (\\s) in it; for the rest
    of a long word _from_the_head made, as it noted (`spaceless`): reading that rest at every line it was broken at,
    a title of a word of 99,000 letters took 3 s more of CPU to build."""
    found = getattr(word, "spaceless", None)
    if found is None:
        found = not any(_SPACE.search(text) for _, text in word[1:])
    return found


def _noting_spaceless(made, tail, word):
    """`made` (the rest of a long `word` _from_the_head made: `tail`, what hyphenating its head left, with the rest of
    its text), noting whether its text has no space (see _spaceless), from `tail` and what was known of `word`."""
    made.spaceless = _spaceless(word) and _spaceless(tail)
    return made


class _UnlessLong(type):
    def __instancecheck__(cls, word) -> bool:
        return isinstance(word, _rl_paragraph._SplitFrag) and not (_linebreak.SPLIT_TAILS and _long_leftover(word))


class _SplitFragUnlessLong(metaclass=_UnlessLong):
    """ReportLab's _SplitFrag as ReportLab's breakLines tells one (a word it never splits again), but for the long rest
    of a word broken before (_long_leftover, a web address's): that is split as any word too long for its line. (A
    paragraph split between columns or pages is broken again by ReportLab's loop, which joined the parts of a web
    address broken before, and ran them 300 pt past the column: FOSDEM on A4.)"""


def _breaks_as_address(word) -> bool:
    """Whether `word` (ReportLab's: [width, (fragment, text), ...]) is a web address (or what is left of one) that
    _address_pairs breaks, not code (whose breaks are its own): its text as ReportLab's hyphenation asks for its
    breaks, the punctuation before and after it taken off (_hy_pfx_pat, _hy_sfx_pat). A word that reads as an
    address only with its closing full stop ("„Waffen=Rassismus=...=Erderwärmung“.", 36C3) has no address's
    breaks there: sent whole to the next line as an address, it was cut at any letter there ("Erderwärm" / "ung")."""
    text = _rl_paragraph._hy_pfx_pat.sub("", "".join(t for _, t in word[1:]), count=1)
    return (not any(getattr(frag, "fontName", None) in _CODE_FONTS for frag, _ in word[1:])
            and bool(_address_pairs(_rl_paragraph._hy_sfx_pat.sub("", text, count=1))))


def _address_pairs(text: str, rest: bool = False):
    """ReportLab's _uri_split_pairs (a web address broken after a slash: its heads longest first), and also for
    what is left of one once broken, which has no scheme ("github.com/..."): ReportLab breaks a web address once,
    and what was left of it ran past the margin. Its breaks: after a slash, and in its path before ? & = # . _ ~ or
    -; never inside its "://" (a line ended "(https:/", a review). `rest`: `text` is what is left of the web address
    just broken (_AddressRest), broken at its own punctuation though it has no slash nor dot left (_address_pairs_
    anywhere)."""
    found = _address_pairs_anywhere(text, rest)
    if found and "://" in text:
        found = [(head, tail) for head, tail in found if not (tail.startswith("/") and head.endswith((":", ":/")))]
    if found and (head := _address_head(text)):  # (and never inside "www.": "www" / ".example.org/")
        found = [pair for pair in found if len(pair[0]) >= head]
    return found


# the head of a web address, never broken inside: what opens it ("(", a quote) and its scheme to its "://", "mailto:"
# or "www." (the first break is after it, as the Chicago Manual has it)
_ADDRESS_HEAD = re.compile(r"[^\w\s]*(?:[a-z][a-z0-9+.-]*://|mailto:|www\.)", re.IGNORECASE)


def _address_head(text: str) -> int:
    """How many characters of `text` are the head of the web address it begins with (_ADDRESS_HEAD); 0 when it begins
    none."""
    match = _ADDRESS_HEAD.match(text)
    return match.end() if match else 0


def _to_next_line(split):
    """ReportLab's _splitFragWord (`split`), as its own loop splits a word too wide for its line into the room left
    there (the part of a paragraph split between columns or pages is broken again by it, its words joined again); but
    a web address after other words on its line, that no break of its fits there, goes whole to the next line, to be
    broken there after a slash (or split from there if none fits), as booklet's loop has it (text.linebreak): both
    loops ask the one rule, _breaks_as_address. DebConf17 (A4, p. 63) read "... of the Montreal BSP (htt" /
    "ps://wiki.debian.org/...". ReportLab's loop ends the line after the first part it is given: an empty one is
    left there, noted in the paragraph's _AddressRest (`moved`), and the space the loop put before it is taken off
    after (_spaces_kept). What is left of a word broken before (_long_leftover) is split, as booklet's loop splits
    it. (SPLIT_TAILS off: ReportLab's split.)"""

    def splitting(word, room, widths, lineno):
        if not (_linebreak.SPLIT_TAILS and room < widths[min(lineno, len(widths) - 1)]
                and not _long_leftover(word) and _breaks_as_address(word)):
            return split(word, room, widths, lineno)
        empty = word[1][0].clone()
        if hasattr(empty, "text"):
            empty.text = ""
        part = _rl_paragraph._SplitFrag([0, (empty, "")])
        _ADDRESSES.state.moved.append(part)
        return [part, word]

    return splitting


def _spaces_kept(break_lines):
    """ReportLab's breakLines (`break_lines`), but without the space it left at the end of a line before a web
    address that went whole to the next line (_to_next_line: the line's text read "... the Montreal BSP ", DebConf17
    A4 p. 63); its breaking begins with the paragraph's own _AddressRest, as booklet's loop begins (called on its own,
    it was the paragraph's broken before: what was left of its addresses was noted on that one)."""

    def breaking(para, width):
        _ADDRESSES.begin(para)
        made = break_lines(para, width)
        moved = _ADDRESSES.state.moved
        if moved and made.kind == 1:
            parts, words = {id(part) for part in moved}, para.frags
            for line, after in zip(made.lines, made.lines[1:]):
                if not any(id(word) in parts for word in words[line.sFW:after.sFW]):
                    continue
                last = next((frag for frag in reversed(line.words) if getattr(frag, "text", "")), None)
                if last is not None:
                    last.text = last.text.rstrip(" ")
        moved.clear()
        return made

    return breaking


def _address_pairs_anywhere(text: str, rest: bool = False):
    found = _rl_paragraph._uri_split_pairs(text)
    if found is not None:
        # and in its path, before ? & = # . _ ~ - too: a last part without a slash
        # ("index.php/Session:Follow-up_meeting_to_the_...") left the line before it half empty, its words far apart
        host = text.find("://")
        path = text.find("/", host + 3 if host >= 0 else 0)
        if path < 0:
            return found
        heads = {len(head) for head, _ in found} | {m.start() for m in _ADDRESS_BREAKS.finditer(text, path + 1)}
        return [(text[:at], text[at:])
                for at in sorted(_hyphens_last(text, heads), reverse=True) if 0 < at < len(text)]
    if rest:  # (what is left of a web address: its own punctuation, though no slash nor dot is left in it, as uRos's
        # "254453491_ANSECH_Logiciel_pour_l'analyse_des_series_chronologiques." once ReportLab takes its full stop off:
        # it was cut at the line's end, "des_seri" / "es_chronologiques")
        breaks = _ADDRESS_BREAKS
    elif not _ADDRESS_TAIL.fullmatch(text):
        return found
    else:
        breaks = _SLASHED_BREAKS if _SLASHED.fullmatch(text) else _ADDRESS_BREAKS
    return [(text[:at], text[at:])
            for at in sorted(_hyphens_last(text, {m.start() for m in breaks.finditer(text)}), reverse=True)]


def _hyphens_last(text: str, heads: set[int]) -> set[int]:
    """The breaks `heads` (where in `text` a head ends) of a web address, those before a hyphen left out where it has
    another (a line that began "-introduction-to-vulkan-video)." where a slash could have ended the line before, XDC
    2021 A4 p. 16). Where it has no other, it breaks before its hyphens, as the Chicago Manual of Style does (6.76:
    a web address breaks after a colon or a double slash, before a single slash, a full stop, a hyphen, an underscore,
    a question mark; a hyphen is never added to one): never after one (a line ending "an-", as a word's hyphenation
    ends, and the address copied as "anintroduction"), nor inside a run of them ("--"), nor before the hyphens it
    ends with (a line of "-" alone)."""
    others = {at for at in heads if text[at:at + 1] != "-" or text[at - 1:at] == "/"}
    if others:
        return others
    return {at for at in heads if text[at - 1:at] != "-" and text[at:].strip("-")}


ADDRESS_SPACES = 2.0  # a justified line's word spaces, at most, in spaces' widths, left by breaking its web address at
# the line's end where the address allows (_address_pairs); where none of those keeps them so, it breaks in its host
# name before a dot, if that sets the line closer (_host_pairs)


LOOSE_SPACES = 3.0  # a justified line's word spaces, at most, in spaces' widths, where a web address ends it or begins
# the next line: a line they would be wider in is set flush left (_ragged_at_addresses)


def _ragged_at_addresses(style, made):
    """`made` (a paragraph's lines, justified with a uriWasteReduce) with each line left so loose by a web address
    that no break of its fits better (its last word or the next line's first one begins an address: _opens_address)
    that its word spaces would be wider than LOOSE_SPACES spaces, set flush left: marked as ending in a line break,
    which ReportLab never justifies. XDC 2021 (A4, p. 16) stretched "queue (https://www.khronos.org/blog/" across
    its column, its one space some twenty spaces wide. A loose line beside a long word that breaks as what is left
    of an address does (_ADDRESS_TAIL: "Be_hinderungen.", "(Conaisseur/FFM)", 39c3) stays justified, as any other
    loose line. (SPLIT_TAILS off: as ReportLab sets them.)"""
    if not (_linebreak.SPLIT_TAILS and style.alignment == TA_JUSTIFY and style.uriWasteReduce and made.kind == 1):
        return made
    lines = made.lines
    for line, after in zip(lines, lines[1:]):
        if line.lineBreak or line.wordCount < 2:
            continue
        last = next((frag for frag in reversed(line.words) if getattr(frag, "text", "").strip()), None)
        if last is None or line.extraSpace <= (LOOSE_SPACES - 1) * (line.wordCount - 1) * _string_width(
                " ", last.fontName, last.fontSize):
            continue
        first = next((frag for frag in after.words if getattr(frag, "text", "").strip()), None)
        ends = [(last, last.text.split()[-1])] + ([(first, first.text.split()[0])] if first is not None else [])
        if any(_opens_address(frag, text) for frag, text in ends):
            line.lineBreak = True
    return made


def _opens_address(frag, word: str) -> bool:
    """Whether `word` (of `frag`) holds the start of a web address, its scheme's "://" or "www." ("(https://apc.org)",
    "https://", "www.example.org/x"), set as text, not code: a word at a line's end holds the head of the address it
    is a part of, and the next line's first word, when it begins no address, is the rest of one whose head ends the
    line before."""
    return ("://" in word or "www." in word.lower()) and getattr(frag, "fontName", None) not in _CODE_FONTS


def _host_pairs(text: str) -> list[tuple[str, str]]:
    """The breaks of the web address `text` (with its scheme) in its host name, before a dot ("https://docs.python" /
    ".org/3/"), the longest head first; never right after its "//", nor after HOST_HEAD letters or fewer alone
    ("http://www" / ".imdb.com" reads as an address of its own, "https://en" / ".wikipedia.org" too)."""
    match = _rl_paragraph.uri_pat.match(text)
    if not match:
        return []
    start = len(match.group(1))
    end = len(text) if (found := _HOST_END.search(text, start)) is None else found.start()
    host = text[start:end]
    if "@" in host or host.startswith("["):
        return []
    return [(text[:start + at], text[start + at:]) for at in reversed(range(1, len(host)))
            if host[at] == "." and at > HOST_HEAD and host[at - 1] != "."]


HOST_HEAD = 3  # letters of a host name before a break in it: more than this ("www", "en" alone are not broken after)
_HOST_END = re.compile(r"[/?#:]")
# an identifier of words joined by underscores, in text ("VK_KHR_video_queue", XDC 2021): broken after an underscore
# (no hyphen added) where keeping it whole would leave its line loose, as a web address is (_host_when_loose); at
# least CODE_PART characters on either side of the break
_IDENTIFIER = re.compile(r"[^\W_]+(?:_[^\W_]+)+")


def _identifier_pairs(text: str) -> list[tuple[str, str]]:
    """The breaks of `text` after its underscores when it is an identifier (_IDENTIFIER), the longest head first;
    none (an empty list: it is not hyphenated either) when it is not one."""
    if not _IDENTIFIER.fullmatch(text):
        return []
    return [(text[:at], text[at:]) for at in range(len(text) - CODE_PART, CODE_PART - 1, -1)
            if text[at - 1] == "_"]  # (each underscore of one is alone, between letters or digits)


class _PairsTried:
    """_address_pairs as ReportLab's pair generation asks it (its _uri_split_pairs), remembering the pair it was
    last given: the one it broke at, as it stops at the first whose head fits (None: none given, or the word was no
    web address), and so the heads it found too wide, all longer."""

    last: tuple[str, str] | None = None
    rest = False  # whether the word asked is what is left of the web address last broken (_AddressRest)

    def __call__(self, text: str):
        self.last = None
        found = _address_pairs(text, self.rest)
        return None if found is None else self._given(found)

    def _given(self, found):
        for pair in found:
            self.last = pair
            yield pair

    def longer_in_host(self, text: str) -> list[tuple[str, str]]:
        """The breaks in the host name of the web address `text` (_host_pairs) longer than the last pair tried."""
        return [pair for pair in _host_pairs(text) if len(pair[0]) > len(self.last[0])]

    def longer_before_hyphens(self, text: str) -> list[tuple[str, str]]:
        """The breaks before a hyphen in the path of the web address `text` (_hyphen_pairs) longer than the last pair
        tried."""
        return [pair for pair in _hyphen_pairs(text) if len(pair[0]) > len(self.last[0])]


# before a hyphen between two letters or digits ("blog/an" / "-introduction", "Session:Follow" / "-up_meeting")
_PATH_HYPHENS = re.compile(r"(?<=[^\W_])(?=-[^\W_])")


def _hyphen_pairs(text: str) -> list[tuple[str, str]]:
    """The breaks of the web address `text` (or of what is left of one) before a hyphen of its path between two
    letters or digits, the longest head first (_hyphens_last: it breaks there only where no other break keeps its
    line's spaces close, _host_when_loose; before it, as the Chicago Manual breaks one)."""
    host = text.find("://")
    path = text.find("/", host + 3 if host >= 0 else 0)
    if path < 0:
        return []
    return [(text[:m.start()], text[m.start():]) for m in reversed(list(_PATH_HYPHENS.finditer(text, path + 1)))]


class _AddressRest:
    """The state of one paragraph's breaking as to its web addresses, made as the breaking begins (_Addresses.begin)
    and asked by the rules for them in both loops, booklet's (text.linebreak) and ReportLab's (_host_when_loose,
    _to_next_line). `text`: what is left of the web address last broken at a line's end (the tail ReportLab made of
    it, its closing punctuation with it: "..._des_series_chronologiques."), or None; the word a line breaking asks to
    break next, first on its line, is that rest when it is the same text, or one of the two begins the other (a long
    word is asked of its first letters alone, _from_the_head: `is_rest`). ReportLab takes a word's closing
    punctuation off before it asks for its breaks, and a rest with no slash nor dot left in it was no web address to
    _address_pairs. A paragraph's breaking begins knowing none, so that it is broken alike whatever was broken before
    it; but the second part of a paragraph split between pages or columns whose first word is such a rest begins
    knowing it (handed on by the split: _rest_handed_on), where its first word was cut where the line ended ("des_seri"
    / "es_chronologiques"). `moved`: the empty parts ReportLab's loop was given for a web address gone whole to the
    next line (_to_next_line)."""

    def __init__(self, para=None, resume=None):
        self.para = para
        self.text = resume.told if resume is not None else None if para is None else para.__dict__.get("_address_rest")
        self.moved = []

    def is_rest(self, text: str) -> bool:
        """Whether `text`, a word asked to break, is what is left of the web address last broken (or its first
        letters, or it with more letters of the rest of a long word put back after it)."""
        return self.text is not None and (self.text.startswith(text) or text.startswith(self.text))

    def broke(self, rest: str | None) -> None:
        """`rest`: what is left of the web address just broken (None: the word asked was not broken as one), kept
        among the paragraph's (`_address_rests`, until its lines are made: _rests_on_lines) for a split to hand on
        (_rest_handed_on)."""
        self.text = rest
        if rest is not None and self.para is not None:
            self.para.__dict__.setdefault("_address_rests", set()).add(rest)


class _Addresses:
    """The _AddressRest of the paragraph being broken (`state`), made anew as each paragraph's breaking begins
    (Helpers.begins), knowing what it knew at the mark it goes on from (a linebreak.Resume, `told`: Helpers.knows)."""

    state = _AddressRest()

    def begin(self, para=None, resume=None) -> None:
        self.state = _AddressRest(para, resume)

    def knows(self) -> str | None:
        """What is left of the web address last broken, as the paragraph's breaking stands (a Resume's `told`)."""
        return self.state.text


_ADDRESSES = _Addresses()


def _begins(para=None, resume=None) -> None:
    """Helpers.begins: a paragraph's breaking begins, from its first word (a `resume`: from a mark of a breaking
    begun so). The hyphens its lines hold are those made from here (_ASKED.since): ReportLab's loop, which
    linebreak.break_lines may try first and then break the paragraph again from its first word, made others
    (a box's "Vehicle immobilization revisited" broken with one hyphen at most: the hyphen ReportLab's loop put in
    "revis- / ited" was counted, and the word the lines broken again needed it for split without one, "immobiliz /
    ation")."""
    _ADDRESSES.begin(para, resume)
    _ASKED.since = 0 if resume is not None else len(_ASKED.hyphens or ())


def _rests_on_lines(para, made):
    """`made` (the lines MathParagraph.breakLines just made of `para`) holding what is left of each web address
    broken at a line's end as they were made (`_address_rests`, sorted: the ones _AddressRest.broke gathered on
    `para` while it was broken), for a split of those lines to hand on (_rest_handed_on). Kept with the lines, not
    the paragraph: a build whose cache keeps layouts sets lines kept or made again without breaking the paragraph
    there (a warm build set "des_seri" / "es_chronologiques" where a cold one broke the rest at its punctuation),
    and a paragraph broken at other widths before (a frame's tries, a measure) made rests these lines do not have."""
    rests = para.__dict__.pop("_address_rests", None)
    if rests:
        made._address_rests = tuple(sorted(rests))
    return made


def _rest_handed_on(para, rest) -> None:
    """Tell `rest`, the second part of `para` split between pages or columns, that its first word is what is left of
    a web address broken at the end of the first part's last line (`_address_rest`, its _AddressRest's `text` as its
    breaking begins), when it is one of those the breaking of `para`'s lines made (_rests_on_lines)."""
    made = getattr(getattr(para, "blPara", None), "_address_rests", None)
    if not made or not rest.frags:
        return
    words = getattr(rest.frags[0], "words", None)  # (a part of a paragraph of one fragment: its words' texts)
    if words is not None:
        first = words[0] if words else ""
    else:
        word = _HELPERS.get_frag_words(rest.frags)[0] if _HELPERS is not None else None
        first = "".join(text for _, text in word[1:]) if word else ""
    if first and any(_begins_rest(first, text) for text in made):
        rest._address_rest = first


def _begins_rest(first: str, text: str) -> bool:
    """Whether `first`, the first word of a split paragraph's second part, is `text`, what is left of a web address
    broken at a line's end: it, it with more letters put back (a long word is asked of its first letters alone,
    _from_the_head), or its head where it was broken again at the line after (one of its breaks, _address_pairs). Not
    a word that only begins it: "about" after "... read" began "about/our-team/" and was told it."""
    return first.startswith(text) or text.startswith(first) and any(
        head == first for head, _ in _address_pairs(text, rest=True) or ())


class _LineWords:
    """The words on the line before the word a line breaking asks to hyphenate (Helpers.line_words), as the loop
    told it; None when it did not (ReportLab's own loop)."""

    words: int | None = None

    def __call__(self, words: int | None) -> None:
        self.words = words


_LINE_WORDS = _LineWords()


def _host_when_loose(make, fragments: bool):
    """ReportLab's _hyGenPair (`fragments`: _hyGenFragsPair) as `make`(its _uri_split_pairs) makes it, breaking a web
    address where _address_pairs allows (after a slash, ...); but where that leaves the word spaces of the line
    (justified: the style has a uriWasteReduce) wider than ADDRESS_SPACES spaces each, breaking it in its host name
    (_host_pairs) if a longer head fits there: only those heads are tried again (_PairsTried). FOSDEM 2025's
    "designed for sandboxing (https://" / "en.wikipedia.org/wiki/...": only the scheme fitted, and the line's spaces
    were three or four spaces wide. An identifier of words joined by underscores (_identifier_pairs), which nothing
    else breaks, is broken so too where setting it whole on the next line would leave the line's spaces wider than
    ADDRESS_SPACES each: XDC 2021's "set of extensions: VK_KHR_video_queue," was spaced out across its column.
    (SPLIT_TAILS off: ReportLab's.)"""

    tried = _PairsTried()
    gen_pair, with_host, with_underscores = make(tried), make(tried.longer_in_host), make(_identifier_pairs)
    with_hyphens = make(tried.longer_before_hyphens)

    def pair(hyphenator, word, *args):
        text = "".join(t for _, t in word[1:]) if fragments else word
        # (what is left of an address is asked first on its line, or not at all: it fitted there; a word asked after
        # others on a line is never it, though it reads the same, "wiki/" / "Photosynthesis" and the word later)
        first = (args[0] - word[0] if fragments else args[1] - args[0]) <= 0
        state = _ADDRESSES.state
        tried.rest = _linebreak.SPLIT_TAILS and first and state.is_rest(text)
        made = chosen(hyphenator, word, text, *args)
        # (the tail of a web address broken: ReportLab's rebuilt word, or its text)
        state.broke(None if not made or tried.last is None else (
            "".join(t for _, t in made[2][1:]) if fragments else made[5]))
        return made

    def chosen(hyphenator, word, text, *args):
        made = gen_pair(hyphenator, word, *args)
        spaces = _LINE_WORDS.words
        if not _linebreak.SPLIT_TAILS or made and spaces is None:
            return made
        if fragments:
            new_width, line, waste = args[0], args[1], args[2]
            frag = word[-1][0]
            font, size, width = frag.fontName, frag.fontSize, word[0]
        else:
            width, new_width, line, font, size, waste = args[:6]
        if made and not spaces:  # (the address alone on its line: broken before a hyphen of its path where the break
            # made leaves more than `waste` of the line empty, 39c3's ".ccc.de/v/" alone on an A4 column's line)
            if not waste or tried.last is None or line - (new_width - width) - (
                    made[1][0] if fragments else made[2]) <= waste * line:
                return made
            return with_hyphens(hyphenator, word, *args) or made
        if not made:
            if not waste or "_" not in text:
                return made
            if not spaces:  # (the words on the line untold, ReportLab's loop: where it leaves more than `waste` of
                # the line, as for an address)
                return with_underscores(hyphenator, word, *args)
            space = _string_width(" ", font, size)
            # what the line leaves empty without it (nor the space before it), for its spaces but one
            if line - (new_width - width) + space <= (ADDRESS_SPACES - 1) * space * (spaces - 1):
                return made
            # (loose so, it is broken however little of the line is left empty: ReportLab's `waste` is that)
            at = 2 if fragments else 5
            empty = max(1 - (new_width - width) / line, 1e-6)
            return with_underscores(hyphenator, word, *args[:at], empty, *args[at + 1:])
        if not waste or tried.last is None:
            return made
        before = line - (new_width - width)  # the line's room for the address and its spaces
        close = (ADDRESS_SPACES - 1) * _string_width(" ", font, size) * spaces  # the most left empty for them
        if before - (made[1][0] if fragments else made[2]) <= close:
            return made
        host = with_host(hyphenator, word, *args) if "://" in text else None
        if host:
            return host
        # (before a hyphen of its path: only where that sets the line close, "index.php/Session:Follow" / "-up_...";
        # not "queue (https://www.khronos.org/blog/an", as loose as before)
        hyphen = with_hyphens(hyphenator, word, *args)
        return hyphen if hyphen and before - (hyphen[1][0] if fragments else hyphen[2]) <= close else made

    return pair


# where a code span may break, with no hyphen added: after a slash, before . _ ~ (as a web address's path breaks),
# between two letters or digits either side ("android / _res_query", "model / .name"; never "_ / _init__"); at its
# own hyphen after it, as embeddedHyphenation breaks a word of letters ("rust2rpm- / vendor": a line that began
# "-vendor" would read as an option, and a review would not have a line begin "-of-use")
# (never inside a version number, "numpy==1.26.4": a full stop between two digits); after a run of underscores or
# hyphens, before the letter or digit that ends it, never inside it ("make_check__ / flags", "foo-- / bar")
_CODE_BREAKS = re.compile(r"(?<=[^\W_][/-])(?=[^\W_])|(?<=[_-][_-])(?=[^\W_])|(?<=[^\W_])(?=[._~][^\W_])"
                          r"(?!(?<=\d)\.\d)")
CODE_PART = 4  # characters at least of a code span on either side of a break in it
CODE_WHOLE = 12  # a code span shorter than this is never broken ("model.name": a review found "model / .name" odd)


def _code_breaking(hyphenate):
    """`hyphenate` (as _within_parts is given it: the dictionary's breaks first), but a word with code in it
    (a code span, `android_res_query`, in the code font) is never hyphenated by the dictionary ("getad-drinfo"
    reads as code that has a hyphen): it breaks inside its code where that fits (_CODE_BREAKS, no hyphen added),
    else as ReportLab breaks a web address or at its own hyphens. An identifier no break could cut went whole to
    the next line and left the spaces of a justified line before it wide apart (a review: FOSDEM's "queries
    using system APIs like DNSQuery_A, res_query, res_nquery, and" at twice a space's width)."""

    def breaking(hyphenator, word, new_width, line, *rest):
        parts = word[1:]
        if not any(getattr(frag, "fontName", None) in _CODE_FONTS for frag, _ in parts):
            return hyphenate(hyphenator, word, new_width, line, *rest)
        made = _code_break(word, new_width, line)
        return made or hyphenate(None, word, new_width, line, *rest)

    return breaking


def _formula_breaking(hyphenate, glued_cuts):
    """`hyphenate` (ReportLab's _hyphenateFragWord, as _code_breaking is given it), but a word that a formula's box
    (its scripts, a fixed space) is glued into ("H$_2$O-based": H, the box of the 2, "O-based") is never hyphenated
    by the dictionary nor inside the formula and the letters glued to it: it breaks at its own hyphens alone, outside
    the formula (_own_hyphen_cuts), where the style breaks at a word's own hyphens (`embedded`). ReportLab breaks only
    words of letters (a box is none): such a word went whole to the next line, and one wider than the line was split
    into the room left after its box ("We use H₂" / "O-based"). `glued_cuts`: _glued_cuts, as its line breaking asks
    it (_GluedCuts)."""

    def breaking(hyphenator, word, new_width, line, uri_waste, embedded, *rest):
        cuts = glued_cuts(word)
        if not cuts:  # (a web address glued to a fixed space, "https://.../Proton ;", breaks after its slashes, as
            # before)
            return hyphenate(hyphenator, word, new_width, line, uri_waste, embedded, *rest)
        # broken after the last of its own hyphens whose head fits the line: a head (_SplitFragH, the hyphen its own)
        # and a tail; None when none fits
        return _broken_at(word, cuts, new_width, line) if embedded else None

    return breaking


def _own_hyphen_cuts(word) -> list[tuple[int, int]]:
    """Where a word glued to a formula (ReportLab's [width, (fragment, text), ...] with a box in it) may break: after
    each of its own hyphens in its text (not in a box, nor in a formula's <nobr> run), with two characters before it
    (a box one of them: "H₂O-") or a formula's box right before it (the box of "$\\alpha$-based": a formula is a
    whole, as TeX breaks after it), and two letters or digits after it, as a compound breaks (_at_hyphens), or a
    formula ("non-$x$"): (the part, where in its text), in order. A formula's run that prints as text ("$x$-axis",
    "$\\Gamma$-point": no box) is marked <nobr> (markup._glued_by_hyphen), and is a whole as a box is."""
    chars = [(index, at, ch, box or nobr, _inked(ch) if box else nobr)  # (held; draws a formula: a box's ink or <nobr>)
             for index, (frag, text) in enumerate(word[1:], 1)
             for box, nobr in ((_a_box(frag), getattr(frag, "nobr", False)),) for at, ch in enumerate(text)]
    return [(index, at + 1) for n, (index, at, ch, held, _) in enumerate(chars)
            if ch == "-" and not held and n >= 1 and n + 1 < len(chars)
            and (n >= 2 and (chars[n - 1][3] or chars[n - 1][2].isalnum()) and not chars[n - 2][2].isspace()
                 or n == 1 and chars[0][4])
            and (chars[n + 1][4] or n + 2 < len(chars) and chars[n + 1][2].isalnum() and chars[n + 2][2].isalnum())]


def _inked(char: str) -> bool:
    """Whether `char` is a box that draws a formula (not a fixed space: a thin space's box draws a space or nothing)."""
    box = _BOXES.get(char)
    return box is not None and any(run.text.strip() for _, runs in box.parts for run in runs)


def _glued_cuts(word) -> list[tuple[int, int]]:
    """The cuts of `word` (ReportLab's) at its own hyphens (_own_hyphen_cuts) when it is glued to a formula and not a
    web address (FOSDEM 2025's "https://github.com/.../proton-ge-custom ;", its fixed space before ";" a box, lost its
    breaks after a slash, and the line before it was spaced wide); else none. The usual word, of one fragment (a box
    alone has no hyphen, text alone no box) or with no hyphen in its text, is told so before its fragments are looked
    at: this is asked of every word ReportLab hyphenates."""
    if len(word) < 3 or not any("-" in text for _, text in word[1:]):
        return []
    if not any(_a_box(frag) or getattr(frag, "nobr", False) for frag, _ in word[1:]) or _breaks_as_address(word):
        return []
    return _own_hyphen_cuts(word)


class _GluedCuts:
    """_glued_cuts as one line breaking's helpers ask it (_line_breaking), the last word's answer kept: they ask it of
    the same word up to three times (Helpers.breaks_at_own_hyphens, then _formula_breaking for each of its two
    tries); a word is a list made for one breaking, which none of them changes."""

    def __init__(self):
        self.word, self.cuts = None, []

    def __call__(self, word) -> list[tuple[int, int]]:
        if word is not self.word:
            self.word, self.cuts = word, _glued_cuts(word)
        return self.cuts

    def breaks(self, word) -> bool:
        """Whether `word` (ReportLab's) is glued to a formula and breaks at a hyphen of its own (Helpers.
        breaks_at_own_hyphens)."""
        return bool(self(word))


def _code_breaking_word(hyphenate):
    """`hyphenate` for the words of a paragraph of one fragment (ReportLab's _hyphenateWord, as _within_parts is given
    it), as _code_breaking: a paragraph that is one code span (a list item, `android_res_query`) breaks as code does."""

    def breaking(hyphenator, font, size, word, width, new_width, line, *rest):
        if font not in _CODE_FONTS:
            return hyphenate(hyphenator, font, size, word, width, new_width, line, *rest)
        rl = _rl_paragraph
        made = _code_break([width, (types.SimpleNamespace(fontName=font, fontSize=size), str(word))], new_width, line)
        if made:
            return [rl._SplitWordH(made[0][1][1]), rl._SplitWordEnd(made[1][1][1])]
        return hyphenate(None, font, size, word, width, new_width, line, *rest)

    return breaking


def _code_break(word, new_width: float, line: float):
    """`word` (ReportLab's [width, (frag, text), ...]) broken at the last break of its code (_CODE_BREAKS) whose head
    fits the line (`new_width`: the line's width with the word, `line`: the line's), as ReportLab breaks a web
    address: a head (_SplitFragH) and a tail; None when none fits."""
    cuts = []  # (the word's part, where in its text), in order
    for index, (frag, text) in enumerate(word[1:], 1):
        if getattr(frag, "fontName", None) in _CODE_FONTS and len(text) >= max(CODE_WHOLE, 2 * CODE_PART):
            cuts += [(index, m.start()) for m in _CODE_BREAKS.finditer(text)
                     if CODE_PART <= m.start() <= len(text) - CODE_PART]
    return _broken_at(word, cuts, new_width, line)


def _broken_at(word, cuts: list[tuple[int, int]], new_width: float, line: float):
    """`word` (ReportLab's [width, (frag, text), ...]) broken at the last of `cuts` ((the word's part, where in its
    text), in order) whose head fits the line (`new_width`: the line's width with the word, `line`: the line's): a
    head (_SplitFragH) and a tail; None when none fits."""
    rl = _rl_paragraph
    before = new_width - word[0]
    for index, cut in reversed(cuts):
        frag, text = word[index]
        head = [*word[1:index], (frag, text[:cut])]
        head_width = sum(_string_width(t, f.fontName, f.fontSize) for f, t in head)
        if before + head_width <= line:
            tail = [(frag, text[cut:]), *word[index + 1:]]
            tail_width = sum(_string_width(t, f.fontName, f.fontSize) for f, t in tail)
            kind = rl._SplitFragHS if isinstance(word, rl._HSFrag) else rl._SplitFrag
            return [rl._SplitFragH([head_width, *head]), kind([tail_width, *tail])]
    return None


def _measure(fontName, fontSize):
    """A function of a text giving _string_width(text, fontName, fontSize), its widths found as it finds them
    (_named_widths)."""
    widths = _named_widths(fontName, fontSize)
    if widths is None:
        font = pdfmetrics.getFont(fontName)
        return lambda text: font.stringWidth(text, fontSize)
    return widths.__getitem__


# A compound with digits in a part ("5G-Überwachungsstandards", "IPv6-Adressen"): ReportLab hyphenates only words of
# letters (and their own hyphens), so one wider than its line was split without a hyphen ("Die 5G-Überwachun /
# gsstandards", and cut to "Die…" in a box of the glance: the 2019 Camp import). Taken for a compound wider than a
# whole line alone (_within_parts): broken after its own hyphen, or inside a part as the dictionary has it.
_COMPOUND = re.compile(f"^(?=.*[^\\W_]-[^\\W_])[{_rl_paragraph._hy_shy}0-9{_rl_paragraph._hy_letters}]+$")


def _line_breaking(ellipsis: bool = False) -> Helpers:
    """ReportLab's line breaking with the helpers above, and one Pyphen per language; `ellipsis`: a word that ends
    in an ellipsis is hyphenated as the word without it (as it is before a full stop), for text cut short with one
    (layout.glance.truncated: "Increas- / ingly…", not "Increasingl / y…")."""
    pyphen = _OnePyphen(_rl_paragraph.pyphen) if _rl_paragraph.pyphen else None
    get_frag_words = _calling(_rl_paragraph._getFragWords, stringWidth=_string_width, split=_split,
                              _shyUnsplit=_unsplit,
                              _rejoinSplitFragWords=_calling(_rl_paragraph._rejoinSplitFragWords, _shyUnsplit=_unsplit))
    after = {"_hy_sfx_pat": re.compile(_rl_paragraph._hy_sfx_pat.pattern.replace("]+$", "\u2026]+$"))} if ellipsis \
        else {}
    glued_cuts = _GluedCuts()

    def gen_pair(names: dict, **letters):  # (_hyGenPair, as _host_when_loose breaks a web address)
        return _host_when_loose(lambda pairs: _calling(_rl_paragraph._hyGenPair, **names, _uri_split_pairs=pairs,
                                                       **letters), fragments=False)

    def frags_pair(**letters):
        rebuild = _calling(_rl_paragraph._rebuildFragWord, stringWidth=_string_width)
        return _host_when_loose(lambda pairs: _calling(_rl_paragraph._hyGenFragsPair, **after, **letters,
                                                       _uri_split_pairs=pairs, _rebuildFragWord=rebuild),
                                fragments=True)

    def frag_words(**letters):
        return _formula_breaking(_code_breaking(_calling(
            _rl_paragraph._hyphenateFragWord,
            _hyGenPair=gen_pair({"stringWidth": _string_width, **after}, **letters),
            _hyGenFragsPair=frags_pair(**letters))), glued_cuts)

    def words(**letters):  # (one fragment's words)
        return _code_breaking_word(_calling(_rl_paragraph._hyphenateWord, _hyGenPair=gen_pair({}, **letters)))

    joined = {"_hy_letters_pat": _WORD_LETTERS, "_hy_shy_pat": _HEAD_HYPHENS}
    compound = {**joined, "_hy_shy_letters_pat": _COMPOUND, "_hy_shy_pat": _COMPOUND_HYPHENS}
    hyphenate = _within_parts(frag_words(**joined), 0, frag_words(**compound))
    hyphenate_word = _within_parts(words(**joined), 3, words(**compound))
    return Helpers(
        fallback=_spaces_kept(_calling(
            Paragraph.breakLines, sameFrag=_same_frag, stringWidth=_string_width, getAscentDescent=_ascent_descent,
            split=_split, pyphen=pyphen, _getFragWords=get_frag_words, _hyphenateFragWord=hyphenate,
            _hyphenateWord=hyphenate_word, _SplitFrag=_SplitFragUnlessLong,
            _splitWord=functools.partial(split_word, measure=_measure),
            _splitFragWord=_to_next_line(functools.partial(split_frag_word, measure=_measure)))),
        get_frag_words=get_frag_words, split=_split, same_frag=_same_frag, string_width=_string_width,
        measure=_measure, ascent_descent=_ascent_descent, pyphen=pyphen, hyphenate_frag_word=hyphenate,
        long_leftover=_long_leftover, breaks_as_address=_breaks_as_address, attached=_a_box,
        breaks_at_own_hyphens=glued_cuts.breaks, asked=_asked, line_words=_LINE_WORDS, begins=_begins,
        knows=_ADDRESSES.knows)


def _a_box(frag) -> bool:
    """Whether `frag` is a box (scripts, a fixed space: _BoxParser), which a word is never split just before."""
    return getattr(frag, "fontName", None) == BOX_FONT


def _unsplit(text: str, after: str | None = None) -> str:
    """ReportLab's _shyUnsplit: a word's head with the hyphen its hyphenation added taken off (`text` alone), or
    joined to what follows it (`after`). ReportLab takes a hyphen off the head it joins, too, though it strips the
    hyphens it added before it joins: a word broken after a hyphen of its own ("genetic- / programming"), joined
    again to be broken anew (a paragraph split between columns or pages), lost it: "geneticprogram- / ming"."""
    if after is None or not text.endswith("-") or isinstance(text, _rl_paragraph._SHYIndexedStr) \
            or hasattr(after, "_shyIndices"):
        return _rl_paragraph._shyUnsplit(text, after)
    return text + after


_HELPERS = _line_breaking() if _CHECKED else None
_CUT_HELPERS = _line_breaking(ellipsis=True) if _CHECKED else None
if not _CHECKED and _rl_paragraph.pyphen and not isinstance(_rl_paragraph.pyphen, _OnePyphen):
    # ReportLab's own breakLines (another version): its pyphen, as ours, breaking words after their hyphens; its
    # hyphenation counted, for the last line (_no_final_hyphen)
    _rl_paragraph.pyphen = _OnePyphen(_rl_paragraph.pyphen)
    _rl_paragraph._hyphenateFragWord = _counted(_rl_paragraph._hyphenateFragWord)
    _rl_paragraph._hyphenateWord = _counted(_rl_paragraph._hyphenateWord)
_DRAW_PARA = drawing() if _CHECKED else Paragraph.drawPara  # lines of fragments drawn by linedraw.put_frag_line


def _break_lines(para, width):
    return break_lines(para, width, _HELPERS)


if not _CHECKED:
    _break_lines = Paragraph.breakLines  # noqa: F811 - ReportLab's own, for a version not checked
_MARKED = _break_lines if _CHECKED else None  # booklet's loop itself, which marks where it can be resumed (_broken)


def break_cut_lines(para, width):
    """A MathParagraph's breakLines for text cut short with an ellipsis: a word ending in it is hyphenated as the
    word without it (see _line_breaking); with no more hyphens added than its style allows (_most_of)."""
    most = _most_of(para)
    if most is None:
        return break_lines(para, width, _CUT_HELPERS) if _CHECKED else Paragraph.breakLines(para, width)
    outer = _ASKED.saved()
    try:
        _ASKED.set_to((0, -1, [], frozenset(), None, most, 0, False))
        return break_lines(para, width, _CUT_HELPERS) if _CHECKED else Paragraph.breakLines(para, width)
    finally:
        _ASKED.set_to(outer)


class _Ahead(NamedTuple):
    """The lines a split paragraph's part already has (those its whole was broken into, from the split on for its
    second part, up to it for its first), for the fragments it was made with (`frags`, that list) at each line's
    width (`widths`, one per line)."""

    frags: list
    lines: list
    widths: tuple
    long_words: int  # the whole's _splitLongWordCount
    given: dict  # what else the whole's ParaLines held (its kind; for lines of one fragment, its font)


# the widths (_widths_of) each paragraph's lines (its ParaLines) were broken at by MathParagraph.breakLines: what
# _hand_on hands on (kept aside: the lines are ReportLab's, compared and pickled as they are)
_BROKEN_AT: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def note_broken_at(lines, style, width=None, widths=None) -> None:
    """Note that `lines` (a paragraph's ParaLines, unpickled: a kept layout's) were broken at `widths` (break_to's),
    or by a wrap at `width` (at the widths ReportLab's wrap breaks at in `style`), as MathParagraph.breakLines notes
    the lines it makes (_BROKEN_AT): a split of them hands its parts the same lines (_hand_on) whether the lines were
    made in this build or kept by one before."""
    if widths is None:
        widths = (width - (style.leftIndent + style.firstLineIndent) - style.rightIndent,  # (as it works them out)
                  width - style.leftIndent - style.rightIndent)
    _BROKEN_AT[lines] = _widths_of(widths)


def _roots_fitted(para, widths: tuple) -> None:
    """A square root wider than every line `widths` gives (a root is one box, which no line breaks: √ of ten squared
    terms ran 15 pt past a 160 pt column) set as plain text sets it, and as a typesetter breaks a formula too long for
    its line: its sign, then its radicand in parentheses, which breaks where a formula breaks (after a + or a =), its
    index raised before the sign; for this breaking only (para.frags: the fragments as parsed, but such roots
    unboxed; at a width where each fits after a breaking that unboxed one, as parsed; else para.frags is left as
    it is). Only a paragraph whose markup has a root (<mroot>) is looked at."""
    text = para.__dict__.get("text")
    if not isinstance(text, str) or "<mroot" not in text:
        return
    parsed = para.__dict__.setdefault("_parsed_frags", para.frags)
    made = _unboxed(parsed, max(widths))
    if made is not parsed:
        para.frags, para._roots_unboxed = made, True
    elif para.__dict__.pop("_roots_unboxed", False):
        para.frags = parsed


def _unboxed(frags: list, room: float) -> list:
    """`frags` with each root wider than `room` unboxed (_roots_fitted), the roots in its radicand too (each box of
    them looked at again); `frags` itself when there is none."""
    wide = [i for i, frag in enumerate(frags) if getattr(frag, "_unboxed", None) is not None
            and _BOXES[frag.text].width > room]
    if not wide:
        return frags
    out = []
    last = 0
    for i in wide:
        out += frags[last:i]
        index, sign, radicand = frags[i]._unboxed
        if index:
            bounds = glyph_box(sign.fontName, sign.text)
            lift = sign.rise + (bounds[1] + INDEX_RAISE * (bounds[3] - bounds[1])) * sign.fontSize - index[0].rise \
                if bounds is not None else 0.0
            for part in index:
                part = copy.copy(part)
                part.rise += lift
                out.append(part)
        out.append(sign)
        opening, closing = copy.copy(sign), copy.copy(sign)  # (in the sign's font, upright)
        opening.text, closing.text = "(", ")"
        out += [opening, *_unboxed(list(radicand), room), closing]
        last = i + 1
    return out + frags[last:]


def _widths_of(width) -> tuple:
    """A breakLines `width` (a width, or one per line, the last repeated) as a tuple (ReportLab changes the list)."""
    return tuple(width) if isinstance(width, (tuple, list)) else (width,)


def _line_widths(widths: tuple, start: int, count: int) -> tuple:
    """The width breakLines(`widths`) breaks each of `count` lines at, from line `start` (the last width for every
    line after)."""
    last = len(widths) - 1
    return tuple(widths[min(line, last)] for line in range(start, start + count))


def _hand_on(para, parts: list) -> None:
    """Give each of `parts` (`para` split: ReportLab's split, its first part the lines that fit) the lines `para` was
    broken into, when they were broken at widths known (_BROKEN_AT): wrapped at the same widths, a part sets them
    (_lines_ahead) instead of breaking its text again. The first part, always: broken again on its own (by ReportLab's
    loop: its fragments are the whole's words), its web addresses were broken otherwise, after a slash where the whole
    broke them in their host name to keep a line close, and it came out a line taller than the lines that fit, at any
    height (FOSDEM 2025 on A4, "Syd": a split in a column of 18 to 29 lines gave 17, the column balancing had nothing
    between 17 and 30). The second, when it has more than HYPHENS_LINES lines: a paragraph that ran over 35 pages
    (3,200 authors) was broken whole again at every page, and so what was left of it each time. A second part of
    HYPHENS_LINES lines or fewer is broken again, as before: its hyphens in a row are looked at once more, in it alone
    (see _no_final_hyphen), which may set its lines otherwise."""
    broken = para.blPara
    widths = _BROKEN_AT.get(broken)
    first, rest = parts
    start = len(first.blPara.lines)
    if widths is None or start <= 0 or not isinstance(rest, MathParagraph):
        return
    given = {name: value for name, value in broken.__dict__.items() if name != "lines"}
    long_words = getattr(para, "_splitLongWordCount", 0)
    if isinstance(first, MathParagraph):
        first._ahead = _Ahead(first.frags, broken.lines[:start], _line_widths(widths, 0, start), long_words, given)
    if para.bulletText or len(broken.lines) - start <= HYPHENS_LINES:
        return
    lines = broken.lines[start:]  # (a paragraph of one fragment: (extra space, words) pairs)
    if broken.kind == 1:
        shift = broken.lines[start].sFW
        lines = [_shifted(line, shift) for line in lines]
    rest._ahead = _Ahead(rest.frags, lines, _line_widths(widths, start, len(lines)), long_words, given)


def _shifted(line, shift: int):
    """A copy of `line` (a FragLine) whose first word is counted `shift` words earlier: in the list of words of a
    part split off from the paragraph at word `shift` (see _split_blParaProcessed)."""
    made = copy_word(line)
    made.sFW = line.sFW - shift
    return made


def _lines_ahead(para, width):
    """The lines `para` (a split paragraph's part) was handed (_hand_on) as its breakLines(`width`) would make them,
    when they were broken at those widths and from the fragments it has now; else None."""
    ahead = para.__dict__.get("_ahead")
    if ahead is None or para.frags is not ahead.frags \
            or _line_widths(_widths_of(width), 0, len(ahead.lines)) != ahead.widths:
        return None
    para._width_max = max((at - (line[0] if isinstance(line, tuple) else line.extraSpace)
                           for at, line in zip(ahead.widths, ahead.lines)), default=0)
    para._splitLongWordCount, para._hyphenations = ahead.long_words, 0
    made = _rl_paragraph.ParaLines(**ahead.given, lines=list(ahead.lines))
    _BROKEN_AT[made] = _widths_of(width)
    return made


class MathParagraph(Paragraph):
    """A Paragraph that sets booklet's inline-math boxes (stacked scripts, fixed spaces); its lines are
    broken by text.linebreak (ReportLab's loop, keeping what it asks again for every word), comparing
    fragments with _same_frag, measuring text with _string_width and _ascent_descent, splitting it with
    _split and hyphenating with one Pyphen per language (the same answers, sooner; with a ReportLab version
    they were not checked against, fonts.CHECKED_REPORTLAB, its own functions)."""

    def breakLines(self, width):  # noqa: N802 - ReportLab's name
        widths = _widths_of(width)
        _roots_fitted(self, widths)
        ahead = _lines_ahead(self, width)
        if ahead is not None:
            return ahead
        self.__dict__.pop("_address_rests", None)  # (an earlier breaking's, broken on its own: break_cut_lines)
        made = _rests_on_lines(self, _ragged_at_addresses(self.style, _no_final_hyphen(self, width, _break_lines)))
        _BROKEN_AT[made] = widths
        return made

    def split(self, availWidth, availHeight):  # noqa: N803 - ReportLab's names
        parts = super().split(availWidth, self._lines_room(availWidth, availHeight))
        if len(parts) == 2:
            _hand_on(self, parts)
            _rest_handed_on(self, parts[1])
            if not self._may_have_scripts():
                for part in parts:  # (a part has no text to tell it by: its lines were looked through for scripts
                    part._scriptless = True  # at each wrap and split, each page of a 98,000-letter name's 26)
        return parts

    def _lines_room(self, availWidth, availHeight) -> float:  # noqa: N803 - ReportLab's names
        """The height to ask ReportLab's split (which counts lines the leading apart) for the lines that fit in
        `availHeight` with the room lineskips adds around a tall formula: `availHeight` when it adds none."""
        if not self._may_have_scripts():
            return availHeight
        if not hasattr(self, "blPara"):
            self.wrap(availWidth, availHeight)
        fit = self.lines_fitting(availHeight)
        return availHeight if fit is None else (fit + 0.5) * self.style.leading

    def last_line_drop(self) -> float:
        """How much lower than the leading alone puts it its last line as last broken is set: the room lineskips
        adds above its lines (0 when it adds none); what a mark set beside that line (a page number) moves down by."""
        skips = self.lineskips()
        return sum(skips[:-1]) if skips else 0.0

    def lines_fitting(self, availHeight) -> int | None:  # noqa: N803 - ReportLab's names
        """How many of its lines as last broken fit in `availHeight` with the room lineskips adds around a tall
        formula (what split leaves where it starts, before its rules on orphans and widows); None when lineskips
        adds none (the lines the leading apart: as many as `availHeight` holds of it)."""
        lines = self._scripted_lines()
        steps = None if lines is None else _skip_steps(_reaches(lines), self.style)
        if steps is None or not any(above or below for above, below in steps):
            return None
        # (the room lineskips adds above each count of its first lines, summed as it goes)
        above = list(itertools.accumulate((above for above, _ in steps), initial=0))
        leading = self.style.leading
        fit = min(len(lines), int(availHeight / leading))
        while fit > 0 and fit * leading + (above[fit] + steps[fit - 1][1]) > availHeight + 1e-8:
            fit -= 1
        return fit

    def _split_blParaProcessed(self, blPara, start, stop):  # noqa: N802 - ReportLab's name
        """ReportLab's: the fragments of lines `start` to `stop`, the last one marked as a word the page breaks
        (_SplitFragLL); here on copies of the paragraph's own, which ReportLab's marked for good: a paragraph split a
        second time (at another height: a frame may try more than one) had a word marked broken inside a part, and
        what was left of a long word broken over lines was set on one line running past the page."""
        if not stop:
            return []
        lines = blPara.lines
        first = lines[start].sFW
        end = lines[stop].sFW if stop != len(lines) else len(self.frags)
        made = [copy_word(word) for word in self.frags[first:end]]
        while made and isinstance(made[-1], _rl_paragraph._InjectedFrag):
            del made[-1]
        if made and isinstance(made[-1], _rl_paragraph._SplitFragHY):
            made[-1].__class__ = (_rl_paragraph._SHYWordHS if isinstance(made[-1], _rl_paragraph._SHYWord)
                                  else _rl_paragraph._SplitFragLL)
        return made

    def _setup(self, text, style, bulletText, frags, cleaner):
        if frags is None and isinstance(text, str):
            text = cleaned_text(_thin_tagged(text) if THIN in text else text, cleaner)
            boxed = any(marker in text for marker in _MARKERS)  # (looked for once)
            if _CHECKED and (not boxed or not any(marker in text for marker in _BOX_TAGS)):
                style, frags, bullet_frags, errors = _parsed(text, style, self.caseSensitive, boxed)
            else:
                parser = _BoxParser() if boxed else _QuickParser()
                parser.caseSensitive = self.caseSensitive
                style, frags, bullet_frags = parser.parse(text, style)
                errors = parser.errors
            if frags is None:
                raise ValueError(f"xml parser error ({errors[0]}) in paragraph beginning\n'{text[:30]}'")
            textTransformFrags(frags, style)
            if bullet_frags:
                bulletText = bullet_frags
        super()._setup(text, style, bulletText, frags, cleaner)

    def wrap(self, availWidth, availHeight):  # noqa: N803 - ReportLab's names
        """ReportLab's, the paragraph taller by the space lineskips adds around a formula taller than the leading."""
        return self.wrap_skipped(availWidth, availHeight)[0]

    def wrap_skipped(self, availWidth, availHeight):  # noqa: N803 - ReportLab's names
        """What wrap gives, and the lineskips it measured (for a caller that keeps them with the wrap, not measuring
        them again: layout.flowables.Para)."""
        width, height = super().wrap(availWidth, availHeight)
        skips = self.lineskips()
        if skips is not None:
            height = self.height = height + sum(skips)
        return (width, height), skips

    def lineskips(self) -> tuple[float, ...] | None:
        """text.paragraph.lineskips of this paragraph's lines as last broken (None: every line the leading apart).
        A paragraph whose markup has no scripts (most) has none, told from its text: its lines, kept pickled by a
        warm build's cache, are not made for it."""
        lines = self._scripted_lines()
        return None if lines is None else lineskips(lines, self.style)

    def formulas_reach(self) -> tuple[float, float] | None:
        """How high above the baseline the ink of the formulas' boxes of scripts in its lines as last broken reaches,
        and how low (points; below it, negative; the highest and lowest of its lines'); None when it has none: the
        reach lineskips measures, for a line whose height is fixed (a sliver of the programme at a glance)."""
        lines = self._scripted_lines()
        return None if lines is None else _extent(reach[:2] for reach in _reaches(lines) if reach is not None)

    def _scripted_lines(self) -> list | None:
        """Its lines as last broken, each a line of fragments, for lineskips and formulas_reach to measure; None when
        its markup has no box of scripts (_may_have_scripts), or it is not broken so."""
        if not self._may_have_scripts():
            return None
        lines = getattr(self, "blPara", None)
        return None if lines is None or lines.kind != 1 else lines.lines

    _scriptless = False  # a split's part of a paragraph whose markup has no box of scripts (see split)

    def _may_have_scripts(self) -> bool:
        """Whether its markup may hold a box of scripts or a square root, as lineskips measures: not when its text (as
        given, not a split's part, which has none: a part of a paragraph without one has none either) has no <mscripts>
        or <mroot> tag."""
        if self._scriptless:
            return False
        text = self.__dict__.get("text")
        return not (isinstance(text, str) and text and "<mscripts" not in text and "<mroot" not in text)

    def lines_height(self) -> float:
        """The height of its lines as last broken: the leading apart, and further apart by the room lineskips adds
        around a formula taller than the leading."""
        height = len(self.blPara.lines) * self.style.leading
        skips = self.lineskips()
        if skips is not None:
            height += sum(skips)
        return height

    def beginText(self, x, y):
        made = self.__dict__["_text_object"] = text_object(self.canv, x, y)
        skips = self.lineskips()
        if skips is not None:  # (each line's, to linedraw.put_frag_line, which moves the line down by it)
            made._lineskips = {id(line): skip for line, skip in zip(self.blPara.lines, skips) if skip}
        return made

    def drawPara(self, debug=0):
        """ReportLab's drawPara, after which its text object is let go: ReportLab binds a method of the text
        object to the object itself (tx._do_line), a reference cycle that kept it, the lines' fragments it
        holds and their dictionaries (about 13 objects a paragraph) for the garbage collector to find."""
        try:
            return _DRAW_PARA(self, debug)
        finally:
            made = self.__dict__.pop("_text_object", None)
            if made is not None:
                made.__dict__.pop("_do_line", None)
