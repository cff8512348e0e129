"""The data contract -> the key reference of docs/data-format.md (Markdown tables, one per record).

`python -m booklet.data.reference docs/data-format.md` rewrites the part between the markers;
a test fails when the document and the contract disagree.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .contract import FILES, SHAPES, Key, Record, blank_said, flow, records

BEGIN = "<!-- key reference: made from booklet/data/contract.py; do not edit by hand -->"
END = "<!-- end of key reference -->"


def _type(key: Key) -> str:
    if key.type == "choice":
        return " \\| ".join(f"`{c}`" for c in key.choices)
    if key.type == "choices":
        return "list of " + " \\| ".join(f"`{c}`" for c in key.choices)
    if key.type in ("record", "records"):
        kinds = ", ".join(f"[{r.name}](#{r.name})" for r in key.records)
        return f"{'list of ' if key.type == 'records' else ''}{kinds}"
    return SHAPES[key.type]


def _row(key: Key) -> str:
    words = key.doc
    if key.default:
        words += f" (default: {key.default})"
    example = f"`{key.name}: {flow(key.example, key.type == 'time')}`".replace("|", "\\|")
    required = "yes" if key.required else ""
    words = words.replace("|", "\\|")
    return f"| `{key.name}` | {_type(key)} | {required} | {words} | {example} |"


def _table(record: Record) -> list[str]:
    lines = [f"### {record.name}", "", record.doc]
    if record.one_of:
        lines[-1] += f" Give exactly one of {' or '.join(f'`{k}`' for k in record.one_of)}."
    if record.tag:
        lines[-1] += f" In a list of items it is marked by its `{record.tag}:` key."
    lines += ["", "| key | type | required | meaning | example |", "| --- | --- | --- | --- | --- |"]
    lines += [_row(key) for key in record.keys]
    return lines + [""]


def _blanks() -> str:
    """Which keys check refuses a text of nothing (`""`, `" "`) at, though they may be left out (contract.blank_said):
    each key's name with the records that have it, in the order first reached."""
    where: dict[str, list[str]] = {}
    for record in records():
        for key in record.keys:
            if not key.required and blank_said(record, key) and record.name not in where.setdefault(key.name, []):
                where[key.name].append(record.name)
    keys = "; ".join(f"`{name}` ({', '.join(f'[{r}](#{r})' for r in kinds)})" for name, kinds in where.items())
    return ("A required key given a text of nothing (`\"\"`, `\" \"`) is an error at its file, line and key; so is one of "
            f"these, which may be left out (with nothing after it, `kind:`, it is as left out): {keys}; and a "
            "`language`. Any other key of text given one (a `subtitle`, a `photo`, an `email`) is as the key left "
            "out, theme.yaml's colours, fonts and labels with a warning. A key that takes text or an id given a "
            "number, true or false or a date written bare (`title: 2027`, `tier: yes`, `id: 42`) reads it as the "
            "text written, as the schema has it; an `email` so written is an error.")


def markdown() -> str:
    lines = ["## Every key", "", "| file | holds |", "| --- | --- |"]
    lines += [f"| `{spec.name}` | {spec.shape.split(' (')[0]} of [{spec.record.name}](#{spec.record.name}): {spec.doc} |"
              for spec in FILES]
    lines += ["", _blanks(), ""]
    for record in records():
        lines += _table(record)
    return "\n".join(lines)


def rewrite(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    head, rest = text.split(BEGIN, 1)
    tail = rest.split(END, 1)[1]
    path.write_text(f"{head}{BEGIN}\n\n{markdown()}\n{END}{tail}", encoding="utf-8")


if __name__ == "__main__":
    rewrite(Path(sys.argv[1]))
