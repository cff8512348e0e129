"""What one build made from unchanged inputs -> reused by the next build in the same process.

A BuildCache keeps, between builds of `booklet watch` (or of a library user who passes the same
cache to build_booklet each time), what is costly to make and depends only on what it is keyed on:

- "files": each data file read (YAML or CSV), as its Map/Seq document and the problems reading it
  found, keyed by the name it is reported under and the hash of its bytes (an edited file is read
  again); beside them, each item of a top-level list read on its own, keyed by the hash of its text, its
  line and index (data.load), and what checking it made (data.fields.kept_entry): an edit reads and
  checks again the items it changed;
- "images": each image's size (or what is wrong with it), its decoded pixels, and what is made of
  it for a printed box (booklet.images.printable: cut, downsampled, converted, encoded, with the
  reader ReportLab draws), keyed by the hash of the file's bytes and the box, crop and colour space;
- "qr": each QR code's check and its made modules, keyed by its text;
- "layouts": each paragraph's parsed fragments, keyed by its markup, its style (every attribute's
  value) and the fonts registered under the style's names; its broken lines, keyed by that and
  the widths it was broken to; and the PDF operators its drawing wrote (see layout.flowables.Para);
  also the height the last page of a list in columns was balanced to, and which of its flowables each
  page's columns hold (layout.columns), and each index entry's drawing, by what it is made of
  (layout.index).
- "streams": each PDF stream's compressed bytes (a page's or a form's content), keyed by its exact
  uncompressed content (see output.serialise: an unchanged page is not compressed again).
- "day fits": the spaces and size each programme day was fitted to its page at, keyed by all that its programme
  reads that its height follows (layout.programme.fitted_day); "glance geometry": how the glance shares a day's
  column among boxes side by side, keyed by the boxes' times, lanes and order (layout.glance._shared); "poster
  entries": each poster's entry as made, never laid out, keyed by the poster, its place and what else it reads, with
  the people its names mark and their index keys (layout.posters.kept_poster_entry: each build lays out a copy). In
  memory only: the disk cache keeps none of them (booklet.cache.persisted.SECTIONS).

It stands in front of the disk cache (booklet.cache.disk), which keeps some of the same values
(an image made ready for print) for the next process: a value missing here is looked for there
before it is made.

Values are kept as they were made and handed out as fresh objects where the user of the value
changes it (a paragraph's lines are kept pickled: ReportLab's split and draw change the fragments
they are given), so nothing a build does can reach the next one: the PDF is byte for byte the PDF
of a build with an empty cache. What a build did not use is dropped once it has succeeded: while the watch
waits for the next change (BuildCache.idle), or as the next build starts.

build_booklet makes the cache `active` (a context variable) while it runs; the functions that use
it ask `active()`, and work without one (a build without a cache gets a fresh one of its own).
"""

from __future__ import annotations

import gc
import os
import stat
from collections.abc import Callable, Hashable
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from . import disk

T = TypeVar("T")

_ACTIVE: ContextVar[BuildCache | None] = ContextVar("booklet_build_cache", default=None)
_ABSENT = object()  # no value kept (None may be one)


