"""Abstracts in programme order -> one page (or more) each, or flowing several to a page (theme
`abstracts: {layout: flow}`): label, title, authors, photo, text; after the programme, grouped by day,
or each day's after that day's programme (`placement: by-day`, see story)."""

from __future__ import annotations

import itertools
import math
from contextlib import contextmanager
from contextvars import ContextVar
from copy import copy
from functools import lru_cache
from typing import NamedTuple

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import PageBreak, Spacer

from ..text import dates, markup
from ..text.fonts import when_fonts_change
from ..model import Abstract, Person
from .columns import GAP, UNBOUNDED, TextColumns
from .common import (PHOTO_HEIGHT, PHOTO_WIDTH, Context, Slot, abstract_photo, kept_whole, presenting,
                     underlined, underlining_note)
from .flowables import (Anchor, BesidePhoto, Continues, DayMark, EndMark, Entry, Gap, Later, Para, Rule, Together,
                        height_needed, line_count, measuring_canvas)
from .programme import closer, day_title
from .styles import markup_color

SEPARATOR_SPACE = 9.0  # above and below the rule between flowing abstracts


def build_abstracts(ctx: Context) -> list:
    """The Abstracts section: every abstract in programme order, grouped by day; those not in the
    programme last. With abstracts by day, only those not in the programme (see build_day_abstracts)."""
    every = ctx.abstract_groups() if ctx.has("abstracts") else []
    groups = [group for group in every if group[0] is None] if ctx.by_day else every
    if not groups:
        return []
    name = ctx.label("abstracts")
    story = [Anchor("abstracts", markup.plain(name), 0, section=name)]
    once = explained_once(abstract_runs(ctx, every)[-1])  # (the run it heads: the whole section, or by day those not
    # in the programme, the last)
    for number, (day_index, abstracts) in enumerate(groups):
        title = (day_title(ctx.booklet.days[day_index], ctx.booklet.conference.language) if day_index is not None
                 else markup.plain(ctx.label("not_in_programme")))
        if number and not ctx.flow:
            story.append(PageBreak())
        opening = [Anchor(f"abstracts-day-{day_index}", title, 1), DayMark(title if day_index is not None else None)]
        heading = _day_heading(ctx, title) if ctx.flow else []
        if number == 0:  # the section's name over its first abstract (one a page: on that abstract's page)
            heading = [*abstracts_heading(ctx, once), *heading]
        story += abstract_run(ctx, abstracts, opening, heading, level=2, ends=number == len(groups) - 1,
                              explain=not once)
    return story


def build_day_abstracts(ctx: Context, day_index: int, abstracts: list[Abstract]) -> list:
    """Abstracts by day: the abstracts of one day, after its programme (on a page of their own)."""
    name = ctx.label("abstracts")
    title = day_title(ctx.booklet.days[day_index], ctx.booklet.conference.language)
    opening = [Anchor(f"abstracts-day-{day_index}", name, 1, section=name), DayMark(title)]
    once = explained_once(abstracts)
    return abstract_run(ctx, abstracts, opening, abstracts_heading(ctx, once), level=2, explain=not once)


def section_heading(ctx: Context, label: str = "abstracts") -> Para:
    """The section's name ("Abstracts", "Tutorials"), over the first page of a run of its entries."""
    return Para(markup.inline(ctx.label(label)), ctx.styles.heading)


def explained_once(abstracts: list[Abstract]) -> bool:
    """Whether what the underlining of presenting authors means is said once, under the section's name over a run of
    `abstracts` (abstracts_heading), and under none of their author lists: when more than one of them underlines (see
    common.underlined). A book of abstracts says it once, as the poster list does: "Presenting author underlined."
    was printed under the authors of 35 of Les Houches 2018's 49 abstracts. The one abstract of a run that underlines says it
    under its authors, as before: said on the section's first page, it would be pages away from the one underline."""
    return sum(underlined(abstract.authors) for abstract in abstracts) > 1


def abstracts_heading(ctx: Context, once: bool) -> list[Para]:
    """The section's name over a run of abstracts, and under it, when `once` (explained_once: of the run), what the
    underlining of presenting authors means (common.underlining_note, as the poster list says it)."""
    return [section_heading(ctx), underlining_note(ctx, heading=True)] if once else [section_heading(ctx)]


def abstract_runs(ctx: Context, groups: list | None = None) -> list[list[Abstract]]:
    """The runs of abstracts each under the section's name once (abstracts_heading): the whole section; abstracts
    by day, each day's, and those not in the programme. `groups`: the abstracts' groups (ctx.abstract_groups, as
    the section has them: none when it is not printed), when the caller has them already."""
    if groups is None:
        groups = ctx.abstract_groups() if ctx.has("abstracts") else []
    if not ctx.by_day:
        return [[abstract for _, abstracts in groups for abstract in abstracts]] if groups else []
    return [abstracts for _, abstracts in groups]


def underlining_explained(ctx: Context) -> dict[str, str]:
    """Each abstract whose authors underline a presenting one (common.underlined): its link key -> the link key of
    the abstract on whose first page what that means is said: the first of its run, under the section's name, when
    the run says it once (explained_once); else its own, under its authors. (A speaker's proof copies the abstract's
    pages alone: when they do not say it, the proof's header does.)"""
    found = {}
    for run in abstract_runs(ctx):
        once = explained_once(run)
        for abstract in run:
            if underlined(abstract.authors):
                found[ctx.abstract_key(abstract)] = ctx.abstract_key(run[0] if once else abstract)
    return found


def opening_abstracts(ctx: Context) -> set[str]:
    """One abstract a page: the ids of the abstracts whose page opens a run of them under the section's name (the
    first abstract of the section; abstracts by day, each day's first, and the first of those not in the
    programme: each of abstract_runs' first)."""
    return {run[0].id for run in abstract_runs(ctx) if run}


