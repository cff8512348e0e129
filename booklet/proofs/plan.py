"""A Booklet model and the anchors of its build -> the proofs to make (whom, which pages), the manifest."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..text import markup
from ..layout.page import Page
from ..data.people import People, compared_name, spelling
from ..model import Booklet, Identity, Person, Poster, Session, Source
from ..problems import Problem

if TYPE_CHECKING:
    from ..layout.common import Slot

KINDS = ("abstract", "tutorial", "poster", "chair")
MANIFEST = "manifest.csv"
MANIFEST_COLUMNS = ("id", "kind", "names", "emails", "file", "pages", "day", "time", "room")
ID_BYTES = 100  # a proof's id (its file name without ".pdf") at most, in UTF-8: file names may have 255


@dataclass(frozen=True)
class Chaired:
    """A session the person of a proof chairs: its key (layout.common.session_key: the build notes the pages of its
    rows under it), its name, and when and where it is, as plain text."""

    key: str
    name: str
    day: str = ""
    time: str = ""
    room: str = ""


@dataclass(frozen=True)
class Proof:
    """One proof: whom it goes to, which booklet pages it holds, when and where the talk is."""

    id: str  # unique; the file name without ".pdf", and what `booklet proof ID` takes
    kind: str  # "abstract", "tutorial", "poster" or "chair" (a chair who has no proof of their own to add it to)
    entry: str  # the data's id (abstract, tutorial), the poster number(s), or the chaired sessions' names
    title: str  # plain text
    people: tuple[Person, ...]  # whom it is for
    anchors: tuple[str, ...]  # the booklet's link keys of its entries: "abstract-3", "poster-12", ...
    day: str = ""
    time: str = ""
    room: str = ""
    source: Source | None = None
    pages: tuple[int, ...] = ()  # 1-based booklet pages, known once the booklet is built
    header: tuple[tuple[str, float], ...] = ()  # the lines printed above the running head, with their sizes
    # of its people without an address here, those the data gives several elsewhere: (name, the addresses); none
    # is chosen for them (see addressed)
    unsure: tuple[tuple[str, tuple[str, ...]], ...] = ()
    chaired: tuple[Chaired, ...] = ()  # the sessions its person chairs: their programme pages are in the proof
    # the pages whose header's second line names the sessions chaired there, not the entry: (page, (line, size))
    page_lines: tuple[tuple[int, tuple[str, float]], ...] = ()
    # the addresses of those it is for whose names are left out of the booklet (the fonts print nothing of them), as
    # the data gives them with the name (model.Abstract.speakers_left_out, Tutorial.unnamed, Poster.unnamed)
    addresses: tuple[str, ...] = ()
    # of a proof for no one named (those it is for each left out of the booklet) of an entry that names others, who
    # do not present it (a talk's co-authors, a tutorial's): how many it is for, and the others' names as printed
    # (the no-email warning's words: "each of its names is left out" was untrue of them)
    unnamed: int = 0
    others: tuple[str, ...] = ()
    # of those it is for whose names are left out of the booklet, the ones given no address (each where the data
    # writes them): the mail merge leaves them out, as a named co-speaker without an address (missing_emails)
    unaddressed: tuple[Source, ...] = ()
    # of its entries whose authors underline a presenting one, the link keys of the pages that say what that means
    # (layout's underlining_explained: the entry's own page, or the first of its list, where it is said once)
    explained_at: tuple[str, ...] = ()
    # its entries underline a presenting author and none of its pages says what that means: its header says it
    # (set once its pages are known: explaining)
    explains: bool = False

    @property
    def file(self) -> str:
        return self.id + ".pdf"

    @property
    def names(self) -> str:
        return _listed([markup.plain(p.name) for p in self.people])

    @property
    def for_whom(self) -> str:
        """' for NAMES', as a line about the proof names whom it is for (the PDF's title, `booklet proof`'s report);
        '' for a proof that names no one (each name of its entry left out of the booklet)."""
        return f" for {self.names}" if self.people else ""

    def names_in(self, language: str) -> str:
        """Whom it is for, as the language lists names ("A et B", "A y B") and the booklet prints them (a name of
        two scripts, '李健秋 Andrew Lee', printed 'PROOF for  Andrew Lee', the space before the letters the fonts
        cannot print left in)."""
        from ..text.dates import listed

        return listed([markup.printed_words(markup.plain(p.name)) for p in self.people], language)

    @property
    def emails(self) -> tuple[str, ...]:
        """Whom it is mailed to: its people's addresses, then `addresses`, each once (distinct_emails)."""
        return distinct_emails([*(p.email for p in self.people), *self.addresses])

    @property
    def variants(self) -> tuple[tuple[str, float], ...]:
        """The second header lines of its pages besides the entry's (header[1]): each once, in page order."""
        return tuple(dict.fromkeys(line for _, line in self.page_lines))

    def variant_at(self, page: int) -> int:
        """Which second line page `page` has: 0 the entry's (header[1]), n the n-th of `variants` (counted as they
        come, up to that page's, with no dict of all pages nor `variants` made each time it is asked)."""
        seen: list[tuple[str, float]] = []
        for at, line in self.page_lines:
            if line not in seen:
                seen.append(line)
            if at == page:
                return seen.index(line) + 1
        return 0


