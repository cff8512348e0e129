"""The index of authors: every person once, with the pages their name is really printed on (read back from
the PDF), bold where they present, each number a link to that page; people.yaml merges spellings and says
family names; its mistakes are errors with file, line and key; the columns it is set in."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import SimpleDocTemplate

from booklet.build import LEARNING_PASSES, build_booklet, learn_people
from booklet.cli import main
from booklet.data.people import People
from booklet.data.validate import read_booklet
from booklet.layout.columns import Columns
from booklet.layout.flowables import Para
from booklet.model import Identity
from booklet.output.render import BookletCanvas
from booklet.text import markup
from booklet.text.names import sort_key, split_name

from .helpers import BASE, DATA, LATER, MERGE_HINT, extend, rebuilt_filling_no_columns, write_conference, yaml_text
from .pdftext import Pdf, norm

PEOPLE_SECTIONS = ("Programme", "Abstracts", "Tutorials", "Posters")


@pytest.fixture(scope="module")
def sample(sample_build):
    return sample_build, Pdf(sample_build.output), read_booklet(DATA)[0]


# -- reading the index and the pages back from the PDF ----------------------------------------

def index_pages(pdf: Pdf, title: str = "Index of authors") -> range:
    outline = pdf.outline()
    starts = [page for _, page, _ in outline]
    at = [t for t, _, _ in outline].index(title)
    end = starts[at + 1] if at + 1 < len(starts) else len(pdf)
    stop = next((i for i in range(starts[at], end) if not pdf.links(i)), end)  # Notes and back cover: none
    return range(starts[at], stop)


def section_pages(pdf: Pdf) -> set[int]:
    """The 0-based pages of the sections that name people (programme, abstracts, tutorials, posters)."""
    outline = pdf.outline()
    starts = [page for _, page, _ in outline] + [len(pdf)]
    pages = set()
    for number, (title, start, _) in enumerate(outline):
        if title in PEOPLE_SECTIONS:
            pages.update(range(start, starts[number + 1]))
    return pages


def read_index(pdf: Pdf, pages: range) -> list[dict]:
    """Each entry in printed order: {"name", "numbers": [(number, bold)], "lines": {line: [number, ...]}},
    read with the font of every piece of text (letter headings are in the sans-serif font)."""
    entries: list[dict] = []
    for index in pages:
        def visit(text, cm, tm, font, size, index=index):
            name = (font or {}).get("/BaseFont", "")
            if not text.strip() or "NotoSans" in name:  # the section heading, the letter headings, folios
                return
            line = (index, round(cm[4], 1), round(cm[5] + tm[5], 1))
            for digits, words in re.findall(r"(\d+)|([^\d]+)", text):
                if words.strip(" ,\n\u2002"):
                    if not entries or entries[-1]["numbers"]:
                        entries.append({"name": "", "numbers": [], "lines": defaultdict(list)})
                    entries[-1]["name"] = " ".join((entries[-1]["name"] + " " + words).split()).strip(" ,")
                elif digits:
                    entries[-1]["numbers"].append((int(digits), name.endswith("-Bold")))
                    entries[-1]["lines"][line].append(int(digits))
        pdf.reader.pages[index].extract_text(visitor_text=visit)
    return [e for e in entries if not re.fullmatch(r"StarStat 2027|TC2027", e["name"])]  # running heads


def people_of(booklet) -> dict[Identity, bool]:
    """Everyone the index lists (speakers, authors, presenters, poster authors, chairs), by person."""
    who = People(booklet.people)
    found = {}
    for abstract in booklet.abstracts:
        found.update({who.of(p.name): True for p in abstract.authors})
    for tutorial in booklet.tutorials:
        found.update({who.of(p.name): True for p in tutorial.presenters})
    for poster in booklet.posters:
        found.update({who.of(p.name): True for p in poster.authors})
    for day in booklet.days:
        found.update({who.of(chair): True for s in day.sessions() for chair in s.chairs})
    return found


def expected_pages(pdf: Pdf, identity: Identity) -> list[int]:
    """1-based pages of the people sections whose text holds one of the person's spellings."""
    spellings = [norm(s) for s in (identity.name, *identity.aliases)]
    return sorted(i + 1 for i in section_pages(pdf) if any(s in pdf.norms[i] for s in spellings))


def check_entries_against_the_pdf(pdf: Pdf, booklet) -> list[dict]:
    """Every person's entry lists exactly the pages their name is printed on; each number once, ascending."""
    entries = read_index(pdf, index_pages(pdf))
    by_name = {e["name"]: e for e in entries}
    assert len(by_name) == len(entries)  # nobody twice
    people = people_of(booklet)
    assert set(by_name) == {split_name(p.name, p.family).inverted() for p in people}
    for person in people:
        entry = by_name[split_name(person.name, person.family).inverted()]
        numbers = [n for n, _ in entry["numbers"]]
        assert numbers == expected_pages(pdf, person), person.name
    return entries


# -- the sample ---------------------------------------------------------------------------------

def test_every_person_of_the_sample_has_the_pages_their_name_is_on(sample):
    _, pdf, booklet = sample
    entries = check_entries_against_the_pdf(pdf, booklet)
    assert len(entries) == len(people_of(booklet)) == 80
    assert pdf.lines(index_pages(pdf)[0])[:2] == ["Index of authors", "A"]


def test_numbers_are_bold_where_the_person_presents(sample):
    """Bold: the abstract a person gives, the poster they present (the one author, or the one marked), the
    tutorial they teach. Not bold: a co-author's abstract, a programme line, a session they chair."""
    _, pdf, booklet = sample
    entries = {e["name"]: dict(e["numbers"]) for e in read_index(pdf, index_pages(pdf))}
    who = People(booklet.people)
    presents: dict[Identity, set[int]] = defaultdict(set)
    for abstract in booklet.abstracts:
        page = pdf.pages_with(markup.plain(abstract.title))[-1] + 1  # the abstract's page (the programme's line comes first)
        for person in abstract.speakers:
            presents[who.of(person.name)].add(page)
    named = section_pages(pdf)
    for tutorial in booklet.tutorials:  # (each presenter on the tutorial's page that names them: it may run on)
        first = [i for i in pdf.pages_with(markup.plain(tutorial.title)) if i in named][-1]
        for p in tutorial.presenters:
            page = next(i for i in range(first, first + 3) if markup.plain(p.name) in pdf.texts[i]) + 1
            presents[who.of(p.name)] = presents[who.of(p.name)] | {page}
    for poster in booklet.posters:
        page = pdf.pages_with(markup.plain(poster.title))[0] + 1
        marked = [p for p in poster.authors if p.presenting] or poster.authors[:1]
        for person in marked:
            presents[who.of(person.name)].add(page)
    for person in people_of(booklet):
        numbers = entries[split_name(person.name, person.family).inverted()]
        assert {n for n, bold in numbers.items() if bold} == presents[person], person.name
    assert entries["Walker, Hemi"] == {25: False, 48: False, 62: True, 66: False}  # presents poster 2 only
    assert entries["Øvergaard, Sigrid"] == {6: False, 7: False, 12: False, 59: True}  # chairs 3 sessions, teaches


def test_every_number_links_to_the_page_it_names(sample):
    """Each number's link (found by its line and column) goes to the page it names, where the name is."""
    result, pdf, _ = sample
    check_links(result, pdf)


def check_links(result, pdf: Pdf) -> None:
    pages = index_pages(pdf)
    links = {i: pdf.links(i) for i in pages}
    entries = read_index(pdf, pages)
    lefts = defaultdict(set)  # page -> the left edges of its columns
    for entry in entries:
        for index, left, _ in entry["lines"]:
            lefts[index].add(left)
    count = 0
    for entry in entries:
        for (index, left, baseline), numbers in entry["lines"].items():
            on_line = sorted((rect[0], target) for rect, target in links[index]
                             if rect[1] <= baseline + 2 <= rect[3]
                             and max(x for x in lefts[index] if x <= rect[0] + 0.5) == left)
            assert [target for _, target in on_line] == [n - 1 for n in numbers], entry["name"]
            count += len(numbers)
    assert count == sum(len(links[i]) for i in pages)  # no other links on the index pages
    person = [key for key in result.anchors if key.startswith("person-")]
    assert len(person) == count and all(result.anchors[key] == int(key.rsplit("-", 1)[1]) for key in person)


def test_a_merged_alias_is_one_entry_and_a_declared_family_name_files_the_name(sample):
    _, pdf, booklet = sample
    entries = read_index(pdf, index_pages(pdf))
    names = [e["name"] for e in entries]
    poster = pdf.pages_with("Outlier-robust regression for the Tully-Fisher relation")[0]
    assert "O. Lindqvist" in pdf.texts[poster]  # the poster prints the spelling its data has
    assert names.count("Lindqvist, Oskar") == 1 and not [n for n in names if n.startswith("Lindqvist, O.")]
    oskar = next(e for e in entries if e["name"] == "Lindqvist, Oskar")
    assert poster + 1 in [n for n, _ in oskar["numbers"]]
    assert "Ibáñez Rojas, Lucía" in names and not [n for n in names if n.startswith("Rojas")]


def test_the_order_is_the_index_order_with_letter_headings(sample):
    _, pdf, booklet = sample
    names = [e["name"] for e in read_index(pdf, index_pages(pdf))]
    people = {split_name(p.name, p.family).inverted(): split_name(p.name, p.family) for p in people_of(booklet)}
    assert names == sorted(names, key=lambda n: sort_key(people[n]))
    assert names.index("Østby, Lars") < names.index("Øvergaard, Sigrid") < names.index("Oyelaran, Adaeze")
    assert names[-3:] == ["Αλεξίου, Δημήτρης", "Παπαδάκη, Μαρίνα", "Петков, Радослав"]  # Greek, then Cyrillic
    text = "\n".join(pdf.texts[i] for i in index_pages(pdf))
    headings = [line for line in text.splitlines() if len(line.strip()) == 1 or line.endswith(("Greek", "Cyrillic"))]
    assert headings[:4] == ["A", "B", "C", "D"] and headings[-3:] == ["Α Greek", "Π", "П Cyrillic"]


