"""Imposition: any PDF -> saddle-stitch spreads, checked by the page numbers found on each half of each sheet side."""

from __future__ import annotations

import os

import pypdf
import pytest
from click.testing import CliRunner
from pypdf.generic import ArrayObject, ContentStream, FloatObject, NameObject, NumberObject

from booklet.cli import main
from booklet.printing.impose import MARK_GAP, impose, saddle_order
from booklet.printing.paper import sheet_size
from booklet.printing.units import parse_length
from tests.printpdfs import TRIM_H, TRIM_W, numbered_pdf, numbers_by_half


def expected_sides(pages: int) -> list[tuple[str, str]]:
    """(left, right) 1-based page numbers of every sheet side, written out from the folding rule."""
    sides = []
    for s in range(pages // 4):
        sides.append((str(pages - 2 * s), str(2 * s + 1)))  # front: last and first still unplaced
        sides.append((str(2 * s + 2), str(pages - 1 - 2 * s)))  # back
    return sides


def spread_trim(sheet: str) -> list[float]:
    width, height = sheet_size(sheet)
    return [width / 2 - TRIM_W, (height - TRIM_H) / 2, width / 2 + TRIM_W, (height + TRIM_H) / 2]


def placements(side: pypdf.PageObject) -> list[tuple[list[float], list[float]]]:
    """(cm operands, clip rectangle) of each page merged onto a sheet side: a cm followed by `re W n`."""
    ops = ContentStream(side.get_contents(), side.pdf).operations
    return [([float(v) for v in ops[i][0]], [float(v) for v in ops[i + 1][0]])
            for i in range(len(ops) - 2)
            if ops[i][1] == b"cm" and ops[i + 1][1] == b"re" and ops[i + 2][1] == b"W"]


def test_saddle_order_for_8_pages():
    assert saddle_order(8) == [(7, 0), (1, 6), (5, 2), (3, 4)]
    with pytest.raises(ValueError):
        saddle_order(6)


@pytest.mark.parametrize("pages", [4, 8, 12, 40])
def test_each_sheet_side_shows_the_saddle_stitch_pages_left_and_right(pages, tmp_path):
    source = numbered_pdf(tmp_path / "in.pdf", pages, link=True)
    result = impose(source, tmp_path / "spreads.pdf", sheet="A4")
    assert (result.sheets, result.sides, result.blanks_added) == (pages // 4, pages // 2, 0)

    reader = pypdf.PdfReader(tmp_path / "spreads.pdf")
    assert len(reader.pages) == pages // 2
    found = []
    for side in reader.pages:
        left, right = numbers_by_half(side)
        found.append(("".join(left), "".join(right)))
        assert [float(v) for v in side.mediabox] == pytest.approx([0, 0, *sheet_size("A4")], abs=1e-3)
        assert [float(v) for v in side.trimbox] == pytest.approx(spread_trim("A4"), abs=1e-3)
        assert "/Annots" not in side
    assert found == expected_sides(pages)


def test_pages_are_clipped_to_their_trim_at_the_spine_and_keep_their_bleed_on_the_outer_edges(tmp_path):
    """A typesetter's review: the spreads were cut at the trim all round, so a cover's band image stopped at the
    head and fore-edge, leaving the guillotine nothing to spare. Each page is clipped at its trim at the spine, and
    keeps its bleed (3 mm here) on its three other edges; the sheet side's BleedBox says so."""
    source = numbered_pdf(tmp_path / "in.pdf", 4)
    impose(source, tmp_path / "spreads.pdf", sheet="A3")
    side = pypdf.PdfReader(tmp_path / "spreads.pdf").pages[0]
    width, height = sheet_size("A3")
    bleed = 3 * 72 / 25.4
    (left_move, left_clip), (right_move, right_clip) = placements(side)
    assert left_clip[2:] == pytest.approx([TRIM_W + bleed, TRIM_H + 2 * bleed], abs=1e-3)
    assert right_clip[2:] == pytest.approx([TRIM_W + bleed, TRIM_H + 2 * bleed], abs=1e-3)
    assert left_clip[0] + left_clip[2] + left_move[4] == pytest.approx(width / 2)  # the trims meet at the spine
    assert right_clip[0] + right_move[4] == pytest.approx(width / 2)
    assert left_clip[1] + left_move[5] == pytest.approx((height - TRIM_H) / 2 - bleed)
    x0, y0, x1, y1 = spread_trim("A3")
    assert [float(v) for v in side.bleedbox] == pytest.approx([x0 - bleed, y0 - bleed, x1 + bleed, y1 + bleed], abs=1e-3)


def test_a_page_count_not_a_multiple_of_4_is_padded_with_blanks_at_the_end(tmp_path):
    source = numbered_pdf(tmp_path / "in.pdf", 10)
    result = impose(source, tmp_path / "spreads.pdf", sheet="A4")
    assert (result.sheets, result.sides, result.blanks_added) == (3, 6, 2)
    reader = pypdf.PdfReader(tmp_path / "spreads.pdf")
    found = [tuple("".join(half) for half in numbers_by_half(side)) for side in reader.pages]
    assert found == [(n if n not in ("11", "12") else "", m if m not in ("11", "12") else "")
                     for n, m in expected_sides(12)]


def test_preflight_counts_an_imposed_file_in_sheet_sides_not_as_a_booklet_of_pages(tmp_path):
    """A LOC's run: preflight of the spreads impose made from a correct booklet said "NOT FIT TO PRINT: Page count:
    6 is not a multiple of 4", as if the sheet sides were a booklet's pages. impose marks its file (the document
    information's /Imposition), and preflight counts such a file's pages as sheet sides, two to a sheet."""
    from booklet.printing.preflight import preflight

    source = numbered_pdf(tmp_path / "in.pdf", 10)
    impose(source, tmp_path / "spreads.pdf", sheet="A4")
    assert pypdf.PdfReader(tmp_path / "spreads.pdf").metadata["/Imposition"] == \
        "saddle stitch: 12 pages on 3 sheets of A4, both sides"
    result = CliRunner().invoke(main, ["preflight", str(tmp_path / "spreads.pdf")])
    assert result.exit_code == 0, result.output
    assert "  Sheet sides: 6 (imposed by booklet impose, saddle stitch: 12 pages on 3 sheets of A4, both sides)\n" \
        in result.output
    assert "multiple of 4" not in result.output and "OK: fit to print" in result.output
    assert preflight(source).faults == [  # the booklet's own pages are still counted in fours
        "Page count: 10 is not a multiple of 4 (saddle stitch needs 12: add 2 blank pages; perfect binding, with "
        "the cover spread booklet build --cover spread makes, needs an even count only)."]


def test_pages_without_a_trimbox_are_placed_by_their_mediabox(tmp_path):
    source = numbered_pdf(tmp_path / "in.pdf", 4, bleed=0, trim_box=False, bleed_box=False)
    impose(source, tmp_path / "spreads.pdf", sheet="A4")
    reader = pypdf.PdfReader(tmp_path / "spreads.pdf")
    assert [float(v) for v in reader.pages[0].trimbox] == pytest.approx(spread_trim("A4"), abs=1e-3)
    assert [tuple("".join(h) for h in numbers_by_half(p)) for p in reader.pages] == expected_sides(4)


def test_crop_marks_lie_outside_the_trim_without_touching_it(tmp_path):
    source = numbered_pdf(tmp_path / "in.pdf", 4)
    impose(source, tmp_path / "spreads.pdf", sheet="A3", crop_marks=True)
    side = pypdf.PdfReader(tmp_path / "spreads.pdf").pages[1]
    ops = ContentStream(side.get_contents(), side.pdf).operations
    points = [(float(x), float(y)) for operands, op in ops if op in (b"m", b"l") for x, y in [operands]]
    assert len(points) == 2 * (8 + 2)  # two marks at each of four corners, a fold mark top and bottom
    x0, y0, x1, y1 = spread_trim("A3")
    gap = MARK_GAP - 0.01
    for x, y in points:
        assert not (x0 - gap < x < x1 + gap and y0 - gap < y < y1 + gap), (x, y)


def test_a_spread_too_large_for_the_sheet_is_refused_and_suggests_a_larger_one(tmp_path):
    source = numbered_pdf(tmp_path / "in.pdf", 4)
    output = tmp_path / "spreads.pdf"
    output.write_bytes(b"earlier")
    with pytest.raises(ValueError, match=r"does not fit on A4 .*--sheet A3 or tabloid.*leave out the crop marks"):
        impose(source, output, sheet="A4", crop_marks=True)
    assert output.read_bytes() == b"earlier"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.pdf", "spreads.pdf"]  # no temporary file left


def test_creep_moves_inner_sheets_content_towards_the_spine_inside_trims_at_the_spine(tmp_path):
    """Creep: an inner sheet's pages stick out at the fore-edge once nested, so their content sits nearer the spine,
    the innermost by (sheets - 1) x creep, the outermost not at all; every page's trim (its clip) meets the spine,
    so the spread needs no room beyond two pages: an A5 booklet with creep imposes on A4 (a review: moving the outer
    sheets' pages outwards was refused, "needs 299.6 mm")."""
    source = numbered_pdf(tmp_path / "in.pdf", 8)
    creep = parse_length("1mm")
    plain, crept = tmp_path / "plain.pdf", tmp_path / "crept.pdf"
    impose(source, plain, sheet="A3")
    impose(source, crept, sheet="A3", creep=creep)

    def positions(path):  # x offset of the left and the right page's content, and of its clip, on every side
        return [[(move[4], move[4] + clip[0], move[4] + clip[0] + clip[2]) for move, clip in placements(side)]
                for side in pypdf.PdfReader(path).pages]

    spine = spread_trim("A3")[0] + (spread_trim("A3")[2] - spread_trim("A3")[0]) / 2
    for plain_side, crept_side, sheet in zip(positions(plain), positions(crept), (0, 0, 1, 1)):
        (pl, _, _), (pr, _, _) = plain_side
        (cl, l0, l1), (cr, r0, r1) = crept_side
        assert (cl - pl, cr - pr) == pytest.approx((sheet * creep, -sheet * creep))  # towards the spine
        assert l1 == pytest.approx(spine) and r0 == pytest.approx(spine)  # the trims meet at the spine
    booklet = numbered_pdf(tmp_path / "a5.pdf", 16)  # (A5 pages)
    result = impose(booklet, tmp_path / "a5-on-a4.pdf", sheet="A4", creep=parse_length("0.1mm"))
    assert result.sheets == 4


def test_a_creep_that_moves_text_past_the_spine_is_refused_naming_the_pages_and_the_most_that_keeps_it(tmp_path):
    """A review: `--creep 2mm` on the 76-page sample moved the innermost sheet's content 36 mm, past a 15 mm inner
    margin: lines cut at the spine, and "Wrote ...". The creep that keeps every page's text inside is given."""
    source = numbered_pdf(tmp_path / "in.pdf", 40)  # 10 sheets; each page's number in its middle
    output = tmp_path / "out.pdf"
    too_much = TRIM_W / 2 / 9 * 1.2  # the innermost sheet moves 9 x creep: past the middle of the page
    with pytest.raises(ValueError, match=r"in\.pdf: a creep of [\d.]+ mm per sheet moves the text of pages 13, 14, "
                       r"15, 16, 17, 18, 19, 20 and 8 more past the spine, by up to [\d.]+ mm \(the innermost of the 10 sheets "
                       r"moves [\d.]+ mm\): it would be cut off; at most ([\d.]+) mm per sheet keeps every page's "
                       r"text inside") as refused:
        impose(source, output, sheet="A3", creep=too_much)
    assert not output.exists()
    most = float(refused.value.args[0].rsplit("at most ", 1)[1].split(" mm")[0])
    assert TRIM_W / 2 / 9 * 0.5 < parse_length(f"{most}mm") < TRIM_W / 2 / 9  # (the number's half width short)
    assert impose(source, output, sheet="A3", creep=parse_length(f"{most - 0.1:.1f}mm")).sheets == 10
    # the same pages turned upside down (/Rotate 180): their spine is at the other side of their own coordinates
    writer = pypdf.PdfWriter(clone_from=source)
    for page in writer.pages:
        page[NameObject("/Rotate")] = NumberObject(180)
    writer.write(tmp_path / "turned.pdf")
    with pytest.raises(ValueError, match=r"turned\.pdf: a creep of [\d.]+ mm per sheet moves the text of pages 13, "):
        impose(tmp_path / "turned.pdf", tmp_path / "turned-out.pdf", sheet="A3", creep=too_much)


def test_the_same_input_gives_the_same_bytes(tmp_path):
    source = numbered_pdf(tmp_path / "in.pdf", 8)
    impose(source, tmp_path / "a.pdf", sheet="A3", crop_marks=True, creep=0.3)
    impose(source, tmp_path / "b.pdf", sheet="A3", crop_marks=True, creep=0.3)
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()


def test_cli_reports_sheets_and_the_blank_pages_it_added(tmp_path):
    source = numbered_pdf(tmp_path / "in.pdf", 10)
    out = tmp_path / "spreads.pdf"
    result = CliRunner().invoke(main, ["impose", str(source), "-o", str(out), "--sheet", "a3", "--crop-marks",
                                       "--creep", "0.1mm"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"Wrote {out} (3 sheets, 6 sides, A3 landscape).",
        f"Added 2 blank pages at the end: {source} has 10 pages, not a multiple of 4.",
    ]


def test_cli_says_a_pdf_of_one_page_has_one_page(tmp_path):
    """Fuzzing: "Added 3 blank pages at the end: in.pdf has 1 pages, not a multiple of 4."."""
    source = numbered_pdf(tmp_path / "in.pdf", 1)
    out = tmp_path / "spreads.pdf"
    result = CliRunner().invoke(main, ["impose", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"Wrote {out} (1 sheet, 2 sides, A4 landscape).",
        f"Added 3 blank pages at the end: {source} has 1 page, not a multiple of 4.",
    ]


@pytest.mark.parametrize("make, message", [
    (lambda p: p, "no such file"),
    (lambda p: (p.write_text("not a pdf"), p)[1], "not a PDF file"),
    (lambda p: (p.write_bytes(b"%PDF-1.4\ngarbage"), p)[1], "damaged or unsupported PDF"),
])
def test_cli_turns_a_bad_input_into_a_message(tmp_path, make, message):
    source = make(tmp_path / "in.pdf")
    result = CliRunner().invoke(main, ["impose", str(source), "-o", str(tmp_path / "out.pdf")])
    assert result.exit_code == 1
    assert message in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out.pdf").exists()


def test_cli_refuses_a_sheet_too_small(tmp_path):
    source = numbered_pdf(tmp_path / "in.pdf", 4)
    result = CliRunner().invoke(main, ["impose", str(source), "-o", str(tmp_path / "out.pdf"), "--crop-marks"])
    assert result.exit_code == 1
    assert "does not fit on A4" in result.output and "--sheet A3" in result.output


def test_a_rotated_page_is_placed_as_a_viewer_shows_it(tmp_path):
    source = numbered_pdf(tmp_path / "in.pdf", 4)
    writer = pypdf.PdfWriter(clone_from=source)
    writer.pages[1].rotate(180)
    writer.write(tmp_path / "rotated.pdf")
    impose(tmp_path / "rotated.pdf", tmp_path / "spreads.pdf", sheet="A3")
    back = pypdf.PdfReader(tmp_path / "spreads.pdf").pages[1]
    assert numbers_by_half(back) == (["2"], ["3"])
    (move, _), _ = placements(back)
    assert move[:4] == pytest.approx([-1, 0, 0, -1], abs=1e-6)  # turned half round, as displayed
    spine = sheet_size("A3")[0] / 2
    for turn in (180,):  # with creep, on an inner sheet: its clip at the spine, its content nearer it
        source = numbered_pdf(tmp_path / f"in{turn}.pdf", 8)
        writer = pypdf.PdfWriter(clone_from=source)
        writer.pages[3].rotate(turn)
        writer.write(tmp_path / f"rotated{turn}.pdf")
        impose(tmp_path / f"rotated{turn}.pdf", tmp_path / f"spreads{turn}.pdf", sheet="A3", creep=5)
        inner_back = pypdf.PdfReader(tmp_path / f"spreads{turn}.pdf").pages[3]  # pages 4 (left) and 5
        assert numbers_by_half(inner_back) == (["4"], ["5"])
        (move, clip), _ = placements(inner_back)
        corners = [(move[0] * x + move[2] * y + move[4], move[1] * x + move[3] * y + move[5])
                   for x in (clip[0], clip[0] + clip[2]) for y in (clip[1], clip[1] + clip[3])]
        assert max(x for x, _ in corners) == pytest.approx(spine), turn  # the left page's trim at the spine
        bleed = 3 * 72 / 25.4  # and its bleed kept on the three outer edges, though turned
        assert min(x for x, _ in corners) == pytest.approx(spine - TRIM_W - bleed, abs=0.01)
        assert max(y for _, y in corners) - min(y for _, y in corners) == pytest.approx(TRIM_H + 2 * bleed, abs=0.01)


def _with_page_3(source, path, change):
    """`source` with page 3 changed by `change(page)`, written to `path`."""
    writer = pypdf.PdfWriter(clone_from=source)
    change(writer.pages[2])
    writer.write(path)
    return path


def _box(name, *values):
    def change(page):
        page[NameObject(name)] = ArrayObject(values)
    return change


ZERO = NumberObject(0)
UNUSABLE_BOXES = [
    (_box("/MediaBox", ZERO, ZERO, ZERO, ZERO), "MediaBox [0 0 0 0]"),
    (_box("/MediaBox", ZERO, ZERO, FloatObject(419.5), ZERO), "MediaBox [0 0 419.5 0]"),
    (_box("/MediaBox", ZERO, ZERO, NumberObject(420)), "MediaBox [0 0 420]"),
    (_box("/MediaBox", ZERO, ZERO, NameObject("/Width"), NumberObject(595)), "MediaBox [0 0 /Width 595]"),
    (lambda page: page.__setitem__(NameObject("/MediaBox"), NameObject("/A5")), "MediaBox /A5"),
    (lambda page: page.__delitem__(NameObject("/MediaBox")), "no MediaBox"),
    (_box("/TrimBox", ZERO, ZERO, ZERO, ZERO), "TrimBox [0 0 0 0]"),
]


@pytest.mark.parametrize("change, what", UNUSABLE_BOXES, ids=[what for _, what in UNUSABLE_BOXES])
def test_a_page_without_a_usable_box_is_a_message_naming_the_file_and_page(tmp_path, change, what):
    plain = numbered_pdf(tmp_path / "plain.pdf", 4, bleed=0, trim_box=False, bleed_box=False)
    source = _with_page_3(plain, tmp_path / "in.pdf", change)
    out = tmp_path / "out.pdf"
    result = CliRunner().invoke(main, ["impose", str(source), "-o", str(out), "--sheet", "A3"])
    assert result.exit_code == 1
    assert result.stderr == f"booklet: {source}: page 3 has no usable page box ({what}); nothing was written.\n"
    assert result.stdout == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.pdf", "plain.pdf"]
    checked = CliRunner().invoke(main, ["preflight", str(source)])
    assert checked.exit_code == 1
    assert checked.stderr == f"booklet: {source}: page 3 has no usable page box ({what}).\n"
    assert checked.stdout == ""


def test_an_inverted_box_is_read_as_the_same_rectangle(tmp_path):
    """A box may name its corners in any order (PDF 32000, 7.9.5): the page lands where the plain one does."""
    plain = numbered_pdf(tmp_path / "plain.pdf", 4, bleed=0, trim_box=False, bleed_box=False)
    x0, y0, x1, y1 = (FloatObject(float(v)) for v in pypdf.PdfReader(plain).pages[2].mediabox)
    source = _with_page_3(plain, tmp_path / "in.pdf", _box("/MediaBox", x1, y1, x0, y0))
    impose(plain, tmp_path / "plain-spreads.pdf", sheet="A3")
    impose(source, tmp_path / "spreads.pdf", sheet="A3")
    sides = pypdf.PdfReader(tmp_path / "spreads.pdf").pages
    plain_sides = pypdf.PdfReader(tmp_path / "plain-spreads.pdf").pages
    assert [tuple("".join(h) for h in numbers_by_half(p)) for p in sides] == expected_sides(4)
    assert [move for move, _ in placements(sides[1])] == [move for move, _ in placements(plain_sides[1])]


@pytest.mark.parametrize("spelling", ["same", "dotted", "hard link", "symlink"])
def test_impose_refuses_to_write_over_its_input(tmp_path, spelling):
    source = numbered_pdf(tmp_path / "in.pdf", 4)
    before = source.read_bytes()
    output = {"same": source, "dotted": tmp_path / "." / "in.pdf", "hard link": tmp_path / "link.pdf",
              "symlink": tmp_path / "link.pdf"}[spelling]
    if spelling == "hard link":
        os.link(source, output)
    elif spelling == "symlink":
        output.symlink_to(source)
    names = sorted(p.name for p in tmp_path.iterdir())
    result = CliRunner().invoke(main, ["impose", str(source), "-o", str(output)])
    assert result.exit_code == 1
    other = "" if spelling in ("same", "dotted") else f" ({source} under another name)"
    assert result.stderr == (f"booklet: {output}: the output is the input PDF{other}; write the spreads to "
                             "another file; nothing was written.\n")
    assert source.read_bytes() == before and output.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == names


def test_a_page_turned_a_quarter_or_of_another_size_is_refused_naming_it(tmp_path):
    """A page turned by /Rotate 90 was imposed sideways (or refused as "a spread of two 210 x 210 mm pages"); a
    booklet's pages are all one size: the page is named."""
    plain = numbered_pdf(tmp_path / "plain.pdf", 8)
    source = _with_page_3(plain, tmp_path / "in.pdf", lambda page: page.rotate(90))
    result = CliRunner().invoke(main, ["impose", str(source), "-o", str(tmp_path / "out.pdf"), "--sheet", "A3"])
    assert result.exit_code == 1
    assert "page 3 is not the size of page 1" in result.stderr and "counts as turned" in result.stderr
    assert not (tmp_path / "out.pdf").exists()


@pytest.mark.parametrize("sizes, said", [
    ([(1e-3, 1e-3)] * 4, "pages 1-4 are too small to print (the first <0.1 x <0.1 mm)"),
    ([(595.0, 842.0)] * 4 + [(595.0, 60.0)], "page 5 is too small to print (209.9 x 21.2 mm)"),
])
def test_pages_too_small_to_print_are_refused_naming_them(tmp_path, sizes, said):
    """Fuzzing: a PDF of 0.001 pt pages was imposed into spreads without a word. A page under 1 inch either way is
    no page to print and fold: refused, naming the pages, nothing written."""
    writer = pypdf.PdfWriter()
    for width, height in sizes:
        writer.add_blank_page(width, height)
    source, output = tmp_path / "in.pdf", tmp_path / "out.pdf"
    writer.write(source)
    result = CliRunner().invoke(main, ["impose", str(source), "-o", str(output), "--sheet", "A3"])
    assert result.exit_code == 1
    assert result.stderr == (f"booklet: {source}: {said}: a page to impose is at least 25.4 mm (1 inch) each way; "
                             "nothing was written.\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.pdf"]


def test_preflight_names_turned_pages_and_pages_of_another_size(tmp_path):
    from booklet.printing.preflight import preflight

    plain = numbered_pdf(tmp_path / "plain.pdf", 8)
    turned = _with_page_3(plain, tmp_path / "turned.pdf", lambda page: page.rotate(90))
    report = preflight(turned)
    assert not report.fit
    assert "Turned by /Rotate: page 3 (printed sideways or upside down in the booklet)." in report.faults
    assert not any("Turned" in fault for fault in preflight(plain).faults)

    writer = pypdf.PdfWriter(clone_from=plain)  # no trim boxes (a PDF not made for print): the pages' own sizes
    for number, page in enumerate(writer.pages, 1):
        for name in ("/TrimBox", "/BleedBox", "/CropBox"):
            if name in page:
                del page[NameObject(name)]
        if number == 3:
            page[NameObject("/MediaBox")] = ArrayObject([ZERO, ZERO, NumberObject(595), NumberObject(842)])
    writer.write(tmp_path / "mixed.pdf")
    mixed = tmp_path / "mixed.pdf"
    sizes = [fault for fault in preflight(mixed).faults if "differs from page 1" in fault]
    assert len(sizes) == 1 and "page 3 (209.9 x 297 mm)" in sizes[0], preflight(mixed).faults


def test_a_rotate_of_a_whole_quarter_turn_written_as_a_real_number_is_one():
    """A review: `/Rotate 0.0` was called damaged ("its /Rotate is 0.0, not a multiple of 90")."""
    from booklet.printing.pdffile import rotation_problem

    page = pypdf.PageObject.create_blank_page(width=100, height=100)
    for value in (FloatObject(0.0), FloatObject(180.0), NumberObject(-90)):
        page[NameObject("/Rotate")] = value
        assert rotation_problem(page) is None, value


@pytest.mark.parametrize("turn", [45, 90.5, "/Half"])
def test_a_rotate_that_is_no_quarter_turn_is_a_damaged_page_for_impose_preflight_and_an_extra_page(tmp_path, turn):
    """A fuzzing run: /Rotate 45 was a turn of 45 degrees to impose ("a spread of two 253.2 x 253.2 mm pages ... does
    not fit"), a turned page to preflight, and no turn at all to build (an extra page). It is no turn PDF allows."""
    from booklet.layout import pdfpage

    value = NameObject(turn) if isinstance(turn, str) else (FloatObject(turn) if isinstance(turn, float)
                                                             else NumberObject(turn))
    source = _with_page_3(numbered_pdf(tmp_path / "plain.pdf", 8), tmp_path / "in.pdf",
                          lambda page: page.__setitem__(NameObject("/Rotate"), value))
    shown = f"'{turn}'" if isinstance(turn, str) else repr(turn)
    expected = f"page 3: its /Rotate is {shown}, not a multiple of 90 (a damaged page"
    for command in (["impose", str(source), "-o", str(tmp_path / "out.pdf"), "--sheet", "A3"],
                    ["preflight", str(source)]):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 1 and expected in result.stderr, (command, result.output)
    assert not (tmp_path / "out.pdf").exists()
    one = _with_page_3(numbered_pdf(tmp_path / "one.pdf", 3), tmp_path / "extra.pdf",
                       lambda page: page.__setitem__(NameObject("/Rotate"), value))
    writer = pypdf.PdfWriter()
    writer.add_page(pypdf.PdfReader(one).pages[2])
    writer.write(tmp_path / "page.pdf")
    assert pdfpage._check(tmp_path / "page.pdf").startswith(f"the PDF's page: its /Rotate is {shown}, not a multiple")


def test_a_wide_bleed_is_kept_only_up_to_where_the_crop_marks_start_and_none_without_one(tmp_path):
    source = numbered_pdf(tmp_path / "in.pdf", 4, bleed=6 * 72 / 25.4)
    impose(source, tmp_path / "spreads.pdf", sheet="A3", crop_marks=True)
    side = pypdf.PdfReader(tmp_path / "spreads.pdf").pages[0]
    (_, left_clip), _ = placements(side)
    gap = 3 * 72 / 25.4  # where the marks start
    assert left_clip[2:] == pytest.approx([TRIM_W + gap, TRIM_H + 2 * gap], abs=1e-3)
    plain = numbered_pdf(tmp_path / "plain.pdf", 4, bleed=0, trim_box=False, bleed_box=False)
    impose(plain, tmp_path / "plain-spreads.pdf", sheet="A3")
    side = pypdf.PdfReader(tmp_path / "plain-spreads.pdf").pages[0]
    (_, left_clip), _ = placements(side)
    assert left_clip[2:] == pytest.approx([TRIM_W, TRIM_H], abs=1e-3)
    assert [float(v) for v in side.bleedbox] == pytest.approx([float(v) for v in side.trimbox])


def test_the_spreads_keep_the_source_s_pdf_version_and_document_information(tmp_path):
    """Pages with soft masks and transparency (PDF 1.4) were written under '%PDF-1.3', and the title, author
    and trapping key of the booklet were lost beside /Imposition."""
    numbered = pypdf.PdfWriter(clone_from=numbered_pdf(tmp_path / "plain.pdf", 8))
    numbered.pdf_header = "%PDF-1.6"
    numbered.add_metadata({"/Title": "Stars, Signals & Statistics", "/Author": "The organisers",
                           "/Subject": "Programme"})
    numbered._info[NameObject("/Trapped")] = NameObject("/False")
    with open(tmp_path / "in.pdf", "wb") as file:
        numbered.write(file)
    impose(tmp_path / "in.pdf", tmp_path / "out.pdf", sheet="A4")
    assert (tmp_path / "out.pdf").read_bytes().startswith(b"%PDF-1.6\n")
    info = pypdf.PdfReader(tmp_path / "out.pdf").trailer["/Info"].get_object()
    assert info["/Title"] == "Stars, Signals & Statistics"
    assert info["/Author"] == "The organisers" and info["/Subject"] == "Programme"
    assert info.raw_get("/Trapped") == NameObject("/False") and isinstance(info.raw_get("/Trapped"), NameObject)
    assert info["/Imposition"] == "saddle stitch: 8 pages on 2 sheets of A4, both sides"


@pytest.mark.parametrize("command", ["impose", "preflight"])
def test_an_input_inside_a_file_names_the_file_in_the_way(tmp_path, command):
    """Hostile arguments: `impose notes.txt/x.pdf` said the system's words, "cannot read it (Not a directory)"; now
    the file that stands where a folder would be, as an output inside one is told. Nothing is written."""
    notes = tmp_path / "notes.txt"
    notes.write_text("mine\n")
    args = ["-o", str(tmp_path / "out.pdf")] if command == "impose" else []
    result = CliRunner().invoke(main, [command, str(notes / "x.pdf"), *args])
    assert result.exit_code == 1 and result.stdout == ""
    written = "; nothing was written" if command == "impose" else ""
    assert result.stderr == f"booklet: {notes / 'x.pdf'}: no such file: {notes} is a file, not a folder{written}.\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
