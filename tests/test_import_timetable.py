"""A spreadsheet of abstracts with a timetable beside it (`booklet import abstracts.csv --timetable program.txt`):
each entry placed by its speaker's name, the timetable's other rows programme lines; what matches nothing said.

The fixtures are written here, in the shape of a summer school's files: a form's export of abstracts with no times,
and the organisers' tab-separated timetable `Code Type Day Begin End Name`, days numbered, names as "P. Rabl"."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import yaml
from click.testing import CliRunner

from booklet.cli import main
from booklet.importers.timetable import same_speaker

ABSTRACTS = [
    ["Type", "Title", "Presenting author", "Affiliation", "Abstract"],
    ["Invited", "Spins in diamond", "Patrick Maletinsky", "Basel", "About spins."],
    ["Invited", "Nanotube resonators", "Toeno van der Sar", "Delft", "About nanotubes."],
    ["Tutorial", "Hybrid spin systems", "Peter Rabl", "Vienna", "A tutorial."],
    ["Poster", "Cantilevers", "Jean-Philippe Tetienne", "Melbourne", "A poster."],
    ["Invited", "Magnon transport", "Peter Rablova", "Prague", "Not in the timetable."],
]
TIMETABLE = ("Code\tType\tDay\tBegin\tEnd\tName\n\n"
             "T01\ttut\t2\t0830\t0940\tP. Rabl\n"
             "I01\tinvited\t2\t0940\t1015\tP. Maletinsky\n"
             "I02\tinvited\t2\t1045\t1120\tT. van der Sar\n"
             "I03\tinvited\t3\t0940\t1015\tQ. Nobody\n"
             "P01\tposter\t2\t2000\t2130\tPoster session 1\n"
             "\tbreak\t2\t1015\t1045\t\\ft Coffee break\n"
             "\tmeal\t2\t1230\t1330\tLunch\n"
             "\tevent\t1\t1600\t1930\tRegistration\n")


def invoke(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    return result


def files(tmp_path):
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(ABSTRACTS)
    (tmp_path / "abstracts.csv").write_text(buffer.getvalue(), encoding="utf-8")
    (tmp_path / "program.txt").write_text(TIMETABLE, encoding="utf-8")
    return tmp_path / "abstracts.csv", tmp_path / "program.txt"


def test_a_timetable_places_each_entry_by_its_speakers_name_and_its_other_rows_are_lines(tmp_path):
    source, timetable = files(tmp_path)
    folder = tmp_path / "school"
    result = invoke("import", source, "--out", folder, "--timetable", timetable, "--first-day", "2018-06-10")
    assert result.exit_code == 0, result.output
    abstracts = {a["title"]: a["id"] for a in yaml.safe_load((folder / "abstracts.yaml").read_text("utf-8"))}
    tutorials = {t["title"]: t["id"] for t in yaml.safe_load((folder / "tutorials.yaml").read_text("utf-8"))}
    days = yaml.safe_load((folder / "programme.yaml").read_text("utf-8"))["days"]
    shown = {str(day["date"]): [(item["time"], item.get("talk") or item.get("tutorial") or item.get("title"),
                                 item.get("kind")) for item in day["items"]] for day in days}
    assert shown == {
        "2018-06-10": [("16:00-19:30", "Registration", None)],
        "2018-06-11": [("08:30-09:40", tutorials["Hybrid spin systems"], None),
                       ("09:40-10:15", abstracts["Spins in diamond"], None),
                       ("10:15-10:45", "Coffee break", "break"),
                       ("10:45-11:20", abstracts["Nanotube resonators"], None),
                       ("12:30-13:30", "Lunch", "break"),
                       ("20:00-21:30", "Poster session 1", None)],
        "2018-06-12": [("09:40-10:15", "Q. Nobody", None)]}
    conference = yaml.safe_load((folder / "conference.yaml").read_text("utf-8"))
    assert conference["dates"] == {"start": dt.date(2018, 6, 10), "end": dt.date(2018, 6, 12)}
    assert ("the timetable program.txt placed 3 of 5 entries by their speakers' names; 5 of its rows are programme "
            "lines") in result.output
    assert ("1 row(s) of the timetable name no speaker of the abstracts, and are printed as lines of the programme: "
            "line 6 'Q. Nobody'; give their talks in programme.yaml") in result.output
    # an update reads the timetable again, with its first day, as the import recorded them
    record = json.loads((folder / ".booklet-import.json").read_text("utf-8"))
    assert record["options"]["timetable"] == str(timetable.absolute())
    assert record["options"]["first_day"] == "2018-06-10"
    again = invoke("import", source, "--out", folder, "--update")
    assert again.exit_code == 0, again.output
    assert f"--timetable {timetable.absolute()}" in again.output and "--first-day 2018-06-10" in again.output
    assert yaml.safe_load((folder / "programme.yaml").read_text("utf-8"))["days"] == days


def test_a_timetable_with_no_types_and_dates_places_speakers_and_sets_the_rest_by_their_names(tmp_path):
    source, _ = files(tmp_path)
    timetable = tmp_path / "times.csv"
    timetable.write_text("Date,Start,End,Speaker\n2018-06-11,09:00,09:40,P. Rabl\n2018-06-11,09:40,10:00,"
                         "Coffee break\n2018-06-11,10:00,10:30,Opening words\n", encoding="utf-8")
    folder = tmp_path / "school"
    result = invoke("import", source, "--out", folder, "--timetable", timetable)
    assert result.exit_code == 0, result.output
    items = yaml.safe_load((folder / "programme.yaml").read_text("utf-8"))["days"][0]["items"]
    assert [(item["time"], "tutorial" in item, item.get("title"), item.get("kind")) for item in items] == [
        ("09:00-09:40", True, None, None), ("09:40-10:00", False, "Coffee break", "break"),
        ("10:00-10:30", False, "Opening words", None)]
    assert "name no speaker" not in result.output  # (no type said they were talks)


def test_a_timetable_of_numbered_days_needs_its_first_day_and_goes_with_a_spreadsheet(tmp_path):
    source, timetable = files(tmp_path)
    folder = tmp_path / "school"
    result = invoke("import", source, "--out", folder, "--timetable", timetable)
    assert result.exit_code == 1 and not folder.exists()
    assert (f"booklet: {timetable}: line 3: its days are numbers: say the date of day 1 with --first-day (e.g. "
            "--first-day 2018-06-10); nothing was written.") in result.output
    result = invoke("import", source, "--out", folder, "--first-day", "2018-06-10")
    assert result.exit_code == 2 and "--first-day goes with --timetable" in result.output
    (tmp_path / "bad.txt").write_text("Day\tBegin\tName\n2\t25:00\tP. Rabl\n", encoding="utf-8")
    result = invoke("import", source, "--out", folder, "--timetable", tmp_path / "bad.txt", "--first-day", "2018-06-10")
    assert result.exit_code == 1 and not folder.exists()
    assert f"booklet: {tmp_path / 'bad.txt'}: line 2: start '25:00' is not a time (0830, 08:30, 8.30 am)" \
        in result.output
    (tmp_path / "nodays.txt").write_text("When\tWho\n0830\tP. Rabl\n", encoding="utf-8")
    result = invoke("import", source, "--out", folder, "--timetable", tmp_path / "nodays.txt")
    assert result.exit_code == 1
    assert (f"booklet: {tmp_path / 'nodays.txt'}: line 1 (the header): --timetable: no column of day or start among "
            "'When', 'Who' (a timetable has a day, a start and a name)") in result.output
    result = invoke("import", timetable, "--out", folder)  # (alone: it has no titles)
    assert result.exit_code == 1 and not folder.exists()
    assert (f"booklet: {timetable}: line 1 (the header): no column of titles among 'Code', 'Type', 'Day', 'Begin', "
            "'End', 'Name' (a timetable, it seems: give it with --timetable beside the spreadsheet of abstracts whose "
            "talks it places, `booklet import abstracts.csv --timetable program.txt`); nothing was written.") \
        in result.output
    schedule = tmp_path / "schedule.json"
    schedule.write_text(json.dumps({"schedule": {"conference": {"title": "X", "days": []}}}), encoding="utf-8")
    result = invoke("import", schedule, "--out", folder, "--timetable", timetable, "--first-day", "2018-06-10")
    assert result.exit_code == 1 and not folder.exists()
    assert "--timetable goes with a spreadsheet of abstracts (CSV or XLSX)" in result.output


def test_a_timetables_name_is_a_speakers_by_family_name_and_initials():
    assert same_speaker("Peter Rabl", "P. Rabl") and same_speaker("Jean-Philippe Tetienne", "J.P. Tetienne")
    assert same_speaker("Toeno van der Sar", "T. van der Sar") and same_speaker("Grégoire de Loubens", "G. de Loubens")
    assert same_speaker("P. Chris Hammel", "P.C. Hammel") and same_speaker("Ania Bleszynski Jayich",
                                                                          "A. Bleszynski Jayich")
    assert same_speaker("Peter Rabl", "peter rabl")
    assert not same_speaker("Peter Rabl", "Q. Rabl") and not same_speaker("Anna Rabl", "P. Rabl")
    assert not same_speaker("Peter Rabl", "Rabl")  # (a family name alone: two Rabls could not be told apart)
    assert not same_speaker("Peter Rablova", "P. Rabl")


def test_a_timetable_in_a_workbook_reads_its_first_sheet_date_and_time_cells_too(tmp_path):
    """A timetable saved as XLSX was read as text: its header was the zip's bytes. Its first sheet is read: a date
    cell is the day, a time cell the time, a number of a day counted from --first-day."""
    import openpyxl

    source, _ = files(tmp_path)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Day", "Begin", "End", "Type", "Name"])
    sheet.append([dt.date(2018, 6, 11), dt.time(8, 30), dt.time(9, 40), "tut", "P. Rabl"])
    sheet.append([2, "0940", "1015", "invited", "P. Maletinsky"])
    sheet.append([2, "25:00", "", "invited", "T. van der Sar"])
    book.save(tmp_path / "times.xlsx")
    folder = tmp_path / "school"
    result = invoke("import", source, "--out", folder, "--timetable", tmp_path / "times.xlsx",
                    "--first-day", "2018-06-10")
    assert result.exit_code == 1 and not folder.exists()
    assert f"booklet: {tmp_path / 'times.xlsx'}: row 4: start '25:00' is not a time (0830, 08:30, 8.30 am)" \
        in result.output
    sheet.delete_rows(4)
    book.save(tmp_path / "times.xlsx")
    result = invoke("import", source, "--out", folder, "--timetable", tmp_path / "times.xlsx",
                    "--first-day", "2018-06-10")
    assert result.exit_code == 0, result.output
    days = yaml.safe_load((folder / "programme.yaml").read_text("utf-8"))["days"]
    assert [(str(day["date"]), [item["time"] for item in day["items"]]) for day in days] == [
        ("2018-06-11", ["08:30-09:40", "09:40-10:15"])]


def test_a_timetables_days_written_with_the_months_name_a_weekday_or_no_year(tmp_path):
    """Days a person types: "Monday 3 June 2024" and "June 3, 2024" are dates; "3 June" takes its year from
    --first-day, else from the timetable's dated days; "Wednesday" alone is the first from --first-day."""
    source, _ = files(tmp_path)
    timetable = tmp_path / "days.csv"
    timetable.write_text("Day,Start,End,Speaker\nMonday 3 June 2024,09:00,09:40,P. Rabl\n"
                         "\"June 4, 2024\",09:00,09:40,P. Maletinsky\n5 June,09:00,09:40,T. van der Sar\n"
                         "Thu 6 June,10:00,10:30,Coffee break\n", encoding="utf-8")
    folder = tmp_path / "school"
    result = invoke("import", source, "--out", folder, "--timetable", timetable)
    assert result.exit_code == 0, result.output
    days = yaml.safe_load((folder / "programme.yaml").read_text("utf-8"))["days"]
    assert [(day["date"], len(day["items"])) for day in days] == [(dt.date(2024, 6, d), 1) for d in (3, 4, 5, 6)]
    timetable.write_text("Day,Start,End,Speaker\n3 June,09:00,09:40,P. Rabl\nWednesday,09:00,09:40,P. Maletinsky\n",
                         encoding="utf-8")
    result = invoke("import", source, "--out", tmp_path / "again", "--timetable", timetable, "--first-day",
                    "2024-06-03")
    assert result.exit_code == 0, result.output
    days = yaml.safe_load((tmp_path / "again" / "programme.yaml").read_text("utf-8"))["days"]
    assert [day["date"] for day in days] == [dt.date(2024, 6, 3), dt.date(2024, 6, 5)]
    # weekdays alone over two weeks: read in order, a weekday before the row above's is the next week's, and said
    timetable.write_text("Day,Start,End,Speaker\nMonday,09:00,09:40,P. Rabl\nMonday,10:00,10:30,Coffee break\n"
                         "Friday,09:00,09:40,P. Maletinsky\nMonday,09:00,09:40,T. van der Sar\n", encoding="utf-8")
    result = invoke("import", source, "--out", tmp_path / "weeks", "--timetable", timetable, "--first-day",
                    "2024-06-03")
    assert result.exit_code == 0, result.output
    days = yaml.safe_load((tmp_path / "weeks" / "programme.yaml").read_text("utf-8"))["days"]
    assert [(day["date"], len(day["items"])) for day in days] == [(dt.date(2024, 6, 3), 2), (dt.date(2024, 6, 7), 1),
                                                                   (dt.date(2024, 6, 10), 1)]
    assert ("the timetable's days written as weekdays alone are read in order, a weekday before the row above's the "
            "next week's: 1 row(s) fall in a later week than --first-day's (line 5 'Monday' is 2024-06-10); check "
            "them") in " ".join(result.output.split())


