"""Data files -> plain values (Map, Seq, scalars) that remember their file and line: YAML here, CSV in csvfile.py."""

from __future__ import annotations

import copy
import os
import re
from collections.abc import Callable, Hashable
from functools import cache
from pathlib import Path
from typing import TypeVar

from ..cache import digest, memory
from ..paths import not_a_file
from ..problems import Problem
from .contract import meant_file
from .lazy import Lazy
from .syntax import backslash_advice, explain, quote_from, reserved_advice, yaml_quoted

yaml = Lazy("yaml", globals(), "yaml")  # PyYAML, imported when a file is first parsed


class Map(dict):
    """A YAML mapping: a dict plus the line of the mapping, of each value, its raw scalar text, and the tag written
    on a scalar value that makes it other than text (`!!timestamp`, `!!int`: a text key refuses it)."""

    unmerged = False  # set when a merge key ('<<') named no mapping: the keys it was to give are not missed again
    # an item of a top-level list read on its own (_parse_items): the key it is kept under in the build's cache
    # ("files"), which names what it was read from (the file's name, its first line, its index and its text's hash) in
    # any process, as the disk cache keeps it; what is made of it is kept under that key too (fields.kept_entry)
    kept: tuple | None = None

    def __init__(self, file: str, line: int):
        super().__init__()
        self.file = file
        self.line = line
        self.lines: dict[str, int] = {}
        self.raw: dict[str, str | None] = {}
        self.tags: dict[str, str] = {}


class Seq(list):
    """A YAML sequence: a list plus the line of the sequence, of each item, its raw scalar text, and (by index) the
    tag written on a scalar item that makes it other than text (as Map's)."""

    def __init__(self, file: str, line: int):
        super().__init__()
        self.file = file
        self.line = line
        self.lines: list[int] = []
        self.raw: list[str | None] = []
        self.tags: dict[int, str] = {}


class BadValue:
    """Stands for a scalar that YAML could not construct (already reported)."""

    def __repr__(self) -> str:
        return "<bad value>"

    def __reduce__(self) -> str:  # pickled (the disk cache's documents) as the one BAD, which `is BAD` finds again
        return "BAD"


BAD = BadValue()
T = TypeVar("T")


@cache
def _constructor():
    from yaml.constructor import SafeConstructor

    return SafeConstructor()


@cache
def yaml_loader():
    """PyYAML's safe loader: libyaml's when PyYAML has it (the same nodes and values, faster)."""
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# what may be an anchor ('&name') and an alias ('*name'): text without both (Markdown's *emphasis* alone) is read by
# libyaml, as quick as ever
_ANCHOR = re.compile(r"(?:^|[\s\[{,:-])&[^\s,\[\]{}]")
_ALIAS = re.compile(r"(?:^|[\s\[{,])\*[^\s,\[\]{}]")


@cache
def _alias_loader():
    """PyYAML's safe loader (in Python), whose alias ('*name') is a copy of the node it names that knows where the
    alias is written (`alias_of`: that node): what is wrong in it is reported at the alias, not at the '&name'."""

    class Loader(yaml.SafeLoader):
        def compose_node(self, parent, index):
            if self.check_event(yaml.AliasEvent):
                event = self.peek_event()
                named = self.anchors.get(event.anchor)
                if named is not None:
                    self.get_event()
                    made = copy.copy(named)
                    made.start_mark = made.end_mark = event.start_mark
                    made.alias_of = named
                    return made
            return super().compose_node(parent, index)

    return Loader


def _compose_all(text: str) -> list:
    aliased = _ANCHOR.search(text) and _ALIAS.search(text)
    return list(yaml.compose_all(text, Loader=_alias_loader() if aliased else yaml_loader()))


def _relined(value, line: int, copies: list[int] | None = None, depth: int = 0):
    """A Map or Seq again, its own lines and those of its values `line` (an alias's value, reported at the alias),
    and so every Map and Seq within it while `copies` (a one-item list: how many more may be made) lasts: what is
    wrong or given twice anywhere in an alias's value (a talk of an aliased session scheduled twice) is reported at
    the alias, not at the lines of the '&name' it copies. Past the budget (text made to blow up: aliases of aliases,
    the "billion laughs") or without one, what is within the values is shared, not copied, and stays as small as the
    text."""
    def inner(item):
        if copies is None or copies[0] <= 0 or depth >= MAX_DEPTH or not isinstance(item, (Map, Seq)):
            return item
        copies[0] -= 1
        return _relined(item, line, copies, depth + 1)

    if isinstance(value, Map):
        made = Map(value.file, line)
        made.update((key, inner(item)) for key, item in value.items())
        made.lines = dict.fromkeys(value.lines, line)
        made.raw = dict(value.raw)
        made.tags = dict(value.tags)
        return made
    if isinstance(value, Seq):
        made = Seq(value.file, line)
        made.extend(inner(item) for item in value)
        made.lines = [line] * len(value.lines)
        made.raw = list(value.raw)
        made.tags = dict(value.tags)
        return made
    return value


MAX_DEPTH = 40  # lists and mappings nested deeper than any conference needs (the format has 6 levels)


def present(path: Path) -> bool:
    """True when anything is at `path`: a file, a folder, a FIFO, or a link (even a broken one)."""
    return os.path.lexists(path)


