"""A frab / pentabarf / wafer `schedule.xml` -> Imported (through schedule.build).

`<schedule><conference>` (acronym, title, start, end, [venue, city, time_zone_name, base_url]) and
`<day date=...><room name=...><event id= guid=>` with date (ISO with offset), start, duration, room,
title, subtitle, track, type, language, abstract, description and `<persons><person id=>Name</person>`.
Template whitespace (wafer) is ignored; of repeated elements (wafer writes two `<abstract/>`), the
first with text counts. Elements remember their line, so that messages can name it.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from xml.parsers import expat

from ..data.load import UTF16_MARKS, UTF32_MARKS
from . import Imported, Options, SourceError, text_head
from .assemble import end_before_start, web_address
from .schedule import (Day, Event, Person, Schedule, build, ends_before_start, later, one_line, parse_clock,
                       parse_date, parse_datetime, parse_duration)

NAME = "schedule-xml"

_HEAD = re.compile(rb"^\s*(<\?xml[^>]*\?>\s*)?(<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*<schedule[\s>/]", re.DOTALL)


def detect(path: Path, head: bytes) -> bool:
    """An XML document whose root element is <schedule>."""
    return bool(_HEAD.match(head.removeprefix(b"\xef\xbb\xbf")))


def read(path: Path, options: Options) -> Imported:
    path = Path(path)
    root, lines = parse(path)
    return build(_Reader(str(path), lines).schedule(root), options, NAME)


def parse(path: Path) -> tuple[ET.Element, dict]:
    """The document's root element and each element's line; SourceError at the line and column of an error."""
    raw = path.read_bytes()
    utf32 = raw.startswith(UTF32_MARKS)  # (expat reads no UTF-32: read as UTF-8, whatever its first line says)
    if utf32:
        raw = raw.decode("utf-32", errors="replace").encode("utf-8")
    builder = ET.TreeBuilder()
    parser = expat.ParserCreate("UTF-8" if utf32 else None)
    parser.buffer_text = True
    lines: dict[int, int] = {}

    def start(tag, attributes):
        element = builder.start(tag, attributes)
        lines[id(element)] = parser.CurrentLineNumber

    def refuse_entities(*_):
        raise SourceError(f"{path}:{parser.CurrentLineNumber}: the file declares entities "
                          "(<!ENTITY ...>); booklet does not read those")

    parser.StartElementHandler = start
    parser.EndElementHandler = builder.end
    parser.CharacterDataHandler = builder.data
    parser.EntityDeclHandler = refuse_entities
    try:
        parser.Parse(raw, True)
    except expat.ExpatError as exc:
        wrong = _not_utf8(raw)
        if wrong is not None:
            raise SourceError(f"{path}:{wrong}: not UTF-8 text, as the file says it is (or names no encoding): "
                              "save it as UTF-8 (or name its encoding in its first line, <?xml version=\"1.0\" "
                              "encoding=\"windows-1252\"?>)") from None
        reason = expat.ErrorString(exc.code)
        declared = _DECLARED.match(text_head(raw[:65536]) if raw.startswith(UTF16_MARKS) else b"")
        if declared is not None and exc.code == expat.errors.codes[expat.errors.XML_ERROR_INCORRECT_ENCODING]:
            raise SourceError(f"{path}:1: the file is UTF-16 (it opens with UTF-16's byte order mark) but its first line "
                              f"says encoding=\"{declared[1].decode('ascii', 'replace')}\": save it as UTF-8, or write "
                              "encoding=\"UTF-16\" in its first line") from None
        raise SourceError(f"{path}:{exc.lineno}:{exc.offset + 1}: not well-formed XML: {reason}") from None
    except LookupError as exc:  # the XML declaration's encoding="..." names none Python knows
        raise SourceError(f"{path}:1: the file says it is written in an encoding booklet does not know ({exc}); "
                          "save it as UTF-8") from None
    root = builder.close()
    return root, lines


_DECLARED = re.compile(rb"""^(?:\xef\xbb\xbf)?<\?xml[^>]*?encoding\s*=\s*["']([^"']+)["']""")


def _not_utf8(raw: bytes) -> str | None:
    """Where (line, and byte of the file) bytes that are no UTF-8 first stand in a file that names no encoding or
    UTF-8 (a file saved as Windows-1252 or Latin-1 with its declaration kept); None when it is UTF-8, or names
    another encoding (the parser's message says what is wrong then)."""
    declared = _DECLARED.match(raw)
    if declared is not None and declared[1].decode("ascii", "replace").lower().replace("_", "-") not in ("utf-8",
                                                                                                        "utf8"):
        return None
    if raw.startswith(UTF16_MARKS):  # UTF-16, which a parser reads by its mark
        return None
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        return f"{line} (byte {exc.start})"
    return None


class _Reader:
    def __init__(self, source: str, lines: dict):
        self.source = source
        self.lines = lines

    def where(self, element: ET.Element) -> str:
        return f"line {self.lines.get(id(element), '?')}"

    def fail(self, element: ET.Element, message: str):
        raise SourceError(f"{self.source}:{self.lines.get(id(element), 1)}: {message}")

    def url(self, conference: ET.Element) -> str:
        """The conference's web address: <base_url>, else <url> (a refusal names the one, at its line)."""
        for tag in ("base_url", "url"):
            element, text = self.written(conference, tag)
            if element is not None:
                return web_address(f"{self.source}:{self.lines.get(id(element), 1)}: <{tag}>", text)
        return ""

    def written(self, parent: ET.Element, tag: str) -> tuple[ET.Element | None, str]:
        """The first `tag` child that has any text, and its text ((None, '') when none); a child's own markup is kept
        as text."""
        for child in parent.findall(tag):
            text = "".join(child.itertext())
            if text.strip():
                return child, text
        return None, ""

    def text(self, parent: ET.Element, tag: str) -> str:
        """The text of the first `tag` child that has any ('' when none); a child's own markup is kept as text."""
        return self.written(parent, tag)[1]

    def schedule(self, root: ET.Element) -> Schedule:
        if root.tag != "schedule":
            self.fail(root, f"the root element is <{root.tag}>, not <schedule>: not a frab/pentabarf schedule")
        conference = root.find("conference")
        if conference is None:
            self.fail(root, "no <conference> element: the schedule names no conference")
        title = one_line(self.text(conference, "title"))
        if not title:
            self.fail(conference, "<conference> has no <title>")
        out = Schedule(
            source=self.source,
            title=title,
            acronym=self.text(conference, "acronym"),
            time_zone=self.text(conference, "time_zone_name").strip(),
            time_zone_at=f"{self.source}:{self.lines.get(id(self.written(conference, 'time_zone_name')[0]), 1)}: "
                         "<time_zone_name>",
            venue=self.text(conference, "venue"),
            city=self.text(conference, "city"),
            url=self.url(conference),
        )
        written = {}
        for key in ("start", "end"):
            value = self.text(conference, key).strip()
            if value:
                element = conference.find(key)
                setattr(out, key, parse_date(value, self.where(element), self.source))
                written[key] = value
        if out.start is not None and out.end is not None and out.end < out.start:
            raise SourceError(end_before_start(self.source, f"{self.where(conference.find('end'))}: <conference>",
                                               title, ("<end>", written["end"]), ("<start>", written["start"])))
        days = root.findall("day")
        if not days:
            self.fail(root, "no <day> elements: the schedule has no days")
        for day_element in days:
            day = self.day(day_element)
            out.days.append(day)
            for room in day_element.findall("room"):
                name = one_line(room.get("name"))
                if name and name not in out.rooms:
                    out.rooms.append(name)
                for event in room.findall("event"):
                    out.events.append(self.event(event, day, name))
        return out

    def day(self, element: ET.Element) -> Day:
        if not element.get("date"):
            self.fail(element, "<day> without a date attribute")
        date = parse_date(element.get("date"), f"{self.where(element)}: <day date>", self.source)
        bounds = [parse_datetime(element.get(key), f"{self.where(element)}: <day {key}>", self.source)
                  if element.get(key) else None for key in ("start", "end")]
        day = Day(date, *bounds)
        if ends_before_start(day):  # (no export has one: its events would fall outside their day)
            raise SourceError(end_before_start(self.source, f"{self.where(element)}: <day>", f"{date:%Y-%m-%d}",
                                               ("end", element.get("end").strip()),
                                               ("start", element.get("start").strip())))
        return day

    def event(self, e: ET.Element, day: Day, room: str) -> Event:
        where = self.where(e)
        event = Event(
            where=where,
            ident=(e.get("id") or "").strip(),
            guid=(e.get("guid") or "").strip(),
            code=self.text(e, "code").strip(),
            title=self.text(e, "title"),
            subtitle=self.text(e, "subtitle"),
            type=self.text(e, "type"),
            abstract=self.text(e, "abstract"),
            description=self.text(e, "description"),
            room=one_line(self.text(e, "room")) or room,
            day=day.date,
            language=self.text(e, "language").strip(),
            track=self.text(e, "track"),
            links=len(e.findall("links/link")),
        )
        date, start = self.text(e, "date").strip(), self.text(e, "start").strip()
        if date and "T" in date:
            event.start = parse_datetime(date, f"{self.where(e.find('date'))}: <date>", self.source)
        elif start:
            on = parse_date(date, f"{where}: <date>", self.source) if date else day.date
            event.start = dt.datetime.combine(on, parse_clock(start, f"{self.where(e.find('start'))}: <start>",
                                                              self.source))
            if day.start is not None:
                if not date and event.start.time() < day.start.time():  # after midnight, listed the day before
                    event.start = later(event.start, dt.timedelta(days=1), f"{where}: <date>", self.source)
                event.start = event.start.replace(tzinfo=day.start.tzinfo)
        duration = self.text(e, "duration").strip()
        if event.start is not None and duration:
            at = f"{self.where(e.find('duration'))}: <duration>"
            event.end = later(event.start, parse_duration(duration, at, self.source), at, self.source)
        persons = e.find("persons")
        for person in persons.iter("person") if persons is not None else ():
            event.persons.append(Person("".join(person.itertext())))
        return event
