"""participants.yaml or participants.csv -> the list of participants: sorted and filed like an index, in
columns; bad CSV -> problems with file, line and key, exit 1, nothing written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from booklet.layout.page import page_for
from booklet.layout.columns import GAP as GUTTER, column_count
from booklet.layout.participants import ordered
from booklet.model import Participant

from .helpers import BASE, rebuilt_filling_no_columns, write_conference
from .pdftext import Pdf, norm
from .test_bad_data import OLD_PDF, invoke

# Filed as an index files them: accents do not split the order (Åberg with the As, before Adams), particles
# in lowercase go after the given names (van der Smagt under S, before Smith), capitalised ones stay with the
# family name (Van Dyke under V), a suffix goes last, a name with no given name is the family name (Sukarno),
# Greek comes after Latin; the country is left out when the affiliation already ends with it.
TRICKY_YAML = """\
    - {name: Ana Smith, affiliation: Lund University, country: Sweden, email: ana@example.org}
    - {name: Dick Van Dyke, affiliation: [Uni A, Uni B], country: USA}
    - {name: Patrick van der Smagt, affiliation: "Volkswagen Group, Germany", country: Germany}
    - {name: Zoë Adams}
    - {name: Δημήτρης Αλεξίου, affiliation: Aristarchus Centre, country: Greece}
    - {name: Martin Luther King Jr., country: USA}
    - {name: Åke Åberg, affiliation: KTH}
    - {name: Sukarno, country: Indonesia}
    """
TRICKY_CSV = ("\ufeffName ; AFFILIATION;country; E-Mail\n"  # a BOM, semicolons, any case and spacing in the header
              "Ana Smith;Lund University;Sweden;ana@example.org\n"
              'Dick Van Dyke;"Uni A; Uni B";USA\n'
              '\n'
              'Patrick van der Smagt;"Volkswagen Group, Germany";Germany\n'
              "Zoë Adams;;\n"
              "Δημήτρης Αλεξίου;Aristarchus Centre;Greece\n"
              "Martin Luther King Jr.;;USA\n"
              "Åke Åberg;KTH\n"
              "Sukarno;;Indonesia\n")
TRICKY_PRINTED = [
    "A", "Åberg, Åke", "KTH", "Adams, Zoë",
    "K", "King, Martin Luther, Jr.", "USA",
    "S", "Smagt, Patrick van der", "Volkswagen Group, Germany", "Smith, Ana", "Lund University, Sweden",
    "Sukarno", "Indonesia",
    "V", "Van Dyke, Dick", "Uni A; Uni B, USA",
    "Α Greek", "Αλεξίου, Δημήτρης", "Aristarchus Centre, Greece",  # (the first Greek heading names its script)
]


def build(folder: Path, out: Path, *options) -> Pdf:
    result = invoke("build", folder, "-o", out, *options)
    assert result.exit_code == 0, result.output
    return Pdf(out)


def section_lines(pdf: Pdf) -> list[str]:
    """The lines of the list of participants (all its pages), without the heading, running heads, page numbers."""
    start = next(i for i, lines in enumerate(map(pdf.lines, range(len(pdf)))) if lines[:1] == ["Participants"])
    out = []
    for index in range(start, len(pdf)):
        lines = pdf.lines(index)
        if index > start and (not lines or lines[0] != "TC2027"):
            break  # the next page is not a continuation (no running head of the list)
        out += [line for line in lines if line not in ("Participants", "TC2027") and not line.isdigit()]
    return out


def x_positions(path: Path, page: int, words: set[str]) -> dict[str, float]:
    """The x at which each of `words` starts on a page (its first showing)."""
    found: dict[str, float] = {}

    def visit(text, cm, tm, font, size):
        word = text.strip().rstrip(",")
        if word in words and word not in found:
            found[word] = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]

    PdfReader(str(path)).pages[page].extract_text(visitor_text=visit)
    return found


# -- what is printed --------------------------------------------------------------------------------

def test_the_list_is_sorted_and_filed_like_an_index(tmp_path):
    folder = write_conference(tmp_path / "conf", {"participants.yaml": TRICKY_YAML})
    pdf = build(folder, tmp_path / "out.pdf")
    assert section_lines(pdf) == TRICKY_PRINTED
    assert not pdf.pages_with("ana@example.org")  # emails are never printed
    contents = pdf.lines(1)
    page = pdf.pages_with("Smagt, Patrick van der")[0]
    assert contents[contents.index("Participants") + 1] == str(page + 1)
    assert [title for title, _, _ in pdf.outline()][-2:] == ["Participants", "Index of authors"]
    assert (pdf.outline()[-2][1], page) == (page, page)


def test_csv_and_yaml_give_the_same_booklet(tmp_path):
    from_yaml = write_conference(tmp_path / "yaml", {"participants.yaml": TRICKY_YAML})
    from_csv = write_conference(tmp_path / "csv", {"participants.csv": TRICKY_CSV.encode()})
    yaml_pdf, csv_pdf = build(from_yaml, tmp_path / "yaml.pdf"), build(from_csv, tmp_path / "csv.pdf")
    assert csv_pdf.texts == yaml_pdf.texts
    assert section_lines(csv_pdf) == TRICKY_PRINTED
    assert not csv_pdf.pages_with("ana@example.org")  # read, and never printed


@pytest.mark.parametrize("size, columns", [("A5", 2), ("A4", 3)])
def test_columns_two_on_a5_three_on_a4(tmp_path, size, columns):
    names = [f"Person{chr(65 + i)} Family{chr(65 + i)}" for i in range(26)]
    text = "".join(f"- {{name: {name}, affiliation: Uni, country: Chad}}\n" for name in names)
    folder = write_conference(tmp_path / "conf", {"participants.yaml": text})
    pdf = build(folder, tmp_path / "out.pdf", "--page-size", size)
    index = pdf.pages_with("FamilyA, PersonA")[0]
    families = {f"Family{chr(65 + i)}" for i in range(26)}
    starts = x_positions(tmp_path / "out.pdf", index, families)
    page = page_for(size)
    assert column_count(page.text_width) == columns
    width = (page.text_width - GUTTER * (columns - 1)) / columns  # layout.columns: equal columns, a gutter between
    left = page.margin + float(PdfReader(str(tmp_path / "out.pdf")).pages[index].trimbox.left)  # beyond the bleed
    expected = [round(left + i * (width + GUTTER), 1) for i in range(columns)]
    assert sorted({round(x, 1) for x in starts.values()}) == expected
    # read down each column in turn: the names in order, every column used, the columns balanced
    by_column = [sorted((name for name, x in starts.items() if round(x, 1) == left)) for left in expected]
    assert [name for column in by_column for name in column] == sorted(families)
    assert max(map(len, by_column)) - min(map(len, by_column)) <= 2


def _sample_list(tmp_path: Path) -> Pdf:
    """The sample's participants at letter size. (The list starts a page of its own: the sample's participants and
    people in the minimal conference lay it out as in the sample's booklet, the same lines on the page, in a quarter
    of the pages.)"""
    sample = Path(__file__).resolve().parent.parent / "data"
    folder = write_conference(tmp_path / "conf", {name: (sample / name).read_text(encoding="utf-8")
                                                  for name in ("participants.yaml", "people.yaml")})
    return build(folder, tmp_path / "out.pdf", "--page-size", "letter")


def test_a_letter_heading_keeps_two_of_its_names_with_it_at_a_column_foot(tmp_path, monkeypatch):
    """The sample's participants at letter size, set as they come (not closer: its last page of 7 names, W to П,
    is now taken back, test_the_samples_list_at_letter_size_ends_a_page_earlier): "O" and Ortiz at the foot of the
    second column, Osei-Mensah and the other O names at the top of the third, before; now the letter, Ortiz and
    Osei-Mensah go on together."""
    from booklet.layout import columns

    monkeypatch.setattr(columns, "NEAR_EMPTY", 0.0)  # (no last page is nearly empty: none set closer)
    pdf = _sample_list(tmp_path)
    (page,) = set(pdf.pages_with("Ortiz, Diego")) & set(pdf.pages_with("Lakeshore Institute"))  # not the index
    starts = x_positions(tmp_path / "out.pdf", page, {"Ortiz", "Osei-Mensah", "Nwosu"})
    assert starts["Ortiz"] == starts["Osei-Mensah"] != starts["Nwosu"]


def test_a_participants_malformed_email_is_a_warning_at_its_line_in_yaml_and_csv(tmp_path):
    from booklet.check import check_folder

    given = {"participants.yaml": "- {name: Ana Smith, email: ana at example}\n- {name: Bo Lee, email: bo@example.org}\n"}
    csv = {"participants.csv": b"name,email\nAna Smith,ana@example\nBo Lee,bo@example.org\n"}
    for files, expected in ((given, "participants.yaml:1: [0].email: warning: 'ana at example' is not an email "
                                    "address: it has a space in it"),
                            (csv, "participants.csv:2: email: warning: 'ana@example' is not an email address: ")):
        _, warnings = check_folder(write_conference(tmp_path / next(iter(files)), files))
        assert [str(p) for p in warnings if p.kind == "email"][0].startswith(expected), warnings


def test_a_participants_name_is_set_as_it_prints_as_the_index_sets_it(tmp_path):
    """A participant's name holding a character that shows nothing (a zero-width space or a soft hyphen, copied in
    with it) kept it in the list of participants, where the index of authors (and every other name: markup.printed_name)
    leaves it out: "Mei\u200bChen" was "Mei\u200bChen" in the list (a place to break the line in the middle of the
    name) and "MeiChen" in the index; "Zoe \u200bAdams" was filed as "\u200bAdams, Zoe", "Cy Le\u00adee" as "Le\u00adee,
    Cy". The list takes each name as the index does."""
    participants = ('- {name: "Mei\\u200bChen", affiliation: Uni B}\n'
                    '- {name: "Zoe \\u200bAdams", affiliation: Uni A}\n'
                    '- {name: "Cy\\u200b Lee"}\n'
                    '- {name: "Cy Le\\u00adee"}\n')
    abstracts = BASE["abstracts.yaml"].replace("{name: Bo Jones}", '{name: "Mei\\u200bChen"}')
    folder = write_conference(tmp_path / "conf", {"participants.yaml": participants, "abstracts.yaml": abstracts})
    pdf = build(folder, tmp_path / "out.pdf")
    assert section_lines(pdf) == ["A", "Adams, Zoe", "Uni A", "L", "Lee, Cy", "Leee, Cy", "M", "MeiChen", "Uni B"]
    index = pdf.pages_with("Index of authors")[-1]
    assert "MeiChen 6" in pdf.lines(index)


