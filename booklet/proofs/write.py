"""A conference data folder -> proof PDFs (and PNGs) on disk: one build, then pages copied in parallel."""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from concurrent.futures import ProcessPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..output.atomic import Together, together
from ..output.pngs import write_pngs
from ..text import markup
from ..text.fonts import register_fonts
from ..layout.page import Page, page_for
from ..model import Booklet
from ..problems import DataError
from .marks import draw_overlays, header_lines, overlay_forms, poster_pointers, reply_line
from .plan import (
    KINDS, MANIFEST, Proof, ProofsResult, find_proof, long_posters, manifest_text, missing_emails, pages_of,
    page_ranges, plan_proofs,
)

if TYPE_CHECKING:  # the rest is imported where it is used: the build starts before it is all loaded
    from ..build import BuildResult


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
    try:
        with together() as files:
            def prepare(names: list[str]) -> None:  # the data is good: the files to write, made while it builds
                for name in names:
                    files.temp(out_dir / name)

            plan = _built_and_planned(Path(data_dir), page_size, prepare)
            paths = {proof.id: out_dir / proof.file for proof in plan.proofs}
            result = _make(plan, page_size, reply_by, png, paths, workers, files)
            files.write(manifest, manifest_text(result.proofs).encode("utf-8"))
    except BaseException:
        if made and out_dir.is_dir() and not any(out_dir.iterdir()):
            out_dir.rmdir()  # made for files that were never written
        raise
    return replace(result, manifest=manifest)


def write_proof(proof_id: str, data_dir: Path, output: Path | None = None, *, page_size: str = "A5",
                reply_by: dt.date | None = None, png: bool = False) -> ProofsResult:
    """The one proof `proof_id` (an id of the manifest, or an abstract's or tutorial's id) into `output`
    (default: its file name, in the current folder).

    UnknownProof (before anything is built) when there is no such proof.
    """
    from ..data.validate import read_booklet

    booklet, _ = read_booklet(Path(data_dir))
    proof = find_proof(_proofs_of(booklet, page_size), proof_id)
    plan = _planned(*_build(Path(data_dir), page_size), page_size)
    plan = replace(plan, proofs=[p for p in plan.proofs if p.id == proof.id])
    target = Path(output) if output is not None else Path(proof.file)
    with together() as files:  # the proof and its PNGs
        return _make(plan, page_size, reply_by, png, {proof.id: target}, 1, files)



@dataclass(frozen=True)
class _Plan:
    """The booklet built, and the proofs to make of it (pages not yet assigned): what _make needs."""

    built: BuildResult  # without its model (`booklet` None): what follows needs only this
    pdf: bytes
    proofs: list[Proof]
    long_posters: set[str]
    contact: str | None
    short_title: str
    poster_titles: dict[str, str]  # link key -> title, for the pointers


def _proofs_of(booklet: Booklet, page_size: str) -> list[Proof]:
    from ..layout.common import Context

    return plan_proofs(booklet, Context(booklet, page_for(page_size)).slots)


def _planned(built: BuildResult, pdf: bytes, page_size: str, proofs: list[Proof] | None = None) -> _Plan:
    """The plan, from a build result that still holds its model (which the plan leaves out: it is large)."""
    from ..layout.posters import poster_key

    booklet = built.booklet
    conference = booklet.conference
    return _Plan(replace(built, booklet=None), pdf, proofs if proofs is not None else _proofs_of(booklet, page_size),
                 long_posters(booklet, page_for(page_size)), conference.contact,
                 markup.plain(conference.short_title or conference.title),
                 {poster_key(i): poster.title for i, poster in enumerate(booklet.posters)})


