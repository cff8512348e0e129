"""Tutorials -> a page (or more) per tutorial, or flowing several to a page when the abstracts flow
(layout.common.flows): TUTORIAL N, title, description, presenters with bio and photo, co-authors; in the Tutorials
section, or (abstracts by day) after the abstracts of the day it is given. A tutorial that runs onto another page is
headed there "Title (continued)", as an abstract is."""

from __future__ import annotations

import itertools

from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Spacer

from ..text import markup
from ..model import Person, Tutorial
from .abstracts import (FULL, LADDER, TAIL_LINES, Tight, affiliation_lines, bios_tight, continued_heading, fitted_page,
                        flowing_entry, in_text_columns, section_heading, tight_style, when)
from .columns import UNBOUNDED, TextColumns
from .common import PHOTO_WIDTH, Context, unnamed_speaker
from .flowables import Anchor, Continues, DayMark, EndMark, Gap, Para, Row, Rule, Together
from .styles import markup_color


def build_tutorials(ctx: Context) -> list:
    """The Tutorials section: every tutorial (abstracts by day: those not in the programme), a page each
    or flowing (see _pages)."""
    tutorials = section_tutorials(ctx)
    if not tutorials:
        return []
    story = [Anchor("tutorials", markup.plain(ctx.label("tutorials")), 0, section=ctx.label("tutorials"))]
    return story + _pages(ctx, tutorials, heading=True)


def section_tutorials(ctx: Context) -> list[Tutorial]:
    """The tutorials the Tutorials section holds."""
    if not ctx.has("tutorials"):
        return []
    return ctx.tutorials_of(None) if ctx.by_day else list(ctx.booklet.tutorials)


def build_day_tutorials(ctx: Context, day_index: int, tutorials: list[Tutorial], title: str) -> list:
    """Abstracts by day: the tutorials of one day (`title`), after its abstracts, a page each or flowing
    (see _pages)."""
    name = ctx.label("tutorials")
    return [Anchor(f"tutorials-day-{day_index}", None, section=name), DayMark(title),
            *_pages(ctx, tutorials, heading=True)]


def _pages(ctx: Context, tutorials: list[Tutorial], heading: bool = False) -> list:
    """A page each, or flowing one after another as the abstracts do (ctx.flow: `abstracts: {layout: flow}`, or
    `auto` on a page set in two columns, A4 and letter, where a tutorial alone left most of its page empty);
    `heading`: the section's name over the first ("Tutorials")."""
    if ctx.flow:
        return _flowing(ctx, tutorials, heading)
    story = []
    for number, tutorial in enumerate(tutorials):
        if number:
            story.append(PageBreak())
        above = [section_heading(ctx, "tutorials")] if heading and not number else []
        story.extend(build_tutorial_page(ctx, tutorial, above))
        story.append(EndMark(ctx.tutorial_key(tutorial)))
    return story


def _flowing(ctx: Context, tutorials: list[Tutorial], heading: bool) -> list:
    """The tutorials one after another, as flowing abstracts are (abstracts.abstract_run): a rule between them, each
    one's header (and the section's name over the first) kept with the first lines of its description, one that
    runs on headed "Title (continued)" on the next page."""
    story = []
    for number, tutorial in enumerate(tutorials):
        above = [section_heading(ctx, "tutorials")] if heading and not number else []
        content, header = _tutorial_content(ctx, tutorial)
        keep = _kept_with_first_presenter(content, header) if _description_kept(ctx, content[header:]) else header
        made = (lambda tight, tutorial=tutorial, above=above: above + _tutorial_content(ctx, tutorial, tight)[0])
        # (set closer to fit its room, if need be: see flowing_entry)
        story.append(flowing_entry(ctx, above + content, len(above) + keep, number, tutorial.title, made=made,
                                   above=len(above), closing=number == len(tutorials) - 1,
                                   header=len(above) + header))
        story.append(EndMark(ctx.tutorial_key(tutorial)))
    return story


