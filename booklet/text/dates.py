"""Dates in the booklet's language ('Montag, 14. Juni', '13–17 septembre 2027'), from the Unicode
CLDR data that babel ships: never the process locale (strftime's %A and %B depend on it).

CLDR gives a pattern for a set of fields (a "skeleton": 'MMMMEEEEd' is weekday, day and month, in
full); a locale that has no pattern for exactly those widths has one for a near set ('E, d MMM'),
whose widths are then made those asked for, as TR35 says (and ICU does): 'EEEE, d MMMM'.

Plain 'en' takes British English's patterns (en_GB: 'Monday 14 June', '13–17 September 2027'), as
the booklet's English words are British; 'en-US' gives 'Monday, June 14'.

The same data gives how the language lists names (`listed`: 'A, B and C', 'A, B und C', 'A, B et C').

CLDR writes the first of a month as a bare number everywhere; French typography writes it as an ordinal, "1er
octobre" ("vendredi 1 octobre" is a typesetter's error; the other days stay cardinal): _FIRST_OF_MONTH. The text is
written plain ("1er", what the outline and a search find); where it prints, its letters are raised (raised_ordinal).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

DAY = "MMMMEEEEd"  # Monday 14 June
MONTH = "yMMMM"  # June 2027
FULL = "yMMMMEEEEd"  # Monday, 14 June 2027
RANGE = "yMMMMd"  # 13–17 September 2027

_SAME = {"c": "E", "e": "E", "L": "M"}  # fields told apart only by form (stand-alone, local)

# what follows the day's number on the first of a month, by language: the ordinal French writes there ("1er octobre",
# "1er–3 octobre 2027", "mercredi 1er septembre"), where CLDR's patterns give the number alone
_FIRST_OF_MONTH = {"fr": "er"}
# how those letters print (raised): their size and how far they are raised, as fractions of the figures' size (their
# x-height's top at about the figures' height: "1er" with a superscript "er", as French typography sets it)
ORDINAL_SIZE, ORDINAL_RISE = 0.55, 0.42


def raised_ordinal(marked: str, language: str) -> str:
    """A date's markup (`marked`: markup.inline of what this module wrote) with the letters of the ordinal on the first
    of a month raised and smaller ('1<super>er</super> mars'), as French typography sets them everywhere a date prints
    (the cover, the contents, running heads, the abstracts' lines; only the day's number set large raised them: a
    typesetter's review). The text and the outline keep '1er' as written."""
    from .languages import base_language

    suffix = _FIRST_OF_MONTH.get(base_language(language))
    if not suffix:
        return marked
    return re.sub(rf"(?<![\w.,])1{suffix}(?!\w)", "1" + raised(suffix), marked)


def raised(letters: str) -> str:
    """The markup of an ordinal's `letters` (markup) raised and smaller beside its number (ORDINAL_SIZE, ORDINAL_RISE):
    every date's (raised_ordinal), and the day's number set large (layout.programme)."""
    return f'<super rise="{ORDINAL_RISE:.0%}" size="{ORDINAL_SIZE:.0%}">{letters}</super>'


def _remembered(function):
    """`function` (of dates and language codes, answering a str or a bool from babel's CLDR data) with its
    answers kept with the data folder's layouts on disk (cache.persisted.fact, by its name, its arguments and
    babel's files): a build that writes no new date never loads babel's locale data (0.01-0.02 s)."""
    from functools import wraps

    @wraps(function)
    def remembered(*args, **kwargs):
        from ..cache.persisted import fact

        question = (args, tuple(sorted(kwargs.items())))
        try:
            hash(question)
        except TypeError:  # not a value to key by (the data's checks report it)
            return function(*args, **kwargs)
        return fact("dates." + function.__name__, "babel", question, lambda: function(*args, **kwargs))

    return remembered


@cache
def locale_of(language: str):
    """The babel Locale of a language code ('de', 'de-AT', 'pt_BR'); British English for 'en', and for
    a code CLDR does not know (the data check has rejected it already)."""
    from babel import Locale
    from babel.core import UnknownLocaleError

    code = language.replace("-", "_")
    try:
        return Locale.parse("en_GB" if code.lower() == "en" else code)
    except (UnknownLocaleError, ValueError, TypeError):
        return Locale.parse("en_GB")


def locale_data_read(language: str) -> None:
    """babel's dates module imported and the CLDR data of `language` read (locale_of's Locale keeps it), for a process
    about to fork workers that write dates with no disk cache to answer them from (see _remembered): read once there,
    not once in each (0.02-0.05 s each)."""
    from importlib import import_module

    import_module("babel.dates")  # (what _written and _pattern import)

    locale_of(language).datetime_skeletons  # noqa: B018 - (reads the locale's data)


def listed(items: list[str], language: str) -> str:
    """`items` (texts, or markup) as the language lists them: 'A and B', 'A, B und C' (CLDR's list patterns)."""
    if len(items) < 2:
        return "".join(items)
    words = _list_words(len(items), language)  # (what goes between them)
    return "".join(item + (words[k] if k < len(words) else "") for k, item in enumerate(items))


@_remembered
def _list_words(count: int, language: str) -> tuple[str, ...]:
    from babel.lists import format_list

    return tuple(format_list(["\0"] * count, locale=locale_of(language)).split("\0")[1:-1])


@_remembered
def known(language: str) -> bool:
    """True when CLDR has data for the code (what `language:` in conference.yaml must be)."""
    from babel import Locale
    from babel.core import UnknownLocaleError

    try:
        Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return False
    return True


@_remembered
def language_script(language: str) -> str | None:
    """The script a language code is written in, by CLDR's likely subtags when the code names none ("Hant" for
    "zh-TW"); None when CLDR gives none (what `locale_of(language).script` is)."""
    return locale_of(language).script


@_remembered
def script_name(script: str, language: str) -> str | None:
    """The name of a script (an ISO 15924 code: "Grek") in the language (CLDR): "Greek", "griechisch"; None when CLDR
    has no name for it."""
    return locale_of(language).scripts.get(script)


@_remembered
def day_and_date(date: dt.date, language: str) -> str:
    """'Monday 14 June', 'Montag, 14. Juni', 'lundi 14 juin' (as within a line: see at_line_start)."""
    return _format(date, DAY, language)


@_remembered
def weekday(date: dt.date, language: str) -> str:
    """'Monday', 'Montag', 'lundi' (the stand-alone form)."""
    from babel.dates import format_date

    return format_date(date, "cccc", locale=locale_of(language))


@_remembered
def month_and_year(date: dt.date, language: str) -> str:
    """'June 2027', 'Juni 2027', 'junio de 2027'."""
    return _format(date, MONTH, language)


@_remembered
def after_day_number(date: dt.date, language: str) -> str:
    """What follows a day's number set large (day_number), as the language writes the date: 'Juni 2027', 'juin
    2027', 'de junio de 2027' (a typesetter's review: "14 / Lunes / junio de 2027" lost its "de"); the month and
    year when the language writes the day after the month ('June 2027')."""
    whole = _format(date, RANGE, language)
    number = day_number(date, language)
    rest = whole[len(number):].strip() if whole.startswith(number) else ""
    return rest or month_and_year(date, language)


@_remembered
def full_date(date: dt.date, language: str) -> str:
    """'Monday, 14 June 2027', 'Montag, 14. Juni 2027'."""
    return _format(date, FULL, language)


@_remembered
def date_range(start: dt.date, end: dt.date, language: str) -> str:
    """'13–17 September 2027', '22.–26. Juli 2019', '29 septembre – 3 octobre 2027': CLDR's interval
    patterns, with the months in full; one date when start and end are the same day."""
    from babel.dates import format_date, match_skeleton

    locale = locale_of(language)
    if start == end:
        return _format(start, RANGE, language)
    formats = locale.interval_formats
    skeleton = match_skeleton(RANGE, formats)
    field = "y" if start.year != end.year else "M" if start.month != end.month else "d"
    parts = [str(part) for part in formats[skeleton].get(field, ())] if skeleton else []
    one = _pattern(RANGE, locale)
    if _month(one) == "word" and any(_month(part) == "number" for part in parts):
        parts = []  # Czech gives '13.–17. 9. 2027' where one date names the month: not on a cover
    if not parts:  # both dates in full, joined as the locale joins two dates
        joined = formats.get(None) or "{0} \u2013 {1}"
        return joined.replace("{0}", _written(start, one, locale)).replace("{1}", _written(end, one, locale))
    made = "".join(_written(day, _widened(part, RANGE), locale) for part, day in zip(parts, (start, end)))
    return _BETWEEN_NUMBERS.sub("\\1\u2013", made)


# CLDR's English and Portuguese set the dash between two days' numbers apart with thin spaces ("14 – 18 June"), where
# the others, and English typesetting, close it up ("14–18 June"; between words it stays: "29 September – 3 October")
_BETWEEN_NUMBERS = re.compile(r"(?<!\d)(\d\d?)\u2009\u2013\u2009(?=\d\d?\b)")  # (not after a year: "2027 – 2 January")


def at_line_start(text: str) -> str:
    """The first letter capitalised, as a date that opens a heading or a line is written in every
    language that has capitals ('lundi 14 juin' -> 'Lundi 14 juin'; CLDR's beginning-of-sentence form)."""
    return text[:1].upper() + text[1:]


def _format(date: dt.date, skeleton: str, language: str) -> str:
    locale = locale_of(language)
    return _written(date, _pattern(skeleton, locale), locale)


def _written(date: dt.date, pattern: str, locale) -> str:
    """`date` written by `pattern`, the first of a month as the language writes it (_FIRST_OF_MONTH: "1er")."""
    from babel.dates import format_date, tokenize_pattern, untokenize_pattern

    suffix = _FIRST_OF_MONTH.get(locale.language) if date is not None and date.day == 1 else None
    if suffix:
        tokens = []
        for kind, value in tokenize_pattern(pattern):
            tokens.append((kind, value))
            if kind == "field" and value[0] == "d":
                tokens.append(("chars", suffix))
        pattern = untokenize_pattern(tokens)
    return format_date(date, pattern, locale=locale)


@cache
def _pattern(skeleton: str, locale) -> str:
    """The locale's pattern for `skeleton`, its fields at the skeleton's widths."""
    from babel.dates import match_skeleton

    found = match_skeleton(skeleton, locale.datetime_skeletons)
    if found is None:
        return locale.date_formats["long"].pattern
    return _widened(locale.datetime_skeletons[found].pattern, skeleton)


def _widened(pattern: str, skeleton: str) -> str:
    """`pattern` with each field at the width `skeleton` asks for ('E, d MMM' for 'MMMMEEEEd' ->
    'EEEE, d MMMM'), except where that would turn a number into a word or back (TR35's adjustment)."""
    from babel.dates import tokenize_pattern, untokenize_pattern

    wanted = {_SAME.get(char, char): width for kind, (char, width) in tokenize_pattern(skeleton) if kind == "field"}
    tokens = []
    for kind, value in tokenize_pattern(pattern):
        if kind == "field":
            char, width = value
            want = wanted.get(_SAME.get(char, char))
            if want and _is_word(char, width) == _is_word(char, want):
                value = (char, want)
        tokens.append((kind, value))
    return untokenize_pattern(tokens)


def _month(pattern: str) -> str | None:
    """How a pattern writes the month: 'word', 'number', or None (no month)."""
    from babel.dates import tokenize_pattern

    months = [value for kind, value in tokenize_pattern(pattern) if kind == "field" and value[0] in "ML"]
    return ("word" if _is_word(*months[0]) else "number") if months else None


def _is_word(char: str, width: int) -> bool:
    """Whether a field at that width is written as a word (a month's or weekday's name) or a number."""
    if char in "MLce":
        return width >= 3
    return char == "E"


@_remembered
def day_and_month(date: dt.date, language: str, short: bool = False) -> str:
    """'14 June', '14. Juni', '14 juin'; `short`: the month abbreviated ('14 Jun') where the locale has a form."""
    return _format(date, "MMMd" if short else "MMMMd", language)


@_remembered
def day_number(date: dt.date, language: str) -> str:
    """'14', '14.' (de), '14日' (ja): the day of the month as the locale writes it with the month's name (CLDR's
    'd MMMM' pattern: the day and what follows it up to a space), for a day's number set large on its own."""
    from babel.dates import tokenize_pattern

    locale = locale_of(language)
    number = str(date.day) + (_FIRST_OF_MONTH.get(locale.language, "") if date.day == 1 else "")  # '1er' (fr)
    tokens = tokenize_pattern(_pattern("MMMMd", locale))
    for index, (kind, value) in enumerate(tokens):
        if kind == "field" and value[0] == "d":
            after = tokens[index + 1][1] if index + 1 < len(tokens) and tokens[index + 1][0] == "chars" else ""
            return number + after.split(" ", 1)[0].split("\u00a0", 1)[0]
    return number


@_remembered
def short_weekday(date: dt.date, language: str) -> str:
    """'Mon', 'Mo', 'lun.' (the stand-alone abbreviated form)."""
    from babel.dates import format_date

    return format_date(date, "ccc", locale=locale_of(language))