def test_a_participant_named_by_a_placeholder_is_warned_at_its_line_and_left_out_of_the_list(tmp_path):
    """A registration list's "TBA" and "Speaker 2" were printed as participants (filed under T and S): they are no
    one, left out of the list as the index of authors leaves them out, with a warning at their line and key; a list
    of placeholders alone is no section (nor a line of the contents)."""
    from booklet.check import check_folder

    participants = ("- {name: Ana Smith, affiliation: Uni A}\n- {name: TBA, affiliation: Uni B}\n"
                    "- {name: Speaker 2}\n- {name: Bo Speaker}\n")
    folder = write_conference(tmp_path / "conf", {"participants.yaml": participants})
    _, warnings = check_folder(folder)
    assert [str(p) for p in warnings if p.kind == "placeholder"] == [
        f"participants.yaml:{line}: [{line - 1}].name: warning: '{name}' is a placeholder, not a participant's name: "
        "it is left out of the list of participants; write the real one, or remove the entry"
        for line, name in ((2, "TBA"), (3, "Speaker 2"))]
    pdf = build(folder, tmp_path / "out.pdf")
    assert section_lines(pdf) == ["S", "Smith, Ana", "Uni A", "Speaker, Bo"]  # (a family name "Speaker": a person)
    only = write_conference(tmp_path / "only", {"participants.yaml": "- {name: N.N.}\n- {name: Chair 1}\n"})
    pdf = build(only, tmp_path / "only.pdf")
    assert not pdf.pages_with("Participants") and not pdf.pages_with("Chair 1")
    assert "Participants" not in [title for title, _, _ in pdf.outline()]


