"""A folder name -> a new conference folder: the commented example (or the full sample), its images
and the JSON Schemas its files name; or the schemas alone. Written together, never over a file."""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..output.atomic import write_files
from ..data.contract import ALTERNATIVES, file_for, is_sheet, scalar
from ..data.example import example_words
from ..data.load import misnamed
from ..data.schema import schemas
from .templates import SAMPLE, SCHEMA_FOLDER, example_files, example_images, schema_line


class FilesExist(Exception):
    """`init` would replace files that are already there (and --force was not given)."""

    def __init__(self, folder: Path, names: list[str]):
        self.folder = folder
        self.names = names
        super().__init__(f"{len(names)} file(s) already in {folder}")


@dataclass(frozen=True)
class Started:
    folder: Path
    files: tuple[str, ...]  # relative paths written, in order
    replaced: tuple[str, ...] = ()  # of those, files that were there before (with --force)
    # (the folder's file, the data file it stands for, the file init left unwritten): a file that stands for one init
    # writes under another name (Programme.yml, program.yaml, abstracts/x.yml, participants.xlsx; data.load.misnamed),
    # kept, the data file (or the one in place of it) not written
    kept: tuple[tuple[str, str, str], ...] = ()
    # True when the example's words any conference writes ("Coffee break", a room, a country: example.COMMON's) were
    # left English, booklet having no words in the language asked for (--language pl); else they are in that language
    english_words: bool = False


def schema_files() -> dict[str, bytes]:
    """Schema file name -> its JSON text."""
    return {name: (json.dumps(schema, indent=2, ensure_ascii=False) + "\n").encode()
            for name, schema in schemas().items()}


def _example(language: str = "en") -> dict[str, bytes]:
    return {**{name: text.encode() for name, text in example_files(language).items()}, **example_images()}


def _sample(language: str | None = None) -> dict[str, bytes]:
    """The sample conference as shipped, each YAML file headed by the line naming its schema; in `language` when
    given (a `language:` line in conference.yaml, before its committees)."""
    files = {}
    for path in sorted(SAMPLE.rglob("*")):
        if not path.is_file():
            continue
        name = path.relative_to(SAMPLE).as_posix()
        data = path.read_bytes()
        if path.suffix == ".yaml":
            data = schema_line(name, file_for(name)).encode() + data
        if name == "conference.yaml" and language:
            data = _with_language(data.decode("utf-8"), language).encode("utf-8")
        files[name] = data
    return files


def _with_language(text: str, language: str) -> str:
    """conference.yaml's text with its top-level `language:` set to `language` (the line added before
    `committees:`, else at the end, when it has none)."""
    line = f"language: {scalar(language)}"
    lines = text.splitlines(keepends=True)
    at = next((i for i, old in enumerate(lines) if re.match(r"language\s*:", old)), None)
    if at is not None:
        lines[at] = line + "\n"
    else:
        at = next((i for i, old in enumerate(lines) if old.startswith("committees:")), len(lines))
        lines[at:at] = [line + "\n", "\n"] if at < len(lines) else [line + "\n"]
    return "".join(lines)


def init_folder(folder: Path, sample: bool = False, force: bool = False, language: str | None = None) -> Started:
    """Write a new conference into `folder` (in `language`, a code CLDR knows: cli.init checks it); FilesExist
    (nothing written) when any file is there already."""
    folder = Path(folder)
    files = _sample(language) if sample else _example(language or "en")
    files.update({f"{SCHEMA_FOLDER}/{name}": data for name, data in schema_files().items()})
    for name in list(files):  # a file the folder has in place of one init writes (contract.ALTERNATIVES): kept
        if any(os.path.lexists(folder / other) for other in ALTERNATIVES.get(name, ())):
            del files[name]
    # a file that stands for one under another name: the user's data, which a data file written beside it would
    # leave unread (a warning, where alone it is an error that says to rename it); kept, the data file (or the one
    # in place of it: participants.yaml for a participants.xlsx) not written. (A workbook that stands for a YAML file
    # is no data: kept beside it, as import's source, and said to be left out all the same.)
    kept = []
    for theirs, meant in misnamed(folder):
        if is_sheet(theirs) and not meant.endswith(".csv"):
            continue
        unwritten = [name for name in (meant, *ALTERNATIVES.get(meant, ())) if files.pop(name, None) is not None]
        if unwritten:
            kept.append((theirs, meant, unwritten[0]))
    existing = [name for name in files if (folder / name).exists() or (folder / name).is_symlink()]
    if existing and not force:
        raise FilesExist(folder, existing)
    write_files({folder / name: data for name, data in files.items()})
    english = not sample and language is not None and example_words(language) is None
    return Started(folder, tuple(files), tuple(existing), tuple(kept), english)


def write_schemas(folder: Path) -> Started:
    """The JSON Schema of every data file into `folder` (replacing older ones: they are booklet's own)."""
    files = schema_files()
    write_files({Path(folder) / name: data for name, data in files.items()})
    return Started(Path(folder), tuple(files))

