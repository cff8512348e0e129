"""PDF pages -> PNG files, rendered by PDFium (pypdfium2), each written atomically: for proofs and previews."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from pathlib import Path

from .atomic import write_bytes

PNG_SCALE = 2.0  # 144 dpi: an A5 page is 840 x 1191 pixels, small print still legible in an email


SOFTWARE = "booklet"  # the PNGs' "Software" text: what tells a page PNG booklet wrote from a file of the same name


def _signed():
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Software", SOFTWARE)
    return info


def written_here(path: Path) -> bool:
    """Whether the file at `path` is a PNG that write_pngs wrote (its "Software" text, in the chunks before the
    image's, says so): a file of another kind, or another program's PNG, is not."""
    try:
        with open(path, "rb") as file:
            head = file.read(4096)
    except OSError:
        return False
    return head.startswith(b"\x89PNG\r\n\x1a\n") and b"tEXtSoftware\x00" + SOFTWARE.encode() in head


def write_pngs(pdf: bytes | Path, target: Callable[[int], Path], pages: Iterable[int] | None = None,
               scale: float = PNG_SCALE, unchanged: Callable[[int, bytes], bool] | None = None) -> list[Path]:
    """Render the 0-based `pages` of `pdf` (all when None) at `scale` x 72 dpi; page i goes to `target(i)`,
    unless `unchanged(i, its bytes)` says it need not be written (it is there already).

    Each file replaces an older one of its name only once it is completely written. The same
    PDF and scale always give byte-identical files (PDFium renders deterministically; the PNG
    carries no time stamp), signed as booklet's (SOFTWARE: see written_here). PDFium is not thread-safe: render in one thread per process.
    """
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf if isinstance(pdf, bytes) else str(pdf))
    written = []
    try:
        for index in range(len(document)) if pages is None else pages:
            page = document[index]
            try:
                image = page.render(scale=scale).to_pil()
            finally:
                page.close()
            buffer = io.BytesIO()
            dpi = round(72 * scale)
            image.save(buffer, "PNG", compress_level=1, dpi=(dpi, dpi), pnginfo=_signed())  # level 1: encoding is
            # most of the time
            path = target(index)
            if unchanged is None or not unchanged(index, buffer.getvalue()):
                write_bytes(path, buffer.getvalue())
            written.append(path)
    finally:
        document.close()
    return written
