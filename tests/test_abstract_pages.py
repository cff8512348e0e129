"""Abstract pages as a typesetter sets them: the header flows beside the photo and on below it with
no gap, a continued abstract says what it continues, and left-out characters leave no empty brackets."""

from __future__ import annotations

import contextlib
import io
import os
import re

import pypdfium2 as pdfium
import pytest
from PIL import Image

from booklet.build import build_booklet
from booklet.layout.abstracts import continued
from booklet.text.fonts import register_fonts
from .helpers import BASE, extend, set_tighter, write_conference
from .pdftext import Pdf, characters, norm


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


def boxes(path, index: int, needle: str, last: bool = False):
    """(left, top, right, bottom) in points from the page's top-left of the first line holding `needle` (`last`: of
    the last one on the page)."""
    pdf = pdfium.PdfDocument(str(path))
    page = pdf[index]
    height = page.get_height()
    text = page.get_textpage()
    whole = text.get_text_range()
    at = whole.rfind(needle) if last else whole.find(needle)
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


def test_affiliations_flow_beside_the_photo_and_on_below_it_without_a_gap(tmp_path, monkeypatch):
    monkeypatch.setattr("booklet.layout.abstracts.AFFILIATIONS_LISTED", 7)  # (a line each: more run on)
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
    assert len(re.sub("<[^>]+>", "", shown)) < len(long)  # (its text, less its markup)
    math_cut = continued("A " * 27 + "$x_{i}^{2} + y$ and more words after it to cut")
    assert "$" not in math_cut  # the math was set, never cut in two and printed raw
    assert continued("x" * 5000) == "x" * 60 + "\u2026 (continued)"  # a title without a space: cut inside
    assert continued("Two\n\nlines") == "Two lines (continued)"
    # no punctuation left before the ellipsis (36c3's titles: "Matterhorn –… (continued)", "Nord-Ost-Syrien:…")
    assert continued("Zwischen Bodensee und Matterhorn und noch viel weiter weg – ein Reisebericht aus den Alpen") \
        == "Zwischen Bodensee und Matterhorn und noch viel weiter weg\u2026 (continued)"
    assert continued("Feministische Selbstorganisation in Nord-Ost-Syrien: Frauenräte, Kooperativen und mehr") \
        == "Feministische Selbstorganisation in Nord-Ost-Syrien\u2026 (continued)"
    assert continued("A, " * 25 + "B") == "A, " * 19 + "A\u2026 (continued)"
    # a fuzzing run: a title of one long formula was set whole over each page it ran onto, taller than a page
    # (LayoutError, an internal error): a formula kept whole past 200 characters is cut before
    formula = "$" + " + ".join(f"x_{{{n}}}" for n in range(2000)) + "$"
    assert continued(formula) == "\u2026 (continued)"
    assert continued("Sums like " + formula) == "Sums like\u2026 (continued)"
    # a lone or escaped $ opens no math (markup prints it as text): cut at the limit as any text, not before it
    assert continued("Costs of $5 and " + "more " * 60) == "Costs of $5 and " + "more " * 8 + "more\u2026 (continued)"
    assert continued("Costs of \\$5 and " + "more " * 60) == "Costs of $5 and " + "more " * 7 + "more\u2026 (continued)"
    assert continued("We saved $5 million on our cloud bill by moving everything to bare metal servers, at last") \
        == "We saved $5 million on our cloud bill by moving everything\u2026 (continued)"  # (was whole)
    assert continued("US$" + "x" * 300) == "US$" + "x" * 57 + "\u2026 (continued)"
    assert continued("Go $a$ and $a + b$=" + formula) == "Go <i>a</i> and\u2026 (continued)"  # (no formula cut in two)


def test_an_abstract_with_a_title_taller_than_a_page_runs_on(tmp_path):
    """A title of 5,000 letters without a space (as generated bad input had it) ran onto pages headed by the whole
    title again, taller than a page: the build stopped with ReportLab's LayoutError. It builds; the pages after the
    first are headed by the title's first 60 letters."""
    abstracts = BASE["abstracts.yaml"].replace("title: A talk about Lund", "title: " + "x" * 5000)
    result = build_booklet(write_conference(tmp_path / "conf", {"abstracts.yaml": abstracts}), tmp_path / "b.pdf")
    pdf = Pdf(result.output)
    start, end = result.anchors["abstract-0"], result.anchors["end:abstract-0"]
    assert end > start
    for page in range(start + 1, end + 1):
        assert pdf.lines(page - 1)[0] == "x" * 60 + "\u2026 (continued)", page


def test_an_entry_s_end_is_noted_by_the_shared_bookkeeping(tmp_path, monkeypatch):
    """EndMark wrote `end:KEY` into the canvas's anchor_pages by its own copy of what flowables.note_pages does (a
    chaired session's rows); it now goes through note_pages, which notes the end only, not the anchor, for it."""
    from reportlab.pdfgen.canvas import Canvas

    from booklet.layout import flowables

    canvas = Canvas(str(tmp_path / "x.pdf"))
    canvas.anchor_pages = {"abstract-3": 1}
    canvas.showPage()
    calls = []
    note = flowables.note_pages
    monkeypatch.setattr(flowables, "note_pages", lambda *args, **named: calls.append(args[1:]) or note(*args, **named))
    flowables.EndMark("abstract-3").drawOn(canvas, 0, 0)
    flowables.EndMark("tutorial-1").drawOn(canvas, 0, 0)
    flowables.note_pages(canvas, "session-1")
    assert calls == [("abstract-3",), ("tutorial-1",), ("session-1",)]
    assert canvas.anchor_pages == {"abstract-3": 1, "end:abstract-3": 2, "end:tutorial-1": 2, "session-1": 2,
                                   "end:session-1": 2}


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


WORDS = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor".split()


# theme.yaml's sections of the tests that look at abstracts alone: the abstracts' pages, laid out as in the whole
# booklet (they refer to no other section's pages), not the minimal conference's glance, programme, tutorials, posters
# and index, whose pages cost each build and each Pdf() that reads every page's text.
_ABSTRACTS_ALONE = "sections: [abstracts]\n"


def _filling(n_short: int, words: int, end: str) -> str:
    """An abstract's text: `n_short` one-line paragraphs, then one of `words` words ending in `end`."""
    short = "".join(f"Short line {k}.\n\n" for k in range(n_short))
    return short + " ".join(WORDS[k % len(WORDS)] for k in range(words)) + f" {end}."


def test_an_abstract_that_fills_its_page_to_the_bottom_is_not_followed_by_a_blank_page(tmp_path):
    """Abstracts whose texts end at every height near their page's bottom (one line more at each step; 0 to 3
    one-line paragraphs before, each moving the end by a third of a line): each ends on the page that holds
    its last words (its end mark, which the proofs' page ranges read, too), and no page between the first
    abstract and the last is left blank. An abstract whose last line reached into the space after its text
    used to have its end mark pushed to the next page, which the page break after it left blank. (The longer ones,
    a few lines too long, are set tighter to end on their page; the longest run on.)"""
    entries = []
    # (an abstract a page: from 372 words, 4 fewer than the first whose end mark a zero-size flowable pushed to the
    # next page; the shorter ones, from 320 words, end higher up)
    lengths = [*range(372, 420, 4), *range(420, 520, 8)]
    for n_short in range(4):
        for words in lengths:
            key = f"fill-{n_short}-{words}"
            entries.append(f"- id: {key}\n  title: Filling {n_short} {words}\n  speaker: {{name: Ana Smith}}\n"
                           f"  abstract: |\n" + "".join(f"    {line}\n" if line else "\n"
                                                        for line in _filling(n_short, words, f"end{key}").split("\n")))
    files = {"abstracts.yaml": "".join(entries)}
    files["programme.yaml"] = BASE["programme.yaml"].replace("talk: lund-2026", "title: A talk").replace(
        "talk: okafor", "title: Another")
    files["theme.yaml"] = _ABSTRACTS_ALONE
    result = build_booklet(write_conference(tmp_path / "conf", files), tmp_path / "b.pdf")
    pdf = Pdf(result.output)
    keys = [f"fill-{n}-{w}" for n in range(4) for w in lengths]
    pages = {key: result.anchors[f"abstract-{i}"] for i, key in enumerate(keys)}
    ends = {key: result.anchors[f"end:abstract-{i}"] for i, key in enumerate(keys)}
    for key in keys:
        assert norm(f"end{key}") in pdf.norms[ends[key] - 1], key
    assert sum(ends[key] == pages[key] for key in keys) and sum(ends[key] > pages[key] for key in keys)
    first, last = min(pages.values()), max(ends.values())
    for page in range(first, last + 1):
        assert any(word in pdf.norms[page - 1] for word in ("lorem", "shortline", "filling")), page


def _abstracts_only(tmp_path, entries: list[str]):
    """The build of a conference whose abstracts are `entries` (abstracts.yaml's items), its programme naming none."""
    files = {"abstracts.yaml": "".join(entries),
             "programme.yaml": BASE["programme.yaml"].replace("talk: lund-2026", "title: A talk").replace(
                 "talk: okafor", "title: Another")}
    return build_booklet(write_conference(tmp_path / "conf", files), tmp_path / "b.pdf")


def _entry(ident: str, title: str, text: str) -> str:
    """An item of abstracts.yaml: Ana Smith's abstract `ident` with `title` and `text` (paragraphs apart by blank
    lines)."""
    return (f"- id: {ident}\n  title: {title}\n  speaker: {{name: Ana Smith}}\n  abstract: |\n"
            + "".join(f"    {line}\n" if line else "\n" for line in text.split("\n")))


def _flowing(folder, output, abstracts: str):
    """A build of a conference whose `abstracts` (abstracts.yaml) flow one after another, its programme naming none of
    them (titles of their own)."""
    files = {"abstracts.yaml": abstracts, "theme.yaml": "abstracts: {layout: flow}\n",
             "programme.yaml": BASE["programme.yaml"].replace("talk: lund-2026", "title: A talk").replace(
                 "talk: okafor", "title: Another")}
    return build_booklet(write_conference(folder, files), output)


def test_a_flowing_abstract_that_fits_a_page_goes_on_whole_from_a_third_of_a_page_or_less(tmp_path):
    """Abstracts flowing on A5 (DebConf17): a short one was cut a few lines from its end at a page's foot, "Club Linux
    Atomic" its header and 3 paragraphs on one page, 4 lines on the next. One that fits on a page goes on whole to the
    next page when a third of the page or less is left for it (entries 1 and 3: a quarter of a page left empty); from
    more room it is cut as before (entry 4: half a page left empty looked a mistake)."""
    result = _flowing(tmp_path / "conf", tmp_path / "b.pdf", "".join(
        _entry(f"e{i}", f"Entry {i}", _filling(0, words, f"end{i}"))
        for i, words in enumerate((250, 110, 130, 150, 250))))
    first = result.anchors["abstract-0"]
    pages = [(result.anchors[f"abstract-{i}"] - first, result.anchors[f"end:abstract-{i}"] - first) for i in range(5)]
    assert pages == [(0, 0), (1, 1), (1, 1), (2, 2), (2, 3)]
    pdf = Pdf(result.output)
    assert [page - first for page in range(1, len(pdf) + 1) if "continued" in pdf.norms[page - 1]] == [3]
    assert "entry4continued" in pdf.norms[first + 2] and "end4" in pdf.norms[first + 2]


def test_a_heading_in_an_abstracts_text_never_ends_a_page_without_what_it_heads(tmp_path):
    """A review of an imported book: "**Content**" and "**Overview**" (a pretalx abstract's headings) ended a page,
    their text on the next. A paragraph all bold, or a short line ending with a colon ("Literatur:"), goes to the next
    page with what it leads to. Texts of every length near the page's foot (a line more at each step)."""
    _kept_together(tmp_path, lambda words: f"**Results R{words}**\n\nRefs{words}:\n\n" + " ".join(
        f"Zeta{words}" if k == 0 else WORDS[k % len(WORDS)] for k in range(120)),
        lambda words: [f"Results R{words}", f"Refs{words}:", f"Zeta{words}"])


def test_a_short_question_alone_never_ends_a_page_without_the_text_that_answers_it(tmp_path):
    """A review of real books: DebConf17 p. 29 (abstracts flowing) ended with "Pour qui?", a paragraph of its own
    heading the text on the next page (as "Who?", "How?", "Quoi?" headed theirs). A paragraph of a short question
    alone (three words at most) goes to the next page with what follows it. Abstracts of every length near the
    page's foot, flowing one after another (a third of a line more at each step)."""
    steps = range(10, 160, 4)
    entries = [_entry(f"e{words}", f"Entry {words}", _filling(0, words, "x") + f"\n\nPour qui{words}?\n\n"
                      + " ".join(f"Zeta{words}" if k == 0 else WORDS[k % len(WORDS)] for k in range(60)))
               for words in steps]
    result = _flowing(tmp_path / "conf", tmp_path / "b.pdf", "".join(entries))
    pdf = Pdf(result.output)
    for words in steps:
        page = next(i for i, text in enumerate(pdf.norms) if norm(f"Pour qui{words}?") in text)
        assert norm(f"Zeta{words}") in pdf.norms[page], words


def _kept_together(tmp_path, ending, *togethers) -> None:
    """Abstracts of every length near a page's foot (a line more at each step), each ending with `ending(words)`,
    built once: for each of `togethers`, the texts `together(words)` are all on one page, and some went on to the
    next (the speaker is not there)."""
    steps = range(330, 430, 6)
    result = _abstracts_only(tmp_path, [_entry(f"e{words}", f"Entry {words}",
                                               _filling(0, words, "x") + "\n\n" + ending(words)) for words in steps])
    pdf = Pdf(result.output)
    for together in togethers:
        moved = 0
        for words in steps:
            first, *rest = together(words)
            page = next(i for i, text in enumerate(pdf.norms) if norm(first) in text)
            assert all(norm(text) in pdf.norms[page] for text in rest), (words, first)
            moved += norm("Ana Smith") not in pdf.norms[page]  # (the speaker: on the abstract's first page only)
        assert moved  # (some went to the next page: the texts did reach the page's foot)


_LONG_LEAD_IN = " ".join(WORDS * 5) + " and more as follows:"


@pytest.mark.parametrize("intro, mark", [("Intro:", "{}. "), ("Intro:", "Part "), (_LONG_LEAD_IN, "{}. ")],
                         ids=["items", "paragraphs", "after-a-long-lead-in"])
def test_a_run_of_lines_each_ending_with_a_colon_taller_than_a_page_never_leaves_the_header_alone(tmp_path, intro,
                                                                                                  mark):
    """50 list items (or short paragraphs) each ending with a colon, each kept with the next: a run taller than a page,
    which no page can keep with what follows. Moved on whole to the next page, it left the abstract's header alone on
    its first page (or with a few lines of a long lead-in before it, kept with its first lines); it stays where it
    falls, the header's page holding its first lines, every page full but the last, all in order."""
    count = 50
    text = intro + "\n\n" + "\n\n".join(f"{mark.format(n)}Item number {n} of the list:" for n in range(1, count + 1)) \
        + "\n\nEnd."
    result = _abstracts_only(tmp_path, [_entry("e", "Entry", text)])
    pdf = Pdf(result.output)
    start, end = result.anchors["abstract-0"], result.anchors["end:abstract-0"]
    found = [[int(n) for n in re.findall(r"Item number (\d+) of", pdf.texts[page - 1])]
             for page in range(start, end + 1)]
    assert [n for numbers in found for n in numbers] == list(range(1, count + 1))
    assert norm("Ana Smith") in pdf.norms[start - 1] and found[0][:1] == [1]
    assert len(found) <= 3 and all(len(numbers) >= 15 for numbers in found[:-1]), [len(n) for n in found]


def test_the_line_that_leads_into_a_block_of_code_never_ends_a_page_without_it(tmp_path):
    """The EuroPython import: "And if this were not enough, the view can also be easily served on a regular web
    browser if we just did the following:" ended a page, its block of code on the next. A paragraph ending with a
    colon before a block of code (of any length: two lines here) goes on with the block's first two lines. Texts of
    every length near the page's foot (a line more at each step)."""
    lead = "And if this were not enough, the view can also be easily served on a regular web browser if we did"
    _kept_together(tmp_path, lambda words: f"{lead} the following {words}:\n\n```\nfirst_{words}(model)\n"
                   f"second_{words}(model)\nthird_{words}()\n```\n\n"
                   + " ".join(WORDS[k % len(WORDS)] for k in range(120)),
                   lambda words: [f"following {words}:", f"first_{words}(model)", f"second_{words}(model)"])


def test_a_short_line_or_list_item_right_before_a_block_of_code_never_ends_a_page_without_it(tmp_path):
    """The EuroPython import, A5 p. 27: the list item "- It's easy to get max, min and standard deviation" ended a
    page, the line of code it introduced at the top of the next. A short paragraph, or list item, right before a block
    of code leads into it also without a colon: it goes on with the block's first lines. Texts of every length near
    the page's foot (a line more at each step)."""
    def ending(lead: str):
        return lambda words: (f"{lead} {words}\n\n```\nprint_{words}(table)\nshow_{words}(table)\n```\n\n"
                              + " ".join(WORDS[k % len(WORDS)] for k in range(120)))

    _kept_together(tmp_path / "item", ending("- It's easy to get max, min and standard deviation"),
                   lambda words: [f"deviation {words}", f"print_{words}(table)", f"show_{words}(table)"])
    _kept_together(tmp_path / "line", ending("Having the data in a dict like"),
                   lambda words: [f"dict like {words}", f"print_{words}(table)", f"show_{words}(table)"])


def test_a_short_line_leading_into_a_list_never_ends_a_page_with_one_item_or_none(tmp_path):
    """FOSDEM 2025 p. 616: a paragraph ending "... including:" ended a page with the first item of its list, the
    list's four others on the next. A short paragraph (a line: SHORT_LEAD) ending with a colon right before a list
    goes on with its first two items, short ones. Texts of every length near the page's foot (a line more at each
    step)."""
    lead = "In this talk we will look at the following parts of the project"
    _kept_together(tmp_path, lambda words: f"{lead} {words}:\n\n- Alpha{words} first part\n- Beta{words} second part\n"
                   f"- Gamma{words} third part\n- Delta{words} fourth part\n\n"
                   + " ".join(WORDS[k % len(WORDS)] for k in range(120)),
                   lambda words: [f"project {words}:", f"Alpha{words}", f"Beta{words}"])


def test_a_block_of_code_never_leaves_its_first_or_last_line_alone_on_a_page(tmp_path):
    """A typographer's review of the FOSDEM import: a block of four lines broke three and one, its last line alone at
    the top of a page. A block's first two lines, and its last two, are on one page. Texts of every length near the
    page's foot (a line more at each step)."""
    def ending(words: int) -> str:
        return (f"We ran it once more.\n\n```\nalpha_{words}()\nbeta_{words}()\ngamma_{words}()\n"
                f"delta_{words}()\n```\n\n"
                + " ".join(WORDS[k % len(WORDS)] for k in range(120)))

    _kept_together(tmp_path, ending, lambda words: [f"alpha_{words}()", f"beta_{words}()"],
                   lambda words: [f"delta_{words}()", f"gamma_{words}()"])  # (its first two lines; its last two)


def test_a_tutorial_that_runs_onto_more_pages_says_on_each_what_it_continues(tmp_path):
    """A tutorial's description of two pages and more, then its presenter: each page it runs onto opens with
    "Title (continued)", as an abstract's does, and the presenter's heading stays with the presenter."""
    description = "\n\n".join(" ".join(WORDS[(k + p) % len(WORDS)] for k in range(90)) for p in range(24))
    tutorials = BASE["tutorials.yaml"].replace("description: A course.", "description: |\n" + "".join(
        f"    {line}\n" if line else "\n" for line in description.split("\n")))
    result = build_booklet(write_conference(tmp_path / "conf", {"tutorials.yaml": tutorials}), tmp_path / "b.pdf")
    pdf = Pdf(result.output)
    start, end = result.anchors["tutorial-1"], result.anchors["end:tutorial-1"]
    assert end >= start + 2 and "Bayesian inference" in pdf.lines(start - 1)[2]  # (under "Tutorials", its label)
    for page in range(start + 1, end + 1):
        assert pdf.lines(page - 1)[0] == "Bayesian inference (continued)", page
    presenter = [page for page in pdf.pages_with("Sven Oberg") if start - 1 <= page <= end - 1]
    assert pdf.pages_with("Presenter") == presenter == [end - 1]


