"""Programme and abstract pages set as a typesetter would: page breaks without orphans, continued
headings, parallel tracks split row by row and aligned, end times, session headings, the day in
every running head, running heads in the fallback fonts. Checked on the PDF: text and positions."""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, NextPageTemplate, PageBreak

from booklet.build import build_booklet
from booklet.data.validate import read_booklet
from booklet.layout.common import Context
from booklet.layout.daypages import TracksRow
from booklet.layout.flowables import Anchor
from booklet.layout import daypages, programme
from booklet.layout.page import page_for
from booklet.layout.programme import (DAY_GAIN_MOST, DAY_SPACE_TIGHTEST, DAY_TYPE_LADDER, ROW_PAD, _programme_day,
                                      build_programme, build_programme_day)
from booklet.layout.story import section_parts
from booklet.layout.styles import make_styles
from booklet.output.render import render_pdf

from .helpers import BASE, write_conference
from .pdftext import Pdf, characters

TIME_RANGE = re.compile(r"^\d\d:\d\d\u2013\d\d:\d\d$")
BLEED = 3 * mm  # the build's default: PDF coordinates are trim coordinates shifted by it


# --------------------------------------------------------------------------- helpers


def boxes(path, index: int, text: str) -> list[tuple[float, float, float, float]]:
    """(left, bottom, right, top) in trim coordinates of each place `text` is printed on a page."""
    doc = pdfium.PdfDocument(str(path))
    try:
        textpage = doc[index].get_textpage()
        search = textpage.search(text, match_case=True)
        out = []
        while (found := search.get_next()) is not None:
            start, count = found
            first = textpage.get_charbox(start)
            last = textpage.get_charbox(start + count - 1)
            out.append((first[0] - BLEED, min(first[1], last[1]) - BLEED, last[2] - BLEED,
                        max(first[3], last[3]) - BLEED))
        return out
    finally:
        doc.close()


def lowest_text(path, index: int, above: float) -> float:
    """The bottom of the lowest character on a page that is above `above` (trim coordinates)."""
    doc = pdfium.PdfDocument(str(path))
    try:
        textpage = doc[index].get_textpage()
        bottoms = [textpage.get_charbox(i)[1] - BLEED for i in range(textpage.count_chars())]
        return min(b for b in bottoms if b > above)
    finally:
        doc.close()


def time_rows(pdf: Pdf, index: int) -> list[str]:
    """The programme rows' times on a page, as printed ("09:00–09:20"), in reading order."""
    return [line for line in pdf.lines(index) if TIME_RANGE.match(line)]


def outline_pages(pdf: Pdf, top: str) -> list[tuple[str, int]]:
    return [(title, page) for title, page, _ in dict((t, (t, p, c)) for t, p, c in pdf.outline())[top][2]]


def hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def talks_yaml(ids: list[str], long_every: int = 3) -> str:
    """An abstract for each id; every `long_every`-th has a title that takes two lines."""
    out = []
    for n, talk in enumerate(ids):
        title = f"Talk {talk} on models" + (" of selection, noise and the hierarchy of priors in surveys"
                                             if n % long_every == 0 else "")
        out.append(f"- id: {talk}\n  title: {title}\n  speaker: {{name: Speaker {talk}}}\n  abstract: Text of {talk}.\n")
    return "".join(out)


def session_yaml(name: str, ids: list[str], start: int, minutes: int = 20, room: str | None = None,
                 chair: str | None = None, indent: int = 6) -> tuple[str, int]:
    pad = " " * indent
    text = f"{pad}- session: \"{name}\"\n"
    if room:
        text += f"{pad}  room: {room}\n"
    if chair:
        text += f"{pad}  chair: {chair}\n"
    text += f"{pad}  items:\n"
    for talk in ids:
        text += f'{pad}    - {{time: "{hhmm(start)}-{hhmm(start + minutes)}", talk: {talk}}}\n'
        start += minutes
    return text, start


def build(tmp_path, files: dict, page_size: str = "A5"):
    own_programme = {"tutorials.yaml": None, "posters.yaml": None} if "programme.yaml" in files else {}
    folder = write_conference(tmp_path / "conf", {**own_programme, **files})
    out = tmp_path / "booklet.pdf"
    result = build_booklet(folder, out, page_size=page_size)
    return result, Pdf(out), out


# --------------------------------------------------------------------------- a long day, breaking


@pytest.fixture(scope="module")
def long_day(tmp_path_factory):
    """Monday: 3 sessions of 8 talks (two pages); Tuesday: one talk, unscheduled abstracts after; the abstracts one to a
    page (short, they would flow with `layout: auto`)."""
    tmp = tmp_path_factory.mktemp("long")
    ids = [f"s{s}t{t}" for s in range(3) for t in range(8)]
    items, start = "", 9 * 60
    for s in range(3):
        text, start = session_yaml(f"Session {s + 1}", ids[s * 8:(s + 1) * 8], start, room="Hall A",
                                   chair=f"Chair {s + 1}")
        items += text
        items += f'      - {{time: "{hhmm(start)}-{hhmm(start + 30)}", title: Coffee, kind: break}}\n'
        start += 30
    programme = ("days:\n  - date: 2027-09-13\n    items:\n" + items
                 + '  - date: 2027-09-14\n    items:\n      - {time: "09:00-09:30", talk: tue}\n')
    abstracts = talks_yaml(ids + ["tue"]) + talks_yaml(["loose"])
    return build(tmp, {"programme.yaml": programme, "abstracts.yaml": abstracts,
                       "theme.yaml": "abstracts: {layout: page}\n"})


def test_a_long_day_breaks_with_at_least_three_rows_a_page_and_a_continued_heading(long_day):
    _, pdf, path = long_day
    days = outline_pages(pdf, "Programme")
    assert [t for t, _ in days] == ["Monday 13 September", "Tuesday 14 September"]
    monday = range(days[0][1], days[1][1])
    assert len(monday) >= 2
    page = page_for("A5")
    frame_top = page.height - page.top
    for index in monday:
        rows = time_rows(pdf, index)
        assert len(rows) >= 3, (index, rows)
        if index == monday.start:
            assert pdf.lines(index)[:2] == ["13", "DAY 1"]
            continue
        # the page a day runs onto opens with its name, smaller, marked as continued, at the top
        assert pdf.lines(index)[0] == "Monday 13 September (continued)"
        (heading,) = boxes(path, index, "Monday 13 September (continued)")
        assert frame_top - 14 < heading[3] <= frame_top + 1
        assert heading[3] - heading[1] < 14  # smaller than the day's heading (the number is 44 pt)
    # every row of the day is printed once, in time order, across its pages
    times = [t for index in monday for t in time_rows(pdf, index)]
    assert len(times) == 24 + 3 and times == sorted(times)


def test_a_row_s_time_and_page_number_stand_on_its_title_s_baseline(long_day):
    """The time (7.6 pt sans on A5) and the page number stood at the row's top, 1.4 points above the baseline of the
    title (9 pt serif) beside them: each row's three texts now share the title's first baseline."""
    _, pdf, path = long_day
    index = outline_pages(pdf, "Programme")[0][1]
    baselines = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            baselines.append((tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5], text.strip()))

    pdf.reader.pages[index].extract_text(visitor_text=visit)
    times = [(x, y) for x, y, text in baselines if TIME_RANGE.match(text)]
    assert len(times) >= 3
    for x, y in times:  # the title: the nearest text to the right of the time, within a line's height
        title = min(((bx, by) for bx, by, _ in baselines if bx > x + 20 and abs(by - y) < 4),
                    key=lambda b: (abs(b[1] - y), b[0]))
        assert abs(title[1] - y) < 0.01, (x, y, title)
    doc = pdfium.PdfDocument(str(path))
    try:
        textpage = doc[index].get_textpage()
        chars = [(char, textpage.get_charbox(i)) for i, char in enumerate(characters(textpage))]
        width = doc[index].get_width()
    finally:
        doc.close()
    checked = 0
    for text in time_rows(pdf, index):
        ((_, bottom, _, top),) = [b for b in boxes(path, index, text)]
        first = next(box for char, box in chars if char == text[0] and abs(box[1] - BLEED - bottom) < 0.5)
        refs = [box for char, box in chars if char.isdigit() and box[0] > width * 0.8 and abs(box[3] - top - BLEED) < 4]
        for ref in refs:  # the page number's digits on the time's baseline (the same face and size; 1.4 pt off before)
            checked += 1
            assert abs(ref[1] - first[1]) < 0.3, (text, ref, first)  # (round digits overshoot: 0.07)
    assert checked >= 3


def test_a_row_s_time_follows_its_title_set_lower_for_a_tall_formula(tmp_path):
    """A title holding a tower of scripts ($x^{a^{b^{c^{d}}}}$) has its first line set lower, clear of what is above
    it (text.paragraph.lineskips); the time and the page number beside it stayed on the baseline the title would have
    had, 4.1 points above the title's. They now stand on the title's baseline as in every other row."""
    programme = ("days:\n  - date: 2027-09-13\n    items:\n"
                 '      - {time: "09:00-09:30", talk: tower}\n      - {time: "09:30-10:00", talk: plain}\n')
    abstracts = ("- id: tower\n  title: 'Selection $x^{a^{b^{c^{d}}}}$ models'\n  speaker: {name: Ana Smith}\n"
                 "  abstract: Text.\n- id: plain\n  title: Plain models\n  speaker: {name: Bo Jones}\n"
                 "  abstract: Text.\n")
    _, pdf, _ = build(tmp_path, {"programme.yaml": programme, "abstracts.yaml": abstracts})
    index = outline_pages(pdf, "Programme")[0][1]
    texts = []
    pdf.reader.pages[index].extract_text(
        visitor_text=lambda text, cm, tm, font, size: texts.append((tm[5] * cm[3] + cm[5], text.strip())))
    baseline = {text: y for y, text in texts if text}
    time, title = baseline["09:00\u201309:30"], baseline["Selection"]
    assert abs(time - title) < 0.01, (time, title)
    assert abs(baseline["09:30\u201310:00"] - baseline["Plain models"]) < 0.01


def test_a_row_plans_its_split_with_the_lines_a_tall_formula_sets_apart(tmp_path):
    """Row._plan (where a poster's row is split so that `tail` lines go on) counted the lines that fit the room the
    leading apart, while the paragraph's split sets a line with scripts on scripts ($x^{a^{b^{c^{d}}}}$) further
    apart (text.paragraph.lineskips) and leaves fewer: planned 2 lines where none fit (25.6 pt), 3 where 2 did
    (38.2 pt), so a tail planned to go on was a line longer and what stayed a line shorter. The plan now counts the
    lines as the split does (MathParagraph.lines_fitting): for every room, the lines it plans where the row starts
    are the lines its cut leaves there."""
    from booklet.layout.flowables import Para, Row
    from booklet.text import markup

    ctx = Context(read_booklet(write_conference(tmp_path / "data"))[0], page_for("A5"))
    text = markup.inline(" ".join("words of plain text here $x^{a^{b^{c^{d}}}}$ and then" if n % 3 == 0
                                  else "plain words only in this sentence of the text" for n in range(40)))
    whole = Para(text, ctx.styles.text)
    whole.wrap(300, 10_000)
    assert whole.lineskips() is not None  # (its lines with the formula are set apart)
    differ = []
    planned = Row([], [Para(text, ctx.styles.text)], 0, tail=2)  # (planning splits nothing: one row plans each room)
    planned.wrap(300, 10_000)
    for tenths in range(200, 1200, 7):
        room = tenths / 10
        _, before, _ = planned._plan(planned._body_width(300), room)
        cut = Row([], [Para(text, ctx.styles.text)], 0, tail=2)
        cut.wrap(300, 10_000)
        first, _ = cut._cut(300, room)
        for part in first:
            part.wrap(cut._body_width(300), 10_000)
        if sum(part.line_count() for part in first) != before:
            differ.append((room, before, sum(part.line_count() for part in first)))
    assert not differ, differ[:5]


