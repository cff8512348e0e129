"""siunitx's commands (\\SI, \\qty, \\si, \\unit, \\num, \\ang and the ranges) typeset in text and in math; one booklet
cannot read prints as written and `check` tells of it (booklet.text.siunitx)."""

from __future__ import annotations

import pytest

from booklet.build import build_booklet
from booklet.check import check_folder
from booklet.text import markup

from .helpers import extend, write_conference
from .mathpdf import glyphs, texts, typeset

THIN = '<mkern em="0.1667">\u00a0</mkern>'  # TeX's \, (a thin space no line breaks at), as math sets it
MINUS_ONE = '<mscripts><super rise="36.3%" size="70%"><font name="Math">\u2212</font>1</super></mscripts>'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (r"\SI{50}{\milli\kelvin}", "50 mK"),
        (r"\SI{2.5}{T}", "2.5 T"),
        (r"\si{\micro\meter}", "\u00b5m"),
        (r"\num{1.2e-3}", "1.2 \u00d7 10\u207b\u00b3"),
        (r"\num{-3}", "\u22123"),
        (r"\num{2x3}", "2 \u00d7 3"),
        (r"\qty{3}{\giga\hertz}", "3 GHz"),
        (r"\unit{\kilo\gram\per\cubic\metre}", "kg m\u207b\u00b3"),
        (r"\SI{10}{\percent}", "10 %"),
        (r"\SI{300}{\degreeCelsius}", "300 \u00b0C"),
        (r"\SIrange{1}{5}{\milli\meter}", "1\u20135 mm"),
        (r"\qtyrange{1}{5}{\nano\second}", "1\u20135 ns"),
        (r"\numrange{10}{20}", "10\u201320"),
        (r"\SI{2}{\kilo\ohm}", "2 k\u03a9"),
        (r"\SI{1}{\electronvolt}", "1 eV"),
        (r"\SI{3}{\metre\per\second}", "3 m s\u207b\u00b9"),
        (r"\SI{9.8}{\metre\per\second\squared}", "9.8 m s\u207b\u00b2"),
        (r"\SI{4}{\square\metre}", "4 m\u00b2"),
        (r"\SI{4}{\metre\tothe{4}}", "4 m\u2074"),
        (r"\SI{4}{\raiseto{4}\metre}", "4 m\u2074"),
        (r"\SI{1.2+-0.1}{\tesla}", "1.2 \u00b1 0.1 T"),
        (r"\SI{3}{km.s^{-1}}", "3 km s\u207b\u00b9"),
        (r"\SI{3}{m/s}", "3 m/s"),
        (r"\SI[per-mode=symbol]{5}{\milli\meter}", "5 mm"),  # (options left out: siunitx's defaults)
        (r"\ang{30}", "30\u00b0"),
        (r"\SI{30}{\degree}", "30\u00b0"),  # (no space before a degree)
        (r"$E = \SI{5}{\electronvolt}$", "E = 5 eV"),
        (r"$\SI{50}{\milli\kelvin}$", "50 mK"),
        # what booklet cannot read prints as written
        (r"\SI{5}{\foo}", r"\SI{5}{\foo}"),
        (r"\num{abc}", r"\num{abc}"),
        (r"\SI{5}", r"\SI{5}"),
        (r"\SIlist{1;2}{\metre}", r"\SIlist{1;2}{\metre}"),
        (r"`\SI{5}{\metre}`", r"\SI{5}{\metre}"),  # (code is code)
    ],
)
def test_siunitx_commands_print_as_siunitx_sets_them(text, expected):
    assert markup.plain(f"at {text} now") == f"at {expected} now"


def test_a_quantity_is_math_in_text_its_number_held_to_its_unit_by_a_thin_space():
    assert markup.inline(r"cooled to \SI{50}{\milli\kelvin} at \SI{3}{\micro\metre\per\second}") == (
        f"cooled to 50{THIN}mK at 3{THIN}\u00b5m{THIN}s{MINUS_ONE}")
    assert markup.inline(r"in math $v = \SI{3}{\micro\metre\per\second}$") == (
        f"in math <i>v</i>\u00a0<font name=\"Math\">=</font>\u00a03{THIN}\u00b5m{THIN}s{MINUS_ONE}")  # (= held to 3)
    assert markup.inline(r"an odd \SI{5}{\foo}") == r"an odd \SI{5}{\foo}"


