"""Inline math in the built PDF, as TeX sets it: stacked scripts at TeX's sizes and shifts, fixed and
tied spaces, line breaks only where TeX breaks, math alphabets that come back out as text.

Each test builds booklet paragraphs (booklet.layout.flowables.Para, the abstracts' style) and reads
the PDF back: the text with pypdf, where each glyph stands with pdfium (its origin, size and ink).
"""

from __future__ import annotations

import re
from pathlib import Path

import pypdf
import pypdfium2 as pdfium
import pytest
import yaml
from reportlab.lib.pagesizes import A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import makeToUnicodeCMap
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from booklet.build import build_booklet
from booklet.check import check_folder
from booklet.layout.flowables import Para
from booklet.text import markup
from booklet.text.fonts import BODY, to_unicode_cmap
from booklet.text.linedraw import RULES
from booklet.text.paragraph import BOX_FONT, EMBOLDEN, SCRIPTSPACE, overhang

from .helpers import extend, write_conference
from .mathpdf import Glyph, find, glyphs, page_text, styles, texts, typeset

CORPUS = yaml.safe_load((Path(__file__).parent / "math_corpus.yaml").read_text(encoding="utf-8"))
BASE = 9.5  # the abstracts' text size on A5
SUP, SUP_CRAMPED, SUB, SUB_WITH_SUP = 0.363, 0.289, -0.15, -0.247  # TeX's shifts, in ems of the nucleus
TOL = 0.02  # points


def close(a: float, b: float, tol: float = TOL) -> bool:
    return abs(a - b) <= tol


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    path = typeset(tmp_path_factory.mktemp("math") / "corpus.pdf", [entry["tex"] for entry in CORPUS])
    return texts(path), glyphs(path)


# -- the corpus --------------------------------------------------------------------------------


def test_the_corpus_is_real_sized():
    assert len(CORPUS) >= 40
    assert all(set(entry) <= {"tex", "text", "stacked", "plain"} and "$" in entry["tex"] for entry in CORPUS)
    assert sum("stacked" in entry for entry in CORPUS) >= 8


@pytest.mark.parametrize("index", range(len(CORPUS)), ids=[entry["tex"] for entry in CORPUS])
def test_corpus_text_comes_back_out(corpus, index):
    assert corpus[0][index] == CORPUS[index]["text"]


@pytest.mark.parametrize("entry", [e for e in CORPUS if "plain" in e], ids=lambda e: e["tex"])
def test_corpus_plain_text(entry):
    assert markup.plain(entry["tex"]) == entry["plain"]


def _baseline(page: list[Glyph]) -> float:
    ys = {round(g.y, 2) for g in page if close(g.size, BASE)}
    assert len(ys) == 1, f"one line of text at the base size: {page_text(page)!r}"
    return ys.pop()


def _allowed_rises() -> dict[float, set[float]]:
    """Size -> the rises (points above the baseline) TeX gives scripts of that size, up to two levels."""
    first = {SUP, SUB, SUB_WITH_SUP}
    second = {SUP, SUP_CRAMPED, SUB, SUB_WITH_SUP}
    return {
        round(0.7 * BASE, 2): {round(r * BASE, 2) for r in first},
        round(0.5 * BASE, 2): {round(r1 * BASE + r2 * 0.7 * BASE, 2) for r1 in first for r2 in second},
    }


@pytest.mark.parametrize("index", range(len(CORPUS)), ids=[entry["tex"] for entry in CORPUS])
def test_corpus_glyphs_sit_where_tex_puts_them(corpus, index):
    """Scripts at 70 % and 50 %, raised and lowered by TeX's shifts; the two scripts of one nucleus
    start at the same x; a script never reaches into what follows it (TeX's \\scriptspace)."""
    page = corpus[1][index]
    baseline = _baseline(page)
    rises = _allowed_rises()
    for g in page:
        size = round(g.size, 2)
        if close(g.size, BASE):
            assert close(g.y, baseline), g
        else:
            assert size in rises, f"{g.char!r} at {g.size} pt in {page_text(page)!r}"
            assert any(close(g.y - baseline, rise) for rise in rises[size]), (g, g.y - baseline)

    if "stacked" in CORPUS[index]:
        first, second = CORPUS[index]["stacked"]
        a = find(page, first, size=0.7 * BASE)
        b = find(page, second, start=a + len(first), size=0.7 * BASE)
        sup, sub = (page[a], page[b]) if page[a].y > page[b].y else (page[b], page[a])
        assert sup.y > baseline > sub.y  # one above the other ...
        nucleus = page[a - 1]  # ... from the same x, but for the nucleus's italic correction (TeX's)
        correction = overhang(nucleus.font, nucleus.char) * nucleus.size
        assert close(sup.x, sub.x + correction), (sub, sup, correction)

    for i in range(1, len(page)):  # the glyph after a script clears every glyph of the script
        if close(page[i].size, BASE) and page[i - 1].size < BASE - 0.01:
            j = i - 1
            while j > 0 and page[j - 1].size < BASE - 0.01:
                j -= 1
            reach = max(g.right for g in page[j:i])
            assert page[i].x >= reach + SCRIPTSPACE - TOL, (page[i - 1], page[i])


# -- stacking, sizes and shifts ------------------------------------------------------------------


@pytest.fixture(scope="module")
def samples(tmp_path_factory):
    path = tmp_path_factory.mktemp("math") / "samples.pdf"
    return glyphs(typeset(path, [
        r"$x_i^2$ and $\chi^2_\nu$",  # 0
        r"$(T_f)$ and $(T_2)$",  # 1
        r"$e^{x^2}$ and $x_{a^b}$",  # 2
        r"$f^2$",  # 3
        r"$a\,b$ $a\;b$ $a\quad b$ $a\!b$ $ab$",  # 4
        r"$Q_{sg}^{1/3}$ and $Q_{s}^{1/3}$",  # 5
    ]))


def test_sub_and_superscript_are_stacked_at_tex_sizes_and_shifts(samples):
    page = samples[0]
    x, i, two = page[find(page, "x")], page[find(page, "i")], page[find(page, "2")]
    assert close(i.x, two.x)  # one above the other (an italic x needs no italic correction)
    assert close(i.size, 0.7 * BASE) and close(two.size, 0.7 * BASE)
    assert close(two.y - x.y, SUP * BASE) and close(i.y - x.y, SUB_WITH_SUP * BASE)
    chi = page[find(page, "χ")]
    nu, sq = page[find(page, "ν")], page[find(page, "2", find(page, "χ"))]
    assert close(nu.y - chi.y, SUB_WITH_SUP * BASE) and close(sq.y - chi.y, SUP * BASE)
    # written ^2 first; the superscript starts after the χ's italic correction, as in TeX
    assert sq.x < nu.x + 0.2 and close(sq.x, nu.x + overhang(chi.font, "χ") * BASE)


def test_a_subscript_alone_is_lowered_less_and_followed_by_scriptspace(samples):
    page = samples[1]
    t, f, paren = (page[find(page, c)] for c in "Tf)")
    assert close(f.y - t.y, SUB * BASE)
    advance = stringWidth("f", f"{BODY}-Italic", 0.7 * BASE) + overhang(f"{BODY}-Italic", "f") * 0.7 * BASE
    assert close(paren.x, f.x + advance + SCRIPTSPACE)  # TeX: the f's italic correction, then \scriptspace
    assert paren.left > f.right + 0.3  # the hook of the f clears the parenthesis
    two = page[find(page, "2")]
    paren = page[find(page, ")", find(page, "2"))]
    assert close(paren.x, two.x + stringWidth("2", BODY, 0.7 * BASE) + SCRIPTSPACE)


def test_second_level_scripts_are_half_size_and_cramped_in_a_subscript(samples):
    page = samples[2]
    e, x, two = page[0], page[1], page[2]
    assert (e.char, x.char, two.char) == ("e", "x", "2")
    assert close(x.size, 0.7 * BASE) and close(two.size, 0.5 * BASE)
    assert close(x.y - e.y, SUP * BASE) and close(two.y - x.y, SUP * 0.7 * BASE)
    xa = find(page, "x", 3)
    a, b = page[xa + 1], page[xa + 2]
    assert close(a.y - page[xa].y, SUB * BASE) and close(b.y - a.y, SUP_CRAMPED * 0.7 * BASE)


def test_scripts_deeper_than_three_levels_stay_at_the_smallest_size_and_still_rise(tmp_path):
    """`x^{a^{b^{c^{d}}}}` set its fourth level on the third's baseline ("cd" side by side, flat); TeX keeps every
    level past the second at scriptscript size and raises (lowers) each on the one it belongs to."""
    path = typeset(tmp_path / "deep.pdf", [r"$x^{a^{b^{c^{d^{e}}}}}$ and $x_{a_{b_{c_{d}}}}$"])
    page = glyphs(path)[0]
    assert texts(path) == ["xabcde and xabcd"]
    x, a, b, c, d, e = page[:6]
    assert [g.size for g in (a, b, c, d, e)] == pytest.approx([0.7 * BASE] + [0.5 * BASE] * 4, abs=TOL)
    assert close(a.y - x.y, SUP * BASE) and close(b.y - a.y, SUP * 0.7 * BASE)
    for lower, upper in ((b, c), (c, d), (d, e)):
        assert close(upper.y - lower.y, SUP * 0.5 * BASE), (lower, upper)
    x, a, b, c, d = page[find(page, "x", 6):][:5]
    assert [g.size for g in (b, c, d)] == pytest.approx([0.5 * BASE] * 3, abs=TOL)
    for lower, upper in ((b, c), (c, d)):
        assert close(upper.y - lower.y, SUB * 0.5 * BASE), (lower, upper)


def test_a_tower_of_scripts_ends_in_one_script_space_not_one_a_level(tmp_path):
    """`$x^{a^{b^{c^{d}}}}$ sits` left 4.2 pt between the d's ink and the s of "sits" (2 pt of it a \\scriptspace for
    each level), where `$x^{a}$ sits` leaves 2.6: a gap twice a word space after the tower. Now a script ending in
    scripts of its own takes theirs: the tower ends in one, and the word after it stands as after one script."""
    path = typeset(tmp_path / "tower.pdf", [r"The $x^{a^{b^{c^{d}}}}$ sits and $x^{a}$ sits"])
    page = glyphs(path)[0]
    assert texts(path) == ["The xabcd sits and xa sits"]
    d, sits = page[find(page, "d")], page[find(page, "s")]
    a, again = page[find(page, "a", find(page, "x", 8) + 1)], page[find(page, "s", find(page, "x", 8))]
    assert close(d.size, 0.5 * BASE) and close(a.size, 0.7 * BASE)
    assert close(sits.x - d.right, again.x - a.right, 0.1), (sits.x - d.right, again.x - a.right)


