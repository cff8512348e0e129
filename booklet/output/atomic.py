"""A file to (re)write -> a temporary file beside it, renamed into place only when complete; several files
-> published together, or none of them.

Every output of booklet goes through here. A failure leaves each target as it was and no temporary
file behind, and an OSError about a temporary file is re-raised naming the file it stood for, so
that messages name what the user asked for (`booklet.pdf`), never `.booklet.pdf.x1y2.part`.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import shutil
import stat
import time
from collections.abc import Callable, Iterable, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path

TEMP_NAME_BYTES = 120  # of the target's name kept in a temporary file's name: it must fit in 255 bytes too


def cannot_write(exc: OSError, target) -> str:
    """What `booklet: cannot write ...` says of `exc`, raised writing `target`: the file it names and the system's
    words, but for a folder on its way that is a symbolic link in a loop ("Not a directory", "Too many levels of
    symbolic links"), said as a data folder that is one is (data.validate): "not a folder: it is a symbolic link in a
    loop"."""
    path = exc.filename or target
    if path is not None and exc.errno in (errno.ELOOP, errno.ENOTDIR, errno.EEXIST):  # (EEXIST: made as a folder)
        from ..paths import LOOPING, not_a_file

        path = Path(os.fspath(path))
        for folder in (*reversed(path.parents), path):
            if os.path.islink(folder) and not_a_file(folder) == LOOPING:
                return f"cannot write {path}: {folder}: not a folder: it {LOOPING}"
        if exc.errno == errno.ENOTDIR and (file := file_in_the_way(path)) is not None:  # (`-o notes.txt/x.pdf`: the
            return f"cannot write {path}: {file} is a file, not a folder"  # system's words were "Not a directory")
    return f"cannot write {path}: {exc.strerror or exc}"


def file_in_the_way(path: Path) -> Path | None:
    """The nearest of the folders `path` would be written in that is a file (not a folder), or None."""
    return next((folder for folder in Path(path).parents if folder.is_file()), None)


def replaceable(target: Path) -> None:
    """An OSError naming `target` when renaming a file over it would do harm: a device (/dev/null: renaming over it
    removes the device, for every program of the machine), a pipe or a socket (another program reads it) or a
    regular file that is read-only (no one may write it; a rename would get round that). What is not there and a
    regular file are left to the rename (a link too: replaced, what it names untouched, where files are published
    together; a single output is written through a link: see through_links)."""
    try:
        info = os.lstat(target)
    except OSError:
        return
    if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode):
        raise OSError(errno.EINVAL, "it is a device, not a file; booklet writes its output to a file",
                      os.fspath(target))
    if stat.S_ISFIFO(info.st_mode) or stat.S_ISSOCK(info.st_mode):
        raise OSError(errno.EINVAL, "it is a pipe or a socket, not a file; booklet writes its output to a file",
                      os.fspath(target))
    if stat.S_ISREG(info.st_mode) and not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise PermissionError(errno.EACCES, "the file is read-only", os.fspath(target))


def refuse_no_pdf(outputs: Iterable[Path], example: str = "booklet.pdf") -> None:
    """problems.Refused when one of `outputs` (PDFs to write) is a file, or a link to one, with something in it that is
    no PDF (no `%PDF-` in its first 1,024 bytes, where a PDF has it): `build -o abstracts.csv`, a slip of the shell's
    completion, replaced the spreadsheet with the booklet. An earlier PDF, an empty file and what is not there are
    left to the command; so is what cannot be read (its own message)."""
    from ..problems import Refused

    for output in outputs:
        output = Path(output)
        if not os.path.isfile(output):  # (not there, a folder, a device, a pipe: not opened here, where a pipe waits)
            continue
        try:
            with open(output, "rb") as file:
                start = file.read(1024)
        except OSError:
            continue
        if start and b"%PDF-" not in start:
            other = output.with_suffix(".pdf")
            other = output.with_name(example) if other.exists() else other
            if other == output or other.exists():  # (never the name refused: "-o booklet.pdf", "like: booklet.pdf")
                other = output.with_name(f"{Path(example).stem}-2.pdf")
            what = (f"a link to {os.path.realpath(output)}, a file that is not a PDF" if os.path.islink(output) else
                    "a file, and not a PDF")  # (the link's file is what would be replaced: named)
            raise Refused(f"will not write {output}: it is {what}, which booklet would replace; give another name, "
                          f"like: {other}")


