"""A conference data folder -> speaker proofs: the booklet's own pages for each abstract, tutorial and poster author, marked PROOF, and a manifest for the mail merge.

The booklet is built once; each proof is a copy of its pages (byte for byte, see pagecopy) with
an overlay on top that stays off the text block: a "PROOF" band down the outer edge of the page
and a tinted strip above the running head saying whom the proof is for, when and where the talk
is, which booklet page it is, and whom to send corrections to by when.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import tempfile
import unicodedata
from bisect import bisect_right
from concurrent.futures import ProcessPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab import rl_config
from reportlab.lib.colors import CMYKColor
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from . import markup
from .fonts import SANS, font_for_char, register_fonts
from .layout.page import Page, page_for
from .model import Booklet, Person, Poster, Source
from .problems import DataError, Problem

if TYPE_CHECKING:  # the rest is imported where it is used: the build starts before it is all loaded
    from reportlab.pdfgen.canvas import Canvas

    from .build import BuildResult
    from .layout.common import Slot
    from .pagecopy import Placed

KINDS = ("abstract", "tutorial", "poster")
MANIFEST = "manifest.csv"
MANIFEST_COLUMNS = ("id", "kind", "names", "emails", "file", "pages", "day", "time", "room")
MARK = "PROOF \u00b7 NOT FOR PRINT"
MARK_COLOR = CMYKColor(0, 0.95, 0.7, 0)  # a signal red that nothing in the booklet uses
STRIP_COLOR = CMYKColor(0, 0.12, 0.08, 0)
INK = CMYKColor(0, 0, 0, 1)
WHITE = CMYKColor(0, 0, 0, 0)
PNG_SCALE = 2.0  # 144 dpi: an A5 page is 840 x 1191 pixels, small print still legible in an email


@dataclass(frozen=True)
class Proof:
    """One proof: whom it goes to, which booklet pages it holds, when and where the talk is."""

    id: str  # unique; the file name without ".pdf", and what `booklet proof ID` takes
    kind: str  # "abstract", "tutorial" or "poster"
    entry: str  # the data's id (abstract, tutorial) or the poster number(s)
    title: str  # plain text
    people: tuple[Person, ...]  # whom it is for
    anchors: tuple[str, ...]  # the booklet's link keys of its entries: "abstract-3", "poster-12", ...
    day: str = ""
    time: str = ""
    room: str = ""
    source: Source | None = None
    pages: tuple[int, ...] = ()  # 1-based booklet pages, known once the booklet is built
    header: tuple[tuple[str, float], ...] = ()  # the lines printed above the running head, with their sizes

    @property
    def file(self) -> str:
        return self.id + ".pdf"

    @property
    def names(self) -> str:
        return _listed([markup.plain(p.name) for p in self.people])

    @property
    def emails(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p.email for p in self.people if p.email))


@dataclass(frozen=True)
class ProofsResult:
    proofs: tuple[Proof, ...]  # in booklet order
    files: tuple[Path, ...]  # the PDFs written, one per proof
    pngs: tuple[Path, ...]
    manifest: Path | None
    booklet_pages: int
    warnings: list[Problem]  # found while building the booklet
    no_email: list[Problem]  # proofs that have nobody to be mailed to


class UnknownProof(LookupError):
    """No proof has this id; `choices` are the ids there are."""

    def __init__(self, proof_id: str, choices: list[str]):
        super().__init__(proof_id)
        self.proof_id = proof_id
        self.choices = choices


# --------------------------------------------------------------------------- the library's two calls


def write_proofs(data_dir: Path, out_dir: Path, *, page_size: str = "A5", reply_by: dt.date | None = None,
                 png: bool = False, workers: int | None = None) -> ProofsResult:
    """Every proof of the conference in `data_dir` into `out_dir`, with `manifest.csv`; DataError on bad data.

    `workers`: how many processes write proofs (default: one per CPU, at most 4, for a large conference).
    """
    plan = _built_and_planned(Path(data_dir), page_size)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {proof.id: out_dir / proof.file for proof in plan.proofs}
    result = _make(plan, page_size, reply_by, png, paths, workers, atomic=False)
    manifest = out_dir / MANIFEST
    _write_atomically(manifest, manifest_text(result.proofs).encode("utf-8"))
    return replace(result, manifest=manifest)


def write_proof(proof_id: str, data_dir: Path, output: Path | None = None, *, page_size: str = "A5",
                reply_by: dt.date | None = None, png: bool = False) -> ProofsResult:
    """The one proof `proof_id` (an id of the manifest, or an abstract's or tutorial's id) into `output`
    (default: its file name, in the current folder).

    UnknownProof (before anything is built) when there is no such proof.
    """
    from .validate import read_booklet

    booklet, _ = read_booklet(Path(data_dir))
    proof = find_proof(_proofs_of(booklet, page_size), proof_id)
    plan = _planned(*_build(Path(data_dir), page_size), page_size)
    plan = replace(plan, proofs=[p for p in plan.proofs if p.id == proof.id])
    target = Path(output) if output is not None else Path(proof.file)
    return _make(plan, page_size, reply_by, png, {proof.id: target}, 1, atomic=True)


def find_proof(proofs: list[Proof], proof_id: str) -> Proof:
    """The proof with this id, or the abstract's or tutorial's whose data id it is; UnknownProof otherwise."""
    for proof in proofs:
        if proof.id == proof_id:
            return proof
    for proof in proofs:
        if proof.kind != "poster" and proof.entry == proof_id:
            return proof
    raise UnknownProof(proof_id, [p.id for p in proofs])


# --------------------------------------------------------------------------- building once, writing in parallel


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
    from .layout.common import Context

    return plan_proofs(booklet, Context(booklet, page_for(page_size)).slots)


def _planned(built: BuildResult, pdf: bytes, page_size: str) -> _Plan:
    """The plan, from a build result that still holds its model (which the plan leaves out: it is large)."""
    from .layout.posters import poster_key

    booklet = built.booklet
    conference = booklet.conference
    return _Plan(replace(built, booklet=None), pdf, _proofs_of(booklet, page_size),
                 _long_posters(booklet, page_for(page_size)), conference.contact,
                 markup.plain(conference.short_title or conference.title),
                 {poster_key(i): poster.title for i, poster in enumerate(booklet.posters)})


def _build(data_dir: Path, page_size: str) -> tuple[BuildResult, bytes]:
    """The booklet built once into a temporary file: its BuildResult and its bytes.

    Built as `booklet build` builds it, less what only the press needs: no bleed (a proof shows the
    trimmed page) and no Notes pages (they come after every entry, so no page number moves).
    """
    from .build import PrintOptions, build_booklet

    options = PrintOptions(page_size=page_size, bleed=0.0, pad_to=1)
    with tempfile.TemporaryDirectory(prefix="booklet-proofs-") as folder:
        built = build_booklet(data_dir, Path(folder) / "booklet.pdf", options=options)
        return built, built.output.read_bytes()


def _built_and_planned(data_dir: Path, page_size: str) -> _Plan:
    """_build and _planned in another process, while this one loads what writing the proofs needs."""
    if _cpus() < 2:
        return _planned(*_build(data_dir, page_size), page_size)
    with ProcessPoolExecutor(max_workers=1) as pool:
        building = pool.submit(_build_and_plan, data_dir, page_size)
        _load_writers()
        problems, plan = building.result()
    if problems is not None:
        raise DataError(problems)
    return plan


def _load_writers() -> None:
    """Import what planning and writing proofs needs (layout, pypdf, PDFium, the canvas)."""
    from reportlab.pdfgen import canvas  # noqa: F401

    from . import pagecopy  # noqa: F401
    from .layout import common  # noqa: F401

    register_fonts()
    try:
        import pypdfium2  # noqa: F401
    except ImportError:  # only needed for posters and PNGs: say so there
        pass


def _build_and_plan(data_dir: Path, page_size: str):
    """In another process: (None, plan), or (problems, None) for bad data (a DataError does not survive pickling)."""
    try:
        return None, _planned(*_build(data_dir, page_size), page_size)
    except DataError as exc:
        return exc.problems, None


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
    atomic: bool


def _make(plan: _Plan, page_size: str, reply_by: dt.date | None, png: bool, paths: dict[str, Path],
          workers: int | None, atomic: bool) -> ProofsResult:
    """Give the plan's proofs their pages and headers, then write them (in `workers` processes) to paths[proof.id]."""
    geometry = page_for(page_size)
    built = plan.built
    ranges = page_ranges(built.anchors, built.pages, plan.long_posters)
    proofs = [replace(p, pages=_pages_of(p, ranges)) for p in plan.proofs]
    proofs = sorted((p for p in proofs if p.pages), key=lambda p: (p.pages[0], KINDS.index(p.kind), p.id))
    reply = reply_line(plan.contact, reply_by, geometry)
    proofs = [replace(p, header=header_lines(p, reply, geometry)) for p in proofs]
    job = _Job(plan.pdf, geometry, built.anchors, plan.poster_titles, reply, plan.short_title, png, atomic)
    groups = _groups(proofs, workers or (min(_cpus(), 4) if len(proofs) >= 300 else 1))
    files: list[Path] = []
    pngs: list[Path] = []
    with ProcessPoolExecutor(max_workers=len(groups) - 1) if len(groups) > 1 else nullcontext() as pool:
        others = [pool.submit(_write_group, job, group, [paths[p.id] for p in group]) for group in groups[1:]]
        for written in [_write_group(job, groups[0], [paths[p.id] for p in groups[0]])] + [f.result() for f in others]:
            files += written[0]
            pngs += written[1]
    return ProofsResult(tuple(proofs), tuple(files), tuple(pngs), None, built.pages, built.warnings,
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


def _write_group(job: _Job, proofs: list[Proof], paths: list[Path]) -> tuple[list[Path], list[Path]]:
    """Write `proofs` (and their PNGs) to `paths`: the overlay drawn, the booklet read, once for all of them."""
    if not proofs:
        return [], []
    from .pagecopy import PageCopier

    media, trim = _page_boxes(job.pdf)
    pointers = poster_pointers(job.pdf, proofs, job.poster_titles, job.anchors)
    copier = PageCopier(job.pdf, draw_overlays(proofs, job.page, media, trim, job.reply))
    old_pngs = {folder: _old_pngs(folder) for folder in {path.parent for path in paths}}
    pngs = []
    for number, (proof, path) in enumerate(zip(proofs, paths)):
        spread = [(page - 1, overlay_forms(number, page, job.page, trim, pointers.get((proof.id, page), ())))
                  for page in proof.pages]
        parts = copier.copy_parts(spread, title=f"Proof for {proof.names}: {proof.title} ({job.short_title})")
        if job.atomic:
            _write_atomically(path, parts)
        else:
            with open(path, "wb") as file:
                file.writelines(parts)
        for old in old_pngs[path.parent].get(path.stem, ()):
            old.unlink(missing_ok=True)
        if job.png:
            pngs += render_pngs(b"".join(parts), path)
    return paths, pngs


# --------------------------------------------------------------------------- what proofs there are


def plan_proofs(booklet: Booklet, slots: dict[str, Slot]) -> list[Proof]:
    """One proof per abstract and per tutorial, and one per poster author (each person once), pages not yet known."""
    from .layout.posters import poster_key

    used: set[str] = set()
    proofs = []
    for index, abstract in enumerate(booklet.abstracts):
        slot = slots.get("abstract:" + abstract.id)
        speakers = abstract.speakers
        proofs.append(Proof(_unique(_file_safe(abstract.id), used), "abstract", abstract.id,
                            markup.plain(abstract.title), speakers, (f"abstract-{index}",), *_when(slot),
                            source=_source_of(speakers, abstract.source)))
    for tutorial in booklet.tutorials:
        slot = slots.get("tutorial:" + tutorial.id)
        stem = _file_safe(tutorial.id)
        stem = stem if stem.casefold() not in used else "tutorial-" + stem
        proofs.append(Proof(_unique(stem, used), "tutorial", tutorial.id, markup.plain(tutorial.title),
                            tutorial.presenters, (f"tutorial-{tutorial.number}",), *_when(slot),
                            source=_source_of(tutorial.presenters, tutorial.source)))
    for person, indices in poster_authors(booklet.posters):
        posters = [booklet.posters[i] for i in indices]
        proofs.append(Proof(_unique("poster-" + _slug(person.name), used), "poster",
                            ", ".join(str(p.number) for p in posters),
                            " / ".join(markup.plain(p.title) for p in posters), (person,),
                            tuple(poster_key(i) for i in indices),
                            source=person.source or posters[0].source))
    return proofs


def poster_authors(posters: tuple[Poster, ...]) -> list[tuple[Person, list[int]]]:
    """Each distinct poster author (same name, however spaced or cased, is one person) with the indices of their posters."""
    people: dict[str, tuple[Person, list[int]]] = {}
    for index, poster in enumerate(posters):
        for person in poster.authors:
            key = " ".join(unicodedata.normalize("NFC", person.name).casefold().split())
            if key not in people:
                people[key] = (person, [])
            first, indices = people[key]
            if not first.email and person.email:
                people[key] = (replace(first, email=person.email), indices)
            if index not in indices:
                indices.append(index)
    return list(people.values())


def _when(slot: Slot | None) -> tuple[str, str, str]:
    """(day, time, room) of a scheduled item as plain text; empty strings when it is not in the programme."""
    from .layout.programme import day_title

    if slot is None:
        return "", "", ""
    room = slot.item.room or (slot.session.room if slot.session else None)
    return day_title(slot.day), str(slot.item.time or ""), markup.plain(room) if room else ""


def _source_of(people: tuple[Person, ...], fallback: Source | None) -> Source | None:
    return next((p.source for p in people if p.source), None) or fallback


def _file_safe(text: str) -> str:
    """An id as a file name: path separators and other awkward characters become '_'."""
    return re.sub(r"[^\w.\-]+", "_", text).strip("._") or "entry"


_LATIN_LETTERS = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss",
                                "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th",
                                "Þ": "Th", "ı": "i"})


