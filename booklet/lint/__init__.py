"""A valid Booklet -> warnings about data that would embarrass a conference in print, grouped by kind."""

from __future__ import annotations

from pathlib import Path

from typing import TYPE_CHECKING

from ..problems import Problem

if TYPE_CHECKING:
    from ..model import Booklet

# Every kind of warning, in the order they are listed, with the heading of its group.
KINDS = {
    "name-variant": "The same person written differently",
    "people-unused": "Names and aliases in people.yaml that the data does not write",
    "affiliation-variant": "The same affiliation written differently",
    "affiliation-split": "Affiliation lists that look like one address cut at its commas",
    "title-mismatch": "Programme titles that are not a short form of the abstract's title",
    "title-name": "Titles that are a person's name",
    "overlap": "Overlapping times",
    "order": "Out of chronological order",
    "odd-time": "Times that look like typos",
    "long-conference": "Conference dates that look mistyped",
    "date-outside": "Days outside the conference dates",
    "date-twice": "The same date twice",
    "double-booked": "People in two parallel sessions at once",
    "empty-session": "Sessions with no items, whose heading prints alone",
    "empty-committee": "Committees with no members, whose name prints alone",
    "scheduled-twice": "Talks scheduled twice",
    "again-without-talk": "`again: true` on items that are not talks",
    "again-first": "`again: true` on a talk's first time",
    "never-scheduled": "Abstracts not in the programme",
    "tutorial-never-scheduled": "Tutorials not in the programme",
    "tutorial-number": "Tutorial titles numbered otherwise than their labels",
    "poster-number": "Poster numbers duplicated or skipped",
    "poster-session": "Poster sessions the programme does not have",
    "participant-twice": "Participants listed twice",
    "person-twice": "People named twice by one abstract, tutorial or poster, or among a session's chairs",
    "missing-photo": "Invited and keynote talks without a photo",
    "missing-text": "Abstracts without a text, among abstracts that have one",
    "too-long": "Abstracts too long for one page",
    "low-resolution": "Images too coarse for print",
    "thin-image": "Images printed too thin to see",
    "glyph": "Characters the booklet's fonts cannot print",
    "font-style": "Fonts without a bold or italic face beside them",
    "font-licence": "Fonts whose licence forbids embedding them",
    "bidi": "Bidirectional control characters, left out",
    "accent": "Combining accents with no letter before them",
    "long-word": "Words of hundreds of characters without a space",
    "script": "Right-to-left and Indic text, printed letter by letter as it is stored, not as it is read",
    "math": "LaTeX printed as written, and math that reads like text",
    "code": "Blocks of code that no fence closes",
    "email": "Malformed email addresses",
    "web-address": "Web addresses that are not one",
    "qr-scheme": "QR codes holding an address a phone would run or open as a file",
    "example": "What booklet init wrote as an example, still to be replaced or removed",
    "placeholder": "Placeholders (TBA, N.N., what booklet import wrote) still to be replaced",
    "cover-fit": "Cover text that does not fit",
    "sponsor-name": "Sponsors' names shrunk too far to fit their box",
    "cover-image": "Cover images the cover's style does not print",
    "running-title": "Titles the running heads cut",
    "language": "Language codes that are not real codes",
    "labels": "Words left in English in a booklet in another language",
    "french-spacing": "French text with no space before ! ? ; or inside « »",
    "empty-label": "Labels, colours and fonts left empty, whose defaults print",
    "yaml-text": "Text that YAML reads as a comment or an anchor, leaving the value empty",
    "stray-file": "Files named like data files that booklet does not read",
    "empty-file": "Data files with nothing in them",
    "contrast": "Colours too pale (or a background too dark) to read",
    "track-colour": "Track colours for sessions the programme does not have",
    "extra-page-place": "Extra pages after a section the booklet leaves out",
    "font-not-embedded": "Extra pages' PDFs that leave their fonts out",
    "extra-page-blank": "Extra pages' PDFs that print nothing",
    "extra-page-title": "Extra pages' titles too long for an entry in the contents",
    "thin-lines": "Extra pages' PDFs with lines too thin to print",
    "extra-page-trim": "Extra pages' PDFs whose trim box lies off their page",
    "section-left-out": "Sections theme.yaml leaves out whose data prints nowhere",
}


