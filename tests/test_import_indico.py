"""Indico's event export (detail=sessions / contributions) and timetable export -> booklet's documents."""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata

import pytest

from booklet.build import build_booklet
from booklet.importers import Options, SourceError, indico
from .import_helpers import by_id, items_of as all_items, read_back, refused_on_import

D = dt.date


def when(date: str, time: str, tz: str = "UTC") -> dict:
    return {"date": date, "time": time, "tz": tz}


def _zurich(entry: dict, day: str, start: str, end_day: str, end: str) -> None:
    """A timetable entry dated from `start` on `day` to `end` on `end_day` (HH:MM), in Europe/Zurich."""
    entry["startDate"] = when(day, f"{start}:00", "Europe/Zurich")
    entry["endDate"] = when(end_day, f"{end}:00", "Europe/Zurich")


def person(first: str, last: str, affiliation: str = "", **extra) -> dict:
    return {"_type": "ContributionParticipation", "first_name": first, "last_name": last,
            "fullName": f"{last}, {first}", "affiliation": affiliation, "emailHash": "0" * 32, **extra}


def contribution(ident: int, title: str, start: tuple[str, str] | None = None, duration: int = 20, **extra) -> dict:
    c = {"_type": "Contribution", "id": str(ident), "friendly_id": ident, "db_id": 100 + ident, "title": title,
         "description": "", "startDate": when(*start) if start else None,
         "endDate": None, "duration": duration, "type": None, "track": None, "session": None,
         "room": "", "roomFullname": "", "location": "", "board_number": "",
         "speakers": [], "primaryauthors": [], "coauthors": []}
    c.update(extra)
    return c


def event_export() -> dict:
    """An event export with detail=sessions: times in UTC, the event in Europe/Zurich (UTC+2 in June)."""
    talk = contribution(
        12, "Charm flow at $\\sqrt{s_{NN}}=5.02~\\mathrm{TeV}$", ("2026-06-23", "07:20:00"), 25,
        type="Contributed talk", session="Heavy Flavour",
        description="We measure *charm* flow.\r\n\r\nSee [the paper](https://arxiv.org/abs/1) and 3.6\\% more.",
        speakers=[person("Ana", "Smith", "Lund University")],
        primaryauthors=[person("Ana", "Smith", "Lund University"), person("Bo", "Jones", "CERN")],
        coauthors=[person(" T J", "Vilvaraj,", "IIT Madras")])
    talk2 = contribution(13, "Beauty at the LHC", ("2026-06-23", "07:45:00"), 20, type="Contributed talk",
                         session="Heavy Flavour", roomFullname="Room B",
                         primaryauthors=[person("Chen", "Mei", "")])
    posters = [contribution(30 + n, f"Poster {n}", ("2026-06-23", "16:00:00"), 90, type="Poster",
                            session="Posters", board_number=str(n), primaryauthors=[person("Zoë", f"Author{n}", "NOA")],
                            description="<p>A <em>poster</em> abstract.</p>")
               for n in (1, 2)]
    return {
        "count": 1, "_type": "HTTPAPIResult", "complete": True, "url": "https://indico.example/export/event/99.json",
        "results": [{
            "_type": "Conference", "id": "99", "title": "Hard Probes 2026", "timezone": "Europe/Zurich",
            "startDate": when("2026-06-22", "22:00:00"), "endDate": when("2026-06-24", "16:00:00"),
            "location": "CERN", "address": "Esplanade des Particules 1, Geneva", "room": "",
            "url": "https://indico.example/event/99/", "description": "<p>The conference.</p>",
            "chairs": [person("Radek", "Szwichtenberg", "Intel")],
            "contributions": [
                contribution(1, "Opening", ("2026-06-23", "07:00:00"), 15),
                contribution(2, "The QGP: a review", ("2026-06-23", "08:10:00"), 40, type="Plenary talk",
                             speakers=[person("Iago", "Toral", "Igalia")], roomFullname="Main Auditorium"),
                contribution(3, "Jets", ("2026-06-24", "07:00:00"), 30, track="Invited Talk",
                             primaryauthors=[person("Rob", "Clark", "Google")],
                             description="&lt;p&gt;Escaped &lt;strong&gt;HTML&lt;/strong&gt;&lt;/p&gt;"),
                contribution(4, "Hands-on Rivet", ("2026-06-24", "08:00:00"), 120, type="Tutorial",
                             speakers=[person("Sven", "Øberg", "NBI")], description="## Bring\n\n- a laptop"),
                contribution(5, "Not yet scheduled", None, 20, type="Contributed talk",
                             primaryauthors=[person("Zofia", "Danek", "Poznań")]),
                contribution(6, "Real tracks are not types", ("2026-06-24", "10:00:00"), 20,
                             track="Heavy quarks and quarkonia", primaryauthors=[person("Lu", "Wei", "PKU")]),
            ],
            "sessions": [
                {"_type": "Session", "id": "7", "title": "Heavy Flavour", "room": "Room A", "roomFullname": "Room A",
                 "isPoster": False, "startDate": when("2026-06-23", "07:20:00"),
                 "sessionConveners": [{"_type": "SlotChair", "first_name": "Mei", "last_name": "Chen",
                                       "fullName": "Chen, Mei", "affiliation": "IHEP"}],
                 "contributions": [talk, talk2]},
                {"_type": "Session", "id": "8", "title": "Posters", "room": "Hall", "roomFullname": "Hall",
                 "isPoster": True, "startDate": when("2026-06-23", "16:00:00"), "sessionConveners": [],
                 "contributions": posters},
            ],
        }],
    }


def timetable_export() -> dict:
    def entry(key, title, start, end, **extra):
        e = {"id": key, "title": title, "startDate": when("2026-06-23", start, "Europe/Zurich"),
             "endDate": when("2026-06-23", end, "Europe/Zurich"), "location": "CERN", "room": "", "description": ""}
        e.update(extra)
        return e

    block = entry("s3l7", "Heavy Flavour", "09:00:00", "10:30:00", entryType="Session", slotTitle="Heavy Flavour I",
                  room="Room A", isPoster=False,
                  conveners=[{"firstName": "Mei", "familyName": "Chen", "affiliation": "IHEP"},
                             {"firstName": "Bo", "familyName": "Jones", "affiliation": "CERN"}],
                  entries={
                      "c21": entry("c21", "Charm flow", "09:00:00", "09:25:00", entryType="Contribution",
                                   contributionId="21", friendlyId=12, room="Room A",
                                   presenters=[{"firstName": "Ana", "familyName": "Smith", "affiliation": "Lund"}],
                                   authors=[{"firstName": "Bo", "familyName": "Jones", "affiliation": "CERN"}],
                                   description="A <em>talk</em>."),
                      "b5": entry("b5", "Coffee break", "09:25:00", "09:45:00", entryType="Break", room="Room A"),
                  })
    posters = entry("s4l8", "Posters", "16:00:00", "17:30:00", entryType="Session", slotTitle="", room="Hall",
                    isPoster=True, conveners=[],
                    entries={"c40": entry("c40", "A poster", "16:00:00", "17:30:00", entryType="Contribution",
                                          contributionId="40", friendlyId=30, board_number="7",
                                          presenters=[{"firstName": "Zoë", "familyName": "Papa", "affiliation": "NOA"}],
                                          authors=[])})
    lone = entry("c22", "Summary talk", "17:30:00", "18:00:00", entryType="Contribution", contributionId="22",
                 friendlyId=14, presenters=[{"firstName": "Iago", "familyName": "Toral", "affiliation": "Igalia"}],
                 authors=[])
    dinner = entry("b9", "Conference dinner", "19:30:00", "22:30:00", entryType="Break")
    return {"count": 1, "_type": "HTTPAPIResult", "results": {"99": {"20260623": {
        "s3l7": block, "s4l8": posters, "c22": lone, "b9": dinner}}}}


@pytest.fixture
def event_file(tmp_path):
    path = tmp_path / "99.json"
    path.write_text(json.dumps(event_export(), indent=1), encoding="utf-8")
    return path


