"""A paragraph's fragments -> its lines, as ReportLab's breakLines breaks them, in a little over half the time.

ReportLab breaks a paragraph of several fragments (any markup: italics, a link, a math box) word by word,
and for every word it (1) works out again how far the spaces of the line so far could shrink (counting
the spaces of each fragment on the line and measuring a space in its font), (2) compares the word's
fragment with the line's last, attribute by attribute, and (3) takes the word off the front of its list.
At 500 talks that was 250 width look-ups and 70 comparisons a paragraph, and line breaking a quarter of a
build's time. `break_lines` is the same loop keeping what it asks again: it reckons the shrinking only when
a word does not fit without it (shrinking only ever lets a line take more); it knows that a word of the
fragment the line's last fragment was cloned from looks the same, in the same font (such a word, when it
fits, takes a short way through the loop: two thirds of the words); and it walks the list with an index.
It sums the same numbers in the same order, calls the same hyphenation and word-splitting functions of
ReportLab's and makes the same fragments, lines and list of words (`Paragraph.frags` afterwards), so a
paragraph is set and drawn exactly as before.

It takes any paragraph of two or more fragments that ReportLab would break with the same loop; its words
are made by `frag_words` (ReportLab's _getFragWords, sooner) when the fragments are text alone, else by
ReportLab's own. What it does not take goes to ReportLab's breakLines (`Helpers.fallback`): a single
fragment (ReportLab's quicker path), right-to-left or shaped text, automatic leading (bounds of images),
and fragments already broken once (the part of a paragraph split between pages or columns).

A paragraph broken again with one of its hyphenations refused (text.paragraph._no_final_hyphen) goes on from where
the loop stood before that word (`Resume`, marked as it was first broken), not from its first word.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable, NamedTuple

from reportlab.lib.enums import TA_JUSTIFY
from reportlab.platypus import paragraph as _rl
from reportlab.platypus.paragraph import FragLine, ParaLines
from reportlab.platypus.paraparser import ParaFrag

from .longword import split_frag_word

__all__ = ["Helpers", "Resume", "break_lines", "frag_words"]

_FK_TEXT, _FK_BREAK = _rl._FK_TEXT, _rl._FK_BREAK
_HSFrag, _SplitFrag, _SplitFragH, _SHYWord, _InjectedFrag = (
    _rl._HSFrag, _rl._SplitFrag, _rl._SplitFragH, _rl._SHYWord, _rl._InjectedFrag)
_SHY = _rl._shy
# what hyphenating a word leaves for the next line (with a space after), and breaking it at a soft hyphen
_TAILS = (_rl._SplitFragH, _rl._SplitFragHS, _rl._SHYWordHS, _rl._SplitFragSHY)
# Where booklet breaks otherwise than ReportLab: what hyphenation leaves of a word (a web address's path after its
# last '/', a word's rest after its last hyphenation point) wider itself than the line it goes to is split, as a long
# word is; ReportLab sets it whole, over the margin (and, in columns, over the next); a word split anywhere is never
# split just before a box of scripts (_split_word). Off: ReportLab's lines exactly
# (tests/test_linebreak.py compares the two loops so).
SPLIT_TAILS = True
_WHITESPACE = _rl.whitespace  # what _getFragWords takes a fragment to start or end with a space by
_STRIPPED = _rl._wsc  # what it strips from the start of the first text


class Helpers(NamedTuple):
    """What ReportLab's breakLines calls, as booklet gives it (text.paragraph)."""

    fallback: Callable  # breakLines itself, for what break_lines does not take
    get_frag_words: Callable  # _getFragWords
    split: Callable  # split: a text's words
    same_frag: Callable  # sameFrag
    string_width: Callable  # stringWidth(text, font name, size)
    measure: Callable  # (font name, size) -> a function of a text giving what string_width gives
    ascent_descent: Callable  # getAscentDescent(font name, size)
    pyphen: object  # the pyphen module, as breakLines makes a hyphenator with it (None without pyphen)
    hyphenate_frag_word: Callable  # _hyphenateFragWord
    long_leftover: Callable  # whether a word is the long rest of one broken before (a web address's), split again
    breaks_as_address: Callable  # whether a word has a web address's breaks (after a slash, ...), to break it at
    breaks_at_own_hyphens: Callable  # whether a word glued to a formula breaks at its own hyphens, to break it at
    attached: Callable = None  # whether a fragment is a box a word is never split before (its nucleus's scripts)
    asked: Callable = None  # the caller's count of hyphenation calls so far (a token kept in a Resume's mark)
    # told the words on the line before the word it next asks to hyphenate (None: not known, ReportLab's own loop),
    # whose spaces a web address broken at the line's end would stretch
    line_words: Callable = None
    # told a paragraph's breaking begins (what it knew of the paragraph broken before is forgotten; it may know what
    # the paragraph was handed: the part of one split between pages, that it begins with what is left of a web address),
    # and the Resume it goes on from, if any (then it knows again what it knew there: the Resume's `told`)
    begins: Callable = None
    knows: Callable = None  # what it knows as the loop stands (a token kept in a Resume's mark, given back to begins)


