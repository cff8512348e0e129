"""Image files -> checked, upright Pillow images sized for print, and what the PDF gets of them.

What a build needs of an image (its size, its decoded pixels, and `printable`: the image made ready
for a printed box, cut, downsampled, converted and encoded) is kept under the hash of the file's
bytes (and the box): in the build's memory cache (booklet.cache.memory), so that the builds of a
watch decode an image once and read an edited one anew; and, for its size and what is printed,
in the disk cache (booklet.cache.disk), so that the next process neither decodes nor resamples an
image that has not changed.
"""

from __future__ import annotations

import io
import math
import os
import re
import stat
import unicodedata
import warnings
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageOps

from .cache import disk, memory
from .printing.paper import INK_LIMIT

MAX_PIXELS = 80_000_000  # larger than any photo a booklet needs; more smells of a decompression bomb
MAX_SIDE = 65_500  # pixels on a side: what a JPEG (which the PDF may embed an image as) holds
PRINT_DPI = 300
KEEP_ABOVE = 0.8  # an image at most 1.25 x the pixels it needs is not worth resampling
JPEG_QUALITY = 92  # of the JPEG an opaque image is embedded as


def check(path: Path, root: Path | None = None) -> str | None:
    """None when `path` is an image booklet can print, else what is wrong with it (file names as from `root`, the
    data folder)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return not_found(path, root)
    except OSError as exc:  # a name too long for the file system, a loop of links, a folder that cannot be read
        return f"cannot be read ({exc.strerror or exc})"
    if not stat.S_ISREG(info.st_mode):  # what it is ("is a folder, not a file"), as for a data file
        from .paths import not_a_file

        return not_a_file(path) or "is not a regular file"
    try:  # (a file without read permission was "not a readable image ([Errno 13] Permission denied: '/abs/path')")
        open(path, "rb").close()
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    found = _facts(path)
    return found if isinstance(found, str) else None


def located(root: Path, name: str) -> Path:
    """The file `name` (as the data writes it) names in the data folder `root`, resolved: where there is none of
    that name, the one whose name differs from it only in how its accented letters are encoded ("n" and a combining
    tilde, as a Mac names a file, for the "ñ" the data has)."""
    path = (root / name).resolve()
    if name.isascii():
        return path
    try:
        if path.exists():
            return path
        found = root
        for part in Path(name).parts:
            if not (found / part).exists():
                meant = unicodedata.normalize("NFC", part)
                part = next((entry for entry in os.listdir(found) if unicodedata.normalize("NFC", entry) == meant),
                            None)
                if part is None:
                    return path
            found = found / part
        return found.resolve()
    except OSError:  # a name too long for the file system, a folder that cannot be read: as it is (check says why)
        return path


def dangling(root: Path, name: str) -> str | None:
    """What the file `name` (as the data writes it) is when it is a symbolic link to nothing, else None: where the
    link points not being there, not_found named the link itself ("did you mean 'images/map.pdf'?" for
    images/map.pdf), or another file."""
    link = root / name
    try:
        if os.path.islink(link) and not os.path.exists(link):
            return f"a symbolic link to '{os.readlink(link)}', which does not exist"
    except (OSError, ValueError):  # (a name too long, a NUL in it: said by the check)
        pass
    return None


def slashed(path: Path) -> Path | None:
    """The file `path` names when its backslashes are read as Windows writes a path (images\\cover.jpg), when
    there is one; else None."""
    if "\\" not in path.name:
        return None
    meant = path.parent / path.name.replace("\\", "/")
    return meant if meant.is_file() else None


def not_found(path: Path, root: Path | None = None) -> str:
    """'file not found', with the file of its folder it may have meant ('images/Logo.png' for 'images/logo.png': names
    differ in case on most file systems), or the folder that is not there; named as from `root`, the data folder."""
    from .problems import closest

    def shown(place: Path) -> str:
        try:
            return place.relative_to(root).as_posix() if root is not None else place.as_posix()
        except ValueError:
            return place.as_posix()

    web = re.match(r"(?i)(?:https?|ftp):/+[^/]", shown(path))
    if web:  # (a path joins the two slashes of "https://" into one)
        return (f"file not found: a web address is no file; download it into the data folder (images/{path.name}) "
                "and give its path there")
    meant = slashed(path)
    if meant is not None:
        return f"file not found (a path is written with '/', not '\\': did you mean '{shown(meant)}'?)"
    try:
        names = [entry.name for entry in path.parent.iterdir()]
    except OSError:
        missing = path.parent
        while not missing.parent.exists() and missing.parent != missing:
            missing = missing.parent
        return f"file not found (there is no folder {shown(missing)})"
    meant = next((name for name in names if name.casefold() == path.name.casefold()), None) or closest(path.name, names)
    return f"file not found (did you mean '{shown(path.parent / meant)}'?)" if meant else "file not found"


def _kept(kind: str, path: Path, make, *args):
    """What `make(digest)` makes of the image at `path` (digest: the hash of its bytes, None when the file cannot
    be read), kept in the build's memory cache under that hash, `kind` and `args`."""
    cache = memory.active()
    if cache is None:  # outside a build (a check, preflight): a cache for this call alone
        with memory.using(None) as cache:
            return _kept(kind, path, make, *args)
    found = cache.file_digest(path)
    if found is None:  # not readable: made (and its problem reported) each time
        return make(None)
    return cache.get("images", (kind, found, *args), lambda: make(found))


