"""What booklet derives from files that rarely change (parsed fonts, hyphenation patterns, images made
ready for print) <-> files in the user's cache folder, so that a new process does not
derive them again (behind the in-process cache, booklet.cache.memory: see booklet/cache/__init__.py).

Each value is stored under a kind ("fonts", "images", ...) and a key: a hash of everything the value is
derived from (the source file's bytes, the sizes asked for, the versions of the libraries that made it, and
`FORMAT`). A changed input is a new key, never a stale value; so a cached value is exactly what deriving it
again would give, and a build gives the same PDF with or without the cache. Old entries are never read again
(removing the folder is always safe).

The folder is `BOOKLET_CACHE` when set (`off` turns the cache off), else the platform's user cache folder
(platformdirs: ~/.cache/booklet on Linux). The cache never stops a build: a file that cannot be read or
unpickled, or holds something else than the caller expects, is a miss; a folder that cannot be written is no
cache. Values are pickled: the folder is the user's own, trusted as the rest of their home folder is.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import time
from contextlib import contextmanager, suppress
from functools import cache
from pathlib import Path
from typing import Callable, TypeVar

from . import checksum, digest, hasher

T = TypeVar("T")

FORMAT = 1  # bump when a cached value's shape changes
OFF = frozenset({"", "0", "off", "no", "false"})


def folder() -> Path | None:
    """The cache folder, or None when the cache is off."""
    chosen = os.environ.get("BOOKLET_CACHE")
    if chosen is not None:
        return None if chosen.strip().lower() in OFF else Path(chosen).expanduser()
    return _default_folder()


@cache
def _default_folder() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("booklet", appauthor=False))


def key(*parts) -> str:
    """A key from the parts a value is derived from (bytes, or anything with a stable repr: str, int,
    float, tuples of them)."""
    digest = hashlib.sha256(repr(FORMAT).encode())
    for part in parts:
        data = part if isinstance(part, bytes) else repr(part).encode("utf-8")
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def file_digest(path) -> str:
    """The hash of the file's bytes (booklet.cache.digest, to use as a key part); `path` is a path (read a megabyte
    at a time: a process does not hold a big file whole), or anything with read_bytes()."""
    source = Path(path) if isinstance(path, str) else path
    if not isinstance(source, Path):
        return digest(source.read_bytes())
    found = hasher()
    with open(source, "rb") as file:
        for block in iter(lambda: file.read(2**20), b""):
            found.update(block)
    return found.hexdigest()


RACY = 2 * 10**9  # nanoseconds: a file written more recently has its hash made each time (see kept_hash)


def kept_hash(kind: str, path, before: os.stat_result, make: Callable[[], str]) -> str:
    """`make()`, the hash of the file at `path` (as the caller hashes it: reading the file after `before`, its
    os.stat), kept in the cache folder under `kind` and the file's identity, so that a later process does not
    read and hash the same bytes again (the bundled fonts: 6 MB, 4 % of a small build from a filled cache; a
    conference's photos). Not kept when the file changed while it was read, nor while its change time is
    recent: a file written again within the same tick of the clock as before could keep its whole identity."""
    return kept_for_file("digests", kind, path, before, make, str)


def kept_file_digest(kind: str, path, before: os.stat_result) -> str:
    """The hash of the file at `path` (file_digest), kept by its identity as kept_hash keeps one (`before`: its
    os.stat, taken before it is read)."""
    return kept_hash(kind, path, before, lambda: file_digest(path))


def kept_for_file(section: str, kind: str, path, before: os.stat_result, make: Callable[[], T], expect: type) -> T:
    """`make()`, a value made from the file at `path` alone (read after `before`, its os.stat), kept in the cache
    folder under `section`, `kind` and the file's identity, as kept_hash keeps a hash (the same rules)."""
    name = key(kind, os.fspath(path), identity(before)) if folder() is not None else None
    kept = load(section, name, expect, lasts=expect is not str)  # (a hash, read mid-build: frozen, it would freeze the
    # build's objects with it; the label table is read before the build)
    if kept is not None:
        return kept
    found = make()
    try:
        if (name is not None and identity(os.stat(path)) == identity(before)
                and time.time_ns() - before.st_ctime_ns > RACY):
            store(section, name, found)
    except OSError:
        pass
    return found


def identity(info: os.stat_result) -> tuple:
    """A file's identity, from its os.stat: inode, size, modification and change times. A file written since has
    another change time, whatever its modification time was set to: the same identity, the same bytes."""
    return info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns


def _path(kind: str, name: str | None) -> Path | None:
    base = folder()
    return None if base is None or name is None else base / kind / f"{name}.pickle"


def load(kind: str, name: str | None, expect: type | tuple[type, ...] = object, *, lasts: bool = True):
    """The value stored under `kind` and `name` when it is an `expect`; else None (nothing stored, the
    cache off, a damaged file, or a value of another type; name None: no key, nothing to look up).
    `lasts`: unpickled as a value that lasts (see `lasting`: everything alive then is frozen with it); False
    for a value read while the build's own objects are alive (an image, the hyphenation patterns: frozen with it,
    those that become garbage in a reference cycle would never be collected). A missing or unreadable file freezes
    nothing."""
    path = _path(kind, name)
    if path is None:
        return None
    try:
        file = open(path, "rb")  # noqa: SIM115  (closed below)
    except OSError:  # missing or unreadable: a miss, and nothing to freeze (see lasting)
        return None
    try:
        with file, lasting() if lasts else uncollected():
            value = pickle.load(file)
    except Exception:  # noqa: BLE001  truncated or not a pickle: a miss
        return None
    return value if isinstance(value, expect) else None


@contextmanager
def uncollected(to_the_end: bool = False):
    """The cyclic garbage collector paused inside the block (for work that makes many objects that live on
    and few cycles: collecting meanwhile only costs time). `to_the_end`: what the block made lives until the
    process ends, when it ends with its build (the model read): frozen as the block ends (alive_to_the_end)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
        if to_the_end:
            alive_to_the_end()
    finally:
        if collecting:
            gc.enable()


# the collector's thresholds inside seldom_collected: the youngest generation every 10,000 allocations, the middle one
# after 1,000 of those (10 million: not in a build of 2,000 talks in one process), the oldest after 1,000 of those
SELDOM_THRESHOLDS = (10_000, 1_000, 1_000)


@contextmanager
def seldom_collected():
    """The cyclic garbage collector run seldom inside the block: its youngest generation collected every
    10,000 allocations rather than 700, its older ones hardly ever (SELDOM_THRESHOLDS). A build makes flowables,
    fragments and lines that live until it ends, and few cycles; collecting them again and again took about a tenth
    of a build (500 talks, one process: 5.3 s -> 4.9 s, 10 MB more at its peak). The middle generation was collected
    after 100 young collections: a build of 2,000 talks in one process made 283, and its two collections of the
    middle generation each went through all the layout made so far (millions of objects) and freed nothing: 4.3 s
    of a build timed at 146 s on a loaded machine (bench/gc_trace.py). The thresholds are restored after (a watch
    collects between builds: memory._settle)."""
    if _SELDOM[0]:  # inside another such block (a build calling a build): its thresholds hold
        yield
        return
    before = gc.get_threshold()
    gc.set_threshold(*SELDOM_THRESHOLDS)
    _SELDOM[0] = True
    try:
        yield
    finally:
        _SELDOM[0] = False
        gc.set_threshold(*before)


_SELDOM = [False]


@contextmanager
def lasting():
    """Around the unpickling of values that last (the process's, or the build's): the cyclic garbage collector
    paused meanwhile (unpickling makes many objects and no garbage), and what it made moved out of its way
    after (gc.freeze: the collections of the rest of the build do not go through them again and again: in a
    build that starts from the disk, these took a fifth of its time). Reference counting still frees them."""
    with uncollected():
        try:
            yield
        finally:
            gc.freeze()


_TO_THE_END: list | None = None  # see ending
_WITH_ITS_BUILD = False  # see ending


def ending(with_its_build: bool = False) -> None:
    """This process ends (os._exit) soon after its build: what `to_the_end` is given from now on is left for
    the process's end to reclaim, not freed object by object (a booklet's flowables and cache: 0.06 s at 500
    talks). Only in a process that ends so (`booklet build`, `booklet proofs`), never in one that goes on
    building (`booklet watch`, the library's caller). `with_its_build`: little is left to do after the build
    (`booklet build`, the process that builds for proofs; not `booklet proofs`' own, which may build, then write
    thousands of proofs): what the build holds is frozen as it goes (alive_to_the_end)."""
    global _TO_THE_END, _WITH_ITS_BUILD
    if _TO_THE_END is None:
        _TO_THE_END = []
    if with_its_build:
        _WITH_ITS_BUILD = True


def to_the_end(value) -> None:
    """`value` kept until the process ends, when `ending()` was called (else nothing)."""
    if _TO_THE_END is not None:
        _TO_THE_END.append(value)


def ends_with_its_build() -> bool:
    """Whether this process ends once its build is done (`ending(with_its_build=True)` was called)."""
    return _WITH_ITS_BUILD


def alive_to_the_end() -> None:
    """In a process that ends once its build is done (`ending(with_its_build=True)`), where what is alive lives until
    the end (the data read; the booklet's or a part's pages laid out, as its PDF is saved): all of it moved out of the
    cyclic garbage collector's way (gc.freeze), so that the collections after go only through what is made from then
    on. The first collection after the layout of a 2,000-talk book's part went through all the layout left: 0.2-0.4 s
    in each process, at the end of the build, where little else runs (and after the data was read, 0.1 s). What of it
    is garbage in a reference cycle is left for the process's end, as what `to_the_end` is given (the peak memory of
    `booklet build` was measured the same). Nothing in any other process: a watch's collects between builds
    (memory._settle); `booklet proofs`' own may write thousands of proofs after building."""
    if _WITH_ITS_BUILD:
        gc.freeze()