def test_event_export_arrives_whole(event_file, tmp_path):
    assert indico.detect(event_file, event_file.read_bytes()[:65536])
    imported = indico.read(event_file, Options())
    assert imported.format == "indico"
    docs = imported.documents
    conference = docs["conference.yaml"]
    assert conference["title"] == "Hard Probes 2026"
    assert conference["dates"] == {"start": D(2026, 6, 23), "end": D(2026, 6, 24)}  # 22:00 UTC is midnight in Zurich
    assert conference["venue"] == "CERN, Esplanade des Particules 1, Geneva"
    assert conference["committees"][0]["members"] == [{"name": "Radek Szwichtenberg", "affiliation": "Intel"}]

    abstracts = by_id(docs["abstracts.yaml"])
    assert set(abstracts) == {"c12", "c13", "c2", "c3", "c5", "c6"}
    charm = abstracts["c12"]
    assert charm["title"] == "Charm flow at $\\sqrt{s_{NN}}=5.02~\\mathrm{TeV}$"
    assert charm["authors"] == [
        {"name": "Ana Smith", "affiliation": "Lund University", "presenting": True},
        {"name": "Bo Jones", "affiliation": "CERN"},
        {"name": "T J Vilvaraj", "affiliation": "IIT Madras"}]
    assert charm["abstract"] == ("We measure *charm* flow.\n\nSee the paper (https://arxiv.org/abs/1) and 3.6\\% more.")
    assert "kind" not in charm
    assert abstracts["c2"]["kind"] == "keynote" and abstracts["c2"]["speaker"] == {"name": "Iago Toral",
                                                                                   "affiliation": "Igalia"}
    assert abstracts["c3"]["kind"] == "invited"  # the type was in the track
    assert abstracts["c3"]["abstract"] == "Escaped **HTML**"
    assert "kind" not in abstracts["c6"]  # a real track is no type
    assert docs["tutorials.yaml"] == [{"id": "c4", "title": "Hands-on Rivet", "description": "**Bring**\n\n\u2013 a laptop",
                                       "presenters": [{"name": "Sven Øberg", "affiliation": "NBI"}]}]
    assert docs["posters.yaml"] == [
        {"number": n, "author": f"Zoë Author{n}", "title": f"Poster {n}", "affiliation": "NOA",
         "abstract": "A *poster* abstract."} for n in (1, 2)]

    day1, day2 = docs["programme.yaml"]["days"]
    assert day1["date"] == D(2026, 6, 23) and day2["date"] == D(2026, 6, 24)
    assert day1["items"][0] == {"time": "09:00-09:15", "title": "Opening"}  # no speaker: a line, in Zurich time
    session = day1["items"][1]
    assert session == {"session": "Heavy Flavour", "chair": "Mei Chen", "room": "Room A",
                       "items": [{"time": "09:20-09:45", "talk": "c12"},
                                 {"time": "09:45-10:05", "talk": "c13", "room": "Room B"}]}
    assert day1["items"][2] == {"time": "10:10-10:50", "talk": "c2", "room": "Main Auditorium"}
    assert day1["items"][3] == {"time": "18:00-19:30", "title": "Posters", "kind": "poster", "room": "Hall"}
    assert [i.get("talk") or i.get("tutorial") for i in all_items(day2)] == ["c3", "c4", "c6"]
    scheduled = {i.get("talk") for d in (day1, day2) for i in all_items(d)}
    assert "c5" not in scheduled  # no time: an abstract outside the programme
    assert any("1 contribution(s) have no day and time the programme can place them at" in n for n in imported.notes)
    assert any("no speaker" in n and "'Opening'" in n for n in imported.notes)

    booklet = read_back(imported, tmp_path / "folder")
    assert len(booklet.abstracts) == 6 and len(booklet.posters) == 2 and len(booklet.tutorials) == 1
    result = build_booklet(tmp_path / "folder", tmp_path / "booklet.pdf")
    assert result.pages >= 8 and (tmp_path / "booklet.pdf").stat().st_size > 10_000


def test_ids_are_stable_across_imports(event_file):
    first = indico.read(event_file, Options()).documents
    data = event_export()
    data["results"][0]["contributions"].insert(0, contribution(
        50, "A late addition", ("2026-06-23", "06:00:00"), 20, primaryauthors=[person("New", "Comer")]))
    event_file.write_text(json.dumps(data), encoding="utf-8")
    second = indico.read(event_file, Options()).documents
    assert set(by_id(first["abstracts.yaml"])) <= set(by_id(second["abstracts.yaml"]))
    assert all(re.fullmatch(r"\S+", a["id"]) for a in second["abstracts.yaml"])


def test_kinds_option_maps_types(event_file):
    imported = indico.read(event_file, Options(kinds={"Contributed talk": "special"}))
    assert by_id(imported.documents["abstracts.yaml"])["c12"]["kind"] == "special"
    with pytest.raises(SourceError, match="'dinner' .* is not a kind"):
        indico.read(event_file, Options(kinds={"Contributed talk": "dinner"}))


def test_a_kinds_type_the_source_never_gives_is_noted(event_file):
    """A misspelt --kinds type would change nothing, silently: the import says so, with the source's types."""
    from booklet.importers import read

    imported = read(event_file, Options(kinds={"Contributed talks": "special", "Contributed talk": "invited"}))
    assert by_id(imported.documents["abstracts.yaml"])["c12"]["kind"] == "invited"
    unused = [n for n in imported.notes if n.startswith("--kinds")]
    assert len(unused) == 1
    assert unused[0].startswith("--kinds: the source gives no type 'Contributed talks' (did you mean "
                                "'Contributed talk'?), so it changes nothing; its types are ")
    assert "'Contributed talk'" in unused[0].split("its types are ")[1]
    assert not [n for n in read(event_file, Options(kinds={"contributed TALK": "invited"})).notes
                if n.startswith("--kinds")]  # matched as the kinds are: case and spaces aside


def test_unknown_types_are_counted(event_file):
    data = event_export()
    data["results"][0]["contributions"][5]["type"] = "Flash presentation with music"
    data["results"][0]["contributions"][4]["type"] = "Mystery slot"
    event_file.write_text(json.dumps(data), encoding="utf-8")
    imported = indico.read(event_file, Options())
    assert imported.unmapped_types == {"Mystery slot": 1}


def test_timetable_export(tmp_path):
    path = tmp_path / "timetable.json"
    path.write_text(json.dumps(timetable_export()), encoding="utf-8")
    assert indico.detect(path, path.read_bytes())
    imported = indico.read(path, Options())
    docs = imported.documents
    assert docs["conference.yaml"]["title"] == "Conference title"  # the export has none: a placeholder (lint warns)
    assert docs["conference.yaml"]["venue"] == "CERN"
    assert docs["conference.yaml"]["dates"] == {"start": D(2026, 6, 23), "end": D(2026, 6, 23)}
    assert by_id(docs["abstracts.yaml"])["c12"]["authors"] == [
        {"name": "Ana Smith", "affiliation": "Lund", "presenting": True}, {"name": "Bo Jones", "affiliation": "CERN"}]
    assert docs["posters.yaml"] == [{"number": 7, "author": "Zoë Papa", "title": "A poster", "affiliation": "NOA"}]
    items = docs["programme.yaml"]["days"][0]["items"]
    assert items == [
        {"session": "Heavy Flavour I", "chair": ["Mei Chen", "Bo Jones"], "room": "Room A",
         "items": [{"time": "09:00-09:25", "talk": "c12"}, {"time": "09:25-09:45", "title": "Coffee break",
                                                              "kind": "break"}]},
        {"time": "16:00-17:30", "title": "Posters", "kind": "poster", "room": "Hall"},
        {"time": "17:30-18:00", "talk": "c14"},
        {"time": "19:30-22:30", "title": "Conference dinner", "kind": "social"},
    ]
    read_back(imported, tmp_path / "folder")


def test_timetable_in_another_zone(tmp_path):
    path = tmp_path / "timetable.json"
    path.write_text(json.dumps(timetable_export()), encoding="utf-8")
    items = indico.read(path, Options(timezone="Europe/London")).documents["programme.yaml"]["days"][0]["items"]
    assert items[0]["items"][0]["time"] == "08:00-08:25"


def test_bad_json_names_file_and_line(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"results": [\n  {"title": "x",\n  }\n]}', encoding="utf-8")
    with pytest.raises(SourceError, match=r"broken\.json: line 3, column 3: not valid JSON"):
        indico.read(path, Options())
    path.write_text('{"results": [\n  {"title": Infinity}]}', encoding="utf-8")
    with pytest.raises(SourceError, match=r"broken\.json: line 2, column 13: not valid JSON \(Infinity is not a JSON"):
        indico.read(path, Options())


def test_a_number_too_large_for_a_float_is_kept_as_written():
    """Python reads 1e400 as inf: a title of that number printed as inf."""
    from booklet.importers.schedule_json import json_value

    assert json_value('{"title": 1e400, "n": -1e999, "x": 2.5, "w": 12}') == {"title": "1e400", "n": "-1e999",
                                                                             "x": 2.5, "w": 12}