def _build(data_dir: Path, page_size: str, checked=None) -> tuple[BuildResult, bytes]:
    """The booklet built once into a temporary file: its BuildResult and its bytes (`checked(booklet)`: see
    build_booklet).

    Built as `booklet build` builds it, less what only the press needs: no bleed (a proof shows the
    trimmed page) and no Notes pages (they come after every entry, so no page number moves).
    """
    from ..build import PrintOptions, build_booklet

    options = PrintOptions(page_size=page_size, bleed=0.0, pad_to=1)
    with tempfile.TemporaryDirectory(prefix="booklet-proofs-") as folder:
        built = build_booklet(data_dir, Path(folder) / "booklet.pdf", options=options, checked=checked)
        return built, built.output.read_bytes()


def _built_and_planned(data_dir: Path, page_size: str, prepare=None) -> _Plan:
    """_build and _planned, in another process while this one loads what writing the proofs needs and, once
    the data is checked, calls `prepare(file names of the proofs)` (files are slow to create on some disks).
    """
    if _cpus() < 2:
        proofs: list[Proof] = []

        def checked(booklet: Booklet) -> None:
            proofs.extend(_proofs_of(booklet, page_size))
            if prepare is not None:
                prepare([p.file for p in proofs])

        return _planned(*_build(data_dir, page_size, checked), page_size, proofs)
    import multiprocessing

    receiving, sending = multiprocessing.Pipe(duplex=False)
    process = multiprocessing.Process(target=_build_and_plan, args=(sending, data_dir, page_size), daemon=True)
    process.start()
    sending.close()
    try:
        _load_writers()
        while True:
            try:
                kind, value = receiving.recv()
            except EOFError:
                process.join()
                raise RuntimeError(f"the process building the booklet ended unexpectedly (exit code {process.exitcode})")
            if kind == "checked":
                if prepare is not None:
                    prepare(value)
            elif kind == "planned":
                return value
            elif kind == "problems":
                raise DataError(value)
            else:
                raise value
    finally:
        receiving.close()
        process.join()


def _load_writers() -> None:
    """Import what planning and writing proofs needs (layout, pypdf, PDFium, the canvas)."""
    from reportlab.pdfgen import canvas  # noqa: F401

    from . import pagecopy  # noqa: F401
    from ..layout import common  # noqa: F401

    register_fonts()
    try:
        import pypdfium2  # noqa: F401
    except ImportError:  # only needed for posters and PNGs: say so there
        pass


def _build_and_plan(sending, data_dir: Path, page_size: str) -> None:
    """In another process: sends ("checked", file names of the proofs) once the data is checked, then
    ("planned", the plan); or ("problems", problems) for bad data (a DataError does not survive pickling),
    or ("raised", the exception)."""
    proofs: list[Proof] = []

    def checked(booklet: Booklet) -> None:
        proofs.extend(_proofs_of(booklet, page_size))
        sending.send(("checked", [p.file for p in proofs]))

    try:
        try:
            sending.send(("planned", _planned(*_build(data_dir, page_size, checked), page_size, proofs)))
        except DataError as exc:
            sending.send(("problems", exc.problems))
        except BaseException as exc:  # noqa: BLE001 - told to the parent, which raises it
            try:
                sending.send(("raised", exc))
            except Exception:  # an exception that cannot be pickled: its words at least
                sending.send(("raised", RuntimeError(f"{type(exc).__name__}: {exc}")))
    finally:
        sending.close()


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


@dataclass(frozen=True)
class _Job:
    """What every process that writes proofs shares."""

    pdf: bytes  # the booklet
    page: Page
    anchors: dict[str, int]
    poster_titles: dict[str, str]  # link key -> title, for the pointers
    reply: tuple[str, float]  # the header's last line, the same on every proof
    short_title: str
    png: bool


@dataclass(frozen=True)
class _Files:
    """Where one proof is written (temporary files, published together when all proofs are written)."""

    pdf: Path
    pngs: tuple[Path, ...]  # one per page, when PNGs are asked for


