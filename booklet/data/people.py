"""People entries (speakers, authors, presenters, members) in YAML -> Person models."""

from __future__ import annotations

from ..model import Person
from .contract import ABSTRACT, AUTHOR, SPEAKER, Record, example_line
from .fields import Fields, Report, each_mapping
from .load import Seq


def read_person(report: Report, f: Fields) -> Person | None:
    """A Person from a mapping whose allowed keys were already checked by `f` (keys its record lacks stay empty)."""
    name = f.text("name", required=True)

    def read(key, how, empty=None):
        return how(key) if key in f.record else empty

    person = Person(
        name or "",
        affiliations=read("affiliation", f.texts, ()),
        email=read("email", lambda key: f.text(key, printed=False)),
        photo=read("photo", f.image),
        role=read("role", f.text),
        bio=read("bio", f.text),
        presenting=read("presenting", f.boolean, False),
        source=f.source(),
    )
    return person if name else None


def read_people(report: Report, seq: Seq | None, path: str, record: Record) -> tuple[Person, ...]:
    people = []
    for index, item in each_mapping(report, seq or (), path, "a person", record):
        person = read_person(report, Fields(report, item, f"{path}[{index}]", record))
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
        person = read_person(report, Fields(report, speaker, f.at("speaker"), SPEAKER))
        return (person,) if person else ()
    if "authors" in f.map:
        authors = read_people(report, f.seq("authors", required=True), f.at("authors"), AUTHOR)
        if not authors and f.map.get("authors") is not None and isinstance(f.map["authors"], Seq):
            f.error("authors", "the list of authors is empty")
        return authors
    report.error(f.file, f.map.line, f.at("speaker"), "required key is missing (give 'speaker' or 'authors', "
                 f"e.g. {example_line(ABSTRACT['speaker'])})")
    return ()


def read_poster_authors(report: Report, f: Fields) -> tuple[Person, ...]:
    """A poster's `author:` (a name, with `affiliation`/`email` beside it) or `authors:` list."""
    if "author" in f.map and "authors" in f.map:
        f.error("authors", "give either 'author' or 'authors', not both")
        return ()
    if "authors" in f.map:
        if "affiliation" in f.map:
            f.error("affiliation", "with 'authors', give each author's affiliation in the list")
        return read_people(report, f.seq("authors", required=True), f.at("authors"), AUTHOR)
    name = f.text("author", required=True)
    if "author" not in f.map:
        report.error(f.file, f.map.line, f.at("author"), "required key is missing (give 'author' or 'authors')")
    if not name:
        return ()
    email = f.text("email", printed=False)
    return (Person(name, f.texts("affiliation"), email, presenting=True, source=f.source()),)
