"""Input that once crashed, hung, dropped content or overwrote files -> a clear message, exit 1, nothing lost.

One test (or a few) per class of fault; each failed before its fix.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from .helpers import BASE, LATER, base_lines, extend, write_conference
from .pdftext import Pdf
from .test_bad_data import OLD_PDF, build_and_check_fail, conference, invoke

DEPTH = ("lists or mappings are nested more than 40 levels deep here; "
         "no part of the format goes deeper than 6")
NOTES_LINE = base_lines("conference.yaml") + 1


# -- crashes and hangs -------------------------------------------------------------------------

def test_deeply_nested_lists_are_an_error_at_their_line(tmp_path):
    data = conference(tmp_path, {"conference.yaml": extend("conference.yaml", "notes: " + "[" * 500 + "]" * 500)})
    build_and_check_fail(tmp_path, data, [
        f"conference.yaml:{NOTES_LINE}: notes[0]: expected text, not a list; "
        'write it like: notes: ["Abstract deadline: 31 March 2027"]',
        f"conference.yaml:{NOTES_LINE}: notes[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]...: {DEPTH}",
    ])


def test_deeply_nested_mappings_are_an_error_at_their_line(tmp_path):
    deep = "quote:\n" + "".join("  " * (i + 1) + f"k{i}:\n" for i in range(350))
    data = conference(tmp_path, {"conference.yaml": extend("conference.yaml", deep)})
    result = invoke("check", data)
    assert result.exit_code == 1
    assert f"conference.yaml:{NOTES_LINE + 41}: quote.k0.k1.k2.k3.k4.k5.k6.k7.k8.k9.k10.k11.k12.k13.k14...: " \
           f"{DEPTH}" in result.stderr.splitlines()


@pytest.mark.parametrize("depth", [2000, 100_000])
def test_nesting_deeper_than_libyaml_allows_is_the_same_error(tmp_path, depth):
    data = conference(tmp_path, {"conference.yaml": extend("conference.yaml", "notes: " + "[" * depth + "]" * depth)})
    build_and_check_fail(tmp_path, data, [f"conference.yaml:{NOTES_LINE}: {DEPTH}"])


@pytest.mark.parametrize("args, message", [
    (["--bleed", "99999999999999999999mm"], "bleed must be between 0 mm and 20 mm, not more than a kilometre"),
    (["--bleed", "21mm"], "bleed must be between 0 mm and 20 mm, not 21 mm"),
])
def test_bleed_out_of_range_is_refused(tmp_path, args, message):
    result = invoke("build", write_conference(tmp_path / "conf"), "-o", tmp_path / "out.pdf", *args)
    assert result.exit_code == 2
    assert f"Error: Invalid value for '--bleed': {message}" in result.stderr
    assert not (tmp_path / "out.pdf").exists()


def test_the_exit_status_tells_a_usage_error_from_bad_data_and_from_a_fault_in_booklet(tmp_path, monkeypatch):
    """The README's exit statuses: 2 for a command line booklet cannot take (Click's usage error), before anything is
    read; 1 for bad data; 3 for an internal error, which was 2 as well, so that a script could not tell a mistyped
    option from a fault to report."""
    import booklet.build

    data = write_conference(tmp_path / "conf")
    out = tmp_path / "out.pdf"
    usage = invoke("build", data, "-o", out, "--pagesize", "a4")
    assert (usage.exit_code, usage.stderr) == (2, "Usage: main build [OPTIONS] [DATA_DIR]\nTry 'main build --help' for "
                                                  "help.\n\nError: No such option '--pagesize'. Did you mean "
                                                  "'--page-size'?\n")
    assert not out.exists()
    bad = invoke("build", conference(tmp_path, {"posters.yaml": "- number: five\n  author: A\n  title: T\n"}), "-o", out)
    assert bad.exit_code == 1 and "posters.yaml:1: [0].number: expected a whole number" in bad.stderr
    out.write_bytes(OLD_PDF)

    def broken(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(booklet.build, "build_booklet", broken)
    fault = invoke("build", data, "-o", out)
    assert (fault.exit_code, fault.stderr) == (3, "booklet: internal error (ZeroDivisionError: division by zero); "
                                                  "nothing was written. Please report this with the data that caused "
                                                  "it.\n")
    assert out.read_bytes() == OLD_PDF


def test_a_fault_outside_a_command_s_reporting_of_errors_exits_3_too(monkeypatch):
    """A fault where a command prints what it did, outside its reporting_errors (`booklet schema`'s JSON), was a
    traceback and exit status 1, bad input's: it is said as any internal error is, exit 3 (without "nothing was
    written": something may have been)."""
    import booklet.data.schema

    def broken(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(booklet.data.schema, "file_schema", broken)  # (only the command imports it, when it runs)
    fault = invoke("schema", "conference.yaml")
    assert (fault.exit_code, fault.stdout, fault.stderr) == (
        3, "", "booklet: internal error (ZeroDivisionError: division by zero). Please report this with the data that "
               "caused it.\n")


def test_a_long_quoted_value_is_cut_before_quotes_that_close_nothing():
    """problems.long_quotes_cut, which every printed message now goes through: a quote that opens a value closed
    nowhere after it ("x 'a", as a cell of an import's note may hold 20,000 times) leaves the message as it is, and a
    long value quoted before them is cut; they were read to the message's end once each (35 s of CPU)."""
    from booklet.problems import long_quotes_cut

    unclosed = "x 'a" * 20_000
    message = f"column 'Notes {'v' * 400}' holds {unclosed}"
    assert long_quotes_cut(message) == f"column 'Notes {'v' * 54}\u2026{'v' * 20}' (406 characters) holds {unclosed}"
    assert long_quotes_cut(unclosed) == unclosed
    # (a value in double quotes, as repr() writes a text with an apostrophe, is cut as well; a short one is not)
    assert long_quotes_cut(f'headers "it\'s {"w" * 400}" and "it\'s short" {"." * 300}') == (
        f'headers "it\'s {"w" * 55}\u2026{"w" * 20}" (405 characters) and "it\'s short" {"." * 300}')


def test_a_usage_error_cuts_a_long_value_it_quotes(tmp_path):
    """Click's usage errors repeated a value of 100,000 characters whole (`--bleed`, `--reply-by`, an unknown
    option's name); they are cut as booklet's own messages are."""
    long = "x" * 100_000
    data = write_conference(tmp_path / "conf")
    shown = f"'{'x' * 60}\u2026{'x' * 20}' (100,000 characters)"
    bleed = invoke("build", data, "-o", tmp_path / "out.pdf", "--bleed", long)
    assert bleed.exit_code == 2 and bleed.stderr.endswith(
        f"Error: Invalid value for '--bleed': {shown} is not a length; write a number with mm, cm, pt or in, like 3mm\n")
    reply = invoke("proofs", data, "--out", tmp_path / "proofs", "--reply-by", long)
    assert reply.exit_code == 2 and reply.stderr.endswith(
        f"Error: Invalid value for '--reply-by': {shown} is not a date like 2027-05-20\n")
    assert max(len(line) for line in bleed.stderr.splitlines() + reply.stderr.splitlines()) < 300
    assert not (tmp_path / "out.pdf").exists() and not (tmp_path / "proofs").exists()


@pytest.mark.parametrize("command, option, value, message", [
    ("impose", "--creep", "1e400mm", "'1e400mm' is not a length; write a number with mm, cm, pt or in, like 3mm"),
    ("impose", "--creep", "3mm", "creep must be between 0 mm and 2 mm, not 3 mm"),
    ("preflight", "--safe-margin", "1000in", "safe-margin must be between 0 mm and 50 mm, not 25400 mm"),
])
def test_print_lengths_out_of_range_are_refused(tmp_path, command, option, value, message):
    pdf = tmp_path / "in.pdf"
    pdf.write_bytes(OLD_PDF)
    args = [command, pdf, option, value] + (["-o", tmp_path / "out.pdf"] if command == "impose" else [])
    result = invoke(*args)
    assert result.exit_code == 2
    assert f"Error: Invalid value for '{option}': {message}" in result.stderr


def test_print_options_in_the_library_are_range_checked_too():
    from booklet.build import PrintOptions

    with pytest.raises(ValueError, match="bleed must be between 0 mm and 20 mm, not 100 mm"):
        PrintOptions(bleed=100 * 72 / 25.4)


def test_a_fifo_in_the_data_folder_is_an_error_not_a_hang(tmp_path):
    data = conference(tmp_path)
    (data / "programme.yaml").unlink()
    os.mkfifo(data / "programme.yaml")
    commands = (["check", str(data)], ["build", str(data), "-o", str(tmp_path / "out.pdf")])
    for command in commands:  # in a process of its own: a hang fails the test instead of blocking it
        done = subprocess.run([sys.executable, "-m", "booklet", *command], capture_output=True, text=True, timeout=60)
        assert done.returncode == 1
        assert done.stderr.splitlines()[0] == ("programme.yaml:1: the file is a FIFO (named pipe), not a regular "
                                               "file; booklet reads only regular files")
    assert not (tmp_path / "out.pdf").exists()


def test_an_image_or_extra_page_that_is_no_regular_file_says_what_it_is(tmp_path):
    """A photo that is a folder, an extra page that is a device (a link to /dev/null) and a logo that is a FIFO were
    each "'NAME': not a file", where a data file of those kinds says what it is."""
    from .test_bad_data import with_photo

    data = conference(tmp_path, {"abstracts.yaml": with_photo("images/a.jpg"), "conference.yaml": extend(
        "conference.yaml", "logo: images/logo.png\nextra_pages: [{file: images/map.pdf}]\n")})
    (data / "images" / "a.jpg").mkdir(parents=True)
    (data / "images" / "map.pdf").symlink_to(os.devnull)
    os.mkfifo(data / "images" / "logo.png")
    line = base_lines("conference.yaml") + 1
    build_and_check_fail(tmp_path, data, [
        f"conference.yaml:{line}: logo: 'images/logo.png': is a FIFO (named pipe), not a regular file; booklet reads "
        "only regular files",
        f"conference.yaml:{line + 1}: extra_pages[0].file: 'images/map.pdf': is a device, not a regular file; booklet "
        "reads only regular files",
        f"abstracts.yaml:{base_lines('abstracts.yaml') + 3}: [2].speaker.photo: 'images/a.jpg': is a folder, not a "
        "file"])


def test_a_fifo_or_a_device_given_to_import_is_an_error_not_a_hang(tmp_path):
    """`booklet import` of a FIFO (a named pipe) waited for ever for a writer, and of a link to /dev/zero (or /dev/zero
    itself) read until memory ran out ("internal error (MemoryError)"); a --timetable so too. Each is now an error
    naming the file, exit 1, nothing written."""
    pipe = tmp_path / "schedule.json"
    os.mkfifo(pipe)
    zero = tmp_path / "zero.json"
    zero.symlink_to("/dev/zero")
    table = tmp_path / "abstracts.csv"
    table.write_text("Title,Speaker\nWaves,Ana Smith\n", encoding="utf-8")
    cases = (([pipe], pipe, "a FIFO (named pipe)"), ([zero], zero, "a device"),
             ([table, "--timetable", pipe], pipe, "a FIFO (named pipe)"),
             ([table, "--timetable", zero], zero, "a device"))
    for args, named, kind in cases:  # in a process of its own: a hang fails the test instead of blocking it
        out = tmp_path / "out"
        done = subprocess.run([sys.executable, "-m", "booklet", "import", *map(str, args), "--out", str(out)],
                              capture_output=True, text=True, timeout=60)
        assert (done.returncode, done.stderr) == (1, f"booklet: {named}: the file is {kind}, not a regular file; "
                                                     "booklet reads only regular files; nothing was written.\n")
        assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["abstracts.csv", "schedule.json", "zero.json"]


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full, a file no write fits in")
@pytest.mark.parametrize("command", [["schema"], ["check", "{data}"]])
def test_output_that_cannot_be_printed_is_a_message_not_a_traceback(tmp_path, command):
    """`booklet schema > /dev/full` (a full disk) ended in a traceback from click.echo. It says what failed, exit 1."""
    data = conference(tmp_path)
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "booklet", *(part.format(data=data) for part in command)],
                              stdout=full, stderr=subprocess.PIPE, text=True, timeout=60)
    assert (done.returncode, done.stderr) == (1, "booklet: cannot print the command's output: No space left on "
                                                 "device\n")


