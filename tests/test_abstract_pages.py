"""Abstract pages as a typesetter sets them: the header flows beside the photo and on below it with
no gap, a continued abstract says what it continues, and left-out characters leave no empty brackets."""

from __future__ import annotations

import io

import pypdfium2 as pdfium
from PIL import Image

from booklet.build import build_booklet
from booklet.layout.abstracts import continued
from booklet.text.fonts import register_fonts
from .helpers import BASE, extend, write_conference
from .pdftext import Pdf


def portrait() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (600, 750), (90, 120, 60)).save(buf, "JPEG", quality=85)
    return buf.getvalue()


AFFILIATIONS = [f"Department {n} of Examples, University of Somewhere, Country {n}" for n in range(1, 8)]


def many_authors(tmp_path):
    authors = "\n".join(f"    - {{name: Author {n}, affiliation: \"{a}\"{', photo: images/p.jpg, presenting: true' if n == 1 else ''}}}"
                        for n, a in enumerate(AFFILIATIONS, 1))
    files = {
        "abstracts.yaml": extend("abstracts.yaml", f"- id: many\n  title: Seven authors and a photo\n  authors:\n{authors}\n"
                                                   "  abstract: Text.\n"),
        "programme.yaml": BASE["programme.yaml"].replace(
            '      - {time: "14:00-17:00", tutorial: bayes-intro}',
            '      - {time: "14:00-17:00", tutorial: bayes-intro}\n      - {time: "17:00-17:20", talk: many}'),
        "images/p.jpg": portrait(),
    }
    data = write_conference(tmp_path / "conf", files)
    out = tmp_path / "b.pdf"
    build_booklet(data, out)
    return out


def boxes(path, index: int, needle: str):
    """(left, top, right, bottom) in points from the page's top-left of the first line holding `needle`."""
    pdf = pdfium.PdfDocument(str(path))
    page = pdf[index]
    height = page.get_height()
    text = page.get_textpage()
    whole = text.get_text_range()
    at = whole.find(needle)
    assert at >= 0, needle
    chars = [text.get_charbox(i) for i in range(at, at + len(needle)) if not whole[i].isspace()]
    return (min(c[0] for c in chars), height - max(c[3] for c in chars),
            max(c[2] for c in chars), height - min(c[1] for c in chars))


def photo_box(path, index: int):
    pdf = pdfium.PdfDocument(str(path))
    page = pdf[index]
    height = page.get_height()
    for obj in page.get_objects():
        if obj.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE:
            left, bottom, right, top = obj.get_bounds()
            return left, height - top, right, height - bottom
    raise AssertionError("no image on the page")


def test_affiliations_flow_beside_the_photo_and_on_below_it_without_a_gap(tmp_path):
    out = many_authors(tmp_path)
    pdf = Pdf(out)
    index = pdf.pages_with("Seven authors and a photo")[-1]
    photo = photo_box(out, index)
    lines = [boxes(out, index, a) for a in AFFILIATIONS]
    tops = [line[1] for line in lines]
    pitches = [round(b - a, 1) for a, b in zip(tops, tops[1:])]
    assert max(pitches) - min(pitches) < 0.6, pitches  # evenly spaced: no gap at the photo's bottom
    beside = [line for line in lines if line[1] < photo[3]]
    below = [line for line in lines if line[1] >= photo[3]]
    assert beside and below  # the list runs past the photo's bottom
    assert all(line[2] < photo[0] for line in beside)  # lines beside the photo stay clear of it
    assert below[0][1] - photo[3] < pitches[0]  # the first line below follows right under the photo


def test_a_continued_abstract_names_a_short_form_of_its_title():
    register_fonts()
    assert continued("Short title") == "Short title (continued)"
    long = "Hierarchical models for galaxy surveys with $S/N < 5$ and biased samples: what can go wrong in practice"
    shown = continued(long)
    assert shown.endswith("\u2026 (continued)")
    assert shown.startswith("Hierarchical models for galaxy surveys with")
    assert len(shown) < len(long)
    math_cut = continued("A " * 27 + "$x_{i}^{2} + y$ and more words after it to cut")
    assert "$" not in math_cut  # the math was set, never cut in two and printed raw


def test_left_out_characters_leave_no_empty_brackets(tmp_path):
    data = write_conference(tmp_path / "conf", {"abstracts.yaml": BASE["abstracts.yaml"].replace(
        "title: A talk about Lund", 'title: "A talk about Lund (\u738b) and [\u738b \u660e] here"')})
    out = tmp_path / "b.pdf"
    result = build_booklet(data, out)
    assert [w.kind for w in result.warnings] == ["glyph"]
    pdf = Pdf(out)
    page = pdf.pages_with("A talk about Lund")[-1]
    line = next(l for l in pdf.lines(page) if l.startswith("A talk about Lund"))
    assert line == "A talk about Lund and here"