def through_links(target: Path) -> Path:
    """`target`, or, when it is a link, the file the link names (at the end of its chain): output is written through
    a link, which stays (`booklet.pdf -> ../shared/booklet.pdf` keeps its link; `-o /dev/stdout`, a link to the
    terminal or a pipe, is then refused as what it names)."""
    target = Path(target)
    if not os.path.islink(target):
        return target
    try:
        named = os.stat(target)  # (what the link names, followed: a pipe behind /dev/stdout has no path of its own)
    except OSError:
        named = None
    if named is not None and not stat.S_ISREG(named.st_mode) and not stat.S_ISDIR(named.st_mode):
        raise OSError(errno.EINVAL, "it is a link to a device, a pipe or a socket, not to a file; booklet writes its "
                      "output to a file", os.fspath(target))
    return Path(os.path.realpath(target))


def temporary_beside(target: Path, suffix: str = ".part", folder_there: bool = False) -> Path:
    """An empty temporary file in `target`'s folder (made when missing; `folder_there`: the caller has seen it there
    already), hidden, named after it; an OSError for a target that is not to be replaced (see replaceable)."""
    target = Path(target)
    replaceable(target)
    if not folder_there:
        _folder_made(target)
    handle, name = made_new(_temporary_name(target, suffix), target, suffix)
    os.close(handle)
    return Path(name)


