"""A conference data folder -> proof PDFs (and PNGs) on disk: one build, then pages copied in parallel."""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import os
import re
import signal
import stat
import tempfile
from collections.abc import Collection
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..cache import digest, disk
from ..cache.built import identity_of, pdf_as_written
from ..output.atomic import (
    Together, copy_made, copy_new, discard_temp, done_with, made_new, refuse_no_pdf, swept_beside_each, together,
)
from ..processes import Forked, cores, forks_pay
from ..output.pngs import write_pngs
from ..text import markup
from ..text.fonts import register_fonts
from ..layout.page import Page, page_for
from ..model import Booklet
from ..problems import DataError, Problem
from .marks import chair_lines, draw_overlays, header_inputs, header_lines, overlay_forms, poster_pointers, reply_line
from .plan import (
    KINDS, MANIFEST, MANIFEST_ENCODING, Proof, ProofsResult, earlier_files, find_proof, long_posters, manifest_text,
    explaining, missing_emails,
    pages_of,
    page_ranges, plan_proofs,
)

if TYPE_CHECKING:  # the rest is imported where it is used: the build starts before it is all loaded
    from ..build import BuildResult
    from .pagecopy import KnownPages, OverlayRead, PdfObjects


def write_proofs(data_dir: Path, out_dir: Path, *, page_size: str = "A5", reply_by: dt.date | None = None,
                 png: bool = False, workers: int | None = None) -> ProofsResult:
    """Every proof of the conference in `data_dir` into `out_dir`, with `manifest.csv`; DataError on bad data.

    The folder is updated as a whole: every proof, PNG and the manifest are written to temporary
    files first and renamed into place together, so a failure part-way leaves it as it was.
    `workers`: how many processes write proofs (default: one per CPU, at most 4, for a large conference).
    """
    out_dir = Path(out_dir)
    made = not out_dir.exists()
    manifest = out_dir / MANIFEST
    ahead: list[_Ahead] = []  # the last run's files copied while the booklet builds
    try:
        with together() as files, _discarded_on_failure(ahead):
            kept: list[_Kept | None] = []

            def meanwhile() -> None:
                kept.append(_load_kept(data_dir))
                if kept[0] is not None and not png:
                    ahead.extend(_Ahead.started(kept[0], out_dir, files))

            listed = earlier_files(manifest)  # the last run's proofs: those this run makes no more are said
            # PDFium (poster titles' places, PNGs) loaded beside the build only when this run is likely to need it:
            # PNGs, or no earlier run's titles to start from (kept: those found on the pages that did not change)
            plan = _built_and_planned(Path(data_dir), page_size, meanwhile, pdfium=lambda: png or kept[0] is None,
                                      settle=lambda: [early.finish() for early in ahead])
            paths = {proof.id: out_dir / proof.file for proof in plan.proofs}
            _refuse_inputs([*paths.values(), manifest], Path(data_dir), plan.inputs)
            made_now: list[_Kept] = []
            result = _make(plan, page_size, reply_by, png, paths, workers, files, kept[0] if kept else None,
                           made_now.append, swept_too=(manifest,), ahead=ahead[0] if ahead else None)
            listing = manifest_text(result.proofs).encode(MANIFEST_ENCODING)
            if _unchanged(manifest, listing):  # the same rows: left as it was, with its time, as a proof is
                files.drop(manifest)
            else:
                files.write(manifest, listing)
        if made_now:
            made_now[0] = replace(made_now[0], files=_published(made_now[0].files))
            if made_now[0] != (kept[0] if kept else None):
                _store_kept(data_dir, made_now[0])
    except BaseException:
        if made and out_dir.is_dir() and not any(out_dir.iterdir()):
            out_dir.rmdir()  # made for files that were never written
        raise
    now = {path.name for path in result.files}
    gone = tuple(out_dir / name for name in listed if name not in now and (out_dir / name).is_file())
    return replace(_at_their_lines(result, Path(data_dir)), manifest=manifest, gone=gone)


@contextmanager
def _discarded_on_failure(ahead: list[_Ahead]):
    """A block after which, when it raises, the copies `ahead` made (the last run's files, see _Ahead) are removed:
    before the Together removes the folders it made (which they would keep from being removed)."""
    try:
        yield
    except BaseException:
        for early in ahead:
            early.discard()
        raise


def _at_their_lines(result: ProofsResult, data_dir: Path) -> ProofsResult:
    """`result`, with its warnings made without the data's lines at them, as other warnings name theirs: the header
    strip's (what the reply line left out) at the line of conference.yaml's `contact`; those of chairs without an
    address (their source is the session's, plan._chairs) at the line of the session's `chair` key."""
    from ..data.locate import Lines

    lines = Lines(data_dir)
    return replace(result,
                   warnings=[replace(p, line=lines.line(p.file, p.key, 0)) if p.kind == "proof-header" and not p.line
                             else p for p in result.warnings],
                   no_email=[replace(p, line=lines.line(p.file, p.key, p.line)) if p.key.endswith(".chair") else p
                             for p in result.no_email])


def write_proof(proof_id: str, data_dir: Path, output: Path | None = None, *, page_size: str = "A5",
                reply_by: dt.date | None = None, png: bool = False) -> ProofsResult:
    """The one proof `proof_id` (an id of the manifest, or an abstract's or tutorial's id) into `output`
    (default: its file name, in the current folder).

    UnknownProof (before anything is built) when there is no such proof.
    """
    from ..build import named_inputs
    from ..data.validate import read_booklet

    booklet, _ = read_booklet(Path(data_dir))
    proof = find_proof(_proofs_of(booklet, page_size), proof_id)
    target = Path(output) if output is not None else Path(proof.file)
    _refuse_inputs([target], Path(data_dir), named_inputs(booklet))  # before anything is built
    refuse_no_pdf([target], "proof.pdf")
    plan = _last_build(Path(data_dir), page_size, booklet)
    if plan is None:
        with _keeping(Path(data_dir)) as kept:
            plan = _planned(*_build(Path(data_dir), page_size, kept=kept), page_size)
    plan = replace(plan, proofs=[p for p in plan.proofs if p.id == proof.id])
    with together() as files:  # the proof and its PNGs
        result = _make(plan, page_size, reply_by, png, {proof.id: target}, 1, files)
    return _at_their_lines(result, Path(data_dir))



@dataclass(frozen=True)
class _Plan:
    """The booklet built, and the proofs to make of it (pages not yet assigned): what _make needs."""

    built: BuildResult  # without its model (`booklet` None): what follows needs only this
    pdf: bytes
    proofs: list[Proof]
    long_posters: set[str]
    contact: str | None
    short_title: str
    poster_titles: dict[str, str]  # link key -> title, for the pointers (posters', abstracts')
    poster_numbers: dict[str, str]  # a poster's link key -> its number, printed left of its title (the pointers)
    inputs: dict[Path, str]  # the files the data names (build.named_inputs): no proof replaces one
    words: dict[str, str]  # the booklet's labels (its language's, theme.yaml's): the proofs' words
    language: str
    dates: tuple[dt.date, dt.date] | None = None  # the conference's first and last day
    pdf_identity: tuple | None = None  # (from another process: the identity of the PDF it wrote, pdf_as_written)


def _refuse_inputs(targets: list[Path], data_dir: Path, named: dict[Path, str]) -> None:
    """Refused (build.refuse_inputs) when a file of the proofs would replace an input: one of `targets` (the proofs,
    the manifest) or a proof's PNGs (NAME-1.png, ..., with `png`; and, with or without it, those of an earlier proof
    of that name, which are removed): a file the data names (`named`, build.named_inputs) of that form beside a
    proof."""
    from ..build import refuse_inputs

    folders = {folder: Path(os.path.realpath(folder)) for folder in {target.parent for target in targets}}  # (see
    # build._resolved: a folder that is a link in a loop)
    stems = {(folders[target.parent], target.stem) for target in targets}
    pngs = [path for path in named if (found := _PNG_NAME.fullmatch(path.name)) is not None
            and (path.parent, found.group(1)) in stems]
    refuse_inputs([*targets, *pngs], data_dir, named)


