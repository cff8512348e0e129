"""A data folder and the page it is built on -> the Booklet and every warning about it.

One code path for `booklet check` and `booklet build`: check reports exactly what build prints
before it lays the booklet out (image resolution included, from the layout's geometry), and
neither finds anything the other does not.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from pathlib import Path

from .data.validate import read_booklet
from .layout.page import Page, page_for
from .lint import grouped, lint
from .model import Booklet
from .problems import Problem


def check_folder(data_dir: Path, page: Page | str = "A5") -> tuple[Booklet, list[Problem]]:
    """The folder's Booklet and its warnings (validation's and lint's, grouped by kind) at `page`
    (a Page, or a page size name for no bleed); DataError when the data has errors."""
    booklet, warnings = read(data_dir)
    return booklet, linted(booklet, warnings, data_dir, page)


def read(data_dir: Path) -> tuple[Booklet, list[Problem]]:
    """The folder's Booklet and reading's warnings (read_booklet), without the cyclic garbage collector."""
    with _uncollected():
        return read_booklet(Path(data_dir))


def linted(booklet: Booklet, warnings: list[Problem], data_dir: Path, page: Page | str = "A5") -> list[Problem]:
    """The warnings of check_folder: reading's `warnings` and lint's, grouped by kind (`booklet build --jobs`
    lints while the workers lay the booklet out)."""
    page = page_for(page) if isinstance(page, str) else page
    with _uncollected():
        return [p for _, _, group in grouped(warnings + lint(booklet, page, Path(data_dir))) for p in group]


@contextmanager
def _uncollected():
    """The cyclic garbage collector paused inside the block: reading and linting make many objects that
    live on and few cycles, so collecting meanwhile only costs time (a third of a cold check of 2,000
    talks and 5,000 posters; the peak memory is the same)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
