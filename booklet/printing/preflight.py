"""Any PDF -> a preflight report: facts about it and every fault that keeps it from going to print."""

from __future__ import annotations

import io
import re
import zlib
from collections import defaultdict
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from pypdf import PageObject

from .binding import (COVER_PAGES, SADDLE_STITCH_MOST, binding_fact, part_binding_fact, perfect_bound,
                      saddle_stitched)
from .cover import COVER, PART_KEY, PERFECT_BINDING, TEXT_BLOCK
from .impose import IMPOSITION_KEY, SADDLE_STITCH
from .paper import INK_LIMIT, THIN_LINE, line_width_text, mm_text, points_text, size_text
from .pdffile import READING_ERRORS, open_pdf, page_box, reading
from .scan import FOUR_INKS, SMALL_TEXT, PageScan, overlaps, scan_page, thin_widths
from .units import POINTS_PER

MM = POINTS_PER["mm"]
MIN_DPI = 300
DPI_SLACK = 0.5  # 299.6 dpi rounds to 300: not worth a fault
SAFE_MARGIN = 5 * MM
MARGIN_GROUPS = 4  # distances listed in the fault line; further pages are counted
Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class PreflightReport:
    path: Path
    facts: list[str]  # 'Pages: 68 (a multiple of 4)', 'Trim size: 148 x 210 mm (A5)', ...
    faults: list[str]  # one short line each, naming the page(s)

    @property
    def fit(self) -> bool:
        return not self.faults


_LABELS: ContextVar[list[str] | None] = ContextVar("labels", default=None)  # the file's pages' labels (see preflight)


def preflight(path: Path, cmyk: bool = False, safe_margin: float = SAFE_MARGIN,
              ink_limit: int = INK_LIMIT) -> PreflightReport:
    """Check the PDF at `path` for print; UnreadablePdf (a ValueError naming it) when it cannot be read. Pages are
    named by their labels where the file labels them otherwise than 1, 2, 3 (see page_list). With `cmyk`, RGB is a
    fault, and so is total ink (C + M + Y + K, per cent) above `ink_limit` in an image or a colour."""
    reader = open_pdf(Path(path))
    with reading(Path(path)):
        labels = list(reader.page_labels) if "/PageLabels" in reader.trailer["/Root"] else None
        imposed = _imposition(reader)
        part = None if imposed else _part(reader, len(reader.pages))
        token = _LABELS.set(labels)
        try:
            pages = list(reader.pages)
            cache: dict = {}
            scans = [scan_page(page, cache) for page in pages]
            inks = _image_inks(reader, scans) if cmyk else {}
            facts = [_count_fact(pages, imposed, part), *_binding_fact(pages, imposed, part), _size_fact(pages),
                     _bleed_fact(pages),
                     _font_fact(scans), _image_fact(scans), _colour_fact(reader, scans), *_spot_facts(scans),
                     _transparency_fact(scans),
                     *([_ink_fact(pages, scans, inks, ink_limit)] if cmyk else [])]
            faults = [
                *_count_faults(pages, imposed, part),
                *_part_faults(part),
                *_box_faults(pages),
                *_font_faults(scans),
                *_image_faults(scans),
                *(_colour_faults(scans) if cmyk else []),
                *(_spot_faults(scans) if cmyk else []),
                *(_four_ink_text_faults(pages, scans) if cmyk else []),
                *(_ink_faults(pages, scans, inks, ink_limit) if cmyk else []),
                *_margin_faults(pages, scans, safe_margin),
                *_line_faults(pages, scans),
            ]
        finally:
            _LABELS.reset(token)
    return PreflightReport(Path(path), facts, faults)


