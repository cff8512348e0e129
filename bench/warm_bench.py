"""Warm rebuilds: the time `booklet watch` takes to rebuild after one abstract's text changed.

    .venv/bin/python bench/warm_bench.py [--sizes sample,500] [--runs 5] [--jobs N] [--against JOBS] [--write]

For each size (sample: the repository's data/; 500: 500 talks + 1,000 posters from bench/generate.py;
any TALKSxPOSTERS), a copy of the data goes to bench/out/warm-SIZE/, and one process builds it
once, then, `--runs` times: changes the text of one abstract (the middle one of abstracts.yaml, a
word inserted, then taken out again, alternately), and rebuilds it twice, back to back:

- "no cache": build_booklet with a fresh cache of its own (not warm, nothing from disk), in the
  same warm process (imports, fonts and the hyphenation dictionary already loaded): what `booklet watch` did
  before booklet.cache.memory;
  it keeps no note of itself (booklet/cache/built.py), which the cached rebuild of the same data would take its
  warnings from, as no rebuild after an edit can;
- "cache": build_booklet with the BuildCache every build of the run shares: what `booklet watch`
  does now.

Both build as `booklet watch` does (`--jobs`: otherwise): in parts for a book that `booklet build` makes in
parts (500 talks on two cores), where the cached rebuild's workers are the ones the cache kept from the build
before (output.parallel.Workers), and the rebuild without a cache forks new ones.

`--against JOBS` compares instead: two warm processes, one building with `--jobs` and one with JOBS, each on its own
copy of the data, make the same edits and rebuild in turn (`--runs` rounds, which goes first alternating, two
seconds apart, as a LOC's edits are: each side's collections while it waits are out of the other's time).

Reported: the median, fastest and slowest wall time of each, the median CPU time of this process, and for the
cached rebuild in one process the median time of each phase (read and check the data, lay out the story, render:
ReportLab's layout and drawing, then PDF serialisation). The machine is shared: the load average
is printed before and after. `--write` replaces the "## Warm rebuilds" section of
docs/performance.md with the table (the prose around it stays). Never fails on a missed target.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import re
import shutil
import statistics
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out"
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(ROOT))

from generate import generate  # noqa: E402

TARGETS = {"sample": 0.15, "500": 1.0}  # seconds, issue 15 part 1
PAUSE = 2.0  # seconds between two rebuilds taking turns (--against): one side collects while the other waits
SIZES = {"sample": None, "500": (500, 1000), "2000": (2000, 5000)}
DOC = ROOT / "docs" / "performance.md"
HEADING = "## Warm rebuilds"


def folder_for(size: str) -> Path:
    target = OUT / f"warm-{size}"
    shutil.rmtree(target, ignore_errors=True)
    counts = SIZES.get(size)
    if counts is None and size != "sample":
        talks, posters = (int(n) for n in re.fullmatch(r"(\d+)x(\d+)", size).groups())
        counts = talks, posters
    if counts is None:
        shutil.copytree(ROOT / "data", target)
    else:
        generate(target, *counts, seed=0)
    return target


class Phases:
    """Time spent in booklet's phases during one build (by wrapping the functions booklet.build calls)."""

    NAMES = {"read": "data", "linted": "data", "build_story": "story", "render_pdf": "render"}

    def __init__(self):
        import booklet.build as build
        from reportlab.pdfgen.canvas import Canvas

        self.spent: dict[str, float] = {}
        for name, label in self.NAMES.items():
            setattr(build, name, self._timed(getattr(build, name), label))
        Canvas.save = self._timed(Canvas.save, "save")  # inside render: serialising the PDF

    def _timed(self, fn, label):
        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.spent[label] = self.spent.get(label, 0.0) + time.perf_counter() - start
        return wrapper


