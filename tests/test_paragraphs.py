"""Booklet's paragraphs -> the same lines however often they are wrapped, and splits that fit."""

from __future__ import annotations

import json

import pytest

from booklet.build import build_booklet
from booklet.text.fonts import register_fonts
from booklet.layout.flowables import Para
from booklet.layout.page import page_for
from booklet.layout.styles import make_styles

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


def test_an_abstract_crossing_a_page_at_an_awkward_height_builds(tmp_path):
    text = "\n\n".join([
        "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore. " * 12,
        "Short line. " * 46,
        "We find a correlation between Hubble constant and period distribution with $p < 0.01$. Astronomers & "
        "statisticians rarely share benchmarks; we propose one for binary black holes. " * 6,
    ])
    (tmp_path / "conference.yaml").write_text(
        "title: T\ndates: {start: 2027-09-13, end: 2027-09-14}\nvenue: V\n", encoding="utf-8")
    abstract = {"id": "a", "title": "A title", "speaker": {"name": "Ana Smith"}, "abstract": text}
    (tmp_path / "abstracts.yaml").write_text("- " + json.dumps(abstract) + "\n", encoding="utf-8")
    build_booklet(tmp_path, tmp_path / "out.pdf")
    assert "binary black holes" in " ".join(Pdf(tmp_path / "out.pdf").texts)