def page_list(numbers: list[int]) -> str:
    """'page 3' or 'pages 1-4, 7' for 1-based page numbers; in a file whose pages are labelled otherwise (a text
    block printed apart from its cover starts at page 3), by their labels, the file's numbers in brackets:
    'page 14 (the file's page 12)', 'pages 3-74 (the file's pages 1-72)'."""
    numbers = sorted(set(numbers))
    labels = _LABELS.get()
    if labels is None or all(n > len(labels) or labels[n - 1] == str(n) for n in numbers):
        return _runs(numbers)
    shown = [labels[n - 1] if n <= len(labels) else str(n) for n in numbers]
    if all(label.isdigit() for label in shown) and len({int(label) - n for label, n in zip(shown, numbers)}) == 1:
        printed = _runs([int(label) for label in shown])  # (one offset: the runs of the one are the other's)
    else:
        printed = ("page " if len(shown) == 1 else "pages ") + ", ".join(shown)
    return f"{printed} (the file's {_runs(numbers)})"


def _runs(numbers: list[int]) -> str:
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    text = ", ".join(str(run[0]) if len(run) == 1 else f"{run[0]}-{run[-1]}" for run in runs)
    return f"page {text}" if len(numbers) == 1 else f"pages {text}"


def _imposition(reader) -> str | None:
    """How the file was imposed, as `booklet impose` marks it ('saddle stitch: 76 pages on 19 sheets of A4, both
    sides'), or None: a file of single pages (or one imposed elsewhere, which preflight cannot tell)."""
    try:
        mark = (reader.metadata or {}).get(IMPOSITION_KEY)
    except READING_ERRORS:  # a damaged information dictionary: no mark (the pages may be fine)
        return None
    return str(mark) if isinstance(mark, str) and mark.startswith((SADDLE_STITCH, PERFECT_BINDING)) else None


@dataclass(frozen=True)
class _Part:
    """A file of a book printed in two, as booklet build marks it (cover.PART_KEY)."""

    mark: str  # 'text block: pages 3-74 of a booklet of 76 pages, its cover (pages 1, 2, 75, 76) in a file of its own'
    kind: str  # cover.TEXT_BLOCK or cover.COVER
    book_pages: int  # the whole book's, cover and text block
    spine: float | None  # points: a perfect-bound text block's, as its cover spread has it


_PART = re.compile(rf"({TEXT_BLOCK}|{COVER}): .* of a booklet of (\d+) pages(?:, its cover a spread with a "
                   r"(\d+(?:\.\d+)?) mm spine)?")


def _part(reader, pages: int) -> _Part | None:
    """Which part of a book the file of `pages` pages is, as booklet build marks it, or None (a whole booklet, or any
    other PDF; a file whose pages are not its mark's: the mark kept by a program that joined the cover back to its
    text block, or added pages)."""
    try:
        mark = (reader.metadata or {}).get(PART_KEY)
    except READING_ERRORS:
        return None
    found = _PART.match(mark) if isinstance(mark, str) else None
    if found is None:
        return None
    spine = float(found[3]) * MM if found[3] else None
    book = int(found[2])
    if pages != (COVER_PAGES if found[1] == COVER else book - COVER_PAGES):
        return None
    return _Part(str(mark), found[1], book, spine)


# facts


def _count_fact(pages: list[PageObject], imposed: str | None, part: _Part | None = None) -> str:
    if part is not None:
        return f"Pages: {len(pages)} (the {part.mark})"
    if imposed and imposed.startswith(PERFECT_BINDING):
        return f"Sheet sides: {len(pages)} (a cover spread made by booklet build --cover spread, {imposed})"
    if imposed:
        return f"Sheet sides: {len(pages)} (imposed by booklet impose, {imposed})"
    count = len(pages)
    if count % 4 and _glued(count, part):
        return f"Pages: {count} (" + ("even, as perfect binding needs; not a multiple of 4)" if count % 2 == 0 else
                                      "odd)")
    return f"Pages: {count} ({'a' if count % 4 == 0 else 'not a'} multiple of 4)"


