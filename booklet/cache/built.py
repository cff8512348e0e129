"""A finished build (`booklet build`, a rebuild of `booklet watch`, the library's) -> a note in the disk cache of
what it was built from and where its PDF went; and back: a later command that would build the very same booklet
(`booklet proofs`) takes that PDF instead.

A LOC builds the booklet, looks at it, then makes the speakers' proofs: without this note, proofs built the
same booklet a second time. (A build of the very same inputs also takes the note's warnings rather than lint the
data again: warnings_of.) Beside it, a build keeps what reading the folder gave (the model and reading's
warnings: kept_read), for the next command that reads the very same data, whatever its options: proofs after
a build, a build at another size or with bleed, the same build again (read_of). The note (one per data
folder: its last build) holds

- `inputs`: the key of everything the PDF is made from: booklet's code (persisted.stamp) and resources,
  the libraries installed (their distributions' names and versions), the options and page size, and each
  data file of the contract present in the folder (its name and the hash of its bytes);
- `sources`: the other files the data names, read by the build: images and the theme's fonts, and the
  fonts' folders (path and identity: inode, size, modification and change times; a file written since has
  another change time, whatever its modification time says);
- the PDF: its path and identity, so that a file changed or replaced since is not taken;
- what the build told its caller: pages, anchors, warnings; and how many processes laid it out (a build in
  parts is not the same bytes as one in one process, nor as one in another number of parts).

The key is taken before the build reads anything, and the data files' identities with it: the note is kept
only when those are the same once the PDF is written, and no source changed after the build started. It is
used only when the key taken again now is the same, every source is as it was, and the PDF is still the file
the build wrote, before and after it is read. (What escapes this: a file written twice within one tick of the
file system's clock, a few milliseconds, as the build starts, to the same size; make's checks share the limit.)
The disk cache off (BOOKLET_CACHE=off): no note, every command builds.
"""

from __future__ import annotations

import os
import pickle
import stat
import time
from collections import namedtuple
from dataclasses import fields, is_dataclass, replace
from functools import cache
from pathlib import Path

from . import disk

KIND = "built"
_PACKAGE = Path(__file__).resolve().parent.parent


# (collections' named tuples, not dataclasses nor typing's: the quickest to define, on every build's path)
Built = namedtuple("Built", "inputs sources output output_identity pages anchors warnings page_size jobs rest data",
                   defaults=(None, None))
Built.__doc__ = """The note of a build (see the module's docstring): the key of its inputs, its sources' (path, identity),
its PDF's path and identity, its pages, anchors and warnings, its page size, the processes that laid it out; the key
of its inputs but the data files' bytes (Inputs.rest) and the key of what its reading read (Inputs.data)."""

Found = namedtuple("Found", "output pdf pages anchors warnings page_size jobs inputs")
Found.__doc__ = """A build's PDF that can stand in for building it again: its path and bytes, what the build said, the
processes that laid it out (the caller's to compare with its own: output.parallel.jobs_that_pay), and the inputs
taken now (inputs(): what read_of takes the build's model by)."""

Inputs = namedtuple("Inputs", "key files started data rest")
Inputs.__doc__ = """inputs(): the key, each data file's (path, identity), time.time_ns() when they were taken, the key
of what reading the data depends on (the key less the options and page size), and the key of everything but the data
files' bytes (their names kept): what same_booklet compares, the data read being compared as read."""

READ = "read"  # the disk cache's kind of what reading a folder gave (kept_read)


def inputs(data_dir: Path, options, page_size: str) -> Inputs | None:
    """What a build of `data_dir` with `options` at `page_size` is made from, besides the files the data names
    (`sources`); None without a disk cache."""
    if disk.folder() is None:
        return None
    started = time.time_ns()
    folder = Path(data_dir)
    files = data_files(folder)
    code, said = code_and_said(folder)
    names = [path.relative_to(folder).as_posix() for path, _, _ in files]
    data = disk.key(READ, *code, [(name, content) for name, (_, _, content) in zip(names, files)], *said)
    printed = repr(replace(options, page_size=page_size))
    key = disk.key(KIND, data, printed)
    return Inputs(key, tuple((os.fspath(path), identity) for path, identity, _ in files), started, data,
                  disk.key(KIND, "rest", *code, *said, names, printed))


def data_files(folder: Path) -> list[tuple[Path, tuple | None, str | None]]:
    """(path, identity, hash of the bytes) of each data file of the contract present in `folder` (_file)."""
    from ..data.contract import FILES
    from ..data.load import matching

    files = []
    for spec in FILES:
        paths = matching(folder, spec.name) if "*" in spec.name else [folder / spec.name]
        files += [(path, *_file(path)) for path in paths]
    return files


