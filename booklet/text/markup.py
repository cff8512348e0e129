"""User-written plain text (paragraphs, *emphasis*, $math$) -> ReportLab Paragraph markup or plain Unicode."""

from __future__ import annotations

import bisect
import re
import unicodedata
from functools import lru_cache
from itertools import groupby

from ..cache.memory import active
from .fonts import (IN_STYLE, MONO, SANS, all_in_text_fonts, all_printable, font_for_char, fonts_number, in_mono,
                    math_font, mono_name, printing, reportlab_checked, use_fallbacks, when_fonts_change)
from . import mhchem, siunitx, units
from .mathtext import (NBSP, PLAIN, RELATION_SIGNS, Root, Run, Script, Style, empty_arguments, escaped_primes, line_breaks,
                       math_runs, missing_arguments, opens_with_relation, relation_held, unknown_macros)

__all__ = ["inline", "latex_problems", "math_chars", "math_sources", "paragraphs", "plain", "source_paragraphs"]

# --------------------------------------------------------------------------- public API


def inline(text: str) -> str:
    """Markup for a one-line field: whitespace collapsed, emphasis and math rendered."""
    return _inline(_as_str(text))


def title(text: str, listed: bool = False, bold: bool = False) -> str:
    """Markup for a title (an abstract's, a tutorial's, a poster's, a session's, a programme line's): as inline(),
    with each word of one letter ("a", "A", "I", "à") tied to the word after it by a no-break space, so that a
    title's line never ends with it ("half a / century" is "half / a century"), and a number that ends it (a Roman
    numeral, a number of up to three digits, a letter: "Cosmological Inference II", "Session 3") tied to the word
    before it, so that no line starts with it alone; and so is a short last word (RUNT letters at most), when the
    two are short enough together (PAIR), so that a title of two lines never ends with a word alone ("in the
    Galactic / disc" is "in the / Galactic disc"); `listed`: a title in a run of them, the next one after it on its line
    (the glance's sessions, "Workshop: Mikrotonales Komponieren · ..."), its last words not tied (a line broke after
    "Workshop:" with room for "Mikrotonales"); `bold`: for a title set in a bold face (its style's, or <b> around
    it), its code in the code font's bold face (ReportLab sets a font a tag names in the face the tag names)."""
    made = _title_ties(_inline(_as_str(text)), listed)
    return _code_bold(made) if bold else made


@lru_cache(maxsize=65536)  # (a rebuild makes the same titles again, the programme's each day several times: fitted_day)
def _title_ties(made: str, listed: bool) -> str:
    """title()'s ties in the markup `made`: its one-letter words, the number ending it and (not `listed`) a short
    last word (a function of the markup alone)."""
    tied = number_tied(_one_letters_tied(made))
    return tied if listed else _LAST_WORD.sub(_runt, tied, count=1)


def number_tied(made: str) -> str:
    """Markup `made` with a number that ends it (a Roman numeral, a number of up to three digits, a letter: as title()
    ties it) tied to the word before it by a no-break space, so that no line starts with it alone: the programme at a
    glance's boxes, whose titles are not title()'s (the 31C3 import's A5 glance read "Lightning / Talks Day / 2")."""
    return _LAST_NUMBER.sub(NBSP + r"\1", made, count=1)


# The one-letter words a language's typesetting never leaves at a line's end (Czech and Slovak prepositions and
# conjunctions, "v Praze", "k tomu", "a proto"; Polish "w domu", "z nami"): tied to the word after them in its
# paragraphs (layout.flowables.Para, by the style's `language`). Other languages break after them.
_TIED_LETTERS = {"cs": "AaIiKkOoSsUuVvZz", "sk": "AaIiKkOoSsUuVvZz", "pl": "AaIiOoUuWwZz"}


def ties_of(language: str | None) -> str | None:
    """The one-letter words `language` ties to the next word (_TIED_LETTERS), or None."""
    if not language:
        return None
    return _TIED_LETTERS.get(language.replace("_", "-").split("-")[0].lower())


@lru_cache(maxsize=8)
def _ties_pattern(letters: str) -> re.Pattern:
    # a tag is passed over whole; a word of one of `letters` after white space, a tag, a bracket or a quotation mark
    return re.compile(rf'<[^>]*>|(?<![^\s>(\[\u201e\u201c\u00ab"\u00a0\u202f])([{letters}]) (?=[^\s<]|<(?!/|br\b))')


def language_ties(made: str, letters: str) -> str:
    """Markup `made` with its one-letter words of `letters` tied to the word after them by a no-break space (a run of
    tied words wider than a line is untied where it is set: text.paragraph._untied)."""
    return _ties_pattern(letters).sub(lambda found: found.group() if found.group(1) is None
                                      else found.group(1) + NBSP, made)


def address(text: str) -> str:
    """Markup for text that may hold a postal address (an affiliation, a place's address): as inline(), with the
    parts of an address that a line must not break between held together by no-break spaces (HELD_IN_ADDRESSES):
    the Les Houches import printed "... Université Paris-Saclay, 91767 / Palaiseau, France"."""
    made = inline(text)
    # (each of the pattern's spaces is held beside a digit: a text with none, as most affiliations, is not looked at
    # by it, which starts with a lookbehind, tried at every character; a digit is searched for at C speed)
    return HELD_IN_ADDRESSES.sub(_held, made) if " " in made and _DIGIT.search(made) is not None else made


# spaces in an address that a line does not break at: in a postcode and between it and the town after it ("91767
# Palaiseau", "D-69117 Heidelberg", "00-950 Warszawa", "221 00 Lund", "113-0033 Tokyo", "1098 XG Amsterdam"), between
# a state and its ZIP code ("CA 94720") and inside a British postcode ("OX1 3PU"); a postcode is a word of its own
# (after a space, a bracket or the start: never in a tag)
HELD_IN_ADDRESSES = re.compile(r"(?<![^\s(])(?:[A-Z]{1,3}-)?(?:\d{3} \d{2}|\d{4} [A-Z]{2}|\d{2,5}-\d{3,4}|\d{3,6}) "
                               r"(?=[^\W\d_])|\b[A-Z]{2} (?=\d{5}\b)|\b[A-Z]{1,2}\d[A-Z\d]? (?=\d[A-Z]{2}\b)")


def _held(found: re.Match) -> str:
    return found.group(0).replace(" ", NBSP)


def _code_bold(made: str) -> str:
    """Markup with its code (set in the code font's regular face) in that font's bold face."""
    tag = f'<font name="{MONO}" '
    return made.replace(tag, f'<font name="{mono_name(True)}" ') if tag in made else made


# a one-letter word (in tags of its own or not: "half <i>a</i> century") after a space or the start, before a space and
# a longer word (a run of one-letter words, "a b c d", is not tied into one: it could not be broken where it does not
# fit); else a tag, left as it is (its attributes are not text)
_OPENING, _CLOSING = r"(?:<[a-z][^<>]*>)*", r"(?:</[a-z]+>)*"
_ONE_LETTER_WORD = rf"({_OPENING}[^\W\d_]{_CLOSING}) (?={_OPENING}[^\s<]{{2}})"
_ONE_LETTER_FIRST = re.compile(_ONE_LETTER_WORD)  # (matched at the start)
# after the start: the white space before the word, or a tag's "<", first (what comes after it looked behind for), a
# character class the engine scans for at C speed, where a lookbehind first was tried at every character
_ONE_LETTER = re.compile(rf"[\s<](?:(?<=\s){_ONE_LETTER_WORD}|(?<=<)[^>]*>)")
# a quicker look (as _NUMBER_LOOK) at a title with a space before it: a letter after white space or a tag, before a
# space or a tag; a title it finds nothing in has no one-letter word (three in four titles)
_ONE_LETTER_LOOK = re.compile(r"[\s>][^\W\d_][ <]")


# the last word of a title when it numbers it (after a space), in tags of its own or not
# (each of these patterns starts with the space or white space before its words, the character before that looked
# behind for: the engine scans for that space at C speed, where a lookbehind first is tried at every character)
_LAST_NUMBER = re.compile(rf" (?<=\S )({_OPENING}(?:[IVXLC]{{1,7}}|\d{{1,3}}|[^\W\d_]){_CLOSING})$")


RUNT = 12  # letters: a title's last word this short is tied to the word before it ...
PAIR = 24  # ... when the two have at most this many letters (longer, they could leave a line half empty)
_LAST_WORD = re.compile(rf"(\s)([^\s<>]+|{_OPENING}[^\s<>]+{_CLOSING}) ({_OPENING}[^\s<>]{{1,{RUNT}}}{_CLOSING})$")
_TAG = re.compile(r"<[^>]*>")


def held_legal_form(text: str) -> str:
    """A body's name (a sponsor's) -> the same text on one line, the legal form that ends it ("e. V.", "GmbH & Co. KG",
    "Inc.": words of LEGAL_FORM_WORDS) held together and to the word before it by no-break spaces: a line never
    starts with "V." or with the form alone ("Chaos Computer Club / e. V." is "Chaos Computer / Club e. V.")."""
    words = collapse(text).split(" ")
    start = len(words)
    while start > 1 and words[start - 1] in LEGAL_FORM_WORDS:
        start -= 1
    if all(word == "&" for word in words[start:]):  # (no form: "Smith &" is no name to hold)
        return " ".join(words)
    return " ".join(words[:start - 1] + [NBSP.join(words[start - 1:])])


# the words a legal form is written with, at a name's end (German, English, French, Dutch, Italian, Spanish, Nordic)
LEGAL_FORM_WORDS = frozenset(
    "e. V. e.V. eV gem. gGmbH GmbH mbH & Co. Co KG KGaA AG OHG UG (haftungsbeschränkt) SE eG e.G. gAG "
    "Inc. Inc Ltd. Ltd LLC LLP plc PLC Corp. Corp Pty Pvt. "
    "S.A. SA S.A.S. SAS SARL S.à.r.l. B.V. BV N.V. NV V.O.F. S.p.A. SpA S.r.l. Srl S.L. SL AB ASA A/S ApS Oy".split())


def _runt(found: re.Match) -> str:
    space, before, last = found.groups()
    if len(_TAG.sub("", before)) + len(_TAG.sub("", last)) > PAIR:
        return found.group(0)
    return space + before + NBSP + last


def _one_letters_tied(made: str) -> str:
    """Markup `made` with each of its one-letter words tied to the word after it by a no-break space (title())."""
    if _ONE_LETTER_LOOK.search(" " + made) is None:
        return made
    first = _ONE_LETTER_FIRST.match(made)
    if first is None:
        return _ONE_LETTER.sub(_tied, made)
    return first.group(1) + NBSP + _ONE_LETTER.sub(_tied, made[first.end():])


def _tied(found: re.Match) -> str:
    """A one-letter word, the white space before it and the space after it (a no-break space now); a tag as it is."""
    return found.group()[:-1] + NBSP if found.group(1) else found.group()


def paragraphs(text: str) -> list[str]:
    """Markup for each non-empty paragraph of a multi-paragraph field (blank lines separate); a block of code's
    (between lines of ```) is a Code: its lines and spaces as written (see _code_markup); a list item nested in
    another's list an Item, as deep as its source."""
    chunks = _split_paragraphs(_as_str(text))
    made = (_code_markup(c) if isinstance(c, Code) else Item.at(_inline(c), getattr(c, "level", 0)) for c in chunks)
    return [m for m in made if m]


class Code(str):
    """A block of code: between a line of three backticks (or tildes, ~~~; a word after them, `python`, is left
    out) and the next such line, its lines print as written: each on a line of its own (a long one wraps), its
    spaces kept, nothing in it emphasis, math or a quotation mark to curl. In `_split_paragraphs`, the code as
    written; from `paragraphs`, its markup."""


# a line that opens a block of code: a fence (three backticks or tildes or more), a word after it maybe, and a line
# after it; a line that closes one: the same fence (more of its marks after it) alone on its line
_OPENING_FENCE = re.compile(r"[ \t]{0,3}(`{3,}|~{3,})[^\n`]*\n")
_CLOSING_FENCE = re.compile(r"[ \t]{0,3}([`~]+)[ \t]*$")


def _fenced(text: str) -> tuple[list[tuple[int, int, int, int]], tuple[str, int] | None]:
    """The blocks of code of `text` (its line ends "\\n"): (where its opening line starts, where its code starts, where
    it ends, where the closing line ends) each, and the first fence that opens a block no line closes (its fence and
    line, from 1), or None. As a regular expression finds them (the nearest closing line of each block; a fence no
    line closes is prose, and what follows it is looked at for blocks; a fence of tildes closed by a shorter one when
    no line closes it whole), in one pass over the lines and a search of the closing lines' marks (a regular
    expression took minutes on 25,000 lines that each opened a block no line closed)."""
    starts = [0, *(m.end() for m in re.finditer("\n", text))]
    ends = [start - 1 for start in starts[1:]] + [len(text)]
    closing: dict[str, list[int]] = {}  # a closing line's marks -> the lines with them
    for number, (start, end) in enumerate(zip(starts, ends)):
        found = _CLOSING_FENCE.match(text, start, end)
        if found is not None and len(found.group(1)) >= 3:
            closing.setdefault(found.group(1), []).append(number)
    by_fence: dict[str, list[int]] = {}  # a fence -> the lines that close it, in order

    def closer(fence: str, after: int) -> int | None:
        lines = by_fence.get(fence)
        if lines is None:
            lines = by_fence[fence] = sorted(n for marks, found in closing.items() if marks.startswith(fence)
                                             for n in found)
        at = bisect.bisect_right(lines, after)
        return lines[at] if at < len(lines) else None

    blocks, unclosed, number = [], None, 0
    while number < len(starts):
        opened = _OPENING_FENCE.match(text, starts[number])
        if opened is None:
            number += 1
            continue
        marks = opened.group(1)
        lengths = range(len(marks), 2, -1) if marks[0] == "~" else (len(marks),)  # (a shorter ~~~ closes a longer)
        shut = next((n for n in (closer(marks[0] * k, number) for k in lengths) if n is not None), None)
        if shut is None:
            if unclosed is None:
                unclosed = (marks, number + 1)
            number += 1
            continue
        blocks.append((starts[number], opened.end(), starts[shut], ends[shut]))
        number = shut + 1
    return blocks, unclosed


def unclosed_fence(text: str) -> tuple[str, int] | None:
    """The fence (```, ~~~) of a line of `text` that opens a block of code no line closes (its lines print as
    prose, the fence too), and which line of the text it is (from 1); or None."""
    text = _as_str(text)
    if "```" not in text and "~~~" not in text:
        return None
    return _fenced(text.replace("\r\n", "\n").replace("\r", "\n"))[1]


_SPACES = re.compile(r"(?:^ +| {2,})")  # what prints as written as no-break spaces: an indent, a run of spaces


def _code_markup(code: Code) -> Code:
    """A block of code as markup: its lines apart (line breaks), its indents and runs of spaces kept (no-break
    spaces; a tab as four), each character in a font that has it."""
    lines = []
    for line in code.expandtabs(4).split("\n"):
        line = _SPACES.sub(lambda found: "\u00a0" * len(found.group()), line.rstrip())
        lines.append(_markup([(line, Style(code="block"))]) if line else "")
    return Code("<br/>".join(lines))


def plain(text: str) -> str:
    """The text as plain Unicode on one line: math converted, emphasis markers removed."""
    return _plain(_as_str(text))


def has_math(text: str) -> bool:
    """Whether `text` may hold a formula: a dollar, or LaTeX's \\( or \\[ (what _dollar_spans looks for)."""
    return "$" in text or "\\(" in text or "\\[" in text


def math_sources(text: str) -> list[str]:
    """The source of each inline formula of `text` (between its dollars, or LaTeX's \\( \\) or \\[ \\]: a Formula),
    as `plain` and `inline` find them."""
    text = _as_str(text)
    if not has_math(text):
        return []
    return [src for kind, src in prose_pieces(text) if kind == "math"]


