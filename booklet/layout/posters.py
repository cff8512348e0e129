"""Posters -> the poster list: number, title, authors with affiliations, and the abstract when given;
sorted by number, author or title, under session or topic headings when asked for (theme.yaml)."""

from __future__ import annotations

from functools import partial

from reportlab.pdfbase.pdfmetrics import stringWidth

from ..cache import memory
from ..text import markup
from ..data.fields import Untitled
from ..model import Poster
from .abstracts import author_block, continued, headed_again, when_parts
from .columns import GAP, Columns
from .common import (Context, Slot, kept_whole, poster_groups, poster_slots, posters_day_key,
                     sorted_posters, underlined, underlining_note)
from .flowables import Anchor, DayMark, EndMark, Para, Row, Rule


def build_posters(ctx: Context) -> list:
    """The Posters section: every poster (abstracts by day: those listed with no day)."""
    if not ctx.has("posters"):
        return []
    indices = ctx.posters_of(None)
    if not indices:
        return []
    name = ctx.label("posters")
    return poster_list(ctx, indices, [Anchor("posters", name, 0, section=name)], "posters", 1)


def build_day_posters(ctx: Context, day_index: int, title: str) -> list:
    """Abstracts by day: the posters of one day (`title`), after its abstracts and tutorials."""
    name = ctx.label("posters")
    key = posters_day_key(day_index)
    return poster_list(ctx, ctx.posters_of(day_index), [Anchor(key, name, 1, section=name), DayMark(title)], key, 2,
                       day_index)


def poster_list(ctx: Context, indices: list[int], opening: list, key: str, level: int,
                day_index: int | None = None) -> list:
    """The heading, then the posters in theme.yaml's order, under a heading per session or topic when
    asked for and given (an outline entry each, at `level`: poster_heading); every poster ruled off. `day_index`:
    the day whose posters these are (abstracts by day), else None."""
    posters = ctx.booklet.posters
    if not indices:
        return []
    s = ctx.styles
    story = [*opening, Para(markup.inline(ctx.label("posters")), s.heading)]
    if any(underlined(posters[i].authors) for i in indices):
        story.append(underlining_note(ctx, heading=True))  # (once for the list: no poster's authors say it)
    widest = max(len(str(posters[i].number)) for i in indices)
    number_width = stringWidth("0" * widest, s.session.fontName, s.session.fontSize * 1.3) + 2
    ordered = sorted_posters(posters, indices, ctx.theme.posters_sort, ctx.people, ctx.booklet.conference.language)
    groups = poster_groups(ctx.booklet, ordered, ctx.theme.posters_group_by)
    headed = any(heading is not None for heading, _ in groups)
    slots = poster_slots(ctx.booklet) if any(isinstance(heading, Untitled) for heading, _ in groups) else {}
    entries = []
    kept = entries_key(ctx)
    for number, (heading, members) in enumerate(groups):
        group = []
        if headed:
            parts = poster_heading(ctx, heading, slots.get(members[0]), day_index)
            entries.append(Anchor(f"{key}-group-{number}", " \u00b7 ".join(map(markup.plain, parts)), level))
            # (a line may break between the parts, not inside one, nor before a dot: none starts with it)
            shown = "\u00a0\u00b7 ".join(kept_whole(part) for part in parts) if len(parts) > 1 else parts[0]
            group.append(Para(markup.inline(shown), s.subheading))
        for index in members:
            last = number == len(groups) - 1 and index == members[-1]
            group.append(kept_poster_entry(ctx, posters[index], number_width, poster_key(index), last, kept))
            group.append(EndMark(poster_key(index)))
            group.append(Rule(ctx.colours.hairline, 0.5, 2, between=True))
        if headed and ctx.text_columns == 1:
            # a page the group runs onto opens with its heading again, "(continued)" (a review of a German A5
            # booklet: a poster alone atop a page, its group's name a page back); its heading never ends a page
            entries.append(headed_again(ctx, group, " \u00b7 ".join(parts), s.subheading))
        else:
            entries += group
    if ctx.text_columns > 1:  # in columns, as an abstract's text is (a wide page, or the theme's `columns`)
        return story + [Columns(entries, ctx.text_columns, GAP)]
    return story + entries


def underlining_explained(ctx: Context) -> dict[str, str]:
    """Each poster whose authors underline a presenting one (common.underlined): its link key -> the link key of its
    list, under whose heading what that means is said once (poster_list): the Posters section's, or (abstracts by
    day) its day's. (A poster author's proof copies the pages of their posters alone: when none of them is the
    list's first, the proof's header says it.)"""
    if not ctx.has("posters"):
        return {}
    lists = [(None, "posters")]
    if ctx.by_day:
        lists += [(day_index, posters_day_key(day_index)) for day_index in range(len(ctx.booklet.days))]
    posters = ctx.booklet.posters
    return {poster_key(index): key for day_index, key in lists for index in ctx.posters_of(day_index)
            if underlined(posters[index].authors)}


def poster_heading(ctx: Context, heading: str | None, slot: Slot | None, day_index: int | None) -> list[str]:
    """A group's heading (poster_groups), in parts: its session or topic (None: the label other_posters). A session
    whose name the fonts print nothing of prints the label title_not_printable, as another such one does: followed
    by when and where the programme holds it (`slot`, poster_slots: of the group's posters), as a session's heading
    is by its room ("(title not printable) · Tuesday 15 June · 14:00–16:00 · Foyer"), its day left out in a day's
    list (abstracts by day, `day_index`), so that a reader tells the two apart and finds each in the programme."""
    if heading is None:
        return [ctx.label("other_posters")]
    if not isinstance(heading, Untitled) or slot is None:
        return [heading]
    return [heading, *when_parts(slot, ctx.booklet.conference.language, day=slot.day_index != day_index)]


