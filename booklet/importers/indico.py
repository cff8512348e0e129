"""Indico's JSON exports -> booklet's documents.

Read: the event export (`/export/event/ID.json?detail=contributions`, or `detail=sessions`, whose
sessions carry their conveners and room), the timetable export (`/export/timetable/ID.json`: session
blocks with conveners, contributions with presenters and authors, breaks) and the contribution list's JSON
export (the management area's Contributions -> Export -> JSON: read as an event export of those contributions,
its times ISO 8601 in UTC, its people flagged speakers and primary or secondary authors), and the abstracts' JSON
export (Abstracts -> Export -> JSON: its accepted abstracts, by their accepted type and track, without times).
Times come as `{date, time, tz}` (UTC, as Indico exports them) and are set in the conference's zone: the `--timezone`
given, else the event's own (`timezone` in the event export), else the zone the export's times are in; a
note says which, and from which zone they were converted. Names come as first and
last name; a contribution's type (Indico puts it in `track` when the event has no types) says its
kind; contributions without a time become abstracts (or posters) outside the programme. A contribution's parts
(`subContributions`, with detail=subcontributions or sessions: a title and speakers each, no time or text) are
items of its abstract's text, their speakers its speakers.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from pathlib import Path
from zoneinfo import ZoneInfo

from ..problems import listed
from . import Imported, Options, SourceError, utf8_text
from .assemble import (MAX_PEOPLE, Block, Conference, Entry, Kinds, LONGEST, Person, affiliation, assemble, clean,
                       end_before_start, full_name, given_and_family, line_kind, plus_minutes,
                       refuse_off_its_day, too_many_people, web_address)
from .schedule import event_year, parse_datetime, zone_named
from .schedule_json import json_reason, json_value
from .table import several_people, turned_name
from .text import images_in, to_markup

FORMAT = "indico"


def detect(path: Path, head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not text.startswith((b"{", b"[")):
        return False
    return (b'"HTTPAPIResult"' in head or b'"ContribSchEntry"' in head
            or (b'"_type"' in head and b'"Conference"' in head and b'"contributions"' in head)
            or (text.startswith(b"[") and b'"friendly_id"' in head and b'"session_block"' in head)
            or (b'"abstracts"' in head and b'"friendly_id"' in head and b'"accepted_contrib_type"' in head))


def read(path: Path, options: Options) -> Imported:
    data = _load(path)
    if _contribution_list(data):
        said = None if options.timezone else ("times: in UTC, as the contribution list's export writes them (it names "
                                              "no time zone; give the conference's with --timezone)")
        found = _Event(path, _listed_event(path, data), options, extra=0, times_note=said)
        found.notes += _custom_fields_note(data)
        return found.read()
    if _abstract_list(data):
        event, note = _abstracts_event(data["abstracts"])
        found = _Event(path, event, options, extra=0, times_note="")  # (abstracts have no times)
        found.notes += note + _custom_fields_note(event["contributions"])
        return found.read()
    results = data.get("results") if isinstance(data, dict) else data
    if isinstance(data, dict) and data.get("_type") == "Conference":
        results = [data]
    if isinstance(results, list) and results and all(isinstance(r, dict) for r in results):
        events = [r for r in results if r.get("_type", "Conference") == "Conference"]
        if events:
            return _Event(path, events[0], options, extra=len(events) - 1).read()
    if isinstance(results, dict) and results and all(isinstance(v, dict) for v in results.values()):
        return _Timetable(path, results, options).read()
    raise SourceError(f"{path}: not an Indico export: expected 'results' with an event (export/event/ID.json), "
                      "a timetable (export/timetable/ID.json), the contribution list's export (a list of "
                      "contributions, each with its friendly_id) or the abstracts' ('abstracts', each with its "
                      "friendly_id)")


def _contribution_list(data) -> bool:
    """Whether `data` is the contribution list's JSON export (the management area's Export -> JSON: a list of
    contributions, FullContributionSchema's, each with its friendly_id; not an event, though one lacks its persons)."""
    return (isinstance(data, list) and bool(data)
            and all(isinstance(c, dict) and "friendly_id" in c and c.get("_type") != "Conference" for c in data))