def _proofs_of(booklet: Booklet, page_size: str) -> list[Proof]:
    from ..layout.common import Context

    from ..layout import abstracts, posters

    ctx = Context(booklet, page_for(page_size))
    # (where the booklet says what underlining a presenting author means, for each entry that underlines one)
    explained = {**abstracts.underlining_explained(ctx), **posters.underlining_explained(ctx)}
    return [_explained_at(proof, explained) for proof in plan_proofs(booklet, ctx.slots, ctx.session_orders)]


def _explained_at(proof: Proof, explained: dict[str, str]) -> Proof:
    """`proof` with the link keys of the pages that say what its entries' underlining means (`explained`: an entry's
    link key -> that page's, layout's underlining_explained), for an abstract's or a poster's proof; `proof` itself
    when it has none (no copy of each proof whose entries underline no one)."""
    if proof.kind not in ("abstract", "poster"):
        return proof
    at = tuple(dict.fromkeys(explained[key] for key in proof.anchors if key in explained))
    return replace(proof, explained_at=at) if at != proof.explained_at else proof


def _planned(built: BuildResult, pdf: bytes, page_size: str, proofs: list[Proof] | None = None) -> _Plan:
    """The plan, from a build result that still holds its model (which the plan leaves out: it is large)."""
    from ..build import named_inputs
    from ..data.theme import labels_for
    from ..layout.common import abstract_key_at
    from ..layout.posters import poster_key

    booklet = built.booklet
    conference = booklet.conference
    return _Plan(replace(built, booklet=None), pdf, proofs if proofs is not None else _proofs_of(booklet, page_size),
                 long_posters(booklet, page_for(page_size)), conference.contact,
                 markup.plain(conference.running_title),
                 {**{poster_key(i): poster.title for i, poster in enumerate(booklet.posters)},
                  **{abstract_key_at(i): abstract.title for i, abstract in enumerate(booklet.abstracts)}},
                 {poster_key(i): str(poster.number) for i, poster in enumerate(booklet.posters)},
                 named_inputs(booklet),
                 labels_for(conference.language, booklet.theme.labels), conference.language,
                 (conference.start, conference.end))


def proof_options(page_size: str):
    """The PrintOptions proofs are built with: a default `booklet build`'s, at `page_size`."""
    from ..build import PrintOptions

    return PrintOptions(page_size=page_size)


def _build(data_dir: Path, page_size: str, checked=None, folder: Path | None = None,
           kept: Path | None = None) -> tuple[BuildResult, bytes]:
    """The booklet built once: its BuildResult and its bytes (`checked(booklet)`: see build_booklet). Into `kept`
    when given (the kept booklet's place, which this run holds: _keeping), where the next run of proofs finds it;
    else, or when it cannot be written there, into a temporary file, `folder`/booklet.pdf when `folder` is given
    (the caller's to remove). With `folder` (the caller reads the PDF: pdf_as_written), no bytes (b"").

    Built as `booklet build` builds it by default (in parts on several cores, for a book big enough to gain:
    see output.parallel.jobs_that_pay; with bleed and Notes pages: proof_options), so that a proof's page is
    the printed page, and the booklet of a `booklet build` of the same data can stand in for it (see
    _built_and_planned). Each copied page is cropped to its trim box (pagecopy): a proof shows the page as cut.
    When the data reads as that build's did (a comment added since), its PDF is taken too, once the data is
    checked, not laid out again (build_booklet's `built_before`).
    """
    from ..build import build_booklet

    options = proof_options(page_size)
    if kept is not None or folder is not None:
        try:
            built = build_booklet(data_dir, kept or Path(folder) / "booklet.pdf", options=options, checked=checked,
                                  cache=_reading_cache(data_dir), jobs=None, remember=kept is not None,
                                  built_before=True)
        except OSError:
            if kept is None:
                raise
            # not written into the cache (its disk full, its folder read-only; nothing of it noted): the cache never
            # stops proofs, which build as without it
            return _build(data_dir, page_size, checked, folder)
        if folder is not None:
            return built, b""
        pdf = pdf_as_written(built.output, identity_of(built.output))  # (held by this run: no other writes it)
        return (built, pdf) if pdf is not None else _build(data_dir, page_size, checked)
    with tempfile.TemporaryDirectory(prefix="booklet-proofs-") as made:
        built = _build(data_dir, page_size, checked, Path(made))[0]
        return built, built.output.read_bytes()


KEPT_BOOKLET = "proofs-booklet"  # the disk cache's folder of the booklets proofs built (one a data folder)


def _kept_booklet(data_dir: Path) -> Path | None:
    """Where proofs build the booklet of `data_dir`: in the disk cache, one file a data folder (each build replaces
    it), noted as `booklet build` notes its PDF (booklet.cache.built); None without a disk cache (or a folder for it).

    A LOC corrects an abstract and makes the proofs, then makes them again (another correction that reads the
    same, a comment; a reply date; PNGs): the last proofs' booklet is the one to build, and is taken, as a `booklet
    build`'s is (_last_build; build_booklet's `built_before`). Built into a temporary folder and removed, it was
    built again by each run until the next `booklet build` (500 talks, a comment added after a correction: 2.7 s of
    a run's 3.4 s of CPU)."""
    base = disk.folder()
    if base is None:
        return None
    try:
        (base / KEPT_BOOKLET).mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return base / KEPT_BOOKLET / f"{_kept_name(data_dir)}.pdf"


@contextmanager
def _keeping(data_dir: Path):
    """The kept booklet's place (_kept_booklet), held by this run of proofs for as long as the block lasts (a lock
    beside it: `.lock`), so that no other run of proofs of the folder writes it meanwhile; None (the booklet is built
    into a temporary folder, and not kept) without a disk cache or a lock to be had, or while another run holds it.

    The place is one file a data folder, whatever the page size: two runs of proofs of one folder at once (A5 and A4,
    or the data edited between them) built into it in turn, and each took the identity of the file there after its
    own build, to read it (or note it) as its own: one could read, or note, the other's booklet (a proof of the other
    page size's pages, or PDFium failing to load a page that booklet does not have). Not waited for: the run that
    finds it held builds as without the cache."""
    path = _kept_booklet(data_dir)
    lock = None
    if path is not None:
        try:
            import fcntl

            lock = os.open(path.with_suffix(".lock"), os.O_RDWR | os.O_CREAT, 0o666)
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except (ImportError, OSError):  # no such locks (Windows), or held by another run
            if lock is not None:
                os.close(lock)
            lock = None
    try:
        yield path if lock is not None else None
    finally:
        if lock is not None:
            os.close(lock)  # (and the lock with it, once the processes forked meanwhile have ended too)