def _glued(count: int, part: _Part | None) -> bool:
    """Whether the book of the file's `count` pages is perfect-bound (glued), as its binding fact says: a text block
    whose cover is a spread with the spine (booklet build --cover spread), or a book of more pages than saddle stitch
    takes (a whole booklet, or a part of one, judged on all its pages): binding.perfect_bound, by which booklet build
    pads the count."""
    if part is not None:
        return perfect_bound(part.book_pages, cover_spread=part.spine is not None)
    return perfect_bound(count)


def _size_fact(pages: list[PageObject]) -> str:
    first = pages[0]
    if "/TrimBox" in first:
        return f"Trim size: {size_text(*_size(_box(first, '/TrimBox')))}"
    return f"Page size: {size_text(*_size(_box(first, '/MediaBox')))}, no TrimBox"


def _bleed_fact(pages: list[PageObject]) -> str:
    first = pages[0]
    if "/TrimBox" not in first or "/BleedBox" not in first:
        return "Bleed: not marked (no TrimBox/BleedBox)"
    trim, bleed = _box(first, "/TrimBox"), _box(first, "/BleedBox")
    widths = {round(abs(t - b) / MM, 1) for t, b in zip(trim, bleed)}
    if widths == {0}:
        return "Bleed: none"
    return f"Bleed: {mm_text(min(widths) * MM)} mm" if len(widths) == 1 else \
        f"Bleed: {', '.join(f'{w:g}' for w in sorted(widths))} mm (uneven)"


def _binding_fact(pages: list[PageObject], imposed: str | None, part: _Part | None = None) -> list[str]:
    """How a booklet of these pages is bound (none for an imposed file: its sheet sides are no booklet's pages); for
    a file of a book printed in two, how the whole book is."""
    if part is not None:
        return [part_binding_fact(part.kind, part.book_pages, part.spine)]
    return [] if imposed else [binding_fact(len(pages))]


def _font_fact(scans: list[PageScan]) -> str:
    """How many typefaces the file uses, by name: a font embedded as several subsets (ReportLab's 256 characters a
    subset; a face drawn apart on a cover) is one, as a print shop counts them (an RGB build said 11 where its CMYK
    build, the same faces, said 9)."""
    fonts = {key: use for scan in scans for key, use in scan.fonts.items()}
    if not fonts:
        return "Fonts: none used"
    names = {use.name for use in fonts.values()}
    missing = len({use.name for use in fonts.values() if not use.embedded})
    return f"Fonts: {len(names)}, " + ("all embedded" if not missing else f"{missing} not embedded")


def _image_fact(scans: list[PageScan]) -> str:
    images = [image for scan in scans for image in scan.images]
    if not images:
        return "Images: none"
    distinct = len({image.key or id(image) for image in images})
    return f"Images: {distinct}, lowest {round(min(image.dpi for image in images))} dpi"


def _colour_fact(reader, scans: list[PageScan]) -> str:
    """The file's colour spaces, and its output intent (PDF/X's, the printing condition it was made for) or none: a
    print shop converts RGB with its own profile."""
    rgb = any(scan.rgb_colour or any(image.rgb for image in scan.images) for scan in scans)
    cmyk = any(scan.cmyk_colour or any(image.cmyk for image in scan.images) for scan in scans)
    spaces = "RGB and CMYK" if rgb and cmyk else "RGB" if rgb else "CMYK" if cmyk else "grey only"
    intent = _output_intent(reader)
    if intent:
        return f"Colour: {spaces}, output intent {intent}"
    if rgb:
        return (f"Colour: {spaces}, no output intent (not PDF/X): the print shop converts the RGB to CMYK with its "
                "own profile (booklet build --cmyk makes CMYK)")
    return f"Colour: {spaces}, no output intent (not PDF/X)"


