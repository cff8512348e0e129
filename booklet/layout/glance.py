"""The programme -> one page (or a spread) of the week at a glance.

A grid: the hours down the left (a line and a label at each whole hour, from the hour before the
week's earliest start to the hour after its latest end, so every day is drawn to the same scale; EMPTY_HOURS or
more whole hours in which no day has anything are drawn as a band (SKIPPED_BAND) with a break mark across it,
not as a page of empty rows (the hours left then each at most 1/FEWEST_HOURS of the grid, the page's foot
left empty: 38C3's two talks, at 00:15 and 10:30, had ten empty hours of grid between them, then a half page each),
one column per day headed by its weekday, date (in the booklet's language) and the page its
programme starts on ("p. 12", the header a link there), and every item of the day as a box from
its start to its end, its title inside in the headings' face (made markup like every title of the
booklet: math, emphasis, fallback fonts), hyphenated only where it needs it and only at good breaks (GOOD_BREAK
letters each side, HYPHENATIONS a box), in one size for the whole page (the largest,
up to 0.72 of the text size, a line of which the shortest box of a quarter of an hour or more
holds; in a lane narrower than LANE_MIN ems, whose words are wider than it, a quarter point smaller at a time down to
the theme's `glance: narrowest_type` (Grid.narrowest) where that keeps its words whole: fit_box), cut after a whole word with an ellipsis when it needs more
lines than its box holds, never after a hyphenated line inside a word (its lines as tall as they are
set: a formula of scripts on scripts sets its line apart) and clipped
to its box; a shorter box takes a smaller size, down to SMALLEST; a box lower than a line of that but not than
its type holds one line of it with no leading to spare (a white box, whose rule that line would touch, is drawn as
high as the line with its padding, into free time beside it); a lower box is drawn that high, into the free time after
it or else before it, and where there is none takes the type it holds, down to TINY, and below that stays empty (its
colour still marks the time; the day's page has it all). A talk's or tutorial's
box also names its speakers when there is room, and links to its abstract or tutorial.

- Colours: talks take their session's track colour (theme `colours: tracks:`), else the pale
  primary of session headings; tutorials, breaks and social events (and poster sessions) take
  the theme's colours for them; anything else is a white box with a thin rule.
- Items that overlap (parallel sessions, or any two items at the same time) share their day's column in lanes side by
  side, for the stretch of time they overlap: a parallel session keeps its lane (the first track on the left); the
  boxes side by side at a time share the column among themselves, not among lanes left empty then (as evenly as the
  boxes beside them at other times let them: _share_evenly), a box alone in its time across the column. The days'
  columns are as equal as they can be with every lane at least LANE_MIN wide (lanes a day has for BRIEF minutes or
  less NARROW: three BoFs at one hour share a column as wide as the other days'; else every lane the same width).
  Where lanes would still be narrower than NARROW (six rooms on A5), or most of the overlapping boxes too short for a
  line of SMALLEST type (four tracks of quarter-hour talks), the overlapping boxes, with the rest of their parallel
  sessions, become one box over their time, "PARALLEL SESSIONS" and the sessions' names (the day's page has the
  talks); the day's own items among them (a lunch, a talk for everyone) keep their boxes across the column, the
  sessions named in a box for each stretch around them, and a session alone at the start or end of that time (a
  day-long school beside an afternoon of sessions) is a box of its own; when it is on beside them all the while too
  (or for more than BRIEF minutes), it is set aside: its own box over its whole time, in half of the column
  (ASIDE_LANES), the others gathered in the other half (in two thirds where half would not hold their names:
  _aside_lanes), so that it is named once and both are readable. A session whose name another room's
  session has in a box beside its own (at the same time) is named with its room too, wherever the day's boxes name it
  ("DJ-Set (Chill Floor)", the label glance_room); the names in a gathered box are set apart by a mark none of them
  holds. A session one talk after another most of whose talks are that short (five-minute talks on a day from 05:00 to
  21:00: a stack of empty stripes) becomes one box too, its name.
- An item with a start and no end lasts until the next start after it (in its track, else in
  its day) when that is at most three hours later, else one hour. An item after midnight (a
  start before 06:00 after one in the afternoon, as imports keep it) is drawn after the evening. An item
  that runs on into the next in its room (its track, or its session) by OVERRUN minutes or less ends where that
  one starts: a room's lane holds one box at a time.
- An item without a time is drawn in the gap it stands in, between the end of what comes before
  it and the start of what comes after (e.g. "Free afternoon"), when that gap is a quarter of an
  hour or longer; else it is listed under the grid, below its day, under "No fixed time": no item
  is left out (a day with more of them than UNTIMED_SHARE of the page holds ends its list with
  "+N", a link to its page).
- Page or spread: on one page when every lane gets at least LANE_MIN ems with the hour labels
  beside them; else over the two facing pages of a spread, the days split where the narrowest
  lane is widest, each page with its own hour labels at the same scale. A spread starts on a
  left-hand (even) page (a spread over two pages that do not face each other would not be seen at a glance): when
  the section opens the booklet right after a contents of one page, the contents starts on the right-hand page 3, the
  inside of the cover left blank (layout.story: as a book's contents starts on a right-hand page); else, when the
  section would start on a right-hand page, that page is left blank (BlankPage: no running head, no page number). A
  ruled Notes page there, as those that make up the count at the end, sat in the middle of the book (a typographer's
  review: "Notizen" between the contents and the glance of GMTH 2023). One day that
  does not fit a page keeps to one page, its lanes narrower.
- A programme with no time at all has no grid to draw: the section is left out (and out of the contents).
"""

from __future__ import annotations

import math
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from fractions import Fraction
from functools import partial
from itertools import accumulate

from reportlab import rl_config
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, PageBreak

from ..data.fields import as_written
from ..model import Abstract, Day, Item, Session, Tutorial, holds_a_break
from ..cache import memory
from ..text import dates, markup
from ..text.fonts import SANS, fonts_number
from ..text.languages import spaced_by_syllable
from ..text.names import script_of
from ..text.paragraph import HYPHENS, break_cut_lines, edge_skips, line_text, pattern_cuts, syllable_breaks
from .backmatter import BlankPage
from .common import Context, day_key, names, unnamed_speaker
from .flowables import Anchor, Para, _frozen, canvas_state, drawn_kept
from .styles import hyphenation_language, markup_color

LANE_MIN = 7.5  # ems of the boxes' type: the narrowest lane a page (or spread) is laid out for
NARROW = 4.5  # ems: overlapping boxes in lanes narrower than this are drawn as one box naming their sessions
CRAMPED = 1.75  # times NARROW: so are lanes narrower than this most of whose boxes hold one line (one word, cut)
DAY_GAP = 3.0  # between two days' columns
BOX_GAP = 0.6  # white between two boxes that touch (each side)
PAD = 1.6  # inside a box, left and right
SMALLEST = 5.5  # points: the smallest type in a box
GOOD_BREAK = 3  # letters, at least, before and after a hyphenation in a box ("Mono- / loge", not "Monolo- / ge")
OVERRUN_FUZZ = 0.25  # points a cut title's last line may measure wider than its box (truncated): less than an ellipsis
HYPHENATIONS = 1  # hyphenations, at most, in a box's title (a word's own hyphens aside: "Mittelmeer- / Monologe")
WHOLE_HYPHENATIONS = 1  # more, in a lane of ordinary width, for a title that is then whole rather than cut
CAP_HEIGHT = 0.714  # of the type size: the capitals' height in the boxes' face (Noto Sans)
DESCENDER = 0.239  # of the type size: how far g, p, y reach below the baseline in that face
SLIVER = 0.95  # of SMALLEST: the lowest box whose title goes on one line of that type, with no leading to spare
TINY = 4.5  # points: the type of a lower box's one line, as large as the box holds, when no free time beside it
RULE_CLEAR = 0.6  # points, at least, between a white box's rule and its title's ink (its type smaller for it)
BRIEF = 90  # minutes: lanes a day has for no longer are set in its column as wide as the others, each NARROW at least
OPEN = 60  # minutes: an item with no end and no next start close after it
OPEN_MAX = 180  # minutes: the longest an item without an end is drawn up to the next start
GAP_MIN = 15  # minutes: the least gap an item without a time is drawn in
OVERRUN = 15  # minutes: an item running on this long, at most, into the next in its room ends where that one starts
ALONE_MIN = 60  # minutes: a session alone this long before or after gathered parallel sessions is a box of its own
EMPTY_HOURS = 3  # whole hours with nothing on any day, at least, drawn as a band with a break mark (Grid.skipped)
FEWEST_HOURS = 8  # an hour is drawn at most this part of the grid's height (two talks left: not each half a page)
SKIPPED_BAND = 2.6  # times the hour labels' size: the height of that band (its first hour's label, the mark under it)
UNTIMED_LINES = 2  # lines of an item without a time listed under the grid
UNTIMED_SHARE = 0.3  # of the page, at most, for them: a day with more ends its list with "+N" (how many more)

LETTER = 0.55  # ems: about a letter's width in the boxes' face (an estimate: _aside_lanes)
LINE_FILL = 0.75  # of a line, about, that words fill when broken into narrow lines (an estimate: _aside_lanes)
ASIDE_LANES = 2  # a long session set aside beside gathered ones (_set_aside) has one, the gathered boxes the other(s)
# (in a third of the column, GMTH 2023's all-day autumn school on A5 was a lane of four lines of a word each,
# "Autumn / School – / Artistic / Research", beside a box of six rooms' names with room to spare)

MAIN = (-1, 0)  # the stream of items and sessions one after another (a parallel track: (entry, track))


@dataclass
class Box:
    """An item placed on the grid: minutes from the day's midnight, its lane(s) among `lanes`."""

    item: Item
    session: Session | None
    start: int
    end: int
    order: int
    stream: tuple[int, int]
    lane: int = 0
    span: int = 1
    lanes: int = 1
    group: int = 0  # the boxes that overlap one another (one after another) share a group
    members: list = field(default_factory=list)  # a box standing for a group too narrow to read: its boxes
    top: float | None = None  # minutes it is drawn from and to, when not its start and end (_room_for_titles)
    bottom: float | None = None
    aside: bool = False  # a long session's, in a lane of its own beside gathered parallel sessions (_set_aside)
    share: tuple[Fraction, Fraction] | None = None  # its left and right edge, of its day's column, when not its lanes'

    @property
    def across(self) -> tuple[Fraction, Fraction]:
        """Its left and right edge as parts of its day's column: those _share_evenly gave it, else its lanes'."""
        return self.share or (Fraction(self.lane, self.lanes), Fraction(self.lane + self.span, self.lanes))

    def edges(self, width: float) -> tuple[float, float]:
        """Its left and right edge in a day's column `width` wide, from the column's left."""
        if self.share is not None:
            return width * float(self.share[0]), width * float(self.share[1])
        lane = width / self.lanes
        return self.lane * lane, (self.lane + self.span) * lane

    def breadth(self, width: float) -> float:
        """How wide it is in a day's column `width` wide (between its edges)."""
        return width * float(self.share[1] - self.share[0]) if self.share is not None else width / self.lanes * self.span

    @property
    def drawn(self) -> tuple[float, float]:
        """The minutes it is drawn from and to: its start and end, or those _room_for_titles gave it."""
        return (self.start if self.top is None else self.top, self.end if self.bottom is None else self.bottom)


Aside = Callable[[list[Box], float], int]  # (the boxes gathered beside a long session set aside, their minutes) ->
# the lanes it shares its column in (_aside_lanes, as DayPlan.gather gives it to _set_aside)


