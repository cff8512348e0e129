"""The extra pages -> warnings for titles too long for an entry in the contents, for those whose `after:` names a
section that theme.yaml's `sections` leaves out (such a page goes at the end, before the Notes pages and the back
cover), for PDFs that leave fonts out, for PDFs whose page prints nothing, for PDFs whose lines print thinner than
print holds and for PDFs whose trim box lies off their page."""

from __future__ import annotations

from ..data.contract import LABEL_MAX
from ..data.locate import Lines
from ..model import Booklet, ExtraPage, Source
from ..problems import Problem

TITLE_MAX = LABEL_MAX  # characters of an extra page's title: its entry in the contents, as a section's label is


def extra_pdfs(booklet: Booklet) -> list[tuple[ExtraPage, Source]]:
    """Each extra page that is a PDF, with where the data names its file."""
    return [(extra, booklet.image_sources.get(extra.file) or extra.source or Source("", 0, ""))
            for extra in booklet.conference.extra_pages if extra.is_pdf]


def placed_scale(booklet: Booklet, extra: ExtraPage, page) -> float:
    """The scale an extra page's PDF prints at: its page fitted in the text block (`page`: the layout's Page), turned
    as the layout turns it."""
    from ..layout import pdfpage
    from ..layout.extras import fitted_box

    box_width, box_height = fitted_box(booklet, extra, page)
    width, height = pdfpage.size(extra.file)
    return min(box_width / width, box_height / height)


def placed_facts(booklet: Booklet, page, fact) -> list[tuple[ExtraPage, Source, object, float]]:
    """Each extra page that is a PDF with where the data names its file, `fact` of its file (a pdfpage function) and
    the scale it prints at (placed_scale): those whose fact is None (a PDF not placed) left out."""
    placed = []
    for extra, source in extra_pdfs(booklet):
        value = fact(extra.file)
        if value is not None:
            placed.append((extra, source, value, placed_scale(booklet, extra, page)))
    return placed


def check_extra_pages(booklet: Booklet, lines: Lines) -> list[Problem]:
    from ..layout.extras import place_of

    problems = []
    for page in booklet.conference.extra_pages:
        title = " ".join((page.title or "").split())
        if len(title) > TITLE_MAX and page.source:
            key = page.source.key.rsplit(".", 1)[0] + ".title"
            problems.append(Problem(page.source.file, lines.line(page.source.file, key, page.source.line), key,
                                    f"the title is {len(title):,} characters: its entry in the contents prints it whole, "
                                    "over many lines, and the PDF outline as one line; an extra page's title is a few words (at most "
                                    f"{TITLE_MAX} characters, as a section's heading)", "warning", "extra-page-title"))
        if page.after and place_of(page, booklet.theme.sections) is None and page.source:
            problems.append(Problem(page.source.file, page.source.line, page.source.key,
                                    f"'{page.after}' is not printed (theme.yaml's `sections` leaves it out): the page "
                                    "goes at the end, before the Notes pages and the back cover", "warning",
                                    "extra-page-place"))
    return problems


def check_extra_page_fonts(booklet: Booklet, page) -> list[Problem]:
    """A warning for each extra page's PDF that prints text in a font it does not embed (a map made with the standard
    Helvetica): placed as it is, the page keeps the font's name only, the printer's RIP substitutes a font of its own
    and 'booklet preflight' fails the booklet. Not in a --cmyk build (`page.cmyk`), which renders the page at 300 dpi
    with the fonts the renderer has: nothing of the font is left to substitute."""
    from ..images import PRINT_DPI
    from ..layout import pdfpage

    if page.cmyk:
        return []
    problems = []
    for extra, source in extra_pdfs(booklet):
        fonts = pdfpage.unembedded_fonts(extra.file)  # (none too: a PDF not placed)
        if not fonts:
            continue
        named = ", ".join(fonts[:-1]) + f" and {fonts[-1]}" if len(fonts) > 1 else fonts[0]
        them = "them" if len(fonts) > 1 else "it"
        problems.append(Problem(
            source.file, source.line, source.key,
            f"{extra.file.name} prints text in {named} without embedding {them}: the printer substitutes a font of "
            f"its own (other letter widths, characters missing) and 'booklet preflight' fails the booklet; export the "
            f"PDF with its fonts embedded (PDF/X or 'embed all fonts' in the program's PDF export), or build with "
            f"--cmyk, which renders the page at {PRINT_DPI} dpi", "warning", "font-not-embedded"))
    return problems


