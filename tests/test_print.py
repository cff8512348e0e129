"""Print options -> page boxes, crop marks, padding, a separate cover, CMYK output, image resolution."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image, ImageMath
from pypdf import PdfReader
from pypdf.generic import ContentStream

from booklet.build import PrintOptions, build_booklet
from booklet.cli import main
from booklet.layout.page import MARKS_ROOM
from booklet.printing.units import parse_length

from .helpers import BASE, DATA, write_conference

MM = 72 / 25.4


def boxes(page) -> dict[str, tuple[float, ...]]:
    return {name: tuple(round(float(v), 2) for v in getattr(page, name)) for name in ("mediabox", "bleedbox", "trimbox")}


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    """A small valid conference (a few pages), so each print variant builds fast."""
    return write_conference(tmp_path_factory.mktemp("conf"))


@pytest.mark.parametrize("size, trim", [("A5", (419.53, 595.28)), ("A4", (595.28, 841.89))])
@pytest.mark.parametrize("bleed_mm, marks", [(0, False), (3, False), (3, True), (5, True), (0, True)])
def test_page_boxes(small, tmp_path, size, trim, bleed_mm, marks):
    out = tmp_path / "b.pdf"
    build_booklet(small, out, options=PrintOptions(size, bleed_mm * MM, marks))
    width, height = trim
    bleed = round(bleed_mm * MM, 2)
    origin = bleed + (round(MARKS_ROOM, 2) if marks else 0)
    for page in PdfReader(out).pages:
        b = boxes(page)
        assert b["trimbox"] == pytest.approx((origin, origin, origin + width, origin + height), abs=0.02)
        assert b["bleedbox"] == pytest.approx((origin - bleed, origin - bleed, origin + width + bleed,
                                               origin + height + bleed), abs=0.02)
        assert b["mediabox"] == pytest.approx((0, 0, width + 2 * origin, height + 2 * origin), abs=0.02)


def _mark_segments(page) -> list[tuple[float, float, float, float]]:
    """Straight lines drawn outside any transformation at the end of the page: the crop marks."""
    ops = ContentStream(page.get_contents(), page.pdf).operations
    segments, start, depth = [], None, 0
    for operands, op in ops:
        if op == b"q":
            depth += 1
        elif op == b"Q":
            depth -= 1
        elif op == b"m":
            start = tuple(float(v) for v in operands)
        elif op == b"l" and start is not None:
            segments.append((*start, *(float(v) for v in operands)))
    return segments


def test_crop_marks_sit_outside_the_bleed_and_never_touch_the_trim(small, tmp_path):
    out = tmp_path / "b.pdf"
    build_booklet(small, out, options=PrintOptions("A5", 3 * MM, True))
    page = PdfReader(out).pages[0]
    x0, y0, x1, y1 = (float(v) for v in page.bleedbox)
    marks = [s for s in _mark_segments(page) if min(s[0], s[2]) < x0 or max(s[0], s[2]) > x1
             or min(s[1], s[3]) < y0 or max(s[1], s[3]) > y1]
    assert len(marks) == 8
    for xa, ya, xb, yb in marks:
        for x, y in ((xa, ya), (xb, yb)):
            assert not (x0 <= x <= x1 and y0 <= y <= y1), "a crop mark reaches into the bleed"


def _image_rects(page) -> list[tuple[float, float, float, float]]:
    """(x0, y0, x1, y1) on the page of every image drawn, from the content stream's transformations."""
    ops = ContentStream(page.get_contents(), page.pdf).operations
    ctm, stack, rects = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), [], []
    for operands, op in ops:
        if op == b"q":
            stack.append(ctm)
        elif op == b"Q":
            ctm = stack.pop()
        elif op == b"cm":
            a, b, c, d, e, f = (float(v) for v in operands)
            A, B, C, D, E, F = ctm
            ctm = (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)
        elif op == b"Do":
            A, B, C, D, E, F = ctm
            rects.append((E, F, E + A, F + D))
    return rects