def test_a_family_name_the_data_declares_files_the_name_under_it():
    # (without its accents the rule cannot tell two family names from a given name and one: text.names._spanish_family)
    people = [Participant("Gabriel Garcia Marquez"), Participant("Ana Gómez"), Participant("Bo Garza")]
    assert [n.inverted() for n, _ in ordered(people)] == ["Garza, Bo", "Gómez, Ana", "Marquez, Gabriel Garcia"]
    declared = {"Gabriel Garcia Marquez": "Garcia Marquez"}.get
    assert [n.inverted() for n, _ in ordered(people, declared)] == ["Garcia Marquez, Gabriel", "Garza, Bo",
                                                                    "Gómez, Ana"]


def test_a_theme_can_drop_the_list(tmp_path):
    folder = write_conference(tmp_path / "conf", {"participants.yaml": TRICKY_YAML,
                                                  "theme.yaml": "sections: [committees, programme, abstracts]\n"})
    pdf = build(folder, tmp_path / "out.pdf")
    assert not pdf.pages_with("Participants") and not pdf.pages_with("Smagt")
    assert "Participants" not in [title for title, _, _ in pdf.outline()]


def test_no_participants_no_section(tmp_path):
    pdf = build(write_conference(tmp_path / "conf"), tmp_path / "out.pdf")
    assert not pdf.pages_with("Participants")
    assert "Participants" not in [title for title, _, _ in pdf.outline()]


# -- bad data -------------------------------------------------------------------------------------

CONTROL = ("a control character, U+0007, at character 4: it cannot be printed; remove it (it may have come with "
           "text copied from another program)")
