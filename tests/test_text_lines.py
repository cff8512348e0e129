"""A finding about a place inside a text written over several lines (an abstract's `abstract: |` block of 40 lines)
names the line of the file that place is on, not the line of the key: for `|` and `>` blocks (with indentation and
chomping indicators), plain and quoted texts over several lines, in files with CRLF line ends, tabs or a BOM; a text
reached through an alias keeps the alias's line."""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import BASE, base_lines, write_conference
from .test_bad_data import invoke

FIRST = base_lines("abstracts.yaml") + 1  # the line of the abstract appended as [2]
SCHEDULED = {"programme.yaml": BASE["programme.yaml"] + '      - {time: "17:00-17:20", talk: wang}\n'}
GLYPH = "the booklet's fonts cannot print '王' (U+738B); left out: give theme.yaml's `fonts:` a font that has them"


def appended(abstract: str) -> str:
    """BASE's abstracts.yaml with abstract [2], 'wang', whose `abstract:` key (on line FIRST + 3) is `abstract`."""
    return BASE["abstracts.yaml"] + "- id: wang\n  title: Code\n  speaker: {name: A. Wang}\n" + abstract


def check(tmp_path: Path, files: dict) -> list[str]:
    result = invoke("check", write_conference(tmp_path / "conf", {**SCHEDULED, **files}))
    return result.stderr.splitlines()


def failing(tmp_path: Path, files: dict) -> list[str]:
    """check's lines, of a check that fails (exit code 1)."""
    result = invoke("check", write_conference(tmp_path / "conf", {**SCHEDULED, **files}))
    assert result.exit_code == 1
    return result.stderr.splitlines()


@pytest.mark.parametrize("abstract, line", [
    # a literal block: the sixth line of the file after the key
    ("  abstract: |\n    One.\n    Two.\n\n    Four.\n    Five with 王 in it.\n    Six.\n", 5),
    # indentation indicator, keep chomping, a comment on the indicators' line, blank lines
    ("  abstract: |2+   # kept as it is\n     One.\n\n\n    Four 王.\n\n", 4),
    ("  abstract: |-\n\n    Two.\n    Three 王.\n", 3),
    # a folded block, a more indented line kept
    ("  abstract: >\n    One\n    two\n\n      indented\n    five 王\n", 5),
    # a plain text over several lines, starting on the key's line and on the next
    ("  abstract: One\n    two\n    three 王\n", 2),
    ("  abstract:\n    One\n    two 王\n", 2),
    # quoted texts: escapes, a line break escaped, a quote doubled
    ('  abstract: "One \\"two\\" \\u00e9\n    three\\\n    four\n\n    six 王"\n', 4),
    ("  abstract: 'It''s\n\n    three 王'\n", 2),
    # a tab inside the block's lines
    ("  abstract: |\n    One\n    \ttwo\n    three 王\n", 3),
])
def test_a_character_the_fonts_lack_is_told_of_at_its_line(tmp_path, abstract, line):
    assert check(tmp_path, {"abstracts.yaml": appended(abstract)}) == [
        "Characters the booklet's fonts cannot print (1):",
        f"abstracts.yaml:{FIRST + 3 + line}: [2].abstract: warning: {GLYPH}"]


def test_a_file_with_crlf_line_ends_and_a_bom(tmp_path):
    text = "\ufeff" + appended("  abstract: |\r\n    One.\r\n\r\n    Three.\r\n    Four 王.\r\n")
    text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    assert check(tmp_path, {"abstracts.yaml": text.encode("utf-8")}) == [
        "Characters the booklet's fonts cannot print (1):",
        f"abstracts.yaml:{FIRST + 7}: [2].abstract: warning: {GLYPH}"]


def test_an_abstract_in_a_file_of_its_own(tmp_path):
    text = "id: wang\ntitle: Code\nspeaker: {name: A. Wang}\nabstract: |\n  One.\n\n  Three 王.\n"
    assert check(tmp_path, {"abstracts/wang.yaml": text}) == [
        "Characters the booklet's fonts cannot print (1):",
        f"abstracts/wang.yaml:7: abstract: warning: {GLYPH}"]


def test_latex_and_an_unclosed_fence_are_told_of_at_their_lines(tmp_path):
    abstract = ("  abstract: |\n    We show\n    that $\\foo x$ holds\n    and \\cite{a} too.\n\n"
                "    ```python\n    x = 1\n")
    assert check(tmp_path, {"abstracts.yaml": appended(abstract)}) == [
        "LaTeX printed as written, and math that reads like text (2):",
        f"abstracts.yaml:{FIRST + 5}: [2].abstract: warning: unknown LaTeX macro \\foo in $\\foo x$; printed as written",
        f"abstracts.yaml:{FIRST + 6}: [2].abstract: warning: LaTeX outside math: \\cite{{a}}; printed as written "
        "(booklet reads LaTeX only in math, between $...$)",
        "Blocks of code that no fence closes (1):",
        f"abstracts.yaml:{FIRST + 8}: [2].abstract: warning: the text's line 5, ```, opens a block of code that no line "
        "of ``` closes: its lines print as text, ``` and all (their *, $ and quotes read as markup); end the code with "
        "a line of ```"]


