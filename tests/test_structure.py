"""theme.yaml's structure keys: which sections and in what order, abstracts by day or after the
programme, one per page or flowing, posters sorted and grouped. Each sample build is checked
against the anchors build_booklet reports: printed page references, links, outline, contents."""

from __future__ import annotations

import re
import shutil
import textwrap

import pytest

from booklet.build import PrintOptions, build_booklet
from booklet.data.people import People
from booklet.data.validate import read_booklet
from booklet.layout.common import poster_days, sorted_posters
from booklet.text.names import sort_key, split_name, text_key
from booklet.layout.programme import day_title
from booklet.proofs import page_ranges
from booklet.text import markup

from .helpers import BASE, DATA, extend, write_conference
from .pdftext import PAGE_NUMBER, Pdf, characters, norm
from .test_sample_booklet import _rows_as_read


def build_sample(tmp_path_factory, name: str, theme: str):
    """The sample conference with `theme` as its theme.yaml: (BuildResult, Pdf, Booklet)."""
    folder = tmp_path_factory.mktemp(name) / "data"
    shutil.copytree(DATA, folder)
    (folder / "theme.yaml").write_text(theme, encoding="utf-8")
    out = folder.parent / "booklet.pdf"
    result = build_booklet(folder, out, options=PrintOptions(pad_to=1))
    return result, Pdf(out), result.booklet


def outline_index(pdf: Pdf) -> dict[str, tuple[int, list]]:
    return {title: (page, children) for title, page, children in pdf.outline()}


def check_programme_references(result, pdf: Pdf, day, pages: range) -> int:
    """Every talk of `day` on its programme `pages` prints its abstract's page and links to it."""
    anchors = result.anchors
    lines = [line for i in pages for line in pdf.lines(i)]
    links = {dest for i in pages for _, dest in pdf.links(i)}
    position, checked = 0, 0
    for item in _rows_as_read(day):
        key = f"abstract-{result.booklet.abstracts.index(item.abstract)}"
        target = anchors[key]
        assert norm(markup.plain(item.abstract.title)) in pdf.norms[target - 1], item.abstract.id
        assert target - 1 in links, f"no link to page {target} for {item.abstract.id}"
        speaker = norm(markup.plain(item.abstract.speakers[0].name))
        while speaker not in norm(lines[position]):
            position += 1
        number = next(line for line in lines[position + 1:] if PAGE_NUMBER.match(line))
        assert int(number) == target, item.abstract.id
        checked += 1
    return checked


def check_contents_match_outline(pdf: Pdf) -> None:
    """The contents page lists the outline's entries (top level and the level below), each with its page."""
    contents = pdf.lines(1)
    flat = [(title, page) for title, page, children in pdf.outline() if title != "Contents"]
    index = 0
    for title, page in flat:
        index = contents.index(title, index)
        assert contents[index + 1] == str(page + 1), title


# --------------------------------------------------------------------------- abstracts by day


@pytest.fixture(scope="module")
def by_day(tmp_path_factory):
    return build_sample(tmp_path_factory, "by-day", "abstracts: {placement: by-day}\n")


def test_by_day_each_days_abstracts_lie_between_its_programme_and_the_next_days(by_day):
    result, pdf, booklet = by_day
    outline = pdf.outline()
    days = [day_title(d) for d in booklet.days]
    top = [title for title, _, _ in outline]
    assert top[top.index(days[0]):top.index(days[0]) + len(days)] == days  # the days are the top level
    starts = {title: page + 1 for title, page, _ in outline}
    checked = 0
    for index, day in enumerate(booklet.days):
        start = starts[days[index]]
        end = starts[days[index + 1]] if index + 1 < len(days) else starts["Practical information"]
        children = dict((t, p + 1) for t, p, _ in outline[top.index(days[index])][2])
        programme = range(start - 1, children.get("Abstracts", end) - 1)  # 0-based pages
        for item in _rows_as_read(day):
            page = result.anchors[f"abstract-{booklet.abstracts.index(item.abstract)}"]
            assert start < page < end, (item.abstract.id, start, page, end)
            assert page > programme.stop  # after the day's programme pages
        checked += check_programme_references(result, pdf, day, programme)
    assert checked == len(booklet.abstracts)


def test_by_day_tutorials_and_posters_follow_their_day(by_day):
    result, pdf, booklet = by_day
    outline = outline_index(pdf)
    days = [day_title(d) for d in booklet.days]
    for tutorial in booklet.tutorials:
        slot_day = next(i for i, d in enumerate(booklet.days) for item in d.items() if item.tutorial == tutorial)
        children = [t for t, _, _ in outline[days[slot_day]][1]]
        assert any(t.startswith(f"{tutorial.number}. ") for t in children)
    # the sample's one poster session is on Tuesday: the posters are listed after Tuesday's abstracts
    poster_day = next(i for i, d in enumerate(booklet.days) for item in d.items() if item.kind == "poster")
    children = dict((t, p) for t, p, _ in outline[days[poster_day]][1])
    assert "Posters" in children and "Posters" not in outline
    assert result.anchors["posters-day-%d" % poster_day] == children["Posters"] + 1
    for index, _ in enumerate(booklet.posters):
        assert result.anchors[f"poster-{index}"] - 1 >= children["Posters"]
    # the programme's poster-session line links to them
    page = outline[days[poster_day]][0]
    assert children["Posters"] in [dest for i in range(page, children["Abstracts"]) for _, dest in pdf.links(i)]
    check_contents_match_outline(pdf)


