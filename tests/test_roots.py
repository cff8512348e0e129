"""Square roots set as TeX sets them: the sign, a bar over the whole radicand joined to the sign's top (a typographer's
review of Hard Probes 2026's book: "√(s_NN)" printed the radicand in parentheses)."""

from __future__ import annotations

import re

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.lib.pagesizes import A5

from booklet.layout.flowables import Para
from booklet.layout.page import page_for
from booklet.layout.styles import make_styles
from booklet.text import markup
from booklet.text.fonts import FONT_DIR, register_fonts
from booklet.text.paragraph import EMBOLDEN, LINESKIP, _boxes_ink, glyph_box, radical_shape

from .mathpdf import find, glyphs, rules, texts, typeset

BASE = 9.5  # the abstracts' text size on A5
STROKE = 0.070  # Noto Sans Math's √: its tick, the one horizontal stroke of its outline, 70 units of 1,000 thick
TOL = 0.02  # points

ROOTS = [
    r"At $\sqrt{s_{NN}} = 5.02$ TeV.",
    r"The norm $\sqrt{x^2+y^2}$ grows.",
    r"Nested $\sqrt{1+\sqrt{x}}$ here.",
    r"An index $\sqrt[n]{x}$ and $\sqrt[3]{y}$.",
    r"In a power $e^{\sqrt{x}}$ too.",
]


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    path = typeset(tmp_path_factory.mktemp("roots") / "roots.pdf", ROOTS)
    return texts(path), glyphs(path), rules(path)


def test_the_font_gives_the_sign_its_stroke_and_its_top():
    """The bar's thickness and where it joins the sign are read from the sign's outline (Noto Sans Math's √: its
    top edge runs from 565 to 636 units, its tick is 70 units thick; Gentium's √, a text font's, has two horizontal
    strokes of 128 and 130 units of 2,048)."""
    register_fonts()
    markup.inline(r"$\sqrt{x}$")  # (registers the math font)
    assert radical_shape("Math", "\u221a") == pytest.approx((0.565, STROKE))
    assert radical_shape("Math", "\u221b") == pytest.approx((0.565, STROKE))  # (its 3 reaches as high: not the sign)
    gentium = "RootsTestGentium"  # (the bundled Gentium's own, whatever fonts a theme made the text's)
    pdfmetrics.registerFont(TTFont(gentium, str(FONT_DIR / "GentiumBookPlus-Regular.ttf")))
    assert radical_shape(gentium, "\u221a") == pytest.approx((997 / 2048, 127 / 2048), abs=1e-3)


def test_a_bar_joins_the_sign_and_covers_the_whole_radicand(pages):
    """√s_NN: one bar, its top the sign's top, as thick as the sign's stroke, from the sign's top edge to the end of the
    radicand (its subscript's last glyph), over the radicand's ink by at least 1.25 times its thickness (TeX's
    clearance); no parentheses, and the PDF's text reads √sNN."""
    text, page, bars = pages[0][0], pages[1][0], pages[2][0]
    assert text == "At √sNN = 5.02 TeV."
    assert len(bars) == 1
    bar = bars[0]
    at = find(page, "\u221asNN")
    sign, radicand = page[at], page[at + 1:at + 4]
    assert sign.size == pytest.approx(BASE)
    assert bar.top == pytest.approx(sign.top, abs=TOL)
    assert bar.top - bar.bottom == pytest.approx(STROKE * BASE, abs=TOL)
    assert sign.x + 0.565 * BASE == pytest.approx(bar.left, abs=TOL)  # (the left end of the sign's top edge)
    assert bar.left < sign.right < bar.right
    assert bar.right == pytest.approx(radicand[-1].right, abs=0.3)
    assert bar.right >= radicand[-1].right - TOL
    assert max(g.top for g in radicand) <= bar.bottom - 1.25 * (bar.top - bar.bottom) + TOL


def test_a_tall_radicand_gets_a_taller_sign(pages):
    """x² reaches higher than the sign's top leaves room for: the sign is set larger, its bottom kept, and the bar,
    as thick as its stroke, clears the 2 by 1.25 thicknesses."""
    page, bars = pages[1][1], pages[2][1]
    assert len(bars) == 1
    bar = bars[0]
    at = find(page, "\u221ax2+y2")
    sign, two = page[at], page[at + 2]
    assert sign.size > BASE * 1.05
    assert bar.top == pytest.approx(sign.top, abs=TOL)
    thickness = bar.top - bar.bottom
    assert thickness == pytest.approx(STROKE * sign.size, abs=TOL)
    assert two.top <= bar.bottom - 1.25 * thickness + TOL
    assert bar.bottom - 1.25 * thickness - two.top < 0.05  # (no taller than it needs)
    assert sign.bottom == pytest.approx(page[at].y + glyph_box("Math", "\u221a")[1] * BASE, abs=0.05)
    assert bar.right >= page[at + 5].right - TOL  # (over the second power too)


