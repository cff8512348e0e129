"""The Booklet model -> the contents page and the committees page."""

from __future__ import annotations

from reportlab.platypus import Spacer

from ..text import markup
from .common import Context
from .flowables import Anchor, Para, Row
from .styles import markup_color


def build_contents(ctx: Context, entries: list[tuple[int, str, str]]) -> list:
    """The contents page: (level, title, anchor key) entries, each with its page number and a link."""
    s = ctx.styles
    story = [Anchor("contents", markup.plain(ctx.label("contents")), 0, section=ctx.label("contents")),
             Para(markup.inline(ctx.label("contents")), s.heading)]
    for level, title, key in entries:
        style = s.toc_1 if level == 0 else s.toc_2
        indent = 0 if level == 0 else s.body.fontSize * 1.5
        row = Row([], [Para(markup.inline(title), style)], indent, ref=key, ref_style=style, link=key,
                  pad=1.2 if level else 2.5, gap=0)
        story.append(row)
    return story


def build_committees(ctx: Context) -> list:
    committees = ctx.booklet.conference.committees
    if not committees:
        return []
    s = ctx.styles
    story = [Anchor("committees", markup.plain(ctx.label("committees")), 0, section=ctx.label("committees")),
             Para(markup.inline(ctx.label("committees")), s.heading)]
    for committee in committees:
        heading = markup.inline(committee.title or committee.name)
        if committee.title:
            heading += f' <font color="{markup_color(ctx.colours.accent)}">({markup.inline(committee.name)})</font>'
        story.append(Para(heading, s.subheading))
        for member in committee.members:
            story.append(Para(_member_line(ctx, member), s.body))
        story.append(Spacer(0, s.body.leading * 0.5))
    return story


def _member_line(ctx: Context, member) -> str:
    line = f"<b>{markup.inline(member.name)}</b>"
    if member.role:
        line += f' <font color="{markup_color(ctx.colours.accent)}">· {markup.inline(member.role)}</font>'
    if member.affiliations:
        line += " \u2014 <i>" + "; ".join(markup.inline(a) for a in member.affiliations) + "</i>"
    return line
