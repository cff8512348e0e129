"""Tutorials -> one section per tutorial: TUTORIAL N, title, description, presenters with bio and photo."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Spacer

from ..text import markup
from ..model import Person, Tutorial
from .abstracts import affiliation_lines, when
from .common import Context
from .flowables import Anchor, Para, Row, Rule
from .styles import markup_color


def build_tutorials(ctx: Context) -> list:
    tutorials = ctx.booklet.tutorials
    if not tutorials:
        return []
    story = [Anchor("tutorials", "Tutorials", 0, section="Tutorials")]
    for tutorial in tutorials:
        if tutorial.number > 1:
            story.append(PageBreak())
        story.extend(build_tutorial_page(ctx, tutorial))
    return story


def build_tutorial_page(ctx: Context, tutorial: Tutorial) -> list:
    s = ctx.styles
    label = f'<font color="{markup_color(ctx.colours.accent)}">TUTORIAL {tutorial.number}</font>'
    slot = ctx.slots.get("tutorial:" + tutorial.id)
    if slot:
        label += f"  \u00b7  {when(slot)}"
    story = [
        Anchor(ctx.tutorial_key(tutorial), f"Tutorial {tutorial.number}: {markup.plain(tutorial.title)}", 1),
        Para(label, s.when),
        Para(markup.inline(tutorial.title), s.title),
        Rule(ctx.colours.hairline, 0.8, 5),
    ]
    story.extend(ctx.paras(tutorial.description, s.text))
    if tutorial.presenters:
        heading = "Presenter" if len(tutorial.presenters) == 1 else "Presenters"
        story.append(Para(heading, s.subheading))
        for person in tutorial.presenters:
            story.extend(_presenter(ctx, person))
    return story


def _presenter(ctx: Context, person: Person) -> list:
    s = ctx.styles
    block = [Para(markup.inline(person.name), s.person)]
    block += affiliation_lines(ctx, [markup.inline(a) for a in person.affiliations])
    if person.bio:
        block.append(Spacer(0, 3))
        block += ctx.paras(person.bio, s.text)
    if person.photo:  # photo in its own column: the bio never runs on under it
        photo = ctx.photo(person.photo)
        return [Spacer(0, 6), Row([photo], block, photo.width, gap=4 * mm, pad=0, keep=ctx.page.text_height)]
    return [Spacer(0, 6), KeepTogether(block)]
