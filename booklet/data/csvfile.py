"""A CSV data file (a header row naming the columns, then one record per row) -> the same Seq of Maps
that load.py makes of a YAML list, each value remembering its file and line, so that the validator reads
and reports it exactly as it does YAML.

The header's names are matched without case or surrounding spaces; a column the file may not have is an
error, as is a column left without a name that holds values (an empty, unnamed column, as spreadsheets
leave at the end, is passed over). Blank rows are passed over. A value of several lines is an error: no
column has them, and it is what a double quote left open makes of the rows after it. The text must be UTF-8 (a BOM is fine),
like every data file: a spreadsheet's other encodings would turn accented names into wrong letters.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from ..problems import Problem, did_you_mean
from .csvrows import CsvError, csv_rows
from .load import BAD, Map, Seq, read_data


def load_csv(path: Path, display: str, columns: tuple[str, ...], required: tuple[str, ...],
             problems: list[Problem]) -> Seq | None:
    """The rows of the CSV at `path` as a Seq of Maps keyed by column name (an empty cell: None), or None
    (with problems appended) when the file or its header cannot be read."""
    return read_data(path, display, problems, partial(_rows, columns=columns, required=required),
                     "csv", columns, required)


def _rows(text: str, display: str, problems: list[Problem], *, columns: tuple[str, ...],
          required: tuple[str, ...]) -> Seq | None:
    try:
        rows, lines = csv_rows(text)
    except CsvError as exc:
        problems.append(Problem(display, exc.line or 1, "", f"not readable as CSV ({exc.message})"))
        return None
    filled = [(row, line) for row, line in zip(rows, lines) if any(cell.strip() for cell in row)]
    if not filled:
        problems.append(Problem(display, 1, "", "the file is empty: its first line names the columns, e.g. "
                                                + ",".join(columns)))
        return None
    (header, header_line), body = filled[0], filled[1:]
    names = _header(header, header_line, body, display, columns, required, problems)
    if names is None:
        return None
    if not body:  # (a spreadsheet's header saved before its first row: what it lists is not there, said)
        problems.append(Problem(display, header_line, "", "the file has its header and no rows: left out, as if it "
                                "were not there (add the rows under the header, or delete it)", "warning",
                                "empty-file"))
    seq = Seq(display, header_line)
    for row, line in body:
        seq.append(_record(row, line, names, display, problems))
        seq.lines.append(line)
        seq.raw.append(None)
    return seq


def _column(cell: str, columns: tuple[str, ...]) -> str:
    """A header cell as the column it names, case, spaces, hyphens and underscores aside ("E-Mail" is
    `email`); an unknown one as written, in lower case."""
    key = _bare(cell)
    return next((column for column in columns if _bare(column) == key), cell.strip().casefold())


def _bare(text: str) -> str:
    return "".join(ch for ch in text.casefold() if not ch.isspace() and ch not in "-_")


def _header(header: list[str], line: int, body, display: str, columns: tuple[str, ...],
            required: tuple[str, ...], problems: list[Problem]) -> list[str | None] | None:
    """The column name of each cell of the header (None: an empty column passed over), or None when wrong."""
    allowed = ", ".join(columns)
    names: list[str | None] = []
    wrong = False
    for index, cell in enumerate(header):
        name = _column(cell, columns)
        if not name:
            if any(index < len(row) and row[index].strip() for row, _ in body):
                problems.append(Problem(display, line, "", f"column {index + 1} has values but no name in the "
                                                           f"header; the columns are {allowed}"))
                wrong = True
            names.append(None)
        elif name not in columns:
            shown = cell.strip()
            problems.append(Problem(display, line, shown, f"unknown column '{shown}'{did_you_mean(name, columns)}; "
                                                          f"the columns are {allowed}: rename it to one of them, "
                                                          "or remove the column (a registration number, ...)"))
            wrong = True
            names.append(None)
        elif name in names:
            problems.append(Problem(display, line, name, f"column given twice (first as column "
                                                         f"{names.index(name) + 1})"))
            wrong = True
            names.append(None)
        else:
            names.append(name)
    for name in required:
        if name not in names:
            problems.append(Problem(display, line, name, f"required column is missing: the first line names the "
                                                         f"columns, e.g. {','.join(columns)}"))
            wrong = True
    return None if wrong else names


def _record(row: list[str], line: int, names: list[str | None], display: str, problems: list[Problem]) -> Map:
    """One row as a Map: every named column present (an empty or missing cell: None, as `key:` is in YAML)."""
    record = Map(display, line)
    for index, name in enumerate(names):
        if name is None:
            continue
        cell = row[index] if index < len(row) else ""
        if "\n" in cell:  # no name, affiliation, country or address has lines: a quote left open swallowed rows
            last = line + sum(c.count("\n") for c in row[: index + 1])
            problems.append(Problem(display, line, name, f"the value runs on to line {last}: a double quote opened "
                                                         "on this line is closed only there; close it where the "
                                                         "value ends"))
            # the column is there, its value reported: not also "required key is missing" (a name of two lines)
            record[name], record.lines[name], record.raw[name] = BAD, line, cell
            continue
        record[name] = cell if cell.strip() else None
        record.lines[name] = line
        record.raw[name] = cell
    extra = [cell for cell in row[len(names):] if cell.strip()]
    if extra:
        problems.append(Problem(display, line, "", f"the row has {len(row)} values but the header names "
                                                   f"{len(names)} column{'s' * (len(names) != 1)}; put a value holding "
                                                   "the delimiter "
                                                   f"in double quotes (\"Lund, Sweden\")"))
    return record