def _slug(name: str) -> str:
    """'Zoë Østby' -> 'zoe-ostby' (letters of other scripts are kept as they are)."""
    plain = unicodedata.normalize("NFKD", markup.plain(name).translate(_LATIN_LETTERS))
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch)).casefold()
    return re.sub(r"[^\w]+", "-", plain).strip("-_") or "author"


def _unique(stem: str, used: set[str]) -> str:
    """`stem`, or `stem-2`, `stem-3`, ... when taken (compared without case: some file systems ignore it)."""
    candidate, n = stem, 1
    while candidate.casefold() in used:
        n += 1
        candidate = f"{stem}-{n}"
    used.add(candidate.casefold())
    return candidate


def _listed(names: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1] if names else ""


# --------------------------------------------------------------------------- where the entries are


def page_ranges(anchors: dict[str, int], total_pages: int, long_posters: set[str]) -> dict[str, tuple[int, ...]]:
    """Link key -> 1-based pages for every abstract, tutorial and poster entry of the booklet.

    An abstract or tutorial starts a page and runs up to the next abstract, tutorial or section
    (the back cover, the last page, ends the last one). A poster entry is on its anchor's page; one
    in `long_posters` (that may be taller than a page, so split) also runs on to the next entry's page.
    """
    bounds = sorted({page for key, page in anchors.items() if not key.startswith("poster-")} | {total_pages})

    def next_bound(page: int) -> int:
        i = bisect_right(bounds, page)
        return bounds[i] if i < len(bounds) else page + 1

    ranges = {}
    for key, page in anchors.items():
        if key.startswith(("abstract-", "tutorial-")):
            ranges[key] = tuple(range(page, max(page + 1, next_bound(page))))
    poster_keys = sorted((k for k in anchors if k.startswith("poster-")), key=lambda k: int(k.split("-")[1]))
    for i, key in enumerate(poster_keys):
        page = anchors[key]
        if i + 1 == len(poster_keys):  # the last one: the section ends on a page of its own
            ranges[key] = tuple(range(page, max(page + 1, next_bound(page))))
        elif key in long_posters:
            ranges[key] = tuple(range(page, max(page, anchors[poster_keys[i + 1]]) + 1))
        else:
            ranges[key] = (page,)
    return ranges