@dataclass(frozen=True)
class ProofsResult:
    proofs: tuple[Proof, ...]  # in booklet order
    files: tuple[Path, ...]  # the proofs' PDFs, one per proof (written, or left as they were: `unchanged`)
    pngs: tuple[Path, ...]
    manifest: Path | None
    booklet_pages: int
    warnings: list[Problem]  # found while building the booklet
    no_email: list[Problem]  # proofs that have nobody to be mailed to
    unchanged: tuple[Path, ...] = ()  # of `files` and `pngs`, those already there with these bytes: left as they were
    dates: tuple[dt.date, dt.date] | None = None  # the conference's first and last day
    earlier: int = 0  # of `files`, how many were there before this run (replaced, or left as they were)
    gone: tuple[Path, ...] = ()  # proofs the folder's last manifest listed that this run made no more (an entry
    # removed from the data, an id changed): still in the folder, in no manifest


def earlier_files(manifest: Path) -> list[str]:
    """The proof files `manifest` (an earlier run's manifest.csv) lists, as plain file names; none when it is not
    there or not one (a file of the user's: what it says is only read, never trusted as a path)."""
    try:
        text = manifest.read_bytes().decode(MANIFEST_ENCODING, errors="replace")
    except OSError:
        return []
    try:
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
    except csv.Error:
        return []
    names = []
    for row in rows:
        name = row.get("file") if isinstance(row, dict) else None
        if isinstance(name, str) and name.endswith(".pdf") and name == Path(name).name and name not in names:
            names.append(name)
    return names


class UnknownProof(LookupError):
    """No proof has this id; `choices` are the ids there are, `nearest` those nearest to it (closest first)."""

    def __init__(self, proof_id: str, choices: list[str], nearest: list[str] | None = None):
        super().__init__(proof_id)
        self.proof_id = proof_id
        self.choices = choices
        self.nearest = nearest if nearest is not None else nearest_ids(proof_id, choices)


NEAREST = 3  # ids a miss names at most


def _folded_id(text: str) -> str:
    """An id as typed and an id as made compared: case aside (`Chair-Ada-Lovelace` is chair-ada-lovelace), and
    Unicode's composed form (an accent typed as its own character)."""
    return unicodedata.normalize("NFC", text.strip()).casefold()


def nearest_ids(proof_id: str, choices: list[str]) -> list[str]:
    """At most NEAREST of `choices` nearest to `proof_id`, case aside: those it begins (`poster-zoe` of
    poster-zoe-papadopoulou), else those difflib finds close (a letter wrong or missing: its ratio 0.6 or more, as
    problems.closest), and nearly as close as the closest (not 'laurent' beside 'oyelaran' for 'oyelaren')."""
    import difflib

    typed = _folded_id(proof_id)
    folded = {}  # folded -> the id as made (ids are unique case aside: _unique)
    for choice in choices:
        folded.setdefault(_folded_id(choice), choice)
    found = [key for key in folded if typed and key.startswith(typed)][:NEAREST]
    if found:
        return [folded[key] for key in found]
    scored = []
    for key in folded:
        matcher = difflib.SequenceMatcher(None, typed, key)
        if matcher.real_quick_ratio() >= 0.6 and matcher.quick_ratio() >= 0.6 \
                and (ratio := matcher.ratio()) >= 0.6:
            scored.append((-ratio, key))
    scored.sort()
    return [folded[key] for score, key in scored[:NEAREST] if score <= scored[0][0] + 0.1]


# --------------------------------------------------------------------------- the library's two calls



def find_proof(proofs: list[Proof], proof_id: str) -> Proof:
    """The abstract's or tutorial's proof whose data id this is, or else the proof with this id (a poster's, or an
    id made a file name: `a/b` as `a_b`), as written or else case aside; UnknownProof otherwise."""
    for proof in proofs:
        if proof.kind in ("abstract", "tutorial") and proof.entry == proof_id:
            return proof
    for proof in proofs:
        if proof.id == proof_id:
            return proof
    # typed in other capitals (`Chair-Ada-Lovelace`, `OKAFOR`): the one proof it names, case aside; an entry's id first,
    # as above, unless two entries' ids differ by case alone ('ab' and 'AB', typed 'Ab'), and then the proof's id
    typed = _folded_id(proof_id)
    entries = [proof for proof in proofs if proof.kind in ("abstract", "tutorial") and _folded_id(proof.entry) == typed]
    if len(entries) == 1:
        return entries[0]
    named = [proof for proof in proofs if _folded_id(proof.id) == typed]
    if len(named) == 1 and not entries:
        return named[0]
    choices = [p.id for p in proofs]  # (of two ids told apart by case alone, none is chosen: each is named)
    raise UnknownProof(proof_id, choices, [p.entry for p in entries] or nearest_ids(proof_id, choices))


# --------------------------------------------------------------------------- building once, writing in parallel



