"""Bad conference data -> every problem as `FILE:LINE: key.path: message`, exit 1, nothing written.

Each test starts from the minimal valid conference in helpers.BASE and breaks one thing.
Bad-data tests run both `booklet build` (with an older OUTPUT in place, which must survive
byte for byte, with no temp file left beside it) and `booklet check`, and expect the same
problem lines from both.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import struct
import zlib
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result
from PIL import Image

from booklet.cli import main
from booklet.images import MAX_PIXELS
from booklet.data.validate import read_booklet
from booklet.problems import DataError
from .helpers import BASE, LATER, base_lines, extend, write_conference
from .pdftext import Pdf

CONFERENCE_KEYS = "title, short_title, subtitle, tagline, welcome, dates, venue, url, contact, hashtag, logo, cover_image, committees, places, notes, quote, language, sponsors, extra_pages, qr_codes"
OLD_PDF = b"%PDF-1.4\n% an older booklet that a failed build must leave alone\n%%EOF\n"


# -- running the CLI --------------------------------------------------------------------------

def invoke(*args) -> Result:
    result = CliRunner().invoke(main, [str(a) for a in args])
    # CliRunner turns an uncaught exception into exit code 1: make a crash fail loudly instead.
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert "Traceback" not in result.output
    return result


def summary(lines: list[str], folder: Path | None = None) -> str:
    """build's last line (`check`'s, given its folder) after `lines`."""
    warnings = sum(": warning: " in line for line in lines)
    errors = len(lines) - warnings
    counts = f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
    # the checks of readable data are still to come after an error at a line of a file (not a file not there)
    later = LATER if any(re.match(r"[^:]+:\d+:", line) and ": warning: " not in line for line in lines) else ""
    return f"{folder}: {counts}.{later}" if folder is not None else f"{counts}; nothing was written.{later}"


def assert_rejected(result, expected: list[str], folder: Path | None = None) -> None:
    """build's (or, given its folder, check's: its summary on stdout) output and exit status for data with errors."""
    assert result.exit_code == 1, result.output
    if folder is None:
        assert result.stdout == ""
        assert result.stderr.splitlines() == [*expected, summary(expected)]
    else:
        assert result.stderr.splitlines() == expected
        assert result.stdout.splitlines() == [summary(expected, folder)]


def build_and_check_fail(tmp_path: Path, data: Path, expected: list[str]) -> None:
    """`build` and `check` both print exactly `expected` (+ the summary) and exit 1; OUTPUT survives."""
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    output = out_dir / "booklet.pdf"
    output.write_bytes(OLD_PDF)

    assert_rejected(invoke("build", data, "-o", output), expected)
    assert output.read_bytes() == OLD_PDF
    assert sorted(p.name for p in out_dir.iterdir()) == ["booklet.pdf"]  # no leftover temp file

    assert_rejected(invoke("check", data), expected, data)


def conference(tmp_path: Path, files: dict | None = None) -> Path:
    return write_conference(tmp_path / "conf", files)


def abstract_line() -> int:
    """The line where an abstract appended to BASE's abstracts.yaml starts (it is abstract [2])."""
    return base_lines("abstracts.yaml") + 1


# -- images ---------------------------------------------------------------------------------

def jpeg(size=(120, 90)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, (180, 40, 40)).save(buf, "JPEG", quality=90)
    return buf.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose IHDR (with a correct CRC) claims `width` x `height` 1-bit pixels."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00"))
            + chunk(b"IEND", b""))


def pillow_error(path: Path) -> str:
    """What Pillow itself says about an unreadable image (booklet quotes it in parentheses)."""
    try:
        with Image.open(path) as image:
            image.load()
    except Exception as exc:  # noqa: BLE001 - we want Pillow's own words
        return str(exc)
    raise AssertionError(f"{path} is readable")


def with_photo(photo: str) -> str:
    return extend("abstracts.yaml", f"""\
        - id: extra
          title: An extra talk
          speaker: {{name: Ana Photo, photo: {photo}}}
        """)


# -- valid data -------------------------------------------------------------------------------

@pytest.mark.parametrize("only_conference", [False, True], ids=["all-files", "conference-only"])
def test_check_valid_minimal_folder(tmp_path, only_conference):
    files = {name: None for name in BASE if name != "conference.yaml"} if only_conference else {}
    data = conference(tmp_path, files)
    result = invoke("check", data)
    assert result.exit_code == 0
    assert result.stdout == f"{data}: 0 errors, 0 warnings.\n"
    assert result.stderr == ""


def test_cjk_and_emoji_name_warns_and_builds(tmp_path):
    data = conference(tmp_path, {"abstracts.yaml": extend("abstracts.yaml", """\
        - id: wang
          title: A talk from afar
          speaker: {name: 王小明 😀, affiliation: Uni C}
        """), "programme.yaml": BASE["programme.yaml"] + '      - {time: "17:00-17:20", talk: wang}\n'})
    output = tmp_path / "out" / "booklet.pdf"
    result = invoke("build", data, "-o", output)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        "Characters the booklet's fonts cannot print (1):",
        f"abstracts.yaml:{abstract_line() + 2}: [2].speaker.name: warning: the booklet's fonts cannot print "
        "'王' (U+738B), '小' (U+5C0F), '明' (U+660E), '😀' (U+1F600); nothing of the name is left to print, so the name "
        "is left out of the booklet: give theme.yaml's `fonts:` a font that has them",
    ]
    assert re.fullmatch(rf"Wrote {re.escape(str(output))} \(\d+ pages, A5\)\.\n", result.stdout)
    assert output.read_bytes().startswith(b"%PDF-")
    assert sorted(p.name for p in output.parent.iterdir()) == ["booklet.pdf"]


def test_a_character_that_shows_nothing_is_named_by_its_code_point_alone(tmp_path):
    """Left by the last round: the warning echoed a non-character or private-use character (U+FFFE, U+E000, U+F0000)
    raw to the terminal, between quotes that showed nothing (or the terminal's own glyph) between them."""
    data = conference(tmp_path, {"abstracts.yaml": extend("abstracts.yaml", """\
        - id: wang
          title: "A \\uFFFE\\uE000 talk \\U000F0000 王"
          speaker: {name: A. Wang}
        """), "programme.yaml": BASE["programme.yaml"] + '      - {time: "17:00-17:20", talk: wang}\n'})
    result = invoke("check", data)
    assert result.stderr.splitlines()[1:] == [
        f"abstracts.yaml:{abstract_line() + 1}: [2].title: warning: the booklet's fonts cannot print U+FFFE, U+E000, "
        "U+F0000, '王' (U+738B); left out: give theme.yaml's `fonts:` a font that has them"]


def test_a_block_of_code_no_fence_closes_is_warned_about(tmp_path):
    """Left by the last round: an unclosed ``` printed its backticks and read the code as markup, without a word."""
    data = conference(tmp_path, {"abstracts.yaml": extend("abstracts.yaml", """\
        - id: wang
          title: Code
          speaker: {name: A. Wang}
          abstract: |
            We show:
            ```python
            x = *a*
        """), "programme.yaml": BASE["programme.yaml"] + '      - {time: "17:00-17:20", talk: wang}\n'})
    result = invoke("check", data)
    assert result.stderr.splitlines() == [
        "Blocks of code that no fence closes (1):",
        f"abstracts.yaml:{abstract_line() + 5}: [2].abstract: warning: the text's line 2, ```, opens a block of code "
        "that no line of ``` closes: its lines print as text, ``` and all (their *, $ and quotes read as markup); "
        "end the code with a line of ```"]


@pytest.mark.parametrize("time, start, end", [
    ("10:00", dt.time(10, 0), None),          # YAML 1.1 reads this as the number 600
    ("9:30", dt.time(9, 30), None),           # ... and this as 570
    ("09:00", dt.time(9, 0), None),
    ("10:00-11:00", dt.time(10, 0), dt.time(11, 0)),
])
def test_unquoted_time_is_accepted(tmp_path, time, start, end):
    data = conference(tmp_path, {"abstracts.yaml": None, "tutorials.yaml": None, "programme.yaml": f"""\
        days:
          - date: 2027-09-13
            items:
              - {{time: {time}, title: Welcome}}
        """})  # no abstracts or tutorials: none of them is left out of the programme
    result = invoke("check", data)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    booklet, warnings = read_booklet(data)
    assert warnings == []
    item = booklet.days[0].entries[0]
    assert (item.time.start, item.time.end) == (start, end)


def test_readable_photo_is_accepted(tmp_path):
    """The control for the photo tests below: the same abstract with a good JPEG (300 dpi as printed) is fine."""
    programme = BASE["programme.yaml"] + '      - {time: "17:00-17:20", talk: extra}\n'
    data = conference(tmp_path, {"abstracts.yaml": with_photo("images/ok.jpg"), "images/ok.jpg": jpeg((260, 325)),
                                 "programme.yaml": programme})
    result = invoke("check", data)
    assert (result.exit_code, result.stderr) == (0, "")


# -- files that cannot be read -----------------------------------------------------------------

DATES = "dates: {start: 2027-09-13, end: 2027-09-14}\n"
COLON = "a colon and a space (': ') in a value make YAML read a new key there; put the value in quotes: "


@pytest.mark.parametrize("text, expected", [
    # a colon and a space in a value: quote it, the line shown rewritten
    ("title: Waves: a review\nvenue: Lund\n" + DATES, f'1: {COLON}title: "Waves: a review"'),
    ("title: X\nvenue: Lund: Sweden  # the town\n" + DATES, f'2: {COLON}venue: "Lund: Sweden"  # the town'),
    ("title: 'Q: why?' \nvenue: Lund\n" + DATES + "notes:\n  - Wi-Fi: network X: password Y\n",
     "5: a colon and a space (': ') in a text make YAML read a key there; put the text in quotes: "
     '- "Wi-Fi: network X: password Y"'),
    ("title: X\nvenue: Lund\n" + DATES + "committees:\n  - {name: SOC, title: Scientific: Organising}\n",
     f'5: {COLON}- {{name: SOC, title: "Scientific: Organising"}}'),
    (r"title: $\alpha$: a review" + "\nvenue: Lund\n" + DATES,  # a backslash: single quotes, no escapes
     f"1: {COLON}title: '$\\alpha$: a review'"),
    # tabs
    ("title: X\nvenue: Lund\n" + DATES + "\tshort_title: Y\n",
     "4: a tab in the indentation: indent with spaces, not tabs"),
    ("title: X\nvenue: Lund\n" + DATES + "notes:\n  - a\n \t - b\n",
     "6: a tab in the indentation: indent with spaces, not tabs"),
    # quotes and brackets left open: the line where they open
    ("title: X\nvenue: 'Lund\n" + DATES,
     "2: the quote (') that opens the value on this line is never closed; end the value with ': venue: 'Lund'"),
    ('title: X\nvenue: "Lund\nshort_title: "TC"\n' + DATES,
     '2: the quote (") that opens the value on this line is not closed on it, so the value runs on to the next " '
     'on line 3; close it: venue: "Lund"'),
    ("title: X\nvenue: Lund\n" + DATES + "committees:\n  - {name: 'SOC, title: Scientific}\n",
     "5: the quote (') that opens the value on this line is never closed; end the value with ': "
     "- {name: 'SOC', title: Scientific}"),
    ("title: X\nvenue: Lund\ndates: {start: 2027-09-13, end: 2027-09-14\n",
     "3: the '{' on this line is never closed: end the mapping with '}': dates: {start: 2027-09-13, end: 2027-09-14}"),
    ("title: X\nnotes: [Wi-Fi, Coffee\nvenue: Lund\n" + DATES,
     "2: the '[' on this line is never closed: end the list with ']': notes: [Wi-Fi, Coffee]"),
    # the file ends inside the brackets (saved half-typed): PyYAML points past the last line
    ("title: X\nvenue: Lund\n" + DATES + "notes: [\n",
     "4: the '[' on this line is never closed: end the list with ']'"),
    ("title: X\nvenue: Lund\n" + DATES + "notes: [Wi-Fi,\n",
     "4: the '[' on this line is never closed: end the list with ']'"),
    ("title: X\nvenue: Lund\n" + DATES + "committees: [{name: SOC, members: [\n",
     "4: the '[' on this line is never closed: end the list with ']'"),
    ("title: X\nvenue: Lund\nnotes: [Wi-Fi, Coffee}\n" + DATES,
     "3: the '[' opened on this line is closed with '}': close it with ']'"),
    # a value that starts with a character YAML reserves
    ("title: X\nvenue: Lund\nhashtag: @starstat\n" + DATES,
     "3: a value that starts with '@' must be in quotes (YAML reserves '@'): hashtag: \"@starstat\""),
    ("title: `Waves`\nvenue: Lund\n" + DATES,
     "1: a value that starts with '`' must be in quotes (YAML reserves '`'): title: \"`Waves`\""),
    ("title: *Emphasis* matters\nvenue: Lund\n" + DATES,
     "1: a value that starts with '*' must be in quotes ('*' starts a YAML alias, a reference to an anchor): "
     "title: \"*Emphasis* matters\""),
    ("title: *Emphasis matters\nvenue: Lund\n" + DATES,
     "1: a value that starts with '*' must be in quotes ('*' starts a YAML alias, a reference to an anchor): "
     "title: \"*Emphasis matters\""),
    ("title: X\nvenue: & Co\n" + DATES,
     "2: a value that starts with '&' must be in quotes ('&' starts a YAML anchor, a name for the value): "
     "venue: \"& Co\""),
    ("title: X\nvenue: Lund\n" + DATES + "notes:\n  - | bring your badge\n",
     "5: a value that starts with '|' must be in quotes ('|' starts a block of text on the lines below): "
     "- \"| bring your badge\""),
    # a value that goes on after its closing quote or bracket
    ("title: 'Ana's talk'\nvenue: Lund\n" + DATES,
     "1: the quote (') inside the value ends it early; write it in double quotes: title: \"Ana's talk\""),
    ('title: "The "best" talk"\nvenue: Lund\n' + DATES,
     "1: the quote (\") inside the value ends it early; write it in single quotes (with '' for an apostrophe): "
     "title: 'The \"best\" talk'"),
    ("title: 'Waves' and more\nvenue: Lund\n" + DATES,
     "1: the value starts with a quoted part and goes on after it; put the whole value in quotes: "
     "title: \"'Waves' and more\""),
    ("title: [Draft] Waves\nvenue: Lund\n" + DATES,
     "1: a value that starts with '[' is read as a list, which ends at ']'; to start a text with '[', put the "
     "whole value in quotes: title: \"[Draft] Waves\""),
    # a missing space after '-' or ':'
    ("title: X\nvenue:Lund\n" + DATES, "2: put a space after the colon: venue: Lund"),
    ("title: X\nvenue: Lund\n" + DATES + "notes:\n  - Wi-Fi\n  -Coffee\n",
     "6: put a space after '-' to start a list item: - Coffee"),
    ("title: X\nvenue: Lund\n" + DATES + "committees:\n  - name: SOC\n    members:\n      - name: A\n"
     "      -name: B\n", "8: put a space after '-' to start a list item: - name: B"),
    # indentation
    ("title: X\nvenue: Lund\n  short_title: TC\n" + DATES,
     "3: this line is indented more than 'venue:' on line 2, which already has its value; line it up with "
     "'venue:' (or, if it is part of that value, put the whole value in quotes)"),
    ("title: X\nvenue: Lund\n" + DATES + "committees:\n  - name: SOC\n    members:\n      - {name: A}\n"
     "   title: Scientific\n",
     "8: this line is indented 3 spaces, which lines up with nothing above it; indent it 4 spaces, as 'members:' "
     "on line 6"),
    ("title: X\nvenue: Lund\n" + DATES + "committees:\n  - name: SOC\n    members:\n    - {name: A}\n"
     "   - {name: B}\n",
     "8: this line is indented 3 spaces, which lines up with nothing above it; indent it 4 spaces, as '- ' on "
     "line 7"),
    ("title: X\nvenue: Lund\n" + DATES + "notes:\n  - Wi-Fi\n  short_title: TC\n",
     "6: 'short_title:' is in the column of the list items above it (line 5); start it with '- ' to make it an "
     "item, or indent it as the key the list belongs to"),
    ("title: X\nvenue: Lund\n" + DATES + "- Coffee\n",
     "4: a list item among 'key: value' lines ('dates:' on line 3 is in the same column); indent the list under "
     "the key it belongs to, and give that key no value on its own line"),
    ("title: X\nvenue: Lund\nsome words\n" + DATES,
     "3: this line is neither 'key: value' (a colon and a space) nor a list item ('- '); if it goes on from the "
     "value above, indent it further than that value's key"),
    # LaTeX in double quotes: a backslash that starts no escape (\a of \alpha is one: kept as written in single quotes)
    ('title: "Sets $\\alpha + \\mathbb{R}$, \\"reals\\""  # maths\nvenue: Lund\n' + DATES,
     "1: in double quotes a backslash starts an escape, and \\mathbb is none; put the value in single quotes, "
     "which keep backslashes as written (title: 'Sets $\\alpha + \\mathbb{R}$, \"reals\"'  # maths), or write "
     "each backslash twice (\\\\mathbb)"),
    ('title: "Sets $\\xi$"\nvenue: Lund\n' + DATES,
     "1: in double quotes a backslash starts an escape, and \\xi is none; put the value in single quotes, which keep "
     "backslashes as written (title: 'Sets $\\xi$'), or write each backslash twice (\\\\xi)"),
    ('title: "Sets\n  $\\mathrm{d}x$"\nvenue: Lund\n' + DATES,
     "2: in double quotes a backslash starts an escape, and \\mathrm is none; put the value in single quotes, "
     "which keep backslashes as written, or write each backslash twice (\\\\mathrm)"),
    # a line of three dots: YAML's end of a document
    ("title: X\n...\nvenue: Lund\n" + DATES,
     "2: a line of three dots ('...') ends a YAML document, so the lines after it cannot be read; delete the line "
     '(in a text, write the dots after other words or in quotes: "...")'),
    ("...  # to do\n",
     "1: a line of three dots ('...') ends a YAML document before anything is in it; delete the line "
     '(in a text, write the dots after other words or in quotes: "...")'),
    # an anchor given twice: PyYAML's "second occurrence (found duplicate anchor 't'; first occurrence)"
    ("title: &t X\nvenue: &t Lund\n" + DATES,
     "2: the anchor '&t' is given twice (first at line 1); give each anchor a name of its own, and write '*t' where "
     "the value is meant again"),
], ids=["colon-in-value", "colon-before-comment", "colon-in-list-item", "colon-in-flow-mapping", "colon-and-backslash",
        "tab", "tab-in-list", "unclosed-quote", "quote-runs-on", "unclosed-quote-in-braces", "unclosed-brace",
        "unclosed-bracket", "ends-after-bracket", "ends-after-comma", "ends-in-nested-brackets", "wrong-bracket", "at-sign", "backtick", "star", "star-alias", "ampersand", "pipe",
        "apostrophe", "inner-double-quotes", "quoted-start", "bracket-start", "no-space-after-colon",
        "no-space-after-dash", "no-space-after-dash-in-mapping", "deeper-than-a-value", "misaligned-key",
        "misaligned-item", "key-among-items", "item-among-keys", "no-colon", "latex-in-double-quotes",
        "latex-hex-escape-in-double-quotes", "latex-in-double-quotes-over-lines", "dots-end-the-document",
        "only-dots", "anchor-twice"])