def test_a_math_letter_before_an_upright_character_gets_its_italic_correction(tmp_path):
    """A stress test's f(x): the hook of the italic f touched the parenthesis after it, and the comma after `$f$,`
    sat under it. TeX puts the letter's italic correction after it; before a space, nothing."""
    path = typeset(tmp_path / "corrected.pdf", [r"Cases: $f(x) = 1$ and a function $f$, or $f$ alone."])
    page = glyphs(path)[0]
    italic, advance = f"{BODY}-Italic", stringWidth("f", f"{BODY}-Italic", BASE)
    correction = overhang(italic, "f") * BASE
    assert correction > 0.5  # (Gentium's f reaches well past its advance)
    first = find(page, "f(")
    f, paren = page[first], page[first + 1]
    assert close(paren.x, f.x + advance + correction)
    assert paren.left > f.right  # the parenthesis clears the f's ink
    second = find(page, "f,")
    f, comma = page[second], page[second + 1]
    assert close(comma.x, f.x + advance + correction) and comma.left > f.right
    third = find(page, "f", second + 1)
    space_after = page[third + 1]
    assert (page[third].char, space_after.char) == ("f", "a")  # the word after the space: no correction before it
    assert close(space_after.x, page[third].x + advance + stringWidth(" ", BODY, BASE), tol=1.0)
    assert texts(path)[0] == "Cases: f(x) = 1 and a function f, or f alone."  # extracted without a space added


def test_a_superscript_clears_an_italic_nucleus(samples):
    f, two = samples[3]
    assert two.x >= f.x + stringWidth("f", f"{BODY}-Italic", BASE) + 0.1 * BASE  # the italic correction
    assert two.left > f.right - 0.6  # the figure starts where the f's hook ends


def test_the_wider_script_sets_the_width(samples):
    page = samples[5]
    q = [i for i, g in enumerate(page) if g.char == "Q"]
    for start in q:
        s, one = page[start + 1], page[find(page, "1", start)]
        assert close(s.x, one.x)
        three = page[find(page, "3", start)]
        after = page[find(page, "3", start) + 1] if start == q[0] else None
        if after is not None:  # "and": what follows the box starts after the wider script (1/3)
            assert after.x > three.right + SCRIPTSPACE - TOL


def test_fixed_spaces_are_tex_widths(samples):
    page = samples[4]
    pairs = [(i, i + 1) for i, g in enumerate(page[:-1]) if g.char == "a" and page[i + 1].char == "b"]
    gaps = [page[j].x - page[i].x - stringWidth("a", f"{BODY}-Italic", BASE) for i, j in pairs]
    expected = [3 / 18, 5 / 18, 1.0, -3 / 18, 0.0]
    assert len(gaps) == len(expected) and all(close(g, e * BASE) for g, e in zip(gaps, expected))


def test_a_thin_space_stays_thin_in_a_justified_line(tmp_path):
    """Justification stretches the spaces between words, never a \\, (nor the parts of a box)."""
    text = (r"Masses of $10^{8}\,M_\odot$ and $x_i^2$ were found in all of the twelve fields "
            r"that we observed over the years, and more besides. " * 3)
    width = 240
    page = glyphs(typeset(tmp_path / "j.pdf", [text], width=width))[0]
    lines: dict[float, list[Glyph]] = {}
    for g in page:
        if close(g.size, BASE):
            lines.setdefault(round(g.y), []).append(g)
    stretched = 0
    for i, g in enumerate(page):
        if g.char == "8" and page[i + 1].char == "M":
            eight, m = g, page[i + 1]
            assert close(m.x - eight.x, stringWidth("8", BODY, 0.7 * BASE) + SCRIPTSPACE + BASE / 6)
        if g.char == "i" and page[i + 1].char == "2" and g.size < BASE:
            assert close(g.x, page[i + 1].x)
    for line in list(lines.values())[:-1]:
        stretched += line[-1].right > 36 + width - 1  # justified: the line reaches the right margin
    assert stretched >= 2


# -- line breaking -------------------------------------------------------------------------------

BREAKS = (r"We measure $\sqrt{s_{NN}} = 5.02~\mathrm{TeV}$ and $M_{\rm BH} \sim 10^{8}\,M_\odot$ with "
          r"$\chi^2_\nu = 1.1$, $p_{\rm T} > 2~\mathrm{GeV}/c$, $x_i^2 + y_j^2 \leq r^2$ in $(x, y)$ "
          r"and $\log L$ over $H_0 = 67.4 \pm 0.5$ km s$^{-1}$ Mpc$^{-1}$ with $\Omega_{\rm m} h^2$.")


def _wrapped(text: str, style, width: float) -> list[str]:
    """The lines of `text` (markup's source) set in `style` at `width`, boxes as \u25a1 (_lines)."""
    paragraph = Para(markup.inline(text), style)
    paragraph.wrap(width, 10_000)
    return _lines(paragraph)


def _lines(paragraph) -> list[str]:
    """The lines' text, each box as \u25a1, a square root's box (one with a bar) as \u221a."""
    out = []
    for line in paragraph.blPara.lines:
        out.append("".join(f.text if f.fontName != BOX_FONT else "".join(
            "\u221a" if c in RULES else "\u25a1" for c in f.text) for f in line.words))
    return out


def test_math_breaks_only_after_relations_and_operators_as_in_tex():
    """Never inside a tie (~), a thin space, a pair of scripts or after a comma in math; never before
    a relation or an operator; never between a nucleus and its scripts (□ is a box of scripts)."""
    style = styles().text
    seen = set()
    # (at 54-60 points "√s_NN = 5.02 TeV", held whole as a relation holds its number, is wider than the line: the tie
    # after its relation yields, across the change of font, and "5.02 TeV" stays whole: text.paragraph._untied)
    for width in range(60, 330, 2):
        paragraph = Para(markup.inline(BREAKS), style)
        paragraph.wrap(width, 10_000)
        lines = _lines(paragraph)
        for line in lines[1:]:
            first = line.lstrip()
            assert not first.startswith(("=", "∼", "±", ">", "≤", "+", "\u25a1", "\u00a0")), (width, lines)
        text = "\n".join(lines)
        for together in ["5.02\u00a0TeV", "GeV/", "(x,", "log"]:
            assert together in text.replace("\n", "") and all(
                together not in "".join(lines[i : i + 2]) or together in lines[i] or together in lines[i + 1]
                for i in range(len(lines) - 1)), (together, width, lines)
        seen.add(len(lines))
    assert len(seen) > 4  # the sweep did break the paragraph in many ways


def test_a_run_held_across_fonts_wider_than_the_line_yields_its_tie_after_the_relation_not_its_letters():
    """"√s_NN = 5.02 TeV" is held whole (a relation holds its number, and the space before it), its ties across the
    math font's "=" and the text's "5.02": at 60-66 points, narrower than the run, the line was cut without a hyphen,
    "...5.02 Te" / "V and". Now the tie after the relation yields first, "5.02 TeV" staying whole; a run with no
    relation (a name tied across italics) is untied whole, not cut ("Prof. Wolfeschl" / "egelsteinhausen")."""
    style = styles().text
    # (the root's bar in place of its parentheses: the run is narrower than it was, 62 points)
    for width in (54, 56, 58, 60):
        lines = _wrapped(BREAKS, style, width)
        assert lines[1:3] == ["\u221a\u00a0= ", "5.02\u00a0TeV and "], (width, lines)
    assert _wrapped(BREAKS, style, 62)[1] == "\u221a\u00a0=\u00a05.02\u00a0TeV"  # (it fits: held whole)
    tied = "Results by Prof.\u00a0*Wolfeschlegelsteinhausen* and others."
    assert _wrapped(tied, style, 100) == ["Results by Prof.", "Wolfeschlegelsteinhausen", "and others."]
    assert _wrapped(tied, style, 110) == ["Results by Prof.", "Wolfeschlegelsteinhausen and", "others."]


def test_no_hyphen_next_to_scripts():
    style = styles().text
    text = r"Photoionisation$^{2}$ and recombination$_{\rm eff}$ with characteristically$_i^2$ long words" * 2
    for width in range(120, 300, 3):  # narrower, a word longer than the line is cut anywhere
        paragraph = Para(markup.inline(text), style)
        paragraph.wrap(width, 10_000)
        for line in _lines(paragraph):
            assert "-\u25a1" not in line and not line.lstrip().startswith("\u25a1"), (width, line)


def test_a_short_formula_glued_to_a_word_is_never_hyphenated():
    """`$con$structure` broke as "con-" / "structure", `$xy$lations` as "xy-" / "lations", `$\\alpha$formation`
    inside the word: a hyphen beside a formula reads as a minus sign. A formula of three letters or fewer glued to
    a word (before or after it) is never hyphenated, as one of four letters or more was not already."""
    style = styles().text
    for formula, word in [("con", "structure"), ("xy", "lations"), ("ion", "definitely"), (r"\mathrm{pre}", "formation"),
                          (r"\alpha", "formation"), ("de", "pendent")]:
        for text in (f"the ${formula}${word} case", f"the {word}${formula}$ case"):
            for width in range(30, 120, 2):
                paragraph = Para(markup.inline(text), style)
                paragraph.wrap(width, 10_000)
                lines = [line.strip().replace("\u25a1", "") for line in _lines(paragraph)]
                assert word in "".join(lines), lines  # (the word whole, cut at most without a hyphen)
                assert not [a for a in lines[:-1] if a.endswith("-")], (text, width, lines)
    paragraph = Para(markup.inline("the $con$structure case"), style)  # (was "the con-" / "structure case")
    paragraph.wrap(50, 10_000)
    assert [line.strip() for line in _lines(paragraph)] == ["the", "constructure", "case"]


OVERLONG = [r"Sequence $\mathrm{ACGTACGTACGTACGTACGTACGTACGTACGTACGTACGT}$ found",
            r"Long $\mathrm{Ba_{0.6}K_{0.4}Fe_{2}As_{2}Ba_{0.6}K_{0.4}Fe_{2}As_{2}}$ end",
            r"Also $abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz$ end",
            r"Also incomprehensibilities and $\mathrm{incomprehensibilities}$ end"]


def test_a_formula_wider_than_the_line_is_never_hyphenated_nor_torn_from_its_scripts(tmp_path):
    """A formula no line holds is split without a hyphen (which reads as a minus sign: "ACG- / TACG"), never between
    a nucleus and its scripts ("Fe₂As" / "₂Ba"), rather just after a script ("Fe₂" / "As₂"), and within the measure;
    the same word as text is hyphenated as before."""
    width = 90  # (the frame's: its text 12 pt narrower, the frame's padding)
    path = typeset(tmp_path / "overlong.pdf", OVERLONG, width=width)
    assert texts(path) == ["Sequence ACGTAC GTACGTACGTACGT ACGTACGTACGTAC GTACGT found",
                           "Long Ba0.6K0.4Fe2 As2Ba0.6K0.4Fe2As2 end",
                           "Also abcdefghijklmn opqrstuvwxyzabcdef ghijklmnopqrstuvwx yz end",
                           "Also incomprehen- sibilities and incom prehensibilities end"]
    right = (A5[0] + width) / 2 - 6
    for page in glyphs(path):
        assert max(g.right for g in page) <= right + 0.5, page_text(page)
    style = styles().text
    for text in OVERLONG:
        formula = markup.plain(text).split(" ")[-2]  # (what the formula prints)
        for measure in range(40, 240, 5):
            paragraph = Para(markup.inline(text), style)
            paragraph.wrap(measure, 10_000)
            lines = _lines(paragraph)
            if "incomprehensibilities and" not in text:  # (that one's hyphens: the text word's)
                assert not [line for line in lines[:-1] if line.endswith("-") and line.split()[-1][:-1] in formula], \
                    (measure, lines)
            assert not [line for line in lines if line.lstrip().startswith("\u25a1")], (measure, lines)
            assert all(line.extraSpace > -0.5 for line in paragraph.blPara.lines), (measure, lines)
    paragraph = Para(markup.inline(OVERLONG[1]), style)
    paragraph.wrap(40, 10_000)  # (not "Long B" / "a\u25a1K\u25a1": the formula starts the next line, split after its scripts)
    assert [line.strip() for line in _lines(paragraph)] == ["Long", "Ba\u25a1K\u25a1", "Fe\u25a1As\u25a1", "Ba\u25a1K\u25a1", "Fe\u25a1As\u25a1", "end"]


