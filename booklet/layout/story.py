"""The Booklet model -> the whole story of flowables, section after section, with its contents entries.

The sections are theme.yaml's `sections`, in its order (a section left out is not printed, nor
listed in the contents or the outline). With `abstracts: {placement: by-day}` the programme is set
day by day, each day's programme followed by that day's abstracts, tutorials and posters; the
abstracts not in the programme come after the last day, and the Tutorials and Posters sections
keep only what belongs to no day.
"""

from __future__ import annotations

from reportlab.platypus import PageBreak

from ..model import Booklet
from ..printing.binding import ByBinding, Fixed
from .abstracts import build_abstracts, build_day_abstracts
from .backmatter import BlankPage, build_back_cover, build_practical, has_practical
from .common import Context, day_key, posters_day_key
from .cover import build_cover
from .flowables import height_needed, made
from .frontmatter import build_committees, build_contents
from .glance import build_glance, glance_spread, has_glance
from .index import build_index, has_index
from .page import Page
from .participants import build_participants, listed
from .posters import build_day_posters, build_posters
from .daypages import DayBreak
from .programme import build_programme, build_programme_day, day_break, day_title, follows
from .extras import build_extra_page, extra_key, extra_title, pages_after
from .sponsors import build_sponsors, has_sponsors
from .tutorials import build_day_tutorials, build_tutorials, section_tutorials


def build_story(booklet: Booklet, page: Page, pad_to: Fixed | ByBinding = ByBinding(),
                known_people: dict | None = None, index_links: bool = True) -> list:
    """Cover, contents, sections, Notes pages up to a multiple of `pad_to` pages (Fixed: a number; ByBinding: as
    the binding asks, 4 for a saddle-stitched book, 2 for a perfect-bound one), back cover.

    `known_people`: where each person is named, as a pass before this one found (the index of authors
    lists it when it comes before those pages; see build.learn_people); `index_links`: whether the index's
    page numbers are links (not while the pages are being learnt).

    Layout finds no problems of its own: every warning about the data, the images' resolution
    included, comes from lint (see booklet.check), so `check` reports what `build` does."""
    ctx = Context(booklet, page)
    ctx.known_people, ctx.index_links = known_people, index_links
    return [flowable for _, make in story_pieces(ctx, pad_to) for flowable in made(make())]


def story_pieces(ctx: Context, pad_to: Fixed | ByBinding = ByBinding()) -> list[tuple[str, object]]:
    """The story in pieces, in order, each (name, a function making its flowables): "front" (cover,
    contents), each section of ctx.sections with the extra pages after it (each starts with a PageBreak,
    or is empty), "end" (the last extra pages, Notes pages, back cover). A piece is made only when asked
    for (output.parallel makes some pieces in one process, some in another); it may hold Laters (an
    abstract on pages of its own), which flowables.made makes."""

    def section(name: str) -> list:
        story = []
        for part in section_parts(ctx, name):
            if part:  # (one opening with a DayBreak, a short day by day, follows what is before it when it fits)
                story += part if isinstance(part[0], DayBreak) else [PageBreak(), *part]
        return story + _extra_pages(ctx, name)

    pieces = [("front", lambda: _front(ctx))]
    pieces += [(name, lambda name=name: section(name)) for name in ctx.sections]
    return pieces + [("end", lambda: _extra_pages(ctx, None) + build_back_cover(ctx, pad_to))]


def _front(ctx: Context) -> list:
    """The cover, the contents and the extra pages after it. When the glance is a spread that would open on the right-
    hand page 3, after a contents of one page, the contents starts on page 3, a right-hand page, as a book's does,
    the inside of the cover (page 2) left blank (BlankPage: no page number): the spread then opens on page 4, facing
    page 5. (A blank page 3 between the contents and the glance, or the ruled Notes page that stood there, reads as a
    page missing or one from the back of the book: a typographer's review of 36C3's and GMTH 2023's booklets.)"""
    cover = build_cover(ctx)
    entries = contents_entries(ctx)  # (none: a booklet of the cover alone has no contents page, an empty heading)
    contents = build_contents(ctx, entries, contents_entries(ctx, each_tutorial=False)) if entries else []
    verso = [BlankPage(), PageBreak()] if _contents_on_recto(ctx, contents) else []
    return cover + verso + contents + _extra_pages(ctx, "contents")


def _contents_on_recto(ctx: Context, contents: list) -> bool:
    """Whether the glance, a spread, is the first thing after `contents` (build_contents' flowables), which take one
    page: no extra page after the contents, and no section before the glance's that prints anything (listed in the
    contents) or has an extra page after it."""
    if "glance" not in ctx.sections or pages_after(ctx, "contents"):
        return False
    before = ctx.sections[:ctx.sections.index("glance")]
    if any(pages_after(ctx, name) for name in before):
        return False
    entries = contents_entries(ctx, each_tutorial=False)
    if not entries or entries[0][2] != "glance" or not glance_spread(ctx):
        return False
    text = ctx.page.text_height
    return height_needed(contents[1:], ctx.page.text_width, text) <= text


def _extra_pages(ctx: Context, after: str | None) -> list:
    """The extra pages (a venue map) that follow section `after` ("contents"; None: the end), each a page."""
    story = []
    for index, page in pages_after(ctx, after):
        story += [PageBreak(), *build_extra_page(ctx, index, page)]
    return story


def _extra_entries(ctx: Context, after: str | None) -> list[tuple[int, str, str]]:
    return [(0, extra_title(ctx, page), extra_key(index)) for index, page in pages_after(ctx, after) if page.title]