BAD = {
    "unknown column": ({"participants.csv": b"name,Registration,afiliation\nAna Smith,R-17,Lund\n"}, [
        "participants.csv:1: Registration: unknown column 'Registration'; the columns are name, "
        "affiliation, country, email: rename it to one of them, or remove the column (a registration number, ...)",
        "participants.csv:1: afiliation: unknown column 'afiliation' (did you mean 'affiliation'?); "
        "the columns are name, affiliation, country, email: rename it to one of them, or remove the column (a "
        "registration number, ...)"]),
    "no name column": ({"participants.csv": b"affiliation;country\nLund;Sweden\n"}, [
        "participants.csv:1: name: required column is missing: the first line names the columns, "
        "e.g. name,affiliation,country,email"]),
    "empty name": ({"participants.csv": b"name,country\nAna Smith,Sweden\n\n  ,Norway\n"}, [
        "participants.csv:4: name: must not be empty"]),
    "control character": ({"participants.csv": b"country,name\nChad,Ana\x07Smith\n"}, [
        f"participants.csv:2: name: {CONTROL}"]),
    "control character in yaml": ({"participants.yaml": '- {name: Bo Jones}\n- {name: "Ana\\aSmith"}\n'}, [
        f"participants.yaml:2: [1].name: {CONTROL.replace('at character 4', 'at column 14')}"]),
    "not utf-8": ({"participants.csv": "name\nJosé\n".encode("latin-1")}, [
        "participants.csv:2: the file is not UTF-8 text (byte 0xe9); save it as UTF-8"]),
    "too many values": ({"participants.csv": b"name,affiliation\nAna Smith,Lund, Sweden\n"}, [
        "participants.csv:2: the row has 3 values but the header names 2 columns; put a value holding the "
        "delimiter in double quotes (\"Lund, Sweden\")"]),
    "too many values for one column": ({"participants.csv": b"name\nAna Smith,Lund\n"}, [
        "participants.csv:2: the row has 2 values but the header names 1 column; put a value holding the "
        "delimiter in double quotes (\"Lund, Sweden\")"]),
    # a fuzzing run: "not readable as CSV (field larger than field limit (131072))"
    "value too long": ({"participants.csv": b"name,affiliation\nAna Smith," + b"x" * 200_000 + b"\n"}, [
        "participants.csv:2: affiliation: too long: 200,000 characters, and a text holds at most 100,000 (some "
        "twenty pages; is a whole paper or a file pasted in?)"]),
    "both files": ({"participants.csv": b"name\nAna Smith\n", "participants.yaml": "- {name: Ana Smith}\n"}, [
        "participants.csv:1: both participants.yaml and participants.csv list the participants; keep one of them"]),
    # a quote left open took the next rows into one affiliation, up to the next quote
    "quote closed rows later": ({"participants.csv": b'name,affiliation\nBo Jones,"Uni A\nAna Smith,Uni B\n'
                                                     b'Cy Chen,"Uni C"\n'}, [
        "participants.csv:2: affiliation: the value runs on to line 4: a double quote opened on this line is "
        "closed only there; close it where the value ends"]),
    "utf-16": ({"participants.csv": "name,country\nZoë Adams,Greece\n".encode("utf-16")}, [
        "participants.csv:1: the file is UTF-16 text; save it as UTF-8"]),  # it said "(byte 0xff)"
    # csv's lenient reader took the rest of the file into the quoted value, without a word
    "unclosed quote": ({"participants.csv": b'name,affiliation\nBo Jones,"Uni A\nAna Smith,Uni B\n'}, [
        "participants.csv:2: not readable as CSV (a value opened with a double quote on this line is never "
        "closed; close it, or put the quote inside a value as two quotes (\"\"))"]),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_participants_name_file_line_and_key_and_nothing_is_written(tmp_path, case):
    files, expected = BAD[case]
    folder = write_conference(tmp_path / "conf", files)
    out = tmp_path / "out" / "booklet.pdf"
    out.parent.mkdir()
    out.write_bytes(OLD_PDF)
    result = invoke("build", folder, "-o", out)
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if re.match(r"participants\.(csv|yaml):\d+:", line)]
    assert errors == expected
    assert out.read_bytes() == OLD_PDF
    assert sorted(p.name for p in out.parent.iterdir()) == ["booklet.pdf"]
    checked = invoke("check", folder)
    assert checked.exit_code == 1
    assert [line for line in checked.output.splitlines() if line in expected] == expected


def test_schema_is_for_the_yaml_file_only():
    assert invoke("schema", "participants.yaml").exit_code == 0
    csv = invoke("schema", "participants.csv")
    assert csv.exit_code == 2  # (FILE is the command line's: Click's usage error)
    assert "\n\nError: Invalid value for '[FILE]': participants.csv is not YAML and has no JSON Schema; " in csv.stderr


