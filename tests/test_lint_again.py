"""A lint after abstracts' texts alone were edited (booklet.lint.again) -> the last lint's findings taken where such an
edit cannot change them, the rest found again: exactly the findings of a whole lint of the edited data."""

from __future__ import annotations

import importlib.util
import random
import re
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import booklet.lint.fit
import booklet.lint.names
from booklet.check import read
from booklet.cli import main
from booklet.data.example import EXAMPLE
from booklet.layout.page import page_for
from booklet.lint import lint
from booklet.lint.again import lint_again

ROOT = Path(__file__).resolve().parent.parent
_TEXT_KEY = re.compile(r"^  abstract: \|$")


def _generated(folder: Path, talks: int, posters: int, seed: int) -> Path:
    """A conference made by the benchmark's generator (bench/generate.py)."""
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.generate(folder, talks=talks, posters=posters, seed=seed)
    return folder


def _texts(lines: list[str]) -> list[range]:
    """The lines (from 0) of each abstract's block text in abstracts.yaml as the generator writes it."""
    found = []
    for at, line in enumerate(lines):
        if _TEXT_KEY.match(line):
            end = at + 1
            while end < len(lines) and (lines[end].startswith("    ") or not lines[end].strip()):
                end += 1
            found.append(range(at + 1, end))
    return found


KEEPING = ("word", "placeholder", "empty", "long", "swap", "example")  # edits within texts that keep their lines
MOVING = ("line added", "line removed", "paragraph", "two texts")  # edits within texts that move the lines below
TAKING = (*KEEPING, *MOVING, "title")  # edits that take the last lint's findings of the checks that read neither
EDITS = (*TAKING, "comment", "author")


def _edit(lines: list[str], rng: random.Random, kind: str) -> None:
    """One edit of abstracts.yaml's `lines`, made in place, of `kind` (EDITS): in one text keeping its lines
    (KEEPING), or else."""
    text = rng.choice([text for text in _texts(lines) if any(lines[at].strip() for at in text)])
    if kind == "word":  # a word corrected
        at = rng.choice([at for at in text if lines[at].strip()])
        words = lines[at].split(" ")
        spot = rng.randrange(4, len(words))
        words[spot] = rng.choice(["posterior", "Zoë", "café", "a", "«non»", "TBA", "N.N."])
        lines[at] = " ".join(words)
    elif kind == "placeholder":  # the text replaced by a placeholder, blank lines after it
        lines[text.start:text.stop] = ["    TBA"] + [""] * (len(text) - 1)
    elif kind == "example":  # `booklet init`'s example abstract, left as it was
        written = ["    " + line for line in EXAMPLE["abstracts.yaml"][0]["abstract"].splitlines()]
        lines[text.start:text.stop] = (written + [""] * len(text))[:len(text)]
    elif kind == "empty":
        lines[text.start:text.stop] = [""] * len(text)
    elif kind == "long":  # far too long for a page, on as many lines
        lines[text.start:text.stop] = [lines[at] + (" " + lines[at].strip()) * 12 if 0 < len(lines[at]) < 200
                                       else lines[at] for at in text]
    elif kind == "swap":  # this text and another's exchanged, cut or padded to their lines
        other = rng.choice(_texts(lines))
        mine, theirs = lines[text.start:text.stop], lines[other.start:other.stop]
        lines[text.start:text.stop] = (theirs + [""] * len(mine))[:len(mine)]
        lines[other.start:other.stop] = (mine + [""] * len(theirs))[:len(theirs)]
    elif kind == "line added":  # every line below moves
        lines.insert(text.start, "    A sentence added above the others.")
    elif kind == "line removed":
        del lines[rng.choice(text)]
    elif kind == "paragraph":  # a paragraph break and a sentence after it, within the text or at its end
        at = rng.choice([*text, text.stop])
        lines[at:at] = ["", "    A paragraph added."]
    elif kind == "two texts":  # lines added to one text and a line removed from another, below or above it
        other = rng.choice([other for other in _texts(lines) if other != text])
        edits = [(text.start, text.start, ["    Two sentences added,", "    on lines of their own."]),
                 (other.stop - 1, other.stop, [])]
        for start, stop, new in sorted(edits, reverse=True):  # (the lower first: the upper's lines stay where they are)
            lines[start:stop] = new
    elif kind == "comment":  # a comment between two entries: outside any text, every line below moves
        at = rng.choice([at for at, line in enumerate(lines) if line.startswith("- ")][1:])
        lines.insert(at, "# checked")
    elif kind == "title":
        at = rng.choice([at for at, line in enumerate(lines[:-1]) if line.startswith("  title: ")
                         and re.match(r"  [a-z]+:|- ", lines[at + 1])])  # (a title on one line)
        name = rng.choice([line.split("name: ")[1] for line in lines if re.match(r"\s+(- )?name: \S", line)])
        lines[at] = "  title: " + rng.choice(["Hubble constant", "'The Sun''s corona'", "TBA", name])
    else:  # an author's name written as another's, a letter apart (a name variant), or a placeholder
        at = rng.choice([at for at, line in enumerate(lines) if re.match(r"\s+(- )?name: \S", line)])
        lines[at] = lines[at].split("name:")[0] + rng.choice(["name: Hiroshi Ortis", "name: TBA"])


