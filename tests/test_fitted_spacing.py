"""An entry set tighter to fit its page (abstracts.fitted_page) as a typographer's review asks: the space between its
paragraphs, measured from the PDF's lines, never below SPACE_TIGHTEST of the theme's (the sample's A5 Tutorial 1 kept
half of it, 2.1 points, and its paragraphs read as one); an entry that fits only with its paragraphs closer than that
runs on, "(continued)", at the theme's spacing."""

from __future__ import annotations

import io

import pypdfium2 as pdfium
from PIL import Image

from booklet.build import build_booklet
from .helpers import write_conference
from .pdftext import Pdf, norm

DESCRIPTION = """\
This hands-on tutorial walks through a complete Bayesian analysis of an astronomical data set, from the first plot to
the final figure of the paper. We start with a straight-line fit with measurement errors in both variables, and grow
it step by step into a hierarchical model with intrinsic scatter and outliers.

At each step we follow the same loop: choose priors and check them with prior predictive simulations, fit the model
with Hamiltonian Monte Carlo, diagnose the sampler, and test the fit with posterior predictive checks. You will see how
a prior that looks harmless, such as a flat prior on a slope, implies strange things about the data, and how a
mis-specified error model shows up in the residuals long before it shows up in the goodness of fit of the model.

The tutorial uses Python notebooks that run in the browser, so no installation is needed. Some familiarity with Python
and with basic probability (what a likelihood is, what a posterior is) is assumed. Bring a laptop."""
MORE = " More text here to make it longer." * 9  # (the sample's Tutorial 1 over its page as in the sample: 0.044)

BIO = ("{name} is a senior researcher at the Brannvik Institute for Astrophysics, where the group works on stellar "
       "populations and hierarchical models. {name} has taught Bayesian statistics to astronomy students for more "
       "than ten years, and the lecture notes on probabilistic modelling are used in several graduate courses.")


def _portrait() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (600, 750), (90, 120, 60)).save(buf, "JPEG", quality=85)
    return buf.getvalue()


def _tutorial(description: str, presenters: int = 2) -> str:
    people = "".join(f"    - name: Presenter {n}\n      affiliation: Brannvik Institute for Astrophysics, Norway\n"
                     f"      bio: \"{BIO.format(name=f'Presenter {n}')}\"\n      photo: images/p.jpg\n"
                     for n in range(1, presenters + 1))
    text = description.replace("\n\n", "\\n\\n").replace("\n", " ")
    return (f"- id: fitted\n  title: A Bayesian workflow in practice\n  description: \"{text}\"\n"
            f"  presenters:\n{people}")


def _lines(path, index: int) -> list[tuple[float, str]]:
    """The page's lines of text (index 0-based): (baseline in points up from the page's foot, text), top first; a
    superscript or subscript taken with its line."""
    text = pdfium.PdfDocument(str(path))[index].get_textpage()
    whole = text.get_text_range()
    rows: dict[float, list] = {}
    for at, char in enumerate(whole):
        if not char.isspace():
            left, bottom, _, _ = text.get_charbox(at, loose=True)
            rows.setdefault(round(bottom, 1), []).append((left, char))
    return [(y, "".join(c for _, c in sorted(rows[y]))) for y in sorted(rows, reverse=True)]


def _paragraph_gaps(path, index: int, starts: list[str]) -> tuple[list[float], float]:
    """The extra space above each of the paragraphs starting `starts` on page `index` (its baseline's distance from
    the line above it, less the line spacing), and that line spacing (the distance between the lines of the first)."""
    lines = _lines(path, index)
    at = [next(k for k, (_, text) in enumerate(lines) if text.startswith(start.replace(" ", "")))
          for start in starts]
    pitch = lines[at[0]][0] - lines[at[0] + 1][0]
    return [lines[k - 1][0] - lines[k][0] - pitch for k in at[1:]], pitch