def test_no_column_ends_on_a_letter_s_first_entry_or_starts_with_its_last_alone(sample):
    """A typesetter's review: the sample's "T" (three names) was split two and one, "Te Rangi" alone at the top of
    the next column under no heading. A letter of two or three entries stays whole; a longer one leaves two at
    least on either side of a column break."""
    _, pdf, _ = sample
    pages = index_pages(pdf)
    placed = []  # (page, column's left edge, -baseline, kind)
    for index in pages:
        def visit(text, cm, tm, font, size, index=index):
            name = (font or {}).get("/BaseFont", "")
            if "NotoSans" in name and name.endswith("-Bold") and len(text.strip()) == 1:
                placed.append((index, round(cm[4] + tm[4]), -round(cm[5] + tm[5], 1), "letter"))
        pdf.reader.pages[index].extract_text(visitor_text=visit)
    for entry in read_index(pdf, pages):
        page, x, y = min(entry["lines"], key=lambda line: (line[0], line[1], -line[2]))
        placed.append((page, round(x), -y, "entry"))
    groups: list[list[tuple[int, int]]] = []
    for page, x, _, kind in sorted(placed):
        if kind == "letter":
            groups.append([])
        else:
            groups[-1].append((page, x))
    assert len(groups) > 20 and sum(map(len, groups)) >= 80
    assert len({column for columns in groups for column in columns}) == 4  # two pages of two columns
    for columns in groups:
        parts = [columns.count(column) for column in dict.fromkeys(columns)]
        assert len(parts) == 1 or min(parts) >= 2, parts
        assert len(columns) > 3 or len(parts) == 1


def test_the_index_is_in_the_contents_and_outline_and_last_of_the_sections(sample):
    result, pdf, _ = sample
    titles = [t for t, _, _ in pdf.outline()]
    assert titles[-1] == "Index of authors"
    contents = pdf.lines(1)
    at = contents.index("Index of authors")
    assert int(contents[at + 1]) == result.anchors["index"] == index_pages(pdf)[0] + 1


# -- the theme: left out, or before the pages it lists ------------------------------------------------

def test_the_theme_can_leave_the_index_out(tmp_path):
    folder = write_conference(tmp_path / "conf", {
        "theme.yaml": "sections: [committees, programme, abstracts, tutorials, posters, practical]\n"})
    pdf = Pdf(build_booklet(folder, tmp_path / "b.pdf").output)
    assert "Index of authors" not in [t for t, _, _ in pdf.outline()]
    assert not pdf.pages_with("Index of authors")
    assert not pdf.pages_with("Smith, Ana")


def test_an_index_before_the_programme_lists_the_pages_the_names_come_to_be_on(tmp_path):
    """The index moves everything after it by its own length: its pages are learnt in earlier passes."""
    folder = write_conference(tmp_path / "conf", {
        "theme.yaml": "sections: [committees, index, programme, abstracts, tutorials, posters, practical]\n",
        "abstracts.yaml": extend("abstracts.yaml", "".join(
            f"- {{id: extra-{n}, title: Extra talk {n}, speaker: {{name: Person{chr(65 + n)} Extra{chr(65 + n)}}}, "
            "abstract: Text.}\n" for n in range(26)))})
    result = build_booklet(folder, tmp_path / "b.pdf")
    pdf = Pdf(result.output)
    titles = [t for t, _, _ in pdf.outline()]
    assert titles.index("Index of authors") < titles.index("Programme")
    assert len(index_pages(pdf)) == 1  # every page after it is one later than without it
    booklet = read_booklet(folder)[0]
    entries = check_entries_against_the_pdf(pdf, booklet)
    assert len(entries) == 6 + 26
    check_links(result, pdf)
    chair = next(e for e in entries if e["name"] == "Chen, Mei")
    assert chair["numbers"] == [(index_pages(pdf).stop + 1, False)]  # the programme's first page