def _last_build(data_dir: Path, page_size: str, booklet=None) -> _Plan | None:
    """The plan, from the PDF of the last build of `data_dir` (`booklet build`, `booklet watch`, the library's:
    booklet.cache.built), when that build was made as proofs build (proof_options, in as many processes as
    proofs would use) from the very data, fonts, images and code there are now, and its PDF is still as it
    wrote it: then it is the booklet proofs would build, byte for byte. None otherwise (and always without a
    disk cache). `booklet`: the folder's, when the caller has read it already."""
    from ..build import BuildResult
    from ..cache import built
    from ..check import read, read_again
    from ..output.parallel import jobs_that_pay

    found = built.find(data_dir, proof_options(page_size), page_size)
    if found is None:
        return None
    if booklet is None:  # for the proofs' plan: who, when, where (what the build read, when it kept it)
        booklet, _ = read_again(data_dir, found.inputs) or read(data_dir)
    if jobs_that_pay(booklet, None) != found.jobs:  # (proofs build in as many processes as pay, see _build)
        return None
    result = BuildResult(found.output, found.pages, found.warnings, found.anchors, booklet=booklet,
                         page_size=found.page_size, jobs=found.jobs)
    return _planned(result, found.pdf, page_size)


def _reading_cache(data_dir: Path):
    """The cache of the proofs' build: what the last `booklet build` of the folder kept on disk
    (booklet.cache.persisted), read and never written; None (a cache for this build alone) without a disk cache.

    The proofs' booklet is built with the options of a default `booklet build`, so it finds every layout that
    build kept. Proofs leave the cache as the build left it: a build with other options (`--bleed`) keeps
    other values, which the next `booklet build` would have to replace again.
    """
    from ..cache import disk
    from ..cache.persisted import PersistedCache

    if disk.folder() is None:
        return None

    class Reading(PersistedCache):
        single_build = True  # as a build of its own: it takes what the last build read of the very same data

        def save(self) -> None:
            pass

    return Reading(data_dir)


def _built_and_planned(data_dir: Path, page_size: str, meanwhile=None, pdfium=lambda: True,
                       settle=lambda: None) -> _Plan:
    """_build and _planned, in another process while this one calls `meanwhile()` and loads what writing the proofs
    needs (PDFium too when `pdfium()`, asked once `meanwhile()` has run, says so: see _load_writers).

    What the build needs is loaded first, in this process: where processes are forked, the build's
    inherits it rather than loading it a second time.

    Not built at all when the last `booklet build` of the folder made this very booklet (_last_build). `settle()` is
    called before the booklet is built in this process after `meanwhile()` (which may start threads: see _Ahead).
    """
    plan = _last_build(data_dir, page_size)
    if plan is not None:
        if meanwhile is not None:
            meanwhile()
        return plan
    if not forks_pay():
        proofs: list[Proof] = []

        def checked(booklet: Booklet) -> None:
            proofs[:] = _proofs_of(booklet, page_size)  # (once more, should the booklet be built again: _build)

        if meanwhile is not None:
            meanwhile()
        with _keeping(data_dir) as kept:
            return _planned(*_build(data_dir, page_size, checked, kept=kept), page_size, proofs)
    from .. import build  # noqa: F401 - loaded once, here: a forked process inherits it, and the fonts

    register_fonts()
    gc.freeze()  # what is loaded so far stays put: the forked process's collections do not copy its pages
    # the booklet is written where this process reads it: its 13 MB at 2,000 talks, sent through the pipe
    # with the plan, made the plan take 0.19-0.22 s to arrive; 0.14 s now
    with _keeping(data_dir) as kept, tempfile.TemporaryDirectory(prefix="booklet-proofs-") as folder:
        process = Forked(_build_and_plan, data_dir, page_size, Path(folder), kept)
        done = False
        try:
            if meanwhile is not None:
                meanwhile()
            _load_writers(pdfium())
            while True:
                kind, value = _received(process, process, "the process building the booklet")
                if kind == "planned":
                    done = True
                    pdf = pdf_as_written(value.built.output, value.pdf_identity)
                    if pdf is None:  # (the kept booklet replaced meanwhile, by hand: built here)
                        settle()  # (the threads `meanwhile` started have ended: this build may fork)
                        return _planned(*_build(data_dir, page_size), page_size)
                    return replace(value, pdf=pdf)
                elif kind == "problems":
                    raise DataError(value)
                else:
                    raise value
        finally:
            process.end(done)


def _load_writers(pdfium: bool = True) -> None:
    """Import what writing proofs needs and the build does not: pagecopy; PDFium with `pdfium` (it finds poster
    titles on pages and makes PNGs). Without it, PDFium is loaded where it is used, if it is: after one abstract
    corrected, the titles found on the pages that did not change are the last run's (marks.poster_pointers' `known`),
    and loading PDFium for nothing cost about 4 % of the sample's build in CPU (instructions)."""
    from . import pagecopy  # noqa: F401

    if pdfium:
        try:
            import pypdfium2  # noqa: F401
        except ImportError:  # only needed for posters and PNGs: say so there
            pass


def _build_and_plan(sending, data_dir: Path, page_size: str, folder: Path, kept: Path | None = None) -> None:
    """In another process: sends ("planned", the plan: its booklet is the file _build wrote, into `kept` (held by the
    process that forked this one: _keeping) or `folder`, not in the plan's bytes but its identity, `pdf_identity`);
    or ("problems", problems) for bad data (a DataError does not survive pickling), or ("raised", the exception)."""
    proofs: list[Proof] = []

    def checked(booklet: Booklet) -> None:
        proofs[:] = _proofs_of(booklet, page_size)  # (once more, should the booklet be built again: _build)

    disk.ending(with_its_build=True)  # this process ends once it has sent the plan: what the build made is never freed
    try:
        try:
            built, pdf = _build(data_dir, page_size, checked, folder, kept)
            disk.to_the_end(built)  # its model, left out of the plan
            sending.send(("planned", replace(_planned(built, pdf, page_size, proofs),
                                             pdf_identity=identity_of(built.output))))
        except DataError as exc:
            sending.send(("problems", exc.problems))
        except BaseException as exc:  # noqa: BLE001 - told to the parent, which raises it
            try:
                sending.send(("raised", exc))
            except Exception:  # an exception that cannot be pickled: its words at least
                sending.send(("raised", RuntimeError(f"{type(exc).__name__}: {exc}")))
    finally:
        sending.close()


def _received(connection, process, who: str):
    """The next message from `process` (`who` it is, for the error when it ended without one)."""
    try:
        return connection.recv()
    except EOFError:
        process.join()
        raise RuntimeError(f"{who} ended unexpectedly (exit code {process.exitcode})") from None


@dataclass(frozen=True)
class _Job:
    """What every process that writes proofs shares."""

    pdf: bytes  # the booklet
    page: Page
    anchors: dict[str, int]
    poster_titles: dict[str, str]  # link key -> title, for the pointers (posters', abstracts')
    poster_numbers: dict[str, str]  # a poster's link key -> its number, for the pointers
    reply: tuple[tuple[str, float], ...]  # the header's last line or two, the same on every proof
    short_title: str
    png: bool
    mark: str  # the band's words (the label proof_mark)


@dataclass(frozen=True)
class _Files:
    """Where one proof is written (temporary files, published together when all proofs are written), and
    where it goes: a file already there with the very bytes is left as it is (see _unchanged)."""

    pdf: str  # (not yet made: see Together.later; made and written by _write_new)
    pngs: tuple[Path, ...]  # one per page, when PNGs are asked for
    target: Path
    png_targets: tuple[Path, ...]


