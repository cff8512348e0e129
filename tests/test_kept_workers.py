"""A warm cache's builds in parts (`booklet watch` of a big book): the same worker processes lay out the same runs
build after build from what they kept, and the booklet is the one a build without a cache makes, byte for byte."""

from __future__ import annotations

import os
import re
import shutil
import signal
from pathlib import Path

import pytest

from booklet import watch as watching
from booklet.build import build_booklet
from booklet.cache import BuildCache
from booklet.problems import DataError
from booklet.output import parallel

from .test_jobs import _generate


# the sections the book prints: its abstracts, which the two workers lay out between them (the whole book, whose
# committees, glance, programme, tutorials, posters and practical page the same workers would lay out too, for a third
# more CPU a build and no case more), and the index, which the build's own process lays out last. (Lint warns of each
# section left out whose data prints nowhere, beside the cover's resolution: warnings all the same, for --strict.)
SECTIONS = "sections: [abstracts, index]\n"


@pytest.fixture(scope="module")
def book(tmp_path_factory) -> Path:
    """The generated 12-talk book (as test_jobs' medium), printing SECTIONS."""
    folder = _generate(tmp_path_factory.mktemp("kept") / "data", 12, 16)
    (folder / "theme.yaml").write_text(SECTIONS, encoding="utf-8")
    return folder


@pytest.fixture
def folder(book, tmp_path) -> Path:
    return Path(shutil.copytree(book, tmp_path / "data"))


def _edit(folder: Path) -> None:
    """One abstract's text changed (a word put in), as a LOC corrects one."""
    path = folder / "abstracts.yaml"
    text = path.read_text(encoding="utf-8")
    at = text.index("abstract: |\n") + len("abstract: |\n")
    at = text.index(text[at:].lstrip(" ")[:1], at)  # the first character of its text
    path.write_text(text[:at] + "Revised " + text[at:], encoding="utf-8")


def _cold(folder: Path, out: Path, monkeypatch) -> bytes:
    """The booklet of a build in two parts without any cache, memory or disk."""
    with monkeypatch.context() as patch:
        patch.setenv("BOOKLET_CACHE", "off")
        build_booklet(folder, out, jobs=2)
    return out.read_bytes()


@pytest.fixture(scope="module")
def edited_cold(book, tmp_path_factory) -> bytes:
    """The booklet _cold makes of the book after its _edit, for the tests that rebuild the edit warm (the bytes do not
    depend on the folder's place)."""
    where = tmp_path_factory.mktemp("edited")
    folder = Path(shutil.copytree(book, where / "data"))
    _edit(folder)
    with pytest.MonkeyPatch.context() as patch:
        return _cold(folder, where / "cold.pdf", patch)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _layouts_made(workers) -> list[int]:
    return [made.get("layouts", 0) for made in workers.made]


def test_a_warm_cache_keeps_its_workers_and_their_layouts(folder, tmp_path, monkeypatch, edited_cold):
    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    cold = _cold(folder, tmp_path / "cold.pdf", monkeypatch)
    cache = BuildCache()
    try:
        first = build_booklet(folder, tmp_path / "warm.pdf", cache=cache, jobs=2)
        workers = cache.lasting["workers"]
        pids = workers.pids()
        assert first.jobs == 2 and len(pids) == 2 and all(map(_alive, pids))
        assert (tmp_path / "warm.pdf").read_bytes() == cold
        made_first = _layouts_made(workers)
        assert min(made_first) > 50  # each laid its run out anew

        _edit(folder)
        build_booklet(folder, tmp_path / "warm.pdf", cache=cache, jobs=2)
        assert workers.pids() == pids  # the same processes, with what they kept
        made_again = _layouts_made(workers)
        assert 0 < sum(made_again) < sum(made_first) / 10  # the edited abstract's, not the rest
        assert (tmp_path / "warm.pdf").read_bytes() == edited_cold
        assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "cold.pdf", "data", "warm.pdf"]  # no part left
    finally:
        cache.close()
    assert not any(map(_alive, pids))
    assert cache.lasting == {}