def prose_pieces(text: str) -> list[tuple[str, str]]:
    """The pieces of `text` where its math and markup are, in order: ('text', s), ('math', source) and ('address', s)
    (_split_math) of each of its paragraphs that is no block of code, without its code spans. Its formulas are
    math_sources', the rest what latex_problems looks for LaTeX in (data.fields.check_printable splits a text once
    for both)."""
    return [piece for chunk in _prose(_as_str(text)) for piece in _split_math(chunk)]


def quiet_formula(src: str) -> bool:
    """Whether latex_problems tells of nothing in the formula `src` (one of math_sources'): then it tells of nothing
    in a text whose formulas are all quiet and that holds no backslash outside them (whatever it tells of a formula
    among others, it tells of something in that formula alone; an unknown `\\ce` it leaves out only when it tells of
    another formula's \\ce). Kept per formula and what it is written between (the warnings quote both), and with the
    fonts (how far a formula reaches above and below its line is measured in them): formulas repeat, text to text."""
    return _quiet_formula(src, getattr(src, "opening", "$"))


@lru_cache(maxsize=65536)
def _quiet_formula(src: str, opening: str) -> bool:
    return not latex_problems("", [src])


when_fonts_change(_quiet_formula.cache_clear)


def _shown(source: str) -> str:
    """A formula as a warning quotes it: 40 characters at most."""
    return source if len(source) <= 40 else source[:40].rstrip() + "…"


def _printed(src: str) -> str:
    """What a formula prints as a warning tells it: its text on one line, without spaces at its ends (the formula as
    written when it shows nothing)."""
    runs = math_runs(src)
    return "".join(t for t, _ in runs).replace(NBSP, " ").strip() if runs else written(src)


class Told(str):
    """A warning's words, and `anchor`: what of the text it tells of, as written (a formula between its delimiters,
    a command), its white space collapsed; find_written finds it in the text."""

    anchor: str | None = None
    error: bool = False  # what the data must not have: an error, not a warning (a formula taller than a page holds)

    @staticmethod
    def of(message: str, anchor: str | None, error: bool = False) -> "Told":
        made = Told(message)
        made.anchor = anchor
        made.error = error
        return made


def find_written(text: str, anchor: str | None) -> int | None:
    """Where in `text` `anchor` (a part of it with its white space collapsed, as a warning quotes it) first is, or
    None."""
    if not anchor or not anchor.strip():
        return None
    pattern = r"\s+".join(re.escape(word) for word in anchor.split())
    found = re.search(pattern, text)
    return found.start() if found else None


def _told(module, piece: str) -> list[Told]:
    """siunitx's or mhchem's `problems(piece)`, each with the command it tells of."""
    found = module.commands(piece)  # (read once: each problem is one of them printed as written)
    return [Told.of(message, one.source)
            for message, one in zip(module.problems(piece, found), [one for one in found if one.math is None])]


def latex_problems(text: str, sources: list[str] | None = None) -> list[str]:
    """What to warn about in the LaTeX of `text` (the sources of its inline math, when given): macros in math
    booklet does not know (they print as written); a formula that breaks its line (printed on one); a formula that
    reads like text (a `$` missing or one too many: the words between print in math italic without their spaces);
    LaTeX commands outside math (printed as written: `\\cite{1}`, `\\sqrt{s}`)."""
    problems = []
    sources = math_sources(text) if sources is None else sources
    macros: dict[str, None] = {}
    where: dict[str, None] = {}
    chemistry = [told for src in sources if "\\ce" in src for told in _told(mhchem, src)]
    for src in sources:
        unknown = unknown_macros(src)
        if chemistry and "\\ce" in unknown:  # (a \ce booklet cannot read: told of below, as in text)
            unknown = tuple(name for name in unknown if name != "\\ce")
        if unknown:
            macros.update(dict.fromkeys(unknown))
            where[written(src)] = None
    if macros:
        names = ", ".join(macros)
        shown = ", ".join(list(where)[:3]) + (" ..." if len(where) > 3 else "")
        plural = "s" if len(macros) > 1 else ""
        problems.append(Told.of(f"unknown LaTeX macro{plural} {names} in {shown}; printed as written", next(iter(where))))
    problems += dict.fromkeys(chemistry)
    for src in sources:
        unmatched = _unmatched_brace(src)
        if unmatched:
            shown = _shown(src)  # (what prints said here, once: no warning of an empty or missing argument after)
            left = f"the brace is left out, and the math prints as {_printed(src)}" if math_runs(src) else \
                "with nothing else to show, the math prints as written"
            problems.append(Told.of(f"the math {written(src, shown)} has a '{unmatched}' that no "
                                    f"'{'}' if unmatched == '{' else '{'}' {'closes' if unmatched == '{' else 'opens'}: "
                                    f"{left}; a brace that prints is written \\{unmatched}", written(src)))
    for src in sources:
        missing = missing_arguments(src)
        if missing and not _unmatched_brace(src):  # (told of above, with what prints: the brace left open it)
            names = " and ".join(f"'{name}'" if name in "^_" else name for name in missing)
            problems.append(Told.of(f"the math {written(src, _shown(src))} lacks an argument of {names} (TeX stops there "
                                    f"with an error): it prints as {_printed(src)}", written(src)))
    for src in sources:
        empty = empty_arguments(src)
        # (told of above; or below: it shows nothing)
        if empty and not missing_arguments(src) and not _unmatched_brace(src) and math_runs(src):
            names = " and ".join(empty)
            problems.append(Told.of(f"the math {written(src, _shown(src))} gives {names} an empty argument (TeX sets "
                                    f"an empty box there): it prints as {_printed(src)}", written(src)))
    for src in sources:
        primes = escaped_primes(src)
        if primes:
            before = f"before '{primes[0]}'" if primes[0] else "at its end"
            problems.append(Told.of(f"the math {written(src, _shown(src))} has \\' {before}: LaTeX's acute accent, which "
                                    f"LaTeX refuses in math, with no letter to put it on; booklet reads it as a prime: "
                                    f"it prints as {_printed(src)} (write a prime as ', f'(x))", written(src)))
    for src in sources:
        if line_breaks(src) and not missing_arguments(src):  # (told of above, with what prints)
            problems.append(Told.of(f"the math {written(src, _shown(src))} breaks the line with \\\\, which booklet does "
                                    f"not do in a formula: it prints as {_printed(src) or 'a space'}", written(src)))
    for src in sources:  # (what the warnings above tell of is not told again)
        if math_runs(src) is None and not unknown_macros(src) and not missing_arguments(src) and \
                not _unmatched_brace(src):
            shown = _shown(src)
            problems.append(Told.of(f"the math {written(src, shown)} shows nothing (TeX prints no mark of it): it prints "
                                    f"as written, {'dollars' if written(src).startswith('$') else 'backslashes'} and all",
                                    written(src)))
    for src in sources:
        above, below = _overlap(src)
        if not (above or below):
            continue
        scripts = max(len(style.scripts) for _, style in math_runs(src)) >= 2
        if above + below > TALLEST:
            problems.append(Told.of(f"the math {written(src, _shown(src))} reaches {above + below:.0f} pt past a line of "
                                    f"text ({'scripts on scripts' if scripts else 'square roots nested in roots'}, "
                                    "each taller than what it holds): more than a page leaves room for; write it with "
                                    f"fewer {'levels of scripts' if scripts else 'nested roots'}", written(src), True))
        else:
            where = " and ".join(f"{amount:.1f} pt {side}" for side, amount in (("above", above), ("below", below))
                                 if amount)
            why, fewer = ("scripts on scripts", "levels of scripts") if scripts else (
                "a square root's sign grown over its radicand", "nested roots and scripts under a root")
            problems.append(Told.of(f"the math {written(src, _shown(src))} is {'taller' if above else 'deeper'} "
                                    "than a line of text leaves room "
                                    f"for ({why}): its line is set apart from the lines around it, by "
                                    f"{where}, so that they do not overlap; write it with fewer {fewer} "
                                    f"for evenly spaced lines", written(src)))
    for src in sources:
        words = len(_MATH_WORD.findall(_MATH_TEXT.sub(" ", src)))
        if words >= TEXT_WORDS:
            shown = _shown(src)
            mark = getattr(src, "closing", "$")
            problems.append(Told.of(f"the math {written(src, shown)} reads like text ({words} words): a '{mark}' may be "
                                    "missing or one too many; the words print as math, in italic without their spaces",
                                    written(src)))
    if "\\" in text:
        pieces = [piece for kind, piece in prose_pieces(text) if kind == "text"]
        if any(has_quantity(piece) for piece in pieces):  # (siunitx's and mhchem's commands: typeset, or told of)
            problems += dict.fromkeys(told for piece in pieces for module in (siunitx, mhchem)
                                      for told in _told(module, piece))
            pieces = [_without_quantities(piece) for piece in pieces]
        outside = dict.fromkeys(found.group() for piece in pieces for found in _COMMAND.finditer(piece)
                                if _is_latex(found.group(1), "{" in found.group()))
        outside.update(dict.fromkeys(found.group() for piece in pieces for found in _TEXT_ACCENT.finditer(piece)))
        if outside:
            shown = ", ".join(list(outside)[:3]) + (" ..." if len(outside) > 3 else "")
            problems.append(Told.of(f"LaTeX outside math: {shown}; printed as written (booklet reads LaTeX only in "
                                    "math, between $...$)", next(iter(outside))))
        delimited = [found for piece in pieces if "\\(" in piece or "\\[" in piece for found in _written_as_text(piece)]
        if delimited:
            shown = _shown(delimited[0])
            problems.append(Told.of(f"{shown} prints as written, backslashes and all: it reads as text, not as math "
                                    "between \\( \\) or \\[ \\] (no TeX in it: no macro, script, brace or relation); "
                                    "write brackets without their backslashes, and math with TeX in it", delimited[0]))
    return problems


@lru_cache(maxsize=1)
def _text_style():
    """The style of an abstract's text in an A5 booklet, that check measures formulas in (the leading is the same
    share of the text size in every page size: a formula overlaps the lines around it in each, or in none)."""
    from ..layout.page import page_for
    from ..layout.styles import make_styles
    from .fonts import register_fonts

    register_fonts()
    return make_styles(page_for("A5")).text


# How far past a line of text (points above and below, at the A5 text size) a formula may reach: a fifth of A5's text
# block. A root's sign grows over its radicand, a fifth taller at each root nested in it: 17 roots, 200 pt, stopped the
# build with an internal error (a programme's day or an abstract's title taller than a page); 13 reach 84 pt.
TALLEST = 100.0


def _overlap(src: str) -> tuple[float, float]:
    """The space (points, at the A5 text size) set above and below the line of the formula `src` so that it does not
    print over the lines around it (text.paragraph.lineskips): a formula whose scripts have scripts may reach higher
    or lower than the leading leaves room for, and so may a square root whose sign grows over a tall radicand or
    another root; (0, 0) for any other."""
    runs = math_runs(src)
    if not runs or max(len(style.scripts) for _, style in runs) < 2 and not any(style.roots for _, style in runs):
        return 0.0, 0.0
    from . import paragraph

    style = _text_style()
    return paragraph.overreach(paragraph.MathParagraph(inline(written(src)), style).frags, style)


def _without_quantities(piece: str) -> str:
    """A piece of text with its siunitx and mhchem commands (text.siunitx, text.mhchem) taken out: what LaTeX outside
    math is looked for in."""
    for found in reversed(quantities(piece)):
        piece = piece[:found.start] + " " + piece[found.end:]
    return piece




def _unmatched_brace(src: str) -> str | None:
    """The first brace of the LaTeX `src` that no other pairs ('}' before any '{', or '{' left open), or None.
    (`\\{` and `\\}` are braces that print.)"""
    depth = 0
    for ch in _ESCAPED_BRACE.sub("", src):
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth < 0:
                return "}"
    return "{" if depth > 0 else None


_ESCAPED_BRACE = re.compile(r"\\[\\{}]")
TEXT_WORDS = 4  # words of three letters or more in a formula (outside \text{...}) that make it read like text
_MATH_TEXT = re.compile(r"\\(?:text\w*|math(?:rm|it|bf|sf|tt)|mbox|hbox|operatorname|rm|it|bf)\s*\{[^{}]*\}")
_MATH_WORD = re.compile(r"(?<![\\A-Za-z])[A-Za-z]{3,}")
_COMMAND = re.compile(r"\\([A-Za-z]+)(?:\{[^{}\n]*\})?")
# LaTeX's accents and special letters of running text (caf\\'e, Gar\\c{c}on, Bj{\\o}rn, Stra\\ss e), which booklet does
# not read outside math (its umlaut, \\"o, it does): printed as written
_TEXT_ACCENT = re.compile(r"\\['`^~=.]\{?[^\W\d_]\}?(?![^\W\d_]*\\)|\\[cvuHrdbk]\{[^\W\d_]\}|"
                          r"\{\\(?:o|O|ae|AE|oe|OE|aa|AA|ss|l|L|i|j)\}|\\ss\b")
# LaTeX's commands of running text (booklet's math knows those of formulas: \sqrt, \alpha, ...)
TEXT_COMMANDS = frozenset({
    "cite", "citep", "citet", "ref", "eqref", "label", "emph", "textbf", "textit", "texttt", "textrm", "textsc",
    "textsuperscript", "textsubscript", "underline", "url", "href", "footnote", "item", "section", "subsection",
    "newline", "linebreak", "noindent", "ldots", "dots", "mbox", "hbox", "LaTeX", "TeX", "ce",
})


# LaTeX's commands of a document's structure and preamble, given an argument in braces (`\\begin{equation}`,
# `\\usepackage{amsmath}`, `\\newcommand{\\R}`): pasted from a paper's source, they print as written
STRUCTURE_COMMANDS = frozenset({
    "begin", "end", "usepackage", "documentclass", "newcommand", "renewcommand", "providecommand",
    "DeclareMathOperator", "newtheorem", "bibliography", "bibliographystyle", "includegraphics", "caption",
})


def _is_latex(name: str, braced: bool) -> bool:
    """Whether `\\name` is a LaTeX command: one of running text, or one of a document's structure or one booklet's
    math knows, given an argument in braces (`\\sqrt{s}`; a bare `\\pi` may be a folder of a Windows path,
    C:\\pi\\data)."""
    return name in TEXT_COMMANDS or (braced and (name in STRUCTURE_COMMANDS or not unknown_macros("\\" + name)))


# --------------------------------------------------------------------------- whitespace & paragraphs

# Whitespace that collapses to one space; no-break spaces are kept as the user typed them.
_WHITESPACE = re.compile(r"[^\S\u00a0\u2007\u202f]+")
_BLANK_LINES = re.compile(r"\n(?:[^\S\n]*\n)+")
_SPACE_RUN = re.compile(r"  +")


def _as_str(text: object) -> str:
    if isinstance(text, str):
        return text
    return "" if text is None else str(text)


def collapse(text: str) -> str:
    """Text on one line: each run of white space (line breaks included) one space, none at its ends; a no-break space
    kept as it was typed (an importer's titles and names too: "PID\u00a01")."""
    if "\u00a0" not in text and "\u2007" not in text and "\u202f" not in text:
        return " ".join(text.split())  # much faster than the regular expression
    return _WHITESPACE.sub(" ", text).strip(" ")


def source_paragraphs(text: str) -> list[str]:
    """The source of each paragraph of a multi-paragraph field, its white space collapsed: what blank lines
    separate, and each item of a list (see _items)."""
    return _split_paragraphs(_as_str(text))


def _split_paragraphs(text: str) -> list[str]:
    return list(_paragraphs_of(text))


