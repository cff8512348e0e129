"""text.linedraw, and the text object's writing of unshaped TrueType text, against ReportLab: the same PDF.

Each paragraph is laid out once and drawn twice onto canvases of their own: once as booklet draws it
(MathParagraph.drawPara: ReportLab's drawPara with linedraw.put_frag_line, and _BoxTextObject._subset_text) and
once by ReportLab's own drawPara and _formatText. The two PDFs (invariant: no dates, no random ids) must be
the same bytes: the same operators, links, destinations, fonts and subsets.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from reportlab.lib.colors import CMYKColor, Color
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus.paragraph import Paragraph

from booklet.layout.page import page_for
from booklet.layout.styles import make_styles
from booklet.text import fonts, linedraw
from booklet.text import paragraph as mathparagraph
from booklet.text.fonts import use_fonts
from booklet.text.paragraph import MathParagraph

from .test_linebreak import MARKUP, WIDTHS, _corpus

pytestmark = pytest.mark.skipif(not mathparagraph._CHECKED, reason="ReportLab's own drawing is used")

EXTRA = [
    "An <u>underline ending in a space </u>then text, <u>again </u><i>italic </i>and <a href=\"#t\">a link </a>x.",
    "An <u>underlined</u> word, <u>two <i>of</i> them</u>, and <strike>struck</strike> text <u>to the end</u>",
    '<font backColor="#ffe0e0">A background</font> then none, <font backColor="#e0e0ff">another '
    '<b>bold</b></font> and <font backColor="#e0e0ff" color="#ff0000">a colour</font>.',
    '<font color="#336699">Blue</font> <font color="#336699">blue again</font> and <font color="red">red</font>.',
    '<a href="https://example.org/one">a link <i>across</i> fragments</a> then <a href="#two">a second</a>.',
    '<onDraw name="person" label="p1"/>Someone <onDraw name="person" label="p2"/>and someone else.',
    "Rises: x<super>2</super><sub>i</sub> and <super><font size=\"6\">small</font></super> ones.",
]


def _styles():
    use_fonts()
    made = make_styles(page_for("A5"))
    text = made.text
    return {
        "text": text,
        "person": made.person,
        "left": ParagraphStyle("left", parent=made.body, alignment=TA_LEFT),
        "right": ParagraphStyle("right", parent=made.body, alignment=TA_RIGHT),
        "centre": ParagraphStyle("centre", parent=made.small, alignment=TA_CENTER),
        "justify-last": ParagraphStyle("jl", parent=text, alignment=TA_JUSTIFY, justifyLastLine=2),
        "auto-max": ParagraphStyle("am", parent=text, autoLeading="max"),
        "auto-min": ParagraphStyle("an", parent=text, autoLeading="min", alignment=TA_LEFT),
        "dots": ParagraphStyle("dots", parent=made.body, alignment=TA_LEFT, endDots="."),
        "dots-right": ParagraphStyle("dr", parent=made.body, alignment=TA_RIGHT, endDots="."),
        "cmyk": ParagraphStyle("cmyk", parent=text, textColor=CMYKColor(0.1, 0.2, 0.3, 0.9),
                               backColor=Color(0.9, 0.9, 0.8)),
        "underlined": ParagraphStyle("ul", parent=text, underlineWidth=0.5, underlineOffset=-2),
    }


@pytest.fixture(scope="module")
def styles():
    return _styles()


def _pdf(paragraphs, draw_para, checked: bool, monkeypatch) -> bytes:
    """The paragraphs drawn one below another on pages of their own by `draw_para`, as a PDF."""
    monkeypatch.setattr(mathparagraph, "_DRAW_PARA", draw_para)
    monkeypatch.setattr(mathparagraph, "_CHECKED", checked)
    canvas = Canvas(None, pagesize=(600, 100_000), invariant=1, pageCompression=0)
    canvas.setNamedCB("person", lambda canv, kind, label: canv.bookmarkHorizontal(label, 0, 0))
    for name in ("t", "two"):  # the internal links' destinations
        canvas.bookmarkHorizontal(name, 0, 0)
    y = 99_000
    for para, height in paragraphs:
        para.drawOn(canvas, 20, y - height)
        y -= height + 5
        if y < 1000:
            canvas.showPage()
            y = 99_000
    canvas.showPage()
    return canvas.getpdfdata()


def _laid_out(texts, styles, widths):
    made = []
    for i, text in enumerate(texts):
        for j, style in enumerate(styles.values()):
            width = widths[(i + j) % len(widths)]
            para = MathParagraph(text, style)
            made.append((para, para.wrap(width if not isinstance(width, list) else width[0], 100_000)[1]))
    return made


def _both(paragraphs, monkeypatch):
    ours = _pdf(paragraphs, linedraw.drawing(), True, monkeypatch)
    theirs = _pdf(paragraphs, Paragraph.drawPara, False, monkeypatch)
    return ours, theirs


def test_paragraphs_draw_as_reportlab_draws_them(styles, monkeypatch):
    lines = []
    original = linedraw.put_frag_line
    monkeypatch.setattr(linedraw, "put_frag_line", lambda *a: lines.append(a[2]) or original(*a))
    paragraphs = _laid_out(MARKUP + EXTRA + _corpus(12, seed=11), styles, WIDTHS)
    ours, theirs = _both(paragraphs, monkeypatch)
    assert len(lines) > 500  # the lines of fragments went through put_frag_line
    assert b"/Annot" in ours and b" Tw" in ours and b" Ts" in ours and b" re" in ours  # links, justified, rises, backgrounds
    assert ours == theirs


def test_the_text_object_writes_reportlabs_operators_for_every_subset(styles, monkeypatch):
    # more than 256 different characters in one font: text that starts in one subset and goes on in another
    text = "".join(chr(c) for c in range(0x400, 0x4ff) if chr(c).isalpha()) + " " + "".join(
        chr(c) for c in range(0x370, 0x3ff) if chr(c).isalpha()) + " Ærøskøbing"
    paragraphs = _laid_out([text, f"<i>{text}</i> and {text[::-1]}"], styles, [90.5, 255.1])
    written = []
    original = mathparagraph._BoxTextObject._subset_text
    monkeypatch.setattr(mathparagraph._BoxTextObject, "_subset_text",
                        lambda self, font, t: written.append(t) or original(self, font, t))
    ours, theirs = _both(paragraphs, monkeypatch)
    assert written and b"+1 " in ours  # a second subset's font operator
    assert ours == theirs


_PIECES = st.sampled_from(["word", "x", " ", "  ", "\u00a0", "\u00ad", "é", "σ", "Ж", "$x_i^2$", "&amp;", "<br/>",
                           '<a name="n"/>', "reallyveryverylongword", "(paren)", "back\\slash"])
_TAGS = st.sampled_from([("", ""), ("<i>", "</i>"), ("<b>", "</b>"), ('<a href="#t">', "</a>"), ("<u>", "</u>"),
                         ("<super>", "</super>"), ('<font size="13">', "</font>"),
                         ('<font backColor="#eeeeee">', "</font>"), ('<font color="#cc0000">', "</font>")])
_SEGMENTS = st.lists(st.tuples(_TAGS, st.lists(_PIECES, min_size=1, max_size=8)), min_size=1, max_size=8)
_STYLES = _styles()


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(segments=_SEGMENTS, width=st.floats(min_value=5, max_value=300),
       names=st.lists(st.sampled_from(sorted(_STYLES)), min_size=1, max_size=3))
def test_any_text_draws_as_reportlab_draws_it(segments, width, names, monkeypatch):
    text = "".join(opening + "".join(pieces) + closing for (opening, closing), pieces in segments)
    paragraphs = _laid_out([text], {name: _STYLES[name] for name in names}, [width])
    ours, theirs = _both(paragraphs, monkeypatch)
    assert ours == theirs, text


def test_the_sample_is_the_same_byte_for_byte_as_with_reportlabs_drawing(tmp_path, monkeypatch, sample_uncached):
    from booklet.build import build_booklet

    from .helpers import DATA

    ours, _, lines = sample_uncached  # (conftest: built once for this test and test_linebreak's)
    assert lines > 300
    monkeypatch.setenv("BOOKLET_CACHE", "off")
    monkeypatch.setattr(mathparagraph, "_DRAW_PARA", Paragraph.drawPara)
    monkeypatch.setattr(mathparagraph, "_CHECKED", False)
    build_booklet(DATA, tmp_path / "reportlab.pdf")
    assert ours.read_bytes() == (tmp_path / "reportlab.pdf").read_bytes()


def _drawn_twice(paragraphs, monkeypatch):
    """The paragraphs drawn twice on one canvas, a recording of the fonts' calls open (text.fonts.recording): the
    PDF, the calls recorded, and how many calls of the fonts' splitString with text the second drawing made (every
    character it draws has its code by then; a font's first subset's name is asked of the font once)."""
    made = []
    font_class = fonts._font_class()
    original = font_class.splitString
    monkeypatch.setattr(font_class, "splitString", lambda self, text, *a, **k: (text and made.append(text))
                        or original(self, text, *a, **k))
    canvas = Canvas(None, pagesize=(600, 10_000), invariant=1, pageCompression=0)
    canvas.setNamedCB("person", lambda *a: None)
    canvas.bookmarkHorizontal("t", 0, 0)  # the link's destination
    with fonts.recording() as events:
        for y in (8000, 4000):
            before = len(made)
            for para, height in paragraphs:
                para.drawOn(canvas, 20, y - height)
    canvas.showPage()
    return canvas.getpdfdata(), events, len(made) - before


def test_known_characters_are_written_without_the_fonts_calls_and_recorded_as_those_calls(styles, monkeypatch):
    texts = ["Plain (text) with a back\\slash, <i>italics</i>, x<super>2</super> and \u00e6\u00f8\u00e5 \u00a0again.",
             "<b>Bold</b> words, <u>an underline</u> and <a href=\"#t\">a link</a>: Ærøskøbing (done)."]
    paragraphs = _laid_out(texts, styles, [90.5, 255.1])
    ours, recorded, calls = _drawn_twice(paragraphs, monkeypatch)
    monkeypatch.setattr(mathparagraph, "document_font", lambda canv, font: None)  # each text through the fonts' calls
    theirs, their_recorded, their_calls = _drawn_twice(paragraphs, monkeypatch)
    assert their_calls > 100 and calls == 0
    assert len(recorded) > 200 and recorded == their_recorded  # the same calls, arguments and answers, in order
    assert ours == theirs
