"""Tests for booklet.text.markup: user text -> Paragraph markup and plain text."""

import io
import random
import re
from functools import lru_cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from booklet.layout.flowables import Para
from booklet.text.fonts import register_fonts, unprintable
from booklet.text import markup
from booklet.text.markup import inline, paragraphs, plain

from .hypothesis_profiles import following_the_profile

MATH = '<font name="Math">{}</font>'.format
NB = "\u00a0"  # a no-break space, before a relation or operator: TeX breaks a line after them, not before
THIN = '<mkern em="0.1667">\u00a0</mkern>'  # a fixed thin space (TeX's \,), a box in booklet's paragraphs
CORR = "<mcorr></mcorr>"  # TeX's italic correction after a math letter an upright character follows
NEG_THIN = '<mkern em="-0.1667">\u00a0</mkern>'


def sup(inner: str, size: str = "70%", rise: str = "36.3%") -> str:
    """A superscript as TeX sets it (size and rise relative to the text around it), in its own group."""
    return f'<mscripts><super rise="{rise}" size="{size}">{inner}</super></mscripts>'


def sub(inner: str, size: str = "70%", rise: str = "15%") -> str:
    return f'<mscripts><sub rise="{rise}" size="{size}">{inner}</sub></mscripts>'


@pytest.mark.parametrize(
    ("text", "markup"),
    [
        # plain text and escaping
        ("Hierarchical models", "Hierarchical models"),
        ("S/N < 5 & biased", "S/N\u00a0&lt;\u00a05 &amp; biased"),  # (a relation held to its number)
        ("<b>bold?</b>", "&lt;b&gt;bold?&lt;/b&gt;"),
        ("&amp;", "&amp;amp;"),
        ("&#65; ]]> <a href=\"x\">", "&amp;#65; ]]&gt; &lt;a href=\"x\"&gt;"),
        ("  two\n lines\t here  ", "two lines here"),
        ("Université de Genève", "Université de Genève"),
        # emphasis
        ("*emphasis* and **strong**", "<i>emphasis</i> and <b>strong</b>"),
        ("**strong *nested* text**", "<b>strong <i>nested</i> text</b>"),
        ("***both***", "<b><i>both</i></b>"),
        ("5 * 3 = 15", "5 * 3\u00a0=\u00a015"),
        ("p* and a ** b", "p* and a ** b"),
        ("an *unmatched star", "an *unmatched star"),
        ("* not emphasis *", "* not emphasis *"),
        ("*a **b* c**", "<i>a b c</i>"),  # every star finds a partner
        ("**a *b** c*", "<i>a b c</i>"),  # crossing pairs cannot nest: all become italic
        ("*$x$ emphasised*", "<i>x emphasised</i>"),
        ("$a*b$ and *c*", "<i>a</i>" + NB + MATH("∗") + " <i>b</i> and <i>c</i>"),
        # math from the data format and the brief
        (r"$\sim 30\%$", MATH("∼") + NB + "30%"),  # (a relation held to its number)
        (r"purity $>84\%$", "purity" + NB + MATH("&gt;") + NB + "84%"),  # signs in the minus sign's font
        (r"H$\alpha$ maps", "H<i>α</i> maps"),  # TeX's math italic for lowercase Greek
        (r"$u_{we}$", "<i>u</i>" + sub("<i>we</i>")),
        (r"$x^{2}$", "<i>x</i>" + sup("2")),
        (r"$z \sim 1$", "<i>z</i>" + NB + MATH("∼") + NB + "1"),
        (r"$\mathrm{M}_\odot$", "M" + sub(MATH("⊙"))),
        (r"$10^{-3}$", "10" + sup(MATH("−") + "3")),
        (r"$\alpha=0.05$", "<i>α</i>" + NB + MATH("=") + NB + "0.05"),
        (r"$-3$", MATH("−") + "3"),
        (r"$x = -3$", "<i>x</i>" + NB + MATH("=") + NB + MATH("−") + "3"),
        (r"$a \pm b$, $\pm 1$", "<i>a</i>" + NB + MATH("±") + " <i>b</i>" + CORR + ", " + MATH("±") + "1"),
        (r"$3\times10^{5}$", "3" + NB + MATH("×") + NB + "10" + sup("5")),  # (a quantity: never broken)
        (r"$x_{a_{b}}$", "<i>x</i>" + sub("<i>a</i>" + sub("<i>b</i>", "71.43%"))),  # 70 % and 50 %
        (r"$x_{a^{b}}$", "<i>x</i>" + sub("<i>a</i>" + sup("<i>b</i>", "71.43%", "28.9%"))),  # cramped
        (r"$\sigma_8$", "<i>σ</i>" + sub("8")),
        (r"$T_{\rm eff}$", "<i>T</i>" + sub("eff")),
        (r"$x_i^2$ $\chi^2_\nu$", '<i>x</i><mscripts><sub rise="24.7%" size="70%"><i>i</i></sub><super rise="36.3%" '
         'size="70%">2</super></mscripts> <i>χ</i><mscripts><super rise="36.3%" size="70%">2</super><sub '
         'rise="24.7%" size="70%"><i>ν</i></sub></mscripts>'),  # stacked; a subscript lower under a superscript
        (r"$x_a_b$", "<i>x</i>" + sub("<i>a</i>") + sub("<i>b</i>")),  # a double subscript: one after the other
        (r"$5.02~\mathrm{TeV}$", "5.02" + NB + "TeV"),  # a tie
        (r"$10^{8}\,M_\odot$", "10" + sup("8") + THIN + "<i>M</i>" + sub(MATH("⊙"))),
        (r"$30^\circ$ $30^{\circ}$C", "30° 30°C"),
        (r"at $\sim$1 kpc", "at" + NB + MATH("∼") + "1\u00a0kpc"),  # TeX that plainly is: a digit may follow
        (r"$\mathbf{v}\mathit{2}$", "<b>v</b><i>2</i>"),
        (r"$\text{for all } x$", "for all <i>x</i>"),
        (r"$\frac{a+b}{c}$", "(<i>a</i>" + NB + MATH("+") + NB + "<i>b</i>" + CORR + ")/<i>c</i>"),  # (a group: never broken)
        (r"$\frac12$", "1/2"),
        # (a root: one box, the sign's bar drawn over its radicand, with no parentheses)
        (r"$\sqrt{x}$ $\sqrt{x+1}$", "<mroot>" + MATH("√") + "<mrad><i>x</i></mrad></mroot> <mroot>" + MATH("√")
         + "<mrad><i>x</i>" + NB + MATH("+") + NB + "1</mrad></mroot>"),
        (r"$\left(\frac{1}{2}\right)$", "(1/2)"),
        (r"$\log L$ $\sin(x)$", "log" + THIN + "<i>L</i> sin(<i>x</i>" + CORR + ")"),
        (r"$\hat{x}$", "<i>x\u0302</i>"),
        (r"$\lesssim 3$", MATH("≲") + NB + "3"),
        (r"$\gtrsim$", MATH("≳")),
        (r"$\sun$", '<font name="Symbols">☉</font>'),
        (r"$1,000$ $(x,y)$ $(0, 1)$", "1,000 (<i>x</i>" + CORR + "," + THIN + "<i>y</i>" + CORR + ") (0," + THIN + "1)"),
        (r"$\not=$", MATH("≠")),
        (r"$a\!=b$ $a \, = b$",
         "<i>a</i>" + NEG_THIN + NB + MATH("=") + NB + "<i>b</i> <i>a</i>" + THIN + NB + MATH("=") + NB + "<i>b</i>"),
        # dollars
        (r"costs \$5", "costs $5"),
        (r"$5 and $10", "$5 and $10"),
        (r"$5-$10", "$5-$10"),
        ("a $ b", "a $ b"),
        ("$$", "$$"),
        (r"$x$ and $y", "<i>x</i> and $y"),
        (r"$\foo x$", r"\foo" + THIN + "<i>x</i>"),
        (r"$\frac{1}{$", "1/"),
        (r"$x^$", "<i>x</i>" + CORR + "^"),
        ("$_$", "_"),
        (r"$\left($", "("),
        ("${x$", "<i>x</i>"),
        ("$x}$", "<i>x</i>"),
        # stars that cannot be emphasis print as written: between digits, alone in brackets; \* is a star; inside a
        # word they may be ("**Daten**banken", as CommonMark has it)
        (r"2**10 = 1024 and 3**2 = 9; 3*4*5", "2**10\u00a0=\u00a01024 and 3**2\u00a0=\u00a09; 3*4*5"),
        ("**Daten**banken, *un*believable, **.NET**", "<b>Daten</b>banken, <i>un</i>believable, <b>.NET</b>"),
        ("p < 0.05 (*), p < 0.01 (**) and *p*", "p\u00a0&lt;\u00a00.05 (*), p\u00a0&lt;\u00a00.01 (**) and <i>p</i>"),
        (r"Use \*literal\* stars, *(this)* and **Note**:", "Use *literal* stars, <i>(this)</i> and <b>Note</b>:"),
        # web addresses print as written: their stars and dollars are neither emphasis nor math
        ("see https://example.org/a*b?q=1*2 and *em*", "see https://example.org/a*b?q=1*2 and <i>em</i>"),
        ("at www.example.org/p*q*r.", "at www.example.org/p*q*r."),
        ("**https://x.org/a**, *see www.x.org/a*b*", "<b>https://x.org/a</b>, <i>see www.x.org/a*b</i>"),
        ("*(https://en.wikipedia.org/wiki/Mercury_(planet))*",
         "<i>(https://en.wikipedia.org/wiki/Mercury_(planet))</i>"),
        ("https://x.org/$a$ and $x$", "https://x.org/$a$ and <i>x</i>"),
        ("me@www.x.org *em*", "me@www.x.org <i>em</i>"),
        # fonts
        ("smile 😀 please", "smile please"),
        ("★ star", '<font name="Symbols">★</font> star'),
        ("中文", ""),
        # a character one text family lacks (and no fallback has): the other family's
        ("Phase Ⅱ, ѡ", 'Phase <font name="BodyInStyle">Ⅱ</font>, <font name="SansInStyle">ѡ</font>'),
    ],
)
def test_inline_markup(text, markup):
    assert inline(text) == markup


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (r"$\sim 30\%$", "∼ 30%"),
        (r"$x^{2}$ and $\sigma_8$", "x² and σ₈"),
        (r"$10^{-3}$", "10⁻³"),
        (r"$u_{we}$", "uwe"),
        (r"$z \sim 1$", "z ∼ 1"),
        (r"H$\alpha$", "Hα"),
        (r"$\mathrm{M}_\odot$", "M⊙"),
        ("**strong *nested* text**", "strong nested text"),
        ("5 * 3 & <b>", "5 * 3 & <b>"),
        ("at https://x.org/$a*b*c$ *now*", "at https://x.org/$a*b*c$ now"),
        ("smile 😀\n\n  next   para", "smile 😀 next para"),
        (r"$\alpha$ $\beta$ $\Gamma$ $\varepsilon$ $\vartheta$", "α β Γ ε ϑ"),
    ],
)
def test_plain(text, expected):
    assert plain(text) == expected


def test_plain_keeps_unprintable_characters():
    assert unprintable(plain("smile 😀 and 中")) == ["😀", "中"]


def test_paragraphs():
    text = "First *one*\ncontinues.\n\n  \nSecond $x$.\n \t\nThird\r\n\r\nfourth\n\n😀\n\n"
    assert paragraphs(text) == ["First <i>one</i> continues.", "Second <i>x</i>" + CORR + ".", "Third", "fourth"]
    assert paragraphs("") == []
    assert paragraphs("*a\n\nb*") == ["*a", "b*"]  # emphasis does not cross paragraphs


def test_lines_that_start_with_bullets_or_numbers_are_list_items():
    """Two lines or more starting with the same bullet (or with numbers), indented or not, each start a paragraph
    of their own, the lines after them theirs; a bullet of *, - or + prints as an en dash, a number as written. A
    line that starts with a bullet once is not a list, nor is *emphasis* at a line's start, nor numbers that do not
    count up one by one, nor en dashes (prose wrapped before a dash), nor lines inside a formula, nor lines that
    neither start the paragraph nor follow one ending in ":" ("5\\n- 10 keV")."""
    text = ("The talk will cover:\n\n    * History of Debian: its\n      origins.\n    * The *Social* Contract\n"
            "    * How to start\n\nSteps:\n1. one\n2) two\n\n- a\nb\n- c\n\nA range of 5\n- 10 keV.\n\n"
            "*Emphasis* first\n* then a star\n\n\u2022 dot\n\u2022 dot\n\nWith S/N >\n4. When\n9. Using\n\n"
            "A pause \u2013 wrapped\n\u2013 twice\n\u2013 here\n\n$x\n- y\n- z$ and more\n\n"
            "energies from 5\n- 10 keV and 20\n- 30 keV too\n\nWe did:\n- this\n- that")
    assert paragraphs(text) == [
        "The talk will cover:", "\u2013 History of Debian: its origins.", "\u2013 The <i>Social</i> Contract",
        "\u2013 How to start", "Steps:", "1. one", "2) two", "\u2013 a b", "\u2013 c", "A range of 5\u00a0\u2013 10\u00a0keV.",
        "<i>Emphasis</i> first * then a star", "\u2022 dot", "\u2022 dot", "With S/N\u00a0&gt;\u00a04. When 9.\u00a0Using",
        "A pause\u00a0\u2013 wrapped\u00a0\u2013 twice\u00a0\u2013 here", paragraphs("$x - y - z$")[0] + " and more",
        "energies from 5\u00a0\u2013 10\u00a0keV and 20\u00a0\u2013 30\u00a0keV too", "We did:", "\u2013 this", "\u2013 that"]


