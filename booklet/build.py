"""A conference data folder -> the booklet PDF: load, validate, lay out, render."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import markup
from .layout.page import PAGE_SIZES, page_for
from .layout.story import build_story
from .problems import Problem
from .render import render_pdf
from .validate import read_booklet


@dataclass(frozen=True)
class BuildResult:
    output: Path
    pages: int
    warnings: list[Problem]
    anchors: dict[str, int]  # link key -> 1-based page: "abstract-3", "tutorial-1", "poster-0", "day-2", ...


def build_booklet(data_dir: Path, output: Path, page_size: str = "A5") -> BuildResult:
    """Build the booklet for `data_dir` into `output`; DataError (and no file touched) on bad data."""
    if page_size not in PAGE_SIZES:
        raise ValueError(f"unknown page size {page_size!r}; choose one of {', '.join(PAGE_SIZES)}")
    booklet, warnings = read_booklet(Path(data_dir))
    page = page_for(page_size)
    conference = booklet.conference
    story = build_story(booklet, page)
    pages, anchors = render_pdf(
        story,
        Path(output),
        page,
        title=markup.plain(conference.title),
        short_title=markup.plain(conference.short_title or conference.title),
        subject=f"Programme and abstracts, {markup.plain(conference.venue)}",
        language=conference.language,
    )
    return BuildResult(Path(output), pages, warnings, anchors)
