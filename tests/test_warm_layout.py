"""What warm rebuilds keep of layout and drawing: replayed font calls (text.fonts.replayed), paragraphs
drawn from their kept operators (layout.flowables.Para.drawOn), the balanced height of the index's and the
participants' last page (layout.columns): each followed by an edit of what it is keyed on, byte for byte
as a build without a cache."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.pdfbase.pdfdoc import PDFDocument
from reportlab.pdfbase.pdfmetrics import getFont

from booklet.build import PrintOptions, build_booklet
from booklet.cache import BuildCache
from booklet.layout import columns, index
from booklet.text.fonts import BODY, SANS, recording, register_fonts, replayable, replayed, use_fonts

from .helpers import BASE, write_conference
from .pdftext import Pdf

ROOT = Path(__file__).resolve().parent.parent


def _recorded(calls) -> tuple:
    doc = PDFDocument()
    with recording() as events:
        for font, text in calls:
            for subset, _ in getFont(font).splitString(text, doc):
                getFont(font).getSubsetInternalName(subset, doc)
    return replayable(events)


def _doc(calls) -> PDFDocument:
    doc = PDFDocument()
    for font, text in calls:
        for subset, _ in getFont(font).splitString(text, doc):
            getFont(font).getSubsetInternalName(subset, doc)
    return doc


def test_replayed_font_calls_hold_only_where_every_code_and_name_is_the_same():
    use_fonts()  # the bundled fonts: BODY and SANS two fonts (a theme before may have given both one family)
    kept = _recorded([(BODY, "Øre ñandú"), (SANS, "Łódź")])
    # the same calls made first: every character has the code it had, each font the same name
    same = _doc([(BODY, "Øre ñandú"), (SANS, "Łódź")])
    assert replayed(kept, same)
    assert replayed(kept, _doc([(BODY, "Øre ñandú ü"), (SANS, "Łódź")]))  # more codes after: still the same
    # a character that got its code earlier, in another order: the codes differ
    assert not replayed(kept, _doc([(BODY, "ñ"), (SANS, "Łódź")]))
    # the fonts named in the other order: their names differ
    assert not replayed(kept, _doc([(SANS, "Łódź"), (BODY, "Øre ñandú")]))
    # nothing drawn yet: the calls are made, and give what they gave
    fresh = PDFDocument()
    assert replayed(kept, fresh)
    assert getFont(BODY).state[fresh].assignments == getFont(BODY).state[same].assignments


def test_a_summary_s_codes_are_the_same_only_when_each_character_has_its_code():
    from array import array

    from booklet.text.fonts import _packed, _same_codes

    first, later = _packed([65, 66, 200]), _packed([65, 300, 66])  # bytes; past the first subset, an array
    assert type(first) is bytes and type(later) is array
    assert _same_codes(iter([65, 66, 200]), first) and _same_codes(iter([65, 300, 66]), later)
    assert not _same_codes(iter([65, None, 200]), first)  # a character without a code yet
    assert not _same_codes(iter([65, 66, 456]), first)  # a code of a later subset where the first's was kept
    assert not _same_codes(iter([65, 66]), first) and not _same_codes(iter([65, 300, 67]), later)
    assert not _same_codes(iter([65, None, 66]), later)


def test_a_recording_of_characters_past_the_first_subset_is_summarised_and_replayed():
    register_fonts()
    face = getFont(BODY).face
    many = "".join(chr(code) for code in sorted(face.charToGlyph)
                   if code > 32 and code not in (0xA0, 0xAD) and face.charToGlyph[code])[:300]
    assert len(set(many)) == 300  # more than a subset holds: the later ones get codes of the second
    kept = _recorded([(BODY, many[:200]), (BODY, many)])
    ((name, chars, codes, _, highest),) = kept
    assert name == getFont(BODY).fontName and chars == many and highest == 1 and list(codes)[-1] >= 256
    same = _doc([(BODY, many[:200]), (BODY, many)])
    assert list(codes) == [getFont(BODY).state[same].assignments[ord(ch)] for ch in chars]
    assert replayed(kept, same) and replayed(kept, PDFDocument())
    assert not replayed(kept, _doc([(BODY, many[250:])]))  # the later characters came first: other codes
    assert not replayed(kept, _doc([(BODY, many[::-1])]))  # every character has a code, none the same one


def test_a_recording_s_summary_holds_each_font_s_characters_codes_name_and_highest_subset():
    from array import array

    from booklet.text.fonts import _summary

    calls = ((False, "A", "ab\u00a0a", [(0, b"\x01\x02\x03\x01")]), (True, "A", 0, "/F3+0"),
             (False, "B", "xy", [(0, b"\x05"), (1, b"\x06")]), (True, "B", 1, "/F4+1"), (True, "B", 0, "/F4+0"),
             (False, "A", "c", [(0, b"\x04")]), (True, "C", 2, "/F5+2"))
    # one subset name, or none: its subset the highest (-1); a no-break space summarised as the space it is drawn as;
    # codes past the first subset as an array
    assert _summary(calls) == (("A", "ab c", b"\x01\x02\x03\x04", "F3", 0),
                               ("B", "xy", array("I", [5, 262]), "F4", 1), ("C", "", b"", "F5", 2))
    assert _summary(((False, "A", "ab", [(0, b"\x01"), (0, b"\x02")]),)) == (("A", "ab", b"\x01\x02", None, -1),)
    # a name not of the form "/F<n>+<subset>", alone or among others: no summary (the drawing is not kept)
    assert _summary(((True, "A", 0, "/F3+1"),)) is None
    assert _summary(((True, "A", 0, "/F3+0"), (True, "A", 1, "/F9+1"))) is None
    assert _summary(()) == ()


def test_a_call_whose_characters_have_their_codes_records_the_codes_and_is_summarised_as_its_chunks_would_be():
    from booklet.text.fonts import _FirstSubsetCodes, _summary

    register_fonts()
    doc, font = PDFDocument(), getFont(BODY)
    font.splitString("Øre ñandú", doc)  # the characters given their codes
    with recording() as events:
        known = font.splitString("ñandú\u00a0Øre", doc)  # each of the first subset: one chunk, the codes recorded
        new = font.splitString("dú ü", doc)  # a character new to the document: ReportLab's chunks
    assert type(events[0][3]) is _FirstSubsetCodes and events[1][3] == new and len(known) == 1
    assignments = font.state[doc].assignments
    ((name, chars, codes, internal, highest),) = _summary(events)
    assert (name, chars, internal, highest) == (font.fontName, "ñandú Øreü", None, -1)
    assert codes == bytes(assignments[ord(ch)] for ch in chars)
    assert bytes(known[0][1]) == bytes(assignments[ord(ch)] for ch in "ñandú Øre")
    # the same as the summary of the chunks themselves
    assert _summary([(False, font.fontName, "ñandú\u00a0Øre", known), events[1]]) == _summary(events)


def test_a_summary_of_calls_of_the_first_subset_and_of_a_later_one_holds_each_character_s_code_in_order():
    from array import array

    from booklet.text.fonts import _FirstSubsetCodes, _summary

    register_fonts()
    doc, font = PDFDocument(), getFont(BODY)
    font.splitString("Øre ñandú", doc)
    font.splitString("".join(chr(code) for code in range(0x400, 0x500)), doc)  # the first subset filled: a later one
    with recording() as events:
        font.splitString("ñandú\u00a0Øre", doc)  # each of the first subset: the codes recorded
        font.splitString("Ж dú \u0101", doc)  # a character of the second subset: chunks
        font.splitString("rañ", doc)
    assert [type(event[3]) is _FirstSubsetCodes for event in events] == [True, False, True]
    assignments = font.state[doc].assignments
    ((name, chars, codes, internal, highest),) = _summary(events)
    assert (name, chars, internal, highest) == (font.fontName, "ñandú ØreЖā", None, -1)
    assert assignments[0x101] > 0xFF and codes == array("I", [assignments[ord(ch)] for ch in chars])


def _fills(monkeypatch) -> list:
    count = []
    real = columns.Columns._fill

    def counted(self, width, height, at_top, scale=1.0):
        count.append(height)
        return real(self, width, height, at_top, scale)

    monkeypatch.setattr(columns.Columns, "_fill", counted)
    return count


FAMILIES = ["Öberg", "Núñez", "Åström", "Čapek", "Dvořák", "Erdős", "Fjölnisson", "Gómez", "Håland", "Ibáñez",
            "Jäger", "Kovačić", "Løvlie", "Müller", "Nováková", "Ørsted", "Pérez", "Quiñones", "Røed", "Šimek"]
GIVEN = ["Ana", "Björn", "Célia", "Dóra", "Emil", "Frída"]


def _folder(tmp_path: Path, first: str = "Some text.", renamed: str | None = None, count: int = 60) -> Path:
    names = [f"{given} {family}" for family in FAMILIES for given in GIVEN[:3]][:count]
    if renamed:
        names[7] = renamed
    posters = "".join(f"- number: {n}\n  author: {name}\n  title: Poster {n}\n" for n, name in enumerate(names, 1))
    people = "".join(f"- {{name: {name}, affiliation: Uni {n % 4}, country: Norway}}\n"
                     for n, name in enumerate(names[::-1]))
    return write_conference(tmp_path / "data", {
        "posters.yaml": posters, "participants.yaml": people,
        "abstracts.yaml": BASE["abstracts.yaml"].replace("abstract: Some text.", f"abstract: {first}")})


def _entries_made(monkeypatch) -> list:
    made = []
    real = index.IndexEntry.__init__

    def counted(self, *args, **kwargs):
        made.append(self)
        real(self, *args, **kwargs)

    monkeypatch.setattr(index.IndexEntry, "__init__", counted)
    return made


def test_warm_rebuilds_follow_edits_of_what_the_kept_drawing_and_columns_depend_on(tmp_path, monkeypatch):
    cache, warm, cold = BuildCache(), tmp_path / "warm.pdf", tmp_path / "cold.pdf"
    fills, entries = _fills(monkeypatch), _entries_made(monkeypatch)

    def same_as_cold(options: PrintOptions | None = None, **edits) -> tuple[int, int, int, int]:
        """Columns filled and index entries made by the warm build, then by a cold one."""
        folder = _folder(tmp_path, **edits)
        fills.clear()
        entries.clear()
        build_booklet(folder, warm, options=options, cache=cache)
        warm_fills, warm_entries = len(fills), len(entries)
        build_booklet(folder, cold, options=options, cache=BuildCache(warm=False))  # truly cold: not from disk
        assert warm.read_bytes() == cold.read_bytes()
        return warm_fills, len(fills) - warm_fills, warm_entries, len(entries) - warm_entries

    same_as_cold()
    first = warm.read_bytes()
    assert len(Pdf(warm).pages_with("Ørsted, Ana")) == 2  # in the index and in the list of participants

    # an edit that moves no name: the index's and the participants' pages are not filled at all (their columns
    # are the ones kept), where a build without them fills and balances; and no index entry is made, each is
    # drawn from the drawing kept
    warm_fills, cold_fills, warm_entries, cold_entries = same_as_cold(first="Other text.")
    assert warm_fills == 0 < cold_fills
    assert warm_entries == 0 and cold_entries >= 60

    # a new character early in the book: the later characters' codes in the font subset move
    same_as_cold(first="Þórr and Ðis.")
    assert "Þórr and Ðis." in " ".join(Pdf(warm).texts)

    # a name changed: the index's and the participants' entries (and their balance) change
    same_as_cold(renamed="Wilhelmina Aaberg-Solbakkenstuen")
    assert len(Pdf(warm).pages_with("Aaberg-Solbakkenstuen, Wilhelmina")) == 2

    # fewer names: shorter columns than the ones kept would hold them
    same_as_cold(count=40)
    assert not Pdf(warm).pages_with("Šimek, Ana")

    same_as_cold(PrintOptions(page_size="A4"))  # other widths and heights: other columns
    (tmp_path / "data" / "theme.yaml").write_text("base: minimal\n", encoding="utf-8")  # other styles and fonts
    same_as_cold()
    (tmp_path / "data" / "theme.yaml").unlink()
    build_booklet(_folder(tmp_path), warm, cache=cache)  # the first build's data: its cold bytes are `first`
    assert warm.read_bytes() == first  # nothing of the builds between leaks into this one


def _in_columns(path: Path, cache: BuildCache, words: int) -> bytes:
    """A document of paragraphs (1 to `words` words long) in two columns over several pages, built with `cache`."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import SimpleDocTemplate

    from booklet.cache.memory import using
    from booklet.layout.flowables import Para

    use_fonts()
    style = ParagraphStyle("item", fontName=BODY, fontSize=9, leading=11)
    with using(cache):
        items = [Para(f"Item {n}" + " word" * (n * 7 % words), style) for n in range(150)]
        SimpleDocTemplate(str(path), pagesize=(320, 300), invariant=1).build(
            [columns.Columns(items, 2, 12, key=("test items", words))])
    return path.read_bytes()


