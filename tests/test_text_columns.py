"""An abstract's text in two columns on a wide page (A4, letter), one on A5 and B5, or as the theme says."""

from __future__ import annotations

import io
import re

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
import pytest
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from booklet.build import build_booklet
from booklet.problems import DataError
from booklet.layout.page import page_for
from .helpers import ADDRESSES, BASE, set_tighter, write_conference
from .pdftext import Pdf, characters, norm

WORDS = ("Hierarchical models pool the information of many noisy objects into one sharper picture of the population, "
         "and the scatter between them is a parameter like any other.").split()


def _text(words: int, start: int = 0) -> str:
    return " ".join(WORDS[(start + k) % len(WORDS)] for k in range(words))


def _abstract(text: str) -> str:
    """abstracts.yaml: BASE's first abstract with `text` (paragraphs apart by blank lines) as its abstract."""
    block = "".join(f"    {line}\n" if line else "\n" for line in text.split("\n"))
    return BASE["abstracts.yaml"].replace("abstract: Some text.", "abstract: |\n" + block)


# theme.yaml's sections of the tests that look at abstracts alone (_build's `alone`): the abstracts' pages (laid out as
# in the whole booklet: they refer to no other section's pages), not the minimal conference's glance, programme,
# tutorials, posters and index, whose pages cost each build and each Pdf() that reads every page's text.
ABSTRACTS_ALONE = "sections: [abstracts]\n"


def _build(tmp_path, files: dict, page_size: str, alone: bool = False):
    """The minimal conference with `files` built at `page_size`: its BuildResult. With `alone`, its abstracts alone
    (ABSTRACTS_ALONE before the theme.yaml of `files`)."""
    if alone:
        files = {**files, "theme.yaml": ABSTRACTS_ALONE + (files.get("theme.yaml") or "")}
    folder = write_conference(tmp_path / "conf", files)
    return build_booklet(folder, tmp_path / "b.pdf", page_size)


def _text_lines(path, index: int, below: float) -> list[tuple[float, float, str]]:
    """The page's lines of characters whose tops are `below` points from the page's top or lower, each (left, right,
    text), top first and left to right: two columns give two lines at the same height. The page number left out.
    (`path`: the PDF's path, or the PdfDocument open on it: _columns_a_page reads each of its pages. Each character's
    loose box asked of PDFium straight, into one rectangle, and only of those not white space: half the CPU.)"""
    pdf = path if isinstance(path, pdfium.PdfDocument) else pdfium.PdfDocument(str(path))
    page = pdf[index]
    height = page.get_height()
    text = page.get_textpage()
    rows: dict[int, list] = {}
    rect, loose_box, raw_text = pdfium_raw.FS_RECTF(), pdfium_raw.FPDFText_GetLooseCharBox, text.raw
    for i, char in enumerate(characters(text)):
        if not char.strip():
            continue
        if not loose_box(raw_text, i, rect):
            raise pdfium.PdfiumError("Failed to get charbox.")
        left, bottom, right, top = rect.left, rect.bottom, rect.right, rect.top
        if height - top >= below:
            rows.setdefault(round((bottom + top) / 4), []).append((left, right, char))
    lines = []
    for y in sorted(rows, reverse=True):
        chars = sorted(rows[y])
        run = [chars[0]]
        for char in chars[1:]:  # a gap wider than a few spaces: the next column's line
            if char[0] - run[-1][1] > 4 * mm:
                lines.append((run[0][0], run[-1][1], "".join(c[2] for c in run)))
                run = []
            run.append(char)
        lines.append((run[0][0], run[-1][1], "".join(c[2] for c in run)))
    return [line for line in lines if not line[2].isdigit()]  # (not the page number)


def _top_of_text(path, index: int, first_word: str) -> float:
    pdf = pdfium.PdfDocument(str(path))
    page = pdf[index]
    text = page.get_textpage()
    whole = text.get_text_range()
    at = whole.find(first_word)
    assert at >= 0, first_word
    return page.get_height() - text.get_charbox(at, loose=True)[3] - 1


def test_on_a4_an_abstracts_text_is_set_in_two_balanced_columns_read_left_then_right(tmp_path):
    text = "Firstword " + _text(150) + "\n\n" + _text(90, 3) + " lastword."
    # (one abstract a page: the next abstract does not flow in under it, see the test after this one)
    result = _build(tmp_path, {"abstracts.yaml": _abstract(text), "theme.yaml": "abstracts: {layout: page}\n"}, "A4",
                    alone=True)
    index = result.anchors["abstract-0"] - 1
    page = page_for("A4")
    lines = _text_lines(result.output, index, _top_of_text(result.output, index, "Firstword"))
    column = (page.text_width - 5 * mm) / 2
    edge = lines[0][0]  # the text block's left edge (the trim's, plus the bleed)
    middle = edge + page.text_width / 2
    left = [line for line in lines if line[1] < middle]
    right = [line for line in lines if line[0] > middle]
    assert len(left) + len(right) == len(lines)  # no line crosses the gutter
    assert all(r - l <= column + 1.5 for l, r, _ in lines)  # (a glyph may overhang its box a little)
    assert min(l for l, _, _ in left) == pytest.approx(edge, abs=1.5)
    assert min(l for l, _, _ in right) == pytest.approx(edge + column + 5 * mm, abs=1.5)
    assert left[0][2].startswith("Firstword") and right[-1][2].endswith("lastword.")
    assert abs(len(left) - len(right)) <= 2  # balanced: the same height within a paragraph's space and a line
    assert max(len(t) for _, _, t in lines) < 75  # about 55 characters, not 110
    assert norm(text) in Pdf(result.output).norms[index]  # in reading order: the left column, then the right


def test_a_web_address_broken_between_two_columns_breaks_its_rest_at_its_punctuation_warm_as_cold(tmp_path):
    """An abstract in two columns on A4 whose left column ends inside a web address ("Maroc. https://www.researchgate.
    net/publication/" / "254453491_ANSECH_..."): the right column's part of the paragraph breaks what is left of it
    at its own punctuation ("..._des" / "_series_chronologiques."), not where its line ended ("des_seri" / "es_
    chronologiques", uRos 2026), in a warm build as in a cold one (a warm build's cache sets the lines without
    breaking the paragraph: it handed the part nothing, and its PDF differed)."""
    from booklet.cache import BuildCache

    address = ("https://www.researchgate.net/publication/254453491_ANSECH_Logiciel_pour_l'analyse_des_series_"
               "chronologiques")
    text = ("Firstword " + _text(55) + " Communication aux Journées de Statistique, Rabat, Maroc. " + address
            + ". Then " + _text(60, 2) + " lastword.")
    folder = write_conference(tmp_path / "conf", {"abstracts.yaml": _abstract(text),
                                                  "theme.yaml": "abstracts: {layout: page}\n"})
    cold, warm = tmp_path / "cold.pdf", tmp_path / "warm.pdf"
    result = build_booklet(folder, cold, "A4", cache=BuildCache(warm=False))
    cache = BuildCache()
    for _ in range(2):  # (the second build warm)
        build_booklet(folder, warm, "A4", cache=cache)
    assert warm.read_bytes() == cold.read_bytes()
    index = result.anchors["abstract-0"] - 1
    page = page_for("A4")
    lines = _text_lines(cold, index, _top_of_text(cold, index, "Firstword"))
    middle = lines[0][0] + page.text_width / 2
    left = [text for l, _, text in lines if l < middle]
    right = [text for l, _, text in lines if l > middle]
    assert left[-1].endswith("/publication/") and right[0].startswith("254453491_")  # (split inside the address)
    # (the lines as read hold no spaces: the rest on two lines, broken before an underscore of its own)
    assert "_chronologiques.Then" in right[1] and right[1][0] == "_", right[:2]  # (never "des_seri" / "es_...")


@pytest.mark.parametrize("page_size, theme, shared", [("A4", None, True), ("letter", None, True), ("A5", None, False),
                                                      ("A4", "abstracts: {layout: page}\n", False),
                                                      ("A5", "abstracts: {layout: flow}\n", True)])
def test_on_a4_and_letter_short_abstracts_flow_several_to_a_page_unless_the_theme_says(tmp_path, page_size, theme,
                                                                                       shared):
    """A review: on A4, each short abstract alone on its page in two columns left two thirds of every page empty (a
    print shop would ask). `layout: auto`, the default, flows them where the text is set in two columns."""
    result = _build(tmp_path, {"theme.yaml": theme}, page_size, alone=True)
    assert (result.anchors["abstract-0"] == result.anchors["abstract-1"]) == shared


def _abstracts(count: int, words: int) -> str:
    """abstracts.yaml: BASE's two abstracts and more, `count` in all, the others of `words` words each."""
    more = "".join(f"- id: extra-{n}\n  title: Extra talk {n}\n  speaker: {{name: Speaker {n}}}\n"
                   f"  abstract: {_text(words, n)}\n" for n in range(count - 2))
    return BASE["abstracts.yaml"] + more


@pytest.mark.parametrize("count, words, shared", [(12, 40, True), (11, 40, False), (12, 330, False)])
def test_on_a5_auto_flows_abstracts_when_most_take_under_half_a_page(tmp_path, count, words, shared):
    """DebConf17 on A5: 143 abstracts, most a third of a page, one to a page, gave some 140 pages two thirds empty.
    `layout: auto` flows them on A5 too when the median abstract takes less than half a page (of 12 or more: fewer
    cost a few pages at most); abstracts that fill their pages keep one each."""
    result = _build(tmp_path, {"abstracts.yaml": _abstracts(count, words)}, "A5", alone=True)
    assert (result.anchors["abstract-3"] == result.anchors["abstract-4"]) == shared
    page = Pdf(result.output).norms[result.anchors["abstract-3"] - 1]
    assert ("extratalk1" in page and "extratalk2" in page) == shared


