"""`booklet build --jobs N` against `--jobs 1` -> wall time, CPU time and peak memory of the whole process tree.

    .venv/bin/python bench/jobs_bench.py [--sizes 500,2000] [--jobs 1,2] [--runs 3] [--cache off,empty,filled]

Each build runs as its own process (`python -m booklet build DATA -o OUT --jobs N`, imports included).
The runs are interleaved (jobs 1, jobs 2, jobs 1, jobs 2, ...) after one untimed warm-up, and the table
shows medians: wall time, CPU time (user + system of the process and the workers it waited for), pages,
and the peak memory of the process tree, sampled every 20 ms from /proc in one more (untimed) run per row
(reading a process's memory map slows it: the timed runs sample only CPU): the sum of the resident sets
(RSS; pages a forked worker shares with its parent count twice) and the sum of the proportional sets
(PSS; shared pages divided among the processes sharing them, what the tree really takes). `speed-up`
is the median of each round's time(jobs 1) / time(jobs N). The load average is printed before and after.
On a machine other jobs keep busy, wall times say little about what a second core gains; so the CPU
time of each process of the tree is sampled too (/proc/PID/stat), and `on idle cores` estimates the wall
time with 2 cores to itself: sample by sample, the CPU the busiest process of the tree used or the
sample's CPU shared by the two cores, whichever is more (see _idle_estimate).
Sizes as in bench/run.py (500 = 500 talks + 1,000 posters; 2000 = 2,000 talks + 5,000 posters; TxP).
The disk cache each build finds is stated, not the user's: `--cache` (each state measured, a row of its own)
`off` (BOOKLET_CACHE=off: no disk cache), `empty` (a folder of its own, emptied before each run: a first
build), `filled` (a folder of its own per size and jobs, filled by an untimed build with the same jobs: a
LOC rebuilding the same data; the runs keep it filled).
"""

from __future__ import annotations

import argparse
import os
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
from run import WROTE, parse_size, process_env  # noqa: E402


@dataclass
class Run:
    wall: float
    cpu: float
    rss_mb: float
    pss_mb: float
    pages: int | None
    main_cpu: float  # CPU time of the build's own process
    worker_cpu: float  # of the busiest worker (0 with one job)
    idle_estimate: float  # what the build would take with `cores` cores to itself (see _idle_estimate)


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found += [int(child) for child in handle.read().split()]
    except OSError:
        pass
    return found


def _tree(pid: int) -> list[int]:
    pids, stack = [], [pid]
    while stack:
        current = stack.pop()
        pids.append(current)
        stack += _children(current)
    return pids


def _memory(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in kB (0, 0 once it is gone)."""
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1])
    except OSError:
        pass
    return rss, pss


TICK = os.sysconf("SC_CLK_TCK")


def _cpu(pid: int) -> float | None:
    """User + system CPU seconds of one process so far (None once it is gone)."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rpartition(")")[2].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / TICK


