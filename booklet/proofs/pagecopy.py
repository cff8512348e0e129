"""A PDF read once -> small standalone PDFs holding copies of some of its pages, byte for byte, with an overlay on top.

Why not pypdf's PdfWriter: it clones and re-serialises every font, image and content stream of
every page it copies (about 9 ms a page); a conference of 2,000 talks would spend longer writing
its proofs than building its booklet. Here pypdf only *reads* the booklet (where each object is,
what each page refers to); a copy holds the booklet's own object bytes, cut out of the file once
and written again unchanged under their own numbers (a cross-reference stream lists just the
objects a copy holds). So a copied page's content stream, fonts and images are the booklet's,
byte for byte: same position, same line breaks, same glyphs. Only the page dictionary is new
(its fonts cut to those the page uses, links left out: their targets are not in the copy; cropped to
the trim box, so that the bleed is not shown), and so is the font list in each form's dictionary (cut
the same way: _fonts_cut; the form's stream is the booklet's).

Overlay forms (drawn by ReportLab into a second PDF, whose objects are renumbered above the
booklet's) go on top, after the page's own content, which is wrapped in q/Q so that nothing it
leaves set can move them.
"""

from __future__ import annotations

import hashlib
import io
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import accumulate
from typing import TYPE_CHECKING

from ..output.rawpdf import REFERENCE, pdf_text, reader_spans, shifted_raw

if TYPE_CHECKING:  # pypdf is imported where a PDF is parsed: a run of proofs whose pages are all known never loads it
    from pypdf.generic import DictionaryObject, IndirectObject, PdfObject

# Page keys a copy does not carry over: the page tree it hangs in, and links into the booklet.
_DROPPED_PAGE_KEYS = ("/Parent", "/Annots", "/Contents", "/Resources", "/StructParents", "/B")
OVERLAY_NAME = "/BookletProof"
_INHERITED = ("/Resources", "/MediaBox", "/CropBox", "/Rotate")  # page keys a page may inherit from the tree
_STREAM_START = re.compile(rb">>\s*stream(?:\r\n|\n|\r)")
_NOT_PLAIN = re.compile(rb"[(%]|(?<!<)<(?!<)|/P(?:arent)?(?![!-~])|/P(?:arent)?(?=[/<\[(])|\d+\s+[1-9]\d*\s+R\b")
_FONT_LIST = re.compile(rb"/Font (\d+) 0 R")  # a form's font list, when it is an object of its own
_FONT_ENTRY = re.compile(rb"(/[!-~]+?)\s+(\d+) 0 R")  # a name and a reference in a font list
_LENGTH = re.compile(rb"/Length (\d+)(?![\d\s]*R)")  # written in the dictionary, not referred to
_FLATE = re.compile(rb"/Filter\s*(?:\[\s*/FlateDecode\s*\]|/FlateDecode\b)")  # the one filter ReportLab writes
_TF = re.compile(rb"(?<![^\s\]>)])Tf(?![^\s\[<(/%])")  # each Tf operator (or the word in a string: counted too)
_SETS_FONT = re.compile(rb"(/[^\s/\[\]<>(){}%]+)\s+[-+]?[\d.]+\s+Tf(?![^\s\[<(/%])")  # a font set: its name
_DRAWS_FORM = re.compile(rb"(?<![^\s\]>)])Do(?![^\s\[<(/%])")  # an XObject drawn
_RAW_LIMIT = 1 << 16  # bytes of an object's dictionary read off as raw text, at most