def _pages_of(proof: Proof, ranges: dict[str, tuple[int, ...]]) -> tuple[int, ...]:
    return tuple(sorted({page for key in proof.anchors for page in ranges.get(key, ())}))


def _long_posters(booklet: Booklet, page: Page) -> set[str]:
    """Link keys of posters whose entry might not fit on one page (a generous estimate of its lines)."""
    from .layout.posters import poster_key

    chars_per_line = page.text_width * 0.8 / (page.base_size * 0.6)
    lines_per_page = page.text_height / (page.base_size * 1.5)
    long = set()
    for index, poster in enumerate(booklet.posters):
        texts = [poster.title, ", ".join(p.name for p in poster.authors)]
        texts += [a for p in poster.authors for a in p.affiliations]
        texts += (poster.abstract or "").split("\n\n")
        lines = sum(len(t) // chars_per_line + 1 for t in texts if t.strip())
        if lines > lines_per_page * 0.6:
            long.add(poster_key(index))
    return long


def poster_pointers(pdf: bytes, proofs: list[Proof], titles: dict[str, str],
                   anchors: dict[str, int]) -> dict[tuple[str, int], list[float]]:
    """(poster proof id, page) -> the height of each of the author's poster titles on that page, found by text search
    (`titles`: a poster's link key -> its title).

    A title that cannot be found (an unusual break in its first words) gets no pointer; the header still names it.
    """
    keys = {key for proof in proofs if proof.kind == "poster" for key in proof.anchors if key in anchors}
    if not keys:
        return {}
    import pypdfium2 as pdfium

    by_page: dict[int, list[str]] = {}
    for key in sorted(keys):
        by_page.setdefault(anchors[key], []).append(key)
    heights: dict[str, float] = {}
    document = pdfium.PdfDocument(pdf)
    try:
        for number, on_page in by_page.items():
            page = document[number - 1]
            text = page.get_textpage()
            for key in on_page:
                height = _title_height(text, titles[key])
                if height is not None:
                    heights[key] = height
            text.close()
            page.close()
    finally:
        document.close()
    pointers: dict[tuple[str, int], list[float]] = {}
    for proof in proofs:
        for key in proof.anchors:
            if key in heights:
                pointers.setdefault((proof.id, anchors[key]), []).append(heights[key])
    return pointers


def _title_height(text, title: str) -> float | None:
    """The middle height of the first line of a poster's `title` on a page's text, or None."""
    words = markup.plain(title).split()[:3]
    match = text.search(" ".join(words), match_case=True).get_next() if words else None
    if not match:
        return None
    _, bottom, _, top = text.get_charbox(match[0])
    return (bottom + top) / 2


# --------------------------------------------------------------------------- what the overlay says


def header_lines(proof: Proof, reply: tuple[str, float], page: Page) -> tuple[tuple[str, float], ...]:
    """The three lines above the running head, each with its font size (made to fit): whom the proof is for,
    the talk, and `reply` (whom to send corrections to by when, the same on every proof)."""
    first = f"PROOF for {proof.names} \u00b7 booklet {page_label(proof.pages)}"
    if proof.kind == "poster":
        second = f"{_what(proof)} {proof.entry}: {proof.title}"
    else:
        second = f"{_what(proof)}: " + (" \u00b7 ".join(x for x in (proof.day, proof.time, proof.room) if x)
                                       or "not in the programme")
    width, sizes = _header_width(page), _header_sizes(page)
    return (_fit(first, _HEADER_FONTS[0], sizes[0], width), _fit(second, _HEADER_FONTS[1], sizes[1], width), reply)


def reply_line(contact: str | None, reply_by: dt.date | None, page: Page) -> tuple[str, float]:
    """'Corrections by <date> to <contact>; please check ...', with its font size (made to fit)."""
    text = (f"Corrections{f' by {reply_by:%A} {reply_by.day} {reply_by:%B %Y}' if reply_by else ''} "
            f"to {markup.plain(contact) if contact else 'the organisers'}; "
            "please check names, affiliations, formulas, day and time.")
    return _fit(text, _HEADER_FONTS[2], _header_sizes(page)[2], _header_width(page))


_HEADER_FONTS = (SANS + "-Bold", SANS, SANS)


def overlay_text(proof: Proof, page: Page) -> list[str]:
    """Every line of text the overlay draws on each page of `proof`, in drawing order: the mark, then the header."""
    return [band_text(page), *(line for line, _ in proof.header)]


def _what(proof: Proof) -> str:
    if proof.kind == "poster":
        return "Poster" if "," not in proof.entry else "Posters"
    return "Your tutorial" if proof.kind == "tutorial" else "Your talk"


def page_label(pages: tuple[int, ...]) -> str:
    """'page 12', 'pages 12–13', 'pages 61, 64–65'."""
    text = ", ".join(f"{a}\u2013{b}" if a != b else str(a) for a, b in _runs(pages))
    return ("page " if len(pages) == 1 else "pages ") + text


def _runs(pages: tuple[int, ...]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for page in pages:
        if runs and page == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], page)
        else:
            runs.append((page, page))
    return runs


