"""A `booklet build --jobs N` run -> a timeline of what the main process and each worker did, and when.

    .venv/bin/python bench/jobs_timeline.py DATA OUT.pdf [--jobs 2] [--cache off|DIR] [--proofs]

The build runs in this process (as `booklet build` would, imports done first); the main stages of
booklet.build and booklet.output.parallel are wrapped so that each logs its start and end (wall time since
the start, and the process's CPU time) to a pipe; the forked workers inherit the wrappers (and so do the processes
that read posters.yaml and lint while the main process reads and the workers lay out). Printed: one line per stage,
per process, in time order, and where each process waited; then each process's span and CPU.
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
    done.sort()
    print(f"pages {result.pages}")
    print(f"{'proc':5} {'start':>7} {'end':>7} {'wall':>6} {'cpu':>6}  stage")
    for start, end, cpu, who, name in done:
        print(f"{who:5} {start:7.3f} {end:7.3f} {end - start:6.3f} {cpu:6.3f}  {name}")
    _per_process(done)


def _per_process(done: list[tuple]) -> None:
    """Each process's span and CPU, summed over its outermost stages (a stage inside another is not counted twice),
    named by its first stage: where the CPU of the build went, process by process."""
    print(f"{'proc':5} {'start':>7} {'end':>7} {'cpu':>6}  first stage")
    for who in dict.fromkeys(row[3] for row in done):
        rows = [row for row in done if row[3] == who]
        outer, reach = [], -1.0
        for start, end, cpu, _, name in rows:  # (in start order: one inside the one before is skipped)
            if end > reach:
                outer.append(cpu)
                reach = end
        print(f"{who:5} {rows[0][0]:7.3f} {max(r[1] for r in rows):7.3f} {sum(outer):6.3f}  {rows[0][4]}")


if __name__ == "__main__":
    main()