def test_a_name_split_across_a_page_break_is_noted_on_the_page_it_is_drawn_on(tmp_path):
    names = " ".join(f'Name{n}<onDraw name="person" label="{n}:0"/>' for n in range(70))  # as Context.named
    style = ParagraphStyle("p", fontSize=10, leading=12)
    doc = SimpleDocTemplate(str(tmp_path / "p.pdf"), pagesize=(200, 200), leftMargin=10, rightMargin=10,
                            topMargin=10, bottomMargin=10)
    canvases = []

    class Canvas(BookletCanvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            canvases.append(self)

    doc.build([Para(names, style)], canvasmaker=Canvas)
    pages = {int(key): list(seen) for key, seen in canvases[0].people_pages.items()}
    pdf = Pdf(tmp_path / "p.pdf")
    assert len(pdf) == 2
    for n in range(70):
        (page,) = pages[n]
        assert f"Name{n}" in pdf.texts[page - 1].split(), n  # drawn on the page it is noted on
    assert {p for (p,) in pages.values()} == {1, 2}


# -- people.yaml: errors and warnings -----------------------------------------------------------------

def check(folder: Path):
    """check's exit status, and its lines: the problems (stderr), then the summary (stdout)."""
    result = CliRunner().invoke(main, ["check", str(folder)])
    return result.exit_code, result.stderr.splitlines() + result.stdout.splitlines()


def test_people_yaml_mistakes_are_errors_with_file_line_and_key(tmp_path):
    folder = write_conference(tmp_path / "conf", {"people.yaml": """\
        - name: Ana Smith
          aliases: [A. Smith, Ana Smyth]
        - name: Bo Jones
          aliases:
            - B. Jones
            - A. Smith
        - name: Ana Smyth
        - name: Mei Chen
          aliases: {x: 1}
          family: [Chen]
        - aliases: [Z. P.]
        """})
    code, lines = check(folder)
    assert code == 1
    already = "one spelling belongs to one person; list all of a person's spellings under one name"
    assert lines == [
        f"people.yaml:6: [1].aliases[1]: 'A. Smith' is already an alias of 'Ana Smith' (line 2): {already}",
        f"people.yaml:7: [2].name: 'Ana Smyth' is already an alias of 'Ana Smith' (line 2): {already}",
        "people.yaml:9: [3].aliases: expected text, or a list of texts, not a mapping; write it like: "
        "aliases: [P. van der Smagt]",
        "people.yaml:10: [3].family: expected text, not a list; write it like: family: García Márquez",
        "people.yaml:11: [4].name: required key is missing (e.g. name: Patrick van der Smagt)",
        f"{folder}: 5 errors, 0 warnings.{LATER}",
    ]
    built = CliRunner().invoke(main, ["build", str(folder), "-o", str(tmp_path / "b.pdf")])
    assert built.exit_code == 1 and not (tmp_path / "b.pdf").exists()


@pytest.mark.parametrize("family", ["''", '" "'])
def test_an_empty_family_name_is_an_error_with_the_name_it_would_be_filed_under(tmp_path, family):
    """`family: ''` was taken as if the key were left out, without a word: "Ana Smith" filed under Smith whether or
    not that was meant (a name with no family name, or one not yet filled in). An empty family name is no words of the
    name, which the contract makes an error; a person of one name needs no key (the name is filed under itself)."""
    folder = write_conference(tmp_path / "conf", {"people.yaml": f"- name: Ana Smith\n  family: {family}\n"
                                                                 "- name: LaForge\n  family: ''\n"})
    assert check(folder) == (1, [
        "people.yaml:2: [0].family: is empty: write the family name as the name 'Ana Smith' writes it, or leave the "
        "key out (the index then files the name under 'Smith')",
        "people.yaml:4: [1].family: is empty: write the family name as the name 'LaForge' writes it, or leave the "
        "key out (the index then files the name under 'LaForge')",
        f"{folder}: 2 errors, 0 warnings.{LATER}"])
    built = CliRunner().invoke(main, ["build", str(folder), "-o", str(tmp_path / "b.pdf")])
    assert built.exit_code == 1 and not (tmp_path / "b.pdf").exists() and "Traceback" not in built.output


@pytest.mark.parametrize("aliases", ['""', "' '"])
def test_empty_aliases_are_an_error(tmp_path, aliases):
    """`aliases: ""` was taken as if the key were left out, without a word (spellings not yet filled in, or a
    spreadsheet's empty cell): the names it should have merged stayed two people in the index. Empty aliases are no
    spelling, as `family: ''` is no family name: an error at the key's line; a list's empty item already was one."""
    folder = write_conference(tmp_path / "conf", {"people.yaml": f"- name: Bo Jones\n- name: Ana Smith\n"
                                                                 f"  aliases: {aliases}\n"})
    assert check(folder) == (1, [
        "people.yaml:3: [1].aliases: is empty: write the other spellings of 'Ana Smith' the data uses, or leave the "
        "key out",
        f"{folder}: 1 error, 0 warnings.{LATER}"])
    built = CliRunner().invoke(main, ["build", str(folder), "-o", str(tmp_path / "b.pdf")])
    assert built.exit_code == 1 and not (tmp_path / "b.pdf").exists() and "Traceback" not in built.output


@pytest.mark.parametrize("aliases", ["[]", "[ ]"])
def test_an_empty_list_of_aliases_is_no_aliases_as_other_empty_lists_are(tmp_path, aliases):
    """`aliases: []` is a list that names no other spelling: nothing of the data is left unmerged by it (unlike
    `aliases: ""`, a spelling's place left blank), and every other list of texts given empty (`chair: []`,
    `affiliation: []`, `notes: []`) is read as the key left out, without a word; the schema allows it too. So is this
    one: no error, the entry kept (its `family` files the name), and the booklet builds."""
    folder = write_conference(tmp_path / "conf", {"people.yaml": f"- name: Bo Jones\n- name: Ana Smith\n"
                                                                 f"  aliases: {aliases}\n  family: Ana Smith\n"})
    assert check(folder) == (0, [f"{folder}: 0 errors, 0 warnings."])
    booklet, _ = read_booklet(folder)
    assert [(p.name, p.aliases, p.family) for p in booklet.people] == [
        ("Bo Jones", (), None), ("Ana Smith", (), "Ana Smith")]
    built = CliRunner().invoke(main, ["build", str(folder), "-o", str(tmp_path / "b.pdf")])
    assert built.exit_code == 0 and (tmp_path / "b.pdf").exists()


def test_an_alias_that_is_a_name_given_before_is_an_error_there(tmp_path):
    folder = write_conference(tmp_path / "conf", {"people.yaml": "- name: Bo Jones\n- name: Ana Smith\n"
                                                                 "  aliases: Bo Jones\n"})
    assert check(folder) == (1, [
        "people.yaml:3: [1].aliases: 'Bo Jones' is already the name of an entry (line 1): one spelling belongs to "
        "one person; list all of a person's spellings under one name",
        f"{folder}: 1 error, 0 warnings.{LATER}"])


def test_spellings_merged_in_people_yaml_are_not_warned_about_and_unused_ones_are(tmp_path):
    files = {"programme.yaml": BASE["programme.yaml"].replace("chair: Mei Chen", "chair: Zoe Papadopolou")}
    folder = write_conference(tmp_path / "warned", files)
    code, lines = check(folder)
    assert lines[1] == ("posters.yaml:1: [0].author: warning: 'Zoe Papadopoulou' (1 place) is also written "
                        "'Zoe Papadopolou' (1 place, first at programme.yaml:7; a letter or two differ)" + MERGE_HINT)
    files["people.yaml"] = """\
        - name: Zoe Papadopoulou
          aliases: [Zoe Papadopolou, Zoé Papadopoulou]
        - name: Nobody Here
          aliases: No Body
        """
    folder = write_conference(tmp_path / "merged", files)
    assert check(folder) == (0, [
        "Names and aliases in people.yaml that the data does not write (2):",
        "people.yaml:2: [0].aliases[1]: warning: the alias 'Zoé Papadopoulou' of 'Zoe Papadopoulou' is written "
        "nowhere in the data",
        "people.yaml:3: [1].name: warning: 'Nobody Here' is written nowhere in the data, nor any of its aliases",
        f"{folder}: 0 errors, 2 warnings.",
    ])
    pdf = Pdf(build_booklet(folder, tmp_path / "b.pdf").output)
    entries = read_index(pdf, index_pages(pdf))
    assert [e["name"] for e in entries].count("Papadopoulou, Zoe") == 1
    assert not [e for e in entries if "Papadopolou" in e["name"]]


def test_names_that_print_alike_once_the_fonts_leave_a_character_out_are_one_entry(tmp_path):
    """"Bo Jones 🎉" (an emoji from a submission form, which the bundled fonts cannot print) and "Bo Jones" printed
    the same name in two entries of the index, "Jones, Bo 6" and "Jones, Bo 4, 7", and check warned of one person
    written two ways. Names are compared as they print: one entry with every page (the character's own warning
    stays; "Yao Wei (魏銘廷)" prints "Yao Wei", brackets and all left out, as in running text); a name whose added
    character does print ("Bo Jones ★", Noto Sans Symbols 2) stays another person."""
    abstracts = extend("abstracts.yaml", """\
        - id: jones-2
          title: Party talk
          speaker: {name: Bo Jones 🎉, affiliation: Inst B}
          abstract: Fun.
        - id: lee
          title: Other
          speaker: {name: 🎈 Cy  Lee}
          abstract: Fun.
        - id: star
          title: Star
          speaker: {name: Bo Jones ★}
          abstract: Shine.
        - id: wei
          title: Wei
          speaker: {name: Yao Wei (魏銘廷)}
          abstract: Hello.
        """)
    programme = BASE["programme.yaml"] + "".join(
        f'      - {{time: "{t}", talk: {talk}}}\n' for t, talk in (("17:00-17:30", "jones-2"), ("17:30-17:40", "lee"),
                                                                 ("17:40-17:50", "star"), ("17:50-18:00", "wei")))
    posters = BASE["posters.yaml"].replace("Zoe Papadopoulou", "Yao Wei")
    folder = write_conference(tmp_path / "conf", {"abstracts.yaml": abstracts, "programme.yaml": programme,
                                                  "posters.yaml": posters})
    code, lines = check(folder)
    assert code == 0 and lines[:5] == [
        "The same person written differently (2):",
        "abstracts.yaml:9: [1].authors[1].name: warning: 'Bo Jones' (2 places) is also written 'Bo Jones ★' (1 place, "
        "first at abstracts.yaml:21; punctuation or spacing differs)" + MERGE_HINT,
        "abstracts.yaml:21: [4].speaker.name: warning: 'Bo Jones ★' (1 place) is also written 'Bo Jones' (2 places, "
        "first at abstracts.yaml:9; punctuation or spacing differs)" + MERGE_HINT,
        "Characters the booklet's fonts cannot print (3):",
        "abstracts.yaml:13: [2].speaker.name: warning: the booklet's fonts cannot print '🎉' (U+1F389); left out: give "
        "theme.yaml's `fonts:` a font that has them"]
    assert lines[5].startswith("abstracts.yaml:17: [3].speaker.name: warning: the booklet's fonts cannot print '🎈'")
    assert lines[6].startswith("abstracts.yaml:25: [5].speaker.name: warning: the booklet's fonts cannot print '魏'")
    assert len(lines) == 8  # (the summary)
    pdf = Pdf(build_booklet(folder, tmp_path / "b.pdf").output)
    listed = [line for i in index_pages(pdf) for line in pdf.lines(i) if line.startswith(("Jones", "Lee", "Wei"))]
    assert listed == ["Jones, Bo 4, 6, 7", "Jones, Bo ★ 4, 9", "Lee, Cy 4, 8", "Wei, Yao 4, 10, 12"]


# -- the columns -------------------------------------------------------------------------------

def test_columns_keep_the_order_across_pages_and_balance_the_last(tmp_path):
    style = ParagraphStyle("p", fontSize=10, leading=12)
    items = [Para(f"Item{n:03d}", style) for n in range(100)]
    doc = SimpleDocTemplate(str(tmp_path / "c.pdf"), pagesize=(300, 276), leftMargin=20, rightMargin=20,
                            topMargin=12, bottomMargin=12)  # 240 points inside the frame's padding: 20 lines
    doc.build([Columns(items, 2, 10)])
    reader = pypdf.PdfReader(str(tmp_path / "c.pdf"))
    assert len(reader.pages) == 3  # 40 a page; 20 on the last, balanced into two columns of 10
    seen = []
    for number, page in enumerate(reader.pages):
        places = []
        page.extract_text(visitor_text=lambda t, cm, tm, f, s: places.append((t.strip(), cm[4], cm[5] + tm[5]))
                          if t.strip() else None)
        seen += [t for t, _, _ in places]
        columns = defaultdict(list)
        for text, x, y in places:
            columns[round(x)].append(y)
        assert len(columns) == 2
        assert [len(ys) for _, ys in sorted(columns.items())] == ([20, 20] if number < 2 else [10, 10])
    assert seen == [f"Item{n:03d}" for n in range(100)]


@pytest.mark.parametrize("before", [16, 17])
def test_a_column_neither_ends_with_a_heading_and_one_entry_nor_starts_with_a_group_s_last_alone(tmp_path, before):
    """20 lines a column. A heading and 16 entries, then a heading and 3: the second group's last would start the
    next column alone (its last but one keeps with it, columns.keep_with_last); a heading and 17: the second
    heading would end the column with one entry under it. Either way the second group moves on whole."""
    from booklet.layout.columns import keep_with_last

    line = ParagraphStyle("p", fontSize=10, leading=12)
    heading = ParagraphStyle("h", parent=line, keepWithNext=1)

    def group(name: str, count: int) -> list:
        entries = [Para(f"{name}{n:02d}", line) for n in range(count)]
        if count > 2:
            keep_with_last(entries[-2])
        return [Para(f"Letter{name}", heading), *entries]

    doc = SimpleDocTemplate(str(tmp_path / "c.pdf"), pagesize=(300, 276), leftMargin=20, rightMargin=20,
                            topMargin=12, bottomMargin=12)  # 240 points inside the frame's padding: 20 lines
    doc.build([Columns(group("A", before) + group("B", 3) + group("C", 40), 2, 10)])
    page = pypdf.PdfReader(str(tmp_path / "c.pdf")).pages[0]
    columns = defaultdict(list)
    page.extract_text(visitor_text=lambda t, cm, tm, f, s: columns[round(cm[4] + tm[4])].append(t.strip())
                      if t.strip() else None)
    first, second = (texts for _, texts in sorted(columns.items()))
    assert first[-1] == f"A{before - 1:02d}" and second[:5] == ["LetterB", "B00", "B01", "B02", "LetterC"]


def _column_lines(path) -> list[dict[int, list[float]]]:
    """Each page's lines of text, by their column's left edge: the baselines, top down."""
    pages = []
    for page in pypdf.PdfReader(str(path)).pages:
        columns = defaultdict(list)
        page.extract_text(visitor_text=lambda t, cm, tm, f, s: columns[round(cm[4] + tm[4])].append(cm[5] + tm[5])
                          if t.strip() else None)
        pages.append({x: sorted(ys, reverse=True) for x, ys in sorted(columns.items())})
    return pages


@pytest.mark.parametrize("count, pages, step", [(32, 1, (15.0, 15.2)), (40, 2, (16.0, 16.0)),
                                                (30, 1, (16.0, 16.0))])
def test_columns_take_a_few_left_over_onto_the_page_with_tighter_spaces(tmp_path, count, pages, step):
    """15 items of 12 points 4 apart fill a column 240 points tall; 2 columns hold 30. Of 32, the 2 left over would
    be a page of their own: the spaces are set as little tighter as takes them (4 x 0.8 at most: 16 a column), no
    tighter than 0.75. Of 40, the 10 left over go on to the next page, with the spaces as they are."""
    style = ParagraphStyle("p", fontSize=10, leading=12, spaceBefore=4)
    doc = SimpleDocTemplate(str(tmp_path / "c.pdf"), pagesize=(300, 276), leftMargin=20, rightMargin=20,
                            topMargin=12, bottomMargin=12)
    doc.build([Columns([Para(f"Item{n:03d}", style) for n in range(count)], 2, 10)])
    laid = _column_lines(tmp_path / "c.pdf")
    assert len(laid) == pages
    first = list(laid[0].values())
    assert [len(ys) for ys in first] == ([count // 2] * 2 if pages == 1 else [15, 15])
    steps = [a - b for ys in first for a, b in zip(ys, ys[1:])]
    assert step[0] - 0.01 <= min(steps) and max(steps) <= step[1] + 0.01


def test_the_sample_s_participants_on_a4_take_one_page_not_one_and_a_name(sample_a4):
    """On A4 the last participant went on to a page of its own; the page's spaces are now a little tighter."""
    pdf = Pdf(sample_a4.output)
    (first,) = [page for page in range(len(pdf)) if pdf.lines(page)[:2] == ["Participants", "A"]]
    assert {"Abebe, Selam", "Петков, Радослав"} <= set(pdf.lines(first))
    assert "Participants" not in pdf.lines(first + 1)

def test_learning_the_pages_stops_and_says_so_when_they_do_not_settle():
    """(They always have: a theme would need an index whose length flips with its own page numbers.)"""
    passes = []

    def render(story, target, people):
        passes.append(story)
        people.update({"0": {len(passes): True}})  # a page that moves every time

    known, settled = learn_people(lambda known, links: (known, links), render)
    assert not settled and len(passes) == LEARNING_PASSES and known == {"0": {LEARNING_PASSES: True}}
    assert all(links is False for _, links in passes)  # no links while learning
    passes.clear()
    assert learn_people(lambda known, links: (known, links), lambda s, t, people: passes.append(s)) == ({}, True)


def test_the_list_of_participants_files_names_by_people_yaml_s_family_too(tmp_path):
    folder = write_conference(tmp_path / "conf", {
        "participants.yaml": "- {name: Gabriel García Márquez}\n- {name: Ana Smith}\n",
        "people.yaml": "- {name: Gabriel García Márquez, family: García Márquez}\n"})
    pdf = Pdf(build_booklet(folder, tmp_path / "b.pdf").output)
    (page,) = pdf.pages_with("García Márquez, Gabriel")
    assert pdf.lines(page)[:3] == ["Participants", "G", "García Márquez, Gabriel"]


def test_a_family_name_that_is_not_whole_words_at_either_end_of_the_name_is_an_error(tmp_path):
    # it was filed as "Smith, Bo Jones" (and "ones, Bo J" for a part of a word), without a word
    folder = write_conference(tmp_path / "conf", {"people.yaml": """\
        - {name: Bo Jones, family: Smith}
        - name: Ana Smith
          family: mith
        - {name: Chiamaka Okafor, family: Okafor}
        """})
    assert check(folder) == (1, [
        "people.yaml:1: [0].family: 'Smith' is not the first or last words of the name 'Bo Jones': write the "
        "family name as the name writes it",
        "people.yaml:3: [1].family: 'mith' is not the first or last words of the name 'Ana Smith': write the "
        "family name as the name writes it",
        f"{folder}: 2 errors, 0 warnings.{LATER}",
    ])


def test_an_empty_alias_says_it_is_empty(tmp_path):
    # it said "expected text, not text"
    folder = write_conference(tmp_path / "conf", {"people.yaml": "- name: Bo Jones\n  aliases:\n    - B. Jones\n    -\n"})
    assert check(folder) == (1, [
        "people.yaml:4: [0].aliases[1]: an empty item: write its text, or leave the item out",
        f"{folder}: 1 error, 0 warnings.{LATER}",
    ])


def test_columns_measured_at_no_page_height_balance_as_when_each_height_is_filled():
    """A group kept together (the index's heading with its entries) is measured at a height no page has:
    the columns' height is then the one bisecting with every height filled gives (heights the whole list
    fits in one column at are not filled again)."""
    from booklet.layout import columns as module

    style = ParagraphStyle("entry", fontName="Helvetica", fontSize=9, leading=11, spaceBefore=2)
    items = [Para(f"Name {i} " + "word " * (i % 7 * 4), style) for i in range(60)]
    huge = 0xFFFFFFF
    made = Columns(items, 2, 10)
    width, height = made.wrap(300, huge)

    reference = Columns(items, 2, 10)
    filled = reference._fill(300, huge, False)
    low, high = max(h for column in filled[0] for _, h, _ in column), huge
    for _ in range(module._BALANCE_STEPS):  # the bisection, every height filled
        if high - low < 0.25:
            break
        middle = (low + high) / 2
        if reference._fill(300, middle, False)[1].peek() is None:
            high = middle
        else:
            low = middle
    assert 0 < height == max(sum(h + s for _, h, s in column) for column in reference._fill(300, high, False)[0])
    assert height < huge / 1000


def test_a_team_or_committee_is_filed_as_written_not_turned_round():
    """"Staff, FOSDEM" and "Team, Bielik" were filed in the index as if they were people."""
    from booklet.text.names import split_name

    for name in ("FOSDEM Staff", "Bielik Team", "Digital Wallets FOSDEM team", "The LIGO Scientific Collaboration",
                 "Jugend hackt-Team"):  # (39C3's "hackt-Team, Jugend")
        taken = split_name(name)
        assert (taken.family, taken.given) == (name, ""), name
    assert (split_name("Ana Smith").family, split_name("Ana Smith").given) == ("Smith", "Ana")
    assert split_name("Grace Teamworth").family == "Teamworth"  # a word that only starts like one: a person
    # a group word ends the hyphenated word ("hackt-Team"); one that starts it is a person's double family name
    assert (split_name("Anna Team-Weber").family, split_name("Ana Project-Smith").family) == ("Team-Weber",
                                                                                               "Project-Smith")
    for person, family in (("Amanda Crew", "Crew"), ("Kathy Staff", "Staff")):  # family names too: persons ...
        assert split_name(person).family == family
    assert split_name("FOSDEM Staff").family == "FOSDEM Staff"  # ... unless beside a word in capitals


def test_a_title_or_a_projects_name_is_filed_as_written_not_turned_round():
    """39C3's speakers "How They Vote" and "Freedom Not Fear" were filed as "Vote, How They" and "Fear, Freedom Not":
    a name with a word before its last that no person's name has (names.TITLE_WORDS) is filed as written, under its
    first letter; as a name's last word, or in its note, such a word is no title's ("Ana With", "Lizzz (they / she)")."""
    from booklet.text.names import heading, split_name

    for name in ("How They Vote", "Freedom Not Fear", "Steuerkarten für Freunde", "RWE und co enteignen",
                 "How They Vote, Open Parliament TV and Open Data Ranking"):
        taken = split_name(name)
        assert (taken.family, taken.given, taken.inverted(), heading(taken)) == (name, "", name, name[0]), name
    assert split_name("Ana With").inverted() == "With, Ana"
    assert split_name("Lizzz (they / she)").family == "Lizzz"
    assert split_name("Ana Smith, Lund University").inverted() == "Ana Smith, Lund University"


def test_initials_typed_onto_the_family_name_are_the_given_names():
    """The EuroPython 2014 brochure's speaker "Julia S.Simon" was filed under S as "S.Simon, Julia": initials typed
    onto the family name without a space are the given name's ("Simon, Julia S."); initials alone, or before a word
    in capitals, are as written."""
    from booklet.text.names import heading, split_name

    for name, filed in (("Julia S.Simon", "Simon, Julia S."), ("O.Klein", "Klein, O."), ("A.O'Brien", "O'Brien, A."),
                        ("Alvar C.H. Freude", "Freude, Alvar C.H."), ("C.H.", "C.H."), ("J.R.SMITH", "J.R.SMITH")):
        assert split_name(name).inverted() == filed, name
    assert heading(split_name("Julia S.Simon")) == "S" and split_name("Julia S.Simon").family == "Simon"
    # a degree written with its stops is no initials and family name: "Anna Weber M.Sc" was filed "Sc, Anna Weber M."
    # under S (as before the initials were read: the degree filed as her family name, M)
    for name in ("Anna Weber M.Sc", "Hans Müller B.Eng", "Jo Li D.Phil", "Ana Ruiz M.Ed"):
        assert split_name(name).given == " ".join(name.split()[:2]), name


def test_a_spanish_or_portuguese_family_name_joined_by_y_or_e_is_filed_whole():
    """"Santiago Ramón y Cajal" was filed under C as "Cajal, Santiago Ramón y": a small 'y' or 'e' before the last
    word joins it to the capitalised word before (Spanish and Portuguese family names), lowercase particles before
    them as ever; a 'y' further on, or between two words alone, is no such join."""
    from booklet.text.names import heading, split_name

    for name, filed in (("Santiago Ramón y Cajal", "Ramón y Cajal, Santiago"),
                        ("José Ortega y Gasset", "Ortega y Gasset, José"),
                        ("Maria da Silva e Souza", "Silva e Souza, Maria da"), ("John E Smith", "Smith, John E"),
                        ("Ana López y Bo Ruiz", "Ruiz, Ana López y Bo")):
        assert split_name(name).inverted() == filed, name
    assert heading(split_name("Santiago Ramón y Cajal")) == "R"


def test_what_a_speaker_goes_by_after_a_bar_is_a_note_not_the_family_name():
    """39C3's "Keywan Tonekaboni | c’t uplink" was filed as "uplink, Keywan Tonekaboni | c’t", "Tim Mäcken |
    Radiomegahertz" as "Radiomegahertz, Tim Mäcken |": what follows a bar is printed after the name, as a note in
    brackets is, and not sorted on."""
    from booklet.text.names import heading, split_name

    for name, filed in (("Keywan Tonekaboni | c’t uplink", "Tonekaboni, Keywan | c’t uplink"),
                        ("Tim Mäcken | Radiomegahertz", "Mäcken, Tim | Radiomegahertz"), ("a|b", "a|b")):
        assert split_name(name).inverted() == filed, name
    assert heading(split_name("Tim Mäcken | Radiomegahertz")) == "M"


def test_a_numbered_role_is_filed_as_written_not_turned_round():
    """The SIGDIAL import's placeholder chair "Chair 1" was filed in the index as "1, Chair"."""
    from booklet.text.names import split_name

    for name in ("Chair 1", "Session Chair 2", "Speaker 12"):
        taken = split_name(name)
        assert (taken.family, taken.given, taken.inverted()) == (name, "", name), name
    assert split_name("Ana Smith").inverted() == "Smith, Ana"


def test_preparing_the_index_makes_each_names_entry_markup_before_the_pages_are_known(monkeypatch):
    """A build in parts prepares the index while a worker still lays out (output.parallel._reports): the entries'
    names are converted to markup then, not once the last part is laid out; the entry is the same."""
    from booklet.layout.index import entry_name, prepare_index
    from booklet.text.fonts import use_fonts

    use_fonts()  # the bundled fonts, as reading the data sets the theme's (another set empties the markup made)
    people = [Identity("Ximena *Preparada* de la Vega", family="de la Vega"), Identity("Ōta Kenzaburō-Prepared")]
    prepare_index(people)

    def converted(text):
        raise AssertionError(f"converted again: {text}")

    monkeypatch.setattr(markup, "_converted", converted)
    assert entry_name(people[0]) == "de la Vega, Ximena <i>Preparada</i>"
    assert entry_name(people[1]) == "Kenzaburō-Prepared, Ōta"


def test_preparing_the_index_makes_the_sort_keys_of_the_booklet_s_language(monkeypatch):
    """The sort keys made while a worker lays out are those the index sorts by: in the booklet's language, whose
    letters may be filed otherwise (Swedish å after z)."""
    from booklet.layout.index import prepare_index
    from booklet.text import names

    swede = Identity("Åsa Östergren-Förberedd")
    prepare_index([swede], "sv")
    zander = sort_key(split_name("Zoe Zander"), "sv")

    def made(text):
        raise AssertionError(f"collated again: {text}")

    monkeypatch.setattr(names, "_made_levels", made)
    assert sort_key(split_name(swede.name), "sv") > zander  # Ö after Z, as Swedish files it


def test_a_letter_heading_never_ends_a_column_with_one_of_several_entries_under_it():
    """"O / Ortiz" at a column's foot and the other O names at the next one's top: the heading and its first
    entry go on together; a heading with all its entries, or before one entry alone, stays."""
    from reportlab.platypus import Flowable

    from booklet.layout.columns import Columns

    class Box(Flowable):
        def __init__(self, name: str, height: float, heading: bool = False):
            super().__init__()
            self.name, self.height, self.keepWithNext = name, height, heading

        def wrap(self, availWidth, availHeight):
            return availWidth, self.height

        def draw(self):
            pass

    def columns(names: list[str]) -> list[list[str]]:
        boxes = [Box(n, 10, heading=n.isupper()) for n in names]
        laid, _ = Columns(boxes, 2, 5)._fill(100, 50, True)
        return [[box.name for box, _, _ in column] for column in laid]

    # five boxes a column: "O" and "Ortiz" would end the first, "Osei" and "Ovie" start the second
    assert columns(["N", "Nwosu", "Nyberg", "O", "Ortiz", "Osei", "Ovie"]) == [
        ["N", "Nwosu", "Nyberg"], ["O", "Ortiz", "Osei", "Ovie"]]
    assert columns(["N", "Nwosu", "Nyberg", "O", "Ortiz", "P", "Park"]) == [
        ["N", "Nwosu", "Nyberg", "O", "Ortiz"], ["P", "Park"]]  # O has one name: it ends the column whole
    assert columns(["M", "Ma", "Mb", "Mc", "N", "Nwosu"]) == [["M", "Ma", "Mb", "Mc"], ["N", "Nwosu"]]


def test_the_first_heading_of_greek_and_of_cyrillic_names_says_its_script(sample, tmp_path):
    """The index and the participants read "Y, A, Π, П": a Greek Α that looks like a Latin A after Y, and Greek Π and
    Cyrillic П, one letter twice to the eye. The first heading of each script other than Latin names it, in the
    booklet's language (CLDR's names)."""
    _, pdf, _ = sample
    outline = pdf.outline()
    starts = [page for _, page, _ in outline]
    for title in ("Index of authors", "Participants"):
        at = [t for t, _, _ in outline].index(title)
        end = starts[at + 1] if at + 1 < len(starts) else len(pdf)
        lines = [line.strip() for i in range(starts[at], end) for line in pdf.texts[i].splitlines()]
        headings = [line for line in lines if line and len(line.split()[0]) == 1 and not line[0].isdigit()]
        at = headings.index("Y")
        assert headings[at:at + 4] == ["Y", "Α Greek", "Π", "П Cyrillic"], (title, headings)
    from booklet.layout.common import letter_headings
    from types import SimpleNamespace

    german = SimpleNamespace(booklet=SimpleNamespace(conference=SimpleNamespace(language="de")))
    assert letter_headings(german, ["Y", "Α", "Κ", "П", "Ж", "4"], 10) == [
        "Y", 'Α\u2002<font size="7.00">Griechisch</font>', "Κ", 'П\u2002<font size="7.00">Kyrillisch</font>', "Ж", "4"]


def test_a_rule_between_entries_is_left_out_at_the_top_of_a_column_and_of_a_page(tmp_path):
    """A typesetter's review of the letter-size posters: the second column started with the hairline that ruled off
    the first column's last poster, its first poster set lower than the first column's. A rule `between` entries
    is passed over at the top of a column, and at the top of a page."""
    from reportlab.platypus import PageBreak

    from booklet.layout.flowables import Rule

    style = ParagraphStyle("p", fontSize=10, leading=12)
    entries = []
    for n in range(30):
        entries += [Para(f"Entry{n:02d}", style), Rule("#999999", 0.5, 2, between=True)]
    doc = SimpleDocTemplate(str(tmp_path / "c.pdf"), pagesize=(300, 276), leftMargin=20, rightMargin=20,
                            topMargin=12, bottomMargin=12)
    doc.build([Columns(entries, 2, 10), PageBreak(), Rule("#999999", 0.5, 2, between=True), Para("Alone", style)])
    reader = pypdf.PdfReader(str(tmp_path / "c.pdf"))
    tops = defaultdict(list)
    reader.pages[0].extract_text(visitor_text=lambda t, cm, tm, f, s: tops[round(cm[4] + tm[4])].append(cm[5] + tm[5])
                                 if t.strip() else None)
    (left, right) = (max(ys) for _, ys in sorted(tops.items()))
    assert left == pytest.approx(right, abs=0.01)
    last = reader.pages[-1]
    ys = []
    last.extract_text(visitor_text=lambda t, cm, tm, f, s: ys.append(cm[5] + tm[5]) if t.strip() else None)
    assert ys == [pytest.approx(ys[0])] and ys[0] > 276 - 12 - 6 - 12  # "Alone" on the page's first line
    assert b" l" not in last.get_contents().get_data().replace(b" re", b"")  # (no line drawn: a path's "l")


def test_the_last_page_s_columns_are_balanced_without_splitting_an_entry_where_the_page_holds_them_whole(tmp_path):
    """A typesetter's review of A4: the posters' last page split poster 26 between its two columns, under a
    "(continued)" heading, to balance them. Entries are split to balance only where the page cannot hold them
    whole (as text in columns, TextColumns, still is)."""
    style = ParagraphStyle("p", fontSize=10, leading=12, spaceAfter=4)
    lines = [7, 2, 3, 2, 6]  # (split, two columns of 10 lines would hold them)
    entries = [Para("<br/>".join(f"E{n}L{k}" for k in range(count)), style) for n, count in enumerate(lines)]
    doc = SimpleDocTemplate(str(tmp_path / "c.pdf"), pagesize=(300, 276), leftMargin=20, rightMargin=20,
                            topMargin=12, bottomMargin=12)
    doc.build([Columns(entries, 2, 10)])
    reader = pypdf.PdfReader(str(tmp_path / "c.pdf"))
    assert len(reader.pages) == 1
    columns = defaultdict(set)
    reader.pages[0].extract_text(visitor_text=lambda t, cm, tm, f, s: [
        columns[round(cm[4] + tm[4])].add(word.split("L")[0]) for word in t.split() if word.startswith("E")])
    left, right = (found for _, found in sorted(columns.items()))
    assert not left & right and left | right == {f"E{n}" for n in range(5)}, (left, right)


def test_a_polish_index_files_l_with_stroke_after_l_under_a_heading_of_its_own(tmp_path):
    """Polish files Ł after every L (Lis, Lyko, Łoś), under its own heading Ł; the root order had Łoś between Lis and
    Lyko, under L."""
    from .pdftext import Pdf

    abstracts = BASE["abstracts.yaml"].replace("Ana Smith", "Adam Łoś").replace("Chiamaka Okafor", "Jan Lyko")
    abstracts = abstracts.replace("Bo Jones", "Ewa Lis")
    folder = write_conference(tmp_path / "pl", {
        "conference.yaml": extend("conference.yaml", "language: pl\n"), "abstracts.yaml": abstracts,
        "theme.yaml": "sections: [abstracts, index]\nlabels: {index: Indeks autorów}\n"})
    build_booklet(folder, tmp_path / "pl.pdf")
    pdf = Pdf(tmp_path / "pl.pdf")
    start = next(i for i in range(len(pdf)) if pdf.lines(i)[:1] == ["Indeks autorów"])
    lines = pdf.lines(start)
    assert lines[lines.index("L"):lines.index("L") + 5] == ["L", "Lis, Ewa 4", "Lyko, Jan 4", "Ł", "Łoś, Adam 3"]


def test_a_tutorials_co_authors_print_after_its_presenters_and_are_indexed_not_bold(tmp_path):
    """A tutorial's `authors` (who prepared it but does not teach it; an import put a workshop's authors not marked
    as presenting it nowhere): under "Co-authors" after the presenters, with their affiliations, and in the index of
    authors with the tutorial's page, not bold; the presenter's number there stays bold."""
    folder = write_conference(tmp_path / "conf", {"tutorials.yaml": """\
        - id: bayes-intro
          title: Bayesian inference
          description: A course.
          presenters:
            - {name: Sven Oberg, affiliation: NBI}
          authors:
            - {name: Mara Lindqvist, affiliation: [Lund University, NBI]}
            - {name: Bo Jones}
        """})
    out = tmp_path / "b.pdf"
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(out)])
    assert result.exit_code == 0, result.output
    pdf = Pdf(out)
    page = [i for i in pdf.pages_with("Bayesian inference") if i in section_pages(pdf)][-1]
    lines = pdf.lines(page)
    at = lines.index("Co-authors")
    assert lines.index("Presenter") < lines.index("Sven Oberg") < at
    assert lines[at + 1:at + 5] == ["Mara Lindqvist", "Lund University", "NBI", "Bo Jones"]
    entries = {e["name"]: e["numbers"] for e in read_index(pdf, index_pages(pdf))}
    assert entries["Lindqvist, Mara"] == [(page + 1, False)]
    assert (page + 1, False) in entries["Jones, Bo"]  # (and the abstract he co-authors)
    assert entries["Oberg, Sven"][-1] == (page + 1, True)


@pytest.mark.parametrize("language, one, two", [("en", "Co-author", "Co-authors"),
                                                ("de", "Mitwirkung", "Mitwirkende")])
def test_a_tutorials_one_co_author_is_under_the_singular_heading(tmp_path, language, one, two):
    """A tutorial with one co-author has it under the language's singular ("Co-author"; German's "Mitwirkung", as
    "Leitung" over its presenters, not "Mitwirkende", a woman alone), one with two under the plural; it printed
    "Co-authors" over one."""
    folder = write_conference(tmp_path / language, {
        "conference.yaml": extend("conference.yaml", f"language: {language}\n"),
        "theme.yaml": "sections: [tutorials]\n",
        "tutorials.yaml": """\
            - id: bayes-intro
              title: Bayesian inference
              description: A course.
              presenters: [{name: Sven Oberg}]
              authors: [{name: Mara Lindqvist}]
            - id: mcmc
              title: Sampling in practice
              description: Another course.
              presenters: [{name: Ana Smith}]
              authors: [{name: Bo Jones}, {name: Mei Chen}]
            """})
    out = tmp_path / "b.pdf"
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(out)])
    assert result.exit_code == 0, result.output
    pdf = Pdf(out)
    lines = [line for page in range(len(pdf)) for line in pdf.lines(page)]
    assert lines[lines.index("Sven Oberg") + 1:lines.index("Sven Oberg") + 3] == [one, "Mara Lindqvist"]
    assert lines[lines.index("Ana Smith") + 1:lines.index("Ana Smith") + 4] == [two, "Bo Jones", "Mei Chen"]


