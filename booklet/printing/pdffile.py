"""A path -> an open pypdf reader, or a ValueError saying plainly why it cannot be read, naming the file."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from pypdf import PageObject, PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, NameObject, NullObject

Box = tuple[float, float, float, float]
# The page boxes, and the box each one is taken from when a page has none (PDF 32000, 14.11.2).
BOXES = {"/MediaBox": (), "/CropBox": ("/MediaBox",), "/BleedBox": ("/CropBox", "/MediaBox"),
         "/TrimBox": ("/CropBox", "/MediaBox")}
READING_ERRORS = (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, ZeroDivisionError,
                   RecursionError)


class UnreadablePdf(ValueError):
    """The input is missing, unreadable, not a PDF, encrypted, has no pages or a page without a usable box."""


def open_pdf(path: Path) -> PdfReader:
    """A reader for the PDF at `path`, its pages ready to use, each with usable page boxes; UnreadablePdf otherwise."""
    path = Path(path)
    try:
        with path.open("rb") as file:
            head = file.read(1024)
    except FileNotFoundError:
        raise UnreadablePdf(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UnreadablePdf(f"{path}: is a folder, not a PDF file") from None
    except NotADirectoryError:  # (`impose notes.txt/x.pdf`: the system's words were "Not a directory")
        from ..output.atomic import file_in_the_way

        raise UnreadablePdf(f"{path}: no such file: {file_in_the_way(path) or path.parent} is a file, not a folder") \
            from None
    except OSError as exc:
        raise UnreadablePdf(f"{path}: cannot read it ({exc.strerror or exc})") from None
    if b"%PDF-" not in head:
        raise UnreadablePdf(f"{path}: not a PDF file")
    with reading(path):
        reader = PdfReader(path)
        if reader.is_encrypted:
            raise UnreadablePdf(f"{path}: the PDF is encrypted; give the printer an unencrypted file")
        if len(reader.pages) == 0:
            raise UnreadablePdf(f"{path}: the PDF has no pages")
        for number, page in enumerate(reader.pages, 1):
            for name in BOXES:
                if name == "/MediaBox" or name in page:
                    _check_box(page, name, path, number)
            wrong = rotation_problem(page)
            if wrong:
                raise UnreadablePdf(f"{path}: page {number}: {wrong}")
    return reader


def rotation_problem(page: PageObject) -> str | None:
    """What is wrong with the page's /Rotate (inherited too), or None: it must be a whole number of quarter turns
    (PDF 32000, 7.7.3.3); 45 is no turn a viewer, a printer or booklet can agree on."""
    value = page.get("/Rotate", 0)
    value = value.get_object() if hasattr(value, "get_object") else value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value % 90 == 0:
        return None  # (0.0, a real number of a whole quarter turn, is one too)
    return f"its /Rotate is {value!r}, not a multiple of 90 (a damaged page: save it again from the program that made it)"


@contextmanager
def reading(path: Path):
    """Any failure of pypdf on the PDF at `path` (a damaged object met while reading it) -> UnreadablePdf naming it.

    Wrap every use of a reader's pages in it: pypdf reads objects as they are first used.
    """
    try:
        yield
    except UnreadablePdf:
        raise
    except READING_ERRORS as exc:
        raise UnreadablePdf(f"{path}: damaged or unsupported PDF ({exc})") from exc


def page_box(page: PageObject, name: str) -> Box:
    """The box `name` of `page` (or the one it defaults to) as (left, bottom, right, top): corners given in
    another order are put in this one. For pages of a PDF opened with open_pdf (boxes checked)."""
    value = page.get(name, NullObject()).get_object()
    for fallback in BOXES[name]:
        if not isinstance(value, ArrayObject):
            value = page.get(fallback, NullObject()).get_object()
    x0, y0, x1, y1 = (float(v.get_object()) for v in value)
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def _check_box(page: PageObject, name: str, path: Path, number: int) -> None:
    """UnreadablePdf unless the page's box `name` is four numbers enclosing an area."""
    value = page.get(name, NullObject()).get_object()
    numbers = [v.get_object() for v in value] if isinstance(value, ArrayObject) else []
    if len(numbers) == 4 and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in numbers):
        x0, y0, x1, y1 = (float(v) for v in numbers)
        if abs(x1 - x0) > 0 and abs(y1 - y0) > 0:
            return
    shown = f"no {name[1:]}" if name not in page else f"{name[1:]} {_pdf_text(value)}"
    raise UnreadablePdf(f"{path}: page {number} has no usable page box ({shown})")


def _pdf_text(value) -> str:
    """A PDF value as it is written in the file, shortened: '[0 0 0 0]', '/A5', '(text)'."""
    value = value.get_object() if hasattr(value, "get_object") else value
    if isinstance(value, ArrayObject):
        text = "[" + " ".join(_pdf_text(v) for v in value) + "]"
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, (int, float)):
        text = f"{float(value):.4f}".rstrip("0").rstrip(".")
    elif isinstance(value, NameObject):
        text = str(value)
    elif isinstance(value, str):
        text = f"({value})"
    elif isinstance(value, NullObject) or value is None:
        text = "null"
    else:
        text = type(value).__name__
    return text if len(text) <= 60 else text[:57] + "..."
