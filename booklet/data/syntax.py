"""A YAML syntax error and the file's text -> the line to fix and what to do there, in plain words.

PyYAML says what its parser expected ("mapping values are not allowed here"); a conference
organiser needs to hear what they wrote and how to write it: a colon in a title, a tab, a quote
or bracket left open, a value that starts with a character YAML reserves, an indentation that
lines up with nothing. Each case is recognised from the error and the text of the line; when
none fits, PyYAML's own words are kept.
"""

from __future__ import annotations

import re

from .lazy import Lazy

yaml = Lazy("yaml", globals(), "yaml")  # PyYAML, imported when an error is first explained

# The start of a line: indentation, an optional list dash, an optional simple key and its colon.
_LINE = re.compile(r"(?P<indent> *)(?P<dash>- +)?(?:(?P<key>[A-Za-z_][\w-]*):(?: +|$))?(?P<rest>.*)$")
_PLAIN_KEY = re.compile(r"[A-Za-z_][\w]*$")
_NO_SPACE_AFTER_COLON = re.compile(r"(?P<indent> *)(?P<dash>- +)?(?P<key>[A-Za-z_][\w-]*):(?P<value>[^\s:].*)$")
_NO_SPACE_AFTER_DASH = re.compile(r"(?P<indent> *)-(?P<item>[^\s-].*)$")
RESERVED = {  # a value's first character that YAML reads as syntax -> why it must be quoted
    "@": "YAML reserves '@'",
    "`": "YAML reserves '`'",
    "%": "'%' starts a YAML directive",
    "*": "'*' starts a YAML alias, a reference to an anchor",
    "&": "'&' starts a YAML anchor, a name for the value",
    "!": "'!' starts a YAML tag, a type for the value",
    "|": "'|' starts a block of text on the lines below",
    ">": "'>' starts a block of text on the lines below",
}
CLOSE = {"{": "}", "[": "]"}
WHAT = {"{": "mapping", "[": "list"}


def yaml_quoted(text: str) -> str:
    """`text` as a YAML quoted string: in double quotes, or in single quotes (with '' for ') when it
    holds a double quote or a backslash (which starts an escape in double quotes: LaTeX math)."""
    if '"' in text or "\\" in text:
        return "'" + text.replace("'", "''") + "'"
    return f'"{text}"'


def explain(exc: yaml.YAMLError, text: str) -> tuple[int | None, str | None]:
    """(1-based line, plain-words message) for a known slip, or (None, None)."""
    lines = text.splitlines() or [""]
    problem = str(getattr(exc, "problem", "") or "")
    context = str(getattr(exc, "context", "") or "")
    mark = getattr(exc, "problem_mark", None)
    opened = getattr(exc, "context_mark", None)
    for explainer in (_tab, _reserved_start, _colon, _unclosed_quote, _escape, _flow, _quote_runs_on, _complex_key,
                      _block_end, _no_colon, _document_end, _anchor_twice):
        found = explainer(problem, context, mark, opened, lines, text)
        if found:
            return found
    return None, None


def _line(lines: list[str], index: int) -> str:
    return lines[index] if 0 <= index < len(lines) else ""


def _split_comment(value: str) -> tuple[str, str]:
    """A plain value and the comment after it: 'Waves: a review  # draft' -> ('Waves: a review', '  # draft')."""
    match = re.search(r"\s+#", value)
    return (value[: match.start()], value[match.start():]) if match else (value.rstrip(), "")


def _shown(line: str) -> str:
    return line.strip()


# -- tabs -------------------------------------------------------------------------------------

def _tab(problem, context, mark, opened, lines, text):
    if mark is None or "'\\t'" not in problem:
        return None
    line = _line(lines, mark.line)
    before = line[: mark.column]
    if not before.strip(" -"):
        return mark.line + 1, "a tab in the indentation: indent with spaces, not tabs"
    return mark.line + 1, "a tab after " + repr(before.strip()) + ": YAML needs spaces there, not tabs"


# -- a value that starts with a character YAML reserves ---------------------------------------

def _reserved_start(problem, context, mark, opened, lines, text):
    if "cannot start any token" in problem and mark is not None:
        at = mark
    elif context in ("while scanning an alias", "while scanning an anchor", "while scanning a block scalar") \
            and opened is not None:
        at = opened
    elif problem.startswith("found undefined alias") and mark is not None:
        at = mark
    else:
        return None
    line = _line(lines, at.line)
    char = line[at.column: at.column + 1]
    if char not in RESERVED:
        return None
    return at.line + 1, reserved_advice(char, quote_from(line, at.column))


