"""A frab-family schedule (read by schedule_json or schedule_xml into Schedule and Event values) -> Imported:
booklet's conference, programme, abstracts, tutorials and posters.

The choices, the same for every file of the family:

- ids: `e<id>` from the source's event id (frab, pentabarf, pretalx and wafer all give one, stable
  across exports); else the pretalx code, else the start of the guid. An id seen again with the same
  title is the same contribution scheduled once more (one abstract, several programme lines); with
  another title it gets the guid's first characters (or -2, -3, ...) added.
- times: in the conference's local time: `--timezone`, else the schedule's `time_zone_name`, else as
  the source writes them (its own UTC offset, which frab exports give in local time). An evening's event
  (from 18:00) that ends past midnight, by 06:00, keeps its end ("23:00-00:40", as booklet reads it); one
  that runs longer prints its start only.
- days: an event belongs to the day the source lists it under (31C3's day 1 runs 11:00 to 04:00), in
  the order it happens; a schedule without listed days (schedule2) uses the days' start and end.
- rooms: when two or more rooms are busy at the same time, that stretch of the day becomes a
  `parallel:` block with one session per room (named after it); otherwise items carry `room:`.
- people: abstracts have no biographies in booklet's format, so speakers' biographies are left out;
  a tutorial's presenters keep theirs. Avatars are not downloaded.
- events without persons have nobody to print as speaker: a talk with a text keeps it, as an abstract whose
  speaker is "TBA" (check warns of it) until the LOC names one; the others become programme lines (title only,
  kind other, or break when the title says so); a tutorial needs no presenter and stays a tutorial.
- events without a time become abstracts (tutorials, posters) that are not in the programme.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from ..data.contract import PLACEHOLDERS
from ..model import AFTER_MIDNIGHT, AFTERNOON
from ..problems import did_you_mean, listed
from ..text.folding import DAY_WORDS, unmarked
from ..text.markup import collapse
from . import Imported, Options, SourceError
from .assemble import (MAX_PEOPLE, NOBODY, common_language, language_code, line_kind, names_in,
                       off_its_day_said, own_language, regional_note, some, time_text, titles_note, too_many_people,
                       untitled)
from .kinds import ABSTRACT_KINDS, kind_for, parse_kinds, user_kind_of
from .text import ESCAPE_SEQUENCE, images_in, joined, repaired, to_markup, without_controls

VENUE_PLACEHOLDER = PLACEHOLDERS["venue"]
_SLUG = re.compile(r"[a-z0-9_.-]+")  # an acronym in lower case alone is a system's slug, no name to print


@dataclass
class Person:
    name: str
    bio: str = ""
    email: str | None = None  # when the source names them by their address (assemble.names_in)


@dataclass
class Event:
    """One event as the source gives it (text still as the source writes it)."""

    where: str  # for messages: "line 120" or "schedule.conference.days[0].rooms['Saal 1'][3]"
    ident: str = ""  # the source's event id
    code: str = ""
    guid: str = ""
    title: str = ""
    subtitle: str = ""
    type: str = ""
    abstract: str = ""
    description: str = ""
    persons: list[Person] = field(default_factory=list)
    start: dt.datetime | None = None  # aware when the source gives an offset
    end: dt.datetime | None = None
    room: str = ""
    day: dt.date | None = None  # the day the source lists it under, if it does
    language: str = ""
    track: str = ""  # its track's name (a FOSDEM devroom, a congress's "Security")
    links: int = 0  # how many links the source gives it (slides, recordings, a project's page): not imported
    others: list[str] = field(default_factory=list)  # people of other roles (contributors, guests): not printed


@dataclass
class Day:
    date: dt.date
    start: dt.datetime | None = None
    end: dt.datetime | None = None


@dataclass
class Schedule:
    """The conference and its events, as read from the source."""

    source: str  # the file's name, for messages
    title: str
    acronym: str = ""
    start: dt.date | None = None
    end: dt.date | None = None
    time_zone: str = ""
    time_zone_at: str = ""  # where the source writes it, as its other refusals say where ("s.xml:5: <time_zone_name>")
    venue: str = ""
    city: str = ""
    url: str = ""
    language: str = ""
    days: list[Day] = field(default_factory=list)
    rooms: list[str] = field(default_factory=list)  # in the source's order
    events: list[Event] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what the reader left out of what the source holds, and why


# -- small readers shared by the JSON and XML readers ---------------------------------------------

_UNPRINTABLE = re.compile(ESCAPE_SEQUENCE + "|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ufffe\uffff\ud800-\udfff]")


def one_line(value) -> str:
    """A title or name: control characters left out, whitespace (line breaks included) collapsed to single
    spaces, a no-break space kept (text.markup.collapse); '' for None."""
    return collapse(without_controls(repaired(str(value)), _UNPRINTABLE)) if value is not None else ""


def parse_datetime(text: str, where: str, source: str) -> dt.datetime:
    """An ISO 8601 date-time ('2019-12-27T11:00:00+01:00', 'Z' too) -> datetime; SourceError otherwise."""
    value = str(text).strip()
    try:
        moment = dt.datetime.fromisoformat(value[:-1] + "+00:00" if value.endswith("Z") else value)
    except ValueError:
        raise SourceError(f"{source}: {where}: '{value}' is not a date and time "
                          "(expected e.g. 2019-12-27T11:00:00+01:00)") from None
    # (year 1 at +01:00 is before the first moment a date can have)
    event_year(moment.year, value, where, source, "date and time")
    return moment


def event_year(year: int, value: str, where: str, source, what: str) -> None:
    """SourceError when `year` (of `value`, a `what`: "date", "date and time") is before FIRST_YEAR or after
    LAST_YEAR: not an event's."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise SourceError(f"{source}: {where}: '{value}' is not the {what} of an event (before {FIRST_YEAR} or after "
                          f"{LAST_YEAR})")


