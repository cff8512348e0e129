"""Import: a foreign export (schedule JSON/XML, Indico, a spreadsheet, a booklet builder's data) -> a
booklet data folder.

Each format has a reader module with `detect(path, head) -> bool` (is this file in my format?)
and `read(path, options) -> Imported` (its content as the documents of booklet's data files).
A format whose source is a folder of files (aclpub2, amcos) or may be (europython: schedule.xml with
trainings.xml beside it) also has `detect_folder(path) -> bool`; its `read` takes the folder.
`write.py` turns an Imported into a folder, or updates a folder an earlier import made.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Options:
    """What the user said about the source (command-line options of `booklet import`)."""

    format: str | None = None  # force a format; None: detect it from the content
    kinds: dict[str, str] = field(default_factory=dict)  # --kinds "Invited talk=invited": source type -> kind
    columns: dict[str, str] = field(default_factory=dict)  # --map "Title=Paper title": booklet column -> header
    timezone: str | None = None  # the conference's local time zone, when the source does not say
    timetable: Path | None = None  # --timetable: a table of days and times placing a spreadsheet's entries
    first_day: object = None  # --first-day (a datetime.date): the date of a timetable's day 1


@dataclass
class Imported:
    """What a reader found, as the documents of booklet's data files: plain Python values shaped as
    docs/data-format.md says ('conference.yaml' -> dict, 'abstracts.yaml' -> list of dicts,
    'programme.yaml' -> {'days': [...]}, 'tutorials.yaml', 'posters.yaml'). Times are "HH:MM-HH:MM"
    strings in the conference's local time, dates datetime.date, ids stable across imports."""

    format: str  # the format's name, as --format takes it
    documents: dict[str, object]
    unmapped_types: Counter = field(default_factory=Counter)  # source types with no kind: shown to the user
    notes: list[str] = field(default_factory=list)  # anything else the user should know, one line each
    # the contribution types the source gives, as written (to tell the user of a --kinds type it never gives);
    # None for a format that has no types of its own
    types: Counter | None = field(default_factory=Counter)
    # an abstract or tutorial made of events the source gives under other ids too (a workshop held again, a repeat
    # naming its speakers): its id -> those ids. An update keeps whichever of them the folder already has
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # the values it wrote that the source does not give, no placeholder standing for them (contract.GUESSED): file ->
    # key -> value as written ({"conference.yaml": {"dates.start": "2026-12-07"}}), kept in the import's record
    guessed: dict[str, dict[str, str]] = field(default_factory=dict)


class SourceError(Exception):
    """The source cannot be imported; the message says where (file, line or row) and why. A value it quotes of more
    than a few hundred characters is cut to its start and end, as a data problem's is (a time field holding a page
    of text was quoted whole)."""

    def __init__(self, message: str = "", *args):
        from ..problems import long_quotes_cut

        super().__init__(long_quotes_cut(str(message)), *args)


FORMATS: dict[str, str] = {  # format name -> reader module (in this package)
    "schedule-json": "schedule_json",
    "schedule-xml": "schedule_xml",
    "indico": "indico",
    "csv": "table",
    "xlsx": "table",
    "aclpub2": "aclpub2",
    "europython": "europython",
    "amcos": "amcos",
}

# Tried first when detecting: formats whose files another reader would also claim (an epcon schedule.xml
# has a <schedule> root, as frab's has; a YAML or text file may look like one-column CSV). Their own tests
# are strict (the folder's structure, the tagged format).
_FIRST = ("europython", "aclpub2", "amcos")


def _reader(name: str):
    from importlib import import_module

    return import_module(f".{FORMATS[name]}", __name__)


def _order() -> list[str]:
    return [*(n for n in _FIRST if n in FORMATS), *(n for n in FORMATS if n not in _FIRST)]


def folder_formats() -> list[str]:
    """The formats whose source can be a folder."""
    return [name for name in FORMATS if hasattr(_reader(name), "detect_folder")]


