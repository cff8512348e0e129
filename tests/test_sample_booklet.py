"""The sample conference in data/ -> the booklet: content, page references, links, outline, fonts."""

from __future__ import annotations

import io
import re
import shutil

import pytest
from click.testing import CliRunner

from booklet.text import markup
from booklet.build import build_booklet
from booklet.cli import main
from booklet.layout.common import Context
from booklet.layout.page import page_for
from booklet.layout.programme import day_title
from booklet.model import Day, Parallel
from booklet.data.validate import read_booklet

from .helpers import DATA, write_conference
from .pdftext import PAGE_NUMBER, Pdf, characters, norm


@pytest.fixture(scope="module")
def sample(sample_build):
    booklet, _ = read_booklet(DATA)
    return sample_build, Pdf(sample_build.output), booklet


def n(text: str) -> str:
    """What user text looks like in the extracted PDF text, normalised."""
    return norm(markup.plain(text))


def _outline_titles(nodes):
    return [title for title, _, _ in nodes]


def _section_range(pdf: Pdf, top_title: str) -> range:
    outline = pdf.outline()
    starts = [page for _, page, _ in outline]
    titles = _outline_titles(outline)
    i = titles.index(top_title)
    end = starts[i + 1] if i + 1 < len(starts) else len(pdf)
    return range(starts[i], end)


def _day_pages(pdf: Pdf) -> list[range]:
    programme = dict((t, (p, c)) for t, p, c in pdf.outline())["Programme"]
    section = _section_range(pdf, "Programme")
    starts = [page for _, page, _ in programme[1]] + [section.stop]
    return [range(starts[i], starts[i + 1]) for i in range(len(starts) - 1)]


def _scheduled_rows(day):
    """Programme items of a day that point at an abstract, in programme order (track after track)."""
    return [item for item in day.items() if item.abstract]


def _rows_as_read(day):
    """Programme items of a day that point at an abstract, in the order they are read (and extracted):
    parallel tracks side by side row by row, a row per start time."""
    items = []
    for entry in day.entries:
        if isinstance(entry, Parallel):
            tracks = [(item.time.start, t, item) for t, s in enumerate(entry.sessions) for item in s.items]
            items += [item for _, _, item in sorted(tracks, key=lambda x: x[:2])]
        else:
            items += [item for item, _ in Day(day.date, (entry,)).items_with_sessions()]
    return [item for item in items if item.abstract]


def test_sample_is_valid_and_has_no_warnings():
    booklet, warnings = read_booklet(DATA)
    assert warnings == []
    assert len(booklet.days) == 5
    assert len(booklet.abstracts) >= 40


def test_the_test_pdf_reader_reads_a_page_when_asked_and_its_norms_are_its_texts_normalised(sample):
    """tests/pdftext.Pdf reads a page's text (pypdf) and its norm (PDFium, in drawing order) the first time it is asked
    for: each reads as the list of every page's it stands for, and the norms are the texts normalised on every page
    (the running feet too, whose pieces PDFium's own page text puts in another order)."""
    result, _, _ = sample
    pdf = Pdf(result.output)
    assert pdf.texts._values.count(None) == pdf.norms._values.count(None) == len(pdf) > 60  # (nothing read yet)
    assert pdf.texts[-1] == pdf.texts[len(pdf) - 1] and pdf.texts._values.count(None) == len(pdf) - 1
    assert pdf.norms[2:5] == [pdf.norms[2], pdf.norms[3], pdf.norms[4]] and pdf.norms[-2:] == list(pdf.norms)[-2:]
    with pytest.raises(IndexError):
        pdf.texts[len(pdf)]
    assert pdf.norms == [norm(text) for text in pdf.texts] and pdf.texts == Pdf(result.output).texts


