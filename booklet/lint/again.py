"""The last lint of a data folder, kept in the disk cache -> a new process's lint, after abstracts' texts or titles
alone were edited, runs again only what such an edit can change; after comment lines alone were added or taken out,
runs nothing again but what may name a line that moved.

A LOC corrects an abstract and builds again (or makes the proofs): the new process linted the whole book again, some
0.3 s of CPU at 500 talks and 1,000 posters, for warnings that nearly all stay as they were. The note kept (one per
data folder and page) holds

- the key of everything lint reads but abstracts.yaml's bytes: booklet's code and resources, the libraries, the page,
  every other data file's bytes, what reading says of the files' names, each image's and font's identity, and the one
  thing besides each abstract's own length that lint reads of the texts: whether the abstracts flow (`layout: auto`
  flows them when most are short);
- abstracts.yaml's text as it was linted;
- each check's findings (lint.parts), the abstracts' lengths by abstract (fit.lengths_by_abstract), which entries hold
  init's example values (example.example_holders), and a hash of each abstract's text and of its title as read
  (_digests);
- the key of the data read (cache.built.Inputs.data: every data file's bytes), the key of what lint reads but the data
  files' bytes (their names kept), and the text of every other data file.

A lint takes the note when the key is the same and abstracts.yaml differs from the text kept only inside the
`abstract: |` (or `>`) block texts of the file's entries and in their `title:` lines (the lines that are in no such
text the same, in the same order, but titles that end on their lines, _one_line: each line that differs, or is added
or removed, is blank or indented deeper than the key whose text it is in, after it and before the entry's next key, or
is a title's), and the abstracts whose texts and titles differ from those it read are the entries of those blocks and
lines alone (not one that takes its text from another's, `<<: *anchor`): every key and every other value is as it was,
on the line it was on or, when an edit added or removed lines (a sentence on a line of its own, a paragraph), on a
line as many lines further. So every check that reads no abstract's text (all but lint.READS_TEXT), nor its title when
one was edited (lint.READS_TITLES), finds what it found, each finding at its line now (_Moves.placed); a check one of
whose findings cannot be placed so (its message names a line that moved: "first at abstracts.yaml:812") runs again, as
do the checks that read texts (and titles), the lengths for the abstracts edited alone (one abstract's length does not
depend on the others' texts and titles), the example's looking again at the abstracts edited alone.

A comment line added since (or taken out, or a blank line): the booklet read now equal to what the note's lint read
in all but where its values are written (the caller's to tell: a build's proofs compare the model with the one the
last build kept, cache.built.read_alike), and every data file differing from the text the note keeps of it only in
lines that are blank or a comment alone (the other lines the same, in the same order: _written), each finding is the
note's, at the line its line is on now (_Relined), but those of a check one of whose findings cannot be placed so:
on a blank or comment line, a message holding a number from the first line that moved on (a line it names may have
moved: "named already, at line 9"), or findings in two files, lines of one of which moved (a check may order them
by line). Those checks run again.

Any other edit (an author, a comment between entries without the model compared, a key's value written over lines)
lints the whole book, as a build without the note does. Either way the note is kept for the next lint. The findings
are those of a whole lint of the same data, in the same order, at the same lines.
"""

from __future__ import annotations

import hashlib
import os
import re
from bisect import bisect_left
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple

from ..cache import disk
from ..data.locate import Lines
from ..problems import Problem

KIND = "linted"
ABSTRACTS = "abstracts.yaml"

# the key of a top-level entry's text as a block scalar, without an anchor, a tag or a comment: its indentation (or
# "- " and it, the entry's first key), then `abstract:` and the block's indicators
_TEXT_KEY = re.compile(r"(-[ ]+|[ ]+)abstract:[ ]*[|>][1-9+-]{0,2}[ ]*")
_ENTRY = re.compile(r"-[ ]+(?=[^ #])")  # a top-level entry's first line: its "- " and its first key's column
_TITLE_KEY = re.compile(r"(-[ ]+|[ ]+)title:[ ]+(\S.*)")  # a top-level entry's title on its key's line (_retitled)
_ESCAPE = re.compile(r"\\.")  # an escape in double quotes: a backslash and what it escapes
_OTHER_BREAKS = ("\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")  # YAML's or Python's


