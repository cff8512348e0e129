"""`build --jobs N`: the booklet laid out in parts by worker processes is the booklet of one process."""

from __future__ import annotations

import importlib.util
import os
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from booklet.build import build_booklet
from booklet.data.validate import read_booklet
from booklet.layout.common import Context
from booklet.layout.page import page_for
from booklet.layout.story import story_pieces
from booklet.output import atomic
from booklet.output.parallel import jobs_that_pay, plan
from booklet.processes import MAX_JOBS

from .pdftext import Pdf

ROOT = Path(__file__).resolve().parent.parent


def _generate(folder: Path, talks: int, posters: int) -> Path:
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.generate(folder, talks=talks, posters=posters, seed=3)
    return folder


@pytest.fixture(scope="module")
def medium(tmp_path_factory) -> Path:
    return _generate(tmp_path_factory.mktemp("medium") / "data", 12, 16)


@pytest.fixture(scope="module")
def medium_cold_reads() -> list[tuple[str, int]]:
    """What the processes of medium_cold_built's build in two jobs read of the hyphenation patterns ("patterns") and
    of babel's locale data ("locale"), with the reading process's id: filled by medium_cold_built."""
    return []


@pytest.fixture(scope="module")
def medium_cold_built(medium, tmp_path_factory, medium_cold_reads) -> dict:
    """The medium folder built by jobs (1 and 2) without a cache (BOOKLET_CACHE=off): their BuildResults. The build in
    two jobs starts as a new process would, with no hyphenation patterns nor locale data read: what its processes
    read of them is noted in medium_cold_reads."""
    import babel.localedata
    import pyphen

    from booklet.text import dates

    out = tmp_path_factory.mktemp("medium-cold")
    noted = out / "reads"  # (a line per read, with the process's id: the workers write there too)

    def note(what: str, real):
        def read(*args, **kwargs):
            with noted.open("a") as lines:
                lines.write(f"{what} {os.getpid()}\n")
            return real(*args, **kwargs)
        return read

    built = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BOOKLET_CACHE", "off")
        built[1] = build_booklet(medium, out / "1.pdf", jobs=1)
        patch.setattr(pyphen, "hdcache", {})
        patch.setattr(pyphen, "HyphDict", type("HyphDict", (pyphen.HyphDict,),
                                               {"__init__": note("patterns", pyphen.HyphDict.__init__)}))
        patch.setattr(babel.localedata, "load", note("locale", babel.localedata.load))
        patch.setattr(babel.localedata, "_dict_cache", {})  # (babel's locales' data as read, by name)
        dates.locale_of.cache_clear()
        try:
            built[2] = build_booklet(medium, out / "2.pdf", jobs=2)
        finally:
            dates.locale_of.cache_clear()
    medium_cold_reads += [(what, int(pid)) for what, pid in map(str.split, noted.read_text().splitlines())]
    return built


@pytest.fixture(scope="module")
def medium_cold(medium_cold_built) -> dict[int, bytes]:
    """The medium folder's PDF by jobs (1 and 2) as built without a cache (medium_cold_built), for the tests that
    compare a cached build with it: the bytes do not depend on where the folder is."""
    return {jobs: result.output.read_bytes() for jobs, result in medium_cold_built.items()}


def _lines(pdf: Pdf, index: int) -> list[str]:
    # a running head is drawn from a form in a part: pypdf extracts it without the space it puts before it
    # when it is in the page's own stream; the words and their order are the same
    return pdf.lines(index)


def _links(pdf: Pdf) -> list:
    return [(index, [round(v, 2) for v in rect], target) for index in range(len(pdf)) for rect, target in pdf.links(index)]


def _same_booklet(one: Pdf, two: Pdf) -> None:
    assert len(two) == len(one)
    for index in range(len(one)):
        assert _lines(two, index) == _lines(one, index), f"page {index + 1}"
    assert _links(two) == _links(one)
    assert two.outline() == one.outline()
    assert all(two.fonts().values())  # every part's font subsets embedded
    assert len(_font_objects(two)) == len(set(_font_objects(two).values()))  # each subset its own name


def _font_objects(pdf: Pdf) -> dict[int, str]:
    """Font object number -> its BaseFont, for the fonts of every page and form."""
    found, stack = {}, [page.get("/Resources") for page in pdf.reader.pages]
    while stack:
        resources = stack.pop()
        if resources is None:
            continue
        resources = resources.get_object()
        for ref in (resources.get("/Font") or {}).values():
            found[ref.idnum] = ref.get_object()["/BaseFont"]
        for ref in (resources.get("/XObject") or {}).values():
            if ref.idnum not in found and ref.get_object().get("/Subtype") == "/Form":
                found[ref.idnum] = None
                stack.append(ref.get_object().get("/Resources"))
    return {number: name for number, name in found.items() if name is not None}


@pytest.fixture(scope="module")
def one_and_two(medium, medium_cold_built, tmp_path_factory):
    """The medium folder built with --jobs 1 (without a cache: medium_cold_built's) and --jobs 2 (the tests' disk
    cache), the second in a folder of its own: their BuildResults, and the person anchors the build in parts' process
    made the booklet's ((key, page) each time)."""
    from booklet.output import parallel

    out, made = tmp_path_factory.mktemp("one-and-two"), []
    one = medium_cold_built[1]
    with pytest.MonkeyPatch.context() as patch:
        real = parallel.person_anchor
        patch.setattr(parallel, "person_anchor", lambda key, page: made.append((key, page)) or real(key, page))
        two = build_booklet(medium, out / "two.pdf", jobs=2)
    return one, two, made


@pytest.fixture(scope="module")
def one_and_two_read(one_and_two) -> tuple[Pdf, Pdf]:
    """The PDFs of one_and_two, read once for the tests that compare them (each page's text is read once, when first
    asked for, then kept: half a second of CPU for the two)."""
    one, two, _ = one_and_two
    return Pdf(one.output), Pdf(two.output)


def test_two_jobs_give_the_pages_text_links_and_outline_of_one(one_and_two, one_and_two_read, medium_cold):
    one, two, _ = one_and_two

    assert two.pages == one.pages > 20
    assert two.anchors == one.anchors  # the page of every anchor, page references and proofs use them
    first, second = one_and_two_read
    _same_booklet(first, second)
    assert first.pages_with("Index of authors")  # the index, laid out last, lists pages of every part
    assert two.output.read_bytes() == medium_cold[2]  # the bytes of another build in two parts
    assert sorted(p.name for p in two.output.parent.iterdir()) == ["two.pdf"]  # no parts left


def test_two_jobs_of_a_book_ending_with_its_abstracts_give_the_notes_pages_of_one(medium, tmp_path):
    """Fuzzing: with the abstracts the last sections (no index after them), the last part, laid out by the build's
    own process, opened with the Notes pages on a page of its own: its first page was left blank, a page number alone,
    before the others; and where one job needs no Notes page, the part's own first page took four more to make up the
    count. The same pages, words and links as one job: one Notes page, three, none (the back cover right after)."""
    import shutil

    folder = tmp_path / "data"
    shutil.copytree(medium, folder)
    for sections, count in (("[abstracts]", 1), ("[abstracts, tutorials]", 3), ("[programme, abstracts]", 0)):
        (folder / "theme.yaml").write_text(f"sections: {sections}\n", encoding="utf-8")
        one = build_booklet(folder, tmp_path / "one.pdf", jobs=1)
        two = build_booklet(folder, tmp_path / "two.pdf", jobs=2)
        first, second = Pdf(one.output), Pdf(two.output)
        notes = [index for index in range(len(first)) if "Notes" in first.lines(index)]
        assert len(notes) == count and [index for index in range(len(second)) if "Notes" in second.lines(index)] == notes
        assert two.pages == one.pages and one.pages % 4 == 0, sections
        _same_booklet(first, second)


def test_the_parts_cut_the_abstracts_between_two_workers(medium):
    booklet, _ = read_booklet(medium)
    page = page_for("A5")
    names = [name for name, _ in story_pieces(Context(booklet, page))]
    runs, last = plan(booklet, names, 2)
    assert len(runs) == 2
    abstracts = names.index("abstracts")
    assert runs[0][-1].piece == runs[1][0].piece == abstracts  # cut inside the abstracts
    assert 0 < runs[0][-1].end == runs[1][0].start < 1
    assert [names[chunk.piece] for chunk in last] == ["index", "end"]