def abstract_run(ctx: Context, abstracts: list[Abstract], opening: list, heading: list, level: int,
                 ends: bool = True, explain: bool = True) -> list:
    """A run of abstracts: `opening` (zero-size anchors and marks) first; then one page each, or
    (layout: flow) one after another with a rule between, each header kept with the first lines of
    its text, `heading` kept with the first. Each abstract ends with a mark of its last page. An abstract
    on pages of its own is a Later (see flowables.made). `ends`: the run ends its section (what follows opens a
    page): its last flowing abstract leaves no short tail alone on the section's last page (see flowing_entry).
    `explain`: an abstract whose authors underline the presenting ones says what that means under them (not when
    `heading` says it once: explained_once)."""
    if not ctx.flow:
        story = list(opening)
        for number, abstract in enumerate(abstracts):
            if number:
                story.append(PageBreak())
            # made when laid out: a process laying out only the last abstracts makes only theirs
            above = heading if number == 0 else []
            story.append(Later(lambda abstract=abstract, above=above: build_abstract_page(ctx, abstract, level,
                                                                                           above, explain)))
            story.append(EndMark(ctx.abstract_key(abstract)))
        return story
    story = []
    for number, abstract in enumerate(abstracts):
        content, header = abstract_content(ctx, abstract, level, explain=explain)
        prefix = [*opening, *heading] if number == 0 else []
        last = ends and number == len(abstracts) - 1
        made = (lambda tight, abstract=abstract, prefix=prefix:
                prefix + abstract_content(ctx, abstract, level, tight, explain=explain)[0])
        story.append(flowing_entry(ctx, prefix + content, len(prefix) + header, number, abstract.title, last, made,
                                   len(prefix)))
        story.append(EndMark(ctx.abstract_key(abstract)))
    return story


def _day_heading(ctx: Context, title: str) -> list:
    """Flowing abstracts: the day's name over its abstracts, in the accent colour, ruled."""
    s = ctx.styles
    style = ParagraphStyle("abstract_day", parent=s.day_name, textColor=ctx.colours.primary, spaceBefore=s.body.fontSize * 1.6,
                           spaceAfter=1)
    shown = markup.inline(title)
    if title != markup.plain(ctx.label("not_in_programme")):  # (a day's date: '1er' raised, dates.raised_ordinal)
        shown = dates.raised_ordinal(shown, ctx.booklet.conference.language)
    return [Para(shown, style), Rule(ctx.colours.primary, 0.8, 3), Spacer(0, 3)]


TIGHTEST = 0.92  # of the text's line spacing: an entry is set this tight at most
SPACE_TIGHTEST = 0.75  # of the space between its paragraphs: a paragraph's end still shows. (At 0.5, with the lines
# at 0.93, the sample's A5 Tutorial 1 (p. 59) kept 2.1 points between paragraphs of 11.7-point lines, unindented: a
# typographer's review read them as one; 0.75 keeps 3.3, over a quarter of a line)
ITEMS_TIGHTEST = 0.5  # of the space between two items of a list (each marked by its bullet or number): closer still
# (EuroPython 2014's "Tweaking libraries as a step towards secure programming", four lists of short items)
AROUND_TIGHTEST = 0.5  # of the spaces around a tutorial's presenters (above each, above a bio; not above their
# heading: set closer, "Presenters" stood as near the text above it as a paragraph, no heading)
BIOS_TIGHTEST = 0.94  # of the line spacing of presenters' bios, set closer before the description's is
SMALLEST = 0.9  # of the text's type size: an entry's text is set this small at most (its lines at TIGHTEST)
TAIL_LINES = 4  # an entry that runs on holds at least this many lines of its text on its last page (see Continues)
SPILL_FITTED = 1 / 4  # of the text's height: an entry over its page by more than this is not tried tighter
FEWER_MOST = 4  # pages: a longer entry is not set tighter to take a page fewer (a short last page is its due)
SPACED_MOST = 3 / 8  # of the text's height: an entry over by more than SPILL_FITTED, up to this, is measured again
# with its spaces at their closest (ITEMS_TIGHTEST): fitted as one over by SPILL_FITTED at most when that brings
# it there (a text of many short paragraphs, list items, loses more to their closer spacing than a text of long ones)


class Tight(NamedTuple):
    """How an entry's text is set to fit its page: `space`, of the space between its paragraphs (no closer than
    SPACE_TIGHTEST; between two items of a list, ITEMS_TIGHTEST: see tight_style); `lead`, of its line
    spacing; `size`, of its type size (its line spacing with it); `around`, of the spaces around a tutorial's
    presenters (above each and above a bio); `bios`, of its presenters' bios' line spacing (at most
    `lead`: see bios_tight). Every line of the entry's text is set alike, its bios as closely or closer. The
    type is made smaller only where closer lines do not fit it, and a fiftieth at a time: a page set smaller shows
    beside the full-size page facing it (a typographer's review of a first try, a point smaller at once), less than a
    page of a few lines under "(continued)" does."""
    space: float = 1.0
    lead: float = 1.0
    size: float = 1.0
    around: float = 1.0
    bios: float = 1.0


FULL = Tight()
# Tighter and tighter, the least visible first (a typographer's order): the line spacing, a hundredth at a time down
# to TIGHTEST, then the space between paragraphs, down to SPACE_TIGHTEST (never less: the paragraphs still read as
# paragraphs), the space between a list's items on down to ITEMS_TIGHTEST, then the type a fiftieth smaller at a
# time, down to SMALLEST (its lines at TIGHTEST of their spacing); each takes as much off the page as the one before,
# or more. An entry that does not fit at the last runs on, headed "Title (continued)" (fitted_page). (The paragraphs'
# spaces went first, down to half: 2 points between paragraphs.)
TEXT_LADDER = (*(Tight(1.0, lead / 100) for lead in range(99, round(TIGHTEST * 100) - 1, -1)),
               *(Tight(space / 100, TIGHTEST) for space in range(95, round(ITEMS_TIGHTEST * 100) - 1, -5)),
               *(Tight(ITEMS_TIGHTEST, TIGHTEST, size / 100) for size in range(98, round(SMALLEST * 100) - 1, -2)))