def ends_before_start(day: Day) -> bool:
    """Whether the day's own end is before its start (a day without both ends: no); an end and a start of which
    one names its time zone and the other none are compared by their clocks."""
    if day.start is None or day.end is None:
        return False
    if (day.start.tzinfo is None) != (day.end.tzinfo is None):
        return day.end.replace(tzinfo=None) < day.start.replace(tzinfo=None)
    return day.end < day.start


FIRST_YEAR = 1900  # before it, no conference system's date; time zones then kept local mean time
LAST_YEAR = 9998  # after it, a time zone or the day after (a night's event) reaches past the last date there is
MOST_TRACKS = 2  # a room's session named by its tracks when they are no more


def parse_date(text: str, where: str, source: str) -> dt.date:
    """'2019-12-27' (or a date-time, whose date is taken) -> date; SourceError otherwise."""
    value = str(text).strip()
    try:
        date = dt.date.fromisoformat(value[:10])
    except ValueError:
        raise SourceError(f"{source}: {where}: '{value}' is not a date (expected e.g. 2019-12-27)") from None
    # (a day's date and time zone overflowed, or took local mean time)
    event_year(date.year, value, where, source, "date")
    return date


_CLOCK = re.compile(r"^(\d{1,3}):(\d{2})(?::(\d{2}))?$", re.ASCII)
_ISO_DURATION = re.compile(r"^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$", re.ASCII)


def parse_duration(text, where: str, source: str) -> dt.timedelta:
    """'00:30', '01:30:00', 'PT1H30M' or a number of minutes -> timedelta; SourceError otherwise."""
    value = str(text).strip()
    try:
        if (match := _CLOCK.match(value)) and max(int(g or 0) for g in match.groups()[1:]) < 60:  # (not "99:99")
            hours, minutes, seconds = (int(g or 0) for g in match.groups())
            return dt.timedelta(hours=hours, minutes=minutes, seconds=seconds)
        if (match := _ISO_DURATION.match(value)) and value not in ("P", "PT"):
            days, hours, minutes, seconds = match.groups()
            return dt.timedelta(days=int(days or 0), hours=int(hours or 0), minutes=int(minutes or 0),
                                seconds=float(seconds or 0))
        if value.isascii() and value.isdigit():  # (not "²", which isdigit too)
            return dt.timedelta(minutes=int(value))
    except (OverflowError, ValueError):  # (ValueError: more digits than Python reads, 4,300)
        raise SourceError(f"{source}: {where}: '{value[:40]}' is not a duration an event can have (too long)") \
            from None
    raise SourceError(f"{source}: {where}: '{value[:40]}' is not a duration (expected e.g. 00:30 or PT30M)")


def later(moment: dt.datetime, by: dt.timedelta, where: str, source: str) -> dt.datetime:
    """`moment` + `by`; SourceError past the last day a date can have (9999-12-31)."""
    try:
        return moment + by
    except OverflowError:
        raise SourceError(f"{source}: {where}: the event would end after 9999-12-31") from None


def parse_clock(text, where: str, source: str) -> dt.time:
    value = str(text).strip()
    match = _CLOCK.match(value)
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise SourceError(f"{source}: {where}: '{value}' is not a time of day (expected e.g. 09:30)")
    return dt.time(int(match.group(1)), int(match.group(2)))


def zone_problem(name: str) -> str | None:
    """What is wrong with `name` as a time zone's name (there is none of that name; the zone probably meant said),
    or None: the one message of every time zone refused, a source's and --timezone's."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return (f"unknown time zone '{name}'{did_you_mean(name, sorted(available_timezones()))}; "
                "time zones are named like Europe/Berlin or America/Montreal")
    return None


def zone_named(name: str, what: str) -> ZoneInfo:
    """The time zone called `name`; SourceError at `what` (zone_problem) when there is none."""
    problem = zone_problem(name)
    if problem is not None:
        raise SourceError(f"{what}: {problem}")
    return ZoneInfo(name)


# -- Schedule -> Imported -----------------------------------------------------------------------

@dataclass
class _Placed:
    """An event on its day: what it became and where it is printed."""

    event: Event
    order: int
    start: dt.datetime  # local
    end: dt.datetime  # local; == start when unknown
    item: dict  # the programme item


def build(schedule: Schedule, options: Options, format_name: str) -> Imported:
    """The schedule as booklet's documents, with the notes and unmapped types to show the user."""
    for event in schedule.events:  # (before their people are named and checked: assemble.MAX_PEOPLE)
        if len(event.persons) > MAX_PEOPLE:
            raise SourceError(too_many_people(schedule.source, event.where, one_line(event.title), len(event.persons)))
    return _Builder(schedule, options, format_name).run()


# The notes that say how many events something happened to: (the count's name, what follows the number), in order
_COUNTED_NOTES = (
    ("skipped", "event(s) of a type --kinds says to skip, left out"),
    ("held-again", "event(s) held again, under another id with the same title, speakers and text: one abstract, in "
                   "the programme each time"),
    ("marked", "abstract(s) held again under titles told apart by a mark of the day or part alone ('(Day 2)', "
               "'- Tag 2', 'Part 2'), with the same speakers and text: one abstract, its title without the mark, and a "
               "programme line each time with its own title"),
    ("speakers-given", "event(s) without a speaker held again, under another id with the same title and text, by one "
                       "that names them: their speakers, and one abstract, in the programme each time"),
    ("same-id", "event(s) given again under the same id and title at another time or in another room: one abstract, "
                "in the programme each time (again: true)"),
    ("copy", "event(s) the source gives again whole (the same id, title, speakers, text, time and room: its "
             "content twice over), left out: the event is listed once"),
    ("simulcast", "event(s) given again at the same time in another room (a stream of it: the same title but for a "
                  "note such as \"(Stream)\", and the same speakers or text), left out: the event is listed once"),
    ("no-end", "event(s) without a duration or an end in the source: printed with their start time only"),
    ("past-midnight", "event(s) run past midnight further than booklet writes an end (from 18:00 to 06:00 at most): "
                      "printed with their start time only"),
    ("late", "event(s) after midnight kept on the day the source lists them under, after that day's evening"),
    ("night", "event(s) after midnight kept at the end of the day the source lists them under, which has nothing "
              "from 13:00 on: the day is written `night: true`, so that booklet reads them as its night"),
    ("own-date", "event(s) after midnight listed on their own date: the day the source lists them under has nothing "
                 "from 06:00 on for them to follow"),
    ("parallel", "stretch(es) of time with several rooms busy: parallel sessions by room, each named by its events' "
                 "track where the tracks tell the rooms apart"),
)


