"""Image files -> checked, upright Pillow images sized for print, and what the PDF embeds of them.

Each image is decoded once per content: what is made of it is kept in the build's cache (see
booklet.cache) under the hash of the file's bytes, so an image edited between two builds of a
watch is read anew, and one that did not change is neither decoded nor resampled again.
"""

from __future__ import annotations

import io
import warnings
from pathlib import Path

from PIL import Image, ImageOps

from . import cache as build_cache

MAX_PIXELS = 80_000_000  # larger than any photo a booklet needs; more smells of a decompression bomb
PRINT_DPI = 300
KEEP_ABOVE = 0.8  # an image at most 1.25 x the pixels it needs is not worth resampling


def check(path: Path) -> str | None:
    """None when `path` is an image booklet can print, else what is wrong with it."""
    if not path.exists():
        return "file not found"
    if not path.is_file():
        return "not a file"
    try:
        _open(path)
    except _ImageProblem as exc:
        return str(exc)
    return None


class _ImageProblem(Exception):
    pass


def _cached(kind: str, path: Path, make, *args):
    """What `make(digest)` makes of the image at `path`, kept under its contents' hash and `args`."""
    cache = build_cache.active()
    if cache is None:
        with build_cache.using(None) as cache:
            return _cached(kind, path, make, *args)
    digest = cache.file_digest(path)
    if digest is None:  # not readable: made (and its problem reported) each time
        return make(None)
    return cache.get("images", (kind, digest, *args), lambda: make(digest))


def _open(path: Path) -> Image.Image:
    """The image at `path`, upright and 8-bit (_ImageProblem when booklet cannot print it)."""
    opened = _cached("open", path, lambda digest: _decoded(path))
    if isinstance(opened, _ImageProblem):
        raise opened
    return opened


def _decoded(path: Path) -> Image.Image | _ImageProblem:
    try:
        return _decode(path)
    except _ImageProblem as exc:
        return exc


def _decode(path: Path) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise _ImageProblem(
                        f"image is {width}x{height} pixels, more than booklet accepts "
                        f"({MAX_PIXELS // 1_000_000} megapixels)"
                    )
                image.load()
                return _printable(ImageOps.exif_transpose(image))
    except _ImageProblem:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _ImageProblem("image is too large (a possible decompression bomb)") from None
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise _ImageProblem(f"not a readable image ({exc})") from None


def _printable(image: Image.Image) -> Image.Image:
    """8-bit RGB, L, or RGBA when the image has transparency."""
    if image.mode in ("RGB", "L", "RGBA"):
        return image
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        return image.point(lambda v: v / 256).convert("L")
    if image.mode == "CMYK":
        return image.convert("RGB")
    if image.mode in ("LA", "PA") or "transparency" in image.info:
        return image.convert("RGBA")
    return image.convert("RGB")


def load(path: Path) -> Image.Image:
    """The image at `path` (already checked), upright, 8-bit."""
    return _open(path)


def size(path: Path) -> tuple[int, int]:
    return _open(path).size


def downsample(image: Image.Image, width_pt: float, height_pt: float) -> Image.Image:
    """`image` scaled down (never up) to just cover a box of the given printed size at PRINT_DPI."""
    target_w, target_h = width_pt / 72 * PRINT_DPI, height_pt / 72 * PRINT_DPI
    factor = max(target_w / image.width, target_h / image.height)
    if factor >= KEEP_ABOVE:
        return image
    new_size = (max(1, round(image.width * factor)), max(1, round(image.height * factor)))
    return image.resize(new_size, Image.Resampling.LANCZOS, reducing_gap=3.0)


def pdf_image(image: Image.Image):
    """What to hand to canvas.drawImage: opaque images as JPEG (small, and embedded as it is);
    images with transparency as they are, for ReportLab to compress losslessly with their mask.
    (A reader can be drawn in any number of builds: ReportLab keeps what it decoded of it, and
    rewinds a JPEG before reading it.)"""
    from reportlab.lib.utils import ImageReader

    if image.mode not in ("RGB", "L"):
        return ImageReader(image)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=92)
    buffer.seek(0)
    return ImageReader(buffer)


def for_print(path: Path, width_pt: float, height_pt: float, cmyk: bool = False) -> Image.Image:
    """The image at `path`, downsampled for a box of the given printed size (in CMYK when asked)."""
    def make(_digest):
        image = downsample(_open(path), width_pt, height_pt)
        return to_cmyk(image) if cmyk else image

    return _cached("print", path, make, width_pt, height_pt, cmyk)


def for_pdf(path: Path, width_pt: float, height_pt: float, cmyk: bool = False):
    """(image, reader): for_print's image, and what canvas.drawImage embeds of it (pdf_image)."""
    return _cached("pdf", path, lambda _digest: _with_reader(for_print(path, width_pt, height_pt, cmyk)),
                   width_pt, height_pt, cmyk)


def cropped_for_pdf(path: Path, box, width_pt: float, height_pt: float, cmyk: bool = False):
    """(image, reader) of the part `box` (left, top, right, bottom, in pixels) of the image at `path`,
    downsampled for the printed size (in CMYK when asked): a cover image cut to the page."""
    def make(_digest):
        image = downsample(_open(path).crop(box), width_pt, height_pt)
        return _with_reader(to_cmyk(image) if cmyk else image)

    return _cached("cropped", path, make, tuple(box), width_pt, height_pt, cmyk)


def _with_reader(image: Image.Image):
    return image, pdf_image(image)


def to_cmyk(image: Image.Image) -> Image.Image:
    """CMYK for the press; transparency flattened on white first, as paper is white."""
    if image.mode == "RGBA":
        background = Image.new("RGBA", image.size, (255, 255, 255, 255))
        image = Image.alpha_composite(background, image)
    return image.convert("CMYK")


def effective_dpi(path: Path, width_pt: float, height_pt: float) -> float:
    """Pixels per inch of the image when scaled to fit a box of the given printed size."""
    width, height = _open(path).size
    scale = min(width_pt / width, height_pt / height)  # points per pixel
    return 72 / scale