def _description_kept(ctx: Context, below: list) -> bool:
    """Whether a flowing tutorial's description is kept with its header and first presenter, moving on with them to
    the next page rather than split (where it is not at the top of a page; its other presenters go on as blocks:
    _kept_with_first_presenter): when that description, but the paragraph kept with the presenters, is shorter than
    2 x TAIL_LINES lines (as wide as it is set), so that a split left fewer than TAIL_LINES on one page or the other.
    A description set in columns counts its rows, not its lines: each column of each part is read on its own, so each
    keeps TAIL_LINES lines (39C3's A4 descriptions of 12-13 lines over 2 columns, 6-7 rows, move on whole; counting
    lines split XDC's 2 + 2 lines a column).
    (A short abstract moves on whole by Continues' `tail`; a tutorial's presenters, not text, keep that from counting:
    XDC's 4-line "X.Org security BoF" was split 2 + 2 lines, the 2 and its presenter under "(continued)".)"""
    text = itertools.takewhile(lambda flowable: not isinstance(flowable, Together), below)  # (the presenters'
    # block, and the other presenters after it, are no description: a long co-presenter's bio split it 2 + 2 again)
    height = sum(flowable.wrap(ctx.page.text_width, UNBOUNDED)[1] for flowable in text)
    return height < 2 * TAIL_LINES * ctx.styles.text.leading


def _kept_with_first_presenter(content: list, header: int) -> int:
    """How many of a flowing tutorial's first flowables (`content`; its `header` first) are kept together where its
    description is kept (_description_kept): its header, description and first presenter (the Together that closes
    the description), the other presenters each a block that may go on to the next page under "(continued)", as
    paragraphs do; all of them where it has no presenter (nor co-author). (Kept to
    the last presenter, SIGDIAL 2020's tutorial of four presenters and no description moved on whole and left 0.31 of
    its A5 page empty.)"""
    first = next((at for at in range(header, len(content)) if isinstance(content[at], Together)), len(content) - 1)
    return first + 1


def build_tutorial_page(ctx: Context, tutorial: Tutorial, heading: list = ()) -> list:
    """The tutorial's page (pages), under `heading` (the section's name, over the first tutorial, even where that
    costs it a second page); a tutorial a little too long for one page set tighter, as an abstract is
    (abstracts.fitted_page): its presenters alone took a second page. Its own ladder (abstracts.LADDER): the spaces
    around its presenters and its bios' lines closer first, then its text's lines, paragraphs (never closer than
    SPACE_TIGHTEST) and type, as an abstract's; one that does not fit so runs on under "Title (continued)"."""
    page = fitted_page(ctx, list(heading), lambda tight: _tutorial_story(ctx, tutorial, tight), ladder=LADDER)
    return [_continuing(ctx, tutorial, page)]


def _continuing(ctx: Context, tutorial: Tutorial, story: list) -> Continues:
    return Continues(story, continued_heading(ctx, tutorial.title), tail=TAIL_LINES)


def _tutorial_story(ctx: Context, tutorial: Tutorial, tight: Tight = FULL) -> list:
    """The tutorial's flowables, its description and its people's bios set `tight` (see abstracts.Tight)."""
    return _tutorial_content(ctx, tutorial, tight)[0]


def _tutorial_content(ctx: Context, tutorial: Tutorial, tight: Tight = FULL) -> tuple[list, int]:
    """The tutorial's flowables, its description and its people's bios set `tight` (see abstracts.Tight: the bios
    alike, one size of text on the page, where a description set smaller over bios at the theme's size showed); and
    how many of them come before its description (its header)."""
    s = ctx.styles
    label = f'<font color="{markup_color(ctx.colours.accent)}">{markup.inline(ctx.label("tutorial", number=ctx.tutorial_number(tutorial)))}</font>'
    slot = ctx.slots.get("tutorial:" + tutorial.id)
    if slot:
        label += f"  \u00b7  {when(slot, ctx.booklet.conference.language)}"
    story = [
        Anchor(ctx.tutorial_key(tutorial), tutorial_outline(ctx, tutorial), 1),
        Para(label, s.when),
        Para(markup.title(tutorial.title, bold=True), ctx.in_language(s.title, tutorial.language)),
    ]
    style = tight_style(ctx, ctx.in_language(s.text, tutorial.language), tight)
    # in columns as an abstract's text is (see Context.text_columns; a short one in one, abstracts.in_text_columns)
    description = in_text_columns(ctx, ctx.paras(tutorial.description, style))
    if description or tutorial.people or tutorial.unnamed:  # (under a tutorial of nothing but its title, the
        story.append(Rule(ctx.colours.hairline, 0.8, 5))  # hairline doubled the rule between it and the next:
        # SIGDIAL 2020's four)
    header = len(story)
    in_columns = any(isinstance(flowable, TextColumns) for flowable in description)
    # the presenters' heading never ends a page without the first presenter (a Continues does not keep with the
    # next); nor does it start a page alone: a short last paragraph of the description goes with it (in one column),
    # and on a page the tutorial runs onto the text above it and in it is at least TAIL_LINES lines, carried over
    # from the page before (Together's `text`, Continues' `tail`: in columns too, where EuroPython 2014's presenter,
    # GMTH 2023's "Leitung" and names started a page alone, and DebConf17's had 2 lines above it)
    last = [description.pop()] if ((tutorial.presenters or tutorial.unnamed) and description and not in_columns
                                   and _short(description[-1], ctx.page.text_width)) else []
    story.extend(description)
    if tutorial.presenters:
        aligned = any(p.photo for p in tutorial.presenters)  # then the others' text in the column beside the photos
        story += _headed(ctx, "presenter", tutorial.presenters, last, len(last) if description or last else None,
                         aligned=aligned, tight=tight)
    elif tutorial.unnamed:  # (each presenter left out: the page printed no one where its programme row prints the
        # label name_not_printable; the label here too, under the heading)
        story += _headed(ctx, "presenter", tutorial.unnamed, last, len(last) if description or last else None,
                         unnamed=unnamed_speaker(ctx, tutorial))
    if tutorial.authors:  # who prepared it but does not present it: under their own heading, in the index not bold
        story += _headed(ctx, "coauthor", tutorial.authors, presenting=False, tight=tight)
    return story, header


