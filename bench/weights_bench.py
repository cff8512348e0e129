"""A data folder -> the CPU each heavy piece of the story takes alone, and the weights of `--jobs`'s plan it gives.

    .venv/bin/python bench/weights_bench.py [DATA] [--runs 3]

DATA: a data folder (default bench/out/data-500x1000, which bench/generate.py makes). In this process, the
programme, the abstracts and the posters are each made (their flowables), laid out and drawn on their own,
`--runs` times in turn (disk cache off; what links to another piece is left unsaved), and the fastest of each
is taken. Printed: each piece's CPU seconds and weight (booklet.output.parallel), seconds per unit of weight,
and what a poster and a programme item would weigh, in abstract pages, by these times
(parallel.WEIGHTS has 0.47 and 0.15: the builds in parts found a poster heavier than this measure does;
see docs/performance.md). It reports and never fails.
"""

from __future__ import annotations

import argparse
import gc
import io
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from booklet.cache import disk  # noqa: E402
from booklet.check import read  # noqa: E402
from booklet.layout.common import Context  # noqa: E402
from booklet.layout.flowables import made  # noqa: E402
from booklet.layout.page import page_for  # noqa: E402
from booklet.layout.story import story_pieces  # noqa: E402
from booklet.output import parallel  # noqa: E402
from booklet.output.render import render_pdf  # noqa: E402

PIECES = ("programme", "abstracts", "posters")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", nargs="?", type=Path, default=ROOT / "bench" / "out" / "data-500x1000")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    os.environ["BOOKLET_CACHE"] = "off"
    booklet, _ = read(args.data)
    page = page_for("A5")
    best = dict.fromkeys(PIECES, float("inf"))
    with disk.seldom_collected():
        for _ in range(args.runs):
            for name in PIECES:
                make = dict(story_pieces(Context(booklet, page)))[name]
                gc.collect()
                start = time.process_time()
                try:
                    render_pdf(made(make()), io.BytesIO(), page=page, title="t", short_title="t", subject="s",
                               language="en")
                except ValueError:  # a link to a page of another piece: laid out and drawn, not all saved
                    pass
                best[name] = min(best[name], time.process_time() - start)
    weights = {name: parallel._piece_weight(booklet, name) for name in PIECES}
    for name in PIECES:
        print(f"{name:10} {best[name]:6.2f} s of CPU  weight {weights[name]:7.1f}  "
              f"{best[name] / weights[name] * 1000:5.2f} ms per unit" if weights[name] else f"{name:10} (none)")
    page_cost = best["abstracts"] / len(booklet.abstracts)
    items = sum(sum(1 for _ in day.items()) for day in booklet.days)
    if booklet.posters:
        print(f"a poster by these times: {best['posters'] / len(booklet.posters) / page_cost:.3f} abstract pages "
              f"(plan: {parallel.WEIGHTS['poster']})")
    if items:
        print(f"a programme item: {best['programme'] / items / page_cost:.3f} (plan: {parallel.WEIGHTS['item']})")


if __name__ == "__main__":
    main()
