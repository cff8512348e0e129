"""Preflight: deliberately broken PDFs -> the exact fault line for each fault; clean ones (booklet's own too) pass."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from reportlab.lib.colors import CMYKColorSep
from reportlab.lib.units import inch, mm

from booklet.build import build_booklet
from booklet.cli import main
from booklet.printing.preflight import page_list, preflight
from tests.printpdfs import TRIM_H, PrintPdf, numbered_pdf

ROOT = Path(__file__).resolve().parent.parent


def faults_of(path: Path, **options) -> list[str]:
    return preflight(path, **options).faults


def test_a_clean_print_ready_pdf_is_fit_and_its_facts_are_reported(tmp_path):
    pdf = PrintPdf(tmp_path / "clean.pdf")
    for number in range(1, 9):
        if number > 1:
            pdf.next_page()
        pdf.number(str(number))
        pdf.text(15 * mm, 15 * mm, "Text well inside the trim")
    pdf.image(300, inch)  # 300 dpi, grey
    report = preflight(pdf.save(), cmyk=True)
    assert report.faults == []
    assert report.fit
    assert report.facts == [
        "Pages: 8 (a multiple of 4)",
        "Binding: saddle stitch is fine (8 pages; up to 96)",
        "Trim size: 148 x 210 mm (A5)",
        "Bleed: 3 mm",
        "Fonts: 1, all embedded",
        "Images: 1, lowest 300 dpi",
        "Colour: CMYK, no output intent (not PDF/X)",
        "Transparency: none",
        "Total ink: up to 100% in colours; limit 300%",
    ]


def test_an_unembedded_font_is_named_with_its_pages(tmp_path):
    path = numbered_pdf(tmp_path / "helvetica.pdf", 4, font="Helvetica")
    assert faults_of(path) == ["Font not embedded: Helvetica (pages 1-4)."]


def test_a_72_dpi_image_is_listed_once_with_its_pages(tmp_path):
    pdf = PrintPdf(tmp_path / "lowres.pdf")
    for number in range(1, 5):
        if number > 1:
            pdf.next_page()
        if number in (1, 2):
            pdf.image(72, inch)  # 72 px across one inch
        if number == 4:
            pdf.image(300, inch / 2)  # 600 dpi: fine
    assert faults_of(pdf.save()) == ["Image below 300 dpi: 72 x 72 px at 72 dpi on pages 1-2."]


def test_missing_trimbox_is_flagged(tmp_path):
    path = numbered_pdf(tmp_path / "notrim.pdf", 4, trim_box=False)
    report = preflight(path)
    assert report.faults == ["No TrimBox: pages 1-4."]
    assert "Page size: 154 x 216 mm, no TrimBox" in report.facts


def test_ten_pages_are_not_a_multiple_of_4(tmp_path):
    path = numbered_pdf(tmp_path / "ten.pdf", 10)
    assert faults_of(path) == [
        "Page count: 10 is not a multiple of 4 (saddle stitch needs 12: add 2 blank pages; perfect binding, with the "
        "cover spread booklet build --cover spread makes, needs an even count only)."]


def test_small_text_in_rich_black_is_a_fault_when_cmyk_is_asked(tmp_path):
    """Small text filled in all four inks (rich black, C 60 M 40 Y 40 K 100) passed a --cmyk preflight: it prints
    blurred, with coloured fringes, where the four plates do not meet exactly. Text below 12 pt in four inks is now a
    fault with --cmyk (its pages and the smallest size); black ink alone, large rich black headings, a colour of
    three inks and a slug's registration-colour text beyond the bleed are not, and without --cmyk nothing is said."""
    pdf = PrintPdf(tmp_path / "rich.pdf")
    pdf.text(40, 100, "Black ink alone", size=8)  # (PrintPdf's K 100 %)
    pdf.canvas.setFillColorCMYK(0.6, 0.4, 0.4, 1)
    pdf.text(40, 300, "A rich black heading", size=18)
    pdf.canvas.setFillColorCMYK(0, 0.8, 0.9, 0.2)
    pdf.text(40, 200, "Three inks", size=8)
    pdf.next_page()
    pdf.canvas.setFillColorCMYK(0.6, 0.4, 0.4, 1)
    pdf.text(40, 200, "Rich black small print", size=8)
    pdf.next_page()
    pdf.canvas.setFillColorCMYK(0.6, 0.4, 0.4, 1)
    pdf.text(40, 200, "Rich black body text", size=9.5)
    pdf.next_page()
    pdf.canvas.setFillColorCMYK(1, 1, 1, 1)  # registration colour, in a slug beyond the bleed
    pdf.text(40, -20 * mm, "Job 42 slug", size=6)
    path = pdf.save()
    assert [f for f in faults_of(path) if "four inks" in f] == []
    assert [f for f in faults_of(path, cmyk=True) if "four inks" in f] == [
        "Small text in all four inks (rich black: C, M, Y and K each 10% or more), below 12 pt: pages 2-3 (down to "
        "8.0 pt); the four plates never meet exactly, and such text prints blurred, with coloured fringes: set it "
        "in black ink alone (K 100%)."]