def _disk_key(digest: str | None, *parts) -> str | None:
    """The disk cache's key of what is made with `parts` of the image whose bytes hash to `digest`; None when the
    disk cache is off (or the file unreadable)."""
    if digest is None or disk.folder() is None:
        return None
    from PIL import __version__ as pillow

    return disk.key("image", pillow, MAX_PIXELS, digest, *parts)


def _facts(path: Path) -> tuple[int, int] | str:
    """The upright image's (width, height) in pixels, or what is wrong with it (from booklet's caches when an
    image of the same bytes was read before: a printable image is decoded once, not at every build)."""
    return _kept("facts", path, lambda digest: _made_facts(path, digest))


def _made_facts(path: Path, digest: str | None) -> tuple[int, int] | str:
    name = _disk_key(digest, "size")
    kept = disk.load("images", name, tuple, lasts=False)
    if kept is not None and len(kept) == 2 and all(isinstance(n, int) for n in kept):
        return kept
    try:
        found = _open(path).size
    except _ImageProblem as exc:
        return str(exc)
    disk.store("images", name, found)
    return found


class _ImageProblem(Exception):
    pass


def _open(path: Path) -> Image.Image:
    """The image at `path`, upright and 8-bit (_ImageProblem when booklet cannot print it), decoded once per
    content in a build (or a watch's builds)."""
    opened = _kept("open", path, lambda digest: _decoded(path))
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
                if max(width, height) > MAX_SIDE:
                    raise _ImageProblem(f"image is {width}x{height} pixels, more than booklet accepts on a side "
                                        f"({MAX_SIDE:,}, the most a JPEG holds; 5.5 m at 300 dpi): scale it down")
                image.load()
                return _printable(ImageOps.exif_transpose(image))
    except _ImageProblem:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        # Pillow's own limit (89 megapixels) stops it opening before booklet's is asked: the same message
        size = re.search(r"Image size \((\d+) pixels\)", str(exc))
        if size:
            raise _ImageProblem(f"image is {int(size[1]) / 1e6:.0f} megapixels, more than booklet accepts "
                                f"({MAX_PIXELS // 1_000_000} megapixels)") from None
        raise _ImageProblem("image is too large (a possible decompression bomb)") from None
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        if _is_html(path):  # (before SVG: a web page's icons are <svg> elements)
            raise _ImageProblem("a web page (HTML), not an image or a PDF, whatever its name (a download that "
                                "saved a sign-in or error page instead of the file): download the file itself "
                                "again") from None
        if _is_svg(path):
            raise _ImageProblem("an SVG drawing, which booklet cannot place; export it as a PNG image (300 dpi at "
                                "the size it prints)") from None
        if _empty(path):  # (Pillow: "cannot identify image file '/the/whole/path'")
            raise _ImageProblem("the file is empty (0 bytes): copy or save the file again") from None
        if _is_heif(path):  # (a phone's photo: Pillow reads no HEIC; it said "no image format it knows")
            raise _ImageProblem("a HEIC/HEIF photo (as phones save them), which booklet cannot read: save it as JPEG "
                                "(a phone's export or share as JPEG, or any image editor)") from None
        if _is_pdf(path):  # (a logo or photo as the PDF a designer sent: Pillow named the whole path)
            raise _ImageProblem("a PDF, not an image: booklet places a PNG or JPEG image here; export the PDF's page "
                                "as one (300 dpi at the size it prints)") from None
        said = str(exc)
        if said.startswith("cannot identify image file"):  # (Pillow names the whole path, which is the LOC's)
            raise _ImageProblem("not an image booklet can read (no image format it knows): open it in an image "
                                "editor and save it as PNG or JPEG") from None
        said = said.replace(str(path), path.name)
        if "truncated" in said.casefold() or isinstance(exc, EOFError):  # (Pillow: "image file is truncated", ...)
            raise _ImageProblem(f"the image is cut short ({said}): a copy or a download that stopped part way; copy "
                                "or save the file again") from None
        raise _ImageProblem(f"not a readable image ({said}): the file may be damaged; open it in an image editor and "
                            "save it again as PNG or JPEG") from None