def poster_key(index: int) -> str:
    """The link key of the poster at `index` in the poster list."""
    return f"poster-{index}"


ENTRIES = "poster entries"  # the build's cache's section of the posters' entries (kept_poster_entry), in memory only


def entries_key(ctx: Context) -> int | None:
    """What a poster's entry (build_poster_entry) reads besides the poster and its place, as a number (BuildCache.
    memory_number): what any text reads (Context.look_key: the language, the theme, the palette, the styles and fonts,
    the page), and people.yaml (who each name is: the person keys its names
    mark); None where the build's cache keeps no entries: none, or one whose values serve no later build in this
    process (a single build's: each entry is made once)."""
    cache = memory.active()
    if cache is None or not (cache.warm and cache.rebuilds):
        return None
    return cache.memory_number((ENTRIES, ctx.look_key(cache), ctx.booklet.people))


def kept_poster_entry(ctx: Context, poster: Poster, number_width: float, key: str, last: bool,
                      kept: int | None) -> Row:
    """build_poster_entry's row, kept in the build's cache (section ENTRIES, in memory) under the poster, its place and
    what else the entry reads (`kept`: entries_key; None: made, not kept), with the people its names marked (Context.
    named), in order, and the keys they had: a warm rebuild after an edit of another poster or an abstract's text
    makes only the entries whose poster changed. A kept entry serves while its people's keys would be the same
    (marks.person_key: who they are, unless another shares their digest): it names them again (the keys of those
    named first here taken as made then), its paragraphs' kept parses are used, and a copy of it, never laid out, is
    the row (Row.unlaid_copy); else it is made again, and kept in its place. Its bytes are a made entry's. A row some
    paragraph of which has no kept parse (unlaid_copy: None) is made every time."""
    cache = memory.active() if kept is not None else None
    if cache is None:
        return build_poster_entry(ctx, poster, number_width, key, last)
    entry_key = (kept, poster, number_width, key, last)
    found = cache.peek(ENTRIES, entry_key)
    if found is not None and _names_again(ctx, *found[:2]):
        cache.touch("layouts", found[2])
        return found[3].unlaid_copy()
    before, ctx.naming = ctx.naming, []
    try:
        row = build_poster_entry(ctx, poster, number_width, key, last)
        named = ctx.naming
    finally:
        ctx.naming = before
    copy = row.unlaid_copy()
    if copy is None:
        return row
    parsed = tuple(("parsed", para._layout_key) for para in (*row.left, *row.body))
    cache.put(ENTRIES, entry_key, (tuple(named), tuple(ctx.person_keys[person] for person in named), parsed, row))
    return copy


def _names_again(ctx: Context, people: tuple, keys: tuple) -> bool:
    """Whether naming `people` (Context.named) now gives each the key in `keys`, as when a kept entry was made; if so,
    they are named (given their keys, as named gives them)."""
    if any(ctx.key_of(person, give=False) != key for person, key in zip(people, keys)):
        return False
    for person in people:
        ctx.key_of(person)
    return True


ALONE = 1 / 4  # of a page: the last poster of a list moves on whole rather than leave less than this of it on a page


def build_poster_entry(ctx: Context, poster: Poster, number_width: float, key: str, last: bool = False) -> Row:
    """A poster's entry: its number, then its title, authors and abstract. `last`: the last of its list, which moves on
    to the next page whole where a split would leave less than ALONE of a page of it alone there, the list's last page
    (Les Houches 2018: poster 15's last four lines on a page of their own before the index)."""
    s = ctx.styles
    number = Para(f'<font size="{s.session.fontSize * 1.3}">{poster.number}</font>', s.session)
    body = [Para(f"<b>{markup.title(poster.title, bold=True)}</b>", s.body)]
    # (the names in the text's weight under the bold title: set bold as the title is, nothing told them apart)
    names = ctx.derived(s.person, f"{s.person.name}_poster", fontName=s.body.fontName)
    body += author_block(ctx, poster.authors, explain_presenting=False, names_style=names,
                         left_out=bool(poster.speakers_left_out))
    heading = len(body)
    if poster.abstract:  # (apart from the affiliations as its paragraphs are from each other)
        body += ctx.paras(poster.abstract, ctx.derived(s.text, f"{s.text.name}_apart", spaceBefore=s.text.spaceAfter))
    # (spaced: the abstract's paragraphs apart, as on an abstract's page; a page may break in the abstract, two
    # lines of it at least before the break and three after it (tail: no two-line tail, the break moved up a line),
    # not in the title or the authors: the entry moves on whole instead)

    again = partial(_continued_heading, poster.number, poster.title, ctx.label("continued"), s.when)
    return Row([number], body, number_width, pad=3, anchor=key, spaced=True, whole=heading, tail=3,
               continued=again, alone=ALONE if last else 0.0)


def _continued_heading(number: int, title: str, label: str, style) -> list:
    """"12 Title (continued)" over a part of a poster's entry on the next page: made only when a part runs on. (Of
    the poster's number and title, the label `continued` and the style alone: a kept entry holds no Context.)"""
    return [Para(f"{number}\u2002" + continued(title, label=label), style)]