def import_guesses(folder: Path) -> tuple[tuple[str, str, str], ...]:
    """(file, key, value as written) of each value the record of `booklet import` in `folder` says the import guessed
    (contract.GUESSED: a date its source does not give), in the record's order; none without a record, or from one
    that cannot be read or holds no such list; none in a file it names outside `folder`. A record of 2,000 talks is a
    megabyte or more, read whole by a millisecond's search for the key alone (nearly every one has none: json would
    take ten)."""
    import json

    from .contract import GUESSED, IMPORT_RECORD

    path = Path(folder) / IMPORT_RECORD
    try:
        if not_a_file(path):
            return ()
        data = path.read_bytes()
    except OSError:
        return ()
    if f'"{GUESSED}"'.encode() not in data:
        return ()
    try:
        guessed = json.loads(data.decode("utf-8")).get(GUESSED)
    except (ValueError, AttributeError, RecursionError):  # (not JSON, not UTF-8, not a mapping: --update refuses it)
        return ()
    if not isinstance(guessed, dict):
        return ()
    return tuple((file, key, value) for file, keys in guessed.items() if isinstance(keys, dict) and _in_folder(file)
                 for key, value in keys.items() if isinstance(key, str) and isinstance(value, str))


def _in_folder(file) -> bool:
    """Whether `file`, as an import's record names it, is a data file of the folder itself ('conference.yaml'), not
    one elsewhere ('../x.yaml', an absolute path: a record edited by hand), which lint would read."""
    return isinstance(file, str) and file.endswith(".yaml") and file == os.path.basename(file) and "\\" not in file


def read_data(path: Path, display: str, problems: list[Problem], parse: Callable[[str, str, list[Problem]], T],
              *key: Hashable) -> T | None:
    """What `parse(text, display, problems)` makes of the data file at `path`, or None (with problems appended)
    when the file is not a regular file, cannot be read or is not UTF-8.

    In a warm build, what parsing made and found is kept in the build's memory cache (booklet.cache.memory) under
    `display`, the hash of the file's bytes and `key` (what else `parse` depends on): the same bytes read again
    give the same value and problems, not parsed anew (what is read is never changed by what reads it)."""
    why = not_a_file(path)
    if why:
        problems.append(Problem(display, 1, "", f"the file {why}"))
        return None
    try:
        data = path.read_bytes()
    except OSError as exc:
        problems.append(Problem(display, 1, "", f"cannot read the file: {exc.strerror}"))
        return None
    cache = memory.active()
    if cache is None or not cache.warm:  # a single build reads each file once
        return _parsed(data, display, problems, parse)
    found: list[Problem] = []
    value, found = cache.get("files", (display, digest(data), *key),
                             lambda: (_parsed(data, display, found, parse), found))
    problems.extend(found)
    items_used(value)
    return value


def _parsed(data: bytes, display: str, problems: list[Problem], parse):
    text = _decode(data, display, problems)
    return None if text is None else parse(text, display, problems)


def load_file(path: Path, display: str, problems: list[Problem]):
    """The document in `path` as Map/Seq/scalars, or None (with problems appended) when unreadable."""
    return read_data(path, display, problems, _parse_yaml, "yaml")


def _parse_yaml(text: str, display: str, problems: list[Problem]):
    cache = memory.active()
    if cache is not None and cache.warm:  # (an edit re-reads only its items in the next build; and a long file
        # reads faster item by item, 5,000 posters in 0.37 s against 0.70 s whole: a single build's cache too, though
        # it keeps the items to the end, some 20 MB at 2,000 talks + 5,000 posters)
        items = _items(text)
        if items is not None:
            found = _parse_items(cache, items, display, problems)
            if found is not None:
                return found
    return _parse_whole(text, display, problems)


# After a line break (the text is given one before its first line): a line that starts an item of a top-level
# block list ('-' in the first column, then a space or nothing), and any other line that starts in the first
# column but a comment. Searched from a line break, not '^' in MULTILINE mode: many times faster on a long file.
_ITEM = re.compile(r"\n-(?=[ \n]|$)")
_COLUMN_ONE = re.compile(r"\n(?:[^ \n#-]|-[^ \n])")
_BREAKS = ("\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")  # YAML's or Python's


def _items(text: str) -> list[tuple[int, str]] | None:
    """(first line - 1, text) of each item of the file's top-level list, when the file is a plain block
    sequence written from the first column (nothing but blank and comment lines before its first item, no
    document markers or directives, no line break but '\\n'); else None.

    Every line that starts in the first column then starts an item or is a comment: a quoted value or a
    flow collection that runs over such a line is not split right, which its item's own parse finds
    (an unclosed quote or bracket: the whole file is parsed instead)."""
    lines = "\n" + text
    if any(ch in text for ch in _BREAKS) or _COLUMN_ONE.search(lines):  # '---', '...', '%': _COLUMN_ONE's
        return None
    starts = [m.start() for m in _ITEM.finditer(lines)]  # in `text`: the '-' after the break
    if len(starts) < 2 or any(line.strip() and not line.lstrip().startswith("#")
                              for line in text[:starts[0]].split("\n")):
        return None
    if yaml.reader.Reader.NON_PRINTABLE.search(text, 0, starts[0]):  # in the comments before the first item, which no
        return None  # item's parse reads: a character YAML refuses (a NUL) was an error to check, and not to a build
    items, line = [], text.count("\n", 0, starts[0])
    for start, end in zip(starts, starts[1:] + [len(text)]):
        chunk = text[start:end]
        items.append((line, chunk))
        line += chunk.count("\n")
    return items


