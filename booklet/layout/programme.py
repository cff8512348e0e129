"""The programme days -> day headers and programme rows (sessions, parallel tracks), with page references.

Each day is one DayBlock (see daypages): it chooses its page breaks, and repeats the day's heading
(and a session's or the parallel tracks' headings) on the page a day runs onto.

A day a little over its page is set on that page with the spaces between its rows and sessions closer (fitted_day,
as abstracts.fitted_page fits an entry's text), and where the spaces at their closest are not enough, the type of its
rows and sessions' headings a little smaller (a sixteenth at most), the same for every row of the day, decided once
per day from its own content. It ran on to a page holding "(continued)" and three or four rows (the sample's
Tuesday, 9 points over; XDC 2021's Friday, 17; its Thursday, 35, 8 with its spaces at their closest).
"""

from __future__ import annotations

from copy import copy
from dataclasses import fields, replace

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import PageBreak, Spacer

from ..cache.memory import active
from ..text import dates, markup
from ..text.fonts import SANS
from ..model import Abstract, Day, Item, Parallel, Session, Tutorial, items_of
from .columns import UNBOUNDED
from .common import Context, chaired_sessions, day_key, kept_for, kept_whole, names, unnamed_speaker
from .daypages import _FUZZ, DayBlock, DayBreak, Line, TracksRow, line_size
from .flowables import Anchor, DayMark, OneLineOr, Para, Row, Rule
from .styles import markup_color

BLOCK_SPACE = 3.0  # above and below a session or parallel block
ROW_PAD = 2.2  # above and below a programme row's text (a talk, a track's cell)
HEADER_PAD = 2.5  # above and below a session's heading's text
# below parallel sessions set one after another: what follows them (a lunch, a talk for everyone) is set apart from
# their last session's rows, which it looked to belong to (DebConf17: "Blends · Bo", its talk, then "13:00 Lunch")
GROUP_END_SPACE = 3 * BLOCK_SPACE
TRACK_GAP = 1.6 * mm  # between a parallel track's text and the rule beside it
LABEL_SPACE = 2.0  # between "PARALLEL SESSIONS" and the tracks' headings side by side below it
TRACK_ROW_LIMIT = 0.4  # of the page height: taller rows of side-by-side tracks set the tracks one after another
SHORT_DAY = 0.5  # of the page height: a day no taller may follow the day before on its page (DayBreak)
DAY_GAP = 9 * mm  # above such a day
CLOSE_STARTS = 30  # minutes: parallel sessions set one after another that start closer keep the data's order
# A day over its page is set closer (fitted_day): the spaces between its rows and sessions (a row's padding above and
# below its text, the space above a session or a block of parallel tracks) times the first of DAY_LADDER that fits,
# down to DAY_SPACE_TIGHTEST of them; then, at those spaces, the type of its rows and sessions' headings
# (DAY_SIZED_STYLES) times the first of DAY_TYPE_LADDER that fits (a fiftieth at a time, at most about a sixteenth: a
# page set smaller shows beside the page facing it, as a page of four rows under "(continued)" does); a day that does
# not fit even at its tightest spaces and smallest type runs on as it is. A day over its page by more than DAY_GAIN_MOST
# of its height is not tried at all (no ladder takes that much off: a day of pages): its spaces halved and its type a
# sixteenth smaller took at most a fifth off the rows of the real books' days (DebConf17's last day, A5)
DAY_SPACE_TIGHTEST = 0.5
DAY_LADDER = (0.95, 0.9, 0.85, 0.8, 0.75, 0.7, 0.65, 0.6, 0.55, DAY_SPACE_TIGHTEST)  # (twentieths off, one by one)
DAY_TYPE_LADDER = (0.98, 0.96, 0.94)
DAY_GAIN_MOST = 0.25
DAY_SIZED_STYLES = ("time", "row_title", "row_speaker", "session")


def day_title(day: Day, language: str = "en", start: bool = True, date=None) -> str:
    """'Monday 14 June', 'Montag, 14. Juni', 'Lundi 14 juin'; not `start` (within a line): 'lundi 14 juin'. `date`:
    another than the day's (an item after midnight: Slot.date)."""
    title = dates.day_and_date(date or day.date, language)
    return dates.at_line_start(title) if start else title


def build_programme(ctx: Context) -> list:
    """The days one after another, each opening a page, but a short day (a dinner, an arrival evening), or a day after
    one, which follows the day before when it fits below it whole (day_break)."""
    story = []
    for index, day in enumerate(ctx.booklet.days):
        block = build_programme_day(ctx, index, day)
        if index == 0:
            story.append(Anchor("programme", markup.plain(ctx.label("programme")), 0, section=ctx.label("programme")))
        else:
            story.append(day_break(ctx, block, story[-1]))
            follows(story[-2], story[-1])
        story.append(block)
    return story


def follows(before, day_break: DayBreak | PageBreak) -> None:
    """The day `before` (a DayBlock) learns of the short day a DayBreak sets below its last page when it fits there,
    so that its page breaks count it (DayBlock.follower)."""
    if isinstance(before, DayBlock) and isinstance(day_break, DayBreak):
        before.follower = (day_break.day, day_break.gap)


def day_break(ctx: Context, block: DayBlock, before=None) -> DayBreak | PageBreak:
    """What goes before a day's programme (`block`) that does not open its section: a DayBreak, which sets it below
    what is before it on its page when it fits there whole, for a short day (a dinner, an arrival evening; no taller
    than SHORT_DAY of a page) or a day right after a short one (`before`: what comes before it, the day before's
    DayBlock or another flowable): Les Houches 2018's arrival evening, three rows, had a page of A4 to itself, the
    next day, 56 % of a page, opening the next. A PageBreak for any other day, which opens a page: of two days of
    their own size (or a day after another's pages), each keeps its own."""
    def short(day: DayBlock) -> bool:
        return day.wrap(ctx.page.text_width, ctx.page.text_height)[1] <= SHORT_DAY * ctx.page.text_height

    if short(block) or isinstance(before, DayBlock) and short(before):
        return DayBreak(block, DAY_GAP)
    return PageBreak()