def test_by_day_running_heads_name_the_day_and_section(by_day):
    """Every abstract's page names its day in the running head, but a page that opens under the section's heading
    (each day's first abstract), which has none, as a section's first page has none."""
    result, pdf, booklet = by_day
    opening = 0
    for index, abstract in enumerate(booklet.abstracts):
        page = result.anchors[f"abstract-{index}"]
        slot_day = next(d for d in booklet.days for item in d.items() if item.abstract == abstract)
        under_heading = pdf.lines(page - 1)[0] == "Abstracts"
        opening += under_heading
        assert (day_title(slot_day) in pdf.lines(page - 1)[-3:]) != under_heading, abstract.id
    assert opening == len(booklet.days)


# BASE's Monday without its tutorial, a Tuesday of a dinner alone and a Wednesday of two lines
SHORT_DAYS = BASE["programme.yaml"].replace('      - {time: "14:00-17:00", tutorial: bayes-intro}\n', "") + """\
  - date: 2027-09-14
    items:
      - {time: "19:00-23:00", title: Conference dinner, kind: social}
  - date: 2027-09-15
    items:
      - {time: "09:00-09:30", talk: closing}
      - {time: "09:30-10:00", title: Farewell}
"""


def _short_days(tmp_path, theme: str, tuesday: str = "") -> tuple[Pdf, dict[str, int]]:
    """Abstracts by day (`theme`'s other keys): Monday with two abstracts; Tuesday a dinner alone (and `tuesday`'s
    items), no abstract of its own; Wednesday two lines, one with an abstract. (The PDF, the anchors' pages.)"""
    files = {"theme.yaml": f"abstracts: {{placement: by-day{theme}}}\n",
             "conference.yaml": BASE["conference.yaml"].replace("end: 2027-09-14", "end: 2027-09-15"),
             "programme.yaml": SHORT_DAYS.replace("kind: social}\n", "kind: social}\n" + tuesday),
             "abstracts.yaml": extend("abstracts.yaml", """\
                 - id: closing
                   title: What we learnt
                   speaker: {name: Max Weiss}
                   abstract: A summary.
                 """)}
    result = build_booklet(write_conference(tmp_path / "conf", files), tmp_path / "b.pdf",
                           options=PrintOptions(pad_to=1))
    return Pdf(result.output), result.anchors


def _contents_page(pdf: Pdf, title: str) -> int:
    """The page the contents give for `title` (1-based)."""
    contents = pdf.lines(1)
    return int(contents[contents.index(title) + 1])


@pytest.mark.parametrize("layout", ["page", "flow"])
def test_by_day_a_short_day_follows_the_day_befores_last_abstract_on_its_page(tmp_path, layout):
    """A LOC's test: abstracts by day, a day of a line or two (a dinner) took a page alone, as the programme after
    the abstracts has it not (a short day below the day before when it fits there whole). By day, a short day follows
    the day before's last page, its abstract's, when it fits below it whole: Tuesday's dinner and Wednesday's two
    lines below Monday's last abstract, Wednesday's abstract on the next page. The contents and the programme's page
    references say so; the page keeps its running head, Monday's (one abstract a page), a page below the section's
    heading none (flowing)."""
    pdf, anchors = _short_days(tmp_path, f", layout: {layout}")
    (shared,) = pdf.pages_with("DAY 2")
    assert pdf.pages_with("DAY 3") == [shared] and shared in pdf.pages_with("More text.")  # Monday's last abstract
    lines = pdf.lines(shared)
    assert lines.index("More text.") < lines.index("Tuesday") < lines.index("Conference dinner") \
        < lines.index("Wednesday") < lines.index("Farewell")
    assert pdf.pages_with("A summary.") == [shared + 1]  # Wednesday's abstract: the next page, under its heading
    assert pdf.lines(shared + 1)[0] == "Abstracts"
    assert lines[lines.index("Max Weiss") + 1] == str(shared + 2)  # the programme's reference to it
    for title in ("Tuesday 14 September", "Wednesday 15 September"):
        assert _contents_page(pdf, title) == shared + 1, title
    assert _contents_page(pdf, "Monday 13 September") == anchors["day-0"] < shared + 1
    assert anchors["day-1"] == anchors["day-2"] == shared + 1
    check_contents_match_outline(pdf)
    heads = lines[-3:]  # the running head, the page number
    if layout == "page":
        assert "Monday 13 September" in heads and "Tuesday 14 September" not in heads
    else:
        assert lines[0] == "Abstracts" and "Monday 13 September" not in heads  # (the section's first page)


def test_by_day_a_day_taller_than_half_a_page_still_opens_a_page(tmp_path):
    """The rule's other side: a day taller than half a page opens a page of its own, by day as after the abstracts."""
    tuesday = "".join(f'      - {{time: "{h:02}:{m}0-{h:02}:{m}5", title: Workshop {h}.{m}}}\n'
                      for h in range(8, 18) for m in (0, 3))
    pdf, anchors = _short_days(tmp_path, "", tuesday)
    (tuesday_page,) = pdf.pages_with("DAY 2")
    assert pdf.lines(tuesday_page)[0] == "14"  # (its big date at the page's top)
    assert tuesday_page not in pdf.pages_with("More text.")
    assert pdf.pages_with("DAY 3") == [tuesday_page + 1]  # Wednesday, short, does not fit below Tuesday: its own page
    assert _contents_page(pdf, "Tuesday 14 September") == tuesday_page + 1 == anchors["day-1"]


# --------------------------------------------------------------------------- flowing abstracts


@pytest.fixture(scope="module")
def flowing(tmp_path_factory):
    return build_sample(tmp_path_factory, "flow", "abstracts: {layout: flow}\n")