# A tutorial's: first the spaces around its presenters' names (down to AROUND_TIGHTEST), then its bios' line spacing
# (down to BIOS_TIGHTEST), then TEXT_LADDER, its bios as close as the description's lines or closer, those spaces at
# their least.
LADDER = (*(Tight(around=around / 10) for around in range(9, round(AROUND_TIGHTEST * 10) - 1, -1)),
          *(Tight(around=AROUND_TIGHTEST, bios=bios / 100) for bios in range(98, round(BIOS_TIGHTEST * 100) - 1, -2)),
          *(tight._replace(around=AROUND_TIGHTEST, bios=BIOS_TIGHTEST) for tight in TEXT_LADDER))


def bios_tight(tight: Tight) -> Tight:
    """The setting of a presenter's bio where the entry is set `tight`: its line spacing at `bios`, or at `lead` where
    that is closer; its paragraphs' spaces and type as the text's."""
    return Tight(tight.space, min(tight.lead, tight.bios), tight.size)


def text_tight(tight: Tight) -> Tight:
    """The setting of an entry's text (its description) where the entry is set `tight`: its spaces, lines and type."""
    return Tight(tight.space, tight.lead, tight.size)


def tight_style(ctx: Context, style: ParagraphStyle, tight: Tight) -> ParagraphStyle:
    """`style` (an entry's text) set `tight` (see Tight); `style` itself at FULL."""
    tight = text_tight(tight)
    if tight == FULL:
        return style
    made = ctx.derived(style, f"{style.name}_tight_{tight.space:g}_{tight.lead:g}_{tight.size:g}", tight,
                       fontSize=style.fontSize * tight.size, leading=style.leading * tight.lead * tight.size,
                       spaceAfter=style.spaceAfter * max(tight.space, SPACE_TIGHTEST))
    if tight.space < 1.0:  # (read by Context.paras: after an item of a list followed by another)
        made.item_space = style.spaceAfter * tight.space
    return made


def build_abstract_page(ctx: Context, abstract: Abstract, level: int = 2, heading: list = (),
                        explain: bool = True) -> list:
    """One abstract as it opens its page (under `heading`, the section's name, when it is the first of a run): a
    Continues that runs on, "Title (continued)", as long as it needs. An abstract a little too long for one page is
    set tighter, on one page (see fitted_page): its text's paragraphs closer, then its lines, then its type a little
    smaller; it took a second page for those few lines. The section's name is printed over it even where that costs
    it a second page (a section that opened without its name looked like a page gone astray: the contents sent the
    reader to it)."""
    again = continued_heading(ctx, abstract.title)
    page = fitted_page(ctx, list(heading), lambda tight: abstract_content(ctx, abstract, level, tight, explain)[0],
                       again)
    return [Continues(page, again, tail=TAIL_LINES)]


def fitted_page(ctx: Context, above: list, made, heading=None, ladder: tuple = TEXT_LADDER) -> list:
    """`above` (the section's name, or nothing) and an entry's content, set to fit one page if it can: made(tight)
    gives the content, its text set `tight` (a Tight), made once for each setting tried. At FULL when that fits; else,
    for an entry over its page by at most SPILL_FITTED of the page (up to SPACED_MOST where its paragraphs at their
    closest bring it within SPILL_FITTED: EuroPython 2014's "Tweaking libraries as a step towards secure programming",
    four lists of short items, ran on to a page of 10 lines, 0.27 of a page over, its tightest setting 2 lines short of
    its page's foot), the first setting of `ladder` that fits (TEXT_LADDER; a tutorial's, LADDER: first the spaces
    around its presenters and its bios' lines closer): lines closer (down to TIGHTEST), then paragraphs closer (down
    to SPACE_TIGHTEST; a list's items to ITEMS_TIGHTEST), then the type smaller (down to SMALLEST),
    the same for every line of its text; found by halving (each setting takes as much off as the one before, or
    more), checked on the page (its last line in the text's frame, clear of the foot). When even the tightest does
    not fit, it runs on as it is (at FULL). Real books (20 imported conferences, A5) ran on to 184 pages holding only
    "(continued)" and a few lines (with the closer lines alone); the smaller type, at most a tenth smaller, fits
    those about 7 lines (a sixth of the page) over on their page: 89 such pages are left, of about 10 lines and more
    (a typesetter would cut or run those on too). Decided once per entry from its own content (a layout cached by
    content stays valid; about six more layouts of that entry alone).

    `heading` (what heads its next pages, "Title (continued)": see Continues), when given: an entry over more pages,
    whose last page holds SPILL_FITTED of a page or less, is set to take a page fewer in the same way, when the
    tightest setting does that (see pages_taken), if it takes FEWER_MOST pages or fewer (each setting tried is another
    layout of the whole entry: a 26-page abstract was broken into lines twelve times; the one chosen is made once more,
    to be set, as measuring splits what it measures). 36C3's "Breaking Microsoft
    Edge Extensions Security Policies" ran onto a third page of "(continued)" and 5 lines; 39C3's likewise, onto
    pages of 3 to 8 lines."""
    width, height = ctx.page.text_width, ctx.page.text_height
    page = [*above, *made(FULL)]
    over = height_needed(page, width, height) - height
    if over <= 0.01:
        return page
    fewer = None  # the pages it may take: one fewer than at FULL (None: one page, as measured by height_needed)
    if SPILL_FITTED * height < over <= SPACED_MOST * height:
        over = height_needed([*above, *made(Tight(ITEMS_TIGHTEST))], width, height) - height  # (its spaces closest)
    if over > SPILL_FITTED * height:
        if heading is None or over + height > FEWER_MOST * height:
            return page
        with _split():
            taken = pages_taken(ctx, [*above, *made(FULL)], heading)
        if taken is None or taken[0] < 2 or taken[1] > SPILL_FITTED * height:
            return page
        fewer = taken[0] - 1
    fits = {}

    def fitting(tight: Tight) -> list | bool | None:  # (a page fewer: whether it fits, as True, or None)
        if tight not in fits:
            if fewer is None:
                tried = [*above, *made(tight)]
                fits[tight] = tried if fits_a_page(ctx, tried) else None
            else:  # (measured by splitting it: a split measures text in columns, which then balances no more; the
                # setting chosen is made again, once, to be set)
                with _split():
                    tried = [*above, *made(tight)]
                taken = pages_taken(ctx, tried, heading)
                fits[tight] = True if taken is not None and taken[0] <= fewer else None
        return fits[tight]

    low, high = 0, len(ladder) - 1  # ladder[high] fits; none looser than ladder[low] was seen to
    if fitting(ladder[high]) is None:
        return page
    while low < high:
        middle = (low + high) // 2
        if fitting(ladder[middle]) is not None:
            high = middle
        else:
            low = middle + 1
    return fits[ladder[high]] if fewer is None else [*above, *made(ladder[high])]