def test_pages_of_columns_kept_from_an_earlier_build_are_not_filled_again(tmp_path, monkeypatch):
    """Columns keep each page's flowables (by index) where none was split: the next build with the same flowables
    (the same key) and pages fills no such page, and the PDF is the same as a build that keeps nothing (PDF 1.4,
    as the paragraphs' colours ask, also when every drawing is replayed)."""
    fills = _fills(monkeypatch)
    for words, every_page_kept in ((1, True), (40, False)):  # one line each; paragraphs split between columns
        cold = _in_columns(tmp_path / "cold.pdf", BuildCache(warm=False), words)
        assert cold.startswith(b"%PDF-1.4")
        cache = BuildCache()
        fills.clear()
        assert _in_columns(tmp_path / "first.pdf", cache, words) == cold
        first = len(fills)
        fills.clear()
        assert _in_columns(tmp_path / "again.pdf", cache, words) == cold
        assert len(Pdf(tmp_path / "again.pdf")) >= 4 and "Item 149" in Pdf(tmp_path / "again.pdf").texts[-1]
        if every_page_kept:
            assert fills == [] and first > 0
        else:  # the pages after a split are filled again, the others not
            assert 0 < len(fills) < first


def test_text_beside_a_photo_is_replayed_warm_and_follows_its_edits(tmp_path, monkeypatch):
    from booklet.text.paragraph import MathParagraph

    from .test_warm import LONG, _abstracts, _photo

    folder = write_conference(tmp_path / "data", {"abstracts.yaml": _abstracts(LONG),
                                                   "images/ana.jpg": _photo((200, 60, 30))})
    cache, warm, cold = BuildCache(), tmp_path / "warm.pdf", tmp_path / "cold.pdf"
    drawn = []
    real = MathParagraph.draw
    monkeypatch.setattr(MathParagraph, "draw", lambda self: drawn.append(self.text) or real(self))

    def same_as_cold(options: PrintOptions | None = None, title: str = "A talk about Lund",
                     built: bool = False) -> list[str]:
        """The header's texts the warm build drew; its PDF compared with a cold build's (`built`: one made already)."""
        (folder / "abstracts.yaml").write_text(_abstracts(LONG).replace("A talk about Lund", title),
                                               encoding="utf-8")
        drawn.clear()
        build_booklet(folder, warm, options=options, cache=cache)
        # the header beside the photo (a part of a paragraph split between two columns, on A4, has no text of its own)
        beside = [text for text in drawn if text and ("Lund" in text or "Ana Smith" in text)]
        if not built:
            build_booklet(folder, cold, options=options, cache=BuildCache(warm=False))  # truly cold: not from disk
        assert warm.read_bytes() == cold.read_bytes()
        return beside

    assert same_as_cold()  # the header beside the photo is drawn, and its drawing kept
    assert same_as_cold(built=True) == []  # the same again: replayed (and the first cold build's bytes)
    longer = ("Towers of Lund with a cathedral, a university, a market, old streets and a very long title "
              "indeed to wrap it")  # broken otherwise on an A4 and on a letter page
    assert same_as_cold(title=longer) != []  # drawn anew
    assert "Towers of Lund with a cathedral" in " ".join(Pdf(warm).texts)
    assert same_as_cold(PrintOptions(page_size="A4"), title=longer) != []  # other styles and widths
    assert same_as_cold(PrintOptions(page_size="letter"), title=longer) != []  # the same styles, wider


