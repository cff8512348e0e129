"""A PDF read once -> small standalone PDFs holding copies of some of its pages, byte for byte, with an overlay on top.

Why not pypdf's PdfWriter: it clones and re-serialises every font, image and content stream of
every page it copies (about 9 ms a page); a conference of 2,000 talks would spend longer writing
its proofs than building its booklet. Here pypdf only *reads* the booklet (where each object is,
what each page refers to); a copy is the booklet's own object bytes, cut out of the file once
and written again unchanged under their own object numbers (the cross-reference table lists just
the objects a copy holds). So a copied page's content stream, fonts and images are the booklet's,
byte for byte: same position, same line breaks, same glyphs.

Overlay forms (drawn by ReportLab into a second PDF) go on top of a copied page, drawn after the
page's own content (which is wrapped in q/Q so that nothing it leaves set can move them).
Link annotations are left out: their targets are not in the copy.
"""

from __future__ import annotations

import io
import re
import zlib
from dataclasses import dataclass

from pypdf import PdfReader
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    NumberObject,
    PdfObject,
    StreamObject,
    TextStringObject,
)

# Page keys a copy does not carry over: the page tree it hangs in, and links into the booklet.
_DROPPED_PAGE_KEYS = ("/Parent", "/Annots", "/Contents", "/Resources", "/StructParents", "/B")
OVERLAY_NAME = "/BookletProof"
_REFERENCE = re.compile(rb"(\d+) 0 R\b")
_STARTXREF = re.compile(rb"startxref\s+(\d+)\s*%%EOF\s*$")


class PdfObjects:
    """A classic (PDF 1.4) file read once: each object's raw bytes, and what each object refers to."""

    def __init__(self, data: bytes):
        self.data = data
        self.reader = PdfReader(io.BytesIO(data))
        self.size = int(self.reader.trailer["/Size"])
        self._spans = _object_spans(data, self.reader)
        self._closures: dict[int, frozenset[int]] = {}

    def raw(self, number: int) -> bytes:
        """Object `number` exactly as written in the file ('N 0 obj ... endobj')."""
        start, end = self._spans[number]
        return self.data[start:end]

    def closure(self, value, skip: tuple[str, ...] = ()) -> set[int]:
        """Every object number `value` refers to, directly or through other objects (dict keys in `skip` not followed)."""
        found: set[int] = set()
        for number in _references(value, skip):
            found |= self._object_closure(number)
        return found

    def _object_closure(self, number: int) -> frozenset[int]:
        known = self._closures.get(number)
        if known is not None:
            return known
        self._closures[number] = frozenset({number})  # a reference cycle ends here
        found = {number}
        for inner in _references(self.reader.get_object(number), ("/Parent", "/P")):
            found |= self._object_closure(inner)
        self._closures[number] = frozenset(found)
        return self._closures[number]


def _object_spans(data: bytes, reader: PdfReader) -> dict[int, tuple[int, int]]:
    """Object number -> (start, end) of its bytes: from its offset up to the next object or the xref table."""
    offsets = dict(reader.xref.get(0, {}))
    if not offsets or reader.xref_objStm:
        raise ValueError("not a classic PDF (objects in streams); cannot copy its pages byte for byte")
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


def _references(value, skip: tuple[str, ...] = ()):
    """Object numbers referred to inside a direct value (dicts and arrays walked, references not followed)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            yield item.idnum
        elif isinstance(item, dict):  # DictionaryObject and StreamObject
            stack.extend(v for k, v in dict.items(item) if k not in skip)
        elif isinstance(item, list):
            stack.extend(item)


def shifted(value, shift: int):
    """A copy of a direct value with every reference's object number raised by `shift`."""
    if isinstance(value, IndirectObject):
        return IndirectObject(value.idnum + shift, 0, None)
    if isinstance(value, StreamObject):
        raise TypeError("streams are copied as raw bytes, not rebuilt")
    if isinstance(value, dict):
        return DictionaryObject({k: shifted(v, shift) for k, v in dict.items(value)})
    if isinstance(value, list):
        return ArrayObject(shifted(v, shift) for v in value)
    return value


def shifted_raw(raw: bytes, number: int, shift: int) -> bytes:
    """Raw object bytes renumbered by `shift` (its own number and references in its dictionary; stream data untouched)."""
    head, marker, body = raw.partition(b"stream")
    head = _REFERENCE.sub(lambda m: b"%d 0 R" % (int(m.group(1)) + shift), head)
    prefix = b"%d 0 obj" % number
    assert head.startswith(prefix)
    return b"%d 0 obj" % (number + shift) + head[len(prefix):] + marker + body


def serialise(value: PdfObject) -> bytes:
    out = io.BytesIO()
    value.write_to_stream(out)
    return out.getvalue()