def test_a_system_error_that_reaches_the_command_line_is_named_as_it_is(monkeypatch, capfd):
    """A review: every OSError that reached `run` was said to be output that could not be printed."""
    import io

    from booklet import cli

    monkeypatch.setattr(sys, "stdout", io.StringIO())
    assert cli._unprinted(FileNotFoundError(2, "No such file or directory", "talks.yaml")) == 1
    assert cli._unprinted(OSError(28, "No space left on device")) == 1
    assert capfd.readouterr().err == ("booklet: talks.yaml: No such file or directory\n"
                                      "booklet: cannot print the command's output: No space left on device\n")


# -- files changed that must not be ------------------------------------------------------------------

@pytest.mark.parametrize("command", [("build",), ("proof", "okafor")])
@pytest.mark.parametrize("target", ["conference.yaml", "programme.yaml", "abstracts/new.yaml", "images/a.jpg"])
def test_an_output_that_is_an_input_is_refused(tmp_path, target, command):
    """`booklet build -o` and `booklet proof -o` (which wrote a proof over conference.yaml) refuse a data file,
    an image the data names, or a file in the data folder with a data file's name."""
    from .test_bad_data import jpeg, with_photo

    data = conference(tmp_path, {"abstracts.yaml": with_photo("images/a.jpg"), "images/a.jpg": jpeg((300, 375)),
                                 "programme.yaml": None})
    (data / "abstracts").mkdir()
    before = {p: p.read_bytes() for p in data.rglob("*") if p.is_file()}
    result = invoke(*command, data, "-o", data / target)
    assert result.exit_code == 1
    what = "an image the data names" if target.startswith("images") else "a data file of the conference"
    assert result.stderr == (f"booklet: will not write {data / target}: it is {what} in {data}; "
                             "choose another output; nothing was written.\n")
    assert {p: p.read_bytes() for p in data.rglob("*") if p.is_file()} == before


# -- content dropped without a word ------------------------------------------------------------------

@pytest.mark.parametrize("name", ["programme.yaml", "abstracts/x.yaml", "conference.yaml"])
@pytest.mark.parametrize("link, message", [
    ("nowhere.yaml", "the file is a symbolic link to 'nowhere.yaml', which does not exist"),
    ("SELF", "the file is a symbolic link in a loop (it points, in the end, to itself)"),
])
def test_broken_and_looping_links_are_errors_naming_the_file(tmp_path, name, link, message):
    data = conference(tmp_path)
    path = data / name
    path.parent.mkdir(exist_ok=True)
    path.unlink(missing_ok=True)
    os.symlink(path.name if link == "SELF" else link, path)
    build_and_check_fail(tmp_path, data, [f"{name}:1: {message}"])


def test_conference_yaml_that_is_a_folder_is_said_to_be_one(tmp_path):
    data = conference(tmp_path)
    (data / "conference.yaml").unlink()
    (data / "conference.yaml").mkdir()
    build_and_check_fail(tmp_path, data, ["conference.yaml:1: the file is a folder, not a file"])


def test_a_lone_surrogate_is_reported_at_its_line_and_key(tmp_path):
    """Half a character escaped in a value was a "YAML syntax error" at its line, naming no key (libyaml refuses the
    file; PyYAML's parser, which reads it, named the key): now its key is named as for any value."""
    data = conference(tmp_path, {"conference.yaml": extend("conference.yaml", 'notes:\n  - fine\n  - "half \\ud800 a"\n')})
    build_and_check_fail(tmp_path, data, [
        f"conference.yaml:{NOTES_LINE + 2}: notes[1]: an escape such as \\ud800 stands for half of a "
        "character (a lone surrogate); write the character itself, or both halves of the pair"])


def test_a_lone_surrogate_in_an_abstract_id_names_the_abstract_key(tmp_path):
    entry = '- {id: "a\\udc80", title: T, speaker: {name: Ana Smith}}\n'
    data = conference(tmp_path, {"abstracts.yaml": extend("abstracts.yaml", entry)})
    build_and_check_fail(tmp_path, data, [
        f"abstracts.yaml:{base_lines('abstracts.yaml') + 1}: [2].id: an escape such as \\ud800 stands for half of a "
        "character (a lone surrogate); write the character itself, or both halves of the pair"])


def test_a_lone_surrogate_in_a_key_is_still_an_error_at_its_line(tmp_path):
    data = conference(tmp_path, {"conference.yaml": extend("conference.yaml", '"ti\\ud800tle": x\n')})
    build_and_check_fail(tmp_path, data, [
        f"conference.yaml:{NOTES_LINE}: YAML syntax error: an escape such as \\ud800 stands for half of a "
        "character (a lone surrogate); write the character itself, or both halves of the pair"])