def test_parallel_sessions_names_stand_on_one_baseline_when_one_holds_a_tall_formula(tmp_path):
    """Two parallel sessions side by side, one named with a formula of scripts on scripts ("Track $x^{a^{b^{c^{d}}}}$
    A"): lineskips sets that name's line lower, clear of the label above, and the other track's name stood 3.4 points
    higher beside it (A5). The cells of a row of tracks now set their first lines on one baseline (TracksRow: the
    others as much lower; the bottoms of the names' letters without descenders, as PDFium measures the glyphs)."""
    programme = ("days:\n  - date: 2027-09-13\n    items:\n      - parallel:\n"
                 "          - {session: 'Track $x^{a^{b^{c^{d}}}}$ Axe', room: Room A, "
                 "items: [{time: '14:00-14:20', talk: lund-2026}]}\n"
                 "          - {session: Track Beam, room: Room B, items: [{time: '14:00-14:20', title: Other}]}\n")
    _, pdf, path = build(tmp_path, {"programme.yaml": programme})
    index = outline_pages(pdf, "Programme")[0][1]
    document = pdfium.PdfDocument(str(path))
    text = document[index].get_textpage()
    chars = [(char, text.get_charbox(i)) for i, char in enumerate(characters(text))]
    document.close()
    whole = "".join(char for char, _ in chars)
    bottoms = []
    for words in ("Axe", "Track Beam"):
        start = whole.index(words)
        line = sorted(box[1] for char, box in chars[start:start + len(words)] if char in "acemnorsuvwx")
        bottoms.append(line[len(line) // 2])
    assert abs(bottoms[0] - bottoms[1]) < 0.3, bottoms


def test_a_row_s_time_set_on_its_title_s_baseline_leaves_the_row_as_tall_as_it_was(tmp_path):
    """The time lowered onto the title's baseline fits in the leading under it: a one-line row, and one with its
    speakers, are as tall as with the time at the row's top. Counted whole, the lowered time made each one-line row
    0.9 points taller, and 39C3's programme a page longer."""
    from booklet.layout.flowables import Para, Row
    from booklet.layout.programme import item_row

    ctx = Context(read_booklet(write_conference(tmp_path / "data"))[0], page_for("A5"))
    s = ctx.styles
    for body in ([Para("Welcome", s.row_title)], [Para("A talk", s.row_title), Para("Ana Smith", s.row_speaker)]):
        rows = [Row([Para("09:00\u201309:20", s.time)], body, 40, baseline=baseline) for baseline in (False, True)]
        assert rows[0].wrap(300, 800) == rows[1].wrap(300, 800)
    day = ctx.booklet.days[0]
    welcome = item_row(ctx, next(day.items()))
    assert welcome.baseline and welcome.wrap(300, 800)[1] == pytest.approx(s.row_title.leading + 2 * 2.2)


def test_an_empty_slot_prints_its_room_and_place_after_its_time(tmp_path):
    """An item with a time and a room (or a place) but no title printed its time alone: the room was dropped without a
    word (`{time: "12:30-13:00", room: Foyer}`). It prints after the time, where a titled line's goes under its title;
    a slot with neither prints its time alone, as before."""
    from booklet.layout.programme import item_row

    slots = ('      - {time: "12:30-13:00", room: Foyer}\n      - {time: "13:00", place: Garden, room: Foyer}\n'
             '      - {time: "13:30"}\n')
    programme = BASE["programme.yaml"].replace("      - {time: \"14:00-17:00\"", slots + "      - {time: \"14:00-17:00\"")
    ctx = Context(read_booklet(write_conference(tmp_path / "data", {"programme.yaml": programme}))[0], page_for("A5"))
    rows = [item_row(ctx, item) for item in ctx.booklet.days[0].items() if not item.shown_title]
    assert [[para.getPlainText() for para in row.body] for row in rows] == [["Foyer"], ["Garden \u00b7 Foyer"], []]
    assert [[para.getPlainText() for para in row.left] for row in rows] == [["12:30\u201313:00"], ["13:00"], ["13:30"]]


def test_a_day_s_opening_page_has_no_running_head_and_the_page_it_runs_onto_has_one(long_day):
    """A typesetter's review: the page that opens a day under its big date repeated the date in the running head
    above it. The opening page's heading stands for the running head (as a section's first page has none); the
    page the day runs onto has its running head, the day at the outer edge, the section at the inner one."""
    _, pdf, path = long_day
    days = outline_pages(pdf, "Programme")
    for (_, opening), number in zip(days, ("13", "14")):
        assert pdf.lines(opening)[:2] == [number, f"DAY {int(number) - 12}"]
        assert above_the_text(path, opening) == ""
    runs_onto = days[0][1] + 1  # (a right-hand page: the day at its outer edge, the right)
    assert " ".join(above_the_text(path, runs_onto).split()) in ("ProgrammeMonday 13 September",
                                                                 "Programme Monday 13 September")


def above_the_text(path, index: int) -> str:
    """What is printed on an A5 page above its frame: the running head."""
    page = page_for("A5")
    frame_top = page.height - page.top
    doc = pdfium.PdfDocument(str(path))
    try:
        textpage = doc[index].get_textpage()
        return "".join(char for i, char in enumerate(characters(textpage))
                       if textpage.get_charbox(i)[1] - BLEED > frame_top + 1).strip()
    finally:
        doc.close()


def test_a_break_inside_a_session_repeats_its_heading_and_no_heading_ends_a_page(long_day):
    _, pdf, path = long_day
    days = outline_pages(pdf, "Programme")
    monday = range(days[0][1], days[1][1])
    page = page_for("A5")
    for index in monday:
        lines = pdf.lines(index)
        # a session heading is followed on its page by a row of that session
        for n, line in enumerate(lines):
            if line.startswith("Session ") and "Hall A" in line:
                assert any(TIME_RANGE.match(x) for x in lines[n + 1:]), (index, line)
        if index == monday.start:
            continue
        first_row = next(n for n, line in enumerate(lines) if TIME_RANGE.match(line))
        above = lines[1:first_row]
        if above:  # the break fell inside a session: its heading is repeated, marked, without the chair
            assert re.fullmatch(r"Session \d \(continued\) · Hall A", above[0]), above
            assert not any(line.startswith("Chair") for line in above)
    repeated = [i for i in monday if any("(continued) · Hall A" in line for line in pdf.lines(i))]
    assert repeated, "no page broke inside a session: the data no longer tests it"
    # the heading line is above the first row, not beside it
    for index in repeated:
        (head,) = [b for b in boxes(path, index, "(continued) · Hall A")]
        first_time = boxes(path, index, time_rows(pdf, index)[0])[0]
        assert head[1] > first_time[3]
        assert head[3] < page.height - page.top  # inside the text block


def test_session_heading_reads_name_then_room_then_chair(long_day):
    _, pdf, _ = long_day
    lines = pdf.lines(outline_pages(pdf, "Programme")[0][1])
    n = lines.index("Session 1 · Hall A")
    assert lines[n + 1] == "Chair: Chair 1"
    assert not any(line.startswith("Hall A:") for line in lines)


def test_a_session_whose_name_ends_with_its_room_names_the_room_once(tmp_path):
    """FOSDEM 2025's "Keynotes · Main Track - Janson" in room Janson was headed "Keynotes · Main Track – Janson ·
    Janson": a session whose name ends with its room (as words of its own, or in brackets) names it once; a session
    whose name only has the room's letters at its end ("Workshall A" in "Hall A") is headed by its name and room."""
    import io

    from reportlab.pdfgen.canvas import Canvas

    from booklet.model import Session

    ctx = Context(read_booklet(write_conference(tmp_path / "data"))[0], page_for("A5"))
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(ctx.page.width, ctx.page.height))
    sessions = (("Keynotes · Main Track - Hall A", "Hall A"), ("Posters (Foyer)", "Foyer"), ("Workshall A", "Hall A"))
    for k, (name, room) in enumerate(sessions):
        heading = programme.session_header(ctx, Session(name, (), room=room))
        heading.wrap(ctx.page.text_width, ctx.page.text_height)
        heading.drawOn(canvas, ctx.page.margin, ctx.page.height - 100 - 40 * k)
    canvas.save()
    page = pdfium.PdfDocument(out.getvalue())[0]
    lines = [" ".join(line.split()) for line in page.get_textpage().get_text_range().splitlines()]
    assert lines == ["Keynotes · Main Track – Hall A", "Posters (Foyer)", "Workshall A · Hall A"], lines


def test_a_room_the_fonts_print_nothing_of_leaves_no_dot_behind(tmp_path):
    """A session's room or a programme line's room in CJK alone (warned of) left the separator it follows: the
    heading read "Inference ·" and the line "Welcome" with "·" under it (an unprintable-text fuzz). Such a room is left
    out with its dot; a room that prints is as before."""
    from .helpers import BASE, write_conference
    from .pdftext import Pdf

    programme = BASE["programme.yaml"].replace("chair: Mei Chen\n", "chair: Mei Chen\n        room: 会議室\n")
    programme = programme.replace('title: Welcome}', 'title: Welcome, place: Foyer, room: 東京}')
    folder = write_conference(tmp_path / "c", {"programme.yaml": programme})
    pdf = Pdf(build_booklet(folder, tmp_path / "b.pdf").output)
    page = outline_pages(pdf, "Programme")[0][1]
    lines = pdf.lines(page)
    assert "Inference" in lines and not any(line.rstrip().endswith("\u00b7") for line in lines)
    assert "Welcome" in lines and "Foyer" in lines


def test_every_programme_and_abstract_page_has_its_day_in_the_running_head(long_day):
    _, pdf, path = long_day
    page = page_for("A5")
    head_bottom = page.height - page.top  # the running head is above the text block
    days = dict(outline_pages(pdf, "Programme"))
    abstract_days = dict(outline_pages(pdf, "Abstracts"))
    sections = [(t, p) for t, p, _ in pdf.outline()]
    starts = dict(sections)
    order = [p for _, p in sections] + [len(pdf)]
    programme = range(starts["Programme"], order[order.index(starts["Programme"]) + 1])
    abstracts = range(starts["Abstracts"], order[order.index(starts["Abstracts"]) + 1])

    def day_of(index: int, table: dict) -> str | None:
        known = [(p, t) for t, p in table.items() if p <= index]
        return max(known)[1] if known else None

    def head(index: int, text: str):
        return [b for b in boxes(path, index, text) if b[1] > head_bottom]

    checked = 0
    for index in [*programme, *abstracts]:
        table = days if index in programme else abstract_days
        day = day_of(index, table)
        if day == "Not in the programme":
            assert not head(index, "September"), index
            continue
        if index in days.values() or index == starts["Abstracts"]:  # a day's opening page (its big date stands for
            # the running head) and a section's first page (under its heading): no running head
            assert not head(index, day) and not head(index, "TC2027"), index
            continue
        (box,) = head(index, day)
        # the day at the outer edge: left on left (even) pages, right on right (odd) pages
        if (index + 1) % 2 == 0:
            assert abs(box[0] - page.margin) < 1.5, (index, box)
        else:
            assert abs(box[2] - (page.width - page.margin)) < 1.5, (index, box)
        checked += 1
    assert checked >= len(programme) - len(days) + 24
    # other sections: no day
    tail = range(starts["Practical information"] if "Practical information" in starts else abstracts.stop, len(pdf))
    for index in tail:
        assert not head(index, "September")


def test_same_input_gives_the_same_bytes(long_day, tmp_path):
    result, _, path = long_day
    again = build_booklet(path.parent / "conf", tmp_path / "again.pdf")
    assert again.output.read_bytes() == path.read_bytes()


# --------------------------------------------------------------------------- orphans at a day's end


def test_no_day_leaves_one_or_two_rows_alone_on_a_page(tmp_path):
    """Days of 14 to 21 talks and a dinner: some would leave the dinner (or the dinner and a talk)
    alone on a page; each breaks earlier instead, leaving at least three rows on the next page."""
    ids, days = [], []
    for d, count in enumerate(range(14, 22)):
        talks = [f"d{d}t{t}" for t in range(count)]
        ids += talks
        text, start = session_yaml("Talks", talks, 9 * 60, indent=6)
        days.append(f"  - date: 2027-09-{13 + d}\n    items:\n{text}"
                    f'      - {{time: "19:30-22:00", title: Conference Dinner, kind: social}}\n')
    conference = BASE["conference.yaml"].replace("2027-09-14", "2027-09-20")
    _, pdf, path = build(tmp_path, {"programme.yaml": "days:\n" + "".join(days),
                                    "abstracts.yaml": talks_yaml(ids, long_every=4),
                                    "conference.yaml": conference})
    page = page_for("A5")
    starts = [p for _, p in outline_pages(pdf, "Programme")] + [dict((t, p) for t, p, _ in pdf.outline())["Abstracts"]]
    moved_back = 0
    for first, stop in zip(starts, starts[1:]):
        pages = list(range(first, stop))
        counts = [len(time_rows(pdf, i)) for i in pages]
        assert all(c >= 3 for c in counts), counts
        assert "Conference Dinner" in pdf.texts[pages[-1]]
        if len(pages) == 2:
            row_height = 20.0  # less than any row of this data
            free = lowest_text(path, pages[0], page.bottom) - page.bottom
            if free > row_height:  # (the rest is three rows, or more where three take less than SHORT_REST)
                moved_back += 1  # a row that fitted went over, to keep the dinner company
    assert moved_back >= 1, "no day needed its break moved: the data no longer tests orphans"


def _build_a_long_day(tmp_path, evening: str):
    """A day of a morning session of 8 talks, lunch, an afternoon session of 4, coffee and `evening` (programme items):
    (when lunch starts, in minutes, the built Pdf, its path)."""
    morning, afternoon = [f"a{i}" for i in range(8)], [f"b{i}" for i in range(4)]
    first, lunch = session_yaml("Morning", morning, 9 * 60, room="Hall A")
    second, end = session_yaml("Afternoon", afternoon, 14 * 60, room="Hall A")
    items = (first + f'      - {{time: "{hhmm(lunch)}-14:00", title: Lunch, kind: break}}\n' + second
             + f'      - {{time: "{hhmm(end)}-{hhmm(end + 30)}", title: Coffee, kind: break}}\n' + evening)
    _, pdf, path = build(tmp_path, {"programme.yaml": "days:\n  - date: 2027-09-13\n    items:\n" + items,
                                    "abstracts.yaml": talks_yaml(morning + afternoon)})
    return lunch, pdf, path


def test_a_day_whose_last_rows_would_be_alone_on_a_page_breaks_between_its_sessions(tmp_path, monkeypatch):
    """A morning session, lunch, an afternoon session and three evening rows, a little over a page: the break that
    fits last would leave only the three evening rows (less than a sixth of a page) on the day's second page; the
    day breaks after lunch instead, the afternoon session whole on the second page with them, the first page still
    more than half full. (Set as it is, not fitted to its page, as a day further over is: see programme.fitted_day.)"""
    monkeypatch.setattr(programme, "DAY_GAIN_MOST", 0)
    lunch, pdf, path = _build_a_long_day(tmp_path, '      - {time: "17:00-18:30", title: Poster viewing, kind: social}\n'
                                         '      - {time: "19:00-21:00", title: Welcome Reception, kind: social}\n')
    day = outline_pages(pdf, "Programme")[0][1]
    rows = [time_rows(pdf, day), time_rows(pdf, day + 1)]
    assert rows[0][-1] == f"{hhmm(lunch)}\u201314:00" and len(rows[0]) == 9  # the morning and lunch
    assert len(rows[1]) == 7 and pdf.lines(day + 1)[1] == "Afternoon · Hall A"
    page = page_for("A5")
    evening = boxes(path, day + 1, "Coffee")[0][3] - boxes(path, day + 1, "Welcome Reception")[0][1]
    assert evening < page.height / 6  # what the day would have left alone on its second page
    assert lowest_text(path, day, page.bottom) < page.bottom + (page.height - page.bottom) / 2


def test_a_days_last_page_is_never_less_than_a_quarter_full_when_an_earlier_break_fills_it_more(tmp_path, monkeypatch):
    """A review of DebConf17 on A4: a day's last page held its last three rows under the day's continued heading,
    three quarters of it empty; the rest, measured without that heading, was just over a sixth of a page, where the
    day moved its break back only for less. The rest is measured as it is set (its rows below the headings it repeats,
    since XDC 2021: see the next test but one) and must be a quarter of a page: here coffee and five one-line evening rows, alone on the second page before (under a
    fifth of it), go there with the afternoon session. (Set as it is, not fitted to its page, as a day further over
    is: see programme.fitted_day.)"""
    monkeypatch.setattr(programme, "DAY_GAIN_MOST", 0)
    _, pdf, path = _build_a_long_day(tmp_path, '      - {time: "17:00-18:00", title: Poster viewing, kind: social}\n'
                                     '      - {time: "18:00-19:00", title: General assembly}\n'
                                     '      - {time: "19:00-20:00", title: Welcome Reception, kind: social}\n'
                                     '      - {time: "20:00-21:00", title: Quiz night, kind: social}\n'
                                     '      - {time: "21:00-22:00", title: Late bar, kind: social}\n')
    day = outline_pages(pdf, "Programme")[0][1]
    page = page_for("A5")
    assert "Late bar" in pdf.lines(day + 1) and "Afternoon · Hall A" in pdf.lines(day + 1)
    assert len(time_rows(pdf, day + 1)) == 10  # the afternoon session, coffee and the evening's five rows
    text_top = page.height - page.top
    assert lowest_text(path, day + 1, page.bottom) < text_top - (text_top - page.bottom) / 4
    assert lowest_text(path, day, page.bottom) < page.bottom + (page.height - page.bottom) / 2


@pytest.mark.parametrize("lunch", ["Lunch", "Lunch buffet"])
def test_a_track_s_one_line_titled_as_its_heading_keeps_its_title_under_it_not_a_bare_time(tmp_path, lunch):
    """GMTH 2023 (A5 p. 7): an import set the lunch beside another room's meeting as a track of its own, named by its
    title: "Mittagspause" over its column. Its line, left without its title under that heading, was a time alone
    ("13:00–14:30" and nothing else), which a LOC sent back. A line of its own (no talk, no tutorial: nothing else
    says what it is) keeps its title under its track's heading, as one titled otherwise ("Lunch buffet" under
    "Lunch") does."""
    items = ("      - parallel:\n"
             "          - session: Cafeteria\n            room: Cafeteria\n            items:\n"
             '              - {time: "13:00-14:30", title: Members meeting}\n'
             "          - session: Lunch\n            items:\n"
             f'              - {{time: "13:00-14:30", title: {lunch}, kind: break}}\n')
    _, pdf, _ = build(tmp_path, {"programme.yaml": "days:\n  - date: 2027-09-13\n    items:\n" + items,
                                 "abstracts.yaml": None})
    day = outline_pages(pdf, "Programme")[0][1]
    lines = pdf.lines(day)
    assert time_rows(pdf, day) == ["13:00\u201314:30"] * 2 and "Members meeting" in lines, lines
    assert sum(line.count("Lunch") for line in lines) == 2, lines  # (1 before: the heading alone)
    under = lines[lines.index("13:00\u201314:30", lines.index("Members meeting") - 1) + 1:]
    assert lunch in under, lines  # (its cell: its time, its title under it)


ALONE = {  # (session, what it holds): a talk, a tutorial and a lunch, each alone under its own name
    "talk": ("A talk about Lund", "talk: lund-2026"),
    "tutorial": ("Bayesian inference", "tutorial: bayes-intro"),
    "lunch": ("Lunch", "title: Lunch, kind: break"),
}


@pytest.mark.parametrize("layout, kinds", [("session", ["talk"]), ("side by side", ["talk", "tutorial"]),
                                           ("one after another", ["talk", "tutorial", "lunch"])])
def test_a_talk_or_tutorial_alone_in_its_session_and_titled_as_it_is_named_prints_its_title_once(tmp_path, layout,
                                                                                                 kinds):
    """Les Houches 2018's timetable (p. 11): a parallel track named "Pure spin currents in magnetic insulator/metal
    hybrid structures" over a talk of that title, which printed it again under the heading; SIGDIAL 2020 (p. 11),
    "Turorial 1" over "TUTORIAL 1 Turorial 1"; a session block of one talk named by it, or parallel sessions set one
    after another (three on A5), did the same. The heading says it once; under it the time, the speaker (a tutorial's
    label and presenter) and the page of the abstract, linked. A talk under a heading of another name ("Models")
    keeps its title. A lunch is never a time alone (GMTH 2023's Thursday, A5 p. 6, "AG Promotionen (?)" over a row of
    "15:00–19:00" alone): set one after another, its session is its plain row, its title once (AMCOS 2018, p. 5)."""
    if layout == "session":
        name, what = ALONE["talk"]
        block = f"      - session: {name}\n        chair: Mei Chen\n        items:\n" \
                f'          - {{time: "09:20-10:00", {what}}}\n'
    else:
        block = "      - parallel:\n" + "".join(
            f'          - session: {ALONE[kind][0]}\n            items:\n'
            f'              - {{time: "09:20-10:00", {ALONE[kind][1]}}}\n' for kind in kinds)
    other = '      - session: Models\n        items:\n          - {time: "11:00-11:30", talk: okafor}\n'
    _, pdf, _ = build(tmp_path, {"programme.yaml": "days:\n  - date: 2027-09-13\n    items:\n" + block + other,
                                 "tutorials.yaml": BASE["tutorials.yaml"]})
    day = outline_pages(pdf, "Programme")[0][1]
    lines = pdf.lines(day)
    text = "\n".join(lines)
    for kind in kinds:
        assert text.count(ALONE[kind][0]) == 1, (kind, lines)
    assert time_rows(pdf, day) == ["09:20\u201310:00"] * len(kinds) + ["11:00\u201311:30"], lines
    if "lunch" in kinds:  # its time and its title, no heading (was its heading over them; before, over its time alone)
        assert lines[lines.index("Lunch") - 1:lines.index("Models")] == ["09:20\u201310:00", "Lunch"], lines
    assert "Ana Smith" in lines and "Models" in lines and "Hierarchical models" in lines, lines
    assert ("TUTORIAL 1" in lines and "Sven Oberg" in lines) == ("tutorial" in kinds), lines
    described = {pdf.pages_with(title)[-1] for title in ("A talk about Lund", "Hierarchical models")}
    if "tutorial" in kinds:
        described.add(pdf.pages_with("Bayesian inference")[-1])
    assert {page for _, page in pdf.links(day)} == described, pdf.links(day)
    assert all(str(page + 1) in lines for page in described), lines


COFFEE = ("session: Coffee\n{pad}  room: Foyer\n{pad}  items:\n"
          '{pad}    - {{time: "10:45-11:10", title: Coffee, kind: break}}\n')


@pytest.mark.parametrize("layout", ["session", "one after another", "chaired", "a meeting", "a room printing nothing",
                                    "a break on white"])
def test_a_session_that_is_one_line_titled_as_it_is_named_prints_as_that_plain_line_without_its_heading(tmp_path,
                                                                                                      layout):
    """AMCOS 2018 (A5 p. 5): a session "Coffee" of one line, "Coffee", set one after another among parallel sessions,
    printed a "Coffee" bar over "10:45–11:10 Coffee". Printed on its own (a session block, or set one after another),
    such a session is its one line, as a line outside any session prints: the time and the title on one baseline, the
    title where a plain line's is, the session's room under it (its line's own where it prints: not CJK alone), the
    title once. A chaired session keeps its heading (it names the chair) over its row, and so does a meeting, or a
    break a theme sets on white (no background of its own: GMTH 2023 A5 p. 6, its row would read as the session's
    before it)."""
    first = '      - {time: "10:00-10:45", title: Registration}\n'
    if layout == "one after another":  # (three parallel sessions on A5: one after another)
        block = "      - parallel:\n" + "".join(
            f'          - session: {name}\n            items:\n              - {{time: "10:45-11:40", talk: {talk}}}\n'
            for name, talk in (("Models", "okafor"), ("Methods", "lund-2026"))) + "          - " + COFFEE.format(
            pad=" " * 10)
    else:
        block = "      - " + COFFEE.format(pad=" " * 6)
        if layout == "chaired":
            block = block.replace("  room: Foyer\n", "  room: Foyer\n        chair: Mei Chen\n")
        if layout == "a meeting":
            block = block.replace(", kind: break}", "}")
        if layout == "a room printing nothing":  # (CJK alone, warned of: the session's room printed instead)
            block = block.replace(", kind: break}", ", kind: break, room: \u4f1a\u8bae\u5ba4}")
    theme = {"theme.yaml": 'colours:\n  break: "#FFFFFF"\n'} if layout == "a break on white" else {}  # (no bar)
    _, pdf, path = build(tmp_path, {"programme.yaml": "days:\n  - date: 2027-09-13\n    items:\n" + first + block,
                                    **theme})
    day = outline_pages(pdf, "Programme")[0][1]
    lines = pdf.lines(day)
    assert "10:45\u201311:10" in time_rows(pdf, day), lines
    coffee = boxes(path, day, "Coffee")
    (time,) = boxes(path, day, "10:45\u201311:10")
    (registration,) = boxes(path, day, "Registration")
    (foyer,) = boxes(path, day, "Foyer")
    if layout in ("chaired", "a meeting", "a break on white"):  # its heading (name · room, the chair under it) over its row (time, title)
        assert len(coffee) == 2 and ("Chair: Mei Chen" in lines) == (layout == "chaired"), lines
        heading, row = sorted(coffee, key=lambda box: -box[1])
        assert heading[1] > time[3] and abs(row[1] - time[1]) < 1.5 and foyer[1] > time[3], (coffee, time, foyer)
        return
    assert len(coffee) == 1 and "Chair: Mei Chen" not in lines, lines  # (was twice: the bar over the row)
    (row,) = coffee
    assert abs(row[1] - time[1]) < 1.5, (row, time)  # the time and the title on one baseline
    assert abs(row[0] - registration[0]) < 0.5, (row, registration)  # where a plain line's title is
    assert foyer[3] < row[1] and abs(foyer[0] - row[0]) < 0.5, (foyer, row)  # the room under the title
    assert lines[lines.index("Coffee") - 1:lines.index("Coffee") + 2] == ["10:45\u201311:10", "Coffee", "Foyer"]


@pytest.mark.parametrize("talks, long_every", [(15, 2), (16, 3)])
def test_a_days_last_page_holds_a_quarter_of_a_page_of_its_rows_not_its_repeated_headings_and_three_rows(
        tmp_path, talks, long_every, monkeypatch):
    """XDC 2021 (A5 pp. 6-7): Thursday ran onto a page holding "(continued)", the repeated headings and three rows, two
    thirds of it empty: the rest was measured with the headings it repeats, which made it a quarter of a page (its
    rows alone were a fifth). The rest's own rows must now fill a quarter of the page: a session of 15 (16) talks
    breaks where the day's second page holds four of them, not three, and the first page stays more than half full.
    (Set as it is, not fitted to its page, as a day further over is: see programme.fitted_day.)"""
    monkeypatch.setattr(programme, "DAY_GAIN_MOST", 0)
    ids = [f"t{i}" for i in range(talks)]
    text, _ = session_yaml("Talks", ids, 8 * 60, minutes=15, room="Hall A")
    _, pdf, path = build(tmp_path, {"programme.yaml": "days:\n  - date: 2027-09-13\n    items:\n" + text,
                                    "abstracts.yaml": talks_yaml(ids, long_every=long_every)})
    day = outline_pages(pdf, "Programme")[0][1]
    rows = [time_rows(pdf, day), time_rows(pdf, day + 1)]
    assert len(rows[0]) + len(rows[1]) == talks and len(rows[1]) == 4, rows  # (three before)
    page = page_for("A5")
    text_top = page.height - page.top
    first_row = boxes(path, day + 1, rows[1][0])[0][3]
    # (their ink, from the first time's top to the last line's foot: a quarter of the page with their padding)
    assert first_row - lowest_text(path, day + 1, page.bottom) >= (text_top - page.bottom) / 5
    assert lowest_text(path, day, page.bottom) < page.bottom + (text_top - page.bottom) / 2


@pytest.mark.parametrize("talks, before", [(10, [7, 3]), (11, [8, 3])])
def test_a_days_last_page_never_holds_three_rows_alone_however_tall_they_are(tmp_path, monkeypatch, talks, before):
    """36C3 (A5 pp. 16 and 22): Saturday and Sunday ran onto a page of "(continued)", "PARALLEL SESSIONS (continued)"
    and three rows (each a session of one talk under its heading), two thirds of it empty: set that tall, three rows
    were a quarter of the page, which was all the rest had to fill. Here a session of talks whose rows are three
    lines tall: the day's last page held three of them; it breaks earlier and holds four (daypages.SHORT_ROWS), the
    first page still more than half full, every time once and in the day's order."""
    ids = [f"t{i}" for i in range(talks)]
    text, _ = session_yaml("Talks", ids, 8 * 60, minutes=15, room="Hall A")
    abstracts = "".join(f"- id: {talk}\n  title: Talk {talk} on the models of selection, noise and the hierarchy of "
                        "priors in the surveys of the southern sky, with the catalogues of the northern sky and what "
                        f"both tell of the galaxies between\n  speaker: {{name: Speaker {talk}}}\n"
                        f"  abstract: Text of {talk}.\n" for talk in ids)
    files = {"programme.yaml": "days:\n  - date: 2027-09-13\n    items:\n" + text, "abstracts.yaml": abstracts}

    def day_rows(folder) -> tuple[list[list[str]], Pdf, Path]:
        _, pdf, path = build(folder, files)
        first = outline_pages(pdf, "Programme")[0][1]
        end = dict((title, page) for title, page, _ in pdf.outline())["Abstracts"]
        return [time_rows(pdf, page) for page in range(first, end)], pdf, path

    rows, pdf, path = day_rows(tmp_path / "now")
    assert [len(page) for page in rows] == [before[0] - 1, 4], rows
    assert [time for page in rows for time in page] == [
        f"{hhmm(8 * 60 + 15 * i)}\u2013{hhmm(8 * 60 + 15 * (i + 1))}" for i in range(talks)]
    page = page_for("A5")
    first = outline_pages(pdf, "Programme")[0][1]
    assert lowest_text(path, first, page.bottom) < page.bottom + (page.height - page.bottom) / 2
    monkeypatch.setattr(daypages, "SHORT_ROWS", 3)  # (three rows tall enough for the rest's height alone)
    assert [len(page) for page in day_rows(tmp_path / "three")[0]] == before


@pytest.mark.parametrize("tracks, talks", [(4, 6), (2, 13)])
def test_a_day_ending_in_parallel_sessions_leaves_no_three_rows_alone_on_its_last_page(tmp_path, tracks, talks):
    """A review (EuroPython 2014 on B5): a day of parallel sessions and three evening rows after them, whose last
    page held those three rows alone: no break between two of its items left the rest longer, every earlier one was
    among the parallel sessions. The day breaks among them instead, the rest under "PARALLEL SESSIONS (continued)"
    with the session's (or the tracks') heading repeated: four sessions set one after another on A5, and two side by
    side. The page before is still more than half full."""
    ids = [[f"p{k}t{t}" for t in range(talks)] for k in range(tracks)]
    items = "      - parallel:\n" + "".join(session_yaml(f"Track {k}", ids[k], 9 * 60, room=f"Room {k}", indent=10)[0]
                                           for k in range(tracks))
    items += ('      - {time: "17:00-17:30", title: Coffee, kind: break}\n'
              '      - {time: "17:30-18:30", title: Poster viewing, kind: social}\n'
              '      - {time: "19:00-21:00", title: Welcome Reception, kind: social}\n')
    _, pdf, path = build(tmp_path, {"programme.yaml": "days:\n  - date: 2027-09-13\n    items:\n" + items,
                                    "abstracts.yaml": talks_yaml([t for track in ids for t in track], long_every=2)})
    day = outline_pages(pdf, "Programme")[0][1]
    last = max(i for i in range(len(pdf)) if "Welcome Reception" in pdf.lines(i))
    assert last > day and "Coffee" in pdf.lines(last)
    page = page_for("A5")
    evening = boxes(path, last, "Coffee")[0][3] - boxes(path, last, "Welcome Reception")[0][1]
    assert evening < page.height / 6  # what the day would have left alone on its last page
    lines = pdf.lines(last)
    assert "PARALLEL SESSIONS (continued)" in lines and len(time_rows(pdf, last)) > 3
    assert any(line.startswith("Track ") for line in lines)  # the session's heading (or the tracks') repeated
    assert lowest_text(path, last - 1, page.bottom) < page.bottom + (page.height - page.bottom) / 2


# --------------------------------------------------------------------------- short days


DINNER = '      - {time: "19:30-22:00", title: Conference Dinner, kind: social}\n'


def two_days(tmp_path, monday: int, tuesday: int | None, page_size: str = "A5"):
    """Monday: a session of `monday` talks; Tuesday: a session of `tuesday` talks, or (None) only a dinner."""
    ids = [f"m{t}" for t in range(monday)] + [f"u{t}" for t in range(tuesday or 0)]
    first, _ = session_yaml("Monday talks", ids[:monday], 9 * 60)
    second = session_yaml("Tuesday talks", ids[monday:], 9 * 60)[0] if tuesday else DINNER
    programme = ("days:\n  - date: 2027-09-13\n    items:\n" + first
                 + "  - date: 2027-09-14\n    items:\n" + second)
    return build(tmp_path, {"programme.yaml": programme, "abstracts.yaml": talks_yaml(ids)}, page_size)


def test_a_short_day_follows_the_day_before_on_its_page_when_it_fits_there_whole(tmp_path):
    """A typesetter's review: a day of only a dinner took a page of its own, one line under its big date. A day no
    taller than half a page follows the day before, below a gap, when it fits whole in the space left."""
    _, pdf, path = two_days(tmp_path, 3, None)
    (_, page), (_, tuesday) = outline_pages(pdf, "Programme")
    assert tuesday == page  # (its outline entry, and so the contents' and the glance's references, go there)
    lines = pdf.lines(page)
    assert lines[:2] == ["13", "DAY 1"]
    assert lines.index("09:40\u201310:00") < lines.index("DAY 2") < lines.index("Conference Dinner")
    assert time_rows(pdf, page) == ["09:00\u201309:20", "09:20\u201309:40", "09:40\u201310:00", "19:30\u201322:00"]
    (last_row,) = boxes(path, page, "09:40\u201310:00")
    (number,) = [b for b in boxes(path, page, "14") if b[3] - b[1] > 20]  # the big date, not a page number
    assert last_row[1] - number[3] >= 9 * mm - 1  # the gap above the day, under the day before's last row
    assert above_the_text(path, page) == ""  # the page opened with Monday: its big date stands for the head
    assert "Conference Dinner" not in pdf.texts[page + 1] and time_rows(pdf, page + 1) == []


def test_a_short_day_that_does_not_fit_below_the_day_before_opens_a_page(tmp_path):
    _, pdf, path = two_days(tmp_path, 10, 3)
    (_, monday), (_, tuesday) = outline_pages(pdf, "Programme")
    assert tuesday == monday + 1
    assert pdf.lines(tuesday)[:2] == ["14", "DAY 2"] and above_the_text(path, tuesday) == ""
    assert len(time_rows(pdf, tuesday)) == 3


def test_a_day_right_after_a_short_day_follows_it_on_its_page_when_it_fits_there_whole(tmp_path):
    """Les Houches 2018 (A4 p. 4): its arrival evening, three rows, had a page to itself, and the next day, taller than
    half a page, opened the next, though it fitted below. A day right after a short day follows it, below a gap, when
    it fits there whole, as a short day follows the day before."""
    _, pdf, path = two_days(tmp_path, 1, 8)
    (_, monday), (_, tuesday) = outline_pages(pdf, "Programme")
    assert tuesday == monday and pdf.lines(monday)[:2] == ["13", "DAY 1"]
    assert pdf.lines(monday).index("09:00\u201309:20") < pdf.lines(monday).index("DAY 2")
    assert len(time_rows(pdf, monday)) == 9 and time_rows(pdf, monday + 1) == []  # the day whole on the page
    (first_row,) = boxes(path, monday, "09:00\u201309:20")[:1]
    (number,) = [b for b in boxes(path, monday, "14") if b[3] - b[1] > 20]  # Tuesday's big date
    assert first_row[1] - number[3] >= 9 * mm - 1


def test_a_day_taller_than_half_a_page_after_a_day_of_pages_opens_a_page_even_where_it_would_fit(tmp_path):
    """Only a short day, or a day right after one, joins the day before: a day of its own size after the last of
    another's pages keeps its own page, as the reader expects."""
    _, pdf, path = two_days(tmp_path, 26, 12, "A4")
    (_, monday), (_, tuesday) = outline_pages(pdf, "Programme")
    assert tuesday == monday + 2 and pdf.lines(tuesday)[:2] == ["14", "DAY 2"]
    assert len(time_rows(pdf, tuesday - 1)) == 7 and len(time_rows(pdf, tuesday)) == 12
    page = page_for("A4")
    assert lowest_text(path, tuesday, page.bottom) < page.height - page.top - page.text_height / 2  # over half
    used = page.height - page.top - lowest_text(path, tuesday, page.bottom)  # Tuesday, from the top of the text
    assert used + 9 * mm < lowest_text(path, tuesday - 1, page.bottom) - page.bottom  # the room under Monday's last


def test_a_short_day_below_a_day_s_continued_page_leaves_that_page_its_running_head(tmp_path, monkeypatch):
    """The page the day before ran onto keeps its running head (that day's), though a day opens below on it. (Set as
    it is, not fitted to its page, as a day further over is: see programme.fitted_day.)"""
    monkeypatch.setattr(programme, "DAY_GAIN_MOST", 0)
    _, pdf, path = two_days(tmp_path, 16, 1)
    (_, monday), (_, tuesday) = outline_pages(pdf, "Programme")
    assert tuesday == monday + 1
    assert pdf.lines(tuesday)[0] == "Monday 13 September (continued)" and "DAY 2" in pdf.lines(tuesday)
    assert " ".join(above_the_text(path, tuesday).split()) in ("ProgrammeMonday 13 September",
                                                               "Programme Monday 13 September")


# --------------------------------------------------------------------------- parallel tracks


@pytest.fixture(scope="module")
def parallel(tmp_path_factory):
    """A4: a morning session fills most of a page; then 3 tracks x 12 talks of 20 minutes."""
    tmp = tmp_path_factory.mktemp("parallel")
    morning = [f"m{t}" for t in range(14)]
    tracks = [[f"p{k}t{t}" for t in range(12)] for k in range(3)]
    items, start = session_yaml("Plenary", morning, 8 * 60)
    items += f'      - {{time: "{hhmm(start)}-{hhmm(start + 30)}", title: Coffee, kind: break}}\n'
    items += "      - parallel:\n"
    names = ["A: Data", "B: Models", "C: Methods"]
    rooms = ["Room Nord", "Seminar Room Kobbe", "Aula"]
    for k in range(3):
        text, _ = session_yaml(names[k], tracks[k], 13 * 60 + 30, room=rooms[k], chair=f"Chair {k}", indent=10)
        items += text
    items += '      - {time: "17:30-18:00", title: Closing}\n'
    programme = "days:\n  - date: 2027-09-13\n    items:\n" + items
    abstracts = talks_yaml(morning + [t for track in tracks for t in track], long_every=2)
    return build(tmp, {"programme.yaml": programme, "abstracts.yaml": abstracts}, page_size="A4")


def test_parallel_tracks_split_row_by_row_with_track_headings_repeated(parallel):
    _, pdf, path = parallel
    page = page_for("A4")
    (first,) = [p for _, p in outline_pages(pdf, "Programme")]
    # the block starts on the first page, after the morning, and runs onto the next
    assert "PARALLEL SESSIONS" in pdf.lines(first)
    rows_first = [t for t in time_rows(pdf, first) if t >= "13:30"]
    assert len(rows_first) >= 2 * 3, rows_first  # at least two rows of the block stay on its first page
    free = lowest_text(path, first, page.bottom) - page.bottom
    assert free < page.text_height / 6, free  # no third of a page left empty
    nxt = first + 1
    lines = pdf.lines(nxt)
    assert lines[0] == "Monday 13 September (continued)"
    assert lines[1] == "PARALLEL SESSIONS (continued)"
    for name, room in (("A: Data", "Room Nord"), ("B: Models", "Seminar Room Kobbe"), ("C: Methods", "Aula")):
        (box,) = boxes(path, nxt, name)
        assert boxes(path, nxt, room), room
        first_row = boxes(path, nxt, time_rows(pdf, nxt)[0])[0]
        assert box[1] > first_row[3]  # the track heading above the first row of the continuation
    # each row is printed once: 36 talks, 12 times in each of 3 tracks
    times = time_rows(pdf, first) + time_rows(pdf, nxt)
    block = [t for t in times if "13:30" <= t < "17:30"]
    assert len(block) == 36 and sorted(set(block)) == [f"{hhmm(13 * 60 + 30 + 20 * i)}\u2013{hhmm(13 * 60 + 50 + 20 * i)}"
                                                       for i in range(12)]
    assert block.count("13:30\u201313:50") == 3


def test_parallel_tracks_stay_aligned_and_show_end_times(parallel):
    _, pdf, path = parallel
    (first,) = [p for _, p in outline_pages(pdf, "Programme")]
    page = page_for("A4")
    column = page.text_width / 3
    for index in (first, first + 1):
        for time in sorted(set(t for t in time_rows(pdf, index) if "13:30" <= t < "17:30")):
            found = sorted(boxes(path, index, time))
            assert len(found) == 3, (index, time)
            bottoms = {round(b[1], 1) for b in found}
            assert len(bottoms) == 1, (time, found)  # the same baseline in every track
            for k, box in enumerate(found):
                assert page.margin + k * column - 0.5 <= box[0] < page.margin + (k + 1) * column, (time, k, box)
    # a talk's title follows its time in the same column
    (title,) = boxes(path, first, "Talk p1t0 on models")
    (time,) = [b for b in boxes(path, first, "13:30\u201313:50") if abs(b[0] - title[0]) < 1]
    assert time[1] > title[3]


@pytest.mark.parametrize("size, side_by_side", [("letter", 4), ("A4", 4), ("B5", 3), ("A5", 2)])
def test_four_rooms_are_side_by_side_on_letter_and_a4(tmp_path, size, side_by_side):
    """A review of 31C3 on letter paper: four rooms at once were set one session after another (a track needed 56 mm
    of the text's width, and letter's 176 mm and A4's 170 mm held three): a day of four talks an hour took three pages
    where the programme at a glance showed them in one row. A track now needs 42 mm: four side by side on letter and
    A4 (cells of some 40 mm, as a printed timetable has them), three on B5, two on A5; more than that, one after
    another."""
    tracks = 5
    ids = [[f"p{k}t{t}" for t in range(2)] for k in range(tracks)]
    for count in (side_by_side, side_by_side + 1):
        items = "      - parallel:\n" + "".join(
            session_yaml(f"Track {k}", ids[k], 9 * 60, room=f"Room {k}", indent=10)[0] for k in range(count))
        folder = tmp_path / str(count)
        _, pdf, path = build(folder, {"programme.yaml": "days:\n  - date: 2027-09-13\n    items:\n" + items,
                                      "abstracts.yaml": talks_yaml([t for track in ids[:count] for t in track])},
                             page_size=size)
        day = outline_pages(pdf, "Programme")[0][1]
        heads = [boxes(path, day, f"Track {k}")[0] for k in range(count)]
        tops = sorted(head[3] for head in heads)  # (a figure's top differs from another's by a hundredth of a point:
        # rounded, two on one line fell either side of a half, 649.49 and 649.52, once the day's header was shorter)
        if count == side_by_side:  # one row of headings, left to right
            assert tops[-1] - tops[0] < 0.5 and [h[0] for h in heads] == sorted(h[0] for h in heads), heads
        else:  # one session under another
            assert all(b - a > 5 for a, b in zip(tops, tops[1:])) and len({round(h[0]) for h in heads}) == 1, heads


def test_track_headings_read_name_then_room(parallel):
    _, pdf, _ = parallel
    (first,) = [p for _, p in outline_pages(pdf, "Programme")]
    text = " ".join(" ".join(pdf.lines(first)).split())
    assert "B: Models · Seminar Room Kobbe" in text
    assert "Seminar Room Kobbe: B: Models" not in text and "Room B" not in text
    assert "Chair: Chair 1" in text


# --------------------------------------------------------------------------- the day as one block


class Filler(Flowable):
    """Blank space that, unlike a Spacer, is kept at the top of a page."""

    def __init__(self, width: float, height: float):
        super().__init__()
        self.width, self.height = width, height

    def wrap(self, availWidth, availHeight):
        return self.width, self.height

    def draw(self):
        pass


def _render(tmp_path, ctx, story) -> Pdf:
    """The story on the booklet's inner pages (after a blank cover page), as the build renders it,
    with the link targets its rows need."""
    out = tmp_path / "day.pdf"
    targets = [Anchor(ctx.abstract_key(a)) for a in ctx.booklet.abstracts]
    story = [NextPageTemplate("inner"), PageBreak(), Anchor("programme", "Programme", 0, section="Programme"),
             *story, *targets]
    render_pdf(story, out, ctx.page, title="t", short_title="T", subject="s", language="en")
    return Pdf(out)


def _day(tmp_path, talks: int):
    ids = [f"t{i}" for i in range(talks)]
    text, _ = session_yaml("Talks", ids, 9 * 60)
    return _built_day(tmp_path / f"conf{talks}", text, ids)


def _built_day(folder: Path, items: str, talks: list[str]):
    """(the context, the first day built) of a conference written to `folder` whose one day has `items` (YAML, indented
    6), of `talks`."""
    folder = write_conference(folder, {
        "programme.yaml": "days:\n  - date: 2027-09-13\n    items:\n" + items,
        "abstracts.yaml": talks_yaml(talks), "tutorials.yaml": None, "posters.yaml": None})
    booklet, _ = read_booklet(folder)
    ctx = Context(booklet, page_for("A5"))
    return ctx, build_programme_day(ctx, 0, booklet.days[0])


def test_a_short_day_at_the_bottom_of_a_page_moves_whole(tmp_path):
    ctx, day = _day(tmp_path, 5)
    _, height = day.wrap(ctx.page.text_width, ctx.page.text_height)
    assert height < ctx.page.text_height / 2
    filler = ctx.page.text_height - height / 2  # half the day would fit below it
    pdf = _render(tmp_path, ctx, [Filler(0, filler), day])
    assert len(pdf) == 3  # the blank first page, the filled page, the day's page
    assert pdf.pages_with("Monday September 2027") == [2]
    assert time_rows(pdf, 1) == [] and len(time_rows(pdf, 2)) == 5


def test_a_long_day_never_leaves_its_heading_or_two_rows_at_a_page_foot(tmp_path):
    ctx, day = _day(tmp_path, 40)
    day.wrap(ctx.page.text_width, ctx.page.text_height)
    assert day.height > 2.5 * ctx.page.text_height  # three pages at least
    tops = day._cumulative()  # lines: anchor, day mark, day heading, rule, session heading, rows ...
    heading, rows = tops[5], [tops[i + 1] - tops[i] for i in range(5, 8)]
    for room in (heading + 2, heading + rows[0] + 2, heading + rows[0] + rows[1] + 2):
        ctx, day = _day(tmp_path, 40)
        pdf = _render(tmp_path, ctx, [Filler(0, ctx.page.text_height - room), day])
        assert pdf.pages_with("Monday September 2027") == [2], room  # moved on: fewer than 3 rows fit
        assert time_rows(pdf, 1) == []
        assert all(len(time_rows(pdf, i)) >= 3 for i in range(2, len(pdf)))
    ctx, day = _day(tmp_path, 40)
    pdf = _render(tmp_path, ctx, [Filler(0, ctx.page.text_height - heading - sum(rows) - 6), day])
    assert pdf.pages_with("Monday September 2027") == [1]
    assert len(time_rows(pdf, 1)) == 3
    for index in range(2, len(pdf)):
        assert pdf.lines(index)[:2] == ["Monday 13 September (continued)", "Talks (continued)"], index
        assert len(time_rows(pdf, index)) >= 3


# --------------------------------------------------------------------------- running heads' fonts


def test_running_head_prints_symbols_from_the_fallback_fonts_and_warns_about_the_rest(tmp_path):
    conference = BASE["conference.yaml"].replace("short_title: TC2027", 'short_title: "\u2605 \u2211 Short \u674e"')
    result, pdf, path = build(tmp_path, {"conference.yaml": conference})
    assert [w.key for w in result.warnings] == ["short_title"]
    assert "'\u674e' (U+674E)" in str(result.warnings[0])
    page = page_for("A5")
    verso = [i for i in range(2, len(pdf) - 2) if (i + 1) % 2 == 0 and boxes(path, i, "Short")]
    assert verso
    for index in verso:
        (short,) = [b for b in boxes(path, index, "\u2605 \u2211 Short") if b[1] > page.height - page.top]
        assert abs(short[0] - page.margin) < 1.5 or abs(short[2] - (page.width - page.margin)) < 1.5
    fonts = " ".join(pdf.fonts())
    assert "Symbols" in fonts and "Math" in fonts


def test_a_long_short_title_is_cut_with_an_ellipsis_within_half_the_page(tmp_path):
    long = "The International Workshop on Very Long Conference Names and Their Running Heads"
    conference = BASE["conference.yaml"].replace("short_title: TC2027", f"short_title: {long}")
    _, pdf, path = build(tmp_path, {"conference.yaml": conference})
    page = page_for("A5")
    heads = [(i, b) for i in range(2, len(pdf) - 2) for b in boxes(path, i, "The International")
             if b[1] > page.height - page.top]
    assert heads
    for index, box in heads:
        line = next(line for line in pdf.lines(index) if line.startswith("The International"))
        assert line.endswith("\u2026") and long not in line
        assert long.startswith(line[:-1]) and long[len(line) - 1] == " "  # cut after a whole word (not "Conf…")
        assert line[-2] not in " ,;:"


def test_parallel_sessions_set_one_after_another_say_so_on_every_page_they_run_onto(tmp_path):
    """Five parallel sessions on A5 are set one after another. A page breaking among them (inside a session, or
    between two) went on "Session B (continued)", or straight into the next session, its times back at 09:00 with
    nothing to say the sessions are parallel; the 500-talk book read like a clock's fault. The label is repeated."""
    names = [f"Track {k}" for k in range(5)]
    items = "      - parallel:\n"
    talks = []
    for k, name in enumerate(names):
        ids = [f"s{k}t{t}" for t in range(9)]
        talks += ids
        items += session_yaml(name, ids, 9 * 60, room=f"Room {k}", indent=10)[0]
    programme = "days:\n  - date: 2027-09-13\n    items:\n" + items
    _, pdf, _ = build(tmp_path, {"programme.yaml": programme, "abstracts.yaml": talks_yaml(talks, long_every=2)})
    (first,) = [p for _, p in outline_pages(pdf, "Programme")]
    pages = [p for p in range(first, len(pdf.texts)) if "Monday 13 September (continued)" in pdf.lines(p)]
    assert len(pages) >= 3, pages
    starts = []
    for p in pages:
        lines = pdf.lines(p)
        assert lines[:2] == ["Monday 13 September (continued)", "PARALLEL SESSIONS (continued)"], (p, lines[:3])
        starts.append("(continued)" in lines[2])  # inside a session: its heading, continued, next
    assert any(starts) and not all(starts), starts  # breaks inside a session and between two
    assert "PARALLEL SESSIONS" in pdf.lines(first)


def test_a_programme_row_a_little_taller_than_a_page_under_its_heading_is_split_not_an_internal_error(tmp_path):
    """A speaker's name of 2,000 letters with no space: check passed, and build stopped with "internal error
    (LayoutError: Splitting error)". Its row, no taller than a page but taller than the room below the day's
    heading, would move on whole, where moving on does not help; at the top of a page it is split."""
    name = "N" * 2000
    _, pdf, _ = build(tmp_path, {
        "abstracts.yaml": f"- id: a\n  title: A talk\n  speaker: {{name: {name}}}\n  abstract: x\n",
        "programme.yaml": 'days:\n  - date: 2027-09-13\n    items:\n      - {time: "09:00-09:20", talk: a}\n'})
    (first,) = [p for _, p in outline_pages(pdf, "Programme")]
    printed = "".join(line.rstrip("-") for p in (first, first + 1) for line in pdf.lines(p) if set(line) <= {"N", "-"})
    assert printed.count("N") >= 2000, len(printed)


@pytest.mark.parametrize("language, line", [("en", "Chairs: Mei Chen and Bo Jones"),
                                             ("de", "Vorsitz: Mei Chen und Bo Jones")])
def test_a_session_with_two_chairs_names_both_and_the_index_lists_each(tmp_path, language, line):
    """A typesetter's review of an import: two chairs written as one ("Ludwig Holtmeier, Philipp Teriete") were one
    entry of the index. `chair:` takes a list: each is named, as the language lists names, and indexed."""
    text, _ = session_yaml("Session A", ["a1", "a2"], 9 * 60, room="Hall A", chair="[Mei Chen, Bo Jones]")
    programme = "days:\n  - date: 2027-09-13\n    items:\n" + text
    conference = BASE["conference.yaml"] + f"language: {language}\n"
    _, pdf, _ = build(tmp_path, {"programme.yaml": programme, "abstracts.yaml": talks_yaml(["a1", "a2"]),
                                 "conference.yaml": conference})
    day = outline_pages(pdf, "Programme" if language == "en" else "Programm")[0][1]
    assert line in pdf.lines(day)
    index = "\n".join(pdf.texts[i] for i in range(len(pdf)) if "Index" in pdf.texts[i][:40]
                      or "Autorenverzeichnis" in pdf.texts[i][:40])
    assert re.search(rf"Chen, Mei {day + 1}\b", index) and re.search(rf"Jones, Bo {day + 1}\b", index), index


def test_a_row_of_parallel_track_headings_sets_its_rooms_alike(tmp_path):
    """A review: "Cosmology · Room B" kept its room after the name while the track beside it, too long for that,
    had its room on a line of its own. When one heading of the row puts its room on a line of its own, all do."""
    items = "      - parallel:\n"
    a, _ = session_yaml("Time-Domain Astrophysics and Transient Phenomena", ["t1", "t2"], 9 * 60,
                        room="Seminar Room 1.023 (Physics Building, first floor)", indent=10)
    b, _ = session_yaml("Cosmology", ["t3", "t4"], 9 * 60, room="Room B", indent=10)
    programme = "days:\n  - date: 2027-09-13\n    items:\n" + items + a + b
    _, pdf, _ = build(tmp_path, {"programme.yaml": programme, "abstracts.yaml": talks_yaml(["t1", "t2", "t3", "t4"])})
    (page,) = [p for p in pdf.pages_with("Cosmology") if "PARALLEL SESSIONS" in pdf.lines(p)]
    lines = pdf.lines(page)
    assert "Room B" in lines and not any("Cosmology \u00b7 Room B" in line or "Cosmology · Room B" in line
                                         for line in lines), lines


def test_track_headings_of_unequal_widths_set_their_rooms_alike(tmp_path):
    """A review of 31C3 on letter paper: of three or four tracks side by side, the first and the last are wider than
    those between (no gap on their outer side), and each heading asked whether the others' "Name · Room" fit on one
    line at its own width: the first and last set "Ethics, Society and Politics · Saal 12" on one line, the middle
    one, its room on a line of its own. Each is asked at its own width: all three alike."""
    items = "      - parallel:\n"
    ids = [f"t{n}" for n in range(6)]
    for n, room in enumerate(("Saal 12", "Saal 13", "Saal 14")):
        items += session_yaml("Ethics, Society and Politics", ids[2 * n:2 * n + 2], 9 * 60, room=room,
                              indent=10)[0]
    programme = "days:\n  - date: 2027-09-13\n    items:\n" + items
    _, pdf, _ = build(tmp_path, {"programme.yaml": programme, "abstracts.yaml": talks_yaml(ids)}, page_size="letter")
    (page,) = [p for p in pdf.pages_with("Saal 13") if "PARALLEL SESSIONS" in pdf.lines(p)]
    lines = pdf.lines(page)
    assert [line for line in lines if "Saal" in line] == ["Saal 12", "Saal 13", "Saal 14"], lines


def test_items_without_a_time_that_end_a_day_are_said_to_have_none(tmp_path):
    """A typesetter's review: an imported "Workshop 1" stood at a day's end under the time column's gap, with nothing
    to say it has no fixed time (the glance says so). The items without a time after a day's last time are set under
    the label the glance has for them; a day of no times at all needs none."""
    programme = ("days:\n  - date: 2027-09-13\n    items:\n"
                 '      - {time: "09:00-09:20", title: Welcome}\n'
                 "      - {title: Workshop 1, room: Main Room}\n      - {title: Workshop 2}\n"
                 "  - date: 2027-09-14\n    items:\n      - {title: Excursion}\n")
    _, pdf, _ = build(tmp_path, {"programme.yaml": programme, "abstracts.yaml": talks_yaml([])})
    (_, monday), (_, tuesday) = outline_pages(pdf, "Programme")
    assert tuesday == monday  # (a short day, below the one before)
    lines = pdf.lines(monday)
    assert lines.index("Welcome") < lines.index("No fixed time") < lines.index("Workshop 1") < lines.index("Workshop 2")
    assert lines.count("No fixed time") == 1 and lines.index("Excursion") > lines.index("DAY 2")


def test_a_short_day_after_a_day_that_ends_at_a_page_foot_starts_at_the_next_pages_top(tmp_path):
    """A review of the change: a short day's gap above it stood at the top of the page the day before had filled.
    At a page's top there is no gap to leave."""
    from booklet.layout.daypages import DayBreak
    from booklet.layout.programme import DAY_GAP

    tops = []
    for story in ([], [DayBreak]):
        ctx, day = _day(tmp_path, 3)
        pdf = _render(tmp_path, ctx, [Filler(0, ctx.page.text_height), *(f(day, DAY_GAP) for f in story), day])
        assert pdf.pages_with("Monday September 2027") == [2]
        (number,) = [b for b in boxes(tmp_path / "day.pdf", 2, "13") if b[3] - b[1] > 20]
        tops.append(number[3])
    assert tops[1] == pytest.approx(tops[0], abs=0.5)  # where a day opening a page starts: no gap above it


def test_what_follows_parallel_sessions_set_one_after_another_is_set_apart_from_their_last(tmp_path):
    """A typographer's review of DebConf17 on A5 (three rooms, set one after another): "Blends · Bo", its talk, then
    "13:00–14:30 Lunch" three points below, as close as the session's own rows: the lunch looked to be the last
    session's. What follows such a group is set GROUP_END_SPACE below it, more than a session is below the one
    before it in the group."""
    items = "      - parallel:\n"
    for k in range(3):
        items += session_yaml(f"Track {k}", [f"t{k}"], 9 * 60, minutes=60, room=f"Room {k}", indent=10)[0]
    items += '      - {time: "10:00-11:00", title: Lunch, kind: break}\n'
    programme = "days:\n  - date: 2027-09-13\n    items:\n" + items
    _, pdf, path = build(tmp_path, {"programme.yaml": programme,
                                    "abstracts.yaml": talks_yaml(["t0", "t1", "t2"], long_every=9)})
    (first,) = [p for _, p in outline_pages(pdf, "Programme")]
    assert pdf.lines(first).count("PARALLEL SESSIONS") == 1 and "Track 2 · Room 2" in pdf.lines(first)
    (speaker1,) = boxes(path, first, "Speaker t1")
    (track2,) = boxes(path, first, "Track 2")
    (speaker2,) = boxes(path, first, "Speaker t2")
    (lunch,) = boxes(path, first, "Lunch")
    within = speaker1[1] - track2[3]  # a session's speaker line to the next session's heading
    after = speaker2[1] - lunch[3]  # the group's last speaker line to what follows it
    assert after > within + 5, (within, after)


def test_parallel_sessions_set_one_after_another_come_in_the_order_they_start(tmp_path):
    """A review of GMTH 2023 on A5 (seven rooms, set one after another): its Thursday listed "Raum 101 und 105,
    09:30–22:00" after meetings at 15:00 and 15:30, in the order of the rooms; a reader scans a day by time. Sessions
    set one after another now come in the order they start, those that start together in the data's order (and one
    without a time after the session before it in the data); side by side, the tracks keep the data's order, and so do
    sessions one after another over more than a page (FOSDEM's devrooms: a reader looks a room up by it)."""
    starts = {"Room 117": 15 * 60, "Senate": 15 * 60 + 30, "Room 101": 9 * 60 + 30, "Room 320": 17 * 60,
              "Room 9": 15 * 60}
    items = "      - parallel:\n"
    for name, start in starts.items():
        items += session_yaml(name, [name.replace(" ", "").lower()], start, minutes=60, indent=10)[0]
    items += ("          - session: Open door\n            items:\n"
              "              - {title: Visits to the archive}\n")
    programme = "days:\n  - date: 2027-09-13\n    items:\n" + items
    talks = [name.replace(" ", "").lower() for name in starts]
    _, pdf, path = build(tmp_path, {"programme.yaml": programme, "abstracts.yaml": talks_yaml(talks, long_every=9)})
    (first,) = [p for _, p in outline_pages(pdf, "Programme")]
    order = ["Room 101", "Room 117", "Room 9", "Open door", "Senate", "Room 320"]
    tops = [boxes(path, first, name)[0][3] for name in order]
    assert tops == sorted(tops, reverse=True), list(zip(order, tops))  # top to bottom, in that order
    assert [t for t in time_rows(pdf, first)] == ["09:30\u201310:30", "15:00\u201316:00", "15:00\u201316:00",
                                                   "15:30\u201316:30", "17:00\u201318:00"]
    # sessions that start within half an hour of one another keep the data's order (36C3's halls at 13:30 and 13:50)
    items = "      - parallel:\n" + "".join(session_yaml(name, [name.lower()], start, minutes=40, room=name, indent=10)[0]
                                          for name, start in (("Ada", 830), ("Borg", 830), ("Clarke", 810)))
    programme = "days:\n  - date: 2027-09-13\n    items:\n" + items
    _, pdf, path = build(tmp_path / "close", {"programme.yaml": programme,
                                              "abstracts.yaml": talks_yaml(["ada", "borg", "clarke"], long_every=9)})
    (first,) = [p for _, p in outline_pages(pdf, "Programme")]
    tops = [boxes(path, first, name)[0][3] for name in ("Ada", "Borg", "Clarke")]
    assert tops == sorted(tops, reverse=True), tops
    # sessions one after another over more than a page keep the data's order (a reader looks a room up by it)
    items = "      - parallel:\n" + "".join(
        session_yaml(f"Hall {k}", [f"h{k}t{n}" for n in range(6)], (12 - k) * 60, room=f"Hall {k}", indent=10)[0]
        for k in range(4))
    programme = "days:\n  - date: 2027-09-13\n    items:\n" + items
    _, pdf, path = build(tmp_path / "long", {"programme.yaml": programme, "abstracts.yaml": talks_yaml(
        [f"h{k}t{n}" for k in range(4) for n in range(6)])})
    found = [line for page in range(len(pdf)) for line in pdf.lines(page) if line.startswith("Hall ")]
    assert [line for line in found if line in {f"Hall {k}" for k in range(4)}][:4] == [f"Hall {k}" for k in range(4)]
    # two side by side keep the data's order: the later first, left
    items = "      - parallel:\n" + "".join(session_yaml(name, [name.replace(" ", "").lower()], starts[name], minutes=60,
                                                          indent=10)[0] for name in ("Senate", "Room 101"))
    programme = "days:\n  - date: 2027-09-13\n    items:\n" + items
    _, pdf, path = build(tmp_path / "two", {"programme.yaml": programme,
                                            "abstracts.yaml": talks_yaml(["senate", "room101"], long_every=9)})
    (first,) = [p for _, p in outline_pages(pdf, "Programme")]
    (senate,), (room,) = boxes(path, first, "Senate"), boxes(path, first, "Room 101")
    assert senate[0] < room[0] and abs(senate[3] - room[3]) < 0.5


def _day_with(tmp_path, name: str, blocks: str, talks: list[str]):
    """A day of four programme lines, then `blocks` (YAML items, indented 6), of `talks`."""
    lines = "".join(f'      - {{time: "{hhmm(8 * 60 + 10 * n)}-{hhmm(8 * 60 + 10 * n + 10)}", title: Line {n}}}\n'
                    for n in range(4))
    return _built_day(tmp_path / name, lines + blocks, talks)


def test_a_session_s_heading_and_one_talk_never_stand_at_a_page_s_foot(tmp_path):
    """A session's heading keeps two of its rows at a page's foot, or goes over with them (a typesetter's
    keep-with-next; the day's breaks kept it so before the rules for parallel sessions' label were added too)."""
    ids = [f"t{i}" for i in range(40)]
    session, _ = session_yaml("Talks", ids, 9 * 60)
    ctx, day = _day_with(tmp_path, "conf", session, ids)
    day.wrap(ctx.page.text_width, ctx.page.text_height)
    tops = day._cumulative()  # lines: anchor, day mark, day heading, rule, four lines, session heading, rows ...
    assert day.height > 2 * ctx.page.text_height
    room = tops[10] + (tops[11] - tops[10]) / 2  # down to the session's first row, half its second
    ctx, day = _day_with(tmp_path, "conf", session, ids)
    pdf = _render(tmp_path, ctx, [Filler(0, ctx.page.text_height - room), day])
    assert pdf.pages_with("Monday September 2027") == [1]
    assert time_rows(pdf, 1) == [f"08:{m}0\u201308:{m + 1}0" for m in range(4)]  # the four lines alone
    assert "Talks" not in pdf.lines(1)
    assert pdf.lines(2)[:2] == ["Monday 13 September (continued)", "Talks"]  # the session whole overleaf
    assert time_rows(pdf, 2)[0] == "09:00\u201309:20"


def test_parallel_sessions_never_end_a_page_with_their_label_and_one_talk(tmp_path):
    """DebConf17 (A5): "PARALLEL SESSIONS", a session of one talk, at a page's foot, the other sessions overleaf under
    "PARALLEL SESSIONS (continued)". The label keeps two talks of its sessions, or goes over with them."""
    ids = [f"s{k}t{t}" for k in range(5) for t in range(1 if k == 0 else 6)]
    block = "      - parallel:\n" + "".join(
        session_yaml(f"Track {k}", [i for i in ids if i.startswith(f"s{k}t")], 9 * 60, room=f"Room {k}", indent=10)[0]
        for k in range(5))
    ctx, day = _day_with(tmp_path, "par", block, ids)
    day.wrap(ctx.page.text_width, ctx.page.text_height)
    assert not any(isinstance(line.flowable, TracksRow) for line in day.lines)  # one session after another
    tops = day._cumulative()  # ..., four lines, label, Track 0's heading, its talk, Track 1's heading, its rows ...
    assert day.height > ctx.page.text_height
    room = tops[11] + (tops[12] - tops[11]) / 2  # down to Track 0's talk, half Track 1's heading
    ctx, day = _day_with(tmp_path, "par", block, ids)
    pdf = _render(tmp_path, ctx, [Filler(0, ctx.page.text_height - room), day])
    assert pdf.pages_with("Monday September 2027") == [1]
    assert len(time_rows(pdf, 1)) == 4 and "PARALLEL SESSIONS" not in pdf.lines(1)
    assert pdf.lines(2)[:3] == ["Monday 13 September (continued)", "PARALLEL SESSIONS", "Track 0 \u00b7 Room 0"]


def _parallel_day(tmp_path, name: str, last: int):
    """Four lines, then five parallel sessions set one after another: one talk, then 2, 2, 2 and `last`."""
    counts = [1, 2, 2, 2, last]
    ids = [f"s{k}t{t}" for k in range(5) for t in range(counts[k])]
    block = "      - parallel:\n" + "".join(
        session_yaml(f"Track {k}", [i for i in ids if i.startswith(f"s{k}t")], 9 * 60, room=f"Room {k}", indent=10)[0]
        for k in range(5))
    return _day_with(tmp_path, name, block, ids)


def test_a_label_kept_with_its_talks_never_costs_the_day_a_page(tmp_path):
    """DebConf17's Friday (A5) took three pages, not two, once "PARALLEL SESSIONS" went over with its talks: the rest
    of the day no longer fitted on the next page. Where the rest fits after the break that leaves the label with one
    talk and not after the label's, that break is taken: the day keeps its pages."""
    for last in range(2, 30):
        ctx, day = _parallel_day(tmp_path, f"p{last}", last)
        day.wrap(ctx.page.text_width, ctx.page.text_height)
        tops = day._cumulative()
        room = tops[11] + (tops[12] - tops[11]) / 2  # down to Track 0's talk, half Track 1's heading
        if day._rest_pages(11, ctx.page.text_width) == 1 < day._rest_pages(8, ctx.page.text_width):
            break
    else:
        raise AssertionError("no day whose rest fits after Track 0's talk and not after the label")
    ctx, day = _parallel_day(tmp_path, f"p{last}", last)
    pdf = _render(tmp_path, ctx, [Filler(0, ctx.page.text_height - room), day])
    assert len(pdf) == 3  # the blank first page, the day's two
    assert "PARALLEL SESSIONS" in pdf.lines(1) and len(time_rows(pdf, 1)) == 5  # four lines, Track 0's talk
    assert pdf.lines(2)[:3] == ["Monday 13 September (continued)", "PARALLEL SESSIONS (continued)", "Track 1 \u00b7 Room 1"]


def _parallel_day_and_evening(tmp_path, name: str, last: int, evening: int, by_day: bool = False):
    """The programme of two days: _parallel_day's, then a short day of `evening` rows (a DayBreak before it); as the
    booklet sets it after a PageBreak. `by_day`: abstracts by day, Monday's rows titles of their own, no talks (no
    abstracts between the two days)."""
    counts = [1, 2, 2, 2, last]
    ids = [f"s{k}t{t}" for k in range(5) for t in range(counts[k])]
    lines = "".join(f'      - {{time: "{hhmm(8 * 60 + 10 * n)}-{hhmm(8 * 60 + 10 * n + 10)}", title: Line {n}}}\n'
                    for n in range(4))
    block = "      - parallel:\n" + "".join(
        session_yaml(f"Track {k}", [i for i in ids if i.startswith(f"s{k}t")], 9 * 60, room=f"Room {k}", indent=10)[0]
        for k in range(5))
    if by_day:
        block = re.sub(r"talk: (s\dt\d+)", r"title: Talk \1", block)
    rows = "".join(f'      - {{time: "{hhmm(18 * 60 + 30 * n)}-{hhmm(18 * 60 + 30 * n + 30)}", title: Evening {n}}}\n'
                   for n in range(evening))
    folder = write_conference(tmp_path / name, {
        "programme.yaml": "days:\n  - date: 2027-09-13\n    items:\n" + lines + block
                          + "  - date: 2027-09-14\n    items:\n" + rows,
        "abstracts.yaml": talks_yaml(ids), "tutorials.yaml": None, "posters.yaml": None,
        **({"theme.yaml": "abstracts: {placement: by-day}\n"} if by_day else {})})
    booklet, _ = read_booklet(folder)
    ctx = Context(booklet, page_for("A5"))
    if not by_day:
        return ctx, build_programme(ctx)[1:]  # (the section's anchor: _render sets its own)
    assert ctx.by_day
    (monday,), (day_break, tuesday), *_ = [part for part in section_parts(ctx, "programme") if part]
    return ctx, [monday, day_break, tuesday]


@pytest.mark.parametrize("by_day", [False, True])

def test_a_label_kept_with_its_talks_never_pushes_the_short_day_after_it_onto_a_page_of_its_own(tmp_path, by_day,
                                                                                            monkeypatch):
    """DebConf17 (A5): with "PARALLEL SESSIONS" kept with its talks, Tuesday's last page was fuller, though no longer,
    and Wednesday, a short day set below it before, opened a page of its own: the programme one page longer. The
    break that leaves the label with one talk is taken where only it leaves room for the short day after. (The days
    sought set as they are, not fitted to their page, as days further over are: see programme.fitted_day.)"""
    monkeypatch.setattr(programme, "DAY_GAIN_MOST", 0)
    width, height = page_for("A5").text_width, page_for("A5").text_height
    # (the shortest evening first: the days found, (3, 1) and by day (11, 1), are those found last by last, in a
    # sixth of the days made)
    for last, evening in ((last, evening) for evening in range(1, 8) for last in range(2, 30)):
        ctx, (day, gap_before, short) = _parallel_day_and_evening(tmp_path, f"p{last}e{evening}", last, evening, by_day)
        day.wrap(width, height)
        rests = [day._rest(day.lines[cut:], day._inside_block(cut), day._inside_group(cut)).wrap(width, height)[1]
                 for cut in (8, 11)]  # after the break before the label, and after Track 0's talk
        below = gap_before.gap + short.wrap(width, height)[1]
        if (day.height > height and rests[1] + below <= height < rests[0] + below and max(rests) <= height
                and min(rests) > height / 3):
            break
    else:
        raise AssertionError("no day whose rest leaves room for the short day after Track 0's talk alone")
    tops = day._cumulative()
    room = tops[11] + (tops[12] - tops[11]) / 2  # down to Track 0's talk, half Track 1's heading
    ctx, story = _parallel_day_and_evening(tmp_path, f"p{last}e{evening}", last, evening, by_day)
    pdf = _render(tmp_path, ctx, [Filler(0, height - room), *story])
    assert len(pdf) == 3 or by_day  # the blank first page, Monday's two: Tuesday below the second
    assert "PARALLEL SESSIONS" in pdf.lines(1) and len(time_rows(pdf, 1)) == 5  # four lines, Track 0's talk
    assert pdf.lines(2)[:3] == ["Monday 13 September (continued)", "PARALLEL SESSIONS (continued)", "Track 1 \u00b7 Room 1"]
    assert pdf.lines(2).index("DAY 2") > pdf.lines(2).index("Track 4 \u00b7 Room 4")
    assert time_rows(pdf, 2)[-evening:] == [f"{hhmm(18 * 60 + 30 * n)}\u2013{hhmm(18 * 60 + 30 * n + 30)}"
                                            for n in range(evening)]


def _groups_day(tmp_path, name: str, groups: list[list[int]]):
    """Four lines, then groups of parallel sessions set one after another, each session of so many talks."""
    ids = [f"s{g}{k}t{t}" for g, counts in enumerate(groups) for k in range(len(counts)) for t in range(counts[k])]
    blocks = "".join("      - parallel:\n" + "".join(
        session_yaml(f"Track {g}{k}", [i for i in ids if i.startswith(f"s{g}{k}t")], 9 * 60, room=f"Room {k}",
                     indent=10)[0] for k in range(len(counts))) for g, counts in enumerate(groups))
    return _day_with(tmp_path, name, blocks, ids)


def _label_feet(pdf: Pdf) -> list[int]:
    """The pages that end with "PARALLEL SESSIONS" and fewer than two talks after it."""
    return [index for index in range(len(pdf)) if "PARALLEL SESSIONS" in pdf.lines(index)
            and len([line for line in pdf.lines(index)[len(pdf.lines(index)) - pdf.lines(index)[::-1].index(
                "PARALLEL SESSIONS"):] if TIME_RANGE.match(line)]) < 2]


def test_a_block_s_last_row_goes_over_alone_where_keeping_it_costs_the_day_a_page(tmp_path):
    """A day's first rule keeps two rows of a session on each side of a break; where that took the day a page more
    (three, the third a few rows) and the break leaving the session's last row alone overleaf, under its repeated
    heading, does not, that break is taken, as the rules take it where no other is."""
    ctx, day = _groups_day(tmp_path, "end", [[2, 9, 2, 2, 4, 3]])
    pdf = _render(tmp_path, ctx, [day])
    assert len(pdf) == 3  # the blank first page, the day's two
    assert time_rows(pdf, 1)[-2:] == ["11:00\u201311:20", "11:20\u201311:40"]  # Track 1's eighth talk, its ninth over
    assert pdf.lines(2)[:4] == ["Monday 13 September (continued)", "PARALLEL SESSIONS (continued)",
                                "Track 01 (continued) \u00b7 Room 1", "11:40\u201312:00"]


def test_a_label_is_not_left_with_one_talk_where_later_breaks_keep_the_day_s_pages(tmp_path):
    """EuroPython 2014 (A5): Thursday's first page ended with "PARALLEL SESSIONS" and one talk, the rest overleaf,
    because the day's rest after the label's break was counted with its first rule's breaks alone and took a page
    more. Counted with the breaks the day takes to save a page (a session's last row alone overleaf), it does not:
    no page ends with the label and one talk, and the day keeps its pages."""
    ctx, day = _groups_day(tmp_path, "feet", [[2, 2, 1], [1, 3, 2, 1, 4, 2], [4, 4, 1, 2, 4], [3, 4, 4, 3, 1, 4]])
    pdf = _render(tmp_path, ctx, [day])
    assert len(pdf) == 6  # the blank first page, the day's five
    assert _label_feet(pdf) == []


def test_a_day_s_heights_and_row_counts_are_made_once_a_width_for_all_the_breaks_weighed(tmp_path):
    """Breaking a day weighs breaks under three sets of rules and the rest of the day after each; every weighing made
    the lines' running heights and the rows before each line again (2,000 talks: 2,338 times for 156 breaks). They are
    made once for a width, and made again when the day is wrapped to another width."""
    ctx, (day, _, _) = _parallel_day_and_evening(tmp_path, "once", 6, 2, False)
    width, height = page_for("A5").text_width, page_for("A5").text_height
    day.wrap(width, height)
    tops, counts = day._cumulative(), day._row_counts()
    day.split(width, height / 2)
    assert day._cumulative() is tops and day._row_counts() is counts
    day.wrap(width / 2, height)
    narrower = day._cumulative()
    assert narrower is not tops and narrower[-1] > tops[-1] and day._row_counts() is counts


def _number_and_name(tmp_path, first: int) -> list[tuple[tuple, tuple]]:
    """A two-day programme from September `first`: on each day's first page, the box of its number set large and of
    its weekday's name."""
    days = [f"2027-09-{first + k:02d}" for k in range(2)]
    programme = "days:\n" + "".join(f'  - date: {day}\n    items:\n      - {{time: "09:00-10:00", title: Opening}}\n'
                                    for day in days)
    conference = BASE["conference.yaml"].replace("2027-09-13", days[0]).replace("2027-09-14", days[1])
    _, pdf, path = build(tmp_path, {"conference.yaml": conference, "programme.yaml": programme})
    out = []
    for k, (_, page) in enumerate(outline_pages(pdf, "Programme")):
        date = __import__("datetime").date.fromisoformat(days[k])
        (number,) = [b for b in boxes(path, page, str(date.day)) if b[3] - b[1] > 20]
        (name,) = boxes(path, page, f"{date:%A}")
        out.append((number, name))
    return out


def test_a_day_s_number_of_one_digit_has_no_room_for_a_second_between_it_and_its_name(tmp_path):
    """A review of FOSDEM 2025 (1 and 2 February): a day's number had a column as wide as "30" so that the days'
    names line up, and a one-digit day stood loose, a figure's width of white between "1" and "Saturday". The column
    is as wide as the widest number of the book's days: one digit for 1 and 2 September, and 9 September's name still
    lines up with the 10th's."""
    short = _number_and_name(tmp_path / "one", 1)
    long = _number_and_name(tmp_path / "two", 9)
    gaps = [name[0] - number[2] for number, name in short]  # (from the figure's ink: a "1" has more white after it)
    (widest_gap,) = [name[0] - number[2] for number, name in long[1:]]  # after "10"
    assert max(gaps) < widest_gap + 6, (gaps, widest_gap)
    assert short[0][1][0] == pytest.approx(short[1][1][0], abs=1)  # the names line up (but for W's and T's white)
    assert long[0][1][0] == pytest.approx(long[1][1][0], abs=1)
    figure = long[1][0][2] - long[0][0][2]  # how much further "10" reaches than "9"
    assert figure > 15
    assert long[0][1][0] - short[0][1][0] == pytest.approx(figure, abs=3)  # a figure's width less before the names


def test_abstracts_follow_the_order_the_programme_prints_parallel_sessions_in(tmp_path):
    """DebConf17's Sunday printed its parallel sessions one after another in the order they start (55dff6f), but its
    abstracts kept the data's order: the page numbers down the day read "41, 102, 40", and a reader leafing through
    the abstracts met them in another order than the programme's. The abstracts now follow the order the programme
    prints (Context.session_orders, decided once for the whole booklet): the numbers printed on the rows increase down
    the day, each row's link goes to its talk's page, and a build in two processes prints the text of one."""
    starts = {"Room 117": 15 * 60, "Senate": 15 * 60 + 30, "Room 101": 9 * 60 + 30, "Room 320": 17 * 60,
              "Room 9": 15 * 60}
    items = "      - parallel:\n" + "".join(session_yaml(name, [name.replace(" ", "").lower()], start, minutes=60,
                                                          indent=10)[0] for name, start in starts.items())
    programme = "days:\n  - date: 2027-09-13\n    items:\n" + items
    talks = [name.replace(" ", "").lower() for name in starts]
    folder = write_conference(tmp_path / "conf", {"tutorials.yaml": None, "posters.yaml": None,
                                                  "programme.yaml": programme,
                                                  "abstracts.yaml": talks_yaml(talks, long_every=9)})
    build_booklet(folder, tmp_path / "one.pdf", jobs=1)
    build_booklet(folder, tmp_path / "two.pdf", jobs=2)
    pdf = Pdf(tmp_path / "one.pdf")
    (first,) = [p for _, p in outline_pages(pdf, "Programme")]
    printed = ["room101", "room117", "room9", "senate", "room320"]  # (as the programme prints them: by start)
    lines = pdf.lines(first)
    titles = [line for line in lines if line.startswith("Talk ")]
    assert [title.split()[1] for title in titles] == printed
    numbers = [int(lines[lines.index(f"Speaker {talk}") + 1]) for talk in printed]  # (title, speaker, its page)
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers), numbers
    assert [pdf.pages_with(f"Text of {talk}.") for talk in printed] == [[n - 1] for n in numbers]
    down = sorted(pdf.links(first), key=lambda link: -link[0][3])
    assert [page for _, page in down] == [n - 1 for n in numbers]
    two = Pdf(tmp_path / "two.pdf")
    assert [two.lines(n) for n in range(len(two))] == [pdf.lines(n) for n in range(len(pdf))]
    assert [sorted(two.links(n)) for n in range(len(two))] == [sorted(pdf.links(n)) for n in range(len(pdf))]


