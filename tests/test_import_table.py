"""Spreadsheets -> booklet's documents: CSV in several dialects and encodings, ConfTool's wide sessions export,
Google Forms' repeated column groups, XLSX, and what is no contribution or no spreadsheet."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os

import pytest
import yaml

from booklet.importers import Options, SourceError, table
from .import_helpers import by_id, read_back, refused_on_import

D = dt.date


def write_csv(path, rows, delimiter=",", encoding="utf-8", bom=False):
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    data = buffer.getvalue().encode(encoding)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


# -- a German export: ';', UTF-8 with BOM, or Windows-1252 ---------------------------------------

GERMAN = [
    ["Titel", "Autoren", "Zugehörigkeit", "Vortragende(r)", "Zusammenfassung", "Beitragsart", "Datum", "Beginn",
     "Ende", "Raum", "Sitzung", "Vorsitz", "E-Mail", "Poster-Nr."],
    ["Über Müßiggang", "Müller, Jürgen (1); Lefèvre, Anaïs (1,2)", "1: Universität Würzburg; 2: Université de Genève",
     "Lefèvre, Anaïs", "<p>Ein <em>schöner</em> Beitrag für 5 €.</p>", "Hauptvortrag", "22.09.2023", "10:15",
     "11:00", "Hörsaal 1", "Eröffnung", "Holtmeier, Ludwig", "anais@example.org", ""],
    ["Kontrapunkt heute", "Groß, Eva", "Hochschule für Musik Freiburg", "", "Ein Vortrag „mit“ Zitat – kurz.",
     "Vortrag (20')", "22.09.2023", "11:00", "11:20", "Hörsaal 1", "Eröffnung", "", "", ""],
    ["Noch ohne Termin", "Weiß, Anna", "Universität Wien", "", "", "Vortrag", "", "", "", "", "", "", "", ""],
    ["Ein Plakat", "Schäfer, Tom", "TU Dresden", "", "", "Poster", "", "", "", "", "", "", "", "12"],
    ["Notation mit Dorico", "Hartmann, Markus", "Steinberg", "", "", "Workshop", "23.09.2023", "09:00", "10:30",
     "Raum 116", "", "", "", ""],
    ["", "", "", "", "", "", "", "", "", "", "", "", "", ""],
    ["Nur zuhören", "Zuhörer, Max", "", "", "", "Teilnahme", "", "", "", "", "", "", "", ""],
]


def check_german(imported):
    docs = imported.documents
    abstracts = by_id(docs["abstracts.yaml"])
    main = abstracts["uber-mussiggang"]
    assert main["kind"] == "keynote"
    assert main["title"] == "Über Müßiggang"
    assert main["authors"] == [
        {"name": "Jürgen Müller", "affiliation": "Universität Würzburg"},
        {"name": "Anaïs Lefèvre", "affiliation": ["Universität Würzburg", "Université de Genève"], "presenting": True,
         "email": "anais@example.org"}]
    assert main["abstract"] == "Ein *schöner* Beitrag für 5 €."
    assert abstracts["kontrapunkt-heute"]["speaker"] == {"name": "Eva Groß",
                                                        "affiliation": "Hochschule für Musik Freiburg"}
    assert abstracts["kontrapunkt-heute"]["abstract"] == "Ein Vortrag „mit“ Zitat – kurz."
    assert "noch-ohne-termin" in abstracts  # no date: an abstract all the same
    assert docs["posters.yaml"] == [{"number": 12, "author": "Tom Schäfer", "title": "Ein Plakat",
                                     "affiliation": "TU Dresden"}]
    assert docs["tutorials.yaml"][0]["id"] == "notation-dorico"
    day1, day2 = docs["programme.yaml"]["days"]
    assert day1 == {"date": D(2023, 9, 22), "items": [
        {"session": "Eröffnung", "chair": "Ludwig Holtmeier", "room": "Hörsaal 1",
         "items": [{"time": "10:15-11:00", "talk": "uber-mussiggang"},
                   {"time": "11:00-11:20", "talk": "kontrapunkt-heute"}]}]}
    assert day2["items"] == [{"time": "09:00-10:30", "tutorial": "notation-dorico", "room": "Raum 116"}]
    assert docs["conference.yaml"]["dates"] == {"start": D(2023, 9, 22), "end": D(2023, 9, 23)}
    assert docs["conference.yaml"]["title"] == "Conference title" and docs["conference.yaml"]["venue"] == "Venue"
    assert "left out 1 blank row(s)" in imported.notes
    assert "left out 1 row(s) of type 'Teilnahme'" in imported.notes
    assert not any("conference title" in n for n in imported.notes)  # lint warns of the placeholder instead


def test_semicolons_utf8_with_bom(tmp_path):
    path = write_csv(tmp_path / "beitraege.csv", GERMAN, ";", bom=True)
    assert table.detect(path, path.read_bytes()[:65536])
    imported = table.read(path, Options())
    assert imported.format == "csv"
    check_german(imported)
    assert not any("Windows-1252" in n for n in imported.notes)
    read_back(imported, tmp_path / "folder")


def test_semicolons_windows_1252(tmp_path):
    path = write_csv(tmp_path / "beitraege.csv", GERMAN, ";", encoding="cp1252")
    assert table.detect(path, path.read_bytes()[:65536])
    imported = table.read(path, Options())
    check_german(imported)
    assert any("read as Windows-1252" in n for n in imported.notes)


def test_semicolons_mac_roman_as_excel_for_mac_saves_a_csv(tmp_path):
    """Excel for Mac saves 'Comma Separated Values' in Mac Roman, line ends CR: its bytes are read as Windows-1252 or
    Latin-1 without an error, and the letters came out wrong ('JŸrgen MŸller', 'UniversitŽ de Genve'), a note
    asking to check them. Of the encodings that read the bytes, the one whose accented letters read as words do (a
    small letter after a small letter, no sign inside a word) is taken: Mac Roman, said so in the note."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r").writerows(GERMAN)
    path = tmp_path / "beitraege.csv"
    path.write_bytes(buffer.getvalue().encode("mac_roman"))
    assert table.detect(path, path.read_bytes()[:65536])
    imported = table.read(path, Options())
    check_german(imported)
    assert any("read as Mac Roman text" in n for n in imported.notes)
    # (a Windows-1252 file, whose bytes Mac Roman reads too, is still Windows-1252's: test_semicolons_windows_1252;
    # and English from Word, whose only letters outside ASCII are its quotes, apostrophes and dashes, which Mac Roman
    # reads as letters: '“Hello”' would be 'ìHelloî', 'it’s' 'itís')
    rows = [["Title", "Speaker", "Abstract"],
            ["It’s “quoted”", "Ana Smith", "The proton–proton case – don’t worry… it’s “fine”."]]
    imported = table.read(write_csv(tmp_path / "word.csv", rows, encoding="cp1252"), Options())
    assert imported.documents["abstracts.yaml"][0]["abstract"] == rows[1][2]
    assert any("read as Windows-1252 text" in n for n in imported.notes)


def test_a_sheet_of_german_names_in_mac_roman_reads_as_mac_roman(tmp_path):
    """A speakers' sheet whose only letters outside ASCII follow a name's capital ('Jürgen Müller', 'Björn Kühn'),
    saved by Excel for Mac in Mac Roman, was read as Windows-1252 ('JŸrgen MŸller', 'Bjšrn KŸhn'): a capital after a
    capital counted for as in a word in capitals, though a small letter follows it. A capital between a capital and
    a small letter counts against; a word in capitals ('MÜLLER') still reads as Windows-1252 where it is so."""
    rows = [["Title", "Speaker"], ["Quarks", "Jürgen Müller"], ["Gluons", "Björn Kühn"]]
    for encoding, name in (("mac_roman", "Mac Roman"), ("cp1252", "Windows-1252")):
        imported = table.read(write_csv(tmp_path / f"{encoding}.csv", rows, encoding=encoding), Options())
        assert [a["speaker"]["name"] for a in imported.documents["abstracts.yaml"]] == ["Jürgen Müller", "Björn Kühn"]
        assert any(f"read as {name} text" in n for n in imported.notes), imported.notes
    assert table._decode("Title,Speaker\nÜBER,JÜRGEN MÜLLER\n".encode("cp1252")) == (
        "Title,Speaker\nÜBER,JÜRGEN MÜLLER\n", "Windows-1252")


def test_tabs_latin1(tmp_path):
    rows = [["Title", "Speaker", "Affiliation"], ["Café crème", "Élodie Gérard", "Université de Genève"]]
    path = write_csv(tmp_path / "t.tsv", rows, "\t", encoding="latin-1")
    abstract = table.read(path, Options()).documents["abstracts.yaml"][0]
    assert abstract["title"] == "Café crème"
    assert abstract["speaker"] == {"name": "Élodie Gérard", "affiliation": "Université de Genève"}


# -- ConfTool's sessions export: one row per session, talks in p1_ ... p2_ -------------------------

def conftool_rows():
    group = ["paperID", "start", "end", "contribution_type", "acceptance", "authors", "organisations",
             "presenting_author", "title", "abstract"]
    header = (["session_ID", "session_short", "session_title", "session_mode", "", "session_start", "session_end",
               "session_room", "chair1", "chair2", "chair1_name", "chair1_organisation", "presentations"]
              + [f"p{n}_{g}" for n in (1, 2) for g in group])
    empty = [""] * len(group)
    return [
        header,
        ["4", "SE-01A", "Analyse I", "normal", "", "2023-09-22 14:30", "2023-09-22 16:00", "Raum 117",
         "Brandes, Juliane", "", "Juliane Brandes", "Mozarteum", "2",
         "130", "2023-09-22 14:30", "2023-09-22 15:00", "Vortrag", "Accepted", "Salzmann, Aron",
         "HfM Trossingen, Schweiz", "", "Reichas Fugen", "<p>Anton Reichas <em>36 Fugen</em>.</p>\n",
         "104", "2023-09-22 15:00", "2023-09-22 15:30", "Vortrag", "Accepted",
         "Platte, Sarah (1);\nSpatz, Tanja (2);\nRombach, Markus (1)",
         "1: Hochschule für Musik Freiburg, Deutschland;\n2: HMDK Stuttgart, Netherlands, The", "Spatz, Tanja",
         "KoALa", "<p>Die App.</p>"],
        ["5", "WO-01", "Workshop: Mikrotöne", "normal", "", "2023-09-22 14:30", "2023-09-22 16:00", "Raum 116",
         "", "Remes, Derek", "", "", "1",
         "195", "2023-09-22 14:30", "2023-09-22 16:00", "Workshop/Diskussionsforum", "Accepted", "Kuhl, Jan Esra",
         "HfM Freiburg", "Kuhl, Jan Esra", "Mikrotonales Komponieren", "<p>Bitte Laptop mitbringen.</p>",
         "199", "2023-09-22 15:00", "2023-09-22 16:00", "Vortrag", "Rejected", "Nein, Nicht", "", "", "Abgelehnt",
         ""],
        ["9", "KP-01", "Kaffeepause", "break", "", "2023-09-22 16:00", "2023-09-22 16:30", "Foyer",
         "", "", "", "", ""] + empty + empty,
        ["57", "ANM", "Anmeldung", "normal", "", "2023-09-22 09:00", "2023-09-22 10:00", "Foyer",
         "", "", "", "", ""] + empty + empty,
        ["65", "", "Apéro", "break", "", "2023-09-22 18:30", "2023-09-22 19:30", "Foyer",
         "", "", "", "", ""] + empty + empty,
    ]


def test_conftool_sessions_export(tmp_path):
    path = write_csv(tmp_path / "sessions.csv", conftool_rows(), ";", bom=True)
    imported = table.read(path, Options())
    docs = imported.documents
    abstracts = by_id(docs["abstracts.yaml"])
    assert set(abstracts) == {"c130", "c104"}  # 199 was rejected
    assert abstracts["c130"]["speaker"] == {"name": "Aron Salzmann", "affiliation": "HfM Trossingen, Schweiz"}
    assert abstracts["c130"]["abstract"] == "Anton Reichas *36 Fugen*."
    assert abstracts["c104"]["authors"] == [
        {"name": "Sarah Platte", "affiliation": "Hochschule für Musik Freiburg, Deutschland"},
        {"name": "Tanja Spatz", "affiliation": "HMDK Stuttgart, The Netherlands", "presenting": True},
        {"name": "Markus Rombach", "affiliation": "Hochschule für Musik Freiburg, Deutschland"}]
    assert docs["tutorials.yaml"] == [{"id": "c195", "title": "Mikrotonales Komponieren",
                                       "description": "Bitte Laptop mitbringen.",
                                       "presenters": [{"name": "Jan Esra Kuhl", "affiliation": "HfM Freiburg"}]}]
    assert any("left out 1 contribution(s) in state 'Rejected'" == n for n in imported.notes)
    [day] = docs["programme.yaml"]["days"]
    assert day["date"] == D(2023, 9, 22)
    assert day["items"] == [
        {"time": "09:00-10:00", "title": "Anmeldung", "room": "Foyer"},
        {"parallel": [
            {"session": "Analyse I", "chair": "Juliane Brandes", "room": "Raum 117",
             "items": [{"time": "14:30-15:00", "talk": "c130"}, {"time": "15:00-15:30", "talk": "c104"}]},
            {"session": "Workshop: Mikrotöne", "chair": "Derek Remes", "room": "Raum 116",
             "items": [{"time": "14:30-16:00", "tutorial": "c195"}]}]},
        {"time": "16:00-16:30", "title": "Kaffeepause", "kind": "break", "room": "Foyer"},
        {"time": "18:30-19:30", "title": "Apéro", "kind": "social", "room": "Foyer"},
    ]
    read_back(imported, tmp_path / "folder")


def test_conftool_keynote_sessions_and_break_mode_meetings(tmp_path):
    """A talk of type "Vortrag" in "Keynotes 2: ..." is a keynote; a members' meeting ConfTool shades as a break
    ("break" mode) is a programme line, a lunch in that mode a break (a real sessions export does both)."""
    header, talk = conftool_rows()[0], conftool_rows()[1]
    keynote = ["12", "KE-02", "Keynotes 2: Ariane Jessulat", "normal"] + talk[4:13] + talk[13:23] + [""] * 10
    meeting = ["70", "MV", "GMTH-Mitgliederversammlung", "break", "", "2023-09-23 17:00", "2023-09-23 18:00", "Aula",
               "", "", "", "", ""] + [""] * 20
    lunch = ["71", "Mittag_Sa", "Mittagspause", "break", "", "2023-09-23 12:00", "2023-09-23 13:00", "Mensa",
             "", "", "", "", ""] + [""] * 20
    path = write_csv(tmp_path / "sessions.csv", [header, keynote, meeting, lunch], ";", bom=True)
    docs = table.read(path, Options()).documents
    assert by_id(docs["abstracts.yaml"])["c130"]["kind"] == "keynote"
    told = table.read(path, Options(kinds={"Vortrag": "contributed"})).documents  # --kinds has the last word
    from booklet.importers import read

    assert [n for n in read(path, Options(kinds={"Vortrage": "invited"})).notes if "--kinds" in n] == [
        "--kinds: the source gives no type 'Vortrage' (did you mean 'Vortrag'?), so it changes nothing; its types "
        "are 'Vortrag'"]
    assert "kind" not in by_id(told["abstracts.yaml"])["c130"]
    plenary = ["13", "PL-1", "Plenary session: Keynote speakers and gender balance", "normal"] + keynote[4:]
    plenary[13:23] = talk[13:21] + ["Keynote speakers and gender balance", "<p>On panels.</p>"]
    plain = table.read(write_csv(tmp_path / "plenary.csv", [header, plenary], ";"), Options()).documents
    assert "kind" not in by_id(plain["abstracts.yaml"])["c130"]  # neither session nor title marks a keynote
    discussion = list(keynote)  # GMTH's "Diskussion Keynotes Dejans und Holtmeier", in "Keynotes 1: ..."
    discussion[21] = "Diskussion Keynotes Dejans und Holtmeier"
    talked = table.read(write_csv(tmp_path / "discussion.csv", [header, discussion], ";"), Options()).documents
    assert "kind" not in by_id(talked["abstracts.yaml"])["c130"]  # a discussion of the keynotes is none itself
    recital = list(keynote)  # gmth2023's "Lecture-Recital" (a special lecture) in "Keynotes 1: Lecture-Recital ..."
    recital[16] = "Lecture-Recital"
    recited = table.read(write_csv(tmp_path / "recital.csv", [header, recital], ";"), Options()).documents
    assert by_id(recited["abstracts.yaml"])["c130"]["kind"] == "keynote"
    items = [item for day in docs["programme.yaml"]["days"] for item in day["items"]]
    assert {"time": "17:00-18:00", "title": "GMTH-Mitgliederversammlung", "room": "Aula"} in items
    assert {"time": "12:00-13:00", "title": "Mittagspause", "kind": "break", "room": "Mensa"} in items


# -- Google Forms: presenting author in parts, co-author groups under identical headers ------------

def forms_rows():
    header = ["Timestamp", "Abstract title", "Contribution", "Abstract text", "Abstract bibliography",
              "Presenting author:  Family name", "Presenting author: First name", "Presenting author: E-mail",
              "Presenting author: Institution", "Presenting author: Address", "Presenting author: Country",
              "Co-authors list with common affiliation.", "Affiliation 1: institution, address, country",
              "Co-authors list with common affiliation.", "Affiliation 2: institution, address, country"]
    return [
        header,
        ["2017/10/02 1:27:25 AM UTC+1", "Nanoscale NMR", "Invited talk (35')",
         "Spins near $T_1$ with 3.6\\% \\cite{1}.\n\nSecond paragraph.", "[1] 10.1038/ncomms10211",
         "Tetienne", "Jean-Philippe", "jp@example.org", "University of Melbourne", "Parkville", "Australia",
         "J.-P. Tetienne, D. Broadway and L. Hall", "University of Melbourne, Australia",
         "A. Stacey", "RMIT, Melbourne", ],
        ["2017/10/05 1:00:00 PM UTC+1", "A levitated magnet", "Poster", "We levitate.", "",
         "Wang", "Tao", "tao@example.org", "UC Berkeley", "", "United States",
         "Derek Kimball", "CSU East Bay, USA", "", ""],
        ["2017/10/06 1:00:00 PM UTC+1", "NV centres 101", "Tutorial (70')", "Basics.", "",
         "Jacques", "Vincent", "", "CNRS", "", "France", "", "", "", ""],
        ["2017/10/07 1:00:00 PM UTC+1", "Coherent force microscopy", "Contributed talk (20')", "Forces.", "",
         "Braakman", "Floris R.", "", "University of Basel", "", "Switzerland",
         "N. Rossi and M. Poggio", "University of Basel", "", ""],
        ["2017/11/20 2:15:16 AM UTC+1", "Attending only - no presentation", "Attendee",
         "Attending only - no presentation", "", "Rugar", "Daniel", "", "IBM", "", "USA", "", "", "", ""],
        ["2017/11/06 10:56:46 AM UTC+1", "Membrane MRFM", "Waiting List", "x", "", "Hälg", "David", "", "ETH", "",
         "Switzerland", "", "", "", ""],
        [""] * 15,
        [""] * 15,
    ]


def test_google_forms_repeated_groups(tmp_path):
    path = write_csv(tmp_path / "forms.csv", forms_rows())
    imported = table.read(path, Options())
    docs = imported.documents
    abstracts = docs["abstracts.yaml"]
    nmr = abstracts[0]
    assert nmr["id"] == "nanoscale-nmr" and nmr["kind"] == "invited"
    assert nmr["authors"] == [
        {"name": "Jean-Philippe Tetienne", "affiliation": "University of Melbourne, Australia", "presenting": True,
         "email": "jp@example.org"},  # 'J.-P. Tetienne' of the co-author list is the same person
        {"name": "D. Broadway", "affiliation": "University of Melbourne, Australia"},
        {"name": "L. Hall", "affiliation": "University of Melbourne, Australia"},
        {"name": "A. Stacey", "affiliation": "RMIT, Melbourne"}]
    assert nmr["abstract"] == "Spins near $T_1$ with 3.6\\% [1].\n\nSecond paragraph.\n\n[1] 10.1038/ncomms10211"
    talk = abstracts[1]
    assert talk["id"] == "coherent-force-microscopy" and "kind" not in talk
    assert [a["name"] for a in talk["authors"]] == ["Floris R. Braakman", "N. Rossi", "M. Poggio"]
    assert docs["posters.yaml"][0]["authors"][0] == {"name": "Tao Wang", "affiliation": "UC Berkeley, United States",
                                                     "presenting": True, "email": "tao@example.org"}
    assert docs["tutorials.yaml"][0]["presenters"] == [{"name": "Vincent Jacques", "affiliation": "CNRS, France"}]
    assert "programme.yaml" not in docs  # no times: every contribution is outside the programme
    assert "left out 2 blank row(s)" in imported.notes
    assert "left out 1 row(s) of type 'Attendee'" in imported.notes
    assert "left out 1 row(s) of type 'Waiting List'" in imported.notes
    assert docs["conference.yaml"]["title"] == "Conference title"
    assert any("no dates at all" in n for n in imported.notes)
    read_back(imported, tmp_path / "folder")


def test_the_dates_an_import_guessed_are_warned_of_until_the_loc_writes_the_conference_s(tmp_path):
    """A CSV of abstracts gives no dates: the import wrote the day it ran into conference.yaml and said so once, and
    the cover printed that day ("7 December 2026") without a word from check or lint, which warned of the placeholder
    title and venue. The import's record names the values it guessed: lint warns, at file, line and key, while they
    are as guessed (an edit to another key aside), and no more once the LOC writes the dates."""
    from booklet.data.validate import read_booklet
    from booklet.importers.write import import_source
    from booklet.lint import lint

    source = tmp_path / "abstracts.csv"
    source.write_text("title,authors,abstract\nA talk,Jane Roe,Some text.\n", encoding="utf-8")
    folder = tmp_path / "conf"
    import_source(source, folder, Options())
    conference = folder / "conference.yaml"
    day = conference.read_text(encoding="utf-8").split("start: ", 1)[1][:10]  # (today, when the import ran)

    def guessed() -> list[str]:
        booklet, _ = read_booklet(folder)
        return [str(p) for p in lint(booklet, "A5", folder) if "dates" in p.key]

    said = "the day booklet import ran, written as the {} day for want of dates in its source: it would be printed " \
           "on the cover; write the conference's own dates before printing"
    expected = [f"conference.yaml:6: dates.start: warning: {day} is {said.format('first')}",
                f"conference.yaml:7: dates.end: warning: {day} is {said.format('last')}"]
    assert guessed() == expected
    conference.write_text(conference.read_text(encoding="utf-8").replace("venue: Venue", "venue: Lund"), "utf-8")
    assert guessed() == expected  # (the LOC's edit to another key keeps it)
    conference.write_text(conference.read_text(encoding="utf-8").replace(f"start: {day}", "start: 2027-03-01")
                          .replace(f"end: {day}", "end: 2027-03-03"), "utf-8")
    assert guessed() == []


# -- Indico's contribution list as CSV ----------------------------------------------------------------

def test_indico_contributions_csv(tmp_path):
    rows = [["Id", "Title", "Description", "Date", "Duration", "Type", "Session", "Track", "Presenters",
             "Presenters (affiliation)", "Authors", "Authors (affiliation)", "Board number"],
            ["12", "Charm flow", "Markdown *text*", "2026-06-23 09:20", "25 minutes", "Oral presentation", "HF",
             "Heavy flavour", "Ana Smith", "Ana Smith (Lund University)", "Ana Smith, Bo Jones",
             "Ana Smith (Lund University), Bo Jones (CERN, Geneva)", ""],
            ["31", "A poster", "", "", "", "Poster", "", "", "Zoë Papa", "Zoë Papa (NOA)", "", "", "7"]]
    imported = table.read(write_csv(tmp_path / "contributions.csv", rows), Options())
    docs = imported.documents
    assert docs["abstracts.yaml"] == [{"id": "c12", "title": "Charm flow", "authors": [
        {"name": "Ana Smith", "affiliation": "Lund University", "presenting": True},
        {"name": "Bo Jones", "affiliation": "CERN, Geneva"}], "abstract": "Markdown *text*"}]
    assert docs["posters.yaml"] == [{"number": 7, "author": "Zoë Papa", "title": "A poster", "affiliation": "NOA"}]
    assert docs["programme.yaml"]["days"][0]["items"] == [{"session": "HF", "items": [
        {"time": "09:20-09:45", "talk": "c12"}]}]


def test_indico_contributions_csv_with_its_e_mail_columns_gives_each_person_their_address(tmp_path):
    """Indico's contribution list has an e-mail column beside each list of people ('Presenters (email)', 'Authors
    (email)', 'Co-Authors (email)', each address at its person's place). The presenters' addresses were taken for a
    presenting author's details without a name (a note said the row left a person out, who was printed), and the
    co-authors' column was not read, so that no author got an address (the authors' list and the first column's
    addresses were not as many)."""
    rows = [["Id", "Title", "Description", "Date", "Duration", "Type", "Session", "Track", "Presenters",
             "Presenters (affiliation)", "Presenters (email)", "Materials", "Program Code", "Authors",
             "Authors (affiliation)", "Authors (email)", "Co-Authors", "Co-Authors (affiliation)",
             "Co-Authors (email)", "Board number"],
            ["12", "Charm flow", "Text.", "2026-06-23 09:20", "25 minutes", "Oral presentation", "HF", "",
             "Ana Smith", "Ana Smith (Lund University)", "ana@lu.example", "", "HF-1", "Ana Smith, Bo Jones",
             "Ana Smith (Lund University), Bo Jones (CERN)", "ana@lu.example, bo@cern.example", "Cy Lee",
             "Cy Lee (University of California, Berkeley)", "cy@berkeley.example", ""],
            ["13", "Beauty", "Text.", "2026-06-23 09:45", "20 minutes", "Oral presentation", "HF", "",
             "Di Wu", "Di Wu (PKU)", "di@pku.example", "", "", "", "", "", "", "", "", ""]]
    imported = table.read(write_csv(tmp_path / "contributions.csv", rows), Options())
    abstracts = by_id(imported.documents["abstracts.yaml"])
    assert abstracts["c12"]["authors"] == [
        {"name": "Ana Smith", "affiliation": "Lund University", "presenting": True, "email": "ana@lu.example"},
        {"name": "Bo Jones", "affiliation": "CERN", "email": "bo@cern.example"},
        {"name": "Cy Lee", "affiliation": "University of California, Berkeley", "email": "cy@berkeley.example"}]
    assert abstracts["c13"]["speaker"] == {"name": "Di Wu", "affiliation": "PKU", "email": "di@pku.example"}
    assert not [n for n in imported.notes if "without their name" in n or "e-mail" in n], imported.notes
    # (any sheet with a column of speakers and one of their e-mails: the same false note, the address lost)
    rows = [["Title", "Speaker", "Speaker email", "Affiliation", "Abstract"],
            ["A talk", "Ana Smith", "ana@lu.example", "Lund University", "Words."]]
    imported = table.read(write_csv(tmp_path / "speakers.csv", rows), Options())
    assert imported.documents["abstracts.yaml"][0]["speaker"] == {
        "name": "Ana Smith", "affiliation": "Lund University", "email": "ana@lu.example"}
    assert not [n for n in imported.notes if "without their name" in n], imported.notes


def test_a_session_of_posters_alone_is_one_poster_line_as_indico_s_poster_session_is(tmp_path):
    """A spreadsheet's session that holds posters alone (Indico's contribution list: session 'Posters', each poster
    at its time) was a session 'Posters' holding a line 'Posters' of no kind, the name printed twice over; it is one
    programme line of the kind poster, at the posters' time and in their room, as the event export's poster session
    (isPoster) is."""
    rows = [["Id", "Title", "Date", "Duration", "Type", "Session", "Room", "Presenters (affiliation)", "Board number"],
            ["12", "Charm flow", "2026-06-23 09:20", "25 minutes", "Oral presentation", "Heavy Flavour", "Room A",
             "Ana Smith (Lund University)", ""],
            ["31", "A poster", "2026-06-23 16:00", "1 hour 30 minutes", "Poster", "Posters", "Hall", "Zoë Papa (NOA)",
             "7"],
            ["32", "Another poster", "2026-06-23 16:00", "1 hour 30 minutes", "Poster", "Posters", "Hall",
             "Li Ng (MIT)", "8"]]
    imported = table.read(write_csv(tmp_path / "contributions.csv", rows), Options())
    assert imported.documents["programme.yaml"]["days"][0]["items"] == [
        {"session": "Heavy Flavour", "room": "Room A", "items": [{"time": "09:20-09:45", "talk": "c12"}]},
        {"time": "16:00-17:30", "title": "Posters", "kind": "poster", "room": "Hall"}]
    assert [p["number"] for p in imported.documents["posters.yaml"]] == [7, 8]
    read_back(imported, tmp_path / "folder")


def test_rows_not_yet_decided_are_left_out_when_others_are_accepted(tmp_path):
    """An Indico abstracts export: one abstract still "Submitted" among accepted ones is left out, and said so; an
    export made before any decision keeps every row."""
    header = ["Id", "Title", "State", "Accepted type", "Submitted type", "Authors"]
    rows = [header, ["1", "Charm flow", "Accepted", "Oral presentation", "Oral presentation", "Ana Smith"],
            ["2", "Jet quenching", "Submitted", "", "Oral presentation", "Bo Jones"]]
    imported = table.read(write_csv(tmp_path / "abstracts.csv", rows), Options())
    assert [a["id"] for a in imported.documents["abstracts.yaml"]] == ["c1"]
    assert "left out 1 row(s) in state 'Submitted'" in "\n".join(imported.notes)
    undecided = [header, ["1", "Charm flow", "Submitted", "", "Oral presentation", "Ana Smith"],
                 ["2", "Jet quenching", "Submitted", "", "Oral presentation", "Bo Jones"]]
    imported = table.read(write_csv(tmp_path / "early.csv", undecided), Options())
    assert [a["id"] for a in imported.documents["abstracts.yaml"]] == ["c1", "c2"]


def test_rows_without_a_title_are_named_by_their_lines(tmp_path):
    """An import review: "left out 1 row(s) without a title" did not say which row, and its speaker and abstract were
    lost; the note names the rows' lines, for the LOC to give them titles."""
    rows = [["Title", "Authors", "Abstract"], ["Charm flow", "Ana Smith", "Text."], ["", "Bo Jones", "A text."],
            ["Jets", "Eva Berg", ""], ["TBA", "Carla Diaz", "More."]]
    imported = table.read(write_csv(tmp_path / "abstracts.csv", rows), Options())
    assert [a["title"] for a in imported.documents["abstracts.yaml"]] == ["Charm flow", "Jets"]
    assert "left out 2 row(s) without a title (line 3, line 5: give each a title to import it)" in imported.notes