def test_a_lone_surrogate_is_reported_by_the_pure_python_parser_too(tmp_path, monkeypatch):
    from booklet.data import load

    monkeypatch.setattr(load, "yaml_loader", lambda: __import__("yaml").SafeLoader)
    problems = []
    path = tmp_path / "c.yaml"
    path.write_text('title: ok\nnotes:\n  - "half \\udc00 a"\n')
    load.load_file(path, "c.yaml", problems)
    assert [(p.line, p.key) for p in problems] == [(3, "notes[0]")]



@pytest.mark.parametrize("python_parser", [False, True])
def test_both_halves_of_a_character_escaped_are_the_character(tmp_path, monkeypatch, python_parser):
    """"\\ud83d\\ude00" (as JSON writes a character beyond U+FFFF) was refused as half a character, the message
    asking for both halves: the pair is the character; half of one alone is still an error at its line."""
    from booklet.data import load

    if python_parser:
        monkeypatch.setattr(load, "yaml_loader", lambda: __import__("yaml").SafeLoader)
    problems = []
    path = tmp_path / "c.yaml"
    path.write_text('title: "x\\ud83d\\ude00 y"\nnotes:\n  - "\\U0001F600 \\ud83d\\ude00"\n')
    value = load.load_file(path, "c.yaml", problems)
    assert problems == [] and value["title"] == "x\U0001F600 y" and value["notes"] == ["\U0001F600 \U0001F600"]
    path.write_text('title: "x\\ud83d\\ude00 y"\nnotes:\n  - "\\ude00\\ud83d"\n')  # (the halves reversed)
    load.load_file(path, "c.yaml", problems)
    assert [p.line for p in problems] == [3]

def test_yaml_merge_keys_work(tmp_path):
    data = conference(tmp_path, {"abstracts.yaml": extend("abstracts.yaml", """\
        - &shared
          id: first-merged
          kind: invited
          title: The first of two
          speaker: {name: Cy Merge, affiliation: Uni M}
        - <<: *shared
          id: second-merged
          title: The second of two
        """), "programme.yaml": BASE["programme.yaml"].replace(
        '      - {time: "14:00-17:00", tutorial: bayes-intro}',
        '      - {time: "14:00-17:00", tutorial: bayes-intro}\n'
        '      - {time: "17:00-17:20", talk: first-merged}\n'
        '      - {time: "17:20-17:40", talk: second-merged}')})
    out = tmp_path / "b.pdf"
    result = invoke("build", data, "-o", out)
    assert result.exit_code == 0, result.output
    from booklet.data.validate import read_booklet

    booklet, _ = read_booklet(data)
    second = next(a for a in booklet.abstracts if a.id == "second-merged")
    assert (second.title, second.kind, second.speakers[0].name) == ("The second of two", "invited", "Cy Merge")
    assert Pdf(out).pages_with("The second of two")


def test_a_merge_key_naming_no_mapping_is_an_error(tmp_path):
    data = conference(tmp_path, {"abstracts.yaml": extend("abstracts.yaml", """\
        - <<: just text
          id: merged
          title: Merged
          speaker: {name: Cy}
        """)})
    line = base_lines("abstracts.yaml") + 1
    build_and_check_fail(tmp_path, data, [
        f"abstracts.yaml:{line}: [2].<<: '<<' merges a mapping or a list of mappings ('<<: *name' or '<<: [*a, *b]', "
        "with '&name' on a mapping), not text"])


def test_a_merge_key_given_a_list_of_lists_is_an_error_at_the_list_not_a_missing_key(tmp_path):
    """Fuzzing: `quote: {<<: [[{text: hi}]]}` gave only "quote.text: required key is missing": the merge key's
    value is a list of lists, and the keys it was to merge are not missed again."""
    data = conference(tmp_path, {"conference.yaml": extend("conference.yaml", """\
        quote: {<<: [[{text: hi}]]}
        places:
          - <<: [{name: Hall}, x]
          - <<:
              - [{name: Hall}]
            address: Main St
        """)})
    line = base_lines("conference.yaml") + 1
    said = "'<<' merges a mapping or a list of mappings ('<<: *name' or '<<: [*a, *b]', with '&name' on a mapping), not"
    build_and_check_fail(tmp_path, data, [
        f"conference.yaml:{line}: quote.<<: {said} a list in its list",
        f"conference.yaml:{line + 2}: places[0].<<: {said} text in its list",
        f"conference.yaml:{line + 4}: places[1].<<: {said} a list in its list"])


def test_a_merge_key_given_twice_is_an_error_as_any_key_given_twice(tmp_path):
    """A fuzzing run: `<<: *a` then `<<: *b` in one mapping was taken without a word (any other key given twice is
    an error); merging two mappings is `<<: [*a, *b]`."""
    data = conference(tmp_path, {"abstracts.yaml": extend("abstracts.yaml", """\
        - id: merged
          title: Merged
          speaker:
            <<: {name: Cy}
            <<: {affiliation: Uni M}
          abstract: Text.
        """)})
    line = base_lines("abstracts.yaml") + 5
    build_and_check_fail(tmp_path, data, [
        f"abstracts.yaml:{line}: [2].speaker.<<: given twice (first at line {line - 1}); to merge two mappings, "
        "write <<: [*a, *b]"])


# -- text that is not text, and text that cannot fit ---------------------------------------------

def test_control_characters_are_errors_with_file_line_and_key(tmp_path):
    data = conference(tmp_path, {"conference.yaml": extend("conference.yaml", """\
        subtitle: "a bell\\a here"
        notes: ["fine", "tab\\tis fine", "escape \\e and \\x01 and \\x7f"]
        """)})
    build_and_check_fail(tmp_path, data, [
        f"conference.yaml:{NOTES_LINE}: subtitle: a control character, U+0007, at column 18: it cannot be "
        "printed; remove it (it may have come with text copied from another program)",
        f"conference.yaml:{NOTES_LINE + 1}: notes[2]: a control character, U+001B, at column 41 (and 2 more): "
        "it cannot be printed; remove it (it may have come with text copied from another program)",
    ])


def test_a_cover_that_cannot_hold_its_text_is_a_warning_naming_what_is_cut(tmp_path):
    long_title = " ".join(["Extraordinarily"] * 600)
    data = conference(tmp_path, {"conference.yaml": BASE["conference.yaml"].replace(
        "title: Test Conference", f"title: {long_title}")})
    result = invoke("check", data)
    assert result.exit_code == 0
    lines = result.stderr.splitlines()
    assert lines[0] == "Cover text that does not fit (3):"
    assert [line.split(": warning: ")[0] for line in lines[1:]] == [
        "conference.yaml:1: title", "conference.yaml:3: dates", "conference.yaml:4: venue"]
    assert "the front cover has no room for the venue, even with its text shrunk to 28%: it is cut off " \
           "(title, dates, venue in all)" in lines[3]


def test_a_cover_shrunk_too_far_to_read_is_a_warning(tmp_path):
    data = conference(tmp_path, {"conference.yaml": BASE["conference.yaml"].replace(
        "title: Test Conference", "title: " + " ".join(["Extraordinarily"] * 150))})
    result = invoke("check", data)
    assert result.stderr.splitlines()[1].startswith(
        "conference.yaml:1: title: warning: the front cover's text is shrunk to ")
    assert invoke("check", conference(tmp_path / "ok")).stderr == ""  # a normal title: no warning


@pytest.mark.parametrize("words, said", [
    (600, "the back cover's text is shrunk to 53% of its size to fit, too small to read well; shorten the quote or "
          "the notes"),
    (3000, "the back cover has no room for all its text, even shrunk to 28%: it is cut off at the bottom; shorten "
           "the quote or the notes"),
])
def test_a_back_cover_shrunk_too_far_to_read_or_cut_off_is_a_warning(tmp_path, words, said):
    """A fuzzing run's quote of 3,000 words made the back cover a grey block of microscopic type, with no word of
    warning (the front cover's own text has one)."""
    data = conference(tmp_path, {"conference.yaml": extend("conference.yaml", 'quote: {text: "'
                                                             + "wise words " * words + '", author: X}\n')})
    line = base_lines("conference.yaml") + 1
    result = invoke("check", data)
    assert result.exit_code == 0
    assert f"conference.yaml:{line}: quote: warning: {said}" in result.stderr.splitlines()
    short = conference(tmp_path / "short", {"conference.yaml": extend("conference.yaml", 'quote: {text: "'
                                                                       + "wise words " * 100 + '", author: X}\n')})
    assert "back cover" not in invoke("check", short).stderr


