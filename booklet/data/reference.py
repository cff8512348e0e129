"""The data contract -> the key reference of docs/data-format.md (Markdown tables, one per record).

`python -m booklet.data.reference docs/data-format.md` rewrites the part between the markers;
a test fails when the document and the contract disagree.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .contract import FILES, SHAPES, Key, Record, flow, records

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


def markdown() -> str:
    lines = ["## Every key", "", "| file | holds |", "| --- | --- |"]
    lines += [f"| `{spec.name}` | {spec.shape.split(' (')[0]} of [{spec.record.name}](#{spec.record.name}): {spec.doc} |"
              for spec in FILES]
    lines.append("")
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