def test_abstracts_by_day_in_parts(medium, tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    for path in medium.rglob("*"):
        if path.is_file():
            target = folder / path.relative_to(medium)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    (folder / "theme.yaml").write_text("abstracts:\n  placement: by-day\n", encoding="utf-8")
    with (folder / "conference.yaml").open("a", encoding="utf-8") as handle:  # after the index: the contents waits
        handle.write("extra_pages:\n  - {file: images/photo1.jpg, title: Venue map}\n")
    one = build_booklet(folder, tmp_path / "one.pdf", jobs=1)
    two = build_booklet(folder, tmp_path / "two.pdf", jobs=3)
    assert two.anchors == one.anchors
    assert one.anchors["extra-0"] > one.anchors["index"]
    first = Pdf(tmp_path / "one.pdf")
    _same_booklet(first, Pdf(tmp_path / "two.pdf"))
    assert "Venue map" in first.texts[1]  # listed in the contents, with its page number


def test_jobs_that_pay(medium, tmp_path):
    booklet, _ = read_booklet(medium)
    assert jobs_that_pay(booklet, None) == 1  # a small book: one process
    assert jobs_that_pay(booklet, 1) == 1
    assert jobs_that_pay(booklet, 3) == 3
    assert jobs_that_pay(booklet, 1000) == MAX_JOBS == 16  # a thousand forks exhausted memory (the build hung)
    from dataclasses import replace

    theme = replace(booklet.theme, sections=("index", *(s for s in booklet.theme.sections if s != "index")))
    assert jobs_that_pay(replace(booklet, theme=theme), 2) == 1  # the index learns its pages in passes


def test_the_default_jobs_and_the_pdf_do_not_depend_on_what_the_disk_cache_holds(medium, tmp_path, monkeypatch):
    """Without --jobs, a book heavy enough for parts is built in parts whatever layouts the disk cache holds
    (kept by one process, by parts, or none): the same data gives the same PDF. --jobs N gives N."""
    from booklet.cache import persisted
    from booklet.cache.memory import using
    from booklet.output import parallel

    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(parallel, "MIN_WEIGHT", 0.0)
    monkeypatch.setattr(parallel, "cores", lambda: 2)
    booklet, _ = read_booklet(medium)

    def chosen() -> tuple[int, int, int]:
        with using(persisted.PersistedCache(medium)):
            return jobs_that_pay(booklet, None), jobs_that_pay(booklet, 1), jobs_that_pay(booklet, 2)

    assert chosen() == (2, 1, 2)  # nothing kept yet
    build_booklet(medium, tmp_path / "default.pdf", jobs=None)
    build_booklet(medium, tmp_path / "one.pdf", jobs=1)
    assert chosen() == (2, 1, 2)  # layouts kept by one process
    build_booklet(medium, tmp_path / "again.pdf", jobs=None)
    assert (tmp_path / "again.pdf").read_bytes() == (tmp_path / "default.pdf").read_bytes()
    monkeypatch.setattr(parallel, "cores", lambda: 1)
    assert chosen() == (1, 1, 2)


def test_a_build_in_parts_replays_what_a_build_in_parts_kept(parts_twice, medium_cold):
    """The drawings a part kept are replayed by the same part of the next build, those with links and name
    marks too (the index of authors, which this process lays out): the same PDF as a build without a cache."""
    for name in ("first", "again"):
        assert (parts_twice.out / f"{name}.pdf").read_bytes() == medium_cold[2]
    counts = parts_twice.drawn  # the index's entries, drawn here
    assert counts[0] > 20 and counts[1] == 0, counts


def test_workers_take_the_hyphenation_patterns_and_the_dates_locale_from_the_build_process(medium_cold_built,
                                                                                             medium_cold_reads):
    """Without a disk cache, the build's process reads the hyphenation patterns and babel's data of the booklet's
    language before it forks the workers, which break lines and write dates with them: no worker reads them again."""
    assert {what for what, _ in medium_cold_reads} == {"patterns", "locale"}
    assert {pid for _, pid in medium_cold_reads} == {os.getpid()}


def test_a_part_makes_only_its_own_abstracts(medium, monkeypatch):
    from booklet.layout import abstracts, flowables
    from booklet.layout.flowables import Continues, Later
    from booklet.output.parallel import chunk_story

    made = []
    page_of = abstracts.build_abstract_page
    monkeypatch.setattr(abstracts, "build_abstract_page",
                        lambda ctx, abstract, level=2, *more: made.append(abstract.id) or page_of(ctx, abstract, level, *more))
    booklet, _ = read_booklet(medium)
    page = page_for("A5")
    names = [name for name, _ in story_pieces(Context(booklet, page))]
    runs, _ = plan(booklet, names, 2)
    story, state = chunk_story(story_pieces(Context(booklet, page)), runs[1])
    assert not made and any(isinstance(flowable, Later) for flowable in story)  # made as the layout reaches them
    story = flowables.made(story)
    anchors = [next(f.key for f in flowable.content if hasattr(f, "key"))  # (under the section's name, the first)
               for flowable in story if isinstance(flowable, Continues)]
    shown = [key for key in anchors if key.startswith("abstract-")]  # (a tutorial's page is a Continues too)
    assert shown and len(made) == len(shown) < len(booklet.abstracts)  # the second part's abstracts, made once
    by_id = {abstract.id: abstract for abstract in booklet.abstracts}
    assert shown == [Context(booklet, page).abstract_key(by_id[key]) for key in made]
    assert state.section == "Abstracts"  # the part starts inside the section


# -- the checks run while the workers work: the same warnings, and an error still writes nothing --------

def _copy(source: Path, folder: Path) -> Path:
    for path in source.rglob("*"):
        if path.is_file():
            target = folder / path.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    return folder


WARNED = """
- id: far-away
  kind: contributed
  title: A talk from 王 afar
  authors:
  - name: Zoë Far
    affiliation: Nowhere Institute
    presenting: true
  abstract: Not in the programme.
"""


@pytest.fixture(scope="module")
def warned(medium, tmp_path_factory) -> Path:
    """The medium folder with warnings of reading (a glyph the fonts lack) and of lint (an abstract the
    programme does not list; the cover image's resolution)."""
    folder = _copy(medium, tmp_path_factory.mktemp("warned") / "data")
    with (folder / "abstracts.yaml").open("a", encoding="utf-8") as handle:
        handle.write(WARNED)
    return folder


def _invoke(*args):
    from click.testing import CliRunner

    from booklet.cli import main

    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


# the disk cache on (the tests' own), and off (BOOKLET_CACHE=off: the build's cache keeps nothing beyond it)
CACHES = pytest.mark.parametrize("cache", ["on", "off"])


def _cache(monkeypatch, cache: str, folder: Path | None = None) -> None:
    """The disk cache off, or (on) in `folder` when given: one no build of the module's folders filled."""
    if cache == "off" or folder is not None:
        monkeypatch.setenv("BOOKLET_CACHE", "off" if cache == "off" else str(folder))


@CACHES
def test_two_jobs_print_the_warnings_of_one_in_the_same_order(warned, tmp_path, monkeypatch, cache):
    _cache(monkeypatch, cache)
    one = _invoke("build", warned, "-o", tmp_path / "one.pdf", "--jobs", "1")
    two = _invoke("build", warned, "-o", tmp_path / "two.pdf", "--jobs", "2")
    assert one.exit_code == two.exit_code == 0, two.output
    # lint's warnings and reading's, grouped by kind: the groups interleave them
    assert [line.split(": warning: ")[0] for line in one.stderr.splitlines()] == [
        "Abstracts not in the programme (1):", "abstracts.yaml:302: [12].id",
        "Images too coarse for print (1):", "conference.yaml:20: cover_image",
        "Characters the booklet's fonts cannot print (1):", "abstracts.yaml:304: [12].title"]
    assert two.stderr == one.stderr
    assert two.stdout.replace("two.pdf", "one.pdf") == one.stdout


@CACHES
def test_strict_with_two_jobs_stops_before_anything_is_written(warned, tmp_path, monkeypatch, cache):
    _cache(monkeypatch, cache)
    out = tmp_path / "new" / "booklet.pdf"  # its folder is not made either
    for cover in ((), ("--cover", "separate")):
        result = _invoke("build", warned, "-o", out, "--jobs", "2", "--strict", *cover)
        assert result.exit_code == 1
        assert result.stderr.splitlines()[-1].endswith("warnings; nothing was written.")
        assert list(tmp_path.iterdir()) == []
    assert sorted(p.name for p in warned.iterdir()) == ["abstracts.yaml", "conference.yaml", "images",
                                                        "posters.yaml", "programme.yaml", "tutorials.yaml"]


@CACHES
def test_two_jobs_refuse_to_replace_an_input(medium, tmp_path, monkeypatch, cache):
    _cache(monkeypatch, cache)
    folder = _copy(medium, tmp_path / "data")
    before = {path: path.read_bytes() for path in folder.rglob("*") if path.is_file()}
    result = _invoke("build", folder, "-o", folder / "posters.yaml", "--jobs", "2")
    assert result.exit_code != 0
    assert "will not write" in result.stderr and "posters.yaml" in result.stderr
    assert {path: path.read_bytes() for path in folder.rglob("*") if path.is_file()} == before


def _lint_noted(monkeypatch, tmp_path, fails: bool = False) -> Path:
    """booklet.build.linted wrapped: the process that lints notes its pid in the file it returns (`fails`: a process
    forked to lint ends at once, as a bug would end it)."""
    import booklet.build

    noted, building, real = tmp_path / "lint-noted", os.getpid(), booklet.build.linted

    def linting(*args):
        if fails and os.getpid() != building:
            os._exit(3)
        with open(noted, "a", encoding="utf-8") as file:
            file.write(f"{os.getpid()}\n")
        return real(*args)

    monkeypatch.setattr(booklet.build, "linted", linting)
    return noted


@pytest.fixture(scope="module")
def warned_one(warned, tmp_path_factory):
    """The warned folder built in one process without a cache (BOOKLET_CACHE=off): its BuildResult (its warnings)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BOOKLET_CACHE", "off")
        return build_booklet(warned, tmp_path_factory.mktemp("warned-one") / "one.pdf", jobs=1)


@CACHES
def test_a_lint_process_that_fails_is_linted_here_with_the_same_warnings(warned, warned_one, tmp_path, monkeypatch,
                                                                         cache):
    """The process forked to lint ends without a word (a bug): the build lints in its own process, and the warnings
    are lint's; with --strict, it stops with them, nothing written."""
    from booklet import processes
    from booklet.problems import DataError

    one = warned_one
    # (a cache of its own: with the warnings of an earlier build of the same data kept, a build takes them, unlinted)
    _cache(monkeypatch, cache, tmp_path / "cache")
    monkeypatch.setattr(processes, "forks_pay", lambda: True)
    noted = _lint_noted(monkeypatch, tmp_path, fails=True)
    two = build_booklet(warned, tmp_path / "two.pdf", jobs=2)
    assert two.jobs == 2 and two.warnings == one.warnings and two.warnings
    assert noted.read_text().split() == [str(os.getpid())]  # linted here
    out = tmp_path / "new" / "booklet.pdf"
    with pytest.raises(DataError):
        build_booklet(warned, out, jobs=2, strict=True)
    assert not out.parent.exists()


def test_a_part_failing_to_save_fails_the_build_and_leaves_nothing(medium, tmp_path, monkeypatch):
    """A worker failing to save its part is an error here, and no part is left behind."""
    import os

    from booklet.output import parallel

    here, save = os.getpid(), parallel.PartCanvas.save

    def failing(canvas):
        if os.getpid() != here:
            raise OSError("disk full")
        save(canvas)

    monkeypatch.setattr(parallel.PartCanvas, "save", failing)
    with pytest.raises(RuntimeError, match="a worker process failed:(.|\n)*disk full"):
        build_booklet(medium, tmp_path / "out.pdf", jobs=2)
    assert list(tmp_path.iterdir()) == []


def _events_of_parts(monkeypatch, tmp_path, fail: str = "") -> Path:
    """Hooks for a build in parts with a disk cache of its own: each process notes (pid, what, ...) in the file
    returned as it writes a file of its disk cache ("layouts, part 1 of 3", ..., and whether it was written) and as it
    starts making its part's PDF ("pdf", whether it still holds layouts, how many it made anew). `fail`: in a worker,
    making the PDF fails ("pdf": a full disk), writing the streams' file is interrupted ("interrupted": Ctrl-C), or
    that file is not written ("not written", as on a full disk: the cache only saves time)."""
    from booklet.cache import persisted
    from booklet.output import render

    log = tmp_path / "events"
    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    write_beside, save, here = persisted.PersistedCache._write_beside, render.BookletCanvas.save, os.getpid()

    def note(*what) -> None:
        with open(log, "a", encoding="utf-8") as file:  # (from the workers too: forked, they append here)
            file.write(repr((os.getpid(), *what)) + "\n")

    def writing(cache, name, *args):
        if fail in ("interrupted", "not written") and name.startswith("streams") and os.getpid() != here:
            if fail == "interrupted":
                raise KeyboardInterrupt
            note(name, False)
            return None
        written = write_beside(cache, name, *args)
        note(name, written is not None)
        return written

    def saving(canvas):
        from booklet.cache.memory import active

        cache = active()
        note("pdf", bool(cache._sections.get("layouts")), cache.made.get("layouts", 0))
        if fail == "pdf" and os.getpid() != here:
            raise OSError("disk full")
        save(canvas)

    monkeypatch.setattr(persisted.PersistedCache, "_write_beside", writing)
    monkeypatch.setattr(render.BookletCanvas, "save", saving)
    return log


def _events(log: Path) -> list[tuple]:
    from ast import literal_eval

    return [literal_eval(line) for line in log.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def parts_twice(medium, tmp_path_factory):
    """The medium folder built in parts (--jobs 2) twice with a disk cache of its own, empty before the first
    (`first.pdf`, `again.pdf` in `out`), once a module for the two tests that read what the processes did: each
    build's events (_events_of_parts: the files of the disk cache written, the parts' PDFs begun), and how many of
    the index's entries this process drew in each (drawn)."""
    from booklet.layout.index import IndexEntry

    out = tmp_path_factory.mktemp("parts-twice")
    events, drawn = [], []
    with pytest.MonkeyPatch.context() as patch:
        log = _events_of_parts(patch, out)
        real, entries = IndexEntry._draw_lines, []
        patch.setattr(IndexEntry, "_draw_lines", lambda self: entries.append(self.words) or real(self))
        for name in ("first", "again"):
            build_booklet(medium, out / f"{name}.pdf", jobs=2)
            events.append(_events(log))
            drawn.append(len(entries))
            log.unlink()
            entries.clear()
    return SimpleNamespace(out=out, events=events, drawn=drawn)


def test_a_worker_writes_its_layouts_and_lets_them_go_before_making_its_part_s_pdf(parts_twice, medium_cold):
    """A worker's layouts (a third of its memory) are written beside their place once its pages are drawn, and let go,
    before its part's PDF is made (which would otherwise come on top of them); its compressed streams, made with the
    PDF, after it. The main process writes the data files it parsed before the layout (and lets them go), its own
    layouts once the booklet is written. The next build in parts reads them all and makes no layout anew, in any
    process; both PDFs are those of a build without a cache."""
    events, here = parts_twice.events[0], os.getpid()
    slots = {pid: what[0] for pid, *what in events if pid != here and what[0].startswith("layouts")}
    assert sorted(slots.values()) == ["layouts, part 1 of 3", "layouts, part 2 of 3"]
    for pid, layouts in slots.items():
        own = [what for found, *what in events if found == pid]
        assert [what[:2] for what in own] == [[layouts, True], ["pdf", False],
                                              [layouts.replace("layouts", "streams"), True]], own
    main = [what for found, *what in events if found == here]
    assert main[0] == ["files", True] and main[1][:2] == ["pdf", True] and ["layouts, part 0 of 3", True] in main[2:]
    assert [what for _, *what in parts_twice.events[1]] == [["pdf", False, 0]] * 3  # all replayed, none written again
    out = parts_twice.out
    assert (out / "first.pdf").read_bytes() == (out / "again.pdf").read_bytes() == medium_cold[2]


def test_a_worker_failing_after_writing_its_layouts_leaves_no_file_of_them(medium, tmp_path, monkeypatch):
    """A worker whose part's PDF fails once its layouts are written beside their place removes that file: the build
    fails, and the disk cache holds nothing of it, not even half-way."""
    from booklet.cache import persisted

    log = _events_of_parts(monkeypatch, tmp_path, "pdf")
    with pytest.raises(RuntimeError, match="a worker process failed:(.|\n)*disk full"):
        build_booklet(medium, tmp_path / "out.pdf", jobs=2)
    assert [what for _, *what in _events(log) if what[0].startswith("layouts, part 1")] == [["layouts, part 1 of 3",
                                                                                           True]]
    kept = tmp_path / "cache" / persisted.KIND
    assert not kept.exists() or list(kept.iterdir()) == []
    assert not (tmp_path / "out.pdf").exists()


@pytest.mark.parametrize("fail", ["interrupted", "not written"])
def test_a_worker_interrupted_after_writing_its_layouts_removes_them(medium, tmp_path, monkeypatch, fail):
    """A worker interrupted while it writes its other files, its layouts written before, removes them all: the
    booklet is written (the disk cache only saves time), none of the worker's files is put in place, and none is left
    half-way; the main process keeps its own. A worker whose streams' file is not written (a full disk) still gives
    its layouts file, which is put in place."""
    from booklet.cache import disk, persisted

    log = _events_of_parts(monkeypatch, tmp_path, fail)
    build_booklet(medium, tmp_path / "out.pdf", jobs=2)
    assert (tmp_path / "out.pdf").exists()
    written = [what for _, *what in _events(log) if what[0].startswith("layouts")]
    assert sorted(written) == [[f"layouts, part {slot} of 3", True] for slot in range(3)]
    place = {slot: disk._path(persisted.KIND, persisted._name(medium.resolve(), f"layouts, part {slot} of 3"))
             for slot in range(3)}
    assert place[0].exists() and place[1].exists() == place[2].exists() == (fail == "not written")
    assert not [path.name for path in place[0].parent.iterdir() if path.name.endswith(".part")]


def test_files_left_half_way_by_a_stopped_process_are_removed_an_hour_on(tmp_path, monkeypatch):
    """A process killed between writing its files beside their places and putting them in place or removing them
    leaves them: the next build's save removes those written more than ABANDONED seconds ago, and nothing else."""
    from booklet.cache import disk, persisted

    folder = tmp_path / persisted.KIND
    folder.mkdir()
    names = [".old.pickle.1a2b3c4d.part", ".new.pickle.5e6f7a8b.part", "old.pickle", ".old-new.apart.9c0d1e2f.part"]
    for name in names:
        (folder / name).write_bytes(b"x")
    hours_ago = time.time() - atomic.ABANDONED - 60
    for name in (names[0], names[2], names[3]):
        os.utime(folder / name, (hours_ago, hours_ago))
    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path))
    disk._swept.cache_clear()
    persisted.PersistedCache(tmp_path / "data").save()  # a build that made nothing new: nothing written
    assert sorted(path.name for path in folder.iterdir()) == [".new.pickle.5e6f7a8b.part", "old.pickle"]