@lru_cache(maxsize=65536)
def _paragraphs_of(text: str) -> tuple[str, ...]:
    """_split_paragraphs(text), kept per text: reading, lint and layout split the same text again and again (its math
    and LaTeX checked, its page's length guessed, its paragraphs set): at 500 talks 5,400 splits of 1,600 texts, two
    thirds of them again (0.14 s, about 2.5 % of a build in one process; a worker forked after reading finds those
    reading made)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "```" in text or "~~~" in text:
        found, at = [], 0
        for start, code_start, code_end, end in _fenced(text)[0]:
            found += _prose_paragraphs(text[at:start])
            code = text[code_start:code_end].rstrip("\n")
            if code.strip():
                found.append(Code(code))
            at = end
        return tuple(found + _prose_paragraphs(text[at:]))
    return tuple(_prose_paragraphs(text))


def _prose(text: str) -> list[str]:
    """The paragraphs of `text` that are no block of code, without their code spans: where its math and markup are."""
    return [_without_code_spans(chunk) for chunk in _split_paragraphs(text) if not isinstance(chunk, Code)]


def _prose_paragraphs(text: str) -> list[str]:
    chunks = _BLANK_LINES.split(text)
    if not _ITEM.search(text) and not _LOOSE_ITEM.search(text):
        return [p for p in (collapse(chunk) for chunk in chunks) if p]
    found, nesting = [], _Nesting()
    for at, chunk in enumerate(chunks):
        items = _items(chunk) if _ITEM.search(chunk) else [(chunk, None)]
        if len(items) == 1 and items[0][1] is None:  # an item between blank lines (as an import writes "– ...")
            loose = _LOOSE_ITEM.match(chunk)
            bullet = None if loose is not None else _loose_bullet(chunks, at)
            if bullet is not None:
                items = [(_BULLET + chunk[bullet.end():], _indent(chunk[:bullet.start(1)]))]
            else:
                items = [(chunk, None if loose is None else _indent(loose.group(1)))]
        for item, indent in items:
            paragraph = collapse(item)
            if not paragraph:
                continue
            if indent is None:
                nesting.paragraph(item)
                found.append(paragraph)
            else:
                found.append(Item.at(paragraph, nesting.level(indent)))
    return found


class Item(str):
    """A list item nested in another list item's list: its paragraph (source, or markup from `paragraphs`), from its
    bullet or number on, and how deep (`level`: 1 in a list in an item, 2 in one in that ...; at most NESTED_MOST).
    An item of a list that is in no item is a str (level 0)."""

    level = 0

    @staticmethod
    def at(text: str, level: int) -> str:
        """`text` as an Item `level` deep (0: `text` as it is)."""
        if level <= 0:
            return text
        item = Item(text)
        item.level = min(level, NESTED_MOST)
        return item


NESTED_MOST = 2  # a list nested deeper prints as deep as this: three lists deep (its column would be too narrow)
# a paragraph that is a list item as an import writes one, between blank lines, nested when indented: its bullet (an
# en dash, a bullet) or number after the indent
_LOOSE_ITEM = re.compile(r"^([^\S\n]*)(?:[\u2013\u2022]|\d{1,3}[.)]|\[\d{1,3}\])[^\S\n]+(?=\S)", re.M)


def _indent(lead: str) -> int:
    """How far a line's leading white space indents it, in spaces (a tab to the next multiple of four)."""
    return len(lead.expandtabs(4))


class _Nesting:
    """How deep each list item of a text is nested, from its indent (in spaces) and those of the items before it: an
    item indented more than the one before starts a list in it; one indented as an item before it is in that item's
    list. A paragraph that is no item, not indented, ends the lists (an indented one goes on in an item)."""

    def __init__(self) -> None:
        self.indents: list[int] = []  # of the lists open, outermost first

    def level(self, indent: int) -> int:
        while self.indents and self.indents[-1] > indent:
            self.indents.pop()
        if not self.indents or self.indents[-1] < indent:
            self.indents.append(indent)
        return len(self.indents) - 1

    def paragraph(self, text: str) -> None:
        if not text[:1].isspace():
            self.indents = []


# A list item's first line: a bullet (*, -, + or •), a number (1. or 1)) or a reference's number ([1]) and a space,
# at the start of a line, indented or not; a reference's number also with a colon before the space (`[1]: Smith`, as
# Markdown defines a link's reference) or with no space before a letter or digit (`[1]https://doi.org/...`, as
# typed in a form): its item prints "[1] " as the others do.
_ITEM = re.compile(r"^[^\S\n]*([*+\-\u2022]|\d{1,3}[.)]|\[\d{1,3}\])(?:[^\S\n]+|(?<=\]):[^\S\n]+|(?<=\])(?=[^\W_]))"
                   r"(?=\S)", re.M)
_BULLET = "\u2013 "  # what a bullet of *, - or + is printed as (an importer writes a Markdown list's so)
# what a list item's paragraph starts with, as markup: its bullet (an en dash, a bullet) or number, and a space
ITEM_MARK = re.compile("[\u2013\u2022] |\\d{1,3}[.)] |\\[\\d{1,3}\\] ")


def _items(chunk: str) -> list[tuple[str, int | None]]:
    """A paragraph's lines as the paragraphs they print as, each with its indent (in spaces; None: no list item):
    with two lines or more that start with the same kind
    of bullet, or with numbers that count up one by one (1. 2. 3., or a list of references: [1] [2] [3]), the first
    of them starting the paragraph or after a line ending in ":" (bullets of •: anywhere; numbers from 1 counting up
    with some skipped, 1. 2. 10., too; a list nested in an item, indented more, counts on its own), and none inside a
    formula, each such line starts a list item of its own (the lines after it, to the next, are its own; those
    before the first, a paragraph); so does a line with a bullet or number of another kind indented more than the item
    before it (a list of one item nested in it); a bullet of *, - or + printed as an en dash, a number as written. Else
    the paragraph as it is: a line that starts with "- " once is
    not a list, nor are sentences that a line break leaves starting with a number ("S/N >\n4. When ...")."""
    lines = chunk.split("\n")
    found, open_math = [], False
    # (and one inside a formula between \( \) or \[ \]: "\\[ a\n+ b \\]")
    inside = [(start, end) for start, end, source in _dollar_spans(chunk) if isinstance(source, Formula)] \
        if "\\(" in chunk or "\\[" in chunk else []
    at = 0
    for line in lines:  # a line inside a formula ("$x\n- y$") starts no item
        held = any(start < at < end for start, end in inside)
        at += len(line) + 1
        found.append(None if open_math or held else _ITEM.match(line))
        open_math ^= sum(found.group() == "$" for found in _DOLLAR.finditer(line)) % 2 == 1  # (not \$)
    kinds = [None if m is None else ("number" if m.group(1)[0].isdigit() else "reference" if m.group(1)[0] == "["
                                     else m.group(1)) for m in found]
    indents = [None if m is None else _indent(m.string[:m.start(1)]) for m in found]
    listed = {kind for kind in kinds if kind is not None and kinds.count(kind) >= 2}
    first = next((at for at, kind in enumerate(kinds) if kind in listed), None)
    if first is not None and first > 0 and not lines[first - 1].rstrip().endswith(":"):
        # a list starts its paragraph or follows a line ending in ":" ("5\n- 10 keV" is prose); but no prose line
        # starts with a bullet character ("Sysman is an API that will,\n• Enable ...\n• Provide ...")
        listed &= {"\u2022"}
    for counted in ("number", "reference"):
        runs = _runs(found, kinds, indents, counted)
        if counted in listed and not all(_counting(numbers, counted) for numbers in runs):
            listed.discard(counted)  # (3. 7.; a reference list's [1] [3]: no list)
    if not listed:
        return [(chunk, None)]
    items: list[list] = [[[], None]]
    within = None  # the indent of the item the lines go to
    for line, match, kind, indent in zip(lines, found, kinds, indents):
        if kind in listed or (kind is not None and within is not None and indent > within and _opens(match)):
            marker = match.group(1)
            items.append([[(_BULLET if marker in "*-+" else marker + " ") + line[match.end():]], indent])
            within = indent
        else:
            items[-1][0].append(line)
    return [("\n".join(lines), indent) for lines, indent in items if lines]


def _loose_bullet(chunks: list[str], at: int) -> re.Match | None:
    """The bullet (*, - or +, and the space after it) that starts paragraph chunks[at], when the paragraph just
    before or after it starts with the same one: an item of a Markdown list whose items blank lines separate ("- a\n\n
    - b", a loose list; a list pasted from a word processor, "-\u00a0\u00a0 Lusitano"), printed as a list's item (an
    en dash) as the lines of a list in one paragraph are (_items). One such paragraph alone stays prose."""
    match = _ITEM.match(chunks[at])
    if match is None or match.group(1) not in ("*", "-", "+"):
        return None
    for near in (at - 1, at + 1):
        other = _ITEM.match(chunks[near]) if 0 <= near < len(chunks) else None
        if other is not None and other.group(1) == match.group(1):
            return match
    return None


def _opens(match: re.Match) -> bool:
    """Whether an item's mark may start a list of its own nested in the item before: a bullet, or the first number
    (1., 0., [1]); a line of an item that a line break left starting with another number ("S/N >\n  4. When ...") is
    a line of that item."""
    mark = match.group(1)
    return not mark[0].isdigit() and mark[0] != "[" or mark.strip("[].)") in ("0", "1")


def _runs(found, kinds, indents, counted: str) -> list[list[int]]:
    """The numbers of the items of kind `counted` ("number", "reference"), a list for each run of them at one indent
    (a run goes on past items indented more, nested in its own, and ends at an item indented less)."""
    runs: list[list[int]] = []
    open_runs: dict[int, list[int]] = {}  # indent -> its run
    for match, kind, indent in zip(found, kinds, indents):
        if kind is None:
            continue
        for deeper in [at for at in open_runs if at > indent]:
            del open_runs[deeper]
        if kind == counted:
            run = open_runs.get(indent)
            if run is None:
                run = open_runs[indent] = []
                runs.append(run)
            run.append(int(match.group(1).strip("[].)")))
    return runs


def _counting(numbers: list[int], counted: str) -> bool:
    """Whether a run of item numbers counts as a list's do: up one by one, or (numbers, not references) up from 0 or 1
    with some skipped (1. 2. 10.: their author skipped some)."""
    if all(later == earlier + 1 for earlier, later in zip(numbers, numbers[1:])):
        return True
    return counted == "number" and numbers[:1] in ([0], [1]) and all(
        later > earlier for earlier, later in zip(numbers, numbers[1:]))


# --------------------------------------------------------------------------- top level


@lru_cache(maxsize=65536)  # every text of a large conference: a warm rebuild converts only what changed
def _inline(text: str) -> str:
    """A collapsed line's markup; in a build whose cache keeps layouts (booklet.cache.memory), kept with them,
    keyed by the text and the fonts (and for math, pylatexenc's files): a `booklet build` from the disk cache
    then converts only the texts that changed (500 talks: some 14,000 texts, 0.2 s). The fallback fonts a kept
    markup names are registered, as converting the text registers them (text.fonts.font_for_char)."""
    cache = active()
    if cache is None or not cache.warm:
        return _converted(text)
    key = ("markup", text, fonts_number(cache), *((_latex_files(),) if has_math(text) or has_quantity(text) else ()))
    made, fallbacks = cache.get("layouts", key, lambda: _kept(text))
    if fallbacks and not use_fallbacks(fallbacks):
        return _converted(text)
    return made


def _kept(text: str) -> tuple[str, tuple[str, ...]]:
    """_converted(text), and the fallback fonts it names (in order)."""
    made = _converted(text)
    if made == text:  # (most titles and names: kept, and pickled with the layouts, as the key's own string, not a copy)
        made = text
    return made, (tuple(dict.fromkeys(_FONT_TAG.findall(made))) if "<font " in made else ())


_FONT_TAG = re.compile(r'<font name="([^"]+)"[ >]')  # as _tags writes it: only a fallback font's, or the code's


def _latex_files() -> str:
    """What pylatexenc is known by (its files: booklet.cache.persisted.library_files), whose tables math uses."""
    from ..cache.persisted import library_files

    return library_files("pylatexenc")


def _converted(text: str) -> str:
    try:
        line, codes = _code_held(collapse(text))
        line = _held_to_words(_backticks(line))
        runs = _line_runs(line)
        if codes:
            return _no_break_held(_markup(_with_code(runs, codes)))
        if runs == [(line, PLAIN)] and _in_text_font(line):
            # the line as one run of plain text in the text font: what _markup makes of it
            return _no_break_held(_escape(line))
        return _no_break_held(_markup(runs))
    except Exception:  # a bug must not stop a booklet build: fall back to the bare text
        return _fallback_markup(text)


def _no_break_held(made: str) -> str:
    """`made` with its figure spaces as no-break spaces: ReportLab breaks a line at one and prints it as a space; a
    no-break space prints that space and holds. A narrow no-break space (U+202F: what French keyboards and word
    processors type before ; ! ? and inside « », TeX's `\\,`, and what _held_to_words makes of a space typed there)
    stays: booklet's paragraphs set it as a fixed thin space that holds (text.paragraph.THIN_EM; as a no-break space it
    widened with the word spaces of a justified line, "Pourquoi  ?"). A narrow or figure space with ordinary ones
    beside it is one held space (a French LOC's review found lines starting "; " and "» "); a no-break space beside
    an ordinary one, an ordinary space."""
    if "\u202f" in made or "\u2007" in made:
        # (with the ordinary spaces beside it: "superconductors \\,[Thiel2016]" broke at the space before it, and the
        # next line began with the held space, an indent)
        made = _NARROW_SPACES.sub(_one_held_space, made)
    if " \u00a0" in made or "\u00a0 " in made:
        # a no-break space typed beside an ordinary one holds nothing (the line breaks at the other), but it started a
        # line (an indent) or widened a gap: "statistics.\u00a0 Despite", two spaces after a sentence as a word
        # processor typed them, is one space
        made = _SPACED_NO_BREAK.sub(" ", made)
    return made


def _one_held_space(found: re.Match) -> str:
    """A run of spaces with a narrow or figure space in it as one held space: narrow (U+202F, set as a fixed thin
    space: text.paragraph.THIN_EM) where a narrow one is in it, else a no-break space."""
    return "\u202f" if "\u202f" in found.group() else "\u00a0"


# a narrow or figure space with the spaces around it
_NARROW_SPACES = re.compile("[ \u00a0\u202f\u2007]*[\u202f\u2007][ \u00a0\u202f\u2007]*")
# no-break spaces with an ordinary space beside them (no-break spaces alone, one or several, are as written)
_SPACED_NO_BREAK = re.compile("[ \u00a0]*(?: \u00a0|\u00a0 )[ \u00a0]*")


# A code span: between single backticks, on one line, something in it that is no space ("`obj.__init__()`"); not
# TeX's opening quotes (``...''), nor a backtick alone
_CODE_SPAN = re.compile(r"(?<![`\\])`(?!`)([^`]*?[^`\s][^`]*?)`(?!`)")
# what stands for a code span while the text around it is read (its emphasis, dashes, spaces): a letter of a script
# no text here is written in (Lisu), one per span; a text that has such a letter keeps its backticks
_HELD = 0xA4D0
_HELD_MOST = 40
_HELD_LETTERS = re.compile("[\ua4d0-\ua4ff]")


def _code_spans(line: str) -> list[tuple[int, int, str]]:
    """(start, end, the code) of each code span of `line` outside its math and web addresses (a `$` in a span before
    counts for no formula)."""
    found, dollars, at = [], 0, 0
    addresses = address_spans(line)
    for match in _CODE_SPAN.finditer(line):
        between = line[at:match.start()]
        dollars += between.count("$") - between.count("\\$")
        at = match.end()
        if dollars % 2 or any(s <= match.start() < e for s, e in addresses):
            dollars += match.group().count("$") - match.group().count("\\$")  # (not code: its dollars count)
            continue
        code = match[1]
        if code.startswith(" ") and code.endswith(" ") and code.strip():
            code = code[1:-1]  # (as Markdown: one space inside each backtick taken off)
        found.append((match.start(), match.end(), code))
    return found


