"""The programme at a glance: every item of every day in its day's column, in time order; the days'
page references and links; one page or a facing spread; the section in the contents, or left out."""

from __future__ import annotations

import datetime as dt
import textwrap
from fractions import Fraction

import pypdf
import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from booklet.build import build_booklet
from booklet.layout.glance import MAIN, _share_evenly, _side_by_side, plan_day
from booklet.model import Day, Item, Parallel, Session, TimeRange
from booklet.text import markup

from .helpers import BASE, write_conference
from .pdftext import Pdf, characters, norm

SAMPLE = __import__("pathlib").Path(__file__).parent.parent / "booklet" / "resources" / "sample"


# --------------------------------------------------------------------------- helpers


def chunks(pdf: Pdf, index: int) -> list[tuple[float, float, str]]:
    """(x, y, text) of each piece of text drawn on a page, in drawing order (pypdf's text visitor)."""
    seen = pdf.__dict__.setdefault("_chunks", {})
    if index in seen:
        return seen[index]
    out = seen[index] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            out.append((tm[4] * cm[0] + tm[5] * cm[2] + cm[4], tm[4] * cm[1] + tm[5] * cm[3] + cm[5], text.strip()))

    pdf.reader.pages[index].extract_text(visitor_text=visit)
    return out


def hours_at(found: list[tuple[float, float, str]]) -> dict[str, float]:
    """The height of each whole hour's label ("13:00") among a page's `found` chunks."""
    return {text: y for _, y, text in found if text.endswith(":00") and len(text) == 5}


def glance_pages(pdf: Pdf, anchors: dict[str, int]) -> list[int]:
    """0-based pages of the glance: from its anchor to the first day's programme."""
    return list(range(anchors["glance"] - 1, anchors["day-0"] - 1))


def columns(pdf: Pdf, pages: list[int], days) -> dict[int, tuple[int, float, float]]:
    """For each day index: (page, left, right) of its column, from where its weekday heads it."""
    heads = []
    for page in pages:
        found = [(x, text) for x, _, text in chunks(pdf, page)]
        for index, day in enumerate(days):
            weekday = f"{day.date:%A}"
            for x, text in found:
                if text == weekday:
                    heads.append((index, page, x))
    assert [h[0] for h in heads] == list(range(len(days))), heads
    out = {}
    for n, (index, page, x) in enumerate(heads):
        following = heads[n + 1] if n + 1 < len(heads) and heads[n + 1][1] == page else None
        out[index] = (page, x - 1, following[2] - 1 if following else 10_000)
    return out


def place(pdf: Pdf, column: tuple[int, float, float], title: str, taken: set) -> tuple[float, float]:
    """(x, y) of the topmost line in the column that starts with the title's first letters, not taken before."""
    page, left, right = column
    want = norm(markup.plain(title))[:8]
    lines = sorted((c for c in chunks(pdf, page) if left <= c[0] < right), key=lambda c: (-c[1], c[0]))
    for n, (x, y, text) in enumerate(lines):
        below = [t for x2, y2, t in lines[n + 1:] if abs(x2 - x) < 0.5 and 0 < y - y2 < 20][:2]
        if norm(text + "".join(below)).startswith(want) and (page, x, y) not in taken:
            taken.add((page, x, y))
            return x, y
    raise AssertionError(f"{title!r} is not in its day's column on page {page + 1}")


def check_every_item(pdf: Pdf, anchors: dict[str, int], booklet, parallel: bool = True) -> int:
    """Every titled item of every day in its day's column; timed ones lower for later, side by side at one
    time (not `parallel`: leaving out those of parallel sessions)."""
    pages = glance_pages(pdf, anchors)
    cols = columns(pdf, pages, booklet.days)
    checked = 0
    for index, day in enumerate(booklet.days):
        taken: set = set()
        timed = []
        for item, session, track in _items(day):
            if not item.shown_title or (track is not None and not parallel):
                continue
            x, y = place(pdf, cols[index], item.shown_title, taken)
            checked += 1
            if item.time:
                timed.append((item.time.start, track, y, x))
        timed.sort(key=lambda t: (t[0], t[1] or 0))
        for (start, _, y, x), (start2, _, y2, x2) in zip(timed, timed[1:]):
            if start2 > start:
                assert y2 < y, (day.date, start, start2)  # later: lower on the page
            else:
                assert y2 == pytest.approx(y) and x2 > x, (day.date, start)  # same time: side by side
    return checked


def _items(day: Day):
    """(item, session, track index, or None outside parallel sessions) of a day, in printed order."""
    for entry in day.entries:
        if isinstance(entry, Item):
            yield entry, None, None
        elif isinstance(entry, Session):
            yield from ((item, entry, None) for item in entry.items)
        else:
            for track, session in enumerate(entry.sessions):
                yield from ((item, session, track) for item in session.items)


# theme.yaml of the tests that look at the glance alone: the glance and the programme its days' headings refer to
# (without the programme its gathered sessions are named with no link: test_a_glance_without_the_programme_...), not
# the abstracts, index and the rest, whose pages cost each build and each Pdf() that reads every page's text. The pages
# before the glance (cover, contents) are as many as in the whole booklet: the glance is on the same pages.
GLANCE_AND_PROGRAMME = "sections: [glance, programme]\n"


def week(rooms: int = 2, days: int = 7) -> dict[str, str]:
    """A generated week: sessions, `rooms` parallel tracks in the afternoon, an overlapping meeting,
    a dinner at 20:00 without an end, an afternoon off without a time, a late item with none."""
    abstracts, programme = [], ["days:"]

    def talk(time: str) -> str:
        n = len(abstracts) + 1
        long = " on a very long title about hierarchical models of selection effects in surveys" if n % 3 == 0 else ""
        abstracts.append(f"- id: t{n}\n  title: Talk{n:03d}{long}\n  speaker: {{name: Speaker N{n}}}\n  abstract: x\n")
        return f'{{time: "{time}", talk: t{n}}}'

    for d in range(days):
        programme += [f"  - date: {dt.date(2027, 9, 13) + dt.timedelta(days=d)}", "    items:",
                      '      - {time: "08:30-09:00", title: Registration}',
                      "      - session: Morning", "        items:"]
        programme += [f"          - {talk(t)}" for t in ("09:00-09:40", "09:40-10:00", "10:00-10:20")]
        programme += ['      - {time: "10:20-11:00", title: Coffee Break, kind: break}',
                      '      - {time: "10:40-11:40", title: Board meeting, kind: other}',
                      '      - {time: "12:00-13:30", title: Lunch, kind: break}', "      - parallel:"]
        for r in range(rooms):
            programme += [f"          - session: Track {d}{r}", f"            room: Room {r}", "            items:"]
            programme += [f"              - {talk(t)}" for t in ("13:30-14:00", "14:00-14:30")]
        programme += ["      - {title: Afternoon off, kind: social}",
                      '      - {time: "20:00", title: Dinner by the harbour, kind: social}',
                      "      - {title: Late discussions, kind: other}"]
    end = dt.date(2027, 9, 13) + dt.timedelta(days=days - 1)
    return {"abstracts.yaml": "".join(abstracts), "programme.yaml": "\n".join(programme) + "\n",
            "conference.yaml": f"title: Week\nshort_title: W\ndates: {{start: 2027-09-13, end: {end}}}\nvenue: Lund\n"}


@pytest.fixture(scope="module")
def sample(sample_build):
    return Pdf(sample_build.output), sample_build.anchors, sample_build.booklet


# --------------------------------------------------------------------------- the sample


def test_the_sample_at_a5_is_a_spread_with_every_item_in_its_days_column_in_time_order(sample):
    pdf, anchors, booklet = sample
    pages = glance_pages(pdf, anchors)
    assert len(pages) == 2 and pages[0] % 2 == 1  # two facing pages: the first a left-hand (even) page
    assert pdf.lines(pages[0])[0] == "Programme at a glance"
    titled = sum(1 for day in booklet.days for item in day.items() if item.shown_title)
    assert check_every_item(pdf, anchors, booklet) == titled
    untimed = [i for i in booklet.days[2].items() if i.shown_title == "Free Afternoon"][0]
    assert untimed.time is None  # drawn in its gap (checked in its column above), not listed apart
    assert "No fixed time" not in "".join(pdf.texts[p] for p in pages)


def test_the_days_page_references_are_their_pages_and_link_there(sample):
    pdf, anchors, booklet = sample
    printed, linked = [], []
    for page in glance_pages(pdf, anchors):
        found = chunks(pdf, page)
        printed += [int(found[i + 1][2]) for i, (_, _, text) in enumerate(found) if text == "p."]
        heads = [(x, y) for x, y, text in found if text in {f"{d.date:%A}" for d in booklet.days}]
        for x, y in heads:
            (dest,) = [dest for rect, dest in pdf.links(page) if rect[0] <= x + 1 < rect[2] and rect[1] < y < rect[3]]
            linked.append(dest + 1)
    days = [anchors[f"day-{i}"] for i in range(len(booklet.days))]
    assert printed == linked == days
    assert pdf.pages_with("14 DAY 1 Monday June 2027") == [days[0] - 1]  # the day's programme is there


def test_the_contents_and_the_outline_list_the_glance(sample):
    pdf, anchors, _ = sample
    contents = pdf.lines(1)
    at = contents.index("Programme at a glance")
    assert contents[at + 1] == str(anchors["glance"]) and contents[at + 2] == "Programme"
    assert ("Programme at a glance", anchors["glance"] - 1) in [(t, p) for t, p, _ in pdf.outline()]
    assert anchors["glance"] - 1 in [dest for _, dest in pdf.links(1)]


# --------------------------------------------------------------------------- generated weeks


def test_three_days_on_a4_are_one_page_with_every_item_and_the_untimed_ones_listed(tmp_path):
    folder = write_conference(tmp_path / "conf", {**week(rooms=2, days=3), "theme.yaml": GLANCE_AND_PROGRAMME})
    result = build_booklet(folder, tmp_path / "w.pdf", page_size="A4")
    pdf, booklet = Pdf(tmp_path / "w.pdf"), result.booklet
    assert glance_pages(pdf, result.anchors) == [result.anchors["glance"] - 1]
    assert check_every_item(pdf, result.anchors, booklet) == sum(
        1 for day in booklet.days for item in day.items() if item.shown_title)
    found = chunks(pdf, result.anchors["glance"] - 1)
    hours = hours_at(found)
    assert sorted(hours) == [f"{h:02d}:00" for h in range(8, 21)]  # 08:00 to the dinner's hour's end
    (label,) = [y for _, y, text in found if text == "No fixed time"]
    late = [y for _, y, text in found if text == "Late discussions"]
    afternoon = [y for _, y, text in found if text == "Afternoon off"]
    assert len(late) == len(afternoon) == 3
    assert all(y < label < min(hours.values()) for y in late)  # listed under the grid
    assert all(hours["14:00"] > y > hours["20:00"] for y in afternoon)  # in its gap: after the talks, before dinner


def test_six_rooms_a_week_at_a5_a_spread_after_the_contents_the_parallel_sessions_named(tmp_path):
    folder = write_conference(tmp_path / "conf", {**week(rooms=6, days=7), "theme.yaml": GLANCE_AND_PROGRAMME})
    result = build_booklet(folder, tmp_path / "w.pdf")
    pdf = Pdf(tmp_path / "w.pdf")
    pages = glance_pages(pdf, result.anchors)
    assert pages == [3, 4]  # a spread: pages 4 and 5
    assert pdf.lines(1) == [] and "Notes" not in pdf.norms[2]  # the contents on p. 3, the inside of the cover blank
    assert pdf.lines(2)[:3] == ["Contents", "Programme at a glance", "4"]
    text = "".join(pdf.norms[p] for p in pages)
    assert text.count(norm("PARALLEL SESSIONS")) == 7  # lanes too narrow to read: one box naming the sessions
    for d in range(7):
        assert all(norm(f"Track {d}{r}") in text for r in range(6)), d
    assert text.count("talk001") == 1 and text.count(norm("Dinner by the harbour")) == 7
    assert check_every_item(pdf, result.anchors, result.booklet, parallel=False) == 7 * 10



def _blank(pdf: Pdf, index: int) -> bool:
    """Whether page `index` (0-based) prints nothing at all: no text (no page number), every pixel white (no rules)."""
    image = pdf._pdfium[index].render(scale=0.5).to_pil().convert("L")
    return pdf.lines(index) == [] and image.getextrema() == (255, 255)


def test_a_spread_right_after_a_page_of_contents_has_the_contents_on_page_3_and_the_inside_cover_blank(tmp_path):
    """The glance a spread right after a contents of one page: it opened on p. 4 after a ruled Notes page, p. 3,
    between the contents (p. 2) and it (a typographer's review of 36C3's and GMTH 2023's booklets: notes pages belong
    at the back). Now the contents is on the right-hand p. 3, as a book's, the inside of the cover left blank, not even
    its page number; the contents' references, the outline and the links say so; the count stays a multiple of four,
    and two jobs make the same pages."""
    folder = write_conference(tmp_path / "conf", {**week(rooms=2, days=7), "theme.yaml": GLANCE_AND_PROGRAMME})
    result = build_booklet(folder, tmp_path / "one.pdf")
    pdf = Pdf(tmp_path / "one.pdf")
    assert glance_pages(pdf, result.anchors) == [3, 4]  # pages 4 and 5: facing
    assert _blank(pdf, 1)
    assert pdf.lines(2)[:5] == ["Contents", "Programme at a glance", "4", "Programme", "6"]
    assert pdf.lines(2)[-1] == "3"  # (its page number)
    assert not any("Notes" in pdf.norms[i] for i in range(len(pdf) - 1) if i < result.anchors["programme"])
    assert (result.anchors["contents"], result.anchors["glance"], result.anchors["programme"]) == (3, 4, 6)
    assert [(title, page) for title, page, _ in pdf.outline()][:3] == [
        ("Contents", 2), ("Programme at a glance", 3), ("Programme", 5)]
    assert [page for _, page in pdf.links(2)][:2] == [3, 5]
    assert len(pdf) % 4 == 0 and len(pdf) == 16
    build_booklet(folder, tmp_path / "two.pdf", jobs=2)
    two = Pdf(tmp_path / "two.pdf")
    assert [two.lines(i) for i in range(len(two))] == [pdf.lines(i) for i in range(len(pdf))]
    assert _blank(two, 1)


def test_a_spread_after_a_section_that_ends_on_a_left_hand_page_follows_a_blank_page_not_a_notes_page(tmp_path):
    """The glance after the programme, whose last page is a left-hand one (p. 10): the right-hand page after it is
    left blank, with no page number (it was a ruled Notes page), the spread on pp. 12-13; the contents stays on p. 2
    (the glance does not follow it), the Notes pages are at the back only."""
    theme = "sections: [programme, glance]\n"
    result = build_booklet(write_conference(tmp_path / "conf", {**week(rooms=6, days=4), "theme.yaml": theme}),
                           tmp_path / "w.pdf")
    pdf = Pdf(tmp_path / "w.pdf")
    assert (result.anchors["contents"], result.anchors["programme"], result.anchors["glance"]) == (2, 3, 12)
    assert pdf.lines(11)[0] == "Programme at a glance" and pdf.lines(12)[0] == "08:00"  # (no heading: its 2nd page)
    assert pdf.lines(9)[-1] == "10" and _blank(pdf, 10)
    assert pdf.lines(1)[:5] == ["Contents", "Programme", "3", "Monday 13 September", "3"]
    assert "Programme at a glance 12" in " ".join(pdf.lines(1))
    notes = [i for i in range(len(pdf)) if pdf.lines(i)[:1] == ["Notes"]]
    assert notes == list(range(13, len(pdf) - 1)) and len(pdf) % 4 == 0


@pytest.mark.parametrize("sections, pages", [
    ("abstracts, glance, programme", 20),  # the glance in the second worker's part, after its abstracts
    ("abstracts, index, glance", 12),  # in the last part, laid out by the build's process after the workers' parts
])
def test_a_spread_in_a_later_part_of_a_build_in_parts_opens_on_the_left_hand_page_as_in_one_process(
        tmp_path, sections, pages):
    """A section order that puts the glance, a spread, after the abstracts: with --jobs 2 its part's pages were
    numbered from 1 when its page side was judged, so that it opened on the right-hand p. 11 after a blank p. 10, its
    second page overleaf (in the last part: 16 pages, four more of Notes). Built in one process, and now in parts too,
    it opens on the left-hand p. 10, facing p. 11, right after the last abstract's page, p. 9."""
    folder = write_conference(tmp_path / "conf", {**week(rooms=4, days=3), "theme.yaml": f"sections: [{sections}]\n"})
    result = build_booklet(folder, tmp_path / "two.pdf", jobs=2)
    pdf = Pdf(result.output)
    assert (result.pages, result.anchors["glance"]) == (pages, 10)
    assert pdf.lines(9)[0] == "Programme at a glance" and pdf.lines(10)[0] == "08:00"  # (its second page: no heading)
    assert pdf.lines(8)[1] == "Talk029" and pdf.lines(8)[-1] == "9"


def _talk(abstracts: list[str], start: int, minutes: int) -> str:
    """A talk "TalkNNN" added to `abstracts` (YAML items), and its programme item from `start` (minutes after
    midnight), `minutes` long."""
    n = len(abstracts) + 1
    abstracts.append(f"- id: t{n}\n  title: Talk{n:03d}\n  speaker: {{name: Speaker N{n}}}\n  abstract: x\n")
    end = start + minutes
    return f'- {{time: "{start // 60:02d}:{start % 60:02d}-{end // 60:02d}:{end % 60:02d}", talk: t{n}}}'


def _tracks_day(abstracts: list[str], day: int, minutes: int, tracks: int = 4) -> list[str]:
    """Programme lines of day `day` (0: 2027-09-13): an opening, `tracks` tracks of three talks `minutes` long from
    09:00 (added to `abstracts`), an excursion and a dinner (the day's hours all drawn: none three hours empty)."""
    lines = [f"  - date: 2027-09-{13 + day}", "    items:", '      - {time: "08:00-08:30", title: Opening}',
             "      - parallel:"]
    for r in range(tracks):
        lines += [f"          - session: Track {day}{r}", f"            room: Room {r}", "            items:"]
        lines += ["              " + _talk(abstracts, 9 * 60 + k * minutes, minutes) for k in range(3)]
    return lines + ['      - {time: "11:00-18:00", title: Excursion, kind: social}',
                    '      - {time: "20:00-21:00", title: Dinner, kind: social}']


def _glance(folder, abstracts: list[str], programme: list[str], days: int = 1, page_size: str = "A5"):
    """(the PDF, its glance pages) of a conference of `days` days from 2027-09-13 in `folder`: `abstracts` (YAML
    items) and `programme` (the lines of programme.yaml). The booklet prints the glance and the programme alone
    (GLANCE_AND_PROGRAMME)."""
    title = "title: Day\nshort_title: D\n" if days == 1 else "title: Week\nshort_title: W\n"
    data = write_conference(folder, {
        "abstracts.yaml": "".join(abstracts), "programme.yaml": "\n".join(programme) + "\n",
        "conference.yaml": f"{title}dates: {{start: 2027-09-13, end: 2027-09-{12 + days}}}\nvenue: Lund\n",
        "theme.yaml": GLANCE_AND_PROGRAMME})
    result = build_booklet(data, folder.with_suffix(".pdf"), page_size=page_size)
    pdf = Pdf(folder.with_suffix(".pdf"))
    return pdf, glance_pages(pdf, result.anchors)


