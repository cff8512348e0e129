"""`build --cover spread`: a perfect-bound book's cover as two spreads with the spine between; `--spine`; the binding
facts of preflight and impose's warning for a booklet too thick to saddle-stitch."""

from __future__ import annotations

from pathlib import Path

import pypdfium2
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from booklet.build import PrintOptions, build_booklet
from booklet.cli import main
from booklet.printing import binding
from booklet.printing.cover import spread_cover
from booklet.printing.impose import impose
from booklet.printing.preflight import preflight

from .helpers import write_conference
from .pdftext import characters
from .printpdfs import numbered_pdf

MM = 72 / 25.4
A5_W, A5_H = 148 * MM, 210 * MM
BLEED = 3 * MM
MARKS = 5 * MM + 6 * MM  # the marks' room: from the bleed + 2 mm (as the booklet's own), 6 mm long


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    return write_conference(tmp_path_factory.mktemp("conf"))


@pytest.fixture(scope="module")
def modern(tmp_path_factory) -> Path:
    return write_conference(tmp_path_factory.mktemp("modern"), {"theme.yaml": "base: modern\n"})


def _box(page, name: str) -> tuple[float, ...]:
    return tuple(round(float(v), 1) for v in getattr(page, name))


def _build(folder: Path, out: Path, *args: str):
    return CliRunner().invoke(main, ["build", str(folder), "-o", str(out), "--cover", "spread", *args])


def _chars(path: Path, index: int) -> list[tuple[str, tuple[float, float, float, float]]]:
    """Every character of page `index` with its box (left, bottom, right, top) in PDF points."""
    document = pypdfium2.PdfDocument(str(path))
    try:
        text = document[index].get_textpage()
        found = [(char, text.get_charbox(i)) for i, char in enumerate(characters(text))]
    finally:
        document.close()
    return [(ch, box) for ch, box in found if ch.strip()]


def _text_within(path: Path, index: int, left: float, right: float) -> str:
    return "".join(ch for ch, (x0, _, x1, _) in _chars(path, index) if left <= (x0 + x1) / 2 <= right)


@pytest.mark.parametrize("marks", [False, True])
def test_the_cover_is_two_spreads_whose_trim_is_back_spine_and_front(small, tmp_path, marks):
    out = tmp_path / "book.pdf"
    result = _build(small, out, "--spine", "12mm", *(["--crop-marks"] if marks else []))
    assert result.exit_code == 0, result.output
    cover = PdfReader(tmp_path / "book-cover.pdf")
    assert len(cover.pages) == 2
    room = MARKS if marks else BLEED
    width = 2 * A5_W + 12 * MM
    for page in cover.pages:
        assert _box(page, "trimbox") == tuple(round(v, 1) for v in (room, room, room + width, room + A5_H))
        assert _box(page, "bleedbox") == tuple(round(v, 1) for v in (room - BLEED, room - BLEED, room + width + BLEED,
                                                                     room + A5_H + BLEED))
        assert _box(page, "mediabox") == tuple(round(v, 1) for v in (0, 0, width + 2 * room, A5_H + 2 * room))
    whole = build_booklet(small, tmp_path / "whole.pdf", options=PrintOptions(pad_to=1))  # 10 pages: even already
    text_block = PdfReader(out)
    assert len(text_block.pages) == whole.pages - 4
    assert result.output.strip() == (f"Wrote {out} ({whole.pages - 4} pages, A5) and {tmp_path / 'book-cover.pdf'} "
                                     "(the cover spread, outside and inside; spine 12 mm (as given)).")


