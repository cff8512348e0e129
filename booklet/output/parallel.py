"""A booklet's story, laid out in parts by several processes -> one PDF (`booklet build --jobs N`).

The story is cut where a page starts anyway (a section, or a PageBreak inside one: an abstract on a
page of its own). Each part but the last is laid out and drawn by a worker process (forked, so it
shares the validated model and the registered fonts) into a PDF of its own, while this process lints
the data (what `build` reports and --strict stops on; no part is saved before that is done). What
depends on where a part's pages land in the booklet is not drawn while it is laid out: the page number
and running head of each page are a form drawn at save (a left page and a right page differ), as are
page references (contents, programme -> abstracts) already (output.render). What a part's layout itself depends on
(the side of the page a glance's spread opens on: glance.ToLeftPage), a worker's part after the first asks for, and is
told once the parts before it are laid out (PartDocTemplate.page_offset). A worker records its link
targets, links and outline entries, reports them with its page count, and waits for the page every
anchor of the booklet is on before it saves. The last part (the index of authors, which lists the pages
of every part, the Notes pages, which make up a multiple of four, and the back cover) is laid out by
this process once the other parts' page counts are known. An abstract on pages of its own is made only
when the layout reaches it (flowables.Later), so a worker holds one at a time, not all of its part's.

Then `assemble` writes the booklet from the parts' objects, byte for byte (renumbered), with one page
tree, the link annotations, and the outline. Each part carries its own font subsets.

Each process keeps what it laid out in files of its own in the disk cache (cache.persisted: its layouts and
compressed streams): it reads its own once forked (this one too, for the last part), and a worker writes its
own beside their places (its layouts once its pages are drawn, before it saves its part: they are let go then; its
streams once it is saved), and ends; this process puts them in place once the booklet is written (or removes them:
a build that fails keeps nothing it made). No process reads, holds or sends back another's.

A warm cache (`booklet watch`'s: cache.memory.BuildCache.keeps_workers) keeps its workers from one build to the next
(Workers): each lays out the same run of the story at every rebuild, from what it kept of the builds before in a
cache of its own, as a watch's one process does for the whole book; it is sent the model (pickled) rather than
forked with it. With the disk cache on, that cache takes its part's files at the first run and writes what it made
new beside their places, as a worker of a single build does (cache.persisted.for_kept_worker).
"""

from __future__ import annotations

import gc
import hashlib
import io
import os
import pickle
import re
import signal
import traceback
import weakref
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

from reportlab import rl_config
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.ttfonts import SUBSETN
from reportlab.platypus import NextPageTemplate, PageBreak

from ..cache import disk, memory, persisted
from ..cache.disk import alive_to_the_end, ends_with_its_build, uncollected
from ..layout.backmatter import BackCover, PadPages
from ..layout.common import Context
from ..layout.flowables import Anchor, DayMark, Later
from ..layout.index import index_before_people
from ..layout.page import Page
from ..layout.story import story_pieces
from ..layout.styles import patterns_read
from ..text.dates import locale_data_read
from ..text.fonts import register_fonts
from .atomic import about_targets, replacing
from ..layout.marks import person_anchor
from ..processes import MAX_JOBS, closed_when_forked, cores
from .render import BookletCanvas, BookletDocTemplate, page_section

# rough cost of laying out each thing a section holds (an abstract on its own page = 1): for balancing. A
# poster is 0.36 (0.47 until 2026-12-02, set when the runs weighed otherwise), from the CPU each run of a
# 2,000-talk first build took (bench/jobs_timeline.py, 2026-12-02): with 0.47, the run of the abstracts 8.7 s and
# the run of the posters (the making of their flowables included) 6.9 s, the posters' run then idle; with 0.36,
# 7.4 s and 7.3 s, the build 9.9 s against 11.1 s. Interleaved whole builds gain with the disk cache off, empty
# and filled at 500 talks, and empty and filled at 2,000 (4-13 %). Its cost: the runs end together, and write
# what they keep at once more often, so a first 2,000-talk build's peak is more often high (6 rounds each:
# 664-742 MB PSS, median 735, against 624-741 MB, median 645; from a filled cache the same).
WEIGHTS = {"abstract": 1.0, "item": 0.15, "poster": 0.36, "tutorial": 1.0, "participant": 0.02}
BUILD_SHARE = 0.26  # of a piece's cost, making its flowables (a run that lays out only its end makes them all)
LATER_SHARE = 0.005  # the same for abstracts on pages of their own: they are Laters, a run makes only its own
MIN_WEIGHT = 400.0  # books lighter than this (about 400 abstract pages) are built in one process: it does not pay
_PERSON = re.compile(r"person-(.+)-(\d+)")
OFFSET = "offset"  # a worker's question: the pages before its part (_reports answers)
KEEPING = 60  # seconds a worker is given to write its files of its own once its part is saved, before it is stopped
# (cache.persisted.PER_PART: its compressed streams, and its layouts when it did not write them before saving)
IDLE = b"idle"  # told to a kept worker once its build has ended: it collects then (_serve), not in the build's way


def jobs_that_pay(booklet, jobs: int | None) -> int:
    """`jobs` (None: the number of cores), capped at what pays: 1 for a small book, or when the index of
    authors comes before the pages it lists (its pages are learnt in passes over the whole book), or where
    processes cannot be forked. Never from what the disk cache holds: the same data gives the same PDF
    whatever it holds (a build in parts replays what the same parts kept, each process its own)."""
    if jobs is None:
        jobs = cores()
        if _weight(booklet) < MIN_WEIGHT:
            return 1
    jobs = min(jobs, MAX_JOBS)
    if jobs <= 1 or index_before_people(booklet.theme.sections):
        return 1
    import multiprocessing

    return jobs if "fork" in multiprocessing.get_all_start_methods() else 1


def _weight(booklet) -> float:
    return sum(_piece_weight(booklet, name) for name in ("abstracts", "programme", "posters", "tutorials"))


def _piece_weight(booklet, name: str) -> float:
    if name == "programme":
        return sum(sum(1 for _ in day.items()) for day in booklet.days) * WEIGHTS["item"]
    if name == "abstracts":
        return len(booklet.abstracts) * WEIGHTS["abstract"]
    if name == "posters":
        return len(booklet.posters) * WEIGHTS["poster"]
    if name == "tutorials":
        return len(booklet.tutorials) * WEIGHTS["tutorial"]
    if name == "participants":
        return len(booklet.participants) * WEIGHTS["participant"]
    return 2.0


