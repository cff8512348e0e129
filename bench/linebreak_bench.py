"""A booklet's paragraphs -> the time their lines take to break, booklet's way and ReportLab's, and whether they agree.

    .venv/bin/python bench/linebreak_bench.py [DATA ...] [--runs 5]

DATA: data folders (default: the sample, `data/`; bench/generate.py makes bigger ones, e.g.
bench/out/data-500x1000). Each is built once in this process (disk cache off), and every paragraph whose lines
are broken is kept: its markup, style and widths. Then each is broken again, from fresh fragments, by
MathParagraph.breakLines (booklet/text/linebreak.py) and by ReportLab's own loop given booklet's helpers
(text.paragraph._HELPERS.fallback: booklet's hyphenation breaks a compound at its hyphen only and a web address
more than once), and everything breaking leaves behind is compared (lines, fragments, the paragraph's list of
words, counts). Last,
all of them are broken `--runs` times each way, alternately, the garbage collector off: the fastest run of
each is printed, against ReportLab's loop given booklet's helpers (text.paragraph._HELPERS.fallback: what
booklet broke lines with before text.linebreak), and against ReportLab's loop as it is.
It reports and never fails.
"""

from __future__ import annotations

import argparse
import copy
import gc
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportlab.platypus.paragraph import Paragraph  # noqa: E402

from booklet.build import build_booklet  # noqa: E402
from booklet.text import paragraph as mathparagraph  # noqa: E402
from booklet.text.paragraph import MathParagraph  # noqa: E402


def plain(value):
    """`value` with every list, tuple and object made into what compares by value (classes kept)."""
    if isinstance(value, (list, tuple)):
        return type(value).__name__, [plain(item) for item in value]
    if hasattr(value, "__dict__") and not isinstance(value, type):
        return type(value).__name__, {name: plain(item) for name, item in value.__dict__.items()}
    return type(value).__name__, value


def collect(folders: list[Path], out: Path) -> list[tuple]:
    """(markup, bullet, style, widths) of every paragraph the builds of `folders` broke into lines."""
    kept: list[tuple] = []
    ours, setup = MathParagraph.breakLines, MathParagraph._setup

    def breaking(self, width):
        kept.append((self.__dict__.get("_bench_text"), self.bulletText, self.style, copy.copy(width)))
        return ours(self, width)

    def noting(self, text, style, bulletText, frags, cleaner):
        if frags is None:
            self._bench_text = text
        return setup(self, text, style, bulletText, frags, cleaner)

    MathParagraph.breakLines, MathParagraph._setup = breaking, noting
    try:
        for folder in folders:
            build_booklet(folder, out, jobs=1)
    finally:
        MathParagraph.breakLines, MathParagraph._setup = ours, setup
    return [entry for entry in kept if entry[0] is not None]  # a part split off a paragraph: not from markup


def _fresh(entries):
    return [(MathParagraph(text, style, bulletText=bullet), copy.copy(width)) for text, bullet, style, width in entries]


def alike(one, other) -> bool:
    """plain(one) == plain(other), found by walking both at once, making neither (a paragraph's lines and words are
    thousands of values: the walk stops at the first that differs)."""
    kind, other_kind = type(one), type(other)
    if kind.__name__ != other_kind.__name__:
        return False
    if kind is other_kind and kind in _SCALARS:  # (the most of them)
        return one is other or one == other
    sequence, other_sequence = isinstance(one, (list, tuple)), isinstance(other, (list, tuple))
    attributes = not sequence and hasattr(one, "__dict__") and not isinstance(one, type)
    other_attributes = not other_sequence and hasattr(other, "__dict__") and not isinstance(other, type)
    if (sequence, attributes) != (other_sequence, other_attributes):
        return plain(one) == plain(other)  # (a list against a value: as plain compares them)
    if sequence:
        return len(one) == len(other) and all(map(alike, one, other))
    if attributes:
        mine, theirs = vars(one), vars(other)
        return mine.keys() == theirs.keys() and all(alike(value, theirs[name]) for name, value in mine.items())
    return one is other or one == other


_SCALARS = frozenset({str, int, float, bool, bytes, type(None)})  # (values with no attributes, not lists)


def left_behind(breaking, text, bullet, style, width) -> tuple:
    """All that `breaking` (a breakLines) leaves behind for the paragraph of `text` at `width`: the lines, the
    paragraph's list of words, its widest line, counts of hyphenations and split words, height, and the widths
    (which breaking may change). Compared by `alike` (or made comparable by `plain`)."""
    para = MathParagraph(text, style, bulletText=bullet)
    widths = copy.copy(width)
    lines = breaking(para, widths)
    return lines, para.frags, para._width_max, para._hyphenations, para._splitLongWordCount, para.height, widths


def broken(breaking, text, bullet, style, width):
    """left_behind, comparable (plain)."""
    return plain(left_behind(breaking, text, bullet, style, width))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", nargs="*", type=Path, default=[ROOT / "data"])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.environ["BOOKLET_CACHE"] = "off"
    entries = collect(args.data, ROOT / "bench" / "out" / "linebreak-bench.pdf")
    differ = [entry for entry in entries
              if broken(MathParagraph.breakLines, *entry) != broken(mathparagraph._HELPERS.fallback, *entry)]
    print(f"{len(entries)} paragraphs from {', '.join(str(folder) for folder in args.data)}; "
          f"broken otherwise than by ReportLab: {len(differ)}")
    ways = {"booklet (text.linebreak)": MathParagraph.breakLines,
            "ReportLab's loop, booklet's helpers": mathparagraph._HELPERS.fallback,
            "ReportLab's loop as it is": Paragraph.breakLines}
    best = dict.fromkeys(ways, float("inf"))
    gc.collect()
    gc.disable()
    try:
        for _ in range(args.runs):
            for name, breaking in ways.items():
                paragraphs = _fresh(entries)
                start = time.process_time()
                for para, width in paragraphs:
                    breaking(para, width)
                best[name] = min(best[name], time.process_time() - start)
    finally:
        gc.enable()
    for name, seconds in best.items():
        print(f"{name:38} {seconds:6.3f} s of CPU (fastest of {args.runs})")


if __name__ == "__main__":
    main()
