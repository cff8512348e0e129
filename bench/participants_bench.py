"""The list of participants benchmark: how long reading, sorting and laying out many participants take.

    .venv/bin/python bench/participants_bench.py [--sizes 500,5000] [--csv] [--page-size A5] [--keep]

For each size, bench/people.py makes that many distinct people (a dozen naming traditions, diacritics,
particles, Greek and Cyrillic); they are written as participants.yaml (or, with --csv, participants.csv)
into a conference folder whose theme prints only the list of participants, and built. Timed, once each:

- `read`: booklet.data.validate.read_booklet (the file read and every value checked);
- `sort`: booklet.layout.participants.ordered (names taken apart and collated);
- `build`: the whole `build_booklet` (read, check, lay out, write the PDF), with the page count.

The target: 5,000 participants built in under 30 s. It reports and never fails on a missed target.
The folders and PDFs go to bench/out/participants/ (kept with --keep, else removed).
"""

from __future__ import annotations

import argparse
import csv
import shutil
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out" / "participants"
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(ROOT))  # booklet from this checkout, installed or not

import yaml  # noqa: E402

from people import people  # noqa: E402

TARGET_PARTICIPANTS, TARGET_SECONDS = 5_000, 30.0
CONFERENCE = """\
title: Participants Benchmark
dates: {start: 2027-09-13, end: 2027-09-14}
venue: Lund, Sweden
"""
THEME = "sections: [participants]\n"


def write_folder(folder: Path, count: int, as_csv: bool) -> None:
    """A conference folder with `count` participants, in participants.yaml or participants.csv."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "conference.yaml").write_text(CONFERENCE, encoding="utf-8")
    (folder / "theme.yaml").write_text(THEME, encoding="utf-8")
    found, _ = people(count, seed=0, variants=0.0)
    rows = []
    for name, affiliation, email in found:
        institution, _, country = affiliation.rpartition(", ")
        rows.append({"name": name, "affiliation": institution or affiliation, "country": country or None,
                     "email": email})
    if as_csv:
        with (folder / "participants.csv").open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(["name", "affiliation", "country"])
            writer.writerows([r["name"], r["affiliation"], r["country"] or ""] for r in rows)
    else:
        text = yaml.safe_dump([{k: v for k, v in r.items() if v} for r in rows], allow_unicode=True,
                              sort_keys=False, width=200)
        (folder / "participants.yaml").write_text(text, encoding="utf-8")


def run(count: int, as_csv: bool, page_size: str) -> dict:
    from booklet.build import build_booklet
    from booklet.data.validate import read_booklet
    from booklet.layout.participants import ordered

    folder = OUT / f"{count}-{'csv' if as_csv else 'yaml'}"
    shutil.rmtree(folder, ignore_errors=True)
    write_folder(folder, count, as_csv)
    start = time.perf_counter()
    booklet, _ = read_booklet(folder)
    read = time.perf_counter() - start
    start = time.perf_counter()
    ordered(booklet.participants)
    sort = time.perf_counter() - start
    start = time.perf_counter()
    result = build_booklet(folder, folder.with_suffix(".pdf"), page_size)
    build = time.perf_counter() - start
    return {"participants": len(booklet.participants), "read": read, "sort": sort, "build": build,
            "pages": result.pages}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="500,5000", help="participant counts, comma-separated")
    parser.add_argument("--csv", action="store_true", help="write participants.csv instead of participants.yaml")
    parser.add_argument("--page-size", default="A5")
    parser.add_argument("--keep", action="store_true", help="keep the folders and PDFs in bench/out/participants")
    args = parser.parse_args()
    print(f"{'participants':>12} {'read s':>8} {'sort s':>8} {'build s':>8} {'pages':>6}")
    for size in (int(s) for s in args.sizes.split(",")):
        r = run(size, args.csv, args.page_size)
        print(f"{r['participants']:>12} {r['read']:>8.2f} {r['sort']:>8.2f} {r['build']:>8.2f} {r['pages']:>6}")
        if size == TARGET_PARTICIPANTS:
            verdict = "met" if r["build"] < TARGET_SECONDS else "MISSED"
            print(f"target: {TARGET_PARTICIPANTS} participants built in under {TARGET_SECONDS:.0f} s: {verdict}")
    if not args.keep:
        shutil.rmtree(OUT, ignore_errors=True)


if __name__ == "__main__":
    main()
