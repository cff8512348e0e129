"""A cold `booklet build` of the sample: a new process each time, median of interleaved runs, against 0.35 s.

    .venv/bin/python bench/cold.py [--runs 7] [--ref REV] [--data DIR]

Each round runs, one after the other (so that a change in the machine's load hits them all alike):

- `build`: `python -m booklet build data -o ...` with booklet's disk cache filled by a build of the same
  data (the usual case: any build after the first on this machine, nothing changed since), in a cache
  folder of its own under bench/out/;
- `build after an edit`: the same on a copy of the data in which one abstract's text changed since the
  build before (a word put into the middle abstract of abstracts.yaml, or taken out again, before each
  run, untimed): the LOC's case, editing and rebuilding, each time a new process;
- `build, empty cache`: the same with an empty cache folder (emptied before each run: what the first
  build on a machine costs, and fills);
- `build, no cache`: the same with `BOOKLET_CACHE=off`;
- `imports`: `python -c "import booklet.cli, booklet.build"`, what every build imports before it reads
  anything (and the interpreter's own start);
- `--help`: `python -m booklet --help`;
- with `--ref REV`, `build`, `build after an edit` and `imports` of that git revision too (exported with
  `git archive`, as bench/run.py does), on the same data folder, for a before/after comparison.

Compiled modules are cached (PYTHONPYCACHEPREFIX=bench/out/pycache) as on a normal install, and every
command runs once untimed first. Wall time and CPU time (user + system, from os.wait4) are measured from
outside; the table shows medians. The target, 0.35 s for the sample's build as a whole process, is judged
on the median wall time of `build` (and on CPU time beside it, which other jobs on the machine disturb
less). The report is printed and written to bench/out/cold.md.
"""

from __future__ import annotations

import argparse
import itertools
import os
import shutil
import statistics
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from run import OUT, ROOT, machine, measure, process_env, source_tree  # noqa: E402
from warm_bench import edit  # noqa: E402

TARGET = 0.35  # seconds, the sample's cold build as a whole process (issue 15)


def commands(data: Path, ref_src: Path | None) -> dict[str, tuple[list[str], Path, dict[str, str], object]]:
    """Name -> (command, source tree, extra environment, what to do untimed before each run or None)."""
    python = sys.executable
    cache = OUT / "cold-cache"

    def build(folder: Path, pdf: str) -> list[str]:
        return [python, "-m", "booklet", "build", str(folder), "-o", str(OUT / pdf)]

    def copy(name: str) -> tuple[Path, object]:
        """A copy of the data, and what edits one abstract of it (a word in, then out again, ...)."""
        folder = OUT / name
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(data, folder)
        edits = itertools.count()
        return folder, lambda: edit(folder / "abstracts.yaml", next(edits))

    def empty(folder: Path):
        return lambda: shutil.rmtree(folder, ignore_errors=True)

    edited, edit_one = copy("cold-edit-data")
    found = {
        "build": (build(data, "cold.pdf"), ROOT, {"BOOKLET_CACHE": str(cache)}, None),
        "build after an edit": (build(edited, "cold-edit.pdf"), ROOT, {"BOOKLET_CACHE": f"{cache}-edit"}, edit_one),
        "build, empty cache": (build(data, "cold-empty.pdf"), ROOT, {"BOOKLET_CACHE": f"{cache}-empty"},
                               empty(Path(f"{cache}-empty"))),
        "build, no cache": (build(data, "cold-nocache.pdf"), ROOT, {"BOOKLET_CACHE": "off"}, None),
        "imports": ([python, "-c", "import booklet.cli, booklet.build"], ROOT, {}, None),
        "--help": ([python, "-m", "booklet", "--help"], ROOT, {}, None),
    }
    if ref_src is not None:
        found["build at ref"] = (build(data, "cold-ref.pdf"), ref_src, {"BOOKLET_CACHE": f"{cache}-ref"}, None)
        edited, edit_one = copy("cold-edit-data-ref")
        found["build after an edit at ref"] = (build(edited, "cold-edit-ref.pdf"), ref_src,
                                               {"BOOKLET_CACHE": f"{cache}-edit-ref"}, edit_one)
        found["imports at ref"] = (found["imports"][0], ref_src, {}, None)
    return found


def environment(src: Path, extra: dict[str, str]) -> dict[str, str]:
    return process_env({"PYTHONPATH": os.pathsep.join(filter(None, [str(src), os.environ.get("PYTHONPATH")])),
                        **extra})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="rounds (default 7; at least 5 for a figure to quote)")
    parser.add_argument("--ref", default=None, help="also time `build` at this git revision (before/after)")
    parser.add_argument("--data", type=Path, default=ROOT / "data", help="the data folder (default: the sample)")
    args = parser.parse_args()

    OUT.mkdir(parents=True, exist_ok=True)
    ref_src = source_tree(args.ref) if args.ref else None
    todo = commands(args.data.resolve(), ref_src)
    about = machine()  # with the load average at the start
    for name, (cmd, src, extra, before) in todo.items():  # untimed: compiles modules, fills the cache
        if before is not None:
            before()
        run = measure(cmd, src, environment(src, extra))
        if run.status != 0:
            raise SystemExit(f"{name} failed (exit {run.status}):\n{run.stderr[-2000:]}")
    times: dict[str, list] = {name: [] for name in todo}
    for round_ in range(args.runs):
        print(f"... round {round_ + 1} of {args.runs}", file=sys.stderr, flush=True)
        for name, (cmd, src, extra, before) in todo.items():
            if before is not None:
                before()
            times[name].append(measure(cmd, src, environment(src, extra)))

    lines = ["## Cold builds (bench/cold.py)", "", *about,
             f"- data: {args.data}; {args.runs} interleaved rounds; medians", ""]
    lines += ["| what | wall s | CPU s | fastest wall s | peak RSS MB |", "|---|---:|---:|---:|---:|"]
    for name, runs in times.items():
        label = name.replace("at ref", f"at {args.ref}")
        lines.append(f"| {label} | {statistics.median(r.wall for r in runs):.3f} "
                     f"| {statistics.median(r.cpu for r in runs):.3f} | {min(r.wall for r in runs):.3f} "
                     f"| {statistics.median(r.rss_mb for r in runs):.0f} |")
    wall = statistics.median(r.wall for r in times["build"])
    cpu = statistics.median(r.cpu for r in times["build"])
    met = "met" if wall <= TARGET else "NOT met"
    on_cpu = "met" if cpu <= TARGET else "NOT met"
    lines += ["", f"Target: the sample's `booklet build`, whole process, <= {TARGET} s: {wall:.2f} s wall, "
                  f"{cpu:.2f} s CPU: **{met}** (on CPU time: {on_cpu}).",
              "", "load average at end: " + ", ".join(f"{x:.2f}" for x in os.getloadavg())]
    report = "\n".join(lines)
    print(report)
    (OUT / "cold.md").write_text(report + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
