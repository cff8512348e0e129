"""A warm cache keeps what lives on out of the garbage collector's way (booklet.cache.memory._settle), and
what it drops is still freed."""

from __future__ import annotations

import gc
import weakref

from booklet.cache import BuildCache
from booklet.cache import memory


class _Cycle:
    def __init__(self):
        self.me = self  # freed only by the cyclic collector, never by reference counting alone


def test_a_dropped_value_in_a_reference_cycle_is_freed_within_a_round_of_warm_builds():
    cache = BuildCache()
    with cache.build():
        value = cache.get("layouts", "k", _Cycle)
    gone = weakref.ref(value)
    del value
    with cache.build():
        pass  # "k" not used: dropped from the cache once this build has ended, when the cache is idle
    assert cache.size("layouts") == 1
    cache.idle()
    assert cache.size("layouts") == 0
    for _ in range(memory._FULL_EVERY):
        with cache.build():
            assert gc.get_freeze_count() > 0  # a warm build runs with what lived before it frozen
    assert gone() is None


def test_the_garbage_a_build_left_is_collected_before_the_next_warm_build():
    cache = BuildCache()
    with cache.build():
        pass
    left = _Cycle()
    gone = weakref.ref(left)
    del left  # unreachable, not yet collected (and not frozen)
    with cache.build():
        assert gone() is None


def test_what_the_next_build_does_first_a_watch_does_while_it_waits(monkeypatch):
    """idle() (a watch between rebuilds, a kept worker between runs) drops what the last build did not use and
    collects and freezes; the next build does neither again. A build that failed drops nothing."""
    settled = []
    monkeypatch.setattr(memory, "_settle", lambda: settled.append(1))
    cache = BuildCache()
    with cache.build():
        cache.get("layouts", "old", lambda: 1)
    with cache.build():
        cache.get("layouts", "new", lambda: 2)
    assert len(settled) == 2 and cache.size("layouts") == 2
    cache.idle()
    assert len(settled) == 3 and cache.size("layouts") == 1
    cache.idle()  # nothing more to do
    with cache.build():
        assert len(settled) == 3  # done while it waited
        cache.get("layouts", "newer", lambda: 3)
    try:
        with cache.build():
            raise RuntimeError("a build that fails")
    except RuntimeError:
        pass
    assert len(settled) == 4 and cache.size("layouts") == 1  # "newer": the failed build used nothing, drops nothing
    cache.idle()
    assert cache.size("layouts") == 1


def test_a_single_builds_cache_leaves_the_collector_alone():
    gc.unfreeze()
    with BuildCache(warm=False).build():
        assert gc.get_freeze_count() == 0


def test_a_builds_pdf_objects_are_freed_without_the_cyclic_collector(tmp_path):
    """ReportLab's document objects (pages, links, destinations: thousands in a big booklet) are freed when
    the PDF is saved (output.render._release), so the collection before the next warm build has next to
    nothing to go through (it went through all of them: a tenth of a 500-talk rebuild)."""
    from booklet.build import build_booklet
    from .helpers import write_conference

    folder = write_conference(tmp_path / "conf")
    build_booklet(folder, tmp_path / "cold.pdf", cache=BuildCache(warm=False))
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        build_booklet(folder, tmp_path / "out.pdf", cache=BuildCache(warm=False))
        gc.collect()
        left = [type(o).__name__ for o in gc.garbage if type(o).__module__ == "reportlab.pdfbase.pdfdoc"]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
    assert (tmp_path / "out.pdf").read_bytes() == (tmp_path / "cold.pdf").read_bytes()
    assert sorted(left) == ["PDFDocument", "PDFInfo"]  # only the document itself, held by the canvas


def test_a_processs_first_warm_build_freezes_without_collecting_and_the_next_collects(monkeypatch):
    """Before the first warm build of a process no build left garbage: what is there is frozen, not collected
    (a whole collection of a cold `booklet build`'s imports freed nothing); before the second, it is collected."""
    collected = []
    monkeypatch.setattr(memory, "_settled", [0])
    monkeypatch.setattr(memory.gc, "collect", lambda *args: collected.append(args) or 0)
    gc.unfreeze()
    cache = BuildCache()
    with cache.build():
        assert collected == [] and gc.get_freeze_count() > 0
    with cache.build():
        assert collected == [()]


def test_a_build_collects_seldom_and_leaves_the_collector_as_it_found_it(tmp_path, monkeypatch):
    from booklet.build import build_booklet
    from booklet.layout import story
    from .helpers import write_conference

    seen = []
    real = story.build_story
    monkeypatch.setattr("booklet.build.build_story", lambda *a, **k: seen.append(gc.get_threshold()) or real(*a, **k))
    before = gc.get_threshold()
    gc.set_threshold(900, 11, 12)
    try:
        build_booklet(write_conference(tmp_path / "conf"), tmp_path / "b.pdf")  # (any conference: the collector's
        assert seen == [(10_000, 1_000, 1_000)]  # thresholds, not what it lays out)
        assert gc.get_threshold() == (900, 11, 12)
    finally:
        gc.set_threshold(*before)