def _code_held(line: str) -> tuple[str, list[str]]:
    """`line` with each code span standing as a letter of its own (_HELD), and the spans' code in order; `line` as
    it is, and none, when it has no code span (or a letter that could be taken for one)."""
    if "`" not in line or _HELD_LETTERS.search(line):
        return line, []
    spans = _code_spans(line)[:_HELD_MOST]
    if not spans:
        return line, []
    parts, at = [], 0
    for number, (start, end, _) in enumerate(spans):
        parts += [line[at:start], chr(_HELD + number)]
        at = end
    return "".join(parts) + line[at:], [code for _, _, code in spans]


def _backticks(line: str) -> str:
    """`line` (its code spans held) with each backtick typed after a backslash as a backtick alone: "\\`" prints a
    backtick and opens no code span (an import writes a backtick so, outside code)."""
    return line.replace("\\`", "`") if "\\`" in line else line


def _with_code(runs: list[Run], codes: list[str]) -> list[Run]:
    """`runs` with each letter standing for a code span (_code_held) as that code, printed as written in the code
    font, bold or italic as the text around it (a code span in a bold title is bold)."""
    out: list[Run] = []
    for text, style in runs:
        at = 0
        for held in _HELD_LETTERS.finditer(text):
            if held.start() > at:
                out.append((text[at:held.start()], style))
            number = ord(held.group()) - _HELD
            out.append((codes[number], style._replace(code="span")) if number < len(codes) else (held.group(), style))
            at = held.end()
        if at < len(text):
            out.append((text[at:], style))
    return out


def _without_code_spans(text: str) -> str:
    """`text` with its code spans taken out (what its math and LaTeX are looked for in: a span's `$` is code's)."""
    if "`" not in text:
        return text
    spans = _code_spans(text)
    for start, end, _ in reversed(spans):
        text = text[:start] + " " + text[end:]
    return text


# « mot », ‹ mot ›: the space inside guillemets that open and close as French sets them (« after a space, » before
# one or a mark); not German's »Wort« (» opens, after a space; « closes, before one): the spaces around those are
# between words ("den »Sein-Sollen« Fehlschluss" was one block no line could break in)
# (the space first, the guillemet or word before it looked behind for: the engine scans for a space at C speed, where
# a lookbehind first was tried at every character, six times as long)
_GUILLEMET_SPACE = re.compile(r" (?:(?<=^[\u00ab\u2039] )(?=\S)|(?<=[\s(\[][\u00ab\u2039] )(?=\S)"
                              r"|(?<=\S )(?=[\u00bb\u203a](?:$|[\s.,;:!?)\]])))")
# "mot ; mot", "vraiment ?" as French types them; after a closing guillemet, bracket or emphasis too ("« mot » !",
# "(voir) ;", "*vraiment* ?")
# (the space first, what comes before it looked behind for: the engine scans for a space at C speed, where a
# lookbehind first was tried at every character, five times as long)
_SPACE_BEFORE_MARK = re.compile(r" (?:(?<=[\w\u00bb\u203a)\]%] )|(?<=\w\* )|(?<=\w\*\* ))(?=[;:!?](?:\s|$))")


def _space_before_mark(found: re.Match) -> str:
    """The space before a high mark of punctuation as French sets it: a thin one before ; ! ? (the espace fine
    insécable: a narrow no-break space, text.paragraph.THIN_EM), a word's no-break space before a colon."""
    return "\u00a0" if found.string[found.end()] == ":" else "\u202f"


def _held_to_words(line: str) -> str:
    """`line` with the spaces typed inside guillemets ("« un autre »") and before a high mark of punctuation ("mot ;",
    outside math) made the thin no-break spaces French sets there (U+202F, a fixed thin space on the page: before a
    colon a no-break space), as the language's own quotation marks have them: a line never ends after « or starts
    with » or a ';', and a justified line does not widen them ("Pourquoi  ?"). Outside math, too: a relation's sign is held to the number after it ("magnitudes
    >\u00a020.1": a line ended with ">"), and a hyphen typed with a space on each side between words is the dash
    it stands for, an en dash held to the word before it ("Eröffnung - Begrüßung": "Eröffnung\u00a0– Begrüßung"), as
    are TeX's dashes typed between words (_tex_dashes)."""
    if "\u00ab" in line or "\u00bb" in line or "\u2039" in line or "\u203a" in line:
        line = _GUILLEMET_SPACE.sub("\u202f", line)
    line = _around_math(line, _held_outside_math)
    if " $" in line or " \\(" in line or " \\[" in line:  # (a formula after a space)
        return _held_before_relations(line) if has_math(line) else line
    return line


def _held_before_relations(line: str) -> str:
    """`line` with the space before each formula that opens with a relation ("rate at $> 84\\%$") held to the word
    before it, as before a relation sign in text (_relations_held): a line never starts with the relation."""
    return _no_break_at(line, [start - 1 for start, _, source in _formulas(line) if start > 1
                               and line[start - 1] == " " and not line[start - 2].isspace()
                               and opens_with_relation(source)])


def _no_break_at(line: str, spaces) -> str:
    """`line` with the space at each of the positions `spaces` (in order) a no-break space."""
    pieces, last = [], 0
    for at in spaces:
        pieces += [line[last:at], NBSP]
        last = at + 1
    return "".join(pieces) + line[last:]


# letters (Vai) that stand for the formulas of a line while the text around them is treated (_around_math)
_MATH_HELD = 0xA500
_MATH_HELD_MOST = 256
_MATH_HELD_LETTERS = re.compile("[\ua500-\ua5ff]")


def _around_math(line: str, treat) -> str:
    """`treat(line)` (a line's dashes, quotes, held spaces: _held_outside_math, _plain_outside_math) of the text
    outside its formulas, each formula as written: treated as one line with each formula a letter of its own, so that
    what is around a formula reads it as a word (TeX's quotes around one, ``$\\Lambda$CDM'', are a pair; a dash between
    two, $10$--$20$), then put back; piece by piece where a line holds such letters itself or very many formulas."""
    spans = math_spans(line) if has_math(line) else []
    if not spans:
        return treat(line)
    if len(spans) <= _MATH_HELD_MOST and not _MATH_HELD_LETTERS.search(line):
        parts, formulas, at = [], [], 0
        for start, end in spans:
            parts += [line[at:start], chr(_MATH_HELD + len(formulas))]
            formulas.append(line[start:end])
            at = end
        made = treat("".join(parts) + line[at:])
        return _MATH_HELD_LETTERS.sub(lambda held: formulas[ord(held.group()) - _MATH_HELD], made)
    made, at = [], 0
    for start, end in spans:
        made += [treat(line[at:start]), line[start:end]]
        at = end
    return "".join(made) + treat(line[at:])


def _held_outside_math(line: str) -> str:
    """_held_to_words of a line, or a piece of one, that holds no math."""
    if line:
        if " ;" in line or " :" in line or " !" in line or " ?" in line:
            line = _SPACE_BEFORE_MARK.sub(_space_before_mark, line)
        line = _tex_marks(line)
        if _RELATION_SIGN_LOOK.search(line) is not None:
            line = _relations_held(line)
        if _RELATION_LOOK.search(line) is not None:
            line = _RELATION_SPACE.sub("\u00a0", line)
        if " " in line and _DIGIT.search(line):  # (a C-speed look: every paragraph of a book passes here)
            if _NUMBER_LOOK.search(line) is not None:
                line = _NUMBER_SPACE.sub(_number_space, line)
            line = _ABBREVIATED.sub("\u00a0", line)  # (quicker alone than after a look: it starts with a space)
            if _ORDINAL_LOOK.search(line) is not None:
                line = _ORDINAL.sub("\\1\u00a0", line)
            if "\u00a0h " in line:
                line = _HOUR_MINUTES.sub("\u00a0", line)
            if _DIGIT_SPACE.search(line) is not None:  # (a C-speed look first: few lines write "1 000")
                line = _DIGIT_GROUPS.sub(_groups_held, line)
        if _SHORT_ABBREVIATION_LOOK.search(line) is not None:
            line = _SHORT_ABBREVIATION.sub("\\1.\u00a0", line)
        if _TITLE_LOOK.search(line) is not None:
            line = _TITLE_WORD.sub("\\1\u00a0", line)
    return line


def _number_space(found: re.Match) -> str:
    """The space _NUMBER_SPACE `found`: a no-break space before a number after "§", or after a number before a unit of
    text.units' table that ends there (no character of a longer word after it, _WORD_GOES_ON); else the space."""
    line, at = found.string, found.end()
    if line[at] not in units.BEGINNINGS:  # (a digit: after "§")
        return "\u00a0"
    end = at + 1
    while end <= len(line) and line[at:end] in units.BEGINNINGS:  # (a letter at a time: "G", "Ge", "GeV")
        if line[at:end] in units.SYMBOLS and (end == len(line) or _WORD_GOES_ON.match(line, end) is None):
            return "\u00a0"
        end += 1
    return " "


def _groups_held(found: re.Match) -> str:
    return found.group().replace(" ", "\u00a0")


def math_spans(line: str) -> list[tuple[int, int]]:
    """Where the formulas of `line` are, their dollars included, as _split_math finds them (its 'math' pieces)."""
    return [(start, end) for start, end, _ in _formulas(line)]


def _formulas(line: str) -> list[tuple[int, int, str]]:
    """Each formula of `line` as _split_math finds them (its 'math' pieces): where it is, its dollars included, and
    its source (_dollar_spans's)."""
    spans: list[tuple[int, int, str]] = []
    at = 0
    for start, end in [*address_spans(line), (len(line), len(line))]:
        spans += [(at + a, at + b, source) for a, b, source in _dollar_spans(line[at:start])]
        at = end
    return spans


# A number held to its unit ("100–300\u00a0nm", "5.02\u00a0TeV", "20\u00a0%": a unit of text.units' table)
# and to the abbreviation before it ("op.\u00a064", "Nr.\u00a05", "p.\u00a012", "§\u00a03"): a typesetter's review
# found "op." and "100-300" ending lines
# (a unit is looked for by its first character, then looked up in the table a letter at a time, _number_space: two
# patterns of the table's 485 units took 5.4 ms of CPU to compile in each process that reads text, these 0.6)
_UNIT_FIRST = "[" + "".join(re.escape(first) for first in sorted(units.BEGINNINGS) if len(first) == 1) + "]"
# the abbreviations a number is held to, by their length (each length one lookbehind of _ABBREVIATED: a lookbehind's
# words are all of one length): "p.", "S.", "č.", "s."; "nr", "Nr", "n°"; "op.", "No.", "Nr.", "pp.", "Bd.", "eq.",
# "ch.", "čl."; "n°s"; "vol.", "fig.", "Abb.", "eqs.", "Kap.", "sec.", "tab.", "Art.", "Abs.", "str.", "obr.", "rys.";
# "figs.", "chap.", "odst."; "rozdz." (Czech č., s., str., obr.; Polish rys., nr, which writes it without a full stop)
_ABBREVIATIONS = (r"[PpSsČč]\.|[Nn]r|[Nn][°º]",
                  r"(?:[Oo]p|[Nn]o|Nr|[Pp]p|Bd|[Ee]q|[Cc]h|[Čč]l)\.|[Nn][°º]s",
                  r"(?:[Vv]ol|[Ff]ig|Abb|[Ee]qs|Kap|[Ss]ec|[Tt]ab|Art|Abs|[Ss]tr|[Oo]br|[Rr]ys)\.",
                  r"(?:[Ff]igs|[Cc]hap|[Oo]dst)\.",
                  r"[Rr]ozdz\.")
# (a formula right after the unit, "5 m$^2$", stands as a letter of _MATH_HELD_LETTERS meanwhile: not part of a word)
# (the space first, the digit or § before it looked behind for: the engine scans for a space at C speed, where a
# lookbehind first is tried at every character, three times as long)
_NUMBER_SPACE = re.compile(rf" (?:(?<=\d )(?={_UNIT_FIRST})|(?<=§ )(?=\d))")
# a character that goes on a unit's word, after what looked like the unit ("5 minutes", "3 Apples"): not a formula
# (a letter of _MATH_HELD_LETTERS), nor a unit's power written in superscript digits ("5 m²", "10 cm³"); an apostrophe
# before a letter too, a French or Italian word's elided letter ("depuis 2020 l’association", "les 3 s’en vont": no
# litre, no second), where a closing quote after a unit ("the ‘5 nm’ node") leaves it held
_WORD_GOES_ON = re.compile(r"(?![\ua500-\ua5ff\u00b2\u00b3\u00b9\u2070-\u2079])[\w%‰]|['\u2019](?=[^\W\d_])")
# Quicker looks (a character class or a digit first, which the regular expression engine scans for at C speed, where a
# lookbehind first is tried at every position) that find every line the pattern they are named for changes, and a few
# more: each pattern runs only on a line its look finds something in (every line of every paragraph passes here)
_NUMBER_LOOK = re.compile(rf"\d {_UNIT_FIRST}|§ \d")
_ORDINAL_LOOK = re.compile(r"\d\. [^\W\d_]")
_SHORT_ABBREVIATION_LOOK = re.compile(r"\. [^\W\d_]\.")
_DIGIT = re.compile(r"\d")
# French hours and minutes, "14 h 30": the minutes held to the hour's "h" as the hour to it (a line ended "14 h")
# (the space first, the hour before it looked behind for: the engine scans for a space at C speed, where a lookbehind
# first was tried at every character, 3.5 times as long)
_HOUR_MINUTES = re.compile(r" (?<=\d\u00a0h )(?=[0-5]\d(?![\w%‰]))")
# the space after an abbreviation, before a number: the pattern starts with the space (the abbreviation, a word of its
# own, looked behind for), which the engine scans for at C speed, where a word boundary first was tried at every
# character with each abbreviation (13 times as long on the lines its former quick look passed)
_ABBREVIATED = re.compile(" (?=\\d)(?:" + "|".join(f"(?<=\\b(?:{words}) )" for words in _ABBREVIATIONS) + ")")
# A number's groups of three digits written with spaces between them, as French, German, Czech and SI write a
# thousands separator ("1 000 personnes", "12 345 678"): held together (a line ended "1" and the next began "000");
# a group of one to three digits first, after no number (not "2019 300")
# (at most five groups, and no number right after them: "100 200 300 400 500 600", a list, is left as it is)
# (its first digit first, the number before it looked behind for: the engine scans for a digit at C speed, where a
# lookbehind first was tried at every character, 3.7 times as long)
_DIGIT_SPACE = re.compile(r"\d \d")
_DIGIT_GROUPS = re.compile(r"\d(?<![\d.,]\d)(?<![\d.,] \d)\d{0,2}(?: \d{3}){1,4}(?!\d|[.,]\d| \d)")
# A title or form of address held to the name after it: "M. Dupont", "MM. Dupont", "Mme Durand", "Mlle Roy", "Dr
# Martin", "Pr Roux", "Prof. Schmidt", "Mr Smith", "Hr. Müller" (a French typographer's review found "M." ending a
# line); the name starts with a capital
# a quicker look (as _NUMBER_LOOK): each of _TITLE_WORD's titles is a capital of these and one to four small letters
# or full stops ("MM." found as its "M."), and a space and a capital follow it (a third of the lines with "Mr", "Dr",
# "Pr", ... have one)
_TITLE_LOOK = re.compile(r"[MDPH][.a-z]{1,4} [^\W\d_a-zà-ÿ]")
# (the titles by their capital, each alternative starting with it, what comes before looked behind for: the engine
# scans for an M, D, P or H at C speed, where a lookbehind first was tried at every character, 2.8 times as long)
_TITLE_WORD = re.compile(r"(M(?<![\w.]M)(?:\.|M\.|mes?|lles?|rs?\.?|s\.?)|D(?<![\w.]D)r\.?|P(?<![\w.]P)r(?:\.|of\.)?"
                         r"|H(?<![\w.]H)rn?\.) (?=[^\W\d_a-zà-ÿ])")
