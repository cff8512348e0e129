"""The conference and the page size -> a warning for each part of the front cover's text that cannot
fit, even shrunk as far as the cover shrinks text (it is cut off: nothing vanishes silently), or
when the text is shrunk too far to read well."""

from __future__ import annotations

import datetime as dt

from ..data.contract import PLACEHOLDERS
from ..data.locate import Lines
from ..model import Booklet
from ..problems import Problem

WORDS = {"welcome": "welcome line", "title": "title", "subtitle": "subtitle", "dates": "dates", "venue": "venue",
         "tagline": "tagline"}


LEGIBLE = 0.6  # cover text shrunk below this share of its size is hard to read: say so


def check_cover(booklet: Booklet, page, lines: Lines) -> list[Problem]:
    unused = []
    if booklet.conference.cover_image is not None and booklet.theme.cover_style == "plain":  # (a new user's run)
        unused = [Problem("conference.yaml", lines.line("conference.yaml", "cover_image", 1), "cover_image",
                          "the cover's style is `plain` (theme.yaml), which prints no cover image: this one is not "
                          "printed; give the cover `style: band` or `full-bleed` to print it, or leave the key out",
                          "warning", "cover-image")]
    return unused + _cover_fit(booklet, page, lines)


def _cover_fit(booklet: Booklet, page, lines: Lines) -> list[Problem]:
    from ..layout.cover import cover_fit

    scale, cut = cover_fit(booklet.conference, page, booklet.theme)
    if cut:
        named = ", ".join(WORDS[key] for key in cut)
        return [Problem("conference.yaml", lines.line("conference.yaml", key, 1), key,
                        f"the front cover has no room for the {WORDS[key]}, even with its text shrunk to "
                        f"{scale:.0%}: it is cut off ({named} in all); shorten the title, subtitle or tagline",
                        "warning", "cover-fit") for key in cut]
    if scale < LEGIBLE:
        return [Problem("conference.yaml", lines.line("conference.yaml", "title", 1), "title",
                        f"the front cover's text is shrunk to {scale:.0%} of its size to fit, too small to read "
                        "well; shorten the title, subtitle or tagline", "warning", "cover-fit")]
    return []


def check_running_title(booklet: Booklet, page, lines: Lines) -> list[Problem]:
    """A warning when the running heads cut the conference's title (or short title) with an ellipsis, as they cut a
    title wider than the room beside the day's name: "The Seventeenth International Conference on…" on every page."""
    from ..layout.page import HEAD_SIZE, head_paragraph, head_width
    from ..text import markup
    from ..text.fonts import SANS, register_fonts

    register_fonts()
    conference = booklet.conference
    size, room = page.base_size * HEAD_SIZE, head_width(page, beside_day=bool(booklet.days))
    head = head_paragraph(markup.inline(conference.running_title), SANS, size, room)  # as the heads print it
    printed = "".join(frag.text for frag in head.frags)
    if not printed.endswith("\u2026"):
        return []
    shown = printed[:-1]
    key = "short_title" if conference.short_title else "title"
    what = "short title" if conference.short_title else "title"
    return [Problem("conference.yaml", lines.line("conference.yaml", key, 1), key,
                    f"the running heads have room for {len(shown)} characters of the {what}: they print "
                    f"\u201c{printed}\u201d; give a shorter `short_title` (what the running heads print)",
                    "warning", "running-title")]


def check_back_cover(booklet: Booklet, page, lines: Lines) -> list[Problem]:
    """A warning when the back cover's quote, notes and contact lines are shrunk too far to read well to fit the
    page, or cut off even so (the back cover shrinks them as the front cover does its text)."""
    conference = booklet.conference
    if not (conference.quote or conference.notes):
        return []
    from ..layout.backmatter import back_cover
    from ..layout.common import Context

    scale, cut = back_cover(Context(booklet, page)).fit()
    if not cut and scale >= LEGIBLE:
        return []
    key = "quote" if conference.quote else "notes"
    said = (f" has no room for all its text, even shrunk to {scale:.0%}: it is cut off at the bottom" if cut else
            f"'s text is shrunk to {scale:.0%} of its size to fit, too small to read well")
    return [Problem("conference.yaml", lines.line("conference.yaml", key, 1), key,
                    f"the back cover{said}; shorten the quote or the notes", "warning", "cover-fit")]


def check_sponsor_names(booklet: Booklet, page, lines: Lines) -> list[Problem]:
    """A warning for each sponsor without a logo whose name, printed in the logo's box, is shrunk too far to read well
    to fit it (the sponsors' page shrinks it as the covers do their text, the other names of its tier with it)."""
    from ..layout.common import Context
    from ..layout.sponsors import name_scales

    context = Context(booklet, page)
    if not booklet.conference.sponsors or not context.has("sponsors"):
        return []
    problems = []
    for index, scale in name_scales(context):
        if scale >= LEGIBLE:
            continue
        key = f"sponsors[{index}].name"
        problems.append(Problem("conference.yaml", lines.line("conference.yaml", key, 1), key,
                                f"the name of a sponsor without a logo, printed in the logo's place, is shrunk to "
                                f"{scale:.0%} of its size to fit its box, too small to read well (and the other names "
                                "without a logo of its tier with it); shorten it, or give the sponsor a logo", "warning", "sponsor-name"))
    return problems


def check_placeholders(booklet: Booklet, lines: Lines, guessed: tuple[tuple[str, str, str], ...] = ()
                       ) -> list[Problem]:
    """A warning for each value of conference.yaml that is still what `booklet import` wrote for one its source did
    not give (data.contract.PLACEHOLDERS): it would be printed, on the cover and in the running heads; and for each
    value still the one it guessed (`guessed`: data.load.import_guesses, the record's file, key and value: the day of
    the import for the dates), at its file, line and key, a date being no placeholder a reader would notice."""
    conference = booklet.conference
    problems = [Problem("conference.yaml", lines.line("conference.yaml", key, 1), key,
                        f"'{placeholder}' is the placeholder booklet import wrote (its source has no {WORDS[key]}): "
                        f"write the conference's own {WORDS[key]} before printing", "warning", "placeholder")
                for key, placeholder in PLACEHOLDERS.items() if getattr(conference, key, None) == placeholder]
    for file, key, value in guessed:
        now = lines.value(file, key)
        if now is None or (now.isoformat() if isinstance(now, dt.date) else str(now)).strip() != value:
            continue  # (the LOC's own value, or the key gone)
        said = GUESSED_WORDS.get(key, "what booklet import guessed for want of a value in its source: write the real "
                                      "one before printing")
        problems.append(Problem(file, lines.line(file, key, 1), key, f"{value} is {said}", "warning", "placeholder"))
    return sorted(problems, key=lambda problem: (problem.file, problem.line))


# what a value booklet import guessed is, by its key (importers.assemble: a source with no dates)
_DAY = ("the day booklet import ran, written as the {} for want of dates in its source: it would be printed on the "
        "cover; write the conference's own dates before printing")
GUESSED_WORDS = {"dates.start": _DAY.format("first day"), "dates.end": _DAY.format("last day")}
