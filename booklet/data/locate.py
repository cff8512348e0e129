"""A file and key path in a data folder -> the line the value is written on, for findings about
values whose line the model does not keep (the language, one item of a list in a person's entry), and the line
of a place within a text written over several lines (a character in an abstract's 40 lines), for findings about
that place."""

from __future__ import annotations

import os
import re
from collections import OrderedDict
from functools import lru_cache
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
        found = self._walk(file, key, fallback)
        return found[0] if found is not None else fallback

    def value(self, file: str, key: str):
        """The value of `key` ('dates.start') in `file`, as read (a Map, a Seq, a date, a text); None when it cannot
        be found (no folder given, no such key)."""
        found = self._walk(file, key, 0)
        return found[1] if found is not None else None

    def _walk(self, file: str, key: str, line: int) -> tuple[int, object] | None:
        """(the line, the value) of `key` in `file` (`line`, the document, for an empty key); None when it cannot be
        found."""
        node = self._document(file)
        for index, name in _STEP.findall(key):
            if isinstance(node, Seq) and index and int(index) < len(node):
                line, node = node.lines[int(index)], node[int(index)]
            elif isinstance(node, Map) and name and name in node:
                line, node = node.lines[name], node[name]
            else:
                return None
        return line, node

    def found(self, file: str, keys: tuple[str, ...], fallback: int) -> tuple[str, int]:
        """The first of `keys` whose line in `file` can be found, and that line (a problem pointed at the key that
        says it best, else at one around it: a committee's `members:`, else its `name:`); the last of them, and its
        line or `fallback`, when none of the others can be found."""
        for key in keys[:-1]:
            line = self.line(file, key, 0)
            if line:
                return key, line
        return keys[-1], self.line(file, keys[-1], fallback)

    def line_in(self, file: str, key: str, fallback: int, text: str, index: int) -> int:
        """The line of the character `index` of `text`, the value of `key` in `file` (as the model keeps it: the
        text as written, stripped), where it can be told exactly; else the line of `key` (`fallback` when that
        cannot be found)."""
        line = self.line(file, key, fallback)
        if self.folder is None:
            return line
        return line_within(self.folder, file, key, text, index, line)

    def _document(self, file: str):
        if self.folder is None:
            return None
        if file not in self._documents:
            path = self.folder / file
            self._documents[file] = load_file(path, file, []) if path.is_file() else None
        return self._documents[file]


# --------------------------------------------------------------------------- a place within a text

_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # YAML's line breaks (as PyYAML and libyaml count lines)
_PROPERTIES = re.compile(r"(?:[&!][^\s]*\s+)+")  # a node's anchor and tag, and the white space after them
_YAML_SPACE = frozenset(" \t\r\n\x85\u2028\u2029")  # what YAML folds, indents or drops: a text's white space
_KEPT = 4  # documents kept composed (a check's warnings come file after file)
_documents: OrderedDict = OrderedDict()


def line_within(folder: Path, file: str, key: str, text: str, index: int, fallback: int) -> int:
    """The line (from 1) of `file` (in `folder`) that the character `index` of `text` is written on, `text` being
    the value of `key` ('[3].abstract') as written (stripped, or whole), when it can be told exactly: a text in a
    block scalar (`|`, `>`, with their indentation and chomping indicators), a plain text over several lines, a
    quoted one (its escapes read); else `fallback` (the key's line): when the file changed since it was read, when
    the value comes through an alias ('*name') or a merge key ('<<'), or when `text` is not the value as YAML reads
    it."""
    place = place_within(folder, file, key, text, index)
    return fallback if place is None else place[0]


def place_within(folder: Path, file: str, key: str, text: str, index: int) -> tuple[int, int] | None:
    """(line, column), both from 1, of where the character `index` of `text` is written in `file`, as line_within
    finds it (a character written as an escape, `\\e`: where its backslash is); None where line_within falls
    back."""
    if not text or not 0 <= index < len(text) or text[index] in _YAML_SPACE:
        return None
    found = _scalar(Path(folder) / file, key)
    if found is None:
        return None
    node, source = found
    at = node.value.find(text)
    if at < 0:
        return None
    return _place_of(node, source, at + index)


def _scalar(path: Path, key: str):
    """(the scalar node at `key`, the file's text), or None when there is none (or it is reached through an alias)."""
    document = _document(path)
    if document is None:
        return None
    node, shared, source = document
    import yaml

    for index, name in _STEP.findall(key):
        if id(node) in shared:
            return None
        if isinstance(node, yaml.SequenceNode) and index and int(index) < len(node.value):
            node = node.value[int(index)]
        elif isinstance(node, yaml.MappingNode) and name:
            node = next((value for k, value in node.value
                         if isinstance(k, yaml.ScalarNode) and k.value == name and k.tag != "tag:yaml.org,2002:merge"),
                        None)
            if node is None:
                return None
        else:
            return None
    if id(node) in shared or not isinstance(node, yaml.ScalarNode):
        return None
    return node, source