def _make(plan: _Plan, page_size: str, reply_by: dt.date | None, png: bool, paths: dict[str, Path],
          workers: int | None, files: Together, kept: _Kept | None = None, keep=None,
          swept_too: tuple[Path, ...] = (), ahead: _Ahead | None = None) -> ProofsResult:
    """Give the plan's proofs their pages and headers, then write them (in `workers` processes) to paths[proof.id]
    (and their PNGs beside them) by way of `files`, which publishes them once all are written.

    PNGs of an earlier proof of the same name that the new one does not replace are removed with it.
    `kept`: what an earlier run derived (see _Kept), used where its keys match; `keep(_Kept)` is given what
    this run derived. `swept_too`: other files written with them (the manifest), swept with them: the folder read once.
    `ahead`: the last run's files copied into the new folder meanwhile (_Ahead), taken where they serve, the others
    removed.
    """
    geometry = page_for(page_size)
    built = plan.built
    ranges = page_ranges(built.anchors, built.pages, plan.long_posters)
    proofs = [explaining(replace(p, pages=pages_of(p, ranges)), built.anchors) for p in plan.proofs]
    own = {p.id: pages_of(p, ranges, chaired=False) for p in proofs}  # (its entries' pages alone)
    # in the order of their entries' first pages (a speaker's who chairs a session too: their talk's)
    proofs = sorted((p for p in proofs if p.pages),
                    key=lambda p: ((own[p.id] or p.pages)[0], KINDS.index(p.kind), p.id))
    reply, left_out = reply_line(plan.contact, reply_by, geometry, plan.words, plan.language)
    fits_key = disk.key("fits", _fonts_in_use())
    fits = _Fits(kept.fits[1] if kept is not None and kept.fits[0] == fits_key and kept.fits[1] else {})
    headers = _Headers(kept, disk.key("headers", fits_key, reply, geometry, sorted(plan.words.items()), plan.language),
                       lambda proof: header_lines(proof, reply, geometry, fits, plan.words, plan.language))
    proofs = [replace(p, header=headers.of(p)) for p in proofs]
    proofs = [replace(p, page_lines=chair_lines(p, ranges, own[p.id], reply, geometry, fits, plan.words,
                                                plan.language))
              if p.chaired else p for p in proofs]
    job = _Job(plan.pdf, geometry, built.anchors, plan.poster_titles, plan.poster_numbers, reply, plan.short_title, png,
               plan.words["proof_mark"])
    pngs = {p.id: [png_path(paths[p.id], index) for index in range(len(p.pages))] if png else [] for p in proofs}
    old_pngs = {folder: _old_pngs(folder) for folder in {paths[p.id].parent for p in proofs}}
    # the temporary files a run killed outright (by the system, short of memory) while it wrote these files left beside
    # them (`.NAME.pdf.<random>.part`), removed an hour on: as a build's beside its PDF (swept_beside)
    swept_beside_each([*paths.values(), *swept_too, *(target for p in proofs for target in pngs[p.id]),
                       *(old for found in old_pngs.values() for olds in found.values() for old in olds)])
    temps = {}
    for proof in proofs:
        path = paths[proof.id]
        temps[proof.id] = _Files(files.later(path),
                                 tuple(files.temp(target) for target in pngs[proof.id]), path, tuple(pngs[proof.id]))
        for old in old_pngs[path.parent].get(path.stem, ()):
            if old not in pngs[proof.id]:
                files.remove(old)  # made for an earlier proof of this name: it would not match the new one
    earlier = sum(os.path.lexists(paths[p.id]) for p in proofs)
    pdf = digest(plan.pdf)
    # what the last run made that serves this one is found first, so that the groups share what is left to do: the
    # pages to read (of a corrected booklet, those whose objects changed), the pointers, the overlay (kept, most
    # likely, after a correction: the headers are as they were)
    reused = _reused(job, proofs, pdf, kept)
    # the proofs whose bytes the last run wrote (into a file still as it left it) are that file again, not made again
    try:
        done, unchanged, pointed = _earlier_made(job, proofs, reused, kept, paths, temps, ahead, files.made_as)
    finally:
        if ahead is not None:
            ahead.discard()  # the copies not taken (before any process is forked: its thread has ended)
    left = len(proofs) - len(done)
    groups = _groups(proofs, workers or (min(cores(), 4) if left >= 300 else 1),
                     overlay=reused.overlay is None, read=True,
                     known=reused.carried(), pointed=reused.pointed(), done=done)
    made, written = _write_groups(job, groups, [[temps[p.id] for p in group] for group in groups], pdf, reused,
                                  files.made_as, done, pointed)
    unchanged += written
    for target in unchanged:
        files.drop(target)  # already there, the same bytes: left as it is (and its time says when it last changed)
    if keep is not None:
        recipes = _recipes(job, proofs, made.pages, made.overlay[1], made.pointers[1], done)
        # (the fits of the headers taken whole are kept too: the next run whose headers change fits only those lines)
        keep(replace(made, fits=(fits_key, {**fits.old, **fits} if headers.taken else dict(fits)),
                     headers=(headers.key, headers.made),
                     files={recipes[p.id]: (os.path.abspath(paths[p.id]), None) for p in proofs if p.id in recipes}))
    return ProofsResult(tuple(proofs), tuple(paths[p.id] for p in proofs),
                        tuple(target for p in proofs for target in pngs[p.id]), None, built.pages,
                        built.warnings + ([Problem("conference.yaml", 0, "contact", left_out, "warning",
                                                   "proof-header")] if left_out else []),
                        missing_emails(proofs), tuple(unchanged), plan.dates, earlier)


# What writing proofs costs, in tenths of a millisecond as measured at 500 and 2,000 talks (bench/proofs_bench.py):
_WRITE = (3, 0.5)  # a proof's file, and each of its pages
_READ = 7  # a booklet page read (when the last run's reading is not kept: another booklet)
_POINTERS = 9  # ... and, for a page of posters, the poster titles found on it (PDFium's text)
_DRAW = 2  # a proof's header drawn into the overlay, by the first group (when not kept)


def _groups(proofs: list[Proof], count: int, overlay: bool = True, read: bool | None = None,
            known: Collection[int] = (), pointed: Collection[int] = (), done: Collection[str] = ()) -> list[list[Proof]]:
    """`proofs` (in page order) cut into at most `count` runs of about the same work: each proof's file and
    pages; the booklet pages each run reads, once per run, when `read` (the last run's reading is not kept;
    default: as `overlay`), but those in `known` (kept from the last run: pagecopy.carried), poster pages
    costing the most (their titles are found, but on those in `pointed`); and the first run's process draws
    the overlay of them all, unless `overlay` is false (it is kept from the last run). At 2,000 talks, counting
    each proof alike left the first of two processes reading 2,839 abstract pages and drawing the overlay while
    the second read 1,177 poster pages: they ended up to 3 s apart. After a correction to one abstract (500
    talks), counting every page as read again and the overlay as drawn left the first process about a third of
    the proofs to write, the second two thirds and almost nothing to read. The proofs in `done` (by id: the files
    of the last run, _earlier_made) cost nothing: they are neither read nor written."""
    read = overlay if read is None else read
    costs: list[float] = []
    seen: set[int] = set()
    for proof in proofs:
        if proof.id in done:
            costs.append(0)
            continue
        cost = _WRITE[0] + _WRITE[1] * len(proof.pages)
        if read:
            new = [page for page in proof.pages if page not in seen]
            seen.update(new)
            cost += sum((_READ if page not in known else 0)
                        + (_POINTERS if proof.kind == "poster" and page not in pointed else 0) for page in new)
        costs.append(cost)
    drawing = _DRAW * len(proofs) if count > 1 and overlay else 0
    total = sum(costs) + drawing
    groups: list[list[Proof]] = [[]]
    so_far = drawing
    for proof, cost in zip(proofs, costs):
        if groups[-1] and len(groups) < count and so_far >= total * len(groups) / count:
            groups.append([])
        groups[-1].append(proof)
        so_far += cost
    return groups


