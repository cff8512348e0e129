"""Sponsors, extra pages and QR codes: the sponsors' page (tiers in order, logo sizes by tier, names when
asked, links), extra pages after the section they name (images, and one-page PDFs drawn as vectors),
QR codes on the practical information page, and the errors for files and texts that cannot be used."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pypdfium2
import pypdfium2.raw as pdfium
import pytest
from PIL import Image
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from booklet.build import PrintOptions, build_booklet
from booklet.check import check_folder
from booklet.data.extras import QR_MAX_BYTES, qr_problem
from booklet.layout import extras, pdfpage
from booklet.layout.backmatter import NotesPage
from booklet.layout.page import page_for
from booklet.layout.sponsors import GAP, box_size
from booklet.text import markup

from .helpers import LATER, base_lines, extend, write_conference
from .pdftext import Pdf
from .test_bad_data import build_and_check_fail, invoke

A5 = page_for("A5")


def png(size=(900, 300), colour=(20, 90, 160)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


def pdf_bytes(pages: int = 1, size=(300.0, 200.0), words: str = "Harbour map") -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=size, invariant=1)
    for number in range(pages):
        canvas.setFillColorRGB(0.9, 0.9, 0.8)
        canvas.rect(0, 0, size[0], size[1], stroke=0, fill=1)  # the whole page: what pdfium measures of it
        canvas.setFillColorRGB(0.2, 0.5, 0.3)
        canvas.rect(10, 10, size[0] - 20, size[1] - 20, stroke=0, fill=1)
        canvas.setFillColorRGB(0, 0, 0)
        canvas.drawString(20, size[1] / 2, f"{words} {number + 1}")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


# theme.yaml's sections of the booklets build() makes: the pages of the conference.yaml these tests write (the
# practical page: places, QR codes; the sponsors' page; extra pages, at the end unless `after:` names a section here),
# not the glance, programme, abstracts, tutorials, posters and index of the minimal conference, whose pages cost each
# build and each Pdf() that reads every page's text.
EXTRAS_ALONE = "sections: [practical, sponsors]\n"


def build(tmp_path: Path, conference_text: str, files: dict | None = None, theme: str | None = None,
          alone: bool = True, **options):
    """The minimal conference with `conference_text` added to its conference.yaml, `files` and `theme` (theme.yaml;
    with `alone`, after EXTRAS_ALONE; without, every section), built with `options` (PrintOptions: no Notes pages, no
    bleed): (its BuildResult, its Pdf)."""
    theme = (EXTRAS_ALONE if alone else "") + (theme or "")
    data = write_conference(tmp_path / "data", {"conference.yaml": extend("conference.yaml", conference_text),
                                                "theme.yaml": theme or None, **(files or {})})
    result = build_booklet(data, tmp_path / "booklet.pdf", options=PrintOptions(pad_to=1, bleed=0, **options))
    return result, Pdf(result.output)


def objects(path: Path, index: int, kind: int) -> list[tuple[float, float, float, float]]:
    """(left, bottom, right, top) of each top-level object of `kind` on a page, in drawing order."""
    document = pypdfium2.PdfDocument(str(path))
    try:
        page = document[index]
        return [tuple(obj.get_bounds()) for obj in page.get_objects(max_depth=0) if obj.type == kind]
    finally:
        document.close()


# -- sponsors -------------------------------------------------------------------------------------------

SPONSORS = """\
sponsors:
  - {name: Zeta Gold Corp, logo: images/a.png, tier: Gold, url: "https://example.com/zeta"}
  - {name: Alpha Silver Ltd, logo: images/b.png, tier: Silver}
  - {name: Beta Gold AG, logo: images/c.png, tier: Gold}
  - {name: Gamma Friends, tier: Friends}
  - {name: Delta Patron}
"""
LOGOS = {"images/a.png": png(), "images/b.png": png(colour=(150, 40, 40)), "images/c.png": png(colour=(40, 150, 40))}


@pytest.fixture(scope="module")
def sponsors_booklet(tmp_path_factory):
    return build(tmp_path_factory.mktemp("sponsors"), SPONSORS, LOGOS, theme="sponsors: {names: true}\n")


def test_sponsors_page_prints_tiers_in_first_appearance_order_with_names_when_asked(sponsors_booklet):
    result, pdf = sponsors_booklet
    page = result.anchors["sponsors"] - 1
    lines = pdf.lines(page)
    assert lines[:7] == ["Sponsors", "Gold", "Zeta Gold Corp", "Beta Gold AG", "Silver", "Alpha Silver Ltd",
                         "Friends"]
    assert "Gamma Friends" in " ".join(lines[7:])  # no logo: its name in the logo's place
    # a sponsor of no tier after the tiers is headed by the label other_sponsors: it printed under no heading, right
    # after the last tier's, and read as one of them
    assert lines[-3:-1] == ["Other sponsors", "Delta Patron"]
    assert " ".join(lines).index("Gamma Friends") < " ".join(lines).index("Other sponsors")
    assert ("Sponsors", page, []) in pdf.outline()
    contents = pdf.lines(1)
    assert contents[contents.index("Sponsors") + 1] == str(page + 1)


def test_a_tier_that_runs_on_to_the_next_page_is_headed_there_by_its_name_continued(tmp_path):
    """Forty sponsors of one tier after two others: the tier runs on to another page, and the rows there went on with
    no heading; they are headed by the tier's name, "(continued)". Every sponsor is printed once, in order."""
    names = [f"Sponsor {n:02d}" for n in range(46)]
    tiers = ["Gold"] * 2 + ["Silver"] * 4 + ["Bronze"] * 40
    text = "sponsors:\n" + "".join(f"  - {{name: {name}, tier: {tier}}}\n" for name, tier in zip(names, tiers))
    result, pdf = build(tmp_path, text)
    first = result.anchors["sponsors"] - 1
    pages = [first] + [i for i in range(first + 1, len(pdf)) if any(n in pdf.texts[i] for n in names)]
    assert len(pages) >= 2
    heads = [pdf.lines(page)[0] for page in pages]
    assert heads[0] == "Sponsors" and all(head == "Bronze (continued)" for head in heads[1:]), heads
    printed = " ".join(pdf.texts[page] for page in pages)
    assert [name for name in names if name in printed] == names
    assert sorted(printed.index(name) for name in names) == [printed.index(name) for name in names]


def test_sponsor_logos_are_sized_by_tier_centred_and_kept_in_proportion(sponsors_booklet):
    result, pdf = sponsors_booklet
    images = objects(pdf.path, result.anchors["sponsors"] - 1, pdfium.FPDF_PAGEOBJ_IMAGE)
    assert len(images) == 3
    (gold_w, gold_h), (silver_w, silver_h) = box_size(A5, 2), box_size(A5, 3)
    widths = [right - left for left, _, right, _ in images]
    heights = [top - bottom for _, bottom, _, top in images]
    # the 3:1 logos fill their boxes' width: the first tier's boxes are the larger
    assert widths == pytest.approx([gold_w, gold_w, silver_w], abs=0.05)
    assert heights == pytest.approx([gold_w / 3, gold_w / 3, silver_w / 3], rel=3e-3)  # downsampled: rounded pixels
    assert gold_h == pytest.approx(gold_w / 2) and widths[0] > widths[2] * 1.4
    # the two gold logos fill their row; the lone silver one is centred on the text block
    assert images[0][0] == pytest.approx(A5.margin, abs=0.05)
    assert images[1][0] - images[0][2] == pytest.approx(GAP, abs=0.05)
    assert (images[2][0] + images[2][2]) / 2 == pytest.approx(A5.width / 2, abs=0.05)


def test_sponsors_of_no_tier_at_the_top_of_a_page_stand_where_the_pages_text_begins(tmp_path):
    """A typesetter's review: where the tiers before them ended at a page's foot, the space that sets the sponsors of
    no tier apart from them went over to the next page and pushed their logos 15 pt below where a page's text begins.
    The space is dropped at the top of a page, as a tier's heading's space above is: their heading (other_sponsors)
    opens the page, its logos right under it."""
    text = "sponsors:\n" + "".join(f"  - {{name: Gold {n}, logo: images/g.png, tier: Gold}}\n" for n in range(6)) \
        + "".join(f"  - {{name: Silver {n}, logo: images/g.png, tier: Silver}}\n" for n in range(6)) \
        + "".join(f"  - {{name: Other {n}, logo: images/o.png}}\n" for n in range(3))
    logos = {"images/g.png": png((900, 360)), "images/o.png": png((900, 450), colour=(150, 40, 40))}
    result, pdf = build(tmp_path, text, logos, theme="sponsors: {names: true}\n")
    page = pdf.pages_with("Other 0")[0]
    assert page == result.anchors["sponsors"] and "Silver 5" in pdf.texts[page - 1]  # (the case: a page's first)
    assert pdf.lines(page)[0] == "Other sponsors"
    document = pypdfium2.PdfDocument(str(pdf.path))
    text = document[page].get_textpage()
    start, count = text.search("Other sponsors", match_case=True).get_next()
    top = max(text.get_charbox(i)[3] for i in range(start, start + count))
    document.close()
    first = objects(pdf.path, page, pdfium.FPDF_PAGEOBJ_IMAGE)[0]  # a 2:1 logo fills its box, the row's height
    assert A5.height - A5.top - 4 < top <= A5.height - A5.top  # (its capitals' tops, a little under the line's)
    assert top - 30 < first[3] < top  # its logos right under it


LEGAL = ["Chaos Computer Club e. V.", "Deutsche Forschungsgemeinschaft", "Gesellschaft für Informatik e. V.",
         "Müller Maschinenbau GmbH & Co. KG", "Acme Widgets Inc."]


def test_sponsor_names_without_logos_break_at_spaces_or_hyphenated_their_legal_form_held_to_the_word_before(tmp_path):
    """A typesetter's review: a name without a logo was cut between two letters ("Deutsche Forschungsg / emeinschaft",
    no hyphen) and its legal form split from it or in two ("Chaos Computer Club / e. V."). In boxes of two, three and
    four to a row, each name reads whole, broken at its spaces or after a hyphen (a word wider than its box), and no
    line starts inside a legal form or ends inside one, nor with "e. V." or "Inc." that fit with the word before."""
    tiers = [("Gold", LEGAL[:2]), ("Silver", LEGAL[:3]), ("Bronze", LEGAL)]
    text = "sponsors:\n" + "".join(f"  - {{name: {name}, tier: {tier}}}\n" for tier, names in tiers for name in names)
    result, pdf = build(tmp_path, text)
    lines = pdf.lines(result.anchors["sponsors"] - 1)[1:-1]  # between the heading and the page number
    assert " ".join(lines).replace("- ", "") == " ".join(f"{tier} {' '.join(names)}" for tier, names in tiers)
    assert any(line.endswith("-") for line in lines)  # "Forschungsgemeinschaft" is hyphenated where it is broken
    for line in lines:
        assert not line.startswith(("e.", "V.", "Inc.", "&", "Co.", "KG")), lines
        assert not line.endswith((" e.", " GmbH", " &", " Co.")), lines
    assert "Club e. V." in lines and any(line.endswith("Widgets Inc.") for line in lines)
    assert "GmbH & Co. KG" in lines  # (on a line of its own where "Maschinenbau GmbH & Co. KG" is wider than the box)