def test_rgb_colour_and_images_are_flagged_only_when_cmyk_is_asked(tmp_path):
    pdf = PrintPdf(tmp_path / "rgb.pdf")
    pdf.canvas.setFillColorRGB(0.8, 0.1, 0.1)
    pdf.canvas.rect(20 * mm, 20 * mm, 20 * mm, 20 * mm, stroke=0, fill=1)
    for _ in range(3):
        pdf.next_page()
    pdf.image(400, inch, mode="RGB")
    path = pdf.save()
    assert faults_of(path) == []
    assert faults_of(path, cmyk=True) == ["RGB colour (CMYK asked): page 1.", "RGB image (CMYK asked): page 4."]


def test_a_spot_colour_is_told_with_its_pages_and_is_a_fault_when_cmyk_is_asked(tmp_path):
    """A Separation colour (a map's or an advertisement's Pantone) is a plate of its own: told, and a fault in a file
    meant for the four process inks; registration ('All') and a process ink named as a separation are no spot."""
    pdf = PrintPdf(tmp_path / "spot.pdf")
    for number in range(1, 5):
        if number > 1:
            pdf.next_page()
        spot = {1: "PANTONE 185 C", 3: "PANTONE 185 C", 2: "All", 4: "Black"}[number]
        pdf.canvas.setFillColor(CMYKColorSep(0, 0.9, 0.8, 0, spotName=spot))
        pdf.canvas.rect(20 * mm, 20 * mm, 20 * mm, 20 * mm, stroke=0, fill=1)
    path = pdf.save()
    fact = ("Spot colours: PANTONE 185 C (pages 1, 3): each prints as a plate of its own unless the print shop "
            "converts it to CMYK; ask which")
    report = preflight(path)
    assert fact in report.facts and report.faults == []
    assert faults_of(path, cmyk=True) == ["Spot colour (CMYK asked): PANTONE 185 C (pages 1, 3)."]


def test_text_closer_than_the_safe_margin_says_how_close(tmp_path):
    pdf = PrintPdf(tmp_path / "close.pdf")
    pdf.text(2 * mm, TRIM_H / 2, "Too close to the edge")
    for _ in range(3):
        pdf.next_page()
        pdf.text(20 * mm, TRIM_H / 2, "Fine")
    pdf.text(-5 * mm, TRIM_H / 2, "Crosses")
    path = pdf.save()
    assert faults_of(path) == [
        "Text inside the 5 mm safe margin: page 4 (crosses the trim); page 1 (2 mm from the trim)."]
    assert faults_of(path, safe_margin=1 * mm) == ["Text inside the 1 mm safe margin: page 4 (crosses the trim)."]