def test_a_timetables_day_that_cannot_be_dated_is_said_with_its_file_and_line(tmp_path):
    """A weekday alone or a date without its year and nothing to date it by, a day its month has not ("31 June"),
    a weekday the date is not: a message naming the file, the line and the day, never a traceback."""
    source, _ = files(tmp_path)
    timetable = tmp_path / "days.csv"
    cases = {"Monday": "day 'Monday' is a weekday alone: say the date of the first day with --first-day (e.g. "
                       "--first-day 2018-06-10), or write its date",
             "3 June": "day '3 June' has no year: write it ('3 June 2018'), or say the date of the first day with "
                       "--first-day (e.g. --first-day 2018-06-10)",
             "31 June": "day '31 June' is no date: June has 30 days",
             "31 June 2024": "day '31 June 2024' is no date: June has 30 days",
             "Tuesday 3 June 2024": "day 'Tuesday 3 June 2024' is a Monday, not a Tuesday: correct the date or the "
                                    "weekday",
             "Funday": "day 'Funday' is neither a date (2018-06-11, 'Monday 11 June 2018', 'June 11, 2018', "
                       "'11 June'), a weekday ('Monday') nor a day's number (2)",
             # (fuzzing the new readings: a cell of a comma, and one of 28 digits, were internal errors; a letter
             # or a word that is a weekday in two languages was read as one)
             '","': "day ',' is neither a date",
             "9" * 28 + " June": f"day '{'9' * 28} June' is neither a date",
             "T": "day 'T' is neither a date",
             "So": "day 'So' names more than one weekday in the languages booklet reads (Saturday or Sunday): write "
                   "the weekday in full, or the date"}
    for written, message in cases.items():
        dated = "" if written == "3 June" else "2024-06-03,08:00,Opening\n"  # (a dated day gives "3 June" its year)
        timetable.write_text(f"Day,Start,Speaker\n{dated}{written},09:00,P. Rabl\n", encoding="utf-8")
        result = invoke("import", source, "--out", tmp_path / "school", "--timetable", timetable)
        assert result.exit_code == 1 and not (tmp_path / "school").exists(), result.output
        line = 3 if dated else 2
        assert f"booklet: {timetable}: line {line}: {message}" in result.output, result.output
    timetable.write_text("Day,Start,Speaker\n5,09:00,P. Rabl\n", encoding="utf-8")
    result = invoke("import", source, "--out", tmp_path / "school", "--timetable", timetable, "--first-day",
                    "9999-12-30")
    assert result.exit_code == 1 and not (tmp_path / "school").exists(), result.output
    assert (f"booklet: {timetable}: line 2: day '5' counted from --first-day 9999-12-30 is no date; nothing was "
            "written.") in result.output