@pytest.mark.parametrize("language", ["en", "fr", "de"])
def test_a_sponsor_name_cut_by_hand_keeps_as_many_letters_after_its_hyphen_as_a_paragraph(language):
    """A review: "Bundesministerium", a name without a logo in an English book, was cut "Bundesministeri- / um" in its
    box (pyphen's two letters after a cut), where a paragraph keeps three in English and French. The cuts offered
    for a name cut by hand (sponsors, the glance) are those a paragraph's hyphenation offers."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase.pdfmetrics import stringWidth

    import pyphen

    from booklet.layout.sponsors import broken_name
    from booklet.text.paragraph import _OnePyphen, pattern_cuts

    hyphenator = _OnePyphen(pyphen).Pyphen(language)
    for word in ["Bundesministerium", "posterior", "Forschungsgemeinschaft", "Volkswagenstiftung", "Landesbank"]:
        offered = sorted(len(head) for head, _ in hyphenator.iterate(word))
        assert pattern_cuts(word, language) == offered, word
    style = ParagraphStyle("name", fontName="Helvetica", fontSize=10)
    name = "Bundesministerium"
    width = stringWidth(name, "Helvetica", 10) - 1  # too narrow by a hair: the longest head that fits is taken
    lines = str(broken_name(name, style, width, language)).split("<br/>")
    assert "".join(line.rstrip("-") for line in lines) == name
    if language in ("en", "fr"):
        assert len(lines) > 1 and len(lines[-1]) >= 3, lines


def test_a_tier_s_names_without_logos_are_one_size_and_a_compound_breaks_at_its_own_hyphen(tmp_path):
    """A typographer's review: each name without a logo was shrunk on its own to its box, so that one row held four
    sizes; and "Sternwarte Heidelberg-Königstuhl" was hyphenated "Heidel- / berg-Königstuhl" where its own hyphen was
    there to break at. A tier's names are one size, the one its longest needs (another tier's their own); a compound
    too wide for its box breaks after its own hyphen, no hyphen added."""
    tiers = {"Gold": ["Ada Corp", "Bo Foundation"],
             "Silver": ["Sternwarte Heidelberg-Königstuhl", "Acme Inc.", "Deutsche Forschungsgemeinschaft"],
             "Bronze": ["Müller Maschinenbau GmbH & Co. KG", "Zeta Ltd", "International Association for the Promotion "
                        "of Cooperation with Scientists of the Independent States"]}
    text = "sponsors:\n" + "".join(f"  - {{name: {name}, tier: {tier}}}\n" for tier, names in tiers.items()
                                   for name in names)
    result, pdf = build(tmp_path, text)
    index = result.anchors["sponsors"] - 1
    page = pypdfium2.PdfDocument(str(result.output))[index].get_textpage()
    content = page.get_text_range()

    def size(name: str) -> float:
        return round(pdfium.FPDFText_GetFontSize(page.raw, content.index(name.split()[0])), 2)

    sizes = {tier: {size(name) for name in names} for tier, names in tiers.items()}
    assert all(len(found) == 1 for found in sizes.values()), sizes
    (gold,), (silver,), (bronze,) = sizes.values()
    assert gold > silver > bronze, sizes  # (the long name shrinks its tier alone)
    lines = pdf.lines(index)
    assert "Heidelberg-" in lines and "Königstuhl" in lines and not any(line.endswith("Heidel-") for line in lines)


def test_a_sponsor_name_with_markup_broken_over_lines_keeps_its_markup(tmp_path):
    """Fuzzing: a long name in stars (emphasis), cut into lines before its markup was read, printed its stars on its
    first and last lines, upright. Its words print without the stars, in italics, wherever its lines break."""
    name = "*Heidelberg-Königstuhl-Sternwarte-Forschungsgesellschaft und Instrumentenbau*"
    result, pdf = build(tmp_path, f"sponsors:\n  - {{name: '{name}', tier: Gold}}\n  - {{name: Acme, tier: Gold}}\n")
    index = result.anchors["sponsors"] - 1
    text = " ".join(pdf.lines(index))
    assert "*" not in text and "Instrumentenbau" in text
    fonts = {pdf.reader.pages[index]["/Resources"]["/Font"][key]["/BaseFont"]
             for key in pdf.reader.pages[index]["/Resources"]["/Font"]}
    assert any("Italic" in str(font) for font in fonts), fonts


@pytest.mark.parametrize("name, held", [
    ("Chaos Computer Club e. V.", "Chaos Computer Club\u00a0e.\u00a0V."),
    ("Müller  Maschinenbau GmbH & Co. KG", "Müller Maschinenbau\u00a0GmbH\u00a0&\u00a0Co.\u00a0KG"),
    ("Acme Widgets, Inc.", "Acme Widgets,\u00a0Inc."),
    ("Deutsche Forschungsgemeinschaft", "Deutsche Forschungsgemeinschaft"),
    ("Smith &", "Smith &"), ("AG", "AG")])
def test_a_legal_form_is_held_together_and_to_the_word_before_it(name, held):
    assert markup.held_legal_form(name) == held


def test_a_sponsor_url_makes_its_logo_a_link(sponsors_booklet):
    result, pdf = sponsors_booklet
    page = pdf.reader.pages[result.anchors["sponsors"] - 1]
    links = [(a.get_object()["/A"]["/URI"], [float(v) for v in a.get_object()["/Rect"]])
             for a in page.get("/Annots", []) if "/A" in a.get_object()]
    assert [uri for uri, _ in links] == ["https://example.com/zeta"]
    logo = objects(pdf.path, result.anchors["sponsors"] - 1, pdfium.FPDF_PAGEOBJ_IMAGE)[0]
    left, bottom, right, top = links[0][1]
    assert left <= logo[0] + 0.01 and right >= logo[2] - 0.01 and bottom <= logo[1] + 0.01 and top >= logo[3] - 0.01


def test_a_sponsor_url_without_its_scheme_links_to_the_web_as_the_conference_url_does(tmp_path):
    # "www.example.com/beta" as a link's target is a file's name to a PDF viewer: the logo opened nothing, where the
    # conference's own address written the same way linked to https://
    sponsors = SPONSORS.replace("tier: Gold}", 'tier: Gold, url: " www.example.com/beta"}').replace(
        "tier: Silver}", 'tier: Silver, url: "http://alpha.example.org"}')
    result, pdf = build(tmp_path, "url: www.example.org/conf\n" + sponsors, LOGOS)
    page = pdf.reader.pages[result.anchors["sponsors"] - 1]
    links = [a.get_object()["/A"]["/URI"] for a in page.get("/Annots", []) if "/A" in a.get_object()]
    assert links == ["https://example.com/zeta", "https://www.example.com/beta", "http://alpha.example.org"]
    every = [a.get_object()["/A"]["/URI"] for p in pdf.reader.pages for a in p.get("/Annots", [])
             if "/URI" in a.get_object().get("/A", {})]
    assert "https://www.example.org/conf" in every


def test_a_protocol_relative_url_links_to_the_web_as_https(tmp_path):
    # a sponsor's `url: //example.org/beta` became the link https:////example.org/beta, the conference's own was
    # printed under Contact with no link, and check warned "it names no site": a web page's address without its scheme
    # (data.web), which a booklet, having none, opens as https:, and prints as that link (it printed "//www.example.org
    # /conf", which a reader cannot type)
    sponsors = SPONSORS.replace("tier: Gold}", 'tier: Gold, url: "//www.example.com/beta"}')
    result, pdf = build(tmp_path, "url: //www.example.org/conf\n" + sponsors, LOGOS)
    every = [a.get_object()["/A"]["/URI"] for p in pdf.reader.pages for a in p.get("/Annots", [])
             if "/URI" in a.get_object().get("/A", {})]
    assert every == ["https://example.com/zeta", "https://www.example.com/beta", "https://www.example.org/conf"]
    back = [a.get_object()["/A"]["/URI"] for a in pdf.reader.pages[-1].get("/Annots", [])]
    assert back == ["https://www.example.org/conf"]  # (the back cover, under Contact)
    assert pdf.texts[-1].splitlines()[0] == "https://www.example.org/conf"  # (printed as the link, not as written)


def test_a_web_address_of_another_kind_than_the_web_s_is_an_error_at_its_key_for_every_url(tmp_path):
    # a sponsor's `url: "javascript:app.alert(1)"` became the link https://javascript:app.alert(1), and check said
    # nothing; the conference's own url, sponsors' urls: one rule (http, https, mailto, or a bare site)
    line = base_lines("conference.yaml") + 1
    data = write_conference(tmp_path / "data", {
        "conference.yaml": extend("conference.yaml", """\
            url: "file:///etc/passwd"
            sponsors:
              - {name: Zeta, url: "javascript:app.alert(1)"}
              - {name: Eta, url: "DATA:text/html,hi"}
              - {name: Theta, url: "www.example.org:8080/x"}
              - {name: Iota, url: "mailto:info@example.org"}
              - {name: Kappa, url: "http://example.org"}
            """)})
    hint = ("is not a kind of address the booklet links to; write a web address (https://www.example.org, or "
            "www.example.org, opened as https://) or an email address (mailto:info@example.org)")
    build_and_check_fail(tmp_path, data, [
        f"conference.yaml:{line}: url: 'file:///etc/passwd' is not a web address: file: {hint}",
        f"conference.yaml:{line + 2}: sponsors[0].url: 'javascript:app.alert(1)' is not a web address: "
        f"javascript: {hint}",
        f"conference.yaml:{line + 3}: sponsors[1].url: 'DATA:text/html,hi' is not a web address: data: {hint}",
    ])


def test_a_url_whose_scheme_a_tab_or_a_line_break_splits_is_refused_as_a_browser_reads_it(tmp_path):
    # "java\tscript:app.alert(1)" is javascript: to a browser (the WHATWG URL parser drops ASCII tabs and line breaks
    # anywhere in an address), and it passed as a bare site, linked as https://java%09script:...
    line = base_lines("conference.yaml") + 1
    data = write_conference(tmp_path / "data", {
        "conference.yaml": extend("conference.yaml", """\
            url: "JAVA\\tscript:app.alert(1)"
            sponsors:
              - {name: Zeta, url: " java\\nscript:app.alert(1)"}
            """)})
    hint = ("is not a kind of address the booklet links to; write a web address (https://www.example.org, or "
            "www.example.org, opened as https://) or an email address (mailto:info@example.org)")
    build_and_check_fail(tmp_path, data, [
        f"conference.yaml:{line}: url: 'JAVA\tscript:app.alert(1)' is not a web address: javascript: {hint}",
        f"conference.yaml:{line + 2}: sponsors[0].url: 'java\u21b5script:app.alert(1)' is not a web address: "
        f"javascript: {hint}"])


def test_a_sponsor_name_shrunk_too_far_to_read_in_its_box_is_warned_about_at_its_key(tmp_path):
    # printed in its logo's box, shrunk to a few points' size to fit it, without a word from check
    long_name = "Foundation " + " ".join(f"word{i}" for i in range(60))
    data = write_conference(tmp_path / "data", {"conference.yaml": extend("conference.yaml", f"""\
        sponsors:
          - {{name: Short Name AG, tier: Gold}}
          - {{name: {long_name}, tier: Gold}}
        """)})
    _, warnings = check_folder(data)
    found = [(w.file, w.line, w.key, w.message) for w in warnings if w.kind == "sponsor-name"]
    line = base_lines("conference.yaml") + 3
    assert len(found) == 1 and found[0][:3] == ("conference.yaml", line, "sponsors[1].name"), found
    assert re.fullmatch(r"the name of a sponsor without a logo, printed in the logo's place, is shrunk to \d+% of its "
                        r"size to fit its box, too small to read well \(and the other names without a logo of its "
                        r"tier with it\); shorten it, or give the sponsor a logo", found[0][3])
    assert int(re.search(r"(\d+)%", found[0][3]).group(1)) < 60
    short = write_conference(tmp_path / "short", {"conference.yaml": extend("conference.yaml", """\
        sponsors:
          - {name: Deutsche Forschungsgemeinschaft, tier: Gold}
        """)})
    assert [w for w in check_folder(short)[1] if w.kind == "sponsor-name"] == []


def test_names_are_not_printed_under_logos_unless_asked_and_no_sponsors_no_page(tmp_path):
    result, pdf = build(tmp_path / "plain", SPONSORS, LOGOS)
    text = pdf.texts[result.anchors["sponsors"] - 1]
    assert "Zeta Gold Corp" not in text and "Alpha Silver Ltd" not in text
    assert "Gamma Friends" in text  # without a logo, the name is what prints
    result, pdf = build(tmp_path / "none", "")
    assert "sponsors" not in result.anchors
    assert not pdf.pages_with("Sponsors")


def test_a_long_name_without_a_logo_is_shrunk_into_its_box(tmp_path):
    long = ("The Extraordinarily Long-Named Regional Foundation for the Advancement of Astronomical Statistics "
            "and Allied Sciences of the North")
    result, pdf = build(tmp_path, f"sponsors:\n  - {{name: {long}}}\n")
    index = result.anchors["sponsors"] - 1
    assert " ".join(pdf.lines(index)[1:-1]) == long  # between the heading and the page number, every word
    document = pypdfium2.PdfDocument(str(pdf.path))
    try:
        text = document[index].get_textpage()
        boxes = [text.get_charbox(i) for i in range(text.count_chars())]
    finally:
        document.close()
    heading_bottom = A5.height - A5.top - 30  # the heading is above; the page number below the text block
    boxes = [b for b in boxes if A5.bottom < b[1] < heading_bottom and b[2] > b[0]]
    width, height = box_size(A5, 3)  # sponsors of no tier: three to a row; one alone is centred
    left = A5.margin + (A5.text_width - width) / 2
    assert len(boxes) > len(long) / 2
    assert min(b[0] for b in boxes) >= left - 0.5 and max(b[2] for b in boxes) <= left + width + 0.5
    assert max(b[3] for b in boxes) - min(b[1] for b in boxes) <= height + 0.5


def test_a_coarse_logo_is_warned_about_at_its_tier_size_by_check_and_build(tmp_path):
    data = write_conference(tmp_path / "data", {
        "conference.yaml": extend("conference.yaml", "sponsors:\n  - {name: Small, logo: images/s.png, tier: Gold}\n"),
        "images/s.png": png((300, 100))})
    line = base_lines("conference.yaml") + 2
    width, _ = box_size(A5, 2)
    # a 3:1 logo in a 2:1 box: printed as wide as the box and a third as high, and judged at that size
    message = (f"conference.yaml:{line}: sponsors[0].logo: warning: s.png is 136 dpi at its printed size "
               f"(56 \u00d7 18.7 mm) and will print blurred; 300 dpi needs {round(width / 72 * 300)} \u00d7 "
               f"{round(width / 3 / 72 * 300)} pixels")
    check, built = invoke("check", data), invoke("build", data, "-o", tmp_path / "out.pdf")
    assert check.exit_code == built.exit_code == 0
    assert message in check.stderr.splitlines() and message in built.stderr.splitlines()


def test_an_svg_logo_is_an_error_that_says_it_is_an_svg(tmp_path):
    # it said "not a readable image (cannot identify image file '/the/whole/path.svg')"
    svg = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="90" height="30"/>\n'
    data = write_conference(tmp_path / "data", {
        "conference.yaml": extend("conference.yaml", "sponsors:\n  - {name: Vector, logo: images/v.svg}\n"
                                                     "  - {name: Named, logo: images/v.png}\n"),
        "images/v.svg": svg, "images/v.png": svg})
    line = base_lines("conference.yaml") + 2
    what = "an SVG drawing, which booklet cannot place; export it as a PNG image (300 dpi at the size it prints)"
    build_and_check_fail(tmp_path, data, [f"conference.yaml:{line}: sponsors[0].logo: 'images/v.svg': {what}",
                                          f"conference.yaml:{line + 1}: sponsors[1].logo: 'images/v.png': {what}"])


def test_a_heic_photo_is_an_error_that_says_to_save_it_as_jpeg(tmp_path):
    """A LOC's walk: a speaker's phone photo (HEIC, named .heic or .jpg) was "not an image booklet can read (no image
    format it knows)"."""
    heic = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + bytes(64)
    data = write_conference(tmp_path / "data", {
        "conference.yaml": extend("conference.yaml", "sponsors:\n  - {name: Phone, logo: images/p.heic}\n"
                                                     "  - {name: Named, logo: images/p.jpg}\n"),
        "images/p.heic": heic, "images/p.jpg": heic})
    line = base_lines("conference.yaml") + 2
    what = ("a HEIC/HEIF photo (as phones save them), which booklet cannot read: save it as JPEG (a phone's export or "
            "share as JPEG, or any image editor)")
    build_and_check_fail(tmp_path, data, [f"conference.yaml:{line}: sponsors[0].logo: 'images/p.heic': {what}",
                                          f"conference.yaml:{line + 1}: sponsors[1].logo: 'images/p.jpg': {what}"])