def _folder_made(target: Path) -> None:
    """`target`'s folder, made when missing; NotADirectoryError naming `target` when a file is in its way."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:  # a file where the folder should be
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), os.fspath(target)) from None


def _temporary_name(target: Path, suffix: str = ".part") -> str:
    """A new name for a temporary file beside `target` (`.<name>.<random><suffix>`, see temporary_beside)."""
    return os.path.join(os.path.dirname(target), f".{_cut(os.path.basename(target), TEMP_NAME_BYTES)}."
                                                 f"{secrets.token_hex(4)}{suffix}")


def made_new(name: str, target: Path, suffix: str = ".part") -> tuple[int, str]:
    """(a descriptor open for writing, the file's name) of a new, empty file made now at `name` (from Together.later,
    or temporary_beside's) to write `target`'s content into: made and opened at once (never someone else's, never
    through a link). When `name` is taken meanwhile (another process's file of that random name), another name beside
    `target` is made: the caller tells the Together (Together.made_as). An OSError names `target`."""
    for _ in range(100):
        _MADE.add(name)  # before it is made: from here on, a Ctrl-C or SIGTERM leaves it to left_behind
        try:  # the permissions a new file gets (0o666 less the umask), so publishing need not change them
            return os.open(name, _NEW, 0o666), name
        except FileExistsError:  # someone else's
            _MADE.discard(name)
            name = _temporary_name(target, suffix)
        except OSError as exc:
            _MADE.discard(name)
            exc.filename, exc.filename2 = os.fspath(target), None
            raise
    raise FileExistsError(errno.EEXIST, "no unused temporary file name", os.fspath(target))


_MADE: set[str] = set()  # the temporary files this process made, less those it renamed (see done_with)


def done_with(temp: Path) -> None:
    """`temp` (from temporary_beside) was renamed into its place: nothing of it is left to remove."""
    _MADE.discard(os.fspath(temp))


def left_behind() -> None:
    """Remove every temporary file this process made that is still there: those of a command stopped by Ctrl-C or
    SIGTERM at any point, even between making a file and the block that removes it on failure (the command line
    calls this as its process ends). Only the process that runs the command calls it: a forked process (a worker)
    ends without it, and removes its own files itself (output.parallel's discard_part)."""
    for name in sorted(_MADE):
        try:
            os.unlink(name)
        except OSError:
            pass
    _MADE.clear()


ABANDONED = 3600  # seconds: a temporary file written this long ago was left by a stopped process (cache.disk's too)


def swept_beside(target: Path) -> None:
    """Once a process and target: the temporary files a process stopped outright (killed by the system, short of
    memory: no `finally`, no left_behind) left beside `target` more than ABANDONED seconds ago, removed: those named
    after it as temporary_beside names them (`.<name>.<random>.part`, `.old`, `.full.pdf`) and the parts of a build in
    parts (`.<name>.part<i>`: output.parallel); nothing else. No build lasts an hour, and none holds its temporary
    files longer than it lasts (a watch's come and go with each rebuild): a newer one may be a live process's."""
    swept_beside_each([target])


def swept_beside_each(targets: Iterable[Path]) -> None:
    """swept_beside's sweep for each of `targets` (a folder of proofs, their PNGs and manifest; an import's data
    files; an imposed PDF), each folder read once for all of its targets (a conference's 1,900 proofs in one folder),
    each target once a process."""
    folders: dict[str, set[str]] = {}
    real: dict[str, str] = {}
    for target in targets:
        folder, name = _real_path(target, real)  # (through a link: where its temporary files are, see replacing)
        if (folder, name) not in _SWEPT:
            _SWEPT.add((folder, name))
            folders.setdefault(folder, set()).add(name)
    for folder, names in folders.items():
        cut = {_cut(name, TEMP_NAME_BYTES) for name in names}
        swept_in(Path(folder), lambda name, names=names, cut=cut: _left_by(name, names, cut))


def _real_path(target, folders: dict[str, str]) -> tuple[str, str]:
    """os.path.realpath(target), split into its folder and name, the folder resolved once for all the targets in it
    (`folders`, filled as they come): a file that is a link is resolved whole. (realpath looks up every folder above
    each file: 1,900 proofs in one folder, swept twice a run, cost 19,000 lstat calls.)"""
    target = os.fspath(target)
    folder, name = os.path.split(target)
    if name in ("", ".", "..") or os.path.islink(target):
        return os.path.split(os.path.realpath(target))
    real = folders.get(folder)
    if real is None:
        real = folders[folder] = os.path.realpath(folder or ".")
    return real, name


_SWEPT: set[tuple[str, str]] = set()  # the targets swept_beside_each has swept in this process (folder, name)
_LEFT = re.compile(r"\.(.+)\.[0-9a-f]{8}(?:\.part|\.old|\.full\.pdf)")  # temporary_beside's: .<name>.<random><suffix>
_PARTS = re.compile(r"\.(.+)\.part[0-9]+")  # output.parallel's: .<name>.part<i>


def _left_by(name: str, names: set[str], cut: set[str]) -> bool:
    """Whether the file `name` is a temporary file of one of `names` (`cut`: those names as temporary_beside cuts
    them)."""
    if not name.startswith("."):
        return False
    found = _LEFT.fullmatch(name)
    if found is not None and found[1] in cut:
        return True
    found = _PARTS.fullmatch(name)
    return found is not None and found[1] in names


def abandoned(path: Path) -> bool:
    """Whether `path` is a temporary file (temporary_beside's `.<name>.<random>.part`, of any name) written more than
    ABANDONED seconds ago: one a stopped process left, that swept_beside removes (a first import killed while it
    published left only these in its new folder, which the next import took for the LOC's files)."""
    if _LEFT.fullmatch(path.name) is None:
        return False
    try:
        found = path.lstat()
    except OSError:
        return False
    return stat.S_ISREG(found.st_mode) and found.st_mtime < time.time() - ABANDONED  # (as swept_in removes: files)


def swept_in(folder: Path, named: Callable[[str], object], left: Callable[[Path], bool] | None = None,
              age: float = ABANDONED, *, folders: bool = False) -> None:
    """Remove the files of `folder` (not a folder, nor a link) written more than `age` seconds ago that a stopped
    process left: those `named` (by their name alone) is true of, and, of the others as old, those `left` (by their
    path: asked of those files alone) is. (swept_beside's sweep, and cache.disk.swept's.) `folders`: its folders (not
    a link) instead, each removed with what it holds (a link in one removed, never what it names: an import's
    staging folders)."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    before = time.time() - age
    for entry in entries:
        by_name = named(entry.name)
        if by_name or left is not None:
            with suppress(OSError):
                kind = entry.is_dir(follow_symlinks=False) if folders else entry.is_file(follow_symlinks=False)
                if kind and entry.stat(follow_symlinks=False).st_mtime < before and (by_name or left(Path(entry.path))):
                    if folders:
                        shutil.rmtree(entry.path, ignore_errors=True)
                    else:
                        os.unlink(entry.path)


_NEW = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


def publish(temp: Path, target: Path) -> None:
    """Rename `temp` (made by temporary_beside) to `target`."""
    os.replace(temp, target)
    done_with(temp)


@contextmanager
def replacing(target: Path, suffix: str = ".part"):
    """Yield a temporary path to write; on success it replaces `target` (what a link there names), on any failure
    it is removed."""
    target = through_links(target)
    temp = temporary_beside(target, suffix)
    try:
        with about_targets({temp: Path(target)}):
            yield temp
            publish(temp, Path(target))
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


@contextmanager
def scratch_beside(target: Path, suffix: str = ".part"):
    """Yield a temporary path beside `target` for an intermediate file, always removed at the end.

    An OSError about it names `target`: the file it is on its way to.
    """
    temp = temporary_beside(target, suffix)
    try:
        with about_targets({temp: Path(target)}):
            yield temp
    finally:
        temp.unlink(missing_ok=True)


def write_bytes(target: Path, data) -> None:
    """`data` (bytes, or an iterable of byte strings) into `target`, replacing it only once completely written."""
    with replacing(target) as temp, open(temp, "wb") as file:
        file.writelines([data] if isinstance(data, bytes) else data)


class Together:
    """Files published together: each is written to a temporary file beside its target first (`temp`,
    `write`); `publish` renames them all into place (and removes the files given to `remove`) only
    when every one is complete. A rename that fails part-way undoes the ones made before it, so
    the targets are all new or all as they were.
    """

    def __init__(self) -> None:
        self.temps: dict[Path, Path] = {}  # target -> its temporary file
        self.removals: list[Path] = []
        self.folders: list[Path] = []  # the folders made for the targets, outermost first
        # the folders a temporary file was made in: the next target there is not checked folder by folder again (the
        # proofs of a large conference, 1,900 files in one folder, looked up every folder above it for each)
        self.present: set[Path] = set()

    def temp(self, target: Path, suffix: str = ".part") -> Path:
        """A temporary file to write `target`'s content into (it may be written from another process)."""
        target = Path(target)
        if target in self.temps:
            raise ValueError(f"{target} is written twice")
        self._folder_ready(target)  # (a target temporary_beside refuses is there: its folder too, nothing made)
        self.temps[target] = temp = temporary_beside(target, suffix, folder_there=True)
        return temp

    def _folder_ready(self, target: Path) -> None:
        """`target`'s folder made when missing (those made noted, outermost first, for unmake_folders), once for all
        the targets in it."""
        folder = target.parent
        if folder not in self.present:
            missing = [above for above in reversed(target.parents) if not os.path.lexists(above)]
            try:
                _folder_made(target)
            finally:
                self.folders += [made for made in missing if made.is_dir()]
            self.present.add(folder)

    def folder_for(self, target: Path) -> None:
        """`target`'s folder made now when missing (and noted, as for `temp`: removed when nothing is published), for
        files a writer makes there before the targets are all known (proofs' copies made while the booklet builds)."""
        self._folder_ready(Path(target))

    def later(self, target: Path, suffix: str = ".part") -> str:
        """The name of a temporary file for `target`'s content, not yet made: the writer makes it when it writes it
        (made_new, in this process or another), so that a file is made and opened once, and no file at all when it
        is not written after all (`drop`). Its folder is made, and `target` checked (see replaceable), now."""
        target = Path(target)
        if target in self.temps:
            raise ValueError(f"{target} is written twice")
        replaceable(target)
        self._folder_ready(target)
        self.temps[target] = temp = _temporary_name(target, suffix)
        _MADE.add(temp)  # when the writer makes it (this process or another), a Ctrl-C here leaves it to left_behind
        return temp

    def made_as(self, target: Path, temp: str) -> None:
        """The writer made `target`'s temporary file (from `later`) under the name `temp` (made_new's)."""
        self.temps[target] = temp
        _MADE.add(temp)

    def write(self, target: Path, data) -> None:
        """`data` (bytes, or an iterable of byte strings) as the new content of `target`."""
        with about_targets(self.names), open(self.temp(target), "wb") as file:
            file.writelines([data] if isinstance(data, bytes) else data)

    def drop(self, target: Path) -> None:
        """`target` is not written after all: its temporary file (from `temp`) is removed now."""
        temp = self.temps.pop(Path(target), None)
        if temp is not None:
            discard_temp(temp)

    def remove(self, path: Path) -> None:
        """`path` is removed when the others are published (and stays when they are not)."""
        self.removals.append(Path(path))

    def names(self) -> dict[Path, Path]:
        """Temporary file -> the target it stands for."""
        return {temp: target for target, temp in self.temps.items()}

    def publish(self) -> None:
        found = {target: _lstat(target) for target in self.temps}
        for target, status in found.items():
            if status is not None and stat.S_ISDIR(status.st_mode):  # the usual reason a rename fails: said first
                raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), os.fspath(target))
        undo: list[tuple[Path, Path | None, bool]] = []  # (path, a copy of what it was, whether it was there)
        try:
            for target, temp in self.temps.items():
                undo.append((target, *(_set_aside(target) if found[target] is not None else (None, False))))
                publish(temp, target)
            for path in self.removals:
                if path not in self.temps and os.path.lexists(path):
                    undo.append((path, *_set_aside(path)))
                    os.unlink(path)
        except BaseException:
            for path, kept, existed in reversed(undo):
                _put_back(path, kept, existed)
            raise
        finally:
            for _, kept, _ in undo:
                if kept is not None:
                    kept.unlink(missing_ok=True)

    def discard(self) -> None:
        for temp in self.temps.values():
            discard_temp(temp)

    def unmake_folders(self) -> None:
        """Remove the folders made for the targets, innermost first, those left empty (nothing was published)."""
        for folder in reversed(self.folders):
            try:
                folder.rmdir()
            except OSError:
                pass


@contextmanager
def together():
    """Yield a Together: what is written to it is published when the block ends without an error, and
    nothing is published (every temporary file removed) when it raises. OSErrors about its temporary
    files name their targets.
    """
    files = Together()
    try:
        with about_targets(files.names):
            yield files
            files.publish()
            files.temps.clear()  # each renamed: none left to remove
    except BaseException:
        files.discard()
        files.unmake_folders()  # nothing published: no empty folder made for it stays either
        raise
    finally:
        files.discard()


def write_files(files: dict[Path, bytes]) -> None:
    """Several files written together: each to a temporary file beside it first, and only when all are
    complete renamed into place, so that a failure part-way leaves every target as it was."""
    with together() as batch:
        for target, data in files.items():
            batch.write(target, data)


def _set_aside(path: Path) -> tuple[Path | None, bool]:
    """(a hidden copy of the file at `path`, to put back if publishing fails, or None; whether there was one).

    The copy is a hard link where the file system allows it (instant, and the file stays in place).
    """
    if not os.path.lexists(path):
        return None, False
    if path.is_dir() and not path.is_symlink():
        return None, True
    for _ in range(100):
        kept = path.with_name(f".{_cut(path.name, TEMP_NAME_BYTES)}.{secrets.token_hex(4)}.old")
        try:
            os.link(path, kept, follow_symlinks=False)
            return kept, True
        except FileExistsError:
            continue
        except (OSError, NotImplementedError):
            break
    kept = temporary_beside(path, ".old")
    if path.is_symlink():
        kept.unlink()
        os.symlink(os.readlink(path), kept)
    else:
        shutil.copy2(path, kept)
    return kept, True


def _put_back(path: Path, kept: Path | None, existed: bool) -> None:
    """Undo publishing at `path`: what was there back in place, or a file that was not there removed."""
    try:
        if kept is not None:
            os.replace(kept, path)
        elif not existed and (path.is_symlink() or path.is_file()):
            path.unlink()
    except OSError:
        pass  # the error that made us undo is the one to report


@contextmanager
def about_targets(names):
    """Re-raise an OSError about one of the temporary files of `names` (temp -> target, or a callable
    giving that mapping) as being about its target (here, and for the parts a build in parts writes beside its
    output: output.parallel)."""
    try:
        yield
    except OSError as exc:
        mapping: Mapping[Path, Path] = names() if callable(names) else names
        targets = {os.path.abspath(temp): target for temp, target in mapping.items()}
        for attribute in ("filename", "filename2"):
            value = getattr(exc, attribute)
            if isinstance(value, (str, bytes, os.PathLike)):
                target = targets.get(os.path.abspath(os.fsdecode(value)))
                if target is not None:
                    setattr(exc, attribute, os.fspath(target))
        if exc.filename2 is not None and exc.filename2 == exc.filename:
            exc.filename2 = None
        raise


def _cut(name: str, limit: int) -> str:
    """`name` cut to at most `limit` bytes of UTF-8, on a character boundary."""
    return name.encode("utf-8", "surrogateescape")[:limit].decode("utf-8", "ignore")


FICLONE = 0x40049409  # Linux's ioctl making a file share another's blocks (btrfs, XFS): a copy-on-write clone


def copy_made(source, temp) -> None:
    """The temporary file `temp` made as a copy of the file `source`: its blocks shared where the file system can
    (FICLONE), else copied by the kernel (sendfile). A copy, not a link, so that a file edited in place in one
    folder (a PDF annotator, vim's default on a linked file, `>>`) leaves the other as it was. `temp` is made new
    (never a file or link already there, which is left as it is: an OSError); an OSError once it is made leaves
    no file at `temp`.

    Through bare descriptors (no Python file objects), and FICLONE not asked again of a file system that said it
    has none (_cloned): proofs copy the last run's files by the thousand (1,897 after one abstract corrected, at 500
    talks), and each buffered file, and each refused ioctl with its exception, was paid once a file."""
    original = os.open(source, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))
    try:
        made = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
                       | getattr(os, "O_BINARY", 0), 0o666)
        try:
            _filled(original, made)
        except BaseException:
            with suppress(OSError):
                os.unlink(temp)
            raise
    finally:
        os.close(original)