def test_theme_words_for_co_authors_stand_in_for_one_co_author():
    """theme.yaml's `coauthors` (given before the singular was a label) heads one co-author too, not the language's
    "Co-author" beside it; its `coauthor`, when given, wins."""
    from booklet.data.theme import labels_for

    assert labels_for("en", {})["coauthor"] == "Co-author"
    assert labels_for("fr", {})["coauthor"] == "Coauteur"
    assert labels_for("en", {"coauthors": "Co-organisers"})["coauthor"] == "Co-organisers"
    assert labels_for("en", {"coauthors": "Co-organisers", "coauthor": "Co-organiser"})["coauthor"] == "Co-organiser"


def test_theme_words_for_presenters_and_chairs_stand_in_for_one(tmp_path):
    """theme.yaml's `presenters: Tutors` and `chairs: "Chaired by {names}"` head one presenter and one chair's line
    too: before, those printed the language's "Presenter" and "Chair: Mei Chen" beside the LOC's words."""
    from booklet.data.theme import labels_for

    from .pdftext import Pdf

    words = {"presenters": "Tutors", "chairs": "Chaired by {names}", "proof_pages": "Seiten {pages}"}
    labels = labels_for("de", words)
    assert [labels[key] for key in ("presenter", "chair", "proof_page")] == ["Tutors", "Chaired by {name}",
                                                                            "Seiten {pages}"]
    assert labels_for("de", {**words, "presenter": "Tutor"})["presenter"] == "Tutor"
    folder = write_conference(tmp_path / "data", {"theme.yaml": (
        'labels: {presenters: Tutors, chairs: "Chaired by {names}"}\n')})
    check = CliRunner().invoke(main, ["check", str(folder)])
    assert check.exit_code == 0 and "label" not in check.output
    build_booklet(folder, tmp_path / "b.pdf")
    text = "\n".join("\n".join(Pdf(tmp_path / "b.pdf").lines(i)) for i in range(len(Pdf(tmp_path / "b.pdf"))))
    assert "Chaired by Mei Chen" in text and "Chair:" not in text
    assert "\nTutors\nSven Oberg" in text and "Presenter" not in text