def pages_taken(ctx: Context, content: list, heading) -> tuple[int, float] | None:
    """How many pages `content` takes run on as build_abstract_page runs it on (a Continues, `heading` over each page
    after the first, TAIL_LINES on its last), and how tall its last page's content is below that heading; None where
    it cannot be split to fit (a block taller than a page). Splits `content`'s flowables: pass ones made for this."""
    width, height = ctx.page.text_width, ctx.page.text_height
    canvas = measuring_canvas()
    part, pages = Continues(content, heading, tail=TAIL_LINES), 1
    while part.wrapOn(canvas, width, height)[1] > height + 0.01:
        parts = part.splitOn(canvas, width, height)
        if len(parts) != 2 or pages > 100:
            return None
        part, pages = parts[1], pages + 1
    # (a page after the first: what went on from a split, its heading the lead, part.content below it)
    return pages, height_needed(part.content, width, height) if pages > 1 else part.height


def fits_a_page(ctx: Context, content: list) -> bool:
    return height_needed(content, ctx.page.text_width, ctx.page.text_height) <= ctx.page.text_height


def abstract_title(ctx: Context, abstract: Abstract) -> Para:
    """An abstract's title as its page sets it: bold, in the title style of its language (its hyphens and quotes)."""
    return Para(markup.title(abstract.title, bold=True), ctx.in_language(ctx.styles.title, abstract.language))


def abstract_content(ctx: Context, abstract: Abstract, level: int = 2, tight: Tight = FULL,
                     explain: bool = True) -> tuple[list, int]:
    """The anchor (an outline entry at `level`), header (label, title, authors, photo), rule and text
    paragraphs; and how many of them come before the text. `tight`: how its text is set to fit (see Tight).
    `explain`: what underlining a presenting author means, under the authors (see author_block)."""
    s = ctx.styles
    header = [
        Para(_label_line(ctx, abstract), s.when),
        abstract_title(ctx, abstract),
        *author_block(ctx, abstract.authors, explain, left_out=bool(abstract.speakers_left_out)),
    ]
    photo = abstract_photo(abstract)
    if photo:
        header = [BesidePhoto(ctx.photo(photo), header, gap=PHOTO_GAP)]
    story = [Anchor(ctx.abstract_key(abstract), markup.plain(abstract.title), level), *header]
    if abstract.text.strip():  # (over no text, the rule stood just over the next abstract's: two rules)
        story.append(Rule(ctx.colours.hairline, HEADER_RULE, HEADER_RULE_SPACE))
    before_text = len(story)
    style = tight_style(ctx, ctx.in_language(s.text, abstract.language), tight)
    story.extend(in_text_columns(ctx, _text(ctx, abstract, style, tight)))
    return story, before_text


class _HandedOn:
    """What lint laid out of abstracts in a build (see handing_on): the paragraphs of each abstract's text, by its id
    and setting (a Tight), with the booklet and page they were made for; `keeping` while lint lays them out; `split`
    while what is made is to be split to be measured (pages_taken), never handed on."""

    def __init__(self):
        self.keeping = False
        self.split = False
        self.texts: dict[tuple[str, Tight], tuple] = {}


_HANDED_ON: ContextVar[_HandedOn | None] = ContextVar("booklet_abstract_texts", default=None)


@contextmanager
def handing_on(story_here: bool = True):
    """Inside the block (a build): the text of each abstract lint lays out to measure it (lint.fit, inside
    `keeping_texts`), at each setting fitted_page tries, is kept, and the story laid out after it in the same process
    takes it (abstract_content, once) rather than make its paragraphs and break them into lines again. They are
    the paragraphs the story makes: the text holds no person's mark (which numbers people in the order a Context meets
    them: lint's Context meets them otherwise), and lint only measured them (wrap; what was split to be measured, not
    kept: _split). What is not taken is dropped with the block. Not `story_here` (lint in a build laid out in parts,
    by other processes): nothing is kept inside the block, the build's own block around it or not (what was kept
    there was taken by no story: 36C3's 206 texts, 1,679 paragraphs, held to the build's end)."""
    token = _HANDED_ON.set(_HandedOn() if story_here else None)
    try:
        yield
    finally:
        _HANDED_ON.reset(token)


@contextmanager
def keeping_texts():
    """Inside the block (lint measuring abstracts), inside a build's `handing_on`: the first text made at each setting
    of each abstract is kept for the story (fitted_page's: the page first measured at FULL, each setting tried);
    flowing abstracts', at FULL alone (their story sets them so: a tighter one kept was held, untaken, to the
    build's end: 36C3 A4, 35 of 56 texts)."""
    with _set(keeping=True):
        yield


@contextmanager
def _split():
    """Inside the block, what is made of an abstract's text is to be split (pages_taken), measuring it: neither kept
    for the story nor taken from lint's."""
    with _set(split=True):
        yield


@contextmanager
def _set(**values):
    """The build's _HandedOn (when there is one) with `values` inside the block, as it was after it."""
    handed = _HANDED_ON.get()
    before = {name: getattr(handed, name) for name in values} if handed is not None else {}
    if handed is not None:
        vars(handed).update(values)
    try:
        yield
    finally:
        if handed is not None:
            vars(handed).update(before)


