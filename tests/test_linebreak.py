"""text.linebreak against ReportLab: the same lines, fragments and words for every paragraph it takes.

Each paragraph is broken twice from the same markup: once by MathParagraph.breakLines (text.linebreak) and
once by ReportLab's own Paragraph.breakLines loop, given booklet's hyphenation (a compound broken at its own
hyphen only; a web address broken again where ReportLab breaks it once: text.paragraph._line_breaking, tested
on its own below); everything breaking leaves behind is compared:
the lines (widths left, word counts, sizes, ascents, descents, each fragment's attributes), the paragraph's
list of words afterwards (what a split between pages reads), and its counts of hyphenations and split words.
"""

from __future__ import annotations

import copy
import random

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus.paragraph import _getFragWords

from booklet.build import build_booklet
from booklet.layout.page import page_for
from booklet.layout.styles import make_styles
from booklet.text import linebreak, linedraw, markup
from booklet.text import paragraph as mathparagraph
from booklet.text.fonts import use_fonts
from booklet.text.paragraph import MathParagraph

from .helpers import DATA
from .test_index_frags import _bench_module


_BENCH = _bench_module("linebreak_bench")  # its comparison of what breaking leaves behind


def REPORTLAB(para, width):  # noqa: N802 - a constant of the module, as it was
    """ReportLab's breakLines, with booklet's hyphenation and measures, and its rule for the last line (as
    MathParagraph.breakLines has, and its lines holding what is left of the web addresses broken, as it keeps them)."""
    return mathparagraph._rests_on_lines(para, mathparagraph._no_final_hyphen(para, width,
                                                                            mathparagraph._HELPERS.fallback))


def _left(break_lines, text: str, style, width) -> tuple:
    """What `break_lines` leaves behind for the paragraph of `text` (compared by _BENCH.alike, as plain values)."""
    return _BENCH.left_behind(break_lines, text, None, style, width)


@pytest.fixture(scope="module")
def styles():
    use_fonts()
    made = make_styles(page_for("A5"))
    text = made.text
    return {
        "text": text,  # justified, hyphenated (embedded hyphens too), long URLs split
        "person": made.person,
        "hyphenation2": ParagraphStyle("h2", parent=text, embeddedHyphenation=2),
        "no-shrink": ParagraphStyle("ns", parent=text, spaceShrinkage=0),
        "stretch": ParagraphStyle("st", parent=text, spaceShrinkage=-0.05),
        "left": ParagraphStyle("left", parent=made.body, alignment=TA_LEFT, hyphenationLang=""),
        "centred-no-split": ParagraphStyle("c", parent=made.small, alignment=TA_CENTER, splitLongWords=0),
        "bullet": ParagraphStyle("b", parent=text, bulletIndent=0, leftIndent=4, firstLineIndent=-2,
                                 bulletFontSize=9),
        "justify-breaks": ParagraphStyle("jb", parent=text, alignment=TA_JUSTIFY, justifyBreaks=1),
    }


WORDS = ("the posterior for photometric redshifts is well constrained and unremarkable; "
         "Ærøskøbing Þóra Ивáнова Παπαδόπουλος 36c3 extraordinarily incomprehensibilities "
         "https://example.org/a/very/long/path/to/a/resource?query=1 e-mail 8σ x²").split()
MARKUP = [
    "Plain words only, a few of them, to make two fragments: <i>this</i> one.",
    "A <b>bold</b> and <i>italic</i> word, then $x_i^2$ and $H_{0}$ in the middle of a sentence of words.",
    "Soft\u00adhyphen\u00adated words and a no\u00a0break space, and <i>emph\u00adasised</i> ones too.",
    "A line<br/>break and another<br/><br/>two of them, <b>bold<br/>across</b> a break.",
    '<a name="anchor"/>An anchor first, <a href="https://example.org">a link</a> and <a name="x"/>another.',
    "  Leading spaces, trailing ones  <i> and spaces </i> inside <b>tags </b>everywhere . ",
    "Supercalifragilisticexpialidociouslyextraordinarilylongwordthatnevereverfits <i>and "
    "anotherunbelievablylongwordwithoutanyhyphenationpointsatall</i>.",
    "https://example.org/a/very/long/path/to/a/resource/that/needs/splitting?with=query&amp;more=1 <i>url</i>",
    "<font size=\"14\">Big</font> and <super>sup</super> and <sub>sub</sub> rises, &amp; entities &lt; &gt;.",
    "<i></i><b></b>Empty fragments <i></i> here and there<b></b>.",
    "Tabs\tand\nnewlines\rin <i>the\ttext</i>.",
]


