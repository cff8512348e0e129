"""A PDF of single pages -> saddle-stitch printer spreads: two pages per sheet side, in folding order."""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, replace
from pathlib import Path

from pypdf import PageObject, PdfWriter, Transformation, apply_configuration
from pypdf.generic import (ArrayObject, BooleanObject, ByteStringObject, ContentStream, DictionaryObject, FloatObject,
                           NameObject, NumberObject, RectangleObject, TextStringObject)

from ..output.atomic import replacing, swept_beside
from ..problems import listed
from .binding import too_many_to_stitch
from .paper import SHEETS, mm_text, sheet_size
from .pdffile import open_pdf, page_box, reading
from .units import POINTS_PER

MM = POINTS_PER["mm"]
MARK_GAP = 3 * MM  # crop marks start this far outside the trim
MARK_LENGTH = 6 * MM
MARK_ROOM = MARK_GAP + MARK_LENGTH  # what the marks need around the spread
MARK_LINE = 0.25  # points
# the least width and height of a page to print and bind (1 inch: the smallest booklets, A7 or a pocket diary, are
# three times that); a page of 0.001 pt was imposed into spreads without a word
MIN_PAGE = 72.0  # points
Box = tuple[float, float, float, float]
# The document information key that marks a file as imposed (its value says how: see imposition_mark), so that
# preflight counts its pages as sheet sides, not as a booklet's pages.
IMPOSITION_KEY = "/Imposition"
SADDLE_STITCH = "saddle stitch"


@dataclass(frozen=True)
class ImposeResult:
    output: Path
    sheets: int  # physical sheets, each printed on both sides
    sides: int  # pages in the output: 2 per sheet
    blanks_added: int  # blank pages appended to reach a multiple of 4
    sheet: str  # the sheet name as given, e.g. 'A4'
    warnings: tuple[str, ...] = ()  # what the caller should tell (a booklet too thick to saddle-stitch)


@dataclass(frozen=True)
class Spread:
    """Where one sheet side's two pages go: trim size of a page, the sheet, and the spine in the middle."""

    page_width: float
    page_height: float
    sheet_width: float
    sheet_height: float
    bleed: float = 0.0  # kept beyond the trim on the spread's outer edges (the pages' bleed, within the marks' gap)
    spine_width: float = 0.0  # between the two pages: 0 for a folded sheet, the book's thickness for a cover
    mark_gap: float = MARK_GAP  # crop and fold marks start this far outside the trim

    @property
    def spine(self) -> float:
        """The middle of the sheet (of the spine)."""
        return self.sheet_width / 2

    @property
    def spine_edges(self) -> tuple[float, float]:
        """Where the left page's trim ends and the right page's starts (one place for a folded sheet)."""
        return self.spine - self.spine_width / 2, self.spine + self.spine_width / 2

    @property
    def trim(self) -> tuple[float, float, float, float]:
        """The two trim boxes (and the spine between them) together, centred on the sheet."""
        bottom = (self.sheet_height - self.page_height) / 2
        left, right = self.spine_edges
        return (left - self.page_width, bottom, right + self.page_width, bottom + self.page_height)


