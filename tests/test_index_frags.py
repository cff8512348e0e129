"""The index entries' fragments made without parsing (layout.index.EntryFrags) against ReportLab's parse of
the entries' markup; the entries set without a paragraph (layout.index.IndexEntry) against the paragraphs of
the same markup, line by line and operator by operator; and whole PDFs built with them against PDFs built by
parsing every entry."""

from __future__ import annotations

import importlib.util
import io
import random
import sys

import pytest
from reportlab.lib.styles import ParagraphStyle

from booklet.build import build_booklet
from booklet.layout import index
from booklet.model import Identity
from booklet.layout.flowables import Para
from booklet.text import markup
from booklet.text.fonts import BODY, SANS, use_fonts
from booklet.text.names import split_name
from booklet.text.paragraph import MathParagraph

from .helpers import DATA, ROOT


def _bench_module(name: str):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _shape(frags) -> list:
    """Each fragment's class and attributes, and which fragments share each list (as identity classes)."""
    seen: dict[int, int] = {}
    out = []
    for frag in frags:
        values = {}
        for name, value in sorted(vars(frag).items()):
            values[name] = (value, seen.setdefault(id(value), len(seen))) if isinstance(value, list) else value
        out.append((type(frag), values))
    return out


NAMES = ["Smagt, Patrick van der", "Σ☉ Lee", "Ñúñez 𝔄", "Smith & <b>Jones</b>", "Ærøskøbing, Þóra ☉",
         "Ивáнова, Мария", "Παπαδόπουλος, Νίκος", "O'Brien-Ó Súilleabháin", "A  B\tC", "☉", "x 𝔄☉",
         "Senthil Kumaran S"]


@pytest.mark.parametrize("bold_style", [False, True])
def test_entry_fragments_are_the_ones_parsing_gives(bold_style):
    use_fonts()
    found, _ = _bench_module("people").people(300, seed=3, variants=0.0)
    names = NAMES + [name for name, *_ in found]
    style = ParagraphStyle("entry", fontName=SANS + ("-Bold" if bold_style else ""), fontSize=8.5, leading=10)
    maker = index.EntryFrags(style)
    rng = random.Random(1)
    made = 0
    for number, name in enumerate(names):
        identity = Identity(name=name, family=None)
        pages = {page: rng.random() < 0.3 for page in rng.sample(range(1, 400), rng.randint(1, 9))}
        key = f"p{number}"
        frags = maker.frags(identity, key, pages)
        markup_text = index.entry_markup(identity, key, pages)
        parsed = MathParagraph(markup_text, style)
        if frags is None:
            assert "<font" in markup_text  # only names with fallback glyphs are parsed
            continue
        made += 1
        assert _shape(frags) == _shape(parsed.frags), markup_text
    assert made == len(names) - 5


def _drawn(flowable, width: float) -> tuple[list[str], list, float]:
    """The operators `flowable` draws, wrapped at `width`, on a page of its own; the links it makes; its height."""
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(io.BytesIO(), pagesize=(400, 400))
    links = []
    canvas.linkRect = lambda *args, **kwargs: links.append((args, kwargs, canvas._currentMatrix))
    height = flowable.wrap(width, 400)[1]
    start = len(canvas._code)
    flowable.drawOn(canvas, 10, 20)
    return canvas._code[start:], links, height