def test_flowing_abstracts_share_pages(flowing):
    result, pdf, booklet = flowing
    outline = outline_index(pdf)
    starts = sorted(page for page, _ in outline.values())
    first = outline["Abstracts"][0]
    after = min(page for page in starts if page > first)
    assert after - first < len(booklet.abstracts) * 0.7  # one per page would take at least one each
    pages = [result.anchors[f"abstract-{i}"] for i in range(len(booklet.abstracts))]
    assert len(set(pages)) < len(pages)


def test_flowing_references_links_and_outline_are_exact(flowing):
    result, pdf, booklet = flowing
    outline = outline_index(pdf)
    day_pages = [page for _, page, _ in outline["Programme"][1]] + [outline["Abstracts"][0]]
    checked = sum(check_programme_references(result, pdf, day, range(day_pages[i], day_pages[i + 1]))
                  for i, day in enumerate(booklet.days))
    assert checked == len(booklet.abstracts)
    talks = [(title, page) for _, _, day in outline["Abstracts"][1] for title, page, _ in day]
    assert len(talks) == len(booklet.abstracts)
    by_title = {markup.plain(a.title): i for i, a in enumerate(booklet.abstracts)}
    for title, page in talks:
        assert page + 1 == result.anchors[f"abstract-{by_title[title]}"], title
    for title, page, _ in outline["Abstracts"][1]:  # day headings: the page of the day's first abstract
        assert norm(title) in pdf.norms[page]
    check_contents_match_outline(pdf)


def test_flowing_header_never_ends_a_page_without_its_text(flowing):
    result, pdf, booklet = flowing
    for index, abstract in enumerate(booklet.abstracts):
        page = result.anchors[f"abstract-{index}"] - 1
        assert norm(markup.plain(abstract.title)) in pdf.norms[page], abstract.id
        opening = " ".join(markup.plain(abstract.text).split()[:6])
        assert norm(opening) in pdf.norms[page], abstract.id


def test_flowing_long_abstracts_continue_under_their_title(flowing):
    result, pdf, booklet = flowing
    ranges = page_ranges(result.anchors, len(pdf), set())
    continued = 0
    for index, abstract in enumerate(booklet.abstracts):
        pages = ranges[f"abstract-{index}"]
        assert pages[0] == result.anchors[f"abstract-{index}"]
        for page in pages[1:]:
            assert pdf.lines(page - 1)[0].endswith("(continued)"), abstract.id
            continued += 1
    assert continued  # the sample has abstracts that run over a page break


def test_flowing_day_that_starts_halfway_down_a_page_leaves_it_the_day_before(flowing):
    result, pdf, booklet = flowing
    days = [day_title(d) for d in booklet.days]
    halfway = 0
    section = outline_index(pdf)["Abstracts"][0]
    for title, page, _ in outline_index(pdf)["Abstracts"][1]:
        head = pdf.lines(page)[-3:]  # the running head, drawn last
        if page == section:  # the section's first page, under its heading: no running head
            assert title not in head and pdf.lines(page)[0] == "Abstracts", title
        elif pdf.lines(page)[0].endswith("(continued)"):  # the page begins inside the day before
            assert days[days.index(title) - 1] in head and title not in head, title
            halfway += 1
        else:
            assert title in head, title
    assert halfway  # the sample has such a day


def test_lint_warns_of_flowing_abstracts_only_longer_than_a_page(tmp_path):
    from booklet.lint.fit import check_lengths

    entry = ("- id: long-one\n  title: A long abstract\n  speaker: {name: Li Wei}\n  abstract: "
             + " ".join(["A sentence of a long abstract that goes on."] * 170) + "\n")
    for layout, words in (("page", "too long for one A5 page; it runs onto about 3 pages"),  # (it does: 3 pages)
                          ("flow", "longer than a whole A5 page; it can never be read")):
        folder = write_conference(tmp_path / layout, {"abstracts.yaml": BASE["abstracts.yaml"] + entry,
                                                      "theme.yaml": f"abstracts: {{layout: {layout}}}\n"})
        booklet, _ = read_booklet(folder)
        problems = check_lengths(booklet, "A5")
        assert [p.kind for p in problems] == ["too-long"] and words in problems[0].message, problems


def test_proofs_of_flowing_abstracts_show_the_pages_they_share(tmp_path):
    from booklet.proofs import write_proofs

    folder = write_conference(tmp_path / "conf", {"theme.yaml": "abstracts: {layout: flow}\n"})
    result = write_proofs(folder, tmp_path / "proofs")
    pages = {p.entry: p.pages for p in result.proofs if p.kind == "abstract"}
    assert pages["lund-2026"] == pages["okafor"] and len(pages["okafor"]) == 1  # both on one page
    for proof in result.proofs:
        assert len(Pdf(tmp_path / "proofs" / proof.file)) == len(proof.pages)


def test_flowing_and_by_day_together(tmp_path_factory):
    result, pdf, booklet = build_sample(tmp_path_factory, "both", "abstracts: {placement: by-day, layout: flow}\n")
    outline = pdf.outline()
    top = [title for title, _, _ in outline]
    checked = 0
    for index, day in enumerate(booklet.days):
        title, page, children = outline[top.index(day_title(day))]
        abstracts = dict((t, p) for t, p, _ in children)["Abstracts"]
        checked += check_programme_references(result, pdf, day, range(page, abstracts))
    assert checked == len(booklet.abstracts)
    check_contents_match_outline(pdf)


# --------------------------------------------------------------------------- sections, posters