def lint_again(booklet, page, folder: Path | None, started: int | None = None, read: str | None = None,
               alike: str | None = None) -> list[Problem]:
    """lint(booklet, page, folder), taking from the last lint of `folder` at `page` what an edit to abstracts' texts
    or titles alone cannot change (see the module's docstring); the note kept for the next (the disk cache on).
    `started`: when reading the booklet began (time.time_ns()): no note is kept when a file it stands for changed
    since (edited while the build ran: its findings are the booklet's as read, the note would hold them for the data
    as it is now). `read`: the key of the data read (cache.built.Inputs.data), kept in the note; `alike`: the key of
    data read before that `booklet` and reading's warnings are equal to in all but where values are written (a
    comment added since: cache.built.read_alike): when the note's lint read that data, each of its findings is taken,
    at its line now, where the data files differ from those it read only in blank and comment lines (_Relined)."""
    from ..layout.page import page_for
    from . import READS_TEXT, READS_TITLES, joined, lint, parts
    from .example import check_example, example_holders
    from .fit import lengths_by_abstract

    if folder is None or disk.folder() is None:
        return lint(booklet, page, folder)
    page = page_for(page) if isinstance(page, str) else page
    folder = Path(folder)
    text = _text(folder / ABSTRACTS)  # (before the files' identities are taken: an edit after it is seen there)
    context, changed, rest, texts = _context(booklet, page, folder) or (None, None, None, None)
    name = disk.key(KIND, os.path.realpath(folder), repr(page))
    note = disk.load(KIND, name, _Note, lasts=False) if context is not None and text is not None else None
    digests = _digests(booklet), _digests(booklet, "title")
    relined = _relined(note, alike, rest, text, texts) if note is not None and alike is not None else None
    changes = _edited(note, context, text, booklet, digests) if note is not None and relined is None else None
    edited, titled, moves = changes or (None, None, None)
    lines = _Told(folder, {} if edited is None else {booklet.abstracts[at].source.key: line
                                                     for at, line in edited.items()})
    if relined is not None:  # the data reads as the note's lint read it: its findings, each at its line now
        kept = {at: relined.placed([found]) for at, found in note.lengths}
        lengths = {at: placed[0] for at, placed in kept.items() if placed is not None}
        measured = {at for at, placed in kept.items() if placed is None}
        if measured:
            lengths = dict(sorted({**lengths, **lengths_by_abstract(booklet, page, lines, only=measured)}.items()))
        others, holding = note.holders
        taken = {check: placed for check, found in note.findings for placed in [relined.placed(found)]
                 if placed is not None}
    elif edited is None:
        lengths = lengths_by_abstract(booklet, page, lines)
        others, holding = example_holders(booklet)
        taken = {}
    else:
        kept = {at: moves.placed([found]) for at, found in note.lengths if at not in edited}
        measured = {*edited, *titled, *(at for at, placed in kept.items() if placed is None)}  # (or not placed)
        lengths = {at: placed[0] for at, placed in kept.items() if placed is not None}
        lengths = dict(sorted({**lengths, **lengths_by_abstract(booklet, page, lines, only=measured)}.items()))
        looked = edited.keys() | titled
        others, holding = note.holders[0], (note.holders[1] - looked) | example_holders(booklet, abstracts=looked)[1]
        run = READS_TEXT | READS_TITLES if titled else READS_TEXT
        taken = {check: placed for check, found in note.findings if check not in run
                 for placed in [moves.placed(found)] if placed is not None}
    taken |= {"lengths": list(lengths.values()), "example": check_example(booklet, folder, (others, holding))}
    found = parts(booklet, page, folder, taken, lines)
    if context is not None and text is not None and (started is None or changed < started):
        disk.store(KIND, name, _Note(context, text, found, tuple(lengths.items()), (others, holding), *digests, read,
                                     rest, texts))
    return joined(found)