def _empty(path: Path) -> bool:
    try:
        return path.stat().st_size == 0
    except OSError:
        return False


def _head(path: Path, size: int) -> bytes:
    """The file's first `size` bytes (none when it cannot be read)."""
    try:
        with open(path, "rb") as stream:
            return stream.read(size)
    except OSError:
        return b""


def _is_pdf(path: Path) -> bool:
    """Whether the file is a PDF (by the header its first bytes hold, whatever its name)."""
    return b"%PDF-" in _head(path, 1024)


_HEIF_BRANDS = (b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1")


def _is_heif(path: Path) -> bool:
    """Whether the file is a HEIC/HEIF image (an ISO media file whose brand says so: iPhones' photos), whatever its
    name."""
    head = _head(path, 12)
    return head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS


def _is_html(path: Path) -> bool:
    """Whether the file is a web page (an <html> element, or the HTML doctype, near its start)."""
    head = _head(path, 1024).lower()
    return b"<!doctype html" in head or b"<html" in head


def _is_svg(path: Path) -> bool:
    """Whether the file is an SVG drawing (by its name, or an <svg element near its start)."""
    return path.suffix.lower() in (".svg", ".svgz") or b"<svg" in _head(path, 4096)


def _printable(image: Image.Image) -> Image.Image:
    """8-bit RGB, L, or RGBA when the image has transparency. A grey image of more than 8 bits is scaled to 8: a
    16-bit one (I;16) from its 65,536 levels; one of 32-bit numbers (I, F: a TIFF's), whose levels its file does not
    say, from the range its values reach: 0-255 as it is, up to 65,535 as 16 bits, beyond that from 0 to the
    highest, and floats of 0-1 as fractions of white (a 32-bit grey scaled as 16 bits printed black)."""
    if image.mode in ("RGB", "L", "RGBA"):
        return image
    if image.mode in ("I;16", "I;16B", "I;16L"):
        return image.point(lambda v: v / 256).convert("L")
    if image.mode in ("I", "F"):
        high = image.getextrema()[1] or 0
        top = (255 if not math.isfinite(high) or high <= 255 and not (image.mode == "F" and high <= 1.0)
               else 1.0 if high <= 1.0 else 65535 if high <= 65535 else high)  # (NaN, infinity: as 8 bits)
        return (image if top == 255 else image.point(lambda v: v * (255 / top))).convert("L")
    if image.mode == "CMYK":
        return image.convert("RGB")
    if image.mode in ("LA", "PA") or "transparency" in image.info:
        return image.convert("RGBA")
    return image.convert("RGB")


def size(path: Path) -> tuple[int, int]:
    """The upright image's (width, height) in pixels (the image is checked)."""
    found = _facts(path)
    if isinstance(found, str):
        raise ValueError(f"{path}: {found}")
    return found


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
    images with transparency as they are, for ReportLab to compress losslessly with their mask."""
    return Printable.of(image).reader()


@dataclass(frozen=True)
class Printable:
    """An image as the PDF gets it: JPEG bytes (`mode` "JPEG") for an opaque RGB or grey image, else the
    raw pixels of a Pillow `mode` (RGBA, CMYK), which ReportLab compresses losslessly."""

    width: int
    height: int
    mode: str
    data: bytes
    transparency: object = None  # the Pillow image's info["transparency"], which ReportLab's mask="auto" reads

    @classmethod
    def of(cls, image: Image.Image) -> "Printable":
        if image.mode in ("RGB", "L"):
            buffer = io.BytesIO()
            image.save(buffer, "JPEG", quality=JPEG_QUALITY)
            return cls(image.width, image.height, "JPEG", buffer.getvalue())
        return cls(image.width, image.height, image.mode, image.tobytes(), image.info.get("transparency"))

    def packed(self) -> tuple:
        """A plain tuple to keep in the cache (raw pixels compressed: a CMYK cover is 19 MB raw, 3 MB packed)."""
        data = self.data if self.mode == "JPEG" else zlib.compress(self.data, 1)
        return (self.width, self.height, self.mode, data, self.transparency)

    @classmethod
    def unpacked(cls, packed: tuple, remake=None) -> "Printable":
        """What `packed` made into a tuple, again. With `remake` (what makes this image anew), raw pixels are
        decompressed when `data` is first read (a build drawing the image from its kept XObject never reads
        them), and made by `remake().data` when they are not what `packed` kept (a damaged entry)."""
        width, height, mode, data, transparency = packed
        if not (isinstance(width, int) and isinstance(height, int) and isinstance(mode, str)
                and isinstance(data, bytes)):
            raise ValueError("not a packed image")
        if mode == "JPEG":
            if not data.startswith(b"\xff\xd8"):
                raise ValueError("not a JPEG")
            return cls(width, height, mode, data, transparency)
        size = width * height * Image.getmodebands(mode)  # 8 bits a band: RGBA, CMYK
        if remake is None:
            return cls(width, height, mode, _pixels(data, size), transparency)
        made = cls.__new__(cls)
        for name, value in (("width", width), ("height", height), ("mode", mode), ("transparency", transparency)):
            object.__setattr__(made, name, value)
        made.__dict__["_packed"] = (data, size, remake)
        return made

    def __getattr__(self, name):
        """`data` of an image unpacked lazily (see unpacked): its pixels, decompressed now (once)."""
        packed = self.__dict__.get("_packed") if name == "data" else None
        if packed is None:
            raise AttributeError(name)
        data, size, remake = packed
        try:
            pixels = _pixels(data, size)
        except (ValueError, zlib.error):  # a damaged entry: the image made again, as without the cache
            pixels = remake().data
        self.__dict__["data"] = pixels
        del self.__dict__["_packed"]
        return pixels

    def reader(self):
        """A ReportLab ImageReader of it, for canvas.drawImage. In a warm build (booklet.cache.memory) whose cache
        serves later builds in this process (`rebuilds`: a watch's) the first one is kept with the image and drawn
        again in every later build, with what ReportLab decoded of it to name it (it rewinds a JPEG before embedding
        it); else a new one each time, gone once drawn (a single build's disk cache kept the decoded pixels of every
        photo to the end: 5 MB of a worker at 2,000 talks)."""
        kept = self.__dict__.get("_reader")
        if kept is None:
            kept = self._new_reader()
            cache = memory.active()
            if cache is not None and cache.warm and cache.rebuilds:
                self.__dict__["_reader"] = kept  # not a field: the frozen value does not change
        return kept

    def _new_reader(self):
        """A ReportLab ImageReader of the image, made when it is first used: BookletCanvas.drawImage draws an
        image kept before from its kept XObject and name (see xobject) and reads nothing of its reader, so a
        build that starts from the disk cache neither opens a JPEG nor makes a Pillow image of raw pixels."""
        return (_READER_CLASS[0] if _READER_CLASS else _reader_class())(self)

    def _reader_source(self):
        """What ReportLab's ImageReader is made of: the JPEG's bytes, or a Pillow image of the raw pixels."""
        if self.mode == "JPEG":
            return io.BytesIO(self.data)
        image = Image.frombytes(self.mode, (self.width, self.height), self.data)
        if self.transparency is not None:
            image.info["transparency"] = self.transparency
        return image

    def xobject(self, reader, mask) -> tuple[str, bytes]:
        """What ReportLab's drawImage makes of this image drawn with `mask`: the name it gives it (a hash of
        its decoded pixels) and its image XObject (compressed pixels or the JPEG, as ASCII85 ...), pickled
        as made, before the canvas takes it; from the build's memory (warm) or the disk cache when made
        before for the same bytes, else made by `reader` exactly as drawImage makes them."""
        from reportlab import Version, rl_config

        kept = self.__dict__.setdefault("_xobjects", {})
        found = kept.get(mask)
        if found is not None:
            return found
        from . import cache as _cache

        # by what the image was made from (the key of its file's bytes and box), else by its own bytes
        source = self.__dict__.get("_source") or _cache.digest(self.data)
        name = disk.key("xobject", Version, rl_config.useA85, self.width, self.height, self.mode,
                        repr(self.transparency), repr(mask), source) if disk.folder() else None
        found = _checked_xobject(disk.load_checked("xobjects", name, ()))
        if found is None:  # nothing kept, or damaged: made (and kept)
            found = _made_xobject(reader, mask)
            disk.store_checked("xobjects", name, (), found[1])
        cache = memory.active()
        if cache is not None and cache.warm:
            kept[mask] = found  # not a field: the frozen value does not change
        return found


def _pixels(data: bytes, size: int) -> bytes:
    """Raw pixels compressed by Printable.packed, decompressed; ValueError when they are not `size` bytes."""
    pixels = zlib.decompress(data)
    if len(pixels) != size:
        raise ValueError("the pixels do not fill the image")
    return pixels


_READY = "_booklet_ready"
_READER_CLASS: list = []  # made once, when first needed (ReportLab's ImageReader is imported then)


def _reader_class():
    """ImageReader made from a Printable when anything but `booklet_printable` (what BookletCanvas.drawImage
    knows it by) is first read of it: then exactly ReportLab's reader of that image (its source does not
    change: a Printable is frozen)."""
    from reportlab.lib.utils import ImageReader

    class PrintableReader(ImageReader):
        def __init__(self, printable):  # noqa: D107  (ImageReader.__init__ is run when first needed)
            self.__dict__["booklet_printable"] = printable

        def __getattribute__(self, name):
            if name != "booklet_printable" and name != "__dict__" and name != "__class__":
                state = object.__getattribute__(self, "__dict__")
                if _READY not in state:
                    state[_READY] = True
                    ImageReader.__init__(self, state["booklet_printable"]._reader_source())
            return object.__getattribute__(self, name)

    _READER_CLASS.append(PrintableReader)
    return PrintableReader


def _checked_xobject(kept: bytes | None) -> tuple[str, bytes] | None:
    """(name, pickled XObject) from the pickled XObject the disk cache held whole (disk.load_checked), when it is
    an image XObject with a name; else None."""
    import pickle

    from reportlab.pdfbase.pdfdoc import PDFImageXObject

    if kept is None:
        return None
    try:
        made = pickle.loads(kept)
    except Exception:  # noqa: BLE001  (the checksum matched: only another code's classes could fail)
        return None
    return (made.name, kept) if type(made) is PDFImageXObject and isinstance(made.name, str) else None


def image_name(reader, mask) -> str:
    """The name ReportLab's Canvas.drawImage gives an ImageReader drawn with `mask` (a hash of its decoded
    pixels and mask)."""
    from reportlab.lib.utils import _digester

    rawdata = reader.getRGBData()
    smask = reader._dataA
    mdata = smask.getRGBData() if mask == "auto" and smask else str(mask)
    if isinstance(mdata, str):
        mdata = mdata.encode("utf8")
    return _digester(rawdata + mdata)


def _made_xobject(reader, mask) -> tuple[str, bytes]:
    """ReportLab's Canvas.drawImage's naming of `reader` with `mask` and the XObject it makes of it (as in
    ReportLab 4.2-5.x), the XObject pickled."""
    import pickle

    from reportlab.pdfbase import pdfdoc

    name = image_name(reader, mask)
    return name, pickle.dumps(pdfdoc.PDFImageXObject(name, reader, mask=mask), pickle.HIGHEST_PROTOCOL)


def printable(path: Path, width_pt: float, height_pt: float, cmyk: bool | int = False,
              crop: tuple[int, int, int, int] | None = None) -> Printable:
    """The image at `path` as the PDF gets it for a box of the given printed size: cut to `crop` (left, top,
    right, bottom in pixels of the upright image) when given, downsampled, in CMYK when asked (`cmyk`: the
    total ink limit in per cent, layout.page.Page.process; False: RGB); from the
    build's memory cache, else from the disk cache, when this image was made ready for this box before."""
    crop = None if crop is None else tuple(crop)
    return _kept("print", path, lambda digest: _made_printable(path, digest, width_pt, height_pt, cmyk, crop),
                 width_pt, height_pt, cmyk, crop)