def test_a_pdf_logo_is_an_error_that_says_it_is_a_pdf(tmp_path):
    """A fuzzing review: a logo given as the PDF a designer sent (named .pdf, or .png) was "not a readable image (cannot
    identify image file '/the/whole/path')", Pillow's words; it says it is a PDF and what to place instead."""
    data = write_conference(tmp_path / "data", {
        "conference.yaml": extend("conference.yaml", "sponsors:\n  - {name: Vector, logo: images/v.pdf}\n"
                                                     "  - {name: Named, logo: images/v.png}\n"),
        "images/v.pdf": pdf_bytes(pages=1), "images/v.png": pdf_bytes(pages=1)})
    line = base_lines("conference.yaml") + 2
    what = ("a PDF, not an image: booklet places a PNG or JPEG image here; export the PDF's page as one (300 dpi at "
            "the size it prints)")
    build_and_check_fail(tmp_path, data, [f"conference.yaml:{line}: sponsors[0].logo: 'images/v.pdf': {what}",
                                          f"conference.yaml:{line + 1}: sponsors[1].logo: 'images/v.png': {what}"])


# -- extra pages ----------------------------------------------------------------------------------------

EXTRA = """\
extra_pages:
  - {file: images/map.pdf, after: programme, title: Harbour map}
  - {file: images/plan.png, after: contents, title: Floor plan}
  - {file: images/last.png}
"""


@pytest.fixture(scope="module")
def extra_booklet(tmp_path_factory):
    files = {"images/map.pdf": pdf_bytes(), "images/plan.png": png((1500, 2200)), "images/last.png": png((1400, 2300))}
    return build(tmp_path_factory.mktemp("extra"), EXTRA, files, alone=False)  # (pages after the sections they name)


def test_extra_pages_follow_the_section_they_name_with_contents_and_outline_entries(extra_booklet):
    result, pdf = extra_booklet
    anchors = result.anchors
    assert anchors["extra-1"] == anchors["contents"] + 1  # after: contents
    assert anchors["programme"] < anchors["extra-0"] == anchors["abstracts"] - 1  # after: programme
    assert anchors["extra-2"] == result.pages - 1  # no `after`: the end, before the back cover
    outline = [(title, page) for title, page, _ in pdf.outline()]
    assert outline.index(("Floor plan", anchors["extra-1"] - 1)) == 1
    assert outline.index(("Harbour map", anchors["extra-0"] - 1)) == outline.index(("Programme", anchors["programme"] - 1)) + 1
    contents = pdf.lines(1)
    assert contents[:7] == ["Contents", "Floor plan", str(anchors["extra-1"]), "Programme at a glance",
                            str(anchors["glance"]), "Programme", str(anchors["programme"])]
    assert contents[contents.index("Harbour map") + 1] == str(anchors["extra-0"])
    assert {dest for _, dest in pdf.links(1)} >= {anchors["extra-0"] - 1, anchors["extra-1"] - 1}
    assert pdf.lines(anchors["extra-0"] - 1) == ["Harbour map 1", str(anchors["extra-0"])]  # the title: not printed


def test_an_extra_pages_title_the_fonts_print_nothing_of_is_listed_as_the_label(tmp_path):
    """An extra page titled in CJK alone (`title: 会場地図`, warned of) was listed in the contents as its page number
    alone, printed over the number of the entry above it ("Practical information 68" with "69" on it; an
    unprintable-text fuzz), and in the outline with no title. It is listed as other titles the fonts print nothing of
    are, as the label title_not_printable: "(title not printable)", its page number on its own line."""
    conference = EXTRA.replace("title: Harbour map", "title: 会場地図")
    files = {"images/map.pdf": pdf_bytes(), "images/plan.png": png((1500, 2200)), "images/last.png": png((1400, 2300))}
    result, pdf = build(tmp_path, conference, files, alone=False)
    page = result.anchors["extra-0"]
    contents = pdf.lines(1)
    at = contents.index("(title not printable)")
    assert contents[at - 2:at + 3] == ["Monday 13 September", str(result.anchors["day-0"]), "(title not printable)",
                                       str(page), "Abstracts"]
    assert ("(title not printable)", page - 1) in [(title, at) for title, at, _ in pdf.outline()]


def test_a_pdf_extra_page_is_drawn_as_vectors_in_its_proportions_inside_the_text_block(extra_booklet):
    result, pdf = extra_booklet
    index = result.anchors["extra-0"] - 1
    assert "Harbour map 1" in pdf.texts[index]  # the PDF's own text, still text
    assert objects(pdf.path, index, pdfium.FPDF_PAGEOBJ_IMAGE) == []
    [form] = objects(pdf.path, index, pdfium.FPDF_PAGEOBJ_FORM)
    left, bottom, right, top = form
    # a landscape page, turned a quarter (larger so): as high as the text block, centred across it
    assert (top - bottom) / (right - left) == pytest.approx(300 / 200, rel=1e-3)
    assert top - bottom == pytest.approx(A5.text_height, abs=0.05)
    assert bottom == pytest.approx(A5.bottom, abs=0.05)
    assert (left + right) / 2 == pytest.approx(A5.width / 2, abs=0.05)


def test_a_pdf_extra_page_edited_between_two_builds_in_one_process_is_read_anew(tmp_path):
    """The library's build_booklet, called again in the same process after a PDF given as an extra page was edited,
    draws the edited page, not the one read by the build before (its reader was kept by the file's path; only
    `booklet watch` forgot it)."""
    result, pdf = build(tmp_path, "extra_pages:\n  - {file: images/map.pdf}\n", {"images/map.pdf": pdf_bytes()})
    index = result.anchors["extra-0"] - 1
    assert "Harbour map 1" in pdf.texts[index]
    (tmp_path / "data" / "images" / "map.pdf").write_bytes(pdf_bytes(words="Ferry timetable"))
    again = build_booklet(tmp_path / "data", tmp_path / "again.pdf", options=PrintOptions(pad_to=1, bleed=0))
    text = Pdf(again.output).texts[again.anchors["extra-0"] - 1]
    assert "Ferry timetable 1" in text and "Harbour map" not in text