@dataclass
class DayPlan:
    index: int
    day: Day
    boxes: list[Box] = field(default_factory=list)
    untimed: list[tuple[Item, Session | None]] = field(default_factory=list)
    clashing: frozenset[str] = frozenset()  # names two rooms' sessions in boxes side by side have (_clashing)
    counted: tuple | None = field(default=None, repr=False, compare=False)  # (the boxes' places, _across of them)

    @property
    def lanes(self) -> int:
        """The most boxes in a row side by side in its column, each beside the next (_side_by_side: not all at one
        time, a box beside the end of one and the start of another): those its column is shared among where it is
        narrowest (_share_evenly), not the lanes of a group whose boxes are never all side by side (AMCOS 2018's
        Wednesday: five lanes, a talk from 10:10 to 12:45 and one session after another beside it, each its own lane:
        two at a time)."""
        return max(self._across().values(), default=1)

    def _across(self) -> dict[int, int]:
        """For each group of its boxes, the most side by side (_side_by_side); a gathered group's, its lanes (a long
        session set aside beside gathered ones: ASIDE_LANES). Counted again when the boxes move."""
        key = tuple((b.group, b.lane, b.lanes, b.start, b.end, bool(b.members), b.aside) for b in self.boxes)
        if self.counted is None or self.counted[0] != key:
            groups: dict[int, list[Box]] = {}
            for box in self.boxes:
                groups.setdefault(box.group, []).append(box)
            self.counted = key, {group: max(b.lanes for b in boxes) if any(b.members or b.aside for b in boxes)
                                 else _side_by_side(boxes) for group, boxes in groups.items()}
        return self.counted[1]

    def width_needed(self, lane_min: float, narrow: float) -> float:
        """The width its column needs: `lane_min` for each of its lanes; but lanes the day has for BRIEF minutes or
        less (three BoFs at 18:00 beside one another for 50 minutes) only `narrow` each, set in the day's column as
        wide as the others (DebConf17's Sunday was twice as wide as its neighbours all day for that hour). A long
        session set aside beside gathered parallel sessions (_set_aside) needs `narrow` for each of their lanes too:
        a box of names and a bar, not lanes of titles."""
        across = self._across()
        spans: dict[int, tuple[int, float, float, bool]] = {}  # each group of boxes side by side: (how many at most,
        for box in self.boxes:  # start, end, one set aside in it)
            lanes, start, end, aside = spans.get(box.group, (across[box.group], box.start, box.end, False))
            spans[box.group] = (lanes, min(start, box.start), max(end, box.end), aside or box.aside)
        need = lane_min
        for lanes in range(2, self.lanes + 1):
            minutes = sum(end - start for count, start, end, aside in spans.values() if count >= lanes and not aside)
            need = max(need, lanes * (lane_min if minutes > BRIEF else narrow))
        return need

    def gather(self, width: float, narrow: float, shortest: float = 0.0, textless: float = 0.0) -> bool:
        """Each group of boxes whose boxes side by side (_side_by_side: not its lanes) would be narrower than `narrow`
        in a column `width` wide, or most of whose boxes are shorter than `shortest` minutes (too short for a line of
        the smallest type: lanes of empty boxes), or narrower than `narrow` * CRAMPED with most boxes a line high (four
        tracks of short talks on A4: "Approxi…", "Selection…"), the boxes counted those beside another (a track's talks
        before and after a workshop beside it are full width), becomes one box over their time (it names their
        sessions), with the groups of the same parallel sessions before and after it (a long session beside them set
        aside in a lane of its own, when half of the column is `narrow` wide: _aside_lanes, _set_aside); True
        when one did."""
        unit = {box.group: box.group for box in self.boxes}  # groups joined by the parallel sessions they share

        def root(group: int) -> int:
            while unit[group] != group:
                group = unit[group]
            return group

        entries: dict[int, int] = {}
        for box in self.boxes:
            if box.stream != MAIN:
                other = entries.setdefault(box.stream[0], box.group)
                unit[root(box.group)] = root(other)
        groups: dict[int, list[Box]] = {}
        for box in self.boxes:
            groups.setdefault(root(box.group), []).append(box)
        changed = False
        boxes = []

        def lanes_aside(beside: list[Box], minutes: float) -> int:  # (the lanes a long session shares its column in)
            return _aside_lanes(beside, minutes, width, narrow, shortest)

        aside = lanes_aside if width / ASIDE_LANES >= narrow else None
        for group in groups.values():
            if any(box.members for box in group):  # gathered already (what is left in lanes beside: the day's own)
                set_aside = [box.lanes for box in group if box.aside]
                if set_aside and width / max(set_aside) < narrow:  # (the column narrower since: again, in fewer lanes)
                    boxes += _gathered_around(_ungathered(group), max(GAP_MIN, shortest), aside)
                    changed = True
                else:
                    boxes += group
                continue
            lanes = _side_by_side(group)  # (the boxes side by side share the column, not the lanes: _share_evenly)
            beside = [box for box in group if box.lanes > 1]  # (not a track's items alone in their time)
            short = sum(box.end - box.start < shortest for box in beside)
            one_line = sum(box.end - box.start < 2 * shortest for box in beside)  # (room for one line of title)
            if lanes > 1 and (width / lanes < narrow or short * 2 > len(beside)
                              or width / lanes < narrow * CRAMPED and one_line * 2 > len(beside)):
                boxes += _gathered_around(group, max(GAP_MIN, shortest), aside)
                changed = True
            else:
                boxes += group
        boxes, gathered = _sessions_gathered(boxes, shortest, textless)
        self.boxes = sorted(boxes, key=lambda b: (b.start, b.lane, b.order))
        return changed or gathered


def _gathered_around(group: list[Box], least: float, aside: Aside | None = None) -> list[Box]:
    """A group of boxes too narrow to read gathered: the day's own items in it (in no session: a break, a lunch, a talk
    for everyone) keep their boxes, across the column, unless they overlap for `least` minutes or more something
    shorter than a long item (model.LONG_ITEM: a lunch at 11:30 beside talks to 12:00 would hide them; it is
    named among them); the rest becomes one box for each stretch of the group's time that those leave free (at least
    `least` minutes long: a workshop running on into lunch is not a sliver of its own under it), naming what is on
    then. (A lunch between parallel sessions was one of the sessions named in a box
    over the whole morning and afternoon.) `aside`: aside(boxes gathered beside it, their minutes), the lanes a long
    session beside them may be set aside in (_crowded_apart, _aside_lanes), None for none."""
    candidates = [box for box in group if box.stream == MAIN and box.session is None and box.item is not None]
    others = [box for box in group if box not in candidates]

    def cuts(own: Box) -> bool:  # (beside talks it overlaps, it would hide them: it is named among them instead)
        return all(holds_a_break(other.end - other.start, other.item is not None and other.item.tutorial)
                   for other in others if min(own.end, other.end) - max(own.start, other.start) >= least)

    own = [box for box in candidates if cuts(box)]
    rest = [box for box in group if box not in own] if own else group
    if not own or not rest:
        return _crowded_apart(group, min(b.start for b in group), max(b.end for b in group), least, group[0].group,
                              aside)
    stretches, at, end = [], min(b.start for b in rest), max(b.end for b in rest)
    for box in sorted(own, key=lambda b: b.start):
        if box.start > at:
            stretches.append((at, min(box.start, end)))
        at = max(at, box.end)
    if at < end:
        stretches.append((at, end))
    made = []
    for start, stop in stretches:
        members = [box for box in rest if box.start < stop and start < box.end]
        if stop - start >= least and members:
            made += _crowded_apart(members, start, stop, least, group[0].group, aside)
    for box in own:  # across the column now, unless they overlap one another
        box.lane, box.span, box.lanes = 0, 1, 1
    _lanes_of(sorted(own, key=lambda b: (b.start, b.order)))
    return made + own


def _crowded_apart(members: list[Box], start: int, stop: int, least: float, group: int,
                   aside: Aside | None = None) -> list[Box]:
    """Boxes too narrow to read from `start` to `stop` gathered into one naming them; but where one session alone is on
    at its start or end (a day-long school beside an afternoon of sessions), for ALONE_MIN minutes or more, that time
    is a box of its own naming that session (a box naming every session over the whole day said nothing of when; a
    workshop half an hour longer than the talk beside it stays in the box: a band cut in two said less). When that
    session is on all the while the others are too, and `aside` lanes are given, it is set aside (_set_aside): a box
    of its own over its whole time in a lane, the others gathered beside it (GMTH 2023's Thursday: an autumn school
    from 09:30 to 22:00 beside six rooms' meetings from 15:00 to 20:30 was three boxes one under another in one
    column, the school named in each, the middle one among the rooms: it read as one box, the school twice in it)."""
    points = sorted({start, stop} | {t for b in members for t in (b.start, b.end) if start < t < stop})
    busy = [(a, z) for a, z in zip(points, points[1:])
            if len({_owner(b) for b in members if b.start < z and a < b.end}) > 1]
    first, last = (busy[0][0], busy[-1][1]) if busy else (start, stop)
    first = start if first - start < max(least, ALONE_MIN) else first
    last = stop if stop - last < max(least, ALONE_MIN) else last
    if aside is not None and busy and (first, last) != (start, stop):
        made = _set_aside(members, start, stop, (first, last), least, group, aside)
        if made:
            return made
    made = []
    for a, z in ((start, first), (first, last), (last, stop)):
        inside = [box for box in members if box.start < z and a < box.end]
        if (a, z) == (first, last) and busy:
            inside = [box for box in inside if not _named_on_its_own(box, (start, first), (last, stop))] or inside
        if z > a and inside:
            alone = (a, z) != (first, last) or not busy
            made.append(Box(None, inside[0].session if alone and len({_owner(b) for b in inside}) == 1 else None, a, z,
                            min(b.order for b in inside), MAIN, group=group, members=inside))
    return made


def _named_on_its_own(box: Box, *alone: tuple[int, int]) -> bool:
    """Whether `box`, among gathered boxes, has more of its time in one of the stretches `alone` (a box of its own
    before or after the sessions' box: _crowded_apart) than beside the sessions: it is named there alone, not in their
    box too. GMTH 2023's Saturday: a lunch from 13:00 to 14:30, the last talk beside it to 13:30, was named among the
    parallel sessions ("... · Künstlerische Forschung I · Mittagspause") and in its own box right under them."""
    def length(a: int, z: int) -> int:
        return max(0, min(z, box.end) - max(a, box.start))

    beside = box.end - box.start - sum(length(a, z) for a, z in alone)
    return any(z > a and length(a, z) > beside for a, z in alone)


def _owner(box: Box) -> int:
    """Whose a box is, when gathered boxes are told apart: its session's, else its own (a line of the day's)."""
    return id(box.session) if box.session is not None else id(box)


def _set_aside(members: list[Box], start: int, stop: int, busy: tuple[int, int], least: float, group: int,
               aside: Aside) -> list[Box]:
    """Boxes too narrow to read from `start` to `stop`, more than one session on from `busy[0]` to `busy[1]` and one
    alone before or after that for a box of its own: when that one is on all that time too, or beside the others for
    more than BRIEF minutes (its boxes one right after another, a gap shorter than `least` between them), it is set
    aside, in a lane of aside(the others, their minutes) (the left one when it comes first in the programme, else the
    right one: _aside_lanes), its box over
    its whole time (its item's own, else one naming it); the others are gathered in the lanes beside it
    (_crowded_apart: a session alone before or after them a box of its own there). Nothing (an empty list) when no
    session is on so long (a box of its own before the others, named among them for their first hour, says when)."""
    first, last = busy
    for owner in dict.fromkeys(map(_owner, members)):
        mine = sorted((b for b in members if _owner(b) == owner), key=lambda b: b.start)
        runs: list[list[Box]] = []
        for box in mine:
            if runs and box.start - max(b.end for b in runs[-1]) < least:
                runs[-1].append(box)
            else:
                runs.append([box])
        for run in runs:
            a, z = max(start, run[0].start), min(stop, max(b.end for b in run))
            if (a < first and first > start or z > last and last < stop) \
                    and (a <= first and last <= z or min(z, last) - max(a, first) > BRIEF):
                break
        else:
            continue
        rest = [b for b in members if _owner(b) != owner]  # (its other runs in its lane too: _kept_aside)
        if not rest:
            continue
        left = min(b.order for b in mine) < min(b.order for b in rest)
        begin, end = max(start, min(b.start for b in rest)), min(stop, max(b.end for b in rest))
        lanes = aside(rest, end - begin)
        kept = [_kept_aside(each, owner, start, stop, group) for each in runs]
        for box in kept:
            box.lane, box.span, box.lanes, box.aside = 0 if left else lanes - 1, 1, lanes, True
        made = _crowded_apart(rest, begin, end, least, group)
        for box in made:
            box.lane, box.span, box.lanes = 1 if left else 0, lanes - 1, lanes
        return kept + made
    return []


def _aside_lanes(beside: list[Box], minutes: float, width: float, narrow: float, shortest: float) -> int:
    """The lanes a long session set aside shares its column `width` wide in (_set_aside), one its own: two, halves
    (ASIDE_LANES), where the box gathering the sessions `beside` it (`minutes` long) holds their names in half the
    column, by an estimate of its lines (in the boxes' type, `narrow` / NARROW; `shortest`, the minutes of a line of
    SMALLEST type) and their letters (_letters); else three, the others in two thirds, where a third is `narrow` wide. (GMTH
    2023's autumn school, in a third, was a word a line beside six rooms' names with room to spare; 39C3's Saturday,
    in a half, cut fifty rooms' names short beside a DJ set.)"""
    if width / 3 < narrow or shortest <= 0:
        return ASIDE_LANES
    size = narrow / NARROW
    names = {_owner(b): b.session.name if b.session is not None else b.item.shown_title if b.item else ""
             for b in beside}
    letters = sum(_letters(markup.plain(name or "")) + 3 for name in names.values())  # (and the mark between)
    per_line = (width / ASIDE_LANES - 2 * PAD) / (LETTER * size)
    lines = minutes / shortest * SMALLEST / size
    return ASIDE_LANES if letters <= per_line * lines * LINE_FILL else 3


def _letters(text: str) -> int:
    """How many letters of about LETTER ems `text` is as wide as: a wide or full-width character (Chinese, Japanese,
    Korean: about an em) two, a combining mark (an accent, an Arabic vowel sign) none. (Counted one each, four
    Chinese names of six characters were taken for half the width they print at: half the column, cut short.)"""
    return sum(0 if unicodedata.combining(char) else 2 if unicodedata.east_asian_width(char) in "WF" else 1
               for char in text)


def _kept_aside(run: list[Box], owner: int, start: int, stop: int, group: int) -> Box:
    """A run of a session set aside (_set_aside) as a box in its lane, from `start` to `stop` at most: its item's own,
    else one naming the session. Each of its runs is: one left among the sessions gathered beside it named it there
    too, the same name in two boxes side by side (39C3's Sunday: "SoS Workshop D", a talk at 10:30 and then from
    14:00 to 10:00 the next morning, set aside from 14:00, was named among forty rooms too)."""
    a, z = max(start, run[0].start), min(stop, max(b.end for b in run))
    if len(run) == 1:
        kept = replace(run[0], start=a, end=z, members=[])
    else:
        kept = Box(None, run[0].session if owner == id(run[0].session) else None, a, z, min(b.order for b in run),
                   MAIN, members=run)
    kept.group = group
    return kept


def _ungathered(group: list[Box]) -> list[Box]:
    """The boxes a gathered group was made of (each once), a box set aside in it as it was."""
    out: dict[int, Box] = {}
    for box in group:
        for b in box.members or ([replace(box, aside=False)] if box.aside else [box]):
            out.setdefault(id(b), b)
    return sorted(out.values(), key=lambda b: (b.start, b.order))


def _sessions_gathered(boxes: list[Box], shortest: float, textless: float = 0.0) -> tuple[list[Box], bool]:
    """A session one item after another (not beside another) most of whose items are shorter than `shortest`
    minutes (a session of five-minute talks: a stack of empty stripes) as one box over its time, naming it."""
    sessions: dict[int, list[list[Box]]] = {}
    for box in sorted(boxes, key=lambda b: b.start):
        if box.session is not None and box.stream == MAIN and box.lanes == 1 and not box.members:
            runs = sessions.setdefault(id(box.session), [[]])
            if box.item is not None and box.item.kind in ("break", "social"):
                runs.append([])  # (a lunch inside the session stays a box of its own, between the runs it parts)
            else:
                runs[-1].append(box)
    groups = [run for runs in sessions.values() for run in runs if len(run) > 1
              and sum(b.end - b.start < shortest for b in run) * 2 > len(run)] + _short_lines(boxes, shortest, textless)
    if not groups:
        return boxes, False
    gathered = {id(box) for group in groups for box in group}
    out = [box for box in boxes if id(box) not in gathered]
    for group in groups:
        out.append(Box(None, group[0].session, min(b.start for b in group), max(b.end for b in group),
                       min(b.order for b in group), MAIN, group=group[0].group, members=group))
    return out, True


