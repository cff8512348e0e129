"""PDF bytes as booklet writes them -> where each object is, objects renumbered, text strings: what the assembly
of a build in parts (output.parallel) and the proofs' page copies (proofs.pagecopy) read and write without a PDF
library, the objects' bytes kept as they are."""

from __future__ import annotations

import re

REFERENCE = re.compile(rb"(\d+) 0 R\b")
_STARTXREF = re.compile(rb"startxref\s+(\d+)\s*%%EOF\s*$")
_SUBSECTION = re.compile(rb"(\d+) (\d+)[ \t]*\r?\n")
_ENTRY = re.compile(rb"(\d{10}) (\d{5}) ([nf])[ \r\n]{2}")
_TRAILER_KEYS = {key: re.compile(rb"/%s (\d+)%s" % (key.encode(), tail))
                 for key, tail in (("Root", rb" 0 R"), ("Info", rb" 0 R"), ("Size", rb"\b"))}


def cross_references(data: bytes) -> tuple[dict[int, int], dict[str, int]]:
    """A PDF with a classic cross-reference table -> (object number -> where it starts, the trailer's /Root, /Info
    and /Size); ValueError for anything else (a table as a stream, objects of another generation, no trailer)."""
    end = _STARTXREF.search(data[-64:])
    if end is None or not data.startswith(b"xref", int(end.group(1))):
        raise ValueError("no classic cross-reference table")
    at = int(end.group(1)) + 4
    trailer = data.find(b"trailer", at)
    if trailer < 0:
        raise ValueError("no trailer")
    table, offsets, position = data[at:trailer], {}, 0
    while True:
        while position < len(table) and table[position] in b" \r\n":
            position += 1
        header = _SUBSECTION.match(table, position)
        if header is None:
            break
        first, count = int(header.group(1)), int(header.group(2))
        position = header.end()
        for number in range(first, first + count):
            entry = _ENTRY.match(table, position)
            if entry is None:
                raise ValueError("a cross-reference entry not as written")
            if entry.group(3) == b"n":
                if int(entry.group(2)):
                    raise ValueError("an object of another generation")
                offsets[number] = int(entry.group(1))
            position = entry.end()
    if position < len(table) or not offsets:
        raise ValueError("a cross-reference table not as written")
    keys = {}
    for key, pattern in _TRAILER_KEYS.items():
        found = pattern.search(data, trailer)
        if found is None:
            raise ValueError(f"no /{key} in the trailer")
        keys[key] = int(found.group(1))
    return offsets, keys


def reader_spans(data: bytes, reader) -> dict[int, tuple[int, int]]:
    """object_spans, from where pypdf's `reader` (of `data`) found each object; ValueError for a PDF whose objects
    are in streams (their bytes are not in the file as written)."""
    offsets = dict(reader.xref.get(0, {}))
    if not offsets or reader.xref_objStm:
        raise ValueError("not a classic PDF (objects in streams); cannot copy its objects byte for byte")
    return object_spans(data, offsets)


def object_spans(data: bytes, offsets: dict[int, int]) -> dict[int, tuple[int, int]]:
    """Object number -> (start, end) of its bytes, from where the cross-reference table says each starts (`offsets`):
    up to the next object or the table; ValueError where an object is not where the table says."""
    match = _STARTXREF.search(data[-64:])
    if match is None:
        raise ValueError("no startxref at the end of the PDF")
    ordered = sorted(offsets.items(), key=lambda item: item[1])
    ends = [offset for _, offset in ordered[1:]] + [int(match.group(1))]
    spans = {}
    for (number, start), end in zip(ordered, ends):
        if not data.startswith(b"%d 0 obj" % number, start):
            raise ValueError(f"object {number} is not where the cross-reference table says")
        spans[number] = (start, end)
    return spans


def shifted_raw(raw: bytes, number: int, shift: int) -> bytes:
    """Raw object bytes renumbered by `shift` (its own number and references in its dictionary; stream data
    untouched)."""
    head, marker, body = bytes(raw).partition(b"stream")
    head = REFERENCE.sub(lambda m: b"%d 0 R" % (int(m.group(1)) + shift), head)
    prefix = b"%d 0 obj" % number
    assert head.startswith(prefix)
    return b"%d 0 obj" % (number + shift) + head[len(prefix):] + marker + body


def pdf_text(text: str) -> bytes:
    """A PDF text string: a literal when it is printable ASCII, else UTF-16 with a byte order mark, in hex."""
    if text.isascii() and text.isprintable():
        return b"(" + text.encode("ascii").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode("ascii") + b">"