def test_not_an_indico_export(tmp_path):
    path = tmp_path / "other.json"
    path.write_text('{"schedule": {"conference": {}}}', encoding="utf-8")
    assert not indico.detect(path, path.read_bytes())
    with pytest.raises(SourceError, match="other.json: not an Indico export"):
        indico.read(path, Options())


def test_a_board_number_of_thousands_of_digits_is_no_number(tmp_path):
    """A review: a board number of 5,000 digits, kept as text by the JSON reader, then raised ValueError ("Exceeds
    the limit (4300 digits)") when read as a number: the poster is numbered by its place, and the import says so."""
    data = event_export()
    text = json.dumps(data).replace('"board_number": "1"', '"board_number": ' + "7" * 5000)
    path = tmp_path / "99.json"
    path.write_text(text, encoding="utf-8")
    imported = indico.read(path, Options())
    assert [p.get("number") for p in imported.documents["posters.yaml"]] == [None, 2]  # (1: by its place)
    assert any("board number '" + "7" * 40 + "' is not a number" in note for note in imported.notes)


def test_a_family_name_of_more_than_its_last_word_goes_to_people_yaml(tmp_path):
    """A review of the XDC 2021 import: Indico gives `last_name: "Jáquez Leal"`, the import kept the full name only,
    and the index filed "Leal, Victor Manuel Jáquez". A family name that is not the last word (with its particles)
    goes to people.yaml, which the index files the person by; the others do not (nor a name without it), nor does
    one the index finds unaided (a Spanish name's two family names, the first with its accent: Jáquez Leal)."""
    export = event_export()
    talk = export["results"][0]["contributions"][0]
    talk["primaryauthors"] += [person("Victor Manuel", "Jáquez Leal", "Igalia"), person("Ana", "de la Cruz"),
                               person("David", "Yat Sin")]
    # (the same person with a decomposed accent elsewhere: one entry, or check refuses people.yaml: a review)
    export["results"][0]["contributions"][1]["primaryauthors"].append(
        person("Victor Manuel", unicodedata.normalize("NFD", "Jáquez Leal")))
    path = tmp_path / "e.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    imported = indico.read(path, Options())
    assert imported.documents["people.yaml"] == [{"name": "David Yat Sin", "family": "Yat Sin"}]
    assert ("1 person(s) whose family name (as the source gives it) is not the last word of their name: in "
            "people.yaml, which the index of authors files them by") in " ".join(imported.notes)
    booklet = read_back(imported, tmp_path / "folder")
    assert {i.name: i.family for i in booklet.people} == {"David Yat Sin": "Yat Sin"}
    result = build_booklet(tmp_path / "folder", tmp_path / "b.pdf")
    from .pdftext import Pdf
    index = Pdf(result.output).texts[result.anchors["index"] - 1]
    assert "Jáquez Leal, Victor Manuel" in index and "Yat Sin, David" in index and "Cruz, Ana de la" in index
    # an update writes people.yaml into a folder without one (an import before it was written), and leaves the
    # LOC's own as it is
    from click.testing import CliRunner

    from booklet.cli import main

    folder = tmp_path / "updated"
    assert CliRunner().invoke(main, ["import", str(path), "--out", str(folder)]).exit_code == 0
    (folder / "people.yaml").unlink()
    result = CliRunner().invoke(main, ["import", str(path), "--out", str(folder), "--update"])
    assert result.exit_code == 0, result.output
    assert "people.yaml: David Yat Sin" in result.stdout and (folder / "people.yaml").exists()
    # a person the source adds later: added to people.yaml while nobody has edited it since the import wrote it
    export["results"][0]["contributions"][1]["primaryauthors"].append(person("Mei Ling", "Ortiz Cruz"))
    path.write_text(json.dumps(export), encoding="utf-8")
    result = CliRunner().invoke(main, ["import", str(path), "--out", str(folder), "--update"])
    assert result.exit_code == 0, result.output
    assert "people.yaml: Mei Ling Ortiz Cruz" in result.stdout and "Ortiz Cruz" in (folder / "people.yaml").read_text()
    (folder / "people.yaml").write_text("- {name: David Yat Sin, family: Yat Sin}\n", encoding="utf-8")
    assert CliRunner().invoke(main, ["import", str(path), "--out", str(folder), "--update"]).exit_code == 0
    assert (folder / "people.yaml").read_text("utf-8") == "- {name: David Yat Sin, family: Yat Sin}\n"


def test_an_empty_family_name_field_is_a_person_of_one_name_and_never_an_empty_family(tmp_path):
    """check refuses people.yaml's `family: ''`: an import of people whose family name field is empty (a person of
    one name, "Sukarno"; a name typed whole into one field) writes no such entry, files each as its name's own words,
    and passes check."""
    export = event_export()
    export["results"][0]["contributions"][0]["primaryauthors"] += [
        person("Sukarno", ""), person("", "Hatta"), person("Mei Ling", "  ")]
    path = tmp_path / "e.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    imported = indico.read(path, Options())
    assert not imported.documents.get("people.yaml")
    booklet = read_back(imported, tmp_path / "folder")
    assert {"Sukarno", "Hatta", "Mei Ling"} <= {p.name for a in booklet.abstracts for p in a.authors}
    assert not (tmp_path / "folder" / "people.yaml").exists() and booklet.people == ()


def test_a_name_typed_whole_into_one_field_is_not_written_twice():
    """A US LOC's run of XDC 2021: Indico gave first name 'Rajneesh', last name 'Rajneesh Bhardwaj', printed
    'Rajneesh Rajneesh Bhardwaj' on the glance, the day and the index; 'Ana Smith' and 'Smith' the same way round.
    A name of one word in both fields is as written."""
    from booklet.importers.assemble import full_name, given_and_family
    from booklet.importers.indico import _people

    people = _people([person("Rajneesh", "Rajneesh Bhardwaj"), person("Ana Smith", "Smith"), person("Li", "Li")])
    assert [(p.name, p.family) for p in people] == [("Rajneesh Bhardwaj", "Bhardwaj"), ("Ana Smith", "Smith"),
                                                    ("Li Li", "Li")]
    assert given_and_family("Mary Ann", "mary ann Lee") == ("Mary Ann", "Lee")
    assert full_name("Ravindra Babu", "Ganapathi,") == "Ravindra Babu Ganapathi"
    assert given_and_family("Martin Luther", "King, Jr.") == ("Martin Luther", "King, Jr.")  # (a comma inside kept)


def test_a_person_given_by_a_full_name_alone_keeps_the_family_written_first():
    """A person object with only Indico's `fullName` ("Ruiz de Gordejuela, Unai", as its timetable exports write
    it): the name is turned round, and the family written first is the person's, for people.yaml (the index's rule
    would file him under Gordejuela); a call sign after it stays at the end."""
    from booklet.importers.indico import _people

    people = _people([{"fullName": "Ruiz de Gordejuela, Unai"}, {"fullName": "Traschewski, Jann, DG8NGN"},
                      {"name": "Ana Smith"}])
    assert [(p.name, p.family) for p in people] == [("Unai Ruiz de Gordejuela", "Ruiz de Gordejuela"),
                                                    ("Jann Traschewski, DG8NGN", "Traschewski"), ("Ana Smith", None)]


def test_a_full_name_with_a_title_before_its_family_keeps_that_family_for_people_yaml(tmp_path):
    """"Dr. Ruiz de Gordejuela, Unai" kept "Dr. Ruiz de Gordejuela" as his family: the title left his printed name
    (assemble._titles_out), the family no longer matched it and people.yaml left him out, to be filed under
    Gordejuela. The family is read without its titles, as the tables' author cells read it."""
    export = event_export()
    export["results"][0]["contributions"][0]["primaryauthors"].append({"fullName": "Dr. Ruiz de Gordejuela, Unai"})
    path = tmp_path / "e.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    imported = indico.read(path, Options())
    assert "Unai Ruiz de Gordejuela" in [p["name"] for a in imported.documents["abstracts.yaml"]
                                         for p in a.get("authors") or [a["speaker"]]]
    assert imported.documents["people.yaml"] == [{"name": "Unai Ruiz de Gordejuela", "family": "Ruiz de Gordejuela"}]