@pytest.fixture(scope="module")
def reordered(tmp_path_factory):
    theme = ("sections: [committees, posters, programme, tutorials, practical]\n"
             "posters: {sort: author, group_by: topic}\n")
    return build_sample(tmp_path_factory, "sections", theme)


def test_sections_follow_the_theme_and_a_left_out_one_is_gone(reordered):
    result, pdf, booklet = reordered
    top = [title for title, _, _ in pdf.outline()]
    assert top == ["Contents", "Committees", "Posters", "Programme", "Tutorials", "Practical information",
                   "Venue map"]  # the map follows the practical information; the sponsors are left out
    check_contents_match_outline(pdf)
    assert "Abstracts" not in pdf.lines(1)
    assert not any(key.startswith("abstract") for key in result.anchors)
    # programme lines of talks print no page number and link nowhere: only tutorials and the
    # poster session's line do
    programme = outline_index(pdf)["Programme"][0]
    tutorials = outline_index(pdf)["Tutorials"][0]
    targets = {result.anchors[f"tutorial-{t.number}"] for t in booklet.tutorials} | {result.anchors["posters"]}
    linked = set()
    for index in range(programme, tutorials):
        lines = pdf.lines(index)[:-1]  # the last: the page's number
        if len(lines) > 1 and lines[1].startswith("DAY"):
            lines = lines[1:]  # the date set large over a day's first page
        numbers = {int(line) for line in lines if PAGE_NUMBER.match(line)}
        assert numbers <= targets, (index + 1, numbers)
        linked |= {dest + 1 for _, dest in pdf.links(index)}
    assert linked == targets
    assert result.anchors["posters"] == outline_index(pdf)["Posters"][0] + 1


def test_posters_sorted_by_author_under_topic_headings(reordered):
    result, pdf, booklet = reordered
    posters = booklet.posters
    children = outline_index(pdf)["Posters"][1]
    topics = list(dict.fromkeys(p.topic for p in posters if p.topic))
    assert [title for title, _, _ in children] == topics + ["Other posters"]
    text = "".join(pdf.norms[i] for i in range(outline_index(pdf)["Posters"][0], outline_index(pdf)["Programme"][0]))
    for topic in topics + [None]:
        members = [p for p in posters if p.topic == topic]
        printed = sorted(members, key=lambda p: text.index(norm(markup.plain(p.title))))
        who = [People(booklet.people).of(p.authors[0].name) for p in printed]
        families = [sort_key(split_name(person.name, person.family)) for person in who]
        assert families == sorted(families), topic  # by the first author's family name (people.yaml's)
        assert len(set(families)) == len(families)  # (the sample's are all different)
    heading_pages = [page for _, page, _ in children]
    assert heading_pages == sorted(heading_pages)


# --------------------------------------------------------------------------- small conferences, units


def test_the_default_theme_written_out_gives_the_same_bytes(tmp_path):
    plain = write_conference(tmp_path / "plain")
    written = write_conference(tmp_path / "written", {"theme.yaml": (
        "sections: [committees, glance, programme, abstracts, tutorials, posters, practical, sponsors, participants,"
        " index]\n"
        "abstracts: {placement: after-programme, layout: page}\n"
        "posters: {sort: number}\n")})
    a = build_booklet(plain, tmp_path / "a.pdf")
    b = build_booklet(written, tmp_path / "b.pdf")
    assert a.output.read_bytes() == b.output.read_bytes()


TWO_POSTER_SESSIONS = BASE["programme.yaml"] + """\
      - {time: "17:00-18:00", title: Posters, kind: poster}
  - date: 2027-09-14
    items:
      - {time: "09:00-10:00", title: Evening posters, kind: poster}
"""
POSTERS = """\
- {number: 1, author: Zoe Papadopoulou, title: Mixture density networks, session: Evening posters}
- {number: 2, author: Bo Jones, title: Dust maps, session: Inference}
- {number: 3, author: Ana de la Cruz, title: A poster of no session}
"""


def test_posters_go_to_the_day_of_the_session_they_name(tmp_path):
    folder = write_conference(tmp_path / "conf", {"programme.yaml": TWO_POSTER_SESSIONS, "posters.yaml": POSTERS,
                                                  "theme.yaml": "abstracts: {placement: by-day}\n"})
    booklet, problems = read_booklet(folder)
    assert not [p for p in problems if p.severity == "error"]
    assert [p.session for p in booklet.posters] == ["Evening posters", "Inference", None]
    # a poster-session line's title or a session block's name; none named and two poster days: no day
    assert poster_days(booklet) == {0: 1, 1: 0, 2: None}
    result = build_booklet(folder, tmp_path / "b.pdf", options=PrintOptions(pad_to=1))
    pdf = Pdf(result.output)
    top = [title for title, _, _ in pdf.outline()]
    assert top[-2:] == ["Posters", "Index of authors"]  # the poster of no day stays in the Posters section
    anchors = result.anchors
    # (the second day, one line, is short: it follows the first day's posters on their page)
    assert anchors["poster-1"] == anchors["day-1"] < anchors["poster-0"] < anchors["poster-2"]