def test_a_hand_made_timetables_odd_shapes_are_read_or_said(tmp_path):
    """Fuzzing the timetable by hand: a header written again (pasted days) stopped the import at "day 'Day'"; dates
    03.06.2024 were no day; '8.30 am', '2 pm' and a range '09:00-09:40' in the start column were no time; a room
    column, a second name column, a code and a cell past the header were dropped with no word, and a row with text
    in none of the columns read too. Each is read, or said in the notes; an end before its start is said."""
    source, _ = files(tmp_path)
    timetable = tmp_path / "odd.csv"
    text = ("Day;Time;End;Room;Speaker;Speaker;Code\r\n"
            "03.06.2024;8.30 am;;Hall A;P. Rabl;Extra;T1\r\n\r\n"
            "Day;Time;End;Room;Speaker;Speaker;Code\r\n"
            "03.06.2024;09:00-09:40;;Hall B;P. Maletinsky;;I1\r\n"
            "03.06.2024;09h45;10:15;;T. van der Sar;;;stray\r\n"
            "03.06.2024;2 pm;3 pm;;Coffee break;;\r\n"
            ";;;;;;only a code\r\n")
    timetable.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    folder = tmp_path / "school"
    result = invoke("import", source, "--out", folder, "--timetable", timetable)
    assert result.exit_code == 0, result.output
    items = yaml.safe_load((folder / "programme.yaml").read_text("utf-8"))["days"][0]["items"]
    assert [(item["time"], item.get("room"), item.get("title")) for item in items] == [
        ("08:30", "Hall A", None), ("09:00-09:40", "Hall B", None), ("09:45-10:15", None, None),
        ("14:00-15:00", None, "Coffee break")]
    output = " ".join(result.output.split())
    assert "the timetable odd.csv writes its header again (line 4): those rows left out" in output
    assert ("the timetable odd.csv has text in column(s) booklet does not read (a timetable's are 'day', 'begin', "
            "'end', 'name', 'type', 'room'): 'Speaker' (line 2); 'Code' (line 2, line 5, line 8); column 8 (line 6); "
            "add what is to be printed to programme.yaml") in output
    assert "the timetable odd.csv has row(s) with no day, start or name, left out (line 8)" in output
    # a speaker's second row, a time in the day's cell, a date that is none
    timetable.write_text("Day,Start,End,Type,Speaker\n2024-06-03 08:30,,,invited,P. Maletinsky\n"
                         "2024-06-04,09:00,09:30,invited,P. Maletinsky\n", encoding="utf-8")
    result = invoke("import", source, "--out", tmp_path / "twice", "--timetable", timetable)
    assert result.exit_code == 0, result.output
    days = yaml.safe_load((tmp_path / "twice" / "programme.yaml").read_text("utf-8"))["days"]
    assert [(day["date"], day["items"][0]["time"]) for day in days] == [(dt.date(2024, 6, 3), "08:30"),
                                                                          (dt.date(2024, 6, 4), "09:00-09:30")]
    assert ("1 row(s) of the timetable name a speaker whose entry an earlier row placed, and are printed as lines of "
            "the programme: line 3 'P. Maletinsky' (placed by line 2); a talk given twice, or another talk of theirs: "
            "give it in programme.yaml") in " ".join(result.output.split())
    assert "name no speaker" not in result.output
    # a day written once, on its first row: the rows below take it (an empty day was an internal error)
    timetable.write_text("Day,Start,End,Speaker\n2024-06-03,08:30,09:00,P. Rabl\n,09:00,09:30,P. Maletinsky\n",
                         encoding="utf-8")
    result = invoke("import", source, "--out", tmp_path / "once", "--timetable", timetable)
    assert result.exit_code == 0, result.output
    days = yaml.safe_load((tmp_path / "once" / "programme.yaml").read_text("utf-8"))["days"]
    assert [(day["date"], [item["time"] for item in day["items"]]) for day in days] == [
        (dt.date(2024, 6, 3), ["08:30-09:00", "09:00-09:30"])]
    assert ("1 row(s) of the timetable odd.csv with no day took the day of the row above (a day written once, on its "
            "first row) (line 3)") in " ".join(result.output.split())
    timetable.write_text("Day,Start,End,Speaker\n,08:30,09:00,P. Rabl\n", encoding="utf-8")
    result = invoke("import", source, "--out", tmp_path / "again", "--timetable", timetable)
    assert result.exit_code == 1 and not (tmp_path / "again").exists()
    assert (f"booklet: {timetable}: line 2: no day (a date, 2018-06-11, or a day's number), and no row above gives "
            "one; nothing was written.") in result.output
    timetable.write_text("Day,Start,End,Speaker\n31.06.2024,09:30,10:00,P. Rabl\n", encoding="utf-8")
    result = invoke("import", source, "--out", tmp_path / "again", "--timetable", timetable)
    assert result.exit_code == 1 and not (tmp_path / "again").exists()
    assert (f"booklet: {timetable}: line 2: day '31.06.2024' is no date: no such day in that month (or a year no "
            "conference's); nothing was written.") in result.output
    timetable.write_text("Day,Start,End,Speaker\n2024-06-03,09:30,09:00,P. Rabl\n", encoding="utf-8")
    result = invoke("import", source, "--out", tmp_path / "again", "--timetable", timetable)
    assert result.exit_code == 1 and not (tmp_path / "again").exists()
    assert (f"booklet: {timetable}: line 2: end 09:00 is before start 09:30 (an evening's item may end after "
            "midnight, by 06:00); nothing was written.") in result.output


