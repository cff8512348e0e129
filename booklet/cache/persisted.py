"""A build's memory cache (booklet.cache.memory) -> files in the disk cache, and back: the next process starts warm.

A LOC runs `booklet build` many times a day on data that changes a little each time. What a warm process
(`booklet watch`) keeps between builds, a PersistedCache keeps between processes, for four sections of the
BuildCache:

- "files": each data file as read (its Map/Seq document and the problems reading it found), keyed by its
  name and the hash of its bytes, and each item of a long list as read and checked (data.load, data.fields.kept_entry),
  keyed by what it is read from: after a one-abstract edit the next process reads and checks that item alone (a
  file read so is written once: its whole document names its items' documents and texts, _whole_files);
- "layouts": each paragraph's parsed fragments, broken lines and drawn PDF operators (see
  layout.flowables.Para), keyed by its markup, its style's values, the fonts, the width ... through the
  small numbers BuildCache.number gives those values: the numbers' table is kept with the section, so that
  a new process gives the same values the same numbers;
- "qr": each QR code's check and its made modules, keyed by its text (see data.extras);
- "streams": each PDF stream's compressed bytes (see output.serialise), kept by the hash of the text compressed,
  in memory as on disk (the text, three times their size, is let go; zlib's version is in the `stamp`); not
  written when they pass LIMIT;
- "facts": small answers a library gives from data it loads at some cost (see `fact`: names' collation keys
  from pyuca's table, dates written by babel from CLDR's data), keyed by the question and that library's
  files (size and time, as booklet's own code is in the `stamp`).

One file per section and data folder (`persisted/<hash of the folder's path and the section>.pickle`), loaded
when the build first asks that section for something (a build that stops at bad data never loads the layouts),
and written (atomically: pickled straight into a temporary file beside it, then put in place; the file is the
payload (the values CHUNK at a time, then the numbers, each pickled on its own), then its header, then the
header's length: see PersistedCache._kept_file) when a build that made something new in the section succeeds: the
values that build used, nothing else (what an edit made obsolete is not carried on), so the file holds one build's
working set of one book. The layouts and compressed streams are written only when at least one in FEW of those the
build used is new (a small edit's few are made again by the next builds, which costs less than pickling them all
again). Not written beyond LIMIT bytes (see there). A build in parts keeps its layouts and compressed streams in
files per process instead (`layouts, part 1 of 3`, `streams, part 1 of 3`, ...), each read and written by that
process alone (see PersistedCache.laying_out), and put in place by the main process once the booklet is written
(Written).

The layouts' seldom-read values (cache.Seldom: a math paragraph's fragments as parsed) are
kept apart, in a file beside the section's named by their digest (`<name>-<digest>.apart`), and read one at a
time when a build asks for one (see _Pickler, _Apart); such a file no section's file names (left by two processes
writing one section's file in turns or at once) is removed an hour on (_unnamed_apart). A process that lays out
with none of its layouts kept (a first build) writes them into that file as it makes them, and holds only their
places (see _Spool); past WINDOW layouts,
it writes the layouts themselves too, the least recently used EVICTED at a time, into the file that becomes its layouts
file, and lets them go (see _Stream).

A file is trusted only when it is exactly what this code wrote for this code: its header holds a checksum of
its payload and of the file of its values kept apart (a damaged file is ignored), the `stamp` of the code and
libraries that made its values (booklet's own modules, by name, size and time, ReportLab's and pyphen's
versions, Python's; another version's file is ignored and replaced at the next save), and, for layouts, the
hash of every font file of the data the values were laid out with (a font file changed under the same name
drops them; booklet's own fonts are known by size and time, as its code is). Every value inside is keyed by
what it is made from, as in memory: a kept value is what making it again gives, so the PDF is byte for byte the PDF
of a build without the cache (tests/test_cold.py).
"""

from __future__ import annotations

import io
import os
import pickle
import re
import sys
from contextlib import contextmanager, nullcontext, suppress
from dataclasses import dataclass
from functools import cache
from itertools import chain, islice
from pathlib import Path

from . import Seldom, checksum, digest, disk, hasher
from .memory import _ABSENT, BuildCache  # (_ABSENT: no value kept, the memory cache's own)

SECTIONS = ("files", "layouts", "qr", "streams", "facts")
PER_PART = ("layouts", "streams")  # kept by each process of a build in parts in files of its own (laying_out)
# kept in one file for the whole book, made by any process of a build in parts: what a worker makes of them is sent to
# the build's process, which writes them (made_in_part, made_elsewhere)
SHARED = ("qr", "facts")
KIND = "persisted"
FORMAT = 3
# The largest file written: the sample's layouts take 1.8 MB (76 pages); a book built in parts (--jobs)
# writes a file per process (500 talks + 1,000 posters: about 25 MB in all; 2,000 talks + 5,000 posters:
# 37, 47 and 7 MB), each loaded in a tenth of the time laying its part out again takes. A file beyond LIMIT
# is not written: a note that it was too big is, and the process whose file it is (a build in one process
# of a book of more than about 2,000 talks) lays out without pickling anything for keeping (which costs about
# a quarter more CPU).
LIMIT = 64 * 2**20
TOO_BIG = "too big"  # what the layouts file holds when a build's did not fit
FEW = 64  # a build that made fewer than one in FEW of the layouts (streams) it used leaves their file as it was
# A section's values are pickled CHUNK at a time, each chunk a pickle of its own: a pickler remembers every object it
# has written until it is done (its memo), which for a 2,000-talk worker's layouts took some 20 MB at the end of its
# part, on top of what it held (chunks: the file 2.5 % bigger, what chunks share written once per chunk)
CHUNK = 4096
# A process that lays out with no layouts kept (a first build) holds the WINDOW of the layouts it made that it used
# last; beyond that, the least recently used EVICTED are pickled into the file that becomes its layouts file and let go
# (_Stream): a 2,000-talk worker made some 50,000-70,000, two fifths of what it held at the end of its part. A layout
# used again after that is made again: 2-10 % of a 2,000-talk worker's (the generated book's titles repeat), 0 % of
# the sample's (WINDOW 4 x CHUNK: 0.3-1 %, but a peak of 500-510 MB against 470-500 MB). Measured again (2,000 talks,
# jobs 2, first build): 2,508 and 6,659 made again at WINDOW, 1,173 and 3,676 at 2 x, 311 and 1,024 at 4 x, none at
# 8 x; the peak of the process tree (PSS) 447, 471 and 487 MB at 1, 4 and 8 x; the CPU time 31-33 s at each, the
# difference lost in its noise (500 talks: 149 made again, none from 2 x; 8.6 s either way). What is made again is a
# paragraph's second use far from its first (an affiliation's line on another abstract, a title met again), each
# key made again once in most cases: the order is already least recently used; simulated on the keys' order, keeping
# those used twice in a segment of their own saved a fifth at the same size, and keeping those made again (in as much
# room as 2 x holds more) less than 2 x.
WINDOW = CHUNK
EVICTED = CHUNK // 4
_PACKAGE = Path(__file__).resolve().parent.parent
_DIGEST = re.compile(r"[0-9a-f]{8,128}")  # what a file of Seldom values is named by (a digest, or "" for none)


@cache
def stamp() -> str:
    """What the values kept depend on besides their keys: booklet's code (each module's name, size and
    modification time), ReportLab's, pyphen's and Python's versions, this module's FORMAT."""
    import reportlab

    root = _PACKAGE
    files = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__" and d != "resources")
        for name in sorted(names):
            if name.endswith(".py"):
                info = os.stat(os.path.join(folder, name))
                files.append((os.path.relpath(os.path.join(folder, name), root), info.st_size, info.st_mtime_ns))
    try:
        import pyphen

        hyphenation = getattr(pyphen, "__version__", None)
    except ImportError:  # not installed: no hyphenation, nothing of it in a layout
        hyphenation = None
    import zlib

    return disk.key("persisted", FORMAT, sys.version, reportlab.Version, hyphenation, zlib.ZLIB_RUNTIME_VERSION,
                    tuple(files))


def _name(folder: Path, section: str) -> str:
    return disk.key("persisted", os.fspath(folder), section)