class PdfObjects:
    """A PDF with a classic cross-reference table, read once: each object's raw bytes, and what it refers to.

    Only what is asked for is parsed: a page through the page tree's top /Kids when that lists every
    page (as ReportLab writes it), not by reading every page; and the objects a page needs are found in
    their raw dictionaries when those hold no strings (as ReportLab's fonts, images and forms), by pypdf
    otherwise.
    """

    def __init__(self, data: bytes):
        self.data = data
        self._view = memoryview(data)
        self.reader, self.spans = _read(data)  # (spans: object number -> (start, end) of its bytes)
        self.size = int(self.reader.trailer["/Size"])
        self._closures: dict[int, frozenset[int]] = {}
        self._kids: list[IndirectObject] | None = None
        self.touched: set[int] | None = None  # when a set: the numbers of the objects read are added to it
        get = self.reader.get_object

        def get_object(reference):  # every object pypdf resolves (IndirectObject.get_object comes here)
            if self.touched is not None:
                self.touched.add(reference if isinstance(reference, int) else reference.idnum)
            return get(reference)

        self.reader.get_object = get_object

    def page(self, index: int) -> tuple[DictionaryObject, int]:
        """Page `index` (0-based): its dictionary (inherited keys included) and its object number."""
        kids = self.kids()
        if kids:
            number = kids[index].idnum
            page = self.reader.get_object(number)
            if page.get("/Type") == "/Page":
                return page, number
        page = self.reader.pages[index]
        return page, page.indirect_reference.idnum

    def boxes(self) -> tuple[tuple[float, float], tuple[float, float, float, float]]:
        """The first page's media size and trim box (the media box when it has none)."""
        from pypdf.generic import RectangleObject

        page, _ = self.page(0)
        media = RectangleObject(page["/MediaBox"])
        trim = RectangleObject(page.get("/TrimBox") or page.get("/CropBox") or page["/MediaBox"])
        return ((float(media.width), float(media.height)),
                (float(trim.left), float(trim.bottom), float(trim.right), float(trim.top)))

    def language(self) -> bytes:
        """The catalog's /Lang entry as a copy writes it (' /Lang (en)'), or b"" (KnownPages.language)."""
        language = self.reader.trailer["/Root"].get("/Lang")
        return b" /Lang " + serialise(language) if language is not None else b""

    def kids(self) -> list[IndirectObject]:
        """The pages as the root of the page tree lists them (_flat_kids), read once; [] when pypdf walks the tree."""
        if self._kids is None:
            self._kids = self._flat_kids()
        return self._kids

    def _flat_kids(self) -> list[IndirectObject]:
        """The pages, when the root of the page tree lists them all and gives them nothing to inherit; else []."""
        from pypdf.generic import IndirectObject

        root = self.reader.trailer["/Root"].get_object().get("/Pages")
        root = root.get_object() if root is not None else None
        kids = root.get("/Kids") if root is not None else None
        kids = kids.get_object() if kids is not None else None
        if kids is None or any(key in root for key in _INHERITED) or root.get("/Count") != len(kids):
            return []
        kids = list(kids)
        for kid in kids:
            span = self.spans.get(kid.idnum) if isinstance(kid, IndirectObject) else None
            if span is None or b"/Pages" in self._view[span[0]:span[1]]:
                return []  # a branch of the tree (or something odd): pypdf walks it
        return kids

    def raw(self, number: int) -> memoryview:
        """Object `number` exactly as written in the file ('N 0 obj ... endobj'), not copied."""
        if self.touched is not None:
            self.touched.add(number)
        start, end = self.spans[number]
        return self._view[start:end]

    def closure(self, value, skip: tuple[str, ...] = ()) -> set[int]:
        """Every object number `value` refers to, directly or through other objects (dict keys in `skip` not followed)."""
        found: set[int] = set()
        for number in _references(value, skip):
            found |= self.object_closure(number)
        return found

    def object_closure(self, number: int) -> frozenset[int]:
        """Object `number` and every object it refers to, directly or through others."""
        known = self._closures.get(number)
        if known is not None:
            return known
        self._closures[number] = frozenset({number})  # a reference cycle ends here
        found = {number}
        inner = self._raw_references(number)
        if inner is None:
            inner = _references(self.reader.get_object(number), ("/Parent", "/P"))
        for reference in inner:
            found |= self.object_closure(reference)
        self._closures[number] = frozenset(found)
        return self._closures[number]

    def _raw_references(self, number: int) -> list[int] | None:
        """The objects object `number` refers to, read off its raw dictionary (stream data left out); None
        when that is not plain enough to read so (a string, which might hold 'N 0 R', a /Parent or /P key,
        which pypdf's walk skips, another generation), or too long."""
        if self.touched is not None:
            self.touched.add(number)
        start, end = self.spans.get(number, (0, 0))
        view = self._view[start:min(end, start + _RAW_LIMIT)]
        stream = _STREAM_START.search(view)
        if stream is not None:
            head = view[:stream.start()]
        elif end - start <= _RAW_LIMIT:
            head = view
        else:
            return None
        head = bytes(head)
        if _NOT_PLAIN.search(head, head.index(b"obj") + 3):
            return None
        return [int(found) for found in REFERENCE.findall(head)]