def _spots(scans: list[PageScan]) -> str:
    """'PANTONE 185 C (page 76), HKS 43 K (pages 3-4)': each spot colour the file prints with, and its pages."""
    pages: dict[str, list[int]] = defaultdict(list)
    for number, scan in enumerate(scans, 1):
        for name in scan.spots:
            pages[name].append(number)
    return ", ".join(f"{name} ({page_list(numbers)})" for name, numbers in sorted(pages.items()))


def _spot_facts(scans: list[PageScan]) -> list[str]:
    """The spot colours, when the file has any (a map or an advertisement placed as it came): each a printing plate of
    its own, which costs a run of its own, unless the print shop converts it to CMYK."""
    spots = _spots(scans)
    return [f"Spot colours: {spots}: each prints as a plate of its own unless the print shop converts it to CMYK; "
            "ask which"] if spots else []


def _output_intent(reader) -> str | None:
    """The first output intent's condition ('FOGRA39', ...), or None."""
    try:
        intents = reader.trailer["/Root"].get("/OutputIntents")
        if not intents:
            return None
        intent = intents.get_object()[0].get_object()
        for key in ("/OutputConditionIdentifier", "/OutputCondition", "/Info"):
            if intent.get(key):
                return str(intent[key])
        return "(unnamed)"
    except (*READING_ERRORS, IndexError, AttributeError):
        return None


def _transparency_fact(scans: list[PageScan]) -> str:
    pages = [n for n, scan in enumerate(scans, 1) if scan.transparent]
    if not pages:
        return "Transparency: none"
    return (f"Transparency: on {page_list(pages)} (an image with a soft mask, or transparent drawing): the print "
            "shop's RIP flattens it (booklet build --cmyk flattens images on white)")


def _image_inks(reader, scans: list[PageScan]) -> dict[int, int | None]:
    """The most ink (0-1020) of each image (by object number) that can be decoded as CMYK pixels, else None.
    Each image is decoded once (its pixels: the time it takes grows with the images' pixels, a few tenths of a
    second for a page-sized photo at 300 dpi)."""
    most: dict[int, int | None] = {}
    for scan in scans:
        for image in scan.images:
            if image.key and image.key not in most:
                most[image.key] = _most_ink(reader.get_object(image.key))
    return most


def _colour_ink(page: PageObject, scan: PageScan) -> float:
    """The most total ink (0-4) the page's colours put down on the page as printed, its bleed included: crop marks
    beyond it, in registration colour (400 %), are no part of it."""
    printed = _printed_area(page)
    inside = [ink for ink, box in scan.heavy_inks if overlaps(box, printed)]
    return max([scan.ink, *inside])


def _printed_area(page: PageObject, otherwise: str = "/MediaBox") -> Box:
    """The page as printed: its bleed box, or the box `otherwise` when it has none (crop marks and slug beyond it are
    no part of the page)."""
    return page_box(page, "/BleedBox" if "/BleedBox" in page else otherwise)


def _ink_fact(pages: list[PageObject], scans: list[PageScan], inks: dict[int, int | None], limit: int) -> str:
    """'Total ink: up to 296% in images (page 1), 179% in colours; limit 300%'."""
    parts = []
    images = [(ink, n) for n, scan in enumerate(scans, 1) for image in scan.images
              if (ink := inks.get(image.key)) is not None]
    if images:
        most = max(ink for ink, _ in images)
        parts.append(f"{_percent(most / 255, limit)}% in images ({page_list([n for ink, n in images if ink == most])})")
    colours = [(_colour_ink(page, scan), n) for n, (page, scan) in enumerate(zip(pages, scans), 1)
               if scan.cmyk_colour]
    if colours:
        most = max(ink for ink, _ in colours)
        parts.append(f"{_percent(most, limit)}% in colours")
    if not parts:
        return f"Total ink: no CMYK colour or image; limit {limit}%"
    return f"Total ink: up to {', '.join(parts)}; limit {limit}%"


