"""A c3voc / frab / pretalx `schedule.json` -> Imported (through schedule.build).

Two layouts: version 1, `schedule.conference.days[].rooms{name: [event]}` with `date` (ISO with
offset), `start` and `duration` ("HH:MM") per event; and the newer "schedule2", a flat
`schedule.events[]` with `start`/`end` (or an ISO 8601 `duration`, "PT30M"), room and track objects,
`participants` and a separate `schedule.persons[]` holding biographies. Nulls count as absent.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from pathlib import Path

from . import Imported, Options, SourceError, utf8_text
from .assemble import end_before_start, web_address
from .schedule import (Day, Event, Person, Schedule, build, ends_before_start, later, one_line, parse_clock,
                       parse_date, parse_datetime, parse_duration)

NAME = "schedule-json"

_HEAD = re.compile(rb'^\s*\{.*?"schedule"\s*:\s*\{', re.DOTALL)


def detect(path: Path, head: bytes) -> bool:
    """A JSON object whose first keys include a "schedule" object."""
    return bool(_HEAD.match(head.removeprefix(b"\xef\xbb\xbf")[:4096]))


def read(path: Path, options: Options) -> Imported:
    path = Path(path)
    data = load_json(path)
    return build(_Reader(str(path)).schedule(data), options, NAME)


def json_reason(exc: json.JSONDecodeError) -> str:
    """Python's reason for a JSON error, as a sentence ("Unterminated string starting at" ended in the air: "...
    starting here"), and that the file is cut short when it ends before its JSON does (an export or a download
    stopped half-way)."""
    reason = f"{exc.msg[:-3]} here" if exc.msg.endswith(" at") else exc.msg
    rest = exc.doc[exc.pos:]
    if not rest.strip() or exc.msg.startswith("Unterminated string"):  # (a string left open runs to the end)
        reason += "; the file ends before its JSON does: it is cut short (export or download it again)"
    return reason


def load_json(path: Path):
    """The file's JSON value; SourceError naming the line and column of a syntax error."""
    text = utf8_text(path, path.read_bytes(), "JSON files are UTF-8")  # (UTF-16 or UTF-32 named: "byte 0" was not)
    try:
        return json_value(text)
    except json.JSONDecodeError as exc:
        raise SourceError(f"{path}:{exc.lineno}:{exc.colno}: not valid JSON: {json_reason(exc)}") from None
    except RecursionError:
        raise SourceError(f"{path}: nested too deeply to be a schedule") from None


def json_value(text: str):
    """The JSON value of `text`; json.JSONDecodeError, at its place, for what is not JSON: Python's reader also takes
    NaN, Infinity and -Infinity (a title read as the number nan), which JSON has not. A number too large for a float
    (1e400, which Python reads as inf) is kept as its text, as a whole number of over 100 digits is."""
    def refused(name: str):
        found = next(m for m in _STRING_OR_CONSTANT.finditer(text) if m.group(1) == name)
        raise json.JSONDecodeError(f"{name} is not a JSON value", text, found.start(1))

    try:
        return json.loads(text, parse_int=whole_number, parse_float=_finite, parse_constant=refused,
                          object_pairs_hook=_once_each)
    except _Repeated:
        _refuse_repeated_key(text)
        raise


class _Repeated(Exception):
    """An object of the JSON gives a key twice (where: _refuse_repeated_key)."""


def _once_each(pairs: list) -> dict:
    """An object's pairs as a dict; _Repeated for a key given twice (Python keeps the last, silently: a title given
    twice printed the second)."""
    found = dict(pairs)
    if len(found) != len(pairs):
        raise _Repeated
    return found


_SPACE = re.compile(r"[ \t\n\r]*")


def _refuse_repeated_key(text: str) -> None:
    """json.JSONDecodeError at the first key an object of `text` (JSON: json_value read it, but for a repeated key)
    gives again: read again with Python's own scanner (slower: only for this), its objects walked key by key."""
    from json.decoder import scanstring
    from json.scanner import py_make_scanner

    def line_of(at: int) -> int:
        return text.count("\n", 0, at) + 1

    def parse_object(s_and_end, strict, scan_once, *_):
        s, pos = s_and_end
        seen: dict[str, int] = {}
        pos = _SPACE.match(s, pos).end()
        if s[pos] == "}":
            return {}, pos + 1
        while True:
            at = pos
            key, pos = scanstring(s, pos + 1, strict)
            if key in seen:
                raise json.JSONDecodeError(f"the key '{key}' is given twice in one object (first at line "
                                           f"{line_of(seen[key])}): which is right cannot be told", s, at)
            seen[key] = at
            pos = _SPACE.match(s, _SPACE.match(s, pos).end() + 1).end()  # (past the colon)
            _, pos = scan_once(s, pos)
            pos = _SPACE.match(s, pos).end()
            if s[pos] != ",":
                return {}, pos + 1
            pos = _SPACE.match(s, pos + 1).end()

    decoder = json.JSONDecoder(parse_int=whole_number, parse_float=_finite, parse_constant=lambda name: None)
    decoder.parse_object = parse_object
    decoder.scan_once = py_make_scanner(decoder)
    decoder.decode(text)


