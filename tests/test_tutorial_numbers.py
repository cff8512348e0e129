"""A tutorial's number: its title's own when the title begins with the label's word and a number."""

from __future__ import annotations

import pypdfium2 as pdfium
from pypdf import PdfReader

from booklet.build import build_booklet
from .helpers import BASE, write_conference


def test_a_title_numbered_by_its_organisers_gives_the_label_its_number(tmp_path):
    """SIGDIAL 2020 (A4, p. 29): after three tutorials, those titled "Tutorial 15", "Tutorial 16", ... were labelled
    "TUTORIAL 18", "TUTORIAL 19": booklet numbered them in file order. A title that begins with the label's word and
    a number gives the label (and the outline's entry) that number; any other keeps its place in the file."""
    tutorials = BASE["tutorials.yaml"] + (
        "- id: numbered\n  title: Tutorial 15\n  description: Their own numbering.\n"
        "- id: worded\n  title: Tutorial on sampling\n  description: No number of its own.\n")
    data = write_conference(tmp_path / "conf", {"tutorials.yaml": tutorials})
    out = tmp_path / "b.pdf"
    build_booklet(data, out)
    pdf = pdfium.PdfDocument(str(out))
    lines = [line for i in range(len(pdf)) for line in pdf[i].get_textpage().get_text_range().splitlines()]
    labels = {lines[n + 1]: line for n, line in enumerate(lines[:-1]) if line.startswith("TUTORIAL ")}
    assert labels["Tutorial 15"] == "TUTORIAL 15"
    assert labels["Tutorial on sampling"] == "TUTORIAL 3"
    assert labels["Bayesian inference"].startswith("TUTORIAL 1 ")  # (and its time)
    assert "TUTORIAL 2" not in lines
    outline = [item.title for item in PdfReader(str(out)).outline if isinstance(item, list)
               for item in item if not isinstance(item, list)]
    assert "15. Tutorial 15" in outline and "3. Tutorial on sampling" in outline, outline