@dataclass
class PdfFile:
    """A PDF being assembled: objects kept under their numbers, new ones numbered from `next_number` up."""

    next_number: int
    version: bytes = b"1.4"

    def __post_init__(self):
        self.objects: dict[int, bytes] = {}

    def put_raw(self, number: int, raw: bytes) -> None:
        """An object as complete bytes ('N 0 obj ... endobj'), under its own number."""
        self.objects[number] = raw

    def put(self, number: int, body: bytes) -> None:
        self.objects[number] = b"%d 0 obj\n" % number + body + b"\nendobj\n"

    def add(self, body: bytes) -> int:
        number = self.next_number
        self.next_number += 1
        self.put(number, body)
        return number

    def add_stream(self, dictionary: dict, data: bytes) -> int:
        entries = DictionaryObject({NameObject(k): v for k, v in dictionary.items()})
        entries[NameObject("/Length")] = NumberObject(len(data))
        return self.add(serialise(entries) + b"\nstream\n" + data + b"\nendstream")

    def to_bytes(self, root: int, info: int | None = None) -> bytes:
        """The file: header, objects in number order, a cross-reference table listing only them, trailer."""
        parts = [b"%PDF-" + self.version + b"\n%\xe2\xe3\xcf\xd3\n"]
        position = len(parts[0])
        offsets = {}
        for number in sorted(self.objects):
            offsets[number] = position
            parts.append(self.objects[number])
            position += len(self.objects[number])
        parts.append(_xref_table(offsets))
        trailer = b"<< /Size %d /Root %d 0 R" % (max(offsets) + 1, root)
        if info is not None:
            trailer += b" /Info %d 0 R" % info
        parts.append(b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % position)
        return b"".join(parts)


def _xref_table(offsets: dict[int, int]) -> bytes:
    """A cross-reference table with one subsection per run of consecutive object numbers."""
    lines = [b"xref\n0 1\n0000000000 65535 f \n"]
    numbers = sorted(offsets)
    run_start = 0
    for i in range(1, len(numbers) + 1):
        if i == len(numbers) or numbers[i] != numbers[i - 1] + 1:
            run = numbers[run_start:i]
            lines.append(b"%d %d\n" % (run[0], len(run)))
            lines.extend(b"%010d 00000 n \n" % offsets[n] for n in run)
            run_start = i
    return b"".join(lines)


@dataclass(frozen=True)
class _PageParts:
    """What a copy of one booklet page needs, worked out once however many proofs hold the page."""

    number: int  # the page object's number, kept in the copy
    entries: DictionaryObject  # the page's own keys, less those a copy does not carry
    resources: DictionaryObject  # its resources, fonts and XObjects cut to those its content uses
    contents: tuple[IndirectObject, ...]
    dependencies: tuple[int, ...]  # every object the copy must hold, in number order


@dataclass(frozen=True)
class Placed:
    """A form of the overlay PDF, drawn on a copied page moved by (x, y) points."""

    form: str
    x: float = 0.0
    y: float = 0.0