def test_every_talk_is_on_its_days_programme_pages(sample):
    _, pdf, booklet = sample
    day_ranges = _day_pages(pdf)
    assert len(day_ranges) == len(booklet.days)
    for day, pages in zip(booklet.days, day_ranges):
        text = "".join(pdf.norms[i] for i in pages)
        assert pdf.norms[pages.start].startswith(norm(f"{day.date.day} DAY") ) and norm(f"{day.date:%A %B %Y}") in pdf.norms[pages.start]
        for item in _scheduled_rows(day):
            assert n(item.shown_title) in text, item.shown_title
            assert n(item.abstract.speakers[0].name) in text
            if item.time:
                assert item.time.start.strftime("%H:%M") in "".join(pdf.texts[i] for i in pages)


def test_talk_lines_link_to_and_print_the_page_of_their_abstract(sample):
    _, pdf, booklet = sample
    glance = _section_range(pdf, "Programme at a glance")
    checked = 0
    for day, pages in zip(booklet.days, _day_pages(pdf)):
        links = [dest for i in pages for _, dest in pdf.links(i)]
        lines = [line for i in pages for line in pdf.lines(i)]
        position = 0
        for item in _rows_as_read(day):
            abstract_pages = pdf.pages_with(markup.plain(item.abstract.title))
            abstract_pages = [p for p in abstract_pages if p not in pages and p not in glance]
            assert len(abstract_pages) == 1, item.abstract.title
            target = abstract_pages[0]
            assert target in links, f"no link to page {target + 1} for {item.abstract.id}"
            speaker = norm(markup.plain(item.abstract.speakers[0].name))
            while speaker not in norm(lines[position]):
                position += 1
            number = next(line for line in lines[position + 1:] if PAGE_NUMBER.match(line))
            assert int(number) == target + 1, item.abstract.id
            checked += 1
    assert checked == len(booklet.abstracts)


def test_abstract_pages_follow_programme_order(sample):
    _, pdf, booklet = sample
    order = [pdf.pages_with(markup.plain(a.title))[-1] for day in booklet.days for a in
             [i.abstract for i in _scheduled_rows(day)]]
    assert order == sorted(order)


def test_a_section_opens_under_its_heading_even_where_its_first_entry_runs_on(sample, tmp_path):
    """A review: the sample's first tutorial opened the Tutorials section without the heading "Tutorials" (it would
    cost the tutorial a second page), though the contents and the outline send the reader to it: it looked like a
    page gone astray. The heading is printed, as over every section; the opening page has no running head, as a
    section's first page has none; in a build in parts as in one. (Under the heading the tutorial ran on to a page
    holding only its second presenter: a few lines over, it is set tighter on its page, its bios as its description,
    see abstracts.fitted_page; test_abstract_pages has entries that run on under the section's name.)"""
    result, pdf, _ = sample
    page = result.anchors["tutorial-1"] - 1
    lines = pdf.lines(page)
    assert lines[0] == "Tutorials" and lines[-1] == str(page + 1) and "Tutorials" not in lines[-3:]
    assert "Mathis Küppers" in lines and "Bring a laptop." in " ".join(lines)  # (its last presenter on its page)
    assert result.anchors["tutorial-2"] == page + 2  # (no page for the last presenter alone)
    parts = build_booklet(DATA, tmp_path / "parts.pdf", jobs=2)
    assert Pdf(parts.output).lines(parts.anchors["tutorial-1"] - 1)[0] == "Tutorials"


def test_tutorials_and_posters_are_printed(sample):
    _, pdf, booklet = sample
    tutorials = "".join(pdf.norms[i] for i in _section_range(pdf, "Tutorials"))
    for tutorial in booklet.tutorials:
        assert norm(f"TUTORIAL {tutorial.number}") in tutorials
        assert n(tutorial.title) in tutorials
        for person in tutorial.presenters:
            assert n(person.name) in tutorials
    posters = "".join(pdf.norms[i] for i in _section_range(pdf, "Posters"))
    for poster in booklet.posters:
        assert norm(str(poster.number)) + n(poster.title) in posters
        for person in poster.authors:
            assert n(person.name) in posters


