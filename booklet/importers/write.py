"""An import source -> a new data folder, or the update of a folder an earlier import made.

Nothing is written unless the result is good: the files are first written to a temporary folder beside
the target (so that paths such as ../images/ mean what they mean in the target), checked there as
`booklet check` checks a folder, and published only when there is no error: all files together, or
none of them (output/atomic.py). A new folder gets every data file the source fills, each headed by the
line naming its JSON Schema and with its keys explained as `booklet init` writes them, the schema/
folder, and `.booklet-import.json`: what the import wrote (the source's values, by id), from which a
later `--update` tells the LOC's edits from the source's changes (see merge.py).
"""

from __future__ import annotations

import datetime as dt

import hashlib
import json
import os
import re
import shutil
import tempfile
import unicodedata
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from reportlab.lib.units import mm

from ..check import check_folder
from ..data.contract import GUESSED, IMPORT_RECORD, file_for, placeholder_name
from ..data.theme import theme_page_size
from ..data.load import matching
from ..layout.page import page_for
from ..model import Booklet
from ..output.atomic import abandoned, swept_beside_each, swept_in, together
from ..paths import not_a_file
from ..problems import DataError, Problem, Refused, listed
from ..start.folder import schema_files
from ..start.templates import SCHEMA_FOLDER, render
from ..text.markup import collapse
from . import Imported, Options, SourceError, read
from .merge import Change, Unreadable, merge
from .schedule import zone_problem

CHECK_BLEED = 3 * mm  # `booklet check`'s --bleed default (the cover image runs into it)
RECORD_VERSION = 1
DATA_FILES = ("conference.yaml", "programme.yaml", "abstracts.yaml", "tutorials.yaml", "posters.yaml", "people.yaml")


@dataclass
class ImportResult:
    """What an import made (or updated), for the command to report."""

    folder: Path
    source: Path
    format: str
    booklet: Booklet  # the folder's data as it is now
    warnings: list[Problem]  # `booklet check`'s, grouped by kind
    updated: bool = False  # True: a folder of an earlier import was updated
    unmapped: Counter = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    written: list[str] = field(default_factory=list)  # files written, relative to the folder
    removed: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)  # options taken from the earlier import, as typed

    @property
    def counts(self) -> dict[str, int]:
        b = self.booklet
        people = [p for _, named in b.entries_with_people() for p in named]
        placeholders = [p for p in people if placeholder_name(p.name)]  # "TBA" 47 times is nobody
        people = [p for p in people if not placeholder_name(p.name)]
        named = {p.name.casefold() for p in people}
        with_affiliation = {p.name.casefold() for p in people if p.affiliations}
        return {"talks": len(b.abstracts), "tutorials": len(b.tutorials), "posters": len(b.posters),
                "days": len(b.days), "speakers": len(named),
                "without_affiliation": len(named - with_affiliation), "placeholders": len(placeholders),
                "placeholder_chairs": len(self._placeholder_chairs)}

    @property
    def placeholders(self) -> str:
        """The placeholders the speakers and chairs are named by, quoted, for the summary: "'TBA' (2 times),
        'Chair 1', 'Chair 2'" (assemble.some); "" for none."""
        from .assemble import some

        speakers = [p.name for _, named in self.booklet.entries_with_people() for p in named]
        return some([name for name in speakers if placeholder_name(name)] + self._placeholder_chairs, 4)

    @property
    def _placeholder_chairs(self) -> list[str]:
        """The programme's chairs named by a placeholder ("Chair 1", "John Doe"), each time one is."""
        return [chair for day in self.booklet.days for session in day.sessions() for chair in session.chairs
                if placeholder_name(chair)]


class FolderInUse(Refused):
    """The target folder holds files and --update was not given (or it was not made by an import)."""