def test_the_front_is_right_the_back_left_and_the_title_runs_down_the_middle_of_the_spine(small, tmp_path):
    out = tmp_path / "book.pdf"
    assert _build(small, out, "--spine", "12mm").exit_code == 0
    cover, whole = tmp_path / "book-cover.pdf", tmp_path / "whole.pdf"
    pages = build_booklet(small, whole).pages
    left_edge, right_edge = BLEED + A5_W, BLEED + A5_W + 12 * MM  # the spine, on the sheet
    full = pypdfium2.PdfDocument(str(whole))
    try:
        front, back = (full[i].get_textpage().get_text_range().replace("\r\n", "\n") for i in (0, pages - 1))
    finally:
        full.close()
    shown = lambda text: "".join(text.split())  # noqa: E731
    assert "Test Conference" in front and "Test Conference" in back
    assert shown(_text_within(cover, 0, right_edge, 1e4)) == shown(front)  # the front on the right
    assert shown(_text_within(cover, 0, 0, left_edge)) == shown(back)  # the back on the left
    spine = [(ch, box) for ch, box in _chars(cover, 0) if left_edge <= (box[0] + box[2]) / 2 <= right_edge]
    assert "".join(ch for ch, _ in spine) == "TC2027"  # the short title
    tops = [box[3] for _, box in spine]
    assert tops == sorted(tops, reverse=True)  # read top to bottom: each letter below the one before
    glyphs = [box for _, box in spine]
    x0, y0 = min(b[0] for b in glyphs), min(b[1] for b in glyphs)
    x1, y1 = max(b[2] for b in glyphs), max(b[3] for b in glyphs)
    assert (x0 + x1) / 2 == pytest.approx((left_edge + right_edge) / 2, abs=0.6)  # centred across the spine
    assert (y0 + y1) / 2 == pytest.approx(BLEED + A5_H / 2, abs=1.0)  # and along it
    assert y1 - y0 > 2 * (x1 - x0)  # a run down the spine, not across it
    assert 0.3 * 12 * MM < x1 - x0 < 12 * MM  # its capitals' height fitted to the spine's width
    # the rotation: the letters' tops face the front cover (a clockwise quarter turn)
    document = pypdfium2.PdfDocument(str(cover))
    try:
        objects = [o for o in document[0].get_objects(max_depth=5) if o.type == pypdfium2.raw.FPDF_PAGEOBJ_TEXT]
        turns = {tuple(round(v, 3) for v in o.get_matrix().get()[:4]) for o in objects
                 if left_edge <= o.get_matrix().get()[4] <= right_edge}
    finally:
        document.close()
    assert len(turns) == 1 and next(iter(turns))[1] < 0 and next(iter(turns))[0] == 0  # (0, -s, s, 0): -90 degrees


def test_the_inside_is_inside_front_and_inside_back_with_a_blank_spine(small, tmp_path):
    out = tmp_path / "book.pdf"
    assert _build(small, out, "--spine", "12mm").exit_code == 0
    whole = tmp_path / "whole.pdf"
    pages = build_booklet(small, whole, options=PrintOptions(pad_to=1)).pages  # the spread's book: 10 pages, even
    cover = tmp_path / "book-cover.pdf"
    left_edge, right_edge = BLEED + A5_W, BLEED + A5_W + 12 * MM
    reader = PdfReader(whole)
    assert "".join(_text_within(cover, 1, 0, left_edge).split()) == "".join(reader.pages[1].extract_text().split())
    assert "".join(_text_within(cover, 1, right_edge, 1e4).split()) == \
        "".join(reader.pages[pages - 2].extract_text().split())
    assert _text_within(cover, 1, left_edge, right_edge) == ""


def test_without_spine_the_width_is_estimated_from_the_leaves_and_said(small, tmp_path):
    out = tmp_path / "book.pdf"
    result = _build(small, out)
    assert result.exit_code == 0, result.output
    text_pages = len(PdfReader(out).pages)
    leaves = text_pages // 2
    width = leaves * 0.1
    assert f"spine {width:g} mm: {leaves} leaves at 0.1 mm (80 g/m2 offset paper); pass --spine with your " \
           "printer's figure)." in result.output
    page = PdfReader(tmp_path / "book-cover.pdf").pages[0]
    trim = [float(v) for v in page.trimbox]
    assert trim[2] - trim[0] == pytest.approx(2 * A5_W + width * MM, abs=0.01)
    # a spine under 5 mm carries no title
    left_edge = BLEED + A5_W
    assert _text_within(tmp_path / "book-cover.pdf", 0, left_edge, left_edge + width * MM) == ""