def _font_files(numbers: dict) -> list[Path]:
    """The font files of every font set a layout key was numbered with (see layout.flowables)."""
    from ..text.fonts import FontSet

    found = set()
    for value in numbers:
        if isinstance(value, tuple) and len(value) in (2, 3) and value[0] == "fonts" and isinstance(value[1], FontSet):
            fonts = value[1]
            for family in (fonts.text, fonts.headings):
                found.update(path for _, path in family.faces())
            found.update(fonts.fallbacks)
    return sorted(found, key=os.fspath)


def fonts_digest(paths, file_digest) -> str | None:
    """The fonts' contents: a file of booklet's own (a bundled font) by its size and time, as its code is in
    `stamp`; any other (a theme's) by the hash of its bytes (`file_digest`: the build's, read once)."""
    parts = []
    try:
        for path in map(Path, paths):
            if path.resolve().is_relative_to(_PACKAGE):
                info = path.stat()
                parts.append((os.fspath(path), info.st_size, info.st_mtime_ns))
            else:
                found = file_digest(path)
                if found is None:
                    return None
                parts.append((os.fspath(path), found))
    except OSError:
        return None
    return disk.key(*parts)


# a character of the planes math boxes are named by (see text.paragraph), as UTF-8 (pickle's strings)
_BOX_CHAR = re.compile(rb"\xf3[\xb0-\xbf][\x80-\xbf][\x80-\xbf]|\xf4[\x80-\x8f][\x80-\xbf][\x80-\xbf]")


def _boxes_in(chars: set[bytes]) -> dict:
    """The math boxes (character -> box) the pickled layouts name (`chars`: their characters found there by
    _box_chars), and the boxes inside those."""
    from ..text.paragraph import boxes

    registry = boxes()
    todo = {char.decode("utf-8", "replace") for char in chars}
    found: dict = {}
    while todo:
        char = todo.pop()
        box = registry.get(char)
        if box is None or char in found:
            continue
        found[char] = box
        todo.update(ch for _, runs in box.parts for run in runs for ch in run.text if ch in registry)
    return {char: _plain_box(box) for char, box in sorted(found.items())}


def _box_chars(payload: bytes) -> set[bytes]:
    """The distinct matches of _BOX_CHAR in `payload` (as findall finds them: no lead byte is inside a match),
    found from each lead byte (bytes.find is a memchr; the regex scanning a layouts file of a few MB byte by
    byte took about 9 ms of every build that writes it)."""
    found = set()
    for lead in (b"\xf3", b"\xf4"):
        at = payload.find(lead)
        while at != -1:
            match = _BOX_CHAR.match(payload, at)
            if match is not None:
                found.add(match.group())
            at = payload.find(lead, at + 1)
    return found


def _plain_box(box):
    """`box` with plain floats: ReportLab gives a script's size as a float subclass (paraparser._PCT) that
    pickle does not give back as it was (its value is scaled again); equal, and drawn the same, as floats."""
    parts = tuple((float(offset), tuple(run._replace(size=float(run.size), rise=float(run.rise)) for run in runs))
                  for offset, runs in box.parts)
    return type(box)(parts, float(box.width))


class _Apart:
    """A Seldom value of a file of layouts, not read yet: where it is in the file its kind are kept in, beside the
    values (see _Pickler). Read (`read`) when it is asked for: in a build from kept layouts, the fragments of a
    math paragraph whose lines are made again (a split, its scripts' lines measured)."""

    __slots__ = ("source", "at", "size")

    def __init__(self, source: "_ApartFile", at: int, size: int):
        self.source, self.at, self.size = source, at, size

    def read(self) -> bytes:
        return self.source.read(self.at, self.size)


class _ApartFile:
    """A file of Seldom values, open while the process lives (it is never replaced: a new one has another name)."""

    def __init__(self, path: Path):
        self.file = open(path, "rb")  # noqa: SIM115  (open until the process ends)

    def read(self, at: int, size: int) -> bytes:
        if hasattr(os, "pread"):  # at its place, not the file's position: a forked process shares that
            data = os.pread(self.file.fileno(), size, at)
        else:  # (no fork there)
            self.file.seek(at)
            data = self.file.read(size)
        if len(data) != size:
            raise OSError(f"{self.file.name}: cut short since it was read (booklet's disk cache)")
        return data


_READING: list = [None]  # the _ApartFile of the file being unpickled (see _apart)


def _apart(at: int, size: int) -> _Apart:
    """What a Seldom value kept apart is unpickled as (see _Pickler)."""
    return _Apart(_READING[0], at, size)


class _Spool(_ApartFile):
    """The file of Seldom values of a build that lays out with no layouts kept (a first build, each process of a build
    in parts its own), written as the values are made: each is let go once written (they were a fifth of what a
    2,000-talk worker held at the end of its part) and read back when asked for (_Apart: seldom). Made as a temporary
    file beside the place of the file of Seldom values; the values are gathered and written a megabyte at a time
    (`out`: their digest and math boxes' characters counted as they go). When the layouts are written (see
    PersistedCache._write_beside) it is that file: their pickle names the places of its values, and the values of
    other files are added at its end. Else removed (`drop`); a value still asked for is read from it while it is open
    (as an _ApartFile, until the process ends). A write that fails (a full disk) is not the build's error: the spool
    is `broken`, writes no more, and its values are read from what it wrote and what it gathered since (the layouts
    are then written with a file of their values of its own, or not at all). Only where a file can be read at a
    place without moving its position (os.pread: not Windows, where the file could not be renamed while open)."""

    def __init__(self, path: Path):
        self.path = path
        self.file = open(path, "w+b")  # noqa: SIM115  (open until the process ends)
        self.out = _Out(self.file, hashed=True, boxes=True)
        self.gathered = io.BytesIO()
        self.broken = False

    def add(self, data: bytes) -> _Apart:
        """`data` (a Seldom value) added; what stands for it."""
        gathered = self.gathered
        at = self.out.size + gathered.tell()
        gathered.write(data)
        if gathered.tell() >= _Pickler.GATHER:
            self.flush()
        return _Apart(self, at, len(data))

    def flush(self) -> None:
        data = self.gathered.getvalue()
        if data and not self.broken:
            try:
                self.out.write(data)
                self.file.flush()  # read back at their places in the file (pread), not through its buffer
            except OSError:
                self.broken = True  # (`out.size` counts what was written whole; the rest stays gathered)
                return
            self.gathered = io.BytesIO()

    def read(self, at: int, size: int) -> bytes:
        written = self.out.size
        if at >= written:
            return self.gathered.getbuffer()[at - written:at - written + size].tobytes()
        return super().read(at, size)

    def drop(self) -> None:
        """Not kept: removed from the folder (the values that stand for some of its values read them while the
        process lives: it stays open)."""
        with suppress(OSError):
            self.path.unlink(missing_ok=True)


def _spilled(value, spool: _Spool):
    """A layout's value (a tuple) with each Seldom value in it written to `spool` and its _Apart in its place (the value
    as it is when it holds none). Only a value's own items are looked at: a paragraph's parse, the one Seldom value
    layouts make, is an item of its value (layout.flowables.Para); one deeper (none is) is still kept apart, when the
    layouts are written (_Pickler), only not let go before. (Looked for in each tuple the value holds too, it took
    about half of what keeping a layout costs a first build besides pickling it: 0.4 % of a 500-talk one.)"""
    if type(value) is not tuple or Seldom not in map(type, value):  # (at C speed: a put of every layout)
        return value
    return tuple(spool.add(item) if type(item) is Seldom else item for item in value)