def _percent(share: float, limit: int) -> str:
    """A total ink (1.0 = 100 %) in whole per cent ('296'), or to a tenth where the whole number would hide that it
    passes `limit` ('300.4')."""
    whole = f"{share * 100:.0f}"
    return f"{share * 100:.1f}" if share * 100 > limit >= float(whole) else whole


# faults


def _count_faults(pages: list[PageObject], imposed: str | None, part: _Part | None = None) -> list[str]:
    """A saddle-stitched booklet's pages are folded four to a sheet; a perfect-bound book's (see _glued) are leaves of
    two pages, glued; an imposed file's pages are sheet sides, two to a sheet."""
    count = len(pages)
    if imposed:
        return [] if count % 2 == 0 else [f"Sheet sides: {count} is odd (a sheet printed on both sides has two)."]
    if _glued(count, part):
        return [] if count % 2 == 0 else [
            f"Page count: {count} is odd (perfect binding glues leaves of two pages: add 1 blank page)."]
    if count % 4 == 0:
        return []
    blanks = -count % 4
    return [f"Page count: {count} is not a multiple of 4 "
            f"(saddle stitch needs {count + blanks}: add {blanks} blank page{'s' * (blanks != 1)}; perfect binding, "
            "with the cover spread booklet build --cover spread makes, needs an even count only)."]


def _part_faults(part: _Part | None) -> list[str]:
    """A separate cover of four single pages for a book too thick to saddle-stitch: no perfect binding can use it."""
    if part is None or part.kind != COVER or part.spine is not None or saddle_stitched(part.book_pages):
        return []
    return [f"Cover: four single pages for a booklet of {part.book_pages} pages, more than saddle stitch takes "
            f"({SADDLE_STITCH_MOST}): a perfect-bound book's cover is one spread with the spine (booklet build "
            "--cover spread)."]


def _box_faults(pages: list[PageObject]) -> list[str]:
    faults = []
    for name in ("/TrimBox", "/BleedBox"):
        missing = [n for n, page in enumerate(pages, 1) if name not in page]
        if missing:
            faults.append(f"No {name[1:]}: {page_list(missing)}.")
    trimmed = [n for n, page in enumerate(pages, 1)
               if "/TrimBox" in page and not contains(_box(page, "/MediaBox"), _box(page, "/TrimBox"))]
    if trimmed:  # (the trim is the page as cut: what lies outside the MediaBox is nothing at all)
        faults.append(f"MediaBox does not contain the TrimBox: {page_list(trimmed)}.")
    both = [(n, page) for n, page in enumerate(pages, 1) if "/TrimBox" in page and "/BleedBox" in page]
    outside = [n for n, page in both if not contains(_box(page, "/BleedBox"), _box(page, "/TrimBox"))]
    if outside:
        faults.append(f"BleedBox does not contain the TrimBox: {page_list(outside)}.")
    beyond = [n for n, page in both if not contains(_box(page, "/MediaBox"), _box(page, "/BleedBox"))]
    if beyond:
        faults.append(f"MediaBox does not contain the BleedBox: {page_list(beyond)}.")
    for name, label in (("/TrimBox", "Trim size"), ("/BleedBox", "BleedBox size")):
        faults += _size_faults([(n, _size(_box(page, name))) for n, page in enumerate(pages, 1) if name in page], label)
    if not any("/TrimBox" in page for page in pages):  # (with trim boxes, their sizes are compared above)
        faults += _size_faults([(n, _size(_box(page, "/MediaBox"))) for n, page in enumerate(pages, 1)], "Page size")
    turned = [n for n, page in enumerate(pages, 1) if _rotation(page)]
    if turned:
        faults.append(f"Turned by /Rotate: {page_list(turned)} (printed sideways or upside down in the booklet).")
    return faults


def _rotation(page: PageObject) -> int:
    """The page's /Rotate (inherited too), in degrees from 0 to 270 (0 when it is no number)."""
    try:
        return int(page.rotation) % 360
    except (TypeError, ValueError):
        return 0


