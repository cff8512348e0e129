"""A programme day's lines -> one flowable that breaks across pages as a typesetter would.

A day is a list of `Line`s (headings, programme rows, rows of parallel tracks). `DayBlock` lays
them out one under another and chooses its own page breaks:

- a day that fits on a page is never broken: when it does not fit the space left, it moves whole;
- a longer day breaks so that at least three programme rows go on each side of the break, never
  after a heading (a line marked `keep`), and, when it can, not so that only one row of a session
  or parallel block stays on either side, nor a heading with fewer than two of its rows before it;
- but where that costs the day a page (or the short day after it its place below the day's last page), a
  session's last row goes over alone, under its repeated heading, and failing that a heading may keep one row;
- a day whose rest after the break would be short (its rows, as set there below the headings it repeats, less than
  SHORT_REST of a page, or fewer than SHORT_ROWS of them: three or four rows alone on the day's last page) breaks
  earlier, between two of its sessions or items (else
  between two parallel sessions, else inside a session or a block of parallel tracks), where the rest takes more of
  the next page and the first page stays at least half full (a break after lunch rather than before the evening's
  last three rows);
- the rest of the day starts with the day's heading repeated in a smaller form ("Thursday 9
  September (continued)"), and, when the break falls inside a session or a parallel block, with
  that block's heading (the session name and room, the tracks' headings) repeated as well: of a parallel block, the
  tracks with rows after the break, sharing the width (a track with nothing more is left out there).

Only at the top of a page, where moving on would not help, are the rules relaxed one by one;
a single line taller than a page is split inside.

A short day (a dinner, an arrival evening), or the day right after one, need not open a page of its own:
`DayBreak` sets it below the day before when it fits there whole (programme.day_break).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable

from reportlab.platypus import Flowable, PageBreak

_FUZZ = 1e-6

# Tried in turn: (fewest rows of the day on each side of a break, whether a session or parallel block may keep a
# single row on one side of it: False never, "end" its last row alone after the break (under its repeated heading),
# True either side; whether a heading is kept with two of its rows at least before the break). The first two keep
# headings, as a typesetter's keep-with-next does (a review: "PARALLEL SESSIONS", a session's heading and one talk at
# a page's foot, the rest overleaf): a session's or the tracks' heading with two of its rows (a block of two whole),
# "Parallel sessions" set one after another with two rows of its sessions.
_RULES = ((3, False, True), (3, "end", True), (3, True, False), (2, True, False), (1, True, False), (0, True, False))
# the second rule alone: its break taken where the rest of the day after it takes fewer pages than after the first's
# (keeping a block's last row off a page must not cost the day a page, nor make a kept heading seem to: EuroPython
# 2014's Thursday had "PARALLEL SESSIONS" and one talk at p. 15's foot)
_RULES_END = _RULES[1:2]
# the rules without that keep (and without _RULES_END, a rule of it): taken when the rest of the day after their break
# takes fewer pages than after the keep's (a heading kept with its rows must not cost the day a page: DebConf17's
# Friday took three pages, not two)
_RULES_LOOSE = tuple((least, lone, False) for least, lone, _ in _RULES if lone != "end")
_MOST_PAGES = 100  # counted for the rest of a day (_rest_pages): no day of a programme is longer
_LEAST_AWAY_FROM_TOP = 3  # below the top of a page only the rules of so many rows apply; else the day moves on
# of a page: a day's rest whose rows are shorter than this (as set there, not counting the headings it repeats above
# them), alone on its last page, is moved back to a break before (a sixth left DebConf17's first day on A4 a last page
# of three rows, three quarters empty; a quarter with the headings counted, XDC 2021's Thursday a page of
# "(continued)", the tracks' heading and three rows, its rows a fifth of it)
SHORT_REST = 1 / 4
# rows: a day's rest of fewer, alone on its last page, is short too, however tall they are: 36C3's Saturday and Sunday
# (A5, pp. 16 and 22) ran onto a page of "(continued)", "PARALLEL SESSIONS (continued)" and three rows, each a session
# of one talk under its heading, a quarter of the page with those headings counted as its rows, two thirds of it empty
SHORT_ROWS = 4


@dataclass
class Line:
    """One line of a programme day, and how it may meet a page break."""

    flowable: Flowable
    space: float = 0.0  # space above; dropped at the top of a page
    row: bool = False  # a programme row (an item, or a row of parallel tracks): counted by the rules
    keep: bool = False  # a heading: never the last line before a break
    block: object | None = None  # the session or parallel block the row belongs to
    # the block's lines after a break -> the lines set there: its heading repeated above them, and them (the rows of
    # the tracks that go on, when some have nothing after it: TracksRow.only)
    resume: Callable[[list[Line]], list[Line]] | None = None
    # lines repeated above the rest of a larger group of lines after a break inside it, before the block's own
    # (parallel sessions set one after another: the label "PARALLEL SESSIONS (continued)"); the same for its lines
    group_resume: Callable[[], list[Line]] | None = None


class DayBlock(Flowable):
    """The lines of one programme day (or the rest of one, after a page break)."""

    def __init__(self, lines: list[Line], continued: Callable[[], list[Line]], page_height: float):
        super().__init__()
        self.lines = list(lines)
        self.continued = continued  # the lines that open the day's rest on the next page
        self.page_height = page_height
        # the short day (a DayBlock) and the gap above it set below this day's last page when it fits there whole (a
        # DayBreak before it): counted when a break is chosen for the pages it costs (_rest_pages)
        self.follower: tuple[DayBlock, float] | None = None
        self._sizes: list[tuple[float, float]] = []
        self._width = None
        self._cum: list[float] | None = None  # _cumulative's, for the width wrapped to
        self._counts: tuple[list[int], list[int], dict[int, int]] | None = None  # _row_counts' (of the lines)
        self._group_before: list[int] | None = None  # _group_rows_before's (of the lines)

    # ----------------------------------------------------------------- measuring

    def wrap(self, availWidth, availHeight):
        if self._width != availWidth:
            self._sizes = [line_size(line, availWidth, self.page_height) for line in self.lines]
            self._width, self._cum = availWidth, None
        self.width = availWidth
        self.height = self._cumulative()[-1]
        return self.width, self.height

    def _cumulative(self) -> list[float]:
        """cum[i]: the height of lines[:i] set at the top of a page (made once a width: breaking asks it again for
        each break it weighs)."""
        if self._cum is None:
            cum = [0.0]
            for i, (line, (_, h)) in enumerate(zip(self.lines, self._sizes)):
                cum.append(cum[-1] + (line.space if i else 0.0) + h)
            self._cum = cum
        return self._cum

    # ----------------------------------------------------------------- breaking

    def split(self, availWidth, availHeight):
        self.wrap(availWidth, availHeight)
        if self.height <= availHeight + _FUZZ:
            return [self]
        frame = getattr(self, "_frame", None)
        at_top = availHeight >= self.page_height - 0.5 or bool(getattr(frame, "_atTop", False))
        if not at_top and self.height <= self.page_height + _FUZZ:
            return []  # a day (or the rest of one) that fits on a page moves to the next one whole
        cut = self.break_index(availHeight, at_top)
        if cut is not None:
            cut = self._fewest_pages(cut, availWidth, availHeight, at_top)
            cut = self._balanced(cut, availWidth, availHeight)
            return [self._part(self.lines[:cut]), self._after(cut)]
        if not at_top:
            return []
        return self._split_inside(availWidth, availHeight)

    def _row_counts(self) -> tuple[list[int], list[int], dict[int, int]]:
        """The rows before each line (and after the last), the rows of its block before each line (_block_rows_before),
        and each block's rows (by its id); made once."""
        if self._counts is not None:
            return self._counts
        rows = [0]
        block_rows: dict[int, int] = {}
        for line in self.lines:
            rows.append(rows[-1] + line.row)
            block_rows[id(line.block)] = block_rows.get(id(line.block), 0) + line.row
        self._counts = rows, self._block_rows_before(), block_rows
        return self._counts

    def _fewest_pages(self, cut: int, availWidth: float, availHeight: float, at_top: bool) -> int:
        """`cut` (the first of _RULES's breaks that fits), or a later break of looser rules where the rest of the day
        after it takes fewer pages (_rest_pages): first the break of _RULES_END, that still keeps headings with their
        rows (a block's last row alone after it, under the block's repeated heading), then the break of _RULES_LOOSE,
        that does not."""
        pages = None
        for rules in (_RULES_END, _RULES_LOOSE):
            other = self.break_index(availHeight, at_top, rules)
            if other is None or other <= cut:
                continue
            pages = self._rest_pages(cut, availWidth) if pages is None else pages
            theirs = self._rest_pages(other, availWidth)
            if theirs < pages:
                cut, pages = other, theirs
        return cut

    def _rest_pages(self, cut: int, availWidth: float) -> int:
        """How many pages the rest of the day after a break before lines[cut] takes (below the headings it repeats),
        each broken at the first of _RULES's breaks that fits (moved earlier as _balanced moves it), and one more for
        each short day after it (`follower`) that no longer fits below its last page: a fuller last page had cost
        the programme a page (DebConf17 A5: Wednesday, a short day, opened a page of its own below Tuesday's)."""
        rest = self._after(cut)
        pages = 1
        while rest.wrap(availWidth, self.page_height)[1] > self.page_height + _FUZZ and pages < _MOST_PAGES:
            at = rest.break_index(self.page_height, True, _RULES_END)  # (as _fewest_pages may take it)
            if at is None:
                at = rest.break_index(self.page_height, True)
            if at is None:
                break
            at = rest._balanced(at, availWidth, self.page_height)
            rest = rest._after(at)
            pages += 1
        return pages + self._followers_over(rest.wrap(availWidth, self.page_height)[1], availWidth)

    def _followers_over(self, last: float, availWidth: float) -> int:
        """How many of the short days after this one (`follower`, theirs in turn) open a page of their own when its last
        page is filled `last` high: those that do not fit below what is on the page (as DayBreak sets them)."""
        pages, follower = 0, self.follower
        while follower is not None:
            day, gap = follower
            height = day.wrap(availWidth, self.page_height)[1]
            if last + gap + height <= self.page_height + _FUZZ:
                last += gap + height
            else:
                pages, last = pages + 1, height
            follower = day.follower
        return pages

    def break_index(self, availHeight: float, at_top: bool, rules: tuple = _RULES) -> int | None:
        """Where the page breaks (lines[:i] on this page), or None when no allowed break fits; `rules` tried in
        turn (_RULES)."""
        cum = self._cumulative()
        rows, block_rows_before, block_rows = self._row_counts()
        rules = rules if at_top else tuple(rule for rule in rules if rule[0] >= _LEAST_AWAY_FROM_TOP)
        for least, lone_allowed, heads_kept in rules:
            for i in range(len(self.lines) - 1, 0, -1):
                if cum[i] > availHeight + _FUZZ or self.lines[i - 1].keep:
                    continue
                if rows[i] < least or rows[-1] - rows[i] < least:
                    continue
                if lone_allowed is not True and self._inside_block(i):
                    before, total = block_rows_before[i], block_rows[id(self.lines[i].block)]
                    if before < 2 or (not lone_allowed and total - before < 2):
                        continue
                if heads_kept and self._inside_group(i) and self._group_rows_before(i) < 2:
                    continue
                return i
        return None

    def _balanced(self, cut: int, availWidth: float, availHeight: float) -> int:
        """`cut`, or an earlier break when the rest after it is short (its rows less than SHORT_REST of a page, as set
        below the headings it repeats, those not counted: _rest_set; or fewer than SHORT_ROWS of them): the latest
        break (not after a heading, three rows at least before it) whose rows are at least that long and that many
        and still fit
        on the next page whole, below the day's continued heading (and the headings it repeats), and that leaves at
        least half of the room on this page filled. Sought first between two of the day's sessions or items; then
        between two sessions of parallel sessions set one after another (the rest under "Parallel sessions
        (continued)"); then inside a session or a block of parallel tracks, two of its rows at least on each side
        (the rest under its repeated heading, the tracks' headings): a day ending in parallel sessions left its last
        three rows alone on a page (EuroPython 2014 on B5)."""
        cum = self._cumulative()
        short = self.page_height * SHORT_REST
        rows, block_rows_before, block_rows = self._row_counts()
        if rows[-1] - rows[cut] >= SHORT_ROWS:
            # (its rows long enough: outside a block of tracks they are set after the break as here, no need to set
            # them; inside one, a track with nothing after the break leaves the others its width, their rows shorter)
            if cum[-1] - cum[cut] >= short and not self._inside_block(cut):
                return cut
            if self._rest_set(cut, availWidth)[1] >= short:
                return cut
        breaks = []  # (i, inside a block, inside a group): the breaks any of the three kinds may take, latest first
        for i in range(cut - 1, 0, -1):
            if cum[i] < availHeight / 2:
                break
            if self.lines[i - 1].keep or rows[i] < _RULES[0][0] or rows[-1] - rows[i] < SHORT_ROWS:
                continue
            breaks.append((i, self._inside_block(i), self._inside_group(i)))
        for where in ("between", "group", "block"):
            for i, inside_block, inside_group in breaks:
                if inside_group and (where == "between" or self._group_rows_before(i) < 2):
                    continue
                if inside_block:
                    before, total = block_rows_before[i], block_rows[id(self.lines[i].block)]
                    if where != "block" or before < 2 or total - before < 2:
                        continue
                height, own = self._rest_set(i, availWidth)
                if height > self.page_height + _FUZZ:
                    break  # (an earlier break leaves more)
                if own >= short:
                    return i
        return cut

    def _rest_set(self, cut: int, availWidth: float) -> tuple[float, float]:
        """How tall the rest of the day after a break before lines[cut] is as set on the next page (_after, set once):
        with the headings it repeats there (the day's continued heading, a block's or a group's), and without them,
        its own rows."""
        rest = self._after(cut)
        rest.wrap(availWidth, self.page_height)
        cum = rest._cumulative()
        return cum[-1], cum[-1] - cum[len(rest.lines) - (len(self.lines) - cut)]

    def _inside_block(self, i: int) -> bool:
        block = self.lines[i].block
        return block is not None and self.lines[i - 1].block is block

    def _inside_group(self, i: int) -> bool:
        group = self.lines[i].group_resume
        return group is not None and self.lines[i - 1].group_resume is group

    def _group_rows_before(self, i: int) -> int:
        """How many rows of the group of lines[i] (parallel sessions set one after another) come before it (counted
        for every line once: breaking asks it for each break it weighs)."""
        if self._group_before is None:
            self._group_before, count = [], 0
            for at, line in enumerate(self.lines):
                if at and line.group_resume is not self.lines[at - 1].group_resume:
                    count = 0
                self._group_before.append(count)
                count += line.row
        return self._group_before[i]

    def _block_rows_before(self) -> list[int]:
        """For each line, how many rows of its block come before it."""
        counts: dict[int, int] = {}
        out = []
        for line in self.lines:
            key = id(line.block)
            out.append(counts.get(key, 0))
            if line.row:
                counts[key] = counts.get(key, 0) + 1
        return out

    def _split_inside(self, availWidth, availHeight):
        """At the top of a page, with no break that fits: split the first line that does not fit."""
        cum = self._cumulative()
        j = next(i for i in range(len(self.lines)) if cum[i + 1] > availHeight + _FUZZ)
        line = self.lines[j]
        room = availHeight - cum[j] - (line.space if j else 0.0)
        parts = getattr(line.flowable, "split_at_top", line.flowable.split)(availWidth, room) if room > 0 else []
        if len(parts) < 2:
            return [self]  # nothing to do: the frame reports the line as too large
        head = self.lines[:j] + [replace(line, flowable=parts[0], keep=False)]
        tail = [replace(line, flowable=p, space=0.0) for p in parts[1:]] + self.lines[j + 1:]
        return [self._part(head), self._rest(tail, line.block is not None, line.group_resume is not None)]

    def _part(self, lines: list[Line]) -> DayBlock:
        return DayBlock(lines, self.continued, self.page_height)

    def _after(self, cut: int) -> DayBlock:
        """The rest of the day after a break before lines[cut] (_rest, with the headings the break repeats)."""
        return self._rest(self.lines[cut:], self._inside_block(cut), self._inside_group(cut))

    def _rest(self, lines: list[Line], inside_block: bool, inside_group: bool = False) -> DayBlock:
        """The lines after a break, below the day's continued heading (and the group's and the block's, inside
        them: the block's lines as its `resume` sets them)."""
        prefix = list(self.continued())
        if inside_group:
            prefix += lines[0].group_resume()
        if inside_block and lines[0].resume is not None:
            block = lines[0].block
            end = next((k for k, line in enumerate(lines) if line.block is not block), len(lines))
            lines = lines[0].resume(lines[:end]) + lines[end:]
        rest = DayBlock(prefix + lines, self.continued, self.page_height)
        rest.follower = self.follower  # (still below the day's last page)
        return rest

    # ----------------------------------------------------------------- drawing

    def draw(self):
        y = self.height
        for i, (line, (_, h)) in enumerate(zip(self.lines, self._sizes)):
            y -= (line.space if i else 0.0) + h
            line.flowable.drawOn(self.canv, 0, y)


