"""The names lint benchmark: how long the name-variant check and the whole lint take for many people.

    .venv/bin/python bench/lint_bench.py [--sizes 1000,10000,50000] [--runs 3] [--ref REV]

For each size, bench/people.py makes that many distinct people (names from a dozen traditions,
with diacritics, and 2 % of them written a second way: accents, capitals, a typo, swapped order,
"Family, Given", initials, a middle name left out, hyphens). Every spelling is the author of one
poster of an in-memory Booklet (no YAML is read). Timed, median of `--runs`:

- `names`: booklet.lint.names.check_names on every name in the booklet (mentions.names);
- `lint`: the whole booklet.lint.lint(booklet) (names, affiliations, emails, posters, ...);
  wall time, and in brackets this process's CPU time (less sensitive to other load on the machine).

Also printed: spellings, name-variant warnings, planted variants found (a planted variant whose
warning names the person's first spelling) and the target: 10,000 people's names in under 2 s.
`--numbered` times names like 'Anna Testperson0001' instead (numbered placeholders, as
generated test data often has). `--ref REV` benchmarks a git revision's booklet package instead of
the working tree (exported with `git archive` into bench/out/; nothing in the checkout changes).
It reports and never fails on a missed target.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out"
sys.path.insert(0, str(BENCH))

from people import people  # noqa: E402

TARGET_PEOPLE, TARGET_SECONDS = 10_000, 2.0


def booklet_of(spellings, found):
    """An in-memory Booklet where every spelling is the single author of one poster."""
    from booklet.model import Booklet, Conference, Person, Poster, Source

    posters = []
    for number, (text, index, _) in enumerate(spellings, 1):
        _, affiliation, email = found[index]
        source = Source("posters.yaml", 3 * number - 2, f"[{number - 1}]")
        author = Person(text, (affiliation,), email, source=source)
        posters.append(Poster(number, f"Poster {number}", (author,), source=source))
    conference = Conference("Bench", dt.date(2027, 9, 13), dt.date(2027, 9, 17), "Lund")
    return Booklet(conference, posters=tuple(posters))


def numbered(count: int):
    found = [(f"Anna Testperson{i:04d}", "Lund University", None) for i in range(count)]
    return found, [(name, i, "") for i, (name, _, _) in enumerate(found)]


def planted_found(problems, spellings, found) -> tuple[int, int]:
    """(planted variants, those whose warning names the person's first spelling)."""
    messages = {}
    for p in problems:
        if p.kind == "name-variant":
            text = p.message[1:p.message.index("' (")]
            messages[text] = p.message
    planted = [(text, found[index][0]) for text, index, kind in spellings if kind]
    hits = sum(1 for text, first in planted if f"'{first}' (" in messages.get(" ".join(text.split()), ""))
    return len(planted), hits


def timed(function, runs: int):
    """(median wall time, median CPU time of this process, result) of `runs` calls."""
    walls, cpus, result = [], [], None
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        result = function()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus), result


def measure(size: int, runs: int, numbered_names: bool) -> dict:
    from booklet.lint import lint, mentions
    from booklet.lint.names import check_names

    found, spellings = numbered(size) if numbered_names else people(size, seed=0)
    booklet = booklet_of(spellings, found)
    names = mentions.names(booklet)
    names_time, names_cpu, problems = timed(lambda: check_names(names), runs)
    lint_time, lint_cpu, all_problems = timed(lambda: lint(booklet), runs)
    planted, hits = planted_found(problems, spellings, found)
    return {"people": size, "spellings": len(spellings), "names_s": names_time, "lint_s": lint_time,
            "names_cpu": names_cpu, "lint_cpu": lint_cpu,
            "warnings": len(problems), "all_warnings": len(all_problems), "planted": planted, "found": hits}


def export(rev: str) -> Path:
    sha = subprocess.run(["git", "rev-parse", "--short", rev], cwd=ROOT, check=True, capture_output=True,
                         text=True).stdout.strip()
    target = OUT / f"ref-{sha}"
    if not (target / "booklet").is_dir():
        target.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "archive", sha, "booklet"], cwd=ROOT, check=True, capture_output=True)
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--numbered", action="store_true", help="names like 'Anna Testperson0001'")
    parser.add_argument("--ref", help="a git revision to benchmark instead of the working tree")
    args = parser.parse_args()
    if args.ref:
        env = dict(os.environ, PYTHONPATH=str(export(args.ref)))
        command = [sys.executable, __file__, "--sizes", args.sizes, "--runs", str(args.runs)]
        sys.exit(subprocess.run(command + ["--numbered"] * args.numbered, env=env).returncode)

    import booklet

    print(f"booklet from {Path(booklet.__file__).parent}; Python {platform.python_version()}, "
          f"{platform.system()} {platform.machine()}, nproc {os.cpu_count()}, load {os.getloadavg()[0]:.1f}")
    print(f"{'people':>8} {'spellings':>9} {'names lint (CPU)':>18} {'whole lint (CPU)':>18} {'warnings':>8} "
          f"{'planted found':>13}")
    for size in (int(s) for s in args.sizes.split(",")):
        r = measure(size, args.runs, args.numbered)
        print(f"{r['people']:>8,} {r['spellings']:>9,} {r['names_s']:>8.3f}s ({r['names_cpu']:.3f}s) "
              f"{r['lint_s']:>8.3f}s ({r['lint_cpu']:.3f}s) {r['warnings']:>8,} {r['found']:>6,} of {r['planted']:<5,}",
              flush=True)
        if size == TARGET_PEOPLE:
            met = "met" if r["names_s"] < TARGET_SECONDS else "NOT MET"
            print(f"{'':>8} target: {TARGET_PEOPLE:,} people's names in < {TARGET_SECONDS:g} s: {met}")


if __name__ == "__main__":
    main()