def _header_sizes(page: Page) -> tuple[float, float, float]:
    size = min(page.base_size * 0.8, _strip_height(page) / 3.6)
    return size, size * 0.9, size * 0.9


def _strip_height(page: Page) -> float:
    """From the top of the page down to just above the running head."""
    head_baseline = page.height - page.top + 5 * mm + 1
    return page.height - (head_baseline + page.base_size * 0.75 + 2.5)


def _band_width(page: Page) -> float:
    return min(7 * mm, page.margin * 0.45)


def _header_width(page: Page) -> float:
    return page.text_width


def _fit(text: str, font: str, size: float, width: float, smallest: float = 5.0) -> tuple[str, float]:
    """`text` at `size`, made smaller (not below `smallest`) and then cut short with '…' to fit `width`.

    Characters that no booklet font can show are left out (as the booklet does).
    """
    longest = int(width / (smallest * 0.2))  # no glyph is narrower than that: more could never show
    cut = len(text) > longest
    runs = _font_runs(text[:longest], font)
    text = "".join(run for _, run in runs)
    natural = _runs_width(runs, size)
    if natural <= width and not cut:
        return text, size
    fitted = max(smallest, size * width / natural * 0.999)
    if natural * fitted / size <= width and not cut:
        return text, fitted
    room = width - stringWidth("\u2026", font, fitted)
    low, high = 0, len(text)  # the longest prefix that fits: text[:low] fits, text[:high + 1] does not
    while low < high:
        middle = (low + high + 1) // 2
        if _runs_width(_font_runs(text[:middle], font), fitted) <= room:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "\u2026", fitted