class DayBreak(Flowable):
    """Before a short day (`day`, a DayBlock): the day follows the one before on its page, `gap` below it, when it
    fits there whole; else it opens a page, as every other day does (a PageBreak). Below what is on the page, the
    page keeps its running head (abstracts by day: the day before's abstract's, see BookletCanvas.hold_page)."""

    def __init__(self, day: DayBlock, gap: float):
        super().__init__()
        self.day = day
        self.gap = gap
        self._below = False  # set below what is on the page (as last wrapped)

    def wrap(self, availWidth, availHeight):
        self._below = False
        frame = self._doctemplateAttr("frame")
        if frame is not None and getattr(frame, "_atTop", False):
            return 0, 0  # a page's top already (the day before ended at its foot): no gap, no break
        height = self.day.wrap(availWidth, availHeight)[1]
        if height + self.gap <= availHeight + _FUZZ:
            self._below = True
            return availWidth, self.gap
        if frame is not None:
            frame.add_generated_content(PageBreak())
        return 0, 0

    def drawOn(self, canvas, x, y, _sW=0):  # (space only: nothing written to the page)
        hold = getattr(canvas, "hold_page", None)
        if self._below and hold is not None:
            hold()


def line_size(line: Line, width: float, height: float) -> tuple[float, float]:
    """The line's flowable wrapped at `width`, once (the rest of a day after a break keeps its lines)."""
    cached = getattr(line, "_size", None)
    if cached is None or cached[0] != width:
        cached = line._size = (width, line.flowable.wrap(width, height))
    return cached[1]


