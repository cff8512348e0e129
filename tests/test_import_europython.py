"""booklet import of EuroPython's epcon schedule XML (schedule.xml, with trainings.xml beside it).

The fixture is written here, small: two days with a breakfast in several rooms, a keynote, talks in
two rooms at the same time beside a three-hour training, a sponsored talk (a category booklet does not
know), lunch, a poster session line, a dinner in ALL rooms; on the second day a talk scheduled twice,
a poster and a talk without a time. trainings.xml, an older export, has the training (with the
presenter's bio the schedule lacks) and one training the schedule has dropped.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from booklet.build import build_booklet
from booklet.check import check_folder
from booklet.cli import main
from booklet.importers import Options, SourceError, detect, read
from tests.import_helpers import read_back

PHOTO = "https://ep2027.europython.euhttps://media.example/site_media/avatars/kurz.jpg"


def entry(ident, category, start, minutes, room, title, speakers="", abstract=None, description="", room_id=None):
    room_attr = f' id="{room_id}"' if room_id else ""
    abstract_xml = f"<abstract>{abstract}</abstract>" if abstract is not None else ""
    start_xml = f"<start>{start}</start>" if start else ""
    return (f'<entry id="{ident}"><category>{category}</category><audience>Novice</audience><topics><topic>Other'
            f"</topic></topics>{start_xml}<duration>{minutes}</duration><room{room_attr}>{room}</room>"
            f"<title>{title}</title>{abstract_xml}<description>{description}</description>"
            f"<speakers>{speakers}</speakers></entry>")


def speaker(ident, name, bio="", image="https://media.example/site_media/", profile=None):
    profile = profile if profile is not None else f"https://ep2027.europython.eu/en/accounts/profile/{ident}/"
    return (f'<speaker id="{ident}"><name>{name}</name><profile>{profile}</profile><description>{bio}</description>'
            f"<image>{image}</image></speaker>")


SCHEDULE = ('<schedule created="2027-07-13T11:40:02.693714">'
            '<day date="2027-07-21">'
            + entry(1, "", "0930", 30, "C01, B05/B06", "Breakfast")
            + entry(118, "Keynote", "1000", 45, "C01", "One year of Snowden, what&#8217;s next?",
                    speaker(1332, "Constanze Kurz", "Constanze is a computer scientist.", PHOTO),
                    abstract="Since June 2013 we learn more.", description="Since June 2013 we learn more.",
                    room_id=1)
            + entry(20, "Talk", "1100", 30, "C01", "Talk A", speaker(5, "Ana Smith"),
                    description="First line&#13;\nsecond line with **bold**.&#13;\n&#13;\nSecond paragraph.", room_id=1)
            + entry(21, "Talk", "1100", 30, "B05/B06", "Talk B",
                    speaker(6, "Bo Jones") + speaker(7, "Carla Díaz"), abstract="Two speakers.", room_id=2)
            + entry(46, "Training", "1100", 180, "A03/A04", "An intro to Blender", speaker(8, "Federico F"),
                    abstract="Model things.", room_id=6)
            + entry(64, "Sponsored", "1130", 30, "B05/B06", "A sponsored talk", speaker(9, "Giles Thomas"),
                    abstract="Platform.", room_id=2)
            + entry(20, "", "1230", 90, "C01, B05/B06", "Lunch")
            + entry(62, "", "1700", 120, "B05/B06, B07/B08", "Poster and Recruiting Session")
            + entry(63, "", "1900", 180, "ALL", "EuroPython Dinner", description="At the river.")
            + "</day>"
            '<day date="2027-07-22">'
            + entry(30, "Talk", "0900", 30, "C01", "Talk C", speaker(10, "Dae Lee"), abstract="Again.", room_id=1)
            + entry(30, "Talk", "1600", 30, "C01", "Talk C", speaker(10, "Dae Lee"), abstract="Again.", room_id=1)
            + entry(31, "Poster", "1000", 60, "Hall", "A poster on ropes", speaker(11, "Femi Adeyemi"),
                    abstract="Ropes.")
            + entry(33, "Talk", "", 30, "C01", "Sometime", speaker(12, "Una Sched"), abstract="Later.")
            + "</day></schedule>")

TRAININGS = ("<schedule created='2027-05-07T11:12:45.081560'>\n<day date='2027-07-21'>\n"
             + entry(40, "Talk", "1400", 180, "A03/A04", "An intro to Blender",
                     speaker(270, "Federico F", profile="Federico models in Blender.\n\nAnd teaches."),
                     description="Model things.", room_id="room5")
             + "\n"
             + entry(73, "Talk", "1400", 180, "A05/A06", "RESTful services with cornice", speaker(271, "Tom Lazar",
                     profile=""), description="REST.", room_id="room6")
             + "\n</day>\n</schedule>\n")


def write_source(folder: Path, schedule: str = SCHEDULE, trainings: str | None = TRAININGS) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "schedule.xml").write_text(schedule, encoding="utf-8")
    if trainings is not None:
        (folder / "trainings.xml").write_text(trainings, encoding="utf-8")
    return folder / "schedule.xml"


def invoke(*args) -> Result:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert "Traceback" not in result.output
    return result


def test_every_talk_speaker_kind_time_and_room_arrives(tmp_path):
    source = write_source(tmp_path / "ep")
    imported = read(source, Options())
    docs = imported.documents
    assert imported.format == "europython"
    conference = docs["conference.yaml"]
    assert conference["title"] == "Conference title" and conference["venue"] == "Venue"
    assert str(conference["dates"]["start"]) == "2027-07-21" and str(conference["dates"]["end"]) == "2027-07-22"

    abstracts = {a["id"]: a for a in docs["abstracts.yaml"]}
    assert set(abstracts) == {"e118", "e20", "e21", "e64", "e30", "e33"}
    keynote = abstracts["e118"]
    assert keynote == {"id": "e118", "kind": "keynote", "title": "One year of Snowden, what\u2019s next?",
                       "speaker": {"name": "Constanze Kurz"}, "abstract": "Since June 2013 we learn more."}
    assert abstracts["e20"]["abstract"] == "First line\nsecond line with **bold**.\n\nSecond paragraph."
    assert "\r" not in abstracts["e20"]["abstract"]
    assert abstracts["e21"]["authors"] == [{"name": "Bo Jones", "presenting": True},
                                           {"name": "Carla Díaz", "presenting": True}]
    assert "kind" not in abstracts["e64"] and imported.unmapped_types == {"Sponsored": 1}
    assert docs["posters.yaml"] == [{"number": 1, "author": "Femi Adeyemi", "title": "A poster on ropes",
                                     "abstract": "Ropes."}]
    # the training, its presenter's bio from trainings.xml (the schedule has none); the dropped one left out
    assert docs["tutorials.yaml"] == [{"id": "e46", "title": "An intro to Blender", "description": "Model things.",
                                       "presenters": [{"name": "Federico F",
                                                       "bio": "Federico models in Blender.\n\nAnd teaches."}]}]

    day1, day2 = docs["programme.yaml"]["days"]
    assert str(day1["date"]) == "2027-07-21"
    items = day1["items"]
    assert items[0] == {"time": "09:30-10:00", "title": "Breakfast", "kind": "break"}  # everyone's: no room
    assert items[1] == {"time": "10:00-10:45", "talk": "e118", "room": "C01"}
    parallel = items[2]["parallel"]  # 11:00: two rooms and the training
    assert [(s["session"], s["room"]) for s in parallel] == [("C01", "C01"), ("B05/B06", "B05/B06"),
                                                               ("A03/A04", "A03/A04")]
    assert parallel[0]["items"] == [{"time": "11:00-11:30", "talk": "e20"}]
    assert parallel[1]["items"] == [{"time": "11:00-11:30", "talk": "e21"}, {"time": "11:30-12:00", "talk": "e64"}]
    assert parallel[2]["items"] == [{"time": "11:00-14:00", "tutorial": "e46"}]
    assert items[3] == {"time": "12:30-14:00", "title": "Lunch", "kind": "break"}
    assert items[4] == {"time": "17:00-19:00", "title": "Poster and Recruiting Session", "kind": "poster",
                        "room": "B05/B06, B07/B08"}
    assert items[5] == {"time": "19:00-22:00", "title": "EuroPython Dinner", "kind": "social"}
    assert [i.get("talk") for i in day2["items"]] == ["e30", "e30"]  # scheduled twice: one abstract

    notes = "\n".join(imported.notes)
    assert "trainings.xml beside schedule.xml read too: 1 of its 2 trainings are in schedule.xml" in notes
    assert "'RESTful services with cornice'" in notes and "left out" in notes
    assert "1 speaker photo(s) are URLs" in notes
    assert "1 entr(ies) without a start time" in notes
    assert "conference title" not in notes  # (lint warns of the placeholder)
    booklet = read_back(imported, tmp_path / "folder")
    assert len(booklet.abstracts) == 6 and len(booklet.tutorials) == 1


def test_a_newer_trainings_export_gives_the_times_and_adds_its_trainings(tmp_path):
    newer = TRAININGS.replace("2027-05-07", "2027-07-20")
    imported = read(write_source(tmp_path / "ep", trainings=newer), Options())
    tutorials = {t["id"]: t for t in imported.documents["tutorials.yaml"]}
    assert set(tutorials) == {"e46", "tr73"}
    day1 = imported.documents["programme.yaml"]["days"][0]["items"]
    scheduled = [i for entry in day1 for s in entry.get("parallel", []) for i in s["items"] if "tutorial" in i]
    assert {"time": "14:00-17:00", "tutorial": "e46"} in scheduled and {"time": "14:00-17:00", "tutorial": "tr73"} in scheduled
    assert any("1 only in trainings.xml added" in n for n in imported.notes)


def test_schedule_alone_folder_and_trainings_alone(tmp_path):
    alone = write_source(tmp_path / "alone", trainings=None)
    imported = read(alone, Options())
    assert not any("trainings.xml" in n for n in imported.notes)
    assert imported.documents["tutorials.yaml"][0]["presenters"] == [{"name": "Federico F"}]

    folder = tmp_path / "both"
    write_source(folder)
    assert detect(folder) == "europython" and detect(folder / "schedule.xml") == "europython"
    assert detect(folder / "trainings.xml") == "europython"
    trainings = read(folder / "trainings.xml", Options())
    assert [t["title"] for t in trainings.documents["tutorials.yaml"]] == ["An intro to Blender",
                                                                           "RESTful services with cornice"]
    assert "abstracts.yaml" not in trainings.documents
    assert any("schedule.xml beside it was not read" in n for n in trainings.notes)

    frab = tmp_path / "frab.xml"  # a frab schedule.xml is still frab's
    frab.write_text("<?xml version='1.0'?><schedule><version>1</version><conference><title>X</title>"
                    "</conference><day date='2027-01-01' index='1'><room name='A'><event id='1'/></room></day>"
                    "</schedule>", encoding="utf-8")
    assert detect(frab) == "schedule-xml"


def test_imported_from_the_folder_checked_and_built(tmp_path):
    folder = tmp_path / "ep"
    write_source(folder)
    result = invoke("import", folder, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "(europython)" in result.output and "Sponsored (1)" in result.output
    assert "out: 0 errors" in result.output
    booklet, _warnings = check_folder(tmp_path / "out")
    assert len(booklet.abstracts) == 6
    assert build_booklet(tmp_path / "out", tmp_path / "out.pdf").pages > 4
    result = invoke("import", folder / "schedule.xml", "--out", tmp_path / "kinds", "--kinds", "Sponsored=special")
    assert result.exit_code == 0 and "Sponsored (1)" not in result.output



def test_an_evening_past_midnight_keeps_its_end(tmp_path):
    """A party from 22:00 for three hours ends at 01:00 (booklet reads an evening's end before its start as past
    midnight, by 06:00); one from 15:00 for twelve hours is printed with its start only, and counted."""
    night = SCHEDULE.replace('<day date="2027-07-22">', '<day date="2027-07-22">'
                             + entry(90, "", "2200", 180, "ALL", "Late party")
                             + entry(91, "", "1500", 720, "ALL", "Hackathon")
                             + entry(92, "", "2100", 180, "ALL", "Until midnight"))
    imported = read(write_source(tmp_path / "ep", night), Options())
    lines = {i.get("title"): i["time"] for i in imported.documents["programme.yaml"]["days"][1]["items"]}
    assert lines["Late party"] == "22:00-01:00" and lines["Hackathon"] == "15:00"
    assert lines["Until midnight"] == "21:00-24:00"
    notes = "\n".join(imported.notes)
    assert ("1 event(s) run past midnight beyond 06:00, or from before 18:00: printed with their start time only"
            in notes)
    assert len(read_back(imported, tmp_path / "folder").abstracts) == 6

@pytest.mark.parametrize("bad, expected", [
    (SCHEDULE.replace("<start>1100</start><duration>30</duration><room id=\"1\">C01</room><title>Talk A",
                      "<start>11h0x</start><duration>30</duration><room id=\"1\">C01</room><title>Talk A"),
     "schedule.xml:1: <start>11h0x</start> is not a time of day"),
    (SCHEDULE.replace('<day date="2027-07-22">', '<day date="22.07.2027">'), "schedule.xml:4: <day date='22.07.2027'>: not a date"),
    (SCHEDULE.replace("<title>Talk B</title>", "<title>Talk B</titel>"), "schedule.xml:4:442: not well-formed XML"),
    (SCHEDULE.replace("<duration>45</duration>", "<duration>long</duration>"), "'long' is not a duration"),
])
def test_a_malformed_file_is_an_error_naming_file_and_line(tmp_path, bad, expected):
    source = write_source(tmp_path / "ep", schedule=bad, trainings=None)
    with pytest.raises(SourceError) as info:
        read(source, Options(format="europython"))
    assert expected in str(info.value)


def test_a_malformed_trainings_file_names_its_line(tmp_path):
    bad = TRAININGS.replace("<start>1400</start>", "<start>25:00</start>", 1)
    with pytest.raises(SourceError, match=r"trainings\.xml:3: <start>25:00</start> is not a time of day"):
        read(write_source(tmp_path / "ep", trainings=bad), Options())


def test_a_speaker_without_a_name_is_named_in_the_notes(tmp_path):
    """An import review: a <speaker> with an empty <name> (its bio and photo given) was dropped without a word."""
    schedule = SCHEDULE.replace(speaker(5, "Ana Smith"), speaker(5, "Ana Smith") + speaker(55, "", "A bio."))
    assert schedule != SCHEDULE
    imported = read(write_source(tmp_path / "ep", schedule, None), Options())
    line = schedule[:schedule.index('<speaker id="55"')].count("\n") + 1
    assert (f"1 speaker(s) without a name (an empty <name>), left out: schedule.xml:{line} ('Talk A'); write their "
            "names in where they speak") in imported.notes


def test_an_academic_title_in_a_speakers_name_is_left_out(tmp_path):
    """EuroPython 2014 names 'Dr. Yves J. Hilpisch': printed and filed as 'Yves J. Hilpisch', with a note."""
    source = write_source(tmp_path / "ep", SCHEDULE.replace("Ana Smith", "Dr. Ana Smith"))
    imported = read(source, Options())
    talk = next(a for a in imported.documents["abstracts.yaml"] if a["title"] == "Talk A")
    assert talk["speaker"]["name"] == "Ana Smith"
    assert ("1 name(s) written with an academic title: the title left out, as booklet's data has no key for one "
            "(write it back into the name to print it): 'Dr. Ana Smith -> Ana Smith'") in imported.notes


def test_a_speakers_name_is_read_as_the_schedules_read_it(tmp_path):
    """A <speaker>'s <name> was printed as written: 'Smith, Ana' as such, 'Ana Smith and Bo Jones' one speaker filed
    under Jones. It is read as the schedules' and Indico's speakers are (assemble.names_in, table.turned_name): two
    speakers without the one biography, a name written family name first turned round, given names first kept."""
    schedule = SCHEDULE.replace(speaker(5, "Ana Smith"), speaker(5, "Smith, Ana")).replace(
        speaker(6, "Bo Jones") + speaker(7, "Carla Díaz"), speaker(6, "Bo Jones and Lee, MA", "Their bio."))
    assert schedule != SCHEDULE
    imported = read(write_source(tmp_path / "ep", schedule, None), Options())
    talks = {a["title"]: a for a in imported.documents["abstracts.yaml"]}
    assert talks["Talk A"]["speaker"]["name"] == "Ana Smith"
    assert talks["Talk B"]["authors"] == [{"name": "Bo Jones", "presenting": True},
                                          {"name": "MA Lee", "presenting": True}]
    assert talks["A sponsored talk"]["speaker"]["name"] == "Giles Thomas"
    read_back(imported, tmp_path / "folder")