def import_source(source: Path, folder: Path, options: Options, update: bool = False,
                  prune: bool = False) -> ImportResult:
    """Read `source` and write `folder` from it (or, with `update`, update the folder an earlier import made);
    SourceError for a source that cannot be read, DataError when the result would not pass check,
    Refused for a folder that is not to be written; in each case nothing is written."""
    source, folder = Path(source), Path(folder)
    if folder.exists() and not folder.is_dir():
        raise Refused(_file_in_the_way(folder))
    existing = [name for name in _contents(folder) if name not in HOUSEKEEPING and not abandoned(folder / name)]
    record = _read_record(folder) if existing else None
    if existing and not update:
        shown = listed(existing, 4)
        raise FolderInUse(f"{folder} is not empty ({shown}); import into a new folder, or add --update to "
                          "update a folder an earlier 'booklet import' made")
    if existing and record is None:
        raise FolderInUse(f"{folder} was not made by 'booklet import' (it has no {IMPORT_RECORD}, where an import "
                          "records what it wrote), so --update cannot tell your edits from the source's; "
                          "import into a new folder")
    reused = []
    if record is not None:
        options, reused = _with_recorded(options, record.get("options") or {}, folder / IMPORT_RECORD)
    try:
        imported = read(source, options)
    except OSError as exc:
        raise SourceError(f"{source}: cannot read it: {exc.strerror or exc}") from None
    documents = clean(imported.documents)
    _require(documents, source)
    if record is None:
        files = {name: render(name, value, file_for(name)).encode() for name, value in documents.items()}
        files.update({f"{SCHEMA_FOLDER}/{name}": data for name, data in schema_files().items()})
        changes, removed, pristine = [], [], set(documents)
    else:
        files, changes, removed, kept, pristine, documents = _merged(folder, record, documents, prune,
                                                                     imported.aliases)
    written = _fingerprints(folder, files, pristine)
    files[IMPORT_RECORD] = _record_bytes(source, imported, documents, options, kept if record is not None else {},
                                         written)
    with _staged(folder, files, removed) as staging:
        # at the theme's page size and check's default bleed, as `booklet check` checks the folder (an update of a
        # folder whose theme.yaml says letter measured its abstracts on A5 pages)
        try:
            booklet, warnings = check_folder(staging, page_for(theme_page_size(staging), CHECK_BLEED))
        except DataError as exc:  # (a first import's files are never written: each is told of the source's entry)
            if record is None:
                exc.problems = [_naming_entry(problem, documents, source) for problem in exc.problems]
            raise
    _publish(folder, files, removed)
    return ImportResult(folder, source, imported.format, booklet, warnings, updated=record is not None,
                        unmapped=imported.unmapped_types, notes=list(imported.notes), changes=changes,
                        written=sorted(files), removed=removed, reused=reused)


_INDEX = re.compile(r"\[(\d+)\]\.?")


def _naming_entry(problem: Problem, documents: dict, source: Path) -> Problem:
    """`problem`, found in a file a first import would have written and did not, told of the source: its file, no
    line, and the title and id of the abstract, tutorial or poster it is in (`abstracts.yaml:11: [3].abstract` named a
    file and line that do not exist, and nothing the user could find in the source); the file it would have been in
    said after the message."""
    if problem.file not in documents:  # (not one of the files the import writes: as it is)
        return problem
    told = replace(problem, file=str(source), line=0,
                   message=f"{problem.message} (in the {problem.file} the import would have written)")
    entries = documents.get(problem.file)
    found = _INDEX.match(problem.key or "")
    if not isinstance(entries, list) or found is None or int(found[1]) >= len(entries):
        return told
    entry = entries[int(found[1])]
    if not isinstance(entry, dict):
        return told
    ident = f"id {entry['id']}" if entry.get("id") else f"poster {entry.get('number', '?')}"
    title = collapse(str(entry.get("title") or ""))
    title = f"'{title[:80]}{'...' * (len(title) > 80)}' " if title else ""
    rest = problem.key[found.end():]
    return replace(told, key=f"{title}({ident})" + (f", {rest}" if rest else ""))


def _publish(folder: Path, files: dict[str, bytes], removed: list[str]) -> None:
    """Every file written and every removal made together, or none (a failure part-way undoes the rest); what an
    import killed outright while it wrote them left beside them (`.conference.yaml.<random>.part`) removed an hour on,
    as a build's beside its PDF (swept_beside)."""
    swept_beside_each([folder / name for name in (*files, *removed)])
    with together() as batch:
        for name, data in files.items():
            if not _holds(folder / name, data):  # a file that stays the same is not touched
                batch.write(folder / name, data)
        for name in removed:
            batch.remove(folder / name)


def _holds(path: Path, data: bytes) -> bool:
    try:
        return path.is_file() and not path.is_symlink() and path.read_bytes() == data
    except OSError:
        return False


def _require(documents: dict, source: Path) -> None:
    """SourceError for a source with no conference, or with nothing of one in it (every format: a spreadsheet with
    no row, an export with no event)."""
    if "conference.yaml" not in documents:
        raise SourceError(f"{source}: no conference found in the source")
    programme = documents.get("programme.yaml")
    if not any(documents.get(name) for name in ("abstracts.yaml", "tutorials.yaml", "posters.yaml")) and not (
            isinstance(programme, dict) and programme.get("days")):
        raise SourceError(f"{source}: no contribution in it (no talk, tutorial, poster or programme item): "
                          "nothing to import")