def measure(cmd: list[str], cache: str = "off", memory: bool = False) -> Run:
    """One build as a process; `cache`: BOOKLET_CACHE for it (a folder, or "off"). `memory`: the peak memory of
    the process tree sampled too (reading /proc/PID/smaps_rollup walks a process's page tables: every 20 ms
    it slowed a 2,000-talk build by about a second, so the timed runs leave it out; 0 MB without it)."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=out, stderr=subprocess.DEVNULL,
                                env=process_env({"BOOKLET_CACHE": cache}))
        peak_rss = peak_pss = 0
        cpu: dict[int, float] = {}
        steps: list[list[float]] = []  # per sample: the CPU each process of the tree used since the one before
        while True:
            waited, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if waited:
                break
            tree = _tree(proc.pid)
            step = []
            for pid in tree:
                seen = _cpu(pid)
                if seen is not None:
                    step.append(max(0.0, seen - cpu.get(pid, 0.0)))
                    cpu[pid] = max(cpu.get(pid, 0.0), seen)
            steps.append(step)
            if memory:
                sizes = [_memory(pid) for pid in tree]
                peak_rss = max(peak_rss, sum(r for r, _ in sizes))
                peak_pss = max(peak_pss, sum(p for _, p in sizes))
            time.sleep(0.02)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    if proc.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed with status {proc.returncode}")
    match = WROTE.search(text)
    total = usage.ru_utime + usage.ru_stime  # the workers' too: the build waits for them
    workers = max((seconds for pid, seconds in cpu.items() if pid != proc.pid), default=0.0)
    main = total - sum(seconds for pid, seconds in cpu.items() if pid != proc.pid)
    # the CPU the last sample missed (the process's time after its last sample): as one more step of its own
    steps.append([max(0.0, total - sum(cpu.values()))])
    return Run(wall, total, peak_rss / 1024, peak_pss / 1024, int(match.group(1)) if match else None, main,
               workers, _idle_estimate(steps, CORES))


CORES = 2


def _idle_estimate(steps: list[list[float]], cores: int) -> float:
    """The wall time on `cores` idle cores, from the CPU each process used in each 20 ms sample: a step
    takes its busiest process's CPU (it cannot be split) or the step's CPU shared by the cores, whichever
    is more. Processes slowed alike by other load keep their proportions, so this holds on a busy machine
    too (roughly: a process that waits on another is not told from one that waits for a core)."""
    return sum(max(max(step, default=0.0), sum(step) / cores) for step in steps)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="500,2000")
    parser.add_argument("--jobs", default="1,2")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cache", default="off", help="disk cache states measured: off, empty, filled")
    args = parser.parse_args()
    jobs = [int(j) for j in args.jobs.split(",")]
    states = args.cache.split(",")
    if not set(states) <= {"off", "empty", "filled"}:
        parser.error("--cache: off, empty or filled")
    OUT.mkdir(exist_ok=True)
    env_note = f"nproc {os.cpu_count()}, load average before {os.getloadavg()[0]:.2f}"
    rows = []
    for size in args.sizes.split(","):
        talks, posters = parse_size(size)
        folder = OUT / f"data-{talks}x{posters}"
        if not (folder / "conference.yaml").is_file():
            generate(folder, talks, posters, seed=0)
        command = [sys.executable, "-m", "booklet", "build", str(folder), "-o"]
        measure(command + [str(OUT / "jobs-warm-up.pdf"), "--jobs", "1"])
        runs: dict[tuple[str, int], list[Run]] = {(state, n): [] for state in states for n in jobs}

        def cache_for(state: str, n: int) -> str:
            """BOOKLET_CACHE for a run in `state` with `n` jobs (an empty one emptied now)."""
            if state == "off":
                return "off"
            where = OUT / "jobs-cache" / f"{size}-{n}-{state}"
            if state == "empty":
                shutil.rmtree(where, ignore_errors=True)
            return str(where)

        for state in states:
            if state == "filled":  # filled by a build with the same jobs (the parts number people as theirs)
                for n in jobs:
                    shutil.rmtree(cache_for(state, n), ignore_errors=True)
                    measure(command + [str(OUT / "jobs-warm-up.pdf"), "--jobs", str(n)], cache_for(state, n))
        for _ in range(args.runs):
            for state in states:
                for n in jobs:
                    runs[state, n].append(measure(command + [str(OUT / f"jobs-{size}-{n}.pdf"), "--jobs", str(n)],
                                                  cache_for(state, n)))
        peaks = {(state, n): measure(command + [str(OUT / f"jobs-{size}-{n}.pdf"), "--jobs", str(n)],
                                     cache_for(state, n), memory=True) for state in states for n in jobs}
        for state, n in runs:
            done = runs[state, n]
            speedup = statistics.median(a.wall / b.wall for a, b in zip(runs[state, jobs[0]], done))
            rows.append((size, state, n, len(done), statistics.median(r.wall for r in done),
                         statistics.median(r.cpu for r in done), done[0].pages,
                         peaks[state, n].rss_mb, peaks[state, n].pss_mb, speedup,
                         statistics.median(r.main_cpu for r in done), statistics.median(r.worker_cpu for r in done),
                         statistics.median(r.idle_estimate for r in done)))
            print(f"{size} {state} cache, jobs {n}: walls {[round(r.wall, 2) for r in done]}", file=sys.stderr)
    print(f"{env_note}, after {os.getloadavg()[0]:.2f}\n")
    print("| size | disk cache | jobs | runs | wall s | CPU s | pages | peak RSS MB (tree, sum) | peak PSS MB (tree) "
          "| speed-up | main process CPU s | busiest worker CPU s | on idle cores s (estimate) |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size, state, n, count, wall, cpu, pages, rss, pss, speedup, main_cpu, worker_cpu, idle in rows:
        print(f"| {size} | {state} | {n} | {count} | {wall:.2f} | {cpu:.2f} | {pages} | {rss:.0f} | {pss:.0f} "
              f"| {speedup:.2f} | {main_cpu:.2f} | {worker_cpu:.2f} | {idle:.2f} |")


if __name__ == "__main__":
    main()