def _text(ctx: Context, abstract: Abstract, style, tight: Tight) -> list:
    """The paragraphs of `abstract`'s text in `style` (ctx.paras), set `tight`: the ones lint made of it so in this
    build when there are (see handing_on), else made now (and kept for the story, while lint keeps them)."""
    handed = _HANDED_ON.get()
    if handed is None or handed.split:
        return ctx.paras(abstract.text, style)
    key = (abstract.id, tight)
    if handed.keeping:
        paras = ctx.paras(abstract.text, style)
        if tight == FULL or not ctx.flow:  # (flowing, the story sets its text at FULL: lint's tighter ones, none)
            handed.texts.setdefault(key, (ctx.booklet, ctx.page, paras))
        return paras
    kept = handed.texts.pop(key, None)
    if kept is not None and kept[0] is ctx.booklet and kept[1] is ctx.page:
        return kept[2]
    return ctx.paras(abstract.text, style)


HEADER_RULE, HEADER_RULE_SPACE = 0.8, 5.0  # the rule under an abstract's header: thickness, space over and under
PHOTO_GAP = 4 * mm  # between an abstract's header and the photo beside it


def estimated_height(styles, width: float, abstract: Abstract) -> float:
    """About how tall `abstract` is set alone in a column `width` wide (header and text, as abstract_content makes
    them), from its words' widths: each paragraph (and the title, the authors' names) as many lines as its width
    fills, an affiliation a line, its label one; with a speaker's photo, the header set beside it (as wide as the
    photo leaves it) and at least as tall as the photo's box, which the photo takes whatever its shape (left out, a
    header of 4 lines beside a photo 27.5 mm tall counted about 15 mm: abstracts with photos, half a page each as
    set, were estimated under half a page and flowed); no paragraph made or laid out (nothing cached). On A5, the
    median of 20 real conferences' abstracts (and the sample's) came out 0 to 0.03 of a page under their median as
    set (none of them has photos)."""
    def block(count: int, style) -> float:
        return count * style.leading + style.spaceBefore + style.spaceAfter

    photo = abstract_photo(abstract)
    beside = width - PHOTO_WIDTH - PHOTO_GAP if photo else width  # (every line of a short header is beside it)
    affiliations = {affiliation for person in abstract.authors for affiliation in person.affiliations}
    names = ", ".join(person.name for person in abstract.authors)
    title = styles.title
    header = (block(1, styles.when) + block(_lines(abstract.title, title.fontName, title.fontSize, beside), title)
              + block(_lines(names, styles.person.fontName, styles.person.fontSize, beside), styles.person)
              + (block(len(affiliations), styles.affiliation) if affiliations else 0.0))
    height = (max(header, PHOTO_HEIGHT) if photo else header) + (
        HEADER_RULE + 2 * HEADER_RULE_SPACE if abstract.text.strip() else 0.0)  # (a rule when there is text)
    text = styles.text
    count, paragraphs = _text_lines(abstract.text, text.fontName, text.fontSize, width)
    return height + count * text.leading + max(0, paragraphs - 1) * max(text.spaceAfter, text.spaceBefore)


def _lines(text: str, font: str, size: float, width: float) -> int:
    """How many lines `text` fills in a column `width` wide, from its width: at least one."""
    return max(1, math.ceil(stringWidth(text, font, size) / width))


@lru_cache(maxsize=8192)
def _text_lines(text: str, font: str, size: float, width: float) -> tuple[int, int]:
    """The lines an abstract's `text` fills (a code block's lines as written, a paragraph's by _lines) and how many
    paragraphs it has; kept, as a rebuild in the same process (booklet watch, the warm bench) estimates the same
    texts again."""
    paragraphs = markup.source_paragraphs(text)
    return (sum(len(p.splitlines()) if isinstance(p, markup.Code) else _lines(p, font, size, width) for p in paragraphs),
            len(paragraphs))


when_fonts_change(_text_lines.cache_clear)


SHORT_TEXT = 6  # `columns: auto`: a text of fewer lines than this at the page's full width may stay in one column


def in_text_columns(ctx: Context, text: list) -> list:
    """An entry's text (an abstract's, a tutorial's description) as it is set: in ctx.text_columns columns; but with
    `columns: auto`, in one across the page when it is short (fewer than SHORT_TEXT lines so) and no taller so than in
    columns. Two columns of a text of 5 full lines or fewer hold about as many lines each: a paragraph was cut in two
    across them mid-sentence, one column a stub (XDC 2021: "Grab / your cape", an abstract of 4 full lines set 5 + 3),
    where a block of up to 5 lines is read across the page without losing the line. From 6 lines the columns hold 6 or
    more each, and a line of 100 characters and more starts to tire. A short text that columns set lower stays in
    them (two paragraphs, one in each column: XDC's "X.Org security BoF", 4 lines tall in columns, 2 + 2 lines and a
    space across): its columns cut no paragraph, and across the page it took the line that pushed it onto a page of
    its own."""
    if ctx.text_columns < 2 or not text:
        return text
    columns = TextColumns(text, ctx.text_columns, GAP)
    if ctx.booklet.theme.abstracts_columns == "auto" and _lines_across(ctx, text) < SHORT_TEXT:
        width, height = ctx.page.text_width, ctx.page.text_height
        if height_needed(text, width, height) <= height_needed([columns], width, height) + 0.01:
            return text
        columns = TextColumns(text, ctx.text_columns, GAP)  # (as new: the one measured has balanced once)
    return [columns]


def _lines_across(ctx: Context, text: list) -> int:
    """How many lines `text` takes across the page's full width (counted up to SHORT_TEXT: enough to tell)."""
    lines = 0
    for flowable in text:
        height = flowable.wrap(ctx.page.text_width, UNBOUNDED)[1]
        if hasattr(flowable, "blPara"):
            lines += line_count(flowable)
        else:  # (a block of code: its height in the text's lines)
            lines += math.ceil(height / ctx.styles.text.leading - 0.01)
        if lines >= SHORT_TEXT:
            break
    return lines


def continued_heading(ctx: Context, title: str):
    """What heads an entry's (an abstract's, a tutorial's) next page: a short form of `title`, "(continued)"."""
    return lambda: [Para(continued(title, label=ctx.label("continued")), ctx.styles.when)]


def headed_again(ctx: Context, group: list, heading: str, style) -> Continues:
    """`group`, a heading in `style` (its text as written: `heading`) and what it heads (a sponsors' tier's rows, a poster
    group's entries): the heading never ends a page, and a page the group runs onto opens with it again, a short form
    of it and "(continued)" (continued), in `style` with no space above it."""
    label = continued(heading, label=ctx.label("continued"))
    again = copy(style)
    again.spaceBefore = 0
    return Continues(group, lambda: [Para(label, again)], keep=1)