class _Stream:
    """The layouts file of a process that lays out with no layouts kept (a first build, each process of a build in parts
    its own), made as it goes: the keys of the layouts it made, least recently used first (`order`); once more than
    WINDOW + EVICTED, the least recently used EVICTED are pickled (a pickle of their own, as _pickled_in_chunks writes
    them: `ends`) into a temporary file beside the file's place, which becomes that file when the layouts are written
    (PersistedCache._write_beside), and are let go, keys and all. A layout asked for again after that is made again
    (what making it gives is what was kept: the PDF is the same) and written again: the file's later one is the one
    read. The file is made when first written to. Writing fails (a full disk) or the file passes LIMIT: `lost`,
    nothing is written to it any more and the layouts let go are not kept: the layouts file is not written (or the
    note that they were too big is)."""

    def __init__(self, place: Path):
        self.place = place  # the layouts file's place
        self.order: dict = {}  # key -> None, least recently made or used first
        self.path: Path | None = None
        self.file = None
        self.out: _Out | None = None
        self.ends: list[int] = []
        self.lost: str | None = None  # None, "failed" or TOO_BIG

    def noted(self, key, made: bool) -> bool:
        """`key` made (`made`) or used again: the newest now; whether the oldest are due to be written."""
        order = self.order
        size = len(order)
        if made:  # (most often new: added at the end at once, the key hashed once rather than twice, by pop too)
            order[key] = None
            if len(order) > size:
                return size >= WINDOW + EVICTED
        if order.pop(key, _ABSENT) is _ABSENT:
            return False  # (a value read from a file, or a build's before: not this one's to write)
        order[key] = None
        return size > WINDOW + EVICTED

    def write(self, values: dict, used: set, spool: "_Spool") -> None:
        """The least recently used EVICTED of the layouts made written (unless `lost`) and let go from `values` and
        `used`."""
        order = self.order
        chunk = {}
        for key in list(islice(order, EVICTED)):
            del order[key]
            used.discard(key)
            value = values.pop(key, _ABSENT)
            if value is not _ABSENT:
                chunk[key] = value
        if self.lost is not None or not chunk:
            return
        try:
            if self.file is None:
                from ..output.atomic import temporary_beside

                self.path = temporary_beside(self.place)
                self.file = open(self.path, "w+b")  # noqa: SIM115  (closed once the layouts are written, or dropped)
                self.out = _Out(self.file, boxes=True)
            spool.flush()  # its values' places are in the file before a pickle names them
            if spool.broken:
                raise OSError("the file of values kept apart could not be written")
            _Pickler(self.out, spool.out, spool).dump(chunk)
            self.ends.append(self.out.size)
        except Exception:  # noqa: BLE001  a full disk, a value that cannot be pickled: the layouts are not kept
            self.lost = "failed"
            return
        if self.out.size + spool.out.size > LIMIT:
            self.lost = TOO_BIG

    def drop(self) -> None:
        """Not written as the layouts file: closed and removed."""
        if self.file is not None:
            with suppress(OSError):
                self.file.close()
            with suppress(OSError):
                self.path.unlink(missing_ok=True)
        self.file = None


class _Pickler(pickle.Pickler):
    """Pickles values with each Seldom value (or one read from a file and not yet asked for) written into `apart`,
    and only its place there into the pickle. The Seldom values are gathered in memory and given to `apart` a
    megabyte at a time (some 57,000 of them in a 2,000-talk worker's file: `apart` is Python's); `dump` gives the
    last of them."""

    GATHER = 2**20

    def __init__(self, file, apart, spool: _Spool | None = None):
        super().__init__(file, pickle.HIGHEST_PROTOCOL)
        self.apart, self.spool = apart, spool  # a _Spool's values are in `apart` already: only their places written
        self.gathered = io.BytesIO()
        self.given = apart.size  # the bytes given to `apart` so far

    def dump(self, obj) -> None:
        super().dump(obj)
        self._give()

    def _give(self) -> None:
        data = self.gathered.getvalue()
        if data:
            self.apart.write(data)
            self.given += len(data)
            self.gathered = io.BytesIO()

    def reducer_override(self, obj):  # called for objects of other types than Python's own (not for bytes)
        kind = type(obj)
        if kind is not Seldom and kind is not _Apart:
            return NotImplemented
        if kind is _Apart and obj.source is self.spool and self.spool is not None:
            return _apart, (obj.at, obj.size)
        data = obj if kind is Seldom else obj.read()
        gathered = self.gathered
        at = self.given + gathered.tell()
        gathered.write(data)
        if gathered.tell() >= self.GATHER:
            self._give()
        return _apart, (at, len(data))


class _Sent(pickle.Pickler):
    """Pickles what a forked process's cache noted (BuildCache.recording) for the process that forked it: a Seldom
    value read from a file of layouts and not yet asked for (_Apart, whose file is this process's) is read and sent
    as its bytes, as a file of layouts writes it."""

    def reducer_override(self, obj):
        if type(obj) is not _Apart:
            return NotImplemented
        return Seldom, (obj.read(),)


def sent(journal: list, boxes: list) -> bytes:
    """`journal` (BuildCache.recording's) and the math `boxes` (character, box) made with it, pickled by a process
    forked to work beside the one that forked it, for that one to take (`taken`): the boxes with plain floats, as a
    file of layouts keeps them (_plain_box)."""
    data = io.BytesIO()
    _Sent(data, pickle.HIGHEST_PROTOCOL).dump((journal, [(char, _plain_box(box)) for char, box in boxes]))
    return data.getvalue()


def taken(data: bytes) -> tuple[list, list]:
    """What `sent` pickled: (journal, boxes)."""
    with disk.uncollected():
        return pickle.loads(data)


class _Out:
    """A file being written, and what is known of the bytes written to it so far: how many, their checksum (a
    section's file) or their digest (`hashed`: the file of Seldom values, named by it), and the math boxes'
    characters among them (`boxes`: layouts'; _box_chars: a pickler writes a string's bytes in one piece)."""

    def __init__(self, file, hashed: bool = False, boxes: bool = False):
        self.file, self.size, self.check, self.chars, self.boxes = file, 0, 0, set(), boxes
        self.hash = hasher() if hashed else None

    def write(self, data) -> None:
        self.file.write(data)
        self.size += len(data)
        if self.hash is not None:
            self.hash.update(data)
        else:
            self.check = checksum(data, start=self.check)
        if self.boxes:
            self.chars |= _box_chars(data)


def _pickled_in_chunks(pickler: "_Pickler", values: dict, numbers: dict, out: _Out,
                       ends: tuple[int, ...] = (), files: bool = False) -> tuple[int, ...]:
    """`values` CHUNK at a time, then `numbers`, pickled one after the other by `pickler` into `out` after the chunks
    that end at `ends` (a _Stream's), each a pickle of its own (the pickler forgets what it wrote between them); where
    each ends in `out` (a section's file's header keeps them: _read unpickles each from its place, the numbers from the
    last). `files`: the data files' values, whose whole files read item by item (_whole_files) come last, in a pickle
    of their own that names their items' documents and texts by the items' keys (_Naming), not written again."""
    ends = list(ends)
    items, whole = _whole_files(values) if files else ({}, {})
    if whole:
        values = {key: value for key, value in values.items() if key not in whole}
    found = iter(values.items())
    while chunk := dict(islice(found, CHUNK)):
        pickler.clear_memo()
        pickler.dump(chunk)
        ends.append(out.size)
    if whole:
        _Naming(out, pickler.apart, items).dump(whole)
        ends.append(out.size)
    pickler.clear_memo()
    pickler.dump(numbers)
    ends.append(out.size)
    return tuple(ends)


def _whole_files(values: dict) -> tuple[dict, dict]:
    """The data files' `values` (section "files") read item by item (data.load._parse_items): (the id of each item's
    document and raw text -> (its place in the item's value, the item's key), the values of the whole files that hold
    them, by key). A whole file's document (a Seq) holds the very documents (Maps) and texts of its items, each kept
    under a key of its own too (Map.kept): pickled with the items, each was written twice (at 2,000 talks + 5,000
    posters 7.9 of the file's 18.3 MB), and read back as two copies."""
    items = {}
    for key, value in values.items():
        if type(value) is tuple and len(value) == 5 and getattr(value[0], "kept", None) == key:
            items[id(value[0])] = (0, key)
            if type(value[3]) is str:
                items[id(value[3])] = (3, key)
    if not items:
        return {}, {}
    return items, {key: value for key, value in values.items()
                   if type(value) is tuple and value and isinstance(value[0], list) and value[0]
                   and id(value[0][0]) in items}


class _Naming(_Pickler):
    """Pickles the whole files of _whole_files with each of their items' documents and texts named (a persistent id:
    its place in the item's value and the item's key), the items' values being unpickled before them (_Named)."""

    def __init__(self, file, apart, items: dict):
        super().__init__(file, apart)
        self.items = items

    def persistent_id(self, obj):
        return self.items.get(id(obj))