def _listed_event(path: Path, contributions: list[dict]) -> dict:
    """The contribution list's export as an event export with those contributions (the event's own title, dates and
    time zone are not in it; its venue is the one most contributions name)."""
    venues = Counter(clean(c.get("venue_name")) for c in contributions if clean(c.get("venue_name")))
    return {"_type": "Conference", "title": "", "startDate": {"tz": "UTC"},
            "location": venues.most_common(1)[0][0] if venues else "",
            "contributions": [_as_event_s(path, c) for c in contributions]}


def _as_event_s(path: Path, c: dict) -> dict:
    """A contribution of the list's export as the event export writes one: its times ISO 8601 with their offset
    (UTC) as {date, time, tz}, its duration in seconds as minutes, its session, room and venue by name, its people
    (persons, each flagged is_speaker, and author_type primary or secondary) as speakers, primary and co-authors."""
    ident = _text(str(c.get("friendly_id") or c.get("id") or "?"))
    persons = _list(c.get("persons"))
    seconds = c.get("duration")
    session = c.get("session")
    return {**c, "id": ident,
            "startDate": _listed_moment(path, c.get("start_dt"), f"contribution {ident}: start_dt"),
            "endDate": _listed_moment(path, c.get("end_dt"), f"contribution {ident}: end_dt"),
            "duration": seconds / 60 if isinstance(seconds, (int, float)) and not isinstance(seconds, bool) else None,
            "session": _text(session.get("title")) if isinstance(session, dict) else "",
            "roomFullname": c.get("room_name"), "location": c.get("venue_name"), **_by_role(persons)}


def _by_role(persons: list[dict]) -> dict:
    """The persons of the contribution list's or the abstracts' export (each flagged is_speaker, and author_type
    primary or secondary) as the event export lists them: speakers, primary authors and co-authors."""
    return {"speakers": [p for p in persons if p.get("is_speaker") is True],
            "primaryauthors": [p for p in persons if p.get("author_type") == "primary"],
            "coauthors": [p for p in persons if p.get("author_type") == "secondary"]}


def _listed_moment(path: Path, value, where: str) -> dict | None:
    """An ISO 8601 date and time of the list's export ('2026-06-23T07:20:00+00:00') as the event export's {date,
    time, tz} (in UTC; without an offset, no tz); None for none; SourceError at `where` for one that is none."""
    if value in (None, ""):
        return None
    moment = parse_datetime(str(value), where, str(path))
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.timezone.utc)
    found = {"date": moment.date().isoformat(), "time": moment.time().replace(tzinfo=None).isoformat()}
    return {**found, "tz": "UTC"} if moment.tzinfo is not None else found


def _abstract_list(data) -> bool:
    """Whether `data` is the abstracts' JSON export (the management area's Abstracts -> Export -> JSON: {version,
    abstracts, questions}, each abstract with its friendly_id, though one lacks its state or persons)."""
    abstracts = data.get("abstracts") if isinstance(data, dict) else None
    return (isinstance(abstracts, list) and bool(abstracts)
            and all(isinstance(a, dict) and "friendly_id" in a for a in abstracts))


_NOT_ACCEPTED = ("withdrawn", "rejected", "merged", "duplicate")  # states of abstracts no contribution comes of
_UNDECIDED = ("submitted",)  # not yet judged: left out when others are accepted (as a table's rows in that state are)
# Indico's AbstractState by its number (an export that writes the state's value, not its name)
_STATES = {1: "submitted", 2: "withdrawn", 3: "accepted", 4: "rejected", 5: "merged", 6: "duplicate", 7: "invited"}