def test_a_names_particle_never_starts_a_line_alone(tmp_path):
    """A review: "Rochefoucauld, Jean-Baptiste de / La" in a column of the list; the particle is held to the given
    name before it, so a long name breaks between its given names."""
    folder = write_conference(tmp_path / "conf", {"participants.yaml": (
        "- {name: Jean-Baptiste Marie de la Rochefoucauld, affiliation: Uni A}\n"
        "- {name: Ana Smith, affiliation: Uni B}\n")})
    lines = section_lines(build(folder, tmp_path / "out.pdf"))
    at = next(k for k, line in enumerate(lines) if line.startswith("Rochefoucauld,"))
    assert lines[at:at + 2] == ["Rochefoucauld, Jean-Baptiste", "Marie de la"], lines  # (not "... Marie de / la")


def test_a_spanish_booklet_files_n_tilde_after_n_and_a_swedish_one_a_ring_after_z(tmp_path):
    """A review: in a booklet in Spanish, "Canas, Cañas, Cano" (the Unicode collation's root order, ñ an accented n);
    Spanish files ñ after n: Canas, Cano, Canzone, Cañas. Swedish files å, ä, ö after z. Other languages as before."""
    people = [Participant(name) for name in ("Bo Cañas", "Ana Canas", "Eva Canzone", "Cy Cano")]
    assert [n.family for n, _ in ordered(people, None, "es")] == ["Canas", "Cano", "Canzone", "Cañas"]
    assert [n.family for n, _ in ordered(people, None, "en")] == ["Canas", "Cañas", "Cano", "Canzone"]
    swedes = [Participant(name) for name in ("Ada Öberg", "Bo Åberg", "Cy Zorn", "Eva Aberg")]
    assert [n.family for n, _ in ordered(swedes, None, "sv-SE")] == ["Aberg", "Zorn", "Åberg", "Öberg"]
    conference = "title: T\nshort_title: TC2027\ndates: {start: 2027-09-13, end: 2027-09-14}\nvenue: V\nlanguage: es\n"
    folder = write_conference(tmp_path / "conf", {"conference.yaml": conference, "participants.yaml": "".join(
        f"- {{name: {p.name}}}\n" for p in people)})
    pdf = build(folder, tmp_path / "b.pdf")
    start = next(i for i in range(len(pdf)) if pdf.lines(i)[:1] == ["Participantes"])
    names = [line for line in pdf.lines(start) if line.startswith("Ca")]
    assert names == ["Canas, Ana", "Cano, Cy", "Canzone, Eva", "Cañas, Bo"]


def test_letters_a_language_files_on_their_own_head_their_names_where_they_are_filed(tmp_path):
    """Swedish files Å after Z: "Åberg" came after "Zorn" under a second heading "A" (the letter without its ring).
    Polish files each letter with a diacritic after its base letter (Lis, Lyko, Łoś; Czyż, Ćwik; Zając, Źródło, Żak),
    each under a heading of its own, as Polish indexes do; the root order had Łoś between Lis and Lyko."""
    def participants(language: str, names: list[str], heading: str) -> list[str]:
        conference = f"title: T\nshort_title: TC\ndates: {{start: 2027-09-13, end: 2027-09-14}}\nvenue: V\n" \
                     f"language: {language}\n"
        theme = "sections: [participants]\n" + (f"labels: {{participants: {heading}}}\n" if language == "pl" else "")
        folder = write_conference(tmp_path / language, {"conference.yaml": conference, "theme.yaml": theme,
                                                        "participants.yaml": "".join(f"- {{name: {n}}}\n" for n in names)})
        pdf = build(folder, tmp_path / f"{language}.pdf")
        start = next(i for i in range(len(pdf)) if pdf.lines(i)[:1] == [heading])
        return pdf.lines(start)[1:-1]

    assert participants("sv", ["Åke Åberg", "Cy Zorn", "Eva Aberg", "Ada Öberg"], "Participants") == [
        "A", "Aberg, Eva", "Z", "Zorn, Cy", "Å", "Åberg, Åke", "Ö", "Öberg, Ada"]
    assert participants("pl", ["Adam Łoś", "Ewa Lis", "Jan Lyko", "Ola Ćwik", "Piotr Czyż", "Jan Żak", "Ewa Zając",
                               "Ala Źródło", "Ola Śliwa", "Jan Szary"], "Uczestnicy") == [
        "C", "Czyż, Piotr", "Ć", "Ćwik, Ola", "L", "Lis, Ewa", "Lyko, Jan", "Ł", "Łoś, Adam", "S", "Szary, Jan",
        "Ś", "Śliwa, Ola", "Z", "Zając, Ewa", "Ź", "Źródło, Ala", "Ż", "Żak, Jan"]