def test_nested_roots_each_have_a_bar(pages):
    """√(1+√x): two bars, the inner one under the outer one and within it; the outer sign grows over the inner."""
    page, bars = pages[1][2], pages[2][2]
    assert len(bars) == 2
    at = find(page, "\u221a1+\u221ax")
    outer, inner = sorted(bars, key=lambda bar: bar.top, reverse=True)
    assert outer.top == pytest.approx(page[at].top, abs=TOL) and inner.top == pytest.approx(page[at + 3].top, abs=TOL)
    assert outer.left < inner.left < inner.right <= outer.right + TOL
    assert inner.top <= outer.bottom - 1.25 * (outer.top - outer.bottom) + TOL
    assert page[at].size > page[at + 3].size == pytest.approx(BASE)


def test_an_index_sits_over_the_tick_and_three_is_the_cube_root_sign(pages):
    """\\sqrt[n]{x}: the n small (50 %, TeX's scriptscript size), its baseline at 60 % of the sign's height, its right
    edge inside the sign; \\sqrt[3]{y}: the sign ∛; each with a bar."""
    text, page, bars = pages[0][3], pages[1][3], pages[2][3]
    assert text == "An index n√x and ∛y."
    assert len(bars) == 2
    at = find(page, "n\u221ax")
    index, sign = page[at], page[at + 1]
    assert index.size == pytest.approx(BASE / 2)
    assert index.y == pytest.approx(sign.y + (-0.007 + 0.6 * 0.857) * BASE, abs=TOL)
    assert sign.left < index.right < sign.right
    assert bars[0].top == pytest.approx(sign.top, abs=TOL)
    cube = page[find(page, "\u221by")]
    assert bars[1].top == pytest.approx(cube.top, abs=TOL) and bars[1].left > cube.left


def test_a_root_in_a_power_is_raised_with_its_bar(pages):
    page, bars = pages[1][4], pages[2][4]
    at = find(page, "e\u221ax")
    sign = page[at + 1]
    assert sign.size == pytest.approx(BASE * 0.7)
    assert len(bars) == 1
    assert bars[0].top == pytest.approx(sign.top, abs=TOL)
    assert bars[0].top - bars[0].bottom == pytest.approx(STROKE * BASE * 0.7, abs=TOL)
    assert bars[0].right >= page[at + 2].right - TOL


def test_a_root_in_bold_has_a_bar_as_heavy_as_its_emboldened_sign(tmp_path):
    """A title in bold: the sign (of a single-weight font) is stroked as well as filled, EMBOLDEN of its size wide; its
    bar is as much thicker, half of it above the sign's outline."""
    style = make_styles(page_for("A5")).title
    path = typeset(tmp_path / "bold.pdf", [r"Collisions at $\sqrt{s_{NN}}$ = 200 GeV"], style=style)
    page, bars = glyphs(path)[0], rules(path)[0]
    sign = page[find(page, "\u221a")]
    assert len(bars) == 1
    extra = EMBOLDEN * sign.size
    assert bars[0].top - bars[0].bottom == pytest.approx((STROKE + EMBOLDEN) * sign.size, abs=TOL)
    assert bars[0].top == pytest.approx(sign.top + extra / 2, abs=0.05)
    # (what lineskips measures of the line reaches the bar's top, above the sign's outline: a line above kept LINESKIP
    # off the bar, not off the outline, which left 0.67 points at 14 points)
    para = Para(markup.inline(r"Collisions at $\sqrt{s_{NN}}$ = 200 GeV"), style)
    para.wrap(A5[0] - 72, 1000)
    assert _boxes_ink(para.blPara.lines[0].words)[0] == pytest.approx(bars[0].top - sign.y, abs=TOL)