def saddle_order(pages: int) -> list[tuple[int, int]]:
    """(left, right) 0-based page indices of every sheet side in print order: sheet 0 front, sheet 0 back, ..."""
    if pages % 4:
        raise ValueError(f"saddle stitch needs a multiple of 4 pages, not {pages}")
    sides = []
    for s in range(pages // 4):
        sides.append((pages - 1 - 2 * s, 2 * s))  # front
        sides.append((2 * s + 1, pages - 2 - 2 * s))  # back
    return sides


def creep_shift(sheet_index: int, sheets: int, creep: float) -> float:
    """How far (points) sheet `sheet_index` (0 = outermost) moves its pages' content towards the spine.

    Inner sheets stick out further at the fore-edge once nested, so their content must sit closer to the spine
    than the outer sheets' content: the innermost by (sheets - 1) x creep, the outermost not at all. Each page's
    trim stays at the spine (the content moves inside it, into the gutter's margin), so the spread needs no room
    beyond two pages: an A5 booklet with creep still imposes on A4 (moving the outer sheets' pages outwards, as
    booklet did, needed up to 2 x (sheets - 1) x creep more than the sheet has).
    """
    return sheet_index * creep


def impose(source: Path, output: Path, sheet: str = "A4", crop_marks: bool = False,
           creep: float = 0.0) -> ImposeResult:
    """Write saddle-stitch spreads of `source` to `output` (replaced only when complete).

    ValueError when `output` is `source` (under any name) or the spreads do not fit on `sheet`;
    UnreadablePdf, a ValueError naming `source`, when the input cannot be read.
    """
    source, output = Path(source), Path(output)
    if creep < 0:
        raise ValueError("creep cannot be negative")
    if _same_file(source, output):
        other = "" if os.path.abspath(source) == os.path.abspath(output) else f" ({source} under another name)"
        raise ValueError(f"{output}: the output is the input PDF{other}; write the spreads to another file")
    reader = open_pdf(source)
    with reading(source):
        pages = [prepared(page) for page in reader.pages]
        blanks = -len(pages) % 4
        sheets = (len(pages) + blanks) // 4
        trims = [_upright(page)[1] for page in pages]
        boxes = [(page_box(page, "/TrimBox"), page_box(page, "/MediaBox")) for page in pages]
        bleeds = {id(page): bleed_of(page, MARK_GAP if crop_marks else None) for page in pages}
        version, information = pdf_version(reader), document_information(reader)
    _trims_on_their_pages(source, boxes)
    _not_too_small(source, trims)
    one_size(source, trims)
    if creep:
        _text_inside_the_spine(source, [box for box, _ in boxes], creep, sheets,
                               [page.rotation % 360 for page in pages])
    spread = replace(_spread_for(trims, sheet, crop_marks), bleed=max(bleeds.values(), default=0.0))

    writer = PdfWriter()
    marks = marks_for(spread) if crop_marks else None
    # each page clipped to its trim at the spine and to its bleed on its other three edges (its /ArtBox, in memory)
    with reading(source), apply_configuration(page_merge_box="artbox"):
        for side, order in enumerate(saddle_order(len(pages) + blanks)):
            pair = [pages[i] if i < len(pages) else None for i in order]  # None: a blank added at the end
            add_side(writer, pair, spread, creep_shift(side // 2, sheets, creep), marks, bleeds)
    writer.pdf_header = f"%PDF-{version[0]}.{version[1]}"  # the source's (its pages' soft masks need 1.4, not 1.3)
    if writer._info is not None:
        writer._info.update(information)
    writer.add_metadata({IMPOSITION_KEY: imposition_mark(len(pages) + blanks, sheets, sheet)})
    writer._ID = file_id(source, sheet, crop_marks, creep)  # fixed, so the same input gives the same bytes
    write_atomically(writer, output)
    thick = too_many_to_stitch(len(pages) + blanks)
    return ImposeResult(output, sheets, 2 * sheets, blanks, sheet, (thick,) if thick else ())


def _trims_on_their_pages(source: Path, boxes: list[tuple[Box, Box]]) -> None:
    """ValueError naming the pages whose TrimBox is not inside their MediaBox (`boxes`: each page's two): what lies
    outside the MediaBox is nothing, and a trim beyond it printed blank sheets."""
    from .preflight import contains, page_list

    outside = [number for number, (trim, media) in enumerate(boxes, 1) if not contains(media, trim)]
    if outside:
        many = len(outside) != 1
        raise ValueError(f"{source}: the TrimBox of {page_list(outside)} {'lie' if many else 'lies'} outside "
                         f"{'their' if many else 'its'} MediaBox (the page as cut would be blank); fix the PDF, then "
                         "impose it")


def _not_too_small(source: Path, trims: list[Box]) -> None:
    """ValueError naming the pages whose trim is narrower or lower than MIN_PAGE: no page to print and fold."""
    from .preflight import page_list

    small = [(n, x1 - x0, y1 - y0) for n, (x0, y0, x1, y1) in enumerate(trims, 1)
             if min(x1 - x0, y1 - y0) < MIN_PAGE]
    if small:
        many = len(small) != 1
        _, width, height = small[0]
        size = f"{_length_text(width)} x {_length_text(height)} mm"
        raise ValueError(f"{source}: {page_list([n for n, _, _ in small])} {'are' if many else 'is'} too small to "
                         f"print ({'the first ' if many else ''}{size}): a page to impose is at least "
                         f"{mm_text(MIN_PAGE)} mm (1 inch) each way")


def _length_text(points: float) -> str:
    """mm_text, but a length it rounds to 0 as one under 0.1 ('<0.1'), not as none."""
    return mm_text(points) if points == 0 or round(points / MM, 1) else "<0.1"


def one_size(source: Path, trims: list[Box]) -> None:
    """ValueError naming the pages whose trim (as they are shown: turned by their /Rotate) is not the first page's:
    a saddle-stitched booklet's pages are all one size, and a turned page would be printed sideways."""
    from .preflight import differs, page_list

    sizes = [(x1 - x0, y1 - y0) for x0, y0, x1, y1 in trims]
    first = sizes[0] if sizes else None
    differing = [n for n, size in enumerate(sizes, 1) if differs(size, first)]
    if differing:
        many = len(differing) != 1
        raise ValueError(f"{source}: {page_list(differing)} {'are' if many else 'is'} not the size of "
                         f"page 1 ({mm_text(first[0])} x "
                         f"{mm_text(first[1])} mm; a page turned by /Rotate counts as turned): the pages of a "
                         "booklet are all one size; fix the PDF, then impose it")


def _same_file(source: Path, output: Path) -> bool:
    """Whether `output` is the file `source`: the same path, or the same file by another name (a link)."""
    try:
        return os.path.samefile(source, output)
    except OSError:  # one of them is not there (a missing input is open_pdf's to report)
        return False


def add_side(writer: PdfWriter, pair: list[PageObject | None], spread: Spread, shift: float,
             marks: bytes | None, bleeds: dict[int, float], strip: PageObject | None = None) -> PageObject:
    """One sheet side: the left and right page at the spine, the marks, the spread's boxes; `strip`, when given, a
    page as wide as the spine and as high as the trim and bleed, laid in the spine first (a cover's spine).

    Each page is placed by its trim and clipped to it at the spine and to `bleeds[id(page)]` beyond it on its other
    three edges; call it inside `apply_configuration(page_merge_box="artbox")`, with pages made `prepared`."""
    out = writer.add_blank_page(spread.sheet_width, spread.sheet_height)
    if strip is not None:
        out.merge_transformed_page(strip, Transformation().translate(spread.spine_edges[0],
                                                                     spread.trim[1] - spread.bleed))
    for page, side in zip(pair, ("left", "right")):
        if page is not None:
            placement = _placement(page, spread, side, shift)
            _clip_to_bleed(page, side, bleeds[id(page)])
            out.merge_transformed_page(page, placement)
    if marks:
        _append_content(writer, out, marks)
    _finish_side(out, spread)
    return out


def _text_inside_the_spine(source: Path, trims: list[Box], creep: float, sheets: int, rotations: list[int]) -> None:
    """ValueError when `creep` moves the text of some page past its trim's edge at the spine (where it would be cut
    off or hidden in the fold), naming the pages and the largest creep that keeps every page's text inside. The
    text's place is PDFium's (pypdfium2: the rectangles of each page's text); a page turned upside down is looked at
    the other way round, one turned a quarter is not (impose refuses it among upright pages). Pages with no text, and
    shapes and images (a bleed's colour runs past the trim anyway), are not."""
    import pypdfium2

    count = sheets * 4
    past: list[tuple[int, float]] = []  # (page number, how far past the spine)
    room = float("inf")  # the largest creep that keeps every page's text inside
    document = pypdfium2.PdfDocument(str(source))
    try:
        for index, (trim, rotation) in enumerate(zip(trims, rotations)):
            sheet_index = min(index, count - 1 - index) // 2
            if not sheet_index or rotation not in (0, 180):
                continue
            text = document[index].get_textpage()
            rects = [text.get_rect(i) for i in range(text.count_rects())]
            if not rects:
                continue
            # a right-hand page (1, 3, ...) has the spine at its left edge; a left-hand page at its right edge (as the
            # page is shown: one turned upside down has them the other way round in its own coordinates)
            spine_left = (index % 2 == 0) != (rotation == 180)
            gap = (min(r[0] for r in rects) - trim[0]) if spine_left else (trim[2] - max(r[2] for r in rects))
            room = min(room, max(gap, 0.0) / sheet_index)
            if sheet_index * creep > gap + 0.01:
                past.append((index + 1, sheet_index * creep - gap))
    finally:
        document.close()
    if past:
        numbers = [number for number, _ in past]
        shown = listed([str(number) for number in numbers], 8)
        raise ValueError(
            f"{source}: a creep of {mm_text(creep)} mm per sheet moves the text of page{'s' * (len(past) > 1)} "
            f"{shown} past the spine, by up to {mm_text(max(d for _, d in past))} mm (the innermost of the "
            f"{sheets} sheets moves {mm_text((sheets - 1) * creep)} mm): it would be cut off; at most "
            f"{mm_text(room)} mm per sheet keeps every page's text inside")


def prepared(page: PageObject) -> PageObject:
    """`page` (as read, in memory) without /Annots: printers want no links, and a link would drag its
    target page along; and with its trim box (or the box it defaults to) written corners in order,
    which is how pypdf clips the page to it."""
    if "/Annots" in page:
        del page[NameObject("/Annots")]
    page.trimbox = RectangleObject(page_box(page, "/TrimBox"))
    return page


def _upright(page: PageObject) -> tuple[Transformation, Box]:
    """The transformation that applies the page's /Rotate to its content, and its trim box after it."""
    x0, y0, x1, y1 = page_box(page, "/TrimBox")
    rotation = page.rotation % 360
    if not rotation:
        return Transformation(), (x0, y0, x1, y1)
    turn = Transformation().translate(-(x0 + x1) / 2, -(y0 + y1) / 2).rotate(-rotation)
    corners = [turn.apply_on((x, y)) for x in (x0, x1) for y in (y0, y1)]
    xs, ys = [x for x, _ in corners], [y for _, y in corners]
    return turn, (min(xs), min(ys), max(xs), max(ys))


def _spread_for(boxes: list[Box], sheet: str, crop_marks: bool) -> Spread:
    """The spread geometry for the largest of the pages' trims `boxes`; ValueError when it does not fit `sheet`."""
    width = max(x1 - x0 for x0, _, x1, _ in boxes)
    height = max(y1 - y0 for _, y0, _, y1 in boxes)
    sheet_width, sheet_height = sheet_size(sheet)
    need = _needed(width, height, crop_marks)
    if not _fits(need, (sheet_width, sheet_height)):
        what = "spread with crop marks" if crop_marks else "spread"
        hint = f"use a larger sheet ({_larger_sheets(need)})"
        if crop_marks and _fits(_needed(width, height, False), (sheet_width, sheet_height)):
            hint += " or leave out the crop marks"
        raise ValueError(
            f"a {what} of two {mm_text(width)} x {mm_text(height)} mm pages needs "
            f"{mm_text(need[0])} x {mm_text(need[1])} mm, which does not fit on {sheet} "
            f"({mm_text(sheet_width)} x {mm_text(sheet_height)} mm landscape); {hint}"
        )
    return Spread(width, height, sheet_width, sheet_height)


def _needed(width: float, height: float, crop_marks: bool) -> tuple[float, float]:
    room = MARK_ROOM if crop_marks else 0.0
    return 2 * (width + room), height + 2 * room


def _fits(need: tuple[float, float], sheet: tuple[float, float]) -> bool:
    return need[0] <= sheet[0] + 0.01 and need[1] <= sheet[1] + 0.01


def _larger_sheets(need: tuple[float, float]) -> str:
    fitting = [name for name in SHEETS if _fits(need, sheet_size(name))]
    return "--sheet " + " or ".join(fitting) if fitting else f"none of {', '.join(SHEETS)} is large enough"


def _placement(page: PageObject, spread: Spread, side: str, shift: float) -> Transformation:
    """Move `page` so its trim meets the spine on `side`, centred vertically, its content `shift` nearer the spine
    (creep): the page's trim box, which clips it, is moved the other way first, so it lands at the spine."""
    upright, (x0, y0, x1, y1) = _upright(page)
    bottom = (spread.sheet_height - (y1 - y0)) / 2
    towards = shift if side == "left" else -shift  # (the spine is right of a left page)
    if shift:
        _move_trim(page, upright, -towards)
    left, right = spread.spine_edges
    dx = (left - x1 if side == "left" else right - x0) + towards
    return upright.translate(dx, bottom - y0)


def bleed_of(page: PageObject, most: float | None) -> float:
    """How far the page's bleed box (or what it defaults to: its crop or media box) reaches past its trim on all its
    edges (the least of the four), at most `most` (where crop marks start), in points."""
    tx0, ty0, tx1, ty1 = page_box(page, "/TrimBox")
    bx0, by0, bx1, by1 = page_box(page, "/BleedBox")
    reach = max(0.0, min(tx0 - bx0, ty0 - by0, bx1 - tx1, by1 - ty1))
    return min(reach, most) if most is not None else reach


def _clip_to_bleed(page: PageObject, side: str, bleed: float) -> None:
    """Set the page's /ArtBox (in memory), which clips it on the sheet: its trim (as placed, moved by creep) at the
    spine, and `bleed` beyond it on the other three edges, as a printer trims a spread (a review: the cover's band
    image stopped at the trim on the head and fore-edge, leaving the guillotine nothing to spare)."""
    upright, (x0, y0, x1, y1) = _upright(page)
    left, right = (bleed, 0.0) if side == "left" else (0.0, bleed)
    shown = (x0 - left, y0 - bleed, x1 + right, y1 + bleed)
    rotation = page.rotation % 360
    if rotation:  # back to the page's own coordinates: the inverse of _upright's turn
        tx0, ty0, tx1, ty1 = page_box(page, "/TrimBox")
        back = Transformation().rotate(rotation).translate((tx0 + tx1) / 2, (ty0 + ty1) / 2)
        corners = [back.apply_on((x, y)) for x in (shown[0], shown[2]) for y in (shown[1], shown[3])]
        shown = (min(x for x, _ in corners), min(y for _, y in corners),
                 max(x for x, _ in corners), max(y for _, y in corners))
    page.artbox = RectangleObject(shown)


def _move_trim(page: PageObject, upright: Transformation, dx: float) -> None:
    """Move the page's trim box by `dx` points along the page as it is shown (after its /Rotate)."""
    x0, y0, x1, y1 = page_box(page, "/TrimBox")
    ox, oy = upright.apply_on((0, 0))
    ux, uy = upright.apply_on((1, 0))
    vx, vy = upright.apply_on((0, 1))
    # the page's own direction that points along the shown x axis (its content turned by /Rotate)
    det = (ux - ox) * (vy - oy) - (vx - ox) * (uy - oy)
    ax, ay = ((vy - oy) * dx / det, -(uy - oy) * dx / det)
    page.trimbox = RectangleObject((x0 + ax, y0 + ay, x1 + ax, y1 + ay))


def marks_for(spread: Spread) -> bytes:
    """Crop marks at the spread's four outer corners and fold marks at the spine (at both its edges when it has a
    width), all outside the trim, from `spread.mark_gap` out."""
    x0, y0, x1, y1 = spread.trim
    gap, reach = spread.mark_gap, spread.mark_gap + MARK_LENGTH
    lines = []
    for x, dx in ((x0, -1), (x1, 1)):
        for y, dy in ((y0, -1), (y1, 1)):
            lines.append((x + dx * gap, y, x + dx * reach, y))
            lines.append((x, y + dy * gap, x, y + dy * reach))
    folds = sorted(set(spread.spine_edges))
    fold = [line for x in folds for line in ((x, y1 + gap, x, y1 + reach), (x, y0 - gap, x, y0 - reach))]
    ops = [b"q", b"%g w 1 1 1 1 K [] 0 d" % MARK_LINE]
    ops += [b"%.3f %.3f m %.3f %.3f l S" % line for line in lines]
    ops += [b"[2 2] 0 d"]  # fold marks dashed, as is usual
    ops += [b"%.3f %.3f m %.3f %.3f l S" % line for line in fold]
    ops += [b"Q"]
    return b"\n".join(ops)


def _append_content(writer: PdfWriter, page: PageObject, data: bytes) -> None:
    current = page.get_contents()
    stream = ContentStream(None, writer)
    stream.set_data((current.get_data() if current is not None else b"") + b"\n" + data + b"\n")
    page.replace_contents(stream)


def _finish_side(page: PageObject, spread: Spread) -> None:
    """Trim and bleed boxes of the spread (its bleed on the outer edges, within the sheet), no links, compressed."""
    x0, y0, x1, y1 = spread.trim
    b = spread.bleed
    page.trimbox = RectangleObject(spread.trim)
    page.bleedbox = RectangleObject((max(0.0, x0 - b), max(0.0, y0 - b), min(spread.sheet_width, x1 + b),
                                     min(spread.sheet_height, y1 + b)))
    if "/Annots" in page:
        del page[NameObject("/Annots")]
    page.compress_content_streams()


def pdf_version(reader) -> tuple[int, int]:
    """The PDF version of the source: the later of its header's and its catalogue's /Version (which a file
    updated in place may raise it by); never below the 1.3 pypdf writes."""
    found = [(1, 3)]
    for text in (reader.pdf_header, str(reader.trailer["/Root"].get("/Version", ""))):
        number = re.search(r"(\d)\.(\d)", text)
        if number:
            found.append((int(number[1]), int(number[2])))
    return max(found)


def document_information(reader) -> dict:
    """The source's document information (Title, Author, Subject, Keywords, Creator, dates, Trapped ...) for the
    imposed file: its text, name (/Trapped /True) and number values, as they are; not its /Producer (pypdf, which
    writes the imposed file, is) nor anything else (a dictionary or stream would bring objects of the source)."""
    info = reader.trailer.get("/Info")
    info = info.get_object() if info is not None else None
    if not isinstance(info, DictionaryObject):
        return {}
    found = {}
    for key, value in info.items():
        value = value.get_object()
        if key != "/Producer" and isinstance(value, (TextStringObject, ByteStringObject, NameObject, NumberObject,
                                                     FloatObject, BooleanObject)):
            found[NameObject(key)] = value.clone(None) if hasattr(value, "clone") else value
    return found


def imposition_mark(pages: int, sheets: int, sheet: str) -> str:
    """The imposed file's mark (IMPOSITION_KEY), e.g. 'saddle stitch: 76 pages on 19 sheets of A4, both sides'."""
    return f"{SADDLE_STITCH}: {pages} pages on {sheets} sheet{'s' * (sheets != 1)} of {sheet}, both sides"


def file_id(source: Path, sheet: str, crop_marks: bool, creep: float) -> ArrayObject:
    """A /ID derived from the input and the options: the same job always gets the same bytes."""
    digest = hashlib.md5(source.read_bytes(), usedforsecurity=False)
    digest.update(f"{sheet}|{crop_marks}|{creep:.6f}".encode())
    value = ByteStringObject(digest.digest())
    return ArrayObject([value, value])


def write_atomically(writer: PdfWriter, output: Path) -> None:
    swept_beside(output)  # (what an impose killed outright while it wrote `output` left beside it, an hour on)
    with replacing(output) as temp, open(temp, "wb") as file:
        writer.write(file)