def test_on_a5_auto_counts_every_abstract_not_a_sample_of_them(tmp_path):
    """`layout: auto` on A5 decides on the median of all the abstracts: 39C3's 659 (median 0.53 of a page) flowed when
    the median of 51 picked through the file (every 13th) came under half a page. Here every other abstract, the ones
    such a pick took, is short but two: most of all are long, so they stay one to a page."""
    more = "".join(f"- id: extra-{n}\n  title: Extra talk {n}\n  speaker: {{name: Speaker {n}}}\n"
                   f"  abstract: {_text(200 if n % 2 or n in (0, 2) else 40, n)}\n" for n in range(58))
    result = _build(tmp_path, {"abstracts.yaml": BASE["abstracts.yaml"] + more}, "A5", alone=True)
    pages = [result.anchors[f"abstract-{n}"] for n in range(60)]
    assert pages == sorted(set(pages)), pages  # one each
    page = Pdf(result.output).norms[result.anchors["abstract-2"] - 1]
    assert "extratalk0" in page and "extratalk1" not in page


@pytest.mark.parametrize("photo, shared", [(True, False), (False, True)])
def test_on_a5_auto_counts_a_speakers_photo_in_an_abstracts_height(tmp_path, photo, shared):
    """`layout: auto` on A5 estimated an abstract's height with its photo left out: a header of 4 lines beside a photo
    27.5 mm tall counted about 15 mm. Twelve abstracts of 160 words, each under a speaker's photo, half a page each as
    set (the first ends below the middle of its page), were estimated under half a page and flowed. The header is
    counted beside the photo and as tall as the photo's box: they take a page each; the same abstracts without photos,
    shorter, still flow."""
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (600, 750), (90, 120, 60)).save(buf, "JPEG")
    words = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor".split()
    text = " ".join(words[k % len(words)] for k in range(159)) + " endtext"
    abstracts = "".join(f"- id: p{n}\n  title: Talk number {n}\n  speaker: {{name: Speaker {n}, affiliation: Lund "
                        f"University{', photo: images/p.jpg' if photo else ''}}}\n  abstract: {text}{n}\n"
                        for n in range(12))
    result = _build(tmp_path, {"abstracts.yaml": abstracts, "programme.yaml": None, "images/p.jpg": buf.getvalue()},
                    "A5", alone=True)
    assert (result.anchors["abstract-0"] == result.anchors["abstract-1"]) == shared
    if photo:  # (as set, more than half a page: from the top of the text to the foot of its last line)
        page, index = page_for("A5"), result.anchors["abstract-0"] - 1
        pdf = pdfium.PdfDocument(str(result.output))
        textpage = pdf[index].get_textpage()
        at = textpage.get_text_range().index("endtext0")
        foot = pdf[index].get_height() - textpage.get_charbox(at)[1]
        assert foot - page.top > page.text_height / 2


def test_auto_s_measure_is_made_once_for_a_booklet_and_again_for_another(tmp_path, monkeypatch):
    """The checks (lint.fit, lint.cover), the story and each worker make a Context of the same booklet: `auto` on A5
    measured every abstract for each (0.13 s at 2,000 talks, four times a build). Asked again of the same booklet and
    page, the answer is the one given; a booklet read again (an edit) is measured again, and A4 needs no measure."""
    from booklet.data.validate import read_booklet
    from booklet.layout import common

    asked = []
    measure = common.short_abstracts
    monkeypatch.setattr(common, "short_abstracts", lambda *args: asked.append(args[0]) or measure(*args))
    folder = write_conference(tmp_path / "conf", {"abstracts.yaml": BASE["abstracts.yaml"] + "".join(
        f"- id: extra-{n}\n  title: Extra talk {n}\n  speaker: {{name: Speaker {n}}}\n  abstract: {_text(40, n)}\n"
        for n in range(12))})
    booklet = read_booklet(folder)[0]
    a5 = page_for("A5")
    assert [common.Context(booklet, a5).flow for _ in range(3)] == [True] * 3
    assert asked == [booklet]
    again = read_booklet(folder)[0]
    assert common.Context(again, a5).flow and asked == [booklet, again]
    assert common.Context(again, page_for("A4")).flow and len(asked) == 2


