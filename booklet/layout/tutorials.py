"""Tutorials -> a page (or more) per tutorial: TUTORIAL N, title, description, presenters with bio and photo;
in the Tutorials section, or (abstracts by day) after the abstracts of the day it is given. A tutorial that runs
onto another page is headed there "Title (continued)", as an abstract is."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Spacer

from ..text import markup
from ..model import Person, Tutorial
from .abstracts import (FULL, TAIL_LINES, Tight, affiliation_lines, continued, fitted_page, section_heading,
                        tight_style, when)
from .columns import GAP, TextColumns
from .common import PHOTO_WIDTH, Context
from .flowables import Anchor, Continues, DayMark, EndMark, Para, Row, Rule, Together
from .styles import markup_color


def build_tutorials(ctx: Context) -> list:
    """The Tutorials section: every tutorial (abstracts by day: those not in the programme), a page each."""
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
    """Abstracts by day: the tutorials of one day (`title`), after its abstracts, a page each."""
    name = ctx.label("tutorials")
    return [Anchor(f"tutorials-day-{day_index}", None, section=name), DayMark(title),
            *_pages(ctx, tutorials, heading=True)]


def _pages(ctx: Context, tutorials: list[Tutorial], heading: bool = False) -> list:
    """A page each; `heading`: the section's name over the first ("Tutorials")."""
    story = []
    for number, tutorial in enumerate(tutorials):
        if number:
            story.append(PageBreak())
        above = [section_heading(ctx, "tutorials")] if heading and not number else []
        story.extend(build_tutorial_page(ctx, tutorial, above))
        story.append(EndMark(ctx.tutorial_key(tutorial)))
    return story


def build_tutorial_page(ctx: Context, tutorial: Tutorial, heading: list = ()) -> list:
    """The tutorial's page (pages), under `heading` (the section's name, over the first tutorial, even where that
    costs it a second page); a tutorial a little too long for one page set tighter, as an abstract is
    (abstracts.fitted_page): its presenters alone took a second page."""
    page = fitted_page(ctx, list(heading), lambda tight: _tutorial_story(ctx, tutorial, tight))
    return [_continuing(ctx, tutorial, page)]


def _continuing(ctx: Context, tutorial: Tutorial, story: list) -> Continues:
    return Continues(story, lambda: [Para(continued(tutorial.title, label=ctx.label("continued")), ctx.styles.when)],
                     tail=TAIL_LINES)


def _tutorial_story(ctx: Context, tutorial: Tutorial, tight: Tight = FULL) -> list:
    """The tutorial's flowables, its description set `tight` (see abstracts.Tight)."""
    s = ctx.styles
    label = f'<font color="{markup_color(ctx.colours.accent)}">{markup.inline(ctx.label("tutorial", number=tutorial.number))}</font>'
    slot = ctx.slots.get("tutorial:" + tutorial.id)
    if slot:
        label += f"  \u00b7  {when(slot, ctx.booklet.conference.language)}"
    story = [
        Anchor(ctx.tutorial_key(tutorial), tutorial_outline(tutorial), 1),
        Para(label, s.when),
        Para(markup.title(tutorial.title, bold=True), ctx.in_language(s.title, tutorial.language)),
        Rule(ctx.colours.hairline, 0.8, 5),
    ]
    style = tight_style(ctx, ctx.in_language(s.text, tutorial.language), tight)
    description = ctx.paras(tutorial.description, style)
    in_columns = ctx.text_columns > 1 and bool(description)  # (as an abstract's text: see Context.text_columns)
    # the presenters' heading never ends a page without the first presenter (a Continues does not keep with the
    # next); nor does it start a page alone: a short last paragraph of the description goes with it (in one column)
    last = [description.pop()] if (tutorial.presenters and description and not in_columns
                                   and _short(description[-1], ctx.page.text_width)) else []
    story.extend([TextColumns(description, ctx.text_columns, GAP)] if in_columns else description)
    if tutorial.presenters:
        heading = ctx.label("presenter" if len(tutorial.presenters) == 1 else "presenters")
        first, *others = tutorial.presenters
        aligned = any(p.photo for p in tutorial.presenters)  # then the others' text in the column beside the photos
        story.append(Together([*last, Para(markup.inline(heading), s.subheading), *_presenter(ctx, first, aligned)]))
        for person in others:
            story.extend(_presenter(ctx, person, aligned))
    return story


KEPT_LINES = 4  # a description's last paragraph of at most these lines goes to the next page with the presenter


def _short(paragraph: Para, width: float) -> bool:
    """Whether `paragraph` takes at most KEPT_LINES lines `width` wide."""
    paragraph.wrap(width, 10_000)
    return paragraph.line_count() <= KEPT_LINES


def tutorial_outline(tutorial: Tutorial) -> str:
    """The tutorial's outline entry (and, with abstracts by day, its contents entry under its day)."""
    return f"{tutorial.number}. {markup.plain(tutorial.title)}"


def _presenter(ctx: Context, person: Person, aligned: bool = False) -> list:
    """A presenter's name, affiliations and bio, beside their photo; `aligned` (another presenter has a photo): in
    the column beside where a photo would be, when they have none."""
    s = ctx.styles
    block = [Para(ctx.named(person.name, presenting=True), s.person)]
    block += affiliation_lines(ctx, [markup.address(a) for a in person.affiliations])
    if person.bio:
        block.append(Spacer(0, 3))
        block += ctx.paras(person.bio, s.text)
    if person.photo:  # photo in its own column: the bio never runs on under it
        photo = ctx.photo(person.photo)
        return [Spacer(0, 6), Row([photo], block, photo.width, gap=4 * mm, pad=0, keep=ctx.page.text_height)]
    if aligned:
        return [Spacer(0, 6), Row([], block, PHOTO_WIDTH, gap=4 * mm, pad=0, keep=ctx.page.text_height)]
    return [Spacer(0, 6), Together(block)]