def plan_proofs(booklet: Booklet, slots: dict[str, Slot],
                orders: dict[int, tuple[int, ...]] | None = None) -> list[Proof]:
    """One proof per abstract and per tutorial, and one per poster author (each person once), pages not yet known;
    each session's chair gets its programme pages in a proof of their own (add_chairs). `orders`: the order the
    programme prints each block of parallel sessions in, where not the data's (layout's Context.session_orders)."""
    from ..layout.common import abstract_key_at, poster_slots
    from ..layout.posters import poster_key

    used: set[str] = set()
    proofs = []
    language = booklet.conference.language
    days: dict = {}  # (_when: each day's title, written once)
    addresses = known_emails(booklet)
    # an id that is a file name as it is keeps it; one made so (`a/b` -> `a_b`) gives way to it ("a_b-2"): the proof
    # `booklet proof a_b` gives is the abstract a_b's
    named = {abstract.id: _unique(abstract.id, used) for abstract in booklet.abstracts
             if _file_safe(abstract.id) == abstract.id}
    named.update({abstract.id: _unique(_file_safe(abstract.id), used) for abstract in booklet.abstracts
                  if abstract.id not in named})
    sessions: list[Session | None] = []  # each proof's talk's or tutorial's session (add_chairs)
    for index, abstract in enumerate(booklet.abstracts):
        slot = slots.get("abstract:" + abstract.id)
        sessions.append(slot.session if slot else None)
        # its speakers: those named, and the addresses of those whose names are left out (the fonts print nothing
        # of them); a speaker left out of a talk whose other authors are named and none presents it ("王小明",
        # presenting, and "Bo Jones") has it for them alone, not for the first author named (Abstract.speakers)
        left_out = abstract.speakers_left_out
        speakers = abstract.speakers
        proofs.append(addressed(Proof(named[abstract.id], "abstract", abstract.id,
                                      markup.plain(abstract.title), speakers, (abstract_key_at(index),),
                                      *_when(slot, language, days), addresses=_emails(left_out),
                                      unaddressed=_unaddressed(left_out),
                                      **_unnamed_for(speakers, left_out, abstract.authors, abstract.source)),
                                addresses))
    for tutorial in booklet.tutorials:
        slot = slots.get("tutorial:" + tutorial.id)
        sessions.append(slot.session if slot else None)
        stem = _file_safe(tutorial.id)
        stem = stem if stem.casefold() not in used else "tutorial-" + stem
        proofs.append(addressed(Proof(_unique(stem, used), "tutorial", tutorial.id, markup.plain(tutorial.title),
                                      tutorial.presenters, (f"tutorial-{tutorial.number}",), *_when(slot, language, days),
                                      addresses=_emails(tutorial.unnamed), unaddressed=_unaddressed(tutorial.unnamed),
                                      **_unnamed_for(tutorial.presenters, tutorial.unnamed, tutorial.authors,
                                                     tutorial.source)), addresses))
    presented = poster_slots(booklet)
    for person, indices in poster_authors(booklet.posters, booklet.people):
        posters = [booklet.posters[i] for i in indices]
        when = {_when(presented.get(i), language, days) for i in indices}  # (posters presented at different times: none)
        proofs.append(addressed(Proof(_unique("poster-" + _slug(person.name), used), "poster",
                                      ", ".join(str(p.number) for p in posters),
                                      " / ".join(markup.plain(p.title) for p in posters), (person,),
                                      tuple(poster_key(i) for i in indices),
                                      *(when.pop() if len(when) == 1 else ("", "", "")),
                                      source=person.source or posters[0].source), addresses))
    # a poster's authors whose names are left out (the fonts print nothing of them) have a proof for no one, as an
    # abstract's speaker so left out: mailed to the addresses given with their names; of a poster whose every name
    # is left out, without one too (its pages have no other proof: the LOC is told)
    for index, poster in enumerate(booklet.posters):
        if (left_out := _emails(poster.unnamed)) or not poster.authors:
            proofs.append(Proof(_unique(f"poster-{poster.number}", used), "poster", str(poster.number),
                                markup.plain(poster.title), (), (poster_key(index),),
                                *_when(presented.get(index), language, days), source=poster.source,
                                addresses=left_out))
    return add_chairs(booklet, proofs, sessions, addresses, used, orders)


def distinct_emails(emails) -> tuple[str, ...]:
    """`emails` (None and '' left out) each once, in order, as first written: the one rule by which the proofs tell
    addresses apart. They are compared without case: an address's domain is case-insensitive, and in practice its
    local part is too ("Ana@Uni.edu" and "ana@uni.edu" reach one mailbox, and one proof mailed to both reached it
    twice)."""
    found: dict[str, str] = {}
    for email in emails:
        if email:
            found.setdefault(email.casefold(), email)
    return tuple(found.values())


def _emails(people) -> tuple[str, ...]:
    """The addresses of `people`, each once (distinct_emails), in order."""
    return distinct_emails(person.email for person in people)


def _unaddressed(people) -> tuple[Source, ...]:
    """Where the data writes each of `people` (left out of the booklet) that is given no address."""
    return tuple(person.source for person in people if not person.email and person.source is not None)


