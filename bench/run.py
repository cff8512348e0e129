"""The booklet benchmark: build conferences of several sizes and print time, pages and memory.

    .venv/bin/python bench/run.py [--sizes sample,500,2000] [--quick] [--ref REV]

For each size, `booklet build` runs as its own process (imports included) and is measured from
outside: wall time, CPU time (user + system, less sensitive to other load on the machine), pages,
pages per second and peak resident memory (the child's ru_maxrss from os.wait4). Then
bench/baseline.py lays the same abstract texts out with plain ReportLab in another process, and
the ratio booklet / baseline says what booklet's own work costs.

Sizes: `sample` is the repository's data/ folder; `500` is 500 talks + 1,000 posters; `2000` is
2,000 talks + 5,000 posters; `TxP` (e.g. `100x300`) is any other size. Generated conferences
(bench/generate.py, deterministic) and the PDFs go to bench/out/ (git-ignored).

Each size is built 5 times (sample) or 3 times (the others), booklet and baseline back to back;
the table shows the median run, and the ratio is the median of the back-to-back ratios (this
machine's speed drifts with other load). `--quick` runs sample and 500 once each. `--ref REV`
benchmarks a git revision instead of the working tree (exported with `git archive` into
bench/out/; nothing in the checkout changes).

The script reports; it never fails on a missed target (exit status 0), but marks each target
met or not met. The table is also written to bench/out/results.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out"
sys.path.insert(0, str(BENCH))

from generate import generate  # noqa: E402

NAMED = {"sample": None, "500": (500, 1000), "2000": (2000, 5000)}
WROTE = re.compile(r"Wrote .* \((\d+) pages?, ")

# Targets from issue 6 (a 2-core machine).
SAMPLE_SECONDS = 1.5
LARGE_SECONDS = 30.0
LARGE_RSS_MB = 1024.0
GROWTH = 4.5
BASELINE_RATIO = 2.0


@dataclass
class Run:
    wall: float
    cpu: float
    rss_mb: float
    status: int
    stdout: str
    stderr: str

    @property
    def pages(self) -> int | None:
        match = WROTE.search(self.stdout)
        return int(match.group(1)) if match else None


def measure(cmd: list[str], cwd: Path, env: dict[str, str]) -> Run:
    """Run `cmd` as a child process; its wall time, CPU time and peak RSS (from os.wait4)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here; keep Popen from waiting again
        out.seek(0)
        err.seek(0)
        return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode,
                   out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"))