# -- found by the property-based suite ---------------------------------------------------------------

@pytest.mark.parametrize("value, message", [
    ("!!timestamp x", "'x' is not a valid date"),
    ("!!bool maybe", "'maybe' is not a valid true/false value"),
    ("!!int 1.5", "'1.5' is not a valid whole number"),
])
def test_an_explicitly_tagged_value_yaml_cannot_make_is_an_error_not_a_crash(tmp_path, value, message):
    data = conference(tmp_path, {"conference.yaml": extend("conference.yaml", f"subtitle: {value}\n")})
    build_and_check_fail(tmp_path, data, [f"conference.yaml:{NOTES_LINE}: subtitle: {message}"])


_PYTHON_TAG_SAID = ("is a Python tag: booklet's data files hold text, numbers, dates, lists and mappings, never Python "
                    "objects; remove the tag and write the value itself")


@pytest.mark.parametrize("value, tag", [
    ("!!python/object/apply:os.system ['true']", "!!python/object/apply:os.system"),  # was read as the list ['true']
    ("!!python/object:object {}", "!!python/object:object"),  # was "expected text, not a mapping"
    ("!!python/name:os.system", "!!python/name:os.system"),  # was "'' is not a valid !!os.system value"
])
def test_a_python_tag_is_an_error_that_names_it(tmp_path, value, tag):
    """A fuzzing run's `subtitle: !!python/object/apply:os.system ['true']` passed check and printed "true" (the tag
    dropped, nothing run); `!!python/name:os.system` was said to be no valid "!!os.system value"."""
    data = conference(tmp_path, {"conference.yaml": extend("conference.yaml", f"subtitle: {value}\n")})
    build_and_check_fail(tmp_path, data, [f"conference.yaml:{NOTES_LINE}: subtitle: '{tag}' {_PYTHON_TAG_SAID}"])


@pytest.mark.parametrize("value, said", [
    ("!!binary aGVsbG8=", "'!!binary' tags base64-encoded bytes"),  # printed "aGVsbG8=" as the subtitle
    ("!!set {a, b}", "'!!set' tags a set"),  # was "expected text, not a mapping"
    ("!!omap [a: 1]", "'!!omap' tags an ordered mapping"),
    ("!!pairs [a: 1]", "'!!pairs' tags a list of pairs"),
])
def test_a_yaml_tag_for_bytes_sets_or_pairs_is_an_error_that_names_it(tmp_path, value, said):
    """A fuzzing run's `room: !!binary aGVsbG8=` passed check and printed the base64 text as the room: booklet's data
    holds no bytes, sets or ordered pairs, so their tags are refused by name as a Python tag is."""
    data = conference(tmp_path, {"conference.yaml": extend("conference.yaml", f"subtitle: {value}\n")})
    build_and_check_fail(tmp_path, data, [f"conference.yaml:{NOTES_LINE}: subtitle: {said}: booklet's data files "
                                          "hold text, numbers, dates, lists and mappings; remove the tag and write "
                                          "the value itself"])


@pytest.mark.parametrize("value, tag, what", [
    ("!local [a, b]", "!local", "list"),  # printed the notes "a" and "b", the tag dropped
    ("!!map [a, b]", "!!map", "list"),  # a mapping's tag on a list: read as the list
    ("!!str [a, b]", "!!str", "list"),
    ("!<tag:example.com,2000:x> [a]", "!<tag:example.com,2000:x>", "list"),
    ("!local {text: a}", "!local", "mapping"),  # (quote: a mapping; notes: not one, said after the tag)
    ("!!seq {text: a}", "!!seq", "mapping"),
])
def test_a_tag_on_a_list_or_mapping_is_an_error_that_names_it(tmp_path, value, tag, what):
    """A fuzzing run's `notes: !local [a, b]` and `notes: !!map [a, b]` passed check and printed the notes, the tag
    dropped without a word, while `title: !local x` is an error: a tag on a list or a mapping is refused as on a
    value, by name (YAML's own `!!seq` on a list and `!!map` on a mapping are what YAML reads them as: accepted)."""
    key = "quote" if what == "mapping" else "notes"
    data = conference(tmp_path, {"conference.yaml": extend("conference.yaml", f"{key}: {value}\n")})
    build_and_check_fail(tmp_path, data, [f"conference.yaml:{NOTES_LINE}: {key}: '{tag}' tags the {what}: "
                                          "booklet's data files hold text, numbers, dates, lists and mappings, "
                                          f"without tags; remove the tag and write the {what} itself"])


@pytest.mark.parametrize("key, value", [("notes", "!!seq [a, b]"), ("quote", "!!map {text: a}")])
def test_yaml_own_tag_on_a_list_or_mapping_is_accepted(tmp_path, key, value):
    data = conference(tmp_path, {"conference.yaml": extend("conference.yaml", f"{key}: {value}\n")})
    result = invoke("check", data)
    assert result.exit_code == 0, result.stderr


_BOM_SAID = ("YAML syntax error: a byte order mark (U+FEFF, an invisible mark an editor may write at a file's start) "
             "at column 1: YAML reads one only at the start of the file (were two files joined?); remove it")


def test_a_byte_order_mark_inside_a_file_is_an_error_at_its_line(tmp_path):
    """A fuzzing run's conference.yaml with a byte order mark before a key in its middle (two files joined, each
    saved with one) was told "conference.yaml:1: YAML syntax error: the file cannot be read as YAML"."""
    data = conference(tmp_path, {"conference.yaml": extend("conference.yaml", "\ufeffsubtitle: Joined\n")})
    build_and_check_fail(tmp_path, data, [f"conference.yaml:{NOTES_LINE}: {_BOM_SAID}"])


def test_two_abstract_files_joined_with_their_byte_order_marks_are_an_error_at_the_second(tmp_path):
    """`cat a.yaml b.yaml > abstracts.yaml` of two files saved with a byte order mark: the first is the file's own
    (taken off), the second an error at its line."""
    second = "\ufeff- id: joined\n  title: Joined\n  speaker: {name: Ana Smith}\n"
    data = conference(tmp_path, {"abstracts.yaml": "\ufeff" + BASE["abstracts.yaml"] + second})
    build_and_check_fail(tmp_path, data, [f"abstracts.yaml:{base_lines('abstracts.yaml') + 1}: {_BOM_SAID}"])


@pytest.mark.parametrize("key, held, them", [
    ("sub\u200btitle", "U+200B, which shows", "it"),  # a zero-width space, pasted from a web page
    ("\u2060subtitle\u00a0", "U+00A0, U+2060, which show", "them"),  # a word joiner and a no-break space
])
def test_an_unknown_key_names_the_characters_in_it_that_show_as_nothing(tmp_path, key, held, them):
    """A fuzzing run's `sub<U+200B>title:` was told "unknown key 'sub​title' (did you mean 'subtitle'?)", a riddle: the
    two look alike. The message names the character that shows as nothing."""
    data = conference(tmp_path, {"conference.yaml": extend("conference.yaml", f"{key}: An Addendum\n")})
    result = invoke("check", data)
    assert result.exit_code == 1
    assert f"conference.yaml:{NOTES_LINE}: {key}: unknown key '{key}' (it holds {held} as nothing or as a space: " \
           f"type the key again without {them}) (did you mean 'subtitle'?); the keys here are title, " in result.stderr


def test_emphasis_never_runs_from_one_speaker_name_into_the_next(tmp_path):
    data = conference(tmp_path, {"abstracts.yaml": BASE["abstracts.yaml"].replace(
        "    - {name: Bo Jones}", "    - {name: Bo Jones, presenting: true}").replace(
        "{name: Chiamaka Okafor, affiliation: Uni B, presenting: true}",
        "{name: \"Chiamaka *Okafor\", affiliation: Uni B, presenting: true}").replace(
        "{name: Bo Jones, presenting: true}", "{name: \"Bo* Jones\", presenting: true}")})
    out = tmp_path / "b.pdf"
    assert invoke("build", data, "-o", out).exit_code == 0
    programme = Pdf(out).pages_with("Hierarchical models")[0]
    assert "Chiamaka *Okafor, Bo* Jones" in Pdf(out).texts[programme]  # as written, not emphasised across names