def _made_printable(path: Path, digest: str | None, width_pt: float, height_pt: float, cmyk: bool | int,
                    crop: tuple[int, int, int, int] | None) -> Printable:
    name = _disk_key(digest, "print", width_pt, height_pt, separation_key(cmyk), crop, PRINT_DPI,
                     KEEP_ABOVE, JPEG_QUALITY)
    kept = disk.load("images", name, tuple, lasts=False)
    if kept is not None:
        try:
            found = Printable.unpacked(kept, lambda: _made_from_file(path, name, width_pt, height_pt, cmyk, crop))
        except Exception:  # noqa: BLE001  not what `packed` makes: a damaged entry, made again
            pass
        else:
            found.__dict__["_source"] = name  # what it is made from, for Printable.xobject's key
            return found
    return _made_from_file(path, name, width_pt, height_pt, cmyk, crop)


def _made_from_file(path: Path, name: str | None, width_pt: float, height_pt: float, cmyk: bool | int,
                    crop: tuple[int, int, int, int] | None) -> Printable:
    """The image at `path` made ready for the box (see printable), and kept on disk under `name`."""
    image = _open(path)
    if crop is not None:
        image = image.crop(crop)
    image = downsample(image, width_pt, height_pt)
    made = Printable.of(to_cmyk(image, cmyk) if cmyk else image)
    disk.store("images", name, make=made.packed)
    made.__dict__["_source"] = name
    return made


