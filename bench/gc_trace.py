"""A `booklet build` run -> the cyclic garbage collector's collections in each of its processes, and the long ones.

    .venv/bin/python bench/gc_trace.py DATA OUT.pdf [--jobs 2] [--cache off|DIR] [--over 0.02]

The build runs in this process as `booklet build` runs it: a process that ends with its build
(cache.disk.ending(with_its_build=True)). A callback on the collector (gc.callbacks), which the forked workers
inherit, logs every collection to a file: the process, when (wall time since the start), its generation, how long it
took and how many objects it freed. Printed: for each process, its collections by generation and the time they took;
then each collection longer than `--over` seconds, with the Python frames it interrupted (innermost first). This is
how a collection that went through all a layout had left (0.2-0.4 s a process at the end of a 2,000-talk build, the
session of 2026-12-02 14:22 UTC in docs/performance.md) was found.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

T0 = time.perf_counter()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data")
    parser.add_argument("out")
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--cache", default=None, help="BOOKLET_CACHE for the build (default: as set, else the user's)")
    parser.add_argument("--over", type=float, default=0.02, help="seconds: the collections listed one by one")
    args = parser.parse_args()
    if args.cache is not None:
        os.environ["BOOKLET_CACHE"] = args.cache
    log = tempfile.TemporaryFile()
    started = [0.0]

    def logged(phase: str, info: dict) -> None:
        if phase == "start":
            started[0] = time.perf_counter()
            return
        took = time.perf_counter() - started[0]
        where = ""
        if took > args.over:
            frames = traceback.extract_stack()[-7:-1][::-1]
            where = " <- ".join(f"{f.name}({Path(f.filename).name}:{f.lineno})" for f in frames)
        at = f"{time.perf_counter() - T0:.3f}"
        fields = (os.getpid(), at, info["generation"], f"{took:.4f}", info["collected"], where)
        os.write(log.fileno(), ("\t".join(map(str, fields)) + "\n").encode())

    from booklet.build import build_booklet
    from booklet.cache.disk import ending

    ending(with_its_build=True)  # as `booklet build` (cli.run)
    gc.callbacks.append(logged)
    try:
        result = build_booklet(Path(args.data), Path(args.out), jobs=args.jobs)
    finally:
        gc.callbacks.remove(logged)
    log.seek(0)
    rows = [line.split("\t") for line in log.read().decode().splitlines()]
    names = {str(os.getpid()): "main"}
    for pid, *_ in rows:
        names.setdefault(pid, f"w{len(names)}")
    print(f"pages {result.pages}, wall {time.perf_counter() - T0:.2f} s")
    print(f"{'proc':5} {'gen 0':>14} {'gen 1':>14} {'gen 2':>14}  (collections, seconds)")
    for pid, name in names.items():
        mine = [row for row in rows if row[0] == pid]
        cells = []
        for generation in "012":
            taken = [float(row[3]) for row in mine if row[2] == generation]
            cells.append(f"{len(taken):4d} {sum(taken):8.3f} s")
        print(f"{name:5} " + " ".join(f"{cell:>14}" for cell in cells))
    print(f"\ncollections over {args.over} s:")
    for pid, at, generation, took, collected, where in rows:
        if float(took) > args.over:
            print(f"{names[pid]:5} at {float(at):7.2f} s gen {generation} {float(took):.3f} s, freed {collected}: "
                  f"{where}")


if __name__ == "__main__":
    main()