def test_a_list_indented_under_an_item_is_nested_in_it():
    """An item indented more than the one before starts a list nested in it (numbered ones count on their own; one
    item of another kind is a list too), an item indented as one before is in that one's list; an item between
    blank lines (as an import writes them, "\u2013 ...") nests by its indent too. A paragraph that is no item ends
    the lists; items at the margin, and a list whose items are all indented alike, are not nested."""
    text = ("Steps:\n1. one\n   1. first\n   2. second\n      - deeper\n2. two\n   * only\n3. three\n\n"
            "\u2013 a\n\n  \u2013 b\n\n    \u2013 c\n\n\u2013 d\n\nText\n\n  \u2013 e\n\n"
            "  - f\n  - g")
    found = paragraphs(text)
    assert found == ["Steps:", "1. one", "1. first", "2. second", "\u2013 deeper", "2. two", "\u2013 only", "3. three",
                     "\u2013 a", "\u2013 b", "\u2013 c", "\u2013 d", "Text", "\u2013 e", "\u2013 f", "\u2013 g"]
    assert [getattr(p, "level", 0) for p in found] == [0, 0, 1, 1, 2, 0, 1, 0, 0, 1, 2, 0, 0, 0, 0, 0]
    deep = paragraphs("- a\n  - b\n    - c\n      - d")  # three lists deep at most: a fourth as deep as the third
    assert [getattr(p, "level", 0) for p in deep] == [0, 1, 2, 2]
    # a line of an item that a line break left starting with a number other than 1 is a line of that item
    assert paragraphs("Steps:\n- keep the S/N >\n  4. When it drops, stop\n- log it")[1] == (
        "\u2013 keep the S/N\u00a0&gt;\u00a04. When it drops, stop")


def test_bullet_characters_are_a_list_after_any_line_and_after_a_tab():
    """Lines starting with a bullet character (•), even after a line that does not end in ":" and with a tab after
    it (an Indico abstract pasted from a word processor), are items; a dash there stays prose."""
    text = ("Sysman is an API that will,\n\u2022\tEnable HPC servers\n\u2022\tProvide monitoring\n\n"
            "energies of\n- 5 keV and\n- 10 keV")
    assert paragraphs(text) == ["Sysman is an API that will,", "\u2022 Enable HPC servers", "\u2022 Provide monitoring",
                                "energies of - 5\u00a0keV and - 10\u00a0keV"]


def test_paragraphs_that_start_with_the_same_bullet_are_a_loose_list():
    """GMTH 2023's tutorial "Iberischer Kontrapunkt": its sources, a Markdown list whose items blank lines separate
    (a loose list), each pasted from a word processor as "-" and no-break spaces, printed as paragraphs that
    started "- " and a gap, the dash as text. Two paragraphs or more in a row that start with the same bullet (*, -
    or +) are items, as the lines of a list in one paragraph are: an en dash, nested by their indent; one such
    paragraph alone, or next to one of another bullet, stays prose."""
    text = ("Einige der Quellen sind:\n\n-\u00a0\u00a0\u00a0\u00a0 Vicente Lusitano, *Del Arte*, ca. 1550\n\n"
            "-         Juan Bermudo,\n1555\n\nEin Text.\n\n- alone\n\nText\n\n* one\n\n+ other\n\n"
            "+ b\n\n  + c\n\nEnd.")
    found = paragraphs(text)
    assert found == ["Einige der Quellen sind:", "\u2013 Vicente Lusitano, <i>Del Arte</i>, ca. 1550",
                     "\u2013 Juan Bermudo, 1555", "Ein Text.", "- alone", "Text", "* one", "\u2013 other", "\u2013 b",
                     "\u2013 c", "End."]
    assert [getattr(p, "level", 0) for p in found] == [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]


def test_numbered_references_are_a_list_an_item_each():
    """A reference list, [1] [2] [3] counting up on lines of their own, prints a reference a line (it was one
    justified paragraph, wide gaps between the DOIs); "[1]" inside a sentence, or numbers that do not count
    up, stay prose."""
    text = ("We cite [1] and\n[2] shows it.\n\n[1] 10.1016/0022-3697(57)90010-0\n[2] 10.1063/1.4871516\n"
            "[3] A. Smith,\n    J. Phys. 3 (2001)\n\n[1] one\n[3] three")
    assert paragraphs(text) == ["We cite [1] and [2] shows it.", "[1] 10.1016/0022-3697(57)90010-0",
                                "[2] 10.1063/1.4871516", "[3] A. Smith, J. Phys. 3 (2001)", "[1] one [3] three"]


def test_references_numbered_without_a_space_or_with_a_colon_are_a_list_too():
    """Les Houches 2018, "Observation of the exceptional point in cavity magnon-polaritons": its references, a line
    each, the first typed "[1]https://doi.org/..." with no space, printed as one justified paragraph, "[1]https://...
    [2] https://... [3] ...", with huge spaces between them, where the other abstracts' print a reference a line: the
    first line was no item, so "[2]" was taken for a sentence's citation a line break left at a line's start. A
    reference's number before a letter or digit with no space, or with a colon (Markdown's "[1]: ..." as 31C3's
    export has it), starts an item too, printed "[1] " as the others; "[1]" in a sentence, a lone "[1]x", a
    Markdown link "[1](...)" and numbers that do not count up stay prose."""
    text = ("Text[1-5].\n\n[1]https://doi.org/10.1103/PhysRevLett.113.083603\n[2] https://doi.org/10.1103/b\n"
            "[3] https://doi.org/10.1103/c\n\n[1]: Revisiting SSL/TLS.\nUsenix 2014.\n[2]: https://media.ccc.de/x\n\n"
            "We cite [1]. And\n[1]x is\n[2]y here\n\n[1](https://a.org)\n[2](https://b.org)\n\n[1]one\n[3]three")
    assert paragraphs(text) == [
        "Text[1-5].", "[1] https://doi.org/10.1103/PhysRevLett.113.083603", "[2] https://doi.org/10.1103/b",
        "[3] https://doi.org/10.1103/c", "[1] Revisiting SSL/TLS. Usenix 2014.", "[2] https://media.ccc.de/x",
        "We cite [1]. And [1]x is [2]y here", "[1](https://a.org) [2](https://b.org)", "[1]one [3]three"]


SPEC_MACROS = r"""
\alpha \beta \gamma \delta \epsilon \varepsilon \zeta \eta \theta \vartheta \iota \kappa \lambda \mu
\nu \xi \pi \rho \sigma \tau \upsilon \phi \varphi \chi \psi \omega \Gamma \Delta \Theta \Lambda \Xi \Pi
\Sigma \Upsilon \Phi \Psi \Omega \sim \approx \simeq \pm \mp \times \cdot \leq \geq \le \ge \neq \ll \gg
\lesssim \gtrsim \propto \infty \partial \nabla \sum \int \prod \sqrt \rightarrow \to \leftarrow
\Rightarrow \odot \sun \star \circ \degree \prime \ell \hbar \AA \% \& \# \_ \{ \} \$ \, \; \: \! \ \quad
\qquad ~
""".split() + ["\\ "]


@pytest.mark.parametrize("macro", SPEC_MACROS)
def test_known_macros_render_without_backslash(macro):
    out = plain(f"$a{macro} b$")
    assert "\\" not in out
    assert out.startswith("a")


def test_relations_are_spaced_but_not_leading_signs():
    assert plain(r"$a\leq b$ $a\cdot b$ $\propto r^{-2}$ $a\times b$ $x<1$") == "a ≤ b a · b ∝ r⁻² a × b x < 1"


NASTY = [
    "",
    " ",
    "\n\n\n",
    "$",
    "$$$",
    "$$$$",
    "\\",
    "\\$",
    "$\\$",
    "$\\",
    "{}",
    "$}{$",
    "${{{{$",
    "$}}}}$",
    "$" + "{" * 300 + "x$",
    "$" + "x^" * 200 + "y$",
    "$" + "\\hat" * 200 + "{x}$",
    "$" + "\\not" * 200 + "=$",
    "$\\frac{1}{$",
    "$x^$",
    "$_$",
    "$^^__$",
    "$\\left($",
    "$\\right.$",
    "$\\sqrt[$",
    "$\\sqrt[3$",
    "$\\text{$",
    "$\\mathrm$",
    "***",
    "** **",
    "*a**b***c****",
    "]]>",
    '<a href="x">link</a>',
    "&#65; &lt; &",
    "<![CDATA[x]]>",
    "<b><i>unclosed",
    "a" * 400,
    "$" + "a" * 400 + "$",
    "\x00\x01\x07\x1b\x7f\ufffe\ud800",
    "😀 中文 한국어 ★ ☉ ∼ 𝒜",
    "$😀 中 ★_{☉}^{\x00}$",
    "$\\mathbb{😀}\\mathcal{1}$",
    "$\\'{}\\\"{}\\^{}\\~{}$",
    "*$x$* **$\\alpha$** *a $b* c$",
    "tab\tand\u2028line\u00a0nbsp",
]


def _random_inputs(count: int = 60) -> list[str]:
    rng = random.Random(20270913)
    alphabet = list("$\\{}^_*<>&;#%~'\"\n   abcxyzαβΩ😀中") + [
        "\\alpha", "\\frac", "\\sqrt", "\\left", "\\right", "\\text", "\\mathrm", "\\hat", "\\not",
        "]]>", "&amp;", "\\$", "**",
    ]  # fmt: skip
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 60))) for _ in range(count)]


TAG = re.compile(r"</?([^ >]*)")
ALLOWED_TAGS = {"b", "i", "sub", "super", "font", "mscripts", "mkern", "mcorr", "nobr", "mroot", "mindex", "mrad"}


@pytest.fixture(scope="module")
def body_style():
    register_fonts()
    return ParagraphStyle("test", fontName="Body", fontSize=10, leading=12)


@pytest.mark.parametrize("text", NASTY + _random_inputs())
def test_reportlab_accepts_the_markup(text, body_style):
    """ReportLab's own Paragraph and booklet's (which sets <mscripts> and <mkern>) lay it out and draw it."""
    canvas = Canvas(io.BytesIO())
    for markup in [inline(text), *paragraphs(text)]:
        assert set(TAG.findall(markup)) <= ALLOWED_TAGS
        Paragraph(markup, body_style).wrap(300, 1000)
        para = Para(markup, body_style)
        para.wrap(300, 1000)
        para.drawOn(canvas, 10, 10)
    canvas.save()
    assert "\n" not in plain(text)


def test_deep_nesting_does_not_raise():
    for text in ["$" + "{" * 5000 + "x$", "$" + "x_" * 5000 + "$", "$" + "\\sqrt" * 3000 + "x$"]:
        assert isinstance(inline(text), str)
        assert isinstance(plain(text), str)


def test_non_string_input():
    assert inline(None) == ""
    assert paragraphs(None) == []
    assert plain(42) == "42"


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(list("ab \u00a0\u2007\t\n$*_&<>\\^{}ÅéřΩ王\u00ad\u200b\U0001d400")
                                + ["$x$", "**", "\\alpha"]), max_size=24).map("".join))
def test_plain_lines_take_the_quick_way_to_the_same_markup(text):
    """A line of plain text in the text font is escaped, not parsed: the markup parsing it makes (a figure space held
    as a no-break space, which ReportLab does not break a line at)."""
    from booklet.text.markup import collapse as _collapse, _held_to_words, _line_runs, _markup, _no_break_held

    # (both from the line with its held spaces: a relation sign's, "a\u00a0<")
    assert inline(text) == _no_break_held(_markup(_line_runs(_held_to_words(_collapse(text)))))


@pytest.mark.parametrize("text, expected", [
    ("Teilnehmer*innen und Referent*innen", "Teilnehmer*innen und Referent*innen"),  # the gender star
    ("Für Sinti*zze und Roma*nja", "Für Sinti*zze und Roma*nja"),
    ("Lehrer*\\innen, Sozialarbeiter*\\innen", "Lehrer*\\innen, Sozialarbeiter*\\innen"),  # not before punctuation
    ("Teilnehmer*innen sind *herzlich* willkommen", "Teilnehmer*innen sind <i>herzlich</i> willkommen"),
    ("*Daten*banken und **Daten**banken", "<i>Daten</i>banken und <b>Daten</b>banken"),  # closed inside a word
    ("Die **Teilnehmer*innen** kommen", "Die <b>Teilnehmer*innen</b> kommen"),  # (it closes no strong text)
])
def test_a_single_star_between_two_letters_opens_no_emphasis(text, expected):
    assert inline(text) == expected


