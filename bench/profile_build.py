"""Where one booklet build spends its time: imports, phases, and a cProfile of the build.

    .venv/bin/python bench/profile_build.py [SIZE] [--ref REV] [--top 25]

SIZE is sample, 500 (default), 2000 or TALKSxPOSTERS, as for bench/run.py. Three fresh processes:

1. the imports `booklet build` needs, timed (`import booklet.cli, booklet.build`);
2. the build without a profiler, timed phase by phase (the functions that booklet.build calls:
   read_booklet, check_folder, build_story, lint, render_pdf, whichever exist);
3. the build under cProfile: the top functions by cumulative and by own time (cProfile slows
   small Python functions down more than big ones: read its shares as a map, not a measurement).

The report is printed and written to bench/out/profile-SIZE.txt; the raw stats go to
bench/out/profile-SIZE.prof (open with `python -m pstats` or snakeviz).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from run import OUT, data_folder, source_tree  # noqa: E402

PHASES = ("read_booklet", "check_folder", "build_story", "lint", "render_pdf")  # check_folder: read + lint


def _imports() -> str:
    start = time.perf_counter()
    import booklet.build  # noqa: F401
    import booklet.cli  # noqa: F401

    return f"imports (booklet.cli, booklet.build and what they import): {time.perf_counter() - start:.2f} s"


def _phases(folder: Path, output: Path) -> str:
    import booklet.build as build

    spent: dict[str, float] = {}

    def timed(name, fn):
        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[name] = spent.get(name, 0.0) + time.perf_counter() - start
        return wrapper

    for name in PHASES:
        if hasattr(build, name):
            setattr(build, name, timed(name, getattr(build, name)))
    start = time.perf_counter()
    result = build.build_booklet(folder, output)
    total = time.perf_counter() - start
    lines = [f"build_booklet: {total:.2f} s, {result.pages} pages"]
    for name in PHASES:
        if name in spent:
            lines.append(f"  {name:<13} {spent[name]:6.2f} s  {100 * spent[name] / total:4.0f}%")
    rest = total - sum(spent.values())
    lines.append(f"  {'(the rest)':<13} {rest:6.2f} s  {100 * rest / total:4.0f}%")
    return "\n".join(lines)


def _profile(folder: Path, output: Path, top: int, size: str) -> str:
    from booklet.build import build_booklet

    profiler = cProfile.Profile()
    start = time.perf_counter()
    profiler.enable()
    result = build_booklet(folder, output)
    profiler.disable()
    wall = time.perf_counter() - start
    profiler.dump_stats(OUT / f"profile-{size}.prof")
    text = io.StringIO()
    text.write(f"under cProfile: {wall:.2f} s, {result.pages} pages\n")
    for key in ("cumulative", "tottime"):
        text.write(f"\n=== top {top} by {key} ===\n")
        pstats.Stats(profiler, stream=text).strip_dirs().sort_stats(key).print_stats(top)
    return text.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("size", nargs="?", default="500")
    parser.add_argument("--ref", default=None, help="profile this git revision instead of the working tree")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--part", choices=("imports", "phases", "profile"), help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    OUT.mkdir(parents=True, exist_ok=True)
    src = source_tree(args.ref)
    sys.path.insert(0, str(src))
    output = OUT / f"profile-{args.size}.pdf"
    if args.part == "imports":
        print(_imports())
        return
    if args.part == "phases":
        print(_phases(args.folder, output))
        return
    if args.part == "profile":
        print(_profile(args.folder, output, args.top, args.size))
        return

    folder, _, _ = data_folder(args.size, src)
    env = {**os.environ, "PYTHONPYCACHEPREFIX": str(OUT / "pycache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    report = [f"booklet build of {args.size} ({folder}), source {src}"]
    for part in ("imports", "imports", "phases", "profile"):  # imports twice: the first compiles and caches
        cmd = [sys.executable, __file__, args.size, "--part", part, "--folder", str(folder), "--top", str(args.top)]
        if args.ref:
            cmd += ["--ref", args.ref]
        done = subprocess.run(cmd, env=env, capture_output=True, text=True)
        report.append((done.stdout + done.stderr).rstrip())
    del report[1]
    text = "\n\n".join(report) + "\n"
    print(text)
    (OUT / f"profile-{args.size}.txt").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