def test_collecting_seldom_inside_itself_leaves_the_outer_thresholds_until_it_ends():
    from booklet.cache.disk import seldom_collected

    before = gc.get_threshold()
    with seldom_collected():
        with seldom_collected():
            assert gc.get_threshold() == (10_000, 1_000, 1_000)
        assert gc.get_threshold() == (10_000, 1_000, 1_000)
    assert gc.get_threshold() == before


def test_collecting_seldom_leaves_the_middle_generation_after_hundreds_of_young_collections():
    """A build of 2,000 talks in one process made 283 young collections; after the 100th, the middle generation
    (all the layout made so far, millions of objects, none of them garbage) was collected, and again after the 200th:
    4.3 s of the build. Inside seldom_collected, 150 young collections (as a big build's) and then the next one the
    allocations make collect the young generation alone."""
    from booklet.cache.disk import seldom_collected

    collected = []

    def note(phase, info):
        if phase == "start":
            collected.append(info["generation"])

    before, enabled = gc.get_threshold(), gc.isenabled()
    gc.enable()
    gc.collect()  # (the middle generation's count from 0)
    try:
        with seldom_collected():
            for _ in range(150):
                gc.collect(0)  # (each counts as a young collection towards the middle generation's)
            gc.callbacks.append(note)
            try:
                kept = [[] for _ in range(gc.get_threshold()[0] * 3)]  # the allocations that start a collection
            finally:
                gc.callbacks.remove(note)
        assert kept and collected and set(collected) == {0}, collected
    finally:
        gc.set_threshold(*before)
        if not enabled:
            gc.disable()



def _frozen(value) -> bool:
    """Whether `value` (an object the collector tracks) is frozen: in no generation (gc.get_objects leaves them out)."""
    return gc.is_tracked(value) and not any(found is value for found in gc.get_objects())


def _builds_seen_at_save(monkeypatch, tmp_path, jobs: int, ends: bool, folder=None,
                          with_its_build: bool | None = None) -> tuple[bytes, list, int]:
    """A conference (the sample unless `folder`) built in this process as one that ends (`booklet build`:
    disk.ending(with_its_build=True), unless `with_its_build` is False: `booklet proofs`) or not: its PDF; the young
    objects, the frozen ones and whether the canvas itself was frozen, each time a canvas saved a PDF (ReportLab's
    Canvas.save, the booklet's last); the frozen ones once the build has returned."""
    from pathlib import Path

    from reportlab.pdfgen.canvas import Canvas

    from booklet.build import build_booklet
    from booklet.cache import disk

    monkeypatch.setenv("BOOKLET_CACHE", "off")  # (values read from the disk cache are frozen: not these builds')
    monkeypatch.setattr(disk, "_TO_THE_END", [] if ends else None)
    monkeypatch.setattr(disk, "_WITH_ITS_BUILD", ends if with_its_build is None else with_its_build)
    seen = []
    real = Canvas.save
    monkeypatch.setattr(Canvas, "save", lambda canvas: seen.append((len(gc.get_objects(0)), gc.get_freeze_count(),
                                                                    _frozen(canvas))) or real(canvas))
    folder = folder or Path(__file__).resolve().parent.parent / "data"
    gc.unfreeze()
    try:
        build_booklet(folder, tmp_path / f"{jobs}-{ends}.pdf", cache=BuildCache(warm=False), jobs=jobs)
        return (tmp_path / f"{jobs}-{ends}.pdf").read_bytes(), seen, gc.get_freeze_count()
    finally:
        gc.unfreeze()


def test_a_process_that_ends_with_its_build_freezes_the_pages_laid_out_before_saving_them(tmp_path, monkeypatch):
    """Once the pages are laid out, a process that ends with its build moves all it holds out of the collector's way
    (disk.alive_to_the_end): the collections while the PDF is saved and the disk cache written go through what they
    make, not through everything the layout left (0.2-0.4 s a process at 2,000 talks). One that goes on freezes
    nothing. The PDF is the same. (A small conference: its layout leaves thousands of young objects, 4,400, when
    nothing is frozen before the save.)"""
    from .helpers import write_conference

    folder = write_conference(tmp_path / "conf")
    goes_on, seen, frozen_after = _builds_seen_at_save(monkeypatch, tmp_path, 1, ends=False, folder=folder)
    assert seen[-1][1] == 0 and frozen_after == 0
    ends, seen, frozen_after = _builds_seen_at_save(monkeypatch, tmp_path, 1, ends=True, folder=folder)
    young, frozen_then, _ = seen[-1]
    assert young < 1_000 and frozen_then > 50_000 and frozen_after >= frozen_then - 10_000
    assert ends == goes_on