def _make(plan: _Plan, page_size: str, reply_by: dt.date | None, png: bool, paths: dict[str, Path],
          workers: int | None, files: Together) -> ProofsResult:
    """Give the plan's proofs their pages and headers, then write them (in `workers` processes) to paths[proof.id]
    (and their PNGs beside them) by way of `files`, which publishes them once all are written.

    PNGs of an earlier proof of the same name that the new one does not replace are removed with it.
    """
    geometry = page_for(page_size)
    built = plan.built
    ranges = page_ranges(built.anchors, built.pages, plan.long_posters)
    proofs = [replace(p, pages=pages_of(p, ranges)) for p in plan.proofs]
    proofs = sorted((p for p in proofs if p.pages), key=lambda p: (p.pages[0], KINDS.index(p.kind), p.id))
    reply = reply_line(plan.contact, reply_by, geometry)
    proofs = [replace(p, header=header_lines(p, reply, geometry)) for p in proofs]
    job = _Job(plan.pdf, geometry, built.anchors, plan.poster_titles, reply, plan.short_title, png)
    pngs = {p.id: [png_path(paths[p.id], index) for index in range(len(p.pages))] if png else [] for p in proofs}
    old_pngs = {folder: _old_pngs(folder) for folder in {paths[p.id].parent for p in proofs}}
    made = files.names()  # temporary file -> target: those made while the booklet was built
    ready = {target: temp for temp, target in made.items()}
    for target in set(ready) - {paths[p.id] for p in proofs}:
        files.drop(target)  # a proof of an entry that is not in the booklet
    temps = {}
    for proof in proofs:
        path = paths[proof.id]
        temps[proof.id] = _Files(ready.get(path) or files.temp(path),
                                 tuple(files.temp(target) for target in pngs[proof.id]))
        for old in old_pngs[path.parent].get(path.stem, ()):
            if old not in pngs[proof.id]:
                files.remove(old)  # made for an earlier proof of this name: it would not match the new one
    groups = _groups(proofs, workers or (min(_cpus(), 4) if len(proofs) >= 300 else 1))
    with ProcessPoolExecutor(max_workers=len(groups) - 1) if len(groups) > 1 else nullcontext() as pool:
        others = [pool.submit(_write_group, job, group, [temps[p.id] for p in group]) for group in groups[1:]]
        _write_group(job, groups[0], [temps[p.id] for p in groups[0]])
        for other in others:
            other.result()
    return ProofsResult(tuple(proofs), tuple(paths[p.id] for p in proofs),
                        tuple(target for p in proofs for target in pngs[p.id]), None, built.pages, built.warnings,
                        missing_emails(proofs))


def _groups(proofs: list[Proof], count: int) -> list[list[Proof]]:
    """`proofs` cut into at most `count` runs of about the same work (a file each, and its pages)."""
    work = [3 + len(p.pages) for p in proofs]
    total = sum(work)
    groups: list[list[Proof]] = [[]]
    done = 0
    for proof, cost in zip(proofs, work):
        if groups[-1] and len(groups) < count and done >= total * len(groups) / count:
            groups.append([])
        groups[-1].append(proof)
        done += cost
    return groups


def _write_group(job: _Job, proofs: list[Proof], files: list[_Files]) -> None:
    """Write `proofs` (and their PNGs) to `files`: the overlay drawn, the booklet read, once for all of them."""
    if not proofs:
        return
    from .pagecopy import PageCopier, PdfObjects

    booklet = PdfObjects(job.pdf)
    media, trim = booklet.boxes()
    pointers = poster_pointers(job.pdf, proofs, job.poster_titles, job.anchors)
    copier = PageCopier(booklet, draw_overlays(proofs, job.page, media, trim, job.reply))
    for number, (proof, where) in enumerate(zip(proofs, files)):
        spread = [(page - 1, overlay_forms(number, page, job.page, trim, pointers.get((proof.id, page), ())))
                  for page in proof.pages]
        parts = copier.copy_parts(spread, title=f"Proof for {proof.names}: {proof.title} ({job.short_title})")
        with open(where.pdf, "wb") as file:
            file.writelines(parts)
        if job.png:
            write_pngs(b"".join(parts), lambda index: where.pngs[index])


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