def build_programme_day(ctx: Context, index: int, day: Day, level: int = 1, section: str | None = None) -> DayBlock:
    """One day's programme; its anchor an outline entry at `level` (abstracts by day: 0, opening `section`); fitted
    to its page when a little over it (fitted_day)."""
    return fitted_day(ctx, lambda space, size=1.0: _programme_day(ctx, index, day, level, section, space, size),
                      lambda: _fitting_key(ctx, index, day, level, section))


def fitted_day(ctx: Context, made, key=None) -> DayBlock:
    """A day's programme as made(space, size) gives it, its spaces times `space` and its rows' type times `size` (1, 1:
    as set): as set when it fits a page, or when it is over its page by more than DAY_GAIN_MOST of its height (a day of
    pages runs on as it is); else set closer to fit the page whole (closer), so that it takes one page, not a second
    for a few rows under "(continued)". Only a day that opens a page is fitted: a shorter one (programme.day_break's)
    is never over a page.

    `key()`: everything made(space, size) reads that can change its height (_fitting_key). The spaces and size fitting
    chose are kept under it in the build's cache (section "day fits", in memory: a watch's, a library user's, and the
    same build's later passes), and a day whose key finds them is made at them at once, not set as it is and tried
    closer again: a warm rebuild after an abstract's text was edited made each of the sample's five days 11 times in
    all, now 5. Fitting makes the same block from the same inputs, so the PDF is the one fitting it again gives."""
    cache = active()
    key = key() if key is not None and cache is not None else None
    if key is not None:
        chosen = cache.peek("day fits", key)
        if chosen is not None:
            return made(*chosen)
    at: dict[int, tuple[float, float]] = {}  # id(block made) -> its (space, size)
    blocks: list = []  # (each block made, held: its id stays its own)

    def making(space: float, size: float = 1.0):
        block = made(space, size)
        blocks.append(block)
        at[id(block)] = (space, size)
        return block

    block = making(1.0)
    fitted = closer(ctx, making, block, ctx.page.text_width, ctx.page.text_height, DAY_SIZED_STYLES) or block
    if key is not None:
        cache.put("day fits", key, at[id(fitted)])
    return fitted


def _fitting_key(ctx: Context, index: int, day: Day, level: int, section: str | None) -> tuple:
    """What a day's programme (_programme_day) reads that its height can follow, at any spaces and size: the day
    as printed (its abstracts' texts and tutorials' descriptions aside: _as_printed), its place (index, outline level
    and section), the dates of all the days (its number's column is as wide as the widest's), its blocks of parallel
    sessions' orders, its poster lines' references, the tutorials' numbers, and what any text reads (Context.look_key:
    the language, the theme, the palette, the styles and fonts, the page). Left out: what names no more than which link or person a line marks (an abstract's link key, the
    person keys of Context.named: people.yaml), which sets no text. Worked out each time a day is made."""
    items = [item for entry in day.entries for item in items_of(entry)]
    return ("day", index, level, section, _as_printed(day), tuple(other.date for other in ctx.booklet.days),
            tuple(ctx.session_orders.get(id(entry)) for entry in day.entries if isinstance(entry, Parallel)),
            tuple(ctx.poster_ref(item) for item in items if item.kind == "poster"),
            tuple(ctx.tutorial_number(item.tutorial) for item in items if item.tutorial),
            ctx.look_key(active()))


def _as_printed(day: Day) -> tuple:
    """`day` as its programme prints it, as a key: each item's, session's and the day's values (_values), each
    abstract's but its text and each tutorial's but its description (neither printed there: an edit of them does not
    fit the day again), and each session's chairs left out, which the model leaves out of its comparisons
    (Session.chairs_left_out: a session that had a chair keeps its heading, _plain_line)."""
    def item(it: Item) -> tuple:
        return (_values(it, _ITEM_OWN), it.abstract and _values(it.abstract, _ABSTRACT_PRINTED),
                it.tutorial and _values(it.tutorial, _TUTORIAL_PRINTED))

    def session(it: Session) -> tuple:
        return _values(it, _SESSION_OWN), it.chairs_left_out, tuple(map(item, it.items))

    return _values(day, _DAY_OWN), tuple(item(entry) if isinstance(entry, Item) else session(entry)
                                         if isinstance(entry, Session) else tuple(map(session, entry.sessions))
                                         for entry in day.entries)


def _compared(kind: type, *leaving: str) -> tuple[str, ...]:
    """The names of the fields of the dataclass `kind` that its comparisons compare, but those named `leaving`."""
    return tuple(f.name for f in fields(kind) if f.compare and f.name not in leaving)


def _values(value, names: tuple[str, ...]) -> tuple:
    """The values of `value`'s fields `names` (_compared), in order."""
    return tuple(getattr(value, name) for name in names)


# (_as_printed: what of the model a day's programme prints, each field the model adds included as it is compared)
_ITEM_OWN = _compared(Item, "abstract", "tutorial")
_ABSTRACT_PRINTED = _compared(Abstract, "text")
_TUTORIAL_PRINTED = _compared(Tutorial, "description")
_SESSION_OWN = _compared(Session, "items")
_DAY_OWN = _compared(Day, "entries")