def test_cover_art_runs_into_the_bleed(tmp_path):
    folder = write_conference(tmp_path / "conf", {
        "conference.yaml": BASE["conference.yaml"] + "cover_image: images/cover.jpg\n"})
    (folder / "images").mkdir()
    Image.radial_gradient("L").resize((1800, 2500)).convert("RGB").save(folder / "images/cover.jpg", quality=90)
    out = tmp_path / "b.pdf"
    build_booklet(folder, out, options=PrintOptions("A5", 3 * MM))
    page = PdfReader(out).pages[0]
    bx0, by0, bx1, by1 = (float(v) for v in page.bleedbox)
    art = max(_image_rects(page), key=lambda r: (r[2] - r[0]) * (r[3] - r[1]))
    assert art[0] == pytest.approx(bx0, abs=0.1)
    assert art[2] == pytest.approx(bx1, abs=0.1)
    assert art[3] == pytest.approx(by1, abs=0.1)


@pytest.mark.parametrize("pad_to", [1, 4, 8, 16])
def test_page_count_is_padded_with_notes_pages_before_the_back_cover(small, tmp_path, pad_to):
    out = tmp_path / "b.pdf"
    result = build_booklet(small, out, options=PrintOptions(pad_to=pad_to))
    reader = PdfReader(out)
    count = len(reader.pages)
    assert count == result.pages and count % pad_to == 0
    unpadded = build_booklet(small, tmp_path / "u.pdf", options=PrintOptions(pad_to=1)).pages
    assert count - unpadded < pad_to
    texts = [p.extract_text() for p in reader.pages]
    notes = [i for i, t in enumerate(texts) if t.startswith("Notes\n")]
    assert notes == list(range(unpadded - 1, count - 1))
    assert "Test Conference" in texts[-1]  # the back cover stays last


def test_separate_cover_writes_two_files(tmp_path, sample_build):
    out = tmp_path / "booklet.pdf"
    result = CliRunner().invoke(main, ["build", str(DATA), "-o", str(out), "--cover", "separate"])
    assert result.exit_code == 0, result.output
    cover = tmp_path / "booklet-cover.pdf"
    whole = sample_build
    text_block, cover_pages = PdfReader(out), PdfReader(cover)
    assert len(cover_pages.pages) == 4
    assert len(text_block.pages) == whole.pages - 4 and len(text_block.pages) % 4 == 0
    assert result.output.strip() == (f"Wrote {out} ({whole.pages - 4} pages, A5) and {cover} (4 cover pages).")
    full = PdfReader(whole.output)
    for mine, index in zip(cover_pages.pages, (0, 1, whole.pages - 2, whole.pages - 1)):
        assert mine.extract_text() == full.pages[index].extract_text()
    assert text_block.pages[0].extract_text() == full.pages[2].extract_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["booklet-cover.pdf", "booklet.pdf"]  # (nothing else written)


def test_cmyk_output_has_no_rgb_colour_and_cmyk_images(tmp_path):
    out = tmp_path / "b.pdf"
    build_booklet(DATA, out, options=PrintOptions(cmyk=True))
    images = 0
    for page in PdfReader(out).pages:
        for _, op in ContentStream(page.get_contents(), page.pdf).operations:
            assert op not in (b"rg", b"RG"), "RGB colour in a --cmyk build"
        for xobject in (page["/Resources"].get("/XObject") or {}).values():
            xobject = xobject.get_object()
            if xobject.get("/Subtype") == "/Image":
                assert xobject["/ColorSpace"] == "/DeviceCMYK"
                images += 1
    assert images >= 10


def test_images_are_downsampled_to_300_dpi(tmp_path):
    folder = write_conference(tmp_path / "conf", {
        "abstracts.yaml": """\
            - id: lund-2026
              kind: invited
              title: A talk about Lund
              speaker: {name: Ana Smith, photo: images/big.jpg}
            - id: okafor
              title: Hierarchical models
              speaker: {name: Bo Jones, photo: images/small.jpg}
            """})
    (folder / "images").mkdir()
    Image.new("RGB", (3000, 3750), (120, 90, 60)).save(folder / "images/big.jpg")
    Image.new("RGB", (60, 75), (120, 90, 60)).save(folder / "images/small.jpg")
    out = tmp_path / "b.pdf"
    result = build_booklet(folder, out)
    sizes = sorted(img.image.size for page in PdfReader(out).pages for img in page.images)
    assert (260, 325) in sizes  # 22 x 27.5 mm at 300 dpi
    assert (60, 75) in sizes    # never scaled up
    assert [str(w) for w in result.warnings] == [
        "abstracts.yaml:7: [1].speaker.photo: warning: small.jpg is 69 dpi at its printed size (22 × 27.5 mm) "
        "and will print blurred; 300 dpi needs 260 × 325 pixels"]


