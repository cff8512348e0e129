"""A data folder -> a warning at each value still `booklet init`'s example: a text, a name, an email of the example
conference (data.example.EXAMPLE, where init takes them from) and each image that is one init wrote, byte for byte
(data.example.example_images), under whatever name; and an entry's `language` left from the example's entry.

A file is read again, to find each value's line and key, only when it holds one of them: told by the model's entries
(abstracts, tutorials, posters, participants, people) for their files, by its text for conference.yaml and
programme.yaml (a long abstracts.yaml's text took a tenth of a second to search). For nearly every folder, none is."""

from __future__ import annotations

import dataclasses
import hashlib
import os
from functools import cache
from pathlib import Path

from ..data.contract import FILES, NAMES, File, Record, file_for
from ..model import Booklet
from ..problems import Problem
from ..data.example import COMMON

REPLACE = "replace or remove it before printing"


def check_example(booklet: Booklet, folder: Path | None, holders: tuple[set[str], set[int]] | None = None
                  ) -> list[Problem]:
    """A warning (kind "example") for each file and key whose value is still init's example. `holders`: what
    example_holders gives, when the caller has it (lint.again: the last lint's, the edited abstracts looked again at)."""
    if folder is None:
        return []
    folder = Path(folder)
    texts = _example()[0]  # (a name is the example's only beside one of these: a file without them has none)
    pictures = _example_pictures(booklet)
    entries = [*booklet.abstracts, *booklet.tutorials, *booklet.posters, *booklet.participants, *booklet.people]
    kept = {entry.source.file for entry in entries if entry.source is not None}  # files whose entries it keeps
    others, abstracts = holders if holders is not None else example_holders(booklet, pictures)
    holding = others | {booklet.abstracts[at].source.file for at in abstracts}
    needles = [value.split("\n", 1)[0][:30] for value in texts] + [path.name for path in pictures]
    problems = []
    for name, spec in _data_files(folder):
        if name in kept:
            if name not in holding:
                continue
        else:  # conference.yaml, programme.yaml: its text searched (a long abstracts.yaml took a tenth of a second)
            try:
                text = (folder / name).read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            if not any(needle in text for needle in needles):
                continue
        problems += _Walk(folder, name, pictures).file(spec)
    return problems


def example_holders(booklet: Booklet, pictures: dict[Path, str] | None = None, abstracts=None
                    ) -> tuple[set[str], set[int]]:
    """(the files of the entries but abstracts that hold one of init's example texts or images, the places in
    booklet.abstracts of the abstracts that hold one); of the abstracts at the places `abstracts` holds alone, with no
    file, when it is given. `pictures`: _example_pictures(booklet), when the caller has it."""
    texts = _example()[0]
    pictures = _example_pictures(booklet) if pictures is None else pictures
    places = range(len(booklet.abstracts)) if abstracts is None else abstracts
    found = {at for at in places if booklet.abstracts[at].source is not None
             and _holds(booklet.abstracts[at], texts, pictures)}
    if abstracts is not None:
        return set(), found
    entries = [*booklet.tutorials, *booklet.posters, *booklet.participants, *booklet.people]
    held = {entry.source.file for entry in entries if entry.source is not None and _holds(entry, texts, pictures)}
    return held, found


def _holds(value, texts: frozenset[str], pictures: dict[Path, str]) -> bool:
    """Whether an entry of the model (an abstract, a poster, ... and the people in it) holds one of init's example
    texts or images: its file is read again to find where. Walked with a list of what is left to look at, each
    dataclass's fields named once per class (_looked_at): a 2,000-talk book's 165,000 values took 0.11 s of CPU
    through a generator and dataclasses.fields per value, most of lint's example check."""
    left = [value]
    while left:
        value = left.pop()
        if isinstance(value, str):
            if value.strip() in texts:
                return True
        elif isinstance(value, (tuple, list)):
            left += value
        elif isinstance(value, Path):
            if Path(os.path.realpath(value)) in pictures:
                return True
        else:
            left += [getattr(value, name) for name in _looked_at(type(value))]
    return False


@cache
def _looked_at(kind: type) -> tuple[str, ...]:
    """The fields _holds looks at in a value of class `kind`: a dataclass's but its `source`; none of another's."""
    if not dataclasses.is_dataclass(kind):
        return ()
    return tuple(f.name for f in dataclasses.fields(kind) if f.name != "source")


def _data_files(folder: Path):
    """(name, File) of each YAML data file the folder has that may hold the example's content (theme.yaml holds the
    booklet's look and words, no conference's: not it)."""
    for spec in FILES:
        if not spec.schema or spec.name == "theme.yaml":
            continue
        for path in sorted(folder.glob(spec.name)):
            if path.is_file():
                yield path.relative_to(folder).as_posix(), spec


@cache
def _example() -> tuple[frozenset[str], frozenset[str], dict[str, frozenset[str]]]:
    """(every text and email of init's example conference that is its own (not one of example.COMMON's) and no
    name, its names (contract.NAMES), record name -> the `language` its entries give)."""
    from ..data.example import EXAMPLE

    texts: set[str] = set()
    names: set[str] = set()
    languages: dict[str, set[str]] = {}
    for name, value in EXAMPLE.items():
        spec = file_for(name)
        if spec.name == "theme.yaml":
            continue
        for entry, record, key, item in _leaves(value, (spec.record,), spec.many):
            kind = record[key].type
            if kind == "language" and record.name != "conference":
                languages.setdefault(record.name, set()).add(item)
            elif kind in ("text", "texts", "email") and not common(record, key, entry):
                (names if key in NAMES.get(record.name, ()) else texts).update(_strings(item))
    return frozenset(texts), frozenset(names), {name: frozenset(tags) for name, tags in languages.items()}