def _pixel(path: Path, x: float, y: float) -> tuple[int, int, int]:
    document = pypdfium2.PdfDocument(str(path))
    try:
        page = document[0]
        image = page.render(scale=1).to_pil().convert("RGB")
        return image.getpixel((round(x), round(page.get_height() - y)))
    finally:
        document.close()


def test_the_spine_has_the_cover_colour_where_the_cover_is_filled_edge_to_edge(small, modern, tmp_path):
    for folder, colour in ((modern, (0x4A, 0x23, 0x80)), (small, (255, 255, 255))):
        out = tmp_path / f"{folder.name}.pdf"
        assert _build(folder, out, "--spine", "12mm").exit_code == 0
        cover = tmp_path / f"{folder.name}-cover.pdf"
        middle = BLEED + A5_W + 6 * MM
        for y in (1, BLEED + 10 * MM, BLEED + A5_H - 10 * MM):  # the bleed, and the head and foot of the spine
            assert _pixel(cover, middle, y) == pytest.approx(colour, abs=2), (folder.name, y)
    spine = [ch for ch, (x0, _, x1, _) in _chars(tmp_path / f"{modern.name}-cover.pdf", 0)
             if BLEED + A5_W <= (x0 + x1) / 2 <= BLEED + A5_W + 12 * MM]
    assert "".join(spine) == "TC2027"


def test_fold_marks_at_both_edges_of_the_spine(small, tmp_path):
    out = tmp_path / "book.pdf"
    assert _build(small, out, "--spine", "12mm", "--crop-marks").exit_code == 0
    data = PdfReader(tmp_path / "book-cover.pdf").pages[0].get_contents().get_data().decode("latin-1")
    dashed = data[data.index("[2 2] 0 d"):]
    for x in (MARKS + A5_W, MARKS + A5_W + 12 * MM):
        assert dashed.count(f"{x:.3f} ") == 4  # two lines, head and foot, each from and to that x


def test_the_same_build_gives_the_same_bytes(small, tmp_path):
    for name in ("a", "b"):
        assert _build(small, tmp_path / f"{name}.pdf", "--crop-marks").exit_code == 0
    assert (tmp_path / "a-cover.pdf").read_bytes() == (tmp_path / "b-cover.pdf").read_bytes()
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()


@pytest.mark.parametrize("args, message", [
    (["--cover", "spread", "--spine", "-3mm"],
     "Invalid value for '--spine': '-3mm' is negative; a length is 0 or more, like 3mm"),
    (["--cover", "spread", "--spine", "100mm"],
     "Invalid value for '--spine': spine must be between 0 mm and 80 mm, not 100 mm"),
    (["--cover", "separate", "--spine", "10mm"],
     "--spine is the width of a cover spread's spine: use it with --cover spread"),
])
def test_bad_spines_are_messages_and_nothing_is_written(small, tmp_path, args, message):
    result = CliRunner().invoke(main, ["build", str(small), "-o", str(tmp_path / "b.pdf"), *args])
    assert result.exit_code == 2
    assert message in result.output
    assert list(tmp_path.iterdir()) == []


