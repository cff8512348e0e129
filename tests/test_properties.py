"""Property-based tests: generated text and structures thrown at load, validate, layout and the CLI.

Whatever the input: load and validate return a value or report problems (never raise anything
else); the CLI exits 0 or 1 (never 2, an internal error), never prints a traceback, and leaves an
existing output untouched when it fails; and a text a user writes prints as written, but for the
characters the build warned about.

The normal run (the "default" profile, as CI runs it) is short and reproducible: derandomized, it draws the same
examples every run. Before a release, run many more examples, fresh ones every run (the "release" profile):

    BOOKLET_HYPOTHESIS=release .venv/bin/python -m pytest -q tests/test_properties.py tests/test_paragraphs.py

A release run that fails prints the failing example and a `@reproduce_failure(...)` line that replays it when put
on the test; it also keeps the example in .hypothesis/, and the next release run tries it first. (The profiles:
tests/hypothesis_profiles.py.)
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from booklet.cli import main
from booklet.data import contract
from booklet.data.load import load_file
from booklet.data.validate import read_booklet
from booklet.problems import DataError
from booklet.text import markup
from booklet.text.fonts import unprintable
from .helpers import BASE, write_conference
from .hypothesis_profiles import following_the_profile
from .pdftext import Pdf, norm

# The properties that build a booklet an example (some 0.1 s each) take half the profile's examples: their cases are
# also proved example by example (test_bad_data's build_and_check_fail: exit 1, the old output kept, nothing left
# beside it; test_lint's names and titles the fonts cannot print, warned of and left out)
BUILDING = settings(max_examples=max(1, settings.default.max_examples // 2))

OLD_PDF = b"%PDF-1.4\n% an older booklet\n%%EOF\n"

# -- strategies made from the data contract -----------------------------------------------------

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
SCALAR = st.one_of(TEXT, st.integers(-10**6, 10**6), st.booleans(), st.none(), st.floats(allow_nan=False),
                   st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31)))


def value_for(key: contract.Key, depth: int):
    """A value for `key`: mostly of its type, sometimes any scalar or a nested structure."""
    right = {
        "text": TEXT, "texts": st.one_of(TEXT, st.lists(TEXT, max_size=3)), "id": st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True),
        "ref": st.sampled_from(["lund-2026", "okafor", "bayes-intro", "nope"]),
        "date": st.dates(dt.date(2027, 9, 10), dt.date(2027, 9, 16)),
        "time": st.sampled_from(["09:00", "09:00-09:20", "25:00", "9am", "10:30-10:00", "10h15"]),
        "integer": st.integers(-5, 5000), "boolean": st.booleans(),
        "choice": st.sampled_from(list(key.choices) + ["dinner", "nope"]),
        "choices": st.lists(st.sampled_from(list(key.choices) + ["nope"]), max_size=4),
        "image": st.sampled_from(["images/none.jpg", ""]),
        "file": st.sampled_from(["images/none.pdf", "conference.yaml", ""]), "email": st.sampled_from(["a@b.org", "not an email"]),
        "language": st.sampled_from(["en", "de", "fr", "xx", "english"]),
        "colour": st.sampled_from(["#112233", "#FFFFFF", "blue", "#12345"]),
    }
    if key.type in ("record", "records"):
        if depth > 2:
            return SCALAR
        record_values = st.one_of(*(record_of(r, depth + 1) for r in key.records))
        inner = record_values if key.type == "record" else st.lists(record_values, max_size=3)
        return st.one_of(inner, inner, SCALAR)
    return st.one_of(right[key.type], right[key.type], right[key.type], SCALAR, st.lists(SCALAR, max_size=2))


def record_of(record: contract.Record, depth: int = 0):
    keys = st.lists(st.sampled_from(record.names), unique=True, max_size=len(record.names))
    extra = st.sampled_from([{}, {}, {}, {"colour": "red"}, {"<<": None}])

    @st.composite
    def build(draw):
        out = {name: draw(value_for(record[name], depth)) for name in draw(keys)}
        out.update(draw(extra))
        return out

    return build()


def document(spec: contract.File):
    one = record_of(spec.record)
    return st.lists(one, max_size=3) if spec.many else one


FILES = {spec.name: spec for spec in contract.FILES if "*" not in spec.name}


def write_folder(folder: Path, documents: dict) -> Path:
    data = write_conference(folder)
    for name, value in documents.items():
        (data / name).write_text(yaml.safe_dump(value, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return data


def invoke(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert "Traceback" not in result.output and "internal error" not in result.output, result.output
    return result


def test_the_release_profile_draws_fresh_examples_each_run_and_the_default_the_same_ones(request):
    """The default profile (CI's) draws the same examples every run; the release profile (BOOKLET_HYPOTHESIS=release)
    drew them too, inheriting the default's derandomize: it draws fresh ones each run now, and keeps what fails."""
    def drawn(profile: str) -> list[int]:
        seen = []

        @settings(settings.get_profile(profile), max_examples=20, database=None)
        @given(st.integers())
        def draw(number):
            seen.append(number)

        draw()
        return seen

    assert drawn("default") == drawn("default")
    release = settings.get_profile("release")
    assert release.max_examples == 1500 and release.database is not None and release.print_blob
    if request.config.getoption("hypothesis_seed") is not None:
        pytest.skip("--hypothesis-seed draws the same examples in every run, as asked")
    assert drawn("release") != drawn("release")


def test_a_property_with_examples_of_its_own_follows_the_profile_loaded():
    """A property that asks for more examples than the default profile's (test_paragraphs' two of markup, 400 and 300;
    test_printable_check_as_plain_text_defines_it's 300) takes them with following_the_profile: derandomized under the
    default profile (CI), fresh at a release and at least the release's 1,500; those of test_paragraphs had their own
    derandomize=True, and drew the same examples at a release too."""
    loaded = os.environ.get("BOOKLET_HYPOTHESIS", "default")
    try:
        for profile, derandomized, examples in (("default", True, 400), ("release", False, 1500)):
            settings.load_profile(profile)
            made = following_the_profile(400, suppress_health_check=list(HealthCheck))
            assert (made.derandomize, made.max_examples, made.database is None) == (
                derandomized, examples, derandomized), profile
            assert made.deadline is None and set(made.suppress_health_check) == set(HealthCheck)
    finally:
        settings.load_profile(loaded)


# -- load ---------------------------------------------------------------------------------------

@given(st.one_of(st.text(max_size=300), st.binary(max_size=300).map(lambda b: b.decode("latin-1"))))
def test_load_never_raises_and_reports_lines_inside_the_file(text):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.yaml"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        problems = []
        load_file(path, "x.yaml", problems)
        lines = text.count("\n") + 2
        assert all(1 <= p.line <= lines for p in problems), problems


@given(st.recursive(SCALAR, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                       st.dictionaries(TEXT, inner, max_size=3)), max_leaves=12))
def test_load_reads_back_any_structure_yaml_writes(value):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.yaml"
        path.write_text(yaml.safe_dump(value, allow_unicode=True), encoding="utf-8")
        problems = []
        load_file(path, "x.yaml", problems)
        assert all(p.line >= 1 for p in problems)