def _short_lines(boxes: list[Box], shortest: float, textless: float = 0.0) -> list[list[Box]]:
    """Runs of two or more lines of the day (no session's, each alone in its time) one right after another, each
    shorter than `shortest` minutes ("Opening remarks 09:00-09:05", "Group photo 09:05-09:15"): each box too low for
    its title, which went unprinted; one box over their time names them all. A line alone shorter than `textless`
    minutes (too low for its title even as a sliver: "Opening 09:00-09:05" before a keynote) goes with the line
    right before it, or else right after it ("Registration · Opening")."""
    lines = sorted((box for box in boxes if box.session is None and box.stream == MAIN and box.lanes == 1
                    and not box.members and box.item is not None and box.item.shown_title), key=lambda b: b.start)
    runs: list[list[Box]] = []
    for box in lines:
        if runs and runs[-1][-1].end == box.start and box.end - box.start < shortest \
                and runs[-1][-1].end - runs[-1][-1].start < shortest:
            runs[-1].append(box)
        else:
            runs.append([box])
    for k, run in enumerate(runs):
        if len(run) != 1 or not run[0].end - run[0].start < textless:
            continue  # (a run a neighbour took its line from has none left)
        box = run[0]
        touching = [runs[k - 1]] if k and len(runs[k - 1]) == 1 and runs[k - 1][0].end == box.start else []
        touching += [runs[k + 1]] if k + 1 < len(runs) and len(runs[k + 1]) == 1 and runs[k + 1][0].start == box.end \
            else []
        for other in touching:  # a line of the programme right before or after it, not a talk ("A talk · Changeover")
            if not _talk_like(other[0]):
                run[:] = sorted([box, other[0]], key=lambda b: b.start)
                other.clear()
                break
    return [run for run in runs if len(run) > 1]


def _lines_only(boxes: list[Box]) -> bool:
    """Whether gathered boxes are lines of the day's own (no session's, no parallel track's): _short_lines'."""
    return all(box.session is None and box.stream == MAIN for box in boxes)


def _talk_like(box: Box) -> bool:
    """Whether a box is a talk's or a tutorial's (not a line of the programme: a break, a meal, an opening)."""
    return box.item is not None and bool(box.item.abstract or box.item.tutorial or box.item.kind == "talk")


def has_glance(booklet) -> bool:
    """Whether the programme has a grid to draw: an item with a time, on some day."""
    return any(item.time for day in booklet.days for item in day.items())


def build_glance(ctx: Context) -> list:
    """The section's flowables: one GlancePage, or a spread (two, after a blank page when need be)."""
    if not has_glance(ctx.booklet):
        return []
    grid, pages = _planned(ctx)
    if len(pages) == 1:
        return [GlancePage(ctx, grid, pages[0], first=True)]
    story: list = [ToLeftPage(BlankPage)]
    for number, shown in enumerate(pages):
        story += [PageBreak()] if number else []
        story.append(GlancePage(ctx, grid, shown, first=number == 0))
    return story


def glance_spread(ctx: Context) -> bool:
    """Whether the glance takes more than a page: a spread, which starts on a left-hand page (story._front)."""
    return has_glance(ctx.booklet) and len(_planned(ctx)[1]) > 1


def _planned(ctx: Context) -> tuple[Grid, list[list[DayPlan]]]:
    """The glance's grid and its days, page by page, laid out (made once for a Context, kept on it: the front matter
    asks whether it is a spread, build_glance draws it)."""
    planned = ctx.__dict__.get("_glance_planned")
    if planned is None:
        planned = ctx._glance_planned = _plan(ctx)
    return planned


def _plan(ctx: Context) -> tuple[Grid, list[list[DayPlan]]]:
    plans = [plan_day(index, day) for index, day in enumerate(ctx.booklet.days)]
    grid = Grid(ctx, plans)
    pages = split_days(plans, grid)
    while True:
        for shown in pages:
            while any([plan.gather(width, grid.narrow, grid.shortest, grid.textless)
                       for plan, width in zip(shown, grid.widths(shown))]):
                pass  # a gathered day is narrower: the others wider (a gathered group never comes apart)
        fewer = split_days(plans, grid)  # the days split by their lanes before gathering: a day's parallel
        if len(fewer) >= len(pages):  # sessions gathered into one box may leave room for all on fewer pages
            break  # (three days, one with sessions too short for lanes: not a spread with a day alone)
        pages = fewer
    for shown in pages:
        for plan, width in zip(shown, grid.widths(shown)):
            _share_evenly(plan.boxes)
            plan.clashing = _clashing(plan.boxes)
            _room_for_titles(plan, grid, width)
    return grid, pages


def _clashing(boxes: list[Box]) -> frozenset[str]:
    """The names (as written) that sessions of different rooms have in two boxes side by side (at the same time): each
    box naming one of them names its room too. 39C3's Saturday: "DJ-Set · Live Performance" set aside for the Chill
    Floor, and beside it the gathered parallel sessions naming the Chaos Computer Music Club's of that name, then a box
    of its own. (A track's name in boxes one after another, 36C3's "Security" in two halls, 17:00 and 18:00, stays
    as it is: a name repeated in one box is listed once.) A box of one session alone right before or after gathered
    parallel sessions counts as beside them, when another room's session of its name is among them: 39C3's Sunday, the
    rooms' box to 06:00 named "DJ-Set · Live Performance" once for Am Spätverkauf and the Chill Floor, and the box
    under it, the Chill Floor's until 07:00, "DJ-Set · Live Performance": which room's went on could not be told."""
    named = []  # (box, {name: its sessions' rooms}) of each box that names sessions
    for box in boxes:
        if _titled_as_session(box):  # (a room's lone item titled as its session: two rooms' "BoF" side by side)
            named.append((box, {as_written(box.session.name): {box.session.room}}))
        elif box.members:
            rooms: dict[str, set] = {}
            for member in box.members:
                if member.session is not None:
                    rooms.setdefault(as_written(member.session.name), set()).add(member.session.room)
            if rooms:
                named.append((box, rooms))
    clashing = set()
    for n, (box, rooms) in enumerate(named):
        for other, theirs in named[n + 1:]:
            alone = box.session is not None or other.session is not None  # (a box naming one session)
            if box.start < other.end and other.start < box.end or alone and (box.end == other.start
                                                                             or other.end == box.start):
                clashing |= {name for name in rooms.keys() & theirs.keys() if len(rooms[name] | theirs[name]) > 1}
    return frozenset(clashing)


def _titled_as_session(box: Box) -> bool:
    """Whether `box`, one item's, names its session: the item is titled as its session is (an import names a room's
    lone talk or BoF so), and the session has a room to tell it apart by."""
    session, item = box.session, box.item
    return (not box.members and session is not None and session.room is not None and item is not None
            and item.shown_title is not None and as_written(item.shown_title) == as_written(session.name))


def _item_title(ctx: Context, box: Box, clashing: frozenset[str]) -> str | None:
    """The name a box of one item prints its title as: the session's with its room (the label glance_room) when the
    item is titled as its session and another room's session of that name has a box beside it (_clashing), else
    None (its own title, as _texts sets it). Two rooms' lone "BoF" side by side printed "BoF" and "BoF"."""
    if _titled_as_session(box) and as_written(box.session.name) in clashing:
        return _named(ctx, box.session, clashing)
    return None


def _room_for_titles(plan: DayPlan, grid: Grid, width: float) -> None:
    """A box too low for a line of its title even as a sliver (SIGDIAL's quarter-hour "Opening Remarks", an invited
    talk with no end five minutes before the next) is drawn that high, into the free time after it, else before it,
    where no box of its lanes is: it was drawn empty, or as a hairline with nothing to read. A title whose formula of
    scripts on scripts reaches higher (lower) than its capitals (descenders) needs the line as tall as it is
    (_title_need; `width`: the day's column's): with the plain line's height, it was set smaller, down to TINY, and
    at TINY still cut off by the box. A white box, drawn with a rule round it, needs a whole line of SMALLEST type with
    its padding (grid.shortest): as a sliver, its title's capitals and descenders touched the rule above and below
    (SIGDIAL's quarter-hour "Opening Remarks", a review of real books); a coloured box has no rule for them to touch."""
    plain, whole = grid.textless + 0.01, grid.shortest + 0.01
    first, last = grid.first, grid.last
    stops = [a for a, _ in grid.skipped] + [last]  # (nor into an empty stretch drawn as a band: Grid.skipped)
    starts = [first] + [b for _, b in grid.skipped]

    def beside(a: Box, b: Box) -> bool:  # sharing some of the column's width
        return a.across[0] < b.across[1] and b.across[0] < a.across[1]

    for box in sorted(plan.boxes, key=lambda b: b.start):
        if not (box.members or box.item is not None and box.item.shown_title):
            continue
        need = max(whole if _fill(grid.ctx, box) is None else plain, _title_need(grid, box, width, plan.clashing))
        if box.end - box.start >= need:
            continue
        others = [b for b in plan.boxes if b is not box and beside(b, box)]
        after = min([b.drawn[0] for b in others if b.start >= box.end] + [t for t in stops if t >= box.end])
        before = max([b.drawn[1] for b in others if b.end <= box.start] + [t for t in starts if t <= box.start])
        bottom = min(after, box.start + need)
        top = max(before, bottom - need)
        if (top, bottom) != (box.start, box.end):
            box.top, box.bottom = top, bottom


def _fill(ctx: Context, box: Box):
    """What `box` (gathered boxes, or an item's) is filled with, as _box draws it; None: white, with a rule round it.
    Gathered boxes take the sessions' colour, but short lines alone look as the first of them does."""
    if box.members:
        if box.session is None and _lines_only(box.members):
            return _look(ctx, box.members[0].item, None)[0]
        return ctx.colours.session
    return _look(ctx, box.item, box.session)[0]


def _title_need(grid: Grid, box: Box, width: float, clashing: frozenset[str] = frozenset()) -> float:
    """The minutes `box` needs to show its title's line in SMALLEST type whole, when a formula of scripts on scripts
    in it reaches higher (lower) than the capitals (descenders) do: the ink of that line as _sliver sets it in the
    box's width, and the padding fit_box leaves in a box taller than a line of that type (0 for any other title)."""
    titles = [name for b in box.members for name in (b.session and b.session.name, b.item and b.item.shown_title)
              if name] if box.members else [box.item.shown_title]
    if not any(markup.has_math(name) for name in titles):
        return 0.0  # (most titles: no formula, nothing set to measure; a gathered box's title made once, drawn)
    if box.members:
        title, language = _gathered(grid.ctx, box.members, clashing)[0], None
    else:
        title, language = _texts(grid.ctx, box.item, _item_title(grid.ctx, box, clashing))[0], _language(box.item)
    if not title or "<mscripts" not in title and "<mroot" not in title:
        return 0.0
    title = _run_on(title)  # (as fit_box sets it)
    inner = box.breadth(width) - 2 * BOX_GAP - 2 * PAD
    laid = _sliver(grid, title, inner, 10_000.0, language) if inner > 0 else []
    if not laid:
        return 0.0
    high, low = _ink(laid[0][0])
    if high + low <= SMALLEST * (CAP_HEIGHT + DESCENDER) + 0.01:
        return 0.0
    height = high + low if high + low <= grid.box_leading(SMALLEST) else high + low + 2 * PAD * 0.7  # (_draw_box)
    return (height + 2 * BOX_GAP) / grid.per_minute + 0.01


# --------------------------------------------------------------------------- the plan of a day


def plan_day(index: int, day: Day) -> DayPlan:
    """Every item of the day placed in time and in lanes, or listed as having no time."""
    plan = DayPlan(index, day)
    flat = []  # (order, item, session, stream, start, end) in printed order; start None: no time
    clock = day.clock()  # (after midnight: 24 hours on)
    for entry_index, entry in enumerate(day.entries):
        if isinstance(entry, Item):
            members = [(entry, None, MAIN)]
        elif isinstance(entry, Session):
            members = [(item, entry, MAIN) for item in entry.items]
        else:
            tracks = _room_tracks(entry.sessions)
            members = [(item, session, (entry_index, track))
                       for track, session in zip(tracks, entry.sessions) for item in session.items]
        for item, session, stream in members:
            start, end = clock.get(id(item), (None, None))
            flat.append([len(flat), item, session, stream, start, end])
    for row in flat:  # open ends
        order, _, _, stream, start, end = row
        if start is None or end is not None:
            continue
        later = [r[4] for r in flat if r[4] is not None and r[4] > start and (r[3] == stream or stream == MAIN)]
        if not later:
            later = [r[4] for r in flat if r[4] is not None and r[4] > start]
        following = min(later, default=None)
        row[5] = following if following is not None and following - start <= OPEN_MAX else start + OPEN
    boxes = [Box(item, session, start, end, order, stream) for order, item, session, stream, start, end in flat
             if start is not None]
    boxes += _in_gaps(flat, plan)
    _one_at_a_time(boxes)
    _assign_lanes(boxes)
    plan.boxes = sorted(boxes, key=lambda b: (b.start, b.lane, b.order))
    return plan


def _in_gaps(flat: list, plan: DayPlan) -> list[Box]:
    """Items without a time: boxes in the gap they stand in, or (no such gap) the day's untimed list."""
    boxes = []
    index = 0
    while index < len(flat):
        if flat[index][4] is not None:
            index += 1
            continue
        stream = flat[index][3]
        run = [flat[index]]  # untimed items one after another in the same stream
        while index + len(run) < len(flat) and flat[index + len(run)][4] is None \
                and flat[index + len(run)][3] == stream:
            run.append(flat[index + len(run)])
        def mine(r):
            return r[4] is not None and (stream == MAIN or r[3] == stream)
        before = [r[5] for r in flat[:index] if mine(r)]
        after = [r[4] for r in flat[index + len(run):] if mine(r)]
        gap_start, gap_end = max(before, default=None), min(after, default=None)
        if gap_start is not None and gap_end is not None and gap_end - gap_start >= GAP_MIN * len(run):
            step = (gap_end - gap_start) / len(run)
            for n, (order, item, session, stream_, _, _) in enumerate(run):
                boxes.append(Box(item, session, round(gap_start + n * step), round(gap_start + (n + 1) * step),
                                 order, stream_))
        else:
            plan.untimed += [(r[1], r[2]) for r in run]
        index += len(run)
    return boxes