class BuildCache:
    """Values made in earlier builds, by section ("files", "images", "qr", "layouts", "streams") and key.

    `warm`: the cache serves later builds too (a watch's, a library user's), so it also keeps what only a
    later build has a use for: paragraphs' layouts and images' ReportLab readers with the pixels ReportLab
    decoded of them (a single build's own cache does not: each paragraph is laid out once, each image
    decoded once, and keeping them would only cost memory). `keeps_workers`: a warm cache's builds in parts keep their
    worker processes for the next build (output.parallel.Workers), until `close`. `rebuilds`: its values serve later
    builds in this process (not only the disk cache's next process): what is kept only for such a build (an image's
    decoded pixels) is kept."""

    keeps_workers = True
    rebuilds = True

    def __init__(self, warm: bool = True):
        self.warm = warm
        self._sections: dict[str, dict[Hashable, Any]] = {}
        self._used: dict[str, set] = {}  # what the build under way asked for, by section
        self._digests: dict[str, str | None] = {}  # file -> its contents' hash, read once per build
        self.local: dict = {}  # what a build notes for itself (emptied when the next one starts)
        self._numbers: dict[Hashable, int] = {}  # see number()
        self._memory_numbers: dict[Hashable, int] = {}  # see memory_number()
        self.made: dict[str, int] = {}  # values made (not found) in the build under way, by section
        # what its builds keep beside its values, ended by close(): a build in parts' worker processes (output.parallel)
        self.lasting: dict[str, Any] = {}
        self._unused = False  # the last build succeeded and what it did not use is still here (see idle)
        self._idle = False  # what build() first does was done since the last build (idle)
        self._replacements = 0  # font files found replaced in this process before its last build (text.fonts)

    def get(self, section: str, key: Hashable, make: Callable[[], T]) -> T:
        """The value kept for `key`, or `make()`'s, kept from now on."""
        values = self._sections.get(section)
        if values is None:
            values = self._sections[section] = {}
        used = self._used.get(section)
        if used is None:
            used = self._used[section] = set()
        used.add(key)
        try:
            return values[key]
        except KeyError:
            pass
        value = values[key] = make()
        self.made[section] = self.made.get(section, 0) + 1
        return value

    def get_made(self, get: Callable, section: str, key: Hashable, make: Callable[[], T]) -> tuple[T, bool]:
        """`get(section, key, make)` (this cache's `get`, or a base class's) and whether it made the value: make() was
        called (`made` counted one more), and the value is what it gave, now kept."""
        count = self.made.get(section, 0)
        value = get(section, key, make)
        return value, self.made.get(section, 0) != count

    def peek(self, section: str, key: Hashable, default=None):
        """The value kept for `key` (noted as used), or `default`. (The key is looked up once: a layout's key is
        a tuple of tuples, hashed anew each time, and a build peeks some 35,000 times at 500 talks.)"""
        values = self._sections.get(section)
        if values is None:
            return default
        value = values.get(key, _ABSENT)
        if value is _ABSENT:
            return default
        used = self._used.get(section)
        if used is None:
            used = self._used[section] = set()
        used.add(key)
        return value

    def touch(self, section: str, keys) -> None:
        """Note each of `keys` that `section` keeps a value for as used by the build under way, as `peek` would, without
        looking one up: what a value kept elsewhere was made from and stands for (a kept poster entry's paragraphs'
        parses: layout.posters.kept_poster_entry), kept while that is used."""
        values = self._sections.get(section)
        if not values:
            return
        used = self._used.get(section)
        if used is None:
            used = self._used[section] = set()
        used.update(key for key in keys if key in values)

    def put(self, section: str, key: Hashable, value) -> None:
        """Keep `value` for `key` (made in this build: see `made`). (Without setdefault, which made an empty dictionary
        and set for each put, to be let go: a build puts some 29,000 layouts at 500 talks.)"""
        values = self._sections.get(section)
        if values is None:
            values = self._sections[section] = {}
        values[key] = value
        used = self._used.get(section)
        if used is None:
            used = self._used[section] = set()
        used.add(key)
        self.made[section] = self.made.get(section, 0) + 1

    def replace(self, section: str, key: Hashable, value) -> None:
        """Keep `value` for `key` in the place of the value kept, which it stands for (what it gives is what that
        gives, held another way: a paragraph's lines pickled rather than made again); not counted as made. Nothing
        when none is kept."""
        values = self._sections.get(section)
        if values is not None and key in values:
            values[key] = value

    def file_digest(self, path) -> str | None:
        """The hash of the file's bytes as the build under way first read them (None: not a readable
        regular file; a FIFO is never opened); a process after the one that read them takes it from the disk
        cache while the file keeps its identity (disk.kept_hash), and does not read the file for it."""
        key = os.fspath(path)
        if key not in self._digests:
            found = None
            try:
                before = os.stat(key)
                if stat.S_ISREG(before.st_mode):
                    found = disk.kept_file_digest("file", key, before)
            except OSError:
                pass
            self._digests[key] = found
        return self._digests[key]

    def number(self, value: Hashable) -> int:
        """A small number that stands for `value` in keys (the same for equal values, in every build
        with this cache): a key made of it is quicker to hash than the value."""
        return self._numbers.setdefault(value, len(self._numbers))

    def memory_number(self, value: Hashable) -> int:
        """As `number`, for the keys of values only ever kept in memory (section "entries"): numbers of their own,
        so that asking one reads nothing the disk cache keeps (booklet.cache.persisted: the layouts)."""
        return self._memory_numbers.setdefault(value, len(self._memory_numbers))

    def forked(self) -> None:
        """In a process forked from the one this cache is of, to work beside it (and end): what is that process's
        alone let go here, untouched (nothing, in a cache that keeps nothing on disk: see PersistedCache)."""

    @contextmanager
    def recording(self, sections):
        """Inside the block, what this cache is asked of `sections` (get, peek, put) and every number it gives
        (`number`), noted in order in the list it yields, with the values made and put: for the process that forked
        this one to ask its own cache the same (`replay`), and so hold what it would hold had it done the work itself
        (a build in parts' lint, in a forked process: booklet.build). What it is asked of other sections (an image's
        decoded pixels, the model's entries: this build's alone) is not noted. One at a time (none inside another)."""
        journal: list = []
        get, peek, put, number = self.get, self.peek, self.put, self.number

        def noted_get(section, key, make):
            if section not in sections:
                return get(section, key, make)
            value, made = self.get_made(get, section, key, make)
            journal.append(("got", section, key, value) if made else ("used", section, key))
            return value

        def noted_peek(section, key, default=None):
            if section in sections:
                journal.append(("used", section, key))
            return peek(section, key, default)

        def noted_put(section, key, value):
            if section in sections:
                journal.append(("put", section, key, value))
            put(section, key, value)

        def noted_number(value):
            journal.append(("number", value))
            return number(value)

        self.get, self.peek, self.put, self.number = noted_get, noted_peek, noted_put, noted_number
        try:
            yield journal
        finally:  # (the class's methods again)
            del self.get, self.peek, self.put, self.number

    def replay(self, journal: list) -> None:
        """What `recording` noted in another process's copy of this cache, asked of this one in the same order: the
        same values kept (made there), used, and numbered, as if it had been asked here."""
        for entry in journal:
            what = entry[0]
            if what == "number":
                self.number(entry[1])
            elif what == "used":
                self.peek(entry[1], entry[2])
            elif what == "got":
                self.get(entry[1], entry[2], lambda value=entry[3]: value)
            else:
                self.put(entry[1], entry[2], entry[3])

    def close(self) -> None:
        """End what its builds kept beside its values (`lasting`: a build in parts' worker processes): a watch that
        ends, a library user done with the cache."""
        lasting, self.lasting = self.lasting, {}
        for value in lasting.values():
            value.close()

    def size(self, section: str) -> int:
        return len(self._sections.get(section, {}))

    def held(self, section: str) -> dict:
        """What `section` holds, key -> value (a copy: to send to another process's cache)."""
        return dict(self._sections.get(section, {}))

    def used(self, section: str) -> set:
        """The keys of `section` the build under way asked for (a copy)."""
        return set(self._used.get(section, ()))

    def clear(self) -> None:
        self._sections.clear()
        self._used.clear()

    @contextmanager
    def build(self):
        """Active for one build; when the build succeeds, what it did not use is dropped (a long watch
        keeps the values of the data as it is now, not of every version it went through): by `idle`, or as the
        next build starts."""
        from ..text.fonts import forget_replaced, replacements

        self.idle()  # (when its caller did not, while it waited)
        forget_replaced()
        if replacements() != self._replacements:  # a font file replaced since its last build (found now, or by a check
            self.close()  # or another cache's build meanwhile): its kept workers parsed the old one
            self._replacements = replacements()
        self._idle = False
        self._used, self._digests, self.local, self.made = {}, {}, {}, {}
        token = _ACTIVE.set(self)
        try:
            yield self
        finally:
            _ACTIVE.reset(token)
        self._unused = True

    def idle(self) -> None:
        """What the next build does first, done now, while nothing waits for it (a watch between rebuilds, a kept
        worker between runs): what the last build (if it succeeded) did not use is dropped; in a warm cache, what
        builds left is collected and what lives on frozen (_settle)."""
        if self._unused:
            self.drop_unused()
        if self.warm and not self._idle:
            _settle()
            self._idle = True

    def drop_unused(self) -> None:
        """Drop the values the last build did not use."""
        self._unused = False
        for section, values in self._sections.items():
            used = self._used.get(section, ())
            # what is used is in `values`: as many means all, and the difference (a set of every key: 0.03 s
            # at 500 talks) is not needed
            if len(used) < len(values):
                for key in values.keys() - used:
                    del values[key]  # (the order of what is left does not change)


