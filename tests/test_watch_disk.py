"""`booklet watch` and the disk cache: its first build takes what the last `booklet build` of the folder kept there
(data files as read, layouts), its rebuilds what the builds before made, in memory, and what its builds made new is
written back for a later build; the PDF is the one a build without a cache makes, byte for byte."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from booklet import watch as watching
from booklet.build import build_booklet
from booklet.cache import BuildCache, disk
from booklet.cache.persisted import PersistedCache, Rebuilding, for_watch
from booklet.output import atomic
from booklet.watch import Rebuild, watch

from .helpers import BASE, write_conference
from .test_jobs import _generate
from .test_kept_workers import SECTIONS, _cold, _edit
from .test_watch import set_title


@pytest.fixture(scope="module")
def book(tmp_path_factory) -> Path:
    """The generated 12-talk book, printing its abstracts and index (test_kept_workers.SECTIONS)."""
    folder = _generate(tmp_path_factory.mktemp("watched") / "data", 12, 16)
    (folder / "theme.yaml").write_text(SECTIONS, encoding="utf-8")
    return folder


def _watched(monkeypatch) -> list[tuple[BuildCache, dict]]:
    """Each build of a watch: its cache, and what that cache made in it, by section."""
    seen = []
    real = watching.rebuild

    def recording(data_dir, output, options=None, cache=None, jobs=None):
        result = real(data_dir, output, options, cache, jobs)
        seen.append((cache, dict(cache.made)))
        return result

    monkeypatch.setattr(watching, "rebuild", recording)
    return seen


def _without_cache(folder: Path, out: Path, monkeypatch, jobs: int = 1) -> bytes:
    with monkeypatch.context() as patch:
        patch.setenv("BOOKLET_CACHE", "off")
        build_booklet(folder, out, jobs=jobs)
    return out.read_bytes()


def test_a_watchs_first_build_takes_the_layouts_and_files_a_build_kept_and_keeps_its_own_for_the_next(
        tmp_path, monkeypatch):
    """A watch started after `booklet build` laid the whole booklet out again (a plain cache in memory): it makes
    none of it now; after an edit it makes what the edit touched, and a `booklet build` after the watch reads no
    data file (the watch wrote the edited one's reading to the disk cache)."""
    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    folder = write_conference(tmp_path / "conf")
    build_booklet(folder, tmp_path / "built.pdf", jobs=1)
    seen = _watched(monkeypatch)
    events = []

    def one_edit(roots, wanted):
        set_title(folder, "Edited While Watched")
        yield [folder / "conference.yaml"]

    watch(folder, tmp_path / "watched.pdf", report=events.append, watcher=one_edit, jobs=1)
    builds = [event for event in events if isinstance(event, Rebuild)]
    assert [build.ok for build in builds] == [True, True]
    (cache, first), (same, again) = seen
    assert first.get("layouts", 0) == 0 and first.get("files", 0) == 0  # all taken from the disk cache
    assert cache is same and isinstance(cache, Rebuilding)
    assert again["files"] == 1 and again["layouts"] > 0  # conference.yaml, and what its title is in
    assert (tmp_path / "watched.pdf").read_bytes() == _without_cache(folder, tmp_path / "cold.pdf", monkeypatch)

    after = PersistedCache(folder)  # a `booklet build` after the watch
    build_booklet(folder, tmp_path / "after.pdf", cache=after, jobs=1)
    assert after.made.get("files", 0) == 0  # the edited conference.yaml as the watch read it
    assert (tmp_path / "after.pdf").read_bytes() == (tmp_path / "watched.pdf").read_bytes()


def test_a_watch_with_the_disk_cache_off_builds_from_memory_and_writes_nothing_there(tmp_path, monkeypatch):
    monkeypatch.setenv("BOOKLET_CACHE", "off")
    folder = write_conference(tmp_path / "conf")
    seen = _watched(monkeypatch)
    events = []
    watch(folder, tmp_path / "watched.pdf", report=events.append, watcher=lambda roots, wanted: iter(()), jobs=1)
    assert [event.ok for event in events if isinstance(event, Rebuild)] == [True]
    assert type(seen[0][0]) is BuildCache and disk.folder() is None
    assert type(for_watch(folder)) is BuildCache
    assert sorted(p.name for p in tmp_path.iterdir()) == ["conf", "watched.pdf"]


def test_a_watch_in_parts_keeps_its_workers_and_takes_its_own_part_from_the_disk_cache(book, tmp_path, monkeypatch):
    """In parts each process takes its own part's layouts from what the build in parts before it kept (the watch's
    process lays out the last part: the index of authors, ...); the workers are kept between its builds, as before,
    and lay out from their memory after an edit."""
    folder = Path(shutil.copytree(book, tmp_path / "data"))
    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    build_booklet(folder, tmp_path / "built.pdf", jobs=2)
    cache = for_watch(folder)
    try:
        assert watching.rebuild(folder, tmp_path / "watched.pdf", None, cache, 2).ok
        assert cache.made.get("layouts", 0) == 0 and cache.made.get("files", 0) == 0
        workers = cache.lasting["workers"]
        pids = workers.pids()
        assert len(pids) == 2
        assert [made.get("layouts", 0) for made in workers.made] == [0, 0]  # each took its part's from the disk
        assert (tmp_path / "watched.pdf").read_bytes() == (tmp_path / "built.pdf").read_bytes()
        cache.idle()
        _edit(folder)
        assert watching.rebuild(folder, tmp_path / "watched.pdf", None, cache, 2).ok
        assert cache.lasting["workers"].pids() == pids
        assert cache.made["files"] == 3  # abstracts.yaml, its edited item and entry; the others from memory
        assert 0 < sum(made.get("layouts", 0) for made in workers.made) < 100  # the edited abstract's
        assert (tmp_path / "watched.pdf").read_bytes() == _cold(folder, tmp_path / "cold.pdf", monkeypatch)
        cache.idle()
    finally:
        cache.close()
    kept = sorted(path.name for path in (tmp_path / "cache" / "persisted").iterdir())
    assert kept and all(name.endswith((".pickle", ".apart")) for name in kept)  # nothing half-written left

    after = PersistedCache(folder)  # a `booklet build` in parts after the watch: the same booklet
    build_booklet(folder, tmp_path / "after.pdf", cache=after, jobs=2)
    assert (tmp_path / "after.pdf").read_bytes() == (tmp_path / "watched.pdf").read_bytes()


def _with_a_formula(folder):
    """The minimal conference, an abstract with a formula: values are kept apart (cache.Seldom) for math paragraphs."""
    return write_conference(folder, {"abstracts.yaml": BASE["abstracts.yaml"].replace(
        "abstract: Some text.", "abstract: Some text, $E = mc^2$.")})


def test_a_watch_and_a_build_taking_turns_on_one_cache_leave_one_file_of_values_kept_apart(tmp_path, monkeypatch):
    """A watch read the layouts file of its folder (naming its file of values kept apart, `.apart`); a `booklet build`
    of the same folder at another size then wrote that file again, naming a new `.apart`, and removed the one before;
    the watch's next build that made new layouts wrote the file once more and removed the `.apart` it had read, which
    was gone already: the build's was named by no file, and stayed there for ever. The file replaced is asked what it
    names as it is replaced: one `.apart` is left, the one the layouts file names, and the PDF is as without a cache."""
    from booklet.build import PrintOptions
    from booklet.cache import persisted

    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    folder = _with_a_formula(tmp_path / "conf")
    kept = tmp_path / "cache" / persisted.KIND
    watching_cache = Rebuilding(folder)
    build_booklet(folder, tmp_path / "watched.pdf", cache=watching_cache, jobs=1)
    watching_cache.idle()
    (first,) = kept.glob("*.apart")
    build_booklet(folder, tmp_path / "a4.pdf", options=PrintOptions(page_size="A4"), jobs=1)  # `booklet build`
    (built,) = kept.glob("*.apart")
    assert built != first
    build_booklet(folder, tmp_path / "watched.pdf", options=PrintOptions(page_size="B5"), cache=watching_cache, jobs=1)
    watching_cache.idle()
    layouts = disk._path(persisted.KIND, persisted._name(folder.resolve(), "layouts"))
    named = PersistedCache(folder)._kept_file("layouts")[5]  # (its header)
    assert named and sorted(path.name for path in kept.glob("*.apart")) == [f"{layouts.stem}-{named}.apart"]
    with monkeypatch.context() as patch:
        patch.setenv("BOOKLET_CACHE", "off")
        build_booklet(folder, tmp_path / "cold.pdf", options=PrintOptions(page_size="B5"), jobs=1)
    assert (tmp_path / "watched.pdf").read_bytes() == (tmp_path / "cold.pdf").read_bytes()


def test_files_of_values_kept_apart_that_no_section_names_are_removed_an_hour_on(tmp_path, monkeypatch):
    """A file of values kept apart that no section's file names (left by two processes writing one section's file at
    once, or one killed between putting it in place and the file that names it) is removed by the next save once it
    is more than ABANDONED seconds old; never one a section's file names, nor a newer one (a live process may be about
    to name it), nor one whose section's file cannot be read."""
    import os
    import time

    from booklet.cache import persisted

    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    folder = _with_a_formula(tmp_path / "conf")
    build_booklet(folder, tmp_path / "out.pdf", jobs=1)
    kept = tmp_path / "cache" / persisted.KIND
    (named,) = kept.glob("*.apart")
    stem = named.name.split("-")[0]
    orphans = [kept / f"{stem}-{'a' * 32}.apart", kept / f"{'b' * 64}-{'c' * 32}.apart"]  # another file's; no file's
    recent = kept / f"{stem}-{'d' * 32}.apart"
    unreadable = kept / f"{'e' * 64}-{'f' * 32}.apart"
    (kept / f"{'e' * 64}.pickle").mkdir()  # (a folder where the section's file would be: it cannot be read)
    for path in (*orphans, recent, unreadable):
        path.write_bytes(b"x")
    hours_ago = time.time() - atomic.ABANDONED - 60
    for path in (named, *orphans, unreadable):
        os.utime(path, (hours_ago, hours_ago))
    disk._swept.cache_clear()
    getattr(persisted, "_swept_apart", disk._swept).cache_clear()  # (once a process)
    PersistedCache(folder).save()  # a build that made nothing new: nothing written
    assert sorted(path.name for path in kept.glob("*.apart")) == sorted([named.name, recent.name, unreadable.name])


def test_a_watch_shrinking_from_parts_to_one_process_reads_the_one_process_layouts(book, tmp_path, monkeypatch):
    """A watch whose book gets smaller than a build in parts pays for builds it in one process: it held only its own
    part's layouts (the last part's), and did not look for the layouts file a `booklet build` in one process kept, so it
    laid out most of the book again (1,339 of its layouts). It reads that file now: nothing is laid out again, and the
    PDF is the one a build in one process without a cache makes."""
    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    folder = Path(shutil.copytree(book, tmp_path / "data"))
    build_booklet(folder, tmp_path / "built.pdf", jobs=1)  # `booklet build` in one process
    cache = for_watch(folder)
    try:
        build_booklet(folder, tmp_path / "watched.pdf", cache=cache, jobs=2)  # in parts
        cache.idle()
        build_booklet(folder, tmp_path / "watched.pdf", cache=cache, jobs=1)  # smaller: in one process
        assert cache.made.get("layouts", 0) == 0
    finally:
        cache.close()
    assert (tmp_path / "watched.pdf").read_bytes() == _without_cache(folder, tmp_path / "cold.pdf", monkeypatch)


def test_a_ctrl_c_while_a_watch_keeps_what_it_read_leaves_nothing_half_written_and_keeps_the_build(
        tmp_path, monkeypatch):
    """Ctrl-C (KeyboardInterrupt) while a watch keeps the model its build read (for proofs of the same data:
    BuildResult.keep_read) left that file half-written beside its place (`.part` in the cache's `read` folder, which
    no sweep looks at; only the command line's exit removed it), and skipped writing what the build made (its layouts,
    data files, streams: the next `booklet build` made them all again). The half-written file is removed as the
    interrupt goes through, the file kept before is as it was, and what the finished build made is written."""
    import os

    from booklet.cache import built

    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    folder = write_conference(tmp_path / "conf")
    store = disk.store

    def interrupted(kind, name, value=None, *, make=None):  # Ctrl-C while the model is pickled into the file
        def stopped():
            raise KeyboardInterrupt
        return store(kind, name, make=stopped) if kind == built.READ else store(kind, name, value, make=make)

    monkeypatch.setattr(disk, "store", interrupted)
    with pytest.raises(KeyboardInterrupt):
        watch(folder, tmp_path / "watched.pdf", report=lambda event: None, watcher=lambda roots, wanted: iter(()),
              jobs=1)
    monkeypatch.setattr(disk, "store", store)
    left = [os.path.join(root, name) for root, _, names in os.walk(tmp_path / "cache") for name in names
            if name.endswith(".part")]
    assert left == []
    after = PersistedCache(folder)  # a `booklet build` after it: the watch's build's layouts and data files kept
    build_booklet(folder, tmp_path / "after.pdf", cache=after, jobs=1)
    assert after.made.get("layouts", 0) == 0 and after.made.get("files", 0) == 0
    assert (tmp_path / "after.pdf").read_bytes() == (tmp_path / "watched.pdf").read_bytes()


def test_a_build_after_an_abstract_corrected_takes_the_posters_as_the_last_build_parsed_them(book, tmp_path,
                                                                                             monkeypatch):
    """A build after one abstract corrected reads the data again; the forked process that reads a big posters.yaml
    (data.validate._posters_elsewhere) parsed it again too (1,000 posters at 500 talks: about 0.1 s of CPU of every
    build and proofs after an edit), though the disk cache held it as the last build parsed it. It takes it from there
    now (the same bytes), and the build keeps it for the next: two corrections later it is still not parsed again.
    Each PDF is the one a build without the cache makes."""
    from booklet import processes
    from booklet.data import load, validate

    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(validate, "ELSEWHERE_FROM", 0)  # (the test book's posters.yaml is small)
    monkeypatch.setattr(processes, "forks_pay", lambda: True)
    folder = Path(shutil.copytree(book, tmp_path / "data"))
    build_booklet(folder, tmp_path / "built.pdf", jobs=2)
    parsed = tmp_path / "parsed.txt"  # each data file parsed, by any process (a forked one appends too)
    real = load._parse_yaml

    def noted(text, display, problems):
        with open(parsed, "a", encoding="utf-8") as file:
            file.write(f"{display}\n")
        return real(text, display, problems)

    monkeypatch.setattr(load, "_parse_yaml", noted)
    for correction in (1, 2):
        _edit(folder)
        parsed.write_text("", encoding="utf-8")
        build_booklet(folder, tmp_path / f"edited-{correction}.pdf", jobs=2)
        # (theme.yaml aside: the lint's process reads it for the line of its warning that SECTIONS leaves sections
        # out where it lints the whole book, not where it takes the last lint's findings, lint.again)
        read = parsed.read_text(encoding="utf-8").split()
        assert [name for name in read if name != "theme.yaml"] == ["abstracts.yaml"]
        assert (tmp_path / f"edited-{correction}.pdf").read_bytes() == _without_cache(
            folder, tmp_path / f"cold-{correction}.pdf", monkeypatch, jobs=2)


def test_a_watchs_first_build_after_a_build_that_read_the_posters_elsewhere_reads_no_file(book, tmp_path, monkeypatch):
    """A `booklet build` that may use more than one process reads a big posters.yaml in a forked process of its own
    (data.validate._posters_elsewhere), which kept nothing: the file as parsed never reached the disk cache, and a
    watch's first build parsed it again (the 500-talk book's 558 KB: 0.2 s), every data file else taken from there.
    That process now sends the file as parsed too, kept with the others: the watch's first build reads none, and its
    PDF is the build's."""
    from booklet import processes
    from booklet.data import validate

    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(validate, "ELSEWHERE_FROM", 0)  # (the test book's posters.yaml is small)
    monkeypatch.setattr(processes, "forks_pay", lambda: True)
    folder = Path(shutil.copytree(book, tmp_path / "data"))
    forked = []
    real = validate._posters_elsewhere
    monkeypatch.setattr(validate, "_posters_elsewhere", lambda *args: forked.append(real(*args)) or forked[-1])
    build_booklet(folder, tmp_path / "built.pdf", jobs=2)  # `booklet build`
    assert forked and forked[0] is not None  # (the posters were read in a process of their own)
    cache = for_watch(folder)
    try:
        assert watching.rebuild(folder, tmp_path / "watched.pdf", None, cache, 2).ok
        assert cache.made.get("files", 0) == 0
    finally:
        cache.close()
    assert (tmp_path / "watched.pdf").read_bytes() == (tmp_path / "built.pdf").read_bytes()


def _kept_files(folder: Path) -> list[str]:
    """The data files the disk cache keeps as parsed for `folder`: each file's name, once for each version kept."""
    return sorted(key[0] for key in PersistedCache(folder).held("files"))


@pytest.mark.parametrize("name, jobs", [("abstracts.yaml", 1), ("posters.yaml", 2)])
def test_a_build_after_an_edit_keeps_the_file_as_it_is_now_not_as_it_was_too(book, tmp_path, monkeypatch, name, jobs):
    """The disk cache keeps the data files as the last build read them, nothing else (cache.persisted): a file edited
    is kept as it is now, not beside each version before it. A build wrote every version it held before the layout
    (PersistedCache._files_out: those the disk cache gave it too, not only those it used), so each edit added one,
    kept for good (at 2,000 talks a parsed abstracts.yaml is some MB, loaded by every build); posters.yaml read by a
    process of its own (data.validate._posters_elsewhere) as abstracts.yaml is read here."""
    from booklet import processes
    from booklet.data import validate

    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(validate, "ELSEWHERE_FROM", 0)  # (the test book's posters.yaml is small)
    monkeypatch.setattr(processes, "forks_pay", lambda: True)
    folder = Path(shutil.copytree(book, tmp_path / "data"))
    build_booklet(folder, tmp_path / "built.pdf", jobs=jobs)
    kept = _kept_files(folder)
    assert name in kept
    versions = [_whole_file_kept(folder, name)]
    for correction in (1, 2):
        with open(folder / name, "a", encoding="utf-8") as file:
            file.write(f"# corrected {correction}\n")
        build_booklet(folder, tmp_path / f"edited-{correction}.pdf", jobs=jobs)
        assert _kept_files(folder) == kept
        versions.append(_whole_file_kept(folder, name))
    assert [len(kept) for kept in versions] == [1, 1, 1]
    assert len(set().union(*versions)) == 3  # (each build's its own: the file as it read it)


def _whole_file_kept(folder: Path, name: str) -> set:
    """The disk cache's keys of the data file `name` as parsed whole, (name, its bytes' hash, "yaml"); not those of
    its items and their checked entries, kept beside it (one for each item, the same while the item is)."""
    held = PersistedCache(folder).held("files")
    return {key for key in held if key[0] == name and len(key) == 3 and key[2] == "yaml"}