def _read(data: bytes) -> tuple:
    """A pypdf PdfReader of `data` and its objects' spans (reader_spans). The reader is lenient (strict=False) as it
    reads objects, but made strict: a reader that is not strict reads the header of every object the cross-reference
    table lists to find those it points amiss (3,658 of them for a booklet of 500 talks: about half of its parse, 17
    -> 8 ms of CPU), which reader_spans checks again for every object (object_spans: each where the table says, or
    ValueError). A file a strict reader refuses, or whose table points an object amiss (which a strict reader takes
    as it is), is read as before, leniently: the lenient reader mends the table (pypdf warns of each object it
    drops)."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data), strict=True)
    except (PyPdfError, ValueError):
        pass
    else:
        reader.strict = False
        try:
            return reader, reader_spans(data, reader)
        except ValueError:  # (an object not where the table says; or objects in streams, refused again below)
            pass
    reader = PdfReader(io.BytesIO(data))
    return reader, reader_spans(data, reader)


def _references(value, skip: tuple[str, ...] = ()):
    """Object numbers referred to inside a direct value (dicts and arrays walked, references not followed)."""
    from pypdf.generic import IndirectObject

    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            yield item.idnum
        elif isinstance(item, dict):  # DictionaryObject and StreamObject
            stack.extend(v for k, v in dict.items(item) if k not in skip)
        elif isinstance(item, list):
            stack.extend(item)


def serialise(value: PdfObject) -> bytes:
    out = io.BytesIO()
    value.write_to_stream(out)
    return out.getvalue()


@dataclass
class PdfFile:
    """A PDF being assembled: objects kept under their numbers, new ones numbered from `next_number` up."""

    next_number: int
    version: bytes = b"1.5"  # cross-reference streams

    def __post_init__(self):
        self.objects: dict[int, bytes | memoryview] = {}  # number -> 'N 0 obj ... endobj', complete

    def put(self, number: int, body: bytes) -> None:
        self.objects[number] = b"%d 0 obj\n" % number + body + b"\nendobj\n"

    def add(self, body: bytes) -> int:
        number = self.next_number
        self.next_number += 1
        self.put(number, body)
        return number

    def add_stream(self, data: bytes) -> int:
        """A content stream, unfiltered."""
        return self.add(b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream")

    def to_bytes(self, root: int, info: int | None = None) -> bytes:
        return b"".join(self.parts(root, info))

    def parts(self, root: int, info: int | None = None) -> list:
        """The file as a list of byte strings and views (to join or to write as they are): header, objects in
        number order, then a cross-reference stream listing just them.

        A cross-reference *stream* because its /Index names runs of object numbers: a classic table
        with gaps between its subsections is legal but trips some readers (poppler, with a long string).
        """
        header = b"%PDF-" + self.version + b"\n%\xe2\xe3\xcf\xd3\n"
        numbers = sorted(self.objects)
        parts = [header] + [self.objects[n] for n in numbers]
        offsets = list(accumulate((len(part) for part in parts), initial=0))
        position = offsets[-1]
        xref = self.next_number
        numbers.append(xref)
        rows = b"\x00\x00\x00\x00\x00\xff\xff" + b"".join(  # object 0: the head of the free list
            b"\x01" + offset.to_bytes(4, "big") + b"\x00\x00" for offset in offsets[1:])
        index = [(0, 1)] + _runs(numbers)
        trailer = b"/Type /XRef /Size %d /Root %d 0 R /W [1 4 2] /Index [%s] /Length %d" % (
            xref + 1, root, b" ".join(b"%d %d" % run for run in index), len(rows))
        if info is not None:
            trailer += b" /Info %d 0 R" % info
        parts.append(b"%d 0 obj\n<< %s >>\nstream\n%s\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n"
                     % (xref, trailer, rows, position))
        return parts


def _runs(numbers: list[int]) -> list[tuple[int, int]]:
    """(first, count) for each run of consecutive numbers."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][0] + runs[-1][1]:
            runs[-1][1] += 1
        else:
            runs.append([number, 1])
    return [tuple(run) for run in runs]