def _plant_variant(folder: Path) -> None:
    """A poster by the last author of abstracts.yaml, the last two letters of the family name swapped: a name-variant
    finding about an abstract's author, in the programme order of names, and one about the poster's, naming the
    author's line ("first at abstracts.yaml:812"), which an edit above it moves."""
    name = re.findall(r"name: (\S+ \S+)\n", (folder / "abstracts.yaml").read_text(encoding="utf-8"))[-1]
    posters = folder / "posters.yaml"
    count = posters.read_text(encoding="utf-8").count("\n- number:")
    with posters.open("a", encoding="utf-8") as file:
        file.write(f"- number: {count + 1}\n  author: {name[:-2] + name[-1] + name[-2]}\n  title: A planted poster\n")


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_lint_after_random_edits_of_abstracts_finds_what_a_whole_lint_finds(tmp_path, monkeypatch, seed):
    """Random edits of a generated book's abstracts, one after another, each linted by lint_again (the last lint's
    note in the disk cache) and by a whole lint: the same findings, in the same order, at the same lines, every time.
    An edit within texts or to a title takes the last lint's findings of the checks that read neither (it measures
    the edited abstracts' lengths alone), and one that keeps the texts' lines runs no check of names; any other edit
    (a comment between entries, an author) lints the whole book."""
    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    folder = _generated(tmp_path / "conference", talks=24, posters=30, seed=seed)
    _plant_variant(folder)
    path, page, rng = folder / "abstracts.yaml", page_for("A5"), random.Random(seed)
    names_run, real_names = [], booklet.lint.names.check_names
    monkeypatch.setattr(booklet.lint.names, "check_names", lambda *a, **k: names_run.append(1) or real_names(*a, **k))
    measured, real_lengths = [], booklet.lint.fit.lengths_by_abstract
    monkeypatch.setattr(booklet.lint.fit, "lengths_by_abstract",
                        lambda *a, only=None, **k: measured.append(only) or real_lengths(*a, only=only, **k))
    kinds, found = [], set()
    edits = [*EDITS, *rng.sample(EDITS, 5)]  # (each kind once, some twice: 18 lints, as many as the test made before)
    for step, kind in enumerate([None, *rng.sample(edits, len(edits))]):
        if kind is not None:
            before = path.read_text(encoding="utf-8")
            lines = before.split("\n")
            _edit(lines, rng, kind)
            kinds.append(kind)
            path.write_text("\n".join(lines), encoding="utf-8")
            kind = kind if "\n".join(lines) != before else "word"  # (the same title or name again: nothing edited)
        booklet_, _ = read(folder)
        names_run.clear(), measured.clear()
        again = lint_again(booklet_, page, folder)
        took, kept = measured != [None], not names_run
        whole = lint(booklet_, page, folder)
        assert again == whole, (step, kinds)
        if kind is not None:
            assert took == (kind in TAKING), kinds
            assert kept or kind not in KEEPING, kinds
        found |= {p.kind for p in whole}
    assert {"name-variant", "too-long", "placeholder", "missing-text", "example"} <= found


