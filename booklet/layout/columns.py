"""A run of flowables -> N columns across as many pages as they need, balanced on the last page.

`Columns(flowables, count, gap)` is one flowable for platypus: on each page it fills the first column
to the foot of the frame, then the next, and so on (a paragraph splits between columns as it would
between pages; a flowable with `keepWithNext` never ends a column with something after it; a heading,
never with only one of several entries under it; an entry marked by `keep_with_last`, never with the
last of its group alone in the next), and hands
what is left to the next page. When what is left fits on the page, the columns are balanced: as short
as they can be with the same order (none but the last holding a heading alone, what it heads in the next), so the
last page's columns end at about the same height. When only a
few flowables would go on to a page of their own, the spaces between flowables on this page are set a
little tighter (no tighter than needed, to half at most) to take them, and so are the spaces inside a flowable that
has spaces of its own (`spaced_at`: a letter heading kept with its first names), every step between two names the same.

Made for long lists (the index of authors, the list of participants): `flowables` may be any sequence
(a lazy one that makes each flowable when it is first asked for); each page reads only the flowables
it places (and, on the last page, measures them a few times over to balance), so laying out n entries
takes time in proportion to n. Spaces between flowables are as a frame puts them (the larger of space
after and space before); none at the top of a column.

In a build with a cache that keeps layouts (booklet.cache.memory), the height the last page's columns
were balanced to is kept, keyed by `key` (what the flowables are made of: their markup, styles and
fonts, as the caller states it, see content_key), the geometry of every page before and of this one:
the next build with the same flowables fills the columns once, to that height, instead of searching
for it again. So are each page's columns, as the indexes of the flowables in them with their heights and
spaces (when no flowable was split there): the next build with the same flowables and pages does not fill
them at all, and makes a flowable only to draw it, when the sequence cannot draw it from its index alone
(`replayed_at(index, canvas, x, y, width)`: the index's entries, from the drawing kept in an earlier build).
"""

from __future__ import annotations

import copy
from collections.abc import Sequence

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph

from ..cache import memory
from .flowables import _frame_page, breaks_tail, keeps_tail_with_next, keeps_with_next, line_count, tail_split

GAP = 5 * mm  # between two columns
COLUMN_WIDTH = 50 * mm  # the narrowest a column of names may be: an A5 page holds 2, an A4 or letter page 3

_FUZZ = 1e-6
UNBOUNDED = 1e7  # a height no page has: columns measured with no foot below them
_BALANCE_STEPS = 24  # bisections of the last page's height: to well under a point on any page
TIGHTEST = 0.5  # the spaces between flowables may be set this much tighter to take the last few onto a page ...
_FEW = 4  # ... when no more than this many flowables per column are left for the next page
_TIGHTEN_STEPS = 6  # bisections of how much tighter: to about a hundredth of the spaces
FOOT_LINES = 4  # text in columns at a page's foot holding this many lines or fewer leaves no lead-in there apart
FOOT_ROOM = 15  # from its list (TextColumns.split), in a room of fewer lines than this
HEADED_LINES = 2  # running text: a heading ends a column over a whole paragraph of this many lines or more
NEAR_EMPTY = 3 / 10  # a list's last page holding less than this of a page is set closer away (Columns._closer) ...
# (1/5 until 2026-12-07 left SIGDIAL 2020's A5 index a last page 21 % full, X to Z, 17 lines over two columns, and
# 36C3's A4 list of participants one 25 % full, T to Z: each now ends a page earlier, 7 and 4 % closer)
CLOSEST = 0.9  # ... no closer than this of their leading (an index entry's lines 1.14 times its size apart) ...
CLOSER_REACH = 2  # ... from the page after which no more than this many pages are left, on (from the left-hand page
# of its spread, with one more: facing pages share their leading)
_CLOSER_STEPS = 5  # bisections of how much closer: to under a percent of the leading