def closer(ctx: Context, made, block, width: float, height: float, sized: tuple[str, ...]):
    """What made(space, size) gives (a flowable: a day's programme, an entry at a section's end), set closer to fit
    `height` whole, `width` wide; `block`: it as set, made(1.0). None when `block` fits, when it is over by more than
    DAY_GAIN_MOST of its height, or when it does not fit even at its tightest spaces and smallest type. Else at the
    first of DAY_LADDER with which it fits, and when even DAY_SPACE_TIGHTEST does not fit it, at the first of
    DAY_TYPE_LADDER, the type of the styles named `sized` smaller and its spaces as loose as then fit (_sized_day);
    `sized` empty: its type as set, None where its tightest spaces do not fit it (an entry amid others: see
    abstracts.flowing_entry).
    Whether it is fitted is judged by what it needs at its tightest, not by how far over it is as set: rc3's first day
    (A5), 48 points over its page (4.3 of its rows' lines, over the 3.5 that were tried), fits at its tightest spaces,
    and ran on to a second page. It is made again only when it is over: found from it made at DAY_SPACE_TIGHTEST (its
    height falls with its spaces in proportion), checked made."""
    full = block.wrap(width, height)[1]
    over = full - height
    if over <= _FUZZ or over > DAY_GAIN_MOST * full:
        return None
    tightest = made(DAY_SPACE_TIGHTEST)
    least = tightest.wrap(width, height)[1]
    per_space = (full - least) / (1.0 - DAY_SPACE_TIGHTEST)  # (height a whole of the spaces takes)
    if least > height + _FUZZ:
        return _sized_day(ctx, made, per_space, width, height, sized) if sized else None
    return _loosest(made, tightest, least, per_space, width, height)


def _loosest(made, tightest, least: float, per_space: float, width: float, height: float, size: float = 1.0):
    """What made(space, size) gives at the first of DAY_LADDER with which it fits `height`, foreseen from `least` (its
    height at DAY_SPACE_TIGHTEST, the ladder's last: `tightest`, made, which fits) and `per_space` (the height the
    whole of its spaces takes), checked made; `tightest` when none looser fits."""
    for space in DAY_LADDER[:-1]:  # (its last, DAY_SPACE_TIGHTEST: `tightest`, made)
        if least + (space - DAY_SPACE_TIGHTEST) * per_space > height + _FUZZ:
            continue  # (foreseen not to fit)
        tried = made(space, size)
        if tried.wrap(width, height)[1] <= height + _FUZZ:
            return tried
    return tightest


def _sized_day(ctx: Context, made, per_space: float, width: float, height: float, sized: tuple[str, ...]):
    """What made(space, size) gives at the first `size` of DAY_TYPE_LADDER with which it fits `height` whole at
    DAY_SPACE_TIGHTEST, its spaces then as loose as DAY_LADDER lets them be and it still fit (foreseen from
    `per_space`, the height the whole of its spaces takes, checked made: a step of the type may free more than was
    over, XDC 2021's Thursday 19 points, left empty at the page's foot with the spaces at their tightest); None when
    no size fits, or when a step would set the type of a style named `sized` (a day's rows: DAY_SIZED_STYLES) smaller
    than the theme's labels, the smallest type of the book (on none of the theme's pages: its smallest base size sets
    its labels 6.8 points, the rows' times at the ladder's last step 7.1). XDC 2021's Thursday (A5, pp. 6-7), 35
    points over its page and 8.4 over at its tightest spaces, ran on to a page of "(continued)", the repeated headings
    and four rows. The smallest size is made first: a day it does not fit (Camp 2019's Day 1, 64 points over at it)
    is not made at the others."""
    least = ctx.styles.label.fontSize
    smallest = min(getattr(ctx.styles, name).fontSize for name in sized)  # (of the type made smaller, as set)
    sizes = [size for size in DAY_TYPE_LADDER if smallest * size >= least - _FUZZ]
    if not sizes:
        return None
    last = made(DAY_SPACE_TIGHTEST, sizes[-1])
    lowest = last.wrap(width, height)[1]
    if lowest > height + _FUZZ:
        return None
    for size in sizes[:-1]:
        tightest = made(DAY_SPACE_TIGHTEST, size)
        high = tightest.wrap(width, height)[1]
        if high <= height + _FUZZ:
            return _loosest(made, tightest, high, per_space, width, height, size)
    return _loosest(made, last, lowest, per_space, width, height, sizes[-1])


def _sized(ctx: Context, size: float) -> Context:
    """`ctx`, or (`size` not 1) a copy of it whose styles of a day's rows (DAY_SIZED_STYLES) are set `size` times as
    large, their leading with them (_sized_day). The copy shares what `ctx` has made (the people named, the orders of
    parallel sessions: made first, of `ctx`, not measured again at the smaller type)."""
    if size == 1.0:
        return ctx
    ctx.session_orders  # (made of `ctx` before it is copied)
    styles = ctx.styles
    sized = copy(ctx)
    sized.as_set = ctx
    smaller = {}
    for name in DAY_SIZED_STYLES:
        style = getattr(styles, name)
        smaller[name] = ctx.derived(style, f"{name}_sized_{size:g}", size, fontSize=style.fontSize * size,
                                    leading=style.leading * size)
    sized.styles = replace(styles, **smaller)
    return sized