def differs(size: tuple[float, float], other: tuple[float, float]) -> bool:
    """Whether two page sizes (points) differ by more than a tenth of a millimetre."""
    return any(abs(a - b) > 0.3 for a, b in zip(size, other))


def _size_faults(sizes: list[tuple[int, tuple[float, float]]], label: str) -> list[str]:
    """Pages whose size differs from the first page's (to a tenth of a millimetre)."""
    if not sizes:
        return []
    first_number, first = sizes[0]
    differing: dict[tuple[float, float], list[int]] = defaultdict(list)
    for number, size in sizes:
        if differs(size, first):
            differing[(round(size[0], 1), round(size[1], 1))].append(number)
    return [f"{label} differs from page {first_number} ({mm_text(first[0])} x {mm_text(first[1])} mm): "
            f"{page_list(numbers)} ({mm_text(size[0])} x {mm_text(size[1])} mm)."
            for size, numbers in differing.items()]


def _font_faults(scans: list[PageScan]) -> list[str]:
    """The fonts not embedded, and those embedded against their licence (OS/2 fsType), with their pages."""
    from ..text.fonts import RESTRICTED

    missing: dict[str, list[int]] = defaultdict(list)
    forbidden: dict[tuple[str, str], list[int]] = defaultdict(list)  # (name, why) -> pages
    for number, scan in enumerate(scans, 1):
        for use in scan.fonts.values():
            if not use.embedded:
                missing[use.name].append(number)
            if use.forbidden:
                forbidden[use.name, use.forbidden].append(number)
    return [*(f"Font not embedded: {name} ({page_list(numbers)})." for name, numbers in sorted(missing.items())),
            *(f"Font embedded against its licence (OpenType fsType: "
              f"{'restricted licence, no embedding' if why == RESTRICTED else why}): {name} ({page_list(numbers)})."
              for (name, why), numbers in sorted(forbidden.items()))]


def _image_faults(scans: list[PageScan]) -> list[str]:
    pages_by_image: dict[tuple, list[int]] = defaultdict(list)
    for number, scan in enumerate(scans, 1):
        for image in scan.images:
            if image.dpi < MIN_DPI - DPI_SLACK:
                pages_by_image[(image.key or ("inline", number), image.pixels, round(image.dpi))].append(number)
    return [f"Image below {MIN_DPI} dpi: {w} x {h} px at {dpi} dpi on {page_list(numbers)}."
            for (_, (w, h), dpi), numbers in sorted(pages_by_image.items(), key=_first_page_then_dpi)]


def _first_page_then_dpi(item) -> tuple[int, int]:
    (_, _, dpi), numbers = item
    return numbers[0], dpi


def _colour_faults(scans: list[PageScan]) -> list[str]:
    faults = []
    colour = [n for n, scan in enumerate(scans, 1) if scan.rgb_colour]
    if colour:
        faults.append(f"RGB colour (CMYK asked): {page_list(colour)}.")
    images = [n for n, scan in enumerate(scans, 1) if any(image.rgb for image in scan.images)]
    if images:
        faults.append(f"RGB image (CMYK asked): {page_list(images)}.")
    return faults


def _spot_faults(scans: list[PageScan]) -> list[str]:
    """A spot colour in a file meant for the four process inks (CMYK asked)."""
    spots = _spots(scans)
    return [f"Spot colour (CMYK asked): {spots}."] if spots else []


