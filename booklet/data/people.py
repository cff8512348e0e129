"""People entries (speakers, authors, presenters, members) in YAML -> Person models; people.yaml -> who is who
(each name as written -> the one person it is)."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import replace

from ..model import Identity, Person
from ..text import markup
from ..text.names import family_place, split_name
from .contract import ABSTRACT, AUTHOR, PERSON, SPEAKER, Record, example_line, placeholder_name
from .fields import Fields, Report, each_mapping
from .load import Seq


def read_person(report: Report, f: Fields, unnamed: list[Person] | None = None, name_key: str = "name",
                presenting: bool = False) -> Person | None:
    """A Person from a mapping whose allowed keys were already checked by `f` (keys its record lacks stay empty); None
    when the name is wrong or missing (an error), or one the fonts print nothing of (a warning; `f.left_out` has it),
    that person then added to `unnamed` without a name (their email mails a proof that names no one).
    `name_key`: the key of the name (a poster's `author:`); `presenting`: whether they present, for a record that
    has no `presenting` key (a poster's, whose one author presents it)."""
    name = f.text(name_key, required=True)

    def read(key, how, empty=None):
        return how(key) if key in f.record else empty

    person = Person(
        name or "",
        affiliations=read("affiliation", f.texts, ()),
        email=read("email", f.email),
        photo=read("photo", f.image),
        role=read("role", f.text),
        bio=read("bio", f.text),
        presenting=read("presenting", f.boolean, presenting),
        source=f.source(),
    )
    if not name and f.left_out and unnamed is not None:
        unnamed.append(person)
    return person if name else None


def read_people(report: Report, seq: Seq | None, path: str, record: Record,
                unnamed: list[Person] | None = None) -> tuple[Person, ...]:
    """The people of the list `seq` (at `path`), as _read_people reads them: for a committee's members and a
    tutorial's presenters and authors, whom a list left empty by names left out (the fonts print nothing of them) is
    not asked about; an abstract's or a poster's authors, which must not be left empty, are read with _read_people,
    to tell a list that is empty from one whose names were all left out (_authors)."""
    return _read_people(report, seq, path, record, unnamed)[0]


def _read_people(report: Report, seq: Seq | None, path: str, record: Record,
                 unnamed: list[Person] | None = None) -> tuple[tuple[Person, ...], bool]:
    """(the people read, whether a name was left out as one the fonts print nothing of: that person in `unnamed`, as
    read_person adds them)."""
    people, left_out = [], False
    for index, item in each_mapping(report, seq or (), path, "a person", record):
        f = Fields(report, item, f"{path}[{index}]", record)
        person = read_person(report, f, unnamed)
        if person:
            people.append(person)
        left_out = left_out or bool(f.left_out)
    return tuple(people), left_out


def read_authors(report: Report, f: Fields, unnamed: list[Person] | None = None) -> tuple[Person, ...] | None:
    """An abstract's `speaker:` (short form) or `authors:` (long form); exactly one of them. None when they cannot be
    read (an error); () when each name is one the fonts print nothing of (left out, with a warning). Those left out
    go to `unnamed` (read_person)."""
    if "speaker" in f.map and "authors" in f.map:
        f.error("authors", "give either 'speaker' or 'authors', not both")
        return None
    if "speaker" in f.map:
        speaker = f.mapping("speaker", required=True)
        if speaker is None:
            return None
        g = Fields(report, speaker, f.at("speaker"), SPEAKER)
        before = len(unnamed) if unnamed is not None else 0  # (those left out of this abstract: _speaker_left_out)
        person = read_person(report, g, unnamed)
        _speaker_left_out(unnamed, before, (), g.path)
        return (person,) if person else () if g.left_out else None
    if "authors" in f.map:
        return _authors(report, f, unnamed)
    report.error(f.file, f.map.line, f.at("speaker"), "required key is missing (give 'speaker' or 'authors', "
                 f"e.g. {example_line(ABSTRACT['speaker'])})")
    return None


def _speaker_left_out(unnamed: list[Person] | None, start: int, authors: tuple[Person, ...], first: str) -> None:
    """Of an abstract (or a poster) none of whose authors is marked presenting, the first presents it
    (model.speakers_of, layout.common.presenting): when that one's name is left out (the fonts print nothing of it;
    `unnamed[start:]` are those of this abstract, `first` the first author's key path), they are marked presenting in
    `unnamed`, so that its proof goes to them (proofs.plan), not to the first author whose name is printed, and the
    index does not list that author as presenting it."""
    left_out = unnamed[start:] if unnamed is not None else []
    if left_out and left_out[0].source is not None and left_out[0].source.key == first \
            and not any(person.presenting for person in (*authors, *left_out)):
        unnamed[start] = replace(left_out[0], presenting=True)


def _authors(report: Report, f: Fields, unnamed: list[Person] | None = None) -> tuple[Person, ...] | None:
    """An abstract's or a poster's `authors:` list, which names one person at least (an empty one left a poster
    out of the booklet in silence); as read_authors. Its first author left out, none marked presenting, is marked
    presenting in `unnamed` (_speaker_left_out)."""
    before = len(unnamed) if unnamed is not None else 0  # (those left out of this list: _speaker_left_out)
    authors, left_out = _read_people(report, f.seq("authors", required=True), f.at("authors"), AUTHOR, unnamed)
    _speaker_left_out(unnamed, before, authors, f"{f.at('authors')}[0]")
    if authors or left_out:
        return authors
    given = f.map.get("authors")
    if isinstance(given, Seq) and not len(given):  # (a list of items each wrong is told at each item: not "empty")
        f.error("authors", "the list of authors is empty")
    return None


def read_poster_authors(report: Report, f: Fields, unnamed: list[Person] | None = None) -> tuple[Person, ...] | None:
    """A poster's `author:` (a name, with `affiliation`/`email` beside it) or `authors:` list; as read_authors."""
    if "author" in f.map and "authors" in f.map:
        f.error("authors", "give either 'author' or 'authors', not both")
        return None
    if "authors" in f.map:
        if "affiliation" in f.map:
            f.error("affiliation", "with 'authors', give each author's affiliation in the list")
        if "email" in f.map:  # (read with `author:` only: beside `authors:` it was left out in silence, no proof sent)
            f.error("email", "with 'authors', give each author's email in the list")
        return _authors(report, f, unnamed)  # (its first author left out presents it, as an abstract's)
    # (the author, named or left out, read as any person is: `affiliation` and `email` beside `author`)
    person = read_person(report, f, unnamed, name_key="author", presenting=True)
    if "author" not in f.map:
        report.error(f.file, f.map.line, f.at("author"), "required key is missing (give 'author' or 'authors')")
    return (person,) if person else () if f.left_out else None


# -- people.yaml: who is who ---------------------------------------------------------------------

def spelling(name: str) -> str:
    """A name as compared for identity: as it prints, in Unicode's composed form, spaces collapsed: the characters no
    font in use can show left out, as printing leaves them out (markup.printed_name: "Bo Jones 🎉" and "Bo
    Jones" printed two entries "Jones, Bo" in the index of authors, and were warned of as one person written two
    ways; "Yao Wei (魏銘廷)" prints "Yao Wei")."""
    return markup.printed_words(unicodedata.normalize("NFC", name))


def compared_name(name: str) -> str:
    """A name as a reader tells it from another: as printed (markup.printed_name: "Bo Jones 🎉" is "Bo Jones" where
    the fonts leave the emoji out), in Unicode's composed form, case and runs of white space aside (named_again,
    lint's participant-twice, the poster authors' proofs)."""
    return spelling(name).casefold()


def named_again(names: Sequence[str]) -> list[tuple[int, int]]:
    """(i, j) for each of `names` that is an earlier one's again, `names[j]` the first of them (compared_name: case and
    runs of white space aside, as printed): one person printed twice, by an abstract, tutorial or poster (lint's
    person-twice) or among a session's chairs (data.programme). Not a placeholder ("TBA" twice: two people still to
    be named)."""
    first: dict[str, int] = {}
    again = []
    for i, name in enumerate(names):
        j = first.setdefault(compared_name(name), i)
        if j != i and not placeholder_name(name):
            again.append((i, j))
    return again


class People:
    """Names as written -> the person they are: people.yaml's entries, and each other name as itself.

    The one place that says who is who: the index of authors lists a person once under `name`, and the
    lint does not warn about spellings it merges."""

    def __init__(self, identities: tuple[Identity, ...] = ()):
        self.declared = tuple(identities)
        self._by_spelling: dict[str, Identity] = {}
        for identity in self.declared:
            for text in (identity.name, *identity.aliases):
                self._by_spelling.setdefault(spelling(text), identity)
        self._of: dict[str, Identity] = {}  # name as written -> of(name), as found (a name recurs: its talks,
        # the programme, posters, the index)

    def of(self, name: str) -> Identity:
        """The person written `name`: the people.yaml entry that names it, or a person of that name."""
        found = self._of.get(name)
        if found is None:
            written = spelling(name)
            found = self._of[name] = self._by_spelling.get(written) or Identity(written)
        return found


def read_identities(report: Report, seq: Seq | None) -> tuple[Identity, ...]:
    """people.yaml's entries; a spelling claimed twice (two entries' aliases, or an alias that is another
    entry's name, or one name listed twice) is an error where it is written the second time."""
    identities: list[Identity] = []
    claimed: dict[str, tuple[str, int, bool]] = {}  # spelling -> (whose name, line, as a name)
    for index, item in each_mapping(report, seq or (), "", "a person", PERSON):
        f = Fields(report, item, f"[{index}]", PERSON)
        name, family = f.text("name", required=True), f.text("family")
        # (`aliases: ""` is said below, with the name: not read, where Fields would say it without the name)
        blank_aliases = f.empty("aliases")
        aliases = () if blank_aliases else f.texts("aliases")
        if not name:
            continue
        spellings = [(name, f.line("name"), f.at("name"), True)] + _alias_places(f, aliases)
        kept, clash = [], False
        for text, line, key, as_name in spellings:
            written = spelling(text)
            if as_name is False and written == spelling(name):
                continue  # the name again among its aliases: nothing to merge
            first = claimed.get(written)
            if first is not None:
                whose, first_line, first_as_name = first
                what = "the name of an entry" if first_as_name else f"an alias of '{whose}'"
                report.error(f.file, line, key, f"'{text}' is already {what} (line {first_line}): one spelling "
                             "belongs to one person; list all of a person's spellings under one name")
                clash = True
                continue
            claimed[written] = (name, line, as_name)
            if not as_name:
                kept.append(text)
        # `aliases: ""` was as no aliases, without a word: a spelling's place left blank, an error; `aliases: []` names
        # no spelling, and is no aliases as any list of texts given empty is (`chair: []`, `affiliation: []`)
        if blank_aliases:
            f.error("aliases", f"is empty: write the other spellings of '{name}' the data uses, or leave the key out")
            clash = True
        if family is None and isinstance(f.map.get("family"), str):  # `family: ''`: no words, but not left out
            f.error("family", f"is empty: write the family name as the name '{name}' writes it, or leave the key out "
                              f"(the index then files the name under '{split_name(spelling(name)).family}')")
            clash = True
        elif family and family_place(spelling(name), spelling(family)) is None:
            f.error("family", f"'{family}' is not the first or last words of the name '{name}': write the family "
                              "name as the name writes it")
            clash = True
        if not clash:
            identities.append(Identity(spelling(name), tuple(kept), family and spelling(family), f.source()))
    return tuple(identities)


def _alias_places(f: Fields, aliases: tuple[str, ...]) -> list[tuple[str, int, str, bool]]:
    """(alias, line, key path, False) for each alias read: one text on the key's line, or a list's items."""
    value = f.map.get("aliases")
    if not isinstance(value, Seq):
        return [(text, f.line("aliases"), f.at("aliases"), False) for text in aliases]
    places, at = [], 0
    for text in aliases:
        while at < len(value) and (value.raw[at] or "").strip() != text:
            at += 1
        line = value.lines[at] if at < len(value) else f.line("aliases")
        places.append((text, line, f"{f.at('aliases')}[{at}]", False))
        at += 1
    return places
