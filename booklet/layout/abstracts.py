"""Abstracts in programme order -> one page (or more) each: label, title, authors, photo, text."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import PageBreak

from ..text import markup
from ..model import Abstract, Person
from .common import KIND_LABELS, Context, Slot, abstract_photo
from .flowables import Anchor, BesidePhoto, Continues, DayMark, Para, Rule
from .programme import day_title
from .styles import markup_color

def build_abstracts(ctx: Context) -> list:
    if not ctx.abstract_order:
        return []
    story = [Anchor("abstracts", "Abstracts", 0, section="Abstracts")]
    current_group = object()
    for number, (day_index, abstract) in enumerate(ctx.abstract_order):
        if number:
            story.append(PageBreak())
        if day_index != current_group:
            current_group = day_index
            title = day_title(ctx.booklet.days[day_index]) if day_index is not None else "Not in the programme"
            story.append(Anchor(f"abstracts-day-{day_index}", title, 1))
            story.append(DayMark(title if day_index is not None else None))  # the running heads' day
        story.extend(build_abstract_page(ctx, abstract))
    return story


def build_abstract_page(ctx: Context, abstract: Abstract) -> list:
    s = ctx.styles
    header = [
        Para(_label_line(ctx, abstract), s.when),
        Para(markup.inline(abstract.title), s.title),
        *author_block(ctx, abstract.authors),
    ]
    photo = abstract_photo(abstract)
    if photo:
        header = [BesidePhoto(ctx.photo(photo), header, gap=4 * mm)]
    story = [Anchor(ctx.abstract_key(abstract), markup.plain(abstract.title), 2), *header]
    story.append(Rule(ctx.colours.hairline, 0.8, 5))
    story.extend(ctx.paras(abstract.text, s.text))
    return [Continues(story, lambda: [Para(continued(abstract.title), s.when)])]


def continued(title: str, limit: int = 60) -> str:
    """'A short form of the title (continued)' (markup), for the top of an entry's next page.

    Cut at a space outside inline math, so that no `$...$` is cut in two."""
    words, length, shown = title.split(" "), 0, []
    for word in words:
        if shown and length + len(word) > limit and sum(w.count("$") for w in shown) % 2 == 0:
            shown.append("\u2026")
            break
        shown.append(word)
        length += len(word) + 1
    return markup.inline(" ".join(shown).replace(" \u2026", "\u2026")) + " (continued)"


def _label_line(ctx: Context, abstract: Abstract) -> str:
    label = f'<font color="{markup_color(ctx.colours.accent)}">{KIND_LABELS[abstract.kind]}</font>'
    slot = ctx.slots.get("abstract:" + abstract.id)
    return label + (f"  \u00b7  {when(slot)}" if slot else "")


def when(slot: Slot) -> str:
    """'Monday 13 September · 09:20–10:00 · Auditorium' for a scheduled item (markup)."""
    parts = [day_title(slot.day)]
    if slot.item.time:
        parts.append(str(slot.item.time))
    room = slot.item.room or (slot.session.room if slot.session else None)
    if room:
        parts.append(markup.inline(room))
    return "  \u00b7  ".join(parts)


def author_block(ctx: Context, authors: tuple[Person, ...], explain_presenting: bool = True) -> list:
    """Names and affiliations: one author plainly; several with numbered affiliations."""
    s = ctx.styles
    if len(authors) == 1:
        person = authors[0]
        return [Para(markup.inline(person.name), s.person),
                *affiliation_lines(ctx, [markup.inline(a) for a in person.affiliations])]
    numbers: dict[str, int] = {}
    for person in authors:
        for affiliation in person.affiliations:
            numbers.setdefault(affiliation, len(numbers) + 1)
    names = [_numbered_name(p, numbers) for p in authors]
    block = [Para(", ".join(names), s.person)]
    block += affiliation_lines(ctx, [f"<super>{n}</super>\u2009{markup.inline(a)}" for a, n in numbers.items()])
    if explain_presenting and any(p.presenting for p in authors):
        block.append(Para("Presenting author underlined.", s.small))
    return block


def affiliation_lines(ctx: Context, lines: list[str]) -> list[Para]:
    """Affiliations as one paragraph, a line each: beside a photo it splits line by line, so the
    lines that do not fit beside the photo continue right below it (separate paragraphs would
    leave a gap the height of the first one that does not fit)."""
    return [Para("<br/>".join(lines), ctx.styles.affiliation)] if lines else []


def _numbered_name(person: Person, numbers: dict[str, int]) -> str:
    name = markup.inline(person.name)
    if person.presenting:
        name = f"<u>{name}</u>"
    marks = ",".join(str(numbers[a]) for a in person.affiliations)
    return name + (f"<super>{marks}</super>" if marks else "")
