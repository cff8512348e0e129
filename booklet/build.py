"""A conference data folder -> the booklet PDF: load, validate, lay out, render, finish for print."""

from __future__ import annotations

import io
import os
import time
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from functools import partial
from fnmatch import fnmatch
from pathlib import Path

from reportlab.lib.units import mm

from .cache import built, disk
from .cache.memory import BuildCache, active, using as using_cache
from .cache.persisted import SECTIONS, laying_out, sent, taken
from .text import markup
from .text.paragraph import boxes_made, made_since, take_boxes
from .output.atomic import refuse_no_pdf, scratch_beside, swept_beside, write_bytes
from .layout.page import PAGE_SIZES, page_for
from .layout.styles import make_palette
from .data.theme import font_files, theme_page_size
from .check import linted, read, read_again
from .data.contract import FILES
from .data.theme import labels_for, quotes_for
from .layout.abstracts import handing_on
from .layout.index import index_before_people
from .layout.story import build_story
from .model import Booklet
from .problems import DataError, Problem, Refused
from .output.render import render_pdf
from .output.parallel import jobs_that_pay
from .printing.binding import ByBinding, Fixed, Spine
from .printing.paper import INK_LIMIT, INK_LIMITS
from .printing.units import check_range


@dataclass(frozen=True)
class PrintOptions:
    """How the PDF is made for the press."""

    page_size: str | None = None  # None: the theme's page_size (A5 when it gives none)
    bleed: float = 3 * mm  # points beyond the trim on every side
    crop_marks: bool = False
    pad_to: int | None = None  # page count made a multiple of this with Notes pages (1: no padding; None: as the
    # binding asks, binding.pages_per_unit: 4 for a saddle-stitched book, 2 for a perfect-bound one)
    separate_cover: bool = False  # cover pages (1, 2, N-1, N) in a file of their own
    cmyk: bool = False
    ink_limit: int = INK_LIMIT  # per cent: the most total ink a CMYK colour or image pixel takes (with cmyk)
    spread_cover: bool = False  # the cover in a file of its own as two spreads with the spine (perfect binding)
    spine: float | None = None  # the spine's width for spread_cover, points (None: estimated from the page count)

    def __post_init__(self):
        check_range("bleed", self.bleed)
        if self.spine is not None:
            check_range("spine", self.spine)
            if not self.spread_cover:
                raise ValueError("a spine width is for a cover spread (--cover spread)")
        if self.separate_cover and self.spread_cover:
            raise ValueError("the cover is either separate pages or a spread, not both")
        if not INK_LIMITS[0] <= self.ink_limit <= INK_LIMITS[1]:  # (printing.paper: K alone takes 100 %)
            raise ValueError(f"the ink limit is a total of C + M + Y + K from {INK_LIMITS[0]} to {INK_LIMITS[1]} per "
                             f"cent, not {self.ink_limit}")

    @property
    def padding(self) -> Fixed | ByBinding:
        """What the layout makes the page count a multiple of: pad_to, else as the binding asks (a cover spread's book
        is perfect-bound whatever its count)."""
        return Fixed(self.pad_to) if self.pad_to is not None else ByBinding(self.spread_cover)

    @property
    def cover_apart(self) -> bool:
        """Whether the cover goes to a file of its own (OUTPUT-cover.pdf), as pages or as a spread."""
        return self.separate_cover or self.spread_cover


@dataclass(frozen=True)
class BuildResult:
    output: Path
    pages: int
    warnings: list[Problem]
    anchors: dict[str, int]  # link key -> 1-based page: "abstract-3", "tutorial-1", "poster-0", "day-2", ...
    cover: Path | None = None  # the separate cover file, when asked for
    spine: Spine | None = None  # the cover spread's spine, when the cover is one
    text_pages: int = field(default=0)  # pages in `output` when the cover is separate
    booklet: Booklet | None = field(default=None, repr=False, compare=False)  # the model it was built from
    page_size: str = "A5"  # the page size it was built at (the option's, the theme's, or A5)
    jobs: int = 1  # the processes that laid it out (output.parallel.jobs_that_pay)
    # a build with a cache of its caller's (a watch's) leaves keeping what it read, for later commands of the same
    # data (cache.built.kept_read), to its caller: to call when it has time (a watch, once it waits for changes)
    keep_read: object = field(default=None, repr=False, compare=False)


