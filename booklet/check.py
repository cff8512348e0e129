"""A data folder and the page it is built on -> the Booklet and every warning about it.

One code path for `booklet check` and `booklet build`: check reports exactly what build prints
before it lays the booklet out (image resolution included, from the layout's geometry), and
neither finds anything the other does not.
"""

from __future__ import annotations

import gc
from pathlib import Path

from .data.validate import read_booklet
from .layout.page import Page, page_for
from .lint import grouped, lint
from .model import Booklet
from .problems import Problem


def check_folder(data_dir: Path, page: Page | str = "A5") -> tuple[Booklet, list[Problem]]:
    """The folder's Booklet and its warnings (validation's and lint's, grouped by kind) at `page`
    (a Page, or a page size name for no bleed); DataError when the data has errors."""
    page = page_for(page) if isinstance(page, str) else page
    data_dir = Path(data_dir)
    collecting = gc.isenabled()
    gc.disable()  # reading makes many objects that live on and few cycles: collecting meanwhile only costs time
    try:            # (a third of a cold check of 2,000 talks and 5,000 posters; the peak memory is the same)
        booklet, warnings = read_booklet(data_dir)
        return booklet, [p for _, _, group in grouped(warnings + lint(booklet, page, data_dir)) for p in group]
    finally:
        if collecting:
            gc.enable()