def test_a_build_in_parts_keeps_its_layouts_in_a_file_per_process(medium, medium_cold, tmp_path, monkeypatch):
    """A book built in parts keeps its layouts and compressed streams in files per process (cache.persisted), each
    written by its own process, only when it made something new, and put in place once the booklet is written; the next
    build in parts reads each in its own process and lays out nothing anew; after an edit, only the part
    that holds it is written again; a build that fails after its parts were saved writes none; and each PDF is
    that of a build without a cache, byte for byte, math boxes and all (one job too, from its own file)."""
    import shutil

    from booklet.cache import disk, persisted
    from booklet.cache.memory import BuildCache
    from booklet.layout.index import IndexEntry
    from booklet.output import parallel
    from booklet.text.fonts import DEFAULT, FONT_DIR, use_fonts

    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(persisted, "FEW", 2**30)  # any new layout: the file written again (see test_cold.py)
    assemble = parallel.assemble
    folder = tmp_path / "data"
    shutil.copytree(medium, folder)
    files = [disk._path(persisted.KIND, persisted._name(folder.resolve(), f"{section}, part {slot} of 3"))
             for section in ("layouts", "streams")  # and the pages' streams as compressed
             for slot in range(3)]  # this process (the index), the two workers (test_the_parts_cut_...)

    def cold(name: str) -> bytes:
        build_booklet(folder, tmp_path / name, jobs=2, cache=BuildCache(warm=False))
        return (tmp_path / name).read_bytes()

    def written() -> list:
        return [(path.stat().st_ino, path.stat().st_mtime_ns) for path in files]

    drawn = []
    real = IndexEntry._draw_lines
    monkeypatch.setattr(IndexEntry, "_draw_lines", lambda self: drawn.append(self.words) or real(self))
    assert build_booklet(folder, tmp_path / "filling.pdf", jobs=2).jobs == 2  # the processes it was laid out in
    assert drawn
    single = disk._path(persisted.KIND, persisted._name(folder.resolve(), "layouts"))
    assert not single.exists()  # the one file of a build in one process
    before = written()  # every process's file (a missing one raises)
    reference = medium_cold[2]
    assert (tmp_path / "filling.pdf").read_bytes() == reference
    drawn.clear()
    build_booklet(folder, tmp_path / "filled.pdf", jobs=2)
    assert (tmp_path / "filled.pdf").read_bytes() == reference
    assert not drawn and written() == before  # nothing laid out anew, here or in a worker: no file written

    abstracts = folder / "abstracts.yaml"
    text = abstracts.read_text(encoding="utf-8")
    last = text.rindex("abstract:")  # the last abstract: the second worker's part
    abstracts.write_text(text[:last] + "abstract: Set anew, façade with $\\beta_{7} \\approx 2$ and\n"
                         "    $\\sigma_{8}$." + text[text.index("\n", last):], encoding="utf-8")
    build_booklet(folder, tmp_path / "edited.pdf", jobs=2)
    assert (tmp_path / "edited.pdf").read_bytes() == cold("edited-cold.pdf") != reference
    assert Pdf(tmp_path / "edited.pdf").pages_with("Set anew, façade with")
    after = written()
    assert after[1] == before[1] and after[2] != before[2]  # the first worker's part is as it was
    assert after[4] == before[4] and after[5] != before[5]
    build_booklet(folder, tmp_path / "again.pdf", jobs=2)  # what the edit made was kept too: nothing new
    assert written() == after and (tmp_path / "again.pdf").read_bytes() == (tmp_path / "edited.pdf").read_bytes()

    abstracts.write_text(text, encoding="utf-8")  # back again, but the booklet is not written

    def failing(parts, output):  # (the workers write their files beside their places meanwhile, or have: the build's
        raise OSError("disk full")  # process waits for their word of them, and removes them, either way)

    monkeypatch.setattr(parallel, "assemble", failing)
    with pytest.raises(OSError, match="disk full"):
        build_booklet(folder, tmp_path / "failed.pdf", jobs=2)
    assert written() == after and not (tmp_path / "failed.pdf").exists()
    assert not [path.name for path in files[0].parent.iterdir() if path.name.startswith(".")]  # no file left half-way
    monkeypatch.setattr(parallel, "assemble", assemble)
    assert build_booklet(folder, tmp_path / "one.pdf", jobs=1).jobs == 1  # one process: a file of its own
    assert (tmp_path / "one.pdf").read_bytes() == medium_cold[1]
    assert written() == after and single.exists()
    build_booklet(folder, tmp_path / "one-again.pdf", jobs=1)
    assert (tmp_path / "one-again.pdf").read_bytes() == (tmp_path / "one.pdf").read_bytes()

    # another text font: the number the data's check gives the fonts stood for the old ones in the files
    theme = folder / "theme.yaml"
    theme.write_text("fonts: {text: fonts/Text.ttf}\n", encoding="utf-8")  # (the data has no theme.yaml)
    (folder / "fonts").mkdir()
    (folder / "fonts/Text.ttf").write_bytes((FONT_DIR / "NotoSans-Regular.ttf").read_bytes())
    try:
        build_booklet(folder, tmp_path / "font.pdf", jobs=2)
        assert (tmp_path / "font.pdf").read_bytes() == cold("font-cold.pdf")
    finally:
        use_fonts(DEFAULT)