def cover_path(output: Path) -> Path:
    """Where the separate cover goes: beside the text block, named after it."""
    return output.with_name(f"{output.stem}-cover{output.suffix or '.pdf'}")


def named_inputs(booklet: Booklet) -> dict[Path, str]:
    """Every file the data names but its own files, resolved, and what it is (for messages): its images, its extra
    pages' files and the fonts theme.yaml names."""
    named = {path: "a font theme.yaml names" for path in font_files(booklet.theme)}
    named.update((path.resolve(), "an image the data names") for path in booklet.image_sources)
    named.update((page.file.resolve(), "an extra page the data names") for page in booklet.conference.extra_pages)
    return named


def refuse_inputs(outputs: list[Path], data_dir: Path, booklet: Booklet | dict[Path, str]) -> None:
    """Refused when an output would replace an input: a data file, an image, extra page or font the data names
    (`booklet`'s, or named_inputs of it), or any file in the data folder that has a data file's name (the next build
    would read it)."""
    if isinstance(booklet, Booklet):
        booklet = named_inputs(booklet)
    folder, folders = data_dir.resolve(), {}
    for output in outputs:
        what = _input_at(_resolved(output, folders), folder, booklet)
        if what is not None:
            raise Refused(f"will not write {output}: it is {what} in {data_dir}; choose another output")


def input_named(path: Path, data_dir: Path, named: dict[Path, str]) -> str | None:
    """What input `path` is (see refuse_inputs), or None when it is none."""
    return _input_at(path.resolve(), data_dir.resolve(), named)


def _input_at(target: Path, folder: Path, named: dict[Path, str]) -> str | None:
    """What input the resolved path `target` is, in the resolved data folder `folder` (input_named)."""
    if target in named:
        return named[target]
    if target.is_relative_to(folder) and any(fnmatch(target.relative_to(folder).as_posix(), spec.name)
                                             for spec in FILES):
        return "a data file of the conference"
    return None


def _resolved(path: Path, folders: dict[Path, Path]) -> Path:
    """path.resolve(), with its folder resolved once for all the outputs in it (`folders`, filled as they come):
    the proofs of 2,000 talks are 6,000 files in one folder. A file that is a link is resolved whole. By
    os.path.realpath: Path.resolve raised RuntimeError (an internal error) for a link in a loop (`-o loop.pdf`,
    `--out loop/`), which then cannot be written, as its message says."""
    if path.name in ("", ".", "..") or path.is_symlink():
        return Path(os.path.realpath(path))
    folder = folders.get(path.parent)
    if folder is None:
        folder = folders[path.parent] = Path(os.path.realpath(path.parent))
    return folder / path.name


LEARNING_PASSES = 5  # at most: the index before the pages it lists settles in two or three


def learn_people(make_story, render) -> tuple[dict, bool]:
    """Where each person is named, for an index laid out before those pages, and whether that settled: the
    booklet is laid out (in memory, nothing written, the index without links: their targets are not all
    there yet) with the index of the pass before, until the pages the index lists are the pages the names
    are on (the first pass lists no one; the next, everyone, which moves later pages by the index's length;
    the third finds them settled, unless the new numbers changed the index's length)."""
    known: dict = {}
    for _ in range(LEARNING_PASSES):
        found: dict = {}
        render(make_story(known, False), io.BytesIO(), people=found)
        if found == known:
            return known, True
        known = found
    return known, False