def test_a_word_glued_to_a_formula_breaks_only_at_its_own_hyphen(tmp_path):
    """"H$_2$O-based" is one unit, H, the box of its 2 and "O-based": it broke just after the box, "We use H₂" /
    "O-based" (split into the room left, as a word wider than the line), and never at its own hyphen, where a
    compound of letters breaks ("We use H₂O-" / "based"); now it breaks there alone, never inside the formula and
    the letters glued to it."""
    text = "We use H$_2$O-based solvents and CO$_2$-rich gas"
    path = typeset(tmp_path / "glued.pdf", [text], width=53)  # (the text 12 pt narrower: 41 pt, the word 41.7)
    assert texts(path)[0] == "We use H2O- based sol- vents and CO2-rich gas"
    page = glyphs(path)[0]
    h, two, o = page[find(page, "H")], page[find(page, "2")], page[find(page, "O")]
    assert close(h.y, o.y) and h.x < two.x < o.x < h.x + 3 * BASE  # H₂O on one line, the O right after the 2
    assert close(two.size, 0.7 * BASE) and close(two.y - h.y, SUB * BASE)
    style = styles().text
    seen = set()
    for width in range(30, 330, 4):
        lines = [line.strip() for line in _wrapped(text, style, width)]
        for line, after in zip(lines, lines[1:]):
            assert not line.endswith("\u25a1") and not after.startswith(("O", "\u25a1", "-rich")), (width, lines)
        if width >= 36:  # (narrower, "H₂O-" itself is wider than the line: split anywhere)
            assert any("H\u25a1O-" in line for line in lines) and any("CO\u25a1-" in line for line in lines), \
                (width, lines)
        seen.add(next(line for line in lines if "H\u25a1O" in line).endswith("O-"))
    assert seen == {True, False}  # (it did break at its hyphen, and went whole)
    paragraph = Para(markup.inline(text), style)
    paragraph.wrap(62, 10_000)  # (was "We use" / "H₂O-based", a line of two words spaced wide)
    assert [line.strip() for line in _lines(paragraph)][:2] == ["We use H\u25a1O-", "based solvents"]


@pytest.mark.parametrize("address", ["https://github.com/ValveSoftware/Proton", "https://github.com/GE/proton-ge-custom"])
def test_a_web_address_glued_to_a_fixed_space_still_breaks_after_a_slash(address):
    """A web address before " ;" (its fixed space a box, as a formula's scripts are) is no word glued to a formula:
    it breaks after a slash as before, not only at a hyphen of its own or whole on the next line (FOSDEM 2025:
    "and additional components" / "https://github.com/ValveSoftware/Proton ;", the first line spaced wide)."""
    paragraph = Para(markup.inline(f"and additional components {address} ; Proton-GE, a fork"), styles().text)
    paragraph.wrap(200, 10_000)
    assert [line.strip() for line in _lines(paragraph)][0] == "and additional components https://github.com/"


def test_a_word_glued_to_a_greek_letter_breaks_at_its_own_hyphen_as_one_glued_to_scripts_does(tmp_path):
    """"$\\alpha$-based" (the α a box with its italic correction, then "-based") never broke at its hyphen, where
    "H$_2$O-based" did: one character stood before the hyphen, and a compound breaks after two. A formula is a whole
    (TeX breaks after the hyphen that follows it): now both break there ("We use α-" / "based"), never inside."""
    text = "We use $\\alpha$-based solvents and H$_2$O-based gas"
    path = typeset(tmp_path / "glued.pdf", [text], width=52)  # (the text 40 pt wide)
    lines = pypdf.PdfReader(str(path)).pages[0].extract_text().splitlines()
    assert [line.strip() for line in lines] == ["We use \u03b1-", "based sol-", "vents and", "H2O-", "based gas"]
    style = styles().text
    for width in range(30, 200, 3):  # (never a line ending in the α alone, nor starting with the hyphen)
        lines = [line.strip() for line in _wrapped(text, style, width)]
        assert not any(line.startswith("-") for line in lines), (width, lines)



def test_a_word_glued_to_a_formula_that_prints_as_text_breaks_at_its_own_hyphen_too(tmp_path):
    """"$\\Gamma$-point", "$3$-fold" and "non-$\\alpha$" never broke at their hyphen, where "$\\alpha$-based" and
    "H$_2$O-based" did: their formula printed as text (Γ, 3: no box), which the paragraph took for letters of the word
    (and Γ for none ReportLab hyphenates); "$x$-axis" broke, as a word of Latin letters. Now a word glued to any
    formula by a hyphen breaks there, and only there ("We use Γ-" / "point"), never inside the formula."""
    text = "We use $\\Gamma$-point data, the $\\ell$-th mode, $3$-fold cuts and non-$\\alpha$ fits"
    path = typeset(tmp_path / "glued.pdf", [text], width=52)  # (the text 40 pt wide)
    lines = pypdf.PdfReader(str(path)).pages[0].extract_text().splitlines()
    assert [line.strip() for line in lines] == ["We use \u0393-", "point", "data, the", "\u2113-th", "mode, 3-",
                                                "fold cuts", "and non-", "\u03b1 fits"]  # (was "We use" / "Γ-point")
    style = styles().text
    broken = set()
    for width in range(30, 200, 2):
        lines = [line.strip() for line in _wrapped(text, style, width)]
        assert not any(line.startswith("-") for line in lines), (width, lines)
        broken |= {line[-2:] for line in lines if line.endswith("-")}
    assert {"\u0393-", "3-", "n-"} <= broken, broken

# -- text that comes back out ------------------------------------------------------------------


ASTRAL = r"$\mathbb{E}[X]$, $\mathcal{O}(N)$, $\mathbb{1}$, $\mathbb{0}$, $\mathcal{N}$ and $\mathbb{R}$"


def test_characters_beyond_the_bmp_come_back_out(tmp_path):
    path = typeset(tmp_path / "astral.pdf", [ASTRAL])
    assert texts(path) == ["𝔼[X], 𝒪(N), 𝟙, 𝟘, 𝒩 and ℝ"]
    pdf = pdfium.PdfDocument(str(path))  # pdfium (search, copy and paste in a browser) too
    assert pdf[0].get_textpage().get_text_range() == "𝔼[X], 𝒪(N), 𝟙, 𝟘, 𝒩 and ℝ"
    pdf.close()
    cmaps = []
    for font in pypdf.PdfReader(str(path)).pages[0]["/Resources"]["/Font"].values():
        font = font.get_object()
        cmaps.append(font["/ToUnicode"].get_object().get_data().decode("ascii"))
    astral = [c for c in cmaps if "<D835" in c]
    assert len(astral) == 1
    assert "<D835DD3C>" in astral[0] and "<D835DCAA>" in astral[0]  # 𝔼, 𝒪 as UTF-16 surrogate pairs
    chars = "\n".join(re.findall(r"beginbfchar\n(.*?)\nendbfchar", "\n".join(cmaps), re.S))
    entries = re.findall(r"^<([0-9A-F]+)> <([0-9A-F]+)>$", chars, re.M)
    assert entries and all(len(code) == 2 and len(text) in (4, 8) for code, text in entries)


def test_the_cmap_is_reportlabs_for_bmp_characters():
    subset = [0, 32, 65, 0x3B1, 0x2299]
    assert to_unicode_cmap("AAAAAA+Font", subset) == makeToUnicodeCMap("AAAAAA+Font", subset)
    assert "<04> <D835DD38>" in to_unicode_cmap("X", [0, 32, 65, 0x3B1, 0x1D538])


def test_same_input_same_bytes(tmp_path):
    paragraphs = [entry["tex"] for entry in CORPUS[:12]]
    first = typeset(tmp_path / "a.pdf", paragraphs).read_bytes()
    typeset(tmp_path / "other.pdf", [r"$y_k^3$ " * 40])  # more boxes in between: other private codes
    assert typeset(tmp_path / "b.pdf", paragraphs).read_bytes() == first


def test_a_plain_reportlab_paragraph_still_reads_the_markup(tmp_path):
    """The markup stays ReportLab markup: its own Paragraph ignores <mscripts> and <mkern> (scripts
    follow one another, a no-break space stands for a fixed space)."""
    path = tmp_path / "plain.pdf"
    canvas = Canvas(str(path), pagesize=A5, invariant=1)
    style = ParagraphStyle("p", parent=styles().text)
    paragraph = Paragraph(markup.inline(r"$x_i^2$ and $10^{8}\,M_\odot$"), style)
    paragraph.wrap(300, 100)
    paragraph.drawOn(canvas, 36, 400)
    canvas.save()
    assert texts(path) == ["xi2 and 108 M⊙"]


def test_an_underline_spans_the_scripts(tmp_path):
    """Boxes advance ReportLab's own pen as they advance the PDF's: an underline ends where the text does."""
    path = typeset(tmp_path / "u.pdf", ["<u>" + markup.inline(r"Ann $x_i^2$ Lee") + "</u> and more"], as_markup=True)
    page = glyphs(path)[0]
    a, e = page[0], page[find(page, "Lee") + 2]
    content = pypdf.PdfReader(str(path)).pages[0].get_contents().get_data().decode("latin1")
    lines = re.findall(r"n 0 [\d.]+ m ([\d.]+) [\d.]+ l S", content)
    assert len(lines) == 1
    assert close(a.x + float(lines[0]), e.x + stringWidth("e", BODY, BASE), 0.05)


# -- bold titles -------------------------------------------------------------------------------


def test_m_sun_in_a_bold_title(tmp_path):
    title = styles().title
    path = typeset(tmp_path / "title.pdf", [r"Black holes of $10^{8}\,M_\odot$", r"**Growth of $M_\odot$ seeds**"],
                   style=title)
    assert texts(path) == ["Black holes of 108 M⊙", "Growth of M⊙ seeds"]
    size = title.fontSize
    for page in glyphs(path):
        m, sun = page[find(page, "M")], page[find(page, "⊙")]
        assert close(m.size, size) and close(sun.size, 0.7 * size)
        assert close(sun.y - m.y, SUB * size)
        assert sun.x >= m.x + stringWidth("M", "Sans-BoldItalic", size) - TOL
    # the symbol fonts have one weight: in bold text their glyphs are filled and stroked, in the text's colour
    content = [page.get_contents().get_data().decode("latin-1") for page in pypdf.PdfReader(str(path)).pages]
    bold = re.compile(r"2 Tr ([\d.]+) w (?:0 0 0 1 K|0 0 0 RG) /F\d+\+\d+ ([\d.]+) Tf [\d.]+ TL \(.+?\) Tj 0 Tr")
    assert [len(bold.findall(c)) for c in content] == [1, 1]
    width, font_size = map(float, bold.search(content[0]).groups())
    assert close(width, EMBOLDEN * font_size, 0.001) and close(font_size, 0.7 * size)