def test_numbers_in_names_and_titles_sort_by_their_value_not_digit_by_digit(tmp_path):
    """The index, the participants and posters sorted by author or title put "Person 10" before "Person 2" (the
    collation compares digit by digit); now 2 before 10, letters still in the collation's order."""
    from booklet.text.names import text_key

    people = ["Person 10", "Person 2", "Person 1", "katy13", "katy9", "Ana Smith"]
    posters = "".join(f"- {{number: {n}, author: {name}, title: Poster {11 - n}}}\n"
                      for n, name in enumerate(people, start=1))
    folder = write_conference(tmp_path / "conf", {
        "posters.yaml": posters,
        "participants.yaml": "".join(f"- {{name: {name}}}\n" for name in people),
        "theme.yaml": "posters: {sort: title}\n"})
    pdf = Pdf(build_booklet(folder, tmp_path / "b.pdf").output)
    lines = [line for i in index_pages(pdf) for line in pdf.lines(i) if line.startswith(("Person", "katy"))]
    # (a name ending in a number: a comma before the pages)
    assert [line.rsplit(" ", 1)[0] for line in lines] == ["katy9", "katy13", "Person 1,", "Person 2,", "Person 10,"]
    (page,) = pdf.pages_with("Participants")[-1:]
    listed = [line for line in pdf.lines(page) if line.startswith(("Person", "katy"))]
    assert listed == ["katy9", "katy13", "Person 1", "Person 2", "Person 10"]
    text = "\n".join(pdf.texts[i] for i in range(len(pdf)))
    assert text.index("Poster 5") < text.index("Poster 9") < text.index("Poster 10")  # by title
    assert text_key("Session 9: a") < text_key("Session 10: b") < text_key("Session 10b") < text_key("Sessions")
    assert text_key("Person 007")[:2] == text_key("Person 7")[:2]  # leading zeros: a tie, settled as written