CODE_TEXT = '''We show:

```python
def f(x):
    return x * 2  # *not* emphasis, "as written", $5

    y = 1
```

After the *code*.'''


def test_a_block_of_code_between_backtick_lines_keeps_its_lines_and_spaces_and_nothing_in_it_is_markup():
    """An import review (FOSDEM, EuroPython): code printed as one run-on line, its indents and spaces collapsed,
    `*` and `$` read as emphasis and math. Between lines of ``` (or ~~~), text prints as written."""
    from booklet.text import markup

    made = markup.paragraphs(CODE_TEXT)
    assert [type(p).__name__ for p in made] == ["str", "Code", "str"]
    assert made[1] == ("def f(x):<br/>\u00a0\u00a0\u00a0\u00a0return x * 2\u00a0\u00a0# *not* emphasis, \"as written\", $5"
                       "<br/><br/>\u00a0\u00a0\u00a0\u00a0y = 1")
    assert made[2] == "After the <i>code</i>."
    assert markup.math_sources(CODE_TEXT) == [] and markup.latex_problems(CODE_TEXT) == []
    assert markup.plain(CODE_TEXT) == 'We show: def f(x): return x * 2 # *not* emphasis, "as written", $5 y = 1 ' \
        "After the code."
    assert [type(p).__name__ for p in markup.paragraphs("~~~\nA  <b>\n~~~")] == ["Code"]
    assert markup.paragraphs("~~~\nA  <b>\n~~~") == ["A\u00a0\u00a0&lt;b&gt;"]
    assert markup.paragraphs("```\nnot closed") == ["``` not closed"]  # (a fence never closed: prose)
    assert markup.paragraphs("``` and text") == ["``` and text"]


def test_guillemets_and_high_punctuation_typed_with_spaces_hold_to_their_words():
    """French typed as French authors type it ("« un autre » texte", "vraiment ?"): the spaces inside the
    guillemets and before ; : ! ? are no-break spaces, as the language's own quotation marks have them, so no line
    ends after « or starts with » or ';' (a review found "« un autre / » texte"). Math is left its
    spaces before marks (inside math a colon is an operator); the text around it is not."""
    assert inline("coupure « fautive », vraiment ? Oui ; non : ‹ x ›") == (
        "coupure «\u202ffautive\u202f», vraiment\u202f? Oui\u202f; non\u00a0: ‹\u202fx\u202f›")
    assert inline("a « b") == "a «\u202fb"
    # after a closing guillemet, a bracket or emphasis as after a word ("« mot » !": a line started with "!")
    assert inline("« mot » ! (voir) ; *vraiment* ?") == "«\u202fmot\u202f»\u202f! (voir)\u202f; <i>vraiment</i>\u202f?"  # (the space before an opening guillemet may break)
    assert inline("costs : $x$").startswith("costs\u00a0: ")  # (outside the math)
    assert inline("$a : b$") == inline("$a : b$ ")  # (inside it, an operator)
    assert plain("un « autre » texte ?") == "un « autre » texte ?"



def test_german_guillemets_leave_the_spaces_around_them_between_words():
    """A typographer's review of GMTH 2023 (German): "den »Sein-Sollen« Fehlschluss" was one block no line could
    break in (the spaces before » and after « held, as French sets « mot »), leaving lines of three words spread over
    a column. German's » opens after a space and « closes before one: those spaces are between words."""
    assert inline("den »Sein-Sollen« Fehlschluss, sowohl »horizontale« als") == (
        "den »Sein-Sollen« Fehlschluss, sowohl »horizontale« als")
    assert inline("Der «Wort» hier") == "Der «Wort» hier"  # (Swiss: no spaces inside, none held)
    assert inline("(« mot »), « Oui », dit-il") == "(«\u202fmot\u202f»), «\u202fOui\u202f», dit-il"


def test_a_spaced_hyphen_is_an_en_dash_and_a_relation_holds_to_its_number():
    """A review of imported books: "Eröffnungsveranstaltung - Begrüßung" printed a hyphen where a dash goes, and
    "magnitudes >" ended a line with "20.1." on the next. A hyphen typed between spaces is an en dash held to the word
    before it (a line may break after it); a relation's sign (<, >, =, ≤, ≥, ≈, ≠, ±) holds to the number after it.
    Not inside math, not in a word ("co-operate"), not a list's dash; in plain text (the outline) as it prints."""
    assert inline("Eröffnung - Begrüßung") == "Eröffnung\u00a0\u2013 Begrüßung"
    assert inline("magnitudes > 20.1, x < -3 and y = 5") == "magnitudes\u00a0&gt;\u00a020.1, x\u00a0&lt;\u00a0-3 and y\u00a0=\u00a05"
    assert "</font>\u00a0-3" in inline("x ≤ -3")  # (≤ from the math font)
    assert inline("co-operate - or not") == "co-operate\u00a0\u2013 or not"
    assert inline("a, c->d, x > yz") == "a, c-&gt;d, x\u00a0&gt; yz"  # (no number or letter after the sign: held before)
    assert inline("$a - b$ and x > 3") == inline("$a - b$ and x > 3")  # (math: left as it is)
    assert "\u2013" not in inline("$a - b$") and inline("$a - b$ and c - d").endswith(" and c\u00a0\u2013 d")
    assert paragraphs("Steps:\n- one\n- two") == ["Steps:", "\u2013 one", "\u2013 two"]
    assert plain("Opening - welcome") == "Opening \u2013 welcome"  # (as it prints, held by a space)
    assert inline("cat file - | grep x, tar -cf - .") == "cat file - | grep x, tar -cf - ."  # (a review: commands)


def test_a_number_holds_to_its_unit_and_to_the_abbreviation_before_it():
    """A typesetter's review: lines ended with "op." before "64" and with "100-300" before "nm.". A number holds to
    the unit after it and to an abbreviation that counts (op., Nr., p., pp., Fig., §) before it; a word that only
    starts like a unit ("5 minutes", "3 Apples") or a year before a word is left as typed."""
    assert inline("100-300 nm, 5.02 TeV, 20 % and 10 m") == "100-300\u00a0nm, 5.02\u00a0TeV, 20\u00a0% and 10\u00a0m"
    assert inline("Sonate op. 64 Nr. 2, see p. 12, Fig. 3, § 5") == \
        "Sonate op.\u00a064 Nr.\u00a02, see p.\u00a012, Fig.\u00a03, §\u00a05"
    assert inline("In 5 minutes 3 Apples in 2023 the top. 5") == "In 5 minutes 3 Apples in 2023 the top. 5"
    assert plain("op. 64 in 5 nm") == "op. 64 in 5 nm"


def test_a_number_holds_to_each_unit_of_the_table():
    """The units a number holds to are a table (text.units: siunitx's symbols with their prefixes, and others), not a
    list in a pattern: the real programmes' "100 Mpps" (FOSDEM), "8 Bits" (39C3), "5 mins", "8 a.m.", a power in
    superscript digits ("5 m²"), both micro signs. A letter that names a figure's part or a thing counted ("Fig. 1 b)",
    "429 Hα"), and a prefixed symbol that is a word ("3 as", "2 am": atto-, "7000 PS": peta-siemens), are left as
    typed."""
    from booklet.text import units

    assert {"nm", "GHz", "%", "\u00b0C", "MeV", "kg", "Mpps", "GiB", "\u00b5m", "\u03bcm"} <= units.SYMBOLS
    assert inline("Unleashing 100 Mpps, 8 Bits, 5 mins to 8 a.m., 5 m\u00b2 at 10 \u03bcs or 3 GiB") == \
        "Unleashing 100\u00a0Mpps, 8\u00a0Bits, 5\u00a0mins to 8\u00a0a.m., 5\u00a0m\u00b2 at 10\u00a0\u03bcs or " \
        "3\u00a0GiB"
    typed = "Fig. 1 b) shows 429 H\u03b1 emitters, Python 3 as a tool, Tag 2 am Montag, the Zynq 7000 PS"
    assert inline(typed) == typed.replace("Fig. ", "Fig.\u00a0")
    assert not {"as", "am", "das", "PS", "GC", "b", "H", "El"} & units.SYMBOLS
    # (a unit looked up a letter at a time: its beginnings, "G", "Ge", which are no units alone)
    assert {"G", "Ge", "GeV", "a.", "a.m"} <= units.BEGINNINGS and not {"G", "Ge", "a.m"} & units.SYMBOLS
    assert inline("5 G or 5 Ge or 3 GeVs, 5 a.m or 5 nm-wide") == "5 G or 5 Ge or 3 GeVs, 5 a.m or 5\u00a0nm-wide"
    assert inline("an area of 5 nm$^2$").startswith("an area of 5\u00a0nm<")  # (a formula after it: its power)
    # (a French word's letter elided before an apostrophe is no litre, nor second; a closing quote ends a unit)
    assert inline("depuis 2020 l’association, les 3 s'en vont, 5 l d’eau, ‘5 nm’ node") == \
        "depuis 2020 l’association, les 3 s'en vont, 5\u00a0l d’eau, ‘5\u00a0nm’ node"


def test_a_hyphen_between_no_break_spaces_is_an_en_dash_and_keeps_them():
    """A room's name kept whole on its line ("r3s - Monheim/Rhein", its spaces no-break spaces: layout.common.kept_whole)
    prints its spaced hyphen as an en dash, as the same name in a line does (the programme's heading of a track showed
    the hyphen); its spaces stay no-break spaces."""
    from booklet.layout.common import kept_whole

    assert inline(kept_whole("r3s - Monheim/Rhein")) == "r3s\u00a0\u2013\u00a0Monheim/Rhein"
    assert inline("r3s - Monheim/Rhein") == "r3s\u00a0\u2013 Monheim/Rhein"
    assert inline("10\u00a0-\u00a020") == "10\u00a0\u2013\u00a020" and inline("x\u00a0-y") == "x\u00a0-y"
    assert inline("r3s -\u00a0Monheim") == "r3s\u00a0\u2013\u00a0Monheim"  # (a space, then a no-break space)


def test_an_ordinal_holds_to_its_word_and_a_typed_dash_to_the_word_before_it():
    """A typesetter's review of a cover: "...Fach – 23." ended a line, "Jahreskongress" began the next. An ordinal
    written with a full stop holds to the word after it, and a dash typed with spaces to the word before it (as a
    spaced hyphen does); a list's number at a line's start and a year ending a sentence are left alone."""
    assert inline("Fach – 23. Jahreskongress") == "Fach\u00a0– 23.\u00a0Jahreskongress"
    assert inline("am 3. Juni, yes — no") == "am 3.\u00a0Juni, yes\u00a0— no"
    assert inline("1. Einleitung") == "1. Einleitung" and inline("in 2023. Die") == "in 2023. Die"
    assert paragraphs("Steps:\n1. one\n2. two") == ["Steps:", "1. one", "2. two"]


def test_a_span_between_backticks_is_code_and_texs_quotes_are_quotation_marks():
    """Code spans printed with their backticks, and in the text's face. A span between single backticks is code:
    printed as written (no emphasis, math, dashes or curled quotes in it), without its backticks, in the code font a
    point smaller; TeX's ``quotes'' are quotation marks (curled as the language curls them); a lone backtick, one in
    math or in a web address prints as typed."""
    span = '<font name="Mono" size="-1">{}</font>'.format
    assert inline("Use `obj.__init__(a*b)` and *x*.") == f"Use {span('obj.__init__(a*b)')} and <i>x</i>."
    assert inline("a `--force -- \"x\" $5$` b") == "a " + span('--force -- "x" $5$') + " b"
    assert inline("TeX ``quotes'' here") == 'TeX "quotes" here'
    assert inline("an ``edge-finder\u2019\u2019 and ``x\u201d") == 'an "edge-finder" and "x"'  # (closed by an editor)
    assert inline("it`s one, `` and ` ` alone") == "it`s one, `` and ` ` alone"
    assert "Mono" not in inline("$a`b` c$") and "Mono" not in inline("see https://x.org/`a`")
    assert plain("Use `x` here") == "Use x here"
    # (a review of the change: emphasis around a span, a rule beside one, bold code, plain text, check's math)
    assert inline("*see `x` here*") == f"<i>see {span('x')} here</i>"
    assert inline("**bold `x`**") == '<b>bold <font name="Mono-Bold" size="-1">x</font></b>'
    assert inline("`a` -- b, `c` ; d") == f"{span('a')}\u00a0\u2013 b, {span('c')}\u202f; d"
    assert inline("`a$b` and $x$ and `c`") == f"{span('a$b')} and <i>x</i> and {span('c')}"
    assert plain("Use `*x*` here, `$HOME` to $y$") == "Use *x* here, $HOME to y"
    from booklet.text import markup

    assert markup.math_sources("Set `$HOME` and `$PATH` first") == []
    assert markup.latex_problems("see `\\section{x}` here") == []
    assert inline("bare xn--80ak6aa92e.com domain") == "bare xn--80ak6aa92e.com domain"
    from booklet.text.quotes import curly_quotes

    assert curly_quotes(inline('say `"hi"` now "ok"'), ("\u201c", "\u201d", "\u2018", "\u2019")) == \
        f'say {span(chr(34) + "hi" + chr(34))} now \u201cok\u201d'