def _warm_as_cold(folder: Path, cache: BuildCache, warm: Path, cold: Path, drawn: list, options) -> bytes:
    """The bytes of a warm build of `folder` (`cache`'s) into `warm`, asserted a cold build's (into `cold`); `drawn`
    (what the test records as drawn) left holding what the warm build drew."""
    drawn.clear()
    build_booklet(folder, warm, options=options, cache=cache)
    drawn_warm = list(drawn)
    build_booklet(folder, cold, options=options, cache=BuildCache(warm=False))
    assert warm.read_bytes() == cold.read_bytes()
    drawn[:] = drawn_warm
    return warm.read_bytes()


def test_running_heads_are_replayed_warm_and_follow_edits_of_their_text_fonts_colours_and_page(tmp_path,
                                                                                             monkeypatch):
    """Each page's decoration (running heads and page number) is kept and replayed in a warm build."""
    from booklet.output.render import BookletDocTemplate

    cache, warm, cold = BuildCache(), tmp_path / "warm.pdf", tmp_path / "cold.pdf"
    folder = _folder(tmp_path)
    conference = folder / "conference.yaml"
    drawn = []
    real = BookletDocTemplate._decoration
    monkeypatch.setattr(BookletDocTemplate, "_decoration",
                        lambda self, *args: drawn.append(args[1]) or real(self, *args))

    def same_as_cold(options: PrintOptions | None = None) -> bytes:
        return _warm_as_cold(folder, cache, warm, cold, drawn, options)

    def decorations_kept() -> int:
        return sum(1 for key in cache._sections["layouts"] if key[0] == "decoration")

    first = same_as_cold()
    pages = len(Pdf(warm).texts)
    assert len(drawn) == decorations_kept() >= pages - 2  # every page's but the cover's: drawn and kept
    drawn.clear()
    build_booklet(folder, warm, cache=cache)  # the same data: its cold bytes are `first`
    assert warm.read_bytes() == first and drawn == []  # drawn again from what was kept
    assert Pdf(warm).pages_with("TC2027")

    conference.write_text(conference.read_text(encoding="utf-8").replace("TC2027", "ŁTC Þ2028"), encoding="utf-8")
    same_as_cold()
    pdf = Pdf(warm)
    assert pdf.pages_with("ŁTC Þ2028") and not pdf.pages_with("TC2027")

    same_as_cold(PrintOptions(page_size="A4"))  # other places and sizes
    (folder / "theme.yaml").write_text("base: minimal\n", encoding="utf-8")  # other fonts and colours
    same_as_cold()
    (folder / "theme.yaml").write_text("colours: {text: '#2A3300', accent: '#0055AA'}\n", encoding="utf-8")
    same_as_cold()
    (folder / "theme.yaml").unlink()
    conference.write_text(conference.read_text(encoding="utf-8").replace("ŁTC Þ2028", "TC2027"), encoding="utf-8")
    build_booklet(folder, warm, cache=cache)  # the first build's data: its cold bytes are `first`
    assert warm.read_bytes() == first  # nothing of the builds between leaks into this one


