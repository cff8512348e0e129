"""A timetable beside a spreadsheet of abstracts (`booklet import abstracts.csv --timetable program.txt`) -> the
spreadsheet's entries placed in the programme, by their speakers' names, and the timetable's other rows as its lines.

Some organisers keep the abstracts in one file (a form's export, no times) and the timetable in another: a table of
a day, a start, an end, a type and a name, one row an item (the Les Houches school's program.txt, tab-separated:
`Code Type Day Begin End Name`, "T01 tut 2 0830 0940 P. Rabl"). A row whose name is a speaker of the abstracts (the
same family name, given names or their initials agreeing: "P. Rabl" is Peter Rabl) gives that speaker's entry its
day and time (a tutorial's row a tutorial, a poster's a poster before a talk); any other row is a line of the
programme: a break, a meal, a social event or anything else, by its type and title. A day is a date (2024-06-03,
"Monday 3 June 2024", "June 3, 2024"), a date without its year ("3 June": the year of `--first-day`, else of the
timetable's dated days), a weekday alone ("Monday": the first one from `--first-day`), or the number of a day counted
from `--first-day` (day 1). What matches nothing, or more than one, is said in the import's notes.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from . import SourceError
from ..data.contract import NIGHT_FROM, NIGHT_UNTIL
from ..problems import listed
from .assemble import Entry, Kinds, _fold, clean, line_kind, parse_clock

# a column's header -> what it gives (the words as table._words leaves them)
_HEADERS = {
    "day": ("day", "date", "tag", "datum", "jour"),
    "start": ("begin", "start", "from", "beginn", "von", "debut", "time", "zeit", "heure"),
    "end": ("end", "until", "to", "ende", "bis", "fin"),
    "name": ("name", "speaker", "who", "title", "titel", "sprecher", "referent", "nom", "titre"),
    "type": ("type", "kind", "typ", "art", "genre"),
    "room": ("room", "raum", "salle", "location", "venue", "hall", "ort", "lieu", "sala"),
}
# a timetable's types booklet's kinds do not know by their words
_TYPES = {"tut": "tutorial", "meal": "break", "event": "other", "inv": "invited", "talk": "contributed"}
_NEEDED = ("day", "start", "name")  # the columns a timetable has
_LINE_KINDS = ("break", "social", "other")
_TEX_WORD = re.compile(r"\\[A-Za-z]+\s*")  # a TeX macro in a name ("\ft Welcome Address"): left out


@dataclass(frozen=True)
class Undated:
    """A day written without its year ("3 June", "Mon 3 June"), and the weekdays its weekday's word names, if any
    (0: Monday)."""

    month: int
    day: int
    weekdays: frozenset[int] | None = None


@dataclass(frozen=True)
class Weekday:
    """A day written as a weekday alone ("Monday"; 0: Monday): the first such day from --first-day."""

    number: int


@dataclass
class Row:
    """One row of a timetable: where it is, its day (a date, a day's number, a date without its year, or a weekday),
    times, type and name."""

    at: str  # where it is in the file: "line 12" (CSV), "row 12" (a workbook's first sheet)
    day: dt.date | int | Undated | Weekday
    start: dt.time
    end: dt.time | None
    kind: str  # booklet's kind, from the row's type (or its name: "Lunch"); "" when neither says
    name: str
    written: str = ""  # its day as written, for messages
    room: str = ""


def read_rows(path: Path, kinds: Kinds, notes: list[str] | None = None) -> list[Row]:
    """The rows of the timetable at `path` (CSV or tab-separated, any common encoding, or an XLSX workbook's first
    sheet); SourceError naming the line for one that cannot be read, or for a file with no day, start and name
    columns. What it leaves out is said in `notes`: columns it does not read, the header written again, rows with
    text in no column it reads."""
    from .table import _XLSX_MAGIC, _csv_rows, _Dates, _decode, _words

    notes = notes if notes is not None else []
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise SourceError(f"{path}: cannot read it: {exc.strerror or exc}") from None
    if raw.startswith(_XLSX_MAGIC):
        records, lines, unit = *_sheet_rows(Path(path)), "row"
    else:
        records, lines = _csv_rows(Path(path), _decode(raw)[0])
        unit = "line"
    header_at = next((i for i, record in enumerate(records) if any(cell.strip() for cell in record)), None)
    if header_at is None:
        raise SourceError(f"{path}: --timetable: the file is empty")
    header = records[header_at]
    columns = _columns(header)
    missing = [what for what in _NEEDED if columns[what] is None]
    if missing:
        shown = listed([f"'{cell}'" for cell in header if cell.strip()])
        raise SourceError(f"{path}: {unit} {lines[header_at]} (the header): --timetable: no column of "
                          f"{' or '.join(missing)} among {shown} (a timetable has a day, a start and a name)")
    used = {at for at in columns.values() if at is not None}
    heading = [_words(cell) for cell in header]
    body = list(zip(records[header_at + 1:], lines[header_at + 1:]))
    dates = _Dates([record[columns["day"]] for record, _ in body if columns["day"] < len(record)])
    rows: list[Row] = []
    headers_again, unread, loose, filled = [], {}, [], []
    for record, line in body:
        def cell(what: str) -> str:
            at = columns[what]
            return record[at].strip() if at is not None and at < len(record) else ""

        if not any(value.strip() for value in record):
            continue  # a blank row
        if [_words(value) for value in record] == heading:
            headers_again.append(f"{unit} {line}")  # (a header again: a timetable pasted together)
            continue
        for at, value in enumerate(record):
            if value.strip() and at not in used:
                label = f"'{header[at].strip()}'" if at < len(header) and header[at].strip() else f"column {at + 1}"
                unread.setdefault(label, []).append(f"{unit} {line}")
        name = " ".join(_TEX_WORD.sub("", cell("name")).split())
        if not name and not cell("day") and not cell("start"):
            loose.append(f"{unit} {line}")  # text in no column read: said below
            continue
        where = f"{path}: {unit} {line}"
        written_day = cell("day")
        if not written_day and rows:  # a day written once, on its first row (or in cells merged down the day)
            written_day = rows[-1].written
            filled.append(f"{unit} {line}")
        if not written_day:
            raise SourceError(f"{where}: no day (a date, 2018-06-11, or a day's number), and no row above gives one")
        try:
            day = _day(written_day, dates)
        except ValueError as exc:
            raise SourceError(f"{where}: day '{written_day}' {exc}") from None
        start, end = _clock(cell("start")), _clock(cell("end")) if cell("end") else None
        if not cell("start") and re.search(r"\d[:.h]\d\d\s*$", cell("day")):  # "2018-06-11 08:30" in the day's
            start = _clock(cell("day"))  # column
        both = _clock_range(cell("start"))
        if both is not None and not cell("end"):  # "09:00-10:00" in the start column
            start, end = both
        if start is None:
            raise SourceError(f"{where}: start '{cell('start')}' is not a time (0830, 08:30, 8.30 am)"
                              if cell("start") else f"{where}: no start (0830, 08:30)")
        if cell("end") and end is None:
            raise SourceError(f"{where}: end '{cell('end')}' is not a time (0940, 09:40, 9.40 am)")
        if end is not None and end < start and end != dt.time(0) and not (start >= NIGHT_FROM
                                                                            and end <= NIGHT_UNTIL):
            raise SourceError(f"{where}: end {end:%H:%M} is before start {start:%H:%M} (an evening's item may end "
                              f"after midnight, by {NIGHT_UNTIL:%H:%M})")
        if not name:
            raise SourceError(f"{where}: no name (a speaker's, or what the row is: 'Lunch')")
        written = cell("type")
        kind = _TYPES.get(written.casefold()) or kinds(written, default="") or line_kind(name, "")
        rows.append(Row(f"{unit} {line}", day, start, end, kind, name, written_day, clean(cell("room"))))
    name = Path(path).name
    if headers_again:
        notes.append(f"the timetable {name} writes its header again ({_places(headers_again)}): those rows left out")
    if unread:
        shown = "; ".join(f"{label} ({_places(at)})" for label, at in unread.items())
        notes.append(f"the timetable {name} has text in column(s) booklet does not read (a timetable's are "
                     f"{', '.join(repr(h[0]) for h in _HEADERS.values())}): {shown}; add what is to be printed "
                     "to programme.yaml")
    if filled:
        notes.append(f"{len(filled)} row(s) of the timetable {name} with no day took the day of the row above (a day "
                     f"written once, on its first row) ({_places(filled)})")
    if loose:
        notes.append(f"the timetable {name} has row(s) with no day, start or name, left out ({_places(loose)})")
    return rows


def _places(found: list[str]) -> str:
    """'line 3, line 5, line 9 ...': where, the first three."""
    return ", ".join(found[:3]) + " ..." * (len(found) > 3)


def _clock(text: str) -> dt.time | None:
    """A timetable's time: '0830', '8:30', '08h30', '8.30 am', a workbook's time cell ('08:30'); None for any
    other."""
    from .table import _clock_in

    if not text or _clock_range(text) is not None:
        return None
    hour = re.fullmatch(r"(\d{1,2})\s*([ap])\.?\s*m\.?", text, re.I)  # "2 pm"
    if hour and 1 <= int(hour[1]) <= 12:
        return dt.time(int(hour[1]) % 12 + 12 * (hour[2].lower() == "p"))
    return parse_clock(text) or _clock_in(text)


def _clock_range(text: str) -> tuple[dt.time, dt.time] | None:
    from .table import _clock_range as clock_range

    return clock_range(text)


def looks_like_a_timetable(header: list) -> bool:
    """Whether a spreadsheet's header is a timetable's: a day, a start and a name column."""
    columns = _columns(header)
    return all(columns[what] is not None for what in _NEEDED)


def _columns(header: list) -> dict[str, int | None]:
    """Where each of _HEADERS' columns is in a header (its cells as written), or None."""
    from .table import _words

    cells = [_words(cell) for cell in header]
    return {what: next((i for i, cell in enumerate(cells) if cell in names), None) for what, names in _HEADERS.items()}


def _sheet_rows(path: Path) -> tuple[list[list[str]], list[int]]:
    """A workbook's first sheet as a CSV's records (dates as 2018-06-11, times as 08:30) and their row numbers."""
    from .table import _cell, workbook_sheets

    rows = workbook_sheets(path)[0][1]
    return [[_cell(row, i) for i in range(len(row))] for row in rows], list(range(1, len(rows) + 1))


_WHAT_A_DAY_IS = ("is neither a date (2018-06-11, 'Monday 11 June 2018', 'June 11, 2018', '11 June'), a weekday "
                  "('Monday') nor a day's number (2)")


def _day(text: str, dates=None) -> dt.date | int | Undated | Weekday:
    """The day a timetable's cell writes (`dates`: table._Dates of its column, for 03.06.2024 and 6/3/2024); ValueError
    saying why for one that is none (its message follows the cell's text: "day '31 June' ...")."""
    from .table import _NAMED_DATE_WORDS, _WEEKDAY_FIRST, _bare, _Dates, _in_years, _month_words, named_date

    if not text.strip():
        raise ValueError(_WHAT_A_DAY_IS)
    if re.fullmatch(r"\d{1,2}", text):
        return int(text)
    for read in (dt.date.fromisoformat, lambda t: dt.datetime.fromisoformat(t).date()):  # (a workbook's date cell:
        try:  # "2018-06-11 00:00")
            return read(text)
        except ValueError:
            pass
    months, _ = _month_words()
    weekdays = _weekday_numbers()
    found = _NAMED_DATE_WORDS.findall(text)
    if not found or len(text) > 60:
        raise ValueError(_WHAT_A_DAY_IS)
    words = [_bare(w) for w in found if not w.isdigit()]
    numbers = [int(w) for w in found if w.isdigit() and len(w) <= 4]  # (a longer one is no day or year)
    # the weekday written before the date ("Mon 3 June": the weekdays its word names in any language; a letter
    # alone, "T", is none)
    said = weekdays[words[0]] if not found[0].isdigit() and len(words[0]) > 1 and words[0] in weekdays and (
        len(words) > 1 or words[0] not in months) else None
    if len(words) == 1 and len(words[0]) > 1 and words[0] in weekdays and not numbers:
        if len(weekdays[words[0]]) > 1:  # ("So": Sonntag in German, sobota in Slovak)
            named = " or ".join(_named('days', n) for n in sorted(weekdays[words[0]]))
            raise ValueError(f"names more than one weekday in the languages booklet reads ({named}): write the "
                             "weekday in full, or the date")
        return Weekday(min(weekdays[words[0]]))
    dates = dates or _Dates([])
    date = dates._numbers(text) or dates._numbers(_WEEKDAY_FIRST.sub("", text))  # "03.06.2024", "Mon 03.06.2024"
    if date is None and (len(found) > 12 or not any(w in months for w in words)):
        if re.fullmatch(r"(?:[^\W\d_]+\.?,?\s*)?\d{1,4}([./-])\d{1,2}\1\d{1,4}", text):  # "31.06.2024"
            raise ValueError("is no date: no such day in that month (or a year no conference's)")
        raise ValueError(_WHAT_A_DAY_IS)
    date = date or named_date(text)
    year = next((n for n in numbers if n >= 1000), None)
    if date is None and year is None:  # no year: read with a leap year's, for 29 February
        date = named_date(f"{text} 2024")
        if date is not None:
            return Undated(date.month, date.day, said)
    if date is None:  # a month and a day it has not ("31 June"), or a year out of range
        month = next((months[w] for w in words if w in months), None)
        day = next((n for n in numbers if n < 100), None)
        if month is not None and day is not None:
            try:
                dt.date(year or 2024, month, day)
            except ValueError:
                last = 29 if month == 2 and year is None else (dt.date(year or 2024, month % 12 + 1, 1)
                                                               - dt.timedelta(days=1) if month < 12 else
                                                               dt.date(year or 2024, 12, 31)).day
                raise ValueError(f"is no date: {_named('months', month)} has {last} days") from None
            if year is not None and _in_years(dt.date(year, month, day)) is None:
                raise ValueError(f"is no date of a conference: the year {year}") from None
        raise ValueError(_WHAT_A_DAY_IS)
    if said is not None and date.weekday() not in said:
        weekday, written = _named("days", date.weekday()), text.split()[0].strip(".,")
        raise ValueError(f"is a {weekday}, not a {written}: correct the date or the weekday")
    return date


def _named(what: str, number: int) -> str:
    """A weekday's (0: Monday) or a month's (1: January) name in English, as the notes are written: CLDR's, not the
    process locale's (strftime's %A, the calendar module's names)."""
    from babel import Locale

    return getattr(Locale.parse("en"), what)["format"]["wide"][number]


@cache
def _weekday_numbers() -> dict[str, frozenset[int]]:
    """Each weekday's names and abbreviations in table.MONTH_LANGUAGES, as table._bare writes them -> the weekdays
    they name (0: Monday; "mar" is the French mardi and, as a month, March)."""
    from babel import Locale

    from .table import MONTH_LANGUAGES, _bare

    found: dict[str, set[int]] = {}
    for language in MONTH_LANGUAGES:
        locale = Locale.parse(language)
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in locale.days[context][width].items():
                    found.setdefault(_bare(name), set()).add(number)
    return {name: frozenset(numbers) for name, numbers in found.items()}


def placed(entries: list[Entry], rows: list[Row], first_day: dt.date | None, source: Path,
           notes: list[str]) -> list[Entry]:
    """`entries` (a spreadsheet's) with the day and times of the timetable's row of each one's speaker, and the rows
    of no speaker as programme lines after them; SourceError when a day is a number and `first_day` is not given."""
    if first_day is None and any(isinstance(row.day, int) for row in rows):
        at = next(row.at for row in rows if isinstance(row.day, int))
        raise SourceError(f"{source}: {at}: its days are numbers: say the date of day 1 with --first-day "
                          "(e.g. --first-day 2018-06-10)")
    dates = [row.day for row in rows if isinstance(row.day, dt.date)]
    weekdays_from = first_day  # a weekday alone: the first such day from the last one a row named so
    later_weeks: list[str] = []
    lines: list[Entry] = []
    unmatched, ambiguous, again = [], [], []
    placed_by: dict[int, str] = {}  # id(entry) -> where the row that placed it is
    for row in rows:
        try:
            day = _date_of(row, first_day, dates, source, weekdays_from)
        except (OverflowError, ValueError):  # (counted from a --first-day at the end of the calendar)
            raise SourceError(f"{source}: {row.at}: day '{row.written}' counted from --first-day {first_day} is "
                              "no date") from None
        if isinstance(row.day, Weekday):
            weekdays_from = day
            if first_day is not None and (day - first_day).days >= 7:
                later_weeks.append(f"{row.at} '{row.written}' is {day}")
        found = [] if row.kind in _LINE_KINDS else _speakers_entries(entries, row)
        if len(found) > 1:
            ambiguous.append(f"{row.at} '{row.name}'")
        if found:
            entry = found[0]
            entry.day, entry.start, entry.end = day, row.start, row.end
            entry.room = row.room or entry.room
            placed_by[id(entry)] = row.at
            continue
        earlier = [] if row.kind in _LINE_KINDS else [
            placed_by[id(entry)] for entry in entries if id(entry) in placed_by and same_speaker(_speaker(entry),
                                                                                                  row.name)]
        if earlier:  # (a talk given twice, or a speaker's second talk the abstracts do not list)
            again.append(f"{row.at} '{row.name}' (placed by {earlier[0]})")
        elif row.kind not in (*_LINE_KINDS, "poster", ""):  # (a poster's row of no presenter: a poster session's)
            unmatched.append(f"{row.at} '{row.name}'")
        lines.append(Entry(f"{row.name}-{day}-{row.start}", row.name, kind=_line(row), day=day, start=row.start,
                           end=row.end, where=row.at, room=row.room))
    placed_count = sum(entry.day is not None for entry in entries)
    notes.append(f"the timetable {source.name} placed {placed_count} of {len(entries)} entries by their speakers' "
                 f"names; {len(lines)} of its rows are programme lines")
    if unmatched:
        notes.append(f"{len(unmatched)} row(s) of the timetable name no speaker of the abstracts, and are printed as "
                     f"lines of the programme: {', '.join(unmatched[:5])}" + (" ..." if len(unmatched) > 5 else "")
                     + "; give their talks in programme.yaml")
    if again:
        notes.append(f"{len(again)} row(s) of the timetable name a speaker whose entry an earlier row placed, and are "
                     f"printed as lines of the programme: {', '.join(again[:5])}" + (" ..." if len(again) > 5 else "")
                     + "; a talk given twice, or another talk of theirs: give it in programme.yaml")
    if later_weeks:
        notes.append(f"the timetable's days written as weekdays alone are read in order, a weekday before the row "
                     f"above's the next week's: {len(later_weeks)} row(s) fall in a later week than --first-day's "
                     f"({', '.join(later_weeks[:3])}{' ...' * (len(later_weeks) > 3)}); check them")
    if ambiguous:
        notes.append(f"{len(ambiguous)} row(s) of the timetable name the speaker of more than one entry: the first "
                     f"not yet placed took the time ({', '.join(ambiguous[:5])}); check them")
    return entries + lines


def _date_of(row: Row, first_day: dt.date | None, dates: list[dt.date], source: Path,
             weekdays_from: dt.date | None = None) -> dt.date:
    """The date of a row's day: a date as written; a day's number counted from `first_day` (day 1); a date without
    its year in the year of `first_day` (the next one when it is earlier and then a month from it at most: a school
    over New Year), else of the timetable's `dates` when they have one; a weekday the first one from `weekdays_from`
    (the day the row above's weekday was, else `first_day`). SourceError for one that cannot be dated so."""
    day = row.day
    if isinstance(day, dt.date):
        return day
    if isinstance(day, int):
        return first_day + dt.timedelta(days=day - 1)
    where = f"{source}: {row.at}: day '{row.written}'"
    if isinstance(day, Weekday):
        if first_day is None:
            raise SourceError(f"{where} is a weekday alone: say the date of the first day with --first-day (e.g. "
                              "--first-day 2018-06-10), or write its date")
        base = weekdays_from or first_day
        return base + dt.timedelta(days=(day.number - base.weekday()) % 7)
    years = sorted({d.year for d in dates})
    if first_day is not None:  # (the next year's only when it is a month from the first day at most)
        year = first_day.year
        if (day.month, day.day) < (first_day.month, first_day.day) and (day.month, day.day) != (2, 29) and (
                dt.date(year + 1, day.month, day.day) - first_day).days <= 31:
            year += 1
    elif len(years) == 1:
        year = years[0]
    else:
        raise SourceError(f"{where} has no year: write it ('{row.written} {years[-1] if years else 2018}'), or say "
                          "the date of the first day with --first-day (e.g. --first-day 2018-06-10)")
    try:
        date = dt.date(year, day.month, day.day)
    except ValueError:  # (29 February)
        raise SourceError(f"{where} is no date in {year}") from None
    if day.weekdays is not None and date.weekday() not in day.weekdays:
        weekday, written = _named("days", date.weekday()), row.written.split()[0].strip(".,")
        raise SourceError(f"{where} is a {weekday} in {year}, not a {written}: correct the date or the weekday")
    return date


def _line(row: Row) -> str:
    """The kind of the entry a row of no speaker is: a line of the programme (a poster's row, "Poster session 1",
    one of no kind: it is no poster)."""
    return row.kind if row.kind in _LINE_KINDS else line_kind(row.name)


def _speaker(entry: Entry) -> str:
    """The name of an entry's presenting person (else its first), or ""."""
    person = next((p for p in entry.people if p.presenting), entry.people[0] if entry.people else None)
    return person.name if person is not None else ""


def _speakers_entries(entries: list[Entry], row: Row) -> list[Entry]:
    """The entries not yet placed whose presenting person (else first) is the row's name, those of the row's kind
    first (a tutorial's row, a tutorial; a talk's, no poster)."""

    found = [entry for entry in entries if entry.day is None and same_speaker(_speaker(entry), row.name)]
    fitting = [entry for entry in found if (entry.kind == "tutorial") == (row.kind == "tutorial")
               and (entry.kind == "poster") == (row.kind == "poster")]
    return fitting + [entry for entry in found if entry not in fitting]


def same_speaker(full: str, short: str) -> bool:
    """Whether `short`, a timetable's name ("P. Rabl", "J.P. Tetienne", "T. van der Sar", "Rabl"), is `full`'s: the
    same words at its end (the family name, with its particles), and the initials before them those of `full`'s
    given names (a hyphenated one's parts each: Jean-Philippe is J.P.), accents and case aside."""
    if _fold(full).split() == _fold(short).split():
        return bool(full.strip())
    whole, written = _fold(full).split(), _fold(short).replace(".", ". ").split()
    if not whole or not written:
        return False
    initials = []
    while written and len(written[0]) == 2 and written[0].endswith("."):
        initials.append(written.pop(0)[0])
    if not written or len(written) > len(whole) or whole[-len(written):] != written:
        return False
    if not initials:  # (a family name alone is no match for a person with given names: two Smiths)
        return False
    given = [part[0] for word in whole[:-len(written)] for part in word.split("-") if part]
    return bool(given) and (given[:len(initials)] == initials or initials[:len(given)] == given)