class _Builder:
    def __init__(self, schedule: Schedule, options: Options, format_name: str):
        self.s = schedule
        self.format = format_name
        try:
            self.kinds = parse_kinds(options.kinds)
        except ValueError as exc:
            raise SourceError(f"--kinds: {exc}") from None
        name = options.timezone or schedule.time_zone
        what = "--timezone" if options.timezone else schedule.time_zone_at
        self.zone = zone_named(name, what) if name else None
        self.notes: list[str] = []
        self.copies: set[int] = set()  # the events that are an earlier one again whole (_copies), left out
        self.unmapped: Counter = Counter()
        self.types: Counter = Counter()  # the events' types, as written
        self.abstracts: dict[str, dict] = {}
        self.tutorials: dict[str, dict] = {}
        self.posters: list[dict] = []
        self.ids: dict[str, str] = {}  # id -> title, to tell a repeat from another event with the same id
        self.given: dict[str, str] = {}  # id -> the source's id it was made of ('' for an event without one)
        self.clashes: list[str] = []  # "'title' (id 7 -> e7-ab12cd)": events given the id of another event, renamed
        self.first: dict[str, tuple] = {}  # id -> (speakers, text) of the abstract or tutorial first made under it
        self.repeats_differing: list[str] = []  # titles given again under their id with other speakers or text
        self.counts: Counter = Counter()
        self.held: dict[tuple, str] = {}  # (kind, title, speakers, text) -> the id of the abstract made of them
        self.aliases: dict[str, list[str]] = {}  # an abstract's id -> the ids of the events held again as it
        self.marked: set[str] = set()  # abstracts held again under titles told apart by a day's mark ('(Day 2)')
        self.speakers: dict[tuple, list[Person]] = {}  # an event's (type, title, subtitle, texts) -> the people named
        self.lines_with_people: list[str] = []  # programme lines whose source names people, not printed
        self.no_persons_kept: list[str] = []  # talks with a text and no speaker: abstracts of speaker NOBODY
        self.with_images: list[str] = []  # events whose texts show images (Markdown's ![..](..), HTML's <img>)
        self.texts_left: list[str] = []  # events with a text and no speaker, not talks: programme lines, text left out
        self.reworded: list[str] = []  # titles of events whose description says the abstract again in other words
        self.nameless: dict[str, int] = {}  # title -> how many of its people the source lists without a name
        self.titled: list[str] = []  # names written with an academic title, left out: "Dr. Ana Smith -> Ana Smith"
        # the booklet's, if the source tells
        self.language = schedule.language or common_language(e.language for e in schedule.events)
        self.base_language = language_code(re.split("[-_]", self.language or "en")[0])  # "en" of "EN", "en-GB"

    # -- times

    def local(self, moment: dt.datetime) -> dt.datetime:
        """A source time as the conference's local wall-clock time (naive)."""
        if self.zone is not None and moment.tzinfo is not None:
            return moment.astimezone(self.zone).replace(tzinfo=None)
        return moment.replace(tzinfo=None)

    def time_text(self, start: dt.datetime, end: dt.datetime) -> str:
        """'09:00-09:20', '23:00-00:40' or '14:00-24:00' (assemble.time_text); the start alone for an end that is
        not after the start, or that no time of booklet's can give (a day or more on: counted for the notes)."""
        if end <= start:
            return f"{start:%H:%M}"
        text = time_text(start.time(), end.time()) if end - start < dt.timedelta(days=1) else None
        if text is None or "-" not in text:
            self.counts["past-midnight"] += 1
            return f"{start:%H:%M}"
        return text

    # -- ids

    def ident(self, event: Event) -> tuple[str, bool]:
        """(the booklet id of the event, whether it is a repeat of one already made)."""
        if event.ident:
            base = "e" + _id_text(event.ident)
        elif event.code:
            base = _id_text(event.code).lower()
        elif event.guid:
            base = "e" + _id_text(event.guid)[:8]
        else:
            base = "e" + str(len(self.ids) + 1)
        title = one_line(event.title)
        given = event.ident or event.code or event.guid  # the source's id, as it writes it
        if base not in self.ids:
            self.ids[base] = title
            self.given[base] = given
            return base, False
        if self.ids[base] == title:
            return base, True
        suffix = _id_text(event.guid)[:6] if event.guid else ""
        candidate, n = (f"{base}-{suffix}" if suffix else f"{base}-2"), 2
        while candidate in self.ids and self.ids[candidate] != title:
            n += 1
            candidate = f"{base}-{n}"
        repeat = candidate in self.ids
        self.ids[candidate] = title
        if not repeat and given and self.given.get(base) == given:  # (not two ids alike once made ids: a guid's
            # first 8 characters, 'E1' and 'e1', or an id booklet numbered an event without one)
            self.clashes.append(f"'{title}' (id {given} -> {candidate})")
        return candidate, repeat

    def repeated(self, ident: str, repeat: bool, persons: list[Person], text: str) -> None:
        """Count an event given again under its id and title (one abstract, a programme line each time), and name it
        when its speakers or text are not those of the first, which are the ones kept."""
        given = (tuple(p.name for p in persons), text)
        if not repeat:
            self.first.setdefault(ident, given)
            return
        self.counts["same-id"] += 1
        if self.first.get(ident, given) != given:
            self.repeats_differing.append(self.ids.get(ident, ident))

    # -- the run

    def run(self) -> Imported:
        s = self.s
        placed: dict[dt.date, list[_Placed]] = {}
        copies = self.copies = _copies(s.events)
        rest = [at for at in range(len(s.events)) if at not in copies]
        again = {rest[at] for at in _simulcasts([s.events[at] for at in rest])}
        for at in rest:  # (a workshop held three times, its speaker named at the last: 39C3's, from the hub)
            if s.events[at].persons and (s.events[at].abstract or s.events[at].description):
                self.speakers.setdefault(_held_as(s.events[at]), s.events[at].persons)
        for order, event in enumerate(s.events):
            if order in copies:
                self.counts["copy"] += 1
                continue
            if order in again:
                self.counts["simulcast"] += 1
                continue
            item = self.entry(event)
            if item is None:
                continue
            if event.start is None:
                self.counts["unscheduled" if "talk" in item or "tutorial" in item else "untimed-line"] += 1
                continue
            start = self.local(event.start)
            end = self.local(event.end) if event.end is not None else start
            self.counts["no-end"] += event.end is None
            item = {"time": self.time_text(start, end), **item}
            day = event.day or self.day_of(event.start, start)
            if abs((start.date() - day).days) > 1 or start.date() < day and not self.after_start(event.start, start,
                                                                                                  day):
                # (a day either way: its zone's, and a night's event; a day before, only when its day's own start in
                # another zone is that date's: an event of the day before was printed first in its day, out of order)
                raise SourceError(off_its_day_said(s.source, event.where, one_line(event.title),
                                                   ("date and time", event.start.isoformat()), None, day,
                                                   lists="the day that lists it"))
            if day < start.date():  # after midnight, on the day the source lists it under (or whose span holds it)
                self.counts["late"] += 1
            placed.setdefault(day, []).append(_Placed(event, order, start, max(start, end), item))
        nights = self.nights(placed)
        self.unmark(placed)
        days = self.programme(placed, nights)
        documents = {"conference.yaml": self.conference(days)}
        if days:
            documents["programme.yaml"] = {"days": days}
        if self.abstracts:
            documents["abstracts.yaml"] = list(self.abstracts.values())
        if self.tutorials:
            documents["tutorials.yaml"] = list(self.tutorials.values())
        if self.posters:
            documents["posters.yaml"] = self.posters
        self.explain()
        return Imported(self.format, documents, self.unmapped, self.notes, self.types,
                        {ident: tuple(others) for ident, others in self.aliases.items()})

    def unmark(self, placed: dict[dt.date, list[_Placed]]) -> None:
        """An abstract held again under titles that differ by their mark of the day or part alone ('Badge workshop
        (Day 1)', '(Day 2)', ...: the same speakers and text) has its title without the mark, and each programme line
        its own title, the mark with it."""
        if not self.marked:
            return
        for ident in self.marked:
            self.abstracts[ident]["title"] = unmarked(self.abstracts[ident]["title"])
        for events in placed.values():
            for p in events:
                if p.item.get("talk") in self.marked and "title" not in p.item:
                    title = one_line(p.event.title).rstrip(" :\u2013\u2014-")
                    p.item = {k: v for k, v in [("time", p.item.get("time")), ("title", title), *p.item.items()]
                              if v is not None}
        self.counts["marked"] += len(self.marked)

    def nights(self, placed: dict[dt.date, list[_Placed]]) -> set[dt.date]:
        """The days with events after midnight that the source lists under them (or whose span holds them) and with
        nothing from 13:00 on (a morning's day): booklet reads a start before 06:00 as the night's only after an
        afternoon's item (model.Day.clock) or, on a day written `night: true`, after one from 06:00 on, which they
        are. (They were listed on their own date: 38C3's hub, a talk at 00:15 of the congress's first day, opened a
        day of its own, midnight at the top of the glance's time axis.) A day with nothing from 06:00 on its own date
        for them to follow (those events alone, or after a 05:00 sunrise walk) has no night booklet reads: its events
        after midnight are listed on their own date, as they were, not dated the day before."""
        out = set()
        for day in sorted(placed):
            events = placed[day]
            if any(p.start.date() == day and p.start.hour * 60 + p.start.minute >= AFTERNOON for p in events):
                continue
            late = [p for p in events if p.start.date() > day]
            if not late:
                continue
            self.counts["late"] -= len(late)
            if any(p.start.date() == day and p.start.hour * 60 + p.start.minute >= AFTER_MIDNIGHT for p in events):
                out.add(day)
                self.counts["night"] += len(late)
                continue
            placed[day] = [p for p in events if p not in late]
            if not placed[day]:
                del placed[day]
            for p in late:
                placed.setdefault(p.start.date(), []).append(p)
            self.counts["own-date"] += len(late)
        return out

    def after_start(self, moment: dt.datetime, local: dt.datetime, date: dt.date) -> bool:
        """Whether an event at `moment` (`local` in the conference's wall-clock time) is at or after the start of the
        day of `date` as the source gives it (False for a day without a start: none begins before its date)."""
        day = next((d for d in self.s.days if d.date == date and d.start is not None), None)
        if day is None:
            return False
        try:
            return moment >= day.start
        except TypeError:  # naive against aware: compare wall-clock times
            return local >= self.local(day.start)

    def day_of(self, moment: dt.datetime, local: dt.datetime) -> dt.date:
        """The conference day of an event the source does not list under a day: the day whose span holds it."""
        for day in self.s.days:
            if day.start is not None and day.end is not None:
                try:
                    if day.start <= moment < day.end:
                        return day.date
                except TypeError:  # naive against aware: compare wall-clock times
                    if self.local(day.start) <= local < self.local(day.end):
                        return day.date
        return local.date()

    def entry(self, event: Event) -> dict | None:
        """Make the event's abstract, tutorial or poster; the programme item for it (without time), or None."""
        title = one_line(event.title) or "(untitled)"
        if not one_line(event.title):
            self.counts["untitled"] += 1
        subtitle = one_line(event.subtitle)
        full = _with_subtitle(title, subtitle)
        kind, type_name = kind_for(event.type, self.kinds), one_line(event.type)
        if type_name:
            self.types[type_name] += 1
        if kind == "skip":  # (--kinds "Attendee=skip")
            self.counts["skipped"] += 1
            return None
        if kind is None and type_name:
            self.unmapped[type_name] += 1
        nameless: list[Person] = []
        persons = _unique(event.persons, self.titled, nameless)
        if not event.persons and (named := self.speakers.get(_held_as(event))):  # held again, its speakers named there
            persons = _unique(named, self.titled)
            self.counts["speakers-given"] += 1
        if nameless and title not in self.nameless:
            self.nameless[title] = len(nameless)
        reworded: list[str] = []
        text = _text(event, reworded)
        images = images_in(event.abstract, event.description)
        if images and text:
            self.counts["images"] += images
            self.with_images.append(title)
        if reworded:
            self.reworded.append(full)
        if kind is None:
            kind = "contributed" if persons else line_kind(title)
        elif kind == "other" and user_kind_of(event.type, self.kinds) is None:  # a schedule's "Event": by its title ...
            kind = line_kind(title)  # (a dinner, a party: social)
            if kind == "other" and persons and text:  # ... and one with speakers and a text is a talk
                kind = "contributed"
                self.counts["event-talks"] += 1
        if not persons and kind in ABSTRACT_KINDS and text:  # its text kept: an abstract, its speaker to be named
            persons = [Person(NOBODY)]
            self.no_persons_kept.append(title)
        if not persons and kind in (*ABSTRACT_KINDS, "poster", "other"):
            self.counts["no-persons"] += 1
            if text:
                self.texts_left.append(title)
            if kind == "poster" and event.start is None:
                self.counts["poster-dropped"] += 1
                return None
            if kind != "poster":
                kind = "other"
            return {"title": title, "kind": kind}
        if kind == "tutorial":
            ident, repeat = self.ident(event)
            self.repeated(ident, repeat, persons, text)
            if not repeat:
                tutorial = {"id": ident, "title": full}
                if text:
                    tutorial["description"] = text
                if persons:
                    tutorial["presenters"] = [_presenter(p) for p in persons]
                if text:
                    self.in_own_language(tutorial, event)
                self.tutorials[ident] = tutorial
            return {"tutorial": ident}
        if kind == "poster":
            poster = {"number": len(self.posters) + 1, **_poster_authors(persons), "title": full}
            if text:
                poster["abstract"] = text
            self.posters.append(poster)
            self.counts["bios-dropped"] += sum(bool(p.bio.strip()) for p in persons)
            return None
        if kind in ABSTRACT_KINDS:
            ident, repeat = self.ident(event)
            self.repeated(ident, repeat, persons, text)
            # a talk held again under another id (its title's mark of the day or part aside: 'SMD for Beginners
            # (Day 2)', its speakers and text those of '(Day 1)')
            same = (kind, unmarked(full), tuple(p.name for p in persons), _dayless(text))
            if not repeat and same in self.held:
                self.aliases.setdefault(self.held[same], []).append(ident)
                ident, repeat = self.held[same], True
                if self.abstracts[ident]["title"] != full:
                    self.marked.add(ident)
                self.counts["held-again"] += 1
            self.held.setdefault(same, ident)
            if not repeat:
                abstract = {"id": ident}
                if kind != "contributed":
                    abstract["kind"] = kind
                abstract["title"] = full
                abstract.update(_authors(persons))
                if text:
                    abstract["abstract"] = text
                    self.in_own_language(abstract, event)
                self.abstracts[ident] = abstract
                self.counts["bios-dropped"] += sum(bool(p.bio.strip()) for p in persons)
            # the programme prints the short form (keys in the contract's order, as an update adds them)
            # (a title the source cut at its colon: "... for Need for Speed:", then "Most Wanted ...": without it)
            item = {"title": title.rstrip(" :\u2013\u2014-"), "talk": ident} if subtitle else {"talk": ident}
            return {**item, "again": True} if repeat else item  # (held again: check knows it is meant)
        if persons:
            self.lines_with_people.append(title)
        return {"title": title, "kind": kind}

    def in_own_language(self, record: dict, event: Event) -> None:
        """The event's language on its abstract or tutorial, when it is not the booklet's (its text is hyphenated
        in it)."""
        if own_language(record, event.language, self.base_language):
            self.counts["own-language"] += 1

    def programme(self, placed: dict[dt.date, list[_Placed]], nights: set[dt.date] = frozenset()) -> list[dict]:
        """The programme's days, in the source's order; those of `nights` written `night: true` (see nights)."""
        order: dict[dt.date, int] = {}
        for k, day in enumerate(self.s.days):  # (a day listed twice keeps its first place: it came after the next)
            order.setdefault(day.date, k)
        rooms = {room: k for k, room in enumerate(self.s.rooms)}
        days = []
        for date in sorted(placed, key=lambda d: (order.get(d, len(order)), d)):
            events = sorted(placed[date], key=lambda p: (p.start, rooms.get(p.event.room, len(rooms)), p.order))
            night = {"night": True} if date in nights else {}
            days.append({"date": date, **night, "items": self.blocks(events, rooms)})
        return days

    def blocks(self, events: list[_Placed], rooms: dict[str, int]) -> list[dict]:
        """A day's events -> its items: stretches where two rooms are busy at once become parallel blocks; blocks
        of the same two rooms one after the other, with nothing between, one block (a talk an hour in each of two
        rooms, with breaks between, was a block an hour, each repeating the rooms' headings). Two rooms are side by
        side on any page; more may be one after the other (A5 holds two), where a block a stretch of time keeps
        what is on at the same time together."""
        items, block, block_end = [], [], None
        for placed in events:
            end = placed.end if placed.end > placed.start else placed.start + dt.timedelta(minutes=1)
            if block and placed.start < block_end:
                block.append(placed)
                block_end = max(block_end, end)
                continue
            items += self.block(block, rooms)
            block, block_end = [placed], end
        items += self.block(block, rooms)
        merged: list[dict] = []
        for item in items:
            before = merged[-1] if merged else None
            if ("parallel" in item and before is not None and "parallel" in before and len(item["parallel"]) == 2
                    and [s["session"] for s in item["parallel"]] == [s["session"] for s in before["parallel"]]):
                for session, more in zip(before["parallel"], item["parallel"]):
                    session["items"] += more["items"]
                continue
            merged.append(item)
        self.counts["parallel"] += sum("parallel" in item for item in merged)
        return merged

    def block(self, block: list[_Placed], rooms: dict[str, int]) -> list[dict]:
        names = sorted({p.event.room for p in block}, key=lambda r: (rooms.get(r, len(rooms)), r))
        if len(names) < 2:
            return [{**p.item, "room": p.event.room} if p.event.room else p.item for p in block]
        # each room's session named by its events' track (FOSDEM's devrooms; two in one room in a day: both), when
        # tracks tell rooms apart; else by its room (a conference whose events are all in track "Main", or a room
        # whose talks are in three tracks or more: a congress's, talk by talk)
        tracks, events = [], []
        for name in names:
            here = [p for p in block if p.event.room == name]
            own = list(dict.fromkeys(t for p in here if (t := _track(p.event))))
            tracks.append(" \u00b7 ".join(own) if len(own) <= MOST_TRACKS else "")
            events.append(here)
        by_track = len(set(filter(None, tracks))) > 1
        sessions = []
        for name, track, here in zip(names, tracks, events):
            # a room's tracks one after the other (a devroom in the morning, another in the afternoon): a session
            # each, under its own name
            runs = _track_runs(here) if by_track and track else []
            for part_track, part in runs if len(runs) > 1 else [(track, here)]:
                session = {"session": (part_track if by_track else "") or name or "Other events"}
                if name:
                    session["room"] = name
                session["items"] = [p.item for p in part]
                sessions.append(session)
        return [{"parallel": sessions}]

    def conference(self, days: list[dict]) -> dict:
        s = self.s
        dates = [day["date"] for day in days] + [day.date for day in s.days]
        start = s.start or (min(dates) if dates else None)
        end = s.end or (max(dates) if dates else None)
        last = max((day.date for day in s.days), default=None)
        if s.end is not None and last is not None and s.end == last + dt.timedelta(days=1):
            end = last  # frab's <end>: when the last day's night ends, the morning after it (31c3: the 31st)
        if start is None or end is None:
            raise SourceError(f"{s.source}: the conference's start and end dates are missing, and there are no "
                              "days to take them from")
        conference = {"title": one_line(s.title)}
        acronym = one_line(s.acronym)
        # the short title of the running heads; not the system's slug ("fosdem-2025", "36c3"): the title serves
        if acronym and acronym != conference["title"] and not _SLUG.fullmatch(acronym):
            conference["short_title"] = acronym
        conference["dates"] = {"start": start, "end": max(start, end)}
        venue = ", ".join(part for part in (one_line(s.venue), one_line(s.city)) if part)
        conference["venue"] = venue or VENUE_PLACEHOLDER  # (lint warns while it is there)
        if one_line(s.url):
            conference["url"] = one_line(s.url)
        if self.language:
            conference["language"] = self.language
        return conference

    def explain(self) -> None:
        """The notes: what the user should know about how the source was read."""
        c, notes = self.counts, self.notes
        notes += self.s.notes
        if self.zone is not None:
            notes.append(f"times: in {self.zone.key} local time")
            days = sorted(day.date for day in self.s.days if day.date is not None)
            notes += regional_note(self.zone.key, self.language, days[0] if days else self.s.start,
                                   days[-1] if days else self.s.end)  # (frab's <end>: the morning after)
            firsts = {}  # each day's first event, as the source writes its time
            for e in self.s.events:
                if e.start is not None and e.start.tzinfo is not None and (e.day not in firsts
                                                                           or e.start < firsts[e.day].start):
                    firsts[e.day] = e
            night = [e for e in firsts.values() if e.start.hour >= 6 and self.local(e.start).hour < 6]
            if firsts and len(night) * 2 >= len(firsts):  # most days would start in the night
                e = night[0]
                notes.append(f"times: converting to {self.zone.key} starts {len(night)} of {len(firsts)} day(s) in the "
                             f"night ('{e.title}': {e.start:%H:%M} in the source, {self.local(e.start):%H:%M} here); "
                             "if the source's times are the venue's own (written with a wrong UTC offset), import "
                             "without --timezone to keep them")
        elif any(e.start is not None and e.start.tzinfo is not None for e in self.s.events):
            offsets = sorted({str(e.start.strftime('%z')) for e in self.s.events if e.start and e.start.tzinfo})
            shown = ", ".join(f"{o[:3]}:{o[3:]}" for o in offsets[:3])
            notes.append(f"times: the source names no time zone; kept as it writes them (UTC offset {shown}); "
                         "if they are not the venue's own times, give --timezone (e.g. Europe/Berlin) to convert them")
        notes += [f"{c[counted]} {what}" for counted, what in _COUNTED_NOTES if c[counted]]
        if self.clashes:
            notes.append(f"{len(self.clashes)} event(s) with the id of an earlier event of another title (the source "
                         "gives one id to two events): each its own abstract, the later given an id of its own: "
                         f"{listed(self.clashes, 3)}"
                         "; check that the export is whole and not two joined")
        if self.repeats_differing:
            notes.append(f"{len(self.repeats_differing)} event(s) given again under their id and title with other "
                         "speakers or another text than the first time: one abstract, with the first time's speakers "
                         f"and text ({some(self.repeats_differing)}); check which are right")
        if self.reworded:
            notes.append(f"{len(self.reworded)} event(s) whose description says a paragraph of the abstract again in "
                         f"other words: printed once, in the longer wording; check them ({some(self.reworded)})")
        events = [event for at, event in enumerate(self.s.events) if at not in self.copies]  # (each once)
        others = [f"{name} ({event.title})" for event in events for name in event.others]
        if others:
            notes.append(f"{len(others)} person(s) the source names in another role than speaker, host or moderator "
                         f"(a contributor, a guest), not printed: {some(others)}")
        linked = sum(bool(event.links) for event in events)
        if linked:
            notes.append(f"{linked} event(s) give links (slides, recordings, a project's page: the source's links), "
                         "which are not imported: add those you want printed to the abstracts")
        if c["no-persons"] > len(self.texts_left):
            notes.append(f"{c['no-persons'] - len(self.texts_left)} event(s) with neither a speaker nor a text: "
                         "programme lines with their title only")
        if self.texts_left:
            notes.append(f"{len(self.texts_left)} event(s) with a text but no speaker, not talks (a meetup, a workshop "
                         "of the type 'other'): programme lines with their title only, their texts left out (an "
                         f"abstract needs a speaker; add one in abstracts.yaml to give it a page) "
                         f"({some(self.texts_left)})")
        notes += titles_note(self.titled)
        if self.nameless:
            named = [f"'{title}'" + (f" ({n})" if n > 1 else "") for title, n in self.nameless.items()]
            notes.append(f"{sum(self.nameless.values())} person(s) the source lists without a name (an empty name, or "
                         f"one of no letter: '-'), left out of their events: {listed(named, 3)}"
                         + "; write their names in where they speak")
        if self.no_persons_kept:
            notes.append(f"{len(self.no_persons_kept)} talk(s) with a text but no speaker: abstracts whose speaker "
                         f"is '{NOBODY}' until you write one in ({some(self.no_persons_kept)})")
        if self.with_images:
            notes.append(f"{c['images']} image(s) in the texts of {len(self.with_images)} event(s), left out (a text "
                         f"prints its words; add a figure by hand as an extra page) ({some(self.with_images)})")
        if c["event-talks"]:
            notes.append(f"{c['event-talks']} event(s) of the type 'Event' with speakers and a description: "
                         "abstracts, as talks (--kinds Event=other keeps them programme lines)")
        if self.lines_with_people:
            notes.append(f"{len(self.lines_with_people)} programme line(s) (breaks, social events, other events) "
                         f"name people in the source, who are not printed ({some(self.lines_with_people)}): a "
                         "programme line has its title only")
        if c["poster-dropped"]:
            notes.append(f"{c['poster-dropped']} poster(s) without author or time left out")
        if c["unscheduled"]:
            notes.append(f"{c['unscheduled']} event(s) without a time: imported, not in the programme")
        if c["untimed-line"]:
            notes.append(f"{c['untimed-line']} programme line(s) without a time (and no speaker) left out")
        if c["bios-dropped"]:
            notes.append(f"{c['bios-dropped']} speaker biograph(ies) left out: abstracts have no bio in booklet's "
                         "format (tutorial presenters keep theirs)")
        if c["untitled"]:
            notes.append(f"{c['untitled']} event(s) without a title: called '(untitled)'")
        if c["own-language"]:
            notes.append(f"{c['own-language']} abstract(s) or tutorial(s) in another language than the booklet's "
                         f"({self.language or 'en'}): given their own `language`, which they are hyphenated in")


