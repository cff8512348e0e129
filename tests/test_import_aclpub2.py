"""booklet import of an aclpub2 handbook folder (conference_details, papers, program, invited talks,
tutorials and their programme, workshops, committees, sponsors).

The fixture is written here, small: a two-day workshop whose first day has an opening, a break, a
session of two parallel subsessions (two rooms at the same time), a poster subsession and a Q&A
without papers; its second day a session, an invited talk with its chair, and a tutorial day before
the conference (tutorial_program.yml) with its own break. Abstracts hold LaTeX escapes, accents and math.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from booklet.build import build_booklet
from booklet.check import check_folder
from booklet.cli import main
from booklet.importers import Options, SourceError, aclpub2, detect, read
from tests.import_helpers import read_back, refused_on_import

DETAILS = """\
name: Workshop on Dialogue and Discourse
abbreviation: WDD
start_date: 2027-06-01
end_date: 2027-06-02
isbn: 978-0-00-000000-0
"""

PAPERS = r"""- id: 2
  title: Boosting Naturalness via Adversarial Training
  abstract: |
    Our model outperforms the previous result by 3.6\% in BLEU, for R\&D
    on \emph{snake\_case} data with $p < 0.05$ and $5\%$ noise.

    A second paragraph by G\'alvez.
  authors:
  - first_name: Chenguang
    last_name: Zhu
  file: 2.pdf
- id: 4
  title: Unsupervised Evaluation of Dialog
  abstract: The FED metric.
  authors:
  - first_name: Shikib
    last_name: Mehri
    institution: Carnegie Mellon University
  - first_name: Maxine
    middle_name: S.
    last_name: "Esk\xE9nazi"
- id: 7
  title: A Poster on Turn Taking
  abstract: Turns.
  authors:
  - first_name: Ana
    last_name: Poster
- id: 9
  title: Parallel Room Paper
  abstract: In room B.
  authors:
  - first_name: Bo
    last_name: Jones
- id: 11
  title: Not in the Programme
  abstract: Unscheduled.
  authors:
  - first_name: Una
    last_name: Sched
"""

PROGRAM = """\
- title: Opening Remarks
  start_time: 2027-06-01 09:00:00
  end_time: 2027-06-01 09:15:00
- title: Session 1
  start_time: 2027-06-01 09:15:00
  end_time: 2027-06-01 10:15:00
  subsessions:
    - title: Generation
      chair: Mei Chen
      location: Room A
      start_time: 2027-06-01 09:15:00
      end_time: 2027-06-01 09:45:00
      papers:
        - id: 2
          start_time: 2027-06-01 09:15:00
          end_time: 2027-06-01 09:30:00
        - id: 4
          start_time: 2027-06-01 09:30:00
          end_time: 2027-06-01 09:45:00
    - title: Evaluation
      chair: Raj Patel
      location: Room B
      start_time: 2027-06-01 09:15:00
      end_time: 2027-06-01 09:45:00
      papers:
        - id: 9
          start_time: 2027-06-01 09:15:00
          end_time: 2027-06-01 09:30:00
    - title: Poster Session 1
      location: Hall
      start_time: 2027-06-01 09:45:00
      end_time: 2027-06-01 10:15:00
      papers:
        - id: 7
- title: Coffee Break
  start_time: 2027-06-01 10:15:00
  end_time: 2027-06-01 10:45:00
- title: Session 2
  start_time: 2027-06-02 09:00:00
  end_time: 2027-06-02 10:00:00
  subsessions:
    - title: Evaluation live QA
      chair: Raj Patel
      location: Room A
      start_time: 2027-06-02 09:00:00
      end_time: 2027-06-02 09:30:00
"""

INVITED = """\
- title: Invited Keynote on Grounding
  speaker_name: Diane Litman
  institution: University of Pittsburgh
  abstract_file: invited1.tex
  bio_file: invited1_bio.tex
  date: 2027-06-02 11:00:00
  location: Auditorium
  chair: Mei Chen
"""

TUTORIALS = """\
- title: \\textbf{T1} Dialogue Systems in Practice
  file: tutorial1.tex
  date: 2027-05-31 09:00:00
  room: Hall 1
"""

TUTORIAL_PROGRAM = """\
- title: Tutorial morning
  start_time: 2027-05-31 09:00:00
  end_time: 2027-05-31 12:30:00
  subsessions:
    - title: Tutorials
      location: Hall 2
      start_time: 2027-05-31 09:00:00
      end_time: 2027-05-31 12:30:00
      tutorials:
        - title: Neural Chat Models
          start_time: 2027-05-31 09:00:00
          end_time: 2027-05-31 12:30:00
          room: Hall 2
          authors: "Andr\\xE9 Martins, Vlad Niculae, and Nina Dethlefs"