KEPT_WHOLE = 1 / 5  # of a one-column page: an entry that fits on a page moves on whole from a room this high or lower
NEARLY_WHOLE = 1 / 4  # of a one-column page: from a room this high or lower, also when a split would be forced
LAST_WHOLE = 1 / 3  # of a one-column page: the last entry of a section moves on whole from a room this high or lower,
# where a split would leave a short tail of it alone on the section's last page (LAST_ALONE). From more room, moving it
# on left a page more than a third empty in the section, and the section's last page half empty too (SIGDIAL 2020's A5
# pp. 36-37, 0.39 and 0.49, from 2/5): split, that last page is short, as a section's last page is
# (a third and two fifths left SIGDIAL 2020's A5 pp. 25-27 and 35 a third of a page and more empty, one after another:
# pages a LOC sent back; a typesetter fills a page and breaks the entry, lines enough each side: Continues' `tail`)


REFIT_FROM = KEPT_WHOLE  # of a page: an entry that would move on whole from more room than this is set closer to fit
# it, when that fits it (Entry's `refit_from`); from a room of KEPT_WHOLE or less moving on whole is the book's rule
LAST_ALONE = 1 / 4  # of a page: the last flowing entry of a section leaves no less than this of it on a page alone
LEAST_LINES = (2, 2)  # lines of an entry's text under its header at a page's foot and on the next page at least, where
# TAIL_LINES each side would move it on whole and leave more than NEARLY_WHOLE of a one-column page empty: a
# typesetter's widow and orphan rules (2 lines each side of a page turn, under a heading too). (With 3 under the
# header, FOSDEM 2025's p. 330 was still left a third empty: paragraphs of 2 and 3 lines.)


def flowing_entry(ctx: Context, content: list, keep: int, number: int, title: str, last: bool = False,
                  made=None, above: int = 0, closing: bool | None = None, header: int | None = None) -> Entry:
    """An entry among others flowing one after another (abstracts, tutorials): a rule above it but the first
    (`number` 0), its first `keep` flowables kept with the lines after them, "Title (continued)" on a page it runs
    onto, and no fewer than TAIL_LINES lines of it alone there. On a page of one column (A5, B5) an entry that fits on
    a page is kept whole, on the next page, when the room left for it is KEPT_WHOLE of the page or less (a fifth of
    a page left empty at most; from a higher room it is split as before: a third of a page left empty, page after
    page, looked a mistake);
    from a room of up to NEARLY_WHOLE of the page, it moves on whole too where its split would be a forced one (it is
    fewer than TAIL_LINES lines too tall for the room, or fewer than TAIL_LINES lines of its text would stay under its
    header: see Entry's `near`); in two columns (A4) it is split as it comes. In one column or two, a split never leaves
    fewer than TAIL_LINES lines of its text under its header at a page's foot (Entry's `orphan`, from any room: an
    entry whose header and first TAIL_LINES lines do not fit the room moves on whole, unless it is cut between two
    paragraphs; so does one whose split would leave fewer under its header because a paragraph is not cut to leave a
    line alone). On one column, where that would leave more than NEARLY_WHOLE of the page empty, it is split with
    LEAST_LINES instead, 2 lines of its text or more under its header and on the next page, as a typesetter's widow
    and orphan rules allow (Entry's `least`): the pages before such entries, DebConf17's A5 pp. 38-39 and FOSDEM 2025's p. 330, were left 0.33 to
    0.37 empty: a first paragraph of 2 or 3 lines, a second of 3 not cut to leave a line alone on either page; or
    7 lines, 5 + 2, a rule too tall. `last`: the last entry of its section (what follows opens a page), which moves
    on whole from a room of up to LAST_WHOLE of the page, when it fits on a page, where a split would leave less than
    LAST_ALONE of a page of it alone on the section's last page, as the last poster of a list does (posters.ALONE):
    "(continued)" and a few lines on a page of their own, the section's end.

    `made`: made(tight) gives `content` again, its text set `tight` (a Tight): where the entry does not fit the room
    left for it on its page, it is set closer to fit that room whole, as a day a little over its page is
    (programme.closer: the spaces between its paragraphs and of its own rules and gaps closer, down to half, the
    separator above it as set; then, the section's last entry only, its text's type a little smaller, a sixteenth at
    most), when that fits it; else as above. The last entry of its section: where it would be left alone on the
    section's last page (Entry's _left_alone; DebConf17's "Early History of Debian" (A4), a tutorial kept whole 6
    points over the room under the one before, stood alone on the Tutorials' last page). Another: where it would move
    on whole from a room of more than REFIT_FROM of the page, leaving that room empty (Entry's `refit_from`: FOSDEM
    2025's A5 p. 227, left 0.33 empty by an entry 5 points too tall for it, of paragraphs of 1, 3 and 1 lines that no
    split could take), by its spaces only: its type as its neighbours' on the page (39C3's A4 Tutorials, p. 335, set
    one in the middle of the section smaller than those above and below it). Where none of those settings fits it,
    the spaces of its header's paragraphs (after its label line, its title, its authors) are set closer too, by the
    same fraction as the others, its type as set (_closer): FOSDEM 2025's A5 p. 238 ("Weblate BoF", 8 points over
    the room, 3 at its tightest other spaces) and 39C3's A4 p. 335 ("Einführung in StreetComplete", 0.6 over) moved
    on whole and left their pages a quarter empty.
    `above`: how many of `content`'s first flowables are not the entry's own (the section's or day's heading over the
    first entry of a run), kept as set. `closing`: it is the last entry of its section, as to `made` (`last` when
    None: the Tutorials' last is set closer so, not kept from a short tail alone by `last`). `header`: how many of
    `content`'s first flowables come before the entry's text (`above` and its header; `keep` when None)."""
    separator = Rule(ctx.colours.rule, 0.5, SEPARATOR_SPACE) if number else None
    one_column = ctx.page.text_columns == 1
    return Entry(content, continued_heading(ctx, title), keep, separator, tail=TAIL_LINES,
                 whole=KEPT_WHOLE if one_column else 0.0, near=NEARLY_WHOLE if one_column else 0.0,
                 alone=LAST_ALONE if last and one_column else 0.0, orphan=True, last=LAST_WHOLE,
                 least=LEAST_LINES if one_column else (), closing=last if closing is None else closing,
                 refit_from=REFIT_FROM,
                 refit=None if made is None else lambda entry, width, room: _closer(
                     ctx, made, entry, width, room, above, keep if header is None else header))