def _posters_text(count: int, bad: bool) -> str:
    """Posters whose titles warn (a character no font has, an unknown macro); with `bad`, some with an
    unknown key and some without a title (errors)."""
    lines = []
    for i in range(count):
        if not (bad and i % 11 == 5):
            lines.append(f"- title: Poster {i} on $\\alpha$ and $\\nosuchmacro$ with 一")
            lines.append(f"  author: Ana Autora{i}")
        else:
            lines.append(f"- author: Ana Autora{i}")
        lines.append("  affiliation: Lab, Place")
        if bad and i % 7 == 3:
            lines.append("  colour: blue")
    return "\n".join(lines) + "\n"


def _posters_read_elsewhere(monkeypatch) -> None:
    """Any posters.yaml read in a forked process (elsewhere=True), on any machine: no size threshold, two cores."""
    from booklet import processes
    from booklet.data import validate

    monkeypatch.setattr(validate, "ELSEWHERE_FROM", 0)
    monkeypatch.setattr(processes, "cores", lambda: 2)


def _read_outcome(folder: Path, elsewhere: bool):
    from booklet.check import read
    from booklet.problems import DataError

    try:
        booklet, warnings = read(folder, elsewhere)
    except DataError as exc:
        return "errors", exc.problems
    return booklet, warnings