def _programme_day(ctx: Context, index: int, day: Day, level: int, section: str | None, tight: float,
                   size: float = 1.0) -> DayBlock:
    """build_programme_day's day, the spaces between its rows and sessions times `tight` and the type of its rows
    and sessions' headings times `size` (fitted_day); its heading as the theme sets it."""
    title = day_title(day, ctx.booklet.conference.language)
    lines = [
        Line(Anchor(day_key(index), title, level, section=section), keep=True),
        Line(DayMark(title, opening=True), keep=True),  # (its big date the page's head: no running head over it)
        Line(_day_header(ctx, index, day), keep=True),
        Line(Rule(ctx.colours.primary, 0.8, 3), space=3, keep=True),
    ]
    heading_ctx, ctx = ctx, _sized(ctx, size)
    space = 0.0  # owed above the next line (after a block)
    clock = _tracks_clock(day)
    untimed = _untimed_from(day.entries)
    # a day of no times at all has no time column: its rows as wide as the page (an empty column before each line)
    timed = any(item.time for item in day.items())
    chaired = chaired_sessions(index, day)  # each chaired session's rows note their pages: a chair's proof holds them
    for at, entry in enumerate(day.entries):
        if at == untimed:  # the items after the day's last time, said to have none (as the glance lists them)
            lines.append(Line(Para(markup.inline(ctx.label("glance_untimed")), ctx.styles.label),
                              space=space + BLOCK_SPACE * tight, keep=True))
            space = 0.0
        plain = entry if isinstance(entry, Item) else _plain_line(ctx, entry) if isinstance(entry, Session) else None
        if plain is not None:  # (a session that is one plain line: printed as one, _plain_line)
            lines.append(Line(item_row(ctx, plain, tight, room=None if plain is entry else _room_apart(entry),
                                       timed=timed), space=space, row=True))
            space = 0.0
            continue
        block = (_session_lines(ctx, entry, chaired.get(id(entry)), tight, timed) if isinstance(entry, Session)
                 else _parallel_lines(ctx, entry, clock, chaired, tight, timed))
        block[0].space += space + BLOCK_SPACE * tight
        lines += block
        space = (GROUP_END_SPACE if block[-1].group_resume is not None else BLOCK_SPACE) * tight
    return DayBlock(lines, lambda: _continued_heading(heading_ctx, title), ctx.page.text_height)


def _untimed_from(entries) -> int | None:
    """Where the items without a time that end a day start, after items with one (a review: SIGDIAL's "Workshop 1"
    stood at a day's end with nothing to say it has no fixed time); None when the day ends otherwise."""
    at = len(entries)
    while at > 0 and isinstance(entries[at - 1], Item) and not entries[at - 1].time:
        at -= 1
    if at == len(entries) or not any(item.time for entry in entries[:at] for item in items_of(entry)):
        return None
    return at


def _day_header(ctx: Context, index: int, day: Day) -> Row:
    s = ctx.styles
    language = ctx.booklet.conference.language
    digits, suffix = _number_parts(day, language)
    if suffix[:1].isalpha():  # an ordinal's letters ('1er') set as a superscript, as French typography sets them
        number = Para(markup.inline(digits) + dates.raised(markup.inline(suffix)), s.day_number)
    else:
        number = Para(markup.inline(digits + suffix), s.day_number)
    # (its column as wide as the widest day's number of the book: the days' names line up, and a book of days with
    # one digit, FOSDEM's 1 and 2 February, has no room for a second one between its number and its name)
    width = max(_number_width(ctx, other, language) for other in (day, *ctx.booklet.days)) + 2
    body = [
        Para(markup.inline(ctx.label("day", number=index + 1)), s.label),
        Para(markup.inline(dates.at_line_start(dates.weekday(day.date, language))), s.day_name),
        Para(markup.inline(dates.after_day_number(day.date, language)), s.day_name),  # (the weekday's line goes on)
    ]
    gap = 3 * mm
    return Row([Spacer(0, -_number_raised(number, body, ctx.page.text_width - width - gap)), number], body, width,
               pad=0, gap=gap)


def _number_raised(number: Para, body: list[Para], width: float) -> float:
    """How much higher than the top of its row a day's number set large is set (lower, when less than 0) for its
    figures to stand on the baseline of the day's name's last line, as a drop cap stands on its last line's: set from
    the row's top, they stood 6 points below "June 2027" on A5 (their tops at "Monday"'s capitals), its last line
    beside the figures' foot. (A paragraph's first baseline is its type's size below its top, each line after it a
    leading lower.)"""
    above = 0.0
    for para in body[:-1]:
        above += para.wrap(width, UNBOUNDED)[1]
    last = body[-1]
    last.wrap(width, UNBOUNDED)
    return number.style.fontSize - (above + (last.line_count() - 1) * last.style.leading + last.style.fontSize)


def _number_parts(day: Day, language: str) -> tuple[str, str]:
    """A day's number set large: its digits and what follows them ('14' and '', '14' and '.' in German, '1' and 'er'
    in French)."""
    shown = dates.day_number(day.date, language)
    digits = str(day.date.day)
    return (digits, shown[len(digits):]) if shown.startswith(digits) else (shown, "")


def _number_width(ctx: Context, day: Day, language: str) -> float:
    """How wide a day's number is set large (an ordinal's letters raised and smaller)."""
    style = ctx.styles.day_number
    digits, suffix = _number_parts(day, language)
    if suffix[:1].isalpha():
        return stringWidth(digits, style.fontName, style.fontSize) + stringWidth(
            suffix, style.fontName, style.fontSize * dates.ORDINAL_SIZE)
    return stringWidth(digits + suffix, style.fontName, style.fontSize)


def _continued_heading(ctx: Context, title: str) -> list[Line]:
    """What opens a page that a day runs onto: the day's name, smaller, marked as continued."""
    s = ctx.styles
    style = ParagraphStyle("day_continued", parent=s.day_name, fontSize=s.day_name.fontSize * 0.8,
                           leading=s.day_name.fontSize, textColor=ctx.colours.primary)
    more = f' <font name="{SANS}" color="{markup_color(ctx.colours.muted)}">({markup.inline(ctx.label("continued"))})</font>'
    shown = dates.raised_ordinal(markup.inline(title), ctx.booklet.conference.language)
    return [
        Line(DayMark(title), keep=True),
        Line(Para(shown + more, style), keep=True),
        Line(Rule(ctx.colours.primary, 0.5, 2), space=1, keep=True),
    ]