@dataclass(frozen=True)
class _Reused:
    """What this run takes from the last (see _Kept), worked out before the proofs are grouped (_reused)."""

    known: KnownPages | None = None  # the booklet's pages as read (of another booklet: those carried over)
    parsed: PdfObjects | None = None  # the booklet parsed, when it was to carry pages over
    pointers_key: str = ""
    pointers: dict | None = None  # every proof's poster pointers, kept for these very inputs
    overlay_key: str = ""
    overlay: bytes | None = None  # the overlay, kept for these very inputs
    overlay_read: OverlayRead | None = None
    # page (1-based) -> {(title, number): where it starts, or None} (marks.poster_pointers' `known`): the titles
    # found on the pages whose text is as it was (those of `known`), kept to be looked up when `pointers` is not
    heights: dict[int, dict] = field(default_factory=dict)

    def carried(self) -> set[int]:
        """The pages (1-based) not read again: those of `known`."""
        return {index + 1 for index in self.known.pages} if self.known is not None else set()

    def pointed(self) -> Collection[int]:
        """The pages (1-based) whose poster pointers are not found again (most likely)."""
        if self.pointers is not None and self.known is not None:
            return self.carried()
        return self.heights.keys()


def _reused(job: _Job, proofs: list[Proof], pdf: str, kept: _Kept | None) -> _Reused:
    """What `kept` (the last run's) holds for these very inputs (`proofs` in the order they are written, `pdf`: the
    digest of the booklet's bytes): the booklet's pages as read (of another booklet, the pages whose objects are as
    they were: pagecopy.carried), the poster pointers, the overlay."""
    from .pagecopy import PdfObjects, carried

    known = parsed = None
    if kept is not None and kept.pdf == pdf:
        known = kept.pages
    elif kept is not None:  # another booklet: the pages it has as they were are not read again
        parsed = PdfObjects(job.pdf)
        known = carried(kept.pages, parsed)
    boxes = known.boxes if known is not None else parsed.boxes() if parsed is not None else None
    pointers_key = disk.key("pointers", pdf, sorted(job.poster_titles.items()), sorted(job.poster_numbers.items()),
                            sorted(job.anchors.items()),
                            [(p.id, p.kind, p.anchors) for p in proofs])
    pointers = kept.pointers[1] if kept is not None and kept.pointers[0] == pointers_key else None
    # (nothing kept: the booklet is parsed by the first writer, once the other writing processes have started)
    overlay_key = _overlay_key(job, proofs, *boxes) if boxes is not None else ""
    overlay = read = None
    if kept is not None and kept.overlay[0] == overlay_key:
        overlay, read = kept.overlay[1], kept.overlay_read
    # a page carried over (or of the very booklet) is the same objects, so the same text: the titles found on it
    # before are where they were; only the pointers of the pages that changed are found again (before, PDFium read
    # the text of every page of posters after one abstract corrected: 253 pages at 500 talks)
    heights = {page: found for page, found in kept.heights.items() if page - 1 in known.pages} \
        if kept is not None and known is not None else {}
    return _Reused(known, parsed, pointers_key, pointers, overlay_key, overlay, read, heights)


def _title(proof: Proof, short_title: str) -> str:
    """A proof's PDF title (its document information), for the booklet of running title `short_title`."""
    return f"Proof{proof.for_whom}: {proof.title} ({short_title})"


def _recipes(job: _Job, proofs: list[Proof], known: KnownPages | None, overlay: bytes | None,
             pointers: dict | None, taken: dict[str, str] | None = None) -> dict[str, str]:
    """Proof id -> the digest of everything its bytes are made of, for each of `proofs` (in the order they are
    numbered) whose pages are all in `known` with what their reading read (KnownPages.reads): the booklet's
    objects each page holds (their digests: a page carried over is the very objects), the overlay's bytes, what
    marks.overlay_forms places its forms by on each page (the proof's number, the page's number and header variant,
    its pointers: `pointers`; the page's geometry and trim box), the title (_title), the booklet's /Size and /Lang.
    Two proofs of the same digest are the same bytes (PageCopier.copy_parts).
    `taken`: proof id -> its recipe, of the proofs that are the last run's files (_earlier_made: worked out already,
    from these very pages, overlay and pointers), not worked out again."""
    if known is None or overlay is None or pointers is None:
        return {}
    taken = taken or {}
    common = repr((known.size, known.language, known.boxes, digest(overlay), job.page))
    pages: dict[int, str | None] = {}

    def page_digest(index: int) -> str | None:
        if index not in pages:
            entry, read = known.pages.get(index), known.reads.get(index)
            found = None
            if entry is not None and read is not None and all(number in known.digests for number in read):
                found = hashlib.blake2b(repr((entry[0], sorted((number, known.digests[number]) for number in read)))
                                        .encode(), digest_size=16).hexdigest()
            pages[index] = found
        return pages[index]

    recipes = {}
    for number, proof in enumerate(proofs):
        if proof.id in taken:
            recipes[proof.id] = taken[proof.id]
            continue
        objects = [page_digest(page - 1) for page in proof.pages]
        if not objects or None in objects:
            continue
        # what overlay_forms places on each page is made of these (with the page and trim box, in `common`): not
        # placed for each page of each proof (2,400 calls at 500 talks, a third of the recipes' time)
        placed = [(page, proof.variant_at(page), pointers.get((proof.id, page), ())) for page in proof.pages]
        recipes[proof.id] = hashlib.blake2b(repr((common, number, _title(proof, job.short_title), proof.pages, objects,
                                                  placed)).encode(), digest_size=16).hexdigest()
    return recipes