def test_the_poster_list_says_once_what_its_underlining_means(sample, tmp_path):
    """Posters by several authors underline the presenter, which an abstract's page explains and the poster list did
    not: it says so once, under its heading (and not when no poster underlines anyone)."""
    _, pdf, _ = sample
    first = pdf.texts[_section_range(pdf, "Posters")[0]].splitlines()
    assert first[first.index("Posters") + 1] == "Presenting author underlined."
    folder = write_conference(tmp_path / "conf")  # one poster by one author
    build_booklet(folder, tmp_path / "b.pdf")
    small = Pdf(tmp_path / "b.pdf")
    posters = " ".join(small.texts[i] for i in _section_range(small, "Posters"))
    assert "Mixture density networks" in posters and "Presenting author underlined." not in posters


def test_outline_has_programme_days_abstract_days_and_sections(sample):
    _, pdf, booklet = sample
    outline = {title: children for title, _, children in pdf.outline()}
    days = [day_title(d) for d in booklet.days]
    assert _outline_titles(outline["Programme"]) == days
    assert _outline_titles(outline["Abstracts"]) == days
    talks = [t for _, _, children in outline["Abstracts"] for t in _outline_titles(children)]
    assert len(talks) == len(booklet.abstracts)
    assert {"Contents", "Committees", "Tutorials", "Posters", "Practical information"} <= set(outline)


def test_contents_entries_show_and_link_their_pages(sample):
    _, pdf, _ = sample
    contents = pdf.lines(1)
    links = [dest for _, dest in pdf.links(1)]
    for title, page, _ in pdf.outline():
        if title == "Contents":
            continue
        assert page in links, title
        index = contents.index(title)
        assert contents[index + 1] == str(page + 1), title


def test_a_contents_entry_of_two_lines_has_its_page_number_beside_its_last(tmp_path):
    """As a book's contents set it (the number closes the entry): a tutorial's title of two lines had its page number
    beside the first."""
    import pypdfium2 as pdfium

    from .helpers import BASE

    title = "A Bayesian workflow in practice, from priors to posterior predictive checks of the models"
    data = write_conference(tmp_path / "conf", {"tutorials.yaml": BASE["tutorials.yaml"].replace(
        "title: Bayesian inference", f"title: {title}")})
    result = build_booklet(data, tmp_path / "b.pdf")
    page = pdfium.PdfDocument(str(result.output))[1]
    text = page.get_textpage()
    whole = text.get_text_range()
    rows: dict[float, str] = {}
    for i, char in enumerate(whole):
        if not char.isspace():
            bottom = round(text.get_charbox(i, loose=True)[1])  # (the line's box, not the glyph's)
            rows[bottom] = rows.get(bottom, "") + char
    entry = f"1. {title}".replace(" ", "")
    number = str(result.anchors["tutorial-1"])
    downwards = sorted(rows, reverse=True)
    first = next(k for k, y in enumerate(downwards) if rows[y].startswith(entry[:12]))
    lines = [rows[y] for y in downwards[first:first + 2]]
    assert lines[0] + lines[1].removesuffix(number) == entry  # (two lines: the title, then the number beside it)
    assert lines[1].endswith(number) and not lines[0].endswith(number)


def test_every_font_is_embedded(sample):
    _, pdf, _ = sample
    fonts = pdf.fonts()
    assert fonts, "no fonts found"
    assert all(fonts.values()), [name for name, ok in fonts.items() if not ok]
    assert not any("Helvetica" in name or "Times" in name for name in fonts)


def test_metadata(sample):
    _, pdf, booklet = sample
    info = pdf.reader.metadata
    assert info.title == booklet.conference.title
    assert "Programme and abstracts" in info.subject
    assert pdf.reader.trailer["/Root"]["/Lang"] == "en"


def test_emails_are_never_printed(sample):
    _, pdf, booklet = sample
    text = "\n".join(pdf.texts)
    emails = [p.email for a in booklet.abstracts for p in a.authors if p.email]
    assert emails
    for email in emails:
        assert email not in text


def test_two_builds_are_byte_identical(sample, tmp_path):
    result, _, _ = sample
    again = build_booklet(DATA, tmp_path / "again.pdf")
    assert again.output.read_bytes() == result.output.read_bytes()


def test_parallel_sessions_side_by_side_on_a5():
    booklet, _ = read_booklet(DATA)
    ctx = Context(booklet, page_for("A5"))
    assert ctx.page.max_tracks >= 2