MATH = ["x_i^2", "H_{0}", r"\sigma", r"M_\odot", "a^{b}_{c}"]


def _corpus(count: int, seed: int, longest: int = 60) -> list[str]:
    """MARKUP and `count` texts of 1 to `longest` of WORDS at random, some of them in italics, bold, code or math."""
    rng = random.Random(seed)
    made = list(MARKUP)
    for _ in range(count):
        words = [rng.choice(WORDS) for _ in range(rng.randint(1, longest))]
        for _ in range(rng.randint(0, 6)):
            i = rng.randrange(len(words))
            j = min(len(words), i + rng.randint(1, 4))
            kind = rng.choice(["*", "_", "$", "`"])
            if kind == "$":
                words[i:j] = ["$" + rng.choice(MATH) + "$"]
            else:
                words[i] = kind + words[i]
                words[j - 1] = words[j - 1] + kind
        made.append(markup.inline(" ".join(words)))
    return made


WIDTHS = [1, 8, 40, 90.5, 160, 255.1, 400, [120, 200], [30, 60, 90]]
NARROW = (1, 8)  # no letter fits a line, or one or two: a line a letter (a text of 60 words, some 400 lines)


def test_every_paragraph_breaks_as_reportlab_breaks_it(styles, monkeypatch):
    monkeypatch.setattr(linebreak, "SPLIT_TAILS", False)  # (where booklet breaks otherwise: tested below)
    taken = []
    original = linebreak._takes
    monkeypatch.setattr(linebreak, "_takes", lambda *a: taken.append(original(*a)) or taken[-1])
    alone = []
    original_alone = linebreak._text_alone
    monkeypatch.setattr(linebreak, "_text_alone", lambda frags: alone.append(original_alone(frags)) or alone[-1])
    compared = 0
    # (at the NARROW widths, where each letter makes a line, random texts of 12 words at most: the same ways of
    # breaking, in a fraction of the lines)
    for i, texts in enumerate(zip(_corpus(16, seed=5), _corpus(16, seed=5, longest=12))):
        for j, (name, style) in enumerate(styles.items()):
            for width in WIDTHS[(i + j) % 3::3]:  # each text at three of the widths in each style
                text = texts[width in NARROW]
                ours = _left(MathParagraph.breakLines, text, style, width)
                assert _BENCH.alike(ours, _left(REPORTLAB, text, style, width)), (text, name, width)
                compared += 1
    assert compared > 700
    assert sum(taken) > 0.8 * len(taken) and not all(taken)  # most by break_lines; single fragments not
    assert sum(alone) > 0.5 * len(alone) and not all(alone)  # both ways of making the words


def test_a_paragraph_broken_again_from_a_word_is_as_broken_again_whole(styles, monkeypatch):
    """Issue 15: a paragraph broken again with a hyphenation refused (text.paragraph._no_final_hyphen) goes on from
    where booklet's loop stood before that word (linebreak.Resume), not from the first word: its lines, list of
    words, counts and widths are those of breaking it again whole (no loop marked: _MARKED None)."""
    real = mathparagraph.break_lines
    resumed = []

    def spied(para, width, helpers, marks=None, resume=None):
        resumed.append(resume is not None)
        return real(para, width, helpers, marks, resume)

    def whole(para, width):
        with monkeypatch.context() as patch:
            patch.setattr(mathparagraph, "_MARKED", None)
            return MathParagraph.breakLines(para, width)

    monkeypatch.setattr(mathparagraph, "break_lines", spied)
    compared = 0
    # (12 random texts: the later 12 of 24 added 84 comparisons, in half the time)
    for i, text in enumerate(_corpus(12, seed=15)):
        for j, (name, style) in enumerate(styles.items()):
            # (not at 1 pt: no letter fits, nothing is hyphenated, nothing broken again: a third of the time for none)
            for width in [width for width in WIDTHS[(i + j) % 3::3] if width != 1]:
                before = sum(resumed)
                ours = _left(MathParagraph.breakLines, text, style, width)
                if sum(resumed) > before:
                    assert _BENCH.alike(ours, _left(whole, text, style, width)), (text, name, width)
                    compared += 1
    assert compared > 100  # (139 of them)