# what a folder may hold and still be new to an import, left as it is: a version control's folder and files, and the
# notes a file manager leaves (a LOC who made the folder a git repository first was told it was not empty)
HOUSEKEEPING = frozenset({".git", ".gitignore", ".gitattributes", ".hg", ".hgignore", ".svn", ".DS_Store", "Thumbs.db",
                          "desktop.ini"})


def _contents(folder: Path) -> list[str]:
    """The names in `folder` (none when it does not exist)."""
    try:
        return sorted(os.listdir(folder))
    except FileNotFoundError:
        return []
    except NotADirectoryError:
        raise Refused(_file_in_the_way(folder)) from None


def _file_in_the_way(folder: Path) -> str:
    """What is said of a `folder` to write where a file is: the folder itself, or one it would be made in (`--out
    notes.txt/conf` was told "notes.txt/conf is a file", of a path that is nothing), as every output says it."""
    from ..output.atomic import file_in_the_way

    file = None if folder.is_file() else file_in_the_way(folder)
    return f"{folder} is a file, not a folder" if file is None else \
        f"cannot write {folder}: {file} is a file, not a folder"


# -- the record of what the import wrote ---------------------------------------------------------

def _read_record(folder: Path) -> dict | None:
    path = folder / IMPORT_RECORD
    if not os.path.lexists(path):
        return None
    problem = not_a_file(path)
    if problem:
        raise Refused(f"{path} {problem}")
    try:
        record = json.loads(path.read_text("utf-8"))
    except OSError as exc:
        raise Refused(f"{path} cannot be read ({exc.strerror or exc}); {RECORD_NEEDED}") from None
    except UnicodeDecodeError:
        raise Refused(f"{path} is damaged: it is not UTF-8 text; {RECORD_NEEDED}") from None
    except json.JSONDecodeError as exc:
        raise Refused(f"{path}:{exc.lineno}:{exc.colno}: damaged: not valid JSON ({exc.msg}); "
                      f"{RECORD_NEEDED}") from None
    if not isinstance(record, dict) or not isinstance(record.get("documents"), dict) or _damaged(record):
        raise Refused(f"{path} {RECORD_DAMAGED}; {RECORD_NEEDED}")
    return record


RECORD_DAMAGED = "is damaged or was edited by hand: it does not hold what booklet import writes there"
# what a record damaged or edited by hand leaves to do (the folder holds files: an import without --update refuses it)
RECORD_NEEDED = ("it records what the earlier import wrote, and --update needs it to tell your edits from the source's "
                 "changes: import into a new folder (without --update), and carry your own edits over to it")


def _damaged(record: dict) -> bool:
    """Whether a record's documents (and the entries it kept) are not of the shapes an import writes: the
    conference and the programme a mapping (the programme's days one each), the abstracts, tutorials and posters
    a list of mappings (an abstract and a tutorial with an id); its options a mapping of --kinds and --map (each of
    texts) and a --timezone (a text, or none)."""
    options = record.get("options", {})
    if not isinstance(options, dict) or not all(
            isinstance(options.get(name) or {}, dict)
            and all(isinstance(k, str) and isinstance(v, str) for k, v in (options.get(name) or {}).items())
            for name in ("kinds", "columns")) or not isinstance(options.get("timezone") or "", str):
        return True
    kept = record.get("kept") if isinstance(record.get("kept"), dict) else {}
    for name, value in [*record["documents"].items(), *((n, v) for n, v in kept.items() if n != "programme.yaml")]:
        if name in ("conference.yaml", "programme.yaml"):
            days = value.get("days") or [] if isinstance(value, dict) else None
            if not isinstance(days, list) or not all(isinstance(day, dict) for day in days):
                return True
        elif name in ("abstracts.yaml", "tutorials.yaml", "posters.yaml"):
            if not isinstance(value, list) or not all(isinstance(e, dict) and (name == "posters.yaml" or "id" in e)
                                                      for e in value):
                return True
    return False


def _fingerprints(folder: Path, files: dict[str, bytes], pristine: set[str]) -> dict[str, str]:
    """Data file -> the SHA-256 of its text, for the files that hold exactly what the import writes (no hand
    edit in them): a later update that finds one unchanged writes it anew, as a new import would."""
    out = {}
    for name in sorted(pristine):
        data = files.get(name)
        if data is None:
            try:
                data = (folder / name).read_bytes() if (folder / name).is_file() else None
            except OSError:
                data = None
        if data is not None:
            out[name] = hashlib.sha256(data).hexdigest()
    return out