def test_build_with_no_arguments_builds_the_sample(tmp_path, monkeypatch):
    shutil.copytree(DATA, tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 0, result.output
    pdf = Pdf(tmp_path / "booklet.pdf")
    assert result.output.strip() == f"Wrote booklet.pdf ({len(pdf)} pages, A5)."
    box = pdf.reader.pages[0].trimbox
    assert (round(float(box.width)), round(float(box.height))) == (420, 595)
    assert len(pdf) % 4 == 0


@pytest.mark.parametrize("size, expected", [("B5", (499, 709))])  # A4, letter: test_check_build's sample-A4, -letter
def test_page_sizes(tmp_path, size, expected):
    result = CliRunner().invoke(main, ["build", str(DATA), "-o", str(tmp_path / "b.pdf"), "--page-size", size])
    assert result.exit_code == 0, result.output
    pdf = Pdf(tmp_path / "b.pdf")
    box = pdf.reader.pages[5].trimbox
    assert (round(float(box.width)), round(float(box.height))) == expected


def test_check_on_the_sample_reports_nothing():
    result = CliRunner().invoke(main, ["check", str(DATA)])
    assert result.exit_code == 0
    assert result.output == f"{DATA}: 0 errors, 0 warnings.\n"


def test_programme_pages_hold_three_rows_or_more_and_name_their_day(sample):
    """No page of the sample's programme holds only a row or two of a day; each says whose day it
    is: the day's heading (its opening page, with no running head over it), or its smaller repeat,
    "... (continued)", and the running head."""
    _, pdf, booklet = sample
    times = re.compile(r"^\d\d:\d\d(\u2013\d\d:\d\d)?$")
    for day, pages in zip(booklet.days, _day_pages(pdf)):
        title = day_title(day)
        for index in pages:
            lines = pdf.lines(index)
            assert len([line for line in lines if times.match(line)]) >= 3, (title, index + 1)
            if index == pages.start:
                assert norm(f"{day.date:%A %B %Y}") in pdf.norms[index]
                assert title not in lines, (title, index + 1)
            else:
                assert lines[0] == f"{title} (continued)", (title, index + 1)
                assert title in lines[-3:], (title, index + 1)  # the running head, drawn last


def test_participants_are_listed_sorted_with_committee_and_speakers(sample):
    _, pdf, booklet = sample
    pages = _section_range(pdf, "Participants")
    lines = [line for page in pages for line in pdf.lines(page)]
    assert len(booklet.participants) >= 40
    for person in ("Øvergaard, Sigrid", "Berg, Pieter van der", "Te Rangi, Aroha", "Παπαδάκη, Μαρίνα"):
        assert person in lines, person
    names = [line for line in lines if line.startswith(("Osei-Mensah,", "Øvergaard,", "Oyelaran,"))]
    assert names == ["Osei-Mensah, Daniel", "Øvergaard, Sigrid", "Oyelaran, Adaeze"]
    text = "\n".join(pdf.texts)
    assert all(p.email not in text for p in booklet.participants if p.email)
def test_the_sample_shows_its_qr_codes_map_and_sponsors(sample):
    import pypdfium2
    import zxingcpp

    result, pdf, booklet = sample
    practical = result.anchors["practical"] - 1
    document = pypdfium2.PdfDocument(str(pdf.path))
    image = document[practical].render(scale=4).to_pil()
    document.close()
    decoded = sorted((code.position.top_left.x, code.text) for code in zxingcpp.read_barcodes(image))
    assert [text for _, text in decoded] == [code.text for code in booklet.conference.qr_codes]
    assert [code.text for code in booklet.conference.qr_codes] == [
        "https://www.example.org/starstat2027", "WIFI:T:WPA;S:StarStat-2027;P:aurora-borealis;;"]
    assert result.anchors["extra-0"] == result.anchors["practical"] + 1  # the map, after the practical page
    assert "Brannvik Science Park" in pdf.texts[result.anchors["extra-0"] - 1]  # drawn as vectors: its text is text
    sponsors = pdf.lines(result.anchors["sponsors"] - 1)
    assert [line for line in sponsors if line in ("Gold", "Silver", "Supporters")] == ["Gold", "Silver", "Supporters"]


def test_a_parallel_sessions_room_is_never_broken_across_lines(sample):
    """"Exoplanets and Stars · Lyra Seminar / Room": a room name that fits a track's width goes to the next line
    whole, without the dot: no line ends in it ("Exoplanets and Stars · / Lyra Seminar Room")."""
    import pypdfium2 as pdfium

    result, _, booklet = sample
    rooms = {s.room for day in booklet.days for s in day.sessions() if s.room and len(s.room.split()) > 1}
    assert {"Lyra Seminar Room", "Aurora Auditorium"} <= rooms
    document = pdfium.PdfDocument(result.output)
    seen = 0
    for index in range(len(document)):
        lines = [line.strip() for line in document[index].get_textpage().get_text_range().splitlines()]
        for room in rooms:
            for line in lines:
                if room in line:
                    seen += 1
                    continue
                first = room.split()[0]
                assert not line.endswith(f" {first}") and not line.endswith(f"\u00b7 {first}"), (index + 1, line)
        assert not [line for line in lines if line.endswith("\u00b7")], index + 1
        if "Exoplanets and Stars" in lines:  # the parallel tracks' headings at A5: the room under the name
            assert lines[lines.index("Exoplanets and Stars") + 1] == "Lyra Seminar Room", lines
    assert seen >= 4


def test_the_back_covers_title_is_set_apart_from_the_contact_lines(sample):
    import pypdfium2 as pdfium

    result, _, booklet = sample
    document = pdfium.PdfDocument(result.output)
    text = document[len(document) - 1].get_textpage()

    def box(words: str) -> tuple[float, float, float, float]:
        found = text.search(words, match_case=True).get_next()
        boxes = [text.get_charbox(i) for i in range(found[0], found[0] + found[1])]
        return min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)

    size = page_for("A5").base_size
    gap = box(booklet.conference.hashtag)[1] - box(booklet.conference.title)[3]
    assert gap >= size  # a line's space at least (it touched the hashtag above it)