# --------------------------------------------------------------------------- a day a little over its page


def _days_of(counts: list[tuple[int, int, int]]) -> tuple[str, list[str]]:
    """Days of a morning session, lunch, an afternoon session and one-line evening rows, each of (morning talks,
    afternoon talks, evening rows): (programme.yaml, the talks' ids)."""
    days, ids = [], []
    for d, (morning, afternoon, evening) in enumerate(counts):
        talks = [f"d{d}a{i}" for i in range(morning)], [f"d{d}b{i}" for i in range(afternoon)]
        first, lunch = session_yaml("Morning", talks[0], 9 * 60, room="Hall A")
        second, _ = session_yaml("Afternoon", talks[1], 14 * 60, room="Hall A")
        rows = "".join(f'      - {{time: "{hhmm(18 * 60 + 30 * k)}-{hhmm(18 * 60 + 30 * k + 30)}", '
                       f'title: Evening {k}, kind: social}}\n' for k in range(evening))
        days.append(f"  - date: 2027-09-{13 + d}\n    items:\n" + first
                    + f'      - {{time: "{hhmm(lunch)}-14:00", title: Lunch, kind: break}}\n' + second + rows)
        ids += talks[0] + talks[1]
    return "days:\n" + "".join(days), ids


def test_a_day_a_little_over_its_page_is_set_on_it_with_its_spaces_closer(tmp_path):
    """The sample's Tuesday, 9 points over its page, ran on to a page of "(continued)" and three rows. A day a little
    over its page (Tuesday: 8 talks, lunch, 4 talks, two evening rows) is set on it whole, the spaces between its rows
    closer, every row alike, the type as it was, its last row clear of the page's foot; a day that fits (Monday, one
    evening row) is set as before; a day that even its tightest spaces and smallest type do not fit (Wednesday, three
    talks more) runs on as before."""
    programme, ids = _days_of([(8, 4, 1), (8, 4, 2), (10, 5, 2)])
    conference = BASE["conference.yaml"].replace("2027-09-14", "2027-09-15")
    files = {"programme.yaml": programme, "abstracts.yaml": talks_yaml(ids), "conference.yaml": conference}
    folder = write_conference(tmp_path / "conf", {"tutorials.yaml": None, "posters.yaml": None, **files})
    booklet, _ = read_booklet(folder)
    ctx = Context(booklet, page_for("A5"))
    width, height = ctx.page.text_width, ctx.page.text_height
    overs = [_programme_day(ctx, k, day, 1, None, 1.0).wrap(width, height)[1] - height
             for k, day in enumerate(booklet.days)]
    line = ctx.styles.row_title.leading
    smallest = _programme_day(ctx, 2, booklet.days[2], 1, None, DAY_SPACE_TIGHTEST, DAY_TYPE_LADDER[-1])
    assert overs[0] < 0 < overs[1] < line and smallest.wrap(width, height)[1] > height  # (the data still tests it)
    out = tmp_path / "booklet.pdf"
    build_booklet(folder, out)
    pdf = Pdf(out)
    monday, tuesday, wednesday = [page for _, page in outline_pages(pdf, "Programme")]
    assert (tuesday, wednesday) == (monday + 1, monday + 2)  # Tuesday on one page
    assert len(time_rows(pdf, tuesday)) == 8 + 1 + 4 + 2 and "Evening 1" in pdf.lines(tuesday)
    assert not any("Tuesday 14 September (continued)" in pdf.lines(i) for i in range(len(pdf)))
    assert boxes(out, tuesday, "Evening 1")[0][1] > page_for("A5").bottom  # the last row clear of the foot
    # the rows' times: each row as far below the one before on Tuesday as on Monday, less a space the same for all
    # (the rows' padding, at most DAY_SPACE_TIGHTEST of it off), the type as large
    times = time_rows(pdf, monday)[:13]
    assert time_rows(pdf, tuesday)[:13] == times
    tops = [[boxes(out, page_index, time)[0][3] for time in times] for page_index in (monday, tuesday)]
    steps = [[a - b for a, b in zip(top, top[1:])] for top in tops]
    less = [m - t for m, t in zip(*steps)]
    off = 2 * ROW_PAD * (1 - DAY_SPACE_TIGHTEST)  # the most a row's padding, above and below, is made smaller by
    rows_alike = [x for k, x in enumerate(less) if k not in (7, 8)]  # (not across lunch, nor the afternoon's heading)
    assert all(0.05 < x <= off + 0.01 for x in less), less
    assert max(rows_alike) - min(rows_alike) < 0.01, less
    (as_set,), (closer,) = boxes(out, monday, "Talk d0a1 on models"), boxes(out, tuesday, "Talk d1a1 on models")
    assert closer[3] - closer[1] == pytest.approx(as_set[3] - as_set[1], abs=0.01)  # the type as large
    # Wednesday, over by more, runs on to a second page under its continued heading, as set before (its spaces whole)
    assert "Wednesday 15 September (continued)" in pdf.lines(wednesday + 1)
    assert "Evening 1" in pdf.lines(wednesday + 1)
    wednesday_times = time_rows(pdf, wednesday)[:7]
    top = [boxes(out, wednesday, time)[0][3] for time in wednesday_times]
    assert [a - b for a, b in zip(top, top[1:])] == pytest.approx(steps[0][:6], abs=0.01)