def _record_bytes(source: Path, imported: Imported, documents: dict, options: Options, kept: dict,
                  written: dict) -> bytes:
    record = {
        "booklet-import": RECORD_VERSION,
        "note": "What 'booklet import' wrote from the source, for 'booklet import --update'; do not edit.",
        "source": source.name,
        "format": imported.format,
        "options": {"kinds": dict(options.kinds), "columns": dict(options.columns), "timezone": options.timezone,
                    **({"timetable": str(Path(options.timetable).absolute())} if options.timetable else {}),
                    **({"first_day": options.first_day.isoformat()} if options.first_day else {})},
        **({GUESSED: imported.guessed} if imported.guessed else {}),  # (lint warns while a value stays so)
        "documents": documents,
        "kept": kept,  # entries the source dropped that the folder keeps (see merge.Merged.kept)
        "files": written,  # SHA-256 of each data file as written: unchanged since means nobody edited it
    }
    return (json.dumps(record, ensure_ascii=False, indent=1, default=str, sort_keys=False) + "\n").encode()


def _with_recorded(options: Options, recorded: dict, path: Path) -> tuple[Options, list[str]]:
    """The options of this run, those not given taken from the earlier import's record `path` (and said which);
    Refused, naming the record and its key, for a recorded time zone there is none of (the record edited by hand:
    the --timezone it names is not the user's, who is told how to give one)."""
    reused = []
    kinds = {**(recorded.get("kinds") or {}), **options.kinds}
    if set(kinds) - set(options.kinds):
        reused.append("--kinds " + ",".join(f"{k}={v}" for k, v in kinds.items() if k not in options.kinds))
    columns = {**(recorded.get("columns") or {}), **options.columns}
    if set(columns) - set(options.columns):
        reused.append("--map " + ",".join(f"{k}={v}" for k, v in columns.items() if k not in options.columns))
    timezone = options.timezone or recorded.get("timezone")
    if timezone and not options.timezone:
        problem = zone_problem(timezone)
        if problem is not None:
            raise Refused(f"{path}: options.timezone: {problem} (the earlier import's --timezone, as recorded: "
                          "give --timezone to import with another)")
        reused.append(f"--timezone {timezone}")
    timetable, first_day = options.timetable, options.first_day
    if timetable is None and isinstance(recorded.get("timetable"), str):  # (its days' date with it)
        timetable = Path(recorded["timetable"])
        reused.append(f"--timetable {timetable}")
        if first_day is None and isinstance(recorded.get("first_day"), str):
            try:
                first_day = dt.date.fromisoformat(recorded["first_day"])
            except ValueError:
                first_day = None
            else:
                reused.append(f"--first-day {first_day}")
    return replace(options, kinds=kinds, columns=columns, timezone=timezone, timetable=timetable,
                   first_day=first_day), reused


# -- updating ------------------------------------------------------------------------------------

def _merged(folder: Path, record: dict, documents: dict, prune: bool, aliases: dict):
    names = [n for n in DATA_FILES if os.path.lexists(folder / n)]
    if (folder / "abstracts").is_dir():
        names += [f"abstracts/{p.name}" for p in matching(folder / "abstracts", "*.yaml")]
    current, raw = {}, {}
    for name in names:
        path = folder / name
        problem = not_a_file(path)
        if problem:
            raise Refused(f"{path} {problem}")
        try:
            raw[name] = path.read_bytes()
            current[name] = raw[name].decode("utf-8-sig")
        except UnicodeDecodeError:
            raise Refused(f"{path} is not UTF-8 text; fix it (booklet check shows where), then update") from None
    # a file saved with Windows (or old Mac) line ends is updated as it is written: its lines end so after, all of them
    ends = {name: "\r\n" if "\r\n" in text else "\r" if "\r" in text else "\n" for name, text in current.items()}
    current = {name: text.replace("\r\n", "\n").replace("\r", "\n") for name, text in current.items()}
    try:
        fingerprints = record.get("files") if isinstance(record.get("files"), dict) else {}
        untouched = {name for name, text in current.items()
                     if fingerprints.get(name) == hashlib.sha256(text.encode()).hexdigest()}
        merged = merge(current, _base(record), documents, prune,
                       lambda name, value: render(name, value, file_for(name)), untouched, aliases)
    except Unreadable as exc:
        raise Refused(f"{folder}/{exc}") from None
    except (TypeError, AttributeError, KeyError, ValueError):  # deeper in the record than _damaged looks
        raise Refused(f"{folder / IMPORT_RECORD} {RECORD_DAMAGED}; {RECORD_NEEDED}") from None
    files = {}
    for name, text in merged.texts.items():
        if name in raw and text == current[name]:
            files[name] = raw[name]  # nothing to change: the file as it is, byte for byte (its BOM, its line ends)
        else:
            bom = b"\xef\xbb\xbf" if raw.get(name, b"").startswith(b"\xef\xbb\xbf") else b""
            files[name] = bom + text.replace("\n", ends.get(name, "\n")).encode()
    return files, merged.changes, merged.removed, merged.kept, merged.pristine, merged.documents