def test_lines_thinner_than_print_holds_are_a_fault_with_their_pages_and_widths(tmp_path):
    """A hairline (0.1 pt), a 0.5 pt line drawn at 30 % (0.15 pt as printed) and PDF's `0 w` (the device's thinnest)
    passed preflight: a print shop asks for 0.25 pt at least. Lines of 0.25 pt and more, a hairline beyond the bleed
    (a crop mark's place) and one clipped away are no fault."""
    pdf = PrintPdf(tmp_path / "lines.pdf")
    canvas = pdf.canvas
    canvas.setLineWidth(0.1)
    canvas.line(20 * mm, 50 * mm, 100 * mm, 50 * mm)
    pdf.next_page()
    canvas.saveState()
    canvas.scale(0.3, 0.3)
    canvas.setLineWidth(0.5)
    canvas.line(60 * mm, 200 * mm, 300 * mm, 200 * mm)
    canvas.restoreState()
    pdf.next_page()
    canvas.setLineWidth(0)
    canvas.rect(20 * mm, 20 * mm, 50 * mm, 50 * mm, stroke=1, fill=0)
    pdf.next_page()
    canvas.setLineWidth(0.25)
    canvas.line(20 * mm, 50 * mm, 100 * mm, 50 * mm)
    canvas.setLineWidth(0.1)
    canvas.line(-20 * mm, -20 * mm, -10 * mm, -20 * mm)  # beyond the bleed
    canvas.saveState()
    clip = canvas.beginPath()
    clip.rect(10 * mm, 10 * mm, 10 * mm, 10 * mm)
    canvas.clipPath(clip, stroke=0, fill=0)
    canvas.line(50 * mm, 100 * mm, 90 * mm, 100 * mm)  # clipped away
    canvas.restoreState()
    path = pdf.save()
    expected = ("Lines thinner than 0.25 pt (0.1 mm) as printed: page 3 (0 pt, the thinnest the device draws); page 1 "
                "(0.1 pt); page 2 (0.15 pt); they may break up or vanish in print (a map or drawing placed smaller "
                "than its own size has its lines thinned as much): draw them thicker.")
    assert faults_of(path) == [expected]
    result = CliRunner().invoke(main, ["preflight", str(path)])
    assert result.exit_code == 1 and expected in result.output


def test_inconsistent_boxes_are_flagged(tmp_path):
    pdf = PrintPdf(tmp_path / "boxes.pdf")
    for number in range(2, 5):
        pdf.next_page()
        if number == 2:  # a bleed box smaller than the trim
            pdf.canvas.setBleedBox((20, 20, 100, 100))
        if number == 3:  # a trim box of another size, sticking out of the MediaBox
            pdf.canvas.setTrimBox((0, 0, 500, 700))
            pdf.canvas.setBleedBox((0, 0, 500, 700))
    assert faults_of(pdf.save()) == [
        "MediaBox does not contain the TrimBox: page 3.",
        "BleedBox does not contain the TrimBox: page 2.",
        "MediaBox does not contain the BleedBox: page 3.",
        "Trim size differs from page 1 (148 x 210 mm): page 3 (176.4 x 246.9 mm).",
        "BleedBox size differs from page 1 (154 x 216 mm): page 2 (28.2 x 28.2 mm).",
        "BleedBox size differs from page 1 (154 x 216 mm): page 3 (176.4 x 246.9 mm).",
    ]


def test_page_list():
    assert page_list([3]) == "page 3"
    assert page_list([7, 1, 2, 3, 5, 6]) == "pages 1-3, 5-7"