def test_a_spine_estimated_too_wide_is_refused_and_nothing_written(small, tmp_path, monkeypatch):
    monkeypatch.setattr(binding, "LEAF", 30 * MM)  # as a book of thousands of pages would be
    out = tmp_path / "b.pdf"
    result = _build(small, out)
    assert result.exit_code == 1
    text_pages = build_booklet(small, tmp_path / "whole.pdf", options=PrintOptions(pad_to=1)).pages - 4  # even
    assert result.output.strip() == (
        f"booklet: a cover spread for a text block of {text_pages} pages needs a spine of about "
        f"{text_pages // 2 * 30} mm ({text_pages // 2} leaves at 30 mm), wider than the 80 mm a glued spine holds: "
        "bind it in volumes, or pass --spine with your printer's figure; nothing was written.")
    assert not out.exists() and not (tmp_path / "b-cover.pdf").exists()


def test_a_cover_spread_of_a_pdf_without_a_text_block_is_refused(tmp_path):
    source = numbered_pdf(tmp_path / "four.pdf", 4)
    with pytest.raises(ValueError) as error:
        spread_cover(source, tmp_path / "t.pdf", tmp_path / "c.pdf", 10 * MM)
    assert str(error.value) == (f"{source}: a cover spread needs the four cover pages and a text block between "
                                "them; the booklet has 4 pages")
    with pytest.raises(ValueError, match=r"^the spine cannot be negative \(-1 mm\)$"):
        spread_cover(numbered_pdf(tmp_path / "eight.pdf", 8), tmp_path / "t.pdf", tmp_path / "c.pdf", -1 * MM)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["eight.pdf", "four.pdf"]


def test_a_cover_spread_of_numbered_pages_puts_the_last_left_and_the_first_right(tmp_path):
    source = numbered_pdf(tmp_path / "ten.pdf", 10)
    cover = tmp_path / "c.pdf"
    spread_cover(source, tmp_path / "t.pdf", cover, 20 * MM)
    middle = BLEED + A5_W + 10 * MM
    assert _text_within(cover, 0, 0, middle) == "10" and _text_within(cover, 0, middle, 1e4) == "1"
    assert _text_within(cover, 1, 0, middle) == "2" and _text_within(cover, 1, middle, 1e4) == "9"
    assert len(PdfReader(tmp_path / "t.pdf").pages) == 6
    fact = preflight(cover).facts[0]
    assert fact == ("Sheet sides: 2 (a cover spread made by booklet build --cover spread, perfect binding cover: "
                    "back, 20 mm spine, front (a booklet of 10 pages), outside and inside)")
    assert preflight(cover).fit


def test_preflight_says_saddle_stitch_up_to_96_pages_and_perfect_binding_above(tmp_path):
    """A print shop's review: preflight estimated a 100-page booklet's spine from all its pages (50 leaves, 5 mm),
    while `build --cover spread` makes the cover from the text block's 96 (48 leaves, 4.8 mm): the four cover pages
    are the cover board. Both estimate it from the text block now."""
    thin = preflight(numbered_pdf(tmp_path / "thin.pdf", 96))
    assert "Binding: saddle stitch is fine (96 pages; up to 96)" in thin.facts
    thick = preflight(numbered_pdf(tmp_path / "thick.pdf", 100))
    assert ("Binding: perfect binding (100 pages, more than the 96 pages saddle stitch takes); spine about 4.8 mm "
            "(the text block's 48 leaves, the cover's 4 pages left out, at 0.1 mm, 80 g/m2 offset paper; ask your "
            "printer)") in thick.facts
    assert binding.spine_for(100 - 4).text.startswith("spine 4.8 mm: 48 leaves")  # what build --cover spread says
    assert thick.fit


