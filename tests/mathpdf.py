"""Booklet paragraphs -> a PDF, one paragraph to a page; pages -> their text and where each glyph stands."""

from __future__ import annotations

import ctypes
import functools
import re
from dataclasses import dataclass
from pathlib import Path

import pypdf
import pypdfium2 as pdfium
import pypdfium2.raw as raw
from reportlab.lib.pagesizes import A5
from reportlab.platypus import PageBreak, SimpleDocTemplate

from booklet.layout.flowables import Para
from booklet.layout.page import page_for
from booklet.layout.styles import make_styles
from booklet.text import markup
from booklet.text.fonts import BODY, register_fonts


def styles():
    register_fonts()
    return make_styles(page_for("A5"))


def typeset(path: Path, paragraphs: list[str], style=None, width: float | None = None, as_markup=False) -> Path:
    """A PDF with each of `paragraphs` (user text, or ReportLab markup) on a page of its own,
    in the abstract text style by default, in a frame `width` wide."""
    style = style or styles().text
    margin = 36 if width is None else (A5[0] - width) / 2
    doc = SimpleDocTemplate(str(path), pagesize=A5, leftMargin=margin, rightMargin=margin, topMargin=36,
                            bottomMargin=36, invariant=1, initialFontName=BODY)
    story = []
    for text in paragraphs:
        story += [Para(text if as_markup else markup.inline(text), style), PageBreak()]
    doc.build(story[:-1])
    return path


def texts(path: Path) -> list[str]:
    """Each page's text as pypdf extracts it, white space collapsed."""
    return [" ".join(page.extract_text().split()) for page in pypdf.PdfReader(str(path)).pages]


@dataclass(frozen=True)
class Glyph:
    char: str
    x: float  # origin (where the pen stood), PDF points
    y: float  # baseline, rise included
    size: float
    left: float  # the glyph's ink
    right: float
    bottom: float
    top: float
    font: str  # booklet's name for the font (Body-Italic, Math, ...)


def glyphs(path: Path) -> list[list[Glyph]]:
    """Each page's glyphs, in the order they are drawn (pdfium's text page: spaces it invents left out). (One PDFium
    call a character for each of its values is cheap here, FPDFText_GetUnicode some 0.6 µs: a page's text read at
    once (pdftext.characters) in its place changed the time by 6% at most, up or down, on test_math's corpus and two
    booklets.)"""
    pdf = pdfium.PdfDocument(str(path))
    pages = []
    for index in range(len(pdf)):
        text = pdf[index].get_textpage()
        out = []
        for i in range(text.count_chars()):
            if raw.FPDFText_IsGenerated(text, i):
                continue
            char = chr(raw.FPDFText_GetUnicode(text, i))
            if char.isspace():
                continue
            x, y = raw.c_double(), raw.c_double()
            raw.FPDFText_GetCharOrigin(text, i, x, y)
            left, bottom, right, top = text.get_charbox(i)
            size = raw.FPDFText_GetFontSize(text, i)
            out.append(Glyph(char, x.value, y.value, size, left, right, bottom, top, _font_name(text, i)))
        pages.append(out)
    pdf.close()
    return pages


def _font_name(text, index: int) -> str:
    buffer = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()
    raw.FPDFText_GetFontInfo(text, index, buffer, 256, flags)
    face = buffer.value.decode("latin-1").split("+", 1)[-1]
    return _registered().get(face, face)


@functools.cache
def _registered() -> dict[str, str]:
    """Font face name in the PDF -> booklet's registered font name."""
    from reportlab.pdfbase.pdfmetrics import getFont

    from booklet.text import fonts

    for char in ("\u2299", "\u2609"):
        fonts.font_for_char(char)  # registers the fallbacks
    out = {}
    for name in [fonts.BODY + s for s in fonts.STYLES] + [fonts.SANS + s for s in fonts.STYLES] + sorted(fonts.FALLBACKS):
        face = getFont(name).face.name
        out[face.decode("latin-1") if isinstance(face, bytes) else face] = name
    return out


def page_text(page: list[Glyph]) -> str:
    return "".join(g.char for g in page)


def find(page: list[Glyph], chars: str, start: int = 0, size: float | None = None) -> int:
    """Index of the first run of glyphs spelling `chars` (of font size `size`, if given)."""
    for i in range(start, len(page) - len(chars) + 1):
        run = page[i : i + len(chars)]
        if "".join(g.char for g in run) == chars and (size is None or all(abs(g.size - size) < 0.01 for g in run)):
            return i
    raise AssertionError(f"{chars!r} not found in {page_text(page)!r}")


SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Rule:
    """A filled rectangle drawn on a page (a square root's bar), in PDF points."""

    left: float
    bottom: float
    right: float
    top: float


def rules(path: Path) -> list[list[Rule]]:
    """Each page's filled rectangles (`re` then `f` or `f*`), in the order they are drawn, in page coordinates: the
    content stream's operators read with pypdf, the current matrix (`q`, `Q`, `cm`) followed."""
    pages = []
    for page in pypdf.PdfReader(str(path)).pages:
        matrix, saved, path_rects, out = (1, 0, 0, 1, 0, 0), [], [], []
        for operands, operator in pypdf.generic.ContentStream(page.get_contents(), page.pdf).operations:
            if operator == b"q":
                saved.append(matrix)
            elif operator == b"Q":
                matrix = saved.pop()
            elif operator == b"cm":
                a, b, c, d, e, f = map(float, operands)
                m = matrix
                matrix = (a * m[0] + b * m[2], a * m[1] + b * m[3], c * m[0] + d * m[2], c * m[1] + d * m[3],
                          e * m[0] + f * m[2] + m[4], e * m[1] + f * m[3] + m[5])
            elif operator == b"re":
                x, y, w, h = map(float, operands)
                corners = [(x, y), (x + w, y + h)]
                (x0, y0), (x1, y1) = [(px * matrix[0] + py * matrix[2] + matrix[4],
                                       px * matrix[1] + py * matrix[3] + matrix[5]) for px, py in corners]
                path_rects.append(Rule(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))
            elif operator in (b"f", b"f*", b"F"):
                out += path_rects
                path_rects = []
            elif operator in (b"n", b"S", b"s", b"B", b"b"):
                path_rects = []
        pages.append(out)
    return pages