def _time_width(ctx: Context) -> float:
    style = ctx.styles.time
    return stringWidth("00:00\u201300:00", style.fontName, style.fontSize) + 1


def item_row(ctx: Context, item: Item, tight: float = 1.0, headed: bool = False, room: str | None = None,
             timed: bool = True) -> Row:
    """One programme line: time, what happens (and who), the page it is described on; its padding times `tight`
    (fitted_day). `headed`: its session's heading says what it is (_headed_by): its title left out (see _item_body).
    `room`: its session's, printed where it has none of its own (a session printed as its one line: _plain_line).
    Not `timed` (its day has no times): no time column, what happens from the row's left edge, as a session's heading
    is (the column stood empty before every line: a German booklet of every option)."""
    s = ctx.styles
    left = [Para(str(item.time), s.time)] if item.time else []
    body, ref, background = _item_body(ctx, item, titled=not headed, room=room)
    return Row(left, body, _time_width(ctx) if timed else 0, ref=ref, ref_style=s.time, link=ref,
               background=background, pad=ROW_PAD * tight, gap=2.5 * mm, keep=ctx.page.text_height, baseline=True)


def _track_cell(ctx: Context, item: Item, tight: float = 1.0, headed: bool = False) -> Row:
    """One talk (or break) in a parallel track: its time, start to end, above what happens, the page of its abstract
    beside the time and its title under both, as wide as the track; its padding times `tight` (fitted_day). `headed`:
    the track's heading says what it is (_headed_by): its title left out (see _item_body)."""
    s = ctx.styles
    body, ref, background = _item_body(ctx, item, titled=not headed)
    if item.time:
        body = [Para(str(item.time), s.time), *body]
    return Row([], body, 0, ref=ref, ref_style=s.time, link=ref, background=background, pad=ROW_PAD * tight,
               gap=2.5 * mm, keep=ctx.page.text_height, ref_first=bool(item.time))


def _headed_by(session: Session) -> Item | None:
    """The one item of a session (a parallel track, or a session block) that its heading names already: alone in it and
    titled as it is named (its talk's or tutorial's title), with something else that says what it is (its talk's
    speaker, its tutorial's label). Les Houches 2018's timetable (p. 11) had "Pure spin currents in magnetic
    insulator/metal hybrid structures" over its column and over the talk of that title under it; SIGDIAL 2020 (p. 11),
    "Turorial 1" over "TUTORIAL 1 Turorial 1". A line of its own (a lunch, a meeting: no speaker, no label) keeps its
    title: without it, its row was a time alone (GMTH 2023's Thursday, A5 p. 6: "AG Promotionen (?)" over a row of
    "15:00–19:00" and nothing else; its Friday, p. 7: "Mittagspause" over "13:00–14:30")."""
    item = _named_by(session)
    return item if item is not None and (item.abstract or item.tutorial) else None


def _plain_line(ctx: Context, session: Session) -> Item | None:
    """The one line of a session that is nothing but that line: alone in it, a line of its own (no talk, no tutorial:
    a break, a meeting), titled as the session is named, and no chair. Printed on its own (a session block of the day,
    or one of parallel sessions set one after another), such a session is that line, a plain row as one outside any
    session ("10:45–11:10 Coffee", the session's room under it where the line has none), not its heading over a row
    that says it again (AMCOS 2018, A5 p. 5: a "Coffee" bar over "10:45–11:10 Coffee"). Side by side, its heading is
    its lane's and stays over its row, which keeps its title (_headed_by: never a time alone; SIGDIAL 2020, A5 p. 11,
    "Breakouts Discussion Sessions" beside "Turorial 3": the time in the lane's row, level with the other lane's); a
    chaired session keeps its heading, which names the chair. Only a line whose row is set apart by its own background
    (a break, a social event, a poster session: Palette.sets_apart, not one the theme made white) is printed so: a
    meeting's plain row after another session's rows, with no bar between, would read as that session's (GMTH 2023, A5
    p. 6: "AG Promotionen (?)" under "Raum 117")."""
    item = _named_by(session)
    if (item is None or item.abstract or item.tutorial or not ctx.colours.sets_apart(item.kind) or session.chairs
            or session.chairs_left_out):
        return None
    return item


def _named_by(session: Session) -> Item | None:
    """The one item of a session, when it is alone in it and titled as the session is named (its own title, its
    talk's or its tutorial's; markup, case and the spaces around left aside)."""
    if len(session.items) != 1:
        return None
    item = session.items[0]
    if not item.shown_title:
        return None
    same = markup.plain(item.shown_title).casefold().strip() == markup.plain(session.name or "").casefold().strip()
    return item if same else None


def _room_apart(session: Session) -> str | None:
    """The session's room, when its name does not already say it: None for a session named after its room (as imports
    name sessions after their rooms), or whose name ends with its room as words of their own (FOSDEM 2025's
    "Keynotes · Main Track - Janson" in room Janson read "Keynotes · Main Track – Janson · Janson"; "Talks (Janson)"
    too): the room said once. Compared as printed text, spaces and case aside."""
    if not session.room:
        return None
    room = " ".join(markup.plain(session.room).split()).casefold()
    name = " ".join(markup.plain(session.name).split()).casefold()
    if name.endswith(")") and not room.endswith(")"):  # ("Main Track (Janson)")
        name = name[:-1]
    if room and (name == room or name.endswith(room) and not name[-len(room) - 1].isalnum()):
        return None
    return session.room