def copy_new(source, target, expected: Callable[[os.stat_result], bool]) -> str | None:
    """A new temporary file for `target` (made_new: beside it, named as Together.later names one) made as a copy of
    the file `source` (as copy_made copies: a clone, or the kernel's copy); its name. None, and no file made, when
    `source` cannot be opened (or is a link) or `expected` (given its os.fstat, before and after the copy) says it is
    not the file wanted (changed meanwhile: the copy is removed). An OSError once the file is made leaves none."""
    try:
        original = os.open(source, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
                           | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        if not expected(os.fstat(original)):
            return None
        made, name = made_new(_temporary_name(target), target)  # (a string or a Path: no Path made for it)
        kept = False
        try:
            _filled(original, made)
            kept = expected(os.fstat(original))  # (not written meanwhile)
        finally:
            if not kept:
                discard_temp(name)
        return name if kept else None
    finally:
        os.close(original)


def _filled(source: int, copy: int) -> None:
    """The file open as `copy` made a copy of the one open as `source` (a clone where the file system makes one, else
    the kernel's copy), and closed (descriptors; `source` is left open)."""
    try:
        if not _cloned(source, copy):
            _copied(source, copy)
    finally:
        os.close(copy)


def _copied(source: int, copy: int) -> None:
    """The bytes of the file open as `source` written into the one open as `copy` (descriptors): by the kernel
    (sendfile), or read and written where it cannot."""
    size, at = os.fstat(source).st_size, 0
    try:
        while at < size:
            sent = os.sendfile(copy, source, at, size - at)
            if not sent:
                break
            at += sent
    except (AttributeError, OSError):
        if at:
            raise
        while chunk := os.read(source, 1 << 20):  # (from the start: nothing was sent, and sendfile moves no offset)
            view = memoryview(chunk)
            while view:
                view = view[os.write(copy, view):]


_NO_CLONES: set[int] = set()  # the devices (st_dev) whose file system refused FICLONE: not asked again
_NOT_CLONING = frozenset(getattr(errno, name) for name in ("EOPNOTSUPP", "ENOTSUP", "ENOTTY", "ENOSYS")
                         if hasattr(errno, name))  # what a file system without clones says (ext4: EOPNOTSUPP)


def _cloned(source: int, copy: int) -> bool:
    """Whether the file open as `copy` was made to share the blocks of the one open as `source` (FICLONE: not on
    every system or file system). A device whose file system said it has no clones (_NOT_CLONING) is not asked
    again; one that refused for another reason (another device: EXDEV) is asked again next time."""
    try:
        import fcntl
    except ImportError:
        return False
    device = os.fstat(copy).st_dev
    if device in _NO_CLONES:
        return False
    try:
        fcntl.ioctl(copy, FICLONE, source)
    except OSError as exc:
        if exc.errno in _NOT_CLONING:
            _NO_CLONES.add(device)
        return False
    return True


def discard_temp(temp) -> None:
    """Remove the temporary file `temp` when it is there (one `later` named may never have been made)."""
    with suppress(FileNotFoundError):
        os.unlink(temp)
    done_with(temp)


def _lstat(path: Path) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except FileNotFoundError:
        return None