def test_a_build_stopped_by_sigterm_leaves_no_temporary_file_and_the_old_output_as_it_was(tmp_path):
    """`timeout` or `kill` (SIGTERM) stops a build as Ctrl-C does: the output it was writing (a hidden temporary
    file beside it, and the separate cover's) is removed, the booklet that was there is left as it was."""
    import shutil
    import signal
    import time
    from pathlib import Path

    data = tmp_path / "data"
    shutil.copytree(Path(__file__).resolve().parent.parent / "data", data)
    out = tmp_path / "out"
    out.mkdir()
    (out / "booklet.pdf").write_bytes(b"%PDF- the last good booklet")
    env = {**os.environ, "BOOKLET_CACHE": "off"}
    for _ in range(5):  # (a build that ends between its temporary file seen and the signal sent: again)
        process = subprocess.Popen([sys.executable, "-m", "booklet", "build", str(data), "-o",
                                    str(out / "booklet.pdf"), "--cover", "separate"], stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, env=env)
        deadline = time.monotonic() + 60
        while not [p for p in out.iterdir() if p.name.startswith(".")] and process.poll() is None:
            assert time.monotonic() < deadline, "no temporary file seen"
            time.sleep(0.002)
        assert [p for p in out.iterdir() if p.name.startswith(".")] or process.returncode == 0, "none seen"
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=60)
        if process.returncode != 0:
            break
        for made in out.iterdir():  # (it wrote the booklet: the last good one put back)
            made.unlink()
        (out / "booklet.pdf").write_bytes(b"%PDF- the last good booklet")
    assert process.returncode == 143, stderr.decode()  # (it was 1, bad input's status, and Click's "Aborted!")
    assert stderr.decode().endswith("booklet: stopped (SIGTERM) before it was done; no file was left half-written.\n")
    assert sorted(p.name for p in out.iterdir()) == ["booklet.pdf"], stderr.decode()
    assert (out / "booklet.pdf").read_bytes() == b"%PDF- the last good booklet"


def test_a_file_name_too_long_for_the_file_system_is_an_error_at_its_key(tmp_path):
    """A logo or an extra page named with 400 letters (more than a file name may hold) was reported as "booklet:
    cannot write ...: File name too long", a read taken for a write, without file, line or key; a logo that is a
    loop of links stopped check with an internal error."""
    long = "a" * 400
    data = write_conference(tmp_path / "conf", {"conference.yaml": extend("conference.yaml", f"""\
        logo: {long}.png
        extra_pages:
          - {{file: {long}.pdf}}
        """)})
    (data / "loop").symlink_to("loop2")
    (data / "loop2").symlink_to("loop")
    looping = write_conference(tmp_path / "loop",
                               {"conference.yaml": extend("conference.yaml", "logo: ../conf/loop\n")})
    result = invoke("check", looping)
    assert result.exit_code == 1 and result.stderr.splitlines()[0] == (
        "conference.yaml:5: logo: '../conf/loop': cannot be read (a loop of symbolic links)")
    result = invoke("check", data)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"conference.yaml:5: logo: '{long[:60]}\u2026{long[:16]}.png' (404 characters): cannot be read (File name too "
        "long)",
        f"conference.yaml:7: extra_pages[0].file: '{long[:60]}\u2026{long[:16]}.pdf' (404 characters): cannot be read "
        "(File name too long)"]  # (a name of more than 300 characters: its start and end)
    assert result.stdout == f"{data}: 2 errors, 0 warnings.{LATER}\n"


def test_a_proofs_pngs_that_would_replace_an_image_of_the_data_are_refused(tmp_path):
    """`booklet proof ID DATA -o DATA/images/p.pdf --png` writes p-1.png, ... beside it (and removes an earlier
    proof's p-N.png): one that is an image the data names is refused, before anything is built or written."""
    import io

    from PIL import Image

    from .test_bad_data import with_photo

    buffer = io.BytesIO()
    Image.new("RGB", (300, 375), (90, 120, 60)).save(buffer, "PNG")
    data = conference(tmp_path, {"abstracts.yaml": with_photo("images/p-1.png"), "images/p-1.png": buffer.getvalue(),
                                 "programme.yaml": None})
    before = {p: p.read_bytes() for p in data.rglob("*") if p.is_file()}
    result = invoke("proof", "okafor", data, "-o", data / "images" / "p.pdf", "--png")
    assert result.exit_code == 1
    assert result.stderr == (f"booklet: will not write {data / 'images' / 'p-1.png'}: it is an image the data names "
                             f"in {data}; choose another output; nothing was written.\n")
    assert {p: p.read_bytes() for p in data.rglob("*") if p.is_file()} == before
    # without --png too: a proof removes the PNGs an earlier proof of its name left beside it (a fuzzing review
    # found `proofs --out DATA/images` removed the photo images/okafor-2.png)
    result = invoke("proof", "okafor", data, "-o", data / "images" / "p.pdf")
    assert result.exit_code == 1
    assert result.stderr == (f"booklet: will not write {data / 'images' / 'p-1.png'}: it is an image the data names "
                             f"in {data}; choose another output; nothing was written.\n")
    assert {p: p.read_bytes() for p in data.rglob("*") if p.is_file()} == before


def _one_page_pdf() -> bytes:
    import io

    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(420, 595))
    canvas.drawString(72, 500, "Venue map")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def test_proofs_that_would_replace_a_page_the_data_names_are_refused(tmp_path):
    """`booklet proofs DATA --out DATA/images`, where the abstract okafor's proof (okafor.pdf) would replace the
    venue map of an extra page: refused, and nothing written or changed."""
    data = conference(tmp_path, {"conference.yaml": extend("conference.yaml", "extra_pages: [{file: images/okafor.pdf}]\n"),
                                 "images/okafor.pdf": _one_page_pdf()})
    before = {p: p.read_bytes() for p in data.rglob("*") if p.is_file()}
    result = invoke("proofs", data, "--out", data / "images")
    assert result.exit_code == 1
    assert result.stderr == (f"booklet: will not write {data / 'images' / 'okafor.pdf'}: it is an extra page the "
                             f"data names in {data}; choose another output; nothing was written.\n")
    assert {p: p.read_bytes() for p in data.rglob("*") if p.is_file()} == before
    assert invoke("proofs", data, "--out", tmp_path / "proofs").exit_code == 0
    assert (tmp_path / "proofs" / "okafor.pdf").is_file()


@pytest.mark.parametrize("how", ["folder", "file"])
def test_proofs_that_would_replace_a_page_the_data_names_through_a_link_are_refused(tmp_path, how):
    """The same, with `--out` a link to the data's images folder, or with okafor.pdf there a link to the venue map
    (the proofs' folder is resolved once for all its files; a file that is a link, whole)."""
    data = conference(tmp_path, {"conference.yaml": extend("conference.yaml", "extra_pages: [{file: images/okafor.pdf}]\n"),
                                 "images/okafor.pdf": _one_page_pdf()})
    out = tmp_path / "proofs"
    if how == "folder":
        out.symlink_to(data / "images")
    else:
        out.mkdir()
        (out / "okafor.pdf").symlink_to(data / "images" / "okafor.pdf")
    before = {p: p.read_bytes() for p in data.rglob("*") if p.is_file()}
    result = invoke("proofs", data, "--out", out)
    assert result.exit_code == 1
    assert result.stderr == (f"booklet: will not write {out / 'okafor.pdf'}: it is an extra page the data names in "
                             f"{data}; choose another output; nothing was written.\n")
    assert {p: p.read_bytes() for p in data.rglob("*") if p.is_file()} == before
    assert (out / "okafor.pdf").resolve() == data / "images" / "okafor.pdf"


def test_a_preview_never_replaces_or_removes_an_image_the_data_names(tmp_path):
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (300, 300), (90, 120, 60)).save(buffer, "PNG")
    logo = buffer.getvalue()
    data = conference(tmp_path, {"conference.yaml": extend("conference.yaml", "logo: images/page-01.png\n"),
                                 "images/page-01.png": logo})
    result = invoke("preview", data, "--out", data / "images")
    assert result.exit_code == 1
    assert result.stderr.endswith(f"booklet: will not write {data / 'images' / 'page-01.png'}: it is an image the "
                                  f"data names in {data}; choose another output; nothing was written.\n")
    assert (data / "images" / "page-01.png").read_bytes() == logo
    assert sorted(p.name for p in (data / "images").iterdir()) == ["page-01.png"]

    (data / "images" / "page-01.png").rename(data / "images" / "page-99.png")  # no page of the booklet's ...
    (data / "conference.yaml").write_text(extend("conference.yaml", "logo: images/page-99.png\n"), "utf-8")
    result = invoke("preview", data, "--out", data / "images")
    assert result.exit_code == 0, result.output
    assert (data / "images" / "page-99.png").read_bytes() == logo  # ... but the data's: not removed as an old one
    assert "page-01.png" in {p.name for p in (data / "images").iterdir()}