class TracksRow(Flowable):
    """Parallel tracks side by side: one cell per track, all as tall as the tallest, rules between.

    Cells are Rows (or None for a track with nothing at that time); a row of the block holds what
    happens at the same time in each track, so the tracks stay aligned across pages.
    """

    def __init__(self, cells: list, gap: float, rule_color, rule_width: float = 0.3):
        super().__init__()
        self.cells = list(cells)
        self.gap = gap  # between a cell and the rule beside it
        self.rule_color = rule_color
        self.rule_width = rule_width

    def only(self, tracks: list[int]) -> TracksRow:
        """The row with the cells of `tracks` (their indices) alone, sharing the width (the tracks that go on after a
        page break when the others have nothing more)."""
        return TracksRow([self.cells[k] for k in tracks], self.gap, self.rule_color, self.rule_width)

    def _columns(self, width: float) -> list[tuple[float, float]]:
        """(x, width) of each cell's content."""
        n = len(self.cells)
        column = width / n
        out = []
        for c in range(n):
            left = self.gap if c else 0.0
            right = self.gap if c < n - 1 else 0.0
            out.append((c * column + left, column - left - right))
        return out

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        columns = self._columns(availWidth)
        for cell, (_, w) in zip(self.cells, columns):  # (each cell's width known to the others: OneLineOr's together)
            if cell is not None:
                cell.wrap(w, availHeight)
        heights = [cell.wrap(w, availHeight)[1] for cell, (_, w) in zip(self.cells, columns) if cell is not None]
        # the cells' first lines on one baseline: a cell whose first line a tall formula sets lower (lineskips: a
        # session's name "Track $x^{a^{b^{c}}}$") has its neighbours set as much lower (they stood 3.4 points higher)
        drops = [cell.first_drop() for cell in self.cells if cell is not None]
        lowest = max(drops, default=0.0)
        self._leads = [lowest - drop for drop in drops]
        self.height = max((h + lead for h, lead in zip(heights, self._leads)), default=0.0)
        return self.width, self.height

    def split(self, availWidth, availHeight):
        return []  # the programme keeps track rows short enough never to need it (see programme.py)

    def draw(self):
        canv = self.canv
        leads = iter(self._leads)
        for cell, (x, w) in zip(self.cells, self._columns(self.width)):
            if cell is None:
                continue
            cell.wrap(w, self.height)
            cell.height = self.height  # equal heights: backgrounds and links fill the row
            cell.lead = next(leads)  # (0 too: a lead from a draw before is not left on it)
            cell.drawOn(canv, x, 0)
        canv.saveState()
        canv.setStrokeColor(self.rule_color)
        canv.setLineWidth(self.rule_width)
        column = self.width / len(self.cells)
        for c in range(1, len(self.cells)):
            canv.line(c * column, 0, c * column, self.height)
        canv.restoreState()
