"""People entries (speakers, authors, presenters, members) in YAML -> Person models."""

from __future__ import annotations

from .fields import Fields, Report, each_mapping
from .load import Seq
from ..model import Person

SPEAKER_KEYS = ("name", "affiliation", "email", "photo")
AUTHOR_KEYS = ("name", "affiliation", "presenting", "email", "photo")
PRESENTER_KEYS = ("name", "affiliation", "bio", "photo", "email")
MEMBER_KEYS = ("name", "affiliation", "role", "email")


def read_person(report: Report, f: Fields) -> Person | None:
    """A Person from a mapping whose allowed keys were already checked by `f`."""
    name = f.text("name", required=True)
    person = Person(
        name or "",
        affiliations=f.texts("affiliation") if "affiliation" in f.map else (),
        email=f.text("email", printed=False) if "email" in f.map else None,
        photo=f.image("photo") if "photo" in f.map else None,
        role=f.text("role") if "role" in f.map else None,
        bio=f.text("bio") if "bio" in f.map else None,
        presenting=f.boolean("presenting") if "presenting" in f.map else False,
        source=f.source(),
    )
    return person if name else None


def read_people(report: Report, seq: Seq | None, path: str, keys) -> tuple[Person, ...]:
    people = []
    for index, item in each_mapping(report, seq or (), path, "a person"):
        person = read_person(report, Fields(report, item, f"{path}[{index}]", keys, required=("name",)))
        if person:
            people.append(person)
    return tuple(people)


def read_authors(report: Report, f: Fields) -> tuple[Person, ...]:
    """An abstract's `speaker:` (short form) or `authors:` (long form); exactly one of them."""
    if "speaker" in f.map and "authors" in f.map:
        f.error("authors", "give either 'speaker' or 'authors', not both")
        return ()
    if "speaker" in f.map:
        speaker = f.mapping("speaker", required=True)
        if speaker is None:
            return ()
        person = read_person(report, Fields(report, speaker, f.at("speaker"), SPEAKER_KEYS, required=("name",)))
        return (person,) if person else ()
    if "authors" in f.map:
        authors = read_people(report, f.seq("authors", required=True), f.at("authors"), AUTHOR_KEYS)
        if not authors and f.map.get("authors") is not None and isinstance(f.map["authors"], Seq):
            f.error("authors", "the list of authors is empty")
        return authors
    report.error(f.file, f.map.line, f.at("speaker"), "required key is missing (give 'speaker' or 'authors')")
    return ()


def read_poster_authors(report: Report, f: Fields) -> tuple[Person, ...]:
    """A poster's `author:` (a name, with `affiliation`/`email` beside it) or `authors:` list."""
    if "author" in f.map and "authors" in f.map:
        f.error("authors", "give either 'author' or 'authors', not both")
        return ()
    if "authors" in f.map:
        if "affiliation" in f.map:
            f.error("affiliation", "with 'authors', give each author's affiliation in the list")
        return read_people(report, f.seq("authors", required=True), f.at("authors"), AUTHOR_KEYS)
    name = f.text("author", required=True)
    if "author" not in f.map:
        report.error(f.file, f.map.line, f.at("author"), "required key is missing (give 'author' or 'authors')")
    if not name:
        return ()
    email = f.text("email", printed=False)
    return (Person(name, f.texts("affiliation"), email, presenting=True, source=f.source()),)
