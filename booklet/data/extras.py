"""conference.yaml's `sponsors`, `extra_pages` and `qr_codes` -> Sponsor, ExtraPage and QrCode values, every
problem reported with file, line and key (a missing file, a PDF of several pages, a text too long for a QR code)."""

from __future__ import annotations

import stat

from .. import images
from ..cache import memory
from ..model import ExtraPage, QrCode, Source, Sponsor
from .contract import EXTRA_PAGE, QR_CODE, SPONSOR
from .fields import Fields, Report, each_mapping

QR_LEVEL = "M"  # error correction: a code still reads with about 15 % of it smudged
QR_CAPTION_MAX = 300  # characters: a few lines under a code, on any page (a longer one ran off the page)
# characters: the name of a sponsor with a logo, printed under it (theme.yaml's `sponsors: {names: true}`) in a line or a
# few at its size (one without a logo is shrunk into the logo's box); a name of 1,000 made its row of logos taller than
# the page (a build stopped with an internal error)
SPONSOR_NAME_MAX = 300
QR_MAX_BYTES = 2213  # the most text (bytes in UTF-8) ReportLab's encoder fits in one code at that level ...
QR_MAX_DIGITS = 5313  # ... of a text of digits alone (its numeric mode)
QR_MAX_ALPHANUMERIC = 3220  # ... of capitals, digits, spaces and $%*+-./: alone (its alphanumeric mode)
_ALPHANUMERIC = set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")


def read_extras(report: Report, f: Fields) -> dict:
    """The Conference fields `sponsors`, `extra_pages` and `qr_codes` of conference.yaml's Fields `f`."""
    return dict(sponsors=_sponsors(report, f), extra_pages=_extra_pages(report, f), qr_codes=_qr_codes(report, f))


def _sponsors(report: Report, f: Fields) -> tuple[Sponsor, ...]:
    path, out = f.at("sponsors"), []
    for index, item in each_mapping(report, f.seq("sponsors") or (), path, "a sponsor", SPONSOR):
        g = Fields(report, item, f"{path}[{index}]", SPONSOR)
        name, logo, tier, url = g.text("name", required=True), g.image("logo"), g.text("tier"), g.web("url", printed=False)
        if name is not None and logo is not None and len(name) > SPONSOR_NAME_MAX:
            g.error("name", f"too long for the name of a sponsor with a logo: {len(name)} characters, and one holds at "
                            f"most {SPONSOR_NAME_MAX} (theme.yaml's `sponsors: {{names: true}}` prints it under the logo)")
            continue
        if name:
            out.append(Sponsor(name, logo, tier, url))
    return tuple(out)


def _extra_pages(report: Report, f: Fields) -> tuple[ExtraPage, ...]:
    path, out = f.at("extra_pages"), []
    for index, item in each_mapping(report, f.seq("extra_pages") or (), path, "an extra page", EXTRA_PAGE):
        g = Fields(report, item, f"{path}[{index}]", EXTRA_PAGE)
        after = g.choice("after", "") or None
        title = g.text("title")
        page = _page_file(report, g)
        if page is not None:
            out.append(ExtraPage(page[0], page[1], after, title, Source(g.file, g.line("after"), g.at("after"))))
    return tuple(out)


def _page_file(report: Report, g: Fields):
    """(path, is a PDF) of an extra page's `file`; None, with an error at the key, when it cannot be placed."""
    from ..layout import pdfpage

    name = g.text("file", required=True, printed=False)
    if name is None:
        return None
    try:
        path = images.located(report.root, name)
        info = path.stat()
    except FileNotFoundError:
        from ..images import not_found

        g.error("file", f"'{name}': {images.dangling(report.root, name) or not_found(path, report.root)}")
        return None
    except (OSError, RuntimeError) as exc:  # a name too long for the file system, a loop of links (RuntimeError), ...
        g.error("file", f"'{name}': cannot be read ({getattr(exc, 'strerror', None) or exc})")
        return None
    if not stat.S_ISREG(info.st_mode):  # (images.check says what it is: a folder, a FIFO, a device)
        g.error("file", f"'{name}': {images.check(path, report.root)}")
        return None
    pdf = pdfpage.is_pdf(path)
    problem = pdfpage.check(path) if pdf else images.check(path, report.root)
    if problem:
        hint = "" if pdf or problem.startswith("cannot be read") else \
            "; an extra page is an image (PNG, JPEG, ...) or a one-page PDF"
        g.error("file", f"'{name}': {problem}{hint}")
        return None
    report.image_sources.setdefault(path, Source(g.file, g.line("file"), g.at("file")))
    report.named.setdefault(name, path)
    return path, pdf


def qr_modules(text: str) -> tuple[tuple[bool, ...], ...]:
    """The modules of `text`'s QR code (at booklet's error correction), row by row, True for dark, as ReportLab's
    encoder makes them for drawing (its mask chosen: what takes the time); once per text in a build or a watch's
    builds, and kept on disk as plain values (drawing them needs none of ReportLab's barcode modules). The text
    fits (checked when the data was read)."""
    return memory.kept("qr", ("modules", text, QR_LEVEL),
                       lambda: tuple(tuple(map(bool, row)) for row in _encoded(text, choose_mask=True).modules))


def qr_problem(text: str) -> str | None:
    """None when `text` fits in a QR code (at booklet's error correction), else what is wrong (checked once
    per text in a build or a watch's builds)."""
    if not memory.kept("qr", ("fits", text, QR_LEVEL), lambda: _encoded(text, choose_mask=False) is not None):
        if text.isascii() and text.isdigit():
            size = f"{len(text)} digits, and a code holds at most {QR_MAX_DIGITS}"
        elif set(text) <= _ALPHANUMERIC:
            size = f"{len(text)} capitals, digits and signs, and a code holds at most {QR_MAX_ALPHANUMERIC}"
        else:
            size = f"{len(text.encode('utf-8'))} bytes, and a code holds at most {QR_MAX_BYTES}"
        return (f"too long for a QR code: {size} (a long code is also hard to scan: put a short web address in it, "
                "pointing at the rest)")
    return None


def _encoded(text: str, choose_mask: bool):
    """ReportLab's QR encoder with `text` laid out in its modules, or None when it does not fit. Drawing needs
    the mask chosen (make() lays the code out 8 times to choose it); checking that it fits does not (the data
    laid out once, as make() does it after choosing: it fits, or raises the same)."""
    from reportlab.graphics.barcode.qr import QrCode as Encoder

    try:
        code = Encoder(text, qrLevel=QR_LEVEL).qr
        if choose_mask:
            code.make()
        else:
            code.version = code.version or code.calculate_version()
            code.makeImpl(False, 0)
    except Exception:  # noqa: BLE001 - ReportLab's encoder raises a bare Exception ("code length overflow")
        return None
    return code


def _qr_codes(report: Report, f: Fields) -> tuple[QrCode, ...]:
    path, out = f.at("qr_codes"), []
    for index, item in each_mapping(report, f.seq("qr_codes") or (), path, "a QR code", QR_CODE):
        g = Fields(report, item, f"{path}[{index}]", QR_CODE)
        text, caption = g.text("text", required=True, printed=False), g.text("caption")
        if caption is not None and len(caption) > QR_CAPTION_MAX:
            g.error("caption", f"too long to print under a QR code: {len(caption)} characters, and a caption holds "
                               f"at most {QR_CAPTION_MAX} (put the rest in `places` or `notes`)")
            continue
        if text is None:
            continue
        problem = qr_problem(text)
        if problem:
            g.error("text", problem)
            continue
        out.append(QrCode(text, caption))
    return tuple(out)