def _document(path: Path):
    """(the root node, ids of the nodes reached from more than one place (an alias's), the text) of the YAML file at
    `path`, or None; the last few read kept while their files stay the same."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    whose = (str(path), stat.st_size, stat.st_mtime_ns)
    if whose in _documents:
        _documents.move_to_end(whose)
        return _documents[whose]
    import yaml

    from .load import _decode, yaml_loader

    try:
        text = _decode(path.read_bytes(), path.name, [])
        nodes = [] if text is None else list(yaml.compose_all(text, Loader=yaml_loader()))
    except (OSError, yaml.YAMLError, RecursionError):
        nodes = []
    made = None
    if len(nodes) == 1 and nodes[0] is not None:
        made = (nodes[0], _shared(nodes[0]), text)
    _documents[whose] = made
    while len(_documents) > _KEPT:
        _documents.popitem(last=False)
    return made


def _shared(root) -> set[int]:
    """The ids of the nodes that an alias names (reached twice): what is within them is not looked into again."""
    import yaml

    seen, shared, todo = set(), set(), [root]
    while todo:
        node = todo.pop()
        if id(node) in seen:
            shared.add(id(node))
            continue
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            todo.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            todo.extend(n for pair in node.value for n in pair)
    return shared


def _place_of(node, source: str, index: int) -> tuple[int, int] | None:
    """(line, column), from 1, of where the character `index` of `node`'s value is written in the file, or None when
    the value and what is written do not match, character by character, as they should."""
    units = _units(node, source)
    if units is None:
        return None
    at = 0
    for position, ch in enumerate(node.value):
        ahead = at
        while ahead < len(units) and not units[ahead][2]:  # YAML's white space: folded, indented, dropped
            ahead += 1
        if ahead < len(units) and units[ahead][0] == ch:
            at = ahead
        elif ch in _YAML_SPACE:  # made of the white space written (a folded line break, a space)
            continue
        else:
            return None
        if position == index:
            offset = units[at][3]
            starts = max(source.rfind("\n", 0, offset), source.rfind("\r", 0, offset))
            return units[at][1], offset - starts
        at += 1
    return None


@lru_cache(maxsize=_KEPT)
def _units(node, source: str) -> list[tuple[str, int, bool, int]] | None:
    """(character of the value, its line from 1, whether it is the value's as it is: not white space that YAML
    folds or leaves out, where it is written in `source`) for what is written of `node`'s value, its escapes read.
    Worked out once for a text that warnings are located in one after another (each character no font prints, each
    at its line: a text of 17,000 characters was read again for each), of the last few texts; not to be changed."""
    start, end = node.start_mark.index, node.end_mark.index
    written = source[start:end]
    line = node.start_mark.line + 1
    style = node.style or ""
    properties = _PROPERTIES.match(written)  # an anchor (`&text`) or a tag before the value: no part of it
    if properties and style not in ("|", ">"):  # (a block's are on its indicators' line)
        line += written.count("\n", 0, properties.end())
        start += properties.end()
        written = written[properties.end():]
    if style in "|>" and style:
        header = _BREAK.search(written)  # the indicators' line (`|2-  # comment`): no part of the value
        if header is None:
            return []
        line += 1
        start += header.end()
        written = written[header.end():]
    elif style in "'\"" and style:
        if len(written) < 2:
            return None
        start += 1
        written = written[1:-1]
    units: list[tuple[str, int, bool, int]] = []
    at = 0
    while at < len(written):
        ch = written[at]
        brk = _BREAK.match(written, at)
        if brk:
            units.append(("\n", line, False, start + at))
            line += 1
            at = brk.end()
            continue
        if ch in _YAML_SPACE:
            units.append((ch, line, False, start + at))
        elif style == "'" and written.startswith("''", at):
            units.append(("'", line, True, start + at))
            at += 1
        elif style == '"' and ch == "\\":
            escape = _escape(written, at)
            if escape is None:
                return None
            made, after = escape
            units.extend((c, line, True, start + at) for c in made)
            at = after
            continue
        else:
            units.append((ch, line, True, start + at))
        at += 1
    return units


def _escape(written: str, at: int) -> tuple[str, int] | None:
    """(what the escape at `at` of a double-quoted text stands for, where what follows it starts)."""
    from yaml.scanner import Scanner

    letter = written[at + 1:at + 2]
    if letter in Scanner.ESCAPE_REPLACEMENTS:
        return Scanner.ESCAPE_REPLACEMENTS[letter], at + 2
    if letter in Scanner.ESCAPE_CODES:
        digits = written[at + 2:at + 2 + Scanner.ESCAPE_CODES[letter]]
        try:
            return chr(int(digits, 16)), at + 2 + len(digits)
        except ValueError:
            return None
    if _BREAK.match(written, at + 1):  # a line break escaped: the line goes on, with no space
        return "", at + 1
    return None