def test_names_that_start_with_a_digit_are_filed_under_one_heading_before_the_letters(tmp_path):
    """39C3's index opened with four headings, "0", "1", "4" and "5", over one or two handles each ("0ddc0de",
    "10 Mark DJ Team", "42triangles"): a heading a digit. The index and the participants file every name that starts
    with a digit under one heading, "0\u20139", before the letters, in the order the collation gives them (by value);
    the heading stands over its first name, at the column's left."""
    from .test_participants import x_positions

    people = ["551724", "Ana Smith", "42triangles", "0ddc0de", "10 Mark DJ Team", "9lives"]
    posters = "".join(f"- {{number: {n}, author: {name}, title: Poster {n}}}\n" for n, name in enumerate(people, 1))
    folder = write_conference(tmp_path / "conf", {
        "posters.yaml": posters, "participants.yaml": "".join(f"- {{name: {name}}}\n" for name in people)})
    out = tmp_path / "b.pdf"
    pdf = Pdf(build_booklet(folder, out).output)
    filed = ["0\u20139", "0ddc0de", "9lives", "10 Mark DJ Team", "42triangles", "551724,"]  # (a number: its comma)
    (page,) = index_pages(pdf)
    lines = [line for line in pdf.lines(page) if line != "Index of authors"]
    assert [line.rsplit(" ", 1)[0] for line in lines[:len(filed)]] == filed, lines
    assert not {"0", "1", "4", "5", "9"} & set(lines), lines  # no heading of a digit alone
    assert len(lines[len(filed)]) == 1 and lines[lines.index("S") + 1].startswith("Smith, Ana ")  # then the letters
    x = x_positions(out, page, {"0\u20139", "0ddc0de", "9lives", lines[len(filed)]})
    assert x["0\u20139"] == pytest.approx(x["0ddc0de"]) == pytest.approx(x["9lives"]) \
        == pytest.approx(x[lines[len(filed)]])
    (listed,) = pdf.pages_with("Participants")[-1:]
    names = [line for line in pdf.lines(listed) if line in filed or line in ("551724", "S", "Smith, Ana")]
    assert names == [*filed[:-1], "551724", "S", "Smith, Ana"]  # (the list of participants: no pages, no comma)


def test_the_digits_heading_is_the_label_index_digits(tmp_path):
    """A review: the heading over names that start with a digit was "0\u20139" written in text.names, the one heading
    a theme could not word. It is the label `index_digits`: theme.yaml's words print over those names, in the index
    and the participants list, and the letters keep theirs."""
    people = ["42triangles", "Ana Smith", "0ddc0de"]
    posters = "".join(f"- {{number: {n}, author: {name}, title: Poster {n}}}\n" for n, name in enumerate(people, 1))
    folder = write_conference(tmp_path / "conf", {
        "posters.yaml": posters, "participants.yaml": "".join(f"- {{name: {name}}}\n" for name in people),
        "theme.yaml": 'labels:\n  index_digits: "#"\n'})
    pdf = Pdf(build_booklet(folder, tmp_path / "b.pdf").output)
    (page,) = index_pages(pdf)
    lines = [line for line in pdf.lines(page) if line != "Index of authors"]
    assert [line.rsplit(" ", 1)[0] for line in lines[:3]] == ["#", "0ddc0de", "42triangles"], lines
    assert "0\u20139" not in lines and "S" in lines
    (listed,) = pdf.pages_with("Participants")[-1:]
    assert [line for line in pdf.lines(listed) if line in ("#", "0ddc0de", "42triangles", "S")] == [
        "#", "0ddc0de", "42triangles", "S"]


def test_a_name_with_a_zero_width_space_is_the_name_without_it(tmp_path):
    """"Bo\\u200b Jones" (a zero-width space copied in with the name) printed "Bo  Jones", a gap twice a space's, and
    had its own entry in the index, "Jones, Bo 7" beside "Jones, Bo 4, 6": the same name to a reader. A name prints, and
    is told apart, without the characters that show nothing (zero-width spaces and joiners, soft hyphens)."""
    abstracts = extend("abstracts.yaml", """\
        - id: jones-2
          title: Party talk
          speaker: {name: "Bo\\u200b Jones", affiliation: Inst B}
          abstract: Fun.
        - id: lee
          title: Other
          speaker: {name: "Cy Le\\u00adee"}
          abstract: Fun.
        """)
    programme = BASE["programme.yaml"] + "".join(
        f'      - {{time: "{t}", talk: {talk}}}\n' for t, talk in (("17:00-17:30", "jones-2"), ("17:30-17:40", "lee")))
    folder = write_conference(tmp_path / "conf", {"abstracts.yaml": abstracts, "programme.yaml": programme})
    code, lines = check(folder)
    assert code == 0 and lines == [f"{folder}: 0 errors, 0 warnings."]
    pdf = Pdf(build_booklet(folder, tmp_path / "b.pdf").output)
    listed = [line for i in index_pages(pdf) for line in pdf.lines(i) if line.startswith(("Jones", "Lee"))]
    assert listed == ["Jones, Bo 4, 6, 7", "Leee, Cy 4, 8"]
    assert "Bo Jones" in pdf.lines(pdf.pages_with("Party talk")[-1])


@pytest.mark.parametrize("language, label", [("en", "(name not printable)"), ("de", "(Name nicht druckbar)")])
def test_a_talk_given_by_an_author_left_out_names_no_co_author_as_its_speaker(tmp_path, language, label):
    """A talk whose presenting author's name the fonts print nothing of (`{name: 王小明, presenting: true}`, left out of
    the booklet) beside a named co-author (Bo Jones) was credited to him: the programme's line and the programme at a
    glance read "Hierarchical models / Bo Jones", and the index listed him as giving it (its page bold, and the
    programme's page); so when the left-out author is the first, none marked presenting. The speaker's place now holds
    the label name_not_printable, in the booklet's language; Bo Jones stays an author on the abstract's page, indexed
    with that page alone, not bold. A named co-presenter is named as before; a poster's author left out, marked
    presenting, leaves the named one unmarked too."""
    abstracts = BASE["abstracts.yaml"].replace(
        "- {name: Chiamaka Okafor, affiliation: Uni B, presenting: true}",
        "- {name: 王小明, presenting: true, email: wang@example.org}") + yaml_text("""\
        - id: first-left-out
          title: Unmarked authors
          authors:
            - {name: 東京, email: t@example.org}
            - {name: Cy Lee}
            - {name: Dan Ross}
          abstract: Text.
        - id: both-present
          title: Two speakers
          authors:
            - {name: 京都, presenting: true}
            - {name: Kari Solbakken, presenting: true}
          abstract: Text.
        """)
    programme = BASE["programme.yaml"] + "".join(
        f'      - {{time: "{t}", talk: {talk}}}\n' for t, talk in (("17:00-18:00", "first-left-out"),
                                                                 ("18:00-19:00", "both-present")))
    posters = BASE["posters.yaml"].replace(
        "author: Zoe Papadopoulou", "authors:\n    - {name: 大阪, presenting: true}\n    - {name: Zoe Papadopoulou}")
    folder = write_conference(tmp_path / "conf", {
        "abstracts.yaml": abstracts, "programme.yaml": programme, "posters.yaml": posters,
        "conference.yaml": extend("conference.yaml", f"language: {language}\n")})
    pdf = Pdf(build_booklet(folder, tmp_path / "b.pdf").output)
    glance, day = pdf.lines(2), pdf.lines(3)  # (pages 3 and 4)
    assert glance[0] == ("Programme at a glance" if language == "en" else "Programm auf einen Blick")
    for lines in (glance, day):
        assert lines[lines.index("Hierarchical models") + 1] == label
        assert lines[lines.index("Unmarked authors") + 1] == label
        assert lines[lines.index("Two speakers") + 1] == "Kari Solbakken"
        assert not [line for line in lines if "Bo Jones" in line or "Cy Lee" in line]
    # the abstracts' pages 6-8 (title, authors), the posters' 10
    assert [pdf.lines(page)[1:3] for page in (5, 6, 7)] == [["Hierarchical models", "Bo Jones"], [
        "Unmarked authors", "Cy Lee, Dan Ross"], ["Two speakers", "Kari Solbakken"]]
    assert pdf.lines(9)[2:4] == ["Mixture density networks", "Zoe Papadopoulou"]
    index = index_pages(pdf, "Index of authors" if language == "en" else "Autorenverzeichnis")
    entries = {e["name"]: e["numbers"] for e in read_index(pdf, index)}
    assert {name: entries[name] for name in ("Jones, Bo", "Lee, Cy", "Ross, Dan", "Solbakken, Kari",
                                             "Papadopoulou, Zoe")} == {
        "Jones, Bo": [(6, False)], "Lee, Cy": [(7, False)], "Ross, Dan": [(7, False)],
        "Solbakken, Kari": [(4, False), (8, True)], "Papadopoulou, Zoe": [(10, False)]}
    assert not [name for name in entries if any("\u3000" <= c <= "\u9fff" for c in name)]