def test_contents_a_little_longer_than_a_page_are_set_tighter_to_fit_it():
    from booklet.layout.flowables import Anchor, Row
    from booklet.layout.frontmatter import TIGHTER, build_contents

    booklet, _ = read_booklet(DATA)
    ctx = Context(booklet, page_for("A5"))
    width, height = ctx.page.text_width, ctx.page.text_height

    def contents(count: int):
        entries = [(0, "Tutorials", "tutorials")] + [
            (1, f"{n}. A tutorial whose title is long enough to wrap onto a second line of the contents", f"t{n}")
            for n in range(1, count + 1)]
        story = build_contents(ctx, entries)
        rows = [f for f in story if isinstance(f, Row)]
        return story, sum(f.wrap(width, height)[1] for f in story if not isinstance(f, Anchor)), rows

    natural = {count: contents(count) for count in range(10, 40)}
    tightened = [count for count, (story, total, rows) in natural.items()
                 if total <= height and rows[-1].body[0].style.leading < ctx.styles.toc_2.leading]
    assert tightened  # some lengths fit a page only when tightened: they do
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Frame

    for count in tightened:  # poured into a frame of the text's size, as the page's: nothing is left over
        canvas = Canvas(io.BytesIO())
        for name in ("mark_anchor", "start_section", "draw_page_ref"):
            setattr(canvas, name, lambda *args, **kwargs: None)
        left = [f for f in contents(count)[0] if not isinstance(f, Anchor)]
        Frame(0, 0, width, height, 0, 0, 0, 0).addFromList(left, canvas)
        assert left == [], count
    longest = max(tightened)
    assert natural[longest][2][-1].body[0].style.leading >= ctx.styles.toc_2.leading * TIGHTER[-1] - 1e-9
    # a wrapped numbered entry runs on under its text, not under its number
    row = natural[longest][2][1]
    para = row.body[0]
    para.wrap(width - row.ref_width - row.left_width, height)
    # (its number "1. " set right in a column as wide as the widest: its title where every title starts)
    from reportlab.pdfbase.pdfmetrics import stringWidth

    number = stringWidth("1. ", para.style.fontName, para.style.fontSize)
    assert para.style.leftIndent == pytest.approx(stringWidth(f"{longest}. ", para.style.fontName, para.style.fontSize))
    assert para.style.firstLineIndent == pytest.approx(-number) and number < para.style.leftIndent
    assert para.line_count() == 2


