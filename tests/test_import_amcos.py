"""booklet import of the AMCOS_booklet LaTeX kit: tagged-text abstract files (t_NAME.txt talks, p_NAME.txt
posters) and timetable.tex.

The fixture kit is written here, in the kit's own layout (abstracts/txt/, timetable.tex at the top):
a keynote (+), an invited talk (x) scheduled twice, a special talk (/), talks with numbered
affiliations (`Berner, R. {1,2} *`), one with a figure and ABSSHORT, one the timetable does not list, a
poster; the timetable has two days without a year, breaks, a poster session, a dinner, a tutorial row,
a row matched by the speaker's name only and a row with no abstract file.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from booklet.build import build_booklet
from booklet.check import check_folder
from booklet.cli import main
from booklet.importers import Options, SourceError, detect, read
from booklet.importers.amcos import _day_date, read_timetable
from tests.import_helpers import read_back

ABSTRACTS = {
    "t_berner.txt": """\
TITLE
Hierarchical clusters in networks of adaptively coupled oscillators.
AUTHOR
Berner, R. {1,2} *
Schöll, E. {1}
Yanchuk, S. {2}
AFFSHORT
Technische Universität Berlin, Berlin, Germany
AFF
Institut für Theoretische Physik, Technische Universität Berlin, Germany
AFF
Institut f\\"ur Mathematik, Technische Universit\\"at Berlin, Germany
ABS
We investigate $\\dot \\psi = \\Delta \\omega$ in 3.6\\% of networks of
adaptively coupled oscillators, after Mu{\\~n}oz.
\\par
A second paragraph.
REFS
[1] Sanchez-Vives M.V. (2017). Neuron, 94(5):993-1001.
[2] Capone C. (2017). Cereb Cortex, 28:1-17.
""",
    "t_sato.txt": """\
TITLE
Title of invited speaker
AUTHOR
Hiroya  Sato x
AFFSHORT
Tokyo Institute of Technology, Tokyo, Japan
AFF
Department of Physics, Tokyo Institute of Technology, Tokyo, Japan
ABS
Invited words.
""",
    "t_tremblay.txt": """\
TITLE
Title of a keynote lecture
AUTHOR
Leon Tremblay +
AFFSHORT
McGill University, Montreal, Canada
AFF
McGill University, Montreal, Canada
ABS
Keynote words.
""",
    "t_schmidt.txt": """\
TITLE
A Special Talk about Diversity in Science
AUTHOR
FirstName Schmidt /
AFFSHORT
Technical University of Munich, Munich, Germany
AFF
Physics Department, Technical University of Munich, Germany
ABS
Special words.
""",
    "t_jansen.txt": """\
TITLE
Talk with references and a figure
AUTHOR
Marc Jansen {1}
Danielle Dupont {1,2}
AFFSHORT
Vrije Universiteit Amsterdam, Amsterdam, The Netherlands
AFF
Vrije Universiteit Amsterdam, The Netherlands
AFF
Lancaster University, UK
ABS
Figure words.
\\begin{center}
\\includegraphics[width=\\linewidth]{abstracts/txt/figures/gros}
\\end{center}
ABSSHORT
Figure words, short.
""",
    "t_unlisted.txt": """\
TITLE
Nobody scheduled this
AUTHOR
Ursula Unlisted
AFFSHORT
Somewhere
AFF
Somewhere University
ABS
Unscheduled words.
""",
    "p_doe.txt": """\
TITLE
A random abstract title
AUTHOR
J. Doe {1} *
M. Smith {2, 3}
AFFSHORT
Bournemouth University, UK
AFF
Faculty of Science and Technology, Bournemouth University, UK
AFF
Institut d'Investigacions Biom\\`{e}diques August Pi i Sunyer (IDIBAPS), Barcelona, Spain
AFF
ICREA Barcelona, Spain
ABS
Poster words.
""",
}

TIMETABLE = r"""% Custom commands used here can be found at the end of the preamble_booklet.tex file