@pytest.mark.parametrize("cmyk", [False, True])
def test_an_unchanged_pdf_extra_page_is_not_read_again_by_a_second_build_in_one_process(tmp_path, monkeypatch, cmyk):
    """What was read and rendered of a PDF given as an extra page is kept while the file is unchanged
    (pdfpage.kept_by_file), not forgotten at every build: the second build of the same data in one process opens the
    file neither with pypdf nor with PDFium, and writes the same bytes; edited, the file is drawn (in a --cmyk build
    rendered) anew, and what was kept of it before is let go (a watch's edits of a map each kept another reader and
    rendering of it)."""
    import pypdf

    result, _ = build(tmp_path, "extra_pages:\n  - {file: images/map.pdf}\n", {"images/map.pdf": pdf_bytes()},
                      cmyk=cmyk)
    path = tmp_path / "data" / "images" / "map.pdf"
    opened = []

    def counted(real):
        def opening(source, *args, **kwargs):
            opened.append(str(source))
            return real(source, *args, **kwargs)
        return opening

    monkeypatch.setattr(pypdf, "PdfReader", counted(pypdf.PdfReader))
    monkeypatch.setattr(pypdfium2, "PdfDocument", counted(pypdfium2.PdfDocument))
    options = PrintOptions(pad_to=1, bleed=0, cmyk=cmyk)
    again = build_booklet(tmp_path / "data", tmp_path / "again.pdf", options=options)
    assert str(path) not in opened
    assert again.output.read_bytes() == result.output.read_bytes()
    path.write_bytes(pdf_bytes(words="Ferry timetable"))
    edited = build_booklet(tmp_path / "data", tmp_path / "edited.pdf", options=options)
    assert edited.output.read_bytes() != again.output.read_bytes()  # (its facts may come from the disk cache)
    path.write_bytes(pdf_bytes(words="Ferry timetable, winter"))
    build_booklet(tmp_path / "data", tmp_path / "winter.pdf", options=options)
    kept = [extras.rendered] if cmyk else []
    for made in (pdfpage._reader, *kept):
        assert len([key for key in made.kept if key[0] == str(path)]) == 1, made


def test_a_pdf_rewritten_keeping_its_whole_identity_is_read_anew_while_it_is_recent(tmp_path, monkeypatch):
    """A PDF written again within the same tick of the clock keeps its inode, size, modification and change times on
    a file system whose clock ticks coarsely (simulated: os.stat gives its first answer again): its reader, kept by
    that identity, was the old one in every later build of the process. Changed within disk.RACY, it is told by the
    hash of its bytes too."""
    import os

    path = tmp_path / "map.pdf"
    first, second = pdf_bytes(words="Harbour map A"), pdf_bytes(words="Harbour map B")
    path.write_bytes(first)
    before, real = os.stat(path), os.stat
    monkeypatch.setattr(os, "stat", lambda name, *args, **kwargs: before if os.fspath(name) == str(path)
                        else real(name, *args, **kwargs))
    assert "Harbour map A 1" in pdfpage._reader(path).pages[0].extract_text()
    path.write_bytes(second)
    assert "Harbour map B 1" in pdfpage._reader(path).pages[0].extract_text()
    assert pdfpage._reader(path) is pdfpage._reader(path)  # (unchanged: kept)


def test_an_image_extra_page_is_fitted_centred_and_keeps_the_page_number(extra_booklet):
    result, pdf = extra_booklet
    index = result.anchors["extra-2"] - 1
    [(left, bottom, right, top)] = objects(pdf.path, index, pdfium.FPDF_PAGEOBJ_IMAGE)
    assert (right - left) / (top - bottom) == pytest.approx(1400 / 2300, rel=1e-3)
    assert top - bottom == pytest.approx(A5.text_height, abs=0.05)  # tall: as high as the text block
    assert (left + right) / 2 == pytest.approx(A5.width / 2, abs=0.05)
    assert pdf.lines(index) == [str(index + 1)]


def test_a_pdf_extra_page_in_a_cmyk_build_is_rendered_at_print_resolution(tmp_path):
    result, pdf = build(tmp_path, "extra_pages:\n  - {file: images/map.pdf}\n", {"images/map.pdf": pdf_bytes()},
                        cmyk=True)
    index = result.anchors["extra-0"] - 1
    [(left, bottom, right, top)] = objects(pdf.path, index, pdfium.FPDF_PAGEOBJ_IMAGE)
    assert top - bottom == pytest.approx(A5.text_height, abs=0.05)  # turned a quarter: the page's width upwards
    image = next(iter(pdf.reader.pages[index].images)).image
    assert image.mode == "CMYK" and image.width >= (top - bottom) / 72 * 300


def test_a_pdf_extra_page_s_small_black_text_prints_in_black_ink_alone_in_a_cmyk_build(tmp_path):
    """A print-ready map sets its text in CMYK black, which pdfium renders as (35, 31, 32): a --cmyk build
    separated that into K 86 % with M 11 % and Y 9 %, so the 7 pt labels printed on three plates, with coloured
    fringes where they miss register. A near-neutral dark pixel is black ink alone now; the map's colours keep
    theirs."""
    from reportlab.lib.colors import CMYKColor

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(300.0, 200.0), invariant=1)
    canvas.setFillColor(CMYKColor(0.8, 0.1, 0, 0))
    canvas.rect(0, 0, 300, 60, stroke=0, fill=1)  # the sea
    canvas.setFillColor(CMYKColor(0, 0, 0, 1))
    canvas.setFont("Helvetica", 7)
    for line in range(5):
        canvas.drawString(20, 180 - 20 * line, "Lecture hall 2 - Harbour Street entrance - Bus 14")
    canvas.save()
    result, pdf = build(tmp_path, "extra_pages:\n  - {file: images/map.pdf}\n", {"images/map.pdf": buffer.getvalue()},
                        cmyk=True)
    index = result.anchors["extra-0"] - 1
    image = next(iter(pdf.reader.pages[index].images)).image
    assert image.mode == "CMYK"
    pixels = image.get_flattened_data() if hasattr(image, "get_flattened_data") else image.getdata()
    text = [pixel for pixel in pixels if pixel[3] >= 200]  # under the letters' strokes
    assert len(text) > 1000
    assert {pixel[:3] for pixel in text} == {(0, 0, 0)}  # K alone (was M 29, Y 22 of 255)
    assert max(pixel[3] for pixel in text) == 255  # solid black (was 222: the rendered black's grey, 1 - 33/255)
    assert any(pixel[0] > 150 and pixel[3] < 60 for pixel in pixels)  # the sea keeps its cyan


def test_a_pdf_extra_page_holding_an_image_is_placed_with_its_image_and_text(tmp_path):
    """A map exported with a photo or a raster layer in it (an image XObject in its resources) builds: the page's
    own image is in the booklet's page at its place, its text still text (it failed as an internal error)."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(300.0, 200.0), invariant=1)
    image = Image.new("RGB", (60, 40), (200, 30, 30))
    canvas.drawImage(ImageReader(image), 0, 0, 300, 200)
    canvas.drawString(20, 100, "Harbour photo")
    canvas.save()
    result, pdf = build(tmp_path, "extra_pages:\n  - {file: images/photo.pdf}\n",
                        {"images/photo.pdf": buffer.getvalue()})
    index = result.anchors["extra-0"] - 1
    assert "Harbour photo" in pdf.texts[index]
    [placed] = list(pdf.reader.pages[index].images)
    assert placed.image.size == (60, 40)


def photo_pdf(pixels: tuple[int, int], size=(300.0, 200.0)) -> bytes:
    """A one-page PDF whose whole page is a photo of `pixels`."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=size, invariant=1)
    canvas.drawImage(ImageReader(Image.new("RGB", pixels, (200, 30, 30))), 0, 0, *size)
    canvas.save()
    return buffer.getvalue()


def test_a_coarse_image_inside_a_pdf_extra_page_is_warned_about_at_the_size_it_prints(tmp_path):
    """The image in a placed PDF is judged at the size the page prints, as preflight measures it; the warning also
    comes with --cmyk, whose 300 dpi rendering of the page hides it from preflight (it said nothing at all)."""
    data = write_conference(tmp_path / "data", {
        "conference.yaml": extend("conference.yaml", "extra_pages:\n  - {file: images/coarse.pdf}\n"
                                                     "  - {file: images/fine.pdf}\n"),
        "images/coarse.pdf": photo_pdf((60, 40)), "images/fine.pdf": photo_pdf((2400, 1600))})
    line = base_lines("conference.yaml") + 2
    scale = A5.text_height / 300  # turned a quarter: as high as the text block
    dpi = 60 * 72 / (300 * scale)
    message = (f"conference.yaml:{line}: extra_pages[0].file: warning: coarse.pdf holds an image of 60 \u00d7 40 pixels "
               f"that is {dpi:.0f} dpi as the page prints (fitted in the text block at {scale:.0%} of its size) and "
               "will print blurred ('booklet preflight' fails it; a --cmyk build renders the page at 300 dpi, no "
               "sharper): export the page with its images at 300 dpi or more at the size it prints")
    check = invoke("check", data)
    built = invoke("build", data, "-o", tmp_path / "out.pdf", "--cmyk")
    assert check.exit_code == built.exit_code == 0
    for result in (check, built):
        lines = result.stderr.splitlines()
        assert message in lines
        assert not any("fine.pdf" in line for line in lines)


def embedded_pdf(field: bool = False) -> bytes:
    """A one-page map whose own text is in Noto Sans, embedded; `field`: with a filled-in form field, whose
    appearance ReportLab sets in the standard Helvetica, not embedded."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    fonts = Path(__file__).resolve().parent.parent / "booklet/resources/fonts"
    pdfmetrics.registerFont(TTFont("MapNoto", str(fonts / "NotoSans-Regular.ttf")))
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(400, 200), invariant=1)
    canvas.setFont("MapNoto", 12)
    canvas.drawString(20, 150, "Harbour map")
    if field:
        canvas.acroForm.textfield(name="shown", x=20, y=20, width=200, height=30, value="Filled in")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()



def _checked_and_built(data, tmp_path) -> list[list[str]]:
    """The lines `booklet check` and `booklet build` of `data` print to stderr, each having exited 0."""
    check = invoke("check", data)
    built = invoke("build", data, "-o", tmp_path / "out.pdf")
    assert check.exit_code == built.exit_code == 0
    return [check.stderr.splitlines(), built.stderr.splitlines()]

def test_a_pdf_extra_page_with_fonts_not_embedded_is_warned_about_unless_a_cmyk_build_renders_it(tmp_path):
    """A map made with the standard Helvetica was placed with the font's name only: 'booklet preflight' said 'Font not
    embedded: Helvetica', check and build nothing. A filled-in form field's text counts (it is drawn on the page); a
    --cmyk build, which renders the page, and a PDF with its fonts embedded are not warned about."""
    data = write_conference(tmp_path / "data", {
        "conference.yaml": extend("conference.yaml", "extra_pages:\n  - {file: images/plain.pdf}\n"
                                                     "  - {file: images/field.pdf}\n"
                                                     "  - {file: images/embedded.pdf}\n"),
        "images/plain.pdf": pdf_bytes(), "images/field.pdf": embedded_pdf(field=True),
        "images/embedded.pdf": embedded_pdf()})
    line = base_lines("conference.yaml") + 2
    advice = ("without embedding it: the printer substitutes a font of its own (other letter widths, characters "
              "missing) and 'booklet preflight' fails the booklet; export the PDF with its fonts embedded (PDF/X or "
              "'embed all fonts' in the program's PDF export), or build with --cmyk, which renders the page at 300 dpi")
    expected = [f"conference.yaml:{line}: extra_pages[0].file: warning: plain.pdf prints text in Helvetica {advice}",
                f"conference.yaml:{line + 1}: extra_pages[1].file: warning: field.pdf prints text in Helvetica {advice}"]
    for lines in _checked_and_built(data, tmp_path):
        assert [line for line in lines if "prints text in" in line] == expected
        assert not any("embedded.pdf" in line for line in lines)
    assert invoke("check", data, "--strict").exit_code == 1
    cmyk = invoke("build", data, "-o", tmp_path / "cmyk.pdf", "--cmyk")
    assert cmyk.exit_code == 0 and "prints text in" not in cmyk.stderr


def test_a_pdf_extra_page_whose_layers_all_show_is_placed_with_them(tmp_path):
    result, pdf = build(tmp_path, "extra_pages:\n  - {file: images/map.pdf}\n",
                        {"images/map.pdf": layered_pdf(off=False)})
    document = pypdfium2.PdfDocument(str(pdf.path))
    try:
        page = document[result.anchors["extra-0"] - 1].render(scale=1).to_pil().convert("RGB")
    finally:
        document.close()
    assert (255, 0, 0) in {colour for _, colour in page.getcolors(1 << 16)}  # the layer's red box


def _with_boxes(data: bytes, **boxes) -> bytes:
    """The PDF with its first page's boxes set (trimbox=(left, bottom, right, top), ...)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import RectangleObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    for name, box in boxes.items():
        setattr(writer.pages[0], name, RectangleObject(box))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# (an extra page's boxes, and the size it is placed at)