def test_an_edit_outside_an_abstracts_text_lints_the_whole_book(tmp_path, monkeypatch):
    """A comment, a key's value or a line added in abstracts.yaml, or another file edited: every check runs again."""
    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    folder = _generated(tmp_path / "conference", talks=8, posters=4, seed=5)
    page, path = page_for("A5"), folder / "abstracts.yaml"
    names_run, real_names = [], booklet.lint.names.check_names
    monkeypatch.setattr(booklet.lint.names, "check_names", lambda *a, **k: names_run.append(1) or real_names(*a, **k))
    original = path.read_text(encoding="utf-8")
    affiliation = next(at for at, line in enumerate(original.split("\n")) if "affiliation: " in line)

    def edited(at: int, line: str) -> str:
        return line.replace("affiliation: ", "affiliation: Department of Physics, ", 1) if at == affiliation else line

    edits = {
        "an entry's kind": lambda: path.write_text(original.replace("kind: keynote", "kind: invited", 1),
                                                   encoding="utf-8"),
        "an affiliation": lambda: path.write_text("\n".join(edited(*numbered) for numbered in
                                                            enumerate(original.split("\n"))), encoding="utf-8"),
        "a comment": lambda: path.write_text(original.replace("# ", "# Checked: ", 1), encoding="utf-8"),
        "the programme": lambda: (folder / "programme.yaml").write_text(
            (folder / "programme.yaml").read_text(encoding="utf-8").replace("Coffee", "Tea"), encoding="utf-8"),
    }
    for what, edit in edits.items():
        lint_again(read(folder)[0], page, folder)  # the note of the data as it is
        edit()
        booklet_, _ = read(folder)
        names_run.clear()
        assert lint_again(booklet_, page, folder) == lint(booklet_, page, folder), what
        assert names_run, what  # (the whole lint)
        path.write_text(original, encoding="utf-8")


def test_a_build_after_one_abstract_corrected_reports_what_a_build_without_the_cache_does(tmp_path, monkeypatch):
    """`booklet build`, one abstract's text replaced by a placeholder, then built again: the warnings printed are those
    of the same build with the disk cache off, the placeholder's among them at its line."""
    folder = _generated(tmp_path / "conference", talks=10, posters=6, seed=7)
    path = folder / "abstracts.yaml"
    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    runner = CliRunner()
    first = runner.invoke(main, ["build", str(folder), "-o", str(tmp_path / "a.pdf")])
    assert first.exit_code == 0, first.output
    lines = path.read_text(encoding="utf-8").split("\n")
    text = _texts(lines)[3]
    lines[text.start:text.stop] = ["    TBA"] + [""] * (len(text) - 1)
    path.write_text("\n".join(lines), encoding="utf-8")
    again = runner.invoke(main, ["build", str(folder), "-o", str(tmp_path / "b.pdf")])
    monkeypatch.setenv("BOOKLET_CACHE", "off")
    cold = runner.invoke(main, ["build", str(folder), "-o", str(tmp_path / "c.pdf")])
    assert again.exit_code == cold.exit_code == 0
    assert again.output.replace("b.pdf", "c.pdf") == cold.output
    assert f"abstracts.yaml:{text.start}: [3].abstract: warning: 'TBA' is a placeholder" in again.output


