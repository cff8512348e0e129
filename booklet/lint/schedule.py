"""The programme's days -> warnings about when: overlaps, order, likely typos in times, dates, double bookings; and
sessions with nothing in them.

Each day is read as sequences of timed items: the main sequence (plain items and session blocks,
a parallel block standing in it by its earliest item) and one sequence per parallel track. An
item without an end lasts until the next item of its sequence starts.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..data.contract import placeholder_name
from ..model import AFTER_MIDNIGHT, Booklet, Day, Item, Parallel, Session, Source, holds_a_break
from ..problems import Problem
from ..text.folding import fold
from .mentions import chair_keys, join
from .names import name_key
from .text import quoted, squeeze

MAIN = ("main",)
FAR = 3 * 60  # minutes outside the times around it that make an item's time look like a typo


@dataclass(frozen=True, eq=False)
class Slot:
    """A timed programme item where it stands: its session, track, room and minutes since midnight."""

    item: Item
    session: Session | None
    track: tuple  # MAIN, or ("parallel", entry index, session index)
    room: str  # folded; "" when not given
    start: int
    end: int | None  # as given, else the next item's start in the same sequence; None when unknown

    @property
    def source(self) -> Source:
        return self.item.source or Source("", 0, "")

    def describe(self) -> str:
        title = self.item.shown_title or self.item.kind
        return f"{quoted(squeeze(title))} ({self.item.time})"


def check_schedule(booklet: Booklet, lines=None) -> list[Problem]:
    """Warnings about the programme's dates and times; `lines` (data.locate.Lines) finds the line of the key each
    is about (an item's `time:`, not the item's first line, which the model keeps)."""
    problems = _check_dates(booklet)
    for day in booklet.days:
        sequences, slots = _timeline(day)
        problems += _check_day(sequences, slots)
        problems += _double_bookings(slots)
        problems += _empty_sessions(day, lines)
    if lines is None:
        return problems
    return [replace(p, line=lines.line(p.file, p.key, p.line)) for p in problems]


# -- dates ------------------------------------------------------------------------------------

def _check_dates(booklet: Booklet) -> list[Problem]:
    conference = booklet.conference
    problems, seen, previous = [], {}, None
    for index, day in enumerate(booklet.days):
        source = day.source or Source("programme.yaml", 0, f"days[{index}]")
        key = join(source.key, "date")

        def warn(message: str, kind: str) -> None:
            problems.append(Problem(source.file, source.line, key, message, "warning", kind))

        if not conference.start <= day.date <= conference.end:
            warn(f"{day.date} is outside the conference dates ({conference.start} to {conference.end})",
                 "date-outside")
        if day.date in seen:
            warn(f"{day.date} is already the date of {seen[day.date].key} (line {seen[day.date].line})", "date-twice")
        elif previous and day.date < previous[0]:
            warn(f"{day.date} comes after {previous[0]} ({previous[1].key}); days are out of order", "order")
        seen.setdefault(day.date, source)
        previous = (day.date, source)
    return problems


def _empty_sessions(day: Day, lines=None) -> list[Problem]:
    """A warning for each session (a block, or a parallel track) with no items: the programme prints its heading, and
    its chairs, with nothing under them (a session whose talks were moved elsewhere, kept for its chair). At its
    `items:` (`items: []`), else at its `session:` when `lines` cannot find an `items:` there."""
    problems = []
    for session in day.sessions():
        if session.items or session.source is None:
            continue
        source = session.source
        key = join(source.key, "items")
        if lines is not None:
            key = lines.found(source.file, (key, join(source.key, "session")), 0)[0]
        named = "" if not session.chairs else \
            f" and its chair{'s' * (len(session.chairs) > 1)}, {', '.join(squeeze(c) for c in session.chairs)},"
        message = (f"the session {quoted(squeeze(session.name))} has no items: the programme prints its heading{named} "
                   f"with nothing under {'them' if named else 'it'}; give it its talks under `items:`, make it a "
                   "programme line (`title:`), or leave it out")
        problems.append(Problem(source.file, source.line, key, message, "warning", "empty-session"))
    return problems


# -- the day as sequences of slots --------------------------------------------------------------

def clock(minutes: int) -> str:
    """Minutes from the day's midnight as the programme writes them: one after midnight (Day.clock) as 01:00."""
    minutes %= 24 * 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _timeline(day: Day) -> tuple[list[list[Slot]], list[Slot]]:
    """The day's sequences of slots (main first), and every slot once, in minutes from the day's midnight (an item
    after midnight 24 hours on: Day.clock)."""
    times = day.clock()
    main: list = []
    tracks: list[list[Slot]] = []
    for e, entry in enumerate(day.entries):
        if isinstance(entry, Parallel):
            block = []
            for s, session in enumerate(entry.sessions):
                track = _with_ends([(i, session) for i in session.items if i.time], ("parallel", e, s), times)
                tracks.append(track)
                block += track
            if block:
                main.append(min(block, key=lambda slot: slot.start))
        elif isinstance(entry, Session):
            main += [(i, entry) for i in entry.items if i.time]
        elif entry.time:
            main.append((entry, None))
    main_slots = _with_ends(main, MAIN, times)
    slots = [s for s in main_slots if s.track == MAIN] + [s for track in tracks for s in track]
    return [main_slots, *tracks], slots