def test_posters_are_sorted_as_the_index_sorts(tmp_path):
    # titles: from the first letter on, accents and case second, as printed (math), in the booklet's language
    assert text_key("Ábel") < text_key("abel x") and text_key("Ábel")[0] == text_key("ABEL")[0]
    assert text_key("Rain") < text_key('"Substructure" or noise') < text_key("Tidal")  # a leading quote passed over
    assert text_key("Östersjön", "en") < text_key("Pelagic", "en") and text_key("Zebra", "sv") < text_key("Östersjön", "sv")
    booklet, _ = read_booklet(write_conference(tmp_path / "conf", {"posters.yaml": POSTERS}))
    assert sorted_posters(booklet.posters, [0, 1, 2], "author") == [2, 1, 0]  # Cruz, Jones, Papadopoulou
    assert sorted_posters(booklet.posters, [0, 1, 2], "title") == [2, 1, 0]  # A poster, Dust, Mixture
    assert sorted_posters(booklet.posters, [2, 0, 1], "number") == [0, 1, 2]
    posters = """\
- {number: 1, author: Nguyen Van An, title: Zebra finches}
- {number: 2, author: Mei Ling Ortiz, title: Östersjön's cod}
- {number: 3, author: Erik Åberg, title: '$\\alpha$ decay'}
- {number: 4, author: Sara Zetterlund, title: Perch}
"""
    people = "- {name: Nguyen Van An, family: Nguyen}\n"
    for language, by_author, by_title in (("en", [2, 0, 1, 3], [1, 3, 0, 2]), ("sv", [0, 1, 3, 2], [3, 0, 1, 2])):
        folder = write_conference(tmp_path / language, {"posters.yaml": posters, "people.yaml": people,
                                                        "conference.yaml": textwrap.dedent(BASE["conference.yaml"]) + f"language: {language}\n"})
        booklet, problems = read_booklet(folder)
        assert not [p for p in problems if p.severity == "error"], problems
        order = [booklet.posters[i].number for i in sorted_posters(
            booklet.posters, [0, 1, 2, 3], "author", People(booklet.people), language)]
        assert order == [n + 1 for n in by_author], language  # Åberg, Nguyen (people.yaml's family), Ortiz, Zetterlund; sv: Åberg last
        order = [booklet.posters[i].number for i in sorted_posters(
            booklet.posters, [0, 1, 2, 3], "title", People(booklet.people), language)]
        assert order == [n + 1 for n in by_title], language  # Östersjön, Perch, Zebra (sv: Perch, Zebra, Östersjön), then α as printed, not 'alpha'


def test_page_ranges_use_the_end_marks():
    anchors = {"abstracts": 5, "abstract-0": 5, "end:abstract-0": 6, "abstract-1": 6, "end:abstract-1": 6,
               "abstract-2": 6, "end:abstract-2": 8, "posters": 9, "poster-1": 9, "end:poster-1": 10,
               "poster-0": 10, "end:poster-0": 10}
    ranges = page_ranges(anchors, 12, set())
    assert ranges["abstract-0"] == (5, 6) and ranges["abstract-1"] == (6,) and ranges["abstract-2"] == (6, 7, 8)
    assert ranges["poster-1"] == (9, 10) and ranges["poster-0"] == (10,)
    assert not any(key.startswith("end:") for key in ranges)


@pytest.mark.parametrize("layout", ["page", "flow"])
def test_a_header_taller_than_a_page_beside_a_photo_runs_on(tmp_path, layout, monkeypatch):
    """Fifty authors and a photo: the header runs over two pages (it used to stop the build), the
    text follows it, and the page it runs onto says what it continues. (Their affiliations a line each: run on,
    as more than four are, the header fits a page.)"""
    from .test_abstract_pages import portrait

    monkeypatch.setattr("booklet.layout.abstracts.AFFILIATIONS_LISTED", 50)

    authors = "\n".join(f"    - {{name: Author {n}, affiliation: \"Department {n}, University of Somewhere\""
                        f"{', photo: images/p.jpg, presenting: true' if n == 1 else ''}}}" for n in range(1, 51))
    files = {
        "abstracts.yaml": BASE["abstracts.yaml"] + f"- id: many\n  title: Fifty authors\n  authors:\n{authors}\n"
                                                   "  abstract: Text after the header.\n",
        "programme.yaml": BASE["programme.yaml"] + '      - {time: "17:00-17:20", talk: many}\n',
        "images/p.jpg": portrait(),
        "theme.yaml": f"abstracts: {{layout: {layout}}}\n",
    }
    result = build_booklet(write_conference(tmp_path / "conf", files), tmp_path / "b.pdf",
                           options=PrintOptions(pad_to=1))
    pdf = Pdf(result.output)
    start, end = result.anchors["abstract-2"], result.anchors["end:abstract-2"]
    assert end > start and "Fifty authors" in pdf.texts[start - 1]
    assert norm("Text after the header.") in pdf.norms[end - 1]
    for page in range(start + 1, end + 1):
        assert pdf.lines(page - 1)[0] == "Fifty authors (continued)"


def test_a_committees_heading_keeps_two_members_and_no_member_starts_a_page_alone(tmp_path):
    """aclpub2's committees (a typesetter's review): "Invited Speakers" and one name at a page's foot, the other two
    names alone on the next page; and a member's line that wraps runs on indented under the name."""
    from booklet.build import build_booklet
    from .helpers import BASE, extend, write_conference
    from .pdftext import Pdf

    long = "Department of Statistics and Data Science, University of Somewhere Far Away, Country"
    for first in range(26, 40, 2):
        members = "".join(f"      - {{name: Member{n:02} Smith, affiliation: \"Institute {n}\"}}\n" for n in range(first))
        invited = "".join(f"      - {{name: Invited{n} Jones, affiliation: \"{long}\"}}\n" for n in range(3))
        conference = (BASE["conference.yaml"] + "committees:\n  - name: SOC\n    members:\n" + members
                      + "  - name: Invited Speakers\n    members:\n" + invited)
        folder = write_conference(tmp_path / f"c{first}", {"conference.yaml": conference,
                                                           "theme.yaml": "sections: [committees]\n"})
        pdf = Pdf(build_booklet(folder, tmp_path / f"b{first}.pdf").output)
        pages = [pdf.lines(i) for i in range(len(pdf)) if "Invited0 Jones" in pdf.texts[i]
                 or "Invited2 Jones" in pdf.texts[i]]
        for lines in pages:
            invited_here = [line for line in lines if line.startswith("Invited") and "Jones" in line]
            if "Invited Speakers" in lines:
                assert len(invited_here) >= 2, (first, lines)
            else:
                assert len(invited_here) != 1, (first, lines)
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(tmp_path / f"b{first}.pdf"))
    page = next(document[i] for i in range(len(document)) if "Invited0" in document[i].get_textpage().get_text_range())
    text = page.get_textpage()
    whole = text.get_text_range()
    name_left = text.get_charbox(whole.index("Invited0"))[0]
    run_on = whole.index("Country", whole.index("Invited0"))  # on the line after the name's
    line_start = whole.rindex("\n", 0, run_on) + 1
    assert text.get_charbox(line_start)[0] > name_left + 5  # indented under the name


