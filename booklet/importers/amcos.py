"""The AMCOS_booklet LaTeX kit (maximelucas/AMCOS_booklet): its tagged-text abstract files and its
timetable.tex -> booklet's documents (through assemble).

The source is the kit's folder (abstracts in `abstracts/txt/` or `abstracts/`, `timetable.tex` at the
top), its abstracts folder, or one abstract file. An abstract file is named `t_NAME.txt` (a talk) or
`p_NAME.txt` (a poster) and holds keys on lines of their own, each followed by its text:

    TITLE      the title
    AUTHOR     one author a line: `Name {1,2} *` -- affiliation numbers, then marks: * presenting,
               + keynote, x invited, / special (no numbers: the one AFF is everyone's)
    AFFSHORT   the presenting author's short affiliation (used when the presenter has no AFF)
    AFF        one affiliation (repeated, numbered in order)
    ABS        the abstract (LaTeX: math, accents, \\par, \\includegraphics)
    REFS       optional references, one a line (added after the abstract)
    ABSSHORT   optional short version for print (the kit's README says ABSHORT; both are read; not
               used: ABS and REFS are, and the notes say so)

Talks become abstracts with id NAME (kind from the marks), posters posters.yaml entries (in file order).
timetable.tex, when its structure is the kit's (`\\section{Tuesday, 20 of March}` days holding rows
`\\KL` `\\IS` `\\CT` `\\IT` `\\tutorial`{time}{name}{university}{place}{title}, `\\tablebreak`{time}{name},
`\\eventtype`{time}{name}), gives the programme: rows are matched to the abstracts by title (else by the
speaker's family name; the table has one track, so a row that runs past the next row's start ends there, said in the
notes); a day without a year gets the year in which that date falls on that weekday
(said in the notes). When it cannot be read as days and times, the abstracts and posters are imported
without a programme, and the notes say why.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from . import Imported, Options, SourceError, utf8_text
from .assemble import Block, Conference, Entry, Person, affiliation, assemble, line_kind, no_end_said
from .latex import latex_line, latex_text, unknown_commands
from .table import turned_name

FORMAT = "amcos"
TIMETABLE = "timetable.tex"
KEYS = ("TITLE", "AUTHOR", "AFFSHORT", "AFF", "ABS", "REFS", "ABSSHORT", "ABSHORT")
_FILE_NAME = re.compile(r"^([tp])_(.+)\.txt$", re.I)
_MARKS = {"+": "keynote", "x": "invited", "/": "special"}
_MACRO_KINDS = {"KL": "keynote", "IS": "invited", "CT": "contributed", "IT": "special", "tutorial": "tutorial"}


# -- finding the files ------------------------------------------------------------------------------

def _tagged(path: Path) -> bool:
    """A text file in the kit's tagged format: its first line with text is TITLE, and it has AUTHOR and ABS."""
    try:
        head = path.read_bytes()[:65536].decode("utf-8", errors="replace")
    except OSError:
        return False
    lines = [line.strip() for line in head.replace("\r", "\n").split("\n")]
    filled = [line for line in lines if line]
    return bool(filled) and filled[0] == "TITLE" and "AUTHOR" in lines and "ABS" in lines


def _abstract_files(folder: Path, tagged: bool = True) -> list[Path]:
    """The abstract files of `folder`: t_NAME.txt and p_NAME.txt in the tagged format (`tagged`: only those; else
    every file so named, the others read to say what is wrong with them, not left out in silence)."""
    try:
        return sorted(p for p in folder.iterdir() if p.is_file() and _FILE_NAME.match(p.name)
                      and (not tagged or _tagged(p)))
    except OSError:
        return []


def _abstracts_folder(folder: Path) -> Path | None:
    for candidate in (folder / "abstracts" / "txt", folder / "abstracts", folder / "txt", folder):
        if candidate.is_dir() and _abstract_files(candidate):
            return candidate
    return None