def test_preflight_of_a_text_block_says_perfect_binding_with_its_cover_spreads_spine(small, tmp_path):
    """A print shop's review: the text block of a perfect-bound book (build --cover spread) was preflighted as
    "Binding: saddle stitch is fine (N pages; up to 96)": the shop would have called back to ask which binding. It
    says the book's binding and the spine its cover spread was made with, estimated or given."""
    for spine in (None, "24.5mm"):
        out = tmp_path / f"book-{spine}.pdf"
        result = _build(small, out, *(["--spine", spine] if spine else []))
        assert result.exit_code == 0, result.output
        text_pages = len(PdfReader(out).pages)
        total = text_pages + 4
        width = f"{text_pages // 2 * 0.1:g}" if spine is None else "24.5"
        cover = out.with_name(out.stem + "-cover.pdf")
        assert f"{width} mm spine" in PdfReader(cover).metadata["/Imposition"]
        assert (f"spine {width} mm" in result.output)
        report = preflight(out)
        assert report.facts[:2] == [
            f"Pages: {text_pages} (the text block: pages 3-{total - 2} of a booklet of {total} pages, its cover a "
            f"spread with a {width} mm spine in a file of its own)",
            f"Binding: perfect binding, spine {width} mm as on its cover spread (the text block's {text_pages} "
            f"pages, {text_pages // 2} leaves)"]
        assert report.fit
        trim = [float(v) for v in PdfReader(cover).pages[0].trimbox]
        assert trim[2] - trim[0] == pytest.approx(2 * A5_W + float(width) * MM, abs=0.01)


def test_preflight_of_a_separate_cover_judges_the_whole_booklet(small, tmp_path):
    """A print shop's review: the four pages of a separate cover (build --cover separate) were preflighted as
    "Binding: saddle stitch is fine (4 pages; up to 96)", and its text block as a booklet of its own pages: each
    file says what part of which booklet it is, and the binding is the whole booklet's."""
    out = tmp_path / "b.pdf"
    result = CliRunner().invoke(main, ["build", str(small), "-o", str(out), "--cover", "separate"])
    assert result.exit_code == 0, result.output
    cover = tmp_path / "b-cover.pdf"
    text_pages = len(PdfReader(out).pages)
    total = text_pages + 4
    assert preflight(out).facts[:2] == [
        f"Pages: {text_pages} (the text block: pages 3-{total - 2} of a booklet of {total} pages, its cover (pages 1, "
        f"2, {total - 1}, {total}) in a file of its own)",
        f"Binding: saddle stitch is fine ({total} pages with the cover; up to 96)"]
    report = CliRunner().invoke(main, ["preflight", str(cover)])
    assert report.exit_code == 0
    assert report.output.splitlines()[1:3] == [
        f"  Pages: 4 (the cover: pages 1, 2, {total - 1}, {total} of a booklet of {total} pages, its text block in a "
        "file of its own)",
        f"  Binding: saddle stitch is fine ({total} pages with the text block; up to 96)"]
    for page in PdfReader(cover).pages:  # single A5 pages with their 3 mm bleed
        assert _box(page, "trimbox") == tuple(round(v, 1) for v in (BLEED, BLEED, BLEED + A5_W, BLEED + A5_H))
        assert _box(page, "bleedbox") == tuple(round(v, 1) for v in (0, 0, A5_W + 2 * BLEED, A5_H + 2 * BLEED))
        assert _box(page, "mediabox") == _box(page, "bleedbox")


def test_preflight_of_a_thick_booklet_cut_apart_estimates_the_spine_from_its_text_block(tmp_path):
    from booklet.printing.cover import split_cover

    split_cover(numbered_pdf(tmp_path / "thick.pdf", 200), tmp_path / "text.pdf", tmp_path / "cover.pdf")
    expected = ("Binding: perfect binding (200 pages with the {}, more than the 96 pages saddle stitch takes); spine "
                "about 9.8 mm (the text block's 98 leaves, the cover's 4 pages left out, at 0.1 mm, 80 g/m2 offset "
                "paper; ask your printer)")
    assert preflight(tmp_path / "text.pdf").facts[1] == expected.format("cover")
    assert preflight(tmp_path / "cover.pdf").facts[1] == expected.format("text block")
    assert preflight(tmp_path / "cover.pdf").faults == [
        "Cover: four single pages for a booklet of 200 pages, more than saddle stitch takes (96): a perfect-bound "
        "book's cover is one spread with the spine (booklet build --cover spread)."]
    assert preflight(tmp_path / "text.pdf").faults == []
    split_cover(numbered_pdf(tmp_path / "thin.pdf", 96), tmp_path / "text2.pdf", tmp_path / "cover2.pdf")
    assert preflight(tmp_path / "cover2.pdf").faults == []