def median_run(runs: list[Run]) -> Run:
    """The run with the median wall time (the middle one of an odd number)."""
    return sorted(runs, key=lambda r: r.wall)[len(runs) // 2]


@dataclass
class Result:
    size: str
    talks: int | None
    posters: int | None
    booklet_runs: list[Run]
    baseline_runs: list[Run]

    @property
    def runs(self) -> int:
        return len(self.booklet_runs)

    @property
    def booklet(self) -> Run:
        return median_run(self.booklet_runs)

    @property
    def baseline(self) -> Run:
        return median_run(self.baseline_runs)

    @property
    def ratio(self) -> float:
        """Median of booklet / baseline over runs made back to back (robust to a machine whose speed drifts)."""
        return statistics.median(b.wall / p.wall for b, p in zip(self.booklet_runs, self.baseline_runs))

    @property
    def cpu_ratio(self) -> float:
        return statistics.median(b.cpu / p.cpu for b, p in zip(self.booklet_runs, self.baseline_runs))


def parse_size(name: str) -> tuple[int, int] | None:
    if name in NAMED:
        return NAMED[name]
    match = re.fullmatch(r"(\d+)x(\d+)", name)
    if not match:
        raise SystemExit(f"unknown size {name!r}: use sample, 500, 2000 or TALKSxPOSTERS (e.g. 100x300)")
    return int(match.group(1)), int(match.group(2))


def source_tree(ref: str | None) -> Path:
    """The booklet source to benchmark: this checkout, or `ref` exported read-only with git archive."""
    if ref is None:
        return ROOT
    rev = subprocess.run(["git", "rev-parse", "--short", ref], cwd=ROOT, check=True, capture_output=True,
                         text=True).stdout.strip()
    target = OUT / f"src-{rev}"
    if not (target / "booklet").is_dir():
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        archive = subprocess.run(["git", "archive", rev], cwd=ROOT, check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target


def data_folder(size: str, src: Path) -> tuple[Path, int | None, int | None]:
    counts = parse_size(size)
    if counts is None:
        return src / "data", None, None
    talks, posters = counts
    folder = OUT / f"data-{talks}x{posters}"
    shutil.rmtree(folder, ignore_errors=True)
    generate(folder, talks, posters, seed=0)
    return folder, talks, posters


def bench_size(size: str, src: Path, runs: int, env: dict[str, str]) -> Result:
    folder, talks, posters = data_folder(size, src)
    pdf, base_pdf = OUT / f"booklet-{size}.pdf", OUT / f"baseline-{size}.pdf"
    build = [sys.executable, "-m", "booklet", "build", str(folder), "-o", str(pdf)]
    base = [sys.executable, str(BENCH / "baseline.py"), str(folder), "-o", str(base_pdf)]
    booklet_runs, baseline_runs = [], []
    for _ in range(runs):
        booklet_runs.append(measure(build, src, env))
        baseline_runs.append(measure(base, src, env))
    result = Result(size, talks, posters, booklet_runs, baseline_runs)
    for what, run in (("booklet build", result.booklet), ("baseline", result.baseline)):
        if run.status != 0 or run.pages is None:
            print(f"  ! {what} for {size} failed (exit {run.status}):\n{run.stderr.strip()[-2000:]}", file=sys.stderr)
    return result


def warm_up(src: Path, env: dict[str, str]) -> None:
    """One untimed build and baseline of the sample: compiles and caches every module, reads the fonts once."""
    measure([sys.executable, "-m", "booklet", "build", str(src / "data"), "-o", str(OUT / "warm-up.pdf")], src, env)
    measure([sys.executable, str(BENCH / "baseline.py"), str(src / "data"), "-o", str(OUT / "warm-up-baseline.pdf")],
            src, env)


def machine() -> list[str]:
    import reportlab

    lines = [f"- CPUs (nproc): {os.cpu_count()}; load average at start: "
             + ", ".join(f"{x:.2f}" for x in os.getloadavg())]
    try:
        info = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
        model = next((ln.split(":", 1)[1].strip() for ln in info.splitlines() if ln.startswith("Model name")), "")
        if model:
            lines.append(f"- CPU: {model}")
    except OSError:
        pass
    lines.append(f"- Python {platform.python_version()}, ReportLab {reportlab.Version}, {platform.system()} "
                 f"{platform.release()}")
    return lines


def fmt(value, spec: str = ".2f") -> str:
    return "n/a" if value is None else format(value, spec)


def table(results: list[Result]) -> list[str]:
    lines = [
        "| size | talks | posters | runs | wall s | CPU s | pages | pages/s | peak RSS MB "
        "| baseline wall s | baseline CPU s | baseline pages | booklet/baseline (wall) | (CPU) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        b, base = r.booklet, r.baseline
        pps = b.pages / b.wall if b.pages else None
        lines.append(
            f"| {r.size} | {'data/' if r.talks is None else r.talks} | {'' if r.posters is None else r.posters} "
            f"| {r.runs} | {b.wall:.2f} | {b.cpu:.2f} | {fmt(b.pages, 'd')} | {fmt(pps, '.0f')} | {b.rss_mb:.0f} "
            f"| {base.wall:.2f} | {base.cpu:.2f} | {fmt(base.pages, 'd')} | {r.ratio:.2f} | {r.cpu_ratio:.2f} |"
        )
    return lines


def verdict(ok: bool, cpu_ok: bool | None = None) -> str:
    """'met' / 'NOT met' on wall time; with the CPU-time verdict beside it when that differs."""
    text = "met" if ok else "NOT met"
    if cpu_ok is not None and cpu_ok != ok:
        text += f"; on CPU time: {'met' if cpu_ok else 'NOT met'}"
    return text


def targets(results: list[Result]) -> list[str]:
    by_size = {r.size: r for r in results}
    lines = []
    if "sample" in by_size:
        r = by_size["sample"]
        b = r.booklet
        lines.append(f"- sample `booklet build`, whole process <= {SAMPLE_SECONDS} s: {b.wall:.2f} s wall "
                     f"({b.cpu:.2f} s CPU): **{verdict(b.wall <= SAMPLE_SECONDS, b.cpu <= SAMPLE_SECONDS)}**")
    if "2000" in by_size:
        r = by_size["2000"]
        b = r.booklet
        lines.append(f"- 2,000 talks + 5,000 posters <= {LARGE_SECONDS:.0f} s: {b.wall:.1f} s wall "
                     f"({b.cpu:.1f} s CPU): **{verdict(b.wall <= LARGE_SECONDS, b.cpu <= LARGE_SECONDS)}**")
        lines.append(f"- 2,000 talks + 5,000 posters <= {LARGE_RSS_MB:.0f} MB peak RSS: {b.rss_mb:.0f} MB: "
                     f"**{verdict(b.rss_mb <= LARGE_RSS_MB)}**")
    if "500" in by_size and "2000" in by_size:
        small, large = by_size["500"].booklet, by_size["2000"].booklet
        growth = large.wall / small.wall
        pages = (large.pages / small.pages) if large.pages and small.pages else None
        lines.append(f"- time(2000) / time(500) <= {GROWTH}: {growth:.2f} (CPU {large.cpu / small.cpu:.2f}; "
                     f"pages grew {fmt(pages)}x): **{verdict(growth <= GROWTH, large.cpu / small.cpu <= GROWTH)}**")
    for r in results:
        ok = verdict(r.ratio <= BASELINE_RATIO, r.cpu_ratio <= BASELINE_RATIO)
        lines.append(f"- booklet / plain ReportLab <= {BASELINE_RATIO}, {r.size}: {r.ratio:.2f} "
                     f"(CPU {r.cpu_ratio:.2f}): **{ok}**")
    return lines


def process_env(extra: dict[str, str]) -> dict[str, str]:
    """The environment a timed booklet process runs in: this one's with `extra`, compiled modules cached (as
    on any normal install: PYTHONDONTWRITEBYTECODE would compile every module at each start) but kept out
    of the source tree, and no import-time or allocation tracing."""
    env = {**os.environ, "PYTHONPYCACHEPREFIX": str(OUT / "pycache"), **extra}
    for name in ("PYTHONDONTWRITEBYTECODE", "PYTHONPROFILEIMPORTTIME", "PYTHONTRACEMALLOC"):
        env.pop(name, None)
    return env


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=None,
                        help="comma-separated: sample, 500, 2000 or TALKSxPOSTERS (default: sample,500,2000)")
    parser.add_argument("--quick", action="store_true", help="sample and 500 only, one run each")
    parser.add_argument("--runs", type=int, default=None,
                        help="runs per size, median reported (default: 5 for sample, 3 for the others; 1 with --quick)")
    parser.add_argument("--ref", default=None, help="benchmark this git revision instead of the working tree")
    args = parser.parse_args()

    sizes = (args.sizes or ("sample,500" if args.quick else "sample,500,2000")).split(",")
    OUT.mkdir(parents=True, exist_ok=True)
    src = source_tree(args.ref)
    env = process_env({"PYTHONPATH": os.pathsep.join(filter(None, [str(src), os.environ.get("PYTHONPATH")]))})
    warm_up(src, env)

    header = ["## booklet benchmark", "", *machine(),
              f"- booklet source: {src if args.ref else 'working tree'}"
              + (f" (git {args.ref})" if args.ref else ""), ""]
    print("\n".join(header), flush=True)
    results = []
    for size in sizes:
        runs = args.runs or (1 if args.quick else 5 if size == "sample" else 3)
        print(f"... {size} ({runs} run{'s' * (runs != 1)})", file=sys.stderr, flush=True)
        results.append(bench_size(size.strip(), src, runs, env))
    body = [*table(results), "", "Targets:", "", *targets(results), "",
            "load average at end: " + ", ".join(f"{x:.2f}" for x in os.getloadavg())]
    print("\n".join(body))
    (OUT / "results.md").write_text("\n".join(header + body) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