def test_yaml_syntax_error_in_plain_words(tmp_path, text, expected):
    line, message = expected.split(": ", 1)
    build_and_check_fail(tmp_path, conference(tmp_path, {"conference.yaml": text}),
                         [f"conference.yaml:{line}: YAML syntax error: {message}"])

@pytest.mark.parametrize("written, item, quoted", [
    ("? topic  # a note\n: Bayes\n", "topic: value", '"? topic"'),
    ("? topic: Bayes\n", "topic: Bayes", '"? topic: Bayes"'),  # (was "- topic: Bayes: value")
    ("?\ttopic\n", "topic: value", '"? topic"'),  # (a tab after '?': PyYAML's words were printed)
    ("?\n", "key: value", '"?"'),  # (was quoted as "? key", a text never written)
], ids=["key", "key-and-value", "tab", "alone"])
def test_a_complex_key_among_a_lists_items_in_plain_words(tmp_path, written, item, quoted):
    """'? key' (a key written YAML's long way) in the first column of a list file, after its items: PyYAML's words
    ("expected <block end>, but found '?' (while parsing a block collection)") were printed as they are. The item
    advised is the key with its value when the line gives one, and the text quoted is the line's."""
    posters = BASE["posters.yaml"] + written
    line = base_lines("posters.yaml") + 1
    build_and_check_fail(tmp_path, conference(tmp_path, {"posters.yaml": posters}), [
        f"posters.yaml:{line}: YAML syntax error: a line that starts with '? ' writes a key YAML's long way (a complex "
        "key), and a key cannot stand here, among the list's items; write it in an item as the others are "
        f"(- {item}), or put a text that starts with '?' in quotes: {quoted}"])


@pytest.mark.parametrize("written, macro, read_as", [
    ("Fields $\\nu + \\theta$", "\\nu", "a line break"),
    ("A $\\beta$ decay", "\\beta", "a backspace"),
    ("$\\Lambda$CDM", "\\Lambda", "a line separator"),
    ("$\\frac{1}{2}$", "\\frac", "a form feed"),
])
def test_latex_in_double_quotes_that_yaml_reads_as_an_escape_is_an_error(tmp_path, written, macro, read_as):
    """\\nu in double quotes is a line break and "u" to YAML, \\beta a control character and "eta": the formula printed
    broken, without a word (or with a control character's, which named text copied from another program)."""
    text = f'title: "{written}"\nvenue: Lund\n' + DATES
    build_and_check_fail(tmp_path, conference(tmp_path, {"conference.yaml": text}), [
        f"conference.yaml:1: title: in double quotes YAML reads the {macro[:2]} of LaTeX's {macro} as an escape "
        f"({read_as}), so it would print broken; put the value in single quotes, which keep backslashes as written, "
        f"or write each backslash twice (\\{macro})"])


def test_an_escape_in_double_quotes_that_is_no_latex_is_read_as_yaml_reads_it(tmp_path):
    data = conference(tmp_path, {"conference.yaml": 'title: "Line one\\nLine two, $\\\\nu$"\nvenue: Lund\n' + DATES})
    result = invoke("check", data)
    assert result.exit_code == 0, result.output



def test_yaml_tag_is_a_value_to_quote(tmp_path):
    """'!' starts a tag, which YAML reads without complaint; booklet cannot construct it and says why."""
    text = "title: !Important news\nvenue: Lund\n" + DATES
    build_and_check_fail(tmp_path, conference(tmp_path, {"conference.yaml": text}), [
        "conference.yaml:1: title: a value that starts with '!' must be in quotes ('!' starts a YAML tag, a type "
        "for the value): title: \"!Important news\"",
    ])


@pytest.mark.parametrize("text", [
    "title: Waves - a review\nvenue: Lund\n" + DATES,  # a colon-free title
    "title: 'Waves: a review'\nvenue: Lund\n" + DATES,  # quoted colon
    "title: Waves:a review\nvenue: Lund\n" + DATES,  # a colon without a space is text
    "title: X\nvenue: Lund\nurl: https://example.org\n" + DATES,
    "title: X\nvenue: Lund\nhashtag: '@starstat'\n" + DATES,
    "title: \"Ana's talk\"\nvenue: Lund\n" + DATES,
    "title: 'Ana''s talk'\nvenue: Lund\n" + DATES,
    "title: X\nvenue: Lund\n" + DATES + "notes:\n- Wi-Fi\n- Coffee\n",  # a list at the key's column is fine
    "title: X\nvenue: 'Lund\n  and Malmö'\n" + DATES,  # a quoted value may run over lines
    "title: X\nvenue: Lund\ntagline: >\n  Five days\n  of talks\n" + DATES,
], ids=["dash", "quoted-colon", "colon-no-space", "url", "quoted-at", "apostrophe-in-double", "doubled-apostrophe",
        "list-at-key-column", "multi-line-quote", "folded-block"])
def test_yaml_near_misses_are_not_syntax_errors(tmp_path, text):
    result = invoke("check", conference(tmp_path, {"conference.yaml": text}))
    assert (result.exit_code, result.stderr) == (0, "")


@pytest.mark.parametrize("files, expected", [
    ({"conference.yaml": "title: X\nvenue: Lund\ndates: {start: 2027-02-30, end: 2027-09-14}\n"},
     "conference.yaml:3: dates.start: '2027-02-30' is not a valid date: February 2027 has 28 days"),
    ({"programme.yaml": "days:\n  - date: 2027-02-30\n    items: [{time: '09:00', title: Welcome}]\n"},
     "programme.yaml:2: days[0].date: '2027-02-30' is not a valid date: February 2027 has 28 days"),
    ({"programme.yaml": "days:\n  - date: 2027-06-00\n    items: [{time: '09:00', title: Welcome}]\n"},
     "programme.yaml:2: days[0].date: '2027-06-00' is not a valid date: the days of a month count from 1"),
    ({"conference.yaml": "title: X\nvenue: Lund\ndates: {start: 2027-06-14, end: 2027-06-31}\n"},
     "conference.yaml:3: dates.end: '2027-06-31' is not a valid date: June 2027 has 30 days"),
    ({"conference.yaml": "title: X\nvenue: Lund\ndates: {start: 2027-06-14, end: 2027-14-06}\n"},
     "conference.yaml:3: dates.end: '2027-14-06' is not a valid date: there are 12 months (YYYY-MM-DD: the month is "
     "the second number)"),
    # (a fuzzing run: a list or a mapping was "'a list' is not a date", as if those words were written)
    ({"conference.yaml": "title: X\nvenue: Lund\ndates: {start: 2027-06-14, end: [2027-06-18]}\n"},
     "conference.yaml:3: dates.end: expected a date (YYYY-MM-DD), not a list; write it like: end: 2027-09-17"),
    ({"programme.yaml": "days:\n  - date: {day: 13}\n    items: [{time: '09:00', title: Welcome}]\n"},
     "programme.yaml:2: days[0].date: expected a date (YYYY-MM-DD), not a mapping; write it like: date: 2027-09-13"),
    # (digits not ASCII: the calendar has 2027-06-14; it said "June 2027 has 30 days")
    ({"conference.yaml": "title: X\nvenue: Lund\ndates: {start: \"\uff12\uff10\uff12\uff17-06-14\", end: 2027-06-18}\n"},
     "conference.yaml:3: dates.start: '\uff12\uff10\uff12\uff17-06-14' is not a date; write it like: start: 2027-09-13"),
    ({"conference.yaml": "title: X\nvenue: Lund\ndates: {start: 2027-06-14T23:30:00-11:00, end: 2027-06-18}\n"},
     "conference.yaml:3: dates.start: '2027-06-14T23:30:00-11:00' is a date and a time; write the date alone, like: "
     "start: 2027-09-13"),
    ({"programme.yaml": "days:\n  - date: 2027-09-13 09:00:00\n    items: [{time: '09:00', title: Welcome}]\n"},
     "programme.yaml:2: days[0].date: '2027-09-13 09:00:00' is a date and a time; write the date alone, like: "
     "date: 2027-09-13"),
    ({"conference.yaml": "title: X\nvenue: Lund\ndates: {start: 2027-06-14T10:00, end: 2027-06-18}\n"},
     "conference.yaml:3: dates.start: '2027-06-14T10:00' is a date and a time; write the date alone, like: "
     "start: 2027-09-13"),
], ids=["conference-dates", "programme-day", "day-zero", "june-31", "month-13", "a-list", "a-mapping", "wide-digits",
        "conference-timestamp", "programme-timestamp", "date-and-minutes"])
def test_date_yaml_cannot_construct(tmp_path, files, expected):
    build_and_check_fail(tmp_path, conference(tmp_path, files), [expected])


def test_file_not_utf8(tmp_path):
    text = "title: X\nvenue: Lund\nshort_title: Åström\ndates: {start: 2027-09-13, end: 2027-09-14}\n"
    data = conference(tmp_path, {"conference.yaml": text.encode("latin-1")})
    build_and_check_fail(tmp_path, data, [
        "conference.yaml:3: the file is not UTF-8 text (byte 0xc5); save it as UTF-8",
    ])


@pytest.mark.parametrize("content", [b"", b"# nothing here yet\n\n"], ids=["zero-bytes", "comment-only"])
def test_an_empty_conference_file_is_an_error(tmp_path, content):
    build_and_check_fail(tmp_path, conference(tmp_path, {"conference.yaml": content}), [
        "conference.yaml:1: the file is empty: it gives the conference's title, dates and venue (`booklet init` "
        "writes one with every key explained)"])


@pytest.mark.parametrize("content", [b"", b"# - number: 1\n#   title: Not yet\n"], ids=["zero-bytes", "comment-only"])
def test_another_empty_file_is_left_out_with_a_warning(tmp_path, content):
    """A fuzzing run: posters.yaml with every line commented out ("no posters yet") stopped the build with "the file
    is empty" and no way out. It is left out as if it were not there, with a warning; an empty abstracts.yaml leaves
    the programme's talks without their abstracts, which are errors as they would be without the file."""
    data = conference(tmp_path, {"posters.yaml": content})
    result = invoke("build", data, "-o", tmp_path / "b.pdf")
    assert result.exit_code == 0, result.output
    assert "posters.yaml:1: warning: the file is empty (nothing but comments): left out, as if it were not there " \
           "(write [] to say there are none, or delete it)" in result.output
    assert "Posters" not in "\n".join(Pdf(tmp_path / "b.pdf").texts)
    data = conference(tmp_path / "again", {"abstracts.yaml": content})
    result = invoke("check", data)
    assert result.exit_code == 1 and "no abstract with id 'lund-2026'" in result.output, result.output
    data = conference(tmp_path / "theme", {"theme.yaml": content})  # (a mapping: [] would be an error there)
    assert "theme.yaml:1: warning: the file is empty (nothing but comments): left out, as if it were not there " \
           "(delete it, or write its keys)" in invoke("check", data).output


def test_a_csv_file_of_its_header_alone_is_left_out_with_a_warning(tmp_path):
    """A generated case: participants.csv of its header and no rows left the participants' section out without a
    word, where a YAML file with nothing in it is warned of. It is left out as if it were not there, with a warning at
    the header's line."""
    data = conference(tmp_path, {"participants.csv": b"name,affiliation\r\n", "participants.yaml": None})
    result = invoke("build", data, "-o", tmp_path / "b.pdf")
    assert result.exit_code == 0, result.output
    assert "participants.csv:1: warning: the file has its header and no rows: left out, as if it were not there " \
           "(add the rows under the header, or delete it)" in result.output
    assert "Participants" not in "\n".join(Pdf(tmp_path / "b.pdf").texts)

