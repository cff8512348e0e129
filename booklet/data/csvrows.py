"""CSV text -> its records and the line each starts on, in whichever common dialect it is written.

The delimiter (comma, semicolon, tab or bar) is the one that gives the header's width to the most
records; Excel's hint on the first line (`sep=;`) is obeyed. Shared by the data folder's CSV files
(booklet/data/csvfile.py) and the spreadsheet importer (booklet/importers/table.py).
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter


class CsvError(ValueError):
    """The text cannot be read as CSV: `line` (1-based, or None when unknown) and csv's own words."""

    def __init__(self, line: int | None, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


def csv_rows(text: str) -> tuple[list[list[str]], list[int]]:
    """Every record of the CSV, and the line each starts at; CsvError when it cannot be read."""
    first = text.split("\n", 1)[0].strip()
    skip = 0
    hint = re.fullmatch(r"sep=(.)", first)
    if hint:
        text, skip = text.split("\n", 1)[1] if "\n" in text else "", 1
    candidates = [hint[1]] if hint else [",", ";", "\t", "|"]
    best = None
    for delimiter in candidates:
        try:
            rows, lines = _parse(text, delimiter, limit=60)
        except csv.Error:
            continue
        widths = Counter(len(r) for r in rows if sum(1 for c in r if c.strip()) > 1)
        if not widths:
            continue
        width, count = max(widths.items(), key=lambda wc: (wc[1], wc[0]))
        score = (count, width)
        if best is None or score > best[0]:
            best = (score, delimiter)
    delimiter = best[1] if best else ","
    try:
        rows, lines = _parse(text, delimiter)
    except csv.Error as e:
        raise CsvError(e.args[1] + skip if len(e.args) > 1 else None, str(e.args[0])) from None
    return rows, [n + skip for n in lines]


def _parse(text: str, delimiter: str, limit: int | None = None) -> tuple[list[list[str]], list[int]]:
    # a value may be as long as the file (the csv module's own limit, 131,072 characters, stopped a participant's
    # value of 200,000 with "field larger than field limit"; the data's checks say what is too long, with its line)
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"', doublequote=True,
                        skipinitialspace=False, strict=False)
    rows, lines, start = [], [], 1
    try:
        for row in reader:
            rows.append(row)
            lines.append(start)
            start = reader.line_num + 1
            if limit and len(rows) >= limit:
                break
    except csv.Error as e:
        raise csv.Error(str(e), reader.line_num) from None
    if limit is None and rows:
        _closed(text, lines[-1], delimiter)
    return rows, lines


def _closed(text: str, line: int, delimiter: str) -> None:
    """csv.Error when the record starting on `line` (the last) opens a quoted value it never closes: the
    lenient reader would take the rest of the file into that one value."""
    # the lines as the reader counts them (\n, \r, \r\n), not str.splitlines' (which also splits at
    # U+2028, form feeds and more, and so would start `rest` inside an earlier value)
    rest = "".join(io.StringIO(text, newline="").readlines()[line - 1:])
    try:
        for _ in csv.reader(io.StringIO(rest, newline=""), delimiter=delimiter, quotechar='"', strict=True):
            pass
    except csv.Error as e:
        if "end of data" in str(e):
            raise csv.Error("a value opened with a double quote on this line is never closed; close it, or "
                            "put the quote inside a value as two quotes (\"\")", line) from None