def _runs_width(runs: list[tuple[str, str]], size: float) -> float:
    return sum(stringWidth(run, name, size) for name, run in runs)


def _font_runs(text: str, font: str) -> list[tuple[str, str]]:
    """(font, text) runs: characters the sans font lacks go to the booklet's fallback fonts (or are left out)."""
    if all(font_for_char(ch) == "" for ch in set(text)):
        return [(font, text)] if text else []
    runs: list[tuple[str, str]] = []
    for ch in text:
        fallback = font_for_char(ch)
        if fallback is None:
            continue
        name = fallback or font
        if runs and runs[-1][0] == name:
            runs[-1] = (name, runs[-1][1] + ch)
        else:
            runs.append((name, ch))
    return runs


# --------------------------------------------------------------------------- drawing the overlay


POINTER = "pointer"
REPLY = "reply"


def draw_overlays(proofs: list[Proof], page: Page, media: tuple[float, float],
                  trim: tuple[float, float, float, float], reply: tuple[str, float]) -> bytes:
    """The overlay forms, in a PDF in memory: the band for right- and left-hand pages, the reply line, the
    pointer, and each proof's first two header lines (`header_form(n)` for `proofs[n]`).

    Its one page draws every form (so that a reader of the PDF finds them all).
    """
    from reportlab.pdfgen.canvas import Canvas

    register_fonts()
    rl_config.useA85 = 0  # as for the booklet: binary streams
    buffer = io.BytesIO()
    canv = Canvas(buffer, pagesize=media, invariant=1, pageCompression=1, initialFontName=SANS)
    for recto in (True, False):
        canv.beginForm(band_form(recto))
        _draw_band(canv, page, trim, recto)
        canv.endForm()
    canv.beginForm(REPLY)
    _draw_header(canv, page, trim, (reply,), first_line=2)
    canv.endForm()
    canv.beginForm(POINTER, -4 * mm, -2 * mm, 1, 2 * mm)
    _draw_pointer(canv)
    canv.endForm()
    for number, proof in enumerate(proofs):
        canv.beginForm(header_form(number))
        _draw_header(canv, page, trim, proof.header[:2])
        canv.endForm()
    for name in [band_form(True), band_form(False), REPLY, POINTER] + [header_form(n) for n in range(len(proofs))]:
        canv.doForm(name)
    canv.showPage()
    canv.save()
    return buffer.getvalue()