def detect(path: Path) -> str:
    """The format of `path` (a file, or a folder of a format that reads folders), from its content;
    SourceError when it is none booklet reads."""
    path = Path(path)
    if path.is_dir():
        for name in _order():
            reader = _reader(name)
            if hasattr(reader, "detect_folder") and reader.detect_folder(path):
                return name
        raise SourceError(f"{path}: a folder that holds no source booklet imports (a folder is read as "
                          f"{', '.join(folder_formats())}); give the export file itself, or --format")
    head = text_head(path.read_bytes()[:65536])
    for name in _order():
        if _reader(name).detect(path, head):
            return name
    _unreadable(path, head)
    raise SourceError(f"{path}: not a format booklet imports ({', '.join(FORMATS)}); "
                      "give --format to say which it is")


def utf8_text(path, raw: bytes, why: str = "save it as UTF-8", strict: bool = True) -> str:
    """`raw`, a source file's bytes, as text (a UTF-8 byte order mark dropped): every reader's one way to say why a
    file is not UTF-8. A file in UTF-16 or UTF-32 (data.load.wide_encoding: by its mark, or by its NUL bytes) is
    refused naming its encoding, at line 1 ("not UTF-8 text: the file is UTF-32 text; save it as UTF-8"; the
    aclpub2 and AMCOS readers said "byte 0xff", or read it as text with a NUL after each letter); other bytes that are
    not UTF-8 are refused at their line, or, not `strict` (a reader that takes a stray byte), replaced. `why` is what
    the message ends with."""
    from ..data.load import wide_encoding

    wide = wide_encoding(raw)
    if wide:  # (UTF-16 of ASCII alone is valid UTF-8, with a NUL after each letter)
        raise SourceError(f"{path}:1: not UTF-8 text: the file is {wide}; {why}")
    try:
        return raw.decode("utf-8-sig", errors="strict" if strict else "replace")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise SourceError(f"{path}:{line}: not UTF-8 text (byte 0x{raw[exc.start]:02x}); {why}") from None


def text_head(head: bytes) -> bytes:
    """A file's first bytes as the readers' detect() take them: UTF-16 or UTF-32 with its byte order mark whose text
    opens an XML document (which names its own encoding, and which the XML reader reads by its mark) as UTF-8, so
    that a schedule.xml saved as UTF-16 or UTF-32 is recognised; any other head as it is (a spreadsheet's reader
    decodes UTF-16 and UTF-32 itself; JSON is UTF-8)."""
    from ..data.load import after_wide_mark

    read = after_wide_mark(head)
    return read[0].encode("utf-8") if read is not None and read[0].lstrip().startswith("<") else head