def _identity(path: Path | str) -> tuple | None:
    """What tells a regular file (not a link) from another and from itself changed: its device, inode, size and
    modification time; None when it is no regular file (or not there)."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    return info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns


def _published(files: dict[str, tuple]) -> dict[str, tuple]:
    """`files` (recipe -> (path, None): the proofs this run made, _recipes) with each file's _identity as this run
    left it (published, or left as it was), for the next run (_Kept.files); those not there are left out."""
    found = {}
    for recipe, (path, _) in files.items():
        identity = _identity(path)
        if identity is not None:
            found[recipe] = (path, identity)
    return found


def _earlier_made(job: _Job, proofs: list[Proof], reused: _Reused, kept: _Kept | None, paths: dict[str, Path],
                  temps: dict[str, _Files], ahead: _Ahead | None = None,
                  made_as=None) -> tuple[dict[str, str], list[Path], tuple[dict, dict]]:
    """The proofs whose very bytes the last run wrote into a file still as it left it (_Kept.files: the same recipe,
    _recipes, and the file's _identity): that file is taken, not made again. Into the same folder, the file there is
    left as it is; into another, a copy of it is the proof's new file (atomic.copy_made, where its temporary file
    goes, and published with the others): its pages are not copied and composed again (after one abstract corrected,
    1,897 of 1,898 proofs at 500 talks, 0.4 s of ours). A copy, not a hard link: each folder's file is its own, so
    that annotating a proof in one folder leaves the one sent from the other as it was. A proof whose target is
    there already (another file) is made as before, and compared (_unchanged); so is each whose copy fails. A copy
    `ahead` made while the booklet built (_Ahead) of that very file (its _identity) is taken as the proof's temporary
    file (`made_as(target, its name)`, Together.made_as; `temps` updated), not made again.

    Returns the ids of those taken (-> their recipe), the targets left as they were, and the poster pointers found
    for them and the titles looked for on their pages (for _Kept, with the others'). With PNGs (job.png) none is
    taken: a proof's PNGs are made from its bytes."""
    if job.png or kept is None or not kept.files or reused.overlay is None:
        return {}, [], ({}, {})
    candidates = [proof for proof in proofs if all(page - 1 in reused.known.pages for page in proof.pages)] \
        if reused.known is not None else []
    if not candidates:
        return {}, [], ({}, {})
    looked: dict[int, dict] = {}
    pointers = reused.pointers
    if pointers is None:
        pointers = poster_pointers(job.pdf, candidates, job.poster_titles, job.anchors, job.poster_numbers,
                                   reused.heights, looked)
    recipes = _recipes(job, proofs, reused.known, reused.overlay, pointers)
    done: dict[str, str] = {}
    unchanged = []
    if ahead is not None:
        ahead.finish()
    for proof in candidates:
        earlier = kept.files.get(recipes.get(proof.id, ""))
        if earlier is None or _identity(earlier[0]) != earlier[1]:
            continue
        target = paths[proof.id]
        absolute = os.path.abspath(target)
        if earlier[0] == absolute:
            unchanged.append(target)
        elif os.path.lexists(absolute):
            continue
        elif ahead is not None and (name := ahead.take(absolute, earlier)) is not None:
            where = temps[proof.id]
            done_with(where.pdf)  # (the name Together.later gave, never made)
            # (not dataclasses.replace: 1,897 of them after one abstract corrected at 500 talks)
            temps[proof.id] = _Files(name, where.pngs, where.target, where.png_targets)
            made_as(target, name)
        else:
            try:
                copy_made(earlier[0], temps[proof.id].pdf)
            except OSError:
                continue
        done[proof.id] = recipes[proof.id]
    return done, unchanged, ({key: value for key, value in pointers.items() if key[0] in done}, looked)


class _Ahead:
    """The files of the last run's proofs (_Kept.files), copied into the folder of this run's while the booklet
    builds (in a thread of this process: the copying is the kernel's, sendfile, and leaves the interpreter free), each
    as a temporary file for the target of its name there (atomic.copy_new); _earlier_made takes those whose proofs
    come out as they were, `discard` removes the others.

    After one abstract corrected, proofs into a new folder copied 1,897 of the last run's 1,898 files (357 MB at 500
    talks) once the booklet was built, on one core, while the build had left the second idle for much of its time (its
    own process reads, checks and assembles on one). Only when there is a core for it (processes.forks_pay), only into
    another folder than the last run's (into the same one, its files are left as they are), never over a file there
    (which is compared as before), and only files still as the last run left them (_identity)."""

    def __init__(self, todo: list[tuple[str, str, tuple]]):
        import threading

        self.todo = todo  # (target, the last run's file, its _identity); the target an absolute path as a string
        # target -> (temporary file, copied file, its identity); by the target's absolute path as a string, not a Path
        # (made, hashed and looked up for each of 1,897 files after one abstract corrected at 500 talks)
        self.copies: dict[str, tuple[str, str, tuple]] = {}
        self.stopping = False
        self.thread = threading.Thread(target=self._copy, name="booklet-proofs-ahead", daemon=True)

    @classmethod
    def started(cls, kept: _Kept, out_dir: Path, files: Together) -> list[_Ahead]:
        """[the copier, started] for the files `kept` lists, into `out_dir` (made now, by `files`), or [] when there
        is nothing to copy ahead (or no folder to be had: the error is met where it was)."""
        if not kept.files or not forks_pay():
            return []
        folder = os.path.abspath(out_dir)
        todo = [(os.path.join(folder, os.path.basename(path)), path, identity) for path, identity in kept.files.values()
                if identity is not None and os.path.dirname(path) != folder]
        if not todo:
            return []
        try:
            files.folder_for(Path(folder, MANIFEST))
        except OSError:
            return []
        ahead = cls(todo)
        ahead.thread.start()
        return [ahead]

    def _copy(self) -> None:
        for target, path, identity in self.todo:
            if self.stopping:
                return
            if target in self.copies or os.path.lexists(target):
                continue

            def expected(info: os.stat_result, identity=identity) -> bool:
                return stat.S_ISREG(info.st_mode) and (info.st_dev, info.st_ino, info.st_size,
                                                       info.st_mtime_ns) == identity

            try:
                name = copy_new(path, target, expected)
            except OSError:  # (a full disk: the proofs are made as without it, and meet it there)
                continue
            if name is not None:
                self.copies[target] = (name, path, identity)

    def finish(self) -> None:
        """Wait for the copying to end."""
        if self.thread.is_alive():
            self.thread.join()

    def take(self, target: str, earlier: tuple) -> str | None:
        """The name of the copy made for `target` (its absolute path, os.path.abspath's) of the file `earlier` (path,
        _identity), taken (not removed by `discard`); None when none was made of that file."""
        found = self.copies.get(target)
        if found is None or found[1:] != tuple(earlier):
            return None
        del self.copies[target]
        return found[0]

    def discard(self) -> None:
        """The copying stopped, and the copies not taken removed."""
        self.stopping = True
        self.finish()
        for name, _, _ in self.copies.values():
            discard_temp(name)
        self.copies.clear()


def _overlay_key(job: _Job, proofs: list[Proof], media, trim) -> str:
    """The key of the overlay of `proofs` (what it is drawn from), on pages of `media` size and `trim` box."""
    return disk.key("overlay", [(p.header[:2], p.variants) for p in proofs], job.page, media, trim, job.reply,
                    _fonts_in_use())


def _write_groups(job: _Job, groups: list[list[Proof]], files: list[list[_Files]], pdf: str,
                  reused: _Reused, made_as, done: Collection[str] = frozenset(),
                  pointed: tuple[dict, dict] = ({}, {})) -> tuple[_Kept, list[Path]]:
    """Write each group of proofs (and their PNGs) to its files: the first group here, each other one in a
    process of its own, which reads the booklet while this one draws the overlay of every proof. What
    the last run kept for these very inputs (`reused`: the booklet's pages read, the poster pointers, the overlay)
    is taken from it, not made again; the return value holds what this run used, for the next, and the targets
    left as they were (their files hold the very bytes already: nothing written). `pdf`: the digest of the
    booklet's bytes. `made_as(target, temp)` is told of each temporary file made under another name than its _Files'
    (see _write_new). The proofs in `done` (by id) are not written (_earlier_made); `pointed`: their poster pointers
    and the titles looked for on their pages (marks.poster_pointers' result and `found`), kept with the others'.

    The overlay is one PDF for all the proofs, whatever the groups: so a proof's bytes do not depend
    on how many processes wrote them.
    """
    from .pagecopy import KnownPages

    proofs = [p for group in groups for p in group]
    known, parsed, pointers, heights = reused.known, reused.parsed, reused.pointers, reused.heights
    helpers = []
    sending = []
    failed = True
    if len(groups) > 1:
        import multiprocessing  # only then (about 0.01 s to import)

        gc.freeze()  # as for the build's process
    try:
        first = len(groups[0])
        for group, where in zip(groups[1:], files[1:]):
            here, there = multiprocessing.Pipe()
            process = multiprocessing.Process(target=_group_process,
                                              args=(there, job, group, first, where, known, pointers, heights,
                                                    done),
                                              daemon=True)
            process.start()
            there.close()
            helpers.append((process, here))
            first += len(group)
        writer = _GroupWriter(job, groups[0], 0, known, pointers, parsed, heights, made_as=made_as, done=done)
        overlay, read = reused.overlay, reused.overlay_read  # (read: the overlay's objects, as pagecopy reads them)
        boxes = writer.copier.boxes()  # (the booklet's media size and trim box: the overlay's, and kept for the next)
        overlay_key = reused.overlay_key or _overlay_key(job, proofs, *boxes)
        if overlay is None:
            overlay = draw_overlays(proofs, job.page, *boxes, job.reply, job.mark)
        sending = [_send_beside(connection, (overlay, read)) for _, connection in helpers]
        writer.write(overlay, read, files[0])
        read_here = writer.copier.known()
        pages, reads, digests = dict(read_here.pages), dict(read_here.reads), dict(read_here.digests)
        found = {**pointed[0], **writer.pointers}
        titles = {page: dict(found) for page, found in heights.items()}  # (those kept stand for this booklet too)
        _add_titles(titles, pointed[1])
        _add_titles(titles, writer.heights)
        unchanged = list(writer.unchanged)
        for process, connection in helpers:
            kind, value = _received(connection, process, "a process writing proofs")
            if kind == "raised":
                raise value
            pages.update(value[0])
            reads.update(value[1])
            digests.update(value[2])
            found.update(value[3])
            unchanged += value[4]
            _add_titles(titles, value[5])
            for target, temp in value[6].items():
                made_as(target, temp)
        for sent in sending:
            sent()
        failed = False
    finally:
        if failed:
            for process, _ in helpers:
                process.terminate()  # nothing more written into files about to be removed
            for sent in sending:
                sent(quiet=True)  # (a send still waiting fails now: the reader is gone)
        for process, connection in helpers:
            connection.close()
            process.join()
    return _Kept(pdf, KnownPages(writer.copier.shift, writer.copier._language, boxes, pages, reads, digests),
                 (reused.pointers_key, pointers if pointers is not None else found), (overlay_key, overlay),
                 overlay_read=writer.copier.overlay_read, heights=titles), unchanged


def _add_titles(titles: dict[int, dict], found: dict[int, dict]) -> None:
    """The titles `found` on each page (_GroupWriter.heights) added to those of `titles`: two processes may look
    for titles on one page, each for its own proofs."""
    for page, on_page in found.items():
        titles.setdefault(page, {}).update(on_page)


def _send_beside(connection, message):
    """`connection.send(message)` from a thread of its own; returns `sent(quiet=False)`, which waits for the
    sending to end and raises what it raised (unless `quiet`). The overlay is bigger than a pipe holds: sent
    from here, this process would wait until the other one took it, which it does only once it has read its
    pages (0.7 s at 2,000 talks, while this one could be reading and writing its own)."""
    import threading

    failed: list[BaseException] = []

    def send() -> None:
        try:
            connection.send(message)
        except BaseException as exc:  # noqa: BLE001 - handed to sent()
            failed.append(exc)

    thread = threading.Thread(target=send, name="booklet-proofs-send", daemon=True)
    thread.start()

    def sent(quiet: bool = False) -> None:
        thread.join()
        if failed and not quiet:
            raise failed[0]

    return sent


def _group_process(connection, job: _Job, proofs: list[Proof], first: int, files: list[_Files],
                   known: KnownPages | None, pointers: dict | None, heights: dict[int, dict] | None = None,
                   done: Collection[str] = frozenset()) -> None:
    """In another process: reads the booklet for `proofs`, waits for the overlay, writes them; says
    ("done", (the pages it read, what it read for each and those objects' digests, the pointers it found, the
    targets it left as they were, the titles it looked for, target -> the temporary file it made under another name
    than its _Files': see _write_new)) or ("raised", the exception), having removed those files (the parent does not
    know them)."""
    moved: dict[Path, str] = {}  # target -> its temporary file, made under another name than its _Files'
    # Ctrl-C reaches every process of the command: the command's to tell, which ends this one (terminate: SIGTERM,
    # unwound as an exit, its files removed); here it was a failure of its own, told, and the command's SIGTERM (its
    # handler's KeyboardInterrupt) came while its files were removed: a traceback, a file left
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _ended)
    try:
        try:
            writer = _GroupWriter(job, proofs, first, known, pointers, heights=heights, made_as=moved.__setitem__,
                                  done=done)
            writer.read()
            overlay, read = connection.recv()
            writer.write(overlay, read, files)
            read_here = writer.copier.known()
            have = known.pages if known is not None else {}
            reads = {index: objects for index, objects in read_here.reads.items() if index not in have}
            made = ({index: page for index, page in read_here.pages.items() if index not in have}, reads,
                    {number: read_here.digests[number] for objects in reads.values() for number in objects},
                    writer.pointers if pointers is None else {}, writer.unchanged, writer.heights, moved)
            connection.send(("done", made))
        except (EOFError, SystemExit):
            _remove_moved(moved)
            return  # the parent gave up, or ended it: nothing to say
        except BaseException as exc:  # noqa: BLE001 - told to the parent, which raises it
            _remove_moved(moved)
            try:
                connection.send(("raised", exc))
            except Exception:
                connection.send(("raised", RuntimeError(f"{type(exc).__name__}: {exc}")))
    finally:
        connection.close()