# -- validate -----------------------------------------------------------------------------------

@given(st.sampled_from(sorted(FILES)).flatmap(lambda name: document(FILES[name]).map(lambda doc: (name, doc))))
def test_validate_returns_a_booklet_or_every_problem(named):
    name, doc = named
    with tempfile.TemporaryDirectory() as tmp:
        data = write_folder(Path(tmp) / "conf", {name: doc})
        try:
            booklet, warnings = read_booklet(data)
        except DataError as exc:
            assert exc.errors and all(p.file and p.line >= 1 for p in exc.problems)
        else:
            assert booklet.conference.title and all(p.severity == "warning" for p in warnings)


# -- the CLI: exit 0 or 1, an old output untouched on failure ---------------------------------------

@BUILDING
@given(st.sampled_from(sorted(FILES)).flatmap(lambda name: document(FILES[name]).map(lambda doc: (name, doc))))
def test_build_exits_0_or_1_and_keeps_the_old_output_when_it_fails(named):
    name, doc = named
    with tempfile.TemporaryDirectory() as tmp:
        data = write_folder(Path(tmp) / "conf", {name: doc})
        out = Path(tmp) / "out" / "booklet.pdf"
        out.parent.mkdir()
        out.write_bytes(OLD_PDF)
        result = invoke("build", data, "-o", out)
        assert result.exit_code in (0, 1)
        if result.exit_code == 1:
            assert out.read_bytes() == OLD_PDF
        assert sorted(p.name for p in out.parent.iterdir()) == ["booklet.pdf"]  # no temp file left


# -- printed text equals the input text, or is warned about -----------------------------------------

USER_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Co", "Cn", "Zl", "Zp"),
                                  blacklist_characters="$*_\\`#&!%@|>[]{}'\""), min_size=1, max_size=30)