def _lines_on(path, index: int) -> list[list[tuple[float, str]]]:
    """The page's characters as lines (top first), each (left x, character) from the left."""
    pdf = pdfium.PdfDocument(str(path))
    text = pdf[index].get_textpage()
    rows: dict[int, list] = {}
    for i, char in enumerate(characters(text)):
        if char.strip():
            left, bottom, _, top = text.get_charbox(i, loose=True)  # (the font's height: the same for a line)
            rows.setdefault(round((bottom + top) / 4), []).append((left, char))
    return [sorted(rows[y]) for y in sorted(rows, reverse=True)]


@pytest.mark.parametrize("items", ["      * {long} firstend\n      * Second item\n",
                                   "      -\u00a0\u00a0\u00a0 {long} firstend\n\n      -\u00a0\u00a0 Second item\n"])
def test_a_list_in_an_abstract_hangs_its_lines_under_the_text_after_each_bullet(tmp_path, items):
    """Lines starting with "* " print as a list: each item a paragraph whose bullet (an en dash) stands at the left
    margin and whose lines all start where its first line's text does; so do paragraphs starting with "- " and
    no-break spaces, blank lines between them (a loose Markdown list pasted from a word processor: GMTH 2023's
    tutorial printed each "- " as text, a gap after it)."""
    long = " ".join(WORDS * 3)
    abstracts = BASE["abstracts.yaml"].replace("abstract: Some text.", (
        "abstract: |\n    The talk will cover:\n\n" + items.format(long=long)))
    result = build_booklet(write_conference(tmp_path / "conf", {"abstracts.yaml": abstracts}), tmp_path / "b.pdf")
    index = result.anchors["abstract-0"] - 1
    lines = _lines_on(result.output, index)
    texts = ["".join(c for _, c in line) for line in lines]
    intro = next(i for i, t in enumerate(texts) if t.startswith("Thetalkwillcover"))
    first, second = intro + 1, next(i for i, t in enumerate(texts) if t.startswith("\u2013Second"))
    assert texts[first].startswith("\u2013lorem") and "firstend" in texts[second - 1] and second - first >= 3
    margin = lines[intro][0][0]
    assert abs(lines[first][0][0] - margin) < 0.5 and abs(lines[second][0][0] - margin) < 0.5  # the bullets
    hang = lines[first][1][0]  # the first line's text, after its bullet
    assert hang > margin + 5
    for row in range(first + 1, second):  # the item's other lines
        assert abs(lines[row][0][0] - hang) < 0.5, texts[row]


def test_an_imported_html_list_prints_as_a_list_its_items_paragraphs_of_their_own(tmp_path):
    """36C3's frab export gives a list as HTML (`<ul><li>` inside a `<p>`); the import writes each item as a paragraph
    of its own starting with an en dash ("– Quick intro ..."), the form docs/data-format.md gives for an item between
    blank lines. It prints as the list Markdown's "- " lines give: each bullet at the margin, an item's later lines
    under its text, and the text after the list at the margin again."""
    from booklet.importers.text import to_markup

    long = " ".join(WORDS * 3)
    text = to_markup(f"<p>Topics like\r\n<ul>\r\n<li>{long} firstend</li>\r\n<li>SIM toolkit</li>\r\n</ul>\r\n</p>"
                     "<p>After the list.</p>")
    assert text == f"Topics like\n\n\u2013 {long} firstend\n\n\u2013 SIM toolkit\n\nAfter the list."
    written = "abstract: |\n" + "".join(f"    {line}\n" if line else "\n" for line in text.split("\n"))
    abstracts = BASE["abstracts.yaml"].replace("abstract: Some text.\n", written)
    result = build_booklet(write_conference(tmp_path / "conf", {"abstracts.yaml": abstracts}), tmp_path / "b.pdf")
    lines = _lines_on(result.output, result.anchors["abstract-0"] - 1)
    texts = ["".join(c for _, c in line) for line in lines]
    intro = texts.index("Topicslike")
    first, second = intro + 1, texts.index("\u2013SIMtoolkit")
    assert texts[first].startswith("\u2013lorem") and "firstend" in texts[second - 1] and second - first >= 3
    margin = lines[intro][0][0]
    assert abs(lines[first][0][0] - margin) < 0.5 and abs(lines[second][0][0] - margin) < 0.5  # the bullets
    hang = lines[first][1][0]
    assert hang > margin + 5
    for row in range(first + 1, second):
        assert abs(lines[row][0][0] - hang) < 0.5, texts[row]
    assert abs(lines[texts.index("Afterthelist.")][0][0] - margin) < 0.5


def test_a_list_nested_in_an_item_is_indented_to_that_item_s_text(tmp_path):
    """A list in a list's item (indented under it, as Markdown nests one) prints nested: its bullets where its item's
    text starts, its lines after them; a list nested in that one, further in; the outer list's next item back at the
    margin, and the paragraph after the lists too."""
    abstracts = BASE["abstracts.yaml"].replace("abstract: Some text.", (
        "abstract: |\n    We compare:\n\n    1. Sampling\n       - Monte Carlo\n       - nested sampling\n"
        "         * dynamic nested\n    2. Variational inference\n\n    Each is run on the same data.\n"))
    result = build_booklet(write_conference(tmp_path / "conf", {"abstracts.yaml": abstracts}), tmp_path / "b.pdf")
    lines = _lines_on(result.output, result.anchors["abstract-0"] - 1)
    texts = ["".join(c for _, c in line) for line in lines]

    def line(start: str) -> list:
        return lines[next(i for i, t in enumerate(texts) if t.startswith(start))]

    margin = line("Wecompare")[0][0]
    one, monte, nested, dynamic, two, after = (line(s) for s in (
        "1.Sampling", "\u2013Monte", "\u2013nested", "\u2013dynamic", "2.Variational", "Eachisrun"))
    assert abs(one[0][0] - margin) < 0.5 and abs(two[0][0] - margin) < 0.5 and abs(after[0][0] - margin) < 0.5
    sampling = one[2][0]  # "S" of "Sampling": the first item's text
    assert abs(monte[0][0] - sampling) < 0.5 and abs(nested[0][0] - sampling) < 0.5  # their bullets under it
    assert dynamic[0][0] > nested[1][0] - 0.5 and abs(dynamic[0][0] - nested[1][0]) < 0.5  # under "nested"'s text


def _lines_of_the_abstract_of(tmp_path, authors: str) -> list[str]:
    """The text lines of the page of an abstract "A talk with many authors" by `authors` (YAML list items), built."""
    abstracts = ("- id: many\n  title: A talk with many authors\n  kind: contributed\n  authors:\n" + authors
                 + "  abstract: Short.\n")
    folder = write_conference(tmp_path / "conf", {"abstracts.yaml": abstracts, "programme.yaml": None})
    build_booklet(folder, tmp_path / "b.pdf")
    document = pdfium.PdfDocument(tmp_path / "b.pdf")
    text = next(t for t in (document[i].get_textpage().get_text_range() for i in range(len(document)))
                if "A talk with many authors" in t and "Short." in t)
    return [line.strip() for line in text.splitlines()]


def test_an_initial_stays_on_the_line_of_the_name_it_begins(tmp_path):
    """"C. L. Degen" never breaks after "C." or "L." (a line ending "..., A." with "Anane" on the next); the
    spaces after initials print as no-break spaces."""
    import re

    names = ["A. Anane", "C. L. Degen", "T. Oeckinghaus", "R. Schirhagl", "J.-P. Sartre", "M. R. Freeman",
             "Th. Müller", "Ana B. Cole", "K. Xu", "G. Welker", "H. Ohno", "E. Saitoh"] * 3
    authors = "".join(f"    - {{name: '{name}', affiliation: Lab {i % 4}}}\n" for i, name in enumerate(names))
    lines = _lines_of_the_abstract_of(tmp_path, authors)
    author_lines = [line for line in lines if "Anane" in line or "Degen" in line or "Welker" in line or
                    "Saitoh" in line or "Freeman" in line or "Sartre" in line]
    assert len(author_lines) >= 3  # the names run over several lines
    for line in lines:
        assert not re.search(r"(?:^|[\s,])(?:[A-Z][a-z]?\.-?)+\d*$", line), line  # no line ends in an initial