class _Note(NamedTuple):
    """What a lint keeps for the next (see the module's docstring)."""

    context: str  # the key of everything lint reads but abstracts.yaml's bytes (_context)
    text: str  # abstracts.yaml's text as it was linted
    findings: list[tuple[str, list[Problem]]]  # each check's findings (lint.parts)
    lengths: tuple[tuple[int, Problem], ...]  # the lengths' warnings by abstract (fit.lengths_by_abstract's items)
    holders: tuple[set[str], set[int]]  # which entries hold init's example values (example.example_holders)
    text_digests: tuple[bytes, ...]  # the abstracts' texts' hashes (_digests)
    title_digests: tuple[bytes, ...]  # their titles' (_digests(booklet, "title"))
    read: str | None  # the key of the data read (cache.built.Inputs.data), or None
    rest: str | None  # the context's key but the data files' bytes (their names kept)
    texts: dict | None  # the text of each other data file


def _relined(note: _Note, alike: str, rest: str | None, text: str, texts: dict[str, str | None] | None
             ) -> _Relined | None:
    """Where the lines of the data files the note's lint read are now, when that lint read the data `alike` names (the
    booklet read now equal to what it read, but where values are written: lint_again's `alike`), everything else lint
    reads is as it was (`rest`: code, page, images and fonts, the files' names, whether the abstracts flow), and each
    data file differs from the text the note keeps of it only in lines that are blank or hold a comment alone (the
    other lines the same, in the same order); else None."""
    if note.read is None or note.read != alike or rest is None or note.rest != rest or texts is None:
        return None
    was, now = {ABSTRACTS: note.text, **note.texts}, {ABSTRACTS: text, **texts}
    if was.keys() != now.keys():
        return None
    moved = {}
    for file, old in was.items():
        new = now[file]
        if old is None or new is None:  # (not UTF-8, or lines broken otherwise: not told)
            return None
        if old == new:
            continue
        lines = _written(old), _written(new)
        if lines[0][1] != lines[1][1]:
            return None
        if lines[0][0] != lines[1][0]:
            moved[file] = (lines[0][0], lines[1][0])
    return _Relined(moved, was.keys())


def _written(text: str) -> tuple[list[int], list[str]]:
    """(the lines (from 0) of `text` that are neither blank nor a comment alone, those lines): where a comment line
    added or taken out moves nothing but the lines after it. (A line of a block text that starts with '#' is taken
    for a comment: where the text is the same, it is one of the file's lines that did not move.)"""
    lines = text.split("\n")
    at = [n for n, line in enumerate(lines) if line.strip(" \t")[:1] not in ("", "#")]
    return at, [lines[n] for n in at]


class _LineMap:
    """Where each line of the data files as the note's lint read them is now (_Relined, _Moves: `line(file, line)`,
    None where a line is nowhere now), and from which line (from 1) on one may be elsewhere (`first`, None when none
    is): the note's findings moved to their lines."""

    first: int | None

    def line(self, file: str, line: int) -> int | None:
        raise NotImplementedError

    def _may_name_moved(self, message: str) -> bool:
        """Whether `message` holds a number that may be a line that moved."""
        raise NotImplementedError

    def placed(self, found: list[Problem]) -> list[Problem] | None:
        """The findings `found` of one check of the note's lint, each at the line its place is on now; None when one
        cannot be told so (the check is run again): its line is nowhere now (a blank or comment line, an edited
        text's), or its message holds a number that may be a line that moved."""
        placed = []
        for problem in found:
            if self.first is not None and self._may_name_moved(problem.message):
                return None
            line = self.line(problem.file, problem.line)
            if line is None:
                return None
            placed.append(problem if line == problem.line else replace(problem, line=line))
        return placed