def test_a_cover_title_of_two_lines_is_balanced_not_a_word_alone_on_the_last(tmp_path):
    """"Synthetic Statistics & the Sky / 500" (the generated 500-talk book): the title's and the subtitle's
    lines are now about as long as one another; one line stays as it is."""
    from booklet.build import build_booklet

    data = conference(tmp_path, {"conference.yaml": BASE["conference.yaml"].replace(
        "title: Test Conference", "title: Synthetic Statistics & the Sky 500\nsubtitle: A benchmark conference "
        "generated by booklet's bench/generate.py")})
    pdf = Pdf(build_booklet(data, tmp_path / "b.pdf").output)
    lines = pdf.lines(0)
    assert lines[:4] == ["Synthetic Statistics", "& the Sky 500", "A benchmark conference generated",
                         "by booklet\u2019s bench/generate.py"]
    data = conference(tmp_path / "b", {"conference.yaml": BASE["conference.yaml"].replace(
        "title: Test Conference", "title: Internationalisation Workshop 2027")})
    pdf = Pdf(build_booklet(data, tmp_path / "b.pdf").output)  # (narrower, it cut "Internationalisatio / n")
    assert pdf.lines(0)[:2] == ["Internationalisation", "Workshop 2027"]


@pytest.mark.parametrize("paper", ["A5", "A4", "B5"])
def test_a_cover_titles_word_wider_than_the_page_is_set_smaller_not_cut(tmp_path, paper):
    """A German title's compound wider than the cover in the title's type ("Wahrs / cheinlichkeits...", a review)
    is set in smaller type, until it fits whole; the rest of the cover keeps its size."""
    from booklet.build import build_booklet

    title = "Internationale Arbeitstagung über Wahrscheinlichkeitstheoretische Grundlagen der Quantenfeldtheorie"
    data = conference(tmp_path, {"conference.yaml": BASE["conference.yaml"].replace(
        "title: Test Conference", f"title: {title}")})
    pdf = Pdf(build_booklet(data, tmp_path / "b.pdf", page_size=paper).output)
    lines = pdf.lines(0)
    assert "Wahrscheinlichkeitstheoretische" in " ".join(lines).split()
    assert [line for line in lines if "Wahrscheinlichkeitstheoretische" in line]
    assert " ".join(lines).count(" ") >= title.count(" ")  # no word run into another


def test_aliases_of_aliases_share_what_they_name_and_text_with_stars_alone_is_read_by_libyaml(tmp_path, monkeypatch):
    """An alias's value is reported at its line by a copy of the value's top, its contents shared: ten levels of
    ten aliases each ("billion laughs") stay as small as the text (a deep copy each took minutes). Text with
    Markdown's *emphasis* and no anchor is read by libyaml, not PyYAML's Python parser (twenty times slower)."""
    from booklet.data import load

    text = "a0: &a0 [x, x]\n" + "".join(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]\n" for i in range(1, 11))
    (tmp_path / "t.yaml").write_text(text)
    value = load.load_file(tmp_path / "t.yaml", "t.yaml", [])
    assert value["a10"][0][0] is value["a10"][1][0]  # (what two aliases of a9 hold: one list)
    assert value["a10"].lines == [11] * 10
    monkeypatch.setattr(load, "_alias_loader", lambda: pytest.fail("the Python parser"))
    (tmp_path / "m.yaml").write_text("- abstract: It is *very* quick, *and* kept.\n")
    assert load.load_file(tmp_path / "m.yaml", "m.yaml", []) == [{"abstract": "It is *very* quick, *and* kept."}]


def test_the_back_covers_quote_of_two_lines_is_balanced_and_centred(tmp_path):
    """A review: "...only half a / sentence." (a word alone on the quote's last line, in the modern theme's type); the
    quote's lines are balanced as a title's are, and stay centred on the page."""
    from booklet.build import build_booklet

    files = {"conference.yaml": BASE["conference.yaml"] + 'quote:\n  text: "A measurement without an error bar is '
                                                          'only half a sentence."\n  author: Edvard Lunde\n',
             "theme.yaml": "base: modern\n"}
    result = build_booklet(conference(tmp_path, files), tmp_path / "b.pdf")
    pdf = Pdf(result.output)
    lines = [line for line in pdf.lines(len(pdf) - 1) if line.strip()]
    first, second = lines[0], lines[1]
    assert len(second.split()) >= 3 and abs(len(first) - len(second)) < 12, lines[:2]
    import pypdfium2 as pdfium

    page = pdfium.PdfDocument(str(result.output))[len(pdf) - 1]
    text, width = page.get_textpage(), page.get_width()
    for line in (first, second):
        start, count = text.search(line.strip()[:12], match_case=True).get_next()
        left = text.get_charbox(start)[0]
        right = text.get_charbox(start + len(line.strip()) - 1)[2]
        assert abs((left + right) / 2 - width / 2) < 3, (line, left, right, width)


def test_the_back_covers_title_of_two_lines_is_balanced_not_a_word_alone_on_the_last(tmp_path):
    """A typesetter's review (SIGDIAL 2020): the back cover's title, centred, read "Annual Meeting of the Special
    Interest Group on Discourse and / Dialogue"; its lines are balanced as the front cover's and the quote's are."""
    from booklet.build import build_booklet

    title = "Annual Meeting of the Special Interest Group on Discourse and Dialogue"
    data = conference(tmp_path, {"conference.yaml": BASE["conference.yaml"].replace(
        "title: Test Conference", f"title: {title}")})
    pdf = Pdf(build_booklet(data, tmp_path / "b.pdf").output)
    lines = [line.strip() for line in pdf.lines(len(pdf) - 1) if line.strip()]
    assert lines == ["Annual Meeting of the Special Interest", "Group on Discourse and Dialogue"]


def test_a_committee_heading_at_the_top_of_a_page_stands_where_the_pages_text_begins(tmp_path):
    """A typesetter's review (SIGDIAL 2020, p. 7): where the committee before it ended at a page's foot, the space
    between two committees went over to the next page, and "Invited Speakers" stood 15 pt below where a page's text
    begins ("Program Committee (continued)" on the pages before), its own space above kept under it. The space
    between committees is dropped at the top of a page, as a heading's space above is."""
    import pypdfium2 as pdfium

    from booklet.build import build_booklet

    def committee(name, count, extra=", affiliation: 'University of Somewhere, Country'"):
        return f"  - name: {name}\n    members:\n" + "".join(
            f"      - {{name: {name.split()[0]} Member{i}{extra}}}\n" for i in range(count))

    chairs = ", affiliation: 'University of Somewhere, Country', role: Chair"
    text = BASE["conference.yaml"] + "committees:\n" + committee("Organizing Committee", 9, chairs) + committee(
        "Officers", 5, chairs) + committee("Senior Committee", 8) + committee("Program Committee", 113) + committee(
        "Secondary Reviewers", 4, "") + committee("Invited Speakers", 3)
    result = build_booklet(conference(tmp_path, {"conference.yaml": text}), tmp_path / "b.pdf")
    document = pdfium.PdfDocument(str(result.output))

    def tops(starting):
        found = []
        for index in range(len(document)):
            page = document[index]
            textpage, height = page.get_textpage(), page.get_height()
            for k in range(textpage.count_rects()):
                box = textpage.get_rect(k)
                if textpage.get_text_bounded(*box).startswith(starting):
                    found.append((index, round(height - box[3], 1)))
        return found

    (reviewers_page, reviewers_top), = tops("Secondary Reviewers")
    (invited_page, invited_top), = tops("Invited Speakers")
    continued = tops("Program Committee (continued)")
    assert invited_page == reviewers_page + 1 and len(continued) >= 2  # (the case: the space fell at the page's foot)
    assert {top for _, top in continued} == {invited_top}, (continued, invited_top)


def first_line_at(path, starting: str) -> list[tuple[int, float, float]]:
    """(page index, baseline, size) of the first glyph of each page whose text starts with `starting`."""
    from .mathpdf import glyphs, page_text

    return [(index, page[0].y, page[0].size) for index, page in enumerate(glyphs(path))
            if page and page_text(page).startswith(starting)]


def text_begins(size: float) -> float:
    """The baseline, in the PDF's coordinates (the build's default bleed of 3 mm around the trim), of a line of type
    `size` that begins an A5 page's text: a paragraph at the top of the frame."""
    from reportlab.lib.units import mm

    from booklet.layout.page import page_for

    page = page_for("A5")
    return page.height - page.top + 3 * mm - size


