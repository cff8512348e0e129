"""tests/math_corpus.yaml -> one A4 page of every snippet, as booklet sets abstract text, in PDF and PNG.

    .venv/bin/python tools/math_corpus_page.py [OUT_DIR] [--dpi 200]

Writes OUT_DIR/math-corpus.pdf and OUT_DIR/math-corpus.png (OUT_DIR defaults to the current folder):
a page to look at after a change to inline math, each snippet's TeX source in grey beside it.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from xml.sax.saxutils import escape

import pypdfium2 as pdfium
import yaml
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

from booklet.layout.flowables import Para
from booklet.layout.page import page_for
from booklet.layout.styles import make_palette, make_styles
from booklet.text import markup
from booklet.text.fonts import BODY, SANS, register_fonts

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "math_corpus.yaml"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", default=".", type=Path)
    parser.add_argument("--dpi", type=float, default=200)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    pdf_path = args.out / "math-corpus.pdf"

    register_fonts()
    text = make_styles(page_for("A5")).text  # the abstracts' style, at the A5 size
    style = ParagraphStyle("corpus", parent=text, alignment=TA_LEFT, spaceAfter=0)
    source = ParagraphStyle("source", fontName=SANS, fontSize=6.2, leading=7.5, textColor=make_palette().muted)
    entries = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))
    rows = [[Para(escape(e["tex"]), source), Para(markup.inline(e["tex"]), style)] for e in entries]
    table = Table(rows, colWidths=[250, 270])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("FONTNAME", (0, 0), (-1, -1), BODY),
                               ("TOPPADDING", (0, 0), (-1, -1), 0.2), ("BOTTOMPADDING", (0, 0), (-1, -1), 0.2)]))
    doc = SimpleDocTemplate(str(pdf_path), pagesize=A4, leftMargin=36, rightMargin=36, topMargin=20,
                            bottomMargin=20, invariant=1, initialFontName=BODY)
    doc.build([table])

    pdf = pdfium.PdfDocument(str(pdf_path))
    for index in range(len(pdf)):
        suffix = "" if len(pdf) == 1 else f"-{index + 1}"
        pdf[index].render(scale=args.dpi / 72).to_pil().save(args.out / f"math-corpus{suffix}.png")
    print(f"Wrote {pdf_path} ({len(pdf)} page{'s' if len(pdf) > 1 else ''}) and its PNG")


if __name__ == "__main__":
    main()
