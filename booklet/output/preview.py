"""A conference data folder and a page list ("1,4-6") -> PNG images of those booklet pages, for a quick look or an email.

The booklet is built as `booklet build` builds it (same pages, same page numbers, Notes pages
included) but without bleed, so each image shows the page as it will be cut; the PDF goes to a
temporary folder that is removed again. Each page becomes `page-NNN.png`, named by its booklet
page number zero-padded to the width of the page count.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .atomic import swept_beside_each
from .pngs import PNG_SCALE, write_pngs, written_here
from ..problems import Problem

DEFAULT_DPI = round(72 * PNG_SCALE)  # 144, as the proofs' PNGs


class PageListError(ValueError):
    """A --pages list that is malformed, or that names pages the booklet does not have."""


@dataclass(frozen=True)
class PageList:
    """Page ranges as asked for: (first, last), last None for "to the end"; the whole booklet when empty."""

    ranges: tuple[tuple[int, int | None], ...] = ()

    def pages(self, count: int) -> tuple[int, ...]:
        """The 1-based page numbers asked for, in order, each once; PageListError past page `count`."""
        if not self.ranges:
            return tuple(range(1, count + 1))
        for first, last in self.ranges:
            beyond = max(first, last or first)
            if beyond > count:
                raise PageListError(f"page {beyond} is past the end (the booklet has {count} "
                                    f"page{'s' * (count != 1)})")
        return tuple(sorted({page for first, last in self.ranges for page in range(first, (last or count) + 1)}))


_ITEM = re.compile(r"(\d+)(?:\s*-\s*(\d*))?")


def parse_pages(text: str | None) -> PageList:
    """'1,4-6' -> PageList; '10-' is page 10 to the end; None (no --pages) is every page. PageListError when
    malformed, or blank (an empty variable in a script: not every page of a big booklet unasked)."""
    if text is None:
        return PageList()
    if not text.strip():
        raise PageListError("no pages given (write e.g. 1,4-6 or 10-; leave --pages out for every page)")
    ranges = []
    for item in text.split(","):
        match = _ITEM.fullmatch(item.strip())
        if not match:
            what = f"'{item.strip()}' is" if item.strip() else "an empty item between commas is"
            raise PageListError(f"{what} not a page number or a range (write e.g. 1,4-6 or 10-)")
        first = int(match.group(1))
        last = None if match.group(2) == "" else int(match.group(2) or first)
        if first < 1:
            raise PageListError("pages are numbered from 1")
        if last is not None and last < first:
            raise PageListError(f"'{item.strip()}' runs backwards (write {last}-{first})")
        ranges.append((first, last))
    return PageList(tuple(ranges))


def pages_text(pages: tuple[int, ...]) -> str:
    """(1, 4, 5, 6) -> '1, 4-6': sorted pages in the --pages syntax."""
    runs: list[list[int]] = []
    for page in pages:
        if runs and page == runs[-1][1] + 1:
            runs[-1][1] = page
        else:
            runs.append([page, page])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in runs)


@dataclass(frozen=True)
class PreviewResult:
    files: tuple[Path, ...]  # in page order
    pages: tuple[int, ...]  # the 1-based booklet pages they show
    page_count: int  # pages in the booklet
    warnings: list[Problem]  # as `booklet build` gives them
    removed: tuple[Path, ...] = ()  # page PNGs of an earlier, longer booklet, removed


def page_name(page: int, count: int) -> str:
    """Page 4 of 68 -> 'page-04.png'."""
    return f"page-{page:0{len(str(count))}d}.png"


_PAGE_PNG = re.compile(r"page-\d+\.png")


def write_preview(data_dir: Path, out_dir: Path, pages: PageList | str | None = None, *,
                  page_size: str = "A5", dpi: float = DEFAULT_DPI) -> PreviewResult:
    """PNGs of `pages` (all by default) of the booklet of `data_dir` into `out_dir` (made when missing).

    DataError on bad data and PageListError on a bad page list, with nothing written either way; Refused, with
    nothing written, when a PNG would replace a file the data names (an image: build.refuse_inputs).
    When every page is rendered, page PNGs left in `out_dir` by an earlier build that are not
    pages of this one (a longer booklet, another zero-padding) are removed: only PNGs booklet wrote
    (pngs.written_here), never a file the data names.
    """
    from ..build import PrintOptions, build_booklet, input_named, named_inputs, refuse_inputs

    page_list = pages if isinstance(pages, PageList) else parse_pages(pages)  # malformed: fail before building
    options = PrintOptions(page_size=page_size, bleed=0.0)
    out_dir = Path(out_dir)
    with tempfile.TemporaryDirectory(prefix="booklet-preview-") as folder:
        built = build_booklet(Path(data_dir), Path(folder) / "booklet.pdf", options=options)
        chosen = page_list.pages(built.pages)
        named = named_inputs(built.booklet)
        refuse_inputs([out_dir / page_name(page, built.pages) for page in chosen], Path(data_dir), named)
        out_dir.mkdir(parents=True, exist_ok=True)
        # (the temporary files a preview killed outright while it wrote these PNGs left, an hour on: swept_beside)
        swept_beside_each([out_dir / page_name(page, built.pages) for page in chosen])
        files = write_pngs(built.output, lambda index: out_dir / page_name(index + 1, built.pages),
                           [page - 1 for page in chosen], scale=dpi / 72)
    removed: list[Path] = []
    if not page_list.ranges:
        keep = {path.name for path in files}
        for entry in sorted(os.scandir(out_dir), key=lambda e: e.name):
            if (_PAGE_PNG.fullmatch(entry.name) and entry.name not in keep and entry.is_file()
                    and written_here(Path(entry.path)) and input_named(Path(entry.path), Path(data_dir), named) is None):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return PreviewResult(tuple(files), chosen, built.pages, built.warnings, tuple(removed))