def _timetable(folder: Path, abstracts: Path) -> Path | None:
    """timetable.tex at the kit's top: the folder given, or above the abstracts folder."""
    for candidate in (folder, abstracts.parent, abstracts.parent.parent):
        if (candidate / TIMETABLE).is_file():
            return candidate / TIMETABLE
        if candidate == folder and folder.name.lower() not in ("abstracts", "txt"):
            break
    return None


def detect_folder(path: Path) -> bool:
    return _abstracts_folder(path) is not None


def detect(path: Path, head: bytes) -> bool:
    """One abstract file of the kit (imported alone)."""
    text = head.decode("utf-8", errors="replace").replace("\r", "\n")
    lines = [line.strip() for line in text.split("\n")]
    filled = [line for line in lines if line]
    return bool(filled) and filled[0] == "TITLE" and "AUTHOR" in lines and "ABS" in lines


def read(path: Path, options: Options) -> Imported:
    path = Path(path)
    notes: list[str] = []
    if path.is_dir():
        folder = _abstracts_folder(path)
        if folder is None:
            raise SourceError(f"{path}: no abstract files (t_NAME.txt, p_NAME.txt starting with TITLE) in it, "
                              "nor in its abstracts/ or abstracts/txt/ folder")
        files = _abstract_files(folder, tagged=False)
        timetable = _timetable(path, folder)
    else:
        files, timetable = [path], None
        notes.append(f"one abstract file read ({path.name}); give the kit's folder to read every abstract and "
                     f"{TIMETABLE}")
    return _Reader(files, timetable, options, notes).read()


# -- an abstract file -------------------------------------------------------------------------------

@dataclass
class _Abstract:
    file: Path
    key: str
    poster: bool
    title: str
    people: list[Person]
    kind: str
    text: str
    short: bool = False
    affshort: str = ""
    scheduled: bool = False
    entries: list[Entry] = field(default_factory=list)


def _fields(path: Path) -> dict[str, list[tuple[int, list[str]]]]:
    """KEY -> [(line of the key, the lines after it)], in the file's order; SourceError for text before a key."""
    text = utf8_text(path, path.read_bytes())
    fields: dict[str, list[tuple[int, list[str]]]] = {}
    current = None
    for number, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        key = line.strip()
        if key in KEYS:
            current = [number, []]
            fields.setdefault("ABSSHORT" if key == "ABSHORT" else key, []).append(current)
            continue
        if current is None:
            if line.strip():
                raise SourceError(f"{path}:{number}: '{line.strip()[:40]}' before the first key; a file starts with "
                                  f"TITLE (the keys: {', '.join(KEYS[:7])})")
            continue
        current[1].append(line)
    return {k: [(n, lines) for n, lines in v] for k, v in fields.items()}


def _author(path: Path, number: int, line: str, affs: list[str]) -> tuple[Person, set[str]]:
    text = line.strip()
    tokens = text.split()
    marks: set[str] = set()
    while len(tokens) > 1 and re.fullmatch(r"[*+/x]+", tokens[-1]):  # the marks, after the name and numbers
        marks |= set(tokens.pop())
    rest = " ".join(tokens)
    numbers: list[int] = []
    m = re.search(r"\{([^{}]*)\}\s*$", rest)
    if m:
        rest = rest[:m.start()].strip()
        for part in m.group(1).split(","):
            if not part.strip():
                continue
            if not part.strip().isdigit():
                raise SourceError(f"{path}:{number}: author '{text}': '{part.strip()}' is not an affiliation number "
                                  "(write {1,2})")
            numbers.append(int(part))
    if "{" in rest or "}" in rest:
        raise SourceError(f"{path}:{number}: author '{text}': braces that are no affiliation numbers "
                          "(write `Name {1,2} *`)")
    # (turned round when written family name first, as every reader turns a name: "Ruiz de Gordejuela, U.", its
    # family for people.yaml; "Ana Smith, Lund University" as written)
    name, family = turned_name(latex_line(rest))
    if not name:
        raise SourceError(f"{path}:{number}: an author line without a name")
    for n in numbers:
        if n < 1 or n > len(affs):
            raise SourceError(f"{path}:{number}: author '{name}' names affiliation {n}, but the file has "
                              f"{len(affs)} AFF")
    return Person(name, [affs[n - 1] for n in numbers], None, "*" in marks, family or None), marks