_HTML_PAGE = re.compile(rb"\A(?:<\?xml[^>]*>|<!--.*?-->|\s)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)
_TITLE = re.compile(rb"<title[^>]*>(.*?)</title", re.I | re.S)


def _not_a_source(path: Path | None) -> None:
    """SourceError for a source (or --timetable) that is neither a regular file nor a folder: a FIFO (named pipe), a
    device (/dev/zero) or a socket, whose reading would wait for a writer, or never end, instead of importing."""
    from ..paths import not_a_file

    if path is None or path.is_dir():
        return
    why = not_a_file(path)
    if why:
        raise SourceError(f"{path}: the file {why}")


# Files a LOC may give that are no export at all, by their first bytes: a PDF was told "not UTF-8 text (UTF-16, or not
# text at all); save it as UTF-8", a calendar "give --format to say which it is", as if either could be read.
_NO_EXPORT = ((b"%PDF-", "a PDF document"),
              (b"BEGIN:VCALENDAR", "an iCalendar file (.ics), a calendar"),
              (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"))
_WHAT_TO_EXPORT = ("export the programme or the abstracts as booklet imports them: a schedule.json or schedule.xml "
                   "(frab, pretalx, pentabarf, wafer), an Indico event or timetable export (JSON), a spreadsheet (CSV "
                   "or XLSX), an aclpub2 handbook, EuroPython's epcon schedule.xml or the AMCOS kit's folder")


def _not_an_export(path: Path) -> None:
    """SourceError for a file that holds no export whatever its format: an empty file (a download or export
    that failed), or a web page saved under the export's name (a server's error page, a login page), which
    every reader would otherwise call "not valid JSON" or "no column of titles", and a PDF, a calendar or an image
    (_NO_EXPORT), whatever --format says."""
    with open(path, "rb") as stream:  # (its start: the reader reads the whole file after this)
        data = stream.read(65536)
        whole = not stream.read(1)
    head = data.removeprefix(b"\xef\xbb\xbf")
    if whole and not data.strip(b"\xef\xbb\xbf \t\r\n\x00\xff\xfe"):
        blank = f"{len(data)} bytes, blank" if data else "0 bytes"
        raise SourceError(f"{path}: the file is empty ({blank}): there is nothing to import; export it again "
                          "(an export or a download that failed leaves an empty file)")
    if _HTML_PAGE.match(head):
        found = _TITLE.search(head)
        title = " ".join(found.group(1).decode("utf-8", "replace").split())[:80] if found else ""
        titled = f", titled '{title}'" if title else ""
        raise SourceError(f"{path}: a web page (HTML{titled}), not an export: the server sent a page instead of "
                          "the file (an error, or a sign-in page); download the export again, signed in, and save "
                          "what it gives")
    what = _no_export_kind(head)
    if what:
        raise SourceError(f"{path}: {what}, not a conference system's export; {_WHAT_TO_EXPORT}")


def _no_export_kind(head: bytes) -> str | None:
    """What a file is by its first bytes (its UTF-8 mark removed) when it is one of _NO_EXPORT ("a PDF document"),
    else None."""
    return next((what for magic, what in _NO_EXPORT if head.lstrip().startswith(magic)), None)


def _not_a_timetable(path: Path) -> None:
    """SourceError for a --timetable that is a PDF, a calendar or an image (_NO_EXPORT): it was told "no column of day
    or start or name among '%PDF-1.4'"."""
    with open(path, "rb") as stream:
        what = _no_export_kind(stream.read(1024).removeprefix(b"\xef\xbb\xbf"))
    if what:
        raise SourceError(f"{path}: {what}, not a timetable; --timetable reads a spreadsheet: CSV, tab-separated or "
                          "an XLSX sheet (save or export the timetable as one)")


def _unreadable(path: Path, head: bytes) -> None:
    """SourceError saying why, when no format is recognised because the file cannot be read as what it looks
    like: text that is not UTF-8 (UTF-16), JSON that is not valid or nested too deeply, XML that declares
    entities or is not well-formed (the reason --format gave; without it, only "not a format")."""
    from ..data.load import wide_encoding, workbook_kind

    if workbook_kind(head):
        raise SourceError(f"{path}: {workbook_kind(head)}: save it as .xlsx without a password, or as CSV (UTF-8)")
    if wide_encoding(head).startswith("UTF-32"):  # (its mark starts as UTF-16's: it was told "UTF-16, or not text")
        utf8_text(path, head)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head[:4096]:
        raise SourceError(f"{path}: not UTF-8 text (UTF-16, or not text at all); save it as UTF-8")
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if start in (b"{", b"["):
        from .schedule_json import load_json

        load_json(path)  # (raises saying where it is not JSON)
    elif start == b"<":
        from .schedule_xml import parse

        parse(path)  # (raises saying where it is not well-formed, or that it declares entities)


def read(path: Path, options: Options) -> Imported:
    """The source's content as booklet's documents."""
    path = Path(path)
    for given in (path, options.timetable):
        _not_a_source(given)
    if path.is_file():
        _not_an_export(path)
    if options.timetable is not None and options.timetable.is_file():
        _not_a_timetable(options.timetable)
    name = options.format or detect(path)
    if name not in FORMATS:
        raise SourceError(f"unknown format '{name}'; the formats are {', '.join(FORMATS)}")
    if path.is_dir() and not hasattr(_reader(name), "detect_folder"):
        raise SourceError(f"{path}: a folder; the {name} format reads a file (folders are read as "
                          f"{', '.join(folder_formats())})")
    if options.timetable is not None and FORMATS[name] != "table":
        raise SourceError(f"{path}: --timetable goes with a spreadsheet of abstracts (CSV or XLSX), whose entries it "
                          f"places; this is a {name} source, whose times are its own")
    from .text import noting_controls

    with noting_controls() as left_out:
        imported = _reader(name).read(path, options)
    if left_out:  # (each character once: a reader may read a text more than once)
        imported.notes.append("left out control characters of the source's text, which print nothing: "
                              + ", ".join(f"U+{ord(ch):04X}" for ch in sorted(left_out)))
    _not_too_many_people(path, imported)
    _cases_joined(imported)
    _note_unused_kinds(imported, options)
    return imported


def _not_too_many_people(path: Path, imported: Imported) -> None:
    """SourceError for an abstract or tutorial naming more than assemble.MAX_PEOPLE people, before they are written
    and checked (the formats whose readers do not refuse one themselves: a spreadsheet's cell of 1,500 names)."""
    from .assemble import MAX_PEOPLE, too_many_people

    for name, what in (("abstracts.yaml", "abstract"), ("tutorials.yaml", "tutorial")):
        for record in imported.documents.get(name) or []:
            if not isinstance(record, dict):
                continue
            count = sum(len(people) for people in (record.get("authors"), record.get("presenters"))
                        if isinstance(people, list))
            if count > MAX_PEOPLE:
                raise SourceError(too_many_people(path, f"{what} {record.get('id')}", record.get("title"), count))


def _cases_joined(imported: Imported) -> None:
    """People whose names differ by case alone ('MARIA LOPEZ' and 'Maria Lopez', 'Jan Van der Berg' and 'Jan van der
    Berg', as each typed their name into a form) named as one, in the spelling best cased (_best_cased), with a note:
    they were two people, each with an entry of their own in the index of authors. People of one name with e-mails
    of their own are not joined (two people may share a name), nor names of one word (a handle or a first name
    alone: 39C3's 'julian' and 'Julian' are two people). A poster's one `author` (its name, its email the poster's
    `email`) is one of them as each person's record is: 'jane DOE' of a poster and 'Jane Doe' of a talk are one."""
    from ..problems import listed

    records: dict[str, list[tuple[dict, str]]] = {}  # (the record, its key that holds the name)

    def walk(node) -> None:
        if isinstance(node, dict):
            held = "author" if "title" in node else "name"  # (a person's record; an entry's: a poster's one author)
            if isinstance(node.get(held), str) and node[held].strip():
                key = " ".join(node[held].split()).casefold()
                records.setdefault(key, []).append((node, held))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for name, document in imported.documents.items():
        if name != "conference.yaml":
            walk(document)
    joined = []
    for key, named in records.items():
        names = [record[held] for record, held in named]  # (its spellings, as the records hold them)
        if len(set(names)) < 2 or len(key.split()) < 2:  # (a name of one word, 'julian' and 'Julian', a handle or a
            continue  # first name alone: 39C3 gives two people so, of two ids)
        emails = {str(r["email"]).casefold() for r, _ in named if r.get("email")}
        if len(emails) > 1:
            continue
        best = _best_cased(names)
        for record, held in named:
            record[held] = best
        joined.append(" and ".join(f"'{n}'" for n in dict.fromkeys(names) if n != best) + f" -> '{best}'")
    if joined:
        imported.notes.append(f"{len(joined)} person(s) named in other cases (each the same name but for its capitals) "
                              f"are one person each, named as written best: {listed(joined, 3, '; ')}")


def _best_cased(names: list[str]) -> str:
    """Of one name's spellings, the one best cased: not in capitals alone, nor in lower case alone; each word with a
    capital, but for a particle after the first ('Jan van der Berg'); else the one given most often, then first."""
    from ..text.names import PARTICLES

    def score(name: str) -> tuple:
        words = name.split()
        fitting = sum(1 for k, w in enumerate(words) if w[:1].isupper() != (k > 0 and w.casefold() in PARTICLES))
        return (not name.isupper(), not name.islower(), fitting, names.count(name), -names.index(name))

    return max(dict.fromkeys(names), key=score)


def _note_unused_kinds(imported: Imported, options: Options) -> None:
    """A note for each --kinds type the source never gives (a misspelt type changes nothing, silently)."""
    if not options.kinds or imported.types is None:
        return
    from ..problems import did_you_mean, listed
    from .kinds import forms

    if not imported.types:
        imported.notes.append("--kinds changes nothing: the source gives its contributions no types")
        return
    given = set().union(*(forms(t) for t in imported.types))
    unused = [name for name in options.kinds if not set(forms(name)) & given]
    if unused:
        types = listed([f"'{t}'" for t, _ in imported.types.most_common()], 12) or "none"
        named = ", ".join(f"'{n}'{did_you_mean(n, imported.types)}" for n in unused)
        imported.notes.append(f"--kinds: the source gives no type {named}, so "
                              f"{'it changes' if len(unused) == 1 else 'they change'} nothing; its types are "
                              f"{types}")