# The sections where BASE's first abstract's title and speaker print (test_a_title_and_a_name_...): the glance, the
# programme, the abstracts, the index (the speaker); the contents list the sections' names alone
_NAMED_IN = "sections: [glance, programme, abstracts, index]\n"


@BUILDING
@given(USER_TEXT.filter(lambda t: t.strip() and norm(t)), USER_TEXT.filter(lambda t: t.strip() and norm(t)))
def test_a_title_and_a_name_print_as_written_or_are_warned_about(title, name):
    with tempfile.TemporaryDirectory() as tmp:
        abstracts = BASE["abstracts.yaml"].replace(
            "title: A talk about Lund", f"title: {yaml.safe_dump(title.strip(), allow_unicode=True).splitlines()[0]}"
        ).replace("speaker: {name: Ana Smith, affiliation: Uni A}",
                  f"speaker: {{name: {yaml.safe_dump(name.strip(), allow_unicode=True, default_flow_style=True).splitlines()[0]}, affiliation: Uni A}}")
        # (the sections that print the title or the name: not the tutorials' nor the posters', a third of the pages)
        data = write_conference(Path(tmp) / "conf", {"abstracts.yaml": abstracts, "theme.yaml": _NAMED_IN})
        out = Path(tmp) / "b.pdf"
        result = invoke("build", data, "-o", out)
        if result.exit_code != 0:  # YAML may read some texts as something else: then it says so
            assert "abstracts.yaml" in result.stderr
            return
        warned = [line for line in result.stderr.splitlines() if "cannot print" in line]
        text = "".join(Pdf(out).norms)
        for written in (title, name):
            missing = set(unprintable(written))  # what the warning lists (the first five of them by name)
            assert bool(missing) == any(line.startswith("abstracts.yaml:") and
                                        ("].title:" in line if written is title else "speaker.name:" in line)
                                        for line in warned), (written, warned)
            if written is name and any("so the whole name is left out" in line for line in warned):
                # (a name that would lose a letter is left out whole: 'Mei Chen and 王小明' printed 'Mei Chen and')
                assert markup.loses_letters(markup.plain(name.strip())), (written, warned)
                continue
            if written is name and (apart := markup.names_apart(name.strip())):
                # (a list of names prints the names the fonts have, '王小明, Andrew Lee' 'Andrew Lee', as warned)
                assert any(f"and '{markup.printed_words(markup.plain(apart[0]))}' printed" in line
                           for line in warned), (written, warned)
                assert norm(markup.printed_words(markup.plain(apart[0]))) in text, (written, warned)
                continue
            kept = "".join(ch for ch in written if ch not in missing)
            assert norm(kept) in text, (written, warned)


@following_the_profile(300, suppress_health_check=list(HealthCheck))  # (the same examples in CI, fresh at a release)
@given(st.lists(st.sampled_from(["word", " ", "\n", "\t", "\u2003", "\u3000", "\u00a0", "\u202f", "*", "**", "_",
                                 "$x^2$", "$\\alpha$", "$\\unknownmacro$", "\\$", "$", "é", "Ω", "Ж", "\u4e00",
                                 "\U0001F600", "\u2028", "\x85", "—", "~", "$x_{12}^{-3}$", "$\\mathbb{E}$",
                                 "$\u4e00^2$", "$a~b$", "$\\text{\U0001F600}$", "$\\mathrm{Ω}_\u4e00$"]),
                max_size=14).map("".join))
def test_printable_check_as_plain_text_defines_it(text):
    """fields.check_printable (a set of characters seen printable before, for text without math) warns
    exactly as its definition: the characters of markup.plain(text) that no font shows, in order, and the
    LaTeX problems of markup.latex_problems."""
    from booklet.data.fields import Report, check_printable
    from booklet.text import markup

    report = Report(Path("."))
    check_printable(report, "f.yaml", 3, "k", text)
    missing = unprintable("".join(dict.fromkeys(markup.plain(text))))
    expected = []
    if missing:
        shown = ", ".join(f"'{ch}' (U+{ord(ch):04X})" for ch in missing[:5])
        more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
        # (a text of nothing but what cannot print, and spaces or punctuation, is said to leave nothing)
        nothing = not any(ch.isalnum() for ch in markup.plain(text) if ch not in missing)
        expected.append(f"the booklet's fonts cannot print {shown}{more}; left out"
                        f"{', and nothing of the text is left to print' if nothing else ''}: give theme.yaml's "
                        "`fonts:` a font that has them")
    expected += markup.latex_problems(text)
    assert [p.message for p in report.problems] == expected