class _Relined(_LineMap):
    """Where each line of the data files as the note's lint read them is now (`moved`: file -> (the lines that are
    neither blank nor a comment then, those lines now): _written's), the files differing only in blank and comment
    lines."""

    def __init__(self, moved: dict[str, tuple[list[int], list[int]]], files=()):
        self.moved = moved
        self.still = tuple(f"{file}:" for file in files if file not in moved)  # "posters.yaml:12" names no line moved
        # the first line (from 1) of any file that is written elsewhere now (a number in a message may name it)
        firsts = [next((then + 1 for then, now in zip(*lines) if then != now), None) for lines in moved.values()]
        firsts = [first for first in firsts if first is not None]
        self.first = min(firsts) if firsts else None

    def line(self, file: str, line: int) -> int | None:
        """Where line `line` (from 1) of `file` is now; None when it is a blank or comment line, or none of the file's."""
        lines = self.moved.get(file)
        if lines is None or line < 1:
            return line
        at = bisect_left(lines[0], line - 1)
        return lines[1][at] + 1 if at < len(lines[0]) and lines[0][at] == line - 1 else None

    def placed(self, found: list[Problem]) -> list[Problem] | None:
        """_LineMap.placed; None too when the check's findings are in more than one file, lines of one of which moved
        (an order by line alone may not be theirs now). A number that may be a line that moved: "first at
        conference.yaml:12"."""
        files = {problem.file for problem in found}
        if len(files) > 1 and files & self.moved.keys():
            return None
        return super().placed(found)

    def _may_name_moved(self, message: str) -> bool:
        """Whether `message` holds a number that may be a line that moved: from `first` on, and not written as the
        line of a file none of whose lines moved."""
        return any((len(number[0]) > 9 or int(number[0]) >= self.first)
                   and not any(message.endswith(still, 0, number.start()) for still in self.still)
                   for number in _LINE_NUMBER.finditer(message))


_LINE_NUMBER = re.compile(r"(?<![A-Za-z_\d])\d+(?![A-Za-z_\d])")  # a number that is not part of a name ('t2', 'x1a')


def _context(booklet, page, folder: Path) -> tuple[str, int, str, dict[str, str | None]] | None:
    """(the key of everything lint reads but abstracts.yaml's bytes (see the module's docstring), the last time one of
    the files it stands for changed, abstracts.yaml too, the key of the same but every data file's bytes (their names
    kept), the text of each data file but abstracts.yaml (_text)); None when an image or font cannot be told."""
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
    said = code_and_said(folder)
    texts = {name: _text(path) for (name, _), (path, identity, _) in zip(files, found)
             if name != ABSTRACTS and identity is not None}
    return (disk.key(KIND, *said, repr(page), files, sources, flow), changed,
            disk.key(KIND, "rest", *said, repr(page), [name for name, _ in files], sources, flow), texts)


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


def _digests(booklet, field: str = "text") -> tuple[bytes, ...]:
    """A hash of each abstract's text (or other `field`: its title), in booklet.abstracts' order (the note's: which
    texts and titles a lint read)."""
    return tuple(hashlib.blake2b(getattr(a, field).encode("utf-8", "surrogatepass"), digest_size=16).digest()
                 for a in booklet.abstracts)


def _edited(note: _Note, context: str, text: str, booklet, digests: tuple[tuple[bytes, ...], tuple[bytes, ...]]
            ) -> tuple[dict[int, int], set[int], _Moves] | None:
    """(the places in booklet.abstracts of the abstracts whose texts differ from those the note's lint read, each
    with the line (from 1) of its `abstract:` key; those of the abstracts whose titles do; where the note's lines are
    now), when nothing else does (see the module's docstring); else None. `digests`: _digests(booklet) and
    _digests(booklet, "title"). Abstracts of abstracts/*.yaml may be there too: the note's key holds their files'
    bytes (an edit of them lints the whole book), so they are as the note's lint read them (the sample's five: every
    warm rebuild of it after a text edited in abstracts.yaml linted the whole book)."""
    if note.context != context or not isinstance(note.text, str) or len(note.text_digests) != len(digests[0]):
        return None
    changes = _edited_blocks(note.text, text, booklet)
    if changes is None or any({at for at, (was, is_) in enumerate(zip(kept, now)) if was != is_} - edited
                              for kept, now, edited in zip((note.text_digests, note.title_digests), digests,
                                                           (changes[0].keys(), changes[1]))):
        return None  # (a text or title changed outside the lines edited: an entry that merges another's, `<<: *a`)
    return changes