class _Named(pickle.Unpickler):
    """Unpickles what _Naming pickled: each item's document or text named there taken from the `values` unpickled
    before it (a name not found there: an error, the file not read)."""

    def __init__(self, data, values: dict):
        super().__init__(io.BytesIO(data))
        self.values = values

    def persistent_load(self, pid):
        place, key = pid
        return self.values[key][place]


def _ends_of(ends, size: int) -> bool:
    """Whether `ends` (a header's) can be where the pickles of a payload of `size` bytes end: rising, the last at its
    end."""
    return (isinstance(ends, tuple) and bool(ends) and all(type(end) is int for end in ends)
            and all(0 < a < b for a, b in zip(ends, ends[1:])) and ends[0] > 0 and ends[-1] == size)


def _ends_bytes(ends: tuple[int, ...]) -> bytes:
    """The ends of a payload's pickles as the header's checksum takes them (a pickle read from a place that lies
    would end where it should, and the one after it be lost unseen)."""
    return b"".join(end.to_bytes(8, "big") for end in ends)


def _header_written(file, header: tuple) -> None:
    """A section's file ends with its header (pickled) and the header's length (see PersistedCache._kept_file)."""
    data = pickle.dumps(header, pickle.HIGHEST_PROTOCOL)
    file.write(data)
    file.write(len(data).to_bytes(8, "big"))


def _kept_at(path: Path | None) -> tuple | None:
    """What the section's file at `path` holds (see PersistedCache._kept_file); None for no path (the cache off)."""
    if path is None:  # the cache off
        return None
    try:
        data = path.read_bytes()
    except OSError:  # none, or unreadable
        return None
    size = int.from_bytes(data[-8:], "big") if len(data) >= 8 else -1
    if not 0 < size <= len(data) - 8:
        return None
    view = memoryview(data)
    try:
        with disk.uncollected():
            header = pickle.loads(view[-8 - size:-8])
    except Exception:  # noqa: BLE001  damaged: ignored
        return None
    if header == (stamp(), TOO_BIG) and size == len(data) - 8:
        return header
    if not isinstance(header, tuple) or len(header) != 7 or header[3] != len(data) - 8 - size:
        return None
    return (*header[:3], view[:header[3]], *header[4:])


def _added(written: "Written", values: dict) -> bool:
    """`values` added to the section's file `written` beside its place (one with no Seldom values: the data files'),
    pickled after the values it holds, as the chunks of a _Stream are before a file's others (_read reads them in
    order: a key written twice, the later one), its numbers and header written again after them; whether they were.
    Its bytes are read (for its check), not its values. Not added (False), the file as it was: one that is not one
    this code wrote whole, values that cannot be pickled or would take it past LIMIT; a file that could not be
    written whole is removed (`written` discarded)."""
    path = written.main[0]
    kept = _kept_at(path) if written.apart is None else None
    if not (isinstance(kept, tuple) and len(kept) == 7 and kept[0] == stamp() and not kept[5]
            and _ends_of(kept[6], len(kept[3]))
            and kept[1] == checksum(kept[3], kept[4], kept[5].encode(), _ends_bytes(kept[6]))):
        return False
    ends = kept[6]
    cut = ends[-2] if len(ends) > 1 else 0  # (the last pickle: the numbers, written again after the values added)
    out, apart = _Out(io.BytesIO()), _Out(io.BytesIO(), hashed=True)
    out.size, out.check = cut, checksum(kept[3][:cut])  # (as if written after the values kept)
    del kept  # (the file's bytes)
    try:
        ends = _pickled_in_chunks(_Pickler(out, apart), values, {}, out, ends[:-1], files=True)
    except Exception:  # noqa: BLE001  a value that cannot be pickled
        return False
    if apart.size or out.size > LIMIT:  # (a Seldom value: not a data file)
        return False
    boxes = pickle.dumps({}, pickle.HIGHEST_PROTOCOL)
    try:
        with open(path, "r+b") as file:
            file.seek(cut)
            file.truncate()
            file.write(out.file.getvalue())
            _header_written(file, (stamp(), checksum(boxes, b"", _ends_bytes(ends), start=out.check), None, out.size,
                                   boxes, "", ends))
    except OSError:  # a full disk: nothing of it kept
        written.discard()
        return False
    return True


@dataclass(frozen=True)
class Written:
    """A section's file written beside its place (temporary, place), and the file of its Seldom values (named by
    their digest) if it has one, for `publish` to put in place, or `discard` to remove."""

    main: tuple[Path, Path]
    apart: tuple[Path, Path] | None = None
    before: Path | None = None  # the file of Seldom values the file being replaced names
    named: str = ""  # the digest the file of Seldom values is named by ("": none)

    def publish(self) -> bool:
        """The file of Seldom values in place first, then the section's file, which names it; the file of Seldom
        values the one before named is removed once the new one is in place (a process reading it keeps it open,
        where the system lets it), the new one when the section's file could not be put in place (the one before
        stays, whole with its own). Whether the section's file is in place."""
        if self.apart is not None and not disk.place(*self.apart):
            self.discard()
            return False
        # what the file being replaced names now: another process may have written it since this one read it (a
        # `booklet build` while a watch waits), naming another file of Seldom values than `before`
        now = _named_apart(self.main[1])
        placed = disk.place(*self.main)
        made = self.apart[1] if self.apart is not None else None
        # of those, the ones no section's file names now
        replaced = {self.before, _apart_beside(self.main[1], now) if now else None}
        for unnamed in (replaced - {made} if placed else {made} - replaced) - {None}:
            try:
                unnamed.unlink()
            except OSError:
                pass
        return placed

    def discard(self) -> None:
        """Remove the files written (a build that failed after they were: nothing it made is kept), as far as they
        can be: one that cannot is not the build's error (what is left is swept later: disk.swept)."""
        for temp, _ in filter(None, (self.main, self.apart)):
            with suppress(OSError):
                temp.unlink(missing_ok=True)


def _named_apart(path: Path) -> str | None:
    """The digest of the file of Seldom values the section's file at `path` names ("": none, no file there, or one
    damaged or not one this code writes, which names nothing that is read), from its header alone (the file's end:
    _kept_file); None when it cannot be read."""
    try:
        with open(path, "rb") as file:
            end = file.seek(0, os.SEEK_END)
            if end < 8:
                return ""
            file.seek(end - 8)
            size = int.from_bytes(file.read(8), "big")
            if not 0 < size <= end - 8:
                return ""
            file.seek(end - 8 - size)
            data = file.read(size)
    except FileNotFoundError:
        return ""
    except OSError:
        return None
    try:
        with disk.uncollected():
            header = pickle.loads(data)
    except Exception:  # noqa: BLE001  damaged
        return ""
    return _apart_named(header)


def _apart_named(header) -> str:
    """The digest of the file of Seldom values a section's file's header (or what _kept_file makes of it) names,
    whatever code wrote it; "" when it names none."""
    named = header[5] if isinstance(header, tuple) and len(header) == 7 else ""
    return named if isinstance(named, str) and _DIGEST.fullmatch(named) else ""


def _apart_beside(path: Path, named: str) -> Path:
    """The file of Seldom values `named` (a digest) of the section's file at `path`."""
    return path.with_name(f"{path.stem}-{named}.apart")


_APART_NAME = re.compile(rf"([0-9a-f]{{64}})-({_DIGEST.pattern})\.apart")  # (<name>-<digest>.apart)


def _unnamed_apart(path: Path) -> bool:
    """Whether `path` (in the layouts' folder, written more than atomic.ABANDONED seconds ago: disk.swept) is a file of
    Seldom values (`<name>-<digest>.apart`) that its section's file does not name, to be removed. Written.publish
    removes the one the file it replaces names; one is left when two processes take turns on one cache folder and both
    write the same section's file (a watch and a `booklet build` of the same folder; two builds at once), or when a
    process is killed between putting one in place and the section's file that names it. One written less long ago may
    be one a live process is about to name (it puts the file of values in place first); one a section's file names is
    never removed, nor one whose section's file cannot be read (its header is read, not the file)."""
    match = _APART_NAME.fullmatch(path.name)
    if match is None:
        return False
    name, apart = match.groups()
    return _named_apart(path.with_name(f"{name}.pickle")) not in (None, apart)