@pytest.mark.parametrize("bad", [False, True], ids=["good", "with errors"])
def test_posters_read_in_another_process_as_here(tmp_path, monkeypatch, bad):
    """read_booklet(elsewhere=True) reads a big posters.yaml in a forked process while it reads the abstracts:
    the same Booklet and the same warnings, or the same errors, as reading it all here; and when that process
    ends without sending its posters, they are read here (the same outcome again)."""
    from booklet import processes
    from booklet.data import validate
    from .helpers import write_conference

    folder = write_conference(tmp_path / "c", {"posters.yaml": _posters_text(60, bad)})
    here = _read_outcome(folder, False)
    assert (here[0] == "errors") == bad
    assert any("cannot print '一'" in p.message for p in here[1])
    assert any("nosuchmacro" in p.message for p in here[1])

    _posters_read_elsewhere(monkeypatch)
    forks = []
    real = processes.Forked

    def counted(*args):
        forks.append(args[0].__name__)
        return real(*args)

    monkeypatch.setattr(processes, "Forked", counted)
    assert _read_outcome(folder, True) == here
    assert forks == ["_send_posters"]
    from booklet.cache.memory import BuildCache, using

    warm = BuildCache()
    with using(warm):  # a warm cache (a build's with the disk cache on): the file as parsed there kept here too
        assert _read_outcome(folder, True) == here
    assert forks == ["_send_posters"] * 2
    # (the file, and each of its items and checked entries: kept with the files, for an edit's next read)
    kinds = [key[1] if key[1] in ("item", "entry") else "file" for key in warm._sections["files"]
             if key[0] == "posters.yaml"]
    assert (kinds.count("file"), kinds.count("item")) == (1, 60) and warm.made["files"] >= 1

    monkeypatch.setattr(validate, "_send_posters", lambda *args: os._exit(3))
    assert _read_outcome(folder, True) == here  # the process died: read here
    assert forks == ["_send_posters"] * 2 + ["<lambda>"]


@pytest.mark.parametrize("bad", [False, True], ids=["good", "with errors"])
def test_the_programme_is_read_while_the_posters_are_read_elsewhere(tmp_path, monkeypatch, bad):
    """With posters.yaml read in a forked process, the programme, the participants and people.yaml are read before
    the posters are taken from it (the abstracts read, this process waited for them with those still to read): the
    same Booklet and warnings, or errors, in the same order, as reading it all here, with problems in the programme
    (a talk not among the abstracts, an unknown key) beside the posters' own."""
    from booklet.data import programme, validate
    from .helpers import BASE, write_conference

    talks = BASE["programme.yaml"] + """\
  - date: 2027-09-14
    items:
      - {time: "09:00-09:30", talk: nobody-wrote-this}
      - {time: "09:30-10:00", title: Lunch, colour: blue}
"""
    folder = write_conference(tmp_path / "c", {"posters.yaml": _posters_text(40, bad), "programme.yaml": talks})
    here = _read_outcome(folder, False)
    messages = [f"{p.file}:{p.line} {p.message}" for p in here[1]]
    assert any(m.startswith("programme.yaml:") and "nobody-wrote-this" in m for m in messages)
    assert any(m.startswith("programme.yaml:") and "colour" in m for m in messages)
    assert any(m.startswith("posters.yaml:") for m in messages)

    order = []
    real_programme, real_taken = programme.read_programme, validate._PostersElsewhere.__call__
    monkeypatch.setattr(programme, "read_programme",
                        lambda *args: order.append("programme") or real_programme(*args))
    monkeypatch.setattr(validate._PostersElsewhere, "__call__",
                        lambda self, report: order.append("posters taken") or real_taken(self, report))
    _posters_read_elsewhere(monkeypatch)
    assert _read_outcome(folder, True) == here
    assert order == ["programme", "posters taken"]


def test_posters_read_here_when_no_process_can_be_forked(tmp_path, monkeypatch):
    """Where forking fails (a limit on processes, say), posters.yaml is read here: the same outcome, and the
    pipe made for the process is closed again."""
    from .helpers import write_conference

    folder = write_conference(tmp_path / "c", {"posters.yaml": _posters_text(30, False)})
    here = _read_outcome(folder, False)
    _posters_read_elsewhere(monkeypatch)

    def no_fork():
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    open_before = len(os.listdir("/proc/self/fd"))
    assert _read_outcome(folder, True) == here
    assert len(os.listdir("/proc/self/fd")) == open_before


def test_a_forked_process_starts_with_standard_output_closed(monkeypatch):
    """A process whose standard output and error are closed (None in sys) forks and hears from its child."""
    import sys

    from booklet.processes import Forked

    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    process = Forked(lambda sending, value: sending.send(("got", value)), 7)
    try:
        assert process.recv() == ("got", 7)
    finally:
        process.close()
        process.join()
    assert process.exitcode == 0


def test_a_forked_process_stopped_unwinds_and_ends_what_it_started(tmp_path):
    """terminate() makes the forked process unwind (SystemExit): its finally blocks run, so a build there ends
    its own workers (output.parallel.parallel_parts kills them) rather than leaving them to run on."""
    import time

    from booklet.processes import Forked

    marker = tmp_path / "unwound"

    def target(sending):
        try:
            sending.send("started")
            time.sleep(30)
        finally:
            marker.write_text("yes")

    process = Forked(target)
    assert process.recv() == "started"
    process.end(False)
    assert process.exitcode == 1 and marker.read_text() == "yes"


def test_posters_read_elsewhere_with_a_cache_of_their_own(tmp_path, monkeypatch):
    """The forked process reads posters.yaml with a cache of its own, in memory: it never asks this process's warm
    cache for anything (a persisted cache would load its kept layouts there for nothing), and the outcome is the
    same as reading here with that warm cache."""
    from booklet.cache import memory
    from .helpers import write_conference

    folder = write_conference(tmp_path / "c", {"posters.yaml": _posters_text(30, True)})
    parent, asked = os.getpid(), tmp_path / "asked"
    real_get, real_peek = memory.BuildCache.get, memory.BuildCache.peek
    warm = memory.BuildCache(warm=True)

    def noting(real):
        def method(self, *args, **kwargs):
            if os.getpid() != parent and self is warm:
                asked.write_text("this process's warm cache was asked in the forked process")
            return real(self, *args, **kwargs)
        return method

    monkeypatch.setattr(memory.BuildCache, "get", noting(real_get))
    monkeypatch.setattr(memory.BuildCache, "peek", noting(real_peek))
    with memory.using(memory.BuildCache(warm=True)):
        here = _read_outcome(folder, False)
    _posters_read_elsewhere(monkeypatch)
    with memory.using(warm):
        assert _read_outcome(folder, True) == here
    assert not asked.exists()