# an ordinal written with a full stop, inside a line, held to the word after it ("23.\u00a0Jahreskongress", "am
# 3.\u00a0Juni": a cover's title broke after "23."); a list's "1. " at a line's start is left alone
# (its first digit first, the word and space before it looked behind for: the engine scans for a digit at C speed,
# where a lookbehind first was tried at every character)
_ORDINAL = re.compile(r"(\d(?<=\S \d)\d{0,2}\.) (?=[^\W\d_])")
# an abbreviation of two short words, each with its full stop, held together ("z.\u00a0B.", "u.\u00a0a.", "d.\u00a0h.",
# "e.\u00a0g."; a name's initials, "A.\u00a0B. Smith"): a line ended "u." (a typographer's review)
_SHORT_ABBREVIATION = re.compile(r"(?<![^\s(\[\u201e\u201c\u201a\u2018\"'])([^\W\d_]{1,2})\. (?=[^\W\d_]\.(?!\w))")


# "Opening - welcome", "5 - 10 keV": between words or numbers (not "a - - b", nor "- item", nor a minus typed apart,
# "energies of - 5 keV", nor a command's "file - | grep", "tar -cf - .")
# "Fach – 23.": a line never starts with the dash (the space first, the word before it looked behind for: the engine
# scans for a space at C speed, where a lookbehind first was tried at every character, 3.6 times as long)
_SPACED_DASH = re.compile(r" (?<=[^\W_] )(?=[\u2013\u2014] )")
# (a space on either side may be a no-break space, kept: a room's name kept whole on its line, "r3s - Monheim")
# (not beside a formula, which stands as a letter of _MATH_HELD_LETTERS meanwhile: "$x$ - $y$" is a minus, likely)
# (the space and the hyphen first, the word or number before them looked behind for: the engine scans for the space
# at C speed, where a lookbehind first was tried at every character, six times as long)
_SPACED_HYPHEN = re.compile(r"[ \u00a0]-(?:(?<=[^\W_\ua500-\ua5ff][ \u00a0]-)( |\u00a0)(?=[^\W\d_\ua500-\ua5ff])"
                            r"|(?<=\d[ \u00a0]-)( |\u00a0)(?=\d))")
# TeX's dashes between words or numbers: "--" an en dash, "---" an em dash; joined ("Landau--Lifshitz", "10--20") or
# with a space on each side ("in-toto -- Securing"); not an option ("--help", "a --- b" is), nor "----"
# (each alternative starts with its hyphen or space, what comes before looked behind for: the engine tries it only
# at those, where a lookbehind first was tried at every character, three times as long)
_TEX_DASH = re.compile(r"(-(?<=[^\W_]-)(?<!\bxn-)--?)(?=[^\W_])| (?<=[^\W_] )(---?) (?=[^\W_])")  # (xn--: a domain)
_DASHES = {"--": "\u2013", "---": "\u2014"}
_EMAIL_ADDRESS = re.compile(r"(?<![\w.+\-])[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")  # (from its start: linear)


# TeX's ``quotes'', closed as TeX closes them or with the curly marks an editor made of its '' (’’, ”: Les Houches
# printed "``edge-finder’’")
_TEX_QUOTES = re.compile(r"``(?=\S)([^`]*?)(?<=\S)(?:''|\u2019\u2019|\u201d)")


def _dashes(line: str) -> str:
    """`line` (no math in it) with a hyphen typed between spaces, and TeX's dashes, as the dashes they stand for."""
    if " -" in line or "\u00a0-" in line:
        line = _SPACED_HYPHEN.sub(lambda found: "\u00a0\u2013" + (found.group(1) or found.group(2)), line)
    if " \u2013 " in line or " \u2014 " in line:  # a dash typed as one, with spaces: held to the word before it
        line = _SPACED_DASH.sub("\u00a0", line)
    if "--" in line:
        line = _tex_dashes(line)
    return line


def _tex_dashes(line: str) -> str:
    """`line` with TeX's dashes typed between words as the dashes they stand for (the spaced one held to the word
    before it, as a spaced hyphen is), but in a web address ("https://xn--mnchen-3ya.de") or an e-mail address
    ("first--last@example.org")."""
    spans = address_spans(line)
    if "@" in line:
        spans += [found.span() for found in _EMAIL_ADDRESS.finditer(line)]

    def dash(found: re.Match) -> str:
        if any(start <= found.start() < end for start, end in spans):
            return found.group()
        return _DASHES[found[1]] if found[1] else f"\u00a0{_DASHES[found[2]]} "

    return _TEX_DASH.sub(dash, line)


# "± 0.3", "~ 10" (a relation's: _relations_held); the space first, the sign before it looked behind for (the engine
# scans for a space at C speed, where a lookbehind first was tried at every character, four times as long)
_RELATION_SPACE = re.compile(r" (?<=(?<!\S)[\u00b1~] )(?=[-\u2212+]?\d)")
_RELATION_LOOK = re.compile(r"[\u00b1~] [-\u2212+]?\d")  # (as _NUMBER_LOOK)
# a relation sign standing alone (a space, or the line's start or end, on each side), the space before it with it;
# the pattern starts with that space (the word before it looked behind for), so that a space is searched for at C
# speed, not the pattern tried at every character (three times as long); a sign first on the line: _RELATION_FIRST
_RELATION = re.compile(f"[ \u00a0](?<=\\S[ \u00a0])[{RELATION_SIGNS}](?=[ \u00a0]|$)")
_RELATION_FIRST = re.compile(f"[{RELATION_SIGNS}](?=[ \u00a0]|$)")
_RELATION_SIGN_LOOK = re.compile(f"[{RELATION_SIGNS}](?![^ \u00a0])")  # (as _NUMBER_LOOK)
_CHAINED = re.compile("[ \u00a0]\\S+")  # what stands between two relation signs of a chain: one operand
_OPERAND = re.compile("\\S*")


def _relations_held(line: str) -> str:
    """`line` with each relation sign standing alone held as a typesetter holds it: a line never starts with it (the
    space before it a no-break space: "magnitudes > 23.5" began a line with "> 23.5") nor ends with it before a number
    or one letter (the space after it one too: "p < 0.01", "N = 500", "x > y"), but in a long chain ("a = b = c = d":
    after its last sign only, mathtext.relation_held). A sign in a word or beside another ("x=y", "=>", "<-") or in a
    code span (which stands as a letter here) is as typed; in a formula, math sets its relations by the same rule."""
    found = [sign.span() for sign in _RELATION.finditer(line)]  # (start, end) of each, its space before it or not
    first = _RELATION_FIRST.match(line)
    if first is not None:
        found.insert(0, first.span())
    if not found:
        return line
    chains, chain = [], [found[0]]
    for before, sign in zip(found, found[1:]):
        if _CHAINED.fullmatch(line, before[1], sign[0]):
            chain.append(sign)
        else:
            chains.append(chain)
            chain = [sign]
    chains.append(chain)
    held = set()
    for chain in chains:
        for at, (start, after) in enumerate(chain):
            if after - start == 2:
                held.add(start)
            if line.startswith(" ", after) and relation_held(_OPERAND.match(line, after + 1).group(), len(chain), at):
                held.add(after)
    return _no_break_at(line, sorted(held))


def _in_text_font(text: str) -> bool:
    """Whether the text font shows every character of `text` (as _font_segments tells)."""
    return (text.isascii() and text.isprintable()) or all_in_text_fonts(set(text))


when_fonts_change(_inline.cache_clear)  # which characters go to a fallback font depends on the fonts


def _plain_paragraph(chunk: str) -> str:
    """A paragraph as plain text: its math converted, its emphasis markers left out, its code spans as written
    without their backticks, its dashes and TeX's quotes outside math as they print (as `inline` prints them)."""
    line, codes = _code_held(collapse(chunk))
    if not codes:
        return _plain_text(_line_runs(_plain_held(_backticks(chunk)), plain=True))
    made = _plain_text(_line_runs(_plain_held(_backticks(line)), plain=True))
    return _HELD_LETTERS.sub(lambda held: codes[ord(held.group()) - _HELD], made)


def _plain_held(line: str) -> str:
    """`line` with the dashes and TeX's quotes of its text outside math as _held_to_words makes them, a dash held
    by a space (plain text holds no line to break)."""
    if "-" not in line and "``" not in line and " \u2013 " not in line and " \u2014 " not in line:
        return line
    return _around_math(line, _plain_outside_math)


def _tex_marks(line: str) -> str:
    """`line` (no math in it) with its dashes (_dashes) and TeX's ``quotes'' as the marks they stand for: straight
    quotation marks, which the language's curl as any."""
    line = _dashes(line)
    return _TEX_QUOTES.sub(r'"\1"', line) if "``" in line else line


def _plain_outside_math(line: str) -> str:
    made = _tex_marks(line)
    if made != line and "\u00a0" in made:
        made = made.replace("\u00a0\u2013", " \u2013").replace("\u00a0\u2014", " \u2014")
    return made


@lru_cache(maxsize=65536)
def _plain(text: str) -> str:
    try:
        if not has_math(text) and "*" not in text and "`" not in text and "~" not in text and '\\"' not in text and \
                "\\," not in text and not has_quantity(text) and \
                "-" not in text and " \u2013 " not in text and " \u2014 " not in text:
            return collapse(text)
        return " ".join(p for p in (collapse(c) if isinstance(c, Code) else _plain_paragraph(c)
                                    for c in _split_paragraphs(text)) if p)
    except Exception:
        return collapse(text)


def has_quantity(text: str) -> bool:
    """Whether `text` may hold a siunitx command (\\SI{50}{\\milli\\kelvin}: text.siunitx) or mhchem's \\ce (\\ce{H2O}:
    text.mhchem)."""
    return "\\" in text and (siunitx.COMMAND.search(text) is not None or mhchem.COMMAND.search(text) is not None)


def quantities(line: str) -> list[siunitx.Found]:
    """The siunitx commands and mhchem's \\ce of `line`, in order (one inside another's arguments left out)."""
    found = siunitx.commands(line) if siunitx.COMMAND.search(line) else []
    if mhchem.COMMAND.search(line):
        found = sorted(found + mhchem.commands(line), key=lambda command: command.start)
        at, kept = 0, []
        for command in found:
            if command.start >= at:
                kept.append(command)
                at = command.end
        found = kept
    return found


def _line_runs(line: str, plain: bool = False) -> list[Run]:
    """Styled runs of one collapsed paragraph; the fast path skips parsing when there is nothing to parse.
    For plain text, the no-break spaces of math (`~`, before a relation) are spaces."""
    if not has_math(line) and "*" not in line and '\\"' not in line and "~" not in line and "\\," not in line and \
            not has_quantity(line):
        return [(line, PLAIN)] if line else []
    tokens = _delimit(_split_math(line))
    _match_emphasis([t for t in tokens if isinstance(t, _Delim)])
    return _styled_runs(tokens, plain)


# --------------------------------------------------------------------------- text -> math pieces

_DOLLAR = re.compile(r"\\?\$")
_MATH_END = re.compile(r"\\.|\$", re.S)


# A web address in running text: from its scheme (or "www.") to the next space, less what ends the sentence
# around it (see _address_end). It prints as written: a `*` or `$` in it is neither emphasis nor math.
# (its first letter first, both cases written out, what comes before it looked behind for, the rest in either case:
# the engine scans for an h, f or w at C speed, where a lookbehind first was tried at every character, 2.9 times as
# long; under re.I, a pattern that starts with a cased letter gets no such scan)
_WEB_ADDRESS = re.compile(r"[FHWfhw](?<![\w@.\-].)(?i:(?<=h)ttps?://|(?<=f)tp://|(?<=w)ww\.)\S+")
_AFTER_ADDRESS = frozenset(".,;:!?*'\"\u2019\u201d\u00bb)]}>\\")  # (and the backslash of a literal star: "\\*")


def address_spans(text: str) -> list[tuple[int, int]]:
    """Where the web addresses of `text` start and end."""
    if "://" not in text and "www." not in text.lower():
        return []
    return [(m.start(), _address_end(m.group(), m.start())) for m in _WEB_ADDRESS.finditer(text)]


def _address_end(address: str, start: int) -> int:
    """Where `address` (found at `start`) ends once the punctuation and emphasis after it are left out: a
    closing bracket stays when the address opened it ("https://en.wikipedia.org/wiki/Mercury_(planet)")."""
    end = len(address)
    while end > 1 and address[end - 1] in _AFTER_ADDRESS:
        ch = address[end - 1]
        pair = {")": "(", "]": "[", "}": "{"}.get(ch)
        if pair and address.count(pair, 0, end) >= address.count(ch, 0, end):
            break
        end -= 1
    return start + end


def _split_math(text: str) -> list[tuple[str, str]]:
    """('text', s), ('math', source) and ('address', s) pieces: a web address is a piece of its own, its `$`
    and `*` as written; elsewhere `\\$` is a literal dollar, and an unmatched `$` stays text."""
    spans = address_spans(text)
    if not spans:
        return _split_dollars(text)
    pieces: list[tuple[str, str]] = []
    pos = 0
    for start, end in spans:
        pieces += _split_dollars(text[pos:start])
        pieces.append(("address", text[start:end]))
        pos = end
    return pieces + _split_dollars(text[pos:])


