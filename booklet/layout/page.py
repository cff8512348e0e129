"""A page size name -> the page geometry (trim size, margins, columns) every layout module uses."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.pagesizes import A4, A5, letter
from reportlab.lib.units import mm

from ..printing.paper import INK_LIMIT

PAGE_SIZES = {
    "A5": A5,
    "A4": A4,
    "B5": (176 * mm, 250 * mm),
    "letter": letter,
}


MARKS_ROOM = 12 * mm  # beyond the bleed: where crop marks go
HEAD_GAP = 4 * mm  # at least this between the two halves of a running head
HEAD_SIZE = 0.75  # of the text's size: the running heads'


def head_width(page: "Page", beside_day: bool) -> float:
    """How wide a running head may be: half the text's width; less the gap between the two halves beside a day's
    name (output.render draws them, shortened with an ellipsis to this; lint.cover warns of a title cut so)."""
    return (page.text_width - HEAD_GAP) / 2 if beside_day else page.text_width / 2


def head_paragraph(text: str, font: str, size: float, limit: float, color=None, right: bool = False):
    """A running head's paragraph (markup `text`), cut with an ellipsis to `limit` wide (see shortened)."""
    from reportlab.lib.colors import black
    from reportlab.lib.enums import TA_LEFT, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    style = ParagraphStyle("head", fontName=font, fontSize=size, leading=size * 1.2, textColor=color or black,
                           alignment=TA_RIGHT if right else TA_LEFT)
    return shortened(Paragraph(text, style), style, limit)


def shortened(para, style, limit: float):
    """`para` (a ReportLab Paragraph), or a copy cut with an ellipsis, at most `limit` wide (its fragments keep their
    fonts): a running head too wide for its room (output.render draws it; lint.cover says what it prints)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import Paragraph

    widths = [stringWidth(f.text, f.fontName, f.fontSize) for f in para.frags]
    if sum(widths) <= limit:
        return para
    ellipsis = para.frags[0].clone(text="\u2026", fontName=style.fontName, fontSize=style.fontSize, rise=0)
    room = limit - stringWidth(ellipsis.text, ellipsis.fontName, ellipsis.fontSize)
    kept = []
    for frag, width in zip(para.frags, widths):
        if width <= room:
            kept.append(frag)
            room -= width
            continue
        text = frag.text
        while text and stringWidth(text, frag.fontName, frag.fontSize) > room:
            text = text[:-1]
        if text and not frag.text[len(text):len(text) + 1].isspace() and not text[-1:].isspace():  # inside a word:
            whole = text.rsplit(" ", 1)[0] if " " in text else ""  # cut after the word before ("...und…")
            text = whole if whole or any(f.text.strip() for f in kept) else text  # (one word alone: cut in it)
        if text:
            kept.append(frag.clone(text=text.rstrip(" ,;:\u2013\u2014-")))
        break
    while kept and not kept[-1].text.strip():
        kept.pop()
    if kept:
        kept[-1] = kept[-1].clone(text=kept[-1].text.rstrip())
    return Paragraph("", style, frags=kept + [ellipsis])

# A text block wider than this sets running text (an abstract's) in two columns: one line across it would hold
# about 100 characters and more (A4's 170 mm, letter's 176 mm), past what an eye follows back to the next line's
# start; A5's 118 mm and B5's 136 mm hold 70-90.
WIDE_TEXT = 150 * mm


@dataclass(frozen=True)
class Page:
    """Trim size, the text block inside it, and the bleed and marks around it, in points.

    Layout works in trim coordinates (0, 0 is the trim's lower left corner); `origin` is where
    that corner sits on the PDF's MediaBox.
    """

    name: str
    width: float
    height: float
    margin: float
    top: float
    bottom: float
    base_size: float
    bleed: float = 0.0
    marks: bool = False
    cmyk: bool = False  # images converted to CMYK, every colour checked to be CMYK
    ink_limit: int = INK_LIMIT  # per cent: the most total ink (C + M + Y + K) a colour or an image's pixel takes in CMYK

    @property
    def process(self) -> bool | int:
        """What images and colours are made for (styles.ink, images.printable): False for RGB, else the total ink
        limit their CMYK keeps under, in per cent."""
        return self.ink_limit if self.cmyk else False

    @property
    def origin(self) -> float:
        return self.bleed + (MARKS_ROOM if self.marks else 0.0)

    @property
    def media_size(self) -> tuple[float, float]:
        return self.width + 2 * self.origin, self.height + 2 * self.origin

    @property
    def trim_box(self) -> tuple[float, float, float, float]:
        o = self.origin
        return (o, o, o + self.width, o + self.height)

    @property
    def bleed_box(self) -> tuple[float, float, float, float]:
        x0, y0, x1, y1 = self.trim_box
        b = self.bleed
        return (x0 - b, y0 - b, x1 + b, y1 + b)

    @property
    def text_width(self) -> float:
        return self.width - 2 * self.margin

    @property
    def text_height(self) -> float:
        return self.height - self.top - self.bottom

    @property
    def text_columns(self) -> int:
        """How many columns running text is set in on this page (see WIDE_TEXT)."""
        return 2 if self.text_width > WIDE_TEXT else 1

    @property
    def max_tracks(self) -> int:
        """How many parallel sessions fit side by side."""
        return max(1, int(self.text_width // (42 * mm)))


def page_for(name: str, bleed: float = 0.0, marks: bool = False, cmyk: bool = False, ink_limit: int = INK_LIMIT) -> Page:
    width, height = PAGE_SIZES[name]
    small = width < 160 * mm
    margin = 15 * mm if small else 20 * mm
    return Page(
        name=name,
        width=width,
        height=height,
        margin=margin,
        top=margin + 4 * mm,
        bottom=margin + 2 * mm,
        base_size=9.5 if small else (10.0 if width < 180 * mm else 10.5),
        bleed=bleed,
        marks=marks,
        cmyk=cmyk,
        ink_limit=ink_limit,
    )