def test_an_entry_set_without_a_paragraph_draws_what_its_paragraph_draws():
    """Many names, page lists and column widths (one line, several, lines that take a word more by shrinking
    their spaces, words wider than a line): the same lines, operators and links as the entry's Para; IndexEntry
    hands the cases it does not set (a word wider than a line, a line drawn with shrunk spaces) to the Para."""
    use_fonts()
    found, _ = _bench_module("people").people(120, seed=5, variants=0.0)
    odd = ["Smagt, Patrick van der", "Wolfeschlegelsteinhausenbergerdorff, Hubert", "O'Brien-Ó Súilleabháin",
           "A  B\tC", "Ивáнова, Мария", "Nguye\u0302\u0303n Va\u0306n", "Jo\u200bhn Smith", "محمد علي",
           "כהן, דוד", "王小明", "Yıldız, İlkay", "Smith & Jones", "Ada\u00a0Lovelace", "Ma\u00adria Lopez",
           "x" * 60 + " y", "Ø"]
    names = [name for name, *_ in found] + odd
    size = 8.5
    style = ParagraphStyle("entry", fontName=BODY, fontSize=size, leading=size * 1.27, leftIndent=size * 1.2,
                           firstLineIndent=-size * 1.2, hyphenationLang=None, allowWidows=1, allowOrphans=1)
    maker = index.EntryFrags(style)
    rng = random.Random(4)
    kinds = {"one line": 0, "lines": 0, "paragraph": 0, "a word wider than a line": 0, "spaces shrunk": 0}
    for number, name in enumerate(names):
        identity = Identity(name=name, family=None)
        pages = {page: rng.random() < 0.3 for page in rng.sample(range(1, 2000), rng.randint(1, 14))}
        key = f"p{number}"
        text = index.entry_markup(identity, key, pages)
        for width in (rng.uniform(40, 90), rng.uniform(90, 160), 300):
            entry = maker.entry(identity, key, pages, lambda: Para(text, style))
            if entry is None:  # a name with markup (fallback glyphs, an entity), a no-break space or soft hyphen,
                shown = markup.inline(split_name(name, None).inverted())  # or none that the fonts print (linted)
                assert name in odd and (not shown or "<" in shown or "&" in shown or "\xa0" in shown
                                        or "\xad" in shown), name
                kinds["paragraph"] += 1
                continue
            para = Para(text, style)
            assert _drawn(entry, width) == _drawn(para, width), (name, width)
            lines = para.blPara.lines
            if entry._lines[1] is None:  # set by the paragraph: what ReportLab splits, or draws with shrunk spaces
                wide = max(word.width for word in entry.words) > width - size * 1.2
                assert wide or any(line.extraSpace < -1e-8 for line in lines)
                kinds["a word wider than a line" if wide else "spaces shrunk"] += 1
            else:
                assert ["".join(run[1] for run in index._runs(entry.words[start:end]))
                        for start, end in entry._lines[1]] == ["".join(word.text for word in line.words)
                                                               for line in lines]
                kinds["one line" if len(lines) == 1 else "lines"] += 1
    assert all(kinds.values()), kinds


def test_an_entry_writes_the_operators_reportlabs_text_object_writes(monkeypatch):
    """IndexEntry draws its lines with the text object paragraphs draw with (paragraph.text_object: its text through
    the font's DocumentFont, one translation a run): the same operators and links as ReportLab's PDFTextObject writes
    (paragraph._CHECKED off: its own _formatText), names of one subset and of two (more than 256 characters in one
    font), links ending mid-line (each page number's, before its comma) and lines after the first."""
    from booklet.text import paragraph

    use_fonts()
    size = 8.5
    style = ParagraphStyle("entry", fontName=BODY, fontSize=size, leading=size * 1.27, leftIndent=size * 1.2,
                           firstLineIndent=-size * 1.2, hyphenationLang=None, allowWidows=1, allowOrphans=1)
    # (more than 256 letters the body font has, in words of 10)
    many = "".join(ch for ch in map(chr, range(0xC0, 0x500)) if ch.isalpha() and paragraph._has_glyph(BODY, ch))
    assert len(many) > 300
    words = [many[at:at + 10] for at in range(0, len(many), 10)]
    names = ["Smagt, Patrick van der", "Ивáнова, Мария", "O'Brien-Ó Súilleabháin",
             f"{words[0]}, {' '.join(words[1:])}"]
    pages = {page: page % 3 == 0 for page in range(3, 400, 37)}

    def drawn() -> list:
        maker = index.EntryFrags(style)
        out = []
        for number, name in enumerate(names):
            identity = Identity(name=name, family=None)
            entry = maker.entry(identity, f"p{number}", pages, lambda: None)
            assert entry is not None, name
            out.append(_drawn(entry, 120))
        return out

    written = []
    original = paragraph._BoxTextObject._subset_text
    monkeypatch.setattr(paragraph._BoxTextObject, "_subset_text",
                        lambda self, font, text: written.append(text) or original(self, font, text))
    ours = drawn()
    assert written  # (drawn through the quicker text object)
    assert any(len(links) > 3 for _, links, _ in ours) and any(height > size * 2 for *_, height in ours)
    monkeypatch.setattr(paragraph, "_CHECKED", False)
    assert ours == drawn()


def test_an_entry_splits_between_columns_as_its_paragraph_does():
    use_fonts()
    style = ParagraphStyle("entry", fontName=BODY, fontSize=8.5, leading=10, leftIndent=10, firstLineIndent=-10,
                           hyphenationLang=None, allowWidows=1, allowOrphans=1)
    identity = Identity(name="Smagt, Patrick van der", family=None)
    pages = {page: page % 3 == 0 for page in range(100, 160, 4)}
    text = index.entry_markup(identity, "k", pages)
    entry = index.EntryFrags(style).entry(identity, "k", pages, lambda: Para(text, style))
    assert entry.wrap(80, 100)[1] == Para(text, style).wrap(80, 100)[1] == 50  # five lines
    assert entry.split(80, 9) == []  # not one line fits
    parts, theirs = entry.split(80, 21), Para(text, style).split(80, 21)
    assert [_drawn(part, 80) for part in parts] == [_drawn(part, 80) for part in theirs] and len(parts) == 2
    one = index.EntryFrags(style).entry(identity, "k", {7: True}, lambda: None)
    assert one.wrap(150, 100)[1] == 10 and one.split(150, 9) == [] and one.split(150, 10) == [one]