def test_a_recording_that_names_a_font_not_registered_here_is_not_replayed(monkeypatch):
    """Its drawing is made anew (which parses and registers the fonts it needs) rather than the build stopping."""
    from booklet.text import fonts

    use_fonts()
    kept = _recorded([(BODY, "Øre"), (SANS, "Łódź")])
    monkeypatch.delitem(fonts._font_by_name, SANS)  # as in a new process that has not parsed it yet
    assert replayed(kept, PDFDocument()) is False


def test_a_recording_replays_on_the_fonts_its_calls_were_made_of_when_their_names_now_stand_for_others():
    """Each bundled font object bears a family's name (Gentium Book Plus's "Body-Italic", Noto Sans's "Sans-Italic"):
    with the text in Noto Sans and the headings in Gentium, the name "Sans-Italic" stands for Gentium's italic and
    "Body-Italic" for Noto Sans's. A drawing's calls of Noto Sans Italic are made again on that font, not on the font
    its object's name now stands for (whose subset would get characters no page shows: another file)."""
    from booklet.text.fonts import BUNDLED, DEFAULT, FontSet

    use_fonts(FontSet(BUNDLED["Noto Sans"], BUNDLED["Gentium Book Plus"], DEFAULT.fallbacks))
    try:
        text_italic, heading_italic = getFont(BODY + "-Italic"), getFont(SANS + "-Italic")
        assert text_italic.fontName == SANS + "-Italic" and heading_italic.fontName == BODY + "-Italic"
        kept = _recorded([(BODY + "-Italic", "Genève, Straße")])
        assert kept[0][0] == SANS + "-Italic"  # (the object's own name)
        fresh = PDFDocument()
        assert replayed(kept, fresh)
        assert fresh not in heading_italic.state  # the other font not asked for anything
        same = _doc([(BODY + "-Italic", "Genève, Straße")])
        assert text_italic.state[fresh].assignments == text_italic.state[same].assignments
    finally:
        use_fonts()