def test_a_check_after_a_paragraph_added_to_an_abstract_moves_the_warnings_below_it(tmp_path, monkeypatch):
    """`booklet check`, a paragraph break and a sentence added to one abstract's text (two lines more), then checked
    again: the last lint's findings are taken (only the edited abstract's length measured again), each below the
    edit two lines further, as `booklet check` without the cache reports them: an author written 'TBA' in a later
    abstract among them."""
    folder = _generated(tmp_path / "conference", talks=10, posters=6, seed=7)
    path = folder / "abstracts.yaml"
    lines = path.read_text(encoding="utf-8").split("\n")
    at = max(at for at, line in enumerate(lines) if re.match(r"\s+(- )?name: \S", line))  # (the last author)
    lines[at] = lines[at].split("name:")[0] + "name: TBA"
    path.write_text("\n".join(lines), encoding="utf-8")
    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    runner = CliRunner()
    first = runner.invoke(main, ["check", str(folder)])
    assert re.search(rf"^abstracts.yaml:{at + 1}: \[9\]\.\S+: warning: 'TBA' is a placeholder", first.output, re.M)
    text = _texts(lines)[2]
    lines[text.start + 1:text.start + 1] = ["", "    A paragraph added."]
    path.write_text("\n".join(lines), encoding="utf-8")
    measured, real_lengths = [], booklet.lint.fit.lengths_by_abstract
    monkeypatch.setattr(booklet.lint.fit, "lengths_by_abstract",
                        lambda *a, only=None, **k: measured.append(only) or real_lengths(*a, only=only, **k))
    again = runner.invoke(main, ["check", str(folder)])
    assert measured == [{2}]  # (the note taken)
    monkeypatch.setenv("BOOKLET_CACHE", "off")
    cold = runner.invoke(main, ["check", str(folder)])
    assert again.exit_code == cold.exit_code == first.exit_code == 0
    assert again.output == cold.output != first.output
    assert re.search(rf"^abstracts.yaml:{at + 3}: \[9\]\.\S+: warning: 'TBA' is a placeholder", again.output, re.M)


def test_a_text_edit_that_makes_most_abstracts_short_lints_every_length_again(tmp_path, monkeypatch):
    """`layout: auto` flows the abstracts when most of them are short (layout.common.short_abstracts): one text made
    short turns the median, and every abstract's length warning changes with it ("longer than a whole page", not "runs
    onto a second page"), not only the edited one's."""
    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    folder = _generated(tmp_path / "conference", talks=13, posters=2, seed=11)
    path, page = folder / "abstracts.yaml", page_for("A5")
    lines = path.read_text(encoding="utf-8").split("\n")
    for text in _texts(lines)[:7]:  # seven of thirteen texts four times as long, the others short: the median is long
        lines[text.start:text.stop] = [line + (" " + line.strip()) * 3 if line.strip() else line
                                       for line in lines[text.start:text.stop]]
    for text in _texts(lines)[7:]:
        lines[text.start:text.stop] = ["    Short."] + [""] * (len(text) - 1)
    path.write_text("\n".join(lines), encoding="utf-8")
    before = lint_again(read(folder)[0], page, folder)
    assert before and all("runs onto" in p.message for p in before if p.kind == "too-long")
    shortened = _texts(lines)[0]  # the first made short again, on as many lines: six long of thirteen
    lines[shortened.start:shortened.stop] = ["    Short."] + [""] * (len(shortened) - 1)
    path.write_text("\n".join(lines), encoding="utf-8")
    booklet_ = read(folder)[0]
    after = lint_again(booklet_, page, folder)
    assert after == lint(booklet_, page, folder)
    assert [p.kind for p in after].count("too-long") < [p.kind for p in before].count("too-long")
    assert all("longer than a whole" in p.message for p in after if p.kind == "too-long")