def test_an_event_in_a_us_time_zone_notes_that_en_us_gives_american_words_and_dates(tmp_path):
    """The time zone is the one cheap sign of an American (or Canadian) event: a note says what `language: en-US`
    would print; conference.yaml is left without a language (a US time zone is no proof of American English)."""
    export = event_export()
    export["results"][0]["timezone"] = "America/New_York"
    path = tmp_path / "event.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    imported = indico.read(path, Options())
    assert [n for n in imported.notes if "language: en-" in n] == [
        "the event's time zone is America/New_York (United States): `language: en-US` in conference.yaml prints that "
        "region's words ('Program at a glance', not 'Programme at a glance') and dates ('June 22–24, 2026', not "
        "'22–24 June 2026'); the import does not write it (a time zone is no proof of the booklet's English): write "
        "it if that is the booklet's"]
    assert "language" not in imported.documents["conference.yaml"]
    export["results"][0]["timezone"] = "America/Toronto"
    path.write_text(json.dumps(export), encoding="utf-8")
    assert any(n.startswith("the event's time zone is America/Toronto (Canada): `language: en-CA`")
               for n in indico.read(path, Options()).notes)
    for zone in ("Europe/Zurich", "America/Sao_Paulo"):  # no region of English booklet has words of
        export["results"][0]["timezone"] = zone
        path.write_text(json.dumps(export), encoding="utf-8")
        assert not [n for n in indico.read(path, Options()).notes if "language: en-" in n], zone


def test_a_timetable_export_in_a_us_time_zone_notes_en_us_too(tmp_path):
    path = tmp_path / "timetable.json"
    path.write_text(json.dumps(timetable_export()), encoding="utf-8")
    assert any(n.startswith("the event's time zone is America/Chicago (United States): `language: en-US`")
               for n in indico.read(path, Options(timezone="America/Chicago")).notes)
    assert not [n for n in indico.read(path, Options()).notes if "language: en-" in n]  # Europe/Zurich


def test_the_times_zone_is_noted_and_timezone_overrides_the_events(event_file, tmp_path):
    """The event export's UTC times were converted to the event's zone with no note saying so (the schedule
    importers say it), and `--timezone` was "not used" when the event has a zone of its own, so a zone set wrong
    in Indico could not be put right. Now the note names the zone, and --timezone wins."""
    imported = indico.read(event_file, Options())
    assert imported.notes[0] == "times: converted from UTC to Europe/Zurich local time (the event's time zone)"
    day = imported.documents["programme.yaml"]["days"][0]
    assert day["items"][0] == {"time": "09:00-09:15", "title": "Opening"}

    imported = indico.read(event_file, Options(timezone="Europe/London"))
    assert imported.notes[0] == ("times: converted from UTC to Europe/London local time (--timezone; the export says "
                                 "the event's is Europe/Zurich)")
    assert not [n for n in imported.notes if "not used" in n]
    day = imported.documents["programme.yaml"]["days"][0]
    assert day["items"][0] == {"time": "08:00-08:15", "title": "Opening"}

    path = tmp_path / "timetable.json"
    path.write_text(json.dumps(timetable_export()), encoding="utf-8")
    assert indico.read(path, Options()).notes[0] == "times: in Europe/Zurich local time (the zone the export's times are in)"


def test_a_title_that_comes_again_is_named_once_in_the_note(event_file):
    """The XDC 2021 import noted "('Opening Session', 'Opening Session', 'X.Org Foundation ...' and 2 more)":
    each day's opening named again. Each title is named once, with how often it comes."""
    export = event_export()
    contributions = export["results"][0]["contributions"]
    for n, day in enumerate(("2026-06-23", "2026-06-24")):
        contributions.append(contribution(80 + n, "Opening Session", (day, "06:00:00"), 10))
    event_file.write_text(json.dumps(export), encoding="utf-8")
    (note,) = [n for n in indico.read(event_file, Options()).notes if "name no speaker or author" in n]
    assert note == ("3 scheduled contribution(s) name no speaker or author: they are plain programme lines, with no "
                    "abstract ('Opening Session' (2 times), 'Opening')")


def test_a_person_listed_without_a_name_is_noted_or_found_by_their_email(tmp_path):
    """An import review: a speaker or co-author whose name fields are empty was dropped without a word. One whose
    e-mail is an author's marks that author as speaking; the others are named in the notes with what the source gives
    of them."""
    nameless = {"_type": "ContributionParticipation", "first_name": "", "last_name": "", "fullName": "",
                "affiliation": "ETH Zurich", "email": "bo@example.org"}
    data = event_export()
    contributions = data["results"][0]["contributions"]
    contributions[2]["coauthors"] = [nameless]  # 3, "Jets": Rob Clark and an author without a name
    contributions[5]["speakers"] = [{**nameless, "email": "Lu@Example.org", "affiliation": ""}]
    contributions[5]["primaryauthors"] = [person("Mei", "Chen", "IHEP"), person("Lu", "Wei", "PKU", email="lu@example.org")]
    path = tmp_path / "99.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    imported = indico.read(path, Options())
    abstracts = by_id(imported.documents["abstracts.yaml"])
    assert abstracts["c3"]["speaker"] == {"name": "Rob Clark", "affiliation": "Google"}
    assert abstracts["c6"]["authors"] == [{"name": "Mei Chen", "affiliation": "IHEP"},
                                          {"name": "Lu Wei", "affiliation": "PKU", "presenting": True,
                                           "email": "lu@example.org"}]
    assert ("1 person(s) listed without a name, left out (their contributions keep the people named): contribution 3 "
            "('Jets'): an author without a name (e-mail 'bo@example.org', affiliation 'ETH Zurich'); write their names "
            "in abstracts.yaml, or in Indico") in imported.notes



@pytest.mark.parametrize("date, time, zone", [("0001-01-01", "10:00:00", None),
                                              ("0001-01-01", "00:30:00", "America/New_York"),
                                              ("9999-12-31", "23:30:00", "Asia/Tokyo")])
def test_a_contribution_before_1900_or_after_9998_is_refused_as_schedule_exports_are(tmp_path, date, time, zone):
    """An import fuzz's contribution dated 0001-01-01 stopped the import with "internal error (OverflowError: date
    value out of range)", exit 2 (the night before it looked for; 00:30 UTC converted to New York's time); schedule.json
    and .xml refuse such dates, naming them."""
    data = event_export()
    data["results"][0]["contributions"][0]["startDate"] = when(date, time)
    path = tmp_path / "99.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(SourceError) as raised:
        indico.read(path, Options(timezone=zone))
    assert str(raised.value) == (f"{path}: contribution 1: startDate: '{date} {time}' is not the date and time of "
                                 "an event (before 1900 or after 9998)")


NAMED = "; time zones are named like Europe/Berlin or America/Montreal"  # (as every time zone refused is told)


@pytest.mark.parametrize("key, value, said", [
    ("startDate", when("2026-06-23", "09:00:00", "2027-02-30"), f"startDate.tz: unknown time zone '2027-02-30'{NAMED}"),
    ("endDate", when("2026-06-23", "09:00:00", "Mars/Olympus"), f"endDate.tz: unknown time zone 'Mars/Olympus'{NAMED}"),
    ("startDate", when("2027-02-30", "09:00:00"), "startDate: '2027-02-30 09:00:00' is not a date and time"),
    ("startDate", 1e308, "startDate: expected a date and time (an object with date, time and tz), not '1e+308'"),
    ("endDate", "2026-06-23 10:00", "endDate: expected a date and time (an object with date, time and tz), not "
                                    "'2026-06-23 10:00'"),
])
def test_a_bad_time_zone_or_date_of_a_contribution_is_refused_at_its_key(tmp_path, key, value, said):
    """Fuzzing: a bad `startDate.tz` was "contribution 1: unknown time zone '2027-02-30'", a bad date "contribution 1:
    '2027-02-30 09:00:00' is not a date and time": the contribution named, not its key, as Indico's other refusals
    name it (its endDate, its startDate)."""
    data = event_export()
    data["results"][0]["contributions"][0][key] = value
    path = tmp_path / "99.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    refused_on_import(indico.read, path, f"{path}: contribution 1: {said}", tmp_path / "out")


def test_a_timetable_entry_whose_start_is_a_number_is_refused_at_its_key(tmp_path):
    """A fuzzing run: a timetable export's entry with `startDate: 1e308` (no object) ended in "internal error
    (AttributeError: 'float' object has no attribute 'get')", exit 2."""
    data = timetable_export()
    day = next(iter(next(iter(data["results"].values())).values()))
    key, entry = next(iter(day.items()))
    entry["startDate"] = 1e308
    path = tmp_path / "timetable.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    refused_on_import(indico.read, path, f"{path}: entry {key}: startDate: expected a date and time (an object with "
                      "date, time and tz), not '1e+308'", tmp_path / "out")