def test_a_theme_with_the_bundled_families_swapped_builds_warm_as_cold(tmp_path):
    """Text in Noto Sans and headings in Gentium Book Plus (each bundled font's object bears the other family's
    name): the drawings kept in a build are replayed on their own fonts, and the PDF is the one a build without a
    cache makes, its font subsets too."""
    folder = _folder(tmp_path, first="Genève and Straße, *Genève* and *Straße*.")
    (folder / "theme.yaml").write_text("fonts: {text: Noto Sans, headings: Gentium Book Plus}\n", encoding="utf-8")
    cache, warm, cold = BuildCache(), tmp_path / "warm.pdf", tmp_path / "cold.pdf"
    build_booklet(folder, cold, cache=BuildCache(warm=False))
    for _ in range(2):  # a first build (kept drawings replayed in its later passes), then a rebuild from them
        build_booklet(folder, warm, cache=cache)
        assert warm.read_bytes() == cold.read_bytes()


def test_replayed_font_calls_are_made_again_from_their_summary_only_where_it_does_not_hold(monkeypatch):
    """A drawing's font calls are not kept, only their summary: where it does not hold (a character new to the
    document), each font's distinct characters are split at once, in the order the calls first gave them, and its
    name asked for, font by font in the order the calls first named them: the codes and names are those the calls,
    made one by one, gave."""
    from reportlab.pdfbase.ttfonts import TTFont

    use_fonts()  # BODY and SANS two fonts, as above
    calls = [(BODY, "Øre ñandú"), (SANS, "Łódź"), (BODY, "ñu Ære"), (SANS, "zółw")]
    kept = _recorded(calls)
    same, fresh, begun = _doc(calls), PDFDocument(), _doc([(SANS, "ź")])
    split = []
    real = TTFont.splitString
    monkeypatch.setattr(TTFont, "splitString", lambda self, text, doc, *more: split.append((self.fontName, text))
                        or real(self, text, doc, *more))
    assert replayed(kept, same) and split == []  # every code and name as then: no call made
    assert replayed(kept, fresh)  # nothing drawn yet: made again, a call a font
    assert split == [(getFont(BODY).fontName, "Øre ñandúuÆ"), (getFont(SANS).fontName, "Łódźzłw")]
    for font in (BODY, SANS):
        assert getFont(font).state[fresh].assignments == getFont(font).state[same].assignments
    assert fresh.fontMapping == same.fontMapping
    split.clear()
    assert not replayed(kept, begun)  # SANS named first, "ź" its first code: other codes, other names
    assert split == [(getFont(BODY).fontName, "Øre ñandúuÆ")]  # stopped at the first font whose calls differ


def test_a_paragraph_style_changed_since_it_was_numbered_gets_the_number_of_its_new_values():
    """layout.flowables numbers a style's values once per build and style; an attribute set since to another
    value is seen (a new number, its values'), one set to an equal value, or a copy of the style, gives the same
    number; a paragraph made with the changed style is laid out with it."""
    from reportlab.lib.colors import Color
    from reportlab.lib.styles import ParagraphStyle

    from booklet.layout.flowables import Para, _style_number

    cache = BuildCache()
    with cache.build():
        style = ParagraphStyle("body", fontName=BODY, fontSize=10, leading=12, textColor=Color(0, 0, 0))
        first = _style_number(cache, style)
        assert _style_number(cache, style) == first
        style.textColor = Color(0, 0, 0)  # another object, the same value
        assert _style_number(cache, style) == first
        style.fontSize = 12
        bigger = _style_number(cache, style)
        assert bigger != first
        style.leftIndent = 0  # set, to the value it had
        assert _style_number(cache, style) == bigger
        style.leftIndent = 6
        indented = _style_number(cache, style)
        assert indented not in (first, bigger)
        copy = ParagraphStyle("body", fontName=BODY, fontSize=12, leading=12, textColor=Color(0, 0, 0), leftIndent=6)
        assert _style_number(cache, copy) == indented
        register_fonts()
        para = Para("a few words of text", style)
        para.wrap(200, 100)
        assert para.style.leftIndent == 6 and para.blPara.lines  # laid out with the style as it is now


def test_a_drawing_kept_or_failing_leaves_the_canvas_and_document_as_they_were(tmp_path):
    from reportlab.pdfgen.canvas import Canvas

    from booklet.layout.flowables import drawn_kept
    from booklet.text.fonts import recording_open

    register_fonts()
    canv = Canvas(str(tmp_path / "x.pdf"))
    doc, cache = canv._doc, BuildCache()

    def draw():  # (the canvas's state as it was after: else not kept)
        canv.saveState()
        canv.setFont(BODY, 10)
        canv.setFillAlpha(0.5)  # asks the document for "transparency"
        canv.drawString(10, 10, "Øre")
        canv.restoreState()

    drawn_kept(canv, cache, "key", draw)
    kept = cache.peek("layouts", "key")
    assert kept is not None and kept[3] == ("transparency",) and "Tj" in kept[0]
    assert "ensureMinPdfVersion" not in doc.__dict__ and "linkRect" not in canv.__dict__ and not recording_open()

    def failing():
        raise RuntimeError("drawn wrong")

    with pytest.raises(RuntimeError, match="drawn wrong"):
        drawn_kept(canv, cache, "other", failing)
    assert cache.peek("layouts", "other") is None
    assert "ensureMinPdfVersion" not in doc.__dict__ and "linkRect" not in canv.__dict__ and not recording_open()


