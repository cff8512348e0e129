"""Booklet's paragraphs -> the same lines however often they are wrapped, and splits that fit."""

from __future__ import annotations

import json
import re

import pytest
from reportlab.lib.units import mm

from booklet.build import build_booklet
from booklet.text.fonts import register_fonts
from booklet.layout.flowables import Para
from booklet.layout.page import page_for
from booklet.layout.styles import make_styles

from .helpers import ADDRESSES
from .hypothesis_profiles import following_the_profile
from .pdftext import Pdf

HYPHENATED = ("We find a correlation between the age-velocity relation and the initial mass function, "
              "<i>p</i> &lt; 0.01.")
LONG = (  # as ReportLab markup; at some heights a plain Paragraph's split overfills by a line
    "We present a nested sampling scheme for M dwarfs observed in a deep radio continuum survey. We compare "
    "the hierarchical Bayesian model with a variational autoencoder and find that both agree within $x^{2}$. "
    "The resulting catalogue of trans-Neptunian objects is *twice* as pure at the same completeness. "
    "Astronomers &amp; statisticians rarely share benchmarks; we propose one for exoplanet transits. For "
    "exoplanet transits with fewer than 787 epochs, periods are recovered in 98% of cases."
)


@pytest.fixture(scope="module")
def text_style():
    register_fonts()
    return make_styles(page_for("A5")).text


def _lines(paragraph) -> list[str]:
    return ["".join(f.text for f in line.words) if not isinstance(line, tuple) else " ".join(line[1])
            for line in paragraph.blPara.lines]


def _extra_spaces(paragraph) -> list[float]:
    """What each line leaves empty, before justifying (ReportLab's extraSpace, of either kind of line)."""
    from booklet.text.paragraph import _extra_space

    return [_extra_space(line) for line in paragraph.blPara.lines]


def test_wrapping_twice_keeps_every_hyphen(text_style):
    for width in range(100, 400, 3):
        paragraph = Para(HYPHENATED, text_style)
        paragraph.wrap(width, 1000)
        first = _lines(paragraph)
        paragraph.wrap(width, 1000)
        assert _lines(paragraph) == first, width
        assert "agevelocity" not in "".join(first)


def test_a_split_never_returns_a_first_part_taller_than_asked(text_style):
    width = page_for("A5").text_width
    for tenth in range(100, 1000):
        height = tenth / 10
        parts = Para(LONG, text_style).split(width, height)
        if len(parts) == 2:
            assert parts[0].wrap(width, height)[1] <= height, height


def _syd():
    """FOSDEM 2025's "Syd" in an A4 column: (style, width, markup, the paragraph wrapped whole, its lines)."""
    register_fonts()
    style = make_styles(page_for("A4")).text
    width = (page_for("A4").text_width - 5 * mm) / 2
    markup = ADDRESSES.replace("*ptrace(2)*", "<i>ptrace(2)</i>").replace("*pledge*", "<i>pledge</i>")
    whole = Para(markup, style)
    whole.wrap(width, 10_000)
    return style, width, markup, whole, _lines(whole)


def test_a_split_gives_the_lines_that_fit_its_first_part_the_paragraph_s_own():
    """A paragraph of web addresses broken in their host names (FOSDEM 2025's "Syd", in an A4 column): its split's
    first part, wrapped, is the paragraph's own first lines, as many as fit at each height (its first part broken again
    on its own broke "(https://falco" / ".org/)" after the slash, came out a line taller, and the split asked less
    and less: 17 lines for any height from 17 lines to 29)."""
    style, width, markup, whole, lines = _syd()
    assert "(https://falco" in [line.split()[-1] for line in lines]
    for count in range(2, len(lines) - 1):
        if lines[count - 1].endswith("-"):
            continue  # (a column does not end with a hyphen: split otherwise, _no_hyphen_at_the_end)
        height = count * style.leading + style.leading / 2
        parts = Para(markup, style).split(width, height)
        assert parts[0].wrap(width, height)[1] <= height and _lines(parts[0]) == lines[:count], count


# XDC 2021's "Asahi" abstract: on A5, its second line ends "mir-", and a split after it is made at a word whole
WITCH = ("The Internet has been under a spell over the M1 system-on-chip. Is Apple’s GPU architecture magically faster "
         "than the rest of the industry? Or is it all smoke and mirrors? Only a reverse-engineering witch can divine "
         "that truth. Grab your cape, because we’re about to spill the chip’s secrets, solve mysteries we were never "
         "supposed to know about, and gain a Mesa driver along the way.")


def test_a_split_broken_again_for_no_hyphen_at_its_end_keeps_the_lines_before_that_end(text_style):
    """A split whose last line would end with a hyphen ("... smoke and mir-") is made of the paragraph broken again
    with that word whole (page_end_rebroken: the lines before the same), and its first part is those lines: broken
    again on its own, it dropped the first line's hyphen too ("... Is Apple’s GPU" / "architecture ...": a looser
    line, a line the paragraph does not have)."""
    width = page_for("A5").text_width
    whole = Para(WITCH, text_style)
    whole.wrap(width, 10_000)
    lines = _lines(whole)
    assert lines[0].endswith("GPU ar-") and lines[1].endswith("smoke and mir-"), lines
    parts = Para(WITCH, text_style).split(width, 2.5 * text_style.leading)
    first = _lines(parts[0])
    assert first == [lines[0], lines[1].removesuffix(" mir-")], first
    parts[1].wrap(width, 10_000)
    assert _lines(parts[1])[0].startswith("mirrors? Only")


def test_an_abstract_crossing_a_page_at_an_awkward_height_builds(tmp_path):
    text = "\n\n".join([
        "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore. " * 12,
        "Short line. " * 150,  # (more than SPILL_FITTED of its page over: not fitted on one, it runs on)
        "We find a correlation between Hubble constant and period distribution with $p < 0.01$. Astronomers & "
        "statisticians rarely share benchmarks; we propose one for binary black holes. " * 6,
    ])
    (tmp_path / "conference.yaml").write_text(
        "title: T\ndates: {start: 2027-09-13, end: 2027-09-14}\nvenue: V\n", encoding="utf-8")
    abstract = {"id": "a", "title": "A title", "speaker": {"name": "Ana Smith"}, "abstract": text}
    (tmp_path / "abstracts.yaml").write_text("- " + json.dumps(abstract) + "\n", encoding="utf-8")
    build_booklet(tmp_path, tmp_path / "out.pdf")
    pdf = Pdf(tmp_path / "out.pdf")
    assert "binary black holes" in " ".join(" ".join(pdf.texts).split()) and pdf.pages_with("A title (continued)")


def test_fragments_compare_as_reportlab_compares_them():
    """Booklet's paragraphs break lines with paragraph._same_frag instead of rl_accel.sameFrag (the same
    answer without an exception raised for each attribute a fragment has not got): on fragments with each
    compared attribute absent, None, equal or different, and with an image or line break, both agree."""
    import itertools

    from reportlab.lib.colors import black, red
    from reportlab.lib.rl_accel import sameFrag
    from reportlab.platypus.paraparser import ParaFrag

    from booklet.text.paragraph import _FRAG_LOOKS, _same_frag

    values = {"fontName": ("A", "B"), "fontSize": (9, 9.0, 10), "textColor": (black, red), "rise": (0, 2),
              "us_lines": ([], [("u",)]), "link": ([], ["x"]), "backColor": (red,), "nobr": (True,)}
    base = dict(fontName="A", fontSize=9, textColor=black, rise=0, us_lines=[], link=[], text="x")
    pairs = 0
    for name in _FRAG_LOOKS:
        choices = [None, "absent", *values[name]]
        for a, b in itertools.product(choices, repeat=2):
            f, g = ParaFrag(**base), ParaFrag(**base)
            for frag, value in ((f, a), (g, b)):
                if value == "absent":
                    frag.__dict__.pop(name, None)
                else:
                    setattr(frag, name, value)
            assert _same_frag(f, g) == bool(sameFrag(f, g)), (name, a, b)
            pairs += 1
    for special in ("cbDefn", "lineBreak"):
        f, g = ParaFrag(**base), ParaFrag(**base)
        setattr(g, special, 1)
        assert _same_frag(f, g) is False and not sameFrag(f, g)
    assert _same_frag(ParaFrag(**base), ParaFrag(**base)) is True
    assert pairs > 80


class _Recorder:
    """Python's HTMLParser as ReportLab's ParaParser runs it (character references not converted),
    recording the handler calls it makes."""

    def __init__(self):
        from html.parser import HTMLParser

        calls = self.calls = []

        class Recording(HTMLParser):
            def handle_data(self, data):
                calls.append(("handle_data", data))

            def handle_starttag(self, tag, attrs):
                calls.append(("handle_starttag", tag, attrs))

            def handle_startendtag(self, tag, attrs):
                calls.append(("handle_startendtag", tag, attrs))

            def handle_endtag(self, tag):
                calls.append(("handle_endtag", tag))

            def handle_entityref(self, name):
                calls.append(("handle_entityref", name))

            def handle_charref(self, name):
                calls.append(("handle_charref", name))

        self.parser = Recording(convert_charrefs=False)

    def read(self, text):
        self.parser.feed(text)
        return self.calls


def _markup_pieces():
    from hypothesis import strategies as st

    words = st.text(alphabet="ab Zé\u00a0\u2009>\"'=/;#x0\n", max_size=6)
    tags = st.sampled_from(["<b>", "</b>", "<I>", "</i>", "<br/>", "<br />", '<font name="Sans-Bold" size="8">',
                            "</font>", '<super rise="3" size="6.5">', "</super >", "<mscripts>", "</mscripts>",
                            '<mkern em="0.1667">', '<a href="#person-x-1">', "</a>", '<onDraw name="p" label="k:1"/>',
                            '<font COLOR="#ff0000">', '<b x="">'])
    references = st.sampled_from(["&amp;", "&lt;", "&gt;", "&#160;", "&#x2009;", "&nbsp;", "&Xyz;"])
    odd = st.sampled_from(["<", "&", "& ", "&#;", "&amp", "<!-- c -->", "<script>x</script>", "<b", "</b x>",
                           "<a href='x'>", '<a href="&amp;">', "<a href=x>", "<![CDATA[x]]>", "<?pi?>", "</ b>",
                           "<b\u00a0>", "</b\u00a0>", "<b\x0b>", '<a  href = "x">', '<a x="1"y="2">', "<b-x>"])
    return st.lists(st.one_of(words, tags, references, odd), max_size=12).map("".join)


def test_markup_read_as_htmlparser_reads_it():
    """paragraph._parser_calls gives the handler calls Python's HTMLParser makes for the same markup, or
    None (the markup is then left to HTMLParser): on generated markup of booklet's tags, references and
    text, and of what it leaves to HTMLParser (comments, unquoted or single-quoted attributes, a lone < or
    &, raw-text tags)."""
    from hypothesis import HealthCheck, given

    from booklet.text.paragraph import _parser_calls

    read = []

    @following_the_profile(400, suppress_health_check=list(HealthCheck))  # (CI's examples, fresh at a release)
    @given(_markup_pieces())
    def check(markup):
        text = f"<para>{markup}</para>"
        calls = _parser_calls(text)
        if calls is not None:
            assert calls == _Recorder().read(text), markup
            read.append(markup)

    check()
    assert len(read) > 100  # most generated markup is read here, not left to HTMLParser
    for left in ("a < b", "a & b", "<!-- c -->", "<a href='x'>y</a>", "<script>x</script>", '<a href="&amp;">',
                 "<b\u00a0>x</b>", "<b>x</b\u00a0>", "<textarea><br />/</textarea>", "<title>x</title>"):
        assert _parser_calls(f"<para>{left}</para>") is None, left


def test_paragraphs_parse_to_the_fragments_reportlab_makes():
    """A paragraph of booklet's (MathParagraph, read by _QuickParser) has the fragments ReportLab's own
    Paragraph gives the same markup: the same attributes, and the same lists shared between fragments."""
    from reportlab.lib.abag import ABag
    from reportlab.platypus import Paragraph

    from booklet.text.paragraph import MathParagraph

    register_fonts()
    style = make_styles(page_for("A5")).text
    for markup in ["Plain text, &amp; an entity &#8212; and &nbsp;space",
                   '<b>Bold <i>both</i></b> <font name="Sans" color="#336699" size="7">small</font> x<super>2</super>',
                   'A <a href="#abstract-1">link</a> and <u>under <a href="#b">linked</a></u> then <br/>a break',
                   '<onDraw name="x" label="y"/>Marked &lt;here&gt;', "  spaced \n out  "]:
        ours, theirs = MathParagraph(markup, style).frags, Paragraph(markup, style).frags

        def shape(frags):
            lists = {}

            def value(v):  # a list by which of the lists it is, a bag (an <onDraw>'s) by what it holds
                return lists.setdefault(id(v), len(lists)) if isinstance(v, list) else vars(v) if isinstance(v, ABag) else v

            return [(type(f), {k: value(v) for k, v in vars(f).items()}, f.link, f.us_lines) for f in frags]

        assert shape(ours) == shape(theirs), markup


def test_a_width_measured_again_is_found_by_its_font_s_name_without_getfont(monkeypatch):
    """_string_width finds the widths of a font name and size again without asking pdfmetrics.getFont (and
    _widths' cache) each time: line breaking measures some 130,000 words at 500 talks."""
    from reportlab.pdfbase import pdfmetrics

    from booklet.text import paragraph

    register_fonts()
    first = paragraph._string_width("spectroscopic", "Body", 9.5)
    asked = []
    real = pdfmetrics.getFont
    monkeypatch.setattr(pdfmetrics, "getFont", lambda name: asked.append(name) or real(name))
    assert [paragraph._string_width(text, "Body", 9.5) for text in ("spectroscopic", "the", "Ωμέγα")] == [
        first, real("Body").stringWidth("the", 9.5), real("Body").stringWidth("Ωμέγα", 9.5)]
    assert asked == []
    assert paragraph._string_width("the", "Body", 9.5, "latin-1") == real("Body").stringWidth("the", 9.5, "latin-1")
    assert asked == ["Body"]  # (another encoding: measured as pdfmetrics.stringWidth measures it)