def _tracks_day(tmp_path, sessions: int = 2):
    """(the context, the day) of a conference whose one day is a block of `sessions` parallel sessions of two talks."""
    items = "      - parallel:\n" + "".join(
        session_yaml(f"Track {k}", [f"p{k}t{i}" for i in range(2)], 9 * 60, indent=10)[0] for k in range(sessions))
    ids = [f"p{k}t{i}" for k in range(sessions) for i in range(2)]
    folder = write_conference(tmp_path / "conf", {
        "programme.yaml": "days:\n  - date: 2027-09-13\n    items:\n" + items,
        "abstracts.yaml": talks_yaml(ids), "tutorials.yaml": None, "posters.yaml": None})
    booklet, _ = read_booklet(folder)
    return Context(booklet, page_for("A5")), booklet.days[0]


def test_parallel_tracks_are_set_side_by_side_or_not_as_the_day_set_as_it_is_sets_them(tmp_path, monkeypatch):
    """_side_by_side measured its rows with the fitted day's closer padding: a row of tracks a little taller than
    TRACK_ROW_LIMIT of the page as set, under it once its padding is closer, set the tracks one after another on a day
    set as it is and side by side on the same day fitted to its page (and printed_order had decided their order for
    one after another). Now the rows as set decide, whatever the fitting."""
    ctx, day = _tracks_day(tmp_path)
    (block,) = day.entries
    clock, marks = day.clock(), [None, None]
    width, height = ctx.page.text_width, ctx.page.text_height
    monkeypatch.setattr(programme, "TRACK_ROW_LIMIT", 1.0)
    tallest = {tight: max(line.flowable.wrap(width, height)[1] for line in
                          programme._side_by_side(ctx, block, marks, clock, tight) if line.row)
               for tight in (1.0, DAY_SPACE_TIGHTEST)}
    assert tallest[DAY_SPACE_TIGHTEST] < tallest[1.0] - 1
    monkeypatch.setattr(programme, "TRACK_ROW_LIMIT", (tallest[1.0] - 0.5) / height)  # (between the two)
    for tight in (1.0, 0.8, DAY_SPACE_TIGHTEST):
        assert programme._side_by_side(ctx, block, marks, clock, tight) is None, tight
        lines = programme._parallel_lines(ctx, block, clock, {}, tight)
        assert all(not isinstance(line.flowable, TracksRow) for line in lines), tight  # one after another
    monkeypatch.setattr(programme, "TRACK_ROW_LIMIT", (tallest[1.0] + 0.5) / height)
    for tight in (1.0, DAY_SPACE_TIGHTEST):
        lines = programme._side_by_side(ctx, block, marks, clock, tight)
        rows = [line.flowable.wrap(width, height)[1] for line in lines if line.row]
        assert max(rows) == pytest.approx(tallest[tight])  # side by side, its rows at the padding asked for