def test_an_index_entry_of_two_or_three_lines_is_never_split_across_columns():
    """An entry's last page number alone at the top of the next column or page ("932" under nobody's name): an
    entry of a few lines moves on whole; a longer one leaves two lines at least on each side."""
    from booklet.layout.index import _Flowables
    from booklet.model import Identity

    booklet, _ = read_booklet(DATA)
    ctx = Context(booklet, page_for("A5"))
    pages = {page: page % 3 == 0 for page in range(100, 100 + 14)}
    flowables = _Flowables(ctx, [(Identity("Axel Thévenot"), "0", pages)], links=False)
    entry = flowables[1]  # (after its letter's heading)
    width = ctx.page.text_width / 2 - 10
    leading = flowables.entry_style.leading
    _, height = entry.wrap(width, 1000)
    lines = round(height / leading)
    assert 2 <= lines <= 3, lines
    assert entry.split(width, leading * 1.2) == []  # one line's room: the entry moves on whole
    if lines == 3:
        assert entry.split(width, leading * 2.2) == []  # two lines would leave its last alone


def test_an_index_entry_asked_for_from_the_end_is_the_one_made_from_the_start():
    """The index's flowables are made when first asked for and kept (columns.MadeWhenAsked): asked for as [-1] the last
    is the very flowable [len - 1] gives (the index's own sequence, before 7f30d043, kept it under -1: made twice, two
    objects); a slice gives those same objects; past the end, IndexError, where a sequence's iteration ends."""
    from booklet.layout.index import _Flowables
    from booklet.model import Identity

    booklet, _ = read_booklet(DATA)
    ctx = Context(booklet, page_for("A5"))
    people = [(Identity(name), str(at), {10 + at: False}) for at, name in enumerate(["Ana Berg", "Bo Berger", "Cy Ode"])]
    flowables = _Flowables(ctx, people, links=False)
    assert len(flowables) == 5  # (B and its two names, O and its one)
    last = flowables[-1]
    assert last is flowables[4] and flowables[-5] is flowables[0]
    assert flowables[3:] == [flowables[3], last] and flowables[::-2] == [last, flowables[2], flowables[0]]
    assert [f.text for f in flowables] == [f.text for f in flowables[:]]
    with pytest.raises(IndexError):
        flowables[5]


def test_a_posters_abstract_runs_on_across_a_page_its_title_and_authors_never_alone(tmp_path):
    """A poster entry was never split: one too tall for what was left of a page left it a third empty (the 500-talk
    book's poster pages ran from 58 % full). A page now breaks inside its abstract, with two of its lines at least
    on either side; its title and authors stay together with the start of its text. Its proof's pages are both."""
    from booklet.proofs.plan import page_ranges

    sentence = "Hierarchical models of noisy light curves recover the period distribution of {n} stars. "
    posters = "".join(
        f"- number: {n}\n  title: Poster {n} on variable stars\n  authors: [{{name: Ana Author{n}, presenting: true}},"
        f" {{name: Bo Second{n}}}]\n  abstract: |\n    Begin{n} {sentence.format(n=n) * (3 + n % 4)}End{n}.\n\n"
        f"    Second{n} {sentence.format(n=n) * 2}Last{n}.\n" for n in range(1, 16))
    folder = write_conference(tmp_path / "conf", {"posters.yaml": posters})
    result = build_booklet(folder, tmp_path / "b.pdf")
    pdf = Pdf(tmp_path / "b.pdf")
    split = [n for n in range(1, 16) if result.anchors[f"end:poster-{n - 1}"] > result.anchors[f"poster-{n - 1}"]]
    assert split, "no poster ran across a page: the data no longer tests it"
    for n in split:
        first, last = result.anchors[f"poster-{n - 1}"], result.anchors[f"end:poster-{n - 1}"]
        on_first = pdf.lines(first - 1)
        title = on_first.index(f"Poster {n} on variable stars")
        assert any(line.startswith(f"Begin{n} ") for line in on_first[title:]), on_first[title:]
        begin = next(k for k, line in enumerate(on_first) if line.startswith(f"Begin{n} "))
        assert len(on_first) - begin >= 2 + 1, on_first[begin:]  # two lines of it at least (and the folio)
        assert f"Last{n}." in pdf.texts[last - 1]
        assert page_ranges(result.anchors, result.pages, set())[f"poster-{n - 1}"] == tuple(range(first, last + 1))
    pages = sorted({result.anchors[f"poster-{n}"] for n in range(15)})
    assert len(pages) < 15  # (several to a page)