def test_gathered_parallel_sessions_the_fonts_print_nothing_of_are_each_named(tmp_path):
    """Four tracks of ten-minute talks, gathered in one box naming the sessions, named in CJK alone (東京, 京都, 大阪,
    札幌): each prints the label title_not_printable, and the box named each name once as it prints: one label, as
    if there were one session. Each is named once as written: four labels, as four sessions."""
    abstracts: list[str] = []
    programme = ["days:", *_tracks_day(abstracts, 0, 10)]
    for r, name in enumerate(("東京", "京都", "大阪", "札幌")):
        programme[programme.index(f"          - session: Track 0{r}")] = f"          - session: {name}"
    pdf, (page,) = _glance(tmp_path / "conf", abstracts, programme, page_size="A4")
    text = pdf.norms[page]
    assert text.count(norm("PARALLEL SESSIONS")) == 1
    assert text.count(norm("PARALLEL SESSIONS (title not printable) · (title not printable) · (title not printable) · "
                           "(title not printable)")) == 1, text


def test_four_tracks_of_short_talks_are_one_box_naming_the_sessions_not_lanes_of_empty_boxes(tmp_path):
    """On A4 four lanes are wide enough, but ten-minute talks are too short for a line of the smallest type: the
    parallel sessions of them are one box naming the sessions; those of half-hour talks stay lanes with titles."""
    abstracts: list[str] = []
    programme = ["days:", *_tracks_day(abstracts, 0, 10), *_tracks_day(abstracts, 1, 30)]
    pdf, (page,) = _glance(tmp_path / "conf", abstracts, programme, days=2, page_size="A4")
    text = pdf.norms[page]
    assert text.count(norm("PARALLEL SESSIONS")) == 1
    assert all(norm(f"Track 0{r}") in text for r in range(4))  # the short talks' sessions, named
    assert not any(norm(f"Talk{n:03d}") in text for n in range(1, 13))
    assert all(norm(f"Talk{n:03d}") in text for n in range(13, 25))  # the half-hour talks, in their lanes


def test_narrow_lanes_of_boxes_a_line_high_are_one_box_naming_the_sessions(tmp_path):
    """Five days on an A4 page, each with four tracks of twenty-minute talks: each box a line high in a lane a few
    words wide printed one word, cut ("Approxi…", "Selection…": the generated 500-talk book); the tracks are one box
    naming their sessions. Two days of forty-minute talks, boxes of two lines in wider lanes: titles, in lanes."""
    for days, minutes, gathered in ((5, 20, True), (2, 40, False)):
        abstracts: list[str] = []
        programme = ["days:", *(line for d in range(days) for line in _tracks_day(abstracts, d, minutes))]
        pdf, pages = _glance(tmp_path / f"conf{days}", abstracts, programme, days=days, page_size="A4")
        text = " ".join(pdf.norms[page] for page in pages)
        assert (norm("PARALLEL SESSIONS") in text) == gathered, days
        assert all(norm(f"Track 0{r}") in text for r in range(4)) == gathered
        assert any(norm(f"Talk{n:03d}") in text for n in range(1, 13)) != gathered


def test_a_lunch_inside_a_session_of_short_talks_stays_a_box_of_its_own(tmp_path):
    """A review: a session of short talks with its lunch inside it was one box from 11:00 to 14:10: the lunch was not
    on the glance. The lunch parts the session's runs; each run of short talks is one box naming the session."""
    abstracts, items = [], []
    for start in list(range(11 * 60, 12 * 60, 10)) + list(range(13 * 60 + 30, 14 * 60 + 10, 10)):
        items.append("          " + _talk(abstracts, start, 10))
    items.insert(6, '          - {time: "12:00-13:30", title: Lunch, kind: break}')
    programme = ["days:", "  - date: 2027-09-13", "    items:", '      - {time: "05:00-06:00", title: Early}',
                 '      - {time: "07:00-10:00", title: Registration, kind: social}',
                 "      - session: Hierarchical Models", "        items:", *items,
                 '      - {time: "14:30-19:00", title: Excursion, kind: social}',
                 '      - {time: "21:00-22:00", title: Dinner, kind: social}']
    pdf, (page,) = _glance(tmp_path / "conf", abstracts, programme)
    lines = pdf.lines(page)
    assert "Lunch" in lines and lines.count("Hierarchical Models") == 2, lines


def test_a_session_of_short_talks_one_after_another_is_one_box_naming_it_not_a_stack_of_empty_stripes(tmp_path):
    """aclpub2's SIGDIAL: a day from 05:00 to 21:00 and sessions of five-minute pre-recorded talks, a stack of thin
    empty stripes each; such a session is one box over its time, its name in it; a session of half-hour talks keeps
    a box each, with titles."""
    abstracts, programme = [], ["days:", "  - date: 2027-09-13", "    items:",
                                '      - {time: "05:00-05:30", title: Early start}']
    for number, (start, minutes) in enumerate(((8 * 60, 5), (11 * 60, 30))):
        programme += [f"      - session: Demos {number} pre-recorded", "        items:"]
        for k in range(8):
            programme.append("          " + _talk(abstracts, start + k * minutes, minutes))
    programme.append('      - {time: "20:00-21:00", title: Dinner, kind: social}')
    pdf, (page,) = _glance(tmp_path / "conf", abstracts, programme)
    text = pdf.norms[page]
    assert norm("Demos 0 pre-recorded") in text and norm("PARALLEL SESSIONS") not in text
    assert not any(norm(f"Talk{n:03d}") in text for n in range(1, 9))  # (the day's page has them)
    assert sum(norm(f"Talk{n:03d}") in text for n in range(9, 17)) >= 6  # the half-hour talks, each its box


# --------------------------------------------------------------------------- the plan of a day


def _item(title, start=None, end=None):
    time = TimeRange(dt.time(*start), dt.time(*end) if end else None) if start else None
    return Item("other", time, title)


def test_a_days_plan_ends_open_items_places_untimed_ones_and_puts_overlaps_side_by_side():
    a, b = Session("A", (_item("a1", (14, 0), (14, 30)), _item("a2", (14, 30), (15, 0)))), \
        Session("B", (_item("b1", (14, 0), (15, 0)),))
    day = Day(dt.date(2027, 9, 13), (
        _item("lunch", (12, 0)),  # no end: until the next start
        Parallel((a, b)),
        _item("free"),  # no time: in the gap after the parallel sessions, up to the dinner
        _item("dinner", (19, 30)),  # no end and nothing after it: one hour
        _item("late", (0, 30), (1, 0)),  # after midnight
        _item("nowhere"),  # no time, no gap: listed
    ))
    plan = plan_day(0, day)
    boxes = {box.item.title: box for box in plan.boxes}
    assert (boxes["lunch"].start, boxes["lunch"].end) == (12 * 60, 14 * 60)
    assert (boxes["free"].start, boxes["free"].end) == (15 * 60, 19 * 60 + 30)
    assert (boxes["dinner"].start, boxes["dinner"].end) == (19 * 60 + 30, 20 * 60 + 30)
    assert (boxes["late"].start, boxes["late"].end) == (24 * 60 + 30, 25 * 60)
    assert [(boxes[t].lane, boxes[t].lanes) for t in ("a1", "a2", "b1")] == [(0, 2), (0, 2), (1, 2)]
    assert boxes["lunch"].lanes == 1 and boxes["a1"].stream != MAIN
    assert [item.title for item, _ in plan.untimed] == ["nowhere"]


def test_each_parallel_track_keeps_its_lane_when_the_right_one_starts_first():
    """A review: Room B's talks from 11:30, Room A's from 11:50: Room A's first talk was drawn in the right lane, its
    second in the left, and Room B's split the other way. Each track has its lane from the block's start."""
    a = Session("Room A", (_item("a1", (11, 50), (12, 10)), _item("a2", (12, 10), (12, 30))))
    b = Session("Room B", (_item("b1", (11, 30), (12, 10)), _item("b2", (12, 10), (12, 20)), _item("b3", (12, 20),
                                                                                             (12, 30))))
    plan = plan_day(0, Day(dt.date(2027, 9, 13), (Parallel((a, b)),)))
    lanes = {box.item.title: box.lane for box in plan.boxes}
    assert lanes == {"a1": 0, "a2": 0, "b1": 1, "b2": 1, "b3": 1}



def test_boxes_side_by_side_in_their_time_are_as_wide_as_each_other():
    """rC3 2020: 'The weirdness of investigative journalism' (11:00-11:40, the first room) widened over the second
    room's lane, free until noon, and was twice as wide as 'Chaostrawler' (11:20-13:30) beside it in the third. Boxes
    side by side in their time each keep one lane."""
    a = Session("Room A", (_item("weird", (11, 0), (11, 40)),))
    b = Session("Room B", (_item("b1", (12, 0), (12, 30)),))
    c = Session("Room C", (_item("chaos", (11, 20), (13, 30)),))
    plan = plan_day(0, Day(dt.date(2027, 9, 13), (Parallel((a, b, c)),)))
    placed = {box.item.title: (box.lane, box.span, box.lanes) for box in plan.boxes}
    assert placed["weird"] == (0, 1, 3) and placed["chaos"] == (2, 1, 3) and placed["b1"] == (1, 1, 3)


def test_boxes_side_by_side_share_the_column_among_the_lanes_used_at_their_time_not_the_groups_lanes(tmp_path):
    """DebConf17 (A4 p. 4), its first Saturday: a workshop in the fourth room from 14:30 to 18:45 beside four talks at
    18:00 gave the afternoon four lanes, and the talks at 14:30 kept one each, beside an empty one: "Free..." cut
    there, and at 17:00 "Freedom..." in a quarter of the column beside three empty quarters. Now the boxes at each
    time share the column: the workshop keeps the quarter the four talks at 18:00 leave it, the two talks at 14:30 the
    three quarters beside it, half each, and the talk at 17:00 alone beside it all three (its title whole)."""
    rooms = {"A": ["14:30-15:15 Alpha one", "17:00-17:45 Freedom embedded devices that respect users",
                   "18:00-18:45 Alpha four"],
             "B": ["14:30-16:15 Bravo one", "18:00-18:45 Bravo two"], "C": ["18:00-18:45 Charlie one"],
             "D": ["14:30-18:45 Delta workshop"]}
    lines = ["days:", "  - date: 2027-09-13", "    items:", "      - parallel:"]
    for room, talks in rooms.items():
        lines += [f"          - session: Room {room} talks", f"            room: Room {room}", "            items:"]
        lines += [f'              - {{time: "{t.split()[0]}", title: {t.split(maxsplit=1)[1]}}}' for t in talks]
    folder = write_conference(tmp_path / "conf", {"programme.yaml": "\n".join(lines) + "\n"})
    result = build_booklet(folder, tmp_path / "w.pdf", page_size="A4")
    found = chunks(Pdf(tmp_path / "w.pdf"), result.anchors["glance"] - 1)
    x = {word: min(x for x, _, text in found if text.startswith(word)) for word in ("Alpha one", "Alpha four",
                                                                                     "Bravo one", "Bravo two",
                                                                                     "Charlie", "Delta")}
    quarter = x["Bravo two"] - x["Alpha four"]  # four talks at 18:00: a quarter of the column each
    assert x["Alpha one"] == pytest.approx(x["Alpha four"]) and x["Charlie"] - x["Bravo two"] == pytest.approx(quarter)
    assert x["Bravo one"] - x["Alpha one"] == pytest.approx(1.5 * quarter)  # (a quarter: beside an empty lane)
    assert x["Delta"] - x["Alpha one"] == pytest.approx(3 * quarter)
    (top,) = [y for _, y, text in found if text.startswith("Freedom")]
    title = [text for left, y, text in found if left == pytest.approx(x["Alpha one"]) and top - 20 < y <= top]
    assert norm("".join(title)) == norm("Freedom embedded devices that respect users")  # whole, in one box's lines


def test_a_group_of_many_lanes_never_more_than_two_side_by_side_is_not_gathered_and_its_day_is_not_wider(tmp_path):
    """AMCOS 2018 (A4 p. 3), its Wednesday: an invited talk from 10:10 to 12:45 and beside it four sessions one after
    another, each its own parallel session (no rooms): five lanes, never more than two boxes side by side. The day's
    column was five lanes wide (the other days' squeezed) and would have been gathered in a narrower one. Now the boxes
    side by side are counted: each of the two halves of a column as wide as the next day's, the titles in them."""
    sessions = [("Invited", "10:10-12:45", "Invited talk on long lanes"), ("Coffee", "10:45-11:10", "Coffee"),
                ("First", "11:10-11:40", "Contributed one"), ("Second", "11:40-12:10", "Contributed two"),
                ("Third", "12:10-12:45", "Contributed three")]
    lines = ["days:", "  - date: 2027-09-13", "    items:", "      - parallel:"]
    for name, time, title in sessions:
        lines += [f"          - session: {name}", "            items:", f'              - {{time: "{time}", title: {title}}}']
    lines += ["  - date: 2027-09-14", "    items:", '      - {time: "10:00-12:45", title: Closing talks}']
    folder = write_conference(tmp_path / "conf", {"programme.yaml": "\n".join(lines) + "\n"})
    result = build_booklet(folder, tmp_path / "a.pdf", page_size="A4")
    pdf = Pdf(tmp_path / "a.pdf")
    page = result.anchors["glance"] - 1
    found = chunks(pdf, page)
    text = pdf.norms[page]
    assert norm("PARALLEL SESSIONS") not in text
    x = {title: min(left for left, _, t in found if t.startswith(title.split()[0]) and title.split()[-1] in t
                    or t.startswith(title)) for _, _, title in sessions}
    (monday,), (tuesday,) = ([left for left, _, t in found if t == day] for day in ("Monday", "Tuesday"))
    column = tuesday - monday  # (a day's column and the gap after it)
    half = x["Coffee"] - x["Invited talk on long lanes"]
    assert all(x[title] == pytest.approx(x["Coffee"]) for title in ("Contributed one", "Contributed two",
                                                                    "Contributed three"))
    assert half == pytest.approx((column - 3.0) / 2, abs=0.5)  # two halves of the day's column
    from booklet.layout.page import page_for

    (heading,) = [left for left, _, t in found if t.startswith("Programme")]  # (the text's left edge)
    assert column - 3.0 == pytest.approx(heading + page_for("A4").text_width - tuesday, abs=0.5)  # days as wide