def check_blank_extra_pages(booklet: Booklet) -> list[Problem]:
    """A warning for each extra page's PDF whose page prints nothing where it is placed (an empty page, a page all
    white, a map whose drawing lies outside its trim box): the booklet would print a blank page, named in the
    contents, and the print shop would ask whether that is meant."""
    from ..layout import pdfpage

    problems = []
    for extra, source in extra_pdfs(booklet):
        if not pdfpage.is_blank(extra.file):
            continue
        problems.append(Problem(
            source.file, source.line, source.key,
            f"{extra.file.name}: its page prints nothing (it draws nothing, or only white, or only outside its trim "
            "box): the booklet would print an empty page, named in the contents; export the page again from the "
            "program that made it, or leave the entry out", "warning", "extra-page-blank"))
    return problems


def check_thin_extra_page_lines(booklet: Booklet, page) -> list[Problem]:
    """A warning for each extra page's PDF that strokes a line thinner than THIN_LINE as the page prints, fitted in
    the text block (`page`: the layout's Page): a hairline (`0 w`), or a map's lines thinned as it is placed smaller.
    They break up or vanish on the plate, and 'booklet preflight' fails the booklet; a --cmyk build (`page.cmyk`)
    renders the page at 300 dpi, which hides them from preflight but makes no line thicker: the message says so."""
    from ..images import PRINT_DPI
    from ..layout import pdfpage
    from ..printing.paper import THIN_LINE, line_width_text, mm_text, points_text

    problems = []
    for extra, source, thinnest, scale in placed_facts(booklet, page, pdfpage.thinnest_line):
        printed = thinnest * scale
        if not scale > 0 or printed >= THIN_LINE - 0.005:
            continue
        at = "" if thinnest == 0 else f" (fitted in the text block at {scale:.0%} of its size)"
        told = (f"a --cmyk build renders the page at {PRINT_DPI} dpi, which hides them from 'booklet preflight' but "
                "makes them no thicker" if page.cmyk else "'booklet preflight' fails the booklet")
        problems.append(Problem(
            source.file, source.line, source.key,
            f"{extra.file.name} draws lines of {line_width_text(printed)}{',' * (thinnest == 0)} as the page "
            f"prints{at}, thinner than the "
            f"{points_text(THIN_LINE)} pt ({mm_text(THIN_LINE)} mm) print holds: they may break up or vanish on the "
            f"plate, and {told}; draw them thicker in the program that made the PDF and export it again",
            "warning", "thin-lines"))
    return problems


def check_extra_page_trim(booklet: Booklet) -> list[Problem]:
    """A warning for each extra page's PDF whose TrimBox reaches outside its page (its MediaBox, or its CropBox within
    it): booklet places the part of the trim box on the page, or, when none of it is, the whole page, as a PDF reader
    shows it (layout.pdfpage._box); which part the map's maker meant as the finished page the file no longer says,
    and a printer would want to know that its boxes are wrong."""
    from ..layout import pdfpage

    problems = []
    for extra, source in extra_pdfs(booklet):
        off = pdfpage.trim_off_page(extra.file)
        if off is None:
            continue
        trim, page, nothing_on = off
        placed = (f"lies outside its page {_box_text(page)}: the finished page it should mark is nowhere on it, and "
                  "booklet places the whole page, as a PDF reader shows it" if nothing_on else
                  f"reaches outside its page {_box_text(page)}: booklet places the part of it on the page")
        problems.append(Problem(
            source.file, source.line, source.key,
            f"{extra.file.name}: its TrimBox {_box_text(trim)} {placed}; look at that page of the booklet, or export "
            "the PDF again from the program that made it, with its trim box on the page (or none)", "warning",
            "extra-page-trim"))
    return problems


def _box_text(box) -> str:
    """A PDF box as the file writes it: [left bottom right top], in points."""
    return "[" + " ".join(f"{value:.1f}".rstrip("0").rstrip(".") for value in (v + 0.0 for v in box)) + "]"