def _id_text(value) -> str:
    """A source id as part of a booklet id: letters, digits, '.', '_' and '-' only."""
    text = re.sub(r"[^A-Za-z0-9._-]+", "-", str(value).strip()).strip("-")
    return text or "x"


def _with_subtitle(title: str, subtitle: str) -> str:
    """A title and its subtitle as one: after a colon ("Title: Subtitle"), or an en dash where the title has a
    colon of its own or ends in a mark ("Reality Check: Cybercrime – Vorsicht!", "Why? – A study"); a subtitle in
    brackets follows the title as it is."""
    if not subtitle or subtitle == title:
        return title
    if title.endswith(":") or subtitle[:1] in "([":
        return f"{title} {subtitle}"
    if title[-1:] in "?!." or ":" in title:
        return f"{title} \u2013 {subtitle}"
    return f"{title}: {subtitle}"


def _copies(events: list[Event]) -> set[int]:
    """The events (their places in `events`) that are an earlier one again whole: the same id, title, speakers, text,
    time, room and day (a day or a room's list given twice, two exports joined). They were taken for streams "in
    another room" (of a talk; a line with no speaker stayed twice, and check warned of each pair as overlapping)."""
    seen: set[tuple] = set()
    found = set()
    for at, e in enumerate(events):
        whole = (e.ident, e.code, e.guid, e.title, e.subtitle, e.type, e.abstract, e.description,
                 tuple(p.name for p in e.persons), e.start, e.end, e.room, e.day, e.track)
        if whole in seen:
            found.add(at)
        seen.add(whole)
    return found