BOXES_READ = [
    ({"trimbox": (500, 500, 600, 600)}, (300.0, 200.0)),  # wholly outside the page: the page
    ({"cropbox": (-400, -400, -300, -300)}, (300.0, 200.0)),
    ({"trimbox": (100, 50, 900, 900)}, (200.0, 150.0)),  # partly outside: the part inside
    ({"cropbox": (0, 0, 250, 200), "trimbox": (100, 50, 300, 200)}, (150.0, 150.0)),  # outside the crop box
]


@pytest.mark.parametrize("cmyk", [False, True])
def test_an_extra_page_whose_boxes_reach_outside_its_page_is_placed_as_the_standard_reads_them(tmp_path, cmyk):
    """A trim box is read within the crop box, and that within the media box; one that does not meet it is it (the
    PDF standard's reading). A CMYK build renders the page, and the renderer refused a crop outside the page (the
    build stopped with an internal error); both builds place the page, in the text block's width. (Each of
    BOXES_READ an extra page of one booklet: a build of each kind, not one for each page.)"""
    from booklet.layout import pdfpage

    entries = "".join(f"  - {{file: images/map{n}.pdf}}\n" for n in range(len(BOXES_READ)))
    result, pdf = build(tmp_path, "extra_pages:\n" + entries,
                        {f"images/map{n}.pdf": _with_boxes(pdf_bytes(), **boxes) for n, (boxes, _) in
                         enumerate(BOXES_READ)}, theme="extra_pages: {turn: none}\n", cmyk=cmyk)
    for n, (boxes, size) in enumerate(BOXES_READ):
        index = result.anchors[f"extra-{n}"] - 1
        assert pdfpage.size(tmp_path / "data" / "images" / f"map{n}.pdf") == size, boxes
        if cmyk:
            [(left, _, right, _)] = objects(pdf.path, index, pdfium.FPDF_PAGEOBJ_IMAGE)
            assert right - left == pytest.approx(A5.text_width, abs=0.05), boxes
        elif size == (300.0, 200.0):
            assert "Harbour map 1" in pdf.texts[index], boxes


def test_an_extra_page_whose_trim_box_lies_off_its_page_is_warned_about_at_its_entry(tmp_path):
    """A map whose TrimBox lay outside its page ([500 500 600 600] on a page of 300 x 200) was placed whole, and one
    reaching outside it placed in part, and neither check nor build said a word: the file no longer says which part
    is its finished page. Each is warned about at its entry's file, line and key; a trim box on the page, and boxes
    written with their corners swapped (read by their least and greatest values, as PDF readers read them), are not."""
    data = write_conference(tmp_path / "data", {
        "conference.yaml": extend("conference.yaml", "extra_pages:\n  - {file: images/far.pdf}\n"
                                                     "  - {file: images/part.pdf}\n"
                                                     "  - {file: images/inside.pdf}\n"
                                                     "  - {file: images/swapped.pdf}\n"),
        "images/far.pdf": _with_boxes(pdf_bytes(), trimbox=(500, 500, 600, 600)),
        "images/part.pdf": _with_boxes(pdf_bytes(), trimbox=(100, 50, 900, 900)),
        "images/inside.pdf": _with_boxes(pdf_bytes(), trimbox=(10, 10, 290, 190)),
        "images/swapped.pdf": _with_boxes(pdf_bytes(), mediabox=(300, 200, 0, 0), trimbox=(290, 190, 10, 10))})
    line = base_lines("conference.yaml") + 2
    advice = ("look at that page of the booklet, or export the PDF again from the program that made it, with its trim "
              "box on the page (or none)")
    expected = [f"conference.yaml:{line}: extra_pages[0].file: warning: far.pdf: its TrimBox [500 500 600 600] lies "
                "outside its page [0 0 300 200]: the finished page it should mark is nowhere on it, and booklet places "
                f"the whole page, as a PDF reader shows it; {advice}",
                f"conference.yaml:{line + 1}: extra_pages[1].file: warning: part.pdf: its TrimBox [100 50 900 900] "
                f"reaches outside its page [0 0 300 200]: booklet places the part of it on the page; {advice}"]
    for lines in _checked_and_built(data, tmp_path):
        assert [line for line in lines if "TrimBox" in line] == expected
    from booklet.layout import pdfpage

    assert pdfpage.size(data / "images" / "swapped.pdf") == pdfpage.size(data / "images" / "inside.pdf") == (280, 180)


def drawn_pdf(draw, size=(300.0, 200.0)) -> bytes:
    """A one-page PDF, `draw(canvas)` drawing its page."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=size, invariant=1)
    draw(canvas)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _white(canvas):
    canvas.setFillColorRGB(1, 1, 1)
    canvas.rect(0, 0, 300, 200, stroke=0, fill=1)
    canvas.drawString(20, 100, "White on white")


def _invisible(canvas):
    text = canvas.beginText(20, 100)
    text.setTextRenderMode(3)  # as an OCR layer: text that paints nothing
    text.textLine("Invisible words")
    canvas.drawText(text)


def _hairline(canvas):
    canvas.setLineWidth(0.1)
    canvas.setStrokeColorRGB(0.8, 0.8, 0.8)
    canvas.line(20, 100, 280, 100)


def _pale(canvas):
    canvas.setFillColorRGB(1, 1, 0.97)
    canvas.rect(0, 0, 300, 200, stroke=0, fill=1)


def test_a_pdf_extra_page_that_prints_nothing_is_warned_about_at_its_key_by_check_and_build(tmp_path):
    """An empty page, a page painted white, text that paints nothing and a drawing outside the trim box were placed
    without a word: the booklet printed a blank page, named in the contents. check and build now warn at the file's
    line and key (exit 0; --strict counts it); a hairline and a pale tint print, and are not warned about."""
    outside = _with_boxes(drawn_pdf(lambda c: c.rect(10, 10, 50, 50, stroke=0, fill=1)), trimbox=(100, 80, 290, 190))
    files = {"images/empty.pdf": drawn_pdf(lambda canvas: None), "images/white.pdf": drawn_pdf(_white),
             "images/invisible.pdf": drawn_pdf(_invisible), "images/outside.pdf": outside,
             "images/hairline.pdf": drawn_pdf(_hairline), "images/pale.pdf": drawn_pdf(_pale),
             "images/map.pdf": pdf_bytes()}
    entries = "".join(f"  - {{file: {name}}}\n" for name in files)
    data = write_conference(tmp_path / "data", {"conference.yaml": extend("conference.yaml", "extra_pages:\n" + entries),
                                                **files})
    line = base_lines("conference.yaml") + 2
    advice = ("its page prints nothing (it draws nothing, or only white, or only outside its trim box): the booklet "
              "would print an empty page, named in the contents; export the page again from the program that made "
              "it, or leave the entry out")
    expected = [f"conference.yaml:{line + index}: extra_pages[{index}].file: warning: {name}.pdf: {advice}"
                for index, name in enumerate(["empty", "white", "invisible", "outside"])]
    for lines in _checked_and_built(data, tmp_path):
        assert [line for line in lines if "prints nothing" in line] == expected
        assert "Extra pages' PDFs that print nothing (4):" in lines
    assert invoke("check", data, "--strict").exit_code == 1


def _lines(width: float, size=(300.0, 200.0), at: float = 100):
    """Draws a line `width` points wide across a page of `size`, at height `at`, and a green square."""
    def draw(canvas):
        canvas.setLineWidth(width)
        canvas.line(20, at, size[0] - 20, at)
        canvas.setFillColorRGB(0.2, 0.5, 0.3)
        canvas.rect(10, 10, 50, 50, stroke=0, fill=1)
    return draw


def test_a_pdf_extra_page_whose_lines_print_too_thin_is_warned_about_at_its_key_by_check_and_build(tmp_path):
    """Lines thinner than 0.25 pt as printed in an extra page's PDF were a fault of 'booklet preflight' on the built
    booklet only: check and build said nothing. They now warn at the file's line and key, each line's width as the
    page prints, fitted in the text block: a 0.1 pt line on a small page placed larger (0.16 pt), a 0.4 pt line on an
    A3 map placed at 40 % (0.16 pt), PDF's `0 w` at any size; a 0.4 pt line placed larger, and a hairline outside the
    trim box (cut off), are not warned about. Preflight names the same widths on the booklet's pages."""
    from booklet.printing.preflight import preflight

    a3 = (420 * mm, 297 * mm)
    files = {"images/small.pdf": drawn_pdf(_lines(0.1)), "images/big.pdf": drawn_pdf(_lines(0.4, a3), a3),
             "images/zero.pdf": drawn_pdf(_lines(0)), "images/fine.pdf": drawn_pdf(_lines(0.4)),
             "images/cut.pdf": _with_boxes(drawn_pdf(_lines(0.1, at=20)), trimbox=(0, 50, 300, 200))}
    entries = "".join(f"  - {{file: {name}}}\n" for name in files)
    conference = extend("conference.yaml", "extra_pages:\n" + entries)
    data = write_conference(tmp_path / "data", {"conference.yaml": conference, **files})
    line = base_lines("conference.yaml") + 2
    advice = ("thinner than the 0.25 pt (0.1 mm) print holds: they may break up or vanish on the plate, and 'booklet "
              "preflight' fails the booklet; draw them thicker in the program that made the PDF and export it again")
    expected = [
        f"conference.yaml:{line}: extra_pages[0].file: warning: small.pdf draws lines of 0.16 pt as the page prints "
        f"(fitted in the text block at 164% of its size), {advice}",
        f"conference.yaml:{line + 1}: extra_pages[1].file: warning: big.pdf draws lines of 0.16 pt as the page prints "
        f"(fitted in the text block at 40% of its size), {advice}",
        f"conference.yaml:{line + 2}: extra_pages[2].file: warning: zero.pdf draws lines of 0 pt, the thinnest the "
        f"device draws, as the page prints, {advice}"]
    for lines in _checked_and_built(data, tmp_path):
        assert [line for line in lines if "draws lines" in line] == expected
        assert "Extra pages' PDFs with lines too thin to print (3):" in lines
    assert invoke("check", data, "--strict").exit_code == 1
    result = build_booklet(data, tmp_path / "b.pdf", options=PrintOptions(pad_to=1))
    pages = [result.anchors[f"extra-{index}"] for index in range(3)]
    [fault] = [f for f in preflight(tmp_path / "b.pdf").faults if f.startswith("Lines thinner")]
    assert (f"page {pages[2]} (0 pt, the thinnest the device draws); pages {pages[0]}-{pages[1]} (0.16 pt);"
            in fault)
    cmyk = invoke("build", data, "-o", tmp_path / "cmyk.pdf", "--cmyk")  # (renders the page: preflight sees no line)
    told = ("a --cmyk build renders the page at 300 dpi, which hides them from 'booklet preflight' but makes them no "
            "thicker")
    assert cmyk.exit_code == 0 and [line for line in cmyk.stderr.splitlines() if "draws lines" in line] == [
        message.replace("'booklet preflight' fails the booklet", told) for message in expected]