class _Moves(_LineMap):
    """Where each line of abstracts.yaml as the note's lint read it is now, an edit to abstracts' texts having
    added or removed lines: a line before `end` (from 0) where `within` says (None: a line of an edited text, which is
    nowhere now), else where it was; one from `end` on `by` lines further."""

    def __init__(self, end: int = 0, by: int = 0, within: dict[int, int | None] | None = None):
        self.end, self.by, self.within = end, by, within or {}
        moved = [at for at, now in self.within.items() if now is not None and now != at]
        # the first line (from 1) that is written elsewhere now; None when none is
        self.first = min(moved) + 1 if moved else (end + 1 if by else None)

    def line(self, file: str, line: int) -> int | None:
        """Where line `line` (from 1) of `file` as the note's lint read it is now (from 1): abstracts.yaml's moved, an
        edited text's nowhere (None), another file's where it was. (A number that may be a line that moved: "first at
        abstracts.yaml:812", "named already, at line 812", not "posters.yaml:812". No check sorts abstracts.yaml's
        findings by line among another file's but by file first, mentions.file_order: lines that all move alike keep
        their order.)"""
        if file != ABSTRACTS:
            return line
        if line - 1 in self.within:
            now = self.within[line - 1]
            return None if now is None else now + 1
        return line + self.by if line > self.end else line

    def _may_name_moved(self, message: str) -> bool:
        """Whether `message` holds a number from `first` on that is not written as another file's line."""
        for number in _NUMBER.finditer(message):
            if len(number[0]) > 9 or int(number[0]) >= self.first:
                at = number.start()
                if not message.endswith(".yaml:", 0, at) or message.endswith(f"{ABSTRACTS}:", 0, at):
                    return True
        return False


_NUMBER = re.compile(r"\d+")


def _edited_blocks(then: str, now: str, booklet) -> tuple[dict[int, int], set[int], _Moves] | None:
    """_edited's abstracts as the lines of abstracts.yaml tell them (`then` as the note's lint read it, `now`): those
    whose `abstract:` block texts differ, each with the line of its key, those whose `title:` lines do (_retitled),
    and where the lines are now; None when anything else differs (a line of no such block, another key or value, a
    comment between entries).
    The entries around the lines that differ are compared (from the first line that differs to the last, from the
    first line of the entry it is in to the next line an entry or the file's end is written from): the lines that
    are in no text the same (but titles), in the same order, each text's lines compared with its own, the words of
    each text edited those of its abstract's text as read."""
    if then == now:
        return {}, set(), _Moves()
    before, after = then.split("\n"), now.split("\n")
    size = min(len(before), len(after))
    first = next((at for at in range(size) if before[at] != after[at]), size)
    last = next((back for back in range(size - first) if before[-1 - back] != after[-1 - back]), size - first)
    start = _entry_start(before, first)
    if start is None:
        return None
    end, by = len(before) - last, len(after) - len(before)
    while end < len(before) and before[end][:1] in ("", " "):  # (to the next line no text can go on)
        end += 1
    shapes = _shape(before, start, end), _shape(after, start, end + by)
    if None in shapes or len(shapes[0][0]) != len(shapes[1][0]) or len(shapes[0][1]) != len(shapes[1][1]):
        return None
    if any(a.source is None for a in booklet.abstracts):
        return None
    in_file = [(a.source.line, at) for at, a in enumerate(booklet.abstracts) if a.source.file == ABSTRACTS]
    starts = dict(in_file)
    if len(starts) != len(in_file):
        return None
    titled = set()
    if [before[at] for at in shapes[0][0]] != [after[at] for at in shapes[1][0]]:
        for was, is_ in zip(shapes[0][0], shapes[1][0]):
            if before[was] != after[is_]:
                at = _retitled(before[was], after, is_, starts, booklet)
                if at is None:
                    return None
                titled.add(at)
    within = dict(zip(shapes[0][0], shapes[1][0]))
    edited = {}
    for (_, _, was), (entry, key, is_) in zip(shapes[0][1], shapes[1][1]):
        if before[was.start:was.stop] == after[is_.start:is_.stop]:
            within.update(zip(was, is_))
            continue
        at = starts.get(entry + 1)
        if at is None or "\n".join(after[is_.start:is_.stop]).split() != booklet.abstracts[at].text.split():
            return None  # (lines that look like a text's but are not: within a title in quotes over several lines)
        edited[at] = key + 1
        within.update(dict.fromkeys(was))
    return edited, titled, _Moves(end, by, within)


