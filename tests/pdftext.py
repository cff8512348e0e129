"""A built PDF -> what tests compare: normalised page text, link targets, outline, fonts."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pypdf


def norm(text: str) -> str:
    """Letters and digits only, NFKC, lower case: compares text across line breaks and sub/superscripts."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text).lower() if ch.isalnum())


class Pdf:
    def __init__(self, path: Path):
        self.path = Path(path)
        self.reader = pypdf.PdfReader(str(path))
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


def _embedded(font) -> bool:
    if font.get("/Subtype") == "/Type0":
        font = font["/DescendantFonts"][0].get_object()
    descriptor = font.get("/FontDescriptor")
    if descriptor is None:
        return False
    descriptor = descriptor.get_object()
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


PAGE_NUMBER = re.compile(r"^\d{1,4}$")
