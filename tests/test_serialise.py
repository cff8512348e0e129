"""The quicker PDF serialisation (booklet.output.serialise): ReportLab's bytes, byte for byte, with and
without a warm cache of compressed streams."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab import rl_config
from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen import canvas

from booklet.build import PrintOptions, build_booklet
from booklet.cache import BuildCache
from booklet.output import serialise

from .helpers import BASE, write_conference
from .pdftext import Pdf

LONG = "A paragraph (with parentheses), caf\u00e9 \u2013 $\\alpha$ and *emphasis*, long enough to wrap. " * 5


def _abstracts(text: str) -> str:
    return BASE["abstracts.yaml"].replace("abstract: Some text.", f"abstract: |\n    {text}")


def _folder(tmp_path: Path, text: str = LONG) -> Path:
    return write_conference(tmp_path / "data", {"abstracts.yaml": _abstracts(text)})


def _build(folder: Path, out: Path, **kwargs) -> bytes:
    build_booklet(folder, out, **kwargs)
    return out.read_bytes()


def test_the_quicker_formatting_is_in_place_and_gives_reportlabs_own_bytes(tmp_path):
    folder = _folder(tmp_path)
    for options in (None, PrintOptions(page_size="A4", cmyk=True, crop_marks=True)):
        with serialise.plain():
            assert pdfdoc.format is not serialise._format
            plain = _build(folder, tmp_path / "plain.pdf", options=options)
        assert serialise.install()  # this ReportLab is one the replacements were checked against
        quick = _build(folder, tmp_path / "quick.pdf", options=options)
        assert pdfdoc.format is serialise._format and pdfdoc.PDFDictionary.format is serialise._dictionary
        assert canvas.fp_str is serialise._fp
        assert quick == plain
    assert "caf\u00e9" in " ".join(Pdf(tmp_path / "quick.pdf").texts)


@pytest.mark.parametrize("settings", [{}, {"pdfMultiLine": 1}, {"invariant": 0, "pdfComments": 1}])
def test_the_replacements_follow_reportlabs_switches(monkeypatch, settings):
    """Sample objects (awkward names, numbers at fp_str's bounds, text outside ASCII, long arrays and
    dictionaries laid out on several lines) format alike both ways under each configuration."""
    with serialise.plain():
        default = serialise._formatted(serialise._samples())
        for name, value in settings.items():
            monkeypatch.setattr(rl_config, name, value)
        assert serialise._check()
        assert (serialise._formatted(serialise._samples()) != default) == bool(settings)  # the switches took effect


def test_an_untested_reportlab_keeps_its_own_functions(monkeypatch):
    assert serialise.install()
    with serialise.plain():
        monkeypatch.setattr(serialise, "TESTED_VERSIONS", frozenset({"0.0"}))
        assert serialise.install() is False
        assert pdfdoc.format is serialise._ORIGINALS[(pdfdoc, "format")]
        assert pdfdoc.PDFArray.format is serialise._ORIGINALS[(pdfdoc.PDFArray, "format")]
        assert canvas.fp_str is serialise._ORIGINALS[(canvas, "fp_str")]
        monkeypatch.undo()
    assert pdfdoc.format is serialise._format  # back as it was


def test_kept_compressed_streams_follow_the_content_and_stale_ones_are_dropped(tmp_path):
    folder = _folder(tmp_path)
    cache, warm, cold = BuildCache(), tmp_path / "warm.pdf", tmp_path / "cold.pdf"
    first = _build(folder, warm, cache=cache)
    assert first == _build(folder, cold)
    kept = set(cache._sections["streams"])
    assert kept and all(type(key) in (str, bytes) for key in kept)

    (folder / "abstracts.yaml").write_text(_abstracts("An edited abstract. " + LONG), encoding="utf-8")
    edited = _build(folder, warm, cache=cache)
    assert edited == _build(folder, cold) and edited != first
    cache.idle()  # as a watch does once it has rebuilt: what the rebuild did not use is dropped
    now = set(cache._sections["streams"])
    assert 0 < cache.made["streams"] < len(now)  # the edited pages' streams compressed anew, the rest kept
    assert kept - now and not (kept - now) & set(cache._sections["streams"])  # the old pages' are gone

    # an entry is used only for exactly its content: a wrong value kept for a page's content shows up
    key = next(k for k in now if type(k) is str and "An edited abstract" not in k)
    cache._sections["streams"][key] = b"x"
    assert _build(folder, warm, cache=cache) != edited
    cache.clear()
    assert _build(folder, warm, cache=cache) == edited


def test_links_written_directly_give_reportlabs_bytes_and_follow_their_values():
    """Link annotations as Canvas.linkRect makes them take the direct path (serialise._link); each value
    written (rect, contents, border, colour, destination) shows in the bytes, as ReportLab writes them."""
    assert serialise.install()
    doc = pdfdoc.PDFDocument(invariant=1)
    pages = [pdfdoc.PDFPage(), pdfdoc.PDFPage()]
    for number, page in enumerate(pages, 1):
        doc.Reference(page, f"Page{number}")
    doc.idToObjectNumberAndVersion = {"Page1": (3, 0), "Page2": (7, 0)}
    made = []
    for contents, rect, page, top, colour in [("", (1, 2.5, 3, 4), 0, 595.3, None), ("", (1, 2.5, 3, 4), 1, 595.3, None),
                                              ("caf\u00e9 (1)", (1, 2, 3, 4), 0, 10, None),
                                              ("", (1, 2, 3, 4.25), 0, 10, pdfdoc.PDFArray([1, 0, 0]))]:
        destination = pdfdoc.Destination("x")
        destination.xyz(0, top, 0)
        destination.setPage(pages[page])
        kw = {} if colour is None else {"C": colour}
        made.append(pdfdoc.LinkAnnotation(rect, contents, destination, pdfdoc.PDFArray([0, 0, 0]), **kw))
    fast = [link.format(doc) for link in made]
    with serialise.plain():
        slow = [link.format(doc) for link in made]
    assert fast == slow
    assert fast[0].startswith(b"<<\n/Border [ 0 0 0 ] /Contents () /Dest [ 3 0 R /XYZ 0 595.3 0 ] /Rect [ 1 2.5 3 4 ]")
    assert b"[ 7 0 R /XYZ" in fast[1] and b"(caf\\351 \\(1\\))" in fast[2] and b"/C [ 1 0 0 ]" in fast[3]