@dataclass(frozen=True)
class Chunk:
    """Piece `piece` of the story (story_pieces), from fraction `start` to `end` of its page breaks."""

    piece: int
    start: float = 0.0
    end: float = 1.0


def plan(booklet, names: list[str], jobs: int, flow: bool = False) -> tuple[list[list[Chunk]], list[Chunk]]:
    """The pieces before the last part, in at most `jobs` runs whose heaviest is as light as can be (a piece
    may be cut between two runs: the second then also makes the flowables before its share of it,
    _build_share of its weight); and the last part: the index and what follows it, or only the end."""
    last = names.index("index") if "index" in names else len(names) - 1
    weights = [_piece_weight(booklet, name) for name in names[:last]]
    shares = [_build_share(name, flow) for name in names[:last]]
    low, high = sum(weights) / jobs, sum(weights) * (1 + BUILD_SHARE)
    best = _pack(weights, shares, high)
    for _ in range(40):
        middle = (low + high) / 2
        runs = _pack(weights, shares, middle)
        if runs is not None and len(runs) <= jobs:
            best, high = runs, middle
        else:
            low = middle
    return best, [Chunk(index) for index in range(last, len(names))]


def _build_share(name: str, flow: bool) -> float:
    """What making the flowables before a cut costs a run that lays out a piece from there (of its weight); `flow`:
    the abstracts flow, several to a page (layout.common.flows)."""
    if name == "abstracts" and not flow:
        return LATER_SHARE
    return BUILD_SHARE


def _pack(weights: list[float], shares: list[float], capacity: float) -> list[list[Chunk]] | None:
    """Pieces packed in order into runs of at most `capacity`, cut where a run is full; None if they cannot
    be. A run makes all of a piece's flowables, whatever share of it it lays out: one laying out a piece from
    a cut on first pays `shares` of its weight before the cut, and one laying it out up to a cut the same
    share of its weight after the cut (the 2,000-talk book's plan once gave the first run the first 1 % of
    the posters, and with it the making of all 15,000 flowables of the other 99 %: 4 s)."""
    runs: list[list[Chunk]] = [[]]
    load = 0.0
    for index, weight in enumerate(weights):
        start = 0.0
        share = shares[index]
        while load + weight * (1 - start) > capacity + 1e-9:
            # load + weight * (end - start) + share * weight * (1 - end) <= capacity
            end = (capacity - load + weight * (start - share)) / (weight * (1 - share))
            if end - start > 1e-6:
                runs[-1].append(Chunk(index, start, end))
                start = end
            elif not runs[-1]:  # a run of its own cannot hold a share of it with the making of the rest
                return None
            runs.append([])
            load = share * weight * start  # the next run makes what comes before its share
            if load + 1e-9 >= capacity:
                return None
        runs[-1].append(Chunk(index, start, 1.0))
        load += weight * (1 - start)
    return [run for run in runs if run]


@dataclass
class StartState:
    """What the canvas knows where a part starts: the running section and day."""

    section: str | None = None
    day: str | None = None


def _marks(flowables):
    """Anchors and day marks, in story order, inside the flowables that hold others too."""
    for flowable in flowables:
        if isinstance(flowable, (Anchor, DayMark)):
            yield flowable
        for inner in ("lead", "content", "_content"):
            held = getattr(flowable, inner, None)
            if isinstance(held, list):
                yield from _marks(held)


def chunk_story(pieces, chunks: list[Chunk]) -> tuple[list, StartState]:
    """The flowables of `chunks` (consecutive), without a page break to start with; the state at their start.
    Laters are left in it: the layout makes each when it reaches it (PartDocTemplate.handle_flowable), so a
    part does not hold all its abstracts' flowables at once."""
    story, state, built = [], None, {}
    for chunk in chunks:
        flowables = built.get(chunk.piece)
        if flowables is None:
            flowables = built[chunk.piece] = pieces[chunk.piece][1]()
        breaks = [i for i, f in enumerate(flowables) if isinstance(f, PageBreak)] + [len(flowables)]
        start = 0 if chunk.start <= 0 else breaks[round(chunk.start * (len(breaks) - 1))]
        end = len(flowables) if chunk.end >= 1 else breaks[round(chunk.end * (len(breaks) - 1))]
        if state is None:
            state = StartState()
            for mark in _marks(flowables[:start]):
                if isinstance(mark, DayMark):
                    state.day = mark.day
                elif mark.section is not None:
                    state.section, state.day = mark.section, None
        story += flowables[start:end]  # Laters are made as the layout reaches them (PartDocTemplate)
    while story and isinstance(story[0], PageBreak):
        story.pop(0)
    return story, state or StartState()


@dataclass
class Report:
    """What a part's layout found, its pages numbered from 1."""

    pages: int
    anchors: dict[str, int]
    people: dict[str, dict[int, bool]]
    person_keys: dict[str, object]  # key the part used -> Identity
    dests: dict[str, tuple[int, float, float, float]]  # link key -> (page, left, top, zoom)
    links: list[tuple[int, tuple, str]]  # (page, rect, link key)
    outline: list[tuple[str, str, int, bool]]  # (title, link key, level, closed)
    refs: set[str] = field(default_factory=set)  # the anchors its page references show the page of
    made: dict[str, int] = field(default_factory=dict)  # values its process's cache made anew, by section
    # its new values of the sections kept for the whole book (QR codes, facts), for this process's cache to keep
    kept: dict[str, dict] = field(default_factory=dict)


@dataclass
class Reply:
    offset: int  # pages before the part
    anchors: dict[str, int] = field(default_factory=dict)  # the page of every anchor in the booklet