def _one_at_a_time(boxes: list[Box]) -> None:
    """An item that runs on into the next one in its room (its parallel track, or its session one item after
    another) for OVERRUN minutes or less ends, on the grid, where that one starts (the day's page keeps both times):
    the room's lane holds one box at a time. (Ten minutes of "Morning" in a hall after "Evening" began there in the
    data gave the group a lane more, every box beside them narrower, or, gathered, named "Evening" among the parallel
    sessions and again in its own box right under them, for its ten minutes beside them.)"""
    rooms: dict[object, list[Box]] = {}
    for box in boxes:
        room = box.stream if box.stream != MAIN else id(box.session) if box.session is not None else None
        if room is not None:
            rooms.setdefault(room, []).append(box)
    for run in rooms.values():
        run.sort(key=lambda b: (b.start, b.order))
        for before, after in zip(run, run[1:]):
            if before.start < after.start < before.end <= min(after.end, after.start + OVERRUN):
                before.end = after.start


def _room_tracks(sessions: list[Session]) -> list[int]:
    """Each parallel session's track (its lane): its room's place among the rooms, where every session names one
    (a room's sessions one after another, a congress's tracks in turn in a hall, share its lane: 31C3's four halls
    were thirteen lanes, the boxes of a row in lanes that did not line up with the row's before), else its own."""
    rooms = [session.room for session in sessions]
    if not all(rooms):
        return list(range(len(sessions)))
    order = list(dict.fromkeys(rooms))
    return [order.index(room) for room in rooms]


def _track(box: Box) -> int | None:
    return None if box.stream == MAIN else box.stream[1]


def _assign_lanes(boxes: list[Box]) -> None:
    """Lanes for boxes that overlap in time: each group of overlapping boxes gets as many lanes as
    it needs at once; a parallel track keeps its own lane where it can; a box alone in its time widens over
    the lanes from its own on."""
    ordered = sorted(boxes, key=lambda b: (b.start, b.order))
    group: list[Box] = []
    group_end = None
    for box in ordered + [None]:
        if box is not None and group and box.start < group_end:
            box.group = group[0].group
            group.append(box)
            group_end = max(group_end, box.end)
            continue
        if group:
            _lanes_of(group)
        if box is not None:
            box.group = group[0].group + 1 if group else 0
            group, group_end = [box], box.end


def _lanes_of(group: list[Box]) -> None:
    # a lane for each parallel track from the start (a track starting later than the one to its right kept its lane:
    # Room A's first talk was in Room B's lane, and its next in its own); other boxes take the lanes left free
    tracks = [track for track in map(_track, group) if track is not None]
    lane_ends: list[float] = [float("-inf")] * (max(tracks) + 1 if tracks else 0)
    for box in group:
        wanted = _track(box)
        free = [i for i, end in enumerate(lane_ends) if end <= box.start]
        if wanted is not None and wanted in free:
            lane = wanted
        elif wanted is not None and wanted == len(lane_ends):
            lane = wanted
            lane_ends.append(box.end)
        elif free:
            lane = next((i for i in free if i not in tracks), free[0])
        else:
            lane = len(lane_ends)
            lane_ends.append(box.end)
        lane_ends[lane] = box.end
        box.lane = lane
    for box in group:  # (a box beside another in its time keeps one lane: rC3's 'The weirdness of investigative
        box.lanes = len(lane_ends)  # journalism' was twice as wide as the talk beside it, in a lane left free)
        if not any(other.start < box.end and box.start < other.end for other in group if other is not box):
            box.span = max(box.span, box.lanes - box.lane)  # alone in its time: over the lanes from its own on


def _share_evenly(boxes: list[Box]) -> None:
    """The day's column shared by the boxes side by side at each time, not by the lanes their group has for its most
    crowded time: DebConf17's first Saturday had four lanes from 14:30 for four talks at 18:00, and at 14:30 three
    boxes in them, "Free…" cut beside a lane left empty. Each box keeps its place left or right of the boxes beside it
    (a room's left of the next room's), and the widths are as even as they can be: the narrowest as wide as it can be,
    then the next narrowest, and so on (a box beside a longer one as narrow as four talks at 18:00 makes it shares
    what that leaves). A box alone in its time is as wide as the column. Gathered boxes and those set aside keep their
    lanes (a long session in half of the column: _set_aside). Sets `share` where it is not the box's lanes'.
    Each group of boxes is shared on its own (_shared: no box is beside another group's), so that a day of many boxes
    costs what its groups do, not what all its boxes would together."""
    gathered = {box.group for box in boxes if box.members or box.aside}
    groups: dict[int, list[Box]] = {}
    for box in boxes:
        if box.group not in gathered:
            groups.setdefault(box.group, []).append(box)
    for group in groups.values():
        _shared(group)


def _shared(group: list[Box]) -> None:
    """_share_evenly for one group of boxes, none gathered: each box's `share`, where it is not its lanes' (_shares),
    kept in the build's cache by the group's geometry (_geometry): a rebuild after an edit that moves no box (an
    abstract's text) shares no column again."""
    shares = memory.kept("glance geometry", ("shares", _geometry(group)), lambda: _shares(group))
    for box, share in zip(group, shares):
        if share is not None:
            box.share = share


def _geometry(boxes: list[Box]) -> tuple:
    """All that _shares and _most_side_by_side read of `boxes`, in their order: each one's start and end, lanes and
    order in its day (a key of what they give)."""
    return tuple((box.start, box.end, box.lane, box.span, box.lanes, box.order) for box in boxes)


def _shares(group: list[Box]) -> tuple[tuple[Fraction, Fraction] | None, ...]:
    """For each box of `group` (one group of boxes, none gathered), in order, its left and right edge as _share_evenly
    shares the column, or None where that is its lanes'. The widths
    are settled a level at a time: the boxes of the rows side by side that are as wide as the column at the level
    are settled, and their edges with them (nothing beside them can move them); the next level shares out what they
    leave to the boxes not settled, walled in by them. Each pass over the boxes costs n log n (the boxes beside one
    are found through their stretches of time, _Stretches, not by pairs) and goes over the boxes not settled only:
    a group of hundreds of boxes took seconds, every pass over every box for each of its levels."""
    lanes, stretches = _by_lane(group), _Stretches(group)
    width: dict[int, Fraction] = {}  # of the boxes whose width is settled
    ends: tuple[dict[int, Fraction], dict[int, Fraction]] = ({}, {})  # their right edges, and their left edges from
    walls: tuple[dict[int, Fraction], dict[int, Fraction]] = ({}, {})  # the right; where those beside a box end
    new: list[Box] = []
    while len(width) < len(group):
        for side, (end, wall) in enumerate(zip(ends, walls)):  # (on its left, on its right: the new ones)
            order = lanes if side == 0 else lanes[::-1]
            for key, at in _beside_settled(order, stretches, end, new, width).items():
                wall[key] = max(at, wall.get(key, Fraction(0)))
        level = Fraction(1)  # each unsettled box this wide: lowered until no row of boxes side by side is too wide
        while True:  # (Dinkelbach: to what the widest row at the level before leaves each of its unsettled boxes)
            ending = _rows(lanes, stretches, width, walls[0], level)
            row, taken, count = max((total + walls[1].get(key, 0), first + walls[1].get(key, 0), count)
                                    for key, (total, first, count) in ending.items())
            if row <= 1:  # (the widest row: from its wall on the left to the one on its right)
                break
            level = (1 - taken) / count
        starting = _rows(lanes[::-1], stretches, width, walls[1], level)
        new = [box for lane in lanes for box in lane
               if id(box) in ending and ending[id(box)][0] + starting[id(box)][0] - level == 1]
        for box in new:  # settled: the boxes in a row as wide as the column
            width[id(box)] = level
            ends[0][id(box)], ends[1][id(box)] = ending[id(box)][0], starting[id(box)][0]
    shares = []
    for box in group:
        left, right = ends[0][id(box)] - width[id(box)], ends[0][id(box)]
        lanes_own = (Fraction(box.lane, box.lanes), Fraction(box.lane + box.span, box.lanes))
        shares.append(None if (left, right) == lanes_own else (left, right))
    return tuple(shares)


def _side_by_side(boxes: list[Box]) -> int:
    """The most boxes in a row side by side, each beside the next (a room's left of the next room's), among `boxes`
    (none gathered): the number _share_evenly shares the day's column among where it is narrowest. AMCOS 2018's
    Wednesday had five lanes (an invited talk from 10:10 to 12:45, beside it one session after another, each its own
    lane), never more than two boxes side by side: it was gathered as if five shared the column. Kept in the build's
    cache by their geometry (_geometry), as _shared's shares are."""
    return memory.kept("glance geometry", ("side by side", _geometry(boxes)), lambda: _most_side_by_side(boxes))


def _most_side_by_side(boxes: list[Box]) -> int:
    """_side_by_side, worked out."""
    rows = _rows(_by_lane(boxes), _Stretches(boxes), {}, {}, Fraction(1))
    return max((count for _, _, count in rows.values()), default=0)


def _by_lane(boxes: list[Box]) -> list[list[Box]]:
    """`boxes` lane by lane, left to right, each lane's in time order."""
    lanes: dict[int, list[Box]] = {}
    for box in sorted(boxes, key=lambda b: (b.lane, b.start, b.order)):
        lanes.setdefault(box.lane, []).append(box)
    return list(lanes.values())


def _rows(lanes: list[list[Box]], stretches: _Stretches, width: dict[int, Fraction], walls: dict[int, Fraction],
          level: Fraction) -> dict[int, tuple[Fraction, Fraction, int]]:
    """For each box of `lanes` (lane by lane, from the side the rows start from) whose width is not settled in `width`,
    the widest row of such boxes side by side, each beside the next, ending at it, from its first box's wall (`walls`:
    where the settled boxes beside it on that side end, else the column's edge): (how far from that side the row ends,
    that wall, how many boxes are in the row, each `level` wide). A lane's boxes are beside those of the lanes before
    it that share some of their time."""
    profile = _Profile(stretches, (Fraction(0), Fraction(0), 0))
    rows: dict[int, tuple[Fraction, Fraction, int]] = {}
    for lane in lanes:
        mine = [box for box in lane if id(box) not in width]
        for box in mine:  # (all of a lane's before any is put: a lane's boxes are not beside one another)
            wall = walls.get(id(box), Fraction(0))
            total, first, count = max(profile.largest(box), (wall, wall, 0))
            rows[id(box)] = (total + level, first, count + 1)
        for box in mine:
            profile.put(box, rows[id(box)])
    return rows


def _beside_settled(lanes: list[list[Box]], stretches: _Stretches, end: dict[int, Fraction], settled: list[Box],
                    width: dict[int, Fraction]) -> dict[int, Fraction]:
    """For each box of `lanes` (lane by lane from one side) not settled in `width`, beside one of the `settled` boxes
    on that side: where the farthest of those ends, `end` (from that side), by the box's id."""
    profile = _Profile(stretches, Fraction(-1))
    settled_ids = {id(box) for box in settled}
    out = {}
    for lane in lanes:
        for box in lane:
            if id(box) not in width:
                found = profile.largest(box)
                if found >= 0:
                    out[id(box)] = found
        for box in lane:
            if id(box) in settled_ids:
                profile.put(box, end[id(box)])
    return out


class _Stretches:
    """A group's time in stretches, between two of its boxes' starts and ends, as the leaves of a segment tree: for
    each box, the nodes that cover its stretches together, and the nodes above them (those of its first and last
    stretch), found once for the passes over the group (_Profile). A box of no length (a library's Day: the data's
    times have one) has a stretch of its own at its time, inside those of the boxes around it and beside no other:
    it is beside the boxes that start before it and end after it, as when pairs were compared (its stretch had been
    none, and the nodes above it those of the stretch before it, or outside the tree)."""

    def __init__(self, boxes: list[Box]):
        bounds = {id(box): _bounds(box, n) for n, box in enumerate(boxes)}
        points = sorted({point for pair in bounds.values() for point in pair})
        slot = {point: n for n, point in enumerate(points)}
        self.size = 1 << max(0, len(points) - 2).bit_length()
        self.nodes: dict[int, tuple[list[int], list[int]]] = {}
        for box in boxes:
            start, end = bounds[id(box)]
            low, high = slot[start] + self.size, slot[end] + self.size
            first, last, cover = low, high - 1, []
            while low < high:
                if low & 1:
                    cover.append(low)
                    low += 1
                if high & 1:
                    high -= 1
                    cover.append(high)
                low, high = low >> 1, high >> 1
            above = set()
            for leaf in (first, last):
                leaf >>= 1
                while leaf and leaf not in above:
                    above.add(leaf)
                    leaf >>= 1
            self.nodes[id(box)] = cover, sorted(above)


def _bounds(box: Box, n: int) -> tuple[tuple, tuple]:
    """Where the `n`th box of a group starts and ends among the group's stretches (_Stretches): a box ending at a time
    before one starting at it, so that the two share no stretch; a box of no length between them, in a stretch of its
    own."""
    if box.start < box.end:
        return (box.start, 2, 0), (box.end, 0, 0)
    return (box.start, 1, 2 * n), (box.start, 1, 2 * n + 1)