def test_a_text_another_entry_merges_lints_that_entry_again_too(tmp_path, monkeypatch):
    """An abstract that takes its text and title from another entry (`<<: *first`, a merge key) changes with it: an
    edit to the first's text alone, on as many lines, gave the first its length warning and left the other's as the
    note had it (none). The texts and titles read are compared with the note's: one changed outside the lines edited
    lints the whole book."""
    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    folder = _generated(tmp_path / "conference", talks=8, posters=4, seed=5)
    path, page = folder / "abstracts.yaml", page_for("A5")
    text = path.read_text(encoding="utf-8")
    first = re.search(r"^- id: (\S+)$", text, re.M)
    text = text.replace(first[0], f"- &first\n  id: {first[1]}", 1)
    path.write_text(text + f"\n- <<: *first\n  id: {first[1]}-again\n", encoding="utf-8")
    assert not [p for p in lint_again(read(folder)[0], page, folder) if p.kind == "too-long"]
    lines = path.read_text(encoding="utf-8").split("\n")
    at = _texts(lines)[0].start
    lines[at] += " word" * 2500  # (the first's text far too long for a page, on as many lines)
    path.write_text("\n".join(lines), encoding="utf-8")
    booklet_ = read(folder)[0]
    again = lint_again(booklet_, page, folder)
    assert again == lint(booklet_, page, folder)
    assert [p.key for p in again if p.kind == "too-long"] == ["[0].abstract", "[8].abstract"]
    lines[at] = lines[at][:-len(" word" * 2500)]  # (the text as it was, then the first's title far too long)
    path.write_text("\n".join(lines), encoding="utf-8")
    lint_again(read(folder)[0], page, folder)
    title = next(line for line in range(at) if lines[line].startswith("  title: "))  # (the first's, which the other's is)
    lines[title] = "  title:" + " word" * 3000
    path.write_text("\n".join(lines), encoding="utf-8")
    booklet_ = read(folder)[0]
    again = lint_again(booklet_, page, folder)
    assert again == lint(booklet_, page, folder)
    assert [p.key for p in again if p.kind == "too-long"] == ["[0].title", "[8].title"]


def _overlapped(folder: Path) -> str:
    """The id of the first talk of the programme, the coffee break after it made to overlap it: an overlap warning
    that quotes the talk's title (its item has none of its own)."""
    programme = folder / "programme.yaml"
    schedule = programme.read_text(encoding="utf-8")
    first_talk = re.search(r"\{time: '09:00-09:20', talk: (\S+)\}", schedule)
    after = schedule.index("title: Coffee Break", first_talk.end())
    programme.write_text(schedule[:after].replace("'10:40-11:10'", "'09:10-11:10'") + schedule[after:],
                         encoding="utf-8")
    return first_talk[1]


def test_a_lint_after_titles_edited_runs_again_what_reads_titles(tmp_path, monkeypatch):
    """Abstracts' titles edited one after another: the programme's overlap warning quoting a talk's title, the
    programme title that is no short form of the abstract's, a title far too long for a page: each found as a whole
    lint finds it, the last lint's findings of the checks that read no title nor text taken (the lengths of the
    abstracts retitled alone measured again)."""
    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    folder = _generated(tmp_path / "conference", talks=8, posters=4, seed=5)
    path, page, programme = folder / "abstracts.yaml", page_for("A5"), folder / "programme.yaml"
    overlapped = _overlapped(folder)
    schedule = programme.read_text(encoding="utf-8")
    titled = re.findall(r"\{time: '[0-9:-]+', talk: (\S+)\}", schedule)[1]  # (given a programme title of its own)
    programme.write_text(schedule.replace(f"talk: {titled}}}", f"talk: {titled}, title: Galaxies}}"), encoding="utf-8")
    ids = re.findall(r"^- id: (\S+)$", path.read_text(encoding="utf-8"), re.M)
    measured, real_lengths = [], booklet.lint.fit.lengths_by_abstract
    monkeypatch.setattr(booklet.lint.fit, "lengths_by_abstract",
                        lambda *a, only=None, **k: measured.append(only) or real_lengths(*a, only=only, **k))
    lint_again(read(folder)[0], page, folder)
    long = " ".join(["word"] * 3000)
    for talk, title, kind, shown in [(overlapped, "Quasar survey", "overlap", "'Quasar survey'"),
                                     (titled, "Completely different", "title-mismatch", "'Completely different'"),
                                     (ids[-1], long, "too-long", "its title alone takes")]:
        text = path.read_text(encoding="utf-8")
        line = re.compile(r"^  title: .*$", re.M).search(text, text.index(f"- id: {talk}\n"))
        path.write_text(text[:line.start()] + f"  title: {title}" + text[line.end():], encoding="utf-8")
        booklet_ = read(folder)[0]
        measured.clear()
        again = lint_again(booklet_, page, folder)
        assert measured == [{ids.index(talk)}], kind  # (the note taken)
        assert again == lint(booklet_, page, folder), kind
        assert [p for p in again if p.kind == kind and shown in p.message], kind


