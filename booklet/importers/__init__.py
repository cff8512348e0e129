"""Import: a foreign export (schedule JSON/XML, Indico, a spreadsheet) -> a booklet data folder.

Each format has a reader module with `detect(path, head) -> bool` (is this file in my format?)
and `read(path, options) -> Imported` (its content as the documents of booklet's data files).
`write.py` turns an Imported into a folder, or updates a folder an earlier import made.
"""

from __future__ import annotations

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


class SourceError(Exception):
    """The source cannot be imported; the message says where (file, line or row) and why."""


FORMATS: dict[str, str] = {  # format name -> reader module (in this package)
    "schedule-json": "schedule_json",
    "schedule-xml": "schedule_xml",
    "indico": "indico",
    "csv": "table",
    "xlsx": "table",
}


def _reader(name: str):
    from importlib import import_module

    return import_module(f".{FORMATS[name]}", __name__)


def detect(path: Path) -> str:
    """The format of `path`, from its content; SourceError when it is none booklet reads."""
    head = Path(path).read_bytes()[:65536]
    for name in FORMATS:
        try:
            reader = _reader(name)
        except ModuleNotFoundError:  # a format whose reader this version does not have yet
            continue
        if reader.detect(Path(path), head):
            return name
    raise SourceError(f"{path}: not a format booklet imports ({', '.join(FORMATS)}); "
                      "give --format to say which it is")


def read(path: Path, options: Options) -> Imported:
    """The source's content as booklet's documents."""
    name = options.format or detect(path)
    if name not in FORMATS:
        raise SourceError(f"unknown format '{name}'; the formats are {', '.join(FORMATS)}")
    try:
        reader = _reader(name)
    except ModuleNotFoundError:
        raise SourceError(f"this version of booklet cannot read the format '{name}' yet") from None
    return reader.read(Path(path), options)