def test_symbols_are_emboldened_only_in_bold_text(tmp_path):
    path = typeset(tmp_path / "bold.pdf", [r"$a \sim b$ and **$a \sim b$, $x \lesssim 1$** and $x \lesssim 1$"])
    content = pypdf.PdfReader(str(path)).pages[0].get_contents().get_data().decode("latin-1")
    assert content.count(" 2 Tr ") == 2 and content.count(" 0 Tr") == 2
    assert texts(path) == ["a ∼ b and a ∼ b, x ≲ 1 and x ≲ 1"]


def test_a_formulas_plus_and_minus_and_its_relations_are_of_one_font_and_size(tmp_path):
    """The text fonts lack the minus sign (Noto Sans, the headings' family, has none), so it is the math font's: a
    formula's +, =, <, >, × and ± are too, as TeX sets its +, − and = alike. Gentium's + was a third narrower than
    the minus beside it, its bar lower: "Fe³⁺" with a dot of a plus beside "SO₄²⁻" with a long minus (a
    typographer's review)."""
    path = typeset(tmp_path / "signs.pdf", [r"$a + b - c = d \leq e < f > g$, $3 \times 4 \pm 1$; "
                                            r"SO$_4^{2-}$ and Fe$^{3+}$; 1 + 1 = 2 in text"])
    page = glyphs(path)[0]
    assert page_text(page) == "a+b−c=d≤e<f>g,3×4±1;SO42−andFe3+;1+1=2intext"
    signs = [g for g in page if g.char in "+−=≤<>×±"]
    in_math, in_text = signs[:-2], signs[-2:]
    assert {g.font for g in in_math} == {"Math"} and {g.font for g in in_text} == {BODY}
    plus, minus = in_math[0], in_math[1]
    assert close(plus.right - plus.left, minus.right - minus.left, 0.05)  # as wide
    assert close((plus.top + plus.bottom) / 2, (minus.top + minus.bottom) / 2, 0.05)  # on one axis
    charge_minus, charge_plus = [g for g in page if g.size < 9 and g.char in "+−"]
    assert close(charge_plus.right - charge_plus.left, charge_minus.right - charge_minus.left, 0.05)


# -- warnings ----------------------------------------------------------------------------------


def test_latex_problems_of_unknown_macros():
    assert markup.latex_problems(r"$x^2$ and $\alpha$, costs $5") == []
    assert markup.latex_problems(r"a $\foo x$ b") == [r"unknown LaTeX macro \foo in $\foo x$; printed as written"]
    assert markup.latex_problems("$\\foo$ and\n\n$\\bar{x} \\qux$ $\\foo$") == [
        r"unknown LaTeX macros \foo, \qux in $\foo$, $\bar{x} \qux$; printed as written"]


def test_a_brace_no_other_pairs_is_warned_about():
    """A fuzzing run: `$a}b$` printed "ab" and `$x^{$` "x", each without a word of the brace left out."""
    assert markup.latex_problems("x $a}b$ and $x^{$ y, $\\{a\\}$ and $\\frac{a}{b}$") == [
        "the math $a}b$ has a '}' that no '{' opens: the brace is left out, and the math prints as ab; a brace that "
        "prints is written \\}",
        "the math $x^{$ has a '{' that no '}' closes: the brace is left out, and the math prints as x; a brace that "
        "prints is written \\{"]
    assert markup.plain("$a}b$") == "ab"  # (what the warning says)


def test_an_unclosed_brace_after_an_unknown_macro_is_left_out_as_the_warning_says():
    """A fuzzing run: `$\\foo{$` printed "\\foo{" while its warning said the '{' was left out."""
    assert markup.plain("$\\foo{$") == "\\foo"
    assert markup.plain("$\\foo{x}$ $\\foo{x$") == "\\foo{x} \\foox"
    assert markup.latex_problems("$\\foo{$")[1] == (
        "the math $\\foo{$ has a '{' that no '}' closes: the brace is left out, and the math prints as \\foo; a brace "
        "that prints is written \\{")


def test_an_unclosed_brace_is_told_of_once_with_what_prints():
    """`$\\frac{a}{$` was told of twice, in words that read as contradicting: its brace "left out" (the formula, it read),
    then that it gave \\frac an empty argument and "prints as a/". The unclosed brace is what left the argument empty
    (or missing): one warning, saying what prints."""
    assert markup.plain("$\\frac{a}{$ and $\\frac{$") == "a/ and /"
    assert markup.latex_problems("$\\frac{a}{$ and $\\frac{$") == [
        "the math $\\frac{a}{$ has a '{' that no '}' closes: the brace is left out, and the math prints as a/; a brace "
        "that prints is written \\{",
        "the math $\\frac{$ has a '{' that no '}' closes: the brace is left out, and the math prints as /; a brace that "
        "prints is written \\{"]


def test_a_missing_argument_is_warned_about_with_what_prints():
    """A fuzzing run: `$\\frac{1}$` printed "1/" and `$x^$` "x^" without a word (TeX stops at both)."""
    assert markup.latex_problems("a $\\frac{1}$ b $x^$ c $\\hat$ d $\\sqrt$") == [
        "the math $\\frac{1}$ lacks an argument of \\frac (TeX stops there with an error): it prints as 1/",
        "the math $x^$ lacks an argument of '^' (TeX stops there with an error): it prints as x^",
        "the math $\\hat$ lacks an argument of \\hat (TeX stops there with an error): it prints as $\\hat$",
        "the math $\\sqrt$ lacks an argument of \\sqrt (TeX stops there with an error): it prints as \u221a"]
    assert markup.plain("a $\\frac{1}$ b $x^$ c $\\hat$ d") == "a 1/ b x^ c $\\hat$ d"  # (what the warnings say)
    fine = "$\\frac{a}{b}$ $\\frac12$ $x^2_i$ $\\hat x$ $\\sqrt[3]{x}$ $\\mathrm{d}$ $x^{}$ ${}^{14}$C $\\not=$"
    assert markup.latex_problems(fine) == []


def test_an_empty_argument_is_warned_about_with_what_prints():
    """`$\\frac{}{}$` printed a bare "/", `$\\sqrt{}$` a bare "√", `$\\hat{} x$` "x", each without a word: an
    argument left empty (a template not filled in) is warned about; an empty script (`x^{}`) shows nothing and is
    not."""
    assert markup.latex_problems("a $\\frac{}{}$ b $\\frac{a}{ }$ c $\\sqrt{}$ d $\\hat{} x$ e $x^{}$") == [
        "the math $\\frac{}{}$ gives \\frac an empty argument (TeX sets an empty box there): it prints as /",
        "the math $\\frac{a}{ }$ gives \\frac an empty argument (TeX sets an empty box there): it prints as a/",
        "the math $\\sqrt{}$ gives \\sqrt an empty argument (TeX sets an empty box there): it prints as \u221a",
        "the math $\\hat{} x$ gives \\hat an empty argument (TeX sets an empty box there): it prints as x"]
    assert markup.plain("a $\\frac{}{}$ b $\\sqrt{}$ d $\\hat{} x$ e") == "a / b \u221a d x e"


def test_an_empty_argument_is_warned_about_by_check_with_file_line_and_key(tmp_path):
    data = write_conference(tmp_path / "conf", {"abstracts.yaml": extend("abstracts.yaml", """\
        - id: lee
          title: Spectra of stars
          speaker: {name: Ann Lee}
          abstract: We fit $\\frac{}{}$ and $\\sqrt{x}$.
        """)})
    _, problems = check_folder(data)
    math = [(p.file, p.line, p.key, p.kind, p.message) for p in problems if p.kind == "math"]
    assert math == [
        ("abstracts.yaml", 14, "[2].abstract", "math",
         "the math $\\frac{}{}$ gives \\frac an empty argument (TeX sets an empty box there): it prints as /"),
    ]


def test_math_that_reads_like_text_is_warned_about():
    """A `$` missing or one too many makes words into math (set in italic without their spaces): warned; a
    formula with words in \\text{...} or a few names of functions is not."""
    text = r"in the range $f = $0.05- 2.0 THz are possible at the reachable magnitudes, as $f$ grows"
    assert markup.latex_problems(text) == [
        "the math $f = $0.05- 2.0 THz are possible at the r\u2026$ reads like text (6 words): a '$' may be missing "
        "or one too many; the words print as math, in italic without their spaces"]
    fine = r"$T_{\rm eff}$, $\log g = \max(a, b)$, $\text{the rate of all events}$, $M_{\odot}\,\mathrm{yr}^{-1}$"
    assert markup.latex_problems(fine) == []


def test_latex_accents_outside_math_are_warned_about():
    """`caf\\'e`, `Gar\\c{c}on`, `Bj{\\o}rn`, `Stra\\ss e` printed as written, backslashes and all, with no word
    from check (only \\"o, the umlaut, becomes its letter): each is named as LaTeX outside math."""
    told = "; printed as written (booklet reads LaTeX only in math, between $...$)"
    assert markup.latex_problems("caf\\'e and caf\\'{e}, Gar\\c{c}on, Bj{\\o}rn") == [
        "LaTeX outside math: \\'e, \\'{e}, \\c{c} ..." + told]
    assert markup.latex_problems("Stra\\ss e and {\\ae}on") == ["LaTeX outside math: \\ss, {\\ae}" + told]
    assert markup.plain("Bj{\\o}rn") == "Bj{\\o}rn"  # (what the warning says)
    assert markup.latex_problems('Schr\\"odinger, C:\\Users\\me, 5\\% and $\\hat{x}$') == []


def test_latex_outside_math_is_warned_about_and_a_backslash_alone_is_not():
    assert markup.latex_problems(r"the interaction (DMI) \cite{1}, at \sqrt{s}=200 GeV and $\sqrt{s}$") == [
        r"LaTeX outside math: \cite{1}, \sqrt{s}; printed as written (booklet reads LaTeX only in math, "
        r"between $...$)"]
    assert markup.latex_problems(r"saved in C:\Users\me\notes and C:\pi\data, costs \$5") == []
    pasted = r"We use \usepackage{amsmath} and \newcommand{\R}{x}: \begin{equation} x = 1 \end{equation}."
    assert markup.latex_problems(pasted) == [  # (a paper's source pasted whole: a typographer's review)
        r"LaTeX outside math: \usepackage{amsmath}, \newcommand{\R}, \begin{equation} ...; printed as written "
        r"(booklet reads LaTeX only in math, between $...$)"]
    assert markup.latex_problems(r"in C:\begin\end and C:\newcommand") == []  # (no braces: a Windows path)