def _ended(signum, frame):
    """SIGTERM in a process writing proofs (the command ends it): unwound as an exit, once (its files removed)."""
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise SystemExit(1)


def _remove_moved(moved: dict[Path, str]) -> None:
    """The temporary files a group's writer made under names of its own (`moved`: target -> file), which only it
    knows, removed."""
    for temp in moved.values():
        with suppress(OSError):  # (as far as it can: the failure told is the one that stopped the writing)
            discard_temp(temp)


class _GroupWriter:
    """Proofs `proofs[i]` (the `first + i`-th of all) written from the booklet: its pages read and the poster
    titles found by `read` (or taken from `known` and `pointers`, or looked up in `heights`: see _Reused); the
    overlay given to `write`. Those in `done` (by id) are neither read nor written (_earlier_made)."""

    def __init__(self, job: _Job, proofs: list[Proof], first: int, known: KnownPages | None = None,
                 pointers: dict | None = None, parsed=None, heights: dict[int, dict] | None = None, *, made_as,
                 done: Collection[str] = frozenset()):
        from .pagecopy import PageCopier

        self.job, self.proofs, self.first = job, proofs, first
        self.copier = PageCopier(parsed if parsed is not None else job.pdf, known=known)  # (parsed: job.pdf, read)
        self.trim = self.copier.boxes()[1]
        self.pointers = pointers
        self.kept_heights = heights or {}
        self.heights: dict[int, dict] = {}  # the titles looked for on each page, or taken from `heights`
        self._read = False
        self.unchanged: list[Path] = []  # targets whose files hold what this run made (see _unchanged)
        # told of each temporary file made under another name than its _Files' as it is made (target, file): the
        # Together's, in the process that has it; a helper process's, which tells the parent
        self.made_as = made_as
        self.done = done

    def read(self) -> None:
        """Read the pages of the group's proofs (when not yet read)."""
        if not self._read:
            job = self.job
            proofs = [proof for proof in self.proofs if proof.id not in self.done]
            if self.pointers is None:
                self.pointers = poster_pointers(job.pdf, proofs, job.poster_titles, job.anchors,
                                                job.poster_numbers, self.kept_heights, self.heights)
            for page in sorted({page for proof in proofs for page in proof.pages}):
                self.copier.prepare(page - 1)
            self._read = True

    def write(self, overlay: bytes, read: OverlayRead | None, files: list[_Files]) -> None:
        """The group's proofs into `files`, with `overlay` (`read`: what pagecopy read of it before, or None)."""
        job = self.job
        self.read()
        self.copier.use_overlay(overlay, read)
        for number, (proof, where) in enumerate(zip(self.proofs, files), start=self.first):
            if proof.id in self.done:
                continue
            spread = [(page - 1, overlay_forms(number, page, job.page, self.trim,
                                               self.pointers.get((proof.id, page), ()), proof.variant_at(page)))
                      for page in proof.pages]
            parts = self.copier.copy_parts(spread, title=_title(proof, job.short_title))
            data = b"".join(parts)
            if _unchanged(where.target, data):
                self.unchanged.append(where.target)
            else:
                _write_new(where, data, self.made_as)
            if job.png:
                write_pngs(data, lambda index: where.pngs[index], unchanged=self._same_png(where))

    def _same_png(self, where: _Files):
        """write_pngs' `unchanged(index, data)`: whether the proof's PNG `index` is there already, these bytes
        (noted in self.unchanged)."""
        def same(index: int, data: bytes) -> bool:
            if _unchanged(where.png_targets[index], data):
                self.unchanged.append(where.png_targets[index])
                return True
            return False

        return same