def test_quantities_in_the_pdf(tmp_path):
    pdf = typeset(tmp_path / "si.pdf", [r"at \SI{50}{\milli\kelvin}, \SI{8}{\kilo\gram\per\cubic\metre}, "
                                        r"\num{1.2e-3}, \SIrange{1}{5}{\milli\meter} and \SI{2}{\kilo\ohm}"])
    assert texts(pdf) == ["at 50 mK, 8 kg m\u22123, 1.2 \u00d7 10\u22123, 1\u20135 mm and 2 k\u03a9"]
    page = glyphs(pdf)[0]
    three = [g for g in page if g.char == "3"]
    base = next(g for g in page if g.char == "m")
    assert len(three) == 2 and all(g.size < base.size and g.y > base.y for g in three)  # (superscripts)


def test_latex_problems_tell_of_a_siunitx_command_printed_as_written_and_not_of_one_typeset():
    assert markup.latex_problems(r"at \SI{50}{\milli\kelvin}, \ang{30}, \SI{5}{\foo}, \num{1x} and \cite{ref1}") == [
        r"siunitx's \SI{5}{\foo} prints as written: booklet does not know the unit \foo",
        r"siunitx's \num{1x} prints as written: '1x' is no number booklet can read",
        r"LaTeX outside math: \cite{ref1}; printed as written (booklet reads LaTeX only in math, between $...$)"]
    assert markup.latex_problems(r"$T = \SI{50}{\milli\kelvin}$ and \SIrange{1}{5}{\milli\meter}") == []


def test_check_warns_of_an_unknown_unit_with_file_line_and_key(tmp_path):
    data = write_conference(tmp_path / "conf", {"abstracts.yaml": extend("abstracts.yaml", """\
        - id: lee
          title: Cooling to \\SI{50}{\\milli\\kelvin}
          speaker: {name: Ann Lee}
          abstract: A field of \\SI{2.5}{T} and a rate of \\SI{5}{\\foo}.
        """)})
    _, problems = check_folder(data)
    math = [(p.file, p.line, p.key, p.kind, p.message) for p in problems if p.kind == "math"]
    assert math == [("abstracts.yaml", 14, "[2].abstract", "math",
                     r"siunitx's \SI{5}{\foo} prints as written: booklet does not know the unit \foo")]
    out = tmp_path / "out.pdf"
    build_booklet(data, out)
    printed = " ".join(texts(out))
    assert "Cooling to 50 mK" in printed and "A field of 2.5 T and a rate of \\SI{5}{\\foo}." in printed


def test_a_line_of_thousands_of_unclosed_commands_finds_each_groups_end_once(monkeypatch):
    """A generated abstract of 5,000 "\\SI{" with no closing brace took 9 s: each command's group was looked for to
    the line's end. Every group's end is found in one pass over the line (siunitx._group_ends)."""
    from booklet.text import siunitx

    monkeypatch.setattr(siunitx, "_group_end", lambda *args: pytest.fail("a group's end looked for again"))
    found = siunitx.commands("\\SI{" * 5000)
    assert len(found) == 5000 and {f.problem for f in found} == {"a '{' that no '}' closes"}
    assert [(f.start, f.end, f.math) for f in siunitx.commands("x \\SI{ \\SI{1}{\\metre} \\si{\\kelvin}")] == [
        (2, 5, None), (7, 21, "1\\,\\mathrm{m}"), (22, 34, "\\mathrm{K}")]


def test_powers_written_without_braces_a_per_of_a_negative_power_and_digits_siunitx_reads():
    """A review: 'km.s^-1' printed 'km s⁻ 1' (the power one character long, the 1 a unit), 'm^10' 'm¹ 0', 'm^\\metre' a
    stray brace, all without a warning; \\per\\second\\tothe{-2} 's⁻⁻²'; a fullwidth digit passed as a number and
    vanished from the page."""
    from booklet.text import siunitx

    assert markup.plain(r"\SI{3}{km.s^-1}") == "3 km s\u207b\u00b9"
    assert markup.plain(r"\SI{3}{m^10}") == "3 m\u00b9\u2070"
    assert markup.plain(r"\SI{5}{\per\second\tothe{-2}}") == "5 s\u00b2"
    assert markup.plain(r"\SI{5}{\per\second\tothe{2}}") == markup.plain(r"\SI{5}{\per\second\squared}")
    assert siunitx.problems(r"\SI{1}{m^\metre}") == [
        r"siunitx's \SI{1}{m^\metre} prints as written: a power '^' before a command: write the power in braces, ^{-1}"]
    assert siunitx.problems("\\SI{\uff15}{\\metre}") == [
        "siunitx's \\SI{\uff15}{\\metre} prints as written: '\uff15' is no number booklet can read"]