def test_a_name_of_two_lines_is_one_error_at_its_record_and_a_missing_name_one_too(tmp_path):
    """A spreadsheet's CSV with line breaks in quoted values (CRLF rows, a bare LF inside the values): a name of two
    lines was reported twice at its record's line, as running on and as "required key is missing"; each problem is
    now reported once, at the line its record starts on."""
    text = (b'Name,Affiliation,Country\r\nAna Smith,Lund University,Sweden\r\n,"CERN\nGeneva",Switzerland\r\n'
            b'"Bo\nJones",CERN,Switzerland\r\nEva Berg,NOA,Greece\r\n')
    folder = write_conference(tmp_path / "conf", {"participants.csv": text})
    result = invoke("check", folder)
    assert result.exit_code == 1, result.output
    runs_on = "a double quote opened on this line is closed only there; close it where the value ends"
    assert result.stderr.splitlines() == [
        f"participants.csv:3: affiliation: the value runs on to line 4: {runs_on}",
        "participants.csv:3: name: must not be empty",
        f"participants.csv:5: name: the value runs on to line 6: {runs_on}",
    ]
    assert result.stdout.startswith(f"{folder}: 3 errors, 0 warnings.")


def test_a_value_already_reported_is_still_one_after_the_disk_cache_pickles_it(tmp_path):
    """The disk cache keeps a data file's rows pickled: the name of two lines, already reported, must come back as
    the one BAD that the checks pass over, not a copy that they read as the name "Bo\\nJones"."""
    import pickle

    from booklet.data.csvfile import load_csv
    from booklet.data.load import BAD

    path = tmp_path / "participants.csv"
    path.write_bytes(b'name,country\n"Bo\nJones",Sweden\n')
    problems = []
    rows = pickle.loads(pickle.dumps(load_csv(path, "participants.csv", ("name", "country"), ("name",), problems)))
    assert rows[0]["name"] is BAD and rows.lines == [2] and rows[0].lines == {"name": 2, "country": 2}
    assert [str(p) for p in problems] == ["participants.csv:2: name: the value runs on to line 3: a double quote "
                                          "opened on this line is closed only there; close it where the value ends"]


# -- a last page of a few names ------------------------------------------------------------------

def _many_folder(folder: Path, count: int, per_letter: int = 0, affiliated: bool = True) -> Path:
    """A conference of the list of participants alone, `count` names under one letter (Ann Kaa, Ann Kab, ...), or
    `per_letter` under each of K, L, M, ... (Ann Kaa to Ann Kaf, Ann Laa, ...), each with an affiliation and a country
    below it (`affiliated`) or alone."""
    if per_letter:
        families = [f"{'KLMNOPQRSTUVWXYZ'[at // per_letter]}a{chr(ord('a') + at % per_letter)}" for at in range(count)]
    else:
        families = [f"K{a}{b}" for a in "abcdefghijklmnopqrstuvwxyz" for b in "abcdefghijklmnopqrstuvwxyz"][:count]
    details = ", affiliation: Uni A, country: Chad" if affiliated else ""
    text = "".join(f"- {{name: Ann {family}{details}}}\n" for family in families)
    return write_conference(folder, {"participants.yaml": text, "theme.yaml": "sections: [participants]\n"})


def _name_lines(path: Path) -> tuple[list[int], list[float]]:
    """The names of the list (_many_folder's) on each of its pages, and the steps between the baselines of two names
    one under the other in a column (no letter heading between them)."""
    reader = PdfReader(str(path))
    counts, steps = [], []
    for page in reader.pages:
        columns: dict[float, list[tuple[float, bool]]] = {}  # x -> (baseline, a name: not a letter heading)

        def visit(text, cm, tm, font, size, columns=columns):
            if found := re.fullmatch(r"[K-Z]([a-z]{2})?", text.strip().rstrip(",")):
                x, y = tm[4] * cm[0] + tm[5] * cm[2] + cm[4], tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                columns.setdefault(round(x, 1), []).append((y, found.group(1) is not None))

        page.extract_text(visitor_text=visit)
        lines = [sorted(column, reverse=True) for column in columns.values()]
        if any(name for column in lines for _, name in column):
            counts.append(sum(name for column in lines for _, name in column))
            steps += [a - b for column in lines for (a, name_a), (b, name_b) in zip(column, column[1:])
                      if name_a and name_b]
    return counts, steps


@pytest.mark.parametrize("count, per_page, closer", [(40, [40], True), (78, [36, 42], True), (43, [43], True),
                                                    (44, [35, 9], False)])