def _simulcasts(events: list[Event]) -> set[int]:
    """The events (their places in `events`) that give another again at the same time, from start to end: the same
    title but for a note after it in brackets ("Fnord News Show (Stream)", "... [all creatures welcome]") with a speaker
    in common, or the same text and either of those (a stream in a second room; a workshop both a hub and pretalx
    list). A speaker is in common when their names are the same, or one is a word of the other ("frank" of "Frank
    Rieger"; not "Anna" of "Anna Berg" and "Anna Jones"). Of each such
    group the one kept is the one with a text, speakers, a type other than "other" and the longest text, the first
    on a tie; the others are left out."""
    bare = [" ".join(_NOTE_AFTER.sub("", event.title).casefold().split()) for event in events]
    names = [[tuple(person.name.casefold().split()) for person in event.persons if person.name.strip()]
             for event in events]

    def shared(one: int, other: int) -> bool:
        return any(a == b or len(a) == 1 and a[0] in b or len(b) == 1 and b[0] in a
                   for a in names[one] for b in names[other])

    def alike(one: int, other: int) -> bool:
        return bare[one] == bare[other] or shared(one, other)

    def worth(at: int) -> tuple:  # (the copy kept: with a text, speakers, a type; the longest text; the first)
        event = events[at]
        text = len(event.abstract.strip()) + len(event.description.strip())
        return bool(text), bool(event.persons), event.type.strip().casefold() not in ("", "other"), text, -at

    keys: dict[tuple, list[int]] = {}
    for at, event in enumerate(events):
        if event.start is None or not event.title.strip():
            continue
        keys.setdefault((event.start, event.end, "title", bare[at]), []).append(at)
        text = " ".join(f"{event.abstract} {event.description}".split())
        if len(text) >= _SAME_TEXT:
            keys.setdefault((event.start, event.end, "text", text), []).append(at)
    dropped: set[int] = set()
    for (*_, kind, _), found in keys.items():
        # the same bare title and a speaker in common; or the same text and either
        same = shared if kind == "title" else alike
        found = [at for at in found if at not in dropped and any(same(at, other) for other in found if other != at)]
        if len(found) < 2:
            continue
        kept = max(found, key=worth)
        dropped.update(at for at in found if at != kept)
    return dropped