def test_nothing_breaks_inside_a_root(tmp_path):
    """A root is one box: at every width its sign, its radicand and its bar stand on one line (the radicand's glyphs
    under its bar, on the sign's baseline), however the paragraph breaks around it, a root at a line's end too."""
    text = (r"We take $\sqrt{x^2+y^2+z^2}$ and $\sqrt{s_{NN}}$ and $\sqrt{1+\sqrt{a+b}}$ and $\sqrt[n]{u+v}$ as the "
            r"norms, and $\sqrt{a + b + c + d}$ at the end $\sqrt{2}$.")
    style = make_styles(page_for("A5")).text
    seen_lines = set()
    for width in range(90, 300, 11):
        page_path = typeset(tmp_path / f"w{width}.pdf", [text], style=style, width=width)
        page, bars = glyphs(page_path)[0], rules(page_path)[0]
        signs = [g for g in page if g.char in "\u221a"]
        assert len(bars) == len(signs) == 7, width
        for bar in bars:
            sign = [g for g in signs if abs(g.top - bar.top) < TOL and g.left < bar.left < g.right]
            assert len(sign) == 1, (width, bar)  # (its sign, on its line)
            under = [g for g in page if bar.left < (g.left + g.right) / 2 < bar.right
                     and bar.bottom - 1.3 * BASE < g.y < bar.bottom]
            assert under and all(g.top <= bar.bottom + TOL for g in under), (width, bar)
            assert all(abs(g.y - sign[0].y) < 0.5 * BASE for g in under), (width, bar)  # (scripts: ±0.4 em)
            assert bar.right <= (A5[0] + width) / 2 + TOL  # (within the frame, centred on the page)

        seen_lines.add(len({round(g.y) for g in page if g.size == pytest.approx(BASE)}))
    assert len(seen_lines) > 3  # (the sweep broke the paragraph in many ways)


def test_plain_text_keeps_the_parentheses():
    """Where no bar can be drawn (an outline's entry, metadata, a check's message), the radicand is in parentheses."""
    assert markup.plain(r"at $\sqrt{s_{NN}}$ and $\sqrt{x}$, $\sqrt[3]{x+1}$") == "at √(sNN) and √x, ∛(x + 1)"


def test_a_paragraph_without_roots_draws_no_rule(tmp_path):
    path = typeset(tmp_path / "none.pdf", [r"Plain $x^2$ and $\frac{a}{b}$."])
    assert rules(path) == [[]]


def test_two_formulas_side_by_side_are_two_roots(tmp_path):
    """"$\\sqrt{a}$$\\sqrt{b}$": each formula numbers its roots from 0; the paragraph keeps them apart, two bars."""
    assert markup.inline(r"$\sqrt{a}$$\sqrt{b}$").count("<mroot>") == 2
    path = typeset(tmp_path / "two.pdf", [r"Roots $\sqrt{a}$$\sqrt{b}$ apart."])
    page, bars = glyphs(path)[0], rules(path)[0]
    assert len(bars) == 2
    at = find(page, "\u221aa\u221ab")
    assert bars[0].right <= page[at + 2].left + TOL and bars[1].left > page[at + 2].left

def test_a_nested_root_taller_than_the_leading_allows_moves_its_line_down():
    """√(1+√x) grows its outer sign over the inner root (1.07 em in a bold title): its line is set LINESKIP (1 point)
    off the ink of the line above, as TeX sets \\lineskip (its bar crossed the descenders of the line above); a line
    with a root no taller than its sign (√s) stays the leading apart."""
    style = make_styles(page_for("A5")).title
    nested = Para(markup.title(r"Seeing through the noise at $\sqrt{s_{NN}} = 5.02$ TeV: $\sqrt[3]{x}$ and "
                               r"$\sqrt{1+\sqrt{x}}$", bold=True), style)
    nested.wrap(240, 1000)
    skips = nested.lineskips()
    assert skips is not None and skips[0] == 0.0 and skips[1] > 1.0
    high = _boxes_ink(nested.blPara.lines[1].words)[0]
    plain_low = -glyph_box(style.fontName, "p")[1] * style.fontSize
    assert style.leading + skips[1] - plain_low - high == pytest.approx(LINESKIP, abs=0.01)
    flat = Para(markup.title(r"Collisions at $\sqrt{s}$ = 200 GeV and $\sqrt{s_{NN}}$ = 5.02 TeV in the detector of "
                             r"the experiment", bold=True), style)
    flat.wrap(240, 1000)
    assert len(flat.blPara.lines) > 1 and flat.lineskips() is None


def test_check_tells_of_a_root_that_sets_its_line_apart():
    """A nested root whose line lineskips sets apart is told of as scripts on scripts are; a root of one level, its
    radicand's power under the bar (√(x²+y²)), keeps the leading and is not."""
    told = markup.latex_problems(r"$\sqrt{1+\sqrt{1+\sqrt{x}}}$")
    # (the amount: the fonts' in use, Gentium's and Noto Sans Math's 2.8 pt)
    assert len(told) == 1 and re.fullmatch(
        r"the math \$\\sqrt\{1\+\\sqrt\{1\+\\sqrt\{x\}\}\}\$ is taller than a line of text leaves room for \(a "
        r"square root's sign grown over its radicand\): its line is set apart from the lines around it, by [23]\.\d pt "
        r"above, so that they do not overlap; write it with fewer nested roots and scripts under a root for evenly "
        r"spaced lines", told[0]), told
    assert markup.latex_problems(r"$\sqrt{x^2+y^2}$ and $\sqrt{s_{NN}}$ and $\sqrt[3]{x}$") == []