@pytest.mark.parametrize("value", [None, "", {}, "missing"])
def test_a_contribution_whose_start_is_null_missing_or_empty_is_unscheduled_not_refused(tmp_path, value):
    """Indico writes `startDate: null` for a contribution not yet scheduled; a missing key or an empty text says the
    same: the contribution is an abstract outside the programme, as before the refusal of a start that is not an
    object (an empty text was refused as one: "expected a date and time ..., not ''")."""
    export = event_export()
    unscheduled = export["results"][0]["contributions"][4]
    for key in ("startDate", "endDate"):
        if value == "missing":
            del unscheduled[key]
        else:
            unscheduled[key] = value
    path = tmp_path / "e.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    imported = indico.read(path, Options())
    assert {"id": "c5", "title": "Not yet scheduled", "speaker": {"name": "Zofia Danek", "affiliation": "Poznań"}} in \
        imported.documents["abstracts.yaml"]
    assert "1 contribution(s) have no day and time the programme can place them at: they are abstracts or tutorials " \
           "outside the programme (add them to programme.yaml, or leave them as a list)" in imported.notes


def test_contributions_given_one_id_are_each_their_own_abstract_and_named_in_the_notes(tmp_path):
    """An import fuzz gave every contribution the same `id`: they were renumbered by the writer (c1, c1-2, ...)
    without a word. As schedule exports' are, each is its own abstract and the note names the ids given, so that an
    export edited, or two joined, is seen."""
    data = event_export()
    for c in data["results"][0]["contributions"]:
        c.update(id="1", friendly_id=1, db_id=101)
    path = tmp_path / "99.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    imported = indico.read(path, Options())
    titles = {a["id"]: a["title"] for a in imported.documents["abstracts.yaml"]}
    assert titles == {"c1-3": "Jets", "c1-6": "Real tracks are not types", "c1-2": "The QGP: a review",
                      "c1-5": "Not yet scheduled", "c12": "Charm flow at $\\sqrt{s_{NN}}=5.02~\\mathrm{TeV}$",
                      "c13": "Beauty at the LHC"}
    assert ("5 contribution(s) with the id of an earlier contribution of another title (the export gives one id to "
            "two contributions): each its own abstract, the later given an id of its own: 'The QGP: a review' (id c1 "
            "-> c1-2), 'Jets' (id c1 -> c1-3), 'Hands-on Rivet' (id c1 -> c1-4) and 2 more; check that the export is "
            "whole and not two joined") in imported.notes


def test_a_timetable_contribution_given_the_id_of_another_gets_its_own(tmp_path):
    data = timetable_export()
    data["results"]["99"]["20260623"]["c22"]["friendlyId"] = 12  # the id of "Charm flow"
    path = tmp_path / "tt.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    imported = indico.read(path, Options())
    assert {a["id"]: a["title"] for a in imported.documents["abstracts.yaml"]} == {"c12": "Charm flow",
                                                                                 "c12-2": "Summary talk"}
    assert any("'Summary talk' (id c12 -> c12-2)" in n for n in imported.notes)


@pytest.mark.parametrize("timetable", [False, True])
def test_a_contribution_that_ends_before_it_starts_is_refused_naming_it(tmp_path, timetable):
    """An import fuzz's contribution with an endDate before its startDate was imported silently (its start alone
    printed, or a time that runs backwards); Indico never exports one, and which time is right cannot be told: refused,
    naming the contribution and both times, as a schedule's negative duration is; exit 1 and nothing written."""
    from click.testing import CliRunner

    from booklet.cli import main

    if timetable:
        data = timetable_export()
        data["results"]["99"]["20260623"]["c22"]["endDate"] = when("2026-06-23", "17:00:00", "Europe/Zurich")
        expected = ("entry c22 ('Summary talk'): endDate '2026-06-23 17:00:00' is before its startDate "
                    "'2026-06-23 17:30:00'; correct one of them in the export")
    else:
        data = event_export()
        data["results"][0]["contributions"][1]["endDate"] = when("2026-06-23", "08:00:00")
        expected = ("contribution 2 ('The QGP: a review'): endDate '2026-06-23 08:00:00' is before its startDate "
                    "'2026-06-23 08:10:00'; correct one of them in the export")
    path = tmp_path / "99.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(SourceError) as raised:
        indico.read(path, Options())
    assert str(raised.value) == f"{path}: {expected}"
    result = CliRunner().invoke(main, ["import", str(path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1 and expected in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("date", ["2026-06-22", "2026-06-24"])
def test_a_timetable_contribution_dated_off_its_sessions_day_is_refused_naming_it(tmp_path, date):
    """A contribution of a session block dated a day before (or after) the block's day was imported on a day of its
    own, its session printed in two halves on two days, without a word. Which is right cannot be told: refused as a
    schedule's event away from its day is, naming the entry, its startDate and the session's day; exit 1, nothing
    written. A contribution the night after its block's day is imported where the block runs into that night (see
    test_a_timetable_contribution_in_the_night_after_a_morning_block_is_refused)."""
    data = timetable_export()
    c21 = data["results"]["99"]["20260623"]["s3l7"]["entries"]["c21"]
    _zurich(c21, date, "09:00", date, "09:25")
    path = tmp_path / "99.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    expected = (f"{path}: entry c21 ('Charm flow'): its startDate '{date} 09:00:00' is not on the day of its session "
                "'Heavy Flavour I' (2026-06-23) nor the night after; correct one of them in the export")
    refused_on_import(indico.read, path, expected, tmp_path / "out")


@pytest.mark.parametrize("block, refused", [(("09:00", "10:30"), True), (("14:00", "17:30"), True),
                                            (("20:00", "22:30"), False), (("22:00", "01:00"), False)])
def test_a_timetable_contribution_in_the_night_after_a_morning_block_is_refused(tmp_path, block, refused):
    """A contribution at 00:30 the day after its session block's day was taken as that night's whatever the block's
    times: in "Heavy Flavour I", 09:00-10:30, it was printed at the end of that day's evening, 14 hours after its
    block. The night after is a block's only where it runs into it (ends from 18:00, or past midnight): an evening
    block's contribution at 00:30 is imported, in it; a morning's or an afternoon's is refused, naming the entry, its
    startDate and the block's day and times; exit 1, nothing written."""
    data = timetable_export()
    s3l7 = data["results"]["99"]["20260623"]["s3l7"]
    ends = "2026-06-24" if block[1] < block[0] else "2026-06-23"
    _zurich(s3l7, "2026-06-23", block[0], ends, block[1])
    c21 = s3l7["entries"]["c21"]
    _zurich(c21, "2026-06-24", "00:30", "2026-06-24", "00:55")
    path = tmp_path / "99.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    if not refused:
        items = indico.read(path, Options()).documents["programme.yaml"]["days"][0]["items"]
        assert {"time": "00:30-00:55", "talk": "c12"} in next(i for i in items if i.get("session"))["items"]
        return
    expected = (f"{path}: entry c21 ('Charm flow'): its startDate '2026-06-24 00:30:00' is in the night after the day "
                f"of its session 'Heavy Flavour I' (2026-06-23), which runs {block[0]}-{block[1]} and not into the "
                "night; correct one of them in the export")
    refused_on_import(indico.read, path, expected, tmp_path / "out")


@pytest.mark.parametrize("date", ["2026-06-22", "2026-06-24"])
def test_a_top_level_timetable_entry_dated_off_the_day_that_lists_it_is_refused_naming_it(tmp_path, date):
    """A contribution outside any session, listed under the day key 20260623 but dated a day before (or after), was
    imported on its own date without a word, while a session's contribution off its session's day was refused. Indico
    lists an entry under the day it starts on: which is right cannot be told, so it is refused as those are, naming
    the entry, its startDate and the day that lists it; exit 1, nothing written. The night after its day is its day's,
    and a session block lasting past midnight, which Indico lists under both days, is imported once."""
    data = timetable_export()
    c22 = data["results"]["99"]["20260623"]["c22"]
    _zurich(c22, date, "17:30", date, "18:00")
    path = tmp_path / "99.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    expected = (f"{path}: entry c22 ('Summary talk'): its startDate '{date} 17:30:00' is not on the day that lists it "
                "(2026-06-23) nor the night after; correct one of them in the export")
    refused_on_import(indico.read, path, expected, tmp_path / "out")

    _zurich(c22, "2026-06-24", "00:30", "2026-06-24", "00:55")
    late = {"id": "s9l1", "title": "Night session", "entryType": "Session", "slotTitle": "", "room": "Hall",
            "isPoster": False, "conveners": [], "location": "CERN", "description": "",
            "startDate": when("2026-06-23", "23:00:00", "Europe/Zurich"),
            "endDate": when("2026-06-24", "01:00:00", "Europe/Zurich"),
            "entries": {"c50": {"id": "c50", "title": "Late talk", "entryType": "Contribution", "contributionId": "50",
                                "friendlyId": 50, "location": "CERN", "room": "Hall", "description": "",
                                "startDate": when("2026-06-23", "23:00:00", "Europe/Zurich"),
                                "endDate": when("2026-06-23", "23:30:00", "Europe/Zurich"),
                                "presenters": [{"firstName": "Lu", "familyName": "Wei"}], "authors": []}}}
    data["results"]["99"]["20260623"]["s9l1"] = late
    data["results"]["99"]["20260624"] = {"s9l1": late}
    path.write_text(json.dumps(data), encoding="utf-8")
    days = indico.read(path, Options()).documents["programme.yaml"]["days"]
    assert [item.get("session") for day in days for item in day["items"]].count("Night session") == 1
    assert days[-1]["items"][-1] == {"time": "00:30-00:55", "talk": "c14"}  # (the night after 06-23, listed after it)


@pytest.mark.parametrize("timetable", [False, True])
def test_a_contribution_naming_more_people_than_booklet_imports_is_refused_naming_it(tmp_path, timetable):
    """As a schedule's event with 100,000 persons (an import fuzz's: minutes to import): more than 1,000 people for one
    contribution are refused, naming it, before any is read."""
    many = [{"firstName": "A", "familyName": f"P{i}"} for i in range(1001)]
    if timetable:
        data = timetable_export()
        data["results"]["99"]["20260623"]["c22"]["authors"] = many
        expected = "entry c22 ('Summary talk')"
    else:
        data = event_export()
        data["results"][0]["contributions"][1]["coauthors"] = many
        expected = "contribution 2 ('The QGP: a review')"
    path = tmp_path / "99.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(SourceError) as raised:
        indico.read(path, Options())
    assert str(raised.value) == (f"{path}: {expected}: 1,001 people named for one contribution, more than booklet "
                                 "imports (1,000); name its speakers (or its collaboration) in the export and leave "
                                 "the others out")


def test_an_event_that_ends_before_it_starts_is_refused_naming_it(tmp_path):
    """An event export whose own endDate (the conference's last day) is before its startDate was imported silently:
    conference.yaml took its dates from the programme's days instead. Refused as a contribution's is, naming the event
    and both times; exit 1 and nothing written."""
    data = event_export()
    data["results"][0]["endDate"] = when("2026-06-21", "16:00:00")
    path = tmp_path / "99.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    expected = (f"{path}: the event ('Hard Probes 2026'): endDate '2026-06-21 16:00:00' is before its startDate "
                "'2026-06-22 22:00:00'; correct one of them in the export")
    refused_on_import(indico.read, path, expected, tmp_path / "out")