def _parse_items(cache, items: list[tuple[int, str]], display: str, problems: list[Problem]) -> Seq | None:
    """The top-level list from its items, each read on its own and kept in the build's cache with the data files
    ("files": the disk cache keeps them for the next process) under the hash of its text, its first line and index
    (an edit re-reads the item it changed, and the items after it when it adds or removes lines); None when an item
    cannot be read on its own (the whole file is read instead: its problems are the whole file's)."""
    seq = None
    found: list[Problem] = []
    for index, (line, chunk) in enumerate(items):
        key = item_key(display, line, index, chunk)
        item = cache.get("files", key, lambda: _parse_item(line, chunk, index, display, key))
        if item is None:
            return None
        value, seq_line, item_line, raw, item_problems = item
        if seq is None:
            seq = Seq(display, seq_line)
        seq.append(value)
        seq.lines.append(item_line)
        seq.raw.append(raw)
        found.extend(item_problems)
    problems.extend(found)
    return seq


def item_key(display: str, line: int, index: int, chunk: str) -> tuple:
    """What the item `index` of the top-level list of the file `display`, written from its line `line` + 1 as `chunk`,
    is kept under in the build's cache ("files"; Map.kept): beside the files' own keys, (name, hash of the bytes,
    "yaml"), a key of its own shape."""
    return display, "item", line, index, digest(chunk.encode("utf-8", "surrogatepass"))


def items_used(value) -> None:
    """The items of a top-level list found kept whole (read_data: its file unchanged) noted as used by the build
    under way, as if read one by one: kept for the next build (and on disk), which reads them when one is edited."""
    cache = memory.active()
    if cache is not None and isinstance(value, Seq):
        for item in value:
            if isinstance(item, Map) and item.kept is not None:
                cache.peek("files", item.kept)


def _parse_item(line: int, chunk: str, index: int, display: str, key: tuple | None = None):
    """(value, the list's line, the item's line, raw text, problems) of one top-level list item read alone (its lines
    numbered as in the file), or None when it is not one block list item that reads without an error. `key`: what the
    item is kept under (item_key), noted on the item when it is a mapping (Map.kept)."""
    try:
        nodes = _compose_all(chunk)
    except (yaml.YAMLError, RecursionError):
        return None
    if len(nodes) != 1 or not isinstance(nodes[0], yaml.SequenceNode) or len(nodes[0].value) != 1:
        return None
    if nodes[0].flow_style:
        return None
    node = nodes[0].value[0]
    problems: list[Problem] = []
    try:
        value = _Converter(display, problems, chunk.splitlines(), line).convert(node, f"[{index}]", 1)
    finally:
        _constructor().constructed_objects.clear()
    if isinstance(value, Map):
        value.kept = key
    return value, nodes[0].start_mark.line + 1 + line, node.start_mark.line + 1 + line, _raw(node), problems


def _empty(display: str) -> Problem:
    """What a data file with nothing in it (every line blank or a comment) is: an error for conference.yaml, which
    every booklet needs; for another, a warning that it is left out, as if it were not there ("no posters yet")."""
    if display == "conference.yaml":
        return Problem(display, 1, "", "the file is empty: it gives the conference's title, dates and venue "
                       "(`booklet init` writes one with every key explained)")
    from .contract import file_for

    try:
        listed = file_for(display).many
    except KeyError:
        listed = False
    say = "write [] to say there are none, or delete it" if listed else "delete it, or write its keys"
    return Problem(display, 1, "", f"the file is empty (nothing but comments): left out, as if it were not there "
                   f"({say})", "warning", "empty-file")


def _parse_whole(text: str, display: str, problems: list[Problem]):
    try:
        nodes = _compose_all(text)
    except (yaml.YAMLError, RecursionError):
        nodes = _paired(text)
        if nodes is None:
            problems.append(_too_deep(text, display) or _syntax_problem(_python_parser_error(text), display, text))
            return None
    nodes = [n for n in nodes if n is not None]
    if not nodes or _is_null(nodes[0]):
        problems.append(_empty(display))
        return None
    if len(nodes) > 1:
        line = nodes[1].start_mark.line + 1
        problems.append(Problem(display, line, "", "the file holds more than one YAML document ('---')"))
        return None
    try:
        return _Converter(display, problems, text.splitlines()).convert(nodes[0], "")
    finally:
        _constructor().constructed_objects.clear()


def _decode(data: bytes, display: str, problems: list[Problem]) -> str | None:
    wide = wide_encoding(data)
    if wide:  # (UTF-16 of ASCII text alone is valid UTF-8, with a NUL after each letter)
        problems.append(Problem(display, 1, "", f"the file is {wide}; save it as UTF-8"))
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        workbook = workbook_kind(data)
        if workbook:
            problems.append(Problem(display, 1, "", f"the file is {workbook}, not text: save it as "
                                    f"{'CSV' if display.endswith('.csv') else 'YAML'} (UTF-8)"))
            return None
        line = data[: exc.start].count(b"\n") + 1
        problems.append(
            Problem(display, line, "", f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x}); save it as UTF-8")
        )
        return None
    return text.removeprefix("\ufeff")