def test_a_run_cut_inside_a_piece_pays_for_making_all_of_its_flowables():
    """A run lays out its share of a piece but makes all of the piece's flowables: a cut that would give it
    only the first hundredth of a big piece, and the making of the rest, is not made."""
    from booklet.output.parallel import Chunk, _pack

    # 100 + 1 % of the next 100 fill a run of 101, but that run would also make the other 99 % (at a quarter of
    # their cost): the second piece goes whole to the next run
    assert _pack([100.0, 100.0], [0.26, 0.26], 101.0) == [[Chunk(0)], [Chunk(1)]]
    # no run of 11 can lay out any of a piece of 100 and make the rest of its flowables (26)
    assert _pack([10.0, 100.0], [0.26, 0.26], 11.0) is None
    runs = _pack([10.0, 100.0], [0.26, 0.26], 70.0)  # cut inside the second piece
    (first, cut), (rest,) = runs
    assert first == Chunk(0) and cut.piece == rest.piece == 1 and cut.end == rest.start
    assert 10 + 100 * cut.end + 0.26 * 100 * (1 - cut.end) <= 70 + 1e-6  # its share, and making the rest
    assert 100 * (1 - rest.start) + 0.26 * 100 * rest.start <= 70 + 1e-6  # making what is before, and its share


def test_parts_are_read_off_their_bytes_as_pypdf_reads_them_and_by_pypdf_when_written_otherwise(medium, tmp_path,
                                                                                               monkeypatch):
    """The assembly reads each part's cross-reference table, trailer, catalog and page tree off its bytes, as its
    worker wrote them: the same objects, pages and outline as pypdf finds. A PDF written otherwise (another
    table, an outline with entries) is refused by that reading and read by pypdf."""
    import io

    from pypdf import PdfWriter

    import booklet.output.parallel as parallel

    reading, parts = parallel._read_part, []

    def both(data):
        parts.append(data)
        found = reading(data)
        assert found == parallel._read_part_with_pypdf(data)
        return found

    monkeypatch.setattr(parallel, "_read_part", both)
    built = build_booklet(medium, tmp_path / "two.pdf", jobs=2)
    assert len(parts) >= 2 and sum(len(reading(data)[5]) for data in parts) == built.pages

    writer = PdfWriter()
    for _ in range(3):
        writer.add_blank_page(100, 100)
    writer.add_outline_item(title="A page", page_number=0)
    other = io.BytesIO()
    writer.write(other)
    with pytest.raises(ValueError):
        reading(other.getvalue())
    spans, root, info, size, tree, kids, outlines = parallel._read_part_with_pypdf(other.getvalue())
    assert len(kids) == 3 and len(outlines) == 2 and size == len(spans) + 1
    first = parts[0]
    for damaged in (first.replace(b" 00000 n", b" 00001 n", 1), first[:-40],
                    first.replace(b"/Kids [", b"/Kids <<", 1)):
        with pytest.raises(ValueError):
            reading(damaged)


def test_a_layouts_file_is_read_only_beside_numbers_that_agree():
    """A file of layouts is read into a process that has numbered values already only when each value both
    number the same, and no other value of the file has a number given here (it would stand for two)."""
    from booklet.cache.persisted import _agree

    assert _agree({"a": 0, "b": 1}, {}) and _agree({"a": 0, "b": 1}, {"a": 0})
    assert _agree({"b": 1}, {"a": 0})
    assert not _agree({"a": 1, "b": 0}, {"a": 0})  # "a" numbered otherwise
    assert not _agree({"b": 0}, {"a": 0})  # 0 is "a" here


# A process that imports what `python -m booklet build` imports (the command line, and the build it imports when
# it builds), then runs the commands of each of its arguments (a round: a JSON list of argument lists, or of
# {"args": [...], "env": {...}} for a command with variables of its own) at once, each in a process forked from it
# (the command line's own process, cli.run, from the imports on: one interpreter's start and imports, not one a
# command or a round, 0.3-0.5 s of CPU each), a round once the one before it has ended: exits 1 when any failed.
_AT_ONCE = """\
import json, os, sys
import booklet.build
from booklet.cli import run
failed = False
for round_ in sys.argv[1:]:
    children = []
    for args in json.loads(round_):
        sys.stdout.flush(); sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            if isinstance(args, dict):
                os.environ.update(args["env"])
                args = args["args"]
            sys.argv = ["booklet", *args]
            run()  # (ends the process)
        children.append(pid)
    failed |= any([os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) for pid in children])
sys.exit(int(failed))
"""


def test_builds_of_one_folder_at_once_share_the_disk_cache(medium, medium_cold, tmp_path):
    """Builds of the same folder run at once with the same disk cache (two terminals; an editor's save while a
    build runs), in parts and in one process, the cache empty and then filled by them: each writes the bytes of a
    build without a cache, and none leaves a file half-written in the cache (one left by the first round would still
    be there: a sweep takes only files an hour old). (Each round's four builds are forked at once from one process
    that imported booklet, _AT_ONCE, the second round's once the first round's have ended: four processes at once as
    before, without an interpreter started and booklet imported for each build, or for each round.)"""
    import json
    import shutil
    import subprocess
    import sys

    folder = tmp_path / "data"
    shutil.copytree(medium, folder)
    cache = tmp_path / "cache"
    wanted = {str(jobs): pdf for jobs, pdf in medium_cold.items()}
    runs = {round_: [(f"{round_}-{jobs}-{n}.pdf", jobs) for n in range(2) for jobs in ("2", "1")]
            for round_ in ("empty", "filled")}
    rounds = [json.dumps([["build", str(folder), "-o", str(tmp_path / name), "--jobs", jobs] for name, jobs in each])
              for each in runs.values()]
    done = subprocess.run([sys.executable, "-c", _AT_ONCE, *rounds], capture_output=True, text=True, timeout=300,
                          cwd=ROOT, env={**os.environ, "BOOKLET_CACHE": str(cache)})
    assert done.returncode == 0, done.stderr
    for name, jobs in runs["empty"] + runs["filled"]:
        assert (tmp_path / name).read_bytes() == wanted[jobs], name
    assert not [path for path in cache.rglob("*") if path.name.startswith(".")]  # no temporary file left


def test_more_jobs_than_ever_pay_is_refused_by_the_command_line(tmp_path):
    from click.testing import CliRunner

    from booklet.cli import main

    for command in ("build", "watch"):
        result = CliRunner().invoke(main, [command, str(tmp_path / "none"), "-j", "1000"])
        assert result.exit_code == 2 and "Invalid value for '-j' / '--jobs': 1000 is not in the range 1<=x<=16." in \
            result.output, result.output
    assert not (tmp_path / "none").exists()


_KILLED_SCRIPT = """
import os, signal, sys
from pathlib import Path
from types import SimpleNamespace
import multiprocessing.process
import booklet.output.parallel as parallel

started = []
start = multiprocessing.process.BaseProcess.start

def noted(self):
    start(self)
    started.append(self.pid)

def killed(booklet, pipes):  # the build's process dies (kill -9) as it starts waiting for the workers' reports
    Path(sys.argv[3]).write_text(" ".join(map(str, started)))
    os.kill(os.getpid(), signal.SIGKILL)

multiprocessing.process.BaseProcess.start = noted
parallel._reports = killed
from booklet.build import build_booklet
build_booklet(Path(sys.argv[1]), Path(sys.argv[2]), jobs=2)
"""