def test_tex_dashes_between_words_are_the_dashes_they_stand_for():
    """A typesetter's review: "in-toto -- Securing" and "Landau--Lifshitz--Gilbert" printed two hyphens. TeX's "--"
    is an en dash and "---" an em dash, joined or spaced (the spaced one held to the word before it, as a spaced
    hyphen is); not a command's option, nor a decrement or a rule, nor in math or a web address."""
    assert inline("in-toto -- Securing") == "in-toto\u00a0\u2013 Securing"
    assert inline("Landau--Lifshitz--Gilbert, pp. 10--20") == "Landau\u2013Lifshitz\u2013Gilbert, pp.\u00a010\u201320"
    assert inline("yes---or no --- maybe") == "yes\u2014or no\u00a0\u2014 maybe"
    assert inline("git --amend, i--, a ---- b, x----y, -- alone") == "git --amend, i--, a ---- b, x----y, -- alone"
    assert inline("see https://xn--mnchen-3ya.de/a--b or www.a--b.org") == \
        "see https://xn--mnchen-3ya.de/a--b or www.a--b.org"
    assert "\u2013" not in inline("$a--b$") and inline("$a--b$ and c--d").endswith(" and c\u2013d")  # (but in math)
    assert plain("Landau--Lifshitz -- a review") == "Landau\u2013Lifshitz \u2013 a review"  # (as it prints)
    assert paragraphs("```\nx = a--b\n```") == ["x = a--b"]


def test_a_list_numbered_from_one_with_numbers_skipped_is_a_list():
    """"1. first / 2. second / 10. tenth" ran into one paragraph (a review): numbers from 1 that count up, some
    skipped, are a list's; numbers that start elsewhere must count one by one, as before ("4. When ..." after a line
    break in prose is no list)."""
    assert paragraphs("Steps:\n1. first\n2. second\n10. tenth") == ["Steps:", "1. first", "2. second", "10. tenth"]
    assert paragraphs("We had\n3. x\n7. y") == ["We had 3.\u00a0x 7.\u00a0y"]  # (ordinals, held to their words)
    assert paragraphs("Steps:\n1. first\n3. third\n2. second") == ["Steps: 1.\u00a0first 3.\u00a0third 2.\u00a0second"]


def test_a_title_in_a_run_of_titles_keeps_its_last_words_apart():
    """A title's short last word is tied to the word before it (no word alone on its last line); a title in a run of
    them (the glance's sessions, "Workshop: Mikrotonales Komponieren · Jazz ...") is not: the next title follows on
    its line, and the tie broke the line after "Workshop:" with room for "Mikrotonales"."""
    from booklet.text.markup import title

    assert title("Workshop: Mikrotonales Komponieren") == "Workshop: Mikrotonales\u00a0Komponieren"
    assert title("Workshop: Mikrotonales Komponieren", listed=True) == "Workshop: Mikrotonales Komponieren"
    assert title("Session 3", listed=True) == "Session\u00a03"  # a number still held to its word


def test_a_backtick_after_a_backslash_prints_as_a_backtick_and_opens_no_code():
    """A fuzzing run: an import wrote code holding a backtick as plain text, and its backtick paired with the next
    one: the wrong words in the code font. "\\`" prints a backtick alone, in text and in plain text."""
    assert inline("a \\`b\\` c and `x`") == 'a `b` c and <font name="Mono" size="-1">x</font>'
    assert plain("a \\`b\\` c and `x`") == "a `b` c and x"


@pytest.mark.parametrize(("text", "expected"), [
    ('He said \\"hi\\" to her', 'He said "hi" to her'),  # JSON's and YAML's escaped quote: a quote
    ('Schr\\"odinger, M\\"uller, G\\"ottingen', "Schrödinger, Müller, Göttingen"),  # LaTeX's umlaut in a word
    ('\\"{U}ber and \\"{o}', "Über and ö"),  # in braces anywhere
    ('a \\"*b*\\" c', 'a "b" c'),
    ('$\\"o$ and https://x.org/a\\"b', 'ö and https://x.org/a\\"b'),  # math's own accent; an address as written
])
def test_a_quote_after_a_backslash_is_a_quote_or_latexs_umlaut(text, expected):
    """A fuzzing run: `He said \\"hi\\"` printed its backslashes before curled quotes, and `M\\"uller` as written."""
    assert plain(text) == expected
    assert inline(text).replace("<i>", "").replace("</i>", "").replace(CORR, "") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ('\\"Uber alles, \\"Anderung', "Über alles, Änderung"),  # LaTeX's umlaut at a word's start: no \" closes it
    ('(\\"Ubersicht) und *\\"Offentlichkeit*', "(Übersicht) und Öffentlichkeit"),
    ('\\"Uber\\" alles', '"Uber" alles'),  # a quotation: a closing \" pairs with it
    ('\\"Anderung des \\"Ubereinkommens\\"', 'Änderung des "Ubereinkommens"'),  # the nearest one pairs
    ('\\"Uber $x$\\" and \\"Uber $x$', '"Uber x" and Über x'),  # (a formula between them)
    ('He said \\"Oh\\"', 'He said "Oh"'),
])
def test_a_quote_after_a_backslash_at_a_words_start_is_latexs_umlaut_when_no_quote_closes_it(text, expected):
    """Left by the last round: `\\"Uber` printed a straight quote before "Uber" (LaTeX's umlaut was read only inside
    a word or before a letter in braces)."""
    assert plain(text) == expected
    assert inline(text).replace("<i>", "").replace("</i>", "").replace(CORR, "") == expected


def test_an_escaped_quote_is_curled_as_a_typed_one():
    from booklet.text.quotes import curly_quotes

    assert curly_quotes(inline('He said \\"hi\\".'), ("“", "”", "‘", "’")) == "He said “hi”."


def test_a_line_with_math_has_its_dashes_quotes_and_held_spaces_outside_the_math():
    """A fuzzing run: one formula anywhere in a paragraph (or a `\\$`-free `$` of any kind) left every TeX dash,
    ``quote'', spaced hyphen and held space of the paragraph as typed ("10--20", "S/N < 5", "op. 64")."""
    assert inline("pages 10--20, Opening - welcome, ``q'' and $x$") == (
        'pages 10–20, Opening\u00a0– welcome, "q" and <i>x</i>')
    assert inline("S/N < 5 at 5 nm, op. 64, $\\alpha$") == "S/N\u00a0&lt;\u00a05 at 5\u00a0nm, op.\u00a064, <i>α</i>"
    # the math itself, and a web address's dollars, are left as they are
    assert inline("$x$ and https://x.org/$a--b$ c--d") == "<i>x</i> and https://x.org/$a--b$ c–d"
    assert "−" in inline("$$a--b$$ c--d") and inline("$$a--b$$ c--d").endswith(" c–d")


def test_texs_quotes_around_a_formula_are_a_pair_and_a_formula_reads_as_a_word(monkeypatch):
    """A review: the text between formulas was treated piece by piece, so ``$\\Lambda$CDM'' kept its TeX quotes, one
    line treated two pairs of quotes two ways, and a relation sign just after a formula ("$x$> 5") was held to the
    number where the same after a word is not. The formulas stand as letters while the line is treated as one."""
    assert inline("the ``$\\Lambda$CDM'' model") == 'the "<nobr>Λ</nobr>CDM" model'  # (never hyphenated: ΛCDM)
    assert inline("``$a$'' and ``b''") == '"<i>a</i>' + CORR + '" and "b"'
    assert inline("$x$> 5 and a> 5") == "<i>x</i>" + CORR + "&gt; 5 and a&gt; 5"
    assert inline("$x$ < 5") == "<i>x</i>\u00a0&lt;\u00a05"
    # more formulas than letters to stand for them (or a line holding such a letter): treated piece by piece
    from booklet.text import markup

    monkeypatch.setattr(markup, "_MATH_HELD_MOST", 0)
    assert inline("pieces: 10--20 $y$ ``q''") == 'pieces: 10–20 <i>y</i> "q"'


@pytest.mark.parametrize(("text", "expected"), [
    ("``Quoted'' pages 10--20 a---b", '"Quoted" pages 10–20 a—b'),
    ("Opening - welcome, Fach \u2013 23", "Opening – welcome, Fach – 23"),  # (held by a space: no line to break)
    ("a -- b, $x$ ``z'' and `c--d`", 'a – b, x "z" and c--d'),  # outside math and code
    ("https://xn--mnchen-3ya.de and --help", "https://xn--mnchen-3ya.de and --help"),
])
def test_plain_text_has_the_dashes_and_tex_quotes_that_print(text, expected):
    """Left by the last round: plain text (the outline, the index, the PDF's metadata) kept ``q'' and -- as typed
    while the page printed "q" and an en dash."""
    assert plain(text) == expected
    assert _TAGS.sub("", inline(text)).replace("\u00a0", " ") == expected


_TAGS = re.compile(r"<[^>]*>")


def test_an_email_address_keeps_its_two_hyphens():
    """A fuzzing run: "first--last@example.org" printed (and, in a contact, was written to the PDF as)
    "first–last@example.org", TeX's en dash: an address that reaches no one."""
    assert inline("write to first--last@example.org or x@a--b.de, pp. 1--2") == (
        "write to first--last@example.org or x@a--b.de, pp.\u00a01\u20132")
    assert plain("first--last@example.org") == "first--last@example.org"


def test_a_fence_no_line_closes_is_told_with_its_line():
    """Left by the last round: a line of ``` that no other closed printed its backticks and read the lines after it
    as markup, without a word."""
    from booklet.text.markup import unclosed_fence

    assert unclosed_fence("Text\n```python\nx = *a*\n") == ("```", 2)
    assert unclosed_fence("a\n```\nx\n```\nb\n~~~~\nc") == ("~~~~", 6)  # (after the blocks that close)
    assert unclosed_fence("````\na\n```\n") == ("````", 1)  # (a shorter fence closes nothing)
    assert unclosed_fence("a\n```\nx\n```\nb") is None and unclosed_fence("```x``` and ``` y") is None
    assert paragraphs("Text\n```python\nx = *a*\n") == ["Text ```python x\u00a0= <i>a</i>"]  # (what the warning says)


@pytest.mark.parametrize(("text", "expected"), [
    ("pages $10$--$20$ and $a$ -- b", "pages 10\u201320 and a\u00a0\u2013 b"),  # a formula for a word beside a dash
    ("$c$---$d$, ``$\\Lambda$CDM'' and ``q''", 'c\u2014d, "\u039bCDM" and "q"'),
    ("$x$ - $y$, $x$ --help and https://x.org/$a$--$b$", "x - y, x --help and https://x.org/$a$--$b$"),  # (as before)
])
def test_tex_dashes_and_quotes_beside_a_formula_are_the_marks_they_stand_for(text, expected):
    """A fuzzing run: "$10$--$20$" printed two hyphens and ``$\\Lambda$CDM'' TeX's backticks, as LaTeX authors write
    them (the text between two formulas was read without them: no word before the dash); the page and plain text."""
    assert _TAGS.sub("", inline(text)) == expected
    assert plain(text) == expected.replace("\u00a0", " ")


@pytest.mark.parametrize(("text", "expected"), [
    ("imaging\\,[Rondin2014] and Fig.~1", "imaging\u202f[Rondin2014] and Fig.\u00a01"),  # LaTeX's thin space, its tie
    ("et~al. at 10\\,GeV", "et\u00a0al. at 10\u202fGeV"),
    ("~10 GeV, a ~ b and x~~~y", "~10\u00a0GeV, a ~ b and x~~~y"),  # a tilde typed apart, or a run of them: as typed
])
def test_latexs_tie_and_thin_space_in_text_are_no_break_spaces(text, expected):
    """A typographer's review of an imported book (Les Houches 2018): "imaging\\,[Rondin2014]" printed its backslash
    and comma, six times on a page, one line starting "\\,[Thiel2016]"; "Fig.~1" its tilde. The page's markup holds
    the thin space as a narrow no-break space (U+202F), which booklet's paragraphs set as a fixed thin space that
    holds (text.paragraph.THIN_EM)."""
    assert inline(text) == expected
    assert plain(text) == expected.replace("\u00a0GeV", " GeV")


def test_a_tie_beside_a_formula_is_a_no_break_space():
    """"$T_c = 92$~K", "Eq.~$x$", "$a$~$b$": a tie between a formula and a word, or two formulas, printed its tilde
    ("92~K": a typographer's review), as the text beside a formula was read without it."""
    assert _TAGS.sub("", inline(r"$T_c = 92$~K, Eq.~$x$, $a$~$b$ and $5$\,GeV")) == (
        "Tc = 92 K, Eq. x, a b and 5\u202fGeV")
    assert plain(r"$T_c = 92$~K, Eq.~$x$") == "Tc = 92 K, Eq. x"
    assert inline(r"$x$ ~10 and $x$~ end") == "<i>x</i> ~10 and <i>x</i>" + CORR + "~ end"  # (a tilde typed apart: as typed)


