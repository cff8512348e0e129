"""The last lint of a data folder, kept in the disk cache -> a new process's lint, after abstracts' texts alone were
edited, runs again only what such an edit can change.

A LOC corrects an abstract and builds again (or makes the proofs): the new process linted the whole book again, some
0.3 s of CPU at 500 talks and 1,000 posters, for warnings that nearly all stay as they were. The note kept (one per
data folder and page) holds

- the key of everything lint reads but abstracts.yaml's bytes: booklet's code and resources, the libraries, the page,
  every other data file's bytes, what reading says of the files' names, each image's and font's identity, and the one
  thing besides each abstract's own length that lint reads of the texts: whether the abstracts flow (`layout: auto`
  flows them when most are short);
- abstracts.yaml's text as it was linted;
- each check's findings (lint.parts), the abstracts' lengths by abstract (fit.lengths_by_abstract), which entries hold
  init's example values (example.example_holders), and a hash of each abstract's text as read (_digests).

A lint takes the note when the key is the same and abstracts.yaml has as many lines as the text kept and differs from it
only inside the `abstract: |` (or `>`) block texts of the file's entries (each line that differs is indented deeper
than the key whose text it is in, after it and before the entry's next key), and the abstracts whose texts differ from
those it read are the entries of those blocks alone (not one that takes its text from another's, `<<: *anchor`): every
key and every other value is on the line it was on, so every check that reads no abstract's text (all but lint.READS_TEXT) finds what it found, and those
findings are taken; the checks that read texts run again, the lengths for the abstracts edited alone (one abstract's
length does not depend on the others' texts), the example's looking again at the abstracts edited alone. Any other
edit (a title, an author, a line added: every line below it moved) lints the whole book, as a build without the note
does. Either way the note is kept for the next lint. The findings are those of a whole lint of the same data, in the
same order, at the same lines.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from ..cache import disk
from ..data.locate import Lines
from ..problems import Problem

KIND = "linted"
ABSTRACTS = "abstracts.yaml"

# the key of a top-level entry's text as a block scalar, without an anchor, a tag or a comment: its indentation (or
# "- " and it, the entry's first key), then `abstract:` and the block's indicators
_TEXT_KEY = re.compile(r"(-[ ]+|[ ]+)abstract:[ ]*[|>][1-9+-]{0,2}[ ]*")
_ENTRY = re.compile(r"-[ ]+(?=[^ #])")  # a top-level entry's first line: its "- " and its first key's column
_OTHER_BREAKS = ("\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")  # YAML's or Python's


def lint_again(booklet, page, folder: Path | None, started: int | None = None) -> list[Problem]:
    """lint(booklet, page, folder), taking from the last lint of `folder` at `page` what an edit to abstracts' texts
    alone cannot change (see the module's docstring); the note kept for the next (the disk cache on). `started`: when
    reading the booklet began (time.time_ns()): no note is kept when a file it stands for changed since (edited while
    the build ran: its findings are the booklet's as read, the note would hold them for the data as it is now)."""
    from ..layout.page import page_for
    from . import READS_TEXT, joined, lint, parts
    from .example import check_example, example_holders
    from .fit import lengths_by_abstract

    if folder is None or disk.folder() is None:
        return lint(booklet, page, folder)
    page = page_for(page) if isinstance(page, str) else page
    folder = Path(folder)
    text = _text(folder / ABSTRACTS)  # (before the files' identities are taken: an edit after it is seen there)
    context, changed = _context(booklet, page, folder) or (None, None)
    name = disk.key(KIND, os.path.realpath(folder), repr(page))
    note = disk.load(KIND, name, tuple, lasts=False) if context is not None and text is not None else None
    digests = _digests(booklet)
    edited = _edited(note, context, text, booklet, digests) if note is not None and len(note) == 6 else None
    lines = _Told(folder, {} if edited is None else {booklet.abstracts[at].source.key: line
                                                     for at, line in edited.items()})
    if edited is None:
        lengths = lengths_by_abstract(booklet, page, lines)
        others, holding = example_holders(booklet)
        taken = {}
    else:
        lengths = {at: found for at, found in note[3] if at not in edited}
        lengths = dict(sorted({**lengths, **lengths_by_abstract(booklet, page, lines, only=edited)}.items()))
        others, holding = note[4][0], (note[4][1] - edited.keys()) | example_holders(booklet, abstracts=edited)[1]
        taken = {check: found for check, found in note[2] if check not in READS_TEXT}
    taken |= {"lengths": list(lengths.values()), "example": check_example(booklet, folder, (others, holding))}
    found = parts(booklet, page, folder, taken, lines)
    if context is not None and text is not None and (started is None or changed < started):
        disk.store(KIND, name, (context, text, found, tuple(lengths.items()), (others, holding), digests))
    return joined(found)


def _context(booklet, page, folder: Path) -> tuple[str, int] | None:
    """(the key of everything lint reads but abstracts.yaml's bytes (see the module's docstring), the last time one of
    the files it stands for changed, abstracts.yaml too); None when an image or font cannot be told."""
    from ..cache.built import code_and_said, data_files, source_identities
    from ..layout.common import Context

    sources = source_identities(booklet, folder)
    if sources is None:
        return None
    found = data_files(folder)
    files = [(path.relative_to(folder).as_posix(), None if path == folder / ABSTRACTS else content)
             for path, _, content in found]
    # (disk.identity: its last item the change time)
    changed = max((identity[3] for identity in [*(i for _, i, _ in found), *(i for _, i in sources[0])]
                   if isinstance(identity, tuple)), default=0)
    # whether the abstracts flow, which `layout: auto` tells by the lengths of all their texts (most of them short:
    # layout.common.flows), and every abstract's length warning says
    flow = Context(booklet, page).flow
    return disk.key(KIND, *code_and_said(folder), repr(page), files, sources, flow), changed


def _text(path: Path) -> str | None:
    """The text of `path` (UTF-8), when it breaks lines at "\\n" alone; None otherwise (or when there is none)."""
    try:
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return None if any(other in text for other in _OTHER_BREAKS) else text


class _Told(Lines):
    """The lines of a folder's keys (data.locate.Lines), told those of the edited abstracts' texts (_edited): a warning
    about an edited text (a placeholder, a length) is placed without reading the file again (a tenth of a second or
    more for 600 abstracts). `edited`: each edited abstract's key in abstracts.yaml ("[3]", its Source.key) -> the
    line of its `abstract:` key."""

    def __init__(self, folder: Path, edited: dict[str, int]):
        super().__init__(folder)
        self.told = {(ABSTRACTS, f"{key}.abstract"): line for key, line in edited.items()}

    def line(self, file: str, key: str, fallback: int) -> int:
        told = self.told.get((file, key))
        return told if told is not None else super().line(file, key, fallback)


def _digests(booklet) -> tuple[bytes, ...]:
    """A hash of each abstract's text, in booklet.abstracts' order (the note's: which texts a lint read)."""
    return tuple(hashlib.blake2b(a.text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
                 for a in booklet.abstracts)


def _edited(note: tuple, context: str, text: str, booklet, digests: tuple[bytes, ...]) -> dict[int, int] | None:
    """The places in booklet.abstracts of the abstracts whose texts alone differ from those the note's lint read, each
    with the line (from 1) of its `abstract:` key, when nothing else does (see the module's docstring); else None.
    `digests`: _digests(booklet). Abstracts of abstracts/*.yaml may be there too: the note's key holds their files'
    bytes (an edit of them lints the whole book), so they are as the note's lint read them (the sample's five: every
    warm rebuild of it after a text edited in abstracts.yaml linted the whole book)."""
    if note[0] != context or not isinstance(note[1], str) or len(note[5]) != len(digests):
        return None
    edited = _edited_blocks(note, text, booklet)
    if edited is None or {at for at, (was, is_) in enumerate(zip(note[5], digests)) if was != is_} - edited.keys():
        return None  # (a text changed outside the blocks edited: an entry that merges another's, `<<: *anchor`)
    return edited


def _edited_blocks(note: tuple, text: str, booklet) -> dict[int, int] | None:
    """_edited's abstracts as the lines of abstracts.yaml tell them: those whose `abstract:` block texts hold the lines
    that differ from the note's text, each with the line of its key; None when a line that differs is in no such
    block."""
    if note[1] == text:
        return {}
    then, now = note[1].split("\n"), text.split("\n")
    if len(then) != len(now):
        return None
    if any(a.source is None for a in booklet.abstracts):
        return None
    in_file = [(a.source.line, at) for at, a in enumerate(booklet.abstracts) if a.source.file == ABSTRACTS]
    starts = dict(in_file)
    if len(starts) != len(in_file):
        return None
    edited = {}
    for number, (was, is_) in enumerate(zip(then, now)):
        if was != is_:
            entry, key = _text_of(now, number) or (None, None)
            if entry is None or (entry, key) != _text_of(then, number) or entry + 1 not in starts:
                return None
            edited[starts[entry + 1]] = key + 1
    return edited


def _text_of(lines: list[str], number: int) -> tuple[int, int] | None:
    """The lines (from 0) of the top-level entry whose `abstract:` block text holds line `number` of `lines` (it, or a
    blank line or comment after it, before the entry's next key) and of that key; None when that line is not in one."""
    least = None  # the least indentation of the lines after the key, to `number`, that are not blank
    for at in range(number, -1, -1):
        line = lines[at]
        if not line.strip(" "):
            continue
        key = _TEXT_KEY.fullmatch(line) if at != number else None
        if key is not None:
            column = len(key[1])
            entry = at if key[1].startswith("-") else _entry_start(lines, at)
            if entry is None or len(_ENTRY.match(lines[entry])[0]) != column:
                return None  # (a key of something inside the entry: an author's)
            return (entry, at) if least is None or least > column else None
        indent = len(line) - len(line.lstrip(" "))
        if indent == 0:
            return None  # (an entry's first line, or a line of no entry)
        least = indent if least is None else min(least, indent)
    return None


def _entry_start(lines: list[str], at: int) -> int | None:
    """The line (from 0) of the top-level entry that line `at` is in: the last before it that starts with "- "."""
    for before in range(at - 1, -1, -1):
        line = lines[before]
        if line[:1] == "-":
            return before if _ENTRY.match(line) else None
        if line[:1] not in ("", " ", "#"):
            return None
    return None
