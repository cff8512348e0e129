"""A conference data folder being edited -> the booklet PDF rebuilt after each change: the loop behind `booklet watch`.

`rebuild` builds once and says how it went, as a value: bad data, an unwritable output or a
failure inside booklet never raise, and the last good PDF stays where it is (build_booklet
writes atomically). `watch` builds, then waits for a burst of changes to the data files and
images and rebuilds once per burst, until the watcher stops (or Ctrl-C raises
KeyboardInterrupt). What waits for changes is injectable (`watcher`): the real one is
`watchfiles_watcher`, tests can feed fake events. The builds of one watch share a cache
(booklet.cache.persisted.for_watch): the first build takes what the last `booklet build` of the folder kept on disk,
a rebuild makes anew only what the change touched, and what a build made new is written to the disk cache while the
watch waits, for a later `booklet build` or `booklet proofs`. Nothing here prints: the caller gets events
(`Watching`, `Changed`, `Rebuild`) through `report`.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from .cache.memory import BuildCache
from .cache.persisted import for_watch
from .output.atomic import cannot_write
from .problems import DataError, Problem, Refused

DATA_SUFFIXES = {".yaml", ".yml", ".csv"}  # .csv: participants.csv
DATA_FOLDERS = {"abstracts"}  # what the data folder may hold besides files (see data.validate)
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".tif", ".tiff", ".webp", ".bmp"}
# a theme's fonts: a change asks for a new process (Restart), which starts with nothing made of the old file (a
# library user's BuildCache reads a replaced file again instead: text.fonts.forget_replaced)
FONT_SUFFIXES = {".ttf", ".otf", ".ttc"}
# Editors' swap, backup, lock and probe files: vim (.x.swp, x~, 4913), emacs (.#x, #x#), JetBrains, others.
EDITOR_TEMP = re.compile(r"(~|\.sw[a-p]|\.tmp|\.bak|\.orig|___jb_\w+___)$|^(\.#|#.*#$|4913$)")
STEP_MS = 200  # a burst of changes ends after this long without another ...
DEBOUNCE_MS = 2000  # ... or after this long at most: then one rebuild for all of it
QUIET_MS = 1000  # the real watcher yields an empty burst after this long without changes


@dataclass(frozen=True)
class Watching:
    """The watcher (re)starts on these folders (absolute)."""

    roots: tuple[Path, ...]


@dataclass(frozen=True)
class Changed:
    """These files changed (absolute paths, sorted); a rebuild follows."""

    paths: tuple[Path, ...]


@dataclass(frozen=True)
class Rebuild:
    """How one build went."""

    ok: bool
    message: str  # "Wrote booklet.pdf (76 pages, A5) in 1.05 s", or why nothing was written
    problems: list[Problem]  # ok: the warnings; failed: every problem found (errors and warnings)
    seconds: float
    pages: int = 0
    images: frozenset[Path] = frozenset()  # the image files the booklet uses (absolute), when ok
    # what the build read, kept for later commands of the same data (`booklet proofs`) once this is told
    keep_read: Callable[[], None] | None = field(default=None, repr=False, compare=False)
    refused: str | None = None  # failed: why the output is not to be written (an input's place), as build says it


Event = Watching | Changed | Rebuild


class Restart(Exception):
    """A font file of the data folder changed (`paths`): the watch goes on in a new process (the command starts
    itself again), which builds with it from the start, as `booklet build` does."""

    def __init__(self, paths: tuple[Path, ...]):
        super().__init__(", ".join(map(str, paths)))
        self.paths = paths


# roots, wanted(path) -> bursts of changed paths; it ends when watching should end.
Watcher = Callable[[tuple[Path, ...], Callable[[Path], bool]], Iterable[Iterable[Path]]]


def rebuild(data_dir: Path, output: Path, options=None, cache: BuildCache | None = None,
            jobs: int | None = None) -> Rebuild:
    """Build the booklet of `data_dir` into `output` once (`options`: build.PrintOptions) and say how it went;
    `cache`: what the builds before this one made, kept for the next (booklet.cache.memory); `jobs`: as for
    build_booklet (None: in parts for a big book, as `booklet build`)."""
    from .build import build_booklet

    output = Path(output)  # (a PDF given as an extra page and edited since: build_booklet reads it anew)
    start = time.perf_counter()
    try:
        # by default in parts for a big book, as `booklet build` (the same PDF); a warm cache keeps its workers
        result = build_booklet(Path(data_dir), output, options=options, cache=cache, jobs=jobs)
    except DataError as exc:
        return Rebuild(False, f"{_counts(exc.problems)}; {_kept(output)}", exc.problems, _since(start))
    except Refused as exc:  # an output that is one of the data's files: as `booklet build` says it
        return Rebuild(False, f"booklet: {exc}; {_kept(output)}", [], _since(start), refused=str(exc))
    except OSError as exc:
        return Rebuild(False, f"booklet: {cannot_write(exc, output)}; {_kept(output)}", [], _since(start))
    except Exception as exc:  # a bug in booklet: say so, keep the last good PDF and keep watching
        return Rebuild(False, f"booklet: internal error ({type(exc).__name__}: {exc}); {_kept(output)} "
                              "Please report this with the data that caused it.", [], _since(start))
    seconds = _since(start)
    used = frozenset(result.booklet.image_sources) if result.booklet is not None else frozenset()
    return Rebuild(True, f"Wrote {output} ({result.pages} pages, {result.page_size}) in {seconds:.2f} s",
                   result.warnings, seconds, result.pages, used, result.keep_read)


def _since(start: float) -> float:
    return time.perf_counter() - start


def _counts(problems: list[Problem]) -> str:
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"


def _kept(output: Path) -> str:
    return f"{output} is left as it was." if output.exists() else "nothing was written."


class ChangeFilter:
    """Which changed paths call for a rebuild: data files and images in the data folder, and the image
    files of the last good build wherever they are; never the output, hidden files or editors' temp files."""

    def __init__(self, data_dir: Path, output: Path):
        self.data_dir = Path(os.path.realpath(data_dir))  # (not Path.resolve: see _located)
        self.output = _located(Path(output))
        self.images: frozenset[Path] = frozenset()

    def __call__(self, path: Path) -> bool:
        path = _located(Path(path))
        name = path.name
        if path == self.output or EDITOR_TEMP.search(name):
            return False
        if path in self.images:
            return True
        try:
            parts = path.relative_to(self.data_dir).parts
        except ValueError:
            return False
        if not parts or any(part.startswith(".") or part == "__pycache__" for part in parts):
            return False
        suffix = path.suffix.lower()
        if suffix in DATA_SUFFIXES or suffix in IMAGE_SUFFIXES or suffix in FONT_SUFFIXES:
            return True
        # A folder moved in or out (its files give no events of their own); not any name without a suffix,
        # which is as likely a temporary file (sed -i writes ./sedXXXXXX).
        return path.is_dir() or name in DATA_FOLDERS or path in {image.parent for image in self.images}

    def snapshot(self) -> dict[Path, tuple[int, int]]:
        """(modification time in ns, size) of each file that counts: in the data folder, and the last good
        build's images."""
        found = set(self.images)
        for folder, subfolders, files in os.walk(self.data_dir):
            subfolders[:] = [name for name in subfolders if not name.startswith(".") and name != "__pycache__"]
            found.update(path for path in (Path(folder) / name for name in files) if self(path))
        return {path: stamp for path in found if (stamp := _stamp(path)) is not None}

    def roots(self) -> tuple[Path, ...]:
        """The data folder, and each other folder that holds an image of the last good build (the outermost
        of nested ones), when it exists."""
        folders = {self.data_dir} | {path.parent for path in self.images}
        folders = {folder for folder in folders if folder.is_dir()} | {self.data_dir}
        return tuple(sorted(folder for folder in folders
                            if not any(other != folder and folder.is_relative_to(other) for other in folders)))


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size