def _closer(ctx: Context, made, entry: Entry, width: float, room: float, above: int = 0,
            header: int = 0) -> Entry | None:
    """`entry` (flowing_entry's, as set) made again by made(tight) and set closer to fit `room`, `width` wide
    (programme.closer: its text's paragraphs (to SPACE_TIGHTEST at most: tight_style), its rules and gaps closer
    (_closed_up), then, the section's last entry
    only (Entry's `closing`), its text's type smaller: an entry amid others keeps the type of the entries around it;
    the separator above it as every other entry's, and the `above` first flowables, a heading over it, as set). Where
    none of those fits it, its spaces only again, the spaces of its header's paragraphs (`content`'s flowables from
    `above` to `header`) closer too, by the same fraction (_header_closed_up): only an entry that would otherwise
    move on (or be left alone) has its header closed up, as little as then fits. None when it fits none of those
    settings or is too far over for them."""
    def closer_entry(space: float, size: float = 1.0, headed: bool = False) -> Entry:
        content = made(Tight(space, 1.0, size))  # (its paragraphs' spaces no closer than SPACE_TIGHTEST: tight_style)
        if headed:
            _header_closed_up(content[above:header], space)
        content = content[:above] + _closed_up(content[above:], space)
        return Entry(content, entry.heading, min(entry.keep, len(content)), entry.separator, tail=entry.tail)

    fitted = closer(ctx, closer_entry, entry, width, room, ("text",) if entry.closing else ())
    if fitted is not None:
        return fitted
    return closer(ctx, lambda space, size=1.0: closer_entry(space, size, headed=True), entry, width, room, ())


def _header_closed_up(header: list, space: float) -> None:
    """The spaces before and after each paragraph of `header` (an entry's label line, title, authors, as just made
    for it: no other holds them; beside its photo too, a BesidePhoto's) set to `space` times its style's: the header's
    hierarchy as set, closer (_closer)."""
    for flowable in header:
        if isinstance(flowable, BesidePhoto):  # (a header beside a photo: its paragraphs, where it is taller)
            _header_closed_up(flowable.paras, space)
        elif isinstance(flowable, Para):
            flowable.spaceBefore = flowable.style.spaceBefore * space
            flowable.spaceAfter = flowable.style.spaceAfter * space


def _closed_up(flowables: list, space: float) -> list:
    """`flowables` (an entry's content) with the spaces of its own rules (the hairline under its title) and gaps (above
    a presenter, in a Together too) times `space`: an entry set closer closes up inside it, the separator above it as
    far from the entry before as every other (DebConf17 A4 p. 64: "Early History of Debian", its separator's spaces
    set closer too, stood closer under the tutorial before than the others on its page)."""
    def closed(flowable):
        if type(flowable) is Rule:
            return Rule(flowable.color, flowable.thickness, flowable.space * space, flowable.between)
        if type(flowable) is Gap:
            return Gap(flowable.width, flowable.height * space)
        if type(flowable) is Together:
            return Together(_closed_up(flowable.content, space), flowable.text, flowable.kept)
        return flowable

    return [closed(flowable) for flowable in flowables]


_LEFT_BEFORE_A_CUT = ",;:\u2013\u2014-"  # punctuation a title cut short does not end in before its ellipsis


def continued(title: str, limit: int = 60, label: str = "continued") -> str:
    """'A short form of the title (continued)' (markup), for the top of an entry's next page.

    Cut at a space outside inline math (its formulas as markup finds them: a lone or escaped `$` is text), so that
    no `$...$` is cut in two; a first word longer than `limit` without math (a title with no space) inside it;
    before the math when kept whole it would run past _LONGEST_KEPT."""
    words, length, shown = title.split(), 0, []
    spans = markup.math_spans(" ".join(words))
    ends = list(itertools.accumulate(len(word) + 1 for word in words))  # (where each word's space after it is, + 1)

    def outside(count: int) -> bool:  # the space after the first `count` words is outside a formula
        return not any(start < ends[count - 1] - 1 < end for start, end in spans)

    for word in words:
        if shown and length + len(word) > limit and outside(len(shown)):
            while len(shown) > 1 and not shown[-1].strip(_LEFT_BEFORE_A_CUT):
                shown.pop()  # a dash on its own ("Matterhorn – ...")
            shown[-1] = shown[-1].rstrip(_LEFT_BEFORE_A_CUT) or shown[-1]  # "Syrien:" (never inside math: see above)
            shown.append("\u2026")
            break
        if not shown and len(word) > limit and not any(start < len(word) for start, _ in spans):
            shown += [word[:limit], "\u2026"]
            break
        shown.append(word)
        length += len(word) + 1
        if length > _LONGEST_KEPT:  # math kept whole this long: cut before it (a formula as tall as a page was kept)
            opened = max((start for start, _ in spans if start < length), default=0)
            kept = max((n for n in range(1, len(shown)) if ends[n - 1] <= opened and outside(n)), default=0)
            shown = [*shown[:kept], "\u2026"]  # (at a space outside math before that formula)
            break
    return markup.inline(" ".join(shown).replace(" \u2026", "\u2026")) + f" ({markup.inline(label)})"


_LONGEST_KEPT = 200  # characters of a title's short form, with the inline math in it that is not cut in two


def _label_line(ctx: Context, abstract: Abstract) -> str:
    label = f'<font color="{markup_color(ctx.colours.accent)}">{markup.inline(ctx.label(abstract.kind))}</font>'
    slot = ctx.slots.get("abstract:" + abstract.id)
    return label + (f"  \u00b7  {when(slot, ctx.booklet.conference.language)}" if slot else "")