@pytest.mark.parametrize("value, alone", [
    ("Hubble constant", True), ("'The Sun''s corona'", True), (r'"A \"quoted\" word"', True), ("'It''s'''", True),
    ("'It''s", False), ("'It'' ", False), (r'"Open \"', False), ('"Open', False), ("&title Anchored", False),
    ("*title", False), ("|", False), ("[a, b", False), ("!!str Tagged", False), ('"Closed" # and a comment', False)])
def test_a_title_edited_alone_ends_on_its_line(value, alone):
    """A title whose line a lint takes as edited alone ends on it: one in quotes left open takes in the lines after it
    (another key, another entry), an anchor or a tag says more than the title."""
    import yaml

    from booklet.lint.again import _one_line

    assert _one_line(value) == alone
    if alone:  # (as YAML reads it: the title, and the key after it)
        assert list(yaml.safe_load(f"title: {value}\nnext: 1\n")) == ["title", "next"]


def test_lines_that_look_like_a_text_within_a_title_in_quotes_are_the_title(tmp_path, monkeypatch):
    """A title in double quotes over three lines, the second `  abstract: |`, the third indented deeper: the title is
    all three, not a text; an edit to the third edits the title, which the programme's overlap warning quotes (the
    talk's item has no title of its own). The lines were taken for an abstract's text and the warning for what it
    was: the words of each text edited are compared with its abstract's text as read."""
    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    folder = _generated(tmp_path / "conference", talks=8, posters=4, seed=5)
    path, page = folder / "abstracts.yaml", page_for("A5")
    text = path.read_text(encoding="utf-8")
    entry = text.index(f"- id: {_overlapped(folder)}\n")
    title = re.compile(r"^  title: .*$", re.M).search(text, entry)
    path.write_text(text[:title.start()] + '  title: "Quasar survey\n  abstract: |\n    methods"' + text[title.end():],
                    encoding="utf-8")
    lint_again(read(folder)[0], page, folder)
    path.write_text(path.read_text(encoding="utf-8").replace('    methods"', '    results"'), encoding="utf-8")
    booklet_ = read(folder)[0]
    again = lint_again(booklet_, page, folder)
    assert again == lint(booklet_, page, folder)
    assert [p.message for p in again if p.kind == "overlap" and "'Quasar survey abstract: | results'" in p.message]


def test_a_file_edited_while_the_booklet_was_linted_leaves_no_note(tmp_path, monkeypatch):
    """A lint finds what the booklet as read holds; an abstracts.yaml saved after reading began (a build under way, an
    author written 'TBA') was kept in the note with those findings, and the next lint of the data as it is took them:
    no placeholder found at the name. A note is kept only when no file it stands for changed since reading began
    (`started`)."""
    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    folder = _generated(tmp_path / "conference", talks=8, posters=4, seed=5)
    path, page = folder / "abstracts.yaml", page_for("A5")
    started = time.time_ns()
    read_before = read(folder)[0]
    lines = path.read_text(encoding="utf-8").split("\n")
    at = next(at for at, line in enumerate(lines) if re.match(r"\s+(- )?name: \S", line))
    lines[at] = lines[at].split("name:")[0] + "name: TBA"
    path.write_text("\n".join(lines), encoding="utf-8")  # (saved while the booklet read before was linted)
    assert not [p for p in lint_again(read_before, page, folder, started) if p.kind == "placeholder"]
    booklet_ = read(folder)[0]
    again = lint_again(booklet_, page, folder, time.time_ns())
    assert again == lint(booklet_, page, folder)
    assert [p.line for p in again if p.kind == "placeholder"] == [at + 1]