def _places_conference(tmp_path, long_notes: int):
    """A conference of 22 places on its page of practical information, the first `long_notes` with a note of two
    lines (place 9 then ends a page)."""
    note = "Room for session, a long note that runs on to a second line of the page, with more words, and yet more " \
           "words to be sure that it takes two lines of the page"
    places = "places:\n" + "".join(f"  - {{name: Place {i:02d}, address: 'Street {i}, Town', "
                                    f"note: '{note if i < long_notes else 'Room for session'} {i}'}}\n"
                                    for i in range(22))
    return conference(tmp_path, {"conference.yaml": BASE["conference.yaml"] + places})


def test_a_place_at_the_top_of_a_page_stands_where_the_pages_text_begins(tmp_path):
    """A typesetter's review: where a place on the page of practical information ended at a page's foot, the space
    after it went over to the next page and pushed the next place down (7.5 pt below where a page's text begins).
    The space between two places is dropped at the top of a page."""
    from booklet.build import build_booklet

    data = _places_conference(tmp_path, long_notes=1)
    result = build_booklet(data, tmp_path / "b.pdf")
    pdf = Pdf(result.output)
    (page, baseline, size), = first_line_at(result.output, "Place10")
    assert "Street 9, Town" in pdf.texts[page - 1]  # (the case: place 9 ended the page before, its space after it)
    assert baseline == pytest.approx(text_begins(size), abs=0.01)


def test_a_places_name_and_note_never_end_a_page_without_its_address(tmp_path):
    """A typesetter's review: a place on the page of practical information was cut by a page break after its name, or
    its name and note, its address alone at the top of the next page ("Street 9, Town"). A place moves on whole."""
    from booklet.build import build_booklet

    data = _places_conference(tmp_path, long_notes=2)
    result = build_booklet(data, tmp_path / "b.pdf")
    pdf = Pdf(result.output)
    pages = [index for index, text in enumerate(pdf.texts) if "Street" in text]
    assert len(pages) >= 2
    for index in pages[1:]:
        first = next(line for line in pdf.lines(index) if line.startswith(("Place ", "Room ", "Street ")))
        assert first.startswith("Place "), pdf.lines(index)[:3]
    for i in range(22):
        (page,) = pdf.pages_with(f"Place {i:02d}")
        assert f"Street {i}, Town" in pdf.texts[page], i


def test_a_presenter_who_opens_the_page_a_tutorial_runs_onto_stands_where_that_pages_text_begins(tmp_path):
    """A typesetter's review: where a tutorial's presenter ended at a page's foot with less room under it than the
    space before the next presenter, that space went over to the next page and set the next presenter 6 pt lower under
    "Bayesian inference (continued)" than where the text of such a page begins (where the space stayed at the foot of
    the page before). The space between two presenters is dropped at the top of a page a tutorial runs onto."""
    from booklet.build import build_booklet

    from .mathpdf import glyphs, page_text

    bio = "Works on inference and teaches it. " * 3
    presenters = "".join(f"    - {{name: Presenter {i:02d}, affiliation: NBI, bio: '{bio}'}}\n" for i in range(10))

    def under_heading(description: str) -> tuple[str, float]:
        """The presenter who opens the page the tutorial runs onto, and how far below its heading's baseline."""
        text = f"- id: bayes-intro\n  title: Bayesian inference\n  description: '{description}'\n  presenters:\n"
        folder = tmp_path / str(len(description))
        result = build_booklet(conference(folder, {"tutorials.yaml": text + presenters}), folder / "b.pdf")
        (page,) = [page for page in glyphs(result.output) if page_text(page).startswith("Bayesianinference(continued)")]
        at = page_text(page).index("Presenter")
        return page_text(page)[at:at + 11], page[0].y - page[at].y

    (moved, below), (_, below_as_text_begins) = under_heading("A course. " * 41), under_heading("A course. " * 2)
    assert moved == "Presenter05"  # (the case: the space before it did not fit at the foot of the page before)
    assert below == pytest.approx(below_as_text_begins, abs=0.01)  # (17.6 pt, not 23.6)


def test_a_covers_type_is_in_proportion_to_its_page_and_its_tagline_a_measure_a_reader_takes_in(tmp_path):
    """A typesetter's review: on A4 the cover's title was 1.1 times its A5 size on a page 1.4 times as wide, and
    the tagline ran about 125 characters a line across it."""
    from booklet.layout.cover import TAGLINE_MEASURE, cover_text, text_top
    from booklet.layout.page import page_for
    from booklet.model import Conference

    conference = Conference(title="Stars, Signals & Statistics", venue="Brannvik", start=None, end=None,
                            tagline="Five days in which astronomers meet. " * 6)
    sizes, measures = {}, {}
    for name in ("A5", "B5", "A4", "letter"):
        page = page_for(name)
        parts, _ = cover_text(conference, page, text_top(page, "band"))
        styles = {key: style for key, _, style, *_ in parts}
        sizes[name] = styles["title"].fontSize / page.width
        measures[name] = (page.text_width - styles["tagline"].rightIndent) / styles["tagline"].fontSize
    assert max(sizes.values()) / min(sizes.values()) < 1.1  # the title's size as a share of the page's width
    assert all(measure <= max(TAGLINE_MEASURE, measures["A5"]) + 0.01 for measure in measures.values())


def test_a_long_cover_text_runs_down_beside_a_bottom_right_logo_rather_than_shrink(tmp_path):
    """A typesetter's review: with the logo at the bottom right, a long title and tagline were shrunk to 14 pt and
    5.7 pt above the logo's strip, room beside the logo left empty (18.4 pt with the logo at the top). The text runs
    down beside the logo, narrower by it, when that shrinks it less; it never reaches into the logo's box."""
    import pypdfium2 as pdfium

    from booklet.build import build_booklet
    from booklet.layout.cover import LOGO_SIZE, cover_fit, cover_text, logo_box, text_top
    from booklet.layout.textfit import fit_scaled
    from booklet.layout.page import page_for
    from booklet.data.validate import read_booklet

    text = BASE["conference.yaml"].replace("title: Test Conference", "title: Synthetic Statistics & the Sky") + (
        "subtitle: A benchmark conference of generated data, fictional people and places\n"
        "tagline: " + " ".join(["We show that ignoring selection effects biases the inferred constant."] * 5) + "\n"
        "logo: images/logo.png\n")
    from PIL import Image

    scales = {}
    for place in ("bottom-right", "top-left"):
        folder = write_conference(tmp_path / place, {"conference.yaml": text,
                                                      "theme.yaml": f"cover: {{logo: {place}}}\n"})
        (folder / "images").mkdir(exist_ok=True)
        Image.new("RGB", (200, 200), (20, 60, 160)).save(folder / "images" / "logo.png")
        booklet, _ = read_booklet(folder)
        page = page_for("A5")
        scales[place] = cover_fit(booklet.conference, page, booklet.theme)[0]
        if place == "bottom-right":  # (what setting it above the logo's strip across the page would shrink it to)
            top = text_top(page, booklet.theme.cover_style)
            parts, strip = cover_text(booklet.conference, page, top, booklet.theme)
            scales["strip"] = fit_scaled([part[1:] for part in parts], page.text_width, top - strip)[2]
            out = build_booklet(folder, tmp_path / "b.pdf").output
            doc = pdfium.PdfDocument(str(out))
            cover = doc[0].get_textpage()
            x, y = logo_box(page, booklet.theme)
            bleed = 3 * 72 / 25.4
            for i in range(cover.count_chars()):
                left, bottom, right, top = cover.get_charbox(i)
                overlaps = right - bleed > x and left - bleed < x + LOGO_SIZE and bottom - bleed < y + LOGO_SIZE
                assert not overlaps, cover.get_text_range(i, 1)
    assert scales["strip"] < 0.95 and scales["bottom-right"] > scales["strip"] + 0.05, scales