def write_beside(path: Path, write: Callable) -> Path | None:
    """A temporary file beside `path`, written by `write(file)` (opened for binary writing), for `place` to put in
    place later (or for the caller to remove); None when it cannot be written (nothing left behind). Interrupted
    (Ctrl-C, SIGTERM as the command line takes it: KeyboardInterrupt), it removes the file before the interrupt goes
    on: a library's caller does not remove what the command line does as it ends (output.atomic.left_behind); what a
    process killed outright leaves is swept an hour on (swept: by store_beside, and the layouts' own)."""
    from ..output.atomic import temporary_beside

    temp = None
    try:
        temp = temporary_beside(path)
        with open(temp, "wb") as file:  # (a pickle goes into the file as it is made, not into bytes first)
            write(file)
    except BaseException as exc:  # a full disk, a read-only home, an unpicklable value: no cache, same build
        if temp is not None:
            with suppress(OSError):
                temp.unlink(missing_ok=True)
        if not isinstance(exc, Exception):
            raise
        return None
    return temp


def swept(kind: str, left: Callable[[Path], bool] | None = None) -> None:
    """Once a process and folder: the files written beside their places in `kind`'s folder (`.<name>.<random>.part`:
    output.atomic.temporary_beside, as write_beside makes them) more than atomic.ABANDONED seconds ago, removed. A
    process killed (by the system, short of memory) between writing such files and putting them in place or removing
    them leaves them there, and no build lasts an hour (nor does a file stay beside its place longer: a watch puts each in
    place, or removes it, within its build or its wait). Every kind's folder is swept as a process first stores into it
    (store_beside); the layouts' by their save. `left`: whether another file as old is one left behind too (a kind's
    own: cache.persisted._unnamed_apart), asked of those files alone."""
    base = folder()
    if base is not None:
        _swept(base / kind, left)