def test_a_drawing_that_replaces_an_attribute_of_the_canvas_is_not_kept_even_at_the_same_address(tmp_path):
    """drawn_kept compares the canvas's attributes after drawing with those before by identity: an object let go
    while drawing and another made in its place (CPython gives it the freed address, the id the first had) is a
    change, and what drew it is not kept; a drawing that changes nothing is, and the state is taken once a drawing."""
    from reportlab.pdfgen.canvas import Canvas

    from booklet.layout import flowables

    class Thing:
        pass

    register_fonts()
    canv = Canvas(str(tmp_path / "x.pdf"))
    cache = BuildCache()
    canv.setFont(BODY, 10)
    canv.thing = Thing()

    def replacing():
        canv.drawString(10, 10, "text")
        canv.thing = None  # the first one freed, the next made where it was
        canv.thing = Thing()

    taken = []
    state = flowables._state

    def counted(*args):
        taken.append(args)
        return state(*args)

    flowables._state = counted
    try:
        flowables.drawn_kept(canv, cache, "replacing", replacing)
        flowables.drawn_kept(canv, cache, "plain", lambda: canv.drawString(10, 20, "text"))
        flowables.drawn_kept(canv, cache, "growing", lambda: canv._annotationrefs.append(None))
    finally:
        flowables._state = state
    assert cache.peek("layouts", "replacing") is None
    assert cache.peek("layouts", "growing") is None  # a list of the canvas's, longer
    assert cache.peek("layouts", "plain") is not None
    assert len(taken) == 3


def test_a_drawing_that_sets_an_attribute_to_an_equal_value_is_kept_and_its_operators_kept_as_one_string(tmp_path):
    """drawn_kept compares the canvas's attributes after drawing with a copy taken before, each the same object or an
    equal one (a drawing that sets the value it had changes nothing drawn after it); it keeps the operators the drawing
    wrote joined as the page's stream joins them, and a drawing that wrote none as None (not an empty line)."""
    from reportlab.pdfgen.canvas import Canvas

    from booklet.layout import flowables

    register_fonts()
    canv = Canvas(str(tmp_path / "x.pdf"))
    cache = BuildCache()
    canv.setFont(BODY, 10)
    canv.pair = (1, 2)

    def equal():
        canv.drawString(10, 10, "text")
        canv.drawString(10, 30, "more")
        canv.pair = tuple([1, 2])  # another tuple, equal

    def other():
        canv.drawString(10, 10, "text")
        canv.pair = (2, 1)

    start = len(canv._code)
    flowables.drawn_kept(canv, cache, "equal", equal)
    drawn = canv._code[start:]
    flowables.drawn_kept(canv, cache, "other", other)
    flowables.drawn_kept(canv, cache, "nothing", lambda: None)
    kept = cache.peek("layouts", "equal")
    assert kept is not None and len(drawn) > 1 and kept[0] == "\n".join(drawn)
    assert cache.peek("layouts", "other") is None
    assert cache.peek("layouts", "nothing")[0] is None
    # replayed: the same page stream as drawing gives
    start = len(canv._code)
    flowables.drawn_kept(canv, cache, "equal", equal)
    flowables.drawn_kept(canv, cache, "nothing", lambda: None)
    assert "\n".join(canv._code[start:]) == "\n".join(drawn)


def test_a_drawing_is_kept_only_when_each_font_the_document_mapped_while_drawing_was_named_by_its_recorded_calls(
        tmp_path):
    """drawn_kept looks at the fonts a document maps while a drawing is drawn (ReportLab only adds to its fontMapping:
    those after the ones it had): a TrueType font named by the recorded calls is made again when replayed, so that
    drawing is kept; a font mapped otherwise (a standard font, set through the document, no call recorded) is not,
    and neither is that drawing; a drawing mapping nothing new is kept."""
    from reportlab.pdfgen.canvas import Canvas

    from booklet.layout.flowables import drawn_kept

    use_fonts()
    canv = Canvas(str(tmp_path / "x.pdf"))
    doc, cache = canv._doc, BuildCache()

    def drawing(font, y):
        def draw():
            canv.saveState()
            canv.setFont(font, 10)
            canv.drawString(10, y, "Øre")
            canv.restoreState()
        return draw

    had = list(doc.fontMapping)  # (a canvas's first font, mapped as it is made)
    drawn_kept(canv, cache, "named", drawing(BODY, 10))
    assert list(doc.fontMapping) == had + [getFont(BODY).fontName] and cache.peek("layouts", "named") is not None
    drawn_kept(canv, cache, "standard", drawing("Courier", 20))
    assert list(doc.fontMapping) == had + [getFont(BODY).fontName, "Courier"]
    assert cache.peek("layouts", "standard") is None
    drawn_kept(canv, cache, "nothing new", drawing(BODY, 30))
    drawn_kept(canv, cache, "standard again", drawing("Courier", 40))
    assert cache.peek("layouts", "nothing new") is not None and cache.peek("layouts", "standard again") is not None
    drawn_kept(canv, cache, "both new", lambda: (drawing(SANS, 50)(), drawing("Times-Roman", 60)()))
    assert list(doc.fontMapping)[len(had) + 2:] == [getFont(SANS).fontName, "Times-Roman"]
    assert cache.peek("layouts", "both new") is None