def test_a_poster_whose_title_and_authors_are_taller_than_a_page_still_builds(tmp_path):
    """A review: with the abstract let run across a page, a poster of 700 authors (its heading taller than a page)
    stopped the build with "LayoutError: Flowable <Row ...> too large". It is split anyway: at the top of a page,
    or where its title and authors are taller than a page (below the section's heading, which it keeps company)."""
    authors = "".join(f"    - {{name: Author Number{n}, affiliation: Institute {n}}}\n" for n in range(700))
    posters = f"- number: 1\n  title: A crowded poster\n  authors:\n{authors}  abstract: Short text.\n"
    folder = write_conference(tmp_path / "conf", {"posters.yaml": posters})
    result = build_booklet(folder, tmp_path / "b.pdf")
    text = "\n".join(Pdf(tmp_path / "b.pdf").texts)
    assert "Author Number699" in text and "Short text." in text
    assert result.anchors["end:poster-0"] > result.anchors["poster-0"]
    # ... and starts under the section's heading, not a page after it (left alone there: a second review)
    assert Pdf(tmp_path / "b.pdf").lines(result.anchors["poster-0"] - 1)[0] == "Posters"


def test_contents_that_no_spacing_fits_on_a_page_leave_the_tutorials_out(tmp_path):
    """A typesetter's review: 101 tutorials listed one by one took the contents over five pages, the last with two
    lines. Contents that fit no page even set tighter name the tutorials' section only (a few are listed)."""
    def tutorials(count: int) -> str:
        return "".join(f"- id: {'bayes-intro' if n == 0 else f't{n}'}\n  title: Hands-on tutorial number {n} on inference\n  description: A course.\n"
                       f"  presenters:\n    - {{name: Sven Oberg}}\n" for n in range(count))

    for count, listed in ((5, True), (60, False)):
        folder = write_conference(tmp_path / f"c{count}", {"tutorials.yaml": tutorials(count)})
        build_booklet(folder, tmp_path / f"c{count}.pdf")
        pdf = Pdf(tmp_path / f"c{count}.pdf")
        contents = [i for i, text in enumerate(pdf.texts) if text.splitlines()[:1] == ["Contents"]]
        assert len(contents) == 1, count  # one page
        lines = pdf.lines(contents[0])
        assert "Tutorials" in " ".join(lines)
        assert any("Hands-on tutorial number 1 on inference" in line for line in lines) is listed, count