@cache
def _swept(path: Path, left: Callable[[Path], bool] | None = None) -> None:
    from ..output.atomic import swept_in

    swept_in(path, lambda name: name.startswith(".") and name.endswith(".part"), left)


def store_beside(kind: str, name: str | None, value=None, *, make=None) -> tuple[Path, Path] | None:
    """`value` (or what `make()` returns: only called when the cache is on) pickled into a temporary file beside
    the one it is kept in under `kind` and `name`: (that file, its place), for `place`; None when the cache is off
    or it cannot be written (nothing left behind)."""
    path = _path(kind, name)
    if path is None:
        return None
    swept(kind)  # (what a process stopped half-way left in this folder)
    temp = write_beside(path, lambda file: pickle.dump(make() if make else value, file,
                                                       protocol=pickle.HIGHEST_PROTOCOL))
    return None if temp is None else (temp, path)


def place(temp: Path, path: Path) -> bool:
    """Put a file written beside its place (write_beside) in its place, replacing what was there; whether it is
    there (else it is removed)."""
    from ..output.atomic import done_with

    try:
        os.replace(temp, path)
    except OSError:
        temp.unlink(missing_ok=True)
        return False
    done_with(temp)
    return True


def store(kind: str, name: str | None, value=None, *, make=None) -> bool:
    """Keep `value` (or what `make()` returns: only called when the cache is on) under `kind` and `name` for
    later processes (written atomically; silently not kept when the folder cannot be written or the value
    not pickled); whether it was kept."""
    written = store_beside(kind, name, value, make=make)
    return written is not None and place(*written)


def store_checked(kind: str, name: str | None, header: tuple, payload: bytes) -> bool:
    """Keep `payload` (bytes) under `kind` and `name` with `header` (what made it: versions) and its checksum, for
    load_checked; whether it was kept."""
    return store(kind, name, (*header, checksum(payload), payload))


def load_checked(kind: str, name: str | None, header: tuple) -> bytes | None:
    """The payload store_checked kept with the same header, whole (its checksum checked); else None."""
    stored = load(kind, name, tuple, lasts=False)
    size = len(header)
    if (isinstance(stored, tuple) and len(stored) == size + 2 and stored[:size] == header
            and isinstance(stored[size + 1], bytes) and stored[size] == checksum(stored[size + 1])):
        return stored[size + 1]
    return None