@pytest.mark.parametrize("markup", ["", "<i>x</i> "])  # one fragment and several
def test_a_paragraph_broken_again_from_a_mark_at_what_is_left_of_a_web_address_breaks_it_as_from_the_start(markup):
    """A mark (linebreak.Resume) at what is left of a web address broken at the line before ("_ANSECH_..._des_series_
    chronologiques.", of ".../publication/254453491_...") keeps what the breaking knew there (`told`): broken again
    from it, the loop knew no rest and cut that word where the line ended ("_l'anal" / "yse_des_series_chronologique"
    / "s."), not at its punctuation as from the start; a paragraph left with a runt after it was not mended."""
    use_fonts()
    style = make_styles(page_for("A5")).text
    address = ("https://www.researchgate.net/publication/254453491_ANSECH_Logiciel_pour_l&#39;analyse_des_series_"
               "chronologiques")
    text = (f"{markup}Communication aux Journées de Statistique, Rabat, Maroc. {address}. [4] Mélard, G. (2024), see "
            "the notes. [5] Alj, A. and others wrote more.")
    compared = 0
    for width in range(120, 330, 7):
        para = MathParagraph(text, style)
        frags = para.frags
        outer = mathparagraph._ASKED.saved()
        try:
            lines = mathparagraph._broken(para, width, mathparagraph._MARKED, frags, frozenset()).lines
            whole = [mathparagraph.line_text(line) for line in lines]
            marks, hyphens = mathparagraph._ASKED.marks, mathparagraph._ASKED.hyphens
            for found, (_, _, resume) in enumerate(marks):
                again = mathparagraph._broken_from(para, width, mathparagraph._MARKED, frags, frozenset(), marks,
                                                   list(hyphens), found).lines
                assert [mathparagraph.line_text(line) for line in again] == whole, (width, found)
                word = "".join(text for _, text in resume.words[0][1:])  # (the word the mark is at)
                compared += "chronologiques" in word and "/" not in word
        finally:
            mathparagraph._ASKED.set_to(outer)
    assert compared > 10  # (marks at the address's rest, at some widths)