def test_by_day_the_abstracts_not_in_the_programme_are_named_so_in_the_contents(tmp_path):
    """Abstracts by day: the contents listed "Abstracts" under each day, then "Abstracts" again at the top level for
    those not in the programme (a review read it as a day's again); it names them, as the outline does."""
    files = {"theme.yaml": "abstracts: {placement: by-day}\n",
             "abstracts.yaml": extend("abstracts.yaml", """\
                 - id: loose
                   title: An abstract with no time
                   speaker: {name: Ed Loose}
                   abstract: Text.
                 """)}
    result = build_booklet(write_conference(tmp_path / "conf", files), tmp_path / "b.pdf")
    pdf = Pdf(tmp_path / "b.pdf")
    contents = pdf.lines(1)
    at = contents.index("Not in the programme")
    assert contents[at - 2:at + 2] == ["Abstracts", str(result.anchors["abstracts"]), "Not in the programme",
                                       str(result.anchors["abstracts-day-None"])]
    top = {title: children for title, _, children in pdf.outline()}
    assert [title for title, _, _ in top["Abstracts"]] == ["Not in the programme"]


def test_a_committee_that_runs_onto_another_page_is_headed_there_continued(tmp_path):
    """A typesetter's review: SIGDIAL's committee ran over three pages, the pages after the first opening with
    members under no heading. Each page a committee runs onto opens with its heading, "(continued)"."""
    from booklet.build import build_booklet
    from .helpers import BASE, write_conference
    from .pdftext import Pdf

    members = "".join(f"      - {{name: Member{n:02} Smith, affiliation: \"Institute {n}\"}}\n" for n in range(70))
    conference = (BASE["conference.yaml"] + "committees:\n  - name: PC\n    title: Programme Committee\n    members:\n"
                  + members)
    folder = write_conference(tmp_path / "c", {"conference.yaml": conference, "theme.yaml": "sections: [committees]\n"})
    pdf = Pdf(build_booklet(folder, tmp_path / "b.pdf").output)
    pages = [i for i in range(len(pdf)) if "Member" in pdf.texts[i]]
    assert len(pages) >= 2
    assert pdf.lines(pages[0])[:2] == ["Committees", "Programme Committee (PC)"]
    for page in pages[1:]:
        assert pdf.lines(page)[0] == "Programme Committee (PC) (continued)", pdf.lines(page)[:2]
        assert sum(line.startswith("Member") for line in pdf.lines(page)) >= 2
    listed = [line.split()[0] for page in pages for line in pdf.lines(page) if line.startswith("Member")]
    assert listed == [f"Member{n:02}" for n in range(70)]


@pytest.mark.parametrize("title, name, heading", [
    ("王小明", "SOC", "SOC"),
    ("Programme Committee", "王小明", "Programme Committee"),
    ("王小明", "東京", "(title not printable)"),
    ("Programme Committee", "PC", "Programme Committee (PC)"),
])
def test_a_committee_heading_the_fonts_print_part_or_nothing_of_prints_no_empty_brackets(tmp_path, title, name,
                                                                                        heading):
    """A committee whose title or name the fonts print nothing of (CJK alone: left out, and warned of) was headed
    "Programme Committee ()", or "()" when neither printed (an unprintable-text fuzz). Now the one that prints stands
    alone, and with neither the label title_not_printable."""
    from booklet.build import build_booklet

    conference = (BASE["conference.yaml"] + f"committees:\n  - name: {name}\n    title: {title}\n    members:\n"
                  "      - {name: Ana Smith}\n      - {name: Bo Jones}\n")
    folder = write_conference(tmp_path / "c", {"conference.yaml": conference, "theme.yaml": "sections: [committees]\n"})
    pdf = Pdf(build_booklet(folder, tmp_path / "b.pdf").output)
    page = next(i for i in range(len(pdf)) if "Ana Smith" in pdf.texts[i])
    assert pdf.lines(page)[:4] == ["Committees", heading, "Ana Smith", "Bo Jones"]


