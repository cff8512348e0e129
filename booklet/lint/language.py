"""conference.yaml's `language` -> a warning when it is not a real language code, with the code meant.

The booklet gives the code to the PDF (its language, for screen readers and search), to the
hyphenation, and to the dates and words it prints. Real codes are those in the Unicode CLDR data
that babel ships: ISO 639 languages, ISO 3166 regions and ISO 15924 scripts ('en', 'en-GB', 'sr-Latn').
A code that CLDR cannot read at all ('xx', 'english', 'en-XX') is an error, reported by validate.py
with text.languages' message (`language_problem`, the code meant); what is left to warn about here
are codes that CLDR reads but that are not the code meant ('eng', 'en-UK', 'sr-Latx').
validate.py also rejects codes with characters other than letters, '-' and '_'.
"""

from __future__ import annotations

from ..model import Booklet
from ..problems import Problem, listed
from ..text.languages import language_problem

def check_language(booklet: Booklet, lines) -> list[Problem]:
    """`lines` (data.locate.Lines) finds the line of `language:` in conference.yaml."""
    from ..text.dates import known

    if not known(booklet.conference.language):
        return []  # an error already (data.theme.language_problem), not a warning too
    message = language_problem(booklet.conference.language)
    if message is None:
        return []
    line = lines.line("conference.yaml", "language", 1)
    return [Problem("conference.yaml", line, "language", message, "warning", "language")]


def check_date_characters(booklet: Booklet, lines) -> list[Problem]:
    """The booklet's dates, written in its language, holding characters its fonts cannot print (Japanese,
    Arabic, Thai ... in the bundled fonts): one warning at `language:`, as for any text, with what prints."""
    from ..text import dates
    from ..text.fonts import unprintable

    language, conference = booklet.conference.language, booklet.conference
    if not dates.known(language):
        return []  # an error already
    written = [dates.at_line_start(dates.date_range(conference.start, conference.end, language))]
    for day in sorted({conference.start, *(day.date for day in booklet.days)}):
        written += [dates.day_and_date(day, language), dates.full_date(day, language), dates.weekday(day, language),
                    dates.short_weekday(day, language), dates.month_and_year(day, language),
                    dates.day_number(day, language), dates.day_and_month(day, language, short=True)]
    missing = unprintable("".join(dict.fromkeys("".join(written))))
    if not missing:
        return []
    shown = listed([f"'{ch}' (U+{ord(ch):04X})" for ch in missing], 5)
    printed = "".join(ch for ch in written[0] if ch not in missing)
    message = (f"the booklet's fonts cannot print the dates in '{language}': {shown} are left out (the cover's "
               f"'{written[0]}' prints as '{printed}'); give theme.yaml's `fonts:` a font that has them, or write "
               "the booklet in another language")
    return [Problem("conference.yaml", lines.line("conference.yaml", "language", 1), "language", message, "warning",
                    "glyph")]


def check_labels(booklet: Booklet, lines) -> list[Problem]:
    """theme.yaml's labels left in English in a booklet in another language whose words booklet has, or whose
    quotation marks (CLDR's, resources/quotation-marks.yaml: `quote` and `quotes`) it has (what `booklet init`
    writes, kept after `language:` changed): one warning at `labels:`, naming them.

    A few English words may be meant ('Abstracts' in German): only when more than half of the words
    the language has of its own are English in theme.yaml is it taken for the template left in place."""
    from ..data.theme import labels_for

    language = booklet.conference.language
    english, own = labels_for("en", {}), labels_for(language, {})
    differ = [key for key in own if own[key] != english[key]]
    kept = [key for key in differ if booklet.theme.labels.get(key) == english[key]]
    if not differ or len(kept) * 2 <= len(differ):
        return []
    shown = listed([f"{key}: {english[key]}, not {own[key]}" for key in kept], 3, "; ")
    message = (f"{len(kept)} labels are the English words while the booklet's language is {language}, and print "
               f"in place of its own ({shown}); delete those you did not mean to change")
    return [Problem("theme.yaml", lines.line("theme.yaml", "labels", 1), "labels", message, "warning", "labels")]