def _located(path: Path) -> Path:
    """`path` made absolute through its folder's real location (a symlinked file keeps its own name). By
    os.path.realpath, as build._resolved: Path.resolve raised RuntimeError (a traceback) for a folder that is a link in
    a loop (`booklet watch conf -o loop/booklet.pdf`), which a build then cannot write to, as its message says."""
    return Path(os.path.realpath(path.parent)) / path.name


def watch(data_dir: Path, output: Path, options=None, *, report: Callable[[Event], None],
          watcher: Watcher | None = None, stop=None, jobs: int | None = None) -> None:
    """Build, then rebuild after each burst of relevant changes, telling `report` what happens; returns when the
    watcher ends (`stop`, a threading.Event, set for the real one). KeyboardInterrupt passes through. `jobs`: the
    processes of each build, as for build_booklet (None: in parts for a big book, the workers kept between builds).

    A watcher sees only what changes once it has started, which is after a build: so the first burst it
    yields (the real one yields an empty burst when it has been quiet for a second) is taken together
    with every file that changed since that build began, found by comparing modification times.

    Refused, before watching, when `output` is an input (build.refuse_inputs): a data file by its name, before
    anything is built; an image, extra page or font the data names, when the first build finds it so. Each rebuild
    would be refused, and a change to that file would never be seen (the output is not watched).
    """
    from .build import refuse_inputs

    refuse_inputs([Path(output)], Path(data_dir), {})  # by its name alone: whatever the data holds
    wanted = ChangeFilter(data_dir, output)
    watcher = watcher or partial(watchfiles_watcher, stop=stop)
    before: dict[Path, tuple[int, int]] = {}
    # what did not change since the last build (or since the last `booklet build`, for the first) is not made again
    cache = for_watch(data_dir)

    def build(first: bool = False) -> None:
        nonlocal before
        before = wanted.snapshot()
        result = rebuild(data_dir, output, options, cache, jobs)
        if first and result.refused is not None:  # an input the data names: not watched, as `booklet build` says it
            raise Refused(result.refused)
        if result.ok:
            wanted.images = result.images
            for path in result.images - before.keys():  # an image outside the data folder, new to the watch
                if (stamp := _stamp(path)) is not None:
                    before[path] = stamp
        try:
            report(result)
            if result.keep_read is not None:  # told: now the model read, for proofs of the same data (not timed)
                try:
                    result.keep_read()
                except Exception:  # noqa: BLE001 - keeping is for later commands' speed: never the watch's end
                    pass
        finally:  # (a Ctrl-C while it is told or keeps the model: what the build made is written all the same)
            cache.idle()  # what the next rebuild would do first (collecting what this one left, writing what it made
            # to the disk cache), while it waits

    try:
        build(first=True)
        while not (stop is not None and stop.is_set()):
            if _identity(data_dir) is None:  # the data folder is gone (removed to be made again): wait for it
                if not _waited_for(data_dir, stop):
                    return
                report(Changed((Path(data_dir).absolute(),)))
                _restart_for_fonts(data_dir)  # the folder made again may hold other fonts under the same names
                build()
                continue
            roots = wanted.roots()
            report(Watching(roots))
            identities = [_identity(root) for root in roots]
            folder = _identity(data_dir)
            # the folders of the last good build's images that are not there (moved away, being made again): the
            # watcher cannot watch them, so each burst (the real watcher's come at least every QUIET_MS) looks for them
            missing = {image.parent for image in wanted.images if not image.parent.is_dir()}
            started = False
            for burst in watcher(roots, wanted):
                changed = {_located(Path(p)) for p in burst if wanted(Path(p))}
                if not started:  # what changed while the watcher was not yet looking
                    started = True
                    now = wanted.snapshot()
                    changed |= {path for path in before.keys() | now.keys() if before.get(path) != now.get(path)}
                # a folder watched removed, or made again (a checkout, a copy unpacked over it): the watcher sees
                # nothing of the new one; rebuilt, and watched anew
                moved = [root for root, identity in zip(roots, identities) if _identity(root) != identity]
                folder_moved = _identity(data_dir) != folder
                if folder_moved:
                    changed.add(Path(data_dir).absolute())
                changed.update(root for root in moved if root != wanted.data_dir)
                back = {place for place in missing if place.is_dir()}  # an image folder there again
                changed.update(image for image in wanted.images if image.parent in back)
                if not changed:
                    continue
                report(Changed(tuple(sorted(changed))))
                # the data folder gone (the rebuild says so; then waited for), or made again: with its fonts, read
                # anew (not when only a folder of images moved)
                if folder_moved:
                    if _identity(data_dir) is not None:
                        _restart_for_fonts(data_dir)
                else:
                    fonts = tuple(sorted(path for path in changed
                                         if path.suffix.lower() in FONT_SUFFIXES and path.is_file()))
                    if fonts:
                        raise Restart(fonts)
                build()
                if moved or folder_moved or wanted.roots() != roots:  # the images moved to other folders: watch those
                    break
            else:
                return
    finally:
        cache.close()  # the worker processes of its builds in parts, if any