# words of a paragraph, at most, for its breaking to be marked where it may go on from (Resume): each mark copies the
# words left, and a paragraph of 12,000 words (an author list) marked at each hyphenation took 0.34 s and 122 MB to
# break against 0.21 s and 21 MB; one of more is broken again whole, as before. (A paragraph of HYPHENS_LINES lines,
# the most text.paragraph breaks again for its hyphens in a row, holds some 700 words on A5.)
MARKED_WORDS = 1_000


class Resume(NamedTuple):
    """Where break_lines stood when a word it asks to hyphenate came up: its loop's state before that word (a word
    of text alone, _text_alone), enough to go on from there instead of from the first word. Recorded for each word
    whose hyphenation was made (`marks`), so that a paragraph broken again with that hyphenation refused (text.
    paragraph: _no_final_hyphen) keeps the lines before and breaks only the rest, the same as from the start."""

    words: list  # the words not yet broken, the first the one to hyphenate (a copy: breaking inserts into its list)
    taken: list  # the paragraph's list of words so far (FW: kept to `taken_count`)
    taken_count: int
    lines: list  # the lines so far (kept to `line_count`: a line made is never changed after)
    line_count: int
    line: tuple  # the line so far: (fragment, its text then), copied when resumed (its texts grow as words come)
    source: object  # the fragment the line's last was cloned from, and a space in its font
    source_space: float
    n: int  # the line's words, width so far, a space to come, tallest size, ascent and deepest descent
    current: float
    space: float
    size: float
    ascent: float
    descent: float
    sFW: int  # the first word of the line, in the list of words
    lineno: int
    width_max: float  # what breaking sets on the paragraph as it goes
    split_long: int
    hyphenations: int
    # what the helpers knew before that word (Helpers.knows: what is left of the web address broken at the line's end
    # before it, which that word may be): without it, a paragraph broken from a mark at such a word cut it anywhere
    # ("_l'anal" / "yse_des_series_chronologique"), not where it was broken from the start
    told: object = None


def _untold(*args) -> None:
    """Helpers.line_words (and Helpers.begins, Helpers.knows) where the caller has none."""


def _takes(para, style, frags, least: int = 2) -> bool:
    """Whether ReportLab breaks `para` with the loop break_lines follows (`least`: 1, whether the loop can break
    it, for a text of one fragment, which ReportLab breaks another way)."""
    return (len(frags) >= least and type(frags[0]) is ParaFrag and not style.wordWrap and not style.shaping
            and getattr(para, "autoLeading", getattr(style, "autoLeading", "")) in ("", "off"))


def _address_told(para, style, frags, helpers: Helpers) -> bool:
    """Whether `para`, one fragment of text alone, justified, has a web address its loop breaks (a style with a
    uriWasteReduce): broken by break_lines, which tells the breaking of its addresses the words on their line
    (Helpers.line_words: how wide a break leaves the line's spaces), not by ReportLab's own loop, which does not;
    and so one with an underscore (an identifier, "VK_KHR_video_queue", broken as an address is where a line would be
    loose). (SPLIT_TAILS off: ReportLab's, as before.)"""
    return (SPLIT_TAILS and helpers.line_words is not None and style.uriWasteReduce
            and style.alignment == TA_JUSTIFY and _takes(para, style, frags, 1) and _text_alone(frags)
            and ("://" in (text := getattr(frags[0], "text", "")) or "_" in text))  # (frags[0]: _takes has one)


