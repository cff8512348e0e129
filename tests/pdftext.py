"""A built PDF -> what tests compare: normalised page text, link targets, outline, fonts."""

from __future__ import annotations

import copy
import ctypes
import io
import re
import unicodedata
from collections.abc import Sequence
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path

import pypdf
import pypdfium2 as pdfium
import pypdfium2.raw as raw
from pypdf.generic._font import Font


def norm(text: str) -> str:
    """Letters and digits only, NFKC, lower case: compares text across line breaks and sub/superscripts."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text).lower() if ch.isalnum())


def characters(textpage) -> list[str] | str:
    """A PDFium text page's characters, one an index as its char boxes are (get_charbox(i)): its text taken at once,
    a third of the time of asking for each character apart; each apart where the text's length is not the count
    (a character the text gives as two)."""
    count = textpage.count_chars()
    whole = textpage.get_text_range(0, count)
    return whole if len(whole) == count else [textpage.get_text_range(i, 1) for i in range(count)]


def drawn_text(page, textpage) -> str:
    """A PDFium page's text objects' text in the order they are drawn, a form XObject's where it is drawn: the order
    pypdf's extract_text gives. (PDFium's own text of a page, get_text_range, puts the pieces of a line from left to
    right: a running foot's section name, drawn after its day but left of it, came first on 1,607 of 4,242 pages.)"""
    out = []
    buffer = (ctypes.c_ushort * 4096)()

    def walk(count, get):
        for i in range(count):
            obj = get(i)
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == raw.FPDF_PAGEOBJ_TEXT:
                size = raw.FPDFTextObj_GetText(obj, textpage.raw, buffer, ctypes.sizeof(buffer))  # bytes, its 0 too
                if size > ctypes.sizeof(buffer):  # (a text object of more than 4,095 characters: read again)
                    bigger = (ctypes.c_ushort * (size // 2))()
                    raw.FPDFTextObj_GetText(obj, textpage.raw, bigger, size)
                    out.append(ctypes.string_at(bigger, size - 2).decode("utf-16-le", errors="ignore"))
                elif size > 2:
                    out.append(ctypes.string_at(buffer, size - 2).decode("utf-16-le", errors="ignore"))
            elif kind == raw.FPDF_PAGEOBJ_FORM:
                walk(raw.FPDFFormObj_CountObjects(obj), lambda j, form=obj: raw.FPDFFormObj_GetObject(form, j))

    walk(raw.FPDFPage_CountObjects(page.raw), lambda j: raw.FPDFPage_GetObject(page.raw, j))
    return "".join(out)


class Pages(Sequence):
    """Each page's value (its text, its normalised text) worked out the first time it is asked for, then kept: read
    as the list of every page's value it stands for (len, index, slice, iteration, `in`, == and its repr). A test that
    reads a few pages of a long PDF pays for those pages only."""

    def __init__(self, count: int, work):
        self._values: list[str | None] = [None] * count
        self._work = work  # 0-based page index -> the page's value

    def __len__(self) -> int:
        return len(self._values)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        value = self._values[index]  # (an IndexError past either end, as a list's)
        if value is None:
            value = self._values[index] = self._work(index % len(self))
        return value

    def __eq__(self, other):
        return list(self) == list(other) if isinstance(other, (Pages, list)) else NotImplemented

    __hash__ = None

    def __repr__(self) -> str:
        return repr(list(self))


class Pdf:
    def __init__(self, path: Path):
        self.path = Path(path)
        self._bytes = self.path.read_bytes()  # (as read now: the file may be built again before a page is asked for)
        self.reader = pypdf.PdfReader(io.BytesIO(self._bytes))
        self._fonts: dict = {}  # what _fonts_read_once has read, kept from page to page
        self.texts = Pages(len(self.reader.pages), self._text)
        self.norms = Pages(len(self.texts), self._norm)

    def _text(self, index: int) -> str:
        """pypdf's text of a page, as the tests read it (lines, words, their spaces)."""
        with _fonts_read_once(self._fonts):
            return self.reader.pages[index].extract_text() or ""

    def _norm(self, index: int) -> str:
        """norm of the page's text, read by PDFium in a quarter of the CPU time of pypdf's: the same as
        norm(self.texts[index]) on each of 4,242 pages compared (the sample in A5, A4 and letter, a 1,500-entry booklet,
        21 real conferences' books)."""
        page = self._pdfium[index]
        textpage = page.get_textpage()
        try:
            return norm(drawn_text(page, textpage))
        finally:
            textpage.close()
            page.close()

    @cached_property
    def _pdfium(self) -> pdfium.PdfDocument:
        return pdfium.PdfDocument(self._bytes)

    @cached_property
    def _page_index(self) -> dict[int, int]:
        return {page.indirect_reference.idnum: i for i, page in enumerate(self.reader.pages)}

    def __len__(self) -> int:
        return len(self.texts)

    def page_of(self, ref) -> int:
        """0-based index of a page from an indirect reference."""
        return self._page_index[ref.idnum]

    def pages_with(self, text: str) -> list[int]:
        wanted = norm(text)
        return [i for i, t in enumerate(self.norms) if wanted in t]

    def links(self, index: int) -> list[tuple[list[float], int]]:
        """(rect, 0-based destination page) of each internal link on a page, in drawing order."""
        page = self.reader.pages[index]
        out = []
        for annot in page.get("/Annots", []) or []:
            annot = annot.get_object()
            dest = annot.get("/Dest")
            if annot.get("/Subtype") == "/Link" and dest is not None:
                out.append(([float(x) for x in annot["/Rect"]], self.page_of(dest[0])))
        return out

    def lines(self, index: int) -> list[str]:
        return [line.strip() for line in self.texts[index].splitlines() if line.strip()]

    def outline(self):
        """[(title, 0-based page, [children ...])] of the PDF outline."""
        def walk(items):
            out = []
            for i, item in enumerate(items):
                if isinstance(item, list):
                    continue
                children = items[i + 1] if i + 1 < len(items) and isinstance(items[i + 1], list) else []
                out.append((item.title, self.reader.get_destination_page_number(item), walk(children)))
            return out
        return walk(self.reader.outline)

    def fonts(self):
        """(name, embedded?) for every font used on any page or in any form XObject."""
        seen = {}

        def visit(resources):
            if resources is None:
                return
            resources = resources.get_object()
            for font in (resources.get("/Font") or {}).values():
                font = font.get_object()
                seen[font["/BaseFont"]] = _embedded(font)
            for xobject in (resources.get("/XObject") or {}).values():
                xobject = xobject.get_object()
                if xobject.get("/Subtype") == "/Form":
                    visit(xobject.get("/Resources"))

        for page in self.reader.pages:
            visit(page.get("/Resources"))
        return seen


@contextmanager
def _fonts_read_once(read: dict):
    """pypdf's extract_text reads a font (its ToUnicode map, its widths) again on every page that uses it: two thirds of
    the time of reading a booklet's text went into reading its dozen fonts on each page. Inside this, a font dictionary
    of the PDF is read once and each page is given a copy of what was read (the page sets its space_width): the text
    extracted is the same. `read` (id of a font dictionary -> (the dictionary, kept alive so that its id is not reused;
    its Font)) is kept by the caller from one page to the next."""
    kept = Font.__dict__["from_font_resource"]

    def once(font_dict):
        if id(font_dict) not in read:
            read[id(font_dict)] = (font_dict, kept.__func__(Font, font_dict))
        return copy.copy(read[id(font_dict)][1])

    Font.from_font_resource = staticmethod(once)
    try:
        yield
    finally:
        Font.from_font_resource = kept


def _embedded(font) -> bool:
    if font.get("/Subtype") == "/Type0":
        font = font["/DescendantFonts"][0].get_object()
    descriptor = font.get("/FontDescriptor")
    if descriptor is None:
        return False
    descriptor = descriptor.get_object()
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


PAGE_NUMBER = re.compile(r"^\d{1,4}$")
