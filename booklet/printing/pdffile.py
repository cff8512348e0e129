"""A path -> an open pypdf reader, or a ValueError saying plainly why it cannot be read."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PyPdfError


class UnreadablePdf(ValueError):
    """The input is missing, unreadable, not a PDF, encrypted or has no pages."""


def open_pdf(path: Path) -> PdfReader:
    """A reader for the PDF at `path`, its pages ready to use; UnreadablePdf otherwise."""
    path = Path(path)
    try:
        with path.open("rb") as file:
            head = file.read(1024)
    except FileNotFoundError:
        raise UnreadablePdf(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UnreadablePdf(f"{path}: is a folder, not a PDF file") from None
    except OSError as exc:
        raise UnreadablePdf(f"{path}: cannot read it ({exc.strerror or exc})") from None
    if b"%PDF-" not in head:
        raise UnreadablePdf(f"{path}: not a PDF file")
    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            raise UnreadablePdf(f"{path}: the PDF is encrypted; give the printer an unencrypted file")
        if len(reader.pages) == 0:
            raise UnreadablePdf(f"{path}: the PDF has no pages")
    except UnreadablePdf:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise UnreadablePdf(f"{path}: damaged or unsupported PDF ({exc})") from None
    return reader