def to_cmyk(image: Image.Image, limit: int = INK_LIMIT) -> Image.Image:
    """CMYK for the press, each pixel separated as booklet's colours are (booklet.layout.styles.separated: the
    grey in black, so a black, grey or near-neutral dark pixel prints on the black plate alone, and total ink
    under 300 %, or under `limit` per cent: see styles.limited), not as Pillow's convert("CMYK") separates
    (C = 255 - R ..., no black at all: black text in C+M+Y, 300 % in a shadow); transparency flattened on white
    first, as paper is white."""
    from PIL import ImageChops, ImageMath

    if image.mode == "RGBA":
        background = Image.new("RGBA", image.size, (255, 255, 255, 255))
        image = Image.alpha_composite(background, image)
    red, green, blue = image.convert("RGB").split()
    lightest = ImageChops.lighter(ImageChops.lighter(red, green), blue)
    darkest = ImageChops.darker(ImageChops.darker(red, green), blue)
    inks, shares, black = _separation_tables()
    # each of C, M, Y is its channel's ink by the lightest channel (a table of those two, as a 16-bit index) times
    # the share of them the colour keeps, by its lightest and darkest channels (another such table); K by the two
    def indexed(top: Image.Image, value: Image.Image) -> Image.Image:  # (the tables' 16-bit index, per pixel)
        return ImageMath.lambda_eval(lambda a: a["top"] * 256 + a["value"], top=top, value=value)

    index = indexed(lightest, darkest)
    share = index.point(shares, "L")
    plates = [ImageChops.multiply(indexed(lightest, channel).point(inks, "L"), share)
              for channel in (red, green, blue)]
    key = index.point(black, "L")
    most = _lowered_limit(limit)
    if most is not None:  # C, M and Y scaled down together where they take more than the limit leaves
        room = most * 255 // 100  # (in levels; at least 255: K alone always fits)
        # each plate times what C + M + Y may take over what they take (the sum, its room and its floor made once,
        # not again for each plate); integer division: the total rounded down
        total = ImageMath.lambda_eval(lambda a: a["c"] + a["m"] + a["y"], c=plates[0], m=plates[1], y=plates[2])
        kept = ImageMath.lambda_eval(lambda a: a["min"](room - a["k"], a["t"]), k=key, t=total)
        taken = ImageMath.lambda_eval(lambda a: a["max"](a["t"], 1), t=total)
        plates = [ImageMath.lambda_eval(lambda a: a["v"] * a["kept"] / a["taken"], v=plate, kept=kept,
                                        taken=taken).convert("L") for plate in plates]
    return Image.merge("CMYK", (*plates, key))


