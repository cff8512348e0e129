"""An aclpub2 handbook folder (rycolab/aclpub2: the YAML files its handbook is built from) -> booklet's
documents (through assemble).

The source is the folder (or its `conference_details.yml`, or another of its files); the files read,
all optional but one of papers.yml and program.yml:

- `conference_details.yml`: name, abbreviation, start_date, end_date -> conference.yaml.
- `papers.yml`: id, title, abstract, authors {first_name, middle_name, last_name[, institution]}
  -> abstracts (id `p<id>`), LaTeX escapes and accents made plain, math kept.
- `program.yml`: a list of sessions {title, start_time, end_time[, chair, location], papers |
  subsessions [{title, chair, location, start_time, end_time, papers [{id, start_time, end_time}]}]}
  (or days holding such sessions). A (sub)session with papers is a session block with its chair and
  room (blocks at the same time: parallel sessions); one whose title says "poster" is a poster session
  (its papers go to posters.yaml); one without papers (a break, a Q&A, an opening) a programme line.
  A session holding subsessions gives its subsessions; its own title ("Session 1") is not printed.
  Papers may be given in full inside program.yml (title, abstract, authors) or by `speaker`.
- `invited_talks.yml`: title, speaker_name, institution, abstract_file, date, location, chair ->
  invited talks (a chaired one in a session "Invited talk"); the abstract read from abstract_file
  when the file is in the folder (or its invited_talks/ folder).
- `tutorials.yml` (title, file, date, room) and `tutorial_program.yml` (as program.yml, with
  `tutorials: [{title, start_time, end_time, room, authors}]` in the subsessions) -> tutorials.yaml;
  the tutorial programme is put in the programme on the days program.yml does not cover (a tutorial
  day); on days it does, its tutorials are listed but not scheduled (said in the notes).
- `workshops.yml` (title, date, location) -> programme lines.
- `organizing_committee.yml` (roles with members) -> a committee "Organizing Committee" with each
  member's role; `program_committee.yml` (roles with entries) -> one committee per role. A member
  written "President: Gabriel Skantze" has that role.
- `sponsors.yml`: tiers of logo files -> conference.yaml's sponsors, named by the files, no logos.

Times are naive (aclpub2 writes no zone): the conference's local times, as written.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

from ..data.load import Map, Seq, load_file
from . import Imported, Options, SourceError, utf8_text
from .assemble import (NOBODY, Block, Conference, Entry, Person, affiliation, assemble, end_before_start,
                       line_kind, plus_minutes, refuse_off_its_day, slug, web_address)
from .latex import latex_line, latex_text, unknown_commands
from .table import several_people, split_names, turned_name

FORMAT = "aclpub2"
DETAILS = "conference_details.yml"
_POSTER = re.compile(r"\bposters?\b", re.I)
_HEAD = re.compile(rb"^(?:name|abbreviation|start_date|end_date)\s*:", re.M)


def _find(folder: Path, stem: str) -> Path | None:
    for suffix in (".yml", ".yaml"):
        path = folder / f"{stem}{suffix}"
        if path.is_file():
            return path
    return None


def detect_folder(path: Path) -> bool:
    """A folder with conference_details.yml beside papers.yml or program.yml (or with both of those)."""
    has = {stem: _find(path, stem) is not None for stem in ("conference_details", "papers", "program")}
    return (has["conference_details"] and (has["papers"] or has["program"])) or (has["papers"] and has["program"])


_STEMS = ("conference_details", "papers", "program", "invited_talks", "tutorials", "tutorial_program", "workshops",
          "organizing_committee", "program_committee", "sponsors")


def detect(path: Path, head: bytes) -> bool:
    """A file of a folder detect_folder takes: its conference_details.yml (a YAML mapping with a start_date and
    a name or an abbreviation), or another of aclpub2's files there (the folder is read)."""
    path = Path(path)
    if not detect_folder(path.parent):
        return False
    keys = {m.group().split(b":")[0].strip() for m in _HEAD.finditer(head[:4096])}
    details = b"start_date" in keys and bool(keys & {b"name", b"abbreviation"})
    return details or (path.suffix in (".yml", ".yaml") and path.stem in _STEMS)


def read(path: Path, options: Options) -> Imported:
    path = Path(path)
    folder = path if path.is_dir() else path.parent
    return _Reader(folder, path, options).read()