def test_missing_conference_yaml(tmp_path):
    """Everything but the line number (tested below)."""
    data = conference(tmp_path, {"conference.yaml": None})
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    output = out_dir / "booklet.pdf"
    output.write_bytes(OLD_PDF)
    for args in (["build", data, "-o", output], ["check", data]):
        result = invoke(*args)
        assert result.exit_code == 1
        assert result.stdout == ("" if args[0] == "build" else f"{data}: 1 error, 0 warnings.\n")
        problem, *last = result.stderr.splitlines()
        assert problem == (f"conference.yaml: not found in {data}: every conference needs one (booklet init DIR starts "
                           "a conference in a new folder, with every file)")
        assert last == (["1 error, 0 warnings; nothing was written."] if args[0] == "build" else [])
    assert output.read_bytes() == OLD_PDF
    assert sorted(p.name for p in out_dir.iterdir()) == ["booklet.pdf"]


def test_missing_conference_yaml_names_no_line(tmp_path):
    data = conference(tmp_path, {"conference.yaml": None})
    build_and_check_fail(tmp_path, data, [f"conference.yaml: not found in {data}: every conference needs one (booklet "
                                          "init DIR starts a conference in a new folder, with every file)"])


def test_a_data_folder_that_is_not_there_says_so(tmp_path):
    missing = tmp_path / "no" / "such"
    problem = f"{missing}: no such folder: give the conference's data folder, or start one with: booklet init {missing}"
    _refused_as(missing, problem, tmp_path / "b.pdf")
    assert not (tmp_path / "no").exists()


def _refused_as(folder: Path, problem: str, out: Path) -> None:
    """`build` and `check` of `folder` exit 1 with `problem` alone, and nothing is written to `out`."""
    result = invoke("build", folder, "-o", out)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [problem, "1 error, 0 warnings; nothing was written."]
    result = invoke("check", folder)
    assert result.exit_code == 1
    assert (result.stderr, result.stdout) == (f"{problem}\n", f"{folder}: 1 error, 0 warnings.\n")
    assert not out.exists()


# -- keys -----------------------------------------------------------------------------------

@pytest.mark.parametrize("key, expected", [
    ("titel", f"conference.yaml:5: titel: unknown key 'titel' (did you mean 'title'?); the keys here are {CONFERENCE_KEYS}"),
    ("exhibitors", f"conference.yaml:5: exhibitors: unknown key 'exhibitors'; the keys here are {CONFERENCE_KEYS}"),
], ids=["did-you-mean", "no-close-match"])
def test_unknown_key(tmp_path, key, expected):
    data = conference(tmp_path, {"conference.yaml": extend("conference.yaml", f"{key}: Something\n")})
    build_and_check_fail(tmp_path, data, [expected])


@pytest.mark.parametrize("files, expected", [
    ({"conference.yaml": "title: X\ndates: {start: 2027-09-13, end: 2027-09-14}\n"},
     "conference.yaml:1: venue: required key is missing (e.g. venue: Observatory Campus, Lund, Sweden)"),
    ({"conference.yaml": "title: X\nvenue:\ndates: {start: 2027-09-13, end: 2027-09-14}\n"},
     "conference.yaml:2: venue: must not be empty"),
    ({"abstracts.yaml": extend("abstracts.yaml", "- id: extra\n  speaker: {name: Ana Smith}\n")},
     f"abstracts.yaml:{abstract_line()}: [2].title: required key is missing (e.g. title: Hierarchical models for galaxy surveys)"),
    ({"abstracts.yaml": extend("abstracts.yaml", "- id: extra\n  title: No speaker\n  abstract: Text.\n")},
     f"abstracts.yaml:{abstract_line()}: [2].speaker: required key is missing (give 'speaker' or 'authors', "
     "e.g. speaker: {name: Ana Smith, affiliation: Lund University})"),
    ({"abstracts.yaml": extend("abstracts.yaml", "- id: extra\n  title: T\n  speaker: {affiliation: Uni A}\n")},
     f"abstracts.yaml:{abstract_line() + 2}: [2].speaker.name: required key is missing (e.g. name: Ana Smith)"),
], ids=["venue", "venue-empty", "abstract-title", "speaker-and-authors", "speaker-name"])
def test_missing_required_key(tmp_path, files, expected):
    build_and_check_fail(tmp_path, conference(tmp_path, files), [expected])


def test_key_given_twice(tmp_path):
    text = "title: X\nvenue: Lund\nvenue: Malmö\ndates: {start: 2027-09-13, end: 2027-09-14}\n"
    build_and_check_fail(tmp_path, conference(tmp_path, {"conference.yaml": text}), [
        "conference.yaml:3: venue: given twice (first at line 2)",
    ])


def test_speaker_and_authors_both_given(tmp_path):
    data = conference(tmp_path, {"abstracts.yaml": extend("abstracts.yaml", """\
        - id: extra
          title: Both forms
          speaker: {name: Ana Smith}
          authors: [{name: Bo Jones}]
        """)})
    build_and_check_fail(tmp_path, data, [
        f"abstracts.yaml:{abstract_line() + 3}: [2].authors: give either 'speaker' or 'authors', not both",
    ])


# -- ids and references ------------------------------------------------------------------------

def test_duplicate_abstract_id_across_files(tmp_path):
    data = conference(tmp_path, {"abstracts/x.yaml": "id: okafor\ntitle: Again\nspeaker: {name: A. Okafor}\n"})
    build_and_check_fail(tmp_path, data, [
        "abstracts/x.yaml:1: id: duplicate id 'okafor' (first used at abstracts.yaml:5)",
    ])



def test_hidden_files_beside_the_abstracts_are_not_read(tmp_path):
    """An editor's lock file (Emacs: ".#x.yaml", a link to nowhere) and macOS's "._x.yaml" beside an abstract made
    check, build and watch fail ("a symbolic link to ..., which does not exist"; "duplicate id"): not data."""
    from booklet.check import check_folder

    data = conference(tmp_path, {"abstracts/x.yaml": "id: x1\ntitle: One\nspeaker: {name: A. Okafor}\n",
                                 "abstracts/._x.yaml": "id: x1\ntitle: One\nspeaker: {name: A. Okafor}\n",
                                 "._programme.yml": "\x00\x05Mac OS X"})
    (data / "abstracts" / ".#x.yaml").symlink_to("root@host.12345:1700000000")
    booklet, problems = check_folder(data)
    assert [(p.file, p.message) for p in problems] == [("abstracts/x.yaml", "abstract 'x1' is not in the programme")]
    assert [a.id for a in booklet.abstracts].count("x1") == 1
    result = invoke("build", data, "-o", tmp_path / "b.pdf")
    assert result.exit_code == 0 and result.stderr.count("warning") == 1

@pytest.mark.parametrize("target, said", [
    ("/mnt/share/abstracts", "is a symbolic link to '/mnt/share/abstracts', which does not exist"),
    ("abstracts", "is a symbolic link in a loop (it points, in the end, to itself)")])
def test_an_abstracts_folder_that_is_a_link_to_nothing_is_an_error(tmp_path, target, said):
    """Fuzzing: abstracts/ as a link to a folder not there (a drive not mounted) was a warning that called it a file
    ("this is a file, left out"), and the booklet built without the abstracts in it."""
    data = write_conference(tmp_path / "conf")
    (data / "abstracts").symlink_to(target)
    result = invoke("build", data, "-o", tmp_path / "b.pdf")
    assert result.exit_code == 1
    assert result.output.startswith(f"abstracts/:1: the folder {said}: its abstracts cannot be read\n1 error, 0 "
                                    "warnings; nothing was written.")
    assert not (tmp_path / "b.pdf").exists()


def test_an_abstracts_folder_that_cannot_be_read_is_an_error(tmp_path, monkeypatch):
    """A fuzzing run: abstracts/ with no permission to list it was read as empty: check said "0 errors" and the
    booklet had no abstracts. It is an error naming the folder. (Root reads any folder: its refusal is simulated.)"""
    from booklet.check import check_folder
    from booklet.data import validate
    from booklet.problems import DataError

    data = conference(tmp_path, {"abstracts/x.yaml": "id: x1\ntitle: One\nspeaker: {name: A. Okafor}\n"})
    folder = data / "abstracts"
    listed = validate.os.scandir

    def refused(path="."):
        if os.fspath(path) == os.fspath(folder):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return listed(path)

    monkeypatch.setattr(validate.os, "scandir", refused)
    monkeypatch.setattr(validate, "matching", lambda where, pattern: [])  # (as glob finds nothing there)
    with pytest.raises(DataError) as raised:
        check_folder(data)
    assert [str(p) for p in raised.value.problems] == ["abstracts/:1: cannot read the folder: Permission denied"]


def test_duplicate_abstract_id_in_one_file(tmp_path):
    data = conference(tmp_path, {"abstracts.yaml": extend("abstracts.yaml", """\
        - id: okafor
          title: Again
          speaker: {name: A. Okafor}
        """)})
    build_and_check_fail(tmp_path, data, [
        f"abstracts.yaml:{abstract_line()}: [2].id: duplicate id 'okafor' (first used at abstracts.yaml:5)",
    ])


def test_duplicate_tutorial_id(tmp_path):
    data = conference(tmp_path, {"tutorials.yaml": extend("tutorials.yaml", """\
        - id: bayes-intro
          title: Bayesian inference, again
        """)})
    build_and_check_fail(tmp_path, data, [
        f"tutorials.yaml:{base_lines('tutorials.yaml') + 1}: [1].id: duplicate id 'bayes-intro' (first used at line 1)",
    ])


@pytest.mark.parametrize("item, expected", [
    ("talk: lund-2027", "days[0].items[0].talk: no abstract with id 'lund-2027' (did you mean 'lund-2026'?)"),
    ("talk: zzz", "days[0].items[0].talk: no abstract with id 'zzz'"),
    ("tutorial: bayes-intr", "days[0].items[0].tutorial: no tutorial with id 'bayes-intr' (did you mean 'bayes-intro'?)"),
    ("tutorial: frequentist", "days[0].items[0].tutorial: no tutorial with id 'frequentist'"),
    ("talk: bayes-intro", "days[0].items[0].talk: no abstract with id 'bayes-intro' ('bayes-intro' is a tutorial's "
                          "id: write tutorial: bayes-intro)"),
    ("tutorial: okafor", "days[0].items[0].tutorial: no tutorial with id 'okafor' ('okafor' is an abstract's id: "
                         "write talk: okafor)"),
], ids=["talk-did-you-mean", "talk", "tutorial-did-you-mean", "tutorial", "a-tutorial-as-a-talk",
        "an-abstract-as-a-tutorial"])
def test_dangling_reference(tmp_path, item, expected):
    data = conference(tmp_path, {"programme.yaml": f"""\
        days:
          - date: 2027-09-13
            items:
              - {{time: "09:20-10:00", {item}}}
        """})
    build_and_check_fail(tmp_path, data, [f"programme.yaml:4: {expected}"])


@pytest.mark.parametrize("left_out, item, expected", [
    ("abstracts.yaml", "talk: lund-2026", "days[0].items[0].talk: no abstract with id 'lund-2026' (the data has no "
                                          "abstracts: write them in abstracts.yaml, or a file each in abstracts/)"),
    ("tutorials.yaml", "tutorial: bayes-intro", "days[0].items[0].tutorial: no tutorial with id 'bayes-intro' (the data "
                                                "has no tutorials: write them in tutorials.yaml)"),
])
def test_a_reference_with_no_entries_of_its_kind_at_all_says_where_they_are_written(tmp_path, left_out, item, expected):
    """A LOC's walk: with abstracts.yaml moved away (or never written), every talk of the programme was "no abstract with
    id 'x'", as for a typo in one id; now the message says that there are none, and where they go."""
    data = conference(tmp_path, {left_out: None, "posters.yaml": None, "programme.yaml": f"""\
        days:
          - date: 2027-09-13
            items:
              - {{time: "09:20-10:00", {item}}}
        """})
    build_and_check_fail(tmp_path, data, [f"programme.yaml:4: {expected}"])


def test_a_reference_when_every_entry_of_its_kind_has_errors_is_no_word_of_none_written():
    """The other side of the test above: an abstracts.yaml each of whose entries has an error of its own (a key
    misspelt throughout, `titel:`) has abstracts, told of at their lines; a talk of another id was told "the data has
    no abstracts: write them in abstracts.yaml", of a file full of them."""
    from booklet.data import programme

    refs = programme.Refs([], [])
    refs.excused.add(("abstract", "lund-2026"))
    assert programme._hint("lund-2062", "abstract", refs) == ""
    assert programme._hint("lund-2062", "tutorial", refs) == (" (the data has no tutorials: write them in "
                                                              "tutorials.yaml)")


# -- values ---------------------------------------------------------------------------------

def test_an_evenings_item_may_end_after_midnight_and_is_printed_and_drawn_so(tmp_path):
    """"23:30-00:30" (a congress's late talks) and "23:00-00:00" are an evening's items ending at or after
    midnight, and "11:00-24:00" ends at midnight: printed as written, as long as they are in Day.clock (the glance
    and the lint)."""
    from booklet.data.validate import read_booklet

    data = conference(tmp_path, {"programme.yaml": """\
        days:
          - date: 2027-09-13
            items:
              - {time: "11:00-24:00", title: Exhibition}
              - {time: "21:00-23:00", title: Dinner, kind: social}
              - {time: "23:00-00:00", title: Quiz}
              - {time: "23:30-00:30", title: Late talk}
              - {time: "00:30-01:00", title: Later still}
        """})
    booklet, _ = read_booklet(data)
    [day] = booklet.days
    items = list(day.items())
    assert [str(item.time) for item in items] == ["11:00\u201324:00", "21:00\u201323:00", "23:00\u201300:00",
                                                  "23:30\u201300:30", "00:30\u201301:00"]  # as written
    assert [day.clock()[id(item)] for item in items] == [(660, 1440), (1260, 1380), (1380, 1440), (1410, 1470),
                                                         (1470, 1500)]
    out = tmp_path / "b.pdf"
    result = invoke("build", data, "-o", out)
    assert result.exit_code == 0, result.output
    assert "23:30\u201300:30" in "".join(Pdf(out).texts)


def test_parallel_tracks_set_their_items_after_midnight_after_the_evening_dated_the_next_day(tmp_path):
    data = conference(tmp_path, {"programme.yaml": """\
        days:
          - date: 2027-09-13
            items:
              - {time: "20:00-21:00", title: Dinner, kind: social}
              - parallel:
                  - {session: Night A, items: [{time: "23:00-24:00", title: Quiz}, {time: "00:00-01:00", talk: lund-2026}]}
                  - {session: Night B, items: [{time: "23:30-00:30", talk: okafor}, {time: "00:30-01:30", title: Film}]}
        """})
    out = tmp_path / "b.pdf"
    assert invoke("build", data, "-o", out).exit_code == 0
    pdf = Pdf(out)
    (page,) = pdf.pages_with("Night A")[-1:]
    times = [line.strip() for line in pdf.lines(page) if re.fullmatch(r"\s*\d\d:\d\d\u2013\d\d:\d\d", line)]
    assert times == ["20:00\u201321:00", "23:00\u201324:00", "23:30\u201300:30", "00:00\u201301:00", "00:30\u201301:30"]
    # the talk after midnight is given on the next day: its page says so (the programme lists it on its night's day)
    assert pdf.pages_with("CONTRIBUTED TALK \u00b7 Tuesday 14 September \u00b7 00:00\u201301:00")
    assert pdf.pages_with("\u00b7 Monday 13 September \u00b7 23:30\u201300:30")


