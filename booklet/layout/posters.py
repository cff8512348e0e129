"""Posters -> the poster list: number, title, authors with affiliations, and the abstract when given."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth

from ..text import markup
from ..model import Poster
from .abstracts import author_block
from .common import Context
from .flowables import Anchor, Para, Row, Rule


def build_posters(ctx: Context) -> list:
    posters = ctx.booklet.posters
    if not posters:
        return []
    s = ctx.styles
    story = [Anchor("posters", "Posters", 0, section="Posters"), Para("Posters", s.heading)]
    widest = max(len(str(p.number)) for p in posters)
    number_width = stringWidth("0" * widest, s.session.fontName, s.session.fontSize * 1.3) + 2
    for index, poster in enumerate(posters):
        story.append(build_poster_entry(ctx, poster, number_width, poster_key(index)))
        story.append(Rule(ctx.colours.hairline, 0.5, 2))
    return story


def poster_key(index: int) -> str:
    """The link key of the poster at `index` in the poster list."""
    return f"poster-{index}"


def build_poster_entry(ctx: Context, poster: Poster, number_width: float, key: str) -> Row:
    s = ctx.styles
    number = Para(f'<font size="{s.session.fontSize * 1.3}">{poster.number}</font>', s.session)
    body = [Para(f"<b>{markup.inline(poster.title)}</b>", s.body)]
    body += author_block(ctx, poster.authors, explain_presenting=False)
    if poster.abstract:
        body += ctx.paras(poster.abstract, s.text)
    return Row([number], body, number_width, pad=3, keep=ctx.page.text_height, anchor=key)