class PartCanvas(BookletCanvas):
    """A BookletCanvas for one part: link targets, links and outline entries are recorded (the PDF is
    assembled later); page decorations are forms drawn at save, when `exchange(report) -> Reply` has told
    where the part starts."""

    start: StartState = StartState()
    exchange = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.section, self.day, self._page_day = self.start.section, self.start.day, self.start.day
        self.dests: dict[str, tuple] = {}
        self.links: list = []
        self.outline: list = []
        # (form, page, day, section, whether the section starts there, whether a day opens there)
        self.decorations: list = []
        self.decorator = None

    def bookmarkPage(self, key, fit="Fit", left=None, top=None, bottom=None, right=None, zoom=None):
        assert fit == "XYZ", fit
        self.dests[key] = (self.getPageNumber(), left or 0, top or 0, zoom or 0)  # the last one counts

    def linkRect(self, contents, destinationname, Rect=None, addtopage=1, name=None, relative=1,
                 thickness=0, color=None, dashArray=None, **kw):
        self.links.append((self.getPageNumber(), tuple(self._absRect(Rect, relative)), destinationname))

    def addOutlineEntry(self, title, key, level=0, closed=None):
        self.outline.append((title, key, level, bool(closed)))

    def save(self):
        alive_to_the_end()  # the part's pages are laid out (before the decorations: see disk.alive_to_the_end)
        assert not self._code, "the last page is not finished"
        pages = self._pageNumber - 1
        refs = {key for key, *_ in self._ref_forms.values()}
        reply = type(self).exchange(Report(pages, dict(self.anchor_pages), self.people_pages, {},
                                           self.dests, self.links, self.outline, refs))
        self.anchor_pages = reply.anchors
        width, height = self._pagesize
        for form, number, day, section, starts, opening in self.decorations:
            self.beginForm(form, lowerx=0, lowery=0, upperx=width, uppery=height)
            self.decorator._draw_decoration(self, number + reply.offset, day, section, starts, opening)
            self.endForm()
        persisted.laid_out()  # the layouts this process kept on its own: a worker's written beside their place, let go
        super().save()


class PartDocTemplate(BookletDocTemplate):
    """A part of the booklet: starts with inner pages unless it is the front; `page_offset`: pages before it (0 for
    the front; known for the last part, where Notes pages make up the count; None for a worker's other part, which
    asks `ask_offset()` the first time it is read, once the parts before it are laid out: a glance's spread there
    opens on a left-hand page of the booklet, glance.ToLeftPage)."""

    def __init__(self, filename, page: Page, short_title: str, colours, front: bool, page_offset: int | None = 0,
                 ask_offset=None, **kwargs):
        super().__init__(filename, page, short_title, colours, **kwargs)
        self._page_offset, self._ask_offset = page_offset, ask_offset
        if not front:
            self.pageTemplates.reverse()  # "inner" first

    @property
    def page_offset(self) -> int:
        if self._page_offset is None:
            self._page_offset = self._ask_offset()
        return self._page_offset

    def handle_flowable(self, flowables) -> None:
        while flowables and isinstance(flowables[0], Later):
            flowables[0:1] = flowables[0].make()
        if flowables:
            super().handle_flowable(flowables)

    def _decorate(self, canv: PartCanvas, doc) -> None:
        number = canv.getPageNumber()
        form = f"page{number}"
        decoration = (form, number, canv.take_page_day(), *page_section(canv, number), canv.take_opening())
        if not canv.take_blank():  # (a page left blank on purpose: no running head, no page number)
            canv.decorations.append(decoration)
            canv.doForm(form)
        canv.decorator = self
        self._marks(canv, doc)


def render_part(story, target, page: Page, *, front: bool, state: StartState, exchange, page_offset: int | None = 0,
                ask_offset=None, title: str, short_title: str, subject: str, language: str, author: str = "",
                colours=None, quotes=None) -> None:
    """Lay out and draw one part into `target` (a path or a file object); `page_offset`: the pages before it, None
    when not known yet (`ask_offset()` tells it: PartDocTemplate)."""
    register_fonts()
    rl_config.useA85 = 0
    doc = PartDocTemplate(target, page, short_title, colours, front, page_offset, ask_offset, quotes=quotes,
                          title=title, subject=subject, author=author, creator="booklet", lang=language)
    doc.build(story, canvasmaker=type("Canvas", (PartCanvas,), {"start": state, "exchange": staticmethod(exchange)}))