def dollar_formulas(text: str) -> list[tuple[int, int]]:
    """Where each formula of `text` written between dollars starts and ends (its dollars included), as the booklet
    reads them (_split_math): not in a web address; a `$` right after a backslash a dollar, however many backslashes
    stand before it (`\\\\$x$` prints a backslash and "$x$"); a `$` before a space opens nothing; the closing `$`
    where closing_dollar finds it; a formula between LaTeX's \\( \\) or \\[ \\] holds the dollars in it. The one
    rule: the importers keep these formulas out of their conversions (importers.text)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for start, end in [*address_spans(text), (len(text), len(text))]:
        spans += [(pos + a, pos + b) for a, b, source in _dollar_spans(text[pos:start])
                  if not isinstance(source, Formula)]
        pos = end
    return spans


def _split_dollars(text: str) -> list[tuple[str, str]]:
    """('text', s) and ('math', source) pieces; `\\$` is a literal dollar, unmatched `$` stays text; `$$x$$` is
    math as `$x$` is (booklet sets all math inline)."""
    pieces: list[tuple[str, str]] = []
    at = 0
    for start, end, source in _dollar_spans(text):
        pieces += [("text", _literal_dollars(text[at:start])), ("math", source)]
        at = end
    if at < len(text):
        pieces.append(("text", _literal_dollars(text[at:])))
    return pieces


def _literal_dollars(text: str) -> str:
    """Text outside formulas with each `\\$` as the dollar it stands for."""
    return text.replace("\\$", "$") if "\\$" in text else text


@lru_cache(maxsize=65536)
def _dollar_spans(text: str) -> tuple[tuple[int, int, str], ...]:
    """Each formula of `text`: where it starts and ends (its dollars, or LaTeX's \\( \\) and \\[ \\], included), and
    its source (a Formula, which knows what it was written between, when that is LaTeX's delimiters). Kept per text:
    reading, lint and layout look for the formulas of the same text several times each (checking what prints, its
    LaTeX, its list items, the spaces held around formulas, its runs): at 500 talks 9,200 looks at 3,200 texts."""
    spans: list[tuple[int, int, str]] = []
    pos = 0
    while (m := _OPENER.search(text, pos)) is not None:
        pos = m.end()
        if m.group() == "\\$":
            continue
        if m.group() != "$":  # \( or \[, LaTeX's inline and display math
            found = _backslash_formula(text, m)
            if found is not None:
                spans.append(found)
                pos = found[1]
            continue
        close = text.find("$$", pos + 1) if text.startswith("$", pos) else -1
        if close != -1 and text[pos + 1 : close].strip():  # $$x$$, TeX's display math: set as all math is
            spans.append((m.start(), close + 2, text[pos + 1 : close].strip()))
            pos = close + 2
            continue
        end = closing_dollar(text, pos) if pos < len(text) and not text[pos].isspace() else None
        if end == pos:  # "$$" with nothing between: as written
            pos += 1
        elif end is not None:
            spans.append((m.start(), end + 1, text[pos:end]))
            pos = end + 1
    return tuple(spans)


# a dollar (\$: a literal one), LaTeX's \( and \[ (each alternative starts with its character, "$" or a backslash:
# the engine scans for the two at C speed, where "\\?" first was tried at every character, twice as long)
_OPENER = re.compile(r"\$|\\[$(\[]")
_BACKSLASH_END = re.compile(r"\\.|\$", re.S)
_CLOSERS = {"(": "\\)", "[": "\\]"}


class Formula(str):
    """A formula's source written between LaTeX's delimiters, \\(...\\) or \\[...\\], which it prints between when
    it prints as written (a formula between dollars is a str: `$...$`)."""

    opening, closing = "$", "$"

    @staticmethod
    def between(source: str, opening: str) -> "Formula":
        made = Formula(source)
        made.opening, made.closing = "\\" + opening, _CLOSERS[opening]
        return made


def written(source: str, shown: str | None = None) -> str:
    """A formula as written: its source (or `shown`, a part of it) between its delimiters ($x$, \\(x\\), \\[x\\])."""
    return f"{getattr(source, 'opening', '$')}{source if shown is None else shown}{getattr(source, 'closing', '$')}"


def _backslash_formula(text: str, opened: re.Match) -> tuple[int, int, str] | None:
    """The formula that LaTeX's \\( or \\[ found at `opened` starts, as _dollar_spans gives one; None when it is text:
    its backslash written after another (`\\\\(`, a line break and a bracket), no \\) (\\]) after it in the paragraph
    before another formula starts (a Windows path, `C:\\(x86)`: TeX would stop with an error), nothing in it, or what
    is in it reads as text (`\\[citation needed\\]`, `\\[1\\]`: Markdown's escaped brackets; _reads_as_text)."""
    closed = _backslash_closed(text, opened)
    if closed is None or _reads_as_text(closed[1]):
        return None
    return opened.start(), closed[0], Formula.between(closed[1], opened.group()[1])


def _backslash_closed(text: str, opened: re.Match) -> tuple[int, str] | None:
    """Where the \\) (\\]) that closes LaTeX's \\( (\\[) found at `opened` ends, and what is between (stripped, not
    empty); None when its backslash is written, none closes it before another formula starts, or nothing is between
    (see _backslash_formula)."""
    start = before = opened.start()
    while before and text[before - 1] == "\\":
        before -= 1
    if (start - before) % 2:
        return None  # \\( : the backslash is written
    closing = _CLOSERS[opened.group()[1]]
    for m in _BACKSLASH_END.finditer(text, opened.end()):
        mark = m.group()
        if mark == closing:
            source = text[opened.end() : m.start()].strip()
            return (m.end(), source) if source else None
        if mark in ("$", "\\(", "\\["):
            return None
    return None


def _written_as_text(piece: str) -> list[str]:
    """Each \\(...\\) and \\[...\\] of a piece of text (outside formulas) that prints as written as it reads as text
    (_reads_as_text: `\\[citation needed\\]`), as written."""
    found = []
    for opened in _BACKSLASH_OPENER.finditer(piece):
        closed = _backslash_closed(piece, opened)
        if closed is not None:
            found.append(piece[opened.start() : closed[0]])
    return found


_BACKSLASH_OPENER = re.compile(r"\\[(\[]")


_TEX_SIGN = re.compile(r"[\\^_{}=<>+*/|]")
_WORD = re.compile(r"[^\W\d_]{2,}")
_LETTER = re.compile(r"[^\W\d_]")


def _reads_as_text(source: str) -> bool:
    """Whether what is written between \\( \\) or \\[ \\] reads as text, not math: no sign of TeX's in it (a macro,
    a script, a brace, a relation, an operator but a minus), and two words or more (`\\[citation needed\\]`) or no
    letter at all (`\\[1\\]`, `\\[1-3\\]`, `\\[...\\]`), as Markdown escapes brackets; `\\(x\\)`, `\\(pp\\)` and
    `\\(a - b\\)` are math."""
    if _TEX_SIGN.search(source):
        return False
    return len(_WORD.findall(source)) >= 2 or _LETTER.search(source) is None


def closing_dollar(text: str, start: int) -> int | None:
    """Index of the `$` closing math that opened before `start` (as in Pandoc: a closing `$` follows a
    non-space and is not followed by a digit, so "$5 and $10" and "costs $5 and $" are not math;
    but math that is plainly TeX, with a macro, a script or a group, may be followed by a digit, as
    in "$\\sim$30 per cent" or "$\\times$10"); a space before it may be TeX's control space, `\\ `, which the
    formula prints ("a$\\ $b": a space, as TeX sets it), and it may follow a space in math that is plainly TeX
    (PLAIN_TEX: `$\\sin x $`, which TeX sets as `$\\sin x$`: it printed as written, its dollars and backslash too).
    The one rule: the importers keep the formulas it finds out of their conversions by it too (importers.text)."""
    control = -1  # where the last control space read ends (none once a dollar was passed over: "$5 and $\ $ b")
    for m in _MATH_END.finditer(text, start):
        if m.group() != "$":
            if m.group()[1].isspace() and control is not None:
                control = m.end()
        elif m.start() == start or not text[m.start() - 1].isspace() or m.start() == control \
                or PLAIN_TEX.search(text, start, m.start()):
            if not text[m.end() : m.end() + 1].isdigit() or _TEX_SIGNS.search(text, start, m.start()):
                return m.start()
            control = None
        else:
            control = None
    return None


_TEX_SIGNS = re.compile(r"[\\^_{]")
# what makes math that may end after a space plainly TeX: a macro of letters, a script, a group (not `\\ `, an
# escaped control space: "a$\\ $b" is no formula)
PLAIN_TEX = re.compile(r"\\[A-Za-z]|[\^_{]")


# --------------------------------------------------------------------------- emphasis


class _Delim:
    """A run of `*` in the text, and what it turned into."""

    __slots__ = ("count", "can_open", "can_close", "opens", "closes", "inside")

    def __init__(self, count: int) -> None:
        self.count = count
        self.can_open = self.can_close = False
        self.inside = False  # one star between two letters: it closes only a single star's emphasis
        self.opens: list[str] = []  # tags opened here, innermost first
        self.closes: list[str] = []  # tags closed here, innermost first


# LaTeX's umlaut, \"{o} or \"o inside a word (Schr\"odinger, M\"uller), or else a quotation mark typed after a
# backslash, as JSON and YAML's double-quoted strings escape one (He said \"hi\"): it prints as a typed quote does
_BACKSLASH_QUOTE = re.compile(r'\\"(?:\{([^\W\d_])\}|(?<=[^\W\d_]\\")([AEIOUYaeiouy]))?')


def _backslash_quote(found: re.Match) -> str:
    letter = found.group(1) or found.group(2)
    return _umlaut(letter) if letter else '"'


def _umlaut(letter: str) -> str:
    """`letter` with LaTeX's \\" on it, as one character where Unicode has one ("ö")."""
    return unicodedata.normalize("NFC", letter + "\u0308")


# \" at a word's start before a vowel and a letter (\"Uber, \"Anderung): LaTeX's umlaut, unless a closing \" after it
# in the paragraph pairs with it (\"Uber\" is a quotation). A closing one follows something that is no space (a
# formula too) and no letter follows it; an opening one is any other that is no umlaut (in a word, before a letter in
# braces)
_QUOTE_MARK = re.compile(r'\\"')
_WORD_START_UMLAUT = re.compile(r'(?<![^\W_])\\"([AEIOUaeiou])(?=[^\W\d_])')
_CLOSING_QUOTE = re.compile(r'\\"(?![^\W\d_{])')


def _word_start_umlauts(texts: list[str]) -> list[set[int]]:
    """For each text piece of a paragraph (the formulas between them), where its \\" at a word's start are LaTeX's
    umlaut: those no closing \\" pairs with."""
    found: list[set[int]] = [set() for _ in texts]
    if not any(_WORD_START_UMLAUT.search(text) for text in texts):
        return found
    openers: list[tuple[int, int, bool]] = []
    for number, text in enumerate(texts):
        for mark in _QUOTE_MARK.finditer(text):
            at = mark.start()
            after_something = not text[at - 1].isspace() if at else number > 0  # (a formula before the piece)
            if after_something and _CLOSING_QUOTE.match(text, at):
                if openers:
                    openers.pop()
                continue
            vowel = _WORD_START_UMLAUT.match(text, at)
            letter = _BACKSLASH_QUOTE.match(text, at)
            if vowel or not (letter.group(1) or letter.group(2)):
                openers.append((number, at, vowel is not None))
    for number, at, vowel in openers:
        if vowel:
            found[number].add(at)
    return found


def _backslash_quotes(text: str, umlauts: set[int]) -> str:
    """`text` (a piece of a paragraph without math) with each \\" as the quote or umlaut it stands for; those at
    `umlauts` (_word_start_umlauts) LaTeX's umlaut."""
    if umlauts:
        text = _WORD_START_UMLAUT.sub(lambda found: _umlaut(found.group(1)) if found.start() in umlauts
                                      else found.group(), text)
    return _BACKSLASH_QUOTE.sub(_backslash_quote, text)


# LaTeX's spaces in text: a tie between two characters ("Fig.~1", "et~al."; a "~" typed apart, "~10 GeV", is a
# tilde), and the thin space ("10\\,GeV", "imaging\\,[3]"): no-break spaces, as TeX sets them
_TEX_SPACES = re.compile(r"\\,|(?<=[^\s~\\/])~(?=[^\s~])")  # (not "/~user", a web address's path)


def _tex_space(found: re.Match) -> str:
    return "\u202f" if found.group() == "\\," else "\u00a0"


def _tex_spaces(text: str, after_math: bool = False, before_math: bool = False) -> str:
    """`text` with LaTeX's spaces set (_TEX_SPACES); a formula just before or after it is a character a tie may join
    ("$92$~K", "Eq.~$x$")."""
    before, after = "x" * after_math, "x" * before_math
    spaced = _TEX_SPACES.sub(_tex_space, before + text + after)
    return spaced[len(before) : len(spaced) - len(after)]


_STARS = re.compile(r"(\\\*|\*+)")  # a literal star (written \*), or a run of stars
_Token = tuple[str, str] | _Delim
_CLOSING = frozenset(")]}")  # what a run of stars before it cannot open emphasis on: "(*)", "(**)"
_OPENING = frozenset("([{")  # what a run of stars after it cannot close emphasis on


def can_open(before: str, after: str, count: int = 1) -> bool:
    """Whether a run of `count` stars between the characters `before` and `after` ('' at an end) may open emphasis:
    not before a space or a closing bracket ("(*)"), nor between two digits ("2**10", "3*4": arithmetic); nor after
    a letter or digit and before punctuation ("Lehrer*\\innen": as CommonMark has it); nor, one star, between two
    letters: the gender star ("Teilnehmer*innen und Referent*innen", "Sinti*zze"), not emphasis of the words
    between two of them (a star inside a word still closes emphasis: "*Daten*banken")."""
    if _is_space(after) or after in _CLOSING or (before.isdigit() and after.isdigit()):
        return False
    if before.isalnum() and not after.isalnum():
        return False
    return not (count == 1 and before.isalpha() and after.isalpha())


def can_close(before: str, after: str) -> bool:
    """Whether a run of stars between `before` and `after` may close emphasis: not after a space or an opening
    bracket, nor between two digits. (Inside a word it may: "**Daten**banken", as CommonMark has it.)"""
    return not (_is_space(before) or before in _OPENING or (before.isdigit() and after.isdigit()))


def _starred(s: str) -> list[_Token]:
    """A text piece's tokens: its runs of stars (a `\\*` a literal star) apart from its text."""
    tokens: list[_Token] = []
    for j, part in enumerate(_STARS.split(s)):
        if j % 2:
            tokens.append(("text", "*") if part == "\\*" else _Delim(len(part)))
        elif part:
            tokens.append(("text", part))
    return tokens


def _with_quantities(s: str) -> list[_Token]:
    """_starred(s), each siunitx command booklet reads (\\SI{50}{\\milli\\kelvin}: text.siunitx) a formula of its
    own, set as math sets it; one it cannot read as written."""
    tokens: list[_Token] = []
    at = 0
    for found in quantities(s):
        if found.math is not None:
            tokens += _starred(s[at:found.start]) + [("math", found.math)]
            at = found.end
    return tokens + _starred(s[at:])


def _delimit(pieces: list[tuple[str, str]]) -> list[_Token]:
    """Split text pieces at `*` runs and decide which runs may open or close emphasis; `\\*` is a literal star. A
    siunitx command (\\SI{50}{\\milli\\kelvin}) booklet reads is a math token of its own (_with_quantities)."""
    tokens: list[_Token] = []
    texts = [s for kind, s in pieces if kind == "text"]
    umlauts = _word_start_umlauts(texts) if any('\\"' in s for s in texts) else [set() for _ in texts]
    number = -1
    for at, (kind, s) in enumerate(pieces):
        if kind != "text":
            tokens.append(("text", s) if kind == "address" else (kind, s))
            continue
        number += 1
        if '\\"' in s:
            s = _backslash_quotes(s, umlauts[number])
        if "~" in s or "\\," in s:
            kinds = (pieces[at - 1][0] if at else "", pieces[at + 1][0] if at + 1 < len(pieces) else "")
            s = _tex_spaces(s, kinds[0] == "math", kinds[1] == "math")
        if has_quantity(s):
            tokens += _with_quantities(s)
            continue
        tokens += _starred(s)
    for i, tok in enumerate(tokens):
        if isinstance(tok, _Delim):
            before, after = _edge_char(tokens, i - 1, -1), _edge_char(tokens, i + 1, 0)
            tok.can_open, tok.can_close = can_open(before, after, tok.count), can_close(before, after)
            tok.inside = tok.count == 1 and before.isalpha() and after.isalpha()
    return tokens


def _edge_char(tokens: list[_Token], i: int, end: int) -> str:
    """The character of token i that touches its neighbour ('' outside the paragraph)."""
    if not 0 <= i < len(tokens):
        return ""
    tok = tokens[i]
    if isinstance(tok, _Delim) or tok[0] == "math":
        return "*"  # anything but a space
    return tok[1][end]


def _is_space(ch: str) -> bool:
    return not ch or ch.isspace()


def _match_emphasis(delims: list[_Delim]) -> None:
    """Pair closers with the nearest opener: `**` pairs give bold, single `*` italic."""
    openers: list[_Delim] = []
    for d in delims:
        if d.can_close:
            while d.count and openers:
                o = openers[-1]
                if d.inside and o.count != 1:
                    break  # "**Teilnehmer*innen**": a gender star inside strong text closes nothing
                use = 2 if o.count >= 2 and d.count >= 2 else 1
                tag = "b" if use == 2 else "i"
                o.count -= use
                d.count -= use
                o.opens.append(tag)
                d.closes.append(tag)
                if not o.count:
                    openers.pop()
        if d.count and d.can_open:
            openers.append(d)


def _styled_runs(tokens: list[_Token], plain: bool = False) -> list[Run]:
    """Runs for the paragraph's tokens: emphasis applied, math rendered, unused stars kept.
    Script groups are numbered through the paragraph (each formula numbers its own from 0)."""
    runs: list[Run] = []
    depth = {"b": 0, "i": 0}
    groups = 0
    for at, tok in enumerate(tokens):
        if isinstance(tok, _Delim):
            for tag in tok.closes:
                depth[tag] -= 1
            if tok.count:
                runs.append(("*" * tok.count, Style(depth["b"] > 0, depth["i"] > 0)))
            for tag in tok.opens:
                depth[tag] += 1
            continue
        bold, italic = depth["b"] > 0, depth["i"] > 0
        kind, s = tok
        math = math_runs(s) if kind == "math" else None
        if math is None:
            runs.append((s if kind == "text" else written(s), Style(bold, italic)))
            continue
        last = groups
        if not (bold or italic):
            math = italic_corrected(math)
        before, after = tokens[at - 1] if at else None, tokens[at + 1] if at + 1 < len(tokens) else None
        if _hyphenable(math, before, after) or _glued_by_hyphen(before, after):
            math = [(t, st._replace(unhyphenated=True)) for t, st in math]
        for t, st in math:
            if st.scripts:
                if groups:
                    st = st._replace(scripts=tuple(Script(sc.kind, sc.group + groups) for sc in st.scripts))
                last = max(last, max(sc.group for sc in st.scripts) + 1)
            if st.roots:  # (numbered as scripts are: two roots side by side, "$\\sqrt{a}$$\\sqrt{b}$", stay two)
                if groups:
                    st = st._replace(roots=tuple(r._replace(group=r.group + groups) for r in st.roots))
                last = max(last, max(r.group for r in st.roots) + 1)
            if (bold and not st.bold) or (italic and not st.italic):
                st = st._replace(bold=bold or st.bold, italic=italic or st.italic)
            runs.append((t.replace(NBSP, " ") if plain else t, st))
        groups = last
    return _corrections_kept(runs)


_CORRECTED = Style(correction=True)

# What in a formula hyphenation could break: letters, as many as the fewest the patterns break (two before a break and
# two after), in a row on the formula's line (a script, a fixed space or a space ends the row: a script is a box of its
# own to the paragraph, which no hyphenation breaks across). A formula with such a word is never hyphenated (<nobr>):
# "ACG- / TACG" of a sequence in \mathrm, "abcdefghi- / jklm" in math italic, a hyphen reading as a minus sign. Only
# such a formula is marked, so that the markup of the others (x², α, TeV) is as it was.
_HYPHENABLE_LETTERS = 4
HYPHENABLE = re.compile(r"[^\W\d_]{%d}" % _HYPHENABLE_LETTERS)


def _hyphenable(math, before=None, after=None) -> bool:
    """Whether a formula's runs, with the letters of the text glued to them on either side (tokens `before` and
    `after`: "$abc$def", "con$\\alpha$", no space between), hold a word hyphenation could break (HYPHENABLE): it
    would be hyphenated as one, a hyphen in or beside the formula reading as a minus sign ("con- / structure" of
    "$con$structure"). A script is not its line's letter ("H$_2$O": the text word's own hyphenation stays); "H$\\alpha$
    maps" is too short to break."""
    shown = "".join(" " if style.scripts or style.kern else text for text, style in math)
    # (of the text before, its last letters: HYPHENABLE's four at most. Looked for in its last characters alone: a
    # search for letters at the end of the whole text tried every character of it, the text since the formula before)
    tail = _LETTERS_AT_END.search(before[1][-_HYPHENABLE_LETTERS:]).group() if _is_text(before) else ""
    head = _LETTERS_AT_START.match(after[1]).group() if _is_text(after) else ""
    return bool(HYPHENABLE.search(tail + shown + head))


def _glued_by_hyphen(before=None, after=None) -> bool:
    """Whether a formula is glued by a hyphen to the word beside it (tokens `before` and `after`: "$x$-axis",
    "$\\Gamma$-point", "non-$x$"): its runs are marked as a formula's (<nobr>: never hyphenated), so that the paragraph
    breaks that word at its own hyphen alone, as it breaks "$\\alpha$-based" and "H$_2$O-based", whose boxes it sees.
    A formula that prints as text ("Γ", "3", "x") was no formula to it: "Γ-point", whose Γ is no letter ReportLab
    hyphenates, never broke, "x-axis" did, "non-α" never did."""
    return bool(_is_text(after) and _HYPHEN_AT_START.match(after[1])
                or _is_text(before) and _HYPHEN_AT_END.search(before[1][-2:]))


_HYPHEN_AT_START = re.compile(r"-[^\W_]")
_HYPHEN_AT_END = re.compile(r"[^\W_]-\Z")


def _is_text(token) -> bool:
    return isinstance(token, tuple) and token[0] == "text"


_LETTERS_AT_END = re.compile(r"[^\W\d_]*\Z")
_LETTERS_AT_START = re.compile(r"[^\W\d_]*")


def italic_corrected(math: tuple[Run, ...]) -> list[Run]:
    """A formula's runs with TeX's italic correction after each math italic letter at its own size
    that an upright character follows (`f(x)`, `f)`) or that ends the formula, so that the hook of
    the f does not reach into the parenthesis or the comma after it. (Before a superscript the
    paragraph adds it itself; before a subscript or another italic letter TeX adds none.)"""
    out: list[Run] = []
    for i, (text, style) in enumerate(math):
        out.append((text, style))
        if not text or not style.italic or style.scripts or style.kern or style.code or style.math:
            continue
        after = math[i + 1] if i + 1 < len(math) else None
        if after is None or after[0] and not after[1].italic and not after[1].scripts and not after[1].kern:
            out.append(("", _CORRECTED._replace(roots=style.roots) if style.roots else _CORRECTED))
    return out


def _corrections_kept(runs: list[Run]) -> list[Run]:
    """The italic corrections before something printed that is no space; the others left out (a
    space after the letter clears its hook, and the paragraph's end needs none)."""
    if not any(style.correction for _, style in runs):
        return runs
    out: list[Run] = []
    for i, run in enumerate(runs):
        if run[1].correction:
            after = next((r for r in runs[i + 1:] if r[0]), None)
            if after is None or after[1].italic or after[1].scripts or after[1].kern or after[0][0].isspace():
                continue
        out.append(run)
    return out


# --------------------------------------------------------------------------- runs -> markup / plain text


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_BRACKETED = re.compile(r"\s?[(\[{\u201c\u2018\"]([^()\[\]{}\u201c\u201d\u2018\u2019\"]*)[)\]}\u201d\u2019\"]")


_SPACE_IN_BRACKETS = re.compile(r"([(\[{])\s+|\s+([)\]}])")


# Where characters no font has were left out (_GAP stands for each stretch of them, with the spaces between), the
# separators they leave stray: one that begins or ends the text or a bracket's content ("東京大学, Japan" printed
# ", Japan"; "(Japan, 東京大学)" "(Japan,)"), the second of two ("Uni A, 東京大学, Japan": "Uni A, , Japan"), a
# comma, semicolon or colon after a space ("Uni A 東京大学, Japan": "Uni A , Japan"), the space before a stop right
# after them, and a stop or separator left beside a stop ("Real text. 会议.": "Real text.."). A dash between two letters
# is none.
_GAP = "\x00"
_SEP = r"(?:[,;:\u00b7/|]|(?<!\w)[-\u2013\u2014]|[-\u2013\u2014](?!\w))"
_GAPS = re.compile(r"\x00(?:\s*\x00)*")
_STRAY_SEPARATORS = (  # (each a pattern and what of a match stays: its group 1, and a gap where the rest was)
    (re.compile(rf"(^|[(\[{{])\s*\x00\s*(?:{_SEP}\s*)+"), lambda found: (found.span(1), None)),  # at the start
    (re.compile(rf"(?:\s*{_SEP})+\s*\x00\s*($|[)\]}}])"), lambda found: (None, found.span(1))),  # at the end
    (re.compile(rf"({_SEP})\s*\x00(?:\s*{_SEP})+"), lambda found: (found.span(1), None)),  # one after another
    (re.compile(r"(?<=\S)\s+\x00\s*([,;:])"), lambda found: (None, found.span(1))),  # after a space
    # a stop, ! ? or an ellipsis right after them, after a space ("Lund 🎉!": "Lund !"); one written after a space
    # ("Lund 🎉 !") keeps it, the writer's
    (re.compile(r"(?<=\S)\s+\x00(?=[.!?\u2026])"), lambda found: (None,)),
    # a stop, ! ? or a separator right before them and a stop, or a separator, right after: the first stop stays, or
    # the stop after a separator ("Real text. 会议." printed "Real text..", "Real text, 会议." "Real text,.", "Real
    # text. 会议, and more" "Real text., and more")
    (re.compile(r"([.!?\u2026])\s*\x00\s*(?:[.!?\u2026]+|[,;:])"), lambda found: (found.span(1), None)),
    (re.compile(r"[,;:]\s*\x00\s*([.!?\u2026])"), lambda found: (None, found.span(1))),
)
_EMPTY_BRACKETS = re.compile(r"\s?[(\[{][\s\x00]*\x00[\s\x00]*[)\]}]")


def without_unprintable(text: str) -> str:
    """`text` as it prints: the characters no font in use has left out, with brackets or quotes that held only those
    ('Yao Wei (魏銘廷)' -> 'Yao Wei'), the separators they leave stray (_STRAY_SEPARATORS: '東京大学, Japan' ->
    'Japan', not ', Japan'), and no space left inside a bracket ('(a 王)' -> '(a)', not '(a )'); spaces between words
    are left as they are (the caller squeezes them)."""
    return "".join(text[i] for i in _printed_positions(text))


def loses_letters(text: str) -> bool:
    """Whether printing `text` (without markup), a person's name, leaves out a letter the fonts do not have where the
    name would read as another: 'Mei Chen and 王小明' and 'Wang 王小明' do, printed 'Mei Chen and', 'Wang'. Not when
    those letters are brackets' alone ('Yao Wei (魏銘廷)', the name written again in its own script), nor words of
    their own at the name's start or end beside a name that prints (_in_two_scripts: '李健秋 Andrew Lee'); 'Bo 🎉 Jones',
    an emoji, not a letter, does not."""
    kept, _ = _kept_of(_BRACKETED, _bracket_kept, text, list(range(len(text))))
    return any(_lost_letter(c) for c in kept) and not _in_two_scripts(kept)


def _lost_letter(c: str) -> bool:
    return font_for_char(c) is None and c.isalpha()


def _in_two_scripts(name: str) -> bool:
    """Whether the letters the fonts do not have in `name` are a run of words of their own at its start or at its
    end, and what prints is a name of two words or more that neither ends (before them) nor begins (after them) with
    a word or sign joining two names (_JOINING_SIGNS, joining_words()): '李健秋 Andrew Lee', one name written in two
    scripts, prints 'Andrew Lee'; 'Wang 王小明' (one word left), 'Mei Chen and 王小明' and 'Mei Chen, 王小明' (two
    names: names_apart's) do not print so."""
    words = name.split()
    lost, shows = [False] * len(words), [False] * len(words)  # by word: whether it loses a letter; prints one
    letters, gone = [], []  # where the letters (and digits) that print are in `name`; where the letters lost are
    word, spaced = -1, True
    for i, c in enumerate(name):  # (one pass, each character's font looked up once: _lost_letter's test)
        if c.isspace():  # (the whitespace str.split splits at)
            spaced = True
            continue
        if spaced:
            word, spaced = word + 1, False
        if not c.isalnum():
            continue
        if font_for_char(c) is not None:
            letters.append(i)
            shows[word] = True
        elif c.isalpha():
            gone.append(i)
            lost[word] = True
    printed = [i for i, shown in enumerate(shows) if shown]
    if len(printed) < 2 or any(lost[printed[0]:printed[-1] + 1]) or any(lost[:printed[0]]) == any(lost[printed[-1]:]):
        return False  # (one word left; a word losing letters, or lost ones between printed words; lost at both ends)
    if gone[0] < letters[0]:  # (lost before: what is between the two, and the first word printed)
        junction, word = name[gone[-1] + 1:letters[0]], words[printed[0]]
    else:
        junction, word = name[letters[-1] + 1:gone[0]], words[printed[-1]]
    return not set(junction) & _JOINING_SIGNS and word.strip(_WORD_EDGES).casefold() not in joining_words()


@lru_cache(maxsize=256)  # (asked of a name by the warning that tells of it, data.fields.check_printable, then by
# what prints of it, fields.names_printed: worked out once; a value given out is never changed)
def names_apart(text: str) -> tuple[str, tuple[str, ...]] | None:
    """Of a person's name that loses letters (loses_letters) and is a list of names, each joined to the next by a sign
    or a word joining two names ('王小明, Andrew Lee', 'Mei Chen and 王小明'), some of which print: (the names that
    print, joined as written, each left-out one with the sign or word before it, or after it for the first: 'Andrew
    Lee', 'Mei Chen'; the names left out, as written: ('王小明',)); a name of the list that would lose letters is one
    left out ('Wang 王小明, Bo Jones' prints 'Bo Jones') when signs, not words, set it apart. None for any other name,
    left out whole as before: one name losing letters ('Wang 王小明'; 'José Ortega y Gasset 王小明', where 'y' joins
    one name's words), or what prints being a word alone ('Wang, 小明', a family name before its given name)."""
    parts = _NAMES_JOINED().split(text)
    if len(parts) < 3 or not loses_letters(plain(text)):
        return None
    names = [(parts[i - 1] if i else "", parts[i]) for i in range(0, len(parts), 2)]
    kept, gone = [], []
    for at, (joined, name) in enumerate(names):
        if not printed_words(plain(name)) or loses_letters(plain(name)):
            # (a name left out that has words that print is one only between signs: of 'José Ortega y Gasset 王小明'
            # the 'y' joins one name's words, and 'José Ortega' alone would be another name)
            after = names[at + 1][0] if at + 1 < len(names) else ""
            if printed_words(plain(name)) and any(side.strip() and not set(side.strip()) & _JOINING_SIGNS
                                                  for side in (joined, after)):
                return None
            gone.append(name.strip())
        else:
            kept.append((joined, name.strip()))
    if not gone or not kept or any(not name for name in gone):
        return None
    printed = kept[0][1] + "".join(joined + name for joined, name in kept[1:])
    if len(printed_words(plain(printed)).split()) < 2:
        return None
    return printed, tuple(gone)  # (a tuple: the value is shared by every caller of the cache)


when_fonts_change(names_apart.cache_clear)  # which names print depends on the fonts


@lru_cache(maxsize=1)
def _NAMES_JOINED() -> re.Pattern:  # noqa: N802 - a compiled pattern, made once
    """Where a list of names is joined, for names_apart: a sign of _JOINING_SIGNS (a dash with spaces around it, not
    the hyphen of 'Osei-Mensah'), or a word of joining_words() with spaces around it."""
    signs = "".join(re.escape(c) for c in sorted(_JOINING_SIGNS - set("-\u2013\u2014")))
    words = "|".join(sorted(map(re.escape, joining_words()), key=len, reverse=True))
    return re.compile(rf"(\s*[{signs}]\s*|\s+[-\u2013\u2014]\s+|\s+(?i:{words})\s+)")


# signs that join two names where a run of words the fonts cannot print was left out ('Mei Chen / 王小明', 'Mei Chen,
# 王小明'); the words are joining_words()'
_JOINING_SIGNS = frozenset(",;:/|&+-\u2013\u2014\u00b7")
_WORD_EDGES = ".,;:!?'\"()[]{}\u2018\u2019\u201c\u201d"


@lru_cache(maxsize=1)
def joining_words() -> frozenset[str]:
    """The words that join two names in a list, in the languages booklet has words for (CLDR's list patterns, through
    Babel: 'and', 'or', 'und', 'oder', 'et', 'ou', 'y', 'o', 'e', 'en', 'of'), casefolded."""
    from babel import Locale

    from ..data.theme import label_languages

    words: set[str] = set()
    for language in label_languages():
        patterns = Locale.parse(language).list_patterns
        for kind in ("standard", "or"):
            for pattern in (patterns.get(kind) or {}).values():
                words.update(re.sub(r"\{\d\}", " ", pattern).casefold().split())
    return frozenset(word for word in words if word.isalpha())


def _printed_positions(text: str) -> list[int]:
    """The positions in `text` of the characters without_unprintable keeps, in order (so that a paragraph's runs,
    joined, are tidied as one text: _printed_runs)."""
    at = list(range(len(text)))
    text, at = _kept_of(_BRACKETED, _bracket_kept, text, at)
    text = "".join(c if shows and c != _GAP else _GAP for c, shows in zip(text, printing(text)))  # (a sequence whole)
    text, at = _kept_of(_GAPS, _one_gap, text, at)
    while True:  # ("Uni A; 東京大学, 日本 / Japan": "Uni A;_ _ / Japan", then "Uni A;_ / Japan", "Uni A; Japan")
        tidied, kept = text, at
        for pattern, keep in _STRAY_SEPARATORS:
            tidied, kept = _kept_of(_GAPS, _one_gap, *_kept_of(pattern, keep, tidied, kept))
        if tidied == text:
            break
        text, at = tidied, kept
    text, at = _kept_of(_EMPTY_BRACKETS, _nothing, text, at)
    at = [i for c, i in zip(text, at) if c != _GAP]
    text = text.replace(_GAP, "")
    return _kept_of(_SPACE_IN_BRACKETS, _bracket_of, text, at)[1]


def _kept_of(pattern: re.Pattern, keep, text: str, at: list[int]) -> tuple[str, list[int]]:
    """pattern.sub for a substitution that keeps parts of each match and drops the rest: keep(match) gives the spans
    it keeps, in order, None for a gap (_GAP) in place of what it drops; `at`, each character's position in the text
    it came from, goes with them (a gap's: -1)."""
    parts, places, last = [], [], 0
    for found in pattern.finditer(text):
        parts.append(text[last:found.start()])
        places += at[last:found.start()]
        for span in keep(found):
            if span is None:
                parts.append(_GAP)
                places.append(-1)
            else:
                parts.append(text[span[0]:span[1]])
                places += at[span[0]:span[1]]
        last = found.end()
    if not last:
        return text, at
    parts.append(text[last:])
    return "".join(parts), places + at[last:]


def _bracket_kept(found: re.Match) -> tuple:
    """'a 王 character (王)' -> 'a 王 character': brackets or quotes that hold only characters no font has would print
    empty ('()') once those are left out, so they go with them."""
    inner = found[1]
    gone = inner.strip() and all(not shows or c.isspace() for c, shows in zip(inner, printing(inner)))
    return () if gone else (found.span(),)


def _one_gap(found: re.Match) -> tuple:
    return (None,)


def _nothing(found: re.Match) -> tuple:
    return ()


def _bracket_of(found: re.Match) -> tuple:
    return (found.span(1) if found[1] else found.span(2),)


def as_printed(text: str) -> str:
    """Text without markup (a name, a run of a paragraph) as it prints: itself when every character of it prints, else
    without_unprintable's ("Bo Jones 🎉" -> "Bo Jones "; names told apart as a reader can)."""
    return text if all_printable(set(text)) else without_unprintable(text)


def printed_name(text: str) -> str:
    """A name (text without markup) as it prints (as_printed) and without the characters that show nothing where a name
    is set (a zero-width space, a soft hyphen: "Bo\u200b Jones" printed a wider gap, "Bo  Jones", and stood apart
    from "Bo Jones" in the index), to tell names apart as a reader can."""
    text = as_printed(text)
    return _SHOWS_NOTHING.sub("", text) if _SHOWS_NOTHING.search(text) else text


# characters a name holds that print nothing where a name is set (copied in with it from a web page or a PDF)
_SHOWS_NOTHING = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")


def printed_words(text: str) -> str:
    """printed_name's, each run of white space one space and none at the ends ("Bo Jones 🎉" -> "Bo Jones"): a name or
    an affiliation as a reader reads it (people.spelling, Context.named, abstracts' affiliations printed alike)."""
    return " ".join(printed_name(text).split())


def prints(text: str | None) -> bool:
    """Whether anything of `text` (with markup) prints: False for none, and for text the fonts print nothing of (CJK
    alone, warned of), which the layout leaves out with its label, brackets or separator."""
    return bool(text) and bool(printed_words(plain(text)))


def _printed_runs(runs: list[Run]) -> list[tuple[str, Style, bool]]:
    """`runs` as they print: the characters no font has left out of their text, and the separators those leave stray,
    tidied across runs as in one text (without_unprintable; tidied run by run, a title "*東京大学*, Japan" printed
    ", Japan", its comma in the run after the italic CJK, and "Lund *東京*, Japan" "Lund , Japan"). A formula's signs, a
    code span and a fixed space stay as they are, each as a letter between its neighbours. Each with whether the text
    font shows every character of what prints of it (_in_text_font, asked once a run: _font_segments sets it so)."""
    shown = [_in_text_font(text) for text, _ in runs]
    if all(shows or _run_held(style) or all_printable(set(text)) for shows, (text, style) in zip(shown, runs)):
        return [(text, style, shows) for shows, (text, style) in zip(shown, runs)]  # (the common case: all prints)
    held = [_run_held(style) for _, style in runs]
    joined = "".join("x" if held[i] else text for i, (text, _) in enumerate(runs))
    owner = [i for i, (text, _) in enumerate(runs) for _ in ("x" if held[i] else text)]
    kept: list[list[str]] = [[] for _ in runs]
    for at in _printed_positions(joined):
        kept[owner[at]].append(joined[at])
    printed = [text if held[i] else "".join(kept[i]) for i, (text, _) in enumerate(runs)]
    if not any(held) and all(unicodedata.category(ch)[0] in "PZ" or ch.isspace() for text in printed for ch in text):
        # (nothing but its separators is left, as check warns: "会议 会议." printed a lone ".", "**会议**, 会议" a ",";
        # a sign that prints stays: 39C3's "🏳️‍🌈🏳️‍⚧️" prints its two flags)
        printed = ["" for _ in runs]
    return [(text, style, shown[i] if held[i] else _in_text_font(text))
            for i, (text, (_, style)) in enumerate(zip(printed, runs))]


def _run_held(style: Style) -> bool:
    """Whether a run of `style` is kept as it is by _printed_runs (a formula's signs, a code span, a fixed space)."""
    return bool(style.kern or style.correction or style.code or style.math)


def _font_segments(runs: list[Run]) -> list[list]:
    """[text, style, font] pieces: fallback-font characters split out, unprintable ones dropped."""
    segs: list[list] = []
    for text, style, shown in _printed_runs(runs):
        if style.roots and _BARS and any(root.part == "fence" for root in style.roots):
            continue  # (a root's parentheses, which plain text prints: the paragraph draws a bar instead)
        if style.kern or style.correction:
            segs.append([text, style, ""])  # a fixed space: never merged with another
        elif style.code:  # the code font where it has a character (a block's paragraph is in it), else as text
            block = style.code == "block"
            for mono, chars in groupby(text, in_mono):
                part = "".join(chars)
                if mono:
                    _append_segment(segs, part, style, "" if block else mono_name(style.bold))
                else:  # (in a block, a character of the text fonts in the headings' face, as code was set before)
                    segs += [[t, style, f or (IN_STYLE[SANS] if block else "")]
                             for t, _, f in _font_segments([(part, style._replace(code=""))])]
        elif style.math:  # (+, =, ×, 𝔤: in the font of the formula's minus sign and ≤)
            for font, chars in groupby(text, math_font):
                if font is not None:
                    _append_segment(segs, "".join(chars), style, font)
        elif shown:
            _append_segment(segs, text, style, "")  # every character shows in the text font
        else:  # (what prints of it, _printed_runs's: each character has a font)
            for font, chars in groupby(text, font_for_char):
                _append_segment(segs, "".join(chars), style, font)
    return segs


def _append_segment(segs: list[list], text: str, style: Style, font: str) -> None:
    if segs and segs[-1][1] == style and segs[-1][2] == font:
        segs[-1][0] += text
    else:
        segs.append([text, style, font])


def _squeeze_spaces(segs: list[list]) -> list[list]:
    """No leading, trailing or doubled spaces across segments; no fixed space at either end."""
    out: list[list] = []
    after_space = True
    for text, style, font in segs:
        if style.kern or style.correction:
            if out:
                out.append([text, style, font])
            continue
        if "  " in text:
            text = _SPACE_RUN.sub(" ", text)
        if after_space and text.startswith(" "):
            text = text[1:]
        if text:
            after_space = text.endswith(" ")
            out.append([text, style, font])
    while out and (out[-1][1].kern or out[-1][0].endswith(" ")):
        out[-1][0] = "" if out[-1][1].kern else out[-1][0].rstrip(" ")
        if not out[-1][0]:
            out.pop()
    return out


# Sub/superscripts as TeX sets them in text style (Computer Modern's font parameters, in ems of the
# nucleus): a first-level script at 70 % of the text size, a second-level one at 50 % (5/7 of the
# first), deeper ones no smaller. A superscript is raised by sup2 (0.363 em), or sup3 (0.289 em)
# inside a subscript ("cramped"); a subscript is lowered by sub1 (0.15 em), or sub2 (0.247 em) when
# its nucleus also has a superscript. Each tag's size and rise are a percentage of the size around it.
_SCRIPT_SIZES = ("70%", "71.43%")
_SUP_RISE, _SUP_RISE_CRAMPED = "36.3%", "28.9%"
_SUB_RISE, _SUB_RISE_WITH_SUP = "15%", "24.7%"

_Tag = tuple[object, str, str]  # (identity, opening tag, closing tag)


def _script_tags(scripts: tuple[Script, ...], stacked: set[tuple[int, int]]) -> list[_Tag]:
    """For each level of scripts: <mscripts> around the scripts of one nucleus (booklet's
    paragraphs stack them; ReportLab's own Paragraph ignores the tag), then <super> or <sub>."""
    tags: list[_Tag] = []
    for depth, script in enumerate(scripts):
        size = _SCRIPT_SIZES[depth] if depth < len(_SCRIPT_SIZES) else "100%"
        if script.kind == "super":
            cramped = any(s.kind == "sub" for s in scripts[:depth])
            rise = _SUP_RISE_CRAMPED if cramped else _SUP_RISE
        else:
            rise = _SUB_RISE_WITH_SUP if (depth, script.group) in stacked else _SUB_RISE
        tags.append((("mscripts", depth, script.group), "<mscripts>", "</mscripts>"))
        tags.append(((script, depth), f'<{script.kind} rise="{rise}" size="{size}">', f"</{script.kind}>"))
    return tags


# Whether a root is set as a box with a bar over its radicand (<mroot>): only where booklet's paragraphs draw the bar,
# with the ReportLab versions they were checked against; with another, ReportLab's own drawing would print the
# sign and the radicand with neither bar nor parentheses (√x + 1 for √(x + 1)), so a root prints as plain text does.
_BARS = reportlab_checked()
_ROOT_PARTS = {"index": "mindex", "radicand": "mrad"}
_INDEX_SIZES = ("50%", "71.43%")  # a root's index, by the depth of scripts around the root: 50 % of the text's size


def _root_tags(roots: tuple[Root, ...], scripts: tuple[Script, ...], stacked: set[tuple[int, int]]) -> list[_Tag]:
    """_script_tags with the tags of the square roots `roots` among them (each at its depth of scripts): <mroot> around
    a root, which booklet's paragraphs set as one box with a bar over its radicand (ReportLab's own Paragraph ignores
    the tags), <mindex> around its index and <mrad> around its radicand. An index's own superscript is a <super>
    alone, no box of scripts: the root's box places it."""
    script_tags = _script_tags(scripts, stacked)
    tags: list[_Tag] = []
    for depth in range(len(scripts) + 1):
        index = False
        for root in roots:
            if root.depth == depth:
                tags.append((("mroot", root.group), "<mroot>", "</mroot>"))
                part = _ROOT_PARTS.get(root.part)
                if part is not None:
                    tags.append(((part, root.group), f"<{part}>", f"</{part}>"))
                index = root.part == "index"
        if index and depth < len(scripts):  # (set small, as TeX sets it: in scriptscript style; the box raises it)
            size = _INDEX_SIZES[depth] if depth < len(_INDEX_SIZES) else "100%"
            tags.append(((scripts[depth], depth), f'<super rise="0%" size="{size}">', "</super>"))
        elif depth < len(scripts):
            tags += script_tags[2 * depth:2 * depth + 2]
    return tags


def _tags(style: Style, font: str, stacked: set[tuple[int, int]]) -> list[_Tag]:
    """Tags for a segment, outermost first, in one fixed order so nesting is always proper:
    scripts outermost, so that the parts of one nucleus's scripts share one <mscripts>."""
    tags = [("nobr", "<nobr>", "</nobr>")] if style.unhyphenated else []  # (outermost: one around a formula)
    boxed = style.roots and _BARS
    tags += _root_tags(style.roots, style.scripts, stacked) if boxed else _script_tags(style.scripts, stacked)
    if style.bold:
        tags.append(("b", "<b>", "</b>"))
    if style.italic:
        tags.append(("i", "<i>", "</i>"))
    if font and style.code == "span":  # (a point smaller: its letters are larger than the text's at one size)
        tags.append((("font", font), f'<font name="{font}" size="-1">', "</font>"))
    elif font:
        tags.append((("font", font), f'<font name="{font}">', "</font>"))
    return tags


def _stacked(segs: list[list]) -> set[tuple[int, int]]:
    """(depth, group) of every nucleus that has both a subscript and a superscript."""
    kinds: dict[tuple[int, int], set[str]] = {}
    for _, style, _ in segs:
        for depth, script in enumerate(style.scripts):
            kinds.setdefault((depth, script.group), set()).add(script.kind)
    return {key for key, found in kinds.items() if len(found) == 2}


# The italic correction of the letter before it, measured in that letter's font (booklet.text.paragraph); ReportLab's
# own Paragraph ignores the tag
CORRECTION_TAG = "<mcorr></mcorr>"


def _kern(em: float) -> str:
    """A fixed space of `em` ems: a box of that width in booklet's paragraphs (booklet.text.paragraph),
    a no-break space in ReportLab's own Paragraph."""
    return f'<mkern em="{em:.4f}">{NBSP}</mkern>'


def _markup(runs: list[Run]) -> str:
    segs = _squeeze_spaces(_font_segments(runs))
    stacked = _stacked(segs)
    out: list[str] = []
    stack: list[_Tag] = []
    for text, style, font in segs:
        want = _tags(style, font, stacked)
        keep = 0
        while keep < len(stack) and keep < len(want) and stack[keep][0] == want[keep][0]:
            keep += 1
        out.extend(tag[2] for tag in reversed(stack[keep:]))
        out.extend(tag[1] for tag in want[keep:])
        out.append(_kern(style.kern) if style.kern else CORRECTION_TAG if style.correction else _escape(text))
        stack = want
    out.extend(tag[2] for tag in reversed(stack))
    return "".join(out)


def _fallback_markup(text: str) -> str:
    line = collapse(text)
    return _escape("".join(c for c, shows in zip(line, printing(line)) if shows))


# the characters that print a digit or sign raised or lowered (a formula's, an import's \textsuperscript{2})
SUPERSCRIPTS = dict(zip("0123456789+-\u2212=()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾"))
SUBSCRIPTS = dict(zip("0123456789+-\u2212=()", "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎"))


@lru_cache(maxsize=65536)
def math_chars(src: str) -> frozenset[str] | None:
    """Every character `plain` can make of the formula `src` (more, at most: a script's digits and signs in
    both forms); None when that cannot be told."""
    try:
        runs = math_runs(src)
    except Exception:  # noqa: BLE001  (plain then falls back to the text as written)
        return None
    if runs is None:  # printed as written
        return frozenset(f"${src}$")
    chars: set[str] = set()
    for text, style in runs:
        text = text.replace(NBSP, " ")
        chars.update(text)
        if style.scripts:
            chars.update(SUPERSCRIPTS.get(c, c) for c in text)
            chars.update(SUBSCRIPTS.get(c, c) for c in text)
    return frozenset(chars)


def _plain_text(runs: list[Run]) -> str:
    """Runs as plain text; a sub/superscript made only of digits and signs uses Unicode script characters."""
    parts = []
    for scripts, group in groupby(runs, key=lambda run: run[1].scripts):
        text = "".join(t for t, _ in group)
        if scripts:
            table = SUPERSCRIPTS if scripts[-1].kind == "super" else SUBSCRIPTS
            if all(c in table for c in text):
                text = "".join(table[c] for c in text)
        parts.append(text)
    return _SPACE_RUN.sub(" ", "".join(parts)).strip(" ")