def reserved_advice(char: str, example: str) -> str:
    return f"a value that starts with '{char}' must be in quotes ({RESERVED[char]}): {example}"


def quote_from(line: str, column: int) -> str:
    """The line with the value that starts at `column` put in quotes (to the end of the line, or of
    the flow item it is in)."""
    inside_flow = any(ch in "{[" for ch in line[:column])
    if inside_flow:
        end = column
        while end < len(line) and line[end] not in ",}]":
            end += 1
        value, rest = line[column:end].rstrip(), line[column + len(line[column:end].rstrip()):]
    else:
        value, rest = _split_comment(line[column:])
    return _shown(line[:column] + yaml_quoted(value) + rest)


# -- a colon and a space inside a value ---------------------------------------------------------

def _colon(problem, context, mark, opened, lines, text):
    if problem != "mapping values are not allowed here" or mark is None:
        return None
    line = _line(lines, mark.line)
    parts = _LINE.match(line)
    if parts["key"] and mark.column > parts.start("rest"):  # a second colon, inside the value
        return mark.line + 1, _colon_advice(line, parts)
    if parts["dash"] and not parts["key"]:  # '- Wi-Fi: network: X': the whole item
        return mark.line + 1, _colon_advice(line, parts)
    return _deeper_than_above(mark, lines)


def _colon_advice(line: str, parts: re.Match) -> str:
    if parts["key"] and _PLAIN_KEY.match(parts["key"]):
        value, comment = _split_comment(parts["rest"])
        fixed = f"{parts['dash'] or ''}{parts['key']}: {yaml_quoted(value)}{comment}"
        return ("a colon and a space (': ') in a value make YAML read a new key there; put the value in "
                f"quotes: {fixed}")
    item, comment = _split_comment(line[parts.end("dash") if parts["dash"] else len(parts["indent"]):])
    fixed = f"{parts['dash'] or ''}{yaml_quoted(item)}{comment}"
    return f"a colon and a space (': ') in a text make YAML read a key there; put the text in quotes: {fixed}"


def _deeper_than_above(mark, lines):
    """'  bad: indent' under 'venue: Lund': the line is indented as if it belonged to a value above."""
    index = _previous(lines, mark.line)
    if index is None:
        return None
    above = _LINE.match(lines[index])
    here = _LINE.match(lines[mark.line])
    if not (above["key"] and above["rest"].strip() and len(here["indent"]) > len(above["indent"])):
        return None
    return mark.line + 1, (f"this line is indented more than '{above['key']}:' on line {index + 1}, which already "
                           f"has its value; line it up with '{above['key']}:' (or, if it is part of that value, put "
                           "the whole value in quotes)")


def _previous(lines: list[str], index: int) -> int | None:
    """The nearest line above `index` with content (not blank, not only a comment)."""
    for before in range(index - 1, -1, -1):
        stripped = lines[before].strip()
        if stripped and not stripped.startswith("#"):
            return before
    return None


# -- a quote or bracket left open ---------------------------------------------------------------

def _unclosed_quote(problem, context, mark, opened, lines, text):
    if context != "while scanning a quoted scalar" or opened is None or "end of stream" not in problem:
        return None
    line = _line(lines, opened.line)
    return opened.line + 1, (f"the quote ({line[opened.column]}) that opens the value on this line is never "
                             f"closed; end the value with {line[opened.column]}: {_closed(line, opened.column)}")


def _escape(problem, context, mark, opened, lines, text):
    """A backslash in double quotes that starts no escape: LaTeX ("$\\mathbb{R}$") written in double quotes."""
    if mark is None or not (context == "while scanning a double-quoted scalar"
                            and problem.startswith("found unknown escape character")
                            or problem.startswith(("did not find expected hexdecimal number",  # \xi, \upsilon
                                                   "expected escape sequence of"))):
        return None
    line = _line(lines, mark.line)
    at = line.rfind("\\", 0, mark.column + 1)
    written = re.match(r"\\(?:[A-Za-z]+|.?)", line[at:])[0] if at >= 0 else "\\"  # (LaTeX's \mathbb)
    example = ""
    if opened is not None and opened.line == mark.line:  # the value on one line: written in single quotes
        end = _closing_quote(line, opened.column)
        if end is not None:  # (yaml_quoted: in single quotes, as the value holds a backslash)
            value = yaml_quoted(re.sub(r'\\([\\"])', r"\1", line[opened.column + 1:end]))
            example = _shown(line[:opened.column] + value + line[end + 1:].rstrip())
    return mark.line + 1, f"in double quotes a backslash starts an escape, and {written} is none; " + \
        backslash_advice(written, example)


