"""Two ReportLab 5.1 paragraph problems the benchmark ran into, each shown in a few lines.

    .venv/bin/python bench/reportlab_issues.py      # prints, for each, whether it still happens

It also builds a one-abstract conference (in a temporary folder) through booklet.build to show
that the second problem stops a real build.

Both come from the justified, hyphenated `text` style (hyphenationLang + embeddedHyphenation),
booklet's own (booklet.layout.styles.make_styles), and both reach booklet's output:

1. A second wrap at the same width loses an embedded hyphen: the first wrap breaks "age-velocity"
   after its hyphen, the second sets "agevelocity" (when the paragraph has more than one fragment,
   e.g. any <i>). booklet wraps many paragraphs more than once (Row.wrap then Row.split, keepWithNext
   groups, ImageAndFlowables, the parallel-tracks table), so words lose their hyphens in print: the
   500-talk benchmark booklet had two "agevelocity" in its posters. Wrapping once per width fixes
   this and saves time (docs/performance.md).
2. Splitting can return a first part taller than the height it was split for: with one height
   left on a page, a plain paragraph makes doc.build raise LayoutError "Splitting error(n==2)".
   booklet reports that as an internal error and writes nothing: a long abstract that crosses a
   page at the wrong height is enough.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import tempfile  # noqa: E402

from reportlab.platypus import Paragraph  # noqa: E402

from booklet.text.fonts import register_fonts  # noqa: E402
from booklet.layout.page import page_for  # noqa: E402
from booklet.layout.styles import make_styles  # noqa: E402

LOST_HYPHEN = ("We find a correlation between the age-velocity relation and the initial mass function, "
               "<i>p</i> &lt; 0.01.")
SPLIT_TOO_TALL = (
    "We present a nested sampling scheme for M dwarfs observed in a deep radio continuum survey. We compare "
    "the hierarchical Bayesian model with a variational autoencoder and find that both agree within $x^{2}$. "
    "The resulting catalogue of trans-Neptunian objects is *twice* as pure at the same completeness. "
    "Astronomers &amp; statisticians rarely share benchmarks; we propose one for exoplanet transits. For "
    "exoplanet transits with fewer than 787 epochs, periods are recovered in 98% of cases."
)


# One abstract whose third paragraph meets the page end at a height where the split goes wrong.
CRASH_ABSTRACT = "\n\n".join([
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore. " * 12,
    "Short line. " * 46,
    "We find a correlation between Hubble constant and period distribution with $p < 0.01$. Astronomers & "
    "statisticians rarely share benchmarks; we propose one for binary black holes. The method scales to "
    "catalogues of 10,000 sources on a single workstation. H$\\alpha$ maps of 625 fields reveal structure on "
    "scales below 2 kpc. A simple *rank-based* test detects the signal at the 8$\\sigma$ level. Using a "
    "Gaussian process, we recover the true parameters in 56% of simulated cases, compared with 44% for "
    "standard methods. We show that ignoring selection effects biases the inferred dust extinction by "
    "$\\sigma_{8}$. Model misspecification remains the main source of error when Cepheid variables are rare. "
    "Astronomers & statisticians rarely share benchmarks; we propose one for quasars. We present a nested "
    "sampling scheme for pulsar timing residuals observed in ten years of ground-based light curves. A simple "
    "*rank-based* test detects the signal at the 2$\\sigma$ level. Model misspecification remains the main "
    "source of error when M dwarfs are rare.",
])


def booklet_build_fails() -> str | None:
    """Build a one-abstract conference with booklet; the exception, if the build fails."""
    import json

    from booklet.build import build_booklet

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "conference.yaml").write_text(
            "title: T\ndates: {start: 2027-09-13, end: 2027-09-14}\nvenue: V\n", encoding="utf-8")
        abstract = {"id": "a", "title": "A title", "speaker": {"name": "Ana Smith"}, "abstract": CRASH_ABSTRACT}
        (folder / "abstracts.yaml").write_text("- " + json.dumps(abstract) + "\n", encoding="utf-8")
        try:
            build_booklet(folder, folder / "out.pdf")
        except Exception as exc:  # noqa: BLE001 - any failure is the finding
            return f"{type(exc).__name__}: {str(exc).splitlines()[0]}"
    return None


def _lines(paragraph: Paragraph) -> list[str]:
    return ["".join(f.text for f in line.words) if not isinstance(line, tuple) else " ".join(line[1])
            for line in paragraph.blPara.lines]


def lost_hyphen(style) -> str | None:
    for width in range(100, 400):
        p = Paragraph(LOST_HYPHEN, style)
        p.wrap(width, 1000)
        first = _lines(p)
        p.wrap(width, 1000)
        second = _lines(p)
        if first != second:
            return f"at width {width} pt: first wrap {first}, second wrap {second}"
    return None


def split_too_tall(style, width: float) -> str | None:
    for tenth in range(100, 1000):
        height = tenth / 10
        parts = Paragraph(SPLIT_TOO_TALL, style).split(width, height)
        if len(parts) == 2:
            _, needed = parts[0].wrap(width, height)
            if needed > height + 1e-6:
                return f"split for {height} pt, the first part needs {needed:.2f} pt"
    return None


def main() -> None:
    register_fonts()
    page = page_for("A5")
    style = make_styles(page).text
    for name, found in (("1. second wrap loses an embedded hyphen", lost_hyphen(style)),
                        ("2. split returns a first part taller than asked", split_too_tall(style, page.text_width))):
        print(f"{name}: {'HAPPENS, ' + found if found else 'not seen'}")
    failure = booklet_build_fails()
    print(f"2b. booklet build of a one-abstract conference: {'FAILS, ' + failure if failure else 'succeeds'}")


if __name__ == "__main__":
    main()
