"""A whole booklet PDF -> the text block and the cover (front, inside front, inside back, back) as two files."""

from __future__ import annotations

from pathlib import Path

from ..output.atomic import together

COVER_PAGES = 4


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
            _write_pages(reader, indexes, files.temp(target))


def _write_pages(reader, indexes: list[int], path: Path) -> None:
    """The pages at `indexes` into `path`, without links (a print file needs none), each labelled with its number
    in the booklet (/PageLabels: a viewer, and preflight, call the text block's first page 3, not 1)."""
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
    writer.add_metadata({k: v for k, v in (reader.metadata or {}).items() if isinstance(v, str)})
    with open(path, "wb") as stream:
        writer.write(stream)