def backslash_advice(macro: str, example: str = "") -> str:
    """What to do about LaTeX's `macro` written in double quotes (`example`: the line in single quotes)."""
    return (f"put the value in single quotes, which keep backslashes as written{f' ({example})' if example else ''}, "
            f"or write each backslash twice (\\{macro})")


def _closing_quote(line: str, column: int) -> int | None:
    """Where the double-quoted value opened at `column` closes on `line` (past its escaped quotes), or None."""
    at = column + 1
    while at < len(line):
        if line[at] == "\\":
            at += 2
            continue
        if line[at] == '"':
            return at
        at += 1
    return None


def _closed(line: str, column: int) -> str:
    """The line with the quote that opens at `column` closed: at the end of the value, or in [ ] and
    { } before the next ',' or closing bracket."""
    quote = line[column]
    if any(ch in "{[" for ch in line[:column]):
        end = column + 1
        while end < len(line) and line[end] not in ",}]":
            end += 1
        return _shown(line[:end].rstrip() + quote + line[len(line[:end].rstrip()):])
    value, comment = _split_comment(line)
    return _shown(value + quote + comment)


def _flow(problem, context, mark, opened, lines, text):
    """Errors inside [ ] and { }: one left open, closed with the wrong bracket, a colon in a value."""
    if context == "while parsing a flow node" and "<stream end>" in problem:
        # the file ends right after '[', '{' or a comma in them ('speakers: [', a file saved half-typed): PyYAML
        # points at the end of the file; the bracket left open is the last one the scanner opened and did not close
        opened = _last_unclosed(text)
        context = "while parsing a flow sequence"
    if context not in ("while parsing a flow mapping", "while parsing a flow sequence") or opened is None:
        return None
    bracket = _line(lines, opened.line)[opened.column: opened.column + 1]
    if bracket not in CLOSE:
        return None
    close = CLOSE[bracket]
    got = problem.rsplit("but got ", 1)[-1].strip("'")
    if got in ("}", "]") and got != close and mark is not None:
        where = "on this line" if mark.line == opened.line else f"on line {opened.line + 1}"
        return mark.line + 1, f"the '{bracket}' opened {where} is closed with '{got}': close it with '{close}'"
    if got == ":" and mark is not None:
        line = _line(lines, mark.line)
        start = max(line.rfind(",", 0, mark.column), line.rfind("{", 0, mark.column), -1) + 1
        if ":" in line[start: mark.column]:  # a second colon in one item: a colon in the value
            return mark.line + 1, _flow_colon_advice(line, start, mark.column)
    if got in ("<stream end>", ":") or (mark is not None and mark.line != opened.line):
        line = _line(lines, opened.line)
        example = ""
        value, comment = _split_comment(line)
        # closed at the end of the line when that closes all it opened, and something was written inside it
        if sum(map(line.count, CLOSE)) == sum(map(line.count, CLOSE.values())) + 1 \
                and not value.rstrip().endswith((",", bracket)):
            example = f": {_shown(value + close + comment)}"
        return opened.line + 1, (f"the '{bracket}' on this line is never closed: end the {WHAT[bracket]} with "
                                 f"'{close}'{example}")
    return None


def _last_unclosed(text: str):
    """The mark of the last '[' or '{' of `text` left open, or None (the scanner cannot read the text, or none is)."""
    opened = []
    try:
        for token in yaml.scan(text):
            if isinstance(token, (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken)):
                opened.append(token.start_mark)
            elif isinstance(token, (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)) and opened:
                opened.pop()
    except yaml.YAMLError:
        return None
    return opened[-1] if opened else None


def _flow_colon_advice(line: str, start: int, column: int) -> str:
    end = column
    while end < len(line) and line[end] not in ",}":
        end += 1
    item = line[start:end]
    key, _, value = item.partition(":")
    fixed = f"{key}: {yaml_quoted(value.strip())}"
    if item.startswith(" "):
        fixed = " " + fixed.lstrip()
    return ("a colon and a space (': ') in a value make YAML read a new key there; put the value in quotes: "
            f"{_shown(line[:start] + fixed + line[end:])}")


# -- a quoted value that ends early, or a value that starts with a bracket -----------------------