def test_ten_and_more_numbered_contents_entries_set_their_titles_at_one_place(tmp_path):
    """A review of real books' contents (uRos 2026's ten tutorials, SIGDIAL's twenty): each numbered entry hung by its
    own number's width, so "10. Working ..." started a figure right of "9. Tidy ...". The numbers are set right in
    a column as wide as the widest, every title starting at one place."""
    import pypdfium2 as pdfium

    tutorials = "".join(f"- id: {'bayes-intro' if n == 1 else f't{n}'}\n  title: Tutorial title {n}\n"
                        f"  description: A course.\n  presenters:\n    - {{name: Sven Oberg}}\n" for n in range(1, 12))
    folder = write_conference(tmp_path / "conf", {"tutorials.yaml": tutorials})
    build_booklet(folder, tmp_path / "b.pdf")
    pdf = Pdf(tmp_path / "b.pdf")
    index = next(i for i, text in enumerate(pdf.texts) if text.splitlines()[:1] == ["Contents"])
    page = pdfium.PdfDocument(str(tmp_path / "b.pdf"))[index].get_textpage()
    text = page.get_text_range()
    numbers, titles = {}, {}
    for n in range(1, 12):
        at = text.index(f"{n}. Tutorial title {n}")
        numbers[n] = page.get_charbox(at + len(str(n)), loose=True)[2]  # (the full stop's right edge)
        titles[n] = page.get_charbox(at + len(f"{n}. "), loose=True)[0]  # (the title's "T")
    assert max(titles.values()) - min(titles.values()) < 0.05, titles
    assert max(numbers.values()) - min(numbers.values()) < 0.05, numbers
    assert titles[1] > numbers[1]


def test_contents_that_fit_no_page_either_way_list_every_entry():
    """A review of the change: a contents too long with or without its tutorials dropped them, though it ran over
    pages anyway. Only when leaving them out makes the contents fit a page are they left out."""
    from booklet.layout.flowables import Row
    from booklet.layout.frontmatter import build_contents

    booklet, _ = read_booklet(DATA)
    ctx = Context(booklet, page_for("A5"))
    days = [(1, f"Day {n}", f"day-{n}") for n in range(80)]
    tutorials = [(0, "Tutorials", "tutorials"), (1, "1. Hands-on", "t1"), (1, "2. Hands-off", "t2")]
    rows = [f for f in build_contents(ctx, days + tutorials, days + tutorials[:1]) if isinstance(f, Row)]
    assert len(rows) == len(days) + 3


def test_a_wrapped_numbered_contents_entry_runs_on_under_its_own_title_among_ten_and_more(tmp_path):
    """A typesetter's review of uRos's ten tutorials on B5: every numbered entry hung by the width of "10. ", so
    the second line of "4. Managing statistical disclosure control ..." started a figure right of its title's first
    letter. Each runs on under its own title's first letter."""
    import pypdfium2 as pdfium
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Frame

    from booklet.layout.flowables import Anchor
    from booklet.layout.frontmatter import build_contents

    booklet, _ = read_booklet(DATA)
    ctx = Context(booklet, page_for("B5"))
    width, height = ctx.page.text_width, ctx.page.text_height
    long = "Managing statistical disclosure control from microdata to protected linked tables with rtauargus and more"
    entries = [(0, "Tutorials", "tutorials"), (1, f"4. {long}", "t4"), (1, f"10. {long}", "t10")]
    story = [f for f in build_contents(ctx, entries) if not isinstance(f, Anchor)]
    path = tmp_path / "contents.pdf"
    canvas = Canvas(str(path), pagesize=(width, height))
    for name in ("mark_anchor", "start_section", "draw_page_ref", "linkRect", "linkAbsolute"):
        setattr(canvas, name, lambda *args, **kwargs: None)
    Frame(0, 0, width, height, 0, 0, 0, 0).addFromList(story, canvas)
    canvas.save()
    page = pdfium.PdfDocument(str(path))[0].get_textpage()
    boxes = [(char, page.get_charbox(i, loose=True)) for i, char in enumerate(characters(page))]
    lines: dict[int, list] = {}
    for char, box in boxes:
        if char.strip():
            lines.setdefault(round(box[1]), []).append((box[0], char))
    rows = [sorted(chars) for _, chars in sorted(lines.items(), reverse=True)]  # (top to bottom)
    texts = ["".join(c for _, c in row) for row in rows]
    for number in ("4.", "10."):
        at = texts.index(next(t for t in texts if t.startswith(number + "Managing")))
        title_x = rows[at][len(number)][0]  # (the "M" after the number; spaces are not among the line's characters)
        assert texts[at + 1].startswith("with") and abs(rows[at + 1][0][0] - title_x) < 0.5, (
            number, title_x, rows[at + 1][0])