def _mixed_day(tmp_path):
    """(the context, the day) of a conference whose one day has a row, a chaired session, two parallel sessions (side
    by side on A5), lunch and three parallel sessions (one after another)."""
    two = "      - parallel:\n" + "".join(
        session_yaml(f"Side {k}", [f"s{k}t{i}" for i in range(2)], 9 * 60, indent=10)[0] for k in range(2))
    three = "      - parallel:\n" + "".join(
        session_yaml(f"Room {k}", [f"r{k}t{i}" for i in range(2)], 14 * 60, indent=10)[0] for k in range(3))
    morning, _ = session_yaml("Opening", ["o0", "o1"], 8 * 60, room="Hall A", chair="Ada Byron")
    items = ('      - {time: "07:30-08:00", title: Registration}\n' + morning + two
             + '      - {time: "11:00-14:00", title: Lunch, kind: break}\n' + three)
    ids = ["o0", "o1"] + [f"s{k}t{i}" for k in range(2) for i in range(2)] + [
        f"r{k}t{i}" for k in range(3) for i in range(2)]
    folder = write_conference(tmp_path / "conf", {
        "programme.yaml": "days:\n  - date: 2027-09-13\n    items:\n" + items,
        "abstracts.yaml": talks_yaml(ids), "tutorials.yaml": None, "posters.yaml": None})
    booklet, _ = read_booklet(folder)
    return Context(booklet, page_for("A5")), booklet.days[0]