def _crowded_day(seed: int, sessions: int = 300, rooms: int = 12) -> Day:
    """A day of `sessions` one-talk sessions in `rooms` rooms, each room's one after another from 06:00 with gaps and
    lengths drawn from `seed`: one group of boxes, side by side in many ways."""
    import random

    draw, talks = random.Random(seed), []
    clock = {room: 6 * 60 for room in range(rooms)}
    for n in range(sessions):
        room = draw.randrange(rooms)
        start = clock[room] + draw.choice([0, 0, 5, 15, 30])
        end = start + draw.choice([15, 20, 30, 45, 60, 90, 120])
        if end >= 24 * 60:
            continue
        clock[room] = end
        time = TimeRange(dt.time(start // 60, start % 60), dt.time(end // 60, end % 60))
        talks.append(Session(f"S{n}", (Item("other", time, f"t{n}"),), room=f"Room {room}"))
    return Day(dt.date(2027, 9, 13), (Parallel(tuple(talks)),))


@pytest.mark.parametrize("seed", [1, 2])
def test_hundreds_of_boxes_side_by_side_share_the_column_in_order_none_narrower_than_it_must_be(seed):
    """_share_evenly for one group of some 200 boxes (a pass over every box for each of its widths took seconds): the
    boxes beside one another keep their rooms' order without overlapping, inside the column; each is as wide as it can
    be (it touches a box beside it, or the column's edge, on both sides), and the narrowest is as wide as the most boxes
    in a row side by side leave it."""
    plan = plan_day(0, _crowded_day(seed))
    boxes = plan.boxes
    assert len({box.group for box in boxes}) == 1 and len(boxes) > 150
    _share_evenly(boxes)
    for box in boxes:
        left, right = box.across
        assert 0 <= left < right <= 1
        beside = [other for other in boxes if other.start < box.end and box.start < other.end and other is not box]
        assert all(other.across[1] <= left for other in beside if other.lane < box.lane)
        assert all(other.across[0] >= right for other in beside if other.lane > box.lane)
        assert left == 0 or any(other.across[1] == left for other in beside if other.lane < box.lane)
        assert right == 1 or any(other.across[0] == right for other in beside if other.lane > box.lane)
    narrowest = min(box.across[1] - box.across[0] for box in boxes)
    assert narrowest == Fraction(1, _side_by_side(boxes)) > Fraction(1, 20)


def test_hours_with_nothing_on_any_day_are_a_band_not_a_page_of_empty_rows(tmp_path):
    """38C3's hub (A5 p. 3): two talks, one at 00:15 on the second day and one at 10:30 on the first, had the grid from
    00:00 to 11:00, ten empty hours between them. Now the empty hours 01:00-10:00 are a band as high as two labels
    (01:00 above its break mark, 10:00 under it), and the two hours left no taller than an eighth of the grid each."""
    folder = write_conference(tmp_path / "conf", {"programme.yaml": textwrap.dedent("""\
        days:
          - date: 2027-09-13
            items:
              - {time: "10:30-11:00", title: Opening ceremony}
          - date: 2027-09-14
            items:
              - {time: "00:15-00:55", title: Night talk}
        """)})
    from booklet.data.validate import read_booklet
    from booklet.layout import glance
    from booklet.layout.common import Context
    from booklet.layout.page import page_for

    result = build_booklet(folder, tmp_path / "h.pdf")
    pdf = Pdf(tmp_path / "h.pdf")
    found = chunks(pdf, result.anchors["glance"] - 1)
    hours = hours_at(found)
    assert sorted(hours) == ["00:00", "01:00", "10:00"]  # (02:00 to 09:00 left out)
    sizes = set()
    pdf.reader.pages[result.anchors["glance"] - 1].extract_text(
        visitor_text=lambda text, cm, tm, font, size: sizes.add(round(size * tm[3] * cm[3], 2)) if text.strip() in hours else 0)
    (label,) = sizes  # the hour labels' size
    hour = hours["00:00"] - hours["01:00"]
    assert hours["01:00"] - hours["10:00"] == pytest.approx(2.6 * label, abs=0.05)  # the band: two labels high
    (night,) = [y for _, y, text in found if text.startswith("Night")]
    (opening,) = [y for _, y, text in found if text.startswith("Opening")]
    assert hours["00:00"] > night > hours["01:00"] > hours["10:00"] > opening > hours["10:00"] - hour
    booklet, _ = read_booklet(folder)
    grid = glance.Grid(Context(booklet, page_for("A5")), [glance.plan_day(i, day) for i, day in enumerate(booklet.days)])
    assert hour == pytest.approx((grid.grid_top - grid.grid_bottom) / 8, abs=0.05)  # an eighth of the grid: the page
    # not filled by two talks


@pytest.mark.parametrize("night", [True, False])
def test_a_day_written_to_run_into_the_night_ends_with_its_talk_after_midnight(tmp_path, night):
    """38C3's hub again, as its source gives it: the talk at 00:15 is in the first day's span (09:30 to 06:00 the next
    morning), after its opening at 10:30. Written under that day with `night: true`, it is the day's night: the glance
    has one day, its axis from 10:00 (not midnight) to the night's hour below it, and the programme lists 10:30 then
    00:15 under Friday; check finds no typo. Without `night`, a start before 06:00 is the night's only after an item
    from 13:00 on, and check takes it for a typo (as before)."""
    from booklet.data.validate import read_booklet
    from booklet.lint import lint

    flag = "    night: true\n" if night else ""
    folder = write_conference(tmp_path / "conf", {"programme.yaml": "days:\n  - date: 2027-09-13\n" + flag + (
        '    items:\n      - {time: "10:30-11:00", title: Opening ceremony}\n'
        '      - {time: "00:15-00:55", title: Night talk}\n')})
    booklet, _ = read_booklet(folder)
    typos = [str(p) for p in lint(booklet) if "out of place" in str(p)]
    if not night:
        assert typos and "00:15 is out of place" in typos[0], typos
        return
    assert typos == [] and booklet.days[0].night
    result = build_booklet(folder, tmp_path / "n.pdf")
    pdf = Pdf(tmp_path / "n.pdf")
    found = chunks(pdf, result.anchors["glance"] - 1)
    hours = hours_at(found)
    assert max(hours, key=hours.get) == "10:00"  # the axis's top: the morning, not midnight
    (opening,) = [y for _, y, text in found if text.startswith("Opening")]
    (late,) = [y for _, y, text in found if text.startswith("Night")]
    assert hours["10:00"] > opening > hours["00:00"] > late  # (the PDF's y grows upwards)
    programme = pdf.outline()[[t for t, _, _ in pdf.outline()].index("Programme")]
    assert [title for title, _, _ in programme[2]] == ["Monday 13 September"]
    lines = pdf.lines(programme[1])
    times = [line for line in lines if line[:2].isdigit() and "\u2013" in line]
    assert times == ["10:30\u201311:00", "00:15\u201300:55"]
    assert lines.index("Opening ceremony") < lines.index("Night talk")


def test_a_day_with_few_empty_hours_keeps_them_as_rows(tmp_path):
    """Two empty hours (talks 09:00-10:00 and 12:00-13:00) stay rows:
    only EMPTY_HOURS or more are a band."""
    folder = write_conference(tmp_path / "conf", {"programme.yaml": textwrap.dedent("""\
        days:
          - date: 2027-09-13
            items:
              - {time: "09:00-10:00", title: Morning talk}
              - {time: "12:00-13:00", title: Noon talk}
        """)})
    result = build_booklet(folder, tmp_path / "k.pdf")
    hours = hours_at(chunks(Pdf(tmp_path / "k.pdf"), result.anchors["glance"] - 1))
    assert sorted(hours) == ["09:00", "10:00", "11:00", "12:00"]
    assert hours["09:00"] - hours["10:00"] == pytest.approx(hours["10:00"] - hours["11:00"])


# --------------------------------------------------------------------------- left out, small, other looks


def test_left_out_by_the_theme_it_is_not_printed_nor_listed(tmp_path):
    folder = write_conference(tmp_path / "conf", {
        "theme.yaml": "sections: [committees, programme, abstracts, tutorials, posters, practical]\n"})
    result = build_booklet(folder, tmp_path / "b.pdf")
    pdf = Pdf(tmp_path / "b.pdf")
    assert "glance" not in result.anchors and not pdf.pages_with("Programme at a glance")


@pytest.mark.parametrize("theme, size", [("modern", "letter"), ("minimal", "A5")])
def test_one_day_in_each_look_is_one_page_with_its_items(tmp_path, theme, size):
    folder = write_conference(tmp_path / "conf", {
        "theme.yaml": f"base: {theme}\nabstracts: {{placement: by-day}}\n"})
    result = build_booklet(folder, tmp_path / "b.pdf", page_size=size)
    pdf, booklet = Pdf(tmp_path / "b.pdf"), result.booklet
    assert glance_pages(pdf, result.anchors) == [2]
    assert check_every_item(pdf, result.anchors, booklet) == 5
    page = chunks(pdf, 2)
    at = [i for i, (_, _, text) in enumerate(page) if text == "p."][0]
    assert int(page[at + 1][2]) == result.anchors["day-0"]
    assert pypdf.PdfReader(str(tmp_path / "b.pdf")).pages[2].get("/Annots")


def test_a_day_of_many_items_without_a_time_lists_the_first_and_counts_the_rest(tmp_path):
    items = "".join(f"      - {{title: Untimed {i:02d}}}\n" for i in range(40))
    folder = write_conference(tmp_path / "conf", {
        "programme.yaml": BASE["programme.yaml"] + "  - date: 2027-09-14\n    items:\n" + items})
    result = build_booklet(folder, tmp_path / "b.pdf")
    pdf = Pdf(tmp_path / "b.pdf")
    (page,) = glance_pages(pdf, result.anchors)
    listed = [text for _, _, text in chunks(pdf, page) if text.startswith("Untimed")]
    more = [text for _, _, text in chunks(pdf, page) if text.startswith("+")]
    assert listed == [f"Untimed {i:02d}" for i in range(len(listed))] and more == [f"+{40 - len(listed)}"]
    assert len(listed) >= 5
    assert result.anchors["day-1"] - 1 in [dest for _, dest in pdf.links(page)]


def test_a_programme_without_a_single_time_has_no_glance_nor_a_contents_entry(tmp_path):
    # it drew an empty 09:00-10:00 grid over the page, the items listed under it as "No fixed time"
    folder = write_conference(tmp_path / "conf", {"programme.yaml": """\
        days:
          - date: 2027-09-13
            items:
              - {title: Welcome}
              - {talk: lund-2026}
              - session: Inference
                items:
                  - {talk: okafor}
              - {tutorial: bayes-intro}
        """})
    result = build_booklet(folder, tmp_path / "b.pdf")
    pdf = Pdf(tmp_path / "b.pdf")
    assert "glance" not in result.anchors and not pdf.pages_with("Programme at a glance")
    assert pdf.pages_with("Welcome")  # the programme still lists them
    timed = write_conference(tmp_path / "timed", {"programme.yaml": """\
        days:
          - date: 2027-09-13
            items:
              - {title: Welcome}
          - date: 2027-09-14
            items:
              - session: Inference
                items:
                  - {time: "10:30-11:00", talk: okafor}
        """})
    assert "glance" in build_booklet(timed, tmp_path / "t.pdf").anchors  # one time, in a session: a grid


def _lines_of(para) -> list[str]:
    """The lines of a wrapped paragraph, as text."""
    return [" ".join(line[1]) if isinstance(line, tuple) else "".join(w.text for w in line.words)
            for line in para.blPara.lines]


def test_a_cut_title_does_not_end_with_a_short_word_before_its_ellipsis():
    """The 31C3 import's A5 glance cut titles after "a", "to", "of", "in" ("Let's build / a…", "Introduction / to…",
    "On the Edge / of…"), as the sample's did ("Stellar activity in…", "Astrometric binaries hiding in…"): a line
    saying nothing. A cut goes before such a word (in small letters); not before a first word, a word with a capital
    (an abbreviation, a symbol: "Hα") or a number."""
    from reportlab.lib.styles import ParagraphStyle

    from booklet.layout import glance
    from booklet.text.fonts import register_fonts

    register_fonts()
    style = ParagraphStyle("box", fontName="Sans", fontSize=6.5, leading=7.5, splitLongWords=1,
                           hyphenationLang="en_GB", embeddedHyphenation=1)
    for text, upto, expected in (("Let's build a container from scratch", "Let's build a", "Let's build…"),
                                 ("Stellar activity in M dwarfs", "Stellar activity in", "Stellar activity…"),
                                 ("Ethics of AI in medicine", "Ethics of AI", "Ethics of AI…"),
                                 ("Correcting H\u03b1 luminosity", "Correcting H\u03b1", "Correcting H\u03b1…"),
                                 ("Lightning Talks Day 2 and 3", "Lightning Talks Day 2", "Lightning Talks Day 2…"),
                                 ("An ultra-short history", "An", "An…")):
        width = stringWidth(upto + "\u2026", "Sans", 6.5) + 0.5  # (one line: the text up to `upto` and the ellipsis)
        para = glance.truncated(text, style, width, 1)
        assert [line.replace("\u2019", "'") for line in _lines_of(para)] == [expected], text
    assert glance._short_word_before("Stellar activity in M", len("Stellar activity in"))
    assert not glance._short_word_before("Ethics of AI in", len("Ethics of AI"))
    assert not glance._short_word_before("An ultra", len("An"))


def test_a_cut_title_keeps_a_number_with_its_unit():
    """A cut between a number and its unit says nothing of either ("Lasers at 532…" of "Lasers at 532 nm for ..."):
    the two are held (markup.inline, by text.units' table), and a box cuts before the number or after the unit, as
    the real programmes' titles with "5.02 TeV" (Hard Probes), "100 Mpps" (FOSDEM), "8 Bits" (39C3) are cut."""
    from reportlab.lib.styles import ParagraphStyle

    from booklet.layout import glance
    from booklet.text.fonts import register_fonts

    register_fonts()
    style = ParagraphStyle("box", fontName="Sans", fontSize=6.5, leading=7.5, splitLongWords=1,
                           hyphenationLang="en_GB", embeddedHyphenation=1)
    for source, upto, expected in (("Lasers at 532 nm for atom cooling", "Lasers at 532", "Lasers…"),
                                   ("Lasers at 532 nm for atom cooling", "Lasers at 532 nm", "Lasers at 532 nm…"),
                                   ("Emissions in Pb-Pb collisions at 5.02 TeV",
                                    "Emissions in Pb-Pb collisions at 5.02", "Emissions in Pb-Pb collisions…"),
                                   ("Unleashing 100 Mpps with FD.io VPP on GCP", "Unleashing 100 Mpps",
                                    "Unleashing 100 Mpps…"),
                                   ("Unleashing 100 Mpps with FD.io VPP on GCP", "Unleashing 100", "Unleashing…"),
                                   ("When 8 Bits is Overkill", "When 8 Bits is", "When 8 Bits…")):
        text = markup.number_tied(markup.inline(source))  # (as the glance makes a box's title: _texts)
        width = stringWidth(upto + "\u2026", "Sans", 6.5) + 0.5  # (one line: the text up to `upto` and the ellipsis)
        assert [line.replace("\u00a0", " ") for line in _lines_of(glance.truncated(text, style, width, 1))] \
            == [expected], (source, upto)


def test_a_cut_title_in_vietnamese_keeps_its_short_syllables():
    """Vietnamese writes a space between syllables, not words: its syllables of one or two letters ("lý" of "vật lý",
    physics) were left out before the ellipsis as English short words ("in", "of") are, the cut "Nghiên cứu vật…".
    A title in a language written so (its entry's language, else the booklet's: the style's; Vietnamese when the title
    has one of its own letters) or with Vietnamese's own letters in a third of its words keeps them; an English title
    with a Vietnamese name in it, or in a Vietnamese booklet, does not, nor a box's line of speakers (their names'
    language is not the line's: "Thảo Nguyễn et al.")."""
    from reportlab.lib.styles import ParagraphStyle

    from booklet.layout import glance
    from booklet.text.fonts import register_fonts

    register_fonts()

    def cut(text: str, upto: str, language: str | None = None, named: bool = False) -> list[str]:
        style = ParagraphStyle("box", fontName="Sans", fontSize=6.5, leading=7.5, splitLongWords=1,
                               hyphenationLang="", embeddedHyphenation=1, language=language)
        width = stringWidth(upto + "\u2026", "Sans", 6.5) + 0.5  # (one line: the text up to `upto` and the ellipsis)
        return _lines_of(glance.truncated(markup.inline(text), style, width, 1, named=named))

    title = "Nghiên cứu vật lý hạt nhân và ứng dụng"
    assert cut(title, "Nghiên cứu vật lý") == ["Nghiên cứu vật lý…"]
    assert cut(title, "Nghiên cứu vật lý hạt nhân và") == ["Nghiên cứu vật lý hạt nhân và…"]
    assert cut("Lus Hmoob ua si", "Lus Hmoob ua", "hmn") == ["Lus Hmoob ua…"]  # (by its language: no such letters)
    assert cut("Lus Hmoob ua si", "Lus Hmoob ua") == ["Lus Hmoob…"]
    assert cut("A model by Nguyễn Văn An of the Sun", "A model by Nguyễn Văn An of") \
        == ["A model by Nguyễn Văn An…"]
    assert cut(title, "Nghiên cứu vật lý", "vi") == ["Nghiên cứu vật lý…"]
    assert cut("Tin học ứng dụng và mạng", "Tin học ứng dụng và") == ["Tin học ứng dụng và…"]
    # (Yoruba's and Igbo's letters with a dot below, which Vietnamese writes too, alone: words spaced, "na" left out)
    assert cut("Asụsụ Igbo na ọdịnihu", "Asụsụ Igbo na") == ["Asụsụ Igbo…"]
    assert cut("Ìtàn ẹ̀kọ́ ni ọ̀rọ̀ ajé", "Ìtàn ẹ̀kọ́ ni", "yo") == ["Ìtàn ẹ̀kọ́…"]
    # (an English title in a Vietnamese booklet, the booklet's language its style's: none of Vietnamese's letters)
    assert cut("Stellar activity in M dwarfs", "Stellar activity in", "vi") == ["Stellar activity…"]
    # (a box's speakers: Vietnamese names, the label after them Latin, its "et" left out as a short word)
    assert cut("Thảo Nguyễn et al.", "Thảo Nguyễn et", named=True) == ["Thảo Nguyễn…"]


def test_a_cut_title_keeps_a_formula_s_symbol_or_code_before_its_ellipsis():
    """A short word in small letters set apart in a face of its own says something: a formula's symbol ("Beyond $\\beta$
    ...", "Constraints on $\\alpha$ ...", set in italics) or code, kept before the ellipsis, where the same letters in
    the title's own face are not ("Constraints…" dropped the symbol); so is a letter of another script than the word
    before it (a Greek letter typed in an English title). A title all in one face (an invited talk's, in bold) or
    script (a Greek title's "με") has its short words left out as any other."""
    from reportlab.lib.styles import ParagraphStyle

    from booklet.layout import glance
    from booklet.text.fonts import register_fonts

    register_fonts()
    style = ParagraphStyle("box", fontName="Sans", fontSize=6.5, leading=7.5, splitLongWords=1,
                           hyphenationLang="en_GB", embeddedHyphenation=1)
    for source, upto, expected in (("Constraints on $\\alpha$ from quasars", "Constraints on \u03b1",
                                    "Constraints on \u03b1…"),
                                   ("Beyond $\\beta$ and back again", "Beyond \u03b2", "Beyond \u03b2…"),
                                   ("Using `ls` in anger", "Using ls", "Using ls…"),
                                   ("Constraints on \u03b1 from quasars", "Constraints on \u03b1",
                                    "Constraints on \u03b1…"),
                                   ("Το σύμπαν με τα μάτια", "Το σύμπαν με", "Το σύμπαν…"),
                                   ("<b>Constraints on a quasar's host</b>", "Constraints on a", "Constraints…")):
        text = source if source.startswith("<b>") else markup.inline(source)
        width = stringWidth(upto + "\u2026", "Sans-Bold", 6.5) + 0.5  # (one line: up to `upto` and the ellipsis)
        assert _lines_of(glance.truncated(text, style, width, 1)) == [expected], source
    plain = markup.inline("Constraints on a quasar")
    assert _lines_of(glance.truncated(plain, style, stringWidth("Constraints on a\u2026", "Sans", 6.5) + 0.5, 1)) \
        == ["Constraints…"]


def _cut(texts, style, widths):
    """(text, width, lines, its lines as glance.truncated sets it in a box `width` wide of 1 to 3 `lines`) for each
    of `texts` and `widths` where it sets anything."""
    from booklet.layout import glance

    for text in texts:
        for width in widths:
            for lines in (1, 2, 3):
                para = glance.truncated(text, style, width, lines)
                if para is not None:
                    yield text, width, lines, _lines_of(para)


def test_a_box_breaks_words_only_where_they_are_hyphenated():
    """A word wider than a glance box is hyphenated (before an ellipsis too), or cut with the ellipsis; never split
    without a hyphen ("Increasingl / y...", "freed / esktop.org" in imported programmes)."""
    from reportlab.lib.styles import ParagraphStyle

    from booklet.text.fonts import register_fonts

    register_fonts()
    style = ParagraphStyle("box", fontName="Sans", fontSize=6.5, leading=7.5, splitLongWords=1,
                           hyphenationLang="en_GB", embeddedHyphenation=1)

    seen = []
    for text, width, lines, got in _cut(("Increasingly performant builds of everything",
                                         "freedesktop.org infrastructure"), style, range(18, 60, 2)):
        seen.append(got)
        assert len(got) <= lines
        whole = text.split()
        for line in got[:-1]:  # a line ends after a word, or in a hyphen the word did not have
            last = line.split()[-1] if line.split() else ""
            assert last in whole or (last.endswith("-") and not last[:-1] in whole), (text, width, got)
    # hyphenated once, then cut; never twice in a box (glance.HYPHENATIONS): "In- / creas- / ingly…" was
    assert ["Increas-", "ingly\u2026"] in seen and ["In-", "creas-", "ingly\u2026"] not in seen
    assert all(sum(line.endswith("-") for line in got[:-1]) <= 1 for got in seen)
    assert ["freedesktop.org\u2026"] in seen and ["freedes\u2026"] in seen  # cut, not split


def test_a_cut_title_in_a_narrow_lane_ends_with_a_whole_word_never_after_a_hyphen():
    """36C3's glance (five rooms a day, two days a page on A5) hyphenated a title's first word and cut it after a
    syllable on the next line ("Katas- / tro…", "Mathe- / mati…", "Ge- / heim…"), and broke "Die Mittelmeer-Monologe"
    at every syllable ("Die Mit- / tel- / meer- / Monolo- / ge"). A cut title keeps whole words before its ellipsis,
    one hyphenation at most; a cut inside the first word (no whole word fits) has no hyphenated line before it; a
    box's hyphenation takes breaks with three letters or more each side."""
    from reportlab.lib.styles import ParagraphStyle

    from booklet.layout import glance, styles
    from booklet.text.fonts import register_fonts

    register_fonts()
    language = styles.hyphenation_language("de")
    style = ParagraphStyle("box", fontName="Sans", fontSize=6.48, leading=7.5, splitLongWords=1,
                           hyphenationLang=language, embeddedHyphenation=1)
    titles = ("Katastrophe und Kommunikation am Beispiel Nord-Ost-Syrien",
              "Geheimdienstliche Massenüberwachung vs. Menschenrechte", "Mathematical diseases in climate models")
    seen = []
    for text, width, lines, got in _cut(titles, style, (22, 26, 30, 36)):
        words = text.split()
        seen.append(got)
        hyphenated = [line for line in got[:-1] if line.endswith("-") and line.split()[-1] not in words
                      and not any(word.startswith(line.split()[-1]) for word in text.split("-"))]
        assert len(hyphenated) <= 1, (text, width, got)
        if not got[-1].endswith("\u2026"):
            continue
        kept = "".join(line[:-1] if line in hyphenated else line + " " for line in got)
        kept = kept.replace("- ", "-").replace("\u2026", "").split()
        # a whole word before the ellipsis; or, inside the first word, no hyphenated line before it
        assert kept == words[:len(kept)] or (not hyphenated and len(kept) == 1
                                             and words[0].startswith(kept[0])), (text, width, lines, got)
    assert ["Katas-", "trophe\u2026"] in seen and ["Katas-", "tro\u2026"] not in seen
    assert ["Ge-", "heim\u2026"] not in seen and ["Mathe-", "mati\u2026"] not in seen
    good = glance._GoodBreaks(language)  # three letters or more each side of a break
    assert ("Mono", "loge") in list(good("Monologe")) and ("Monolo", "ge") not in list(good("Monologe"))
    assert not any(head == "Ge" for head, _ in good("Geheimdienstliche"))


def test_a_title_whole_with_two_good_hyphenations_is_not_cut_in_a_lane_of_ordinary_width():
    """One hyphenation a box keeps narrow lanes from a ladder of syllables; in a lane of ordinary width (the sample's
    A4 glance, Wednesday), a title that two good hyphenations keep whole in its three lines is set whole rather than
    cut ("Calibrated uncertain- / ties from neural…")."""
    from booklet.data.validate import read_booklet
    from booklet.layout import glance
    from booklet.layout.common import Context
    from booklet.layout.page import page_for

    booklet, _ = read_booklet(SAMPLE)
    title = markup.inline("Calibrated uncertainties from neural networks: a reality check")
    for size, width in (("A5", 66), ("A4", 80)):
        grid = glance.Grid(Context(booklet, page_for(size)), [glance.plan_day(i, day)
                                                             for i, day in enumerate(booklet.days)])
        assert width >= glance.LANE_MIN * grid.text_size  # (not a narrow lane)
        (laid, _), = glance.fit_box(grid, title, None, width, 3 * grid.box_leading(grid.text_size) + 1)
        assert _lines_of(laid) == ["Calibrated uncertain-", "ties from neural net-", "works: a reality check"], size
    # a narrow lane keeps one hyphenation whatever the theme's least size (narrowest_type: 100, no smaller size tried)
    grid = glance.Grid(Context(booklet, page_for("A5")), [glance.plan_day(i, day) for i, day in enumerate(booklet.days)])
    grid.narrowest = grid.text_size
    (laid, _), = glance.fit_box(grid, markup.inline("Reverberation mapping of supermassive black holes"), None, 40,
                                5 * grid.box_leading(grid.text_size) + 1)
    assert 40 < glance.LANE_MIN * grid.text_size
    assert sum(line.endswith("-") for line in _lines_of(laid)[:-1]) <= 1, _lines_of(laid)


def _sample_grid():
    """The glance's grid of the sample on A5 (its type 6.34 pt, a narrow lane's least 5.5)."""
    from booklet.data.validate import read_booklet
    from booklet.layout import glance
    from booklet.layout.common import Context
    from booklet.layout.page import page_for

    booklet, _ = read_booklet(SAMPLE)
    plans = [glance.plan_day(i, day) for i, day in enumerate(booklet.days)]
    return glance.Grid(Context(booklet, page_for("A5")), plans)


def test_a_narrow_lane_s_title_is_broken_with_the_one_hyphenation_it_may_keep():
    """A narrow lane's title was broken with any hyphenation and its hyphens counted after: "Reverbera- / tion map- /
    ping of…" held two, so it was cut to "Reverbera- / tion…" in a box of four lines, and at every smaller size too,
    where "Reverbera- / tion / mapping…" keeps more, or a smaller size keeps it whole. A box's style breaks its lines
    with no more hyphens than it may keep (a word's own hyphens aside)."""
    from booklet.layout import glance
    from booklet.layout.flowables import Para

    grid = _sample_grid()
    title = "Reverberation mapping of supermassive black holes"
    assert 36 < 40 < glance.LANE_MIN * grid.text_size and grid.narrowest < grid.text_size
    least = grid.narrowest
    grid.narrowest = grid.text_size  # (the theme's narrowest_type: 100)
    para = glance._fitted(grid, title, 40, 4, grid.text_size, None)
    assert _lines_of(para) == ["Reverbera-", "tion", "mapping\u2026"] and para.style.fontSize == grid.text_size
    grid.narrowest = least  # (85: smaller type, whole)
    para = glance._fitted(grid, title, 36, 5, grid.text_size, None)
    assert _lines_of(para) == ["Reverbera-", "tion mapping", "of", "supermassive", "black holes"], _lines_of(para)
    assert para.style.fontSize < grid.text_size
    lines = {}
    for most in (None, 1):
        para = Para(title, grid.box_style(grid.text_size, hyphens=most))
        para.wrap(40, 10_000)
        lines[most] = _lines_of(para)
    hyphenated = {most: [line for line in found if line.endswith("-")] for most, found in lines.items()}
    assert hyphenated == {None: ["Reverbera-", "of supermas-"], 1: ["Reverbera-"]}, lines


def test_a_narrow_lane_s_one_hyphenation_goes_where_it_keeps_the_title_whole():
    """Broken line by line, a title spent its one hyphenation on a word its line could leave whole ("Hadron Col- /
    lider"), and a word after that needed it was split, or took a line more: cut ("The Large / Hadron Col- /
    lider…") or set smaller where one hyphen elsewhere keeps it whole. A word's own hyphen is not one ("(Post- /
    Quantum)": it was counted, and the title set smaller); a word ReportLab's loop hyphenated first, broken again by
    booklet's, keeps its hyphen ("immobi- / lization", not split "immobiliz / ation")."""
    from booklet.layout import glance

    grid = _sample_grid()
    size = grid.text_size
    for title, width, room, lines, at in (
            ("The Large Hadron Collider Infrastructure Talk", 37, 4,
             ["The Large", "Hadron", "Collider Infra-", "structure Talk"], 5.59),
            ("From Computation to Consciousness", 43, 4, ["From", "Computation", "to Conscious-", "ness"], size),
            ("(Post-Quantum) Isogeny Cryptography", 38, 5,
             ["(Post-", "Quantum)", "Isogeny", "Cryptogra-", "phy"], size),
            ("Vehicle immobilization revisited", 31, 4, ["Vehicle", "immobi-", "lization", "revisited"], size)):
        assert width < glance.LANE_MIN * size
        para = glance._fitted(grid, title, width, room, size, None)
        assert (_lines_of(para), para.style.fontSize) == (lines, at), title


def test_a_box_with_no_room_holds_nothing():
    """truncated() at a width of 0, less, under ReportLab's _FUZZ or NaN, or in no line, is None (nothing fits): it
    raised AttributeError ('blPara': Paragraph.wrap breaks no lines in such a width). A box with room is as before."""
    from reportlab.lib.styles import ParagraphStyle

    from booklet.layout import glance
    from booklet.text.fonts import register_fonts

    register_fonts()
    style = ParagraphStyle("box", fontName="Sans", fontSize=6.5, leading=7.5, splitLongWords=1,
                           hyphenationLang="en_GB", embeddedHyphenation=1)
    for text in ("Increasingly performant builds", "", "A" * (glance.LONG_TEXT + 1)):
        for width, lines in ((0, 1), (-5, 2), (1e-9, 1), (float("nan"), 1), (40, 0), (40, -1)):
            assert glance.truncated(text, style, width, lines) is None, (text[:10], width, lines)
    assert _lines_of(glance.truncated("Increasingly performant builds", style, 40, 2)) == ["Increas-", "ingly\u2026"]


def test_a_first_word_too_wide_is_cut_where_it_would_be_hyphenated_and_no_punctuation_hangs_before_the_ellipsis():
    """"Reverbera…" or "Reverberation…", not "Reverberation-mappi…"; "Bayes factors…", not "Bayes factors,…"."""
    import pyphen
    from reportlab.lib.styles import ParagraphStyle

    from booklet.layout import glance
    from booklet.text.fonts import register_fonts

    register_fonts()
    style = ParagraphStyle("box", fontName="Sans", fontSize=6.5, leading=7.5, splitLongWords=1,
                           hyphenationLang="en_GB", embeddedHyphenation=1)
    word = "Reverberation-mapping"
    allowed = {word[:i] for i in pyphen.Pyphen(lang="en_GB").positions(word)} | {"Reverberation"}
    cuts = set()
    for width in range(20, 70):
        para = glance.truncated(f"{word} campaigns", style, width, 1)
        text = " ".join(_lines_of(para)) if para is not None else ""
        if text.endswith("\u2026") and " " not in text:
            cuts.add(text[:-1])
    shortest = min(len(cut) for cut in allowed if len(cut) >= glance.MIN_KEPT)  # "Rever"
    assert cuts and {cut for cut in cuts if len(cut) >= shortest} <= allowed, cuts  # shorter: where none fits
    assert {"Reverbera", "Reverberation"} <= cuts
    for text in ("Bayes factors, cross-validation and the evidence", "Mind the gap: ages of stars and more"):
        shown = set()
        for width in range(30, 120, 3):
            para = glance.truncated(text, style, width, 1)
            if para is not None:
                shown.add(" ".join(_lines_of(para)))
        assert not [s for s in shown if s[-2:-1] in ",:"], shown
        assert {"Bayes factors\u2026", "Mind the gap\u2026"} & shown
    cut = {" ".join(_lines_of(p)) for w in range(20, 120, 3) if (p := glance.truncated("Why C++ matters", style, w, 1))}
    assert "Why C++\u2026" in cut and not [c for c in cut if c.endswith(("C\u2026", "C+\u2026"))], cut


def test_a_sentence_s_full_stop_is_dropped_before_the_ellipsis_an_abbreviation_s_kept():
    """31C3's glance showed "SS7: Lo- / cate.…" (the title "SS7: Locate. Track. Manipulate." cut after "Locate."): a
    typesetter drops a sentence's full stop before the ellipsis, "cate…"; Camp 2019's "Zombie Apocalypse vs.
    International Health Regulations" keeps the abbreviation's, "vs.…" ("vs…" reads as a word cut short)."""
    from reportlab.lib.styles import ParagraphStyle

    from booklet.layout import glance
    from booklet.text.fonts import register_fonts

    register_fonts()
    style = ParagraphStyle("box", fontName="Sans", fontSize=6.84, leading=7.93, splitLongWords=1,
                           hyphenationLang="en_US", embeddedHyphenation=1)  # (31C3's: language en)

    def shown(text: str, lines: int) -> set[str]:
        return {" ".join(_lines_of(para)) for width in range(20, 160) for count in range(1, lines + 1)
                if (para := glance.truncated(text, style, width, count)) is not None}

    ss7 = shown("SS7: Locate. Track. Manipulate.", 2)
    assert not [text for text in ss7 if text.endswith(".\u2026")], ss7
    assert {"SS7: Locate\u2026", "SS7: Locate. Track\u2026", "SS7: Lo- cate\u2026"} <= ss7, ss7
    zombie = shown("Zombie Apocalypse vs. International Health Regulations", 2)
    assert [text for text in zombie if text.endswith("Apocalypse vs.\u2026")], zombie
    assert not [text for text in zombie if text.endswith("vs\u2026")], zombie
    written = shown("Wait... what? An initial J. Smith and e.g. more", 1)
    assert {"Wait\u2026", "Wait... what? An initial J.\u2026", "Wait... what? An initial J. Smith and e.g.\u2026"} \
        <= written, written


def test_a_narrow_box_names_the_first_speaker_et_al_and_hyphenates_a_title_in_its_own_language(tmp_path):
    folder = write_conference(tmp_path / "conf", {
        "theme.yaml": "labels:\n  et_al: und andere\n",
        "abstracts.yaml": """\
        - id: many
          kind: contributed
          title: Schwarzschildradiusberechnungen
          language: de
          authors:
            - {name: Ann Kim, affiliation: Lund University, presenting: true}
            - {name: Bartholomew Featherstonehaugh, affiliation: Lund University, presenting: true}
          abstract: Text.
        """,
        "programme.yaml": """\
        days:
          - date: 2027-09-13
            items:
              - {time: "09:00-10:00", talk: many}
              - {time: "09:00-10:00", title: A, room: R2}
              - {time: "09:00-10:00", title: B, room: R3}
              - {time: "09:00-10:00", title: C, room: R4}
        """})
    build_booklet(folder, tmp_path / "b.pdf")
    pdf = Pdf(tmp_path / "b.pdf")
    (glance_page,) = [i for i in pdf.pages_with("Programme at a glance") if pdf.lines(i)[0] == "Programme at a glance"]
    lines = pdf.lines(glance_page)
    assert "Ann Kim und andere" in lines, " | ".join(lines)
    assert "Featherstonehaugh" not in " ".join(lines)
    title = [line for line in lines if line.startswith("Schwarz")]
    assert title and title[0] in ("Schwarz-", "Schwarzschild-", "Schwarzschildra-", "Schwarzschildradi-",
                                  "Schwarzschildradius-"), lines  # German breaks, not English ones


def _days(count: int, rooms: int) -> dict[str, str]:
    programme = ["days:"]
    for k in range(count):
        programme += [f"  - date: {dt.date(2027, 1, 1) + dt.timedelta(days=k)}", "    items:"]
        if rooms == 1:
            programme.append(f"      - {{time: '09:00-10:00', title: Item {k}}}")
        else:
            programme.append("      - parallel:")
            programme += [f"          - {{session: S{k}{r}, items: [{{time: '09:00-10:00', title: T{k}{r}}}]}}"
                          for r in range(rooms)]
    end = dt.date(2027, 1, 1) + dt.timedelta(days=count - 1)
    return {"programme.yaml": "\n".join(programme) + "\n",
            "conference.yaml": f"title: T\ndates: {{start: 2027-01-01, end: {end}}}\nvenue: V\n"}


def test_a_glance_without_the_programme_section_names_the_parallel_sessions_with_no_link(tmp_path):
    """It linked its gathered boxes to the days' programme pages, which were not there: an internal error."""
    folder = write_conference(tmp_path / "conf", {**_days(5, 4), "theme.yaml": "sections: [glance]\n"})
    result = build_booklet(folder, tmp_path / "g.pdf")
    pdf = Pdf(tmp_path / "g.pdf")
    pages = [p for p in range(len(pdf)) if norm("PARALLEL SESSIONS") in pdf.norms[p]]
    assert pages and all(not pdf.links(p) for p in pages)
    assert "day-0" not in result.anchors


def test_a_programme_of_forty_days_has_a_glance_of_as_many_pages_as_keep_its_lanes_readable(tmp_path):
    """Past a spread (a glance of 215 days or more was a spread of columns narrower than nothing: an internal
    error), the days go on as many pages as keep every lane 7.5 ems wide, in order, each day once."""
    folder = write_conference(tmp_path / "conf", _days(40, 1))
    result = build_booklet(folder, tmp_path / "g.pdf")
    pdf = Pdf(tmp_path / "g.pdf")
    start = result.anchors["glance"] - 1
    pages = list(range(start, result.anchors["programme"] - 1))
    assert len(pages) > 2 and start % 2 == 1  # from a left-hand page
    shown = [line for p in pages for line in pdf.lines(p) if line.startswith("Item ")]
    assert shown == [f"Item {k}" for k in range(40)]


def test_a_title_that_fits_its_box_unhyphenated_is_not_hyphenated_and_no_line_starts_with_a_dot(monkeypatch):
    """"Welcome Re- / ception" and "Free After- / noon" were hyphenated in narrow boxes with lines to spare (six
    tracks a day); the names of gathered sessions began a line with their "·"."""
    from booklet.data.validate import read_booklet
    from booklet.layout import glance
    from booklet.layout.common import Context
    from booklet.layout.page import page_for
    from booklet.text import paragraph
    from reportlab.lib.styles import ParagraphStyle

    # (what hyphenation alone makes of them: the rule for a paragraph's last line, on its own, also keeps these whole)
    monkeypatch.setattr(paragraph, "_no_final_hyphen", lambda para, width, break_lines_of: break_lines_of(para, width))

    booklet, _ = read_booklet(SAMPLE)
    ctx = Context(booklet, page_for("A5"))
    grid = glance.Grid(ctx, [glance.plan_day(i, day) for i, day in enumerate(booklet.days)])
    for title, width in (("Welcome Reception", 40), ("Free Afternoon", 40)):
        # (what the language's hyphenation makes of it at that width: a box's takes no "Re-", two letters)
        style = ParagraphStyle("any", parent=grid.box_style(grid.text_size), hyphenationLang=grid.hyphenation)
        hyphenated = glance.truncated(title, style, width, 3)
        assert _lines_of(hyphenated)[0].endswith("-")
        (laid, _), = glance.fit_box(grid, title, None, width, 30)
        assert _lines_of(laid) == title.split(), title
    gathered, _ = glance._gathered(ctx, [glance.Box(None, Session(f"Track {n}", ()), 0, 60, n, (0, n))
                                         for n in range(5)])
    assert "\u00a0\u00b7 Track\u00a01" in gathered  # (the dot held to the name before it; the number to its name)


def test_a_box_s_style_is_made_once_a_grid_and_a_sliver_s_leading_is_a_style_of_its_own():
    """Every box of a glance page set in one size shares one style (its layout key, by value, worked out once a
    style: the sample's 110 boxes were 110 styles, each compared whole); a sliver's line, its leading its type size,
    has a style of its own, and leaves the boxes' as they were."""
    from booklet.data.validate import read_booklet
    from booklet.layout import glance
    from booklet.layout.common import Context
    from booklet.layout.page import page_for

    booklet, _ = read_booklet(SAMPLE)
    ctx = Context(booklet, page_for("A5"))
    grid = glance.Grid(ctx, [glance.plan_day(i, day) for i, day in enumerate(booklet.days)])
    size = grid.text_size
    style = grid.box_style(size)
    assert grid.box_style(size) is style and style.leading == grid.box_leading(size) != size
    unhyphenated = grid.box_style(size, hyphenated=False)
    assert unhyphenated is not style and unhyphenated.hyphenationLang == "" and style.hyphenationLang
    muted = grid.box_style(size, colour=ctx.colours.muted)
    assert muted is not style and muted.textColor == ctx.colours.muted and style.textColor == ctx.colours.text
    smallest = glance.SMALLEST
    (line, _), = glance._sliver(grid, "Break", 40, smallest, None)
    assert line.style.leading == line.style.fontSize == smallest and line.style is not grid.box_style(smallest)
    assert grid.box_style(smallest).leading == grid.box_leading(smallest) != smallest  # (not the sliver's)
    assert grid.box_style(size) is style and style.leading == grid.box_leading(size)


def test_a_number_ending_a_box_s_title_is_never_alone_on_its_line():
    """The 31C3 import, A5 pp. 4-5: "Lightning Talks Day 2" (3, 4) in boxes a fifth of a day's column wide read
    "Lightning / Talks Day / 2", the number alone on the box's last line, where the programme's lines, whose titles
    are markup.title's, tie it to the word before. A box's title now ties its closing number so too
    (markup.number_tied): "Lightning / Talks / Day 2", as many lines; a tied run wider than the box is broken as
    before."""
    from booklet.data.validate import read_booklet
    from booklet.layout import glance
    from booklet.layout.common import Context
    from booklet.layout.page import page_for

    booklet, _ = read_booklet(SAMPLE)
    ctx = Context(booklet, page_for("A5"))
    grid = glance.Grid(ctx, [glance.plan_day(i, day) for i, day in enumerate(booklet.days)])
    title = "Lightning Talks Day 2"
    text, speakers = glance._texts(ctx, Item("other", TimeRange(dt.time(12), dt.time(13)), title))
    assert speakers is None and text == "Lightning Talks Day\u00a02"
    for width, expected in ((30, ["Lightning", "Talks", "Day 2"]), (60, ["Lightning Talks", "Day 2"])):
        (untied, _), = glance.fit_box(grid, markup.inline(title), None, width, 30)
        assert _lines_of(untied)[-1] == "2"  # (what the box read before, at that width)
        (laid, _), = glance.fit_box(grid, text, None, width, 30)
        assert [line.replace("\u00a0", " ") for line in _lines_of(laid)] == expected, width
    (wide, _), = glance.fit_box(grid, glance._texts(ctx, Item("other", None, "Hyperparameterisation 12"))[0], None,
                                40, 30)
    assert [line.replace("\u00a0", " ") for line in _lines_of(wide)] == ["Hyperparam-", "eterisation", "12"]


def test_a_box_of_parallel_sessions_a_line_high_names_them_on_that_line():
    """The 31C3 import, A5 p. 4: Sunday's half-hour stretches of four parallel talks, each one box across the column a
    line high, printed "PARALLEL…" and nothing else (the label's line cut, the sessions on the next line, which the
    box does not have). A box of one line sets the label and the sessions' names on it, cut after a name."""
    from booklet.data.validate import read_booklet
    from booklet.layout import glance
    from booklet.layout.common import Context
    from booklet.layout.page import page_for

    booklet, _ = read_booklet(SAMPLE)
    ctx = Context(booklet, page_for("A5"))
    grid = glance.Grid(ctx, [glance.plan_day(i, day) for i, day in enumerate(booklet.days)])
    title, _ = glance._gathered(ctx, [glance.Box(None, Session(name, ()), 0, 30, n, (0, n)) for n, name in
                                      enumerate(("Security & Hacking", "Hardware & Making", "Science", "Art"))])
    (one, _), = glance.fit_box(grid, title, None, 170, grid.box_leading(grid.text_size))
    line, = _lines_of(one)
    assert norm(line).startswith(norm("PARALLEL SESSIONS Security & Hacking")), line
    (two, _), = glance.fit_box(grid, title, None, 170, 2 * grid.box_leading(grid.text_size) + 1)
    assert _lines_of(two)[0] == "PARALLEL SESSIONS"  # (two lines: the label on its own, as before)


def test_a_gathered_box_lower_than_a_line_sets_its_label_in_the_line_s_type(tmp_path):
    """A box of parallel sessions too low for a line of the smallest type (SLIVER), with no free time beside it, sets
    its one line in the type it holds, down to TINY; its "PARALLEL SESSIONS" kept SMALLEST (5.5 points), larger than
    the sessions' names after it on that line and reaching above the box. Now the label is set no larger than the
    line: sizes and baselines as drawn in the PDF."""
    from reportlab.pdfgen.canvas import Canvas

    from booklet.data.validate import read_booklet
    from booklet.layout import glance
    from booklet.layout.common import Context
    from booklet.layout.page import page_for

    booklet, _ = read_booklet(SAMPLE)
    ctx = Context(booklet, page_for("A5"))
    grid = glance.Grid(ctx, [glance.plan_day(i, day) for i, day in enumerate(booklet.days)])
    title, _ = glance._gathered(ctx, [glance.Box(None, Session(name, ()), 0, 30, n, (0, n)) for n, name in
                                      enumerate(("Security & Hacking", "Science"))])
    height = 4.7  # (lower than SMALLEST * SLIVER, higher than TINY's capitals and descenders)
    (para, drop), = glance.fit_box(grid, title, None, 250, height)
    canvas = Canvas(str(tmp_path / "box.pdf"), pagesize=(300, 50))
    para.drawOn(canvas, 10, 20 + height - drop)
    canvas.save()
    pdf = Pdf(tmp_path / "box.pdf")
    found, sizes = _baselines_and_sizes(pdf, 0)
    size = round(height / (glance.CAP_HEIGHT + glance.DESCENDER), 2)  # the line's type (_sliver)
    label = next(text for text in sizes if norm(text).startswith("parallel"))
    names = next(text for text in sizes if "Security" in text)
    assert abs(sizes[label] - size) < 0.01 and abs(sizes[names] - size) < 0.01, sizes
    assert abs(found[label] - found[names]) < 0.01  # one line
    assert found[label] + glance.CAP_HEIGHT * sizes[label] < 20 + height + 0.01  # its capitals inside the box


def test_a_gathered_box_s_label_size_is_a_parameter_of_its_title_not_an_edit_of_its_markup():
    """_sliver made the label's smaller type by replacing a piece of font markup (LABEL_FONT) in the title's text; the
    title now carries its label's size: `at(size)` sets it, `run_on()` puts it on one line, the markup as before."""
    from booklet.data.validate import read_booklet
    from booklet.layout import glance
    from booklet.layout.common import Context
    from booklet.layout.page import page_for

    booklet, _ = read_booklet(SAMPLE)
    ctx = Context(booklet, page_for("A5"))
    title, _ = glance._gathered(ctx, [glance.Box(None, Session(name, ()), 0, 30, n, (0, n)) for n, name in
                                      enumerate(("Security & Hacking", "Science"))])
    colour = glance.markup_color(ctx.colours.accent)
    assert title == f'<font size="5.5" color="{colour}">PARALLEL SESSIONS</font><br/>Security &amp; Hacking' \
                    "\u00a0\u00b7 Science"
    assert title.at(4.91) == title.replace('size="5.5"', 'size="4.91"')
    assert title.run_on() == title.replace("<br/>", " ") and title.run_on().at(5) == title.at(5).replace("<br/>", " ")
    assert not hasattr(glance, "LABEL_FONT")


def test_a_slot_with_nothing_in_it_is_left_blank(tmp_path, monkeypatch):
    """`{time: "10:00-10:20"}` (a slot kept free) was an empty white box, which looked like a drawing's fault."""
    from booklet.layout import glance

    drawn = []
    draw = glance.GlancePage._draw_box

    def noted(self, x, y, width, height, fill, ref, title, *rest, **named):
        drawn.append((title, fill))
        return draw(self, x, y, width, height, fill, ref, title, *rest, **named)

    monkeypatch.setattr(glance.GlancePage, "_draw_box", noted)
    folder = write_conference(tmp_path / "conf", {"programme.yaml": """\
        days:
          - date: 2027-09-13
            items:
              - {time: "09:00-09:40", talk: lund-2026}
              - {time: "09:40-10:00"}
              - {time: "10:00-10:30", title: Registration}
        """})
    build_booklet(folder, tmp_path / "b.pdf")
    assert [title is not None for title, _ in drawn] == [True, True]
    assert [fill is None for _, fill in drawn] == [False, True]  # the talk's box; Registration's white one


def _one_day_glance(tmp_path, morning: str) -> tuple[Pdf, int]:
    """The built booklet and its glance page for a day from 07:00 to 22:00: registration, the items `morning` (YAML
    flow mappings, one a line) from 08:15, a changeover, coffee, an excursion and dinner (no three hours empty)."""
    return _day_glance(tmp_path, ['{time: "07:30-08:15", title: Registration}',
                                  *textwrap.dedent(morning).strip().split("\n"),
                                  '{time: "09:10-09:15", title: Changeover}',
                                  '{time: "09:15-10:00", title: Coffee, kind: break}',
                                  '{time: "12:00-18:00", title: Excursion, kind: social}',
                                  '{time: "20:00-22:00", title: Dinner, kind: social}'])


def _day_glance(tmp_path, items: list[str]) -> tuple[Pdf, int]:
    """The built booklet and its glance page for one day of `items` (YAML flow mappings), the glance and the programme
    alone (GLANCE_AND_PROGRAMME)."""
    programme = "days:\n  - date: 2027-09-13\n    items:\n" + "".join(f"      - {item}\n" for item in items)
    folder = write_conference(tmp_path / "conf", {"programme.yaml": programme, "theme.yaml": GLANCE_AND_PROGRAMME})
    result = build_booklet(folder, tmp_path / "b.pdf")
    pdf = Pdf(tmp_path / "b.pdf")
    (page,) = glance_pages(pdf, result.anchors)
    return pdf, page


def _faces(pdf: Pdf, page: int) -> dict[str, str]:
    """Each word on the page -> the name of the font it is first drawn in ("...NotoSerif-Italic")."""
    faces: dict[str, str] = {}

    def visit(text, cm, tm, font, size):
        for word in text.replace("\u00a0", " ").split():
            faces.setdefault(word, str(font["/BaseFont"]) if font else "")

    pdf.reader.pages[page].extract_text(visitor_text=visit)
    return faces


def _baselines_and_sizes(pdf: Pdf, page: int) -> tuple[dict[str, float], dict[str, float]]:
    """Each text on the page (stripped) -> its baseline's height, and its size as drawn."""
    found, sizes = {}, {}

    def visit(text, cm, tm, font, size):
        if text.strip():
            found[text.strip()] = tm[5] * cm[3] + cm[5]
            sizes[text.strip()] = size * tm[3] * cm[3]

    pdf.reader.pages[page].extract_text(visitor_text=visit)
    return found, sizes


def test_a_quarter_hour_too_low_for_a_line_of_the_smallest_type_still_says_what_it_is(tmp_path):
    """On a day from 07:00 to 22:00, an A5 glance gives a quarter of an hour about 6 points: less than a line of
    the smallest type with its leading. "Welcome" was an empty white sliver; its one line now goes in with no
    leading to spare, its capitals and descenders centred in the box. Five minutes are too low for the type:
    "Changeover" goes in the box of the coffee break right after it ("Changeover · Coffee"), a line of the programme
    as it is."""
    pdf, page = _one_day_glance(tmp_path, """
        {time: "08:15-08:30", title: Welcome}
        {time: "08:30-09:10", talk: lund-2026}""")
    found, sizes = _baselines_and_sizes(pdf, page)
    assert "Welcome" in found and "Changeover" not in found  # (not a box of its own: with the coffee's, below)
    changeover = next(text for text in found if text.startswith("Changeover") and text != "Changeover")
    assert "Coffee" in changeover or found.get("Coffee") == found[changeover]  # (on its line: in italics, a run apart)
    hours = {text: found[text] + 0.95 * sizes[text] for text in ("08:00", "09:00")}  # their lines (_hours)
    per_minute = (hours["08:00"] - hours["09:00"]) / 60
    top, bottom = hours["08:00"] - 15 * per_minute, hours["08:00"] - 30 * per_minute  # 08:15 and 08:30
    descender = 5.5 * 0.239
    assert bottom + 0.6 < found["Welcome"] - descender < top - 0.6 - 5.5 * 0.714  # its line and capitals in its box
    assert abs((found["Welcome"] - descender - bottom) - (top - found["Welcome"] - 5.5 * 0.714)) < 0.3  # centred


def test_short_lines_one_after_another_are_one_box_naming_them(tmp_path):
    """"Opening remarks" 09:00-09:05, "Group photo" 09:05-09:15, "Announcement" 09:15-09:17: each box too low for a
    line, their titles went unprinted (a fuzzing run); one box over their time names them, as the day's page does.
    A short line alone, between longer items, keeps its own box."""
    pdf, page = _one_day_glance(tmp_path, """
        {time: "08:15-08:20", title: Opening remarks}
        {time: "08:20-08:30", title: Group photo}
        {time: "08:30-08:32", title: Announcement}
        {time: "08:32-09:10", talk: lund-2026}""")
    lines = pdf.lines(page)
    assert any(line.startswith("Opening remarks\u00a0\u00b7 Group") or line.startswith("Opening remarks \u00b7 Group")
               for line in lines), lines
    assert "Changeover\u00a0\u00b7 Coffee" in lines or "Changeover \u00b7 Coffee" in lines  # (5 minutes alone: with
    # the line after it, not the talk before it)


def test_lines_in_one_box_keep_the_faces_their_own_boxes_give_them(tmp_path):
    """A break named in a box of lines gathered ("Changeover · Coffee") is in italics as a break's own box is, the
    line before it upright (GMTH 2023's Saturday lunch, alone in such a box, was upright, Friday's italic)."""
    pdf, page = _one_day_glance(tmp_path, """
        {time: "08:15-08:30", title: Welcome}
        {time: "08:30-09:10", talk: lund-2026}""")
    faces = _faces(pdf, page)
    assert "Changeover\u00a0\u00b7 Coffee" in pdf.lines(page) or "Changeover \u00b7 Coffee" in pdf.lines(page)
    assert "Italic" in faces["Coffee"], faces
    assert "Italic" not in faces["Changeover"] and "Bold" not in faces["Changeover"], faces
    assert "Bold" in faces["Dinner"], faces  # (a social event's own box, as before)


def test_a_break_named_among_parallel_sessions_is_in_italics(tmp_path):
    """A coffee break of the day's own beside the last talk of one of fourteen parallel sessions is named in their
    box, "PARALLEL SESSIONS" (GMTH 2023's Saturday: "... Neo-Riemannian Theory · Kaffeepause"): in italics, as in a
    box of its own, the sessions' names upright (it was upright too)."""
    def track(k: int) -> str:
        times = ("14:30-15:00", "15:00-15:30", "15:30-16:30" if k == 1 else "15:30-16:00")
        return f"{{session: Track {k}, items: [{', '.join(f'{{time: {t}, title: Talk {k}}}' for t in times)}]}}"

    pdf, page = _day_glance(tmp_path, ['{time: "09:00-12:00", title: Morning}',
                                       "parallel:" + "".join(f"\n          - {track(k)}" for k in range(1, 15)),
                                       '{time: "16:00-16:30", title: Coffee, kind: break}'])
    assert any(line.endswith("Track 14 \u00b7 Coffee") or line.endswith("Track 14\u00a0\u00b7 Coffee")
               for line in pdf.lines(page)), pdf.lines(page)
    faces = _faces(pdf, page)
    assert "Italic" in faces["Coffee"] and "Italic" not in faces["Track"], faces


def test_a_spreads_page_with_no_untimed_item_has_no_heading_for_them(tmp_path):
    """A glance over two pages, the last day (on the right page) with an item without a time: "No fixed time" was
    printed on the left page too, with nothing under it (a review). It heads the right page's list alone."""
    folder = write_conference(tmp_path / "conf", {"programme.yaml": """\
        days:
          - {date: 2027-09-13, items: [{time: "09:00-12:00", title: Session one}]}
          - date: 2027-09-14
            items:
              - parallel:
                  - {session: A, items: [{time: "09:00-10:00", title: Talk A}]}
                  - {session: B, items: [{time: "09:00-10:00", title: Talk B}]}
                  - {session: C, items: [{time: "09:00-10:00", title: Talk C}]}
                  - {session: D, items: [{time: "09:00-10:00", title: Talk D}]}
          - {date: 2027-09-15, items: [{time: "09:00-12:00", title: Session three}]}
          - {date: 2027-09-16, items: [{time: "09:00-12:00", title: Session four}]}
          - {date: 2027-09-17, items: [{time: "09:00-10:00", title: Closing}, {title: Departure}]}
        """})
    result = build_booklet(folder, tmp_path / "b.pdf")
    pdf = Pdf(tmp_path / "b.pdf")
    left, right = glance_pages(pdf, result.anchors)
    assert "No fixed time" not in pdf.lines(left) and "Departure" not in pdf.lines(left)
    assert "No fixed time" in pdf.lines(right) and "Departure" in pdf.lines(right)


def test_lines_too_short_for_their_titles_each_go_with_one_neighbour_line():
    """Two lines too short for their titles on either side of a longer line: the first goes with it, the second
    (its neighbour taken) stays as it is; neither a talk's box nor a line taken already is joined again."""
    from booklet.layout.glance import _short_lines

    day = Day(dt.date(2027, 9, 13), (_item("a", (9, 0), (9, 1)), _item("b", (9, 1), (10, 0)),
                                     _item("c", (10, 0), (10, 1)), _item("d", (12, 0), (13, 0))))
    runs = _short_lines(plan_day(0, day).boxes, shortest=2, textless=2)
    assert [[box.item.title for box in run] for run in runs] == [["a", "b"]]


def test_a_tracks_short_talks_before_and_after_a_workshop_beside_it_are_not_one_box(tmp_path):
    """XDC 2021 (Indico): a day of a main track, mostly twenty-minute talks, and a workshop beside it for two hours
    was one box "PARALLEL SESSIONS · Main Track · Workshop" from 13:00 to 19:35: the talks before and after the
    workshop, alone in their time and full width, counted as boxes of cramped lanes. Only the boxes beside another
    count."""
    abstracts: list[str] = []
    programme = ["days:"]
    for day in range(3):
        main = [_talk(abstracts, 9 * 60 + 25 * k, 20) for k in range(4)]  # 09:00-10:35
        main += [_talk(abstracts, 11 * 60, 45), _talk(abstracts, 11 * 60 + 50, 45)]  # beside the workshop
        main += [_talk(abstracts, 13 * 60 + 25 * k, 20) for k in range(16)]  # 13:00-19:35
        workshop = _talk(abstracts, 11 * 60, 120)
        programme += [f"  - date: 2027-09-{13 + day}", "    items:", "      - parallel:",
                      "          - session: Main Track", "            items:", *("              " + m for m in main),
                      "          - session: Workshop", "            items:", "              " + workshop]
    pdf, pages = _glance(tmp_path / "conf", abstracts, programme, days=3)
    text = " ".join(pdf.norms[page] for page in pages)
    assert norm("PARALLEL SESSIONS") not in text
    assert all(norm(f"Talk{n:03d}") in text for n in (1, 5, 6, 7, 22, 23, 46, 69)), text


def test_the_day_s_own_items_amid_gathered_parallel_sessions_keep_their_boxes_across_the_column(tmp_path):
    """Fourteen rooms are too narrow for lanes on an A5 page: their sessions are gathered into boxes
    naming them. A breakfast and a lunch of the day's own (in no session), in that time because a workshop runs
    10:00-13:00, keep boxes of their own across the column at their times; the sessions are named in a box for each
    stretch around them (one box from 10:00 to 14:00 named "Breakfast" and "Lunch" among the rooms)."""
    abstracts: list[str] = []

    def block(start: int, minutes: int, long: bool) -> list[str]:
        lines = ["      - parallel:"]
        for r in range(14):
            lines += [f"          - session: Room R{r}", "            items:",
                      "              " + _talk(abstracts, start, 180 if long and r == 13 else minutes)]
        return lines

    programme = ["days:", "  - date: 2027-09-13", "    items:", *block(10 * 60, 30, long=True),
                 '      - {time: "10:30-11:00", title: Breakfast, kind: break}', *block(11 * 60, 90, long=False),
                 '      - {time: "12:30-14:00", title: Lunch, kind: break}', *block(14 * 60, 60, long=False)]
    pdf, (page,) = _glance(tmp_path / "conf", abstracts, programme)
    found = chunks(pdf, page)
    hours = hours_at(found)
    labels = sorted({round(y, 1) for _, y, text in found if text == "PARALLEL SESSIONS"}, reverse=True)
    breakfast, lunch = ({round(y, 1) for _, y, text in found if text == name} for name in ("Breakfast", "Lunch"))
    assert sum(text == "PARALLEL SESSIONS" for _, _, text in found) == 3  # 10:00, 11:00 and 14:00
    assert sum(text in ("Breakfast", "Lunch") for _, _, text in found) == 2 and len(breakfast) == len(lunch) == 1
    (breakfast,), (lunch,) = breakfast, lunch
    assert hours["10:00"] > labels[0] > breakfast > labels[1] > hours["11:00"] - 3
    assert hours["12:00"] > lunch > hours["13:00"] and hours["14:00"] > labels[2]
    text = pdf.norms[page]
    assert all(norm(f"Room R{r}") in text for r in range(14)) and not any(
        norm(f"Talk{n:03d}") in text for n in range(1, len(abstracts) + 1))
    assert all(text in ("Breakfast", "Lunch") for _, _, text in found if "Breakfast" in text or "Lunch" in text)


def _hour_rules(path, page: int) -> list[float]:
    """The height of each hour's line drawn across the grid on `page` (0-based), from the top down."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    document = pdfium.PdfDocument(str(path))
    try:
        found = [b.get_bounds() for b in document[page].get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH])]
        return sorted(((b[1] + b[3]) / 2 for b in found if b[3] - b[1] < 1 and b[2] - b[0] > 100), reverse=True)
    finally:
        document.close()


def _around(boxes, x: float, y: float) -> tuple[float, float, float, float]:
    """The smallest of `boxes` (left, bottom, right, top) around a point."""
    inside = [b for b in boxes if b[0] <= x <= b[2] and b[1] <= y <= b[3]]
    return min(inside, key=lambda b: (b[2] - b[0]) * (b[3] - b[1]))


@pytest.mark.parametrize("school_at, start, end, side, suffix, share", [
    (0, "09:00", "18:00", "left", "", 2),  # first in the programme: the left lane
    (2, "09:30", "22:00", "right", "", 2),  # GMTH 2023's Thursday: in the middle of the rooms, from before to after them
    (0, "09:00", "17:00", "left", "", 2),  # on beside them for three hours of their four, not all the while
    # rooms of long names (39C3's fifty rooms beside a DJ set): half the column would not hold them, a third for it
    (0, "09:00", "18:00", "left", " of the Congress Centre, Hall of the Hackers and Makers", 3),
])
def test_a_session_on_beside_gathered_parallel_sessions_and_alone_before_or_after_is_set_aside(tmp_path, school_at,
                                                                                                 start, end, side,
                                                                                                 suffix, share):
    """GMTH 2023 (A5 p. 4), Thursday: an autumn school from 09:30 to 22:00, a session named by its room ("Raum 101 und
    105"), beside six rooms' meetings from 15:00 to 20:30 gathered into one box. It was three boxes one under another
    in one column, all the session's colour: the room alone until 15:00, "PARALLEL SESSIONS" naming it among the
    rooms until 20:30, the room alone again: one confused box, the room named twice in it and once more in the middle.
    Now the school is its own box (its item's title, as on the day it is a line of the day's) over its whole time, in
    half of the column, the left one when it comes first in the programme, else the right one; the rooms are gathered
    in the other half, from when they start to when they end, without it. (In a third of the column, the school's
    title was four lines of a word each beside a box of the rooms' names with room to spare.)"""
    abstracts: list[str] = []
    school = ["          - session: Raum 101 und 105", "            room: Raum 101 und 105", "            items:",
              f'              - {{time: "{start}-{end}", title: Autumn School - Artistic Research}}']
    lines = ["days:", "  - date: 2027-09-13", "    items:", "      - parallel:"]
    for r in range(14):
        lines += school if r == school_at else []
        lines += [f"          - session: Room R{r}{suffix}", f"            room: Room R{r}", "            items:",
                  "              " + _talk(abstracts, 14 * 60, 120 + 30 * (r % 2))]
    pdf, (page,) = _glance(tmp_path / "conf", abstracts, lines)
    text = pdf.norms[page]
    assert text.count(norm("Autumn School - Artistic Research")) == 1 and norm("Raum 101") not in text
    assert norm(f"PARALLEL SESSIONS Room R0{suffix}") in text
    found = chunks(pdf, page)
    rects, rules = _path_boxes(pdf.path, page), _hour_rules(pdf.path, page)
    (label,) = [(x, y) for x, y, t in found if t == "PARALLEL SESSIONS"]
    (title,) = [(x, y) for x, y, t in found if t.startswith("Autumn")]
    gathered, own = _around(rects, *label), _around(rects, title[0], title[1] + 1)
    hour = rules[0] - rules[1]  # (the grid from 09:00: a rule at each hour)

    def y(hhmm: str) -> float:
        return rules[0] - (int(hhmm[:2]) - 9 + int(hhmm[3:]) / 60) * hour

    own = (own[0] + 0.3, own[1] + 0.3, own[2] - 0.3, own[3] - 0.3)  # (a white box: its bounds take its rule in)
    assert own[3] == pytest.approx(y(start) - 0.6, abs=0.05) and own[1] == pytest.approx(y(end) + 0.6, abs=0.05)
    assert gathered[3] == pytest.approx(y("14:00") - 0.6, abs=0.05)  # the rooms from 14:00 to 16:30
    assert gathered[1] == pytest.approx(y("16:30") + 0.6, abs=0.05)
    column = (gathered[2] - gathered[0] + 1.2) + (own[2] - own[0] + 1.2)
    assert own[2] - own[0] + 1.2 == pytest.approx(column / share, abs=0.05)  # half (a third); the rooms the rest
    # the title on two lines at most (four in a third of the column, GMTH's, before)
    words = [(x, y) for x, y, t in found if own[0] <= x <= own[2] and own[1] <= y <= own[3]]
    assert len({round(y, 1) for _, y in words}) <= (2 if share == 2 else 4), words
    assert (own[2] <= gathered[0]) if side == "left" else (gathered[2] <= own[0])


@pytest.mark.parametrize("names, lanes", [
    (["Raum A1", "Raum B2", "Raum C3", "Raum D4"], 2),  # (4 x 7 letters, and a mark between: half holds them)
    (["東京大学講堂", "京都大学講堂", "大阪大学講堂", "札幌大学講堂"], 3),  # (as wide as 12 letters each: a third)
    (["Raum Nr. A1 Ost", "Raum Nr. B2 Ost", "Raum Nr. C3 Ost", "Raum Nr. D4 Ost"], 3),  # (12 letters each, as wide)
    # (8 letters each and an accent written apart, as a Vietnamese "Phòng" decomposed is: no letter, half holds them)
    (["Pho\u0300ng A1", "Pho\u0300ng B2", "Pho\u0300ng C3", "Pho\u0300ng D4"], 2),
])
def test_the_lanes_a_session_set_aside_shares_count_a_chinese_character_as_two_letters(names, lanes):
    """_aside_lanes estimates the letters the sessions gathered beside a long session set aside print: each counted
    one, four Chinese names of six characters (each about an em wide, two letters of LETTER ems) were taken for six
    letters, and set in half the column, where they were cut short. A combining accent adds no letter."""
    from booklet.layout.glance import NARROW, Box, _aside_lanes

    boxes = [Box(None, Session(name, ()), 14 * 60, 15 * 60, order, MAIN) for order, name in enumerate(names)]
    # (boxes of 6-point type, a column of 150 points, a line for each 20 minutes of the smallest type: an hour of
    # them holds about 2.75 lines of 6-point type, 21.8 letters each in half the column, three quarters filled)
    assert _aside_lanes(boxes, 60, 150, NARROW * 6, 20) == lanes

def test_a_session_set_aside_keeps_its_other_talks_in_its_lane_not_named_among_the_gathered_ones(tmp_path):
    """39C3 (A5 p. 4), Sunday: "SoS Workshop D", a talk at 10:30 and then one after another from 14:00 to 10:00 the
    next morning, was set aside in a lane of its own from 14:00; its 10:30 talk was left among forty rooms gathered
    beside it, so "SoS Workshop D" was printed twice side by side, in the gathered box and in its own. Its early talk
    is now a box in its lane (its title, above its session's box), and the gathered box does not name it."""
    abstracts: list[str] = []
    lines = ["days:", "  - date: 2027-09-13", "    items:", "      - parallel:",
             "          - session: Workshop D", "            room: Workshop D", "            items:",
             "              " + _talk(abstracts, 9 * 60 + 30, 30),
             '              - {time: "13:00-16:00", title: Open workshop}',
             '              - {time: "16:00-22:00", title: Night of games}']
    for r in range(14):
        lines += [f"          - session: Room R{r}", f"            room: Room R{r}", "            items:",
                  "              " + _talk(abstracts, 9 * 60, 420 + 30 * (r % 2))]
    pdf, (page,) = _glance(tmp_path / "conf", abstracts, lines)
    text = pdf.norms[page]
    assert text.count(norm("Workshop D")) == 1, text
    assert norm("PARALLEL SESSIONS Room R0 Room R1 Room R2") in text
    found = chunks(pdf, page)
    hours = hours_at(found)
    (early,) = [(x, y) for x, y, t in found if t == "Talk001"]
    (own,) = [(x, y) for x, y, t in found if t == "Workshop D"]
    (label,) = [(x, y) for x, y, t in found if t == "PARALLEL SESSIONS"]
    assert early[0] == pytest.approx(own[0], abs=0.01) and early[0] < label[0]  # in its lane, the left one
    assert hours["09:00"] > early[1] > hours["10:00"] and hours["13:00"] > own[1] > hours["14:00"]


def test_a_session_running_on_briefly_into_the_next_in_its_room_does_not_name_that_one_twice(tmp_path):
    """Fourteen rooms gathered from 09:00 to 12:00, and a hall whose morning session runs to 12:10, ten minutes into
    its afternoon session (12:00-15:00), alone after the rooms: "Afternoon Stage" was named among the parallel
    sessions (its ten minutes beside the morning's) and again in its own box right under them, in the same lane. The
    morning's talk ends, on the grid, where the afternoon's starts: one box from 09:00 to 12:00 naming the rooms and
    the morning, then the afternoon's, named once."""
    abstracts: list[str] = []
    lines = ["days:", "  - date: 2027-09-13", "    items:", "      - parallel:",
             "          - session: Morning Stage", "            room: Hall", "            items:",
             "              " + _talk(abstracts, 9 * 60, 190),
             "          - session: Afternoon Stage", "            room: Hall", "            items:",
             "              " + _talk(abstracts, 12 * 60, 180)]
    for r in range(14):
        lines += [f"          - session: Room R{r}", f"            room: Room R{r}", "            items:",
                  "              " + _talk(abstracts, 9 * 60, 180)]
    pdf, (page,) = _glance(tmp_path / "conf", abstracts, lines)
    text = pdf.norms[page]
    assert text.count(norm("Afternoon Stage")) == 1 and text.count(norm("Morning Stage")) == 1, text
    assert norm("PARALLEL SESSIONS Morning Stage Room R0") in text
    found = chunks(pdf, page)
    hours = hours_at(found)
    (label,) = [(x, y) for x, y, t in found if t == "PARALLEL SESSIONS"]
    (own,) = [(x, y) for x, y, t in found if t == "Afternoon Stage"]
    assert own[0] == pytest.approx(label[0], abs=0.01) and hours["12:00"] > own[1] > hours["13:00"]


def test_a_talk_running_on_briefly_into_the_next_in_its_room_leaves_that_one_in_the_room_s_lane(tmp_path):
    """Two rooms on A4: in Room A a talk 10:00-11:05 and the next 11:00-12:00, in Room B one talk 10:00-12:00. The
    five minutes' overlap gave the group a third lane: Room A's second talk moved to it, right of Room B's, every box
    a third of the column. It is now under Room A's first talk, in two lanes of half the column."""
    abstracts: list[str] = []
    lines = ["days:", "  - date: 2027-09-13", "    items:", "      - parallel:",
             "          - session: Track A", "            room: Room A", "            items:",
             "              " + _talk(abstracts, 10 * 60, 65), "              " + _talk(abstracts, 11 * 60, 60),
             "          - session: Track B", "            room: Room B", "            items:",
             "              " + _talk(abstracts, 10 * 60, 120)]
    pdf, (page,) = _glance(tmp_path / "conf", abstracts, lines, page_size="A4")
    found = {t: (x, y) for x, y, t in chunks(pdf, page) if t.startswith("Talk")}
    first, second, beside = found["Talk001"], found["Talk002"], found["Talk003"]
    assert second[0] == pytest.approx(first[0], abs=0.01) and second[1] < first[1]  # under it, in Room A's lane
    assert beside[0] - first[0] > 150  # Room B's lane: half the column, not a third


def test_a_talk_titled_by_its_speaker_s_name_prints_the_name_once(tmp_path):
    """39C3 (A5 p. 5): its DJ sets are titled by who plays them, and their boxes read "Ingo Boss" and under it, as
    the speaker, "Ingo Boss" again ("Gregor Tresher / Gregor Tresher", "10 Mark DJ Team / 10 Mark DJ Team"). The
    name is printed once, as the title; a title that says more ("Yazz Ewok DJ Set") keeps its speaker's line."""
    abstracts = ["- id: boss\n  title: Ingo Boss\n  speaker: {name: Ingo  Boss}\n  abstract: x\n",
                 "- id: yazz\n  title: Yazz Ewok DJ Set\n  speaker: {name: Yazz Ewok}\n  abstract: x\n"]
    lines = ["days:", "  - date: 2027-09-13", "    items:", '      - {time: "18:00-20:00", talk: boss}',
             '      - {time: "20:00-22:00", talk: yazz}']
    pdf, (page,) = _glance(tmp_path / "conf", abstracts, lines)
    found = [t for _, _, t in chunks(pdf, page)]
    assert found.count("Ingo Boss") == 1 and "Yazz Ewok DJ Set" in found and "Yazz Ewok" in found, found


def test_two_short_items_of_the_day_s_own_overlapping_amid_gathered_sessions_do_not_gather_again(tmp_path):
    """A review: two announcements of three minutes at the same time, among fourteen rooms' sessions gathered into
    one box, were beside each other in lanes, too short for a line: the group was gathered again at every pass, and
    the build never ended. They are laid out once, beside each other."""
    abstracts: list[str] = []
    lines = ["days:", "  - date: 2027-09-13", "    items:", "      - parallel:"]
    for r in range(14):
        lines += [f"          - session: Room R{r}", "            items:",
                  "              " + _talk(abstracts, 10 * 60, 180)]
    lines += ['      - {time: "11:00-11:03", title: Announce A}', '      - {time: "11:00-11:03", title: Announce B}']
    pdf, (page,) = _glance(tmp_path / "conf", abstracts, lines)
    assert norm("PARALLEL SESSIONS") in pdf.norms[page]


def test_a_lunch_that_starts_before_the_talks_beside_it_end_is_named_among_them_and_a_short_tail_stays(tmp_path):
    """Fourteen rooms' talks to 12:00 and a lunch from 11:30: the lunch's box across the column hid the talks' last half
    hour (nothing said so); it has a box of its own after them, and is not named among the sessions in their box as
    well, most of its time being in its own (see the next test). A workshop twenty minutes longer
    than the talk beside it stays in that box (the band was cut in two, the first too short to name anyone)."""
    abstracts: list[str] = []
    lines = ["days:", "  - date: 2027-09-13", "    items:", "      - parallel:"]
    for r in range(14):
        lines += [f"          - session: Room R{r}", "            items:"]
        lines += ["              " + _talk(abstracts, 9 * 60 + 30 * k, 30) for k in range(6)]
    lines += ['      - {time: "11:30-13:00", title: Lunch, kind: break}', "      - parallel:"]
    for r in range(14):
        lines += [f"          - session: Room S{r}", "            items:",
                  "              " + _talk(abstracts, 14 * 60 + 30, 50 if r == 0 else 20)]
    pdf, (page,) = _glance(tmp_path / "conf", abstracts, lines)
    found = chunks(pdf, page)
    assert sum(text == "PARALLEL SESSIONS" for _, _, text in found) == 2  # 09:00 and 14:30, one box each
    hours = hours_at(found)
    (lunch,) = [y for _, y, text in found if text == "Lunch"]  # its own box only once the talks are over
    assert hours["12:00"] > lunch > hours["13:00"] and pdf.norms[page].count(norm("Lunch")) == 1
    assert not any(text == "Room S0" for _, _, text in found)  # (not a box of its own for its last half hour)


def test_a_lunch_mostly_after_the_parallel_sessions_is_named_in_its_own_box_alone_not_among_them_too(tmp_path):
    """GMTH 2023 (A5 p. 5), Saturday: a lunch from 13:00 to 14:30, the last talk of one of seven rooms beside it to
    13:30, was named twice, one under the other: among the parallel sessions ("... · Künstlerische Forschung I ·
    Mittagspause") and in its own box from 13:30 (here: fourteen rooms, the first's last talk to 13:30). A line of the day with more of its time in a box of its own than
    beside the sessions is named there alone; one mostly beside them (a lunch from 12:30 to 13:45, the talks to 13:30)
    is named among them, and has no box of its own."""
    def day(lunch: str) -> tuple[str, list[str]]:
        abstracts: list[str] = []
        lines = ["days:", "  - date: 2027-09-13", "    items:", "      - parallel:"]
        for r in range(14):
            lines += [f"          - session: Room R{r}", "            items:"]
            lines += ["              " + _talk(abstracts, 11 * 60 + 30 + 60 * k, 60) for k in range(1 if r else 2)]
        lines += [f'      - {{time: "{lunch}", title: Mittagspause, kind: break}}']
        return abstracts, lines

    abstracts, lines = day("13:00-14:30")
    pdf, (page,) = _glance(tmp_path / "after", abstracts, lines)
    found = chunks(pdf, page)
    assert pdf.norms[page].count(norm("Mittagspause")) == 1, pdf.norms[page]  # (twice before)
    hours = hours_at(found)
    (label,) = [y for _, y, t in found if t == "PARALLEL SESSIONS"]
    (lunch,) = [y for _, y, t in found if "Mittagspause" in t]
    assert label > hours["12:00"] and hours["13:00"] > lunch > hours["14:00"], (label, lunch, hours)  # its own box
    abstracts, lines = day("12:30-13:45")
    pdf, (page,) = _glance(tmp_path / "beside", abstracts, lines)
    found = chunks(pdf, page)
    assert pdf.norms[page].count(norm("Mittagspause")) == 1, pdf.norms[page]
    hours = hours_at(found)
    (lunch,) = [y for _, y, t in found if "Mittagspause" in t]
    assert lunch > hours["13:00"] and norm("Room R13 · Mittagspause") in pdf.norms[page]  # (in the list)


def test_three_days_one_of_gathered_parallel_sessions_are_one_page_not_a_spread_with_a_day_alone(tmp_path):
    """A real book (an AMCOS kit's three days at A5): the middle day's parallel sessions counted as five lanes split
    the days over a spread, after a Notes page, the last day alone on its page; those sessions, of talks too short
    for lanes, were then one box. Gathered, the three days of one lane each share one page, in equal columns."""
    abstracts: list[str] = []

    def plain_day(day: int) -> list[str]:
        return [f"  - date: 2027-09-{13 + day}", "    items:",
                *("      " + _talk(abstracts, 9 * 60 + k * 40, 40) for k in range(4)),
                '      - {time: "20:00-21:00", title: Dinner, kind: social}']

    programme = ["days:", *plain_day(0), *_tracks_day(abstracts, 1, 10, tracks=5), *plain_day(2)]
    pdf, pages = _glance(tmp_path / "conf", abstracts, programme, days=3)
    assert len(pages) == 1 and "Notes" not in pdf.lines(pages[0] - 1)
    text = pdf.norms[pages[0]]
    assert text.count(norm("PARALLEL SESSIONS")) == 1 and norm("Track 10") in text  # (the box is half an hour)
    assert all(norm(f"Talk{n:03d}") in text for n in (1, 2, 3, 4, 20, 21, 22, 23))
    heads = sorted(x for x, _, text in chunks(pdf, pages[0]) if text in ("Monday", "Tuesday", "Wednesday"))
    assert len(heads) == 3 and abs((heads[1] - heads[0]) - (heads[2] - heads[1])) < 0.5  # equal columns


def test_a_rooms_sessions_one_after_another_share_its_lane_and_line_up_across_rows(tmp_path):
    """31C3 at A4: four halls, each with a track in turn (Security in Saal 1, then Art & Culture there), imported as
    one parallel entry of a session per hall and track; each session had a lane of its own, thirteen in a column of
    four halls, a row's boxes in lanes that did not line up with the row's before ("The…" indented, beside gaps). A
    room's sessions share its lane: each hall's talks one under the other, at the same place, in four lanes."""
    abstracts: list[str] = []
    lines = ["days:", "  - date: 2027-09-13", "    items:", "      - parallel:"]
    for slot, name in enumerate(("Early", "Late")):
        for r in range(4):
            lines += [f"          - session: {name} {r}", f"            room: Hall {r}", "            items:",
                      "              " + _talk(abstracts, 9 * 60 + slot * 60, 45)]
    pdf, (page,) = _glance(tmp_path / "conf", abstracts, lines, page_size="A4")
    found = {text: x for x, _, text in chunks(pdf, page) if text.startswith("Talk")}
    early = [found[f"Talk{n:03d}"] for n in range(1, 5)]
    late = [found[f"Talk{n:03d}"] for n in range(5, 9)]
    assert all(abs(a - b) < 0.5 for a, b in zip(early, late)), (early, late)  # each hall's lane, the same place
    assert early == sorted(early) and early[1] - early[0] > 60  # four lanes side by side, a quarter of the column


def test_a_box_too_low_for_its_title_takes_the_free_time_beside_it(tmp_path):
    """On a day from 05:00 to 21:30 an A5 glance gives a quarter of an hour about 5 points, less than a sliver of the
    smallest type (SIGDIAL 2020): "Opening Remarks" 07:30-07:45 was an empty white box, and a talk at 18:30 with no
    end, five minutes before the next item, a hairline with no title. Each is drawn as high as a line of it needs,
    into the free time after it (the opening, from 07:30 down) or before it (the talk, up to 18:30)."""
    items = ['{time: "05:00-06:00", title: Early start}', '{time: "07:30-07:45", title: Opening Remarks}',
             '{time: "09:00-16:00", title: Poster hall, kind: social}', '{time: "16:30-17:00", title: Coffee, kind: break}',
             '{session: Keynote, items: [{time: "18:30", talk: lund-2026}]}',
             '{session: Posters, items: [{time: "18:35-19:30", title: Discussion}]}',
             '{time: "20:30-21:30", title: Dinner, kind: social}']
    pdf, page = _day_glance(tmp_path, items)
    found, sizes = _baselines_and_sizes(pdf, page)
    assert "Opening Remarks" in found and "A talk about Lund" in found, " | ".join(found)
    hours = {text: found[text] + 0.95 * sizes[text] for text in ("07:00", "08:00", "18:00", "19:00")}
    per_minute = (hours["07:00"] - hours["08:00"]) / 60
    assert per_minute * 15 - 1.2 < 5.5 * 0.95  # (the quarter hour itself is too low for a sliver)
    assert hours["08:00"] < found["Opening Remarks"] < hours["07:00"] - 30 * per_minute  # from 07:30 down
    assert hours["19:00"] + 25 * per_minute < found["A talk about Lund"] < hours["18:00"] - 15 * per_minute


def test_a_box_too_low_for_its_title_is_not_drawn_into_a_band_of_empty_hours(tmp_path):
    """A five-minute "Opening Remarks" at 09:55, just before four empty hours drawn as a band (Grid.skipped), is drawn
    as high as a line of it needs into the free time before it (from 10:00 up), not down over the band's break mark,
    where a minute is no time on the grid."""
    items = ['{time: "08:00-09:00", title: Registration}', '{time: "09:55-10:00", title: Opening Remarks}',
             '{time: "14:00-15:00", title: Keynote}']
    pdf, page = _day_glance(tmp_path, items)
    found, sizes = _baselines_and_sizes(pdf, page)
    assert "Opening Remarks" in found and "14:00" in found and "11:00" not in found, " | ".join(found)
    hours = {text: found[text] + 0.95 * sizes[text] for text in ("09:00", "10:00", "14:00")}
    assert hours["10:00"] < found["Opening Remarks"] < hours["09:00"]  # above the band's top line, in 09:00's hour


def _descenders_and_boxes(path, page: int, start: str) -> list[tuple[str, float, tuple[float, float]]]:
    """(character, its glyph's lowest point, (foot, top) of the smallest box drawn around it) of each g, p, y and j
    on a page in a line that begins with `start` (pypdfium2's char boxes; the boxes its path objects, hour lines
    excluded)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    document = pdfium.PdfDocument(str(path))
    shown = document[page]
    text = shown.get_textpage()
    boxes = [path.get_bounds() for path in shown.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH])]
    boxes = [b for b in boxes if b[3] - b[1] > 1]  # (not the hour lines)
    out, whole = [], text.get_text_range()
    starts = [n for n in range(len(whole)) if whole.startswith(start, n)]
    for index in (n for at in starts for n in range(at, (whole.find("\n", at) + 1 or len(whole) + 1) - 1)):
        char = whole[index]
        if char in "gpyj":
            left, foot, right, top = text.get_charbox(index)
            middle = (left + right) / 2
            around = [b for b in boxes if b[0] <= middle <= b[2] and b[1] - 3 < (foot + top) / 2 < b[3] + 3]
            low, high = min(around, key=lambda b: b[3] - b[1])[1::2]
            out.append((char, foot, (low, high)))
    document.close()
    return out


def test_a_box_one_line_high_keeps_the_descenders_of_its_title_inside_it(tmp_path):
    """A box lower than a line with its leading ("Gypsy yoga jig" for ten or thirteen minutes on a day from 07:00 to
    22:00, A5) had its title's capitals centred: the g, p and y reached below the box's foot and were cut off by it.
    The capitals and descenders are centred together now, and a box of one line with no leading to spare sets its
    line up by what its descenders lacked: every g, p, y and j is inside its box."""
    pdf, page = _one_day_glance(tmp_path, """
        {time: "08:15-08:30", title: Gypsy yoga jig one}
        {time: "08:30-09:10", talk: lund-2026}
        {time: "11:00-11:10", title: Gypsy yoga jig two}
        {time: "12:00-12:13", title: Gypsy yoga jig three}
        {time: "14:00-14:15", title: Gypsy yoga jig four, kind: break}""")
    assert any(line.startswith("Gypsy yoga jig t") for line in pdf.lines(page))
    found = _descenders_and_boxes(pdf.path, page, "Gypsy")
    assert len(found) >= 4 * 7, found  # (g, y, p, y, g, j, g of each title, as much of it as fits)
    low = [(char, round(foot, 2), box) for char, foot, box in found if foot < box[0] - 0.01]
    assert not low, low


def test_a_break_too_low_for_the_smallest_type_with_no_free_time_beside_it_says_what_it_is_in_smaller_type(tmp_path):
    """SIGDIAL 2020 (aclpub2): on a day from 05:00 to 21:00 at A5, a quarter-hour "Break" at 19:15 between parallel
    sessions and the next is lower than a line of the smallest type, and there is no free time beside it to draw it
    taller in: it was an empty grey stripe. Its title is in it now, in the largest type the box holds (smaller than
    the smallest of the other boxes, not below 4.5 points), its capitals and descenders inside the box."""
    pdf, page = _day_glance(tmp_path, [
        '{time: "05:00-06:00", title: Early session}', '{time: "08:00-16:00", title: Poster hall, kind: social}',
        '{parallel: [{session: Main Room, items: [{time: "18:15-19:15", title: Late-breaking}]},'
        ' {session: Tutorial, items: [{time: "18:15-19:15", title: Tutorial two}]}]}',
        '{time: "19:15-19:30", title: Break, kind: break}',
        '{parallel: [{session: Breakouts, items: [{time: "19:30-20:15", title: Breakout discussions}]},'
        ' {session: Tutorials, items: [{time: "19:30-20:15", title: Tutorial three}]}]}',
        '{title: Workshop one}', '{title: Workshop two}'])  # (listed under the grid, as SIGDIAL's: a lower grid)
    found, sizes = _baselines_and_sizes(pdf, page)
    assert "Break" in found, sorted(found)
    assert 4.5 <= sizes["Break"] < 5.5, sizes["Break"]
    hours = {text: found[text] + 0.95 * sizes[text] for text in ("19:00", "20:00")}  # their lines (_hours)
    per_minute = (hours["19:00"] - hours["20:00"]) / 60
    top, bottom = hours["19:00"] - 15 * per_minute - 0.6, hours["19:00"] - 30 * per_minute + 0.6  # the drawn box
    assert top - bottom < 5.5 * 0.95  # (lower than the smallest type's sliver)
    assert bottom <= found["Break"] - 0.239 * sizes["Break"] and found["Break"] + 0.714 * sizes["Break"] <= top


def _ink_of(path, page: int) -> list[tuple[str, float, float]]:
    """Each character drawn on `page` (0-based) of the PDF at `path`: (character, its ink's bottom, its ink's top), as
    PDFium measures the glyph (its tight box, whether a clip shows it or not)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        text = document[page].get_textpage()
        found = []
        for index, char in enumerate(characters(text)):
            if char.strip():
                _, bottom, _, top = text.get_charbox(index)
                found.append((char, bottom, top))
        return found
    finally:
        document.close()


def _path_boxes(path, page: int) -> list[tuple[float, float, float, float]]:
    """(left, bottom, right, top) of each path drawn on `page` (0-based) that is more than a point high: the boxes,
    not the hour lines."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    document = pdfium.PdfDocument(str(path))
    try:
        found = [tuple(b.get_bounds()) for b in document[page].get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH])]
        return [b for b in found if b[3] - b[1] > 1]
    finally:
        document.close()


def test_a_short_box_whose_title_holds_a_formula_of_scripts_on_scripts_is_drawn_tall_enough_for_it(tmp_path):
    """A five-minute talk on an A5 day from 07:00 to 19:30 (under 3 points of it) with free time after it is drawn
    taller into that time, as tall as a line of its title needs (_room_for_titles). It was made as tall as a plain
    line of the smallest type needs (5.2 points), so a title with `$x^{a^{b^{c^{d}}}}$` was set in TINY type (4.5)
    and its formula's scripts still cut off by the box's top; now the box holds the line in the smallest type (5.5),
    every character's ink inside it; a plain title beside free time is drawn as before, 5.2 points (its capitals
    and descenders inside it)."""
    import pypdfium2 as pdfium

    abstracts = "".join(
        f"- id: {key}\n  title: '{title}'\n  speaker: {{name: Ann Lee, affiliation: Uni}}\n  abstract: Words.\n"
        for key, title in (("five", "Towers $x^{a^{b^{c^{d}}}}$ now"), ("plain", "Plain title here")))
    programme = "days:\n  - date: 2027-09-13\n    items:\n" + "".join(f"      - {item}\n" for item in (
        '{time: "07:00-07:30", title: Registration}', '{time: "09:00-09:05", talk: five}',
        '{time: "10:00-10:05", talk: plain}', '{time: "18:00-19:30", title: Dinner, kind: social}'))
    folder = write_conference(tmp_path / "conf", {"programme.yaml": programme, "abstracts.yaml": abstracts})
    result = build_booklet(folder, tmp_path / "b.pdf")
    pdf = Pdf(tmp_path / "b.pdf")
    (page,) = glance_pages(pdf, result.anchors)
    _, sizes = _baselines_and_sizes(pdf, page)
    assert (sizes["Towers"], sizes["Plain title here"]) == (5.5, 5.5)
    boxes = _path_boxes(tmp_path / "b.pdf", page)
    document = pdfium.PdfDocument(str(tmp_path / "b.pdf"))
    text = document[page].get_textpage()
    whole = text.get_text_range()
    heights, outside = {}, []
    for start, end in ((whole.index("Towers"), whole.index("now") + 3), (whole.index("Plain"), whole.index("here") + 4)):
        for index in range(start, end):
            if not whole[index].strip():
                continue
            left, foot, right, top = text.get_charbox(index)
            (box,) = [b for b in boxes if b[0] <= (left + right) / 2 <= b[2] and b[1] - 3 < (foot + top) / 2 < b[3] + 3]
            heights[whole[start]] = round(box[3] - box[1], 1)
            if whole[start] == "T" and (foot < box[1] - 0.05 or top > box[3] + 0.05):
                outside.append((whole[index], round(foot - box[1], 2), round(top - box[3], 2)))
    document.close()
    assert not outside, outside
    assert heights["P"] == 5.2 and heights["T"] > 8, heights


def test_a_title_with_a_formula_of_scripts_on_scripts_stays_inside_its_box(tmp_path):
    """Titles with scripts on scripts (`$x^{a^{b^{c^{d}}}}$`) in the boxes of a day from 07:00 to 19:30 on A5: their
    lines are set apart as in any paragraph (text.paragraph.lineskips), but the box counted them the leading apart:
    a box of two lines took the title's line and the speaker's, ran past its foot, and the text moved up so that the
    formula's top was cut off by the box's top; a box of one line had the formula's scripts above it cut off. Now
    the box holds the title's lines as tall as they are (the speaker left out, a line of the title fewer), and a box
    of one line too low for the formula sets it in the type the box holds it in: every character's ink, the
    formula's included, inside its box (as PDFium measures the glyphs, which the box's clip does not change)."""
    tower = "$x^{a^{b^{c^{d}}}}$"
    abstracts = "".join(
        f"- id: {key}\n  title: '{title}'\n  speaker: {{name: Ann Lee, affiliation: Uni}}\n  abstract: Words.\n"
        for key, title in (("two", f"Bounds on {tower} towers of exponents"), ("one", f"{tower} leads this title"),
                           ("deep", "Sums $y_{a_{b_{c_{d}}}}^{a^{b^{c^{d}}}}$ go deep"),
                           ("both", "Deep $y_{a_{b_{c_{d}}}}$ and "
                                    "$\\Lambda^{a^{b^{c^{d^{e}}}}}_{x_{y_{z_{w}}}}$ here")))
    programme = "days:\n  - date: 2027-09-13\n    items:\n" + "".join(f"      - {item}\n" for item in (
        '{time: "07:00-07:30", title: Registration}', '{time: "08:00-08:20", talk: two}',
        '{time: "09:00-09:20", talk: one}', '{time: "10:00-10:25", talk: deep}', '{time: "11:00-11:25", talk: both}',
        '{time: "18:00-19:30", title: Dinner, kind: social}'))
    folder = write_conference(tmp_path / "conf", {"programme.yaml": programme, "abstracts.yaml": abstracts})
    result = build_booklet(folder, tmp_path / "b.pdf")
    pdf = Pdf(tmp_path / "b.pdf")
    (page,) = glance_pages(pdf, result.anchors)
    found, sizes = _baselines_and_sizes(pdf, page)
    hours = {text: found[text] + 0.95 * sizes[text] for text in ("08:00", "09:00", "10:00", "11:00")}  # (_hours)
    per_minute = (hours["09:00"] - hours["10:00"]) / 60
    ink = _ink_of(tmp_path / "b.pdf", page)
    drawn = _path_boxes(tmp_path / "b.pdf", page)
    outside = []
    for start, minutes, words in ((hours["08:00"], 20, "Bounds"), (hours["09:00"], 20, "leads"),
                                  (hours["10:00"], 25, "Sums"), (hours["11:00"], 25, "Deep")):
        top, bottom = start - 0.6, start - minutes * per_minute + 0.6  # (BOX_GAP)
        # (drawn taller into the free time after it, as a line of its title in the smallest type needs: see
        # test_a_short_box_whose_title_holds_a_formula_of_scripts_on_scripts_is_drawn_tall_enough_for_it)
        (box,) = [b for b in drawn if abs(b[3] - top) < 0.05]
        assert box[1] <= bottom + 0.05, (words, box, bottom)
        bottom = box[1]
        near = [(char, low, high) for char, low, high in ink if bottom - 8 < (low + high) / 2 < top + 8]
        assert words[0] in "".join(char for char, _, _ in near), (words, near)
        outside += [(words, char, round(low - bottom, 2), round(high - top, 2)) for char, low, high in near
                    if high > top + 0.05 or low < bottom - 0.05]
    assert not outside, outside


def test_a_gathered_box_s_title_is_not_made_to_measure_when_none_of_its_names_has_a_formula(monkeypatch):
    """_title_need made a gathered box's whole title (_gathered: the label and each session's or talk's name as
    markup) for every gathered box, to find no formula in most, and the drawing made it again; it looks at the names
    first now, as it does for a box of one item, and makes the title only for a name with a formula in it."""
    from types import SimpleNamespace

    from booklet.layout import glance

    made = []
    monkeypatch.setattr(glance, "_gathered", lambda ctx, boxes, clashing=frozenset(): made.append(boxes) or ("", None))
    session = SimpleNamespace(name="Morning session")
    members = [SimpleNamespace(session=session, item=SimpleNamespace(shown_title="A talk")),
               SimpleNamespace(session=None, item=SimpleNamespace(shown_title="Coffee"))]
    box = SimpleNamespace(members=members, item=None)
    grid = SimpleNamespace(ctx=None)
    assert glance._title_need(grid, box, 300.0) == 0.0 and made == []
    members[1].item.shown_title = "On $x^{a^{b}}$"
    assert glance._title_need(grid, box, 300.0) == 0.0 and made == [members]  # (made: "" has no scripts)


@pytest.mark.parametrize("minutes, wider", [(50, False), (180, True)])
def test_a_brief_overlap_is_set_in_lanes_within_its_day_s_column_as_wide_as_the_others(tmp_path, minutes, wider):
    """A review of DebConf17's glance on A5: three BoFs side by side at 18:00, for 50 minutes, made Sunday's column
    twice as wide as Saturday's and Monday's all day, their titles cut to make room for an hour's lanes. Lanes a day
    has for an hour and a half or less are set in its column, as wide as the others' (each lane NARROW at least); a day
    of lanes for longer still takes the width they need."""
    days = []
    for day in range(3):
        items = ['{time: "09:00-10:30", title: Opening talks}', '{time: "10:30-12:00", title: Morning talks}',
                 '{time: "12:00-13:00", title: Lunch, kind: break}', '{time: "13:00-17:00", title: Afternoon talks}']
        if day == 1:
            end = 18 * 60 + minutes
            items += [f'{{time: "18:00-{end // 60:02d}:{end % 60:02d}", title: {name} BoF}}'
                      for name in ("Policy", "Website", "Release")]
        days.append("  - date: 2027-09-%d\n    items:\n" % (13 + day) + "".join(f"      - {i}\n" for i in items))
    pdf, (page,) = _glance(tmp_path / "conf", [], ["days:", *(d.rstrip("\n") for d in days)], days=3)
    found = chunks(pdf, page)
    heads = [x for name in ("Monday", "Tuesday", "Wednesday") for x, _, text in found if text == name]
    assert len(heads) == 3
    bofs = sorted((x, y) for x, y, text in found if text.startswith(("Policy", "Website", "Release")))
    assert len(bofs) == 3 and len({round(y) for _, y in bofs}) == 1, bofs  # side by side, on one line
    assert heads[1] < bofs[0][0] and bofs[-1][0] < heads[2]  # in Tuesday's column
    first, second = heads[1] - heads[0], heads[2] - heads[1]
    if wider:
        assert second > first * 1.3, (first, second)
    else:
        assert second == pytest.approx(first, abs=0.5), (first, second)  # the days' columns as wide as each other
        assert bofs[1][0] - bofs[0][0] >= 4.5 * 5.5  # each lane NARROW at least (of the boxes' smallest type)



def test_a_box_names_a_talk_s_speakers_and_a_tutorial_s_presenters_from_the_entry_alone():
    """glance._people was given the entry and, beside it, the entry's own speakers (or presenters): now it takes the
    entry and reads them off it (a talk's speakers, a tutorial's presenters): one named, or all of them and the first
    with "et al." for a box too narrow."""
    import re

    from booklet.data.validate import read_booklet
    from booklet.layout import glance
    from booklet.layout.common import Context
    from booklet.layout.page import page_for

    booklet, _ = read_booklet(SAMPLE)
    ctx = Context(booklet, page_for("A5"))
    entries = [*((a, a.speakers) for a in booklet.abstracts), *((t, t.presenters) for t in booklet.tutorials)]
    assert booklet.tutorials and any(len(people) > 1 for _, people in entries)
    for entry, people in entries:
        said = [re.sub("<[^>]*>", "", text) for text in glance._people(ctx, entry)]
        if len(people) == 1:
            assert said == [people[0].name]
        else:
            assert all(person.name in said[0] for person in people) and said[1] == f"{people[0].name} et al."


def _same_names_day(abstracts: list[str], clash: bool = True) -> list[str]:
    """A day like 39C3's Saturday: "DJ-Set · Live Performance" on the Chill Floor from 09:00 to 22:00, one set after
    another (set aside beside the rest), fourteen rooms gathered beside it from 14:00, and among them (`clash`) the
    Music Club's session of the same name, and "Live Performance · DJ-Set" in the bar (else both other names)."""
    lines = ["days:", "  - date: 2027-09-13", "    items:", "      - parallel:",
             "          - session: DJ-Set · Live Performance", "            room: Chill Floor", "            items:",
             '              - {time: "09:00-13:00", title: Morning set}',
             '              - {time: "13:00-22:00", title: Night set}']
    names = ("DJ-Set · Live Performance" if clash else "Club Nights", "Live Performance · DJ-Set")
    for r in range(14):
        name, room = (names[r], ("Music Club", "Bar")[r]) if r < 2 else (f"Room R{r}", f"Room R{r}")
        lines += [f"          - session: {name}", f"            room: {room}", "            items:",
                  "              " + _talk(abstracts, 14 * 60, 120 + 30 * (r % 2))]
    return lines


def test_sessions_of_the_same_name_in_two_rooms_are_named_by_their_rooms_the_gathered_names_set_apart(tmp_path):
    """39C3 (A5 p. 4), Saturday: the Chill Floor's "DJ-Set · Live Performance" was set aside beside the gathered
    parallel sessions, which named the Chaos Computer Music Club's session of the same name: two boxes side by side of
    one name, and nothing told them apart. The gathered list, its names set apart by " · ", read "Live Performance ·
    DJ-Set · DJ-Set · Live Performance · DJ-Set": three sessions or five? Now a name two rooms' sessions have in boxes
    side by side is followed by the room (the label glance_room), in the box set aside and in the list, and the list's
    names are set apart by a mark none of them holds ("|")."""
    abstracts: list[str] = []
    pdf, (page,) = _glance(tmp_path / "conf", abstracts, _same_names_day(abstracts))
    text = " ".join(pdf.texts[page].split())
    assert "PARALLEL SESSIONS DJ-Set · Live Performance (Music Club) | Live Performance · DJ-Set | Room R2 | " \
        "Room R3" in text, text
    assert text.count("DJ-Set · Live Performance (Chill Floor)") == 1 and "Performance (Bar)" not in text
    assert text.count("(Music Club)") == 1
    found = chunks(pdf, page)
    (label,) = [(x, y) for x, y, t in found if t == "PARALLEL SESSIONS"]
    (aside,) = [(x, y) for x, y, t in found if t.startswith("DJ-Set · Live Performance (Chill")]
    (listed,) = [(x, y) for x, y, t in found if t.startswith("DJ-Set · Live Performance (Music")]
    assert aside[0] < label[0] == pytest.approx(listed[0], abs=0.01)  # set aside on the left; the other in the list
    assert aside[1] > label[1] > listed[1]  # (the Chill Floor's from 09:00, the rooms from 14:00)


def test_a_session_s_box_of_its_own_after_the_rooms_names_its_room_when_another_room_s_of_its_name_is_among_them(
        tmp_path):
    """39C3 (A5 p. 4), Sunday: the rooms' box to 06:00 named "DJ-Set · Live Performance" once, for the sessions of that
    name in several rooms, and the box right under it, the Chill Floor's set alone to 07:00, "DJ-Set · Live
    Performance": which room's set went on could not be told. Now the box of its own names its room, and the list
    each room's session of that name with its room. A box of its own whose name no other room's session has among the
    rooms names no room."""
    def day(bar: str) -> tuple[list[str], list[str]]:
        abstracts: list[str] = []
        lines = ["days:", "  - date: 2027-09-13", "    items:", "      - parallel:",
                 f"          - session: {bar}", "            room: Bar", "            items:",
                 '              - {time: "14:00-16:00", title: Afternoon set}',
                 "          - session: DJ-Set", "            room: Chill Floor", "            items:",
                 '              - {time: "15:45-18:00", title: Evening set}']
        for r in range(12):
            lines += [f"          - session: Room R{r}", f"            room: Room R{r}", "            items:",
                      "              " + _talk(abstracts, 14 * 60, 180)]
        return abstracts, lines

    abstracts, lines = day("DJ-Set")
    pdf, (page,) = _glance(tmp_path / "clash", abstracts, lines)
    text = " ".join(pdf.texts[page].split())
    assert "PARALLEL SESSIONS DJ-Set (Bar) · DJ-Set (Chill Floor) · Room R0" in text, text
    found = chunks(pdf, page)
    hours = hours_at(found)
    (own,) = [y for _, y, t in found if t == "DJ-Set (Chill Floor)"]  # (its own box, under the rooms')
    assert hours["17:00"] > own, (own, hours)
    abstracts, lines = day("Bar Nights")
    pdf, (page,) = _glance(tmp_path / "plain", abstracts, lines)
    text = " ".join(pdf.texts[page].split())
    assert "PARALLEL SESSIONS Bar Nights · DJ-Set · Room R0" in text and "(Chill Floor)" not in text, text
    assert [t for _, _, t in chunks(pdf, page) if t == "DJ-Set"], text


def test_a_name_only_one_room_has_is_not_followed_by_a_room_and_the_names_keep_their_dot(tmp_path):
    """The same day with the Music Club's session named "Club Nights": no name is two rooms', so no room is named; a
    name holds the dot still, so the list is set apart by "|"; a day whose names hold no dot keeps the dot between
    them. Two rooms' sessions of one name in the same gathered box only (36C3's "Security" in two halls) are named
    once, with no room: nothing beside them has that name."""
    abstracts: list[str] = []
    pdf, (page,) = _glance(tmp_path / "conf", abstracts, _same_names_day(abstracts, clash=False))
    text = " ".join(pdf.texts[page].split())
    assert "PARALLEL SESSIONS Club Nights | Live Performance · DJ-Set | Room R2 |" in text, text
    assert "DJ-Set · Live Performance" in text and "(Chill Floor)" not in text and "(Bar)" not in text
    abstracts = []
    lines = [line.replace("Live Performance · DJ-Set", "Bar Nights").replace("DJ-Set · Live Performance", "Chill")
             for line in _same_names_day(abstracts, clash=False)]
    pdf, (page,) = _glance(tmp_path / "plain", abstracts, lines)
    text = " ".join(pdf.texts[page].split())
    assert "PARALLEL SESSIONS Club Nights · Bar Nights · Room R2 · Room R3" in text, text
    abstracts = []
    lines = [line.replace("Live Performance · DJ-Set", "Club Nights").replace("DJ-Set · Live Performance", "Chill")
             for line in _same_names_day(abstracts, clash=False)]
    pdf, (page,) = _glance(tmp_path / "same", abstracts, lines)
    text = " ".join(pdf.texts[page].split())
    assert "PARALLEL SESSIONS Club Nights · Room R2 · Room R3" in text and text.count("Club Nights") == 1, text
    assert "(Bar)" not in text and "(Music Club)" not in text


def test_a_white_box_too_low_for_a_line_with_its_padding_takes_the_free_time_beside_it(tmp_path):
    """A review of real books (SIGDIAL 2020, A5, a day from 05:00 to 21:30): the quarter-hour "Opening Remarks", a
    white box with a rule round it, was drawn as a sliver: its title's capitals and descenders touched the rule
    above and below. With free time after it, it is drawn as high as a line of the smallest type with its padding,
    as any white box of a line is: the rule clear of the ink on every side. A grey break of the same quarter hour,
    with no rule to touch, stays a sliver in its own time."""
    items = ['{time: "05:00-06:00", title: Early start}', '{time: "07:30-07:45", title: Opening gyps}',
             '{time: "10:00-10:15", title: Break jig, kind: break}', '{time: "11:00-12:00", title: Morning}',
             '{time: "20:30-21:30", title: Dinner, kind: social}']
    pdf, page = _day_glance(tmp_path, items)
    ink = _ink_of(pdf.path, page)
    boxes = _path_boxes(pdf.path, page)
    text = "".join(char for char, _, _ in ink)
    for title, clear in (("Openinggyps", 0.5), ("Breakjig", None)):
        at = text.index(title)
        chars = ink[at:at + len(title)]
        low, high = min(bottom for _, bottom, _ in chars), max(top for _, _, top in chars)
        box = min((b for b in boxes if b[1] - 1 < low and high < b[3] + 1), key=lambda b: b[3] - b[1])
        if clear is None:
            found, sizes = _baselines_and_sizes(pdf, page)
            hours = {t: found[t] + 0.95 * sizes[t] for t in ("10:00", "11:00")}
            assert box[3] - box[1] < (hours["10:00"] - hours["11:00"]) / 4  # (a quarter hour's box, as before)
        else:
            assert low - box[1] >= clear and box[3] - high >= clear, (title, low, high, box)


def test_a_white_box_too_low_for_a_line_with_no_free_time_beside_it_keeps_its_ink_clear_of_its_rule(tmp_path):
    """A review of real books (the 500-talk benchmark's quarter-hour "Welcome" between registration and the first
    talk; SIGDIAL 2020's 25-minute "live QA" boxes; GMTH 2023's opening, A5): a white box with a rule round it, too
    low for a line of the smallest type with its padding and with no free time beside it to grow into, was drawn as
    a sliver whose capitals and descenders touched the rule above and below (0.0 to 0.4 points clear). Its line is
    set smaller there (down to TINY), centred, its ink at least RULE_CLEAR from the rule on every side. A grey break
    of the same quarter hour, with no rule to touch, keeps its line at the smallest type."""
    from booklet.layout import glance

    pdf, page = _one_day_glance(tmp_path, """
        {time: "08:15-08:30", title: Welcome gyps}
        {time: "08:30-09:10", talk: lund-2026}""")
    ink = _ink_of(pdf.path, page)
    boxes = _path_boxes(pdf.path, page)
    text = "".join(char for char, _, _ in ink)
    at = text.index("Welcomegyps")
    chars = ink[at:at + len("Welcomegyps")]
    low, high = min(bottom for _, bottom, _ in chars), max(top for _, _, top in chars)
    box = min((b for b in boxes if b[1] - 1 < low and high < b[3] + 1), key=lambda b: b[3] - b[1])
    assert box[3] - box[1] < glance.SMALLEST * (1.16 + 1.4 * glance.PAD / glance.SMALLEST)  # (too low for a padded line)
    assert low - box[1] >= glance.RULE_CLEAR - 0.05 and box[3] - high >= glance.RULE_CLEAR - 0.05, (low, high, box)
    assert abs((low - box[1]) - (box[3] - high)) < 0.3  # centred
    found, sizes = _baselines_and_sizes(pdf, page)
    assert glance.TINY <= sizes["Welcome gyps"] < glance.SMALLEST  # (set smaller to clear the rule)


def test_a_box_text_of_tens_of_thousands_of_letters_is_cut_without_breaking_it_whole(monkeypatch):
    """A word of 98,000 letters pasted into a title: the glance box was given the whole text broken into lines (each
    hyphenated), then cuts of tens of thousands of letters, to find the few letters it holds. A text longer than
    LONG_TEXT and than the box's lines could hold is cut as before (the same lines as its first LONG_TEXT letters
    give, by the search over all its cuts), and no paragraph of more letters than those lines could hold is wrapped."""
    from reportlab.lib.styles import ParagraphStyle

    from booklet.layout import glance
    from booklet.layout.flowables import Para
    from booklet.text.fonts import register_fonts

    register_fonts()
    style = ParagraphStyle("box", fontName="Sans", fontSize=6.5, leading=7.5, splitLongWords=1,
                           hyphenationLang="en_GB", embeddedHyphenation=1)
    text = "Pasted " + "xjqz" * 24_500 + " and more"
    wrapped, wrap = [], Para.wrap
    monkeypatch.setattr(Para, "wrap", lambda para, *size: wrapped.append(sum(len(f.text) for f in para.frags))
                        or wrap(para, *size))
    for width, lines in ((60, 1), (90, 3)):
        wrapped.clear()
        cut = glance.truncated(text, style, width, lines)
        most = glance.held_at_most(Para(text, style), width, lines)
        assert wrapped and max(wrapped) <= most + 1, (max(wrapped), most)  # (+1: the ellipsis)
        assert _lines_of(cut) == _lines_of(glance.truncated(text[:glance.LONG_TEXT], style, width, lines))
        assert _lines_of(cut)[-1].endswith("\u2026") and len(_lines_of(cut)) <= lines


def test_the_narrowest_width_a_long_box_text_is_counted_at_is_narrower_than_any_character_of_the_bundled_fonts():
    """held_at_most counts what a box's lines could hold at NARROWEST (of the type's size) a character: narrower than
    every character of the bundled fonts that has a width (it was 0.05 em: Gentium Book Plus's combining horn is
    0.037 em, its hair space 0.049 em, and a text of them held more than counted)."""
    from reportlab.pdfbase.ttfonts import TTFont

    from booklet.layout.glance import NARROWEST
    from booklet.text.fonts import FONT_DIR

    narrowest = {path.name: min(width for width in TTFont("narrowest", str(path)).face.charWidths.values() if width)
                 for path in sorted(FONT_DIR.glob("*.ttf"))}
    assert len(narrowest) >= 4 and any(name.startswith("Gentium") for name in narrowest), narrowest
    assert all(width / 1000 > NARROWEST for width in narrowest.values()), narrowest


def test_a_box_of_no_length_is_beside_the_boxes_around_its_time_only():
    """_share_evenly's boxes beside one another, found through stretches of time (_Stretches): a box of no length (a
    Day made by a program: the data's times have a length) is beside the boxes that start before it and end after it,
    not those that end or start at its time, as when the boxes were compared in pairs. Its stretch had been none and
    the boxes beside it taken from the stretch before: Room X's 08:15 beside nothing, as wide as the column over Room
    Y's talk; Room P's 08:00 beside Room Q's talk starting then, four boxes side by side where three are."""
    def day(*sessions: tuple[str, tuple[int, int], tuple[int, int]]) -> Day:
        made = [Session(room, (Item("other", TimeRange(dt.time(*start), dt.time(*end)), f"{room} {start}"),),
                        room=room) for room, start, end in sessions]
        return Day(dt.date(2027, 9, 13), (Parallel(tuple(made)),))

    plan = plan_day(0, day(("X", (8, 0), (8, 15)), ("Y", (8, 10), (8, 25)), ("X", (8, 15), (8, 15))))
    _share_evenly(plan.boxes)
    assert [(box.start, box.end, box.across) for box in plan.boxes] == [
        (480, 495, (0, Fraction(1, 2))), (490, 505, (Fraction(1, 2), 1)), (495, 495, (0, Fraction(1, 2)))]
    plan = plan_day(0, day(("R", (8, 30), (10, 0)), ("S", (9, 0), (10, 0)), ("Q", (8, 0), (9, 30)),
                           ("P", (8, 0), (8, 0))))
    assert _side_by_side(plan.boxes) == 3


def test_two_rooms_lone_items_titled_as_their_sessions_of_one_name_are_named_by_their_rooms(tmp_path):
    """Two rooms' sessions named "Birds of a Feather", each one item titled as its session (as an import names a room's
    lone BoF), side by side: their boxes printed "Birds of a Feather" twice and nothing told them apart (a German A5
    booklet of every option, looked at as a typesetter). Each is followed by its room, as a session's name beside
    another room's of that name is (the label glance_room); a lone item beside no such twin keeps its title."""
    session = ('{{session: Birds of a Feather, room: {room}, items: [{{time: "{time}", '
               'title: Birds of a Feather}}]}}')
    pdf, page = _day_glance(tmp_path, [
        '{time: "09:00-10:00", title: Opening}',
        "parallel: [" + ", ".join(session.format(room=room, time="10:00-12:00") for room in ("Hall A", "Hall B")) + "]",
        '{time: "12:00-13:00", title: Lunch, kind: break}',
        "{session: Demo Hour, room: Hall C, items: [{time: \"13:00-14:00\", title: Demo Hour}]}"])
    text = " ".join(pdf.texts[page].split())
    assert "Birds of a Feather (Hall A)" in text and "Birds of a Feather (Hall B)" in text, text
    assert "Demo Hour" in text and "(Hall C)" not in text


def test_the_theme_names_the_least_type_a_title_in_a_narrow_lane_steps_down_to(tmp_path):
    """theme.yaml's `glance: {narrowest_type: N}` (per cent of the glance's type, 85 in the built-in themes) is the
    least a title in a lane narrower than LANE_MIN ems is set in to keep its words whole: "Climate Modelling" (36C3,
    five rooms a day) whole a little smaller at 85, cut at 100; a per cent out of 50 to 100 is an error at its key."""
    import dataclasses

    from booklet.data.fields import Report
    from booklet.data.theme import read_theme
    from booklet.data.validate import read_booklet
    from booklet.layout import glance
    from booklet.layout.common import Context
    from booklet.layout.page import page_for

    booklet, _ = read_booklet(SAMPLE)
    assert booklet.theme.glance_narrowest == 85
    fitted = {}
    for narrowest in (85, 100):
        theme = dataclasses.replace(booklet.theme, glance_narrowest=narrowest)
        ctx = Context(dataclasses.replace(booklet, theme=theme), page_for("A5"))
        grid = glance.Grid(ctx, [glance.plan_day(i, day) for i, day in enumerate(booklet.days)])
        width = stringWidth("Modelling", "Sans", grid.text_size) - 0.5  # (its words a little wider than the lane)
        para = glance._fitted(grid, "Climate Modelling", width, 2, grid.text_size, None)
        fitted[narrowest] = (_lines_of(para), para.style.fontSize, grid.text_size)
    assert fitted[85][0] == ["Climate", "Modelling"] and fitted[85][1] < fitted[85][2], fitted
    assert fitted[100][0] == ["Climate\u2026"] and fitted[100][1] == fitted[100][2], fitted
    for written, found in (("40", None), ("101", None), ("97", 97)):
        folder = tmp_path / written
        folder.mkdir()
        (folder / "theme.yaml").write_text(f"glance:\n  narrowest_type: {written}\n", encoding="utf-8")
        report = Report(folder)
        theme = read_theme(report, folder)
        messages = [problem.message for problem in report.problems]
        assert theme.glance_narrowest == (found or 85)
        assert messages == ([] if found else [f"{written} is out of range: write a per cent from 50 to 100 (100: the "
                                              "glance's own type, never smaller)"]), messages