@pytest.mark.parametrize("time, message", [
    ("9-10", "'9-10' is not a time; write HH:MM or HH:MM-HH:MM, like: time: \"09:00-10:00\""),  # (the time meant)
    ("0900-0915", "'0900-0915' is not a time; write HH:MM or HH:MM-HH:MM, like: time: \"09:00-09:15\""),
    ("10.00 bis 10.30", "'10.00 bis 10.30' is not a time; write HH:MM or HH:MM-HH:MM, like: time: \"10:00-10:30\""),
    # a 12-hour clock's time: 12 am is midnight, 12 pm noon ('12am' was told to write "12:00")
    ("12am", "'12am' is not a time; write HH:MM or HH:MM-HH:MM, like: time: \"00:00\""),
    ("12pm", "'12pm' is not a time; write HH:MM or HH:MM-HH:MM, like: time: \"12:00\""),
    ("2-3 pm", "'2-3 pm' is not a time; write HH:MM or HH:MM-HH:MM, like: time: \"14:00-15:00\""),
    ("11:30 a.m. to 12:15 p.m.", "'11:30 a.m. to 12:15 p.m.' is not a time; write HH:MM or HH:MM-HH:MM, like: "
                                 "time: \"11:30-12:15\""),
    # (midnight's hour, 0, is an hour: '12-12:30 am' took the start for 12:00, and found no time meant)
    ("12-12:30 am", "'12-12:30 am' is not a time; write HH:MM or HH:MM-HH:MM, like: time: \"00:00-00:30\""),
    ("13pm", "'13pm' is not a time; write HH:MM or HH:MM-HH:MM, e.g. \"09:00-09:20\""),
    # (a clock out of range is named: '09:20-10:90', a LOC's typo, was told only to write HH:MM)
    ("25:00", "'25:00' is not a time: 25 is no hour (00-23); write HH:MM or HH:MM-HH:MM, e.g. \"09:00-09:20\""),
    ("09:20-10:90", "'09:20-10:90' is not a time: 90 is no minute (00-59); write HH:MM or HH:MM-HH:MM, e.g. "
                    "\"09:00-09:20\""),
    # (no time meant that `time` refuses too: '10-9' was told to write "10:00-09:00", which ends before it starts)
    ("10-9", "'10-9' is not a time; write HH:MM or HH:MM-HH:MM, e.g. \"09:00-09:20\""),
    ("0900-0900", "'0900-0900' is not a time; write HH:MM or HH:MM-HH:MM, e.g. \"09:00-09:20\""),
    ("2300-0030", "'2300-0030' is not a time; write HH:MM or HH:MM-HH:MM, like: time: \"23:00-00:30\""),
    ("10:00-09:00", "'10:00-09:00' ends before it starts"),
    ("11:59-00:30", "'11:59-00:30' ends before it starts (an item from 18:00 on may end after midnight, by 06:00: "
                    "\"23:00-00:40\"; one that runs longer is given its start alone, e.g. \"11:59\")"),
    # these said "ends before it starts" too, which they do not, and gave no way out
    ("10:00-10:00", "'10:00-10:00' ends when it starts; for an item without a length give its start alone, "
                    "e.g. \"10:00\""),
    ("22:00-07:00", "'22:00-07:00' ends before it starts (an item from 18:00 on may end after midnight, by 06:00: "
                    "\"23:00-00:40\"; one that runs longer is given its start alone, e.g. \"22:00\")"),
    ("14:00-02:00", "'14:00-02:00' ends before it starts (an item from 18:00 on may end after midnight, by 06:00: "
                    "\"23:00-00:40\"; one that runs longer is given its start alone, e.g. \"14:00\")"),
    ("23:00-24:30", "'23:00-24:30' is not a time: 24:30 is past midnight, the day's end (24:00); write HH:MM or "
                    "HH:MM-HH:MM, e.g. \"09:00-09:20\""),
    # (a fuzzing run: "not a time", where the docs say "24:00" is midnight: as an end)
    ("24:00", "'24:00' starts at 24:00, the day's end: \"24:00\" only ends an item (\"22:00-24:00\"); an item that "
              "starts at midnight starts at 00:00, the next day (or, after an evening item, at \"00:00\" at the end of "
              "this day: the night after it)"),
])
def test_bad_time(tmp_path, time, message):
    data = conference(tmp_path, {"programme.yaml": f"""\
        days:
          - date: 2027-09-13
            items:
              - {{time: "{time}", title: Welcome}}
        """})
    build_and_check_fail(tmp_path, data, [f"programme.yaml:4: days[0].items[0].time: {message}"])


@pytest.mark.parametrize("files, expected", [
    ({"conference.yaml": "title: [SMC, 2027]\nvenue: Lund\ndates: {start: 2027-09-13, end: 2027-09-14}\n"},
     "conference.yaml:1: title: expected text, not a list; write it like: title: Statistical Methods for the Cosmos"),
    ({"abstracts.yaml": extend("abstracts.yaml", """\
        - id: extra
          title: T
          authors:
            - {name: Ana Smith, presenting: "maybe"}
        """)},
     f"abstracts.yaml:{abstract_line() + 3}: [2].authors[0].presenting: expected true or false, not the text \"maybe\""),
    ({"posters.yaml": "- number: five\n  author: Zoe Papadopoulou\n  title: Mixture density networks\n"},
     "posters.yaml:1: [0].number: expected a whole number, not text; write it like: number: 1"),
    ({"posters.yaml": "- number: .nan\n  author: Zoe Papadopoulou\n  title: Mixture density networks\n"},
     "posters.yaml:1: [0].number: expected a whole number, not 'nan' (not a number); write it like: number: 1"),
    ({"posters.yaml": "- number: 1.5\n  author: Zoe Papadopoulou\n  title: Mixture density networks\n"},
     "posters.yaml:1: [0].number: expected a whole number, not the fraction 1.5; write it like: number: 1"),
    # YAML 1.1 reads these as numbers never written (a fuzzing run: 1:30 printed as poster 90)
    ({"posters.yaml": "- number: 1:30\n  author: Zoe Papadopoulou\n  title: Mixture density networks\n"},
     "posters.yaml:1: [0].number: '1:30' is read as 90; write the whole number in digits, like: number: 1"),
    ({"posters.yaml": "- number: 0x10\n  author: Zoe Papadopoulou\n  title: Mixture density networks\n"},
     "posters.yaml:1: [0].number: '0x10' is read as 16; write the whole number in digits, like: number: 1"),
    # a fuzzing run: a poster of no author was left out of the booklet, its number taken, without a word
    ({"posters.yaml": "- {authors: [], title: Lonely poster}\n- {author: Bo Jones, title: Other poster}\n"},
     "posters.yaml:1: [0].authors: the list of authors is empty"),
    # a fuzzing run: a '- ' with nothing after it was "not text"
    ({"posters.yaml": "-\n- {author: Bo Jones, title: Other poster}\n"},
     "posters.yaml:1: [0]: expected a poster (a mapping), not an empty item; "
     "write it like: - {author: Zoë Papadopoulou, title: Mixture density networks}"),
], ids=["title-list", "presenting-maybe", "poster-number-five", "poster-number-nan", "poster-number-fraction",
        "poster-number-sexagesimal", "poster-number-hex", "poster-no-authors", "poster-empty-item"])
def test_wrong_type(tmp_path, files, expected):
    build_and_check_fail(tmp_path, conference(tmp_path, files), [expected])


def test_authors_written_as_plain_names_are_told_at_each_item_not_as_an_empty_list(tmp_path):
    """A LOC's walk: `authors: [Bo Jones, Carla Diaz]` was told at each item to be a mapping, and also "the list of
    authors is empty", which it is not."""
    data = conference(tmp_path, {"posters.yaml": "- {authors: [Bo Jones, Carla Diaz], title: A poster}\n"})
    build_and_check_fail(tmp_path, data, [
        "posters.yaml:1: [0].authors[0]: expected a person (a mapping), not text; write it like: - {name: Ana Smith}",
        "posters.yaml:1: [0].authors[1]: expected a person (a mapping), not text; write it like: - {name: Ana Smith}"])


@pytest.mark.parametrize("key, value", [("affiliation", "Uni B"), ("email", "bo@example.org")])
def test_a_poster_authors_list_takes_no_affiliation_or_email_beside_it(tmp_path, key, value):
    # a fuzzing run: `email:` beside `authors:` (read with `author:` only) was left out in silence, and with it the
    # proof sent to that address
    posters = f"- number: 1\n  title: Mixture density networks\n  authors: [{{name: Bo Jones}}]\n  {key}: {value}\n"
    build_and_check_fail(tmp_path, conference(tmp_path, {"posters.yaml": posters}), [
        f"posters.yaml:4: [0].{key}: with 'authors', give each author's {key} in the list",
    ])


def test_list_where_mapping_belongs(tmp_path):
    text = "title: X\nvenue: Lund\ndates: [2027-09-13, 2027-09-14]\n"
    build_and_check_fail(tmp_path, conference(tmp_path, {"conference.yaml": text}), [
        "conference.yaml:3: dates: expected a mapping (key: value lines), not a list; "
        "write it like: dates: {start: 2027-09-13, end: 2027-09-17}",
    ])


def test_mapping_where_list_belongs(tmp_path):
    data = conference(tmp_path, {"conference.yaml": extend("conference.yaml", "committees: {name: SOC}\n")})
    build_and_check_fail(tmp_path, data, [
        "conference.yaml:5: committees: expected a list (lines starting with '- '), not a mapping; "
        "write it like: committees: [{name: SOC, members: [{name: Ana Smith}]}]",
    ])


def test_conference_ends_before_it_starts(tmp_path):
    text = "title: X\nvenue: Lund\ndates:\n  start: 2027-09-13\n  end: 2027-09-12\n"
    build_and_check_fail(tmp_path, conference(tmp_path, {"conference.yaml": text}), [
        "conference.yaml:5: dates.end: the conference ends (2027-09-12) before it starts (2027-09-13)",
    ])


def test_unknown_item_kind(tmp_path):
    data = conference(tmp_path, {"programme.yaml": """\
        days:
          - date: 2027-09-13
            items:
              - {time: "10:00-10:30", title: Coffee, kind: brake}
        """})
    build_and_check_fail(tmp_path, data, [
        "programme.yaml:4: days[0].items[0].kind: "
        "'brake' is not one of talk, tutorial, break, social, poster, other (did you mean 'break'?)",
    ])


def test_a_value_with_line_breaks_quoted_in_a_message_keeps_the_message_on_its_line(tmp_path):
    # each line of the output names a file, line and key: the value's line breaks are shown, not printed
    data = conference(tmp_path, {"programme.yaml": """\
        days:
          - date: 2027-09-13
            items:
              - {time: "10:00-10:30", title: Coffee, kind: "brake\\nfast\\u2028now"}
        """})
    build_and_check_fail(tmp_path, data, [
        "programme.yaml:4: days[0].items[0].kind: "
        "'brake\u21b5fast\u21b5now' is not one of talk, tutorial, break, social, poster, other",
    ])


@pytest.mark.parametrize("pasted", ["lorem ipsum " * 500, "it's the speaker's l'abstract " * 200],
                         ids=["words", "with-apostrophes"])
def test_a_huge_value_quoted_in_a_message_is_cut_to_its_start_and_end(tmp_path, pasted):
    # a page of text pasted into a key that takes a word made a message of pages; pasted prose holds apostrophes
    # ("it's", "l'abstract"), and such a value was quoted whole too
    data = conference(tmp_path, {"programme.yaml": f"""\
        days:
          - date: 2027-09-13
            items:
              - {{time: "10:00-10:30", title: Coffee, kind: "{pasted.strip()}"}}
        """})
    build_and_check_fail(tmp_path, data, [
        "programme.yaml:4: days[0].items[0].kind: "
        f"'{pasted[:60]}\u2026{pasted.strip()[-20:]}' (5,999 characters) is not one of talk, tutorial, break, "
        "social, poster, other",
    ])


def test_a_huge_key_is_cut_in_its_key_path_as_in_its_message(tmp_path):
    """A fuzzing run: YAML's `? key` takes a key of any length; an unknown key of 100,000 characters was cut where
    the message quotes it, but its key path, before the message, named it whole: a line of 100,000 characters."""
    key = "k" * 100_000
    data = conference(tmp_path, {"conference.yaml": extend("conference.yaml", f"? {key}\n: 1\n")})
    line = base_lines("conference.yaml") + 1
    shown = f"{'k' * 60}\u2026{'k' * 20}"
    build_and_check_fail(tmp_path, data, [
        f"conference.yaml:{line}: {shown}: unknown key '{shown}' (100,000 characters); the keys here are title, "
        "short_title, subtitle, tagline, welcome, dates, venue, url, contact, hashtag, logo, cover_image, committees, "
        "places, notes, quote, language, sponsors, extra_pages, qr_codes"])


def test_session_nested_in_session(tmp_path):
    data = conference(tmp_path, {"programme.yaml": """\
        days:
          - date: 2027-09-13
            items:
              - session: Outer
                items:
                  - {time: "10:30-11:00", talk: okafor}
                  - session: Inner
                    items: []
        """})
    build_and_check_fail(tmp_path, data, [
        "programme.yaml:7: days[0].items[0].items[1].session: sessions cannot be nested inside a session",
    ])


def test_an_empty_list_of_parallel_sessions_is_an_error(tmp_path):
    """`parallel: []` printed nothing, without a word."""
    data = conference(tmp_path, {"programme.yaml": """\
        days:
          - date: 2027-09-13
            items:
              - {time: "10:30-11:00", talk: okafor}
              - parallel: []
        """})
    build_and_check_fail(tmp_path, data, [
        "programme.yaml:5: days[0].items[1].parallel: an empty list: give its sessions side by side (each a session "
        "with its items), or leave the item out",
    ])


# -- photos ---------------------------------------------------------------------------------

def test_photo_missing(tmp_path):
    data = conference(tmp_path, {"abstracts.yaml": with_photo("images/sub/nobody.jpg")})
    build_and_check_fail(tmp_path, data, [
        f"abstracts.yaml:{abstract_line() + 2}: [2].speaker.photo: 'images/sub/nobody.jpg': file not found (there is "
        "no folder images)",
    ])


@pytest.mark.parametrize("address", ["https://example.org/people/ana.jpg", "HTTP://example.org/ana.jpg"])
def test_a_photo_given_as_a_web_address_says_to_download_it(tmp_path, address):
    """It said "file not found (there is no folder https:)"."""
    data = conference(tmp_path, {"abstracts.yaml": with_photo(address)})
    build_and_check_fail(tmp_path, data, [
        f"abstracts.yaml:{abstract_line() + 2}: [2].speaker.photo: '{address}': file not found: a web address is no "
        "file; download it into the data folder (images/ana.jpg) and give its path there",
    ])


@pytest.mark.parametrize("written, meant", [("images/Ana.JPG", "images/ana.jpg"), ("images/anna.jpg", "images/ana.jpg"),
                                           ("images/zzz.jpg", None), ("Ana.jpg", "ana.jpg")])
def test_a_photo_not_found_names_the_file_of_its_folder_it_may_mean(tmp_path, written, meant):
    """"images/Logo.png" for images/logo.png said "file not found" alone."""
    data = conference(tmp_path, {"abstracts.yaml": with_photo(written), "images/ana.jpg": jpeg(), "ana.jpg": jpeg()})
    hint = f" (did you mean '{meant}'?)" if meant else ""
    build_and_check_fail(tmp_path, data, [
        f"abstracts.yaml:{abstract_line() + 2}: [2].speaker.photo: '{written}': file not found{hint}",
    ])


