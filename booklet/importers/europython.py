"""EuroPython's epcon schedule XML (the export its 2014 brochure was typeset from) -> booklet's documents.

`<schedule created=...><day date=...><entry id=...>` with category (Talk, Keynote, Training,
Sponsored, Poster; empty for breaks and plenary events), audience, topics, start ("0930"), duration
(minutes), room (one, several "C01, B05/B06", or "ALL"), title, abstract (optional), description
(Markdown, with `&#13;` line ends) and `<speakers><speaker id><name/><profile/><description/>
<image/></speaker></speakers>` (the bio is the speaker's description, or in trainings.xml the
profile; the image a URL, not downloaded). There is no conference element: no title, no venue.

The source is schedule.xml (or its folder); a trainings.xml beside it (epcon's separate export of the
trainings, whose entries all say "Talk") is read too: its trainings are matched by title with the
schedule's; the newer export (the `created` attribute) gives their times, the other fills in what one
lacks (descriptions, bios). A training only in the older export is left out and named in the notes
(the newer schedule has dropped it); only in the newer one, it is added. trainings.xml given alone is
read alone, its entries as trainings.

The programme: entries with speakers are abstracts (`e<id>`), tutorials or posters by category
(booklet's kind table, `--kinds` first); entries without speakers are programme lines (break, social,
poster or other by their title). Breaks, meals and events in ALL rooms are lines for everyone and cut
the day into stretches; within a stretch, events at overlapping times in two or more rooms are set as
parallel sessions, one per room (named after it), each event under the stretch it starts in.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..problems import listed
from . import Imported, Options, SourceError, text_head
from .assemble import (PLACEHOLDER_TITLE, PLACEHOLDER_VENUE, line_kind, names_in, plus_minutes, some, time_text,
                       titles_note, untitled)
from .kinds import ABSTRACT_KINDS, kind_for, parse_kinds
from .schedule import one_line, parse_duration
from .schedule_xml import parse
from .text import joined, to_markup

FORMAT = "europython"
MAIN = "schedule.xml"
TRAININGS = "trainings.xml"

_HEAD = re.compile(rb"^\s*(<\?xml[^>]*\?>\s*)?(<!--.*?-->\s*)*<schedule[\s>/]", re.DOTALL)
_FIRST_CHILD = re.compile(rb"<(conference|event|entry|day)[\s>/]")


def detect(path: Path, head: bytes) -> bool:
    """A <schedule> document whose events are <entry> elements (frab's are <event>, after a <conference>)."""
    head = head.removeprefix(b"\xef\xbb\xbf")
    if not _HEAD.match(head):
        return False
    tags = [m.group(1) for m in _FIRST_CHILD.finditer(head)]
    tags = [t for t in tags if t != b"day"]
    return bool(tags) and tags[0] == b"entry"


def _is_epcon(path: Path) -> bool:
    try:
        return path.is_file() and detect(path, text_head(path.read_bytes()[:65536]))
    except OSError:
        return False


def detect_folder(path: Path) -> bool:
    return _is_epcon(path / MAIN) or _is_epcon(path / TRAININGS)


def read(path: Path, options: Options) -> Imported:
    path = Path(path)
    if path.is_dir():
        main = path / MAIN if _is_epcon(path / MAIN) else path / TRAININGS
        if not main.is_file():
            raise SourceError(f"{path}: no {MAIN} (nor {TRAININGS}) in the folder")
    else:
        main = path
    return _Reader(main, options).read()


# -- what the files hold ------------------------------------------------------------------------------

@dataclass
class _Speaker:
    name: str
    bio: str = ""
    image: str = ""


def _speakers(name: str, bio: str, image: str) -> list[_Speaker]:
    """The speakers a <speaker>'s name stands for, as the schedules' readers read a speaker's name (assemble.names_in:
    "Ana Smith and Bo Jones" is two, each without the one biography and photo; table.turned_name: "Smith, Ana" is
    Ana Smith, "Lee, MA" M. A. Lee)."""
    from .table import turned_name  # (the table reader reads its dates with the schedules' helpers)

    found = names_in(name) or [(name, None)]
    if len(found) > 1:
        bio = image = ""
    return [_Speaker(turned_name(one)[0], bio, image) for one, _ in found]


@dataclass
class _Item:
    file: str
    line: int
    ident: str
    category: str
    title: str
    abstract: str
    description: str
    day: dt.date
    start: dt.time | None
    minutes: int | None
    rooms: str
    speakers: list[_Speaker] = field(default_factory=list)
    level: str = ""
    training: bool = False  # from the trainings export: a training whatever its category says
    key: str = ""  # the booklet id it got


def _is_training_file(path: Path) -> bool:
    return "training" in path.name.lower()


class _File:
    """One epcon XML file, read into _Items (SourceError at the line of anything malformed)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.name = str(path)
        root, self.lines = parse(path)
        self.line = lambda e: self.lines.get(id(e), 1)
        if root.tag != "schedule":
            raise SourceError(f"{self.name}:{self.line(root)}: the root element is <{root.tag}>, not <schedule>")
        created = (root.get("created") or "").strip()
        try:
            self.created = dt.datetime.fromisoformat(created) if created else None
        except ValueError:
            self.created = None
        self.training = _is_training_file(path)
        self.items: list[_Item] = []
        self.room_order: dict[str, float] = {}
        self.nameless: list[str] = []  # "schedule.xml:120 ('Title')": speakers without a name, left out
        days = root.findall("day")
        if not days:
            raise SourceError(f"{self.name}:{self.line(root)}: no <day> elements: the schedule has no days")
        for day in days:
            self.read_day(day)

    def fail(self, element: ET.Element, message: str):
        raise SourceError(f"{self.name}:{self.line(element)}: {message}")

    def read_day(self, element: ET.Element) -> None:
        value = (element.get("date") or "").strip()
        if not value:
            self.fail(element, "<day> without a date attribute")
        try:
            date = dt.date.fromisoformat(value)
        except ValueError:
            self.fail(element, f"<day date='{value}'>: not a date (expected e.g. 2014-07-21)")
        for entry in element.findall("entry"):
            self.items.append(self.read_entry(entry, date))

    def read_entry(self, e: ET.Element, date: dt.date) -> _Item:
        title = one_line(_text(e, "title"))
        if not title:
            self.fail(e, f"<entry id='{e.get('id', '')}'> has no <title>")
        start = None
        raw_start = _text(e, "start").strip()
        if raw_start:
            m = re.fullmatch(r"(\d{1,2}):?(\d{2})", raw_start)
            if not m or int(m[1]) > 23 or int(m[2]) > 59:
                self.fail(e.find("start"), f"<start>{raw_start}</start> is not a time of day (epcon writes 0930)")
            start = dt.time(int(m[1]), int(m[2]))
        minutes = None
        raw = _text(e, "duration").strip()
        if raw:
            duration = parse_duration(raw, f"line {self.line(e.find('duration'))}: <duration>", self.name)
            minutes = int(duration.total_seconds() // 60)
        room_element = e.find("room")
        rooms = one_line(_text(e, "room"))
        if room_element is not None and rooms and "," not in rooms:
            order = room_element.get("id", "")
            number = re.sub(r"\D", "", order)
            self.room_order.setdefault(rooms, float(number) if number else 1000 + len(self.room_order))
        speakers = []
        for s in e.iter("speaker"):
            name = one_line(_text(s, "name"))
            if not name:
                self.nameless.append(f"{self.path.name}:{self.line(s)} ('{title}')")
                continue
            bio = _text(s, "description")
            profile = _text(s, "profile").strip()
            if not bio.strip() and profile and not re.match(r"https?://\S+$", profile):
                bio = profile  # trainings.xml writes the bio in <profile>
            image = _text(s, "image").strip()
            speakers += _speakers(name, bio, image)
        return _Item(self.name, self.line(e), (e.get("id") or "").strip(), one_line(_text(e, "category")), title,
                     _text(e, "abstract"), _text(e, "description"), date, start, minutes, rooms, speakers,
                     one_line(_text(e, "audience")), self.training)


def _text(parent: ET.Element, tag: str) -> str:
    child = parent.find(tag)
    return "".join(child.itertext()) if child is not None else ""


def _fold(title: str) -> str:
    return " ".join(re.findall(r"\w+", title.casefold()))


# -- the reader -----------------------------------------------------------------------------------------

@dataclass
class _Placed:
    item: _Item
    order: int
    start: dt.datetime
    end: dt.datetime
    record: dict  # the programme item
    room: str  # '' for everyone
    plenary: bool


class _Reader:
    def __init__(self, main: Path, options: Options) -> None:
        self.main = main
        self.options = options
        try:
            self.kinds = parse_kinds(options.kinds)
        except ValueError as exc:
            raise SourceError(f"--kinds: {exc}") from None
        self.notes: list[str] = []
        self.unmapped: Counter = Counter()
        self.types: Counter = Counter()  # the items' categories, as written ("training" for a training)
        self.counts: Counter = Counter()
        self.abstracts: dict[str, dict] = {}
        self.tutorials: dict[str, dict] = {}
        self.posters: list[dict] = []
        self.ids: dict[str, str] = {}  # id -> title
        self.photos = 0
        self.reworded: list[str] = []  # titles of entries whose description says the abstract again in other words
        self.room_order: dict[str, float] = {}

    def read(self) -> Imported:
        main = _File(self.main)
        nameless = list(main.nameless)
        items = list(main.items)
        self.room_order = dict(main.room_order)
        if main.training:
            self.notes.append(f"{self.main.name}: read as the trainings export: its {len(items)} entries are trainings "
                              "(tutorials.yaml)")
            beside = self.main.with_name(MAIN)
            if _is_epcon(beside):
                self.notes.append(f"{MAIN} beside it was not read: give {MAIN} (or the folder) to import the whole "
                                  "programme with its trainings")
        else:
            companion = self.main.with_name(TRAININGS)
            if companion != self.main and _is_epcon(companion):
                trainings = _File(companion)
                nameless += trainings.nameless
                items = self.merge(main, trainings, items)
        titled: list[str] = []
        for item in items:
            for speaker in item.speakers:
                speaker.name = untitled(speaker.name, titled)
                if speaker.image and not speaker.image.rstrip("/").endswith("site_media"):
                    self.photos += 1
        days = self.programme(items)
        documents: dict[str, object] = {"conference.yaml": self.conference(days, items)}
        if days:
            documents["programme.yaml"] = {"days": days}
        if self.abstracts:
            documents["abstracts.yaml"] = list(self.abstracts.values())
        if self.tutorials:
            documents["tutorials.yaml"] = list(self.tutorials.values())
        if self.posters:
            documents["posters.yaml"] = self.posters
        self.explain(items)
        self.notes += titles_note(titled)
        if nameless:
            self.notes.append(f"{len(nameless)} speaker(s) without a name (an empty <name>), left out: "
                              + listed(nameless, 3)
                              + "; write their names in where they speak")
        return Imported(FORMAT, documents, self.unmapped, self.notes, self.types)

    # -- trainings.xml beside schedule.xml

    def merge(self, main: _File, trainings: _File, items: list[_Item]) -> list[_Item]:
        for name, order in trainings.room_order.items():
            self.room_order.setdefault(name, 1000 + order)
        newer = trainings.created is not None and main.created is not None and trainings.created > main.created
        undated = trainings.created is None or main.created is None
        by_title = {_fold(i.title): i for i in items if self.kind_of(i) == "tutorial"}
        matched, added, dropped = 0, [], []
        for t in trainings.items:
            same = by_title.get(_fold(t.title))
            if same is None:
                if newer or undated:
                    t.ident = f"tr{t.ident}" if t.ident else ""
                    items.append(t)
                    added.append(t.title)
                else:
                    dropped.append(t.title)
                continue
            matched += 1
            if newer:
                same.day, same.start, same.minutes, same.rooms = t.day, t.start, t.minutes, t.rooms
            if not (same.abstract.strip() or same.description.strip()):  # the schedule's text, else the other's
                same.abstract, same.description = t.abstract, t.description
            bios = {s.name.casefold(): s.bio for s in t.speakers if s.bio.strip()}
            for speaker in same.speakers:
                if not speaker.bio.strip() and speaker.name.casefold() in bios:
                    speaker.bio = bios[speaker.name.casefold()]
        when = (f"{TRAININGS} ({trainings.created:%Y-%m-%d}) is {'newer' if newer else 'older'} than {MAIN} "
                f"({main.created:%Y-%m-%d})" if not undated else f"{TRAININGS} or {MAIN} has no date (created=)")
        note = (f"{TRAININGS} beside {MAIN} read too: {matched} of its {len(trainings.items)} trainings are in "
                f"{MAIN} ({'times from ' + TRAININGS if newer else 'times from ' + MAIN}; {when})")
        if added:
            note += f"; {len(added)} only in {TRAININGS} added ({some(added)})"
        self.notes.append(note)
        if dropped:
            self.notes.append(f"{len(dropped)} training(s) only in the older {TRAININGS} left out, as {MAIN} no "
                              f"longer lists them: {some(dropped, 5)}; add them to tutorials.yaml if they take place")
        return items

    # -- kinds, ids

    def kind_of(self, item: _Item) -> str:
        if item.training:
            return self.kinds.get("training", "tutorial")
        if item.category:
            kind = kind_for(item.category, self.kinds)
            if kind is not None:
                return kind
            return "contributed" if item.speakers else "other"
        return "contributed" if item.speakers else ""

    def ident(self, item: _Item) -> tuple[str, bool]:
        base = ("e" + re.sub(r"[^A-Za-z0-9._-]+", "-", item.ident).strip("-")) if item.ident else "e"
        if item.ident.startswith("tr"):
            base = re.sub(r"[^A-Za-z0-9._-]+", "-", item.ident)
        if base != "e" and base not in self.ids:
            self.ids[base] = item.title
            return base, False
        if base != "e" and self.ids[base] == item.title:
            return base, True
        n = 2
        while f"{base}-{n}" in self.ids and self.ids[f"{base}-{n}"] != item.title:
            n += 1
        candidate = f"{base}-{n}"
        repeat = candidate in self.ids
        self.ids[candidate] = item.title
        return candidate, repeat

    # -- entries

    def entry(self, item: _Item) -> dict | None:
        """Make the item's abstract, tutorial or poster; its programme item (no time yet), or None."""
        kind = self.kind_of(item)
        if item.training or item.category:
            self.types["training" if item.training else item.category] += 1
        if kind == "skip":  # (--kinds "Sponsored=skip")
            return None
        if item.category and not item.training and kind_for(item.category, self.kinds) is None:
            self.unmapped[item.category] += 1
        reworded: list[str] = []
        text = _text_of(item, reworded)
        if reworded:
            self.reworded.append(item.title)
        if kind in ("", "break", "social", "other", "poster") and not (kind == "poster" and item.speakers):
            if kind in ("", "other"):
                kind = "poster" if re.search(r"\bposters?\b", item.title, re.I) else line_kind(item.title, "other")
            if text:
                self.counts["line-text"] += 1
            record = {"title": item.title}
            if kind != "other":
                record["kind"] = kind
            return record
        if not item.speakers and kind in ABSTRACT_KINDS:
            self.counts["no-speaker"] += 1
            return {"title": item.title}
        if item.level:
            self.counts["levels"] += 1
        if kind == "tutorial":
            ident, repeat = self.ident(item)
            if not repeat:
                tutorial = {"id": ident, "title": item.title}
                if text:
                    tutorial["description"] = text
                if item.speakers:
                    tutorial["presenters"] = [_presenter(s) for s in item.speakers]
                self.tutorials[ident] = tutorial
            return {"tutorial": ident}
        if kind == "poster":
            poster = {"number": len(self.posters) + 1}
            if len(item.speakers) == 1:
                poster["author"] = item.speakers[0].name
            else:
                poster["authors"] = [{"name": s.name, "presenting": k == 0} for k, s in enumerate(item.speakers)]
            poster["title"] = item.title
            if text:
                poster["abstract"] = text
            self.posters.append(poster)
            self.counts["bios"] += sum(bool(s.bio.strip()) for s in item.speakers)
            return None
        ident, repeat = self.ident(item)
        if not repeat:
            abstract = {"id": ident}
            if kind != "contributed":
                abstract["kind"] = kind
            abstract["title"] = item.title
            if len(item.speakers) == 1:
                abstract["speaker"] = {"name": item.speakers[0].name}
            else:
                abstract["authors"] = [{"name": s.name, "presenting": True} for s in item.speakers]
            if text:
                abstract["abstract"] = text
            self.abstracts[ident] = abstract
            self.counts["bios"] += sum(bool(s.bio.strip()) for s in item.speakers)
        return {"talk": ident}

    # -- the programme

    def programme(self, items: list[_Item]) -> list[dict]:
        placed: dict[dt.date, list[_Placed]] = {}
        for order, item in enumerate(items):
            record = self.entry(item)
            if record is None:
                continue
            if item.start is None:
                if "talk" in record or "tutorial" in record:
                    self.counts["unscheduled"] += 1
                continue
            start = dt.datetime.combine(item.day, item.start)
            end = start + dt.timedelta(minutes=item.minutes or 0)
            time = time_text(item.start, plus_minutes(item.day, item.start, item.minutes or 0))
            if end.date() != start.date() and "-" not in time:
                self.counts["past-midnight"] += 1
            everyone = item.rooms.strip().upper() in ("ALL", "")
            line = "talk" not in record and "tutorial" not in record
            plenary = line and (record.get("kind") in ("break", "social") or item.rooms.strip().upper() == "ALL")
            room = "" if everyone or (plenary and record.get("kind") == "break") else item.rooms
            placed.setdefault(item.day, []).append(
                _Placed(item, order, start, max(start, end), {"time": time, **record}, room, plenary))
        return [{"date": day, "items": self.day_items(placed[day])} for day in sorted(placed)]

    def day_items(self, events: list[_Placed]) -> list[dict]:
        events.sort(key=lambda p: (p.start, not p.plenary, self.room_rank(p.room), p.order))
        items: list[dict] = []
        stretch: list[_Placed] = []
        for placed in events:
            if placed.plenary:
                items += self.stretch(stretch)
                stretch = []
                items.append({**placed.record, "room": placed.room} if placed.room else placed.record)
            else:
                stretch.append(placed)
        return items + self.stretch(stretch)

    def stretch(self, events: list[_Placed]) -> list[dict]:
        """Events between two lines for everyone: overlapping ones in two or more rooms side by side."""
        items, group, group_end = [], [], None
        for placed in events:
            end = placed.end if placed.end > placed.start else placed.start + dt.timedelta(minutes=1)
            if group and placed.start < group_end:
                group.append(placed)
                group_end = max(group_end, end)
                continue
            items += self.group(group)
            group, group_end = [placed], end
        return items + self.group(group)

    def group(self, group: list[_Placed]) -> list[dict]:
        rooms = sorted({p.room for p in group}, key=lambda r: (self.room_rank(r), r))
        if len(rooms) < 2:
            return [{**p.record, "room": p.room} if p.room else p.record for p in group]
        self.counts["parallel"] += 1
        sessions = []
        for room in rooms:
            session = {"session": room or "All rooms"}
            if room:
                session["room"] = room
            session["items"] = [p.record for p in group if p.room == room]
            sessions.append(session)
        return [{"parallel": sessions}]

    def room_rank(self, room: str) -> float:
        if not room:
            return -1
        if room in self.room_order:
            return self.room_order[room]
        first = room.split(",")[0].strip()
        return self.room_order.get(first, 2000) + 0.5

    # -- conference, notes

    def conference(self, days: list[dict], items: list[_Item]) -> dict:
        dates = [d["date"] for d in days] or sorted({i.day for i in items})
        if not dates:
            raise SourceError(f"{self.main}: no entries: nothing to import")
        return {"title": PLACEHOLDER_TITLE, "dates": {"start": min(dates), "end": max(dates)},
                "venue": PLACEHOLDER_VENUE}

    def explain(self, items: list[_Item]) -> None:
        c, notes = self.counts, self.notes
        notes.append("times: epcon writes local times without a zone: kept as written"
                     + (f" (--timezone {self.options.timezone} not applied)" if self.options.timezone else ""))
        skipped = sum(self.kind_of(item) == "skip" for item in items)
        if skipped:
            notes.append(f"{skipped} item(s) of a type --kinds says to skip, left out")
        if c["parallel"]:
            notes.append(f"{c['parallel']} stretch(es) of time with several rooms busy: parallel sessions by room "
                         "(breaks and events in ALL rooms are lines for everyone)")
        if c["no-speaker"]:
            notes.append(f"{c['no-speaker']} talk(s) without a speaker: programme lines with their title only")
        if c["line-text"]:
            notes.append(f"{c['line-text']} programme line(s) without a speaker (lightning talks, sponsored events, "
                         "...) had a description: left out (a programme line has none)")
        if c["unscheduled"]:
            notes.append(f"{c['unscheduled']} entr(ies) without a start time: imported, not in the programme")
        if c["past-midnight"]:
            notes.append(f"{c['past-midnight']} event(s) run past midnight beyond 06:00, or from before 18:00: printed "
                         "with their start time only")
        if c["bios"]:
            notes.append(f"{c['bios']} speaker biograph(ies) of talks left out: abstracts have no bio in booklet's "
                         "format (tutorial presenters keep theirs)")
        if self.photos:
            notes.append(f"{self.photos} speaker photo(s) are URLs in the source, not downloaded: add photos by hand "
                         "(photo: images/NAME.jpg)")
        if c["levels"]:
            notes.append("audience levels (Novice, Advanced, Expert) and topics are not carried over")
        if self.reworded:
            notes.append(f"{len(self.reworded)} entr(ies) whose description says a paragraph of the abstract again in "
                         f"other words: printed once, in the longer wording; check them ({some(self.reworded)})")


def _text_of(item: _Item, reworded: list) -> str:
    return joined(to_markup(item.abstract), to_markup(item.description), reworded=reworded)


def _presenter(speaker: _Speaker) -> dict:
    presenter = {"name": speaker.name}
    bio = to_markup(speaker.bio) if speaker.bio.strip() else ""
    if bio:
        presenter["bio"] = bio
    return presenter