def test_cli_prints_facts_then_ok_and_exits_0(tmp_path):
    path = numbered_pdf(tmp_path / "ok.pdf", 4)
    result = CliRunner().invoke(main, ["preflight", str(path), "--cmyk"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"{path}:",
        "  Pages: 4 (a multiple of 4)",
        "  Binding: saddle stitch is fine (4 pages; up to 96)",
        "  Trim size: 148 x 210 mm (A5)",
        "  Bleed: 3 mm",
        "  Fonts: 1, all embedded",
        "  Images: none",
        "  Colour: CMYK, no output intent (not PDF/X)",
        "  Transparency: none",
        "  Total ink: up to 100% in colours; limit 300%",
        "OK: fit to print",
    ]


def test_cli_lists_the_faults_and_exits_1(tmp_path):
    path = numbered_pdf(tmp_path / "bad.pdf", 10, font="Helvetica", trim_box=False)
    result = CliRunner().invoke(main, ["preflight", str(path), "--safe-margin", "2mm"])
    assert result.exit_code == 1
    assert result.output.splitlines()[-4:] == [
        "NOT FIT TO PRINT (3 faults):",
        "  - Page count: 10 is not a multiple of 4 (saddle stitch needs 12: add 2 blank pages; perfect binding, with "
        "the cover spread booklet build --cover spread makes, needs an even count only).",
        "  - No TrimBox: pages 1-10.",
        "  - Font not embedded: Helvetica (pages 1-10).",
    ]


@pytest.mark.parametrize("args, message", [
    (["missing.pdf"], "no such file"),
    (["."], "is a folder"),
    (["README.md"], "not a PDF file"),
    (["x.pdf", "--safe-margin", "5"], "needs a unit"),
])
def test_cli_bad_input_is_a_clean_message(args, message, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["preflight", *args])
    assert result.exit_code in (1, 2)  # 2: click's usage error for a bad option value
    assert message in result.output and "Traceback" not in result.output


def test_booklets_own_print_output_passes(sample_build):
    report = preflight(sample_build.output)
    assert report.faults == []


def test_a_trim_outside_the_mediabox_is_a_fault_and_impose_refuses_it(tmp_path):
    """A fuzzing run: every page's TrimBox set beyond its MediaBox; preflight said nothing of it, and impose wrote
    sheets that print blank. Preflight names it a fault; impose refuses the PDF, writing nothing."""
    import pypdf
    from pypdf.generic import RectangleObject

    from booklet.printing.impose import impose

    source = numbered_pdf(tmp_path / "in.pdf", 4)
    writer = pypdf.PdfWriter(clone_from=source)
    for page in writer.pages[1:3]:
        page.trimbox = RectangleObject((1000, 1000, 1420, 1595))
    writer.write(tmp_path / "outside.pdf")
    report = preflight(tmp_path / "outside.pdf")
    assert "MediaBox does not contain the TrimBox: pages 2-3." in report.faults
    with pytest.raises(ValueError) as raised:
        impose(tmp_path / "outside.pdf", tmp_path / "spreads.pdf", sheet="A3")
    assert str(raised.value) == (f"{tmp_path / 'outside.pdf'}: the TrimBox of pages 2-3 lie outside their MediaBox "
                                 "(the page as cut would be blank); fix the PDF, then impose it")
    assert not (tmp_path / "spreads.pdf").exists()
    assert "MediaBox does not contain the TrimBox" not in " ".join(preflight(source).faults)


def test_a_text_block_printed_apart_from_its_cover_names_its_pages_by_their_numbers_in_the_booklet(tmp_path):
    """A new user's run: with `--cover separate`, preflight said "on page 12" of the text block, whose 12th page is
    printed as page 14: the LOC looked at the wrong page. Each file labels its pages with their numbers in the
    booklet (/PageLabels, which viewers show too), and preflight names them so, the file's own numbers beside."""
    from pypdf import PdfReader

    from booklet.build import PrintOptions
    from tests.helpers import write_conference

    result = build_booklet(write_conference(tmp_path / "conf"), tmp_path / "b.pdf",
                           options=PrintOptions(separate_cover=True, pad_to=4))
    total = result.text_pages + 4
    assert PdfReader(result.output).page_labels == [str(n) for n in range(3, total - 1)]
    assert PdfReader(result.cover).page_labels == ["1", "2", str(total - 1), str(total)]
    text, cover = preflight(result.output, cmyk=True), preflight(result.cover, cmyk=True)
    assert f"RGB colour (CMYK asked): pages 3-{total - 2} (the file's pages 1-{total - 4})." in text.faults
    assert f"RGB colour (CMYK asked): pages 1, 2, {total - 1}, {total} (the file's pages 1-4)." in cover.faults
    assert page_list([2, 3, 4]) == "pages 2-4"  # (a file without labels: as it was)


def test_cmyk_images_with_more_than_300_percent_ink_are_counted_and_their_pages_named(tmp_path):
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    pdf = PrintPdf(tmp_path / "ink.pdf")
    heavy = Image.new("CMYK", (300, 300), (0, 0, 0, 255))  # black on K alone: 100 %
    heavy.paste((255, 255, 255, 100), (100, 100, 120, 120))  # a patch of 339 %
    rich = Image.new("CMYK", (300, 300), (255, 230, 200, 100))  # 308 % everywhere
    black = Image.new("CMYK", (300, 300), (200, 200, 200, 150))  # 294 %: under the limit
    Image.new("CMYK", (300, 300), (255, 255, 255, 100)).save(tmp_path / "dark.jpg", quality=95)
    jpeg = str(tmp_path / "dark.jpg")  # embedded as the JPEG it is (an Adobe CMYK JPEG, /Decode [1 0 ...]): 339 %
    for number, drawn in enumerate(([heavy], [black], [heavy, rich], [black, jpeg]), 1):
        if number > 1:
            pdf.next_page()
        for n, image in enumerate(drawn):
            pdf.canvas.drawImage(image if isinstance(image, str) else ImageReader(image), 20 * mm + n * 60 * mm, 60 * mm, inch, inch)
    path = pdf.save()
    assert faults_of(path) == []
    assert faults_of(path, cmyk=True) == ["Total ink over 300% in 3 images (up to 339%): pages 1, 3-4."]


def test_a_size_cut_in_inches_is_said_in_inches_too():
    """A US LOC's run: preflight said "Trim size: 215.9 x 279.4 mm (letter)"; a US print shop thinks in inches."""
    from booklet.printing.paper import PAPER_SIZES, size_text

    assert size_text(*PAPER_SIZES["letter"]) == "215.9 x 279.4 mm (letter, 8.5 x 11 in)"
    assert size_text(*PAPER_SIZES["tabloid"]) == "279.4 x 431.8 mm (tabloid, 11 x 17 in)"
    assert size_text(*PAPER_SIZES["A5"]) == "148 x 210 mm (A5)"
    assert size_text(611.2, 792.5) == "215.6 x 279.6 mm (letter, 8.5 x 11 in)"  # (within tolerance: the name's)
    assert size_text(792, 612) == "279.4 x 215.9 mm (letter landscape, 11 x 8.5 in)"


def test_total_ink_of_colours_is_reported_and_checked_and_crop_marks_beyond_the_bleed_are_not_counted(tmp_path):
    """A print shop's review: `--cmyk` preflight checked the total ink of images only, and said nothing of how much
    there is: a rich black of 400 % drawn on the page passed, and the shop, printing on uncoated paper (often 260 to
    280 %), had to ask. The colours painted on the page are checked too, the most of each is a fact line, and
    `--ink-limit` sets the shop's limit; registration colour (400 %) in crop marks beyond the bleed, or clipped
    away, is no ink on the page."""
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "ink.pdf"
    bleed, side = 3 * mm, 20 * mm  # a 100 x 100 mm trim, the marks' room round its bleed
    canvas = Canvas(str(path), pagesize=(100 * mm + 2 * side, 100 * mm + 2 * side), invariant=1)
    for number, (c, m, y, k) in enumerate(((0.6, 0.5, 0.4, 1), (1, 1, 1, 1), (0, 0, 0, 1), (0.2, 0.2, 0.2, 0)), 1):
        canvas.setTrimBox((side, side, side + 100 * mm, side + 100 * mm))
        canvas.setBleedBox((side - bleed, side - bleed, side + 100 * mm + bleed, side + 100 * mm + bleed))
        canvas.setStrokeColorCMYK(1, 1, 1, 1)  # registration: crop marks beyond the bleed
        canvas.line(0, side, side - bleed - 2 * mm, side)
        canvas.line(side, 0, side, side - bleed - 2 * mm)
        canvas.saveState()  # a mark clipped away before it reaches the page
        path_ = canvas.beginPath()
        path_.rect(0, 0, side - bleed, side - bleed)
        canvas.clipPath(path_, stroke=0, fill=0)
        canvas.line(0, 0, side + 50 * mm, side + 50 * mm)
        canvas.restoreState()
        canvas.setFillColorCMYK(c, m, y, k)  # 250 % on page 1, 400 % on page 2, then 100 % and 60 %
        canvas.rect(side + 30 * mm, side + 30 * mm, 20 * mm, 20 * mm, stroke=0, fill=1)
        canvas.showPage()
    canvas.save()
    report = preflight(path, cmyk=True, safe_margin=0)
    assert report.facts[-1] == "Total ink: up to 400% in colours; limit 300%"
    assert report.faults == ["Total ink over 300% in colours (up to 400%): page 2."]
    result = CliRunner().invoke(main, ["preflight", str(path), "--cmyk", "--ink-limit", "240", "--safe-margin", "0"])
    assert result.exit_code == 1
    assert result.output.splitlines()[-3:] == [
        "  Total ink: up to 400% in colours; limit 240%",
        "NOT FIT TO PRINT (1 fault):",
        "  - Total ink over 240% in colours (up to 400%): pages 1-2."]
    assert faults_of(path, safe_margin=0) == []  # (RGB builds: no ink check)
    refused = CliRunner().invoke(main, ["preflight", str(path), "--ink-limit", "280"])
    assert refused.exit_code == 2 and "--ink-limit is checked in CMYK: use it with --cmyk" in refused.output
    refused = CliRunner().invoke(main, ["preflight", str(path), "--ink-limit", "300"])  # (the default, written)
    assert refused.exit_code == 2 and "--ink-limit is checked in CMYK: use it with --cmyk" in refused.output


def test_a_cmyk_build_with_crop_marks_reports_its_total_ink_and_passes(tmp_path):
    from tests.helpers import write_conference

    out = tmp_path / "b.pdf"
    result = CliRunner().invoke(main, ["build", str(write_conference(tmp_path / "conf")), "-o", str(out), "--cmyk",
                                       "--crop-marks"])
    assert result.exit_code == 0, result.output
    report = preflight(out, cmyk=True)
    assert report.faults == []
    ink = [fact for fact in report.facts if fact.startswith("Total ink:")]
    assert len(ink) == 1 and ink[0].endswith("% in colours; limit 300%") and "400%" not in ink[0]
    assert "Colour: CMYK, no output intent (not PDF/X)" in report.facts
    assert "Transparency: none" in report.facts


def test_rgb_transparency_and_the_output_intent_are_told(tmp_path):
    """A print shop's review: an RGB build with transparent images (a logo's soft mask) and no PDF/X output intent
    passed preflight without a word of it; the shop found out in its RIP. Both are fact lines."""
    import pypdf
    from PIL import Image
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject
    from reportlab.lib.utils import ImageReader

    pdf = PrintPdf(tmp_path / "rgb.pdf")
    pdf.canvas.setFillColorRGB(0.8, 0.1, 0.1)
    pdf.text(20 * mm, 100 * mm, "Red text")
    pdf.next_page()
    logo = Image.new("RGBA", (300, 300), (200, 40, 40, 0))
    logo.paste((200, 40, 40, 255), (100, 100, 200, 200))
    pdf.canvas.drawImage(ImageReader(logo), 20 * mm, 60 * mm, inch, inch, mask="auto")
    path = pdf.save()
    facts = preflight(path).facts
    assert facts[-2:] == [
        "Colour: RGB and CMYK, no output intent (not PDF/X): the print shop converts the RGB to CMYK with its own "
        "profile (booklet build --cmyk makes CMYK)",
        "Transparency: on page 2 (an image with a soft mask, or transparent drawing): the print shop's RIP "
        "flattens it (booklet build --cmyk flattens images on white)"]
    writer = pypdf.PdfWriter(clone_from=path)
    writer._root_object[NameObject("/OutputIntents")] = ArrayObject([DictionaryObject({
        NameObject("/Type"): NameObject("/OutputIntent"), NameObject("/S"): NameObject("/GTS_PDFX"),
        NameObject("/OutputConditionIdentifier"): TextStringObject("FOGRA39")})])
    writer.write(tmp_path / "intent.pdf")
    assert "Colour: RGB and CMYK, output intent FOGRA39" in preflight(tmp_path / "intent.pdf").facts
    assert "Transparency: none" in preflight(numbered_pdf(tmp_path / "plain.pdf", 4)).facts


def test_fonts_are_counted_by_typeface_not_by_subset(tmp_path):
    """A print shop's review: an RGB build said "Fonts: 11" and its CMYK build "Fonts: 9", the same faces; a font of
    more characters than one subset holds (ReportLab embeds 256 a subset) is embedded as several, each a font of the
    PDF. Preflight counts typefaces by name."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    pdfmetrics.registerFont(TTFont("PreflightSans", str(ROOT / "booklet/resources/fonts/NotoSans-Regular.ttf")))
    path = tmp_path / "subsets.pdf"
    canvas = Canvas(str(path), pagesize=(148 * mm, 210 * mm), initialFontName="PreflightSans")
    canvas.setFont("PreflightSans", 6)
    letters = "".join(chr(c) for c in range(0x21, 0x7F)) + "".join(chr(c) for c in range(0xC0, 0x17F))
    for row in range(0, len(letters), 40):
        canvas.drawString(15 * mm, 190 * mm - row / 40 * 8, letters[row:row + 40])
    canvas.save()
    import pypdf

    fonts = {font.get_object()["/BaseFont"].split("+")[-1]
             for font in pypdf.PdfReader(path).pages[0]["/Resources"]["/Font"].values()}
    assert len(pypdf.PdfReader(path).pages[0]["/Resources"]["/Font"]) == 2 and len(fonts) == 1  # two subsets, one face
    facts = preflight(path).facts
    assert "Fonts: 1, all embedded" in facts
    assert "Binding: saddle stitch is fine (1 page; up to 96)" in facts  # (it said "1 pages")


def test_a_clip_that_leaves_nothing_clips_everything_away(tmp_path):
    """A review: a clip within a clip it does not meet (nothing can be painted) was taken for no clip at all, so that
    a rich black painted through it was a fault of 400 % of ink that no page shows."""
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "clipped.pdf"
    canvas = Canvas(str(path), pagesize=(100 * mm, 100 * mm), invariant=1)
    canvas.setTrimBox((0, 0, 100 * mm, 100 * mm))
    canvas.setBleedBox((0, 0, 100 * mm, 100 * mm))
    for x, y in ((0, 0), (50 * mm, 50 * mm)):  # two clips, 10 mm squares, that do not meet
        clip = canvas.beginPath()
        clip.rect(x, y, 10 * mm, 10 * mm)
        canvas.clipPath(clip, stroke=0, fill=0)
    canvas.setFillColorCMYK(1, 1, 1, 1)
    canvas.rect(0, 0, 100 * mm, 100 * mm, stroke=0, fill=1)
    canvas.showPage()
    canvas.save()
    report = preflight(path, cmyk=True, safe_margin=0)
    assert [fact for fact in report.facts if fact.startswith("Total ink")] == [
        "Total ink: up to 0% in colours; limit 300%"]
    assert not [fault for fault in report.faults if "ink" in fault]
    canvas = Canvas(str(path), pagesize=(100 * mm, 100 * mm), invariant=1)  # W with no path: the next fill no clip
    canvas.setTrimBox((0, 0, 100 * mm, 100 * mm))
    canvas.setBleedBox((0, 0, 100 * mm, 100 * mm))
    canvas._code.append("W n")
    canvas.setFillColorCMYK(0, 0, 0, 1)
    canvas.rect(0, 0, 10 * mm, 10 * mm, stroke=0, fill=1)
    canvas.setFillColorCMYK(1, 1, 1, 1)
    canvas.rect(50 * mm, 50 * mm, 10 * mm, 10 * mm, stroke=0, fill=1)
    canvas.showPage()
    canvas.save()
    assert [fault for fault in preflight(path, cmyk=True, safe_margin=0).faults if "ink" in fault] == [
        "Total ink over 300% in colours (up to 400%): page 1."]
