"""A data file's text <-> a round-trip document (ruamel.yaml): comments, key order and quoting kept, so that
`booklet import --update` changes only the values it updates.

Files are written in the style of `booklet init` (templates.py): a list file's entries start at the
left margin ("- id: ..."), lists inside them are indented under their key. ruamel.yaml indents every
level of lists alike, so a list file is read shifted right by two columns and written back shifted left:
a file that is not changed comes out byte for byte as it went in. New values are written by the
templates' writer (so they are quoted where PyYAML, which `booklet check` reads with, needs it) and
parsed into nodes.
"""

from __future__ import annotations

import datetime as dt
import io
import re

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

from ..data.contract import Record, scalar
from ..start.templates import render_plain

SHIFT = "  "


def _yaml() -> YAML:
    yaml = YAML()  # round trip
    yaml.preserve_quotes = True
    yaml.width = 10**6  # never fold a long line
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _is_list_file(text: str) -> bool:
    for line in text.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#") and stripped != "---":
            return stripped.startswith("-")
    return False


def load(text: str):
    """The document of a data file's text, as ruamel.yaml round-trip values; ValueError when it cannot be read."""
    shifted = _is_list_file(text)
    if shifted:
        text = "".join(SHIFT + line if line.strip() else line for line in text.splitlines(keepends=True))
    try:
        document = _yaml().load(text)
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).strip().splitlines()[0]
        raise ValueError(f"line {mark.line + 1}: {problem}" if mark is not None else problem) from None
    if isinstance(document, CommentedSeq):
        document.fa.set_block_style()  # entries added to a file written `[]` are written as blocks
    return document


def dump(document, was: str = "") -> str:
    """A round-trip document as the text of its data file (`was`: its text before, whose heading comment
    an emptied list keeps)."""
    out = io.StringIO()
    if isinstance(document, list) and not document:
        heading = []
        for line in was.splitlines(keepends=True):
            if not line.startswith("#"):
                break
            heading.append(line)
        return "".join(heading) + "[]\n"
    if isinstance(document, list):
        def unshift(text: str) -> str:
            return "".join(line[len(SHIFT):] if line.startswith(SHIFT) else line.lstrip(" ")
                           for line in text.splitlines(keepends=True))

        _yaml().dump(document, out, transform=unshift)
    else:
        _yaml().dump(document, out)
    return out.getvalue()


def node(value, record: Record | None = None, key_type: str = "text"):
    """A plain value as a node to put into a round-trip document: records and lists of records written by
    the templates' writer and read back; scalars quoted when PyYAML would read them otherwise."""
    if isinstance(value, dict):
        return load(render_plain(value, record, many=False))
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return load(render_plain(value, record, many=True))
    if isinstance(value, list):
        return CommentedSeq(node(v) for v in value)
    if isinstance(value, str):
        if "\n" in value:
            return LiteralScalarString(value if value.endswith("\n") else value + "\n")
        if key_type == "time" or scalar(value).startswith('"'):
            return DoubleQuotedScalarString(value)
    return value


def realign(mapping, key) -> None:
    """After mapping[key] was given a new value: its end-of-line comment (a file written by an import explains
    each key in one) put back in the column its neighbours' comments share, or two spaces after the value when
    the value is longer; ruamel.yaml keeps the comment's old column, so a shorter value left it far to the right
    of the others (where a longer value the LOC had written pushed it)."""
    if not isinstance(mapping, CommentedMap) or key not in mapping.ca.items:
        return
    token = mapping.ca.items[key][2] if len(mapping.ca.items[key]) > 2 else None
    if token is None or not str(token.value).lstrip().startswith("#"):
        return
    columns = [t[2].column for k, t in mapping.ca.items.items()
               if k != key and len(t) > 2 and t[2] is not None and str(t[2].value).lstrip().startswith("#")]
    target = max(set(columns), key=columns.count) if columns else token.column
    try:
        start = mapping.lc.key(key)[1]
    except (KeyError, TypeError, AttributeError):
        return
    value = mapping[key]
    if isinstance(value, (dict, list)):
        return
    text = "|" if isinstance(value, LiteralScalarString) else scalar(
        value, quote=isinstance(value, DoubleQuotedScalarString))
    end = start + len(str(key)) + 2 + len(text)
    token.column = max(target, end + 2)


def same(a, b) -> bool:
    """Whether two values are the same data: text compared without its trailing line break and surrounding
    spaces, dates as their ISO text, so that 'x' written as a block or a line is the same."""
    return normal(a) == normal(b)


def normal(value):
    if isinstance(value, dict):
        return {str(k): normal(v) for k, v in value.items() if v is not None}
    if isinstance(value, (list, tuple)):
        return [normal(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, str):
        return re.sub(r"[ \t]+\n", "\n", str(value)).strip()
    return value


__all__ = ["load", "dump", "node", "realign", "same", "normal", "CommentedMap", "CommentedSeq"]