def _restart_for_fonts(data_dir: Path) -> None:
    """Restart when the data folder (made again) holds font files: this process would draw with them as it first
    read them, whatever they hold now."""
    root = Path(data_dir).resolve()
    fonts = tuple(sorted(path for path in root.rglob("*") if path.suffix.lower() in FONT_SUFFIXES and path.is_file()
                         and not any(part.startswith(".") for part in path.relative_to(root).parts)))
    if fonts:
        raise Restart(fonts)


def _identity(path: Path) -> tuple[int, int] | None:
    """The folder's (device, inode), or None when there is none at `path`."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_dev, status.st_ino


def _waited_for(folder: Path, stop) -> bool:
    """Whether `folder` is there again, looked for every QUIET_MS; False when `stop` is set first."""
    while _identity(folder) is None:
        if stop is not None and stop.wait(QUIET_MS / 1000):
            return False
        if stop is None:
            time.sleep(QUIET_MS / 1000)
    return True


def watchfiles_watcher(roots: tuple[Path, ...], wanted: Callable[[Path], bool], stop=None) -> Iterator[set[Path]]:
    """Bursts of changes under `roots` that `wanted` keeps, from watchfiles (inotify and the like), until `stop`
    is set; changes made while the caller rebuilds are kept for the next burst."""
    from watchfiles import watch as watch_files

    for changes in watch_files(*roots, watch_filter=lambda _change, path: wanted(Path(path)), debounce=DEBOUNCE_MS,
                               step=STEP_MS, stop_event=stop, raise_interrupt=True,
                               rust_timeout=QUIET_MS, yield_on_timeout=True):
        yield {Path(path) for _change, path in changes}