def column_count(width: float) -> int:
    """How many columns at least COLUMN_WIDTH wide, GAP apart, a text block `width` wide holds."""
    return max(1, int((width + GAP) // (COLUMN_WIDTH + GAP)))


def in_columns(flowables: Sequence, width: float) -> list[Flowable]:
    """`flowables` set in as many columns as `width` holds (as they are when it holds one)."""
    count = column_count(width)
    return [Columns(flowables, count, GAP, key=content_key(flowables))] if count > 1 else list(flowables)


def closer_style(style: ParagraphStyle, scale: float) -> ParagraphStyle:
    """`style` set closer, its leading and its spaces before and after at `scale`: a list's (the index of authors', the
    list of participants') whose sequence Columns sets closer (its `closer(scale)`: Columns._closer)."""
    return ParagraphStyle(style.name + "_closer", parent=style, leading=style.leading * scale,
                          spaceBefore=style.spaceBefore * scale, spaceAfter=style.spaceAfter * scale)


class MadeWhenAsked(Sequence):
    """A list's flowables (the index's entries, the participants' names), each made when first asked for and kept:
    ten thousand paragraphs are not parsed before the first page is filled, and a list set closer (Columns._closer)
    makes only those from the page it is set closer on. A subclass gives `plan` (an item a flowable), `_made` (a
    dictionary, empty at first) and `_make(index)`."""

    plan: list
    _made: dict

    def _make(self, index: int) -> Flowable:
        raise NotImplementedError

    def __len__(self) -> int:
        return len(self.plan)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[at] for at in range(*index.indices(len(self)))]
        index = range(len(self.plan))[index]  # (IndexError past the end: a sequence's iteration ends there)
        made = self._made.get(index)
        if made is None:
            made = self._made[index] = self._make(index)
        return made


def content_key(flowables: Sequence):
    """What a list of flowables is made of, as a key (see Columns), when each of them says (a method
    `content_key()` that gives a hashable value standing for all its layout depends on, or None); else
    None."""
    keys = []
    for flowable in flowables:
        get = getattr(flowable, "content_key", None)
        key = get() if get is not None else None
        if key is None:
            return None
        keys.append(key)
    return tuple(keys)


class _Cursor:
    """Where the next flowable comes from: parts left over from a split, then the sequence from `index`."""

    def __init__(self, items: Sequence, index: int, pending: list):
        self.items = items
        self.index = index
        self.pending = list(pending)
        self.taken: list[list[int | None]] = []  # _fill: the index in `items` of each flowable of each column

    def peek(self):
        if self.pending:
            return self.pending[0]
        return self.items[self.index] if self.index < len(self.items) else None

    def take(self) -> None:
        if self.pending:
            self.pending.pop(0)
        else:
            self.index += 1

    def give_back(self, flowable) -> None:
        self.pending.insert(0, flowable)

    def ahead(self):
        """The flowables to come, from the next on, without taking them."""
        yield from self.pending
        for index in range(self.index, len(self.items)):
            yield self.items[index]


def _space(previous, flowable, scale: float = 1.0) -> float:
    return 0.0 if previous is None else max(previous.getSpaceAfter(), flowable.getSpaceBefore()) * scale


def spaced_at(flowable, scale: float):
    """`flowable` with the spaces inside it at `scale` of its own, as the spaces between flowables are set on its page
    (Columns._tightened): its `spaced_at(scale)` where it has one (a block of flowables kept together, a letter heading
    and the first names under it: every step between two names on the page the same), else itself."""
    spacing = getattr(flowable, "spaced_at", None)
    return flowable if spacing is None else spacing(scale)


def _put_back(column: list, taken: list, cursor) -> None:
    """The column's last flowable, given back to `cursor` to go on in the next column."""
    flowable, index = column.pop()[0], taken.pop()
    if index is not None and not cursor.pending and cursor.index == index + 1:
        cursor.index = index  # (the same flowable next: items gives it again)
    else:
        cursor.give_back(flowable)


def _headings_on(column: list, taken: list, cursor, width: float, height: float) -> None:
    """The flowables kept with what follows (a heading, "Call to Action:") that end the column, given back to `cursor`
    to go on with what they lead into, when something follows; never when they are all the column holds, nor when
    they, the flowables after them kept with the next too and the first line after those are taller than a column
    `width` wide and `height` tall (a list of 50 items each ending with a colon: the next column is no taller, and
    giving them back set them one a column, a page of two items each, or left a column of the line leading into
    them alone)."""
    kept = 0
    while kept < len(column) and keeps_with_next(column[-1 - kept][0]):
        kept += 1
    if kept == len(column) or cursor.peek() is None or not _fits_a_column(column[-kept:], cursor, width, height):
        return
    for _ in range(kept):
        _put_back(column, taken, cursor)


def _fits_a_column(run: list, cursor, width: float, height: float) -> bool:
    """Whether `run` (a column's last flowables, kept with what follows, each (flowable, height, space above)), the
    flowables next from `cursor` kept with the next too and the first line of the one after them fit a column
    `width` wide and `height` tall."""
    used, previous = sum(h for _, h, _ in run), run[-1][0] if run else None
    for flowable in cursor.ahead():
        used += _space(previous, flowable)
        if used > height + _FUZZ or not keeps_with_next(flowable):
            style = getattr(flowable, "style", None)
            return used + (style.leading if style is not None else _height(flowable, width, height)) <= height + _FUZZ
        used += _height(flowable, width, height)
        previous = flowable
    return used <= height + _FUZZ


def keep_with_last(flowable):
    """`flowable`, the last but one of a group's entries (under a letter, say), kept with the last: no column
    starts with a group's last entry alone. Not a heading: a column may end with it and the entries before it."""
    flowable.keepWithNext = 1
    flowable.keeps_last = True
    return flowable


def _heads(flowable) -> bool:
    """Whether `flowable` keeps with what follows as a heading does (not as keep_with_last keeps an entry, nor as a
    list's first item is kept with the next, its style's `keeps_last`: Context.paras)."""
    return keeps_with_next(flowable) and not getattr(flowable, "keeps_last", False) \
        and not getattr(getattr(flowable, "style", None), "keeps_last", False)


def _alone_before_its_text(columns) -> bool:
    """Whether a column but the last holds nothing but flowables kept with what follows (a heading, "Call to
    Action:"), what follows them heading the next: columns too short to balance to (a column's top keeps such a
    flowable, nothing above it to stay there, and _headings_on keeps a column of nothing else; FOSDEM 2025 on A4, a
    column of "Call to Action:" alone beside its text)."""
    return any(column and all(keeps_with_next(flowable) for flowable, _, _ in column) and following
               for column, following in zip(columns, columns[1:]))


def _height(flowable, width: float, height: float) -> float:
    return flowable.wrap(width, height)[1]


class Columns(Flowable):
    """`flowables` set in `count` columns `gap` apart, page after page; balanced on the last page.

    `rule`, a colour: a hairline between the columns. `key`: a hashable value that stands for all the
    layout of `flowables` depends on (None: the balanced height is not kept). `page_height`: the height of the
    pages (their media's) they are set on, where it is known (see _past_any_page)."""

    def __init__(self, flowables: Sequence, count: int, gap: float, rule=None, *, key=None,
                 page_height: float | None = None, _start: int = 0, _pending: list | None = None, _pages: tuple = ()):
        super().__init__()
        self.items = flowables
        self.count = max(1, int(count))
        self.gap = gap
        self.rule = rule
        self.key = key
        self.page_height = page_height
        self.start = _start
        self.pending = list(_pending or [])
        self.pages = _pages  # (width, height, at top) of each page before, which filled them up to start
        self._laid = None  # (width, height, at top, columns, cursor after them, their spaces' scale) of the last fill
        self._given = (flowables, key)  # (the sequence as given: see _closer)
        # whether this page may set the list closer: a sequence that can be (its `closer`), not already set so
        self._decides = hasattr(flowables, "closer") and getattr(flowables, "scale", 1.0) == 1.0

    # the last page's columns are balanced with no entry split between them where the page holds them so (a poster
    # split in two on one page, under a "continued" heading); TextColumns splits paragraphs to balance
    balances_whole = True
    _no_splits = False  # (while balancing so)
    heights_fixed = False  # whether each flowable is as tall in any room (paragraphs): see _past_any_page
    # whether the list is set closer from a spread's left-hand page (_closer_reach): where its pages' sides are known
    # as it is laid out, whatever the jobs (the index: in a build in parts, the last part's, its page_offset given);
    # not a list a worker's part may hold (the participants'), numbered from 1 there until the parts before it end:
    # built in one process or in parts, its pages would differ
    spreads = False

    def column_width(self, width: float) -> float:
        return (width - self.gap * (self.count - 1)) / self.count

    # -- filling ------------------------------------------------------------------------------

    def _fill(self, width: float, height: float, at_top: bool, scale: float = 1.0):
        """The columns of one page `height` tall: [[(flowable, its height, space above), ...], ...], and
        the cursor at what is left (its `taken`: the index of each flowable in `items`, None for the part
        of a split one or one handed over by the page before). `scale`: of the spaces between flowables, and of those
        inside one that has spaces of its own (`spaced_at`)."""
        column_width = self.column_width(width)
        cursor = _Cursor(self.items, self.start, self.pending)
        columns = []
        for number in range(self.count):
            column, taken, used, previous = [], [], 0.0, None
            while (flowable := cursor.peek()) is not None:
                if not column and getattr(flowable, "between", False):  # (a rule between entries: none at a top)
                    cursor.take()
                    continue
                flowable = spaced_at(flowable, scale)
                space = _space(previous, flowable, scale)
                room = height - used - space
                h = _height(flowable, column_width, room)
                if h <= room + _FUZZ:
                    column.append((flowable, h, space))
                    taken.append(None if cursor.pending else cursor.index)
                    used += space + h
                    previous = flowable
                    cursor.take()
                    continue
                flowable.column_follows = number < self.count - 1  # (its rest goes on beside it: see Row.split)
                parts = flowable.split(column_width, room) if room > 0 and not self._no_splits else []
                if len(parts) < 2 and not column and room > 0 and hasattr(flowable, "split_at_top") \
                        and not self._no_splits:
                    parts = flowable.split_at_top(column_width, room)  # at a column's top moving on would not help
                if len(parts) >= 2:
                    head = _height(parts[0], column_width, room)
                    if head <= room + _FUZZ:
                        cursor.take()
                        for part in reversed(parts[1:]):
                            cursor.give_back(part)
                        column.append((parts[0], head, space))
                        taken.append(None)
                elif not column and not columns and at_top and number == 0 and not self._no_splits:
                    column.append((flowable, h, space))  # taller than a page, unsplittable: set it anyway
                    taken.append(None if cursor.pending else cursor.index)
                    cursor.take()
                break
            _headings_on(column, taken, cursor, column_width, height)
            if len(column) > 2 and _heads(column[-2][0]) and not keeps_with_next(column[-1][0]) \
                    and taken[-1] is not None and (following := cursor.peek()) is not None \
                    and not _heads(following) \
                    and self._alone_under_heading(column[-1][0], number == self.count - 1):  # (not a split entry's
                # head: its rest follows; the last column's foot is the page's)
                _put_back(column, taken, cursor)  # nor does it end one with one of its entries, more to follow
                _put_back(column, taken, cursor)  # ("O / Ortiz" at a column's foot, Osei... in the next)
                _headings_on(column, taken, cursor, column_width, height)  # (and what leads into that heading: "Key
                # areas of focus:")
            if column and breaks_tail(column[-1][0]) and cursor.peek() is not None:
                # a long paragraph leading into a list, at the column's foot without two of its items (the rule above
                # took them on): its last lines go on with them (too short to break, it goes on whole)
                lead_in, h, space = column[-1]
                broken = tail_split(lead_in, column_width, h)
                if broken is not None:
                    stays, head, goes_on = broken
                    _put_back(column, taken, cursor)
                    cursor.take()
                    cursor.give_back(goes_on)
                    column.append((stays, head, space))
                    taken.append(None)
                elif len(column) > 1:
                    _put_back(column, taken, cursor)
                    _headings_on(column, taken, cursor, column_width, height)  # (and the heading leading into it:
                    # "Call to Action:" ended a column, FOSDEM 2025, A4 p. 58)
            columns.append(column)
            cursor.taken.append(taken)
        return columns, cursor

    def _tightened(self, width: float, height: float, at_top: bool, filled):
        """A page after which only a few flowables would be left (`filled`: its columns): the columns with the
        spaces between flowables as little tighter as takes them all (down to TIGHTEST), and how much; else
        `filled` as it is, at 1. (A last page of one or two names is a page wasted, and looks it.)"""
        columns, cursor = filled
        left = len(cursor.pending) + len(self.items) - cursor.index
        if left > _FEW * self.count or self._past_the_page(cursor.pending, width, height):
            return filled, 1.0
        tight = self._fill(width, height, at_top, TIGHTEST)
        if tight[1].peek() is not None:
            return filled, 1.0
        low, high, best = TIGHTEST, 1.0, (tight, TIGHTEST)
        for _ in range(_TIGHTEN_STEPS):
            middle = (low + high) / 2
            tried = self._fill(width, height, at_top, middle)
            if tried[1].peek() is None:
                low, best = middle, (tried, middle)
            else:
                high = middle
        return best

    def _set_closer(self, scale: float) -> None:
        """The list laid out from here on set closer, at `scale` of its leading and spaces (`items.closer`), its key
        the list's as given and the scale (all the list set closer depends on), not worked out of its flowables (a list
        that makes them when first asked for, the participants', made every one of them again for it)."""
        self.items = self._given[0].closer(scale)
        self.key = ("closer", self._given[1], scale) if self._given[1] is not None else None

    def _closer_key(self, width: float, height: float, at_top: bool):
        """(the cache, the key) under which a build keeping layouts keeps _closer's answer for this page: (None, None)
        where it is not kept (no cache, or a list with no key)."""
        cache = memory.active() if self._given[1] is not None else None
        if cache is None:
            return None, None
        return cache, ("closer", self._given[1], self.count, self.gap, self.start, len(self.pending), self.pages,
                       width, height, at_top, _frame_page(self), self._side())

    def _side(self) -> str | None:
        """Which side of its spread this page is on in the booklet: "left" (an even page), "right" (odd), or None
        outside a document (measured: no spread) or for a list that does not go by spreads (`spreads`). Pages laid
        out by other processes before this part count (output.parallel's `page_offset`)."""
        page = self._doctemplateAttr("page") if self.spreads else None
        if page is None:
            return None
        return "left" if ((self._doctemplateAttr("page_offset") or 0) + page) % 2 == 0 else "right"

    def _closer_reach(self) -> int | None:
        """How many pages after this one the list may end on for _closer to set it closer from this page on; None:
        not decided here. A list is set closer from the left-hand page of a spread, so that the two pages of a spread
        share their leading (36C3 on A5, set closer from p. 207, differed by 2 % from the page it faces, p. 206; by up
        to 10 % at CLOSEST): from a left-hand page, CLOSER_REACH and one more (its facing page); from a right-hand
        page, CLOSER_REACH where it is the list's first (the page it faces holds something else), else None (its
        left-hand page decided). Outside a document, or for a list that does not go by spreads, CLOSER_REACH."""
        side = self._side()
        if side == "left":
            return CLOSER_REACH + 1
        return CLOSER_REACH if side is None or not self.pages else None

    def _kept_closer(self, width: float, height: float, at_top: bool) -> float | None:
        """_closer's answer for this page kept by an earlier build, or None."""
        cache, key = self._closer_key(width, height, at_top)
        return None if cache is None else cache.peek("layouts", key)

    def _closer(self, width: float, height: float, at_top: bool, left: int, here: int) -> float:
        """How much closer (of its leading and spaces: `items.closer(scale)`) the list is set from this page on
        (`here`: how many flowables this page holds as it comes, `left`: how many go on): where it would end, no
        more than CLOSER_REACH pages on (see _closer_reach: decided on a spread's left-hand page), on a page less than
        NEAR_EMPTY full, as little closer as ends it a page earlier, no closer than CLOSEST; else 1. A typesetter's
        way with an index whose last page would hold a few names: 36C3 on A5, p. 209 the letter Z and 4 names after a
        full page; SIGDIAL 2020 on A4, p. 32 8 lines over 3 columns, and on A5, p. 51 X to Z, 17 lines over 2 (a fifth
        of the page). The pages after this one are taken to be as tall as the frame's (_frame_page)."""
        cache, key = self._closer_key(width, height, at_top)
        scale = 1.0
        full = _frame_page(self)
        reach = self._closer_reach()
        if full is not None and reach is not None and height <= full + _FUZZ and left <= reach * here:
            plain = self._pages_run(self._given[0], width, height, at_top, full, reach)
            if plain is not None and plain[0] > 1 and plain[1] < NEAR_EMPTY:
                earlier = plain[0] - 1
                run = self._pages_run(self._given[0].closer(CLOSEST), width, height, at_top, full, reach)
                if run is not None and run[0] <= earlier:
                    low, high = CLOSEST, 1.0
                    for _ in range(_CLOSER_STEPS):
                        middle = (low + high) / 2
                        run = self._pages_run(self._given[0].closer(middle), width, height, at_top, full, reach)
                        if run is not None and run[0] <= earlier:
                            low = middle
                        else:
                            high = middle
                    scale = low
        if cache is not None:
            cache.put("layouts", key, scale)
        return scale

    def _pages_run(self, items: Sequence, width: float, height: float, at_top: bool, full: float, reach: int):
        """(pages, how full the last is: its flowables' heights over its columns') of `items` laid out from here
        (this page `height` tall, the next `full`), as _laid_out fills them (the last few taken onto a page a
        little tighter: _tightened); None when they go on for more than `reach` pages after this one."""
        pages, start, pending = 0, self.start, self.pending
        while pages <= reach:
            probe = type(self)(items, self.count, self.gap, key=None, page_height=self.page_height, _start=start,
                               _pending=pending)
            probe._decides = False
            filled = probe._fill(width, height, at_top)
            if filled[1].peek() is not None:
                filled = probe._tightened(width, height, at_top, filled)[0]
            columns, cursor = filled
            pages += 1
            if cursor.peek() is None:
                return pages, sum(h + s for column in columns for _, h, s in column) / (self.count * height)
            if not any(columns):
                return None
            start, pending, height, at_top = cursor.index, cursor.pending, full, True
        return None

    def _past_the_page(self, parts: list, width: float, height: float) -> bool:
        """Whether one of `parts` (left over from a split), a paragraph, is taller than all the page's columns `height`
        tall together: no spaces set tighter take it onto the page, and _tightened does not fill the page again to
        learn that (a 98,000-letter name in the index of authors, each of its 26 pages filled twice, its rest split
        each time)."""
        room = height * self.count
        return any(isinstance(part, Paragraph) and _height(part, self.column_width(width), room) > room + _FUZZ
                   for part in parts)

    def _balanced(self, width: float, height: float, at_top: bool, filled, scale: float = 1.0):
        """Everything left fits in `height` (`filled`: its columns at that height, with the spaces at `scale`):
        the shortest height that still holds it all, and its columns (with no entry split, where `height` holds
        them so: balances_whole)."""
        if self.balances_whole and not self._no_splits:
            self._no_splits = True
            try:
                whole = self._fill(width, height, at_top, scale)
                if whole[1].peek() is None:
                    return self._balanced(width, height, at_top, whole, scale)
            finally:
                self._no_splits = False
        cache = memory.active() if self.key is not None else None
        if cache is not None:
            key = ("balanced", self.key, self.count, self.gap, self.start, len(self.pending), self.pages,
                   width, height, at_top, self._no_splits)
            kept = cache.peek("layouts", key)
            if kept is not None:
                if kept == height:
                    return filled
                columns, cursor = self._fill(width, kept, at_top, scale)
                if cursor.peek() is None:
                    return columns, cursor
        low = self._least(filled[0])
        high = height
        best = filled
        # all in the first column at `height` (a frame measuring a group, KeepTogether, gives a height no
        # page has): at any height from that column's down to it the columns are the same, not filled again
        alone = not any(filled[0][1:]) and filled[0][0]
        first = sum(h + s for _, h, s in filled[0][0]) + _FUZZ if alone else height
        for _ in range(_BALANCE_STEPS):
            if high - low < 0.25:
                break
            middle = (low + high) / 2
            if middle >= first:
                high, best = middle, filled
                continue
            columns, cursor = self._fill(width, middle, at_top, scale)
            if cursor.peek() is None and not _alone_before_its_text(columns):
                high, best = middle, (columns, cursor)
            else:
                low = middle
        if cache is not None:
            cache.put("layouts", key, high)
        return best

    def _past_any_page(self, columns, height: float) -> bool:
        """Whether `columns`, all of it filled into a room taller than the page (a heading kept with what it heads,
        measured by ReportLab's KeepTogether at a height no page has), would be taller than the page however it were
        balanced: their flowables' heights over the columns already are (each is as tall in any room:
        heights_fixed). Such a measure is only ever held against a frame's room on the page, so the columns are not
        balanced for it: at 2,000 talks, that bisection filled the whole index of authors a dozen times over."""
        page = self.page_height
        if not self.heights_fixed or page is None or height <= page:
            return False
        return sum(h for column in columns for _, h, _ in column) / self.count > page

    def _alone_under_heading(self, flowable, page_foot: bool) -> bool:
        """Whether `flowable`, whole at a column's foot under a heading (_heads), more to follow, is one of that
        heading's entries alone there, to go on with its heading to the next column (or page: `page_foot`, the foot
        of the page's last column): in a list (the index of authors), always ("O / Ortiz" at a column's foot, Osei...
        in the next)."""
        return True

    def _least(self, columns) -> float:
        """The least height the balanced columns may have: the tallest flowable's (a name is not split to balance)."""
        return max((h for column in columns for _, h, _ in column), default=0.0)

    # -- platypus -------------------------------------------------------------------------------

    def _at_top(self) -> bool:
        return bool(getattr(getattr(self, "_frame", None), "_atTop", False))

    def wrap(self, availWidth, availHeight):
        at_top = self._at_top()
        if self._laid is not None and self._laid[:3] == (availWidth, availHeight, at_top):
            columns, cursor = self._laid[3:5]  # split right after wrap, as a frame does: the same columns
        else:
            columns, cursor, scale = self._laid_out(availWidth, availHeight, at_top)
            self._laid = (availWidth, availHeight, at_top, columns, cursor, scale)
        self.width = availWidth
        used = max((sum(h + s for _, h, s in column) for column in columns), default=0.0)
        self.height = used if cursor.peek() is None else availHeight + 1  # more than fits: split
        return self.width, self.height

    def _laid_out(self, width: float, height: float, at_top: bool):
        """This page's columns, the cursor after them and the scale of their spaces (set tighter: _tightened): filled
        (and balanced, on the last page); or, in a build with a cache that keeps layouts, as an earlier build with the
        same flowables and pages before filled them, each flowable given by its index in `items` (made only when drawn,
        its spaces at that scale: see _Placed). A list whose last page would be nearly empty is set closer from here
        on (_closer)."""
        closer = None
        if self._decides:
            self.items, self.key = self._given
            closer = self._kept_closer(width, height, at_top)
            if closer is not None and closer < 1.0:
                self._set_closer(closer)
        cache = memory.active() if self.key is not None and not self.pending else None
        if cache is not None:
            kept = cache.peek("layouts", self._columns_key(width, height, at_top))
            if kept is not None:
                columns, after, scale = kept
                return [list(column) for column in columns], _Cursor(self.items, after, []), scale
        columns, cursor = filled = self._fill(width, height, at_top)
        if closer is None and cursor.peek() is not None and self._decides:  # its last page nearly empty: closer
            closer = self._closer(width, height, at_top, len(cursor.pending) + len(self.items) - cursor.index,
                                  sum(len(column) for column in columns))
            if closer < 1.0:
                self._set_closer(closer)  # (the columns kept under the key of the list set closer, which the next
                columns, cursor = filled = self._fill(width, height, at_top)  # build, given the closer, looks up)
        scale = 1.0
        if cursor.peek() is not None:  # a few left over: taken onto this page, a little tighter
            filled, scale = self._tightened(width, height, at_top, filled)
            columns, cursor = filled
        if cursor.peek() is None and not self._past_any_page(columns, height):  # the last page: balance it
            columns, cursor = self._balanced(width, height, at_top, filled, scale)
        if cache is not None and not cursor.pending and all(
                index is not None for taken in cursor.taken for index in taken):
            cache.put("layouts", self._columns_key(width, height, at_top),
                      (tuple(tuple((index, h, s) for index, (_, h, s) in zip(taken, column))
                             for taken, column in zip(cursor.taken, columns)), cursor.index, scale))
        return columns, cursor, scale

    def _columns_key(self, width: float, height: float, at_top: bool) -> tuple:
        """The key under which a build keeping layouts keeps this page's columns: the list's key (of the list as
        laid out here, set closer or not: _closer), the columns, the pages before and this page."""
        return ("columns", self.key, self.count, self.gap, self.start, self.pages, width, height, at_top)

    def split(self, availWidth, availHeight):
        self.wrap(availWidth, availHeight)
        _, _, at_top, columns, cursor, _ = self._laid
        if cursor.peek() is None:
            return [self]
        if not any(columns):
            return []  # not even one line here: the columns start on the next page
        here = self._placed(columns, availWidth, availHeight)  # the page full
        rest = type(self)(self.items, self.count, self.gap, self.rule, key=self.key, page_height=self.page_height,
                          _start=cursor.index, _pending=cursor.pending,
                          _pages=self.pages + ((availWidth, availHeight, at_top),))
        return [here, rest]

    def _placed(self, columns, width: float, height: float) -> _Placed:
        """This page's `columns`, filled, `height` tall (the room's full height) in a block `width` wide: what split
        leaves on the page."""
        return _Placed(columns, self.column_width(width), self.gap, self.rule, height, items=self.items,
                       scale=self._laid[5])

    def draw(self):
        width, _, _, columns, _, scale = self._laid
        _Placed(columns, self.column_width(width), self.gap, self.rule, items=self.items, scale=scale).drawOn(
            self.canv, 0, 0, self.height)


class _Copies(Sequence):
    """A sequence's flowables, each a copy made when first asked for (see TextColumns._fill)."""

    def __init__(self, items: Sequence):
        self.items = items
        self.made: dict[int, object] = {}

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, index):
        if index not in self.made:
            self.made[index] = copy.copy(self.items[index])
        return self.made[index]