def test_a_tutorial_set_tighter_to_fit_its_page_keeps_a_visible_space_between_its_paragraphs(tmp_path):
    """The sample's A5 Tutorial 1 (p. 59), a few lines over its page, was fitted with its paragraphs' spaces halved
    first (2.1 points between paragraphs of 11.7-point lines, no indent: they read as one). Now the spaces around its
    presenters and its bios' and text's lines are set closer first: it fits its page, its paragraphs' spaces at
    SPACE_TIGHTEST of the theme's at least, and its lines no closer than TIGHTEST."""
    from booklet.layout.abstracts import SPACE_TIGHTEST, TIGHTEST
    from booklet.layout.common import Context
    from booklet.layout.page import page_for

    folder = write_conference(tmp_path / "conf", {"tutorials.yaml": _tutorial(DESCRIPTION + MORE),
                                                  "programme.yaml": None, "images/p.jpg": _portrait()})
    result = build_booklet(folder, tmp_path / "b.pdf")
    at, end = result.anchors["tutorial-1"] - 1, result.anchors["end:tutorial-1"] - 1
    pdf = Pdf(result.output)
    text = Context(result.booklet, page_for("A5")).styles.text
    gaps, pitch = _paragraph_gaps(result.output, at, ["This hands-on", "At each step", "The tutorial uses"])
    assert at == end and "continued" not in pdf.norms[at + 1]  # fitted on its page
    assert pitch < text.leading - 0.05  # (set tighter: the case)
    assert pitch >= TIGHTEST * text.leading - 0.05, pitch
    assert min(gaps) >= SPACE_TIGHTEST * text.spaceAfter - 0.05, (gaps, text.spaceAfter)
    assert min(gaps) >= pitch / 4, (gaps, pitch)  # a quarter of a line at least: was 2.2 points of 11.8


def test_a_tutorial_that_fits_only_with_its_paragraphs_closer_runs_on_at_their_space(tmp_path, monkeypatch):
    """A tutorial of many short paragraphs that fits its page only with their spaces closer than SPACE_TIGHTEST (it
    was fitted so, at half) runs on to a second page headed "... (continued)", its paragraphs as far apart as the
    theme sets them, on both pages."""
    from booklet.check import check_folder
    from booklet.layout import abstracts
    from booklet.layout.abstracts import SMALLEST, TIGHTEST, Tight, fits_a_page, section_heading
    from booklet.layout.common import Context
    from booklet.layout.page import page_for
    from booklet.layout.tutorials import _tutorial_story

    items = "\n\n".join(f"Step {n}: we fit the model again and check the fit with posterior predictive checks."
                        for n in range(1, 25))
    folder = write_conference(tmp_path / "conf", {"tutorials.yaml": _tutorial(items, presenters=1),
                                                  "programme.yaml": None, "images/p.jpg": _portrait()})
    booklet, _ = check_folder(folder)
    ctx = Context(booklet, page_for("A5"))
    tutorial = booklet.tutorials[0]

    def fits(tight: Tight) -> bool:  # (a Context of its own: its derived styles made with SPACE_TIGHTEST as it is)
        fresh = Context(booklet, page_for("A5"))
        return fits_a_page(fresh, [section_heading(fresh, "tutorials"), *_tutorial_story(fresh, tutorial, tight)])

    tightest = Tight(0.5, TIGHTEST, SMALLEST, 0.5, TIGHTEST)
    assert not fits(tightest)  # (its paragraphs no closer than SPACE_TIGHTEST, not on one page ...)
    with monkeypatch.context() as patched:
        patched.setattr(abstracts, "SPACE_TIGHTEST", 0.5)
        assert fits(tightest)  # (... but with their spaces halved, as they were)
    result = build_booklet(folder, tmp_path / "b.pdf")
    at, end = result.anchors["tutorial-1"] - 1, result.anchors["end:tutorial-1"] - 1
    pdf = Pdf(result.output)
    assert end == at + 1 and norm("A Bayesian workflow in practice (continued)") in pdf.norms[end]
    text = ctx.styles.text
    first, later = ([int(line[4:line.index(":")]) for _, line in _lines(result.output, page) if line.startswith("Step")]
                    for page in (at, end))
    assert first and later and first[-1] + 1 == later[0], (first, later)
    for page in (at, end):  # (each paragraph a line: from one to the next, a line and the paragraphs' space)
        lines = [y for y, line in _lines(result.output, page) if line.startswith("Step")]
        steps = [above - below for above, below in zip(lines, lines[1:])]
        assert min(steps) >= text.leading + text.spaceAfter - 0.05, (steps, text.leading, text.spaceAfter)