@cache
def _example_digests() -> dict[tuple[int, str], str]:
    """(size, sha256) of each image init writes -> its name in init's folder."""
    from ..data.example import example_images

    return {(len(data), hashlib.sha256(data).hexdigest()): name for name, data in example_images().items()}


def _example_pictures(booklet: Booklet) -> dict[Path, str]:
    """The real path of each image the data names that is one init wrote -> that one's name in init's folder."""
    digests = _example_digests()
    sizes = {size for size, _ in digests}
    found = {}
    for path in booklet.image_sources:
        try:
            if os.path.getsize(path) not in sizes:
                continue
            data = Path(path).read_bytes()
        except OSError:
            continue
        name = digests.get((len(data), hashlib.sha256(data).hexdigest()))
        if name is not None:
            found[Path(os.path.realpath(path))] = name
    return found


def common(record: Record, key: str, entry) -> bool:
    """Whether init's value for `key` is a word any conference may write (example.COMMON); a programme item's
    title is, but for a talk's or tutorial's (its short form of the example's own title)."""
    if record.name == "item" and key == "title" and ("talk" in entry or "tutorial" in entry):
        return False
    return key in COMMON.get(record.name, ())


def _strings(value) -> list[str]:
    values = value if isinstance(value, list) else [value]
    return [v.strip() for v in values if isinstance(v, str) and v.strip()]


def _leaves(value, records: tuple[Record, ...], many: bool):
    """(mapping, its Record, key, value) for every key of the document that is no record or list of records."""
    if many:
        for item in value if isinstance(value, list) else ():
            yield from _leaves(item, records, False)
        return
    if not isinstance(value, dict):
        return
    record = next((r for r in records if r.tag and r.tag in value), None) or next(
        (r for r in records if not r.tag), records[0])
    for key, item in value.items():
        if not isinstance(key, str) or key not in record:
            continue
        spec = record[key]
        if spec.type in ("record", "records"):
            yield from _leaves(item, spec.records, spec.type == "records")
        else:
            yield value, record, key, item


class _Walk:
    """One data file read again, each value of init's example found in it with its line and key."""

    def __init__(self, folder: Path, name: str, pictures: dict[Path, str]):
        self.folder, self.name, self.pictures = folder, name, pictures
        self.texts, self.names, self.languages = _example()

    def file(self, spec: File) -> list[Problem]:
        from ..data.load import load_file

        document = load_file(self.folder / self.name, self.name, [])
        if document is None:
            return []
        if spec.many:
            if not isinstance(document, list):
                return []
            return [p for index, item in enumerate(document) for p in self.entry(item, (spec.record,), f"[{index}]")]
        return self.entry(document, (spec.record,), "")

    def entry(self, value, records: tuple[Record, ...], path: str) -> list[Problem]:
        if not isinstance(value, dict):
            return []
        record = next((r for r in records if r.tag and r.tag in value), None) or next(
            (r for r in records if not r.tag), records[0])
        problems, own, names = [], [], []  # (own: this mapping's values of the example, but names)
        for key, item in value.items():
            if not isinstance(key, str) or key not in record:
                continue
            spec, at = record[key], f"{path}.{key}" if path else key
            if spec.type == "record":
                problems += self.entry(item, spec.records, at)
            elif spec.type == "records":
                for index, one in enumerate(item if isinstance(item, list) else ()):
                    problems += self.entry(one, spec.records, f"{at}[{index}]")
            elif spec.type in ("text", "texts", "email") and not common(record, key, value):
                name = key in NAMES.get(record.name, ())
                found = next((text for text in _strings(item) if text in (self.names if name else self.texts)), None)
                if found is not None:
                    (names if name else own).append(self.problem(value, key, at, f"'{_shown(found)}' is booklet "
                                                                                 "init's example"))
            elif spec.type in ("image", "file") and isinstance(item, str) and item.strip():
                name = self.pictures.get(Path(os.path.realpath(self.folder / item.strip())))
                if name is not None:
                    also = f" ({name})" if name != item.strip() else ""
                    own.append(self.problem(value, key, at, f"{item.strip()} is booklet init's example image{also}"))
        if own:  # a name beside a value of the example's own: its person (a name alone may be anyone's)
            problems += names + own
        language = value.get("language")
        if (problems and isinstance(language, str) and "language" in record and record.name != "conference"
                and language in self.languages.get(record.name, ())):
            at = f"{path}.language" if path else "language"
            problems.append(self.problem(value, "language", at, f"'{language}' is the language of booklet init's "
                                         f"example {record.name}, and this {record.name} is still partly that example"))
        return sorted(problems, key=lambda p: p.line)

    def problem(self, mapping, key: str, at: str, said: str) -> Problem:
        line = getattr(mapping, "lines", {}).get(key) or getattr(mapping, "line", 0)
        return Problem(self.name, line, at, f"{said}: {REPLACE}", "warning", "example")


def _shown(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 40 else text[:40].rstrip() + "\u2026"