def _unchanged(target: Path, data: bytes) -> bool:
    """Whether `target` is a regular file (not a link) holding exactly `data`: then a proof is not written again.
    A LOC makes proofs again and again as corrections come in; most proofs come out as they were. Replacing each
    file cost more than making it (1,814 proofs of 500 talks, 410 MB: 0.9-1.5 s more than writing them into an
    empty folder, on a disk that discards freed blocks), and a proof's file now keeps the time it last changed."""
    try:  # only a regular file is opened (a FIFO opened to read would wait for a writer); not blocking, should it
        if not stat.S_ISREG(os.lstat(target).st_mode):  # become one meanwhile
            return False
        handle = os.open(target, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
                         | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError:  # not there (or unreadable): written
        return False
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode) or info.st_size != len(data):
            return False
        with os.fdopen(handle, "rb", closefd=False) as file:
            return file.read(len(data) + 1) == data
    except OSError:
        return False
    finally:
        os.close(handle)


def _write_new(where: _Files, data: bytes, moved) -> None:
    """`data` into the proof's temporary file (`where.pdf`, named by Together.later, not yet made), made now and
    written through the descriptor that made it, in one system call where the system allows: a call per part of a
    proof (a score of them) cost more than joining them first, on a disk with costly calls. An OSError names the
    proof's file (`where.target`).

    Each file is made here, as it is written, not before: made while the booklet built (1,900 files at 500 talks)
    and opened again to be written, it cost two opens a proof, on the two cores the build used, and a file made
    and removed again for each proof found unchanged. The file is new: not opened with O_TRUNC (on ext4, a file
    truncated to nothing and written again is flushed to disk when closed, auto_da_alloc). When its name is taken
    (another process's file), it is made under another (output.atomic.made_new): `moved(target, that name)`.
    """
    handle, name = made_new(where.pdf, where.target)
    if name != where.pdf:
        moved(where.target, name)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(handle, view):]
    except OSError as exc:
        exc.filename, exc.filename2 = os.fspath(where.target), None
        raise
    finally:
        os.close(handle)


# --------------------------------------------------------------------------- what the next run starts from


KEPT = "proofs"  # the disk cache's kind (booklet.cache.disk)


@dataclass(frozen=True)
class _Kept:
    """What a run of `booklet proofs` on a folder derived besides the booklet, kept in the disk cache for the
    next run; each value with the key of everything it was made from, so a value is used only for the very
    inputs it was made of (a changed booklet, poster title or header is a new key: made again).

    Derived only from the bytes of the booklet built (the booklet's pages as read, and the poster pointers
    found in its text) or from the overlay's own inputs (the header lines, page, boxes, fonts): what making
    them again gives, so the proofs are the bytes of a run without it.
    """

    pdf: str  # the digest of the booklet's bytes that `pages` were read from
    pages: KnownPages  # PageCopier.known()
    pointers: tuple[str, dict]  # (key, poster pointers of every proof)
    overlay: tuple[str, bytes]  # (key, the overlay PDF)
    overlay_read: OverlayRead | None = None  # what pagecopy read of `overlay`'s bytes
    fits: tuple[str, dict | None] = ("", None)  # (key: the fonts, the header lines fitted: see marks.header_lines)
    # page -> {(title, number): where it starts, or None}: the titles looked for on the booklet's pages (their
    # text), for the next run's pointers on the pages it carries over (_Reused.heights)
    heights: dict[int, dict] = field(default_factory=dict)
    # the proofs' files as the run left them: the digest of what a proof is made of (write._recipes) -> (its file's
    # absolute path, the file's _identity then): a proof of the same recipe is that file's bytes (_earlier_made)
    files: dict[str, tuple] = field(default_factory=dict)
    # (key: the fonts, the reply line, the page, the words, the language; what each proof's header is made of -> its
    # lines, marks.header_lines): the headers made, taken whole by the next run whose proofs' headers are as they were
    headers: tuple[str, dict] = ("", {})


class _Headers:
    """Each proof's header (`make(proof)`: marks.header_lines), taken from what the last run (`kept`) made for the
    same `key` (fonts, reply line, page, words, language) and the same proof's inputs, else made. After one abstract
    corrected, 1,898 headers at 500 talks were made again, each the same lines: names put as printed, quotes curled,
    page labels, each line's fit looked up (0.09 s of CPU, on the way from the booklet built to the proofs written)."""

    def __init__(self, kept: _Kept | None, key: str, make):
        self.key, self.make = key, make
        self.old = kept.headers[1] if kept is not None and kept.headers[0] == key else {}
        self.made: dict[tuple, tuple] = {}
        self.taken = 0  # how many were taken from `old`

    def of(self, proof: Proof) -> tuple[tuple[str, float], ...]:
        inputs = header_inputs(proof)
        found = self.old.get(inputs)
        if found is None:
            found = self.make(proof)
        else:
            self.taken += 1
        self.made[inputs] = found
        return found


class _Fits(dict):
    """Header line fits made by this run (what _Kept keeps next), taken from `old` (an earlier run's, for the
    same fonts) where it has them."""

    def __init__(self, old: dict):
        super().__init__()
        self.old = old

    def get(self, key, default=None):
        if key not in self and key in self.old:
            self[key] = self.old[key]
        return super().get(key, default)


def _kept_name(data_dir: Path) -> str:
    return disk.key(KEPT, os.path.realpath(data_dir))  # (Path.resolve raised RuntimeError for a link in a loop)


def _load_kept(data_dir: Path) -> _Kept | None:
    """What the last run of proofs on `data_dir` kept, when this code kept it; else None."""
    from ..cache.persisted import stamp

    if disk.folder() is None:
        return None
    kept = disk.load(KEPT, _kept_name(data_dir), tuple)
    if kept is not None and len(kept) == 2 and kept[0] == stamp() and isinstance(kept[1], _Kept):
        return kept[1]
    return None


def _store_kept(data_dir: Path, kept: _Kept) -> None:
    from ..cache.persisted import stamp

    if disk.folder() is not None:
        disk.store(KEPT, _kept_name(data_dir), (stamp(), kept))


def _fonts_in_use() -> tuple:
    """The font files the overlay is drawn with (those register_fonts points SANS at, and the fallbacks), by
    path, size and modification time: part of the overlay's key."""
    from ..text import fonts

    register_fonts()
    found = []
    for path in fonts.fonts_in_use().files():
        try:
            info = os.stat(path)
            found.append((os.fspath(path), info.st_size, info.st_mtime_ns))
        except OSError:
            found.append((os.fspath(path), None, None))
    return tuple(found)


# --------------------------------------------------------------------------- what proofs there are



def png_path(path: Path, index: int) -> Path:
    """Where the PNG of page `index` (0-based) of the proof at `path` goes: NAME-1.png, NAME-2.png, ..."""
    return path.with_name(f"{path.stem}-{index + 1}.png")


_PNG_NAME = re.compile(r"(.+)-\d+\.png")


def _old_pngs(folder: Path) -> dict[str, list[Path]]:
    """PNGs already in `folder`, by the proof name they were made for (they would not match a new PDF)."""
    found: dict[str, list[Path]] = {}
    if folder.is_dir():
        for entry in os.scandir(folder):
            match = _PNG_NAME.fullmatch(entry.name)
            if match:
                found.setdefault(match.group(1), []).append(Path(entry.path))
    return found



