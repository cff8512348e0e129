"""Profile one booklet build in-process with cProfile: the top functions by cumulative and own time.

    .venv/bin/python bench/profile_build.py [SIZE] [--ref REV] [--top 25]

SIZE is sample, 500 (default), 2000 or TALKSxPOSTERS, as for bench/run.py. The report is printed
and written to bench/out/profile-SIZE.txt; the raw stats go to bench/out/profile-SIZE.prof
(open with `python -m pstats` or snakeviz).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from run import OUT, data_folder, source_tree  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("size", nargs="?", default="500")
    parser.add_argument("--ref", default=None, help="profile this git revision instead of the working tree")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()

    OUT.mkdir(parents=True, exist_ok=True)
    src = source_tree(args.ref)
    sys.path.insert(0, str(src))
    folder, _, _ = data_folder(args.size, src)

    from booklet.build import build_booklet  # imported before profiling: the build, not the imports

    profiler = cProfile.Profile()
    start = time.perf_counter()
    profiler.enable()
    result = build_booklet(folder, OUT / f"profile-{args.size}.pdf")
    profiler.disable()
    wall = time.perf_counter() - start

    profiler.dump_stats(OUT / f"profile-{args.size}.prof")
    text = io.StringIO()
    text.write(f"booklet build of {args.size} ({folder}), source {src}: {result.pages} pages, "
               f"{wall:.2f} s under cProfile\n")
    for key in ("cumulative", "tottime"):
        text.write(f"\n=== top {args.top} by {key} ===\n")
        stats = pstats.Stats(profiler, stream=text)
        stats.strip_dirs().sort_stats(key).print_stats(args.top)
    report = text.getvalue()
    print(report)
    (OUT / f"profile-{args.size}.txt").write_text(report, encoding="utf-8")


if __name__ == "__main__":
    main()