def _overfull(found) -> bool:
    """Whether ReportLab's lines of a text of one fragment have a word wider than the line: what hyphenating a word
    left of it (a web address's path after its last '/'), which it sets whole, over the margin."""
    return found.kind == 0 and any(extra < -0.5 and len(words) == 1 for extra, words in found.lines)


def _split_unhyphenated(para, found) -> bool:
    """Whether ReportLab's lines of a text of one fragment split a word wider than the line without a hyphen, where
    it could have been hyphenated ("Hochschulvertr" / "etertreffen": ReportLab does not hyphenate a line's first
    word); booklet's loop hyphenates it, again where what is left is still too wide (SPLIT_TAILS)."""
    return found.kind == 0 and bool(getattr(para, "_splitLongWordCount", 0)) \
        and bool(para.style.hyphenationLang or getattr(para.style, "wideWordsLang", None))


def _text_alone(frags) -> bool:
    """Whether `frags` are text alone: fragments as the parser makes them without an image, anchor, line
    break or soft hyphen."""
    for f in frags:
        if type(f) is not ParaFrag:
            return False
        d = f.__dict__
        if "cbDefn" in d or "lineBreak" in d or _SHY in d.get("text", ""):
            return False
    return True


def frag_words(frags, split, measure):
    """ReportLab's _getFragWords(frags) for fragments of text alone (_text_alone): the words, each
    [width, (fragment, text), ...], an _HSFrag when a space follows it; it marks each fragment with text
    as text (`_fkind`), as _getFragWords does."""
    words = []
    pieces = []  # of the word so far, and its width
    width = 0
    strip = True  # until the first text: white space at its start is dropped
    for f in frags:
        text = f.text
        if text == "":
            continue
        f._fkind = _FK_TEXT
        if strip:
            text = text.lstrip(_STRIPPED)
            if not text:
                continue
            strip = False
        split_text = split(text)
        if text[0] in _WHITESPACE or not split_text:
            if pieces:  # the word so far ends here, without a space after it (as _getFragWords has it)
                words.append([width, *pieces])
                pieces = []
                width = 0
                spaced = False
            else:
                spaced = words and isinstance(words[-1], _HSFrag)
            if not spaced:
                split_text.insert(0, "")
            elif not split_text:
                continue
        width_of = measure(f.fontName, f.fontSize)
        last = split_text.pop()
        if pieces and split_text:  # (the first word of the fragment, ending a word begun in the fragments before)
            word = split_text[0]
            width += width_of(word)
            words.append(_HSFrag([width, *pieces, (f, word)]))
            pieces = []
            width = 0
            del split_text[0]
        # the usual words (the fragment's others but its last), each made from a tuple, not a list unpacked and
        # copied, and all in one list comprehension, not appended one by one
        words += [_HSFrag((width_of(word), (f, word))) for word in split_text]
        pieces.append((f, last))
        width += width_of(last)
        if text[-1] in _WHITESPACE:
            words.append(_HSFrag([width, *pieces]))
            pieces = []
            width = 0
    if pieces:
        words.append([width, *pieces])
    if not words and frags:
        f = frags[0]
        f._fkind = _FK_TEXT
        words = [[0, (f, "")]]
    return words


def _break_after(f):
    """The line break ReportLab puts after the head of a word it hyphenates or splits (a word of its own)."""
    return _InjectedFrag([0, (f.clone(_fkind=_FK_BREAK, text=""), "")])


def _a_word_of_letters(w) -> bool:
    """Whether ReportLab's word `w` ([width, (fragment, text), ...]) is letters alone, but for hyphens, slashes,
    apostrophes and digits within it, a letter before the first of those: a word of a language, which hyphenation
    breaks (as text.paragraph's gate takes it, "Ein-/Ausgabe", "5G-Netze"; not an address, a number or code)."""
    text = "".join(t for _, t in w[1:])
    return text[:1].isalnum() and any(c.isalpha() for c in text) and _JOINED_CHARS.sub("", text).isalpha()


_JOINED_CHARS = re.compile("[-/'\u20190-9]")  # what a word of letters may be joined by, or have in it (_a_word_of_letters)


