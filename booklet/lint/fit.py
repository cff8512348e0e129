"""Abstracts laid out as on their page -> warnings for those too long for one page, by how many lines.

With one abstract per page (theme `abstracts: {layout: page}`) such an abstract takes a second page.
With flowing abstracts any abstract may run over a page break, which costs nothing: the warning is
kept only for an abstract longer than a whole page (it can never be read on one page), and says so."""

from __future__ import annotations

import io
import math
from functools import lru_cache

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from ..layout.flowables import height_needed
from ..model import Abstract, Booklet, Source
from ..problems import Problem
from ..text import markup
from ..text.fonts import when_fonts_change
from .mentions import join

# Of a line's width, how much text surely fills it (word breaks, bold and math take the rest).
ROOM_PER_LINE = 0.75
PHOTO_ROOM = (32 * mm, 36 * mm)  # more than a speaker's photo takes beside the header (width, height)
RULE_ROOM = 20.0  # more than the rule under the header takes


def check_lengths(booklet: Booklet, page_size="A5", located=None) -> list[Problem]:
    """`page_size` is a page size name ("A5", "A4", ...) or the layout's Page the build uses."""
    return list(lengths_by_abstract(booklet, page_size, located).values())


def lengths_by_abstract(booklet: Booklet, page_size="A5", located=None, only=None) -> dict[int, Problem]:
    """check_lengths' warnings by the place of their abstract in booklet.abstracts, in that order; of the abstracts at
    the places `only` holds, when given (one abstract's warning does not depend on the others' texts: lint.again)."""
    from ..layout.common import Context
    from ..layout.page import page_for

    if not booklet.abstracts or (only is not None and not only):
        return {}
    page = page_for(page_size) if isinstance(page_size, str) else page_size
    ctx = Context(booklet, page)
    canvas = Canvas(io.BytesIO())
    leading = ctx.styles.text.leading
    problems = {}
    from ..layout.abstracts import (abstract_runs, abstracts_heading, explained_once, keeping_texts,
                                    opening_abstracts)

    opening = opening_abstracts(ctx) if not ctx.flow else set()  # (on a page under the section's name)
    # (whose authors' underlining is explained once, under the section's name: not under them)
    once = {abstract.id for run in abstract_runs(ctx) if explained_once(run) for abstract in run}
    for at, abstract in enumerate(booklet.abstracts):
        if only is not None and at not in only:
            continue
        heading = abstracts_heading(ctx, abstract.id in once) if abstract.id in opening else []
        if not heading and surely_fits(ctx, abstract):
            continue
        with keeping_texts():  # (in a build: for its story, which takes them rather than make them again)
            height, built = _height(ctx, abstract, canvas, heading, abstract.id not in once)
        over = height - page.text_height
        if over > 0.01:
            lines = math.ceil(over / leading - 0.01)
            source = abstract.source or Source("", 0, "")
            if ctx.flow:  # running over a page costs no page: only length tells
                message = (f"abstract '{abstract.id}' is {lines} line{'s' * (lines != 1)} longer than a whole "
                           f"{page.name} page; it can never be read on one page")
            else:
                pages = math.ceil(height / page.text_height - 0.001)  # (about: each page's first line is not set)
                runs = "a second page" if pages <= 2 else f"about {pages} pages"
                message = (f"abstract '{abstract.id}' is {lines} line{'s' * (lines != 1)} too long for one "
                           f"{page.name} page; it runs onto {runs}")
            field = "abstract"
            title_height, title = _title_height(ctx, abstract, built)
            if title_height > page.text_height / 2:  # (a text pasted into `title:` was blamed on the abstract's)
                field = "title"
                message += (f": its title alone takes {title} lines; is the abstract's text, or a second title, in "
                            "`title:`?")
            key = join(source.key, field)  # (at the text's own line, when `located`, data.locate.Lines, has it)
            line = located.line(source.file, key, source.line) if located is not None else source.line
            problems[at] = Problem(source.file, line, key, message, "warning", "too-long")
    return problems


def _title_height(ctx, abstract: Abstract, built: list = ()) -> tuple[float, int]:
    """The height of the abstract's title on its page (layout.abstracts.abstract_title, across the page) and how many
    lines that is, at the title's leading (a title of 17 lines on A5, more than half the page, was measured as 17 lines
    of the text's leading, less than half). `built`: the page as _height measured it, whose title, when it was
    wrapped across the page (no photo beside it), gives its height as it is (a title of 98,000 letters was broken
    into lines again, hyphenated at each, to count them)."""
    from ..layout.abstracts import abstract_title

    title = abstract_title(ctx, abstract)
    width = ctx.page.text_width
    wrapped = next((getattr(flowable, "_wrapped", None) for part in built for flowable in getattr(part, "content", ())
                    if type(flowable) is type(title) and flowable.style is title.style and flowable.text == title.text),
                   None)
    height = wrapped[1][1] if wrapped is not None and wrapped[0] == width else title.wrap(width, 1e9)[1]
    return height, math.ceil(height / title.style.leading - 0.01)


def _height(ctx, abstract: Abstract, canvas, heading: list, explain: bool = True) -> tuple[float, list]:
    """How tall the abstract's page is (run on, as tall as that), and the page as built (build_abstract_page)."""
    from ..layout.abstracts import build_abstract_page

    built = build_abstract_page(ctx, abstract, heading=heading, explain=explain)
    return height_needed(built, ctx.page.text_width, ctx.page.text_height, canvas), built


def surely_fits(ctx, abstract: Abstract) -> bool:
    """A cheap, generous estimate of the page from the text alone, which spares laying out most abstracts."""
    s, page = ctx.styles, ctx.page
    photo = any(p.photo for p in abstract.speakers)
    beside = page.text_width - PHOTO_ROOM[0] if photo else page.text_width
    affiliations = dict.fromkeys(a for p in abstract.authors for a in p.affiliations)
    header = (2 * s.when.leading + s.when.spaceAfter + RULE_ROOM + s.small.leading
              + _estimate(abstract.title, s.title, beside)
              + _estimate(", ".join(p.name for p in abstract.authors), s.person, beside)
              + sum(_estimate(a, s.affiliation, beside) for a in affiliations))
    if photo:
        header = max(header, PHOTO_ROOM[1])
    body = sum(_estimate(p, s.text, page.text_width) for p in markup.source_paragraphs(abstract.text))
    return header + body <= page.text_height


def _estimate(text: str, style, width: float) -> float:
    """More than the height `text` takes in `style` at `width` (its source is longer than what prints)."""
    return _estimated(text, style.fontName, style.fontSize, style.leading, style.spaceBefore, style.spaceAfter,
                      width)


@lru_cache(maxsize=1 << 16)  # each text of a large conference: a lint in a watch measures only what changed
def _estimated(text: str, font: str, size: float, leading: float, before: float, after: float,
               width: float) -> float:
    length = stringWidth(" ".join(text.split()), font, size)
    if not length:
        return 0.0
    return math.ceil(length / (width * ROOM_PER_LINE)) * leading + before + after


when_fonts_change(_estimated.cache_clear)  # BODY and SANS name the theme's fonts