def code_and_said(folder: Path) -> tuple[tuple, tuple]:
    """(booklet's code and resources and the libraries; what reading `folder` says of its files' names: misnamed
    files and folders, YAML in folders, links in a loop; and the values an import guessed, which lint warns of while
    they are unchanged: data.load.import_guesses), as the key of a build's inputs holds them."""
    from ..data.load import import_guesses, looping_links, misnamed, misnamed_folders, yaml_in_folders
    from .persisted import stamp

    looping = looping_links(folder)
    return ((stamp(), _resources(), _libraries()),
            (misnamed(folder), yaml_in_folders(folder, looping), misnamed_folders(folder), looping,
             import_guesses(folder)))


def remember(before: Inputs | None, data_dir: Path, result, jobs: int) -> None:
    """Keep the note of `result` (a BuildResult, its model still in it) of a build in `jobs` processes from `before`
    (inputs() taken before the build read anything), when no data file changed since (their identities are the same) and no
    image or font the data names was changed after the build started (it may have been read before)."""
    if before is None or result.booklet is None:
        return
    if not _files_as_taken(before):
        return _forget(data_dir)
    output = identity_of(result.output)
    if output is None:
        return _forget(data_dir)
    sources = _sources(before, result.booklet, data_dir)
    if sources is None:
        return _forget(data_dir)
    disk.store(KIND, _name(data_dir), Built(
        before.key, sources, os.fspath(Path(result.output).resolve()), output, result.pages, dict(result.anchors),
        list(result.warnings), result.page_size, jobs, before.rest, before.data))


def find(data_dir: Path, options, page_size: str) -> Found | None:
    """The PDF of the last build of `data_dir`, when it was built with `options` at `page_size` from the very inputs
    there are now, and is still as written; else None. (The caller compares the processes that laid it out.)"""
    note = disk.load(KIND, _name(data_dir), Built)
    if note is None or note.page_size != page_size:
        return None
    now = inputs(data_dir, options, page_size)
    if not _as_built(note, now):
        return None
    return _found(note, now)


def same_booklet(before: Inputs | None, data_dir: Path, booklet, warnings: list) -> Found | None:
    """The PDF of the last build of `data_dir` (and what it said), when the data read now (`booklet`, the model, and
    reading's `warnings`, read after `before` was taken) is what that build read (the model and reading's warnings
    equal to those it kept: kept_read), and everything else it was built from is as it was (`before.rest`: code,
    resources, libraries, options and page size, the data files' names; every image and font it read), and its
    PDF is still as written: the data files' bytes differ only where reading does not look (a comment added, a
    key's quotes changed), so laying the booklet out again would give that very PDF. None otherwise. Its
    `warnings` are the build's own, lint's among them, with their lines then: the caller lints again (a comment
    line moves the lines below it; lint.again takes the last lint's findings, at their lines now, by the note's
    `data`: read_alike). (The caller compares the processes that laid it out.)"""
    note = read_alike(before, data_dir, booklet, warnings)
    return _found(note, before) if note is not None else None


def read_alike(before: Inputs | None, data_dir: Path, booklet, warnings: list) -> Built | None:
    """The note of the last build of `data_dir`, when the data read now (`booklet` and reading's `warnings`, read after
    `before` was taken) is what that build read, but where values are written, and everything else it was built from
    is as it was (same_booklet's checks, but of its PDF); None otherwise. Its `data` names the data that build read:
    what the lint of that data found holds for this data too, each finding at its line now (lint.again)."""
    if before is None:
        return None
    note = disk.load(KIND, _name(data_dir), Built)
    if note is None or note.rest is None or note.rest != before.rest or not _unchanged(note.sources):
        return None
    kept = disk.load(READ, _name(data_dir), tuple, lasts=False)
    if kept is None or len(kept) != 3 or kept[0] != note.data or not isinstance(kept[2], bytes):
        return None
    try:
        with disk.uncollected():
            then = pickle.loads(kept[2])
        if not (isinstance(then, tuple) and len(then) == 2 and then[1] == warnings and _alike(then[0], booklet)):
            return None
    except Exception:  # noqa: BLE001 - damaged, or a value that cannot be compared: built anew
        return None
    return note


def found_of(note: Built, now: Inputs) -> Found | None:
    """What the build `note` (read_alike's) tells of said and made, its PDF read, with `now`, the inputs taken, when
    that PDF is still as written; else None."""
    return _found(note, now)


def _found(note: Built, now: Inputs) -> Found | None:
    """What the build `note` tells of said and made, its PDF read (with `now`, the inputs taken), when that PDF is
    still as written; else None."""
    pdf = pdf_as_written(note.output, note.output_identity)
    if pdf is None:
        return None
    return Found(Path(note.output), pdf, note.pages, dict(note.anchors), list(note.warnings), note.page_size,
                 note.jobs, now)