\section{Tuesday, 20 of March}
\begin{center}
\begin{longtable}{|C{0.15\linewidth}| C{0.04\linewidth}|  C{0.3\linewidth} C{0.0\linewidth} C{0.4\linewidth}|}\hline
	\tablebreak{8:30--9:00}{Registration}
	\KL{9:10--10:05}{Leon Tremblay}{}{Montreal, Canada}{Title of a keynote lecture}
	\CT{10:05--10:30}{R. Berner}{}{Berlin, Germany}{Hierarchical clusters in networks of adaptively coupled oscillators}
	\tablebreak{10:30--11:00}{Coffee}
	\IS{11:00--11:40}{Hiroya Sato}{}{Tokyo, Japan}{Title of invited speaker}
	%odor
	\CT{15:30-16:00}{Marc Jansen}{}{Amsterdam, The Netherlands}{A title the file does not have}
	\eventtype{17:10--19:30}{Poster session with Wine \& Cheese}
\end{longtable}
\end{center}

\newpage
\section{Wednesday, 21 of March}
\begin{center}
	\begin{longtable}{|C{0.15\linewidth}| C{0.04\linewidth}|  C{0.3\linewidth} C{0.0\linewidth} C{0.4\linewidth}|}\hline
		\IS{9:00 -- 9:40}{Hiroya Sato}{}{Tokyo, Japan}{Title of invited speaker}
		\IT{10:20--10:45}{Franck Schmidt}{}{Munich, Germany}{A Special Talk about Diversity in Science}
		\CT{11:10--11:40}{Nora Nofile}{Universit\'e de Lille}{Lille, France}{A talk without an abstract file}
		\tutorial{14:00--17:00}{Tim Tutor}{ETH Z\"urich}{Zurich, Switzerland}{Hands-on oscillators}
		\eventtype{12:35--12:45}{Poster Prize \& Conclusion}
		\eventtype{20:00}{Conference Dinner}
	\end{longtable}
\end{center}
"""


def write_kit(folder: Path, timetable: str | None = TIMETABLE, **files: str) -> Path:
    txt = folder / "abstracts" / "txt"
    txt.mkdir(parents=True, exist_ok=True)
    for name, text in {**ABSTRACTS, **files}.items():
        if text is not None:
            (txt / name).write_text(text, encoding="utf-8")
    if timetable is not None:
        (folder / "timetable.tex").write_text(timetable, encoding="utf-8")
    return folder


def invoke(*args) -> Result:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert "Traceback" not in result.output
    return result


def test_every_abstract_author_affiliation_kind_time_and_poster_arrives(tmp_path):
    imported = read(write_kit(tmp_path / "kit"), Options())
    assert imported.format == "amcos"
    docs = imported.documents
    abstracts = {a["id"]: a for a in docs["abstracts.yaml"]}
    assert set(abstracts) == {"berner", "sato", "tremblay", "schmidt", "jansen", "unlisted", "nofile"}
    berner = abstracts["berner"]
    assert berner["title"] == "Hierarchical clusters in networks of adaptively coupled oscillators"
    assert berner["authors"] == [
        {"name": "R. Berner", "affiliation": ["Institut für Theoretische Physik, Technische Universität Berlin, Germany",
                                              "Institut für Mathematik, Technische Universität Berlin, Germany"],
         "presenting": True},
        {"name": "E. Schöll", "affiliation": "Institut für Theoretische Physik, Technische Universität Berlin, Germany"},
        {"name": "S. Yanchuk", "affiliation": "Institut für Mathematik, Technische Universität Berlin, Germany"}]
    assert berner["abstract"] == (
        "We investigate $\\dot \\psi = \\Delta \\omega$ in 3.6% of networks of\nadaptively coupled oscillators, after "
        "Muñoz.\n\nA second paragraph.\n\n[1] Sanchez-Vives M.V. (2017). Neuron, 94(5):993-1001.\n\n"
        "[2] Capone C. (2017). Cereb Cortex, 28:1-17.")
    assert abstracts["sato"]["kind"] == "invited"
    assert abstracts["sato"]["speaker"] == {"name": "Hiroya Sato", "affiliation":
                                            "Department of Physics, Tokyo Institute of Technology, Tokyo, Japan"}
    assert abstracts["tremblay"]["kind"] == "keynote" and abstracts["schmidt"]["kind"] == "special"
    assert abstracts["schmidt"]["speaker"]["name"] == "FirstName Schmidt"  # the file's, not the timetable's
    jansen = abstracts["jansen"]
    assert jansen["authors"][0] == {"name": "Marc Jansen", "affiliation": "Vrije Universiteit Amsterdam, The Netherlands",
                                    "presenting": True}  # no mark: the first author speaks
    assert jansen["abstract"] == "Figure words."  # the figure left out; ABSSHORT not used
    assert abstracts["nofile"] == {"id": "nofile", "title": "A talk without an abstract file",
                                   "speaker": {"name": "Nora Nofile", "affiliation": "Université de Lille"}}
    assert docs["posters.yaml"] == [{
        "number": 1, "title": "A random abstract title", "abstract": "Poster words.",
        "authors": [{"name": "J. Doe", "affiliation": "Faculty of Science and Technology, Bournemouth University, UK",
                     "presenting": True},
                    {"name": "M. Smith", "affiliation": [
                        "Institut d'Investigacions Biomèdiques August Pi i Sunyer (IDIBAPS), Barcelona, Spain",
                        "ICREA Barcelona, Spain"]}]}]
    assert docs["tutorials.yaml"] == [{"id": "tutor", "title": "Hands-on oscillators",
                                       "presenters": [{"name": "Tim Tutor", "affiliation": "ETH Zürich"}]}]

    day1, day2 = docs["programme.yaml"]["days"]
    assert (day1["date"].month, day1["date"].day, day1["date"].weekday()) == (3, 20, 1)  # a Tuesday, year guessed
    assert day2["date"] - day1["date"] == dt.timedelta(days=1)
    assert day1["items"] == [
        {"time": "08:30-09:00", "title": "Registration"},
        {"time": "09:10-10:05", "talk": "tremblay"},
        {"time": "10:05-10:30", "talk": "berner"},
        {"time": "10:30-11:00", "title": "Coffee", "kind": "break"},
        {"time": "11:00-11:40", "talk": "sato"},
        {"time": "15:30-16:00", "talk": "jansen"},  # matched by the speaker's family name
        {"time": "17:10-19:30", "title": "Poster session with Wine & Cheese", "kind": "poster"}]
    assert day2["items"] == [
        {"time": "09:00-09:40", "talk": "sato"},  # again: the same abstract
        {"time": "10:20-10:45", "talk": "schmidt"},
        {"time": "11:10-11:40", "talk": "nofile"},
        {"time": "12:35-12:45", "title": "Poster Prize & Conclusion"},
        {"time": "14:00-17:00", "tutorial": "tutor"},
        {"time": "20:00", "title": "Conference Dinner", "kind": "social"}]

    notes = "\n".join(imported.notes)
    assert "timetable.tex: 2 day(s), 13 row(s) read" in notes
    assert "without a year ('Tuesday, 20 of March')" in notes
    assert "1 timetable row(s) matched to an abstract by the speaker's family name" in notes
    assert "1 timetable talk(s) have no abstract file" in notes
    assert "ABSSHORT" in notes and "t_jansen.txt" in notes
    assert "1 figure(s) (\\includegraphics) left out" in notes
    assert "1 contribution(s) have no day and time the programme can place them at" in notes  # t_unlisted
    booklet = read_back(imported, tmp_path / "folder")
    assert len(booklet.abstracts) == 7 and len(booklet.posters) == 1


@pytest.mark.parametrize("today, year", [(dt.date(2026, 11, 30), 2018), (dt.date(2028, 6, 1), 2029)])
def test_a_day_without_a_year_gets_the_year_its_weekday_says(today, year):
    assert _day_date("Tuesday, 20 of March", today) == (dt.date(year, 3, 20), True)
    assert _day_date("20 March 2018", today) == (dt.date(2018, 3, 20), False)
    assert _day_date("March 21, 2018", today) == (dt.date(2018, 3, 21), False)
    assert _day_date("Invited speakers", today) == (None, False)


def test_detected_as_the_kit_its_abstracts_folder_or_one_file_and_imported_checked_built(tmp_path):
    kit = write_kit(tmp_path / "kit")
    assert detect(kit) == "amcos" and detect(kit / "abstracts") == "amcos"
    assert detect(kit / "abstracts" / "txt") == "amcos"
    assert detect(kit / "abstracts" / "txt" / "t_sato.txt") == "amcos"
    from_abstracts = read(kit / "abstracts" / "txt", Options())
    assert "programme.yaml" in from_abstracts.documents  # timetable.tex found above the abstracts folder
    one = read(kit / "abstracts" / "txt" / "t_sato.txt", Options())
    assert [a["id"] for a in one.documents["abstracts.yaml"]] == ["sato"]
    assert any("one abstract file read" in n for n in one.notes)

    result = invoke("import", kit, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "(amcos)" in result.output and "out: 0 errors" in result.output
    booklet, _warnings = check_folder(tmp_path / "out")
    assert len(booklet.abstracts) == 7
    assert build_booklet(tmp_path / "out", tmp_path / "out.pdf").pages > 4


@pytest.mark.parametrize("timetable, why", [
    (None, "no timetable.tex"),
    (TIMETABLE.replace(r"\section{Tuesday, 20 of March}", r"\section{Keynotes}"),
     "timetable.tex:3: the heading 'Keynotes' is not a day with a date"),
    ("\\begin{tabular}{ll} 9:00 & Welcome \\\\ \\end{tabular}\n", "no day headings"),
])
def test_a_timetable_that_gives_no_days_and_times_leaves_everything_unscheduled(tmp_path, timetable, why):
    imported = read(write_kit(tmp_path / "kit", timetable=timetable), Options())
    assert "programme.yaml" not in imported.documents
    assert {a["id"] for a in imported.documents["abstracts.yaml"]} == {
        "berner", "sato", "tremblay", "schmidt", "jansen", "unlisted"}
    assert len(imported.documents["posters.yaml"]) == 1
    assert any(why in n and "without a programme" in n for n in imported.notes), imported.notes


@pytest.mark.parametrize("name, text, expected", [
    ("t_bad.txt", "TITLE\nA title\nAUTHOR\nSomeone {3} *\nAFF\nOne place\nABS\nWords.\n",
     "t_bad.txt:4: author 'Someone' names affiliation 3, but the file has 1 AFF"),
    ("t_bad.txt", "TITLE\nA title\nAUTHOR\nSomeone {one} *\nAFF\nOne place\nABS\nWords.\n",
     "t_bad.txt:4: author 'Someone {one} *': 'one' is not an affiliation number"),
    ("t_bad.txt", "TITLE\n\nAUTHOR\nSomeone\nABS\nWords.\n", "t_bad.txt:1: TITLE is empty"),
    ("t_bad.txt", "TITLE\nA\nTITLE\nB\nAUTHOR\nSomeone\nABS\nW\n", "t_bad.txt:3: TITLE given twice"),
])
def test_a_malformed_abstract_file_is_an_error_naming_file_and_line(tmp_path, name, text, expected):
    kit = write_kit(tmp_path / "kit", **{name: text})
    with pytest.raises(SourceError) as info:
        read(kit, Options())
    assert expected in str(info.value)
    result = invoke("import", kit, "--out", tmp_path / "out")
    assert result.exit_code == 1 and expected in result.output and not (tmp_path / "out").exists()


def test_text_before_the_first_key_and_a_missing_key(tmp_path):
    path = tmp_path / "t_x.txt"
    path.write_text("Hello\nTITLE\nA title\nAUTHOR\nX\nABS\nW\n", encoding="utf-8")
    with pytest.raises(SourceError, match=r"t_x\.txt:1: 'Hello' before the first key"):
        read(path, Options(format="amcos"))
    path.write_text("TITLE\nA title\nABS\nW\n", encoding="utf-8")
    with pytest.raises(SourceError, match=r"t_x\.txt:1: no AUTHOR line"):
        read(path, Options(format="amcos"))


@pytest.mark.parametrize("row, expected", [
    (r"\CT{10:00--10:30}{Marc Smith}", r"timetable.tex:6: \CT takes 5 arguments {time}{name}{university}{place}"
                                        r"{title}; found 2"),
    (r"\CT{ten o'clock}{A}{}{B}{C}", r"timetable.tex:6: \CT: 'ten o'clock' is not a time"),
    (r"\tablebreak{10:00}", r"timetable.tex:6: \tablebreak takes 2 arguments"),
    # a clock that is no time of day (an internal error before: "minute must be in 0..59")
    (r"\CT{9:10--10:65}{A}{}{B}{C}", r"timetable.tex:6: \CT: '9:10--10:65' is not a time"),
    (r"\tablebreak{25:99--26:00}{Lunch}", r"timetable.tex:6: \tablebreak: '25:99--26:00' is not a time"),
])
def test_a_malformed_timetable_row_is_an_error_naming_its_line(tmp_path, row, expected):
    timetable = TIMETABLE.replace(r"\tablebreak{8:30--9:00}{Registration}", row)
    path = write_kit(tmp_path / "kit", timetable=timetable) / "timetable.tex"
    with pytest.raises(SourceError) as info:
        read_timetable(path)
    assert expected in str(info.value)


def test_update_from_the_kit_folder_follows_the_source_and_keeps_edits(tmp_path):
    kit = write_kit(tmp_path / "kit")
    out = tmp_path / "out"
    assert invoke("import", kit, "--out", out).exit_code == 0
    abstracts = (out / "abstracts.yaml").read_text("utf-8")
    (out / "abstracts.yaml").write_text(abstracts.replace("name: Hiroya Sato", "name: Hiroya Sato\n    email: "
                                                          "sato@example.org"), encoding="utf-8")
    sato = kit / "abstracts" / "txt" / "t_sato.txt"
    sato.write_text(sato.read_text("utf-8").replace("Title of invited speaker", "A better title"), encoding="utf-8")
    result = invoke("import", kit, "--out", out, "--update")
    assert result.exit_code == 0, result.output
    assert "abstracts.yaml: sato: title" in result.output
    text = (out / "abstracts.yaml").read_text("utf-8")
    assert "A better title" in text and "sato@example.org" in text


def test_an_abstract_file_of_the_kit_not_starting_with_title_is_an_error_not_left_out(tmp_path):
    """A kit's t_NAME.txt with a line before TITLE (or 'Title' for TITLE) was passed over: its talk had no abstract
    and, out of the timetable, vanished. Reading the kit's folder now says what is wrong with it."""
    name, text = next(iter(ABSTRACTS.items()))
    kit = write_kit(tmp_path / "kit", **{name: "% revised\n" + text})
    result = invoke("import", kit, "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert f"abstracts/txt/{name}:1: '% revised' before the first key; a file starts with TITLE" in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_row_that_ends_before_it_starts_is_said_so(tmp_path):
    """A timetable row '\\KL{10:05--9:10}' (or '9:10--9:10') was imported with its start alone and no word: which
    time is right cannot be told, so the notes name the row's line, its title and its span."""
    timetable = TIMETABLE.replace(r"\KL{9:10--10:05}", r"\KL{10:05--9:10}").replace(r"\tablebreak{10:30--11:00}",
                                                                                    r"\tablebreak{10:30--10:30}")
    imported = read(write_kit(tmp_path / "kit", timetable), Options())
    assert [n for n in imported.notes if "starts" in n] == [
        "timetable.tex:7: 'Title of a keynote lecture' ends before it starts ('10:05--9:10'): it has no end time; "
        "correct one of them",
        "timetable.tex:9: 'Coffee' ends as it starts ('10:30--10:30'): it has no end time; correct one of them"]


def test_a_row_that_runs_past_the_next_rows_start_ends_there_not_in_parallel_sessions(tmp_path):
    """The kit's timetable is one column of rows that follow one another: AMCOS's own writes an invited talk
    '10:10--12:45' before a coffee break at 10:45 (for 10:45). Read as written, it overlapped the next rows and the
    import made it, the break and each talk after it a parallel session of its own; it ends at the next row's start,
    and the notes say so. A row out of order (the tutorial before the 12:35 line) is left as written."""
    timetable = TIMETABLE.replace(r"\KL{9:10--10:05}", r"\KL{9:10--10:25}")
    imported = read(write_kit(tmp_path / "kit", timetable), Options())
    day1, day2 = imported.documents["programme.yaml"]["days"]
    assert day1["items"][1:4] == [
        {"time": "09:10-10:05", "talk": "tremblay"},
        {"time": "10:05-10:30", "talk": "berner"},
        {"time": "10:30-11:00", "title": "Coffee", "kind": "break"}]
    assert {"time": "14:00-17:00", "tutorial": "tutor"} in day2["items"]
    assert [n for n in imported.notes if "runs past" in n] == [
        "timetable.tex:7: 'Title of a keynote lecture' (9:10--10:25) runs past the start of the next row (10:05): "
        "ended then, as the timetable's rows follow one another; correct it in timetable.tex if it is meant otherwise"]
    assert not [n for n in imported.notes if "held beside others" in n]
    read_back(imported, tmp_path / "folder")


@pytest.mark.parametrize("name", ["abstracts/txt/t_sato.txt", "timetable.tex"])
@pytest.mark.parametrize("encoding", ["utf-32", "utf-16"])
def test_an_abstract_or_the_timetable_saved_as_utf_32_or_utf_16_is_refused_naming_its_encoding(tmp_path, name,
                                                                                              encoding):
    """An abstract file saved as UTF-32 was refused as 'not UTF-8 text (byte 0xff)', and a timetable.tex in it was
    read with a NUL after each letter ('the timetable is not read'): both now say what the file is, by the one
    message every reader gives (importers.utf8_text); exit 1, nothing written."""
    kit = write_kit(tmp_path / "kit")
    path = kit / name
    path.write_bytes(path.read_text(encoding="utf-8").encode(encoding))
    with pytest.raises(SourceError) as raised:
        read(kit, Options(format="amcos"))
    expected = f"{path}:1: not UTF-8 text: the file is {encoding.upper()} text; save it as UTF-8"
    assert str(raised.value) == expected
    result = invoke("import", kit, "--format", "amcos", "--out", tmp_path / "out")
    assert result.exit_code == 1 and expected in result.output and not (tmp_path / "out").exists()


def test_an_author_written_family_name_first_keeps_that_family_for_the_index():
    """The kit writes authors "Berner, R." (family name first): "Ruiz de Gordejuela, U." was printed "U. Ruiz de
    Gordejuela" and the index filed it under Gordejuela, its last word; the family written before the comma is the
    person's (people.yaml gets it where the index's rule finds another)."""
    from booklet.importers.amcos import _author

    person, marks = _author(Path("t_ruiz.txt"), 4, "Ruiz de Gordejuela, U. {1} *", ["Uni"])
    assert (person.name, person.family, person.affiliations, marks) == ("U. Ruiz de Gordejuela", "Ruiz de Gordejuela",
                                                                        ["Uni"], {"*"})
    assert _author(Path("t_sato.txt"), 4, "Hiroya  Sato x", [])[0].family is None
    assert _author(Path("t_ruiz.txt"), 4, "Dr. Ruiz de Gordejuela, U. {1}", ["Uni"])[0].family == "Ruiz de Gordejuela"


def test_an_author_with_a_suffix_or_a_degree_after_the_given_names_is_one_name_turned_round(tmp_path):
    """The kit writes authors "Berner, R." (family name first): "Smith, A., Jr." was printed as written (two commas:
    not turned round) and "Berner, R., MSc" too. The post-nominals after the given names are set aside and the name
    turned round: a suffix kept after it ("A. Smith, Jr.", family Smith), a degree left out with the import's note."""
    from booklet.importers.amcos import _author

    person = _author(Path("t_smith.txt"), 4, "Smith, A., Jr. *", [])[0]
    assert (person.name, person.family, person.presenting) == ("A. Smith, Jr.", "Smith", True)
    assert _author(Path("t_berner.txt"), 4, "Berner, R., MSc {1}", ["Uni"])[0].name == "R. Berner, MSc"
    text = ABSTRACTS["t_berner.txt"].replace("Berner, R. {1,2} *", "Berner, R., MSc {1,2} *").replace(
        "Yanchuk, S. {2}", "Yanchuk, S., Jr. {2}")
    imported = read(write_kit(tmp_path / "kit", **{"t_berner.txt": text}), Options())
    talk, = [a for a in imported.documents["abstracts.yaml"] if a["title"].startswith("Hierarchical")]
    assert [p["name"] for p in talk["authors"]] == ["R. Berner", "E. Schöll", "S. Yanchuk, Jr."]
    assert any("'R. Berner, MSc -> R. Berner'" in note for note in imported.notes)


def test_an_author_line_is_turned_round_by_every_readers_rule(tmp_path):
    """An author line with one comma was turned round whatever came after it: "Ana Smith, Lund University" was
    printed "Lund University Ana Smith", filed under Smith's given name. The line is turned as every reader turns a
    name given as one person's (table.turned_name): family name first ("Lee, MA": initials, M. A. Lee), not
    given names first with their institution or call sign after them (kept as written)."""
    from booklet.importers.amcos import _author

    text = ABSTRACTS["t_berner.txt"].replace("Berner, R. {1,2} *", "Lee, MA {1,2} *").replace(
        "Yanchuk, S. {2}", "Ana Smith, Lund University {2}")
    assert text != ABSTRACTS["t_berner.txt"]
    imported = read(write_kit(tmp_path / "kit", **{"t_berner.txt": text}), Options())
    talk, = [a for a in imported.documents["abstracts.yaml"] if a["title"].startswith("Hierarchical")]
    assert [p["name"] for p in talk["authors"]] == ["MA Lee", "E. Schöll", "Ana Smith, Lund University"]
    assert _author(Path("t_lee.txt"), 4, "Jann Traschewski, DG8NGN", [])[0].name == "Jann Traschewski, DG8NGN"
