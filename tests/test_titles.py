"""Titles as a typesetter breaks them: a word of one letter ("a", "A", "I") never ends a title's line; it goes to
the next line with the word it belongs to."""

from __future__ import annotations

import pypdfium2 as pdfium

from booklet.build import build_booklet
from booklet.text import markup
from .helpers import BASE, write_conference

NBSP = "\u00a0"
# set on an A5 abstract page (and a tutorial's), the first line of this title ends with its "a" when the space after
# it is an ordinary one
TITLE = "Evidence estimation in high dimensions: a benchmark"


def test_a_one_letter_word_is_tied_to_the_next():
    assert markup.title(TITLE) == f"Evidence estimation in high dimensions: a{NBSP}benchmark"
    assert markup.title("Why I left: A *new* way") == f"Why I{NBSP}left: A{NBSP}<i>new</i> way"
    assert markup.inline(TITLE) == TITLE  # other text is as it was


def test_what_is_not_tied():
    assert markup.title("Plan B") == "Plan B"  # nothing after it
    assert markup.title("in 3 steps, 2 a day") == f"in 3 steps, 2 a{NBSP}day"  # a digit is no word
    assert markup.title("e.g. x") == "e.g. x"  # "x" ends the title; "e.g." is not one letter
    # a run of one-letter words is not tied into one unbreakable word: only its last to the word after it
    assert markup.title("a b c d words") == f"a b c d{NBSP}words"


def test_a_title_differs_from_inline_markup_only_by_no_break_spaces():
    for text in (TITLE, "a $x + y$ test", "$a b$ c d", "*a* b and **I** do", "Ελληνικά a β γ", "日本 a 語",
                 "a  \t b", "x_{a b} a", "a < b & c > d", "I"):
        assert markup.title(text).replace(NBSP, " ") == markup.inline(text).replace(NBSP, " "), text


def _title_lines(tmp_path, abstract_title: str, tutorial_title: str) -> tuple[list[str], list[str]]:
    abstracts = BASE["abstracts.yaml"].replace("title: A talk about Lund", f'title: "{abstract_title}"')
    tutorials = BASE["tutorials.yaml"].replace("title: Bayesian inference", f'title: "{tutorial_title}"')
    data = write_conference(tmp_path / "conf", {"abstracts.yaml": abstracts, "tutorials.yaml": tutorials})
    out = tmp_path / "b.pdf"
    build_booklet(data, out)
    pdf = pdfium.PdfDocument(str(out))
    pages = [pdf[i].get_textpage().get_text_range().splitlines() for i in range(len(pdf))]

    def after(label: str) -> list[str]:
        lines = next(p for p in pages if p and p[0].startswith(label))
        return lines[1:3]

    return after("CONTRIBUTED TALK"), after("TUTORIAL 1")


def test_a_title_line_never_ends_with_a_one_letter_word(tmp_path):
    abstract, tutorial = _title_lines(tmp_path, TITLE, TITLE)
    for lines in (abstract, tutorial):
        assert lines == ["Evidence estimation in high dimensions:", "a benchmark"]


def test_a_long_word_after_a_one_letter_word_stays_inside_the_margin(tmp_path):
    long = "pneumonoultramicroscopicsilicovolcanoconiosis" * 2
    data = write_conference(tmp_path / "conf", {"abstracts.yaml": BASE["abstracts.yaml"].replace(
        "title: A talk about Lund", f'title: "Something a {long} here"')})
    out = tmp_path / "b.pdf"
    build_booklet(data, out)
    pdf = pdfium.PdfDocument(str(out))
    for index in range(len(pdf)):
        page = pdf[index]
        text = page.get_textpage()
        whole = text.get_text_range()
        if "Something a" not in whole:
            continue
        right = max(text.get_charbox(i)[2] for i in range(text.count_chars()) if not whole[i].isspace())
        assert right <= page.get_width() - 10 * 72 / 25.4  # inside the outer margin (at least 10 mm on A5)