def test_a_tutorial_whose_every_presenter_is_left_out_prints_the_label_where_they_go(tmp_path):
    """A tutorial whose one presenter's name the fonts print nothing of (`{name: 名古屋}`), beside a co-author
    (Mara Lindqvist), printed nothing under its title on its programme line and in its box on the programme at a
    glance, where a talk so given now prints the label name_not_printable: it prints the label too. Its own page
    printed no one where its presenters go (no "Presenter" heading), under the programme's label: it prints the
    label there too, once under "Presenters" when each of two is left out. The co-author stays under "Co-author" on
    the tutorial's page, indexed with that page, not bold."""
    tutorials = BASE["tutorials.yaml"].replace("- {name: Sven Oberg, affiliation: NBI}",
                                               "- {name: 名古屋}\n  authors:\n    - {name: Mara Lindqvist}")
    folder = write_conference(tmp_path / "conf", {"tutorials.yaml": tutorials})
    pdf = Pdf(build_booklet(folder, tmp_path / "b.pdf").output)
    glance, day = pdf.lines(2), pdf.lines(3)
    assert glance[glance.index("Bayesian inference") + 1] == "(name not printable)"
    assert day[day.index("TUTORIAL 1 Bayesian inference") + 1] == "(name not printable)"
    assert pdf.lines(6)[2:] == ["Bayesian inference", "A course.", "Presenter", "(name not printable)", "Co-author",
                                "Mara Lindqvist", "7"]
    fonts = {}  # the label is set in italic, as the programme prints it, not in the bold of a presenter's name
    pdf.reader.pages[6].extract_text(visitor_text=lambda text, cm, tm, font, size: fonts.setdefault(
        text.strip(), str((font or {}).get("/BaseFont", ""))))
    assert "Italic" in fonts["(name not printable)"] and "Bold" not in fonts["(name not printable)"], fonts
    assert "Bold" in fonts["Mara Lindqvist"], fonts
    entries = {e["name"]: e["numbers"] for e in read_index(pdf, index_pages(pdf))}
    assert entries["Lindqvist, Mara"] == [(7, False)]
    two = BASE["tutorials.yaml"].replace("- {name: Sven Oberg, affiliation: NBI}", "- {name: 名古屋}\n    - {name: 京都}")
    pdf = Pdf(build_booklet(write_conference(tmp_path / "two", {"tutorials.yaml": two}), tmp_path / "c.pdf").output)
    assert pdf.lines(6)[2:] == ["Bayesian inference", "A course.", "Presenters", "(name not printable)", "7"]


def test_a_posters_first_author_left_out_leaves_the_named_one_a_co_author(tmp_path):
    """A poster's authors, none marked presenting, are presented by the first; when the first's name is the one the
    fonts print nothing of (`{name: 大阪}` before Zoe Papadopoulou), Zoe Papadopoulou was indexed as presenting it
    (its page bold), as an abstract's second author no longer is. She is now indexed as a co-author, not bold; a
    named first author still presents it."""
    posters = BASE["posters.yaml"].replace(
        "author: Zoe Papadopoulou", "authors:\n    - {name: 大阪}\n    - {name: Zoe Papadopoulou}\n    - {name: Cy Lee}")
    posters += "- {number: 2, title: Second, authors: [{name: Ana Smith}, {name: 京都}]}\n"
    folder = write_conference(tmp_path / "conf", {"posters.yaml": posters})
    pdf = Pdf(build_booklet(folder, tmp_path / "b.pdf").output)
    entries = {e["name"]: e["numbers"] for e in read_index(pdf, index_pages(pdf))}
    page = pdf.pages_with("Mixture density networks")[-1] + 1
    assert pdf.lines(page - 1)[2:4] == ["Mixture density networks", "Zoe Papadopoulou, Cy Lee"]
    assert (entries["Papadopoulou, Zoe"], entries["Lee, Cy"]) == ([(page, False)], [(page, False)])
    assert entries["Smith, Ana"][-1] == (page, True)


def test_columns_kept_with_a_heading_and_longer_than_a_page_are_measured_with_one_fill_and_set_as_before(
        tmp_path, monkeypatch):
    """A heading kept with its columns (the index of authors' heading with its entries) has ReportLab's KeepTogether
    measure them at a height no page has. Columns of paragraphs (heights_fixed: the index's) taller than the page
    however balanced are filled once for that measure, not balanced: at 2,000 talks that bisection filled the whole
    index a dozen times over, on the path every build with --jobs waits on. The pages are the same."""
    from booklet.layout import columns as module

    heading = ParagraphStyle("h", fontSize=14, leading=17, keepWithNext=1, spaceAfter=6)
    style = ParagraphStyle("p", fontSize=10, leading=12)

    class Fixed(Columns):
        heights_fixed = True

    fills = []
    plain_fill = module.Columns._fill
    monkeypatch.setattr(module.Columns, "_fill", lambda self, width, height, *rest: (
        fills.append((type(self).__name__, height)), plain_fill(self, width, height, *rest))[1])

    def built(kind, name):
        items = [Para(f"Item{n:03d} " + "word " * (n % 5), style) for n in range(300)]
        doc = SimpleDocTemplate(str(tmp_path / name), pagesize=(300, 276), leftMargin=20, rightMargin=20,
                                topMargin=12, bottomMargin=12)
        doc.build([Para("Index", heading), kind(items, 2, 10)])
        placed = []
        for page in pypdf.PdfReader(str(tmp_path / name)).pages:
            page.extract_text(visitor_text=lambda t, cm, tm, f, s: placed.append(
                (t.strip(), round(cm[4] + tm[4], 2), round(cm[5] + tm[5], 2))) if t.strip() else None)
            placed.append("page")
        return placed

    before = built(Columns, "before.pdf")
    measured_before = [height for kind, height in fills if kind == "Columns" and height > 276]
    after = built(lambda *args: Fixed(*args, page_height=276), "after.pdf")
    measured_after = [height for kind, height in fills if kind == "Fixed" and height > 276]
    assert after == before and before.count("page") > 3
    assert [t.split()[0] for t, *_ in before if t.startswith("Item")] == [f"Item{n:03d}" for n in range(300)]
    assert len(measured_before) > 10  # the measure balanced: every bisection's height filled
    assert measured_after == [0xFFFFFFF]  # filled once


def test_columns_do_not_set_their_spaces_tighter_to_take_a_rest_taller_than_the_page(tmp_path, monkeypatch):
    """A name of thousands of letters in the index of authors runs over pages; what is left of it after each page is
    one flowable, "a few" left, and the page was filled again with its spaces set tighter to take it, and its rest
    split again, at each page (a 98,000-letter name: 26 pages, each filled twice, its rest split each time). A rest
    taller than all the page's columns is not tried for: the pages are the same, the page is filled once."""
    from booklet.layout import columns as module

    style = ParagraphStyle("entry", fontSize=10, leading=12, spaceBefore=2)
    word = "xjqz" * 1_500
    tightened = []
    plain_fill = module.Columns._fill
    monkeypatch.setattr(module.Columns, "_fill", lambda self, width, height, at_top, scale=1.0: (
        tightened.append(scale) if scale < 1 else None, plain_fill(self, width, height, at_top, scale))[1])

    def built(name):
        tightened.clear()
        items = [Para(f"Item{n}", style) for n in range(3)] + [Para(f"Long {word}", style)] \
            + [Para(f"Item{n}", style) for n in range(3, 6)]
        doc = SimpleDocTemplate(str(tmp_path / name), pagesize=(300, 276), leftMargin=20, rightMargin=20,
                                topMargin=12, bottomMargin=12)
        doc.build([Columns(items, 2, 10)])
        placed = []
        for page in pypdf.PdfReader(str(tmp_path / name)).pages:
            page.extract_text(visitor_text=lambda t, cm, tm, f, s: placed.append(
                (t.strip(), round(cm[4] + tm[4], 2), round(cm[5] + tm[5], 2))) if t.strip() else None)
            placed.append("page")
        return placed, len(tightened)

    after, tried = built("after.pdf")
    monkeypatch.setattr(module.Columns, "_past_the_page", lambda *args: False)
    before, tried_before = built("before.pdf")
    assert after == before and after.count("page") > 4
    texts = [place[0] for place in after if place != "page"]
    end = texts.index("Item3")
    assert texts[:3] == ["Item0", "Item1", "Item2"] and texts[end:end + 3] == ["Item3", "Item4", "Item5"]
    assert "".join(texts[3:end]) == f"Long {word}"
    assert tried_before >= after.count("page") - 2  # each page but the last tried tighter
    assert tried <= 1  # (the page before the last: its rest, shorter than a page, tried at the tightest)


# -- a last page of a few names ------------------------------------------------------------------