def add_chairs(booklet: Booklet, proofs: list[Proof], sessions: list, addresses, used: set[str],
               orders: dict[int, tuple[int, ...]] | None = None) -> list[Proof]:
    """`proofs`, each session's chair given its programme pages (as Proof.chaired): in a proof that is theirs alone
    (as people.yaml tells people apart; a speaker's, preferably of a talk in a session they chair, else their
    first), else in a proof of their own (kind "chair", "chair-NAME"), which the manifest lists as the others, with
    or without an address (the address the data gives that person anywhere: `addresses`, known_emails).
    `sessions`: the session of each of `proofs`' talk or tutorial (None: none, or a poster's); `orders`: the blocks'
    printed orders (plan_proofs), in which a chair's sessions are listed."""
    from ..layout.common import chaired_sessions

    who = addresses[0]
    proofs = list(proofs)
    language = booklet.conference.language
    session_keys = {found: key for index, day in enumerate(booklet.days)
                    for found, key in chaired_sessions(index, day).items()}  # id(session) -> its session_key
    alone: dict[Identity, list[int]] = {}  # a person -> the proofs that are theirs alone (a chair's are added after)
    for at, proof in enumerate(proofs):
        if proof.kind != "chair" and len(proof.people) == 1:
            alone.setdefault(who.of(proof.people[0].name), []).append(at)
    for identity, name, chaired, source, emails in _chairs(booklet, who, language, session_keys, orders):
        keys = {c.key for c in chaired}
        own = alone.get(identity)  # (None, a session's for no one: no one's)
        if own:
            at = next((at for at in own if at < len(sessions) and sessions[at] is not None
                       and session_keys.get(id(sessions[at])) in keys), own[0])
            proofs[at] = replace(proofs[at], chaired=tuple(chaired))
            continue
        whens = {(c.day, c.time, c.room) for c in chaired}
        names = " / ".join(c.name for c in chaired)
        proofs.append(addressed(Proof(_unique("chair-" + _slug(name), used), "chair", names, names,
                                      (Person(name, source=source),) if identity is not None else (), (),
                                      *(whens.pop() if len(whens) == 1 else ("", "", "")), source=source,
                                      chaired=tuple(chaired), addresses=emails), addresses))
    return proofs


def _chairs(booklet: Booklet, who: People, language: str, session_keys: dict[int, str],
            orders: dict[int, tuple[int, ...]] | None = None) -> list[tuple[Identity | None, str, list[Chaired],
                                                                             Source | None, tuple[str, ...]]]:
    """Each person who chairs a session (one person as people.yaml has them; a placeholder's name, "TBA", is nobody;
    `session_keys`: id(session) -> its session_key, layout.common.chaired_sessions of every day):
    their identity, the name their proof is for (people.yaml's, or as the programme first writes it), the sessions
    they chair in the order the programme prints them (a block of parallel sessions in its `orders`), and where the
    programme first names them (the session's `chair` key: its line is found by the writer, write._at_their_lines). A session whose chairs' names were each left out (the fonts print
    nothing of them: `chair: 🎈`) is one of its own, for no one: identity None, named by the session (its proof, as
    an abstract's whose speaker's name is left out, says so; without it the session's pages had no proof, in
    silence), mailed to the addresses the participants give those names as written (their `email:`, the name left
    out of the list as well): the last of the tuple (none for the others, whom addressed() finds); so is a session
    whose chairs left out, beside named ones, are given an address there."""
    from ..data.contract import placeholder_name
    from ..layout.common import same_name

    # a name left out of the participants, as written (same_name: no printed form tells two such apart) -> the
    # addresses it is given
    given: dict[str, list[str]] = {}
    for participant in booklet.left_out_participants:
        given.setdefault(same_name(participant.name), []).append(participant.email)
    # by identity; a session's for no one by id(session)
    found: dict[Identity | int, tuple[Identity | None, str, list[Chaired], Source | None, tuple[str, ...]]] = {}
    for day in booklet.days:
        for session in day.sessions(orders):
            if not session.chairs and not session.chairs_left_out:
                continue
            # (the session's name as the programme prints it: of 'Posters 会议' the header read 'Session you chair:
            # Posters  · ...', of '会议 (Posters)' 'Session you chair:  (Posters) · ...')
            chaired = Chaired(session_keys[id(session)], _printed(session.name),
                              *_session_when(session, day, language))
            source = session.source and replace(session.source, key=session.source.key + ".chair")
            # (a co-chair left out beside named ones, `chair: [Mei Chen, 王小明]`, has it too when given an address, as a
            # poster's author left out beside a named one: without, the named chairs have the pages)
            emails = distinct_emails(email for name in session.chairs_left_out
                                     for email in given.get(same_name(name), ()))
            if not session.chairs or emails:
                found[id(session)] = (None, session.name, [chaired], source, emails)
            if not session.chairs:
                continue
            for name in session.chairs:
                if placeholder_name(name):
                    continue
                identity = who.of(name)
                _, _, sessions, _, _ = found.setdefault(
                    identity, (identity, identity.name if identity.aliases else name, [], source, ()))
                if chaired not in sessions:
                    sessions.append(chaired)
    return list(found.values())