def test_a_list_that_would_end_on_a_page_of_a_few_names_is_set_closer_to_end_a_page_earlier(tmp_path, count,
                                                                                              per_page, closer):
    """As the index of authors (test_index): an A5 page of the list holds 35 names (with their affiliation) under its
    heading. 40 names were 35 and 5 on a page of their own (under three tenths of a page: columns.NEAR_EMPTY): the
    names are set closer (their leading and the spaces between them, no closer than columns.CLOSEST, the last few then
    a little tighter as before: Columns._tightened), to end a page earlier; 78, 35, 38 and 5: closer from the first page
    on, over both; 43, 35 and 8 (over a fifth of a page, under three tenths: 36C3's list on A4 ended on a page a
    quarter full, T to Z, when a fifth was the limit). 44 (35 and 9) are set as they were, the names as far apart as
    ever: one page would hold them only closer than CLOSEST."""
    from booklet.layout.columns import CLOSEST, TIGHTEST

    pdf = build(_many_folder(tmp_path / "conf", count), tmp_path / "out.pdf")
    names, steps = _name_lines(pdf.path)
    assert names == per_page  # (the list's pages, and the names on each)
    plain = max(_name_lines(build(_many_folder(tmp_path / "plain", 44), tmp_path / "p.pdf").path)[1])
    if not closer:  # (baselines read to a tenth of a point)
        assert max(steps) - min(steps) <= 0.11
    else:  # (a name's two lines 2.24 sizes apart, 0.45 of space below them: _Styles)
        assert plain * (CLOSEST * (2.24 + TIGHTEST * 0.45) / 2.69) - 0.11 <= min(steps) and max(steps) < plain - 0.15


@pytest.mark.parametrize("count, affiliated, plain", [(50, False, 48), (36, True, 30)])
def test_every_step_between_two_names_on_a_page_set_tighter_is_the_same(tmp_path, count, affiliated, plain):
    """A page that takes the list's last few names by setting the spaces between them a little tighter
    (Columns._tightened) sets every space between two names so, those inside a letter's block too (its heading and
    first two names, kept together: _Together.spaced_at): a letter's first two names were as far apart as ever, a
    step wider than the others (36C3 on A4: "Lange" under "LaForge" 17.3 points, "Larsen" under "Lange" 15.0). An A5
    page holds 48 names alone under 8 letters (30 with an affiliation each, under 5): 50 (36) are taken onto it."""
    names, steps = _name_lines(build(_many_folder(tmp_path / "conf", count, 6, affiliated), tmp_path / "o.pdf").path)
    as_set = _name_lines(build(_many_folder(tmp_path / "plain", plain, 6, affiliated), tmp_path / "p.pdf").path)
    assert names == [count] and as_set[0] == [plain]
    assert max(steps) - min(steps) <= 0.01  # (one under the other in a block or not)
    assert max(steps) < min(as_set[1]) - 0.5  # (set tighter)
    assert max(as_set[1]) - min(as_set[1]) <= 0.01


def test_a_list_set_closer_is_rebuilt_from_the_cache_to_the_same_bytes(tmp_path, monkeypatch):
    """A build that keeps layouts keeps how much closer the list was set and its columns: a rebuild writes the same
    PDF (from the disk cache, as from a warm process); a warm rebuild after an edit that moves no name fills no
    columns at all, byte for byte as a build without a cache."""
    from booklet.build import build_booklet

    folder = _many_folder(tmp_path / "conf", 40)
    first = build_booklet(folder, tmp_path / "first.pdf").output.read_bytes()
    again = build_booklet(folder, tmp_path / "again.pdf").output.read_bytes()
    assert _name_lines(tmp_path / "again.pdf")[0] == [40]
    assert again == first

    warm = rebuilt_filling_no_columns(folder, tmp_path, monkeypatch, "conference.yaml", "Test Conference",
                                      "Test Meeting")
    assert "Test Meeting" in " ".join(Pdf(warm).texts)
    assert _name_lines(warm)[0] == [40]


def test_the_samples_list_at_letter_size_ends_a_page_earlier(tmp_path, monkeypatch):
    """The sample's participants at letter size ended on a page of their own with 7 names (Walker to Петков, over
    three columns): the list is set closer, every line of it on its first page, as set as they come over two."""
    from booklet.layout import columns

    closer = _sample_list(tmp_path / "closer")
    (page,) = closer.pages_with("Abebe, Selam")
    assert closer.lines(page)[0] == "Participants" and closer.pages_with("Петков, Радослав") == [page]
    monkeypatch.setattr(columns, "NEAR_EMPTY", 0.0)
    plain = _sample_list(tmp_path / "plain")
    (first,) = plain.pages_with("Abebe, Selam")
    assert plain.pages_with("Петков, Радослав") == [first + 1]
    lines = section_lines(closer)  # (its heading, the running head and the page numbers left out)
    assert len(lines) > 100 and lines == [line for at in (first, first + 1) for line in plain.lines(at)
                                          if line not in ("Participants", "TC2027") and not line.isdigit()]