def _headed(ctx: Context, label: str, people: tuple[Person, ...], before=(), text: int | None = None,
            aligned: bool = False, presenting: bool = True, tight: Tight = FULL, unnamed: str = "") -> list:
    """`people` (_presenter) under the heading `label` (its plural, label + "s", over several), which keeps with the
    first of them and `before` (Together, whose `text` it is); `unnamed`: the markup printed once in their place,
    when each of them is left out of the booklet (common.unnamed_speaker), in italic as the programme prints it: a
    label, not a name in a name's bold."""
    heading = ctx.label(label if len(people) == 1 else label + "s")
    if unnamed:
        return [Together([*before, Para(markup.inline(heading), ctx.styles.subheading), Gap(0, PERSON_GAP),
                          Para(f"<i>{unnamed}</i>", ctx.styles.body)], text=text)]
    first, *others = people
    block = [*before, Para(markup.inline(heading), ctx.styles.subheading),
             *_presenter(ctx, first, aligned, presenting, tight)]
    parted = isinstance(block[-1], Together) and block[-1].kept is not None  # (its bio split as the block's is)
    story = [Together(block, text=text, kept=len(block) - 1 if parted else None)]
    for person in others:
        story.extend(_presenter(ctx, person, aligned, presenting, tight))
    return story


KEPT_LINES = 4  # a description's last paragraph of at most these lines goes to the next page with the presenter


def _short(paragraph: Para, width: float) -> bool:
    """Whether `paragraph` takes at most KEPT_LINES lines `width` wide."""
    paragraph.wrap(width, 10_000)
    return paragraph.line_count() <= KEPT_LINES


def tutorial_outline(ctx: Context, tutorial: Tutorial) -> str:
    """The tutorial's outline entry (and, with abstracts by day, its contents entry under its day), numbered as its
    label is (Context.tutorial_number)."""
    return f"{ctx.tutorial_number(tutorial)}. {markup.plain(tutorial.title)}"


PERSON_GAP = 6.0  # points above each presenter (as set: Tight's `around` sets it closer)
BIO_GAP = 3.0  # points between a presenter's name (and affiliations) and their bio


def _presenter(ctx: Context, person: Person, aligned: bool = False, presenting: bool = True,
               tight: Tight = FULL) -> list:
    """A presenter's name, affiliations and bio, beside their photo; `aligned` (another presenter has a photo): in
    the column beside where a photo would be, when they have none. `presenting`: False for a co-author (the index
    lists the page, not in bold)."""
    s = ctx.styles
    block = [Para(ctx.named(person.name, presenting=presenting), s.person)]
    block += affiliation_lines(ctx, [markup.address(a) for a in person.affiliations])
    kept = None  # (a bio may be split after the name, affiliation and a few of its lines: Together's `kept`)
    around = PERSON_GAP * tight.around  # (the spaces around a presenter, closer where the entry is set `tight`)
    if person.bio:
        block.append(Spacer(0, BIO_GAP * tight.around))
        kept = len(block)
        block += ctx.paras(person.bio, tight_style(ctx, s.text, bios_tight(tight)))
    if person.photo:  # photo in its own column: the bio never runs on under it
        photo = ctx.photo(person.photo)
        return [Gap(0, around), Row([photo], block, photo.width, gap=4 * mm, pad=0, keep=ctx.page.text_height)]
    if aligned:
        return [Gap(0, around), Row([], block, PHOTO_WIDTH, gap=4 * mm, pad=0, keep=ctx.page.text_height)]
    return [Gap(0, around), Together(block, kept=kept)]  # (the space above: none at the top of a page it runs onto)