class PersistedCache(BuildCache):
    """A BuildCache (warm: it keeps layouts and data files) whose "files" and "layouts" sections come from
    the disk cache when first asked for, and go back to it after a build that made something new in them
    (see the module's docstring). `folder`: the data folder (each has files of its own). Its builds in parts keep no
    processes: each keeps what it laid out in files of its own (laying_out)."""

    keeps_workers = False
    # the cache of a single build (for_build): what only a later build in the same process uses is not kept (images'
    # decoded pixels)
    rebuilds = False

    def __init__(self, folder: Path):
        super().__init__(warm=True)
        self.folder = Path(os.path.realpath(folder))  # (Path.resolve raised RuntimeError for a link in a loop)
        self._pending = set(SECTIONS)  # sections not yet looked for on disk
        self._next: int | None = None  # the next layout key number given (see number)
        self._too_big = False  # the layouts file says the book's layouts were too big for one file
        self._sharded = False  # a build in parts: each process keeps its own layouts in files of its own
        self._shard: str | None = None  # in such a build, this process's part ("part 1 of 3": see _file_name)
        self._worker = False  # in such a build, a worker's process (not the main one, part 0)
        self._laid_out = False  # a worker has written its layouts, or let them go (laid_out)
        self._spool: _Spool | None = None  # laying out with no layouts kept: their Seldom values, written as made
        self._stream: _Stream | None = None  # ... and the layouts themselves, the oldest written as the newest are made
        self._reread = False  # the layouts file was written from a _Stream: read it again (its numbers agree)
        self._kept_layouts = False  # this process's layouts file was read, or a build with this cache ended
        self._beside: list[Written] = []  # the files a worker wrote beside their places, not yet handed over
        # file name -> the digest of the file of its Seldom values, as read or last written
        self._apart: dict[str, str] = {}
        self._unsaved = False  # a cache that `rebuilds`: its last build's new values are written by `idle`
        self._read_shard: str | None = None  # ... and the part whose layouts file it read (in_part)
        self._files_beside: Written | None = None  # the data files as read, written before the layout (_files_out)
        self._made_in_part: dict[str, dict] = {}  # a worker's new values of the SHARED sections (made_in_part)
        # the data files let go before the layout (_files_out, laying_out): the keys the build had used of them
        self._files_gone: set | None = None

    def _load(self, section: str) -> None:
        self._pending.discard(section)
        if self._sections.get(section) or (section == "layouts" and self._numbers and not self._reread):
            return  # already used in this process: what it holds is as good, and its numbers are given
        self._reread = False
        if self._taken(section) == TOO_BIG:
            self._too_big = True  # nothing read: laying_out decides what is kept (in parts: a file per process)

    def _taken(self, section: str) -> bool | str:
        """The section's file read into this cache in the place of what it holds: its values, and the layouts' numbers
        with them (kept layouts); whether it was read, or TOO_BIG for a layouts file that holds the note that they were
        too big (nothing read)."""
        name = self._file_name(section)
        kept = self._kept_file(name)
        if kept == (stamp(), TOO_BIG) and section == "layouts":
            return TOO_BIG
        found = self._read(section, kept, name)
        if found is None:
            return False
        self._sections[section], numbers = found
        if section == "layouts":
            self._numbers, self._kept_layouts = numbers, True
        return True

    def _kept_file(self, name: str) -> tuple | None:
        """What the section's file `name` holds: its header, the payload (the pickled values and numbers) in the
        header's place (see _read); or the note that it was too big; None when there is none, or it is not one this
        code writes. The file: the payload, the header pickled, the header's length (8 bytes), so that the payload is
        pickled into the file as it is made (_write_beside), not into memory first."""
        return _kept_at(disk._path(KIND, _name(self.folder, name)))

    def _read(self, section: str, kept, name: str) -> tuple[dict, dict] | None:
        """The (values, numbers) a section's file (`name`) holds, its math boxes restored (layouts); None when it
        is not one this code wrote, its Seldom values' file is not the one it was written with, or its layouts
        were made with a font file that has changed since."""
        if named := _apart_named(kept):
            # the file of Seldom values it names, whatever code wrote it (another version's is ignored): removed once
            # this file is written again (Written.publish)
            self._apart[name] = named
        if not (isinstance(kept, tuple) and len(kept) == 7 and kept[0] == stamp() and isinstance(kept[3], memoryview)
                and isinstance(kept[4], bytes) and isinstance(kept[5], str) and _ends_of(kept[6], len(kept[3]))
                and kept[1] == checksum(kept[3], kept[4], kept[5].encode(), _ends_bytes(kept[6]))):
            return None  # nothing kept, another version's, or damaged: ignored
        source = None
        if kept[5]:  # the Seldom values' file: its contents checked, read from later as asked
            path = self._apart_path(name, kept[5])
            try:  # its hash kept by the file's identity (never written again in place: a new one has a new name)
                if disk.kept_file_digest("apart", path, os.stat(path)) != kept[5]:
                    return None
                source = _ApartFile(path)
            except OSError:
                return None
        try:
            _READING[0] = source
            # the files and layouts are read before the layout, and last: out of the collector's way (disk.lasting);
            # the others when first asked for, while the build's objects are alive (frozen with them, those that
            # become garbage in a cycle would never be collected)
            with disk.lasting() if section in ("files", "layouts") else disk.uncollected():
                payload, starts = kept[3], (0, *kept[6])
                numbers, values = pickle.loads(payload[starts[-2]:starts[-1]]), {}
                for start, end in zip(starts[:-2], starts[1:-1]):  # (a key written twice: the later one, as made later)
                    values.update(pickle.loads(payload[start:end]) if section != "files"
                                  else _Named(payload[start:end], values).load())
                boxes = pickle.loads(kept[4])
        except Exception:  # noqa: BLE001  (the hash matched: only another code's classes could fail)
            return None
        finally:
            _READING[0] = None
        if not isinstance(values, dict) or not isinstance(numbers, dict) or not isinstance(boxes, dict):
            return None
        if section == "layouts":
            if kept[2] != fonts_digest(_font_files(numbers), self.file_digest):
                return None  # a font file changed: every layout made with it could differ
            if not _agree(numbers, self._numbers):
                return None  # a number this process gave already stands for another value there
            from ..text.paragraph import register_box_font, restore_boxes

            if not restore_boxes(boxes):  # the math boxes the kept fragments name, by the same characters
                return None
            register_box_font()  # parsing math registers it: a kept parse must find it there
        return values, numbers

    def get(self, section, key, make):
        if section in self._pending:
            self._load(section)
        if self._stream is not None and section == "layouts":
            value, made = self.get_made(super().get, section, key, make)
            if self._stream.noted(key, made):
                self._streamed()
            return value
        if self._worker and section in SHARED:
            value, made = self.get_made(super().get, section, key, make)
            if made:
                self._made_in_part.setdefault(section, {})[key] = value
            return value
        return BuildCache.get(self, section, _text_digest(key) if section == "streams" else key, make)  # (as peek)

    def peek(self, section, key, default=None):
        """As BuildCache.peek, a compressed stream looked up by its text's hash (_kept_key). (With neither a call of
        _kept_key nor super(): a 500-talk warm rebuild peeks some 40,000 times, and the two were a fifth of a peek.)"""
        if section in self._pending:
            self._load(section)
        value = BuildCache.peek(self, section, _text_digest(key) if section == "streams" else key, _ABSENT)
        if value is _ABSENT:
            return default
        if self._stream is not None and section == "layouts":
            self._stream.noted(key, False)
        return value

    def held(self, section: str) -> dict:
        if section in self._pending:
            self._load(section)
        return super().held(section)

    def put(self, section, key, value):
        if section in self._pending:
            self._load(section)
        if self._spool is not None and section == "layouts" and not self._spool.broken:
            value = _spilled(value, self._spool)
        BuildCache.put(self, section, _text_digest(key) if section == "streams" else key, value)  # (as peek)
        if self._worker and section in SHARED:
            self._made_in_part.setdefault(section, {})[key] = value
        if self._stream is not None and section == "layouts" and self._stream.noted(key, True):
            self._streamed()

    def replace(self, section, key, value):
        """As BuildCache.replace, a compressed stream by its text's hash (_kept_key)."""
        super().replace(section, _kept_key(section, key), value)

    def forked(self) -> None:
        """As BuildCache.forked: the files this cache writes the layouts it makes into as it goes (_Spool, _Stream) are
        the forking process's, written at their places by it: let go here (not removed), so that this process's
        layouts stay in its memory, and it writes nothing into them."""
        self._spool = self._stream = None

    def _streamed(self) -> None:
        """The least recently used layouts written to the _Stream and let go."""
        self._stream.write(self._sections["layouts"], self._used.setdefault("layouts", set()), self._spool)

    def number(self, value):
        """As BuildCache.number, but a new value gets the next free number from a counter, one above the highest
        kept (a table read from a file may have gaps), so that no number stands for two values."""
        if "layouts" in self._pending:
            self._load("layouts")
        numbers = self._numbers
        found = numbers.get(value)
        if found is None:
            if self._next is None:
                self._next = max(numbers.values(), default=-1) + 1
            found = numbers[value] = self._next
            self._next += 1
        return found

    def save(self) -> None:
        """Write each section the build made something new in (atomically; not beyond LIMIT); once a process, remove
        the files of this kind that processes stopped half-way left beside their places, and the files of Seldom values
        no section's file names (disk.swept, _unnamed_apart)."""
        disk.swept(KIND, _unnamed_apart)
        early, self._files_beside = self._files_beside, None
        if self._files_gone is not None and self.made.get("files"):
            early = self._files_joined(early)
        if early is not None and early.publish():
            self._apart["files"] = early.named
        for name, section, values, numbers in self._files(SECTIONS):
            streamed = section == "layouts" and self._stream is not None and self._stream.file is not None
            written = self._write_beside(name, section, values, numbers)
            if written is not None and written.publish():
                self._apart[name] = written.named  # what a file written again replaces
                if streamed:  # the layouts it let go are in the file: the next build with this cache reads it
                    self._sections.pop("layouts", None)
                    self._pending.add("layouts")
                    self._reread = True
        self._unspooled()

    def _files_out(self) -> None:
        """Before the layout of a single build (not a watch's, whose rebuilds read the files it keeps): the data files
        it read and parsed new (a first build, an edit) written beside their place now, for `save` to put in place once
        the build has succeeded, and let go (a file read after this, by lint finding a value's line, is added to them:
        _files_joined). Held until then, a 2,000-talk book's parsed documents (every entry's Map
        with its lines and raw text; the posters' a copy sent by the process that read them) took some 15 MB of the
        main process through the layout, and as much of each worker forked with them, on top of the model made from
        them; a build that reads no file again (a cache filled by the build before) holds none of them."""
        if self.rebuilds or self._files_beside is not None or not self._worth_writing("files"):
            return
        # (those this build used: what it did not use of the file read from disk is what an edit made obsolete, which
        # `save` drops and this write carried on, a 500-talk abstracts.yaml more at each edit)
        for file in self._files(("files",), used_only=True):
            self._files_beside = self._write_beside(*file)
        self._files_let_go()
        self._used.pop("files", None)
        self.made.pop("files", None)

    def _files_let_go(self) -> None:
        """The data files as read let go (before the layout), the keys the build used of them noted (_files_joined)."""
        self._files_gone = (self._files_gone or set()) | self._used.get("files", set())
        self._sections.pop("files", None)

    def _files_joined(self, early: Written | None) -> Written | None:
        """Data files read after the files were let go before the layout (by lint, finding a value's line, in a build in
        parts), added to those the build had used then: those new since then added to the file written before the
        layout (`early`, _added: it is not read back), which is returned; where they cannot be added there, or when
        nothing was new then (no `early`: the section's file in place), that file is read back into the section with
        the new ones, which `save` writes. Before, the new ones alone replaced them (a first build in parts of init's
        example kept conference.yaml alone), and the next build parsed every other file again. `early` as it is, the
        new ones not written, when it cannot be read back; None when the section holds them all."""
        held, self._files_gone = self._files_gone, None
        new = {key: value for key, value in self._sections.get("files", {}).items() if key not in held}
        if early is not None and (not new or _added(early, new)):
            # (lint read again a file the build had read before the layout, as it was: `early` holds it already, and
            # is kept as it is, not read back: at 2,000 talks that took the main process ~40 MB at its end, over the
            # 500 MB the first build's tree may take; a file it had not read is added to `early`, not read back either)
            self.made.pop("files", None)
            return early
        gone = held | self._used.get("files", set())
        found = self._read("files", _kept_at(early.main[0]) if early is not None else self._kept_file("files"), "files")
        if found is None:  # nothing kept to add them to (they are written alone), or `early` unreadable (it stays)
            if early is not None:
                self.made.pop("files", None)
            return early
        values = {key: value for key, value in found[0].items() if key in gone}
        values.update(self._sections.get("files", {}))
        self._sections["files"] = values
        if early is not None:
            early.discard()
        return None

    def _spooling(self) -> None:
        """Lay out with the Seldom values of new layouts written as they are made (_Spool): in a process whose
        layouts file held none (a first build), in its first build (a cache used again holds the layouts of the one
        before), that keeps layouts, on a disk cache that can take the file."""
        if (self._spool is not None or self._kept_layouts or not self.warm or self.rebuilds or disk.folder() is None
                or not hasattr(os, "pread")):
            return
        from ..output.atomic import temporary_beside

        name = self._file_name("layouts")
        try:
            self._spool = _Spool(temporary_beside(self._apart_path(name, "new")))
        except OSError:  # a read-only cache folder: they stay in memory, and are not written either
            self._spool = None
            return
        self._stream = _Stream(disk._path(KIND, _name(self.folder, name)))

    def _unspooled(self) -> None:
        """A _Spool (and _Stream) not written as the layouts' files, removed."""
        spool, self._spool = self._spool, None
        if spool is not None:
            spool.drop()
        stream, self._stream = self._stream, None
        if stream is not None:
            stream.drop()

    def _write_beside(self, name: str, section: str, values: dict, numbers: dict) -> Written | None:
        """The section's file `name` (what _kept_file reads: the values and numbers, or the note that they are too big)
        and the file of its Seldom values, each pickled into a temporary file beside its place as it is made, for
        Written.publish to put in place; None when the cache is off or they cannot be written, or a value cannot be
        pickled (nothing left)."""
        if disk.folder() is None:
            return None
        from ..output.atomic import temporary_beside

        path, main, apart = disk._path(KIND, _name(self.folder, name)), None, None
        layouts = section == "layouts"
        spool = stream = None
        if layouts and name == self._file_name("layouts"):
            spool, stream, self._spool, self._stream = self._spool, self._stream, None, None  # written now, or dropped
        if stream is not None and (stream.lost == "failed" or (stream.file is not None and spool.broken)):
            stream.drop()  # layouts let go and not written, or naming places in a file of values not written whole:
            spool.drop()  # not kept
            return None
        if stream is not None and stream.file is None:
            stream = None  # (nothing written to it: its file never made)
        if spool is not None and spool.broken:  # its values are copied into a file of their own, as other files' are
            spool.drop()
            spool = None
        try:
            if spool is not None:  # the values made by this build are there already
                apart = spool.path
                spool.flush()
            main = temporary_beside(path) if stream is None else stream.path
            if spool is None:
                apart = temporary_beside(self._apart_path(name, "new"))  # named once its digest is known
            with (open(main, "wb") if stream is None else stream.file) as main_file, (
                    nullcontext(spool.file) if spool is not None else open(apart, "wb")) as apart_file:
                payload = _Out(main_file, boxes=layouts) if stream is None else stream.out
                seldom = spool.out if spool is not None else _Out(apart_file, hashed=True, boxes=layouts)
                ends = () if stream is None else tuple(stream.ends)
                if stream is None or stream.lost is None:
                    ends = _pickled_in_chunks(_Pickler(payload, seldom, spool), values, numbers, payload, ends,
                                              files=section == "files")
                apart_file.flush()
                if payload.size + seldom.size > LIMIT or (stream is not None and stream.lost == TOO_BIG):
                    main_file.seek(0)
                    main_file.truncate()
                    named = ""
                    _header_written(main_file, (stamp(), TOO_BIG))
                else:
                    named = seldom.hash.hexdigest() if seldom.size else ""
                    fonts = fonts_digest(_font_files(numbers), self.file_digest) if layouts else None
                    boxes = pickle.dumps(_boxes_in(payload.chars | seldom.chars) if layouts else {},
                                         pickle.HIGHEST_PROTOCOL)
                    _header_written(main_file, (stamp(), checksum(boxes, named.encode(), _ends_bytes(ends),
                                                                  start=payload.check), fonts,
                                                payload.size, boxes, named, ends))
        except BaseException as exc:  # a full disk, a read-only home, a value that cannot be pickled: not kept; an
            if stream is not None:  # interrupt (Ctrl-C reaches the workers too): nothing left half-way either
                stream.drop()
            for temp in (main, apart):
                if temp is not None:
                    with suppress(OSError):
                        temp.unlink(missing_ok=True)
            if not isinstance(exc, Exception):
                raise
            return None
        if not named:
            with suppress(OSError):
                apart.unlink(missing_ok=True)
        before = self._apart.get(name)
        return Written((main, path), (apart, self._apart_path(name, named)) if named else None,
                       self._apart_path(name, before) if before else None, named)

    def _apart_path(self, name: str, apart: str) -> Path:
        return _apart_beside(disk._path(KIND, _name(self.folder, name)), apart)

    def _files(self, sections, used_only: bool = False):
        """(file name, section, values, numbers) for each of `sections` the build made something new in; `used_only`:
        of its values only those the build used (else all: a build drops the rest as it ends)."""
        for section in sections:
            if not self._worth_writing(section):
                continue
            numbers = self._numbers if section == "layouts" else {}
            values = self._sections.get(section, {})
            if used_only:
                used = self._used.get(section, set())
                values = {key: value for key, value in values.items() if key in used}
            if section == "streams" and sum(map(len, values.values())) > LIMIT:
                continue
            yield self._file_name(section), section, values, numbers

    def _worth_writing(self, section: str) -> bool:
        """Whether the build made enough new values in `section` for its file to be written again: any, but for the
        layouts and compressed streams (PER_PART), at least one in FEW of those it used. Writing those files pickles
        every value again (500 talks: about 0.2 s), while the few made after a small edit are made again by the
        next builds in milliseconds, until enough are new (the file left as it was holds the values it held)."""
        made = self.made.get(section, 0)
        if section not in PER_PART or not made:
            return made > 0
        return made * FEW >= len(self._used.get(section, ()))

    def _file_name(self, section: str) -> str:
        """The name of the file a section is kept in: a process of a build whose processes keep their own
        (see laying_out) keeps its layouts and compressed streams in files of its own."""
        return f"{section}, {self._shard}" if self._shard is not None and section in PER_PART else section

    def laying_out(self, jobs: int) -> None:
        """Before the layout, with `jobs` processes. In one: the layouts looked for now (a book whose layouts
        were too big to keep makes nothing for keeping). In more: each process keeps its own in files of its
        own (its layouts and compressed streams: PER_PART), which it reads once it is forked (in_part) and
        writes itself when it made something new, beside their places, for this process to put them in place
        once the build has succeeded (write_part, Written), so that no process reads, holds or sends back the
        others' layouts, and none is read before the fork
        (docs/performance.md: quicker, and less memory, than one file this process read before the fork and
        wrote from what the workers sent back; a 2,000-talk book's was too big to keep)."""
        self._files_out()
        was_sharded = self._sharded
        self._sharded, self._shard = jobs > 1, None
        if was_sharded and not self._sharded:
            self._unsharded()
        if self._sharded:
            self._pending.discard("layouts")  # this process's own are read once the workers are forked
            # read as kept: the documents are not written again, nor wanted now (but by the next build of a cache
            # that `rebuilds`: a watch's rebuild reads from its memory)
            if not self.made.get("files") and not self.rebuilds:
                self._files_let_go()
            return
        if "layouts" in self._pending:
            self._load("layouts")
        if self._too_big:
            self.warm = False  # nothing will be kept: nothing made for keeping
        self._spooling()

    def _unsharded(self) -> None:
        """A cache whose last build was in parts lays out in one process now (a watch's book got smaller than a build
        in parts pays for): the layouts it holds are at most its own part's (the last: the index, the back matter),
        numbered as that part's file numbered them, and the layouts file of a build in one process was never looked for
        (a whole book laid out again). That file read now in their place, when nothing was numbered yet in this build
        (the numbers given stand for their values until it ends: layout_key notes the fonts' and styles' in `local`)
        and it can be read; else they stay."""
        if "fonts" in self.local or "styles" in self.local:
            return
        given, self._numbers = self._numbers, {}  # (read as a process's first: its numbers alone stand)
        if self._taken("layouts") is not True:  # none, not good, or too big: its part's stay
            self._numbers = given
            return
        self._next, self._reread = None, False
        self._pending.discard("layouts")

    def in_part(self, slot: int, slots: int) -> None:
        """In process `slot` of a build in parts of `slots` processes (0: this one, once the others are forked):
        this process's own files are the ones it reads and writes (see laying_out), its layouts read now."""
        if not self._sharded:
            return
        shard = f"part {slot} of {slots}"
        # a cache that `rebuilds`: this part's own of the build before are in memory, read from the file then
        again = self.rebuilds and self._kept_layouts and shard == self._read_shard
        self._shard, self._worker, self._read_shard, self._laid_out = shard, slot > 0, shard, False
        if again:
            return
        name = self._file_name("layouts")
        kept = self._kept_file(name)
        if kept == (stamp(), TOO_BIG):
            self.warm = False  # this part's alone were too big: it makes nothing for keeping
        found = self._read("layouts", kept, name)
        if found is not None:
            values, numbers = found
            for key, value in self._sections.get("layouts", {}).items():
                values.setdefault(key, value)
            numbers.update(self._numbers)  # (_read checked that the numbers given agree)
            self._sections["layouts"], self._numbers, self._next = values, numbers, None
            self._kept_layouts = True
        self._spooling()
        from ..text import paragraph

        # new math boxes: characters of this part's class, none known here (a process that builds again, a watch
        # or a library user, knows its own part's from before: they never stand in another's way)
        paragraph._CODES = (code for code in chain(range(0xF0000 + slot, 0xFFFFE, slots),
                                                   range(0x100000 + slot, 0x10FFFE, slots))
                            if chr(code) not in paragraph._BOXES)

    def laid_out(self) -> None:
        """A process of a build whose processes keep their own layouts has laid out and drawn its part (its page
        decorations too), and is about to make the part's PDF. A worker writes its layouts file now, beside its place
        (when it made enough for it to be written again: _worth_writing), and lets its layouts go, keys and all (they
        are a third of its memory): making the PDF does not come on top of them, nor pickling them on top of the PDF.
        The main process, part 0, keeps its own for `save` at the end of the build, unless too few are new."""
        if self._shard is None:
            return
        worth = self._worth_writing("layouts")
        if self._worker:
            if worth:
                self._write_part_files(("layouts",))
            self._unspooled()
            self._laid_out = True
            if not self.rebuilds:  # (a kept worker's lays out from them at its next run)
                self._used.pop("layouts", None)
        if (self._worker or not worth) and not self.rebuilds:  # (a watch's lays out from them at its next build)
            self._sections.pop("layouts", None)

    def write_part(self) -> list[Written] | None:
        """In a worker of a build whose processes keep their own layouts (see laying_out), once its part is saved:
        its files (the layouts it used, which laid_out wrote unless the part has no pages, and the compressed streams
        it used; every number given) written beside their places, while the main process lays out the last part, for
        the main process to put in place once the booklet is written, or to remove (Written); None when it made
        nothing new (its files are as good). They are the worker's to remove (discard_part) until `handed_over`."""
        if self._shard is None:
            return None
        self._write_part_files(tuple(section for section in PER_PART if section != "layouts" or not self._laid_out))
        self._unspooled()  # (a part with no pages: never laid_out)
        return list(self._beside) or None

    def made_in_part(self) -> dict[str, dict]:
        """In a worker of a build in parts: the values it made new in the sections kept for the whole book (SHARED: QR
        codes, facts), section -> {key: value}, for the build's process to keep (made_elsewhere), once; else none.
        Before, they were lost with the worker: a --jobs 2 build of the sample kept 2 of its 4 QR codes and 232 of its
        260 facts, and each build in parts made the others again (pyuca's table, babel's data loaded for them)."""
        made, self._made_in_part = self._made_in_part, {}
        return made

    def _write_part_files(self, sections) -> None:
        """This part's files of `sections` (the values it used) written beside their places, noted in _beside."""
        self._beside += filter(None, (self._write_beside(*file) for file in self._files(sections, used_only=True)))

    def handed_over(self) -> None:
        """The main process has been told of the files write_part gave: they are its to put in place or remove."""
        self._beside = []

    def discard_part(self) -> None:
        """A worker that failed: the files it wrote beside their places and did not hand over, removed (no one else
        knows of them)."""
        beside, self._beside = self._beside, []
        for written in beside:
            written.discard()
        self._unspooled()

    @contextmanager
    def build(self):
        try:
            with super().build() as current:
                yield current
        except BaseException:
            self._unspooled()  # nothing a build that failed made is kept
            early, self._files_beside = self._files_beside, None
            if early is not None:
                early.discard()
            raise
        self._kept_layouts = True  # (the next build with this cache lays out with this one's: nothing to spool)
        try:
            self.drop_unused()  # (kept: only what this build used)
            if self.rebuilds:
                # written while nothing waits for it (idle); a kept worker's files by the watch's process (write_part)
                self._unsaved = not self._worker
                return
            self.save()  # only after a build that succeeded
        finally:
            self._unspooled()  # (a cache that `rebuilds` never spools: _spooling)

    def idle(self) -> None:
        """As BuildCache.idle; in a cache that `rebuilds` (a watch's), the last build's new values written first (save):
        what a single build does as it ends, done while nothing waits for it (the watch's rebuilds are not timed
        with it)."""
        if self._unsaved:
            self._unsaved = False
            self.save()
        super().idle()