def build_booklet(data_dir: Path, output: Path, page_size: str | None = None,
                  options: PrintOptions | None = None, progress=None, strict: bool = False,
                  cache: BuildCache | None = None, jobs: int | None = 1, checked=None,
                  remember: bool = True, built_before: bool = False) -> BuildResult:
    """Build the booklet for `data_dir` into `output`; DataError (and no file touched) on bad data,
    or on any warning when `strict`. The page size is `options.page_size` (or `page_size`), else
    the theme's, else A5.

    `progress(done, total)`, when given, is called as the layout advances (with one job);
    `checked(booklet)`, when given, once the data is read and checked, before the layout (`booklet
    proofs` prepares its files meanwhile). `cache`: a BuildCache given to every build of the same data
    (`booklet watch` does): what did not change since the build before is not made again; the PDF is
    the same, byte for byte. (A process reads each font file once while it stays as it was: a font file replaced
    in place is read again by the next build, and what was made with the old one, in the cache or the workers it
    keeps, is not used (text.fonts.forget_replaced); a theme that names other files is followed.)
    `jobs`: processes laying the booklet out (None: one per core); fewer when
    more would not pay (see output.parallel.jobs_that_pay). The PDF has the same pages, text, links and
    outline for any number.

    `remember`: with the disk cache on, a build keeps a note of its PDF and of what it was built from, so that
    `booklet proofs` of the same data and options (and as many processes) takes this PDF rather than building
    it again (booklet.cache.built), and what reading the data gave, which a build of the very same data takes
    rather than read it again; False for a PDF that will not stay where it is written (nothing is kept then).

    `built_before`: with the disk cache on, in a build of its own, when the data reads as the last build of the
    folder read it (its files edited only where reading does not look: a comment) and nothing else it was made
    from changed, that build's PDF is copied to `output`, not laid out again (cache.built.same_booklet); the
    data is checked and linted as ever (lint taking the findings of that build's lint, each at its line now, where
    the data files differ only in comment and blank lines: lint.again). (`booklet proofs`: the last build's PDF is where it stays.)
    """
    # a build of its own (no cache of the caller's, or one made for this build alone: `single_build`, as proofs' is)
    # takes what the last build read of the very same data; a watch's rebuilds read from their memory
    alone = cache is None or getattr(cache, "single_build", False)
    # (without a cache: the folder's kept on disk, if any; the abstracts lint lays out, for the story to take)
    with using_cache(cache, data_dir), disk.seldom_collected(), handing_on():
        return _build(data_dir, output, page_size, options, progress, strict, jobs, checked, remember, alone,
                      built_before)


def _build(data_dir, output, page_size, options, progress, strict, jobs, checked, remember, alone,
           built_before=False) -> BuildResult:
    options = options or PrintOptions(page_size=page_size)
    named = {name.lower(): name for name in PAGE_SIZES}.get(str(options.page_size).lower())
    if options.page_size and named and named != options.page_size:  # "a4", as the command line takes it too
        options = replace(options, page_size=named)
    size = options.page_size or theme_page_size(Path(data_dir))
    if size not in PAGE_SIZES:
        raise ValueError(f"unknown page size {size!r}; choose one of {', '.join(PAGE_SIZES)}")
    noting = remember and not options.cover_apart
    # before anything is read: for the note, and for what the last build read (a build of its own)
    before = built.inputs(Path(data_dir), options, size) if noting or alone else None
    result = _make(data_dir, output, options, size, progress, strict, jobs, checked, before, alone, remember,
                   built_before)
    if noting and before is not None:
        built.remember(before, Path(data_dir), result, result.jobs)
    return result