def test_an_abbreviation_of_two_short_words_is_held_together():
    """A typographer's review (gmth 2023 p. 54): a line ended "u." of "u. a."; "z. B.", "d. h.", "e. g." and a name's
    initials are held by a no-break space; a sentence's last short word after one is not ("d. h. so.")."""
    assert inline("Das ist z. B. gut, u. a. auch d. h. so.") == "Das ist z.\u00a0B. gut, u.\u00a0a. auch d.\u00a0h. so."
    assert inline("A. B. Smith, e. g. this (z. B. dies)") == "A.\u00a0B. Smith, e.\u00a0g. this (z.\u00a0B. dies)"
    assert inline("Anna B. Smith wrote. A. Then") == "Anna B. Smith wrote. A. Then"
    assert plain("z. B. gut") == "z. B. gut"


def test_a_number_stays_with_its_unit_when_a_formula_follows_the_unit():
    """A review: once a line's formulas stood as letters, "5 m$^2$" no longer held the number to its unit (the formula
    read as more of the unit's word)."""
    assert inline("an area of 5 m$^2$ here").startswith("an area of 5\u00a0m")
    assert inline("100 cm$^{-3}$").startswith("100\u00a0cm")
    assert inline("5 mol and 5 ms") == "5\u00a0mol and 5\u00a0ms"


def test_long_texts_with_an_at_sign_or_fences_are_read_in_linear_time():
    """A review: a line with both "@" and "--" searched for e-mail addresses from every character (100,000 letters:
    25 s); 25,000 lines that each open a block of code no line closes took 25 s to check and to print. Each now
    takes a few hundredths of a second (no time is asserted: the suite's own length shows one gone slow again)."""
    from booklet.text.markup import unclosed_fence

    assert inline("a" * 100_000 + "@ x--y").endswith("@ x–y")
    assert plain("a." * 50_000 + "@ x--y").endswith("@ x–y")
    assert unclosed_fence("~~~a\n" * 25_000) == ("~~~", 1)
    assert len(paragraphs("```a\nx\n" * 15_000)) >= 1


def test_a_fence_no_line_closes_before_a_closed_block_is_told():
    """A review: only what came after the last closed block was looked at: "~~~" on line 1, never closed, printed as
    prose without a word when a closed block of backticks came after it."""
    from booklet.text.markup import unclosed_fence

    assert unclosed_fence("~~~\nfoo\n```\nbar\n```\n") == ("~~~", 1)
    assert unclosed_fence("```\na\n```\n~~~~\nb\n~~~\n") is None  # (a shorter fence of tildes closes a longer one)
    assert unclosed_fence("```\na\n```\n") is None


def test_french_hours_and_minutes_are_held_together():
    """A French LOC's review: "une mesure à 14 h 30" could end a line "14 h" and start the next with "30" (the
    number was held to its unit, the minutes were not). The minutes are held to the "h"; a number after it that is
    no minutes (a year, a measure) is not."""
    assert inline("une mesure à 14 h 30 donne") == "une mesure à 14\u00a0h\u00a030 donne"
    assert inline("de 9 h à 12 h 45.") == "de 9\u00a0h à 12\u00a0h\u00a045."
    assert inline("3 h 2027 people, 14 h 300 m") == "3\u00a0h 2027 people, 14\u00a0h 300\u00a0m"
    assert plain("à 14 h 30") == "à 14 h 30"


def test_a_narrow_space_beside_an_ordinary_one_is_one_held_space_a_no_break_one_an_ordinary_space():
    """A real abstract wrote "superconductors \\,[Thiel2016]": the narrow space held to the citation, the ordinary space
    before it broke the line, and the next line began with the held space, an indent. The two are one held space."""
    assert inline("in superconductors \\,[Thiel2016], and") == "in superconductors\u202f[Thiel2016], and"
    assert inline("Pourquoi \u202f? Parce que") == "Pourquoi\u202f? Parce que"
    assert inline("« \u202fmot\u202f »") == "«\u202fmot\u202f»"
    assert inline("a \u2007 b\u2007c") == "a\u00a0b\u00a0c"  # (a figure space: a no-break space)
    # a no-break space beside an ordinary one holds nothing: one ordinary space (two after a sentence, as a word
    # processor typed them in a real abstract), which never starts a line
    assert inline("(2017, 2021)).\u00a0 Despite its \u00a0[12] and\u00a0 \u00a0[13]") == \
        "(2017, 2021)). Despite its [12] and [13]"
    assert inline("a\u00a0\u00a0\u00a0b") == "a\u00a0\u00a0\u00a0b"  # no-break spaces alone as written


@following_the_profile(200)  # (CI's examples; fresh ones, 1,500, at a release)
@given(st.lists(st.sampled_from(list("0123 .,°ºsrNnMpSz§<>=≤≥≈≠≡∼≃±~-−+hmBu%\u00a0éÉ")
                                + ["nm", "kg", "Nr.", "n°", "n°s", "nr", "op.", "č.", "z. B.", "u. a.", "1.", "23.",
                                   "Juni", "eV", " 5", "= 3", "≈ -2", "5 nm", "§ 3", "nr 4", "Nr. 5", "3. Juni",
                                   "M.", "MM.", "Mme", "Mlles", "Mr.", "Dr", "Pr.", "Hrn.", " D", "É", "Prof. Schmidt",
                                   "Mlles Roy", "MM. Émile"]),
                max_size=16).map("".join))
def test_a_held_space_s_quick_look_finds_every_line_its_pattern_changes(text):
    """A line's held spaces (_held_outside_math) are looked for first with a quicker pattern of each (a character
    class or a digit first, where the pattern starts with a lookbehind): a line the quick look passes over is one the
    pattern would leave as it is."""
    from booklet.text import markup as m

    for pattern, look in ((m._RELATION_SPACE, m._RELATION_LOOK), (m._RELATION, m._RELATION_SIGN_LOOK),
                          (m._NUMBER_SPACE, m._NUMBER_LOOK), (m._ORDINAL, m._ORDINAL_LOOK),
                          (m._SHORT_ABBREVIATION, m._SHORT_ABBREVIATION_LOOK), (m._TITLE_WORD, m._TITLE_LOOK)):
        if pattern.search(text) is not None:
            assert look.search(text) is not None, (pattern.pattern, text)


# (white space other than a space: what \s and \S, looked behind for, take as space or not, and the lines' ends)
_SPACED_TEXT = st.lists(st.sampled_from(list("0123 \t\n.,°sIVXaA§<>=≤≈~-hm%\u00a0é\u2009\u202f\u3000\u2028\u200b\r\x0b\x85")
                                        + ["nm", "eV", "5 nm", "§ 3", "= 3", "II", "<i>", "</i>", "<b>x</b>",
                                           "Session 3", "half a", "Galactic disc", "a = b = c", "\u00a0= 2"]),
                        max_size=16).map("".join)
# (what tells a pattern's Unicode classes, \d \w \s \S, from ASCII ones: a letter and a digit not ASCII, an
# Arabic-Indic three, and white space that is neither a space nor a tab)
_UNICODE_EDGES = list("é\u0663\u00a0\u2009\u3000")


@lru_cache(maxsize=1)
def _units_pattern() -> re.Pattern:
    """The space before a unit of text.units' table after a number, or before a number after "§", as one pattern
    finds it (a list of the table's units, the longest first): what markup's look for a unit's first letter, then
    its letters in the table (_number_space), must find."""
    from booklet.text import markup as m
    from booklet.text import units

    listed = "|".join(map(re.escape, sorted(units.SYMBOLS, key=len, reverse=True)))
    return re.compile(rf"(?<=\d) (?=(?:{listed})(?!{m._WORD_GOES_ON.pattern}))|(?<=§) (?=\d)")


@following_the_profile(200)  # (CI's examples; fresh ones, 1,500, at a release)
@given(st.lists(st.sampled_from(["5 ", "§ ", " ", "1", "m", "n", "s", "G", "e", "V", "a", ".", "²", "$", "%", "x",
                                 "-", "i", "\ua500", "Mpps", "mins", "a.m.", "GeV", "°C", "M☉", "µ", "B", "h", "l",
                                 "'", "\u2019"]),
                max_size=14).map("".join))
def test_a_unit_looked_up_letter_by_letter_is_held_as_a_list_of_the_table_holds_it(text):
    """A number's unit held by a look for its first letter and its letters looked up in text.units' table, one at a
    time (_number_space: a pattern of the whole table took 4.8 ms of CPU to compile in each process): the very spaces
    held that a pattern listing the table's units holds."""
    from booklet.text import markup as m

    assert m._NUMBER_SPACE.sub(m._number_space, text) == _units_pattern().sub("\u00a0", text)


def _spans(pattern: re.Pattern, text: str) -> list[tuple[int, int]]:
    """The spans of `pattern`'s matches in `text` (a rewritten pattern must find the very ones its old form found)."""
    return [found.span() for found in pattern.finditer(text)]


def _matched(pattern: re.Pattern, text: str) -> list[tuple]:
    """The spans and groups of `pattern`'s matches in `text`."""
    return [(found.span(), found.groups()) for found in pattern.finditer(text)]


@following_the_profile(200)  # (CI's examples; fresh ones, 1,500, at a release)
@given(_SPACED_TEXT)
def test_a_relation_sign_s_pattern_starting_with_its_space_finds_what_a_lookbehind_first_found(text):
    """The pattern of a relation sign standing alone starts with the space before it (the character before that looked
    behind for), which the engine scans for at C speed, where a lookbehind first was tried at every character: it
    finds the very spans the pattern written with the lookbehind first found; a sign first on its line, which that
    found by `^`, is found by _RELATION_FIRST."""
    from booklet.text import markup as m

    relation = re.compile(f"(?:(?<=\\S)[ \u00a0]|^)[{m.RELATION_SIGNS}](?=[ \u00a0]|$)")
    first = m._RELATION_FIRST.match(text)
    assert _spans(relation, text) == ([first.span()] if first is not None else []) + _spans(m._RELATION, text)


def test_a_relation_sign_first_on_its_line_and_in_a_chain_is_held():
    """A sign first on its line (_RELATION_FIRST) and a chain's signs (_RELATION) held as before."""
    assert markup._relations_held("= 5 and x = 3 = y") == "=\u00a05 and x\u00a0=\u00a03\u00a0=\u00a0y"


@following_the_profile(200)  # (CI's examples; fresh ones, 1,500, at a release)
@given(_SPACED_TEXT)
def test_a_unit_s_and_a_title_s_patterns_starting_with_their_space_find_what_a_lookbehind_first_found(text):
    """A number's unit held (_NUMBER_SPACE) and a title's last number or short last word tied (_LAST_NUMBER, _LAST_WORD):
    each pattern starts with the space or white space before what it holds (what comes before that looked behind
    for), which the engine scans for at C speed, where a lookbehind first was tried at every character. They find the
    very spans, and tie a title's last words as, the patterns written with the lookbehind first did."""
    from booklet.text import markup as m

    opening, closing = r"(?:<[a-z][^<>]*>)*", r"(?:</[a-z]+>)*"
    assert _units_pattern().sub("\u00a0", text) == m._NUMBER_SPACE.sub(m._number_space, text)
    last_number = re.compile(rf"(?<=\S) ({opening}(?:[IVXLC]{{1,7}}|\d{{1,3}}|[^\W\d_]){closing})$")
    assert last_number.sub("\u00a0\\1", text, count=1) == m._LAST_NUMBER.sub("\u00a0\\1", text, count=1)
    last_word = re.compile(rf"(?<=\s)([^\s<>]+|{opening}[^\s<>]+{closing}) ({opening}[^\s<>]{{1,{m.RUNT}}}{closing})$")

    def runt(found):  # (the two words tied when short enough together, as before)
        if len(m._TAG.sub("", found[1])) + len(m._TAG.sub("", found[2])) > m.PAIR:
            return found[0]
        return found[1] + "\u00a0" + found[2]

    assert last_word.sub(runt, text, count=1) == m._LAST_WORD.sub(m._runt, text, count=1)


def test_a_title_s_last_number_and_short_last_word_and_a_unit_are_held():
    """The patterns starting with their space tie a title's last words and hold a unit as before; a tab or a thin
    space before the last two words of a title is kept as it is."""
    assert markup.title("Cosmological Inference II") == "Cosmological Inference\u00a0II"
    for space in ("\t", "\u2009", "\u3000"):
        assert markup._LAST_WORD.sub(markup._runt, f"Stars of{space}Galactic disc", count=1) == \
            f"Stars of{space}Galactic\u00a0disc", repr(space)
    assert markup.title("Stars in the Galactic disc") == "Stars in the Galactic\u00a0disc"
    assert inline("5 nm and 20 %, § 3") == "5\u00a0nm and 20\u00a0%, §\u00a03"


@following_the_profile(200)  # (CI's examples; fresh ones, 1,500, at a release)
@given(st.lists(st.sampled_from(list("aA1 \t\n<>/x") + _UNICODE_EDGES
                                + ["bc", "<i>", "</i>", "<b>", "</b>", "<br/>", "<x a bc>", "half a century", " a ", "I",
                                   "\u3000à bc", "\u2009à "]),
                max_size=16).map("".join))