def _agree(kept: dict, given: dict) -> bool:
    """Whether the numbers of a file (`kept`: value -> number) can stand beside those this process has given
    already: each value both number the same, and no other value of the file has a number given here."""
    if not given:
        return True
    taken = set(given.values())
    for value, number in kept.items():
        have = given.get(value)
        if have is None:
            if number in taken:
                return False
        elif have != number:
            return False
    return True


def _kept_key(section: str, key):
    """What a value is kept under: a compressed stream by the hash of its text (the text, three times the size, let
    go), as on disk; any other by its key."""
    return _text_digest(key) if section == "streams" else key


def _text_digest(text) -> str:
    """The hash a stream's text (str or bytes: see output.serialise) is kept by on disk."""
    return digest(text.encode("utf-8", "surrogatepass"), b"s") if isinstance(text, str) else digest(text, b"b")


def fact(kind: str, library: str, args: tuple, make):
    """`make()`, the answer to `args` of a pure function (`kind`) of the library `library` (a module's name)
    and its data: kept in the build's cache (section "facts", on disk with the data folder's other sections),
    under `kind`, `args` and the library's files (see `library_files`), so that a process that finds it there
    does not load the library's data at all (pyuca's collation table, babel's CLDR data: 0.01-0.02 s each).
    The answer must be an immutable value (str, int, tuples of them, None) made from `args` alone.
    Outside a build, `make()`."""
    from .memory import active

    cache = active()
    if cache is None:
        return make()
    return cache.get("facts", (kind, library_files(library), *args), make)