def test_a_list_set_closer_in_a_build_keeping_layouts_makes_no_name_more_than_one_without(tmp_path, monkeypatch):
    """The list set closer makes only the names from the page it is set closer on (participants._Entries), in a build
    whose cache keeps layouts too: its key is the list's as given and the scale (Columns._set_closer), where it was
    worked out of every name of the list set closer, each made for it (155 names, 35, 38, 40 and 42 set closer from
    the third page: 73 more than without a cache)."""
    from booklet.build import build_booklet
    from booklet.cache import BuildCache
    from booklet.layout import participants

    folder = _many_folder(tmp_path / "conf", 155)
    made = []
    real = participants._entry
    monkeypatch.setattr(participants, "_entry", lambda name, *args: made.append(name.family) or real(name, *args))
    counts = {}
    for warm in (False, True):
        made.clear()
        build_booklet(folder, tmp_path / f"{warm}.pdf", cache=BuildCache(warm=warm))
        assert _name_lines(tmp_path / f"{warm}.pdf")[0] == [35, 38, 40, 42]  # (set closer)
        counts[warm] = len(made)
    assert counts[True] == counts[False] and made.count("Kaa") == 1  # (the first page's first: made once)


def test_a_list_set_closer_in_a_build_in_parts_is_set_as_in_one_process(tmp_path, monkeypatch):
    """A build in parts lays the list out in a worker's part, whose pages are numbered from 1 until the parts before it
    are done: there a page's side of its spread is not known, and the list set closer from a spread's left-hand page
    (Columns._closer_reach, for the index) was set closer from another page than in one process (13 talks and 116
    names from p. 30: 36, 38 and 42 names a page in one process, 35, 40 and 41 in two). The list goes by no spread
    (Columns.spreads): its pages are the same either way."""
    from booklet.build import build_booklet
    from booklet.output import parallel

    from .test_jobs import _generate

    monkeypatch.setenv("BOOKLET_CACHE", "off")
    monkeypatch.setattr(parallel, "MIN_WEIGHT", 0.0)  # (a small book built in parts)
    folder = _generate(tmp_path / "data", 13, 16)
    (folder / "participants.yaml").write_text("".join(
        f"- {{name: Ann K{chr(97 + at // 26)}{chr(97 + at % 26)}, affiliation: Uni A, country: Chad}}\n"
        for at in range(116)), encoding="utf-8")
    lists = {}
    for jobs in (1, 2):
        built = build_booklet(folder, tmp_path / f"{jobs}.pdf", jobs=jobs)
        assert built.jobs == jobs
        pages = Pdf(tmp_path / f"{jobs}.pdf").norms  # (each page's text read once, by PDFium: "uniachad")
        lists[jobs] = [(number, text.count(norm("Uni A, Chad"))) for number, text in enumerate(pages, 1)
                       if norm("Uni A, Chad") in text]
    assert lists[1] == lists[2] == [(30, 35), (31, 40), (32, 41)]


def test_a_page_set_tighter_is_redrawn_from_its_kept_columns_with_every_step_the_same(tmp_path, monkeypatch):
    """A warm rebuild draws a page set tighter (36 names, 6 a letter, on one A5 page) from the columns an earlier build
    kept, each flowable made only to draw it: a letter's block (its heading and first two names) with its spaces at the
    page's scale as they were set (_Placed, spaced_at), not as set plain; byte for byte as a build without a cache."""
    from booklet.build import build_booklet
    from booklet.cache import BuildCache
    from booklet.layout.columns import Columns

    folder = _many_folder(tmp_path / "conf", 36, 6)
    cache, warm, cold = BuildCache(), tmp_path / "warm.pdf", tmp_path / "cold.pdf"
    build_booklet(folder, warm, cache=cache)
    conference = folder / "conference.yaml"
    conference.write_text(conference.read_text(encoding="utf-8").replace("Test Conference", "Test Meeting"),
                          encoding="utf-8")
    fills = []
    real = Columns._fill
    monkeypatch.setattr(Columns, "_fill", lambda self, *args: fills.append(args) or real(self, *args))
    build_booklet(folder, warm, cache=cache)
    assert fills == []  # (the page's columns as kept)
    names, steps = _name_lines(warm)
    assert names == [36] and max(steps) - min(steps) <= 0.01
    build_booklet(folder, cold, cache=BuildCache(warm=False))
    assert warm.read_bytes() == cold.read_bytes()


@pytest.mark.parametrize("written, line", [
    ("Mitch (he/him)", "<b>Mitch</b> (he/him)"),
    ("Ana (", "<b>Ana</b> ("),
    ("Ana Smith (she/her)", "<b>Smith</b>, Ana (she/her)"),
    (", John", "<b>, John</b>"),
])
def test_a_participants_name_prints_with_the_space_before_its_note(written, line):
    """A fuzzing run: the list printed "Mitch(he/him)" and "Ana(": the note after a family name alone lost its space,
    as inline() strips what it is given."""
    from booklet.layout.participants import name_line
    from booklet.text.names import split_name

    assert name_line(split_name(written)) == line
