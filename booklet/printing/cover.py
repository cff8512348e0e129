"""A whole booklet PDF -> the text block and the cover (front, inside front, inside back, back) as two files."""

from __future__ import annotations

import io
from pathlib import Path

from ..output.atomic import together
from .binding import COVER_PAGES
from .paper import MM, mm_text

# Each file of a book printed in two says what it is (its document information), so that preflight judges the
# book's binding on all its pages, not on the file's: 'text block: pages 3-74 of a booklet of 76 pages, its cover
# (pages 1, 2, 75, 76) in a file of its own'; 'cover: pages 1, 2, 75, 76 of a booklet of 76 pages, its text block in
# a file of its own'; a perfect-bound text block names its cover spread's spine: '..., its cover a spread with a
# 3.6 mm spine in a file of its own'.
PART_KEY = "/BookletPart"
TEXT_BLOCK, COVER = "text block", "cover"


def split_cover(source: Path, text_block: Path, cover: Path) -> None:
    """Write pages 1, 2, N-1, N of `source` to `cover` and the rest to `text_block`; both or neither."""
    from pypdf import PdfReader

    reader = PdfReader(str(source))
    count = len(reader.pages)
    if count < COVER_PAGES + 1:
        raise ValueError(f"a separate cover needs more than {COVER_PAGES} pages; the booklet has {count}")
    cover_indexes = [0, 1, count - 2, count - 1]
    text_indexes = list(range(2, count - 2))
    with together() as files:  # renamed into place only when both are written; a failure undoes both
        for indexes, target in ((text_indexes, text_block), (cover_indexes, cover)):
            _write_pages(reader, indexes, files.temp(target), part_mark(target == cover, count))


PERFECT_BINDING = "perfect binding cover"  # the cover spread's mark (impose.IMPOSITION_KEY): preflight counts sides


def spread_cover(source: Path, text_block: Path, cover: Path, spine: float, strip: bytes | None = None,
                 crop_marks: bool = False) -> None:
    """Write pages 3 to N-2 of `source` to `text_block`, and the cover of a perfect-bound book to `cover` as two
    spreads: the outside (back | spine | front: pages N, 1) and the inside (inside front | spine | inside back: pages
    2, N-1); both files or neither.

    Each spread's TrimBox is the whole cover (two pages and the spine, `spine` points wide), its BleedBox the pages'
    bleed beyond it, its MediaBox the bleed, or room for crop marks and fold marks at the spine's two edges with
    `crop_marks`. The pages are placed and clipped as `booklet impose` places them (trimmed at the spine, their bleed
    kept on the other edges); `strip`, a one-page PDF as wide as the spine and as high as a page with its bleed, is
    laid in the outside's spine (the inside's stays blank, for the glue). ValueError when the spine is negative or
    the source has no text block between its cover pages."""
    from pypdf import PdfReader, PdfWriter, apply_configuration

    from .impose import (IMPOSITION_KEY, MARK_GAP, MARK_LENGTH, Spread, add_side, bleed_of, document_information,
                         file_id, marks_for, one_size, pdf_version, prepared)
    from .pdffile import open_pdf, page_box, reading

    source = Path(source)
    if not spine >= 0:
        raise ValueError(f"the spine cannot be negative ({mm_text(spine)} mm)")
    reader = open_pdf(source)
    count = len(reader.pages)  # (open_pdf has read the pages)
    if count < COVER_PAGES + 1:
        raise ValueError(f"{source}: a cover spread needs the four cover pages and a text block between them; "
                         f"the booklet has {count} page{'s' * (count != 1)}")
    with reading(source):
        # back, front (outside); inside front, inside back (inside): each pair as it lies, left and right
        pages = [prepared(reader.pages[i]) for i in (count - 1, 0, 1, count - 2)]
        trims = [page_box(page, "/TrimBox") for page in pages]
        bleed = min(bleed_of(page, None) for page in pages)
        version, information = pdf_version(reader), document_information(reader)
    one_size(source, trims)
    width, height = trims[0][2] - trims[0][0], trims[0][3] - trims[0][1]
    gap = max(MARK_GAP, bleed + 2 * MM)  # the marks where the booklet's own start: clear of the bleed
    room = gap + MARK_LENGTH if crop_marks else bleed
    spread = Spread(width, height, 2 * (width + room) + spine, height + 2 * room, bleed, spine, gap)
    marks = marks_for(spread) if crop_marks else None
    bleeds = {id(page): bleed for page in pages}
    strip_page = PdfReader(io.BytesIO(strip)).pages[0] if strip else None

    writer = PdfWriter()
    with reading(source), apply_configuration(page_merge_box="artbox"):
        add_side(writer, pages[:2], spread, 0.0, marks, bleeds, strip_page)
        add_side(writer, pages[2:], spread, 0.0, marks, bleeds)
    writer.pdf_header = f"%PDF-{version[0]}.{version[1]}"
    if writer._info is not None:
        writer._info.update(information)
    writer.add_metadata({IMPOSITION_KEY: spread_mark(spine, count)})
    writer._ID = file_id(source, f"cover {spine:.4f}", crop_marks, 0.0)  # the same job, the same bytes
    with together() as files:  # renamed into place only when both are written; a failure undoes both
        _write_pages(PdfReader(str(source)), list(range(2, count - 2)), files.temp(text_block),
                     part_mark(False, count, spine))
        with open(files.temp(cover), "wb") as stream:
            writer.write(stream)


def spread_mark(spine: float, pages: int) -> str:
    """The cover spread's mark: 'perfect binding cover: back, 41.6 mm spine, front (a booklet of 836 pages), outside
    and inside'."""
    return (f"{PERFECT_BINDING}: back, {mm_text(spine)} mm spine, front (a booklet of {pages} pages), "
            "outside and inside")


def part_mark(cover: bool, pages: int, spine: float | None = None) -> str:
    """The mark (PART_KEY) of the cover's file (`cover`) or the text block's, of a booklet of `pages` pages, whose
    cover is a spread with a `spine` (points) wide when given."""
    covers = f"pages 1, 2, {pages - 1}, {pages}"
    if cover:
        return f"{COVER}: {covers} of a booklet of {pages} pages, its {TEXT_BLOCK} in a file of its own"
    where = f"a spread with a {mm_text(spine)} mm spine" if spine is not None else f"({covers})"
    return f"{TEXT_BLOCK}: pages 3-{pages - 2} of a booklet of {pages} pages, its cover {where} in a file of its own"


def _write_pages(reader, indexes: list[int], path: Path, mark: str) -> None:
    """The pages at `indexes` into `path`, marked as the book's part `mark` says, without links (a print file needs
    none), each labelled with its number in the booklet (/PageLabels: a viewer, and preflight, call the text block's
    first page 3, not 1)."""
    from pypdf import PdfWriter
    from pypdf.constants import PageLabelStyle

    writer = PdfWriter()
    for index in indexes:
        page = writer.add_page(reader.pages[index])
        if "/Annots" in page:
            del page["/Annots"]
    start = 0
    for end in range(1, len(indexes) + 1):  # a label range for each run of consecutive pages
        if end == len(indexes) or indexes[end] != indexes[end - 1] + 1:
            writer.set_page_label(start, end - 1, PageLabelStyle.DECIMAL, start=indexes[start] + 1)
            start = end
    writer.add_metadata({**{k: v for k, v in (reader.metadata or {}).items() if isinstance(v, str)}, PART_KEY: mark})
    with open(path, "wb") as stream:
        writer.write(stream)