def test_printable_check_names_what_cannot_print():
    from booklet.data.fields import Report, check_printable

    report = Report(Path("."))
    check_printable(report, "f.yaml", 3, "k", "Caf\u00e9 \u4e00 and *\U0001F600* twice \u4e00")
    check_printable(report, "f.yaml", 4, "k", "Caf\u00e9 plain")
    assert [(p.line, p.message) for p in report.problems] == [
        (3, "the booklet's fonts cannot print '\u4e00' (U+4E00), '\U0001F600' (U+1F600); left out: give theme.yaml's `fonts:` a font that has them")]


# Pieces of text check_printable finds nothing in, alone: words, white space of every kind, letters the fonts have,
# quiet formulas (between dollars, \( \) and \[ \]), dollars that open none, spans of code, web addresses, emphasis,
# lists
_QUIET = ["word", "Caf\xe9", " ", "\n", "\n\n", "\t", "\r\n", "\u2003", "\xa0", "\u2028", "\x85", "- ", "1. ", "*",
          "**", "\u0416", "\u03a9", "\u2014", "\u2264", "\xb5", "$x^2$", "$\\alpha$", "$> 84\\%$", "$H_{0}$",
          "$x^{a^{b}}$", "\\(x^2\\)", "\\[\\beta\\]", "$", "\\$", "$$x$$", "5$", "```", "`$x$`", "`\\cite{x}`",
          "https://x.org/$a$", "www.x.org"]
# and pieces that may tell of something (alone, or with those around them): control characters, halves of surrogate
# pairs (alone, paired, reversed), bidirectional controls, format, combining, private-use, unassigned and
# non-characters, scripts booklet does not set as they are read, formulas that are not quiet (a character no font
# has among what they make), LaTeX outside math, siunitx and mhchem, blocks of code
_TELLING = ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x1c", "\x7f", "\x9f", "\ud800", "\udc00",
            "\ud83d\ude00", "\ude00\ud83d", "\u200b", "\u200e", "\u200f", "\u202e", "\u2066", "\ufeff", "\u0301",
            "\ue000", "\U000e0100", "\ufffe", "\u0378", "\u05e9\u05dc\u05d5\u05dd", "\u0645\u0631\u062d\u0628\u0627",
            "\u0928\u092e\u0938\u094d\u0924\u0947", "\u4e00", "\U0001f600", "$\\unknownmacro$", "$\\frac{1}$",
            "$\\sqrt{}$", "$e^{x^{2^{k}}}$", "$f\\'(x)$", "$a \\\\ b$", "$\\,$", "${x$", "$x}$",
            "$the quick brown fox$", "$\u4e00^2$", "$\\text{\U0001f600}$", "$\\frown$", "$\\mercury$", "$\\ce{H2O}$",
            "$\\SI{5}{\\metre}$", "\\[citation needed\\]", "\\cite{x}", "\\emph{y}", "\\'e", "{\\o}", "\\ss", "\\%",
            "\\pi", "C:\\data", "\\SI{3}{\\kelvin}", "\\ce{CO2}", "\\\"o", "~~~", "\n```\n", "```python\n", "\n~~~\n",
            "Q" * 201, "https://x.org/" + "a" * 2001]  # (a word of pasted data, a web address ten times as long)
_AROUND = st.lists(st.sampled_from(_QUIET), max_size=6).map("".join)
# one piece among quiet ones (what it tells of alone), any pieces, any characters
_CHECKED = st.one_of(st.tuples(_AROUND, st.sampled_from(_QUIET + _TELLING), _AROUND).map("".join),
                     st.lists(st.sampled_from(_QUIET + _TELLING), max_size=12).map("".join),
                     st.text(st.characters(min_codepoint=0, max_codepoint=0x10FFFF), max_size=30))


def _checked_both_ways(text: str, glyphs: bool = True, name: bool = False, instead: str = "", scripts: bool = False):
    """check_printable's answer and warnings of `text`, and check_printable_fully's. `scripts`: with fonts told to
    have Hebrew, Arabic and Devanagari (as a theme's fallback may: no font shipped has them), which print letter by
    letter."""
    from booklet.data.fields import Report, check_printable, check_printable_fully
    from booklet.text import fonts

    fast, full = Report(Path(".")), Report(Path("."))
    with pytest.MonkeyPatch.context() as patch:
        if scripts:
            real = fonts.unprintable

            def unprintable(text):
                return [ch for ch in real(text) if not ("\u0590" <= ch <= "\u06ff" or "\u0900" <= ch <= "\u097f")]

            patch.setattr(fonts, "unprintable", unprintable)
            patch.setattr(fonts, "all_printable", lambda chars: not unprintable("".join(chars)))
        prints = check_printable(fast, "f.yaml", 3, "k", text, glyphs, name, instead)
        told = check_printable_fully(full, "f.yaml", 3, "k", text, glyphs, name, instead)
    return (prints, fast.problems), (told, full.problems)