def _base(record: dict) -> dict:
    """What the earlier imports wrote: the last one's documents, and what earlier ones wrote that the source
    has dropped since but the folder kept."""
    base = {name: value for name, value in record["documents"].items()}
    kept = record.get("kept") if isinstance(record.get("kept"), dict) else {}
    for name, entries in kept.items():
        if not isinstance(entries, list):
            continue
        if name == "programme.yaml":
            programme = dict(base.get(name) or {"days": []})
            programme["days"] = list(programme.get("days") or []) + [
                {"date": k["date"], "items": [k["item"]]} for k in entries if isinstance(k, dict) and "item" in k]
            base[name] = programme
        else:
            base[name] = list(base.get(name) or []) + entries
    return base


# -- checking before publishing -----------------------------------------------------------------

@contextmanager
def _staged(folder: Path, files: dict[str, bytes], removed: list[str]):
    """A temporary folder beside `folder` that looks as `folder` will: its other files linked, `files` written."""
    parent, prefix = folder.absolute().parent, f".{folder.name[:60]}.import-"
    _swept_stagings(parent, prefix)
    try:  # beside the folder when its parent exists (a new folder's files name no other file)
        staging = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    except OSError:
        staging = Path(tempfile.mkdtemp(prefix="booklet-import-"))
    try:
        _mirror(folder, staging, set(files) | set(removed))
        for name, data in files.items():
            target = staging / name
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.is_symlink():
                target.unlink()
            target.write_bytes(data)
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


_STAGING_RANDOM = re.compile(r"[a-z0-9_]{8}")  # what tempfile.mkdtemp puts after the prefix


def _swept_stagings(parent: Path, prefix: str) -> None:
    """Remove the staging folders of `parent` (named `prefix` and mkdtemp's random part) that an import killed
    outright (by the system, short of memory: no `finally`, while it checked the data) left there, written more than
    atomic.ABANDONED seconds ago: no import lasts an hour, and a newer one may be a live import's."""
    swept_in(parent, lambda name: name.startswith(prefix) and _STAGING_RANDOM.fullmatch(name, len(prefix)),
             folders=True)


def _mirror(folder: Path, staging: Path, replaced: set[str], prefix: str = "") -> None:
    """Link every entry of `folder` into `staging`, but for the paths in `replaced` (and the folders holding them)."""
    if not folder.is_dir():
        return
    for entry in sorted(os.listdir(folder)):
        name = f"{prefix}{entry}"
        if name in replaced:
            continue
        if any(r.startswith(name + "/") for r in replaced):
            (staging / entry).mkdir(exist_ok=True)
            _mirror(folder / entry, staging / entry, replaced, name + "/")
            continue
        os.symlink((folder / entry).absolute(), staging / entry)


# -- cleaning what readers give ------------------------------------------------------------------

_NOT_YAML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ufffe\uffff\ud800-\udfff]")
_ONE_LINE = {"id", "title", "name", "time", "talk", "tutorial", "session", "room", "chair", "short_title",
             "venue", "kind", "author", "url", "language", "place"}


def clean(value, key: str | None = None):
    """The documents as booklet can hold them: no control characters (booklet refuses them; YAML cannot
    write some), line breaks as \\n, no trailing spaces, one-line values on one line, no empty values; text in
    Unicode's composed form, NFC (a source's decomposed "Zu\u0308rich" and another's "Zürich" are one name)."""
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            v = clean(v, k)
            if v is not None and v != "" and v != []:
                out[k] = v
        return out
    if isinstance(value, (list, tuple)):
        return [v for v in (clean(v, key) for v in value) if v is not None and v != ""]
    if isinstance(value, str):
        text = unicodedata.normalize("NFC", value)
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
        text = _NOT_YAML.sub("", text)
        if key in _ONE_LINE:
            return collapse(text)
        return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n").strip()
    return value