def _four_ink_text_faults(pages: list[PageObject], scans: list[PageScan]) -> list[str]:
    """Small text (below SMALL_TEXT as printed) filled in all four inks, rich black, on the page as printed (its
    bleed; a slug's registration-colour text beyond it is not the page's): the four plates never meet exactly, and
    such text prints blurred, with coloured fringes. Print shops ask for small black text in black ink alone."""
    smallest: dict[int, float] = {}
    for number, (page, scan) in enumerate(zip(pages, scans), 1):
        area = _printed_area(page)
        sizes = [size for size, box in scan.four_ink_text if overlaps(box, area)]
        if sizes:
            smallest[number] = min(sizes)
    if not smallest:
        return []
    least = min(smallest.values())
    return [f"Small text in all four inks (rich black: C, M, Y and K each {FOUR_INKS:.0%} or more), below "
            f"{points_text(SMALL_TEXT)} pt: {page_list(list(smallest))} (down to {least:.1f} pt); the four plates "
            "never meet exactly, and such text prints blurred, with coloured fringes: set it in black ink alone "
            "(K 100%)."]


def _ink_faults(pages: list[PageObject], scans: list[PageScan], inks: dict[int, int | None],
                limit: int) -> list[str]:
    """The CMYK images whose total ink (C + M + Y + K) passes `limit` (per cent) somewhere, counted and named by
    their pages; and the pages of colours that do."""
    faults = []
    over = {key: ink for key, ink in inks.items() if ink is not None and ink * 100 / 255 > limit}
    if over:
        where = [n for n, scan in enumerate(scans, 1) if any(image.key in over for image in scan.images)]
        count = f"{len(over)} image{'s' * (len(over) != 1)}"
        faults.append(f"Total ink over {limit}% in {count} (up to {_percent(max(over.values()) / 255, limit)}%): "
                      f"{page_list(where)}.")
    colours = [(n, ink) for n, (page, scan) in enumerate(zip(pages, scans), 1)
               if scan.cmyk_colour and (ink := _colour_ink(page, scan)) * 100 > limit + 1e-6]
    if colours:
        faults.append(f"Total ink over {limit}% in colours (up to {_percent(max(ink for _, ink in colours), limit)}%): "
                      f"{page_list([n for n, _ in colours])}.")
    return faults


def _most_ink(image) -> int | None:
    """The most ink a pixel of the image XObject `image` puts down (C + M + Y + K, 0-1020), when it is an 8-bit
    DeviceCMYK image booklet can decode (raw or Flate pixels, or a JPEG); else None."""
    from PIL import Image, ImageMath

    try:
        if (image.get("/ColorSpace") != "/DeviceCMYK" or image.get("/BitsPerComponent") != 8
                or image.get("/ImageMask")):
            return None
        width, height = int(image["/Width"]), int(image["/Height"])
        filters = image.get("/Filter")
        filters = [filters] if isinstance(filters, str) else list(filters or [])
        data = image.get_data()
        if filters and filters[-1] == "/DCTDecode":
            picture = Image.open(io.BytesIO(data))
            picture.load()
            if picture.mode != "CMYK" or picture.size != (width, height):
                return None
            if "adobe" in picture.info:  # Pillow inverted what an Adobe JPEG holds; the PDF reads the samples as held
                picture = picture.point(lambda v: 255 - v)
        elif set(filters) <= {"/FlateDecode", "/Fl", "/ASCII85Decode", "/A85", "/ASCIIHexDecode", "/AHx",
                              "/LZWDecode", "/LZW", "/RunLengthDecode", "/RL"} and len(data) == width * height * 4:
            picture = Image.frombytes("CMYK", (width, height), data)
        else:
            return None
        decode = image.get("/Decode")
        if decode is not None and [float(v) for v in decode] == [1, 0] * 4:
            picture = picture.point(lambda v: 255 - v)
        inks = picture.split()
        return ImageMath.lambda_eval(lambda a: a["c"] + a["m"] + a["y"] + a["k"],
                                     **dict(zip("cmyk", inks))).getextrema()[1]
    except (*READING_ERRORS, OSError, MemoryError, zlib.error, Image.DecompressionBombError):  # (an image that cannot be
        return None  # decoded: the other checks say what is wrong with it; a programming error is no such image)