def test_preflight_asks_a_perfect_bound_book_for_an_even_page_count_not_a_multiple_of_4(tmp_path):
    """A print shop's review: preflight faulted "Page count: 70 is not a multiple of 4 (saddle stitch needs 72 ...)" in
    the text block of a perfect-bound book (build --cover spread) and in a booklet of 98 pages, whose binding line said
    perfect binding: glued leaves need an even count only. The rule follows the binding preflight names: an even count
    for a text block with its cover spread and for a book too thick to stitch, a multiple of 4 for a stitched one."""
    def report(name: str, pages: int, spread: bool = False):
        path = numbered_pdf(tmp_path / f"{name}.pdf", pages)
        if spread:
            spread_cover(path, tmp_path / f"{name}-text.pdf", tmp_path / f"{name}-cover.pdf", 5 * MM)
            path = tmp_path / f"{name}-text.pdf"
        return preflight(path)

    glued = report("glued", 74, spread=True)  # a text block of 70 pages
    assert glued.facts[1] == ("Binding: perfect binding, spine 5 mm as on its cover spread (the text block's 70 "
                              "pages, 35 leaves)")
    assert glued.faults == []
    assert report("odd", 73, spread=True).faults == [
        "Page count: 69 is odd (perfect binding glues leaves of two pages: add 1 blank page)."]
    thick = report("thick", 98)
    assert thick.facts[0] == "Pages: 98 (even, as perfect binding needs; not a multiple of 4)"
    assert thick.faults == []
    assert report("thick-odd", 97).faults == [
        "Page count: 97 is odd (perfect binding glues leaves of two pages: add 1 blank page)."]
    assert report("stitched", 94).faults == [
        "Page count: 94 is not a multiple of 4 (saddle stitch needs 96: add 2 blank pages; perfect binding, with the "
        "cover spread booklet build --cover spread makes, needs an even count only)."]


def _notes_pages(path: Path) -> list[int]:
    """The 1-based pages of the PDF at `path` that are ruled Notes pages (their text starts with the heading)."""
    return [n for n, page in enumerate(PdfReader(path).pages, 1) if page.extract_text().startswith("Notes\n")]


def _preflighted(args: list[str]) -> str:
    result = CliRunner().invoke(main, ["build", *args, "--preflight"])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_build_pads_the_page_count_as_the_binding_asks(small, tmp_path):
    """A print shop's review: `build --cover spread` made the text block of a glued book up to a multiple of 4 (the
    small conference's 10 pages: 12, its text block 8, two Notes pages no glued book needs), while preflight asks a
    perfect-bound book for an even count only. The padding follows the rule preflight judges by (binding.perfect_bound):
    a saddle-stitched booklet a multiple of 4, a perfect-bound one (its cover a spread) an even count; preflight
    passes both. `--pad-to 4` still pads to 4."""
    unpadded = build_booklet(small, tmp_path / "u.pdf", options=PrintOptions(pad_to=1)).pages
    assert unpadded == 10  # (even, and no multiple of 4: the two bindings pad it differently)
    stitched = tmp_path / "stitched.pdf"
    out = _preflighted([str(small), "-o", str(stitched)])
    assert len(PdfReader(stitched).pages) == 12
    assert _notes_pages(stitched) == [10, 11]
    assert "  Binding: saddle stitch is fine (12 pages; up to 96)\n" in out and out.count("OK: fit to print") == 1
    glued = tmp_path / "glued.pdf"
    out = _preflighted([str(small), "-o", str(glued), "--cover", "spread"])
    assert len(PdfReader(glued).pages) == 6 and _notes_pages(glued) == []  # 10 - the cover's 4
    assert len(PdfReader(tmp_path / "glued-cover.pdf").pages) == 2
    assert "  Pages: 6 (the text block: pages 3-8 of a booklet of 10 pages, its cover a spread" in out
    assert out.count("OK: fit to print") == 2  # the text block and its cover spread
    asked = tmp_path / "asked.pdf"
    _preflighted([str(small), "-o", str(asked), "--cover", "spread", "--pad-to", "4"])
    assert len(PdfReader(asked).pages) == 8  # 12 - 4: the whole book's pages 10 and 11 Notes, 11 inside the cover
    assert _notes_pages(asked) == [8]