def test_a_paragraph_of_more_than_marked_words_words_is_not_marked(styles, monkeypatch):
    """Each mark of where the loop stood (linebreak.Resume) copies the words left: a paragraph of 12,000 words marked
    at each hyphenation took 0.34 s and 122 MB to break, against 0.21 s and 21 MB. One of more than MARKED_WORDS
    words is not marked (broken again whole, as before); one of fewer is, at each hyphenation made."""
    real = mathparagraph.break_lines
    marked = []

    def spied(para, width, helpers, marks=None, resume=None):
        made = real(para, width, helpers, marks, resume)
        marked.append(len(marks) if marks is not None else None)
        return made

    monkeypatch.setattr(mathparagraph, "break_lines", spied)
    for count, most in ((linebreak.MARKED_WORDS - 10, None), (linebreak.MARKED_WORDS + 10, 0)):
        marked.clear()
        text = "<i>Keywords:</i> " + " ".join(["extraordinarily incomprehensibilities"] * (count // 2))
        para = MathParagraph(text, styles["text"])
        lines = para.breakLines([90.0, 90.0])
        assert sum(mathparagraph.line_text(line).endswith("-") for line in lines.lines) > 100
        if most is None:
            assert marked[0] > 100
        else:
            assert marked[0] == most


def test_the_words_of_fragments_of_text_alone_are_reportlabs(styles):
    for text in _corpus(60, seed=9):
        frags = MathParagraph(text, styles["text"]).frags
        if not linebreak._text_alone(frags):
            continue
        ours = linebreak.frag_words(copy.deepcopy(frags), mathparagraph._split, mathparagraph._measure)
        assert _BENCH.plain(ours) == _BENCH.plain(_getFragWords(copy.deepcopy(frags), 100)), text


_PIECES = st.sampled_from(["word", "hyphenation", "x", " ", "  ", "\u00a0", "\u00ad", "\t", "\n", "é", "σ",
                           "$x_i^2$", "&amp;", "<br/>", '<a name="n"/>', "reallyveryverylongword",
                           "https://example.org/path/to/it"])
_TAGS = st.sampled_from([("", ""), ("<i>", "</i>"), ("<b>", "</b>"), ('<a href="#t">', "</a>"),
                         ("<super>", "</super>"), ('<font size="13">', "</font>")])
_SEGMENTS = st.lists(st.tuples(_TAGS, st.lists(_PIECES, min_size=1, max_size=8)), min_size=1, max_size=8)


# (75 examples, not 150: MARKUP's texts, broken in test_every_paragraph_breaks_as_reportlab_breaks_it in every style
# at three widths each, hold each of these pieces and tags: soft hyphens, no-break spaces, breaks, anchors, tabs)
@settings(max_examples=75, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(segments=_SEGMENTS, width=st.floats(min_value=5, max_value=300))
def test_any_text_breaks_as_reportlab_breaks_it(styles, segments, width, monkeypatch):
    monkeypatch.setattr(linebreak, "SPLIT_TAILS", False)
    text = "".join(opening + "".join(pieces) + closing for (opening, closing), pieces in segments)
    for name in ("text", "left", "hyphenation2"):
        assert _BENCH.alike(_left(MathParagraph.breakLines, text, styles[name], width),
                            _left(REPORTLAB, text, styles[name], width)), (text, name, width)


def test_the_sample_is_the_same_byte_for_byte_as_with_reportlabs_line_breaking(tmp_path, monkeypatch, sample_uncached):
    ours, taken, _ = sample_uncached  # (conftest: built once for this test and test_linedraw's)
    assert taken > 300
    monkeypatch.setenv("BOOKLET_CACHE", "off")
    monkeypatch.setattr(MathParagraph, "breakLines", REPORTLAB)
    monkeypatch.setattr(mathparagraph, "_DRAW_PARA", linedraw.drawing())  # (drawn as ours was: the breaking differs)
    build_booklet(DATA, tmp_path / "reportlab.pdf")
    assert ours.read_bytes() == (tmp_path / "reportlab.pdf").read_bytes()


def test_measuring_words_gives_reportlabs_widths_past_the_dictionarys_bound(styles):
    from reportlab.pdfbase.pdfmetrics import stringWidth

    style = styles["text"]
    measure = mathparagraph._measure(style.fontName, style.fontSize)
    words = [f"w{n}ö" for n in range(9000)] + ["w1ö", "", " "]  # past the 8,192 a dictionary keeps
    assert [measure(word) for word in words] == [stringWidth(word, style.fontName, style.fontSize) for word in words]
    assert 0 < len(measure.__self__) <= 1 << 13  # the dictionary behind it, emptied once when full


@pytest.mark.parametrize("text", [
    "See https://www.example.org/averyveryveryverylongurlwithoutanyslashesatallinsideanditgoesonandonforeverandever"
    ".html for the code, and also averyveryveryverylongwordwithoutanyhyphenationpointsatallinsideanditgoesonandon"
    "foreverandever here.",
    "See https://www.example.org/averyveryveryverylongurlwithoutanyslashesatallinsideanditgoesonandonforeverandever"
    ".html for the <i>code</i>, and also averyveryveryverylongwordwithoutanyhyphenationpointsatallinsideanditgoes"
    "onandonforeverandever here.",
])
@pytest.mark.parametrize("width", [233.86, 150, 90.5])
def test_no_line_is_wider_than_its_width_after_a_word_is_hyphenated(styles, text, width):
    """What hyphenation leaves of a word (a web address's path after its last '/', a word's rest after its last
    hyphenation point) wider than a line is split as a long word is; ReportLab set it whole, over the margin and,
    in two columns on A4, over the next column's text (a review). Each line fits; every letter is kept, in order."""
    para = MathParagraph(text, styles["text"])
    para.wrap(width, 10_000)
    lines = para.blPara.lines
    assert para.blPara.kind == 1
    style = styles["text"]
    space = stringWidth(" ", style.fontName, style.fontSize)
    for line in lines:  # (each space may shrink by spaceShrinkage of its width)
        texts = "".join(f.text for f in line.words if hasattr(f, "text"))
        natural = sum(stringWidth(f.text, f.fontName, f.fontSize) for f in line.words if hasattr(f, "text"))
        natural -= (len(texts) - len(texts.rstrip(" "))) * space  # (a space at its end takes no room)
        spaces = texts.rstrip(" ").count(" ")
        assert natural - spaces * space * style.spaceShrinkage <= width + 0.01, (texts, natural, width)
    printed = "".join(f.text for line in lines for f in line.words if hasattr(f, "text"))
    letters = [c for c in printed if c.isalnum()]
    assert letters == [c for c in text.replace("<i>", "").replace("</i>", "") if c.isalnum()]


def test_words_joined_by_slashes_break_after_a_slash_or_their_own_hyphen_never_before_it():
    """A typesetter's review: "time-of-check/time-of-use", taken for what is left of a web address, was broken
    before a hyphen of its own, and a line (a column's first, after a split) began "-of-use". Words joined by slashes
    alone break after a slash or after their own hyphens, whole or split between columns."""
    from booklet.layout.flowables import Para
    from booklet.layout.styles import URI_WASTE

    use_fonts()
    style = ParagraphStyle("t", fontName="Body", fontSize=9.5, leading=12, alignment=TA_JUSTIFY, hyphenationLang="de_DE",
                           embeddedHyphenation=1, splitLongWords=1, uriWasteReduce=URI_WASTE)
    text = "so trust in hardware is a massive time-of-check/time-of-use (TOCTOU) problem. This talk helps us see it"
    heads, splits = set(), 0
    for width in range(100, 200, 2):
        para = Para(text, style)
        para.wrap(width, 1000)
        lines = [line[1] for line in para.blPara.lines]
        assert not any(words[0].startswith("-") for words in lines[1:]), (width, lines)
        for index, words in enumerate(lines[:-1]):
            if "time" in words[-1]:
                heads.add(str(words[-1]))
                parts = para.split(width, 12 * (index + 1) + 1)
                if len(parts) == 2:
                    splits += 1
                    parts[1].wrap(width, 1000)
                    assert not parts[1].blPara.lines[0][1][0].startswith("-"), width
    assert {"time-of-check/", "time-of-"} <= heads  # (it is broken, after a slash and after its own hyphen)
    assert splits >= 10


_FOSDEM = ("HTTPS records becoming increasingly important, we decided to resolve HTTPS queries using system APIs like "
           "`DNSQuery_A`, `res_query`, `res_nquery`, and `android_res_query`, with the expectation that this would "
           "cover all supported platforms. This talk will delve into the lessons learned from this journey.")


def _lines(text: str, style, width: float):
    from booklet.layout.flowables import Para
    para = Para(markup.inline(text), style)
    para.wrap(width, 10_000)
    if para.blPara.kind == 0:  # (one fragment's lines: (room left, words))
        from types import SimpleNamespace
        font = para.frags[0].fontName
        return [[SimpleNamespace(text=" ".join(words), fontName=font)] for _, words in para.blPara.lines]
    return [[f for f in line.words if hasattr(f, "text")] for line in para.blPara.lines]


def test_a_long_code_span_breaks_inside_rather_than_stretch_the_line_before_it(styles):
    """A review (FOSDEM 2025, p. 311): `android_res_query` found no break, went whole to the next line, and the
    justified line before it had its spaces at 0.78 em. A code span breaks after a slash or before . _ - between
    letters (at its own hyphen after it, as any word), with no hyphen added; the line that takes its head is set near its spaces' usual width."""
    style = styles["text"]
    width = page_for("A5").text_width
    lines = _lines(_FOSDEM, style, width)
    ends = [("".join(f.text for f in line).rstrip(), line[-1].fontName) for line in lines]
    assert any(text.endswith(" android") and font == "Mono" for text, font in ends), ends
    at = next(i for i, (text, _) in enumerate(ends) if text.endswith(" android"))
    assert lines[at + 1][0].text.startswith("_res_query") and lines[at + 1][0].fontName == "Mono"
    space = stringWidth(" ", style.fontName, style.fontSize)
    line = lines[at]  # its spaces after the stretch: less than 0.4 em (0.78 em when the span went on whole)
    text = "".join(f.text for f in line).rstrip()
    natural = sum(stringWidth(f.text.rstrip() if f is line[-1] else f.text, f.fontName, f.fontSize) for f in line)
    assert (width - natural) / text.count(" ") + space < 0.4 * style.fontSize, text


def test_code_is_never_hyphenated_by_the_dictionary(styles):
    """A code span has no dictionary breaks: `getaddrinfo` hyphenated ("getad-drinfo") reads as code with a hyphen.
    It breaks only where its own characters allow (none here): whole on a line, or cut without a hyphen when wider."""
    style = styles["text"]
    text = "Historically Firefox has relied upon `getaddrinfo` and `implementations` for name resolution everywhere."
    for width in range(60, 200, 3):
        for line in _lines(text, style, width):
            for frag in line:
                if frag.fontName == "Mono":
                    assert not frag.text.rstrip().endswith("-"), (width, frag.text)


def test_code_breaks_after_its_own_hyphen_never_before_it(styles):
    """`rust2rpm-vendor` (FOSDEM 2025, p. 747) broken before its hyphen began a line "-vendor", which reads as an
    option: a code span breaks after a hyphen of its own, before a dot or an underscore (`model / .name`)."""
    style = styles["text"]
    text = ("We will also discuss a more flexible approach using a new helper tool, `rust2rpm-vendor`, that allows "
            "maintainers to prepare vendor tarballs, via `model.greeting` and `model.clear()` as before.")
    heads = set()
    for width in range(90, 260, 2):
        lines = _lines(text, style, width)
        lines = [[f for f in line if f.text] for line in lines]
        for line, after in zip(lines, lines[1:]):
            assert not after[0].text.startswith("-"), (width, after[0].text)
            if line[-1].fontName == "Mono":
                heads.add(line[-1].text.rstrip())
    assert {"rust2rpm-", "model"} <= heads, heads


def test_a_paragraph_of_one_code_span_breaks_as_code(styles):
    """A paragraph that is a code span alone (one fragment: ReportLab's own loop, _hyphenateWord) breaks as code in
    running text does: at an underscore, with no hyphen; a code word with no break in it is cut, never hyphenated."""
    style = styles["text"]
    for width in (40, 60, 80, 100):
        assert [line[0].text for line in _lines("`android_res_query_implementation`", style, width)][-1] \
            == "_implementation"
        for line in _lines("`getaddrinfoimplementations`", style, width):
            assert not line[0].text.endswith("-"), (width, line[0].text)


def test_a_short_code_span_is_never_broken_and_a_long_ones_parts_are_not_tiny(styles):  # (fonts registered)
    """A typographer's review: `model.name` broke as "model / .name" (EuroPython 2014 p. 63), a line starting with a
    full stop for a span a line could take whole. A span shorter than CODE_WHOLE never breaks; a longer one keeps
    CODE_PART characters at least on either side of a break."""
    from types import SimpleNamespace

    from booklet.text.paragraph import CODE_PART, CODE_WHOLE, _code_break

    markup.inline("`x`")  # (the code font registered, as a code span does)
    mono = SimpleNamespace(fontName="Mono", fontSize=9.0)
    for code in ("model.name", "view.serve"):
        assert len(code) < CODE_WHOLE and _code_break([40.0, (mono, code)], 50.0, 35.0) is None
    made = _code_break([100.0, (mono, "a.bcdefghijk_lmnop")], 110.0, 90.0)  # (10 pt of the line before it)
    head, tail = made[0][1][1], made[1][1][1]
    assert head + tail == "a.bcdefghijk_lmnop" and len(head) >= CODE_PART and len(tail) >= CODE_PART
    assert not head.endswith("a") and tail.startswith("_")


def test_a_web_address_never_breaks_inside_its_scheme():
    """A typographer's review (FOSDEM 2025 pp. 597-600): "(https://codeclub.org/...)" broke as "(https:/" and
    "/codeclub.org/...": an address in brackets is not one ReportLab knows, and was broken after any slash."""
    from booklet.text.paragraph import _address_pairs

    for text in ("(https://codeclub.org/en/projects)", "https://codeclub.org/en/projects", "<http://x.org/a/b/c>"):
        pairs = _address_pairs(text)
        assert pairs and all(head + tail == text for head, tail in pairs)
        assert not [head for head, tail in pairs if head.endswith((":", ":/"))], pairs


def test_a_web_address_breaks_before_a_hyphen_only_as_its_hyphen_pairs_offer_and_never_after_one():
    """XDC 2021 (A4, p. 16): "(https://www.khronos.org/blog/an" / "-introduction-to-vulkan-video)." began a line with
    the address's hyphen where a slash could have ended the line. An address breaks after a slash, before ? & = # . _
    ~; before a hyphen between two letters or digits only as _hyphen_pairs offers it (where no other break sets the
    line close); never after one, which ends a line as a word's hyphenation does (the Chicago Manual's rule)."""
    from booklet.text.paragraph import _address_pairs, _hyphen_pairs

    address = "https://www.khronos.org/blog/an-introduction-to-vulkan-video"
    for text in (address, "(https://events.ccc.de/wiki/index.php/Session:Follow-up_meeting)", "x.org/a/b-c-d/e_f-g"):
        pairs = _address_pairs(text)
        assert pairs and all(head + tail == text and not tail.startswith("-") and not head.endswith("-")
                             for head, tail in pairs), pairs
    assert ("https://www.khronos.org/blog/", "an-introduction-to-vulkan-video") in _address_pairs(address)
    assert [head for head, _ in _hyphen_pairs(address)] == ["https://www.khronos.org/blog/an-introduction-to-vulkan",
                                                            "https://www.khronos.org/blog/an-introduction-to",
                                                            "https://www.khronos.org/blog/an-introduction",
                                                            "https://www.khronos.org/blog/an"]
    assert _hyphen_pairs("https://my-host.example.org/") == []  # (none in the host name)
    # (what is left of an address, no other break in it: before its hyphens, not inside a run of them)
    assert [head for head, _ in _address_pairs("an-introduction--to-vulkan", rest=True)] == [
        "an-introduction--to", "an-introduction", "an"]
    # (nor before the hyphens it ends with: a line of "-" alone)
    assert _address_pairs("introduction-to-vulkan-", rest=True) == [("introduction-to", "-vulkan-"),
                                                                      ("introduction", "-to-vulkan-")]
    assert _address_pairs("averylongpathsegment--", rest=True) == []


def test_a_code_span_never_breaks_inside_a_version_number():
    """A review: `numpy==1.26.4` broke as "numpy==1 / .26.4", `model.v1.2.3` as "model.v1 / .2.3"."""
    from booklet.text.paragraph import _CODE_BREAKS

    assert [m.start() for m in _CODE_BREAKS.finditer("numpy==1.26.4")] == []
    assert [m.start() for m in _CODE_BREAKS.finditer("model.v1.2.3")] == [5]
    assert [m.start() for m in _CODE_BREAKS.finditer("android_res_query")] == [7, 11]


def test_a_doi_never_breaks_before_a_full_stop_between_two_digits():
    """A look at Les Houches 2018 p. 45: "10.1103/RevModPhys.89.035002" broke as "RevModPhys.89 / .035002"."""
    from booklet.text.paragraph import _address_pairs

    heads = [head for head, _ in _address_pairs("10.1103/RevModPhys.89.035002")]
    assert "10.1103/RevModPhys.89" not in heads and "10.1103/" in heads and "10.1103/RevModPhys" in heads


def test_a_code_span_breaks_after_a_run_of_underscores_or_hyphens_never_inside_it():
    """A finding: `__` and `--` offered a code span no break ("PYTHON_DONT_WRITE__BYTECODE_FILES_EVER" broke only at
    its single underscores); it breaks after the run, before the letter or digit that ends it, never inside it, and
    the rules stand: none inside a version number, none in a span shorter than CODE_WHOLE."""
    from types import SimpleNamespace

    from booklet.text.paragraph import CODE_WHOLE, _CODE_BREAKS, _code_break

    assert [m.start() for m in _CODE_BREAKS.finditer("configure__flags")] == [11]
    assert [m.start() for m in _CODE_BREAKS.finditer("configure--flags")] == [11]
    assert [m.start() for m in _CODE_BREAKS.finditer("a___b")] == [4]
    assert [m.start() for m in _CODE_BREAKS.finditer("numpy==1.26.4--2")] == [15]
    markup.inline("`x`")  # (the code font registered, as a code span does)
    mono = SimpleNamespace(fontName="Mono", fontSize=9.0)
    made = _code_break([120.0, (mono, "configurelong__flagset")], 130.0, 110.0)
    assert (made[0][1][1], made[1][1][1]) == ("configurelong__", "flagset")
    assert len("short__word") < CODE_WHOLE and _code_break([40.0, (mono, "short__word")], 50.0, 35.0) is None


@pytest.mark.parametrize("size, columns", [("A5", 1), ("B5", 1), ("A4", 2)])
def test_a_web_address_whose_part_is_wider_than_the_line_never_runs_past_it(size, columns):
    """A search of real books for text past its column: web addresses ran up to 368 pt past the text (39c3 on A4, a
    chat invitation; FOSDEM on A4 and B5, a booking link with an 80-letter code in its path). Broken after a slash,
    what was left of the address was a word of its own (ReportLab's _SplitFrag) that no break of an address fitted,
    and it was set whole. It is split as any word too long for the line is; every letter stays, in order."""
    from booklet.layout.columns import GAP
    from booklet.layout.flowables import Para

    use_fonts()
    page = page_for(size)
    width = (page.text_width - (columns - 1) * GAP) / columns
    style = make_styles(page).text
    code = "Z2lkOi8vY2x1YnMtYXBpL0V2ZW50L2RiYWNmOGQzLTY3ZmMtNGUwOC1iNmE0LWUzMjM2ZDM4YTM0OA"
    for text in (f"Sign up via the registration form (https://codeclub.org/en/events/{code}/bookings/new).",
                 "Join: https://i.delta.chat/#AB68F428FCEF88D32B46189314FDBB18B2789654&a=groupedit%40nine.testrun.org"
                 "&g=39c3%20chatmail&x=zIwlF9uvvoxzDLo2GBFRRm2l&i=vcZd2RULjs39Vl-Fs2L-ZfIT&s=oUmgp0IBDyBnI7dTslH3CK37"):
        para = Para(markup.inline(text), style)
        para.wrap(width, 10_000)
        lines = para.blPara.lines
        assert all(line.extraSpace >= -0.01 for line in lines), [line.extraSpace for line in lines]
        assert "".join(mathparagraph.line_text(line).replace(" ", "") for line in lines) == text.replace(" ", "")


def test_what_is_left_of_an_address_or_long_word_is_split_also_at_a_paragraphs_end_and_in_its_parts():
    """Fuzzing the line breaker: an address whose last part is letters and digits alone, at a paragraph's end, was set
    whole past the line; and a paragraph split between pages and wrapped again at the same width (as a frame does)
    joined the pieces of a part broken the first time and set them whole. Code keeps its own breaks."""
    from booklet.layout.flowables import Para

    use_fonts()
    style = make_styles(page_for("A5")).text
    code = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbCdEfGhIjKl"
    for text, width in ((f"See https://example.org/x/{code}.", 150),
                        (f"See https://example.org/x/{code} and more.", 150),
                        ("www.ojhthljolqqs.iiloof.com/2nys8iIwTulQDqpqDnuZCHW3mOdcIXLDDwkjZXzygrN3213fFXOi4U9oa0Vv?ujr="
                         "CGdT6tQtqzpZjnOJCKRjXpmPR&x=jphJ2fKKvSwAdo3Eg3", 79.89)):
        para = Para(markup.inline(text), style)
        para.wrap(width, 10_000)
        assert all(line.extraSpace >= -0.01 for line in para.blPara.lines), text
        for height in (style.leading * 2, style.leading * 3):
            for part in para.split(width, height):
                part.wrap(width, 10_000)
                assert all(line.extraSpace >= -0.01 for line in part.blPara.lines), (text, height)
    assert markup.plain("See example.org/~user/page") == "See example.org/~user/page"  # (no tie in a path)


def test_a_web_address_after_other_words_starts_the_next_line_rather_than_split_at_any_letter(styles):  # (fonts)
    """A typographer's review (XDC 2021 on A4, p. 16): an address in brackets wider than the line, after other words,
    was split into the room left on their line at any letter, as a long word is: "problem (" / "https://github.com/
    ValveSoftware/Proton/issues/4" / "125)", at other widths "(h" / "ttps://..." and "(https:/" / "/github.com/...".
    It starts the next line and breaks there where an address breaks (after a slash, ...)."""
    from booklet.text.paragraph import _address_pairs

    address = "(https://github.com/ValveSoftware/Proton/issues/4125)"
    text = f"The idea is inspired by co-working with Valve software guys for tuning animation slow down problem " \
           f"{address} of VKD3D-Proton on steam."
    heads = {head for head, _ in _address_pairs(address)}
    style = make_styles(page_for("A4")).text  # (the size the review read it at)
    for width in range(226, 246):
        lines = ["".join(f.text for f in line).strip() for line in _lines(text, style, width)]
        first = next(i for i, line in enumerate(lines) if "(" in line)
        head = lines[first][lines[first].index("("):]
        assert head == address[:len(head)], (width, lines)
        assert head == address or head in heads, (width, lines)


def test_booklet_s_loop_after_reportlab_s_begins_knowing_no_web_address_s_rest():
    """A paragraph of one fragment ReportLab's loop broke with a word over the margin (an address's rest of no word,
    "x9QzK7...") is broken again by booklet's (text.linebreak: that word split). What is left of the web address
    ReportLab's loop broke last ("_and", of ".../Electroencephalographically_and") was still told as the rest to be
    asked next when booklet's loop began: the paragraph's first word, had it begun so, would have been broken as
    that rest, not hyphenated."""
    use_fonts()
    style = make_styles(page_for("A5")).text.clone("left", alignment=TA_LEFT)
    text = ("Electroencephalographically, see https://example.org/x9QzK7wP2vR8mT4nB6cY1hJ3fL5dG0sA "
            "and https://example.org/Electroencephalographically_and")
    helpers, told = mathparagraph._HELPERS, []

    def hyphenate(*args):
        told.append(mathparagraph._ADDRESSES.state.text)
        return helpers.hyphenate_frag_word(*args)

    para = MathParagraph(text, style)
    lines = linebreak.break_lines(para, 115, helpers._replace(hyphenate_frag_word=hyphenate)).lines
    assert ["".join(frag.text for frag in line.words) for line in lines][-2:] == [
        "Electroencephalographically", "_and"]  # (what ReportLab's loop broke last, as booklet's loop breaks it)
    assert told and told[0] is None, told  # (booklet's loop asked: its first word knew no rest)