@cache
def library_files(name: str) -> str:
    """What a library is known by in keys: the hash of its package folder's path and of each file at the top of
    it (modules, pyuca's table) by name, size and modification time (an upgraded or reinstalled library is
    another, as booklet's own code is in `stamp`); "" when it cannot be found."""
    from importlib.util import find_spec

    try:
        spec = find_spec(name)
        origin = spec.origin if spec is not None else None
        if origin is None:
            return ""
        folder = Path(origin).parent
        found = []
        for entry in sorted(os.scandir(folder), key=lambda entry: entry.name):
            if entry.is_file():
                info = entry.stat()
                found.append((entry.name, info.st_size, info.st_mtime_ns))
    except (OSError, ImportError, ValueError):
        return ""
    return disk.key("library", os.fspath(folder), tuple(found))


def laying_out(jobs: int) -> None:
    """Called by a build before its layout (see PersistedCache.laying_out); nothing for any other cache."""
    cache = _persisted()
    if cache is not None:
        cache.laying_out(jobs)


def _persisted() -> PersistedCache | None:
    from .memory import active

    cache = active()
    return cache if isinstance(cache, PersistedCache) else None


def in_part(slot: int, slots: int) -> None:
    """This process lays out part `slot` (see PersistedCache.in_part)."""
    cache = _persisted()
    if cache is not None:
        cache.in_part(slot, slots)