def _quote_runs_on(problem, context, mark, opened, lines, text):
    """A quote left open on one line that closes at the next quote, lines later."""
    if not problem.startswith("expected <block end>") or mark is None:
        return None
    for token in _scalars_before(text, mark):
        if token.style in ("'", '"') and token.start_mark.line < mark.line == token.end_mark.line:
            line, quote = _line(lines, token.start_mark.line), token.style
            return token.start_mark.line + 1, (
                f"the quote ({quote}) that opens the value on this line is not closed on it, so the value runs on "
                f"to the next {quote} on line {mark.line + 1}; close it: {_closed(line, token.start_mark.column)}")
    return None


def _scalars_before(text: str, mark) -> list:
    """The quoted scalars YAML read before `mark`, the last first."""
    found = []
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if (token.start_mark.line, token.start_mark.column) >= (mark.line, mark.column):
                break
            if isinstance(token, yaml.ScalarToken):
                found.append(token)
    except yaml.YAMLError:
        pass
    return found[::-1]


def _block_end(problem, context, mark, opened, lines, text):
    """'expected <block end>': a value that goes on after its closing quote or bracket, a missing
    space after '-', or a line whose indentation fits nothing above it."""
    if not problem.startswith("expected <block end>") or mark is None:
        return None
    line = _line(lines, mark.line)
    parts = _LINE.match(line)
    start = parts.start("rest")
    value = parts["rest"]
    if value[:1] in ("'", '"', "[", "{") and mark.column > start:
        return mark.line + 1, _goes_on_advice(line, parts)
    if _NO_SPACE_AFTER_DASH.match(line) and mark.column == len(parts["indent"]):
        return _no_space_after_dash(mark.line, line)
    if mark.column == len(parts["indent"]):
        return _misaligned(mark.line, lines)
    return None


_COMPLEX_KEY = re.compile(r"(?P<indent> *)\?(?:[ \t]+(?P<key>.*?))?\s*$")  # (a tab after '?' writes one too)
_WITH_VALUE = re.compile(r"[^'\"\s].*?:(?:\s|$)")  # '? topic: Bayes': the key and its value on the line


def _complex_key(problem, context, mark, opened, lines, text):
    """'expected <block end>, but found '?'': a line that starts with '? ' (YAML's key written the long way, a
    complex key) among a list's items, where no key can stand; PyYAML's words were printed as they are."""
    if not problem.startswith("expected <block end>") or "'?'" not in problem or mark is None:
        return None
    found = _COMPLEX_KEY.match(_split_comment(_line(lines, mark.line))[0])
    if found is None:
        return None
    key = found["key"]
    item = key if key and _WITH_VALUE.match(key) else f"{key or 'key'}: value"  # (not 'topic: Bayes: value')
    return mark.line + 1, ("a line that starts with '? ' writes a key YAML's long way (a complex key), and a key cannot "
                           "stand here, among the list's items; write it in an item as the others are "
                           f"(- {item}), or put a text that starts with '?' in quotes: "
                           f"{yaml_quoted('? ' + key if key else '?')}")


def _goes_on_advice(line: str, parts: re.Match) -> str:
    value, comment = _split_comment(parts["rest"])
    lead = f"{parts['dash'] or ''}{parts['key'] + ': ' if parts['key'] else ''}"
    first = value[0]
    if first in "[{":
        return (f"a value that starts with '{first}' is read as a {WHAT[first]}, which ends at '{CLOSE[first]}'; "
                f"to start a text with '{first}', put the whole value in quotes: {lead}{yaml_quoted(value)}{comment}")
    if len(value) > 1 and value.endswith(first):  # quotes around the value, and the same quote inside it
        inner = value[1:-1]
        if first == "'" and '"' not in inner and "\\" not in inner:
            fixed = f'"{inner}"'
        elif first == "'":
            fixed = "'" + inner.replace("'", "''") + "'"
        else:
            fixed = "'" + inner.replace("'", "''") + "'"
        return (f"the quote ({first}) inside the value ends it early; write it {_quote_name(fixed[0])}: "
                f"{lead}{fixed}{comment}")
    return ("the value starts with a quoted part and goes on after it; put the whole value in quotes: "
            f"{lead}{yaml_quoted(value)}{comment}")


def _quote_name(quote: str) -> str:
    return "in double quotes" if quote == '"' else "in single quotes (with '' for an apostrophe)"


def _no_space_after_dash(index: int, line: str):
    match = _NO_SPACE_AFTER_DASH.match(line)
    return index + 1, f"put a space after '-' to start a list item: - {match['item']}"