def _built(folder, out, monkeypatch, fast: bool, size=None) -> bytes:
    if not fast:
        monkeypatch.setattr(index.EntryFrags, "frags", lambda self, *entry: None)
        monkeypatch.setattr(index.EntryFrags, "entry", lambda self, *entry: None)
    build_booklet(folder, out, size)
    monkeypatch.undo()
    return out.read_bytes()


@pytest.fixture(scope="module")
def sample_parsed(tmp_path_factory) -> bytes:
    """The sample's PDF built without the cache with every index entry parsed (no EntryFrags), once a module: what
    the PDFs built with the entries made unparsed are held to."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BOOKLET_CACHE", "off")
        return _built(DATA, tmp_path_factory.mktemp("parsed") / "parsed.pdf", patch, False)


def test_the_pdf_is_the_same_byte_for_byte_as_when_every_entry_is_parsed(tmp_path, monkeypatch, sample_parsed):
    monkeypatch.setenv("BOOKLET_CACHE", "off")  # the entries are made without parsing in a build that keeps none
    made = []
    original = index.EntryFrags.entry
    monkeypatch.setattr(index.EntryFrags, "entry", lambda self, *entry: made.append(original(self, *entry)) or made[-1])
    fast = _built(DATA, tmp_path / "fast.pdf", monkeypatch, True)
    assert len(made) > 50 and all(made)  # every entry was set without a paragraph
    assert sample_parsed == fast


def test_a_generated_conference_in_a4_is_the_same_byte_for_byte(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    _bench_module("generate").generate(folder, talks=10, posters=30, seed=2)  # (76 entries, each made unparsed)
    monkeypatch.setenv("BOOKLET_CACHE", "off")
    fast = _built(folder, tmp_path / "fast.pdf", monkeypatch, True, "A4")
    monkeypatch.setenv("BOOKLET_CACHE", "off")
    assert _built(folder, tmp_path / "parsed.pdf", monkeypatch, False, "A4") == fast


def test_a_cache_that_keeps_layouts_keeps_the_entries_made_unparsed_as_their_parse(tmp_path, monkeypatch,
                                                                                   sample_parsed):
    """Entries set as paragraphs (where IndexEntry does not set them) in a build that keeps layouts."""
    from booklet.cache.memory import BuildCache

    monkeypatch.setenv("BOOKLET_CACHE", "off")
    parsed = sample_parsed  # every entry parsed, nothing kept
    monkeypatch.setattr(index.EntryFrags, "entry", lambda self, *entry: None)
    shapes = []
    original = Para.parsed.__func__

    def recording(cls, text, style, make):
        def made():
            frags = make()
            if frags is not None:  # as made, before wrapping changes them; and as the parser makes them
                shapes.append((_shape(frags), _shape(MathParagraph(text, style).frags), text))
            return frags
        return original(cls, text, style, made)

    monkeypatch.setattr(Para, "parsed", classmethod(recording))
    cache = BuildCache()  # keeps layouts, as a watch's or the disk cache's
    build_booklet(DATA, tmp_path / "first.pdf", cache=cache)
    assert len(shapes) > 50 and all(mine == theirs for mine, theirs, _ in shapes)
    assert (tmp_path / "first.pdf").read_bytes() == parsed
    kept = [key for key in cache._sections["layouts"] if key[0] == "parsed"]
    shapes.clear()
    build_booklet(DATA, tmp_path / "second.pdf", cache=cache)  # the kept parses serve: nothing made
    assert shapes == [] and kept
    assert (tmp_path / "second.pdf").read_bytes() == parsed


def test_a_name_with_nothing_to_clean_is_taken_as_reportlab_cleans_it():
    """index._cleaned skips ReportLab's cleaning of an entry's text when the name has nothing to clean: the same
    answer as cleaning it."""
    from reportlab.platypus.paragraph import cleanBlockQuotedText

    def cleaned_by_reportlab(name: str):
        text = cleanBlockQuotedText(name + "\u20020")
        return text[:-1] if text.endswith(" 0") else None

    pieces = ["Smagt", ",", " ", "  ", "van der", "\u00a0", "\u2002", "\t", "\n", "Ø", "é", "-", "", "\u3000"]
    rng = random.Random(15)
    names = ["", " ", "Smagt, Patrick van der", " Smagt", "Smagt ", "A  B"]
    names += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 6))) for _ in range(3000)]
    quick = 0
    for name in names:
        assert index._cleaned(name) == cleaned_by_reportlab(name), repr(name)
        quick += bool(name) and index.cleaned_text(name, cleanBlockQuotedText) is name
    assert 300 < quick < len(names) - 300  # the quick way taken, and not for every name