def read_abstract(path: Path, counts: Counter) -> _Abstract:
    """One abstract file; SourceError naming the file and line of what is malformed."""
    fields = _fields(path)
    for key in ("TITLE", "AUTHOR"):
        if key not in fields:
            raise SourceError(f"{path}:1: no {key} line (each abstract file has TITLE, AUTHOR, AFF, ABS)")
    for key in ("TITLE", "AUTHOR", "AFFSHORT", "ABS", "REFS", "ABSSHORT"):
        if len(fields.get(key, [])) > 1:
            raise SourceError(f"{path}:{fields[key][1][0]}: {key} given twice (first at line {fields[key][0][0]})")
    title_line, title_lines = fields["TITLE"][0]
    title = latex_line(" ".join(title_lines), counts).rstrip(".")
    if not title:
        raise SourceError(f"{path}:{title_line}: TITLE is empty (the title goes on the line after it)")
    affs = [affiliation(latex_line(" ".join(lines), counts)) for _, lines in fields.get("AFF", [])]
    affs = [a for a in affs if a] if all(affs) else affs
    author_line, author_lines = fields["AUTHOR"][0]
    people, kinds = [], []
    for offset, line in enumerate(author_lines, start=1):
        if not line.strip():
            continue
        person, marks = _author(path, author_line + offset, line, affs)
        kinds += [_MARKS[m] for m in marks if m in _MARKS]
        people.append(person)
    if not people:
        raise SourceError(f"{path}:{author_line}: AUTHOR has no author (one a line, after AUTHOR)")
    for person in people:  # "if only one affiliation, do NOT specify {1}": the one AFF is everyone's
        if not person.affiliations and (len(affs) == 1 or (len(people) == 1 and affs)):
            person.affiliations = list(affs)
    if not any(p.presenting for p in people):
        people[0].presenting = True  # the kit's default: the first author speaks
    affshort = affiliation(latex_line(" ".join(fields.get("AFFSHORT", [(0, [])])[0][1]), counts))
    presenter = next(p for p in people if p.presenting)
    if not presenter.affiliations and affshort:
        presenter.affiliations = [affshort]
    text = latex_text("\n".join(fields.get("ABS", [(0, [])])[0][1]), counts)
    refs = [latex_line(line, counts) for line in fields.get("REFS", [(0, [])])[0][1] if line.strip()]
    if refs:
        text = "\n\n".join([text, *refs]) if text else "\n\n".join(refs)
    m = _FILE_NAME.match(path.name)
    poster = bool(m) and m.group(1).lower() == "p"
    key = (m.group(2) if m else path.stem).strip()
    kind = kinds[0] if kinds else "contributed"
    return _Abstract(path, key, poster, title, people, kind, text, short="ABSSHORT" in fields, affshort=affshort)


# -- the timetable ------------------------------------------------------------------------------------

_ROWS = {"tablebreak": 2, "eventtype": 2, "KL": 5, "IS": 5, "CT": 5, "IT": 5, "tutorial": 5}
_MACRO = re.compile(r"\\(section|chapter|subsection|tablebreak|eventtype|KL|IS|CT|IT|tutorial)\*?(?![A-Za-z])")
_MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): n for n, name in enumerate(calendar.month_abbr) if name})
_WEEKDAYS = {name.lower(): n for n, name in enumerate(calendar.day_name)}
_WEEKDAYS.update({name.lower(): n for n, name in enumerate(calendar.day_abbr)})
_CLOCK = r"(\d{1,2})\s*[:.h]\s*(\d{2})"
_SPAN = re.compile(rf"^\s*{_CLOCK}\s*(?:(?:-{{1,3}}|–|—|to|\\textendash)\s*{_CLOCK})?\s*$")


