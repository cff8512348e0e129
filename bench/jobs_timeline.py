"""A `booklet build --jobs N` run -> a timeline of what the main process and each worker did, and when.

    .venv/bin/python bench/jobs_timeline.py DATA OUT.pdf [--jobs 2] [--cache off|DIR] [--proofs]

The build runs in this process (as `booklet build` would, imports done first); the main stages of
booklet.build and booklet.output.parallel are wrapped so that each logs its start and end (wall time since
the start, and the process's CPU time) to a pipe; the forked workers inherit the wrappers (and so do the processes
that read posters.yaml and lint while the main process reads and the workers lay out). Printed: one line per stage,
per process, in time order, and where each process waited; then each process's span and CPU; then the critical
path: each worker's CPU before and after its report, when each reported and ended, what this process did before the
fork, meanwhile and after the last report (the last part, the assembly), and the CPU of the processes beside the
workers (lint, posters.yaml), which take the cores from them on a machine of as many cores as workers.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

EVENTS_FD = None
T0 = time.perf_counter()


def _log(kind: str, name: str) -> None:
    line = f"{os.getpid()} {kind} {name} {time.perf_counter() - T0:.4f} {time.process_time():.4f}\n"
    os.write(EVENTS_FD, line.encode())


def _wrap(owner, attr: str, name: str | None = None) -> None:
    original = getattr(owner, attr)
    label = name or attr

    def wrapper(*args, **kwargs):
        _log("B", label)
        try:
            return original(*args, **kwargs)
        finally:
            _log("E", label)

    setattr(owner, attr, wrapper)


def main() -> None:
    global EVENTS_FD
    parser = argparse.ArgumentParser()
    parser.add_argument("data")
    parser.add_argument("out")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--cache", default="off")
    parser.add_argument("--proofs", action="store_true",
                        help="build as `booklet proofs` does: no bleed, no Notes pages")
    args = parser.parse_args()
    os.environ["BOOKLET_CACHE"] = args.cache
    import tempfile

    log = tempfile.TemporaryFile()
    EVENTS_FD = log.fileno()
    from booklet import build
    from booklet.data import validate
    from booklet.output import parallel, render
    from booklet.cache import persisted

    _log("B", "imports")
    import pypdf  # noqa: F401
    _log("E", "imports")
    _wrap(build, "read")
    _wrap(validate, "read_abstracts")
    _wrap(validate, "_send_posters", "posters.yaml(forked)")
    _wrap(build, "_keep_and_lint", "kept_read+lint(forked)")
    _wrap(build, "linted")
    _wrap(build, "laying_out")
    _wrap(parallel, "story_pieces")
    _wrap(parallel, "plan")
    _wrap(parallel, "chunk_story")
    _wrap(parallel, "render_part")
    _wrap(parallel, "_receive")
    _wrap(parallel, "assemble")
    _wrap(parallel, "_finish")
    _wrap(persisted, "in_part")
    _wrap(persisted, "laid_out")
    _wrap(persisted, "write_part")
    _wrap(render.BookletCanvas, "save", "canvas.save")
    _wrap(parallel.PartCanvas, "save", "part.save(all)")
    _wrap(render.BookletDocTemplate, "build", "doc.build")
    _wrap(persisted.PersistedCache, "save", "persisted.save")
    _wrap(persisted.PersistedCache, "_load", "persisted.load")
    _log("B", "build_booklet")
    options = build.PrintOptions(bleed=0.0, pad_to=1) if args.proofs else None
    result = build.build_booklet(Path(args.data), Path(args.out), jobs=args.jobs, options=options)
    _log("E", "build_booklet")
    # the disk cache is saved when the `using` block ends (inside build_booklet)
    log.seek(0)
    rows = [line.split() for line in log.read().decode().splitlines()]
    main_pid = str(os.getpid())
    names = {main_pid: "main"}
    for pid, *_ in rows:
        if pid not in names:
            names[pid] = f"w{len(names)}"
    stack: dict[tuple[str, str], list[tuple[float, float]]] = {}
    done = []
    for pid, kind, name, wall, cpu in rows:
        if kind == "B":
            stack.setdefault((pid, name), []).append((float(wall), float(cpu)))
        else:
            start, cpu0 = stack[(pid, name)].pop()
            done.append((start, float(wall), float(cpu) - cpu0, names[pid], name))
    done.sort(key=_outer_first)
    print(f"pages {result.pages}")
    print(f"{'proc':5} {'start':>7} {'end':>7} {'wall':>6} {'cpu':>6}  stage")
    for start, end, cpu, who, name in done:
        print(f"{who:5} {start:7.3f} {end:7.3f} {end - start:6.3f} {cpu:6.3f}  {name}")
    _per_process(done)
    _critical(done)


def _per_process(done: list[tuple]) -> None:
    """Each process's span and CPU, summed over its outermost stages (a stage inside another is not counted twice),
    named by its first stage: where the CPU of the build went, process by process."""
    print(f"{'proc':5} {'start':>7} {'end':>7} {'cpu':>6}  first stage")
    for who in dict.fromkeys(row[3] for row in done):
        rows = [row for row in done if row[3] == who]
        print(f"{who:5} {rows[0][0]:7.3f} {max(r[1] for r in rows):7.3f} {_cpu(rows):6.3f}  {rows[0][4]}")


def _critical(done: list[tuple]) -> None:
    """The critical path of a build in parts: each worker's CPU before it reported (laid out: what the plan balances)
    and after (its save, once told where its part starts), when each reported and ended, which process ended last,
    what this process did before the fork, while the workers laid out and after the last report; and the CPU spent
    beside the workers (lint, posters.yaml), which takes the cores from them on a machine of as many cores as workers."""
    procs = dict.fromkeys(row[3] for row in done)
    total = {who: _cpu([row for row in done if row[3] == who]) for who in procs}
    workers = [who for who in procs if who != "main" and any(r[3] == who and r[4] == "render_part" for r in done)]
    if not workers:
        return
    print("critical path")
    reported = {}
    for who in workers:
        save = next(r for r in done if r[3] == who and r[4] == "part.save(all)")
        end = max(r[1] for r in done if r[3] == who)
        reported[who] = save[0]
        print(f"  {who}: CPU {total[who] - save[2]:6.3f} before its report (at {save[0]:7.3f}), {save[2]:6.3f} saving;"
              f" ends {end:7.3f}")
    last = max(reported.values())
    first = min(reported.values())
    print(f"  reports {first:7.3f} .. {last:7.3f}: the first to report waits {last - first:.3f} s")
    mains = [r for r in done if r[3] == "main"]
    fork = min(r[0] for r in done if r[3] in workers)
    before = _cpu([r for r in mains if r[1] <= fork and r[4] != "build_booklet"])
    after = _cpu([r for r in mains if r[0] >= last and r[4] != "build_booklet"])
    print(f"  main: CPU {before:6.3f} before the fork (at {fork:7.3f}), {total['main'] - before - after:6.3f} between"
          f" (the wait for lint and the reports, prepare_index), {after:6.3f} after the last report")
    for name in ("render_part", "assemble"):
        row = next((r for r in mains if r[4] == name and r[0] >= last), None)
        if row is not None:
            print(f"    {name}: {row[0]:7.3f} .. {row[1]:7.3f}, CPU {row[2]:6.3f}")
    ends = {who: max(r[1] for r in done if r[3] == who) for who in procs}
    print("  ends: " + ", ".join(f"{who} {end:.3f}" for who, end in sorted(ends.items(), key=lambda item: item[1])))
    beside = {who: total[who] for who in procs if who != "main" and who not in workers}
    whole = sum(total.values())
    for who, cpu in beside.items():
        first = next(r for r in done if r[3] == who)[4]
        print(f"  beside the workers: {who} ({first}) CPU {cpu:6.3f}, {100 * cpu / whole:4.1f} % of all {whole:.3f}")


def _outer_first(row: tuple) -> tuple:
    """The order the stages are listed and counted in: by their start, of two that start together the longer (which
    holds the other) first."""
    return row[0], -row[1]


def _cpu(rows: list[tuple]) -> float:
    """The CPU of `rows` (one process's stages, in _outer_first's order), a stage inside another not counted twice."""
    outer, reach = 0.0, -1.0
    for start, end, cpu, *_ in rows:
        if end > reach:
            outer += cpu
            reach = end
    return outer


if __name__ == "__main__":
    main()