def check_untranslated(booklet: Booklet, lines) -> list[Problem]:
    """The labels that print in English in a booklet in a language booklet has no words of its own in (pl, sv, ...),
    because theme.yaml's `labels:` does not give them: one warning, naming them (none when theme.yaml gives every one,
    English words included: those are meant; nor the quotation marks, the language's own from CLDR). At `labels:`
    in theme.yaml, else at `language:` in conference.yaml."""
    from ..data.contract import LABEL_KEYS
    from ..data.theme import label_languages, labels_for, plural_standing_in
    from ..text.dates import known, locale_of
    from ..text.languages import base_language

    language = booklet.conference.language
    if not known(language) or base_language(language) in label_languages() or language_problem(language):
        return []  # (an unknown code is an error already, a code not meant, 'eng', a warning; a language booklet has
        # words in prints its own)
    given = {**booklet.theme.labels, **plural_standing_in(booklet.theme.labels)}
    english, own = labels_for("en", {}), labels_for(language, {})
    # (not the quotation marks CLDR gives the language: resources/quotation-marks.yaml)
    left = [key for key in LABEL_KEYS if not given.get(key) and own[key] == english[key]]
    if not left:
        return []
    name = locale_of("en").languages.get(base_language(language), language)
    shown = listed([f"{key}: {english[key]}" for key in left], 3, "; ")
    if given:
        what = (f"{len(left)} labels print in English, as theme.yaml's `labels:` does not give them ({shown}); "
                f"give them there in {name}")
        where = ("theme.yaml", lines.line("theme.yaml", "labels", 1), "labels")
    else:
        what = (f"every fixed word prints in English ({shown}); give the {len(left)} labels in {name} under "
                "theme.yaml's `labels:` (booklet init writes them all there, commented out)")
        where = ("conference.yaml", lines.line("conference.yaml", "language", 1), "language")
    message = f"booklet has no words of its own in {name} ('{language}'): {what}"
    return [Problem(*where, message, "warning", "labels")]


def check_label_characters(booklet: Booklet, lines) -> list[Problem]:
    """The booklet's labels (theme.yaml's, and the language's own words) holding characters its fonts cannot print (a
    font without Polish letters, for `day: DZIEŃ {number}`): a warning at each label theme.yaml gives, one at
    `language:` for the language's own words (only theirs: a label made with theme.yaml's words for another, the
    glance's "Programme ٣ at a glance" from `programme: Programme ٣`, is warned of at that one). Checked here, with
    the theme's fonts: theme.yaml is read before its fonts are in use."""
    from ..data.theme import labels_for, plural_standing_in
    from ..text import markup
    from ..text.fonts import unprintable, unprintable_pieces

    language, given = booklet.conference.language, booklet.theme.labels
    stood_in = plural_standing_in(given)  # (theme.yaml's words for another label: warned of at that one)
    problems: list[Problem] = []
    own: dict[str, list[str]] = {}
    language_words = labels_for(language, {})
    for key, words in labels_for(language, given).items():
        if key in stood_in:
            continue
        # (a narrow no-break space, French's in « », is set as a box of its width, whatever the fonts: THIN in
        # text.paragraph)
        missing = unprintable("".join(dict.fromkeys(markup.plain(words).replace("\u202f", " "))))
        if not missing:
            continue
        if key in given:  # (theme.yaml's words: an emoji sequence named whole, as written)
            missing = unprintable_pieces(markup.plain(words).replace("\u202f", " "))
        else:
            missing = [ch for ch in missing if ch in language_words.get(key, "")]  # (not theme.yaml's, warned of at theirs)
            if missing:
                own[key] = missing
            continue
        shown = listed([_shown(ch) for ch in missing], 5)
        problems.append(Problem("theme.yaml", lines.line("theme.yaml", f"labels.{key}", 1), f"labels.{key}",
                                f"the booklet's fonts cannot print {shown}; left out: give theme.yaml's `fonts:` a "
                                "font that has them", "warning", "glyph"))
    if own:
        chars = list(dict.fromkeys(ch for missing in own.values() for ch in missing))
        shown = listed([_shown(ch) for ch in chars], 5)
        keys = listed(list(own), 3)
        problems.append(Problem("conference.yaml", lines.line("conference.yaml", "language", 1), "language",
                                f"the booklet's fonts cannot print {shown} of its words in '{language}' (the labels "
                                f"{keys}); left out: give theme.yaml's `fonts:` a font that has them", "warning",
                                "glyph"))
    return problems


def _shown(piece: str) -> str:
    from ..data.fields import shown_piece

    return shown_piece(piece)