@dataclass(frozen=True)
class _PageParts:
    """What a copy of one booklet page needs, worked out (and serialised) once however many proofs hold it."""

    number: int  # the page object's number, kept in the copy
    entries: bytes  # the page's own keys, less those a copy does not carry or replaces
    resources: bytes  # its resources but XObjects, fonts cut to those its content uses
    xobjects: bytes  # its XObjects, cut to those its content uses
    contents: bytes  # references to its content streams
    objects: tuple[tuple[int, memoryview | bytes], ...]  # every object the copy holds: (number, its bytes)


@dataclass(frozen=True)
class KnownPages:
    """What a PageCopier read of a booklet's bytes, to start another copier of the same bytes from (picklable)."""

    size: int  # the booklet's /Size
    language: bytes  # the catalog's /Lang entry as copied (' /Lang (en)'), or b""
    boxes: tuple[tuple[float, float], tuple[float, float, float, float]]  # PdfObjects.boxes
    # page index -> (number, entries, resources, xobjects, contents, ((object, start, end) or (object, its bytes as
    # copied: a form whose fonts are cut), ...))
    pages: dict[int, tuple]
    # page index -> the objects read to work its entry out (see carried); object -> the digest of its bytes
    reads: dict[int, frozenset[int]] = field(default_factory=dict)
    digests: dict[int, bytes] = field(default_factory=dict)


def _object_digest(raw) -> bytes:
    return hashlib.blake2b(raw, digest_size=16).digest()