def _session_when(session: Session, day, language: str) -> tuple[str, str, str]:
    """(day, time, room) of a session as plain text: its day in `language`, from its first item's start to its last
    item's end, its room (or its items' one room)."""
    from ..layout.programme import day_title
    from ..model import TimeRange

    times = [item.time for item in session.items if item.time]
    time = ""
    if times:
        first, last = times[0], times[-1]
        end, midnight = (last.end, last.midnight) if last.end is not None else (last.start, False)
        time = str(TimeRange(first.start, end if end != first.start or midnight else None, midnight))
    rooms = {item.room for item in session.items if item.room}
    room = session.room or (rooms.pop() if len(rooms) == 1 else "")
    return day_title(day, language, start=False), time, _printed(room)


def known_emails(booklet: Booklet) -> tuple[People, dict[Identity, tuple[str, ...]]]:
    """Who is who (people.yaml: `People`, as the index of authors tells people apart), and each person the data
    gives an address, anywhere (an abstract's authors, a tutorial's presenters, a poster's authors, a committee,
    the participants) -> their distinct addresses (distinct_emails), in the data's order. A placeholder's
    name ("TBA") is nobody's."""
    from ..data.contract import placeholder_name

    who = People(booklet.people)
    found: dict[Identity, list[str]] = {}
    people = [p for _, named in booklet.entries_with_people() for p in named]
    people += [p for committee in booklet.conference.committees for p in committee.members]
    for person in (*people, *booklet.participants):
        if person.email and not placeholder_name(person.name):
            found.setdefault(who.of(person.name), []).append(person.email)
    return who, {identity: distinct_emails(emails) for identity, emails in found.items()}


def addressed(proof: Proof, known: tuple[People, dict[Identity, tuple[str, ...]]]) -> Proof:
    """`proof`, each of its people without an address of their own given the one the data gives that person
    elsewhere (`known_emails`): Max Weiß's `email:` on one of his abstracts is his for the others, and for his
    poster. An address of their own is kept; when the data gives the person several, none is chosen: they are
    the proof's `unsure`, which its warning names. `proof` itself when that changes nothing (most proofs: every
    proof of a conference is planned on each run of proofs, and a copy of each cost 4 % of planning them)."""
    who, emails = known
    people, unsure = [], []
    changed = False
    for person in proof.people:
        found = () if person.email else emails.get(who.of(person.name), ())
        if len(found) == 1:
            person, changed = replace(person, email=found[0]), True
        elif found:
            unsure.append((markup.plain(person.name), found))
        people.append(person)
    if not changed and tuple(unsure) == proof.unsure:
        return proof
    return replace(proof, people=tuple(people), unsure=tuple(unsure))


def poster_authors(posters: tuple[Poster, ...], identities: tuple[Identity, ...] = ()) -> list[tuple[Person, list[int]]]:
    """Each distinct poster author with the indices of their posters: one person, as the index of authors has them,
    for the spellings people.yaml (`identities`) gives one person ("E. Berg" of "Eva Berg": two proofs were made for
    her, each of its posters), named as it names them; the same name however spaced or cased is one person too,
    unless the two are given different emails (as the lint of names tells people apart): "Anna Smith" and "anna
    smith", each with an address of their own, shared one proof, sent to the first's address only. People.yaml's
    one person stays one, whatever addresses the data gives them."""
    who = People(identities)
    declared = {id(identity) for identity in who.declared}
    found: list[tuple[Person, list[int]]] = []  # each person, in the order they first come
    people: dict[str, list[int]] = {}  # a name as compared -> the people of that name (their places in `found`)
    for index, poster in enumerate(posters):
        for person in poster.authors:
            identity = who.of(person.name)
            key = compared_name(identity.name)
            named = people.setdefault(key, [])
            at = _same_person([found[at] for at in named], person, id(identity) in declared)
            if at is None:
                found.append((replace(person, name=identity.name) if identity.aliases else person, []))
                named.append(len(found) - 1)
                at = len(named) - 1
            first, indices = found[named[at]]
            if not first.email and person.email:
                found[named[at]] = (replace(first, email=person.email), indices)
            if index not in indices:
                indices.append(index)
    return found


def _same_person(named: list[tuple[Person, list[int]]], person: Person, declared: bool) -> int | None:
    """Which of `named` (the people found so far of `person`'s name, as compared) `person` is, or None: a new one.
    The one with the same email; for a person written without one, or with one none of them has yet, the one
    written the same way (else the first) that has no other address."""
    if not named:
        return None
    if declared:
        return 0
    email = (person.email or "").casefold()
    if email:
        for at, (other, _) in enumerate(named):
            if (other.email or "").casefold() == email:
                return at
    free = [at for at, (other, _) in enumerate(named) if not email or not other.email]
    same = [at for at in free if spelling(named[at][0].name) == spelling(person.name)]
    return (same or free or [None])[0]