- title: Lunch
  start_time: 2027-05-31 12:30:00
  end_time: 2027-05-31 13:30:00
"""

WORKSHOPS = """\
- date: 2027-06-02 00:00:00
  title: Workshop on Robots
  chair: John Doe
  location: Room C
  id: program_workshop_1
"""

ORGANIZING = """\
- members:
  - first_name: Olivier
    institution: Google Research, France
    last_name: Pietquin
  role: General Chair
- members:
  - first_name: 'President:'
    institution: KTH, Sweden
    last_name: Skantze
    middle_name: Gabriel
  - first_name: Vice
    institution: Honda Research Institute, Japan
    last_name: Nakano
    middle_name: 'President: Mikio'
  role: SIGdial Officers
"""

PROGRAM_COMMITTEE = """\
- entries:
  - first_name: Rebecca
    middle_name: J.
    institution: Penn State University
    last_name: Passonneau
  - first_name: Manfred
    institution: "Universit\\xE4t Potsdam"
    last_name: Stede
  role: Senior Program Committee
"""

SPONSORS = """\
- tier: Gold
  logos:
    - apple.png
    - rasa.jpg
"""


def write_handbook(folder: Path, **replace: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    files = {"conference_details.yml": DETAILS, "papers.yml": PAPERS, "program.yml": PROGRAM,
             "invited_talks.yml": INVITED, "tutorials.yml": TUTORIALS, "tutorial_program.yml": TUTORIAL_PROGRAM,
             "workshops.yml": WORKSHOPS, "organizing_committee.yml": ORGANIZING,
             "program_committee.yml": PROGRAM_COMMITTEE, "sponsors.yml": SPONSORS}
    files.update(replace)
    for name, text in files.items():
        if text is not None:
            (folder / name).write_text(text, encoding="utf-8")
    (folder / "invited1.tex").write_text("Grounding \\textit{matters}, 100\\% of the time.\n", encoding="utf-8")
    return folder


def invoke(*args) -> Result:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert "Traceback" not in result.output
    return result


def items_of(day: dict) -> list[dict]:
    """Every programme item of a day, sessions' and parallel sessions' items with their session."""
    out = []
    for entry in day["items"]:
        if "parallel" in entry:
            for session in entry["parallel"]:
                out += [{**item, "session": session["session"], "room": session.get("room"),
                         "chair": session.get("chair")} for item in session["items"]]
        elif "session" in entry:
            out += [{**item, "session": entry["session"], "room": item.get("room", entry.get("room")),
                     "chair": entry.get("chair")} for item in entry["items"]]
        else:
            out.append(entry)
    return out


# -- reading -------------------------------------------------------------------------------------

def test_every_paper_person_session_time_and_committee_arrives(tmp_path):
    folder = write_handbook(tmp_path / "handbook")
    imported = read(folder, Options())
    assert imported.format == "aclpub2"
    docs = imported.documents

    conference = docs["conference.yaml"]
    assert conference["title"] == "Workshop on Dialogue and Discourse" and conference["short_title"] == "WDD"
    assert str(conference["dates"]["start"]) == "2027-05-31"  # the tutorial day, before start_date
    assert str(conference["dates"]["end"]) == "2027-06-02"
    committees = {c["name"]: c["members"] for c in conference["committees"]}
    assert committees["Organizing Committee"] == [
        {"name": "Olivier Pietquin", "affiliation": "Google Research, France", "role": "General Chair"}]
    assert committees["SIGdial Officers"] == [
        {"name": "Gabriel Skantze", "affiliation": "KTH, Sweden", "role": "President"},
        {"name": "Mikio Nakano", "affiliation": "Honda Research Institute, Japan", "role": "Vice President"}]
    assert committees["Senior Program Committee"] == [
        {"name": "Rebecca J. Passonneau", "affiliation": "Penn State University"},
        {"name": "Manfred Stede", "affiliation": "Universität Potsdam"}]

    abstracts = {a["id"]: a for a in docs["abstracts.yaml"]}
    assert set(abstracts) == {"p2", "p4", "p9", "p11", "invited-1"}
    boost = abstracts["p2"]
    assert boost["title"] == "Boosting Naturalness via Adversarial Training"
    assert boost["speaker"] == {"name": "Chenguang Zhu"}
    # LaTeX escapes outside math become their characters; math stays as written
    assert boost["abstract"] == ("Our model outperforms the previous result by 3.6% in BLEU, for R&D\non *snake_case* "
                                 "data with $p < 0.05$ and $5\\%$ noise.\n\nA second paragraph by Gálvez.")
    assert [(a["name"], a.get("affiliation")) for a in abstracts["p4"]["authors"]] == [
        ("Shikib Mehri", "Carnegie Mellon University"), ("Maxine S. Eskénazi", None)]
    invited = abstracts["invited-1"]
    assert invited["kind"] == "invited" and invited["title"] == "Invited Keynote on Grounding"
    assert invited["speaker"] == {"name": "Diane Litman", "affiliation": "University of Pittsburgh"}
    assert invited["abstract"] == "Grounding *matters*, 100% of the time."
    assert "kind" not in abstracts["p11"]

    assert docs["posters.yaml"] == [{"author": "Ana Poster", "title": "A Poster on Turn Taking", "abstract": "Turns."}]
    tutorials = {t["title"]: t for t in docs["tutorials.yaml"]}
    assert set(tutorials) == {"**T1** Dialogue Systems in Practice", "Neural Chat Models"}
    assert [p["name"] for p in tutorials["Neural Chat Models"]["presenters"]] == [
        "André Martins", "Vlad Niculae", "Nina Dethlefs"]

    days = docs["programme.yaml"]["days"]
    assert [str(d["date"]) for d in days] == ["2027-05-31", "2027-06-01", "2027-06-02"]
    tutorial_day = items_of(days[0])
    t1 = tutorials["**T1** Dialogue Systems in Practice"]["id"]
    t2 = tutorials["Neural Chat Models"]["id"]
    assert {"time": "09:00", "tutorial": t1, "room": "Hall 1"} in tutorial_day
    assert any(i.get("tutorial") == t2 and i["time"] == "09:00-12:30" and i["session"] == "Tutorials"
               for i in tutorial_day)
    assert {"time": "12:30-13:30", "title": "Lunch", "kind": "break"} in tutorial_day

    day1 = days[1]["items"]
    assert day1[0] == {"time": "09:00-09:15", "title": "Opening Remarks"}
    parallel = day1[1]["parallel"]  # two subsessions at the same time in two rooms
    assert [(s["session"], s["chair"], s["room"]) for s in parallel] == [
        ("Generation", "Mei Chen", "Room A"), ("Evaluation", "Raj Patel", "Room B")]
    assert parallel[0]["items"] == [{"time": "09:15-09:30", "talk": "p2"}, {"time": "09:30-09:45", "talk": "p4"}]
    assert parallel[1]["items"] == [{"time": "09:15-09:30", "talk": "p9"}]
    assert day1[2] == {"time": "09:45-10:15", "title": "Poster Session 1", "kind": "poster", "room": "Hall"}
    assert day1[3] == {"time": "10:15-10:45", "title": "Coffee Break", "kind": "break"}

    day2 = items_of(days[2])
    assert {"time": "09:00-09:30", "title": "Evaluation live QA", "room": "Room A"} in day2  # no papers: a line
    assert any(i.get("talk") == "invited-1" and i["time"] == "11:00" and i["session"] == "Invited talk"
               and i["chair"] == "Mei Chen" and i["room"] == "Auditorium" for i in day2)
    assert {"title": "Workshop on Robots", "room": "Room C"} in day2

    notes = "\n".join(imported.notes)
    assert imported.documents["conference.yaml"]["sponsors"] == [{"name": "apple", "tier": "Gold"},
                                                                 {"name": "rasa", "tier": "Gold"}]
    assert "sponsors.yml: 2 sponsor(s) imported in their tiers, each named by its logo file" in notes
    assert "tutorial1.tex" in notes  # named, not in the folder
    assert "1 invited speaker biograph(ies) left out" in notes
    assert "1 contribution(s) have no day and time the programme can place them at" in notes  # p11
    booklet = read_back(imported, tmp_path / "folder")
    assert len(booklet.abstracts) == 5 and len(booklet.tutorials) == 2 and len(booklet.posters) == 1


def test_detected_from_the_folder_or_its_details_file_and_imported_checked_and_built(tmp_path):
    folder = write_handbook(tmp_path / "handbook")
    assert detect(folder) == "aclpub2"
    assert detect(folder / "conference_details.yml") == "aclpub2"
    result = invoke("import", folder / "conference_details.yml", "--out", tmp_path / "wdd")
    assert result.exit_code == 0, result.output
    assert "(aclpub2)" in result.output and "wdd: 0 errors" in result.output
    booklet, _warnings = check_folder(tmp_path / "wdd")
    assert len(booklet.abstracts) == 5
    pdf = build_booklet(tmp_path / "wdd", tmp_path / "wdd.pdf")
    assert pdf.pages > 4
    result = invoke("import", folder, "--out", tmp_path / "again", "--format", "aclpub2")
    assert result.exit_code == 0, result.output


def test_tutorial_programme_on_conference_days_is_listed_not_scheduled(tmp_path):
    overlapping = TUTORIAL_PROGRAM.replace("2027-05-31", "2027-06-01").replace("Lunch", "Tutorial lunch")
    folder = write_handbook(tmp_path / "h", **{"tutorial_program.yml": overlapping, "tutorials.yml": None})
    imported = read(folder, Options())
    tutorial = next(t for t in imported.documents["tutorials.yaml"] if t["title"] == "Neural Chat Models")
    days = imported.documents["programme.yaml"]["days"]
    assert not any(i.get("tutorial") == tutorial["id"] for d in days for i in items_of(d))
    assert not any(i.get("title") == "Tutorial lunch" for d in days for i in items_of(d))
    assert any("1 tutorial(s) on days of program.yml" in n for n in imported.notes)


def test_program_by_days_and_papers_given_in_the_programme(tmp_path):
    program = textwrap.dedent("""\
        days:
          - date: 2027-06-01
            sessions:
              - title: Orals
                chair: null
                location: Main Hall
                start_time: 2027-06-01T14:00:00
                end_time: 2027-06-01T15:00:00
                papers:
                  - id: '1428'
                    title: Inline Paper
                    abstract: Written in the programme.
                    authors:
                      - first_name: Ada
                        last_name: Lovelace
                        institution: Analytical Engines
                    start_time: 2027-06-01T14:00:00
                    end_time: 2027-06-01T14:15:00
                  - id: '291'
                    title: Spoken Paper
                    speaker: Alan Turing
        """)
    folder = write_handbook(tmp_path / "h", **{"program.yml": program, "papers.yml": None, "tutorials.yml": None,
                                               "tutorial_program.yml": None, "invited_talks.yml": None,
                                               "workshops.yml": None})
    imported = read(folder, Options())
    abstracts = {a["id"]: a for a in imported.documents["abstracts.yaml"]}
    assert abstracts["p1428"]["speaker"] == {"name": "Ada Lovelace", "affiliation": "Analytical Engines"}
    assert abstracts["p291"]["speaker"] == {"name": "Alan Turing"}
    session = imported.documents["programme.yaml"]["days"][0]["items"][0]
    assert session["session"] == "Orals" and session["room"] == "Main Hall" and "chair" not in session
    assert session["items"] == [{"time": "14:00-14:15", "talk": "p1428"}, {"talk": "p291"}]



def test_an_evening_past_midnight_keeps_its_end(tmp_path):
    """A banquet from 20:00 to 01:00 the next day keeps its end (booklet reads an evening's end before its start as
    past midnight, by 06:00), one ending at midnight ends at 24:00, and one from 15:00 to 02:00 keeps its start."""
    program = PROGRAM + textwrap.dedent("""\
        - title: Banquet
          start_time: 2027-06-01 20:00:00
          end_time: 2027-06-02 01:00:00
        - title: Social
          start_time: 2027-06-02 19:00:00
          end_time: 2027-06-03 00:00:00
        - title: Hackathon
          start_time: 2027-06-02 15:00:00
          end_time: 2027-06-03 02:00:00
        """)
    imported = read(write_handbook(tmp_path / "h", **{"program.yml": program}), Options())
    times = {i.get("title"): i.get("time") for day in imported.documents["programme.yaml"]["days"]
             for i in items_of(day)}
    assert times["Banquet"] == "20:00-01:00" and times["Social"] == "19:00-24:00"
    assert times["Hackathon"] == "15:00"
    assert len(read_back(imported, tmp_path / "folder").abstracts) > 0

# -- malformed sources -----------------------------------------------------------------------------

@pytest.mark.parametrize("name, text, expected", [
    ("papers.yml", "- id: 2\n  title: Fine\n- title: No id here\n  abstract: x\n", "papers.yml:3: a paper without an id"),
    ("papers.yml", "- id: 2\n  title: [unclosed\n", "papers.yml:2: YAML syntax error"),
    ("papers.yml", "- id: 2\n  title: One\n- id: 2\n  title: Two\n", "papers.yml:3: paper id 2 given twice"),
    ("program.yml", "- title: Opening\n  start_time: 2027-06-01 09:00:00\n- title: Late\n  start_time: soon\n",
     "program.yml:4: start_time: 'soon' is not a date and time"),
    ("program.yml", "- title: Opening\n  end_time: 2027-06-01 09:00:00\n", "program.yml:1: 'Opening' has no start_time"),
    ("conference_details.yml", "name: X\nstart_date: 2027-13-45\n", "conference_details.yml:2: start_date"),
])
def test_a_malformed_file_is_an_error_naming_file_and_line(tmp_path, name, text, expected):
    folder = write_handbook(tmp_path / "h", **{name: text})
    with pytest.raises(SourceError) as info:
        read(folder, Options(format="aclpub2"))
    assert expected in str(info.value)
    result = invoke("import", folder, "--out", tmp_path / "out", "--format", "aclpub2")
    assert result.exit_code == 1 and "nothing was written" in result.output
    assert not (tmp_path / "out").exists()


def test_a_long_value_in_a_refusal_is_quoted_by_its_start_and_end(tmp_path):
    """A fuzzing run's Indico export with 3,000 characters in a time field was refused with all 3,000 quoted, a
    message of a screenful; values in import refusals are cut as in check's messages."""
    program = "- title: Opening\n  start_time: '" + "x" * 3000 + "'\n"
    folder = write_handbook(tmp_path / "h", **{"program.yml": program})
    result = invoke("import", folder, "--out", tmp_path / "out", "--format", "aclpub2")
    assert result.exit_code == 1 and not (tmp_path / "out").exists()
    assert f"program.yml:2: start_time: '{'x' * 60}\u2026{'x' * 20}' (3,000 characters) is not a date and time " \
           "(expected e.g. 2020-07-01 09:30:00); nothing was written." in result.output
    assert len(result.output) < 400