# The checks that read an abstract's text (or every value of an entry, or its length laid out): after an edit to
# abstracts' texts alone, these are run again and the others' findings taken from the last lint (lint.again)
READS_TEXT = frozenset({"abstract-texts", "lengths", "french", "example", "placeholder-abstracts"})
# The other checks that read an abstract's title (the programme's titles and times quote it where an item has none of
# its own: Item.shown_title): run again, too, after an edit to abstracts' titles (lint.again)
READS_TITLES = frozenset({"coverage", "schedule", "titles-as-names"})


def lint(booklet: Booklet, page_size="A5", folder: Path | None = None) -> list[Problem]:
    """Every warning about `booklet`, grouped by kind; `page_size` is the build's (a name, or its Page:
    the Page's bleed matters to the cover image, which runs into it; a name means no bleed).

    `folder`, the data folder, gives the exact line of values the model keeps no line for (the
    language, a person's affiliation list); without it they point at the entry's first line."""
    return joined(parts(booklet, page_size, folder))


def joined(found: list[tuple[str, list[Problem]]]) -> list[Problem]:
    """The findings of parts(), grouped by kind, as lint gives them."""
    return [p for _, _, group in grouped([p for _, problems in found for p in problems]) for p in group]


def parts(booklet: Booklet, page_size="A5", folder: Path | None = None,
          taken: dict[str, list[Problem]] | None = None, lines=None) -> list[tuple[str, list[Problem]]]:
    """(name, findings) of each of lint's checks, in lint's order (not grouped yet: joined). `taken`: the findings of
    the checks it names, given (the last lint's, by lint.again): those are not run. `lines`: the data.locate.Lines of
    `folder` to use (a caller's that located findings of its own)."""
    # the checks are loaded here: printing warnings (grouped) needs none of them, nor does a build that takes the
    # warnings of the last build of the same data (cache.built.warnings_of)
    from functools import cache

    from ..data.contract import placeholder_name
    from ..data.load import import_guesses
    from ..data.locate import Lines
    from ..data.people import People
    from ..layout.page import page_for
    from . import mentions
    from .addresses import check_split_affiliations
    from .affiliations import check_affiliations
    from .contrast import check_contrast
    from .cover import (check_back_cover, check_cover, check_placeholders, check_running_title,
                        check_sponsor_names)
    from .coverage import check_coverage
    from .example import check_example
    from .entries import (check_abstract_texts, check_emails, check_empty_committees, check_participants_twice,
                          check_people_twice, check_photos, check_poster_numbers, check_titles_as_names,
                          check_qr_schemes, check_tutorial_numbers, check_web_addresses)
    from .extras import (check_blank_extra_pages, check_extra_page_fonts, check_extra_page_trim, check_extra_pages,
                         check_thin_extra_page_lines)
    from .fit import check_lengths
    from .french import check_french_marks
    from .language import (check_date_characters, check_label_characters, check_labels, check_language,
                           check_untranslated)
    from .names import check_names, check_people_file
    from .placeholders import placeholder_abstracts, placeholder_entries, placeholder_names
    from .resolution import check_resolution
    from .sections import check_sections
    from .schedule import check_schedule

    page = page_for(page_size) if isinstance(page_size, str) else page_size
    lines = lines if lines is not None else Lines(folder)
    b = booklet

    @cache
    def everyone():
        return mentions.people(booklet)

    @cache
    def names():  # ("N.N." twice: nobody)
        return [m for m in mentions.names(booklet, everyone()) if not placeholder_name(m.text)]

    checks = (
        ("names", lambda: check_names(names(), people=People(b.people))),
        ("people-file", lambda: check_people_file(b, names(), lines)),
        ("affiliations", lambda: check_affiliations(mentions.affiliations(b, everyone()))),
        ("split-affiliations", lambda: check_split_affiliations(everyone(), lines)),
        ("coverage", lambda: check_coverage(b, lines)),
        ("schedule", lambda: check_schedule(b, lines)),
        ("posters-participants", lambda: _at_keys(check_poster_numbers(b) + check_participants_twice(b), lines)),
        ("people-twice", lambda: check_people_twice(b)),
        ("empty-committees", lambda: check_empty_committees(b, lines)),
        ("titles-as-names", lambda: check_titles_as_names(b, names(), lines)),
        ("tutorial-numbers", lambda: check_tutorial_numbers(b, lines)),
        ("photos", lambda: check_photos(b)),
        ("abstract-texts", lambda: check_abstract_texts(b, lines)),
        ("lengths", lambda: check_lengths(b, page, lines)),
        ("resolution", lambda: check_resolution(b, page)),
        ("emails", lambda: _at_keys(check_emails(mentions.emails(b, everyone())), lines)),
        ("web-addresses", lambda: check_web_addresses(b, lines)),
        ("qr-schemes", lambda: check_qr_schemes(b, lines)),
        ("language", lambda: check_language(b, lines)),
        ("date-characters", lambda: check_date_characters(b, lines)),
        ("labels", lambda: check_labels(b, lines)),
        ("untranslated", lambda: check_untranslated(b, lines)),
        ("label-characters", lambda: check_label_characters(b, lines)),
        ("french", lambda: check_french_marks(b, lines)),
        ("example", lambda: check_example(b, folder)),
        ("placeholders", lambda: check_placeholders(b, lines, import_guesses(folder) if folder else ())),
        ("placeholder-names", lambda: placeholder_names(b, lines, everyone())),  # (the three: lint.placeholders)
        ("placeholder-abstracts", lambda: placeholder_abstracts(b, lines)),
        ("placeholder-entries", lambda: placeholder_entries(b, lines)),
        ("cover", lambda: check_cover(b, page, lines)),
        ("running-title", lambda: check_running_title(b, page, lines)),
        ("back-cover", lambda: check_back_cover(b, page, lines)),
        ("sponsor-names", lambda: check_sponsor_names(b, page, lines)),
        ("contrast", lambda: check_contrast(b, lines)),
        ("extra-pages", lambda: check_extra_pages(b, lines)),
        ("extra-page-fonts", lambda: check_extra_page_fonts(b, page)),
        ("blank-extra-pages", lambda: check_blank_extra_pages(b)),
        ("thin-extra-page-lines", lambda: check_thin_extra_page_lines(b, page)),
        ("extra-page-trim", lambda: check_extra_page_trim(b)),
        ("sections", lambda: check_sections(b, lines)),
    )
    taken = taken or {}
    return [(name, list(taken[name]) if name in taken else run()) for name, run in checks]


def _at_keys(problems: list[Problem], lines) -> list[Problem]:
    """`problems` (each about one key, at its entry's first line, which the model keeps) at the line of their key: a
    poster's `number:`, a speaker's `email:` a line or more below, as block style writes them."""
    from dataclasses import replace

    return [replace(p, line=lines.line(p.file, p.key, p.line)) for p in problems]


def grouped(problems: list[Problem]) -> list[tuple[str, str, list[Problem]]]:
    """(kind, heading, problems) for each kind present, in the order of KINDS (others after), duplicates dropped."""
    groups: dict[str, list[Problem]] = {}
    seen = set()
    for problem in problems:
        if problem not in seen:
            seen.add(problem)
            groups.setdefault(problem.kind, []).append(problem)
    order = {kind: index for index, kind in enumerate(KINDS)}
    kinds = sorted(groups, key=lambda kind: (order.get(kind, len(order)), kind))
    return [(kind, KINDS.get(kind, kind or "Errors"), groups[kind]) for kind in kinds]