def _unhyphenated(w) -> bool:
    """Whether any fragment of ReportLab's word `w` is in <nobr> (a formula's, text.markup): the word is never
    hyphenated (ReportLab asks the word's first fragment alone)."""
    return any(getattr(frag, "nobr", False) for frag, _ in w[1:])


CARRIED = 3  # characters, at most, a word split anywhere carries to the next line to be split just after a script


def _split_word(w, max_width, max_widths, lineno, attached, after_words=False, measure=None):
    """ReportLab's _splitFragWord(w, max_width, max_widths, lineno): `w` split into words that fit the room left and
    the lines after it, anywhere, without a hyphen; but never just before a character of a fragment `attached` says
    is attached to what comes before it (a box of scripts: "Fe₂As" / "₂Ba" tore the ₂ from its As), and rather just
    after one CARRIED characters back at most ("Fe₂" / "As₂", not "Fe₂A" / "s₂"), or, `after_words` on its line, at
    the word's start ("Long" / "Ba₀.₆K₀.₄", not "Long B" / "a₀.₆K₀.₄"). (SPLIT_TAILS off: ReportLab's split.)
    `measure` (Helpers.measure): a word without such a box is split by text.longword (as ReportLab splits it, its
    characters measured in widths already kept, the cuts found by bisection: linear in its length)."""
    if not SPLIT_TAILS or attached is None or not any(attached(frag) for frag, _ in w[2:]):
        if measure is not None:
            return split_frag_word(w, max_width, max_widths, lineno, measure=measure)
        return _rl._splitFragWord(w, max_width, max_widths, lineno)
    units = []  # [(fragment, width, character), ...]: a character and the attached ones after it
    for item in _rl._fragWordIter(w):
        if units and attached(item[0]):
            units[-1].append(item)
        else:
            units.append([item])
    last = len(max_widths) - 1
    lines, line, width = [], [], 0.0  # each line's units
    at = 0
    while at < len(units):
        unit = units[at]
        unit_width = sum(item[1] for item in unit)
        next_width = max_widths[min(last, lineno + 1)]
        if width + unit_width > max_width and (line or unit_width <= next_width):
            after = max((i for i in range(1, len(line) + 1) if len(line[i - 1]) > 1), default=0)  # after a box
            if not after and after_words and not lines:
                after = 0 if len(line) <= CARRIED else len(line)
            elif not after:
                after = len(line)
            carried = line[after:] if len(line) - after <= CARRIED else []
            if carried and sum(item[1] for u in carried for item in u) + unit_width > next_width:
                carried = []
            lines.append(line[:len(line) - len(carried)])
            lineno += 1
            max_width = next_width
            line, width = carried, sum(item[1] for u in carried for item in u)
            continue
        line.append(unit)
        width += unit_width
        at += 1
    lines.append(line)
    def piece(f, text: str):  # (a copy of the fragment holding `text`)
        made = f.clone()
        if hasattr(made, "text"):
            made.text = text
        return made, text

    made = []
    for index, line in enumerate(lines):
        pieces, text, f = [], "", (line[0][0][0] if line else w[1][0])
        for g, _, c in (item for unit in line for item in unit):
            if g is not f:
                pieces.append(piece(f, text))
                text, f = "", g
            text += c
        if index < len(lines) - 1:
            last, kind = piece(f, text), _SplitFrag
        else:
            last, kind = (f, text), (_rl._SplitFragHS if isinstance(w, _HSFrag) else _SplitFragH)
        made.append(kind([sum(item[1] for unit in line for item in unit), *pieces, last]))
    return made


def _clone(f):
    """f.clone(): for a ParaFrag, what ABag.clone makes (a new one with the same dictionary), sooner."""
    if type(f) is not ParaFrag:
        return f.clone()
    made = ParaFrag.__new__(ParaFrag)
    made.__dict__.update(f.__dict__)
    return made


@lru_cache(maxsize=16)
def _patterns(pyphen, language: str):
    """`pyphen`'s hyphenation of `language` (its `iterate`), made once per language."""
    return pyphen.Pyphen(lang=language).iterate