def _names_folder(folder: Path, count: int, sections: str = "posters, index") -> Path:
    """A conference of posters and the index of authors alone (or `sections`), the posters' authors `count` names
    under one letter (Ann Kaa, Ann Kab, ...; 25 a poster)."""
    families = [f"K{a}{b}" for a in "abcdefghijklmnopqrstuvwxyz" for b in "abcdefghijklmnopqrstuvwxyz"][:count]
    posters = "".join(f"- number: {n + 1}\n  title: Poster {n + 1}\n  authors:\n"
                      + "".join(f"    - {{name: Ann {family}}}\n" for family in families[n * 25:(n + 1) * 25])
                      for n in range((count + 24) // 25))
    return write_conference(folder, {"posters.yaml": posters, "theme.yaml": f"sections: [{sections}]\n"})


def _index_lines(pdf: Pdf, by_page: bool = False) -> tuple[list[int], list[float] | dict[int, list[float]]]:
    """The index's entries (one line each) on each of its pages, and the steps between the baselines of two entries
    one under the other in a column (`by_page`: each page's, by its 0-based number)."""
    pages = index_pages(pdf)
    lines = {line for entry in read_index(pdf, pages) for line in entry["lines"]}
    columns = defaultdict(list)
    for page, x, y in lines:
        columns[page, x].append(y)
    steps = defaultdict(list)
    for (page, _), ys in columns.items():
        ys.sort(reverse=True)
        steps[page] += [a - b for a, b in zip(ys, ys[1:])]
    counts = [sum(1 for line in lines if line[0] == page) for page in pages]
    return counts, dict(steps) if by_page else [step for page in sorted(steps) for step in steps[page]]


@pytest.mark.parametrize("count, per_page, closer", [(95, [95], True), (200, [96, 104], True), (204, [98, 106], True),
                                                    (110, [88, 22], False), (100, [88, 12], False)])
def test_an_index_that_would_end_on_a_page_of_a_few_names_is_set_closer_to_end_a_page_earlier(tmp_path, count,
                                                                                                 per_page, closer):
    """36C3 on A5 ended its index with the letter Z and 4 names on a page of their own; SIGDIAL 2020 on A4, with 8 lines
    over 3 columns. An A5 page of the index holds 88 names under its heading, 96 on a page of its own. 95 names were
    88 and 7 on a page: under three tenths of a page (columns.NEAR_EMPTY), the names are set closer (their leading, the
    letters' spaces), no closer than columns.CLOSEST, to end a page earlier; 200, 88, 96 and 16: closer from the first
    page on, over both; 204, 88, 96 and 20 (over a fifth of a page, under three tenths: SIGDIAL 2020 on A5 ended its
    index on a page of X to Z, 17 lines over 2 columns, when a fifth was the limit), too. 110 (88 and 22) are set as
    they were, a line apart as the entries' leading sets them; so are 100 (88 and 12): one page would hold them only
    closer than CLOSEST."""
    from booklet.layout.columns import CLOSEST

    pdf = Pdf(build_booklet(_names_folder(tmp_path / "conf", count), tmp_path / "b.pdf").output)
    lines, steps = _index_lines(pdf)
    assert lines == per_page
    if not closer:  # (baselines read to a tenth of a point)
        assert max(steps) - min(steps) <= 0.11
    else:
        as_plain = _index_lines(Pdf(build_booklet(_names_folder(tmp_path / "plain", 110), tmp_path / "p.pdf").output))
        leading = max(as_plain[1])
        assert CLOSEST * leading - 0.11 <= min(steps) and max(steps) < leading - 0.15


def test_an_index_in_three_columns_is_set_closer_as_one_in_two(tmp_path):
    """On A4 the index is in 3 columns, 176 names on its first page: 180 were 176 and 4 on a page of their own (SIGDIAL
    2020's 8 lines over 3 columns), and are set closer onto one page; 150 fit it as they are, a line apart as the
    entries' leading sets them."""
    from booklet.layout.columns import CLOSEST

    def built(count: int) -> tuple[list[int], list[float]]:
        folder = _names_folder(tmp_path / f"conf{count}", count)
        return _index_lines(Pdf(build_booklet(folder, tmp_path / f"b{count}.pdf", page_size="A4").output))

    plain, closer = built(150), built(180)
    leading = max(plain[1])
    assert plain[0] == [150] and max(plain[1]) - min(plain[1]) <= 0.11
    assert closer[0] == [180]
    assert CLOSEST * leading - 0.11 <= min(closer[1]) and max(closer[1]) < leading - 0.15


def test_an_index_set_closer_is_rebuilt_from_the_cache_to_the_same_bytes(tmp_path, monkeypatch):
    """A build that keeps layouts keeps how much closer the index was set, and its columns under the key of the entries
    set closer: a rebuild writes the same PDF (from the disk cache, as from a warm process); and a warm rebuild after
    an edit that moves no name fills no columns at all (the closer setting's look-ahead at the pages to come not made
    again: it was, each rebuild, under the key of the entries as given), byte for byte as a build without a cache."""
    folder = _names_folder(tmp_path / "conf", 95)
    first = build_booklet(folder, tmp_path / "first.pdf").output.read_bytes()
    again = build_booklet(folder, tmp_path / "again.pdf").output.read_bytes()
    assert _index_lines(Pdf(tmp_path / "again.pdf"))[0] == [95]
    assert again == first

    warm = rebuilt_filling_no_columns(folder, tmp_path, monkeypatch, "posters.yaml", "title: Poster 1\n",
                                      "title: Poster One\n")
    assert "Poster One" in " ".join(Pdf(warm).texts)
    assert _index_lines(Pdf(warm))[0] == [95]


def test_an_index_set_closer_starts_at_a_spreads_left_hand_page_so_facing_pages_share_their_leading(tmp_path):
    """36C3 on A5: the index was set closer from p. 207, the page after which at most CLOSER_REACH pages were left, a
    right-hand page: it faced p. 206, set as it came, its lines 2 % further apart (up to 10 % at CLOSEST). 290 names
    after a tutorial (the index on pp. 6-8, p. 6 a left-hand page), as they come 88, 96, 96 and a few on a fourth
    page, were set closer from p. 7 on (88, 102, 101); they are set closer from p. 6 on, the spread's left-hand page:
    the two pages that face each other are set alike, and the index takes its 3 pages as before."""
    pdf = Pdf(build_booklet(_names_folder(tmp_path / "conf", 290, "tutorials, posters, index"),
                            tmp_path / "b.pdf").output)
    pages = index_pages(pdf)
    assert pages[0] % 2 == 1 and len(pages) == 3  # (0-based: p. 6, a left-hand page, first)
    plain = max(_index_lines(Pdf(build_booklet(_names_folder(tmp_path / "plain", 110), tmp_path / "p.pdf").output))[1])
    counts, steps = _index_lines(pdf, by_page=True)
    leading = {page: Counter(round(step, 1) for step in steps[page]).most_common(1)[0][0] for page in pages}
    assert leading[pages[0]] == leading[pages[1]] < plain - 0.15, leading  # (p. 6 was set as it came)
    assert counts[0] > 88  # (p. 6 holds more names than as they come)


def test_a_name_ending_in_a_lone_letter_or_a_number_is_set_apart_from_its_pages_by_a_comma():
    """'Senthil Kumaran S 22, 85' (a name kept as written, filed by its first word) ran its initial into the page
    numbers, as did 'Lakshmy, A V', 'Lin, SZ' and a handle ending in a number: a comma follows such a name; a name ending in
    a word, a mononym, an initial with its stop or a bracket are set as before."""
    from booklet.layout.index import entry_markup
    from booklet.text.fonts import use_fonts

    use_fonts()
    pages = {22: False, 85: True}
    made = {name: entry_markup(Identity(name), "k", pages, links=False)
            for name in ("Senthil Kumaran S", "Lakshmy A V", "Player 1", "Ana Smith", "Sukarno", "Ana B.",
                         "Mitch (he/him)", "SZ Lin")}
    assert made == {
        "Senthil Kumaran S": "Senthil Kumaran S,\u200222, <b>85</b>", "Lakshmy A V": "Lakshmy, A V,\u200222, <b>85</b>",
        "Player 1": "Player 1,\u200222, <b>85</b>", "Ana Smith": "Smith, Ana\u200222, <b>85</b>",
        "Sukarno": "Sukarno\u200222, <b>85</b>", "Ana B.": "B., Ana\u200222, <b>85</b>",
        "Mitch (he/him)": "Mitch (he/him)\u200222, <b>85</b>", "SZ Lin": "Lin, SZ,\u200222, <b>85</b>"}


def test_initials_in_capitals_of_any_alphabet_are_set_apart_from_their_pages_by_a_comma():
    """'Lin, SZ' had its comma before the pages, 'Şahin, ÖA' and 'Иванов, ИП' (initials in capitals outside A to Z)
    none: 'Şahin, ÖA 22, 85'. A name ending in a word in small letters or of four capitals is set as before."""
    from booklet.layout.index import entry_markup
    from booklet.text.fonts import use_fonts

    use_fonts()
    pages = {22: False, 85: True}
    made = {name: entry_markup(Identity(name), "k", pages, links=False)
            for name in ("ÖA Şahin", "ИП Иванов", "Ölçer Öz", "NASA")}
    assert made == {"ÖA Şahin": "Şahin, ÖA,\u200222, <b>85</b>", "ИП Иванов": "Иванов, ИП,\u200222, <b>85</b>",
                    "Ölçer Öz": "Öz, Ölçer\u200222, <b>85</b>", "NASA": "NASA\u200222, <b>85</b>"}


def test_spanish_arabic_and_transliterated_names_are_filed_as_a_reader_of_their_language_finds_them(tmp_path):
    """Without people.yaml, "Gabriel García Márquez" was filed under M ("Márquez, Gabriel García"), "Mohammed bin
    Rashid" under his father's name ("Rashid, Mohammed bin"), "Ibn Khaldun" under K, "Ahmad ʻAli" under a heading
    "ʻ" after the Hs, "Jan van ’s-Gravesande" under S: the index files them under G, M, I, A and G, printed as
    written."""
    people = ["Gabriel García Márquez", "Mohammed bin Rashid", "Ibn Khaldun", "Ahmad ʻAli", "Jan van ’s-Gravesande",
              "Ana Gil", "Bo Hart"]
    posters = "".join(f"- {{number: {n}, author: \"{name}\", title: Poster {n}}}\n" for n, name in enumerate(people, 1))
    folder = write_conference(tmp_path / "conf", {"posters.yaml": posters, "theme.yaml": "sections: [posters, index]\n"})
    pdf = Pdf(build_booklet(folder, tmp_path / "b.pdf").output)
    (page,) = index_pages(pdf)
    lines = [re.sub(r"( \d+,?)+$", "", line) for line in pdf.lines(page)[1:-1]]  # (no title, folio nor pages)
    assert lines == ["A", "ʻAli, Ahmad", "G", "García Márquez, Gabriel", "Gil, Ana", "’s-Gravesande, Jan van", "H",
                     "Hart, Bo", "I", "Ibn Khaldun", "M", "Mohammed bin Rashid"], lines