def test_a_booklet_too_thick_to_stitch_is_padded_to_an_even_count(tmp_path):
    """A booklet of more pages than saddle stitch takes is perfect-bound (preflight's binding line says so, and asks
    for an even count): its 98 pages were made up to 100 with two Notes pages; now they stay 98, and preflight passes.
    A booklet that comes to 96 pages or fewer is still made up to a multiple of 4, to be stitched. (Its abstracts one to
    a page, as the theme says: short, they would flow with `layout: auto`. Their speakers 10 people, so that the index
    is a page however closely it is set: with a speaker each, it ended on a page of a few names, set closer since.)"""
    talks = [f"- id: t{i}\n  title: Talk {i}\n  speaker: {{name: Person {i % 8}, affiliation: Uni A}}\n"
             "  abstract: Text.\n" for i in range(88)]
    thick = write_conference(tmp_path / "thick", {"abstracts.yaml": "".join(talks) + (
        "- id: lund-2026\n  title: A talk about Lund\n  speaker: {name: Ana Smith, affiliation: Uni A}\n  abstract: x\n"
        "- id: okafor\n  title: Hierarchical models\n  speaker: {name: Chiamaka Okafor, affiliation: Uni B}\n"
        "  abstract: y\n"), "theme.yaml": "abstracts: {layout: page}\n"})
    assert build_booklet(thick, tmp_path / "u.pdf", options=PrintOptions(pad_to=1)).pages == 98
    out_pdf = tmp_path / "thick.pdf"
    out = _preflighted([str(thick), "-o", str(out_pdf)])
    assert len(PdfReader(out_pdf).pages) == 98 and _notes_pages(out_pdf) == []
    assert "  Pages: 98 (even, as perfect binding needs; not a multiple of 4)\n" in out
    assert "  Binding: perfect binding (98 pages, more than the 96 pages saddle stitch takes)" in out
    assert "OK: fit to print" in out
    assert [binding.pages_per_unit(n) for n in (10, 93, 96, 97, 98)] == [4, 4, 4, 2, 2]
    assert [binding.ByBinding().multiple(n) for n in (10, 97)] == [4, 2]
    assert binding.ByBinding(cover_spread=True).multiple(10) == 2


def test_a_fixed_pad_is_asked_its_multiple_as_padding_by_the_binding_is():
    """`--pad-to N` (binding.Fixed) and `--pad-to auto` (binding.ByBinding) answer the same question, so PadPages and
    the build's options treat them alike (PadPages told them apart by `isinstance(..., int)`)."""
    from booklet.layout.backmatter import PadPages

    assert [binding.Fixed(4).multiple(n) for n in (10, 97)] == [4, 4]
    assert PrintOptions(pad_to=8).padding == binding.Fixed(8)
    assert PrintOptions().padding == binding.ByBinding()
    assert [PadPages(binding.Fixed(8), 1, None).missing_after(n) for n in (6, 7, 97)] == [1, 0, 6]
    assert [PadPages(binding.ByBinding(), 1, None).missing_after(n) for n in (6, 97)] == [1, 0]