def overlay_forms(proof_number: int, page_number: int, page: Page, trim, pointers=()) -> list[Placed]:
    """What goes on booklet page `page_number` of the `proof_number`-th proof: the band, the header (its own two
    lines, then the reply line), and a pointer at each height in `pointers`."""
    from .pagecopy import Placed

    x = trim[0] + page.margin - 1.5 * mm
    return [Placed(band_form(page_number % 2 == 1)), Placed(header_form(proof_number)), Placed(REPLY),
            *(Placed(POINTER, x, y) for y in pointers)]


def band_form(recto: bool) -> str:
    return "band-" + ("recto" if recto else "verso")


def header_form(number: int) -> str:
    return f"header-{number}"


def _draw_header(canv: Canvas, page: Page, trim: tuple[float, float, float, float],
                 lines: tuple[tuple[str, float], ...], first_line: int = 0) -> None:
    """Header lines `first_line`, `first_line` + 1, ... of the strip above the running head."""
    x0, _, _, y1 = trim
    sizes = _header_sizes(page)
    y = y1 - _strip_height(page) * 0.12 - sum(size * 1.25 for size in sizes[:first_line])
    canv.setFillColor(INK)
    for (line, size), font, natural in zip(lines, _HEADER_FONTS[first_line:], sizes[first_line:]):
        y -= natural * 1.15
        _draw_line(canv, x0 + page.margin, y, line, font, size)
        y -= natural * 0.1