@contextmanager
def parallel_parts(booklet, page: Page, pad_to, jobs: int, output: Path, render_args: dict, meanwhile=None):
    """The booklet laid out by `jobs` worker processes: yields `finish(target) -> (pages, anchors)`, which
    lays out the last part and assembles the booklet into `target`. On entering, the workers are forked,
    then `meanwhile()` is called here while they work (lint and the checks: what it raises stops the build,
    the workers killed, nothing written: a worker saves only when told where its part starts, in finish).
    The parts' files, beside `output`, are removed at the end. With a warm cache (a watch's) the workers are the ones
    it kept from the build before (Workers), sent the model and their runs; new ones when there are none."""
    import multiprocessing

    ctx = Context(booklet, page)
    ctx.session_orders  # (measured once, here: the workers forked below inherit it, see programme.session_orders)
    if disk.folder() is None:  # (the same: each worker breaks lines and writes dates, and has no disk cache to take
        # the patterns or the dates from: see layout.styles._load_patterns, text.dates._remembered)
        patterns_read(ctx.styles.text.hyphenationLang)
        locale_data_read(booklet.conference.language)
    pieces = story_pieces(ctx, pad_to)
    names = [name for name, _ in pieces]
    runs, last = plan(booklet, names, jobs, ctx.flow)
    context = multiprocessing.get_context("fork")
    files = [output.with_name(f".{output.name}.part{i}") for i in range(len(runs) + 1)]
    workers, pipes, finished = [], [], False
    replied: set[int] = set()  # the workers told where their parts start (see _finish): they save them
    staying = _kept_workers(memory.active())  # a warm cache's: the workers of the build before
    # an error about a part's file (a full disk as a worker saves it) is told about the booklet: the file the user
    # knows (as atomic's temporary files are)
    with about_targets({path: output for path in files}):
        gc.freeze()  # the model and modules stay shared with the workers: no collection copies their pages
        try:
            if staying is not None:
                for process, pipe in staying.start(booklet, runs, files, (page, pad_to, render_args), context):
                    workers.append(process)
                    pipes.append(pipe)
            for index, chunks in enumerate(runs[len(workers):], start=len(workers)):
                mine, theirs = context.Pipe()
                # (this process's ends of the pipes, its own's too, closed in the worker: should this one die, the
                # worker's pipe is broken, and it ends rather than wait for ever on a reply or a reader)
                process = context.Process(target=_work, args=(theirs, booklet, page, pad_to, chunks, files[index],
                                                              index == 0, render_args, (index + 1, len(runs) + 1)),
                                          kwargs={"inherited": (*pipes, mine)}, daemon=True)
                process.start()
                theirs.close()
                workers.append(process)
                pipes.append(mine)
            persisted.in_part(0, len(runs) + 1)
            if meanwhile is not None:
                with closed_when_forked(pipes):  # (a process it forks: the workers see this one gone all the same)
                    meanwhile()
            output.parent.mkdir(parents=True, exist_ok=True)  # where the parts are saved
            reports = _reports(booklet, pipes)
            for report in reports:
                persisted.made_elsewhere(report.kept)
            if staying is not None:
                staying.made = [report.made for report in reports]
            yield lambda target: _finish(booklet, page, pad_to, last, reports, pipes, files, Path(target),
                                         render_args, replied)
            finished = True
        finally:
            kept = []  # the files of the workers that keep their own (cache.persisted.Written)
            if staying is not None:
                kept += _ended(staying, pipes, finished, replied)
            else:
                for index, (process, pipe) in enumerate(zip(workers, pipes)):
                    if finished or index in replied:  # it saves its part and writes its files: taken, kept or not
                        kept += _kept_files(pipe) or []
                    else:  # an error here (a --strict warning, say) before it was told where its part starts
                        process.kill()
                    pipe.close()
                    process.join(5)
                    if process.is_alive():
                        process.kill()
                        process.join()
            for written in kept:  # only a build that wrote its booklet keeps what it made
                if not (finished and written.publish()):
                    written.discard()
            # (a warm cache's process collects, and freezes what lives on, between builds: idle; one that ends with its
            # build keeps it all frozen: disk.alive_to_the_end)
            if staying is None and not ends_with_its_build():
                gc.unfreeze()
            for path in files:
                with suppress(OSError):  # (a read-only folder: what failed is the error to tell, not this)
                    path.unlink(missing_ok=True)


def _receive(pipe):
    try:
        message = pipe.recv()
    except (EOFError, OSError):  # it ended without a word: killed (out of memory, say)
        raise RuntimeError("a worker process ended before it was done") from None
    return _checked(message)


def _checked(message):
    if isinstance(message, tuple) and message and message[0] == "error":
        if len(message) > 2 and message[2] is not None:  # the system's error (a full disk): told as such
            number, text, name = message[2]
            raise OSError(number, text, name)
        raise RuntimeError(f"a worker process failed:\n{message[1]}")
    return message


def _failed(exc: BaseException, part=None) -> tuple:
    """A worker's message for what failed: the traceback, and the system's error (number, text, file) when it is one
    about writing its part (`part`, or no file: a full disk), which `_checked` raises again here, so that a full disk
    is told as a full disk, about the booklet (parallel_parts names it), not as a bug. Any other error (a file read,
    a bug) keeps its traceback."""
    system = None
    if isinstance(exc, OSError) and exc.errno is not None and exc.filename in (None, os.fspath(part or "")):
        system = (exc.errno, exc.strerror, exc.filename)
    return ("error", traceback.format_exc(), system)


def _reports(booklet, pipes) -> list:
    """Each worker's Report, taken as they come; a worker that asks for the pages before its part (OFFSET: its layout
    depends on the side of a page, PartDocTemplate.page_offset) is told once the parts before it have reported. A core
    is free once a worker has reported while another still lays out: this process then does what the index will need
    whatever the pages (prepare_index)."""
    from multiprocessing.connection import wait

    from ..layout.index import prepare_index

    reports: list = [None] * len(pipes)
    prepared = False
    pending = dict(enumerate(pipes))
    asking: set[int] = set()
    while pending:
        ready = wait(list(pending.values()))
        for index in [i for i, pipe in pending.items() if pipe in ready]:
            message = _receive(pending[index])
            if message == (OFFSET,):
                asking.add(index)
            else:
                reports[index] = message
                del pending[index]
        for index in sorted(asking):
            if all(report is not None for report in reports[:index]):
                pipes[index].send(sum(report.pages for report in reports[:index]))
                asking.discard(index)
        if pending and any(reports) and not prepared:  # a core is free: the collation table (the first name sorted
            # loads it) and most names' keys
            prepare_index((identity for report in reports if report for identity in report.person_keys.values()),
                          booklet.conference.language)
            prepared = True
    return reports


def _work(pipe, booklet, page, pad_to, chunks, path, front, render_args, slot, ends: bool = True,
          inherited=()) -> None:
    """In a worker: lay out `chunks`, report, wait for the reply, write its layouts beside their place and save to
    `path` (PartCanvas.save); then write the rest of what it keeps beside its place (cache.persisted) and say which
    files those are. `ends`: the process ends then (a kept worker's waits for its next run instead, and ends on an
    error: see _serve). `inherited`: the ends of the build's process's pipes this one was forked with, closed first."""
    for end in inherited:
        end.close()
    try:
        persisted.in_part(*slot)
        ctx = Context(booklet, page)
        story, state = chunk_story(story_pieces(ctx, pad_to), chunks)
        def exchange(report: Report) -> Reply:
            report.person_keys = dict(ctx.key_owners)
            report.made = dict(memory.active().made)
            report.kept = persisted.made_in_part()
            pipe.send(report)
            return pipe.recv()

        def ask_offset() -> int:  # (the pages before the part: told once the parts before it are laid out, _reports)
            pipe.send((OFFSET,))
            return pipe.recv()

        if story:
            render_part(story, str(path), page, front=front, state=state, exchange=exchange,
                        page_offset=0 if front else None, ask_offset=ask_offset, **render_args)
        else:  # a run cut to nothing (its share of a piece rounds to no page break): no pages
            exchange(Report(0, {}, {}, {}, {}, [], []))
        pipe.send(("saved",))
        # its own files (its layouts written before its part was saved: persisted.laid_out), written beside their
        # places while this process lays out the last part and puts the booklet together; this process puts them in
        # place once the booklet is written (or removes them). Then it ends: what it held is let go before the booklet
        # is put together
        pipe.send(("kept", persisted.write_part()))
        persisted.handed_over()
    except BaseException as exc:
        persisted.discard_part()  # the files it wrote and did not hand over (those it did are the main process's)
        try:
            pipe.send(_failed(exc, path))
        except OSError:  # the build's process is gone (killed): nobody to tell, and nothing to print; it ends
            if ends:
                return
        if not ends:
            raise
    finally:
        if ends:
            pipe.close()