def test_an_unknown_macro_is_warned_about_with_file_line_and_key(tmp_path):
    data = write_conference(tmp_path / "conf", {"abstracts.yaml": extend("abstracts.yaml", """\
        - id: lee
          title: Spectra of $\\foo$ stars
          speaker: {name: Ann Lee}
          abstract: We fit $T_{\\rm eff}$ and $\\qux{g}$.
        """)})
    _, problems = check_folder(data)
    math = [(p.file, p.line, p.key, p.kind, p.message) for p in problems if p.kind == "math"]
    assert math == [
        ("abstracts.yaml", 12, "[2].title", "math", r"unknown LaTeX macro \foo in $\foo$; printed as written"),
        ("abstracts.yaml", 14, "[2].abstract", "math", r"unknown LaTeX macro \qux in $\qux{g}$; printed as written"),
    ]
    out = tmp_path / "out.pdf"
    build_booklet(data, out)  # prints as written, its argument's braces too (they were dropped: "\qux g")
    printed = " ".join(texts(out))
    assert "Spectra of \\foo stars" in printed and "\\qux{g}" in printed


def test_the_corpus_page_tool(tmp_path):
    """tools/math_corpus_page.py sets the whole corpus on one page (to look at after a change)."""
    import subprocess
    import sys

    tool = Path(__file__).resolve().parent.parent / "tools" / "math_corpus_page.py"
    subprocess.run([sys.executable, str(tool), str(tmp_path), "--dpi", "30"], check=True, capture_output=True)
    assert len(pypdf.PdfReader(str(tmp_path / "math-corpus.pdf")).pages) == 1
    assert (tmp_path / "math-corpus.png").stat().st_size > 1000


def test_the_kept_symbol_table_is_what_pylatexenc_gives_each_macro(tmp_path, monkeypatch):
    """mathtext.latex_symbols (kept on disk by pylatexenc's version) gives every macro name what pylatexenc's
    tables give it; a damaged kept table is made again."""
    from booklet.cache import disk
    from booklet.text import mathtext

    table = mathtext.latex_symbols()
    text_db, walker_db = mathtext._latex_dbs()
    names = {spec.macroname for db in (text_db, walker_db) for spec in db.iter_macro_specs()}
    names |= {"nosuchmacro", "frac", "sqrt", "textbf", "mathbb", "left", "\\", " ", ",", "hat", "Alpha"}
    assert len(table) > 500 and table["alpha"] == "\u03b1" and table["sim"] == "\u223c" and "frac" not in table
    assert {name: mathtext._latex_symbol(name) for name in names} == {name: table.get(name) for name in names}

    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path))
    mathtext._symbols.cache_clear()
    try:
        assert mathtext._symbols() == table
        [kept] = (tmp_path / "latex-symbols").glob("*.pickle")
        kept.write_bytes(kept.read_bytes()[:100])
        mathtext._symbols.cache_clear()
        assert mathtext._symbols() == table and disk.load("latex-symbols", kept.stem, dict) == table
    finally:
        mathtext._symbols.cache_clear()


def test_an_accent_over_a_tall_letter_is_above_it_and_over_its_middle(tmp_path):
    """\\dot\\psi and \\hat\\theta: the font puts a combining accent where it sits over an x, which for a letter
    with an ascender is inside the letter's top, unseen; it is raised above the letter now, over its middle. Over
    an x-high letter it stays where the font puts it."""
    path = typeset(tmp_path / "accents.pdf", [r"$\dot\psi$ and $\hat\theta_i$ and $\tilde d$ and $\bar x$"])
    page = glyphs(path)[0]
    for base, mark in (("\u03c8", "\u0307"), ("\u03b8", "\u0302"), ("d", "\u0303")):
        at = find(page, mark)
        accent, letter = page[at], page[at - 1]
        assert letter.char == base
        assert accent.bottom >= letter.top, (base, accent.bottom, letter.top)  # above the letter, not in it
        middle = (letter.left + letter.right) / 2
        assert close((accent.left + accent.right) / 2, middle, 0.25 * BASE * 0.3), base  # over its middle
    at = find(page, "\u0304")
    x, bar = page[at - 1], page[at]
    assert x.char == "x" and bar.y == x.y  # not raised: where the font puts it over an x


def test_the_quick_look_for_an_accent_finds_every_text_with_an_accent_over_a_letter():
    """A fragment's text is looked at for a combining accent (paragraph._ACCENT, scanned for at C speed) before the
    pattern of an accent over a letter (_ACCENTED, tried at nearly every character) looks at it: every text that
    pattern finds something in, the look finds something in."""
    from booklet.text import paragraph

    for mark in ("\u0300", "\u0307", "\u036f", "\u20d0", "\u20d7", "\u20ff"):
        for text in (f"\u03c8{mark}", f"a b{mark}{mark} c", f" {mark}x", f"{mark}"):
            if paragraph._ACCENTED.search(text) is not None:
                assert paragraph._ACCENT.search(text) is not None, (mark, text)
    assert paragraph._ACCENT.search("\u03c8 and \u03b8, \u02c6") is None


def test_display_math_between_double_dollars_is_set_as_math():
    """`$$...$$` (TeX's display math, as authors paste it) is math, set in the line as `$...$` is; it printed with
    its dollars and backslashes. (`\\(...\\)` and `\\[...\\]`: test_math_between_latex_delimiters_is_set_as_between_dollars.)"""
    text = r"The integral $$\int_0^\infty e^{-x^2}\,dx = \frac{\sqrt{\pi}}{2}$$ and $$ a^2 $$ end, costs $$ 5"
    assert markup.plain(text) == markup.plain(r"The integral $\int_0^\infty e^{-x^2}\,dx = \frac{\sqrt{\pi}}{2}$ and "
                                              r"$a^2$ end, costs $$ 5")
    assert "$" not in markup.plain(text).replace("$$ 5", "")
    assert markup.math_sources(text) == [r"\int_0^\infty e^{-x^2}\,dx = \frac{\sqrt{\pi}}{2}", "a^2"]
    assert markup.latex_problems(text) == []


def _lee_checked_and_built(tmp_path, title: str, abstract: str) -> tuple[list, str]:
    """A conference with Ann Lee's abstract of `title` and `abstract` (YAML's plain text) added: check's problems,
    and the text its built booklet prints."""
    data = write_conference(tmp_path / "conf", {"abstracts.yaml": extend("abstracts.yaml", f"""\
        - id: lee
          title: {title}
          speaker: {{name: Ann Lee}}
          abstract: {abstract}
        """)})
    _, problems = check_folder(data)
    build_booklet(data, tmp_path / "out.pdf")
    return problems, " ".join(texts(tmp_path / "out.pdf"))


def test_a_space_before_the_closing_dollar_of_tex_is_set_as_tex_sets_it(tmp_path):
    """`$\\sin x $` (a space before the closing dollar, which TeX ignores) printed as written, dollars and backslash
    and all, with no warning (or, with another formula after it, ran on to that one's closing dollar: "sin x$and$
    sin x"); math that is plainly TeX (a macro, a script, a group) may end after a space. "costs $5 and $10" is still
    no math, nor "$x $" (no TeX in it)."""
    text = r"the value $\sin x $ and $\sin x$ and $x_i $ here"
    assert markup.inline(text) == markup.inline(r"the value $\sin x$ and $\sin x$ and $x_i$ here")
    assert markup.plain(text) == "the value sin x and sin x and xi here"
    assert markup.math_sources(text) == ["\\sin x ", "\\sin x", "x_i "] and markup.latex_problems(text) == []
    assert markup.plain("costs $5 and $10") == "costs $5 and $10" and markup.math_sources("a $x $ b") == []
    problems, printed = _lee_checked_and_built(tmp_path, "On $\\sin x $ and $\\alpha $",
                                               "We fit $\\sin x $ to $T_{\\rm eff} $.")
    assert [p for p in problems if p.kind == "math" or "\\sin" in p.message] == []
    assert "On sin x and α" in printed and "We fit sin x to Teff." in printed and "$" not in printed


def _prime_warning(formula: str, printed: str) -> str:
    """check's warning of a \\' read as a prime in `$formula$`, which prints as `printed`."""
    return (f"the math ${formula}$ has \\' before '(': LaTeX's acute accent, which LaTeX refuses in math, with no "
            f"letter to put it on; booklet reads it as a prime: it prints as {printed} (write a prime as ', f'(x))")


def test_an_escaped_quote_after_a_letter_in_math_is_a_prime_with_a_warning(tmp_path):
    """`$f\\'(x)$` (the prime escaped, as JSON and YAML escape a quote) put LaTeX's acute accent on the bracket,
    "f(\u0301x)", with no warning; LaTeX refuses \\' in math. Now a \\' after an atom with no letter to put an accent on
    prints a prime, as `$f'(x)$` does, and check says so with file, line and key; `$\\'e$` is still an accented e."""
    assert markup.plain(r"$f\'(x)$, $f\'\'(x)$, $f\'$ and $\'e$") == "f\u2032(x), f\u2032\u2032(x), f\u2032 and \u00e9"
    assert markup.inline(r"$f\'(x)$") == markup.inline("$f'(x)$")
    problems, printed = _lee_checked_and_built(tmp_path, "Spectra", "We fit $f\\'(x)$ and $g'(x)$.")
    math = [(p.file, p.line, p.key, p.message) for p in problems if p.kind == "math"]
    assert math == [("abstracts.yaml", 14, "[2].abstract", _prime_warning("f\\'(x)", "f\u2032(x)"))]
    assert "We fit f\u2032(x) and g\u2032(x)." in printed


def test_an_escaped_quote_at_a_formula_s_start_is_a_prime_with_a_warning_never_an_accent_on_a_bracket(tmp_path):
    """`$\\'(x)$` (no letter before the \\', nor after it) put LaTeX's acute accent on the bracket, "(\u0301x)", with
    no warning, where `$f\\'(x)$` printed a prime and was warned of. LaTeX refuses \\' in math; a \\' with no letter
    after it to take an accent is now a prime wherever it stands, as `$'(x)$` prints one, with the same warning."""
    assert markup.plain(r"$\'(x)$ and $a\,\'(x)$") == "\u2032(x) and a \u2032(x)"
    assert markup.inline(r"$\'(x)$") == markup.inline("$'(x)$")
    problems, printed = _lee_checked_and_built(tmp_path, "Spectra", "We fit $\\'(x)$ and $\\'e$.")
    math = [(p.file, p.line, p.key, p.message) for p in problems if p.kind == "math"]
    assert math == [("abstracts.yaml", 14, "[2].abstract", _prime_warning("\\'(x)", "\u2032(x)"))]
    assert "We fit \u2032(x) and \u00e9." in printed and "\u0301" not in printed


LATEX_DELIMITED = (r"Energy \(E = mc^2\), a gap \( \Delta \sim 1.76\,k_B T_c \) and "
                   r"\[ \int_0^\infty e^{-x^2}\,dx = \frac{\sqrt{\pi}}{2} \] end.")