def section_parts(ctx: Context, name: str) -> list[list]:
    """A section's flowables, in parts that each start a new page, but a part that opens with a DayBreak (abstracts
    by day: a short day's programme, see _days) (with Laters: see flowables.made)."""
    if name == "committees":
        return [build_committees(ctx)]
    if name == "programme":
        return _days(ctx) if ctx.by_day else [build_programme(ctx)]
    if name == "abstracts":
        return [] if ctx.by_day else [build_abstracts(ctx)]  # by day: with the programme
    if name == "tutorials":
        return [build_tutorials(ctx)]
    if name == "posters":
        return [build_posters(ctx)]
    if name == "practical":
        return [build_practical(ctx)]
    if name == "glance":
        return [build_glance(ctx)]
    if name == "participants":
        return [build_participants(ctx)]
    if name == "sponsors":
        return [build_sponsors(ctx)]
    if name == "index":
        return [build_index(ctx)]
    raise ValueError(f"unknown section {name!r}")


def _days(ctx: Context) -> list[list]:
    """Abstracts by day: each day's programme, abstracts, tutorials and posters; then the abstracts
    not in the programme. Each opens a page, but a short day's programme (a dinner, an arrival evening), or one
    right after a short day's programme (see programme.day_break), which follows the day before's last page (its
    programme, or its last abstract, tutorial or list of posters) when it fits below it whole, as a short day does in
    the programme after the abstracts; its abstracts open the next page."""
    parts = []
    groups = dict(ctx.abstract_groups()) if ctx.has("abstracts") else {}
    for index, day in enumerate(ctx.booklet.days):
        title = day_title(day, ctx.booklet.conference.language)
        block = build_programme_day(ctx, index, day, level=0, section=ctx.label("programme"))
        last = next((part[-1] for part in reversed(parts) if part), None)  # (the day before's programme when none
        before = day_break(ctx, block, last) if index else None  # of its abstracts, tutorials or posters follow it)
        if index:
            follows(last, before)
        parts.append([before, block] if isinstance(before, DayBreak) else [block])
        if groups.get(index):
            parts.append(build_day_abstracts(ctx, index, groups[index]))
        if ctx.has("tutorials"):
            parts += [build_day_tutorials(ctx, index, tutorials, title)
                      for tutorials in [ctx.tutorials_of(index)] if tutorials]
        if ctx.has("posters"):
            parts.append(build_day_posters(ctx, index, title))
    parts.append(build_abstracts(ctx))
    return parts


def contents_entries(ctx: Context, each_tutorial: bool = True) -> list[tuple[int, str, str]]:
    """(level, title, anchor key) for each section the booklet has, in the order it has them; `each_tutorial`: each
    tutorial under the tutorials' section too."""
    b = ctx.booklet
    entries = _extra_entries(ctx, "contents")
    for name in ctx.sections:
        if name == "committees" and b.conference.committees:
            entries.append((0, ctx.label("committees"), "committees"))
        elif name == "glance" and has_glance(b):
            entries.append((0, ctx.label("glance"), "glance"))
        elif name == "programme" and b.days and ctx.by_day:
            entries += _day_entries(ctx)
        elif name == "programme" and b.days:
            entries.append((0, ctx.label("programme"), "programme"))
            entries += [(1, day_title(day, b.conference.language), day_key(i)) for i, day in enumerate(b.days)]
        elif name == "abstracts" and b.abstracts and not ctx.by_day:
            entries.append((0, ctx.label("abstracts"), "abstracts"))
        elif name == "tutorials" and (tutorials := section_tutorials(ctx)):
            entries.append((0, ctx.label("tutorials"), "tutorials"))
            entries += [(1, _tutorial_entry(ctx, t), ctx.tutorial_key(t)) for t in tutorials] if each_tutorial else []
        elif name == "posters" and ctx.has("posters") and ctx.posters_of(None):
            entries.append((0, ctx.label("posters"), "posters"))
        elif name == "practical" and has_practical(b.conference):
            entries.append((0, ctx.label("practical"), "practical"))
        elif name == "participants" and listed(b):
            entries.append((0, ctx.label("participants"), "participants"))
        elif name == "sponsors" and has_sponsors(b):
            entries.append((0, ctx.label("sponsors"), "sponsors"))
        elif name == "index" and has_index(ctx):
            entries.append((0, ctx.label("index"), "index"))
        entries += _extra_entries(ctx, name)
    return entries + _extra_entries(ctx, None)


def _day_entries(ctx: Context) -> list[tuple[int, str, str]]:
    """Abstracts by day: each day, with its abstracts, tutorials and posters below it; then the
    abstracts not in the programme."""
    entries = []
    groups = dict(ctx.abstract_groups()) if ctx.has("abstracts") else {}
    for index, day in enumerate(ctx.booklet.days):
        entries.append((0, day_title(day, ctx.booklet.conference.language), day_key(index)))
        if groups.get(index):
            entries.append((1, ctx.label("abstracts"), f"abstracts-day-{index}"))
        if ctx.has("tutorials"):
            entries += [(1, _tutorial_entry(ctx, t), ctx.tutorial_key(t)) for t in ctx.tutorials_of(index)]
        if ctx.has("posters") and ctx.posters_of(index):
            entries.append((1, ctx.label("posters"), posters_day_key(index)))
    if groups.get(None):  # (under its own name, as in the outline: the section's name alone read as a day's again)
        entries += [(0, ctx.label("abstracts"), "abstracts"), (1, ctx.label("not_in_programme"), "abstracts-day-None")]
    return entries


def _tutorial_entry(ctx: Context, tutorial) -> str:
    """As the data writes it: the contents page makes it markup once (plain text would have its math read twice);
    numbered as its label is (Context.tutorial_number)."""
    return f"{ctx.tutorial_number(tutorial)}. {tutorial.title}"