def test_a_formula_written_over_two_lines(tmp_path):
    abstract = "  abstract: >\n    One\n    two $\\foo\n    x$ three\n"
    assert check(tmp_path, {"abstracts.yaml": appended(abstract)}) == [
        "LaTeX printed as written, and math that reads like text (1):",
        f"abstracts.yaml:{FIRST + 5}: [2].abstract: warning: unknown LaTeX macro \\foo in $\\foo x$; printed as written"]


def test_a_control_character_is_an_error_at_its_line(tmp_path):
    abstract = '  abstract: "One\n\n    two \\e[31mred"\n'
    assert failing(tmp_path, {"abstracts.yaml": appended(abstract)}) == [
        f"abstracts.yaml:{FIRST + 5}: [2].abstract: a control character, U+001B, at column 9: it cannot be printed; "
        "remove it (it may have come with text copied from another program)"]


def test_a_control_character_in_a_text_of_several_lines_is_told_at_its_column(tmp_path):
    """A review: a control character on the third line of a text written over four was "at character 33", counted
    from the text's start as YAML folds it: the message names the column of the line it gives, where the
    character's escape is written (a text with an anchor, `&note`, too: its anchor was taken for its text, and the
    place not found); through an alias, where that place is not told, the line of the text it is on."""
    text = ('"A first line of the abstract, long enough to count.\n\n'
            '    A third line of it, with a bell \\a in it,\n    and a fourth."\n')
    abstract = ("  abstract: &note " + text + "- id: lee\n  title: Again\n  speaker: {name: B. Lee}\n"
                "  abstract: &text " + text + "- id: kim\n  title: Third\n  speaker: {name: C. Kim}\n"
                "  abstract: *text\n")
    programme = SCHEDULED["programme.yaml"] + ('      - {time: "17:20-17:40", talk: lee}\n'
                                               '      - {time: "17:40-18:00", talk: kim}\n')
    lines = failing(tmp_path, {"programme.yaml": programme, "abstracts.yaml": appended(abstract)})
    end = "it cannot be printed; remove it (it may have come with text copied from another program)"
    alias = f"a control character, U+0007, at character 33 of the text's line 2: {end}"
    assert lines == [
        f"abstracts.yaml:{FIRST + 5}: [2].abstract: a control character, U+0007, at column 37: {end}",
        f"abstracts.yaml:{FIRST + 10}: [3].abstract: {alias}",
        f"abstracts.yaml:{FIRST + 17}: [4].abstract: {alias}"]


def test_french_spacing_is_told_of_at_its_line(tmp_path):
    abstract = ("  language: fr\n  abstract: |\n    Nous montrons que le modèle est juste.\n"
                "    Les données sont dans la base.\n    Pourquoi? Parce que.\n")
    assert check(tmp_path, {"abstracts.yaml": appended(abstract)}) == [
        "French text with no space before ! ? ; or inside « » (1):",
        f"abstracts.yaml:{FIRST + 7}: [2].abstract: warning: abstract 'wang': '…t dans la base. Pourquoi?' has no space before "
        "'?': French sets a thin space there; type a space before the mark (it prints as a thin space that holds to "
        "the word)"]


def test_a_text_through_an_alias_keeps_the_alias_line(tmp_path):
    text = BASE["abstracts.yaml"] + ("- id: wang\n  title: Code\n  speaker: {name: A. Wang}\n"
                                      "  abstract: &text |\n    One.\n    Two 王.\n"
                                      "- id: lee\n  title: Again\n  speaker: {name: B. Lee}\n  abstract: *text\n")
    programme = SCHEDULED["programme.yaml"] + '      - {time: "17:20-17:40", talk: lee}\n'
    assert check(tmp_path, {"abstracts.yaml": text, "programme.yaml": programme}) == [
        "Characters the booklet's fonts cannot print (2):",
        f"abstracts.yaml:{FIRST + 3}: [2].abstract: warning: {GLYPH}",
        f"abstracts.yaml:{FIRST + 9}: [3].abstract: warning: {GLYPH}"]


def test_a_changed_file_or_another_value_keeps_the_key_line(tmp_path):
    from booklet.data.locate import line_within

    (tmp_path / "a.yaml").write_text("- abstract: |\n    One.\n    Two X.\n", encoding="utf-8")
    assert line_within(tmp_path, "a.yaml", "[0].abstract", "One.\nTwo X.", 9, 1) == 3
    assert line_within(tmp_path, "a.yaml", "[0].abstract", "One.\nTwo Y.", 9, 1) == 1  # not what the file holds
    assert line_within(tmp_path, "a.yaml", "[1].abstract", "One.\nTwo X.", 9, 1) == 1
    assert line_within(tmp_path, "b.yaml", "[0].abstract", "One.\nTwo X.", 9, 1) == 1