def test_the_event_s_address_of_another_kind_than_the_web_s_is_refused_at_its_key(tmp_path):
    """An event whose url was "javascript:..." was refused as check refuses conference.yaml's `url`, naming a file
    the import writes: now the export and its key; exit 1, nothing written."""
    data = event_export()
    data["results"][0]["url"] = "javascript:app.alert(1)"
    path = tmp_path / "99.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    refused_on_import(indico.read, path, f"{path}: url: 'javascript:app.alert(1)' is not a web address: javascript: "
                      "is not a kind of address the booklet links to; write a web address (https://www.example.org, "
                      "or www.example.org, opened as https://) or an email address (mailto:info@example.org); "
                      "correct it in the export, or leave it out", tmp_path / "out")


def test_a_person_named_as_several_joined_by_and_is_those_people_as_a_table_reads_the_cell(tmp_path):
    """A person object whose fields hold two people ('Ana Smith and Bo Jones', typed into one author's fields, or
    its fullName alone) was one author 'Ana Smith and Bo Jones', filed under Jones; the table and CSV readers read
    such a cell as two. Indico reads it as they do (table.several_people), the object's affiliation each's, its one
    e-mail nobody's; the CSV export's cells too, an 'and' in an affiliation's brackets parting nobody."""
    from booklet.importers import table
    from booklet.importers.indico import _people

    export = event_export()
    export["results"][0]["contributions"][0]["primaryauthors"] = [
        person("Ana", "Smith and Bo Jones", "Lund University", email="ana@example.org")]
    path = tmp_path / "e.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    abstract = indico.read(path, Options()).documents["abstracts.yaml"][0]
    assert [(p["name"], p.get("affiliation"), p.get("email")) for p in abstract["authors"]] == [
        ("Ana Smith", "Lund University", None), ("Bo Jones", "Lund University", None)]
    for cell in ("Ana Smith and Bo Jones", "Smith, Ana and Jones, Bo", "Ana Smith & Bo Jones", "Ana Smith; Bo Jones",
                 "Ana Smith, Bo Jones"):
        read = [p.name for p in table.people_from(cell)]
        assert read == ["Ana Smith", "Bo Jones"], cell
        assert [p.name for p in _people([{"fullName": cell}])] == read, cell
        assert [p.name for p in table.people_with_affiliations(cell)] == read, cell
    assert [(p.name, p.affiliations) for p in _people([{"fullName": "Ana Smith (Lund) and Bo Jones (MIT)"}])] == [
        ("Ana Smith", ["Lund"]), ("Bo Jones", ["MIT"])]
    assert [(p.name, p.affiliations) for p in table.people_with_affiliations(
        "Ana Smith (Physics and Astronomy) and Bo Jones")] == [("Ana Smith", ["Physics and Astronomy"]),
                                                               ("Bo Jones", [])]
    assert [(p.name, p.affiliations) for p in table.people_from("Ana Smith (Physics and Astronomy)")] == [
        ("Ana Smith", ["Physics and Astronomy"])]  # (was 'Physics, Astronomy': the 'and' read as a comma)
    assert [(p.name, p.family) for p in _people([person("Ana", "Smith")])] == [("Ana Smith", "Smith")]


def test_a_family_name_joined_by_y_or_e_is_one_person_s(tmp_path):
    """A Spanish or Portuguese family name joins its words with 'y' or 'e' ('Ramón y Cajal'), which a cell of names
    reads between two people's: Indico's person object Santiago / Ramón y Cajal was imported as two authors,
    'Santiago Ramón' and 'Cajal' (its fullName 'Ramón y Cajal, Santiago' as three). One word alone on a side of the
    'y' is no person's name: one person, filed under the family name as given; two full names about it are two."""
    from booklet.importers.indico import _people

    for given, family in (("Santiago", "Ramón y Cajal"), ("Maria", "da Silva e Souza"), ("José", "Ortega y Gasset")):
        assert [(p.name, p.family) for p in _people([person(given, family)])] == [(f"{given} {family}", family)]
        assert [(p.name, p.family) for p in _people([{"fullName": f"{family}, {given}"}])] == [
            (f"{given} {family}", family)]
    assert [p.name for p in _people([{"fullName": "Ana López y Bo Ruiz"}])] == ["Ana López", "Bo Ruiz"]
    export = event_export()
    export["results"][0]["contributions"][0]["primaryauthors"] = [person("Santiago", "Ramón y Cajal", "CSIC")]
    path = tmp_path / "e.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    abstract = indico.read(path, Options()).documents["abstracts.yaml"][0]
    assert [(p["name"], p.get("affiliation")) for p in abstract.get("authors") or [abstract["speaker"]]] == [
        ("Santiago Ramón y Cajal", "CSIC")]


def test_a_person_named_as_a_group_or_with_a_nickname_after_a_bar_is_one_person_as_written():
    """A person object's name that several_people parted though it is one speaker's ('Open Source Initiative and
    Free Software Foundation', 'Andreas family & friends Hamburg', 'Tim Mäcken | Radiomegahertz') was several authors
    here and one in a schedule (assemble.names_in); the rule is now one (assemble.people_read_so): one author. Names
    of one word are people, as in a table's cell and a schedule's speaker."""
    from booklet.importers.indico import _people

    for written in ("Open Source Initiative and Free Software Foundation", "Andreas family & friends Hamburg",
                    "Tim Mäcken | Radiomegahertz", "RWE und co enteignen"):
        assert [p.name for p in _people([{"fullName": written}])] == [written]
    assert [p.name for p in _people([{"fullName": "Viv & Flo"}])] == ["Viv", "Flo"]
    # (a full name alone is turned round by every reader's rule, not at any one comma: it was "Lund University Ana Smith")
    assert [(p.name, p.family) for p in _people([{"fullName": "Ana Smith, Lund University"}])] == [
        ("Ana Smith, Lund University", None)]
    assert [(p.name, p.family) for p in _people([{"fullName": "Peres, Martin"}])] == [("Martin Peres", "Peres")]
    assert [p.name for p in _people([person("Ana", "Smith and Bo Jones", "Lund")])] == ["Ana Smith", "Bo Jones"]