def test_math_between_latex_delimiters_is_set_as_between_dollars(tmp_path):
    """LaTeX's own math delimiters, `\\(...\\)` (inline) and `\\[...\\]` (display), are math as `$...$` and `$$...$$`
    are, set alike: they printed as written, backslashes and all, with a warning (a typographer's review)."""
    dollars = (r"Energy $E = mc^2$, a gap $\Delta \sim 1.76\,k_B T_c$ and "
               r"$$\int_0^\infty e^{-x^2}\,dx = \frac{\sqrt{\pi}}{2}$$ end.")
    assert markup.inline(LATEX_DELIMITED) == markup.inline(dollars)
    assert markup.plain(LATEX_DELIMITED) == markup.plain(dollars)
    assert markup.math_sources(LATEX_DELIMITED) == [r"E = mc^2", r"\Delta \sim 1.76\,k_B T_c",
                                                    r"\int_0^\infty e^{-x^2}\,dx = \frac{\sqrt{\pi}}{2}"]
    assert markup.latex_problems(LATEX_DELIMITED) == []
    assert texts(typeset(tmp_path / "delimited.pdf", [LATEX_DELIMITED])) == [
        "Energy E = mc2, a gap \u0394 \u223c 1.76 kBTc and \u222b0\u221e e\u2212x2 dx = (\u221a\u03c0)/2 end."]
    # a warning quotes a formula as it was written
    assert markup.latex_problems(r"a \(\foo\) and \[\mathbb{}\]") == [
        r"unknown LaTeX macro \foo in \(\foo\); printed as written",
        r"the math \[\mathbb{}\] shows nothing (TeX prints no mark of it): it prints as written, backslashes and all"]
    assert markup.plain(r"a \[\mathbb{}\] b") == r"a \[\mathbb{}\] b"
    # a formula's lines start no list item, as a formula between dollars' do not
    assert len(markup.paragraphs("Summed:\n\\[ a\n+ b\n+ c \\]")) == 1


@pytest.mark.parametrize("text", [
    r"a line\\(x\\) b",  # TeX's line break, then a bracket
    r"a line\\[2pt] b",
    r"install to C:\(x86)\Program Files",  # no \) closes it
    r"C:\(x86)\bin, then \(T_c\) as math",  # another formula starts before any \) closes it
    r"C:\(x86)\bin costs $5 and \) ends",
    "one \\(x\n\nand\\) two",  # a paragraph between: no formula
    r"empty \( \) brackets",
])
def test_a_latex_delimiter_that_opens_no_formula_prints_as_written(text):
    """A `\\(` or `\\[` whose backslash is written (`\\\\(`), one that no `\\)` (`\\]`) closes in its paragraph before
    another formula starts (a Windows path, C:\\(x86): TeX would stop there with an error) or one with nothing in it
    prints as written, and swallows no text after it."""
    expected = text.replace(r"\(T_c\)", "Tc").replace("\n\n", " ")
    assert markup.plain(text) == expected
    assert [src for src in markup.math_sources(text)] == (["T_c"] if "T_c" in text else [])
    assert markup.latex_problems(text) == []


def test_brackets_escaped_as_markdown_does_are_text_with_a_warning():
    """`\\[citation needed\\]`, `\\[1\\]` (Markdown's escaped brackets): what is between reads as text, not math (no
    TeX in it, and two words or no letter): it prints as written, and check says why; one letter, a word alone or
    a sign of TeX's is math."""
    text = r"As shown \[citation needed\] and \[1\], \[2--4\]; but \(x\), \(pp\) and \(a - b\)."
    assert markup.plain(text) == "As shown \\[citation needed\\] and \\[1\\], \\[2\u20134\\]; but x, pp and a \u2212 b."
    assert markup.math_sources(text) == ["x", "pp", "a - b"]
    assert markup.latex_problems(text) == [
        r"\[citation needed\] prints as written, backslashes and all: it reads as text, not as math between \( \) or "
        r"\[ \] (no TeX in it: no macro, script, brace or relation); write brackets without their backslashes, and "
        "math with TeX in it"]


def test_check_and_build_read_latex_delimiters_with_file_line_and_key(tmp_path):
    data = write_conference(tmp_path / "conf", {"abstracts.yaml": extend("abstracts.yaml", """\
        - id: lee
          title: Cooper pairs below \\(T_c\\)
          speaker: {name: Ann Lee}
          abstract: "The gap \\\\[ \\\\Delta(0) = 1.76\\\\,k_B T_c \\\\] and \\\\(\\\\foo\\\\) as \\\\[citation needed\\\\]."
        """)})
    _, problems = check_folder(data)
    math = [(p.file, p.line, p.key, p.message) for p in problems if p.kind == "math"]
    assert math == [("abstracts.yaml", 14, "[2].abstract", r"unknown LaTeX macro \foo in \(\foo\); printed as written"),
                    ("abstracts.yaml", 14, "[2].abstract",
                     r"\[citation needed\] prints as written, backslashes and all: it reads as text, not as math "
                     r"between \( \) or \[ \] (no TeX in it: no macro, script, brace or relation); write brackets "
                     "without their backslashes, and math with TeX in it")]
    out = tmp_path / "out.pdf"
    build_booklet(data, out)
    printed = " ".join(texts(out))
    assert "Cooper pairs below Tc" in printed
    assert "The gap \u0394(0) = 1.76 kBTc and \\foo as \\[citation needed\\]." in printed


def test_an_ampersand_in_math_is_spaced_as_an_operator():
    """A bare `&` in a line's math (TeX's alignment tab, an error there) is written as "and": it printed without its
    spaces ("y&z"); now it is spaced as + is, and `\\&` stays the plain character it is in TeX."""
    from booklet.text.mathtext import math_runs

    assert "".join(text for text, _ in math_runs(r"x < y & z > w")) == "x\u00a0<\u00a0y\u00a0& z\u00a0>\u00a0w"
    assert "".join(text for text, _ in math_runs(r"y + z")) == "y\u00a0+ z"
    assert "".join(text for text, _ in math_runs(r"x \& y")) == "x&y"


def test_a_formula_of_spaces_alone_prints_its_space():
    """A fuzzing run: LaTeX's thin space between a number and its unit, `10$\\,$GeV`, printed "10$\\,$GeV" (and
    `$\\quad$` "$\\quad$"), each without a word: a formula whose text was all spaces counted as showing nothing."""
    assert markup.inline("10$\\,$GeV") == '10<mkern em="0.1667">\u00a0</mkern>GeV'
    assert markup.plain("10$\\,$GeV and a $\\quad$ b") == "10 GeV and a b"
    assert markup.latex_problems("10$\\,$GeV and a $\\quad$ b") == []


def test_a_formula_that_shows_nothing_is_warned_about():
    """A fuzzing run: `$\\mathbb{}$`, `${}$` and `$\\hat{}$` printed as written, dollars and all, without a word;
    `${$` was said to lose its brace while it printed."""
    assert markup.plain("a $\\mathbb{}$ b ${}$ c $\\hat{}$") == "a $\\mathbb{}$ b ${}$ c $\\hat{}$"
    assert markup.latex_problems("a $\\mathbb{}$ b ${}$ c $\\hat{}$") == [
        f"the math ${src}$ shows nothing (TeX prints no mark of it): it prints as written, dollars and all"
        for src in ("\\mathbb{}", "{}", "\\hat{}")]
    assert markup.plain("${$") == "${$"
    assert markup.latex_problems("${$") == [
        "the math ${$ has a '{' that no '}' closes: with nothing else to show, the math prints as written; a brace "
        "that prints is written \\{"]
    assert markup.latex_problems("$\\foo{}$ $\\not$")[0].startswith("unknown LaTeX macro")  # (told once, not twice)
    assert len(markup.latex_problems("$\\foo{}$ $\\not$")) == 2


def test_a_line_break_in_math_is_warned_about_with_what_prints():
    """A finding: `$\\\\$` (LaTeX's line break, which TeX's inline math may make) printed a space without a word;
    booklet sets a formula on one line, and says so, with what prints."""
    assert markup.plain("a $\\\\$ b $x\\\\y$ c") == "a b x y c"
    assert markup.latex_problems("a $\\\\$ b $x\\\\y$ c") == [
        "the math $\\\\$ breaks the line with \\\\, which booklet does not do in a formula: it prints as a space",
        "the math $x\\\\y$ breaks the line with \\\\, which booklet does not do in a formula: it prints as x y"]
    assert markup.latex_problems("$\\,$ $a\\;b$ $\\{x\\}$") == []


def test_a_formula_of_a_control_space_prints_a_space():
    """A finding: `a$\\ $b` (TeX's control space alone in math: a space) printed as written, dollars and all, without
    a word: the space before its closing dollar read as no formula's end. It prints a space, as `$\\,$` and `$\\\\$`
    do (a control space escaped, `\\\\ `, is no control space: no formula)."""
    assert markup.plain("a$\\ $b and $x\\ $ y") == "a b and x y"
    assert markup.inline("a$\\ $b") == "a b"
    assert markup.latex_problems("a$\\ $b") == []
    assert markup.plain("a$\\\\ $b") == "a$\\\\ $b" and markup.plain("costs $5 and $ 10") == "costs $5 and $ 10"
    # (fuzzing: a dollar passed over is no formula's: "$5 and $\\ $ b" printed "5and$ b", the dollars of
    # "$5 and $" one formula with the control space; the control space's own formula prints its space)
    assert markup.plain("START a $5 and $\\ $ b END") == "START a $5 and b END"


def test_a_quantity_in_scientific_notation_never_breaks_at_its_signs():
    """A typographer's review: "(3.2 ± 0.4) ×" ended a line, "10⁵" began the next (a line may break after a binary
    operator, as in TeX). Inside a quantity (a product sign or ± between a number, or its closing bracket, and a
    number) the space after the sign holds; between letters it still breaks."""
    from booklet.text.mathtext import NBSP, math_runs

    def spaces(src: str) -> list[str]:
        return [text for text, _ in math_runs(src) if not text.strip()]

    assert spaces(r"(3.2 \pm 0.4) \times 10^{5}") == [NBSP] * 4
    assert spaces(r"4 \times 10^{-4}") == spaces(r"2 \cdot 10^3") == [NBSP, NBSP]
    assert spaces(r"a \times b") == spaces(r"x \pm 3") == [NBSP, " "]


def test_substack_is_known_and_its_line_breaks_are_its_lines():
    """The Les Houches import's poster: "150 \\substack{+60 \\\\ -40} zN" printed as written, with two warnings (an
    unknown macro, a line broken in a formula). Two lines outside a script stack as a superscript over a subscript
    (the corpus); in a script, or three lines, they run side by side; a \\\\ outside it still breaks a line."""
    from booklet.text.mathtext import line_breaks, math_runs, unknown_macros

    for src in (r"150 \substack{+60 \\ -40}", r"\sum_{\substack{i<n \\ j<m}} x", r"\substack{a \\ b \\ c}"):
        assert (unknown_macros(src), line_breaks(src)) == ((), False), src
    assert "".join(text for text, _ in math_runs(r"\substack{a \\ b \\ c}")) == "a, b, c"
    assert line_breaks(r"\substack{a \\ b} \\ c") and line_breaks(r"\substack{{a \\ b} \\ c}")
    assert math_runs(r"\substack{a \\") is not None and math_runs(r"\substack{}") is None  # (never raises)
    # an empty last line, a line's end's space asked for: left out (a review: "a, b, " and "[2pt]" printed)
    for src in (r"\substack{+60 \\ -40 \\}", r"\substack{+60 \\[2pt] -40}"):
        assert [(text, style.scripts[0].kind) for text, style in math_runs(src)] == \
            [("+", "super"), ("60", "super"), ("\u2212", "sub"), ("40", "sub")], src


