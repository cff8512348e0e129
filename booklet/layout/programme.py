"""The programme days -> day headers and programme rows (sessions, parallel tracks), with page references."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import PageBreak, Spacer, Table, TableStyle

from ..text import markup
from ..text.fonts import BODY
from ..model import Day, Item, Parallel, Session
from .common import KIND_LABELS, Context, day_key, names
from .flowables import Anchor, Para, Row, Rule
from .styles import ACCENT, ACCENT_TINT, GREY, LIGHT, WARM_TINT, markup_color


def day_title(day: Day) -> str:
    return f"{day.date:%A} {day.date.day} {day.date:%B}"


def build_programme(ctx: Context) -> list:
    story = []
    for index, day in enumerate(ctx.booklet.days):
        if index == 0:
            story.append(Anchor("programme", "Programme", 0, section="Programme"))
        else:
            story.append(PageBreak())
        story.append(Anchor(day_key(index), day_title(day), 1))
        story.extend(build_programme_day(ctx, index, day))
    return story


def build_programme_day(ctx: Context, index: int, day: Day) -> list:
    story = [_day_header(ctx, index, day), Spacer(0, 3), Rule(ACCENT, 0.8, 3)]
    for entry in day.entries:
        if isinstance(entry, Item):
            story.append(item_row(ctx, entry, narrow=False))
        elif isinstance(entry, Session):
            story.extend(_session_block(ctx, entry, narrow=False))
        else:
            story.extend(_parallel_block(ctx, entry))
    return story


def _day_header(ctx: Context, index: int, day: Day) -> Row:
    s = ctx.styles
    number = Para(str(day.date.day), s.day_number)
    width = stringWidth("30", s.day_number.fontName, s.day_number.fontSize) + 2
    body = [
        Para(f"DAY {index + 1}", s.label),
        Para(f"{day.date:%A}", s.day_name),
        Para(f"{day.date:%B %Y}", s.day_name),
    ]
    return Row([number], body, width, pad=0, gap=3 * mm)


def _time_width(ctx: Context, narrow: bool) -> float:
    style = ctx.styles.time
    sample = "00:00" if narrow else "00:00\u201300:00"
    return stringWidth(sample, style.fontName, style.fontSize) + 1


def item_row(ctx: Context, item: Item, narrow: bool) -> Row:
    """One programme line: time, what happens (and who), the page it is described on."""
    s = ctx.styles
    time = ""
    if item.time:
        time = item.time.start.strftime("%H:%M") if narrow else str(item.time)
    left = [Para(time, s.time)] if time else []
    body, ref, background = _item_body(ctx, item)
    return Row(left, body, _time_width(ctx, narrow), ref=ref, ref_style=s.time, link=ref,
               background=background, pad=2.2, gap=2.5 * mm, keep=ctx.page.text_height)


def _item_body(ctx: Context, item: Item):
    s = ctx.styles
    title = item.shown_title
    where = " \u00b7 ".join(markup.inline(x) for x in (item.place, item.room) if x)
    if item.abstract:
        abstract = item.abstract
        label = KIND_LABELS[abstract.kind] if abstract.kind != "contributed" else ""
        title_markup = markup.inline(title)
        if label:
            title_markup = f"<b>{title_markup}</b>"
        speaker = f"<i>{markup.inline(names(abstract.speakers))}</i>"
        if label:
            speaker += f' <font name="Sans" size="{s.label.fontSize}" color="{markup_color(ACCENT)}">{label}</font>'
        if where:
            speaker += f" \u00b7 {where}"
        body = [Para(title_markup, s.row_title), Para(speaker, s.row_speaker)]
        return body, ctx.abstract_key(abstract), None
    if item.tutorial:
        tutorial = item.tutorial
        head = f'<font name="Sans-Bold" size="{s.label.fontSize}" color="{markup_color(ACCENT)}">TUTORIAL {tutorial.number}</font> '
        body = [Para(head + f"<b>{markup.inline(title)}</b>", s.row_title)]
        people = names(tutorial.presenters)
        line = " \u00b7 ".join(x for x in (f"<i>{markup.inline(people)}</i>" if people else "", where) if x)
        if line:
            body.append(Para(line, s.row_speaker))
        return body, ctx.tutorial_key(tutorial), ACCENT_TINT
    if not title:
        return [], None, None
    styled = {"break": f"<i>{markup.inline(title)}</i>", "social": f"<b>{markup.inline(title)}</b>",
              "poster": f"<b>{markup.inline(title)}</b>"}.get(item.kind, markup.inline(title))
    body = [Para(styled, s.row_title)]
    if where:
        body.append(Para(where, s.row_speaker))
    background = {"break": LIGHT, "social": WARM_TINT, "poster": WARM_TINT}.get(item.kind)
    ref = "posters" if item.kind == "poster" and ctx.booklet.posters else None
    return body, ref, background


def _session_header(ctx: Context, session: Session, room_first: bool = False) -> Row:
    s = ctx.styles
    name = markup.inline(session.name)
    room = session.room if session.room and session.room.strip().casefold() != session.name.strip().casefold() \
        else None  # a session named after its room (as imports name them) shows the name once
    if room_first and room:
        name = f"{markup.inline(room)}: {name}"
    details = []
    if session.chair:
        details.append(f"Chair: {markup.inline(session.chair)}")
    if room and not room_first:
        details.append(markup.inline(room))
    body = [Para(name, s.session)]
    if details:
        body.append(Para(" \u00b7 ".join(details), s.row_speaker))
    row = Row([], body, 0, background=ACCENT_TINT, pad=2.5)
    row.keepWithNext = 1
    return row


def _session_block(ctx: Context, session: Session, narrow: bool, room_first: bool = False) -> list:
    story = [Spacer(0, 3), _session_header(ctx, session, room_first)]
    story.extend(item_row(ctx, item, narrow) for item in session.items)
    story.append(Spacer(0, 3))
    return story


def _parallel_block(ctx: Context, parallel: Parallel) -> list:
    """Tracks side by side when they fit the page width and height; else one after another."""
    s = ctx.styles
    label = Para("PARALLEL SESSIONS", s.label)
    label.keepWithNext = 1
    sessions = parallel.sessions
    if len(sessions) <= ctx.page.max_tracks:
        table = _tracks_table(ctx, sessions)
        _, height = table.wrap(ctx.page.text_width, ctx.page.text_height)
        if height <= ctx.page.text_height * 0.9:
            return [Spacer(0, 3), label, table, Spacer(0, 3)]
    story = [Spacer(0, 3), label]
    for session in sessions:
        story.extend(_session_block(ctx, session, narrow=False, room_first=True))
    return story


def _tracks_table(ctx: Context, sessions) -> Table:
    half_gap = 1.6 * mm
    cells = [_session_block(ctx, session, narrow=True, room_first=True)[1:-1] for session in sessions]
    table = Table([cells], colWidths=[ctx.page.text_width / len(sessions)] * len(sessions))
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), BODY),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), half_gap),
        ("LEFTPADDING", (0, 0), (0, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), half_gap),
        ("RIGHTPADDING", (-1, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ("LINEAFTER", (0, 0), (-2, -1), 0.3, GREY),
    ]))
    return table