def _state(value) -> str:
    """An abstract's state by its name ('Accepted') or Indico's number (3); '' for none, or one that is neither."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _STATES.get(value, str(value))
    return _text(value).casefold()


def _abstracts_event(abstracts: list[dict]) -> tuple[dict, list[str]]:
    """The abstracts' export as an event export of its accepted abstracts (each a contribution without a time, of its
    accepted type, else its submitted one, and its accepted track), and the note on those left out: withdrawn,
    rejected, merged into another or a duplicate, and those not yet judged while others are accepted."""
    states = [_state(a.get("state")) for a in abstracts]
    decided = any(state not in _UNDECIDED for state in states)
    left: Counter = Counter()
    kept = []
    for state, a in zip(states, abstracts):
        if state in _NOT_ACCEPTED or (decided and state in _UNDECIDED):
            left[state] += 1
            continue
        persons = _list(a.get("persons"))
        accepted = a.get("accepted_contrib_type") if isinstance(a.get("accepted_contrib_type"), dict) else None
        kept.append({"friendly_id": a.get("friendly_id"), "id": a.get("id"), "title": a.get("title"),
                     "custom_fields": a.get("custom_fields"),
                     "description": a.get("content"), "type": accepted or a.get("submitted_contrib_type"),
                     "track": a.get("accepted_track"), **_by_role(persons)})
    said = {"submitted": "submitted (not yet judged, while others are accepted)"}
    note = [f"left out {sum(left.values())} abstract(s) not accepted: "
            + ", ".join(f"{n} {said.get(state, state)}" for state, n in left.items())] if left else []
    return {"_type": "Conference", "title": "", "contributions": kept}, note


def _custom_fields_note(contributions: list[dict]) -> list[str]:
    """The note on the event's own fields (custom_fields: 'Is this an experimental talk?') that `contributions` fill
    in, which booklet has no key for: not imported."""
    names = Counter(clean(f.get("name")) or "?" for c in contributions for f in _list(c.get("custom_fields"))
                    if f.get("value") not in (None, "", [], False))
    if not names:
        return []
    return [f"the event's own field(s) filled in, not imported (booklet has no key for them; add what is to be printed "
            f"to the abstracts): {listed([f'{n!r} ({k})' for n, k in names.items()], 5)}"]


def _load(path: Path):
    try:
        raw = Path(path).read_bytes()
    except OSError as e:
        raise SourceError(f"{path}: cannot read it: {e.strerror or e}") from None
    text = utf8_text(path, raw, "JSON files are UTF-8")
    try:
        return json_value(text)
    except RecursionError:
        raise SourceError(f"{path}: nested too deeply to be an Indico export") from None
    except json.JSONDecodeError as e:
        raise SourceError(f"{path}: line {e.lineno}, column {e.colno}: not valid JSON ({json_reason(e)})") from None


# -- times ----------------------------------------------------------------------------------

def _zone(name: str | None, path: Path, key: str, given: str | None) -> ZoneInfo | None:
    """The time zone `given` (--timezone), else the one named `name` at `key` of the export `path`; None for no name;
    SourceError (schedule.zone_problem's) naming where the name was written."""
    if given:
        return zone_named(given, "--timezone")
    return zone_named(str(name), f"{path}: {key}") if name else None


def _as_written(value: dict) -> tuple[dt.date, dt.time]:
    """Indico's {date, time, tz} -> (date, time) as written (in its own zone); ValueError when they are none."""
    return dt.date.fromisoformat(str(value["date"])), dt.time.fromisoformat(str(value.get("time") or "00:00:00"))


class _Clock:
    """Indico's {date, time, tz} -> (date, time) in the conference's zone."""

    def __init__(self, path: Path, zone: ZoneInfo | None) -> None:
        self.path = path
        self.zone = zone
        self.converted: set[str] = set()  # the zones of times converted to `zone` (Indico's exports: UTC)

    def __call__(self, value, where: str, key: str) -> tuple[dt.date, dt.time] | None:
        """The date and time of `value`, the `key` (startDate, endDate) of the entry `where` ('contribution 17'; ''
        for the event's own), each problem said at both."""
        read = self.read(value, where, key)
        return read[1] if read else None

    def read(self, value, where: str, key: str) -> tuple[tuple[dt.date, dt.time], tuple[dt.date, dt.time]] | None:
        """`value`'s date and time parsed once, as __call__ reads it: as written (_as_written, in the export's zone)
        and in the conference's zone (None: no date, as null, an empty text or an object without a date say). A
        value of another kind (a number, a text, a list: no export writes one) is refused at `key`."""
        at = f"{where}: {key}" if where else key
        if value not in (None, "") and not isinstance(value, dict):
            raise SourceError(f"{self.path}: {at}: expected a date and time (an object with date, time and tz), "
                              f"not {str(value)[:60]!r}")
        if not value or not value.get("date"):
            return None
        try:
            day, clock = _as_written(value)
        except ValueError:
            raise SourceError(f"{self.path}: {at}: '{value.get('date')} {value.get('time')}' is not a date "
                              "and time") from None
        # (as schedule.parse_datetime: 0001-01-01 00:30 UTC in New York is before the first date there is)
        event_year(day.year, f"{value.get('date')} {value.get('time')}", at, self.path, "date and time")
        moment = dt.datetime.combine(day, clock.replace(microsecond=0))
        source = _zone(value.get("tz"), self.path, f"{at}.tz", None)
        if source is not None and self.zone is not None:
            moment = moment.replace(tzinfo=source).astimezone(self.zone).replace(tzinfo=None)
            if source.key != self.zone.key:
                self.converted.add(source.key)
        return (day, clock), (moment.date(), moment.time().replace(second=0))

    def note(self, why: str) -> str | None:
        """The import's note on its times: which zone they are in, and from which they were converted."""
        if self.zone is None:
            return "times: as the export writes them (it names no time zone; give the conference's with --timezone)"
        converted = f"converted from {' and '.join(sorted(self.converted))} to" if self.converted else "in"
        return f"times: {converted} {self.zone.key} local time ({why})"


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def _people(items, presenting: bool = False, nameless: list | None = None) -> list[Person]:
    """The people of a list of Indico's person objects; `nameless` gets those without a name (each as a Person named
    '', with what else the source gives: an e-mail, an affiliation), left out. A person object whose name is several
    people's ('Ana Smith and Bo Jones', typed into one person's fields) is those people, read as a table's cell of
    names is (table.several_people), each with the object's affiliation and none with its one e-mail (as
    assemble.names_in's several people)."""
    out = []
    for p in items if isinstance(items, list) else []:
        if not isinstance(p, dict):
            continue
        first, last = given_and_family(p.get("first_name", p.get("firstName")),
                                       p.get("last_name", p.get("familyName")))
        if first or last:
            written = full_name(first, last)
            name, family = written, last if first and last else None
        else:  # (only a full name: "Peres, Martin", its family written first, turned as every reader turns one)
            written = _text(p.get("fullName")) or _text(p.get("name"))
            name, family = turned_name(written)
        name, family = clean(name), clean(family) if family else None
        aff = affiliation(p.get("affiliation"))
        email = _text(p.get("email")) or None
        if not name:
            if nameless is not None:
                nameless.append(Person("", [aff] if aff else [], email, presenting))
            continue
        out += ([Person(q.name, q.affiliations or ([aff] if aff else []), None, presenting, q.family)
                 for q in several_people(written)]
                or [Person(name, [aff] if aff else [], email, presenting, family)])
    return out


def _board(value, notes_for: list[str], where: str) -> int | None:
    text = str(value).strip() if value not in (None, "") else ""
    if not text:
        return None
    numbers = re.findall(r"\d+", text)
    if len(numbers) == 1 and len(numbers[0]) <= 9:
        return int(numbers[0])
    notes_for.append(f"{where}: board number '{text[:40]}' is not a number; the poster is numbered by its place")
    return None


def _minutes(value) -> float | None:
    """A duration in minutes, above 0 and within a day; None for anything else."""
    try:
        minutes = float(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return minutes if 0 < minutes <= LONGEST else None


# -- the event export -----------------------------------------------------------------------

class _Event:
    def __init__(self, path: Path, event: dict, options: Options, extra: int, times_note: str | None = None) -> None:
        self.path = path
        self.event = event
        self.times_note = times_note  # the note on its times in place of the clock's ('': none, as there are none)
        self.options = options
        self.kinds = Kinds(options)
        self.notes: list[str] = []
        if extra:
            self.notes.append(f"the export holds {extra + 1} events; only the first, "
                              f"'{clean(event.get('title'))}', was read")
        own = _text(event.get("timezone"))
        zone_name = options.timezone or own  # (--timezone first: a zone set wrong in Indico is put right by it)
        self.why = ("--timezone" + (f"; the export says the event's is {own}" if own and own != options.timezone
                                    else "")) if options.timezone else "the event's time zone" if own else ""
        if not zone_name:
            zone_name = _text((event.get("startDate") or {}).get("tz")) if isinstance(event.get("startDate"), dict) else ""
            self.why = "the zone the export's times are in"
        self.clock = _Clock(path, _zone(zone_name, path, "timezone" if own else "startDate.tz", options.timezone))
        self.zone_name = zone_name or ""
        self.blocks: dict[str, Block] = {}
        self.nameless: list[str] = []  # the people listed without a name, left out: where, and what else is given
        self.ids = _Ids()
        self.parted: list[tuple[str, int]] = []  # the contributions in parts (subContributions): title, how many

    def read(self) -> Imported:
        entries: list[Entry] = []
        for c in _list(self.event.get("contributions")):
            entries.append(self.contribution(c, None))
        for n, s in enumerate(_list(self.event.get("sessions"))):
            block = self.session(s, n)
            for c in _list(s.get("contributions")):
                entries.append(self.contribution(c, block))
        conference = self.conference()
        self.notes += _nameless_note(self.nameless) + self.ids.note() + _parted_note(self.parted)
        said = self.clock.note(self.why) if self.times_note is None else self.times_note
        if said:
            self.notes.insert(0, said)
        return assemble(FORMAT, conference, entries, list(self.blocks.values()), self.kinds, self.notes)

    def conference(self) -> Conference:
        e = self.event
        start = self.clock(e.get("startDate"), "", "startDate")
        end = self.clock(e.get("endDate"), "", "endDate")
        _not_before(self.path, "the event", clean(e.get("title")), e, start, end)
        venue = ", ".join(v for v in (clean(e.get("location")), clean(e.get("address"))) if v)
        return Conference(title=clean(e.get("title")), start=start[0] if start else None,
                          end=end[0] if end else None, venue=venue,
                          url=web_address(f"{self.path}: url", _text(e.get("url"))),
                          chairs=_people(e.get("chairs")), time_zone=self.zone_name)

    def session(self, s: dict, n: int) -> Block:
        name = clean(s.get("title")) or f"Session {n + 1}"
        key = f"s{_text(str(s.get('id', n)))}:{name}"
        chairs = [p.name for p in _people(s.get("sessionConveners") or s.get("conveners"))]
        room = clean(s.get("roomFullname")) or clean(s.get("room"))
        block = Block(key, name, chairs, room, kind="poster" if s.get("isPoster") else "", explicit=False)
        self.blocks[key] = block
        return block

    def session_by_name(self, name: str) -> Block:
        key = f"name:{name}"
        if key not in self.blocks:
            self.blocks[key] = Block(key, name, explicit=False)
        return self.blocks[key]

    def contribution(self, c: dict, block: Block | None) -> Entry:
        if not isinstance(c, dict):
            raise SourceError(f"{self.path}: a contribution is not a JSON object: {str(c)[:60]}")
        ident = _text(str(c.get("friendly_id") or c.get("id") or c.get("db_id") or ""))
        where = f"contribution {ident or '?'}"
        title = clean(c.get("title")) or f"Contribution {ident}"
        type_name = _text(c.get("type")) if not isinstance(c.get("type"), dict) else _text(c["type"].get("name"))
        track = _text(c.get("track")) if not isinstance(c.get("track"), dict) else _text(c["track"].get("title"))
        if not type_name and self.kinds.known(track):
            type_name = track  # events without contribution types often say it with their tracks
        kind = self.kinds(type_name)
        if block is None and _text(c.get("session")):
            block = self.session_by_name(clean(c.get("session")))
        if block is not None and block.kind == "poster" and not type_name:
            kind = "poster"
        parts = _list(c.get("subContributions"))
        _not_too_many(self.path, where, title, c.get("speakers"), [c.get("primaryauthors"), c.get("coauthors")],
                      [p.get("speakers") for p in parts])
        people = _contribution_people(c.get("speakers"), [c.get("primaryauthors"), c.get("coauthors")], where, title,
                                      self.nameless)
        text = to_markup(c.get("description"))
        if parts:
            items = _parts(parts, people, where, title, self.nameless)
            text = "\n\n".join(([text] if text else []) + items)
            self.parted.append((title, len(parts)))
        when = self.clock(c.get("startDate"), where, "startDate")
        entry = Entry(key=self.ids.key(f"c{ident}", title) if ident else "", title=title, people=people,
                      text=text, kind=kind, where=where,
                      images=images_in(c.get("description")),
                      room=clean(c.get("roomFullname")) or clean(c.get("room")),
                      block=block.key if block else None,
                      number=_board(c.get("board_number"), self.notes, where))
        if when:
            entry.day, entry.start = when
            finish = self.clock(c.get("endDate"), where, "endDate")
            _not_before(self.path, where, title, c, when, finish)
            minutes = _minutes(c.get("duration"))
            if finish and finish[0] == entry.day:
                entry.end = finish[1]
            elif minutes:
                entry.end = plus_minutes(entry.day, entry.start, minutes)
                if entry.end is None:
                    self.notes.append(f"{where}: a duration of {c.get('duration')} minutes goes past midnight; "
                                      f"'{title}' has no end time")
            elif c.get("duration") not in (None, "", 0):
                self.notes.append(f"{where}: a duration of '{c.get('duration')}' is no number of minutes above 0; "
                                  f"'{title}' has no end time")
        if block is not None and entry.room == block.room:
            entry.room = ""
        return entry


def _contribution_people(speakers: object, authors: list, where: str, title: str, notes: list[str]) -> list[Person]:
    """The people of a contribution (`speakers` and each of `authors`: the source's lists), the speakers marked; a
    person listed without a name is the one of the same e-mail when there is one (a speaker without a name, an author
    with it: that author speaks), else left out and named in `notes`."""
    left: list[Person] = []
    people = _with_speakers([p for items in authors for p in _people(items, nameless=left)],
                            _people(speakers, presenting=True, nameless=left))
    for person in left:
        same = next((p for p in people if person.email and (p.email or "").casefold() == person.email.casefold()), None)
        if same is not None:
            same.presenting = same.presenting or person.presenting
            continue
        details = ([f"e-mail '{person.email}'"] * bool(person.email)
                   + [f"affiliation '{a}'" for a in person.affiliations])
        notes.append(f"{where} ('{title}'): {'a speaker' if person.presenting else 'an author'} without a name"
                     + (f" ({', '.join(details)})" if details else ""))
    return people


def _parts(parts: list[dict], people: list[Person], where: str, title: str, nameless: list[str]) -> list[str]:
    """A contribution's parts (Indico's subcontributions: a title, a duration and speakers each, no time or text of
    their own) as list items of its text, each its title and its speakers' names in brackets; each speaker speaks
    the contribution: added to `people` (presenting), or marked presenting there when they are among them already. A
    part without a title is its speakers' names; one without either is left out."""
    items = []
    for n, part in enumerate(parts, 1):
        at = f"{where}, subcontribution {_text(str(part.get('id') or n))}"
        speakers = _contribution_people(part.get("speakers"), [], at, title, nameless)
        for speaker in speakers:
            known = next((p for p in people if p.name.casefold() == speaker.name.casefold()), None)
            if known is None:
                people.append(speaker)
            else:
                known.fill_in(speaker)
        named = ", ".join(s.name for s in speakers)
        part_title = clean(part.get("title"))
        said = f"{part_title} ({named})" if part_title and named else part_title or named  # (no title: its speakers)
        if said:
            items.append(f"\u2013 {said}")
    return items


def _parted_note(parted: list[tuple[str, int]]) -> list[str]:
    """The note on the contributions in parts (_parts), if any."""
    if not parted:
        return []
    return [f"{len(parted)} contribution(s) in parts (Indico's subcontributions, {sum(n for _, n in parted)} in all): "
            "each part listed in its contribution's abstract with its speakers, who speak the contribution: "
            + listed([f"'{t}'" for t, _ in parted], 3)]


def _nameless_note(nameless: list[str]) -> list[str]:
    """The note on the people listed without a name (_contribution_people), if any."""
    if not nameless:
        return []
    return [f"{len(nameless)} person(s) listed without a name, left out (their contributions keep the people named): "
            + listed(nameless, 3, "; ")
            + "; write their names in abstracts.yaml, or in Indico"]


def _not_too_many(path: Path, where: str, title: str, speakers: object, authors: list, parts: list = ()) -> None:
    """SourceError for a contribution that names more than MAX_PEOPLE people (speakers are most often authors too;
    `parts`: its subcontributions' lists of speakers, who may be none of them)."""
    count = max(len(speakers) if isinstance(speakers, list) else 0,
                sum(len(items) for items in authors if isinstance(items, list))) + sum(
        len(items) for items in parts if isinstance(items, list))
    if count > MAX_PEOPLE:
        raise SourceError(too_many_people(path, where, title, count))


def _not_before(path: Path, where: str, title: str, c: dict, start: tuple | None, finish: tuple | None) -> None:
    """SourceError for a contribution (or the event) whose endDate is before its startDate (as a schedule's end before
    its start is refused): Indico never exports one (assemble.end_before_start)."""
    if finish is not None and start is not None and finish < start:
        def said(value):
            return f"{value.get('date')} {value.get('time')}"
        raise SourceError(end_before_start(path, where, title, ("endDate", said(c["endDate"])),
                                           ("startDate", said(c["startDate"]))))


class _Ids:
    """The contributions' ids, one to each: a contribution given the id of an earlier one of another title (an
    export edited or two joined) gets one of its own ('c7-2'), named in the notes as schedule exports' are."""

    def __init__(self) -> None:
        self.titles: dict[str, str] = {}  # id -> the title of the contribution it was given to
        self.clashes: list[str] = []  # "'title' (id c7 -> c7-2)"

    def key(self, base: str, title: str) -> str:
        if self.titles.setdefault(base, title) == title:  # (the same title again: one contribution, held again)
            return base
        candidate, n = f"{base}-2", 2
        while self.titles.get(candidate, title) != title:
            n += 1
            candidate = f"{base}-{n}"
        if candidate not in self.titles:
            self.titles[candidate] = title
            self.clashes.append(f"'{title}' (id {base} -> {candidate})")
        return candidate

    def note(self) -> list[str]:
        if not self.clashes:
            return []
        return [f"{len(self.clashes)} contribution(s) with the id of an earlier contribution of another title (the "
                "export gives one id to two contributions): each its own abstract, the later given an id of its own: "
                f"{listed(self.clashes, 3)}; check that the export is whole and not two joined"]


def _with_speakers(authors: list[Person], speakers: list[Person]) -> list[Person]:
    """Authors in order with the speakers marked; speakers who are no author first."""
    names = {s.name.casefold() for s in speakers}
    for a in authors:
        if a.name.casefold() in names:
            a.presenting = True
    listed = {a.name.casefold() for a in authors}
    return [s for s in speakers if s.name.casefold() not in listed] + authors


def _list(value) -> list:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


# -- the timetable export -------------------------------------------------------------------

def _listing_day(day_key: str) -> dt.date | None:
    """The date of a timetable's day key ("20260623"); None for a key that is no date."""
    try:
        return dt.datetime.strptime(str(day_key), "%Y%m%d").date()
    except ValueError:
        return None


def _spans_its_listing(kind: str, start: tuple[dt.date, dt.time], end: tuple[dt.date, dt.time] | None,
                       listing: dt.date) -> bool:
    """Whether a top-level entry is a session block starting before the day whose key lists it and lasting into it:
    Indico lists an entry under the day it starts on, in the zone its dates are written in (a session block lasting
    into the next day under that day too); any other entry off that day is refused as a session's entry off its
    session's day is (assemble.refuse_off_its_day). Its dates as written, not as converted to --timezone: the key is
    in the export's zone (`start`, `end`: its startDate and endDate as _Clock.read has them, as written; None: no
    date). A contribution listed a day before its date was imported on its own date without a word."""
    return kind == "Session" and end is not None and start[0] < listing <= end[0]


class _Timetable:
    def __init__(self, path: Path, results: dict, options: Options) -> None:
        self.path = path
        self.options = options
        self.kinds = Kinds(options)
        self.notes: list[str] = ["a timetable export has no contribution types: every talk is a contributed "
                                 "talk (the event export, export/event/ID.json, has them)"]
        event_id, days = next(iter(results.items()))
        if len(results) > 1:
            self.notes.append(f"the export holds {len(results)} events; only event {event_id} was read")
        self.days = days
        self.blocks: list[Block] = []
        self.entries: list[Entry] = []
        self.nameless: list[str] = []  # the people listed without a name, left out: where, and what else is given
        self.locations: Counter = Counter()
        self.ids = _Ids()
        zone = options.timezone or self.export_zone()
        self.clock = _Clock(path, _zone(zone, path, "tz", options.timezone))
        self.zone_name = zone or ""
        self.why = "--timezone" if options.timezone else "the zone the export's times are in"

    def export_zone(self) -> str | None:
        for entries in self.days.values():
            for entry in (entries.values() if isinstance(entries, dict) else ()):
                if isinstance(entry, dict) and isinstance(entry.get("startDate"), dict):
                    return entry["startDate"].get("tz")
        return None

    def read(self) -> Imported:
        for day_key in sorted(self.days):
            entries = self.days[day_key]
            if not entries:
                continue
            if not isinstance(entries, dict):
                raise SourceError(f"{self.path}: day {day_key}: expected the day's entries (a JSON object)")
            listing = _listing_day(day_key)
            for key, entry in entries.items():
                if isinstance(entry, dict):
                    self.entry(key, entry, None, listing)
        venue = self.locations.most_common(1)[0][0] if self.locations else ""
        self.notes += _nameless_note(self.nameless) + self.ids.note()
        self.notes.insert(0, self.clock.note(self.why))
        return assemble(FORMAT, Conference(venue=venue, time_zone=self.zone_name), self.entries, self.blocks,
                        self.kinds, self.notes)

    def entry(self, key: str, e: dict, block: Block | None, listing: dt.date | None = None) -> None:
        """One entry of the timetable: `block`, the session block listing it; `listing`, the day whose key lists a
        top-level entry (None: not a date)."""
        kind = _text(e.get("entryType")) or {"ContribSchEntry": "Contribution", "BreakTimeSchEntry": "Break",
                                              "LinkedTimeSchEntry": "Session"}.get(_text(e.get("_type")), "")
        where = f"entry {key}"
        location = clean(e.get("location"))
        if location:
            self.locations[location] += 1
        begins = self.clock.read(e.get("startDate"), where, "startDate")  # (as written, and in the conference's zone)
        written_start, when = begins if begins else (None, None)
        day, start = when if when else (None, None)
        end = written_end = None
        if when:
            ends = self.clock.read(e.get("endDate"), where, "endDate")
            written_end, finish = ends if ends else (None, None)
            _not_before(self.path, where, clean(e.get("title")), e, when, finish)
            minutes = _minutes(e.get("duration"))
            end = finish[1] if finish and finish[0] == day else (
                plus_minutes(day, start, minutes) if minutes else None)
        room = clean(e.get("roomFullname")) or clean(e.get("room"))
        written = e.get("startDate") or {}
        said = ("startDate", f"{written.get('date')} {written.get('time')}")
        if block is not None and block.day is not None and day is not None:
            refuse_off_its_day(self.path, where, clean(e.get("title")), said, (day, start), block.day,
                               (block.start, block.end), block.name)
        if (block is None and listing is not None and when
                and not _spans_its_listing(kind, written_start, written_end, listing)):
            refuse_off_its_day(self.path, where, clean(e.get("title")), said, written_start, listing,
                               lists="the day that lists it")
        if kind == "Session":
            if key in {b.key for b in self.blocks}:  # a block past midnight is listed on both days
                return
            title, slot = clean(e.get("title")), clean(e.get("slotTitle"))
            name = (slot if title in slot else f"{title}: {slot}") if slot and slot != title else title
            chairs = [p.name for p in _people(e.get("conveners"))]
            new = Block(key, name or "Session", chairs, room, day, start, end,
                        kind="poster" if e.get("isPoster") else "")
            self.blocks.append(new)
            subs = e.get("entries") if isinstance(e.get("entries"), dict) else {}
            for sub_key, sub in subs.items():
                if isinstance(sub, dict):
                    self.entry(sub_key, sub, new)
            return
        if kind == "Break":
            title = clean(e.get("title")) or "Break"
            self.entries.append(Entry(key, title, kind=line_kind(title, "break"),
                                      day=day, start=start, end=end, room=room if not block or room != block.room else "",
                                      block=block.key if block else None, where=where))
            return
        ident = _text(str(e.get("friendlyId") or e.get("contributionId") or e.get("id") or key)).lstrip("c")
        title = clean(e.get("title")) or f"Contribution {ident}"
        _not_too_many(self.path, where, title, e.get("presenters"), [e.get("authors")])
        people = _contribution_people(e.get("presenters"), [e.get("authors")], where, title, self.nameless)
        kind_name = "poster" if block is not None and block.kind == "poster" else "contributed"
        self.entries.append(Entry(
            self.ids.key(f"c{ident}", title), title, people, to_markup(e.get("description")),
            kind_name, day, start, end, room if not block or room != block.room else "",
            block.key if block else None, _board(e.get("board_number"), self.notes, where), where,
            images=images_in(e.get("description"))))
