"""The Booklet model -> warnings for names and texts that are a conference system's placeholders ("TBA", "N.N.",
"John Doe", "Chair 1", "[Abstract folgt]"): printed as they are (a participant's left out of the list)."""

from __future__ import annotations

from ..data.contract import placeholder_name, placeholder_text
from ..model import Booklet
from ..problems import Problem
from . import mentions


def placeholder_names(booklet: Booklet, lines, everyone=None) -> list[Problem]:
    """A warning, with its line, at each of people's and participants' names, chairs, programme items' titles and
    sessions' names that is a placeholder (`everyone`: mentions.people(booklet), when made). No abstract's text:
    lint.again takes these from the last lint after an edit to texts alone; placeholder_abstracts and
    placeholder_entries warn of the texts, lint runs the three in that order."""
    problems = []
    warn = _warner(problems, lines)
    for at in everyone or mentions.people(booklet):
        if placeholder_name(at.person.name):
            warn(at.source.file, at.source.line, at.key("name"), at.person.name, "a name")
    for participant in booklet.participants:  # (layout.participants.listed leaves them out)
        if placeholder_name(participant.name) and participant.source:
            warn(participant.source.file, participant.source.line, mentions.join(participant.source.key, "name"),
                 participant.name, "a participant's name",
                 "it is left out of the list of participants; write the real one, or remove the entry")
    for _, session in mentions.sessions(booklet):
        for key, chair in mentions.chair_keys(session):
            if placeholder_name(chair):
                warn(session.source.file, session.source.line, key, chair, "a chair's name")
    for day in booklet.days:
        for item in day.items():
            if item.title and not item.abstract and not item.tutorial and placeholder_text(item.title) and item.source:
                warn(item.source.file, item.source.line, mentions.join(item.source.key, "title"), item.title,
                     "a title")
    for _, session in mentions.sessions(booklet):
        if placeholder_text(session.name) and session.source:
            warn(session.source.file, session.source.line, mentions.join(session.source.key, "session"),
                 session.name, "a session's name")
    return problems


def placeholder_abstracts(booklet: Booklet, lines) -> list[Problem]:
    """placeholder_names' warnings at abstracts' titles and texts."""
    problems = []
    warn = _warner(problems, lines)
    for entry in booklet.abstracts:
        _texts(entry, (("title", entry.title), ("abstract", entry.text)), warn)
    return problems


def placeholder_entries(booklet: Booklet, lines) -> list[Problem]:
    """placeholder_names' warnings at tutorials' and posters' titles and texts."""
    problems = []
    warn = _warner(problems, lines)
    for entry in booklet.tutorials:
        _texts(entry, (("title", entry.title), ("description", entry.description)), warn)
    for entry in booklet.posters:
        _texts(entry, (("title", entry.title), ("abstract", entry.abstract or "")), warn)
    return problems


def _warner(problems: list[Problem], lines):
    """warn(file, line, key, text, what, then): a placeholder's warning added to `problems`, at its key's line."""

    def warn(file: str, line: int, key: str, text: str, what: str,
             then: str = "it would be printed as it is; write the real one before printing") -> None:
        problems.append(Problem(file, lines.line(file, key, line), key,
                                f"'{_shown(text)}' is a placeholder, not {what}: {then}", "warning", "placeholder"))

    return warn


def _texts(entry, fields, warn) -> None:
    source = entry.source
    if source is None:
        return
    for key, text in fields:
        if text and placeholder_text(text):
            warn(source.file, source.line, mentions.join(source.key, key), text,
                 "a title" if key == "title" else "a text")


def _shown(text: str) -> str:
    return text if len(text) <= 40 else text[:40].rstrip() + "\u2026"