WIDE_MARKS = ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
              (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
"""UTF-32's and UTF-16's byte order marks, each with the codec that reads the text after it: the one table of them.
UTF-32's come first: each starts as UTF-16's mark does (LE), so a reader that takes the first mark a file starts with
tells UTF-32 from UTF-16."""
UTF32_MARKS = tuple(mark for mark, _ in WIDE_MARKS if len(mark) == 4)
UTF16_MARKS = tuple(mark for mark, _ in WIDE_MARKS if len(mark) == 2)


def after_wide_mark(data: bytes) -> tuple[str, str] | None:
    """The text after the UTF-32 or UTF-16 byte order mark `data` opens with (WIDE_MARKS), with the codec that read
    it; None when it opens with neither. Its whole characters (a head cut inside one: those before it), bytes no
    character is made of replaced (U+FFFD)."""
    for mark, codec in WIDE_MARKS:
        if data.startswith(mark):
            size = len(mark)  # (a character's size: UTF-32's mark is one character of 4 bytes, UTF-16's of 2)
            return data[size:len(data) - len(data) % size].decode(codec, errors="replace"), codec
    return None


def wide_encoding(data: bytes) -> str:
    """"UTF-16 text" or "UTF-32 text" (", without a byte order mark" when it has none) for text saved in one of
    them (Excel's "Unicode Text", an editor's "UTF-16 LE"), by its byte order mark or, without one, by its NUL bytes
    (each ASCII character's other bytes); '' for anything else. UTF-32's mark starts as UTF-16's does: it is looked
    for first (a UTF-32 file was told as UTF-16 text)."""
    if data.startswith(UTF32_MARKS):
        return "UTF-32 text"
    if data.startswith(UTF16_MARKS):
        return "UTF-16 text"
    head = data[:400]
    if len(head) < 8 or b"\x00" not in head[:4]:
        return ""

    def nul(part: bytes) -> bool:  # (nearly) all NUL
        return part.count(0) >= 0.9 * len(part)

    for size in (4, 2):
        cut = len(head) // size * size
        lanes = [head[lane:cut:size] for lane in range(size)]
        nuls = [nul(lane) for lane in lanes]
        if nuls.count(True) == size - 1 and not (nuls[0] and nuls[-1]):  # one lane of letters, first or last
            return f"UTF-{size * 8} text, without a byte order mark"
    return ""


def workbook_kind(data: bytes) -> str:
    """What a file that is not text is, by its first bytes, when a spreadsheet program made it ("an Excel workbook
    (.xlsx)", renamed to .csv); '' for anything else."""
    if data.startswith(b"PK\x03\x04"):
        return "a zip file (an Excel .xlsx or OpenDocument .ods workbook)"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "an Office file (an Excel 97-2003 .xls workbook, or one with a password)"
    return ""


def _python_parser_error(text: str) -> yaml.YAMLError:
    """The same error from PyYAML's pure-Python parser, whose messages say more (e.g. which character)."""
    mark = _byte_order_mark(text)
    try:
        nodes = list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    except yaml.YAMLError as exc:
        at = getattr(exc, "problem_mark", None)  # (a mark at a line's start ends a list there: "found '?'")
        return mark if mark is not None and (at is None or at.line >= mark.problem_mark.line) else exc
    except RecursionError:
        return yaml.YAMLError("the file is nested too deeply to be read")
    return _half_character(nodes) or _version_directive(text) or mark or \
        yaml.YAMLError("the file cannot be read as YAML")


_MARK_AT_LINE_START = re.compile(r"^[ \t]*(?:- +)*\ufeff", re.MULTILINE)


def _byte_order_mark(text: str) -> yaml.YAMLError | None:
    """A byte order mark (U+FEFF) at a line's start after the file's, where libyaml refuses one and PyYAML's own
    parser reads it as a letter, which was told as "the file cannot be read as YAML" at line 1: two files joined, each
    saved with one (`cat a.yaml b.yaml`); the error at its line. (The file's own first one is taken off before.)"""
    at_start = _MARK_AT_LINE_START.search(text)  # (one inside a value, "a\ufeffb", libyaml reads as a letter)
    if at_start is None:
        return None
    found = at_start.end() - 1
    line = text.count("\n", 0, found)
    column = found - (text.rfind("\n", 0, found) + 1)
    return yaml.MarkedYAMLError(problem=f"a byte order mark (U+FEFF, an invisible mark an editor may write at a file's "
                                        f"start) at column {column + 1}: YAML reads one only at the start of the file "
                                        "(were two files joined?); remove it",
                                problem_mark=yaml.Mark("", found, line, column, None, None))


def _version_directive(text: str) -> yaml.YAMLError | None:
    """`%YAML 1.3` (or 1.0): PyYAML's own parser reads it, libyaml refuses the file ("incompatible YAML document"),
    which was told as "the file cannot be read as YAML"; the error at the directive's line, saying which are read."""
    found = re.search(r"^%YAML[ \t]+(\S*)", text, re.MULTILINE)
    if not found or found[1] in ("1.1", "1.2"):
        return None
    line = text.count("\n", 0, found.start())
    return yaml.MarkedYAMLError(problem=f"'%YAML {found[1]}' names a version of YAML that booklet does not read (it "
                                        "reads 1.1 and 1.2): write %YAML 1.2, or leave the line out",
                                problem_mark=yaml.Mark("", found.start(), line, 0, None, None))


def _paired(text: str) -> list | None:
    """The nodes of text that libyaml refuses only for escapes of a character's halves ("\\ud83d\\ude00", as JSON
    writes one beyond U+FFFF), read by PyYAML's Python parser and each pair made the character; else None. Half of one
    alone in a value is left for _construct_scalar to report at its key (it was a syntax error, at its line only); in
    a key, None (_half_character says so, at its line)."""
    if "\\u" not in text and "\\U" not in text:
        return None
    try:
        nodes = list(yaml.compose_all(text, Loader=_alias_loader()))
    except (yaml.YAMLError, RecursionError):
        return None
    keys = {id(key) for node in _nodes(nodes) if isinstance(node, yaml.MappingNode) for key, _ in node.value}
    for node in _scalars(nodes):
        if _HALF_CHARACTER.search(node.value):
            whole = _whole_characters(node.value)
            if whole is not None:
                node.value = whole
            elif id(node) in keys:
                return None
    return nodes


def _nodes(nodes):
    """Every node within `nodes`, those in `nodes` too (an alias's node once each time it is named)."""
    todo = list(nodes)
    while todo:
        node = todo.pop()
        yield node
        if isinstance(node, yaml.SequenceNode):
            todo.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            todo.extend(n for pair in node.value for n in pair)


def _scalars(nodes):
    """Every scalar node within `nodes` (a node tree's leaves), in _nodes' order."""
    return (node for node in _nodes(nodes) if isinstance(node, yaml.ScalarNode))


def _whole_characters(text: str) -> str | None:
    """`text` with each pair of halves of a character (surrogates, as escapes write one beyond U+FFFF) made the
    character; None when it holds half of one alone."""
    try:
        return text.encode("utf-16", "surrogatepass").decode("utf-16")
    except UnicodeDecodeError:
        return None


def _half_character(nodes) -> yaml.MarkedYAMLError | None:
    """An escape such as "\\ud800" in a quoted value: half of a character (a lone surrogate), which
    libyaml refuses and no font can print."""
    for node in _scalars(nodes):
        if _HALF_CHARACTER.search(node.value):
            return yaml.MarkedYAMLError(
                problem="an escape such as \\ud800 stands for half of a character (a lone surrogate); "
                        "write the character itself, or both halves of the pair",
                problem_mark=node.start_mark)
    return None


def _too_deep(text: str, display: str) -> Problem | None:
    """A problem at the line where lists or mappings go deeper than MAX_DEPTH, if they do.

    Read as a stream of events, which needs no recursion however deep the nesting."""
    depth = 0
    try:  # the pure-Python parser: libyaml refuses very deep nesting before it yields a single event
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    return _depth_problem(display, event.start_mark.line + 1, "")
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return None
    return None


def _depth_problem(display: str, line: int, path: str) -> Problem:
    if len(path) > 60:  # cut where a key or index starts
        cut = path[:57]
        path = cut[:max(cut.rfind("."), cut.rfind("["))] + "..."
    return Problem(display, line, path, f"lists or mappings are nested more than {MAX_DEPTH} levels deep here; "
                                        "no part of the format goes deeper than 6")


def _syntax_problem(exc: yaml.YAMLError, display: str, text: str) -> Problem:
    """The YAML error at the line where the user can fix it, in plain words when it is a known slip
    (see data/syntax.py), else in PyYAML's."""
    line, plain = explain(exc, text)
    if plain:
        return Problem(display, line, "", f"YAML syntax error: {plain}")
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    if "end of stream" in str(what) or "stream end" in str(exc):
        mark = getattr(exc, "context_mark", None) or mark  # where the unclosed quote or bracket opened
    if mark is not None:
        line = mark.line + 1
    elif isinstance(getattr(exc, "position", None), int):  # a character YAML does not accept
        line = text.count("\n", 0, exc.position) + 1
    else:
        line = 1
    context = getattr(exc, "context", None)
    message = f"YAML syntax error: {what}" + (f" ({context})" if context else "")
    return Problem(display, line, "", message)


def _is_null(node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"


class _Converter:
    """Turns one file's node tree into Map/Seq/scalars; an alias is converted once, a looping one reported.

    `offset`: the lines of the file before the text that was parsed (`lines`), when it is a part of the file."""

    def __init__(self, file: str, problems: list[Problem], lines: list[str], offset: int = 0):
        self.file = file
        self.problems = problems
        self.lines = lines
        self.offset = offset
        self.done: dict[int, object] = {}
        self.open: set[int] = set()
        # the Maps and Seqs within aliases' values copied to be reported at the alias (_relined): about one per
        # character of the text, more than any conference's aliases need
        self.copies = [sum(len(line) + 1 for line in lines)]

    def convert(self, node, path: str, depth: int = 0):
        named = getattr(node, "alias_of", None)
        if named is not None:  # an alias: the value it names, at the alias's line
            return _relined(self.convert(named, path, depth), node.start_mark.line + 1 + self.offset, self.copies)
        key = id(node)
        if key in self.done:
            return self.done[key]
        if key in self.open:
            line = node.start_mark.line + 1 + self.offset
            self.problems.append(Problem(self.file, line, path, "an alias ('*name') refers to itself"))
            return BAD
        if depth > MAX_DEPTH:
            self.problems.append(_depth_problem(self.file, node.start_mark.line + 1 + self.offset, path))
            return BAD
        self.open.add(key)
        try:
            value = self._convert(node, path, depth)
        finally:
            self.open.discard(key)
        self.done[key] = value
        return value

    def _convert(self, node, path: str, depth: int):
        if _refused_tag(node.tag):
            # (`!!python/object/apply:os.system [...]`: its tag was dropped, a list of texts read, and
            # `!!python/name:x` said "not a valid !!x value"; `room: !!binary aGVsbG8=` printed the base64 text as
            # the room; `!!set`, `!!omap` and `!!pairs` were read as the mapping or list beneath the tag)
            self.problems.append(Problem(self.file, node.start_mark.line + 1 + self.offset, path,
                                         _refused_tag_said(node.tag)))
            return BAD
        what = _collection_tagged(node)
        if what is not None:
            # (`notes: !local [a, b]` and `notes: !!map [a, b]` were read as the list, the tag dropped without a word,
            # while `title: !local x` is an error)
            self.problems.append(Problem(self.file, node.start_mark.line + 1 + self.offset, path,
                                         f"'{_tag_as_written(node.tag)}' tags the {what}: booklet's data files hold "
                                         "text, numbers, dates, lists and mappings, without tags; remove the tag and "
                                         f"write the {what} itself"))
            return BAD
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            seq = Seq(self.file, node.start_mark.line + 1 + self.offset)
            for index, item in enumerate(node.value):
                seq.append(self.convert(item, f"{path}[{index}]", depth + 1))
                seq.lines.append(item.start_mark.line + 1 + self.offset)
                seq.raw.append(_raw(item))
                tag = self._not_text_tag(item)
                if tag is not None:
                    seq.tags[index] = tag
            return seq
        return _construct_scalar(node, self.file, path, self.problems, self.lines, self.offset)

    def _mapping(self, node, path: str, depth: int) -> Map:
        mapping = Map(self.file, node.start_mark.line + 1 + self.offset)
        merges = []
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":  # `<<: *defaults`: merged after the keys given here
                if merges:  # (two: a mapping's key given twice, as any other; `<<: [*a, *b]` merges both)
                    first = merges[0][0].start_mark.line + 1 + self.offset
                    self.problems.append(Problem(self.file, key_node.start_mark.line + 1 + self.offset,
                                                 f"{path}.<<" if path else "<<",
                                                 f"given twice (first at line {first}); to merge two mappings, "
                                                 "write <<: [*a, *b]"))
                    continue
                merges.append((key_node, value_node))
                continue
            key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else "?"
            line = key_node.start_mark.line + 1 + self.offset
            key_path = f"{path}.{key}" if path else key
            if _refused_tag(key_node.tag):
                # (`!!binary aGk=: v` was read as the key 'aGk=', `? !!python/tuple [a, b]` as '?': where any key
                # is taken, as the value of that key)
                self.problems.append(Problem(self.file, line, key_path, _refused_tag_said(key_node.tag)))
                continue
            if not isinstance(key_node, yaml.ScalarNode):  # (`? [a, b]` was said to be the unknown key '?')
                what = "a list" if isinstance(key_node, yaml.SequenceNode) else "a mapping"
                self.problems.append(Problem(self.file, line, key_path, f"{what} as a key: a key is a name (text); "
                                             "write the key itself"))
                continue
            if key in mapping:
                first = mapping.lines[key]
                self.problems.append(Problem(self.file, line, key_path, f"given twice (first at line {first})"))
                continue
            mapping[key] = self.convert(value_node, key_path, depth + 1)
            mapping.lines[key] = line
            mapping.raw[key] = _raw(value_node)
            tag = self._not_text_tag(value_node)
            if tag is not None:
                mapping.tags[key] = tag
            if _is_null(value_node) and value_node.value == "":
                self._lost_value(key_node, key, key_path)
        for key_node, value_node in merges:
            self._merge(mapping, key_node, value_node, path, depth)
        return mapping

    def _merge(self, mapping: Map, key_node, value_node, path: str, depth: int) -> None:
        """YAML's merge key: the keys of the mapping(s) named (`<<: *a` or `<<: [*a, *b]`) that are not
        given here, the first mapping named winning over later ones."""
        listed = isinstance(value_node, yaml.SequenceNode)
        for source in value_node.value if listed else [value_node]:
            merged = self.convert(source, path, depth + 1) if isinstance(source, yaml.MappingNode) else None
            if not isinstance(merged, Map):
                mapping.unmerged = True
                if merged is not BAD:  # (at the item that is none: `<<: [[{text: hi}]]` said only "quote.text:
                    # required key is missing")
                    found = ("a list" if isinstance(source, yaml.SequenceNode) else "text") + (" in its list" * listed)
                    self.problems.append(Problem(self.file, source.start_mark.line + 1 + self.offset,
                                                 f"{path}.<<" if path else "<<",
                                                 "'<<' merges a mapping or a list of mappings ('<<: *name' or "
                                                 f"'<<: [*a, *b]', with '&name' on a mapping), not {found}"))
                continue
            for key, value in merged.items():
                if key not in mapping:
                    mapping[key] = value
                    mapping.lines[key] = merged.lines[key]
                    mapping.raw[key] = merged.raw[key]
                    if key in merged.tags:  # (`title: !!timestamp ...` merged: refused as written in place)
                        mapping.tags[key] = merged.tags[key]

    def _not_text_tag(self, node) -> str | None:
        """The tag written before the scalar `node` that makes it other than text, as written (`!!timestamp
        2026-06-01`, after an anchor too: '!!timestamp'; Map.tags); None for any other node, and for one whose tag is
        the one YAML resolves its plain text to (`2026-06-01`)."""
        if node.tag not in _NOT_TEXT_TAGS:
            return None
        mark = node.start_mark
        text = self.lines[mark.line][mark.column:] if mark.line < len(self.lines) else ""
        return "!!" + node.tag.removeprefix(_YAML_TAG) if re.sub(r"^&\S+\s+", "", text).startswith("!") else None

    def _lost_value(self, key_node, key: str, path: str) -> None:
        """`hashtag: #StarStat2027`, `venue: &Co`: valid YAML whose value is empty, the text read as a
        comment or an anchor; a warning, as the booklet would silently leave the value out."""
        line = key_node.end_mark.line
        text = self.lines[line] if line < len(self.lines) else ""
        found = re.match(r"\s*:\s+([#&]\S.*)$", text[key_node.end_mark.column:])
        if not found:
            return
        written = found[1] if found[1].startswith("#") else found[1].split()[0]
        value = _value_before_comment(written)
        what = "a comment" if written.startswith("#") else "an anchor, a name for the value"
        message = (f"the value is empty: YAML reads '{value}' as {what}; if it is the value, put it in quotes: "
                   f"{key}: {yaml_quoted(value)}")
        self.problems.append(Problem(self.file, line + 1 + self.offset, path, message, "warning", "yaml-text"))


def _value_before_comment(text: str) -> str:
    """'#StarStat2027  # our tag' -> '#StarStat2027'."""
    return re.split(r"\s+#", text, maxsplit=1)[0].rstrip()


def _raw(node) -> str | None:
    return node.value if isinstance(node, yaml.ScalarNode) else None


_HALF_CHARACTER = re.compile("[\ud800-\udfff]")


def _construct_scalar(node, file: str, path: str, problems: list[Problem], lines: list[str], offset: int = 0):
    if _HALF_CHARACTER.search(node.value):  # only the pure-Python parser lets one through
        whole = _whole_characters(node.value)
        if whole is None:
            problems.append(Problem(file, node.start_mark.line + 1 + offset, path, _half_character([node]).problem))
            return BAD
        node.value = whole
    try:
        value = _constructor().construct_object(node, deep=True)
        macro = _latex_read_as_escape(node, lines) if node.style == '"' and "$" in str(value) else None
        if macro:
            problems.append(Problem(file, node.start_mark.line + 1 + offset, path, _latex_escape_said(macro)))
            return BAD
        return value
    except Exception:  # noqa: BLE001 - PyYAML's constructors fail in many ways on odd values (`!!timestamp x`
        #               raises AttributeError, `!!bool x` KeyError): each is a value that cannot be read
        if node.tag == _TIMESTAMP and not node.style and _DATE_LIKE.match(node.value):  # (plain: libyaml says "")
            # `title: 2026-02-30`: YAML's pattern of a date, no day of the calendar: the text as written, as
            # `title: 2026-02-28` prints (a date key says it is no valid date, a time or a number that it is none)
            return node.value
        line = node.start_mark.line + 1
        if node.tag.startswith("!"):  # 'title: !Important news': '!Important' is read as a tag
            text = lines[line - 1] if line <= len(lines) else ""
            problems.append(Problem(file, line + offset, path,
                                    reserved_advice("!", quote_from(text, node.start_mark.column))))
            return BAD
        kind = node.tag.rsplit(":", 1)[-1]  # an explicit tag such as !!float, or a value YAML cannot convert
        problems.append(Problem(file, line + offset, path, f"'{node.value}' is not a valid {_TAGGED.get(kind, f'!!{kind} value')}"))
        return BAD


# What YAML reads an escape of a letter in double quotes as: LaTeX's \nu, \theta, \beta, \Lambda written there print
# broken (a line break and "u", a tab and "heta", a control character and "eta", a line separator and "ambda")
_ESCAPED_AS = {"a": "a bell character", "b": "a backspace", "e": "an escape character", "f": "a form feed",
               "n": "a line break", "r": "a carriage return", "t": "a tab", "v": "a vertical tab", "N": "a line break",
               "L": "a line separator", "P": "a paragraph separator"}
_LETTER_ESCAPE = re.compile(r"\\\\|\\([%s][A-Za-z]+)" % "".join(_ESCAPED_AS))


def _latex_read_as_escape(node, lines: list[str]) -> str | None:
    """The first LaTeX macro (one booklet's math knows: \\nu, \\theta, \\frac) in a formula ($...$) of a double-quoted
    scalar's source that YAML read as an escape and the letters after it; None when there is none ("Line one\\nLine
    two" is a line break, as meant)."""
    start, end = node.start_mark, node.end_mark
    source = "\n".join(lines[start.line:end.line + 1])
    source = source[start.column:len(source) - len(lines[end.line]) + end.column] if end.line < len(lines) else \
        source[start.column:]
    if "\\" not in source or "$" not in source:
        return None
    # in a formula only (an odd number of dollars before it): "riga\\ne seconda" is a line break and "e seconda"
    found = [m[1] for m in _LETTER_ESCAPE.finditer(source) if m[1] and source.count("$", 0, m.start()) % 2]
    if not found:
        return None
    from ..text.mathtext import unknown_macros

    return next(("\\" + name for name in found if not unknown_macros("\\" + name)), None)


def _latex_escape_said(macro: str) -> str:
    return (f"in double quotes YAML reads the {macro[:2]} of LaTeX's {macro} as an escape ({_ESCAPED_AS[macro[1]]}), "
            f"so it would print broken; {backslash_advice(macro)}")


_YAML_TAG = "tag:yaml.org,2002:"  # (a tag written `!!x` is read as this and x)
_TIMESTAMP = _YAML_TAG + "timestamp"
_PYTHON_TAG = _YAML_TAG + "python/"
# YAML's own tags for values booklet's data never holds (its constructors make bytes, a set, ordered pairs)
_FOREIGN_TAGS = {_YAML_TAG + name: what for name, what in
                 (("binary", "base64-encoded bytes"), ("set", "a set"), ("omap", "an ordered mapping"),
                  ("pairs", "a list of pairs"))}


def _refused_tag(tag: str) -> bool:
    """Whether a node tagged `tag` is refused wherever it is (_refused_tag_said tells why)."""
    return tag.startswith(_PYTHON_TAG) or tag in _FOREIGN_TAGS


def _collection_tagged(node) -> str | None:
    """"list" or "mapping" when `node` is one tagged other than YAML reads it untagged (`!local [a]`, `!!map [a]`);
    None for a value, and for a list or mapping untagged or tagged as itself (`!!seq [a]`)."""
    if isinstance(node, yaml.SequenceNode):
        return None if node.tag == _YAML_TAG + "seq" else "list"
    if isinstance(node, yaml.MappingNode):
        return None if node.tag == _YAML_TAG + "map" else "mapping"
    return None


def _tag_as_written(tag: str) -> str:
    """A tag as YAML writes it: '!!map' for YAML's own, '!local' as it is, '!<tag:example.com,2000:x>' for others."""
    if tag.startswith(_YAML_TAG):
        return "!!" + tag.removeprefix(_YAML_TAG)
    return tag if tag.startswith("!") else f"!<{tag}>"


def _refused_tag_said(tag: str) -> str:
    """What a value tagged `!!python/...` (a _PYTHON_TAG) or with one of _FOREIGN_TAGS is told."""
    name = tag.removeprefix(_YAML_TAG)
    if tag in _FOREIGN_TAGS:
        return (f"'!!{name}' tags {_FOREIGN_TAGS[tag]}: booklet's data files hold text, numbers, dates, lists and "
                "mappings; remove the tag and write the value itself")
    return (f"'!!{name}' is a Python tag: booklet's data files hold text, numbers, dates, lists and mappings, never "
            "Python objects; remove the tag and write the value itself")


_DATE_LIKE = re.compile(r"\d{4}-\d\d?-\d\d?")

_NOT_TEXT_TAGS = {_YAML_TAG + name for name in ("timestamp", "int", "float", "bool", "null")}
_TAGGED = {"timestamp": "date", "int": "whole number", "float": "number", "bool": "true/false value",
           "null": "empty value"}


def not_text_said(tag: str, key: str, holds: bool = False) -> str:
    """The error of a text key's value (or, `holds`, an item of its list of texts) tagged `tag` ('!!timestamp', one
    of _NOT_TEXT_TAGS as written): what the tag makes of it, with its article ("a date"), and what to do."""
    what = _TAGGED[tag.removeprefix("!!")]
    return (f"'{tag}' tags {'an' if what[0] in 'aeiou' else 'a'} {what}, but {key} {'holds' if holds else 'is'} "
            "text: remove the tag and write the text")


def matching(folder: Path, pattern: str) -> list[Path]:
    """The files of `folder` a data file's pattern ("abstracts/*.yaml") names, sorted; not hidden ones, which
    editors and systems leave beside a file: an editor's lock file (".#brandt.yaml", a link to nowhere) or
    macOS's "._brandt.yaml" (its own data, not YAML)."""
    return sorted(path for path in Path(folder).glob(pattern) if not path.name.startswith("."))


def misnamed_folders(folder: Path) -> list[tuple[str, int]]:
    """("NAME/", how many YAML files it holds) of each folder of `folder` that stands for abstracts/ under another name
    (contract.meant_folder: Abstracts/, abstract/) and holds some: booklet does not read them (data.validate says so)."""
    from .contract import meant_folder

    try:
        names = sorted(entry.name for entry in os.scandir(folder) if entry.is_dir() and meant_folder(entry.name))
    except OSError:  # (said where the data files are read)
        return []
    found = []
    for name in names:
        count = sum(1 for path in matching(Path(folder) / name, "*") if path.suffix.lower() in (".yaml", ".yml"))
        if count:
            found.append((f"{name}/", count))
    return found


def yaml_in_folders(folder: Path, looping: list[tuple[str, str]]) -> list[tuple[str, int]]:
    """("abstracts/NAME/", how many YAML files are in it, at any depth) of each folder inside `folder`'s abstracts/
    that holds some: booklet reads only the files of abstracts/ itself (data.validate says so). A link back to
    abstracts/ or a folder that holds it (`looping`: what looping_links(folder) found, which the caller reports too)
    is not counted: its files are abstracts/'s own."""
    try:
        inner = sorted(entry.name for entry in os.scandir(Path(folder) / "abstracts")
                       if entry.is_dir() and not entry.name.startswith("."))
    except OSError:
        return []
    loops = {name for name, _ in looping}
    inner = [name for name in inner if f"abstracts/{name}/" not in loops]
    found = []
    for name in inner:
        count = sum(1 for path in (Path(folder) / "abstracts" / name).rglob("*")
                    if path.suffix.lower() in (".yaml", ".yml") and not path.name.startswith("."))
        if count:
            found.append((f"abstracts/{name}/", count))
    return found


def looping_links(folder: Path) -> list[tuple[str, str]]:
    """("abstracts/NAME/", where it leads) of each link inside `folder`'s abstracts/ to abstracts/ itself or to a
    folder that holds it (`abstracts/loop -> .`, `-> ..`, `-> /`): a loop, whose files are abstracts/'s own (and,
    followed, a walk through all that folder holds); where, as check says it: "abstracts/ itself", "the data folder,
    which holds abstracts/" or the folder's path and that."""
    abstracts = Path(folder) / "abstracts"
    try:
        links = sorted(entry.name for entry in os.scandir(abstracts)
                       if entry.is_symlink() and not entry.name.startswith("."))
        home, data = Path(os.path.realpath(abstracts)), Path(os.path.realpath(folder))
    except OSError:
        return []
    found = []
    for name in links:
        try:
            target = Path(os.path.realpath(abstracts / name, strict=True))
        except (OSError, RuntimeError):  # (a link to nothing, or in a loop of links: not a folder)
            continue
        if home == target or home.is_relative_to(target):
            where = "abstracts/ itself" if target == home else \
                f"{'the data folder' if target == data else target}, which holds abstracts/"
            found.append((f"abstracts/{name}/", where))
    return found


def misnamed(folder: Path) -> list[tuple[str, str]]:
    """(name, the data file's name) of each file of `folder` (or of its abstracts/) that is not a data file itself
    but stands for one (contract.meant_file): booklet does not read them (data.validate says so)."""
    try:
        found = [(entry.name, entry.name) for entry in os.scandir(folder) if entry.is_file()]
        if (Path(folder) / "abstracts").is_dir():
            found += [(f"abstracts/{entry.name}", entry.name) for entry in os.scandir(Path(folder) / "abstracts")
                      if entry.is_file()]
    except OSError:  # (said where the data files are read)
        return []
    out = []
    for name, base in sorted(found):
        meant = meant_file(base, name != base)
        if meant is not None:
            out.append((name, f"abstracts/{meant}" if name != base else meant))
    return out
