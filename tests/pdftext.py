"""A built PDF -> what tests compare: normalised page text, link targets, outline, fonts."""

from __future__ import annotations

import copy
import re
import unicodedata
from contextlib import contextmanager
from pathlib import Path

import pypdf
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


class Pdf:
    def __init__(self, path: Path):
        self.path = Path(path)
        self.reader = pypdf.PdfReader(str(path))
        with _fonts_read_once():
            self.texts = [page.extract_text() or "" for page in self.reader.pages]
        self.norms = [norm(t) for t in self.texts]
        self._page_index = {page.indirect_reference.idnum: i for i, page in enumerate(self.reader.pages)}

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
def _fonts_read_once():
    """pypdf's extract_text reads a font (its ToUnicode map, its widths) again on every page that uses it: two thirds of
    the time of reading a booklet's text went into reading its dozen fonts on each page. Inside this, a font dictionary
    of the PDF is read once and each page is given a copy of what was read (the page sets its space_width): the text
    extracted is the same."""
    kept = Font.__dict__["from_font_resource"]
    read = {}  # id of a font dictionary -> (the dictionary, kept alive so that its id is not reused; its Font)

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