def _item_body(ctx: Context, item: Item, titled: bool = True, room: str | None = None):
    """What a programme line says (its title, and who and where), the page it is described on and its background. Not
    `titled` (_headed_by: its session's heading names it): its title left out, the rest kept (a talk's speaker and its
    label, a tutorial's label and presenters, the place). `room`: printed where the item has none of its own, or one
    the fonts print nothing of (`room: 会议室`, CJK alone, warned of)."""
    s = ctx.styles
    title = item.shown_title
    room_shown = item.room if markup.prints(item.room) else room
    where = " \u00b7 ".join(markup.inline(x) for x in (item.place, room_shown) if markup.prints(x))
    if item.abstract:
        abstract = item.abstract
        label = markup.inline(ctx.label(abstract.kind)) if abstract.kind != "contributed" else ""
        title_markup = markup.title(title)
        if label:
            title_markup = f"<b>{title_markup}</b>"
        speaker = f"<i>{names(abstract.speakers, ctx) or unnamed_speaker(ctx, abstract)}</i>"
        if label:
            speaker += f' <font name="Sans" size="{s.label.fontSize}" color="{markup_color(ctx.colours.accent)}">{label}</font>'
        if where:
            speaker += f" \u00b7 {where}"
        body = [Para(title_markup, ctx.in_language(s.row_title, abstract.language))] if titled else []
        return body + [Para(speaker, s.row_speaker)], ctx.abstract_ref(abstract), None
    if item.tutorial:
        tutorial = item.tutorial
        head = f'<font name="Sans-Bold" size="{s.label.fontSize}" color="{markup_color(ctx.colours.accent)}">{markup.inline(ctx.label("tutorial", number=ctx.tutorial_number(tutorial)))}</font> '
        shown = f"<b>{markup.title(title, bold=True)}</b>" if titled else ""
        body = [Para(head + shown, ctx.in_language(s.row_title, tutorial.language))]
        people = names(tutorial.presenters, ctx) or unnamed_speaker(ctx, tutorial)
        line = " \u00b7 ".join(x for x in (f"<i>{people}</i>" if people else "", where) if x)
        if line:
            body.append(Para(line, s.row_speaker))
        return body, ctx.tutorial_ref(tutorial), ctx.colours.tutorial
    if not title:  # an empty slot: its time, and where it is (a LOC's "12:30 · Foyer" lost its room)
        return [Para(where, s.row_speaker)] if where else [], None, None
    shown = markup.title(title)
    styled = {"break": f"<i>{shown}</i>", "social": f"<b>{shown}</b>", "poster": f"<b>{shown}</b>"}.get(item.kind, shown)
    body = [Para(styled, s.row_title)] if titled else []
    if where:
        body.append(Para(where, s.row_speaker))
    background = ctx.colours.line_background(item.kind)
    ref = ctx.poster_ref(item) if item.kind == "poster" else None
    return body, ref, background


def session_header(ctx: Context, session: Session, continued: bool = False, chair: bool = True,
                   together: list | None = None, tight: float = 1.0) -> Row:
    """The session's name, then its room ("B: Models · Seminar Room Kobbe"); the chair on the line below.

    `continued`: the heading repeated above the rest of the session on the next page, marked so
    (and without the chair). `together`: shared by the headings of parallel tracks (see OneLineOr). `tight`: its
    padding times that (fitted_day)."""
    s = ctx.styles
    style = ctx.derived(s.session, "session_line", fontName=SANS)  # (one a context: a layout key worked out once)
    line = f"<b>{markup.title(session.name, bold=True)}</b>"
    if continued:
        line += f' <font color="{markup_color(ctx.colours.muted)}">({markup.inline(ctx.label("continued"))})</font>'
    room = _room_apart(session)  # a session named after its room (as imports name them) shows the name once
    if not markup.prints(room):
        room = None  # a room the fonts print nothing of (CJK alone, warned of) left "Models ·" ending in the dot
    body = [Para(line, style)]
    if room:  # "Name · Room" on one line, else the room on a line of its own: no line ends in the dot
        body = [OneLineOr(Para(line + f" \u00b7 {markup.inline(room)}", style),
                          Para(line + "<br/>" + markup.inline(kept_whole(room)), style), together)]
    if session.chairs and chair and not continued:
        several = len(session.chairs) > 1
        # the label's words around the name(s) (each chair named: the index lists them)
        words = ctx.label("chairs" if several else "chair", **{"names" if several else "name": "\0"}).split("\0")
        names = dates.listed([ctx.named(chair) for chair in session.chairs], ctx.booklet.conference.language)
        body.append(Para(names.join(map(_spaced_inline, words)), s.row_speaker))
    return Row([], body, 0, background=ctx.colours.track(session.name), pad=HEADER_PAD * tight)


def _spaced_inline(text: str) -> str:
    """`text` as markup, with the spaces before and after it that markup.inline takes off."""
    if not text.strip():
        return text
    return text[:len(text) - len(text.lstrip())] + markup.inline(text) + text[len(text.rstrip()):]


def _session_lines(ctx: Context, session: Session, mark: str | None = None, tight: float = 1.0,
                   timed: bool = True) -> list[Line]:
    """A session's heading and rows; each row noting its page under `mark` (a chaired session's key) when given; their
    padding times `tight` (fitted_day). `timed`: as item_row's."""
    def resume(rows: list[Line]) -> list[Line]:
        heading = session_header(ctx, session, continued=True, tight=tight)
        return [Line(_marked(heading, mark), space=BLOCK_SPACE * tight, keep=True), *rows]

    if (plain := _plain_line(ctx, session)) is not None:  # (no chair: no mark)
        return [Line(item_row(ctx, plain, tight, room=_room_apart(session), timed=timed), row=True)]
    headed = _headed_by(session)
    lines = [Line(_marked(session_header(ctx, session, tight=tight), mark), keep=True)]
    lines += [Line(_marked(item_row(ctx, item, tight, item is headed, timed=timed), mark), row=True, block=session,
                   resume=resume) for item in session.items]
    return lines


