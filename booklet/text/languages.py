"""A language code as written (conference.yaml's `language`, an entry's) -> what is wrong with it, and the code
meant: real codes are those in the Unicode CLDR data that babel ships (ISO 639 languages, ISO 3166 regions, ISO
15924 scripts: 'en', 'en-GB', 'sr-Latn'). validate.py reports a code CLDR cannot read with this module's message;
lint.language warns of codes CLDR reads that are not the code meant ('eng', 'en-UK').
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from functools import cache

from .folding import fold
from .places import country_code, named_in

NOT_LANGUAGES = {"und", "zxx", "mis"}  # undetermined, no linguistic content, uncoded


def base_language(code: str) -> str:
    """A language code's language alone, in lower case: 'de' for 'de-AT' and 'DE_at', 'sv' for 'sv-SE'."""
    return code.replace("_", "-").split("-")[0].lower()


# The languages written with a space between syllables, not between words: Vietnamese ("vật lý", physics; "nghiên
# cứu", research) and Hmong's Romanized Popular Alphabet ("lus Hmoob"; its codes: the macrolanguage, White and Green
# Hmong). A word of one or two letters there is as often a syllable of a longer word as a word of its own.
SYLLABLE_SPACED = frozenset({"vi", "hmn", "mww", "hnj"})
# the letters Vietnamese writes that English, French or German do not: o and u with a horn, and the vowels with a tone
# mark below or a hook above, alone or under a circumflex or a breve (Unicode's Latin Extended Additional from U+1EA0,
# made for Vietnamese)
_VIETNAMESE_LETTER = re.compile("[\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]")
# of those, the ones other languages write too, words spaced: Yoruba's and Igbo's e, i, o and u with a dot below
# ("ẹ̀kọ́", "Asụsụ Igbo na ọdịnihu"), Guarani's e and y with a tilde ("ñe’ẽ"), Welsh's y with a grave; a text with these
# alone is not Vietnamese (the short words of "Asụsụ Igbo na…" are left out as English ones are)
_SHARED_LETTERS = "\u1eb8\u1eb9\u1ebc\u1ebd\u1eca\u1ecb\u1ecc\u1ecd\u1ee4\u1ee5\u1ef2\u1ef3\u1ef8\u1ef9"
_VIETNAMESE_OWN = re.compile(f"{_VIETNAMESE_LETTER.pattern}(?<![{_SHARED_LETTERS}])")
VIETNAMESE_SHARE = 1 / 3  # of a text's words with such a letter, at least: the text is Vietnamese (not a name in it)


def spaced_by_syllable(text: str, language: str | None) -> bool:
    """Whether `text` is written with a space between syllables: its `language` (a code; None for unknown) is one of
    SYLLABLE_SPACED, Vietnamese when the text holds a letter only Vietnamese writes (a title without one is another
    language's: an English title in a Vietnamese booklet, which gives the booklet's language as its own); or, of no
    such language, VIETNAMESE_SHARE of its words, at least, hold a letter Vietnamese writes, one of them only it (a
    Vietnamese title whose entry does not give its language, in a booklet of another; "Nguyễn" alone in an English
    title is a name; "Asụsụ Igbo na ọdịnihu", Igbo's letters alone, is written with spaces between words)."""
    words = [] if text.isascii() else unicodedata.normalize("NFC", text).split()
    marked = [word for word in words if _VIETNAMESE_LETTER.search(word) is not None]
    vietnamese = any(_VIETNAMESE_OWN.search(word) is not None for word in marked)  # (not Yoruba's, Igbo's alone)
    code = base_language(language) if language else None
    if code == "vi":
        return vietnamese
    return code in SYLLABLE_SPACED or vietnamese and len(marked) >= VIETNAMESE_SHARE * len(words)


@cache
def _english():
    from babel import Locale

    return Locale("en")


@cache
def languages() -> dict[str, str]:
    """Language code -> its English name ('en' -> 'English'), languages without region or script."""
    return {code: name for code, name in _english().languages.items()
            if "_" not in code and code not in NOT_LANGUAGES}


@cache
def _by_name() -> dict[str, str]:
    """A language's name, folded, in English or in the language itself ('deutsch') -> its code."""
    found = {fold(name): code for code, name in languages().items()}
    for code in languages():
        own = named_in(code, "languages", code)
        if own:
            found.setdefault(fold(own), code)
    return found


def language_problem(code: str) -> str | None:
    """What is wrong with a language code, and the code meant; None for a real code (kept with the data
    folder's layouts on disk, by the code and babel's files: see cache.persisted.fact)."""
    from ..cache.persisted import fact

    if not isinstance(code, str):
        return _language_problem(code)
    return fact("language_problem", "babel", (code,), lambda: _language_problem(code))


def _language_problem(code: str) -> str | None:
    from babel.core import get_global

    language, *rest = re.split(r"[-_]", code)
    language = language.lower()
    names = languages()
    if language in names:
        return next(filter(None, (_subtag_problem(code, language, sub) for sub in rest)), None)
    meant = get_global("language_aliases").get(language)
    if not rest and meant in names:  # 'eng', 'ger', 'fre': three-letter and old codes
        return f"'{code}' is an older or longer code for {names[meant]}: write '{meant}', the one the PDF uses"
    by_name = _by_name()
    meant = by_name.get(fold(code.replace("_", " ").replace("-", " ")))
    if meant:
        return f"'{code}' is the name of a language, not its code: for {names[meant]} write '{meant}'"
    close = difflib.get_close_matches(fold(code), list(by_name), n=1, cutoff=0.8)
    hint = f" (did you mean '{by_name[close[0]]}', {names[by_name[close[0]]]}?)" if close else ""
    return f"'{code}' is not a language code (ISO 639, like en, de or fr; en-GB with a region){hint}"


def _subtag_problem(code: str, language: str, subtag: str) -> str | None:
    english = _english()
    if len(subtag) == 4 and subtag.isalpha():
        if subtag.title() in english.scripts:
            return None
        return f"'{code}': '{subtag}' is not a script code (ISO 15924, like Latn or Cyrl); write '{language}'"
    if len(subtag) == 2 and subtag.isalpha():
        region = subtag.upper()
        if region in english.territories and region not in ("ZZ", "QO", "XA", "XB"):
            return None
        meant = country_code(subtag)  # 'UK' -> 'GB'
        if meant and meant != region:
            return f"'{code}': '{subtag}' is not a region code (did you mean '{language}-{meant}'?)"
        return (f"'{code}': '{subtag}' is not a region code (ISO 3166): write '{language}' alone, "
                f"or a real region as in {_example(language)}")
    return None  # a variant ('de-1996') or extension: left to the reader


def _example(language: str) -> str:
    """A region code for `language` as an example: its most likely region ('en' -> 'en-US')."""
    from babel.core import get_global

    likely = get_global("likely_subtags").get(language, "")
    region = next((part for part in likely.split("_")[1:] if len(part) == 2), "GB")
    return f"'{language}-{region}'"