def _gone(pid: int) -> bool:
    """Whether process `pid` has ended (gone, or a zombie no one reaps)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] in "ZX"
    except FileNotFoundError:
        return True


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes' states from /proc")
def test_workers_end_when_the_build_s_process_is_killed(medium, tmp_path):
    """`kill -9` of a `--jobs 2` build left its workers running for good, each blocked sending its report or waiting
    for the reply (each held the build's end of its own pipe, so it never broke): they end now, their pipe broken,
    quietly (each printed a traceback of the broken pipe)."""
    import subprocess
    import sys

    (tmp_path / "run.py").write_text(_KILLED_SCRIPT)
    done = subprocess.run([sys.executable, str(tmp_path / "run.py"), str(medium), str(tmp_path / "b.pdf"),
                           str(tmp_path / "pids")], cwd=ROOT, timeout=120, capture_output=True, text=True)
    assert done.returncode == -9 and "Traceback" not in done.stderr, done.stderr
    pids = [int(pid) for pid in (tmp_path / "pids").read_text().split()]
    assert pids
    deadline = time.monotonic() + 120  # (they end within a second or two; a loaded machine takes longer)
    while not all(map(_gone, pids)) and time.monotonic() < deadline:
        time.sleep(0.2)
    try:
        assert all(map(_gone, pids)), "workers still running after their build's process was killed"
    finally:
        for pid in pids:
            if not _gone(pid):
                os.kill(pid, 9)
    assert not (tmp_path / "b.pdf").exists()


_KILLED_LINTING_SCRIPT = """
import os, signal, sys, time
from pathlib import Path
from types import SimpleNamespace
import multiprocessing.process
import booklet.build
import booklet.processes

started, building = [], os.getpid()
start = multiprocessing.process.BaseProcess.start

def noted(self):
    start(self)
    started.append(self.pid)

def linting(*args):  # in the process forked to lint: the build's process dies (kill -9) while it lints on
    if os.getpid() == building:
        sys.exit("linted in the build's own process")
    Path(sys.argv[3]).write_text(" ".join(map(str, [os.getpid(), *started])))
    os.kill(os.getppid(), signal.SIGKILL)
    time.sleep(600)

multiprocessing.process.BaseProcess.start = noted
booklet.processes.forks_pay = lambda: True
booklet.build.linted = linting
booklet.build.build_booklet(Path(sys.argv[1]), Path(sys.argv[2]), jobs=2)
"""


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes' states from /proc")
def test_workers_end_when_the_build_s_process_is_killed_while_a_process_it_forked_lints(medium, tmp_path):
    """A build in parts lints in a process it forks while the workers lay out (booklet.build._checked_elsewhere). That
    process has the build's ends of the workers' pipes too; held open there, a `kill -9` of the build's process would
    leave the workers running as long as it linted. It closes them first (processes.closed_when_forked): the workers
    end as at once as they do when the build's process is killed at any other time."""
    import subprocess
    import sys

    (tmp_path / "run.py").write_text(_KILLED_LINTING_SCRIPT)
    with open(tmp_path / "err", "w") as err:  # (a file: the processes left would hold a pipe open)
        done = subprocess.run([sys.executable, str(tmp_path / "run.py"), str(medium), str(tmp_path / "b.pdf"),
                               str(tmp_path / "pids")], cwd=ROOT, timeout=120, stdout=subprocess.DEVNULL, stderr=err,
                              env={**os.environ, "BOOKLET_CACHE": "off", "PYTHONPATH": str(ROOT)})
    assert done.returncode == -9 and "Traceback" not in (tmp_path / "err").read_text(), (tmp_path / "err").read_text()
    linting, *workers = [int(pid) for pid in (tmp_path / "pids").read_text().split()]
    assert workers and not _gone(linting)
    deadline = time.monotonic() + 120  # (they end within a second or two; a loaded machine takes longer)
    while not all(map(_gone, workers)) and time.monotonic() < deadline:
        time.sleep(0.2)
    try:
        assert all(map(_gone, workers)), "workers still running after their build's process was killed"
    finally:
        for pid in [*workers, linting]:
            if not _gone(pid):
                os.kill(pid, 9)
    assert not (tmp_path / "b.pdf").exists()


def test_files_left_half_way_in_any_folder_of_the_cache_are_removed_an_hour_on(tmp_path, monkeypatch):
    """Only the layouts' folder was swept: a process killed while it pickled a font, an image, the model read or the
    note of its build into the cache left `.<name>.<random>.part` there for good. Each folder is swept as a process
    first stores into it, as the layouts' is: what was written more than ABANDONED seconds ago, and nothing else (a
    newer one may be a live process's; a file not hidden, or of another suffix, is not a temporary file)."""
    from booklet.cache import built, disk

    from .helpers import write_conference

    cache = tmp_path / "cache"
    names = [".a.pickle.1a2b3c4d.part", ".b.pickle.5e6f7a8b.part", "c.pickle.part", ".d.pickle.9c0d1e2f.old"]
    hours_ago = time.time() - atomic.ABANDONED - 60
    for kind in (built.KIND, "images"):
        (cache / kind).mkdir(parents=True)
        for name in names:
            (cache / kind / name).write_bytes(b"x")
            if name != names[1]:
                os.utime(cache / kind / name, (hours_ago, hours_ago))
    monkeypatch.setenv("BOOKLET_CACHE", str(cache))
    disk._swept.cache_clear()  # (once a process and folder)
    folder = write_conference(tmp_path / "conf")
    build_booklet(folder, tmp_path / "booklet.pdf", jobs=1)  # stores the note of its build (built.KIND)
    assert sorted(path.name for path in (cache / built.KIND).iterdir() if not path.name.endswith(".pickle")) == \
        sorted(names[1:])
    assert disk.store("images", disk.key("an image"), b"pixels")
    assert sorted(path.name for path in (cache / "images").iterdir() if not path.name.endswith(".pickle")) == \
        sorted(names[1:])
    assert disk.load("images", disk.key("an image"), bytes) == b"pixels"


def test_the_build_s_process_makes_each_person_anchor_of_the_workers_parts_the_booklet_s_once(one_and_two,
                                                                                             one_and_two_read):
    """The workers' anchors, merged once: after the last worker reports, this process, which every build in parts
    then waits on, made each of their person anchors the booklet's (its person's key, its page in the booklet) three
    times over (the anchors told the parts saved early, then all again with the last part's, then each link and
    destination as the booklet was assembled): 48,000 anchors at 2,000 talks. The anchors are those of one job.
    (The builds of one_and_two, which counts the anchors made, and their PDFs as read once, one_and_two_read.)"""
    one, two, made = one_and_two
    assert two.jobs == 2 and two.anchors == one.anchors
    persons = [key for key in one.anchors if key.startswith("person-")]
    assert made and len(made) == len(set(made)) <= len(persons)
    _same_booklet(*one_and_two_read)


def _files_kept(folder: Path) -> list[str]:
    """The data files the disk cache's "files" section keeps of `folder` (their names), as the next build reads it."""
    from booklet.cache import persisted

    cache = persisted.PersistedCache(folder)
    found = cache._read("files", cache._kept_file("files"), "files")
    return sorted(key[0] for key in found[0]) if found is not None else []


def _init_built_twice(folder: Path, jobs: int, patch: pytest.MonkeyPatch):
    """`booklet init`'s folder made at `folder` and built twice with `jobs` and a disk cache of its own (beside it), the
    data files parsed noted (in a file: posters and lint may be read in other processes): the second build parses none
    and gives the first's warnings and bytes. The data files the disk cache kept of it, and the first BuildResult."""
    import booklet.data.load
    from click.testing import CliRunner

    from booklet.cli import main

    parsed, real = folder.parent / f"parsed-{jobs}", booklet.data.load._parsed

    def parsing(data, display, problems, parse):
        with open(parsed, "a", encoding="utf-8") as file:
            file.write(display + "\n")
        return real(data, display, problems, parse)

    patch.setattr(booklet.data.load, "_parsed", parsing)
    patch.setenv("BOOKLET_CACHE", str(folder.parent / f"cache-{jobs}"))
    assert CliRunner().invoke(main, ["init", str(folder)]).exit_code == 0
    first = build_booklet(folder, folder.parent / f"{jobs}.pdf", jobs=jobs)
    kept = _files_kept(folder)
    parsed.unlink()
    again = build_booklet(folder, folder.parent / f"{jobs}-again.pdf", jobs=jobs)
    assert not parsed.exists(), parsed.read_text()  # nothing parsed again
    assert again.warnings == first.warnings
    assert again.output.read_bytes() == first.output.read_bytes()
    return kept, first


@pytest.fixture(scope="module")
def init_kept_by_one_process(tmp_path_factory) -> list[str]:
    """The data files the disk cache keeps of init's folder built in one process (_init_built_twice: its second build
    parses none)."""
    with pytest.MonkeyPatch.context() as patch:
        return _init_built_twice(tmp_path_factory.mktemp("init-one") / "conference", 1, patch)[0]


@pytest.mark.parametrize("forked", [True, False], ids=["lint forked", "lint here"])
def test_a_first_build_in_parts_keeps_every_data_file_it_read(tmp_path, monkeypatch, forked,
                                                              init_kept_by_one_process):
    """A build writes the data files as read before the layout, and lets them go (cache.persisted: _files_out); a
    build in parts lints after that (while its workers lay out), and lint reads a file again to find a value's line
    (init's example left in conference.yaml). Before, that one file, read anew, replaced the others in the disk
    cache: a first build in parts of init's folder kept conference.yaml alone, and the next build parsed every other
    file again. Now it is added to them: the files a build in one process keeps (built once for both cases: where
    lint runs is a choice of builds in parts only), and the next build parses none."""
    from booklet import processes

    monkeypatch.setattr(processes, "forks_pay", lambda: forked)
    kept, result = _init_built_twice(tmp_path / "conference", 2, monkeypatch)
    assert result.jobs == 2
    assert ("conference.yaml", "example") in {(w.file, w.kind) for w in result.warnings}  # (read again by lint)
    assert kept == init_kept_by_one_process
    assert {"conference.yaml", "abstracts.yaml", "programme.yaml"} <= set(kept)


def test_a_data_file_read_first_by_lint_is_added_to_the_files_written_before_the_layout_not_read_back(tmp_path,
                                                                                                      monkeypatch):
    """A data file a build reads first after the files were let go before the layout (lint, in a build in parts: one
    the build had not read, or read in other bytes) is added to the file of those written then, after the values it
    holds: that file is not read back (at 2,000 talks, its documents took the main process ~40 MB at its end). The
    next build reads them all, the later of a key written twice; one added past LIMIT, the file is read back and
    written with it as before (too big: the note that it is)."""
    from booklet.cache import persisted

    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    folder = tmp_path / "conference"
    folder.mkdir()
    read, real_read = [], persisted.PersistedCache._read

    def reading(self, section, kept, name):
        read.append(section)
        return real_read(self, section, kept, name)

    monkeypatch.setattr(persisted.PersistedCache, "_read", reading)
    cache = persisted.PersistedCache(folder)
    for n in range(3):
        cache.get("files", (f"{n}.yaml", "digest"), lambda n=n: {"document": n})
    cache.laying_out(2)  # written beside their place, and let go
    assert cache.size("files") == 0
    cache.get("files", ("0.yaml", "digest"), lambda: {"document": 0})  # read again, as it was
    cache.get("files", ("late.yaml", "digest"), lambda: {"document": "late"})  # read first now
    read.clear()
    cache.save()
    assert "files" not in read
    kept = cache._read("files", cache._kept_file("files"), "files")[0]
    assert kept == {**{(f"{n}.yaml", "digest"): {"document": n} for n in range(3)},
                    ("late.yaml", "digest"): {"document": "late"}}

    monkeypatch.setattr(persisted, "LIMIT", 200)  # (the first fits; with the late one, the file is too big)
    folder = tmp_path / "another"
    folder.mkdir()
    cache = persisted.PersistedCache(folder)
    cache.get("files", ("0.yaml", "other"), lambda: {"document": 0})
    cache.laying_out(2)
    cache.get("files", ("late.yaml", "other"), lambda: {"document": "x" * 300})
    read.clear()
    cache.save()
    assert "files" in read and cache._kept_file("files")[1] == persisted.TOO_BIG


def _kept_keys(folder: Path, section: str) -> set:
    from booklet.cache import persisted

    cache = persisted.PersistedCache(folder)
    found = cache._read(section, cache._kept_file(section), section)
    return set(found[0]) if found is not None else set()


def test_a_build_in_parts_keeps_the_qr_codes_and_facts_its_workers_made(medium, tmp_path, monkeypatch):
    """The QR codes and facts (names' collation keys, dates written by babel) are kept in one file for the whole book;
    a worker of a build in parts makes those of its pages, and sends them to the build's process, which keeps them.
    Before, they were lost with the worker: a first --jobs 2 build of the sample kept 2 of its 4 QR codes and 232 of
    its 260 facts, and each build in parts made the others again. Now it keeps what a build in one process keeps.
    (The medium book with two QR codes on its practical page, which a worker lays out: two builds of the sample cost
    2.5 s of CPU more. Each build a process of its own, as the command line's: a process that sorted a name before
    asks no fact. Both are forked at once from one process that imported booklet, _AT_ONCE, each with a cache of its
    own.)"""
    import json
    import shutil
    import subprocess
    import sys

    commands = []
    for jobs in (1, 2):
        folder = tmp_path / f"medium-{jobs}"
        shutil.copytree(medium, folder)
        with (folder / "conference.yaml").open("a", encoding="utf-8") as handle:
            handle.write("qr_codes:\n  - {text: \"https://www.example.org/synthsky\", caption: The programme online}\n"
                         "  - {text: \"WIFI:T:WPA;S:SynthSky;P:aurora;;\", caption: \"Wi-Fi: scan to join\"}\n")
        commands.append({"args": ["build", str(folder), "-o", str(tmp_path / f"{jobs}.pdf"), "--jobs", str(jobs)],
                         "env": {"BOOKLET_CACHE": str(tmp_path / f"cache-{jobs}")}})
    done = subprocess.run([sys.executable, "-c", _AT_ONCE, json.dumps(commands)], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    kept = {}
    for jobs in (1, 2):
        monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / f"cache-{jobs}"))
        kept[jobs] = {section: _kept_keys(tmp_path / f"medium-{jobs}", section) for section in ("qr", "facts")}
    assert len(kept[1]["qr"]) == 4 and len(kept[1]["facts"]) > 100
    assert kept[2] == kept[1], (len(kept[1]["facts"]), len(kept[2]["facts"]))