def carried(known: KnownPages, booklet: PdfObjects) -> KnownPages | None:
    """What `known` (read of another booklet's bytes: the last run's) holds that stands for `booklet` (parsed) too;
    None when it holds nothing of it.

    A page is carried when every object its reading read (KnownPages.reads) has the very bytes in `booklet`, under
    the same number, and the page is the same object there: reading it again would give the same entry (what it
    refers to, its fonts cut, is read off those bytes). After a correction to one abstract, a booklet of 500 talks
    differs in one or two objects (its page's content), not in their numbers: its other pages are not read again.
    """
    if not known.reads:
        return None
    kids = booklet.kids()
    if not kids:
        return None
    view, spans, digests = booklet._view, booklet.spans, known.digests
    same: dict[int, bool] = {}

    def unchanged(number: int) -> bool:
        found = same.get(number)
        if found is None:
            span = spans.get(number)
            found = same[number] = (span is not None and number in digests
                                    and _object_digest(view[span[0]:span[1]]) == digests[number])
        return found

    pages, reads = {}, {}
    for index, entry in known.pages.items():
        read = known.reads.get(index)
        if read is None or index >= len(kids) or kids[index].idnum != entry[0] or not all(map(unchanged, read)):
            continue
        pages[index] = (*entry[:5], tuple((number, *spans[number]) if len(at) == 2 else (number, at[0])
                                          for number, *at in entry[5]))
        reads[index] = read
    if not pages:
        return None
    return KnownPages(booklet.size, booklet.language(), booklet.boxes(), pages, reads,
                      {number: digests[number] for read in reads.values() for number in read})


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

    def __init__(self, booklet_pdf: bytes | PdfObjects, overlay_pdf: bytes | None = None,
                 known: KnownPages | None = None):
        """`overlay_pdf` may come later (`use_overlay`): the booklet's pages can be read (`prepare`) meanwhile.

        `known`: what an earlier copier read of these very bytes (`known()`): its pages are not read again,
        and the booklet is parsed only for a page it does not hold.
        """
        if isinstance(booklet_pdf, PdfObjects):
            self._booklet: PdfObjects | None = booklet_pdf
            data = booklet_pdf.data
        else:
            self._booklet, data = None, booklet_pdf
        self._data = data
        self._view = memoryview(data)
        self._parts: dict[int, _PageParts] = {}
        # page index -> (number, start, end) of each of its objects, or (number, bytes): a form whose fonts are cut
        self._spans: dict[int, tuple[tuple, ...]] = {}
        self._known = dict(known.pages) if known is not None else {}
        self._known_reads = dict(known.reads) if known is not None else {}
        self._digests = dict(known.digests) if known is not None else {}
        self._reads: dict[int, frozenset[int]] = {}  # page index -> the objects read for it (pages read here)
        if known is not None:
            self.shift, self._language, self._boxes = known.size, known.language, known.boxes
        else:
            self.shift = self.booklet.size  # overlay objects are numbered above every booklet object
            self._language = self.booklet.language()
            self._boxes = None
        if overlay_pdf is not None:
            self.use_overlay(overlay_pdf)

    @property
    def booklet(self) -> PdfObjects:
        """The booklet, parsed (when first needed)."""
        if self._booklet is None:
            self._booklet = PdfObjects(self._data)
        return self._booklet

    def boxes(self) -> tuple[tuple[float, float], tuple[float, float, float, float]]:
        """The booklet's media size and trim box (PdfObjects.boxes)."""
        if self._boxes is None:
            self._boxes = self.booklet.boxes()
        return self._boxes

    def known(self) -> KnownPages:
        """What this copier read of the booklet (every page prepared or copied), to give a later copier of the
        same bytes."""
        pages, reads = dict(self._known), dict(self._known_reads)
        for index, parts in self._parts.items():
            if index not in pages:
                pages[index] = (parts.number, parts.entries, parts.resources, parts.xobjects, parts.contents,
                                self._spans[index])
                if index in self._reads:
                    reads[index] = self._reads[index]
        digests: dict[int, bytes] = {}  # (an object many pages read, a font's, hashed once)
        for read in reads.values():
            for number in read:
                if number not in digests:
                    digests[number] = self._digests.get(number) or _object_digest(self.booklet.raw(number))
        return KnownPages(self.shift, self._language, self.boxes(), pages, reads, digests)

    def use_overlay(self, overlay_pdf: bytes, read: OverlayRead | None = None) -> None:
        """Draw the forms of `overlay_pdf` on the copies; `read`: what `overlay_read` said of these very bytes
        (then they are not parsed again)."""
        if read is None:
            parsed = PdfObjects(overlay_pdf)
            read = OverlayRead(parsed.size, _form_numbers(parsed.reader.pages[0]), parsed.spans)
        self.overlay_read = read
        self.overlay = _RawObjects(overlay_pdf, read.spans)
        self.first_new = self.shift + read.size
        self.forms = dict(read.forms)
        self._form_objects: dict[int, tuple[tuple[int, bytes], ...]] = {}
        self._overlay_raw: dict[int, bytes] = {}
        self._overlay_closures: dict[int, frozenset[int]] = {}

    def prepare(self, index: int) -> None:
        """Read booklet page `index` (0-based) and what it needs, ahead of copying it."""
        self._page_parts(index)

    def copy(self, pages: list[tuple[int, list[Placed]]], title: str = "") -> bytes:
        """A PDF of booklet pages (0-based indices), each with its overlay forms drawn on top."""
        return b"".join(self.copy_parts(pages, title))

    def copy_parts(self, pages: list[tuple[int, list[Placed]]], title: str = "") -> list:
        """copy() as a list of byte strings and views, to write without joining them first."""
        pdf = PdfFile(self.first_new)
        tree = pdf.next_number
        pdf.next_number += 1
        begin = pdf.add_stream(b"q\n")
        kids = [self._copy_page(pdf, index, placed, tree, begin) for index, placed in pages]
        pdf.put(tree, b"<< /Type /Pages /Kids [%s] /Count %d >>"
                % (b" ".join(b"%d 0 R" % k for k in kids), len(kids)))
        root = pdf.add(b"<< /Type /Catalog /Pages %d 0 R%s >>" % (tree, self._language))
        info = pdf.add(b"<< /Title %s /Producer (booklet) >>" % pdf_text(title))
        return pdf.parts(root, info)

    def _copy_page(self, pdf: PdfFile, index: int, placed: list[Placed], tree: int, begin: int) -> int:
        parts = self._page_parts(index)
        pdf.objects.update(parts.objects)
        names: dict[str, str] = {}
        code = [b"\nQ\n"]  # the page's own content ends here, its graphics state restored
        for item in placed:
            name = names.setdefault(item.form, f"{OVERLAY_NAME}{len(names)}")
            code.append(b"q 1 0 0 1 %s %s cm %s Do Q\n" % (_number(item.x), _number(item.y), name.encode()))
        forms = {name: self._copy_form(pdf, form) for form, name in names.items()}
        end = pdf.add_stream(b"".join(code))
        overlay = b"".join(b" %s %d 0 R" % (name.encode(), number) for name, number in forms.items())
        pdf.put(parts.number, b"<<%s /Parent %d 0 R /Resources <<%s /XObject <<%s%s >> >> /Contents [%d 0 R%s %d 0 R] >>"
                % (parts.entries, tree, parts.resources, parts.xobjects, overlay, begin, parts.contents, end))
        return parts.number

    def _page_parts(self, index: int) -> _PageParts:
        parts = self._parts.get(index)
        if parts is None:
            known = self._known.get(index)
            if known is not None:
                number, entries, resources, xobjects, contents, spans = known
                view = self._view
                parts = self._parts[index] = _PageParts(number, entries, resources, xobjects, contents,
                                                        tuple((n, view[at[0]:at[1]] if len(at) == 2 else at[0])
                                                              for n, *at in spans))
                self._spans[index] = spans
                return parts
            booklet = self.booklet
            flat = booklet.kids()  # (the page tree, read once: no page's own reading)
            booklet.touched = touched = set()
            try:
                parts = self._read_page(booklet, index)
            finally:
                booklet.touched = None
            if flat:  # (a page of a deeper tree may take keys from its parents: not carried)
                # what it was worked out from: what was read now, and the objects it holds (an object's references
                # read for an earlier page are not read again)
                self._reads[index] = frozenset(touched | {number for number, *_ in self._spans[index]}
                                               | {parts.number})
        return parts

    def _read_page(self, booklet: PdfObjects, index: int) -> _PageParts:
        """Page `index` read from the booklet (_page_parts)."""
        from pypdf.generic import DictionaryObject, NameObject

        page, number = booklet.page(index)
        contents = _content_refs(page.raw_get("/Contents"))
        resources = _used_resources(page.get("/Resources"), contents)
        xobjects = resources.pop("/XObject", None) or DictionaryObject()
        entries = {k: v for k, v in dict.items(page) if k not in _DROPPED_PAGE_KEYS}
        if "/TrimBox" in entries and "/CropBox" not in entries:  # shown as it will be cut, without the bleed
            entries[NameObject("/CropBox")] = entries["/TrimBox"]
        forms = {}  # form object -> its bytes, its fonts cut to those it uses (_fonts_cut)
        for ref in dict.values(xobjects):
            cut = _fonts_cut(booklet.raw(ref.idnum), booklet.raw)
            if cut is not None:
                forms[ref.idnum] = cut
        dependencies = booklet.closure([entries, resources, contents,
                                        [ref for ref in dict.values(xobjects) if ref.idnum not in forms]])
        for cut in forms.values():
            for inner in _head_references(cut):
                dependencies |= booklet.object_closure(inner)
        dependencies |= forms.keys()
        dependencies.discard(number)
        dependencies = sorted(dependencies)
        parts = self._parts[index] = _PageParts(
            number, _entries(entries), _entries(resources), _entries(xobjects),
            b"".join(b" %d 0 R" % ref.idnum for ref in contents),
            tuple((number, forms[number] if number in forms else booklet.raw(number)) for number in dependencies))
        self._spans[index] = tuple((number, forms[number]) if number in forms else
                                   (number, *booklet.spans[number]) for number in dependencies)
        return parts

    def _copy_form(self, pdf: PdfFile, form: str) -> int:
        """Overlay form `form` (and what it uses) into `pdf`; its object number there."""
        number = self.forms[form]
        objects = self._form_objects.get(number)
        if objects is None:
            cut = _fonts_cut(self.overlay.raw(number), self.overlay.raw)
            if cut is None:
                numbers = self._overlay_closure(number)
            else:
                self._overlay_raw[number] = shifted_raw(cut, number, self.shift)
                numbers = {number}.union(*map(self._overlay_closure, _head_references(cut)))
            objects = self._form_objects[number] = tuple((n + self.shift, self._shifted(n)) for n in sorted(numbers))
        pdf.objects.update(objects)
        return number + self.shift

    def _shifted(self, number: int) -> bytes:
        """Overlay object `number`, renumbered above the booklet's objects (once)."""
        raw = self._overlay_raw.get(number)
        if raw is None:
            raw = self._overlay_raw[number] = shifted_raw(self.overlay.raw(number), number, self.shift)
        return raw

    def _overlay_closure(self, number: int) -> frozenset[int]:
        """The objects an overlay object needs, found in its raw bytes (the overlay is ours: no strings in its
        dictionaries, so every 'N 0 R' there is a reference)."""
        known = self._overlay_closures.get(number)
        if known is None:
            self._overlay_closures[number] = frozenset({number})  # a cycle ends here
            found = {number}
            for inner in _head_references(self.overlay.raw(number)):
                found |= self._overlay_closure(inner)
            known = self._overlay_closures[number] = frozenset(found)
        return known