def _when(slot: Slot | None, language: str = "en", days: dict | None = None) -> tuple[str, str, str]:
    """(day, time, room) of a scheduled item as plain text, the day in `language`; empty strings when it is not in
    the programme. `days`: the day titles written so far (its date -> title), for this `language`, taken from there
    (plan_proofs asks the same few days' titles for each of 2,000 proofs: each written again through the cache of
    dates was a third of planning them)."""
    from ..layout.programme import day_title

    if slot is None:
        return "", "", ""
    room = slot.item.room or (slot.session.room if slot.session else None)
    date = slot.date or slot.day.date
    title = days.get(date) if days is not None else None
    if title is None:
        title = day_title(slot.day, language, start=False, date=slot.date)
        if days is not None:
            days[date] = title
    return title, str(slot.item.time or ""), _printed(room)


def _printed(text: str | None) -> str:
    """A room, or a session's name, as plain text as the booklet prints it: without the characters the fonts print
    nothing of, and '' when nothing of it prints (`room: 会议室`, CJK alone, warned of: the programme leaves it out
    with its dot; a name of which nothing prints is the label printed in its place, fields.Untitled), so that the
    manifest and the proof's header say what the page says."""
    if not text:
        return ""
    plain = markup.plain(text)
    printed = markup.printed_words(plain)
    return plain if printed == " ".join(plain.split()) else printed


def _source_of(people: tuple[Person, ...], fallback: Source | None) -> Source | None:
    return next((p.source for p in people if p.source), None) or fallback


def _unnamed_for(named: tuple[Person, ...], left_out: tuple[Person, ...], others: tuple[Person, ...],
                 source: Source | None) -> dict:
    """A talk's or tutorial's Proof fields for whom it is for: `named` (its speakers or presenters named), those of
    them `left_out` of the booklet, and the entry's `others` named (co-authors). Where the speakers are each left
    out and others named: their count and the others' names (`unnamed`, `others`), and the first left-out speaker's
    place, where an address would go (not the entry's first line), for the no-email warning; else its source as
    before (its first speaker's, or the entry's)."""
    if named or not left_out or not others:
        return {"source": _source_of(named, source)}
    return {"source": _source_of(left_out, source), "unnamed": len(left_out),
            "others": tuple(markup.plain(p.name) for p in others)}


_DEVICE = re.compile(r"(?i)(con|prn|aux|nul|com[1-9]|lpt[1-9])(?=\.|$)")  # Windows' device names: no file's


def _file_safe(text: str) -> str:
    """An id as a file name: path separators and other awkward characters become '_'; a name Windows keeps for a
    device (CON, nul.txt: the part before the first dot) gets a '_' after that part, so the proofs can be copied
    there."""
    name = re.sub(r"[^\w.\-]+", "_", text).strip("._") or "entry"
    return _DEVICE.sub(r"\1_", name, count=1) if _DEVICE.match(name) else name


_LATIN_LETTERS = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss",
                                "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th",
                                "Þ": "Th", "ı": "i"})


def _slug(name: str) -> str:
    """'Zoë Østby' -> 'zoe-ostby' (letters of other scripts are kept as they are, in small letters: a Greek word's
    final sigma stays 'ς', 'Παπαδόπουλος' -> 'παπαδοπουλος'; casefold made it 'παπαδοπουλοσ', a misspelling)."""
    plain = unicodedata.normalize("NFKD", markup.plain(name).translate(_LATIN_LETTERS))
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^\w]+", "-", plain).strip("-_") or "author"


def _unique(stem: str, used: set[str]) -> str:
    """`stem` (bounded), or `stem-2`, `stem-3`, ... when taken (compared without case: some file systems
    ignore it), never longer than ID_BYTES."""
    stem = _bounded(stem)
    candidate, n = stem, 1
    while candidate.casefold() in used:
        n += 1
        candidate = f"{_cut(stem, ID_BYTES - len(f'-{n}'))}-{n}"
    used.add(candidate.casefold())
    return candidate


def _bounded(stem: str) -> str:
    """`stem` when it has at most ID_BYTES bytes of UTF-8; else its beginning, cut on a character, and a
    short hash of the whole, so that two long names with the same beginning stay apart, the same way
    on every run: 'poster-alexandros-...-3f2a1c'."""
    if len(stem.encode("utf-8")) <= ID_BYTES:
        return stem
    digest = hashlib.sha256(stem.encode("utf-8")).hexdigest()[:6]
    return f"{_cut(stem, ID_BYTES - len(digest) - 1)}-{digest}"


def _cut(stem: str, limit: int) -> str:
    """The beginning of `stem` in at most `limit` bytes of UTF-8: cut on a character, and between words
    when that keeps more than half of it."""
    head = stem.encode("utf-8")[:limit].decode("utf-8", "ignore")
    if len(head) < len(stem) and stem[len(head)] not in "-_.":
        between = max(head.rfind(separator) for separator in "-_.")
        if between > len(head) // 2:
            head = head[:between]
    return head.rstrip("-_.") or "entry"


def _listed(names: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1] if names else ""


# --------------------------------------------------------------------------- where the entries are


