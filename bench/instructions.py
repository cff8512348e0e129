"""A `booklet build` -> the instructions it executes (valgrind's callgrind), for this code and a git revision.

    .venv/bin/python bench/instructions.py [DATA ...] [--ref REV]

DATA: data folders (default: the sample, `data/`; bench/generate.py makes bigger ones, e.g.
bench/out/data-500x1000). Each is built once per code, as a new process under `valgrind --tool=callgrind`:
`python -m booklet build DATA -o ... --jobs 1` with the disk cache off, modules compiled beforehand (bench/run.py's
process_env: the compiled modules kept outside the source tree). The count of instructions is the same from one
run to the next whatever else the machine is doing, where wall and CPU times on a shared machine wander by a
third: it tells a change of a few per cent apart. `--ref REV`: that revision too (exported with git archive, as
bench/run.py does), the two builds of each folder run side by side. Printed: a row per folder, the counts and
their difference, and whether the two PDFs are the same bytes. Slow (about 50 times a build: minutes for 500
talks); needs valgrind (Debian's package). It reports and never fails.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

from run import OUT, ROOT, process_env, source_tree  # bench/run.py

_COLLECTED = re.compile(r"Collected : (\d+)")


def _start(src: Path, data: Path, label: str) -> tuple[subprocess.Popen, Path]:
    pdf = OUT / f"instructions-{label}.pdf"
    env = process_env({"BOOKLET_CACHE": "off"})
    subprocess.run([sys.executable, "-m", "compileall", "-q", "booklet"], cwd=src, env=env, check=False,
                   capture_output=True)
    command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, "-m", "booklet",
               "build", str(data.resolve()), "-o", str(pdf), "--jobs", "1"]
    return subprocess.Popen(command, cwd=src, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True), pdf


def _finish(started: tuple[subprocess.Popen, Path]) -> tuple[int | None, str | None]:
    process, pdf = started
    _, err = process.communicate()
    found = _COLLECTED.search(err)
    digest = hashlib.md5(pdf.read_bytes()).hexdigest()[:8] if process.returncode == 0 and pdf.exists() else None
    return (int(found.group(1)) if found else None), digest


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="*", type=Path, default=[ROOT / "data"])
    parser.add_argument("--ref", default=None, help="also count the build of this git revision")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (Debian: apt install valgrind)")
        return 0
    OUT.mkdir(parents=True, exist_ok=True)
    ref = source_tree(args.ref) if args.ref else None
    print("| data | this code | " + (f"{args.ref} | change | same PDF |" if ref else "PDF |"))
    print("|---|---:|" + ("---:|---:|---|" if ref else "---|"))
    for data in args.data:
        label = data.resolve().name
        ours = _start(ROOT, data, f"{label}-this")
        theirs = _start(ref, data, f"{label}-ref") if ref else None
        (count, digest), (ref_count, ref_digest) = _finish(ours), (_finish(theirs) if theirs else (None, None))
        shown = f"{count / 1e9:.3f} G" if count else "failed"
        if ref is None:
            print(f"| {data} | {shown} | {digest} |")
            continue
        change = f"{100 * (count - ref_count) / ref_count:+.1f} %" if count and ref_count else "-"
        ref_shown = f"{ref_count / 1e9:.3f} G" if ref_count else "failed"
        print(f"| {data} | {shown} | {ref_shown} | {change} | {'yes' if digest and digest == ref_digest else 'no'} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