def _make(data_dir, output, options, size, progress, strict, jobs, checked, before=None,
          alone: bool = False, remember: bool = False, built_before: bool = False) -> BuildResult:
    """`alone`: a build of its own (not a watch's, which rebuilds at every edit from what its memory holds): it takes
    what the last build read of the very same data (check.read_again); else, when it may `remember`, it keeps what
    it read for the next build or proofs of the same data (cache.built.kept_read): a build of its own at once, a
    watch's when its caller has time (BuildResult.keep_read)."""
    page = page_for(size, options.bleed, options.crop_marks, options.cmyk, options.ink_limit)
    started = before.started if before is not None else time.time_ns()  # (before the data is read: lint's note)
    # what the last build read, when it read the very same data; not in a build with a cache of its caller's (a
    # watch's first build reads, so that its memory holds each file and entry for the rebuilds after an edit)
    again = read_again(data_dir, before) if alone else None
    # more than one process allowed; not for a watch's rebuild, whose unchanged files are in its memory, not another's
    booklet, read_warnings = again or read(data_dir, elsewhere=jobs != 1 and alone)
    output = Path(output)
    warnings: list[Problem] = []

    # what it read, kept for the next build or proofs of the same data: by a build of its own in checks (not on the
    # workers' path), else by its caller when it has time (BuildResult.keep_read)
    keep = (partial(built.kept_read, before, Path(data_dir), booklet, read_warnings)
            if remember and again is None and before is not None else None)

    alike = None  # the key of the data the last build read, when this data reads as it did (a comment added)
    taken = False  # that build's PDF taken: nothing laid out, no workers whose pages checking would copy

    def checks() -> None:  # before anything is written; with jobs, while the workers lay the booklet out
        kept = built.warnings_of(before, Path(data_dir))  # the last build's, of the very same inputs
        keeping = keep if alone else None
        # what `booklet check` reports, too (the last lint's findings, at their lines now, when the data reads alike)
        lint = partial(linted, booklet, read_warnings, Path(data_dir), page, started,
                       before.data if before is not None else None, alike) if kept is None else None
        # (a build of its own: a watch's cache keeps what lint warms in this process's own caches for its rebuilds)
        found = _checked_elsewhere(keeping, lint) if jobs != 1 and alone and not taken else None
        if found is None:  # here: in one process, or none could be forked
            if keeping is not None:
                keeping()
            # (in parts, other processes lay the abstracts out: what lint lays out of them here is kept for no story)
            with nullcontext() if jobs == 1 else handing_on(story_here=False):
                found = lint() if lint is not None else []
        warnings[:] = kept if kept is not None else found
        if strict and warnings:
            raise DataError(warnings)
        targets = [output, cover_path(output)] if options.cover_apart else [output]
        refuse_inputs(targets, Path(data_dir), booklet)
        refuse_no_pdf(targets)
        for target in targets:  # what a build killed while it wrote them left beside them
            swept_beside(target)
        if checked is not None:
            checked(booklet)

    later = None if alone else keep
    jobs = jobs_that_pay(booklet, jobs)
    note = built.read_alike(before, Path(data_dir), booklet, read_warnings) \
        if built_before and alone and not options.cover_apart else None
    alike = note.data if note is not None else None
    found = built.found_of(note, before) if note is not None else None
    if found is not None and found.jobs == jobs:  # the data reads as the last build's did: its very PDF
        taken = True  # (checked here: a process forked to check, which this one waited for, cost more than it saved)
        checks()
        if found.output != output.resolve():  # (proofs' own booklet, kept where they build it: left as it is)
            write_bytes(output, found.pdf)
        return BuildResult(output, found.pages, warnings, found.anchors, booklet=booklet, page_size=size, jobs=jobs,
                           keep_read=later)
    if jobs == 1:
        checks()
    laying_out(jobs)  # in one process, the layouts kept on disk, if any, read now
    conference = booklet.conference
    labels = labels_for(conference.language, booklet.theme.labels)
    render_args = dict(
        title=markup.plain(conference.title),
        short_title=conference.running_title,
        quotes=quotes_for(conference.language, booklet.theme.labels),
        subject=f"{markup.plain(labels['subject'])}, {markup.plain(conference.venue)}",
        language=conference.language.replace("_", "-"),  # BCP 47, as PDF wants it: pt-BR
        colours=make_palette(booklet.theme, page.process),
    )
    render = partial(render_pdf, page=page, **render_args)
    if jobs == 1:
        known, settled = None, True
        if index_before_people(booklet.theme.sections):
            known, settled = learn_people(
                lambda known, links: build_story(booklet, page, options.padding, known, links), render)
        # settled: the same layout as the last pass, links and all; else no links (a target might be missing)
        story = build_story(booklet, page, options.padding, known, index_links=settled)
        disk.to_the_end(story)
        parts = nullcontext()
    else:  # laid out in parts (while `checks` run here); assembled into `target` by finish(target)
        from .output.parallel import parallel_parts

        parts = parallel_parts(booklet, page, options.padding, jobs, output, render_args, meanwhile=checks)
    # with a separate cover, the whole booklet is an intermediate file, split into the two published ones
    whole = scratch_beside(output, ".full.pdf") if options.cover_apart else nullcontext(output)
    spine = None
    with parts as finish, whole as target:
        pages, anchors = render(story, target, progress=progress) if jobs == 1 else finish(target)
        if not options.cover_apart:
            return BuildResult(output, pages, warnings, anchors, booklet=booklet, page_size=size, jobs=jobs,
                               keep_read=later)
        from .printing.cover import split_cover

        cover = cover_path(output)
        if options.spread_cover:
            spine = _spread_cover(target, output, cover, pages, options, booklet, page, render_args)
        else:
            split_cover(target, output, cover)  # both files or neither
    return BuildResult(output, pages, warnings, anchors, cover, spine, pages - 4, booklet=booklet, page_size=size,
                       jobs=jobs, keep_read=later)


