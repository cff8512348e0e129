"""A tutorial's number: its title's own when every tutorial's title begins with the label's word and a number, each
another; else its place in tutorials.yaml."""

from __future__ import annotations

import pypdfium2 as pdfium
from pypdf import PdfReader

from booklet.build import build_booklet
from .helpers import BASE, write_conference


def _labels(tmp_path, tutorials: str) -> tuple[dict[str, str], list[str], list[str]]:
    """The booklet of BASE with these tutorials: title -> the label above it, every line, the outline's entries."""
    data = write_conference(tmp_path / "conf", {"tutorials.yaml": tutorials})
    out = tmp_path / "b.pdf"
    build_booklet(data, out)
    pdf = pdfium.PdfDocument(str(out))
    lines = [line for i in range(len(pdf)) for line in pdf[i].get_textpage().get_text_range().splitlines()]
    labels = {lines[n + 1]: line for n, line in enumerate(lines[:-1]) if line.startswith("TUTORIAL ")}
    outline = [item.title for item in PdfReader(str(out)).outline if isinstance(item, list)
               for item in item if not isinstance(item, list)]
    return labels, lines, outline


def test_titles_numbered_by_their_organisers_give_the_labels_their_numbers(tmp_path):
    """SIGDIAL 2020 (A4, p. 29): tutorials titled "Tutorial 15", "Tutorial 16", ... were labelled "TUTORIAL 18",
    "TUTORIAL 19": booklet numbered them in file order. Where every title begins with the label's word and a number,
    each another, the labels (and the outline's entries) print those numbers."""
    tutorials = BASE["tutorials.yaml"].replace("title: Bayesian inference", "title: Tutorial 14") + (
        "- id: numbered\n  title: Tutorial 15\n  description: Their own numbering.\n")
    labels, lines, outline = _labels(tmp_path, tutorials)
    assert labels["Tutorial 15"] == "TUTORIAL 15"
    assert labels["Tutorial 14"].startswith("TUTORIAL 14 ")  # (and its time, in the programme)
    assert not any(line.startswith(("TUTORIAL 1 ", "TUTORIAL 2")) or line == "TUTORIAL 1" for line in lines)
    assert "15. Tutorial 15" in outline and "14. Tutorial 14" in outline, outline


def test_titles_of_which_some_give_a_number_are_labelled_by_their_places_never_two_alike(tmp_path):
    """A title's own number beside another's place would print two labels alike ("Tutorial 2" after a second
    tutorial titled otherwise; SIGDIAL 2020's "Turorial 1-3" before its "Tutorial 1-17"): where not every title gives
    one, or two give the same, every label prints its tutorial's place in the file."""
    mixed = BASE["tutorials.yaml"] + (
        "- id: worded\n  title: Tutorial on sampling\n  description: No number of its own.\n"
        "- id: numbered\n  title: Tutorial 2\n  description: Its own numbering.\n")
    labels, lines, outline = _labels(tmp_path / "mixed", mixed)
    assert labels["Tutorial on sampling"] == "TUTORIAL 2" and labels["Tutorial 2"] == "TUTORIAL 3"
    assert labels["Bayesian inference"].startswith("TUTORIAL 1 ")
    assert "3. Tutorial 2" in outline, outline
    twice = BASE["tutorials.yaml"].replace("title: Bayesian inference", "title: Tutorial 7") + (
        "- id: again\n  title: Tutorial 7\n  description: The same number.\n")
    labels, lines, outline = _labels(tmp_path / "twice", twice)
    assert [line for line in lines if line.startswith("TUTORIAL 7")] == []
    assert "TUTORIAL 2" in lines and "2. Tutorial 7" in outline, outline