def test_glance_boxes_are_replayed_warm_and_follow_edits_of_their_titles_speakers_colours_and_page(tmp_path,
                                                                                                  monkeypatch):
    """Each box of the glance is kept and replayed in a warm build (layout.glance.GlancePage._draw_box): an edit of an
    abstract's text draws none again; an edit of a title or speaker draws that box again, and any build is a cold
    build's byte for byte."""
    from booklet.layout.glance import GlancePage

    cache, warm, cold = BuildCache(), tmp_path / "warm.pdf", tmp_path / "cold.pdf"
    folder = write_conference(tmp_path / "data")
    abstracts = folder / "abstracts.yaml"
    drawn = []
    real = GlancePage._drawn_box
    monkeypatch.setattr(GlancePage, "_drawn_box", lambda self, *args: drawn.append(str(args[6])) or real(self, *args))

    def same_as_cold(options: PrintOptions | None = None) -> bytes:
        return _warm_as_cold(folder, cache, warm, cold, drawn, options)

    def boxes_kept() -> int:
        return sum(1 for key in cache._sections["layouts"] if key[0] == "glance box")

    def edit(old: str, new: str) -> None:
        abstracts.write_text(abstracts.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")

    first = same_as_cold()
    assert len(drawn) == boxes_kept() == 5  # Welcome, the two talks, the break, the tutorial: drawn and kept
    assert any("A talk about Lund" in title for title in drawn)

    edit("abstract: Some text.", "abstract: Some other text.")
    same_as_cold()
    assert drawn == [] and Pdf(warm).pages_with("Some other text.")  # every box replayed

    edit("title: A talk about Lund", "title: A talk about Malmö")
    same_as_cold()
    assert len(drawn) == 1 and "A talk about Malmö" in drawn[0]  # that box alone drawn again
    glance = Pdf(warm).pages_with("Malmö")
    assert glance and not Pdf(warm).pages_with("about Lund")

    edit("Chiamaka Okafor", "Chiamaka Okonkwo")  # the speaker under the title
    same_as_cold()
    assert len(drawn) == 1 and "Hierarchical models" in drawn[0]

    same_as_cold(PrintOptions(page_size="A4"))  # other places and sizes
    (folder / "theme.yaml").write_text("colours: {text: '#2A3300', break: '#DDEEFF', tutorial: '#FFEEDD'}\n", encoding="utf-8")
    same_as_cold()
    (folder / "theme.yaml").write_text("base: minimal\n", encoding="utf-8")  # other fonts
    same_as_cold()
    (folder / "theme.yaml").unlink()
    edit("title: A talk about Malmö", "title: A talk about Lund")
    edit("Chiamaka Okonkwo", "Chiamaka Okafor")
    edit("abstract: Some other text.", "abstract: Some text.")
    build_booklet(folder, warm, cache=cache)  # the first build's data: its cold bytes are `first`
    assert warm.read_bytes() == first  # nothing of the builds between leaks into this one


def test_the_glance_s_shared_columns_are_kept_by_its_boxes_geometry_and_follow_edits_of_their_times(tmp_path,
                                                                                                   monkeypatch):
    """How the glance shares a day's column among boxes side by side (glance._shares, _most_side_by_side) is kept by
    the boxes' times, lanes and order (glance._geometry): a warm rebuild after an abstract's text edit works none of it
    out again; a talk's time changed works out its group again; every build a cold build's, byte for byte. The book
    holds the glance and the programme alone (theme.yaml's `sections`)."""
    import shutil

    from booklet.layout import glance

    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data", folder)  # the sample: Thursday's two parallel sessions side by side
    (folder / "theme.yaml").write_text("sections: [glance, programme]\n", encoding="utf-8")
    cache, warm, cold = BuildCache(), tmp_path / "warm.pdf", tmp_path / "cold.pdf"
    worked: list[str] = []
    for name in ("_shares", "_most_side_by_side"):
        real = getattr(glance, name)
        monkeypatch.setattr(glance, name, lambda boxes, real=real, name=name: worked.append(name) or real(boxes))

    def edit(name: str, old: str, new: str) -> None:
        path = folder / name
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def same_as_cold() -> list[str]:
        """What the warm build worked out (its bytes asserted a cold build's)."""
        _warm_as_cold(folder, cache, warm, cold, worked, None)
        return list(worked)

    first = same_as_cold()  # (the first build: cold)
    assert "_shares" in first and "_most_side_by_side" in first
    edit("abstracts.yaml", "abstract: |\n", "abstract: |\n    Revised.\n")
    assert same_as_cold() == []  # nothing worked out again, the bytes a cold build's
    edit("programme.yaml", '{time: "15:00-15:20", talk: laurent}', '{time: "15:00-15:10", talk: laurent}')
    assert "_shares" in same_as_cold() and Pdf(warm).pages_with("Instrumentation and Imaging")



def test_lines_made_again_for_a_split_are_kept_pickled_for_the_next_rebuild(tmp_path, monkeypatch):
    """A paragraph's first lines are kept as how to make them again (flowables._Again); a rebuild that needs them (a
    split between columns) makes them again, and a cache whose values serve later builds keeps them pickled from
    then on: the next rebuild breaks no line, and each PDF is the bytes of a build that keeps nothing. Paragraphs
    of other words are broken anew (and kept so in turn)."""
    from booklet.layout.flowables import _Again
    from booklet.text import paragraph

    broken = []  # the paragraphs broken into lines (not a split's parts, which are handed theirs)
    real = paragraph._no_final_hyphen
    monkeypatch.setattr(paragraph, "_no_final_hyphen", lambda para, *args: broken.append(para) or real(para, *args))

    def made_again(cache: BuildCache) -> int:
        """The wraps the last build with `cache` used whose lines it keeps as how to make them again."""
        held = cache.held("layouts")
        return sum(type(held[key][-1]) is _Again for key in cache.used("layouts") if key[0] == "wrapped")

    cache = BuildCache()
    for words in (40, 45):  # the same paragraphs three times, then others (other texts: other keys) three times
        cold = _in_columns(tmp_path / "cold.pdf", BuildCache(warm=False), words)
        counts = []
        for _ in range(3):
            broken.clear()
            assert _in_columns(tmp_path / "warm.pdf", cache, words) == cold
            counts.append((len(broken), made_again(cache)))
        (first, kept_first), (second, kept_second), (third, kept_third) = counts
        assert first > 0 and kept_first > 0  # the first build breaks them all, and keeps most as made from the parse
        # the second makes the lines of the split ones again (from what is kept of them), and keeps them pickled: the
        # third breaks only what every build breaks (a split's parts broken on their own)
        assert second - third == kept_first - kept_second > 0
        assert kept_third == kept_second


def _poster_folder(tmp_path: Path, title: str = "Poster 3 of many", talk_author: str = "Bo Jones",
                   text: str = "More text.") -> Path:
    """40 posters of two or three authors (Bo Jones, who is also a talk's author, on every fifth), some with a long
    abstract (split over two pages, "(continued)" over the second part); `talk_author`: the talk's second author
    (named before the posters: the index's keys of the people after follow him); `text`: that talk's abstract."""
    posters = []
    for n in range(1, 41):
        authors = [f"{GIVEN[n % 6]} {FAMILIES[n % 20]}", f"{GIVEN[(n + 1) % 6]} {FAMILIES[(n * 7) % 20]}"]
        if n % 5 == 0:
            authors.append("Bo Jones")
        listed = "".join(f"\n    - {{name: {name}, affiliation: Uni {k + n % 3}}}" for k, name in enumerate(authors))
        words = " ".join(["Word"] * (n * 29 % 400))
        posters.append(f"- number: {n}\n  title: {title if n == 3 else f'Poster {n}'}\n  authors:{listed}\n"
                       f"  abstract: Abstract of poster {n}. {words}\n")
    abstracts = BASE["abstracts.yaml"].replace("Bo Jones", talk_author).replace("More text.", text)
    return write_conference(tmp_path / "data", {"posters.yaml": "".join(posters), "abstracts.yaml": abstracts})


def test_poster_entries_are_kept_warm_and_made_again_where_their_poster_or_styles_change(
        tmp_path, monkeypatch):
    """A warm rebuild makes again only the entries of the posters that changed (posters.kept_poster_entry), not those
    whose people another is now named before (a talk's author renamed before them: their keys stay), or all of them
    when the theme or page changes; every PDF is a cold build's, byte for byte. The book holds the abstracts, the
    posters and the index alone (theme.yaml's `sections`): the talk's abstract names its authors before the posters
    do."""
    from booklet.layout import posters

    made: list[int] = []
    real = posters.build_poster_entry
    monkeypatch.setattr(posters, "build_poster_entry",
                        lambda ctx, poster, *args: made.append(poster.number) or real(ctx, poster, *args))
    cache, warm, cold = BuildCache(), tmp_path / "warm.pdf", tmp_path / "cold.pdf"
    sections, theme = "sections: [abstracts, posters, index]\n", tmp_path / "data" / "theme.yaml"
    colds: dict[tuple, bytes] = {}  # a cold build's bytes by its data and options (the same again: the same bytes)

    def same_as_cold(options: PrintOptions | None = None, **edits) -> list[int]:
        """The posters whose entries the warm build made (its PDF asserted a cold build's, byte for byte)."""
        theme_text = theme.read_text(encoding="utf-8") if theme.exists() else sections
        folder = _poster_folder(tmp_path, **edits)
        theme.write_text(theme_text, encoding="utf-8")
        made.clear()
        build_booklet(folder, warm, options=options, cache=cache)
        warm_made = list(made)
        built = (theme_text, options, tuple(sorted(edits.items())))
        if built not in colds:
            build_booklet(folder, cold, options=options, cache=BuildCache(warm=False))
            colds[built] = cold.read_bytes()
        assert warm.read_bytes() == colds[built]
        return warm_made

    assert len(same_as_cold()) == 40
    first = warm.read_bytes()
    pdf = Pdf(warm)
    assert pdf.pages_with("Poster 3 of many") and pdf.pages_with("(continued)")
    assert same_as_cold(text="Other text.") == []  # an abstract's text edited: no entry made
    assert same_as_cold(title="Poster 3 renamed") == [3]  # its title: that poster's alone
    assert "Poster 3 renamed" in " ".join(Pdf(warm).texts)
    # Bo Jones renamed in the talk: the posters' Bo Jones is named first there now, but a person's key is who they
    # are (marks.person_key), not when they are first named: no one's key moves, no entry is made again (poster 3's
    # alone, its title as first written again; when keys followed the order people are first named in, those of
    # everyone after Bo Jones moved, and every entry naming one of them was made again)
    again = same_as_cold(talk_author="Bo Jonas")
    assert again == [3]
    assert Pdf(warm).pages_with("Jonas, Bo") and Pdf(warm).pages_with("Jones, Bo")
    assert same_as_cold(talk_author="Bo Jonas") == []  # kept as made then
    theme.write_text(sections + "colours: {text: '#2A3300'}\n", encoding="utf-8")
    assert len(same_as_cold()) == 40  # other colours: every entry
    theme.write_text(sections, encoding="utf-8")
    assert len(same_as_cold(PrintOptions(page_size="A4"))) == 40  # other styles
    # A5 and the first data again: made again (the cache keeps what its last build used), the first build's bytes
    assert len(same_as_cold()) == 40 and warm.read_bytes() == first