def _alike(one, other) -> bool:
    """Whether two models (or parts of them) are equal in every field, those left out of their `==` too (a session's
    chairs left out give it an anchor: layout.common.chaired_sessions), but where a value is written (`source`,
    the data's line: never printed; warnings are made again). Values of other types compared as `==` does, of the
    same type only (1 is not 1.0, nor True). (Each class's fields named once: _compared; a 500-talk model took 0.05 s
    of CPU through dataclasses.fields and a generator per value.)"""
    kind = type(one)
    if kind is not type(other):
        return False
    if kind is str:
        return one == other
    names = _compared(kind)
    if names is not None:
        for name in names:
            if not _alike(getattr(one, name), getattr(other, name)):
                return False
        return True
    if isinstance(one, (tuple, list)):
        return len(one) == len(other) and all(map(_alike, one, other))
    if isinstance(one, dict):
        return one.keys() == other.keys() and all(_alike(value, other[key]) for key, value in one.items())
    return one == other


@cache
def _compared(kind: type) -> tuple[str, ...] | None:
    """The fields _alike compares of a value of class `kind`: a dataclass's, but `source` where its `==` leaves it
    out; None for a class that is no dataclass."""
    if not is_dataclass(kind):
        return None
    return tuple(kept.name for kept in fields(kind) if kept.compare or kept.name != "source")


def pdf_as_written(path, identity: tuple | None) -> bytes | None:
    """The bytes of the PDF at `path`, when it is still the file that had `identity` (identity_of, taken once it was
    written: a note's, proofs' of the booklet they built) before and after it is read; else None."""
    if identity is None:
        return None
    try:
        with open(path, "rb") as file:
            if disk.identity(os.fstat(file.fileno())) != identity:
                return None
            pdf = file.read()
            unchanged = disk.identity(os.fstat(file.fileno())) == identity
        if not unchanged or len(pdf) != identity[1]:
            return None
    except OSError:
        return None
    if identity_of(path) != identity:  # replaced while read
        return None
    return pdf


def warnings_of(before: Inputs | None, data_dir: Path) -> list | None:
    """The warnings the last build of `data_dir` reported, when it was built from the inputs `before` names (taken by
    the build under way before it read anything: options and page size among them) and every image and font it read
    is as it was, as find() checks them (its PDF need not be there): the same data read and linted again gives the
    same warnings, so the build takes these and does not lint. None otherwise."""
    if before is None:
        return None
    note = disk.load(KIND, _name(data_dir), Built, lasts=False)  # (read while the build's objects are alive)
    return list(note.warnings) if note is not None and _as_built(note, before) else None


def kept_read(before: Inputs | None, data_dir: Path, booklet, warnings: list) -> None:
    """Keep what reading `data_dir` gave (`booklet`, the model, and reading's `warnings`), read from the data `before`
    names (inputs(), taken before it was read), for read_of: when no data file changed since and no image or font
    the data names was changed after `before` was taken (it may have been read before)."""
    if before is None or not _files_as_taken(before):
        return
    sources = _sources(before, booklet, data_dir)
    if sources is not None:
        disk.store(READ, _name(data_dir), make=lambda: (before.data, sources, pickle.dumps(
            (booklet, warnings), protocol=pickle.HIGHEST_PROTOCOL)))


def read_of(before: Inputs | None, data_dir: Path) -> tuple | None:
    """(the model, reading's warnings) that reading `data_dir` gave last (kept_read), when it read the very data
    `before` names (the same data files, booklet's code and resources, the libraries), and every image and font
    the data names is as it was then: reading the same data again gives the same (a copy, unpickled). None
    otherwise. (Reading sets the fonts the model's theme names: the caller sets them, text.fonts.use_fonts.)"""
    if before is None:
        return None
    kept = disk.load(READ, _name(data_dir), tuple)
    if kept is None or len(kept) != 3 or kept[0] != before.data or not isinstance(kept[2], bytes):
        return None
    try:
        if not _unchanged(kept[1]):
            return None
        with disk.uncollected(to_the_end=True):  # as reading is (check.read): many objects, few cycles, the model
            found = pickle.loads(kept[2])
    except Exception:  # noqa: BLE001 - damaged: read anew
        return None
    return found if isinstance(found, tuple) and len(found) == 2 else None


def _files_as_taken(before: Inputs) -> bool:
    """Whether every data file has the identity it had when `before` was taken (what was read is what was hashed)."""
    return all(identity_of(path) == identity for path, identity in before.files)