def test_a_timetable_header_of_thousands_of_columns_is_named_by_its_first_ones(tmp_path):
    """A fuzzing run: a timetable's header of 100,000 columns without a name column was listed whole."""
    abstracts, _ = files(tmp_path)
    timetable = tmp_path / "wide.csv"
    timetable.write_text("Day,Begin," + ",".join(f"c{i}" for i in range(10_000)) + "\n1,09:00\n", encoding="utf-8")
    result = invoke("import", abstracts, "--timetable", timetable, "--first-day", "2018-06-10", "--out",
                    tmp_path / "out")
    assert (result.exit_code, result.stderr) == (1, f"booklet: {timetable}: line 1 (the header): --timetable: no "
                                                    f"column of name among 'Day', 'Begin', 'c0', 'c1', 'c2', 'c3', "
                                                    f"'c4', 'c5', 'c6', 'c7', 'c8', 'c9' and 9,990 more (a timetable "
                                                    f"has a day, a start and a name); nothing was written.\n")


def test_a_pdf_or_a_calendar_given_as_the_timetable_says_what_it_is(tmp_path):
    """A LOC's walk: the printed programme's PDF given with --timetable was told "no column of day or start or name
    among '%PDF-1.4'"; it says it is a PDF, and what --timetable reads."""
    source, _ = files(tmp_path)
    folder = tmp_path / "school"
    for name, content, what in (("programme.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\x00", "a PDF document"),
                                ("times.ics", b"\xef\xbb\xbfBEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
                                 "an iCalendar file (.ics), a calendar")):
        (tmp_path / name).write_bytes(content)
        result = invoke("import", source, "--out", folder, "--timetable", tmp_path / name, "--first-day", "2018-06-10")
        assert result.exit_code == 1 and not folder.exists()
        assert (f"booklet: {tmp_path / name}: {what}, not a timetable; --timetable reads a spreadsheet: CSV, "
                "tab-separated or an XLSX sheet (save or export the timetable as one); nothing was written.") \
            in result.output, result.output