def test_substack_nested_past_the_depth_limit_or_cut_short_ends_and_leaves_no_marker(monkeypatch):
    """A \\substack 32 groups deep read nothing (_parse_list at _MAX_DEPTH) and asked again for ever: `check` on
    such a formula grew until the OOM killer took it. And a line of it ending where an argument was wanted
    (`\\substack{i_}`, `\\substack{\\sqrt \\\\ b}`) took the line's end marker as its argument: a NUL and "row"
    printed. Now the deep one prints nothing more of itself, and a missing argument is one, as outside it."""
    from booklet.text import mathtext
    from booklet.text.mathtext import math_runs, missing_arguments

    class Runaway(BaseException):  # (not caught by _parsed's `except Exception`)
        pass

    calls = [0]
    parse_list = mathtext._MathParser._parse_list

    def counted(self, ctx, stop):
        calls[0] += 1
        if calls[0] > 10_000:
            raise Runaway
        return parse_list(self, ctx, stop)

    monkeypatch.setattr(mathtext._MathParser, "_parse_list", counted)
    for n in (31, 32, 40):
        calls[0] = 0
        math_runs("{" * n + r"\substack{a \\ b}" + "}" * n + " x")  # (never raises Runaway)
        calls[0] = 0
        math_runs(r"\substack{" * n + "c" + "}" * n)
    for src, missing in ((r"\substack{i_}", "_"), (r"\substack{\sqrt \\ b}", "\\sqrt"), (r"\substack{a \\ b^}", "^"),
                         (r"\substack{\mathrm\\b}", "\\mathrm"), (r"\substack{\not \\ b}", "\\not")):
        shown = "".join(text for text, _ in math_runs(src) or ())
        assert "\x00" not in shown and "row" not in shown, (src, shown)
        assert missing_arguments(src) == (missing,), src


def test_math_never_breaks_inside_a_group_a_fraction_or_a_root():
    """TeX sets a group, a fraction and a root as one box: a line breaks after the + of `a + b` but never after the
    + of `{a + b}`, `\\frac{a+b}{c-d}` or `\\sqrt{x^2+y^2}` (a line ended "(a +", the next began "b)/(c − d)": a
    typographer's review)."""
    style = styles().text
    text = (r"We find that $\frac{a+b}{c-d}$ and $\sqrt{x^2+y^2}$ and ${u + v}$ hold, but $p + q$ may break "
            r"after its sign, and so may $\frac{a+b}{c-d} + \sqrt{x^2+y^2} = {u + v}$ between its parts.") * 2
    together = ["(a\u00a0+\u00a0b)/(c\u00a0\u2212\u00a0d)", "\u221a", "u\u00a0+\u00a0v"]  # (√: a root's one box)
    broken_after_sign = set()
    for width in range(100, 330, 3):  # (narrower, a formula wider than the line is cut anywhere)
        lines = [line.strip() for line in _wrapped(text, style, width)]
        joined = " ".join(lines)
        for part in together:
            assert joined.count(part) == 4 and sum(line.count(part) for line in lines) == 4, (part, width, lines)
        broken_after_sign.update(line[-1] for line in lines[:-1] if line[-1] in "+=")
    assert broken_after_sign == {"+", "="}  # the outer list still breaks after its signs


def test_fraktur_letters_are_unicode_math_letters(tmp_path):
    """`\\mathfrak` (a Lie algebra's 𝔤, 𝔰𝔩₂) printed as written, "\\mathfrak{g}", with a warning (a typographer's
    review): its letters are Unicode's, in the math font, as \\mathbb's and \\mathcal's are."""
    text = r"$\mathfrak{g}$, $\mathfrak{sl}_2(\mathbb{C})$ and $\mathfrak{A}\mathfrak{C}\mathfrak{H}\mathfrak{R}$"
    assert markup.latex_problems(text) == []
    path = typeset(tmp_path / "frak.pdf", [text])
    assert texts(path) == ["𝔤, 𝔰𝔩2(ℂ) and 𝔄ℭℌℜ"]
    page = glyphs(path)[0]
    assert {g.font for g in page if g.char in "𝔤𝔰𝔩𝔄ℭℌℜ"} == {"Math"}


@pytest.mark.parametrize(("tex", "printed"), [
    (r"$E = \frac{1}{2}mv^2$", "E = (1/2)mv²"),  # not 1/2mv², read as 1/(2mv²)
    (r"$\partial_t \psi = -\frac{i}{\hbar} H\psi$", "∂tψ = −(i/ħ)Hψ"),
    (r"$x\frac{a}{b}$, $2\frac{1}{3}$, $\frac{1}{2}(a+b)$", "x(a/b), 2(1/3), (1/2)(a + b)"),
    (r"$\frac{a}{b}^2$", "(a/b)²"),
    (r"$\frac{a}{b} + c$, $\left(\frac{1}{2}\right)$, $\frac12$", "a/b + c, (1/2), 1/2"),  # bare: nothing juxtaposed
    (r"$e^{-\frac{x^2}{2}}$ and $\frac{\pi^2}{6}$", "e−x²/2 and π²/6"),  # a power binds tighter than the slash
    (r"$\frac{a+b}{c}$, $\frac{\sin x}{x}$, $\sqrt{s_{NN}}$", "(a + b)/c, (sin x)/x, √(sNN)"),
    (r"$x = \frac{\sqrt{\pi}}{2}.$ and $\frac{a}{b}.$", "x = (√π)/2. and a/b."),  # a full stop is no factor
])
def test_a_fraction_on_the_line_is_bracketed_where_it_is_a_factor(tmp_path, tex, printed):
    """\\frac is set on the line, a/b: beside a factor it needs its parentheses, as the linear form of a stacked
    fraction does; "\\frac{1}{2}mv^2" printed "1/2mv²" and "-\\frac{i}{\\hbar}H\\psi" "−i/ħHψ" (a typographer's
    review). A numerator or denominator of one letter with a power needs none (x²/2, not (x²)/2)."""
    assert markup.plain(tex) == printed
    # (the page's powers: raised; its roots' radicands under a bar, in no parentheses)
    assert texts(typeset(tmp_path / "frac.pdf", [tex])) == [re.sub(r"√\((\w+)\)", r"√\1", printed.replace("²", "2"))]


def test_a_prime_written_as_a_superscript_is_the_prime_sign(tmp_path):
    """`g^{\\prime}` is TeX's `g'`: Unicode's prime is a raised mark already, so as a superscript it was raised twice
    and shrunk to a speck above the letter (a typographer's review); it is set as `g'` is, ° as `30^\\circ` is."""
    tex = r"$g^{\prime}(t)$ $g^\prime$ $f^{\prime\prime}$ $g'(t)$"
    assert markup.plain(tex) == "g′(t) g′ f′′ g′(t)"
    page = glyphs(typeset(tmp_path / "prime.pdf", [tex]))[0]
    primes = [g for g in page if g.char == "\u2032"]
    assert len(primes) == 5
    assert all(close(g.size, BASE) and close(g.y, primes[-1].y) for g in primes)  # the size and line of g'(t)'s


def test_a_long_group_breaks_after_its_signs_not_anywhere():
    """A group longer than HELD_GROUP characters (a fraction's long numerator) may break after its signs: held whole, it
    was wider than the line and cut anywhere, a line starting with a subscript ("₁₂)/(b₁ + ...")."""
    style = styles().text
    text = (r"A long one: $\frac{a_1+a_2+a_3+a_4+a_5+a_6+a_7+a_8+a_9+a_{10}+a_{11}+a_{12}}"
            r"{b_1+b_2+b_3+b_4+b_5+b_6+b_7+b_8+b_9+b_{10}}$ ends here.")
    for width in range(150, 330, 4):
        lines = [line.strip() for line in _wrapped(text, style, width)]
        assert len(lines) > 1
        assert not any(line.startswith(("\u25a1", "+", ")")) for line in lines), (width, lines)
        inside = lines[: next(i for i, line in enumerate(lines) if "b\u25a1)" in line)]  # (lines the formula goes on from)
        assert all(line.endswith("+") for line in inside), (width, lines)


def test_the_usual_word_is_not_looked_at_for_a_formula_glued_to_it(monkeypatch):
    """Every word ReportLab hyphenates is asked whether a formula is glued to it; a word of one fragment, or with no
    hyphen in its text, is answered before any fragment is looked at for a box (a 500-talk book asks it ~15,000
    times). A word glued to a formula with a hyphen of its own is still found."""
    from types import SimpleNamespace

    from booklet.text import paragraph

    looked = []
    monkeypatch.setattr(paragraph, "_a_box", lambda frag: looked.append(frag) or frag.fontName == BOX_FONT)
    text, box = SimpleNamespace(fontName=BODY), SimpleNamespace(fontName=BOX_FONT)
    for word in ([30.0, (text, "characteristically")], [30.0, (text, "well-known")], [30.0, (box, "\U000f0000")],
                 [30.0, (text, "H"), (box, "\U000f0000"), (text, "Obased")]):
        assert paragraph._GluedCuts().breaks(word) is False, word
    assert looked == []
    assert paragraph._GluedCuts().breaks([30.0, (text, "H"), (box, "\U000f0000"), (text, "O-based")]) is True
    assert looked  # (that one was looked at)


def test_a_glued_word_s_cuts_are_kept_by_its_line_breaking_not_a_module_global(monkeypatch):
    """_glued_cuts kept the last word's cuts in a module global (_GLUED); its line breaking's helpers keep them now
    (_GluedCuts): asked of the same word again (whether it breaks at its own hyphens, then for each try at breaking
    it) it is worked out once, another word anew, and each helpers' memo is its own."""
    from types import SimpleNamespace

    from booklet.text import paragraph

    worked = []
    real = paragraph._own_hyphen_cuts
    monkeypatch.setattr(paragraph, "_own_hyphen_cuts", lambda word: worked.append(word) or real(word))
    text, box = SimpleNamespace(fontName=BODY), SimpleNamespace(fontName=BOX_FONT)
    word = [30.0, (text, "H"), (box, "\U000f0000"), (text, "O-based")]
    other = [30.0, (text, "H"), (box, "\U000f0000"), (text, "O-free")]
    assert not hasattr(paragraph, "_GLUED")
    helpers, cut_helpers = paragraph._line_breaking(), paragraph._line_breaking(ellipsis=True)
    assert helpers.breaks_at_own_hyphens(word) is True and helpers.breaks_at_own_hyphens(word) is True
    assert worked == [word]
    assert cut_helpers.breaks_at_own_hyphens(word) is True and helpers.breaks_at_own_hyphens(other) is True
    assert worked == [word, word, other]