def test_a_kept_worker_gone_is_replaced_and_the_booklet_is_the_same(folder, tmp_path, monkeypatch, edited_cold):
    monkeypatch.setenv("BOOKLET_CACHE", "off")
    cache = BuildCache()
    try:
        build_booklet(folder, tmp_path / "warm.pdf", cache=cache, jobs=2)
        workers = cache.lasting["workers"]
        before = workers.pids()
        os.kill(before[1], signal.SIGKILL)
        process = workers._running[1][0]
        process.join(10)  # gone (and reaped) before the next build looks
        assert not process.is_alive()
        _edit(folder)
        build_booklet(folder, tmp_path / "warm.pdf", cache=cache, jobs=2)
        now = workers.pids()
        assert len(now) == 2 and not set(now) & set(before)  # all anew: each keeps its own run's layouts
        assert not _alive(before[0])
        assert (tmp_path / "warm.pdf").read_bytes() == edited_cold
    finally:
        cache.close()


def test_a_build_that_fails_after_the_runs_keeps_the_workers_and_one_that_fails_before_ends_them(
        folder, tmp_path, monkeypatch):
    """A failure once every worker is through its run (the booklet's assembly) leaves them waiting for the next build;
    one while they lay out (a --strict warning, found beside them) ends them, and the next build starts new ones. The
    PDF is left as it was either way, with no part beside it."""
    monkeypatch.setenv("BOOKLET_CACHE", "off")
    cache = BuildCache()
    assemble = parallel.assemble

    def failing(parts, output):
        raise OSError("disk full")

    try:
        build_booklet(folder, tmp_path / "warm.pdf", cache=cache, jobs=2)
        workers = cache.lasting["workers"]
        before = workers.pids()
        good = (tmp_path / "warm.pdf").read_bytes()
        monkeypatch.setattr(parallel, "assemble", failing)
        with pytest.raises(OSError, match="disk full"):
            build_booklet(folder, tmp_path / "warm.pdf", cache=cache, jobs=2)
        assert workers.pids() == before and all(map(_alive, before))
        assert (tmp_path / "warm.pdf").read_bytes() == good
        assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "warm.pdf"]
        monkeypatch.setattr(parallel, "assemble", assemble)
        build_booklet(folder, tmp_path / "warm.pdf", cache=cache, jobs=2)
        assert workers.pids() == before and (tmp_path / "warm.pdf").read_bytes() == good
        assert sum(_layouts_made(workers)) == 0  # their runs as they kept them

        with pytest.raises(DataError):  # the generated cover image is coarse: a warning, an error with --strict
            build_booklet(folder, tmp_path / "warm.pdf", cache=cache, jobs=2, strict=True)
        assert workers.pids() == [] and not any(map(_alive, before))
        assert (tmp_path / "warm.pdf").read_bytes() == good
        assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "warm.pdf"]
        build_booklet(folder, tmp_path / "warm.pdf", cache=cache, jobs=2)
        assert len(workers.pids()) == 2 and (tmp_path / "warm.pdf").read_bytes() == good
    finally:
        cache.close()


def test_a_full_disk_in_a_kept_worker_is_told_as_such_and_the_watch_goes_on(folder, tmp_path, monkeypatch):
    """A system error in a worker (its part's save on a full disk) reaches the watch as that error, not as a bug."""
    import errno

    monkeypatch.setenv("BOOKLET_CACHE", "off")
    here, save, flag = os.getpid(), parallel.PartCanvas.save, tmp_path / "full"

    def full(canvas):  # in a worker, while the flag is there (the workers are forked with this in place)
        if os.getpid() != here and flag.exists():
            raise OSError(errno.ENOSPC, "No space left on device", canvas._filename)  # its part's file
        save(canvas)

    monkeypatch.setattr(parallel.PartCanvas, "save", full)
    cache, output = BuildCache(), tmp_path / "booklet.pdf"
    try:
        assert watching.rebuild(folder, output, cache=cache, jobs=2).ok
        good = output.read_bytes()
        flag.touch()
        failed = watching.rebuild(folder, output, cache=cache, jobs=2)
        assert not failed.ok
        assert failed.message == f"booklet: cannot write {output}: No space left on device; {output} is left as it was."
        flag.unlink()
        assert watching.rebuild(folder, output, cache=cache, jobs=2).ok and output.read_bytes() == good
    finally:
        cache.close()


