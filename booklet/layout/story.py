"""The Booklet model -> the whole story of flowables, section after section, with its contents entries."""

from __future__ import annotations

from reportlab.platypus import PageBreak

from ..text import markup
from ..model import Booklet
from .abstracts import build_abstracts
from .backmatter import build_back_cover, build_practical, has_practical
from .common import Context, day_key
from .cover import build_cover
from .frontmatter import build_committees, build_contents
from .page import Page
from .posters import build_posters
from .programme import build_programme, day_title
from .tutorials import build_tutorials


def build_story(booklet: Booklet, page: Page, pad_to: int = 4) -> list:
    """Cover, contents, sections, Notes pages up to a multiple of `pad_to` pages, back cover.

    Layout finds no problems of its own: every warning about the data, the images' resolution
    included, comes from lint (see booklet.check), so `check` reports what `build` does."""
    ctx = Context(booklet, page)
    sections = [
        build_committees(ctx),
        build_programme(ctx),
        build_abstracts(ctx),
        build_tutorials(ctx),
        build_posters(ctx),
        build_practical(ctx),
    ]
    story = build_cover(ctx) + build_contents(ctx, contents_entries(ctx))
    for section in sections:
        if section:
            story += [PageBreak(), *section]
    return story + build_back_cover(ctx, pad_to)


def contents_entries(ctx: Context) -> list[tuple[int, str, str]]:
    """(level, title, anchor key) for each section the booklet has."""
    b = ctx.booklet
    entries = []
    if b.conference.committees:
        entries.append((0, ctx.label("committees"), "committees"))
    if b.days:
        entries.append((0, ctx.label("programme"), "programme"))
        entries += [(1, day_title(day, b.conference.language), day_key(i)) for i, day in enumerate(b.days)]
    if b.abstracts:
        entries.append((0, ctx.label("abstracts"), "abstracts"))
    if b.tutorials:
        entries.append((0, ctx.label("tutorials"), "tutorials"))
        entries += [(1, f"{t.number}. {markup.plain(t.title)}", ctx.tutorial_key(t)) for t in b.tutorials]
    if b.posters:
        entries.append((0, ctx.label("posters"), "posters"))
    if has_practical(b.conference):
        entries.append((0, ctx.label("practical"), "practical"))
    return entries