class _Profile:
    """The largest value put on each stretch of a group's time (_Stretches): a box's put on all its stretches, and
    the largest on any of a box's stretches (put by the boxes that share some of its time), each in log time (`top`:
    the largest put on any stretch under a node; `whole`: on all of them)."""

    def __init__(self, stretches: _Stretches, nothing):
        self.nodes = stretches.nodes
        self.nothing = nothing
        self.top = [nothing] * (2 * stretches.size)
        self.whole = [nothing] * (2 * stretches.size)

    def put(self, box: Box, value) -> None:
        cover, above = self.nodes[id(box)]
        top, whole = self.top, self.whole
        for node in cover:
            if whole[node] < value:
                whole[node] = value
            if top[node] < value:
                top[node] = value
        for node in above:
            if top[node] < value:
                top[node] = value

    def largest(self, box: Box):
        cover, above = self.nodes[id(box)]
        return max([self.top[node] for node in cover] + [self.whole[node] for node in above], default=self.nothing)


def split_days(plans: list[DayPlan], grid: Grid) -> list[list[DayPlan]]:
    """The days on one page, or on the two pages of a spread: where the narrowest lane is widest; a programme of
    more days than a spread has columns LANE_MIN wide for (a month of them: a day's parallel sessions can be
    gathered into one lane, its column cannot be narrower) on as many pages as keep every day's column that wide,
    as many days on each as fit."""
    lane_width = grid.columns_width
    if len(plans) == 1 or lane_width(plans) >= grid.lane_min:
        return [plans]
    best = max(range(1, len(plans)), key=lambda k: (min(lane_width(plans[:k]), lane_width(plans[k:])), k))
    if grid.day_width(max(best, len(plans) - best)) >= grid.lane_min:
        return [plans[:best], plans[best:]]
    pages: list[list[DayPlan]] = [[]]
    for plan in plans:
        if pages[-1] and grid.day_width(len(pages[-1]) + 1) < grid.lane_min:
            pages.append([])
        pages[-1].append(plan)
    return pages


# --------------------------------------------------------------------------- the page


def _day_items(plans: list[DayPlan]):
    for plan in plans:
        yield from plan.boxes


def _empty_hours(plans: list[DayPlan], first: int, last: int) -> list[tuple[int, int]]:
    """The stretches of EMPTY_HOURS or more whole hours between `first` and `last` (minutes) in which no day of
    `plans` has a box: (start, end) in minutes, drawn as a band with a break mark (Grid.y, GlancePage._hours)."""
    busy = [(box.start, box.end) for box in _day_items(plans)]
    stretches, hour = [], first
    while hour < last:
        end = hour
        while end < last and not any(start < end + 60 and end < stop for start, stop in busy):
            end += 60
        if end - hour >= EMPTY_HOURS * 60:
            stretches.append((hour, end))
        hour = max(end, hour + 60)
    return stretches


