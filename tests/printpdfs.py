"""Small PDFs made with ReportLab for the print tests: numbered pages with print boxes, clean and broken."""

from __future__ import annotations

from pathlib import Path

import pypdf
from PIL import Image
from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

BLEED = 3 * mm
TRIM_W, TRIM_H = A5
FONTS = Path(__file__).resolve().parent.parent / "booklet" / "resources" / "fonts"
EMBEDDED = "PrintTestSerif"


def embedded_font() -> str:
    """A TrueType font ReportLab embeds (unlike the standard Helvetica or Times)."""
    if EMBEDDED not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(EMBEDDED, str(FONTS / "GentiumBookPlus-Regular.ttf")))
    return EMBEDDED


class PrintPdf:
    """A ReportLab canvas for A5-trim pages with `bleed` all round, drawing in trim coordinates."""

    def __init__(self, path: Path, *, bleed: float = BLEED, trim_box: bool = True, bleed_box: bool = True,
                 font: str | None = None):
        self.path = Path(path)
        self.bleed = bleed
        self.media = (TRIM_W + 2 * bleed, TRIM_H + 2 * bleed)
        self.trim = (bleed, bleed, bleed + TRIM_W, bleed + TRIM_H)
        self.boxes = (trim_box, bleed_box)
        self.font = font or embedded_font()
        self.canvas = Canvas(str(path), pagesize=self.media, invariant=1, initialFontName=self.font)
        self._start_page()

    def _start_page(self) -> None:
        canvas = self.canvas
        if self.boxes[0]:
            canvas.setTrimBox(self.trim)
        if self.boxes[1]:
            canvas.setBleedBox((0, 0, *self.media))
        canvas.setFillColorCMYK(0, 0, 0, 0.1)  # a tint out to the bleed, as a real background would be
        canvas.rect(0, 0, *self.media, stroke=0, fill=1)
        canvas.setFillColorCMYK(0, 0, 0, 1)
        canvas.translate(self.bleed, self.bleed)

    def number(self, text: str, size: float = 120) -> None:
        """`text` large in the middle of the trim."""
        self.canvas.setFont(self.font, size)
        self.canvas.drawCentredString(TRIM_W / 2, TRIM_H / 2 - size / 3, text)

    def text(self, x: float, y: float, text: str, size: float = 10) -> None:
        self.canvas.setFont(self.font, size)
        self.canvas.drawString(x, y, text)

    def image(self, pixels: int, width: float, mode: str = "L") -> None:
        """A `pixels` x `pixels` image drawn `width` points wide in the middle of the trim."""
        picture = Image.new(mode, (pixels, pixels), 128 if mode == "L" else (200, 40, 40))
        self.canvas.drawImage(ImageReader(picture), (TRIM_W - width) / 2, (TRIM_H - width) / 2, width, width)

    def next_page(self) -> None:
        self.canvas.showPage()
        self._start_page()

    def save(self) -> Path:
        self.canvas.showPage()
        self.canvas.save()
        return self.path


def numbered_pdf(path: Path, pages: int, *, link: bool = False, **options) -> Path:
    """Page i (1-based) shows a big "i" in the middle; `link` adds a URL link to every page."""
    pdf = PrintPdf(path, **options)
    for number in range(1, pages + 1):
        if number > 1:
            pdf.next_page()
        pdf.number(str(number))
        if link:
            pdf.canvas.linkURL("https://example.org", (20, 20, 80, 40), relative=1)
    return pdf.save()


def numbers_by_half(page: pypdf.PageObject) -> tuple[list[str], list[str]]:
    """The digit runs shown on the left and right halves of a (sheet) page, from text positions."""
    middle = float(page.mediabox.width) / 2
    left: list[str] = []
    right: list[str] = []

    def visit(text, cm, tm, font, size):
        if not text.strip():
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        (left if x < middle else right).append(text.strip())

    page.extract_text(visitor_text=visit)
    return left, right