def _hyphenated_in(para, words: list, at: int, parts: list, frag, taken: list) -> None:
    """A word hyphenated (`parts`: its head with the hyphen, its rest) put in its place among the words to break
    (`words`, the next of them at `at`), a line break after its head; the word itself taken back off the line
    (`taken`), as ReportLab's loop does."""
    words[at:at] = parts
    words.insert(at + 1, _break_after(frag))
    taken.pop(-1)
    para._hyphenations += 1


def break_lines(para, width, helpers: Helpers, marks: list | None = None, resume: Resume | None = None):
    """`para`'s lines at `width` (a width, or one per line, the last repeated), as ReportLab's
    Paragraph.breakLines makes them with `helpers`. `marks`: a list to append (helpers.asked() before, after, a
    Resume) to for each hyphenation made in a paragraph of text alone; `resume`: one of those, to go on from (the
    same `para`, fragments and `width`; the caller's count of hyphenation calls set back as it was before)."""
    style = para.style
    frags = para.frags
    line_words = helpers.line_words or _untold
    line_words(None)
    begins, knows = helpers.begins or _untold, helpers.knows or _untold
    begins(para, resume)
    if resume is None and not _takes(para, style, frags) and not _address_told(para, style, frags, helpers):
        found = helpers.fallback(para, width)
        if not (SPLIT_TAILS and style.splitLongWords and (_overfull(found) or _split_unhyphenated(para, found))
                and _takes(para, style, frags, least=1)
                and hasattr(frags[0], "text")):  # (a part of a paragraph split between pages holds its words)
            return found
        marks = None  # (ReportLab's breakLines ran first: what it did, to `width` too, is not to be skipped)
        begins(para)  # (nor what it knew as it broke: this loop breaks the paragraph from its first word again)
    string_width, ascent_descent, same_frag, pyphen, hyphenate_frag_word = (
        helpers.string_width, helpers.ascent_descent, helpers.same_frag, helpers.pyphen, helpers.hyphenate_frag_word)

    para._width_max = 0
    maxWidths = width if isinstance(width, (tuple, list)) else [width]
    lines = []
    para.height = lineno = 0
    maxlineno = len(maxWidths) - 1
    hyphenator = getattr(style, "hyphenationLang", "")
    if hyphenator:
        if isinstance(hyphenator, (str, bytes)):  # ReportLab's isStr
            hyphenator = hyphenator.strip()
            hyphenator = pyphen.Pyphen(lang=hyphenator).iterate if hyphenator and pyphen else None
        elif not callable(hyphenator):
            raise ValueError("hyphenator should be a language spec or a callable unicode -->  pairs not %r"
                             % hyphenator)
    else:
        hyphenator = None
    # a style that hyphenates nothing (a title's) may name the patterns a word wider than the whole line is broken
    # by, with a hyphen (`wideWordsLang`): cut where the line ended, without one, a programme cell of 31C3 on letter
    # paper read "diesen Freihandelsabk" / "ommen"
    # (the patterns' name: they are looked up only for such a word, seldom, not for each title broken)
    wide = getattr(style, "wideWordsLang", None) if hyphenator is None and SPLIT_TAILS and pyphen else None
    uriWasteReduce = style.uriWasteReduce
    embeddedHyphenation = style.embeddedHyphenation
    hyphenation2 = embeddedHyphenation > 1
    spaceShrinkage = style.spaceShrinkage
    # Shrinking spaces only ever lets a line take more: a word that fits without it needs no reckoning
    shrinks_only = spaceShrinkage >= 0
    splitLongWords = style.splitLongWords
    attemptHyphenation = hyphenator or uriWasteReduce or embeddedHyphenation
    if attemptHyphenation or wide:
        hymwl = getattr(style, "hyphenationMinWordLength", _rl.hyphenationMinWordLength)
    para._splitLongWordCount = para._hyphenations = 0
    _rl._handleBulletWidth(para.bulletText, style, maxWidths)
    maxWidth = maxWidths[0]
    njlbv = not style.justifyBreaks

    spaces: dict = {}  # (font name, size) -> the width of a space

    def space_width(name, size):
        key = (name, size)
        found = spaces.get(key)
        if found is None:
            found = spaces[key] = string_width(" ", name, size)
        return found

    heights: dict = {}  # (font name, size) -> (ascent, descent)

    def ascent_and_descent(name, size):
        key = (name, size)
        found = heights.get(key)
        if found is None:
            found = heights[key] = ascent_descent(name, size)
        return found

    # `words`: the fragments of the line so far, the last of them `g`; with fragments of text alone,
    # `source` is the fragment `g` was cloned from: a word of it looks as `g` does, and its font's
    # size, ascent and descent are counted in the line's already (`source_space`: a space in it).

    def add(frag, text) -> None:
        """A clone of `frag` holding `text`, onto the line."""
        nonlocal g, source, source_space
        g = _clone(frag)
        g.text = text
        words.append(g)
        source, source_space = frag, space_width(frag.fontName, frag.fontSize)

    def count(name, size) -> None:
        """Text in that font and size on the line: its tallest size, ascent and deepest descent so far."""
        nonlocal maxSize, maxAscent, minDescent
        ascent, descent = ascent_and_descent(name, size)
        if size > maxSize:
            maxSize = size
        if ascent > maxAscent:
            maxAscent = ascent
        if descent < minDescent:
            minDescent = descent

    if resume is not None:  # (text alone: only such a paragraph's breaking is marked)
        alone = True
        _words, at = list(resume.words), 0
        FW = resume.taken[:resume.taken_count]
        lines = resume.lines[:resume.line_count]
        words = []
        for frag, text in resume.line:
            g = _clone(frag)
            g.text = text
            words.append(g)
        g = words[-1] if words else None
        source, source_space = resume.source, resume.source_space
        n, currentWidth, spaceWidth = resume.n, resume.current, resume.space
        maxSize, maxAscent, minDescent = resume.size, resume.ascent, resume.descent
        sFW, lineno = resume.sFW, resume.lineno
        maxWidth = maxWidths[min(maxlineno, lineno)]
        para._width_max, para._splitLongWordCount, para._hyphenations = (
            resume.width_max, resume.split_long, resume.hyphenations)
    else:
        alone = _text_alone(frags)
        if alone:
            _words = frag_words(frags, helpers.split, helpers.measure)
        else:
            _words = helpers.get_frag_words(frags, maxWidth)
        words = []
        source = g = source_space = None
        FW = []
        at = 0  # the next of _words
        sFW = 0
        n = spaceWidth = currentWidth = 0
        maxSize = maxAscent = minDescent = 0
    aFW = FW.append
    if not alone or helpers.asked is None or len(_words) > MARKED_WORDS:
        marks = None

    def marked(before, told) -> None:
        """The hyphenation just asked for the word `_words[at - 1]` made (`before`: helpers.asked() before it was
        asked, `told`: helpers.knows() then): where the loop stood before that word, kept in `marks` (nothing when it
        is None)."""
        if marks is None:
            return
        marks.append((before, helpers.asked(), Resume(
            _words[at - 1:], FW, len(FW) - 1, lines, len(lines), tuple((frag, frag.text) for frag in words),
            source, source_space, n, currentWidth, spaceWidth, maxSize, maxAscent, minDescent, sFW, lineno,
            para._width_max, para._splitLongWordCount, para._hyphenations, told)))

    while at < len(_words):
        w = _words[at]
        at += 1
        aFW(w)
        if alone and len(w) == 2 and w[1][0] is source and words and shrinks_only:
            # The usual word: a word on in the fragment the line's last fragment was cloned from. When it
            # fits without shrinking any space it takes the way ReportLab's loop takes it, in short.
            wordWidth = w[0]
            newWidth = currentWidth + spaceWidth + wordWidth if wordWidth > 0 else currentWidth
            if newWidth <= maxWidth:
                nText = w[1][1]
                if nText:
                    n += 1
                if spaceWidth and not g.text.endswith(" "):
                    g.text += " " + nText
                else:
                    g.text += nText
                spaceWidth = source_space if isinstance(w, _HSFrag) else 0
                currentWidth = newWidth
                continue
        f = w[-1][0]
        fontName = f.fontName
        fontSize = f.fontSize

        if not words:
            n = spaceWidth = currentWidth = 0
            maxSize = fontSize
            maxAscent, minDescent = ascent_and_descent(fontName, fontSize)

        wordWidth = w[0]
        f = w[1][0]
        if wordWidth > 0:
            newWidth = currentWidth + spaceWidth + wordWidth
        else:
            newWidth = currentWidth

        lineBreak = f._fkind == _FK_BREAK
        limWidth = maxWidth
        if spaceShrinkage and (newWidth > maxWidth or not shrinks_only):
            spaceShrink = spaceWidth
            for wi in words:
                if wi._fkind == _FK_TEXT:
                    ns = wi.text.count(" ")
                    if ns:
                        spaceShrink += ns * space_width(wi.fontName, wi.fontSize)
            spaceShrink *= spaceShrinkage
            limWidth += spaceShrink
        # what hyphenation left of a word, wider itself than the line it goes to: hyphenated again, else split
        # (SPLIT_TAILS; ReportLab sets it whole)
        # (and the long rest of a word broken before, a web address's after a slash, ReportLab's _SplitFrag: 39c3's
        # chat invitation ran 368 pt past the column on A4)
        tail = (SPLIT_TAILS and splitLongWords and newWidth > limWidth
                and wordWidth > maxWidths[min(lineno + bool(words), maxlineno)] and sum(len(t) for _, t in w[1:]) > 1
                and (type(w) in _TAILS or helpers.long_leftover(w)))
        if not lineBreak and newWidth > limWidth and (tail or not isinstance(w, _SplitFragH)) \
                and not hasattr(f, "cbDefn"):
            if isinstance(w, _SHYWord):
                hsw = w.shyphenate(newWidth, limWidth)
                if hsw:
                    _hyphenated_in(para, _words, at, hsw, f, FW)
                    continue
                elif len(FW) > 1:
                    nMW = maxWidths[min(maxlineno, lineno)]
                    if hyphenation2 or w._fsww + 1e-8 <= nMW:
                        hsw = w.shyphenate(wordWidth, nMW)
                        if hsw:
                            _words[at:at] = [_break_after(f), w]
                            FW.pop(-1)
                            continue
            elif attemptHyphenation:
                hyOk = not _unhyphenated(w)
                # (a word glued to a formula, its runs in <nobr>, breaks at its own hyphens all the same)
                ownOk = hyOk or helpers.breaks_at_own_hyphens(w)
                before, told = (helpers.asked(), knows()) if marks is not None else (None, None)
                line_words(n)
                hsw = hyphenate_frag_word(hyphenator if hyOk else None, w, newWidth, limWidth,
                                          uriWasteReduce if hyOk else False, embeddedHyphenation and ownOk, hymwl)
                line_words(None)
                if hsw:
                    marked(before, told)
                    _hyphenated_in(para, _words, at, hsw, f, FW)
                    continue
                elif hyphenation2 and len(FW) > 1:
                    hsw = hyphenate_frag_word(hyphenator if hyOk else None, w, wordWidth, maxWidth,
                                              uriWasteReduce if hyOk else False, embeddedHyphenation and ownOk, hymwl)
                    if hsw:
                        marked(before, told)
                        _words[at:at] = [_break_after(f), w]
                        FW.pop(-1)
                        continue
            elif wide and not _unhyphenated(w) \
                    and wordWidth > maxWidths[min(lineno + bool(words), maxlineno)]:
                # a word wider than a whole line, in a style that hyphenates nothing else: hyphenated as a hyphenating
                # style's is (what is left of it too, when that is still wider), else it starts the next line
                before, told = (helpers.asked(), knows()) if marks is not None else (None, None)
                hsw = hyphenate_frag_word(_patterns(pyphen, wide), w, newWidth, limWidth, False, False, hymwl)
                if hsw:
                    marked(before, told)
                    _hyphenated_in(para, _words, at, hsw, f, FW)
                    continue
                if n > 0 and not isinstance(w, _SplitFrag):
                    _words[at:at] = [_break_after(f), w]
                    FW.pop(-1)
                    continue
            if splitLongWords and (tail or not isinstance(w, _SplitFrag)):
                nmw = min(lineno, maxlineno)
                # (wider than this line, or than the next, where it goes whole otherwise: a line of code that wraps
                # under a hanging indent ran past its column, ReportLab comparing it with the first line alone)
                if tail or wordWidth > min(maxWidths[nmw], maxWidths[min(nmw + 1, maxlineno)]):
                    if SPLIT_TAILS and not tail and n > 0 and (
                            (hyphenator is not None and _a_word_of_letters(w) and not _unhyphenated(w))
                            or (attemptHyphenation and helpers.breaks_as_address(w))
                            or (embeddedHyphenation and helpers.breaks_at_own_hyphens(w))):
                        # a word of a language after others on the line: it starts the next, to be hyphenated
                        # there ("Bäckerei D" / "ruckverfahren" was split into the room left, with no hyphen);
                        # a word glued to a formula, to be broken there at its own hyphen ("We use H₂" / "O-based"
                        # was split into the room left just after the formula's box);
                        # a web address too, to be broken there after a slash ("problem (" / "https://.../4" /
                        # "125)", and "(h" / "ttps://...": XDC 2021 on A4, split into the room left at any letter)
                        _words[at:at] = [_break_after(f), w]
                        FW.pop(-1)
                        continue
                    parts = _split_word(w, maxWidth - spaceWidth - currentWidth, maxWidths, lineno, helpers.attached,
                                        n > 0, helpers.measure)
                    if len(parts) > 1 or not tail:
                        _words[at:at] = parts
                        _words.insert(at + 1, _break_after(f))
                        FW.pop(-1)
                        para._splitLongWordCount += 1
                        continue
                    # (a tail no split shortens, one glyph wider than the line after marks of no width, "\u0301a"
                    # in a box narrower than the "a": set whole, as a glyph wider than the line is; it was split into
                    # itself again and again, and the build never ended)
        endLine = (newWidth > limWidth and n > 0) or lineBreak
        if not endLine:
            if lineBreak:
                continue
            nText = w[1][1]
            if nText:
                n += 1
            fontSize = f.fontSize
            if words and alone and f is source:  # the usual word: on in the fragment of the one before
                if spaceWidth and not g.text.endswith(" "):
                    g.text += " " + nText
                else:
                    g.text += nText
            else:
                count(f.fontName, fontSize)
                if not words:
                    add(f, nText)
                elif not same_frag(g, f):
                    if spaceWidth:
                        i = len(words) - 1
                        while i >= 0:
                            wi = words[i]
                            i -= 1
                            if wi._fkind == _FK_TEXT:
                                if not wi.text.endswith(" "):
                                    wi.text += " "
                                break
                    add(f, nText)
                elif spaceWidth:
                    if not g.text.endswith(" "):
                        g.text += " " + nText
                    else:
                        g.text += nText
                else:
                    g.text += nText

            spaceWidth = space_width(fontName, fontSize) if isinstance(w, _HSFrag) else 0

            if len(w) > 2:
                for frag, text in w[2:]:
                    add(frag, text)
                    count(frag.fontName, frag.fontSize)
                if not nText and any(text for _, text in w[2:]):
                    n += 1
            currentWidth = newWidth
        else:
            if lineBreak:
                g = f.clone()
                words.append(g)
                llb = njlbv and not isinstance(w, _InjectedFrag)
            else:
                llb = False

            if currentWidth > para._width_max:
                para._width_max = currentWidth
            lines.append(FragLine(extraSpace=maxWidth - currentWidth, wordCount=n,
                                  lineBreak=llb, words=words,
                                  fontSize=maxSize, ascent=maxAscent, descent=minDescent, maxWidth=maxWidth,
                                  sFW=sFW))
            sFW = len(FW) - 1

            lineno += 1
            maxWidth = maxWidths[min(maxlineno, lineno)]

            words = []
            if lineBreak:
                continue

            spaceWidth = space_width(fontName, fontSize) if isinstance(w, _HSFrag) else 0
            currentWidth = wordWidth
            n = 1
            maxSize = f.fontSize
            maxAscent, minDescent = ascent_and_descent(f.fontName, maxSize)
            add(f, w[1][1])
            for frag, text in w[2:]:
                add(frag, text)
                count(frag.fontName, frag.fontSize)

    if words:
        if currentWidth > para._width_max:
            para._width_max = currentWidth
        lines.append(FragLine(extraSpace=(maxWidth - currentWidth), wordCount=n, lineBreak=False,
                              words=words, fontSize=maxSize, ascent=maxAscent, descent=minDescent,
                              maxWidth=maxWidth, sFW=sFW))
    para.frags = FW
    return ParaLines(kind=1, lines=lines)