def test_line_breaking_measures_a_font_found_by_its_name_as_string_width_does(monkeypatch):
    """Line breaking's per-fragment measure (_measure) went through pdfmetrics.getFont and _widths' cache for each
    fragment, not the by-name table _string_width uses: both find a font name and size's widths by one function
    (_named_widths), without getFont once found, a name registered again measured in its new font, and the box
    font's characters measured each time, as _string_width measures them."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from booklet.text import paragraph
    from booklet.text.fonts import FONT_DIR

    register_fonts()
    width = paragraph._string_width("spectroscopic", "Body", 9.5)
    asked = []
    real = pdfmetrics.getFont
    monkeypatch.setattr(pdfmetrics, "getFont", lambda name: asked.append(name) or real(name))
    measure = paragraph._measure("Body", 9.5)
    assert [measure(text) for text in ("spectroscopic", "Ωμέγα")] == [width, real("Body").stringWidth("Ωμέγα", 9.5)]
    assert asked == []
    box = paragraph.BOX_FONT
    paragraph.register_box_font()
    assert paragraph._measure(box, 9.5)("x") == paragraph._string_width("x", box, 9.5) == real(box).stringWidth(
        "x", 9.5)
    assert (box, 9.5) not in paragraph._NAMED

    wide = TTFont("BookletTestMeasured", str(FONT_DIR / "NotoSans-Bold.ttf"))
    narrow = TTFont("BookletTestMeasured", str(FONT_DIR / "GentiumBookPlus-Regular.ttf"))
    try:
        pdfmetrics._fonts["BookletTestMeasured"] = wide
        first = paragraph._measure("BookletTestMeasured", 10)("measurement")
        pdfmetrics._fonts["BookletTestMeasured"] = narrow
        assert paragraph._measure("BookletTestMeasured", 10)("measurement") == narrow.stringWidth(
            "measurement", 10) != first
    finally:
        del pdfmetrics._fonts["BookletTestMeasured"]


def test_widths_heights_and_copies_as_reportlab_gives_them():
    """Line breaking measures with paragraph._string_width and _ascent_descent, and the parser copies
    fragments with copy_fragment: the same answers as pdfmetrics and copy.copy, and a font name
    registered again (a theme's other font) is measured in its new font, not remembered in the old."""
    import copy

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus.paraparser import ParaFrag

    from booklet.text import paragraph
    from booklet.text.fonts import FONT_DIR

    register_fonts()
    for name in ("Body", "Body-Bold", "Sans-Italic", "Helvetica"):
        for size in (6.5, 9.5, 12):
            for text in ("the", "spectroscopic", "Ωμέγα", "", " ", "-", "age\u00advelocity"):
                assert paragraph._string_width(text, name, size) == pdfmetrics.stringWidth(text, name, size)
                assert paragraph._string_width(text, name, size) == pdfmetrics.stringWidth(text, name, size)  # kept
            assert paragraph._ascent_descent(name, size) == pdfmetrics.getAscentDescent(name, size)
    assert paragraph._ascent_descent("Body") == pdfmetrics.getAscentDescent("Body")

    wide = TTFont("BookletTestRegistered", str(FONT_DIR / "NotoSans-Bold.ttf"))
    narrow = TTFont("BookletTestRegistered", str(FONT_DIR / "GentiumBookPlus-Regular.ttf"))
    try:  # a name made to stand for another file, as text.fonts.use_fonts does for a theme's fonts
        pdfmetrics._fonts["BookletTestRegistered"] = wide
        first = paragraph._string_width("measurement", "BookletTestRegistered", 10)
        first_heights = paragraph._ascent_descent("BookletTestRegistered", 10)
        pdfmetrics._fonts["BookletTestRegistered"] = narrow
        assert paragraph._string_width("measurement", "BookletTestRegistered", 10) == narrow.stringWidth("measurement", 10) != first
        assert paragraph._ascent_descent("BookletTestRegistered", 10) == pdfmetrics.getAscentDescent(
            "BookletTestRegistered", 10) != first_heights
    finally:
        del pdfmetrics._fonts["BookletTestRegistered"]

    fragment = ParaFrag(fontName="Body", fontSize=9.5, text="x", link=[], us_lines=[], rise=0)
    fragment.__tag__ = "b"
    copied, reference = paragraph.copy_fragment(fragment), copy.copy(fragment)
    assert type(copied) is ParaFrag and copied is not fragment and vars(copied) == vars(reference)
    assert copied.link is fragment.link and copied.us_lines is fragment.us_lines  # shallow, as copy.copy
    listed = [fragment]
    assert paragraph.copy_fragment(listed) == listed and paragraph.copy_fragment(listed) is not listed


def test_font_codes_as_reportlab_assigns_them():
    """BookletTTFont.splitString answers text whose characters all have a code in the first subset from a
    table (text.fonts._FirstSubsetCodes), and leaves the rest to ReportLab: over a run of texts (Latin,
    no-break spaces, Greek and Cyrillic, enough different characters to fill the first subset and open
    more, characters the font has not got, empty text), the chunks are those ReportLab's own splitString
    gives the same texts in the same order, in another document."""
    import io
    import random

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    register_fonts()
    font = pdfmetrics.getFont("Body")
    ours, theirs = Canvas(io.BytesIO())._doc, Canvas(io.BytesIO())._doc
    rng = random.Random(7)
    letters = [chr(c) for c in range(0x20, 0x17F)] + list("αβγδεζηθλμπσφωΩΔ" "абвгдежзийклмнопрст") + ["\u00a0", "\u4e00", "\U0001d53c"]
    texts = ["We present spectroscopic observations", "", "no\u00a0break", "Ωμέγα and Жизнь", "\u4e00 not in it"]
    texts += ["".join(rng.choice(letters) for _ in range(rng.randint(0, 40))) for _ in range(3000)]
    texts += ["We present spectroscopic observations", "Ωμέγα and Жизнь", "no\u00a0break"]
    fast = 0
    for text in texts:
        codes = getattr(font.state.get(ours), "booklet_codes", None)
        if codes is not None and text:
            try:
                text.translate(codes)
                fast += 1
            except Exception:
                pass
        assert font.splitString(text, ours) == TTFont.splitString(font, text, theirs), text
    assert len(font.state[ours].subsets) > 1  # the first subset filled, and others opened
    assert fast > 100  # the table answered many


def test_words_split_as_reportlab_splits_them():
    """paragraph._split (line breaking's word splitting) gives what ReportLab's paragraph.split gives."""
    from reportlab.platypus import paragraph as rl

    from booklet.text.paragraph import _split

    for text in ["", " ", "one", "  two  words ", "tab\tand\nnew line", "no\u00a0break space", "\u00a0lead",
                 "thin\u2009space", "ideographic\u3000space", b"bytes here"]:
        assert _split(text) == rl.split(text), text
        assert _split(text, " ") == rl.split(text, " "), text


def test_another_reportlab_version_gets_its_own_functions(tmp_path, sample_uncached):
    """With a ReportLab version booklet's equivalents were not checked against (fonts.CHECKED_REPORTLAB),
    booklet's paragraphs break lines, parse markup and encode text with ReportLab's own functions; the sample
    booklet built so has the same bytes as with the equivalents (sample_uncached: built with them, without a cache,
    once a process; before, again in a process of its own)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    script = """
import sys, reportlab
if sys.argv[3] == "other":
    reportlab.Version = "0.0-not-checked"
from pathlib import Path
from reportlab.platypus.paragraph import Paragraph
from reportlab.platypus.paraparser import ParaParser
from booklet.text.paragraph import MathParagraph, _QuickParser
from booklet.build import build_booklet
other = sys.argv[3] == "other"
import booklet.text.paragraph as module
assert module._CHECKED != other  # (breakLines: ReportLab's own, hyphenating as booklet does, when other)
assert (_QuickParser.feed is ParaParser.feed and _QuickParser.handle_data is ParaParser.handle_data) == other
build_booklet(Path(sys.argv[1]), Path(sys.argv[2]))
"""
    env = {**os.environ, "BOOKLET_CACHE": "off"}
    other = tmp_path / "other.pdf"
    subprocess.run([sys.executable, "-c", script, str(root / "data"), str(other), "other"], check=True, env=env,
                   cwd=root)
    import booklet.text.paragraph as module
    from reportlab.platypus.paraparser import ParaParser

    from booklet.text.paragraph import _QuickParser

    assert module._CHECKED and _QuickParser.feed is not ParaParser.feed  # (this process: the equivalents)
    checked, _, _ = sample_uncached
    assert checked.read_bytes() == other.read_bytes()


def test_lines_kept_as_how_to_make_them_again_are_the_lines_a_paragraph_made(text_style):
    """A warm cache keeps a paragraph's first wrap (or break_to) as how to make its lines again from its kept
    parse (flowables._Again), not pickled; a later wrap of the same paragraph (its fragments changed by the
    first) is pickled as it is. A paragraph that finds either makes nothing until its lines are asked for,
    then has the lines, splits and drawing a paragraph without a cache has."""
    from booklet.cache import BuildCache
    from booklet.layout.flowables import _Again

    first_width, then, widths = 160, 100, [120, 200]  # then: lines that differ from a first wrap's
    fresh = Para(HYPHENATED, text_style)  # no cache: made here
    fresh.wrap(first_width, 1000)
    expected = {first_width: _lines(fresh)}
    fresh.wrap(then, 1000)
    expected[then] = _lines(fresh)
    split = [_lines(part) for part in Para(HYPHENATED, text_style).split(first_width, 25)]
    broken = Para(LONG, text_style)
    broken.break_to(widths)
    expected_broken = _lines(broken)

    cache = BuildCache()
    with cache.build():
        first = Para(HYPHENATED, text_style)
        first.wrap(first_width, 1000)
        first.wrap(then, 1000)
        assert [_lines(first)] == [expected[then]]
        kept = {width: cache.peek("layouts", ("wrapped", first._layout_key, width))[2]
                for width in (first_width, then)}
        assert type(kept[first_width]) is _Again and isinstance(kept[then], bytes)
        for width in (first_width, then):
            found = Para(HYPHENATED, text_style)
            found.wrap(width, 1000)
            assert found._wrapped_lines is kept[width]  # not made yet
            assert found.line_count() == len(expected[width]) > 1  # told by the kept wrap ...
            assert found._wrapped_lines is kept[width]  # ... without making the lines
            assert _lines(found) == expected[width]
            assert found.line_count() == len(expected[width])
        found = Para(HYPHENATED, text_style)
        found.wrap(first_width, 1000)
        assert [_lines(part) for part in found.split(first_width, 25)] == split
        Para(LONG, text_style).break_to(widths)
        again = Para(LONG, text_style)
        again.wrap(first_width, 1000)
        again.break_to(widths)
        assert type(again._wrapped_lines) is _Again
        assert again.line_count() == len(expected_broken)  # the lines broken, not those wrapped before
        assert _lines(again) == expected_broken


def test_a_split_of_lines_unpickled_from_a_warm_cache_gives_its_first_part_the_paragraph_s_own():
    """A warm build's paragraph whose wrap was kept pickled (a later wrap than its first, as a column set tried
    another width first) splits as a paragraph that made its lines does: its first part is its own first lines (noted
    as broken at the wrap's widths when unpickled), not its words broken again on their own, which for FOSDEM 2025's
    "Syd" gave 17 lines in an A4 column of 18 to 29."""
    from booklet.cache import BuildCache

    style, width, markup, whole, lines = _syd()
    cache = BuildCache()
    with cache.build():
        kept = Para(markup, style)
        kept.wrap(width + 40, 10_000)  # (its first wrap: kept as how to make its lines again)
        kept.wrap(width, 10_000)  # (a later one: kept pickled)
        for count in (18, 24, 29):
            found = Para(markup, style)
            found.wrap(width, 10_000)
            assert isinstance(found._wrapped_lines, bytes)  # (the lines not made: unpickled by the split)
            height = count * style.leading + style.leading / 2
            parts = found.split(width, height)
            assert _lines(parts[0]) == lines[:count] and parts[0].wrap(width, height)[1] <= height, count


def test_a_kept_wrap_tells_its_lineskips_without_making_its_lines(text_style):
    """A row sets its left column (a poster's number) as low as its body's first line, which a tall formula of scripts
    sets lower (Row.first_drop: the paragraph's lineskips): a paragraph that found its wrap kept made its lines again
    from its parse only to measure that (233 paragraphs of a 500-talk build from a filled cache, a poster's title each
    with a formula). The wrap's lineskips are kept with it; the lines, once made or broken otherwise, are measured."""
    from booklet.cache import BuildCache
    from booklet.layout.flowables import Row, _Again
    from booklet.text.markup import inline

    text = inline(" ".join(f"Word {n} $x^{{a^{{b^{{c^{{d}}}}}}}}$ then some plain words follow here to fill the line"
                           for n in range(4)))
    width, widths = 160, [90, 200]
    fresh = Para(text, text_style)  # no cache: the lineskips a paragraph has
    fresh.wrap(width, 1000)
    expected = fresh.lineskips()
    broken = Para(text, text_style)
    broken.break_to(widths)
    assert expected is not None and any(expected) and broken.lineskips() != expected

    cache = BuildCache()
    with cache.build():
        Para(text, text_style).wrap(width, 1000)  # kept
        found = Para(text, text_style)
        found.wrap(width, 1000)
        kept = found._wrapped_lines
        assert type(kept) is _Again
        assert found.lineskips() == expected and found._wrapped_lines is kept  # told, no lines made
        row = Row([Para("12", text_style)], [found], 20)
        row.wrap(width + row._body_x, 1000)  # the body at the kept width
        assert row.first_drop() == expected[0] > 0 and found._wrapped_lines is kept
        assert found.lineskips() == expected and _lines(found) == _lines(fresh)  # the lines made: the same
        found.break_to(widths)  # lines other than the wrap's: measured
        assert found.lineskips() == broken.lineskips()


def test_a_paragraph_wrapped_again_to_as_many_lines_keeps_its_count_with_its_wrap(text_style):
    """A wrap kept only what changed in the paragraph (by identity); a paragraph wrapped again at another width to as
    many lines held the same count (a small int, one object) and kept none with that wrap: a paragraph given it later
    kept the count of its own last wrap (5 lines where it had 12), which rows and the glance decide on."""
    from booklet.cache import BuildCache

    text = " ".join(f"word{n} plain" for n in range(30))

    def count(width):
        fresh = Para(text, text_style)
        fresh.wrap(width, 1000)
        return len(fresh.blPara.lines)

    counts = {width: count(width) for width in range(150, 400, 5)}
    first, second = next((a, b) for a in counts for b in counts if a < b and counts[a] == counts[b])
    other = max(counts, key=lambda width: abs(counts[width] - counts[first]))
    cache = BuildCache()
    with cache.build():
        Para(text, text_style).wrap(other, 1000)
        again = Para(text, text_style)
        again.wrap(first, 1000)
        again.wrap(second, 1000)  # kept: as many lines as at `first`
        given = Para(text, text_style)
        given.wrap(other, 1000)
        given.wrap(second, 1000)  # given the kept wrap
        assert given.line_count() == len(given.blPara.lines) == counts[second] != counts[other]


def test_a_wrap_too_narrow_for_any_line_is_kept_as_it_was(text_style):
    """ReportLab's wrap makes no lines below a width it can fill: that wrap is kept pickled, not as lines to
    make again, and a paragraph that finds it splits and reads its fragments as one wrapped anew."""
    from booklet.cache import BuildCache
    from booklet.layout.flowables import _Again

    cache = BuildCache()
    with cache.build():
        made = []
        for _ in range(2):
            paragraph = Para("Hello <b>world</b> again", text_style)
            paragraph.width = paragraph.height = 0
            paragraph.wrap(0, 100)
            made.append(paragraph)
        kept = cache.peek("layouts", ("wrapped", made[0]._layout_key, 0))
        assert not isinstance(kept[2], _Again)
        assert made[1].split(0, 100) == [] and len(made[1].frags) == 3


def test_a_drawn_paragraph_leaves_no_cycle_for_the_garbage_collector(text_style):
    # ReportLab binds a method of the paragraph's text object to the object itself: unbroken, every paragraph
    # drawn left its text object, lines and fragments as cyclic garbage (110,000 objects at 500 talks)
    import gc
    import io
    import weakref

    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(io.BytesIO(), pageCompression=0)
    drawn = []
    for text in (LONG, HYPHENATED, "One line.", "Scripts $x_i^2$ and \\(\\alpha\\) with <b>bold</b>"):
        paragraph = Para(text, text_style)
        paragraph.wrap(200, 1000)
        begin = paragraph.beginText

        def kept(x, y, begin=begin):
            made = begin(x, y)
            drawn.append(weakref.ref(made))
            return made

        paragraph.beginText = kept
        was = gc.isenabled()
        gc.disable()
        try:
            paragraph.drawOn(canvas, 20, 500)
            del paragraph, kept, begin
            assert drawn and drawn[-1]() is None  # freed as soon as nothing refers to it: no cycle
        finally:
            if was:
                gc.enable()
    assert len(drawn) == 4
    canvas.showPage()
    assert b" Tj" in canvas.getpdfdata()  # they were drawn


def test_hyphenation_with_one_pyphen_per_language_breaks_as_reportlab_does(text_style, monkeypatch):
    """Against ReportLab's loop given booklet's hyphenation (which breaks a word wider than a line where ReportLab
    cut it without a hyphen) made anew for each paragraph, its Pyphen too. (Where booklet breaks otherwise,
    linebreak.SPLIT_TAILS, is off: see the test after this one.)"""
    import types

    import pyphen

    from booklet.text import linebreak
    from booklet.text import paragraph as module

    monkeypatch.setattr(linebreak, "SPLIT_TAILS", False)

    words = {"en_GB": "characterisation of incomprehensibility in electroencephalography",
             "de_DE": "Donaudampfschifffahrtsgesellschaft und Rindfleischetikettierungsüberwachung",
             "fr_FR": "anticonstitutionnellement et intergouvernementalisation",
             "nl_NL": "arbeidsongeschiktheidsverzekering en ziekenhuisopnamebeleid"}
    for lang, text in words.items():
        style = text_style.clone(f"text-{lang}", hyphenationLang=lang)
        for width in range(60, 200, 7):
            ours, theirs = module.MathParagraph(text, style), module.MathParagraph(text, style)
            fresh = module._line_breaking()
            theirs.breakLines = types.MethodType(
                lambda para, width: module._no_final_hyphen(para, width, fresh.fallback), theirs)
            ours.wrap(width, 1000)
            theirs.wrap(width, 1000)
            assert _lines(ours) == _lines(theirs), (lang, width)
    shared = module._HELPERS.pyphen  # the one breakLines and its fallback use
    first = shared.Pyphen(lang="de_DE")
    assert shared.Pyphen(lang="de_DE") is first and shared.Pyphen(lang="en_GB") is not first
    path = pyphen.LANGUAGES[pyphen.language_fallback("de_DE")]
    kept = pyphen.hdcache[path]
    try:
        pyphen.hdcache[path] = pyphen.HyphDict(path)  # other patterns in pyphen's cache: a new Pyphen for them
        again = shared.Pyphen(lang="de_DE")
        assert again is not first and again.hd is pyphen.hdcache[path]
    finally:
        pyphen.hdcache[path] = kept
    with pytest.raises(KeyError):
        shared.Pyphen(lang="xx_not_a_language")


def test_text_is_cleaned_as_reportlab_cleans_it():
    from hypothesis import given, settings, strategies as st
    from reportlab.platypus.paragraph import _wsc, cleanBlockQuotedText

    from booklet.text import paragraph as module

    every_white = {chr(c) for c in range(0x110000) if chr(c).isspace()} | set(_wsc)
    assert set(module._WHITE) == every_white - {" ", "\xa0"}  # nothing past U+3000 left out
    assert "\xa0" not in _wsc  # (ReportLab splits a text holding a no-break space at its own white space alone)
    kept = []

    @settings(max_examples=400, deadline=None)
    @given(st.lists(st.sampled_from(["a", "word", " ", "  ", "\n", "\t", "\xa0", "\u2009", "\u200b", "\u3000",
                                     "\x1c", "\x85", "\u202f", "<i>", "é", "\u2028"]), max_size=12))
    def check(pieces):
        text = "".join(pieces)
        got = module.cleaned_text(text, cleanBlockQuotedText)
        assert got == cleanBlockQuotedText(text), repr(text)
        if got is text:
            kept.append(text)

    check()
    assert kept  # some were given back as they were
    assert module.cleaned_text("a  b", lambda text: "other") == "other"  # another cleaner is always called


def test_text_tied_by_no_break_spaces_is_given_back_as_it_is():
    """A no-break space (booklet's ties: "100\u00a0nm", "Fig.\u00a03") is no reason to clean a text: ReportLab
    keeps it in its word, so the text comes back as it was, not split and joined again."""
    from reportlab.platypus.paragraph import cleanBlockQuotedText

    from booklet.text import paragraph as module

    for text in ("a\xa0b", "100\xa0nm of Fig.\xa03 here", "\xa0lead", "trail\xa0", "x\xa0\xa0y z"):
        assert cleanBlockQuotedText(text) == text
        assert module.cleaned_text(text, cleanBlockQuotedText) is text, repr(text)
    for text in ("a\xa0  b", "a\xa0b\u202fc", "a\xa0b\n c"):  # other white space beside it: cleaned as before
        assert module.cleaned_text(text, cleanBlockQuotedText) == cleanBlockQuotedText(text) != text


def _frag_shape(frags):
    """Fragments as comparable values: each one's class and attributes, a list by which of the lists it is (the
    lists fragments share), a bag (an anchor's) by what it holds."""
    from reportlab.lib.abag import ABag

    lists = {}

    def value(v):
        return lists.setdefault(id(v), len(lists)) if isinstance(v, list) else vars(v) if isinstance(v, ABag) else v

    return [(type(f), {k: value(v) for k, v in vars(f).items()}) for f in frags]


def test_markup_of_a_shape_parsed_before_gets_the_fragments_a_parse_makes():
    """text.paragraph._parsed makes the fragments of markup whose shape (tags and references as written, runs of
    text between them) it parsed before in the same style from what that parse made: the same fragments as
    ReportLab's Paragraph makes of the markup itself, whatever the text and whichever shape came first."""
    from hypothesis import HealthCheck, given, strategies as st
    from reportlab.platypus import Paragraph

    from booklet.text import paragraph as module
    from booklet.text.paragraph import MathParagraph

    register_fonts()
    style = make_styles(page_for("A5")).text
    made = []
    original = module._from_template
    tokens = st.sampled_from(["<b>", "</b>", "<i>", "</i>", "<u>", "</u>", "<br/>", '<font size="8" color="#336699">',
                              "</font>", "<super>", "</super>", '<sub rise="2">', "</sub>", '<a href="#t">', "</a>",
                              '<a name="n"/>', "<strike>", "</strike>", "&amp;", "&#8212;", "&nbsp;", "<nobr>",
                              "</nobr>", "<greek>", "</greek>", "<em>", "</em>",
                              '<onDraw name="person" label="x"/>', "<unknown>", "</unknown>"])
    words = st.text(alphabet="ab Zé\u00a0\u00ad-x0.", min_size=1, max_size=8)
    labels = st.text(alphabet="0123456789:", max_size=6).map(lambda label: f'<onDraw name="person" label="{label}"/>')
    pieces = st.lists(st.one_of(tokens, st.tuples(words, words), st.tuples(labels, labels)), max_size=14)

    @following_the_profile(300, suppress_health_check=list(HealthCheck))  # (CI's examples, fresh at a release)
    @given(pieces)
    def check(pieces):
        first = "".join(p if isinstance(p, str) else p[0] for p in pieces)
        second = "".join(p if isinstance(p, str) else p[1] for p in pieces)
        for text in (first, second):  # the second of the same shape as the first (where both parse)
            try:
                theirs = Paragraph(text, style).frags
            except ValueError:  # a tag left open, say: an error both ways
                with pytest.raises(ValueError):
                    MathParagraph(text, style)
                continue
            ours = MathParagraph(text, style).frags
            assert _frag_shape(ours) == _frag_shape(theirs), text

    module._from_template = lambda template, calls: made.append(1) or original(template, calls)
    try:
        check()
    finally:
        module._from_template = original
    assert len(made) > 100  # most seconds made from the firsts' templates
    # shapes that make no template: read by HTMLParser, a <para> of its own style, a bullet
    for first, second in (("<title>t</title> a", "<title>u</title> b"), ('<para leading="20">a</para>',
                          '<para leading="20">b</para>'), ("<bullet>*</bullet>a", "<bullet>-</bullet>b")):
        for text in (first, second, first):
            ours, theirs = MathParagraph(text, style), Paragraph(text, style)
            assert _frag_shape(ours.frags) == _frag_shape(theirs.frags), text
            assert ours.style.leading == theirs.style.leading and str(ours.bulletText) == str(theirs.bulletText)
    # a <seq>'s number goes on from paragraph to paragraph: never made from a template
    numbers = [MathParagraph(f'<seq id="q"/> {word}', style).frags[0].text for word in ("a", "b", "c")]
    assert [int(n) for n in numbers] == [int(numbers[0]) + k for k in range(3)]


def test_markup_in_a_math_font_is_made_from_templates_as_its_parse_makes_it(monkeypatch):
    """Markup whose only box markers are fonts (a formula's signs in the math font, a fallback font's letters) is made
    from the template of its shape, as other markup is, with the fragments _BoxParser's parse of it makes; a run with
    a combining accent over a tall letter (a box of its own) is parsed, and so is a bold run in a font of one weight
    (a box, to be emboldened), whichever came first."""
    from booklet.text import markup, paragraph as module
    from booklet.text.paragraph import BOX_FONT, MathParagraph

    register_fonts()
    styles = make_styles(page_for("A5"))
    # (as markup.inline writes them: the math font named, and registered, by converting the text)
    texts = [markup.inline(text) for text in [f"a{n} \u2211 b{n}" for n in range(4)]
             + ["a \u2211 T\u0301b", "a \u2211 c", "**a \u2211 b**", "**c \u220f d**"]]
    assert all('<font name="Math">' in text and "<mscripts" not in text for text in texts)
    made = []
    original = module._from_template
    monkeypatch.setattr(module, "_from_template", lambda template, texts: made.append(texts) or original(template, texts))
    for style in (styles.text, styles.body):
        ours = [_frag_shape(MathParagraph(text, style).frags) for text in texts]
        with monkeypatch.context() as parsed:
            parsed.setattr(module, "_CHECKED", False)  # each parsed by _BoxParser itself
            theirs = [_frag_shape(MathParagraph(text, style).frags) for text in texts]
        assert ours == theirs
    # (each text of the first's shape from its template, with its own runs, in each style; not the accented one, nor
    # the bold ones: a bold sign is a box)
    assert made == [*[[f"a{n} ", "\u2211", f" b{n}"] for n in range(1, 4)], ["a ", "\u2211", " c"]] * 2, made
    accented = MathParagraph(texts[4], styles.text).frags
    assert any(frag.fontName == BOX_FONT for frag in accented)  # the tall T's accent
    assert any(frag.fontName == BOX_FONT for frag in MathParagraph(texts[7], styles.text).frags)  # a bold sign


# Markup with formulas: boxes of scripts after letters of other italic corrections (f, x), nested scripts, a box in
# bold (emboldened), fixed spaces (\, and \log), an italic correction (f(x)), narrow spaces, a formula's signs in the
# math font, entities; and a link and an underline, as ReportLab's markup (written as such by booklet, not by a user)
FORMULAS = ["$H_0$ and $f^2$ then $x^2$, $f^2$ again, & $10^{-3}$ or $x_i^2$ and $M_\\odot$",
            "**A bold $M_\\odot$ and $x_i$** then $x^{a^{b}}$, $a\\,b$ and $\\log g$ at 8$\\sigma$ and $f(x)$",
            "oui ? « non » ; $f^{2}$ in *italic $x_i$* $\\alpha < 5$",
            "$H_0$ and $f^2$ then $x^2$, $f^2$ again, & $10^{-3}$ or $x_i^2$ and $M_\\odot$"]
LINKED = '<a href="https://example.org">a <i>link</i></a> and <u>under $x_i$</u>'


def _formulas() -> list[str]:
    """FORMULAS and LINKED as MathParagraph parses them (markup.inline's, narrow spaces tagged)."""
    from booklet.text import markup
    from booklet.text.paragraph import _thin_tagged

    return [_thin_tagged(markup.inline(text)) for text in FORMULAS] + [
        LINKED.replace("$x_i$", markup.inline("$x_i$"))]


def _parse_as_reportlab(text: str, style):
    """The fragments _BoxParser's handlers make of `text`, read by HTMLParser and each of them called (as before
    text.paragraph knew the frames and boxes made before: _Frame, _BOX_FRAGS)."""
    from reportlab.platypus.paraparser import ParaParser

    from booklet.text.paragraph import _BoxParser

    reference = type("Reference", (_BoxParser,), {"feed": ParaParser.feed})()
    return reference.parse(text, style)[1]


def test_markup_with_formulas_parses_to_the_fragments_its_handlers_make():
    """A paragraph with formulas (parsed by _BoxParser, its frames and boxes as made before where it can: _Frame,
    _BOX_FRAGS) has the fragments its handlers make, each called: the same attributes, the same lists shared between
    fragments and the same boxes (the characters standing for them), parsed once and again, in two styles, a box of
    the same scripts after letters of other italic corrections (f^2, x^2) its own."""
    from booklet.text.paragraph import _BOXES, _BoxParser

    register_fonts()
    styles = make_styles(page_for("A5"))
    texts = _formulas()
    assert all(tag in "".join(texts) for tag in ("<mscripts>", "<mkern", 'thin="1"', "<mcorr>", '<font name="Math">',
                                                 "&amp;", "<a href", "<u>"))
    for style in (styles.text, styles.body, styles.text):
        for text in texts:
            ours = _BoxParser().parse(text, style)[1]
            assert _frag_shape(ours) == _frag_shape(_parse_as_reportlab(text, style)), text
    boxes = [_BOXES[f.text] for f in _BoxParser().parse(texts[0], styles.text)[1] if f.text in _BOXES]
    squares = [box for box in boxes if box.parts and box.parts[0][1][0].text == "2"]  # f^2, x^2, f^2
    assert len(squares) == 3 and squares[0] == squares[2] != squares[1]
    assert squares[0].parts[0][0] > squares[1].parts[0][0]  # (the 2 after the f's italic correction)


def test_markup_with_formulas_parsed_again_calls_no_handler_of_its_tags_outside_boxes_nor_of_its_boxes(monkeypatch):
    """A paragraph with formulas parsed again in a style (or one alike) makes its italics, its math font's runs and
    its boxes as they were made before, calling none of their handlers: the boxes' <mscripts>, their scripts' <sub>
    and <super>, the <i> and <font> around its text."""
    from reportlab.lib.styles import ParagraphStyle

    from booklet.text.paragraph import _BoxParser

    register_fonts()
    parent = make_styles(page_for("A5")).text
    style = ParagraphStyle("formulas-again", parent=parent, fontSize=9.25)  # (its own: no frame known in it yet)
    text = _formulas()[0]
    called = []
    for name in ("start_mscripts", "end_mscripts", "start_sub", "start_super", "start_i", "start_font"):
        monkeypatch.setattr(_BoxParser, name, lambda self, *args, _name=name, _real=getattr(_BoxParser, name):
                            called.append(_name) or _real(self, *args))
    first = _BoxParser().parse(text, style)[1]
    assert {"end_mscripts", "start_sub", "start_super", "start_i", "start_font"} <= set(called)
    called.clear()
    again = _BoxParser().parse(text, ParagraphStyle("formulas-again", parent=parent, fontSize=9.25))[1]  # (alike)
    assert called == []
    assert _frag_shape(again) == _frag_shape(first)


def test_a_box_made_before_the_fonts_changed_is_made_again_in_the_new_fonts():
    """The boxes _BoxParser keeps as made (their widths, the glyphs of narrow spaces, measured in the fonts) are made
    again after the booklet's fonts change: the same markup then has the boxes its handlers make in the new fonts."""
    from booklet.text import markup
    from booklet.text.fonts import BUNDLED, DEFAULT, FontSet, use_fonts
    from booklet.text.paragraph import _BOXES, _BoxParser, _thin_tagged

    use_fonts()
    text = _thin_tagged(markup.inline("oui ? $10^{2}$ and $10^{-3}$"))  # (upright: no italic correction in either)
    style = make_styles(page_for("A5")).text  # (the same style: its frames known before, as the font names are)
    before = _BoxParser().parse(text, style)[1]
    try:
        use_fonts(FontSet(BUNDLED["Noto Sans"], BUNDLED["Noto Sans"], DEFAULT.fallbacks))
        after = _BoxParser().parse(text, style)[1]
        assert _frag_shape(after) == _frag_shape(_parse_as_reportlab(text, style))
    finally:
        use_fonts()
    widths = [[_BOXES[f.text].width for f in frags if f.text in _BOXES] for frags in (before, after)]
    assert len(widths[0]) == len(widths[1]) == 3 and widths[0][0] == widths[1][0]  # (a narrow space: an eighth em)
    assert widths[0][1] != widths[1][1] and widths[0][2] != widths[1][2]  # (the scripts: their fonts' widths)


def test_names_marked_for_the_index_share_a_template_each_with_its_own_label():
    """A name's markup ends with an <onDraw> whose label is the person's key (Context.named), other in every name:
    the shape of a line of names leaves the labels out, so that a poster list's thousand author lines are not each
    parsed anew; each paragraph's fragments hold its own labels, as ReportLab's parse of it makes them."""
    from reportlab.platypus import Paragraph

    from booklet.text import paragraph as module
    from booklet.text.paragraph import MathParagraph

    register_fonts()
    style = make_styles(page_for("A5")).person
    made = []
    original = module._from_template
    module._from_template = lambda template, texts: made.append(texts) or original(template, texts)
    names = [(f"Ana{n}\u00a0Lee", f"Bo{n}\u00a0Chen") for n in range(3)]
    try:
        lines = [MathParagraph(f'<u>{a}<onDraw name="person" label="{2 * n}:1"/></u><super>1</super>, '
                               f'{b}<onDraw name="person" label="{2 * n + 1}:0"/><super>2</super>', style)
                 for n, (a, b) in enumerate(names)]
    finally:
        module._from_template = original
    assert len(made) == 2  # the second and third from the first's template
    for line in lines:
        assert _frag_shape(line.frags) == _frag_shape(Paragraph(line.text, style).frags), line.text
    assert [[(f.cbDefn.label, f.cbDefn.name) for f in line.frags if hasattr(f, "cbDefn")] for line in lines] == \
        [[("0:1", "person"), ("1:0", "person")], [("2:1", "person"), ("3:0", "person")],
         [("4:1", "person"), ("5:0", "person")]]
    # an <onDraw> written otherwise (another attribute, its label first) is parsed as written, no template shared
    made.clear()
    module._from_template = lambda template, texts: made.append(texts) or original(template, texts)
    try:
        others = [MathParagraph(f'Ana<onDraw label="{n}" name="person"/>', style) for n in range(2)]
    finally:
        module._from_template = original
    assert made == []
    assert [line.frags[-1].cbDefn.label for line in others] == ["0", "1"]


def test_templates_are_made_again_when_the_style_changes():
    from reportlab.lib.colors import red

    from booklet.text.paragraph import MathParagraph

    register_fonts()
    style = make_styles(page_for("A5")).body
    assert MathParagraph("<b>one</b> two", style).frags[0].fontSize == style.fontSize
    style.fontSize, style.textColor = style.fontSize + 3, red
    again = MathParagraph("<b>three</b> four", style).frags  # the same shape, the style changed since
    assert [(f.fontSize, f.textColor, f.text) for f in again] == [(style.fontSize, red, "three"),
                                                                  (style.fontSize, red, " four")]


def test_styles_alike_share_their_templates():
    """A booklet makes many styles alike (311 for 100 talks, 84 kinds of them): markup of a shape parsed in one is
    made from its template in another whose attributes are the same objects, or plain values of the same type and
    repr; not in one with an attribute of another type (10 and 10.0), nor with an equal colour that is another object;
    each fragment as ReportLab's parse of it in its own style makes it."""
    import copy

    from reportlab.lib.colors import Color
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    from booklet.text import paragraph as module
    from booklet.text.paragraph import MathParagraph

    register_fonts()
    style = make_styles(page_for("A5")).body
    made = []
    original = module._from_template
    module._from_template = lambda template, texts: made.append(texts) or original(template, texts)
    try:
        MathParagraph("<b>Alike</b> one <i>shape</i>", style)
        alike = copy.copy(style)
        same = MathParagraph("<b>Same</b> two <i>here</i>", alike)
        assert made == [["Same", " two ", "here"]]
        other_type = copy.copy(style)
        other_type.fontSize = float(style.fontSize) if isinstance(style.fontSize, int) else int(style.fontSize)
        other_colour = copy.copy(style)
        other_colour.textColor = Color(*style.textColor.rgb())
        # a font, a leading, a parent of another font (whose values the style takes as it is made), and a style alike
        # whose font is set after a paragraph was made in it from the shared templates
        other_font, other_leading = copy.copy(style), copy.copy(style)
        other_font.fontName, other_leading.leading = "Courier", style.leading + 3
        other_parent = ParagraphStyle("child", parent=other_font)
        set_after = copy.copy(style)
        MathParagraph("<b>Alike</b> again <i>here</i>", set_after)
        set_after.fontName = "Times-Roman"
        kinds = (other_type, other_colour, other_font, other_leading, other_parent, set_after)
        made.clear()
        others = [MathParagraph("<b>Other</b> three <i>ones</i>", kind) for kind in kinds]
        assert made == []
    finally:
        module._from_template = original
    assert [(f.text, f.fontSize) for f in same.frags] == [(f.text, f.fontSize) for f in
                                                          Paragraph(same.text, alike).frags]
    for paragraph, kind in zip(others, kinds):
        theirs = Paragraph(paragraph.text, kind).frags
        assert [(f.text, f.fontName, type(f.fontSize), f.textColor) for f in paragraph.frags] == \
            [(f.text, f.fontName, type(f.fontSize), f.textColor) for f in theirs]
        assert all(f.textColor is kind.textColor for f in paragraph.frags)
    assert [f.fontName for f in others[-1].frags] == ["Times-Bold", "Times-Roman", "Times-Italic"]
    assert others[3].style.leading == style.leading + 3


def test_a_word_with_a_hyphen_breaks_after_it_once(text_style):
    """pyphen offers ("over", "-segmentation"): printed, that was "over-" with the word's own hyphen starting the
    next line; a word is broken after its hyphen, which is not repeated."""
    text = "leading to over-segmentation of bright flares, an in-depth look at maintainer-package ties"
    broke_there = set()
    for width in range(90, 400, 2):  # (narrower, a word wider than a line is cut where it must)
        paragraph = Para(text, text_style)
        paragraph.wrap(width, 1000)
        lines = _lines(paragraph)
        assert "".join(lines).replace(" ", "").replace("-", "") == text.replace(" ", "").replace("-", ""), width
        for line, after in zip(lines, lines[1:]):
            assert not after.startswith("-"), (width, lines)
            for head, tail in (("over-", "segmentation"), ("in-", "depth"), ("maintainer-", "package")):
                if line.split(" ")[-1] == head:
                    assert after.startswith(tail), (width, lines)
                    broke_there.add(head)
    assert {"in-", "maintainer-"} <= broke_there


@pytest.mark.parametrize("language, fewest", [("en_GB", 3), ("fr_FR", 3), ("de_DE", 2)])
def test_a_broken_word_leaves_three_letters_or_more_for_the_next_line_in_english_and_french(text_style, language,
                                                                                              fewest):
    """"meth- / od", "tri- / al", "addition- / al" in the sample: TeX's patterns leave three letters at least after a
    break in English and French (German two, as TeX's)."""
    import re
    from reportlab.lib.styles import ParagraphStyle

    style = ParagraphStyle("h", parent=text_style, hyphenationLang=language)
    text = ("the method of every trial, an additional Gaussian model with an alias and isotropic noise: Methode, "
            "Versuch, zusätzliche Gaußsche Modelle, méthode additionnelle")
    shortest = {}
    for width in range(60, 300, 3):
        paragraph = Para(text, style)
        paragraph.wrap(width, 1000)
        lines = _lines(paragraph)
        for line, after in zip(lines, lines[1:]):
            if re.search(r"\w-$", line) and not re.search(r"\w-\w+-$", line):
                tail = re.match(r"\w*", after).group()
                shortest[len(tail)] = (width, line, after)
    assert min(shortest) == fewest, shortest[min(shortest)]


def test_a_web_address_that_would_leave_a_wide_gap_is_broken_after_a_slash(text_style):
    """Justified, a line ending before a web address that does not fit spread its empty space over its few word
    gaps ("See      https://...      and"); the address is broken after a slash when keeping it whole would leave
    more than URI_WASTE of the line empty."""
    from booklet.layout.page import page_for
    from booklet.layout.styles import URI_WASTE

    width = page_for("A5").text_width
    text = ("See https://en.wikipedia.org/wiki/The_Internet%27s_Own_Boy and http://www.imdb.com/title/tt3268458/ for "
            "more information.")
    paragraph = Para(text, text_style)
    paragraph.wrap(width, 1000)
    lines = _lines(paragraph)
    assert len(lines) == 2
    assert _extra_spaces(paragraph)[0] <= URI_WASTE * width  # (what the line leaves empty, before justifying)
    assert lines[0].endswith("and http://")


@pytest.mark.parametrize("markup, head", [("", "see (https://sandbox.wikipedia"),
                                          ("<i>x</i> ", "see (https://sandbox")])
def test_a_web_address_whose_slashes_leave_wide_spaces_breaks_before_a_dot_in_its_host_name(text_style, markup,
                                                                                         head):
    """FOSDEM 2025 (p. 300): "designed for sandboxing (https://" / "en.wikipedia.org/wiki/...": the only break after a
    slash that fitted was the scheme's, and the line's spaces were three or four spaces wide. Where no break after a
    slash keeps them within twice a space, the address breaks before a dot of its host name, the longest that fits
    ("... see (https://sandbox.wikipedia" / ".org/wiki/..."), one fragment or several."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    text = (f"{markup}It is a small and well tested kernel for all of us to use, see "
            "(https://sandbox.wikipedia.org/wiki/Sandbox_(computer_security)) on Linux.")
    paragraph = Para(text, text_style)
    paragraph.wrap(page_for("A5").text_width, 1000)
    lines = _lines(paragraph)
    assert lines[0].endswith(head) and lines[1].startswith(text.split(head)[1][:8]), lines
    assert "".join(lines).replace(" ", "") == text.replace("<i>x</i>", "x").replace(" ", "")
    if not markup:
        space = stringWidth(" ", text_style.fontName, text_style.fontSize)
        assert _extra_spaces(paragraph)[0] <= space * lines[0].count(" ")  # (each space twice its width at most)


@pytest.mark.parametrize("markup", ["", "<i>x</i> "])  # one fragment and several
def test_an_identifier_joined_by_underscores_breaks_after_one_where_the_line_would_be_loose(text_style, markup):
    """XDC 2021 (A4, p. 16): "set of extensions: VK_KHR_video_queue," was justified with its spaces wide apart, the
    identifier being unbreakable. Where setting it whole on the next line would leave the line's spaces wider than
    twice a space, it breaks after an underscore (no hyphen added), the longest head that fits."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    text = (f"{markup}In April of this year the Khronos group released a provisional set of new: "
            "VK_KHR_video_decoder_queue, and more are to come soon.")
    paragraph = Para(text, text_style)
    paragraph.wrap(page_for("A5").text_width, 1000)
    lines = _lines(paragraph)
    assert len(lines) == 2
    assert lines[0].endswith("set of new: VK_KHR_") and lines[1].startswith("video_decoder_queue, and"), lines
    assert "".join(lines) == text.replace("<i>x</i>", "x")  # (no hyphen added)
    space = stringWidth(" ", text_style.fontName, text_style.fontSize)
    assert _extra_spaces(paragraph)[0] <= space * lines[0].count(" ")  # (each space twice its width at most)


def test_an_identifier_is_set_whole_where_the_line_before_it_stays_close(text_style):
    """Where the line keeps its spaces close without it, an identifier goes whole to the next line."""
    text = ("In April of this year the Khronos group released a provisional set of new extensions: "
            "VK_KHR_video_decoder_queue, and more are to come soon.")
    paragraph = Para(text, text_style)
    paragraph.wrap(page_for("A5").text_width, 1000)
    assert _lines(paragraph)[1].startswith("VK_KHR_video_decoder_queue, and"), _lines(paragraph)


def test_a_web_address_breaks_after_its_scheme_when_that_keeps_the_line_s_spaces_close(text_style):
    """A break after a slash is taken before one in the host name, longer, that fits too ("(https://docs" /
    ".example.org"), when it leaves the line's spaces within twice a space's width."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    text = ("The kernel is small and well tested and it is there for all of us to use "
            "(https://docs.example.org/wiki/Sandbox_(computer_security)) on Linux.")
    paragraph = Para(text, text_style)
    paragraph.wrap(page_for("A5").text_width, 1000)
    lines, extra = _lines(paragraph), _extra_spaces(paragraph)[0]
    assert lines[0].endswith("to use (https://") and lines[1].startswith("docs.example.org/"), lines
    assert extra >= stringWidth("docs", text_style.fontName, text_style.fontSize)  # (a host name's break fitted)


@pytest.mark.parametrize("word, width, ragged", [
    ("Be_hinderungen.", 150, False),
    ("(https://www.example.org/Be_hinderungen)", 156, True), ("(https://example.org/Be_hinderungen)", 156, True)])
def test_only_a_line_a_web_address_leaves_loose_is_set_flush_left(word, width, ragged):
    """39c3: "Inhaltswarnung: Wir sprechen über unsere" (A4) and "... Bo_Irion" (A5) were set flush left, the next
    line beginning "Be_hinderungen." and "(Conaisseur/FFM)": long words that break as what is left of an address does,
    but no web address. A loose line stays justified beside them, as any other loose line; one that ends with an
    address's start ("(https://", its rest "example.org/..." on the next line), is set flush left (LOOSE_SPACES)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from booklet.text.paragraph import LOOSE_SPACES

    register_fonts()
    style = make_styles(page_for("A5"), "de").text
    paragraph = Para(f"See https://x.org. Inhaltswarnung: Wir sprechen über unsere {word} Voraussichtlich werden "
                     "dabei auch negative Erfahrungen geteilt.", style)
    paragraph.wrap(width, 1000)
    space = stringWidth(" ", style.fontName, style.fontSize)
    lines = paragraph.blPara.lines
    at = [text.split()[-1] for text in _lines(paragraph)].index("(https://" if ragged else "unsere")
    assert lines[at].extraSpace > (LOOSE_SPACES - 1) * (lines[at].wordCount - 1) * space, _lines(paragraph)  # (loose)
    assert [line.lineBreak for line in lines[:-1]] == [ragged and n == at for n in range(len(lines) - 1)]


def test_a_word_joined_by_a_slash_breaks_where_it_left_the_line_before_it_loose():
    """39c3's "(Conaisseur/FFM)" (A5, German), too short to break as what is left of a web address, went whole to
    the next line and left "Wir sprechen über unsere" spaced wide; a word joined by a slash breaks after it, or, in
    German, inside its letters: no word space of the paragraph is an em wide, no line set flush left."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    register_fonts()
    style = make_styles(page_for("A5"), "de").text
    paragraph = Para("See https://x.org. Inhaltswarnung: Wir sprechen über unsere (Conaisseur/FFM) Voraussichtlich "
                     "werden dabei auch negative Erfahrungen geteilt.", style)
    paragraph.wrap(150, 1000)
    space = stringWidth(" ", style.fontName, style.fontSize)
    lines = paragraph.blPara.lines
    assert _lines(paragraph)[1:3] == ["Wir sprechen über unsere (Conais-", "seur/FFM) Voraussichtlich werden"]
    assert all(line.extraSpace / (line.wordCount - 1) + space < style.fontSize and not line.lineBreak
               for line in lines[:-1])  # (each word space under an em: "unsere" ended a line at 1.9 ems)


def test_a_web_address_whose_last_part_has_no_slash_breaks_inside_it_leaving_no_wide_gap():
    """36c3's ".../wiki/index.php/Session:Follow-up_meeting_to_the_Netzpolitik_in_der_Schweiz_talk": broken only
    after a slash, the line before the address's last part spread its empty space over its word gaps ("ei- / nem
    Treffen       (https://.../index.php/"). It breaks in the path before ? & = # . _ ~ too, and before a hyphen of
    its own where no other break keeps the line close ("Session:Follow" / "-up_meeting", as the Chicago Manual breaks
    an address): never after one, a line that ended "Session:Follow-" read as a word hyphenated, "Followup"."""
    from booklet.layout.page import page_for
    from booklet.layout.styles import URI_WASTE

    width = page_for("A5").text_width
    text = ("Nach dem Vortrag sind alle interessierten Personen eingeladen, die Diskussion in einem Treffen "
            "(https://events.ccc.de/congress/2019/wiki/index.php/Session:Follow-up_meeting_to_the_Netzpolitik_in_der_"
            "Schweiz_talk) fortzusetzen. Es werden Aktivisten erwartet.")
    register_fonts()
    paragraph = Para(text, make_styles(page_for("A5"), "de").text)
    paragraph.wrap(width, 1000)
    extra = _extra_spaces(paragraph)
    assert all(space <= URI_WASTE * width for space in extra[:-1]), extra
    lines = _lines(paragraph)
    assert not any(line.endswith("Follow-") for line in lines)
    at = next(n for n, line in enumerate(lines) if line.endswith("index.php/Session:Follow"))  # (its own hyphen)
    assert lines[at + 1].startswith("-up_meeting"), lines
    joined = "\n".join(lines).replace(" ", "")
    assert re.sub(r"(?<=[a-z])-\n(?=[a-z])|\n", "", joined) == text.replace(" ", "")  # (less words' hyphens at ends)


@pytest.mark.parametrize("markup", ["", "<i>x</i> "])  # one fragment (ReportLab's own loop) and several
def test_a_compound_breaks_at_its_own_hyphen_only(text_style, markup):
    """"The best-performing" broke "be- / st-performing"; a word with a hyphen of its own breaks there, never
    inside one of its parts, at every width a line holds it at (a narrower line breaks it inside a part too,
    with a hyphen: "ma- / chine-learning", not "machine / -learning")."""
    seen = set()
    for compound in ("best-performing", "machine-learning", "under-coverage", "radial-velocity"):
        for width in range(80, 200, 2):
            paragraph = Para(f"{markup}The {compound} model", text_style)
            paragraph.wrap(width, 1000)
            lines = _lines(paragraph)
            words = " ".join(lines).replace("- ", "-").split()
            assert compound in words, (compound, width, lines)
            seen.update(line.split()[-1] for line in lines)
    assert {"best-", "machine-", "under-"} <= seen  # (broken at some widths)
    from booklet.text import paragraph as module

    iterate = module._HELPERS.pyphen.Pyphen(lang="en_GB").iterate  # (no one letter alone at a hyphen of its own)
    assert [list(iterate(w)) for w in ("e-mail", "X-ray", "self-aware")] == [[], [], [("self-", "aware")]]
    paragraph = Para(f"{markup}The machine-learning model", text_style)
    paragraph.wrap(60, 1000)
    # (not "mod- / el": two letters alone after a break, which English leaves three at least)
    assert [line.split()[-1] for line in _lines(paragraph)] == (["ma-", "chine-learning", "model"] if markup else
                                                              ["machine-", "learning", "model"])


def test_words_joined_by_apostrophes_slashes_or_with_digits_break_at_their_joints_and_inside_their_letters():
    """ReportLab hyphenates words of letters alone: "Ein-/Ausgabe", "3D-Rekonstruktionen", "COVID-19-Prognosen" and
    "Hesse’sche" never broke, and the justified line before one was spaced wide. They break after their own hyphens
    and slashes (no hyphen added after a slash), and inside their runs of letters as the patterns break each as a
    word; never at an apostrophe, in an acronym, after a head of digits or before a part of digits alone. German
    breaks a compound inside its parts too (the longest head first); English at its own hyphens and slashes alone."""
    from booklet.text import paragraph as module

    de = module._HELPERS.pyphen.Pyphen(lang="de").iterate
    en = module._HELPERS.pyphen.Pyphen(lang="en_GB").iterate

    def heads(iterate, word):
        return [head for head, tail in iterate(word) if head + tail == word]

    assert heads(de, "Ein-/Ausgabe") == ["Ein-/Ausga", "Ein-/Aus", "Ein-/"]
    assert heads(de, "Hesse’sche") == ["Hes"] and heads(de, "Gauß’schen") == []  # (never "Gauß’- / schen")
    assert heads(de, "COVID-19-Prognosen") == ["COVID-19-Progno", "COVID-19-Pro", "COVID-19-"]
    assert heads(de, "10-jährigen") == ["10-jähri", "10-jäh"]  # (never "10-" / "jährigen")
    assert "Monte-Carlo-Simu" in heads(de, "Monte-Carlo-Simulationen")
    assert heads(en, "Monte-Carlo-based") == ["Monte-Carlo-", "Monte-"]  # (as before)
    assert heads(en, "input/output") == ["input/"] and heads(en, "10-dimensional") == []
    assert heads(en, "km/h") == [] and heads(en, "x86-64") == []
    assert not module._WORD_LETTERS.match("2010-2020")  # (no letter: no word)


def test_a_justified_german_line_before_a_joined_word_is_not_spaced_wide():
    """An A4 booklet in German: the line before "Ein-/Ausgabeoperationen", "Kalman-Filter-Implementierungen" or
    "COVID-19-Prognosen" had its word spaces at up to 9 ems at widths of an A4 column or less; those words now
    break at their joints and inside their letters, and every justified line's spaces stay under 2 ems, at most
    widths under one."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase.pdfmetrics import stringWidth

    register_fonts()
    style = ParagraphStyle("de", parent=make_styles(page_for("A4")).text, hyphenationLang="de")
    text = ("Die Ein-/Ausgabeoperationen der Monte-Carlo-Simulationsläufe dominieren die Rechenzeit, solange die "
            "Bayes’schen Hierarchiemodelle nicht auf GPU-Beschleunigerkarten portiert sind, und die Kalman-Filter-"
            "Implementierungen der COVID-19-Prognosen bleiben langsam.")
    space = stringWidth(" ", style.fontName, style.fontSize)
    loosest, ends = [], set()
    for width in range(180, 260, 5):
        paragraph = Para(text, style)
        paragraph.wrap(width, 1000)
        lines = paragraph.blPara.lines
        assert [c for _, words in lines for word in words for c in word if c.isalnum()] == [
            c for c in text if c.isalnum()]
        ends.update(words[-1] for _, words in lines[:-1])
        loosest.append(max((extra / (len(words) - 1) + space) / style.fontSize
                           for extra, words in lines[:-1] if len(words) > 1))
    assert max(loosest) < 2 and sorted(loosest)[len(loosest) // 2] < 1, loosest
    assert {"Kalman-Filter-Imple-", "Monte-Carlo-Si-", "COVID-19-Pro-"} <= ends, sorted(ends)


@pytest.mark.parametrize("markup", ["", "<i>x</i> "])
def test_a_web_address_longer_than_a_line_is_broken_again_not_run_past_the_margin(text_style, markup):
    """ReportLab breaks a web address once, after a slash; what is left ("github.com/org/...") ran on past the
    margin. It is broken again after a slash, or before ? & = # . _ ~ -, as often as it needs, each line fitting."""
    address = ("https://github.com/example-organisation/a-very-long-repository-name-for-simulation-based-inference"
               "/tree/main/notebooks and https://www.example.org/~user/path/to/some/really/long/"
               "file_name_with_underscores.html?query=1&other=2.")
    from reportlab.pdfbase.pdfmetrics import stringWidth

    seen = set()  # what lines end with
    for width in (120, 180, 260, page_for("A5").text_width):
        paragraph = Para(f"{markup}Code: {address}".replace("&", "&amp;"), text_style)
        paragraph.wrap(width, 10000)
        lines = _lines(paragraph)
        assert "".join(lines).replace(" ", "") == f"{markup and 'x'}Code:{address}".replace(" ", "")
        for line in lines:
            assert stringWidth(line, text_style.fontName, text_style.fontSize) <= width * 1.01, (width, line)
        # (each break after a slash, before ? & = # . _ ~ - or at a hyphen of its own: a dot of its host name too,
        # where no other break keeps the line's spaces close, "https://www.example" / ".org/~user/", never after
        # "www" alone; or between words)
        for line, after in zip(lines, lines[1:]):
            assert (line.endswith(("/", "-")) or after[0] in "?&=#._~-"
                    or f"{line.split()[-1]} {after.split()[0]}" in address), (width, line, after)
            assert not line.endswith(("//www", "//")) or not after.startswith("."), (width, line, after)
        seen.update(line[-1] for line in lines[:-1])
    assert "/" in seen


def _bsp_abstract(address: str) -> str:
    """DebConf17's abstract with a web address in its last sentence (A4 p. 63), the address given."""
    return ("It is an opinioned guide: not every tool will be shown and my bias will be towards the tool I know and "
            "use every day. I will try show you how to find resources to deal with the random Debian packages you "
            f"will find. This session is a reroll of the Montreal BSP {address} (Bug Squashing Party) where I was "
            "invited to present my material to a broader audience.")


@pytest.mark.parametrize("address", ["(https://wiki.debian.org/BSP/2017/04/ca/Montreal/Announcement)",
                                     "(www.wiki.debian.org/BSP/2017/04/ca/Montreal/Announcement)"])
def test_a_web_address_s_head_is_never_broken_in_a_paragraph_split_between_columns(text_style, address):
    """DebConf17 (A4, p. 63): a paragraph split between columns, its second part broken again, read "... the Montreal
    BSP (htt" / "ps://wiki.debian.org/...": ReportLab's loop split the address into the room left. Its head
    ("(https://", "(www.") is never broken: the first break is after it, else it goes whole to the next line."""
    text = _bsp_abstract(address)
    head = address[:address.index("//") + 2] if "//" in address else "(www."
    starts = set()  # widths at which a line begins with the head
    for width in range(150, 200, 2):
        paragraph = Para(text, text_style)
        paragraph.wrap(width, 10000)
        _, rest = paragraph.split(width, text_style.leading * 2.5)
        rest.wrap(width, 10000)
        lines = _lines(rest)
        assert any(head in line for line in lines), (width, lines)  # (whole on one line)
        starts.update(width for line in lines if line.startswith(head))
        # (the line before it, its words alone: no space left at its end, where ReportLab's loop, breaking the part
        # again, left one: "... the Montreal BSP ")
        assert not any(line.endswith(" ") for line in lines), (width, lines)
    assert starts  # (gone whole to the next line at some widths)


def test_a_web_address_without_a_scheme_in_a_paragraph_split_between_columns_is_never_split_at_any_letter(
        text_style):
    """The part of a paragraph split between columns is broken again by ReportLab's loop, which split a web address
    without a scheme that no break of its fitted after other words into the room left ("the Montreal BSP (w" /
    "iki.debian.org/..."): only an address's head ("(https://") was kept whole there. It asks the rule booklet's
    loop asks (_breaks_as_address): the address goes whole to the next line, to be broken there."""
    from booklet.text.paragraph import _address_pairs

    address = "(wiki.debian.org/BSP/2017/04/ca/Montreal/Announcement)"
    text = _bsp_abstract(address)
    heads = {head for head, _ in _address_pairs(address)}
    starts = set()  # widths at which a line begins with the address
    for width in range(150, 260, 2):
        paragraph = Para(text, text_style)
        paragraph.wrap(width, 10000)
        _, rest = paragraph.split(width, text_style.leading * 2.5)
        rest.wrap(width, 10000)
        lines = _lines(rest)
        for line in lines[:-1]:
            last = line.split()[-1]
            assert not address.startswith(last) or last in heads or last == address, (width, lines)
            assert not line.endswith(" "), (width, lines)
        starts.update(width for line in lines if line.startswith(address[:5]))
    assert starts


@pytest.mark.parametrize("markup", ["", "<i>x</i> "])  # one fragment and several
def test_what_is_left_of_a_web_address_breaks_at_its_own_punctuation_not_inside_a_word(text_style, markup):
    """uRos 2026 (A4, p. 58): what was left of ".../publication/254453491_ANSECH_Logiciel_pour_l'analyse_des_series_
    chronologiques." after its last slash, its full stop taken off by ReportLab, had no slash nor dot left: it was
    cut where the line ended, "des_seri" / "es_chronologiques". It breaks at its own punctuation, before an
    underscore; and before a hyphen of its own, never after one ("an-introduction" / "-to-vulkan", as the Chicago
    Manual has it: a line ending "an-introduction-" reads as a word hyphenated)."""
    address = "https://www.researchgate.net/publication/254453491_ANSECH_Logiciel_pour_l'analyse_des_series_chronologiques"
    doi = "https://www.khronos.org/blog/an-introduction-to-vulkan-video-decoding-and-encoding-in-the-field"
    text = f"{markup}Communication aux Journées, Maroc. {address}. [4] Mélard, G. (2024), see {doi}. [5] Alj, A."
    seen = set()
    for width in range(120, 330, 7):
        paragraph = Para(text.replace("'", "&#39;"), text_style)
        paragraph.wrap(width, 10000)
        lines = _lines(paragraph)
        assert "".join(lines).replace(" ", "") == text.replace("<i>x</i>", "x").replace(" ", ""), (width, lines)
        for line, after in zip(lines, lines[1:]):
            if f"{line.split()[-1]}{after.split()[0]}" in address + doi:  # (a break inside an address)
                assert line.endswith("/") or after[0] in "._-", (width, line, after)
                assert not line.endswith("-"), (width, line, after)
                seen.add(after[0] if not line.endswith("/") else "/")
    assert seen == {"/", "_", "-", "."}


@pytest.mark.parametrize("markup", ["", "<i>x</i> "])  # one fragment and several
def test_a_split_paragraph_s_part_that_begins_with_what_is_left_of_a_web_address_breaks_it_at_its_punctuation(
        text_style, markup):
    """A paragraph split between pages or columns just after a web address was broken (".../publication/" /
    "254453491_ANSECH_..._des_series_chronologiques."): its second part, broken again on its own, did not know that
    its first word was what is left of an address, and cut it where the line ended ("des_seri" / "es_chronologiques",
    the mid-word cut test_what_is_left_of_a_web_address_breaks_at_its_own_punctuation_not_inside_a_word fixed for the
    whole paragraph). The split hands that on: the part breaks it at its own punctuation, as the whole did."""
    address = ("https://www.researchgate.net/publication/254453491_ANSECH_Logiciel_pour_l'analyse_des_series_"
               "chronologiques")
    text = (f"{markup}Communication aux Journées de Statistique, Rabat, Maroc. {address}. [4] Mélard, G. (2024), see "
            "the notes. [5] Alj, A. and others wrote more.").replace("'", "&#39;")
    tail = address[address.rindex("/") + 1:]
    seen = set()  # widths whose second part begins with what is left of the address, broken again in it
    for width in range(120, 330, 7):
        paragraph = Para(text, text_style)
        paragraph.wrap(width, 10000)
        for at, line in enumerate(_lines(paragraph)[1:-1], start=1):
            if not line.startswith(tail[:6]):
                continue
            paragraph = Para(text, text_style)
            paragraph.wrap(width, 10000)
            _, rest = paragraph.split(width, text_style.leading * (at + 0.5))
            rest.wrap(width, 10000)
            lines = _lines(rest)
            assert lines[0].startswith(tail[:6]), (width, lines)
            breaks = [(line, after) for line, after in zip(lines, lines[1:])
                      if f"{line.split()[-1]}{after.split()[0]}" in tail]
            assert all(after[0] in "._-" for _, after in breaks), (width, lines)  # (never "des_seri" / "es_...")
            seen.update(width for _ in breaks)
    assert seen


def test_a_split_part_that_begins_with_a_word_a_web_address_s_rest_begins_with_is_not_told_it_is_that_rest(
        text_style):
    """A split's second part is handed what is left of a web address broken at the first part's last line when its
    first word is that rest (or its head, broken again: "about/our-team-and" of "about/our-team-and-friends_..."),
    not when it is another word the rest begins with: "about" of "... to read / about and more" was told it, and the
    first long word asked to break on its first lines was broken as that rest."""
    address = "https://www.example.org/about/our-team-and-friends_of_the_house"
    text = (f"See {address} for more. a bit more text here and a few words, a list of things to read about and "
            "more words here.")
    handed = {}  # the first word of the second part -> whether it was told it is an address's rest
    for width in range(100, 160, 2):
        paragraph = Para(text, text_style)
        paragraph.wrap(width, 10000)
        for at in range(1, len(paragraph.blPara.lines)):
            paragraph = Para(text, text_style)
            paragraph.wrap(width, 10000)
            parts = paragraph.split(width, text_style.leading * (at + 0.5))
            if len(parts) != 2:  # (too few lines either side)
                continue
            rest = parts[1]
            rest.wrap(width, 10000)
            first = _lines(rest)[0].split()[0]
            told = rest.__dict__.get("_address_rest")
            assert told is None or address.endswith(told) and told.startswith(first), (width, at, told, first)
            handed.setdefault(first, set()).add(told is not None)
    assert handed["about"] == {False}  # (at some widths the part begins "about and more words")
    assert {True} in [handed[word] for word in handed if word.startswith("about/")]  # (the rest, whole or broken)


def test_a_warm_build_s_paragraph_hands_its_split_part_the_rest_of_a_web_address_as_a_cold_build_s(text_style):
    """A paragraph whose lines a warm build's cache kept (set by break_to, as a column sets them, then wrapped) is not
    broken again there: what is left of a web address broken at its lines' ends was noted on the paragraph as it was
    broken, so a warm build's split handed its second part nothing, and that part cut the rest where its line ended
    ("des_seri" / "es_chronologiques", an A4 abstract in two columns) where a cold build's broke it at its
    punctuation. The rests are kept with the lines (_rests_on_lines)."""
    from booklet.cache import BuildCache, memory

    address = ("https://www.researchgate.net/publication/254453491_ANSECH_Logiciel_pour_l'analyse_des_series_"
               "chronologiques")
    text = (f"Communication aux Journées de Statistique, Rabat, Maroc. {address}. [4] Mélard, G. (2024), see "
            "the notes. [5] Alj, A. and others wrote more.").replace("'", "&#39;")
    handed = 0
    for width, at in ((120, 3), (120, 5), (141, 4), (162, 3)):
        cache, made = BuildCache(), []
        for _ in range(2):  # cold, then warm
            with memory.using(cache):
                paragraph = Para(text, text_style)
                paragraph.break_to([width])
                paragraph.wrap(width, 10000)
                _, rest = paragraph.split(width, text_style.leading * (at + 0.5))
                rest.wrap(width, 10000)
                made.append((rest.__dict__.get("_address_rest"), _lines(rest)))
        assert made[1] == made[0], (width, at, made)
        handed += made[0][0] is not None and address.endswith(made[0][0].rstrip("."))
    assert handed == 4


@pytest.mark.parametrize("markup", ["", "<i>x</i> "])  # one fragment and several
def test_a_word_that_reads_as_what_is_left_of_a_web_address_but_is_not_it_is_hyphenated_as_a_word(text_style, markup):
    """What is left of a web address broken at a line's end (".../wiki/" / "Photosynthesis") is asked to break first
    on its line, or not at all (it fitted there); the same word later in the text, asked at a line's end after other
    words, was broken as that rest, at an address's punctuation (none), so not hyphenated: "... and the" /
    "Photosynthesis is what", the line before it loose. It breaks as in the paragraph whose address ends otherwise
    (with a letter as wide: "Photosyntnesis")."""
    text = (markup + "The process is described at https://en.wikipedia.org/wiki/{} in detail, and the Photosynthesis "
            "is what we measure with Photosynthesis-related sensors across Photosynthesis experiments in the field.")
    hyphenated = set()
    for width in range(120, 330, 3):
        made = []
        for tail in ("Photosynthesis", "Photosyntnesis"):
            paragraph = Para(text.format(tail), text_style)
            paragraph.wrap(width, 10000)
            made.append([line.replace(tail, "Photosynthesis") for line in _lines(paragraph)])
        assert made[0] == made[1], (width, made)
        hyphenated.update(width for line in made[0] if line.endswith(("Pho-", "Photo-", "Photosyn-")))
    assert hyphenated  # (the word ends a line hyphenated at some widths)


def test_a_posters_abstract_sets_its_paragraphs_apart_as_an_abstract_s_page_does(tmp_path):
    """A poster's abstract of several paragraphs ran them together: no space, no indent (the poster list is a row
    of paragraphs). They are now apart by the text's space after a paragraph; lines within one by the leading."""
    import pypdf

    from .helpers import write_conference

    text = "First paragraph of the poster, a line.\n\nSecond paragraph, which follows it.\n\nThird one."
    folder = write_conference(tmp_path / "conf", {"posters.yaml": "- number: 1\n  author: Zoe Papadopoulou\n"
                                                  "  title: Mixture density networks\n  abstract: |\n"
                                                  + "".join(f"    {line}\n" for line in text.splitlines())})
    pdf = Pdf(build_booklet(folder, tmp_path / "b.pdf").output)
    (page,) = pdf.pages_with("Second paragraph, which follows it.")
    found = []
    pypdf.PdfReader(str(tmp_path / "b.pdf")).pages[page].extract_text(
        visitor_text=lambda t, cm, tm, f, s: found.append((t.strip(), cm[5] + tm[5])) if t.strip() else None)
    y = {t: at for t, at in found}
    style = make_styles(page_for("A5")).text
    first, second, third = (y[t] for t in ("First paragraph of the poster, a line.",
                                           "Second paragraph, which follows it.", "Third one."))
    assert first - second == pytest.approx(style.leading + style.spaceAfter, abs=0.05)
    assert second - third == pytest.approx(style.leading + style.spaceAfter, abs=0.05)


@pytest.mark.parametrize("markup", ["", "<i>x</i> "])
def test_what_is_left_of_a_broken_word_is_broken_again_when_no_line_holds_it(markup):
    """In a glance box 26 points wide, "Al- / gorithmic" and "(Post- / Quantum)" ran past the box: ReportLab never
    broke again what was left of a word once broken, nor cut it. Each line now fits, every break with a hyphen."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase.pdfmetrics import stringWidth

    register_fonts()
    style = ParagraphStyle("box", fontName="Sans", fontSize=6.5, leading=7.5, splitLongWords=1,
                           hyphenationLang="en_GB", embeddedHyphenation=1)
    for text in ("Algorithmic fairness", "(Post-Quantum) Cryptography"):
        paragraph = Para(markup + text, style)
        paragraph.wrap(26, 1000)
        lines = [line.strip() for line in _lines(paragraph)]
        assert all(stringWidth(line, "Sans", 6.5) <= 26.5 for line in lines), lines
        # (a line ends in a hyphen, or where a word ends: "mic" of "Algorithmic", its last line's word whole after it)
        assert all(line.endswith("-") or any(word.endswith(line.split()[-1]) for word in (markup + text).split())
                   for line in lines[:-1]), lines


@pytest.mark.parametrize("width, lines", [
    (30, ["Uncag-", "ing"]),  # ("Uncagi- / ng" before: two letters after the break)
    (25, ["Uncag-", "ing"]),
    (20, ["Unca-", "ging"]),
    (15, ["Unc-", "ag-", "ing"]),
])
def test_a_word_no_pattern_breaks_is_broken_anywhere_with_the_language_s_letters_after_the_break(width, lines):
    """31C3's glance read "Uncagi- / ng": a word wider than its box that the English patterns do not break was cut
    with two letters after the hyphen. Broken anywhere, it now keeps the language's three after it (and two before
    it), the break moved earlier."""
    from reportlab.lib.styles import ParagraphStyle

    register_fonts()
    style = ParagraphStyle("glance", fontName="Sans", fontSize=6.84, leading=7.93, hyphenationLang="en_US",
                           embeddedHyphenation=1, splitLongWords=1)
    paragraph = Para("Uncaging", style)
    paragraph.wrap(width, 1000)
    assert _lines(paragraph) == lines


def test_a_font_tag_naming_a_face_keeps_it_and_one_naming_a_family_in_style_takes_the_style_around(text_style):
    """<font name="Sans"> is the regular face, as ReportLab has it: the programme sets "(continued)" so inside a bold
    heading. Only the family named for a character the other family lacks (fonts.IN_STYLE) takes the bold or
    italic around it."""
    from reportlab.lib.styles import ParagraphStyle

    bold = ParagraphStyle("b", parent=text_style, fontName="Sans-Bold")
    made = Para('Monday <font name="Sans">(continued)</font> <font name="BodyInStyle">Ⅱ</font> '
                '<i><font name="SansInStyle">ѡ</font></i>', bold)
    assert [(f.text, f.fontName) for f in made.frags if f.text.strip()] == [
        ("Monday ", "Sans-Bold"), ("(continued)", "Sans"), ("Ⅱ", "Body-Bold"), ("ѡ", "Sans-BoldItalic")]


def _broken_lines(text: str, style, width: float, rule: bool = True) -> list[str]:
    from booklet.text import paragraph as module

    para = module.MathParagraph(text, style)
    if not rule:
        para.breakLines = lambda w: module._break_lines(para, w)
    para.wrap(width, 1000)
    return _lines(para)


TRIAL = "The method is well known to statisticians but is still applied in astronomy mostly by trial and error."
TAIL = "Our sample of young stellar objects shows a tail of active-learning outliers."


@pytest.mark.parametrize("text, width, before, after", [
    (TRIAL, 201, ["still applied in astronomy mostly by trial and er-", "ror."],
     ["still applied in astronomy mostly by trial and", "error."]),
    (TRIAL, 285, ["The method is well known to statisticians but is still applied in astron-",
                  "omy mostly by trial and error."],
     ["The method is well known to statisticians but is still applied in", "astronomy mostly by trial and error."]),
    (TAIL, 240, ["Our sample of young stellar objects shows a tail of active-", "learning outliers."],
     ["Our sample of young stellar objects shows a tail of", "active-learning outliers."]),  # its own hyphen kept
])
def test_the_line_before_the_last_is_not_hyphenated_the_lines_before_it_unchanged(text_style, text, width, before,
                                                                                  after, monkeypatch):
    """A paragraph ended in what was left of a word broken at the line before ("trial and er- / ror.": ten in the
    sample): the word now goes whole onto the last line, as TeX's final hyphen demerits have it; the lines before
    are as they were. (The last line's word alone is then taken back where it can be: the runt's test below; off
    here.)"""
    from booklet.text import paragraph as module

    monkeypatch.setattr(module, "RUNT_LINES", 0)
    plain = _broken_lines(text, text_style, width, rule=False)
    assert [line.strip() for line in plain[-2:]] == before  # (ReportLab's greedy breaking, without the rule)
    ruled = _broken_lines(text, text_style, width)
    assert [line.strip() for line in ruled[-2:]] == after
    assert ruled[:-2] == plain[:-2] and len(ruled) == len(plain)


def test_the_hyphen_stays_where_the_word_would_take_another_line_or_leave_a_justified_line_too_loose(text_style):
    """"trial and er- / ror." at 140 points: "error." whole would leave its justified line more than half an em wider
    at each space; set ragged, the line is only shorter, and the word goes over. A word no line holds whole stays
    broken."""
    ragged = text_style.clone("ragged", alignment=0)
    assert [line.strip() for line in _broken_lines(TRIAL, text_style, 140)[-2:]] \
        == ["astronomy mostly by trial and er-", "ror."]
    assert [line.strip() for line in _broken_lines(TRIAL, ragged, 140)[-2:]] == ["astronomy mostly by trial and",
                                                                                  "error."]
    long = "A word: Donaudampfschifffahrtsgesellschaftskapitän"
    german = text_style.clone("de", hyphenationLang="de_DE")
    assert _broken_lines(long, german, 90) == _broken_lines(long, german, 90, rule=False)
    assert _broken_lines(long, german, 90)[-2].endswith("-")


ATIH = (  # the uRos 2026 import, p. 25: four lines in a row ending with a hyphen, twice
    "More than a third of ATIH\u2019s (Technical Agency for Information on Hospitalization) staff are "
    "statistician-engineers, and the agency has historically relied on proprietary software to process the large, "
    "complex datasets generated by the PMSI, France\u2019s national hospital discharge information system. Since 2023, "
    "the agency has undertaken a strategic transition toward open-source solutions, in line with its Strategic "
    "Information Systems Plan (SDSI) and following the lead of other public administrations such as INSEE (the "
    "French National Institute of Statistics and Economic Studies). The motivations are familiar but consequential: "
    "digital sovereignty, reduced licensing costs, tool diversification, and alignment with current data science "
    "standards (R, Python, SQL). The change also extends to infrastructure: the systematic introduction of version "
    "control, new collaborative practices, and the adoption of code forges and CI/CD pipelines. This segment, often "
    "underestimated, requires dedicated support. Finally, the migration must contend with a legacy of statistical "
    "programs accumulated over more than twenty-five years.")


def _hyphens_in_a_row(lines: list[str]) -> int:
    row = most = 0
    for line in lines:
        row = row + 1 if line.rstrip().endswith("-") else 0
        most = max(most, row)
    return most


def test_no_more_than_two_lines_in_a_row_end_with_a_hyphen(text_style):
    """The uRos import: four lines in a row ended with a hyphen ("na- / under- / administra- / Stud-"). The word that
    would end a third such line goes whole to the next line (TeX's double hyphen demerits), where that leaves no line
    too loose: two in a row at most, no line wider than ReportLab's widest, the lines before the first refused as they
    were."""
    from booklet.text import paragraph as module

    width = 334.49  # (A5's text width)
    plain = _broken_lines(ATIH, text_style, width, rule=False)
    assert _hyphens_in_a_row(plain) >= 4  # (ReportLab's greedy breaking, without the rule)
    ruled = _broken_lines(ATIH, text_style, width)
    assert _hyphens_in_a_row(ruled) <= 2  # (HYPHENS_IN_A_ROW)
    assert len(plain) <= len(ruled) <= len(plain) + 1
    paras = [module.MathParagraph(ATIH, text_style) for _ in range(2)]
    paras[0].breakLines = lambda w: module._break_lines(paras[0], w)
    for para in paras:
        para.wrap(width, 1000)
    assert min(map(module._extra_space, paras[1].blPara.lines)) >= min(map(module._extra_space, paras[0].blPara.lines))
    first = next(at for at in range(2, len(plain)) if all(line.endswith("-") for line in plain[at - 2:at + 1]))
    assert ruled[:first] == plain[:first]


RADIATION = (  # the 36C3 import on A5, p. 83: five lines in a row ending with a hyphen, kept: refusing the third
    "This talk will introduce the audience to the class of problems that digital circuits are faced with in challenging "
    "radiation environments. Such environments include satellites in space, the electronics inside particle accelerators "
    "and also a variety of medical applications. After giving an overview of the various effects that may cause "
    "malfunctions, different techniques for detection and mitigation of such effects are presented. Some of these "
    "techniques concern the transistor-level design of digital circuits, others include triple modular redundancy (TMR) "
    "and correction codes. Some open source software solutions that aid in the design and verification of circuits "
    "hardened against such problems are presented, and of course a \u2018lessons learned\u2019 from our experiences in "
    "the field of particle detector electronics will be shared.")  # (hyphen, "mal-", made the paragraph a line longer)


def test_four_or_more_lines_in_a_row_ending_with_a_hyphen_may_cost_the_paragraph_a_line(text_style):
    """A typographer's review: five lines in a row ended with a hyphen ("satel- / medi- / mal- / pre- / cir-"), as the
    paragraph broken without the third was a line longer. For a ladder of four or more, one line more is taken (once);
    for three, none (the test before)."""
    from booklet.text import paragraph as module

    width = 334.49  # (A5's text width)
    plain = _broken_lines(RADIATION, text_style, width, rule=False)
    assert _hyphens_in_a_row(plain) == 5
    runts = module.RUNT_LINES
    module.RUNT_LINES = 0  # (the last line's word alone, "shared.", taken back: below)
    try:
        ruled = _broken_lines(RADIATION, text_style, width)
    finally:
        module.RUNT_LINES = runts
    assert _hyphens_in_a_row(ruled) == 2 and len(ruled) == len(plain) + 1 and ruled[-1] == "shared."
    assert ruled[:3] == plain[:3] and plain[3].endswith("mal-") and ruled[4].startswith("malfunctions,")
    tightened = _broken_lines(RADIATION, text_style, width)  # its last two lines tightened: no line more after all
    assert tightened[:-2] == ruled[:-3] and len(tightened) == len(plain) and _hyphens_in_a_row(tightened) == 2
    assert tightened[-1].endswith("electronics will be shared.")


@pytest.mark.parametrize("text, width, whole_times", [
    (TRIAL.replace("statisticians", "<i>statisticians</i>"), 201, 2),  # the final hyphen refused
    (ATIH.replace("ATIH", "<b>ATIH</b>"), 334.49, 2),  # a third hyphen in a row refused, and another
])
def test_a_paragraph_broken_again_for_a_hyphen_goes_on_from_that_word_as_breaking_it_whole_again(
        text_style, monkeypatch, text, width, whole_times):
    """Speed (issue 15): a paragraph broken again with a hyphenation refused (its last line what was left of a word,
    three lines in a row ending with a hyphen) was broken again from its first word, each time, though the lines
    before come out the same (at 500 talks, one breaking in ten). Booklet's loop goes on from where it stood before
    that word: the paragraph's words are made once (`broken`: the breakings from the first word), and its lines, list
    of words and counts are those of breaking it again whole (`whole_times`: the breakings from the first word so)."""
    from booklet.text import linebreak
    from booklet.text import paragraph as module

    made = []
    real = linebreak.frag_words
    monkeypatch.setattr(linebreak, "frag_words", lambda *args: made.append(1) or real(*args))
    monkeypatch.setattr(module, "RUNT_LINES", 0)  # ("error." alone, taken back by breaking it again at other widths)
    resumed = module.MathParagraph(text, text_style)
    resumed.wrap(width, 1000)
    assert len(made) == 1
    monkeypatch.setattr(module, "_MARKED", None)  # (no breaking marked where it stood: each broken again whole)
    whole = module.MathParagraph(text, text_style)
    whole.wrap(width, 1000)
    assert len(made) == 1 + whole_times
    assert _lines(resumed) == _lines(whole)
    assert [[text for _, text in word[1:]] for word in resumed.frags] \
        == [[text for _, text in word[1:]] for word in whole.frags]
    for name in ("_width_max", "_splitLongWordCount", "_hyphenations"):
        assert getattr(resumed, name) == getattr(whole, name)
    if text.startswith("The method"):
        assert _lines(resumed)[-2:] == ["still applied in astronomy mostly by trial and", "error."]
    else:
        assert _hyphens_in_a_row(_lines(resumed)) <= 2


UNCORRECTED = (  # the sample's poster 10 (A5, p. 63): "... if left uncor- / rected."
    "Using injection and recovery tests on sparse survey light curves, we map the detection efficiency for eclipsing "
    "binaries as a function of period, eclipse depth and magnitude. Efficiency falls below 50% for periods longer "
    "than 20 days, which biases period distributions derived from such surveys if left uncorrected.")
INCLUDED = (  # the sample's poster 6 (p. 63): "... errors are / included.", which no tightening within limits mends
    "Stellar streams and shells in the Galactic halo appear as overdensities in the space of energy and angular "
    "momentum. We fit Gaussian mixture models with a variable number of components and show that several claimed "
    "substructures are equally well explained by the smooth halo once measurement errors are included.")
POSTER_WIDTH = 314.06  # (a poster's text on A5)


def _runt_lines(text: str, style, width: float, monkeypatch, runts: bool = True):
    """The lines of `text` and how far each line's spaces shrink (of a space's width), the runt rule on or off."""
    from booklet.text import paragraph as module

    monkeypatch.setattr(module, "RUNT_LINES", 2 if runts else 0)
    para = module.MathParagraph(text, style)
    para.wrap(width, 1000)
    space = module._string_width(" ", style.fontName, style.fontSize)
    shrunk = [max(0.0, -module._extra_space(line)) / max(module._spaces(line), 1) / space for line in para.blPara.lines]
    return _lines(para), shrunk


@pytest.mark.parametrize("text, width, before, after", [
    (UNCORRECTED, POSTER_WIDTH, ["which biases period distributions derived from such surveys if left uncor-", "rected."],
     ["and magnitude. Efficiency falls below 50% for periods longer than 20 days,",
      "which biases period distributions derived from such surveys if left uncorrected."]),
    (TRIAL, 201, ["still applied in astronomy mostly by trial and", "error."],  # ("er- / ror." refused first)
     ["The method is well known to statisticians but is", "still applied in astronomy mostly by trial and error."]),
])
def test_a_paragraph_does_not_end_with_a_word_alone_where_its_last_lines_can_take_it_back(text_style, monkeypatch,
                                                                                         text, width, before, after):
    """A paragraph's last line of one word (a runt), what was left of a hyphenated word the worst ("if left uncor- /
    rected.", the sample's p. 63, where refusing the hyphen left its line too loose): its line before the last, else
    the two before that, break again with their spaces allowed to shrink by a fifth (RUNT_SHRINK: a desktop
    publisher's least word spacing) and take the word back; the lines before them are the same, and no space shrinks
    by more."""
    from booklet.text import paragraph as module

    plain, _ = _runt_lines(text, text_style, width, monkeypatch, runts=False)
    assert [line.strip() for line in plain[-2:]] == before
    ruled, shrunk = _runt_lines(text, text_style, width, monkeypatch)
    assert [line.strip() for line in ruled[-2:]] == after
    assert len(ruled) == len(plain) - 1 and ruled[:-2] == plain[:-3]
    assert 0 < max(shrunk) <= module.RUNT_SHRINK + text_style.spaceShrinkage


DISAGREE = (  # the sample's p. 21 (A5): "... experts who sometimes / disagree?"
    "Labelling astronomical spectra by hand is slow and expensive, and the classes that matter most, such as rare "
    "stellar types or unusual quasars, are precisely those with few labels. Active learning promises to reduce the "
    "effort by letting the classifier choose which spectra an expert should inspect next. But does it deliver in "
    "realistic settings, with noisy spectra, imbalanced classes and experts who sometimes disagree?")
A5_WIDTH = 334.49  # (A5's text width)


def test_a_word_alone_on_the_last_line_goes_down_with_the_word_before_it_where_no_line_can_take_it_back(
        text_style, monkeypatch):
    """"... errors are / included.": the line before cannot take the word, nor the two before it a word more each,
    within a fifth of a space; the line before gives its last word to the last line instead ("... errors / are
    included."), its spaces widened by no more than RUNT_LOOSE of an em each, the lines before it the same."""
    from booklet.text import paragraph as module

    plain, _ = _runt_lines(INCLUDED, text_style, POSTER_WIDTH, monkeypatch, runts=False)
    assert plain[-2:] == ["are equally well explained by the smooth halo once measurement errors are", "included."]
    monkeypatch.undo()  # (the runt rule on again)
    para = module.MathParagraph(INCLUDED, text_style)
    para.wrap(POSTER_WIDTH, 1000)
    ruled = _lines(para)
    assert ruled[:-2] == plain[:-2]
    assert ruled[-2:] == ["are equally well explained by the smooth halo once measurement errors", "are included."]
    loosened = para.blPara.lines[-2]
    assert 0 < module._extra_space(loosened) / module._spaces(loosened) <= module.RUNT_LOOSE * text_style.fontSize


def test_a_word_alone_on_the_last_line_stays_where_neither_tightening_nor_loosening_can_mend_it(text_style,
                                                                                                monkeypatch):
    """"... experts who sometimes / disagree?": taking the word back would shrink spaces too far, and giving it
    "sometimes" (or a word of each of the two lines before) would widen them by more than RUNT_LOOSE of an em; a
    ragged paragraph's runt is no justified one's, and stays as well."""
    plain, _ = _runt_lines(DISAGREE, text_style, A5_WIDTH, monkeypatch, runts=False)
    assert plain[-1] == "disagree?"
    assert _runt_lines(DISAGREE, text_style, A5_WIDTH, monkeypatch)[0] == plain
    ragged = text_style.clone("ragged", alignment=0)
    plain = _runt_lines(UNCORRECTED, ragged, POSTER_WIDTH, monkeypatch, runts=False)[0]
    assert len(plain[-1].split()) == 1 and _runt_lines(UNCORRECTED, ragged, POSTER_WIDTH, monkeypatch)[0] == plain


def test_a_paragraph_broken_again_from_other_fragments_than_those_marked_is_broken_from_the_start(text_style):
    """A review: page_end_rebroken breaks a paragraph again from its fragments as parsed, while the marks of where the
    loop stood were made breaking them untied (_final_hyphen_refused): going on from those marks gave the lines of
    the fragments marked, not of those given. Marks are taken only for the fragments they were made from."""
    from booklet.text import paragraph as module

    width, asked = 201, module._ASKED
    outer = asked.saved()
    try:
        para = module.MathParagraph(TRIAL.replace("statisticians", "<i>statisticians</i>"), text_style)
        module._broken(para, width, module._MARKED, para.frags, frozenset())
        call = asked.last
        assert call >= 0 and asked.marks
        other = module.MathParagraph(ATIH.replace("ATIH", "<b>ATIH</b>"), text_style).frags
        again = module._resumed(para, width, module._MARKED, other, call)
        fresh = module.MathParagraph(ATIH.replace("ATIH", "<b>ATIH</b>"), text_style)
        whole = module._broken(fresh, width, module._MARKED, fresh.frags, frozenset({call}))
    finally:  # (as _no_final_hyphen leaves them: the counts are the breaking's own)
        asked.set_to(outer)
    assert [module.line_text(line) for line in again.lines] == [module.line_text(line) for line in whole.lines]


def test_a_paragraph_of_more_than_hyphens_lines_lines_is_not_broken_again_for_its_hyphens(text_style, monkeypatch):
    """Fuzzing: a paragraph of 3,000 long words, broken again HYPHENS_TRIED times whole for its runs of hyphens, took
    6.6 s against 1.9 s. One of more than HYPHENS_LINES lines is broken once, as ReportLab breaks it."""
    from booklet.text import paragraph as module

    width = 334.49
    plain = _broken_lines(ATIH, text_style, width, rule=False)
    monkeypatch.setattr(module, "HYPHENS_LINES", len(plain) - 1)
    assert _broken_lines(ATIH, text_style, width) == plain
    monkeypatch.setattr(module, "HYPHENS_LINES", len(plain))
    assert _hyphens_in_a_row(_broken_lines(ATIH, text_style, width)) <= 2


def test_hyphenations_are_noted_only_while_a_paragraph_counts_them(text_style):
    """A review: the hyphenations of text cut short (the glance's titles: break_cut_lines) were added to a list of the
    class, which grew for the whole process. They are noted only while _no_final_hyphen breaks a paragraph."""
    from booklet.text import paragraph as module

    para = module.MathParagraph(ATIH, text_style)
    para.breakLines = lambda width: module.break_cut_lines(para, width)
    para.wrap(120, 10**6)
    assert para.blPara.lines and module._ASKED.hyphens is None
    assert _broken_lines(ATIH, text_style, 334.49) and module._ASKED.hyphens is None  # (set back once broken)


def test_a_word_of_thousands_of_letters_is_offered_only_breaks_that_might_fit(text_style, monkeypatch):
    """A DNA sequence of 4,000 letters in an abstract took 27 s to build, 12,000 letters minutes: ReportLab measures
    every break the dictionary (or, for a word no line holds, every letter) offers, the longest head first, line after
    line. A word of more than LONG_WORD letters is offered only heads of at most three times what the room holds at
    its mean width: the same lines, each within the width, a few dozen heads measured a line."""
    from booklet.text import paragraph as module

    offered = []
    bounded = module._heads_of_at_most

    def counting(hyphenator, most):
        made = bounded(hyphenator, most)
        return lambda word: (offered.append(1) or pair for pair in made(word))

    word = "ACGT" * 150
    unbounded = module.MathParagraph(word, text_style)
    monkeypatch.setattr(module, "LONG_WORD", 10**9)
    unbounded.wrap(280, 10**6)
    monkeypatch.setattr(module, "LONG_WORD", 60)
    monkeypatch.setattr(module, "_heads_of_at_most", counting)
    para = module.MathParagraph(word, text_style)
    para.wrap(280, 10**6)
    assert _lines(para) == _lines(unbounded)
    long = module.MathParagraph("Sequence: " + "ACGT" * 1000 + " ends.", text_style)
    offered.clear()
    long.wrap(280, 10**6)
    lines = _lines(long)
    assert len(lines) > 50 and all(module._extra_space(line) >= -0.5 for line in long.blPara.lines)
    assert "".join(line.strip().rstrip("-") for line in lines).replace("Sequence:", "").replace("ends.", "") \
        .strip() == "ACGT" * 1000
    assert len(offered) < 80 * len(lines), len(offered)
    # a word of narrow letters then wide ones (a review): the same lines as without the bound, at every width
    for mixed in ("i" * 50 + "W" * 40, "W" * 40 + "i" * 50, "l" * 30 + "m" * 30 + "j" * 30):
        for width in range(40, 300, 13):
            bounded_para = module.MathParagraph(mixed, text_style)
            bounded_para.wrap(width, 10**6)
            monkeypatch.setattr(module, "LONG_WORD", 10**9)
            free = module.MathParagraph(mixed, text_style)
            free.wrap(width, 10**6)
            monkeypatch.setattr(module, "LONG_WORD", 60)
            assert _lines(bounded_para) == _lines(free), (mixed, width)


@pytest.mark.parametrize("markup", ["", "<i>a</i> "])
def test_a_long_word_split_across_pages_keeps_every_letter_inside_the_width(text_style, markup):
    """A word of 3,000 letters in an abstract ran past the page: 1,800 of its letters on one line of the part before
    a page break (ReportLab marked the word the page broke on the paragraph's own fragments, and a second split, at
    another height, had that mark inside a part; and what is left of such a word, its hyphen on its end, it never
    hyphenated again). Split at several heights in turn, as a frame may try, each part's lines fit the width and the
    parts hold every letter."""
    from booklet.text.paragraph import _extra_space

    text = markup + "x" * 3000
    for heights in ([400], [400, 200, 37], [37, 400], [200, 100, 37]):
        paragraph = Para(text, text_style)
        paragraph.wrap(300, 10**6)
        for height in heights:
            parts = paragraph.split(300, height)
        assert len(parts) == 2, heights
        letters = 0
        for part in parts:
            part.wrap(300, 10**6)
            for line in part.blPara.lines:
                assert _extra_space(line) >= -0.5, heights  # (what the line's words leave of the width)
            letters += sum(line.count("x") for line in _lines(part))
        assert letters == 3000, heights


def test_a_word_of_more_than_a_thousand_letters_is_hyphenated_from_its_head(text_style, monkeypatch):
    """ReportLab reads the whole of a word with a few regular expressions at every try of every line: a word of 32,000
    letters took 17 s to build, one of 99,000 minutes. A word of more than CUT_WORD letters is asked of its first
    letters alone (twice what a line holds, and the patterns' reach), the rest put back on the tail: the same lines."""
    from booklet.text import paragraph as module

    asked = []
    real = module._from_the_head

    def watching(hyphenate, breaks, args, width_at, most):
        return real(lambda b, *a: asked.append(len(a[width_at - 1] if width_at else a[0][1][1])) or hyphenate(b, *a),
                    breaks, args, width_at, most)

    for text in ("x" * 5000, "<i>a</i> " + "xy" * 2500, "Sequence: " + "ACGT" * 1500 + " ends.", "W" * 1500 + "i" * 3000):
        monkeypatch.setattr(module, "_from_the_head", real)
        monkeypatch.setattr(module, "CUT_WORD", 10**9)
        whole = module.MathParagraph(text, text_style)
        whole.wrap(300, 10**6)
        monkeypatch.setattr(module, "CUT_WORD", 1000)
        monkeypatch.setattr(module, "_from_the_head", watching)
        asked.clear()
        cut = module.MathParagraph(text, text_style)
        cut.wrap(300, 10**6)
        assert _lines(cut) == _lines(whole), text[:20]
        assert asked and max(asked) <= 1000, text[:20]  # (what is left, once under a thousand letters, whole)


def test_a_long_compound_unhyphenated_by_the_dictionary_is_broken_at_its_hyphens_from_its_head(text_style,
                                                                                               monkeypatch):
    """Fuzzing: an abstract's title of 1,000 hyphenated words ("word-word-...", 5,000 letters) took 26 s to build
    against 2.5 s: the glance sets a title first without the dictionary (hyphenationLang ""), where ReportLab breaks a
    compound at its own hyphens (embeddedHyphenation) trying every hyphen from the last and measuring each head, line
    after line. Such a word too is asked of its first letters alone (_from_the_head): the same lines."""
    from booklet.text import paragraph as module

    style = text_style.clone("unhyphenated", hyphenationLang="", embeddedHyphenation=1)
    asked = []
    real = module._from_the_head

    def watching(hyphenate, breaks, args, width_at, most):
        return real(lambda b, *a: asked.append(len(a[width_at - 1] if width_at else a[0][1][1])) or hyphenate(b, *a),
                    breaks, args, width_at, most)

    # 300 words (1,500 letters: more than CUT_WORD, 150 lines) ask the same as 1,000; the lines without the bound,
    # wanted alike, take ~15 times as long to set for 1,000 (27 s of CPU against 2 s), for 400 (0.8 s) twice as long
    for text in ("-".join(["word"] * 300), "<i>a</i> " + "-".join(["word"] * 300)):
        monkeypatch.setattr(module, "_from_the_head", real)
        monkeypatch.setattr(module, "_most_letters", lambda *args: None)  # (as before: no bound without a dictionary)
        whole = module.MathParagraph(text, style)
        whole.wrap(60, 10**6)
        monkeypatch.undo()
        monkeypatch.setattr(module, "_from_the_head", watching)
        asked.clear()
        cut = module.MathParagraph(text, style)
        cut.wrap(60, 10**6)
        assert len(_lines(cut)) > 100 and _lines(cut) == _lines(whole), text[:20]
        assert "".join(_lines(cut)).replace("<i>a</i> ", "").endswith("-".join(["word"] * 300)[-40:])
        assert asked and max(asked) <= 1000, (text[:20], max(asked))


# (600 words joined by slashes: 3,000 letters, three times CUT_WORD, 200 lines; 1,500 asked the same, their lines set
# whole taking 1.7 s of CPU against 0.2)
@pytest.mark.parametrize("text", ["<i>See:</i>" + "/".join(["word"] * 600),
                                  "<i>" + "-".join(["word"] * 1500) + "</i>\u2026",
                                  # (150 parameters: an address of 1,900 letters, nearly twice CUT_WORD, 84
                                  # lines; 300 asked the same, its lines set whole taking 2.8 s of CPU against 0.4)
                                  "Go to <a href='https://example.org'>https://example.org/a?"
                                  + "&amp;".join(f"k{i}=v{i}" for i in range(150)) + "</a> now."])
def test_a_long_word_of_several_fragments_is_hyphenated_from_its_head(text_style, monkeypatch, text):
    """Fuzzing: a title of 2,000 words joined by slashes took 34 s to build (the glance cuts a title with an ellipsis,
    a fragment of its own, and tries cut after cut), a web address of 4,000 parameters in an abstract 15 s: a word of
    more than one fragment was asked whole (_from_the_head), and ReportLab measures every break of a web address, or
    every hyphen, from the last, each head again from its first part, at every line. Such a word too is asked of its
    first letters alone, the rest put back on the tail: the same lines."""
    from booklet.text import paragraph as module

    asked = []
    real = module._from_the_head

    def watching(hyphenate, breaks, args, width_at, most):
        return real(lambda b, *a: asked.append(sum(len(t) for _, t in a[0][1:])) or hyphenate(b, *a),
                    breaks, args, width_at, most)

    monkeypatch.setattr(module, "CUT_WORD", 10**9)
    whole = module.MathParagraph(text, text_style)
    whole.wrap(90, 10**6)
    monkeypatch.setattr(module, "CUT_WORD", 1000)
    monkeypatch.setattr(module, "_from_the_head", watching)
    cut = module.MathParagraph(text, text_style)
    cut.wrap(90, 10**6)
    assert len(_lines(cut)) > 50 and _lines(cut) == _lines(whole)
    assert [line.extraSpace for line in cut.blPara.lines] == pytest.approx(
        [line.extraSpace for line in whole.blPara.lines])
    assert asked and max(asked) <= 1000, max(asked)


def test_a_first_setting_kept_by_the_last_line_rule_keeps_its_own_fragments(text_style):
    """Where the rule keeps the first setting ("er- / ror." whole would be too loose), a layout.flowables.Para kept
    the fragments (the words) of the setting it threw away: its fragments are a property, not in its dictionary.
    Its words are those of its lines, as a MathParagraph's are."""
    from booklet.layout.flowables import Para
    from booklet.text import paragraph as module

    text = TRIAL + " <b>Bold</b> end"
    para, plain = Para(text, text_style), module.MathParagraph(text, text_style)
    para.wrap(135, 1000)
    plain.wrap(135, 1000)
    assert _lines(para) == _lines(plain)
    def words(paragraph) -> list[str]:  # (after breaking, a paragraph's frags are its words: [width, (frag, text)..])
        return ["".join(text for _, text in word[1:]) for word in paragraph.frags]

    assert len(para.frags) == len(plain.frags) and words(para) == words(plain)


def test_a_paragraph_reportlab_would_not_split_is_broken_again_from_its_fragments_as_parsed(text_style):
    """ReportLab's split deletes a paragraph's lines where it will not split (an orphan: "force the whole para
    onwards"), and the next wrap broke it again from the words the first breaking had left in place of its
    fragments: "integral-field" came out "integ- / ralfield", and a build without the cache set it otherwise than one
    with the cache (which keeps the first wrap's lines). It is broken again from its fragments as parsed."""
    from booklet.layout.flowables import Para
    from booklet.text import markup

    text = markup.inline("Finally, we outline how Gaussian process could be applied to an integral-field spectroscopy "
                         "sample in the coming decade. We present a normalising flow for Lyman-$\\alpha$ absorbers "
                         "observed in space-based astrometry.")
    para = Para(text, text_style)
    para.wrap(301.6, 1000)
    first = _lines(para)
    assert first[0].endswith("integral-")
    assert para.split(301.6, text_style.leading * 1.5) == []  # (one line would be an orphan)
    para.wrap(301.6, 1000)
    assert _lines(para) == first


def test_a_paragraph_wrapped_at_another_width_is_broken_from_its_fragments_as_parsed(text_style):
    """A second review: wrapped at one width, then at another, a paragraph was broken the second time from the words
    the first breaking left ("integ- / ralfield"), and a refused split then set it otherwise again. Each breaking
    starts from its fragments as parsed: the lines at a width are those of a paragraph wrapped there first."""
    from booklet.layout.flowables import Para
    from booklet.text import markup

    text = markup.inline("Finally, we outline how Gaussian process could be applied to an integral-field spectroscopy "
                         "sample in the coming decade. We present a normalising flow for Lyman-$\\alpha$ absorbers "
                         "observed in space-based astrometry.")
    fresh = Para(text, text_style)
    fresh.wrap(301.6, 1000)
    for first in (150, 157, 290, 297, 304):
        para = Para(text, text_style)
        para.wrap(first, 1000)
        para.wrap(301.6, 1000)
        assert _lines(para) == _lines(fresh), first
        assert para.split(301.6, text_style.leading * 1.5) == []
        para.wrap(301.6, 1000)
        assert _lines(para) == _lines(fresh), first


def test_a_word_broken_after_its_own_hyphen_keeps_it_when_a_split_paragraph_is_broken_again():
    """A typesetter's review of A4: "genetic-programming" printed "geneticprogram- / ming" in a paragraph split
    between two columns. Its head, "genetic-", joined again to its tail to break the part anew, lost its hyphen
    (ReportLab takes a hyphen off any head it joins). Every width at which a line ends "genetic-", every split."""
    from booklet.text import markup
    from booklet.text.paragraph import line_text

    register_fonts()
    style = make_styles(page_for("A4")).text
    text = ("I present *experiments* in which a genetic-programming search is run on simulated galaxy catalogues "
            "with known underlying relations, and on observed samples. The search reliably recovers power laws "
            "and simple corrections, but it also happily proposes spurious terms.")
    tried = 0
    for width in range(150, 260, 2):
        para = Para(markup.inline(text), style)
        para.wrap(width, 1000)
        lines = [line_text(line) for line in para.blPara.lines]
        if not any(line.endswith("genetic-") for line in lines):
            continue
        for count in range(1, len(lines)):
            parts = para.split(width, count * style.leading + 0.1)
            if len(parts) < 2:  # (a line alone at a foot or a head: not split there)
                continue
            for part in parts:
                part.wrap(width, 1000)
            printed = "\n".join(line_text(line) for part in parts for line in part.blPara.lines)
            assert "genetic-" in printed and "geneticprogram" not in printed, (width, count, printed)
            tried += 1
    assert tried >= 20


def test_a_word_wider_than_its_line_at_a_lines_start_is_hyphenated_not_cut_without_a_hyphen(text_style):
    """A review of an imported German book: the glance's box printed "Hochschulvertre- / tertref…", and a narrow line
    "Das Hochschulv / ertretertreffen": ReportLab does not hyphenate a line's first word (nor what is left of it), it
    cuts it where the line ends. Such a paragraph is broken by booklet's loop: the word hyphenated, again where its
    rest is still too wide; every letter kept, no line wider than its width."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from booklet.layout.flowables import Para

    style = text_style.clone("text-de", hyphenationLang="de_DE")
    for text in ("Hochschulvertretertreffen", "Das Hochschulvertretertreffen",
                 "Donaudampfschifffahrtsgesellschaftskapitän"):
        for width in range(40, 120, 5):
            para = Para(text, style)
            para.wrap(width, 1000)
            lines = [" ".join(line[1]) if para.blPara.kind == 0 else "".join(getattr(f, "text", "")
                                                                            for f in line.words)
                     for line in para.blPara.lines]
            assert not getattr(para, "_splitLongWordCount", 0), (text, width, lines)
            assert "".join(line.rstrip("-").replace(" ", "") for line in lines) == text.replace(" ", ""), lines
            assert all(stringWidth(line.strip(), style.fontName, style.fontSize) <= width + 0.5 for line in lines), (
                width, lines)


def test_a_posters_numbered_affiliations_hang_and_its_abstract_stands_apart_from_them(tmp_path):
    """A poster's affiliation that runs over a line goes on under its text, not under its number (it went back to the
    margin); the abstract starts a paragraph's space below the affiliations (it ran straight on from them)."""
    import pypdfium2 as pdfium

    from .helpers import write_conference

    long = "Department of Physics, California State University, East Bay, Hayward, California 94542-3084, USA"
    folder = write_conference(tmp_path / "conf", {"posters.yaml": (
        "- number: 1\n  title: Levitation of a ferromagnetic particle\n  authors:\n"
        "    - {name: Tao Wang, affiliation: 'University of California, Berkeley'}\n"
        f"    - {{name: Derek Kimball, affiliation: '{long}'}}\n"
        "  abstract: A precessing needle magnetometer is proposed here.\n")})
    pdf = Pdf(build_booklet(folder, tmp_path / "b.pdf").output)
    (page,) = pdf.pages_with("A precessing needle magnetometer is proposed here.")
    text = pdfium.PdfDocument(str(tmp_path / "b.pdf"))[page].get_textpage()
    chars = text.get_text_range()

    def box(word: str, last: bool = False) -> tuple[float, float, float, float]:
        at = chars.rindex(word) if last else chars.index(word)
        return text.get_charbox(at)  # (left, bottom, right, top) of its first character

    department, usa, number = box("Department"), box("USA", last=True), box("2\r\n Department")
    assert usa[3] < department[1]  # "USA" on the line after
    assert usa[0] == pytest.approx(department[0], abs=1.0) and number[2] < usa[0] - 1  # under "D", right of "2"
    styles = make_styles(page_for("A5"))
    first = box("A precessing")
    # baseline to baseline: a line of text and half a paragraph's space at least (it was less than a line's leading)
    assert usa[1] - first[1] > styles.text.leading + styles.text.spaceAfter / 2


@pytest.mark.parametrize("text", ["x\u00ad" + "a" * 200, "A long compound: Donau\u00addampfschifffahrtsgesellschafts"
                                  "kapitaensmuetzenabzeichenherstellungsbetriebsleitungsassistentenvertretung and more."])
def test_what_a_soft_hyphen_leaves_of_a_word_wider_than_the_line_is_split_again(text_style, text):
    """A word broken at its soft hyphen left the rest of it whole on the next line, however wide: a line of 200
    letters ran off the page (preflight found it in the margin; nothing warned). It is split as a long word is, every
    letter kept in order."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from booklet.text import markup

    paragraph = Para(markup.inline(text), text_style)
    paragraph.wrap(300, 10000)
    lines = [line.replace("\u00ad", "") for line in _lines(paragraph)]
    assert len(lines) >= 3
    for line in lines:
        assert stringWidth(line, text_style.fontName, text_style.fontSize) <= 300.5, line
    assert "".join(line.strip().rstrip("-") if line.strip().endswith("-") else line.strip() for line in lines) \
        .replace(" ", "") == text.replace("\u00ad", "").replace(" ", "")


def test_a_posters_names_are_in_the_text_s_weight_under_its_bold_title(tmp_path):
    """A review: a poster's title and its authors' names were both bold, at one size: nothing told them apart. The
    names are in the text's regular weight (an abstract's page keeps them bold, under its larger title)."""
    import pypdf

    from .helpers import write_conference

    folder = write_conference(tmp_path / "conf", {"posters.yaml": (
        "- number: 1\n  title: Levitation of a ferromagnetic particle\n  authors:\n"
        "    - {name: Tao Wang, affiliation: Berkeley}\n    - {name: Derek Kimball, affiliation: Hayward}\n")})
    pdf = Pdf(build_booklet(folder, tmp_path / "b.pdf").output)
    (page,) = pdf.pages_with("Levitation of a ferromagnetic particle")
    fonts = {}
    pypdf.PdfReader(str(tmp_path / "b.pdf")).pages[page].extract_text(
        visitor_text=lambda t, cm, tm, f, s: fonts.setdefault(t.strip(), (f or {}).get("/BaseFont", "")))
    assert fonts["Levitation of a ferromagnetic particle"].endswith("Bold")
    assert not fonts["Tao Wang"].endswith("Bold") and not fonts[", Derek Kimball"].endswith("Bold"), fonts


def test_code_in_a_title_set_bold_is_in_the_code_font_s_bold_face(text_style):
    """A review: code in a title (set in a bold style, or bold around its markup) was in the code font's regular face
    inside the bold title; code in a line of text stays regular."""
    from booklet.layout.styles import make_styles
    from booklet.text import markup

    def fonts(made: str, style) -> dict[str, str]:
        paragraph = Para(made, style)
        paragraph.wrap(300, 100)
        return {word.text.strip(): word.fontName for line in paragraph.blPara.lines for word in line.words}

    title = markup.title("Reading with `fread()` fast", bold=True)
    assert fonts(title, make_styles(page_for("A5")).title)["fread()"] == "Mono-Bold"
    assert fonts(f"<b>{title}</b>", text_style)["fread()"] == "Mono-Bold"
    assert fonts(markup.inline("We call `fread()` here"), text_style)["fread()"] == "Mono"


@pytest.mark.parametrize("text, language, head", [
    ("Die 5G-Überwachungsstandards: Cops gegen Telekoms", "de_DE", "Die 5G-Überwachungs-"),
    ("IPv6-Adressvergabeverfahren im Netz", "de_DE", "IPv6-Adressvergabe-"),
    ("Die 5G-Überwachungsstandards: Cops gegen Telekoms", "en_GB", "Die 5G-")])
def test_a_compound_with_digits_wider_than_its_line_breaks_after_its_hyphen_never_inside_a_word_without_one(
        text_style, text, language, head):
    """The 2019 Camp import's "Die 5G-Überwachungsstandards: ..." in a narrow box of the glance: ReportLab hyphenates
    only words of letters, so "5G-Überwachungsstandards" (a digit in a part) was split without a hyphen ("Die
    5G-Überwachun / gsstandards:"). A compound wider than its line breaks after its own hyphen, its parts as the
    dictionary has them: in German at the longest head that fits, inside a part too ("5G-Überwachungs-"), as German
    breaks any compound; in English after its own hyphen first."""
    from reportlab.pdfbase import pdfmetrics

    from booklet.text import paragraph as module

    german = text_style.clone("de", hyphenationLang=language)
    para = module.MathParagraph(text, german)
    para.wrap(0.8 * pdfmetrics.stringWidth(max(text.split(), key=len), german.fontName, german.fontSize), 1000)
    lines = [line.strip() for line in _lines(para)]
    assert lines[0] == head and not para._splitLongWordCount, lines
    joined = "".join(line if line == "Die 5G-" else line[:-1] if line.endswith("-") else line + " " for line in lines)
    assert joined.split() == text.split(), lines  # (every other line broken at a space or hyphenated)


def test_a_joined_word_wider_than_its_line_after_other_words_goes_to_the_next_line_to_be_hyphenated_there(text_style):
    """A word with digits or a slash wider than a whole line, after other words, was cut into the room left without a
    hyphen, as code is ("Wir nutzen COV" / "ID-19-Überwach" / "ungsstandards"): a word of a language (linebreak.
    _a_word_of_letters, as the hyphenation's gate takes words joined so) starts the next line and is hyphenated
    there."""
    from booklet.text import paragraph as module

    para = module.MathParagraph("Wir nutzen COVID-19-Überwachungsstandards heute",
                                text_style.clone("de", hyphenationLang="de_DE"))
    para.wrap(66, 1000)
    assert [line.strip() for line in _lines(para)] == ["Wir nutzen", "COVID-19-Über-", "wachungsstan-", "dards heute"]
    assert not para._splitLongWordCount


def _split_at(text: str, style, width: float, count: int, rule: bool = True) -> list:
    para = Para(text, style)
    para.wrap(width, 1000)
    return (para.split if rule else para._split_in)(width, count * style.leading + 0.1)


def _all_text(parts, width: float) -> str:
    from .pdftext import norm

    for part in parts[1:]:
        part.wrap(width, 1000)
    return norm("".join(line.rstrip("-") if line.endswith("-") else line + " "
                        for part in parts for line in _lines(part)))


@pytest.mark.parametrize("count, kept, before", [
    (7, 7, "Information Systems Plan (SDSI) and following the lead of other public administrations such as INSEE (the "
           "French National Institute of Statistics and Economic Stud-"),  # broken again: "Studies" whole overleaf
    (6, 5, "Information Systems Plan (SDSI) and following the lead of other public administra-"),  # a line fewer
])
def test_a_paragraph_split_at_a_pages_foot_leaves_no_hyphen_there(text_style, count, kept, before):
    """About one page in a hundred of the real books ended with a word broken over the page ("...Economic Stud- /
    ies"). A split whose last line kept ends with a hyphen the hyphenation added: the paragraph broken again with that
    word whole on that line (the lines before it as they were, no line wider, that one no looser than a final hyphen
    refused may leave), else one line fewer kept where it starts; the text all there, in both parts."""
    from booklet.text.paragraph import _extra_space
    from .pdftext import norm

    width = 334.49  # (A5's text width)
    plain = _split_at(ATIH, text_style, width, count, rule=False)
    assert len(plain) == 2 and _lines(plain[0])[-1].strip().endswith(before[-25:])  # (without the rule)
    parts = _split_at(ATIH, text_style, width, count)
    assert len(parts) == 2 and len(parts[0].blPara.lines) == kept
    assert not _lines(parts[0])[-1].rstrip().endswith("-")
    assert _lines(parts[0])[:kept - 1] == _lines(plain[0])[:kept - 1]
    # no line wider than ReportLab's widest (which may shrink its spaces a little)
    assert min(map(_extra_space, parts[0].blPara.lines)) >= min(map(_extra_space, plain[0].blPara.lines)) - 0.01
    assert _all_text(parts, width) == _all_text(plain, width) == norm(ATIH)
    para = Para(ATIH, text_style)  # the paragraph itself left as it was: split again, the same
    para.wrap(width, 1000)
    lines = _lines(para)
    first, again = (para.split(width, count * text_style.leading + 0.1) for _ in range(2))
    assert _lines(para) == lines
    for part in first[1:] + again[1:]:
        part.wrap(width, 1000)
    assert [_lines(part) for part in again] == [_lines(part) for part in first] == [_lines(part) for part in parts]


def test_a_hyphen_at_a_frames_foot_stays_where_no_breaking_avoids_it(text_style):
    """"Lautenmu- / sik" on the second line of a German abstract at a page's foot: the word whole would leave that
    line too loose, and one line fewer would leave a line alone there (an orphan): the split is ReportLab's."""
    german = text_style.clone("de", hyphenationLang="de_DE")
    text = "Ein Wort: Donaudampfschifffahrtsgesellschaftskapitän und Donaudampfschifffahrtsgesellschaftskapitäne"
    tried = 0
    for count in (2, 3, 4):
        plain = _split_at(text, german, 90, count, rule=False)
        parts = _split_at(text, german, 90, count)
        if len(plain) == 2 and _lines(plain[0])[-1].endswith("-"):
            tried += 1
        for part in parts[1:] + plain[1:]:
            part.wrap(90, 1000)
        assert [_lines(part) for part in parts] == [_lines(part) for part in plain]
    assert tried


def test_a_frame_of_a_built_pdf_ends_with_no_hyphen_and_the_text_goes_on(tmp_path, text_style):
    """Through ReportLab's frames, as a book is built: the first page's last line ends with no hyphen (ReportLab's
    split left "...Economic Stud-" there), and the paragraph's text is all there, over the two pages."""
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    from .pdftext import Pdf, norm

    width, height = 334.49, 7 * text_style.leading + 0.1
    frame = Frame(0, 0, width, height, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    path = tmp_path / "split.pdf"
    doc = BaseDocTemplate(str(path), pagesize=(width, height), pageTemplates=[PageTemplate(frames=[frame])],
                          invariant=1)
    doc.build([Para(ATIH, text_style)])
    pdf = Pdf(path)
    assert len(pdf) == 2
    first = [line for line in pdf.texts[0].splitlines() if line.strip()]
    assert len(first) == 7 and not first[-1].rstrip().endswith(("-", "\u00ad")), first[-1]
    assert norm("".join(pdf.texts)) == norm(ATIH)


GERMAN_CK = "Rückblick Glückwunsch Stückzahl Rückkehr Zucker Bäckerei Druckverfahren"


def test_german_words_are_not_broken_before_a_ck_that_a_consonant_follows(text_style):
    """pyphen's German patterns break "Rü-ckblick" and "Glü-ckwunsch"; German print breaks after the "ck"
    ("Rück-blick") and before it only where a vowel follows ("Zu-cker", "Bä-cke-rei")."""
    from booklet.text.paragraph import pattern_cuts

    style = text_style.clone("text-de-ck", hyphenationLang="de_DE", alignment=0)
    heads, tails = set(), set()
    for width in range(64, 130, 2):  # (every word fits a line: none is cut where it is wider than one)
        paragraph = Para(GERMAN_CK, style)
        paragraph.wrap(width, 5000)
        lines = _lines(paragraph)
        for line, after in zip(lines, lines[1:]):
            if line.endswith("-"):
                heads.add(line.rsplit(" ", 1)[-1])
                tails.add(after.split(" ", 1)[0])
    assert "Rück-" in heads and "Glück-" in heads and "Zu-" in heads and "Bä-" in heads
    assert not [tail for tail in tails if tail[:2] == "ck" and tail[2:3] not in "aeiouäöü"], tails
    assert "cker" in tails or "ckerei" in tails
    assert pattern_cuts("Rückblick", "de_DE") == [4]
    assert pattern_cuts("Zucker", "de_DE") == [2]
    assert pattern_cuts("Glückwunsch", "de_AT") == [5]


@pytest.mark.parametrize("width", range(40, 64, 2))
def test_a_word_no_line_holds_after_another_starts_the_next_line_hyphenated_by_the_dictionary(text_style, width):
    """"Druckverfahren" (63.5 pt) after "Bäckerei" in a narrow column: it was split into the room the line had left
    ("Bäckerei D" / "ruckverfahren", no hyphen) or cut anywhere ("Bäckerei Druc-" / "kverfahren"), and alone on its
    line it was split without a hyphen where the hyphen would have left a short last line ("Druckverfahr" / "en")."""
    style = text_style.clone("text-de-narrow", hyphenationLang="de_DE", alignment=0)
    paragraph = Para("Bäckerei Druckverfahren", style)
    paragraph.wrap(width, 5000)
    lines = _lines(paragraph)
    assert lines[0].strip() == "Bäckerei"
    assert lines[1] in ("Druck-", "Druckver-", "Druckverfah-"), lines
    assert lines[1][:-1] + lines[2] == "Druckverfahren", lines


def test_only_the_runs_tied_by_no_break_spaces_wider_than_the_line_are_untied_across_fonts(text_style):
    """_wide_runs_untied finds the runs from their ties alone: a run goes on across fragments (an italic word) to the
    spaces around it and ends at a line break; those wider than the width are untied, every other tie is kept, and
    the fragments come back as they are (the same list) when no run is too wide."""
    from booklet.text import paragraph as module

    markup = ("short\xa0tie, a run across <i>fonts\xa0in</i>\xa0italics, then\xa0end,"
              " aaaa\xa0bbbb<br/>cccccccccccc")
    frags = module.MathParagraph(markup, text_style).frags

    def width(text, italic=False):
        name = text_style.fontName if not italic else next(f.fontName for f in frags if f.text == "fonts\xa0in")
        return module._string_width(text, name, text_style.fontSize)

    across = width("fonts\xa0in", italic=True) + width("\xa0italics,")
    short = max(width("short\xa0tie,"), width("then\xa0end,"), width("aaaa\xa0bbbb"))
    assert short < across and width("aaaa\xa0bbbbcccccccccccc") > across  # (the break ends that run: not measured)
    untied = module._wide_runs_untied(frags, (short + across) / 2)
    texts = [getattr(f, "text", None) for f in untied]
    assert texts[:3] == ["short\xa0tie, a run across ", "fonts in", " italics, then\xa0end, aaaa\xa0bbbb"], texts
    assert [getattr(f, "text", None) for f in frags][:3] == [
        "short\xa0tie, a run across ", "fonts\xa0in", "\xa0italics, then\xa0end, aaaa\xa0bbbb"]  # (copies changed)
    assert module._wide_runs_untied(frags, across + 1) is frags
    assert module._wide_runs_untied(frags, 1)[0].text == "short tie, a run across "  # narrower: every run untied


def test_a_thin_space_holds_and_a_run_tied_by_thin_spaces_wider_than_the_line_breaks_at_them(text_style):
    """A narrow no-break space (U+202F, the French space before ? ! ; and inside « ») is set as a fixed thin box: no
    line starts with the mark after it, and no line ends with "«". A run of words a user tied with such spaces that no
    line holds ("mot\\u202fmot\\u202f..."), is untied there, as a run tied by no-break spaces is (_untied): broken at
    its spaces, not cut in a word without a hyphen."""
    from booklet.text import markup
    from booklet.text.paragraph import BOX_FONT, THIN_EM, _BOXES

    def lines(text: str, width: float) -> list[str]:
        para = Para(markup.inline(text), text_style)
        para.wrap(width, 10000)
        made = []
        for line in para.blPara.lines:
            made.append(" ".join(line[1]) if isinstance(line, tuple) else "".join(
                "\u202f" if getattr(f, "fontName", "") == BOX_FONT and f.text in _BOXES else f.text
                for f in line.words))
        return made

    french = " ".join(["Pourquoi les modèles hiérarchiques ? Parce que ; c'est « un autre regard » !"] * 8)
    assert markup.inline(french).count("\u202f") == 8 * 5
    for width in range(120, 300, 7):
        found = lines(french, width)
        assert not [line for line in found[1:] if line[:1] in "?;!»" or line.endswith("«")], (width, found)
        assert all("\u202f" + mark in "".join(found) for mark in "?;!»")
    para = Para(markup.inline("oui ?"), text_style)
    (box,) = [f for f in para.frags if f.fontName == BOX_FONT]
    assert _BOXES[box.text].width == pytest.approx(THIN_EM * text_style.fontSize)
    tied = "\u202f".join(["mot"] * 40)
    found = lines(f"Ici {tied} fin.", 150)
    assert len(found) > 3 and all(set(line.replace("\u202f", " ").split()) <= {"Ici", "mot", "fin."} for line in found)


def test_a_glyph_wider_than_the_line_after_marks_of_no_width_is_set_whole_not_split_forever(text_style, monkeypatch):
    """Fuzzing: "e\u0301a" in a box narrower than a letter. Its rest after the "e", the accent (of no width) and the
    "a", was split into itself again and again: the build never ended. Each letter now prints, once."""
    from booklet.text import linebreak

    split, calls = linebreak._rl._splitFragWord, []

    def counted(*args):
        calls.append(1)
        assert len(calls) < 50, "the same word split again and again"
        return split(*args)

    monkeypatch.setattr(linebreak._rl, "_splitFragWord", counted)
    paragraph = Para("e\u0301a", text_style)
    paragraph.wrap(2, 1000)
    assert "".join(_lines(paragraph)) == "e\u0301a"


def test_size_and_leading_operators_are_reportlabs():
    """The font size and leading operators a line of text writes after its subset's name, formatted once per pair
    (_size_and_leading): the same text as ReportLab's fp_str makes each time, for an int and a float alike."""
    from reportlab.lib.rl_accel import fp_str

    from booklet.text import paragraph as module

    for size, leading in ((9.5, 11.399999999999999), (10, 12), (10.0, 12.0), (8.075, 9.69), (7.125, 8.55),
                          (13.489999999999998, 16.2), (0.1 + 0.2, 1e-7)):
        assert module._size_and_leading(size, leading) == f"{fp_str(size)} Tf {fp_str(leading)} TL"
        assert module._size_and_leading(size, leading) is module._size_and_leading(size, leading)


def test_a_word_of_tens_of_thousands_of_letters_is_measured_and_read_a_line_at_a_time(text_style, monkeypatch):
    """Fuzzing: a title of one word of 48,000 letters took 15 s of CPU to build, one of 99,000 minutes. At every line
    what was left of the word was measured whole again (its width is the word's less the head's), read whole for a
    space (_long_leftover), and its head looked up in the dictionary (a word of more than NO_DICTIONARY letters is
    no word of any language: broken anywhere, with a hyphen). Counted: no text longer than a few lines is measured
    more than once, in one fragment and in two, and the dictionary is asked a few dozen times, not at every line."""
    from booklet.text import paragraph as module

    from reportlab.pdfbase.ttfonts import TTFont

    measured = []
    real = TTFont.stringWidth
    monkeypatch.setattr(TTFont, "stringWidth",
                        lambda self, text, *args, **kwargs: measured.append(len(text)) or real(self, text, *args, **kwargs))
    looked_up = []
    syllables = module._AfterHyphens._syllables
    monkeypatch.setattr(module._AfterHyphens, "_syllables",
                        lambda self, word: looked_up.append(word) or syllables(self, word))
    word = "".join("abcdefghijklmnopqrstuvwxyz"[(i * 7) % 26] for i in range(20_000))
    for before, text in (("", word), ("a", "<i>a</i> " + word)):
        measured.clear()
        looked_up.clear()
        para = module.MathParagraph(text, text_style)
        para.wrap(300, 10**6)
        lines = _lines(para)
        assert len(lines) > 300
        assert "".join(line.strip().removesuffix("-") for line in lines) == before + word
        assert all(module._extra_space(line) >= -0.5 for line in para.blPara.lines)
        assert len([n for n in measured if n > 1000]) <= 2, sorted(measured)[-5:]
        # (the dictionary only for its last thousand letters, a few dozen lines, as for any shorter word)
        assert len(looked_up) < 200, len(looked_up)


def test_a_page_of_a_word_of_thousands_of_letters_is_split_without_breaking_it_again_line_by_line(text_style,
                                                                                                  monkeypatch):
    """Fuzzing: a word of 48,000 letters in an abstract's text took 20 s of CPU to build. Each page's part, broken again
    on its own, broke its word by the dictionary in its last thousand letters (a shorter word than the whole was there)
    and took a line more than the whole had, so that the split asked a line less, again and again, down to nothing, at
    every page. A word a page breaks is broken as the whole was, without the dictionary: each page's part has the
    lines the whole had there, and is broken a few times, not once for each of its lines."""
    from booklet.text import paragraph as module

    broken = []
    real = module.break_lines
    monkeypatch.setattr(module, "break_lines", lambda *args, **kwargs: broken.append(1) or real(*args, **kwargs))
    word = "".join("abcdefghijklmnopqrstuvwxyz"[(i * 7) % 26] for i in range(12_000))
    para = Para("Bayesian " + word + " analyses in astronomy.", text_style)
    para.wrap(300, 478)
    assert len(_lines(para)) > 150
    printed, pages = [], 0
    while True:
        whole = _lines(para)
        broken.clear()
        parts = para.split(300, 478)
        if len(parts) < 2:
            break
        parts[0].wrap(300, 478)
        lines = _lines(parts[0])
        # (the first page's part as before: its word after another, split into the room left; see _within_parts)
        assert pages == 0 or lines == whole[:len(lines)]
        assert len(lines) == 38 and len(broken) <= 6, (len(lines), len(broken))
        assert all(module._extra_space(line) >= -0.5 for line in parts[0].blPara.lines)
        printed += lines
        pages += 1
        para = parts[1]
        para.wrap(300, 478)
    printed += _lines(para)
    assert pages >= 4
    assert "".join(line.strip().removesuffix("-") for line in printed).replace(" ", "") \
        == "Bayesian" + word + "analysesinastronomy."


def test_a_kept_wrap_gives_each_paragraph_its_own_widths_unpickled(text_style):
    """What a wrap sets beside its lines that could be changed in place (ReportLab's `_wrapWidths`, a list of numbers)
    is kept as a tuple, not pickled, and each paragraph that finds the wrap gets a list of its own, equal to the one
    the wrap made; anything else is kept pickled."""
    from booklet.cache import BuildCache
    from booklet.layout.flowables import _rest_given, _rest_kept

    cache = BuildCache()
    with cache.build():
        first = Para(HYPHENATED, text_style)
        first.wrap(160, 1000)
        kept = cache.peek("layouts", ("wrapped", first._layout_key, 160))
        assert kept[1] == (("_wrapWidths", tuple(first._wrapWidths)),)
        found = [Para(HYPHENATED, text_style) for _ in range(2)]
        for paragraph in found:
            paragraph.wrap(160, 1000)
        assert found[0]._wrapWidths == found[1]._wrapWidths == first._wrapWidths
        assert type(found[0]._wrapWidths) is list and found[0]._wrapWidths is not found[1]._wrapWidths
        found[0]._wrapWidths.append(1.0)  # changed in place: no other paragraph's
        assert found[1]._wrapWidths == first._wrapWidths
    other = {"_wrapWidths": [1.5, 2], "_extra": {"a": [1]}}
    assert isinstance(_rest_kept(other), bytes) and _rest_given(_rest_kept(other)) == other
    assert _rest_given(_rest_kept({"_wrapWidths": [1.5, 2]})) == {"_wrapWidths": [1.5, 2]}


def test_the_parts_of_a_paragraph_without_scripts_are_not_looked_through_for_them(text_style, monkeypatch):
    """A part split off a paragraph has no text to tell by whether it has a box of scripts, and its lines were looked
    through for one at each wrap and split: what is left of a 98,000-letter name, at each of the 26 pages it ran
    over. A part of a paragraph whose markup has no <mscripts> has none: its lines are not looked through, and measure
    the same; a part of one with scripts still is."""
    from booklet.text import paragraph as module

    looked = []
    reaches = module._reaches
    monkeypatch.setattr(module, "_reaches", lambda lines: looked.append(len(lines)) or reaches(lines))
    from booklet.text.markup import inline

    for text, scripts in (("x" * 3000, False), (inline("$x^{2}$ ") + "x" * 3000, True)):
        paragraph = Para(text, text_style)
        paragraph.wrap(300, 10**6)
        looked.clear()
        first, rest = paragraph.split(300, 200)
        again = rest.split(300, 200)
        assert len(again) == 2 and all(part.wrap(300, 10**6)[1] > 0 for part in (first, *again))
        assert bool(looked) is scripts, (text[:12], looked)
        assert first._may_have_scripts() is scripts and again[1]._may_have_scripts() is scripts
        letters = sum(line.count("x") for part in (first, *again) for line in _lines(part))
        assert letters == 3000 + scripts


def test_a_word_of_a_paragraph_s_lines_is_copied_as_copy_copies_it():
    """copy_word (a split's parts copy each of their words): the same class, items and attributes as copy.copy's, a
    new object, for ReportLab's words and lines; anything else copied by copy.copy."""
    import copy

    from reportlab.platypus import paragraph as rl

    from booklet.text.paragraph import copy_word

    word = rl._SplitFragHY([12.5, ("frag", "xjqz")])
    word._fsww = 3
    line = rl.FragLine(sFW=4, words=[word], extraSpace=1.5)
    for made, original in ((copy_word(word), word), (copy_word(line), line), (copy_word([1, 2]), [1, 2])):
        expected = copy.copy(original)
        assert type(made) is type(expected) and made is not original
        assert vars(made) == vars(expected) if hasattr(original, "__dict__") else made == expected
        assert list(made) == list(expected) if isinstance(original, list) else True


def test_a_word_of_greek_letters_joined_to_a_german_one_is_hyphenated_not_cut():
    """"ελληνικά-Übersetzungsprogramm": line breaking took it for a word of letters (str.isalpha) and started the
    next line with it, to be hyphenated there, but hyphenation's gate took Latin and some Cyrillic letters alone, and
    the word was cut with no hyphen ("Das" / "ελληνικά-Übersetzun" / "gsprogramm und"); now broken at its joint
    and inside its German part."""
    from reportlab.lib.styles import ParagraphStyle

    register_fonts()
    style = ParagraphStyle("de", parent=make_styles(page_for("A5")).text, hyphenationLang="de")
    paragraph = Para("Das ελληνικά-Übersetzungsprogramm und русский-Übersetzungsprogramm", style)
    paragraph.wrap(90, 1000)
    assert _lines(paragraph) == ["Das ελληνικά-Über-", "setzungsprogramm", "und русский-Überset-", "zungsprogramm"]


@pytest.mark.parametrize("text, width, want", [
    ("Neue COVID-19-Regeln", 60, ["Neue", "COVID-19-", "Regeln"]),
    ("Die COVID-19-Prognosen", 50, ["Die", "COVID-19-", "Prognosen"])])
def test_a_compound_wider_than_its_line_never_breaks_before_a_part_of_digits_alone(text, width, want):
    """A narrow box of the glance (German): "COVID-19-Regeln", wider than its line, was broken at its own hyphens by
    ReportLab as a compound with digits ("Neue COVID-" / "19-Regeln"), before a part of digits alone, which the
    hyphenation of joined words never does (_joint_breaks)."""
    from reportlab.lib.styles import ParagraphStyle
    from booklet.layout.glance import _GoodBreaks

    register_fonts()
    style = ParagraphStyle("g", fontName="Sans", fontSize=8, leading=10, splitLongWords=1,
                           hyphenationLang=_GoodBreaks("de_DE"), embeddedHyphenation=1)
    paragraph = Para(text, style)
    paragraph.wrap(width, 1000)
    assert _lines(paragraph) == want