def test_a_tutorials_presenter_never_starts_a_page_alone_after_its_heading(tmp_path):
    """A tutorial whose description fills its page: the presenter block went to the next page alone under the
    "(continued)" heading; a short last paragraph of the description now goes with it."""
    filler = " ".join(["Hands-on packaging and bug fixing for everyone who wants to learn."] * 6)
    tutorials = ""
    for n in range(14):  # descriptions of growing length: for some of them the presenter no longer fits
        description = "\\n\\n".join([filler] * (4 + n // 3) + [filler[: 60 + 25 * (n % 3)], "The last words."])
        tutorials += (f"- id: t{n}\n  title: Tutorial {n}\n  description: \"{description}\"\n"
                      f"  presenters:\n    - {{name: Ana Smith, affiliation: Lund}}\n")
    folder = write_conference(tmp_path / "conf", {"tutorials.yaml": tutorials, "programme.yaml": None})
    build_booklet(folder, tmp_path / "b.pdf")
    document = pdfium.PdfDocument(tmp_path / "b.pdf")
    moved = 0
    for index in range(len(document)):
        lines = [line.strip() for line in document[index].get_textpage().get_text_range().splitlines() if line.strip()]
        if lines and "Presenter" in lines:
            at = lines.index("Presenter")
            heading = next((i for i, line in enumerate(lines) if line.endswith("(continued)")), None)
            if heading is not None and heading < at:
                moved += 1
                assert at > heading + 1 and lines[at - 1] == "The last words.", (index + 1, lines[:at + 2])
    assert moved >= 1


def test_an_authors_name_is_never_broken_and_their_affiliation_marks_go_up(tmp_path):
    names = ["Nora Bakke", "Ingrid Solheim", "Amara Nwosu", "Jonas Brandt", "Kavya Iyer", "Mei Chen",
             "Thandiwe Mahlangu", "Selam Abebe", "Rin Takamatsu"] * 2
    authors = "".join(f"    - {{name: '{name}', affiliation: [Lab {(i * 7) % 5}, Lab {(i * 3) % 5}]}}\n"
                      for i, name in enumerate(names))
    lines = [line for line in _lines_of_the_abstract_of(tmp_path, authors) if line]
    joined = " ".join(lines)
    for name in names:
        given, family = name.split()
        assert name in joined or f"{given}\u00a0{family}" in joined
        for line, after in zip(lines, lines[1:]):
            assert not (line.endswith(given) and after.startswith(family)), (line, after)
    import re

    for marks in re.findall(r"[A-Za-z](\d(?:,\d)+)", joined):  # each author's marks, as printed
        numbers = [int(n) for n in marks.split(",")]
        assert numbers == sorted(numbers), marks


@pytest.mark.parametrize("second, expected", [
    ("{name: Bo Lee, affiliation: Lab A}", "Ana Smith, Bo Lee Lab A"),  # one affiliation, both's: no numbers
    ("{name: Bo Lee, affiliation: Lab B}", "Ana Smith1, Bo Lee2 1 Lab A 2 Lab B"),
    ("{name: Bo Lee}", "Ana Smith1, Bo Lee 1 Lab A"),  # one affiliation, not Bo's: numbered
])
def test_authors_of_one_affiliation_have_no_numbers(tmp_path, second, expected):
    lines = _lines_of_the_abstract_of(tmp_path, f"    - {{name: Ana Smith, affiliation: Lab A}}\n    - {second}\n")
    start = lines.index(next(line for line in lines if line.startswith("Ana Smith")))
    block = " ".join(lines[start:lines.index(next(line for line in lines if line.startswith("Presenting") or
                                                   line.startswith("Short.")))])
    assert " ".join(block.replace("\u2009", " ").replace(" ,", ",").split()) == expected


def test_a_tutorials_presenters_are_aligned_when_one_has_a_photo(tmp_path):
    tutorials = ("- id: t\n  title: A tutorial\n  description: A course.\n  presenters:\n"
                 "    - {name: Ana Photo, photo: images/ana.jpg, bio: Ana teaches.}\n"
                 "    - {name: Bo Nophoto, bio: Bo teaches too.}\n")
    folder = write_conference(tmp_path / "conf", {"tutorials.yaml": tutorials, "images/ana.jpg": portrait(),
                                                  "programme.yaml": None})
    build_booklet(folder, tmp_path / "b.pdf")
    document = pdfium.PdfDocument(tmp_path / "b.pdf")
    page = next(document[i] for i in range(len(document)) if "Bo Nophoto" in document[i].get_textpage().get_text_range())
    text = page.get_textpage()

    def left(words: str) -> float:
        found = text.search(words, match_case=True).get_next()
        return text.get_charbox(found[0])[0]

    assert abs(left("Ana Photo") - left("Bo Nophoto")) < 0.5  # one text column (Bo's was flush left)
    assert abs(left("Ana teaches") - left("Bo teaches")) < 0.5


def test_an_abstract_a_line_or_two_too_long_is_set_tighter_on_one_page(tmp_path):
    """It took a second page for its last line or two (a page with "(continued)" and one line); line spacing down
    to TIGHTEST of its own keeps it on one (or closer paragraphs, a smaller type: see fitted_page); one longer than that
    saves still runs on, and lint says by how much."""
    from booklet.check import check_folder
    from booklet.layout.abstracts import build_abstract_page
    from booklet.layout.common import Context
    from booklet.layout.page import page_for

    sentence = "Hierarchical models pool the information of many noisy objects into one sharper picture. "
    abstracts = "".join(f"- id: a{n}\n  title: Talk {n}\n  speaker: {{name: Ana Smith}}\n  abstract: \"{sentence * n}\"\n"
                        for n in range(20, 46))
    folder = write_conference(tmp_path / "conf", {"abstracts.yaml": abstracts, "programme.yaml": None})
    booklet, warnings = check_folder(folder)
    ctx = Context(booklet, page_for("A5"))
    tightened, ran_on = _tightened_and_ran_on(ctx, booklet.abstracts, build_abstract_page)
    assert tightened and ran_on and booklet.abstracts.index(
        next(a for a in booklet.abstracts if a.id == tightened[0])) < booklet.abstracts.index(
        next(a for a in booklet.abstracts if a.id == ran_on[0]))
    too_long = {p.message.split("'")[1] for p in warnings if p.kind == "too-long"}
    assert too_long == set(ran_on)  # the tightened ones fit: nothing to warn of



def test_an_abstract_whose_first_tighter_spacing_falls_short_is_tried_a_little_tighter(tmp_path):
    """A review: four paragraphs and a short fifth (title, one author, one affiliation) ran on for a line, while
    a longer fifth paragraph fitted tighter: the spacing that saves as much as the text is over fell a line short
    (a paragraph's last line does not shrink in proportion); a hundredth or two tighter, still within TIGHTEST, it
    fits. Longer ones fit in smaller type, the longest run on. Lint's "too long" agrees with the pages."""
    from booklet.check import check_folder
    from booklet.layout.abstracts import build_abstract_page
    from booklet.layout.common import Context
    from booklet.layout.flowables import height_needed
    from booklet.layout.page import page_for

    sentence = "Model misspecification remains the main source of error when solar flares are rare and the " \
               "catalogue is incomplete."
    abstracts = ""
    for n in range(12):
        text = "\\n\\n".join([" ".join([sentence] * 5)] * 4 + ([" ".join([sentence] * n)] if n else []))
        abstracts += f"- id: w{n}\n  title: Widow test {n}\n  speaker: {{name: A B, affiliation: C}}\n" \
                     f"  abstract: \"{text}\"\n"
    folder = write_conference(tmp_path / "conf", {"abstracts.yaml": abstracts, "programme.yaml": None})
    booklet, warnings = check_folder(folder)
    ctx = Context(booklet, page_for("A5"))
    ran_on = [a.id for a in booklet.abstracts if height_needed(build_abstract_page(ctx, a)[0].content,
                                                               ctx.page.text_width, ctx.page.text_height,
                                                               _canvas()) > ctx.page.text_height]
    assert ran_on == ["w9", "w10", "w11"]  # (w3 ran on for a line; w4 to w8, longer, fitted tighter, w6 to w8 smaller)
    assert {p.message.split("'")[1] for p in warnings if p.kind == "too-long"} == {"w9", "w10", "w11"}


def _canvas():
    import io

    from reportlab.pdfgen.canvas import Canvas

    return Canvas(io.BytesIO())


@pytest.mark.parametrize("placement", ["after-programme", "by-day"])
def test_the_first_abstract_and_tutorial_page_of_a_run_carry_the_sections_name(tmp_path, placement):
    """A typesetter's review: the Abstracts and Tutorials sections opened with no title (their contents entries led to
    a talk's page), where Posters, Participants and the Index each open under their names. One abstract a page, the
    first page of each run of abstracts (by day: each day's) and of tutorials now opens under the section's name."""
    files = {"theme.yaml": f"abstracts:\n  placement: {placement}\n"}
    result = build_booklet(write_conference(tmp_path / "conf", files), tmp_path / "b.pdf")
    pdf = Pdf(result.output)
    first, second = result.anchors["abstract-0"] - 1, result.anchors["abstract-1"] - 1
    tutorial = result.anchors["tutorial-1"] - 1
    assert first != second
    assert "Abstracts" in pdf.lines(first)[:2] and "Abstracts" not in pdf.lines(second)
    assert "Tutorials" in pdf.lines(tutorial)[:2]
    assert pdf.lines(first).index("Abstracts") < pdf.lines(first).index("A talk about Lund")


def test_the_sections_name_is_over_the_first_abstract_even_where_it_costs_a_second_page(tmp_path):
    """The section's name is printed over its first abstract always (it was left out where it would cost the
    abstract a second page: a section opened with no name); an abstract that fits a page with it is not set on two."""
    from booklet.check import check_folder
    from booklet.layout.abstracts import build_abstract_page, fits_a_page, section_heading
    from booklet.layout.common import Context
    from booklet.layout.page import page_for

    sentence = "Hierarchical models pool the information of many noisy objects into one sharper picture. "
    abstracts = "".join(f"- id: a{n}\n  title: Talk {n}\n  speaker: {{name: Ana Smith}}\n  abstract: \"{sentence * n}\"\n"
                        for n in range(24, 44))
    booklet, _ = check_folder(write_conference(tmp_path / "conf", {"abstracts.yaml": abstracts,
                                                                   "programme.yaml": None}))
    ctx = Context(booklet, page_for("A5"))
    fitting, running_on = 0, 0
    for abstract in booklet.abstracts:
        heading = [section_heading(ctx)]
        content = build_abstract_page(ctx, abstract, heading=heading)[-1].content
        assert content[0] is heading[0], abstract.id
        alone = build_abstract_page(ctx, abstract)[0].content
        fitting += fits_a_page(ctx, content)
        running_on += fits_a_page(ctx, alone) and not fits_a_page(ctx, content)
    assert fitting and running_on  # (some fit a page under the name; some would fit one without it)


def test_a_block_of_code_prints_its_lines_as_written_in_the_headings_face(tmp_path):
    """An import review (FOSDEM's <pre>, EuroPython's code): code ran into one line, its spaces collapsed, triple
    quotes printed curly. A block between ``` lines prints line by line, indents kept, quotes straight."""
    files = {"abstracts.yaml": extend("abstracts.yaml", '''\
        - id: code
          title: Code
          speaker: {name: Eva Berg}
          abstract: |
            Before the code.

            ```python
            body = """
                x = "quoted" * 2  # *kept*
            """
            ```

            After the code.
        ''')}
    result = build_booklet(write_conference(tmp_path / "conf", files), tmp_path / "b.pdf")
    pdf = Pdf(result.output)
    (page,) = pdf.pages_with("Before the code.")
    lines = pdf.lines(page)
    at = lines.index("Before the code.")
    assert [" ".join(line.split()) for line in lines[at:at + 5]] == [
        "Before the code.", 'body = """', 'x = "quoted" * 2 # *kept*', '"""', "After the code."]
    document = pdfium.PdfDocument(str(result.output))
    text = document[page].get_textpage()
    start, _ = text.search('x = "quoted"', match_case=True).get_next()
    body, _ = text.search('body = """', match_case=True).get_next()
    assert text.get_charbox(start)[0] - text.get_charbox(body)[0] > 5  # (the indent kept: four spaces)


def test_a_code_line_too_long_for_the_page_wraps_under_its_own_indent_and_further(tmp_path):
    """A review: a wrapped line of code went on at the block's left edge, left of its own indent. A line each, a
    long one wraps an em right of where its own text starts; an empty line keeps its height."""
    call = "loss = model.negative_log_likelihood(data, with_a_very_long_argument_name=True, and_another_one=False)"
    files = {"abstracts.yaml": extend("abstracts.yaml", f'''\
        - id: code
          title: Code
          speaker: {{name: Eva Berg}}
          abstract: |
            ```python
            def fit(model, data):
                    {call}

                return loss
            ```
        ''')}
    result = build_booklet(write_conference(tmp_path / "conf", files), tmp_path / "b.pdf")
    pdf = Pdf(result.output)
    (page,) = pdf.pages_with("def fit(model, data):")
    text = pdfium.PdfDocument(str(result.output))[page].get_textpage()

    def box(word):
        start, _ = text.search(word, match_case=True).get_next()
        return text.get_charbox(start)

    define, loss, wrapped, back = box("def fit"), box("loss = model"), box("with_a_very"), box("return loss")
    assert wrapped[1] < loss[1] - 5  # (on the line below)
    assert wrapped[0] > loss[0] + 3 > define[0] + 3  # under its own indent, and further
    assert define[0] + 3 < back[0] < loss[0] - 3  # ("return" indented four, "loss" eight)
    assert loss[1] - back[1] > 2.5 * (loss[1] - wrapped[1])  # the empty line between kept its height


def test_more_than_four_affiliations_run_on_and_the_text_starts_on_the_first_page(tmp_path):
    """Fourteen authors of twelve institutes (a review): a line each, the affiliations filled the first page and the
    text began on the second. More than four run on, "; " between them, each number held to its affiliation; four
    or fewer keep a line each."""
    institutes = [f"Institut für Angewandte Mathematik Nr. {n}, Rheinische Friedrich-Wilhelms-Universität Bonn, "
                  "Deutschland" for n in range(1, 13)]
    authors = "".join(f"    - {{name: Autor{k} Mustermann, affiliation: [\"{institutes[k % 12]}\", "
                      f"\"{institutes[(k + 5) % 12]}\"]}}\n" for k in range(14))
    few = "".join(f"    - {{name: Bo{k} Li, affiliation: \"{institutes[k]}\"}}\n" for k in range(4))
    abstracts = (f"- id: many\n  title: Many institutes\n  authors:\n{authors}  abstract: The first words of the "
                 f"text.\n- id: few\n  title: Four institutes\n  authors:\n{few}  abstract: Short.\n")
    result = build_booklet(write_conference(tmp_path / "conf", {"abstracts.yaml": abstracts, "programme.yaml": None}),
                           tmp_path / "b.pdf")
    pdf = Pdf(tmp_path / "b.pdf")
    many = result.anchors["abstract-0"] - 1
    lines = pdf.lines(many)
    assert "The first words of the text." in lines
    run_on = [line for line in lines if "Institut" in line]
    assert any("Deutschland; " in line for line in run_on)
    assert not any(line.rstrip().endswith(tuple("0123456789")) for line in run_on)  # no number ends a line
    few_lines = [line for line in pdf.lines(result.anchors["abstract-1"] - 1) if "Institut" in line]
    assert len(few_lines) >= 4 and not any("; " in line for line in few_lines)


def test_a_tutorial_a_line_or_two_too_long_is_set_tighter_on_one_page_with_its_presenter(tmp_path):
    """A review of an imported book: a tutorial's description filled its page but for a line or two, and its
    presenter (the heading "Leitung", a name, an affiliation) took a page of its own. As an abstract is, it is set
    tighter (abstracts.fitted_page), on one page; a longer one still runs on."""
    from booklet.check import check_folder
    from booklet.layout.common import Context
    from booklet.layout.page import page_for
    from booklet.layout.tutorials import build_tutorial_page

    sentence = "Hierarchical models pool the information of many noisy objects into one sharper picture. "
    tutorials = "".join(f"- id: t{n}\n  title: Course {n}\n  presenters: [{{name: Ana Smith, affiliation: Lund}}]\n"
                        f"  description: \"{sentence * n}\"\n" for n in range(18, 44))
    folder = write_conference(tmp_path / "conf", {"tutorials.yaml": tutorials, "programme.yaml": None})
    booklet, _ = check_folder(folder)
    tightened, ran_on = _tightened_and_ran_on(Context(booklet, page_for("A5")), booklet.tutorials, build_tutorial_page)
    tightened, ran_on = [int(i[1:]) for i in tightened], [int(i[1:]) for i in ran_on]
    assert tightened and ran_on and max(tightened) < min(ran_on), (tightened, ran_on)


def _tightened_and_ran_on(ctx, entries, build) -> tuple[list[str], list[str]]:
    """The ids of `entries` (abstracts or tutorials) whose page `build` set tighter (checked: within what the layout
    allows, see helpers.set_tighter, and on one page), and of those that run on to a second page."""
    from booklet.layout.flowables import Para, height_needed

    page = ctx.page
    tightened, ran_on = [], []
    for entry in entries:
        content = build(ctx, entry)[0].content
        text = [f for f in content if isinstance(f, Para) and f.style.name.startswith("text")]
        reach = height_needed(content, page.text_width, page.text_height, _canvas())
        if set_tighter(text[0].style, ctx.styles.text):
            assert reach <= page.text_height, entry.id
            tightened.append(entry.id)
        elif reach > page.text_height:
            ran_on.append(entry.id)
    return tightened, ran_on


@pytest.mark.parametrize("case", ["colons", "bold", "tutorial"])
def test_texts_of_headings_and_a_heading_before_a_tall_block_still_build(tmp_path, case):
    """A review of the rule that keeps a heading with what it leads to: an abstract of nothing but lines ending with
    a colon made blank pages without end (every line went on to the next page), one of bold sentences stopped the
    build ("LayoutError: ... too large"), and so did a tutorial whose description ended "Requirements:" / "A
    laptop." before a presenter with a bio longer than a page. Each builds, every line printed (in a process of its
    own, with a time limit: the first hung)."""
    import subprocess
    import sys

    files: dict = {}
    if case == "colons":
        text = "\n\n".join(f"Question {n}: what do we do in step {n} of the procedure:" for n in range(1, 60))
    elif case == "bold":
        text = "\n\n".join(f"**We measured the flux of source {n} in three bands and found it consistent.**"
                           for n in range(1, 40))
    else:
        text = "Some text."
        bio = " ".join(["Ana Smith teaches statistics at Example University and writes about it."] * 60)
        files["tutorials.yaml"] = ("- id: bayes-intro\n  title: Bayesian inference\n  description: |\n"
                                   "    A course.\n\n    Requirements:\n\n    A laptop with Python.\n"
                                   "  presenters:\n    - name: Sven Oberg\n      affiliation: NBI\n"
                                   f"      bio: \"{bio}\"\n")
    files["abstracts.yaml"] = BASE["abstracts.yaml"].replace("abstract: Some text.", "abstract: |\n    " + text.replace(
        "\n", "\n    "), 1)
    folder = write_conference(tmp_path / "conf", files)
    run = subprocess.run([sys.executable, "-m", "booklet", "build", str(folder), "-o", str(tmp_path / "b.pdf")],
                         capture_output=True, text=True, timeout=120, env={**os.environ, "BOOKLET_CACHE": "off"})
    assert run.returncode == 0, run.stderr
    printed = " ".join(Pdf(tmp_path / "b.pdf").norms)
    last = {"colons": "Question 59:", "bold": "source 39 in", "tutorial": "A laptop with Python."}[case]
    assert norm(last) in printed


def _strokes_under(path, index: int, needle: str) -> int:
    """How many drawn paths (an underline is one) lie under the text `needle` on a page, within its width."""
    left, top, right, bottom = boxes(path, index, needle)
    pdf = pdfium.PdfDocument(str(path))
    page = pdf[index]
    height = page.get_height()
    found = 0
    for obj in page.get_objects():
        if obj.type == pdfium.raw.FPDF_PAGEOBJ_PATH:
            x0, y0, x1, y1 = obj.get_bounds()
            if x0 >= left - 3 and x1 <= right + 3 and bottom - 2 <= height - y1 and height - y0 <= bottom + 4:
                found += 1
    return found


@pytest.mark.parametrize("both", [False, True])
def test_presenting_authors_are_underlined_only_when_some_not_all_present(tmp_path, both):
    """A typesetter's review: a frab or pretalx import marks every speaker presenting, and each of them was
    underlined, with "Presenting author underlined." under every byline: it said nothing. Underlining, and its
    note, tell the presenting authors apart from the others only."""
    abstracts = BASE["abstracts.yaml"].replace("- {name: Bo Jones}", "- {name: Bo Jones, presenting: true}" if both
                                               else "- {name: Bo Jones}")
    out = tmp_path / "b.pdf"
    build_booklet(write_conference(tmp_path / "conf", {"abstracts.yaml": abstracts}), out)
    pdf = Pdf(out)
    (page,) = [i for i, text in enumerate(pdf.texts) if "Hierarchical models" in text and "More text." in text]
    assert ("Presenting author underlined." in pdf.texts[page]) is not both
    assert _strokes_under(out, page, "Chiamaka Okafor") == (0 if both else 1)
    assert _strokes_under(out, page, "Bo Jones") == 0


@pytest.mark.parametrize("by_day", [False, True])
def test_the_abstracts_section_says_underlining_once_by_the_run_abstract_runs_gives(tmp_path, monkeypatch, by_day):
    """build_abstracts flattened its groups by hand for explained_once, repeating what abstract_runs works out (the
    section's run: the whole section; abstracts by day, those not in the programme, the last run): it asks
    explained_once of that run itself, as lint (fit) and the proofs (underlining_explained) do."""
    from booklet.check import check_folder
    from booklet.layout import abstracts as section
    from booklet.layout.common import Context
    from booklet.layout.page import page_for

    files = {"abstracts.yaml": BASE["abstracts.yaml"] + "- id: later\n  title: Not in the programme\n"
                                                        "  speaker: {name: Ana Smith}\n  abstract: Later text.\n"}
    if by_day:
        files["theme.yaml"] = "abstracts: {placement: by-day}\n"
    booklet, _ = check_folder(write_conference(tmp_path / "conf", files))
    ctx = Context(booklet, page_for("A5"))
    runs = section.abstract_runs(ctx)
    assert section.abstract_runs(ctx, ctx.abstract_groups()) == runs  # (the groups build_abstracts has, given it)
    asked = []
    monkeypatch.setattr(section, "abstract_runs", lambda ctx, groups=None: runs)
    monkeypatch.setattr(section, "explained_once", lambda run: asked.append(run) or False)
    assert section.build_abstracts(ctx)
    assert len(asked) == 1 and asked[0] is runs[-1]
    assert [a.id for a in asked[0]] == (["later"] if by_day else [a.id for a in booklet.abstracts if a.id != "later"]
                                        + ["later"])


@pytest.mark.parametrize("by_day", [False, True])
def test_what_underlining_means_is_said_once_under_the_abstracts_heading_when_several_underline(tmp_path, by_day):
    """A typesetter's review of Les Houches 2018: "Presenting author underlined." was printed under 36 of its 76
    author lists. A book of abstracts says it once: under the section's name, when more than one abstract of the run
    under it underlines (abstracts by day: each day's run), and under none of their authors; the one abstract that
    underlines says it under its authors (test_presenting_authors_are_underlined_only_when_some_not_all_present)."""
    abstracts = BASE["abstracts.yaml"].replace("speaker: {name: Ana Smith, affiliation: Uni A}",
                                               "authors:\n    - {name: Ana Smith, affiliation: Uni A, presenting: true}"
                                               "\n    - {name: Eva Berg, affiliation: Uni A}")
    files = {"abstracts.yaml": abstracts}
    if by_day:
        files["theme.yaml"] = "abstracts: {placement: by-day}\n"
    out = tmp_path / "b.pdf"
    build_booklet(write_conference(tmp_path / "conf", files), out)
    pdf = Pdf(out)
    (first,) = pdf.pages_with("Some text.")
    (second,) = pdf.pages_with("More text.")
    assert pdf.pages_with("Presenting author underlined.") == [first]
    lines = pdf.lines(first)
    assert lines[lines.index("Abstracts") + 1] == "Presenting author underlined."
    assert lines[lines.index("Ana Smith, Eva Berg") + 1:][:2] == ["Uni A", "Some text."]
    assert pdf.lines(second)[pdf.lines(second).index("Chiamaka Okafor1, Bo Jones") + 1:][:2] == ["1 Uni B",
                                                                                                  "More text."]
    assert _strokes_under(out, first, "Ana Smith") == 1 and _strokes_under(out, second, "Chiamaka Okafor") == 1


def test_references_typed_without_a_space_after_the_first_number_print_a_line_each(tmp_path):
    """Les Houches 2018 p. 21: references a line each, the first "[1]https://doi.org/...", printed as one justified
    paragraph with huge spaces; now a reference a line, each number at the text's left edge and each address after
    it at one indent, as the abstracts whose first reference has its space; a sentence citing [1] is not touched."""
    refs = ["https://doi.org/10.1103/PhysRevLett.113.083603", "https://doi.org/10.1103/PhysRevLett.113.156401",
            "https://doi.org/10.1038/npjqi.2015.14"]
    abstracts = BASE["abstracts.yaml"].replace("abstract: More text.", "abstract: |\n    More text, as [1] shows.\n\n"
                                               f"    [1]{refs[0]}\n    [2] {refs[1]}\n    [3] {refs[2]}")
    out = tmp_path / "b.pdf"
    build_booklet(write_conference(tmp_path / "conf", {"abstracts.yaml": abstracts}), out)
    pdf = Pdf(out)
    (page,) = pdf.pages_with("More text, as")
    lines = pdf.lines(page)
    at = lines.index("More text, as [1] shows.")
    assert lines[at + 1:at + 4] == [f"[{n}] {ref}" for n, ref in enumerate(refs, 1)]
    numbers = [boxes(out, page, f"[{n}] https") for n in (1, 2, 3)]  # (the number's line: left, top, right, bottom)
    addresses = [boxes(out, page, ref[:20]) for ref in refs]
    text = boxes(out, page, "More text")
    assert all(abs(box[0] - text[0]) < 1 for box in numbers)  # (a bracket's side bearing is not an M's)
    assert max(box[0] for box in addresses) - min(box[0] for box in addresses) < 0.1
    assert addresses[0][0] - numbers[0][0] > 8  # (after the number and a space)
    assert numbers[0][3] < numbers[1][1] and numbers[1][3] < numbers[2][1]  # (a line each, one under another)


def test_code_is_set_in_the_code_font_a_span_without_its_backticks(tmp_path):
    """Code printed in the text's face, a span with its backticks ("`numpy.linalg`", 161 of them in FOSDEM's
    export): a block between lines of ``` and a span between backticks are set in Noto Sans Mono, the span printed
    as written without its backticks, a character the code font lacks in a text font; TeX's ``quotes'' are no code."""
    import ctypes

    files = {"abstracts.yaml": extend("abstracts.yaml", '''\
        - id: code
          title: Code
          speaker: {name: Eva Berg}
          abstract: |
            We call `obj.__init__(a*b)` with ``quotes'' and `--force Ω≈`.

            ```
            x = 1  # *not* emphasis
            ```
        ''')}
    out = tmp_path / "b.pdf"
    build_booklet(write_conference(tmp_path / "conf", files), out)
    pdf = Pdf(out)
    (page,) = pdf.pages_with("obj.__init__(a*b)")
    text = pdfium.PdfDocument(str(out))[page].get_textpage()
    whole = text.get_text_range()

    def font(word: str) -> str:
        name = ctypes.create_string_buffer(128)
        pdfium.raw.FPDFText_GetFontInfo(text, whole.index(word), name, 128, None)
        return name.value.decode().split("+")[-1]

    assert "We call obj.__init__(a*b) with \u201cquotes\u201d and --force" in " ".join(whole.split())
    assert font("obj.__init__") == font("--force") == font("x = 1") == "NotoSansMono-Regular"
    assert font("We call") == font("quotes") == "GentiumBookPlus"
    assert "*not*" in whole  # (as written)


def test_the_items_of_a_numbered_list_start_their_text_at_one_indent_past_ten(tmp_path):
    """A review: the text of items 10 and 11 started right of that of items 1 to 9 (each indented after its own
    number). Every item of a list starts its text after the widest number of that list."""
    items = "".join(f"    {n}. Item number {n} of the list\n" for n in range(1, 13))
    abstracts = BASE["abstracts.yaml"].replace("abstract: Some text.", f"abstract: |\n    Steps:\n\n{items}")
    result = build_booklet(write_conference(tmp_path / "conf", {"abstracts.yaml": abstracts}), tmp_path / "b.pdf")
    lines = _lines_on(result.output, result.anchors["abstract-0"] - 1)
    texts = ["".join(c for _, c in line) for line in lines]
    starts = []
    for n in range(1, 13):
        line = lines[texts.index(f"{n}.Itemnumber{n}ofthelist")]
        starts.append(line[len(str(n)) + 1][0])  # the "I" of "Item", after the number and its dot
    assert max(starts) - min(starts) < 0.3, starts
    assert lines[texts.index("1.Itemnumber1ofthelist")][0][0] < starts[0] - 8  # (the numbers at the left)


def _last_box(path, index: int, needle: str) -> tuple[float, float]:
    """(top, bottom) in points from the page's top of the last `needle` on page `index` (0-based)."""
    page = pdfium.PdfDocument(str(path))[index]
    text = page.get_textpage()
    at = text.get_text_range().rfind(needle)
    assert at >= 0, needle
    boxes = [text.get_charbox(i) for i in range(at, at + len(needle))]
    return page.get_height() - max(b[3] for b in boxes), page.get_height() - min(b[1] for b in boxes)


def _font_size(path, index: int, needle: str) -> float:
    """The type size of the first character of `needle` on page `index` (0-based)."""
    import pypdfium2.raw as raw

    text = pdfium.PdfDocument(str(path))[index].get_textpage()
    at = text.get_text_range().find(needle)
    assert at >= 0, needle
    return raw.FPDFText_GetFontSize(text.raw, at)


def test_an_abstract_a_few_lines_too_long_is_fitted_on_its_page(tmp_path):
    """Imported books (uRos 2026, 36C3): abstracts 2-6 lines longer than their page ran on to a page holding only
    those lines and "(continued)", which no organiser prints. An abstract is set on its page where its paragraphs
    closer (to half their space), then its lines closer (to TIGHTEST of their spacing), then its type smaller (to
    SMALLEST of the theme's size) make it fit, its last line inside the text frame; those a line or two over at the
    theme's size (a page set smaller beside full-size ones shows: a typographer's review); one over by more than the
    smallest type saves still runs on, at the theme's size, and lint names exactly those."""
    from booklet.check import check_folder
    from booklet.layout.abstracts import SMALLEST, SPILL_FITTED, abstract_content
    from booklet.layout.common import Context
    from booklet.layout.flowables import height_needed
    from booklet.layout.page import page_for

    words = "hierarchical models pool the information of many noisy objects into one sharper picture".split()

    def text(count: int) -> str:  # paragraphs of 70 words; 12 words are about a line
        cycled = [words[k % len(words)] for k in range(count)]
        return "\\n\\n".join(" ".join(cycled[at:at + 70]) for at in range(0, count, 70))

    lengths = range(366, 582, 12)
    abstracts = "".join(f"- id: w{n}\n  title: Talk {n}\n  speaker: {{name: Ana Smith, affiliation: Lund}}\n"
                        f"  abstract: \"{text(n)} end{n}.\"\n" for n in lengths)
    folder = write_conference(tmp_path / "conf", {"abstracts.yaml": abstracts, "programme.yaml": None})
    booklet, warnings = check_folder(folder)
    ctx = Context(booklet, page_for("A5"))
    page, size = ctx.page, ctx.styles.text.fontSize
    over = {}  # id -> lines of its text it is too long for its page, set as the theme sets it
    for abstract in booklet.abstracts:
        reach = height_needed(abstract_content(ctx, abstract)[0], page.text_width, page.text_height, _canvas())
        over[abstract.id] = (reach - page.text_height) / ctx.styles.text.leading

    result = build_booklet(folder, tmp_path / "b.pdf")
    pdf = Pdf(result.output)
    first = result.anchors["abstract-0"] - 1
    fitted, ran_on = [], []
    for number, abstract in enumerate(booklet.abstracts):
        at, end = result.anchors[f"abstract-{number}"] - 1, result.anchors[f"end:abstract-{number}"] - 1
        n = abstract.id[1:]
        assert f"Talk {n}" in pdf.lines(at) and norm(f"end{n}") in pdf.norms[end], abstract.id
        set_at = _font_size(result.output, end, f"end{n}")
        if over[abstract.id] <= 2 or end != at:  # (the theme's, where closer lines do)
            assert abs(set_at - size) < 0.01, abstract.id
        assert SMALLEST * size - 0.01 <= set_at <= size + 0.01, abstract.id
        if end == at:
            fitted.append(abstract.id)
            last_line, folio = _last_box(result.output, at, "end")[1], _last_box(result.output, at, str(at + 1))[0]
            assert folio - last_line > 1.5 * size, abstract.id  # (its last line in the text's frame, clear of the foot)
        else:
            ran_on.append(abstract.id)
            assert end == at + 1 and "(continued)" in pdf.lines(end)[0], abstract.id
    assert all(key in fitted for key, lines in over.items() if lines <= 2)
    assert [key for key in fitted if over[key] > 2.5], over  # (the first tighter spacing fitted a line or two)
    assert ran_on and all(over[key] > 2.5 for key in ran_on) and all(
        key in ran_on for key, lines in over.items() if lines > SPILL_FITTED * page.text_height / ctx.styles.text.leading), over
    assert [key for key in fitted if over[key] > 6], over  # (the smaller type fitted some that closer lines did not)
    assert result.anchors[f"end:abstract-{len(booklet.abstracts) - 1}"] - first == len(fitted) + 2 * len(ran_on)
    assert {p.message.split("'")[1] for p in warnings if p.kind == "too-long"} == set(ran_on)


def test_an_abstract_that_runs_on_holds_at_least_a_few_lines_on_its_last_page(tmp_path):
    """A review of an imported book (uRos 2026): an abstract of two pages and a little ended on a third page holding
    "(continued)" and two lines. Lines are carried over from the page before, so that the last page holds at least
    TAIL_LINES of the text (the page before ends that many lines short). Texts of every length across the foot of a
    fifth page (about a line more at each step), one paragraph and three: longer than FEWER_MOST pages, they are not
    set tighter to take a page fewer, and without the rule most ended on a sixth page of 2 or 3 lines. (Shorter texts
    that ran a few lines onto another page are set tighter to end a page sooner: the rule never decided for them.)"""
    from booklet.layout.abstracts import TAIL_LINES

    keys, entries = [], []
    for paragraphs in (1, 3):
        # (with Continues.split not carrying lines over: 2, 2, 2, 2, 3 lines on the last page of one paragraph's;
        # 2, 2 of three paragraphs')
        for words in range(2342, 2390, 8):
            key = f"t{paragraphs}x{words}"
            part = words // paragraphs
            text = "\n\n".join(" ".join(WORDS[(k + p) % len(WORDS)] for k in range(part)) for p in range(paragraphs))
            text += f" end{key}."
            keys.append(key)
            entries.append(_entry(key, f"Tail {key}", text))
    result = _abstracts_only(tmp_path, entries)
    pdf = Pdf(result.output)
    ran_on = 0
    for i, key in enumerate(keys):
        first, last = result.anchors[f"abstract-{i}"], result.anchors[f"end:abstract-{i}"]
        assert norm(f"end{key}") in pdf.norms[last - 1], key
        if last == first:
            continue
        ran_on += 1
        # the text's lines on its last page: those of its words (not the running head, "(continued)", the folio)
        text = [line for line in pdf.lines(last - 1)
                if "continued" not in line and any(word in line for word in WORDS + [f"end{key}"])]
        assert len(text) >= TAIL_LINES >= 3, (key, text)  # (a few lines: more than the review's two)
    assert ran_on > len(keys) // 2


def test_a_postcode_is_held_to_its_town_and_a_zip_code_to_its_state(tmp_path):
    """The Les Houches import printed "... Université Paris-Saclay, 91767 / Palaiseau, France": an affiliation's
    postcode is held to the town after it (and a state to its ZIP code, a British postcode's halves together), in
    an abstract's affiliations, run on or a line each, and nowhere else in its text."""
    from booklet.text import markup

    assert markup.address("Université Paris-Saclay, 91767 Palaiseau, France") == \
        "Université Paris-Saclay, 91767\u00a0Palaiseau, France"
    assert markup.address("D-69117 Heidelberg; Berkeley, CA 94720, USA; Oxford OX1 3PU") == \
        "D-69117\u00a0Heidelberg; Berkeley, CA\u00a094720, USA; Oxford OX1\u00a03PU"
    assert markup.address("SE-221 00 Lund; 113-0033 Tokyo; 1098 XG Amsterdam") == \
        "SE-221\u00a000\u00a0Lund; 113-0033\u00a0Tokyo; 1098\u00a0XG\u00a0Amsterdam"  # (a review: these broke)
    assert markup.address("Institute 12, Room 3 <b>") == "Institute 12, Room 3 &lt;b&gt;"  # (not a postcode)
    towns = ["Palaiseau", "Grenoble", "Orsay", "Villeurbanne", "Gif-sur-Yvette", "Saclay", "Marseille"]
    places = [f"Lab{n} {'of Physics ' * (n % 4)}Univ {n}, {91000 + n} {towns[n % 7]}, France" for n in range(24)]
    authors = "\n".join(f'    - {{name: Author {n}, affiliation: "{place}"}}' for n, place in enumerate(places))
    files = {"abstracts.yaml": extend("abstracts.yaml", f"- id: many\n  title: Many places\n  authors:\n{authors}\n"
                                                        "  abstract: Text of 91000 and more.\n"),
             "programme.yaml": BASE["programme.yaml"].replace(
                 '      - {time: "14:00-17:00", tutorial: bayes-intro}',
                 '      - {time: "14:00-17:00", tutorial: bayes-intro}\n      - {time: "17:00-17:20", talk: many}')}
    result = build_booklet(write_conference(tmp_path / "c", files), tmp_path / "b.pdf")
    pdf = Pdf(result.output)
    lines = pdf.lines(next(i for i in range(len(pdf)) if "Lab0 Univ 0" in pdf.texts[i]))
    text = " ".join(lines)
    assert all(f"{91000 + n} {towns[n % 7]}" in text for n in range(24)), lines
    assert not [line for line in lines if re.search(r"\b91\d{3}$", line)], lines


def _three_tutorials(tmp_path, page_size: str | None, theme: str | None = None):
    """Three short tutorials (a paragraph and a presenter each); the PDF and the pages (0-based) their titles are on
    in the Tutorials section."""
    tutorials = "".join(f"- id: t{n}\n  title: Tutorial number {n}\n  description: {' '.join(WORDS[:40])}\n"
                        f"  presenters:\n    - {{name: Presenter {n}, affiliation: Lund}}\n" for n in range(1, 4))
    files = {"tutorials.yaml": tutorials, "programme.yaml": None, "theme.yaml": theme}
    result = build_booklet(write_conference(tmp_path / "conf", files), tmp_path / "b.pdf", page_size=page_size)
    pdf, section = Pdf(result.output), result.anchors["tutorials"] - 1  # (not the contents' entries)
    return pdf, [[page for page in pdf.pages_with(f"Tutorial number {n}") if page >= section] for n in range(1, 4)]


@pytest.mark.parametrize("page_size", ["letter", "A4"])
def test_tutorials_flow_several_to_a_page_where_the_abstracts_do(tmp_path, page_size):
    """A US LOC's test: on letter (and A4), where the abstracts flow two and more to a page, each tutorial still took
    a page of its own, two thirds of it empty. The tutorials now follow the abstracts' rule: flowing, a rule between
    them, the section's name over the first."""
    pdf, pages = _three_tutorials(tmp_path, page_size)
    assert pages[0] == pages[1] == pages[2] and len(pages[0]) == 1, pages
    lines = pdf.lines(pages[0][0])
    assert lines.index("Tutorials") < lines.index("Tutorial number 1") < lines.index("Tutorial number 3")
    assert lines.count("Presenter") == 3


@pytest.mark.parametrize("page_size, theme", [("A5", None), ("letter", "abstracts: {layout: page}\n")])
def test_tutorials_take_a_page_each_where_the_abstracts_do(tmp_path, page_size, theme):
    """Where the abstracts take a page each (A5 and B5, or `layout: page`), so does each tutorial."""
    _, pages = _three_tutorials(tmp_path, page_size, theme)
    assert all(len(found) == 1 for found in pages) and len({found[0] for found in pages}) == 3, pages
    assert pages[1][0] == pages[0][0] + 1 and pages[2][0] == pages[1][0] + 1


# theme.yaml printing the tutorials alone, for the tests that build a conference many times to look at its tutorials'
# pages (found by their anchors): whether they flow is the abstracts' rule, read from the data, not from the sections
_TUTORIALS_ALONE = "sections: [tutorials]\n"


def _long_and_short_tutorials(text: str, short: str = f"{' '.join(WORDS[:30])}\\n\\n{' '.join(WORDS[5:35])}") -> str:
    """tutorials.yaml: "The long one" (Ana Smith) of `text` (a YAML double-quoted string's inside), then "The short
    one" (Bo Jones) of `short` (the same; by default two short paragraphs, of 30 and 7 words)."""
    return (f"- id: a\n  title: The long one\n  description: \"{text}\"\n"
            f"  presenters:\n    - {{name: Ana Smith, affiliation: Lund}}\n"
            f"- id: b\n  title: The short one\n  description: \"{short}\"\n"
            f"  presenters:\n    - {{name: Bo Jones, affiliation: Lund}}\n")


def test_a_short_flowing_tutorial_moves_on_whole_rather_than_split_by_its_presenter(tmp_path):
    """Flowing tutorials: a short one at a page's foot that did not fit by a few points was split, two lines of its
    description on the page, the rest and its presenter under "(continued)" (XDC 2021's "X.Org security BoF"); one
    whose description is shorter than twice TAIL_LINES lines moves on whole (_description_kept): its title,
    description and presenter on one page, one under the other. (Two paragraphs of 30 words, set in two columns:
    without it, the tail rule alone split them at the page's foot, 2 lines a column there, the rest and the presenter
    under "(continued)".)"""
    long_text = "\\n\\n".join(" ".join(WORDS[(k + p) % len(WORDS)] for k in range(60)) for p in range(3))
    short = ("Firstofshort " + " ".join(WORDS[k % len(WORDS)] for k in range(30)) + "\\n\\n"
             + " ".join(WORDS[(k + 1) % len(WORDS)] for k in range(30)) + " lastofshort")
    shared = moved = 0
    # the first tutorial's length pushes the second down to the page's foot (6-9: below it on its page; 10-13: moved
    # on, where it was split 4 + 4 lines)
    for extra in range(6, 14):
        text = long_text + "\\n\\n" + " ".join(WORDS[k % len(WORDS)] for k in range(20 * extra + 1))
        files = {"tutorials.yaml": _long_and_short_tutorials(text, short), "programme.yaml": None,
                 "theme.yaml": _TUTORIALS_ALONE}
        result = build_booklet(write_conference(tmp_path / f"c{extra}", files), tmp_path / f"b{extra}.pdf",
                               page_size="letter")
        pdf = Pdf(result.output)
        assert not pdf.pages_with("The short one (continued)"), extra
        start, end = result.anchors["tutorial-2"], result.anchors["end:tutorial-2"]
        assert start == end, extra
        title, first, last, presenter = (boxes(result.output, start - 1, needle)  # (left, top, right, bottom)
                                         for needle in ("The short one", "Firstofshort", "lastofshort", "Bo Jones"))
        assert title[3] < first[1] <= last[1] and last[3] < presenter[1], (extra, title, first, last, presenter)
        shared += start == result.anchors["end:tutorial-1"]
        if start != result.anchors["end:tutorial-1"]:  # (moved on: at the top of the next page's text)
            assert pdf.lines(start - 1)[:2] == ["TUTORIAL 2", "The short one"], (extra, pdf.lines(start - 1))
            moved += 1
    assert shared and moved, (shared, moved)  # (flowing below the long one, and at a page's foot: moved on)


def _four_presenters_after_a_long_one(tmp_path, extra: int, people: str):
    """The build (A5, flowing) of three tutorials: a long one of three paragraphs, the last of `extra` + 1 words (the
    longer, the further down the page the second starts), one of four presenters (`people`: their items in
    tutorials.yaml) and no description, and a short last one."""
    first = "\\n\\n".join(" ".join(WORDS[(k + p) % len(WORDS)] for k in range(60)) for p in range(2))
    text = first + "\\n\\n" + " ".join(WORDS[k % len(WORDS)] for k in range(extra + 1)) + " enda."
    tutorials = (f"- id: a\n  title: The long one\n  description: \"{text}\"\n  presenters:\n"
                 f"    - {{name: Ana Smith}}\n- id: b\n  title: The one of four presenters\n  presenters:\n{people}"
                 f"- id: c\n  title: The last one\n  description: A last one.\n  presenters:\n    - {{name: Cy Lee}}\n")
    files = {"tutorials.yaml": tutorials, "programme.yaml": None, "abstracts.yaml": None,
             "theme.yaml": "abstracts: {layout: flow}\n"}
    return build_booklet(write_conference(tmp_path / f"c{extra}", files), tmp_path / f"b{extra}.pdf")


def test_a_flowing_tutorial_of_presenters_alone_goes_on_between_them_rather_than_leave_its_page_empty(tmp_path):
    """SIGDIAL 2020 on A5, p. 38: a tutorial of four presenters and no description, kept whole, moved on to the next
    page and left 0.31 of its page empty. Its header stays with its first presenter (what kept it whole: a short
    description is never split from them); the presenters after the first go on, each whole, under "(continued)"."""
    people = "".join(f"    - {{name: Presenter {n}, affiliation: \"Department {n}, University of Somewhere\"}}\n"
                     for n in range(1, 5))
    kept = split = 0
    for extra in (50, 100, 150):  # the first tutorial's length pushes the second further down the page
        result = _four_presenters_after_a_long_one(tmp_path, extra, people)
        pdf = Pdf(result.output)
        before, start, end = (result.anchors[key] for key in ("end:tutorial-1", "tutorial-2", "end:tutorial-2"))
        if start == end:
            assert start == before + 1 and extra == 150, extra  # (from the page's foot: no room for a presenter)
            kept += 1
            continue
        assert start == before and end == start + 1, extra  # (moved on whole before, from 0.2 to 0.45 of a page)
        here = pdf.lines(start - 1)
        here = here[next(i for i, line in enumerate(here) if line == "The one of four presenters"):]
        there = pdf.lines(end - 1)
        there = there[next(i for i, line in enumerate(there) if line == "The one of four presenters (continued)"):]
        assert here[1:4] == ["Presenters", "Presenter 1", "Department 1, University of Somewhere"], here
        shown = [n for n in range(1, 5) if f"Presenter {n}" in here]
        assert shown == list(range(1, len(shown) + 1)), here
        assert [f"Presenter {n}" for n in range(len(shown) + 1, 5)] == [line for line in there if "Presenter " in line]
        split += 1
    assert kept and split == 2, (kept, split)


def test_the_last_flowing_tutorial_a_few_points_over_its_room_is_set_closer_there_not_alone_on_a_page(tmp_path):
    """DebConf17 (A4): "Early History of Debian", the section's last tutorial, kept whole, 6 points over the room under
    the one before, stood alone on the Tutorials' last page. Set closer (the separator above it and its paragraphs'
    spaces: programme.closer, as a day over its page is), it fits there. The first tutorial a line longer at each step
    pushes the second down the page: where it is set on the first's page, once closer than as set, and at each step
    it is whole on one page, its type as set; the separator above it is as far from the first as at every step (it is
    closed up inside: the rule under its title, the gap above its presenter)."""
    long_text = "\\n\\n".join(" ".join(WORDS[(k + p) % len(WORDS)] for k in range(60)) for p in range(3))
    gaps, above, moved = [], [], 0
    for extra in range(14, 19):  # (16 and 17: over the room as set; 18: over it at the closest too)
        text = long_text + "\\n\\n" + " ".join(WORDS[k % len(WORDS)] for k in range(16 * extra + 1))
        files = {"tutorials.yaml": _long_and_short_tutorials(text), "programme.yaml": None,
                 "theme.yaml": _TUTORIALS_ALONE}
        result = build_booklet(write_conference(tmp_path / f"c{extra}", files), tmp_path / f"b{extra}.pdf",
                               page_size="A4")
        pdf = Pdf(result.output)
        start, end = result.anchors["tutorial-2"], result.anchors["end:tutorial-2"]
        assert start == end and "Bo Jones" in pdf.lines(end - 1) and not pdf.pages_with("(continued)"), extra
        assert round(_font_size(result.output, end - 1, "Bo Jones"), 2) == round(
            _font_size(result.output, result.anchors["end:tutorial-1"] - 1, "Ana Smith"), 2)
        if start == result.anchors["end:tutorial-1"]:  # (below the first: from its presenter to the second's)
            gaps.append(boxes(result.output, end - 1, "Bo Jones")[3] - boxes(result.output, end - 1, "Ana Smith")[3])
            above.append(round(boxes(result.output, end - 1, "The short one")[1]
                               - boxes(result.output, end - 1, "Ana Smith")[3], 2))
        else:
            moved += 1
    assert moved and len(gaps) > 1, (moved, gaps)
    assert min(gaps) < max(gaps) - 3, gaps  # (set closer: was the same gap at each step)
    assert len(set(above)) == 1, above  # (closer inside it only: the separator above it as far from the first as
    # at every other step; its spaces were halved, DebConf17's A4 p. 64)



def test_the_last_entry_set_closer_leaves_the_heading_over_it_as_set(tmp_path):
    """The section's last entry set closer (flowing_entry's refit: _closer) closes up its own rules and gaps, not those
    of the heading its run's first entry carries (`above`: a day's name and its rule, over a last day of one
    abstract): that rule closer under its name than every other day's. Its own hairline is closer, the day's rule as
    set."""
    from reportlab.platypus import Spacer

    from booklet.check import check_folder
    from booklet.layout.abstracts import Tight, flowing_entry
    from booklet.layout.common import Context
    from booklet.layout.flowables import Para, Rule
    from booklet.layout.page import page_for

    booklet, _ = check_folder(write_conference(tmp_path / "conf", {"programme.yaml": None}))
    ctx = Context(booklet, page_for("A5"))
    style = ctx.styles.text
    heading = [Para("Friday", ctx.styles.heading), Rule(ctx.colours.primary, 0.8, 3), Spacer(0, 3)]

    def made(tight: Tight) -> list:
        return heading + [Para("The closing talk", style), Rule(ctx.colours.hairline, 0.8, 5),
                          *(Para(" ".join(["words"] * 40), style) for _ in range(3))]

    entry = flowing_entry(ctx, made(Tight()), len(heading) + 2, 1, "The closing talk", True, made, len(heading))
    width = ctx.page.text_width
    height = entry.wrap(width, 10_000)[1]
    closer = entry.refit(entry, width, height - 3)
    assert closer is not None and closer.wrap(width, 10_000)[1] <= height - 3
    rules = [flowable.space for flowable in closer.content if isinstance(flowable, Rule)]
    assert rules[0] == 3 and rules[1] < 5, rules

def test_an_entry_amid_others_is_set_closer_by_its_spaces_only_the_sections_last_by_its_type_too(tmp_path):
    """An entry that is not its section's last (flowing_entry's `closing` False: FOSDEM 2025's A5 p. 227) is set
    closer to fit its room by its spaces only, its type as that of the entries above and below it (39C3's A4
    Tutorials, p. 335: one in the middle of the section was set a fiftieth smaller than its neighbours); where its
    tightest spaces do not fit, it is not refitted (it moves on as set). The section's last keeps its rule: its type
    a little smaller where that fits it."""
    from booklet.check import check_folder
    from booklet.layout.abstracts import Tight, flowing_entry, tight_style
    from booklet.layout.common import Context
    from booklet.layout.flowables import Para, Rule
    from booklet.layout.page import page_for

    booklet, _ = check_folder(write_conference(tmp_path / "conf", {"programme.yaml": None}))
    ctx = Context(booklet, page_for("A5"))
    style = ctx.styles.text

    def made(tight: Tight) -> list:
        return [Para("The talk", ctx.styles.heading), Rule(ctx.colours.hairline, 0.8, 5),
                *(Para(" ".join(["words"] * 60), tight_style(ctx, style, tight)) for _ in range(3))]

    def entry(closing: bool):
        return flowing_entry(ctx, made(Tight()), 2, 1, "The talk", made=made, closing=closing)

    def sizes(refitted) -> set[float]:
        return {flowable.style.fontSize for flowable in refitted.content[2:] if isinstance(flowable, Para)}

    width = ctx.page.text_width
    height = entry(False).wrap(width, 10_000)[1]
    room = next(room for room in range(round(height) - 1, 0, -1)  # (the highest room its spaces cannot fit)
                if entry(False).refit(entry(False), width, room) is None)
    spaced = entry(False).refit(entry(False), width, room + 1)
    assert spaced.wrap(width, 10_000)[1] <= room + 1 and sizes(spaced) == {style.fontSize}, sizes(spaced)
    smaller = entry(True).refit(entry(True), width, room)  # (the section's last: its type a little smaller)
    assert smaller is not None and smaller.wrap(width, 10_000)[1] <= room, room
    assert len(sizes(smaller)) == 1 and style.fontSize * 0.93 < min(sizes(smaller)) < style.fontSize, sizes(smaller)


def test_an_entry_its_other_spaces_cannot_fit_is_set_closer_by_its_headers_spaces_too(tmp_path):
    """FOSDEM 2025's A5 p. 238: a 4-line abstract amid others ("Weblate BoF"), 3 points over the room left for it even
    at its tightest spaces between paragraphs and under its title's rule, moved on whole and left the page a quarter
    empty. The spaces of its header (after its label line and its title) are set closer too, by the same fraction,
    half at most: it starts (and ends) on the page, its header as the next entry's but closer, no closer than half
    of those spaces. (Here: 7 points short of its tightest as before, its header's spaces at half.)"""
    from booklet.check import check_folder
    from booklet.layout.common import Context
    from booklet.layout.page import page_for

    short = " ".join(WORDS[k % len(WORDS)] for k in range(45))  # (4 lines)
    first = "\\n\\n".join(" ".join(WORDS[(k + p) % len(WORDS)] for k in range(60)) for p in range(3))
    first += "\\n\\nShort line 0.\\n\\nShort line 1.\\n\\nlorem the end"
    abstracts = "".join(f"- id: {key}\n  title: {title}\n  speaker: {{name: {name}}}\n  abstract: \"{text}\"\n"
                        for key, title, name, text in [("a", "The long one", "Ana Smith", first),
                                                       ("b", "The second one", "Bo Jones", short),
                                                       ("c", "The third one", "Bo Jones", short)])
    files = {"abstracts.yaml": abstracts, "programme.yaml": None, "tutorials.yaml": None,
             "theme.yaml": "abstracts: {layout: flow}\n"}
    data = write_conference(tmp_path / "conf", files)
    result = build_booklet(data, tmp_path / "b.pdf")
    page = result.anchors["end:abstract-0"]
    assert result.anchors["abstract-1"] == result.anchors["end:abstract-1"] == page, result.anchors
    assert result.anchors["abstract-2"] == page + 1 and not Pdf(result.output).pages_with("(continued)")
    styles = Context(check_folder(data)[0], page_for("A5")).styles

    def spaces(index: int, title: str) -> tuple[float, float]:  # label to title, title to name (points)
        label, named, name = (boxes(result.output, index, text, last=True)
                              for text in ("CONTRIBUTED TALK", title, "Bo Jones"))
        return named[1] - label[3], name[1] - named[3]

    closed, as_set = spaces(page - 1, "The second one"), spaces(page, "The third one")
    taken = [(set_ - closed_) / style.spaceAfter
             for set_, closed_, style in zip(as_set, closed, (styles.when, styles.title))]
    assert all(0.1 < fraction <= 0.5 + 0.01 for fraction in taken), (closed, as_set)  # (half at most)
    assert abs(taken[0] - taken[1]) < 0.02, taken  # (by the same fraction: the header's hierarchy as set)


def test_a_header_beside_a_photo_is_set_closer_by_its_paragraphs_spaces_too(tmp_path):
    """A review: an entry's header closed up (abstracts._header_closed_up, for an entry its other spaces cannot fit)
    closed the spaces of its paragraphs only where they stood alone: beside the presenter's photo (a BesidePhoto) they
    were left as set, and the entry moved on whole as before. Seven authors' header, taller than the photo, is shorter
    by half its paragraphs' spaces at half."""
    from booklet.check import check_folder
    from booklet.layout.abstracts import _header_closed_up, abstract_content
    from booklet.layout.common import Context
    from booklet.layout.flowables import BesidePhoto
    from booklet.layout.page import page_for

    register_fonts()
    authors = "".join(f"    - {{name: Author {n}, affiliation: \"{a}\""
                      f"{', photo: images/p.jpg, presenting: true' if n == 1 else ''}}}\n"
                      for n, a in enumerate(AFFILIATIONS, 1))
    data = write_conference(tmp_path / "conf", {
        "abstracts.yaml": f"- id: many\n  title: Seven authors and a photo\n  authors:\n{authors}  abstract: Text.\n",
        "programme.yaml": None, "tutorials.yaml": None, "images/p.jpg": portrait()})
    booklet = check_folder(data)[0]
    ctx = Context(booklet, page_for("A5"))

    def header(space: float | None) -> tuple[float, float, float]:  # its height, its paragraphs' spaces, the photo's
        content, count = abstract_content(ctx, booklet.abstracts[0])
        (beside,) = [flowable for flowable in content[:count] if isinstance(flowable, BesidePhoto)]
        if space is not None:
            _header_closed_up(content[:count], space)
        height = beside.wrap(ctx.page.text_width, 1000)[1]
        spaces = (sum(para.getSpaceBefore() for para in beside.paras[1:])
                  + sum(para.getSpaceAfter() for para in beside.paras[:-1]))
        return height, spaces, beside._photo_size[1]

    (as_set, spaces, photo), (closed, closed_spaces, _) = header(None), header(0.5)
    assert as_set > photo and spaces > 5  # (taller than the photo beside it: its spaces count)
    assert closed_spaces == pytest.approx(spaces / 2) and closed == pytest.approx(as_set - spaces / 2)


@pytest.mark.parametrize("lines, refit", [(26, True), (40, False)])
def test_the_last_entry_is_set_closer_only_where_it_would_otherwise_stand_alone_on_the_next_page(tmp_path, lines,
                                                                                                    refit):
    """An entry's `refit` (the section's last set closer to fit the room left for it) is for an entry that would
    otherwise stand alone on the next page: moved on whole, or a short rest of it there (less than a quarter of a
    page). Where its split leaves more of it there (14 lines, 168 points of a 348-point page), it is split as set:
    the refit was tried first whatever the split, and here set the entry closer (a stand-in for it) on the first
    page. A rest of 2 lines and the heading (26 lines in a room of 24): set closer, on the first page."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import SimpleDocTemplate, Spacer

    from booklet.layout.flowables import Entry, Para

    style = ParagraphStyle("p", fontSize=10, leading=12)
    doc = SimpleDocTemplate(str(tmp_path / "e.pdf"), pagesize=(300, 380), leftMargin=10, rightMargin=10,
                            topMargin=10, bottomMargin=10)  # (a frame 348 points tall inside its padding)
    content = [Para("The header of the entry", style)] + [Para(f"Line {k} of the entry", style) for k in range(lines)]
    entry = Entry(content, lambda: [Para("The entry (continued)", style)], keep=1,
                  refit=lambda entry, width, room: Para("The entry set closer", style))
    doc.build([Spacer(10, 48), entry])  # (room for the header and 24 lines under it)
    pdf = Pdf(tmp_path / "e.pdf")
    if refit:
        assert len(pdf) == 1 and "The entry set closer" in pdf.texts[0], pdf.texts
    else:
        assert len(pdf) == 2 and "The entry set closer" not in "".join(pdf.texts), pdf.texts
        assert "The header of the entry" in pdf.texts[0] and "The entry (continued)" in pdf.lines(1)
        assert f"Line {lines - 1} of the entry" in pdf.lines(1)


def _loose_bottoms(path, index: int) -> list[float]:
    """The bottom of each printed character's box on a page as its font sets the line (PDFium's loose box: the font's
    descent below the baseline, whatever the letter), in PDF points up from the page's bottom."""
    pdf = pdfium.PdfDocument(str(path))
    text = pdf[index].get_textpage()
    whole = characters(text)
    return [text.get_charbox(i, loose=True)[1] for i in range(text.count_chars()) if not whole[i].isspace()]


def _line_bottom(path, index: int, needle: str, last: bool = False) -> float:
    """The loose bottom (see _loose_bottoms) of the first line on a page that holds `needle` (`last`: the last)."""
    pdf = pdfium.PdfDocument(str(path))
    text = pdf[index].get_textpage()
    whole = text.get_text_range()
    at = whole.rfind(needle) if last else whole.find(needle)
    assert at >= 0, needle
    return text.get_charbox(at, loose=True)[1]


def test_a_short_flowing_abstract_at_a_pages_foot_moves_on_whole_rather_than_split_two_and_two(tmp_path, monkeypatch):
    """DebConf17 on letter: a 4-line abstract (one paragraph across the page) at the foot of a page was split 2 + 2
    lines, its last 2 under "(continued)": its paragraph allows no 1 + 3 or 3 + 1 (widows, orphans), so Continues'
    `tail` could not carry more over and left it so. It moves on whole, by either of two rules: Continues.split's
    (where carrying a line over leaves none of its text under its header, the whole moves on, below something on the
    page) and Entry's `orphan` (fewer than TAIL_LINES lines of its text under its header at the page's foot, and no
    cut between two paragraphs: on the next page, whole). The first abstract is lengthened until the page it ends on
    leaves the second a room that its header and 2 lines of its text fill, not all 4 (measured on the page: on a build
    where the second follows the first on its page, how far below the first's last line its 2nd and 4th lines end);
    there it moves on whole, with both rules, and with each of them alone (the other switched off)."""
    from booklet.layout.flowables import Continues, Entry
    from booklet.layout.page import page_for

    foot = page_for("letter").bottom  # (the text's foot, above the trim's bottom)
    short = "Firstofshort " + " ".join(WORDS[k % len(WORDS)] for k in range(60)) + " lastofshort"  # (4 lines across)
    second = f"- id: b\n  title: The short one\n  speaker: {{name: Bo Jones}}\n  abstract: \"{short}\"\n"

    def build(words: int, name: str):  # (the first abstract's last paragraph `words` long)
        first = "\\n\\n".join(" ".join(WORDS[(k + p) % len(WORDS)] for k in range(60)) for p in range(6))
        first += "\\n\\n" + " ".join(WORDS[k % len(WORDS)] for k in range(words))
        abstracts = f"- id: a\n  title: The long one\n  speaker: {{name: Ana Smith}}\n  abstract: \"{first}\"\n"
        files = {"abstracts.yaml": abstracts + second + _LAST, "programme.yaml": None, "tutorials.yaml": None}
        result = build_booklet(write_conference(tmp_path / f"c{name}", files), tmp_path / f"b{name}.pdf",
                               page_size="letter")
        a_end, start, end = (result.anchors[key] for key in ("end:abstract-0", "abstract-1", "end:abstract-1"))
        assert start == end and not Pdf(result.output).pages_with("The short one (continued)"), name
        return result.output, a_end, start

    needs = case = None  # (how far below the first's last line the second's 2nd and 4th lines end; the case's words)
    for words in range(1, 200, 6):  # (6 words: a line of a column at most, half a line of the two balanced)
        path, a_end, start = build(words, str(words))
        if start == a_end:  # (below the first on its page)
            if needs is None:
                first_line, last_line = (_line_bottom(path, a_end - 1, marker)
                                         for marker in ("Firstofshort", "lastofshort"))
                label = _line_bottom(path, a_end - 1, "CONTRIBUTED", last=True)  # (the second's)
                lowest = min(bottom for bottom in _loose_bottoms(path, a_end - 1) if bottom > label + 1)  # (the first's)
                leading = (first_line - last_line) / 3
                needs = (lowest - (first_line - leading), lowest - last_line)
            continue
        assert needs is not None and start == a_end + 1, (words, a_end, start)
        pdf = pdfium.PdfDocument(str(path))
        bottom = pdf[a_end - 1].get_trimbox()[1] + foot
        room = min(b for b in _loose_bottoms(path, a_end - 1) if b > bottom - 1) - bottom  # (under the first's end)
        assert needs[0] <= room < needs[1], (words, room, needs)  # (less: its header's keep; more: it fits)
        case = words
        break
    assert case is not None, needs
    switched_off = {"orphan": (Entry, "_head_short", lambda self, first: False),
                    "tail": (Continues, "_tail_short", lambda self, more, width, page: False)}
    for name, (kind, method, off) in switched_off.items():
        with monkeypatch.context() as patched:
            patched.setattr(kind, method, off)
            assert build(case, name)[1:] == (a_end, a_end + 1), name


def test_a_short_tutorial_description_is_kept_whatever_its_co_presenters_bios_take(tmp_path):
    """A review: whether a flowing tutorial moves on whole was measured on all that follows its header but the
    presenters' first block, a second presenter's long bio beside a photo included: a one-line description with such a
    co-presenter was split 2 + 2 again. Only the description is measured."""
    import dataclasses
    from pathlib import Path

    from booklet.check import check_folder
    from booklet.layout import tutorials
    from booklet.layout.common import Context
    from booklet.layout.page import page_for
    from booklet.model import Person

    register_fonts()
    booklet, _ = check_folder(write_conference(tmp_path / "conf"))
    photo = Path(__file__).resolve().parent.parent / "booklet" / "resources" / "sample" / "images" / "mwangi.jpg"
    ctx = Context(booklet, page_for("A4"))
    bio = " ".join(WORDS[k % len(WORDS)] for k in range(400))
    short = dataclasses.replace(booklet.tutorials[0], description="A description of one line.",
                                presenters=(Person("Ana Smith"), Person("Bo Jones", bio=bio, photo=photo)))
    content, header = tutorials._tutorial_content(ctx, short)
    assert tutorials._description_kept(ctx, content[header:])
    long = dataclasses.replace(short, description="\n\n".join([" ".join(WORDS * 5)] * 6))
    content, header = tutorials._tutorial_content(ctx, long)
    assert not tutorials._description_kept(ctx, content[header:])


def _lines_above_the_presenters(path) -> list[tuple[int, int]]:
    """(page, lines) of each page that opens with a tutorial's "(continued)" heading and has its presenters' heading
    below: how many lines of text are between the two (a line in each column counted: their characters' baselines
    and sides of the page)."""
    document, found = pdfium.PdfDocument(str(path)), []
    for index in range(len(document)):
        page = document[index]
        text = page.get_textpage()
        whole = text.get_text_range()
        heading = whole.find("(continued)")
        if heading < 0 or (presenter := whole.find("\nPresenter", heading)) < 0:
            continue
        middle = page.get_width() / 2
        lines = {(text.get_charbox(at)[0] > middle, round(text.get_charbox(at, loose=True)[1]))
                 for at in range(whole.index("\n", heading), presenter) if whole[at].strip()}
        found.append((index + 1, len(lines)))
    return found


def test_a_tutorials_presenter_has_tail_lines_of_its_description_above_it_on_a_page_it_runs_onto(tmp_path):
    """A typographer's review, tutorials flowing on letter, their descriptions in two columns: the presenter's block
    started a page alone under "(continued)" (EuroPython 2014, GMTH 2023: the description fitted the page before,
    the block did not), or under 2 lines of the description (DebConf17: the tail rule, TAIL_LINES lines on the last
    page, did not hold with a presenter after the text). Lines of the description are carried over with it."""
    from booklet.layout.abstracts import TAIL_LINES

    bio = " ".join(WORDS[k % len(WORDS)] for k in range(45))
    tutorials = "".join(
        f"- id: t{n}\n  title: Tutorial {n}\n  description: \""
        + "\\n\\n".join(" ".join(WORDS[(k + p) % len(WORDS)] for k in range(70 + 23 * n)) for p in range(2))
        + f"\"\n  presenters:\n    - {{name: Presenter Number{n}, affiliation: Lund, bio: {bio}}}\n"
        for n in range(16))
    files = {"tutorials.yaml": tutorials, "programme.yaml": None}
    result = build_booklet(write_conference(tmp_path / "conf", files), tmp_path / "b.pdf", page_size="letter")
    found = _lines_above_the_presenters(result.output)
    assert found and all(lines >= TAIL_LINES for _, lines in found), found


def test_a_presenters_long_bio_is_split_rather_than_moved_on_leaving_a_page_empty(tmp_path):
    """39C3 on A4 (Tutorials, p. 343): a second presenter's bio of 19 lines moved on whole to the next page (a
    presenter's block was never split), and left the page 0.4 empty. Where moving it on whole would leave more than
    PARTED_FROM of the page empty, it is split: the name and TAIL_LINES lines of the bio or more at the page's foot,
    TAIL_LINES or more on the next page under "(continued)"; from less room it moves on whole, as before."""
    from booklet.layout.abstracts import TAIL_LINES
    from booklet.layout.flowables import PARTED_FROM
    from booklet.layout.page import page_for
    from .test_programme_pages import lowest_text

    page = page_for("A4")
    bio = "\\n\\n".join(f"bio{p} " + " ".join(WORDS[(k + p) % len(WORDS)] for k in range(70)) + f" bioend{p}."
                          for p in range(4))  # (4 paragraphs of 5 lines)
    split = moved = 0
    for extra in range(0, 1200, 100):  # the first tutorial's description pushes Bo Jones down the page
        text = "\\n\\n".join(" ".join(WORDS[(k + p) % len(WORDS)] for k in range(150)) for p in range(2))
        text += "\\n\\n" + " ".join(WORDS[k % len(WORDS)] for k in range(extra + 1)) + " enda."
        tutorials = (f"- id: a\n  title: The long one\n  description: \"{text}\"\n  presenters:\n"
                     f"    - {{name: Ana Smith, affiliation: Lund}}\n"
                     f"    - {{name: Bo Jones, affiliation: Lund, bio: \"{bio}\"}}\n"
                     f"- id: b\n  title: The short one\n  description: {' '.join(WORDS[:30])}\n")
        files = {"tutorials.yaml": tutorials, "programme.yaml": None, "theme.yaml": _TUTORIALS_ALONE}
        result = build_booklet(write_conference(tmp_path / f"c{extra}", files), tmp_path / f"b{extra}.pdf",
                               page_size="A4")
        pdf = Pdf(result.output)
        # (pages whose text holds them, read by PDFium, looked at line by line: pypdf's lines, of those pages alone)
        name = min(page for page in range(result.anchors["tutorials"], len(pdf) + 1)
                   if "bojones" in pdf.norms[page - 1] and "Bo Jones" in pdf.lines(page - 1))
        ends = [page for page in range(name, len(pdf) + 1) if "bioend3" in pdf.norms[page - 1]
                and any("bioend3." in line for line in pdf.lines(page - 1))]
        lines = pdf.lines(name - 1)
        below = [line for line in lines[lines.index("Bo Jones") + 1:] if any(word in line for word in WORDS)]
        if ends == [name]:  # whole on its page: at its top, the page before not left more than PARTED_FROM empty
            if lines[1] == "Bo Jones":  # (at the page's top, under "(continued)" or the running head)
                empty = (lowest_text(result.output, name - 2, page.bottom - 12) - page.bottom) / page.text_height
                assert empty <= PARTED_FROM + 0.03, (extra, empty)
                moved += 1
            continue
        there = pdf.lines(ends[0] - 1)
        there = [line for line in there[:next(i for i, line in enumerate(there) if "bioend3" in line) + 1]
                 if any(word in line for word in WORDS + ["bioend3."])]
        assert ends == [name + 1] and len(below) >= TAIL_LINES and len(there) >= TAIL_LINES, (extra, below, there)
        assert pdf.lines(ends[0] - 1)[0] == "The long one (continued)", extra
        split += 1
    assert split >= 2 and moved >= 1, (split, moved)


def test_a_presenters_bio_is_parted_with_tail_lines_each_side_or_not_at_all(tmp_path):
    """Together.parted at every room, for bios at the edge of TAIL_LINES each side: one of exactly 2 * TAIL_LINES
    lines, in one paragraph or two (4 + 4, 1 + 7), is parted TAIL_LINES + TAIL_LINES, never fewer lines on either
    side, what stays fitting the room and what goes on text alone; one of 3 + 5 lines, whose second paragraph leaves
    no single line at a page's foot (its orphan), is never parted; nor is a presenter's block beside a photo (a Row:
    the bio never runs on under it)."""
    from booklet.check import check_folder
    from booklet.layout.abstracts import TAIL_LINES
    from booklet.layout.common import Context
    from booklet.layout.flowables import Continues, Together, _is_text, line_count
    from booklet.layout.page import page_for
    from booklet.layout.tutorials import _headed, _presenter

    shapes = {"8": (8,), "4+4": (4, 4), "1+7": (1, 7), "3+5": (3, 5)}
    photo = ("- id: photo\n  title: With a photo\n  description: A course.\n  presenters:\n"
             f"    - {{name: Ana Photo, photo: images/ana.jpg, bio: \"{' '.join(WORDS * 20)}\"}}\n")

    def conference(folder: str, bios: list[str]):
        tutorials = "".join(f"- id: t{n}\n  title: Tutorial {n}\n  description: A course.\n  presenters:\n"
                            f"    - {{name: Bo Jones, affiliation: Lund, bio: \"{bio}\"}}\n" for n, bio in enumerate(bios))
        booklet, _ = check_folder(write_conference(tmp_path / folder, {
            "programme.yaml": None, "images/ana.jpg": portrait(), "tutorials.yaml": tutorials + photo}))
        return booklet, Context(booklet, page_for("A5"))

    _, ctx = conference("probe", ["A bio."])
    width = ctx.page.text_width

    def paragraph(lines: int, p: int) -> str:  # (of that many lines, as a bio's text is set)
        for count in range(1, 400):
            text = f"para{p} " + " ".join(WORDS[(k + p) % len(WORDS)] for k in range(count))
            made = ctx.paras(text, ctx.styles.text)[0]
            made.wrap(width, 10_000)
            if made.line_count() == lines:
                return text
        raise AssertionError(lines)

    booklet, ctx = conference("conf", ["\\n\\n".join(paragraph(lines, p) for p, lines in enumerate(shape))
                                       for shape in shapes.values()])
    for tutorial, (shape, lines) in zip(booklet.tutorials, shapes.items()):
        block = _presenter(ctx, tutorial.presenters[0])[1]
        height = block.wrap(width, 10_000)[1]
        assert isinstance(block, Together) and [line_count(f) for f in block.content[block.kept:]] == list(lines)
        splits = set()
        for room in range(10, round(height) + 10):
            parted = block.parted(width, room, TAIL_LINES)
            if parted is not None:
                here, there = parted
                assert all(map(_is_text, there)) and Continues(here, None).wrap(width, room)[1] <= room, (shape, room)
                splits.add((sum(line_count(f) for f in here[block.kept:] if _is_text(f)), sum(map(line_count, there))))
        assert splits == ({(TAIL_LINES, TAIL_LINES)} if shape != "3+5" else set()), (shape, splits)
    beside = _headed(ctx, "presenter", booklet.tutorials[-1].presenters)[0]
    assert beside.kept is None and beside.parted(width, 200, TAIL_LINES) is None


def test_the_tail_rule_holds_above_a_presenters_block_that_follows_the_text():
    """Continues' `tail` (TAIL_LINES lines of the text on the last page) held only when all that went on was text:
    a tutorial's presenters after the text switched it off (DebConf17 on A4: 2 lines under "(continued)", then the
    presenter). A block made to close the text (Together's `text`) now counts as its end, not as other matter; one
    that is not (another presenter) still does not."""
    from reportlab.lib.styles import ParagraphStyle

    from booklet.layout.flowables import Continues, Para, Together, line_count

    style = ParagraphStyle("t", fontName="Helvetica", fontSize=10, leading=12)
    text = " ".join(WORDS[k % len(WORDS)] for k in range(200))

    def rest(closing: int | None) -> int:
        block = Together([Para("Presenter", style), Para("Ana Smith", style)], text=closing)
        entry = Continues([Para(text, style), block], lambda: [Para("A title (continued)", style)], tail=4)
        lines = Para(text, style).wrap(300, 10_000)[1] / 12
        parts = entry.split(300, (lines - 2) * 12 + 6)  # room for all its lines but 2 (and not the block)
        assert len(parts) == 2
        parts[1].wrap(300, 10_000)
        return line_count(parts[1].content[0])

    assert rest(closing=0) >= 4
    assert rest(closing=None) == 2


def test_a_tutorial_of_nothing_but_its_title_has_no_hairline_under_it(tmp_path):
    """A typographer's review (SIGDIAL 2020 on letter): tutorials with no description and no presenter, flowing, each
    printed the hairline under its title and then, 15 pt lower, the rule between it and the next: a double rule. The
    hairline goes only over something; one with a presenter keeps it."""
    import pypdf

    tutorials = "".join(f"- id: t{n}\n  title: Empty tutorial {n}\n" for n in range(1, 4))
    tutorials += "- id: t4\n  title: With a presenter\n  presenters:\n    - {name: Ana Smith}\n"
    files = {"tutorials.yaml": tutorials, "programme.yaml": None}
    result = build_booklet(write_conference(tmp_path / "conf", files), tmp_path / "b.pdf", page_size="letter")
    pdf = Pdf(result.output)
    page = result.anchors["tutorials"] - 1
    assert all(pdf.pages_with(f"Empty tutorial {n}")[-1] == page for n in range(1, 4))
    assert "Ana Smith" in pdf.lines(page)
    drawn = pypdf.PdfReader(str(result.output)).pages[page].get_contents().get_data().decode("latin-1")
    # the hairline (0.8 pt, 5 pt above and below it) is drawn 5.4 pt up its box; the rule between tutorials higher
    hairlines = re.findall(r"\bm [\d.]+ 5\.4 l S", drawn)
    separators = re.findall(r"\bm [\d.]+ 9\.25 l S", drawn)
    assert len(separators) == 3 and len(hairlines) == 1, (separators, hairlines)


_LAST = "- id: z\n  title: The last one\n  speaker: {name: Cy Lee}\n  abstract: A last short one.\n"


def _flowing_after_a_long_one(tmp_path, extra: int, second: str, after: str = ""):
    """A booklet (A5) of two flowing abstracts, built in tmp_path: a long one of three paragraphs, the last of
    `extra` + 1 words ending "enda." (the longer, the further down the page the second starts), then `second` (its
    entry in abstracts.yaml), and `after` (more entries: the second not the section's last, which is set closer to fit
    its room where it can: abstracts.flowing_entry); the build's result and the pages of the anchors where the first
    ends, where the second starts and where it ends."""
    first = "\\n\\n".join(" ".join(WORDS[(k + p) % len(WORDS)] for k in range(60)) for p in range(2))
    first += "\\n\\n" + " ".join(WORDS[k % len(WORDS)] for k in range(extra + 1)) + " enda."
    abstracts = f"- id: a\n  title: The long one\n  speaker: {{name: Ana Smith}}\n  abstract: \"{first}\"\n" + second + after
    files = {"abstracts.yaml": abstracts, "programme.yaml": None, "tutorials.yaml": None,
             "theme.yaml": "abstracts: {layout: flow}\n"}
    result = build_booklet(write_conference(tmp_path / f"c{extra}", files), tmp_path / f"b{extra}.pdf")
    return result, tuple(result.anchors[key] for key in ("end:abstract-0", "abstract-1", "end:abstract-1"))


def test_a_flowing_abstract_a_few_lines_too_tall_for_the_room_moves_on_whole_rather_than_split_four_and_four(tmp_path):
    """SIGDIAL 2020 on A5: an abstract of 8 lines, a separator's height too tall for the room left, was cut 4 + 4 under
    "(continued)", the reader turning the page for half of it (FOSDEM 2025, DebConf17: 3 + 4, 4 + 4): Continues'
    `tail` carried lines over to leave 4 on the next page, where the entry would have fitted whole. From a room of up
    to NEARLY_WHOLE of the page (a quarter), an entry that fits on a page and is fewer than TAIL_LINES lines too tall
    for the room moves on whole; from more room it is split, TAIL_LINES lines or more on each page (moved on whole
    from 0.37 of a page, it left SIGDIAL's pages a third empty and more, one after another: pages a LOC sent back).
    The room is measured on the page: from the foot of the abstract before to the foot of the text. On A5 no abstract
    reaches that case from such a room: its header and TAIL_LINES lines are taller than a quarter of the page, so that
    fewer would stay under its header, and `orphan` moves it on as well (with `near` off, these abstracts still move
    on); the rule is checked first on an Entry set as flowing_entry sets one, in a frame where it is reached: an
    8-line paragraph under a one-line header, from a room that holds the header and 5 lines (Continues' `tail`
    would cut it 4 + 4)."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import SimpleDocTemplate, Spacer

    from booklet.layout.abstracts import KEPT_WHOLE, LEAST_LINES, NEARLY_WHOLE, TAIL_LINES
    from booklet.layout.flowables import Entry, Para
    from booklet.layout.page import page_for

    style = ParagraphStyle("p", fontName="Helvetica", fontSize=10, leading=12, allowWidows=0, allowOrphans=0)
    words = next(count for count in range(20, 400) if Para(" ".join(WORDS[k % len(WORDS)] for k in range(count))
                                                            + " endtext.", style).wrap(280, 10_000)[1] == 8 * 12)
    text = " ".join(WORDS[k % len(WORDS)] for k in range(words)) + " endtext."
    frame, room = 348, 12 + 5.5 * 12  # (a frame 348 points tall inside its padding; room for the header and 5 lines)
    assert KEPT_WHOLE * frame < room <= NEARLY_WHOLE * frame  # (more than `whole`'s room, no more than `near`'s)
    assert 12 + TAIL_LINES * 12 <= room and 12 + 8 * 12 - room < TAIL_LINES * 12  # (a few lines too tall)
    doc = SimpleDocTemplate(str(tmp_path / "e.pdf"), pagesize=(300, 380), leftMargin=10, rightMargin=10,
                            topMargin=10, bottomMargin=10)
    entry = Entry([Para("The header of the entry", style), Para(text, style)],
                  lambda: [Para("The entry (continued)", style)], keep=1, tail=TAIL_LINES, whole=KEPT_WHOLE,
                  near=NEARLY_WHOLE, orphan=True, least=LEAST_LINES)
    doc.build([Para("Above", style), Spacer(10, frame - room - 12), entry])
    pdf = Pdf(tmp_path / "e.pdf")
    assert len(pdf) == 2 and pdf.lines(0) == ["Above"], pdf.texts  # (was: 4 lines here, 4 under "(continued)")
    assert pdf.lines(1)[0] == "The header of the entry" and "endtext." in pdf.lines(1)[-1], pdf.texts

    page = page_for("A5")
    short = " ".join(WORDS[k % len(WORDS)] for k in range(130)) + " endb."  # (about 11 lines under its header)
    moved = split = 0
    for extra in (20, 80, 90, 110, 120):  # the first abstract's length pushes the second further down the page
        second = f"- id: b\n  title: The short one\n  speaker: {{name: Bo Jones}}\n  abstract: \"{short}\"\n"
        result, (a_end, start, end) = _flowing_after_a_long_one(tmp_path, extra, second, _LAST)
        room = (page.height - page.bottom - boxes(result.output, a_end - 1, "enda")[3]) / page.text_height
        if KEPT_WHOLE + 0.005 < room < NEARLY_WHOLE - 0.005:
            assert start == end == a_end + 1, (extra, room)  # (was split: 7 + 4 lines, 5 + 4, ...)
            moved += 1
        elif room > NEARLY_WHOLE + 0.005:
            assert end == start + 1 == a_end + 1, (extra, room)
            pdf = Pdf(result.output)
            here = pdf.lines(start - 1)
            here = here[next(i for i, line in enumerate(here) if "Bo Jones" in line) + 1:]
            there = [line for line in pdf.lines(end - 1) if "continued" not in line]
            assert len([line for line in here if "lorem" in line or "dolor" in line]) >= TAIL_LINES, here
            assert len([line for line in there if any(word in line for word in WORDS + ["endb"])]) >= TAIL_LINES
            split += 1
    assert moved >= 2 and split >= 3, (moved, split)  # (split from 0.26 to 0.4 of a page: moved on whole before)


def test_flowing_abstracts_of_a_few_lines_leave_no_page_a_third_empty(tmp_path):
    """SIGDIAL 2020 on A5, pp. 25-27: pages of flowing abstracts (8 to 12 lines each) left a third of the page empty
    and more, one after another: an abstract that fit on a page moved on whole from a room of up to a third of the
    page (two fifths where its split would have been 4 + 4). A typesetter fills the page and breaks the abstract,
    lines enough each side (TAIL_LINES under its header and on the next page). Thirty abstracts of 70 to 160 words:
    no page but the section's last ends more than a quarter of its text's height (and a line) above its foot (0.33
    before), and every abstract that runs on holds TAIL_LINES lines or more on each of its two pages."""
    from booklet.layout.abstracts import TAIL_LINES
    from booklet.layout.page import page_for
    from .test_programme_pages import lowest_text

    page = page_for("A5")
    sizes = [70 + (37 * n) % 91 for n in range(30)]
    result = _flowing(tmp_path / "conf", tmp_path / "b.pdf", "".join(
        _entry(f"e{n}", f"Entry {n}", _filling(0, words, f"end{n}")) for n, words in enumerate(sizes)))
    first, last = result.anchors["abstract-0"], result.anchors["end:abstract-29"]
    pdf = Pdf(result.output)
    leading = 14.0  # (about a line of the text, at most)
    empty = {index + 1: (lowest_text(result.output, index, page.bottom - 1) - page.bottom) / page.text_height
             for index in range(first - 1, last - 1)}
    assert max(empty.values()) < 1 / 4 + leading / page.text_height, empty  # (was 0.33)
    split = 0
    for n in range(30):
        start, end = result.anchors[f"abstract-{n}"], result.anchors[f"end:abstract-{n}"]
        if start == end:
            continue
        split += 1
        here = pdf.lines(start - 1)
        below = here[next(i for i, line in enumerate(here) if line == f"Entry {n}") + 2:]
        there = pdf.lines(end - 1)
        there = there[next(i for i, line in enumerate(there) if line == f"Entry {n} (continued)") + 1:]
        there = there[:next(i for i, line in enumerate(there) if f"end{n}" in line) + 1]
        assert len([line for line in below if any(word in line for word in WORDS)]) >= TAIL_LINES, (n, below)
        assert len(there) >= TAIL_LINES, (n, there)
    assert split >= 3, split


def test_a_flowing_abstract_never_leaves_its_header_with_fewer_than_two_lines_at_a_pages_foot(tmp_path):
    """Flowing on A5, an abstract of four authors with an affiliation each (a header of a quarter of a page) and 200
    words: from a room of 0.34 to 0.37 of a page it was split with 2 or 3 lines of its text under that header, the
    rest under "(continued)" (DebConf17 p. 39: "Recent Advancements ... in Debichem", 3 lines); moved on whole, it
    left its page a third empty. Where it starts on a page's foot, LEAST_LINES[0] lines of its text or more are under
    its header (TAIL_LINES where the room allows); where it moves on, the page is left a quarter empty at most."""
    from booklet.layout.abstracts import LEAST_LINES, NEARLY_WHOLE, TAIL_LINES
    from booklet.layout.page import page_for

    page = page_for("A5")

    authors = "\n".join(f"    - {{name: Author {n}, affiliation: \"Department {n} of Examples, University of Somewhere\"}}"
                        for n in range(1, 5))
    text = " ".join(WORDS[k % len(WORDS)] for k in range(200)) + " endb."
    stayed = []  # (the lines of its text under its header, where it starts on the page of the first)
    for extra in (30, 42, 54):  # the first abstract's length pushes the second further down the page
        second = (f"- id: b\n  title: The one with a long header of many authors and their affiliations\n"
                  f"  authors:\n{authors}\n  abstract: \"{text}\"\n")
        result, (a_end, start, end) = _flowing_after_a_long_one(tmp_path, extra, second)
        if start == a_end:
            lines = Pdf(result.output).lines(start - 1)
            below = lines[max(i for i, line in enumerate(lines) if "University of Somewhere" in line) + 1:]
            stayed.append(len([line for line in below if any(word in line for word in WORDS)]))
        else:
            room = (page.height - page.bottom - boxes(result.output, a_end - 1, "enda")[3]) / page.text_height
            assert start == end == a_end + 1 and room < NEARLY_WHOLE, (extra, room)  # (was 0.34 to 0.37)
    assert len(stayed) >= 2 and min(stayed) >= LEAST_LINES[0], stayed
    assert min(stayed) < TAIL_LINES, stayed  # (from a room where TAIL_LINES do not fit: moved on whole before)


def test_a_flowing_abstract_of_two_short_paragraphs_is_split_between_them_to_fill_the_page(tmp_path):
    """DebConf17 on A5, pp. 38-39: an abstract of two paragraphs of 3 lines each moved on whole from a room of 0.26 to
    0.32 of a page, each page left a third empty: TAIL_LINES (4) lines under its header and on the next page asked a
    line alone of a paragraph, which no paragraph leaves. A typesetter fills the page: from a room of more than
    NEARLY_WHOLE of the page it is cut between the paragraphs, 3 lines under its header and 3 under "(continued)"
    (LEAST_LINES: 2 or more each side); from a quarter of a page or less it still moves on whole."""
    from booklet.layout.abstracts import NEARLY_WHOLE
    from booklet.layout.page import page_for

    page = page_for("A5")
    paragraph = [" ".join(WORDS[(k + p) % len(WORDS)] for k in range(33)) for p in (0, 3)]  # (3 lines each)
    second = (f"- id: b\n  title: The short one\n  speaker: {{name: Bo Jones}}\n"
              f"  abstract: \"{paragraph[0]} endp.\\n\\n{paragraph[1]} endb.\"\n")
    split = moved = 0
    for extra in (65, 78, 91, 104):  # the first abstract's length pushes the second further down the page
        result, (a_end, start, end) = _flowing_after_a_long_one(tmp_path, extra, second, _LAST)
        room = (page.height - page.bottom - boxes(result.output, a_end - 1, "enda")[3]) / page.text_height
        pdf = Pdf(result.output)
        if room > NEARLY_WHOLE + 0.005:
            assert start == a_end and end == start + 1, (extra, room)  # (moved on whole before)
            here = pdf.lines(start - 1)
            here = here[next(i for i, line in enumerate(here) if line == "Bo Jones") + 1:]
            assert len([line for line in here if "lorem" in line or "dolor" in line]) == 3, here
            assert "endp." in here[2] and pdf.pages_with("endp") == [start - 1], here
            there = pdf.lines(end - 1)
            there = there[next(i for i, line in enumerate(there) if line == "The short one (continued)") + 1:]
            assert "endb." in there[2] and "The last one" in there, there
            low = (page.height - page.bottom - boxes(result.output, start - 1, "endp")[3]) / page.text_height
            assert low < 0.1, low  # (the page filled: the room left under the cut, less than a line or two)
            split += 1
        elif room < NEARLY_WHOLE - 0.005:
            assert start == end == a_end + 1, (extra, room)
            moved += 1
    assert split >= 2 and moved, (split, moved)


def test_the_last_flowing_abstract_split_between_short_paragraphs_leaves_no_short_tail_alone(tmp_path):
    """The section's last abstract, two paragraphs of 3 lines each: where TAIL_LINES each side moved it on whole, the
    fallback splits (between its paragraphs, LEAST_LINES) cut it 3 + 3 from a room of up to LAST_WHOLE of a page,
    "(continued)" and 3 lines alone on the section's last page, which the last entry's `alone` rule moves on whole
    from (or sets closer to fit its room). Whichever the room, no page holds its continuation."""
    from booklet.layout.abstracts import LAST_WHOLE, NEARLY_WHOLE
    from booklet.layout.page import page_for

    page = page_for("A5")
    paragraph = [" ".join(WORDS[(k + p) % len(WORDS)] for k in range(33)) for p in (0, 3)]  # (3 lines each)
    second = (f"- id: b\n  title: The short one\n  speaker: {{name: Bo Jones}}\n"
              f"  abstract: \"{paragraph[0]} endp.\\n\\n{paragraph[1]} endb.\"\n")
    rooms = []
    for extra in (65, 78, 91, 104):  # the first abstract's length pushes the second further down the page
        result, (a_end, start, end) = _flowing_after_a_long_one(tmp_path, extra, second)
        rooms.append((page.height - page.bottom - boxes(result.output, a_end - 1, "enda")[3]) / page.text_height)
        assert start == end and not Pdf(result.output).pages_with("(continued)"), (extra, rooms[-1])
    assert any(NEARLY_WHOLE + 0.005 < room < LAST_WHOLE for room in rooms), rooms  # (was cut 3 + 3 there)


def test_an_abstract_without_text_has_no_rule_under_its_header(tmp_path):
    """An abstract with no text (a title-only talk, as 36c3's, camp2019's and SIGDIAL 2020's data have) kept the
    hairline under its header, over nothing: flowing, it stood just over the rule between it and the next abstract,
    two rules a few points apart. The header's rule is drawn over text only: the Abstracts page's lines are the day
    heading's rule and one rule between each two abstracts."""
    talks = "".join(f"- id: t{n}\n  title: Title only {n}\n  speaker: {{name: Person{n} Smith}}\n" for n in range(3))
    programme = "days:\n  - date: 2027-09-13\n    items:\n" + "".join(
        f'      - {{time: "1{n}:00", talk: t{n}}}\n' for n in range(3))
    folder = write_conference(tmp_path / "conf", {"abstracts.yaml": talks, "programme.yaml": programme,
                                                  "tutorials.yaml": None, "posters.yaml": None,
                                                  "theme.yaml": "abstracts: {layout: flow}\n"})
    pdf = Pdf(build_booklet(folder, tmp_path / "b.pdf").output)
    (page,) = pdf.pages_with("Title only 0")[-1:]
    assert all(f"Title only {n}" in pdf.texts[page] for n in range(3))
    drawn = pdf.reader.pages[page].get_contents().get_data()
    assert len(re.findall(rb" l\b", drawn)) == 1 + 2  # (a path's line: the day heading's rule, two between)


def test_a_flowing_abstract_a_few_lines_too_tall_for_the_room_is_cut_between_paragraphs_rather_than_moved_on(tmp_path):
    """FOSDEM 2025 on A5, p. 247: "Let's huddle around Nextcloud BOF", paragraphs of 1, 3 and 6 lines, was a line or
    two too tall for the 0.38 of a page left and moved on whole (a split there would have been a forced one), that
    room left empty. From a room of more than NEARLY_WHOLE of the page (a third of a page, SIGDIAL 2020's A5 p. 25),
    an entry that can be cut between two paragraphs with TAIL_LINES lines of text or more on each side is cut there
    rather than moved on: here an abstract of 5 + 5 lines is never moved on from such a room; where it is a few lines
    too tall, its first paragraph stays under its header at the page's foot, the second goes whole under
    "(continued)" on the next page."""
    from booklet.layout.abstracts import NEARLY_WHOLE, TAIL_LINES
    from booklet.layout.page import page_for

    page = page_for("A5")
    one = " ".join(WORDS[k % len(WORDS)] for k in range(60)) + " endp."  # (5 lines)
    two = "secunda " + " ".join(WORDS[k % len(WORDS)] for k in range(60)) + " endb."  # (5 lines)
    cut = 0
    for extra in range(26, 85, 6):  # the first abstract's length pushes the second down the page (rooms 0.39 to 0.29)
        second = f"- id: b\n  title: The short one\n  speaker: {{name: Bo Jones}}\n  abstract: \"{one}\\n\\n{two}\"\n"
        result, (a_end, start, end) = _flowing_after_a_long_one(tmp_path, extra, second, _LAST)
        room = (page.height - page.bottom - boxes(result.output, a_end - 1, "enda")[3]) / page.text_height
        if not NEARLY_WHOLE + 0.005 < room < 0.4:
            continue
        assert (start, end) == (a_end, a_end + 1), (extra, room)  # (was moved on whole: a_end + 1 twice)
        pdf = Pdf(result.output)
        here, there = pdf.lines(start - 1), pdf.lines(end - 1)
        below = here[next(i for i, line in enumerate(here) if "Bo Jones" in line) + 1:]
        assert len([line for line in below if any(word in line for word in WORDS)]) >= TAIL_LINES, (extra, below)
        there = [line for line in there if any(word in line for word in WORDS + ["endb"])]
        assert len(there) >= TAIL_LINES, (extra, there)
        if any("endp." in line for line in below) and not any("secunda" in line for line in below):
            assert there[0].startswith("secunda") and "endb." in there[-1], (extra, there)
            cut += 1
    assert cut, "no room in the band where the abstract is cut between its paragraphs"


def test_a_flowing_abstract_a_few_points_too_tall_for_a_third_of_a_page_is_set_closer_there_not_moved_on(tmp_path):
    """FOSDEM 2025 on A5, p. 227: "NetworkManager and Nmstate community meetup BOF", paragraphs of 1, 3 and 1 lines
    (no split leaves 2 lines each side), was 5 points too tall for the room left and moved on whole, the page left
    0.33 empty. Not the section's last, it is set closer there (Entry's `refit`, from more than REFIT_FROM of a page
    left: its paragraphs and its hairline closer, its type as set), as the section's last entry is; where it is too far
    over for that, it moves on whole as before."""
    from booklet.layout.abstracts import REFIT_FROM
    from booklet.layout.page import page_for
    from .test_programme_pages import lowest_text

    page = page_for("A5")
    one = "prima " + " ".join(WORDS[:5]) + " endo."  # (1 line)
    three = "media " + " ".join(WORDS[k % len(WORDS)] for k in range(30)) + " endm."  # (3 lines)
    last = "ultima " + " ".join(WORDS[:5]) + " endb."  # (1 line)
    second = (f"- id: b\n  title: The short one\n  speaker: {{name: Bo Jones}}\n"
              f"  abstract: \"{one}\\n\\n{three}\\n\\n{last}\"\n")
    heights, fitted = {}, 0
    for extra in (52, 76, 100):  # rooms of 0.34 (fits as set), 0.29 (a few points over), 0.26 (too far over)
        result, (a_end, start, end) = _flowing_after_a_long_one(tmp_path, extra, second, _LAST)
        room = (page.height - page.bottom - boxes(result.output, a_end - 1, "enda")[3]) / page.text_height
        assert start == end and room > REFIT_FROM, (extra, room)
        heights[extra] = boxes(result.output, end - 1, "endb")[3] - boxes(result.output, start - 1, "The short one")[1]
        assert round(_font_size(result.output, end - 1, "media"), 2) == round(
            _font_size(result.output, a_end - 1, "enda"), 2)  # (its type as set)
        if start == a_end:
            assert lowest_text(result.output, end - 1, page.bottom - 12) >= page.bottom - 2, extra  # (in the frame)
            fitted += heights[extra] < heights[52] - 1
    assert (result.anchors["abstract-1"], fitted) == (a_end + 1, 1), (heights, fitted)  # (76: was moved on whole)


def _sample_with_texts(tmp_path, texts: dict[str, str], theme: str = ""):
    """A copy of the sample's data folder whose abstracts `texts` names (by id) have those texts, printing the
    abstracts alone (theme.yaml's `sections`: what the tests of it look at, in a third less time than the whole
    booklet; the sample's abstracts are not by day, so they are laid out as in the whole); `theme`: the rest of its
    theme.yaml."""
    import shutil

    import yaml

    from .helpers import DATA

    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    path = folder / "abstracts.yaml"
    abstracts = yaml.safe_load(path.read_text(encoding="utf-8"))
    for abstract in abstracts:
        if abstract["id"] in texts:
            abstract["abstract"] = texts[abstract["id"]]
    path.write_text(yaml.safe_dump(abstracts, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (folder / "theme.yaml").write_text("sections: [abstracts]\n" + theme, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def sample_checked(tmp_path_factory):
    """(page size, theme) -> the Booklet check_folder gives of the sample printing its abstracts alone
    (_sample_with_texts, no text changed; `theme`: the rest of its theme.yaml), made once a module for the tests that
    measure texts against its abstracts (a copy of the sample written, read and checked: half a second of CPU)."""
    from booklet.check import check_folder

    made = {}

    def checked(size: str, theme: str = ""):
        if (size, theme) not in made:
            folder = _sample_with_texts(tmp_path_factory.mktemp("measure"), {}, theme)
            made[size, theme] = check_folder(folder, size)[0]
        return made[size, theme]

    return checked


def _text_over(ctx, abstract, lines_over: tuple[float, float]) -> str:
    """A text for `abstract` that, set as the theme sets it, is between lines_over (of its text's lines) too long for
    its page: paragraphs of 60 numbered words, as many as it takes."""
    import dataclasses

    from booklet.layout.abstracts import abstract_content
    from booklet.layout.flowables import height_needed

    page, leading = ctx.page, ctx.styles.text.leading

    def over(count: int) -> float:
        made = abstract_content(ctx, dataclasses.replace(abstract, text=_numbered_text(count)))[0]
        return (height_needed(made, page.text_width, page.text_height) - page.text_height) / leading

    # (from 290 words, which fill no A5 page, to 1,100, some 30 lines over an A4 one: the texts found, 344 to 704
    # words, as from 200 to 2,000 in the same steps, with fewer and shorter texts laid out on the way)
    count = _first_count(range(290, 1100, 6), over, lines_over[0], lambda lines: lines <= lines_over[1])
    if count is None:
        raise AssertionError(lines_over)
    return _numbered_text(count)


def _numbered_text(count: int) -> str:
    """`count` words in paragraphs of 60, every ninth numbered (the words _text_over and _text_running_on try)."""
    words = "astronomers fit hierarchical models to noisy catalogues and check them against simulations".split()
    cycled = [f"{words[k % len(words)]}{k}" if k % 9 == 0 else words[k % len(words)] for k in range(count)]
    return "\n\n".join(" ".join(cycled[at:at + 60]) for at in range(0, count, 60)) + " end."


def _first_count(counts: range, measure, least, fits):
    """The first of `counts` whose measure is at least `least` and `fits`, or None: the count a scan from the first
    would stop at, found by halving the range (a text of more words never measures less), a dozen texts laid out
    rather than a hundred; where the one found does not fit (the measure not growing with the count after all), the
    scan itself."""
    measured = {}

    def at(index: int):
        if index not in measured:
            measured[index] = measure(counts[index])
        return measured[index]

    low, high = 0, len(counts)
    while low < high:
        middle = (low + high) // 2
        low, high = (low, middle) if at(middle) >= least else (middle + 1, high)
    if low < len(counts) and fits(at(low)):
        return counts[low]
    return next((count for index, count in enumerate(counts) if at(index) >= least and fits(at(index))), None)


@pytest.mark.parametrize("size, theme", [("A5", ""), ("A4", "abstracts: {layout: page}\n")])
def test_an_abstract_some_lines_longer_than_its_page_is_fitted_on_it_in_type_at_most_a_tenth_smaller(
        tmp_path, sample_checked, size, theme):
    """Real books (uRos 2026, GMTH 2023, 36C3, EuroPython 2014) ran abstracts 4-10 lines longer than their page on to a
    page holding only "(continued)" and those lines. Now one over by at most SPILL_FITTED of the page is set on its
    page: all its text there, every character of it at one size, at most a tenth under the theme's (the closer line
    spacing alone took 3 lines off, no more), its last line clear of the page number; one much longer runs on to a
    second page at the theme's size. The sample's other abstracts as they were. A4 (its text in two columns) alike."""
    import pypdfium2.raw as raw

    from booklet.layout.abstracts import SMALLEST, opening_abstracts
    from booklet.layout.common import Context
    from booklet.layout.page import page_for

    booklet = sample_checked(size, theme)
    ctx = Context(booklet, page_for(size))
    # two abstracts on pages of their own (not under the section's name), the first with a photo
    fitting, running = [a for a in booklet.abstracts if a.id not in opening_abstracts(ctx)][:2]
    fitted_text = _text_over(ctx, fitting, (5.0, 6.5))  # (more than the closer lines alone take off)
    long_text = _text_over(ctx, running, (16.0, 30.0))
    folder = _sample_with_texts(tmp_path, {fitting.id: fitted_text, running.id: long_text}, theme)
    result = build_booklet(folder, tmp_path / "b.pdf", page_size=size)
    pdf = Pdf(result.output)
    doc = pdfium.PdfDocument(str(result.output))
    keys = {a.id: f"abstract-{n}" for n, a in enumerate(booklet.abstracts)}
    theme_size = ctx.styles.text.fontSize

    def pages(key: str) -> tuple[int, int]:
        return result.anchors[keys[key]] - 1, result.anchors[f"end:{keys[key]}"] - 1

    def sizes(index: int, text: str) -> set[float]:  # the type sizes of `text`'s numbered words on page `index`
        page_text = doc[index].get_textpage()
        words = {word for word in text.split() if any(c.isdigit() for c in word)}  # (no title has them)
        whole, found = page_text.get_text_range(), set()
        for match in re.finditer(r"\S+", whole):
            if match.group() in words:
                found |= {round(raw.FPDFText_GetFontSize(page_text.raw, at), 2) for at in range(*match.span())}
        return found

    at, end = pages(fitting.id)
    assert at == end and "(continued)" not in pdf.texts[at + 1]
    assert norm(fitted_text) in pdf.norms[at]  # all of it, on its page
    (fitted,) = sizes(at, fitted_text)  # one size for every line
    assert SMALLEST * theme_size - 0.01 <= fitted < theme_size, (fitted, theme_size)
    last_line, folio = _last_box(result.output, at, "end.")[1], _last_box(result.output, at, str(at + 1))[0]
    assert folio - last_line > 1.5 * theme_size  # (clear of the foot)

    at, end = pages(running.id)
    assert end == at + 1 and "(continued)" in pdf.lines(end)[0]
    numbered = [word for word in long_text.split() if any(c.isdigit() for c in word)]
    assert all(norm(word) in pdf.norms[at] + pdf.norms[end] for word in numbered)  # (a page's foot between them)
    assert norm(long_text[-200:]) in pdf.norms[end]
    assert sizes(at, long_text) == sizes(end, long_text) == {round(theme_size, 2)}
    assert not ctx.flow
    for other in booklet.abstracts:  # the others: each on one page, as before
        if other not in (fitting, running):
            assert pages(other.id)[0] == pages(other.id)[1], other.id


def test_an_abstracts_slot_line_leaves_out_a_room_the_fonts_print_nothing_of_with_its_dot(tmp_path):
    """An abstract's line under its label read "CONTRIBUTED TALK · Monday 13 September · 10:30–11:00 ·" when its
    room was CJK alone (room: 会議室, warned of; an unprintable-text fuzz). The room is left out with its dot."""
    from booklet.build import build_booklet

    from .helpers import BASE, write_conference
    from .pdftext import Pdf

    programme = BASE["programme.yaml"].replace("chair: Mei Chen\n", "chair: Mei Chen\n        room: 会議室\n")
    folder = write_conference(tmp_path / "c", {"programme.yaml": programme})
    pdf = Pdf(build_booklet(folder, tmp_path / "b.pdf").output)
    lines = [line for i in range(len(pdf)) for line in pdf.lines(i) if "10:30\u201311:00" in line]
    assert lines and all(not line.rstrip().endswith("\u00b7") for line in lines), lines
    assert any(line.endswith("Monday 13 September \u00b7 10:30\u201311:00") for line in lines), lines


def _text_running_on(ctx, abstract, pages: int, last_lines: tuple[float, float]) -> str:
    """A text for `abstract` (paragraphs of 60 numbered words, as _text_over) that, set as the theme sets it and run
    on, takes `pages` pages, the last of them holding between last_lines (of its text's lines) under "(continued)"."""
    import dataclasses

    from booklet.layout.abstracts import FULL, abstract_content, continued_heading, pages_taken

    leading = ctx.styles.text.leading

    def taken(count: int) -> tuple[int, float]:  # (pages, lines on the last of them)
        made = abstract_content(ctx, dataclasses.replace(abstract, text=_numbered_text(count)), 2, FULL)[0]
        taken, last = pages_taken(ctx, made, continued_heading(ctx, abstract.title))
        return taken, last / leading

    # (300 to 350 words a page: the counts found for three A5 pages, 640 and 815, as from 250 and 500 a page)
    count = _first_count(range(300 * (pages - 1), 350 * pages, 5), taken, (pages, last_lines[0]),
                         lambda found: found[0] == pages and found[1] <= last_lines[1])
    if count is None:
        raise AssertionError((pages, last_lines))
    return _numbered_text(count)


def test_an_abstract_running_a_few_lines_onto_a_third_page_is_fitted_on_two(tmp_path, sample_checked):
    """Real books (36C3 p. 104, 39C3 pp. 335, 523, 721): an abstract of more than two pages ended on a page holding
    "(continued)" and 3 to 8 lines, the rest of it empty. An abstract whose last page holds at most SPILL_FITTED of a
    page is set to take a page fewer, as one a little over its one page is (abstracts.fitted_page): all its text on
    two pages, in one type size at most a tenth under the theme's (its spaces and lines closer first); one whose last page holds more (half a page) runs
    on to it at the theme's size. The sample's other abstracts as they were."""
    from booklet.layout.abstracts import SMALLEST, opening_abstracts
    from booklet.layout.common import Context
    from booklet.layout.page import page_for

    booklet = sample_checked("A5")  # (the A5 test above's, once a module)
    ctx = Context(booklet, page_for("A5"))
    fitting, running = [a for a in booklet.abstracts if a.id not in opening_abstracts(ctx)][:2]
    short_tail = _text_running_on(ctx, fitting, 3, (3.0, 6.0))
    long_tail = _text_running_on(ctx, running, 3, (16.0, 24.0))
    result = build_booklet(_sample_with_texts(tmp_path, {fitting.id: short_tail, running.id: long_tail}),
                           tmp_path / "b.pdf")
    pdf = Pdf(result.output)
    keys = {a.id: f"abstract-{n}" for n, a in enumerate(booklet.abstracts)}

    def pages(key: str) -> tuple[int, int]:
        return result.anchors[keys[key]] - 1, result.anchors[f"end:{keys[key]}"] - 1

    theme_size = ctx.styles.text.fontSize
    at, end = pages(fitting.id)
    assert end == at + 1, (at, end)
    assert norm(short_tail[-120:]) in pdf.norms[end] and "(continued)" in pdf.lines(end)[0]
    numbered = [word for word in short_tail.split() if any(c.isdigit() for c in word)]
    assert all(norm(word) in pdf.norms[at] + pdf.norms[end] for word in numbered)  # (all of it, on the two)
    sizes = {round(_font_size(result.output, page, "astronomers"), 2) for page in (at, end)}
    assert len(sizes) == 1 and SMALLEST * theme_size - 0.01 <= sizes.pop() <= theme_size  # (lines closer first)

    at, end = pages(running.id)
    assert end == at + 2, (at, end)
    assert norm(long_tail[-120:]) in pdf.norms[end]
    assert round(_font_size(result.output, end, "astronomers"), 2) == round(theme_size, 2)
    for other in booklet.abstracts:  # the others: each on one page, as before
        if other not in (fitting, running):
            assert pages(other.id)[0] == pages(other.id)[1], other.id


def test_the_last_flowing_abstract_of_a_section_leaves_no_short_tail_alone_on_its_last_page(tmp_path):
    """Abstracts flowing on A5: the section's last abstract, cut where 0.36 of a page was left for it, ended on a page
    of its own holding "(continued)" and 7 lines, the section's last (a split not forced: `tail` lines each side; the
    poster list's last poster moved on whole already: posters.ALONE). From a room of up to LAST_WHOLE of the page (a
    third) it moves on whole, when it fits on a page, where less than LAST_ALONE of a page of it would stand there
    alone; from more it is cut as before: from 0.36 too, where moving it on (up to 2/5 before) left its page more than
    a third empty and the section's last page half empty (SIGDIAL 2020's A5 pp. 36-37)."""
    from booklet.layout.abstracts import LAST_WHOLE
    from booklet.layout.page import page_for

    page = page_for("A5")

    def build(before: int, words: int):
        result = _flowing(tmp_path / f"c{before}", tmp_path / f"b{before}.pdf",
                          _entry("e0", "Entry zero", _filling(0, before, "endzero"))
                          + _entry("e1", "Entry one", _filling(0, words, "endone")))
        end = result.anchors["end:abstract-0"]
        room = (page.height - page.bottom - boxes(result.output, end - 1, "endzero")[3]) / page.text_height
        return result, Pdf(result.output), end, room

    result, pdf, end, room = build(205, 150)
    assert room < LAST_WHOLE, room
    first, last = result.anchors["abstract-1"], result.anchors["end:abstract-1"]
    assert first == last == end + 1, (first, last, end)  # (was: first == end, last == end + 1)
    assert norm(_filling(0, 150, "endone")) in pdf.norms[first - 1]  # all of it, on its page
    assert not any("(continued)" in text for text in pdf.texts)
    rooms = []
    for before, words in ((180, 185), (150, 225)):
        result, pdf, end, room = build(before, words)
        assert room > LAST_WHOLE, room
        first, last = result.anchors["abstract-1"], result.anchors["end:abstract-1"]
        assert first == end and last == first + 1, (room, first, last, end)  # (from 0.36: moved on whole before)
        assert "Entry one (continued)" in pdf.texts[last - 1]
        rooms.append(room)
    assert rooms[0] < 2 / 5 < rooms[1], rooms  # (SIGDIAL's band, 1/3 to 2/5: moved on whole before, now split)


def test_a_long_line_leading_into_a_list_is_broken_so_that_two_items_go_on_with_its_last_lines(tmp_path):
    """FOSDEM 2025, A5 p. 616: "Building a robot powered with Raspberry pis ...", a lead-in of 4 lines ending with
    "including:" ended the page with the first item of its list, the four others on the next (a lead-in that long was
    not kept with its list: moved whole, it took the page's last lines with it). A paragraph ending with a colon right
    before a list, of any length, never ends a page with fewer than two of its items: it is broken, two of its lines
    or more staying and its last lines going on with the items (2 + 2 of a 4-line lead-in), as a typesetter breaks
    it; one too short to break (3 lines or fewer) goes on whole. Texts of every length near the page's foot (a line
    more at each step): the lead-in's last words and the list's first two items are on one page, and some lead-ins
    were broken across the page turn."""
    lead = ("Loic has been playing with robotics since the beginning of a side project converting a full size car "
            "into an autonomous vehicle. However, some features cannot be tested directly on the full size car. This "
            "talk describes the building process of a robotics-ready small scale car made for initial testing, and "
            "what came of it, including")
    steps = range(330, 430, 6)
    result = _abstracts_only(tmp_path, [_entry(f"e{words}", f"Entry {words}", _filling(0, words, "x") + "\n\n" + (
        f"Start{words} {lead} {words}:\n\n- Alpha{words} first part\n- Beta{words} second part\n"
        f"- Gamma{words} third part\n- Delta{words} fourth part\n\n") + " ".join(
        WORDS[k % len(WORDS)] for k in range(120))) for words in steps])
    pdf = Pdf(result.output)
    broken = 0
    for words in steps:
        page = next(i for i, text in enumerate(pdf.norms) if norm(f"Alpha{words}") in text)
        assert norm(f"including {words}:") in pdf.norms[page] and norm(f"Beta{words}") in pdf.norms[page], words
        start = next(i for i, text in enumerate(pdf.norms) if norm(f"Start{words}") in text)
        broken += start == page - 1
    assert broken


def test_a_long_line_leading_into_a_list_never_ends_a_column_without_two_of_its_items(tmp_path):
    """The same in two columns (A4, abstracts flowing): the lead-in ended the left column, its first item (or first
    two, the page's foot below them) heading the right one. Its last words and the list's first two items are in one
    column, one under the other."""
    lead = ("Loic has been playing with robotics since the beginning of a side project converting a full size car "
            "into an autonomous vehicle. However, some features cannot be tested directly on the full size car. This "
            "talk describes the building process of a robotics-ready small scale car made for initial testing, and "
            "what came of it, including")
    # (the entries flow on, each after the one before: from 200 to 875 words, without the columns' tail_split or the
    # lead-in's keepTailWithNext, the lead-ins of 225, 250 (across the page's turn) and 350 words, then 525 and 850,
    # ended a column apart from their items; the first eight are laid out as they were among all 28)
    steps = range(200, 400, 25)
    files = {"abstracts.yaml": "".join(_entry(f"e{words}", f"Entry {words}", _filling(0, words, "x") + "\n\n" + (
        f"Start{words} {lead} {words}:\n\n- Alpha{words} first part\n- Beta{words} second part\n"
        f"- Gamma{words} third part\n- Delta{words} fourth part\n\n") + " ".join(
        WORDS[k % len(WORDS)] for k in range(120))) for words in steps),
        "theme.yaml": "page_size: a4\nabstracts: {layout: flow}\n",
        "programme.yaml": BASE["programme.yaml"].replace("talk: lund-2026", "title: A talk").replace(
            "talk: okafor", "title: Another")}
    result = build_booklet(write_conference(tmp_path / "conf", files), tmp_path / "b.pdf")
    pdf = Pdf(result.output)
    middle = pdfium.PdfDocument(str(result.output))[0].get_width() / 2
    for words in steps:
        page = next(i for i, text in enumerate(pdf.norms) if norm(f"Alpha{words}") in text)
        lead_end, first, second = (boxes(result.output, page, needle)
                                   for needle in (f"including {words}:", f"Alpha{words}", f"Beta{words}"))
        assert len({box[0] < middle for box in (lead_end, first, second)}) == 1, words  # (one column)
        assert lead_end[1] < first[1] < second[1], words


def test_a_flowing_abstract_whose_text_opens_with_a_long_line_leading_into_a_list_never_ends_a_page_without_it(
        tmp_path):
    """FOSDEM 2025 (abstracts flowing, A5) p. 616 as it was: "Building a robot ...", its text a lead-in of 4 lines and
    a list, at a page's foot. Its lead-in is never cut from the list's first two items, nor left alone at the foot
    (broken 2 + 2, it left two lines under the header, a cut the flowing rules refuse: the entry was cut after the
    whole lead-in instead, its list all on the next page). Entries before it of every length (a line more at each
    step): the lead-in's last words and the first two items are on one page."""
    lead = ("Loic has been playing with robotics since the beginning of a side project converting a full size car "
            "into an autonomous vehicle. However, some features cannot be tested directly on the full size car. This "
            "talk describes the building process of a robotics-ready small scale car made for initial testing, "
            "including")
    steps = range(150, 260, 6)
    entries = []
    for words in steps:
        entries.append(_entry(f"f{words}", f"Filler {words}", _filling(0, words, "x")))
        entries.append(_entry(f"e{words}", f"Entry {words}", f"{lead} {words}:\n\n- Alpha{words} first part\n"
                              f"- Beta{words} second part\n- Gamma{words} third part\n- Delta{words} fourth part\n"))
    result = _flowing(tmp_path / "conf", tmp_path / "b.pdf", "".join(entries))
    pdf = Pdf(result.output)
    for words in steps:
        page = next(i for i, text in enumerate(pdf.norms) if norm(f"Alpha{words}") in text)
        assert norm(f"including {words}:") in pdf.norms[page] and norm(f"Beta{words}") in pdf.norms[page], words


def test_an_abstract_of_many_short_list_items_a_little_over_a_quarter_page_too_long_is_fitted_on_its_page(tmp_path):
    """EuroPython 2014 (A5) p. 74: "Tweaking libraries as a step towards secure programming", four lists of 3 to 5
    one-line items, was 0.27 of its page too long, a little more than SPILL_FITTED: not tried tighter, it ran on to a
    page of "(continued)" and 10 lines, three quarters of it empty, though its tightest setting ends 2 lines above its
    page's foot. Its 24 paragraph spaces, at their closest, take off 4 lines of the 10: measured so, it is within
    SPILL_FITTED, and it is set on its page, tighter, its last line in the text's frame."""
    from booklet.check import check_folder
    from booklet.layout.abstracts import SPACE_TIGHTEST, SPILL_FITTED, Tight, abstract_content
    from booklet.layout.common import Context
    from booklet.layout.flowables import height_needed
    from booklet.layout.page import page_for

    words = ("we will explore how to modify or rewrite some core libraries to introduce monitoring and security "
             "functions that can be adapted to work with existing code").split()

    def para(count: int, start: int = 0) -> str:
        return " ".join(words[(start + k) % len(words)] for k in range(count)) + "."

    parts = [para(60), para(30, 5) + " We will focus on these libraries:"]
    for number, items in enumerate((3, 3, 4, 5)):
        parts += [f"- item {number} {k} of the list" for k in range(items)]
        parts.append(f"For interactions number {number} we will focus on these libraries:")
    parts += [para(55, 7), para(50, 9) + " endtext"]
    folder = write_conference(tmp_path / "conf", {
        "abstracts.yaml": _entry("first", "An abstract before it", "A short text.")  # (under the section's name)
        + _entry("lists", "Tweaking libraries as a step towards secure programming", "\n\n".join(parts)),
        "programme.yaml": None})
    booklet, _ = check_folder(folder)
    ctx = Context(booklet, page_for("A5"))
    page = ctx.page

    def over(tight: Tight) -> float:  # of the page
        return (height_needed(abstract_content(ctx, booklet.abstracts[1], 2, tight)[0], page.text_width,
                              page.text_height) - page.text_height) / page.text_height

    assert over(Tight()) > SPILL_FITTED >= over(Tight(SPACE_TIGHTEST))  # (the case: over by more than a quarter)
    result = build_booklet(folder, tmp_path / "b.pdf")
    at, end = result.anchors["abstract-1"] - 1, result.anchors["end:abstract-1"] - 1
    pdf = Pdf(result.output)
    assert at == end and norm("endtext") in pdf.norms[at] and "continued" not in pdf.norms[at + 1]
    last_line, folio = _last_box(result.output, at, "endtext")[1], _last_box(result.output, at, str(at + 1))[0]
    assert folio - last_line > 1.5 * ctx.styles.text.fontSize  # (its last line in the text frame, clear of the foot)


@pytest.mark.parametrize("words, room", [(60, 15), (20, 26)])
def test_a_paragraph_whose_split_refuses_keeps_its_lines(words, room):
    """ReportLab's split, refusing (one line's room with no orphans allowed; two lines' room for three lines with no
    widows allowed: "force the whole para onwards"), deletes the paragraph's lines, and a caller counting them after
    found none (line_count: AttributeError blPara; tail_split wrapped its lead-in again for it). Para.split keeps
    them as set, for every caller: the same lines, counted, and the paragraph's wrap the same."""
    from reportlab.lib.styles import ParagraphStyle

    from booklet.layout.flowables import Para, line_count

    register_fonts()
    style = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=12, allowOrphans=0, allowWidows=0)
    para = Para(" ".join(["word"] * words), style)
    height = para.wrap(200, 1000)[1]
    lines = para.blPara.lines
    assert para.split(200, room) == []
    assert para.blPara.lines is lines and line_count(para) == len(lines) > 2
    assert para.wrap(200, 1000)[1] == height and para.blPara.lines is lines


@pytest.mark.parametrize("words", [4, 12, 15])
def test_a_lead_in_too_short_to_break_keeps_its_lines_to_be_counted(words):
    """FOSDEM 2025 on A4 stopped with an internal error (AttributeError: blPara): a lead-in to a list of one or two
    lines at a column's foot, too short to break (tail_split), had its lines let go by ReportLab's split, which
    refused, and the columns then counted its lines (line_count). It keeps them, as set."""
    from reportlab.lib.styles import ParagraphStyle

    from booklet.layout.flowables import Para, line_count, tail_split

    register_fonts()
    style = ParagraphStyle("lead", fontName="Helvetica", fontSize=10, leading=12, allowOrphans=0, allowWidows=0,
                           keepTailWithNext=1)
    lead_in = Para(" ".join(["word"] * words) + " to:", style)
    height = lead_in.wrap(200, 1000)[1]
    lines = line_count(lead_in)
    assert lines in (1, 2)
    assert tail_split(lead_in, 200, height) is None
    assert line_count(lead_in) == lines and lead_in.wrap(200, 1000)[1] == height


def test_a_line_leading_into_a_lead_in_too_short_to_break_goes_on_with_it_to_the_next_page(tmp_path):
    """FOSDEM 2025's "Call to Action:" (a line kept with what follows), then "Engaging the FOSDEM Community: A
    compelling closing appeal ... to:", a lead-in too short to break, and its list, at an A5 page's foot: the lead-in
    was to go on whole with the list's first items, but the line before it, kept with it, held it back, and nothing
    moved on: the page ended with "Call to Action:" and the whole lead-in, the list all on the next page. The line goes
    on with the lead-in now. Entries before it of every length (a line more at each step): "Call to Action:", the
    lead-in right under it and the list's first item are on one page."""
    call = ("Call{words} to Action:\n\nEngaging the FOSDEM Community:\nA compelling closing appeal to developers, "
            "contributors, and organizations in the open-source ecosystem to:\n\n1. Actively participate in scaling "
            "DPGs.\n\n2. Leverage their expertise to support SDG-aligned open initiatives.\n\n3. Join global efforts "
            "like ours to create inclusive, ethical, and open digital infrastructure.")
    steps = range(100, 260, 5)
    result = _flowing(tmp_path / "conf", tmp_path / "b.pdf", "".join(
        _entry(f"e{words}", f"Entry {words}", _filling(0, words, "x") + "\n\n" + call.format(words=words))
        for words in steps))
    pdf = Pdf(result.output)
    for words in steps:
        page = next(i for i, text in enumerate(pdf.norms) if norm(f"Call{words} to Action:") in text)
        after = pdf.norms[page].split(norm(f"Call{words} to Action:"))[1]
        assert after.startswith(norm("Engaging the FOSDEM Community:")), (words, after[:80])
        assert norm("ecosystem to: 1. Actively participate") in after, (words, after[:200])


def _laid_out_by_lint(tmp_path):
    """A conference whose abstracts lint lays out to measure them (lint.fit): the section's first (under its name, one
    a page), a long one, and some about a page long, set tighter to fit it; and a short one it does not."""
    sentence = "Hierarchical models pool the information of many noisy objects into one sharper picture. "
    entries = [_entry("first", "The first", "A short first text ends here."),
               _entry("short", "A short one", "A short text ends here too."),
               _entry("long", "A long one", _filling(2, 1000, "endlong")),
               *(_entry(f"s{n}", f"Talk {n}", sentence * n) for n in range(30, 42, 2))]
    # (the abstracts alone printed: the tutorial's and the poster's pages, which lint hands nothing on to, left out)
    return write_conference(tmp_path / "conf", {
        "abstracts.yaml": "".join(entries), "theme.yaml": "sections: [abstracts]\n",
        "programme.yaml": BASE["programme.yaml"].replace("talk: lund-2026", "title: A talk").replace(
            "talk: okafor", "title: Another")})


@pytest.mark.parametrize("page_size, laid_out", [("A5", ("A short first", "Short line 0", "Hierarchical")),
                                                  ("A4", ("Short line 0",))])
def test_a_build_draws_the_abstract_texts_lint_laid_out_without_making_them_again(tmp_path, monkeypatch, page_size,
                                                                                   laid_out):
    """Lint lays out the abstracts it cannot tell fit their page from their text alone (lint.fit: a long one; one a
    page, A5, the section's first too, under its name, and those about a page long, some set tighter to fit it); a
    build in one process then draws the paragraphs of those texts that lint made and measured, at each setting tried
    (layout.abstracts.handing_on), rather than make them and break them into lines again: each of those texts is made
    into paragraphs fewer times than with nothing handed on (a text set tighter, several fewer), the others as often,
    and the PDF and the warnings are the same, byte for byte and word for word (A4: abstracts flowing, their text in
    two columns)."""
    from booklet.layout import abstracts as layout_abstracts
    from booklet.layout.common import Context

    monkeypatch.setenv("BOOKLET_CACHE", "off")  # (a build of the same inputs would take the last one's warnings)
    folder = _laid_out_by_lint(tmp_path)
    made = []
    paras = Context.paras
    monkeypatch.setattr(Context, "paras", lambda self, text, style: made.append(text) or paras(self, text, style))

    def build(name: str):
        made.clear()
        result = build_booklet(folder, tmp_path / name, page_size, jobs=1)
        return result, {text: made.count(text) for text in made}

    handed, counts = build("handed.pdf")
    monkeypatch.setattr(layout_abstracts, "keeping_texts", contextlib.nullcontext)  # (lint keeps nothing)
    alone, counts_alone = build("alone.pdf")
    assert set(counts) == set(counts_alone)
    saved = {text: counts_alone[text] - counts[text] for text in counts}
    assert all(saved[text] > 0 if text.startswith(laid_out) else saved[text] == 0 for text in saved), saved
    assert max(saved.values()) > (page_size == "A5")  # (A5: a text set tighter, each setting tried, made once)
    assert handed.output.read_bytes() == alone.output.read_bytes()
    assert [p.message for p in handed.warnings] == [p.message for p in alone.warnings]
    assert "long" in [p.message.split("'")[1] for p in handed.warnings if p.kind == "too-long"]
    assert norm("endlong") in Pdf(handed.output).norms[handed.anchors["end:abstract-2"] - 1]


def test_a_build_in_parts_keeps_none_of_the_abstract_texts_lint_lays_out_in_its_own_process(tmp_path, monkeypatch):
    """A build laid out in parts (--jobs 2) whose lint runs in the build's own process (no process forked for it,
    as a watch's rebuilds lint) keeps none of the abstract texts lint lays out for a story (layout.abstracts.
    handing_on): the workers lay the abstracts out, and what was kept was held, taken by none, to the build's end
    (36C3: 206 texts, 1,679 paragraphs); a build in one process keeps them for its story. The warnings are the same."""
    from booklet import processes
    from booklet.layout import abstracts as layout_abstracts
    from booklet.lint import fit

    monkeypatch.setenv("BOOKLET_CACHE", "off")
    monkeypatch.setattr(processes, "forks_pay", lambda: False)  # (lint in the build's own process)
    folder = _laid_out_by_lint(tmp_path)
    kept = []
    check_lengths = fit.check_lengths

    def counted(*args, **kwargs):  # how many texts lint left kept, once it has measured them all
        found = check_lengths(*args, **kwargs)
        handed = layout_abstracts._HANDED_ON.get()
        kept.append(0 if handed is None else len(handed.texts))
        return found

    monkeypatch.setattr(fit, "check_lengths", counted)
    one = build_booklet(folder, tmp_path / "one.pdf", "A5", jobs=1)
    two = build_booklet(folder, tmp_path / "two.pdf", "A5", jobs=2)
    assert (one.jobs, two.jobs) == (1, 2)
    assert kept[0] > 0 and kept[1] == 0, kept
    assert [p.message for p in one.warnings] == [p.message for p in two.warnings]
    assert "long" in [p.message.split("'")[1] for p in two.warnings if p.kind == "too-long"]


def test_flowing_abstracts_keep_only_the_texts_their_story_takes(tmp_path, monkeypatch):
    """Flowing abstracts (A4): lint measures an abstract a little over a page set tighter too (fitted_page), but the
    story sets each at FULL: only that text is kept for it (layout.abstracts.keeping_texts), and every text kept is
    taken, none left held to the build's end."""
    from booklet.layout import abstracts as layout_abstracts

    monkeypatch.setenv("BOOKLET_CACHE", "off")
    sentence = "Hierarchical models pool the information of many noisy objects into one sharper picture. "
    folder = write_conference(tmp_path / "conf", {
        "abstracts.yaml": _entry("first", "The first", "A short text.") + _entry("near", "Near a page", sentence * 60),
        "programme.yaml": BASE["programme.yaml"].replace("talk: lund-2026", "title: A talk").replace(
            "talk: okafor", "title: Another")})
    handed, tried = [], []

    class Recorded(layout_abstracts._HandedOn):
        def __init__(self):
            super().__init__()
            handed.append(self)

    text = layout_abstracts._text

    def noted(ctx, abstract, style, tight):  # the settings lint lays each text out at
        if handed and handed[-1].keeping:
            tried.append((abstract.id, tight))
        return text(ctx, abstract, style, tight)

    monkeypatch.setattr(layout_abstracts, "_HandedOn", Recorded)
    monkeypatch.setattr(layout_abstracts, "_text", noted)
    result = build_booklet(folder, tmp_path / "a4.pdf", "A4", jobs=1)
    assert any(tight != layout_abstracts.FULL for _, tight in tried), tried  # (lint tried it tighter)
    assert ("near", layout_abstracts.FULL) in tried
    assert len(handed) == 1 and handed[0].texts == {}
    assert Pdf(result.output).pages_with("Near a page")


def test_a_flowing_tutorials_presenters_leave_no_name_alone_under_continued(tmp_path):
    """SIGDIAL 2020 on A5, p. 39: "Tutorial 2 (continued)" over the last of its four presenters' names alone, the
    three others at the foot of p. 38. A typesetter leaves no line alone on a page (flowables.WIDOW_LINES): the
    presenters go on two or more, or the tutorial moves on whole. The first tutorial a few words longer at each step
    pushes the second (four names, no description) down its page: from 64 to 88 words more, its first three names
    were on that page and the fourth alone on the next; they are 2 + 2."""
    from booklet.layout.flowables import WIDOW_LINES

    people = "".join(f"    - {{name: Presenter {n}}}\n" for n in range(1, 5))
    split = []
    for extra in range(60, 100, 8):
        result = _four_presenters_after_a_long_one(tmp_path, extra, people)
        start, end = result.anchors["tutorial-2"], result.anchors["end:tutorial-2"]
        if start == end:
            continue
        there = Pdf(result.output).lines(end - 1)
        there = there[next(i for i, line in enumerate(there) if line == "The one of four presenters (continued)"):]
        names = [line for line in there if line.startswith("Presenter ")]
        assert len(names) >= WIDOW_LINES, (extra, there)  # (was "Presenter 4" alone)
        split.append(len(names))
    assert len(split) >= 4, split  # (it runs on at each step but the first)
