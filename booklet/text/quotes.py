"""Markup with straight quotes (" and ', as a keyboard types them) -> the same markup with the language's quotation
marks: “nuisance” and practitioner’s in English, „Störfaktor“ in German, « bruit » in French.

Which quote opens, which closes and which is an apostrophe is decided as markdown-it-py's typographer (its
`smartquotes` rule, the CommonMark world's) decides it: by the characters on either side (white space,
punctuation, a letter), openers matched with closers of the same kind in order, an apostrophe inside or after a
word, `""` after a digit inches. It is written out here rather than called: importing markdown-it-py costs a build
40-50 ms, a seventh of the sample's whole cold build. One case more is left straight: a quote after "=" and the one
that closes it (an attribute's value, as in the code or HTML a text may show: `<a href="x">`, `name='Fred'`). A
quote that opens and is never closed stays straight. Tags and their attributes are left as they are, and so are web
and email addresses (`https://x.org/it's`, `o'brien@x.org`); a line break (`<br/>`) is white space to the quotes
beside it. The marks are escaped as markup ("<<" typed as a mark prints as written).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .fonts import MONO
from .markup import _TAG, _escape, address_spans

APOSTROPHE = "\u2019"
# markdown-it's white space (isWhiteSpace) and its ASCII punctuation (isMdAsciiPunct)
_SPACES = frozenset("\t\n\x0b\x0c\r \u00a0\u1680\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200B))))
_ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def curly_quotes(text: str, marks: tuple[str, str, str, str]) -> str:
    """`text` (markup) with its straight quotes as `marks` (opening and closing double, opening and closing single
    quotation marks) and its apostrophes as ’ (as ' where the closing single mark is one: straight marks asked for).
    Read in one pass of a regular expression over the text, tags passed over whole (their quotes are attributes'),
    a quote's neighbours looked for across the tags beside it: a paragraph of a few quotes costs microseconds."""
    if "'" not in text and '"' not in text:
        return text
    if "<" in text:  # most quotes of a paragraph's markup are its tags' (<font name="...">): nothing to change
        bare = _TAG.sub("", text)
        if "'" not in bare and '"' not in bare:
            return text
    marks = _escaped(marks)
    apostrophe = "'" if marks[3] == "'" else APOSTROPHE
    ends: dict[int, int] = {}  # a tag's end -> its start, and its start -> its end: what a neighbour skips
    starts: dict[int, int] = {}
    breaks: set[int] = set()  # the starts of line breaks
    if "<" in text:
        for tag in _TAG.finditer(text):
            starts[tag.start()] = tag.end()
            ends[tag.end()] = tag.start()
            if tag.group().startswith("<br"):
                breaks.add(tag.start())
    verbatim = _addresses(text)
    size = len(text)
    changes: dict[int, str] = {}  # index -> what the quote there becomes
    open_quotes: list[tuple[int, bool, bool]] = []  # (index, single, left straight) of each that may open, in order
    for found in _TAG_OR_QUOTE.finditer(text):
        at = found.start()
        if at in starts or verbatim and any(start <= at < end for start, end in verbatim):
            continue  # a tag, an address
        single = found.group() == "'"
        left, before = at, None
        while left in ends:
            left = ends[left]
            before = " " if left in breaks else before
        right, after = at + 1, None
        while right in starts:
            after = " " if right in breaks else after
            right = starts[right]
        before = before or (text[left - 1] if left else " ")
        after = after or (text[right] if right < size else " ")
        if before == "=":  # an attribute's value: it and the quote that closes it are left straight
            open_quotes.append((at, single, True))
            continue
        space_before, space_after = before in _SPACES, after in _SPACES
        mark_before, mark_after = _punctuation(before), _punctuation(after)
        can_open = not space_after and not (mark_after and not (space_before or mark_before))
        can_close = not space_before and not (mark_before and not (space_after or mark_after))
        if not single and after == '"' and before.isdigit():
            can_open = can_close = False  # 12"": the first, inches
        if can_open and can_close:  # inside a word or a run of punctuation
            can_open, can_close = mark_before, mark_after
        if not can_open and not can_close:
            if single:
                changes[at] = apostrophe  # it's
            continue
        if can_close:
            opener = next((k for k in range(len(open_quotes) - 1, -1, -1) if open_quotes[k][1] == single), None)
            if opener is not None:
                start, _, straight = open_quotes[opener]
                del open_quotes[opener:]
                if not straight:
                    changes[start] = marks[2] if single else marks[0]
                    changes[at] = marks[3] if single else marks[1]
                continue
        if can_open:
            open_quotes.append((at, single, False))
        elif single:
            changes[at] = apostrophe  # the authors' code
    if not changes:
        return text
    out = list(text)
    for at, mark in changes.items():
        out[at] = mark
    return "".join(out)


_TAG_OR_QUOTE = re.compile("<[^>]*>|['\"]")
_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")


def _addresses(text: str) -> list[tuple[int, int]]:
    """Where the web and email addresses of `text` are, and its code (text.markup's code spans, in the code font):
    their quotes are theirs."""
    spans = address_spans(text)
    if "@" in text:
        spans += [found.span() for found in _EMAIL.finditer(text)]
    if MONO in text:
        spans += [found.span() for found in _CODE.finditer(text)]
    return spans


_CODE = re.compile(rf'<font name="{MONO}(?:-Bold)?"[^>]*>.*?</font>', re.S)  # (as text.fonts.mono_name names it)


@lru_cache(maxsize=64)
def _escaped(marks: tuple[str, str, str, str]) -> tuple[str, ...]:
    return tuple(map(_escape, marks))


def _punctuation(char: str) -> bool:
    return char in _ASCII_PUNCTUATION or unicodedata.category(char).startswith("P")