def _kept_workers(cache) -> Workers | None:
    """The workers `cache` keeps from one build to the next (made now when it has none), or None: no cache, or one
    that serves a single build."""
    if cache is None or not cache.warm or not cache.keeps_workers:
        return None
    found = cache.lasting.get("workers")
    if found is None:
        found = cache.lasting["workers"] = Workers()
    return found


class Workers:
    """The worker processes a warm cache keeps (`booklet watch`'s: cache.memory.BuildCache.keeps_workers) from one
    build in parts to the next. Each is given the same run of the story at every build (the runs are planned from the
    model: they move only when what the sections hold does), and lays it out from what it kept of the builds before,
    in a cache of its own (_serve), as a watch's one process does for the whole book: a rebuild after an edit takes
    the time of the longest run, not of the whole book. `made`: what each made anew in the last build (its Report's).
    They end with `close`, when the cache is dropped, with this process (they are daemons), or on their own when it
    is killed (_serve)."""

    def __init__(self):
        self._running: list = []  # (process, this end of its pipe), in the order of the runs they take
        self.made: list[dict[str, int]] = []
        weakref.finalize(self, _stop, self._running, True)  # (the list, not self: it is changed in place)

    def start(self, booklet, runs, files, args, context) -> list:
        """The first len(runs) workers (new ones forked where fewer live), each sent the model (pickled once) and its
        run: `runs[i]` to be saved to `files[i]`; `args`: the page, the padding and the render arguments. When one
        has ended (killed, say), all start anew, so that each keeps its own run's layouts."""
        model = pickle.dumps(booklet, pickle.HIGHEST_PROTOCOL)
        page, pad_to, render_args = args
        jobs = [pickle.dumps((model, page, pad_to, chunks, files[index], index == 0, render_args,
                              (index + 1, len(runs) + 1)), pickle.HIGHEST_PROTOCOL)
                for index, chunks in enumerate(runs)]
        for again in (False, True):
            if again or not all(process.is_alive() for process, _ in self._running):
                self.close(now=True)
            while len(self._running) < len(runs):
                mine, theirs = context.Pipe()
                # the ends of this process's pipes it is forked with: closed there (_serve), so that each pipe's
                # end here is the only one, and a worker sees it close when this process ends, however it ends
                here = [pipe for _, pipe in self._running] + [mine]
                process = context.Process(target=_serve, args=(theirs, here), daemon=True)
                with _signals_held():  # until it has its own handlers (_serve)
                    process.start()
                    theirs.close()
                    self._running.append((process, mine))
            try:
                for job, (_, pipe) in zip(jobs, self._running):
                    pipe.send_bytes(job)
            except OSError:  # one ended since it was looked at
                if again:
                    self.close(now=True)  # (some may have their run: none is left half told)
                    raise
                continue
            return self._running[:len(runs)]

    def pids(self) -> list[int]:
        return [process.pid for process, _ in self._running]

    def close(self, now: bool = False) -> None:
        """End the workers: told to, or killed (`now`: one may be half way through a run)."""
        _stop(self._running, now)


_WATCHS = (signal.SIGINT, signal.SIGTERM)  # the signals a kept worker leaves to the watch (Ctrl-C, `kill`)