@dataclass(frozen=True)
class OverlayRead:
    """What a PageCopier reads of an overlay PDF: its /Size, its forms (name -> object number) and where each
    object is (number -> (start, end) of its bytes). Kept with the overlay's bytes, for a later copier of them."""

    size: int
    forms: dict[str, int]
    spans: dict[int, tuple[int, int]]


class _RawObjects:
    """A PDF's objects as written, where `spans` says they are."""

    def __init__(self, data: bytes, spans: dict[int, tuple[int, int]]):
        self._view, self._spans = memoryview(data), spans

    def raw(self, number: int) -> memoryview:
        start, end = self._spans[number]
        return self._view[start:end]


def _form_numbers(page) -> dict[str, int]:
    """Form name -> object number, from a page that draws every form (ReportLab names a form 'FormXob.NAME')."""
    xobjects = page["/Resources"].get("/XObject") or {}
    return {str(name)[len("/FormXob."):] if str(name).startswith("/FormXob.") else str(name)[1:]: ref.idnum
            for name, ref in dict.items(xobjects.get_object())}


def _number(value: float) -> bytes:
    return (b"%.4f" % value).rstrip(b"0").rstrip(b".") or b"0"


def _used_resources(resources, contents: list[IndirectObject]) -> DictionaryObject:
    """The page's resources with its fonts and XObjects cut to those its content streams use (fonts: _fonts_set;
    all of them when it sets one in a way not read there).

    A document-wide font list on every page is how ReportLab writes pages; a copy that carried it would
    embed every font of the booklet. (A name that only looks used, inside a string, just keeps its entry.)
    """
    from pypdf.generic import DictionaryObject, NameObject

    resources = DictionaryObject(dict.items(resources.get_object())) if resources is not None else DictionaryObject()
    code = b"\n".join(ref.get_object().get_data() for ref in contents)
    fonts = _fonts_set(code)
    used = {"/Font": lambda name: fonts is None or name in fonts, "/XObject": lambda name: name + b" Do" in code}
    for key, uses in used.items():
        entries = resources.get(key)
        if entries is not None:
            resources[NameObject(key)] = DictionaryObject(
                {name: value for name, value in dict.items(entries.get_object()) if uses(name.encode("latin-1"))})
    return resources