def page_ranges(anchors: dict[str, int], total_pages: int, long_posters: set[str]) -> dict[str, tuple[int, ...]]:
    """Link key -> 1-based pages for every abstract, tutorial and poster entry of the booklet.

    An entry whose last page the build marked (`end:KEY`, see layout.flowables.EndMark) runs from its
    anchor's page to that one: exact, however entries share pages (flowing abstracts, sorted posters).
    Without that mark: an abstract or tutorial starts a page and runs up to the next abstract,
    tutorial or section (the back cover, the last page, ends the last one); a poster entry is on its
    anchor's page, and one in `long_posters` (that may be taller than a page, so split) also runs on
    to the next entry's page.
    """
    ends = {key.removeprefix("end:"): page for key, page in anchors.items() if key.startswith("end:")}
    anchors = {key: page for key, page in anchors.items() if not key.startswith("end:")}
    ranges = _fallback_ranges(anchors, total_pages, long_posters)
    for key, end in ends.items():
        if key in anchors:
            ranges[key] = tuple(range(anchors[key], max(anchors[key], end) + 1))
    return ranges


def _fallback_ranges(anchors: dict[str, int], total_pages: int, long_posters: set[str]) -> dict[str, tuple[int, ...]]:
    bounds = sorted({page for key, page in anchors.items() if not key.startswith("poster-")} | {total_pages})

    def next_bound(page: int) -> int:
        i = bisect_right(bounds, page)
        return bounds[i] if i < len(bounds) else page + 1

    ranges = {}
    for key, page in anchors.items():
        if key.startswith(("abstract-", "tutorial-")):
            ranges[key] = tuple(range(page, max(page + 1, next_bound(page))))
    poster_keys = sorted((k for k in anchors if k.startswith("poster-")), key=lambda k: int(k.split("-")[1]))
    for i, key in enumerate(poster_keys):
        page = anchors[key]
        if i + 1 == len(poster_keys):  # the last one: the section ends on a page of its own
            ranges[key] = tuple(range(page, max(page + 1, next_bound(page))))
        elif key in long_posters:
            ranges[key] = tuple(range(page, max(page, anchors[poster_keys[i + 1]]) + 1))
        else:
            ranges[key] = (page,)
    return ranges


def explaining(proof: Proof, anchors: dict[str, int]) -> Proof:
    """`proof` (its pages known), its header to say what underlining a presenting author means (`explains`) when its
    entries underline one and none of its pages says it (`explained_at`, on the build's `anchors`: link key -> page).
    The booklet says it once under the Abstracts' (or the Posters') heading when several underline: a speaker's proof
    of a page further on showed the underline and not what it meant."""
    explains = bool(proof.explained_at) and not any(anchors.get(key) in proof.pages for key in proof.explained_at)
    return replace(proof, explains=explains) if explains != proof.explains else proof


def pages_of(proof: Proof, ranges: dict[str, tuple[int, ...]], chaired: bool = True) -> tuple[int, ...]:
    """The proof's booklet pages: its entries', and (unless not `chaired`) those of the sessions its person chairs."""
    keys = [*proof.anchors, *(c.key for c in proof.chaired)] if chaired else proof.anchors
    return tuple(sorted({page for key in keys for page in ranges.get(key, ())}))


def long_posters(booklet: Booklet, page: Page) -> set[str]:
    """Link keys of posters whose entry might not fit on one page (a generous estimate of its lines)."""
    from ..layout.posters import poster_key

    chars_per_line = page.text_width * 0.8 / (page.base_size * 0.6)
    lines_per_page = page.text_height / (page.base_size * 1.5)
    long = set()
    for index, poster in enumerate(booklet.posters):
        texts = [poster.title, ", ".join(p.name for p in poster.authors)]
        texts += [a for p in poster.authors for a in p.affiliations]
        texts += (poster.abstract or "").split("\n\n")
        lines = sum(len(t) // chars_per_line + 1 for t in texts if t.strip())
        if lines > lines_per_page * 0.6:
            long.add(poster_key(index))
    return long



def page_label(pages: tuple[int, ...], words: dict[str, str] | None = None) -> str:
    """'page 12', 'pages 12–13', 'pages 61, 64–65': the labels proof_page and proof_pages in `words` (the booklet's
    language's: data.theme.labels_for), English by default."""
    from ..data.theme import filled, labels_for

    words = words or labels_for("en", {})
    text = ", ".join(f"{a}\u2013{b}" if a != b else str(a) for a, b in _runs(pages))
    return filled(words["proof_page" if len(pages) == 1 else "proof_pages"], pages=text)


def _runs(pages: tuple[int, ...]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for page in pages:
        if runs and page == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], page)
        else:
            runs.append((page, page))
    return runs



MANIFEST_ENCODING = "utf-8-sig"  # UTF-8 after a byte order mark, which Excel takes as "this is UTF-8" (without it,
# Excel on Windows read "Peñalosa" in the ANSI code page: "PeÃ±alosa"); Word's mail merge, LibreOffice, Numbers and
# Python's csv (as utf-8-sig) read it too. (A script reading it as "utf-8" finds "\ufeffid" as the first column.)