_NOTE_AFTER = re.compile(r"\s*(?:\([^()]*\)|\[[^\[\]]*\])\s*$")  # "(Stream)", "[all creatures welcome]" after a title
_SAME_TEXT = 80  # characters: a text at least this long given twice at the same time is one event given twice


_DAY_WORD = re.compile(rf"\b(?:{'|'.join(DAY_WORDS)})\b", re.IGNORECASE)


def _dayless(text: str | None) -> str:
    """A text with its word for 'day' in one language: a hub's copy of a workshop writes 'DAY 1: 20:30' where the
    other copies write 'TAG 1: 20:30', the same text."""
    return _DAY_WORD.sub("day", text or "")


def _held_as(event: Event) -> tuple:
    """What an event held again under another id has the same: its type, title, subtitle and texts, as written (but
    for the language of the word 'day' in them)."""
    return (event.type, event.title, event.subtitle, _dayless(event.abstract), _dayless(event.description))


def _text(event: Event, reworded: list) -> str:
    """The event's abstract and description as booklet markup, one after the other, each paragraph once (`reworded`:
    gets what was left out as said again in other words; see text.joined)."""
    return joined(to_markup(event.abstract), to_markup(event.description), reworded=reworded)


def _unique(persons: list[Person], titled: list[str], nameless: list | None = None) -> list[Person]:
    """Each person once, as named for print (assemble.names_in: an email address is the person its words name, a name
    of several people, 'Ana Smith and Bo Jones', each of them), turned round when written family name first as the
    other readers turn a name ('Smith, Ana', 'Lee, MA': table.turned_name), an academic title left out of the name
    (assemble.untitled; `titled` gets each name that had one); `nameless` gets each person left out for want of a
    name (an empty name, or one of no letter or digit: '-')."""
    from .table import turned_name  # (the table reader reads its dates with this module's helpers)

    seen: dict[str, Person] = {}
    out = []
    for person in persons:
        found = [(untitled(turned_name(name)[0], titled), email) for name, email in names_in(one_line(person.name))]
        if not found and nameless is not None:
            nameless.append(person)
        bio = (person.bio or "") if len(found) == 1 else ""  # (one biography of several people is none of theirs)
        for name, email in found:
            if not name:
                continue
            known = seen.get(name.casefold())
            if known is None:
                known = seen[name.casefold()] = Person(name, bio, email)
                out.append(known)
            known.email = known.email or email
            known.bio = known.bio or bio
    return out