@pytest.mark.parametrize("value, said", [
    ("!!timestamp 2024-01-01", "'!!timestamp' tags a date"),  # passed check, printed "2024-01-01"
    ("&s !!int 5", "'!!int' tags a whole number"),  # (after an anchor) passed check, printed "5"
    ("!!float 1.5", "'!!float' tags a number"),
    ("!!bool yes", "'!!bool' tags a true/false value"),
    ("!!null A subtitle", "'!!null' tags an empty value"),  # passed check, printed no subtitle
])
def test_a_tag_that_makes_a_text_key_other_than_text_is_an_error_that_names_it(tmp_path, value, said):
    """`subtitle: !!timestamp 2024-01-01` passed check, printing the text as written, while any other tag booklet's
    text does not take is refused by name; `subtitle: !!null A subtitle` left the subtitle out silently. A tag
    written on a text key's value that makes it a date, a number, true/false or empty is an error naming the tag,
    file, line and key; the same value without the tag (or tagged !!str) is text as before."""
    data = conference(tmp_path, {"conference.yaml": extend("conference.yaml", f"subtitle: {value}\n")})
    build_and_check_fail(tmp_path, data, [f"conference.yaml:{NOTES_LINE}: subtitle: {said}, but subtitle is text: "
                                          "remove the tag and write the text"])
    plain = conference(tmp_path / "plain", {"conference.yaml": extend("conference.yaml", "subtitle: !!str 5\n")})
    assert invoke("check", plain).exit_code == 0


def test_a_tag_merged_into_a_text_key_is_refused_where_it_is_merged_too(tmp_path):
    """A tag making a text key no text, in a mapping merged into another (`<<: *tagged`), was refused where it is
    written but not in the mapping it was merged into, which took the date's text for its title; both are said."""
    first = base_lines("abstracts.yaml") + 1
    data = conference(tmp_path, {"abstracts.yaml": extend("abstracts.yaml", """
        - &tagged
          id: tagged
          title: !!timestamp 2024-01-01
          speaker: {name: Cy Lee}
        - <<: *tagged
          id: merged
        """)})
    said = "title: '!!timestamp' tags a date, but title is text: remove the tag and write the text"
    build_and_check_fail(tmp_path, data, [f"abstracts.yaml:{first + 3}: [2].{said}",
                                          f"abstracts.yaml:{first + 5}: [3].{said}"])


@pytest.mark.parametrize("key, tag", [
    ("!!binary aGVsbG8=", "'!!binary' tags base64-encoded bytes: booklet's data files hold text, numbers, dates, "
                          "lists and mappings; remove the tag and write the value itself"),  # was key 'aGVsbG8='
    ("? !!python/tuple [a, b]\n", f"'!!python/tuple' {_PYTHON_TAG_SAID}"),  # was "unknown key '?'"
])
def test_a_refused_tag_on_a_key_is_an_error_that_names_it(tmp_path, key, tag):
    """A Python or bytes tag on a mapping's key was not refused as on its value: `!!binary aGVsbG8=: v` was read as
    the key 'aGVsbG8=' (taken where any key is, said to be unknown elsewhere), `? !!python/tuple [a, b]` as the key
    '?'. Refused by name, at the key's file, line and key, as on a value."""
    data = conference(tmp_path, {"conference.yaml": extend("conference.yaml", f"{key}: v\n")})
    shown = "aGVsbG8=" if "binary" in key else "?"
    build_and_check_fail(tmp_path, data, [f"conference.yaml:{NOTES_LINE}: {shown}: {tag}"])


@pytest.mark.parametrize("value, line, where, said", [
    ("\n  - !!timestamp 2024-01-01", 1, "notes[0]", "'!!timestamp' tags a date, but notes holds text"),  # printed it
    ("\n  - Bring a towel\n  - !!null x", 2, "notes[1]", "'!!null' tags an empty value, but notes holds text"),
    (" !!null Bring a towel", 0, "notes", "'!!null' tags an empty value, but notes is text"),  # printed no notes
])
def test_a_tag_that_makes_an_item_of_a_text_list_other_than_text_is_an_error(tmp_path, value, line, where, said):
    """An item of a list of texts (conference.yaml's notes) tagged `!!timestamp` passed check and printed its text, as
    a text key's value did; `notes: !!null Bring a towel` printed no notes. Each is an error at the item's line."""
    data = conference(tmp_path, {"conference.yaml": extend("conference.yaml", f"notes:{value}\n")})
    build_and_check_fail(tmp_path, data, [f"conference.yaml:{NOTES_LINE + line}: {where}: {said}: remove the tag and "
                                          "write the text"])


@pytest.mark.parametrize("key, said", [("? [a, b]\n", "a list"), ("[a, b]", "a list"), ("? {a: 1}\n", "a mapping")])
def test_a_list_or_a_mapping_as_a_key_is_an_error_that_says_so(tmp_path, key, said):
    """YAML lets a list or a mapping be a key (`? [a, b]` or `[a, b]: v`): booklet read it as the key '?' and said it
    was an unknown key '?', naming a key nobody wrote. It says what the key is, at its line."""
    data = conference(tmp_path, {"conference.yaml": extend("conference.yaml", f"{key}: v\n")})
    build_and_check_fail(tmp_path, data, [f"conference.yaml:{NOTES_LINE}: ?: {said} as a key: a key is a name (text); "
                                          "write the key itself"])


@pytest.mark.parametrize("paper", ["A5", "A4"])
def test_a_cover_title_with_a_colon_breaks_after_it_each_part_balanced(paper):
    """A German A5 booklet of every option, looked at as a typesetter: its cover's title, balanced, read "Stochastische
    Verfahren / in der Teilchenphysik / und Kosmologie: Eine / Internationale Tagung", its subtitle's first word left
    on the main part's line; it breaks after the colon, as the book's other titles do, each part balanced on its own.
    The back cover's title too. A title whose break would take a line more, or without a colon, is as it was."""
    from booklet.layout.cover import TITLE_SCALE, cover_size, cover_style
    from booklet.layout.page import page_for
    from booklet.layout.textfit import fit_scaled
    from booklet.text.fonts import SANS, register_fonts

    register_fonts()
    page = page_for(paper)
    style = cover_style("title", SANS + "-Bold", cover_size(page) * TITLE_SCALE, None, None)

    def lines(title: str, width: float = page.text_width) -> list[str]:
        (para, _, _), = fit_scaled([(title, style, 0, True)], width, 10_000)[0]
        return [" ".join(w for w in (line[1] if isinstance(line, tuple) else [f.text for f in line.words]) if w.strip())
                .strip() for line in para.blPara.lines]

    assert lines("Stochastische Verfahren in der Teilchenphysik und Kosmologie: Eine Internationale Tagung") == [
        "Stochastische Verfahren", "in der Teilchenphysik", "und Kosmologie:", "Eine Internationale Tagung"]
    assert lines("Synthetic Statistics and the Sky 500") == ["Synthetic Statistics", "and the Sky 500"]
    assert lines("Bayes 2027: Inference and Computation") == ["Bayes 2027:", "Inference and Computation"]
    long = "Workshop: " + " ".join(["Internationale"] * 5)
    assert ":" not in lines(long)[0] or len(lines(long)) <= len(lines(long.replace(":", "")))


def test_a_cover_title_breaks_after_its_spaced_dash_and_its_french_colon_too():
    """A cover's title is markup, a spaced dash and a French colon held to the word before by a no-break space
    ("Kosmologie\u00a0– Eine", "particules\u00a0: une"): the cover's own pattern wanted an ordinary space there, and
    those titles broke as before ("und Kosmologie – Eine / Internationale Tagung"); they break after the dash or
    colon as the book's other titles do (paragraph.TITLE_BREAK), a range of years not."""
    from booklet.layout.cover import TITLE_SCALE, cover_size, cover_style
    from booklet.layout.page import page_for
    from booklet.layout.textfit import fit_scaled
    from booklet.text.fonts import SANS, register_fonts

    register_fonts()
    page = page_for("A5")
    style = cover_style("title", SANS + "-Bold", cover_size(page) * TITLE_SCALE, None, None)

    def lines(title: str) -> list[str]:
        (para, _, _), = fit_scaled([(title, style, 0, True)], page.text_width, 10_000)[0]
        return [" ".join(w for w in (line[1] if isinstance(line, tuple) else [f.text for f in line.words]) if w.strip())
                .replace("\u00a0", " ").strip() for line in para.blPara.lines]

    assert lines("Stochastische Verfahren in der Teilchenphysik und Kosmologie - Eine Internationale Tagung") == [
        "Stochastische Verfahren", "in der Teilchenphysik", "und Kosmologie \u2013", "Eine Internationale Tagung"]
    assert lines("Méthodes stochastiques en physique des particules : une rencontre") == [
        "Méthodes stochastiques en", "physique des particules :", "une rencontre"]
    assert lines("Die Jahre 1950 - 2000 der Teilchenphysik in Europa und der Welt")[0] == "Die Jahre 1950 \u2013 2000"