class _Reader:
    def __init__(self, folder: Path, given: Path, options: Options) -> None:
        self.folder = folder
        self.given = given
        self.options = options
        self.notes: list[str] = []
        self.nameless: list[str] = []  # "papers.yml:12": people without a name, left out (with their institution)
        self.latex: Counter = Counter()
        self.counts: Counter = Counter()
        self.papers: dict[str, Map] = {}
        self.used_papers: set[str] = set()
        self.entries: list[Entry] = []
        self.blocks: list[Block] = []
        self.missing_files: list[str] = []
        self.tutorials: dict[str, Entry] = {}  # folded title -> its entry (tutorials.yml and tutorial_program.yml)

    # -- files

    def load(self, stem: str):
        path = _find(self.folder, stem)
        if path is None:
            return None, ""
        display = str(self.folder / path.name)
        problems = []
        data = load_file(path, display, problems)
        errors = [p for p in problems if p.severity == "error"]
        if errors:
            first = errors[0]
            where = f" {first.key}:" if first.key else ""
            raise SourceError(f"{first.file}:{first.line}:{where} {first.message}")
        return data, display

    def fail(self, file: str, line: int, message: str):
        raise SourceError(f"{file}:{line}: {message}")

    def text_file(self, name, subfolders: tuple[str, ...]) -> str | None:
        """The text of a file the YAML names (an abstract, a tutorial's description), if it is in the folder."""
        if not isinstance(name, str) or not name.strip():
            return None
        for base in (self.folder, *(self.folder / s for s in subfolders)):
            path = base / name.strip()
            if path.is_file():
                try:
                    return utf8_text(path, path.read_bytes(), strict=False)
                except OSError:
                    return None
        self.missing_files.append(name.strip())
        return None

    # -- values

    def moment(self, record: Map, key: str, file: str) -> dt.datetime | None:
        value = record.get(key)
        if value is None or value == "":
            return None
        if isinstance(value, dt.datetime):  # aclpub2 writes local times without a zone
            return value.replace(tzinfo=None)
        if isinstance(value, dt.date):
            return dt.datetime.combine(value, dt.time())
        text = str(value).strip()
        try:
            return dt.datetime.fromisoformat(text.replace("Z", "").replace("/", "-"))
        except ValueError:
            self.fail(file, record.lines.get(key, record.line),
                      f"{key}: '{text}' is not a date and time (expected e.g. 2020-07-01 09:30:00)")

    def end(self, record: Map, start: dt.datetime, file: str, title: str) -> dt.time | None:
        """The `end_time` of `record`, an item from `start`, as _end_time gives it; SourceError for one before the
        start (aclpub2 writes both as dates and times: which is right cannot be told)."""
        end = self.moment(record, "end_time", file)
        if end is not None and end < start:
            _refuse_end_before_start(file, record, title, "end_time",
                                     "date" if record.get("date") not in (None, "") else "start_time")
        return _end_time(start, end)

    def date(self, record: Map, key: str, file: str) -> dt.date | None:
        moment = self.moment(record, key, file)
        return moment.date() if moment else None

    def mapping(self, value, file: str, line: int, what: str) -> Map:
        if not isinstance(value, Map):
            self.fail(file, getattr(value, "line", line), f"{what} is not a mapping (key: value lines)")
        return value

    def sequence(self, value, file: str, line: int, what: str) -> Seq:
        if value is None:
            return Seq(file, line)
        if not isinstance(value, Seq):
            self.fail(file, getattr(value, "line", line), f"{what} is not a list")
        return value

    def person(self, record, presenting: bool = False) -> Person | None:
        if isinstance(record, str):  # (a name written whole: 'Smith, Ana', 'Lee, MA' turned as every reader does)
            name, family = turned_name(latex_line(record))
            return Person(name, presenting=presenting, family=family) if name else None
        if not isinstance(record, Map):
            return None
        parts = [latex_line(str(record.get(k) or "")) for k in ("first_name", "middle_name", "last_name")]
        name = " ".join(p for p in parts if p) or latex_line(str(record.get("name") or ""))
        # the family name given apart ("Caldas Rivera"), for people.yaml when it is not the name's last word
        family = parts[2] if parts[2] and (parts[0] or parts[1]) else None
        institution = affiliation(latex_line(str(record.get("institution") or record.get("affiliation") or "")))
        if not name:
            self.nameless.append(f"{Path(record.file).name}:{record.line}"
                                 + (f" (institution '{institution}')" if institution else ""))
            return None
        return Person(name, [institution] if institution else [], None, presenting, family)

    # -- the run

    def read(self) -> Imported:
        conference = self.conference()
        self.read_papers()
        program_days = self.read_program("program", tutorials=False, skip_days=set())
        self.read_invited()
        self.read_tutorials(program_days)
        self.read_workshops()
        self.read_committees(conference)
        self.read_sponsors(conference)
        for key, paper in self.papers.items():
            if key not in self.used_papers:
                self.entries.append(self.paper_entry(key, paper, None, "papers.yml"))
        self.explain()
        if self.nameless:
            from ..problems import listed  # (in here: `listed` is a paper's record elsewhere in this module)

            self.notes.append(f"{len(self.nameless)} person(s) without a name (no first_name, last_name or name), left "
                              f"out: {listed(self.nameless, 3)}; write their names in where they speak")
        if not self.entries and not conference.title:
            raise SourceError(f"{self.given}: neither papers nor a programme found (papers.yml, program.yml)")
        return assemble(FORMAT, conference, self.entries, self.blocks, None, self.notes)

    def conference(self) -> Conference:
        details, file = self.load("conference_details")
        if details is None:
            self.notes.append(f"no {DETAILS}: the conference's title and dates are not in the source")
            return Conference()
        details = self.mapping(details, file, 1, DETAILS)
        title = latex_line(str(details.get("name") or details.get("title") or ""))
        short = latex_line(str(details.get("abbreviation") or details.get("short_name") or ""))
        venue = ", ".join(latex_line(str(details[k])) for k in ("venue", "location", "city", "country")
                          if details.get(k))
        key = "url" if details.get("url") else "website"
        url = web_address(f"{file}:{details.lines.get(key, details.line)}: {key}", str(details.get(key) or "").strip())
        start, end = self.date(details, "start_date", file), self.date(details, "end_date", file)
        if start is not None and end is not None and end < start:  # (assemble wrote the programme's dates silently)
            _refuse_end_before_start(file, details, title or "the conference", "end_date", "start_date")
        return Conference(title=title, short_title=short, start=start, end=end, venue=venue, url=url)

    # -- papers

    def read_papers(self) -> None:
        data, file = self.load("papers")
        if data is None:
            return
        seen: dict[str, int] = {}
        for index, paper in enumerate(self.sequence(data, file, 1, "papers.yml")):
            line = data.lines[index]
            paper = self.mapping(paper, file, line, f"paper {index + 1}")
            if paper.get("id") in (None, ""):
                self.fail(file, paper.line, "a paper without an id (the programme names papers by id)")
            key = str(paper["id"]).strip()
            if not str(paper.get("title") or "").strip():
                self.fail(file, paper.line, f"paper {key} has no title")
            if key in seen:
                self.fail(file, paper.line, f"paper id {key} given twice (first at line {seen[key]})")
            seen[key] = paper.line
            self.papers[key] = paper

    def paper_entry(self, key: str, paper: Map, block: Block | None, file: str, listed: Map | None = None) -> Entry:
        """A paper (from papers.yml, completed or overridden by what the programme writes about it)."""
        def get(name):
            if listed is not None and listed.get(name) not in (None, "", []):
                return listed.get(name)
            return paper.get(name) if paper is not None else None

        people = []
        speaker = listed.get("speaker") if listed is not None else None
        if speaker:
            people.append(self.person(speaker, presenting=True))
        for author in _names(get("authors")):
            person = self.person(author)
            if person is not None:
                people.append(person)
        people = [p for p in people if p is not None]
        title = latex_line(str(get("title") or "")) or f"Paper {key}"
        text = latex_text(str(get("abstract") or ""), self.latex)
        kind = "poster" if block is not None and block.kind == "poster" else "contributed"
        return Entry(key=f"p{slug(key, 24) or key}", title=title, people=people, text=text, kind=kind,
                     block=block.key if block else None, where=f"paper {key}")

    # -- the programme

    def sessions_of(self, data, file: str) -> list[Map]:
        """The top-level sessions of a programme file: a list of sessions, or days holding sessions."""
        if isinstance(data, Map) and "days" in data:
            data = data["days"]
        items = []
        for index, item in enumerate(self.sequence(data, file, 1, "the programme")):
            item = self.mapping(item, file, data.lines[index], f"programme item {index + 1}")
            if "sessions" in item and "start_time" not in item:  # a day
                day = self.sequence(item["sessions"], file, item.line, "sessions")
                items += [self.mapping(s, file, day.lines[k], "a session") for k, s in enumerate(day)]
            else:
                items.append(item)
        return items

    def read_program(self, stem: str, tutorials: bool, skip_days: set[dt.date]) -> set[dt.date]:
        """Read a programme file into entries and blocks; the days it covers. On `skip_days`, only its
        tutorials are taken (unscheduled)."""
        data, file = self.load(stem)
        if data is None:
            return set()
        days: set[dt.date] = set()
        for item in self.sessions_of(data, file):
            start = self.moment(item, "start_time", file)
            if start is None:
                self.fail(file, item.line, f"'{latex_line(str(item.get('title') or ''))}' has no start_time")
            days.add(start.date())
            skip = start.date() in skip_days
            subs = item.get("subsessions")
            if subs:
                for k, sub in enumerate(self.sequence(subs, file, item.line, "subsessions")):
                    self.session(self.mapping(sub, file, subs.lines[k], "a subsession"), file, tutorials, skip)
            else:
                self.session(item, file, tutorials, skip)
        return days

    def session(self, s: Map, file: str, tutorials: bool, skip: bool) -> None:
        title = latex_line(str(s.get("title") or "")) or "Session"
        start = self.moment(s, "start_time", file)
        if start is None:
            self.fail(file, s.line, f"'{title}' has no start_time")
        end = self.end(s, start, file, title)
        day = start.date()
        room = latex_line(str(s.get("location") or s.get("room") or ""))
        chair = latex_line(str(s.get("chair") or ""))
        papers = self.sequence(s.get("papers"), file, s.line, f"'{title}': papers")
        talks = self.sequence(s.get("tutorials"), file, s.line, f"'{title}': tutorials") if tutorials else Seq(file, 1)
        if skip:
            for k, t in enumerate(talks):
                self.tutorial_entry(self.mapping(t, file, talks.lines[k], "a tutorial"), file, None, scheduled=False)
            return
        if not papers and not talks:
            if _POSTER.search(title):  # a poster session that lists no posters: a line set as one
                self.blocks.append(Block(key=f"{file}:{s.line}", name=title, room=room, day=day, start=start.time(),
                                         end=end, kind="poster"))
            else:
                self.entries.append(Entry(key="", title=title, kind=line_kind(title, "other"), day=day,
                                          start=start.time(), end=end, room=room,
                                          where=f"{file}:{s.line}"))
            if chair:
                self.counts["line-chairs"] += 1
            return
        block = Block(key=f"{file}:{s.line}", name=title, chairs=[chair] if chair else [], room=room, day=day,
                      start=start.time(), end=end,
                      kind="poster" if _POSTER.search(title) else "", explicit=True)
        self.blocks.append(block)
        for k, listed in enumerate(papers):
            line = papers.lines[k]
            if not isinstance(listed, Map):  # a bare id
                listed_map = Map(file, line)
                listed_map["id"] = listed
                listed = listed_map
            if listed.get("id") in (None, "") and not listed.get("title"):
                self.fail(file, listed.line, f"a paper of '{title}' with neither id nor title")
            key = str(listed.get("id") if listed.get("id") not in (None, "") else slug(str(listed["title"]), 24))
            paper = self.papers.get(key)
            if paper is None and not listed.get("title"):
                self.counts["unknown-papers"] += 1
                self.counts[f"unknown:{key}"] += 1
                continue
            self.used_papers.add(key)
            entry = self.paper_entry(key, paper, block, file, listed)
            self.place(entry, listed, file, day)
            self.entries.append(entry)
        for k, t in enumerate(talks):
            self.tutorial_entry(self.mapping(t, file, talks.lines[k], "a tutorial"), file, block, scheduled=True)

    def place(self, entry: Entry, record: Map, file: str, day: dt.date) -> None:
        start = self.moment(record, "start_time", file)
        block = next((b for b in self.blocks if b.key == entry.block), None)
        runs = (block.start, block.end) if block is not None else (None, None)
        if start is not None:
            written = (record.raw.get("start_time") or str(record.get("start_time"))).strip()
            refuse_off_its_day(file, f"line {record.lines.get('start_time', record.line)}", entry.title,
                               ("start_time", written), (start.date(), start.time()), day, runs,
                               block.name if block is not None else None)
        entry.day = start.date() if start else day
        entry.start = start.time() if start else None
        entry.end = self.end(record, start, file, entry.title) if start else None
        room = latex_line(str(record.get("room") or record.get("location") or ""))
        entry.room = room if room and (block is None or room != block.room) else ""

    # -- invited talks, tutorials, workshops

    def read_invited(self) -> None:
        data, file = self.load("invited_talks")
        if data is None:
            return
        for index, talk in enumerate(self.sequence(data, file, 1, "invited_talks.yml")):
            talk = self.mapping(talk, file, data.lines[index], f"invited talk {index + 1}")
            title = latex_line(str(talk.get("title") or "")) or f"Invited talk {index + 1}"
            people = [p for p in [self.person(str(talk.get("speaker_name") or talk.get("speaker") or ""),
                                              presenting=True)] if p]
            institution = affiliation(latex_line(str(talk.get("institution") or "")))
            if people and institution:
                people[0].affiliations = [institution]
            abstract = self.text_file(talk.get("abstract_file"), ("invited_talks", "invited"))
            text = latex_text(abstract or str(talk.get("abstract") or ""), self.latex)
            if not people:  # an invited talk is an abstract even before its speaker is known
                people = [Person(NOBODY, presenting=True)]
                self.counts["invited-nobody"] += 1
            if talk.get("bio_file") or talk.get("bio"):
                self.counts["invited-bios"] += 1
                self.text_file(talk.get("bio_file"), ("invited_talks", "invited"))  # (named when it is not there)
            entry = Entry(key=f"invited-{index + 1}", title=title, people=people, text=text, kind="invited",
                          where=f"{file}:{talk.line}")
            when = self.moment(talk, "date", file) or self.moment(talk, "start_time", file)
            room = latex_line(str(talk.get("location") or talk.get("room") or ""))
            chair = latex_line(str(talk.get("chair") or ""))
            if when is not None:
                entry.day, entry.start = when.date(), when.time()
                entry.end = self.end(talk, when, file, title)
                if chair:
                    block = Block(key=f"{file}:{talk.line}", name="Invited talk", chairs=[chair], room=room,
                                  day=entry.day, start=entry.start, end=entry.end, explicit=True)
                    self.blocks.append(block)
                    entry.block = block.key
                else:
                    entry.room = room
            self.entries.append(entry)

    def read_tutorials(self, program_days: set[dt.date]) -> None:
        data, file = self.load("tutorials")
        for index, t in enumerate(self.sequence(data, file, 1, "tutorials.yml") if data is not None else []):
            t = self.mapping(t, file, data.lines[index], f"tutorial {index + 1}")
            title = latex_line(str(t.get("title") or "")) or f"Tutorial {index + 1}"
            text = latex_text(self.text_file(t.get("file"), ("tutorials",)) or str(t.get("description") or ""),
                              self.latex)
            people = [p for p in (self.person(a) for a in _names(t.get("presenters") or t.get("authors"))) if p]
            entry = Entry(key=f"tutorial-{len(self.tutorials) + 1}", title=title, people=people, text=text,
                          kind="tutorial", where=f"{file}:{t.line}")
            when = self.moment(t, "date", file) or self.moment(t, "start_time", file)
            if when is not None:
                entry.day = when.date()
                if when.time() != dt.time():
                    entry.start = when.time()
                    entry.end = self.end(t, when, file, title)
                entry.room = latex_line(str(t.get("room") or t.get("location") or ""))
            self.tutorials[_fold(title)] = entry
            self.entries.append(entry)
        self.read_program("tutorial_program", tutorials=True, skip_days=program_days)
        if self.counts["tutorials-unscheduled"]:
            days = ", ".join(str(d) for d in sorted(program_days))
            self.notes.append(f"tutorial_program.yml: {self.counts['tutorials-unscheduled']} tutorial(s) on days of "
                              f"program.yml ({days}) are in tutorials.yaml but not in the programme (its times "
                              "overlap the main programme's); put them in programme.yaml where they belong")

    def tutorial_entry(self, t: Map, file: str, block: Block | None, scheduled: bool) -> None:
        title = latex_line(str(t.get("title") or "")) or "Tutorial"
        people = [p for p in (self.person(a) for a in _names(t.get("authors") or t.get("presenters"))) if p]
        entry = self.tutorials.get(_fold(title))
        if entry is None:
            entry = Entry(key=f"tutorial-{len(self.tutorials) + 1}", title=title, kind="tutorial",
                          where=f"{file}:{t.line}")
            self.tutorials[_fold(title)] = entry
            self.entries.append(entry)
        elif entry.day is not None:  # tutorials.yml gives its time: that one counts
            scheduled = False
        if people and not entry.people:
            entry.people = people
        if not scheduled:
            if entry.day is None:
                self.counts["tutorials-unscheduled"] += 1
            return
        entry.block = block.key if block else None
        self.place(entry, t, file, block.day if block else None)

    def read_workshops(self) -> None:
        data, file = self.load("workshops")
        if data is None:
            return
        count = 0
        for index, w in enumerate(self.sequence(data, file, 1, "workshops.yml")):
            w = self.mapping(w, file, data.lines[index], f"workshop {index + 1}")
            title = latex_line(str(w.get("title") or "")) or f"Workshop {index + 1}"
            when = self.moment(w, "date", file) or self.moment(w, "start_time", file)
            entry = Entry(key="", title=title, kind="other", room=latex_line(str(w.get("location") or "")),
                          where=f"{file}:{w.line}")
            if when is None:
                continue
            entry.day = when.date()
            if when.time() != dt.time():
                entry.start = when.time()
                entry.end = self.end(w, when, file, title)
            self.entries.append(entry)
            count += 1
        if count:
            self.notes.append(f"workshops.yml: {count} workshop(s) are programme lines on their day (their own "
                              "programmes and papers, workshops/*.yml, are not read)")

    # -- committees, sponsors

    def read_committees(self, conference: Conference) -> None:
        data, file = self.load("organizing_committee")
        if data is not None:
            members, own = [], []
            for index, group in enumerate(self.sequence(data, file, 1, "organizing_committee.yml")):
                group = self.mapping(group, file, data.lines[index], f"group {index + 1}")
                role = latex_line(str(group.get("role") or group.get("name") or ""))
                people = [self.member(m, role) for m in self.sequence(
                    group.get("members") or group.get("entries"), file, group.line, f"'{role}': members")]
                people = [p for p in people if p]
                if any(p.get("_own") for p in people):  # "President: ...": a committee of its own
                    own.append({"name": role or "Officers", "members": [_member(p) for p in people]})
                else:
                    members += [_member(p, role) for p in people]
            if members:
                conference.committees.append({"name": "Organizing Committee", "members": members})
            conference.committees.extend(own)
        data, file = self.load("program_committee")
        if data is not None:
            for index, group in enumerate(self.sequence(data, file, 1, "program_committee.yml")):
                group = self.mapping(group, file, data.lines[index], f"group {index + 1}")
                role = latex_line(str(group.get("role") or group.get("name") or "")) or "Program Committee"
                people = [self.member(m, "") for m in self.sequence(
                    group.get("entries") or group.get("members"), file, group.line, f"'{role}': entries")]
                people = [_member(p) for p in people if p]
                if people:
                    conference.committees.append({"name": role, "members": people})

    def member(self, record, role: str) -> dict | None:
        person = self.person(record)
        if person is None:
            return None
        out: dict = {"name": person.name}
        own = re.match(r"^([^:]{2,40}):\s*(\S.*)$", person.name)
        if own:
            out["name"], out["role"], out["_own"] = own.group(2), own.group(1).strip(), True
        if person.affiliations:
            out["affiliation"] = person.affiliations[0]
        return out

    def read_sponsors(self, conference: Conference) -> None:
        data, file = self.load("sponsors")
        if data is None:
            return
        tiers = [t for t in data if isinstance(t, Map)] if isinstance(data, Seq) else []
        for tier in tiers:
            name = latex_line(str(tier.get("tier") or "")).strip()
            for logo in tier.get("logos") or [] if isinstance(tier.get("logos"), list) else []:
                stem = Path(str(logo)).stem.strip()
                if stem:
                    conference.sponsors.append({"name": stem, **({"tier": name} if name else {})})
        if conference.sponsors:
            self.notes.append(f"sponsors.yml: {len(conference.sponsors)} sponsor(s) imported in their tiers, each "
                              "named by its logo file ('apple.png': apple), without the logo (the files are not "
                              "copied): write each sponsor's name, and its `logo: images/...`")

    # -- what to tell

    def explain(self) -> None:
        c = self.counts
        if self.options.kinds:
            self.notes.append("--kinds not used: aclpub2 has no contribution types (papers are talks, or posters in a "
                              "poster session; invited_talks.yml are invited talks)")
        if self.options.timezone:
            self.notes.append(f"times: aclpub2 writes them without a zone: kept as written (the conference's local "
                              f"time); --timezone {self.options.timezone} not applied")
        unknown = sorted(k.split(":", 1)[1] for k in c if k.startswith("unknown:"))
        if unknown:
            self.notes.append(f"{len(unknown)} paper id(s) in the programme are not in papers.yml and left out: "
                              f"{', '.join(unknown[:8])}{' ...' if len(unknown) > 8 else ''}")
        if c["line-chairs"]:
            self.notes.append(f"{c['line-chairs']} session(s) without papers (Q&A, breakout, ...) are programme lines; "
                              "their chairs are not printed")
        if self.missing_files:
            shown = ", ".join(self.missing_files[:5]) + (" ..." if len(self.missing_files) > 5 else "")
            self.notes.append(f"{len(self.missing_files)} file(s) the YAML names are not in the folder ({shown}): "
                              "those abstracts and descriptions are empty")
        if c["invited-nobody"]:
            self.notes.append(f"{c['invited-nobody']} invited talk(s) name no speaker (no speaker_name): their speaker "
                              f"is '{NOBODY}' until you write one in abstracts.yaml")
        if c["invited-bios"]:
            self.notes.append(f"{c['invited-bios']} invited speaker biograph(ies) left out: abstracts have no bio "
                              "in booklet's format")
        if self.latex["figures"]:
            self.notes.append(f"{self.latex['figures']} figure(s) (\\includegraphics) left out of abstracts")
        commands = unknown_commands(self.latex)
        if commands:
            self.notes.append(f"LaTeX command(s) left as written, for you to replace: {', '.join(commands[:8])}")