@following_the_profile(300, suppress_health_check=list(HealthCheck))
@given(_CHECKED, st.booleans(), st.booleans(), st.sampled_from(["", "Untitled"]), st.booleans())
def test_printable_check_skips_only_text_the_full_check_finds_nothing_in(text, glyphs, name, instead, scripts):
    """check_printable looks at most text only as far as telling it has nothing to warn of (_nothing_to_tell): it
    warns of any text exactly as the full check does, the same warnings (file, line, key, message, kind) in the same
    order, and answers as it does (whether the text prints)."""
    fast, full = _checked_both_ways(text, glyphs, name, instead, scripts)
    assert fast == full


@pytest.mark.parametrize("piece", _QUIET + _TELLING)
def test_printable_check_of_each_piece_is_the_full_check(piece):
    """As above, for each piece alone and among quiet text, in a name and not, with the fonts told to have the
    scripts and not: what each tells of is told."""
    for text in (piece, f"A word, {piece} and $x^2$, Caf\u00e9"):
        for glyphs, name, scripts in ((True, False, False), (True, True, True), (False, False, True)):
            fast, full = _checked_both_ways(text, glyphs, name, "", scripts)
            assert fast == full, (text, glyphs, name, scripts)


@pytest.mark.parametrize("text, told", [
    ("Plain words over\nlines, and *emphasis*", False), ("Caf\u00e9 \u0141\u00f3d\u017a \u2014 \u2264 5", False),
    ("at $H_{0}$ and $\\sigma$ and \\(x^2\\), www.x.org/$a$", False), ("costs $5 and $10", False),
    ("a \u4e00", True), ("a\u200fb", True), ("a\ud800b", True), ("\u05e9\u05dc\u05d5\u05dd", True),
    ("$\\unknownmacro$", True), ("$x}$", True), ("$the quick brown fox$", True), ("$e^{x^{2^{k}}}$", True),
    ("see \\cite{x}", True), ("caf\\'e", True), ("\\[citation needed\\]", True), ("```\ncode", True),
    ("a $\\frown$", True)])
def test_printable_check_looks_in_full_at_each_text_with_something_to_tell(text, told):
    """What each kind of warning tells of sends a text to the full check, which warns; a text with none of them
    does not go there (and the full check finds nothing in it)."""
    from booklet.data.fields import Report, _nothing_to_tell, check_printable_fully

    report = Report(Path("."))
    check_printable_fully(report, "f.yaml", 3, "k", text)
    assert (_nothing_to_tell(text, True), bool(report.problems)) == (not told, told)


def test_the_white_space_plain_text_collapses_is_every_space_but_the_no_break_ones():
    from booklet.data.fields import _COLLAPSED_SPACES, _KEPT_SPACES

    spaces = {ch for ch in map(chr, range(0x110000)) if ch.isspace()}
    assert _COLLAPSED_SPACES == spaces - _KEPT_SPACES and _KEPT_SPACES < spaces


# -- typography: titles' ties, quotation marks ----------------------------------------------------

TYPED = st.lists(st.sampled_from(list("aAIbx1 '\"=(:.-@/<>&*$\u00e0\n") + ["https://x.org/", "it's", " II"]),
                 max_size=30).map("".join)
_STRAIGHT = str.maketrans("\u201c\u201d\u2018\u2019", "\"\"''")


@given(TYPED)
def test_a_title_differs_from_its_inline_markup_only_by_no_break_spaces(text):
    from booklet.text import markup

    assert markup.title(text).replace("\u00a0", " ") == markup.inline(text).replace("\u00a0", " ")


@given(TYPED)
def test_quotation_marks_change_nothing_but_straight_quotes(text):
    """Whatever the markup (tags, entities, addresses, math): only straight quotes change, each into a mark."""
    from booklet.text import markup
    from booklet.text.quotes import curly_quotes

    made = markup.inline(text)
    curled = curly_quotes(made, ("\u201c", "\u201d", "\u2018", "\u2019"))
    assert len(curled) == len(made)
    assert curled.translate(_STRAIGHT) == made.translate(_STRAIGHT)