def _misaligned(index: int, lines: list[str]):
    """A line whose indentation lines up with no key or list item above it."""
    here = len(_LINE.match(lines[index])["indent"])
    is_item = bool(_LINE.match(lines[index])["dash"])
    columns: dict[int, tuple[int, str]] = {}  # column -> (line index, what starts there), the nearest line
    for before in range(index - 1, -1, -1):
        line = lines[before]
        if not line.strip() or line.strip().startswith("#"):
            continue
        parts = _LINE.match(line)
        indent = len(parts["indent"])
        columns.setdefault(indent, (before, "-" if parts["dash"] else (parts["key"] or "")))
        if parts["dash"] and parts["key"]:
            columns.setdefault(parts.start("key"), (before, parts["key"]))
        if indent == 0:
            break
    if not columns:
        return None
    if here in columns:
        return _misplaced(index, lines, columns[here])
    # the nearest column where the same sort of line starts (a list item, or a key), then the nearest line
    nearest = min(columns, key=lambda column: ((columns[column][1] == "-") != is_item, abs(column - here),
                                                index - columns[column][0]))
    at, what = columns[nearest]
    shown = "'- '" if what == "-" else f"'{what}:'"
    return index + 1, (f"this line is indented {_spaces(here)}, which lines up with nothing above it; indent it "
                       f"{_spaces(nearest)}, as {shown} on line {at + 1}")


def _misplaced(index: int, lines: list[str], above: tuple[int, str]):
    """A key among list items, or a list item among keys, in the same column."""
    parts = _LINE.match(lines[index])
    at, what = above
    if parts["dash"] and what != "-":
        return index + 1, (f"a list item among 'key: value' lines ('{what}:' on line {at + 1} is in the same "
                           "column); indent the list under the key it belongs to, and give that key no value "
                           "on its own line")
    if parts["key"] and what == "-":
        return index + 1, (f"'{parts['key']}:' is in the column of the list items above it (line {at + 1}); "
                           f"start it with '- ' to make it an item, or indent it as the key the list belongs to")
    return None


def _spaces(count: int) -> str:
    return f"{count} space{'s' * (count != 1)}"


# -- a line with no 'key: value' ----------------------------------------------------------------

def _no_colon(problem, context, mark, opened, lines, text):
    if problem != "could not find expected ':'" or opened is None:
        return None
    line = _line(lines, opened.line)
    if _NO_SPACE_AFTER_DASH.match(line):
        return _no_space_after_dash(opened.line, line)
    match = _NO_SPACE_AFTER_COLON.match(line)
    if match and ": " not in line:
        return opened.line + 1, (f"put a space after the colon: {match['dash'] or ''}{match['key']}: "
                                 f"{match['value'].strip()}")
    return opened.line + 1, ("this line is neither 'key: value' (a colon and a space) nor a list item ('- '); "
                             "if it goes on from the value above, indent it further than that value's key")


# -- a line '...', YAML's end of a document ---------------------------------------------------

_DOCUMENT_END = re.compile(r"\.\.\.(?:\s+#.*)?\s*$")


def _document_end(problem, context, mark, opened, lines, text):
    """A line of three dots (an ellipsis typed on a line of its own) ends a YAML document: the lines after it
    are an error, and a file of only that line is one too."""
    if mark is None or ("<document end>" not in problem and "expected '<document start>'" not in problem):
        return None
    index = next((i for i in range(min(mark.line, len(lines) - 1), -1, -1) if _DOCUMENT_END.match(lines[i])), None)
    if index is None:
        return None
    after = any(line.strip() and not line.lstrip().startswith("#") for line in lines[index + 1:])
    return index + 1, ("a line of three dots ('...') ends a YAML document" + (", so the lines after it cannot be read"
                       if after else " before anything is in it") + "; delete the line (in a text, write the dots "
                       "after other words or in quotes: \"...\")")


_ANCHOR_TWICE = re.compile(r"found duplicate anchor '(.*)'; first occurrence")


def _anchor_twice(problem, context, mark, opened, lines, text):
    """An anchor ('&name') given twice in a file: PyYAML's words ("second occurrence (found duplicate anchor 'p';
    first occurrence)") were printed as they are, at the second."""
    found = _ANCHOR_TWICE.fullmatch(context)
    if found is None or mark is None:
        return None
    first = f" (first at line {opened.line + 1})" if opened is not None else ""
    return mark.line + 1, (f"the anchor '&{found[1]}' is given twice{first}; give each anchor a name of its own, and "
                           f"write '*{found[1]}' where the value is meant again")