def _sources(before: Inputs, booklet, data_dir: Path) -> tuple | None:
    """The files the data names that reading and building read (images, the theme's fonts and their folders: a
    face added beside a font joins its family), each with its identity, and each name the data writes for one of
    them with the file it led to (a link since pointed elsewhere leads to another file: _unchanged); None when one
    of them changed after `before` was taken (its change time: it may have been read before)."""
    from ..data.theme import font_files
    from ..text.fonts import parsed_identity

    found = source_identities(booklet, data_dir)
    if found is None:
        return None
    sources, names = found
    fonts = font_files(booklet.theme)
    # one gone since it was read, or changed after `before`; or a font this process parsed before it was replaced
    # (a watch's process parses a font file once: it drew with the old one)
    if any(identity is None or identity[3] >= before.started for _, identity in sources) or any(
            parsed_identity(path) not in (None, identity_of(path)) for path in fonts):
        return None
    return sources + names


def source_identities(booklet, data_dir: Path) -> tuple[tuple, tuple] | None:
    """(each file the data names and reading and building read, with its identity: images, the theme's fonts and their
    folders; each name the data writes for one of them, with the file it led to), as _sources keeps them; None when
    one cannot be told (a folder unreadable, a link in a loop)."""
    from ..data.theme import font_files

    try:
        fonts = font_files(booklet.theme)
        paths = sorted({os.fspath(Path(p).resolve()) for p in booklet.image_sources}
                       | {os.fspath(p) for p in fonts}
                       | {os.fspath(p.parent) for p in fonts})
        sources = tuple((path, identity_of(path)) for path in paths)
        root = Path(data_dir).resolve()
        names = tuple((os.fspath(root / name), (LEADS_TO, os.fspath(path))) for name, path in booklet.named_files)
    except (OSError, RuntimeError):  # a folder unreadable now, a link in a loop: nothing to stand for
        return None
    return sources, names


LEADS_TO = "leads to"  # a source that is a name the data writes: the path it led to, links followed


def _unchanged(sources: tuple) -> bool:
    """Whether every file of `sources` (_sources) has the identity it had, and every name leads where it led."""
    try:
        for path, identity in sources:
            if isinstance(identity, tuple) and identity[:1] == (LEADS_TO,):
                if os.fspath(Path(path).resolve()) != identity[1]:
                    return False
            elif identity_of(path) != identity:
                return False
    except (OSError, RuntimeError):  # a link in a loop: not as it was
        return False
    return True


def _as_built(note: Built, now: Inputs | None) -> bool:
    """Whether the build `note` tells of was made from the inputs `now` names (the same key), and every image and
    font it read is as it was."""
    return now is not None and note.inputs == now.key and _unchanged(note.sources)


def _forget(data_dir: Path) -> None:
    """No note for the folder: its last build's may name the PDF just replaced, made of other inputs."""
    disk.store(KIND, _name(data_dir), None)


def _name(data_dir: Path) -> str:
    return disk.key(KIND, os.path.realpath(data_dir))  # (Path.resolve raised RuntimeError for a link in a loop)


def _file(path: Path) -> tuple:
    """(identity, hash of the bytes) of a regular file; (None, None) when absent; (identity, what it is) when not a
    regular file (a FIFO is not opened: reading one would wait) or a link to no file."""
    try:
        info = os.stat(path)
    except OSError:
        try:  # a link that leads nowhere (or in a loop) is not an absent file: reading reports it
            return disk.identity(os.lstat(path)), "a link that leads to no file"
        except OSError:
            return None, None
    if not stat.S_ISREG(info.st_mode):
        return disk.identity(info), f"not a regular file: {stat.S_IFMT(info.st_mode)}"
    try:  # kept by the file's identity, as a build's own hashes are (memory.BuildCache.file_digest)
        return disk.identity(info), disk.kept_file_digest("file", path, info)
    except OSError as exc:
        return disk.identity(info), f"unreadable: {exc.errno}"


def identity_of(path) -> tuple | None:
    """The file's identity (disk.identity: inode, size, modification and change times); None when there is none."""
    try:
        return disk.identity(os.stat(path))
    except OSError:
        return None


@cache
def _resources() -> tuple:
    """booklet's resources (fonts, base theme, label tables ...): each file's name and identity; once per
    process, as booklet's code is (persisted.stamp)."""
    found = []
    for folder, dirs, names in os.walk(_PACKAGE / "resources"):
        dirs.sort()
        for name in sorted(names):
            path = os.path.join(folder, name)
            found.append((os.path.relpath(path, _PACKAGE), identity_of(path)))
    return tuple(found)


@cache
def _libraries() -> tuple:
    """The distributions installed where Python installs them (their folders' names hold their versions); once
    per process, as the libraries' code is loaded once."""
    import site
    import sysconfig

    paths = sysconfig.get_paths()
    folders = dict.fromkeys([paths["purelib"], paths["platlib"]]
                            + ([site.getusersitepackages()] if site.ENABLE_USER_SITE else []))
    found = []
    for folder in folders:
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        found.append((folder, tuple(sorted(name for name in names if name.endswith((".dist-info", ".egg-info"))))))
    return tuple(found)