@pytest.mark.parametrize("content", [
    bytes(range(256)) * 8,          # not an image at all, named .jpg
    jpeg()[: len(jpeg()) // 2],     # a JPEG cut off half way
], ids=["corrupt", "truncated-jpeg"])
def test_photo_unreadable(tmp_path, content):
    """A file of no image format said Pillow's "cannot identify image file '/the/whole/path/images/a.jpg'"."""
    data = conference(tmp_path, {"abstracts.yaml": with_photo("images/a.jpg"), "images/a.jpg": content})
    why = pillow_error(data / "images" / "a.jpg")
    said = ("not an image booklet can read (no image format it knows): open it in an image editor and save it as PNG "
            "or JPEG") if why.startswith("cannot identify") else (
        f"the image is cut short ({why}): a copy or a download that stopped part way; copy or save the file again")
    assert str(tmp_path) not in said
    build_and_check_fail(tmp_path, data, [
        f"abstracts.yaml:{abstract_line() + 2}: [2].speaker.photo: 'images/a.jpg': {said}",
    ])


def test_a_damaged_photo_says_it_may_be_damaged_not_cut_short(tmp_path):
    """An image whose data is garbled, its length whole (a PNG's compressed pixels overwritten), is not "cut short":
    it may be damaged, to save again."""
    whole = io.BytesIO()
    Image.linear_gradient("L").resize((120, 90)).save(whole, "PNG")
    garbled = bytearray(whole.getvalue())
    start = garbled.index(b"IDAT") + 4
    garbled[start:start + 200] = bytes(byte ^ 0x5A for byte in garbled[start:start + 200])
    data = conference(tmp_path, {"abstracts.yaml": with_photo("images/a.png"), "images/a.png": bytes(garbled)})
    why = pillow_error(data / "images" / "a.png")
    assert "truncated" not in why.casefold()
    build_and_check_fail(tmp_path, data, [
        f"abstracts.yaml:{abstract_line() + 2}: [2].speaker.photo: 'images/a.png': not a readable image ({why}): the "
        "file may be damaged; open it in an image editor and save it again as PNG or JPEG",
    ])


@pytest.mark.parametrize("width, height, problem", [
    (9000, 9000, "image is 9000x9000 pixels, more than booklet accepts (80 megapixels)"),
    (20000, 20000, "image is 400 megapixels, more than booklet accepts (80 megapixels)"),  # (Pillow's limit first:
    (12000, 9000, "image is 108 megapixels, more than booklet accepts (80 megapixels)"),  # "a possible bomb")
])
def test_photo_decompression_bomb(tmp_path, width, height, problem):
    assert width * height > MAX_PIXELS
    bomb = png_claiming(width, height)
    assert len(bomb) < 200
    data = conference(tmp_path, {"abstracts.yaml": with_photo("images/bomb.png"), "images/bomb.png": bomb})
    build_and_check_fail(tmp_path, data, [
        f"abstracts.yaml:{abstract_line() + 2}: [2].speaker.photo: 'images/bomb.png': {problem}",
    ])


# -- many problems at once ---------------------------------------------------------------------

def test_many_problems_in_many_files_reported_together_in_order(tmp_path):
    n = abstract_line()
    data = conference(tmp_path, {
        "programme.yaml": """\
            days:
              - date: 2027-09-13
                items:
                  - {time: "25:00", title: Welcome}
                  - {time: "09:20-10:00", talk: lund-2027}
            """,
        "tutorials.yaml": BASE["tutorials.yaml"] + "  titel: Oops\n",
        "posters.yaml": "- number: five\n  author: Zoe Papadopoulou\n  title: Mixture density networks\n",
        "abstracts/x.yaml": "id: okafor\ntitle: Again\nspeaker: {name: A. Okafor}\n",
        "abstracts.yaml": extend("abstracts.yaml", """\
            - id: extra
              title: T
              authors:
                - {name: 王, presenting: maybe}
            """),
        "conference.yaml": extend("conference.yaml", "titel: Oops\n"),
    })
    expected = [
        f"conference.yaml:5: titel: unknown key 'titel' (did you mean 'title'?); the keys here are {CONFERENCE_KEYS}",
        f"abstracts.yaml:{n + 3}: [2].authors[0].name: warning: the booklet's fonts cannot print '王' (U+738B); "
        "nothing of the name is left to print, so the name is left out of the booklet: give theme.yaml's `fonts:` a "
        "font that has them",
        f"abstracts.yaml:{n + 3}: [2].authors[0].presenting: expected true or false, not the text \"maybe\"",
        "abstracts/x.yaml:1: id: duplicate id 'okafor' (first used at abstracts.yaml:5)",
        "posters.yaml:1: [0].number: expected a whole number, not text; write it like: number: 1",
        "programme.yaml:4: days[0].items[0].time: '25:00' is not a time: 25 is no hour (00-23); write HH:MM or "
        "HH:MM-HH:MM, e.g. \"09:00-09:20\"",
        "programme.yaml:5: days[0].items[1].talk: no abstract with id 'lund-2027' (did you mean 'lund-2026'?)",
        f"tutorials.yaml:{base_lines('tutorials.yaml') + 1}: [0].titel: unknown key 'titel' (did you mean 'title'?); "
        "the keys here are id, title, description, presenters, authors, language",
    ]
    assert summary(expected) == "7 errors, 1 warning; nothing was written." + LATER
    build_and_check_fail(tmp_path, data, expected)


def test_check_prints_what_build_prints(tmp_path):
    data = conference(tmp_path, {
        "conference.yaml": extend("conference.yaml", "exhibitors: []\n"),
        "programme.yaml": "days:\n  - date: 2027-09-13\n    items: [{time: '9-10', kind: brake}]\n",
    })
    build = invoke("build", data, "-o", tmp_path / "out.pdf")
    check = invoke("check", data)
    assert build.exit_code == check.exit_code == 1
    assert build.stderr.splitlines()[:-1] == check.stderr.splitlines()
    assert len(check.stderr.splitlines()) == 3 and check.stdout == f"{data}: 3 errors, 0 warnings.{LATER}\n"
    assert not (tmp_path / "out.pdf").exists()


# -- follow-on errors, end-of-file syntax errors, aliases, quoted booleans ------------------------

@pytest.mark.parametrize("files, expected", [
    ({"abstracts.yaml": BASE["abstracts.yaml"].replace("  title: A talk about Lund\n", "")},
     "abstracts.yaml:1: [0].title: required key is missing (e.g. title: Hierarchical models for galaxy surveys)"),
    ({"abstracts.yaml": BASE["abstracts.yaml"].replace("{name: Ana Smith, affiliation: Uni A}", "{affiliation: Uni A}")},
     "abstracts.yaml:3: [0].speaker.name: required key is missing (e.g. name: Ana Smith)"),
    ({"tutorials.yaml": BASE["tutorials.yaml"].replace("  title: Bayesian inference\n", "")},
     "tutorials.yaml:1: [0].title: required key is missing (e.g. title: \"Bayesian inference: an introduction\")"),
], ids=["abstract-without-title", "speaker-without-name", "tutorial-without-title"])
def test_no_follow_on_dangling_reference_for_a_broken_entry(tmp_path, files, expected):
    build_and_check_fail(tmp_path, conference(tmp_path, files), [expected])


def test_control_character_names_its_line(tmp_path):
    text = "title: X\nvenue: Lund\nshort_title: TC\x012027\ndates: {start: 2027-09-13, end: 2027-09-14}\n"
    build_and_check_fail(tmp_path, conference(tmp_path, {"conference.yaml": text}), [
        "conference.yaml:3: YAML syntax error: unacceptable character #x0001: special characters are not allowed",
    ])


def test_recursive_alias_is_an_error_not_a_crash(tmp_path):
    data = conference(tmp_path, {"conference.yaml": extend("conference.yaml", "notes: &a [*a]\n")})
    result = invoke("check", data)  # asserts no traceback
    assert result.exit_code == 1
    problem, = result.stderr.splitlines()
    assert problem.startswith("conference.yaml:5: notes")
    assert result.stdout == f"{data}: 1 error, 0 warnings.{LATER}\n"



def test_what_is_wrong_in_an_alias_is_reported_at_the_alias_not_at_its_anchor(tmp_path):
    """`- *p` on line 3 was reported at line 1, where `&p` is: in a participant listed twice, an abstract's id given
    twice; a self-referring alias still an error."""
    from booklet.check import check_folder

    data = conference(tmp_path, {"participants.yaml": "- &p {name: Ana Smith}\n- {name: Bo Jones}\n- *p\n"})
    _, problems = check_folder(data)
    (twice,) = [p for p in problems if p.file == "participants.yaml"]
    assert (twice.line, twice.key) == (3, "[2].name")
    assert "listed already, at participants.yaml:1" in twice.message
    data = conference(tmp_path / "b", {"abstracts.yaml": extend("abstracts.yaml", """\
        - &t
          id: again
          title: T
          speaker: {name: Ana Smith}
        - *t
        """)})
    build_and_check_fail(tmp_path / "b", data, [
        f"abstracts.yaml:{abstract_line() + 4}: [3].id: duplicate id 'again' (first used at abstracts.yaml:"
        f"{abstract_line()})",
    ])


SAMPLE = Path(__file__).resolve().parent.parent / "booklet" / "resources" / "sample"


def _sample_with(tmp_path: Path, file: str, old: str, new: str, added: str = "") -> tuple[Path, int]:
    """A copy of the sample data with `old` made `new` in `file` and `added` at its end; the line `added` starts on."""
    data = tmp_path / "sample"
    shutil.copytree(SAMPLE, data)
    text = (data / file).read_text(encoding="utf-8")
    if old:
        assert text.count(old) == 1
        text = text.replace(old, new)
    text = text.rstrip("\n") + "\n"
    (data / file).write_text(text + added, encoding="utf-8")
    return data, len(text.splitlines()) + 1


def test_what_is_within_an_aliased_session_is_reported_at_the_alias_not_inside_its_anchor(tmp_path):
    """A session given again by an alias (`- *hm` on line 37 of the sample's programme) had its talks "scheduled
    twice" at lines 22-26, inside the session '&hm' names: "programme.yaml:22: ...: talk 'penalosa' is already in
    the programme at programme.yaml:22". What is within an alias's value is now at the alias's line too."""
    coffee = '      - {time: "15:40-16:10", title: Coffee Break, kind: break}\n'
    data, _ = _sample_with(tmp_path, "programme.yaml", "      - session: Hierarchical Models\n",
                           "      - &hm\n        session: Hierarchical Models\n")
    text = (data / "programme.yaml").read_text(encoding="utf-8")
    assert text.count(coffee) == 1
    (data / "programme.yaml").write_text(text.replace(coffee, coffee + "      - *hm\n"), encoding="utf-8")
    assert text.splitlines()[17 - 1] == "      - &hm" and text.splitlines()[22 - 1].endswith("talk: penalosa}")
    result = invoke("check", data)
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    start = lines.index("Talks scheduled twice (5):")
    assert lines[start + 1: start + 6] == [
        f"programme.yaml:37: days[0].items[8].items[{index}].talk: warning: talk '{talk}' is already in the "
        f"programme at programme.yaml:{22 + index}; remove one of them, or, if the talk is given again, write "
        "`again: true` on this one"
        for index, talk in enumerate(["penalosa", "brennan", "fuentes", "haddad", "araujo"])]
    assert not [line for line in lines if line.startswith("programme.yaml:2") and "days[0].items[8]" in line]
    assert result.stdout == f"{data}: 0 errors, 10 warnings.\n"


def test_a_mistake_within_an_aliased_list_is_reported_at_the_alias_and_at_the_anchor(tmp_path):
    """`authors: *au` names a list of authors written under `authors: &au`: a quoted `presenting` in it is wrong in
    both abstracts, and was reported twice at the anchor's line; the second is now at the alias's."""
    data, line = _sample_with(tmp_path, "abstracts.yaml", "", "", added="""\
- id: extra-a
  title: A
  authors: &au
    - {name: Ana Smith, affiliation: Uni A, presenting: "true"}
- id: extra-b
  title: B
  authors: *au
""")
    quoted = 'expected true or false, not the text "true" (remove the quotes)'
    assert_rejected(invoke("check", data), [
        f"abstracts.yaml:{line + 3}: [41].authors[0].presenting: {quoted}",
        f"abstracts.yaml:{line + 6}: [42].authors[0].presenting: {quoted}",
    ], data)


def test_quoted_boolean_message_says_it_is_text(tmp_path):
    data = conference(tmp_path, {"abstracts.yaml": extend("abstracts.yaml", """\
        - id: extra
          title: T
          authors:
            - {name: Ana Smith, presenting: "true"}
        """)})
    build_and_check_fail(tmp_path, data, [
        f"abstracts.yaml:{abstract_line() + 3}: [2].authors[0].presenting: "
        "expected true or false, not the text \"true\" (remove the quotes)",
    ])


def _built_over_an_old_pdf(tmp_path, tracks: list) -> tuple:
    """A conference whose one day is `tracks` side by side, built over an earlier PDF: (its programme.yaml, the
    build's result, the PDF's path)."""
    programme = yaml.safe_dump({"days": [{"date": dt.date(2027, 9, 13), "items": [{"parallel": tracks}]}]},
                               width=100_000)
    folder = write_conference(tmp_path / "conf", {"programme.yaml": programme})
    out = tmp_path / "booklet.pdf"
    out.write_bytes(OLD_PDF)
    return programme, invoke("build", folder, "-o", out), out


@pytest.mark.parametrize("key", ["session", "chair", "room"])
def test_a_session_heading_too_long_for_a_page_is_an_error_not_a_crash(tmp_path, key):
    """Beside a parallel session, a heading of thousands of characters was taller than a page: the build
    stopped with an internal error. Now it is an error at its line, and nothing is written."""
    long = " ".join(["Exoplanets"] * 300)
    session = {"session": "Stars", "chair": "Ana Smith", "room": "Room A"}
    session[key] = long
    tracks = [dict(session, items=[{"time": "14:00-14:20", "title": "A talk"}]),
              {"session": "Planets", "items": [{"time": "14:00-14:20", "title": "Another talk"}]}]
    programme, result, out = _built_over_an_old_pdf(tmp_path, tracks)
    assert result.exit_code == 1
    line = next(n for n, text in enumerate(programme.splitlines(), 1) if long in text)
    assert (f"programme.yaml:{line}: days[0].items[0].parallel[0].{key}: too long for a session's heading in the "
            f"programme: {len(long)} characters, and a heading's {key} holds at most 300") in result.output
    assert out.read_bytes() == OLD_PDF


def test_a_parallel_session_s_chairs_too_long_together_are_an_error_not_a_crash(tmp_path):
    """A fuzzing run: 200 chairs of one parallel session, each short, made its heading taller than a page: check
    passed and the build stopped with an internal error (LayoutError: Splitting error). The chairs together hold
    at most 300 characters, as each does."""
    chairs = [f"Ana Smith {n}" for n in range(1, 201)]
    tracks = [{"session": "Stars", "chair": chairs, "items": [{"time": "14:00-14:20", "title": "A talk"}]},
              {"session": "Planets", "items": [{"time": "14:00-14:20", "title": "Another talk"}]}]
    programme, result, out = _built_over_an_old_pdf(tmp_path, tracks)
    assert result.exit_code == 1
    line = next(n for n, text in enumerate(programme.splitlines(), 1) if "chair:" in text)
    assert (f"programme.yaml:{line}: days[0].items[0].parallel[0].chair: too long for a session's heading in the "
            f"programme: 200 chairs of {len(', '.join(chairs))} characters together, and a heading's chairs hold "
            "at most 300 (say the rest in its items)") in result.output
    assert out.read_bytes() == OLD_PDF


@pytest.mark.parametrize("written", ['""', '" "'])
def test_an_empty_text_in_a_list_is_an_error_as_an_empty_item_is(tmp_path, written):
    """A fuzzing run: a session's `chair: [Mei Chen, ""]` printed "Chairs: Mei Chen and" in the programme, and
    `booklet proofs` wrote a proof for nobody, chair-author.pdf, with an empty name in the manifest; check passed.
    An item written as an empty (or blank) text is the error an empty item (`-`) was: at its line, nothing built,
    no proof written. The same for every list of texts (an affiliation, an alias, the back cover's notes)."""
    folder = write_conference(tmp_path / "conf", {
        "programme.yaml": BASE["programme.yaml"].replace("chair: Mei Chen", f"chair: [Mei Chen, {written}]"),
        "abstracts.yaml": BASE["abstracts.yaml"].replace("affiliation: Uni A", f"affiliation: [Uni A, {written}]"),
        "people.yaml": f"- name: Bo Jones\n  aliases:\n    - B. Jones\n    - {written}\n"})
    chair = next(n for n, line in enumerate(BASE["programme.yaml"].splitlines(), 1) if "chair:" in line)
    build_and_check_fail(tmp_path, folder, [
        "abstracts.yaml:3: [0].speaker.affiliation[1]: an empty item: write its text, or leave the item out",
        "people.yaml:4: [0].aliases[1]: an empty item: write its text, or leave the item out",
        f"programme.yaml:{chair}: days[0].items[3].chair[1]: an empty item: write its text, or leave the item out",
    ])
    proofs = tmp_path / "proofs"
    result = invoke("proofs", folder, "--out", proofs)
    assert result.exit_code == 1
    assert (f"programme.yaml:{chair}: days[0].items[3].chair[1]: an empty item: write its text, or leave the item "
            "out") in result.output
    assert not proofs.exists()


@pytest.mark.parametrize("key", ["name", "title"])
def test_a_committee_heading_too_long_for_a_page_is_an_error_not_a_crash(tmp_path, key):
    """A fuzzing run: a committee's title (or name) of 3,000 characters, kept on a page with two of its members,
    was taller than a page: check passed and the build stopped with an internal error (LayoutError). Now it is
    an error at its line, and nothing is written."""
    long = " ".join(["Exoplanets"] * 300)
    committee = {"name": "SOC", "title": "Scientific Organising Committee",
                 "members": [{"name": f"Ana Smith {n}"} for n in range(1, 7)]}  # more than KeepTogether keeps
    committee[key] = long
    conference = BASE["conference.yaml"] + yaml.safe_dump({"committees": [committee]}, width=100_000)
    folder = write_conference(tmp_path / "conf", {"conference.yaml": conference})
    out = tmp_path / "booklet.pdf"
    out.write_bytes(OLD_PDF)
    result = invoke("build", folder, "-o", out)
    assert result.exit_code == 1
    line = next(n for n, text in enumerate(conference.splitlines(), 1) if long in text)
    assert (f"conference.yaml:{line}: committees[0].{key}: too long for a committee's heading: {len(long)} "
            f"characters, and a heading's {key} holds at most 300") in result.output
    assert "internal error" not in result.output
    assert out.read_bytes() == OLD_PDF


def test_a_data_file_under_another_name_is_an_error_and_a_stray_copy_a_warning(tmp_path):
    """programme.yml, Theme.yaml, program.yaml, abstracts/x.yml: booklet reads none of them; check says so, at
    the file, instead of building a booklet without them."""
    data = write_conference(tmp_path / "conf", {"programme.yaml": None})
    (data / "programme.yml").write_text(BASE["programme.yaml"], "utf-8")
    (data / "Theme.yaml").write_text("page_size: A4\n", "utf-8")
    (data / "abstracts").mkdir()
    (data / "abstracts" / "extra.YML").write_text("id: extra\ntitle: An extra talk\nspeaker: {name: Ana}\n", "utf-8")
    (data / "notes.yml").write_text("not: a data file\n", "utf-8")  # stands for no data file: left alone
    with pytest.raises(DataError) as raised:
        read_booklet(data)
    problems = [str(p) for p in raised.value.problems]
    assert problems == [
        "Theme.yaml:1: booklet reads theme.yaml, not Theme.yaml: rename the file (as it is, it is left out)",
        "abstracts/extra.YML:1: booklet reads abstracts/extra.yaml, not abstracts/extra.YML: rename the file (as it "
        "is, it is left out)",
        "programme.yml:1: booklet reads programme.yaml, not programme.yml: rename the file (as it is, it is left out)"]

    for name in ("Theme.yaml", "abstracts/extra.YML"):
        (data / name).unlink()
    (data / "programme.yml").rename(data / "programme.yaml")
    (data / "program.yaml").write_text(BASE["programme.yaml"], "utf-8")
    booklet, warnings = read_booklet(data)
    assert [str(p) for p in warnings] == [
        "program.yaml:1: warning: booklet reads programme.yaml, which is there too; this file is left out (remove or "
        "rename it)"]
    assert booklet.days


def test_a_misnamed_participants_file_beside_a_participants_csv_is_a_stray_copy(tmp_path):
    data = write_conference(tmp_path / "conf")
    (data / "participants.csv").write_text("name,affiliation,email\nAnn Lee,X,a@b.c\n", "utf-8")
    (data / "Participants.yaml").write_text("- {name: Ann Lee}\n", "utf-8")
    booklet, warnings = read_booklet(data)
    assert [str(p) for p in warnings] == [
        "Participants.yaml:1: warning: booklet reads participants.csv, which is there too; this file is left out "
        "(remove or rename it)"]
    assert [p.name for p in booklet.participants] == ["Ann Lee"]


def test_a_table_saved_as_a_workbook_is_an_error_saying_how_to_make_the_file_booklet_reads(tmp_path):
    """A fuzzing run: participants.xlsx (or .ods, .tsv) beside no participants file was left out without a word, and
    an .xlsx renamed participants.csv was "not UTF-8 text (byte 0x83)". Each is an error that says what to do. A
    workbook named like another data file (the source an import was made from, kept beside the data) is left out
    with a warning: abstracts may be in abstracts/ alone."""
    import openpyxl

    data = write_conference(tmp_path / "conf", {"posters.yaml": None})
    book = openpyxl.Workbook()
    book.active.append(["name", "affiliation"])
    book.active.append(["Ana Smith", "Lund"])
    book.save(data / "participants.xlsx")
    book.save(data / "posters.xlsx")
    (data / "abstracts.ods").write_bytes(b"PK\x03\x04 an OpenDocument spreadsheet")
    with pytest.raises(DataError) as raised:
        read_booklet(data)
    assert [str(p) for p in raised.value.problems] == [
        "abstracts.ods:1: warning: booklet reads abstracts.yaml, not a workbook: this file is left out (booklet import "
        "makes the data files of a spreadsheet)",
        "participants.xlsx:1: booklet reads participants.csv, not participants.xlsx: save the sheet as CSV (UTF-8) "
        "under that name (as it is, it is left out)",
        "posters.xlsx:1: warning: booklet reads posters.yaml, not a workbook: this file is left out (booklet import "
        "makes the data files of a spreadsheet)"]
    (data / "participants.xlsx").rename(data / "participants.csv")
    (data / "posters.xlsx").unlink()
    with pytest.raises(DataError) as raised:
        read_booklet(data)
    assert [str(p) for p in raised.value.problems if p.severity == "error"] == [
        "participants.csv:1: the file is a zip file (an Excel .xlsx or OpenDocument .ods workbook), not text: save it "
        "as CSV (UTF-8)"]


def test_importing_an_old_or_password_protected_workbook_says_what_it_is(tmp_path):
    source = tmp_path / "programme.xls"
    source.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    result = invoke("import", source, "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert f"{source}: an Office file (an Excel 97-2003 .xls workbook, or one with a password): save it as .xlsx " \
           "without a password, or as CSV (UTF-8); nothing was written." in result.output
    assert not (tmp_path / "out").exists()


def test_an_image_or_extra_page_that_is_a_broken_link_says_so(tmp_path):
    """Fuzzing: an extra page's file that is a symbolic link to nothing was "file not found (did you mean
    'images/map.pdf'?)", the very name written; a cover image's, "did you mean" another file."""
    data = write_conference(tmp_path / "conf", {"conference.yaml": BASE["conference.yaml"] + (
        "cover_image: images/cover.jpg\nextra_pages: [{file: images/map.pdf}]\n")})
    (data / "images").mkdir()
    (data / "images" / "cover.jpg").symlink_to("cover-old.jpg")
    (data / "images" / "map.pdf").symlink_to("map-2027.pdf")
    result = invoke("check", data)
    assert result.exit_code == 1
    assert ("conference.yaml:5: cover_image: 'images/cover.jpg': a symbolic link to 'cover-old.jpg', which does not "
            "exist\n") in result.output
    assert ("conference.yaml:6: extra_pages[0].file: 'images/map.pdf': a symbolic link to 'map-2027.pdf', which "
            "does not exist\n") in result.output
    assert "did you mean" not in result.output


def test_an_image_that_cannot_be_read_says_so(tmp_path, monkeypatch):
    """Fuzzing (chmod 000, run without root's right to read any file): a cover image was "not a readable image
    ([Errno 13] Permission denied: '/the/whole/path')", and an extra page "not a readable image (...); an extra page
    is an image (PNG, JPEG, ...) or a one-page PDF". (Root reads any file: its refusal is simulated.)"""
    from booklet import images

    data = write_conference(tmp_path / "conf", {"conference.yaml": BASE["conference.yaml"] + (
        "cover_image: images/cover.png\nextra_pages: [{file: images/map.png}]\n")})
    (data / "images").mkdir()
    for name in ("cover.png", "map.png"):
        Image.new("RGB", (600, 400), "#3366aa").save(data / "images" / name)

    def refused(path, *args, **kwargs):
        raise PermissionError(13, "Permission denied", os.fspath(path))

    monkeypatch.setattr(images, "open", refused, raising=False)
    result = invoke("check", data)
    assert result.exit_code == 1
    assert "conference.yaml:5: cover_image: 'images/cover.png': cannot be read (Permission denied)\n" in result.output
    assert "conference.yaml:6: extra_pages[0].file: 'images/map.png': cannot be read (Permission denied)\n" \
        in result.output


def test_an_image_path_written_with_backslashes_says_the_path_meant(tmp_path):
    """Fuzzing: a path as Windows writes it (images\\cover.png) was "file not found", and nothing more."""
    data = write_conference(tmp_path / "conf", {"conference.yaml": BASE["conference.yaml"] + (
        "cover_image: 'images\\cover.png'\n")})
    (data / "images").mkdir()
    Image.new("RGB", (600, 400), "#3366aa").save(data / "images" / "cover.png")
    result = invoke("check", data)
    assert result.exit_code == 1
    assert ("conference.yaml:5: cover_image: 'images\\cover.png': file not found (a path is written with '/', not "
            "'\\': did you mean 'images/cover.png'?)\n") in result.output


@pytest.mark.parametrize("on_disk, in_data", [("NFD", "NFC"), ("NFC", "NFD")])
def test_a_file_whose_accents_are_encoded_otherwise_than_in_the_data_is_found(tmp_path, on_disk, in_data):
    """A photo copied from a Mac is named "pen\u0303alosa.jpg" (n and a combining tilde), the data "peñalosa.jpg":
    check said "file not found (did you mean 'images/peñalosa.jpg'?)", the two names looking the same."""
    import unicodedata

    folder_name, file_name = "imágenes", "peñalosa.png"
    data = write_conference(tmp_path / "conf", {"abstracts.yaml": (
        "- id: lund-2026\n  title: Hierarchical models\n"
        f"  speaker: {{name: Ana Smith, photo: {unicodedata.normalize(in_data, f'{folder_name}/{file_name}')}}}\n"
        "- id: okafor\n  title: More\n  speaker: {name: Chiamaka Okafor}\n")})
    folder = data / unicodedata.normalize(on_disk, folder_name)
    folder.mkdir()
    Image.new("RGB", (600, 800), "#3366aa").save(folder / unicodedata.normalize(on_disk, file_name))
    booklet, warnings = read_booklet(data)
    assert [str(w) for w in warnings if "photo" in str(w)] == []
    assert booklet.abstracts[0].authors[0].photo.name == unicodedata.normalize(on_disk, file_name)
    result = invoke("build", data, "-o", tmp_path / "b.pdf")
    assert result.exit_code == 0, result.output


def test_an_image_wider_than_a_jpeg_holds_is_an_error_at_its_key(tmp_path):
    """A fuzzing run: a photo 66,000 pixels wide passed check, and build failed with "cannot write ...pdf: broken
    data stream when writing image file", naming no data file or key."""
    data = conference(tmp_path, {"abstracts.yaml": (
        "- id: lund-2026\n  title: A talk\n  speaker: {name: Ana Smith, photo: images/wide.png}\n"
        "- id: okafor\n  title: More\n  speaker: {name: Chiamaka Okafor}\n")})
    (data / "images").mkdir(exist_ok=True)
    Image.new("L", (66000, 30)).save(data / "images" / "wide.png")
    build_and_check_fail(tmp_path, data, [
        "abstracts.yaml:3: [0].speaker.photo: 'images/wide.png': image is 66000x30 pixels, more than booklet accepts "
        "on a side (65,500, the most a JPEG holds; 5.5 m at 300 dpi): scale it down"])


def test_an_image_name_too_long_for_the_file_system_is_reported_at_its_key(tmp_path):
    """200 accented letters: looking for the name as a Mac encodes its accents raised "File name too long", and
    check said "cannot write ...", naming no data file or key."""
    name = "images/" + "ñ" * 200 + ".jpg"
    data = conference(tmp_path, {"abstracts.yaml": (
        f"- id: lund-2026\n  title: A talk\n  speaker: {{name: Ana Smith, photo: {name}}}\n"
        "- id: okafor\n  title: More\n  speaker: {name: Chiamaka Okafor}\n")})
    (data / "images").mkdir(exist_ok=True)
    build_and_check_fail(tmp_path, data, [
        f"abstracts.yaml:3: [0].speaker.photo: '{name}': cannot be read (File name too long)"])


def test_a_number_with_leading_zeros_is_the_number_its_digits_write(tmp_path):
    """`010` printed as poster 8 (YAML 1.1's octal) and `008` was "not text": both are what they say, as in YAML 1.2
    and the editor's schema."""
    posters = "".join(f"- number: {n}\n  author: Zoe Papadopoulou\n  title: Poster {n}\n" for n in ("007", "008", "010"))
    booklet, _ = read_booklet(conference(tmp_path, {"posters.yaml": posters}))
    assert [p.number for p in booklet.posters] == [7, 8, 10]


def test_abstract_files_in_a_folder_inside_abstracts_are_said_to_be_left_out(tmp_path):
    """A fuzzing run: abstracts/day2/a2.yaml passed check without a word, and was in no booklet."""
    entry = "- id: inner\n  title: Inner talk\n  speaker: {name: Ana Smith}\n  abstract: Text.\n"
    folder = conference(tmp_path, {"abstracts/day2/a2.yaml": entry, "abstracts/day2/deeper/b.yml": entry,
                                   "abstracts/empty/notes.txt": "notes"})
    _, warnings = read_booklet(folder)
    assert [(w.file, w.line, w.message) for w in warnings if w.kind == "stray-file"] == [
        ("abstracts/day2/", 1, "booklet reads the abstracts' files in abstracts/ itself, not in a folder inside it: "
                               "the 2 YAML files in this one are left out (move them up to abstracts/ to print them)")]


@pytest.mark.parametrize("target, said", [
    (".", "abstracts/ itself"), ("..", "the data folder, which holds abstracts/")])
def test_a_link_inside_abstracts_back_to_it_is_said_to_be_a_loop(tmp_path, target, said):
    """abstracts/loop -> abstracts (or the data folder) was a warning that the abstracts' own files "in this one are
    left out (move them up to abstracts/ to print them)"; a link to / walked the whole disk to count its YAML files.
    It is a loop, said so, and the abstracts are read once."""
    folder = conference(tmp_path, {"abstracts/x.yaml": "id: x1\ntitle: One\nspeaker: {name: A. Okafor}\n"})
    (folder / "abstracts" / "loop").symlink_to(target)
    booklet, warnings = read_booklet(folder)
    assert [a.id for a in booklet.abstracts].count("x1") == 1
    assert [(w.file, w.line, w.message) for w in warnings if w.kind == "stray-file"] == [
        ("abstracts/loop/", 1, f"a link to {said}: a loop, which booklet does not follow (it reads the abstracts' "
                               "files once, in abstracts/): remove the link")]
    result = invoke("check", folder)
    assert result.exit_code == 0 and "Traceback" not in result.output
    assert f"abstracts/loop/:1: warning: a link to {said}: a loop" in result.output


def test_reading_a_folder_scans_abstracts_for_looping_links_once(tmp_path, monkeypatch):
    """load.looping_links ran twice each time a folder was read (data.validate asked it, and yaml_in_folders asked it
    again) and twice more for the disk cache's key: each reader now scans once and hands yaml_in_folders what it
    found. The warning is the same."""
    from booklet.build import PrintOptions
    from booklet.cache import built
    from booklet.data import load, validate

    folder = conference(tmp_path, {"abstracts/x.yaml": "id: x1\ntitle: One\nspeaker: {name: A. Okafor}\n"})
    (folder / "abstracts" / "loop").symlink_to(".")
    scans, scan = [], load.looping_links

    def counted(where):
        scans.append(where)
        return scan(where)

    monkeypatch.setattr(validate, "looping_links", counted)
    monkeypatch.setattr(load, "looping_links", counted)
    _, warnings = read_booklet(folder)
    assert len(scans) == 1
    assert [w.file for w in warnings if w.kind == "stray-file"] == ["abstracts/loop/"]
    monkeypatch.setattr(built.disk, "folder", lambda: tmp_path / "cache")
    assert built.inputs(folder, PrintOptions(), "A5") is not None
    assert len(scans) == 2


def test_a_folder_of_abstracts_under_another_name_is_an_error_and_beside_abstracts_a_warning(tmp_path):
    """abstracts/ renamed (Abstracts/, abstract/) while editing: its abstracts were left out of the booklet without a
    word when the programme named none of them."""
    entry = "id: extra\ntitle: An extra talk\nspeaker: {name: Ana Smith}\nabstract: Text.\n"
    folder = conference(tmp_path, {"Abstracts/extra.yaml": entry, "Abstracts/more.yml": entry.replace("extra", "more"),
                                   "abstract/notes.txt": "not YAML: this folder is left alone"})
    build_and_check_fail(tmp_path, folder, [
        "Abstracts/:1: booklet reads the abstracts' files in abstracts/, not in Abstracts/: rename the folder (as it "
        "is, the 2 YAML files in it are left out)"])

    (folder / "abstracts").mkdir()
    _, warnings = read_booklet(folder)
    assert [(w.file, w.line, w.message) for w in warnings if w.kind == "stray-file"] == [
        ("Abstracts/", 1, "booklet reads the abstracts' files in abstracts/, which is there too: the 2 YAML files in "
                          "this folder are left out (move them to abstracts/ to print them)")]


def test_a_file_named_abstracts_is_said_to_be_left_out(tmp_path):
    """A fuzzing run: a file named `abstracts` (no folder) passed check without a word."""
    folder = conference(tmp_path, {"abstracts": "- id: x\n"})
    result = invoke("check", folder)
    assert result.exit_code == 0, result.output
    assert ("abstracts:1: warning: booklet reads abstracts/ as a folder of YAML files, an abstract or a list of them "
            "each: this is a file, left out (abstracts.yaml is the file of all abstracts)") in result.output.splitlines()


def test_a_name_of_characters_that_print_nothing_is_an_error(tmp_path):
    """A fuzzing run: `name: "\\u200b"` passed check, and the abstract printed with no speaker."""
    abstracts = BASE["abstracts.yaml"].replace("speaker: {name: Ana Smith, affiliation: Uni A}",
                                               'speaker: {name: "\\u200b\\u200d ", affiliation: Uni A}')
    build_and_check_fail(tmp_path, conference(tmp_path, {"abstracts.yaml": abstracts}), [
        "abstracts.yaml:3: [0].speaker.name: holds only characters that print nothing (zero-width spaces, joiners); "
        "write the text"])


def test_an_id_written_with_a_combining_accent_names_the_same_id_with_the_letter(tmp_path):
    """A fuzzing run: `id: café` (é one letter) and `talk: café` (e and a combining accent) gave "no abstract with id
    'café' (did you mean 'café'?)": two ids that look the same are the same."""
    import unicodedata

    composed, decomposed = unicodedata.normalize("NFC", "café"), unicodedata.normalize("NFD", "café")
    assert composed != decomposed
    files = {"abstracts.yaml": BASE["abstracts.yaml"].replace("id: lund-2026", f"id: {composed}"),
             "programme.yaml": BASE["programme.yaml"].replace("talk: lund-2026", f"talk: {decomposed}")}
    booklet, warnings = read_booklet(conference(tmp_path, files))
    talks = [item.abstract.title for day in booklet.days for item in day.items() if item.abstract]
    assert "A talk about Lund" in talks


def test_a_quoted_number_is_text_not_a_number(tmp_path):
    """A review: `number: "7"` was read as 7 once leading zeros were read as YAML 1.2 does."""
    build_and_check_fail(tmp_path, conference(tmp_path, {"posters.yaml": '- number: "7"\n  author: Zoe Papadopoulou\n'
                                                                         "  title: Mixture density networks\n"}),
                         ["posters.yaml:1: [0].number: expected a whole number, not text; write it like: number: 1"])


def test_a_bidirectional_control_character_is_warned_about_and_left_out(tmp_path):
    """A finding: Unicode's bidirectional controls (U+202E, right-to-left override; U+2066-U+2069, isolates; U+200E,
    U+200F, marks) in a text passed without a word, and stood unseen in the PDF's text (booklet reorders nothing:
    they did nothing else). Each is named by its code point, with file, line and key, and left out of the print."""
    data = conference(tmp_path, {"abstracts.yaml": extend("abstracts.yaml", """\
        - id: wang
          title: "A \\u202Eflipped\\u202C talk \\u2066on\\u2069 \\u200Fmarks 王"
          speaker: {name: "A. Wang\\u200E"}
        """), "programme.yaml": BASE["programme.yaml"] + '      - {time: "17:00-17:20", talk: wang}\n'})
    result = invoke("check", data)
    assert result.stderr.splitlines() == [
        "Characters the booklet's fonts cannot print (1):",
        f"abstracts.yaml:{abstract_line() + 1}: [2].title: warning: the booklet's fonts cannot print '王' (U+738B); "
        "left out: give theme.yaml's `fonts:` a font that has them",
        "Bidirectional control characters, left out (2):",
        f"abstracts.yaml:{abstract_line() + 1}: [2].title: warning: bidirectional control characters, U+202E, U+202C, "
        "U+2066, U+2069, U+200F: booklet sets text in the order it is written, where they do nothing; left out (it "
        "may have come with text copied from another program)",
        f"abstracts.yaml:{abstract_line() + 2}: [2].speaker.name: warning: a bidirectional control character, U+200E: "
        "booklet sets text in the order it is written, where it does nothing; left out (it may have come with text "
        "copied from another program)"]
    from booklet.text import markup

    assert markup.inline("A \u202eflipped\u202c talk \u2066on\u2069") == "A flipped talk on"


def test_arabic_indic_digits_in_a_title_are_warned_of_by_lint_check_and_build_and_left_out(tmp_path):
    """Digits no bundled font has (Arabic-Indic, U+0660-U+0669: inline() leaves them out) in a title: lint, check and
    build each warn of them with file, line and key, and the built title reads without them (any text a user writes
    prints as written or is reported)."""
    from .pdftext import Pdf

    data = conference(tmp_path, {"abstracts.yaml": extend("abstracts.yaml", """\
        - id: wang
          title: "Priors for ١٢٣ surveys"
          speaker: {name: A. Wang}
        """), "programme.yaml": BASE["programme.yaml"] + '      - {time: "17:00-17:20", talk: wang}\n'})
    said = (f"abstracts.yaml:{abstract_line() + 1}: [2].title: warning: the booklet's fonts cannot print '١' (U+0661), "
            "'٢' (U+0662), '٣' (U+0663); left out: give theme.yaml's `fonts:` a font that has them")
    out = tmp_path / "b.pdf"
    for command in (("lint", data), ("check", data), ("build", data, "-o", out)):
        result = invoke(*command)
        assert result.exit_code == 0 and said in result.stderr.splitlines(), command
    text = "\n".join(Pdf(out).texts)
    assert "Priors for surveys" in text and "\u0661" not in text


def test_a_name_with_a_bidirectional_control_is_the_same_person_in_the_index(tmp_path):
    """Fuzzing: "Bo\\u200f Jones" printed as "Bo Jones", but the index of authors listed "Jones, Bo" twice, one with
    the control. It is left out as the data is read: one person, warned of once."""
    from booklet.build import build_booklet

    data = conference(tmp_path, {"abstracts.yaml": extend("abstracts.yaml", """\
        - id: jones
          title: Another talk
          speaker: {name: "Chiamaka\\u200F Okafor"}
        """), "programme.yaml": BASE["programme.yaml"] + '      - {time: "17:00-17:20", talk: jones}\n'})
    result = build_booklet(data, tmp_path / "b.pdf")
    index = [line for page in Pdf(result.output).texts if "Index of authors" in page for line in page.splitlines()
             if "Okafor" in line]
    assert len(index) == 1, index
    assert [p.kind for p in result.warnings if "Okafor" in p.message or p.key.endswith("speaker.name")] == ["bidi"]
    # (a review: an item of a list, an affiliation, kept its control; and one at a text's end left a space)
    from booklet.check import check_folder

    data = conference(tmp_path / "list", {"abstracts.yaml": extend("abstracts.yaml", """\
        - id: jones
          title: "Another talk \\u200F"
          speaker: {name: Bo Jones, affiliation: ["Uni\\u200F A", "Uni B"]}
        """)})
    booklet = check_folder(data)[0]
    jones = next(a for a in booklet.abstracts if a.id == "jones")
    assert (jones.title, jones.authors[0].affiliations) == ("Another talk", ("Uni A", "Uni B"))


def test_a_combining_accent_on_no_letter_is_warned_of_at_its_line(tmp_path):
    """A fuzzing run: a combining accent at a title's start or after a space in a name ("\\u0301Another talk",
    "Bo \\u0308Jones": a letter's accent typed apart from it) printed over nothing, or over the character before,
    check passing it without a word. It is warned of at its file, line and key; one on its letter ("Zoe\\u0308") is
    not."""
    from booklet.check import check_folder

    data = conference(tmp_path, {"abstracts.yaml": extend("abstracts.yaml", """\
        - id: jones
          title: "\\u0301Another talk"
          speaker: {name: "Bo \\u0308Jones", affiliation: "Zoe\\u0308 Institute"}
        """), "programme.yaml": BASE["programme.yaml"] + '      - {time: "17:00-17:20", talk: jones}\n'})
    warnings = check_folder(data)[1]
    said = ("with no letter before it (at the text's start or after a space): it prints over nothing, or over the "
            "character before; write the accented letter (é), or remove the accent (it may have come with text copied "
            "from another program)")
    line = abstract_line()
    assert [(p.file, p.line, p.key, p.message) for p in warnings if p.kind == "accent"] == [
        ("abstracts.yaml", line + 1, "[2].title", f"a combining accent, U+0301, {said}"),
        ("abstracts.yaml", line + 2, "[2].speaker.name", f"a combining accent, U+0308, {said}")]


def test_a_data_folder_that_is_no_folder_is_not_offered_to_init(tmp_path):
    """A path that is there but is no folder (a device, a pipe): `booklet init` cannot make it one, so it is not offered."""
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    for name in (Path(os.devnull), pipe):
        _refused_as(name, f"{name}: not a folder: give the conference's data folder", tmp_path / "b.pdf")


def test_a_data_folder_that_is_a_link_in_a_loop_or_to_nothing_is_said_to_be_one(tmp_path):
    """A data folder that is a symbolic link in a loop was an internal error (RuntimeError: Symlink loop, from
    Path.resolve), exit 2, for check, build and preview; one to nothing was "not a folder" without a word of why."""
    loop, nowhere = tmp_path / "loop", tmp_path / "nowhere"
    loop.symlink_to("loop")
    nowhere.symlink_to(tmp_path / "gone")
    _refused_as(loop, f"{loop}: not a folder: it is a symbolic link in a loop (it points, in the end, to itself); give "
                "the conference's data folder", tmp_path / "b.pdf")
    _refused_as(nowhere, f"{nowhere}: not a folder: it is a symbolic link to '{tmp_path / 'gone'}', which does not "
                "exist; give the conference's data folder", tmp_path / "b.pdf")
    result = invoke("preview", loop, "--out", tmp_path / "pngs")
    assert result.exit_code == 1 and "internal error" not in result.output
    assert result.stderr.splitlines()[0] == (f"{loop}: not a folder: it is a symbolic link in a loop (it points, in "
                                             "the end, to itself); give the conference's data folder")


def test_an_output_in_a_folder_that_is_a_link_in_a_loop_cannot_be_written_and_says_so(tmp_path):
    """`-o loop/booklet.pdf` and `proofs --out loop`, where loop is a symbolic link in a loop, were an internal error
    (RuntimeError from Path.resolve, in the check that an output replaces no input), then the system's words ("Not a
    directory", "Too many levels of symbolic links", "File exists"): now said as a data folder that is one is, exit 1,
    nothing written: build, proofs (into it, and into a folder under it), preview and impose."""
    data = conference(tmp_path)
    loop = tmp_path / "loop"
    loop.symlink_to("loop")
    said = f"{loop}: not a folder: it is a symbolic link in a loop (it points, in the end, to itself); nothing was written."
    pdf = tmp_path / "made.pdf"
    assert invoke("build", data, "-o", pdf).exit_code == 0
    for command, target in [(("build", data, "-o", loop / "booklet.pdf"), loop / "booklet.pdf"),
                            (("build", data, "-o", loop / "sub" / "booklet.pdf"), loop / "sub"),
                            (("proofs", data, "--out", loop / "sub"), loop / "sub"),
                            (("preview", data, "--pages", "1", "--out", loop), loop),
                            (("impose", pdf, "-o", loop / "spreads.pdf"), loop / "spreads.pdf")]:
        result = invoke(*command)
        assert result.exit_code == 1, result.output
        assert result.stderr == f"booklet: cannot write {target}: {said}\n", command
    result = invoke("proofs", data, "--out", loop)
    assert result.exit_code == 1 and "internal error" not in result.output, result.output
    assert result.stderr.startswith(f"booklet: cannot write {loop}/") and result.stderr.endswith(f": {said}\n")
    assert loop.is_symlink() and sorted(p.name for p in tmp_path.iterdir()) == ["conf", "loop", "made.pdf"]


@pytest.mark.parametrize("encoding, expected", [
    ("utf-16", "the file is UTF-16 text; save it as UTF-8"),
    ("utf-32", "the file is UTF-32 text; save it as UTF-8"),  # it said "UTF-16 text" (its mark starts as UTF-16's)
    # without a byte order mark: "not UTF-8 text (byte 0xd8)" at the first letter outside ASCII, or, for ASCII
    # alone (valid UTF-8, a NUL after each letter), "YAML syntax error: unacceptable character #x0000"
    ("utf-16-le", "the file is UTF-16 text, without a byte order mark; save it as UTF-8"),
    ("utf-16-be", "the file is UTF-16 text, without a byte order mark; save it as UTF-8"),
    ("utf-32-le", "the file is UTF-32 text, without a byte order mark; save it as UTF-8"),
    ("utf-32-be", "the file is UTF-32 text, without a byte order mark; save it as UTF-8"),
], ids=["utf-16", "utf-32", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
@pytest.mark.parametrize("text", ["title: Åström\nvenue: Lund\ndates: {start: 2027-09-13, end: 2027-09-14}\n",
                                  "title: Astrom\nvenue: Lund\ndates: {start: 2027-09-13, end: 2027-09-14}\n"],
                         ids=["letters", "ascii"])
def test_a_file_in_utf16_or_utf32_says_which(tmp_path, encoding, expected, text):
    """A generated-input run: conference.yaml saved as UTF-32 was reported as "UTF-16 text", and saved as UTF-16 or
    UTF-32 without a byte order mark, as a stray byte or character. Each names its encoding, at line 1."""
    data = conference(tmp_path, {"conference.yaml": text.encode(encoding)})
    build_and_check_fail(tmp_path, data, [f"conference.yaml:1: {expected}"])


def test_text_shaped_as_a_day_not_in_the_calendar_prints_as_written(tmp_path):
    """A generated-input run: `title: 2026-02-30` (YAML's pattern of a date, unquoted) stopped the build with "title:
    '2026-02-30' is not a valid date", where `title: 2026-02-28` prints as written; a poster's number and an item's
    time said the same. The text is read as written: a text key prints it, a number or a time says it is none, and a
    date key, quoted or not, says it is no valid date."""
    data = conference(tmp_path, {
        "conference.yaml": BASE["conference.yaml"].replace("title: Test Conference", "title: 2026-02-30"),
        "abstracts.yaml": BASE["abstracts.yaml"].replace("title: A talk about Lund", "title: 2027-13-01")})
    result = invoke("build", data, "-o", tmp_path / "b.pdf")
    assert result.exit_code == 0, result.output
    texts = "\n".join(Pdf(tmp_path / "b.pdf").texts)
    assert "2026-02-30" in texts and "2027-13-01" in texts
    bad = conference(tmp_path / "bad", {
        "posters.yaml": BASE["posters.yaml"].replace("number: 1", "number: 2026-02-30"),
        "programme.yaml": BASE["programme.yaml"].replace('time: "09:00-09:20"', "time: 2026-02-30"),
        "conference.yaml": BASE["conference.yaml"].replace("end: 2027-09-14", 'end: "2027-09-31"')})
    build_and_check_fail(tmp_path / "bad", bad, [
        "conference.yaml:3: dates.end: '2027-09-31' is not a valid date: September 2027 has 30 days",
        "posters.yaml:1: [0].number: expected a whole number, not text; write it like: number: 1",
        "programme.yaml:4: days[0].items[0].time: '2026-02-30' is not a time; write HH:MM or HH:MM-HH:MM, "
        "e.g. \"09:00-09:20\""])


@pytest.mark.parametrize("version, line", [("1.3", 1), ("1.0", 2)])
def test_a_yaml_version_directive_booklet_cannot_read_is_named(tmp_path, version, line):
    """A generated-input run: a file starting with `%YAML 1.3` was refused as "the file cannot be read as YAML" (libyaml
    refuses it; PyYAML's own parser, asked for a better message, reads it). The directive is named, at its line."""
    head = f"%YAML {version}\n---\n" if line == 1 else f"# the conference\n%YAML {version}\n---\n"
    data = conference(tmp_path, {"conference.yaml": head + BASE["conference.yaml"]})
    build_and_check_fail(tmp_path, data, [
        f"conference.yaml:{line}: YAML syntax error: '%YAML {version}' names a version of YAML that booklet does not "
        "read (it reads 1.1 and 1.2): write %YAML 1.2, or leave the line out"])
    fine = conference(tmp_path / "fine", {"conference.yaml": "%YAML 1.2\n---\n" + BASE["conference.yaml"]})
    assert invoke("check", fine).exit_code == 0


def test_an_escape_in_double_quotes_outside_a_formula_is_read_as_yaml_reads_it(tmp_path):
    # "\ne" is a line break and "e" (Italian's "and"), though \ne is also LaTeX's sign: only a formula's is LaTeX's
    data = conference(tmp_path, {"conference.yaml": 'title: "Prima riga\\ne seconda, $x$"\nvenue: Lund\n' + DATES})
    result = invoke("check", data)
    assert result.exit_code == 0, result.output


def test_an_item_of_characters_that_print_nothing_in_a_list_is_an_error(tmp_path):
    """A fuzzing run: a session's `chair: [Mei Chen, "\\u200b"]` printed "Chairs: Mei Chen and" (and `proofs` wrote
    chair-author.pdf for nobody), an author's `affiliation: [Uni A, "\\u200f"]` a numbered line '2' with no text under
    the author list, and check passed: a text of such characters alone was an error as a key's own value, not as an
    item of a list. Now it is one there too, at the item's line, and nothing is built."""
    folder = conference(tmp_path, {
        "programme.yaml": BASE["programme.yaml"].replace("chair: Mei Chen", 'chair: [Mei Chen, "\\u200b"]'),
        "abstracts.yaml": BASE["abstracts.yaml"].replace("affiliation: Uni A", 'affiliation: [Uni A, "\\u200f\\u200e"]'),
        "people.yaml": '- name: Bo Jones\n  aliases:\n    - B. Jones\n    - "\\ufeff "\n'})
    chair = next(n for n, line in enumerate(BASE["programme.yaml"].splitlines(), 1) if "chair:" in line)
    what = "holds only characters that print nothing (zero-width spaces, joiners); write its text, or leave the item out"
    build_and_check_fail(tmp_path, folder, [
        f"abstracts.yaml:3: [0].speaker.affiliation[1]: {what}",
        f"people.yaml:4: [0].aliases[1]: {what}",
        f"programme.yaml:{chair}: days[0].items[3].chair[1]: {what}",
    ])
    proofs = tmp_path / "proofs"
    result = invoke("proofs", folder, "--out", proofs)
    assert result.exit_code == 1
    assert f"programme.yaml:{chair}: days[0].items[3].chair[1]: {what}" in result.output
    assert not proofs.exists()


@pytest.mark.parametrize("value, said", [("42", "a number"), ("true", "true/false"), ("2027-01-01", "a date")])
def test_an_email_written_as_a_number_true_false_or_a_date_is_an_error_at_its_key(tmp_path, value, said):
    """A fuzzing run: `email: 42` was taken as the address '42' (a warning of lint), though the schema says an email
    is text: a value of another type is an error at its key, in participants.yaml and in a speaker's mapping alike."""
    data = conference(tmp_path, {
        "participants.yaml": f"- {{name: Ana Smith}}\n- {{name: Bo Jones, email: {value}}}\n",
        "abstracts.yaml": BASE["abstracts.yaml"].replace("affiliation: Uni A}", f"affiliation: Uni A, email: {value}}}")})
    with pytest.raises(DataError) as raised:
        read_booklet(data)
    problems = raised.value.problems
    hint = f"expected an email address, not {said}; write it like: email: ana.smith@example.org"
    assert [(p.file, p.line, p.key, p.message) for p in problems if p.severity == "error"] == [
        ("abstracts.yaml", 3, "[0].speaker.email", hint), ("participants.yaml", 2, "[1].email", hint)]


def test_an_empty_time_talk_or_tutorial_is_an_error_at_its_key(tmp_path):
    """A fuzzing run (wrong types at every key): `time: ""` printed an item without a time, `talk: ""` an empty slot,
    check passing both without a word, though the schema refuses a text of nothing there. Each is an error at its
    key; the key left out (`time:`) is still no time."""
    data = conference(tmp_path, {"programme.yaml": """\
        days:
          - date: 2027-09-13
            items:
              - {time: "", title: Welcome}
              - {time: "09:20-10:00", talk: " "}
              - {time: "10:00-10:30", tutorial: ""}
              - {time: , title: Later}
        """, "tutorials.yaml": None})
    with pytest.raises(DataError) as raised:
        read_booklet(data)
    assert [(p.file, p.line, p.key, p.message) for p in raised.value.problems if p.severity == "error"] == [
        ("programme.yaml", 4, "days[0].items[0].time", 'is empty: write it like time: "09:00-09:20", or leave the key out'),
        ("programme.yaml", 5, "days[0].items[1].talk", "is empty: write it like talk: smith-2027, or leave the key out"),
        ("programme.yaml", 6, "days[0].items[2].tutorial",
         "is empty: write it like tutorial: bayes-intro, or leave the key out")]


def test_an_item_that_prints_nothing_is_an_error(tmp_path):
    """A fuzzing run: a programme item with no time, no title (or one empty), no talk and no tutorial (`- {}`,
    `{kind: break, room: Foyer}`) was left out of the programme without a word, its room too, check passing it. Each
    is an error at the item; a slot left empty with its time (`{time: "10:00-10:20"}`) is still printed so."""
    data = conference(tmp_path, {"programme.yaml": """\
        days:
          - date: 2027-09-13
            items:
              - {}
              - {time: "09:00-09:20", title: Welcome}
              - {kind: break, room: Foyer}
              - {time: , title: ""}
              - {time: "10:00-10:20"}
        """, "tutorials.yaml": None})
    with pytest.raises(DataError) as raised:
        read_booklet(data)
    said = ": the programme would print nothing of it; give its title (or its talk: or tutorial:), or leave the item out"
    assert [(p.file, p.line, p.key, p.message) for p in raised.value.problems if p.severity == "error"] == [
        ("programme.yaml", 4, "days[0].items[0].title", "an item without a time, a title, a talk or a tutorial" + said),
        ("programme.yaml", 6, "days[0].items[2].title", "an item without a time, a title, a talk or a tutorial" + said),
        ("programme.yaml", 7, "days[0].items[3].title", "is empty" + said)]


def test_a_choice_given_empty_is_an_error_at_its_key(tmp_path):
    """A second fuzzing run: a key that takes one of a list of words given a text of nothing (an abstract's or a
    programme item's `kind: ""`, an extra page's `after: " "`, theme.yaml's `base`, `page_size`, `cover.style`,
    `posters.group_by`, `extra_pages.turn`) was taken as its default, check passing it without a word, though the
    schema refuses it (an enum). Each is an error at its file, line and key, naming the words; `kind:` with nothing
    after it is still the key left out."""
    data = conference(tmp_path, {
        "abstracts.yaml": extend("abstracts.yaml", """\
            - id: extra
              kind: ""
              title: Extra
              speaker: {name: Eva Berg}
            """),
        "programme.yaml": """\
            days:
              - date: 2027-09-13
                items:
                  - {time: "09:00-09:20", title: Welcome, kind: " "}
                  - {time: "09:20-10:00", talk: lund-2026, kind: }
                  - {time: "10:00-10:30", talk: extra}
                  - {time: "10:30-11:00", talk: okafor}
                  - {time: "14:00-17:00", tutorial: bayes-intro}
            """,
        "conference.yaml": extend("conference.yaml", """\
            extra_pages:
              - {file: images/map.png, after: " "}
            """),
        "images/map.png": (Path(__file__).parent.parent / "data" / "images" / "logo.png").read_bytes(),
        "theme.yaml": """\
            base: ""
            page_size: " "
            cover: {style: "", logo: bottom-left}
            posters: {group_by: ""}
            extra_pages: {turn: ""}
            """})
    with pytest.raises(DataError) as raised:
        read_booklet(data)
    line = abstract_line()
    sections = "contents, committees, glance, programme, abstracts, tutorials, posters, practical, sponsors, " \
        "participants, index"
    assert [(p.file, p.line, p.key, p.message) for p in raised.value.problems if p.severity == "error"] == [
        ("conference.yaml", 6, "extra_pages[0].after", f"is empty: write one of {sections}, or leave the key out"),
        ("abstracts.yaml", line + 1, "[2].kind",
         "is empty: write one of contributed, invited, keynote, special, or leave the key out"),
        ("programme.yaml", 4, "days[0].items[0].kind",
         "is empty: write one of talk, tutorial, break, social, poster, other, or leave the key out"),
        ("theme.yaml", 1, "base", "is empty: write one of classic, modern, minimal, or leave the key out"),
        ("theme.yaml", 2, "page_size", "is empty: write one of A5, A4, B5, letter, or leave the key out"),
        ("theme.yaml", 3, "cover.style", "is empty: write one of band, full-bleed, plain, or leave the key out"),
        ("theme.yaml", 4, "posters.group_by", "is empty: write one of session, topic, or leave the key out"),
        ("theme.yaml", 5, "extra_pages.turn", "is empty: write one of left, right, none, or leave the key out")]


def test_a_word_of_hundreds_of_characters_is_warned_of_at_its_line(tmp_path):
    """A fuzzing run: a title of one word of 10,000 characters (a base64 image pasted in) was cut between letters over
    a hundred lines of the cover, and check said nothing of it. A run of more than LONG_WORD characters without a space
    is warned of at its file, line and key; a web address is, only when ten times as long."""
    from booklet.check import check_folder

    blob = "QUJD" * 60  # 240 characters
    address = "https://example.org/" + "a/" * 140  # 300 characters: a web address, not warned of
    data = conference(tmp_path, {"abstracts.yaml": extend("abstracts.yaml", f"""\
        - id: jones
          title: "Another {blob} talk"
          speaker: {{name: "Bo Jones", affiliation: "Uni {blob}"}}
          abstract: "See {address}"
        """), "programme.yaml": BASE["programme.yaml"] + '      - {time: "17:00-17:20", talk: jones}\n'})
    warnings = check_folder(data)[1]
    said = ("a word of 240 characters without a space ('QUJDQUJDQUJDQUJDQUJD…'): it is cut between letters over line "
            "after line wherever it is printed; is it data pasted in (an image, a key, a sequence)? Leave it out, or "
            "give it spaces")
    line = abstract_line()
    assert [(p.file, p.line, p.key, p.message) for p in warnings if p.kind == "long-word"] == [
        ("abstracts.yaml", line + 1, "[2].title", said), ("abstracts.yaml", line + 2, "[2].speaker.affiliation", said)]