def _pads(flowable) -> list[float]:
    """A line's padding: a row's, or each cell's of a row of tracks."""
    if isinstance(flowable, TracksRow):
        return [cell.pad for cell in flowable.cells if cell is not None]
    return [flowable.pad] if hasattr(flowable, "pad") else []


def test_every_space_of_a_fitted_day_below_its_heading_is_made_closer_alike(tmp_path):
    """A day fitted to its page (fitted_day) sets the spaces between its rows and sessions closer, every one alike:
    the space between "PARALLEL SESSIONS" and the tracks' headings side by side stayed 2 points, the rest of the day's
    spaces made closer around it. Made at `tight`, every space below the day's heading, above a line and inside a
    row (its padding, a session's heading's, a track's cell's), is `tight` of the day's as set."""
    ctx, day = _mixed_day(tmp_path)
    as_set = _programme_day(ctx, 0, day, 1, None, 1.0).lines
    kinds = {type(line.flowable).__name__ for line in as_set}
    assert {"TracksRow", "Row", "Para"} <= kinds  # (the tracks side by side, the rooms one after another)
    for tight in (0.8, DAY_SPACE_TIGHTEST):
        closer = _programme_day(ctx, 0, day, 1, None, tight).lines
        assert len(closer) == len(as_set)
        assert [line.space for line in closer[:4]] == [line.space for line in as_set[:4]]  # (the day's heading)
        for k, (line, set_line) in enumerate(zip(closer[4:], as_set[4:]), 4):
            assert line.space == pytest.approx(tight * set_line.space), (tight, k, line)
            assert _pads(line.flowable) == pytest.approx([tight * pad for pad in _pads(set_line.flowable)]), (tight, k)