def _marked(row: Row, mark: str | None) -> Row:
    """`row`, noting the pages it is drawn on under `mark` (see flowables.note_pages), when given (a Row's own mark,
    its constructor's, is None: nothing else marks one)."""
    row.mark = mark
    return row


def _parallel_lines(ctx: Context, parallel: Parallel, times: dict, chaired: dict[int, str],
                    tight: float = 1.0, timed: bool = True) -> list[Line]:
    """Tracks side by side, a row per time (so they stay aligned, and break across pages row by
    row) when they fit the page width and no row is too tall (_side_by_side); else one session after another, in the
    order the booklet prints them (Context.session_orders: printed_order). `times`: the day's (Day.clock: after
    midnight, 24 hours on). `chaired`: id(session) -> its key, for the chaired ones (_session_lines). `tight`: the
    spaces between their rows and sessions times that (fitted_day). `timed`: as item_row's."""
    sessions = parallel.sessions
    marks = [chaired.get(id(session)) for session in sessions]
    lines = _side_by_side(ctx, parallel, marks, times, tight)
    if lines is not None:
        return lines
    order = ctx.session_orders.get(id(parallel), range(len(sessions)))
    return _one_after_another(ctx, [(sessions[k], marks[k]) for k in order], tight, timed)


def _side_by_side(ctx: Context, parallel: Parallel, marks: list, times: dict,
                  tight: float = 1.0) -> list[Line] | None:
    """The tracks side by side, a row per time, with their label and headings; None when they do not fit the page's
    width (more than Page.max_tracks) or a row is taller than TRACK_ROW_LIMIT of the page. Decided with the rows as
    set (`tight` 1, the type as the theme's: Context.as_set): a day fitted closer or smaller (fitted_day) sets its
    tracks as the day set as it is does, and as printed_order decided their order for (a row a little over the limit,
    under it once its padding is closer, set the tracks side by side on the fitted day alone)."""
    sessions = parallel.sessions
    if len(sessions) > ctx.page.max_tracks:
        return None
    aligned = _aligned(sessions, times)

    headed = [_headed_by(session) for session in sessions]

    def rows_at(tight: float, ctx: Context = ctx) -> list[TracksRow]:
        return [TracksRow([_marked(_track_cell(ctx, item, tight, item is said), mark) if item else None
                           for item, mark, said in zip(cells, marks, headed)], TRACK_GAP, ctx.colours.muted)
                for cells in aligned]

    as_set = ctx.as_set or ctx
    rows = None
    tallest = as_set.tallest_track_row.get(id(parallel))
    if tallest is None:
        rows = rows_at(1.0, as_set)
        tallest = as_set.tallest_track_row[id(parallel)] = max(
            (row.wrap(ctx.page.text_width, ctx.page.text_height)[1] for row in rows), default=0.0)
    if tallest > ctx.page.text_height * TRACK_ROW_LIMIT:
        return None
    if rows is None or tight != 1.0 or as_set is not ctx:
        rows = rows_at(tight)

    def resume_of(shown: tuple[int, ...]):
        """The block's rest after a break, its rows of the tracks `shown` (indices into the sessions): the tracks
        with rows after it, under their headings again, sharing the width; a track with nothing more had its
        heading repeated over an empty column (XDC 2021's Thursday, p. 7: "Workshop" beside the main track's last
        three talks)."""
        made: dict[tuple, tuple[Line, Line]] = {}  # (id(line), the tracks) -> (line, narrowed): a break is weighed
        # at many rows, each row's narrowed line made once (the line kept with it: its id not another's)

        def resume(rest: list[Line]) -> list[Line]:
            on = [n for n in range(len(shown)) if not rest or any(line.flowable.cells[n] is not None for line in rest)]
            going = tuple(shown[n] for n in on)
            heading = [replace(_parallel_label(ctx, continued=True), space=BLOCK_SPACE * tight),
                       Line(_track_headers(ctx, [sessions[k] for k in going], [marks[k] for k in going],
                                           repeated=True, tight=tight), space=LABEL_SPACE * tight, keep=True)]
            if going == shown:
                return heading + rest
            again = resume_of(going)
            for line in rest:
                if (id(line), going) not in made:
                    made[id(line), going] = line, replace(line, flowable=line.flowable.only(on), resume=again)
            return heading + [made[id(line), going][1] for line in rest]
        return resume

    resume = resume_of(tuple(range(len(sessions))))
    return [_parallel_label(ctx), Line(_track_headers(ctx, sessions, marks, tight=tight), space=LABEL_SPACE * tight,
                                       keep=True),
            *(Line(row, row=True, block=parallel, resume=resume) for row in rows)]


def _one_after_another(ctx: Context, order, tight: float = 1.0, timed: bool = True) -> list[Line]:
    """Parallel sessions set one after another, (session, mark) in `order`, under their label (said again, continued,
    where a page breaks among them)."""
    def label_again() -> list[Line]:
        return [replace(_parallel_label(ctx, continued=True), space=BLOCK_SPACE * tight)]

    lines = [replace(_parallel_label(ctx), group_resume=label_again)]
    for session, mark in order:
        block = _session_lines(ctx, session, mark, tight, timed)
        block[0].space += BLOCK_SPACE * tight
        lines += [replace(line, group_resume=label_again) for line in block]
    return lines