def test_an_extra_page_title_too_long_for_the_contents_is_warned_about_at_its_key(tmp_path):
    """Fuzzing: an extra page's title of 3,000 characters built without a word; its contents entry ran over a page
    and a half (wrapped, whole), its outline entry one line of 3,000 characters. Over 120 characters (a section
    heading's most) it is a warning at its `title:`; 120 is none."""
    words = " ".join(f"harbour{n}" for n in range(400))[:3000].rsplit(" ", 1)[0]
    data = write_conference(tmp_path / "data", {
        "conference.yaml": extend("conference.yaml", f"""\
            extra_pages:
              - file: images/p.png
                title: "{"x" * 120}"
              - file: images/p.png
                after: programme
                title: "{words}"
            """), "images/p.png": png((1500, 2200))})
    _, warnings = check_folder(data)
    line = base_lines("conference.yaml") + 6
    assert [(w.file, w.line, w.key, w.message) for w in warnings if w.kind == "extra-page-title"] == [
        ("conference.yaml", line, "extra_pages[1].title", f"the title is {len(words):,} characters: its entry in the "
         "contents prints it whole, over many lines, and the PDF outline as one line; an extra page's title is a few "
         "words (at most 120 characters, as a section's heading)")]
    result = build_booklet(data, tmp_path / "b.pdf", options=PrintOptions(pad_to=1))
    contents = "\n".join(Pdf(result.output).texts[1:result.anchors["extra-1"] - 1]).replace("-\n", "")
    assert words.split()[-1] in contents.split() and words.split()[0] in contents.split()  # (printed whole)


def test_an_extra_page_after_a_left_out_section_goes_at_the_end_with_a_warning(tmp_path):
    data = write_conference(tmp_path / "data", {
        "conference.yaml": extend("conference.yaml", "extra_pages:\n  - {file: images/p.png, after: posters}\n"),
        "theme.yaml": "sections: [programme, abstracts]\n", "images/p.png": png((1500, 2200))})
    _, warnings = check_folder(data)
    line = base_lines("conference.yaml") + 2
    assert [(w.file, w.line, w.key, w.message) for w in warnings if w.kind == "extra-page-place"] == [
        ("conference.yaml", line, "extra_pages[0].after", "'posters' is not printed (theme.yaml's `sections` leaves it "
         "out): the page goes at the end, before the Notes pages and the back cover")]
    result = build_booklet(data, tmp_path / "b.pdf", options=PrintOptions(pad_to=1))
    assert result.anchors["extra-0"] == result.pages - 1


def _damaged_drawing(drawing: bytes, media: float | None = None, form: bytes | None = b"") -> bytes:
    """A one-page PDF drawn by `drawing`, `media` points a side: one whose content stream cannot be read (the
    booklet's own PDF, copying it, was one that readers refused, and `build --preflight` ended in a traceback), or
    one larger than a PDF page may be (an internal error); `form`: the stream of the form /Fm1 it names (None: the
    name of an object the file does not have, an internal error)."""
    from pypdf import PdfWriter
    from pypdf.generic import (ArrayObject, DictionaryObject, FloatObject, IndirectObject, NameObject,
                               RectangleObject, StreamObject)

    writer = PdfWriter()
    page = writer.add_blank_page(300, 400)
    if media is not None:
        page.mediabox = RectangleObject([0, 0, media, media])
    if form != b"":
        if form is None:
            named = IndirectObject(99, 0, writer)
        else:
            stream = StreamObject()
            stream.set_data(form)
            stream.update({NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Form"),
                           NameObject("/BBox"): ArrayObject([FloatObject(v) for v in (0, 0, 10, 10)])})
            named = writer._add_object(stream)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/XObject"): DictionaryObject({NameObject("/Fm1"): named})})
    stream = StreamObject()
    stream.set_data(drawing)
    writer.pages[0][NameObject("/Contents")] = writer._add_object(stream)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def layered_pdf(off: bool = True, print_off: bool = False) -> bytes:
    """A one-page map with a layer, 'Draft notes' (a red box), that the default configuration turns off (`off`), or
    whose print usage says not to print (`print_off`), or neither: shown."""
    from pypdf import PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, StreamObject, TextStringObject

    writer = PdfWriter()
    page = writer.add_blank_page(300, 200)
    group = DictionaryObject({NameObject("/Type"): NameObject("/OCG"),
                              NameObject("/Name"): TextStringObject("Draft notes")})
    if print_off:
        group[NameObject("/Usage")] = DictionaryObject({NameObject("/Print"): DictionaryObject(
            {NameObject("/PrintState"): NameObject("/OFF")})})
    layer = writer._add_object(group)
    default = DictionaryObject({NameObject("/Order"): ArrayObject([layer])})
    if off:
        default[NameObject("/OFF")] = ArrayObject([layer])
    writer._root_object[NameObject("/OCProperties")] = DictionaryObject(
        {NameObject("/OCGs"): ArrayObject([layer]), NameObject("/D"): default})
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Properties"): DictionaryObject({NameObject("/oc1"): layer})})
    stream = StreamObject()
    stream.set_data(b"0 0.5 0 rg 10 10 280 180 re f /OC /oc1 BDC 1 0 0 rg 20 40 260 60 re f EMC")
    page[NameObject("/Contents")] = writer._add_object(stream)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def no_pages_pdf() -> bytes:
    """A PDF whose page tree holds no page (what an export that failed leaves)."""
    from pypdf import PdfWriter

    buffer = io.BytesIO()
    PdfWriter().write(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("files, message", [
    ({"images/map.pdf": pdf_bytes(pages=3)},
     "'images/map.pdf': the PDF has 3 pages; an extra page must be one page (save the page you want as a PDF of its "
     "own)"),
    ({"images/map.pdf": no_pages_pdf()},
     "'images/map.pdf': the PDF has no pages: nothing to place (an export that failed, or a file cut short); export "
     "the page again from the program that made it"),
    ({}, "'images/map.pdf': file not found (there is no folder images)"),
    ({"images/map.pdf": b"a plan, in words\n"},
     "'images/map.pdf': not an image booklet can read (no image format it knows): open it in an image editor and "
     "save it as PNG or JPEG; an extra page is an image (PNG, JPEG, ...) or a one-page PDF"),
    ({"images/map.pdf": _damaged_drawing(b"0 0 m 10 10 l S", media=1e30)},
     "'images/map.pdf': the PDF's page is 1e+30 x 1e+30 points, larger than any PDF page may be (200 inches, 14,400 "
     "points, a side); save the page again at its real size"),
    ({"images/map.pdf": _damaged_drawing(b"0 0 m 10 10 l S } ]")},
     "'images/map.pdf': the PDF's page is damaged: what draws it cannot be read (Invalid Elementary Object starting "
     "with b'}' @16: b'0 0 m 10 10 l S } ]'); save the page again from the program that made it, or as an image"),
    ({"images/map.pdf": _damaged_drawing(b"/Fm1 Do", form=b"BT (unclosed [ << ] >>")},
     "'images/map.pdf': the PDF's page is damaged: what draws it cannot be read (Stream has ended unexpectedly); "
     "save the page again from the program that made it, or as an image"),
    ({"images/map.pdf": _damaged_drawing(b"/Fm1 Do", form=None)},
     "'images/map.pdf': the PDF's page is damaged: what draws it cannot be read (it refers to object 99 0 R, which "
     "it does not have); save the page again from the program that made it, or as an image"),
    ({"images/map.pdf": layered_pdf()},
     "'images/map.pdf': the PDF's page has layers a viewer hides or does not print ('Draft notes'), and booklet "
     "would print them, as it cannot leave a layer out; delete those layers (or flatten the layers as they show) in "
     "the program that made the PDF and save it again, or save the page as an image"),
    ({"images/map.pdf": layered_pdf(off=False, print_off=True)},
     "'images/map.pdf': the PDF's page has layers a viewer hides or does not print ('Draft notes'), and booklet "
     "would print them, as it cannot leave a layer out; delete those layers (or flatten the layers as they show) in "
     "the program that made the PDF and save it again, or save the page as an image"),
    ({"images/map.pdf": b"\n<!DOCTYPE html>\n<html><body><svg width='9' height='9'></svg>Sign in</body></html>\n"},
     "'images/map.pdf': a web page (HTML), not an image or a PDF, whatever its name (a download that saved a "
     "sign-in or error page instead of the file): download the file itself again; an extra page is an image (PNG, "
     "JPEG, ...) or a one-page PDF"),
], ids=["several-pages", "no-pages", "missing", "not-an-image", "beyond-any-page", "damaged-drawing", "damaged-form",
        "missing-object", "hidden-layer", "layer-not-printed", "web-page"])
def test_an_extra_page_that_cannot_be_placed_is_an_error_with_file_line_and_key(tmp_path, files, message):
    data = write_conference(tmp_path / "data", {
        "conference.yaml": extend("conference.yaml", "extra_pages:\n  - title: Map\n    file: images/map.pdf\n"),
        **files})
    line = base_lines("conference.yaml") + 3
    result = invoke("check", data)
    assert result.exit_code == 1
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"conference.yaml:{line}: extra_pages[0].file: {message}")
    if "readable image" in message:
        assert first.endswith("; an extra page is an image (PNG, JPEG, ...) or a one-page PDF")
        return
    build_and_check_fail(tmp_path, data, [f"conference.yaml:{line}: extra_pages[0].file: {message}"])


# -- QR codes -------------------------------------------------------------------------------------------

def test_qr_codes_alone_make_the_practical_page_and_decode_to_their_text(tmp_path):
    import zxingcpp

    texts = ["https://example.org/a?b=1&c=2", "WIFI:T:WPA;S:Caf\u00e9 Net;P:p4ss;;", "Feedback: https://example.org/f"]
    entries = "".join(f"  - text: {t!r}\n    caption: Code {i}\n".replace("'", '"') for i, t in enumerate(texts))
    result, pdf = build(tmp_path, "qr_codes:\n" + entries)
    index = result.anchors["practical"] - 1
    assert pdf.lines(index)[:4] == ["Practical information", "Code 0", "Code 1", "Code 2"]
    document = pypdfium2.PdfDocument(str(pdf.path))
    image = document[index].render(scale=4).to_pil()
    document.close()
    found = sorted((code.position.top_left.x, code.text) for code in zxingcpp.read_barcodes(image))
    assert [text for _, text in found] == texts  # in a row, left to right


def test_a_text_too_long_for_a_qr_code_is_an_error_with_file_line_and_key(tmp_path):
    assert qr_problem("x" * QR_MAX_BYTES) is None
    assert qr_problem("x" * (QR_MAX_BYTES + 1)) is not None
    data = write_conference(tmp_path / "data", {
        "conference.yaml": extend("conference.yaml", f"qr_codes:\n  - caption: Too much\n    text: {'x' * 2400}\n")})
    line = base_lines("conference.yaml") + 3
    build_and_check_fail(tmp_path, data, [
        f"conference.yaml:{line}: qr_codes[0].text: too long for a QR code: 2400 bytes, and a code holds at most "
        f"{QR_MAX_BYTES} (a long code is also hard to scan: put a short web address in it, pointing at the rest)"])


def test_a_code_of_digits_or_capitals_too_long_says_how_many_of_those_a_code_holds():
    """A fuzzing run: 5,500 digits were "5500 bytes, and a code holds at most 2213", though 5,000 digits make a code
    (digits and capitals are packed tighter). The message counts what the text is made of, and its limit."""
    from booklet.data.extras import QR_MAX_ALPHANUMERIC, QR_MAX_DIGITS

    assert qr_problem("7" * QR_MAX_DIGITS) is None and qr_problem("A" * QR_MAX_ALPHANUMERIC) is None
    assert qr_problem("7" * (QR_MAX_DIGITS + 1)).startswith(
        f"too long for a QR code: {QR_MAX_DIGITS + 1} digits, and a code holds at most {QR_MAX_DIGITS} (")
    assert qr_problem("AB:" * 1100).startswith(
        f"too long for a QR code: 3300 capitals, digits and signs, and a code holds at most {QR_MAX_ALPHANUMERIC} (")