def test_a_big_committee_on_a_wide_page_runs_down_two_columns_headed_continued(tmp_path):
    """A typesetter's review of SIGDIAL on A4: its programme committee of 100, a line each, filled the left half of
    three pages, the right half empty. On a page wide enough for two columns of running text, a committee of
    COLUMNS_FROM members or more runs down two columns (in order, balanced on its last page), each page after the
    first headed "(continued)"; on A5, and for a small committee, one column as before."""
    import pypdfium2 as pdfium

    from booklet.layout.frontmatter import COLUMNS_FROM
    from .helpers import BASE, write_conference
    from .pdftext import Pdf

    members = "".join(f"      - {{name: Member{n:03} Smith, affiliation: \"Institute {n}\"}}\n" for n in range(130))
    small = "".join(f"      - {{name: Small{n:02} Jones}}\n" for n in range(COLUMNS_FROM - 1))
    conference = (BASE["conference.yaml"] + "committees:\n  - name: PC\n    title: Programme Committee\n    members:\n"
                  + members + "  - name: LOC\n    members:\n" + small)
    folder = write_conference(tmp_path / "c", {"conference.yaml": conference, "theme.yaml": "sections: [committees]\n"})

    def lefts(size: str) -> tuple[Pdf, dict[str, tuple[int, float, float]]]:
        out = build_booklet(folder, tmp_path / f"{size}.pdf", page_size=size).output
        found = {}
        document = pdfium.PdfDocument(str(out))
        for index in range(len(document)):
            text = document[index].get_textpage()
            whole = text.get_text_range()
            for name in re.findall(r"(?:Member\d{3}|Small\d{2})", whole):
                box = text.get_charbox(whole.index(name))
                found[name] = (index, round(box[0]), -box[3])
        return Pdf(out), found

    pdf, at = lefts("A4")
    names = [f"Member{n:03}" for n in range(130)]
    pages = sorted({at[name][0] for name in names})
    assert len(pages) >= 2
    for page in pages:
        here = sorted((at[name][1:], name) for name in names if at[name][0] == page)
        columns = sorted({x for (x, _), _ in here})
        assert len(columns) == 2 and columns[1] - columns[0] > 150, (page, columns)
        # down the first column, then the second: in order by column, then by height
        assert [name for _, name in sorted(here)] == sorted(name for _, name in here)
        left = [name for (x, _), name in here if x == columns[0]]
        right = [name for (x, _), name in here if x == columns[1]]
        assert max(left) < min(right)
        if page == pages[-1]:  # balanced
            assert abs(len(left) - len(right)) <= 1, (len(left), len(right))
        if page != pages[0]:
            assert pdf.lines(page)[0] == "Programme Committee (PC) (continued)"
    assert sorted(names, key=lambda name: (at[name][0], at[name][1], at[name][2])) == names
    assert len({at[f"Small{n:02}"][1] for n in range(COLUMNS_FROM - 1)}) == 1  # a small committee: one column
    _, at = lefts("A5")
    assert len({at[name][1] for name in names}) == 1  # A5: one column


def test_a_long_titles_running_head_is_its_part_before_a_colon():
    """A typesetter's review: with no short_title, the running head cut a long title mid-phrase, "Stars, Signals &
    Statistics: The Third…". A title over 60 characters runs as its part before a colon or a spaced dash."""
    import datetime as dt

    from booklet.model import Conference

    def head(title: str, short: str | None = None) -> str:
        return Conference(title, dt.date(2027, 1, 1), dt.date(2027, 1, 2), "Lund", short_title=short).running_title

    long = "Stars, Signals & Statistics: The Third International Workshop on Inference for Large Surveys"
    assert head(long) == "Stars, Signals & Statistics"
    assert head("Musiktheorie als interdisziplinäres Fach – 23. Jahreskongress der Gesellschaft") == \
        "Musiktheorie als interdisziplinäres Fach"
    assert head(long, "SSS 2027") == "SSS 2027"
    assert head(f"*{long}*") == f"*{long}*"  # (a cut inside emphasis would leave its "*" printed: a review)
    assert head("The $\\mathcal{N}: 4$ supersymmetric theories of many fields in four and more dimensions") == \
        "The $\\mathcal{N}: 4$ supersymmetric theories of many fields in four and more dimensions"
    assert head("Short: a workshop") == "Short: a workshop"  # (it fits)
    assert head("X: " + "a very long title without any break in it at all, none at all") == \
        "X: a very long title without any break in it at all, none at all"  # (too short a part to name it)


def test_a_long_titles_running_head_prints_its_part_before_the_colon(tmp_path):
    from booklet.build import build_booklet
    from .helpers import BASE, write_conference
    from .pdftext import Pdf

    title = "Stars, Signals & Statistics: The Third International Workshop on Inference for Large Surveys"
    conference = BASE["conference.yaml"].replace("title: Test Conference\nshort_title: TC2027\n", f"title: \"{title}\"\n")
    pdf = Pdf(build_booklet(write_conference(tmp_path / "c", {"conference.yaml": conference}), tmp_path / "b.pdf").output)
    heads = [i for i in range(1, len(pdf) - 1) if "Stars, Signals & Statistics" in pdf.texts[i]]
    assert heads and not any("The Third" in pdf.texts[i] for i in heads)  # (the covers give it all)