def edit(path: Path, run: int) -> None:
    """Insert a word into (even runs) or take it out of (odd runs) the middle abstract's text."""
    text = path.read_text(encoding="utf-8")
    marks = list(re.finditer(r"abstract: \|\n(\s+)", text))
    if not marks:
        raise SystemExit(f"{path}: no 'abstract: |' block to edit")
    at = marks[len(marks) // 2].end()
    word = "Revised "
    if text[at:at + len(word)] == word:
        text = text[:at] + text[at + len(word):]
    else:
        text = text[:at] + word + text[at:]
    path.write_text(text, encoding="utf-8")


def bench(size: str, runs: int, jobs: int | None = None) -> dict:
    from booklet.build import build_booklet
    from booklet.cache import BuildCache

    folder = folder_for(size)
    phases = Phases()
    out_cold, out_warm = OUT / f"warm-{size}-nocache.pdf", OUT / f"warm-{size}-cache.pdf"
    cache = BuildCache()
    start = time.perf_counter()
    result = build_booklet(folder, out_warm, cache=cache, jobs=jobs)
    first = time.perf_counter() - start
    rows = {"no cache": [], "cache": []}
    spent: list[dict[str, float]] = []
    for run in range(runs):
        edit(folder / "abstracts.yaml", run)
        for label in ("no cache", "cache"):
            phases.spent.clear()
            wall, cpu = time.perf_counter(), time.process_time()
            # (the build without a cache keeps no note of itself, booklet.cache.built: the cached one, of the same
            # data, would take its warnings from it rather than lint, which a rebuild after an edit never does)
            build_booklet(folder, out_warm if label == "cache" else out_cold, jobs=jobs,
                          cache=cache if label == "cache" else BuildCache(warm=False), remember=label == "cache")
            rows[label].append((time.perf_counter() - wall, time.process_time() - cpu))
            # untimed, as a watch while it waits for the next change: the cache made ready for the next rebuild
            # (cache.idle); what the rebuild without the cache left, which no watch makes, collected
            if label == "cache":
                cache.idle()
            else:
                gc.collect()
            if label == "cache":
                spent.append(dict(phases.spent))
        if out_warm.read_bytes() != out_cold.read_bytes():
            raise SystemExit(f"{size}: the cached rebuild differs from the uncached one (run {run + 1})")
    cache.close()  # the workers a build in parts kept (as the watch does when it ends)
    return {"size": size, "pages": result.pages, "first": first, "rows": rows, "phases": spent, "jobs": result.jobs}


def summary(result: dict) -> list[str]:
    lines = []
    for label, values in result["rows"].items():
        walls = [w for w, _ in values]
        cpus = [c for _, c in values]
        lines.append(f"| {result['size']} ({result['pages']} pages) | {result['jobs']} | {label} | "
                     f"{statistics.median(walls):.3f} s | "
                     f"{min(walls):.3f} - {max(walls):.3f} s | {statistics.median(cpus):.3f} s |")
    return lines


def phase_line(result: dict) -> str:
    if result["jobs"] > 1:  # the story and its layout are made by the workers: this process times only its own part
        data = statistics.median(p.get("data", 0.0) for p in result["phases"])
        return (f"- {result['size']}: data (read, validate, lint; the lint beside the workers) {data:.3f} s; the rest "
                f"in {result['jobs']} kept workers, then this process (the last part, the assembly): not split here")
    names = ("data", "story", "render", "save")
    medians = {n: statistics.median(p.get(n, 0.0) for p in result["phases"]) for n in names}
    layout = medians["render"] - medians["save"]
    return (f"- {result['size']}: data (read, validate, lint) {medians['data']:.3f} s, story {medians['story']:.3f} s, "
            f"layout and drawing {layout:.3f} s, PDF serialisation {medians['save']:.3f} s")


def _rebuilding(conn, folder: Path, jobs: int | None) -> None:
    """One side of `interleaved`, in a process of its own: a watch's cache, built once, then a rebuild after each edit
    it is told to make (the time sent back), made idle between them as the watch does."""
    from booklet.build import build_booklet
    from booklet.cache import BuildCache

    cache, out = BuildCache(), OUT / f"warm-ab-{jobs or 'default'}.pdf"
    build_booklet(folder, out, cache=cache, jobs=jobs)
    cache.idle()
    run = 0
    while conn.recv():
        edit(folder / "abstracts.yaml", run)
        run += 1
        start = time.perf_counter()
        build_booklet(folder, out, cache=cache, jobs=jobs)
        took = time.perf_counter() - start
        cache.idle()
        conn.send(took)
    cache.close()


def interleaved(size: str, runs: int, sides: tuple) -> dict:
    """The same rebuilds in two warm processes (`sides`: the jobs of each, as --jobs), each with its own copy of the
    data, one after the other in turn (the first of each round alternating), so that both see the machine alike:
    the times of each side's rebuilds."""
    import multiprocessing

    source = folder_for(size)
    context = multiprocessing.get_context("spawn")  # a process as a watch is, not a fork of this one
    running = []
    for side in sides:
        folder = OUT / f"warm-{size}-ab-{side or 'default'}"
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(source, folder)
        mine, theirs = context.Pipe()
        process = context.Process(target=_rebuilding, args=(theirs, folder, side))
        process.start()
        running.append((side, mine, process, []))
    for run in range(runs):
        for side, pipe, _, times in (running if run % 2 == 0 else running[::-1]):
            time.sleep(PAUSE)  # as between a LOC's edits: what one side does while it waits is not in the other's time
            pipe.send(True)
            times.append(pipe.recv())
    for _, pipe, process, _ in running:
        pipe.send(False)
        process.join()
    return {side: times for side, _, _, times in running}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="sample,500")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=None,
                        help="processes per build (default: as `booklet watch`, one per core where it pays)")
    parser.add_argument("--against", type=int, default=None, metavar="JOBS",
                        help="instead: the cached rebuilds with --jobs against the same with JOBS, in two warm "
                             "processes taking turns (--runs rounds), as a comparison on a machine whose speed wanders")
    parser.add_argument("--write", action="store_true", help=f"write the table under '{HEADING}' in {DOC}")
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    if args.against is not None:
        for size in args.sizes.split(","):
            found = interleaved(size, args.runs, (args.jobs, args.against))
            for side, times in found.items():
                print(f"{size}, jobs {side or 'as the watch'}: median {statistics.median(times):.3f} s, fastest "
                      f"{min(times):.3f} s, slowest {max(times):.3f} s ({len(times)} rebuilds, taking turns)")
        return
    load_before = os.getloadavg()
    results = [bench(size, args.runs, args.jobs) for size in args.sizes.split(",")]
    load_after = os.getloadavg()
    machine = (f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python "
               f"{platform.python_version()}, {platform.system()}; load average {load_before[0]:.2f} before, "
               f"{load_after[0]:.2f} after")
    table = ["| booklet | processes | rebuild | median wall | fastest - slowest | median CPU of this process |",
             "|---|---:|---|---|---|---|"]
    for result in results:
        table += summary(result)
    lines = [f"One warm process per run of the script; {args.runs} edits of one abstract per size, each rebuilt "
             "without and with the cache, back to back (the two PDFs compared, byte for byte). "
             f"Machine: {machine}.", "", *table, "", "Where the cached rebuild's time goes (medians):", "",
             *(phase_line(r) for r in results), ""]
    for result in results:
        target = TARGETS.get(result["size"])
        if target is not None:
            median = statistics.median(w for w, _ in result["rows"]["cache"])
            lines.append(f"- target {result['size']} <= {target} s: {'met' if median <= target else 'not met'} "
                         f"({median:.3f} s); first build in the process {result['first']:.2f} s")
    print("\n".join(lines))
    if args.write:
        write(lines)


def write(lines: list[str]) -> None:
    """Replace the body of the '## Warm rebuilds' section's '### Last run' (or add the section)."""
    text = DOC.read_text(encoding="utf-8")
    block = "### Last run (bench/warm_bench.py)\n\n" + "\n".join(lines).rstrip() + "\n"
    if HEADING not in text:
        text = text.rstrip() + f"\n\n{HEADING}\n\n{block}"
    else:
        head, rest = text.split(HEADING, 1)
        section, sep, after = rest.partition("\n## ")
        section = re.sub(r"### Last run \(bench/warm_bench\.py\)\n.*?(?=\n### |\Z)", "", section, flags=re.S)
        text = head + HEADING + section.rstrip() + "\n\n" + block + (("\n## " + after) if sep else "")
    DOC.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