def _margin_faults(pages: list[PageObject], scans: list[PageScan], safe_margin: float) -> list[str]:
    pages_by_distance: dict[str, list[int]] = defaultdict(list)  # '2 mm from the trim' -> pages
    closest: dict[str, float] = {}
    for number, (page, scan) in enumerate(zip(pages, scans), 1):
        distance = _closest_text(page_box(page, "/TrimBox"), scan.text_boxes)
        if distance is not None and distance < safe_margin - 0.05 * MM:
            text = _distance_text(distance)
            pages_by_distance[text].append(number)
            closest[text] = min(distance, closest.get(text, distance))
    if not pages_by_distance:
        return []
    return [f"Text inside the {mm_text(safe_margin)} mm safe margin: {_grouped_pages(pages_by_distance, closest)}."]


def _grouped_pages(pages_by: dict[str, list[int]], worst: dict[str, float]) -> str:
    """Pages grouped by what is wrong there ('2 mm from the trim' -> pages), the worst first (`worst`: each group's
    measure, least first), at most MARGIN_GROUPS groups and how many pages more: '3, 5 (1 mm ...); 7 (2 mm ...)'."""
    groups = sorted(pages_by, key=worst.get)
    where = "; ".join(f"{page_list(pages_by[text])} ({text})" for text in groups[:MARGIN_GROUPS])
    if len(groups) > MARGIN_GROUPS:
        rest = sum(len(pages_by[text]) for text in groups[MARGIN_GROUPS:])
        where += f"; {rest} more page{'s' * (rest != 1)}"
    return where


def _line_faults(pages: list[PageObject], scans: list[PageScan]) -> list[str]:
    """Lines stroked thinner than THIN_LINE as printed, on the page (within its bleed, else its trim; crop marks
    beyond them are not the page's): a hairline breaks up or vanishes on the plate, and print shops ask for 0.25 pt
    at least. Grouped by their thinnest width, pages listed as the margin faults list them."""
    pages_by_width: dict[str, list[int]] = defaultdict(list)
    thinnest: dict[str, float] = {}
    for number, (page, scan) in enumerate(zip(pages, scans), 1):
        widths = thin_widths(scan, _printed_area(page, otherwise="/TrimBox"))
        if widths:
            width = min(widths)
            text = line_width_text(width)
            pages_by_width[text].append(number)
            thinnest[text] = min(width, thinnest.get(text, width))
    if not pages_by_width:
        return []
    where = _grouped_pages(pages_by_width, thinnest)
    return [f"Lines thinner than {points_text(THIN_LINE)} pt ({mm_text(THIN_LINE)} mm) as printed: {where}; they "
            "may break up or vanish in print (a map or drawing placed smaller than its own size has its lines "
            "thinned as much): draw them thicker."]


def _closest_text(trim: Box, boxes: list[Box]) -> float | None:
    """The smallest distance (points; negative when it crosses) from a text box inside the trim to the trim.

    Text wholly outside the trim (slug lines, job notes) is left out.
    """
    left, bottom, right, top = trim
    closest = None
    for x0, y0, x1, y1 in boxes:
        if x1 <= left or x0 >= right or y1 <= bottom or y0 >= top:
            continue
        distance = min(x0 - left, right - x1, y0 - bottom, top - y1)
        closest = distance if closest is None else min(closest, distance)
    return closest


def _distance_text(distance: float) -> str:
    return "crosses the trim" if distance < 0 else f"{mm_text(distance)} mm from the trim"


def _box(page: PageObject, name: str) -> Box:
    return page_box(page, name)


def _size(box: Box) -> tuple[float, float]:
    return box[2] - box[0], box[3] - box[1]


def contains(outer: Box, inner: Box, tolerance: float = 0.01) -> bool:
    return (outer[0] <= inner[0] + tolerance and outer[1] <= inner[1] + tolerance
            and outer[2] >= inner[2] - tolerance and outer[3] >= inner[3] - tolerance)