def _retitled(was: str, lines: list[str], at: int, starts: dict[int, int], booklet) -> int | None:
    """The place in booklet.abstracts of the abstract whose title line `at` of `lines` (from 0; `was` before) is, when
    both are a top-level entry's `title:` key and a title that ends on its line (_one_line), and the title written
    there is that abstract's as read; else None. (`starts`: the places of the abstracts by the lines they start on.
    A line that looks like a title's may be within another value in quotes over several lines, an author's name:
    `- name: "` then `  title: Ann Lee"`, which the checks of names read.)"""
    old, new = _TITLE_KEY.fullmatch(was), _TITLE_KEY.fullmatch(lines[at])
    if old is None or new is None or old[1] != new[1] or not (_one_line(old[2]) and _one_line(new[2])):
        return None
    entry = at if lines[at][:1] == "-" else _entry_start(lines, at)
    if entry is None or len(_ENTRY.match(lines[entry])[0]) != len(new[1]):
        return None  # (a key of something inside the entry)
    found = starts.get(entry + 1)
    if found is None or _scalar(new[2]).split() != booklet.abstracts[found].title.split():
        return None
    return found


def _scalar(value: str) -> str:
    """The text YAML reads of `value`, a scalar that ends on its line (_one_line), as the data's reading keeps it (the
    scalar's own text, whatever type it would be: `2024`); "" when YAML reads none (a stray quote)."""
    import yaml

    from ..data.load import yaml_loader

    try:
        node = yaml.compose(value, Loader=yaml_loader())
    except yaml.YAMLError:
        return ""
    return node.value if isinstance(node, yaml.ScalarNode) else ""


def _one_line(value: str) -> bool:
    """Whether `value`, written after a key, is a text that ends on its line, in quotes or not, and no anchor, alias,
    tag, block or flow collection: an edit to it changes that text alone (what a title in quotes left open would take
    in, the lines after it, is another's)."""
    value = value.rstrip(" ")
    if value[:1] == "'":
        return len(value) > 1 and value[-1] == "'" and "'" not in value[1:-1].replace("''", "")
    if value[:1] == '"':
        inner = _ESCAPE.sub("", value[1:-1])
        return len(value) > 1 and value[-1] == '"' and '"' not in inner and "\\" not in inner
    return value[:1] not in ("", *"&!*|>[]{}%@`#,?:-")


def _shape(lines: list[str], start: int, end: int) -> tuple[list[int], list[tuple[int, int, range]]] | None:
    """The lines (from 0) from `start` (an entry's first line) to `end` that are in no top-level entry's `abstract:`
    block text, and (the entry's first line, the key's, the text's lines) of each such text there; None when a line
    there is in no top-level entry (the file is no list of entries). A block text's lines are those after its key that
    are blank or indented deeper than it (YAML's: the first less indented ends it)."""
    others, texts, column, at = [], [], None, start
    while at < end:
        line = lines[at]
        if line[:1] == "-":
            entry = _ENTRY.match(line)
            if entry is None:
                return None
            column, first = len(entry[0]), at
        elif line[:1] not in ("", " ", "#") or column is None:
            return None
        others.append(at)
        key = _TEXT_KEY.fullmatch(line)
        at += 1
        if key is not None and len(key[1]) == column:
            text = at
            while at < end and (not lines[at].strip(" ") or len(lines[at]) - len(lines[at].lstrip(" ")) > column):
                at += 1
            texts.append((first, text - 1, range(text, at)))
    return others, texts


def _entry_start(lines: list[str], at: int) -> int | None:
    """The line (from 0) of the top-level entry that line `at` is in: the last before it that starts with "- "."""
    for before in range(at - 1, -1, -1):
        line = lines[before]
        if line[:1] == "-":
            return before if _ENTRY.match(line) else None
        if line[:1] not in ("", " ", "#"):
            return None
    return None