def test_a_glued_word_s_fragments_are_each_asked_once_whether_they_are_a_box(monkeypatch):
    """_own_hyphen_cuts asked _a_box of a fragment twice for each of its characters (once for whether it is held
    whole, once again in _a_formula for whether it draws a formula): now once a fragment. The cuts are the same."""
    from types import SimpleNamespace

    from booklet.text import paragraph

    looked = []
    monkeypatch.setattr(paragraph, "_a_box", lambda frag: looked.append(frag) or frag.fontName == BOX_FONT)
    text, box = SimpleNamespace(fontName=BODY), SimpleNamespace(fontName=BOX_FONT)
    nobr = SimpleNamespace(fontName=BODY, nobr=True)
    assert paragraph._own_hyphen_cuts([30.0, (text, "H"), (box, "\U000f0000"), (text, "O-based")]) == [(3, 2)]
    assert looked == [text, box, text]
    assert paragraph._own_hyphen_cuts([30.0, (nobr, "x"), (text, "-axis-y")]) == [(2, 1)]


def test_a_formula_taller_than_the_line_leaves_room_for_is_told_of_with_file_line_and_key(tmp_path):
    """A tower of scripts reaches higher than the leading leaves room for under the line above: its line is set
    lower (the lines unevenly spaced there). check tells the file, line and key; one script level, stacked scripts, a
    fraction (set a/b), two levels of a subscript stay within the line."""
    told = ("the math $x^{a^{b^{c^{d}}}}$ is taller than a line of text leaves room for (scripts on scripts): its "
            "line is set apart from the lines around it, by 3.5 pt above, so that they do not overlap; write it with "
            "fewer levels of scripts for evenly spaced lines")
    assert markup.latex_problems(r"We find $x^{a^{b^{c^{d}}}}$ here.") == [told]
    for fine in (r"$x_i^2$", r"$Q_{sg}^{1/3}$", r"$\chi^2_\nu$", r"$e^{-E_a/kT}$", r"$\frac{a^{2}}{b_{j}}$",
                 r"$\sum_{i=1}^{n} \frac{a^{2^{k}}}{b_{j_{k}}}$", r"$x_{a_{b}}$", r"$10^{-3}$"):
        assert markup.latex_problems(f"a {fine} b") == [], fine
    data = write_conference(tmp_path / "conf", {"abstracts.yaml": extend("abstracts.yaml", """\
        - id: lee
          title: Towers
          speaker: {name: Ann Lee}
          abstract: |
            We fit the model.
            It gives $x^{a^{b^{c^{d}}}}$ at last.
        """)})
    _, problems = check_folder(data)
    math = [(p.file, p.line, p.key, p.kind, p.message) for p in problems if p.kind == "math"]
    assert math == [("abstracts.yaml", 16, "[2].abstract", "math", told)]


def _lines_of(page: list, size: float) -> list[tuple[float, list]]:
    """A page's lines, top to bottom: the baseline of the text size's glyphs, and every glyph drawn in that line (a
    script goes with the line whose text was drawn last before it)."""
    lines: list[tuple[float, list]] = []
    for glyph in page:
        if abs(glyph.size - size) < 0.01 and (not lines or abs(glyph.y - lines[-1][0]) > 0.01):
            lines.append((glyph.y, []))
        if lines:
            lines[-1][1].append(glyph)
    return lines


def _apart(lines) -> list[tuple[float, float]]:
    """For each line after the first: how far its baseline stands below the one above, and how much white the two
    lines' ink leaves between them."""
    return [(above[0] - below[0], min(g.bottom for g in above[1]) - max(g.top for g in below[1]))
            for above, below in zip(lines, lines[1:])]


TOWER_TEXT = ("Periodogram peaks reported at a nominal false alarm level can, in correlated noise, be false more often "
              "than the nominal level says, and the {} grows quickly with the number of frequencies searched, so "
              "that hopping along the spectrum yields spurious detections. ")


def test_a_tower_of_scripts_gets_room_from_the_line_above_and_the_other_lines_keep_the_leading(tmp_path):
    """`x^{a^{b^{c^{d}}}}` printed its top letters into the descenders of the line above, every line being set the
    leading apart (TeX moves the two lines apart by \\lineskip then). Now its line is set lower, its ink LINESKIP
    below that line's at least; every other line stands the leading below the one above it, and the paragraph is
    taller by what was added."""
    from booklet.text.paragraph import LINESKIP

    style = styles().text
    text = TOWER_TEXT.format("count") * 2 + TOWER_TEXT.format(r"tower $x^{a^{b^{c^{d}}}}$") + \
        TOWER_TEXT.format("count") * 2
    path = typeset(tmp_path / "tower.pdf", [text])
    lines = _lines_of(glyphs(path)[0], style.fontSize)
    tower = next(number for number, (_, line) in enumerate(lines) if any(g.char == "d" and g.size < 5 for g in line))
    apart = _apart(lines)
    assert 3 < tower < len(lines) - 3
    for number, (step, white) in enumerate(apart, start=1):
        assert white > LINESKIP - 0.1, (number, step, white)
        if number != tower:
            assert step == pytest.approx(style.leading, abs=0.01), (number, step)
    assert apart[tower - 1][0] > style.leading + 2  # (3.5 pt more here)
    assert apart[tower - 1][1] == pytest.approx(LINESKIP, abs=0.1)
    para = Para(markup.inline(text), style)
    assert para.wrap(A5[0] - 72 - 12, 1000)[1] == pytest.approx(len(lines) * style.leading + apart[tower - 1][0]
                                                          - style.leading, abs=0.01)


def test_a_paragraph_of_tall_formulas_splits_over_pages_with_none_past_the_frame(tmp_path):
    """A long abstract with a tower of scripts every few lines (taller lines, so fewer on a page than the leading
    alone gives room for) runs on to the next page with no line past the foot of the frame, no word lost or set
    twice, and each tower clear of the line above it on both pages."""
    from booklet.text.paragraph import LINESKIP

    style = styles().text
    text = "".join(TOWER_TEXT.format(rf"tower {number} $x^{{a^{{b^{{c^{{d}}}}}}}}$") for number in range(12))
    path = typeset(tmp_path / "towers.pdf", [text])
    pages = glyphs(path)
    assert len(pages) == 2
    frame_bottom, frame_top = 36, A5[1] - 36
    for page in pages:
        lines = _lines_of(page, style.fontSize)
        assert min(g.bottom for g in page) >= frame_bottom - 0.01 and max(g.top for g in page) <= frame_top + 0.01
        assert all(white > LINESKIP - 0.1 for _, white in _apart(lines)), _apart(lines)
    words = " ".join(texts(path)).split()
    assert [words.index(f"{number}") for number in map(str, range(12))] == sorted(
        words.index(f"{number}") for number in map(str, range(12)))
    assert words.count("xabcd") == 12 and words.count("tower") == 12 and words[-1] == "detections."


def test_the_lines_of_tall_formulas_that_fit_a_height_are_the_most_whose_lines_and_room_fit():
    """lines_fitting (what a split leaves where it starts) summed lineskips anew for each count of lines it tried; it
    now sums them as it goes, and its answer for each height is still the most lines whose leading and the room
    lineskips adds around them (above each, below the last) fit."""
    from booklet.text.paragraph import lineskips

    style = styles().text
    text = "".join(TOWER_TEXT.format(rf"tower {number} $x^{{a^{{b^{{c^{{d}}}}}}}}$") for number in range(4))
    para = Para(markup.inline(text), style)
    para.wrap(300, 10_000)
    lines = para.blPara.lines

    def needs(count):
        return count * style.leading + sum(lineskips(lines[:count], style) or ())

    assert para.lineskips() is not None and len(lines) > 8
    for tenths in range(0, int(needs(len(lines)) * 10) + 40, 7):
        height = tenths / 10
        fit = para.lines_fitting(height)
        assert fit == max(count for count in range(len(lines) + 1) if count == 0 or needs(count) <= height + 1e-8)
    plain = Para(markup.inline(TOWER_TEXT.format("tower count") * 2), style)
    plain.wrap(300, 10_000)
    assert plain.lines_fitting(200) is None


def test_a_tower_of_scripts_beside_a_photo_makes_its_paragraph_taller_by_its_room(tmp_path):
    """Lines set beside a photo (layout.flowables.BesidePhoto, an abstract's header) counted lines x leading: a
    tower's room was left out of the paragraph's height, and its last line drew below it, over what follows."""
    from PIL import Image as PILImage
    from reportlab.platypus import Image

    from booklet.layout.flowables import BesidePhoto

    style = styles().text
    PILImage.new("RGB", (60, 80), "grey").save(tmp_path / "photo.png")
    text = TOWER_TEXT.format(r"tower $x^{a^{b^{c^{d}}}}$") * 2
    plain = Para(markup.inline(TOWER_TEXT.format("tower count") * 2), style)
    tall = Para(markup.inline(text), style)
    beside = BesidePhoto(Image(str(tmp_path / "photo.png"), 60, 80), [tall], 8)
    beside.wrap(300, 1000)
    skips = tall.lineskips()
    assert skips is not None and sum(skips) > 3
    assert tall.height == pytest.approx(len(tall.blPara.lines) * style.leading + sum(skips), abs=0.01)
    beside = BesidePhoto(Image(str(tmp_path / "photo.png"), 60, 80), [plain], 8)
    beside.wrap(300, 1000)
    assert plain.lineskips() is None and plain.height == pytest.approx(len(plain.blPara.lines) * style.leading)


def test_the_room_above_the_first_line_and_below_the_last_is_read_one_way():
    """The room lineskips adds above a paragraph's first line (a programme entry's time follows it down) and below its
    last (a glance box's text moved up by it) was read from its lineskips three ways; edge_skips reads it for each."""
    from booklet.text.paragraph import edge_skips

    style = styles().text
    tall = Para(markup.inline(r"$x^{a^{b^{c^{d}}}}$ opens and ends a line with a tower, $y_{a_{b_{c_{d}}}}$"), style)
    tall.wrap(400, 1000)
    skips = tall.lineskips()
    assert skips is not None and edge_skips(skips) == (skips[0], skips[-1]) and skips[0] > 0
    assert edge_skips(None) == (0.0, 0.0)


def test_an_overline_or_underline_nested_marks_each_letter_once_a_level_not_twice_the_characters():
    """\\overline and \\underline put their mark after every character of their argument, the marks an accent inside
    put there too: each level doubled the formula, so `\\overline` nested 24 deep (a title of 250 characters) was
    16 million characters, and the build never ended (32 deep: 4 billion). A mark goes on letters and signs alone."""
    from booklet.text.mathtext import math_runs

    assert "".join(text for text, _ in math_runs(r"\overline{\overline{ab}}")) == "a\u0305\u0305b\u0305\u0305"
    assert "".join(text for text, _ in math_runs(r"\underline{\hat{x}}")) == "x\u0332\u0302"  # (NFC's order: below first)
    deep = "".join(text for text, _ in math_runs(r"\overline{" * 30 + "x" + "}" * 30))
    assert deep == "x" + "\u0305" * 30