def _fonts_set(code: bytes) -> set[bytes] | None:
    """The names of the fonts content `code` sets (each Tf's font name), or None when it has a Tf not read so (the
    word in a string, say: then it may set any)."""
    sets = _SETS_FONT.findall(code)
    return set(sets) if len(_TF.findall(code)) == len(sets) else None


def _fonts_cut(raw, font_list: Callable[[int], bytes | memoryview]) -> bytes | None:
    """A form's object as a copy holds it (its bytes, 'N 0 obj ... endobj'; `raw`: as written): the font list its
    resources refer to (`/Font M 0 R`; `font_list(M)`: that object's bytes) written into it, cut to the fonts its
    content sets (each Tf operator read); None for an object with no such reference (an image), a form written
    otherwise than ReportLab writes forms, one that draws another form (which may take its fonts from it) and one
    with a Tf whose font name is not read here: such a form is copied as it is.

    ReportLab gives every form (a page's running head and number, a proof's header) its document's whole font list,
    as it gives every page: a copy that carried it would embed fonts the page never shows (a fifth of a proof's
    bytes). Only that reference changes; the stream is copied as it is."""
    stream = _STREAM_START.search(raw)
    if stream is None:
        return None
    head = _head(raw, stream)
    lists = _FONT_LIST.findall(head)
    length = _LENGTH.search(head)
    if len(lists) != 1 or length is None:
        return None
    data = bytes(raw[stream.end():stream.end() + int(length.group(1))])
    if b"/Filter" in head:
        if _FLATE.search(head) is None or b"/DecodeParms" in head:
            return None
        try:
            data = zlib.decompress(data)
        except zlib.error:
            return None
    named = _fonts_set(data)
    if named is None or _DRAWS_FORM.search(data):
        return None  # a Tf not read here, or a form inside it that may take its fonts from this one: kept whole
    used = b"".join(b" %s %s 0 R" % (name, inner) for name, inner in _FONT_ENTRY.findall(bytes(font_list(int(lists[0]))))
                    if name in named)
    return bytes(raw).replace(b"/Font %s 0 R" % lists[0], b"/Font <<%s >>" % used, 1)


def _head(raw, stream=None) -> bytes:
    """An object's bytes before its stream's data (all of them when it has none); `stream`: _STREAM_START's match,
    when found already."""
    stream = stream or _STREAM_START.search(raw)
    return bytes(raw[:stream.start()] if stream is not None else raw)


def _head_references(raw) -> list[int]:
    """The objects an object of ours (a form, an overlay's object) refers to: no strings in its dictionary, so every
    'N 0 R' there is a reference."""
    return [int(number) for number in REFERENCE.findall(_head(raw))]


def _content_refs(contents) -> list[IndirectObject]:
    from pypdf.generic import IndirectObject

    if contents is None:
        return []
    if isinstance(contents, IndirectObject):
        target = contents.get_object()
        return list(target) if isinstance(target, list) else [contents]
    return list(contents)


def _entries(dictionary: dict) -> bytes:
    """A dictionary's entries as PDF, without the brackets: ' /Key value /Key value'."""
    return b"".join(b" " + serialise(key) + b" " + serialise(value) for key, value in dict.items(dictionary))
