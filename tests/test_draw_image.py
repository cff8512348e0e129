"""BookletCanvas.drawImage names an image once (output.render) -> the same PDF as ReportLab's drawImage."""

from __future__ import annotations

import io

from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from booklet.output.render import BookletCanvas


class _ReportLabs(BookletCanvas):
    drawImage = Canvas.drawImage


def _readers() -> list[ImageReader]:
    jpeg = io.BytesIO()
    Image.new("RGB", (30, 20), (200, 60, 30)).save(jpeg, "JPEG")
    rgba = Image.new("RGBA", (12, 16), (10, 120, 200, 128))
    rgba.putpixel((3, 3), (0, 0, 0, 0))
    cmyk = Image.new("CMYK", (8, 8), (0, 100, 200, 10))
    return [ImageReader(io.BytesIO(jpeg.getvalue())), ImageReader(rgba), ImageReader(cmyk)]


def _pdf(canvas_class, readers, draws) -> bytes:
    out = io.BytesIO()
    canv = canvas_class(out, invariant=1)
    for page in draws:
        for index, mask, box in page:
            assert canv.drawImage(readers[index], 10 + box, 20, 50 + box, 40, mask=mask) == (
                readers[index].getSize())
        canv.showPage()
    canv.save()
    return out.getvalue()


def test_images_drawn_again_and_again_give_reportlabs_bytes():
    draws = [[(0, "auto", 0), (1, "auto", 5), (2, None, 0)], [(1, "auto", 10), (0, None, 3), (1, None, 0)],
             [(2, None, 7), (0, "auto", 1)]]
    ours, theirs = _readers(), _readers()
    expected = _pdf(_ReportLabs, theirs, draws)
    assert _pdf(BookletCanvas, ours, draws) == expected
    assert _pdf(BookletCanvas, ours, draws) == expected  # the same readers again: names kept with them


def test_a_different_image_is_a_different_xobject():
    one, other = _readers()[0], ImageReader(io.BytesIO(_jpeg((30, 60, 200))))
    both = _pdf(BookletCanvas, [one, other], [[(0, "auto", 0), (1, "auto", 0)]])
    assert both == _pdf(_ReportLabs, [_readers()[0], ImageReader(io.BytesIO(_jpeg((30, 60, 200))))],
                        [[(0, "auto", 0), (1, "auto", 0)]])
    assert both.count(b"/Subtype /Image") == 2


def _jpeg(colour) -> bytes:
    jpeg = io.BytesIO()
    Image.new("RGB", (30, 20), colour).save(jpeg, "JPEG")
    return jpeg.getvalue()


def test_a_printable_image_drawn_again_on_a_canvas_is_made_once_there(monkeypatch):
    from booklet.images import Printable

    printables = [Printable.of(Image.new("RGB", (30, 20), (200, 60, 30))),
                  Printable.of(Image.new("RGBA", (12, 16), (10, 120, 200, 128)))]
    made = []
    real = Printable.xobject
    monkeypatch.setattr(Printable, "xobject", lambda self, reader, mask: made.append((self, mask)) or real(
        self, reader, mask))
    draws = [[(0, "auto", 0), (1, "auto", 5)], [(0, "auto", 3), (1, None, 0)], [(1, "auto", 1), (0, "auto", 2)]]
    expected = _pdf(_ReportLabs, [ImageReader(p._reader_source()) for p in printables], draws)
    for _ in range(2):  # each canvas embeds them anew
        made.clear()
        assert _pdf(BookletCanvas, [p.reader() for p in printables], draws) == expected
        assert made == [(printables[0], "auto"), (printables[1], "auto"), (printables[1], None)]
