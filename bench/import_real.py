"""Import every real export in ../shared/external-data/, check it and build it; print one table row per file.

    .venv/bin/python bench/import_real.py [--data DIR] [--keep DIR] [--no-build]

Which files: every file under the data folder's schedule-json/, schedule-xml/, indico/ and abstracts-csv/
(schema/ folders and Markdown left out), and each folder in booklet-sources/ as one source (a booklet
builder's data: aclpub2, the EuroPython brochure's epcon XML, the AMCOS kit), and the sources of WITH_TIMETABLE
once more with the timetable beside them (`--timetable`). Each is given to
`booklet.importers.detect`, so a format whose reader this version has is found from the content, as
`booklet import` finds it; a source no reader recognises gets a row saying so. Each recognised source is
imported (as `booklet import SOURCE --out DIR` does: read, written to a folder, checked there) into a
temporary folder (or into --keep DIR/NAME), and the booklet built from it (A5, as `booklet build` does
by default).

Columns: file, format, talks/tutorials/posters/days, errors (of `booklet check`; an import that fails is
one row with the reason), warnings, pages, seconds (import + check + build). The data is read where it
is and never copied into the project. The script reports; it exits with status 1 when any recognised
file failed to import, check or build.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from booklet.build import build_booklet  # noqa: E402
from booklet.importers import Options, SourceError, detect  # noqa: E402
from booklet.importers.write import import_source  # noqa: E402
from booklet.problems import DataError  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "external-data"
FOLDERS = ("schedule-json", "schedule-xml", "indico", "abstracts-csv")
SOURCE_FOLDERS = ("booklet-sources",)  # each folder in them is one source
# sources imported together with a timetable beside them (`--timetable`), each one more row: (source, timetable,
# the date given for the timetable's day 1: its days are numbers, and neither file says the school's dates)
WITH_TIMETABLE = (("abstracts-csv/houches2018.googleforms.abstracts.csv", "abstracts-csv/houches2018.program.txt",
                   "2018-06-10"),)


def sources(data: Path) -> list[Path]:
    found = []
    for folder in FOLDERS:
        for path in sorted((data / folder).rglob("*")):
            if path.is_file() and "schema" not in path.relative_to(data).parts and path.suffix != ".md":
                found.append(path)
    for folder in SOURCE_FOLDERS:
        if (data / folder).is_dir():
            found += sorted(path for path in (data / folder).iterdir() if path.is_dir())
    return found


def run_one(path: Path, out: Path, build: bool, options: Options = Options()) -> list[str]:
    start = time.perf_counter()
    try:
        name = detect(path)
    except SourceError:
        return ["-", "not recognised", "", "", "", ""]
    try:
        result = import_source(path, out, options)
    except SourceError as exc:
        return [name, f"import failed: {exc}", "", "", "", f"{time.perf_counter() - start:.2f}"]
    except DataError as exc:
        return [name, "", str(len(exc.errors)), str(len(exc.problems) - len(exc.errors)), "",
                f"{time.perf_counter() - start:.2f}"]
    c = result.counts
    pages = ""
    if build:
        pages = str(build_booklet(out, out.with_name(out.name + ".pdf")).pages)
    counts = f"{c['talks']}/{c['tutorials']}/{c['posters']}/{c['days']}"
    return [name, counts, "0", str(len(result.warnings)), pages, f"{time.perf_counter() - start:.2f}"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the external data folder")
    parser.add_argument("--keep", type=Path, help="import into DIR/NAME and keep the folders and PDFs")
    parser.add_argument("--no-build", action="store_true", help="import and check only")
    args = parser.parse_args()
    if not args.data.is_dir():
        print(f"{args.data}: no such folder", file=sys.stderr)
        return 1
    header = ["file", "format", "talks/tutorials/posters/days", "errors", "warnings", "pages", "seconds"]
    rows, failed = [], False
    with tempfile.TemporaryDirectory() as scratch:
        base = args.keep or Path(scratch)
        for index, path in enumerate(sources(args.data)):
            out = base / f"{index:02d}-{path.name.split('.')[0]}"
            row = [str(path.relative_to(args.data)), *run_one(path, out, not args.no_build)]
            failed |= row[1] != "-" and (row[3] != "0" or "failed" in row[2])
            rows.append(row)
            print(" | ".join(row), file=sys.stderr, flush=True)
        for index, (source, timetable, first_day) in enumerate(WITH_TIMETABLE, len(rows)):
            path, beside = args.data / source, args.data / timetable
            if not (path.is_file() and beside.is_file()):
                continue
            out = base / f"{index:02d}-{path.name.split('.')[0]}-timetable"
            options = Options(timetable=beside, first_day=dt.date.fromisoformat(first_day))
            row = [f"{source} + --timetable {beside.name}", *run_one(path, out, not args.no_build, options)]
            failed |= row[1] != "-" and (row[3] != "0" or "failed" in row[2])
            rows.append(row)
            print(" | ".join(row), file=sys.stderr, flush=True)
    widths = [max(len(r[k]) for r in [header, *rows]) for k in range(len(header))]
    lines = ["| " + " | ".join(cell.ljust(w) for cell, w in zip(r, widths)) + " |" for r in [header, *rows]]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    print("\n".join(lines))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