def test_a_caption_too_long_to_print_under_its_code_is_an_error_and_the_longest_allowed_prints(tmp_path):
    # a 5,000-character caption made a row taller than the page: an internal error (LayoutError)
    data = write_conference(tmp_path / "data", {
        "conference.yaml": extend("conference.yaml", f"qr_codes:\n  - text: x\n    caption: {'W' * 5000}\n")})
    line = base_lines("conference.yaml") + 3
    build_and_check_fail(tmp_path, data, [
        f"conference.yaml:{line}: qr_codes[0].caption: too long to print under a QR code: 5000 characters, and a "
        "caption holds at most 300 (put the rest in `places` or `notes`)"])
    result, pdf = build(tmp_path / "ok", f"qr_codes:\n  - {{text: x, caption: {'W' * 300}}}\n"
                                         f"  - {{text: y, caption: '{('Wide words ' * 28)[:300]}'}}\n")
    assert "".join(pdf.texts).count("W") >= 300 + 28


def test_a_pdf_made_for_print_is_placed_by_its_trim_box_in_any_rotation(tmp_path):
    import pypdf

    from booklet.layout import pdfpage

    writer = pypdf.PdfWriter()
    page = writer.add_page(pypdf.PdfReader(io.BytesIO(pdf_bytes(size=(320.0, 220.0)))).pages[0])
    page.trimbox = pypdf.generic.RectangleObject([10, 20, 300, 210])  # bleed and marks around it
    page.rotate(90)
    path = tmp_path / "map.pdf"
    writer.write(path)
    assert pdfpage.check(path) is None
    assert pdfpage.size(path) == (190.0, 290.0)  # the trim box, turned
    # as a renderer shows the turned page: left, bottom, right, top of what lies outside the trim box
    assert pdfpage.trim_crop(path) == (20.0, 20.0, 10.0, 10.0)


def test_a_pdf_page_s_kept_facts_are_the_named_facts_in_their_order(tmp_path):
    """pdfpage checked a kept tuple of facts against a bare 7 and read them by bare indices: the names (FACT_NAMES)
    now give both. A good page's facts and a refused one's are each one of those in that order."""
    from booklet.layout import pdfpage

    good, bad = tmp_path / "map.pdf", tmp_path / "two.pdf"
    good.write_bytes(pdf_bytes(size=(320.0, 220.0)))
    bad.write_bytes(pdf_bytes(pages=2))
    facts = dict(zip(pdfpage.FACT_NAMES, pdfpage._read_facts(good), strict=True))
    assert facts["problem"] is None and facts["size"] == (320.0, 220.0) and facts["blank"] is False
    assert facts["fonts"] == pdfpage._fact(good, "fonts", None, ())
    refused = pdfpage._read_facts(bad)
    assert len(refused) == len(pdfpage.FACT_NAMES) and refused[0] and set(refused[1:]) == {None}
    assert pdfpage.check(bad) == refused[0]