def test_a_one_letter_word_s_pattern_starting_with_its_white_space_ties_what_a_lookbehind_first_tied(text):
    """A title's one-letter words are tied to the next word (_one_letters_tied) by a pattern that starts with the white
    space before the word or a tag's "<" (what comes after looked behind for), which the engine scans for at C speed,
    where a lookbehind first was tried at every character, after a quicker look and a word at the start matched on
    its own: the title is tied as the pattern written with the lookbehind first tied it."""
    from booklet.text import markup as m

    opening, closing = r"(?:<[a-z][^<>]*>)*", r"(?:</[a-z]+>)*"
    one_letter = re.compile(rf"(?:(?<=\s)|^)({opening}[^\W\d_]{closing}) (?={opening}[^\s<]{{2}})|<[^>]*>")
    assert one_letter.sub(lambda found: found[1] + "\u00a0" if found[1] else found[0], text) == \
        m._one_letters_tied(text)


def test_a_title_s_one_letter_words_are_tied_at_its_start_and_inside_but_not_in_a_tag():
    """A title's one-letter words (_one_letters_tied) are tied, at its start (in tags too) and inside; not in a tag."""
    assert markup.title("A cat, half a century") == "A\u00a0cat, half a\u00a0century"
    assert markup._one_letters_tied("<b>A</b> cat and <x a bc>") == "<b>A</b>\u00a0cat and <x a bc>"


@following_the_profile(200)  # (CI's examples; fresh ones, 1,500, at a release)
@given(st.lists(st.sampled_from(list("a5_ -\ua500.") + _UNICODE_EDGES
                                + [" -", "\u00a0-", "- ", "-\u00a0", "a - b", "5 - 10", "--"]), max_size=16).map("".join))
def test_a_spaced_hyphen_s_pattern_starting_with_its_space_finds_what_a_lookbehind_first_found(text):
    """A hyphen typed between spaces (_SPACED_HYPHEN) is found by a pattern that starts with the space and the hyphen
    (the word or number before them looked behind for), which the engine scans for at C speed, where a lookbehind
    first was tried at every character: it finds the very spans, and groups, the pattern with the lookbehind first
    found."""
    from booklet.text import markup as m

    spaced_hyphen = re.compile(r"(?<=[^\W_\ua500-\ua5ff])[ \u00a0]-( |\u00a0)(?=[^\W\d_\ua500-\ua5ff])"
                               r"|(?<=\d)[ \u00a0]-( |\u00a0)(?=\d)")
    assert _matched(spaced_hyphen, text) == _matched(m._SPACED_HYPHEN, text)


def test_a_spaced_hyphen_between_words_or_numbers_is_a_held_en_dash():
    """A hyphen typed between spaces between words or numbers (_SPACED_HYPHEN) is an en dash held to the word before."""
    assert inline("Opening - welcome, 5 - 10 keV, a\u00a0- b, energies of - 5") == \
        "Opening\u00a0\u2013 welcome, 5\u00a0\u2013 10\u00a0keV, a\u00a0\u2013 b, energies of - 5"


@following_the_profile(200)  # (CI's examples; fresh ones, 1,500, at a release)
@given(st.lists(st.sampled_from(list("$\\([x )]") + ["\\$", "\\(", "\\[", "$$"]), max_size=16).map("".join))
def test_a_formula_s_opener_pattern_starting_with_its_character_finds_what_an_optional_backslash_first_found(text):
    """A formula's opening (_OPENER: a dollar, an escaped dollar, LaTeX's \\( and \\[) is found by alternatives that
    each start with their character, which the engine scans for at C speed, where an optional backslash first was
    tried at every character: it finds the very openings the pattern with the optional backslash first found."""
    from booklet.text import markup as m

    opener = re.compile(r"\\?\$|\\[(\[]")
    assert _spans(opener, text) == _spans(m._OPENER, text)


def test_a_formula_opens_with_a_dollar_or_latex_s_bracket_but_not_an_escaped_dollar():
    """A formula opens with a dollar or LaTeX's \\( (_OPENER); an escaped dollar is a literal one."""
    assert markup.math_sources(r"costs \$5, $x$ and \(y\)") == ["x", "y"]


@following_the_profile(200)  # (CI's examples; fresh ones, 1,500, at a release)
@given(st.lists(st.sampled_from(list("0123 (-,éAZOXCx\u0663") + ["91767", "CA", "OX1", "3PU", "Palaiseau", "SE-", "XG",
                                                                "00", "\u0663\u0663\u0663"]),
                max_size=16).map("".join))
def test_a_postcode_is_looked_for_only_in_an_address_with_a_digit(text):
    """address() looks for the parts of a postcode to hold together (HELD_IN_ADDRESSES, a pattern that starts with a
    lookbehind, tried at every character) only in an address with a digit in it (searched for at C speed): each span
    the pattern finds holds one, and the address is made as when the pattern looked at every address."""
    from booklet.text import markup as m

    for found in m.HELD_IN_ADDRESSES.finditer(text):
        assert m._DIGIT.search(found.string, found.start(), found.end() + 6) is not None, found
    assert m.address(text) == m.HELD_IN_ADDRESSES.sub(m._held, m.inline(text))


def test_a_postcode_is_held_to_its_town_and_an_address_without_a_digit_is_as_it_was():
    """A postcode is held to its town (HELD_IN_ADDRESSES); an address with no digit is left as it is."""
    assert markup.address("Université Paris-Saclay, 91767 Palaiseau") == "Université Paris-Saclay, 91767\u00a0Palaiseau"
    assert markup.address("Institut d'Astrophysique, Paris, France") == "Institut d'Astrophysique, Paris, France"


@following_the_profile(200)  # (CI's examples; fresh ones, 1,500, at a release)
@given(st.lists(st.sampled_from(list("\u00ab\u2039\u00bb\u203a ([x.,!\t") + _UNICODE_EDGES + ["« ", " »", "mot"]),
                max_size=16).map("".join))
def test_a_guillemet_s_space_pattern_starting_with_the_space_finds_what_a_lookbehind_first_found(text):
    """The space inside French guillemets (_GUILLEMET_SPACE) is found by a pattern that starts with the space (the
    guillemet or word before it looked behind for), which the engine scans for at C speed, where a lookbehind first
    was tried at every character: it finds the very spaces the pattern with the lookbehind first found."""
    from booklet.text import markup as m

    guillemet_space = re.compile(r"(?:(?<=^[\u00ab\u2039])|(?<=[\s(\[][\u00ab\u2039])) (?=\S)"
                                 r"|(?<=\S) (?=[\u00bb\u203a](?:$|[\s.,;:!?)\]]))")
    assert _spans(guillemet_space, text) == _spans(m._GUILLEMET_SPACE, text)


def test_the_spaces_inside_french_guillemets_are_thin_no_break_ones():
    """The spaces inside French guillemets (_GUILLEMET_SPACE) are thin no-break spaces."""
    assert inline("« un autre » et (‹ mot ›).") == "«\u202fun autre\u202f» et (‹\u202fmot\u202f›)."


@following_the_profile(200)  # (CI's examples; fresh ones, 1,500, at a release)
@given(st.lists(st.sampled_from(list("a5_ -x") + _UNICODE_EDGES + ["--", "---", "xn", " -- ", "xn--"]),
                max_size=16).map("".join))
def test_a_tex_dash_s_pattern_starting_with_its_hyphen_or_space_finds_what_a_lookbehind_first_found(text):
    """TeX's dashes between words (_TEX_DASH) are found by alternatives that start with the hyphen or the space (the
    word before looked behind for), where a lookbehind first was tried at every character: they find the very spans,
    and groups, the pattern with the lookbehind first found."""
    from booklet.text import markup as m

    tex_dash = re.compile(r"(?<=[^\W_])(?<!\bxn)(---?)(?=[^\W_])|(?<=[^\W_]) (---?) (?=[^\W_])")
    assert _matched(tex_dash, text) == _matched(m._TEX_DASH, text)


def test_tex_s_dashes_between_words_are_dashes_but_not_in_a_domain():
    """TeX's dashes between words or numbers (_TEX_DASH) are en and em dashes; a domain's xn-- is left as it is."""
    assert inline("Landau--Lifshitz, 10--20, in-toto --- Securing, xn--mnchen") == \
        "Landau\u2013Lifshitz, 10\u201320, in-toto\u00a0\u2014 Securing, xn--mnchen"


@following_the_profile(200)  # (CI's examples; fresh ones, 1,500, at a release)
@given(st.lists(st.sampled_from(list("a5_ \u2013\u2014*)]%;:!?\u00bb\t") + _UNICODE_EDGES
                                + [" \u2013 ", " ;", "a*", "**"]),
                max_size=16).map("".join))
def test_a_spaced_dash_s_pattern_starting_with_its_space_finds_what_a_lookbehind_first_found(text):
    """The space before a dash typed with spaces (_SPACED_DASH) is found by a pattern that starts with the space (the
    word before it looked behind for), which the engine scans for at C speed, where a lookbehind first was tried at
    every character: it finds the very spaces the pattern with the lookbehind first found."""
    from booklet.text import markup as m

    spaced_dash = re.compile(r"(?<=[^\W_]) (?=[\u2013\u2014] )")
    assert _spans(spaced_dash, text) == _spans(m._SPACED_DASH, text)


def test_a_dash_typed_with_spaces_is_held_to_the_word_before_it():
    """A dash typed with spaces (_SPACED_DASH) is held to the word before it."""
    assert inline("Fach – 23. Tagung") == "Fach\u00a0– 23.\u00a0Tagung"


@following_the_profile(200)  # (CI's examples; fresh ones, 1,500, at a release)
@given(st.lists(st.sampled_from(list("a5_ *)]%;:!?\u00bb\u203a.\t") + _UNICODE_EDGES
                                + [" ;", " ?", "a*", "**", "mot"]),
                max_size=16).map("".join))
def test_a_high_mark_s_space_pattern_starting_with_the_space_finds_what_a_lookbehind_first_found(text):
    """The space before a high mark of punctuation as French types it (_SPACE_BEFORE_MARK) is found by a pattern that
    starts with the space (what comes before it looked behind for), which the engine scans for at C speed, where a
    lookbehind first was tried at every character: it finds the very spaces the pattern with the lookbehind first
    found."""
    from booklet.text import markup as m

    before_mark = re.compile(r"(?:(?<=[\w\u00bb\u203a)\]%])|(?<=\w\*)|(?<=\w\*\*)) (?=[;:!?](?:\s|$))")
    assert _spans(before_mark, text) == _spans(m._SPACE_BEFORE_MARK, text)


def test_the_space_before_a_high_mark_is_a_thin_no_break_one_before_a_colon_a_no_break_one():
    """The space French types before ; ! ? (_SPACE_BEFORE_MARK) is a thin no-break space; before a colon, a no-break
    one."""
    assert inline("mot ; « mot » ! (voir) : vraiment ?") == \
        "mot\u202f; «\u202fmot\u202f»\u202f! (voir)\u00a0: vraiment\u202f?"


@following_the_profile(200)  # (CI's examples; fresh ones, 1,500, at a release)
@given(st.lists(st.sampled_from(list("a5 .\n\t") + _UNICODE_EDGES
                                + ["23.", "1234.", " 3. Juni", " \u0663\u0663. Juni", "am"]),
                max_size=16).map("".join))
def test_an_ordinal_s_pattern_starting_with_its_digit_finds_what_a_lookbehind_first_found(text):
    """An ordinal held to the word after it (_ORDINAL, "am 3. Juni") is found by a pattern that starts with its first
    digit (the word and space before it looked behind for), which the engine scans for at C speed, where a lookbehind
    first was tried at every character: it finds the very spans the pattern with the lookbehind first found."""
    from booklet.text import markup as m

    ordinal = re.compile(r"(?<=\S )(\d{1,3}\.) (?=[^\W\d_])")
    assert _spans(ordinal, text) == _spans(m._ORDINAL, text)


def test_an_ordinal_inside_a_line_is_held_to_the_word_after_it_a_list_s_number_is_not():
    """An ordinal inside a line (_ORDINAL) is held to the word after it; a list's "1. " at the line's start is not."""
    assert inline("1. Punkt am 3. Juni, 23. Jahreskongress") == "1. Punkt am 3.\u00a0Juni, 23.\u00a0Jahreskongress"


_ABBREVIATED_TEXT = st.lists(st.sampled_from(list("0123 .,°ºsSpPnNrčČlx_\t") + _UNICODE_EDGES
                                             + ["op.", "No.", "Nr.", "pp.", "Bd.", "eq.", "eqs.", "ch.", "chap.", "čl.",
                                                "vol.", "Fig.", "figs.", "Abb.", "Kap.", "sec.", "Tab.", "Art.", "Abs.",
                                                "str.", "obr.", "rys.", "odst.", "rozdz.", "n°", "Nºs", "nr", " 5",
                                                " \u0663"]),
                             max_size=16).map("".join)