@dataclass
class _Row:
    line: int
    macro: str
    args: list[str]


@dataclass
class _Day:
    line: int
    heading: str
    date: dt.date | None = None
    guessed_year: bool = False
    rows: list[_Row] = field(default_factory=list)


def _strip_comments(text: str) -> str:
    return "\n".join(re.sub(r"(?<!\\)%.*$", "", line) for line in text.split("\n"))


def _groups(text: str, pos: int, count: int) -> tuple[list[str], int]:
    """Up to `count` brace groups {...} from `pos` on (spaces between them allowed): their contents, the end."""
    args = []
    while len(args) < count:
        m = re.compile(r"\s*\{").match(text, pos)
        if not m:
            break
        depth, i = 1, m.end()
        while i < len(text) and depth:
            if text[i] == "\\":
                i += 2
                continue
            depth += {"{": 1, "}": -1}.get(text[i], 0)
            i += 1
        if depth:
            break
        args.append(text[m.end():i - 1])
        pos = i
    return args, pos


def _day_date(heading: str, today: dt.date) -> tuple[dt.date | None, bool]:
    """'Tuesday, 20 of March' (the year guessed from the weekday), '20 March 2018', 'March 20, 2018'."""
    words = re.findall(r"[A-Za-z]+|\d+", heading.lower())
    weekday = next((_WEEKDAYS[w] for w in words if w in _WEEKDAYS), None)
    month = next((_MONTHS[w] for w in words if w in _MONTHS), None)
    numbers = [int(w) for w in words if w.isdigit()]
    year = next((n for n in numbers if n >= 1900), None)
    day = next((n for n in numbers if 1 <= n <= 31), None)
    if month is None or day is None:
        return None, False
    if year is not None:
        try:
            return dt.date(year, month, day), False
        except ValueError:
            return None, False
    if weekday is None:
        return None, False
    years = list(range(today.year - 1, today.year + 3)) + list(range(today.year - 2, today.year - 40, -1))
    for candidate in years:
        try:
            date = dt.date(candidate, month, day)
        except ValueError:
            continue
        if date.weekday() == weekday:
            return date, True
    return None, False


def read_timetable(path: Path, today: dt.date | None = None) -> tuple[list[_Day], str]:
    """The timetable's days with their rows; ([], why) when it is not in the kit's structure. SourceError
    for a row of the kit's structure that is malformed (its file and line)."""
    today = today or dt.date.today()
    raw = utf8_text(path, path.read_bytes(), strict=False)
    text = _strip_comments(raw.replace("\r\n", "\n").replace("\r", "\n"))
    days: list[_Day] = []
    rows_before = 0
    for m in _MACRO.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        name = m.group(1)
        if name in ("section", "chapter", "subsection"):
            args, _ = _groups(text, m.end(), 1)
            if not args:
                continue
            heading = latex_line(args[0])
            date, guessed = _day_date(heading, today)
            if date is None:
                if days or name == "section":
                    return [], (f"{path.name}:{line}: the heading '{heading}' is not a day with a date "
                                "(such as 'Tuesday, 20 of March' or '20 March 2018')")
                continue
            days.append(_Day(line, heading, date, guessed))
            continue
        need = _ROWS[name]
        args, _ = _groups(text, m.end(), need)
        if len(args) != need:
            labels = "{time}{name}" if need == 2 else "{time}{name}{university}{place}{title}"
            raise SourceError(f"{path}:{line}: \\{name} takes {need} arguments {labels}; found {len(args)}")
        span = _SPAN.match(args[0].replace("~", " "))
        if not span or not all(int(h) <= 24 and int(m) < 60 for h, m in ((span[1], span[2]), (span[3], span[4]))
                               if h is not None):
            raise SourceError(f"{path}:{line}: \\{name}: '{args[0].strip()}' is not a time or a span of time "
                              "(such as 9:00--9:40)")
        if not days:
            rows_before += 1
            continue
        days[-1].rows.append(_Row(line, name, args))
    if not days:
        return [], f"{path.name}: no day headings (\\section{{Tuesday, 20 of March}}) found"
    if not any(d.rows for d in days):
        return [], f"{path.name}: no timetable rows (\\CT, \\IS, \\KL, \\IT, \\tablebreak, \\eventtype) under its days"
    if rows_before:
        return [], f"{path.name}: {rows_before} row(s) before the first day heading"
    return days, ""