def _with_ends(entries: list, track: tuple, times: dict) -> list[Slot]:
    """Slots for (item, session) pairs (slots already made are kept), ends inferred from the next start; `times`:
    each item's start and end (Day.clock)."""
    starts = [e.start if isinstance(e, Slot) else times[id(e[0])][0] for e in entries]
    slots = []
    for k, entry in enumerate(entries):
        if isinstance(entry, Slot):
            slots.append(entry)
            continue
        item, session = entry
        start = starts[k]
        end = times[id(item)][1]
        if end is None and k + 1 < len(entries) and starts[k + 1] > start:
            end = starts[k + 1]
        room = fold(squeeze(item.room or (session.room if session else None) or ""))
        slots.append(Slot(item, session, track, room, start, end))
    return slots


# -- times: typos, order, overlaps ----------------------------------------------------------------

def _check_day(sequences: list[list[Slot]], slots: list[Slot]) -> list[Problem]:
    problems, flagged = [], set()
    for sequence in sequences:
        for slot, message in _odd_times(sequence):
            flagged.add(slot)
            problems.append(_warn(slot, "time", message, "odd-time"))
    for sequence in sequences:
        previous = None
        for k, slot in enumerate(sequence):
            if slot in flagged:
                continue
            if previous and slot.start < previous.start:
                flagged.add(slot)
                message = (f"starts at {clock(slot.start)}, before the item above it, "
                           f"{previous.describe()} at {previous.source.file}:{previous.source.line}"
                           f"{_night_hint(sequence, k)}")
                problems.append(_warn(slot, "time", message, "order"))
            previous = slot
    return problems + _overlaps(slots, flagged)


def _odd_times(sequence: list[Slot]):
    """(slot, message) for items whose time is out of place where its neighbours are in order, like a typo."""
    odd: set[Slot] = set()
    low = None  # the start of the item before, not counting those found out of place
    for k, slot in enumerate(sequence):
        if k:
            low = sequence[k - 1].start if sequence[k - 1] not in odd else low
        high = sequence[k + 1].start if k + 1 < len(sequence) else None
        if low is None and high is None or (low is not None and high is not None and low > high):
            continue
        if (low is None or low <= slot.start) and (high is None or slot.start <= high):
            continue
        fix = _likely_fix(slot.start, low, high)
        far = low is not None and high is not None and min(abs(slot.start - low), abs(slot.start - high)) >= FAR
        if not (fix is not None or far):
            continue
        around = (f"between {clock(low)} and {clock(high)}" if low is not None and high is not None
                  else f"after {clock(low)}" if low is not None else f"before {clock(high)}")
        hint = f" (did you mean {clock(fix)}?)" if fix is not None else ""
        odd.add(slot)
        yield slot, f"{clock(slot.start)} is out of place {around}: a typo?{hint}{_night_hint(sequence, k)}"


def _night_hint(sequence: list[Slot], k: int) -> str:
    """What to write when the items from sequence[k] on may be the day's night, read as its morning: they all start
    before 06:00, after an item from 06:00 on, on a day whose items from 13:00 on are none and that is not written
    `night: true` (Day.clock reads them so there: "00:15" after "10:30")."""
    if k and sequence[k - 1].start >= AFTER_MIDNIGHT and all(s.start < AFTER_MIDNIGHT for s in sequence[k:]):
        return "; if it is after midnight, write `night: true` on its day"
    return ""


def _likely_fix(start: int, low: int | None, high: int | None) -> int | None:
    """A time one slip away from `start` (12 hours, swapped or one wrong digit) that fits between low and high."""
    def fits(t: int) -> bool:
        return 0 <= t < 24 * 60 and (low is None or low <= t) and (high is None or t <= high)

    half_day = [start - 12 * 60, start + 12 * 60]
    if low is None or high is None:  # one neighbour only: too many times fit, trust only the 12-hour slip
        return next((t for t in half_day if fits(t)), None)
    return next((t for t in half_day + _one_slip(start) if fits(t)), None)


def _one_slip(start: int) -> list[int]:
    """Times written with the two hour digits swapped, or with one digit wrong, nearest first."""
    digits = f"{start // 60:02d}{start % 60:02d}"
    one_wrong = [digits[:i] + d + digits[i + 1:] for i in range(4) for d in "0123456789" if d != digits[i]]
    swapped = digits[1] + digits[0] + digits[2:]
    return _clock_values([swapped]) + sorted(_clock_values(one_wrong), key=lambda t: abs(t - start))


def _clock_values(variants: list[str]) -> list[int]:
    """Minutes since midnight of the 'HHMM' strings that are times of day."""
    return [int(v[:2]) * 60 + int(v[2:]) for v in variants if int(v[:2]) < 24 and int(v[2:]) < 60]