_FULL_EVERY = 16  # warm builds between two collections of the whole heap
_settled = [0]


def _settle() -> None:
    """Before a warm build: what earlier builds left is collected, and what lives on (the caches'
    values, imports, fonts) is moved out of the cyclic garbage collector's way (gc.freeze), so the
    collections during the build look only at what it makes (with a large cache, each full
    collection took about a tenth of a 500-talk rebuild, one or two per rebuild). A collection here
    looks only at what the previous build left (the rest is frozen); every _FULL_EVERY builds the
    whole heap is collected once, so a value dropped from a cache that is held in a reference cycle
    is freed then (without a cycle, reference counting frees it at once). Before a process's first
    build no build left anything: what is there (imports, mostly; a full collection of it found
    nothing to free and took ~5 ms of a cold `booklet build`) is only frozen. Output is not touched."""
    _settled[0] += 1
    if _settled[0] % _FULL_EVERY == 0:
        gc.unfreeze()
    if _settled[0] > 1:
        gc.collect()
    gc.freeze()


# active(): the cache of the build under way, if any. (The context variable's own `get`: a 500-talk warm rebuild asks
# some 50,000 times, and a function around it was a Python call more each time.)
active: Callable[[], BuildCache | None] = _ACTIVE.get


def kept(section: str, key: Hashable, make: Callable[[], T]) -> T:
    """`make()`'s value, kept in the cache of the build under way under `section` and `key` (made anew each
    time outside a build)."""
    cache = _ACTIVE.get()
    return make() if cache is None else cache.get(section, key, make)


@contextmanager
def using(cache: BuildCache | None, folder=None):
    """`cache` active for the build inside the block; when None, a fresh one for this build alone: of the
    data `folder`'s layouts and files kept on disk when given (booklet.cache.persisted), else not warm."""
    if cache is None and folder is not None:
        from .persisted import for_build

        cache = for_build(folder)
    cache = cache or BuildCache(warm=False)
    disk.to_the_end(cache)
    with cache.build() as current:
        yield current