def test_the_headings_a_fitted_day_repeats_after_a_break_are_as_close_as_its_own(tmp_path):
    """The headings said again above the rest of a session, of a block of tracks or of parallel sessions set one after
    another on the next page ("(continued)") were made as set, whatever the day's fitting: their spaces and padding
    are now `tight` of those as set, as the day's own."""
    ctx, day = _mixed_day(tmp_path)
    as_set = _programme_day(ctx, 0, day, 1, None, 1.0).lines
    closer = _programme_day(ctx, 0, day, 1, None, DAY_SPACE_TIGHTEST).lines
    said_again = 0
    for line, set_line in zip(closer, as_set):
        for again in ("resume", "group_resume"):
            if getattr(set_line, again) is None:
                continue
            ask = (lambda f: f([])) if again == "resume" else (lambda f: f())  # (a block's: its headings alone)
            made, made_set = ask(getattr(line, again)), ask(getattr(set_line, again))
            assert [type(x.flowable) for x in made] == [type(x.flowable) for x in made_set]
            assert [x.space for x in made] == pytest.approx([DAY_SPACE_TIGHTEST * x.space for x in made_set])
            assert [_pads(x.flowable) for x in made] == [
                pytest.approx([DAY_SPACE_TIGHTEST * pad for pad in _pads(x.flowable)]) for x in made_set]
            said_again += 1
    assert said_again >= 3 * 2 + 2 * 2 + 2  # (the session's rows, the tracks', the rooms' with the label's too)


def test_parallel_sessions_orders_are_measured_in_the_context_made_whole(tmp_path, monkeypatch):
    """Context.__init__ measured the order of parallel sessions (session_orders: the programme's lines made in a copy
    of the Context) before it had set its last attributes: the copy held only what __init__ had set so far, and an
    attribute set after it, which a line made there might ask for, was not there. The orders,
    and the slots and abstracts' order made from them, are now made when first asked, of the Context made whole; the
    copy measures in the data's order and never asks its own orders."""
    seen = []
    measure = programme.printed_order

    def printed_order(measuring, parallel, times):
        seen.append((getattr(measuring, "late", None), getattr(measuring, "session_orders", None)))
        return measure(measuring, parallel, times)

    monkeypatch.setattr(programme, "printed_order", printed_order)

    class Later(Context):  # (an attribute set after the rest, as one more set at __init__'s end would be)
        def __init__(self, booklet, page):
            super().__init__(booklet, page)
            self.late = "set"

    _tracks_day(tmp_path, sessions=3)
    booklet, _ = read_booklet(tmp_path / "conf")  # (its own: the orders are kept for the last booklet asked)
    later = Later(booklet, page_for("A5"))
    assert [abstract.id for _, abstract in later.abstract_order] == ["p0t0", "p0t1", "p1t0", "p1t1", "p2t0", "p2t1"]
    assert seen == [("set", {})]  # (measured once, in the Context made whole, in the data's order)
    assert later.session_orders == {} and later.slots["abstract:p1t1"].session.name == "Track 1"


def test_a_day_s_ladder_of_closer_spaces_steps_down_by_twentieths_to_the_tightest():
    """DAY_LADDER, written out (it was a range expression over twentieths): from 0.95 down by 0.05 to
    DAY_SPACE_TIGHTEST, its last, which fitted_day makes first and does not make again."""
    assert programme.DAY_LADDER[0] == 0.95 and programme.DAY_LADDER[-1] == DAY_SPACE_TIGHTEST
    steps = [a - b for a, b in zip(programme.DAY_LADDER, programme.DAY_LADDER[1:])]
    assert steps == pytest.approx([0.05] * (len(programme.DAY_LADDER) - 1))


def test_a_day_s_clock_is_made_for_its_parallel_sessions_alone(tmp_path):
    """_tracks_clock, which the programme's day and the orders of its parallel sessions each fetched lazily with the
    same lines: a day with parallel sessions, its clock (Day.clock); a day without, {} (not made)."""
    ctx, day = _tracks_day(tmp_path)
    assert programme._tracks_clock(day) == day.clock() and len(day.clock()) == 4
    no_tracks, _ = _built_day(tmp_path / "plain", session_yaml("Talks", ["a", "b"], 9 * 60)[0], ["a", "b"])
    plain = no_tracks.booklet.days[0]
    assert plain.clock() and programme._tracks_clock(plain) == {}


@pytest.mark.parametrize("tracks, size", [(2, "A5"), (3, "A4")])
def test_a_track_with_nothing_after_a_page_break_has_no_heading_nor_column_there(tmp_path, tracks, size):
    """XDC 2021 (A5 p. 7): Thursday's parallel sessions ran onto a second page, the main track's last three talks under
    "Main Track" and, beside them, "Workshop" over an empty column, as that track's tutorials were all before the
    break. After a break, only the tracks with rows there keep their heading and their column, sharing the width: one
    track alone is set across the page (its titles on one line that took two in half the width), two of three in
    halves."""
    talks = 16 if size == "A5" else 26
    titles = {f"m{t}": f"Main talk {t:02d} on models of selection and noise" for t in range(talks)}
    titles.update({f"w{k}": f"Workshop part {k}" for k in range(2)})
    titles.update({f"x{t}": f"Extra talk {t:02d} on priors and noise models" for t in range(talks)})
    abstracts = "".join(f"- id: {key}\n  title: {title}\n  speaker: {{name: Speaker {key}}}\n  abstract: x\n"
                        for key, title in titles.items())
    minutes = 45 if size == "A5" else 30
    items = "      - parallel:\n" + session_yaml("Main Track", [f"m{t}" for t in range(talks)], 8 * 60, minutes,
                                                  indent=10)[0]
    items += session_yaml("Workshop", ["w0", "w1"], 8 * 60, 120, indent=10)[0]
    if tracks == 3:
        items += session_yaml("Extra Track", [f"x{t}" for t in range(talks)], 8 * 60, minutes, indent=10)[0]
    programme = "days:\n  - date: 2027-09-13\n    items:\n" + items
    _, pdf, path = build(tmp_path, {"programme.yaml": programme, "abstracts.yaml": abstracts}, page_size=size)
    (first,) = [p for _, p in outline_pages(pdf, "Programme")]
    nxt = first + 1
    assert pdf.lines(nxt)[:2] == ["Monday 13 September (continued)", "PARALLEL SESSIONS (continued)"]
    assert boxes(path, first, "Workshop part 1") and boxes(path, nxt, "Main Track")
    assert not boxes(path, nxt, "Workshop")  # (its two parts on the first page: nothing of it on the next)
    printed = [t for t in range(talks) for p in (first, nxt) if f"Main talk {t:02d}" in pdf.texts[p]]
    assert printed == list(range(talks))  # each once
    page = page_for(size)
    later = [t for t in range(talks) if f"Main talk {t:02d}" in pdf.texts[nxt]]
    high = [box[3] - box[1] for t in later for box in boxes(path, nxt, titles[f"m{t}"])]
    (before,) = boxes(path, first, titles[f"m{later[0] - 1}"])
    if tracks == 2:
        assert len(high) == len(later) >= 3 and max(high) < 12 < before[3] - before[1]  # one line; two before
        assert all(box[2] > page.text_width / 2 for t in later for box in boxes(path, nxt, titles[f"m{t}"]))
    else:
        (main,), (extra,) = boxes(path, nxt, "Main Track"), boxes(path, nxt, "Extra Track")
        (main_before,), (extra_before,) = boxes(path, first, "Main Track"), boxes(path, first, "Extra Track")
        # the third track's column from two thirds of the width on before, from half of it after (each after its gap)
        assert (extra_before[0] - main_before[0]) - (extra[0] - main[0]) == pytest.approx(page.text_width / 6, abs=0.01)