@following_the_profile(200)  # (CI's examples; fresh ones, 1,500, at a release)
@given(_ABBREVIATED_TEXT)
def test_an_abbreviation_s_pattern_starting_with_its_space_finds_what_a_word_boundary_first_found(text):
    """The space between an abbreviation and its number (_ABBREVIATED) is found by a pattern that starts with the space
    (the abbreviation before it looked behind for, one lookbehind for each length), which the engine scans for at C
    speed, where a word boundary first was tried at every character with each abbreviation: it holds the very spaces
    the pattern written with the word boundary first held."""
    from booklet.text import markup as m

    words = (r"(?:[Oo]p|[Nn]o|Nr|[Pp]p?|[Vv]ol|Bd|S|[Ff]igs?|Abb|[Ee]qs?|[Cc]h|[Cc]hap|Kap|[Ss]ec|[Tt]ab|Art|Abs|"
             r"[Čč]|s|[Ss]tr|[Oo]br|[Čč]l|[Oo]dst|[Rr]ys|[Rr]ozdz)\.")
    abbreviated = re.compile(rf"\b({words}|[Nn][°º]s?|nr|Nr) (?=\d)")
    assert abbreviated.sub("\\1\u00a0", text) == m._ABBREVIATED.sub("\u00a0", text)


def test_an_abbreviation_of_its_own_is_held_to_its_number():
    """An abbreviation, a word of its own (_ABBREVIATED), is held to its number; not the end of a longer word."""
    assert inline("Abs. 3, pp. 4, rozdz. 7, Figs. 2 and xpp. 4, éop. 3") == \
        "Abs.\u00a03, pp.\u00a04, rozdz.\u00a07, Figs.\u00a02 and xpp. 4, éop. 3"


@following_the_profile(200)  # (CI's examples; fresh ones, 1,500, at a release)
@given(st.lists(st.sampled_from(list("0123 5h.%‰~\u00b1\u2212+-x\t") + _UNICODE_EDGES
                                + ["\u00a0h ", "14\u00a0h 30", "\u0663\u00a0h 3", "\u00b1 0.3", " ~ 10", "~ \u2212\u0663"]),
                max_size=16).map("".join))
def test_an_hour_s_minutes_and_a_relation_s_space_patterns_starting_with_the_space_find_what_a_lookbehind_first_found(text):
    """The space between an hour's "h" and its minutes (_HOUR_MINUTES, "14\u00a0h 30") and after a sign standing alone
    before a number (_RELATION_SPACE, "± 0.3") are found by patterns that start with the space (what comes before it
    looked behind for), which the engine scans for at C speed, where a lookbehind first was tried at every character:
    they find the very spaces the patterns with the lookbehind first found."""
    from booklet.text import markup as m

    hour_minutes = re.compile(r"(?<=\d\u00a0h) (?=[0-5]\d(?![\w%‰]))")
    assert _spans(hour_minutes, text) == _spans(m._HOUR_MINUTES, text)
    relation_space = re.compile(r"(?<=(?<!\S)[\u00b1~]) (?=[-\u2212+]?\d)")
    assert _spans(relation_space, text) == _spans(m._RELATION_SPACE, text)


def test_an_hour_s_minutes_and_a_number_after_a_sign_standing_alone_are_held():
    """The minutes are held to the hour's "h" (_HOUR_MINUTES), a number to a sign standing alone before it
    (_RELATION_SPACE); not to a sign in a word, nor a number of minutes with a unit or a digit after it."""
    assert markup._HOUR_MINUTES.sub("\u00a0", "14\u00a0h 30, 9\u00a0h 30%, 9\u00a0h 300") == \
        "14\u00a0h\u00a030, 9\u00a0h 30%, 9\u00a0h 300"
    assert markup._RELATION_SPACE.sub("\u00a0", "\u00b1 0.3, ~ \u22125, a~ 5, ~ x") == \
        "\u00b1\u00a00.3, ~\u00a0\u22125, a~ 5, ~ x"


@following_the_profile(200)  # (CI's examples; fresh ones, 1,500, at a release)
@given(st.lists(st.sampled_from(list("0123 .,x\t") + _UNICODE_EDGES + ["000", " 000", "1 000", "\u0663\u0663\u0663"]),
                max_size=16).map("".join))
def test_a_number_s_digit_groups_pattern_starting_with_its_digit_finds_what_a_lookbehind_first_found(text):
    """A number's groups of digits written with spaces (_DIGIT_GROUPS, "12 345 678") are found by a pattern that starts
    with the first digit (the number before it looked behind for), which the engine scans for at C speed, where a
    lookbehind first was tried at every character: it finds the very spans the pattern with the lookbehind first
    found."""
    from booklet.text import markup as m

    digit_groups = re.compile(r"(?<![\d.,])(?<![\d.,] )\d{1,3}(?: \d{3}){1,4}(?!\d|[.,]\d| \d)")
    assert _spans(digit_groups, text) == _spans(m._DIGIT_GROUPS, text)


@following_the_profile(200)  # (CI's examples; fresh ones, 1,500, at a release)
@given(st.lists(st.one_of(st.sampled_from(list("MDPHrsofnmel. aA\t") + _UNICODE_EDGES + ["É", "x.", " Dupont"]),
                          # (a title, or a near one, with no, one or two full stops, and a space or not)
                          st.tuples(st.sampled_from(["M", "MM", "Mm", "Mme", "Mmes", "Mll", "Mlle", "Mlles", "Mr", "Mrs",
                                                     "Ms", "Dr", "Pr", "Pro", "Prof", "Hr", "Hrn"]),
                                    st.sampled_from(["", ".", ".."]), st.sampled_from(["", " "])).map("".join)),
                max_size=12).map("".join))
def test_a_title_s_pattern_starting_with_its_capital_finds_what_a_lookbehind_first_found(text):
    """A title before a name (_TITLE_WORD, "M. Dupont", "Prof. Schmidt") is found by alternatives that each start with
    the title's capital (what comes before looked behind for), which the engine scans for at C speed, where a
    lookbehind first was tried at every character: they find the very spans, and groups, the pattern with the
    lookbehind first found."""
    from booklet.text import markup as m

    title_word = re.compile(r"(?<![\w.])(M\.|MM\.|Mmes?|Mlles?|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Pr\.?|Prof\.|Hr\.|Hrn\.) "
                            r"(?=[^\W\d_a-zà-ÿ])")
    assert _matched(title_word, text) == _matched(m._TITLE_WORD, text)


@following_the_profile(200)  # (CI's examples; fresh ones, 1,500, at a release)
@given(st.lists(st.sampled_from(list("hHtTpPsSfFwW:/.@-x \t\u017f") + _UNICODE_EDGES
                                + ["https://", "HTTP://", "hTtPs://", "http\u017f://", "ftp://", "FTP://", "www.", "WWW.", "a.b"]),
                max_size=16).map("".join))
def test_a_web_address_s_pattern_starting_with_its_first_letter_finds_what_a_lookbehind_first_found(text):
    """A web address (_WEB_ADDRESS) is found by a pattern that starts with its first letter in either case, the h, f or
    w of its scheme or "www." (what comes before looked behind for), which the engine scans for at C speed, where a
    lookbehind first was tried at every character: it finds the very spans the pattern with the lookbehind first found,
    in either case (a long s, ſ, is an s to re.I)."""
    from booklet.text import markup as m

    web_address = re.compile(r"(?<![\w@.\-])(?:https?://|ftp://|www\.)\S+", re.I)
    assert _spans(web_address, text) == _spans(m._WEB_ADDRESS, text)


def test_a_web_address_is_found_in_either_case_but_not_inside_a_word_or_an_e_mail_address():
    """A web address (_WEB_ADDRESS) is found from its scheme or "www.", in either case; not after a letter, a full stop,
    a hyphen or an "@"."""
    assert markup.address_spans("see HTTPS://x.org, www.y.org and ftp://z; xhttp://a, a@www.b, .www.c, Www.d") == \
        [(4, 17), (19, 28), (33, 40), (70, 75)]


@following_the_profile(200)  # (CI's examples; fresh ones, 1,500, at a release)
@given(st.lists(st.sampled_from(list("aAéÉ .-()$\t\u00a0") + ["J.", "J.-P.", "Th.", "A. B.", " Smith", "(A.", "$x$"]),
                max_size=12).map("".join))
def test_a_name_s_initials_are_looked_for_only_in_a_name_with_a_full_stop(text):
    """A name's initials are held to what follows them (layout.common.initials_held) by _INITIAL, a pattern that starts
    with a lookbehind, tried at every character, only in a name with a full stop (a look at C speed): each initial has
    one, and the name is made as when the pattern looked at every name."""
    from booklet.layout import common

    assert common.initials_held(text) == common._INITIAL.sub("\\1\u00a0", text)


def test_a_name_s_initials_are_held_to_the_name():
    """The space after a name's initials is a no-break space; a name without one is as it is."""
    from booklet.layout.common import initials_held

    assert initials_held("J.-P. Sartre, C. L. Degen") == "J.-P.\u00a0Sartre, C.\u00a0L.\u00a0Degen"
    assert initials_held("Ana Smith") == "Ana Smith"


@following_the_profile(200)  # (CI's examples; fresh ones, 1,500, at a release)
@given(st.lists(st.sampled_from(list("a5_ .\u00a0\t") + _UNICODE_EDGES + ["a\u00a0b", "\u00a0\u00a0", "\u0663\u00a0é"]),
                max_size=16).map("".join))
def test_a_title_s_tie_pattern_starting_with_its_no_break_space_finds_what_a_lookbehind_first_found(text):
    """A title's own ties between two words (text.paragraph._TITLE_TIE) are found by a pattern that starts with the
    no-break space (the letter before it looked behind for), which the engine scans for at C speed, where a lookbehind
    first was tried at every character: it finds the very spaces the pattern with the lookbehind first found."""
    from booklet.text import paragraph

    title_tie = re.compile(r"(?<=[^\W\d_])\u00a0(?=[^\W\d_])")
    assert _spans(title_tie, text) == _spans(paragraph._TITLE_TIE, text)


def test_a_number_s_digit_groups_a_number_sign_and_a_title_before_a_name_are_held():
    """A French typographer's review: "1 000 personnes", "n° 5", "M. Dupont", "Mme Durand" could end a line between
    their parts ("M." alone at a line's end, "000" starting one). A thousands separator typed as a space (French,
    German, Czech, SI) holds the groups, up to five of them and not in a list of numbers; n°, Polish nr and Czech
    č., s., str., obr. hold as p., Nr., S. did; a title or form of address holds to the capitalised name after it."""
    assert inline("Environ 1 000 personnes et 12 345 678 euros") == "Environ 1\u00a0000 personnes et 12\u00a0345\u00a0678 euros"
    assert inline("de 1 000 à 2 000 m") == "de 1\u00a0000 à 2\u00a0000\u00a0m"
    assert inline("en 2019 300 personnes") == "en 2019 300 personnes"  # (a year, then a number)
    assert inline("100 200 300 400 500 600") == "100 200 300 400 500 600"  # (a list of numbers)
    assert inline("le n° 5, N° 12, nr 4, č. 5, s. 12, obr. 3") == \
        "le n°\u00a05, N°\u00a012, nr\u00a04, č.\u00a05, s.\u00a012, obr.\u00a03"
    assert inline("M. Dupont, Mme Durand, Mlle Roy, MM. Dupont, Dr Martin, Prof. Schmidt, Hr. Müller") == (
        "M.\u00a0Dupont, Mme\u00a0Durand, Mlle\u00a0Roy, MM.\u00a0Dupont, Dr\u00a0Martin, Prof.\u00a0Schmidt, "
        "Hr.\u00a0Müller")
    assert inline("Mme la présidente, the M. tuberculosis, Dr. who") == "Mme la présidente, the M. tuberculosis, Dr. who"
    assert inline("p. 12, § 3, S. 12, Nr. 5, z. B. so") == "p.\u00a012, §\u00a03, S.\u00a012, Nr.\u00a05, z.\u00a0B. so"
    assert plain("M. Dupont a 1 000 euros") == "M. Dupont a 1 000 euros"


def test_the_letters_glued_before_a_formula_are_looked_for_at_the_text_s_end_alone(monkeypatch):
    """Whether a formula is glued to a word hyphenation could break ("con$xy$": never hyphenated) reads the text
    before it; only its last letters matter (four make such a word), and only its last characters are searched for
    them (a search for letters at the end of the whole text tried each of its characters, once for every formula of
    every paragraph). What is marked is as before, after a long text too."""
    from booklet.text import markup

    searched = []

    class Recording:
        def search(self, text):
            searched.append(text)
            return real.search(text)

    real = markup._LETTERS_AT_END
    monkeypatch.setattr(markup, "_LETTERS_AT_END", Recording())
    long = "A long text before the formula, about stars and galaxies and their spectra. " * 6
    assert inline(long + "the con$xy$ case").endswith("the con<nobr><i>xy</i></nobr> case")
    assert inline(long + "the a$xy$ case").endswith("the a<i>xy</i> case")
    assert inline(long + "the abc$x$ case").endswith("the abc<nobr><i>x</i></nobr> case")
    assert inline(long + "the ab$x$ case").endswith("the ab<i>x</i> case")
    assert searched and max(len(text) for text in searched) <= 4