def test_a_full_name_of_several_people_family_name_first_is_parted_or_noted(tmp_path):
    """An author's fullName 'Smith, Ana, Jones, Bo' (two people, family names first, commas alone) was one author
    'Smith, Ana, Jones, Bo'; it is Ana Smith and Bo Jones, as a table's cell is read. 'Smith, Ana, Jones', which
    does not pair so, is kept as written and the import's note names it."""
    export = event_export()
    contributions = export["results"][0]["contributions"]
    contributions[0]["primaryauthors"] = [{"fullName": "Smith, Ana, Jones, Bo"}]
    contributions[1]["primaryauthors"] = [{"fullName": "Smith, Ana, Jones"}]
    path = tmp_path / "e.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    imported = indico.read(path, Options())
    names = {a["title"]: [p["name"] for p in a.get("authors") or [a["speaker"]]]
             for a in imported.documents["abstracts.yaml"]}
    assert names[contributions[0]["title"]] == ["Ana Smith", "Bo Jones"]
    assert [n for n in names[contributions[1]["title"]] if "Smith" in n or "Jones" in n] == ["Smith, Ana, Jones"]
    assert [n for n in imported.notes if "may be several people" in n] == [
        "1 name(s) may be several people written family name first with commas alone, whose family names cannot be "
        "told from their given names: kept as written ('Smith, Ana, Jones'); write each person apart (between "
        "semicolons in the source: 'Smith, Ana; Jones, Bo')"]
    read_back(imported, tmp_path / "folder")


def test_a_contribution_s_subcontributions_are_listed_in_its_abstract_and_their_speakers_speak(tmp_path):
    """detail=subcontributions (and sessions) gives a contribution's parts: each a title, a duration and speakers, no
    time or text of its own. They were left out without a word (a meeting's "Experiment reports" printed as a talk
    of nobody's); now each is an item of the contribution's text, naming its speakers, who speak the contribution."""
    def speaker(first, last, aff):
        return dict(person(first, last, aff), _type="SubContribParticipation")

    reports = contribution(
        7, "Experiment reports", ("2026-06-24", "11:00:00"), 25, type="Plenary talk", description="Short reports.",
        subContributions=[
            {"_type": "SubContribution", "id": "1", "title": "Status of ALICE", "duration": 10,
             "speakers": [speaker("Ana", "Smith", "Lund University")]},
            {"_type": "SubContribution", "id": "2", "title": "Status of CMS", "duration": 15,
             "speakers": [speaker("Kai", "Ito", "KEK"), speaker("Lea", "Roth", "")]}])
    chaired = contribution(8, "Flash talks", ("2026-06-23", "08:00:00"), 10, type="Contributed talk",
                           primaryauthors=[person("Ana", "Smith", "Lund University")],
                           subContributions=[{"_type": "SubContribution", "id": "3", "title": "Charm, briefly",
                                              "duration": 5, "speakers": [speaker("Ana", "Smith", "Lund")]}])
    data = event_export()
    data["results"][0]["contributions"].append(reports)
    data["results"][0]["sessions"][0]["contributions"].append(chaired)  # (a session's contribution: detail=sessions)
    path = tmp_path / "99.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    imported = indico.read(path, Options())
    abstracts = by_id(imported.documents["abstracts.yaml"])
    assert abstracts["c7"]["authors"] == [
        {"name": "Ana Smith", "affiliation": "Lund University", "presenting": True},
        {"name": "Kai Ito", "affiliation": "KEK", "presenting": True},
        {"name": "Lea Roth", "presenting": True}]
    assert abstracts["c7"]["abstract"] == ("Short reports.\n\n\u2013 Status of ALICE (Ana Smith)\n\n"
                                           "\u2013 Status of CMS (Kai Ito, Lea Roth)")
    assert abstracts["c8"]["speaker"] == {"name": "Ana Smith", "affiliation": "Lund University"}
    assert abstracts["c8"]["abstract"] == "\u2013 Charm, briefly (Ana Smith)"
    assert ("2 contribution(s) in parts (Indico's subcontributions, 3 in all): each part listed in its contribution's "
            "abstract with its speakers, who speak the contribution: 'Experiment reports', 'Flash talks'"
            in imported.notes)
    booklet = read_back(imported, tmp_path / "folder")
    assert [a.title for a in booklet.abstracts if a.id == "c7"] == ["Experiment reports"]


def contribution_list() -> list:
    """Indico's contribution list exported as JSON (Contributions -> Export -> JSON: FullContributionSchema, one object
    a contribution: start_dt in ISO 8601 with its UTC offset, duration in seconds, persons with is_speaker and
    author_type)."""
    def linked(first, last, affiliation, speaker, author_type, email=""):
        return {"id": 1, "person_id": 11, "email": email, "email_hash": "0" * 32, "first_name": first,
                "last_name": last, "full_name": f"{first} {last}", "title": "", "affiliation": affiliation,
                "affiliation_link": None, "address": "", "phone": "", "is_speaker": speaker, "author_type": author_type}

    def item(ident, title, start, seconds, type_name, session=None, persons=(), **extra):
        c = {"id": 100 + ident, "friendly_id": ident, "title": title, "description": "", "code": "",
             "abstract_id": None, "board_number": "", "keywords": [], "venue_name": "CERN", "room_name": "",
             "address": "", "inherit_location": True, "start_dt": start, "end_dt": None, "duration": seconds,
             "session": {"id": 7, "title": session, "friendly_id": 1, "code": ""} if session else None,
             "session_block": None, "track": None, "type": {"id": 1, "name": type_name} if type_name else None,
             "custom_fields": [], "persons": list(persons)}
        c.update(extra)
        return c

    return [
        item(12, "Charm flow", "2026-06-23T07:20:00+00:00", 1500, "Contributed talk", "Heavy Flavour",
             [linked("Ana", "Smith", "Lund University", True, "primary", "ana@lu.example"),
              linked("Bo", "Jones", "CERN", False, "secondary")],
             description="We measure *charm*.", room_name="Room A",
             end_dt="2026-06-23T07:45:00+00:00", track={"id": 3, "title": "Heavy quarks", "code": ""}),
        item(13, "The QGP: a review", "2026-06-23T08:10:00+00:00", 2400, "Plenary talk", None,
             [linked("Iago", "Toral", "Igalia", True, "none")], description="<p>A <em>review</em>.</p>"),
        item(30, "A poster", None, 1200, "Poster", None, [linked("Zoë", "Papa", "NOA", True, "primary")],
             board_number="7", description="Text."),
    ]


def test_the_contribution_list_s_json_export_is_read(tmp_path):
    """The contribution list's JSON export (the management area's, one object a contribution) was 'not a format
    booklet imports'. Its times are UTC (converted to --timezone), its people speakers and primary and secondary
    authors by their flags, its sessions by their titles."""
    path = tmp_path / "contributions.json"
    path.write_text(json.dumps(contribution_list(), indent=1), encoding="utf-8")
    from booklet.importers import detect
    assert detect(path) == "indico"
    imported = indico.read(path, Options(timezone="Europe/Zurich"))
    docs = imported.documents
    abstracts = by_id(docs["abstracts.yaml"])
    assert abstracts["c12"] == {"id": "c12", "title": "Charm flow", "authors": [
        {"name": "Ana Smith", "affiliation": "Lund University", "presenting": True, "email": "ana@lu.example"},
        {"name": "Bo Jones", "affiliation": "CERN"}], "abstract": "We measure *charm*."}
    assert abstracts["c13"]["kind"] == "keynote" and abstracts["c13"]["abstract"] == "A *review*."
    assert abstracts["c13"]["speaker"] == {"name": "Iago Toral", "affiliation": "Igalia"}
    assert docs["posters.yaml"] == [{"number": 7, "author": "Zoë Papa", "title": "A poster", "affiliation": "NOA",
                                     "abstract": "Text."}]
    day, = docs["programme.yaml"]["days"]
    assert day["date"] == D(2026, 6, 23)
    assert day["items"] == [{"session": "Heavy Flavour", "items": [{"time": "09:20-09:45", "talk": "c12", "room": "Room A"}]},
                            {"time": "10:10-10:50", "talk": "c13"}]
    assert imported.notes[0] == "times: converted from UTC to Europe/Zurich local time (--timezone)"
    without = indico.read(path, Options())
    assert without.notes[0] == ("times: in UTC, as the contribution list's export writes them (it names no time "
                                "zone; give the conference's with --timezone)")
    assert docs["conference.yaml"]["venue"] == "CERN"
    read_back(imported, tmp_path / "folder")
    broken = contribution_list()
    broken[0]["start_dt"] = "23.06.2026 07:20"
    path.write_text(json.dumps(broken), encoding="utf-8")
    with pytest.raises(SourceError) as refused:
        indico.read(path, Options())
    assert str(refused.value) == (f"{path}: contribution 12: start_dt: '23.06.2026 07:20' is not a date and time "
                                  "(expected e.g. 2019-12-27T11:00:00+01:00)")