def _overlaps(slots: list[Slot], flagged: set) -> list[Problem]:
    problems = []
    ordered = sorted(slots, key=lambda s: (s.start, s.source.line))
    for a_index, a in enumerate(ordered):
        for b in ordered[a_index + 1:]:
            if b.start >= (a.end if a.end is not None else a.start + 1):
                break
            if a in flagged or b in flagged or not _overlap(a, b) or _apart(a, b):
                continue
            first, second = sorted((a, b), key=lambda s: (s.source.file, s.source.line))
            where = f"in {squeeze(first.item.room or (first.session.room if first.session else ''))}" \
                if first.room and first.room == second.room else "in the same track"
            message = (f"{second.item.time} overlaps {first.describe()} at "
                       f"{first.source.file}:{first.source.line} {where}")
            problems.append(_warn(second, "time", message, "overlap"))
    return problems


def _overlap(a, b) -> bool:
    """Whether two (start, end) spans share a moment; a span without an end is a moment."""
    (s1, e1), (s2, e2) = (a.start, a.end), (b.start, b.end)
    if e1 is None and e2 is None:
        return s1 == s2
    if e1 is None:
        return s2 <= s1 < e2
    if e2 is None:
        return s1 <= s2 < e1
    return s1 < e2 and s2 < e1


def _long_in_parallel(slot) -> bool:
    """Whether a slot of a parallel block may have a break of the day's in it (model.holds_a_break)."""
    return slot.track[0] == "parallel" and holds_a_break(None if slot.end is None else slot.end - slot.start,
                                                         slot.item.tutorial)


def _apart(a, b, items: bool = True) -> bool:
    """Whether two things can happen at once: in different rooms, in different tracks of one parallel block, or
    (`items`: slots, not a person's activities, which are never breaks) a long item of a parallel block (a
    tutorial, a workshop, a satellite event) and a break or meal after the block (a three-hour tutorial has the
    coffee break in it)."""
    if a.room and b.room:
        return a.room != b.room
    if items and a.track != b.track and any(brk.item.kind == "break" and _long_in_parallel(other)
                                            for brk, other in ((a, b), (b, a))):
        return True
    return a.track != b.track and a.track[0] == b.track[0] == "parallel" and a.track[1] == b.track[1]


# -- people in two places at once -----------------------------------------------------------

@dataclass(frozen=True, eq=False)
class Activity:
    """Someone busy in the programme: speaking, presenting a tutorial or chairing a session."""

    person: str  # name_key
    name: str
    what: str  # "gives 'Title' (09:00–09:20)"
    start: int
    end: int | None
    track: tuple
    room: str
    place: int  # the session (or item) it happens in
    where: Source


def _double_bookings(slots: list[Slot]) -> list[Problem]:
    activities = _activities(slots)
    problems = []
    by_person: dict[str, list[Activity]] = {}
    for activity in activities:
        by_person.setdefault(activity.person, []).append(activity)
    for busy in by_person.values():
        busy.sort(key=lambda a: (a.where.file, a.where.line))
        for k, b in enumerate(busy):
            for a in busy[:k]:
                if a.place != b.place and _overlap(a, b) and _apart(a, b, items=False):
                    message = (f"{quoted(b.name)} {b.what} here and {a.what} at {a.where.file}:{a.where.line}, "
                               "at the same time")
                    problems.append(Problem(b.where.file, b.where.line, b.where.key, message, "warning",
                                            "double-booked"))
                    break
    return problems


def _activities(slots: list[Slot]) -> list[Activity]:
    found = []
    for slot in slots:
        item, place = slot.item, id(slot.session or slot.item)
        if item.abstract:
            people, what, key = item.abstract.speakers, f"gives {slot.describe()}", "talk"
        elif item.tutorial:
            people, what, key = item.tutorial.presenters, f"presents the tutorial {slot.describe()}", "tutorial"
        else:
            continue
        where = Source(slot.source.file, slot.source.line, join(slot.source.key, key))
        found += [Activity(name_key(p.name), p.name, what, slot.start, slot.end, slot.track, slot.room, place, where)
                  for p in people if not placeholder_name(p.name)]  # ('TBA' is nobody: its own warning says so)
    sessions: dict[int, list[Slot]] = {}
    for slot in slots:
        if slot.session is not None and slot.session.chairs:
            sessions.setdefault(id(slot.session), []).append(slot)
    for group in sessions.values():
        session = group[0].session
        start = min(s.start for s in group)
        end = max(s.end if s.end is not None else s.start for s in group)
        source = session.source or Source("", 0, "")
        what = f"chairs {quoted(squeeze(session.name))} ({clock(start)}\u2013{clock(end)})"
        for key, chair in chair_keys(session) or [(join(source.key, "chair"), chair) for chair in session.chairs]:
            if placeholder_name(chair):
                continue
            found.append(Activity(name_key(chair), chair, what, start, end if end > start else None,
                                  group[0].track, fold(squeeze(session.room or "")), id(session),
                                  Source(source.file, source.line, key)))
    return found


def _warn(slot: Slot, key: str, message: str, kind: str) -> Problem:
    source = slot.source
    return Problem(source.file, source.line, join(source.key, key), message, "warning", kind)