def _draw_band(canv: Canvas, page: Page, trim: tuple[float, float, float, float], recto: bool) -> None:
    """The tinted strip above the running head, and the red band with the mark down the outer edge."""
    x0, y0, x1, y1 = trim
    band = _band_width(page)
    band_x = x1 - band if recto else x0
    strip = _strip_height(page)
    canv.setFillColor(STRIP_COLOR)
    canv.rect(x0 if recto else x0 + band, y1 - strip, x1 - x0 - band, strip, stroke=0, fill=1)
    canv.setFillColor(MARK_COLOR)
    canv.rect(band_x, y0, band, y1 - y0, stroke=0, fill=1)
    _draw_band_text(canv, band_x, band, y0, y1, recto, band_text(page))


def _draw_pointer(canv: Canvas) -> None:
    """A small red triangle pointing right, its tip at (0, 0)."""
    canv.setFillColor(MARK_COLOR)
    path = canv.beginPath()
    path.moveTo(0, 0)
    path.lineTo(-3 * mm, 1.6 * mm)
    path.lineTo(-3 * mm, -1.6 * mm)
    path.close()
    canv.drawPath(path, stroke=0, fill=1)


def band_text(page: Page) -> str:
    """The mark, repeated along the height of the page."""
    size = _band_size(page)
    unit = MARK + "   \u00b7   "
    count = max(1, int((page.height - 2 * size) // stringWidth(unit, SANS + "-Bold", size)))
    return (unit * count).rstrip(" \u00b7")


def _band_size(page: Page) -> float:
    return _band_width(page) * 0.5


def _draw_band_text(canv: Canvas, band_x: float, band: float, y0: float, y1: float, recto: bool, text: str) -> None:
    """The mark in white along the band, reading down on a right-hand page and up on a left-hand one."""
    size = band * 0.5
    canv.saveState()
    canv.setFillColor(WHITE)
    canv.setFont(SANS + "-Bold", size)
    middle = band_x + band / 2
    if recto:
        canv.translate(middle - size * 0.36, (y0 + y1) / 2)
        canv.rotate(-90)
    else:
        canv.translate(middle + size * 0.36, (y0 + y1) / 2)
        canv.rotate(90)
    canv.drawCentredString(0, 0, text)
    canv.restoreState()


def _draw_line(canv: Canvas, x: float, y: float, text: str, font: str, size: float) -> None:
    runs = _font_runs(text, font)
    for number, (name, run) in enumerate(runs):
        canv.setFont(name, size)
        canv.drawString(x, y, run)
        if number + 1 < len(runs):
            x += stringWidth(run, name, size)


def _page_boxes(pdf: bytes) -> tuple[tuple[float, float], tuple[float, float, float, float]]:
    """The booklet's media size and trim box (those of its first page: every page has the same)."""
    from pypdf import PdfReader

    first = PdfReader(io.BytesIO(pdf)).pages[0]
    media, trim = first.mediabox, first.trimbox
    return (float(media.width), float(media.height)), (float(trim.left), float(trim.bottom),
                                                       float(trim.right), float(trim.top))


# --------------------------------------------------------------------------- manifest, warnings, PNGs


def manifest_text(proofs: tuple[Proof, ...] | list[Proof]) -> str:
    """The manifest as CSV text: a header row, then one row per proof (names and emails joined by '; ')."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(MANIFEST_COLUMNS)
    for p in proofs:
        pages = ", ".join(f"{a}-{b}" if a != b else str(a) for a, b in _runs(p.pages))
        names = "; ".join(markup.plain(person.name) for person in p.people)
        writer.writerow([p.id, p.kind, names, "; ".join(p.emails), p.file, pages, p.day, p.time, p.room])
    return out.getvalue()


def missing_emails(proofs: list[Proof]) -> list[Problem]:
    """A warning for each proof that nobody can be mailed."""
    problems = []
    for p in proofs:
        if p.emails:
            continue
        source = p.source or Source("", 0, "")
        what = {"abstract": "abstract", "tutorial": "tutorial", "poster": "poster"}[p.kind]
        problems.append(Problem(source.file, source.line, source.key,
                                f"no email for {p.names} ({what} '{p.entry}'): send {p.file} another way",
                                "warning", "no-email"))
    return problems


def render_pngs(pdf: bytes, path: Path) -> list[Path]:
    """A PNG of each page of the proof `pdf`, beside `path`: NAME-1.png, NAME-2.png, ..."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    written = []
    try:
        for index in range(len(document)):
            page = document[index]
            image = page.render(scale=PNG_SCALE).to_pil()
            target = path.with_name(f"{path.stem}-{index + 1}.png")
            image.save(target, compress_level=1)
            written.append(target)
            page.close()
    finally:
        document.close()
    return written


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


def _write_atomically(path: Path, data) -> None:
    """`data` (bytes, or a list of byte strings) into `path`, replacing it only once completely written."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.writelines([data] if isinstance(data, bytes) else data)
        os.chmod(temp, 0o666 & ~_umask())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