def _person(person: Person, **flags) -> dict:
    """A speaker's or author's record, its keys in the contract's order (as assemble.person_record writes them)."""
    return {"name": person.name, **flags, **({"email": person.email} if person.email else {})}


def _authors(persons: list[Person]) -> dict:
    if len(persons) == 1:
        return {"speaker": _person(persons[0])}
    return {"authors": [_person(p, presenting=True) for p in persons]}


def _poster_authors(persons: list[Person]) -> dict:
    if len(persons) == 1:
        return {"author": persons[0].name}
    return {"authors": [{"name": p.name, "presenting": k == 0} for k, p in enumerate(persons)]}


def _presenter(person: Person) -> dict:
    presenter = {"name": person.name}
    bio = to_markup(person.bio) if person.bio else ""
    if bio:
        presenter["bio"] = bio
    return presenter


NO_TRACK = {"no track", "notrack", "no-track", "none", "n/a", "-", "\u2013", "\u2014", "default track"}  # casefolded


def _track(event: Event) -> str:
    """The name of an event's track; "" when the source names none, or says so in words (wafer's "No Track")."""
    track = one_line(event.track)
    return "" if track.casefold() in NO_TRACK else track


def _track_runs(placed: list[_Placed]) -> list[tuple[str, list[_Placed]]]:
    """A room's events (in order) as runs of one track each, an event without a track in the run before it (or
    after it, first): one run a track when each track's events follow each other; else one run of them all."""
    runs: list[tuple[str, list[_Placed]]] = []
    for p in placed:
        track = _track(p.event)
        if runs and (not track or track == runs[-1][0] or not runs[-1][0]):
            runs[-1] = (runs[-1][0] or track, runs[-1][1] + [p])
        else:
            runs.append((track, [p]))
    if len({track for track, _ in runs}) < len(runs):  # a track twice: its events are among another's
        return [(" \u00b7 ".join(dict.fromkeys(track for track, _ in runs if track)), list(placed))]
    return runs
