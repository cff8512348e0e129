"""The programme against the abstracts and tutorials -> warnings: talks scheduled twice or never, titles that differ."""

from __future__ import annotations

from dataclasses import replace

from ..data.fields import as_written
from ..model import Booklet, Item, Source
from ..problems import Problem, did_you_mean
from ..text.folding import unmarked, words
from .mentions import join
from .text import quoted, squeeze


def check_coverage(booklet: Booklet, lines=None) -> list[Problem]:
    """Warnings about talks scheduled twice or never, programme titles and posters' sessions; `lines`
    (data.locate.Lines) finds the line of the key each is about (an item's `talk:`, a poster's `session:`, not the
    entry's first line, which the model keeps)."""
    items = [item for day in booklet.days for item in day.items()]
    problems = _scheduled(booklet, items) + _titles(items) + _poster_sessions(booklet)
    if lines is None:
        return problems
    return [replace(p, line=lines.line(p.file, p.key, p.line)) for p in problems]


def _poster_sessions(booklet: Booklet) -> list[Problem]:
    """A warning for each poster whose `session:` names no session of the programme (nor a poster-session line):
    a heading of its own when posters are grouped by session, and no day when abstracts are by day."""
    if not booklet.days:
        return []
    from ..data.fields import as_written
    from ..layout.common import programme_sessions, same_name

    named, _, written = programme_sessions(booklet)
    problems = []
    for poster in booklet.posters:
        if poster.session and same_name(poster.session) not in named:
            session = as_written(poster.session)  # (one the fonts print nothing of: the label prints)
            meant = did_you_mean(session, written)
            problems.append(_at(poster.source, "session", f"no session {quoted(session)} in programme.yaml"
                                f"{meant}", "poster-session"))
    return problems


def _scheduled(booklet: Booklet, items: list[Item]) -> list[Problem]:
    problems, first = [], {}
    for item in items:
        if item.abstract is None:
            continue
        if item.abstract.id in first and not item.again:
            earlier = first[item.abstract.id]
            problems.append(_at(item.source, "talk", f"talk {quoted(item.abstract.id)} is already in the programme "
                                f"at {earlier.file}:{earlier.line}; remove one of them, or, if the talk is given "
                                "again, write `again: true` on this one", "scheduled-twice"))
        elif item.abstract.id not in first:
            first[item.abstract.id] = item.source or Source("", 0, "")
            if item.again:  # (its abstract is printed with its first time: this one)
                problems.append(_at(item.source, "again", f"`again: true` on talk {quoted(item.abstract.id)}'s first "
                                    "time in the programme: it says a talk is held again; put it on its later times",
                                    "again-first"))
    if not booklet.days:  # no programme yet: nothing is scheduled, and saying so for each talk helps nobody
        return problems
    for abstract in booklet.abstracts:
        if abstract.id not in first:
            problems.append(_at(abstract.source, "id", f"abstract {quoted(abstract.id)} is not in the programme",
                                "never-scheduled"))
    scheduled = {item.tutorial.id for item in items if item.tutorial}
    for tutorial in booklet.tutorials:
        if tutorial.id not in scheduled:
            problems.append(_at(tutorial.source, "id", f"tutorial {quoted(tutorial.id)} is not in the programme",
                                "tutorial-never-scheduled"))
    return problems


def _titles(items: list[Item]) -> list[Problem]:
    """A programme item's own title must be a short form of its talk's (or tutorial's) title: as written (a title
    the fonts print nothing of prints a label, the same for any two)."""
    problems = []
    for item in items:
        target = item.abstract or item.tutorial
        if not item.title or target is None:
            continue
        title, full = as_written(item.title), as_written(target.title)
        if is_short_form(title, full):
            continue
        what = "abstract" if item.abstract else "tutorial"
        where = target.source or Source("", 0, "")
        message = (f"programme title {quoted(squeeze(title))} differs from the {what}'s title "
                   f"{quoted(squeeze(full))} ({where.file}:{where.line})")
        problems.append(_at(item.source, "title", message, "title-mismatch"))
    return problems


def is_short_form(short: str, full: str) -> bool:
    """Whether `short` is `full`, or its first words, but for capitals, accents and punctuation; either with a mark of
    the day or part after it (a workshop held each day: 'Zine workshop (Day 2)' for 'Zine workshop')."""
    short_words, full_words = words(short), words(full)
    if bool(short_words) and full_words[:len(short_words)] == short_words:
        return True
    return unmarked(short) != short and is_short_form(unmarked(short), full)


def _at(source: Source | None, key: str, message: str, kind: str) -> Problem:
    source = source or Source("", 0, "")
    return Problem(source.file, source.line, join(source.key, key), message, "warning", kind)