def laid_out() -> None:
    """This process's part is laid out (see PersistedCache.laid_out)."""
    cache = _persisted()
    if cache is not None:
        cache.laid_out()


def made_in_part() -> dict[str, dict]:
    """A worker's new values of the sections kept for the whole book (see PersistedCache.made_in_part)."""
    cache = _persisted()
    return {} if cache is None else cache.made_in_part()


def made_elsewhere(made: dict[str, dict]) -> None:
    """What a worker made new in the sections kept for the whole book (made_in_part), kept by this process's cache as
    if made here (written with the others as the build ends)."""
    cache = _persisted()
    if cache is None:
        return
    for section, values in made.items():
        for key, value in values.items():
            cache.put(section, key, value)


def write_part() -> list[Written] | None:
    """A worker's files written beside their places (see PersistedCache.write_part)."""
    cache = _persisted()
    return None if cache is None else cache.write_part()


def handed_over() -> None:
    """A worker has told the main process of the files write_part gave (see PersistedCache.handed_over)."""
    cache = _persisted()
    if cache is not None:
        cache.handed_over()


def discard_part() -> None:
    """A worker failed: the files it wrote beside their places and did not hand over, removed (see
    PersistedCache.discard_part)."""
    cache = _persisted()
    if cache is not None:
        cache.discard_part()


class Rebuilding(PersistedCache):
    """The cache of a watch (booklet.watch): a PersistedCache that serves every build of the watch, as a BuildCache
    does (`rebuilds`, `keeps_workers`: its builds in parts keep their workers), so that the first build takes what
    the last `booklet build` of the folder kept on disk (its data files as read, its layouts) rather than make it all
    again, and the later ones what the builds before made, in memory. It keeps all it made in memory (nothing let go
    as it is written: _spooling), and writes what a build made new, as a single build does as it ends, once the
    watch waits for the next change (idle), for a later `booklet build` or `booklet proofs`. Its builds in parts keep
    workers whose caches are of this kind too (for_kept_worker): each takes its part's files at its first run."""

    keeps_workers = True
    rebuilds = True


def for_watch(folder) -> BuildCache:
    """The cache of the builds of a watch of `folder`: a Rebuilding one when the disk cache is on; else a BuildCache
    (warm: it keeps what its builds made in memory, for the next)."""
    return Rebuilding(folder) if disk.folder() is not None else BuildCache()


def for_kept_worker(watching) -> BuildCache:
    """The cache of a worker a watch's cache (`watching`) keeps between its builds in parts (output.parallel._serve):
    a Rebuilding one of the same folder, whose first run takes its part's files as a worker of `booklet build` does
    (in_part) and which hands what it made new to the watch's process as such a worker does (write_part); a
    BuildCache for any other cache (or with the disk cache off)."""
    if not isinstance(watching, Rebuilding) or disk.folder() is None:
        return BuildCache()
    cache = Rebuilding(watching.folder)
    cache._sharded = True  # (as laying_out makes the watch's: its part's own files, read in in_part)
    cache._pending.discard("layouts")
    return cache


def for_build(folder) -> BuildCache:
    """The cache of a single build of `folder`: a PersistedCache when the disk cache is on; else one of its
    own that keeps nothing beyond the build."""
    return PersistedCache(folder) if disk.folder() is not None else BuildCache(warm=False)