@pytest.mark.parametrize("heights", [
    [0.2] * 6 + [0.8] * 6,  # the median (the 6th of 12, sorted) long
    [0.2] * 7 + [0.8] * 5,  # short
    [0.8, 0.2] * 7,  # alternating: the 7th of 14 short
    [0.8] * 6 + [0.2] * 7,  # the short ones last: the 7th of 13 short
    [0.5] * 12 + [0.1] * 3,  # at half a page exactly: not shorter than it, the median long
    [0.49] * 5 + [0.5] * 3 + [0.1] * 4,  # the 6th of 12 at 0.49: short
    [0.1, 0.9, 0.3, 0.7, 0.45, 0.55, 0.2, 0.6, 0.35, 0.65, 0.4, 0.8, 0.25],  # the 7th of 13 (0.45) short
])
def test_auto_s_median_is_the_sorted_one_counted_until_either_side_has_it(monkeypatch, heights):
    """The median abstract's estimate decides (short_abstracts): counted as they come, it stops once more than half
    of them (the (n - 1) // 2-th in sorted order and those before it) are short, or enough are not; the answer is the
    sorted list's, and it estimates only as many as that takes (1,008 of 2,000 talks, before the workers start)."""
    from types import SimpleNamespace

    from booklet.layout import abstracts, common

    page = page_for("A5")
    estimated = []
    monkeypatch.setattr(abstracts, "estimated_height",
                        lambda styles, width, abstract: estimated.append(abstract) or abstract * page.text_height)
    answer = common.short_abstracts(SimpleNamespace(abstracts=tuple(heights)), page, None)
    median = sorted(heights)[(len(heights) - 1) // 2]
    assert answer == (median < common.SHORT_ABSTRACT)
    limit = (len(heights) - 1) // 2
    short = [h < common.SHORT_ABSTRACT for h in heights]
    # where it stops: the first abstract at which limit + 1 short ones, or len - limit long ones, have been seen
    stop = next(n for n in range(1, len(heights) + 1)
                if sum(short[:n]) > limit or n - sum(short[:n]) >= len(heights) - limit)
    assert len(estimated) == stop


def test_a5_keeps_one_column_and_the_theme_may_ask_for_either(tmp_path):
    text = "Firstword " + _text(150) + " lastword."
    widths = {}
    for size, columns in (("A5", None), ("A4", 1), ("A5", 2)):
        files = {"abstracts.yaml": _abstract(text)}
        if columns:
            files["theme.yaml"] = f"abstracts:\n  columns: {columns}\n"
        result = _build(tmp_path / f"{size}{columns}", files, size, alone=True)
        index = result.anchors["abstract-0"] - 1
        page = page_for(size)
        lines = _text_lines(result.output, index, _top_of_text(result.output, index, "Firstword"))
        widths[size, columns] = max(r - l for l, r, _ in lines) / page.text_width
    assert widths["A5", None] > 0.95 and widths["A4", 1] > 0.95
    assert 0.45 < widths["A5", 2] < 0.5


def test_columns_other_than_auto_1_or_2_are_an_error_at_their_line(tmp_path):
    folder = write_conference(tmp_path / "conf", {"theme.yaml": "abstracts:\n  layout: page\n  columns: 3\n"})
    with pytest.raises(DataError) as caught:
        build_booklet(folder, tmp_path / "b.pdf")
    assert [(p.file, p.line, p.key, p.message) for p in caught.value.problems] == [
        ("theme.yaml", 3, "abstracts.columns", "'3' is not one of auto, 1, 2")]
    assert not (tmp_path / "b.pdf").exists()


def test_a_long_abstract_in_columns_runs_on_under_its_continued_heading_every_word_in_order(tmp_path):
    words = [f"w{n:04}" for n in range(3000)]  # each word once: their order on the pages is the reading order
    text = "\n\n".join(" ".join(words[p:p + 100]) for p in range(0, len(words), 100))
    result = _build(tmp_path, {"abstracts.yaml": _abstract(text)}, "A4", alone=True)
    pdf = Pdf(result.output)
    start, end = result.anchors["abstract-0"], result.anchors["end:abstract-0"]
    assert end >= start + 2
    for page in range(start + 1, end + 1):
        assert pdf.lines(page - 1)[0] == "A talk about Lund (continued)", page
    assert re.findall(r"w\d{4}", " ".join(pdf.texts[start - 1:end])) == words


@pytest.mark.parametrize("layout", ["page", "flow"])
def test_abstracts_of_every_length_lay_out_in_columns_and_lint_names_those_that_run_on(tmp_path, layout):
    """Abstracts from a few lines to more than a page, on A4 (a first version's columns set their paragraphs
    tighter to take the last lines onto a page, which the entry around them did not expect: flowing abstracts
    stopped the build). With a page each, an abstract a line or two too long is set tighter, and lint warns of
    exactly those that still run on."""
    from booklet.cache.memory import using as using_cache
    from booklet.check import read
    from booklet.layout.abstracts import build_abstract_page
    from booklet.layout.common import Context
    from booklet.layout.flowables import height_needed

    # words: a few lines, half a page, then across the foot of the page (on A4, 595 to 632 fit, 669 to 854 are set
    # tighter, 891 on run on: 37 words a step, those on each side of each border kept), and one of more than a page
    # and a half
    lengths = [40, 77, 336, 595, 632, 669, 743, 817, 854, 891, 965, 1372]
    abstracts = "".join(f"- id: a{n}\n  title: Talk {n}\n  speaker: {{name: Ana Smith}}\n  abstract: |\n"
                        + "".join(f"    {_text(60, p)}\n\n" for p in range(n // 60)) + f"    {_text(n % 60)} end{n}.\n"
                        for n in lengths)
    files = {"abstracts.yaml": abstracts, "programme.yaml": None,  # (the abstracts' pages alone: all it looks at)
             "theme.yaml": f"sections: [abstracts]\nabstracts:\n  layout: {layout}\n"}
    folder = write_conference(tmp_path / "conf", files)
    result = build_booklet(folder, tmp_path / "b.pdf", "A4")
    pdf = Pdf(result.output)
    for n in lengths:
        assert pdf.pages_with(f"end{n}"), n
    if layout == "flow":
        return
    booklet, _ = read(folder)  # (linted by the build, at A4: its warnings are lint's)
    ctx = Context(booklet, page_for("A4"))
    page = ctx.page
    tightened, ran_on = [], []
    # each page laid out again as the build laid it out, its paragraphs' lines as the build broke them (the layouts
    # the build kept of this folder in the disk cache: a second breaking of every text at every setting tried took
    # as long as the build itself)
    with using_cache(None, folder):
        for abstract in booklet.abstracts:
            content = build_abstract_page(ctx, abstract)[0].content
            text = content[-1]  # (its columns; a short text, a paragraph across the page)
            style = text.items[0].style if hasattr(text, "items") else text.style
            reach = height_needed(content, page.text_width, page.text_height, Canvas(io.BytesIO()))
            if set_tighter(style, ctx.styles.text):
                assert reach <= page.text_height, abstract.id
                tightened.append(abstract.id)
            elif reach > page.text_height:
                ran_on.append(abstract.id)
    assert tightened and ran_on
    too_long = {p.message.split("'")[1] for p in result.warnings if p.kind == "too-long"}
    assert too_long == set(ran_on)
    for abstract in booklet.abstracts:  # each that runs on takes a second page; each that fits, one
        number = booklet.abstracts.index(abstract)
        pages = result.anchors[f"end:abstract-{number}"] - result.anchors[f"abstract-{number}"] + 1
        assert (pages > 1) == (abstract.id in ran_on), abstract.id


def _posters(count: int) -> str:
    return "".join(f"- number: {n}\n  author: Ana Smith\n  title: Poster title{n:03}\n  abstract: {_text(40 + 7 * n, n)}"
                   f" end{n:03}.\n" for n in range(1, count + 1))


@pytest.mark.parametrize("size, columns", [("A4", 2), ("letter", 2), ("A5", 1), ("B5", 1)])
def test_the_poster_list_is_in_two_columns_on_a_wide_page_in_order(tmp_path, size, columns):
    result = _build(tmp_path, {"posters.yaml": _posters(24)}, size)
    pdf = Pdf(result.output)
    pages = sorted({result.anchors[f"{end}poster-{n}"] for n in range(24) for end in ("", "end:")})
    lefts = set()
    document = pdfium.PdfDocument(str(result.output))
    for page in pages:
        text = document[page - 1].get_textpage()
        whole = text.get_text_range()
        for found in re.finditer(r"title\d{3}(?! \(continued\))", whole):  # (not a part's heading)
            lefts.add(round(text.get_charbox(found.start() - 6)[0]))  # "Poster" before it: the title's left
    assert len(lefts) == columns
    numbers = re.findall(r"end(\d{3})", " ".join(pdf.texts[pages[0] - 1:pages[-1]]))
    assert numbers == [f"{n:03}" for n in range(1, 25)]  # read in order: down the left column, then the right


def _tutorial_lines(tmp_path, words: int, size: str) -> list:
    """The text lines, from its description's first down, of BASE's tutorial page built at `size` with a description of
    `words` words between "Firstword" and "lastword."."""
    from .helpers import BASE as base

    description = "Firstword " + _text(words) + " lastword."
    tutorials = base["tutorials.yaml"].replace("description: A course.", f"description: {description}")
    result = _build(tmp_path, {"tutorials.yaml": tutorials}, size)
    index = result.anchors["tutorial-1"] - 1
    return _text_lines(result.output, index, _top_of_text(result.output, index, "Firstword"))


def test_a_tutorials_description_is_in_columns_on_a4_and_its_presenters_below_across_the_page(tmp_path):
    lines = _tutorial_lines(tmp_path, 200, "A4")
    edge = lines[0][0]
    width = page_for("A4").text_width
    text = [line for line in lines if line[1] - line[0] < width / 2]
    assert {round(l) > edge + width / 2 for l, _, _ in text} == {False, True}  # both columns
    assert [t for _, _, t in lines if "Presenter" in t] and lines[-1][2] == "NBI"  # then across, below them
    presenter = next(n for n, line in enumerate(lines) if line[2] == "Presenter")
    assert all("lastword" not in t for _, _, t in lines[presenter:])
    assert lines[presenter][0] == pytest.approx(edge, abs=1.5)


@pytest.mark.parametrize("size", ["A5", "A4"])
def test_a_poster_running_onto_another_page_or_column_is_headed_there_by_its_number_and_title(tmp_path, size):
    """A typesetter's review: a page opened mid-word in a poster's abstract ("ited rare-earth metals"), where an
    abstract's or a tutorial's next page says what it continues."""
    posters = "".join(f"- number: {n}\n  author: Ana Smith\n  title: Poster title{n:03} about things\n"
                      f"  abstract: {_text(60 + 40 * n, n)} end{n:03}.\n" for n in range(1, 9))
    result = _build(tmp_path, {"posters.yaml": posters, "theme.yaml": "sections: [posters]\n"}, size)
    pdf = Pdf(result.output)
    split = 0
    for n in range(8):
        start, end = result.anchors[f"poster-{n}"], result.anchors[f"end:poster-{n}"]
        heading = f"{n + 1} Poster title{n + 1:03} about things (continued)"
        for page in range(start + 1, end + 1):
            split += 1
            assert heading in pdf.lines(page - 1)[:3], (n, page)  # under the running head
        assert not any(heading in line for page in range(start, end + 1) for line in pdf.lines(page - 1)[3:]) \
            or size == "A4"  # (on A4 it may head the right column of the page the poster starts on)
    assert split


def test_a_posters_continued_heading_is_made_only_for_a_poster_that_runs_on(tmp_path, monkeypatch):
    """"12 Title (continued)" is made when a poster's part runs on to another page, not for every poster of the list
    (5,000 short forms of titles made at 2,000 talks, four in five never printed)."""
    from booklet.layout import posters as module

    made = []
    original = module.continued
    monkeypatch.setattr(module, "continued", lambda title, **kw: made.append(title) or original(title, **kw))
    posters = "".join(f"- number: {n}\n  author: Ana Smith\n  title: Poster title{n:03} about things\n"
                      f"  abstract: {_text(60 + 40 * n, n)} end{n:03}.\n" for n in range(1, 9))
    result = _build(tmp_path, {"posters.yaml": posters, "theme.yaml": "sections: [posters]\n"}, "A5")
    pdf = Pdf(result.output)
    ran_on = {f"Poster title{n + 1:03} about things" for n in range(8)
              if result.anchors[f"end:poster-{n}"] > result.anchors[f"poster-{n}"]}
    assert ran_on and len(ran_on) < 8
    assert set(made) == ran_on
    for title in ran_on:  # (headed as before)
        assert any(f"{title} (continued)" in line for page in range(len(pdf.texts)) for line in pdf.lines(page)[:3])


@pytest.mark.parametrize("columns", ["auto", "1"])
def test_a_poster_taller_than_a_page_in_columns_runs_on_and_the_theme_sets_the_posters_columns_too(tmp_path,
                                                                                                   columns):
    """A review: a poster of 100 authors (its title and authors, kept together, taller than a column) stopped an A4
    build ("Splitting error"), and one of 400 authors ran off the page's foot; `columns: 1` did not reach posters."""
    authors = "".join(f"    - {{name: Author Number{n:03} Smith}}\n" for n in range(160))
    posters = f"- number: 1\n  title: Many hands\n  authors:\n{authors}  abstract: Short end001.\n"
    posters += "- number: 2\n  author: Ana Smith\n  title: After it\n  abstract: end002.\n"
    theme = f"sections: [posters]\nabstracts:\n  columns: {columns}\n"
    result = _build(tmp_path, {"posters.yaml": posters, "theme.yaml": theme}, "A4")
    pdf = Pdf(result.output)
    text = " ".join(pdf.texts)
    assert re.findall(r"Number(\d{3})", text) == [f"{n:03}" for n in range(160)] and "end002" in text
    document = pdfium.PdfDocument(str(result.output))
    for index in range(len(document)):  # nothing below the text block's foot but the page number
        page = document[index]
        chars = page.get_textpage()
        assert all(chars.get_charbox(k)[1] > 15 * mm for k in range(chars.count_chars())), index
    two = "Number050" in pdf.texts[result.anchors["poster-0"] - 1] and columns == "auto"
    assert two or columns == "1"  # (two columns hold more names on the poster's first page)


def test_a_poster_split_between_two_columns_of_a_page_runs_on_without_a_continued_heading(tmp_path):
    """A typesetter's review (letter, posters in columns): the right column opened with "8 Photometric ...
    (Fortsetzung)" above lines that read straight on from the left column. A poster's rest in the next column of the
    same page runs on; on the next page it is headed "N Title (continued)"."""
    import re

    from booklet.build import build_booklet
    from .helpers import write_conference
    from .pdftext import Pdf

    words = " ".join(f"word{i}" for i in range(140))
    posters = "".join(f"- number: {n}\n  author: Zoe Papadopoulou\n  title: Mixture density networks {n}\n"
                      f"  abstract: {words}\n" for n in range(1, 16))
    out = build_booklet(write_conference(tmp_path / "c", {"posters.yaml": posters}), tmp_path / "b.pdf",
                        page_size="A4").output
    pdf = Pdf(out)
    starts, continued = {}, []
    for page in range(len(pdf)):
        lines = pdf.lines(page)
        for at, line in enumerate(lines):
            if (found := re.fullmatch(r"Mixture density networks (\d+)", line)) and lines[at - 1] == found[1]:
                starts.setdefault(int(found[1]), page)
            if found := re.fullmatch(r"(\d+) Mixture density networks \d+ \(continued\)", line):
                continued.append((int(found[1]), page))
    assert sorted(starts) == list(range(1, 16)) and continued  # (some run onto a next page)
    for number, page in continued:
        assert starts[number] < page, (number, page)


def test_an_entry_whose_columns_fit_the_room_under_its_header_is_laid_out_whole(tmp_path):
    """Text in columns may measure taller given a whole page than given the room under its entry's header (balanced
    columns found the shorter fit there): the entry measures each part in the room the parts above leave, as its
    split does, so that a page where the split finds it fits lays it out (it stopped with a LayoutError, the A4
    booklet of a real conference in French)."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Flowable, SimpleDocTemplate, Spacer

    from booklet.layout.flowables import Entry, Para

    class Balanced(Flowable):
        """As tall as one column (330) when the room takes it, else balanced in two (200)."""

        def wrap(self, availWidth, availHeight):
            self.width, self.height = availWidth, (330 if availHeight >= 335 else 200)
            return self.width, self.height

        def split(self, availWidth, availHeight):
            return [self] if self.wrap(availWidth, availHeight)[1] <= availHeight else []

        def draw(self):
            self.canv.drawString(0, 0, "columns")

    style = ParagraphStyle("p", fontSize=10, leading=12)
    doc = SimpleDocTemplate(str(tmp_path / "e.pdf"), pagesize=(300, 380), leftMargin=10, rightMargin=10,
                            topMargin=10, bottomMargin=10)
    entry = Entry([Para("The header of the entry", style), Balanced()], lambda: [], keep=1)
    doc.build([Spacer(10, 12), entry])
    pdf = Pdf(tmp_path / "e.pdf")
    assert len(pdf) == 1 and "The header of the entry" in pdf.texts[0] and "columns" in pdf.texts[0]


@pytest.mark.parametrize("filler, words", [(114, 260), (332, 46)])
def test_a_posters_abstract_leaves_no_two_line_tail_on_the_next_page(tmp_path, filler, words):
    """A typographer's review: a poster's abstract broke at a page with its last two lines alone at the top of the
    next ("the population, and the scatter between endtwo."). Three lines at least go on (the break moved up a line),
    or, when that would leave fewer than two where the poster starts, the poster moves on whole. (`filler`: the
    words of the poster before it, which leave room on the page for all of its abstract but two lines; its lines
    of 4 when `words` is 46; the long one followed by a third poster: the last of the list moves on whole rather
    than leave a few lines of it alone on a page, see the test after this one.)"""
    posters = (f"- number: 1\n  author: Ana Smith\n  title: Filler poster\n  abstract: {_text(filler)} endone.\n"
               f"- number: 2\n  author: Ana Smith\n  title: Split poster\n  abstract: {_text(words, 3)} endtwo.\n")
    if words > 100:
        posters += "- number: 3\n  author: Ana Smith\n  title: Last poster\n  abstract: Short.\n"
    result = _build(tmp_path, {"posters.yaml": posters, "theme.yaml": "sections: [posters]\n"}, "A5")
    pdf = Pdf(result.output)
    start, end = result.anchors["poster-1"] - 1, result.anchors["end:poster-1"] - 1
    assert end == start + (words > 100)  # a long abstract runs onto the next page, a short one stays whole
    first, last = pdf.lines(start), pdf.lines(end)
    title = first.index("Split poster")
    assert first[title + 1] == "Ana Smith"
    abstract = [line for line in first[title + 2:] if not re.fullmatch(r"\d+|TC2027|Posters", line)]  # (running heads)
    if words > 100:
        heading = last.index("2 Split poster (continued)")
        tail = last[heading + 1:next(n for n, line in enumerate(last) if line.endswith("endtwo.")) + 1]
        assert len(tail) == 3 and len(abstract) >= 2, (abstract, tail)
        # ("the popula- / tion, and the scatter" over the page before: no word is broken at a page's foot now)
        assert tail[0].startswith("population, and the scatter") and abstract[-1].endswith("the"), abstract[-1]
        assert norm(" ".join(abstract + tail)) == norm(_text(words, 3) + " endtwo.")  # every word, in order
    else:  # two lines here and two after would be a two-line tail, one here and three an orphan: it moves on whole
        assert "endone." in " ".join(pdf.lines(start - 1)) and "Filler poster" not in pdf.texts[start]
        assert len(abstract) == 4 and abstract[-1].endswith("endtwo.") and "(continued)" not in pdf.texts[start]


def test_the_last_poster_moves_on_whole_rather_than_leave_a_few_lines_alone_on_a_page(tmp_path):
    """A typesetter's review (Les Houches 2018, A5): the last poster of the list ran its last four lines onto a page of
    their own, under "15 Generation and annihilation ... (continued)", the rest of it empty, and the index after it.
    The last poster of a list that fits on a page moves on to it whole rather than leave less than a quarter of a page
    of it (here five lines) alone there; one whose rest is longer is split as before."""
    sentence = "Magnetic droplet solitons were first predicted to occur in materials with uniaxial anisotropy. "

    def posters(first: int) -> dict:
        return {"posters.yaml": "".join(
            f"- number: {n}\n  author: Author Number{n}\n  title: Poster title {n}\n"
            f"  abstract: {sentence * (first if n == 1 else 12)}end{n}.\n" for n in (1, 2, 3))}

    result = _build(tmp_path, posters(1), "A5")
    pdf = Pdf(result.output)
    start, end = result.anchors["poster-2"], result.anchors["end:poster-2"]
    assert start == end and result.anchors["end:poster-1"] == start - 1  # poster 3 whole on the page after poster 2's
    lines = pdf.lines(start - 1)
    assert lines[:2] == ["3", "Poster title 3"] and "(continued)" not in pdf.texts[start - 1]
    assert "end3." in pdf.texts[start - 1] and pdf.lines(start)[0] == "Index of authors"
    # five sentences more above it: its rest is over a quarter of a page, and it is split
    result = _build(tmp_path / "longer", posters(6), "A5")
    pdf = Pdf(result.output)
    start, end = result.anchors["poster-2"], result.anchors["end:poster-2"]
    assert end == start + 1 and pdf.lines(end - 1)[0] == "3 Poster title 3 (continued)"


def test_a_flowing_abstract_in_columns_that_runs_on_holds_a_few_lines_on_its_last_page(tmp_path):
    """A review of an imported book (A4): an abstract in columns went on to the next page with two lines. An abstract
    that runs on holds at least TAIL_LINES lines on its last page, as one on pages of its own does. Abstracts of
    lengths that bring their ends to every height of the page, each abstract's words its own (`k07`)."""
    from booklet.layout.abstracts import TAIL_LINES

    count = 35  # (40 before: with a tail of 1 line, abstracts 29 and 34 of 40 ended with 2 lines on their last page)
    entries = [f"- id: c{i}\n  title: Columns {i}\n  speaker: {{name: Ana Smith}}\n  abstract: |\n    "
               + " ".join([f"k{i:02}"] * (150 + 31 * i)) + "\n" for i in range(count)]
    result = _build(tmp_path, {"abstracts.yaml": "".join(entries), "programme.yaml": BASE["programme.yaml"].replace(
        "talk: lund-2026", "title: A talk").replace("talk: okafor", "title: Another")}, "A4", alone=True)
    ended = 0
    for i in range(count):
        first, last = result.anchors[f"abstract-{i}"], result.anchors[f"end:abstract-{i}"]
        if last == first:
            continue
        lines = [line for line in _text_lines(result.output, last - 1, 0) if f"k{i:02}" in line[2]]
        assert len(lines) >= TAIL_LINES, (i, last, lines)
        ended += len(lines) < 8  # a short end
    assert ended >= 2, ended


def _assert_within_columns(result, index: int) -> list:
    """Every line of text of page `index` (0-based, a right-hand page: its number at the text's right edge) inside its
    column of two; the page's lines."""
    from booklet.layout.columns import GAP

    lines = _text_lines(result.output, index, 0)
    chars = pdfium.PdfDocument(str(result.output))[index].get_textpage()
    folio = [box for i, char in enumerate(characters(chars))
             if char.isdigit() and (box := chars.get_charbox(i))[1] < 60]  # (at the foot)
    left, right = min(line[0] for line in lines), folio[-1][2]
    middle = (left + right) / 2
    for start, end, words in lines:
        assert end <= (middle - GAP / 2 if start < middle else right) + 0.5, words
    return lines


def test_a_line_of_code_that_wraps_under_its_hanging_indent_stays_in_its_column(tmp_path):
    """A typographer's review of the EuroPython import on A4: `<button ng-click="model.clear()">Clear</button>`, a
    line of code, wrapped at its space and ran past its column, into the gutter and the next: its second part fitted
    the first line's width, not the narrower width of a line under the hanging indent, and was set whole. It is split
    to fit the line it goes to. (A text of 6 lines across the page at least, set in columns: with "Intro:" and the
    code alone, columns no lower than the text across it, that text is set across the page.)"""
    text = (_text(60) + '\n\nIntro:\n\n```\nbody_html = """\n        <button ng-click="model.clear()">Clear</button>\n'
            '"""\n```\n\nEnd.')
    result = _build(tmp_path, {"abstracts.yaml": _abstract(text)}, "A4", alone=True)
    lines = _assert_within_columns(result, result.anchors["abstract-0"] - 1)
    assert "Clear</button>" in "".join(words for _, _, words in lines)


@pytest.mark.parametrize("lead, code, address", [
    ("Participants are required to sign up for this activity via the registration form",
     "Z2lkOi8vY2x1YnMtYXBpL0V2ZW50LzBmY2UxZDQ5LTU1NDUtNDNhNC05N2E0LTA5YjU1ODgwNTRlZQ",
     "https://codeclub.org/en/events/{code}/bookings/new"),
    ("It was concluded that the current use of Microsoft Office 365 is not according to European legislation",
     "infringes-data-protection-law-eu-institutions-and-bodies",
     "https://www.edps.europa.eu/press-publications/press-news/press-releases/2024/european-commissions-use-"
     "microsoft-365-{code}")])
def test_a_web_address_split_between_columns_stays_in_its_column(tmp_path, lead, code, address):
    """A search of real books for text past its column (FOSDEM on A4): a paragraph split between two columns is
    broken again in the second by ReportLab's loop, which joined the parts of a web address broken in the first and
    set what was left of it whole, 300 pt past the column (a part broken after a slash, or at a hyphen). It is split as
    any word too long for the line is."""
    text = f"Please do not come if you are feeling unwell.\n\n{lead} ({address.format(code=code)})."
    result = _build(tmp_path, {"abstracts.yaml": _abstract(text)}, "A4", alone=True)
    lines = _assert_within_columns(result, result.anchors["abstract-0"] - 1)
    right = max(start for start, _, _ in lines)  # (the second column's lines, top down: where the address goes on)
    # (pdfium gives a hyphen that ends a line as U+FFFE: here the address's own, "data-" / "protection")
    assert code in "".join(words for start, _, words in lines if start > right - 20).replace("\ufffe", "-")


@pytest.mark.parametrize("page_size", ["letter", "A4"])
def test_a_short_text_stays_in_one_column_across_a_wide_page_unless_the_theme_asks_for_two(tmp_path, page_size):
    """A US LOC's test: a short abstract (3-4 lines across a letter page) was balanced into two columns, 5 + 3 lines
    of one paragraph, cut mid-sentence ("Grab / your cape"). With `columns: auto`, a text of fewer than SHORT_TEXT
    (6) lines across the page stays across it; `columns: 2` still sets it in two; a longer text is in two."""
    page = page_for(page_size)
    short = "Firstword " + _text(45) + " lastword."  # (4 lines across)
    long = "Firstword " + _text(110) + " lastword."  # (7 lines across)

    def lines_of(text: str, theme: str | None, name: str):
        result = _build(tmp_path / name, {"abstracts.yaml": _abstract(text), "theme.yaml": theme}, page_size,
                        alone=True)
        index = result.anchors["abstract-0"] - 1
        lines = _text_lines(result.output, index, _top_of_text(result.output, index, "Firstword"))
        lines = lines[:next(n for n, line in enumerate(lines) if "lastword." in line[2]) + 1]  # (its text alone)
        return lines, lines[0][0] + page.text_width / 2

    lines, middle = lines_of(short, None, "auto")
    assert 3 <= len(lines) < 6 and all(l < middle - 100 for l, _, _ in lines)  # every line from the left
    assert max(r for _, r, _ in lines) > middle + 100  # and across the page
    for text, theme, name in [(short, "abstracts: {columns: 2}\n", "two"), (long, None, "long")]:
        lines, middle = lines_of(text, theme, name)
        assert any(l > middle for l, _, _ in lines) and all(r < middle or l > middle for l, r, _ in lines), name


def test_a_short_tutorial_description_stays_across_the_page_as_a_short_abstract_does(tmp_path):
    lines = _tutorial_lines(tmp_path, 45, "letter")
    lines = lines[:next(n for n, line in enumerate(lines) if "lastword." in line[2]) + 1]
    middle = lines[0][0] + page_for("letter").text_width / 2
    assert len(lines) >= 3 and all(l < middle - 100 for l, _, _ in lines) and lines[0][1] > middle + 100


def test_line_count_of_paragraphs_kept_from_an_earlier_build_counts_their_lines_set_apart_by_tall_formulas():
    """TextColumns.line_count of columns kept by index from an earlier build (a cache that keeps layouts, a key) is
    the lines the paragraphs hold, as it is for the columns filled: it counted each kept paragraph's height over its
    leading, and a paragraph of 13 lines with formulas of scripts on scripts ($x^{a^{b^{c^{d}}}}$), whose lines
    lineskips sets 4.3 pt further apart, 8 of them, 177.2 pt at a leading of 11, as 16 lines: 32 for two such
    columns, not 26."""
    from reportlab.lib.styles import ParagraphStyle

    from booklet.cache import BuildCache
    from booklet.cache.memory import using
    from booklet.layout.columns import UNBOUNDED, TextColumns
    from booklet.layout.flowables import Para
    from booklet.text.fonts import BODY, use_fonts
    from booklet.text.markup import inline

    use_fonts()
    style = ParagraphStyle("tall", fontName=BODY, fontSize=9, leading=11)
    text = inline(" ".join(f"Word {n} $x^{{a^{{b^{{c^{{d}}}}}}}}$ then some plain words follow here to fill the line"
                           for n in range(8)))
    cache, counts = BuildCache(), []
    for _ in range(2):  # filled, then kept: the page holds one paragraph whole in each column, nothing split
        with using(cache):
            columns = TextColumns([Para(text, style) for _ in range(3)], 2, 12, key=("tall lines",))
            columns.wrap(312, 180)
            counts.append((columns.line_count(), [[type(f) for f, _, _ in column] for column in columns._laid[3]]))
    one = Para(text, style)
    height = one.wrap(150, UNBOUNDED)[1]
    assert one.line_count() == 13 and round(height / style.leading) == 16  # (the count as it was)
    assert counts == [(26, [[Para], [Para]]), (26, [[int], [int]])]


def test_line_count_of_kept_paragraphs_wraps_each_once(monkeypatch):
    """TextColumns.line_count wrapped a copy of each paragraph kept by index (from an earlier build) on each call; each
    is wrapped once a width now, and asked again the count is the same."""
    from reportlab.lib.styles import ParagraphStyle

    from booklet.cache import BuildCache
    from booklet.cache.memory import using
    from booklet.layout.columns import TextColumns
    from booklet.layout.flowables import Para
    from booklet.text.fonts import BODY, use_fonts
    from booklet.text.markup import inline

    use_fonts()
    style = ParagraphStyle("tall", fontName=BODY, fontSize=9, leading=11)
    text = inline(" ".join(f"Word {n} $x^{{a^{{b^{{c^{{d}}}}}}}}$ then some plain words follow here to fill the line"
                           for n in range(8)))
    cache = BuildCache()
    for _ in range(2):  # filled, then kept
        with using(cache):
            columns = TextColumns([Para(text, style) for _ in range(3)], 2, 12, key=("tall lines",))
            columns.wrap(312, 180)
    assert [[type(f) for f, _, _ in column] for column in columns._laid[3]] == [[int], [int]]
    wrapped = []
    wrap = Para.wrap
    monkeypatch.setattr(Para, "wrap", lambda self, *size: wrapped.append(size) or wrap(self, *size))
    with using(cache):
        first = columns.line_count()
        assert first == 26 and len(wrapped) == 2 and columns.line_count() == first and len(wrapped) == 2



_CALL = ("Call to Action:\n\nEngaging the FOSDEM Community:\nA compelling closing appeal to developers, contributors, and "
         "organizations in the open-source ecosystem to:\n\n1. Actively participate in scaling DPGs.\n\n2. Leverage "
         "their expertise to support SDG-aligned open initiatives.\n\n3. Join global efforts like ours to create "
         "inclusive, ethical, and open digital infrastructure.")


def _columns_a_page(tmp_path, texts, height: float = 220) -> list[tuple[list[str], list[str]]]:
    """Each of `texts` set in TextColumns (an A4 abstract's width and columns) on pages of their own `height` tall
    (220 points: 15 lines a column), into one PDF: each page's left and right column, their lines (norm), top first."""
    from reportlab.platypus import PageBreak, SimpleDocTemplate

    from booklet.check import check_folder
    from booklet.layout.columns import GAP, TextColumns
    from booklet.layout.common import Context

    booklet, _ = check_folder(write_conference(tmp_path / "conf", {"programme.yaml": None}))
    ctx = Context(booklet, page_for("A4"))
    width, margin = ctx.page.text_width, 20
    story = []
    for text in texts:
        story += [TextColumns(ctx.paras(text, ctx.styles.text), ctx.text_columns, GAP), PageBreak()]
    path = tmp_path / "c.pdf"
    SimpleDocTemplate(str(path), pagesize=(width + 2 * margin, height + 2 * margin), leftMargin=margin,
                      rightMargin=margin, topMargin=margin, bottomMargin=margin).build(story)
    middle, pages, pdf = margin + width / 2, [], pdfium.PdfDocument(str(path))
    for index in range(len(pdf)):
        lines = _text_lines(pdf, index, 0)
        pages.append(([norm(t) for l, _, t in lines if l < middle], [norm(t) for l, _, t in lines if l >= middle]))
    return pages


def _below_call_and_lead_in(tmp_path, steps, height: float, ending: str = _CALL,
                            ends: tuple = ("Call to Action:", "ecosystem to:"), starts: tuple = ()) -> list[list]:
    """`ending` (FOSDEM 2025's "Call to Action:", its lead-in and list: _CALL) after a paragraph of each of `steps`
    words, in an A4 abstract's columns, each on pages of their own `height` tall: for each of `ends`, the line under
    the line ending so in its column, each time (None: none, the column ends), then for each of `starts` the line
    under the line starting so."""
    pages = _columns_a_page(tmp_path, [_text(words) + " endfiller.\n\n" + ending for words in steps], height)
    columns = [column for page in pages for column in page]  # the lines of each column, page after page
    followed = [(column[n], column[n + 1] if n + 1 < len(column) else None)
                for column in columns for n in range(len(column))]
    return [[below for line, below in followed if line.endswith(norm(end))] for end in ends] + \
        [[below for line, below in followed if line.startswith(norm(start))] for start in starts]


def test_balanced_columns_never_hold_a_line_leading_into_the_next_alone(tmp_path):
    """FOSDEM 2025 on A4: balancing an abstract's last columns, "Call to Action:" was set alone in the left column
    (a column's top keeps such a line), its lead-in and list in the right one, the lowest columns that held it all.
    Columns are not balanced so: wherever the text ends (a third of a line further on at each step), "Call to
    Action:" stands right above the first line of its text."""
    steps = range(20, 150, 3)
    calls, leads = _below_call_and_lead_in(tmp_path, steps, 500)
    assert len(calls) == len(leads) == len(steps)
    assert all(below and below.startswith(norm("Engaging the FOSDEM Community:")) for below in calls), calls



def test_a_line_leading_into_a_lead_in_too_short_to_break_goes_on_with_it_to_the_next_column(tmp_path):
    """FOSDEM 2025 on A4, p. 58: "Call to Action:" ended the right column, five lines free under it, its text
    ("Engaging the FOSDEM Community: A compelling closing appeal ... to:", a lead-in of three lines, and its numbered
    list) heading the next page. The lead-in, at the column's foot without two of its items, went on whole (too short
    to break), leaving the line leading into it alone at the foot. That line goes on with it now: wherever the
    columns break (a third of a line further on at each step), "Call to Action:" stands right above the lead-in's
    first line, and the lead-in's last line right above the list's first item."""
    steps = range(200, 330, 3)
    calls, leads = _below_call_and_lead_in(tmp_path, steps, 220)
    assert len(calls) == len(leads) == len(steps)
    assert all(below and below.startswith(norm("Engaging the FOSDEM Community:")) for below in calls), calls
    assert all(below and below.startswith(norm("1. Actively")) for below in leads), leads


_PHASES = ("However, HRE is a notably complex and cumbersome task which consists of two phases:\n\nIn the first "
           "phase the netlist, i.e., circuit description of a chip, has to be extracted from the physical device.\n\n"
           "Such a netlist is equivalent to the binary in software reverse engineering (SRE).\n\nIn the second "
           "phase, the analyst then processes the netlist in order to understand (parts of) its functionality.")
def test_a_short_paragraph_ending_with_a_colon_never_ends_a_column_apart_from_the_paragraph_it_leads_into(tmp_path):
    """36c3 on A4, p. 99: "However, HRE is a notably complex and cumbersome task which consists of two phases:" ended
    the left column, the phases ("In the first phase the netlist ...", a plain paragraph, no list) heading the right
    one. A short paragraph ending with a colon is kept with the paragraph after it as it is with a list: wherever the
    columns break (a third of a line further on at each step), the line under it in its column is the next paragraph's
    first, and a line of that paragraph is under that one (its first two lines, at least, with it)."""
    steps = range(200, 330, 3)
    leads, firsts = _below_call_and_lead_in(tmp_path, steps, 220, _PHASES, ("of two phases:",),
                                            ("In the first phase",))
    assert len(leads) == len(firsts) == len(steps)
    assert all(line and line.startswith(norm("In the first phase")) for line in leads), leads
    assert all(line is not None for line in firsts), firsts


_LACK = ("Even with a recovered netlist, understanding its functionality is an enormously challenging task, partly "
         "because of the lack of proper tools for the analysis of netlists, which is what we set out to change, and "
         "which we do as follows:\n\nWhile in SRE various commercial or open-source tools for binary analysis exist, "
         "e.g., IDA Pro or Ghidra, in HRE simply no tool for netlist analysis was available, neither commercial, nor "
         "free.\n\nTo close this gap, researchers developed HAL, the first open-source netlist analysis framework.")


def test_a_longer_paragraph_ending_with_a_colon_keeps_its_last_lines_with_the_paragraph_it_leads_into(tmp_path):
    """A lead-in of four lines or so ending with a colon before a plain paragraph (no list) ended a column whole, the
    paragraph it leads into heading the next. It keeps its last lines with that paragraph now, as it does with a list:
    wherever the columns break (a third of a line further on at each step), the line under its last in its column is
    the next paragraph's first."""
    steps = range(200, 330, 3)
    [leads] = _below_call_and_lead_in(tmp_path, steps, 220, _LACK, ("as follows:",))
    assert len(leads) == len(steps)
    assert all(line and line.startswith(norm("While in SRE")) for line in leads), leads


XDC_VIDEO = ("In April of this year, Khronos released a provisional set of extensions: VK_KHR_video_queue, "
             "VK_KHR_video_decoder_queue and VK_KHR_video_encoder_queue "
             "(https://www.khronos.org/blog/an-introduction-to-vulkan-video). They all aim for hardware accelerated "
             "video decoding and encoder with the Vulkan API. In this talk, we will introduce the basics of video "
             "decoding and give an overview of the concepts used to decode video via the new Vulkan extension, using "
             "as example the usage of the API in a GStreamer element.")


def test_a_line_a_web_address_leaves_loose_is_set_flush_left_and_no_line_begins_with_its_hyphen(tmp_path):
    """XDC 2021 (A4, p. 16): "queue (https://www.khronos.org/blog/an" was justified, its one space some twenty spaces
    wide, and the next line began "-introduction-to-vulkan-video)." (a break before a hyphen of the address's path,
    read as a dash). The address breaks after its slash, not at its hyphen (which would leave the line as loose,
    "blog/an-" reading as hyphenated), and the line, its space wider than LOOSE_SPACES spaces if justified, is set
    flush left: one space between its words, its end short of the column's; the lines around it stay justified."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    result = _build(tmp_path, {"abstracts.yaml": _abstract(XDC_VIDEO)}, "A4", alone=True)
    index = result.anchors["abstract-0"] - 1
    lines = _text_lines(result.output, index, _top_of_text(result.output, index, "In April"))
    assert not any(words.startswith(("-", "\ufffe")) for _, _, words in lines)
    lines = [line for line in lines if line[0] < lines[0][0] + 20]  # (the first column's, top down)
    texts = [words for _, _, words in lines]
    at = texts.index("queue(https://www.khronos.org/blog/")  # (the lines' characters, without their spaces)
    assert texts[at + 1].startswith("an-introduction-to-vulkan-video).")
    column_right = max(right for _, right, _ in lines)
    assert lines[at][1] < column_right - 20  # (flush left: well short of the column's right edge)
    assert lines[at - 1][1] == pytest.approx(column_right, abs=1.5)  # (justified, as the one before)
    assert lines[at + 1][1] == pytest.approx(column_right, abs=1.5)  # (and the one after)
    page = pdfium.PdfDocument(str(result.output))[index].get_textpage()
    start = page.get_text_range().find("queue (https")
    gap = page.get_charbox(start + 6, loose=True)[0] - page.get_charbox(start + 4, loose=True)[2]
    assert gap < 1.5 * stringWidth(" ", "Body", 10.5)  # (one space, as set: not stretched)


_DPGS = ("Keynote Presentation:\n\n1. Brief introduction to the UN's Sustainable Development Goals and the urgency of "
         "achieving them within the next five years.\n\n2. The unique role of open source solutions in bridging "
         "critical gaps and delivering scalable, impactful innovations in health, education, climate action, and "
         "beyond.\n\n3. The Power of Digital Public Goods (DPGs):\n\n4. Introduction to Digital Public Goods, their "
         "role in achieving the SDGs, and how the DPG Standard ensures openness, scalability, and ethical "
         "implementation.\n\n5. Case studies of impactful DPGs, showcasing their real-world benefits in addressing "
         "systemic global challenges.\n\n6. Key areas of focus:\n\nDigital Inclusion: Bridging digital divides "
         "through open collaboration and equitable access.")


_KEY = ("Proposed Format:\n\n1. Introduction: DPGs and the DPG Standard Overview of DPGs, their role in advancing the "
        "SDGs, and how the DPG Standard ensures trust, security, and interoperability.\n\n2. Key updates to the DPG "
        "Standard, including:\n\n--Enhanced privacy requirements. -- Ethical AI provisions for transparency and "
        "accountability.\n\n1. UNICEF's Showcase: Primero and their European Implementations\n\n2. Highlighting "
        "Primero as a transformative DPG for managing child protection and gender-based violence data.")


@pytest.mark.parametrize("height, steps, ending, ends, firsts", [
    (220, range(200, 330, 3), _DPGS, ("(DPGs):", "areas of focus:"), ("4. Introduction", "Digital Inclusion")),
    (500, range(20, 150, 3), _KEY, ("including:",), ("--Enhanced privacy",))], ids=["running-on", "balanced"])
def test_a_list_item_ending_with_a_colon_never_ends_a_column_apart_from_what_it_leads_into(tmp_path, height, steps,
                                                                                            ending, ends, firsts):
    """FOSDEM 2025 on A4, p. 58: "3. The Power of Digital Public Goods (DPGs):" ended the left column, "4. Introduction
    to Digital Public Goods, ..." heading the right one; p. 335, in a section's balanced last columns, "2. Key updates
    to the DPG Standard, including:" ended the left column, "--Enhanced privacy requirements. ..." heading the right.
    An item ending with a colon is kept with what follows (an item, a paragraph), as a paragraph ending so is:
    wherever the columns break (a third of a line further on at each step; on pages the text runs over, 220 points
    tall, and in the balanced columns of its last page), the line under it in its column is what follows' first."""
    found = _below_call_and_lead_in(tmp_path, steps, height, ending, ends)
    for below, first in zip(found, firsts):
        assert len(below) == len(steps)
        assert all(line and line.startswith(norm(first)) for line in below), below


_TIPS = ("Join me as I walk you through my journey, motivation, challenges, and tips for:\n\n– Building a community "
         "around your open source project\n\n– Increasing visibility and attracting contributors\n\n– Navigating "
         "social media and livestreaming to grow your audience\n\nAnd more! Along the way, I'll share insights from "
         "other maintainers, highlighting what works and what doesn't.\n\nBlood, sweat, and code: it's all here, "
         "for the love of open source!")


def test_balanced_columns_never_end_one_with_a_line_leading_into_a_list_its_items_in_the_next(tmp_path):
    """FOSDEM 2025 on A4, p. 206: balancing an abstract's last columns, "Join me as I walk you through my journey,
    motivation, challenges, and tips for:" ended the left column, its list ("– Building a community ...") heading the
    right one. The index's rule (a heading never ends a column with one of its entries, more to follow: both go on)
    took the list's first item, kept with the next, for a heading, and put it and the second item back, leaving the
    line leading into them at the foot. A list's first item is no heading, and what leads into what is put back goes
    with it: wherever the text ends (a third of a line further on at each step), the line under the lead-in in its
    column is the first item's."""
    steps = range(20, 150, 3)
    [tips] = _below_call_and_lead_in(tmp_path, steps, 500, _TIPS, ("tips for:",))
    assert len(tips) == len(steps)
    assert all(line and line.startswith(norm("– Building")) for line in tips), tips


_INTRODUCE = "I'm going to introduce\n\n– why it's necessary, even we already have tor\n\n– how to use it\n\n– what's the benefit"


@pytest.mark.parametrize("height, steps", [(220, range(200, 330, 3)), (500, range(20, 150, 3))],
                         ids=["running-on", "balanced"])
def test_a_short_line_running_on_into_a_list_without_a_colon_never_ends_a_column_apart_from_it(tmp_path, height,
                                                                                               steps):
    """DebConf17 on A4, p. 50: "I'm going to introduce" (no colon: its sentence goes on in the list) ended the left
    column of balanced columns, its three items in the right. A short paragraph with no end to its sentence right
    before a list leads into it as one ending with a colon does: wherever the columns break (a third of a line
    further on at each step; balanced, and running on to the next page), the line under it in its column is the
    list's first item's."""
    [lines] = _below_call_and_lead_in(tmp_path, steps, height, _INTRODUCE, ("going to introduce",))
    assert len(lines) == len(steps)
    assert all(line and line.startswith(norm("– why it")) for line in lines), lines


@pytest.mark.parametrize("lead, kept", [("I'm going to introduce", True), ("We cover 3", True), ("Such as, ", True),
                                        ("Write to <jane@example.org>", False), ("Fish & chips &", False),
                                        ("That is all.", False), ("Bring a laptop (and a charger)", False)])
def test_only_a_short_line_ending_in_a_letter_digit_or_comma_as_shown_runs_on_into_a_list(tmp_path, lead, kept):
    """The lead-in without a colon (_RUNS_ON) is told by the last character the paragraph shows: a letter, a digit or a
    comma; not an escaped "&gt;" or "&amp;" (its markup's entity, read as a letter: a line ending with an address in
    angle brackets was kept with the list as one running on into it). Kept, the paragraph goes with the first item."""
    from booklet.check import check_folder
    from booklet.layout.common import Context

    booklet, _ = check_folder(write_conference(tmp_path / "conf", {"programme.yaml": None}))
    ctx = Context(booklet, page_for("A4"))
    made = ctx.paras(f"{lead}\n\n- first item\n\n- second item", ctx.styles.text)
    assert len(made) == 3
    assert [bool(getattr(para.style, "keepWithNext", 0)) for para in made] == [kept, kept, False]


def test_a_flowing_abstract_in_columns_never_starts_at_a_pages_foot_with_fewer_than_four_lines_of_its_text(tmp_path):
    """39C3 on A4, p. 293: "Häkeln für Anfänger" started at the page's foot, its header over a line of its text in the
    first column ("Häkeln für Anfänger", a paragraph of its own) and two in the second. Its heading's orphan: no
    fewer than TAIL_LINES lines of its text stay under the header (as on a page of one column), or it starts the next
    page. The abstract before it a few words longer at each step pushes it down the page's foot: on the page where it
    starts, 4 lines of its text or more (counted in both columns), or it starts that page."""
    from booklet.layout.abstracts import TAIL_LINES

    text = "A short first line\n\n" + "\n\n".join(_text(90, p) for p in range(6))
    counts = []
    # (as set: 4, 4, 3, 3, 1 and 1 lines from 1,332 words in steps of 8, then at the top of the next page: a step of 16
    # still gives 4, 3 and 1 lines, and the top of the next page)
    for words in range(1332, 1388, 16):
        entries = (f"- id: e0\n  title: Filler entry\n  speaker: {{name: Ana Smith}}\n  abstract: {_text(words)} end.\n"
                   f"- id: e1\n  title: Second entry\n  speaker: {{name: Bo Jones}}\n  abstract: |\n"
                   + "".join(f"    {line}\n" if line else "\n" for line in text.split("\n")))
        result = _build(tmp_path / str(words), {"abstracts.yaml": entries, "programme.yaml": None}, "A4",
                        alone=True)
        lines = [line for _, _, line in _text_lines(result.output, result.anchors["abstract-1"] - 1, 0)]
        header = next(at for at, line in enumerate(lines) if "Secondentry" in line)
        assert lines[header + 1] == "BoJones", lines[header:header + 2]
        moved = result.anchors["end:abstract-0"] < result.anchors["abstract-1"]  # (it starts the next page)
        counts.append((moved, len(lines) - header - 2))  # (the lines under the speaker's name: the text's)
    assert all(moved or below >= TAIL_LINES for moved, below in counts), counts
    assert any(moved for moved, _ in counts) and any(not moved for moved, _ in counts), counts


_AREAS = ("The Global Digital Compact has two key areas of focus:\n\n1. Digital inclusion:\n\n2. Bridging digital divides "
          "through open collaboration and equitable access, in every country and for every community alike.\n\n"
          "3. Open source as a foundation: recognizing open technologies as a cornerstone of global cooperation and "
          "innovation.\n\n4. Special announcements by the Digital Public Goods Alliance.")


@pytest.mark.parametrize("height, steps", [(220, range(200, 330, 3)), (500, range(20, 150, 3))],
                         ids=["running-on", "balanced"])
def test_a_line_leading_into_a_list_whose_first_item_leads_into_the_next_never_ends_a_column_alone(tmp_path, height,
                                                                                                  steps):
    """A list's first item ending with a colon ("1. Digital inclusion:") is kept with the next as a heading is; at a
    column's foot with that next item, more items to follow, both go on (the index's rule: a heading never ends a
    column with one of its entries), and so does the line leading into the list ("... two key areas of focus:"), not
    left alone at the foot: wherever the columns break, the line under it in its column is the first item's."""
    [areas] = _below_call_and_lead_in(tmp_path, steps, height, _AREAS, ("focus:",))
    assert len(areas) == len(steps)
    assert all(line and line.startswith(norm("1. Digital inclusion")) for line in areas), areas


_LONG_LEAD_IN = " ".join(WORDS * 3) + " and more as follows:"


@pytest.mark.parametrize("intro, mark", [("Intro:", "{}. "), ("Intro:", "Part "), (_LONG_LEAD_IN, "{}. ")],
                         ids=["items", "paragraphs", "after-a-long-lead-in"])
def test_a_run_of_lines_each_ending_with_a_colon_taller_than_a_column_fills_the_columns(tmp_path, intro, mark):
    """120 list items (or short paragraphs) each ending with a colon, each kept with the next: a run taller than a
    column, which no column can keep with what follows. Giving back to the next column all the run but the column's
    first line set them one a column, two to a page, pages left empty under them (after a long lead-in, kept with
    them: the page held the lead-in alone); they fill the columns, every
    page but the last holding a column's worth each side, all in order."""
    count = 120
    text = intro + "\n\n" + "\n\n".join(f"{mark.format(n)}Item number {n} of the list:" for n in range(1, count + 1)) \
        + "\n\nEnd."
    result = _build(tmp_path, {"abstracts.yaml": _abstract(text)}, "A4", alone=True)
    pdf = Pdf(result.output)
    start, end = result.anchors["abstract-0"], result.anchors["end:abstract-0"]
    found = [[int(n) for n in re.findall(r"Item number (\d+) of", " ".join(pdf.lines(page - 1)))]
             for page in range(start, end + 1)]
    assert [n for numbers in found for n in numbers] == list(range(1, count + 1))
    assert len(found) <= 3 and all(len(numbers) >= 40 for numbers in found[:-1]), [len(n) for n in found]


_KWINFT = ("This talk presents an overview of the KWinFT project in 2021. The following topics will be discussed:\n\n"
           "– original motives for founding the KWinFT project,\n\n– recap of previous developments in 2020,\n\n"
           "– overview of current developments,\n\n– project organisation and scaling,\n\n– embedding in the "
           "ecosystem: long-term plan for KWinFT as a C++ library collection for the creation of feature-rich Wayland "
           "(and X11) compositors.")


def test_columns_at_a_pages_foot_never_end_with_a_lead_in_its_list_in_the_next_column_or_page(tmp_path):
    """XDC 2021 (A4 p. 12): "KWinFT in 2021" started at a page's foot, its two-line lead-in ("... will be discussed:")
    alone in the first column and its list in the second; DebConf17 (A4 p. 48): a lead-in's last lines alone at the
    top of the second column, its list on the next page. Columns at a page's foot holding a few lines (FOOT_LINES) do
    not end so: they start on the next page, the abstract's header with them. An abstract a line longer at each step
    pushes XDC's down the page: wherever it falls, the line under "discussed:" in its column is the list's first
    item, and the abstract's header is on that page."""
    def entry(ident: str, title: str, text: str) -> str:  # (an item of abstracts.yaml)
        return (f"- id: {ident}\n  title: {title}\n  speaker: {{name: Ana Smith}}\n  abstract: |\n"
                + "".join(f"    {line}\n" if line else "\n" for line in text.split("\n")))

    middle = page_for("A4").width / 2
    moved = 0
    # (XDC's from 6 lines above the page's foot to 2, a line a step (12 words): with FOOT_LINES 0, those of 546 to 582
    # end a column with the lead-in; 534 and 594 do not, nor does any with FOOT_LINES 3. Those two either side, the
    # first such and one between: 546 fails with FOOT_LINES 0)
    for extra in (534, 546, 570, 594):
        first = "\n\n".join([_text(600), _text(150 + extra, 5) + " endfirst."])
        abstracts = entry("a", "The first one", first) + entry("b", "KWinFT in 2021", _KWINFT) + entry(
            "c", "The last one", _text(40))  # (not the last, which is set closer to fit where it can: flowing_entry)
        result = build_booklet(write_conference(tmp_path / f"c{extra}", {"abstracts.yaml": abstracts,
                                                                       "programme.yaml": None,
                                                                       "tutorials.yaml": None}),
                               tmp_path / f"b{extra}.pdf", "A4")
        page = next(n for n, text in enumerate(Pdf(result.output).norms) if norm("discussed:") in text)
        lines = _text_lines(result.output, page, 0)
        for side in (lambda left: left < middle, lambda left: left >= middle):
            column = [norm(text) for left, _, text in lines if side(left)]
            at = [n for n, text in enumerate(column) if text.endswith(norm("discussed:"))]
            if at:
                assert at[0] + 1 < len(column) and column[at[0] + 1].startswith(norm("– original")), (extra, column)
        assert norm("KWinFT in 2021") in Pdf(result.output).norms[page], extra
        moved += result.anchors["abstract-1"] > result.anchors["end:abstract-0"]
    assert moved, moved  # (some of them moved on to open the next page)


_OVERVIEW = ("Overview of challenges Vumi addresses:\n\n" + "\n\n".join(
    f"{name}: {_text(60, start)}" for start, name in enumerate(("Scalability", "Barriers to entry", "Reliability"))))


def test_a_heading_at_a_columns_foot_keeps_a_whole_paragraph_under_it_the_column_filled(tmp_path):
    """EuroPython 2014 on A4, p. 55: "Overview of challenges Vumi addresses:" (kept with what follows) and its first
    paragraph, 10 lines, fitted whole at the second column's foot, more paragraphs to follow; the index's rule (a
    heading never ends a column with one of its entries) sent both on to the next page, the second column left 14
    lines short of the first. A paragraph of two lines or more ends a column under its heading as it would a page:
    wherever the text breaks (a first paragraph longer by 4 words at each step, on pages 220 points tall, 15 lines a
    column), every page the text runs on from holds as many lines in its second column as in its first, give or take
    3 (a heading's line and the two first lines of its paragraph, which go on together where the paragraph is cut),
    and the line under the heading's is its paragraph's first. (With the index's rule: 4 lines beside 15.)"""
    pages = _columns_a_page(tmp_path, [f"Firstword {_text(words)} endfiller.\n\n{_OVERVIEW} Lastword."
                                       for words in range(150, 280, 4)])
    counts, under_heading = [], []
    for left, right in pages:
        under_heading += [column[n + 1] if n + 1 < len(column) else None for column in (left, right)
                          for n, line in enumerate(column) if line.endswith(norm("Vumi addresses:"))]
        if not any(norm("Lastword") in line for line in left + right):  # (a page the text runs on from)
            counts.append((len(left), len(right)))
    assert len(counts) >= 30 and all(abs(left - right) <= 3 for left, right in counts), counts
    assert under_heading and all(line and line.startswith(norm("Scalability")) for line in under_heading), under_heading


def test_a_heading_and_its_one_line_paragraph_go_on_from_a_columns_foot_and_end_a_page(tmp_path):
    """A heading over a whole paragraph of one line (shorter than HEADED_LINES) at the foot of a column goes on with it
    to the next column, as the index's "O / Ortiz" does; at the page's foot (its last column) they stay, as they do at
    a page's foot in one column: wherever the text breaks (a first paragraph longer by 4 words at each step, on pages
    220 points tall, 15 lines a column), the left column never ends with the heading and its line, more text to
    follow, the right column does on some pages, and the line under the heading's is its paragraph's. (Sent on from
    the last column too, they never ended it: they opened the next page, 2 lines or more left empty above them.)"""
    pages = _columns_a_page(tmp_path, [
        f"Firstword {_text(words)} endfiller.\n\nOverview of the challenges:\n\nOne line alone.\n\n{_text(240, 5)}"
        for words in range(60, 300, 4)])
    heading = norm("Overview of the challenges:")
    under_heading, feet, moved = [], [], 0
    for left, right in pages:
        for column in (left, right):
            at = [n for n, line in enumerate(column) if line == heading]
            under_heading += [column[n + 1] if n + 1 < len(column) else None for n in at]
            feet += ["left" if column is left else "right" for n in at if n + 2 == len(column)]
        moved += bool(right) and right[0] == heading  # (on from the left column's foot, or no room there)
    assert under_heading and all(line == norm("One line alone.") for line in under_heading), under_heading
    assert "right" in feet and "left" not in feet and moved, (feet, moved)  # (at the page's foot some; at the left
    # column's, never)


def test_a_paragraph_of_web_addresses_split_between_columns_keeps_its_lines_and_the_columns_balance(tmp_path):
    """FOSDEM 2025 on A4 ("Syd", p. 185): a paragraph of web addresses split between two columns had its first part
    broken again on its own, its addresses broken after a slash where the whole had broken them in their host names,
    and it came out a line taller than the lines that fit at any height: the split gave 17 lines for any column from
    17 lines to 29, and the columns ended 12 lines apart. The left column's part is now the paragraph's own first
    lines, and the columns balance."""
    text = "Firstword " + _text(40) + "\n\n" + ADDRESSES + "\n\n" + _text(200, 5) + " lastword."
    result = _build(tmp_path, {"abstracts.yaml": _abstract(text), "theme.yaml": "abstracts: {layout: page}\n"}, "A4",
                    alone=True)
    index = result.anchors["abstract-0"] - 1
    lines = _text_lines(result.output, index, _top_of_text(result.output, index, "Firstword"))
    middle = lines[0][0] + page_for("A4").text_width / 2
    left = [text for l, _, text in lines if l < middle]
    right = [text for l, _, text in lines if l > middle]
    assert left[0].startswith("Firstword") and right[-1].endswith("lastword.")
    assert abs(len(left) - len(right)) <= 2, (len(left), len(right))
    assert any(line.endswith("(https://falco") for line in left + right)  # (as the whole paragraph broke it)
