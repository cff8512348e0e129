"""Text as written -> its folded form (accents stripped, case folded) and its words: the form in which
names, places, language names and titles are compared, by the checks of data and by lint."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters that NFKD does not take apart into a base letter and an accent.
_SPECIAL = str.maketrans({
    "ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ß": "ss", "ẞ": "Ss",
    "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "ł": "l", "Ł": "L", "þ": "th", "Þ": "Th",
    "ı": "i", "ħ": "h", "Ħ": "H",
})
_WORD = re.compile(r"[^\W_]+")


def strip_accents(text: str) -> str:
    """`text` without accents (é -> e, ø -> o, ß -> ss); case and punctuation kept."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=1 << 16)  # the same names and affiliations at every lint of a watch
def fold(text: str) -> str:
    """Accents stripped and case folded: the form in which two spellings are compared."""
    return strip_accents(text).casefold()


def words(text: str) -> list[str]:
    """The folded words of `text`, punctuation and spacing dropped."""
    return _WORD.findall(fold(text))


# The word for "day" and for "part" in the languages of the exports met: a title marks its day or part with one.
DAY_WORDS = ("day", "tag", "jour", "dia", "d\u00eda", "giorno", "dag")
PART_WORDS = ("part", "teil")
_DAY_OR_PART = "|".join(DAY_WORDS + PART_WORDS)
_MARK = re.compile(rf"\s*(?:[-\u2013\u2014:,]\s*)?(?:\((?:{_DAY_OR_PART})\s*\d{{1,2}}\)|\[(?:{_DAY_OR_PART})\s*"
                   rf"\d{{1,2}}\]|\b(?:{_DAY_OR_PART})\s*\d{{1,2}})\s*$", re.IGNORECASE)


def unmarked(title: str) -> str:
    """A title without its mark of the day or part at its end: 'SMD for Beginners' of 'SMD for Beginners (Day 2)',
    'POTA [DAY 3]', 'Nerds spielen Spiele - Tag 1', 'Hack Your Brain Part 2' (the title itself when that leaves
    nothing)."""
    return _MARK.sub("", title) or title
