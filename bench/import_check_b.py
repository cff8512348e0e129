"""Import every Indico export and spreadsheet of the shared real-data folder, and build a booklet of each.

    .venv/bin/python bench/import_check_b.py [DATA_DIR] [--keep OUT]

DATA_DIR is the shared external-data folder (default ../shared/external-data beside the repository, or
/work/shared/external-data). Each file of its indico/ and abstracts-csv/ folders is read by booklet's
Indico or spreadsheet reader (the one whose detect() takes it), the documents written as YAML
(yaml.safe_dump) into a temporary folder (or OUT/NAME with --keep), read back by booklet's validator and
built into a PDF. One line per file: format, talks/tutorials/posters/days, errors, warnings, pages,
seconds. The files are only read: nothing is copied into the project.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from booklet.build import build_booklet  # noqa: E402
from booklet.importers import Options, SourceError, indico, table  # noqa: E402
from booklet.problems import DataError  # noqa: E402

READERS = (("indico", indico), ("table", table))


def _default_data() -> Path:
    here = Path(__file__).resolve().parents[1]
    for candidate in (here.parent / "shared" / "external-data", Path("/work/shared/external-data")):
        if candidate.is_dir():
            return candidate
    return here.parent / "shared" / "external-data"


def check(path: Path, out: Path) -> dict:
    row = {"file": f"{path.parent.name}/{path.name}", "format": "-", "talks": "-", "errors": "", "pages": "-",
           "warnings": "-", "seconds": "-"}
    started = time.perf_counter()
    head = path.read_bytes()[:65536]
    reader = next((module for _, module in READERS if module.detect(path, head)), None)
    if reader is None:
        row["errors"] = "not detected as Indico or a spreadsheet"
        return row
    try:
        imported = reader.read(path, Options())
    except SourceError as e:
        row["errors"] = f"SourceError: {e}"
        return row
    row["format"] = imported.format
    docs = imported.documents
    days = len(docs.get("programme.yaml", {}).get("days", []))
    row["talks"] = "/".join(str(n) for n in (len(docs.get("abstracts.yaml", [])), len(docs.get("tutorials.yaml", [])),
                                             len(docs.get("posters.yaml", [])), days))
    out.mkdir(parents=True, exist_ok=True)
    for name, document in docs.items():
        (out / name).write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    try:
        result = build_booklet(out, out / "booklet.pdf")
    except DataError as e:
        errors = [p for p in e.problems if p.severity == "error"]
        row["errors"] = f"{len(errors)} errors, first: {errors[0] if errors else '?'}"
        return row
    row["errors"] = "0"
    row["warnings"] = str(len(result.warnings))
    row["pages"] = str(result.pages)
    row["seconds"] = f"{time.perf_counter() - started:.1f}"
    row["notes"] = imported.notes
    row["unmapped"] = dict(imported.unmapped_types)
    return row


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", nargs="?", type=Path, default=_default_data())
    parser.add_argument("--keep", type=Path, help="write each imported folder to KEEP/NAME and keep it")
    parser.add_argument("--notes", action="store_true", help="print each file's notes and unmapped types")
    args = parser.parse_args()
    files = sorted(p for folder in ("indico", "indico/docs-examples", "abstracts-csv")
                   for p in (args.data / folder).glob("*") if p.is_file() and p.suffix != ".md")
    if not files:
        print(f"no files in {args.data}/indico or {args.data}/abstracts-csv")
        return 1
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        for path in files:
            base = args.keep if args.keep else Path(scratch)
            rows.append(check(path, base / path.name.split(".")[0]))
    header = ("file", "format", "talks", "errors", "warnings", "pages", "seconds")
    print("| " + " | ".join(("file", "format", "talks/tutorials/posters/days", "errors", "warnings", "pages", "s"))
          + " |")
    print("|" + "---|" * len(header))
    for row in rows:
        print("| " + " | ".join(str(row.get(k, "")) for k in header) + " |")
    if args.notes:
        for row in rows:
            if row.get("notes") or row.get("unmapped"):
                print(f"\n{row['file']}:")
                for note in row.get("notes", []):
                    print(f"  - {note}")
                if row.get("unmapped"):
                    print(f"  - types with no kind: {row['unmapped']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