def _checked_elsewhere(keep, lint) -> list | None:
    """In a build in parts, while the workers lay the booklet out: `keep()` (what reading gave, pickled for the next
    build: cache.built.kept_read) and `lint()` (the data's warnings) run in a forked process, which sends back the
    warnings and what they asked of the build's cache (what lint keeps for the next build: the names' collation keys
    and dates it made, the abstracts' layouts it measured, ...: BuildCache.recording) and ends; what they asked is
    asked of the cache here in the same order (BuildCache.replay), and the math boxes made there given their
    characters here (paragraph.take_boxes), so that this cache holds, and writes, what it would have had they run
    here. What `lint()` gave ([] with no `lint`; None: the process failed, or none could be had: the caller does both
    itself).
    Pickling and linting go through the model's objects, and an object's reference count written is its page of
    memory copied: done here, where the workers were forked sharing those pages, a 2,000-talk book's took some 40 MB
    more of this process to the end of the build; the forked process copies them and ends."""
    from .processes import Forked, forks_pay

    if (keep is None and lint is None) or not forks_pay():
        return None
    try:
        process = Forked(_keep_and_lint, keep, lint)
    except OSError:
        return None
    try:
        message = process.recv()
    except EOFError:  # it failed (a bug: told when the caller does it here)
        message = None
    process.end(message is not None)
    if not (isinstance(message, tuple) and len(message) == 3 and message[0] == "checked"):
        return None
    journal, boxes = taken(message[2])
    take_boxes(boxes)
    active().replay(journal)
    return message[1]


def _keep_and_lint(sending, keep, lint) -> None:
    """In the process _checked_elsewhere forks: `keep()`, then `lint()`'s warnings sent back, with what both asked of
    the build's cache and the math boxes they made."""
    cache, boxes = active(), boxes_made()
    cache.forked()
    with cache.recording(SECTIONS) as journal:
        if keep is not None:
            keep()
        found = lint() if lint is not None else []
    sending.send(("checked", found, sent(journal, made_since(boxes))))


def _spread_cover(whole: Path, output: Path, cover: Path, pages: int, options: PrintOptions, booklet: Booklet, page,
                  render_args: dict) -> Spine:
    """The text block to `output` and the cover spread to `cover` (both or neither), from the booklet `whole` of
    `pages` pages; its spine (options.spine, else estimated from the text block's leaves). Refused, nothing written,
    when the estimate is wider than a spine can be."""
    from .layout.cover import draw_spine
    from .data.theme import font_set
    from .output.render import strip_pdf
    from .text.fonts import register_fonts
    from .printing.binding import LEAF, spine_for
    from .printing.paper import mm_text
    from .printing.units import RANGES
    from .printing.cover import COVER_PAGES, spread_cover

    spine = spine_for(pages - COVER_PAGES, options.spine)  # (a width given is checked by PrintOptions)
    widest = RANGES["spine"][1]
    if spine.width > widest:
        raise Refused(f"a cover spread for a text block of {pages - COVER_PAGES} pages needs a spine of about "
                      f"{mm_text(spine.width)} mm ({spine.leaves} leaves at {mm_text(LEAF)} mm), wider than the "
                      f"{mm_text(widest)} mm a glued spine holds: bind it in volumes, or pass --spine with your "
                      "printer's figure")
    theme, colours = booklet.theme, render_args["colours"]
    register_fonts(font_set(theme))  # the theme's headings font (the layout may have run in other processes)
    title = booklet.conference.running_title
    strip = strip_pdf(spine.width, page.height + 2 * page.bleed,
                      lambda canv: draw_spine(canv, page, spine.width, title, theme, colours, render_args["quotes"])
                      ) if spine.width > 0 else None
    spread_cover(whole, output, cover, spine.width, strip, options.crop_marks)
    return spine
