"""A booklet's paragraphs -> the time drawing them takes, booklet's way and ReportLab's, and whether the PDFs agree.

    .venv/bin/python bench/linedraw_bench.py [DATA ...] [--runs 15]

DATA: data folders (default: the sample, `data/`; bench/generate.py makes bigger ones, e.g.
bench/out/data-500x1000). Each is built once in this process (disk cache off), and every paragraph whose lines
are broken is kept (bench/linebreak_bench.py's `collect`), then laid out again at its width. Each is drawn on
one canvas as booklet draws it (MathParagraph.drawPara: ReportLab's drawPara with text.linedraw.put_frag_line,
and the text object's _subset_text) and on another by ReportLab's own drawPara and _formatText; the two
canvases' operators are compared. Then all are drawn `--runs` times each way, alternately, the garbage
collector off, and the fastest and the median run of each are printed. It reports and never fails.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from reportlab.pdfgen.canvas import Canvas  # noqa: E402
from reportlab.platypus.paragraph import Paragraph  # noqa: E402

from booklet.text import paragraph as mathparagraph  # noqa: E402
from booklet.text.paragraph import MathParagraph  # noqa: E402
from linebreak_bench import collect  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="*", type=Path, default=[ROOT / "data"])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    os.environ["BOOKLET_CACHE"] = "off"
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    entries = collect(args.data, out / "linedraw-bench.pdf")
    paragraphs = []
    for text, bullet, style, width in entries:
        para = MathParagraph(text, style, bulletText=bullet)
        para.wrap(width[0] if isinstance(width, list) else width, 100_000)
        paragraphs.append(para)
    ours, checked = mathparagraph._DRAW_PARA, mathparagraph._CHECKED

    def way(booklet: bool) -> None:
        mathparagraph._DRAW_PARA = ours if booklet else Paragraph.drawPara
        mathparagraph._CHECKED = checked if booklet else False

    def draw() -> Canvas:
        canvas = Canvas(str(out / "linedraw-bench-canvas.pdf"))
        canvas.setNamedCB("person", lambda *a: None)
        for para in paragraphs:
            para.drawOn(canvas, 10, 10)
        return canvas

    try:
        codes = []
        for booklet in (True, False):
            way(booklet)
            codes.append(draw()._code)
        print(f"{len(paragraphs)} paragraphs; the operators agree: {codes[0] == codes[1]}")
        gc.disable()
        times: dict[bool, list[float]] = {True: [], False: []}
        for _ in range(args.runs):
            for booklet in (True, False):
                way(booklet)
                start = time.process_time()
                draw()
                times[booklet].append(time.process_time() - start)
    finally:
        gc.enable()
        way(True)
    for booklet, label in ((True, "booklet (text.linedraw)"), (False, "ReportLab's drawPara")):
        print(f"{label}: fastest {min(times[booklet]):.3f} s, median {statistics.median(times[booklet]):.3f} s "
              f"of {args.runs} runs (CPU)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