@pytest.mark.parametrize("when", ["between builds", "while they lay out"])
def test_kept_workers_end_when_the_process_that_started_them_is_killed(book, tmp_path, when):
    """Killed (out of memory, say), the watch cannot end its workers: they see it gone and end, whether they wait
    for the next build or are half way through one (here: the watch stuck in its lint, beside them)."""
    import subprocess
    import sys
    import time

    script = ("import sys, time\n"
              "import booklet.build as build\n"
              "from booklet.cache import BuildCache, memory\n"
              "def stuck(*args):\n"
              "    print(*memory.active().lasting['workers'].pids(), flush=True)\n"
              "    time.sleep(60)\n"
              "if sys.argv[3] == 'while they lay out':\n"
              "    build.linted = stuck\n"
              "cache = BuildCache()\n"
              "build.build_booklet(sys.argv[1], sys.argv[2], cache=cache, jobs=2)\n"
              "print(*cache.lasting['workers'].pids(), flush=True)\n"
              "time.sleep(60)\n")
    env = {**os.environ, "BOOKLET_CACHE": "off"}
    watch = subprocess.Popen([sys.executable, "-c", script, str(book), str(tmp_path / "out.pdf"), when], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        pids = [int(pid) for pid in watch.stdout.readline().split()]
        assert len(pids) == 2 and all(map(_alive, pids))
    finally:
        watch.kill()
        watch.wait()
    deadline = time.monotonic() + 120  # (they end within a second or two; a loaded machine takes longer)
    while any(map(_alive, pids)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(map(_alive, pids))


def _watched_as_big(monkeypatch) -> list[BuildCache]:
    """The small book weighed as a big one on two cores (as `booklet build` would lay it out in parts); the watch's
    caches, as it makes them."""
    monkeypatch.setattr(parallel, "MIN_WEIGHT", 0.0)
    monkeypatch.setattr(parallel, "cores", lambda: 2)
    caches: list[BuildCache] = []
    made = watching.for_watch

    def recorded(folder):
        cache = made(folder)
        caches.append(cache)
        return cache

    monkeypatch.setattr(watching, "for_watch", recorded)
    return caches


def test_the_watch_of_a_big_book_rebuilds_it_in_parts_and_ends_its_workers(folder, tmp_path, monkeypatch,
                                                                          edited_cold):
    """A book that `booklet build` makes in parts, the watch makes in parts too (the same PDF), with the same workers
    at every rebuild; they end with the watch."""
    caches = _watched_as_big(monkeypatch)
    output, events, seen = tmp_path / "booklet.pdf", [], []

    def fake_watcher(roots, wanted):
        seen.append(caches[0].lasting["workers"].pids())
        _edit(folder)
        yield [folder / "abstracts.yaml"]
        seen.append(caches[0].lasting["workers"].pids())

    watching.watch(folder, output, report=events.append, watcher=fake_watcher)
    builds = [event for event in events if isinstance(event, watching.Rebuild)]
    assert [build.ok for build in builds] == [True, True]
    assert len(seen[0]) == 2 and seen[1] == seen[0]
    assert not any(map(_alive, seen[0]))  # ended with the watch
    assert output.read_bytes() == edited_cold


def test_a_kept_worker_that_fails_ends_them_all_and_the_next_build_starts_new_ones(folder, tmp_path, monkeypatch):
    monkeypatch.setenv("BOOKLET_CACHE", "off")
    here, save, flag = os.getpid(), parallel.PartCanvas.save, tmp_path / "fail"

    def failing(canvas):  # in a worker, while the flag is there (the workers are forked with this in place)
        if os.getpid() != here and flag.exists():
            raise OSError("disk full")
        save(canvas)

    monkeypatch.setattr(parallel.PartCanvas, "save", failing)
    cache = BuildCache()
    try:
        build_booklet(folder, tmp_path / "warm.pdf", cache=cache, jobs=2)
        workers = cache.lasting["workers"]
        before, good = workers.pids(), (tmp_path / "warm.pdf").read_bytes()
        flag.touch()
        with pytest.raises(RuntimeError, match="a worker process failed:(.|\n)*disk full"):
            build_booklet(folder, tmp_path / "warm.pdf", cache=cache, jobs=2)
        assert workers.pids() == [] and not any(map(_alive, before))
        assert (tmp_path / "warm.pdf").read_bytes() == good
        flag.unlink()
        build_booklet(folder, tmp_path / "warm.pdf", cache=cache, jobs=2)
        assert len(workers.pids()) == 2 and (tmp_path / "warm.pdf").read_bytes() == good
        assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "warm.pdf"]
    finally:
        cache.close()


def test_the_watch_with_one_job_keeps_no_workers(folder, tmp_path, monkeypatch):
    """`booklet watch --jobs 1`: one process, whatever the book (the least memory), and the PDF of `build --jobs 1`."""
    caches = _watched_as_big(monkeypatch)
    output, events = tmp_path / "booklet.pdf", []

    def fake_watcher(roots, wanted):
        _edit(folder)
        yield [folder / "abstracts.yaml"]

    watching.watch(folder, output, report=events.append, watcher=fake_watcher, jobs=1)
    assert [e.ok for e in events if isinstance(e, watching.Rebuild)] == [True, True]
    assert caches[0].lasting == {}
    monkeypatch.setenv("BOOKLET_CACHE", "off")
    build_booklet(folder, tmp_path / "one.pdf", jobs=1)
    assert output.read_bytes() == (tmp_path / "one.pdf").read_bytes()


def test_only_a_workers_error_about_writing_its_part_is_told_as_the_systems():
    """A full disk (no file named, or the part's own file) is the system's error, told as such; an error about any other
    file (one the data names, read again by a worker and gone since) or a bug keeps its traceback."""
    import errno

    part = "/books/.booklet.pdf.part1"
    try:
        raise OSError(errno.ENOSPC, "No space left on device")
    except OSError as exc:
        assert parallel._failed(exc, part)[2] == (errno.ENOSPC, "No space left on device", None)
    try:
        raise OSError(errno.EROFS, "Read-only file system", part)
    except OSError as exc:
        assert parallel._failed(exc, part)[2] == (errno.EROFS, "Read-only file system", part)
    for error in (OSError(errno.ENOENT, "No such file or directory", "/books/data/map.pdf"), OSError("odd"),
                  KeyError("x")):
        try:
            raise error
        except Exception as exc:  # noqa: BLE001
            kind, trace, system = parallel._failed(exc, part)
            assert kind == "error" and system is None and type(error).__name__ in trace
    with pytest.raises(OSError) as raised:
        parallel._checked(("error", "trace", (errno.ENOSPC, "No space left on device", None)))
    assert raised.value.errno == errno.ENOSPC
    with pytest.raises(RuntimeError, match="a worker process failed:\ntrace"):
        parallel._checked(("error", "trace", None))


def test_proofs_right_after_the_watch_of_a_big_book_take_its_pdf(folder, tmp_path, monkeypatch):
    """The watch builds a big book in as many processes as `booklet build` and `booklet proofs` do, so that proofs
    right after it take its PDF rather than build the booklet again (with one process, they could not)."""
    from booklet.proofs.write import _last_build

    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    _watched_as_big(monkeypatch)
    output = tmp_path / "booklet.pdf"
    for jobs, taken in ((1, False), (None, True)):
        cache = BuildCache()
        try:
            built = watching.rebuild(folder, output, cache=cache, jobs=jobs)
            assert built.ok
            built.keep_read()
        finally:
            cache.close()
        plan = _last_build(folder, "A5")
        assert (plan is not None) == taken


def test_a_first_kept_worker_that_fails_leaves_no_file_of_the_others_behind(folder, tmp_path, monkeypatch):
    """A watch's build in parts (disk cache on) whose first worker fails once its part is saved: the other workers,
    told where their parts start too, save theirs and write their files beside their places for the watch's process to
    put in place or remove. Only the first worker's last word was read (it said it failed), and the others were ended
    with their files unread: they were left in the cache folder, half-way (`.part`), until a sweep an hour on. Every
    worker's files are taken now, and removed with the build that failed: nothing is left beside a place."""
    from booklet.cache import persisted

    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    here, save = os.getpid(), parallel.PartCanvas.save

    def failing(canvas):  # the first worker, once its part is saved (the workers are forked with this in place)
        save(canvas)
        if os.getpid() != here and str(canvas._filename).endswith(".part0"):
            raise OSError("disk full")

    monkeypatch.setattr(parallel.PartCanvas, "save", failing)
    cache = persisted.for_watch(folder)
    try:
        with pytest.raises(RuntimeError, match="a worker process failed:(.|\n)*disk full"):
            build_booklet(folder, tmp_path / "warm.pdf", cache=cache, jobs=2)
        assert len(cache.lasting["workers"].made) == 2  # (two workers, both told where their parts start)
    finally:
        cache.close()
    kept = tmp_path / "cache" / persisted.KIND
    assert not [path.name for path in kept.iterdir() if path.name.endswith(".part")]
    from booklet.cache import disk

    assert not (tmp_path / "warm.pdf").exists() and not any(
        disk._path(persisted.KIND, persisted._name(folder.resolve(), f"{section}, part {slot} of 3")).exists()
        for section in persisted.PER_PART for slot in range(3))  # (nothing of a build that failed put in place)


def test_kept_workers_rebuild_with_the_fonts_a_theme_change_puts_in_use_though_only_their_bytes_differ(
        folder, tmp_path, monkeypatch):
    """A watch's builds in parts (`--jobs 2`) as the theme goes from the bundled Noto Sans to the data folder's own
    copy of it (other bytes, the same PostScript names and widths) and back: the same workers lay out each build, with
    the fonts that build's theme names (they are told its theme with each run), and each booklet is the one a build
    without any cache makes, byte for byte: the copy embedded and named apart (-digest), then the bundled fonts alone
    again. (A reviewer's script that read the theme back from a file its previous run had left `base: modern` saw
    the bundled fonts only; this holds the workers to each theme.)"""
    from booklet.text.fonts import FONT_DIR

    from .test_jobs import _font_objects
    from .test_theme import with_fs_type
    from .pdftext import Pdf

    monkeypatch.setenv("BOOKLET_CACHE", "off")
    (folder / "fonts").mkdir()
    for style in ("Regular", "Bold", "Italic", "BoldItalic"):  # (0x0008: editable embedding, the bundled has 0)
        data = with_fs_type((FONT_DIR / f"NotoSans-{style}.ttf").read_bytes(), 0x0008)
        (folder / "fonts" / f"NotoSans-{style}.ttf").write_bytes(data)
    themes = [SECTIONS + theme for theme in (
        "base: modern\n", "base: modern\nfonts:\n  text: fonts/NotoSans-Regular.ttf\n  headings: Noto Sans\n",
        "base: modern\n")]
    cold, names = [], []
    for number, theme in enumerate(themes[:2]):  # (the third theme is the first: the same files, the same cold bytes)
        (folder / "theme.yaml").write_text(theme, encoding="utf-8")
        cold.append(_cold(folder, tmp_path / f"cold{number}.pdf", monkeypatch))
        names.append({str(name).split("+")[1] for name in _font_objects(Pdf(tmp_path / f"cold{number}.pdf")).values()})
    assert themes[2] == themes[0] and cold[0] != cold[1]
    cold.append(cold[0])
    own = {name for name in names[1] - names[0] if name.startswith("NotoSans-")}
    assert own and all(re.fullmatch(r"NotoSans-\w+-[0-9a-f]{6}", name) for name in own)  # the copy, named apart
    assert not any(re.fullmatch(r"NotoSans-\w+-[0-9a-f]{6}", name) for name in names[0])

    cache = BuildCache()
    try:
        for number, theme in enumerate(themes):
            (folder / "theme.yaml").write_text(theme, encoding="utf-8")
            build_booklet(folder, tmp_path / "warm.pdf", cache=cache, jobs=2)
            if number == 0:
                workers = cache.lasting["workers"]
                pids = workers.pids()
            assert workers.pids() == pids and len(pids) == 2  # the same processes, told each theme
            assert (tmp_path / "warm.pdf").read_bytes() == cold[number], f"build {number + 1}"
    finally:
        cache.close()


def test_kept_workers_keep_the_poster_entries_and_make_again_only_an_edited_poster_s(book, tmp_path, monkeypatch):
    """The posters printed, laid out by both workers (each makes all their entries): after an abstract's text edit
    neither makes any entry again, after a poster's title edit each makes that one (layout.posters.kept_poster_entry);
    each booklet a cold build's, byte for byte."""
    folder = Path(shutil.copytree(book, tmp_path / "data"))
    (folder / "theme.yaml").write_text("sections: [posters, index]\n", encoding="utf-8")
    monkeypatch.setenv("BOOKLET_CACHE", "off")
    cache, warm = BuildCache(), tmp_path / "warm.pdf"

    def entries_made() -> list[int]:
        """The poster entries each worker made in a warm build (its PDF asserted a cold build's)."""
        build_booklet(folder, warm, cache=cache, jobs=2)
        assert warm.read_bytes() == _cold(folder, tmp_path / "cold.pdf", monkeypatch)
        return [made.get("poster entries", 0) for made in cache.lasting["workers"].made]

    try:
        assert entries_made() == [16, 16]
        _edit(folder)
        assert entries_made() == [0, 0]
        path = folder / "posters.yaml"
        text = path.read_text(encoding="utf-8")
        at = text.index("title: ") + len("title: ")
        path.write_text(text[:at] + "Revised " + text[at:], encoding="utf-8")
        assert entries_made() == [1, 1]
    finally:
        cache.close()