def printed_order(ctx: Context, parallel: Parallel, times: dict) -> tuple[int, ...] | None:
    """The order (indices into its sessions) in which the programme prints a block of parallel sessions, when not the
    data's; None when it is. Set one after another (not _side_by_side) and fitting on a page, they come in the order
    they start (_by_start), read at a glance by time; over pages, in the data's order, by which a reader looks a room
    up (FOSDEM's devrooms, in the order of their buildings); side by side, the tracks in the data's order. `times`:
    the day's (Day.clock). Decided once for the whole booklet (Context.session_orders), before a build is split
    among processes: the programme and the abstracts' order (programme order) follow it."""
    sessions = parallel.sessions
    order = _by_start(sessions, times)
    if order == tuple(range(len(sessions))):
        return None
    marks = [None] * len(sessions)
    if _side_by_side(ctx, parallel, marks, times) is not None:
        return None
    if _height(ctx, _one_after_another(ctx, zip(sessions, marks))) > ctx.page.text_height:
        return None
    return order


def _height(ctx: Context, lines: list[Line]) -> float:
    """How tall `lines` are set one under another at the page's width (each wrapped once: see daypages.line_size)."""
    width, height = ctx.page.text_width, ctx.page.text_height
    return sum(line.space + line_size(line, width, height)[1] for line in lines)


def session_orders(ctx: Context) -> dict[int, tuple[int, ...]]:
    """id(block) -> printed_order, for each block of parallel sessions of the booklet's days that the programme prints
    otherwise than in the data's order: decided once, from the whole booklet (every process of a build split among
    several finds the same), and kept for the booklet and page (the checks, the story and each worker ask again).
    Measuring names no one: the people the programme's lines name keep the keys they had (Context.named)."""
    return kept_for(_ORDERS, ctx.booklet, ctx.page, lambda: _measured_orders(ctx))


_ORDERS: list = []  # the last answer of session_orders (kept_for)


def _measured_orders(ctx: Context) -> dict[int, tuple[int, ...]]:
    measuring = copy(ctx)  # (its own keys: the lines measured name people in it, not in `ctx`)
    measuring.forget_keys()
    measuring.session_orders = {}  # (the data's order, as printed_order measures: not asked again of itself)
    measuring.tallest_track_row = {}  # (of its own rows)
    orders = {}
    for day in ctx.booklet.days:
        clock = _tracks_clock(day)
        for entry in day.entries:
            if isinstance(entry, Parallel) and (order := printed_order(measuring, entry, clock)) is not None:
                orders[id(entry)] = order
    return orders


def _tracks_clock(day: Day) -> dict[int, tuple[int, int | None]]:
    """The day's clock (Day.clock), by which its parallel sessions are set (_aligned, _by_start), for a day that has
    any; {} (not made) for one that has none. (Not kept on the Day: the model is frozen, and a clock, by its items'
    id(), pickled with it to a worker would name other objects there.)"""
    return day.clock() if any(isinstance(entry, Parallel) for entry in day.entries) else {}


def _by_start(sessions, times: dict) -> tuple[int, ...]:
    """Parallel sessions set one after another (their indices) in the order they start (by the day's clock,
    `times`: Day.clock), those that start within CLOSE_STARTS of the first of them in the data's order (36C3's halls
    at 13:30 and 13:50 in the order of the halls); a session without a time after the one before it in the data. A
    reader scans a day by time: GMTH 2023's Thursday listed a school from 09:30 after meetings at 15:00 and 15:30, in
    the order of their rooms."""
    keys, last = [], float("-inf")
    for session in sessions:
        starts = [times[id(item)][0] for item in session.items if id(item) in times]
        last = min(starts) if starts else last
        keys.append(last)
    together: dict[float, int] = {}  # each start -> its run of starts within CLOSE_STARTS of the run's first
    first, run = None, -1
    for key in sorted(set(keys)):
        if first is None or key - first >= CLOSE_STARTS:
            first, run = key, run + 1
        together[key] = run
    return tuple(sorted(range(len(sessions)), key=lambda k: together[keys[k]]))  # (stable: the data's order among them)


def _parallel_label(ctx: Context, continued: bool = False) -> Line:
    text = ctx.label("parallel_sessions") + (f" ({ctx.label('continued')})" if continued else "")
    return Line(Para(markup.inline(text), ctx.styles.label), keep=True)


def _track_headers(ctx: Context, sessions, marks: list, repeated: bool = False, tight: float = 1.0) -> TracksRow:
    """The tracks' headings side by side; `repeated` above the rest of the block on its next page
    (name and room only: the label above says it is continued). `marks`: each session's (see _session_lines).
    `tight`: their padding times that (fitted_day)."""
    together: list = []  # (a row's rooms set alike: after the name, or each on a line of its own)
    headers = [_marked(session_header(ctx, session, chair=not repeated, together=together, tight=tight), mark)
               for session, mark in zip(sessions, marks)]
    return TracksRow(headers, TRACK_GAP, ctx.colours.muted)


def _aligned(sessions, times: dict) -> list[list[Item | None]]:
    """The tracks' items in rows: what starts at the same time in each track shares a row, in the order of the
    day's clock (`times`, Day.clock: an item after midnight after the evening's).

    An item without a time comes after the timed item before it in its track (first, when none is).
    """
    tracks: list[dict[tuple, Item]] = []
    for session in sessions:
        track: dict[tuple, Item] = {}
        start: int | None = None
        after = 0
        for item in session.items:
            if item.time:
                start, after = times[id(item)][0], 0
            else:
                after += 1
            key = (start is not None, start or 0, after)
            while key in track:  # two items at one time in one track: one row after the other
                after += 1
                key = (start is not None, start or 0, after)
            track[key] = item
        tracks.append(track)
    keys = sorted({key for track in tracks for key in track})
    return [[track.get(key) for track in tracks] for key in keys]