def test_impose_warns_above_what_saddle_stitching_folds(tmp_path):
    source = numbered_pdf(tmp_path / "thick.pdf", 100)
    assert impose(numbered_pdf(tmp_path / "thin.pdf", 96), tmp_path / "s1.pdf").warnings == ()
    result = CliRunner().invoke(main, ["impose", str(source), "-o", str(tmp_path / "s.pdf")])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"Wrote {tmp_path / 's.pdf'} (25 sheets, 50 sides, A4 landscape)."
    assert result.stderr.strip() == (
        "Warning: 100 pages are more than saddle stitching folds (up to 96): the spreads fold and staple badly; for "
        "a book this thick, perfect binding ('booklet build --cover spread' makes its cover) prints the single "
        "pages, not spreads")


def test_print_options_refuse_a_spine_without_a_spread():
    with pytest.raises(ValueError, match=r"^a spine width is for a cover spread \(--cover spread\)$"):
        PrintOptions(spine=10 * MM)


def test_a_part_s_mark_that_its_pages_belie_is_not_believed(tmp_path):
    """A review: the mark of a separate cover's text block stays in its document information when another program
    joins the cover back to it (pypdf, qpdf, a print shop's imposition), and preflight called the whole booklet of 200
    pages 'the text block: pages 3-198 ...'. A file whose pages are not its part's number is judged as it is."""
    import pypdf

    from booklet.printing.cover import split_cover

    split_cover(numbered_pdf(tmp_path / "thick.pdf", 200), tmp_path / "text.pdf", tmp_path / "cover.pdf")
    joined = pypdf.PdfWriter(clone_from=tmp_path / "text.pdf")
    cover = pypdf.PdfReader(tmp_path / "cover.pdf").pages
    joined.insert_page(cover[1], 0)
    joined.insert_page(cover[0], 0)
    joined.add_page(cover[2])
    joined.add_page(cover[3])
    joined.write(tmp_path / "joined.pdf")
    assert "/BookletPart" in pypdf.PdfReader(tmp_path / "joined.pdf").metadata
    assert preflight(tmp_path / "joined.pdf").facts[:2] == preflight(tmp_path / "thick.pdf").facts[:2] == [
        "Pages: 200 (a multiple of 4)",
        "Binding: perfect binding (200 pages, more than the 96 pages saddle stitch takes); spine about 9.8 mm (the "
        "text block's 98 leaves, the cover's 4 pages left out, at 0.1 mm, 80 g/m2 offset paper; ask your printer)"]


@pytest.mark.parametrize("cover", ["separate", "spread"])
def test_a_book_printed_in_two_has_no_links_or_outline_and_help_and_readme_say_so(small, tmp_path, cover):
    """The text block and the cover are print files: written without links or outline (deliberately), while the
    same build without --cover has both. Nothing said so: a LOC put the text block online and its contents' page
    numbers led nowhere."""
    inline, apart = tmp_path / "inline.pdf", tmp_path / "apart.pdf"
    assert CliRunner().invoke(main, ["build", str(small), "-o", str(inline)]).exit_code == 0
    assert CliRunner().invoke(main, ["build", str(small), "-o", str(apart), "--cover", cover]).exit_code == 0
    whole = PdfReader(inline)
    assert whole.outline and any(page.get("/Annots") for page in whole.pages)
    for path in (apart, tmp_path / "apart-cover.pdf"):
        reader = PdfReader(path)
        assert not reader.outline and not any(page.get("/Annots") for page in reader.pages), path.name
    help_text = " ".join(CliRunner().invoke(main, ["build", "--help"]).output.split())
    assert ("Both files are for print, without links or outline: build 'inline' for a copy to read on screen."
            in help_text)
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    build_row = next(line for line in readme.splitlines() if line.startswith("| `booklet build` |"))
    assert "with `separate` or `spread` both files are print files, without links or outline" in build_row
    impose_row = next(line for line in readme.splitlines() if line.startswith("| `booklet impose"))
    assert "leaves out the input's links and outline" in impose_row