def test_the_text_font_is_asked_once_a_run_whether_it_shows_the_run(monkeypatch):
    """_font_segments asked _in_text_font of each run twice (in _printed_runs, then again for its segment); it asks
    once a run now, and the segments are as before: a run whose CJK no font prints is left empty (what prints of
    it), its neighbours in the text font, a formula's letter in the math font."""
    from booklet.text import markup
    from booklet.text.mathtext import PLAIN

    register_fonts()
    asked = []
    real = markup._in_text_font
    monkeypatch.setattr(markup, "_in_text_font", lambda text: asked.append(text) or real(text))
    italic, math = PLAIN._replace(italic=True), PLAIN._replace(math=True)
    segments = markup._font_segments([("Bo Jones ", PLAIN), ("x", math), (" and Ωmega", PLAIN)])
    assert segments == [["Bo Jones ", PLAIN, ""], ["x", math, "Math"], [" and Ωmega", PLAIN, ""]]
    assert asked == ["Bo Jones ", "x", " and Ωmega"]
    asked.clear()
    segments = markup._font_segments([("Lund ", PLAIN), ("東京", italic), (", Japan α", PLAIN)])
    if unprintable("東京"):  # (the default fonts: no CJK)
        assert segments == [["Lund", PLAIN, ""], ["", italic, ""], [", Japan α", PLAIN, ""]]
        assert asked == ["Lund ", "東京", ", Japan α", "Lund", "", ", Japan α"]  # (the runs, then what prints of them)


def test_a_text_is_split_into_paragraphs_once(monkeypatch):
    """Reading, lint and layout split the same text into paragraphs again and again (its math and LaTeX checked, its
    page's length guessed, its paragraphs set): each text is split once, and each caller gets a list of its own."""
    from booklet.text import markup

    text = "First paragraph with $x^2$.\n\n- an item\n- another\n\n```\ncode\n```\n\nLast *one*."
    split = []
    real = markup._prose_paragraphs
    monkeypatch.setattr(markup, "_prose_paragraphs", lambda chunk: split.append(chunk) or real(chunk))
    first = markup.source_paragraphs(text)
    assert first == ["First paragraph with $x^2$.", "\u2013 an item", "\u2013 another", "code", "Last *one*."]
    assert isinstance(first[3], markup.Code)
    made = len(split)
    assert made == 2  # (the prose before the block of code, and after it)
    first.append("changed by its caller")
    assert markup.source_paragraphs(text) == ["First paragraph with $x^2$.", "\u2013 an item", "\u2013 another",
                                              "code", "Last *one*."]
    assert [str(p) for p in markup.paragraphs(text)][-1] == "Last <i>one</i>."
    markup.math_sources(text)
    markup.latex_problems(text)
    assert len(split) == made


def test_the_formulas_of_a_text_are_found_once(monkeypatch):
    """What prints of a text, its LaTeX, the spaces held around its formulas and its runs each look for its formulas:
    they are found once a text (the same spans: two formulas between dollars, one between LaTeX's \\( \\))."""
    from booklet.text import markup

    text = "Fluxes $F_\\nu$ of $z \\sim 3$ quasars and \\(\\alpha\\) fits, as found once"
    looked = []
    real = markup.closing_dollar
    monkeypatch.setattr(markup, "closing_dollar", lambda *args: looked.append(args[1]) or real(*args))
    assert markup.math_sources(text) == ["F_\\nu", "z \\sim 3", "\\alpha"]
    assert looked == [8, 19]
    assert markup.math_spans(text) == [(7, 14), (18, 28), (41, 51)]
    markup.latex_problems(text)
    markup.plain(text)
    markup.inline(text)
    assert looked == [8, 19]


def test_a_name_left_out_of_a_list_is_set_apart_by_signs_when_words_of_it_print():
    # a list's name that prints in part goes only between signs: 'y', 'e' and 'and' also join one name's words
    assert markup.names_apart("Wang 王小明, Bo Jones") == ("Bo Jones", ("Wang 王小明",))
    assert markup.names_apart("Mei Chen, 王小明 and Bo Jones") == ("Mei Chen and Bo Jones", ("王小明",))
    assert markup.names_apart("Mei Chen and 王小明") == ("Mei Chen", ("王小明",))
    assert markup.names_apart("José Ortega y Gasset 王小明") is None
    assert markup.names_apart("Artur da Costa e Silva 王小明") is None
    assert markup.names_apart("Wang 王小明 and Bo Jones") is None


def test_a_relation_sign_in_running_text_neither_starts_nor_ends_a_line():
    """The 500-talk book (A5), p. 190: a line began "> 23.5." after "for magnitudes", and one ended "with p <" before
    "0.01." (the math of $p < 0.01$ broke after its relation, as TeX's may). A typesetter never starts a line with a
    relation sign nor ends one with it before a number or one letter: the spaces on both sides of a sign standing alone
    are no-break spaces, in text and in math alike (mathtext.relation_held). A long chain ("a = b = c = d") still
    breaks after each sign but its last; a sign in a word or beside another ("x=y", "=>") and code are as typed."""
    from booklet.layout.flowables import Para
    from booklet.layout.page import page_for
    from booklet.layout.styles import make_styles
    from booklet.text.fonts import register_fonts
    from booklet.text.paragraph import line_text

    register_fonts()
    text = ("Injection tests show that completeness drops below 55% for magnitudes > 23.5. We find a correlation "
            "between occurrence rate and dust extinction with $p < 0.01$. The sample of N = 500 stars has "
            "0.1 < z < 0.5 and S/N ≥ 5, the rate at $> 84\\%$ of them.")
    style = make_styles(page_for("A5")).text
    signs = tuple("=<>≤≥")
    breaks = set()
    for width in range(90, 330, 2):
        para = Para(paragraphs(text)[0], style)
        para.wrap(width, 10000)
        lines = [line_text(line).replace(NB, " ").strip() for line in para.blPara.lines]
        assert not any(line.startswith(signs) or line.endswith(signs) for line in lines), (width, lines)
        breaks.add(tuple(len(line) for line in lines))
    assert len(breaks) > 20  # (set at many widths: the breaks fell everywhere)
    assert inline("for magnitudes > 23.5.") == f"for magnitudes{NB}&gt;{NB}23.5."
    assert inline("$p < 0.01$") == f'<i>p</i>{NB}<font name="Math">&lt;</font>{NB}0.01'
    assert inline("N = 500, x ≈ y, T ≡ 3") == \
        f'N{NB}={NB}500, x{NB}<font name="Math">≈</font>{NB}y, T{NB}<font name="Math">≡</font>{NB}3'
    # a chain: held whole when short (an interval), else broken after each sign but the last
    assert inline("0.1 < z < 0.5") == f"0.1{NB}&lt;{NB}z{NB}&lt;{NB}0.5"
    assert inline("a = b = c = d") == f"a{NB}= b{NB}= c{NB}={NB}d"
    assert "<i>b</i>" + NB + '<font name="Math">=</font> <i>c</i>' in inline("$a = b = c = d$")
    # held before a word, not after it; a sign in a word, beside another or in code as typed
    assert inline("Home > Settings > Privacy") == f"Home{NB}&gt; Settings{NB}&gt; Privacy"
    assert inline("x=y, a => b, c <- d, `a = b` and `x > 5`") == \
        'x=y, a =&gt; b, c &lt;- d, <font name="Mono" size="-1">a = b</font> and <font name="Mono" size="-1">x &gt; 5</font>'
    assert inline("rate at $> 84\\%$") == f'rate at{NB}<font name="Math">&gt;</font>{NB}84%'  # (a formula opening with one)
    assert plain("N = 500 and $p < 0.01$") == "N = 500 and p < 0.01"  # (plain text: spaces)


def test_a_kept_markup_equal_to_its_text_is_the_keys_own_string():
    """A text whose markup is the text itself (most titles and names) is kept with the layouts as the string its key
    holds, not as an equal copy: held once in memory, pickled once. Other markup is kept as made."""
    from booklet.cache import BuildCache

    cache = BuildCache()
    texts = ["Plain words of a kept title", "Abebe, Adaeze", "Tom & Jerry"]
    markup._inline.cache_clear()
    with cache.build():
        assert [markup._inline(text) for text in texts] == ["Plain words of a kept title", "Abebe, Adaeze",
                                                            "Tom &amp; Jerry"]
    kept = {key[1]: (key[1], value[0]) for key, value in cache.held("layouts").items() if key[0] == "markup"}
    assert [kept[text][1] is kept[text][0] for text in texts] == [True, True, False]


@pytest.mark.parametrize("written, printed", [
    ("Quadball \U0001F3F3\ufe0f\u200d\U0001F308", "Quadball"),  # a rainbow flag: the white flag alone printed
    ("Quadball \U0001F3C3\u200d\u2640\ufe0f team", "Quadball team"),  # a woman running: a stray ♀ printed
    ("\U0001F469\U0001F3FD\u200d\U0001F52C Ada Lovelace", "Ada Lovelace"),  # a scientist of a skin tone: the ZWJ
    ("Peace \u270c\U0001F3FD", "Peace"),  # a skin tone the fonts lack: the hand alone printed
    ("Love \u2764\ufe0f", "Love \u2764\ufe0f"),  # every part printed: whole
    ("Step 1\ufe0f\u20e3", "Step 1\ufe0f\u20e3"),
])
def test_an_emoji_sequence_prints_whole_or_not_at_all(written, printed):
    """An emoji with a skin tone or a ZWJ sequence printed the parts the fonts have ('Quadball🏳' of 'Quadball 🏳️‍🌈',
    a '♀' of '🏃‍♀️'), which reads as garbage: a sequence of which a font lacks a part is left out whole, with its
    joiners and selectors, wherever text is printed (paragraphs, names, the proofs' notes); one whose parts all print
    is printed as before."""
    from booklet.proofs.marks import _font_runs
    from booklet.text.fonts import printing, unprintable_pieces

    register_fonts()
    assert re.sub("<[^>]+>", "", inline(written)).strip() == printed
    assert markup.printed_words(written) == printed
    assert "".join(text for _, text in _font_runs(written, "Sans")).split() == printed.split()
    assert "".join(ch for ch, shows in zip(written, printing(written)) if shows).split() == printed.split()
    assert (unprintable_pieces(written) == []) == (written == printed)


def test_the_warning_names_an_emoji_sequence_as_written_once():
    from pathlib import Path

    from booklet.data.fields import Report, check_printable

    report = Report(Path("."))
    check_printable(report, "f.yaml", 3, "k", "Quadball \U0001F3C3\u200d\u2640\ufe0f \U0001F3F3\ufe0f\u200d\U0001F308 "
                    "and \U0001F3F3\ufe0f\u200d\U0001F308 again")
    assert [(p.line, p.key, p.message) for p in report.problems] == [
        (3, "k", "the booklet's fonts cannot print the sequence '\U0001F3C3\u200d\u2640\ufe0f' (U+1F3C3 U+200D "
                 "U+2640 U+FE0F), the sequence '\U0001F3F3\ufe0f\u200d\U0001F308' (U+1F3F3 U+FE0F U+200D U+1F308); "
                 "left out, each sequence whole: give theme.yaml's `fonts:` a font that has them")]


@pytest.mark.parametrize("written, sequence", [
    ("\u0936\u0915\u094d\u200d\u0924\u093f", []),  # Devanagari: a half form of ka (virama, ZWJ)
    ("\u0d28\u0d4d\u200d", []),  # Malayalam: a chillu (virama, ZWJ)
    ("\u0dc1\u0dca\u200d\u0dbb\u0dd3", []),  # Sinhala: a yansaya (virama, ZWJ)
    ("\u0628\u200d", []),  # Arabic: a letter's joining form
    ("x \U0001F469\U0001F3FD\u200d\U0001F52C", [(2, 6)]),
])
def test_a_joiner_after_a_letter_makes_no_emoji_sequence(written, sequence):
    """A zero width joiner after a letter of Indic or Arabic script asks for the letter's half or joining form: it makes
    no emoji sequence, and a font lacking the letter is told of the letter alone (was 'the sequence '्‍'', 'left out,
    each sequence whole'); an emoji's joiner still joins."""
    from pathlib import Path

    from booklet.data.fields import Report, check_printable
    from booklet.text.fonts import sequences

    register_fonts()
    assert sequences(written) == sequence
    report = Report(Path("."))
    check_printable(report, "f.yaml", 3, "k", "Sanskrit \u0936\u0915\u094d\u200d\u0924\u093f")
    assert "sequence" not in report.problems[0].message


def test_a_keycap_the_fonts_lack_the_sign_of_prints_its_digit():
    """A keycap ('1️⃣', '#️⃣') is a digit or sign and the keycap sign around it: with fonts that lack the sign (a
    theme's `fallback: []`), d8c32ba4 left the digit out with it, "Room 1⃣" printing "Room"; the digit is text and
    prints, the sign alone is left out, as before."""
    from dataclasses import replace

    from booklet.text.fonts import DEFAULT, unprintable_pieces, use_fonts

    register_fonts()
    use_fonts(replace(DEFAULT, fallbacks=()))
    try:
        assert markup.printed_words("Room 1\u20e3, step #\ufe0f\u20e3") == "Room 1, step #\ufe0f"
        assert unprintable_pieces("Room 1\u20e3, step #\ufe0f\u20e3") == ["\u20e3"]
    finally:
        use_fonts(DEFAULT)