class _Written(str):
    """A number too large for a float, as written ("1e400"): text where text is read, a number to _kind."""


def _finite(digits: str) -> float | str:
    value = float(digits)
    return value if math.isfinite(value) else _Written(digits)


_STRING_OR_CONSTANT = re.compile(r'"(?:[^"\\]|\\.)*"|(-?Infinity|NaN)')  # a JSON string, or what json reads as a float


def whole_number(digits: str) -> int | str:
    """A JSON whole number as Python's: one of more than 100 digits (no schedule has one; Python refuses more than
    4,300) is kept as its text."""
    return int(digits) if len(digits) <= 100 else _Written(digits)


class _Reader:
    def __init__(self, source: str):
        self.source = source
        self.tracks: dict[str, str] = {}  # a track's slug -> its name (schedule2's conference.tracks)

    def fail(self, where: str, message: str):
        raise SourceError(f"{self.source}: {where}: {message}")

    def mapping(self, value, where: str, required: bool = True) -> dict:
        if value is None and not required:
            return {}
        if not isinstance(value, dict):
            what = "missing" if value is None else f"{_kind(value)}, not an object"
            self.fail(where, f"{what} (expected an object {{...}})")
        return value

    def listing(self, value, where: str, required: bool = False) -> list:
        if value is None and not required:
            return []
        if not isinstance(value, list):
            what = "missing" if value is None else f"{_kind(value)}, not a list"
            self.fail(where, f"{what} (expected a list [...])")
        return value

    def text(self, value, where: str, languages=("en",)) -> str:
        """A string (numbers too); a {language: text} map gives the first of `languages` it has."""
        if value is None:
            return ""
        if isinstance(value, dict):
            for language in (*languages, *value):
                if isinstance(value.get(language), str):
                    return value[language]
            return ""
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            return str(value)
        self.fail(where, f"{_kind(value)}, not text")

    def url(self, conference: dict, schedule: dict) -> str:
        """The conference's web address: schedule.conference.url, else schedule.base_url (a refusal names the one)."""
        where = "schedule.conference.url" if conference.get("url") else "schedule.base_url"
        address = self.text(conference.get("url") or schedule.get("base_url"), where)
        return web_address(f"{self.source}: {where}", address)

    # -- the whole file

    def schedule(self, data) -> Schedule:
        top = self.mapping(data, "the file")
        schedule = self.mapping(top.get("schedule"), "schedule")
        conference = self.mapping(schedule.get("conference"), "schedule.conference")
        title = one_line(self.text(conference.get("title"), "schedule.conference.title"))
        if not title:
            self.fail("schedule.conference.title", "missing: the conference has no title")
        defaults = self.mapping(conference.get("defaults"), "schedule.conference.defaults", required=False)
        self.language = self.text(defaults.get("language"), "schedule.conference.defaults.language")
        out = Schedule(
            source=self.source,
            title=title,
            acronym=self.text(conference.get("acronym"), "schedule.conference.acronym"),
            time_zone=self.text(conference.get("time_zone_name"), "schedule.conference.time_zone_name").strip(),
            time_zone_at=f"{self.source}: schedule.conference.time_zone_name",
            venue=self.text(conference.get("venue"), "schedule.conference.venue"),
            city=self.text(conference.get("city"), "schedule.conference.city"),
            url=self.url(conference, schedule),
            language=self.language if len(self.language) == 2 else "",
        )
        written = {}
        for key in ("start", "end"):
            value = self.text(conference.get(key), f"schedule.conference.{key}")
            if value.strip():
                setattr(out, key, parse_date(value, f"schedule.conference.{key}", self.source))
                written[key] = value.strip()
        if out.start is not None and out.end is not None and out.end < out.start:
            raise SourceError(end_before_start(self.source, "schedule.conference", title, ("end", written["end"]),
                                               ("start", written["start"])))
        for index, room in enumerate(self.listing(conference.get("rooms"), "schedule.conference.rooms")):
            name = room.get("name") if isinstance(room, dict) else room
            name = one_line(self.text(name, f"schedule.conference.rooms[{index}].name"))
            if name and name not in out.rooms:
                out.rooms.append(name)
        self.tracks = {}
        for track in self.listing(conference.get("tracks"), "schedule.conference.tracks"):
            if isinstance(track, dict) and track.get("slug"):
                self.tracks[str(track["slug"])] = self.text(track.get("name"), "schedule.conference.tracks")
        days = self.listing(conference.get("days"), "schedule.conference.days")
        if "events" in schedule and not any(isinstance(d, dict) and "rooms" in d for d in days):
            self.schedule2(schedule, days, out)
        else:
            if not days:
                self.fail("schedule.conference.days", "missing or empty: the schedule has no days "
                          "(and no schedule2 'events' list)")
            self.version1(days, out)
        return out

    def days(self, days: list, out: Schedule) -> list[Day]:
        listed = []
        for index, raw in enumerate(days):
            where = f"schedule.conference.days[{index}]"
            day = self.mapping(raw, where)
            if day.get("date") is None:
                self.fail(f"{where}.date", "missing: each day needs its date")
            date = parse_date(self.text(day["date"], f"{where}.date"), f"{where}.date", self.source)
            bounds, written = [], []
            for names in (("day_start", "start"), ("day_end", "end")):
                name = next((n for n in names if day.get(n)), None)
                value = self.text(day[name], f"{where}.{name}") if name else ""
                bounds.append(parse_datetime(value, f"{where}.{name}", self.source) if name else None)
                written.append((name, value.strip()))
            listed.append(Day(date, *bounds))
            if ends_before_start(listed[-1]):  # (no export has one: its events would fall outside their day)
                raise SourceError(end_before_start(self.source, where, f"{date:%Y-%m-%d}", written[1], written[0]))
        out.days = listed
        return listed

    def version1(self, days: list, out: Schedule) -> None:
        for index, (day, raw) in enumerate(zip(self.days(days, out), days)):
            where = f"schedule.conference.days[{index}]"
            if isinstance(raw, dict) and "rooms" in raw and raw["rooms"] is None:
                out.notes.append(f"{where}.rooms: null, not the day's rooms and their events: nothing read for "
                                 f"{day.date:%Y-%m-%d}")
            rooms = self.mapping(raw.get("rooms"), f"{where}.rooms", required=False)
            for room, events in rooms.items():
                if room not in out.rooms:
                    out.rooms.append(room)
                for index, raw_event in enumerate(self.listing(events, f"{where}.rooms[{room!r}]")):
                    out.events.append(self.event_v1(raw_event, f"{where}.rooms[{room!r}][{index}]", day, room))

    def event_v1(self, raw, where: str, day: Day, room: str) -> Event:
        e = self.mapping(raw, where)
        event = self.common(e, where)
        event.day = day.date
        event.room = one_line(self.text(e.get("room"), f"{where}.room")) or room
        event.type = self.text(e.get("type"), f"{where}.type")
        if e.get("date"):
            event.start = parse_datetime(self.text(e["date"], f"{where}.date"), f"{where}.date", self.source)
        elif e.get("start"):
            event.start = dt.datetime.combine(day.date, parse_clock(e["start"], f"{where}.start", self.source))
            if day.start is not None:  # as the XML reader does: its day's bounds say which night it is
                if event.start.time() < day.start.time():  # after midnight, listed the day before
                    event.start = later(event.start, dt.timedelta(days=1), f"{where}.start", self.source)
                event.start = event.start.replace(tzinfo=day.start.tzinfo)
        if event.start is not None and e.get("duration"):
            event.end = later(event.start, parse_duration(e["duration"], f"{where}.duration", self.source),
                              f"{where}.duration", self.source)
        for index, raw_person in enumerate(self.listing(e.get("persons"), f"{where}.persons")):
            at = f"{where}.persons[{index}]"
            if isinstance(raw_person, str):
                event.persons.append(Person(raw_person))
                continue
            person = self.mapping(raw_person, at)
            name = self.text(person.get("public_name") or person.get("name") or person.get("full_public_name"), at)
            event.persons.append(Person(name, self.text(person.get("biography"), f"{at}.biography")))
        return event

    def common(self, e: dict, where: str) -> Event:
        """The keys both layouts share."""
        languages = tuple(x for x in (self.text(e.get("language"), f"{where}.language"), self.language, "en") if x)
        return Event(
            where=where,
            ident=self.text(e.get("id"), f"{where}.id").strip(),
            code=self.text(e.get("code"), f"{where}.code").strip(),
            guid=self.text(e.get("guid"), f"{where}.guid").strip(),
            title=self.text(e.get("title"), f"{where}.title", languages),
            subtitle=self.text(e.get("subtitle"), f"{where}.subtitle", languages),
            abstract=self.text(e.get("abstract"), f"{where}.abstract", languages),
            description=self.text(e.get("description"), f"{where}.description", languages),
            language=languages[0] if e.get("language") else "",
            track=self.track(e.get("track"), f"{where}.track"),
            links=len(e["links"]) if isinstance(e.get("links"), list) else 0,
        )

    def track(self, value, where: str) -> str:
        """An event's track: its name, a track object's, or the name the conference's track list gives a slug."""
        if isinstance(value, dict) and ("name" in value or "slug" in value):
            value = value.get("name") or value.get("slug")
        if isinstance(value, list):  # (several: their names; anything else but text is no track)
            value = " \u00b7 ".join(str(v) for v in value if isinstance(v, (str, int)) and not isinstance(v, bool))
        if isinstance(value, bool) or not isinstance(value, (str, int, float, dict)):
            return ""
        text = self.text(value, where)
        return self.tracks.get(text, text)

    def schedule2(self, schedule: dict, days: list, out: Schedule) -> None:
        self.days(days, out)
        people = {}
        for index, raw in enumerate(self.listing(schedule.get("persons"), "schedule.persons")):
            person = self.mapping(raw, f"schedule.persons[{index}]")
            if person.get("guid"):  # (its name too, read when a participant gives its guid and no name: a name
                # booklet does not need is not refused)
                people[str(person["guid"])] = (
                    (person.get("public_name") or person.get("name"), f"schedule.persons[{index}].name"),
                    self.text(person.get("biography"), f"schedule.persons[{index}].biography"))
        for index, raw in enumerate(self.listing(schedule.get("events"), "schedule.events", required=True)):
            where = f"schedule.events[{index}]"
            e = self.mapping(raw, where)
            event = self.common(e, where)
            event.type = self.text(e.get("type"), f"{where}.type")
            room = e.get("room")
            room = room.get("name") or room.get("slug") if isinstance(room, dict) else room
            event.room = one_line(self.text(room, f"{where}.room"))
            if event.room and event.room not in out.rooms:
                out.rooms.append(event.room)
            if e.get("start"):
                event.start = parse_datetime(self.text(e["start"], f"{where}.start"), f"{where}.start", self.source)
            if event.start is not None and e.get("end"):
                event.end = parse_datetime(self.text(e["end"], f"{where}.end"), f"{where}.end", self.source)
            elif event.start is not None and e.get("duration"):
                event.end = later(event.start, parse_duration(e["duration"], f"{where}.duration", self.source),
                              f"{where}.duration", self.source)
            if event.end is not None and (event.end.tzinfo is None) != (event.start.tzinfo is None):
                event.end = event.end.replace(tzinfo=event.start.tzinfo)
            if event.end is not None and event.end < event.start:  # (as Indico's endDate before its startDate)
                raise SourceError(end_before_start(self.source, where, one_line(event.title),
                                                   ("end", self.text(e["end"], f"{where}.end").strip()),
                                                   ("start", self.text(e["start"], f"{where}.start").strip())))
            for k, raw_person in enumerate(self.listing(e.get("participants") or e.get("persons"),
                                                        f"{where}.participants")):
                at = f"{where}.participants[{k}]"
                person = self.mapping(raw_person, at)
                listed_name, listed_bio = people.get(str(person.get("guid")), ((None, ""), ""))
                name = self.text(person.get("public_name") or person.get("name"), at)
                name = name if name.strip() else self.text(*listed_name)  # (a participant named by its guid alone)
                if str(person.get("role") or "SPEAKER").upper() not in ("SPEAKER", "HOST", "MODERATOR"):
                    event.others.append(one_line(name))  # contributors and guests are not printed as speakers
                    continue
                bio = self.text(person.get("biography"), f"{at}.biography") or listed_bio
                event.persons.append(Person(name, bio))
            out.events.append(event)


def _kind(value) -> str:
    """What a JSON value is, with its article ("an object")."""
    return {dict: "an object", list: "a list", str: "a string", bool: "true or false", type(None): "null"}.get(
        type(value), "a number")