def test_the_summary_does_not_count_placeholder_speakers_as_people(tmp_path):
    """47 speakers "TBA" were "1 of 1 speaker without affiliation"; now they are counted as placeholders."""
    from click.testing import CliRunner

    from booklet.cli import main

    rows = [["Id", "Title", "Type", "Speaker", "Affiliation"],
            ["1", "Charm flow", "Talk", "TBA", ""], ["2", "Jet quenching", "Talk", "TBA", ""],
            ["3", "Open heavy flavour", "Talk", "Ana Smith", "Lund University"]]
    source = write_csv(tmp_path / "abstracts.csv", rows)
    result = CliRunner().invoke(main, ["import", str(source), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert ("3 talks, 0 tutorials, 0 posters, 0 days; 0 of 1 speaker without affiliation; 2 speakers named by a "
            "placeholder: 'TBA' (2 times) (see the warnings).") in result.stdout


def test_a_note_quoting_a_page_long_cell_is_cut_to_its_start_and_end(tmp_path):
    """A fuzzing leftover: a start cell of 100,000 digits was repeated whole in the import's note ("'999...' is not a
    time"), a line of 100,000 characters. Every message the command line prints cuts a quoted value of more than 300
    characters to its start and end and its length, as a data problem's and an import error's were cut."""
    from click.testing import CliRunner

    from booklet.cli import main

    rows = [["Title", "Speaker", "Start", "End", "Date"], ["A talk", "Ana Smith", "9" * 100_000, "10:00", "2027-06-14"]]
    source = write_csv(tmp_path / "abstracts.csv", rows)
    result = CliRunner().invoke(main, ["import", str(source), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output[:500]
    assert (f"  - line 2: '{'9' * 60}\u2026{'9' * 20}' (100,000 characters) is not a time; 'A talk' has no time\n"
            in result.stdout)
    assert max(len(line) for line in result.output.splitlines()) < 300


def test_a_long_header_holding_an_apostrophe_is_cut_in_the_note_that_names_it(tmp_path):
    """A column's header is named as Python writes a text (repr): in double quotes when it holds an apostrophe, which
    the cut of long quoted values (problems.long_quotes_cut) passed over: the note named a header of 416 characters
    whole. It is cut to its start and end as one in single quotes is."""
    from click.testing import CliRunner

    from booklet.cli import main

    header = "Speaker's notes " + "y" * 400
    rows = [["Title", "Speaker", header], ["A talk", "Ana Smith", "x"], ["Another", "Bo Lee", "y"]]
    source = write_csv(tmp_path / "abstracts.csv", rows)
    result = CliRunner().invoke(main, ["import", str(source), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output[:500]
    assert (f"booklet knows no field by their header: \"Speaker's notes {'y' * 44}\u2026{'y' * 20}\" (416 characters); "
            in result.stdout), result.stdout
    assert max(len(line) for line in result.output.splitlines()) < 400  # (the header twice, cut: in --map's example)


def test_a_header_of_thousands_of_columns_is_named_by_its_first_ones(tmp_path):
    """A fuzzing run: a header of 200,000 columns and no title was listed whole in the message, 2 MB on one line;
    so were the columns a spreadsheet with a title does not read, in its note. Each names its first columns and how
    many more. (2,000 columns show it as 20,000 did, for a tenth of the CPU: reading a header takes time in
    proportion to its columns.)"""
    from click.testing import CliRunner

    from booklet.cli import main

    headers = [f"c{i}" for i in range(2_000)]
    source = write_csv(tmp_path / "wide.csv", [headers, ["v"] * len(headers)])
    refused = CliRunner().invoke(main, ["import", str(source), "--out", str(tmp_path / "out")])
    assert (refused.exit_code, refused.stderr) == (1, f"booklet: {source}: line 1 (the header): no column of titles "
                                                      f"among 'c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', "
                                                      f"'c9', 'c10', 'c11' and 1,988 more; name it with --map "
                                                      f"\"Title=<header>\"; nothing was written.\n")
    source = write_csv(tmp_path / "titled.csv", [["Title", "Speaker", *headers], ["T", "Ana Smith", *["v"] * 2_000]])
    imported = table.read(source, Options())
    assert ("column(s) not read, as booklet knows no field by their header: 'c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6', "
            "'c7', 'c8', 'c9', 'c10', 'c11' and 1,988 more; give one a field with --map (e.g. --map \"FIELD=c0\")"
            in imported.notes)


# -- XLSX ------------------------------------------------------------------------------------------------

def write_xlsx(path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    info = book.active
    info.title = "Info"
    info.append(["uRos 2026 programme, draft"])
    sheet = book.create_sheet("Programme")
    sheet.append(["ID", "Paper name", "SPEAKERS", "TYPDOC", "Date", "Time", "Duration", "Room", "Board", "ABSTRACT"])
    sheet.append([17.0, "Migrating to R", "Guyader Vincent , De Canteloube Matthieu ", "Keynote presentation",
                  dt.datetime(2026, 6, 3), dt.time(9, 30), 40, "Amphi A", None, "We **migrate**."])
    sheet.append([18.0, "tmap v4", "Tennekes Martijn ", "lightning talk (5min)", dt.date(2026, 6, 3),
                  dt.time(10, 10), "0:05", "Amphi A", None, None])
    sheet.append([19.0, "A poster on R", "Danek Zofia (1) (2), Strojny Tymoteusz (1)", "Poster", None, None, None,
                  None, 3.0, None])
    book.save(path)
    return path


def test_xlsx_with_a_column_map(tmp_path):
    path = write_xlsx(tmp_path / "programme.xlsx")
    assert table.detect(path, path.read_bytes()[:65536])
    imported = table.read(path, Options(columns={"Title": "paper NAME"}))
    assert imported.format == "xlsx"
    docs = imported.documents
    keynote, lightning = docs["abstracts.yaml"]
    assert keynote["id"] == "c17" and keynote["kind"] == "keynote"
    assert keynote["authors"] == [{"name": "Guyader Vincent", "presenting": True},
                                  {"name": "De Canteloube Matthieu", "presenting": True}]
    assert keynote["abstract"] == "We **migrate**."
    assert lightning == {"id": "c18", "title": "tmap v4", "speaker": {"name": "Tennekes Martijn"}}
    assert docs["posters.yaml"][0]["number"] == 3
    assert docs["programme.yaml"]["days"] == [{"date": D(2026, 6, 3), "items": [
        {"time": "09:30-10:10", "talk": "c17", "room": "Amphi A"},
        {"time": "10:10-10:15", "talk": "c18", "room": "Amphi A"}]}]
    assert "read sheet 'Programme'" in imported.notes
    read_back(imported, tmp_path / "folder")


def test_xlsx_without_a_title_column(tmp_path):
    path = write_xlsx(tmp_path / "programme.xlsx")
    with pytest.raises(SourceError, match=r"programme\.xlsx: sheet 'Info', row 1 \(the header\): no column of titles"):
        table.read(path, Options())


def test_damaged_xlsx(tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    with pytest.raises(SourceError, match=r"broken\.xlsx: not a readable XLSX workbook"):
        table.read(path, Options())


# -- what is not a contribution list ------------------------------------------------------------------

def test_csv_without_a_title_column(tmp_path):
    path = write_csv(tmp_path / "program.txt", [["Code", "Type", "Day", "Begin", "End", "Name"],
                                                ["I01", "invited", "2", "0940", "1015", "W. Wernsdorfer"]], "\t")
    with pytest.raises(SourceError, match=r"program\.txt: line 1 \(the header\): no column of titles among 'Code', "
                                          r"'Type', 'Day', 'Begin', 'End', 'Name' \(a timetable, it seems: give it "
                                          r"with --timetable"):
        table.read(path, Options())
    path = write_csv(tmp_path / "list.csv", [["Code", "Room"], ["I01", "A"]])
    with pytest.raises(SourceError, match=r"list\.csv: line 1 \(the header\): no column of titles among 'Code', "
                                          r"'Room'; name it with --map"):
        table.read(path, Options())


def test_header_below_a_title_line_and_bad_times(tmp_path):
    rows = [["Programme of the workshop"], [], ["Title", "Speaker", "Date", "Start"],
            ["Talk one", "Ana Smith", "2027-09-13", "25:70"], ["Talk two", "Bo Jones", "13/09/2027", "9.30"]]
    imported = table.read(write_csv(tmp_path / "p.csv", rows), Options())
    docs = imported.documents
    assert [a["id"] for a in docs["abstracts.yaml"]] == ["talk-two", "talk-one"]  # in programme order
    assert docs["programme.yaml"]["days"][0]["items"] == [{"time": "09:30", "talk": "talk-two"},
                                                          {"talk": "talk-one"}]
    assert any(n.startswith("line 4: '25:70' is not a time") for n in imported.notes)


def test_unknown_map_name(tmp_path):
    path = write_csv(tmp_path / "p.csv", [["Paper", "Who"], ["A", "B"]])
    with pytest.raises(SourceError, match="--map: 'Titel' is not a column"):
        table.read(path, Options(columns={"Titel": "Paper"}))


def test_detect():
    assert not table.detect(__import__("pathlib").Path("x.json"), b'{"results": []}')
    assert not table.detect(__import__("pathlib").Path("x.xml"), b"<?xml version='1.0'?><schedule/>")
    assert table.detect(__import__("pathlib").Path("x.csv"), b"Title;Authors\r\nA;B\r\n")


@pytest.mark.parametrize("date", ["0001-01-01", "1899-06-01", "9999-12-31"])
def test_a_date_no_conference_has_is_no_date_not_an_internal_error(tmp_path, date):
    """A fuzzing run's 0001-01-01 (the day before it, which reading a night's event asks of, is no date) ended in an
    internal error; a date before 1900 or after 9998 is read as none, and said so."""
    path = tmp_path / "talks.csv"
    path.write_text(f"Title,Authors,Date,Start,End\nT,\"Smith, Ana\",{date},10:00,10:30\n"
                    "U,\"Jones, Bo\",2027-05-06,10:00,10:30\n", encoding="utf-8")
    imported = table.read(path, Options())
    assert f"line 2: no date for 'T' ('{date}' is not one); left out of the programme" in imported.notes
    day, = imported.documents["programme.yaml"]["days"]
    assert str(day["date"]) == "2027-05-06"


def test_times_in_a_table_with_no_column_of_dates_are_one_note_not_one_a_row(tmp_path):
    """An importer fuzzing review: a CSV with a start column and no column of dates gave a note a row ("line 2: no
    date for 'What to hack' ('')", 29 of them, the empty brackets a puzzle). It is one note, saying what to add; a row
    whose date cell is empty in a table with dates says its date is empty."""
    path = tmp_path / "talks.csv"
    path.write_text("Title,Speaker,Start\n" + "".join(f"T{n},Ann Smith{n},1{n}:00\n" for n in range(5)),
                    encoding="utf-8")
    notes = table.read(path, Options()).notes
    assert "5 contribution(s) have no time" not in " ".join(notes)  # (they have one: it is their date they lack)
    assert [note for note in notes if "date" in note and "source has no dates" not in note and "day and time" not in note] == [
        "5 row(s) give a time ('Start') but the source has no column of dates (line 2, line 3, line 4 ...): left out "
        "of the programme; add a column of dates (a header 'Date'), or write the date with the time "
        "('2027-06-05 19:00')"]
    path.write_text("Title,Speaker,Date,Start\nOne,Ann Smith,,10:00\nTwo,Bob Jones,2027-05-06,10:00\n",
                    encoding="utf-8")
    assert "line 2: no date for 'One' (its date is empty); left out of the programme" in table.read(path, Options()).notes


def test_a_year_written_0000_and_a_duration_past_midnight_are_notes(tmp_path):
    path = tmp_path / "talks.csv"
    path.write_text("Title,Speaker,Date,Start,Duration\n"
                    "One,Ann Smith,0000-05-05,10:00,30\n"
                    "Two,Bob Jones,2025-05-06,10:00,99999999999999999999\n"
                    "Three,Cy Lee,06.05.25,11:00,20\n", encoding="utf-8")
    imported = table.read(path, Options())
    assert "line 2: no date for 'One' ('0000-05-05' is not one); left out of the programme" in imported.notes  # (not 2000-05-05)
    assert ("line 3: '99999999999999999999' is not a duration (minutes, or hours and minutes, within a day); 'Two' has "
            "no end time") in imported.notes
    day, = imported.documents["programme.yaml"]["days"]
    assert day["date"] == dt.date(2025, 5, 6)  # a year of two digits is this century's
    assert [item["time"] for item in day["items"]] == ["10:00", "11:00-11:20"]


def test_minutes_past_midnight_are_an_end_only_for_an_evenings_item():
    """An evening's item may end past midnight, by 06:00 (as booklet reads "23:30-00:15"); past that, or from a
    start before 18:00, or past the last date there is, it has no end."""
    from booklet.importers.assemble import plus_minutes

    assert plus_minutes(dt.date(2025, 5, 6), dt.time(10, 0), 30) == dt.time(10, 30)
    assert plus_minutes(dt.date(2025, 5, 6), dt.time(23, 30), 45) == dt.time(0, 15)
    assert plus_minutes(dt.date(2025, 5, 6), dt.time(23, 30), 7 * 60) is None
    assert plus_minutes(dt.date(2025, 5, 6), dt.time(14, 0), 11 * 60) is None
    assert plus_minutes(dt.date(2025, 5, 6), dt.time(14, 0), 10 * 60) == dt.time(0, 0)  # at midnight
    from booklet.importers.assemble import time_text

    assert [time_text(dt.time(14, 0), dt.time(0, 0)), time_text(dt.time(23, 0), dt.time(0, 40)),
            time_text(dt.time(14, 0), dt.time(2, 0))] == ["14:00-24:00", "23:00-00:40", "14:00"]
    assert plus_minutes(dt.date(9999, 12, 31), dt.time(23, 30), 60) is None
    for minutes in (float("inf"), float("nan"), 1e30, -5):
        assert plus_minutes(dt.date(2025, 5, 6), dt.time(10, 0), minutes) is None


def test_an_item_after_midnight_is_listed_at_the_end_of_the_evening_before(tmp_path):
    """A schedule gives a night's item its calendar date ("2011-06-26 00:00", as GPN's does): it is listed last on
    the evening before, where booklet reads it as after midnight, and its abstract's date is the next day's. An
    early item stays on its day when the day before has no afternoon, or when it is nearer its own day's next item
    than that evening's end (a virtual meeting's day that starts at 05:00)."""
    path = write_csv(tmp_path / "s.csv", [
        ["Title", "Speaker", "Room", "Date", "Start", "End"],
        ["Sunrise run", "Ann Smith", "Park", "2025-05-05", "05:30", "06:30"],
        ["Evening", "Bo Lee", "Hall", "2025-05-05", "20:45", "22:00"],
        ["Gamejam", "Cy Ng", "Hall", "2025-05-06", "00:00", "01:00"],
        ["Night owls", "Di Oz", "Lab", "2025-05-06", "00:00", "00:30"],
        ["Afternoon", "Ed Wu", "Hall", "2025-05-05", "14:00", "15:00"],
        ["Noon", "Flo Fu", "Hall", "2025-05-06", "12:00", "13:00"],
        ["Late talk", "Gil Ho", "Hall", "2025-05-06", "16:00", "17:00"],
        ["Early session", "Hu Li", "Hall", "2025-05-07", "05:00", "05:50"],
        ["Morning", "Ida Ma", "Hall", "2025-05-07", "06:00", "07:00"]])
    imported = table.read(path, Options())
    abstracts = {a["id"]: a["title"] for a in imported.documents["abstracts.yaml"]}
    days = imported.documents["programme.yaml"]["days"]
    assert [d["date"] for d in days] == [dt.date(2025, 5, 5), dt.date(2025, 5, 6), dt.date(2025, 5, 7)]
    flat = [i for entry in days[0]["items"] for i in (
        [s["items"][0] for s in entry["parallel"]] if "parallel" in entry else [entry])]  # (the night's two: by room)
    assert [(i["time"], abstracts[i["talk"]]) for i in flat] == [
        ("05:30-06:30", "Sunrise run"), ("14:00-15:00", "Afternoon"), ("20:45-22:00", "Evening"),
        ("00:00-01:00", "Gamejam"), ("00:00-00:30", "Night owls")]
    assert [s["room"] for s in days[0]["items"][-1]["parallel"]] == ["Hall", "Lab"]
    assert [abstracts[i["talk"]] for i in days[1]["items"]] == ["Noon", "Late talk"]
    assert [abstracts[i["talk"]] for i in days[2]["items"]] == ["Early session", "Morning"]
    assert ("2 item(s) start after midnight, before 06:00: listed at the end of the day before, as that evening's "
            "night ('Gamejam', 'Night owls')") in imported.notes
    booklet = read_back(imported, tmp_path / "folder")
    day = booklet.days[0]
    clock = day.clock()
    assert [clock[id(i)] for i in day.items()][-2:] == [(24 * 60, 25 * 60), (24 * 60, 24 * 60 + 30)]


def test_a_forms_headers_with_notes_in_brackets_are_read_and_unknown_ones_named(tmp_path):
    path = write_csv(tmp_path / "form.csv", [
        ["Title of your talk", "Abstract (max. 300 words)", "Presenter name", "Lecture hall", "Date", "Start",
         "End", "Favourite colour", "Empty column"],
        ["One", "This abstract text is kept.", "Ann Smith", "Hörsaal 1", "2025-05-05", "10:00", "10:30", "teal", ""],
        ["Two", "And this one.", "Bo Lee", "Hörsaal 2", "2025-05-05", "10:00", "10:30", "", ""]])
    imported = table.read(path, Options())
    abstracts = by_id(imported.documents["abstracts.yaml"])
    assert [a["abstract"] for a in abstracts.values()] == ["This abstract text is kept.", "And this one."]
    assert [a["speaker"]["name"] if "speaker" in a else a["authors"][0]["name"] for a in abstracts.values()] == [
        "Ann Smith", "Bo Lee"]
    day, = imported.documents["programme.yaml"]["days"]
    assert [session["room"] for session in day["items"][0]["parallel"]] == ["Hörsaal 1", "Hörsaal 2"]  # (at once)
    # (an import review: a column of short answers was offered as the abstract)
    assert ("column(s) not read, as booklet knows no field by their header: 'Favourite colour'; give one a field "
            "with --map (e.g. --map \"FIELD=Favourite colour\")") in imported.notes
    long = "A text as long as an abstract is, of many words, which a column of answers to a form never has at all."
    path = write_csv(tmp_path / "form2.csv", [["Title of your talk", "Presenter name", "Yes or no", "Elevator pitch"],
                                             ["One", "Ann Smith", "Yes", long], ["Two", "Bo Lee", "No", long]])
    assert ("column(s) not read, as booklet knows no field by their header: 'Yes or no', 'Elevator pitch'; give one a "
            "field with --map (e.g. --map \"abstract=Elevator pitch\")") in table.read(path, Options()).notes


def test_a_second_column_of_the_same_field_is_named_as_not_read(tmp_path):
    """Fuzzing: a header 'Title,Title,Speakers' read the first title and left the second out without a word."""
    path = write_csv(tmp_path / "dup.csv", [["Title", "Title", "Speakers"],
                                            ["First title", "Second title", "Ana Smith"],
                                            ["Third", "", "Bo Lee"]])
    imported = table.read(path, Options())
    assert [a["title"] for a in by_id(imported.documents["abstracts.yaml"]).values()] == ["First title", "Third"]
    assert ("column(s) not read, as another column gives the same field: 'Title' (column 2: the title is read from "
            "column 1); rename the header of the one to read, or name it with --map") in imported.notes
    path = write_csv(tmp_path / "empty.csv", [["Title", "Title"], ["First title", ""]])  # (nothing in it: no note)
    assert not [note for note in table.read(path, Options()).notes if "same field" in note]


def test_a_state_that_says_not_accepted_is_left_out(tmp_path):
    """A review: "Not accepted as poster" read as an accepted poster (the decision names the kind, EasyChair's)."""
    path = write_csv(tmp_path / "d.csv", [["Title", "Authors", "Decision"], ["One", "Ana Smith", "accept as poster"],
                                          ["Two", "Bo Lee", "Not accepted as poster"], ["Three", "Cy Ray", "accept"]])
    imported = table.read(path, Options())
    assert [p["title"] for p in imported.documents["posters.yaml"]] == ["One"]
    assert [a["title"] for a in imported.documents["abstracts.yaml"]] == ["Three"]


def test_a_map_naming_no_column_of_the_header_is_an_error(tmp_path):
    path = write_csv(tmp_path / "p.csv", [["Paper", "Summary"], ["A", "B"]])
    with pytest.raises(SourceError) as raised:
        table.read(path, Options(columns={"title": "Paper", "abstract": "Sumary"}))
    assert str(raised.value) == f"--map: abstract=Sumary: no column 'Sumary' in the header at line 1 ('Paper', 'Summary')"


def test_a_spreadsheets_duration_under_one_is_a_fraction_of_a_day():
    """A time in a cell not formatted as a time is Excel's fraction of a day: 0.0625 is an hour and a half (read as
    0.06 minutes, the import failed with a talk that ends when it starts)."""
    assert table._minutes(0.0625) == 90
    assert table._minutes(0.5) == 720
    assert table._minutes(30) == 30 and table._minutes(45.0) == 45
    assert table._minutes(dt.time(1, 30)) == 90 and table._minutes("1:30") == 90
    assert table._minutes(0) is None and table._minutes(-1) is None and table._minutes(True) is None


def test_xlsx_formulas_without_saved_values_are_an_error_saying_how_to_fix_it(tmp_path):
    """A workbook written by a script (or never recalculated) holds formulas without their values: read as empty
    cells they made "no contribution in it"; the error now says what is wrong."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Title", "Speaker", "Helper"])
    sheet.append(['=CONCATENATE("A ", "talk")', "Ana Smith", "x"])
    sheet.append(["A plain title", "Bo Lee", '=UPPER(C2)'])
    path = tmp_path / "formulas.xlsx"
    book.save(path)
    with pytest.raises(SourceError) as raised:
        table.read(path, Options())
    assert str(raised.value) == (f"{path}: sheet 'Sheet': 2 cell(s) hold a formula with no value saved (the first at "
                                 "row 2, column 1): open the workbook in a spreadsheet program, save it, and import "
                                 "again (or export the sheet as CSV)")


def test_a_header_that_names_its_field_outright_wins_over_one_that_does_in_brackets(tmp_path):
    """"Titel (Deutsch)" is a title only once its brackets are set aside; "Title (English)" is one as written: the
    English columns are read, wherever they stand."""
    path = write_csv(tmp_path / "bi.csv", [
        ["Titel (Deutsch)", "Title (English)", "Abstract (Deutsch)", "Abstract (English)", "Speaker", "Start",
         "Duration"],
        ["Der Titel", "The title", "Deutscher Text", "English text", "Ann Lee", "2027-05-05 10:00", "30"]])
    (abstract,) = table.read(path, Options()).documents["abstracts.yaml"]
    assert abstract["title"] == "The title" and abstract["abstract"] == "English text"


def test_a_map_naming_a_header_the_file_does_not_have_says_so_before_no_title_column(tmp_path):
    path = write_csv(tmp_path / "p.csv", [["Paper", "Who"], ["A", "B"]])
    with pytest.raises(SourceError) as raised:
        table.read(path, Options(columns={"title": "Papers"}))
    assert str(raised.value) == "--map: title=Papers: no column 'Papers' in the file's first rows"


def test_a_language_column_sets_the_booklet_s_and_an_abstract_s_own_and_left_out_columns_are_named(tmp_path):
    """GPN's schedule has a Language column (28 talks in German, 1 in English): the booklet is German and the
    English abstract is hyphenated as English. Columns the booklet prints nothing of, holding data, are named."""
    path = write_csv(tmp_path / "s.csv", [
        ["Title", "Speaker", "Abstract", "Language", "Date", "Start", "Figure", "Dietary restrictions"],
        ["Eins", "Ann Smith", "Über Hyphenierung.", "de", "2025-05-05", "10:00", "fig1.png", ""],
        ["Zwei", "Bo Lee", "Noch ein Text.", "DE", "2025-05-05", "11:00", "", ""],
        ["Three", "Cy Ng", "An English text.", "en", "2025-05-05", "12:00", "", "vegan"],
        ["Vier", "Di Oz", "", "de", "2025-05-05", "13:00", "", ""]])
    imported = table.read(path, Options())
    assert imported.documents["conference.yaml"]["language"] == "de"
    abstracts = {a["title"]: a for a in imported.documents["abstracts.yaml"]}
    assert abstracts["Three"]["language"] == "en" and "language" not in abstracts["Zwei"]
    assert ("1 abstract(s) or tutorial(s) in another language than the booklet's (de): given their own "
            "`language`, which they are hyphenated in") in imported.notes
    assert ("column(s) left out, as the booklet prints nothing of them: 'Figure', 'Dietary restrictions' (give one "
            "a field with --map to read it)") in imported.notes
    booklet = read_back(imported, tmp_path / "folder")
    assert booklet.conference.language == "de"
    assert {a.title: a.language for a in booklet.abstracts}["Three"] == "en"


def test_quotes_doubled_twice_in_a_csv_are_one_pair(tmp_path):
    """uRos 2026's CSV was written by a script that doubled its quotes before the CSV writer did: the abstracts read
    ""maplibre"" (five of them). In a cell whose every quote is one of such pairs around words, they are one pair
    again; a cell with quotes written once, or pairs not around words (code), is kept as it is."""
    path = write_csv(tmp_path / "s.csv", [
        ["Title", "Speaker", "Abstract"],
        ['The ""best"" model', "Ann Smith", 'In tmap\'s ""maplibre"" mode.'],
        ['A "plain" one and ""x""', "Bo Lee", 'Code: x = "" + y + "" and """Docstring"""']])
    first, second = table.read(path, Options()).documents["abstracts.yaml"]
    assert (first["title"], first["abstract"]) == ('The "best" model', 'In tmap\'s "maplibre" mode.')
    assert second["title"] == 'A "plain" one and ""x""'
    assert second["abstract"] == 'Code: x = "" + y + "" and """Docstring"""'


def test_an_end_not_after_its_start_lasts_no_day_and_an_unknown_language_is_not_taken(tmp_path):
    """A typo's end ("09:00-09:00") made a session a day long, and the day's sessions one parallel block; it is now
    no end. A Language column of codes CLDR does not know ("jp") made conference.yaml's language one check refuses:
    such a code is left out."""
    path = write_csv(tmp_path / "s.csv", [
        ["Title", "Speaker", "Session", "Room", "Date", "Start", "End", "Language"],
        ["A", "Ann Smith", "Session A", "R1", "2025-05-05", "09:00", "09:00", "jp"],
        ["B", "Bo Lee", "Session B", "R2", "2025-05-05", "10:00", "10:20", "jp"],
        ["C", "Cy Ng", "Session C", "R1", "2025-05-05", "11:00", "11:20", "en"]])
    imported = table.read(path, Options())
    day, = imported.documents["programme.yaml"]["days"]
    assert [item.get("session") for item in day["items"]] == ["Session A", "Session B", "Session C"]
    assert "language" not in imported.documents["conference.yaml"]
    assert not [a for a in imported.documents["abstracts.yaml"] if "language" in a]
    assert len(read_back(imported, tmp_path / "folder").abstracts) == 3


def test_an_early_day_of_its_own_stays_a_night_of_two_ends_at_00_00_moves_and_regions_are_languages(tmp_path):
    """A sunrise hike at 05:00 the day after an afternoon, with nothing else that day, was folded into the day
    before (15 hours from its evening); a night's item "00:00-00:00" counted a day long and stayed; "en-GB" and
    "fr_FR" were no languages."""
    path = write_csv(tmp_path / "s.csv", [
        ["Title", "Speaker", "Date", "Start", "End", "Language", "Abstract"],
        ["Talk", "Ann Lee", "2027-06-14", "13:00", "14:00", "de", "Text."],
        ["Sunrise hike", "Bob Ray", "2027-06-15", "05:00", "08:00", "de", "Text."],
        ["Evening", "Cy Dee", "2027-06-16", "20:00", "22:00", "fr_FR", "Texte."],
        ["Jam", "Di Oz", "2027-06-17", "00:00", "00:00", "en-GB", "Text."],
        ["Noon", "Ed Wu", "2027-06-17", "12:00", "13:00", "de-DE", "Text."]])
    imported = table.read(path, Options())
    titles = {a["id"]: a["title"] for a in imported.documents["abstracts.yaml"]}
    days = {d["date"]: [titles[i["talk"]] for i in d["items"]] for d in imported.documents["programme.yaml"]["days"]}
    assert days == {dt.date(2027, 6, 14): ["Talk"], dt.date(2027, 6, 15): ["Sunrise hike"],
                    dt.date(2027, 6, 16): ["Evening", "Jam"], dt.date(2027, 6, 17): ["Noon"]}
    assert imported.documents["conference.yaml"]["language"] == "de"
    assert {a["title"]: a.get("language") for a in imported.documents["abstracts.yaml"]} == {
        "Talk": None, "Sunrise hike": None, "Evening": "fr", "Jam": "en", "Noon": None}


def test_midnight_written_24_00_and_a_spreadsheets_empty_date(tmp_path):
    """A start of "24:00" on the 14th was 23:59 on the 14th (an end of "24:00" was 23:59 too): it is midnight
    after the 14th, listed at that evening's end, and an end at midnight is booklet's "24:00". A date cell holding
    a spreadsheet's zero (1900-01-01, what an empty date cell often gives) made a conference from 1900 to 2027: it
    is no date."""
    openpyxl = pytest.importorskip("openpyxl")
    path = write_csv(tmp_path / "s.csv", [
        ["Title", "Speaker", "Date", "Start", "End"],
        ["Midnight party", "Bo Jones", "2027-06-14", "24:00", "01:00"],
        ["Opening", "Ana Smith", "2027-06-14", "09:00", "09:30"],
        ["Late", "Cy Doe", "2027-06-14", "22:00", "24:00"]])
    imported = table.read(path, Options())
    abstracts = {a["id"]: a["title"] for a in imported.documents["abstracts.yaml"]}
    (day,) = imported.documents["programme.yaml"]["days"]
    assert [(i["time"], abstracts[i["talk"]]) for i in day["items"]] == [
        ("09:00-09:30", "Opening"), ("22:00-24:00", "Late"), ("00:00-01:00", "Midnight party")]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Title", "Speaker", "Date", "Start", "End"])
    sheet.append(["Opening talk", "Ana Smith", dt.date(2027, 6, 14), dt.time(9), dt.time(9, 30)])
    sheet.append(["Closing talk", "Bo Jones", dt.datetime(1900, 1, 1), dt.time(0), dt.time(0)])
    book.save(tmp_path / "zero.xlsx")
    imported = table.read(tmp_path / "zero.xlsx", Options())
    assert [d["date"] for d in imported.documents["programme.yaml"]["days"]] == [dt.date(2027, 6, 14)]
    assert imported.documents["conference.yaml"]["dates"] == {"start": D(2027, 6, 14), "end": D(2027, 6, 14)}
    assert any("no date for 'Closing talk'" in note for note in imported.notes)


def test_a_posters_track_is_its_topic_and_a_source_without_people_says_so(tmp_path):
    """Indico's abstracts export names a poster's track ("Accepted track", else "Submitted for tracks"), which was
    left out: it is the poster's topic, a heading over its posters. A source with no speakers at all said "0 of 0
    speakers without affiliation; 46 speakers named by a placeholder"."""
    from click.testing import CliRunner

    from booklet.cli import main

    rows = [["Id", "Title", "State", "Accepted track", "Submitted for tracks", "Accepted type"],
            ["1", "Charm flow", "Accepted", "Heavy flavour", "Heavy flavour", "Poster"],
            ["2", "Jets", "Accepted", "", "Jet modification", "Poster"],
            ["3", "A talk", "Accepted", "", "Jet modification", "Oral presentation"]]
    source = write_csv(tmp_path / "abstracts.csv", rows)
    imported = table.read(source, Options())
    assert [(p["title"], p.get("topic")) for p in imported.documents["posters.yaml"]] == [
        ("Charm flow", "Heavy flavour"), ("Jets", "Jet modification")]
    assert "topic" not in imported.documents["abstracts.yaml"][0]
    mapped = write_csv(tmp_path / "m.csv", [["Title", "Speaker", "Kind", "Field"],
                                            ["Optics", "Ana", "Poster", "Lenses"]])
    assert table.read(mapped, Options(columns={"Topic": "Field"})).documents["posters.yaml"][0]["topic"] == "Lenses"
    result = CliRunner().invoke(main, ["import", str(source), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].endswith(
        "1 talk, 0 tutorials, 2 posters, 0 days; no speakers in the source: 3 placeholders to write in: 'TBA' "
        "(3 times).")


def test_a_conftool_contribution_at_24_00_is_in_the_night_after_its_day(tmp_path):
    """(As a row's "24:00": the wide export's contribution starting "2023-09-22 24:00" was 00:00 that morning.)"""
    rows = conftool_rows()
    night = ["70", "NA", "Nachtkonzert", "normal", "", "2023-09-22 23:30", "2023-09-23 01:00", "Aula",
             "", "", "", "", "1",
             "300", "2023-09-22 24:00", "2023-09-23 00:30", "Vortrag", "Accepted", "Kuhl, Jan Esra", "HfM Freiburg",
             "", "Mitternacht", ""] + [""] * 10
    imported = table.read(write_csv(tmp_path / "sessions.csv", rows + [night], ";"), Options())
    [day] = imported.documents["programme.yaml"]["days"]
    assert day["date"] == D(2023, 9, 22)
    assert day["items"][-1]["session"] == "Nachtkonzert"
    assert day["items"][-1]["items"] == [{"time": "00:00-00:30", "talk": "c300"}]


def test_a_conftool_session_or_contribution_ending_before_it_starts_is_said_so(tmp_path):
    """A ConfTool session from "16:00" to "14:30" was imported with its start alone and no word, and so was a
    contribution of its p1_ columns (a row of the long form already had the note): which time is right cannot be told,
    so the note names the line, the column group and both cells, as a row's does. An end at the start is named the
    same; an end on a later date (a night's session, 23:30 to 01:00 the next day) is an end."""
    rows = conftool_rows()
    rows[1][5:7] = ["2023-09-22 16:00", "2023-09-22 14:30"]  # the session
    rows[1][14:16] = ["2023-09-22 15:00", "2023-09-21 15:30"]  # p1_: its end a day before its start
    rows[1][24:26] = ["2023-09-22 15:00", "2023-09-22 15:00"]  # p2_: its end at its start
    night = ["70", "NA", "Nachtkonzert", "normal", "", "2023-09-22 23:30", "2023-09-23 01:00", "Aula",
             "", "", "", "", "1",
             "300", "2023-09-22 23:30", "2023-09-23 00:30", "Vortrag", "Accepted", "Kuhl, Jan Esra", "HfM Freiburg",
             "", "Mitternacht", ""] + [""] * 10
    imported = table.read(write_csv(tmp_path / "sessions.csv", rows + [night], ";"), Options())
    assert [n for n in imported.notes if "starts" in n] == [
        "line 2: 'Analyse I' ends before it starts ('2023-09-22 16:00' to '2023-09-22 14:30'): it has no end time; "
        "correct one of them",
        "line 2, p1_: 'Reichas Fugen' ends before it starts ('2023-09-22 15:00' to '2023-09-21 15:30'): it has no end "
        "time; correct one of them",
        "line 2, p2_: 'KoALa' ends as it starts ('2023-09-22 15:00' to '2023-09-22 15:00'): it has no end time; "
        "correct one of them"]
    [day] = imported.documents["programme.yaml"]["days"]
    session = next(s for i in day["items"] for s in i.get("parallel", [i]) if s.get("session") == "Analyse I")
    assert session["items"] == [{"time": "15:00", "talk": "c130"}, {"time": "15:00", "talk": "c104"}]
    assert day["items"][-1]["items"] == [{"time": "23:30-00:30", "talk": "c300"}]


@pytest.mark.parametrize("date", ["2023-09-21", "2023-09-23"])
def test_a_conftool_contribution_dated_off_its_sessions_day_is_refused_naming_it(tmp_path, date):
    """A p1_ contribution dated a day before (or after) the day of its session (2023-09-22) was imported on a day of
    its own, its session printed in two halves on two days, without a word. Which date is right cannot be told: as a
    schedule's event away from its day, it is refused, naming the line, the column group, the title, its date and time
    and the session's day; exit 1, nothing written. A contribution the night after its session's day is imported."""
    rows = conftool_rows()
    rows[1][14:16] = [f"{date} 14:30", f"{date} 15:00"]
    path = write_csv(tmp_path / "sessions.csv", rows, ";")
    expected = (f"{path}: line 2, p1_ ('Reichas Fugen'): its date and time '{date} 14:30' is not on the day of its "
                "session 'Analyse I' (2023-09-22) nor the night after; correct one of them in the export")
    refused_on_import(table.read, path, expected, tmp_path / "out")


@pytest.mark.parametrize("session, refused", [(("14:30", "16:00"), True), (("19:00", "22:00"), False)])
def test_a_conftool_contribution_in_the_night_after_an_afternoon_session_is_refused(tmp_path, session, refused):
    """A p1_ contribution at 00:30 the day after its session's day was taken as that night's whatever the session's
    times: in "Analyse I", 14:30-16:00, it was printed at the end of that day's evening. The night after is a
    session's only where it runs into it (ends from 18:00, or past midnight): an evening session's contribution is
    imported, in it; an afternoon's is refused, naming the line, the column group, the title, its date and time and
    the session's day and times; exit 1, nothing written."""
    rows = conftool_rows()
    rows[1][5:7] = [f"2023-09-22 {session[0]}", f"2023-09-22 {session[1]}"]
    rows[1][14:16] = ["2023-09-23 00:30", "2023-09-23 00:50"]
    path = write_csv(tmp_path / "sessions.csv", rows, ";")
    if not refused:
        [day] = table.read(path, Options()).documents["programme.yaml"]["days"]
        session_items = next(s for i in day["items"] for s in i.get("parallel", [i]) if s.get("session") == "Analyse I")
        assert {"time": "00:30-00:50", "talk": "c130"} in session_items["items"]
        return
    expected = (f"{path}: line 2, p1_ ('Reichas Fugen'): its date and time '2023-09-23 00:30' is in the night after "
                "the day of its session 'Analyse I' (2023-09-22), which runs 14:30-16:00 and not into the night; "
                "correct one of them in the export")
    refused_on_import(table.read, path, expected, tmp_path / "out")


@pytest.mark.parametrize("runs, said", [
    ((dt.time(9, 15), None), "which runs from 09:15 and not into the night"),
    ((None, dt.time(16, 0)), "which runs until 16:00 and not into the night"),
    ((dt.time(22, 0), dt.time(0, 0)), None), ((None, dt.time(0, 0)), None), ((dt.time(14, 0), None), None),
    ((None, None), None)])
def test_a_sessions_night_is_told_by_what_it_gives_of_its_times(runs, said):
    """A session with a start only runs into the night when it starts from 13:00; one ending at 00:00 (its "24:00")
    does; one of unknown times may (as before). The refusal names what the session gives of its times (an end alone
    had its missing start formatted: a traceback)."""
    from booklet.importers.assemble import off_its_day, off_its_day_said

    day, night = dt.date(2023, 9, 22), (dt.date(2023, 9, 23), dt.time(1, 30))
    assert off_its_day(*night, day, runs) is (said is not None)
    if said:
        assert off_its_day_said("s.csv", "line 2", "T", ("start", "2023-09-23 01:30"), "S", day, night, runs) == (
            f"s.csv: line 2 ('T'): its start '2023-09-23 01:30' is in the night after the day of its session 'S' "
            f"(2023-09-22), {said}; correct one of them in the export")


def test_one_helper_checks_and_words_an_entry_off_its_day():
    """aclpub2, Indico and the spreadsheets checked an entry off its session's day and worded the refusal apart (Indico
    copied the wording by hand for an entry a day lists): one helper does both, naming the session, or what lists
    the entry; an entry on its day, or in the night after a session running into it, passes."""
    from booklet.importers import SourceError
    from booklet.importers.assemble import refuse_off_its_day

    day, said = dt.date(2023, 9, 22), ("start", "2023-09-20 10:00")
    refuse_off_its_day("s.csv", "line 2", "T", said, (day, dt.time(10, 0)), day, (dt.time(9, 0), None), "S")
    refuse_off_its_day("s.csv", "line 2", "T", said, (dt.date(2023, 9, 23), dt.time(1, 0)), day,
                       (dt.time(20, 0), None), "S")
    with pytest.raises(SourceError) as told:
        refuse_off_its_day("s.csv", "line 2", "T", said, (dt.date(2023, 9, 20), dt.time(10, 0)), day,
                           (dt.time(9, 0), None), "S")
    assert str(told.value) == ("s.csv: line 2 ('T'): its start '2023-09-20 10:00' is not on the day of its session "
                               "'S' (2023-09-22) nor the night after; correct one of them in the export")
    with pytest.raises(SourceError) as told:
        refuse_off_its_day("e.json", "entry c1", "T", said, (dt.date(2023, 9, 20), dt.time(10, 0)), day,
                           lists="the day that lists it")
    assert str(told.value) == ("e.json: entry c1 ('T'): its start '2023-09-20 10:00' is not on the day that lists it "
                               "(2023-09-22) nor the night after; correct one of them in the export")


def test_a_workbook_of_a_sheet_per_day_is_read_whole(tmp_path):
    """A fuzzing run: three sheets, Monday to Wednesday, with the same columns gave "3 talks ... read sheet 'Monday'":
    6 of the 9 talks were left out without a word. Every later sheet under the same header is read after the first;
    a sheet with a title column under other columns is named as not read."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.remove(book.active)
    for d, day in enumerate(("Monday", "Tuesday", "Wednesday")):
        sheet = book.create_sheet(day)
        sheet.append(["Title", "Speaker", "Date", "Time", "Duration"])
        for k in range(3):
            sheet.append([f"Talk {day} {k}", f"Speaker {d}{k}", dt.date(2027, 9, 13 + d), dt.time(9 + k), 30])
    book["Tuesday"]["G5"] = "a note beside the table"  # (the sheet's rows one cell wider: its header too)
    other = book.create_sheet("Posters")
    other.append(["Board", "Title", "Author"])
    other.append([1, "A poster", "Poster Person"])
    book.save(tmp_path / "week.xlsx")
    imported = table.read(tmp_path / "week.xlsx", Options())
    titles = [a["title"] for a in imported.documents["abstracts.yaml"]]
    assert titles == [f"Talk {day} {k}" for day in ("Monday", "Tuesday", "Wednesday") for k in range(3)]
    assert [day["date"] for day in imported.documents["programme.yaml"]["days"]] == [D(2027, 9, 13 + d)
                                                                                    for d in range(3)]
    assert "read sheets 'Monday', 'Tuesday', 'Wednesday'" in imported.notes
    assert "sheet(s) 'Posters' also have a title column, under other columns: not read (import each as a workbook " \
           "or CSV of its own)" in imported.notes
    book["Tuesday"].append(["Broken", "Ana", "not a date", None, None])
    book.save(tmp_path / "week.xlsx")
    assert "sheet 'Tuesday', row 6: no date for 'Broken' ('not a date' is not one); left out of the programme" \
        in table.read(tmp_path / "week.xlsx", Options()).notes  # (where a row is: its own sheet's)


GERMAN_TEXT = ("Die Musiktheorie des achtzehnten Jahrhunderts beschäftigt sich beispielsweise mit der Frage, wie "
               "Akkorde miteinander verbunden werden und welche Regeln dabei gelten. Der Vortrag zeigt an Beispielen "
               "aus den Lehrbüchern der Zeit, wie sich diese Regeln im Unterricht verändert haben.")
ENGLISH_TEXT = ("This paper examines how eighteenth-century treatises taught the connection of chords, and how the "
                "rules they gave changed in the classroom over the century. Examples from the textbooks of the time "
                "show what the students were asked to write and why.")


def test_a_source_that_never_says_its_language_has_it_read_from_the_texts(tmp_path):
    """GMTH's ConfTool export (80 abstracts, about 60 in German) has no language column: the booklet was English,
    its German words hyphenated by English patterns ("beis-pielsweise"). The texts' languages are read (py3langid):
    the booklet's is that of most, and a text in another has its own; a short text is left without one."""
    rows = [["Title", "Speaker", "Abstract"]]
    rows += [[f"Akkordverbindungen {n}", f"Anna Muster{n}", GERMAN_TEXT] for n in range(3)]
    rows += [["Chord connections", "Ann Example", ENGLISH_TEXT], ["Kurz", "Kai Kurz", "Ein kurzer Text."]]
    imported = table.read(write_csv(tmp_path / "gmth.csv", rows), Options())
    docs = imported.documents
    assert docs["conference.yaml"]["language"] == "de"
    assert [a.get("language") for a in docs["abstracts.yaml"]] == [None, None, None, "en", None]
    assert "the source says no language: read from the texts, 3 in de, 1 in en (1 too short or too mixed to tell); " \
           "the booklet's language is that of most, and a text in another has its own `language`" in imported.notes
    rows = [["Title", "Speaker", "Abstract"], ["Chord connections", "Ann Example", ENGLISH_TEXT]]
    english = table.read(write_csv(tmp_path / "en.csv", rows), Options())
    assert "language" not in english.documents["conference.yaml"] and not any("no language" in n for n in english.notes)


def test_texts_each_too_short_to_tell_their_language_are_read_together(tmp_path):
    """A LOC's German spreadsheet of short abstracts (a few lines each, under LEAST characters) imported as an
    English booklet ("Programme", "Wednesday 6 October"): no text was long enough to read alone. Read together,
    they are German; English ones together say nothing (the default), nor do a few words."""
    sentences = GERMAN_TEXT.split(". ")
    rows = [["Titel", "Autoren", "Zusammenfassung"]]
    rows += [[f"Akkorde {n}", f"Anna Muster{n}", sentence + "."] for n, sentence in enumerate(sentences)]
    imported = table.read(write_csv(tmp_path / "kurz.csv", rows), Options())
    assert imported.documents["conference.yaml"]["language"] == "de"
    assert [a.get("language") for a in imported.documents["abstracts.yaml"]] == [None] * len(sentences)
    assert "the source says no language: its texts, each too short to tell alone, read together are in de, the " \
           "booklet's language" in imported.notes
    rows = [["Title", "Speaker", "Abstract"]] + [[f"Chords {n}", f"Ann Example{n}", sentence + "."]
                                                 for n, sentence in enumerate(ENGLISH_TEXT.split(". "))]
    english = table.read(write_csv(tmp_path / "short.csv", rows), Options())
    assert "language" not in english.documents["conference.yaml"] and not any("no language" in n for n in english.notes)
    few = table.read(write_csv(tmp_path / "few.csv", [["Titel", "Autoren", "Zusammenfassung"],
                                                      ["Kurz", "Kai Kurz", "Ein kurzer Text."]]), Options())
    assert "language" not in few.documents["conference.yaml"]


@pytest.mark.parametrize("header", [["Room", "Day", "Date", "Start", "Duration", "Title", "Speakers"],
                                    ["Speakers", "Title", "Duration", "Start", "Date", "Day", "Room"]])
def test_of_a_day_number_and_a_date_column_the_dates_are_read_whatever_their_order(tmp_path, header):
    """gpn11's spreadsheet with its Day column before its Date: the day's number was read as the date, and all 29
    talks lost their days ("no date for 'What to hack' ('1')")."""
    values = [{"Room": "Studio", "Day": "1", "Date": "2011-06-23", "Start": "19:00", "Duration": "1:30",
               "Title": "What to hack", "Speakers": "Ana Smith"},
              {"Room": "Studio", "Day": "2", "Date": "2011-06-24", "Start": "10:00", "Duration": "0:30",
               "Title": "Second", "Speakers": "Bo Jones"}]
    path = write_csv(tmp_path / "talks.csv", [header] + [[row[h] for h in header] for row in values])
    imported = table.read(path, Options())
    days = imported.documents["programme.yaml"]["days"]
    assert [str(day["date"]) for day in days] == ["2011-06-23", "2011-06-24"]
    assert [day["items"][0]["time"] for day in days] == ["19:00-20:30", "10:00-10:30"]
    assert not [note for note in imported.notes if "no date" in note]


def test_a_row_with_a_date_and_no_start_is_named_in_the_notes(tmp_path):
    path = write_csv(tmp_path / "talks.csv", [["Title", "Speaker", "Date", "Start", "Duration"],
                                             ["Timed", "Ana Smith", "2027-05-06", "10:00", "30"],
                                             ["ENTE", "Bo Jones", "2027-05-06", "", "30"]])
    imported = table.read(path, Options())
    assert ("1 item(s) have a date but no start time: listed last in their day, with no time (write theirs in "
            "programme.yaml) ('ENTE')") in imported.notes


def test_poster_board_codes_with_letters_are_named_in_the_notes(tmp_path):
    path = write_csv(tmp_path / "posters.csv", [["Title", "Authors", "Type", "Board number"],
                                                ["One", "Ann A", "Poster", "A7"], ["Two", "Ben B", "Poster", "B7"],
                                                ["Three", "Cy C", "Poster", "12"]])
    imported = table.read(path, Options())
    assert [p["number"] for p in imported.documents["posters.yaml"]] == [7, 7, 12]
    assert ("2 poster board code(s) with more than a number in them: a poster's number is the number in its code "
            "(posters.yaml's `number` is a whole number); check them ('A7' is 7, 'B7' is 7)") in imported.notes


def test_a_workshops_presenters_are_those_marked_presenting_when_some_are(tmp_path):
    """gmth2023's ConfTool export: a workshop whose presenting author is Finkensiep listed both its authors as
    presenters."""
    path = write_csv(tmp_path / "talks.csv", [["Title", "Authors", "Presenting author", "Type"],
                                             ["Notation lab", "Finkensiep, Christoph; Rohrmeier, Martin",
                                              "Finkensiep, Christoph", "Workshop"],
                                             ["Both teach", "Smith, Ana; Jones, Bo", "", "Workshop"]])
    imported = table.read(path, Options())
    tutorials = {t["title"]: [p["name"] for p in t["presenters"]] for t in imported.documents["tutorials.yaml"]}
    assert tutorials == {"Notation lab": ["Christoph Finkensiep"], "Both teach": ["Ana Smith", "Bo Jones"]}
    # the co-author who does not present it is its author, printed under its presenters (he was left out)
    assert [t.get("authors") for t in imported.documents["tutorials.yaml"]] == [[{"name": "Martin Rohrmeier"}], None]
    assert ("1 author(s) of tutorials or workshops that the source does not mark as presenting them, listed as their "
            "co-authors (`authors`): move those who lead one to its presenters in tutorials.yaml ('Martin Rohrmeier "
            "(Notation lab)')") in imported.notes


def _times(imported) -> list[tuple[dt.date, str]]:
    return [(day["date"], item.get("time")) for day in imported.documents["programme.yaml"]["days"]
            for item in day["items"]]


@pytest.mark.parametrize("cell", ["09:00-09:20", "9.00 \u2013 9.20", "09:00 to 09:20"])
def test_a_time_range_in_the_start_column_is_the_start_and_the_end(tmp_path, cell):
    """An import review: '09:00-09:20' in a Time (start) column gave 09:20, its end, as the start, without a word."""
    rows = [["Title", "Speaker", "Date", "Time"], ["Talk", "Ana Smith", "2027-09-13", cell],
            ["Later", "Bo Jones", "2027-09-13", "10:00"]]
    imported = table.read(write_csv(tmp_path / "p.csv", rows), Options())
    assert _times(imported) == [(D(2027, 9, 13), "09:00-09:20"), (D(2027, 9, 13), "10:00")]


def test_a_date_time_with_an_offset_is_its_clock_as_written_or_in_the_zone_asked_for(tmp_path):
    """An import review: 2024-03-05T09:00:00+01:00 gave 01:00 (the offset read as the clock); ...Z and +0100, no
    time at all. The clock as written, or with --timezone, the time in that zone (and its date)."""
    rows = [["Title", "Speaker", "Start", "End"],
            ["T1", "Ana Smith", "2024-03-05T09:00:00+01:00", "2024-03-05T09:20:00+01:00"],
            ["T2", "Bo Jones", "2024-03-05T09:30:00Z", "2024-03-05T09:50:00Z"],
            ["T3", "Cy Li", "2024-03-05 10:00:00+0100", "2024-03-05 10:20:00+0100"],
            ["T4", "Di Wu", "2024-03-05T23:30:00Z", ""]]
    path = write_csv(tmp_path / "p.csv", rows)
    day = D(2024, 3, 5)
    assert _times(table.read(path, Options())) == [(day, "09:00-09:20"), (day, "09:30-09:50"), (day, "10:00-10:20"),
                                                   (day, "23:30")]
    assert _times(table.read(path, Options(timezone="Europe/Berlin"))) == [
        (day, "09:00-09:20"), (day, "10:00-10:20"), (day, "10:30-10:50"), (D(2024, 3, 6), "00:30")]


def test_a_date_written_on_a_day_s_first_row_alone_is_the_date_of_the_rows_below(tmp_path):
    """An import review: a date written once a day (or merged down the day's rows in a workbook) left every row
    below it out of the programme, and a coffee break became an abstract."""
    rows = [["Date", "Start", "End", "Title", "Speaker"], ["2024-03-05", "09:00", "09:30", "First talk", "Ana Smith"],
            ["", "09:30", "10:00", "Second talk", "Bo Jones"], ["", "10:00", "10:30", "Coffee break", ""],
            ["2024-03-06", "09:00", "09:30", "Next day", "Cy Li"], ["", "", "", "Unscheduled", "Di Wu"]]
    imported = table.read(write_csv(tmp_path / "p.csv", rows), Options())
    assert _times(imported) == [(D(2024, 3, 5), "09:00-09:30"), (D(2024, 3, 5), "09:30-10:00"),
                                (D(2024, 3, 5), "10:00-10:30"), (D(2024, 3, 6), "09:00-09:30")]
    assert "2 row(s) with a time and no date took the date of the row above (a date written once a day, or in " \
           "merged cells)" in imported.notes
    assert [a["title"] for a in imported.documents["abstracts.yaml"]][-1] == "Unscheduled"


def test_slashed_dates_no_number_over_twelve_tells_are_read_as_the_days_closest_together(tmp_path):
    """An import review: 3/5/2024 and 3/6/2024 (a US spreadsheet's two days of a March conference) were read
    day-first, 3 May and 3 June. With no number over 12 to tell, the reading that puts the days closer wins;
    day-first when both are alike."""
    rows = [["Title", "Speaker", "Date", "Start"], ["A", "Ana Smith", "3/5/2024", "9:00"],
            ["B", "Bo Jones", "3/6/2024", "9:00"]]
    assert [d for d, _ in _times(table.read(write_csv(tmp_path / "us.csv", rows), Options()))] == [
        D(2024, 3, 5), D(2024, 3, 6)]
    rows[1][2], rows[2][2] = "5/3/2024", "6/3/2024"
    assert [d for d, _ in _times(table.read(write_csv(tmp_path / "eu.csv", rows), Options()))] == [
        D(2024, 3, 5), D(2024, 3, 6)]
    rows[2][2] = "5/3/2024"
    assert [d for d, _ in _times(table.read(write_csv(tmp_path / "one.csv", rows), Options()))] == [
        D(2024, 3, 5), D(2024, 3, 5)]


def test_decomposed_names_and_affiliations_are_written_composed(tmp_path):
    """An import review: a source's decomposed (NFD) "Universita\u0308t Zu\u0308rich" was written as it came, and check
    then said "'Universität Zürich' is also written 'Universität Zürich' (accents differ)". What an import writes
    is NFC."""
    import unicodedata

    from click.testing import CliRunner

    from booklet.cli import main

    nfd = lambda text: unicodedata.normalize("NFD", text)  # noqa: E731
    rows = [["Title", "Speaker", "Affiliation"], [nfd("Über Zürich"), nfd("Jürgen Müller"), nfd("Universität Zürich")],
            ["Second", "Zoë Dvořák", "Universität Zürich"]]
    result = CliRunner().invoke(main, ["import", str(write_csv(tmp_path / "a.csv", rows)), "--out",
                                       str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    written = (tmp_path / "out" / "abstracts.yaml").read_text("utf-8")
    assert "Jürgen Müller" in written and "Über Zürich" in written and written.count("Universität Zürich") == 2
    assert written == unicodedata.normalize("NFC", written) and "accents differ" not in result.output


def test_lines_held_at_the_same_time_in_other_rooms_are_set_side_by_side_by_room(tmp_path):
    """An import review of a ConfTool export: two meetings 15:00-19:00 in two rooms were listed one after the other,
    and check warned of overlaps "in the same track". Lines with no session held at once in other rooms are a
    parallel block, a column per room (a room's later line in its column)."""
    rows = [["Title", "Type", "Date", "Start", "End", "Room", "Speaker"],
            ["Opening", "Talk", "2027-09-13", "09:00", "10:00", "Hall", "Ana Smith"],
            ["Working group A", "Talk", "2027-09-13", "15:00", "19:00", "Room 117", "Bo Jones"],
            ["Working group B", "Talk", "2027-09-13", "15:00", "17:00", "Room 118", "Cy Li"],
            ["Board meeting", "Talk", "2027-09-13", "17:30", "18:30", "Room 118", "Di Wu"],
            ["Dinner", "Social event", "2027-09-13", "20:00", "22:00", "Hall", ""]]
    imported = table.read(write_csv(tmp_path / "p.csv", rows), Options())
    items = imported.documents["programme.yaml"]["days"][0]["items"]
    # (the dinner, of the type "Social event": a social line)
    assert [list(item) for item in items] == [["time", "talk", "room"], ["parallel"], ["time", "title", "kind", "room"]]
    assert [(s["session"], s.get("room"), [i["time"] for i in s["items"]]) for s in items[1]["parallel"]] == [
        ("Room 117", "Room 117", ["15:00-19:00"]), ("Room 118", "Room 118", ["15:00-17:00", "17:30-18:30"])]
    assert all("room" not in i for s in items[1]["parallel"] for i in s["items"])


def test_a_workbook_saved_with_a_csv_name_is_read_as_the_workbook_it_is(tmp_path):
    """An import review: an XLSX saved as `.csv` was recognised as a workbook, then refused: "not a readable XLSX
    workbook (InvalidFileException: openpyxl does not support .csv file format ...)"."""
    from booklet.importers import read

    made = write_xlsx(tmp_path / "programme.xlsx")
    named = tmp_path / "programme.csv"
    named.write_bytes(made.read_bytes())
    options = Options(columns={"Title": "paper NAME"})
    assert read(named, options).format == "xlsx"
    assert read(named, options).documents == read(made, options).documents


def test_a_row_with_a_text_and_no_speaker_keeps_its_abstract(tmp_path):
    """A blank speaker cell does not lose the row's abstract: it is an abstract whose speaker is 'TBA' (to be
    written in), as a schedule's is; a row with neither speaker nor text is a line of the programme."""
    rows = [["Title", "Speaker", "Date", "Start", "End", "Room", "Abstract"],
            ["Alpha talk", "Ana Smith", "2027-03-04", "09:00", "09:30", "R1", "First abstract."],
            ["Beta talk", "", "2027-03-04", "09:30", "10:00", "R1", "A long abstract that is not to be lost."],
            ["Opening", "", "2027-03-04", "08:45", "09:00", "R1", ""]]
    imported = table.read(write_csv(tmp_path / "talks.csv", rows), Options())
    abstracts = {a["title"]: a for a in imported.documents["abstracts.yaml"]}
    assert abstracts["Beta talk"]["abstract"] == "A long abstract that is not to be lost."
    assert abstracts["Beta talk"]["speaker"] == {"name": "TBA"}
    assert "Opening" not in abstracts
    items = imported.documents["programme.yaml"]["days"][0]["items"]
    assert items[0] == {"time": "08:45-09:00", "title": "Opening", "room": "R1"}
    assert "1 contribution(s) name no speaker or author: their speaker is 'TBA' until you write one in " \
           "('Beta talk')" in imported.notes
    read_back(imported, tmp_path / "folder")


def test_a_talk_beside_others_without_a_room_is_named_by_its_title_and_noted(tmp_path):
    """Two talks at once, one with no room: the one without is a session of its own named by its title (cut after
    a word past 80 characters), never '–', and a note asks for its room."""
    long_title = "Gamma talk on " + "very " * 30 + "long things"
    rows = [["Title", "Speaker", "Date", "Start", "End", "Room", "Abstract"],
            ["Alpha talk", "Ana Smith", "2027-03-04", "09:00", "09:30", "R1", "First abstract."],
            [long_title, "Bo Chen", "2027-03-04", "09:00", "09:30", "", "Gamma abstract."]]
    imported = table.read(write_csv(tmp_path / "talks.csv", rows), Options())
    sessions = imported.documents["programme.yaml"]["days"][0]["items"][0]["parallel"]
    assert [s["session"] for s in sessions] == ["R1", "Gamma talk on " + "very " * 12 + "very…"]
    assert "room" not in sessions[1]
    assert [n for n in imported.notes if "no room" in n] == [
        "1 item(s) held beside others have no room: each is a session of its own beside them, named by its title; "
        f"write its room in programme.yaml ('{long_title}')"]
    read_back(imported, tmp_path / "folder")


def test_a_long_word_with_no_space_is_read_at_once(tmp_path):
    """An abstract of 300,000 letters with no space (a fuzzing run): the look for email addresses (left out when
    the text's language is read) starts at a word's start only; it was tried at every letter, and the import ran
    for about twenty minutes before it said the text is too long. A hang guard, not a speed target: the import runs
    in a process of its own that is stopped after 60 s."""
    import subprocess
    import sys

    from booklet.importers.languages import _NOT_WORDS

    assert _NOT_WORDS.sub("|", "write to ana@x.org or (bo@y.org) now") == "write to | or | now"
    path = write_csv(tmp_path / "big.csv", [["Title", "Abstract", "Speaker"], ["T", "x" * 300_000, "Ana Smith"]])
    done = subprocess.run([sys.executable, "-m", "booklet", "import", str(path), "--out", str(tmp_path / "out")],
                          capture_output=True, text=True, timeout=60, env={**os.environ, "BOOKLET_CACHE": "off"})
    assert done.returncode == 1
    assert "'T' (id t), abstract: too long: 300,000 characters, and a text holds at most 100,000" in done.stderr
    assert not (tmp_path / "out").exists()


def test_a_sheets_date_cell_is_no_time_and_its_numbers_are_dates_and_times(tmp_path):
    """An XLSX date cell is a date-time at midnight: a row with no start is listed without a time (it was put at
    00:00, first in its day, with no note); a start cell that is no time says so. Dates and times kept as the numbers
    a spreadsheet keeps them as ("General" cells, or a CSV saved from them: 40717, 0.375, "40718,5") are read."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Title", "Abstract", "Speaker", "Date", "Start", "End"])
    sheet.append(["T1", "A", "Ana Smith", dt.date(2027, 6, 14), dt.time(9, 0), dt.time(9, 30)])
    sheet.append(["T2", "A", "Bo Smith", dt.date(2027, 6, 14), None, None])
    sheet.append(["T3", "A", "Cy Smith", dt.date(2027, 6, 14), "TBD", None])
    sheet.append(["T4", "A", "Di Smith", dt.date(2027, 6, 14), 0.4375, None])
    book.save(tmp_path / "a.xlsx")
    imported = table.read(tmp_path / "a.xlsx", Options())
    items = imported.documents["programme.yaml"]["days"][0]["items"]
    assert items == [{"time": "09:00-09:30", "talk": "t1"}, {"time": "10:30", "talk": "t4"}, {"talk": "t2"},
                     {"talk": "t3"}]
    assert "sheet 'Sheet', row 4: 'TBD' is not a time; 'T3' has no time" in imported.notes
    rows = [["Title", "Speaker", "Date", "Start", "End"], ["What to hack", "Ana Smith", "40717", "0.375", "0,40625"],
            ["Next", "Bo Chen", "40718", "40718,5", ""]]
    days = table.read(write_csv(tmp_path / "s.csv", rows), Options()).documents["programme.yaml"]["days"]
    assert [(d["date"], d["items"][0]["time"]) for d in days] == [(dt.date(2011, 6, 23), "09:00-09:45"),
                                                                   (dt.date(2011, 6, 24), "12:00")]


def test_images_in_a_rows_text_are_left_out_and_said_so(tmp_path):
    """An image in a cell's HTML or Markdown is left out of the text (it prints its words): the import says so, as
    it does for a schedule's (a fuzzing run found them dropped silently)."""
    rows = [["Title", "Abstract", "Speaker"],
            ["S", '<p>We present.</p><p><img src="https://x.org/a.png" alt="fig"></p>', "Ana Smith"],
            ["T", "Text ![f](data:x) and ![g](y.png)", "Bo Chen"], ["U", "No picture.", "Cy Li"]]
    imported = table.read(write_csv(tmp_path / "img.csv", rows), Options())
    assert ("3 image(s) in the texts of 2 contribution(s), left out (a text prints its words; add a figure by hand "
            "as an extra page) ('S', 'T')") in imported.notes
    assert by_id(imported.documents["abstracts.yaml"])["s"]["abstract"] == "We present."


def test_a_duration_that_is_none_is_said_so(tmp_path):
    """A fuzzing run: a Duration of -20 or 1e308 was dropped with no word; it is named in a note, as a bad start
    is, and the item keeps its start alone."""
    rows = [["Title", "Speaker", "Date", "Start", "Duration"], ["A", "Ana Smith", "2027-03-04", "09:00", "-20"],
            ["B", "Bo Chen", "2027-03-04", "10:00", "1e308"], ["C", "Cy Li", "2027-03-04", "11:00", "30"],
            ["D", "Di Li", "2027-03-04", "12:00", ""]]
    imported = table.read(write_csv(tmp_path / "d.csv", rows), Options())
    assert [n for n in imported.notes if "duration" in n] == [
        "line 2: '-20' is not a duration (minutes, or hours and minutes, within a day); 'A' has no end time",
        "line 3: '1e308' is not a duration (minutes, or hours and minutes, within a day); 'B' has no end time"]
    times = [item["time"] for item in imported.documents["programme.yaml"]["days"][0]["items"]]
    assert times == ["09:00", "10:00", "11:00-11:30", "12:00"]


def test_social_types_are_social_lines_as_in_every_reader(tmp_path):
    """A spreadsheet's dinner was a break, and its reception, excursion and "Social event" types unknown: the
    spreadsheet reader had a table of type words of its own (one table now, kinds.TYPE_RULES)."""
    rows = [["Date", "Start", "End", "Title", "Speaker", "Type", "Room"],
            ["2024-03-04", "09:00", "10:00", "Talk A", "Ann Lee", "Talk", "R1"],
            ["2024-03-04", "12:00", "13:00", "Lunch", "", "Lunch", "Mensa"],
            ["2024-03-04", "18:00", "19:00", "Welcome", "", "Reception", "Foyer"],
            ["2024-03-04", "19:30", "22:00", "Gala", "", "Dinner", "Castle"],
            ["2024-03-05", "09:00", "10:00", "Talk B", "Bo Li", "Talk", "R1"],
            ["2024-03-05", "14:00", "18:00", "Boat trip", "", "Excursion", "Harbour"],
            ["2024-03-05", "19:00", "23:00", "Abend", "", "Konferenzdinner", "Ratskeller"],
            ["2024-03-05", "23:00", "23:30", "Evening", "", "Social event", "Pub"]]
    imported = table.read(write_csv(tmp_path / "s.csv", rows), Options())
    items = [item for day in imported.documents["programme.yaml"]["days"] for item in day["items"]]
    assert [(item["title"], item.get("kind")) for item in items if "talk" not in item] == [
        ("Lunch", "break"), ("Welcome", "social"), ("Gala", "social"), ("Boat trip", "social"),
        ("Abend", "social"), ("Evening", "social")]
    assert not any("no booklet kind" in note for note in imported.notes)


def test_xlsx_cells_merged_down_count_for_every_row_they_span(tmp_path):
    """A session, its chair and room written once in cells merged down the session's rows held for its first talk
    only: the others came out loose, without session or room. A title merged across the row fills no other column."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Day", "Time", "Session", "Chair", "Room", "Title", "Speaker"])
    sheet.append(["2024-03-04", "11:00-11:20", "Session A", "Kari Nordmann", "Room 101", "Talk one", "Ann Lee"])
    sheet.append([None, "11:20-11:40", None, None, None, "Talk two", "Bo Li"])
    sheet.append([None, "11:40-12:00", None, None, None, "Talk three", "Cy Wu"])
    sheet.append([None, "12:00-13:00", None, None, None, "Lunch", None])
    sheet.append([None, "13:00-13:30", None, None, None, "Poster flash", "Eva Berg"])
    sheet.append([None, "13:30-14:00", None, None, None, None, None])
    for columns in ("A2:A7", "C2:C4", "D2:D4", "E2:E4", "F5:G5", "F6:F7", "G6:G7"):
        sheet.merge_cells(columns)  # (a title merged down two half hours: one talk, not two)
    book.save(tmp_path / "p.xlsx")
    imported = table.read(tmp_path / "p.xlsx", Options())
    items = imported.documents["programme.yaml"]["days"][0]["items"]
    assert [(item.get("session"), item.get("chair"), item.get("room"), [i["talk"] for i in item.get("items", [])])
            for item in items] == [("Session A", "Kari Nordmann", "Room 101", ["talk-one", "talk-two", "talk-three"]),
                                   (None, None, None, []), (None, None, None, [])]
    assert items[1]["title"] == "Lunch" and "talk" not in items[1] and items[2]["talk"] == "poster-flash"
    assert len(imported.documents["abstracts.yaml"]) == 4
    assert ("11 empty cell(s) under cells merged down several rows (a session, a room, a chair written once for its "
            "rows) read as the merged cell's value") in imported.notes


@pytest.mark.parametrize("written", ["Monday 4 March 2024", "March 4th, 2024", "4 Mar 2024", "Mon 04.03.2024",
                                     "Mon, 2024-03-04", "Montag, 4. März 2024", "lundi 4 mars 2024",
                                     "4 de marzo de 2024", "4 March 2024, 9:30 am"])
def test_dates_written_with_the_months_name_or_a_weekday(tmp_path, written):
    """Dates a person types were not read: every row left out of the programme ("no date for ...")."""
    rows = [["Date", "Start", "End", "Title", "Speaker"],
            [written, "09:00", "09:30", "Opening", "Ann Lee"],
            ["", "09:30", "10:00", "Second", "Bo Li"]]
    imported = table.read(write_csv(tmp_path / "d.csv", rows), Options())
    days = imported.documents["programme.yaml"]["days"]
    assert [(day["date"], len(day["items"])) for day in days] == [(D(2024, 3, 4), 2)]


def test_a_cell_that_names_no_single_date_is_none():
    for text in ("Talk about March 2024", "4 March", "3 May 2024 and 4 May 2024", "May the force 4 2024", "TBD"):
        assert table.named_date(text) is None, text
    assert table.named_date("31 February 2024") is None
    # (a review: French and Spanish weekdays' abbreviations are months' in another language: "mar." is mardi here)
    assert table.named_date("mar. 4 juin 2024") == D(2024, 6, 4) and table.named_date("lun. 3 juin 2024") == D(2024, 6, 3)
    assert table.named_date("Mar 4 2024") == D(2024, 3, 4)


def test_an_update_takes_a_renamed_talk_for_the_same_talk(tmp_path):
    """A spreadsheet has no ids: they are made from the titles. A title corrected in the sheet gave a new id, so
    `--update` added the talk again beside the LOC's edited one ("Added: talk-one-revised", "No longer in the
    source, kept: talk-one"), both printed at 11:00. The same speakers at the same time are the same talk: its
    title changes, its id and the LOC's edits stay. A talk of other speakers there is another talk."""
    from click.testing import CliRunner

    from booklet.cli import main

    header = ["Date", "Start", "End", "Title", "Speaker", "Abstract"]
    rows = [["2024-03-04", "11:00", "11:20", "Talk one", "A. Smith; B. Jones", "First."],
            ["2024-03-04", "11:20", "11:40", "Talk two", "C. Brown", "Second."]]
    source, folder = tmp_path / "p.csv", tmp_path / "conf"
    write_csv(source, [header, *rows])
    assert CliRunner().invoke(main, ["import", str(source), "--out", str(folder)]).exit_code == 0
    abstracts = folder / "abstracts.yaml"
    abstracts.write_text(abstracts.read_text("utf-8").replace("First.", "First, as the LOC edited it."), "utf-8")
    rows[0][3], rows[1][3], rows[1][4] = "Talk one, revised", "Talk 2", "D. Green"
    write_csv(source, [header, *rows])
    result = CliRunner().invoke(main, ["import", str(source), "--out", str(folder), "--update"])
    assert result.exit_code == 0, result.output
    assert "abstracts.yaml: talk-one: title" in result.stdout
    written = yaml.safe_load(abstracts.read_text("utf-8"))
    assert [(a["id"], a["title"]) for a in written] == [
        ("talk-one", "Talk one, revised"), ("talk-two", "Talk two"), ("talk-2", "Talk 2")]  # (another speaker)
    assert "as the LOC edited it" in written[0]["abstract"]


def test_an_update_after_a_renamed_talk_updates_again(tmp_path):
    """Fuzzing: after an update took a renamed talk for the same talk (its id of the folder kept), the record held the
    source's new id, so every later --update of that folder failed: "programme.yaml:8: days[0].items[0].talk: no
    abstract with id 'talk-one-revised' (did you mean 'talk-one'?)", the same source again included. The record
    holds the ids as the folder has them: the same source again is nothing new; a later title change follows."""
    from click.testing import CliRunner

    from booklet.cli import main

    header = ["Date", "Start", "End", "Title", "Speaker", "Abstract"]
    rows = [["2024-03-04", "11:00", "11:20", "Talk one", "A. Smith; B. Jones", "First."],
            ["2024-03-04", "11:20", "11:40", "Talk two", "C. Brown", "Second."]]
    source, folder = tmp_path / "p.csv", tmp_path / "conf"
    write_csv(source, [header, *rows])
    assert CliRunner().invoke(main, ["import", str(source), "--out", str(folder)]).exit_code == 0
    abstracts = folder / "abstracts.yaml"
    abstracts.write_text(abstracts.read_text("utf-8").replace("First.", "First, as the LOC edited it."), "utf-8")
    rows[0][3] = "Talk one, revised"
    write_csv(source, [header, *rows])
    update = ["import", str(source), "--out", str(folder), "--update"]
    assert CliRunner().invoke(main, update).exit_code == 0
    result = CliRunner().invoke(main, update)
    assert result.exit_code == 0, result.output
    assert "Nothing new from the source since the last import." in result.stdout
    rows[0][3] = "Talk one, revised twice"
    write_csv(source, [header, *rows])
    result = CliRunner().invoke(main, update)
    assert result.exit_code == 0, result.output
    assert "abstracts.yaml: talk-one: title" in result.stdout
    written = yaml.safe_load(abstracts.read_text("utf-8"))
    assert [(a["id"], a["title"]) for a in written] == [("talk-one", "Talk one, revised twice"),
                                                        ("talk-two", "Talk two")]
    assert "as the LOC edited it" in written[0]["abstract"]
    assert [i["talk"] for i in yaml.safe_load((folder / "programme.yaml").read_text("utf-8"))["days"][0]["items"]] \
        == ["talk-one", "talk-two"]


def test_a_line_held_in_a_room_of_its_own_while_parallel_sessions_run_is_a_column_of_their_block(tmp_path):
    """A typesetter's review of GMTH's import: "14:30–17:00 Öffentliche Generalprobe" (its own room) followed the
    parallel sessions of 14:30–16:00, its time out of order. Such a line, begun while they run, is a column of the
    block, named by its room; a break during the sessions stays a line after them."""
    path = write_csv(tmp_path / "s.csv", [
        ["Title", "Speaker", "Session", "Room", "Date", "Start", "End", "Type"],
        ["A", "Ann Smith", "Session A", "R1", "2025-05-05", "14:30", "15:00", "Talk"],
        ["B", "Bo Lee", "Session B", "R2", "2025-05-05", "14:30", "15:00", "Talk"],
        ["Rehearsal", "", "", "Great Hall", "2025-05-05", "14:40", "17:00", "Other"],
        ["Coffee", "", "", "Foyer", "2025-05-05", "14:45", "15:00", "Break"],
        ["C", "Cy Ng", "Session C", "R1", "2025-05-05", "17:00", "17:20", "Talk"]])
    imported = table.read(path, Options())
    day, = imported.documents["programme.yaml"]["days"]
    block = day["items"][0]["parallel"]
    assert [(s["session"], s.get("room")) for s in block] == [("Session A", "R1"), ("Session B", "R2"),
                                                               ("Great Hall", "Great Hall")]
    assert block[2]["items"] == [{"time": "14:40-17:00", "title": "Rehearsal"}]
    assert [item.get("title") or item.get("session") for item in day["items"][1:]] == ["Coffee", "Session C"]
    assert len(read_back(imported, tmp_path / "folder").days) == 1


def test_a_cell_of_names_with_a_doubled_and_initials_after_each_name_or_et_al_is_read_as_written(tmp_path):
    """Fuzzing: "A and B and and C" gave a person "and C"; "Smith, J., Doe, J., et al." gave Smith, J., Doe and
    "al." (the French "et" read as "and"). A doubled "and" is one; names and initials taking turns are pairs; a
    closing "et al." names nobody, and the notes say that only the people named are imported."""
    path = write_csv(tmp_path / "names.csv", [["Title", "Speakers"], ["T3", "A and B and and C"],
                                              ["T4", "Smith, J., Doe, A. B., et al."], ["T5", "Ana Smith and others"],
                                              ["T6", "Iglesias Gonsálvez, Samuel"],
                                              # (fuzzing again: an "E" read as Italian "and", "Ł." as no initial)
                                              ["T7", "John E Smith, Maria Y Lopez"], ["T8", "Dvořák, Ł., Šimek, J."],
                                              ["T9", "Ann Lee, Bob Roe and etc"], ["T10", "A. Smith and and"],
                                              ["T11", "Ann Lee et al., Bob Roe"], ["T12", "Ana y Bo"],
                                              # (a review: "U. A." read as "u. a.", "& others" as a person,
                                              # initials without spaces or of another script in a name of two parts)
                                              ["T14", "Ana Smith & Bo Lee & others"],
                                              ["T15", "Dvořák, Ł."], ["T16", "Smith, A.B., Doe, C.D."],
                                              ["T17", "Ana Smith (presenting), Bo Lee (she/her)"]])
    imported = table.read(path, Options())
    names = {a["title"]: [p["name"] for p in a.get("authors") or [a["speaker"]]]
             for a in imported.documents["abstracts.yaml"]}
    assert names == {"T3": ["A", "B", "C"], "T4": ["J. Smith", "A. B. Doe"], "T5": ["Ana Smith"],
                     "T6": ["Samuel Iglesias Gonsálvez"], "T7": ["John E Smith", "Maria Y Lopez"],
                     "T8": ["Ł. Dvořák", "J. Šimek"], "T9": ["Ann Lee", "Bob Roe"], "T10": ["A. Smith"],
                     "T11": ["Ann Lee", "Bob Roe"], "T12": ["Ana", "Bo"],
                     "T14": ["Ana Smith", "Bo Lee"], "T15": ["Ł. Dvořák"], "T16": ["A.B. Smith", "C.D. Doe"],
                     "T17": ["Ana Smith (presenting)", "Bo Lee (she/her)"]}
    assert ("5 list(s) of authors end with 'et al.' (or 'and others') (line 3, line 4, line 8 ...): only the people "
            "named are imported; add the others to abstracts.yaml") in imported.notes
    path = write_csv(tmp_path / "semicolons.csv", [["Title", "Speakers"], ["T13", "Müller, U. A.; Schmidt, K."]])
    assert [p["name"] for p in table.read(path, Options()).documents["abstracts.yaml"][0]["authors"]] == [
        "U. A. Müller", "K. Schmidt"]


def test_a_family_name_joined_by_y_or_e_is_one_person_in_a_cell_of_family_names_first(tmp_path):
    """A Spanish or Portuguese family name joins its words with 'y' or 'e', which a cell of names reads between two
    people's too: "Ramón y Cajal, Santiago" was three authors (Ramón, Cajal, Santiago), "Ochoa, Severo, Ramón y
    Cajal, Santiago" five, and "Smith, Ana, Jones, Bo and Lee, Cy" six (an 'and' before the last of names written
    family name first). Each is one person a name, filed by the family name as written first (Santiago under R);
    a 'y' between names is still an 'and' ("López, Ana y Ruiz, Bo", "Ana, Bo y Cy"), in
    Indico's cells of names with affiliations as in a table's."""
    path = write_csv(tmp_path / "families.csv", [
        ["Title", "Authors"], ["T1", "Ramón y Cajal, Santiago"], ["T2", "Ramón y Cajal, Santiago; Ochoa, Severo"],
        ["T3", "Ochoa, Severo, Ramón y Cajal, Santiago"], ["T4", "da Silva e Souza, Maria and Smith, Ana"],
        ["T5", "López, Ana y Ruiz, Bo"], ["T6", "Smith, Ana, Jones, Bo and Lee, Cy"]])
    imported = table.read(path, Options())
    names = {a["title"]: [p["name"] for p in a.get("authors") or [a["speaker"]]]
             for a in imported.documents["abstracts.yaml"]}
    assert names == {"T1": ["Santiago Ramón y Cajal"], "T2": ["Santiago Ramón y Cajal", "Severo Ochoa"],
                     "T3": ["Severo Ochoa", "Santiago Ramón y Cajal"], "T4": ["Maria da Silva e Souza", "Ana Smith"],
                     "T5": ["Ana López", "Bo Ruiz"], "T6": ["Ana Smith", "Bo Jones", "Cy Lee"]}
    # (the index's rule files them by the family names written first, names.split_name: no people.yaml)
    assert "people.yaml" not in imported.documents
    # given names first: a 'y' inside a name before the list's last comma joins a family name; a list's own 'y' is
    # before its last name
    path = write_csv(tmp_path / "given.csv", [
        ["Title", "Authors"], ["G1", "Santiago Ramón y Cajal, Ana Smith"], ["G2", "Ana López, Bo Ruiz y Cy Ng"],
        ["G3", "Ana, Bo y Cy"], ["G4", "Maria da Silva e Souza"]])
    names = {a["title"]: [p["name"] for p in a.get("authors") or [a["speaker"]]]
             for a in table.read(path, Options()).documents["abstracts.yaml"]}
    assert names == {"G1": ["Santiago Ramón y Cajal", "Ana Smith"], "G2": ["Ana López", "Bo Ruiz", "Cy Ng"],
                     "G3": ["Ana", "Bo", "Cy"], "G4": ["Maria da Silva e Souza"]}
    for cell, read in (("Ramón y Cajal, Santiago (CSIC); Ochoa, Severo", ["Santiago Ramón y Cajal", "Severo Ochoa"]),
                       ("Ochoa, Severo, Ramón y Cajal, Santiago", ["Severo Ochoa", "Santiago Ramón y Cajal"]),
                       ("López, Ana y Ruiz, Bo", ["Ana López", "Bo Ruiz"])):
        assert [p.name for p in table.people_with_affiliations(cell)] == read, cell


def test_pronouns_in_brackets_are_the_names_and_a_department_is_an_affiliation():
    """Pronouns written with spaces round their slash ("Lizzz (they / she)", as 39C3 lists her) were read as the
    affiliation "they / she", and any two words with a slash between them as pronouns ("Cy Ng (Physics/Chemistry)":
    no affiliation, the department printed in the name)."""
    people = table.people_from("Lizzz (they / she), Bo Lee (sie/ihr), Cy Ng (Physics/Chemistry)")
    assert [(p.name, p.affiliations) for p in people] == [("Lizzz (they / she)", []), ("Bo Lee (sie/ihr)", []),
                                                         ("Cy Ng", ["Physics/Chemistry"])]


def test_et_al_is_counted_in_the_contributions_imported_alone_once_each(tmp_path):
    """The note on lists of authors ending with 'et al.' counted every row's cells again, those of rows left out
    too (blank of a title, withdrawn, of a type left out) and a contribution listed twice twice; it counts the
    contributions imported whose names split_names cut, once each, and says where."""
    path = write_csv(tmp_path / "et-al.csv", [
        ["ID", "Title", "Authors", "Speaker", "Status", "Type", "Date", "Start"],
        ["1", "Kept", "Ana Smith, Bo Lee et al.", "Ana Smith et al.", "accepted", "Talk", "2024-06-03", "09:00"],
        ["2", "", "Cy Doe et al.", "", "accepted", "Talk", "", ""],
        ["3", "Gone", "Di Roe and others", "", "withdrawn", "Talk", "", ""],
        ["4", "Not one", "Ed Poe et al.", "", "accepted", "Participation", "", ""],
        ["5", "Plain", "Fay Wu", "", "accepted", "Talk", "", ""],
        ["1", "Kept", "Ana Smith, Bo Lee et al.", "Ana Smith et al.", "accepted", "Talk", "2024-06-04", "09:00"],
    ])
    imported = table.read(path, Options(kinds={"Participation": "skip"}))
    cut = [n for n in imported.notes if "et al." in n]
    assert cut == ["1 list(s) of authors end with 'et al.' (or 'and others') (line 2): only the people named are "
                   "imported; add the others to abstracts.yaml"]
    assert [a["title"] for a in imported.documents["abstracts.yaml"]] == ["Kept", "Plain"]
    # Indico's "Name (Affiliation)" cells: "et al." was a person
    path = write_csv(tmp_path / "indico.csv", [["Title", "Authors (affiliation)"],
                                               ["T", "Ana Smith (Lund), Bo Lee (MIT), et al."]])
    imported = table.read(path, Options())
    assert imported.documents["abstracts.yaml"][0]["authors"] == [{"name": "Ana Smith", "affiliation": "Lund"},
                                                                   {"name": "Bo Lee", "affiliation": "MIT"}]
    assert ("1 list(s) of authors end with 'et al.' (or 'and others') (line 2): only the people named are imported; "
            "add the others to abstracts.yaml") in imported.notes


CMT_HEADER = ["Paper ID", "Created", "Last Modified", "Paper Title", "Abstract", "Primary Contact Author Name",
              "Primary Contact Author Email", "Authors", "Author Names", "Author Emails", "Track Name",
              "Primary Subject Area", "Secondary Subject Areas", "Conflicts", "Domains", "Assigned", "Completed",
              "% Completed", "Bids", "Discussion", "Status", "Requested For Author Feedback",
              "Author Feedback Submitted?", "Requested For Camera Ready", "Camera Ready Submitted?",
              "Requested For Presentation", "Files", "Number of Files", "Supplementary Files",
              "Number of Supplementary Files"]


def cmt_row(number, title, contact, authors, names, emails, status):
    row = dict.fromkeys(CMT_HEADER, "")
    row.update({"Paper ID": number, "Created": "1/2/2025 10:03:11 AM", "Paper Title": title, "Abstract": "Text.",
                "Primary Contact Author Name": contact[0], "Primary Contact Author Email": contact[1],
                "Authors": authors, "Author Names": names, "Author Emails": emails, "Track Name": "Main Track",
                "Status": status, "Files": "paper.pdf", "Number of Files": "1", "Number of Supplementary Files": "0"})
    return [row[h] for h in CMT_HEADER]


def test_microsofts_cmt_export_gives_each_author_once_with_the_affiliation_in_brackets_and_the_email_by_place(
        tmp_path):
    """CMT's papers export: "Authors" writes "Name (Affiliation)*; ..." (the '*' marking the primary contact),
    "Author Names" the same people again without affiliations, "Author Emails" theirs in the same order (the
    contact's with a '*'). Each author once, with their affiliation and e-mail; the primary contact is not taken for
    the speaker (a note says how to make them so)."""
    rows = [CMT_HEADER,
            cmt_row("12", "Tides", ("Bo Lee", "bo@y.org"),
                    "Ana Smith (Lund University); Bo Lee (University of California, Berkeley)*; Cy Ode (MIT)",
                    "Ana Smith; Bo Lee; Cy Ode", "ana@x.org; bo@y.org*; cy@mit.edu", "Accept"),
            cmt_row("13", "Waves", ("Dee Park", "dee@z.org"), "Dee Park (ETH Zürich)*", "Dee Park", "dee@z.org*",
                    "Accept"),
            cmt_row("14", "Rejected", ("Carl Diaz", "c@x.org"), "Carl Diaz (ETH)*", "Carl Diaz", "c@x.org*",
                    "Reject")]
    path = write_csv(tmp_path / "Papers.csv", rows)
    imported = table.read(path, Options())
    abstracts = by_id(imported.documents["abstracts.yaml"])
    assert list(abstracts) == ["c12", "c13"]
    assert abstracts["c12"]["authors"] == [
        {"name": "Ana Smith", "affiliation": "Lund University", "email": "ana@x.org"},
        {"name": "Bo Lee", "affiliation": "University of California, Berkeley", "email": "bo@y.org"},
        {"name": "Cy Ode", "affiliation": "MIT", "email": "cy@mit.edu"}]
    assert abstracts["c13"]["speaker"] == {"name": "Dee Park", "affiliation": "ETH Zürich", "email": "dee@z.org"}
    notes = "\n".join(imported.notes)
    assert "--map \"Speaker=Primary Contact Author Name\"" in notes
    assert "Primary Contact Author Name" not in notes.split("column(s) not read")[-1]
    # when the contacts present, the map says so
    mapped = table.read(path, Options(columns={"Speaker": "Primary Contact Author Name"}))
    tides = by_id(mapped.documents["abstracts.yaml"])["c12"]["authors"]
    assert [a.get("presenting", False) for a in tides] == [False, True, False]
    assert tides[1]["affiliation"] == "University of California, Berkeley"
    read_back(imported, tmp_path / "out")


def test_a_name_with_its_affiliation_in_brackets_in_an_author_cell(tmp_path):
    """'Ana Smith (Lund University), Bo Jones (1)': the words in brackets after a name are the person's
    affiliation; numbers in brackets still point into the affiliations column; "Smith, Ana (UC, Berkeley)" between
    semicolons is one person, the comma in the brackets no name's."""
    rows = [["Title", "Authors", "Affiliations"],
            ["Tides", "Ana Smith (Lund University), Bo Jones (1), Cy Ode*", "1: CERN"],
            ["Waves", "Smith, Ana (UC, Berkeley); Jones, Bo (1)", "1: CERN"]]
    imported = table.read(write_csv(tmp_path / "a.csv", rows), Options())
    tides, waves = imported.documents["abstracts.yaml"]
    assert tides["authors"] == [
        {"name": "Ana Smith", "affiliation": "Lund University"}, {"name": "Bo Jones", "affiliation": "CERN"},
        {"name": "Cy Ode", "affiliation": "CERN", "presenting": True}]
    assert waves["authors"] == [
        {"name": "Ana Smith", "affiliation": "UC, Berkeley"}, {"name": "Bo Jones", "affiliation": "CERN"}]


def test_easychairs_decision_says_the_kind_when_no_type_does(tmp_path):
    """EasyChair's submissions export has no type column: its Decision says the kind ("accept as poster" ->
    posters.yaml, "accept as short paper", "accept as talk" -> talks); a type column, when there is one, wins."""
    header = ["#", "Title", "Authors", "Submitted", "Last updated", "Form fields", "Keywords", "Decision", "Notified",
              "Reviews sent", "Abstract"]
    def row(n, title, authors, decision):
        return [n, title, authors, "2025-01-10 10:00", "2025-01-11 10:00", "", "tides\nocean", decision, "yes", "yes",
                f"About {title}."]

    rows = [header, row("1", "Tides", "Ana Smith and Bo Lee", "accept"),
            row("2", "Rejected", "Carl Diaz", "reject"),
            row("3", "Waves", "Dana Wu, Eli Ng and Fay Ho", "accept as poster"),
            row("4", "Currents", "Gil Oz", "accept as short paper"),
            row("5", "Swell", "Hal Ma", "accept as talk"),
            row("6", "Keynote", "Ida Po", "accept as keynote")]
    docs = table.read(write_csv(tmp_path / "submissions.csv", rows), Options()).documents
    assert {a["id"]: a.get("kind", "contributed") for a in docs["abstracts.yaml"]} == {
        "c1": "contributed", "c4": "contributed", "c5": "contributed", "c6": "keynote"}
    assert docs["posters.yaml"] == [{"title": "Waves", "authors": [{"name": "Dana Wu"}, {"name": "Eli Ng"},
                                                                   {"name": "Fay Ho"}], "abstract": "About Waves."}]
    typed = [header + ["Type"], row("3", "Waves", "Dana Wu", "accept as poster") + ["Talk"]]
    docs = table.read(write_csv(tmp_path / "typed.csv", typed), Options()).documents
    assert [a["id"] for a in docs["abstracts.yaml"]] == ["c3"] and "posters.yaml" not in docs


def test_easychairs_workbook_gives_the_authors_affiliations_and_emails_from_its_authors_sheet(tmp_path):
    """EasyChair's "conference data" workbook: the sheet "Submissions" names the authors alone ("Ana Smith and Bo
    Lee"); the sheet "Authors" has one row per author of each submission (submission #, first name, last name,
    email, country, affiliation, ...): joined by the submission's number and the name, each author gets their
    affiliation (with the country, as a presenting author's parts give it) and e-mail."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Submissions"
    sheet.append(["#", "Track #", "Track name", "Title", "Authors", "Submitted", "Last updated", "Form fields",
                  "Keywords", "Decision", "Notified", "Reviews sent", "Abstract", "Deleted?"])
    sheet.append([1, 1, "Main", "Tides", "Ana Smith and Bo Lee", "2025-01-10 10:00", "2025-01-11 10:00", "",
                  "tides", "accept", "yes", "yes", "We study tides.", "no"])
    sheet.append([3, 1, "Main", "Waves", "Dana Wu", "2025-01-10 10:00", "", "", "", "accept as poster", "yes",
                  "yes", "Waves.", "no"])
    authors = book.create_sheet("Authors")
    authors.append(["submission #", "first name", "last name", "email", "country", "affiliation", "Web page",
                    "person #", "corresponding?"])
    authors.append([1, "Ana", "Smith", "ana@x.org", "Sweden", "Lund University", "", 7, "yes"])
    authors.append([1, "Bo", "Lee", "bo@y.org", "", "MIT", "", 8, ""])
    authors.append([3, "Dana", "Wu", "dana@z.org", "China", "", "", 9, "yes"])
    authors.append([2, "Carl", "Diaz", "c@x.org", "Spain", "ETH", "", 10, "yes"])
    book.create_sheet("Reviews").append(["#", "submission #", "member #", "member name", "review"])
    path = tmp_path / "conference.xlsx"
    book.save(path)
    imported = table.read(path, Options())
    docs = imported.documents
    assert docs["abstracts.yaml"][0]["authors"] == [
        {"name": "Ana Smith", "affiliation": "Lund University, Sweden", "email": "ana@x.org"},
        {"name": "Bo Lee", "affiliation": "MIT", "email": "bo@y.org"}]
    assert docs["posters.yaml"] == [{"title": "Waves", "author": "Dana Wu", "affiliation": "China",
                                     "email": "dana@z.org", "abstract": "Waves."}]
    assert "the authors' affiliations and e-mails from sheet 'Authors', by submission number (2 of 2 contributions)" \
        in imported.notes


@pytest.mark.parametrize("encoding", ["utf-32", "utf-32-be"])
def test_a_csv_in_utf_32_with_its_mark_is_read_as_one_in_utf_16_is(tmp_path, encoding):
    """Fuzzing: a CSV saved as UTF-32 (its byte order mark starts as UTF-16's) was "not UTF-8 text (UTF-16, or not
    text at all)", where one in UTF-16 is read; it is read now, and noted so."""
    from booklet import importers

    text = "Title,Speaker\nÅngström lines,Ana Smith\n"
    raw = ("\ufeff" + text).encode(encoding) if encoding.endswith("be") else text.encode(encoding)
    (tmp_path / "u32.csv").write_bytes(raw)
    imported = importers.read(tmp_path / "u32.csv", Options())
    assert [(a["title"], a["speaker"]["name"]) for a in imported.documents["abstracts.yaml"]] == [
        ("Ångström lines", "Ana Smith")]
    assert ("read as utf-32 text (it is not UTF-8): check accented letters; save it as UTF-8 if they are wrong"
            in imported.notes)


def test_terminal_codes_and_a_stray_nul_in_a_csv_are_left_out_and_noted(tmp_path):
    """Fuzzing: a header 'Ti ESC[1m tle' was shown as 'Title' but not read as one (--map could not name it); a
    link's or a reset's terminal code left ']8;;http://x' or 'c' in a title; one NUL in a UTF-8 file made it "not
    UTF-8 text (UTF-16, or not text at all)"."""
    from booklet import importers

    path = tmp_path / "codes.csv"
    path.write_bytes(b"Ti\x1b[1mtle\x1b[0m,Speaker\nA t\x00alk,Ana Smith\n"
                     b"OSC \x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\ and \x1bc reset \x1b]0;title\x07now,Bo Lee\n"
                     # (a review: an ESC before a letter took the letter; one before ']' all up to the end)
                     b"Smith\x1bJones and \x1b]Xenon,Cy Ray\n")
    imported = importers.read(path, Options())
    assert [a["title"] for a in imported.documents["abstracts.yaml"]] == ["A talk", "OSC link and reset now",
                                                                         "SmithJones and ]Xenon"]
    assert "left out control characters of the source's text, which print nothing: U+0000, U+001B" in imported.notes


def test_cmt_and_form_author_cells_keep_what_fuzzing_found_lost(tmp_path):
    """Fuzzing the new readings of author cells: words in brackets replaced the affiliation the Affiliations column
    gives ("Wei Wang (王伟)"); "Wei Li" and "Li Wei" in one export were taken for one person; a ';' inside the brackets
    cut a person in two; "Bo Lee ((MIT)" was "Bo Lee (" and Bo Lee; 5,000 digits in brackets stopped the import."""
    rows = [["Title", "Authors", "Affiliations"], ["T1", "Wei Wang (王伟)", "Tsinghua University"],
            ["T2", "Ana Smith (" + "1" * 5000 + ")", ""]]
    abstracts = table.read(write_csv(tmp_path / "form.csv", rows), Options()).documents["abstracts.yaml"]
    assert abstracts[0]["speaker"] == {"name": "Wei Wang (王伟)", "affiliation": "Tsinghua University"}
    assert abstracts[1]["speaker"]["name"].startswith("Ana Smith (111")
    rows = [CMT_HEADER,
            cmt_row("1", "Swapped", ("Wei Li", "wl@t.cn"), "Wei Li (Tsinghua)*; Li Wei (Fudan)", "Wei Li; Li Wei",
                    "wl@t.cn*; lw@f.cn", "Accept"),
            cmt_row("2", "Semicolon", ("Ana Smith", "a@x.se"), "Ana Smith (Univ. of Foo; Bar Lab)*; Bo Lee ((MIT)",
                    "Ana Smith; Bo Lee", "a@x.se*; b@mit.edu", "Accept")]
    abstracts = by_id(table.read(write_csv(tmp_path / "Papers.csv", rows), Options()).documents["abstracts.yaml"])
    assert abstracts["c1"]["authors"] == [{"name": "Wei Li", "affiliation": "Tsinghua", "email": "wl@t.cn"},
                                          {"name": "Li Wei", "affiliation": "Fudan", "email": "lw@f.cn"}]
    assert abstracts["c2"]["authors"] == [
        {"name": "Ana Smith", "affiliation": "Univ. of Foo; Bar Lab", "email": "a@x.se"},
        {"name": "Bo Lee", "affiliation": "MIT", "email": "b@mit.edu"}]


def test_decisions_in_other_words_and_languages(tmp_path):
    """Fuzzing: "Accept (non-archival)" and "accept as poster (not in proceedings)" were left out once "not" and "non"
    meant a refusal; "rechazado" was imported, "aceptado como póster" a talk."""
    decisions = ["Accept (non-archival)", "accept as poster (not in proceedings)", "Akzeptiert (nicht im Tagungsband)",
                 "Not accepted", "rechazado", "aceptado como póster", "nicht angenommen"]
    rows = [["Title", "Authors", "Decision"]] + [[f"T{n}", "Ana Smith", d] for n, d in enumerate(decisions)]
    docs = table.read(write_csv(tmp_path / "d.csv", rows), Options()).documents
    assert [a["title"] for a in docs["abstracts.yaml"]] == ["T0", "T2"]
    assert [p["title"] for p in docs["posters.yaml"]] == ["T1", "T5"]


def test_easychairs_authors_sheet_is_found_and_read_when_names_differ_or_the_submissions_name_none(tmp_path):
    """Fuzzing the workbook's sheet of authors: a committee's sheet of the same columns before it was read instead;
    a Submissions sheet without an Authors column gave TBA; "Ana M. Smith" there and Ana Smith here got nothing;
    numbers that match no submission were said to be read."""
    openpyxl = pytest.importorskip("openpyxl")

    def workbook(name: str, authors: bool, numbers=(1, 1)):
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = "Submissions"
        sheet.append(["#", "Title", "Decision", "Abstract"] + (["Authors"] if authors else []))
        sheet.append([1, "Tides", "accept", "We study tides."] + (["Ana M. Smith and Bo Lee"] if authors else []))
        columns = ["submission #", "first name", "last name", "email", "country", "affiliation"]
        book.create_sheet("Committee").append(columns)
        book["Committee"].append([1, "Pat", "Chair", "pc@x.org", "Chile", "PC University"])
        book.create_sheet("Authors").append(columns)
        book["Authors"].append([numbers[0], "Ana", "Smith", "ana@x.org", "", "Lund University"])
        book["Authors"].append([numbers[1], "Bo", "Lee", "bo@y.org", "", "MIT"])
        book.save(tmp_path / name)
        return table.read(tmp_path / name, Options())

    expected = [{"name": "Ana M. Smith", "affiliation": "Lund University", "email": "ana@x.org"},
                {"name": "Bo Lee", "affiliation": "MIT", "email": "bo@y.org"}]
    assert workbook("named.xlsx", True).documents["abstracts.yaml"][0]["authors"] == expected
    expected[0]["name"] = "Ana Smith"
    assert workbook("none.xlsx", False).documents["abstracts.yaml"][0]["authors"] == expected
    unmatched = workbook("unmatched.xlsx", True, numbers=(7, 8))
    assert unmatched.documents["abstracts.yaml"][0]["authors"] == [{"name": "Ana M. Smith"}, {"name": "Bo Lee"}]
    assert ("sheet 'Authors' lists authors by submission number, but no number there is a contribution's here: not "
            "read") in unmatched.notes


def test_a_workbooks_sheet_of_authors_is_chosen_first_and_it_alone_read(tmp_path, monkeypatch):
    """_xlsx_rows read every sheet of authors' columns into people (the committee's, the reviewers', ...) to keep
    one: the sheet is chosen by its header and name first, and only it is read; what is imported is the same."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Submissions"
    sheet.append(["#", "Title", "Decision", "Abstract", "Authors"])
    sheet.append([1, "Tides", "accept", "We study tides.", "Ana Smith and Bo Lee"])
    columns = ["submission #", "first name", "last name", "email", "country", "affiliation"]
    for name in ("Committee", "Reviewers", "Authors"):
        book.create_sheet(name).append(columns)
    book["Committee"].append([1, "Pat", "Chair", "pc@x.org", "Chile", "PC University"])
    book["Reviewers"].append([1, "Rex", "View", "rv@x.org", "", "Review University"])
    book["Authors"].append([1, "Ana", "Smith", "ana@x.org", "", "Lund University"])
    book["Authors"].append([1, "Bo", "Lee", "bo@y.org", "", "MIT"])
    book.save(tmp_path / "c.xlsx")
    read = []
    sheet_people = table._sheet_people
    monkeypatch.setattr(table, "_sheet_people", lambda rows, options: read.append(rows[1][1]) or sheet_people(rows,
                                                                                                              options))
    imported = table.read(tmp_path / "c.xlsx", Options())
    assert read == ["Ana"]
    assert imported.documents["abstracts.yaml"][0]["authors"] == [
        {"name": "Ana Smith", "affiliation": "Lund University", "email": "ana@x.org"},
        {"name": "Bo Lee", "affiliation": "MIT", "email": "bo@y.org"}]
    assert "the authors' affiliations and e-mails from sheet 'Authors', by submission number (1 of 1 contributions)" \
        in imported.notes


def test_two_people_of_one_name_nicknames_in_brackets_and_emails_that_do_not_add_up(tmp_path):
    """Fuzzing: two co-authors named Wei Zhang, of Tsinghua and of PKU, were made one; Indico's "Robert (Bob) Smith
    (Oxford)" gave a person "Smith"; an Author Emails cell with one address missing gave the others to the wrong
    people. Two people of one name with e-mails of their own stay two; the last bracket is the affiliation; e-mails
    that do not add up go to nobody, and the notes say so."""
    rows = [CMT_HEADER,
            cmt_row("1", "Same", ("Wei Zhang", "wz1@t.cn"), "Wei Zhang (Tsinghua)*; Wei Zhang (PKU)",
                    "Wei Zhang; Wei Zhang", "wz1@t.cn*; wz2@pku.cn", "Accept"),
            cmt_row("2", "Fewer", ("Ana Smith", "a@x.se"), "Ana Smith (Lund)*; Bo Lee (MIT); Cy Ode (ETH)",
                    "Ana Smith; Bo Lee; Cy Ode", "a@x.se*; c@eth.ch", "Accept")]
    imported = table.read(write_csv(tmp_path / "Papers.csv", rows), Options())
    abstracts = by_id(imported.documents["abstracts.yaml"])
    assert abstracts["c1"]["authors"] == [{"name": "Wei Zhang", "affiliation": "Tsinghua", "email": "wz1@t.cn"},
                                          {"name": "Wei Zhang", "affiliation": "PKU", "email": "wz2@pku.cn"}]
    assert [p.get("email") for p in abstracts["c2"]["authors"]] == [None, None, None]
    assert ("1 row(s) list another number of authors' e-mails than of authors: those e-mails are not given to anyone "
            "(which is whose cannot be told); add them to abstracts.yaml") in imported.notes
    people = table.people_with_affiliations("Robert (Bob) Smith (Oxford), Ana Smith (UC, Berkeley); Cy Ode")
    assert [(p.name, p.affiliations) for p in people] == [("Robert (Bob) Smith", ["Oxford"]),
                                                          ("Ana Smith", ["UC, Berkeley"]), ("Cy Ode", [])]


def test_lines_beside_one_another_keep_their_rooms_order_and_the_same_two_rooms_again_are_one_block(tmp_path):
    """A typesetter's review of GPN's CSV import on letter: a day of talks an hour in each of two rooms was five
    parallel blocks, each repeating the label and the rooms' headings, and the block whose second room started first
    had its columns the other way round. The rooms keep the source's order; the same two rooms again, with nothing
    between, go on in the block before (as schedule imports have it)."""
    rows = [["Title", "Type", "Date", "Start", "End", "Room", "Speaker"],
            ["Opening", "Talk", "2027-09-13", "09:00", "10:00", "Studio", "Ana Smith"],
            ["A1", "Talk", "2027-09-13", "10:15", "11:15", "Studio", "Bo Jones"],
            ["B1", "Talk", "2027-09-13", "10:15", "11:15", "Seminar", "Cy Li"],
            ["B2", "Talk", "2027-09-13", "11:30", "12:30", "Seminar", "Di Wu"],
            ["A2", "Talk", "2027-09-13", "12:00", "12:30", "Studio", "Ed Po"],
            ["Lunch", "Break", "2027-09-13", "12:30", "13:30", "", ""],
            ["A3", "Talk", "2027-09-13", "13:30", "14:00", "Studio", "Fa Ng"],
            ["B3", "Talk", "2027-09-13", "13:30", "14:00", "Seminar", "Gu Yi"]]
    imported = table.read(write_csv(tmp_path / "p.csv", rows), Options())
    items = imported.documents["programme.yaml"]["days"][0]["items"]
    assert [list(item)[0] for item in items] == ["time", "parallel", "time", "parallel"]
    titles = {a["id"]: a["title"] for a in imported.documents["abstracts.yaml"]}
    assert [(s["session"], [titles[i["talk"]] for i in s["items"]]) for s in items[1]["parallel"]] == [
        ("Studio", ["A1", "A2"]), ("Seminar", ["B1", "B2"])]
    assert [s["session"] for s in items[3]["parallel"]] == ["Studio", "Seminar"]  # (after the lunch: a block anew)
    read_back(imported, tmp_path / "folder")


def test_a_last_first_name_whose_given_name_is_compound_or_beyond_latin_1_is_one_person(tmp_path):
    """A LOC test: 'Dupont, Jean-Pierre*', 'Kowalska, Małgorzata*' (a letter outside Latin-1) and the like were each
    two people, 'Dupont' and 'Jean-Pierre', the second marked presenting: a given name was [A-ZÀ-Ý][a-zà-ÿ'’-]+.
    Given names are any script's letters, joined by hyphens or spaces, with initials after them; a cell that is a
    list of names 'First Last' still is ('Ana Smith, Bo Jones'), and several given names after a family name of more
    than one word ('García Márquez, José Luis') are one person where the column writes 'Last, First'."""
    path = write_csv(tmp_path / "names.csv", [
        ["Title", "Authors", "Affiliations", "Abstract"],
        ["A", "Dupont, Jean-Pierre*", "Uni", "x."], ["B", "García Márquez, José Luis*", "Uni", "x."],
        ["C", "Kowalska, Małgorzata*", "Uni", "x."], ["D", "Dvořák, Jiří*", "Uni", "x."],
        ["E", "Öztürk, Çağla*", "Uni", "x."], ["F", "Müller, Zoë*", "Uni", "x."],
        ["G", "Nguyễn, Thị Minh", "Uni", "x."], ["H", "O'Brien, Seán", "Uni", "x."],
        ["I", "Łukasiewicz, Jan", "Uni", "x."], ["J", "Dupont, Jean-Pierre M.", "Uni", "x."],
        ["L", "Smith, Mary Ann", "Uni", "x."], ["M", "Iglesias Gonsálvez, Samuel", "Uni", "x."],
        ["N", "Smith, J., Doe, A.", "Uni", "x."]])
    abstracts = table.read(path, Options()).documents["abstracts.yaml"]
    people = {a["title"]: [(p["name"], p.get("presenting", False)) for p in a.get("authors") or [a["speaker"]]]
              for a in abstracts}
    assert people == {
        "A": [("Jean-Pierre Dupont", False)], "B": [("José Luis García Márquez", False)],
        "C": [("Małgorzata Kowalska", False)], "D": [("Jiří Dvořák", False)], "E": [("Çağla Öztürk", False)],
        "F": [("Zoë Müller", False)], "G": [("Thị Minh Nguyễn", False)], "H": [("Seán O'Brien", False)],
        "I": [("Jan Łukasiewicz", False)], "J": [("Jean-Pierre M. Dupont", False)],
        "L": [("Mary Ann Smith", False)],
        "M": [("Samuel Iglesias Gonsálvez", False)], "N": [("J. Smith", False), ("A. Doe", False)]}
    # a list of them between semicolons (a column that does so reads every 'Last, First' as one: last_first_column)
    path = write_csv(tmp_path / "list.csv", [["Title", "Authors"],
                                             ["K", "Dupont, Jean-Pierre; Kowalska, Małgorzata*"]])
    assert table.read(path, Options()).documents["abstracts.yaml"][0]["authors"] == [
        {"name": "Jean-Pierre Dupont"}, {"name": "Małgorzata Kowalska", "presenting": True}]
    # the cells that are lists of several people stay lists
    assert table.split_names("Ana Smith, Bo Jones") == ["Ana Smith", "Bo Jones"]
    assert table.split_names("Smith, J., Doe, A.") == ["Smith, J.", "Doe, A."]
    assert table.split_names("Iglesias Gonsálvez, Samuel") == ["Iglesias Gonsálvez, Samuel"]
    assert table.split_names("Smith, IBM") == ["Smith", "IBM"]
    for cell in ("Dupont, Jean-Pierre", "García Márquez, José Luis", "Kowalska, Małgorzata", "Dvořák, Jiří",
                 "Öztürk, Çağla", "Nguyễn, Thị Minh", "O'Brien, Seán", "Łukasiewicz, Jan", "Dupont, Jean-Pierre M."):
        assert table.split_names(cell, leaning=True) == [cell]
    # a column of names 'First Last' between commas leans no way: 'García Márquez, José Luis' alone is two there
    path = write_csv(tmp_path / "first-last.csv", [["Title", "Speakers"], ["T1", "Ann Lee, Bob Roe, Cy Ng"],
                                                   ["T2", "Ana Smith, Bo Jones"], ["T3", "Iglesias Gonsálvez, Samuel"]])
    names = {a["title"]: [p["name"] for p in a.get("authors") or [a["speaker"]]]
             for a in table.read(path, Options()).documents["abstracts.yaml"]}
    assert names == {"T1": ["Ann Lee", "Bob Roe", "Cy Ng"], "T2": ["Ana Smith", "Bo Jones"],
                     "T3": ["Samuel Iglesias Gonsálvez"]}


@pytest.mark.parametrize("written", ["Hans* (1)", "Hans (1)*", "Hans*(1)", "Hans^1*", "Hans*^1", "Hans* ¹"])
def test_a_presenting_mark_before_or_after_an_affiliations_number_marks_the_presenting_author(tmp_path, written):
    """A LOC test: 'Müller, Hans* (1); Dubois, Élodie (2)' gave 'Hans* Müller', not presenting: the '*' was taken
    from the cell's end alone, before the '(1)' was. README: 'Last, First (1,2)', a name with '*' presents."""
    path = write_csv(tmp_path / "marks.csv", [["Title", "Authors", "Affiliations"],
                                              ["T", f"Müller, {written}; Dubois, Élodie (2)",
                                               "(1) Uni Heidelberg; (2) Université de Lille"]])
    authors = table.read(path, Options()).documents["abstracts.yaml"][0]["authors"]
    assert authors == [{"name": "Hans Müller", "affiliation": "Uni Heidelberg", "presenting": True},
                       {"name": "Élodie Dubois", "affiliation": "Université de Lille"}]
    assert table._markers("Hans*^1,2") == ("Hans", [1, 2], True)


def test_names_with_their_own_affiliation_numbers_are_people_each_and_a_second_number_no_name():
    """A review: 'Ana^1, Bo^2' was one person 'Bo Ana' (a family name with its own markers is a whole name), as were
    'Ana (1), Bo (2)' and 'Ana¹, Bo²'; 'Ana Smith^1,2, Bo Lee^3' imported an author named '2'. A name written with
    its letters and accents apart (NFD, as some systems export) was two people: 'García' and 'José'."""
    import unicodedata

    for cell in ("Ana^1, Bo^2", "Ana (1), Bo (2)", "Ana¹, Bo²"):
        assert len(table.split_names(cell)) == 2, cell
    assert table.split_names("Ana Smith^1,2, Bo Lee^3") == ["Ana Smith^1,2", "Bo Lee^3"]
    people = table.people_from("Ana Smith^1,2, Bo Lee^3", "1 Lund; 2 Oslo; 3 Rome")
    assert [(p.name, p.affiliations) for p in people] == [("Ana Smith", ["Lund", "Oslo"]), ("Bo Lee", ["Rome"])]
    assert table.split_names(unicodedata.normalize("NFD", "García, José")) == [
        unicodedata.normalize("NFD", "García, José")]
    assert table.split_names("כהן, דוד") == ["כהן, דוד"]  # (a script without capitals: a given name all the same)


def test_a_csv_row_of_more_cells_than_the_header_says_so_with_its_line(tmp_path):
    """A LOC test: a ';' file whose row has '; ' in its author cell, not in double quotes, was imported with every
    cell after it a column to the right ('abstract: 09:20') and nothing said. A row with a value past the header's
    columns, or with more cells and a date or time column that holds no date or time, is named in a note in
    booklet/data/csvfile.py's words; the import goes on. Rows of an empty cell more are not; rows of fewer cells are
    another note (test_rows_with_fewer_values_than_the_header_are_named_by_their_lines)."""
    header = ["Title", "Authors", "Affiliations", "Abstract", "Type", "Date", "Start", "End", "Room", "Session"]
    lines = [";".join(header),
             "A;Müller, Hans; Dubois, Élodie;Uni;Text.;Talk;2024-06-03;09:00;09:20;R1;S1",  # a value past the header
             '"B";"Roe, Bo";Uni;Text two.;Talk;2024-06-03;09:20;09:40;R1;S1',
             "C;Lee, Al; Poe, Ed;Uni;Text;Talk;2024-06-03;09:40;10:00;;",  # shifted: 'Talk' the date, no value past
             "D;Ng, Cy;Uni;;Talk;2024-06-03;10:00;10:20;R1;;",  # an empty cell more
             "E;Wu, Fay;Uni;;Talk;2024-06-03;10:20"]  # fewer cells
    path = tmp_path / "shifted.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    imported = table.read(path, Options())
    said = [n for n in imported.notes if "the header names" in n and "read as empty" not in n]
    assert said == ["2 rows have more values than the header names columns (10): line 2 has 11, line 4 has 11: a "
                    "';' inside a cell? its cells after it are read a column to the right; put a value holding the "
                    "delimiter in double quotes (\"Müller, Hans; Dubois, Élodie\")"]
    assert len(imported.documents["abstracts.yaml"]) == 5
    path.write_text("\n".join(lines[:3]) + "\n", encoding="utf-8")
    assert [n for n in table.read(path, Options()).notes if "the header names" in n] == [
        "line 2: the row has 11 values but the header names 10 columns: a ';' inside a cell? its cells after it are "
        "read a column to the right; put a value holding the delimiter in double quotes (\"Müller, Hans; Dubois, "
        "Élodie\")"]
    # a comma file: its own delimiter is named, and a row as wide as the header says nothing
    path = write_csv(tmp_path / "commas.csv", [["Title", "Speaker", "Date"], ["T", "Ana Smith", "2024-06-03", "x"],
                                               ["U", "Bo Lee", "2024-06-03"]])
    assert [n for n in table.read(path, Options()).notes if "the header names" in n] == [
        "line 2: the row has 4 values but the header names 3 columns: a ',' inside a cell? its cells after it are "
        "read a column to the right; put a value holding the delimiter in double quotes (\"Müller, Hans; Dubois, "
        "Élodie\")"]

    # a header of one column: "1 column", not "1 columns"
    path = write_csv(tmp_path / "one.csv", [["Title"], ["T", "x"], ["U"]])
    assert [n for n in table.read(path, Options()).notes if "the header names" in n] == [
        "line 2: the row has 2 values but the header names 1 column: a ',' inside a cell? its cells after it are "
        "read a column to the right; put a value holding the delimiter in double quotes (\"Müller, Hans; Dubois, "
        "Élodie\")"]


SCHEDULE = [
    ["ID", "Room", "Date", "Start", "Duration", "Title", "Speakers"],
    ["1", "Studio", "2011-06-23", "19:00", "1:00", "What to hack", "Ana Smith"],
    ["2", "Studio", "2011-06-23", "20:15", "0:30", "Modernes JavaScript", "Ben Jones"],
    ["3", "Seminar", "2011-06-23", "20:15", "0:30", "Game On", "Cleo Park"],
]


def test_rows_given_again_whole_are_imported_once_and_said(tmp_path):
    """A spreadsheet whose rows were pasted twice (two exports joined) listed each talk twice at the same time in
    the same room: `check` warned of each pair as overlapping (35,525 warnings for 50 copies of 29 talks), and
    the programme printed each line twice, with no word of why. Each is now imported once, and the note says so."""
    path = write_csv(tmp_path / "twice.csv", SCHEDULE + SCHEDULE[1:] + [SCHEDULE[1]])
    imported = table.read(path, Options())
    items = [item for day in imported.documents["programme.yaml"]["days"] for item in day["items"]]
    times = [(i["time"], i["talk"]) for item in items for i in item.get("parallel", [{"items": [item]}])
             for i in (i.get("items") or [i])]
    assert sorted(times) == [("19:00-20:00", "c1"), ("20:15-20:45", "c2"), ("20:15-20:45", "c3")]
    assert ("4 entries the source gives again whole (the same id, title, people, text, day, time and room, as "
            "'What to hack' at line 2, line 5, line 8): imported once ('What to hack' (2 times), 'Modernes "
            "JavaScript', 'Game On')") in imported.notes
    booklet = read_back(imported, tmp_path / "out")
    assert [a.id for a in booklet.abstracts] == ["c1", "c2", "c3"]


def test_an_id_the_source_gives_to_two_contributions_is_said(tmp_path):
    """Two rows of other titles with one id were imported as 'c3' and 'c3-2' without a word: a mistake in the
    source (a copied row edited, an id column filled by hand) went unseen. It is still imported, and said."""
    rows = [list(r) for r in SCHEDULE]
    rows[2][0] = "3"
    imported = table.read(write_csv(tmp_path / "ids.csv", rows), Options())
    assert sorted(a["id"] for a in imported.documents["abstracts.yaml"]) == ["c1", "c3", "c3-2"]
    assert ("1 id(s) the source gives to more than one contribution (other titles): each is imported, with an id "
            "of its own (the second '-2', ...): check that they are different contributions, and make the source's "
            "ids unique ('3': line 3 ('Modernes JavaScript'), line 4 ('Game On'))") in imported.notes
    again = table.read(write_csv(tmp_path / "same.csv", SCHEDULE + [SCHEDULE[3][:3] + ["22:00"] + SCHEDULE[3][4:]]),
                       Options())  # (one talk held twice: one id, one title: no such note)
    assert not [n for n in again.notes if "id(s) the source gives" in n]


def test_rows_at_other_times_in_a_table_with_no_dates_are_not_given_again_whole(tmp_path):
    """A review: in a table with no column of dates, two rows of one talk at 10:00 and at 16:00 (a talk given twice)
    were said to be 'given again whole (the same id, title, people, text, day, time and room ...)': their times, not
    placed in the programme for want of a date, were not compared. Rows pasted twice, times and all, still are."""
    rows = [["Title", "Speaker", "Time", "Room", "Abstract"],
            ["Lightning talks", "Ann Lee", "10:00", "A", "Short talks."],
            ["Lightning talks", "Ann Lee", "16:00", "A", "Short talks."]]
    imported = table.read(write_csv(tmp_path / "two.csv", rows), Options())
    assert not [n for n in imported.notes if "gives again whole" in n]
    assert [a["id"] for a in imported.documents["abstracts.yaml"]] == ["lightning-talks"]  # (one talk, as before)
    imported = table.read(write_csv(tmp_path / "pasted.csv", rows + rows[1:]), Options())
    assert [n[:40] for n in imported.notes if "gives again whole" in n] == ["2 entries the source gives again whole ("]


def test_the_note_of_rows_given_again_names_the_copies_not_every_row_of_the_title(tmp_path):
    """A review: the note named every row of the first copied entry's title ('at line 2, line 3, line 4'), the row
    of the same talk held again at another time (line 3) among them, as if it were a copy."""
    again = SCHEDULE[1][:3] + ["22:00"] + SCHEDULE[1][4:]
    imported = table.read(write_csv(tmp_path / "held.csv", [SCHEDULE[0], SCHEDULE[1], again, SCHEDULE[1]]), Options())
    assert ("1 entry the source gives again whole (the same id, title, people, text, day, time and room, as "
            "'What to hack' at line 2, line 4): imported once ('What to hack')") in imported.notes


def test_rows_with_fewer_values_than_the_header_are_named_by_their_lines(tmp_path):
    """An import review: a row with fewer cells than the header (a line break in an abstract not in double quotes cuts
    it in two; an export cut short) was read with its last columns empty, without a word: its talk fell out of the
    programme, and the rest of it became a talk of its own. The notes name each such row, with what it lacks; a
    ConfTool row cut short (its second talk lost) too."""
    path = tmp_path / "short.csv"
    path.write_text("Title,Speaker,Abstract,Date,Start,End,Room\n"
                    "First talk,Ana Smith,Short text,2024-03-05,09:00,09:30,Hall\n"
                    "Second talk,Bo Lee,A text broken\n"
                    "by a line break,2024-03-05,09:30,10:00,Hall\n"
                    "Third talk,Cy Ng,Text three,2024-03-05,10:00,10:30\n", encoding="utf-8")
    notes = table.read(path, Options()).notes
    assert ("3 rows have fewer values than the header names columns (7), their last columns read as empty: line 3 "
            "has 3 (no 'Date', 'Start', 'End', 'Room'), line 4 has 5 (no 'End', 'Room'), line 5 has 6 (no 'Room'); a "
            "line break inside a cell not in double quotes ends its row there (the rest is read as a row of its own): "
            "put such a cell in double quotes, or write the missing values") in notes
    path.write_text("Title,Speaker,Room\nA talk,Ana Smith,Hall\nB talk,Bo Lee\n", encoding="utf-8")
    assert ("line 3: the row has 2 values but the header names 3 columns: its 'Room' is read as empty; a line break "
            "inside a cell not in double quotes ends its row there (the rest is read as a row of its own): put such a "
            "cell in double quotes, or write the missing values") in table.read(path, Options()).notes
    path.write_text("Title,Speaker,Room\nA talk,Ana Smith,Hall\nB talk,Bo", encoding="utf-8")  # (cut short)
    assert ("line 3: the row has 2 values but the header names 3 columns: its 'Room' is read as empty; line 3, the "
            "file's last, ends without a line end: is the file cut short? (export or download it again); a line break "
            "inside a cell not in double quotes ends its row there (the rest is read as a row of its own): put such a "
            "cell in double quotes, or write the missing values") in table.read(path, Options()).notes
    path.write_text("Title,Speaker,Room,Notes\nA talk,Ana Smith,Hall,\nB talk,Bo Lee,Hall\n", encoding="utf-8")
    assert not any("fewer values" in n or "the header names" in n for n in table.read(path, Options()).notes)

    rows = conftool_rows()
    rows[1] = rows[1][:13 + 10 + 3]  # (the session's second talk cut after its start)
    imported = table.read(write_csv(tmp_path / "sessions.csv", rows, ";", bom=True), Options())
    assert ("line 2: the row has 26 values but the header names 33 columns: its 'p2_contribution_type', "
            "'p2_acceptance', 'p2_authors', 'p2_organisations' and 3 more are read as empty; a line break inside a "
            "cell not in double quotes ends its row there (the rest is read as a row of its own): put such a cell in "
            "double quotes, or write the missing values") in imported.notes


def test_a_person_given_without_a_name_is_named_in_the_notes(tmp_path):
    """An import review: a presenting author whose name cells were empty (their e-mail and institution filled in),
    or a co-authors' affiliation beside an empty cell of co-authors, was dropped without a word: the talk printed its
    co-author as its speaker. The notes name each row and what it gives of the person."""
    path = write_csv(tmp_path / "nameless.csv", [
        ["Title", "Abstract", "Presenting author: Family name", "Presenting author: First name",
         "Presenting author: E-mail", "Presenting author: Institution", "Co-authors", "Affiliation 1"],
        ["T1", "Text", "Smith", "Ana", "ana@example.org", "Lund", "", "MIT"],
        ["T2", "Text", "", "", "bo@example.org", "ETH", "Cy Ng", "KTH"],
        ["T3", "Text", "Lee", "Di", "", "", "", ""]])
    imported = table.read(path, Options())
    assert ("2 row(s) give a person's details without their name, left out (the contribution keeps the people named): "
            "line 2 ('T1'): the affiliation(s) 'MIT' beside an empty 'Co-authors'; line 3 ('T2'): a presenting "
            "author's e-mail 'bo@example.org' and institution 'ETH'; write their names in abstracts.yaml, or in the "
            "source") in imported.notes
    # a speaker column takes the affiliations of a row without authors: nobody is left out
    path = write_csv(tmp_path / "speaker.csv", [["Title", "Speaker", "Authors", "Affiliations"],
                                                ["T1", "Ana Smith", "", "Lund"]])
    imported = table.read(path, Options())
    assert not any("without their name" in n for n in imported.notes)
    assert by_id(imported.documents["abstracts.yaml"])["t1"]["speaker"] == {"name": "Ana Smith", "affiliation": "Lund"}


def test_a_table_of_rows_all_left_out_says_why_each_was(tmp_path):
    """A fuzzing run: a CSV whose titles were all empty was refused as "every row below the header at line 1 is blank
    or no contribution", though no row was blank: the error now says what the rows were left out for, and where."""
    path = write_csv(tmp_path / "t.csv", [["Title", "Speaker", "Type"], ["", "Ana Smith", "Talk"],
                                          ["", "Bo Lee", "Talk"], ["Tea", "Cy Ng", "Attendee"], ["", "", ""]])
    with pytest.raises(SourceError) as caught:
        table.read(path, Options(kinds={"Attendee": "skip"}))
    assert str(caught.value) == (
        f"{path}: no contribution in it (every row below the header at line 1 is blank or no contribution: 1 blank "
        "row(s); 1 row(s) of type 'Attendee'; 2 row(s) without a title (line 2, line 3: the title column is 'Title'))")


def _limited_import(source, out, *options):
    """`booklet import source --out out` in a process of its own with 2 GB of address space: a reading that would
    take all the memory there is fails there (exit 3, "internal error (MemoryError)") instead of on the machine."""
    import resource
    import subprocess
    import sys

    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))

    return subprocess.run([sys.executable, "-m", "booklet", "import", str(source), "--out", str(out), *options],
                          capture_output=True, text=True, timeout=300, preexec_fn=limit)


def test_a_stray_value_far_from_the_table_or_a_sheet_claiming_every_cell_is_no_memory_error(tmp_path):
    """A workbook with a value typed far off (cell XFD1048576, the sheet's last) was read as 1,048,576 rows of 16,384
    cells: "internal error (MemoryError)", exit 2, after taking the machine's memory; one whose sheet said in its own
    <dimension> that it spans A1:XFD1048576 (as some programs write) the same, though its table is four rows. The
    first is an error naming that cell, the second imports as its cells are."""
    import re
    import zipfile

    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(write_xlsx(tmp_path / "programme.xlsx"))
    book.remove(book["Info"])
    book.save(tmp_path / "plain.xlsx")
    book["Programme"]["XFD1048576"] = "x"
    book.save(tmp_path / "stray.xlsx")
    with zipfile.ZipFile(tmp_path / "plain.xlsx") as plain, zipfile.ZipFile(tmp_path / "wide.xlsx", "w") as wide:
        for item in plain.infolist():
            data = plain.read(item)
            if item.filename.startswith("xl/worksheets/"):
                data, n = re.subn(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', data)
                assert n == 1
            wide.writestr(item, data)

    title = ("--map", "Title=Paper name")
    done = _limited_import(tmp_path / "stray.xlsx", tmp_path / "out-stray", *title)
    assert (done.returncode, done.stderr) == (1, (
        f"booklet: {tmp_path / 'stray.xlsx'}: sheet 'Programme' has a value as far as cell XFD1048576 (row 1,048,576, "
        "column 16,384): more than 2,000,000 cells to read, far more than a table of contributions holds; delete that "
        "value (a stray one?), or the rows and columns between it and the table, and save the workbook again; nothing "
        "was written.\n"))
    assert not (tmp_path / "out-stray").exists()

    done = _limited_import(tmp_path / "wide.xlsx", tmp_path / "out-wide", *title)
    assert done.returncode == 0, done.stderr
    mapped = Options(columns={"Title": "Paper name"})
    wide = table.read(tmp_path / "wide.xlsx", mapped)
    assert wide.documents == table.read(tmp_path / "plain.xlsx", mapped).documents
    assert [a["title"] for a in wide.documents["abstracts.yaml"]] == ["Migrating to R", "tmap v4"]


def test_a_cell_naming_more_people_than_booklet_imports_is_refused_naming_the_abstract(tmp_path):
    """As a schedule's event with 100,000 persons (the import fuzz's: over a minute, most of it fitting the author
    block): a spreadsheet's row naming 1,500 speakers was imported, 1,500 names under one title. More than 1,000 people
    for one abstract are refused, naming it, before the folder is written and checked: exit 1, nothing written. (A row
    of 1,001, one over: telling the people apart takes a time that grows with the square of their number.)"""
    from click.testing import CliRunner

    from booklet.cli import main
    from booklet.importers import read

    path = write_csv(tmp_path / "many.csv", [["Title", "Speakers", "Abstract"],
                                              ["A talk", ", ".join(f"Ann P{i}" for i in range(1001)), "Words."],
                                              ["Another", "Bo Jones", "More words."]])
    with pytest.raises(SourceError) as raised:
        read(path, Options())
    expected = (f"{path}: abstract talk ('A talk'): 1,001 people named for one contribution, more than booklet "
                "imports (1,000); name its speakers (or its collaboration) in the export and leave the others out")
    assert str(raised.value) == expected
    result = CliRunner().invoke(main, ["import", str(path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1 and expected in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_an_end_before_the_start_is_said_so(tmp_path):
    """A row whose End is before its Start ('09:20' to '09:00', or '09:20-09:00' in one cell) was imported with its
    start alone and no word: which time is right cannot be told, so the note names the row and both times. An end at
    its start is named the same; an evening's end after midnight ('23:00-00:40') and an end at midnight are ends."""
    rows = [["Title", "Speaker", "Date", "Start", "End"], ["A", "Ana Smith", "2027-03-04", "09:20", "09:00"],
            ["B", "Bo Chen", "2027-03-04", "10:00-10:00", ""], ["C", "Cy Li", "2027-03-04", "11:00", "11:30"],
            ["E", "Ed Li", "2027-03-04", "14:00", "00:00"], ["D", "Di Li", "2027-03-05", "23:00", "00:40"]]
    imported = table.read(write_csv(tmp_path / "d.csv", rows), Options())
    assert [n for n in imported.notes if "starts" in n] == [
        "line 2: 'A' ends before it starts ('09:20' to '09:00'): it has no end time; correct one of them",
        "line 3: 'B' ends as it starts ('10:00-10:00'): it has no end time; correct one of them"]
    times = [item["time"] for day in imported.documents["programme.yaml"]["days"] for item in day["items"]]
    assert times == ["09:20", "10:00", "11:00-11:30", "14:00-24:00", "23:00-00:40"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-32-be"])
def test_a_head_cut_inside_a_wide_character_is_read_to_its_last_whole_one(encoding):
    """A spreadsheet's head (its first bytes, to tell its kind) cut inside a character of UTF-16 or UTF-32 text is
    read to the character before it, as the importers' text_head reads it (data.load.after_wide_mark: one reading of
    the byte order marks for both); a UTF-16 head ended in U+FFFD, a character that is not in the file."""
    from booklet.importers import text_head

    text = "Title,Speaker\nÅngström lines,Ana Smith\n"
    raw = ("\ufeff" + text).encode(encoding) if encoding.endswith("be") else text.encode(encoding)
    size = 4 if "32" in encoding else 2  # (a character's bytes)
    for cut in range(1, 4):  # (bytes cut off its last character, or the last two of UTF-16's)
        read, codec = table._decode(raw[:len(raw) - cut], partial=True)
        assert text.startswith(read) and len(read) == len(text) - -(-cut // size) and codec == encoding[:6]
    assert table._decode(raw) == (text, encoding[:6])
    xml = ("\ufeff" if encoding.endswith("be") else "") + "<?xml version='1.0'?><schedule>"
    assert text_head(xml.encode(encoding)[:-1]) == xml.lstrip("\ufeff")[:-1].encode("utf-8")


# -- names: written family name first (sciencesconf), academic titles in them -----------------------------

def test_a_sciencesconf_export_writes_names_family_first_and_the_index_files_them_so(tmp_path):
    """uRos 2026's sciencesconf export writes 'Guyader Vincent' (family name first, in ordinary letters): the index
    filed him under V. people.yaml now gives each name's family name, its first word with the particles before it
    ('Van Der Laan'); a name that ends with an elided family name ('Marcello D'orazio', typed given name first) is
    left to the rule; an academic title inside a name is left out, with a note. The import says so in one note."""
    from booklet.text.names import split_name

    rows = [["SPEAKERS", "TYPDOC", "TITLE", "ABSTRACT"],
            ["Guyader Vincent , De Canteloube Matthieu ", "Regular presentation", "Migrating to R", "Words."],
            ["Van Der Laan Jan ", "Tutorial", "Statistical disclosure control", "Words."],
            ["Marcello D'orazio ", "Regular presentation", "Scaling errors", "Words."],
            ["Kocak Assoc. Prof. Necmettin Alpay ", "Regular presentation", "National Accountant", "Words."],
            ["Dr. Smith Ana", "Regular presentation", "Titled first", "Words."]]
    imported = table.read(write_csv(tmp_path / "abstracts.csv", rows), Options())
    people = {p["name"]: p["family"] for p in imported.documents["people.yaml"]}
    assert people == {"Guyader Vincent": "Guyader", "De Canteloube Matthieu": "De Canteloube",
                      "Van Der Laan Jan": "Van Der Laan", "Kocak Necmettin Alpay": "Kocak", "Smith Ana": "Smith"}
    assert [(split_name(name, family).family, split_name(name, family).given) for name, family in people.items()] == [
        ("Guyader", "Vincent"), ("De Canteloube", "Matthieu"), ("Van Der Laan", "Jan"), ("Kocak", "Necmettin Alpay"),
        ("Smith", "Ana")]
    speakers = [p["name"] for a in imported.documents["abstracts.yaml"] for p in a.get("authors", [a.get("speaker")])]
    assert sorted(speakers) == ["De Canteloube Matthieu", "Guyader Vincent", "Kocak Necmettin Alpay",
                                "Marcello D'orazio", "Smith Ana"]  # (Van Der Laan Jan's tutorial is in tutorials.yaml)
    # said once: people.yaml's note for families the source gives apart ("as the source gives it") is not added
    assert [n for n in imported.notes if "family" in n] == [
        "the names are written family name first, as sciencesconf.org exports them ('Guyader Vincent', 'De Canteloube "
        "Matthieu' and 4 more): printed as written, and filed in the index of authors by their first word, with the "
        "particles before it (people.yaml); a name typed given name first into the form is filed by its given name: "
        "give its family in people.yaml; 1 name(s) have two words or more after the family name so read, the first of "
        "which may be part of it ('Kocak Necmettin Alpay'): check their family in people.yaml"]
    notes = "\n".join(imported.notes)
    assert ("2 name(s) written with an academic title: the title left out, as booklet's data has no key for one "
            "(write it back into the name to print it): 'Kocak Assoc. Prof. Necmettin Alpay -> Kocak Necmettin "
            "Alpay', 'Dr. Smith Ana -> Smith Ana'") in notes
    read_back(imported, tmp_path / "folder")


def test_a_sciencesconf_name_typed_given_name_first_with_its_family_in_capitals_is_left_to_the_rule(tmp_path):
    """uRos 2026's export has seven people who typed their names given name first ("Damien Dupre", "Bogdan Oancea"):
    people.yaml filed them by their given name. Nothing in that export tells them from "Guyader Vincent" (a name in
    capitals after it would): the note asks the LOC to give their family. A family name in capitals after the given
    names, as sciencesconf's form writes it ("Damien DUPRE", "Ana Maria DE SOUZA"), is the rule's: no entry in
    people.yaml, filed under D; "DUPONT Jean" is still filed by its first word, "Smith Ana III" by Smith."""
    from booklet.text.names import split_name

    rows = [["SPEAKERS", "TYPDOC", "TITLE", "ABSTRACT"],
            ["Damien DUPRE , DUPONT Jean", "Regular presentation", "One", "Words."],
            ["Ana Maria DE SOUZA, Smith Ana III, Guyader Vincent", "Regular presentation", "Two", "Words."]]
    imported = table.read(write_csv(tmp_path / "abstracts.csv", rows), Options())
    assert imported.documents["people.yaml"] == [{"name": "Smith Ana III", "family": "Smith"},
                                                 {"name": "Guyader Vincent", "family": "Guyader"}]
    assert [split_name(name).inverted() for name in ("Damien DUPRE", "Ana Maria DE SOUZA", "DUPONT Jean")] == [
        "DUPRE, Damien", "DE SOUZA, Ana Maria", "DUPONT, Jean"]
    read_back(imported, tmp_path / "folder")


def test_a_vietnamese_family_before_van_or_thi_is_its_first_word_and_longer_names_are_named_to_check(tmp_path):
    """"Le Van Thanh" in a sciencesconf export got the family "Le Van" (le and van taken as particles, as in "Van Der
    Laan Jan"): it is "Le", as "Le Thi Huong"'s, while "Le Gall Marie" keeps "Le Gall". Nothing in the export says
    whether "Caldas Rivera Maria Paula" is filed under Caldas or Caldas Rivera: the first word is taken, and the note
    names such names for the LOC to check."""
    rows = [["SPEAKERS", "TYPDOC", "TITLE", "ABSTRACT"],
            ["Le Van Thanh , Le Thi Huong", "Regular presentation", "One", "Words."],
            ["Le Gall Marie, Caldas Rivera Maria Paula", "Regular presentation", "Two", "Words."],
            ["Caldas Rivera Maria Paula", "Regular presentation", "Three", "Words."]]
    imported = table.read(write_csv(tmp_path / "abstracts.csv", rows), Options())
    from booklet.text.names import split_name

    people = {p["name"]: p["family"] for p in imported.documents["people.yaml"]}
    # (the index's rule finds Le itself, names.vietnamese_order: no entry needed)
    assert people == {"Le Gall Marie": "Le Gall", "Caldas Rivera Maria Paula": "Caldas"}
    assert [split_name(name).family for name in ("Le Van Thanh", "Le Thi Huong")] == ["Le", "Le"]
    note, = [n for n in imported.notes if "family name first" in n]
    assert note.endswith("; 1 name(s) have two words or more after the family name so read, the first of which may "
                         "be part of it ('Caldas Rivera Maria Paula'): check their family in people.yaml")
    read_back(imported, tmp_path / "folder")


def test_a_family_name_given_in_its_own_column_is_kept_for_the_index(tmp_path):
    """A presenting author given in parts, family name "Caldas Rivera": the name printed is "Maria Paula Caldas
    Rivera", which the index filed as "Rivera, Maria Paula Caldas" (its last word); people.yaml now gives the family
    the source gave, and leaves out those the rule finds ("Smith")."""
    from booklet.text.names import split_name

    path = write_csv(tmp_path / "a.csv", [
        ["Title", "Abstract", "Presenting author: Family name", "Presenting author: First name"],
        ["T1", "Text", "Caldas Rivera", "Maria Paula"], ["T2", "Text", "Smith", "Ana"]])
    imported = table.read(path, Options())
    assert [a["speaker"]["name"] for a in imported.documents["abstracts.yaml"]] == ["Maria Paula Caldas Rivera",
                                                                                 "Ana Smith"]
    assert imported.documents["people.yaml"] == [{"name": "Maria Paula Caldas Rivera", "family": "Caldas Rivera"}]
    assert split_name("Maria Paula Caldas Rivera", "Caldas Rivera").inverted() == "Caldas Rivera, Maria Paula"
    read_back(imported, tmp_path / "folder")


def test_a_family_name_written_first_before_a_comma_is_kept_for_the_index(tmp_path):
    """ConfTool writes "Ruiz de Gordejuela, Unai" and "Mohagheghi Fard, Ehsan" (GMTH 2023): the name printed is
    "Unai Ruiz de Gordejuela", which the index filed as "Gordejuela, Unai Ruiz de" (its last word); people.yaml now
    gives the family written before the comma, its title left out, where the rule finds another (not "Smith", nor
    "Kerneizon" of "Kerneizon, Paul Le Guen de", nor "Traschewski" before a call sign). A presenting author given
    in parts beside a list of co-authors that does not name her kept her name and lost her family ("Fani Sani",
    Les Houches 2018's form)."""
    from booklet.text.names import split_name

    path = write_csv(tmp_path / "a.csv", [
        ["Title", "Authors", "Affiliations", "Speaker"],
        ["T1", "Ruiz de Gordejuela, Unai; Smith, Ana", "Uni", "Ruiz de Gordejuela, Unai"],
        ["T2", "Kerneizon, Paul Le Guen de; Traschewski, Jann, DG8NGN", "Uni", ""],
        ["T3", "Smith, Dr. Ana; Dr. Mohagheghi Fard, Ehsan", "Uni", "Hostalrich Llopis, Elías"]])
    imported = table.read(path, Options())
    assert [[p["name"] for p in a["authors"]] for a in imported.documents["abstracts.yaml"]] == [
        ["Unai Ruiz de Gordejuela", "Ana Smith"], ["Paul Le Guen de Kerneizon", "Jann Traschewski, DG8NGN"],
        ["Elías Hostalrich Llopis", "Ana Smith", "Ehsan Mohagheghi Fard"]]
    assert imported.documents["people.yaml"] == [
        {"name": "Unai Ruiz de Gordejuela", "family": "Ruiz de Gordejuela"},
        {"name": "Elías Hostalrich Llopis", "family": "Hostalrich Llopis"},
        {"name": "Ehsan Mohagheghi Fard", "family": "Mohagheghi Fard"}]
    assert split_name("Unai Ruiz de Gordejuela", "Ruiz de Gordejuela").inverted() == "Ruiz de Gordejuela, Unai"
    read_back(imported, tmp_path / "folder")
    path = write_csv(tmp_path / "form.csv", [
        ["Title", "Abstract", "Presenting author: Family name", "Presenting author: First name", "Co-authors"],
        ["T1", "Text", "Fani Sani", "Fatemeh", "P. Kim and B. Hauer"]])
    imported = table.read(path, Options())
    assert [p["name"] for p in imported.documents["abstracts.yaml"][0]["authors"]] == [
        "Fatemeh Fani Sani", "P. Kim", "B. Hauer"]
    assert imported.documents["people.yaml"] == [{"name": "Fatemeh Fani Sani", "family": "Fani Sani"}]


def test_a_call_sign_after_a_comma_is_part_of_the_name_not_a_person(tmp_path):
    """FOSDEM writes "Jann Traschewski, DG8NGN": in a cell of speakers it was two people, one called "DG8NGN", and
    a column of names written "Last, First" turned it round into "DG8NGN Jann Traschewski"."""
    from booklet.importers.assemble import flip_name

    assert table.split_names("Jann Traschewski, DG8NGN, Ana Smith") == ["Jann Traschewski, DG8NGN", "Ana Smith"]
    assert table.split_names("Ana Lee2, Bo Wu3") == ["Ana Lee2", "Bo Wu3"]
    # a handle is a speaker of its own (39c3's "m4rtin", "L3D"), only a call sign's shape is kept with the name
    assert table.split_names("Ana Smith, r0ml, Bo Lee") == ["Ana Smith", "r0ml", "Bo Lee"]
    assert table.split_names("Ana Smith, m4rtin and L3D") == ["Ana Smith", "m4rtin", "L3D"]
    assert flip_name("Jann Traschewski, DG8NGN") == "Jann Traschewski, DG8NGN"
    assert flip_name("Traschewski, Jann") == "Jann Traschewski"


def test_a_call_sign_after_a_name_written_family_name_first_stays_with_that_person(tmp_path):
    """"Traschewski, Jann, DG8NGN" (family name first, a call sign after it) was printed so in a cell of speakers
    between semicolons, and alone in a cell was two people, "Traschewski" and "Jann, DG8NGN"; Indico's "Name
    (Affiliation)" cell made "Ana Smith, DK4HAA (Lund University)" two people, one called "DK4HAA". Each is one person,
    given name first, the call sign kept after a comma (where the index sets it aside: names.comma_tag)."""
    from booklet.importers.assemble import flip_name

    assert flip_name("Traschewski, Jann, DG8NGN") == "Jann Traschewski, DG8NGN"
    assert table.split_names("Traschewski, Jann, DG8NGN") == ["Traschewski, Jann, DG8NGN"]
    assert [p.name for p in table.people_from("Traschewski, Jann, DG8NGN; Other, Person")] == [
        "Jann Traschewski, DG8NGN", "Person Other"]
    assert [p.name for p in table.people_from("Ana Smith, DK4HAA, Bo Lee")] == ["Ana Smith, DK4HAA", "Bo Lee"]
    people = table.people_with_affiliations("Ana Smith, DK4HAA (Lund University), Bo Lee (MIT); Cy Ode, W1AW")
    assert [(p.name, p.affiliations) for p in people] == [("Ana Smith, DK4HAA", ["Lund University"]),
                                                          ("Bo Lee", ["MIT"]), ("Cy Ode, W1AW", [])]
    # a call sign's comma parts no family name from given names: a column of such names is no 'Last, First' column
    assert not table.last_first_column(["Jann Traschewski, DG8NGN; Ana Smith, DK4HAA"])
    assert table.last_first_column(["Traschewski, Jann, DG8NGN; Other, Person"])
    assert not table.last_first_leaning(["Jann Traschewski, DG8NGN"])
    path = write_csv(tmp_path / "calls.csv", [["Title", "Speakers"],
                                              ["T1", "Traschewski, Jann, DG8NGN; Other, Person"],
                                              ["T2", "Ana Smith, DK4HAA"], ["T3", "Smith, Ana, DK4HAA"]])
    names = {a["title"]: [p["name"] for p in a.get("authors") or [a["speaker"]]]
             for a in table.read(path, Options()).documents["abstracts.yaml"]}
    assert names == {"T1": ["Jann Traschewski, DG8NGN", "Person Other"], "T2": ["Ana Smith, DK4HAA"],
                     "T3": ["Ana Smith, DK4HAA"]}


def test_an_empty_piece_before_a_call_sign_or_an_institution_makes_no_one_of_a_comma():
    """A "Name (Affiliation)" cell with an empty piece (a doubled or leading comma) glued the call sign or institution
    after it onto nothing: "Ana Smith,, DG8NGN" gave a person called ", DG8NGN", and "Ana Smith, , Lund University"
    lost the institution. Empty pieces are no one's."""
    for cell, people in ((", DG8NGN", [("DG8NGN", [])]), ("Ana Smith,, DG8NGN", [("Ana Smith, DG8NGN", [])]),
                         ("Ana Smith, , Lund University; Bo Lee (MIT)", [("Ana Smith", ["Lund University"]),
                                                                           ("Bo Lee", ["MIT"])])):
        assert [(p.name, p.affiliations) for p in table.people_with_affiliations(cell)] == people


def test_a_family_name_first_with_particles_is_one_person_and_loses_no_word(tmp_path):
    """"Kerneizon, Paul Le Guen de" (as an index writes "Paul Le Guen de Kerneizon": the particle after the given
    names) was two people, "Kerneizon" and "Paul Le Guen de", as were "Le Guen de Kerneizon, Paul" (a family name of
    four words) and "van der Smagt, Patrick Jan". A particle in small letters is no word of the family name when its
    words are counted, nor of the given names when it ends them; each is one person, every word kept, and the index
    files "Paul Le Guen de Kerneizon" under K as the first writing says ("Kerneizon, Paul Le Guen de")."""
    from booklet.text.names import split_name

    for cell, name in (("Kerneizon, Paul Le Guen de", "Paul Le Guen de Kerneizon"),
                       ("Le Guen de Kerneizon, Paul", "Paul Le Guen de Kerneizon"),
                       ("van der Smagt, Patrick Jan", "Patrick Jan van der Smagt"),
                       ("de Souza, Ana Maria", "Ana Maria de Souza")):
        assert table.split_names(cell) == [cell]
        assert [p.name for p in table.people_from(cell)] == [name]
    assert split_name("Paul Le Guen de Kerneizon").inverted() == "Kerneizon, Paul Le Guen de"
    # a family name of two words and more, none a particle, before several given names is still two people's
    assert table.split_names("Ana van Dijk, Bo Lee") == ["Ana van Dijk", "Bo Lee"]
    assert table.split_names("Ana Smith, Bo Jones") == ["Ana Smith", "Bo Jones"]
    assert table.split_names("de, Ana") == ["de", "Ana"]  # (a family name of particles alone is none)
    path = write_csv(tmp_path / "particles.csv", [["Title", "Authors", "Affiliations"],
                                                  ["T1", "Kerneizon, Paul Le Guen de", "Uni"]])
    assert table.read(path, Options()).documents["abstracts.yaml"][0]["speaker"] == {
        "name": "Paul Le Guen de Kerneizon", "affiliation": "Uni"}


def test_an_institution_after_a_name_is_its_affiliation_and_a_title_before_a_family_no_person(tmp_path):
    """A form's speaker cell "Ana Smith, Lund University; Bo Lee" printed "Lund University Ana Smith" (read 'Last,
    First'), and "Smith, Ana, University of Lund" was three people, one called "University of Lund"; "Prof. Dr.
    Smith, Ana" was two, "Prof. Dr. Smith" and "Ana"; BibTeX's "Smith, Ana and Lee, Bo" four. An institution after a
    comma (a word such as University, Institute, Department) is the person's affiliation; a name of a group ("Immich
    Team") or an acronym ("MIT") is not taken for one."""
    assert [(p.name, p.affiliations) for p in table.people_from("Ana Smith, Lund University; Bo Lee")] == [
        ("Ana Smith", ["Lund University"]), ("Bo Lee", [])]
    assert [(p.name, p.affiliations) for p in table.people_from("Smith, Ana, University of Lund")] == [
        ("Ana Smith", ["University of Lund"])]
    assert [(p.name, p.affiliations) for p in table.people_from("Ana Smith, Lund University, Sweden; Bo Lee")] == [
        ("Ana Smith", ["Lund University, Sweden"]), ("Bo Lee", [])]  # (between semicolons: the rest is hers)
    assert [(p.name, p.affiliations) for p in table.people_from("Ana Smith, Lund University (1)", "1: ETH")] == [
        ("Ana Smith", ["ETH"])]  # (the cell of affiliations gives hers)
    assert table.split_names("Ana Smith, Immich Team, Bo Lee") == ["Ana Smith", "Immich Team", "Bo Lee"]
    assert [(p.name, p.family) for p in table.people_from("Prof. Dr. Smith, Ana")] == [("Ana Prof. Dr. Smith",
                                                                                          "Smith")]
    assert table.split_names("Smith, Ana and Lee, Bo") == ["Smith, Ana", "Lee, Bo"]
    assert table.split_names("van der Berg, Jan and de Vries, Piet") == ["van der Berg, Jan", "de Vries, Piet"]
    assert table.split_names("Ana Smith, Bo Lee and Cy Wu") == ["Ana Smith", "Bo Lee", "Cy Wu"]
    path = write_csv(tmp_path / "speakers.csv", [["Title", "Speaker"], ["T1", "Ana Smith, Lund University"],
                                                 ["T2", "Prof. Dr. Smith, Ana"], ["T3", "Smith, Ana and Lee, Bo"]])
    imported = table.read(path, Options())
    assert [a.get("authors") or [a["speaker"]] for a in imported.documents["abstracts.yaml"]] == [
        [{"name": "Ana Smith", "affiliation": "Lund University"}], [{"name": "Ana Smith"}],
        [{"name": "Ana Smith", "presenting": True}, {"name": "Bo Lee", "presenting": True}]]
    read_back(imported, tmp_path / "folder")


@pytest.mark.parametrize("institution", [
    "Universidade de São Paulo", "Lunds universitet", "Universite de Lyon", "UNIVERSITÄT WIEN", "Università di Pisa",
    "École Polytechnique", "Politecnico di Milano", "Helsingin yliopisto", "Fakultät für Physik", "Instytut Fizyki",
    "Escuela Politécnica Nacional", "Dept. of Physics", "Acme GmbH"])
def test_an_institution_in_another_language_after_a_name_is_its_affiliation(institution):
    """The institution words were a list of their own in English and a few other spellings, accents required:
    "Ana Smith, Universidade de São Paulo, Bo Lee" made "Universidade de São Paulo" a person, as it did "Lunds
    universitet" and "Universite de Lyon" (typed without its accent). The words are one table now (text.institutions,
    lint's too), compared folded."""
    people = table.people_from(f"Ana Smith, {institution}, Bo Lee")
    assert [(p.name, p.affiliations) for p in people] == [("Ana Smith", [institution]), ("Bo Lee", [])]


def test_a_person_whose_family_name_is_an_institution_word_stays_a_person(tmp_path):
    """"Bo Lee, Ana Center" (Center, College, Hospital are family names too) made Ana Center Bo Lee's affiliation:
    a speaker gone from the programme. A name of two words is a person's; three words and more with such a word, or
    a word no family has ("Lund University"), are an institution's."""
    assert [(p.name, p.affiliations) for p in table.people_from("Bo Lee, Ana Center, Jo College")] == [
        ("Bo Lee", []), ("Ana Center", []), ("Jo College", [])]
    assert [(p.name, p.affiliations) for p in table.people_from("Bo Lee, Imperial College London; Marta Escolà")] == [
        ("Bo Lee", ["Imperial College London"]), ("Marta Escolà", [])]
    assert table.split_names("Center, Ana") == ["Center, Ana"]
    path = write_csv(tmp_path / "speakers.csv", [["Title", "Speaker"], ["T1", "Bo Lee, Ana Center"]])
    assert [p["name"] for p in table.read(path, Options()).documents["abstracts.yaml"][0]["authors"]] == [
        "Bo Lee", "Ana Center"]


def test_a_family_name_with_a_capitalised_particle_before_two_given_names_is_one_person(tmp_path):
    """"Da Silva, João Pedro" (family name first, its particle written with a capital) was two people, "Da Silva" and
    "João Pedro": the capital made "Da" a word of a family of two, and two given names after one of two words read
    as two people's. A capitalised particle before another word of the family counts no more than a small one, as
    the index reads it part of the family ("Da Silva, João Pedro"); "Al" is a given name too ("Al Gore")."""
    from booklet.text.names import split_name

    for cell, name in (("Da Silva, João Pedro", "João Pedro Da Silva"), ("De Souza, Ana Maria", "Ana Maria De Souza"),
                       ("Van der Berg, Jan Willem", "Jan Willem Van der Berg"),
                       ("Dos Santos, Maria José", "Maria José Dos Santos")):
        assert table.split_names(cell) == [cell]
        assert [(p.name, p.family) for p in table.people_from(cell)] == [(name, cell.split(",")[0])]
    assert split_name("João Pedro Da Silva").inverted() == "Da Silva, João Pedro"
    assert table.split_names("Ana Smith, Bo Jones") == ["Ana Smith", "Bo Jones"]
    assert table.split_names("Al Gore, Bo Lee") == ["Al Gore", "Bo Lee"]
    assert table.split_names("Le Van Thanh, Bo Lee") == ["Le Van Thanh", "Bo Lee"]  # (Vietnamese: Le is no particle)
    path = write_csv(tmp_path / "speakers.csv", [["Title", "Speaker"], ["T1", "Da Silva, João Pedro"]])
    imported = table.read(path, Options())
    assert imported.documents["abstracts.yaml"][0]["speaker"] == {"name": "João Pedro Da Silva"}
    assert "people.yaml" not in imported.documents  # (the index finds "Da Silva" itself)


@pytest.mark.parametrize("cell", ["Di Wang, Bo Lee", "Du Wei, Ana Maria", "Van Nguyen, Bo Lee", "Le Minh, Bo Lee"])
def test_an_east_asian_name_starting_with_a_particle_word_is_no_family_name_first(cell):
    """"Di Wang, Bo Lee" (two people, given name first) was read as one, "Bo Lee Di Wang": "Di" taken for the
    particle of "Da Silva, João Pedro". A capitalised particle before a word that makes a pinyin pair with it, or
    beside a Vietnamese family name ("Van Nguyen": Văn a given name), is a word of a name: two people, as before;
    "De Jong, Jan Willem" (no pinyin: j only before i or u) is still one."""
    assert table.split_names(cell) == cell.split(", ")
    assert [p.name for p in table.people_from(cell)] == cell.split(", ")
    assert table.split_names("De Jong, Jan Willem") == ["De Jong, Jan Willem"]


@pytest.mark.parametrize("cell, printed, noted", [
    ("Ana Smith, MSc", ["Ana Smith"], 1), ("Ana Smith, M.D.", ["Ana Smith"], 1),
    ("Ana Smith, PhD, MD", ["Ana Smith"], 1), ("Ana Smith, MSC, Bo Lee, FRS", ["Ana Smith", "Bo Lee"], 2),
    ("Smith, Ana, MSc", ["Ana Smith"], 1), ("Ana Smith, Jr.", ["Ana Smith, Jr."], 0),
    ("Smith, Ana, Jr.", ["Ana Smith, Jr."], 0), ("Ana Smith, III", ["Ana Smith, III"], 0),
    ("Martin Luther King, Jr., Bo Lee", ["Martin Luther King, Jr.", "Bo Lee"], 0),
    ("Ana Smith, Jr., MD; Bo Lee, Prof.", ["Ana Smith, Jr.", "Bo Lee"], 2), ("Li Ma, Bo Lee", ["Li Ma", "Bo Lee"], 0),
    ("Ana Smith, MD (she/her)", ["Ana Smith (she/her)"], 1),  # (was "MD (she/her) Ana Smith", family "Ana Smith")
    ("Smith, Ana, Jr. (she/her)", ["Ana Smith, Jr. (she/her)"], 0),
    # (a family name alone and initials that are a degree's letters: "J.D. Smith" before 03f02e2f, then "Smith, J.D.")
    ("Smith, J.D.", ["J.D. Smith"], 0), ("Smith, J.D., Lee, B.A.", ["J.D. Smith", "B.A. Lee"], 0),
    ("van Dijk, M. A.", ["M. A. van Dijk"], 0), ("Smith, Ana, M.D.", ["Ana Smith"], 1)])
def test_degrees_and_suffixes_after_a_comma_are_the_persons_not_people(tmp_path, cell, printed, noted):
    """"Ana Smith, MSc" imported a speaker called "MSc" (and "Smith, Ana, MSc" was read "MSc Ana Smith"); "Smith, Ana,
    Jr." three people, one called "Jr.". Post-nominals after a comma (the table names.DEGREES and
    names.GENERATIONAL_SUFFIXES) are the person's: a degree or fellowship left out, as an academic title is (the
    notes say so), a generational suffix kept, after a comma, where the index sets it aside ("King, Martin Luther,
    Jr."). "Ma" is a family name, not the degree "MA"."""
    path = write_csv(tmp_path / "speakers.csv", [["Title", "Speaker"], ["T1", cell]])
    imported = table.read(path, Options())
    abstract = imported.documents["abstracts.yaml"][0]
    assert [p["name"] for p in abstract.get("authors") or [abstract["speaker"]]] == printed
    assert "people.yaml" not in imported.documents  # (the family is the one the index finds)
    assert [n.split(" name(s)")[0] for n in imported.notes if "written with an academic title" in n] == (
        [str(noted)] if noted else [])
    read_back(imported, tmp_path / "folder")


def test_a_degree_before_an_affiliation_in_brackets_is_the_persons():
    """Indico's "Name (Affiliation)" cell: "Ana Smith, MSc (Lund University)" made a person "MSc" of Lund University."""
    people = table.people_with_affiliations("Ana Smith, MSc (Lund University), Bo Lee, Jr. (MIT), Cy Ode")
    assert [(p.name, p.affiliations) for p in people] == [
        ("Ana Smith, MSc", ["Lund University"]), ("Bo Lee, Jr.", ["MIT"]), ("Cy Ode", [])]
    # (a family name and initials that are a degree's letters too: people written family name first, not "Smith, J.D."
    # printed as written, nor two people "Smith" and "J.D." as before 03f02e2f)
    people = table.people_with_affiliations("Smith, J.D. (MIT), Lee, B.A.; Ode, M.D., Ana Smith, M.D. (Lund)")
    assert [(p.name, p.affiliations, p.family) for p in people] == [
        ("J.D. Smith", ["MIT"], "Smith"), ("B.A. Lee", [], "Lee"), ("M.D. Ode", [], "Ode"),
        ("Ana Smith, M.D.", ["Lund"], None)]
    # (initials and a degree after them, in a list cut at commas: no person "M.D. J." filed under the initials "J.", as
    # 1a23aba3's _initials_family_first read them, taking the initials for a family name)
    for cell in ("Lee, B.A., Smith, J., M.D.", "Ana Smith (MIT), Lee, J.-P., M.D."):
        people = table.people_with_affiliations(cell)
        assert not [p.name for p in people if p.name.startswith("M.D.") or p.family in ("J.", "J.-P.")], cell


@pytest.mark.parametrize("cell, printed", [
    ("Lee, MA", ["MA Lee"]), ("Lee, M.A.", ["M.A. Lee"]), ("van Dijk, MA", ["MA van Dijk"]),
    ("Lee, BA; Smith, Ana", ["BA Lee", "Ana Smith"]), ("Lee, MA (Lund University)", ["MA Lee"]),
    ("Lee, Ana, MA", ["Ana Lee"]), ("Ana Lee, MA", ["Ana Lee"]), ("Ana Smith, MA, Bo Lee", ["Ana Smith", "Bo Lee"]),
    ("Lee, PhD", ["Lee, PhD"])])
def test_capitals_after_a_family_name_alone_are_initials_in_every_reader(tmp_path, cell, printed):
    """"Lee, MA" was M. A. Lee in a table's cell, Indico's full name and AMCOS's author line, but kept as written,
    "Lee, MA", in Indico's CSV cells (people_with_affiliations: its own test of a given name knew no initials
    without full stops and vowels), and "Lee, MA (Lund University)" lost its MA to a degree (the note after it
    hid the initials). One rule, assemble.initials_after_family, for all: capitals after a family name alone are
    initials, with full stops or without; after a full name or a second comma the degree, left out."""
    from booklet.importers.amcos import _author
    from booklet.importers.assemble import without_titles
    from booklet.importers.indico import _people

    readers = {"table": [p.name for p in table.people_from(cell)],
               "indico csv": [p.name for p in table.people_with_affiliations(cell)],
               "indico json": [p.name for p in _people([{"fullName": cell}])]}
    if ";" not in cell and cell.count(",") == 1:
        readers["amcos"] = [_author(tmp_path / "t_lee.txt", 3, cell, [])[0].name]  # (an author a line)
    for reader, names in readers.items():
        assert [without_titles(name.split(" (")[0]) for name in names] == printed, reader


@pytest.mark.parametrize("cell, people", [
    ("Smith, Ana, Jones, Bo", [("Ana Smith", "Smith"), ("Bo Jones", "Jones")]),
    ("Ruiz de Gordejuela, Unai, Smith, Ana, Ng, Cy", [("Unai Ruiz de Gordejuela", "Ruiz de Gordejuela"),
                                                       ("Ana Smith", "Smith"), ("Cy Ng", "Ng")]),
    ("Smith, Ana, Lee, MA", [("Ana Smith", "Smith"), ("MA Lee", "Lee")]),
    ("Smith, J., Doe, A. B.", [("J. Smith", "Smith"), ("A. B. Doe", "Doe")]),
    # (no pairing all through, two names of one word: whose family is whose is untold, kept as written and noted)
    ("Smith, Ana, Jones", [("Smith, Ana, Jones", None)]),
    ("García Márquez, José Luis, Smith, Ana", [("García Márquez, José Luis, Smith, Ana", None)]),
    # (lists of names given first stay lists)
    ("Ana Smith, Bo, Cy Ng", [("Ana Smith", None), ("Bo", None), ("Cy Ng", None)]),
    ("Ana Smith, Bo Jones, Cy Ng", [("Ana Smith", None), ("Bo Jones", None), ("Cy Ng", None)])])
def test_several_people_written_family_name_first_with_commas_alone(tmp_path, cell, people):
    """"Smith, Ana, Jones, Bo" was four people, "Smith", "Ana", "Jones" and "Bo", in the tables' and Indico's CSV cells
    (kept as one name in an Indico full name). Where every part pairs with the next as a family name and given names
    it is those people (table._family_first_people), in every reader; where it does not, and two names of one word
    are in it, it is kept as written and the import's note names it."""
    from booklet.importers.indico import _people

    assert [(p.name, p.family) for p in table.people_from(cell)] == people
    assert [(p.name, p.family) for p in table.people_with_affiliations(cell)] == people
    assert [(p.name, p.family) for p in _people([{"fullName": cell}])] == people
    path = write_csv(tmp_path / "authors.csv", [["Title", "Authors"], ["T1", cell]])
    imported = table.read(path, Options())
    abstract = imported.documents["abstracts.yaml"][0]
    assert [p["name"] for p in abstract.get("authors") or [abstract["speaker"]]] == [name for name, _ in people]
    kept = [n for n in imported.notes if "may be several people written family name first" in n]
    assert kept == (["1 name(s) may be several people written family name first with commas alone, whose family "
                     f"names cannot be told from their given names: kept as written ('{cell}'); write each person "
                     "apart (between semicolons in the source: 'Smith, Ana; Jones, Bo')"] if len(people) == 1 else [])
    read_back(imported, tmp_path / "folder")


def test_a_suffix_after_a_name_keeps_its_family_for_the_index():
    """The suffix set aside, the family is the name's last word before it: "Ana Smith, Jr." is filed "Smith, Ana, Jr.",
    and a name written family name first with a suffix is no "Last, First" column's sign of two people."""
    from booklet.importers.assemble import flipped, without_titles
    from booklet.text.names import split_name

    assert flipped("Smith, Ana, Jr.") == ("Ana Smith, Jr.", "Smith")
    assert flipped("Smith, Ana, MSc") == ("Ana Smith, MSc", "Smith")
    assert without_titles("Ana Smith, Jr., MD") == "Ana Smith, Jr."
    assert without_titles("Ana Smith, MA") == "Ana Smith"
    assert without_titles("Yan MA") == "Yan MA"  # (no comma: a family name in capitals)
    assert without_titles("Smith, MSc") == "Smith, MSc"  # (one word of a name would be left)
    assert split_name("Ana Smith, Jr.").inverted() == "Smith, Ana, Jr."
    assert table.last_first_column(["Smith, Ana, Jr.; Lee, Bo"])
    assert not table.last_first_column(["Ana Smith, MSc; Bo Lee, PhD"])


def test_a_country_after_an_institution_after_a_name_is_the_affiliations_not_a_person(tmp_path):
    """"Ana Smith, Lund University, Sweden" in a cell of names cut at commas imported a speaker called "Sweden". A
    country (text.places: CLDR's names, in English and the country's own languages) after an institution is part of
    that affiliation; a piece after it that is no country is the next person (a country alone after a name: the next
    test)."""
    people = table.people_from("Ana Smith, Lund University, Sweden, Bo Lee, Uniwersytet Warszawski, Polska, Cy Ode")
    assert [(p.name, p.affiliations) for p in people] == [
        ("Ana Smith", ["Lund University, Sweden"]), ("Bo Lee", ["Uniwersytet Warszawski, Polska"]), ("Cy Ode", [])]
    assert table.split_names("Ana Smith, Lund University, USA, Bo Lee") == [
        "Ana Smith, Lund University, USA", "Bo Lee"]
    assert table.split_names("Ana Smith, Bo Lee, Chad Jones") == ["Ana Smith", "Bo Lee", "Chad Jones"]
    path = write_csv(tmp_path / "speakers.csv", [["Title", "Speaker"], ["T1", "Ana Smith, Lund University, Sweden"]])
    assert table.read(path, Options()).documents["abstracts.yaml"][0]["speaker"] == {
        "name": "Ana Smith", "affiliation": "Lund University, Sweden"}


def test_a_country_alone_after_a_full_name_is_the_affiliation(tmp_path):
    """"Ana Smith, Sweden" (a form's speaker who wrote a country and no institution) was read family name first and
    printed "Sweden Ana Smith". A country after a full name (two words or more) is the affiliation, as a country
    column alone is; "Smith, Jordan" and "Lee, Chad" (a family name, then a given name that names a country too) stay
    people, as does "Van Dijk, Jordan" (a particle is no word of the name), and, in a column that writes names family
    name first, "Pérez García, Israel"."""
    assert [(p.name, p.affiliations) for p in table.people_from("Ana Smith, Sweden")] == [("Ana Smith", ["Sweden"])]
    assert [(p.name, p.affiliations) for p in table.people_from("Ana Smith, MSc, Sweden, Bo Lee, Norge")] == [
        ("Ana Smith, MSc", ["Sweden"]), ("Bo Lee", ["Norge"])]
    assert [(p.name, p.affiliations) for p in table.people_from("Smith, Ana, Sweden; Lee, Bo")] == [
        ("Ana Smith", ["Sweden"]), ("Bo Lee", [])]
    # (a cell of that person alone, and Indico's "Name (Affiliation)" cells, were three people: "Smith", "Ana" and
    # "Sweden")
    assert [(p.name, p.affiliations) for p in table.people_from("Smith, Ana, Sweden")] == [("Ana Smith", ["Sweden"])]
    people = table.people_with_affiliations("Smith, Ana (Lund University), Sweden; Lee, Bo, Chad; Ode, Cy, Norge")
    assert [(p.name, p.affiliations, p.family) for p in people] == [
        ("Ana Smith", ["Lund University, Sweden"], "Smith"), ("Bo Lee", ["Chad"], "Lee"), ("Cy Ode", ["Norge"], "Ode")]
    for written, printed in (("Smith, Jordan", "Jordan Smith"), ("Lee, Chad", "Chad Lee"),
                             ("Van Dijk, Jordan", "Jordan Van Dijk")):
        assert [(p.name, p.affiliations) for p in table.people_from(written)] == [(printed, [])]
    assert [p.name for p in table.people_from("Pérez García, Israel", leaning=True)] == ["Israel Pérez García"]
    assert [(p.name, p.affiliations) for p in table.people_from("Ana Smith, Sweden", leaning=True)] == [
        ("Ana Smith", ["Sweden"])]
    path = write_csv(tmp_path / "speakers.csv", [["Title", "Speaker"], ["T1", "Ana Smith, Sweden"],
                                                 ["T2", "Smith, Jordan"], ["T3", "Lee, Chad"]])
    docs = table.read(path, Options()).documents
    assert [a["speaker"] for a in docs["abstracts.yaml"]] == [
        {"name": "Ana Smith", "affiliation": "Sweden"}, {"name": "Jordan Smith"}, {"name": "Chad Lee"}]
    assert "people.yaml" not in docs  # (no "Sweden Ana Smith" filed under Smith)


def test_a_family_name_a_given_name_and_a_country_between_commas_are_one_person_from_there(tmp_path):
    """"Smith, Ana, Sweden" in a cell of names cut at commas (no semicolon) imported three speakers, "Smith", "Ana" and
    "Sweden"; in Indico's "Name (Affiliation)" column, one called "Smith, Ana". A cell that starts with a family name,
    a given name and a country is one person from that country; "Ana Smith, Bo Lee, Sweden" is two people still."""
    for written in ("Smith, Ana, Sweden", "Smith, Jordan, Sweden", "Van Dijk, Jordan, Sweden"):
        printed = " ".join(reversed(written.rsplit(",", 1)[0].split(", ")))
        assert [(p.name, p.affiliations) for p in table.people_from(written)] == [(printed, ["Sweden"])]
        assert [(p.name, p.affiliations) for p in table.people_with_affiliations(written)] == [(printed, ["Sweden"])]
    assert [(p.name, p.affiliations) for p in table.people_from("Ana Smith, Bo Lee, Sweden")] == [
        ("Ana Smith", []), ("Bo Lee", ["Sweden"])]
    path = write_csv(tmp_path / "speakers.csv", [["Title", "Speaker"], ["T1", "Smith, Ana, Sweden"],
                                                 ["T2", "Pérez García, Jordan, Spain"]])
    docs = table.read(path, Options()).documents
    assert [a["speaker"] for a in docs["abstracts.yaml"]] == [{"name": "Ana Smith", "affiliation": "Sweden"},
                                                              {"name": "Jordan Pérez García", "affiliation": "Spain"}]
    assert "people.yaml" not in docs  # (the index files him under Pérez García unaided: text.names._spanish_family)
    read_back(table.read(path, Options()), tmp_path / "folder")


def test_a_country_that_is_a_given_name_is_read_by_the_shape_of_its_cell(tmp_path):
    """"Pérez García, Israel" beside names written "Family, Given" between semicolons was read as a full name from
    Israel ("Pérez García", affiliation "Israel"): the cell writes names family name first, and Israel (a country that
    is a given name too: places.given_name_too) is his given name, in a column of names and in Indico's "Name
    (Affiliation)" one. Where the cell writes full names with their countries ("Ana Smith, Israel; Bo Lee, Sweden"),
    or alone, it stays the affiliation."""
    cell = "Pérez García, Israel; Smith, Ana, Sweden"
    for read in (table.people_from, table.people_with_affiliations):
        assert [(p.name, p.affiliations, p.family) for p in read(cell)] == [
            ("Israel Pérez García", [], "Pérez García"), ("Ana Smith", ["Sweden"], "Smith")]
        assert [(p.name, p.affiliations) for p in read("Ana Smith, Israel; Bo Lee, Sweden")] == [
            ("Ana Smith", ["Israel"]), ("Bo Lee", ["Sweden"])]
        assert [(p.name, p.affiliations) for p in read("Ana Smith, Israel")] == [("Ana Smith", ["Israel"])]
    assert table.last_first_column([cell]) and not table.last_first_column(["Ana Smith, Israel; Bo Lee, Sweden"])
    path = write_csv(tmp_path / "abstracts.csv", [["Title", "Authors"], ["T1", cell]])
    imported = table.read(path, Options())
    assert imported.documents["abstracts.yaml"][0]["authors"] == [
        {"name": "Israel Pérez García"}, {"name": "Ana Smith", "affiliation": "Sweden"}]
    assert "people.yaml" not in imported.documents  # (the index finds Pérez García: text.names._spanish_family)
    read_back(imported, tmp_path / "folder")


def test_a_family_name_led_by_particles_and_two_given_names_are_one_person(tmp_path):
    """"De La Cruz, Bo Lee" was two people, "De La Cruz" and "Bo Lee" ("De La" read as two syllables of pinyin, a
    Chinese name's, as "Di Wang" is), and "Van Morrison, Bo Lee (Lund University)" too (the affiliation in brackets
    read as words of the given names). Each is one person, printed given names first, filed by the family name as
    written; a note in brackets stays at the end when a name is turned round ("Wang, Wei (王伟)": "Wei Wang (王伟)",
    not "Wei (王伟) Wang")."""
    for written, name, affiliations, family in (
            ("Van Morrison, Bo Lee", "Bo Lee Van Morrison", [], "Van Morrison"),
            ("Van Morrison, Bo Lee (Lund University)", "Bo Lee Van Morrison", ["Lund University"], "Van Morrison"),
            ("De La Cruz, Bo Lee", "Bo Lee De La Cruz", [], "De La Cruz"),
            ("van der Smagt, Bo Lee (MIT)", "Bo Lee van der Smagt", ["MIT"], "van der Smagt")):
        assert [(p.name, p.affiliations, p.family) for p in table.people_from(written)] == [
            (name, affiliations, family)]
    assert [p.name for p in table.people_from("Di Wang, Bo Lee")] == ["Di Wang", "Bo Lee"]  # (as before)
    assert [(p.name, p.affiliations) for p in table.people_from("Wang, Wei (王伟)", "Lund University")] == [
        ("Wei Wang (王伟)", ["Lund University"])]
    path = write_csv(tmp_path / "speakers.csv", [["Title", "Speaker"], ["T1", "Van Morrison, Bo Lee (Lund University)"],
                                                 ["T2", "De La Cruz, Bo Lee"]])
    imported = table.read(path, Options())
    assert [a["speaker"] for a in imported.documents["abstracts.yaml"]] == [
        {"name": "Bo Lee Van Morrison", "affiliation": "Lund University"}, {"name": "Bo Lee De La Cruz"}]
    read_back(imported, tmp_path / "folder")


def test_a_sciencesconf_family_name_with_initials_in_capitals_is_filed_under_the_family_name(tmp_path):
    """"Dupont JP" in a sciencesconf export (the family name, then the initials in capitals) was taken for "Damien
    DUPRE" (a family name in capitals after the given name) and filed under J. It is printed as the person wrote it
    and filed under Dupont (names.capital_initials), as "Guyader Vincent" is under Guyader. Written "Dupont, JP" in
    a cell of names cut at commas, it was two people, "Dupont" and "JP": it is one, "JP Dupont" ("Ana Smith, JP"
    after a full name, two still, as "Ana Smith, Bo Lee" are)."""
    from booklet.importers.assemble import family_written_first
    from booklet.text.names import split_name

    rows = [["SPEAKERS", "TYPDOC", "TITLE", "ABSTRACT"],
            ["Dupont JP , Guyader Vincent", "Regular presentation", "One", "Words."]]
    imported = table.read(write_csv(tmp_path / "abstracts.csv", rows), Options())
    assert [a["name"] for a in imported.documents["abstracts.yaml"][0]["authors"]] == ["Dupont JP", "Guyader Vincent"]
    assert imported.documents["people.yaml"] == [{"name": "Guyader Vincent", "family": "Guyader"}]
    assert family_written_first("Dupont JP") == "Dupont" and family_written_first("Damien DUPRE") is None
    assert split_name("Dupont JP").inverted() == "Dupont, JP"
    read_back(imported, tmp_path / "folder")
    for written, people in (("Dupont, JP", [("JP Dupont", [], "Dupont")]),
                            ("Dupont, JP (Lund University)", [("JP Dupont", ["Lund University"], "Dupont")]),
                            ("Ana Smith, JP", [("Ana Smith", [], None), ("JP", [], None)])):
        for read in (table.people_from, table.people_with_affiliations):
            assert [(p.name, p.affiliations, p.family) for p in read(written)] == people


def test_honours_after_a_degree_are_the_degrees_not_an_affiliation(tmp_path):
    """"Ana Smith, BA (Hons)" gave the affiliation "Hons". What a degree has after it in brackets (names.
    DEGREE_QUALIFIERS: "(Hons)", "(Oxon)") is the degree's, left out with it; an affiliation after it stays one."""
    from booklet.importers.assemble import without_titles

    assert without_titles("Ana Smith, BA (Hons)") == "Ana Smith"
    assert without_titles("Ana Smith, MA (Oxon), PhD (she/her)") == "Ana Smith (she/her)"
    assert without_titles("Ana Smith, BSc Hons") == "Ana Smith"
    assert [(p.name, p.affiliations) for p in table.people_from("Ana Smith, BA (Hons), Lund University; Bo Lee")] == [
        ("Ana Smith, BA (Hons)", ["Lund University"]), ("Bo Lee", [])]
    assert [(p.name, p.affiliations) for p in table.people_with_affiliations("Ana Smith, BA (Hons) (Lund), Bo Lee")] \
        == [("Ana Smith, BA (Hons)", ["Lund"]), ("Bo Lee", [])]
    # (after no degree, such words in brackets are what any are there: a department's "Econ", "Eng"; "Smith, Ana
    # (Econ)" was two people, "Smith" and "Ana (Econ)")
    assert [(p.name, p.affiliations) for p in table.people_with_affiliations("Smith, Ana (Econ); Bo Lee (Eng)")] == [
        ("Ana Smith", ["Econ"]), ("Bo Lee", ["Eng"])]
    path = write_csv(tmp_path / "speakers.csv", [["Title", "Speaker"], ["T1", "Ana Smith, BA (Hons)"]])
    imported = table.read(path, Options())
    assert imported.documents["abstracts.yaml"][0]["speaker"] == {"name": "Ana Smith"}
    assert any("'Ana Smith, BA (Hons) -> Ana Smith'" in note for note in imported.notes)


def test_people_between_semicolons_in_name_and_affiliation_cells_are_written_family_name_first(tmp_path):
    """Indico's "Name (Affiliation)" cells cut at every comma and semicolon: "Smith, Ana (Lund University); Lee, Bo"
    was four people (Smith, Ana, Lee, Bo). What a semicolon separates is one person, family name first, when its two
    pieces read so; a degree, a suffix or a call sign after the name stays the name's, and pieces that are several
    people given name first stay several."""
    people = table.people_with_affiliations("Smith, Ana (Lund University); Lee, Bo, Jr.; Ode, Cy, MSc (MIT)")
    assert [(p.name, p.affiliations, p.family) for p in people] == [
        ("Ana Smith", ["Lund University"], "Smith"), ("Bo Lee, Jr.", [], "Lee"), ("Cy Ode, MSc", ["MIT"], "Ode")]
    assert [p.name for p in table.people_with_affiliations("Lee, Bo (MIT)")] == ["Bo Lee"]
    assert [p.name for p in table.people_with_affiliations("Ana Smith (Lund), Bo Lee; Cy Ode")] == [
        "Ana Smith", "Bo Lee", "Cy Ode"]
    # Indico's abstracts export: "Primary authors" (its header was not read: every abstract's speaker was "TBA")
    path = write_csv(tmp_path / "abstracts.csv", [["Id", "Title", "State", "Primary authors"],
                                                  ["1", "T", "Accepted", "Smith, Ana; Lee, Bo"]])
    assert table.read(path, Options()).documents["abstracts.yaml"][0]["authors"] == [
        {"name": "Ana Smith"}, {"name": "Bo Lee"}]
    path = write_csv(tmp_path / "indico.csv", [["Title", "Authors (affiliation)", "Presenters (affiliation)"],
                                               ["T", "Smith, Ana (Lund University); Lee, Bo (MIT)", "Lee, Bo (MIT)"]])
    assert table.read(path, Options()).documents["abstracts.yaml"][0]["authors"] == [
        {"name": "Ana Smith", "affiliation": "Lund University"},
        {"name": "Bo Lee", "affiliation": "MIT", "presenting": True}]


def test_names_are_read_given_name_first_in_any_other_export(tmp_path):
    """Only sciencesconf's columns say the names are family name first: another table's 'Ana Smith' is as before."""
    rows = [["Speaker", "Type", "Title", "Abstract"], ["Ana Smith", "Talk", "A talk", "Words."]]
    imported = table.read(write_csv(tmp_path / "abstracts.csv", rows), Options())
    assert "people.yaml" not in imported.documents
    assert not [n for n in imported.notes if "family name first" in n]


@pytest.mark.parametrize("written, printed", [
    ("Dr. Kira Vinke", "Kira Vinke"), ("Dr Gareth Owen", "Gareth Owen"), ("Ana Smith, PhD", "Ana Smith"),
    ("Ana Smith Ph.D.", "Ana Smith"), ("Prof. Dr. rer. nat. Hans Meier", "Hans Meier"),
    ("Dr.-Ing. Eva Roth", "Eva Roth"),
    ("cbro - Dr. med. Christian Brodowski", "cbro - Christian Brodowski"),
    ("Kocak Assoc. Prof. Necmettin Alpay", "Kocak Necmettin Alpay"),
    ("Dr. Affe", "Dr. Affe"), ("PhD (he/him)", "PhD (he/him)"),  # one word would be left: a name given oneself
    ("Nat King Cole", "Nat King Cole"), ("Drake Bell", "Drake Bell"), ("Prof. X", "Prof. X"),
    ("Ana Smith, Ph.D., M.D.", "Ana Smith"), ("Ana Smith, PhD (she/her)", "Ana Smith (she/her)"),
    ("Ana Smith (PhD student)", "Ana Smith (PhD student)"), ("Ana Smith, PhD candidate", "Ana Smith, PhD candidate"),
    ("Ana Smith (Dr. med.)", "Ana Smith (Dr. med.)"), ("Dr. med. dent. Ana Smith", "Ana Smith"),
    ("Prof. Dr. h.c. mult. Hans Meier", "Hans Meier"), ("Priv.-Doz. Dr. Eva Roth", "Eva Roth"),
    ("Professor Emeritus Ana Smith", "Ana Smith"), ("Prof. em. Dr. Ana Smith", "Ana Smith"),
    ("DR. JOHN SMITH", "JOHN SMITH"), ("PROF. DR. ANA SMITH", "ANA SMITH"), ("DR. SMITH", "DR. SMITH"),
    ("DR Horton Jones", "DR Horton Jones"), ("prof. dr. Janez Novak", "Janez Novak"),
    ("dr hab. Jan Kowalski", "Jan Kowalski"),
    ("Dott.ssa Maria Rossi", "Maria Rossi"), ("Prof.ssa Anna Bianchi", "Anna Bianchi"),
    ("Dra. Ana López", "Ana López")])
def test_an_academic_title_is_taken_out_of_a_name_when_a_name_is_left(written, printed):
    from booklet.importers.assemble import without_titles

    assert without_titles(written) == printed


def test_a_title_in_a_speakers_or_chairs_name_is_left_out_so_one_person_is_one_index_entry(tmp_path):
    """'Dr. Ana Smith' speaking and 'Ana Smith' chairing were two people of the index, one filed under 'Smith, Dr.
    Ana'; the title is left out of both (data-format.md has no key for it) and the notes say so."""
    rows = [["Title", "Speaker", "Date", "Start", "End", "Session", "Chair"],
            ["One", "Dr. Ana Smith", "2027-05-06", "10:00", "10:30", "Morning", "Prof. Bo Jones"],
            ["Two", "Bo Jones", "2027-05-06", "10:30", "11:00", "Morning", "Prof. Bo Jones"]]
    imported = table.read(write_csv(tmp_path / "a.csv", rows), Options())
    assert [a["speaker"]["name"] for a in imported.documents["abstracts.yaml"]] == ["Ana Smith", "Bo Jones"]
    session, = imported.documents["programme.yaml"]["days"][0]["items"]
    assert session["chair"] == "Bo Jones"
    assert ("2 name(s) written with an academic title: the title left out, as booklet's data has no key for one "
            "(write it back into the name to print it): 'Dr. Ana Smith -> Ana Smith', 'Prof. Bo Jones -> Bo Jones'"
            ) in imported.notes
    read_back(imported, tmp_path / "folder")


def test_a_sciencesconf_name_that_keeps_its_title_is_not_filed_under_the_title(tmp_path):
    """'Dr. Smith' keeps its title (one word would be left): people.yaml gave it the family name 'Dr.', and the index
    filed it under D; it is left to the rule (its last word), as 'DR. SMITH John', its title left out, is (the word in
    capitals)."""
    from booklet.text.names import split_name

    rows = [["SPEAKERS", "TYPDOC", "TITLE", "ABSTRACT"],
            ["Dr. Smith", "Regular presentation", "One", "Words."],
            ["DR. SMITH John", "Regular presentation", "Two", "Words."]]
    imported = table.read(write_csv(tmp_path / "abstracts.csv", rows), Options())
    assert "people.yaml" not in imported.documents
    speakers = [a["speaker"]["name"] for a in imported.documents["abstracts.yaml"]]
    assert speakers == ["Dr. Smith", "SMITH John"]
    assert [split_name(name).family for name in speakers] == ["Smith", "SMITH"]
    read_back(imported, tmp_path / "folder")


def test_a_title_after_a_comma_is_the_names_not_a_person_of_its_own(tmp_path):
    """'Ana Smith, PhD' in an author cell was two people, 'Ana Smith' and one called 'PhD', printed as a co-author;
    the title is the name's, and left out with the others ('Smith, Ana, PhD' is one person too). The notes name each
    name as written, turned round when it was ('Smith, Ana, PhD' was noted 'Ana PhD Smith'), and a suffix before the
    title is the name's ('Ana Smith, Jr., PhD' was two people, one called 'Jr. PhD')."""
    assert table.split_names("Ana Smith, PhD, Bo Jones") == ["Ana Smith, PhD", "Bo Jones"]
    assert table.split_names("Ana Smith, Prof. Dr. and Bo Jones") == ["Ana Smith, Prof. Dr.", "Bo Jones"]
    assert table.split_names("Ana Smith, Dr. Bo Jones") == ["Ana Smith", "Dr. Bo Jones"]
    assert table.split_names("Ana Smith, PhD (Lund University), Bo Jones") == [
        "Ana Smith, PhD (Lund University)", "Bo Jones"]
    rows = [["Title", "Authors", "Abstract"],
            ["One", "Ana Smith, PhD", "Words."], ["Two", "Smith, Ana, PhD", "Words."],
            ["Three", "Ana Smith, Ph.D.; Bo Jones", "Words."], ["Four", "Smith, Cy, Jr., PhD", "Words."]]
    imported = table.read(write_csv(tmp_path / "a.csv", rows), Options())
    assert [[p["name"] for p in a.get("authors", [a.get("speaker")])]
            for a in imported.documents["abstracts.yaml"]] == [
        ["Ana Smith"], ["Ana Smith"], ["Ana Smith", "Bo Jones"], ["Cy Smith, Jr."]]
    noted, = [note for note in imported.notes if "written with an academic title" in note]
    assert noted.endswith("'Ana Smith, PhD -> Ana Smith', 'Ana Smith, Ph.D. -> Ana Smith', "
                          "'Cy Smith, Jr., PhD -> Cy Smith, Jr.'")
    read_back(imported, tmp_path / "folder")


def test_a_placeholder_with_a_family_given_apart_has_no_people_yaml_entry():
    """A source's author given as first name "Speaker", last name "1" (aclpub2's fields) was written in people.yaml
    with the family "Speaker", and named in the note of families given apart: a placeholder is nobody (no index lists
    it), so it has no entry; a person beside it keeps theirs."""
    from booklet.importers.assemble import Entry, Person, people_file

    notes = []
    people = [Person("Speaker 1", [], None, False, "Speaker"), Person("Chair 2", [], None, False, "Chair"),
              Person("Victor Jaquez Leal", [], None, False, "Jaquez Leal")]
    assert people_file([Entry("a", "T", people)], notes) == [{"name": "Victor Jaquez Leal", "family": "Jaquez Leal"}]
    assert len(notes) == 1 and "('Victor Jaquez Leal')" in notes[0], notes


def test_y_and_e_join_a_family_name_s_words_in_a_cell_that_joins_names_with_and():
    """A Spanish or Portuguese family name joins its words with 'y' or 'e' ('Ramón y Cajal'); a cell of names of
    another language, which joins them with 'and' ('und', 'et', '&'), read it between two people's: "Santiago Ramón y
    Cajal, Ana Smith and Bo Lee" was four people, 'Santiago Ramón' and 'Cajal' among them. A cell whose names only 'y'
    or 'e' join still parts them ('Ana López y Bo Ruiz'); a person's name alone is one (several_people)."""
    assert table.split_names("Santiago Ramón y Cajal, Ana Smith, and Bo Lee") == [
        "Santiago Ramón y Cajal", "Ana Smith", "Bo Lee"]
    assert table.split_names("Maria da Silva e Souza & Bo Lee") == ["Maria da Silva e Souza", "Bo Lee"]
    assert table.split_names("Ana López y Bo Ruiz") == ["Ana López", "Bo Ruiz"]
    assert table.split_names("Ana López y Bo Ruiz y Cy Paz") == ["Ana López", "Bo Ruiz", "Cy Paz"]
    assert [p.name for p in table.several_people("Maria da Silva e Souza and Bo Lee")] == [
        "Maria da Silva e Souza", "Bo Lee"]  # (was one person: the 'e' read as joining a family name, the 'and' not)
    assert table.several_people("Ramón y Cajal, Santiago") == []


@pytest.mark.parametrize("cell, people", [
    # a name written family name first beside one written given name first: two people, not three
    ("Smith, Ana and Bo Jones", [("Ana Smith", "Smith"), ("Bo Jones", None)]),
    ("Bo Jones and Smith, Ana", [("Bo Jones", None), ("Ana Smith", "Smith")]),
    ("Smith, Ana (MIT) and Bo Jones (KIT)", [("Ana Smith", "Smith"), ("Bo Jones", None)]),
    ("Smith, Ana, Jones, Bo and Cy Lee", [("Ana Smith", "Smith"), ("Bo Jones", "Jones"), ("Cy Lee", None)]),
    # a given name alone before an 'and' is a person of that one name, not the given name of the full name before it
    # (Indico's CSV cells read "Bo Ana Smith", family "Ana Smith"), nor a Lee: whose family it shares is untold
    ("Ana Smith, Bo and Cy Lee", [("Ana Smith", None), ("Bo", None), ("Cy Lee", None)]),
    ("Ana Smith (MIT), Bo and Cy Lee (KIT)", [("Ana Smith", None), ("Bo", None), ("Cy Lee", None)]),
    ("Pérez García, Ana and Bo Jones", [("Pérez García", None), ("Ana", None), ("Bo Jones", None)]),
    # given names alone, listed with commas and an 'and': a person each
    ("Stefan, Yannik, Rike and Tom", [("Stefan", None), ("Yannik", None), ("Rike", None), ("Tom", None)]),
    ("Stefan, Yannik & Rike", [("Stefan", None), ("Yannik", None), ("Rike", None)]),
    ("Stefan (KIT), Yannik and Tom", [("Stefan", None), ("Yannik", None), ("Tom", None)]),
    # (names written family name first all through, as before)
    ("Smith, Ana and Jones, Bo", [("Ana Smith", "Smith"), ("Bo Jones", "Jones")]),
    ("Smith, Ana, Jones, Bo and Lee, Cy", [("Ana Smith", "Smith"), ("Bo Jones", "Jones"), ("Cy Lee", "Lee")])])
def test_names_written_family_name_first_beside_others_or_given_names_alone(tmp_path, cell, people):
    """A table's cell "Smith, Ana and Bo Jones" was three people, "Smith", "Ana" and "Bo Jones" (split_names paired
    names written family name first only when every name between the 'and's was so written), and Indico's CSV cell
    "Stefan, Yannik, Rike and Tom" two, one named "Stefan, Yannik, Rike" and Tom ("Stefan, Yannik & Rike": Yannik
    Stefan and Rike), where the tables read four. What the pieces look like decides, in both readers: a family name
    of one word and given names beside a full name are a person written family name first (_family_first_beside); a
    list of single given names is a person a name (_given_names_listed)."""
    from booklet.importers.assemble import names_in
    from booklet.importers.indico import _people

    read = [(p.name, p.family) for p in table.people_from(cell)]
    indico = [(p.name, p.family) for p in table.people_with_affiliations(cell)]
    assert (read, indico) == (people, people)
    if "(" not in cell:  # (the schedules' and Indico's JSON names: no affiliation in them)
        assert [p.name for p in _people([{"fullName": cell}])] == [name for name, _ in people]
        assert [name for name, _ in names_in(cell)] == [name for name, _ in people]
    path = write_csv(tmp_path / "authors.csv", [["Title", "Authors"], ["T1", cell]])
    abstract = table.read(path, Options()).documents["abstracts.yaml"][0]
    assert [p["name"] for p in abstract.get("authors") or [abstract["speaker"]]] == [name for name, _ in people]
    path = write_csv(tmp_path / "indico.csv", [["Title", "Authors (affiliation)"], ["T1", cell]])
    abstract = table.read(path, Options()).documents["abstracts.yaml"][0]
    assert [p["name"] for p in abstract.get("authors") or [abstract["speaker"]]] == [name for name, _ in people]


def test_a_y_or_e_between_names_written_family_name_first_still_parts_them(tmp_path):
    """The rule that keeps 'Ramón y Cajal' whole read two Spanish family names written first, each of two words, as
    joined by their 'y': "García Márquez, Gabriel y Vargas Llosa, Mario" was three authors ('García Márquez',
    'Gabriel y Vargas Llosa', 'Mario'), and a 'y' after a comma, before the last name, stayed in it: "García, Ana, y
    López, Bo" gave 'Bo y López'. Each is two people, as before that rule; 'Ramón y Cajal, Santiago' is still one."""
    for cell, read in (("García Márquez, Gabriel y Vargas Llosa, Mario",
                        ["Gabriel García Márquez", "Mario Vargas Llosa"]),
                       ("García, Ana, y López, Bo", ["Ana García", "Bo López"]),
                       ("Silva, Ana, e Souza, Bo", ["Ana Silva", "Bo Souza"]),
                       ("García, A., y López, B.", ["A. García", "B. López"]),
                       ("Ramón y Cajal, Santiago", ["Santiago Ramón y Cajal"]),
                       ("Ochoa, Severo, Ramón y Cajal, Santiago", ["Severo Ochoa", "Santiago Ramón y Cajal"])):
        assert [p.name for p in table.people_with_affiliations(cell)] == read, cell
    path = write_csv(tmp_path / "families.csv", [
        ["Title", "Authors"], ["T1", "García Márquez, Gabriel y Vargas Llosa, Mario"], ["T2", "García, Ana, y López, Bo"]])
    imported = table.read(path, Options())
    assert [[p["name"] for p in a["authors"]] for a in imported.documents["abstracts.yaml"]] == [
        ["Gabriel García Márquez", "Mario Vargas Llosa"], ["Ana García", "Bo López"]]


def test_a_corresponding_author_s_e_mail_goes_to_the_corresponding_author_never_to_the_speaker(tmp_path):
    """A column 'Corresponding author email' was read as the speaker's e-mail: the address went to the speaker, who
    may be another person (proofs are mailed by these addresses). It goes to the corresponding author when the sheet
    names one ('Corresponding author'), else it is left out with a note naming the column."""
    rows = [["Title", "Authors", "Speaker", "Corresponding author", "Corresponding author email", "Abstract"],
            ["A talk", "Ana Smith, Bo Jones", "Ana Smith", "Bo Jones", "bo@x.example", "Words."]]
    imported = table.read(write_csv(tmp_path / "named.csv", rows), Options())
    assert imported.documents["abstracts.yaml"][0]["authors"] == [
        {"name": "Ana Smith", "presenting": True}, {"name": "Bo Jones", "email": "bo@x.example"}]
    rows = [[h for h in row if h != "Corresponding author" and h != "Bo Jones"] for row in rows]
    imported = table.read(write_csv(tmp_path / "unnamed.csv", rows), Options())
    assert imported.documents["abstracts.yaml"][0]["authors"] == [
        {"name": "Ana Smith", "presenting": True}, {"name": "Bo Jones"}]
    assert ("1 row(s) give a corresponding author's e-mail ('Corresponding author email') but name no corresponding "
            "author among their authors: left out (add it to abstracts.yaml)") in imported.notes
    # the corresponding author in parts: theirs
    rows = [["Title", "Authors", "Corresponding author last name", "Corresponding author first name",
             "Corresponding author email"], ["A talk", "Ana Smith, Bo Jones", "Jones", "Bo", "bo@x.example"]]
    imported = table.read(write_csv(tmp_path / "parts.csv", rows), Options())
    assert imported.documents["abstracts.yaml"][0]["authors"] == [
        {"name": "Ana Smith"}, {"name": "Bo Jones", "presenting": True, "email": "bo@x.example"}]
    # a column of the speakers' addresses still gives the speaker theirs
    rows = [["Title", "Authors", "Speaker", "Speaker email"], ["A talk", "Ana Smith, Bo Jones", "Bo Jones", "bo@x"]]
    imported = table.read(write_csv(tmp_path / "speaker.csv", rows), Options())
    assert imported.documents["abstracts.yaml"][0]["authors"] == [
        {"name": "Ana Smith"}, {"name": "Bo Jones", "presenting": True, "email": "bo@x"}]


def test_a_poster_session_in_two_rooms_says_so(tmp_path):
    """A poster session whose posters sit in two rooms kept the first room alone on its programme line, without a
    note (posters.yaml has no room of a poster's): a note names the session and its rooms."""
    rows = [["Id", "Title", "Date", "Duration", "Type", "Session", "Room", "Presenters (affiliation)", "Board number"],
            ["31", "A poster", "2026-06-23 16:00", "90 minutes", "Poster", "Posters", "Hall", "Zoë Papa (NOA)", "7"],
            ["32", "Another", "2026-06-23 16:00", "90 minutes", "Poster", "Posters", "Foyer", "Li Ng (MIT)", "8"]]
    imported = table.read(write_csv(tmp_path / "contributions.csv", rows), Options())
    assert imported.documents["programme.yaml"]["days"][0]["items"] == [
        {"time": "16:00-17:30", "title": "Posters", "kind": "poster", "room": "Hall"}]
    assert ("1 poster session(s) have their posters in several rooms: the programme's line names the first room alone "
            "(a poster has no room in posters.yaml): 'Posters' (Hall, Foyer); write the rooms in the session's line in "
            "programme.yaml, or make a poster session of each room") in imported.notes


def test_mac_roman_spanish_without_a_or_e_acute_reads_as_mac_roman_and_word_s_english_as_windows_1252(tmp_path):
    """Mac Roman's í and ñ are Windows-1252's ’ and –: Spanish names saved by Excel for Mac with neither á nor é were
    read as Windows-1252 ('Rodr’guez Garc’a', 'Mu–oz'), an apostrophe and a dash inside a word counting as words
    hold them. An apostrophe tells only in a contraction (’s ’t ’re ’ll ’ve ’d ’m, l’ d’ O’), a dash only between
    words of three letters or more or before a capital ('proton–proton', 'Navier–Stokes'); English from Word stays
    Windows-1252."""
    rows = [["Title", "Speaker"], ["Ondas", "María Rodríguez García"], ["Mareas", "Luis Muñoz"]]
    imported = table.read(write_csv(tmp_path / "es.csv", rows, encoding="mac_roman"), Options())
    assert [a["speaker"]["name"] for a in imported.documents["abstracts.yaml"]] == [
        "María Rodríguez García", "Luis Muñoz"]
    assert any("read as Mac Roman text" in n for n in imported.notes), imported.notes
    english = "Title,Speaker\nIt’s Navier–Stokes,O’Brien\nWe’ll see: proton–proton isn’t l’affaire d’Alembert’s,Bo\n"
    assert table._decode(english.encode("cp1252")) == (english, "Windows-1252")


def test_french_and_italian_elisions_in_windows_1252_read_as_windows_1252():
    """French and Italian elide before a vowel or an h ("qu’il", "c’est", "n’est", "j’ai", "dell’anno", "un’altra"):
    those apostrophes counted for Mac Roman once only l’ and d’ were contractions, and a French programme from Word
    read 'Quíil fait beau', 'Cíest la vie'. Spanish in Mac Roman ('tía', 'mío': a letter's tail too short) stays."""
    french = "Title,Speaker\nQu’il fait beau,Jean Martin\nC’est la vie,Anne Roux\nL’homme qui rit,Léa Noël\n"
    assert table._decode(french.encode("cp1252")) == (french, "Windows-1252")
    italian = "Title,Speaker\nDell’anno scorso,Marco Rossi\nUn’altra storia,Anna Bianchi\n"
    assert table._decode(italian.encode("cp1252")) == (italian, "Windows-1252")
    spanish = "Title,Speaker\nMi tía y mi tío,Luis Muñoz\nRodríguez,Ana García\n"
    assert table._decode(spanish.encode("mac_roman")) == (spanish, "Mac Roman")


@pytest.mark.parametrize("language, encoding, name, speakers", [
    ("pl", "cp1250", "Windows-1250", ["Łukasz Wiśniewski", "Agnieszka Żak", "Zofia Kościuszko-Łódź"]),
    ("pl-initials", "cp1250", "Windows-1250", ["Łukasz Wiśniewski", "Agnieszka Żak"]),  # ('£ukasz', '¯ak')
    ("cs", "cp1250", "Windows-1250", ["Antonín Dvořák", "Jiří Černý", "Věra Růžičková"]),
    ("hu", "cp1250", "Windows-1250", ["Erdős Pál", "Kovács Ödön"]),
    ("tr", "cp1254", "Windows-1254", ["Yıldız Şahin", "Ayşe Çelik", "İsmail Doğan"]),
    ("mixed", "cp1250", "Windows-1250", ["Jürgen Müller", "Łukasz Wiśniewski", "Jiří Černý"]),
])
def test_central_european_and_turkish_csv_read_in_their_windows_encoding(tmp_path, language, encoding, name, speakers):
    """Polish, Czech, Hungarian and Turkish sheets saved in Windows-1250 or -1254 were read as Windows-1252 ('£ukasz
    Wiœniewski', 'Antonín Dvoøák', 'Erdõs', 'Yýldýz Þahin'), a note asking to check them. Where that reading has a
    sign inside a word or on its letters ('£ukasz'), or words whose letters no one language writes together
    ('Èerný': è with ý), and theirs has not, they are read in their own encoding, the note saying which."""
    rows = [["Title", "Speaker"], *([f"Talk {n}", speaker] for n, speaker in enumerate(speakers, 1))]
    imported = table.read(write_csv(tmp_path / f"{language}.csv", rows, encoding=encoding), Options())
    assert [a["speaker"]["name"] for a in imported.documents["abstracts.yaml"]] == speakers
    assert f"read as {name} text (it is not UTF-8): check accented letters; save it as UTF-8 if they are wrong" \
        in imported.notes


def test_western_csv_stays_windows_1252_and_a_reading_that_cannot_be_told_keeps_it_and_the_note():
    """French, German, Danish, Icelandic, Portuguese and Spanish read in Windows-1250 or -1254 are words too ('Élève
    très' is 'Élčve trčs'): they stay Windows-1252, as does a text that either reads as well ('Wiśniewski Dębska' is
    'Wiœniewski Dêbska', French œ and ê; 'Yılmaz' 'Yýlmaz'): the note asks to check its letters."""
    for text in ("Title,Speaker\nÉlève très doué,Léa Noël\nÀ la française,François Bâton\nCœur,Jérôme Hélène\n",
                 "Title,Speaker\nQuarks,Jürgen Müller\nÜBER,Straße\nBølger,Søren Ærø\nOndas,José Núñez\n",
                 "Title,Speaker\nBylgjur,Guðrún Þórðardóttir\nKvarkar,Sigurður Ýmisson\nOndas,João Conceição\n"):
        assert table._decode(text.encode("cp1252")) == (text, "Windows-1252")
    for text, encoding in (("Title,Speaker\nFale,Tomasz Wiśniewski\nKwarki,Anna Dębska\n", "cp1250"),
                           ("Title,Speaker\nDalgalar,Mehmet Yılmaz\n", "cp1254")):
        raw = text.encode(encoding)
        assert table._decode(raw) == (raw.decode("cp1252"), "Windows-1252")


@pytest.mark.parametrize("text", [
    "Title,Speaker,Fee\nQuarks,Ann Lee,£20\nWaves,Bo Ek,¥2000\n",  # ('Ł20', 'Ą2000')
    "Title,Speaker\nFlow of 5 m³/s,René Lefèvre\n",  # ('mł', 'Lefčvre')
    "Title,Speaker\nA 2 cm³ cell,Jürgen Müller\n",
    "Title,Speaker\nSessione nº 2,Nicolò Bianchi\n",  # ('nş', 'Nicolň')
    "Title,Speaker\n1º Congreso,José Peña\n",  # ('1ş', 'Peńa')
    "Title,Speaker\n¼ wave plates,Ann Lee\nThe ¾ rule,Zoë Brontë\n",  # ('Ľ', 'ľ')
])
def test_a_western_csv_with_a_sign_apart_from_words_stays_windows_1252(text):
    """A pound or yen before a number, a unit's cube (m³), an ordinal's º (nº, 1º) or a fraction alone between spaces
    is written in Western text: it is no sign inside or on a word's letters that tells Windows-1250's reading is the
    better ('£20' read Ł20 there, m³ mł, and with them 'René Lefèvre' was 'René Lefčvre', 'José Peña' 'José Peńa')."""
    assert table._decode(text.encode("cp1252")) == (text, "Windows-1252")


def test_an_email_column_with_the_name_before_the_address_gives_the_address(tmp_path):
    """A single 'email' column whose cell names the person before the address ("Ana Smith ana@x.org", "Bo Lee
    <bo@y.org>*"): the address is the word with an '@' (table._emails), not the cell's first word ("Ana", then left
    out as no address)."""
    rows = [["Title", "Authors", "Affiliation", "Email", "Abstract"],
            ["A talk", "Ana Smith", "Lund University", "Ana Smith ana@x.org", "Words."],
            ["Another", "Bo Lee", "MIT", "Bo Lee <bo@y.org>*", "Words."]]
    abstracts = table.read(write_csv(tmp_path / "talks.csv", rows), Options()).documents["abstracts.yaml"]
    assert [a["speaker"] for a in abstracts] == [
        {"name": "Ana Smith", "affiliation": "Lund University", "email": "ana@x.org"},
        {"name": "Bo Lee", "affiliation": "MIT", "email": "bo@y.org"}]


def test_an_import_record_s_guesses_are_read_from_the_folder_s_files_alone(tmp_path):
    """The record's guesses (.booklet-import.json, "guessed") as lint reads them: a malformed record, or one of an
    older booklet (no "guessed"), gives none and no error; a file named outside the data folder ('../x.yaml', an
    absolute path: a record edited by hand or copied from elsewhere) is not read, where lint parsed it as YAML and
    warned of it."""
    import json

    from booklet.data.load import import_guesses

    folder = tmp_path / "conf"
    folder.mkdir()
    (tmp_path / "outside.yaml").write_text("title: X\n")
    record = folder / ".booklet-import.json"
    for text in ('{"version": 1}', '[1, "guessed"]', '"guessed"', '{"guessed": ["conference.yaml"]}',
                 '{"guessed": {"conference.yaml": ["dates.start"]}}', '{"guessed": {"conference.yaml": {"a": 1}}}',
                 '{"guessed": ', '\xff"guessed"'):
        record.write_text(text, encoding="latin-1")
        assert import_guesses(folder) == ()
    record.write_text(json.dumps({"guessed": {"../outside.yaml": {"title": "X"}, str(tmp_path / "outside.yaml"):
                                              {"title": "X"}, "..": {"a": "b"},
                                              "conference.yaml": {"dates.start": "2026-12-07"}}}))
    assert import_guesses(folder) == (("conference.yaml", "dates.start", "2026-12-07"),)


def test_a_cell_s_reference_list_keeps_its_lines_and_hand_wrapped_prose_still_runs_together(tmp_path):
    """Houches 2018's form: a bibliography typed one reference a line ("[Rondin2014] 10.1088/...", "[4]" after
    "[2]", DOIs 40-100 characters long) ran two references or all of them into one justified paragraph (the lines
    looked like those of a text wrapped by hand, or one was too long to be a line of its own). Each prints as a
    paragraph (or the markup's list of [1] [2]); an abstract wrapped by hand at a fixed width still runs together."""
    from booklet.text.markup import source_paragraphs

    header = ["Timestamp", "Abstract title", "Contribution", "Abstract text", "Abstract bibliography",
              "Presenting author:  Family name", "Presenting author: First name"]
    wrapped = ("Magnetic resonance force microscopy allows investigation of spin-related\n"
               "material properties in small sample volumes. We reduced the operating\n"
               "temperature of this technique by two orders of magnitude to 10 mK and\n"
               "measured the nuclear spin-lattice relaxation time of copper [1].")
    named = ("[Rondin2014] 10.1088/0034-4885/77/5/056503 \n[Degen2017] 10.1103/RevModPhys.89.035002\n"
             "[Grinolds2013] 10.1038/nphys2543")
    skipped = ("[1] https://doi.org/10.1103/PhysRevLett.116.190801\n[2] https://doi.org/10.1109/TMAG.2004.836740\n"
               "[4] https://doi.org/10.1103/PhysRev.83.34")
    rows = [header,
            ["2017/10/02 1:27:25 AM UTC+1", "Sensing", "Invited talk (35')", "Spins [Rondin2014].", named, "A", "B"],
            ["2017/10/02 1:28:25 AM UTC+1", "Needles", "Invited talk (35')", wrapped, skipped, "C", "D"]]
    imported = table.read(write_csv(tmp_path / "forms.csv", rows), Options())
    sensing, needles = imported.documents["abstracts.yaml"]
    assert source_paragraphs(sensing["abstract"]) == [
        "Spins [Rondin2014].", "[Rondin2014] 10.1088/0034-4885/77/5/056503",
        "[Degen2017] 10.1103/RevModPhys.89.035002", "[Grinolds2013] 10.1038/nphys2543"]
    assert source_paragraphs(needles["abstract"]) == [
        " ".join(wrapped.split()), "[1] https://doi.org/10.1103/PhysRevLett.116.190801",
        "[2] https://doi.org/10.1109/TMAG.2004.836740", "[4] https://doi.org/10.1103/PhysRev.83.34"]
    read_back(imported, tmp_path / "folder")
    # (lines of prose wrapped by hand that start with Markdown's links are no references: europython2014's)
    links = ("libraries or systems discussed are designed to operate either with\n"
             "on-disk data ([PyTables] [1], [relational databases] [2], [BLZ] [3],\n"
             "[Blaze] [4]...) as well as in-memory data containers ([NumPy] [5],\n"
             "[DyND] [6], [Pandas] [7], [BLZ] [3], [Blaze] [4]...).")
    assert table.to_markup(links) == links
    # a list of references under an abstract wrapped by hand (in one cell) is no longer run into its last paragraph
    for first, second in (("[1]", "[2]"), ("[Smith19]", "[Brown20]")):
        cell = (f"{wrapped}\n{first} J. Smith and K. Doe, Nature 573, 505 (2019), doi:10.1038/xyz\n"
                f"{second} A. Brown and B. Green, Science 12, 44 (2020), doi:10.1126/abc")
        assert source_paragraphs(table.to_markup(cell)) == [
            " ".join(wrapped.split()), f"{first} J. Smith and K. Doe, Nature 573, 505 (2019), doi:10.1038/xyz",
            f"{second} A. Brown and B. Green, Science 12, 44 (2020), doi:10.1126/abc"]