def manifest_text(proofs: tuple[Proof, ...] | list[Proof]) -> str:
    """The manifest as CSV text: a header row, then one row per proof (names and emails joined by '; '), each row
    ending in CRLF (RFC 4180's, the csv module's and Excel's own; written to the file as MANIFEST_ENCODING)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(MANIFEST_COLUMNS)
    for p in proofs:
        pages = ", ".join(f"{a}-{b}" if a != b else str(a) for a, b in _runs(p.pages))
        names = "; ".join(markup.plain(person.name) for person in p.people)
        writer.writerow([p.id, p.kind, _inert(names), "; ".join(p.emails), p.file, pages, p.day, p.time,
                         _inert(p.room)])
    return out.getvalue()


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what makes a spreadsheet read a cell as a formula


def _inert(cell: str) -> str:
    """A manifest cell of what people typed (names, a room) as a spreadsheet shows it: one that starts like a formula
    ("=HYPERLINK(...)", a name typed into a form) gets a "'" before it, which Excel and LibreOffice take as "text" and
    do not show (the addresses, which a mail merge sends to, are left as they are: none starts so)."""
    return f"'{cell}" if cell.startswith(FORMULA_STARTS) else cell


def missing_emails(proofs: list[Proof]) -> list[Problem]:
    """A warning for each proof that nobody can be mailed, and for each person of a proof of several (an abstract's
    speakers, a tutorial's presenters) that the mail merge leaves out, having no address; in the order of the
    data's files and lines (the proofs are in the booklet's page order). A person the data gives several addresses
    elsewhere (and none here) has them named, to choose one."""
    problems = []
    for p in proofs:
        what = {"abstract": "abstract", "tutorial": "tutorial", "poster": "poster", "chair": "chair of"}[p.kind]
        if not p.emails:
            source = p.source or Source("", 0, "")
            # (an entry whose every name the fonts print nothing of, left out of the booklet, has no one named)
            said = (f"no email for {p.names}{_nor_left_out(p)} ({what} '{p.entry}'): send {p.file} another way"
                    if p.people else
                    f"no one to send {p.file} to ({what} '{p.entry}'): {_left_out_words(p)}: send it another way")
            problems.append(Problem(source.file, source.line, source.key, said + _choices(p.unsure), "warning",
                                    "no-email"))
            continue
        # (and the addresses of those left out of the booklet, who have no name to say)
        mailed = [markup.plain(person.name) for person in p.people if person.email]
        named = {person.email.casefold() for person in p.people if person.email}
        mailed += [email for email in p.addresses if email.casefold() not in named]
        for person in p.people:
            if not person.email:
                source = person.source or p.source or Source("", 0, "")
                name = markup.plain(person.name)
                problems.append(Problem(
                    source.file, source.line, source.key,
                    f"no email for {name} ({what} '{p.entry}'): {p.file} goes to {_listed(mailed)} only; send it to "
                    f"{name} another way" + _choices([(n, e) for n, e in p.unsure if n == name]),
                    "warning", "no-email-some"))
        for source in p.unaddressed:  # (a co-speaker left out of the booklet, without an address: told as one named)
            problems.append(Problem(
                source.file, source.line, source.key,
                f"no email for {_left_out_one(p)} ({what} '{p.entry}'): {p.file} goes to {_listed(mailed)} only; send "
                "it to them another way", "warning", "no-email-some"))
    return sorted(problems, key=lambda problem: (problem.file, problem.line))


def _presenter(proof: Proof) -> str:
    """Who presents a proof's entry, as its warnings name them: 'speaker' (an abstract's), 'presenter' (a
    tutorial's), else 'person'."""
    return {"abstract": "speaker", "tutorial": "presenter"}.get(proof.kind, "person")


def _left_out_one(proof: Proof) -> str:
    """'a speaker whose name is left out of the booklet' (a tutorial's: presenter), of whom the data gives no
    address."""
    return f"a {_presenter(proof)} whose name is left out of the booklet"


def _nor_left_out(proof: Proof) -> str:
    """What a no-email warning of a proof's named people adds for those it is for left out of the booklet without an
    address: ' nor for a speaker whose name ...', ' nor for 2 speakers whose names ...'."""
    count = len(proof.unaddressed)
    if not count:
        return ""
    if count == 1:
        return f" nor for {_left_out_one(proof)}"
    who = {"abstract": "speakers", "tutorial": "presenters"}.get(proof.kind, "people")
    return f" nor for {count} {who} whose names are left out of the booklet"


def _left_out_words(proof: Proof) -> str:
    """Why a proof for no one named has no one to send it to: each of its entry's names is left out of the booklet;
    or, when the entry names others (who do not present it), its speakers' or presenters' names are, without an
    address, and the others are named (and not whom it is for)."""
    if not proof.others:
        return "each of its names is left out of the booklet"
    one = proof.unnamed == 1
    who = _presenter(proof)
    return (f"its {who}'s name is left out of the booklet, and no email is given with it" if one else
            f"its {who}s' names are left out of the booklet, and no email is given with them") + (
            f" ({_listed(list(proof.others))}, named on it, {'does' if len(proof.others) == 1 else 'do'} not "
            "present it)")


def _choices(unsure) -> str:
    """What a no-email warning adds for people the data gives several addresses elsewhere."""
    return "".join(f", or give {name} one of the addresses the data gives elsewhere ({', '.join(emails)}) here"
                   for name, emails in unsure)