def test_a_folder_of_another_kind_is_refused(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(SourceError, match="a folder that holds no source booklet imports"):
        detect(tmp_path / "empty")
    (tmp_path / "schedule.json").write_text('{"schedule": {}}', encoding="utf-8")
    with pytest.raises(SourceError, match="the schedule-json format reads a file"):
        read(tmp_path, Options(format="schedule-json"))


def test_any_of_its_files_names_the_folder(tmp_path):
    folder = write_handbook(tmp_path / "handbook")
    assert detect(folder / "papers.yml") == "aclpub2" and detect(folder / "program.yml") == "aclpub2"
    lone = tmp_path / "papers.yml"
    lone.write_text(PAPERS, encoding="utf-8")
    assert not aclpub2.detect(lone, lone.read_bytes())  # alone, not in a handbook folder


def test_an_author_without_a_name_is_named_in_the_notes(tmp_path):
    """An import review: an author record with an institution and no name parts was dropped without a word."""
    papers = PAPERS.replace("  - first_name: Chenguang\n    last_name: Zhu\n",
                            "  - first_name: Chenguang\n    last_name: Zhu\n  - first_name: ''\n"
                            "    institution: Lund University\n", 1)
    assert papers != PAPERS
    imported = read(write_handbook(tmp_path / "hb", **{"papers.yml": papers}), Options())
    line = papers.splitlines().index("  - first_name: ''") + 1
    assert (f"1 person(s) without a name (no first_name, last_name or name), left out: papers.yml:{line} (institution "
            "'Lund University'); write their names in where they speak") in imported.notes


def test_a_last_name_of_two_words_is_kept_for_the_index(tmp_path):
    """papers.yml gives first_name and last_name apart: "Maria Paula" "Caldas Rivera" was printed "Maria Paula Caldas
    Rivera" and filed by its last word, as "Rivera, Maria Paula Caldas"; people.yaml now gives the last_name as the
    family name, only where the rule would not find it: not Zhu's, nor Barbara Di Eugenio's, whose "Di" SIGDIAL 2020
    gives as her middle_name (the rule's "Di Eugenio" is right, not the last_name "Eugenio")."""
    papers = PAPERS.replace("  - first_name: Bo\n    last_name: Jones\n",
                            "  - first_name: Maria Paula\n    last_name: Caldas Rivera\n", 1).replace(
        "  - first_name: Ana\n    last_name: Poster\n",
        "  - first_name: Barbara\n    last_name: Eugenio\n    middle_name: Di\n", 1)
    assert papers.count("Caldas") == papers.count("Eugenio") == 1
    imported = read(write_handbook(tmp_path / "hb", **{"papers.yml": papers}), Options())
    assert imported.documents["people.yaml"] == [{"name": "Maria Paula Caldas Rivera", "family": "Caldas Rivera"}]
    booklet = read_back(imported, tmp_path / "folder")
    assert [(p.name, p.family) for p in booklet.people] == [("Maria Paula Caldas Rivera", "Caldas Rivera")]
    assert [a.name for a in booklet.posters[0].authors] == ["Barbara Di Eugenio"]


def test_a_last_name_with_a_suffix_is_left_to_the_rule(tmp_path):
    """The ACL Anthology writes "Robert L." "Logan IV" (first_name, last_name) and "Martin Luther" "King, Jr.":
    people.yaml gave the last_name as the family, filed "Logan IV, Robert L." and "King, Jr., Martin Luther"; the rule
    sets the suffix aside ("Logan, Robert L., IV"), so no entry is written for them, as for Zhu."""
    from booklet.text.names import split_name

    papers = PAPERS.replace("  - first_name: Bo\n    last_name: Jones\n",
                            "  - first_name: Robert L.\n    last_name: Logan IV\n", 1).replace(
        "  - first_name: Ana\n    last_name: Poster\n",
        "  - first_name: Martin Luther\n    last_name: King, Jr.\n", 1)
    assert papers.count("Logan IV") == papers.count("King, Jr.") == 1
    imported = read(write_handbook(tmp_path / "hb", **{"papers.yml": papers}), Options())
    assert "people.yaml" not in imported.documents
    booklet = read_back(imported, tmp_path / "folder")
    names = sorted(p.name for a in (*booklet.abstracts, *booklet.posters) for p in a.authors)
    assert [split_name(n).inverted() for n in names if n.startswith(("Robert", "Martin"))] == [
        "King, Martin Luther, Jr.", "Logan, Robert L., IV"]


@pytest.mark.parametrize("date", ["2027-05-31", "2027-06-02"])
def test_a_paper_dated_off_its_sessions_day_is_refused_naming_it(tmp_path, date):
    """A paper whose start_time was a day before (or after) the day of the session listing it was imported on a day of
    its own, its session printed in two halves on two days, without a word. Which is right cannot be told: refused as
    a schedule's event away from its day is, naming file, line, title, its start_time and the session's day; exit 1,
    nothing written. A paper the night after its session's day is imported where the session runs into that night (see
    test_a_paper_in_the_night_after_a_morning_session_is_refused)."""
    old = "        - id: 4\n          start_time: 2027-06-01 09:30:00\n          end_time: 2027-06-01 09:45:00\n"
    assert old in PROGRAM
    folder = write_handbook(tmp_path / "h", **{"program.yml": PROGRAM.replace(old, old.replace("2027-06-01", date))})
    with pytest.raises(SourceError) as info:
        read(folder, Options(format="aclpub2"))
    assert str(info.value) == (f"{folder / 'program.yml'}: line 18 ('Unsupervised Evaluation of Dialog'): its "
                               f"start_time '{date} 09:30:00' is not on the day of its session 'Generation' "
                               "(2027-06-01) nor the night after; correct one of them in the export")
    result = invoke("import", folder, "--out", tmp_path / "out", "--format", "aclpub2")
    assert result.exit_code == 1 and str(info.value) in result.output and "nothing was written" in result.output
    assert not (tmp_path / "out").exists()



GENERATION = "      start_time: 2027-06-01 09:15:00\n      end_time: 2027-06-01 09:45:00\n      papers:\n        - id: 2\n"


@pytest.mark.parametrize("session, refused", [
    (("09:15", "09:45"), True), (("09:15", "17:30"), True), (("20:00", "23:30"), False), (("22:00", "01:00"), False)])
def test_a_paper_in_the_night_after_a_morning_session_is_refused(tmp_path, session, refused):
    """A paper at 00:30 the day after the day of its session was taken as that night's whatever the session's times:
    listed by "Generation", 09:15-09:45, it was printed at the end of that day's evening, 15 hours after its session.
    The night after is a session's only when it runs into it (ends from 18:00, or past midnight): an evening session's
    paper at 00:30 is imported (in that session); a morning's or an afternoon's is refused, naming file, line, title,
    its start_time and the session's day and times; exit 1, nothing written."""
    old = "        - id: 4\n          start_time: 2027-06-01 09:30:00\n          end_time: 2027-06-01 09:45:00\n"
    night = old.replace("2027-06-01 09:30", "2027-06-02 00:30").replace("2027-06-01 09:45", "2027-06-02 00:45")
    ends = "2027-06-02" if session[1] < session[0] else "2027-06-01"
    times = GENERATION.replace("09:15:00\n      end_time: 2027-06-01 09:45", f"{session[0]}:00\n      end_time: "
                                                                             f"{ends} {session[1]}")
    assert old in PROGRAM and GENERATION in PROGRAM
    folder = write_handbook(tmp_path / "h", **{"program.yml": PROGRAM.replace(old, night).replace(GENERATION, times)})
    if not refused:
        days = read(folder, Options(format="aclpub2")).documents["programme.yaml"]["days"]
        sessions = [s for day in days for item in day["items"] for s in item.get("parallel", [item]) if "session" in s]
        assert {"time": "00:30-00:45", "talk": "p4"} in next(s for s in sessions if s["session"] == "Generation")["items"]
        return
    with pytest.raises(SourceError) as info:
        read(folder, Options(format="aclpub2"))
    assert str(info.value) == (f"{folder / 'program.yml'}: line 18 ('Unsupervised Evaluation of Dialog'): its "
                               "start_time '2027-06-02 00:30:00' is in the night after the day of its session "
                               f"'Generation' (2027-06-01), which runs {session[0]}-{session[1]} and not into the "
                               "night; correct one of them in the export")
    result = invoke("import", folder, "--out", tmp_path / "out", "--format", "aclpub2")
    assert result.exit_code == 1 and str(info.value) in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("name, old, new, expected", [
    ("conference_details.yml", "end_date: 2027-06-02", "end_date: 2027-05-02",
     "line 4 ('Workshop on Dialogue and Discourse'): end_date '2027-05-02' is before its "
     "start_date '2027-06-01'; correct one of them in the export"),
    ("program.yml", "  end_time: 2027-06-01 09:15:00\n- title: Session 1", "  end_time: 2027-06-01 08:15:00\n- title: "
     "Session 1", "line 3 ('Opening Remarks'): end_time '2027-06-01 08:15:00' is before its start_time "
     "'2027-06-01 09:00:00'; correct one of them in the export"),
    ("invited_talks.yml", "  date: 2027-06-02 11:00:00\n",
     "  date: 2027-06-02 11:00:00\n  end_time: 2027-06-02 10:00:00\n",
     "line 7 ('Invited Keynote on Grounding'): end_time '2027-06-02 10:00:00' is before its date "
     "'2027-06-02 11:00:00'; correct one of them in the export"),
])
def test_an_end_before_its_start_is_refused_naming_file_line_and_both(tmp_path, name, old, new, expected):
    """An aclpub2 handbook whose conference end_date was before its start_date was imported with the programme's
    dates and no word; an item (a session, a paper, an invited talk) whose end_time was before its start was printed
    with its start alone. aclpub2 writes both as dates and times, so which is right cannot be told: refused as a
    schedule's or Indico's end before its start is, naming file, line, title and both values; exit 1, nothing
    written."""
    text = {"conference_details.yml": DETAILS, "program.yml": PROGRAM, "invited_talks.yml": INVITED}[name]
    assert old in text
    folder = write_handbook(tmp_path / "h", **{name: text.replace(old, new, 1)})
    with pytest.raises(SourceError) as info:
        read(folder, Options(format="aclpub2"))
    assert str(info.value) == f"{folder / name}: {expected}"
    result = invoke("import", folder, "--out", tmp_path / "out", "--format", "aclpub2")
    assert result.exit_code == 1 and str(info.value) in result.output and "nothing was written" in result.output
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("key", ["url", "website"])
def test_a_conference_address_of_another_kind_than_the_web_s_is_refused_at_its_line_and_key(tmp_path, key):
    """conference_details.yml's `url: "javascript:..."` was refused as check refuses conference.yaml's `url`, naming
    a file the import writes and no line: now the handbook's file, line and key; exit 1, nothing written."""
    folder = write_handbook(tmp_path / "h", **{"conference_details.yml": DETAILS.replace(
        "abbreviation: WDD\n", f"abbreviation: WDD\n{key}: 'javascript:app.alert(1)'\n")})
    path = folder / "conference_details.yml"
    refused_on_import(lambda _, options: read(folder, Options(format="aclpub2")), path,
                      f"{path}:3: {key}: 'javascript:app.alert(1)' is not a web address: javascript: is not a kind of "
                      "address the booklet links to; write a web address (https://www.example.org, or "
                      "www.example.org, opened as https://) or an email address (mailto:info@example.org); correct "
                      "it in the export, or leave it out", tmp_path / "out")


def test_an_abstract_file_saved_as_utf_32_is_refused_naming_its_encoding(tmp_path):
    """An invited talk's abstract_file saved as UTF-32 was read as UTF-8, its mark replaced and a NUL after each
    letter (left out as control characters, with a note), without a word of its encoding: now refused as every
    reader refuses a file in UTF-32 (importers.utf8_text); exit 1, nothing written."""
    folder = write_handbook(tmp_path / "h")
    path = folder / "invited1.tex"
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-32"))
    refused_on_import(lambda _, options: read(folder, Options(format="aclpub2")), folder / "conference_details.yml",
                      f"{path}:1: not UTF-8 text: the file is UTF-32 text; save it as UTF-8", tmp_path / "out")


def test_a_numbered_chair_is_a_placeholder_named_in_the_summary_warned_and_left_out_of_the_index(tmp_path):
    """SIGDIAL 2020's handbook names two sessions' chairs "Chair 1" and "Chair 2": they were listed in the index of
    authors as people, and neither the summary nor check said a word. Now the summary names them as placeholders,
    check warns at their line and key, and the index leaves them out (the session still prints them, to be
    replaced)."""
    folder = write_handbook(tmp_path / "h", **{"program.yml": PROGRAM.replace("chair: Raj Patel", "chair: Chair 1")})
    result = invoke("import", folder, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    summary = result.output.splitlines()[0]
    # (the second day's session without papers is a programme line: its chair is not printed, nor imported)
    assert summary.endswith("; 1 chair named by a placeholder: 'Chair 1' (see the warnings)."), summary
    programme = (tmp_path / "out" / "programme.yaml").read_text(encoding="utf-8").splitlines()
    (line,) = [number for number, text in enumerate(programme, 1) if text.strip() == "chair: Chair 1"]
    checked = invoke("check", tmp_path / "out")
    assert [text for text in checked.output.splitlines() if "Chair 1" in text] == [
        f"programme.yaml:{line}: days[1].items[1].parallel[1].chair: warning: 'Chair 1' is a placeholder, not a "
        "chair's name: it would be printed as it is; write the real one before printing"]
    from tests.pdftext import Pdf

    build_booklet(tmp_path / "out", tmp_path / "out.pdf")
    pdf = Pdf(tmp_path / "out.pdf")
    (index,) = [i for i in range(len(pdf)) if pdf.lines(i)[:1] == ["Index of authors"]]
    assert "Chen, Mei" in pdf.lines(index) or any(line.startswith("Chen, Mei") for line in pdf.lines(index))
    assert not [line for line in pdf.lines(index) if "Chair" in line]
    assert any("Chair 1" in line for page in pdf.pages_with("Chair 1") for line in pdf.lines(page))


def test_authors_written_as_one_string_are_read_as_a_tables_cell_of_names(tmp_path):
    """A programme's authors written as one string were cut at every comma and 'and': "Smith, Ana and Lee, MA" was
    four people, "Smith", "Ana", "Lee" and "MA". The string is read as a table's cell of
    names is (table.split_names), each name as every reader turns one written family name first (table.turned_name:
    "Lee, MA" is M. A. Lee, its family for people.yaml); given names first stay as they are."""
    program = TUTORIAL_PROGRAM.replace('"Andr\\xE9 Martins, Vlad Niculae, and Nina Dethlefs"',
                                       '"Smith, Ana and Lee, MA"')
    assert program != TUTORIAL_PROGRAM
    imported = read(write_handbook(tmp_path / "hb", **{"tutorial_program.yml": program}), Options())
    tutorial = next(t for t in imported.documents["tutorials.yaml"] if t["title"] == "Neural Chat Models")
    assert [p["name"] for p in tutorial["presenters"]] == ["Ana Smith", "MA Lee"]
    read_back(imported, tmp_path / "folder")


@pytest.mark.parametrize("written, names", [
    ("Santiago Ramón y Cajal, Nina Dethlefs, and Vlad Niculae", ["Santiago Ramón y Cajal", "Nina Dethlefs",
                                                                  "Vlad Niculae"]),
    ("Maria da Silva e Souza and Nina Dethlefs", ["Maria da Silva e Souza", "Nina Dethlefs"]),
    ("Ramón y Cajal, Santiago", ["Santiago Ramón y Cajal"]),
    ("AT&T Labs Research", ["AT&T Labs Research"])])
def test_authors_written_as_one_string_are_parted_only_where_names_are(tmp_path, written, names):
    """Authors written as one string are a list in English ('A, B, and C'): a family name's 'y' or 'e' (Spanish,
    Portuguese) joins no two people there (table.split_names: "Santiago Ramón y Cajal, Nina Dethlefs, and Vlad
    Niculae" was four people, "Santiago Ramón" and "Cajal"), and a name every reader reads as one person's is one
    (table.several_people: "Ramón y Cajal, Santiago" was three, "AT&T Labs Research" two)."""
    program = TUTORIAL_PROGRAM.replace('"Andr\\xE9 Martins, Vlad Niculae, and Nina Dethlefs"', f'"{written}"')
    assert program != TUTORIAL_PROGRAM
    imported = read(write_handbook(tmp_path / "hb", **{"tutorial_program.yml": program}), Options())
    tutorial = next(t for t in imported.documents["tutorials.yaml"] if t["title"] == "Neural Chat Models")
    assert [p["name"] for p in tutorial["presenters"]] == names