def test_a_parallel_track_s_title_runs_the_width_of_its_cell_under_the_page_number(tmp_path):
    """A review of the sample (A5, two tracks): a track's talk has its page number beside its time, on the line above
    its title, yet the title was kept clear of the number's column all the way down, ending a sixth of the cell short
    of its edge ("Stellar activity in radial-velocity / data as a multi-output / Gaussian process"). It now runs the
    cell's width: two lines, the first wider than the cell less the number's column."""
    title = "Stellar activity in radial-velocity data as a multi-output Gaussian process"
    abstracts = (f'- id: a\n  title: "{title}"\n  speaker: {{name: Julien Moreau}}\n  abstract: Text.\n'
                 '- id: b\n  title: Radio imaging\n  speaker: {name: Jonas Brandt}\n  abstract: Text.\n')
    items = ("      - parallel:\n"
             + session_yaml("Exoplanets and Stars", ["a"], 14 * 60, room="Lyra Seminar Room", indent=10)[0]
             + session_yaml("Instrumentation and Imaging", ["b"], 14 * 60, room="Aurora Auditorium", indent=10)[0])
    _, pdf, path = build(tmp_path, {"programme.yaml": "days:\n  - date: 2027-06-17\n    items:\n" + items,
                                    "abstracts.yaml": abstracts})
    day = outline_pages(pdf, "Programme")[0][1]
    lines = pdf.lines(day)
    assert "Stellar activity in radial-velocity data as" in lines, lines
    assert "a multi-output Gaussian process" in lines, lines
    (first,) = boxes(path, day, "Stellar activity in radial-velocity data as")
    (time,) = [b for b in boxes(path, day, "14:00\u201314:20") if abs(b[0] - first[0]) < 1]
    number = min((b for digit in "123456789" for b in boxes(path, day, digit)
                  if abs(b[1] - time[1]) < 1.5 and b[0] > time[2]), key=lambda b: b[0])  # the page number on the
    # time's line, in the same track
    reserved = 2.2 * make_styles(page_for("A5")).time.fontSize + 2.5 * mm  # the number's column and the gap before it
    assert first[2] - first[0] > number[2] - first[0] - reserved + 1, (first, number)  # wider than that leaves


@pytest.mark.parametrize("size", ["A5", "A4"])
def test_a_day_s_number_set_large_stands_on_the_baseline_of_its_name_s_last_line(tmp_path, size):
    """A review of the sample: a day's number set large hung from the top of its row, its figures' tops at "Monday"'s
    capitals and their foot 6 points below the baseline of "June 2027" beside it (on A5; more on A4). It now stands on
    that baseline, as a drop cap stands on its last line's, the row no taller than before."""
    programme = 'days:\n  - date: 2027-09-13\n    items:\n      - {time: "09:00-09:30", title: Welcome}\n'
    _, pdf, path = build(tmp_path, {"programme.yaml": programme}, page_size=size)
    day = outline_pages(pdf, "Programme")[0][1]
    (number,) = boxes(path, day, "13")
    (year,) = boxes(path, day, "2027")
    assert abs(number[1] - year[1]) < 1, (number, year)  # the figures' foot on the year's baseline (a round 3 and 0
    # reach a little below it, each by a hundredth of its size)
    (monday,) = boxes(path, day, "Monday")
    assert number[3] > monday[3] + 1  # its top above the weekday's capitals: it spans the label's line too
    (welcome,) = boxes(path, day, "Welcome")
    assert number[1] - welcome[3] > 10  # the first row clear below it


# the title of a talk of _long_talks_days: six lines or so in a programme row on A5 (a row whose type is most of it)
LONG_TALK = ("Talk {} on models of selection, noise and the hierarchy of priors in deep surveys of the southern sky at "
             "radio wavelengths, with a catalogue of sources, their spectra, the weather at the telescope and a look "
             "back at twenty years of survey design")


def _long_talks_days(tmp_path, counts: list[tuple[int, int]]):
    """(the context, the folder) of a conference whose days are each (talks, evening rows): a morning session of talks
    with long titles, then one-line evening rows."""
    days, talks = [], []
    for d, (many, evening) in enumerate(counts):
        ids = [f"d{d}t{i}" for i in range(many)]
        session, _ = session_yaml("Morning", ids, 9 * 60, room="Hall A")
        rows = "".join(f'      - {{time: "{hhmm(18 * 60 + 30 * k)}-{hhmm(18 * 60 + 30 * k + 30)}", '
                       f'title: Evening {k}, kind: social}}\n' for k in range(evening))
        days.append(f"  - date: 2027-09-{13 + d}\n    items:\n" + session + rows)
        talks += ids
    abstracts = "".join(f"- id: {talk}\n  title: {LONG_TALK.format(talk)}\n  speaker: {{name: Speaker {talk}}}\n"
                        f"  abstract: Text of {talk}.\n" for talk in talks)
    conference = BASE["conference.yaml"].replace("2027-09-14", f"2027-09-{13 + len(counts) - 1}")
    folder = write_conference(tmp_path / "conf", {
        "tutorials.yaml": None, "posters.yaml": None, "programme.yaml": "days:\n" + "".join(days),
        "abstracts.yaml": abstracts, "conference.yaml": conference})
    booklet, _ = read_booklet(folder)
    return Context(booklet, page_for("A5")), folder


def test_a_day_still_over_its_page_at_its_tightest_spaces_is_set_on_it_in_type_a_little_smaller(tmp_path):
    """XDC 2021's Thursday (A5, pp. 6-7), 35 points over its page and 8 over with its spaces at their tightest, ran on
    to a page of "(continued)", the repeated headings and four rows, most of it empty. A day a little over its page
    that its closer spaces alone do not fit (Tuesday: seven talks of long titles and two evening rows, 29 points over,
    3.5 at the tightest spaces) is set on its page whole, its rows' type a fiftieth smaller (the first step of
    DAY_TYPE_LADDER that fits), its heading as large as Monday's, which fits as set; a day that even the smallest step
    does not fit (Wednesday: eight talks) runs on as before, its type as set."""
    ctx, folder = _long_talks_days(tmp_path, [(7, 0), (7, 2), (8, 0)])
    width, height = ctx.page.text_width, ctx.page.text_height
    line = ctx.styles.row_title.leading
    days = ctx.booklet.days
    overs = [_programme_day(ctx, k, day, 1, None, 1.0).wrap(width, height)[1] - height for k, day in enumerate(days)]
    tightest = _programme_day(ctx, 1, days[1], 1, None, DAY_SPACE_TIGHTEST).wrap(width, height)[1] - height
    smallest = _programme_day(ctx, 2, days[2], 1, None, DAY_SPACE_TIGHTEST, programme.DAY_TYPE_LADDER[-1])
    assert overs[0] < 0 < tightest < overs[1] < line * 3  # (the data still tests it)
    assert smallest.wrap(width, height)[1] > height
    out = tmp_path / "booklet.pdf"
    build_booklet(folder, out)
    pdf = Pdf(out)
    monday, tuesday, wednesday = [page for _, page in outline_pages(pdf, "Programme")]
    assert (tuesday, wednesday) == (monday + 1, monday + 2)  # Tuesday on one page
    assert time_rows(pdf, tuesday) == ["09:00\u201309:20", "09:20\u201309:40", "09:40\u201310:00", "10:00\u201310:20",
                                       "10:20\u201310:40", "10:40\u201311:00", "11:00\u201311:20", "18:00\u201318:30",
                                       "18:30\u201319:00"]
    assert "Evening 1" in pdf.lines(tuesday)
    assert not any("Tuesday 14 September (continued)" in text for i in range(len(pdf)) for text in pdf.lines(i))
    assert boxes(out, tuesday, "Evening 1")[0][1] > page_for("A5").bottom  # the last row clear of the foot

    def size(page: int, text: str) -> float:
        left, bottom, right, top = boxes(out, page, text)[0]
        return top - bottom

    # the rows' type (a time, a title's first line, a speaker) a fiftieth smaller than Monday's; the day's name as large
    for monday_text, tuesday_text in (("09:00\u201309:20", "09:00\u201309:20"), ("Speaker d0t1", "Speaker d1t1"),
                                      ("Talk d0t1 on models", "Talk d1t1 on models")):
        assert size(tuesday, tuesday_text) / size(monday, monday_text) == pytest.approx(0.98, abs=0.006)
    assert size(tuesday, "Tuesday") == pytest.approx(size(monday, "Monday"), abs=0.01)
    # Wednesday, over by more, runs on to a second page under its continued heading, its type as Monday's
    assert "Wednesday 15 September (continued)" in pdf.lines(wednesday + 1)
    assert size(wednesday, "Talk d2t1 on models") == pytest.approx(size(monday, "Talk d0t1 on models"), abs=0.01)


def test_a_day_over_its_page_by_more_than_its_smallest_type_fits_runs_on_as_set(tmp_path):
    """A day within DAY_GAIN_MOST of its page that even the smallest step of DAY_TYPE_LADDER does not fit (Tuesday:
    seven talks of long titles and four evening rows, 3.6 points over at the smallest type with its spaces at their
    tightest) runs on to a second page under "(continued)", its type and spaces as set: the smaller type is not
    spent on a day it cannot fit."""
    ctx, folder = _long_talks_days(tmp_path, [(7, 0), (7, 4)])
    width, height = ctx.page.text_width, ctx.page.text_height
    day = ctx.booklet.days[1]
    full = _programme_day(ctx, 1, day, 1, None, 1.0).wrap(width, height)[1]
    smallest = _programme_day(ctx, 1, day, 1, None, DAY_SPACE_TIGHTEST, programme.DAY_TYPE_LADDER[-1])
    assert 0 < smallest.wrap(width, height)[1] - height and full - height < DAY_GAIN_MOST * full
    out = tmp_path / "booklet.pdf"
    build_booklet(folder, out)
    pdf = Pdf(out)
    monday, tuesday = [page for _, page in outline_pages(pdf, "Programme")]
    assert "Tuesday 14 September (continued)" in pdf.lines(tuesday + 1)
    (as_set,), (tuesdays,) = boxes(out, monday, "Talk d0t1 on models"), boxes(out, tuesday, "Talk d1t1 on models")
    assert tuesdays[3] - tuesdays[1] == pytest.approx(as_set[3] - as_set[1], abs=0.01)
    times = time_rows(pdf, tuesday)
    assert len(times) >= 3 and times == time_rows(pdf, monday)[:len(times)]
    assert [boxes(out, tuesday, t)[0][3] for t in times] == pytest.approx([boxes(out, monday, t)[0][3] for t in times],
                                                                         abs=0.01)  # its spaces as set


def test_a_day_over_its_page_by_four_lines_or_more_that_its_tightest_spaces_fit_is_set_on_it(tmp_path):
    """rc3 (2020, A5): its first day, 48 points over its page (4.3 of its rows' lines), fits it with its spaces at their
    closest, but ran on to a second page: only a day over by up to 3.5 lines as set was tried. Whether a day is fitted
    is judged by what it needs at its tightest: Tuesday (9 talks, lunch, 4 talks, two evening rows), 4 lines over, is
    set on its page whole, the type as Monday's; its last row clear of the page's foot."""
    programme_yaml, ids = _days_of([(8, 4, 1), (9, 4, 2)])
    files = {"programme.yaml": programme_yaml, "abstracts.yaml": talks_yaml(ids)}
    folder = write_conference(tmp_path / "conf", {"tutorials.yaml": None, "posters.yaml": None, **files})
    booklet, _ = read_booklet(folder)
    ctx = Context(booklet, page_for("A5"))
    width, height = ctx.page.text_width, ctx.page.text_height
    over = _programme_day(ctx, 1, booklet.days[1], 1, None, 1.0).wrap(width, height)[1] - height
    tightest = _programme_day(ctx, 1, booklet.days[1], 1, None, DAY_SPACE_TIGHTEST).wrap(width, height)[1] - height
    assert tightest < 0 and over > 3.5 * ctx.styles.row_title.leading  # (the data still tests it)
    out = tmp_path / "booklet.pdf"
    build_booklet(folder, out)
    pdf = Pdf(out)
    monday, tuesday = [page for _, page in outline_pages(pdf, "Programme")]
    assert tuesday == monday + 1
    assert len(time_rows(pdf, tuesday)) == 9 + 1 + 4 + 2 and "Evening 1" in pdf.lines(tuesday)
    assert not any("Tuesday 14 September (continued)" in text for i in range(len(pdf)) for text in pdf.lines(i))
    assert boxes(out, tuesday, "Evening 1")[0][1] > page_for("A5").bottom
    (as_set,), (fitted,) = boxes(out, monday, "Talk d0a1 on models"), boxes(out, tuesday, "Talk d1a1 on models")
    assert fitted[3] - fitted[1] == pytest.approx(as_set[3] - as_set[1], abs=0.01)  # the type as large


def test_a_day_over_its_page_by_four_lines_that_its_smaller_type_fits_is_set_on_it(tmp_path):
    """rc3 (2020, A4): its second day, 75 points over its page (6 of its rows' lines), fits it at the smallest step of
    DAY_TYPE_LADDER, but ran on to a second page. Tuesday (seven talks of long titles, three evening rows), 4 lines
    over and 17 points at its tightest spaces, is set on its page whole, its rows' type a step of the ladder smaller."""
    ctx, folder = _long_talks_days(tmp_path, [(7, 0), (7, 3)])
    width, height = ctx.page.text_width, ctx.page.text_height
    day = ctx.booklet.days[1]
    over = _programme_day(ctx, 1, day, 1, None, 1.0).wrap(width, height)[1] - height
    tightest = _programme_day(ctx, 1, day, 1, None, DAY_SPACE_TIGHTEST).wrap(width, height)[1] - height
    assert tightest > 0 and over > 3.5 * ctx.styles.row_title.leading  # (the data still tests it)
    out = tmp_path / "booklet.pdf"
    build_booklet(folder, out)
    pdf = Pdf(out)
    monday, tuesday = [page for _, page in outline_pages(pdf, "Programme")]
    assert not any("Tuesday 14 September (continued)" in text for i in range(len(pdf)) for text in pdf.lines(i))
    assert time_rows(pdf, tuesday)[-3:] == ["18:00\u201318:30", "18:30\u201319:00", "19:00\u201319:30"]
    assert boxes(out, tuesday, "Evening 2")[0][1] > page_for("A5").bottom
    (as_set,), (fitted,) = boxes(out, monday, "Speaker d0t1"), boxes(out, tuesday, "Speaker d1t1")
    ratio = (fitted[3] - fitted[1]) / (as_set[3] - as_set[1])
    assert any(ratio == pytest.approx(step, abs=0.006) for step in programme.DAY_TYPE_LADDER), ratio


def test_a_day_without_times_has_no_time_column_its_rows_from_the_left_edge(tmp_path):
    """A German booklet of every option: a day whose lines have no time kept the time column, empty, before every
    line. Such a day's rows (plain lines, a session's) now start at the row's left edge, as a session's heading does;
    a day with times keeps its column."""
    from booklet.layout.flowables import Row

    untimed = ("  - date: 2027-09-14\n    items:\n      - {title: Welcome}\n      - {title: Lunch, kind: break}\n"
               "      - session: Talks\n        chair: Mei Chen\n        items:\n          - {title: First talk}\n")
    programme = BASE["programme.yaml"] + untimed
    ctx = Context(read_booklet(write_conference(tmp_path / "data", {"programme.yaml": programme}))[0],
                  page_for("A5"))

    def rows(index: int) -> dict[str, float]:
        day = _programme_day(ctx, index, ctx.booklet.days[index], 1, None, 1.0)
        return {line.flowable.body[0].getPlainText(): line.flowable._body_x for line in day.lines
                if line.row and isinstance(line.flowable, Row)}

    timed, plain = rows(0), rows(1)
    assert timed["Welcome"] > 30  # (after "09:00–09:20")
    assert plain == {"Welcome": 0.0, "Lunch": 0.0, "First talk": 0.0}