def form_pdf() -> bytes:
    """A map with two filled-in form fields: one printed, one hidden."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(400, 200), invariant=1)
    canvas.drawString(20, 150, "Harbour map")
    canvas.acroForm.textfield(name="shown", x=20, y=20, width=200, height=30, value="Filled in")
    canvas.acroForm.textfield(name="hidden", x=20, y=80, width=200, height=30, value="Not printed",
                              annotationFlags="hidden")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def test_a_pdf_extra_page_s_printed_form_fields_are_drawn_flattened_where_they_are(tmp_path):
    # the form field's appearance was dropped with the annotations: a filled-in map lost what was filled in
    result, pdf = build(tmp_path, "extra_pages:\n  - {file: images/map.pdf}\n", {"images/map.pdf": form_pdf()},
                        theme="extra_pages: {turn: none}\n")
    index = result.anchors["extra-0"] - 1
    assert pdf.lines(index)[:2] == ["Harbour map", "Filled in"]
    assert "Not printed" not in pdf.texts[index]
    # where the field is on the map: 4 pt right of the map's own text, 114 pt below it (ReportLab sets the
    # field's text at 4, 16 in its 200 x 30 box at 20, 20; the map's text is at 20, 150)
    document = pypdfium2.PdfDocument(str(pdf.path))
    try:
        text = document[index].get_textpage()
        corners = {}
        for words in ("Harbour map", "Filled in"):
            start, _ = text.search(words).get_next()
            corners[words] = text.get_charbox(start)[:2]
    finally:
        document.close()
    scale = A5.text_width / 400  # a landscape page: as wide as the text block
    (map_x, map_y), (field_x, field_y) = corners["Harbour map"], corners["Filled in"]
    assert field_x - map_x == pytest.approx(4 * scale, abs=1)
    assert map_y - field_y == pytest.approx(114 * scale, abs=1)


def test_a_pdf_extra_page_s_printed_form_fields_are_in_its_cmyk_rendering_too(tmp_path):
    from booklet.layout import pdfpage

    path = tmp_path / "map.pdf"
    path.write_bytes(form_pdf())
    document = pypdfium2.PdfDocument(pdfpage.printable(path))  # what the CMYK build renders
    try:
        text = document[0].get_textpage().get_text_bounded()
        assert "Harbour map" in text and "Filled in" in text and "Not printed" not in text
    finally:
        document.close()
    plain = tmp_path / "plain.pdf"
    plain.write_bytes(pdf_bytes())
    assert pdfpage.printable(plain) is None  # nothing to draw: rendered as it is
    assert "Harbour map" in pdfpage._reader(path).pages[0].get_contents().get_data().decode("latin-1")  # untouched


def test_a_damaged_pdf_is_reported_once_without_pypdf_s_own_log_lines(tmp_path):
    # pypdf logged "EOF marker not found" straight to the terminal before booklet's message (a real process:
    # under pytest, pypdf's log goes to pytest's handler instead)
    import subprocess
    import sys

    data = write_conference(tmp_path / "data", {
        "conference.yaml": extend("conference.yaml", "extra_pages:\n  - {file: images/map.pdf}\n"),
        "images/map.pdf": pdf_bytes()[:600]})
    result = subprocess.run([sys.executable, "-m", "booklet", "check", str(data)], capture_output=True, text=True)
    assert result.returncode == 1
    line = base_lines("conference.yaml") + 2
    first, *rest = result.stderr.splitlines()
    assert first.startswith(f"conference.yaml:{line}: extra_pages[0].file: 'images/map.pdf': not a readable PDF (")
    assert first.endswith("): the file is damaged or cut short (an interrupted download or copy); copy or download "
                          "it again")
    assert rest == [] and result.stdout == f"{data}: 1 error, 0 warnings.{LATER}\n"


@pytest.mark.parametrize("text", ["x", "https://www.example.org/starstat2027", "WIFI:T:WPA;S:StarStat-2027;P:aurora;;",
                                  "Þórr – 日本語 ✓ " * 9, "0123456789" * 60])
def test_a_qr_code_is_drawn_from_its_kept_modules_as_reportlab_draws_it(text):
    """layout.backmatter.draw_qr draws the modules data.extras.qr_modules keeps (plain values, read back from disk
    without ReportLab's barcode modules) with the operators, in the order and with the numbers, of ReportLab's
    QrCode flowable."""
    from reportlab.graphics.barcode.qr import QrCode

    from booklet.data.extras import QR_LEVEL, qr_modules
    from booklet.layout.backmatter import QR_SIZE, draw_qr

    theirs, ours = Canvas(io.BytesIO()), Canvas(io.BytesIO())
    QrCode(text, width=QR_SIZE, height=QR_SIZE, qrLevel=QR_LEVEL).drawOn(theirs, 31.7, 12.25)
    modules = qr_modules(text)
    draw_qr(ours, modules, 31.7, 12.25)
    assert ours._code == theirs._code and len(ours._code) > 20
    assert all(type(row) is tuple and all(type(m) is bool for m in row) for row in modules)


def test_a_place_the_fonts_print_nothing_of_is_left_out_and_so_is_a_blank_name(tmp_path):
    """Places whose name, note and address were CJK alone (warned of) printed the heading "Places" over blank space,
    and a place whose name alone was CJK a blank line above its address (an unprintable-text fuzz). A name, note or
    address of which nothing prints is left out, a place of which nothing prints too, and the heading with the last."""
    import pypdfium2 as pdfium

    text = ("contact: loc@example.org\nplaces:\n  - {name: 会場, address: 東京, note: 会議}\n"
            "  - {name: 食堂, address: Kaigata 7}\n  - {name: Aurora Auditorium, address: 東京}\n"
            "qr_codes: [{text: 'https://example.org', caption: Online}]\n")
    result, _ = build(tmp_path, text)
    document = pdfium.PdfDocument(result.output)
    lines = next(lines for i in range(len(document))
                 if "Contact" in (lines := document[i].get_textpage().get_text_range().splitlines()))
    assert lines[:5] == ["Practical information", "Places", "Kaigata 7", "Aurora Auditorium", "Contact"]
    only = text.replace("  - {name: 食堂, address: Kaigata 7}\n  - {name: Aurora Auditorium, address: 東京}\n", "")
    result, _ = build(tmp_path / "only", only)
    document = pdfium.PdfDocument(result.output)
    lines = next(lines for i in range(len(document))
                 if "Contact" in (lines := document[i].get_textpage().get_text_range().splitlines()))
    assert lines[:2] == ["Practical information", "Contact"]


def test_a_contact_line_the_fonts_print_nothing_of_is_left_out_with_its_label(tmp_path):
    """`hashtag: 会議` (CJK alone, warned of) left its label "Hashtag" alone under Contact, with no value (an
    unprintable-text fuzz). The line is left out; the others stand."""
    import pypdfium2 as pdfium

    text = ("contact: loc@example.org\nurl: https://example.org/conf\nhashtag: 会議\n"
            "places: [{name: Aurora Auditorium, address: Kaigata 7}]\n")
    result, _ = build(tmp_path, text)
    document = pdfium.PdfDocument(result.output)
    lines = next(lines for i in range(len(document))
                 if "Contact" in (lines := document[i].get_textpage().get_text_range().splitlines()))
    at = lines.index("Contact")
    assert lines[at + 1:] == ["Email loc@example.org", "Web https://example.org/conf", lines[-1]]
    assert lines[-1].isdigit()  # (the page number)


@pytest.mark.parametrize("contact, label", [("loc@example.org", "Email"), ("Ana Smith, +46 46 222 00 00", "Contact"),
                                            ("@conf@fosstodon.org", "Contact")])
def test_the_ways_to_reach_the_organisers_are_labelled_once_and_aligned(tmp_path, contact, label):
    """Under the heading "Contact", an email address is labelled Email (it was labelled "Contact" again); the
    values start at one x, after the widest label."""
    import pypdfium2 as pdfium

    text = (f"contact: '{contact}'\nurl: https://example.org/conf\nhashtag: '#Conf27'\n"
            "places: [{name: Aurora Auditorium, address: Kaigata 7}]\n")  # (a page of practical information)
    result, _ = build(tmp_path, text)
    document = pdfium.PdfDocument(result.output)
    page = next(document[i] for i in range(len(document))
                if "#Conf27" in document[i].get_textpage().get_text_range())
    found = page.get_textpage()
    lines = found.get_text_range().splitlines()
    at = lines.index("Contact")
    assert lines[at + 1:at + 4] == [f"{label} {contact}", "Web https://example.org/conf", "Hashtag #Conf27"]

    def left(words: str) -> float:
        match = found.search(words, match_case=True).get_next()
        return found.get_charbox(match[0])[0]

    assert left(contact) == pytest.approx(left("https://example.org"), abs=0.5) == pytest.approx(left("#Conf27"), abs=0.5)
    hashtag = found.search("Hashtag", match_case=True).get_next()
    assert left(contact) > found.get_charbox(hashtag[0] + hashtag[1] - 1)[2]  # after the widest label


def test_contact_lines_alone_make_no_page_of_practical_information(tmp_path):
    """A typesetter's review: a page "Practical information" held one line, "Contact – Web: ...", which the back
    cover gives again. The contact lines alone make no such page: the back cover has them."""
    result, pdf = build(tmp_path, "contact: loc@example.org\nurl: https://example.org/conf\n")
    assert "Practical information" not in " ".join(pdf.texts)
    assert [i for i, text in enumerate(pdf.texts) if "https://example.org/conf" in text] == [len(pdf) - 1]


def test_the_contact_email_and_web_address_are_links(tmp_path):
    """A typesetter's review: the web address and the email under Contact were not links, where sponsors' logos
    and page numbers are. A contact that is neither stays text."""
    import pypdf

    from booklet.build import build_booklet
    from .helpers import BASE, write_conference

    conference = BASE["conference.yaml"] + ("contact: loc@example.org\nurl: www.example.org/tc2027\nhashtag: '#TC27'\n"
                                            "places: [{name: Aurora Auditorium, address: Kaigata 7}]\n")
    result = build_booklet(write_conference(tmp_path / "conf", {"conference.yaml": conference}), tmp_path / "b.pdf")
    reader = pypdf.PdfReader(str(result.output))
    uris = [(number, annot.get_object()["/A"]["/URI"]) for number, page in enumerate(reader.pages)
            for annot in page.get("/Annots", []) or [] if "/A" in annot.get_object()]
    page = reader.pages[uris[0][0]].extract_text() if uris else ""
    last = len(reader.pages) - 1  # the back cover: the same two, as links too
    assert uris == [(uris[0][0], "mailto:loc@example.org"), (uris[0][0], "https://www.example.org/tc2027"),
                    (last, "mailto:loc@example.org"), (last, "https://www.example.org/tc2027")]
    assert "loc@example.org" in page and "www.example.org/tc2027" in page and "#TC27" in page
    import pypdfium2

    back = pypdfium2.PdfDocument(str(result.output))[last].get_textpage()
    for annot, words in zip(reader.pages[last]["/Annots"], ["loc@example.org", "www.example.org/tc2027"]):
        x0, y0, x1, y1 = (float(v) for v in annot.get_object()["/Rect"])
        start, count = back.search(words, match_case=True).get_next()
        first, end = back.get_charbox(start), back.get_charbox(start + count - 1)
        assert x0 - 1 <= first[0] and end[2] <= x1 + 1 and y0 - 1 <= first[1] and first[3] <= y1 + 1
    from booklet.layout.backmatter import linked

    assert linked("J.Smith", "contact") == "J.Smith" and linked("046-222.0000", "contact") == "046-222.0000"
    assert linked("www.example.org", "contact") == '<a href="https://www.example.org">www.example.org</a>'


def test_with_names_a_tiers_heading_stands_as_far_above_its_logos_as_any_others(sponsors_booklet):
    """A typesetter's review: with names under the logos, low wide logos sat on the foot of tall boxes, and the gap
    under "Gold" was three times the gap under "Silver". Each row is as high as its logos reach."""
    result, pdf = sponsors_booklet
    index = result.anchors["sponsors"] - 1
    images = objects(pdf.path, index, pdfium.FPDF_PAGEOBJ_IMAGE)
    document = pypdfium2.PdfDocument(str(pdf.path))
    text = document[index].get_textpage()

    def bottom_of(word: str) -> float:
        start, count = text.search(word, match_case=True).get_next()
        return min(text.get_charbox(i)[1] for i in range(start, start + count))

    gold_gap = bottom_of("Gold") - images[0][3]
    silver_gap = bottom_of("Silver") - images[2][3]
    assert gold_gap == pytest.approx(silver_gap, abs=2.0) and gold_gap > 0


@pytest.mark.parametrize("turn", ["left", "right", "none"])
@pytest.mark.parametrize("kind", ["pdf", "png"])
def test_a_landscape_extra_page_is_turned_a_quarter_to_print_larger_as_the_theme_says(tmp_path, turn, kind):
    """A landscape map (600 x 200) on an upright A5 page printed at the text block's width, a third of its height:
    now it is turned, by default counter-clockwise (its top at the page's left edge, as books set a broadside map),
    filling the text block's height; theme.yaml's `extra_pages: {turn: right}` turns it the other way, `none` keeps
    it upright. A map a turn would not make a fifth larger stays upright."""
    files = {"images/map.pdf": pdf_bytes(size=(600.0, 200.0)), "images/map.png": png((1800, 600)),
             "images/squat.png": png((1100, 1000))}
    theme = None if turn == "left" else f"extra_pages: {{turn: {turn}}}\n"
    result, pdf = build(tmp_path, f"extra_pages:\n  - {{file: images/map.{kind}}}\n  - {{file: images/squat.png}}\n",
                        files, theme=theme)
    index = result.anchors["extra-0"] - 1
    kinds = {"pdf": pdfium.FPDF_PAGEOBJ_FORM, "png": pdfium.FPDF_PAGEOBJ_IMAGE}
    [(left, bottom, right, top)] = objects(pdf.path, index, kinds[kind])
    if turn == "none":
        assert right - left == pytest.approx(A5.text_width, abs=0.05)
        assert top - bottom == pytest.approx(A5.text_width / 3, abs=0.05)
    else:
        assert top - bottom == pytest.approx(A5.text_height, abs=0.05)
        assert right - left == pytest.approx(A5.text_height / 3, abs=0.05)
        assert (left + right) / 2 == pytest.approx(A5.width / 2, abs=0.05)
    # which way: the matrix of a quarter turn counter-clockwise is (0, s, -s, 0), clockwise (0, -s, s, 0)
    document = pypdfium2.PdfDocument(str(pdf.path))
    try:
        page = document[index]
        for obj in page.get_objects(max_depth=0):
            if obj.type == kinds[kind]:
                a, b, c, d, e, f = obj.get_matrix().get()
    finally:
        document.close()
    assert {"left": b > 0 > c, "right": b < 0 < c, "none": b == c == 0}[turn]  # counter-clockwise, clockwise
    [(s_left, s_bottom, s_right, s_top)] = objects(pdf.path, result.anchors["extra-1"] - 1, pdfium.FPDF_PAGEOBJ_IMAGE)
    assert s_right - s_left == pytest.approx(A5.text_width, abs=0.05)  # squat: upright, as wide as the text block


def test_the_extra_page_turn_must_be_one_of_its_choices(tmp_path):
    data = write_conference(tmp_path / "data", {"theme.yaml": "extra_pages: {turn: clockwise}\n"})
    result = invoke("check", data)
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert "theme.yaml:1: extra_pages.turn: " in result.stderr and "left, right, none" in result.stderr


def test_a_sponsor_name_too_long_to_print_under_its_logo_is_an_error_and_the_longest_allowed_prints(tmp_path):
    # a name of 1,000 characters printed under its logo (`names: true`) made its row of logos taller than the page:
    # an internal error (LayoutError); the longest allowed, of the widest letter, fits under a logo of the smallest
    # tier's box (four to a row on A5)
    data = write_conference(tmp_path / "data", {
        "conference.yaml": extend("conference.yaml", f"sponsors:\n  - logo: images/a.png\n    name: {'x' * 1000}\n"),
        "theme.yaml": "sponsors: {names: true}\n", **LOGOS})
    line = base_lines("conference.yaml") + 3
    build_and_check_fail(tmp_path, data, [
        f"conference.yaml:{line}: sponsors[0].name: too long for the name of a sponsor with a logo: 1000 characters, "
        "and one holds at most 300 (theme.yaml's `sponsors: {names: true}` prints it under the logo)"])
    tiers = "".join(f"  - {{name: S{n}, logo: images/a.png, tier: T{n}}}\n" for n in (1, 2))
    result, pdf = build(tmp_path / "ok", f"sponsors:\n{tiers}  - {{name: {'W' * 300}, logo: images/b.png, tier: T3}}\n"
                                         f"  - {{name: '{('Wide words ' * 28)[:300]}', tier: T3}}\n",
                        LOGOS, theme="sponsors: {names: true}\n")
    assert "".join(pdf.texts).count("W") >= 300 + 28


def test_a_notes_label_wider_than_the_page_is_set_smaller_to_fit_it(tmp_path):
    """theme.yaml's `notes` label (up to 120 characters, one word at worst) ran off the Notes page's right edge: the
    heading is one line drawn as it is, so it is set smaller, to the page's width; a short one keeps its size."""
    class _Canvas(Canvas):
        def start_section(self, title):
            pass

    style = ParagraphStyle("h", fontName="Helvetica-Bold", fontSize=20)
    for title in ("Notes", "W" * 120):
        out = io.BytesIO()
        canvas = _Canvas(out, pagesize=(400, 600))
        page = NotesPage(style, "grey", title)
        page.wrapOn(canvas, 300, 500)
        page.drawOn(canvas, 50, 50)
        canvas.save()
        textpage = pypdfium2.PdfDocument(out.getvalue())[0].get_textpage()
        boxes = [textpage.get_charbox(i) for i in range(textpage.count_chars())]
        assert textpage.get_text_range() == title
        assert min(box[0] for box in boxes) >= 49 and max(box[2] for box in boxes) <= 351  # the frame: 50 to 350
        if title == "Notes":
            assert max(box[3] - box[1] for box in boxes) > 12  # its size kept (20 pt capitals: some 14 pt high)


def test_a_sponsor_name_without_a_logo_breaks_between_words_that_fit_its_box_whole(tmp_path):
    """A review: names without a logo whose words each fit their box were cut inside one ("Rijksuniver- / siteit
    Groningen", "Institut für Ra- / dioastronomie"): balancing their lines narrowed them below a word's width, and the
    title style's hyphenation of a word wider than its line cut it there. Their lines break at spaces (or after a
    hyphen of their own); a word a little too wide for its box ("Rijksuniversiteit" in a box of four to a row, by 1 %)
    is set that much smaller, its tier with it, and not cut."""
    tiers = {"Gold": ["Ada Corp", "Bo Foundation"], "Silver": ["Max-Planck-Institut für Radioastronomie", "Acme AG"],
             "Bronze": ["Rijksuniversiteit Groningen", "Zeta Ltd", "Eta Ltd", "Theta Ltd"]}
    text = "sponsors:\n" + "".join(f"  - {{name: {name}, tier: {tier}}}\n" for tier, names in tiers.items()
                                   for name in names)
    result, pdf = build(tmp_path, text)
    index = result.anchors["sponsors"] - 1
    lines = pdf.lines(index)
    assert lines[lines.index("Silver") + 1:lines.index("Bronze")] == ["Max-Planck-", "Institut für", "Radioastronomie",
                                                                     "Acme AG"]
    assert lines[lines.index("Bronze") + 1:-1] == ["Rijksuniversiteit", "Groningen", "Zeta Ltd", "Eta Ltd",
                                                   "Theta Ltd"]
    page = pypdfium2.PdfDocument(str(result.output))[index].get_textpage()
    content = page.get_text_range()
    size = round(pdfium.FPDFText_GetFontSize(page.raw, content.index("Rijksuniversiteit")), 2)
    assert 0.98 * A5.base_size * 1.42 * 0.65 < size < A5.base_size * 1.42 * 0.65  # (the title's size, 4 to a row)
