"""A conference folder's abstract texts -> a PDF laid out by plain ReportLab (the benchmark's baseline).

What booklet would cost if it did nothing of its own: the same talk abstracts and poster entries
(title, author line, affiliations, text paragraphs), the same fonts (booklet.text.fonts.register_fonts)
and paragraph styles (booklet.layout.styles.make_styles), the same A5 text block, one talk
abstract per page and the posters flowing after them, laid out by SimpleDocTemplate in one pass.

Left out, on purpose, because they are booklet's own work: validation, the markup pass (math,
emphasis, font fallback: the text is only XML-escaped, so `$\\sim 30\\%$` prints as typed), the
cover, contents, programme, photos, anchors, links, outline, running heads and page references.

    python bench/baseline.py DATA_DIR -o OUT.pdf     # prints "Wrote OUT.pdf (N pages, A5)."
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # booklet from this checkout, installed or not

import yaml  # noqa: E402
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate  # noqa: E402

from booklet.text.fonts import BODY, register_fonts  # noqa: E402
from booklet.layout.page import page_for  # noqa: E402
from booklet.layout.styles import make_styles  # noqa: E402

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Paragraph(Paragraph):
    """Paragraph, except for one ReportLab 5.1 bug: with hyphenation, the first part of a split can
    re-wrap to one line more than the height it was split for (LayoutError "Splitting error(n==2)").
    Split again one line shorter then; this costs nothing when the bug does not strike."""

    def split(self, availWidth, availHeight):
        parts = Paragraph.split(self, availWidth, availHeight)
        while len(parts) == 2 and availHeight > 0 and parts[0].wrap(availWidth, availHeight)[1] > availHeight:
            availHeight -= self.style.leading
            parts = Paragraph.split(self, availWidth, availHeight)
        return parts


def _load(path: Path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) if path.exists() else None


def _text(value) -> str:
    return escape(" ".join(str(value).split()))


def _paragraphs(text) -> list[str]:
    chunks = str(text or "").replace("\r\n", "\n").split("\n\n")
    return [_text(c) for c in chunks if c.strip()]


def _authors(entry: dict) -> list[dict]:
    """The author list of an abstract or poster, whichever form the data uses."""
    if "authors" in entry:
        return list(entry["authors"])
    if "speaker" in entry:
        return [entry["speaker"]]
    return [{"name": entry.get("author", ""), "affiliation": entry.get("affiliation")}]


def _affiliations(people: list[dict]) -> list[str]:
    seen: dict[str, None] = {}
    for person in people:
        aff = person.get("affiliation")
        for a in ([aff] if isinstance(aff, str) else aff or []):
            seen.setdefault(a, None)
    return list(seen)


def _entry(entry: dict, styles, title_style) -> list:
    people = _authors(entry)
    story = [_Paragraph(_text(entry.get("title", "")), title_style),
             _Paragraph(", ".join(_text(p.get("name", "")) for p in people), styles.person)]
    story += [_Paragraph(_text(a), styles.affiliation) for a in _affiliations(people)]
    story += [_Paragraph(p, styles.text) for p in _paragraphs(entry.get("abstract"))]
    return story


def build_baseline(data_dir: Path, output: Path, page_size: str = "A5") -> int:
    """Lay the folder's abstracts and posters out into `output`; returns the page count."""
    conference = _load(data_dir / "conference.yaml") or {}
    abstracts = list(_load(data_dir / "abstracts.yaml") or [])
    if (data_dir / "abstracts").is_dir():
        abstracts += [_load(p) for p in sorted((data_dir / "abstracts").glob("*.yaml"))]
    posters = list(_load(data_dir / "posters.yaml") or [])

    register_fonts()
    page = page_for(page_size)
    styles = make_styles(page, str(conference.get("language", "en")))
    story: list = []
    for i, abstract in enumerate(abstracts):
        if i:
            story.append(PageBreak())
        story += _entry(abstract, styles, styles.title)
    if posters:
        story.append(PageBreak())
        for poster in posters:
            story += _entry(poster, styles, styles.subheading)

    doc = SimpleDocTemplate(str(output), pagesize=(page.width, page.height), leftMargin=page.margin,
                            rightMargin=page.margin, topMargin=page.top, bottomMargin=page.bottom,
                            initialFontName=BODY, invariant=1)
    doc.build(story)
    return doc.page


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--page-size", default="A5")
    args = parser.parse_args()
    pages = build_baseline(args.data_dir, args.output, args.page_size)
    print(f"Wrote {args.output} ({pages} pages, {args.page_size}).")


if __name__ == "__main__":
    main()
