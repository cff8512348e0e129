"""A file and key path in a data folder -> the line the value is written on, for findings about
values whose line the model does not keep (the language, one item of a list in a person's entry)."""

from __future__ import annotations

import re
from pathlib import Path

from .load import Map, Seq, load_file

_STEP = re.compile(r"\[(\d+)\]|([^.\[\]]+)")


class Lines:
    """Reads a file again only when a line in it is asked for, once per file."""

    def __init__(self, folder: Path | None):
        self.folder = Path(folder) if folder is not None else None
        self._documents: dict[str, object] = {}

    def line(self, file: str, key: str, fallback: int) -> int:
        """The line of `key` ('committees[0].members[2].affiliation') in `file`; `fallback` when it
        cannot be found (no folder given, or the file changed since it was read)."""
        node = self._document(file)
        line = fallback
        for index, name in _STEP.findall(key):
            if isinstance(node, Seq) and index and int(index) < len(node):
                line, node = node.lines[int(index)], node[int(index)]
            elif isinstance(node, Map) and name and name in node:
                line, node = node.lines[name], node[name]
            else:
                return fallback
        return line

    def _document(self, file: str):
        if self.folder is None:
            return None
        if file not in self._documents:
            path = self.folder / file
            self._documents[file] = load_file(path, file, []) if path.is_file() else None
        return self._documents[file]