# in the disk cache's key of an image made CMYK
CMYK_SEPARATION = "grey in K, near-neutral darks in K alone (styles.separated), 8-bit tables"


def separation_key(cmyk: bool | int):
    """What the disk cache's key of an image made for `cmyk` (False, or the total ink limit) says of it."""
    if not cmyk:  # (an RGB build's, most: nothing imported nor looked up)
        return False
    most = _lowered_limit(cmyk)
    return CMYK_SEPARATION if most is None else (CMYK_SEPARATION, most)


def _lowered_limit(limit: int) -> int | None:
    """The total ink limit (per cent) of a CMYK separation when it is under the default (printing.paper.INK_LIMIT),
    which to_cmyk scales C, M and Y down to and separation_key tells apart; else None."""
    return limit if limit < INK_LIMIT else None


@lru_cache(maxsize=1)
def _separation_tables() -> tuple[list[int], list[int], list[int]]:
    """styles.separated as lookup tables of 8-bit values, each by a 16-bit index: an ink C, M or Y before grey
    component replacement by (lightest channel) * 256 + (its channel); the share of those inks a colour keeps,
    and K, by (lightest channel) * 256 + (darkest channel)."""
    from .layout.styles import chromatic, colour_share, separated

    inks, shares, black = [0] * 65536, [0] * 65536, [255] * 65536
    for top in range(256):
        t = top / 255
        for value in range(top + 1):
            if top:
                inks[top * 256 + value] = round(255 * chromatic(value / 255, t))
            shares[top * 256 + value] = round(255 * colour_share(t, value / 255))
            black[top * 256 + value] = round(255 * separated(value / 255, t, t)[3])
    return inks, shares, black


def effective_dpi(path: Path, width_pt: float, height_pt: float) -> float:
    """Pixels per inch of the image when scaled to fit a box of the given printed size."""
    width, height = size(path)
    scale = min(width_pt / width, height_pt / height)  # points per pixel
    return 72 / scale