def test_a_build_in_parts_leaves_its_process_frozen_only_when_the_process_ends_with_it(tmp_path, monkeypatch):
    """The main process of a build in parts freezes what it holds before forking (the workers share its pages);
    one that goes on building unfreezes it afterwards, so that what the build left can be collected, and one that
    ends with its build leaves it frozen, with the pages of the last part, laid out there (the first collection
    after would go through it all). The PDF is the same. (A small conference, in two parts too: its last part's
    layout leaves 2,000 young objects when nothing is frozen before the save.)"""
    from .helpers import write_conference

    folder = write_conference(tmp_path / "conf")
    goes_on, _, frozen_after = _builds_seen_at_save(monkeypatch, tmp_path, 2, ends=False, folder=folder)
    assert frozen_after == 0
    ends, seen, frozen_after = _builds_seen_at_save(monkeypatch, tmp_path, 2, ends=True, folder=folder)
    assert seen[-1][0] < 1_000 and frozen_after > 50_000
    assert ends == goes_on


def test_the_passes_that_learn_an_index_before_its_pages_are_not_frozen(tmp_path, monkeypatch):
    """With the index before the pages it lists, the booklet is laid out in passes that learn where people are
    (build.learn_people), each thrown away: only the last layout, the booklet's, is frozen."""
    from .helpers import write_conference

    folder = write_conference(tmp_path / "conf", {
        "theme.yaml": "sections: [committees, index, programme, abstracts, tutorials, posters, practical]\n"})
    goes_on, seen, _ = _builds_seen_at_save(monkeypatch, tmp_path, 1, ends=False, folder=folder)
    ends, seen, _ = _builds_seen_at_save(monkeypatch, tmp_path, 1, ends=True, folder=folder)
    # each pass saved its canvas unfrozen, the booklet's frozen (the counts of frozen objects say less: what an earlier
    # build in the same process left frozen may be let go meanwhile, more than this small booklet freezes)
    assert len(seen) >= 3 and [canvas for *_, canvas in seen] == [False] * (len(seen) - 1) + [True], seen
    assert seen[-1][0] < 1_000, seen
    assert ends == goes_on


def test_a_process_that_ends_but_not_with_its_build_freezes_nothing_of_it(tmp_path, monkeypatch):
    """`booklet proofs` ends once it has written the proofs, which it may do after building the booklet itself:
    what the build leaves is not frozen there (disk.ending without with_its_build)."""
    from booklet.cache import disk
    from .helpers import write_conference

    # (a small conference: frozen, even a few pages' layout would count thousands of objects)
    _, seen, frozen_after = _builds_seen_at_save(monkeypatch, tmp_path, 1, ends=True, with_its_build=False,
                                                 folder=write_conference(tmp_path / "conf"))
    assert seen[-1][1] == 0 and frozen_after == 0
    monkeypatch.setattr(disk, "_TO_THE_END", None)
    monkeypatch.setattr(disk, "_WITH_ITS_BUILD", False)
    disk.ending()
    assert disk._TO_THE_END == [] and not disk.ends_with_its_build()
    disk.ending(with_its_build=True)
    assert disk.ends_with_its_build()


def test_reading_the_data_freezes_the_model_only_in_a_process_that_ends_with_its_build(monkeypatch):
    from pathlib import Path

    from booklet.cache import disk
    from booklet.check import read

    sample = Path(__file__).resolve().parent.parent / "data"
    monkeypatch.setenv("BOOKLET_CACHE", "off")
    gc.unfreeze()
    try:
        monkeypatch.setattr(disk, "_WITH_ITS_BUILD", False)
        read(sample)
        assert gc.get_freeze_count() == 0
        monkeypatch.setattr(disk, "_WITH_ITS_BUILD", True)
        booklet, _ = read(sample)
        assert gc.is_tracked(booklet.abstracts) and gc.get_freeze_count() > 10_000
        assert not any(o is booklet.abstracts for o in gc.get_objects())  # frozen: out of every generation
    finally:
        gc.unfreeze()


def test_the_model_taken_from_the_last_build_is_frozen_only_in_a_process_that_ends_with_its_build(tmp_path,
                                                                                                monkeypatch):
    """As check.read's: the model a build takes from the last build's note (cache.built.read_of) lives until a
    process that ends with its build ends."""
    from booklet.build import PrintOptions, build_booklet
    from booklet.cache import built, disk
    from .helpers import write_conference

    folder = write_conference(tmp_path / "data")  # (any conference: what its model is, not how big)
    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    build_booklet(folder, tmp_path / "first.pdf")  # keeps what it read
    before = built.inputs(folder, PrintOptions(), "A5")
    gc.unfreeze()
    try:
        monkeypatch.setattr(disk, "_WITH_ITS_BUILD", False)
        booklet, _ = built.read_of(before, folder)
        assert gc.is_tracked(booklet.abstracts) and any(o is booklet.abstracts for o in gc.get_objects())
        monkeypatch.setattr(disk, "_WITH_ITS_BUILD", True)
        booklet, _ = built.read_of(before, folder)
        assert not any(o is booklet.abstracts for o in gc.get_objects())  # frozen: out of every generation
    finally:
        gc.unfreeze()