def test_a_person_s_key_is_who_they_are_not_when_they_were_first_named(tmp_path):
    """A person's anchors are named after who they are (marks.person_key), not after the order people are first named
    in: a build in parts names them in other orders in each part (the 6-talk generated book's --jobs 2 build named its
    people person-25-13 where --jobs 1 named them person-16-13, and only the 12-talk medium's orders happened to
    agree), and an edit naming someone early renumbered everyone after them. Two contexts naming the book's authors
    in opposite orders give each the same key; two people, two keys; a key is a word the markup and the anchors take."""
    booklet, _ = read_booklet(_generate(tmp_path / "data", 6, 8))
    names = list(dict.fromkeys(person.name for abstract in booklet.abstracts for person in abstract.authors))
    assert len(names) > 5
    page = page_for("A5")
    forward, backward = Context(booklet, page), Context(booklet, page)
    for name in names:
        forward.named(name)
    for name in reversed(names):
        backward.named(name)
    assert forward.person_keys == backward.person_keys
    keys = list(forward.person_keys.values())
    assert len(set(keys)) == len(keys) == len(names) and all(key.isalnum() for key in keys)
    first = forward.people.of(names[0])
    assert f'label="{forward.person_keys[first]}:1"' in forward.named(names[0], presenting=True)


def test_a_small_generated_book_s_person_anchors_are_the_same_in_one_and_two_jobs(tmp_path, monkeypatch):
    """The 6-talk generated book, whose people its two parts name in another order than one process does: the same
    anchors, person anchors included, built in one job and in two (BuildResult.anchors: page references and proofs
    read them)."""
    monkeypatch.setenv("BOOKLET_CACHE", "off")
    folder = _generate(tmp_path / "data", 6, 8)
    one = build_booklet(folder, tmp_path / "1.pdf", jobs=1)
    two = build_booklet(folder, tmp_path / "2.pdf", jobs=2)
    assert two.jobs == 2 and any(key.startswith("person-") for key in one.anchors)
    assert two.anchors == one.anchors