def abstracts_export() -> dict:
    """Indico's abstracts exported as JSON (Abstracts -> Export -> JSON: {version, abstracts, questions}, each abstract
    with its state, submitted and accepted contribution type, accepted track, content and persons)."""
    def linked(first, last, affiliation, speaker, author_type):
        return {"id": 1, "person_id": 11, "email": "", "first_name": first, "last_name": last, "title": "",
                "affiliation": affiliation, "address": "", "phone": "", "is_speaker": speaker,
                "author_type": author_type}

    def abstract(ident, title, state, submitted, accepted=None, persons=(), content=""):
        return {"id": 500 + ident, "friendly_id": ident, "title": title, "content": content,
                "submitted_dt": "2026-01-10T10:00:00+00:00", "modified_dt": None, "judgment_dt": None,
                "state": state, "submitter": {"first_name": "Ana", "last_name": "Smith"}, "modified_by": None,
                "judge": None, "submission_comment": "", "judgment_comment": "",
                "submitted_contrib_type": {"id": 1, "name": submitted},
                "accepted_contrib_type": {"id": 2, "name": accepted} if accepted else None,
                "accepted_track": {"id": 3, "title": "Heavy quarks", "code": ""} if accepted else None,
                "submitted_for_tracks": [], "reviewed_for_tracks": [], "duplicate_of": None, "merged_into": None,
                "persons": list(persons), "custom_fields": [], "score": 3.5, "comments": [], "reviews": []}

    return {"version": 1, "questions": [], "abstracts": [
        abstract(1, "Charm flow at $\\sqrt{s_{NN}}=5.02$ TeV", "accepted", "Oral", "Oral",
                 [linked("Ana", "Smith", "Lund University", True, "primary"), linked("Bo", "Jones", "CERN", False,
                                                                                      "secondary")],
                 "We measure *charm* flow.\n\n- one\n- two"),
        abstract(2, "Jets", "accepted", "Oral", "Poster", [linked("Cy", "Lee", "MIT", True, "primary")], "Text."),
        abstract(3, "Still in review", "submitted", "Oral", None, [linked("Di", "Wu", "PKU", True, "primary")]),
        abstract(4, "Withdrawn", "withdrawn", "Oral", None, [linked("Ed", "Ng", "KEK", True, "primary")]),
        abstract(5, "Rejected", "rejected", "Oral", None, [linked("Fa", "Li", "IHEP", True, "primary")]),
    ]}


def test_the_abstracts_json_export_is_read_with_its_accepted_abstracts(tmp_path):
    """The abstracts' JSON export (the management area's Abstracts -> Export -> JSON, the book of abstracts before
    any timetable) was 'not a format booklet imports'. Its accepted abstracts are read by their accepted type
    (an oral accepted as a poster is a poster); those withdrawn, rejected, merged or duplicate are left out, and those
    still submitted when others are accepted, each counted in a note."""
    path = tmp_path / "abstracts.json"
    path.write_text(json.dumps(abstracts_export(), indent=1), encoding="utf-8")
    from booklet.importers import detect
    assert detect(path) == "indico"
    imported = indico.read(path, Options())
    docs = imported.documents
    assert docs["abstracts.yaml"] == [{"id": "c1", "title": "Charm flow at $\\sqrt{s_{NN}}=5.02$ TeV", "authors": [
        {"name": "Ana Smith", "affiliation": "Lund University", "presenting": True},
        {"name": "Bo Jones", "affiliation": "CERN"}], "abstract": "We measure *charm* flow.\n\n\u2013 one\n\n\u2013 two"}]
    assert docs["posters.yaml"] == [{"author": "Cy Lee", "title": "Jets", "affiliation": "MIT",
                                     "abstract": "Text."}]
    assert ("left out 3 abstract(s) not accepted: 1 submitted (not yet judged, while others are accepted), "
            "1 withdrawn, 1 rejected" in imported.notes)
    assert not [n for n in imported.notes if n.startswith("times:")]  # (it has none)
    assert not [n for n in imported.notes if "own field" in n]
    read_back(imported, tmp_path / "folder")
    by_number = abstracts_export()  # (the states by their numbers: 3 accepted, 1 submitted, 2 withdrawn, 4 rejected)
    for a, number in zip(by_number["abstracts"], (3, 3, 1, 2, 4)):
        a["state"] = number
    path.write_text(json.dumps(by_number), encoding="utf-8")
    assert indico.read(path, Options()).documents == docs
    asked = abstracts_export()  # (the event's own questions, answered: said not imported, not left out in silence)
    asked["abstracts"][0]["custom_fields"] = [{"id": 1, "name": "Is this an experimental talk?", "value": "Yes"},
                                              {"id": 2, "name": "Comments", "value": ""}]
    asked["abstracts"][1]["custom_fields"] = [{"id": 1, "name": "Is this an experimental talk?", "value": "No"}]
    path.write_text(json.dumps(asked), encoding="utf-8")
    assert ("the event's own field(s) filled in, not imported (booklet has no key for them; add what is to be "
            "printed to the abstracts): 'Is this an experimental talk?' (2)" in indico.read(path, Options()).notes)


def test_an_abstract_s_state_that_is_neither_a_name_nor_a_number_is_read_as_no_state(tmp_path):
    """An abstracts' export whose state is an object or a list (no export of Indico's writes one so, a hand-edited or
    another tool's file) was a TypeError's traceback (unhashable, looked up among the states' numbers); now it is an
    unknown state, kept as the states booklet does not know are."""
    path = tmp_path / "abstracts.json"
    for state in ({"name": "accepted"}, ["accepted"]):
        odd = abstracts_export()
        odd["abstracts"][0]["state"] = state
        path.write_text(json.dumps(odd), encoding="utf-8")
        titles = [a["title"] for a in indico.read(path, Options()).documents["abstracts.yaml"]]
        assert titles == ["Charm flow at $\\sqrt{s_{NN}}=5.02$ TeV"]


def test_a_contribution_list_or_abstracts_export_with_an_item_short_of_a_key_is_still_read_as_one(tmp_path):
    """The contribution list's and the abstracts' exports were told by every item holding persons (an abstract its
    state): one without (a file trimmed by hand or by a script) made the list an event export's results, each
    contribution an event, the booklet titled 'Charm flow' with no abstract ('the export holds 3 events'), and the
    abstracts 'not an Indico export'. An item is one of theirs by its friendly_id: without persons it names nobody,
    without a state it is kept, as one of a state booklet does not know."""
    path = tmp_path / "contributions.json"
    listed = contribution_list()
    del listed[-1]["persons"]
    path.write_text(json.dumps(listed), encoding="utf-8")
    imported = indico.read(path, Options())
    assert imported.documents["conference.yaml"]["title"] != "Charm flow"
    assert [a["title"] for a in imported.documents["abstracts.yaml"]] == ["Charm flow", "The QGP: a review"]
    assert [p["title"] for p in imported.documents["posters.yaml"]] == ["A poster"]
    assert not [n for n in imported.notes if "events" in n], imported.notes
    export = abstracts_export()
    del export["abstracts"][0]["state"]
    path.write_text(json.dumps(export), encoding="utf-8")
    assert [a["title"] for a in indico.read(path, Options()).documents["abstracts.yaml"]] == [
        "Charm flow at $\\sqrt{s_{NN}}=5.02$ TeV"]
