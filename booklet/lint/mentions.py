"""The Booklet model -> every place a person, an affiliation or an email is written, with file, line and key."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Booklet, Person, Source


@dataclass(frozen=True)
class Mention:
    """One value as written at one place in the data."""

    text: str
    file: str
    line: int
    key: str
    person: Person | None = None  # who it belongs to (None for a session's chair)

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"


def join(base: str, key: str) -> str:
    return f"{base}.{key}" if base else key


class PersonAt:
    """A Person and the key paths of its fields (a poster's single `author:` form has its own keys)."""

    def __init__(self, person: Person, poster_single: bool = False):
        self.person = person
        self.source = person.source or Source("", 0, "")
        self.single = poster_single

    def key(self, field: str) -> str:
        if self.single and field == "name":
            field = "author"
        return join(self.source.key, field)

    def mention(self, text: str, field: str) -> Mention:
        return Mention(text, self.source.file, self.source.line, self.key(field), self.person)


def people(booklet: Booklet) -> list[PersonAt]:
    """Committee members, speakers and authors, tutorials' presenters and authors and poster authors, in file order."""
    found = [PersonAt(p) for c in booklet.conference.committees for p in c.members]
    found += [PersonAt(p) for a in booklet.abstracts for p in a.authors]
    found += [PersonAt(p) for t in booklet.tutorials for p in t.people]
    for poster in booklet.posters:
        single = len(poster.authors) == 1 and poster.authors[0].source == poster.source
        found += [PersonAt(p, single) for p in poster.authors]
    return sorted(found, key=lambda at: file_order(at.source))


def sessions(booklet: Booklet):
    """(day index, Session) for every session block and parallel track, in programme order."""
    for index, day in enumerate(booklet.days):
        for session in day.sessions():
            yield index, session


def names(booklet: Booklet, everyone: list[PersonAt] | None = None) -> list[Mention]:
    """Every name as written: people's names and sessions' chairs (`everyone`: people(booklet), when made)."""
    found = [at.mention(at.person.name, "name") for at in everyone or people(booklet)]
    for _, session in sessions(booklet):
        for key, chair in chair_keys(session):
            found.append(Mention(chair, session.source.file, session.source.line, key))
    return sorted(found, key=file_order)


def chair_keys(session) -> list[tuple[str, str]]:
    """(key, name) of each of a session's chairs: `chair` for one, `chair[i]` for each of a list (none without the
    session's source)."""
    if session.source is None:
        return []
    key = join(session.source.key, "chair")
    if len(session.chairs) == 1:
        return [(key, session.chairs[0])]
    return [(f"{key}[{index}]", chair) for index, chair in enumerate(session.chairs)]


def affiliations(booklet: Booklet, everyone: list[PersonAt] | None = None) -> list[Mention]:
    """Every affiliation as written (`affiliation` when one, `affiliation[i]` when a list)."""
    found = []
    for at in everyone or people(booklet):
        several = len(at.person.affiliations) > 1
        for index, text in enumerate(at.person.affiliations):
            found.append(at.mention(text, f"affiliation[{index}]" if several else "affiliation"))
    return found


def emails(booklet: Booklet, everyone: list[PersonAt] | None = None) -> list[Mention]:
    """Every email address as written: people's, and participants' (never printed, but what the organisers write to)."""
    found = [at.mention(at.person.email, "email") for at in everyone or people(booklet) if at.person.email]
    return found + [Mention(p.email, p.source.file, p.source.line, join(p.source.key, "email"))
                    for p in booklet.participants if p.email and p.source]


def file_order(where) -> tuple:
    """conference.yaml first, then the other files by name, then by line: the order problems are listed in."""
    return (where.file != "conference.yaml", where.file, where.line)