class Grid:
    """What the pages of the glance share: sizes, the time scale and the heights of its bands."""

    def __init__(self, ctx: Context, plans: list[DayPlan]):
        self.ctx = ctx
        self._box_styles: dict[tuple, ParagraphStyle] = {}  # box_style's, made once a grid
        page = ctx.page
        size = page.base_size
        self.width, self.height = page.text_width, page.text_height
        self.text_size = max(SMALLEST, round(size * 0.72, 2))
        self.lane_min = LANE_MIN * self.text_size
        self.narrow = NARROW * self.text_size
        self.hyphenation = hyphenation_language(ctx.booklet.conference.language)
        self.axis_size = max(SMALLEST, round(size * 0.62, 2))
        self.axis = stringWidth("00:00", SANS, self.axis_size) + 3
        s = ctx.styles
        self.heading = Para(markup.inline(ctx.label("glance")), s.heading)
        self.heading_height = self.heading.wrap(self.width, self.height)[1] + s.heading.fontSize * 0.3
        self.weekday_style = ParagraphStyle("glance_weekday", fontName=SANS + "-Bold", fontSize=size * 0.82,
                                            leading=size * 0.98, textColor=ctx.colours.primary)
        self.date_style = ParagraphStyle("glance_date", fontName=SANS, fontSize=size * 0.7, leading=size * 0.86,
                                         textColor=ctx.colours.text)
        self.ref_style = ParagraphStyle("glance_ref", fontName=SANS, fontSize=size * 0.66, leading=size * 0.82,
                                        textColor=ctx.colours.muted)
        self.header_height = self.weekday_style.leading + self.date_style.leading + self.ref_style.leading + 3
        self.label_style = ParagraphStyle("glance_label", parent=s.label, fontSize=self.axis_size,
                                          leading=self.axis_size * 1.3, spaceAfter=0)
        lead = self.box_leading(SMALLEST)
        untimed = max((len(plan.untimed) for plan in plans), default=0)
        row = UNTIMED_LINES * lead + 2 * PAD + 2 * BOX_GAP
        self.untimed_rows = min(untimed, max(1, int(self.height * UNTIMED_SHARE // row)))
        self.untimed_height = self.label_style.leading + 2 + self.untimed_rows * row if untimed else 0.0
        starts = [box.start for box in _day_items(plans)]
        ends = [box.end for box in _day_items(plans)]
        self.first = (min(starts) // 60) * 60 if starts else 9 * 60
        self.last = max(-(-max(ends) // 60) * 60, self.first + 60) if ends else self.first + 60
        self.grid_top = self.height - self.heading_height - self.header_height - self.axis_size * 0.6
        self.grid_bottom = self.untimed_height + (4 if untimed else 0) + self.axis_size * 0.6
        self.skipped = _empty_hours(plans, self.first, self.last)
        self.band = SKIPPED_BAND * self.axis_size
        shown = self.last - self.first - sum(b - a for a, b in self.skipped)
        self.per_minute = (self.grid_top - self.grid_bottom - self.band * len(self.skipped)) / shown
        if self.skipped:  # (the hours left then drawn no taller than in a day of FEWEST_HOURS)
            self.per_minute = min(self.per_minute, (self.grid_top - self.grid_bottom) / (FEWEST_HOURS * 60))
        # one size for the page: the shortest box of a quarter of an hour or more holds a line of it
        short = min((box.end - box.start for box in _day_items(plans) if box.end - box.start >= GAP_MIN), default=0)
        if short:
            room = short * self.per_minute - 2 * BOX_GAP - 1.4 * PAD
            while self.box_leading(self.text_size) > room and self.text_size > SMALLEST:
                self.text_size = max(SMALLEST, round(self.text_size - 0.25, 2))
        # the least a title in a lane narrower than LANE_MIN ems steps down to (_fitted): the theme's per cent of it
        self.narrowest = max(SMALLEST, round(self.text_size * ctx.theme.glance_narrowest / 100, 2))

    def box_leading(self, size: float) -> float:
        return round(size * 1.16, 3)

    @property
    def shortest(self) -> float:
        """The minutes of the shortest box a line of the smallest type fits in."""
        return (self.box_leading(SMALLEST) + 2 * BOX_GAP + 1.4 * PAD) / self.per_minute

    @property
    def textless(self) -> float:
        """The minutes of the shortest box that shows its title at all (as a sliver: see _sliver)."""
        return (SMALLEST * SLIVER + 2 * BOX_GAP) / self.per_minute

    def columns_width(self, plans: list[DayPlan]) -> float:
        """The width of a lane when `plans` share a page and every lane is as wide: the widest the
        narrowest lane can be."""
        lanes = sum(plan.lanes for plan in plans)
        return (self.width - self.axis - DAY_GAP * (len(plans) - 1)) / lanes

    def day_width(self, days: int) -> float:
        """The width of each day's column when `days` days share a page equally."""
        return (self.width - self.axis - DAY_GAP * (days - 1)) / days

    def y(self, minutes: float) -> float:
        """The height of the time `minutes` on the grid: each empty stretch before it (skipped) a band's height."""
        if not self.skipped:
            return self.grid_top - (minutes - self.first) * self.per_minute
        shown, bands = minutes - self.first, 0.0
        for a, b in self.skipped:
            inside = min(max(minutes - a, 0), b - a)
            shown -= inside
            bands += self.band * inside / (b - a)
        return self.grid_top - shown * self.per_minute - bands

    def box_style(self, size: float, font: str = SANS, colour=None, language: str | None = None,
                  hyphenated: bool = True, leading: float | None = None, hyphens: int | None = None) -> ParagraphStyle:
        """A box's text style; `language`: the text's own (a code of the data), when not the booklet's; not
        `hyphenated`: words broken at their own hyphens only; `leading`: other than box_leading(size); `hyphens`: the
        hyphens its hyphenation may add to a paragraph's lines as it breaks them, at most (None: any; a word's own
        breaks it at its own hyphens alone once they are added: text.paragraph's hyphenationsAtMost). Made once a
        grid for the same arguments, and shared by every paragraph set in it (not to be changed: a paragraph's
        layout key is worked out once a style, not once a paragraph, while it stays as it was: the glance's 110
        boxes in the sample were 110 styles): take another's arguments for another style."""
        if not hyphenated:
            hyphens = None  # (nothing to count)
        # (a colour by identity: its style holds it)
        found = (size, font, id(colour), language, hyphenated, leading, hyphens)
        style = self._box_styles.get(found)
        if style is None:
            patterns = (hyphenation_language(language) if language else self.hyphenation) if hyphenated else ""
            hyphenation = _GoodBreaks(patterns) if patterns else ""
            limit = {} if hyphens is None else {"hyphenationsAtMost": hyphens}
            style = self._box_styles[found] = ParagraphStyle(
                f"glance_{size}", fontName=font, fontSize=size,
                leading=self.box_leading(size) if leading is None else leading,
                textColor=colour if colour is not None else self.ctx.colours.text, splitLongWords=1,
                hyphenationLang=hyphenation, embeddedHyphenation=1, quotes=self.ctx.quotes_of(language),
                language=language or self.ctx.booklet.conference.language, **limit)
        return style

    def widths(self, plans: list[DayPlan]) -> list[float]:
        """The width of each day's column when `plans` share a page: as equal as they can be while
        every lane is at least LANE_MIN wide (a day's brief lanes NARROW: DayPlan.width_needed); when that cannot
        be, every lane the same width (a brief lane too: squeezed, a day of two had its lanes gathered into one box,
        and its titles cut in a column too narrow for one lane)."""
        total = self.width - self.axis - DAY_GAP * (len(plans) - 1)
        needs = [plan.width_needed(self.lane_min, self.narrow) for plan in plans]
        if sum(needs) > total:
            lane = total / sum(plan.lanes for plan in plans)
            return [lane * plan.lanes for plan in plans]
        fixed: set[int] = set()
        while True:  # the widest needs take what they need; the others share the rest equally
            share = (total - sum(needs[i] for i in fixed)) / (len(plans) - len(fixed))
            more = {i for i, need in enumerate(needs) if i not in fixed and need > share}
            if not more:
                return [needs[i] if i in fixed else share for i in range(len(plans))]
            fixed |= more


class ToLeftPage(Flowable):
    """At layout time: on a right-hand (odd) page of the booklet, fill it with `make_page()` (a blank page), so that
    what follows starts a left-hand page; on a left-hand page, nothing. In a build in parts, the pages laid out by
    other processes before this part count (output.parallel's `page_offset`: a worker's part after the first asks
    for it, once the parts before it are laid out): numbered from 1 in its part, a spread opened on the wrong side,
    unlike the same book built in one process."""

    def __init__(self, make_page):
        super().__init__()
        self.make_page = make_page

    def _odd(self) -> bool:
        return ((self._doctemplateAttr("page_offset") or 0) + self._doctemplateAttr("page")) % 2 == 1

    def wrap(self, availWidth, availHeight):
        return (0, availHeight + 1) if self._odd() else (0, 0)

    def split(self, availWidth, availHeight):
        return [self.make_page()] if self._odd() else []

    def draw(self):
        pass


class GlancePage(Flowable):
    """One page of the glance: the heading (on the first), the days' headers, the grid, the untimed list."""

    def __init__(self, ctx: Context, grid: Grid, plans: list[DayPlan], first: bool):
        super().__init__()
        self.ctx = ctx
        self.grid = grid
        self.plans = plans
        self.first = first
        self.plan_of = {id(box): plan.index for plan in plans for box in plan.boxes}
        self.columns = []  # (x, width) of each day
        x = grid.axis
        for width in grid.widths(plans):
            self.columns.append((x, width))
            x += width + DAY_GAP

    def wrap(self, availWidth, availHeight):
        self.width, self.height = self.grid.width, self.grid.height
        return self.width, self.height

    def split(self, availWidth, availHeight):
        return []  # a page of its own: on the next page

    def draw(self):
        canv, grid, ctx = self.canv, self.grid, self.ctx
        if self.first:
            label = ctx.label("glance")
            Anchor("glance", markup.plain(label), 0, section=label).drawOn(canv, 0, self.height)
            grid.heading.drawOn(canv, 0, self.height - grid.heading.height)
        self._hours()
        for plan, (x, width) in zip(self.plans, self.columns):
            self._header(plan, x, width)
            for box in plan.boxes:
                self._box(box, x, width, plan.clashing)
        if grid.untimed_height and any(plan.untimed for plan in self.plans):  # (a page of a spread whose days have
            self._untimed()  # none: no heading over nothing; the room is kept, its grid as the other page's)

    # -- the parts

    def _hours(self) -> None:
        canv, grid = self.canv, self.grid
        right = self.columns[-1][0] + self.columns[-1][1]
        canv.saveState()
        canv.setLineWidth(0.3)
        canv.setStrokeColor(self.ctx.colours.hairline)
        canv.setFillColor(self.ctx.colours.muted)
        canv.setFont(SANS, grid.axis_size)
        for minutes in range(grid.first, grid.last + 1, 60):
            if any(a < minutes < b for a, b in grid.skipped):
                continue  # (an empty stretch: a band, its first hour's label in it, a break mark under that)
            y = grid.y(minutes)
            canv.line(0, y, right, y)
            if minutes < grid.last:
                canv.drawString(0, y - grid.axis_size * 0.95, f"{minutes // 60 % 24:02d}:00")
        for a, _ in grid.skipped:
            self._break_mark(grid.y(a) - grid.band * 0.68, right)
        canv.restoreState()

    def _break_mark(self, y: float, right: float) -> None:
        """A zigzag across the grid at `y`: hours with nothing on left out (Grid.skipped)."""
        step, rise = self.grid.axis_size * 0.8, self.grid.axis_size * 0.25
        path = self.canv.beginPath()
        path.moveTo(0, y)
        x, up = 0.0, True
        while x < right:
            x = min(right, x + step / 2)
            path.lineTo(x, y + (rise if up else -rise) / 2)
            up = not up
        self.canv.saveState()
        self.canv.setLineWidth(0.6)
        self.canv.drawPath(path, stroke=1, fill=0)
        self.canv.restoreState()

    def _header(self, plan: DayPlan, x: float, width: float) -> None:
        """Weekday, date and the page of the day's programme; all of it a link there."""
        canv, grid, ctx = self.canv, self.grid, self.ctx
        language = ctx.booklet.conference.language
        date = plan.day.date
        top = self.height - grid.heading_height
        y = top
        # (as markup: a letter the style's font lacks is set in a fallback font, not drawn as its blank glyph)
        weekday = _one_line([markup.inline(dates.at_line_start(dates.weekday(date, language))),
                             markup.inline(dates.at_line_start(dates.short_weekday(date, language)))],
                            grid.weekday_style, width)
        day = _one_line([dates.raised_ordinal(markup.inline(dates.day_and_month(date, language)), language),
                         dates.raised_ordinal(markup.inline(dates.day_and_month(date, language, short=True)), language)],
                        grid.date_style, width)
        for para in (weekday, day):
            y -= para.height
            para.drawOn(canv, x, y)
        key = day_key(plan.index)
        if ctx.has("programme"):
            style = grid.ref_style
            ref = _one_line([markup.inline(ctx.label("glance_page"))], style, width * 0.6)
            y -= ref.height
            ref.drawOn(canv, x, y)
            used = max(ref.getActualLineWidths0() or [0.0])
            canv.draw_page_ref(key, x + used + style.fontSize * 0.3, y + (style.leading - style.fontSize) * 0.9,
                               style.fontName, style.fontSize, style.textColor, left=True)
            canv.linkRect("", key, (x, y, x + width, top), relative=1, thickness=0)
        line = top - grid.header_height + 1
        canv.saveState()
        canv.setStrokeColor(ctx.colours.primary)
        canv.setLineWidth(0.7)
        canv.line(x, line, x + width, line)
        canv.restoreState()

    def _box(self, box: Box, x: float, width: float, clashing: frozenset[str] = frozenset()) -> None:
        grid = self.grid
        left, right = box.edges(width)
        left, right = x + left + BOX_GAP, x + right - BOX_GAP
        start, end = box.drawn
        top = grid.y(start) - BOX_GAP
        bottom = grid.y(end) + BOX_GAP
        if box.members:
            fill = _fill(self.ctx, box)
            ref = day_key(self.plan_of[id(box)]) if self.ctx.has("programme") else None  # (its day's page)
            title, extra = _gathered(self.ctx, box.members, clashing)
        else:
            (fill, ref) = _look(self.ctx, box.item, box.session)
            title, extra = _texts(self.ctx, box.item, _item_title(self.ctx, box, clashing))
            if title is None and fill is None:
                return  # a slot with nothing in it (`{time: "10:00-10:20"}`): left blank, not an empty box
        self._draw_box(left, bottom, right - left, max(top - bottom, 0.5), fill, ref, title, extra,
                       language=None if box.members else _language(box.item))

    def _draw_box(self, x: float, y: float, width: float, height: float, fill, ref: str | None,
                  title: str | None, extra: tuple[str, ...] | None, lines: int | None = None,
                  language: str | None = None) -> None:
        """A box at (x, y), `width` by `height`, filled with `fill` (None: white, with a rule round it), a link to
        `ref` (or none), holding as much of `title` and `extra` as fits (fit_box).

        In a warm build, the operators drawing it wrote before from the same canvas state are replayed, as a kept
        paragraph's are (layout.flowables.drawn_kept), its link made again: a rebuild after an edit that leaves the
        programme's titles as they were does not fit the boxes' text again (the sample's 70 boxes: some 7 % of the
        instructions of its rebuild after an abstract's text changed). The key holds all the drawing reads: the arguments, the look of the page's boxes (_box_look)
        and the fonts."""
        draw = partial(self._drawn_box, x, y, width, height, fill, ref, title, extra, lines, language)
        cache = memory.active()
        if cache is None or not cache.warm:
            return draw()
        # (a Labelled title by its parts too: fit_box sets its label apart from the rest)
        parts = (title.label, title.colour, title.rest, title.between) if isinstance(title, Labelled) else None
        key = ("glance box", x, y, width, height, _frozen(fill), ref, None if title is None else str(title), parts,
               extra, lines, language, self._box_look(language), fonts_number(cache), canvas_state(self.canv))
        drawn_kept(self.canv, cache, key, draw)

    def _box_look(self, language: str | None) -> tuple:
        """What a box's drawing depends on beside its arguments and the fonts (see _draw_box): the grid's type size,
        the least a narrow lane's steps down to and hyphenation, the box's style in `language` (hyphenation, quotation marks, language) and the colours;
        worked out once per page and language."""
        looks = self.__dict__.setdefault("_box_looks", {})
        look = looks.get(language)
        if look is None:
            grid = self.grid
            look = looks[language] = _frozen((grid.text_size, grid.narrowest, grid.hyphenation,
                                              vars(grid.box_style(grid.text_size, language=language)),
                                              vars(self.ctx.colours)))
        return look

    def _drawn_box(self, x: float, y: float, width: float, height: float, fill, ref: str | None,
                   title: str | None, extra: tuple[str, ...] | None, lines: int | None,
                   language: str | None) -> None:
        """_draw_box's drawing."""
        canv, ctx = self.canv, self.ctx
        canv.saveState()
        if fill is None:
            canv.setFillColor(ctx.colours.paper)
            canv.setStrokeColor(ctx.colours.rule)
            canv.setLineWidth(0.3)
            canv.roundRect(x, y, width, height, min(1.2, height / 2), stroke=1, fill=1)
        else:
            canv.setFillColor(fill)
            canv.roundRect(x, y, width, height, min(1.2, height / 2), stroke=0, fill=1)
        inner = width - 2 * PAD
        pad = min(PAD * 0.7, max(0.0, (height - self.grid.box_leading(SMALLEST)) / 2))
        if fill is None:  # a rule round it: its line's ink kept RULE_CLEAR off it, set smaller for that (a sliver's
            # capitals and descenders touched the rule where no free time let the box grow: _room_for_titles), but
            # not so much smaller that a line TINY type held went (its line, the rule close, says what it is)
            pad = max(pad, min(RULE_CLEAR, (height - TINY * (CAP_HEIGHT + DESCENDER)) / 2))
        laid = fit_box(self.grid, title, extra, inner, height - 2 * pad, lines, language) if title and inner > 0 else []
        if laid:
            path = canv.beginPath()
            path.rect(x, y, width, height)
            canv.clipPath(path, stroke=0, fill=0)  # nothing ever runs out of its box
            top = y + height - pad
            last = laid[-1][0]  # the last line's descenders inside the box: the text up by what they lacked
            # (a deep formula's line: set higher in its paragraph by the room under it)
            foot = top - sum(h for _, h in laid) + last.style.leading - last.style.fontSize \
                + edge_skips(last.lineskips())[1] - _ink(last)[1]
            top += max(0.0, y - foot)
            for para, h in laid:
                top -= h
                para.drawOn(canv, x + PAD, top)
        canv.restoreState()
        if ref:
            canv.linkRect("", ref, (x, y, x + width, y + height), relative=1, thickness=0)

    def _untimed(self) -> None:
        canv, grid = self.canv, self.grid
        top = grid.untimed_height
        label = Para(markup.inline(self.ctx.label("glance_untimed")), grid.label_style)
        h = label.wrap(self.width, top)[1]
        label.drawOn(canv, 0, top - h)
        lead = grid.box_leading(SMALLEST)
        height = UNTIMED_LINES * lead + 2 * PAD
        rows = grid.untimed_rows
        for plan, (x, width) in zip(self.plans, self.columns):
            y = top - h - 2
            listed = plan.untimed if len(plan.untimed) <= rows else plan.untimed[:rows - 1]
            for item, session in listed:
                y -= height + 2 * BOX_GAP
                self._draw_box(x + BOX_GAP, y + BOX_GAP, width - 2 * BOX_GAP, height, *_look(self.ctx, item, session),
                               *_texts(self.ctx, item), lines=UNTIMED_LINES, language=_language(item))
            if len(listed) < len(plan.untimed):  # the rest are on the day's own page, linked
                y -= height + 2 * BOX_GAP
                more = f"+{len(plan.untimed) - len(listed)}"
                self._draw_box(x + BOX_GAP, y + BOX_GAP, width - 2 * BOX_GAP, height, None,
                               day_key(plan.index) if self.ctx.has("programme") else None, more, None,
                               lines=UNTIMED_LINES)


def _look(ctx: Context, item: Item, session: Session | None):
    """(fill colour or None for a white box, link key or None) of an item's box."""
    c = ctx.colours
    if item.tutorial:
        return c.tutorial, ctx.tutorial_ref(item.tutorial)
    if item.abstract:
        return c.track(session.name if session else None), ctx.abstract_ref(item.abstract)
    if (background := c.line_background(item.kind)) is not None:
        return background, ctx.poster_ref(item) if item.kind == "poster" else None
    if item.kind == "talk":
        return c.track(session.name if session else None), None
    return None, None


def _language(item: Item) -> str | None:
    """The language of the talk's or tutorial's text, when the data gives it (how its title is hyphenated)."""
    return (item.abstract.language if item.abstract else item.tutorial.language if item.tutorial else None) or None


class Labelled(str):
    """A gathered box's title as markup (_gathered): its label ("PARALLEL SESSIONS", markup) in the accent colour at
    a type size of its own, SMALLEST, then `rest` (its sessions' names) after `between`, a line break. The label's
    size is a parameter of the title, not a piece of its markup: `at(size)` is the same title with the label at
    `size` (a sliver's line: _sliver), `run_on()` the same on one line (a box of one line: fit_box)."""

    def __new__(cls, label: str, colour: str, rest: str, size: float = SMALLEST, between: str = "<br/>"):
        made = super().__new__(cls, f'<font size="{size}" color="{colour}">{label}</font>'
                                    + (between + rest if rest else ""))
        made.label, made.colour, made.rest, made.between = label, colour, rest, between
        return made

    def at(self, size: float) -> Labelled:
        return Labelled(self.label, self.colour, self.rest, size, self.between)

    def run_on(self) -> Labelled:
        """Its line breaks (the one after the label, and any in the label or names) as spaces."""
        return Labelled(self.label.replace("<br/>", " "), self.colour, self.rest.replace("<br/>", " "),
                        between=self.between.replace("<br/>", " "))


def _run_on(title: str) -> str:
    """`title` on one line, as a box of one line sets it: a Labelled's label run on before its text, any other's
    line breaks spaces."""
    return title.run_on() if isinstance(title, Labelled) else title.replace("<br/>", " ")


def _gathered(ctx: Context, boxes: list[Box], clashing: frozenset[str] = frozenset()) -> tuple[str, None]:
    """A gathered group's box: "PARALLEL SESSIONS", then its sessions' names (and the titles of
    what in it belongs to no session), as markup; a name in `clashing` (two rooms' sessions have it in boxes side by
    side: _clashing) with its room (_named). The names are set apart by the first of APART none of them holds
    (39C3's session names hold the dot: "Live Performance · DJ-Set · DJ-Set · Live Performance · DJ-Set" was three
    sessions)."""
    if boxes[0].session is not None and all(b.session is boxes[0].session for b in boxes):
        # one session (of short talks: _sessions_gathered; alone; set aside)
        return _named(ctx, boxes[0].session, clashing, listed=False), None
    if _lines_only(boxes):  # short lines one after another (_short_lines), each in its own box's face (_line_face)
        return _apart([b.item.shown_title for b in boxes]).join(
            _line_face(b.item, markup.title(b.item.shown_title, listed=True)) for b in boxes), None
    shown: dict[tuple, str] = {}  # each name once, as written (two the fonts print nothing of: each its label)
    written: list[str] = []
    for box in sorted(boxes, key=lambda b: b.order):
        name = box.session.name if box.session else box.item.shown_title
        if not name:
            continue
        room = box.session.room if box.session and as_written(name) in clashing else None
        key = (as_written(name), as_written(room) if room else None)
        if key not in shown:
            if room:
                shown[key] = _named(ctx, box.session, clashing)
            else:  # a line of the day's own in its own box's face (a break's coffee in italics)
                title = markup.title(name, listed=True)
                shown[key] = title if box.session else _line_face(box.item, title)
            written.append(as_written(name))
    return Labelled(markup.inline(ctx.label("parallel_sessions")), markup_color(ctx.colours.accent),
                    _apart(written).join(shown.values())), None  # (no line starts with the separator)


APART = ("\u00b7", "|", ";", "/")  # what sets a gathered box's names apart: the first that none of them holds


def _apart(names: list[str]) -> str:
    """The separator between `names` (as written) listed in a gathered box: the first mark of APART that none of them
    holds (else the first), after a no-break space (no line starts with it)."""
    mark = next((mark for mark in APART if not any(mark in str(name) for name in names)), APART[0])
    return f"\u00a0{mark} "


def _named(ctx: Context, session: Session, clashing: frozenset[str], listed: bool = True) -> str:
    """A session's name as markup on the glance; with its room (the label glance_room: "DJ-Set (Chill Floor)") when
    the name is in `clashing`, the names another room's session has in a box beside (_clashing)."""
    if session.room is None or as_written(session.name) not in clashing:
        return markup.title(session.name, listed=listed)
    words = re.split("(\0|\1)", ctx.label("glance_room", name="\0", room="\1"))
    made = {"\0": markup.title(session.name, listed=True), "\1": markup.inline(session.room)}
    return "".join(made[word] if word in made else _spaced(word) for word in words if word)


def _spaced(text: str) -> str:
    """`text` (a label's words) as markup, with the spaces before and after it that markup.inline takes off."""
    if not text.strip():
        return text
    return text[:len(text) - len(text.lstrip())] + markup.inline(text) + text[len(text.rstrip()):]


def _texts(ctx: Context, item: Item, named: str | None = None) -> tuple[str | None, tuple[str, ...] | None]:
    """The box's title as markup (a number ending it tied to the word before it; `named`, markup, in its place: see
    _item_title), and who speaks or presents (None for nobody): as markup, and when they are several, the first
    followed by "et al." (the label) for a box too narrow for all."""
    title = item.shown_title
    if not title:
        return None, None
    text = markup.number_tied(named if named is not None else markup.inline(title))
    entry = item.abstract or item.tutorial
    if entry is not None:
        if item.tutorial or entry.kind != "contributed":
            text = f"<b>{text}</b>"
        return text, None if _named_by_them(title, entry) else _people(ctx, entry)
    return _line_face(item, text), None


def _line_face(item: Item, text: str) -> str:
    """A programme line's title markup `text` in the face its box gives it: a break's in italics, a social event's or a
    poster session's in bold, any other's as it is; the same whether the line has a box of its own or is named in a
    box of lines gathered (_gathered: GMTH's Saturday lunch, alone in such a box, was upright, Friday's italic)."""
    if item.kind == "break":
        return f"<i>{text}</i>"
    if item.kind in ("social", "poster"):
        return f"<b>{text}</b>"
    return text


def _named_by_them(title: str, entry: Abstract | Tutorial) -> bool:
    """Whether the title is the name(s) of who speaks or presents it (a DJ set named by its DJ, "Ingo Boss" by Ingo
    Boss, as 39C3's are): its box printed the name twice, the title and the speaker's line under it."""
    people = entry.presenters if isinstance(entry, Tutorial) else entry.speakers
    if not people:
        return False

    def words(text: str) -> str:
        return " ".join(markup.plain(text).split()).casefold()

    return words(title) == words(", ".join(person.name for person in people))


def _people(ctx: Context, entry: Abstract | Tutorial) -> tuple[str, ...] | None:
    """Who speaks a talk (its speakers) or presents a tutorial (its presenters), as the box's ways to say it (fit_box
    takes the first that fits a line); none named: the label where only people left out of the booklet give it
    (unnamed_speaker: no co-author named), else None."""
    people = entry.presenters if isinstance(entry, Tutorial) else entry.speakers
    if not people:
        unnamed = unnamed_speaker(ctx, entry)
        return (f"<i>{unnamed}</i>",) if unnamed else None
    if len(people) == 1:
        return (f"<i>{names(people)}</i>",)
    return f"<i>{names(people)}</i>", f"<i>{names(people[:1])} {markup.inline(ctx.label('et_al'))}</i>"


def _one_line(candidates: list[str], style: ParagraphStyle, width: float) -> Para:
    """The first text (markup) that fits one line `width` wide; else the last, shrunk until it does
    (or cut with an ellipsis at the smallest size)."""
    for text in candidates:
        para = Para(text, style)
        para.wrap(width, 1000)
        if para.line_count() <= 1:
            return para
    size = style.fontSize
    smaller = style
    while size > SMALLEST:
        size = max(SMALLEST, size - 0.5)
        smaller = ParagraphStyle(style.name + "-small", parent=style, fontSize=size, leading=style.leading)
        para = Para(candidates[-1], smaller)
        para.wrap(width, 1000)
        if para.line_count() <= 1:
            return para
    para = truncated(candidates[-1], smaller, width, 1) or Para("", smaller)
    para.wrap(width, 1000)
    return para


def fit_box(grid: Grid, title: str, extra: tuple[str, ...] | str | None, width: float, height: float,
            lines: int | None = None, language: str | None = None) -> list[tuple[Para, float]]:
    """[(paragraph, height)] of a box's text: the title in as many lines as there is room for (at
    most `lines`), hyphenated only when it needs that, cut after a word with an ellipsis when it needs more,
    the speakers on a line below when there is room (the first of `extra`'s ways to say it that fits the line
    whole, else the last cut). `language`: the text's own, when not the booklet's (its hyphenation). One size for
    every box of the page
    (boxes side by side and one under the other read as one table); a box lower than a line of it takes the largest
    smaller size a line of which it holds, down to SMALLEST; in a box of one line the title's own line breaks (a
    gathered box's label before its sessions' names) are spaces. [] when not one line fits."""
    size = grid.text_size
    while grid.box_leading(size) > height + 0.01 and size > SMALLEST:
        size = max(SMALLEST, round(size - 0.25, 2))
    style = grid.box_style(size, language=language)
    room = int((height + 0.01) // style.leading)
    if lines is not None:
        room = min(room, lines)
    given = title
    while True:
        if room <= 1:  # a box of one line: a title's lines run on in it ("PARALLEL SESSIONS Security & Hacking · …",
            # where the label's line alone was cut to "PARALLEL…", no names after)
            title = _run_on(given)
        if room < 1:
            return _sliver(grid, title, width, height, language)
        title = str(title)  # (a plain str from here, as before Labelled: with one, the layout cache missed kept cuts)
        para = _fitted(grid, title, width, room, size, language, None if isinstance(given, Labelled) else HYPHENATIONS)
        if para is None:
            return []
        used = para.wrap(width, 10_000)[1]
        if used <= height + 0.01:
            break
        # a formula of scripts on scripts has its line set apart from the others (text.paragraph.lineskips): the
        # title's lines as tall as they are, not counted the leading apart, in the box (they ran past its foot,
        # and the text moved up to show its last line had the formula's top cut off by the box); a box of one line
        # too low for it takes the type whose line, the formula with it, it holds (_sliver)
        if room == 1:
            return _sliver(grid, title, width, height, language, size)
        room -= 1
    laid = [(para, used)]
    if extra and para.line_count() < room:
        muted = grid.box_style(size, colour=grid.ctx.colours.muted, language=language)
        ways = (extra,) if isinstance(extra, str) else extra
        more = next((way for way in map(lambda text: _whole(text, muted, width), ways[:-1]) if way), None) \
            or truncated(ways[-1], muted, width, 1, named=True)
        if more is not None and used + more.wrap(width, 10_000)[1] <= height + 0.01:
            laid.append((more, more.height))
    return laid


def _fitted(grid: Grid, title: str, width: float, room: int, size: float, language: str | None,
            hyphens: int | None = HYPHENATIONS) -> Para | None:
    """A box's title (markup) in at most `room` lines `width` wide, from type of `size` (the page's, or what the box's
    height holds): whole in its lines unhyphenated ("Welcome / Reception", not "Welcome Re- / ception"), else
    hyphenated at a good break (_GoodBreaks, HYPHENATIONS at most, its lines broken so: a break set with one more was
    thrown away, and "Reverbera- / tion / mapping…" cut to "Reverbera- / tion…"); else, in a lane narrower than
    LANE_MIN ems (its words wider than it: 36C3's five rooms a day, two days a page), the same in type a quarter point
    smaller, down to the theme's least (Grid.narrowest); else cut after a whole word with an ellipsis, keeping the
    most of the title (at the largest of those sizes that keeps it: "Katas- / trophe…", not "Katas- / tro…"); else,
    not even its first word fitting, cut inside that word on lines with no hyphen, in the type of `size` ("Geheim…",
    never "Ge- / heim…"). A box wide enough keeps the page's size: boxes one under the other read as one table. None
    when not even an ellipsis fits. `hyphens`: the hyphenations the title's lines may hold (None: any, as the sessions
    a gathered box lists: "Solar Physics I · Gal- / axy Evolution I · Hier- / archical Models I", whole, not cut after
    its first two names)."""
    sizes = [size]
    narrow = width < LANE_MIN * grid.text_size
    if narrow:
        while sizes[-1] > grid.narrowest:
            sizes.append(max(grid.narrowest, round(sizes[-1] - 0.25, 2)))
    # (each size and hyphenation wrapped once: the steps below ask again; unhyphenated, whatever `most`)
    wrapped: dict[tuple[float, bool, int | None], Para] = {}

    def whole(each: float, most: int | None = hyphens) -> Para | None:
        for hyphenated in (False, True):  # (broken with `most` hyphens at most: it keeps the lines it breaks)
            found = (each, hyphenated, most if hyphenated else None)  # (not (each, most): 0 == False as a key)
            para = wrapped.get(found)
            if para is None:
                para = wrapped[found] = Para(title, grid.box_style(each, language=language, hyphenated=hyphenated,
                                                                    hyphens=most))
                para.wrap(width, 10_000)
            if para.line_count() <= room and _whole_words(para, width) and _within(para, most):
                return para
        return None

    def cut(each: float) -> Para | None:
        return truncated(title, grid.box_style(each, language=language, hyphens=hyphens), width, room,
                         words_only=True, hyphens=hyphens)

    # (smaller type holds as much or more: the least size tried first, then the others from the largest down to the
    # first that does as well; a narrow box that is cut at every size is not set whole at each)
    found = whole(sizes[0])
    if found is None and len(sizes) > 1 and (least := whole(sizes[-1])) is not None:
        found = next(filter(None, map(whole, sizes[1:-1])), least)
    if found is None and not narrow and hyphens is not None:  # a lane of ordinary width
        # (whatever the theme's least size): a title whole with one good hyphenation more reads better than one cut
        # ("Calibrated uncertain- / ties from neural net- / works: a reality check", not "... from neural…")
        found = whole(size, hyphens + WHOLE_HYPHENATIONS)
    if found is not None:
        return found
    least = cut(sizes[-1])
    if least is not None:
        return next((each for each in map(cut, sizes[:-1]) if each is not None and _kept(each) >= _kept(least)),
                    least)
    return truncated(title, grid.box_style(size, language=language, hyphens=hyphens), width, room, hyphens=hyphens)


def _kept(para: Para) -> int:
    """How many characters of its text a cut paragraph keeps (its ellipsis one)."""
    return sum(len(getattr(frag, "text", "")) for frag in para.frags)


def _sliver(grid: Grid, title: str, width: float, height: float, language: str | None,
            largest: float = SMALLEST) -> list[tuple[Para, float]]:
    """A box lower than a line of SMALLEST type but not lower than the type itself (a quarter-hour "Welcome" on
    a long day's page): its title on one line of that type with no leading beyond the box's height, cut with an
    ellipsis when it is wider. A lower box, with no free time beside it to be drawn taller in (_room_for_titles:
    SIGDIAL's quarter-hour "Break" at 19:15 between parallel sessions and the next ones), takes the largest type
    whose capitals and descenders it holds, down to TINY (it was an empty grey stripe, though the programme's line
    says what it is); [] for a box lower than that (its colour alone marks the time). A line whose formula of
    scripts on scripts reaches higher (lower) than its capitals (descenders) is measured with it: set as large as
    the box holds it, down to TINY (from `largest`: a box of one line too low for it, fit_box), the formula's top
    was cut off by the box; at TINY still too tall, its words are centred as any line's, what it lacks cut off."""
    size = largest if height >= largest * SLIVER else round(height / (CAP_HEIGHT + DESCENDER), 2)
    if isinstance(title, Labelled):  # its label in the line's type, not above it (5.5 points high in 4.6, clipped)
        title = title.at(min(size, SMALLEST))
    title = str(title)  # (as in fit_box)
    if size < TINY:
        return []
    while True:
        style = grid.box_style(size, language=language, leading=size)  # the line's baseline at the paragraph's foot
        para = truncated(title, style, width, 1)
        if para is None:
            return []
        para.wrap(width, 10_000)
        high, low = _ink(para)
        if high + low <= height + 0.01 or high + low <= size * (CAP_HEIGHT + DESCENDER):
            break
        if size == TINY:  # (not even TINY holds it: its words in the box as a line's are, the formula cut off, not
            high, low = size * CAP_HEIGHT, size * DESCENDER  # an empty box)
            break
        size = max(TINY, math.floor(size * height / (high + low) * 100) / 100)  # (its reach grows with its size)
    # the capitals and the descenders below them centred in the box (the formula's reach with them), the
    # paragraph's height counted down to the baseline (the capitals alone centred put the descenders of "Gypsy"
    # under the box's foot, clipped); a deep formula's paragraph has room below its line (lineskips), drawn lower
    return [(para, height - max(0.0, height - high - low) / 2 - low + edge_skips(para.lineskips())[1])]


def _ink(para: Para) -> tuple[float, float]:
    """How high above its (one) line's baseline the ink of `para` (a box's title) reaches, and how far below it:
    its capitals and descenders, or its formulas' scripts where they reach further."""
    size = para.style.fontSize
    high, low = size * CAP_HEIGHT, size * DESCENDER
    reach = para.formulas_reach()
    return (high, low) if reach is None else (max(high, reach[0]), max(low, -reach[1]))


ELLIPSIS = "\u2026"
MIN_KEPT = 3  # characters kept before the ellipsis, at least: fewer say nothing
HANGING = ",;:"  # left out before the ellipsis: "Bayes factors…", not "Bayes factors,…"
OPENING = "([{\"'\u201c\u201e\u2018\u201a\u00ab"  # brackets and quotation marks that open a word ("(e.g.", "“a")
ALONE = "\u00b7\u2013\u2014-/(&+"  # the same when they stand alone after a space ("Galaxies –…"), not in "C++"
ABBREVIATED = 3  # letters, at most, of a word whose full stop is kept before the ellipsis ("vs.…", "Dr.…", "etc.…")


def _unhung(text: str) -> str:
    """`text` without the spaces and punctuation that would hang before an ellipsis at its end: a sentence's full
    stop too ("SS7: Locate…", not "Locate.…"; "Wait…", not "Wait...…"), but not an abbreviation's (_abbreviated)."""
    while True:
        shorter = text.rstrip().rstrip(HANGING).rstrip()
        if shorter.endswith(".") and not _abbreviated(shorter):
            shorter = shorter[:-1]
        if shorter[-1:] and shorter[-1] in ALONE and (len(shorter) == 1 or shorter[-2].isspace()):
            shorter = shorter[:-1]
        if shorter == text:
            return text
        text = shorter


def _abbreviated(text: str) -> bool:
    """Whether the full stop ending `text` ends an abbreviation, kept before an ellipsis: its word is one letter (an
    initial), holds another full stop ("e.g.", "U.S."), or is of ABBREVIATED letters at most, none a capital after
    the first ("vs.", "al.", "Dr.", "St."); "Zombie Apocalypse vs.…" says what "Zombie Apocalypse vs…" leaves open.
    A longer word's stop ends a sentence ("SS7: Locate. Track." cut after "Locate": "Locate…"), as does an
    abbreviation's of more letters ("approx…" reads as well); a short word ending a sentence keeps it ("fun.…")."""
    word = text[:-1].rsplit(None, 1)[-1].lstrip(OPENING) if text[:-1].strip() else ""
    if not word or word.endswith("."):  # (dots of an ellipsis written out, "Wait...": dropped, one by one)
        return False
    return "." in word or word.isalpha() and (len(word) == 1 or len(word) <= ABBREVIATED and word[1:].islower())


def _whole(text: str, style: ParagraphStyle, width: float) -> Para | None:
    """`text` (markup) as a paragraph of one line, when it fits whole."""
    para = Para(text, style)
    para.wrap(width, 10_000)
    return para if para.line_count() <= 1 and _whole_words(para) else None


def truncated(text: str, style: ParagraphStyle, width: float, lines: int, named: bool = False,
              words_only: bool = False, hyphens: int | None = HYPHENATIONS) -> Para | None:
    """A paragraph of `text` (markup) in at most `lines` lines `width` wide, its words broken only where they are
    hyphenated: whole, or cut after a word (after a character when not even the first word fits) with an
    ellipsis; None when not even the ellipsis fits. (A word wider than the box, that hyphenation cannot break,
    is cut with the ellipsis, never split without a hyphen: "freed / esktop.org", "Increasingl / y...".) None too for
    a box with no room: no line, or a width under ReportLab's _FUZZ (which Paragraph.wrap does not break lines in).
    `named`: the text names people (a box's speakers), whose names are not the text's language: its short words are
    left out before the ellipsis though the names are Vietnamese ("Thảo Nguyễn et al.", not "Thảo Nguyễn et…").
    Its lines hold `hyphens` hyphenations at most (None: any); a cut inside the first word none: the ellipsis never
    follows a hyphenated line ("Katas- / tro…"). `words_only`: None rather than a cut inside the first word."""
    if lines < 1 or not width >= rl_config._FUZZ:  # (`not >=`: a width of NaN has no room either)
        return None
    para = Para(text, style)
    most = held_at_most(para, width, lines)
    if most is None:  # (else not wrapped whole: it cannot fit)
        para.wrap(width, 10_000)
        if para.line_count() <= lines and _whole_words(para, width) and _within(para, hyphens):
            return para
    frags = list(Para(text, style).frags)  # as parsed: wrapping may split them
    chars = "".join(f.text for f in frags)[:most]  # (the cuts tried: within what the box could hold)
    # in a build whose cache keeps layouts: where the text was cut (found by the search below) is kept by the
    # paragraph's layout key, the width and the lines; the cut paragraph gets a layout key of its own (its
    # fragments follow from the text's, the style and the cut), so that its lines and drawing are kept too
    from ..cache import memory

    cache = memory.active() if para._layout_key is not None else None
    key = ("truncated", para._layout_key, width, lines) + (("named",) if named else ()) \
        + (("words",) if words_only else ()) + (hyphens,) if cache is not None else None

    def attempt_keyed(count: int) -> Para:
        """The cut at `count` found before: its paragraph under its own layout key (its lines kept)."""
        return attempt(count, para._layout_key + ("cut", count))

    inside = False  # (cutting inside the first word: no hyphenated line before its ellipsis)

    def attempt(count: int, cut_key=None) -> Para | None:
        kept, left = [], count
        for frag in frags:
            if left <= 0:
                break
            kept.append(frag.clone(text=frag.text[:left]))
            left -= len(frag.text)
        while kept:  # no space, nor punctuation that would hang, before the ellipsis
            text = _unhung(kept[-1].text)
            if text:
                kept[-1] = kept[-1].clone(text=text)
                break
            kept.pop()
        last = kept[-1] if kept else frags[0]
        font = last.fontName if last.fontName.split("-")[0] == SANS else style.fontName
        kept.append(last.clone(text=ELLIPSIS, fontName=font, rise=0))
        cut = _CutPara("", style, frags=kept)
        if cut_key is not None:
            cut._layout_key, cut._plain = cut_key, para._plain
            cut.wrap(width, 10_000)
            return cut  # it fitted when it was found
        cut.wrap(width, 10_000)
        # (nor a last line its ellipsis runs past: "Zom- / bieLoad…", the word's tail measured without it, was clipped
        # by the box; OVERRUN_FUZZ: a line of bold words measures a few hundredths wider than its breaking took it)
        return cut if cut.line_count() <= lines and _whole_words(cut) \
            and (hyphens is None and not inside or _within(cut, 0 if inside else hyphens)) \
            and (cut.getActualLineWidths0() or [0.0])[-1] <= width + OVERRUN_FUZZ else None

    if key is not None:
        kept = cache.peek("layouts", key)
        if kept is not None:
            return None if kept[0] is None else attempt_keyed(kept[0])
    found_at: list[int] = []

    def noting(count: int) -> Para | None:
        cut = attempt(count)
        if cut is not None:
            found_at.append(count)  # ascending: the last noted is the largest that fits
        return cut

    face = _face_of(frags) if len(frags) > 1 else None
    # (a text written with a space between syllables, Vietnamese, has no short words to leave out: "vật lý", physics,
    # was cut to "vật…")
    short = named or not spaced_by_syllable(chars, getattr(style, "language", None))
    words = [i for i in range(1, len(chars))
             if chars[i] == " " and chars[i - 1] != " " and not (short and _short_word_before(chars, i, face))]
    found = _last_fitting(words, noting)
    if found is None and not words_only:  # not even the first word: cut where it would be hyphenated ("Reverbera…"),
        # else after a few of its letters, never the ellipsis alone
        inside = True
        hyphenation = style.hyphenationLang  # (a language, or a box's _GoodBreaks of one)
        found = _last_fitting(_syllables(chars, getattr(hyphenation, "language", hyphenation)), noting) \
            or _last_fitting(list(range(min(MIN_KEPT, len(chars)), len(chars) + 1)), noting)
    if key is None:
        return found
    count = found_at[-1] if found is not None else None
    cache.put("layouts", key, (count,))
    return None if count is None else attempt_keyed(count)


SHORT_WORD = 2  # letters, at most, of a word in small letters a cut text does not end with before its ellipsis
# (the function words of languages written with a space between words, in a script of small and capital letters: "in",
# "of", "a", "de", "zu", "на"; not a syllable of a language written with a space between syllables, the glance's
# truncated() asks text.languages.spaced_by_syllable, nor a word of a script without small letters)


def _short_word_before(chars: str, at: int, face: Callable[[int], str] | None = None) -> bool:
    """Whether the word before `at` (a space in `chars`, a box's text) is a word of SHORT_WORD letters at most that
    is not the text's first: a cut after it ended a box with "a…", "to…", "of…", "in…" alone on its last line (the
    31C3 import's A5 glance: "Let's build / a…", "Introduction / to…", "On the Edge / of…"), which says nothing; the
    text is cut before it instead ("Let's build…"). Only a word in small letters: a capital may start a name or a
    symbol ("Correcting Hα…", "Ethics of AI…", "Programming in C…"), which says something; nor a number ("Day 2…");
    nor a word set apart from the text before it (_set_apart: "Constraints on α…", "Beyond β…", "Using ls…")."""
    start = chars.rfind(" ", 0, at) + 1
    word = chars[start:at].strip(OPENING + HANGING)
    return start > 0 and chars[:start].strip() != "" and 0 < len(word) <= SHORT_WORD and word.isalpha() \
        and word.islower() and not _set_apart(chars, start, at, word, face)


def _set_apart(chars: str, start: int, at: int, word: str, face: Callable[[int], str] | None) -> bool:
    """Whether `word` (from `start` to `at` in `chars`, after a space) is set apart from the text before it, a symbol:
    in another font than the space before it (a formula's, in italics; code: `face`, the font of the character at an
    index of `chars`, None for one font throughout), or in another script than the character before that space (a
    Greek letter in an English title; a Greek title's "με" is not)."""
    return script_of(word[0]) != script_of(chars[start - 2]) \
        or face is not None and len({face(i) for i in range(start - 1, at)}) > 1


def _face_of(frags: list) -> Callable[[int], str]:
    """The font of the character at an index of the text of `frags` (a paragraph's fragments, in order)."""
    ends = list(accumulate(len(frag.text) for frag in frags))
    return lambda at: frags[bisect_right(ends, at)].fontName


# A box's text of more characters than LONG_TEXT, and than its lines could hold were each as narrow as NARROWEST (of
# the type's size: narrower than any character of the bundled fonts that is not of zero width, the narrowest of which
# is Gentium Book Plus's combining horn, U+031B, 0.037 em; its hair space is 0.049 em), surely does not fit: it is not
# wrapped whole to learn that, and the cuts tried are within what the lines could hold. (A word of 98,000 letters
# pasted into a title was broken into lines whole, hyphenated at each, to be cut after its first few letters, and
# cuts of tens of thousands of letters were tried before them.) Any other is cut as before: LONG_TEXT is longer than a
# title or a list of speakers.
LONG_TEXT = 5_000
NARROWEST = 0.03


def held_at_most(para: Para, width: float, lines: int) -> int | None:
    """How many characters, at most, `lines` lines `width` wide could hold of `para`, when its text is longer than
    that and than LONG_TEXT (it surely does not fit); else None."""
    length = sum(len(getattr(frag, "text", "")) for frag in para.frags)
    most = int(lines * width / (NARROWEST * para.style.fontSize)) + 1
    return most if length > max(LONG_TEXT, most) else None


def _syllables(chars: str, language: str | None) -> list[int]:
    """Where the first word of `chars` may be cut (ascending, MIN_KEPT characters in at least): where hyphenation
    would break it, and before a hyphen of its own ("Reverberation" of "Reverberation-mapping")."""
    start = len(chars) - len(chars.lstrip())
    word = chars[start:].split(" ", 1)[0]
    cuts = {i for i, ch in enumerate(word) if ch == "-"}
    if language:
        cuts.update(pattern_cuts(word, language))
    return sorted(start + i for i in cuts if i >= MIN_KEPT)


class _GoodBreaks:
    """A box's hyphenation (its style's hyphenationLang: line breaking asks a callable for a word's breaks): the
    language's (`language`, a pyphen dictionary's name) as paragraphs take it, but only breaks with GOOD_BREAK letters
    or more on each side ("Mono- / loge", not "Monolo- / ge", "Ge- / heim"). A narrow lane broke 36C3's "Die
    Mittelmeer-Monologe" into "Die Mit- / tel- / meer- / Monolo- / ge". Its `__self__` is the hyphenation itself, as a
    bound method's is: text.paragraph._within_parts asks it for a compound's breaks inside its parts. Compared and
    pickled by its language (a layout's key holds a style's values)."""

    __slots__ = ("language",)

    def __init__(self, language: str):
        self.language = language

    def __repr__(self) -> str:
        return f"_GoodBreaks({self.language!r})"

    def __reduce__(self):
        return _GoodBreaks, (self.language,)

    @property
    def __self__(self):
        return syllable_breaks(self.language, GOOD_BREAK)

    def __call__(self, word: str):
        breaks = syllable_breaks(self.language, GOOD_BREAK)
        return iter(()) if breaks is None else breaks.iterate(word)


def hyphenations(para: Para) -> int:
    """How many of a wrapped paragraph's lines end with a hyphen its hyphenation added, not a word's own: its lines'
    characters read against its text's ("Mittel- / meer-Monologe" one, "Mittelmeer- / Monologe" none)."""
    text = "".join("".join(getattr(frag, "text", "") for frag in para.frags).split())
    lines = para.blPara.lines
    count = at = 0
    for line in lines[:-1]:
        chars = "".join(line_text(line).split())
        at += len(chars)
        if chars.endswith(HYPHENS) and text[at - 1:at] != chars[-1]:
            count, at = count + 1, at - 1
    return count


def _within(para: Para, hyphens: int | None) -> bool:
    """Whether the lines of `para` (wrapped) hold `hyphens` hyphenations at most (None: any): so broken when its style
    allows no more (a box's: text.paragraph's hyphenationsAtMost, the hyphens its hyphenation may add as it breaks
    the lines) or hyphenates nothing, else counted (hyphenations: a paragraph broken by booklet's loop, of more than
    one fragment, a cut one's, has its words for fragments then, and a word's own hyphen counted as one added, so
    that "(Post- / Quantum) / Isogeny / Cryptogra- / phy", one hyphenation, was set smaller)."""
    if hyphens is None:
        return True
    style = para.style
    most = getattr(style, "hyphenationsAtMost", None) if getattr(style, "hyphenationLang", None) else 0
    return most is not None and most <= hyphens or hyphenations(para) <= hyphens


class _CutPara(Para):
    """A box's text cut short with an ellipsis: the word before it is hyphenated as it would be without it."""

    def breakLines(self, width):  # noqa: N802 - ReportLab's name
        return break_cut_lines(self, width)


def _whole_words(para: Para, width: float | None = None) -> bool:
    """Whether wrapping `para` split no word that hyphenation could not break (ReportLab's splitLongWords, which
    adds no hyphen), nor, `width` given, set one past it (what is left of "Mittelmeer-Monologe" after its own hyphen,
    "Monologe", wider than a box whose title had the one hyphenation it may have: "Mittel- / meer- / Monolog", clipped;
    OVERRUN_FUZZ aside)."""
    return not getattr(para, "_splitLongWordCount", 0) \
        and (width is None or max(para.getActualLineWidths0(), default=0.0) <= width + OVERRUN_FUZZ)


def _last_fitting(cuts: list[int], attempt) -> Para | None:
    """attempt(cut) for the largest of the ascending `cuts` that gives a paragraph (fewer characters fit more easily)."""
    low, high, best = 0, len(cuts) - 1, None
    while low <= high:
        middle = (low + high) // 2
        para = attempt(cuts[middle])
        if para is not None:
            best, low = para, middle + 1
        else:
            high = middle - 1
    return best