def _end_time(start: dt.datetime | None, end: dt.datetime | None) -> dt.time | None:
    """The end as a clock time: on the start's day, at midnight, or past it for an evening's item ending by 06:00
    (assemble.plus_minutes); None when unknown, not after the start, or later (printed: start only)."""
    if start is None or end is None or end <= start:
        return None
    return plus_minutes(start.date(), start.time(), (end - start).total_seconds() / 60)


def _refuse_end_before_start(file: str, record: Map, title: str, end: str, start: str):
    """SourceError for `record` (an item, the conference) whose value of `end` is before that of `start`, each as the
    file writes it (assemble.end_before_start)."""
    def written(key: str) -> str:
        return (record.raw.get(key) or str(record.get(key))).strip()

    raise SourceError(end_before_start(file, f"line {record.lines.get(end, record.line)}", title,
                                       (end, written(end)), (start, written(start))))


def _names(value) -> list:
    """Authors as aclpub2 writes them: a list (of names or records), or one string 'A, B, and C', read as a table's
    cell of names is (table.split_names: 'Smith, Ana and Lee, Bo' is two people, 'Smith, Ana' one, 'Smith, Ana, Jones'
    kept as written, which the import's note names); one person's name by every reader's test of one (table.several_people:
    'Ramón y Cajal, Santiago', whose family name joins its words with 'y', and 'AT&T Research' are one each)."""
    if value is None:
        return []
    if isinstance(value, list):
        return list(value)
    names = split_names(str(value))
    return names if len(names) < 2 or several_people(str(value)) else [str(value).strip()]


def _member(person: dict, role: str = "") -> dict:
    out = {"name": person["name"]}
    if person.get("affiliation"):
        out["affiliation"] = person["affiliation"]
    if person.get("role") or role:
        out["role"] = person.get("role") or role
    return out


def _fold(title: str) -> str:
    return " ".join(re.findall(r"\w+", title.casefold()))