@contextmanager
def _signals_held():
    """_WATCHS held (blocked) inside the block, where the system can: a process forked inside starts with them held,
    and gets them only once it has set its own handlers (_serve)."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, _WATCHS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def _stop(running: list, now: bool) -> None:
    """End the kept workers `running` (emptied): each told to stop (empty bytes), or killed."""
    ending, running[:] = list(running), []
    for process, pipe in ending:
        if now:
            process.kill()
            continue
        try:
            pipe.send_bytes(b"")
        except OSError:  # ended already
            pass
    for process, pipe in ending:
        process.join(5)
        if process.is_alive():
            process.kill()
            process.join()
        pipe.close()


def _serve(pipe, inherited=()) -> None:
    """A kept worker (Workers): the run of each build it is sent, laid out (_work) with a cache of its own that keeps
    what the builds before made, as a watch's cache does; until it is told to stop (empty bytes), its pipe is closed
    (the process that started it has ended, killed perhaps: `inherited`, the ends of that process's pipes this one was
    forked with, are closed first, so that nothing else holds them; and between runs it also watches that process's
    sentinel), or a run fails (it ends then: the next build starts new workers). Told a build has ended (IDLE), it
    does what its next run would do first (BuildCache.idle)."""
    import multiprocessing
    from multiprocessing.connection import wait

    from ..data.theme import font_set
    from ..text.fonts import forget_replaced, use_fonts

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the watch's: it ends its workers (close)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # (not the watch's own handler, which it was forked with)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _WATCHS)  # held while it was started (Workers.start)
    for end in inherited:
        end.close()
    parent = multiprocessing.parent_process()
    waiting = [pipe] + ([parent.sentinel] if parent is not None else [])
    cache = persisted.for_kept_worker(memory.active())  # (the watch's, as it was forked)
    while True:
        if pipe not in wait(waiting):  # only the sentinel: the process that started it is gone
            return
        try:
            job = pipe.recv_bytes()
        except (EOFError, OSError):
            return
        if not job:
            return
        if job == IDLE:
            cache.idle()
            continue
        try:
            model, *rest = pickle.loads(job)
            booklet = pickle.loads(model)
            forget_replaced()  # (the build's process closes its kept workers when it finds one: a worker forked since)
            use_fonts(font_set(booklet.theme))  # as reading sets them: the theme's may have changed
        except BaseException as exc:  # noqa: BLE001  told to the build's process, as _work tells what fails in it
            pipe.send(_failed(exc))
            return
        try:
            with memory.using(cache):
                _work(pipe, booklet, *rest, ends=False)
        except BaseException:  # noqa: BLE001  told to the build's process (_work): this one ends, quietly
            return


def _ended(staying: Workers, pipes, finished: bool, replied: set[int]) -> list:
    """A build with kept workers has ended: each told to collect, when every one was told where its part starts and
    ended its run as it should (its last messages read); else all are ended (one is half way through its run, or
    failed; so is any that this cannot tell about, interrupted). The files they wrote beside their places (a watch's
    with the disk cache on: cache.persisted.for_kept_worker), for the caller to put in place or remove: those of every
    worker told where its part starts (it saves it, then writes them), though another failed."""
    clean, files = False, []
    try:
        drained = [_drained(pipe, files) for index, pipe in enumerate(pipes) if finished or index in replied]
        clean = len(drained) == len(pipes) and all(drained)
        if clean:
            try:
                for pipe in pipes:
                    pipe.send_bytes(IDLE)
            except OSError:  # one ended since: the next build starts new ones
                clean = False
    finally:
        if not clean:
            staying.close(now=True)
    return files


def _last_word(pipe) -> tuple | None:
    """A worker's last message of a run ("kept", or "error"), its others skipped; None when it is gone or says
    nothing within KEEPING seconds."""
    try:
        while pipe.poll(KEEPING):
            message = pipe.recv()
            if isinstance(message, tuple) and message and message[0] in ("kept", "error"):
                return message
    except (EOFError, OSError):
        pass
    return None


def _drained(pipe, files: list) -> bool:
    """Whether a kept worker told where its part starts ended its run as it should ("kept"), so that it waits for the
    next with nothing left to read; the files it wrote beside their places added to `files`."""
    kept = _kept_files(pipe)
    files += kept or []
    return kept is not None


def _kept_files(pipe) -> list | None:
    """The files a worker wrote beside their places (cache.persisted.Written), from its last message when it ended
    its run as it should ("kept": none when it made nothing new); None when it failed, is gone, or says nothing."""
    message = _last_word(pipe)
    return (message[1] or []) if message is not None and message[0] == "kept" else None


@uncollected()
def _finish(booklet, page, pad_to, last, reports, pipes, files, output, render_args, replied: set[int]):
    """The last part, laid out here; every part told the booklet's anchors; the parts assembled. Run
    without the cyclic garbage collector: what it makes (the index's entries, the parts read for the assembly)
    lives until the booklet is written, and at 2,000 talks four full collections of this process's heap took
    0.2-0.3 s of it."""
    offsets, total = [], 0
    for report in reports:
        offsets.append(total)
        total += report.pages
    # each person's key the booklet's (a part's own, Context.key_of's `wanted`: marks.person_key, which only a digest
    # shared by two people makes otherwise in another part)
    ctx = Context(booklet, page)
    people: dict[str, dict[int, bool]] = {}
    renames: list[dict[str, str]] = []
    for report, offset in zip(reports, offsets):
        rename = {}
        for local, identity in report.person_keys.items():
            rename[local] = ctx.key_of(identity, wanted=local)
            pages = report.people.get(local)
            if pages:
                people.setdefault(rename[local], {}).update({p + offset: v for p, v in pages.items()})
        renames.append(rename)
    ctx.known_people = {key: dict(sorted(pages.items())) for key, pages in people.items()}
    story, state = chunk_story(story_pieces(ctx, pad_to), last)
    cover = _back_cover_alone(story, total)
    if cover is not None:
        story = cover
    found: list = []
    starts = offsets + [total]  # the pages before each part, the last (laid out here) too
    keyed: list[dict[str, str]] = [{} for _ in reports]  # each worker's part's keys as the booklet's, worked out once

    def rekey(key: str, part: int) -> str:
        if part >= len(reports):
            return key
        known = keyed[part]
        done = known.get(key)
        if done is None:
            match = _PERSON.fullmatch(key)
            done = known[key] = (person_anchor(renames[part][match.group(1)], int(match.group(2)) + offsets[part])
                                 if match else key)
        return done

    def merged(anchors: dict[str, int], got: Report, part: int) -> dict[str, int]:
        """`anchors` with those of part `part` added, at their pages in the booklet."""
        offset = starts[part]
        for key, number in got.anchors.items():
            key = rekey(key, part)
            if key.startswith("end:"):
                anchors[key] = number + offset
            else:
                anchors.setdefault(key, number + offset)
        return anchors

    before: dict[str, int] = {}  # the anchors of the workers' parts (merged once: the last part's are added to a copy)
    for part, got in enumerate(reports):
        merged(before, got, part)
    # a part whose page references are all to the other parts, or to the index (the last part's first page),
    # is told now: it saves while the last part is laid out
    early = dict(before)
    if story and isinstance(story[0], Anchor) and story[0].key == "index":
        early.setdefault("index", total + 1)
    waiting = []
    for index, (pipe, report, offset) in enumerate(zip(pipes, reports, offsets)):
        if report.refs <= early.keys():
            pipe.send(Reply(offset, early))
            replied.add(index)
        else:
            waiting.append((index, pipe, offset))

    def exchange(report: Report) -> Reply:
        anchors = merged(dict(before), report, len(reports))
        for index, pipe, offset in waiting:
            pipe.send(Reply(offset, anchors))
            replied.add(index)
        found.append((anchors, report))
        return Reply(total, anchors)

    render_part(story, str(files[-1]), page, front=not reports or cover is not None, state=state, exchange=exchange,
                page_offset=total, **render_args)
    for pipe in pipes:
        message = _receive(pipe)
        if not (isinstance(message, tuple) and message[0] == "saved"):
            raise RuntimeError("a worker process did not save its part")
    anchors, report = found[0]
    parts = [(path, got, offset, lambda key, part=part: rekey(key, part))
             for part, (path, got, offset) in enumerate(zip(files, reports + [report], starts))]
    return assemble(parts, output), anchors


def _back_cover_alone(story: list, total: int) -> list | None:
    """The last part's story when it holds only the booklet's end (the Notes pages that make up its count, the page
    break to the cover's template, the back cover) and no Notes page is wanted after the `total` pages before it: the
    back cover alone, for a part that starts on the cover's template (one job sets it on the page after the last
    part's last; a part that opened with a page of its own took four more pages to make up the count). None: as
    it is."""
    rest = story
    if rest and isinstance(rest[0], PadPages):
        if rest[0].missing_after(total):
            return None  # (the Notes pages wanted begin on the part's first page: PadPages)
        rest = rest[1:]
    if (len(rest) == 3 and isinstance(rest[0], NextPageTemplate) and isinstance(rest[1], PageBreak)
            and isinstance(rest[2], BackCover)):
        return rest[2:]
    return None


_PARENT = re.compile(rb"/Parent \d+ 0 R")


def assemble(parts, output) -> int:
    """Parts' PDFs -> one PDF at `output` (replaced when whole): their objects renumbered, one page tree,
    the links (to the page each target is on), the outline; the first part's document information.
    `parts`: (path, Report, pages before it, link key renaming) in order. Returns the page count."""
    from .rawpdf import shifted_raw

    dests: dict[str, tuple[int, float, float, float]] = {}
    for _, report, offset, rekey in parts:
        for key, (number, left, top, zoom) in report.dests.items():
            dests[rekey(key)] = (number + offset, left, top, zoom)
    links: dict[int, list] = {}
    for _, report, offset, rekey in parts:
        for number, rect, key in report.links:
            links.setdefault(number + offset, []).append((rect, rekey(key)))
    outline = [(title, rekey(key), level, closed) for _, report, _, rekey in parts
               for title, key, level, closed in report.outline]

    offsets: dict[int, int] = {}
    page_numbers: list[int] = []  # the object of each page
    shift, header, catalog, info, pending = 0, None, None, None, []
    for path, report, _, _ in parts:
        if not report.pages:
            continue
        data = Path(path).read_bytes()
        try:
            part = _read_part(data)
        except ValueError:  # not as booklet writes its parts: as pypdf reads it
            part = _read_part_with_pypdf(data)
        spans, root, info_number, size, tree, kids, outlines = part
        if len(kids) != report.pages:
            raise ValueError(f"{path}: not the flat page tree of {report.pages} pages expected")
        skip = {root, tree, info_number} | outlines
        if header is None:
            header = data[:min(start for start, _ in spans.values())]
            catalog = bytes(data[slice(*spans[root])])
            info = info_number
            skip.discard(info)
        page_numbers += [k + shift for k in kids]
        pending.append((data, spans, skip, set(kids), shift))
        shift += size
    # the new objects: the page tree, the outline, the catalog
    tree_number = shift
    outline_number = shift + 1
    catalog_number = shift + 2 + len(outline)
    size = catalog_number + 1
    position = {number: index for index, number in enumerate(page_numbers, 1)}  # object -> page

    catalog = re.sub(rb"/Pages \d+ 0 R", b"/Pages %d 0 R" % tree_number, catalog)
    catalog = re.sub(rb"/Outlines \d+ 0 R ?", b"", catalog)
    catalog = catalog.split(b" obj", 1)[1].strip()
    catalog = catalog[:-len(b"endobj")].strip()
    digest = hashlib.md5()  # of everything before the cross-reference table: the document's ID
    written = 0
    with replacing(output) as temp, open(temp, "wb") as out:  # written as it is made: never whole in memory

        def put(raw: bytes) -> None:
            nonlocal written
            out.write(raw)
            digest.update(raw)
            written += len(raw)

        put(header)
        for part, (data, spans, skip, kids, shift) in enumerate(pending):
            pending[part] = None  # a part's bytes let go once they are copied
            view = memoryview(data)
            for number in sorted(spans):
                if number in skip:
                    continue
                raw = view[slice(*spans[number])]
                raw = shifted_raw(raw, number, shift) if shift else bytes(raw)
                if part and (b"/BaseFont /" in raw or b"/FontName /" in raw):
                    raw = _retagged(raw, part)
                if number in kids:
                    raw = _page_object(raw, tree_number, links.get(position[number + shift], ()), dests,
                                       page_numbers)
                offsets[number + shift] = written
                put(raw)
            del view, data
        new = {tree_number: b"<<\n/Count %d /Kids [ %s ] /Type /Pages\n>>" % (
            len(page_numbers), b" ".join(b"%d 0 R" % n for n in page_numbers))}
        new.update(_outline_objects(outline, outline_number, dests, page_numbers))
        new[catalog_number] = catalog.replace(b"<<", b"<<\n/Outlines %d 0 R" % outline_number, 1)
        for number in sorted(new):
            offsets[number] = written
            put(b"%d 0 obj\n%s\nendobj\n" % (number, new[number]))
        xref = written
        md5 = digest.hexdigest().encode("ascii")
        lines = [b"xref\n0 %d\n0000000000 65535 f \n" % size]
        for number in range(1, size):
            at = offsets.get(number)
            lines.append(b"%010d 00000 n \n" % at if at is not None else b"0000000000 00000 f \n")
        out.write(b"".join(lines))
        out.write(b"trailer\n<<\n/ID [<%s><%s>]\n/Info %d 0 R\n/Root %d 0 R\n/Size %d\n>>\nstartxref\n%d\n%%%%EOF\n"
                  % (md5, md5, info, catalog_number, size, xref))
    return len(page_numbers)


_SUBSET_TAG = re.compile(rb"/(BaseFont|FontName) /([A-GI-K]{6})\+")  # ReportLab's (not a supplied page's: subsettags)
_TAG_DIGITS = bytes.maketrans(b"ABCDEFGIJK", b"0123456789")


def _retagged(raw: bytes, part: int) -> bytes:
    """A font's subset tag made the booklet's own: ReportLab tags a document's subsets AAAAAA, AAAAAB, ...;
    each part is a document, so part `part`'s subset n becomes the tag of subset part * 10000 + n. The fonts of a
    supplied PDF page keep theirs (made from their programs, never one of ReportLab's: booklet.printing.subsettags)."""
    head, marker, body = raw.partition(b"stream")

    def tag(match):
        number = int(match.group(2).translate(_TAG_DIGITS)) + part * 10000
        return b"/%s /%s+" % (match.group(1), SUBSETN(number))

    return _SUBSET_TAG.sub(tag, head) + marker + body


_PAGES, _OUTLINES = re.compile(rb"/Pages (\d+) 0 R"), re.compile(rb"/Outlines (\d+) 0 R")
_KIDS = re.compile(rb"/Kids \[([\d R\s]*)\]")
_A_PAGE = re.compile(rb"/Type /Page\b(?!s)")


def _read_part(data: bytes) -> tuple:
    """A part's PDF, as its worker wrote it (a classic cross-reference table; a flat page tree; an outline of no
    entries: they are recorded, not written) -> (object spans, catalog, information dictionary, /Size, page
    tree, pages, outline objects), read off its bytes; ValueError for anything else (then pypdf reads it)."""
    from .rawpdf import cross_references, object_spans

    offsets, trailer = cross_references(data)
    root, info, size = trailer["Root"], trailer["Info"], trailer["Size"]
    spans = object_spans(data, offsets)

    def raw(number: int) -> bytes:
        if number not in spans:
            raise ValueError(f"no object {number}")
        return bytes(data[slice(*spans[number])]).partition(b"stream")[0]

    catalog = raw(root)
    pages = _PAGES.search(catalog)
    if pages is None:
        raise ValueError("no page tree")
    tree = int(pages.group(1))
    listed = _KIDS.search(raw(tree))
    if listed is None:
        raise ValueError("no flat page tree")
    kids = [int(number) for number in re.findall(rb"(\d+) 0 R", listed.group(1))]
    if not kids or not _A_PAGE.search(raw(kids[0])):
        raise ValueError("no pages")
    outline = _OUTLINES.search(catalog)
    outlines = set()
    if outline is not None:
        number = int(outline.group(1))
        if b"/First" in raw(number):
            raise ValueError("an outline with entries")
        outlines.add(number)
    return spans, root, info, size, tree, kids, outlines


def _read_part_with_pypdf(data: bytes) -> tuple:
    """_read_part's answer, as pypdf reads the PDF."""
    from pypdf import PdfReader

    from .rawpdf import reader_spans

    reader = PdfReader(io.BytesIO(data))
    spans = reader_spans(data, reader)
    trailer = reader.trailer
    root = trailer.raw_get("/Root").idnum
    catalog = reader.get_object(root)
    tree = catalog.raw_get("/Pages").idnum
    kids = [kid.idnum for kid in reader.get_object(tree)["/Kids"]]
    if any(reader.get_object(k).get("/Type") != "/Page" for k in kids[:1]):
        raise ValueError("not the flat page tree expected")
    outlines = dict.get(catalog, "/Outlines")
    return (spans, root, trailer.raw_get("/Info").idnum, int(trailer["/Size"]), tree, kids,
            _closure_of_outlines(reader, outlines.idnum) if outlines is not None else set())


def _closure_of_outlines(reader, number: int) -> set[int]:
    """The outline's objects (a part's outline is empty: its entries are recorded, not written)."""
    found, stack = set(), [number]
    while stack:
        current = stack.pop()
        if current in found:
            continue
        found.add(current)
        value = reader.get_object(current)
        for key in ("/First", "/Next"):
            ref = value.raw_get(key) if key in value else None
            if ref is not None:
                stack.append(ref.idnum)
    return found


def _dest(target, dests, page_numbers) -> bytes:
    number, left, top, zoom = dests[target]
    return b"[ %d 0 R /XYZ %s ]" % (page_numbers[number - 1], fp_str(left, top, zoom).encode())  # joined by spaces


def _page_object(raw: bytes, tree: int, links, dests, page_numbers) -> bytes:
    """A page's dictionary (renumbered) in the new page tree, with its links."""
    head = _PARENT.sub(b"/Parent %d 0 R" % tree, raw, count=1)
    if links:
        annots = b" ".join(
            b"<< /Border [ 0 0 0 ] /Contents () /Dest %s /Rect [ %s ] /Subtype /Link /Type /Annot >>"
            % (_dest(key, dests, page_numbers), fp_str(*rect).encode()) for rect, key in links)
        if b"/Annots [" in head:
            head = head.replace(b"/Annots [", b"/Annots [ " + annots, 1)
        else:
            head = head.replace(b"<<", b"<<\n/Annots [ " + annots + b" ]", 1)
    return head


def _outline_objects(outline, first_number: int, dests, page_numbers) -> dict[int, bytes]:
    """The outline's root (`first_number`) and one object per entry after it."""
    from .rawpdf import pdf_text

    numbers = [first_number + 1 + i for i in range(len(outline))]
    parent = [first_number] * len(outline)
    children: dict[int, list[int]] = {first_number: []}
    stack: list[tuple[int, int]] = []  # (level, object)
    for index, (_, _, level, _) in enumerate(outline):
        while stack and stack[-1][0] >= level:
            stack.pop()
        parent[index] = stack[-1][1] if stack else first_number
        children.setdefault(parent[index], []).append(numbers[index])
        children.setdefault(numbers[index], [])
        stack.append((level, numbers[index]))
    closed = {numbers[i]: outline[i][3] for i in range(len(outline))}

    def visible(number: int) -> int:
        return sum(1 + (0 if closed[child] else visible(child)) for child in children[number])

    objects = {}
    kids = children[first_number]
    objects[first_number] = (b"<<\n/Count %d /First %d 0 R /Last %d 0 R /Type /Outlines\n>>" % (
        visible(first_number), kids[0], kids[-1]) if kids else b"<<\n/Count 0 /Type /Outlines\n>>")
    for index, (title, key, _, _) in enumerate(outline):
        number = numbers[index]
        siblings = children[parent[index]]
        at = siblings.index(number)
        entries = [b"/Dest " + _dest(key, dests, page_numbers)]
        mine = children[number]
        if mine:
            count = visible(number)
            entries.append(b"/Count %d /First %d 0 R /Last %d 0 R" % (-count if closed[number] else count,
                                                                       mine[0], mine[-1]))
        if at + 1 < len(siblings):
            entries.append(b"/Next %d 0 R" % siblings[at + 1])
        entries.append(b"/Parent %d 0 R" % parent[index])
        if at:
            entries.append(b"/Prev %d 0 R" % siblings[at - 1])
        entries.append(b"/Title " + pdf_text(title))
        objects[number] = b"<<\n" + b" ".join(entries) + b"\n>>"
    return objects