def _span(text: str) -> tuple[dt.time, dt.time | None]:
    """A row's start and end as written (9:00--9:40); its end None when it gives none (the caller's to refuse one not
    after the start)."""
    m = _SPAN.match(text.replace("~", " "))
    return dt.time(int(m[1]) % 24, int(m[2])), dt.time(int(m[3]) % 24, int(m[4])) if m[3] else None


# -- the reader ---------------------------------------------------------------------------------------

def _fold(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


class _Reader:
    def __init__(self, files: list[Path], timetable: Path | None, options: Options, notes: list[str]) -> None:
        self.files = files
        self.timetable = timetable
        self.options = options
        self.notes = notes
        self.latex: Counter = Counter()
        self.counts: Counter = Counter()
        self.blocks: list[Block] = []

    def read(self) -> Imported:
        abstracts = [read_abstract(path, self.latex) for path in self.files]
        talks = [a for a in abstracts if not a.poster]
        posters = [a for a in abstracts if a.poster]
        entries: list[Entry] = []
        days = self.programme(talks, entries)
        for a in talks:
            if not a.scheduled:
                entries.append(Entry(a.key, a.title, a.people, a.text, a.kind, where=str(a.file)))
        for number, a in enumerate(posters, start=1):
            entries.append(Entry(a.key, a.title, a.people, a.text, "poster", number=number, where=str(a.file)))
        self.explain(abstracts, days)
        return assemble(FORMAT, Conference(), entries, self.blocks, None, self.notes)

    def programme(self, talks: list[_Abstract], entries: list[Entry]) -> list[_Day]:
        if self.timetable is None:
            self.notes.append(f"no {TIMETABLE}: the abstracts and posters are imported without a programme")
            return []
        days, why = read_timetable(self.timetable)
        if not days:
            self.notes.append(f"{why}: the timetable is not read; the abstracts and posters are imported without a "
                              "programme")
            return []
        by_title = {_fold(a.title): a for a in talks}
        by_family: dict[str, list[_Abstract]] = {}
        for a in talks:
            presenter = next(p for p in a.people if p.presenting)
            by_family.setdefault(_fold(presenter.name.split()[-1]), []).append(a)
        for day in days:
            starts = [_span(row.args[0])[0] for row in day.rows]
            for at, row in enumerate(day.rows):
                start, end = _span(row.args[0])
                title = latex_line(row.args[-1], self.latex)
                where = f"{self.timetable.name}:{row.line}"
                span = " ".join(row.args[0].split())
                if end is not None and end <= start:
                    # (an end before its start, "10:05--9:10", was left out silently: which is right cannot be told)
                    self.notes.append(no_end_said(where, title, f"'{span}'", end == start))
                    end = None
                after = starts[at + 1] if at + 1 < len(starts) else None
                if end is not None and after is not None and start < after < end:
                    # the kit's table has one track: its rows follow one another, so a row that runs past the next
                    # one's start ("10:10--12:45" before a coffee break at 10:45) was mistyped; left so, it ran beside
                    # the rows it overlaps, each a parallel session of its own
                    self.notes.append(f"{where}: '{title}' ({span}) runs past the start of the next row "
                                      f"({after:%H:%M}): ended then, as the timetable's rows follow one another; "
                                      "correct it in timetable.tex if it is meant otherwise")
                    end = after
                if row.macro in ("tablebreak", "eventtype"):
                    if re.search(r"\bposters\b|\bposter session", title, re.I):  # a line set as a poster session
                        self.blocks.append(Block(where, title, day=day.date, start=start, end=end, kind="poster"))
                    else:
                        entries.append(Entry("", title, kind=line_kind(title), day=day.date, start=start, end=end,
                                             where=where))
                    continue
                name = latex_line(row.args[1], self.latex)
                abstract = by_title.get(_fold(title))
                if abstract is None and name:
                    found = by_family.get(_fold(name.split()[-1]), [])
                    abstract = found[0] if len(found) == 1 else None
                    if abstract is not None:
                        self.counts["by-name"] += 1
                kind = _MACRO_KINDS[row.macro]
                if abstract is not None:
                    abstract.scheduled = True
                    if row.macro == "tutorial":
                        kind = "tutorial"
                    elif abstract.kind != "contributed":
                        kind = abstract.kind
                    entries.append(Entry(abstract.key, abstract.title, abstract.people, abstract.text, kind,
                                         day.date, start, end, where=where))
                    continue
                university = affiliation(latex_line(row.args[2], self.latex))
                people = [Person(name, [university] if university else [], None, True)] if name else []
                key = re.sub(r"[^a-z0-9]+", "-", _fold(name.split()[-1]) if name else _fold(title)).strip("-") or "talk"
                key = f"{key}-tt" if key in {a.key for a in talks} else key
                entries.append(Entry(key, title, people, "", kind, day.date, start, end, where=where))
                if kind != "tutorial":
                    self.counts[f"no-file:{title}"] += 1
        return days

    def explain(self, abstracts: list[_Abstract], days: list[_Day]) -> None:
        c, notes = self.counts, self.notes
        if days:
            rows = sum(len(d.rows) for d in days)
            notes.append(f"{TIMETABLE}: {len(days)} day(s), {rows} row(s) read")
            guessed = sorted({d.date.year for d in days if d.guessed_year})
            if guessed:
                example = next(d for d in days if d.guessed_year)
                years = " and ".join(str(y) for y in guessed)
                notes.append(f"{TIMETABLE} gives its days without a year ('{example.heading}'): {years}, the year in "
                             "which those dates fall on those weekdays (the first such year from last year on, "
                             "within three years, else the latest before); check the dates in conference.yaml and "
                             "programme.yaml")
        if self.options.kinds:
            notes.append("--kinds not used: the kit marks kinds itself (+ keynote, x invited, / special; the "
                         "timetable's \\KL, \\IS, \\IT, \\CT)")
        if self.options.timezone:
            notes.append(f"times: the kit's times have no zone: kept as written (--timezone {self.options.timezone} "
                         "not applied)")
        if c["by-name"]:
            notes.append(f"{c['by-name']} timetable row(s) matched to an abstract by the speaker's family name (their "
                         "titles differ): check them")
        missing = [k.split(":", 1)[1] for k in c if k.startswith("no-file:")]
        if missing:
            notes.append(f"{len(missing)} timetable talk(s) have no abstract file: abstracts without text, with the "
                         f"speaker and university the timetable gives ({', '.join(repr(t) for t in missing[:3])}"
                         f"{' ...' if len(missing) > 3 else ''})")
        shorts = [a.file.name for a in abstracts if a.short]
        if shorts:
            notes.append(f"{len(shorts)} file(s) give ABSSHORT, the kit's short version for print: not used (the full "
                         f"ABS and REFS are; figures left out): {', '.join(shorts[:5])}")
        if self.latex["figures"]:
            notes.append(f"{self.latex['figures']} figure(s) (\\includegraphics) left out of abstracts")
        commands = unknown_commands(self.latex)
        if commands:
            notes.append(f"LaTeX command(s) left as written, for you to replace: {', '.join(commands[:8])}")
