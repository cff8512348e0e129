"""mhchem's \\ce{...} typeset in text and in math, for the subset booklet reads (booklet.text.mhchem); one outside it
prints as written and `check` tells of it with file, line and key."""

from __future__ import annotations

import pytest

from booklet.build import build_booklet
from booklet.check import check_folder
from booklet.text import markup

from .helpers import extend, write_conference
from .mathpdf import find, glyphs, texts, typeset


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (r"\ce{H2SO4}", "H\u2082SO\u2084"),
        (r"\ce{SO4^2-}", "SO\u2084\u00b2\u207b"),
        (r"\ce{^{13}C}", "\u00b9\u00b3C"),
        (r"\ce{A + B -> C}", "A + B \u27f6 C"),
        (r"\ce{Fe^3+}", "Fe\u00b3\u207a"),
        (r"\ce{Fe^{3+}}", "Fe\u00b3\u207a"),
        (r"\ce{CO2 + H2O <=> H2CO3}", "CO\u2082 + H\u2082O \u21cc H\u2082CO\u2083"),
        (r"\ce{Na+ + Cl- -> NaCl}", "Na\u207a + Cl\u207b \u27f6 NaCl"),
        (r"\ce{NaCl(aq) + AgNO3(aq) -> AgCl(s) + NaNO3(aq)}", "NaCl(aq) + AgNO\u2083(aq) \u27f6 AgCl(s) + NaNO\u2083(aq)"),
        (r"\ce{[Cu(NH3)4]^2+}", "[Cu(NH\u2083)\u2084]\u00b2\u207a"),
        (r"\ce{2H2 + O2 -> 2 H2O}", "2 H\u2082 + O\u2082 \u27f6 2 H\u2082O"),
        (r"\ce{Fe^3+ + e- -> Fe^2+}", "Fe\u00b3\u207a + e\u207b \u27f6 Fe\u00b2\u207a"),
        (r"\ce{CuSO4*5H2O}", "CuSO\u2084\u00b75H\u2082O"),
        (r"\ce{^{227}_{90}Th}", "\u00b2\u00b2\u2077\u2089\u2080Th"),
        (r"\ce{HC#CH}", "HC\u2261CH"),
        (r"\ce{A <- B} \ce{A <-> B} \ce{A <--> B}", "A \u27f5 B A \u27f7 B A \u21c4 B"),
        (r"\ce{BaSO4 v} \ce{CO2 ^}", "BaSO\u2084 \u2193 CO\u2082 \u2191"),
    ],
)
def test_mhchem_formulas_print_as_mhchem_sets_them(text, expected):
    assert markup.plain(text) == expected
    assert markup.latex_problems(text) == []


def test_a_formula_is_upright_its_counts_subscripts_and_its_charges_superscripts():
    """Chemistry's letters are upright (no <i>: math would set A, B, C in italic), a count a subscript, a charge a
    superscript with a minus sign; in text and in math alike. `\\ce` printed as written, with a warning."""
    made = markup.inline(r"\ce{SO4^2- + A -> B}")
    assert "<i>" not in made
    assert made.startswith('SO<mscripts><sub rise="24.7%" size="70%">4</sub><super rise="36.3%" size="70%">2'
                           '<font name="Math">\u2212</font></super></mscripts>')
    assert markup.inline(r"$K = [\ce{H+}]$") == (
        '<i>K</i>\u00a0<font name="Math">=</font> [H<mscripts><super rise="36.3%" size="70%"><font name="Math">+'
        '</font></super></mscripts>]')
    assert markup.plain(r"\(K_w = [\ce{H+}][\ce{OH-}]\)") == "Kw = [H\u207a][OH\u207b]"


def test_formulas_in_the_pdf(tmp_path):
    pdf = typeset(tmp_path / "ce.pdf", [r"Acid \ce{H2SO4} and \ce{SO4^2-}, \ce{^{13}C}, \ce{CO2 + H2O <=> H2CO3}."])
    assert texts(pdf) == ["Acid H2SO4 and SO42\u2212, 13C, CO2 + H2O \u21cc H2CO3."]
    page = glyphs(pdf)[0]
    h = page[find(page, "H")]
    two = page[find(page, "H2SO4") + 1]
    assert two.size < h.size and two.y < h.y  # a count: a subscript
    at = find(page, "SO42")
    o, four, charge = page[at + 1], page[at + 2], page[at + 3]
    assert four.y < o.y < charge.y and charge.size < o.size  # a charge: a superscript
    assert abs(four.x - charge.x) < 0.5  # stacked over the count, as TeX sets a nucleus's two scripts
    thirteen = page[find(page, "13C")]
    assert thirteen.y > o.y and thirteen.size < o.size  # an isotope's mass number: raised, before its element
    assert all(not g.font.endswith("Italic") for g in page if g.char in "HSOC")  # upright


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (r"\ce{A ->[\Delta] B}", r"booklet does not typeset the arrow ->[\Delta]: it reads ->, <-, <->, <=> and <--> alone"),
        (r"\ce{n H2O}", "booklet does not read 'n' in a formula (its elements, counts, charges, isotopes and states)"),
        (r"\ce{\alpha-Fe}", r"booklet reads formulas, not math or macros, in \ce: '\alpha-Fe'"),
        (r"\ce{H2O", "a '{' that no '}' closes"),
        (r"\ce{}", "it is empty"),
        (r"\ce{2 -> B}", "the number 2 stands before no formula"),
    ],
)
def test_a_formula_outside_the_subset_prints_as_written_and_is_told_of(text, problem):
    assert markup.plain(f"see {text} here") == f"see {text} here"
    source = text if text != r"\ce{H2O" else r"\ce"
    assert markup.latex_problems(f"see {text} here") == [f"mhchem's {source} prints as written: {problem}"]


def test_in_math_a_formula_outside_the_subset_prints_as_written_and_is_told_of_not_as_an_unknown_macro():
    assert markup.plain(r"$x = \ce{n H2O}$") == r"x = \ce{n H2O}"
    assert markup.latex_problems(r"$x = \ce{n H2O}$") == [
        r"mhchem's \ce{n H2O} prints as written: booklet does not read 'n' in a formula (its elements, counts, "
        "charges, isotopes and states)"]


def test_check_warns_of_a_formula_outside_the_subset_with_file_line_and_key_and_the_build_typesets_the_rest(tmp_path):
    data = write_conference(tmp_path / "conf", {"abstracts.yaml": extend("abstracts.yaml", """\
        - id: lee
          title: Sulfate \\ce{SO4^2-} in water
          speaker: {name: Ann Lee}
          abstract: Carbonic acid, \\ce{CO2 + H2O <=> H2CO3}, and \\ce{A ->[\\Delta] B}.
        """)})
    _, problems = check_folder(data)
    math = [(p.file, p.line, p.key, p.kind, p.message) for p in problems if p.kind == "math"]
    assert math == [("abstracts.yaml", 14, "[2].abstract", "math",
                     r"mhchem's \ce{A ->[\Delta] B} prints as written: booklet does not typeset the arrow ->[\Delta]: "
                     "it reads ->, <-, <->, <=> and <--> alone")]
    out = tmp_path / "out.pdf"
    build_booklet(data, out)
    printed = " ".join(texts(out))
    assert "Sulfate SO42\u2212 in water" in printed
    assert "Carbonic acid, CO2 + H2O \u21cc H2CO3, and \\ce{A ->[\\Delta] B}." in printed
