"""A data folder and the page it is built on -> the Booklet and every warning about it.

One code path for `booklet check` and `booklet build`: check reports exactly what build prints
before it lays the booklet out (image resolution included, from the layout's geometry), and
neither finds anything the other does not.
"""

from __future__ import annotations

import time
from pathlib import Path

from .cache import built
from .cache.disk import uncollected
from .data.theme import font_set
from .layout.page import Page, page_for
from .model import Booklet
from .problems import Problem
from .text.fonts import use_fonts


def check_folder(data_dir: Path, page: Page | str = "A5", elsewhere: bool = False) -> tuple[Booklet, list[Problem]]:
    """The folder's Booklet and its warnings (validation's and lint's, grouped by kind) at `page`
    (a Page, or a page size name for no bleed); DataError when the data has errors. `elsewhere`: as for read."""
    started = time.time_ns()
    booklet, warnings = read(data_dir, elsewhere)
    return booklet, linted(booklet, warnings, data_dir, page, started)


def read(data_dir: Path, elsewhere: bool = False) -> tuple[Booklet, list[Problem]]:
    """The folder's Booklet and reading's warnings (read_booklet), without the cyclic garbage collector.
    `elsewhere`: part of it may be read in a forked process (read_booklet), for a caller that may fork."""
    from .data.validate import read_booklet  # here: a build of data read before (read_again) needs none of it
    from .text.fonts import forget_replaced

    forget_replaced()  # (a font file replaced since this process parsed it is checked as it is now)
    with uncollected(to_the_end=True):  # a third of a cold check of 2,000 talks was collecting, for few cycles
        return read_booklet(Path(data_dir), elsewhere)


def read_again(data_dir: Path, before) -> tuple[Booklet, list[Problem]] | None:
    """What read() gave the last build of the folder (a copy), when that build read the very data there is now
    (`before`: cache.built.inputs, taken before anything is read; see cache.built.read_of), with the theme's fonts
    set as reading sets them; None when there is none (the disk cache off, another build's, data since edited)."""
    kept = built.read_of(before, Path(data_dir))
    if kept is not None:
        use_fonts(font_set(kept[0].theme))  # the text is measured in the theme's fonts
    return kept


def linted(booklet: Booklet, warnings: list[Problem], data_dir: Path, page: Page | str = "A5",
           started: int | None = None, read: str | None = None, alike: str | None = None) -> list[Problem]:
    """The warnings of check_folder: reading's `warnings` and lint's, grouped by kind (`booklet build --jobs`
    lints while the workers lay the booklet out). `started`: when reading `booklet` began (time.time_ns()); `read`,
    `alike`: the key of the data read, and of data read before that it reads as (see lint.again.lint_again)."""
    from .lint import grouped  # here: a build of data linted before (cache.built.warnings_of) needs none of it
    from .lint.again import lint_again

    page = page_for(page) if isinstance(page, str) else page
    with uncollected():  # (the last lint's findings taken where an edit to abstracts' texts or titles cannot
        # change them)
        return [p for _, _, group in grouped(warnings + lint_again(booklet, page, Path(data_dir), started, read,
                                                                      alike))
                for p in group]