def test_a_lint_after_edits_of_abstracts_yaml_takes_the_note_when_some_abstracts_are_files_of_their_own(tmp_path,
                                                                                                       monkeypatch):
    """A book with abstracts in abstracts/*.yaml beside abstracts.yaml (as the sample keeps five): edits within
    abstracts.yaml's texts take the last lint's findings (no check of names runs) and find what a whole lint finds, a
    placeholder at its line; an edit of an abstract's own file lints the whole book."""
    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    folder = _generated(tmp_path / "conference", talks=12, posters=4, seed=13)
    path, page, rng = folder / "abstracts.yaml", page_for("A5"), random.Random(13)
    text = path.read_text(encoding="utf-8")
    last = text.rindex("\n- id:") + 1  # the last entry, moved to a file of its own
    (folder / "abstracts").mkdir()
    own = folder / "abstracts" / "moved.yaml"
    own.write_text("".join(line[2:] for line in text[last:].splitlines(keepends=True)), encoding="utf-8")
    path.write_text(text[:last], encoding="utf-8")
    names_run, real_names = [], booklet.lint.names.check_names
    monkeypatch.setattr(booklet.lint.names, "check_names", lambda *a, **k: names_run.append(1) or real_names(*a, **k))

    def linted_again() -> tuple[list, bool]:
        """lint_again's findings, asserted a whole lint's, and whether it took the note (ran no check of names)."""
        booklet_, _ = read(folder)
        assert any(a.source.file == "abstracts/moved.yaml" for a in booklet_.abstracts)
        names_run.clear()
        again = lint_again(booklet_, page, folder)
        took = not names_run
        assert again == lint(booklet_, page, folder)
        return again, took

    linted_again()  # the note
    for kind in ("word", "placeholder", "long", "word"):
        lines = path.read_text(encoding="utf-8").split("\n")
        _edit(lines, rng, kind)
        path.write_text("\n".join(lines), encoding="utf-8")
        found, took = linted_again()
        assert took, kind
    lines = path.read_text(encoding="utf-8").split("\n")
    third = _texts(lines)[2]
    lines[third.start:third.stop] = ["    TBA"] + [""] * (len(third) - 1)
    path.write_text("\n".join(lines), encoding="utf-8")
    found, took = linted_again()
    assert took and any(p.file == "abstracts.yaml" and p.line == third.start and p.key == "[2].abstract"
                        and "'TBA' is a placeholder" in p.message for p in found)
    own.write_text(own.read_text(encoding="utf-8").replace("abstract: |\n", "abstract: |\n  Revised.\n"),
                   encoding="utf-8")
    assert not linted_again()[1]  # (its file's bytes are in the note's key)


def test_a_title_like_line_within_another_value_in_quotes_lints_the_whole_book(tmp_path, monkeypatch):
    """An author's name in double quotes over two lines, the second `  title: Ann Lee"` (the name "title: Ann Lee",
    another author's "title: Ann L\u00e9e" a variant of it): an edit to that line looks like a title's at the entry's
    column, but edits the name, which the checks of names read. It lints the whole book, the variant found no more
    (the note's was taken: a title edited must be its abstract's title as read)."""
    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    folder = _generated(tmp_path / "conference", talks=8, posters=4, seed=5)
    path, page = folder / "abstracts.yaml", page_for("A5")
    lines = path.read_text(encoding="utf-8").split("\n")
    first, other = [at for at, line in enumerate(lines) if re.fullmatch(r"  - name: .*", line)][:2]
    lines[other] = '  - name: "title: Ann L\u00e9e"'
    lines[first:first + 1] = ['  - name: "', '  title: Ann Lee"']
    path.write_text("\n".join(lines), encoding="utf-8")
    booklet_ = read(folder)[0]
    assert [p for p in lint_again(booklet_, page, folder) if p.kind == "name-variant" and "Ann Lee" in p.message]
    path.write_text(path.read_text(encoding="utf-8").replace('  title: Ann Lee"', '  title: Bob Ray"'),
                    encoding="utf-8")
    booklet_ = read(folder)[0]
    again = lint_again(booklet_, page, folder)
    assert again == lint(booklet_, page, folder)
    assert not [p for p in again if p.kind == "name-variant" and "Ann Lee" in p.message]
