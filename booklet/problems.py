"""Findings about the data (file, line, key path, message) -> the messages a user reads."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

_LINE_BREAKS = re.compile("\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")  # what str.splitlines breaks at


_QUOTED_MOST = 300  # characters of a value a message quotes whole
# a value in quotes: a quote after a space or bracket (or first), to one before a space, punctuation or the end (not
# the apostrophes of "theme.yaml's"); apostrophes inside it that close nothing ("it's", "l'abstract") are the value's
_CLOSES = r"(?:$|[\s,:;.)\]}])"
_LONG_QUOTED = re.compile(r"(?:^|(?<=[\s(\[{:]))'((?:[^']|'(?!%s))+)'(?=%s)" % (_CLOSES, _CLOSES))
_CLOSING = re.compile(r"'(?=%s)" % _CLOSES)  # a quote that may close a value
# a value in double quotes, as repr() quotes a text holding an apostrophe ("Speaker's notes", an import's column)
_LONG_DOUBLE_QUOTED = re.compile(r'(?:^|(?<=[\s(\[{:]))"([^"]{%d,})"(?=%s)' % (_QUOTED_MOST + 1, _CLOSES))


def _cut(quoted: re.Match) -> str:
    value = quoted[1]
    if len(value) <= _QUOTED_MOST:
        return quoted[0]
    mark = quoted[0][0]  # (' or ")
    return f"{mark}{_shortened(value)}{mark} ({len(value):,} characters)"


def _shortened(value: str) -> str:
    """A long value's start and end, an ellipsis between them."""
    return f"{value[:60]}\u2026{value[-20:]}"


def key_cut(key: str) -> str:
    """A key path (`[3].speaker.name`) as a message shows it: one holding a key longer than _QUOTED_MOST (YAML's
    `? key` takes a key of any length) with that key cut to its start and end."""
    if len(key) <= _QUOTED_MOST:
        return key
    return re.sub(r"[^.\[\]]{%d,}" % (_QUOTED_MOST + 1), lambda long: _shortened(long[0]), key)


def long_quotes_cut(message: str) -> str:
    """`message` with each value it quotes that is longer than _QUOTED_MOST cut to its start and end and its length."""
    if len(message) <= _QUOTED_MOST:
        return message
    if "'" in message:
        # (searched up to the last quote that may close one: each quote opening none after it was read to the end,
        # the message's length again for each, 35 s of CPU for a note quoting a cell of 20,000 "x 'a")
        end = max((closing.end() for closing in _CLOSING.finditer(message)), default=0)
        message = _LONG_QUOTED.sub(_cut, message[:end]) + message[end:]
    if '"' in message:
        message = _LONG_DOUBLE_QUOTED.sub(_cut, message)
    return message


def listed(shown: list[str], most: int = 12, sep: str = ", ") -> str:
    """The values a message names, joined by `sep` as given (each quoted by the caller), the first `most` of them
    and how many more past that: "a, b, c and 2 more" ("a; b; c; and 2 more"). A spreadsheet's header of 200,000
    columns was listed whole, a 2 MB message."""
    more = len(shown) - most
    return sep.join(shown[:most]) + (f"{sep.rstrip(' ,')} and {more:,} more" if more > 0 else "")


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong (an error) or worth a look (a warning) in the conference data."""

    file: str
    line: int
    key: str
    message: str
    severity: str = "error"
    kind: str = ""  # for warnings: what sort of finding ("glyph", "name-variant", ...), for grouping and JSON

    def __post_init__(self) -> None:
        # a value quoted whole (a page of text pasted into `kind:` or a date) made a message of pages: its start and
        # end are enough to find it by, with the line
        object.__setattr__(self, "message", long_quotes_cut(self.message))
        object.__setattr__(self, "key", key_cut(self.key))  # (a key of 100,000 characters named it whole)

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:" if self.line else f"{self.file}:"  # no line: a file or folder not there
        if self.key:
            where += f" {self.key}:"
        label = "warning: " if self.severity == "warning" else ""
        # one problem, one line: a value quoted in the message that holds line breaks ('invited\ntalk' is not one
        # of ...) shows them as ↵, where they ran the message on over lines that named no file, line or key
        return _LINE_BREAKS.sub("\u21b5", f"{where} {label}{self.message}")


class DataError(Exception):
    """The data has errors; `problems` lists every one of them (and any warnings)."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        errors = [p for p in problems if p.severity == "error"]
        super().__init__(f"{len(errors)} error(s) in the conference data")

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def did_you_mean(word: str, choices) -> str:
    """' (did you mean 'x'?)' when `word` is close to one of `choices`, else ''."""
    close = closest(word, choices)
    return meant([close] if close is not None else [])


def meant(nearest: list[str]) -> str:
    """" (did you mean 'a', 'b' or 'c'?)" for the words nearest to one that named nothing (' (did you mean 'x'?)'
    for one); '' for none."""
    if not nearest:
        return ""
    *others, last = [f"'{one}'" for one in nearest]
    return f" (did you mean {', '.join(others) + ' or ' if others else ''}{last}?)"


def closest(word: str, choices) -> str | None:
    """The one of `choices` `word` is closest to, when it is close (difflib's ratio 0.6 or more), else None."""
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return close[0] if close else None


class Refused(Exception):
    """A request booklet will not carry out, such as an output that would replace one of its inputs;
    the message says why, in a user's words."""