def test_a_contents_entry_s_page_number_stands_on_its_title_s_last_line_set_lower_for_a_tall_formula(tmp_path):
    """A tutorial's title over two lines of the contents, a formula of scripts on scripts ($x^{a^{b^{c^{d}}}}$) on its
    first: that line is set lower (text.paragraph.lineskips), and the second with it, but the page number was set
    where the leading alone puts the last line, 3.0 points above its baseline (A5). It now stands on it (the bottoms
    of its digit and of the line's letters without descenders, as PDFium measures their glyphs)."""
    import pypdfium2

    tutorials = ("- id: bayes-intro\n  title: 'Towers $x^{a^{b^{c^{d}}}}$ of exponents and what to do with them in a "
                 "tutorial whose title runs over two lines of the contents page'\n  description: Words.\n")
    build_booklet(write_conference(tmp_path / "data", {"tutorials.yaml": tutorials}), tmp_path / "b.pdf")
    document = pypdfium2.PdfDocument(str(tmp_path / "b.pdf"))
    page = document[1]  # (the contents, after the cover)
    text = page.get_textpage()
    chars = [(char, text.get_charbox(i)) for i, char in enumerate(characters(text))]
    whole = "".join(char for char, _ in chars)
    assert whole.startswith("Contents")
    start = whole.index("lines of the contents page")
    line = [box[1] for char, box in chars[start:start + len("lines of the contents page")] if char in "acemnorsuvw"]
    width = page.get_width()
    numbers = [box for char, box in chars[start:] if char.isdigit() and box[0] > width * 0.8]
    document.close()
    baseline = sorted(line)[len(line) // 2]
    assert numbers and abs(numbers[0][1] - baseline) < 0.3, (numbers[:1], baseline)


def test_a_poster_s_number_stands_on_its_title_s_first_line_set_lower_for_a_tall_formula(tmp_path):
    """A poster's title opening with a formula of scripts on scripts ($x^{a^{b^{c^{d}}}}$): its first line is set
    lower, clear of what is above it (text.paragraph.lineskips), but the poster's number beside it stayed at the
    row's top, 3.6 points higher against the title's baseline than a plain title's number stands (A5). It now follows
    the line down, as a programme line's time does (the bottoms of its digit and of the line's letters without
    descenders, as PDFium measures their glyphs: the same height apart as beside a plain title)."""
    import pypdfium2

    posters = ("- number: 7\n  author: Ann Lee\n  title: '$x^{a^{b^{c^{d}}}}$ leads a poster title'\n"
               "  abstract: Words.\n- number: 8\n  author: Bo Jones\n  title: Plain poster title\n  abstract: Words.\n")
    build_booklet(write_conference(tmp_path / "data", {"posters.yaml": posters}), tmp_path / "b.pdf")
    document = pypdfium2.PdfDocument(str(tmp_path / "b.pdf"))
    found = {}
    for page in document:
        text = page.get_textpage()
        chars = [(char, text.get_charbox(i)) for i, char in enumerate(characters(text))]
        whole = "".join(char for char, _ in chars)
        for number, words in (("7", "leads a poster"), ("8", "Plain poster")):
            if words in whole:
                start = whole.index(words)
                line = sorted(box[1] for char, box in chars[start:start + len(words)] if char in "acemnorsuvw")
                digit = [box[1] for char, box in chars[:start] if char == number][-1]
                found[number] = (digit, line[len(line) // 2])
    document.close()
    assert set(found) == {"7", "8"}, found
    (tall, tall_line), (plain, plain_line) = found["7"], found["8"]
    assert abs((tall - tall_line) - (plain - plain_line)) < 0.3, found  # (where a plain title's number stands)


def test_a_poster_group_that_runs_on_to_the_next_page_is_headed_there_by_its_name_continued(tmp_path):
    """Two posters on one topic, then thirty on another: that topic runs on to more pages, and the posters there went
    on under no heading (a typesetter's review of a German A5 booklet: one poster alone atop a page, its group's name
    a page back); each such page is headed by the group's name, "(continued)", as a sponsors' tier is."""
    posters = "".join(f"- {{number: {n}, author: Author {n:02d}, title: Poster title {n:02d}, topic: "
                      f"{'Alpha' if n <= 2 else 'Beta'}}}\n" for n in range(1, 33))
    folder = write_conference(tmp_path / "conf", {"posters.yaml": posters,
                                                  "theme.yaml": "sections: [posters]\nposters: {group_by: topic}\n"})
    result = build_booklet(folder, tmp_path / "b.pdf", options=PrintOptions(pad_to=1, bleed=0))
    pdf = Pdf(result.output)
    first = result.anchors["posters"] - 1
    pages = [i for i in range(first, len(pdf)) if "Poster title" in pdf.texts[i]]
    assert len(pages) >= 3 and pages[0] == first
    for page in pages[1:]:
        lines = [line for line in pdf.lines(page) if line != "Posters"]  # (the running head)
        assert lines[0] == "Beta (continued)", (page, lines[:3])
    printed = " ".join(pdf.texts[page] for page in pages)
    assert printed.count("Beta") == 1 + len(pages) - 1 and printed.count("Alpha") == 1


def test_a_booklet_of_the_conference_alone_has_no_empty_contents_page(tmp_path):
    """A folder of conference.yaml alone (every other file absent: a first draft) printed a contents page of its
    heading alone, "Contents" over nothing, and the outline's one entry led there; there is nothing to list, so there
    is no contents page: the cover, ruled Notes pages, the back cover. A conference with a section keeps its contents."""
    folder = write_conference(tmp_path / "conf", {name: None for name in BASE if name != "conference.yaml"})
    pdf = Pdf(build_booklet(folder, tmp_path / "b.pdf").output)
    assert "Contents" not in " ".join(pdf.texts) and pdf.outline() == []
    assert [pdf.lines(i)[0] for i in range(1, len(pdf) - 1)] == ["Notes"] * (len(pdf) - 2)
    folder = write_conference(tmp_path / "with", {**{name: None for name in BASE if name != "conference.yaml"},
                                                  "programme.yaml": 'days:\n  - date: 2027-09-13\n    items:\n'
                                                                    '      - {time: "09:00-10:00", title: Welcome}\n'})
    pdf = Pdf(build_booklet(folder, tmp_path / "c.pdf").output)
    assert pdf.lines(1)[0] == "Contents" and [title for title, _, _ in pdf.outline()][0] == "Contents"