@pytest.mark.parametrize("text, points", [("3mm", 3 * MM), ("0", 0.0), ("0.125in", 9.0), ("8pt", 8.0),
                                          ("1cm", 10 * MM), ("-0", 0.0), ("-0mm", 0.0), ("-0.0in", 0.0)])
def test_lengths(text, points):
    assert parse_length(text) == pytest.approx(points)


@pytest.mark.parametrize("text", ["3", "abc", "-1mm", "3 furlongs"])
def test_bad_lengths_are_clean_cli_errors(text):
    result = CliRunner().invoke(main, ["build", str(DATA), "--bleed", text])
    assert result.exit_code == 2
    assert "Invalid value for '--bleed'" in result.output


def test_build_with_preflight_reports_fit_to_print(tmp_path):
    out = tmp_path / "b.pdf"
    result = CliRunner().invoke(main, ["build", str(DATA), "-o", str(out), "--crop-marks", "--cmyk", "--preflight"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[-1] == "OK: fit to print"
    assert "  Bleed: 3 mm" in lines
    [ink] = [line for line in lines if line.startswith("  Total ink: up to ")]  # the cover's night sky the most
    assert int(ink.split()[4].rstrip("%")) <= 300 and ink.endswith("% in colours; limit 300%")
    assert any(line.startswith("  Pages: ") and "(a multiple of 4)" in line for line in lines)


def test_build_with_preflight_of_a_pdf_it_cannot_read_is_a_message_not_a_traceback(tmp_path, monkeypatch):
    """A fuzzing run's damaged extra page made a booklet that preflight could not read, and `build --preflight`
    ended in a traceback after "Wrote ...". (Such a page is now an error of the data; this is what is left should
    anything else make a PDF preflight cannot read.)"""
    from booklet.printing import preflight as module
    from booklet.printing.pdffile import UnreadablePdf

    def unreadable(path, **options):
        raise UnreadablePdf(f"{path}: damaged or unsupported PDF (a test's)")

    monkeypatch.setattr(module, "preflight", unreadable)
    out = tmp_path / "b.pdf"  # (any booklet: the small conference's)
    result = CliRunner().invoke(main, ["build", str(write_conference(tmp_path / "conf")), "-o", str(out),
                                       "--preflight"])
    assert result.exit_code == 1
    assert f"booklet: {out}: damaged or unsupported PDF (a test's)." in result.output
    assert "Traceback" not in result.output and out.is_file()


def test_build_prints_lint_warnings_and_strict_refuses_to_write(tmp_path):
    folder = write_conference(tmp_path / "conf", {"abstracts.yaml": """\
        - id: lund-2026
          title: A talk about Lund
          speaker: {name: Ana Smith, affiliation: Uni A}
        - id: okafor
          title: Hierarchical models
          speaker: {name: Bo Jones}
        - id: spare
          title: A talk nobody scheduled
          speaker: {name: Cy Doe}
        """})
    out = tmp_path / "b.pdf"
    out.write_bytes(b"%PDF- earlier build")
    warning = ["Abstracts not in the programme (1):",
               "abstracts.yaml:7: [2].id: warning: abstract 'spare' is not in the programme"]
    strict = CliRunner().invoke(main, ["build", str(folder), "-o", str(out), "--strict"])
    assert strict.exit_code == 1
    assert strict.stderr.splitlines() == warning + ["0 errors, 1 warning; nothing was written."]
    assert out.read_bytes() == b"%PDF- earlier build"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.pdf", "conf"]
    relaxed = CliRunner().invoke(main, ["build", str(folder), "-o", str(out)])
    assert relaxed.exit_code == 0
    assert relaxed.stderr.splitlines() == warning
    assert out.read_bytes().startswith(b"%PDF-")


def _invited_with_photo(tmp_path, photo: str):
    """A conference of an invited talk whose speaker's photo is images/`photo` (for the test to write) and another
    talk; its folder."""
    folder = write_conference(tmp_path / "conf", {
        "abstracts.yaml": f"""\
            - id: lund-2026
              kind: invited
              title: A talk about Lund
              speaker: {{name: Ana Smith, photo: images/{photo}}}
            - id: okafor
              title: Hierarchical models
              speaker: {{name: Bo Jones}}
            """})
    (folder / "images").mkdir()
    return folder


def test_exif_rotation_is_honoured(tmp_path):
    folder = _invited_with_photo(tmp_path, "sideways.jpg")
    landscape = Image.new("RGB", (300, 240), (200, 40, 40))
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: the camera was turned; show rotated by 90 degrees
    landscape.save(folder / "images/sideways.jpg", exif=exif)
    out = tmp_path / "b.pdf"
    build_booklet(folder, out)
    sizes = [img.image.size for page in PdfReader(out).pages for img in page.images]
    assert sizes == [(240, 300)]  # upright: portrait, as the photographer saw it


def test_separate_cover_that_cannot_be_written_leaves_the_old_booklet_as_it_was(small, tmp_path):
    """The text block and the cover are published together or not at all; the message names the cover."""
    out = tmp_path / "booklet.pdf"
    out.write_bytes(b"%PDF- earlier booklet")
    (tmp_path / "booklet-cover.pdf").mkdir()  # in the way of the cover
    result = CliRunner().invoke(main, ["build", str(small), "-o", str(out), "--cover", "separate"])
    assert result.exit_code == 1
    assert result.stderr == (f"booklet: cannot write {tmp_path / 'booklet-cover.pdf'}: Is a directory; "
                             "nothing was written.\n")
    assert out.read_bytes() == b"%PDF- earlier booklet"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["booklet-cover.pdf", "booklet.pdf"]  # no temporary file
    assert list((tmp_path / "booklet-cover.pdf").iterdir()) == []


def _cmyk_images(path) -> list[Image.Image]:
    """The image XObjects of a --cmyk build, decoded as Pillow CMYK images (booklet embeds their raw pixels)."""
    found = []
    for page in PdfReader(path).pages:
        for xobject in (page["/Resources"].get("/XObject") or {}).values():
            xobject = xobject.get_object()
            if xobject.get("/Subtype") == "/Image" and xobject["/ColorSpace"] == "/DeviceCMYK":
                found.append(Image.frombytes("CMYK", (xobject["/Width"], xobject["/Height"]), xobject.get_data()))
    return found


def test_cmyk_images_put_black_and_grey_on_the_black_plate_as_the_vector_colours_do(tmp_path):
    from booklet.layout.styles import cmyk

    folder = _invited_with_photo(tmp_path, "photo.png")
    colours = [(0, 0, 0), (128, 128, 128), (11, 83, 148), (3, 0, 11), (255, 0, 0), (255, 255, 255)]
    photo = Image.new("RGB", (260, 325))  # what the photo's box takes at 300 dpi: embedded as it is
    for n, colour in enumerate(colours):
        photo.paste(colour, (0, n * 54, 260, n * 54 + 54))
    photo.save(folder / "images/photo.png")
    out = tmp_path / "b.pdf"
    build_booklet(folder, out, options=PrintOptions(cmyk=True))
    [image] = _cmyk_images(out)
    assert image.size == (260, 325)
    for n, colour in enumerate(colours):
        expected = tuple(round(255 * v) for v in cmyk("#%02X%02X%02X" % colour))  # the vector colours' separation
        got = image.getpixel((130, n * 54 + 27))
        # (the near-black blue keeps a little of its C and M: made of two 8-bit tables, within one level)
        assert got == expected if colour != (3, 0, 11) else max(abs(a - b) for a, b in zip(got, expected)) <= 1, colour
    assert image.getpixel((130, 27)) == (0, 0, 0, 255)  # black: K alone (Pillow's convert gave C=M=Y=255, K=0)
    assert image.getpixel((130, 54 + 27)) == (0, 0, 0, 127)  # grey: K alone
    inks = image.split()
    most = ImageMath.lambda_eval(lambda a: a["c"] + a["m"] + a["y"] + a["k"], **dict(zip("cmyk", inks))).getextrema()[1]
    assert most == 2 * 255  # total ink: the red's two inks are the most (the near-black blue is nearly K alone)


def test_the_separation_prints_near_neutral_darks_in_black_alone_and_keeps_colours():
    """A --cmyk build's near-black pixel (0, 0, 1/255) was separated C 100 M 100 K 99.6: three plates at 300 %
    ink, so a rendered page's small black text printed with coloured fringes. Grey component replacement: a
    near-neutral dark colour is K alone, its K the grey of its lightness; saturated colours, dark or not, and the
    themes' colours are separated as before; no colour takes more ink than preflight allows."""
    from booklet.layout.styles import cmyk, separated
    from booklet.printing.preflight import INK_LIMIT

    def inks(*rgb):
        return tuple(round(v, 4) for v in separated(*(v / 255 for v in rgb)))

    assert inks(0, 0, 0) == (0.0, 0.0, 0.0, 1.0)
    assert inks(0, 0, 1) == (0.0, 0.0, 0.0, 0.998)  # was (1.0, 1.0, 0.0, 0.9961)
    assert inks(3, 0, 11)[:3] == pytest.approx((0.0322, 0.0443, 0.0), abs=1e-4)  # was (0.7273, 1.0, 0.0, 0.9569)
    assert inks(35, 31, 32) == (0.0, 0.0, 0.0, 0.8706)  # a PDF's CMYK black as pdfium renders it
    assert inks(20, 20, 24) == (0.0, 0.0, 0.0, 0.9137)  # a photo's shadow
    for grey in (0, 26, 128, 200, 255):
        assert inks(grey, grey, grey) == (0.0, 0.0, 0.0, round(1 - grey / 255, 4))
    assert inks(255, 0, 0) == (0.0, 1.0, 1.0, 0.0)  # saturated: as before
    assert inks(0, 0, 77) == (1.0, 1.0, 0.0, 0.698)  # a dark blue: as before
    assert inks(11, 7, 30) == (0.6333, 0.7667, 0.0, 0.8824)  # the sample cover's night sky: as before
    assert cmyk("#0B5394") == (0.9257, 0.4392, 0.0, 0.4196) and cmyk("#E6EEF7") == (0.0688, 0.0364, 0.0, 0.0314)
    assert cmyk("#1A1A1A") == (0.0, 0.0, 0.0, 0.898) and cmyk("#C8102E") == (0.0, 0.92, 0.77, 0.2157)
    # the most ink a colour takes for its lightest and darkest channels: the third channel as dark as the darkest
    most = max(sum(separated(bottom / 255, bottom / 255, top / 255))
               for top in range(256) for bottom in range(top + 1))
    assert 2.9 < most <= INK_LIMIT / 100
    # smooth from grey to a dark blue, a level at a time: no ink jumps (it was C 0 -> 100 % at the first level)
    ramp = [separated(0, 0, level / 255) for level in range(60)]
    assert max(abs(a - b) for one, two in zip(ramp, ramp[1:]) for a, b in zip(one, two)) < 0.2


def test_cmyk_images_are_separated_as_the_colours_are_within_a_level():
    """to_cmyk, made of 8-bit tables, gives each pixel styles.separated's inks within one level (of 255); a
    near-neutral dark pixel on the black plate alone."""
    from booklet.images import to_cmyk
    from booklet.layout.styles import separated

    colours = [(r, g, b) for r in range(0, 48, 3) for g in range(0, 48, 3) for b in range(0, 48, 3)]
    colours += [(r, g, b) for r in range(0, 256, 17) for g in range(0, 256, 17) for b in range(0, 256, 17)]
    image = Image.new("RGB", (len(colours), 1))
    image.putdata(colours)
    made = to_cmyk(image)
    for x, colour in enumerate(colours):
        expected = tuple(round(255 * v) for v in separated(*(v / 255 for v in colour)))
        got = made.getpixel((x, 0))
        assert max(abs(a - b) for a, b in zip(got, expected)) <= 1, colour
        if expected[:3] == (0, 0, 0):
            assert got[:3] == (0, 0, 0), colour


def _map_pdf(colour, blue) -> bytes:
    """A map of 300 x 200 points: a block of 100 % of `colour` (a function setting a fill colour on the canvas:
    the ink's whole strength at 1) at the top left, one of 50 % at the top right, a block of `blue` (a function
    setting it) at the bottom left, and 'Hall' in 100 % of `colour` at the bottom right."""
    import io

    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(300, 200), invariant=1)
    colour(canvas, 1.0)
    canvas.rect(20, 120, 120, 60, fill=1, stroke=0)
    colour(canvas, 0.5)
    canvas.rect(160, 120, 120, 60, fill=1, stroke=0)
    blue(canvas)
    canvas.rect(20, 20, 120, 60, fill=1, stroke=0)
    colour(canvas, 1.0)
    canvas.setFont("Helvetica-Bold", 30)
    canvas.drawString(160, 40, "Hall")
    canvas.save()
    return buffer.getvalue()


def _built_map(tmp_path, pdf: bytes) -> Image.Image:
    """The map's rendering in a --cmyk build of a small conference that places it, upright (as the map is drawn)."""
    from .helpers import extend

    folder = write_conference(tmp_path / "conf", {
        "conference.yaml": extend("conference.yaml", "extra_pages:\n  - {file: images/map.pdf}\n"),
        "images/map.pdf": pdf})
    out = tmp_path / "b.pdf"
    build_booklet(folder, out, options=PrintOptions(cmyk=True))
    [image] = [image for image in _cmyk_images(out) if abs(image.width / image.height - 1.5) < 0.01]
    return image


def _inks_at(image: Image.Image, x: float, y: float) -> tuple[int, int, int, int]:
    """The pixel at (x, y) points of the 300 x 200 point map (y from its bottom)."""
    return image.getpixel((int(x / 300 * image.width), int((1 - y / 200) * image.height)))


def test_a_placed_pdf_s_cmyk_black_prints_as_solid_black_in_a_cmyk_build(tmp_path):
    """A --cmyk build renders a placed PDF (a venue map) with PDFium, which renders DeviceCMYK black (0, 0, 0, 1) as
    RGB (35, 31, 32): separated again, the map's black text and rules printed as 87 % black (screened, grey), its
    50 % black as 41 %. PDFium's rendering of black ink is now taken back to the grey it is: 100 % black prints as
    100 % black alone, text and its edges on the black plate only, 50 % as 50 %; a colour as before."""
    image = _built_map(tmp_path, _map_pdf(lambda canvas, k: canvas.setFillColorCMYK(0, 0, 0, k),
                                          lambda canvas: canvas.setFillColorCMYK(1, 0.5, 0, 0)))
    assert _inks_at(image, 80, 150) == (0, 0, 0, 255)  # was (0, 0, 0, 222)
    assert _inks_at(image, 220, 150) in {(0, 0, 0, 127), (0, 0, 0, 128)}  # was (0, 0, 0, 105)
    assert _inks_at(image, 80, 50)[:2] == (255, 100)  # the blue: as PDFium renders it, as before
    text = image.crop((int(160 / 300 * image.width), int(130 / 200 * image.height),
                       int(240 / 300 * image.width), int(170 / 200 * image.height)))
    cyan, magenta, yellow, black = text.split()
    assert [plate.getextrema() for plate in (cyan, magenta, yellow)] == [(0, 0)] * 3  # black ink alone, edges too
    assert black.getextrema() == (0, 255)
    assert sum(black.histogram()[250:]) > 20_000  # the letters' strokes solid black (were at most 222, 87 %)


def test_a_placed_pdf_in_rgb_is_separated_as_pdfium_renders_it(tmp_path):
    """A map drawn in RGB is not taken for CMYK: its dark grey (35, 31, 32) stays 87 % black, as any such
    colour of the booklet is separated."""
    image = _built_map(tmp_path, _map_pdf(
        lambda canvas, k: canvas.setFillColorRGB(*(1 - k * (1 - v / 255) for v in (35, 31, 32))),
        lambda canvas: canvas.setFillColorRGB(0, 114 / 255, 188 / 255)))
    assert _inks_at(image, 80, 150) == (0, 0, 0, 222)
    assert _inks_at(image, 80, 50) == (255, 100, 0, 67)


def test_build_ink_limit_separates_under_the_shop_s_limit_that_preflight_checks(tmp_path):
    """`build --cmyk` separated to up to 293 % total ink (a very dark blue), while an uncoated paper's shop asks for
    260-280 %: a build could not be made to pass `preflight --ink-limit 260`. `build --ink-limit 260` scales a
    colour's and an image pixel's C, M and Y down together where they take more (K kept), and the preflight at the
    same limit passes; without it the same photo and theme colour fail."""
    from booklet.layout.styles import cmyk

    folder = _invited_with_photo(tmp_path, "photo.png")
    (folder / "theme.yaml").write_text('colours: {primary: "#00004D"}\n', encoding="utf-8")
    photo = Image.new("RGB", (260, 325), (0, 0, 77))  # separated C 100 M 100 K 70: 270 %
    photo.paste((255, 255, 255), (0, 0, 260, 100))
    photo.paste((128, 128, 128), (0, 100, 260, 150))
    photo.save(folder / "images/photo.png")
    runner, said = CliRunner(), {}
    for limit, told, status in ((None, "up to 270% in images", 1), (260, "up to 260% in images", 0)):
        out = tmp_path / f"b{limit}.pdf"
        given = ["--ink-limit", str(limit)] if limit else []
        built = runner.invoke(main, ["build", str(folder), "-o", str(out), "--cmyk", *given])
        assert built.exit_code == 0, built.output
        checked = runner.invoke(main, ["preflight", str(out), "--cmyk", "--ink-limit", "260"])
        assert checked.exit_code == status, checked.output
        [ink] = [line for line in checked.output.splitlines() if line.startswith("  Total ink: ")]
        assert ink.startswith(f"  Total ink: {told}"), ink
        said[limit] = checked.output
    assert "  - Total ink over 260% in 1 image (up to 270%): page " in said[None]
    assert said[260].endswith("OK: fit to print\n")
    [image] = _cmyk_images(tmp_path / "b260.pdf")
    assert image.getpixel((130, 50)) == (0, 0, 0, 0) and image.getpixel((130, 125)) == (0, 0, 0, 127)  # as before
    cyan, magenta, yellow, black = image.getpixel((130, 250))
    assert (yellow, black) == (0, 178) and cyan == magenta and cyan + magenta + black <= 663  # 260 % of 255
    assert cmyk("#00004D") == (1.0, 1.0, 0.0, 0.698)  # the theme's colour, as before
    assert cmyk("#00004D", 260) == (0.9509, 0.9509, 0.0, 0.698)  # within 260 %
    assert runner.invoke(main, ["build", str(folder), "-o", str(tmp_path / "x.pdf"), "--ink-limit", "260"]).output \
        .endswith("Error: --ink-limit is the total ink of CMYK colours and images: use it with --cmyk\n")
    assert not (tmp_path / "x.pdf").exists()


def test_a_cmyk_build_s_process_is_its_ink_limit_from_the_page_on():
    """styles.ink_limit turned a `process` of True into the default limit for ink, to_cmyk and the image cache's key;
    nothing passes True now: Page.process is the limit (or False for RGB), and what takes it uses it as it is."""
    from booklet.images import _lowered_limit, separation_key
    from booklet.layout import styles
    from booklet.layout.page import page_for
    from booklet.printing.paper import INK_LIMIT

    assert not hasattr(styles, "ink_limit")
    assert page_for("A5", cmyk=True).process == INK_LIMIT == 300 and page_for("A5").process is False
    assert page_for("A5", cmyk=True, ink_limit=260).process == 260
    assert styles.ink("#1F3A93", 300).cmyk() == styles.cmyk("#1F3A93", 300)
    assert styles.ink("#1F1F6F", 150).cmyk() == styles.cmyk("#1F1F6F", 150) != styles.cmyk("#1F1F6F", 300)
    assert _lowered_limit(300) is None and _lowered_limit(260) == 260
    assert separation_key(False) is False and separation_key(260)[1] == 260