class PageCopier:
    """Copies of a booklet's pages with forms of an overlay PDF drawn on top.

    The overlay PDF's first page must draw every form once (so that its resources name them all);
    its forms are copied raw too, renumbered above the booklet's objects.
    """

    def __init__(self, booklet_pdf: bytes, overlay_pdf: bytes):
        self.booklet = PdfObjects(booklet_pdf)
        self.overlay = PdfObjects(overlay_pdf)
        self.shift = self.booklet.size  # overlay objects are numbered above every booklet object
        self.first_new = self.booklet.size + self.overlay.size
        self.forms = _form_numbers(self.overlay.reader.pages[0])
        self._overlay_raw: dict[int, bytes] = {}
        self._overlay_closures: dict[int, tuple[int, ...]] = {}
        self._parts: dict[int, _PageParts] = {}
        self._language = self.booklet.reader.trailer["/Root"].get("/Lang")

    def copy(self, pages: list[tuple[int, list[Placed]]], title: str = "") -> bytes:
        """A PDF of booklet pages (0-based indices), each with its overlay forms drawn on top."""
        pdf = PdfFile(self.first_new, self.booklet.reader.pdf_header[5:].encode() or b"1.4")
        tree = pdf.next_number
        pdf.next_number += 1
        begin = pdf.add_stream({}, b"q\n")
        kids = [self._copy_page(pdf, index, placed, tree, begin) for index, placed in pages]
        pdf.put(tree, b"<< /Type /Pages /Kids [%s] /Count %d >>"
                % (b" ".join(b"%d 0 R" % k for k in kids), len(kids)))
        catalog = DictionaryObject({NameObject("/Type"): NameObject("/Catalog"),
                                    NameObject("/Pages"): IndirectObject(tree, 0, None)})
        if self._language is not None:
            catalog[NameObject("/Lang")] = self._language
        root = pdf.add(serialise(catalog))
        info = pdf.add(serialise(DictionaryObject({
            NameObject("/Title"): TextStringObject(title),
            NameObject("/Producer"): TextStringObject("booklet"),
        })))
        return pdf.to_bytes(root, info)

    def _copy_page(self, pdf: PdfFile, index: int, placed: list[Placed], tree: int, begin: int) -> int:
        parts = self._page_parts(index)
        for dependency in parts.dependencies:
            pdf.put_raw(dependency, self.booklet.raw(dependency))
        names: dict[str, str] = {}
        code = [b"\nQ\n"]  # the page's own content ends here, its graphics state restored
        for item in placed:
            name = names.setdefault(item.form, f"{OVERLAY_NAME}{len(names)}")
            code.append(b"q 1 0 0 1 %s %s cm %s Do Q\n" % (_number(item.x), _number(item.y), name.encode()))
        forms = {name: self._copy_form(pdf, form) for form, name in names.items()}
        end = pdf.add_stream({}, b"".join(code))
        copy = DictionaryObject(parts.entries)
        copy[NameObject("/Parent")] = IndirectObject(tree, 0, None)
        copy[NameObject("/Resources")] = _with_forms(parts.resources, forms)
        copy[NameObject("/Contents")] = ArrayObject(
            [IndirectObject(begin, 0, None), *parts.contents, IndirectObject(end, 0, None)])
        pdf.put(parts.number, serialise(copy))
        return parts.number

    def _page_parts(self, index: int) -> _PageParts:
        parts = self._parts.get(index)
        if parts is None:
            page = self.booklet.reader.pages[index]
            contents = tuple(_content_refs(page.raw_get("/Contents")))
            resources = _used_resources(page.get("/Resources"), contents)
            entries = DictionaryObject({k: v for k, v in dict.items(page) if k not in _DROPPED_PAGE_KEYS})
            dependencies = self.booklet.closure([entries, resources, list(contents)])
            dependencies.discard(page.indirect_reference.idnum)
            parts = self._parts[index] = _PageParts(page.indirect_reference.idnum, entries, resources, contents,
                                                    tuple(sorted(dependencies)))
        return parts

    def _copy_form(self, pdf: PdfFile, form: str) -> int:
        """Overlay form `form` (and what it uses) into `pdf`; its object number there."""
        number = self.forms[form]
        for dependency in self._overlay_closure(number):
            pdf.put_raw(dependency + self.shift, self._overlay_object(dependency))
        return number + self.shift

    def _overlay_closure(self, number: int) -> tuple[int, ...]:
        """The objects an overlay form needs, found in its raw bytes (the overlay is ours: no strings in its dictionaries)."""
        known = self._overlay_closures.get(number)
        if known is None:
            found, stack = set(), [number]
            while stack:
                current = stack.pop()
                if current not in found:
                    found.add(current)
                    head = self.overlay.raw(current).partition(b"stream")[0]
                    stack.extend(int(m) for m in _REFERENCE.findall(head))
            known = self._overlay_closures[number] = tuple(sorted(found))
        return known

    def _overlay_object(self, number: int) -> bytes:
        raw = self._overlay_raw.get(number)
        if raw is None:
            raw = self._overlay_raw[number] = shifted_raw(self.overlay.raw(number), number, self.shift)
        return raw


def _form_numbers(page) -> dict[str, int]:
    """Form name -> object number, from a page that draws every form (ReportLab names a form 'FormXob.NAME')."""
    xobjects = page["/Resources"].get("/XObject") or {}
    return {str(name)[len("/FormXob."):] if str(name).startswith("/FormXob.") else str(name)[1:]: ref.idnum
            for name, ref in dict.items(xobjects.get_object())}


def _number(value: float) -> bytes:
    return (b"%.4f" % value).rstrip(b"0").rstrip(b".") or b"0"


_FONT_USE = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s+[-+\d.]+\s+Tf\b")
_XOBJECT_USE = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s+Do\b")


def _used_resources(resources, contents: tuple[IndirectObject, ...]) -> DictionaryObject:
    """The page's resources with its fonts and XObjects cut to those its content streams name.

    A document-wide font list on every page is how ReportLab writes pages; a copy that carried it would
    embed every font of the booklet. (A name that only looks used, inside a string, just keeps its entry.)
    """
    resources = DictionaryObject(dict.items(resources.get_object())) if resources is not None else DictionaryObject()
    code = b"\n".join(ref.get_object().get_data() for ref in contents)
    for key, pattern in (("/Font", _FONT_USE), ("/XObject", _XOBJECT_USE)):
        entries = resources.get(key)
        if entries is None:
            continue
        used = {"/" + name.decode("latin-1") for name in pattern.findall(code)}
        resources[NameObject(key)] = DictionaryObject(
            {k: v for k, v in dict.items(entries.get_object()) if k in used})
    return resources
def _content_refs(contents) -> list[IndirectObject]:
    if contents is None:
        return []
    if isinstance(contents, IndirectObject):
        target = contents.get_object()
        return list(target) if isinstance(target, list) else [contents]
    return list(contents)


def _with_forms(resources: DictionaryObject, forms: dict[str, int]) -> DictionaryObject:
    """The page's resources (a new dict, originals untouched) with the overlay forms added to its XObjects."""
    copy = DictionaryObject(resources)
    xobjects = copy.get("/XObject")
    xobjects = DictionaryObject(dict.items(xobjects.get_object())) if xobjects is not None else DictionaryObject()
    for name, number in forms.items():
        xobjects[NameObject(name)] = IndirectObject(number, 0, None)
    copy[NameObject("/XObject")] = xobjects
    return copy