def test_roots_nested_past_what_a_page_holds_are_an_error_at_their_key(tmp_path):
    """A fuzzing run: a title of 17 square roots nested (each sign a fifth taller than the root in it: 200 pt past its
    line) stopped `build` with an internal error (LayoutError: a flowable too large on page 6), `check` passing it
    with a warning. Past markup.TALLEST it is an error at its file, line and key; 13 roots stay a warning."""
    from booklet.data.validate import read_booklet
    from booklet.problems import DataError
    from .helpers import BASE, write_conference

    deep = "$" + "\\sqrt{" * 17 + "x" + "}" * 17 + "$"
    data = write_conference(tmp_path / "conf", {"abstracts.yaml": BASE["abstracts.yaml"].replace(
        "title: A talk about Lund", f"title: 'Roots {deep}'")})
    with pytest.raises(DataError) as raised:
        read_booklet(data)
    (error,) = [p for p in raised.value.problems if p.severity == "error"]
    assert (error.file, error.line, error.key) == ("abstracts.yaml", 2, "[0].title")
    assert error.message == (
        "the math $\\sqrt{\\sqrt{\\sqrt{\\sqrt{\\sqrt{\\sqrt{\\sqr…$ reaches 200 pt past a line of text (square roots "
        "nested in roots, each taller than what it holds): more than a page leaves room for; write it with fewer "
        "nested roots")
    (told,) = markup.latex_problems("$" + "\\sqrt{" * 13 + "x" + "}" * 13 + "$")
    assert not told.error and "is taller than a line of text leaves room for" in told


def test_with_a_reportlab_the_bars_were_not_checked_against_a_root_keeps_its_parentheses(monkeypatch):
    """booklet's paragraphs draw a root's bar only with the ReportLab versions they were checked against
    (fonts.CHECKED_REPORTLAB); with another, ReportLab's own drawing would print √(x + 1) as "√x + 1", with neither
    bar nor parentheses. So there a root is no box: it prints as plain text does, its radicand in parentheses."""
    text = r"Collisions at $\sqrt{s_{NN}}$ and $\sqrt{x+1}$"
    assert "<mroot>" in markup.inline(text) and "(" not in markup.inline(text)
    monkeypatch.setattr(markup, "_BARS", False)
    def clear():
        for value in list(vars(markup).values()):
            getattr(value, "cache_clear", lambda: None)()
    clear()
    unchecked = markup.inline(text)
    assert "<mroot>" not in unchecked and "<mrad>" not in unchecked
    assert re.sub(r"<[^>]+>", "", unchecked).replace("\u202f", " ").count("(") == 2
    monkeypatch.undo()
    clear()
    assert "<mroot>" in markup.inline(text)


def test_a_root_wider_than_its_line_is_set_as_text_that_breaks(tmp_path):
    """A fuzzing run: a root is one box, which no line breaks, so √ of ten squared terms in a 160 pt column ran 15 pt
    past it (its bar too). Wider than every line, it is set as plain text sets it, as a typesetter breaks a formula
    too long for its line: its sign, its radicand in parentheses, broken after a + ; no bar, nothing past the column.
    Where it fits the line (300 pt) it is the box with its bar, as before; so is a nested root that fits, inside one
    that does not."""
    terms = "+".join(f"{c}^2" for c in "abcdefghij")
    text = rf"The norm $\sqrt{{{terms}}}$ of the ten terms and $\sqrt{{1+\sqrt{{x}}+{terms}}}$ grow."
    narrow = typeset(tmp_path / "narrow.pdf", [text], width=160)
    page, bars = glyphs(narrow)[0], rules(narrow)[0]
    right = (A5[0] + 160) / 2
    assert max(g.right for g in page) <= right + TOL
    assert texts(narrow)[0] == ("The norm √(a2 + b2 + c2 + d2 + e2 + f 2 + g2 + h2 + i2 + j2) of the ten terms and "
                                "√(1 + √x + a2 + b2 + c2 + d2 + e2 + f 2 + g2 + h2 + i2 + j2) grow.")
    assert len({round(g.y) for g in page if g.size == pytest.approx(BASE)}) >= 4
    (bar,) = bars  # (the nested √x's, a box: within the column)
    assert bar.right <= right + TOL and bar.right - bar.left < 10
    wide = typeset(tmp_path / "wide.pdf", [text], width=300)
    assert "(" not in texts(wide)[0] and len(rules(wide)[0]) == 3
