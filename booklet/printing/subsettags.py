"""Subset tags: the six capital letters and '+' before the name of a font subset (ISO 32000-1, 9.6.4), which must
differ between different subsets in one PDF.

ReportLab tags subset n of every font SUBSETN(n) ('AAAAAA' for the first): two PDFs it made both hold an
'AAAAAA+NotoSans-Regular', with different glyphs. Where such fonts meet in one file (a supplied PDF page placed in
the booklet, a proof's marks drawn on a booklet page), a RIP or preflight tool that matches fonts by name may print
one subset's glyphs with the other's codes. Fonts booklet brings in from elsewhere are tagged here instead, by a
hash of their font program: the same program always gets the same tag (the same input gives the same bytes), and
the first letter is one SUBSETN never writes (it writes only A-G, I-K), so the tag is never one of ReportLab's.
"""

from __future__ import annotations

import hashlib
import io
import re

_FIRST = b"LMNOPQRSTUVWXYZ"  # letters SUBSETN (digits -> 'ABCDEFGIJK') never writes
_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_TAGGED = re.compile(rb"/[A-Z]{6}\+")


def subset_tag(program: bytes) -> bytes:
    """Six capital letters from a hash of `program` (a font program's bytes), the first not one ReportLab uses."""
    number = int.from_bytes(hashlib.sha256(program).digest()[:8], "big")
    letters = [_FIRST[number % len(_FIRST)]]
    number //= len(_FIRST)
    for _ in range(5):
        letters.append(_LETTERS[number % 26])
        number //= 26
    return bytes(letters)


def is_tagged(name: bytes) -> bool:
    """Whether a PDF name as written ('/ABCDEF+Font') is a subset's, tagged."""
    return _TAGGED.match(name) is not None


def retagged(name: bytes, program: bytes) -> bytes:
    """A tagged name as written ('/AAAAAA+NotoSans-Regular') with the tag made from `program`; the rest kept."""
    return b"/" + subset_tag(program) + name[7:] if is_tagged(name) else name


def retag_pdf(data: bytes) -> bytes:
    """A PDF with a classic cross-reference table (as ReportLab writes one) with each subset font's tag, in its
    font dictionaries' /BaseFont and its descriptor's /FontName, made from its font program (subset_tag). The
    new tag has as many bytes as the old: every object stays where the cross-reference table says it is."""
    from pypdf import PdfReader
    from pypdf.generic import ArrayObject, DictionaryObject, StreamObject

    from ..output.rawpdf import reader_spans

    reader = PdfReader(io.BytesIO(data))
    spans = reader_spans(data, reader)
    out = bytearray(data)

    def program(font) -> bytes | None:
        font = font.get_object()
        if font.get("/Type") == "/FontDescriptor":
            for key in ("/FontFile2", "/FontFile", "/FontFile3"):
                stream = font.get(key)
                stream = stream.get_object() if stream is not None else None
                if isinstance(stream, StreamObject):
                    return stream._data  # as encoded in the file
            return None
        if "/FontDescriptor" in font:
            return program(font["/FontDescriptor"])
        descendants = font.get("/DescendantFonts")
        descendants = descendants.get_object() if descendants is not None else None
        if isinstance(descendants, ArrayObject) and descendants:
            return program(descendants[0])
        return None

    for number, (start, end) in spans.items():
        found = reader.get_object(number)
        if not isinstance(found, DictionaryObject) or isinstance(found, StreamObject):
            continue
        key = {"/Font": b"/BaseFont", "/FontDescriptor": b"/FontName"}.get(found.get("/Type"))
        name = found.get(key.decode()) if key is not None else None
        if name is None:
            continue
        name = str(name).encode("latin-1")
        made = program(found)
        if not is_tagged(name) or made is None:
            continue
        pattern = re.compile(re.escape(key) + rb"(\s*)" + re.escape(name) + rb"(?![^\s/\[\]<>(){}%])")
        match = pattern.search(data, start, end)
        if match is None:
            continue
        at = match.end() - len(name)
        out[at:match.end()] = retagged(name, made)
    return bytes(out)