def when(slot: Slot, language: str = "en") -> str:
    """'Monday 13 September · 09:20–10:00 · Auditorium' for a scheduled item, after its label (markup): a line
    breaks between the parts, not inside one ("Aurora / Auditorium") unless it is longer than a name kept whole."""
    parts = [markup.inline(kept_whole(part)) for part in when_parts(slot, language)]
    if parts and slot.day is not None:  # its day's date first: '1er' raised (dates.raised_ordinal)
        parts[0] = dates.raised_ordinal(parts[0], language)
    return "  \u00b7  ".join(parts)


def when_parts(slot: Slot, language: str = "en", day: bool = True) -> list[str]:
    """What `when` says of `slot`, as written: its day (not `day`: left out), time and room, those it has."""
    # (after midnight: the next day's date)
    parts = [day_title(slot.day, language, start=False, date=slot.date)] if day else []
    if slot.item.time:
        parts.append(str(slot.item.time))
    room = slot.item.room or (slot.session.room if slot.session else None)
    if markup.prints(room):  # (one the fonts print nothing of left "10:30–11:00 ·")
        parts.append(room)
    return parts


AFFILIATIONS_LISTED = 4  # affiliations set a line each, at most; more run on in one paragraph


def author_block(ctx: Context, authors: tuple[Person, ...], explain_presenting: bool = True,
                 names_style=None, left_out: bool = False) -> list:
    """Names and affiliations: one author plainly; several with numbered affiliations, a line each (more than
    AFFILIATIONS_LISTED run on, "; " between them: fourteen authors of twelve institutes took an A5 page). The names
    in `names_style` (the styles' `person`, bold, when None). `left_out`: some of the authors left out of the
    booklet present it (the entry's speakers_left_out): an author named presents it only when marked (the index does not
    list them as presenting it)."""
    s = ctx.styles
    person_style = names_style or s.person
    if len(authors) == 1:
        person = authors[0]
        return [Para(ctx.named(person.name, presenting=presenting(authors, left_out)[0]), person_style),
                *affiliation_lines(ctx, [markup.address(a) for a in _numbered(person.affiliations)[0]])]
    # affiliations that print alike are one ("Uni B" and "Uni B 🎉", the emoji left out, printed "1 Uni B", "2 Uni B")
    listed, numbers = _numbered(a for person in authors for a in person.affiliations)
    shared = len(listed) == 1 and all(p.affiliations for p in authors)  # one affiliation, every author's: no numbers
    underline = underlined(authors)
    names = [_numbered_name(p, {} if shared else numbers, ctx.named(p.name, presents, whole=True), underline)
             for p, presents in zip(authors, presenting(authors, left_out))]
    block = [Para(", ".join(names), person_style)]
    lines = [markup.address(a) if shared else f"<super>{n}</super>\u2009{markup.address(a)}"
             for n, a in enumerate(listed, 1)]
    if len(lines) > AFFILIATIONS_LISTED:  # run on, one after another: a line each took the first page from the text
        block.append(Para("; ".join(line.replace("</super>\u2009", "</super>\u00a0", 1) for line in lines),
                          ctx.styles.affiliation))  # (a number never ends a line: held to its affiliation)
    elif shared:
        block += affiliation_lines(ctx, lines)
    else:
        block += numbered_affiliations(ctx, enumerate(lines, 1))
    if explain_presenting and underline:
        block.append(underlining_note(ctx))
    return block


def affiliation_lines(ctx: Context, lines: list[str]) -> list[Para]:
    """Affiliations as one paragraph, a line each: beside a photo it splits line by line, so the
    lines that do not fit beside the photo continue right below it (separate paragraphs would
    leave a gap the height of the first one that does not fit)."""
    return [Para("<br/>".join(lines), ctx.styles.affiliation)] if lines else []


def numbered_affiliations(ctx: Context, numbered) -> list[Para]:
    """Numbered affiliations ((number, line) pairs, each line its number in superscript and a thin space first), a
    paragraph each: a line that runs over starts under the text after the number, not under the number."""
    style = ctx.styles.affiliation
    made = []
    for number, line in numbered:
        hang = round(_number_width(str(number), style), 2)
        made.append(Para(line, ctx.derived(style, f"{style.name}_hang", hang, leftIndent=style.leftIndent + hang,
                                           firstLineIndent=-hang)))
    return made


def _number_width(number: str, style) -> float:
    """How wide an affiliation's superscript `number` and the space after it are set in `style`."""
    return _superscript_width(number, style.fontName, style.fontSize)


@lru_cache(maxsize=256)
def _superscript_width(number: str, font: str, size: float) -> float:
    from reportlab.lib.styles import ParagraphStyle as Style
    from reportlab.platypus.paraparser import ParaParser

    _, frags, _ = ParaParser().parse(f"<super>{number}</super>", Style("number", fontName=font, fontSize=size))
    return sum(stringWidth(frag.text, frag.fontName, frag.fontSize) for frag in frags) + stringWidth(" ", font, size)


when_fonts_change(_superscript_width.cache_clear)  # (BODY names the theme's font)


def _numbered(affiliations) -> tuple[list[str], dict[str, int]]:
    """The affiliations to list, each of `affiliations` that prints otherwise than those before it (markup.
    printed_words: the first as written), and the number each of `affiliations` has among them (from 1: one that
    prints alike, its)."""
    listed: list[str] = []
    by_print: dict[str, int] = {}
    numbers: dict[str, int] = {}
    for affiliation in affiliations:
        if affiliation not in numbers:  # (each as written measured once: co-authors share theirs)
            printed = markup.printed_words(affiliation)
            if printed not in by_print:
                listed.append(affiliation)
                by_print[printed] = len(listed)
            numbers[affiliation] = by_print[printed]
    return listed, numbers


def _numbered_name(person: Person, numbers: dict[str, int], name: str, underline: bool) -> str:
    if person.presenting and underline:
        name = f"<u>{name}</u>"
    marks = ",".join(str(n) for n in sorted({numbers[a] for a in person.affiliations if a in numbers}))  # ¹,³
    return name + (f"<super>{marks}</super>" if marks else "")