class TextColumns(Columns):
    """Running text (an abstract's paragraphs) in columns: as Columns, except that where it does not fit, it
    measures (wrap) about as tall as its columns would be with no page's foot below them, not just taller than the
    room, so that what measures a page before laying it out (layout.flowables.height_needed, an abstract set tighter
    to fit its page, the lint of abstracts too long) learns by how much; the spaces between its paragraphs are never
    set tighter to take the last lines onto a page; a paragraph splits between the columns to balance them; and a
    heading ends a column over a whole paragraph of HEADED_LINES lines or more, and the page's last column over any
    (_alone_under_heading)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._whole = None  # (width, about the balanced height of all that is left)
        self._kept_counts: dict[tuple[int, float], int] = {}  # (index, width) -> _kept_lines's count

    def wrap(self, availWidth, availHeight):
        width, height = super().wrap(availWidth, availHeight)
        if height > availHeight:
            self.height = height = max(height, self._whole_height(availWidth))
        return width, height

    def _fill(self, width: float, height: float, at_top: bool, scale: float = 1.0):
        # each fill splits copies of the paragraphs as they stand: a trial split (balancing tries many) leaves
        # nothing behind in them that the next would break their lines otherwise for
        items, pending = self.items, self.pending
        self.items = _Copies(items)  # (each copied when the fill comes to it: a page reads only what it places)
        self.pending = [copy.copy(flowable) for flowable in pending]  # (the part a page before left)
        try:
            return super()._fill(width, height, at_top, scale)
        finally:
            self.items, self.pending = items, pending

    def _tightened(self, width: float, height: float, at_top: bool, filled):
        return filled, 1.0  # the spaces between paragraphs are the text's own, as in one column

    def split(self, availWidth, availHeight):
        """As Columns splits; but where this page's columns, at a page's foot, would hold FOOT_LINES lines of the text
        or fewer and one of them would end with a lead-in to a list (or its last lines), what it leads into not under
        it (in the next column, or on the next page), nothing: the columns start on the next page (an entry's header
        with them: Continues' `keep`). XDC 2021 (A4 p. 12): "KWinFT in 2021" started at the page's foot, its two-line
        lead-in alone in the first column, its list in the second; DebConf17 (A4 p. 48): "Debian OpenStack packaging
        BoF", a lead-in of 6 lines, 4 in the first column and its last 2 alone at the top of the second, its list on
        the next page (its first two items did not fit there)."""
        parts = super().split(availWidth, availHeight)
        if len(parts) == 2 and self._lead_in_cut(availHeight):
            return []
        return parts

    def _lead_in_cut(self, height: float) -> bool:
        """Whether this page's columns (as last laid out in a room `height` tall, something going on to the next page)
        are at most FOOT_LINES lines of the text tall and one of them ends with a lead-in (a paragraph kept with what
        follows it as a heading is, or whose last lines are: keeps_tail_with_next; or a part of one), what it leads
        into not under it. Only in a room of under FOOT_ROOM such lines: a page's foot (no page is so short: at a
        page's top the columns are set as they come)."""
        columns = self._laid[3]
        placed = [flowable for column in columns for flowable, _, _ in column if type(flowable) is not int]
        if not placed:
            return False
        line = placed[0].style.leading
        used = max(sum(h + space for _, h, space in column) for column in columns)
        if used >= (FOOT_LINES + 1) * line or height >= FOOT_ROOM * line:
            return False
        return any(column and type(column[-1][0]) is not int
                   and (_heads(column[-1][0]) or keeps_tail_with_next(column[-1][0])) for column in columns)

    balances_whole = False  # a paragraph splits between the columns to balance them

    def _alone_under_heading(self, flowable, page_foot: bool) -> bool:
        """Running text: a paragraph (or a list's item) under a line kept with it ("Overview of challenges Vumi
        addresses:") ends a column whole with it when it is HEADED_LINES lines or more, as it would end a page; only a
        shorter one (a line) goes on with it, as an index's name does. Both went on whatever their length: EuroPython
        2014 on A4, p. 55, "Conversing with people living in poverty", a heading and its 10-line paragraph went on to
        the next page and left the second column 14 lines short of the first, the page's foot. At the page's foot
        (`page_foot`), never: a heading and the whole paragraph under it end a page however short it is, as they do in
        one column (flowables.Continues._split moves on only the lines kept with what follows that end the page); a
        heading and its one-line paragraph went on from the page's last column, 2 lines and more left empty there."""
        return not page_foot and (not isinstance(flowable, Paragraph) or line_count(flowable) < HEADED_LINES)

    def _placed(self, columns, width: float, height: float) -> _Placed:
        """As Columns' (the part of the text on this page), its lines counted (_PlacedText): a flowing entry's split
        counts the lines of its text it leaves under its header (flowables.Entry's `orphan`)."""
        return _PlacedText(super()._placed(columns, width, height), self.line_count())

    def _least(self, columns) -> float:
        return 0.0  # (so the columns may be lower than any paragraph)

    def line_count(self) -> int:
        """The lines of text in its columns as last wrapped (a paragraph given by its index, from an earlier build: a
        copy of it wrapped whole at the columns' width, as the columns kept hold it; not its height over its leading,
        which counted a line too many where formulas of scripts on scripts set its lines further apart, lineskips)."""
        if self._laid is None:
            return 0
        width, columns = self.column_width(self._laid[0]), self._laid[3]
        return sum(line_count(flowable) if type(flowable) is not int else self._kept_lines(flowable, width)
                   for column in columns for flowable, _, _ in column)

    def _kept_lines(self, index: int, width: float) -> int:
        """The lines of the paragraph `items[index]` (one kept whole in a column) wrapped at `width`: a copy of it, so
        that the paragraph itself stays as it was (see _fill); counted once a width (line_count is asked again)."""
        count = self._kept_counts.get((index, width))
        if count is None:
            flowable = copy.copy(self.items[index])
            flowable.wrap(width, UNBOUNDED)
            count = self._kept_counts[(index, width)] = line_count(flowable)
        return count

    def last_leading(self) -> float:
        """The leading of the last paragraph in its columns as last wrapped (0 when it has none): a line of it carried
        over to the next page (layout.flowables.Continues' `tail`)."""
        columns = self._laid[3] if self._laid is not None else []
        return _Placed(columns, 0.0, self.gap, items=self.items).last_leading()

    def _whole_height(self, width: float) -> float:
        """About as tall as all that is left would be, balanced (its height over the columns; balancing it exactly
        on every page of a long text took time in proportion to the square of its length)."""
        if self._whole is None or self._whole[0] != width:
            column_width, total, previous = self.column_width(width), 0.0, None
            for flowable in [*self.pending, *self.items[self.start:]]:
                total += _space(previous, flowable) + _height(flowable, column_width, UNBOUNDED)
                previous = flowable
            self._whole = (width, total / self.count)
        return self._whole[1]


class _Placed(Flowable):
    """One page's columns, already filled: drawn top down, each from the top of the block. A flowable given by
    its index in `items` (columns kept from an earlier build) is drawn by `items.replayed_at` when the sequence
    has it and can, else made (`items[index]`, its spaces at `scale` as the page's were set: `spaced_at`) and drawn."""

    def __init__(self, columns, column_width: float, gap: float, rule=None, height: float | None = None,
                 items: Sequence = (), scale: float = 1.0):
        super().__init__()
        self.columns = columns
        self.items = items
        self.scale = scale
        self.column_width = column_width
        self.gap = gap
        self.rule = rule
        used = max((sum(h + s for _, h, s in column) for column in columns), default=0.0)
        self.height = used if height is None else height
        self.width = column_width * len(columns) + gap * (len(columns) - 1)

    def wrap(self, availWidth, availHeight):
        return self.width, self.height

    def last_leading(self) -> float:
        """The leading of its last column's last paragraph (0 when it has none)."""
        for column in reversed(self.columns):
            for flowable, _, _ in reversed(column):
                flowable = self.items[flowable] if type(flowable) is int else flowable
                return flowable.style.leading
        return 0.0

    def drawOn(self, canvas, x, y, _sW=0, height=None):
        top = y + (self.height if height is None else height)
        replayed_at = getattr(self.items, "replayed_at", None)
        for number, column in enumerate(self.columns):
            left = x + number * (self.column_width + self.gap)
            y_now = top
            for flowable, h, space in column:
                y_now -= space + h
                if type(flowable) is int:
                    if replayed_at is not None and replayed_at(flowable, canvas, left, y_now, self.column_width):
                        continue
                    flowable = spaced_at(self.items[flowable], self.scale)
                flowable.wrap(self.column_width, h)  # a trial split (balancing) may have dropped its lines
                flowable.drawOn(canvas, left, y_now)
        if self.rule is not None:
            canvas.saveState()
            canvas.setStrokeColor(self.rule)
            canvas.setLineWidth(0.3)
            bottom = top - (self.height if height is None else height)
            for number in range(1, len(self.columns)):
                if self.columns[number]:
                    rule_x = x + number * (self.column_width + self.gap) - self.gap / 2
                    canvas.line(rule_x, bottom, rule_x, top)
            canvas.restoreState()

    def draw(self):
        self.drawOn(self.canv, 0, 0)


class _PlacedText(_Placed):
    """A page's columns of running text (TextColumns' part on that page), already filled, and how many lines of the
    text they hold (line_count: text, as a paragraph is, to whoever counts an entry's lines)."""

    def __init__(self, placed: _Placed, lines: int):
        super().__init__(placed.columns, placed.column_width, placed.gap, placed.rule, placed.height, placed.items,
                         placed.scale)
        self.lines = lines

    def line_count(self) -> int:
        return self.lines
