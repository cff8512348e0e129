"""programme.yaml (days, items, sessions, parallel tracks) -> Day models with references resolved."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from ..model import Abstract, Day, Item, Parallel, Session, TimeRange, Tutorial
from ..problems import did_you_mean
from .contract import DAY, ITEM, NIGHT_FROM, NIGHT_UNTIL, PARALLEL, PROGRAMME, SESSION, TIME
from .fields import Fields, Report, each_mapping, join
from .load import Map
from .people import named_again

# characters: a session's name, chair or room printed longer, beside a parallel session, could be taller than a page
SESSION_HEAD_MAX = 300


class Refs:
    """The ids programme items may point at, and the ids not to report as missing.

    An id is excused when its entry had errors of its own, or when its file could not be read
    at all: those problems are reported already, and a second message would only mislead.
    """

    def __init__(self, abstracts: list[Abstract], tutorials: list[Tutorial]):
        self.known = {"abstract": {a.id: a for a in abstracts}, "tutorial": {t.id: t for t in tutorials}}
        self.excused: set[tuple[str, str]] = set()
        self.unreadable: set[str] = set()

    def excuses(self, what: str, ident: str) -> bool:
        return what in self.unreadable or (what, ident) in self.excused


def read_programme(report: Report, data: Map | None, refs: Refs):
    if data is None:
        return []
    f = Fields(report, data, "", PROGRAMME)
    days = []
    for index, item in each_mapping(report, f.seq("days", required=True) or (), "days", "a day", DAY):
        day = _read_day(report, Fields(report, item, f"days[{index}]", DAY), refs)
        if day:
            days.append(day)
    return days


def _read_day(report: Report, f: Fields, refs: Refs) -> Day | None:
    date = f.date("date", required=True)
    entries = []
    for index, item in each_mapping(report, f.seq("items") or (), f.at("items"), "a programme item", ITEM):
        entry = _read_entry(report, item, join(f.at("items"), index), refs)
        if entry is not None:
            entries.append(entry)
    return Day(date, tuple(entries), f.source(), f.boolean("night")) if date else None


def _read_entry(report: Report, item: Map, path: str, refs: Refs):
    if "parallel" in item:
        return _read_parallel(report, Fields(report, item, path, PARALLEL), refs)
    if "session" in item:
        return _read_session(report, item, path, refs)
    return _read_item(report, item, path, refs)


def _read_parallel(report: Report, f: Fields, refs: Refs) -> Parallel | None:
    sessions = []
    listed = f.seq("parallel", required=True)
    if listed is not None and not listed:  # (nothing would be printed, without a word)
        f.error("parallel", "an empty list: give its sessions side by side (each a session with its items), or "
                            "leave the item out")
    for index, item in each_mapping(report, listed or (), f.at("parallel"), "a session", SESSION):
        where = join(f.at("parallel"), index)
        if "session" not in item:
            report.error(item.file, item.line, f"{where}.session", "required key is missing (each parallel track is a session)")
            continue
        session = _read_session(report, item, where, refs)
        if session:
            sessions.append(session)
    return Parallel(tuple(sessions)) if sessions else None


def _read_session(report: Report, item: Map, path: str, refs: Refs) -> Session | None:
    f = Fields(report, item, path, SESSION)
    name = f.text("session", required=True)
    items = []
    for index, sub in each_mapping(report, f.seq("items") or (), f.at("items"), "a programme item", ITEM):
        where = join(f.at("items"), index)
        if "session" in sub or "parallel" in sub:
            key = "session" if "session" in sub else "parallel"
            report.error(sub.file, sub.lines[key], f"{where}.{key}", "sessions cannot be nested inside a session")
            continue
        entry = _read_item(report, sub, where, refs)
        if entry:
            items.append(entry)
    named = f.texts_at("chair")
    chairs, room = tuple(text for text, _, _ in named), f.text("room")
    for i, j in named_again(chairs):  # (as lint's person-twice)
        text, line, at = named[i]
        f.report.warn(f.file, line, at, f"'{text}' is named already among this session's chairs, as "
                      f"{named[j][2].rsplit('.', 1)[-1]}: printed twice", "person-twice")
    long = [(key, value) for key, value in (("session", name), *(("chair", chair) for chair in chairs), ("room", room))
            if value is not None and len(value) > SESSION_HEAD_MAX]
    for key, value in long:
        f.error(key, f"too long for a session's heading in the programme: {len(value)} characters, and a "
                     f"heading's {key} holds at most {SESSION_HEAD_MAX} (say the rest in its items)")
    together = len(", ".join(chairs))  # (each within the limit, many of them were as tall as a page)
    if len(chairs) > 1 and together > SESSION_HEAD_MAX and not any(key == "chair" for key, _ in long):
        long.append(("chair", chairs))
        f.error("chair", f"too long for a session's heading in the programme: {len(chairs)} chairs of {together} "
                         f"characters together, and a heading's chairs hold at most {SESSION_HEAD_MAX} (say the "
                         "rest in its items)")
    return Session(name, tuple(items), chairs, room, f.source(), chairs_left_out=tuple(f.left_out)) \
        if name and not long else None


def _read_item(report: Report, item: Map, path: str, refs: Refs) -> Item | None:
    f = Fields(report, item, path, ITEM)
    time = _read_time(f)
    abstract = _resolve(f, "talk", refs, "abstract")
    tutorial = _resolve(f, "tutorial", refs, "tutorial")
    if "talk" in item and "tutorial" in item:
        f.error("tutorial", "an item is either a talk or a tutorial, not both")
    default = "talk" if "talk" in item else "tutorial" if "tutorial" in item else "other"
    kind = f.choice("kind", default)
    again = f.boolean("again")
    title = f.text("title")
    # (a slot left empty has its time: printed alone; `time:` with nothing after it is the key left out)
    if title is None and item.get("time") is None and not ({"talk", "tutorial"} & item.keys() or item.unmerged):
        said = "is empty" if "title" in item else "an item without a time, a title, a talk or a tutorial"
        f.report.error(f.file, f.line("title"), f.at("title"), f"{said}: the programme would print nothing of it; "
                       "give its title (or its talk: or tutorial:), or leave the item out")
        return None
    if again and "talk" not in item:
        f.report.warn(f.file, f.line("again"), f.at("again"), "`again: true` is for a talk held again; this item has "
                      "no `talk:` (the key is left unused)", "again-without-talk")
    return Item(kind, time, title, abstract, tutorial, f.text("place"), f.text("room"), f.source(), again)


def same_id(ident: str) -> str:
    """An id as it is compared: its letters composed (NFC), so that `café` typed with a combining accent in one
    file names the `café` typed with the letter é in another (they look the same; a fuzzing run's "no abstract
    with id 'café' (did you mean 'café'?)")."""
    return unicodedata.normalize("NFC", ident)


def _resolve(f: Fields, key: str, refs: Refs, what: str):
    ident = f.text(key, printed=False)
    if ident is None:
        return None
    ident = same_id(ident)
    known = refs.known[what]
    if ident not in known:
        if not refs.excuses(what, ident):
            f.error(key, f"no {what} with id '{ident}'{_hint(ident, what, refs)}")
        return None
    return known[ident]


def _hint(ident: str, what: str, refs: Refs) -> str:
    """What the id may have meant: the other kind's entry ('x' is a tutorial's id: write `tutorial: x`), or an id
    close to it."""
    other, other_key = ("tutorial", "tutorial") if what == "abstract" else ("abstract", "talk")
    if ident in refs.known[other]:
        whose = "a tutorial's" if other == "tutorial" else "an abstract's"
        return f" ('{ident}' is {whose} id: write {other_key}: {ident})"
    if not refs.known[what] and not any(kind == what for kind, _ in refs.excused):  # (abstracts.yaml moved away or
        # never written: not a typo in one id; a file whose every entry has an error has entries, told of there)
        return (" (the data has no abstracts: write them in abstracts.yaml, or a file each in abstracts/)"
                if what == "abstract" else " (the data has no tutorials: write them in tutorials.yaml)")
    return did_you_mean(ident, refs.known[what])


def _read_time(f: Fields) -> TimeRange | None:
    text = f.text("time", printed=False)
    if text is None:
        return None
    match = TIME.match(text.strip())
    times = _clock_times(match) if match else None
    if times is None:
        if re.match(r"\s*24\s*[:.h]\s*00\b", text):  # (a start at 24:00: midnight is the next day's 00:00)
            f.error("time", f"'{text}' starts at 24:00, the day's end: \"24:00\" only ends an item (\"22:00-24:00\"); "
                            "an item that starts at midnight starts at 00:00, the next day (or, after an evening "
                            "item, at \"00:00\" at the end of this day: the night after it)")
            return None
        meant = _time_meant(text)
        f.error("time", f"'{text}' is not a time{_out_of_range(text)}; write HH:MM or HH:MM-HH:MM, "
                        + (f"like: time: \"{meant}\"" if meant else "e.g. \"09:00-09:20\""))
        return None
    start, end = times
    midnight = match.group(3) == "24"  # "11:00-24:00": the end of the day, whenever the item starts
    wrong = _span_problem(start, end, midnight)
    if wrong:
        f.error("time", f"'{text}' {wrong}")
        return None
    return TimeRange(start, end, midnight)


def _span_problem(start: dt.time, end: dt.time | None, midnight: bool) -> str | None:
    """What is wrong with a time's span, to follow its text ("ends before it starts"), or None when it has none."""
    if end is not None and end == start and not midnight:
        return f"ends when it starts; for an item without a length give its start alone, e.g. \"{start:%H:%M}\""
    if end is not None and end < start and not midnight and not (start >= NIGHT_FROM and end <= NIGHT_UNTIL):
        hint = (f" (an item from {NIGHT_FROM:%H:%M} on may end after midnight, by {NIGHT_UNTIL:%H:%M}: "
                f"\"23:00-00:40\"; one that runs longer is given its start alone, e.g. \"{start:%H:%M}\")"
                if start >= NIGHT_FROM or end <= NIGHT_UNTIL else "")  # (not for a morning's typo: "10:00-09:00")
        return f"ends before it starts{hint}"
    return None



# A time written as a LOC may type it outside what `time` reads: "0900-0915", "9:00 to 9:20", "10.00 bis 10.30", "2 pm"
_LOOSE_CLOCK = r"(\d{1,2})(?:\s*[:.h]?\s*(\d\d))?\s*([ap]\.?m\.?)?"  # (hours alone: "9-10"; am or pm: "9am")
_LOOSE_TIME = re.compile(rf"^\s*{_LOOSE_CLOCK}(?:\s*(?:[-\u2013\u2014]+|to|until|till|bis|à|a|au)\s*{_LOOSE_CLOCK})?\s*$",
                         re.IGNORECASE)


_CLOCKS_SHAPE = re.compile(r"\s*(\d{1,2})[:.h](\d{2})(?:\s*[-\u2013\u2014]\s*(\d{1,2})[:.h](\d{2}))?\s*")


def _out_of_range(text: str) -> str:
    """What a time written as HH:MM or HH:MM-HH:MM has out of the clock's range, to follow "is not a time" (": 90 is
    no minute (00-59)"; '10:90' was told only to write HH:MM, as '10h' is), or "" when nothing is or it is of no such
    form."""
    match = _CLOCKS_SHAPE.fullmatch(text) if len(text) <= 40 else None
    if match is None:
        return ""
    numbers = [int(g) if g is not None else None for g in match.groups()]
    for hour, minute in (numbers[0:2], numbers[2:4]):
        if minute is not None and minute > 59:
            return f": {minute} is no minute (00-59)"
        if hour is not None and hour == 24 and minute:
            return f": {hour}:{minute:02d} is past midnight, the day's end (24:00)"
        if hour is not None and hour > 24:
            return f": {hour} is no hour (00-23)"
    return ""


def _time_meant(text: str) -> str | None:
    """The time `text` probably means, written as `time` reads it ('0900-0915' -> '09:00-09:15', '9:00 to 9:20' ->
    '09:00-09:20', '9-10' -> '09:00-10:00', '2-3 pm' -> '14:00-15:00', '12am' -> '00:00'), for its error to show; None
    when it reads as no clock time, or as one `time` would refuse too ('10-9': "10:00-09:00" ends before it starts)."""
    text = " ".join(text.split())
    match = _LOOSE_TIME.match(text) if len(text) <= 40 else None  # (a time is short: its spaces' runs, tried every
    # way, cost a 16,000-space text 15 s)
    if not match:
        return None
    clocks = [(int(h), m or "00", (half or "").replace(".", "").lower())
              for h, m, half in (match.group(1, 2, 3), match.group(4, 5, 6)) if h is not None]
    if len(clocks) == 2 and not clocks[0][2] and clocks[1][2]:  # "2-3 pm": the start's half of the day is the end's,
        (hour, minutes, _), (end, _, half) = clocks  # unless that puts the start after the end ("11-1 pm": 11:00-13:00)
        start_in, end_in = _hour_of(hour, half), _hour_of(end, half)  # (0 is midnight's hour: "12-12:30 am")
        if start_in is None or end_in is None or start_in <= end_in:
            clocks[0] = (hour, minutes, half)
    hours = [_hour_of(hour, half) for hour, _, half in clocks]
    if None in hours:
        return None
    written = "-".join(f"{hour:02d}:{minutes}" for hour, (_, minutes, _) in zip(hours, clocks))
    strict = TIME.match(written)
    times = _clock_times(strict) if strict else None
    if times is None or _span_problem(*times, strict.group(3) == "24"):
        return None
    return written


def _hour_of(hour: int, half: str) -> int | None:
    """The 24-hour clock's hour of `hour` in `half` of the day ('am', 'pm', '' for a 24-hour clock's): 12 am is 0,
    12 pm is 12, 1 pm is 13; None for an hour a 12-hour clock has not (0 or 13 pm)."""
    if not half:
        return hour
    if not 1 <= hour <= 12:
        return None
    return hour % 12 + (12 if half == "pm" else 0)


def _clock_times(match: re.Match):
    numbers = [int(g) if g is not None else None for g in match.groups()]
    try:
        start = dt.time(numbers[0], numbers[1])
        if numbers[2] == 24 and numbers[3] == 0:  # "23:00-24:00": midnight
            numbers[2] = 0
        end = dt.time(numbers[2], numbers[3]) if numbers[2] is not None else None
    except ValueError:
        return None
    return start, end
