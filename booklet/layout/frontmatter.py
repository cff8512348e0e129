"""The Booklet model -> the contents page and the committees page."""

from __future__ import annotations

import re

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import KeepTogether

from ..text import dates, markup
from .columns import GAP, Columns, content_key, keep_with_last
from .common import Context, day_key
from .flowables import Anchor, Continues, Gap, Para, Row, Together, height_needed
from .styles import markup_color


TIGHTER = (1.0, 0.95, 0.9, 0.86)  # the contents' line spacing, as a share of its own: the first that fits a page


def build_contents(ctx: Context, entries: list[tuple[int, str, str]],
                   shorter: list[tuple[int, str, str]] | None = None) -> list:
    """The contents page: (level, title, anchor key) entries, each with its page number and a link. A numbered
    entry ("9. Learn ...") that wraps runs on under its text, not its number; contents a little longer than a page
    are set with tighter line spacing (TIGHTER) to fit it rather than leave a line or two on a page of their own;
    contents that no spacing fits on a page are `shorter` when given (the sections without their tutorials: 101 of
    them took five pages, the last with two lines, a typesetter's review), and run on over pages when still longer."""
    s = ctx.styles
    heading = Para(markup.inline(ctx.label("contents")), s.heading)
    anchor = Anchor("contents", markup.plain(ctx.label("contents")), 0, section=ctx.label("contents"))
    for listed in (entries, shorter) if shorter is not None and shorter != entries else (entries,):
        hang = _hang(ctx, listed)
        for share in TIGHTER:
            rows = [_contents_row(ctx, level, title, key, share, hang) for level, title, key in listed]
            if height_needed([heading, *rows], ctx.page.text_width, ctx.page.text_height) <= ctx.page.text_height:
                return [anchor, heading, *rows]
    # pages anyway: every entry (leaving the tutorials out would not save a page's worth: a review)
    hang = _hang(ctx, entries)
    return [anchor, heading, *(_contents_row(ctx, level, title, key, 1.0, hang) for level, title, key in entries)]


def _hang(ctx: Context, entries: list[tuple[int, str, str]]) -> float:
    """The widest number before an entry's title ("10. "); 0 when none is numbered."""
    s = ctx.styles
    numbers = [found.group() for _, title, _ in entries if (found := _NUMBER.match(markup.plain(title)))]
    return max((stringWidth(number, s.toc_2.fontName, s.toc_2.fontSize) for number in numbers), default=0.0)


_NUMBER = re.compile(r"\d+\. ")  # a tutorial's number before its title in the contents


def _contents_row(ctx: Context, level: int, title: str, key: str, share: float, hang: float) -> Row:
    """One entry: its title, its page number at the right; its line spacing `share` of the style's; a numbered entry
    of the second level runs on under its title: its number set right in a column as wide as the widest ("10. ",
    `hang`, which also says whether any entry is numbered), every title starting at its right, and a wrapped title's
    next lines under its first letter (a typesetter's review of uRos's ten tutorials on B5: "4." hung by the width
    of "10." started its second line a figure right of its first; hung by its own number's width, "10. Working ..."
    then started a figure right of "9. Tidy ...", the titles of one list at two places)."""
    s = ctx.styles
    style = s.toc_1 if level == 0 else s.toc_2
    numbered = _NUMBER.match(markup.plain(title)) if level > 0 and hang else None
    own = stringWidth(numbered.group(), style.fontName, style.fontSize) if numbered else 0.0
    style = ctx.derived(style, f"{style.name}_contents", share, bool(numbered), own, hang,
                        leading=style.leading * share,
                        **({"leftIndent": hang, "firstLineIndent": -own} if numbered else {}))
    indent = 0 if level == 0 else s.body.fontSize * 1.5
    shown = markup.inline(title)
    if key in map(day_key, range(len(ctx.booklet.days))):  # a day's date: '1er' raised, as French typography sets
        # it (dates.raised_ordinal)
        shown = dates.raised_ordinal(shown, ctx.booklet.conference.language)
    return Row([], [Para(shown, style)], indent, ref=key, ref_style=style, link=key,
               pad=(1.2 if level else 2.5) * share, gap=0, ref_last=True)


def build_committees(ctx: Context) -> list:
    committees = ctx.booklet.conference.committees
    if not committees:
        return []
    s = ctx.styles
    columns = ctx.page.text_columns  # (a wide page's: 2)
    story = [Anchor("committees", markup.plain(ctx.label("committees")), 0, section=ctx.label("committees")),
             Para(markup.inline(ctx.label("committees")), s.heading)]
    for committee in committees:
        heading = _committee_heading(ctx, committee)
        # a member's line that wraps runs on indented under the name; the heading never ends a page with fewer
        # than two of its members, nor does a page start with the last one alone
        hanging = ctx.derived(s.body, "member", leftIndent=s.body.fontSize, firstLineIndent=-s.body.fontSize)
        lines = [Para(_member_line(ctx, member), hanging) for member in committee.members]
        head = [Para(heading, s.subheading), *lines[:KEPT_MEMBERS]]
        rest = lines[KEPT_MEMBERS:]
        again = f"{heading} ({markup.inline(ctx.label('continued'))})"
        continued = lambda again=again: [Para(again, s.subheading)]  # noqa: E731
        if len(rest) <= KEPT_MEMBERS:
            story.append(KeepTogether(head + rest))
        elif columns > 1 and len(lines) >= COLUMNS_FROM:  # down the columns, balanced on the last page
            keep_with_last(lines[-KEPT_MEMBERS])
            story.append(Continues([Para(heading, s.subheading), Columns(lines, columns, GAP, key=content_key(lines))],
                                   continued, keep=1))
        else:  # a page it runs onto opens with its heading again, "(continued)" (a review: members under none)
            story.append(Continues([Together(head), *rest[:-KEPT_MEMBERS], Together(rest[-KEPT_MEMBERS:])], continued))
        story.append(Gap(0, s.body.leading * 0.5))  # (nothing at the top of a page)
    return story


def _committee_heading(ctx: Context, committee) -> str:
    """A committee's heading: its title, its name in brackets after it. A title or a name the fonts print nothing of
    (CJK alone: left out, and warned of) is left out with its brackets: the name alone, or the title alone; with
    neither, the label title_not_printable (the heading printed "()", or "Programme Committee ()")."""
    title, name = heading_parts(committee)
    if not title and not name:
        return markup.inline(ctx.label("title_not_printable"))
    if not title or not name:
        return markup.inline(title or name)
    return f'{markup.inline(title)} <font color="{markup_color(ctx.colours.accent)}">({markup.inline(name)})</font>'


def heading_parts(committee) -> tuple[str, str]:
    """A committee's title and name as its heading prints them: each '' when absent or when the fonts print nothing
    of it (_committee_heading; lint.entries' warning of a committee with no members names the heading so)."""
    return tuple(text if markup.prints(text) else "" for text in (committee.title, committee.name))


KEPT_MEMBERS = 2  # of a committee's members, at least this many go with its heading, and at the top of a page
# A committee of this many members or more is set in columns on a page wide enough for running text in two
# (page.text_columns): SIGDIAL's programme committee of 100 filled the left half of three A4 pages, the right empty
COLUMNS_FROM = 12


def _member_line(ctx: Context, member) -> str:
    line = f"<b>{markup.inline(member.name)}</b>"
    if member.role:
        line += f' <font color="{markup_color(ctx.colours.accent)}">· {markup.inline(member.role)}</font>'
    if member.affiliations:
        line += " \u2014 <i>" + "; ".join(markup.address(a) for a in member.affiliations) + "</i>"
    return line
