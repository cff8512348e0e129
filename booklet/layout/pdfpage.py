"""A one-page PDF file -> a Form XObject on ReportLab's canvas: the page drawn as vectors, fitted in a box.

pypdf reads the page; its content stream and every object its resources reach (fonts, images,
colour spaces, patterns, nested forms) are handed to ReportLab's own PDF objects, so the page is
written once, by ReportLab, in the same single pass as the rest of the booklet: nothing is merged
afterwards, links and outline stay as ReportLab made them, and the same input gives the same bytes.
Streams are copied as they are encoded (fonts and images are neither decoded nor recompressed).
The page's annotations are not copied as annotations (a printed page has none, and links in it would
lead nowhere); those a viewer prints (a filled-in form field, a stamp, a comment's box) are drawn, as their
appearance, on top of the page, the way a viewer prints them ("flattened").

What a build needs of such a file (check's answer, the page's size, the form's content and the objects it
reaches, as plain values, its coarsest image for the resolution check, the fonts it leaves out for the font check,
whether it prints anything at all for the blank page check, its thinnest line for the thin line check, whether it
paints in CMYK, whose rendering a --cmyk build takes back to CMYK as PDFium made it, and where its trim box lies
off the page for the trim box check: `_facts`)
is kept in booklet's disk cache by the hash of the file's bytes, so a build of a PDF read before neither imports nor
runs pypdf; the form made from the kept values is the form made from the file, object for object (tests/test_cold.py).
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

PDF_MAGIC = b"%PDF-"


def is_pdf(path: Path) -> bool:
    """Whether the file starts like a PDF (within its first kilobyte, as readers allow)."""
    try:
        with open(path, "rb") as stream:
            return PDF_MAGIC in stream.read(1024)
    except OSError:
        return False


def check(path: Path) -> str | None:
    """None when `path` is a PDF of one page booklet can place, else what is wrong with it."""
    facts = _facts(path)
    return facts[0] if facts is not None else _check(path)


def _check(path: Path) -> str | None:
    return _checked(path)[0]


def _checked(path: Path) -> tuple[str | None, tuple | None]:
    """(what is wrong with the file, None) or (None, the page's form as plain values: see _plain_form)."""
    from ..printing.pdffile import rotation_problem

    try:
        reader = _reader(path)
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds of errors for a broken file
        return f"not a readable PDF ({exc}): {UNREADABLE}", None
    if reader.is_encrypted:
        return "the PDF is encrypted; save it again without a password or restrictions", None
    try:
        count = len(reader.pages)
        if count == 0:
            return ("the PDF has no pages: nothing to place (an export that failed, or a file cut short); export the "
                    "page again from the program that made it"), None
        if count != 1:
            return (f"the PDF has {count} pages; an extra page must be one page (save the page you want as a "
                    "PDF of its own)"), None
        turned = rotation_problem(reader.pages[0])
        if turned:
            return f"the PDF's page: {turned}", None
        width, height = _size(path)
    except Exception as exc:  # noqa: BLE001
        return f"not a readable PDF ({exc}): {UNREADABLE}", None
    if width <= 0 or height <= 0:
        return "the PDF's page has no size", None
    if not (width <= MAX_POINTS and height <= MAX_POINTS):  # (and not a number)
        return (f"the PDF's page is {width:.6g} x {height:.6g} points, larger than any PDF page may be (200 inches, "
                f"{MAX_POINTS:,} points, a side); save the page again at its real size"), None
    try:
        form = _drawing_read(reader.pages[0])
    except Exception as exc:  # noqa: BLE001 - pypdf's parser raises many kinds of errors for a broken stream
        return (f"the PDF's page is damaged: what draws it cannot be read ({exc}); save the page again from the "
                "program that made it, or as an image"), None
    hidden = _hidden_layers(reader, form[5])
    if hidden:
        named = ", ".join(f"'{name}'" for name in hidden)
        return (f"the PDF's page has layers a viewer hides or does not print ({named}), and booklet would print "
                "them, as it cannot leave a layer out; delete those layers (or flatten the layers as they show) in "
                "the program that made the PDF and save it again, or save the page as an image"), None
    return None, form


def _hidden_layers(reader, objects: dict) -> list[str]:
    """The names of the optional content groups (layers) the page draws (`objects`: the indirect objects its form
    reaches, by (number, generation)) that the document's default configuration turns off, or whose print usage
    says not to print; in the order the document lists them. Drawn as a form in the booklet, whose catalogue
    has no such configuration, their content printed (a map's hidden 'Draft' layer)."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    try:
        properties = reader.trailer["/Root"].get_object().get("/OCProperties")
        properties = properties.get_object() if properties is not None else None
        if not isinstance(properties, DictionaryObject):
            return []
        default = (properties.get("/D") or DictionaryObject()).get_object()
        groups = (properties.get("/OCGs") or ArrayObject()).get_object()

        def keys(array) -> set:
            array = array.get_object() if array is not None else None
            return {(ref.idnum, ref.generation) for ref in (array if isinstance(array, ArrayObject) else ())
                    if isinstance(ref, IndirectObject)}

        off, on = keys(default.get("/OFF")), keys(default.get("/ON"))
        all_off = default.get("/BaseState") == "/OFF"
        hidden = []
        for ref in groups if isinstance(groups, ArrayObject) else ():
            if not isinstance(ref, IndirectObject) or (ref.idnum, ref.generation) not in objects:
                continue
            key, group = (ref.idnum, ref.generation), ref.get_object()
            usage = (group.get("/Usage") or DictionaryObject()).get_object()
            printing = (usage.get("/Print") or DictionaryObject()).get_object()
            if key in off or (all_off and key not in on) or printing.get("/PrintState") == "/OFF":
                hidden.append(str(group.get("/Name", f"{key[0]} {key[1]} R")))
        return hidden
    except Exception:  # noqa: BLE001 - a malformed configuration: the layers print, as a viewer shows them
        return []


MAX_POINTS = 14_400  # the largest side of a PDF page (200 inches; its user unit aside)


UNREADABLE = "the file is damaged or cut short (an interrupted download or copy); copy or download it again"


def _drawing_read(page) -> tuple:
    """Read the operators of what draws the page (raises where they cannot be read): its content, the forms its
    resources name (and theirs), the appearances of the annotations it prints; and every object those reach (one
    the file does not have raises). The booklet copies them as they are, and a damaged stream made the booklet's own
    PDF one that readers refuse. Gives the page's form as plain values, made on the way (_plain_form)."""
    from pypdf.generic import ContentStream, DictionaryObject, StreamObject

    contents = page.get_contents()
    if contents is not None:
        contents.operations  # noqa: B018 - parsed when first asked for
    form = _plain_form(page)  # (what the build makes of it: every object reached)
    streams = [stream for stream, _ in _printed_appearances(page)]
    seen: set[int] = set()
    pending = [page.get("/Resources")] + [stream.get("/Resources") for stream in streams]
    while pending:
        resources = pending.pop()
        resources = resources.get_object() if resources is not None else None
        if not isinstance(resources, DictionaryObject) or id(resources) in seen:
            continue
        seen.add(id(resources))
        forms = (resources.get("/XObject") or DictionaryObject()).get_object()
        for named in (forms.values() if isinstance(forms, DictionaryObject) else ()):  # (not `form`: given back)
            named = named.get_object()
            if isinstance(named, StreamObject) and named.get("/Subtype") == "/Form" and id(named) not in seen:
                seen.add(id(named))
                streams.append(named)
                pending.append(named.get("/Resources"))
    for stream in streams:
        ContentStream(stream, page.pdf).operations  # noqa: B018
    return form


FACTS = 7  # the shape of the kept facts: bump when it changes
# the kept facts, in order (_facts)
FACT_NAMES = ("problem", "size", "form", "coarsest", "fonts", "blank", "thinnest", "cmyk", "trim")
_FACT_AT = {name: at for at, name in enumerate(FACT_NAMES)}  # where each is in them
_known: dict[str, tuple | None] = {}  # the file's hash -> its facts, in this process (the last KNOWN_KEPT)
KNOWN_KEPT = 32  # files' facts kept in _known: a watch's edits of a file each make another hash


def _facts(path: Path) -> tuple | None:
    """(check's answer, the page's size, its form as plain values, its coarsest image, the fonts it leaves out,
    whether it prints nothing, its thinnest line, whether it paints in CMYK, its trim box off the page) for the file, kept in the disk cache by
    the hash of its bytes (and pypdf's and booklet's versions); None when they cannot be had without pypdf
    raising (then pypdf is asked each time, as it always was)."""
    from ..cache import disk, memory
    from ..cache.persisted import stamp

    cache = memory.active()
    found = cache.file_digest(path) if cache is not None else _digest(path)
    if found is None:
        return None
    if found in _known:
        return _known[found]
    key = disk.key("pdfpage", FACTS, stamp(), _pypdf_version(), found)
    facts = disk.load("pdfpages", key, tuple, lasts=False)
    if facts is None or len(facts) != len(FACT_NAMES):
        facts = _read_facts(path)
        if facts is not None:
            disk.store("pdfpages", key, facts)
    if len(_known) >= KNOWN_KEPT:
        del _known[next(iter(_known))]  # the one kept first
    _known[found] = facts
    return facts


def _digest(path: Path) -> str | None:
    from ..cache.disk import file_digest

    try:
        return file_digest(Path(path))
    except OSError:
        return None


def _pypdf_version():
    """pypdf's version file, by its size and time (without importing pypdf)."""
    import importlib.util
    import os

    spec = importlib.util.find_spec("pypdf")
    folder = os.path.dirname(spec.origin) if spec is not None and spec.origin else None
    try:
        info = os.stat(os.path.join(folder, "_version.py")) if folder else None
    except OSError:
        info = None
    return (folder, info.st_size, info.st_mtime_ns) if info is not None else folder


def _read_facts(path: Path) -> tuple | None:
    try:
        problem, form = _checked(path)
        if problem is not None:
            return (problem,) + (None,) * (len(FACT_NAMES) - 1)
        coarsest, fonts, thinnest, cmyk = _scanned(path)
        return None, _size(path), form, coarsest, fonts, _blank(path), thinnest, cmyk, _trim_off(path)
    except Exception:  # noqa: BLE001 - anything pypdf raises: not kept, pypdf asked again
        return None


def kept_by_file(size: int):
    """A decorator: `make(name, *args)`, what is made of the file named `name` (a path's os.fspath), kept while the
    file keeps its identity (disk.identity: inode, size, modification and change times), so that a build after
    another in the same process (a watch's, a library user's) reads an unchanged file no more, with nothing to forget
    between them, and a file edited since is read anew. One value for each file and arguments, the `size` asked for
    last: made anew, the file's value before is let go (a watch's edits of a map each kept a reader and a rendering of
    it, up to 32 and 8). A file changed within disk.RACY of its reading is told by the hash of its bytes too, until it
    is older: written again within the same tick of the clock, it could keep its whole identity (as disk.kept_hash
    keeps no hash of it)."""
    import functools
    import os
    import time
    from collections import OrderedDict

    from ..cache.disk import RACY, file_digest, identity

    def decorate(make):
        kept: OrderedDict = OrderedDict()  # (name, *args) -> [identity, hash of the bytes while racy, value]

        @functools.wraps(make)
        def made(path, *args):
            name = os.fspath(path)
            try:
                info = os.stat(name)
            except OSError:
                return make(name, *args)  # (as it fails to read it)
            racy = time.time_ns() - info.st_ctime_ns <= RACY
            key = (name, *args)
            found = kept.get(key)
            if found is not None and found[0] == identity(info):
                if found[1] is None or found[1] == file_digest(name):
                    if not racy:
                        found[1] = None  # (changed since, it would have another change time)
                    kept.move_to_end(key)
                    return found[2]
            hashed = file_digest(name) if racy else None  # (before it is read: changed while read, made again)
            value = make(name, *args)
            kept[key] = [identity(info), hashed, value]
            kept.move_to_end(key)
            while len(kept) > size:
                kept.popitem(last=False)
            return value

        made.kept = kept  # (for tests: what is kept)
        return made

    return decorate


@kept_by_file(32)
def _reader(name: str):
    """pypdf's reader of the file as it is now."""
    from pypdf import PdfReader

    return PdfReader(name)


def _box(page) -> tuple[float, float, float, float]:
    """The part of the page that is placed: its trim box (the finished page, without the bleed and the crop
    marks of a PDF made for print), which pypdf gives as the crop box, or the media box, when it has none; within
    the crop box, itself within the media box, as the PDF standard reads a box reaching outside them (one that
    does not meet the crop box: the crop box)."""
    crop = _within_media(page, page.cropbox)
    return _meet(_corners(page.trimbox), crop) or crop


def trim_off_page(path: Path) -> tuple[tuple[float, ...], tuple[float, ...], bool] | None:
    """(the trim box, the page it is read within: the crop box within the media box, whether nothing of the trim box
    is on it) when the page's own /TrimBox reaches outside that page; None when it has none, or lies on the page, or
    for a file that cannot be placed. Placed (layout.extras), such a trim box is cut to the page (_box), or, wholly
    off it, the whole page is: what a print shop trimming to it would cut is not what the booklet prints."""
    return _fact(path, "trim", lambda: _trim_off(path), None)


def _trim_off(path: Path) -> tuple[tuple[float, ...], tuple[float, ...], bool] | None:
    page = _reader(path).pages[0]
    if "/TrimBox" not in page:
        return None
    page_box = _within_media(page, page.cropbox)
    t0, t1, t2, t3 = trim = _corners(page.trimbox)
    c0, c1, c2, c3 = page_box
    slack = 0.01  # (points: a box written rounded)
    if t0 >= c0 - slack and t1 >= c1 - slack and t2 <= c2 + slack and t3 <= c3 + slack:
        return None
    return trim, page_box, _meet(trim, page_box) is None


def _within_media(page, box) -> tuple[float, float, float, float]:
    """`box` of `page` (left, bottom, right, top, in any order) cut to the page's media box; the media box where
    nothing of `box` is inside it (a renderer refuses a crop outside the page)."""
    media = _corners(page.mediabox)
    return _meet(_corners(box), media) or media


def _meet(box, within) -> tuple[float, float, float, float] | None:
    """What of `box` lies within `within` (each left, bottom, right, top); None when nothing of it does."""
    x0, y0, x1, y1 = max(box[0], within[0]), max(box[1], within[1]), min(box[2], within[2]), min(box[3], within[3])
    return (x0, y0, x1, y1) if x1 > x0 and y1 > y0 else None


def _corners(box) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = (float(v) for v in (box.left, box.bottom, box.right, box.top))
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def _rotation(page) -> int:
    return int(page.get("/Rotate", 0) or 0) % 360


def coarsest_image(path: Path) -> tuple[int, int, float] | None:
    """The page's image of the fewest pixels per inch as the page places it: (its width and height in pixels, that
    dpi on the page at its own size), or None: no image, or a file that cannot be placed."""
    return _fact(path, "coarsest", lambda: _scanned(path)[0], None)


def unembedded_fonts(path: Path) -> tuple[str, ...]:
    """The names of the fonts the page prints text in without their font program ('Helvetica', as a PDF made with
    the standard fonts names them), sorted; none for a file that cannot be placed. A printer's RIP substitutes a
    font of its own for them, and preflight fails the booklet that places the page as it is."""
    return _fact(path, "fonts", lambda: _scanned(path)[1], ()) or ()


def is_blank(path: Path) -> bool:
    """Whether the page prints nothing where it is placed (its trim box, with the annotations a viewer prints drawn
    in): nothing drawn, or all of it white, invisible or outside the trim box; False for a file that cannot be
    placed. A printer asks about an empty page in a booklet."""
    return bool(_fact(path, "blank", lambda: _blank(path), False))


def thinnest_line(path: Path) -> float | None:
    """The width (points, at the page's own size) of the thinnest line the page strokes where it is placed (its trim
    box, with the annotations a viewer prints drawn in), 0 for PDF's thinnest a device draws (`0 w`); None when it
    strokes none, or for a file that cannot be placed. Placed smaller, its lines print thinner by as much."""
    return _fact(path, "thinnest", lambda: _scanned(path)[2], None)


def paints_cmyk(path: Path) -> bool:
    """Whether the page paints in CMYK where it is placed (a colour or an image in DeviceCMYK or a CMYK profile,
    with the annotations a viewer prints drawn in): PDFium renders such colours to RGB by a table of its own (see
    from_cmyk_rendering); False for a file that cannot be placed."""
    return bool(_fact(path, "cmyk", lambda: _scanned(path)[3], False))


def _fact(path: Path, name: str, unkept, default):
    """The kept fact `name` (of FACT_NAMES) of _facts about the file; when none are kept, what `unkept()` finds of it,
    or `default` for a file that cannot be placed."""
    facts = _facts(path)
    if facts is not None:
        return facts[_FACT_AT[name]]
    return unkept() if _check(path) is None else default


BLANK_PIXELS = 1200  # the longer side of the page rendered to see whether it prints anything: a hairline still greys


def _blank(path: Path) -> bool:
    """Whether PDFium renders the placed part of the page white all over (every pixel pure white: a hairline, pale
    ink or a dot of text greys some). False when it cannot be rendered: what is not seen is no warning."""
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(printable(path) or str(path))
        try:
            width, height = _size(path)  # (not size(): this makes the facts it reads)
            page = document[0]
            page.set_cropbox(*crop_box(path))  # as layout.extras renders it for a --cmyk build
            image = page.render(scale=BLANK_PIXELS / max(width, height), crop=trim_crop(path),
                                may_draw_forms=False).to_pil().convert("RGB")
        finally:
            document.close()
    except Exception:  # noqa: BLE001 - PDFium refuses a page pypdf read: not judged
        return False
    return all(low == 255 for low, _ in image.getextrema())


def _scanned(path: Path) -> tuple[tuple[int, int, float] | None, tuple[str, ...], float | None, bool]:
    """(the coarsest image, the fonts not embedded, the thinnest line within the trim box, whether it paints in CMYK)
    of the page as it prints:
    with the annotations a viewer prints drawn in (a filled-in form field's text is in a font of the viewer's, /Helv,
    often not embedded). Every line is measured, as preflight measures a page's thin ones (scan.thin_widths): how
    thin is too thin depends on the scale the page is placed at."""
    import math

    from pypdf import PdfReader

    from ..printing.scan import scan_page, thin_widths

    try:
        drawn = printable(path)
        page = PdfReader(io.BytesIO(drawn)).pages[0] if drawn is not None else _reader(path).pages[0]
        scan = scan_page(page, {}, thin=math.inf)
        thinnest = min(thin_widths(scan, _box(page)), default=None)
    except Exception:  # noqa: BLE001 - what draws the page was read (check): what is not measured is no warning
        return None, (), None, False
    fonts = tuple(sorted({use.name for use in scan.fonts.values() if not use.embedded}))
    cmyk = scan.cmyk_colour or any(use.cmyk for use in scan.images)
    if not scan.images:
        return None, fonts, thinnest, cmyk
    image = min(scan.images, key=lambda use: use.dpi)
    return (image.pixels[0], image.pixels[1], image.dpi), fonts, thinnest, cmyk


def size(path: Path) -> tuple[float, float]:
    """The page's size in points (its trim box, turned as its /Rotate says)."""
    facts = _facts(path)
    return facts[1] if facts is not None and facts[1] is not None else _size(path)


def _size(path: Path) -> tuple[float, float]:
    page = _reader(path).pages[0]
    x0, y0, x1, y1 = _box(page)
    width, height = x1 - x0, y1 - y0
    return (height, width) if _rotation(page) in (90, 270) else (width, height)


def crop_box(path: Path) -> tuple[float, float, float, float]:
    """The page's crop box within its media box (what a renderer is to show of it: a crop box outside the page
    showed nothing, and the renderer refused to crop what it showed)."""
    page = _reader(path).pages[0]
    return _within_media(page, page.cropbox)


def trim_crop(path: Path) -> tuple[float, float, float, float]:
    """What to cut off the page as a renderer shows it (its crop box, turned) to keep its trim box:
    (left, bottom, right, top) in points, as pypdfium2's `render(crop=...)` takes them."""
    page = _reader(path).pages[0]
    c0, c1, c2, c3 = _within_media(page, page.cropbox)  # (what a renderer shows)
    t0, t1, t2, t3 = _box(page)
    left, bottom, right, top = max(0.0, t0 - c0), max(0.0, t1 - c1), max(0.0, c2 - t2), max(0.0, c3 - t3)
    return {90: (bottom, right, top, left), 180: (right, top, left, bottom),
            270: (top, left, bottom, right)}.get(_rotation(page), (left, bottom, right, top))


def _matrix(page) -> list[float]:
    """Form space (the page's) -> the upright page with its lower left corner at 0, 0."""
    x0, y0, x1, y1 = _box(page)
    return {
        0: [1, 0, 0, 1, -x0, -y0],
        90: [0, -1, 1, 0, -y0, x1],
        180: [-1, 0, 0, -1, x1, y1],
        270: [0, 1, -1, 0, y1, -x0],
    }.get(_rotation(page), [1, 0, 0, 1, -x0, -y0])


def draw_fitted_page(canv, path: Path, x: float, y: float, width: float, height: float) -> tuple[float, float,
                                                                                               float, float]:
    """The PDF's page scaled to fit inside the box, centred, keeping its proportions; returns the
    box it fills (x, y, width, height)."""
    page_width, page_height = size(path)
    scale = min(width / page_width, height / page_height)
    w, h = page_width * scale, page_height * scale
    left, bottom = x + (width - w) / 2, y + (height - h) / 2
    name = _form(canv, Path(path))
    canv.saveState()
    canv.translate(left, bottom)
    canv.scale(scale, scale)
    canv.doForm(name)
    canv.restoreState()
    return left, bottom, w, h


def _form(canv, path: Path) -> str:
    """The name of the form holding the page on this canvas's document (made the first time)."""
    from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFStream, PDFZCompress, xObjectName

    forms = canv.__dict__.setdefault("_booklet_pdf_forms", {})
    if path in forms:
        return forms[path]
    name = f"BookletPage{len(forms)}"
    facts = _facts(path)
    plain = facts[2] if facts is not None and facts[2] is not None else _plain_form(_reader(path).pages[0])
    (x0, y0, x1, y1), matrix, data, resources, group, objects = plain
    doc = canv._doc
    converter = _Converter(doc, objects)
    entries = {
        "Type": PDFName("XObject"),
        "Subtype": PDFName("Form"),
        "FormType": 1,
        "BBox": PDFArray([x0, y0, x1, y1]),
        "Matrix": PDFArray(matrix),
    }
    if resources is not None:
        entries["Resources"] = converter.convert(resources)
    if group is not None:
        entries["Group"] = converter.convert(group)
    form = PDFStream(PDFDictionary(entries), data, filters=[PDFZCompress])
    doc.Reference(form, xObjectName(name))
    forms[path] = name
    return name


def _plain_form(page) -> tuple:
    """What the form of the page is made of: (its box, its matrix, its content, its resources and group as
    plain values, the indirect objects those reach as plain values by (number, generation)); see _plain."""
    contents = page.get_contents()
    data = contents.get_data() if contents is not None else b""
    resources = page.get("/Resources")
    shown = _printed_appearances(page)
    if shown:
        resources, data = _with_appearances(resources, data, shown)
    objects: dict = {}
    return (_box(page), _matrix(page), data, None if resources is None else _plain(resources, objects),
            _plain(page["/Group"], objects) if "/Group" in page else None, objects)


def _plain(obj, objects: dict):
    """pypdf's object -> plain values (picklable, without pypdf): ("ref", key) for an indirect object, whose
    value goes in `objects` under its key; ("stream", entries, encoded data), ("dict", entries), ("array",
    items); any other value as the bytes PDF writes of it."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject

    if isinstance(obj, IndirectObject):
        key = (obj.idnum, obj.generation)
        if key not in objects:
            objects[key] = None  # being made: a cycle ends here
            found = obj.get_object()
            if found is None:
                raise ValueError(f"it refers to object {key[0]} {key[1]} R, which it does not have")
            objects[key] = _plain(found, objects)
        return ("ref", key)
    if isinstance(obj, StreamObject):
        return ("stream", [(key[1:], _plain(value, objects)) for key, value in obj.items() if key != "/Length"],
                obj._data)  # as encoded in the file: /Filter stays, nothing is decoded
    if isinstance(obj, DictionaryObject):
        return ("dict", [(key[1:], _plain(value, objects)) for key, value in obj.items()])
    if isinstance(obj, ArrayObject):
        return ("array", [_plain(item, objects) for item in obj])
    stream = io.BytesIO()
    obj.write_to_stream(stream)  # names, numbers, strings, booleans, null: as PDF writes them
    return stream.getvalue()


_HIDDEN, _PRINT = 2, 4  # annotation flags (PDF 32000-1, 12.5.3)


def _printed_appearances(page) -> list[tuple[object, list[float]]]:
    """(appearance stream, the matrix that places it) of each annotation a viewer prints: flagged Print, not
    Hidden, with a normal appearance (for one with states, the state it is in) of some size, in page order."""
    from pypdf.generic import DictionaryObject, StreamObject

    shown = []
    try:
        annotations = list(page.get("/Annots") or ())
    except Exception:  # noqa: BLE001 - a broken /Annots: the page is drawn without them, as before
        return shown
    for annotation in annotations:
        try:
            annotation = annotation.get_object()
            if not isinstance(annotation, DictionaryObject):
                continue
            flags = int(annotation.get("/F", 0) or 0)
            if flags & _HIDDEN or not flags & _PRINT or "/Rect" not in annotation:
                continue
            normal = (annotation.get("/AP") or DictionaryObject()).get_object().get("/N")
            reference = normal
            normal = normal.get_object() if normal is not None else None
            if isinstance(normal, DictionaryObject) and not isinstance(normal, StreamObject):
                reference = normal.get(annotation.get("/AS"))  # a check box's /On, /Off: the one it shows
                normal = reference.get_object() if reference is not None else None
            if not isinstance(normal, StreamObject):
                continue
            matrix = _placing(normal, [float(v) for v in annotation["/Rect"]])
        except Exception:  # noqa: BLE001 - one malformed annotation is left out, not the page
            continue
        if matrix is not None:
            shown.append((reference, matrix))
    return shown


def _placing(appearance, rect: list[float]) -> list[float] | None:
    """The matrix that maps the appearance's box (turned by its own /Matrix) onto the annotation's /Rect
    (PDF 32000-1, 12.5.5), or None when either has no size."""
    a, b, c, d, e, f = (float(v) for v in appearance.get("/Matrix", (1, 0, 0, 1, 0, 0)))
    x0, y0, x1, y1 = (float(v) for v in appearance.get("/BBox", (0, 0, 0, 0)))
    corners = [(a * x + c * y + e, b * x + d * y + f) for x in (x0, x1) for y in (y0, y1)]
    left, right = min(x for x, _ in corners), max(x for x, _ in corners)
    bottom, top = min(y for _, y in corners), max(y for _, y in corners)
    r0, r1, r2, r3 = min(rect[0], rect[2]), min(rect[1], rect[3]), max(rect[0], rect[2]), max(rect[1], rect[3])
    if right - left <= 0 or top - bottom <= 0 or r2 - r0 <= 0 or r3 - r1 <= 0:
        return None
    sx, sy = (r2 - r0) / (right - left), (r3 - r1) / (top - bottom)
    return [sx, 0, 0, sy, r0 - sx * left, r1 - sy * bottom]


def _with_appearances(resources, data: bytes, shown) -> tuple[object, bytes]:
    """The page's resources with the appearances added as forms, and its content followed by drawing them."""
    from pypdf.generic import DictionaryObject, NameObject

    merged = DictionaryObject()
    if resources is not None:
        merged.update(resources.get_object())
    xobjects = DictionaryObject()
    if "/XObject" in merged:
        xobjects.update(merged["/XObject"].get_object())
    drawn = [b"q\n", data, b"\nQ\n"]
    for number, (appearance, matrix) in enumerate(shown):
        name = f"/BookletAnnot{number}"
        while name in xobjects:
            name += "x"
        xobjects[NameObject(name)] = appearance
        numbers = " ".join(f"{value:.6f}".rstrip("0").rstrip(".") for value in matrix)
        drawn.append(f"q {numbers} cm {name} Do Q\n".encode())
    merged[NameObject("/XObject")] = xobjects
    return merged, b"".join(drawn)


@kept_by_file(32)  # (the facts' scan and blank check, and a --cmyk build's rendering, each ask for it)
def printable(path: str) -> bytes | None:
    """The PDF with its printed annotations drawn into its page (as draw_fitted_page draws them) and its
    annotations left out, for a renderer; None when it has none to draw (the file renders as it is). Kept while
    the file is unchanged (kept_by_file)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import DecodedStreamObject, NameObject

    if not _printed_appearances(_reader(path).pages[0]):
        return None
    source = PdfReader(path).pages[0]  # a reader of its own: copying a page into a writer changes it
    contents = source.get_contents()
    data = contents.get_data() if contents is not None else b""  # read first: the copy below reads empty
    writer = PdfWriter()
    page = writer.add_page(source)
    resources, data = _with_appearances(page.get("/Resources"), data, _printed_appearances(page))
    stream = DecodedStreamObject()
    stream.set_data(data)
    page[NameObject("/Contents")] = writer._add_object(stream)
    page[NameObject("/Resources")] = resources
    del page["/Annots"]
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


class _Converter:
    """Plain values (see _plain) -> ReportLab pdfdoc objects; each indirect object converted (and written) once."""

    def __init__(self, doc, objects: dict):
        self.doc = doc
        self.objects = objects
        self.done: dict[tuple[int, int], object] = {}

    def convert(self, node):
        from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFStream

        if isinstance(node, bytes):
            return node
        kind = node[0]
        if kind == "ref":
            key = node[1]
            if key in self.done:
                return self.done[key]
            target = self.objects[key]
            if not isinstance(target, tuple):  # a value kept as an object of its own: written in place
                self.done[key] = value = self.convert(target)
                return value
            if target[0] == "stream":
                shell = PDFStream(PDFDictionary(), b"", filters=[])
            elif target[0] == "dict":
                shell = PDFDictionary()
            elif target[0] == "array":
                shell = PDFArray([])
            else:  # a reference to a reference
                self.done[key] = value = self.convert(target)
                return value
            self.done[key] = reference = self.doc.Reference(shell)  # before its content: cycles end here
            self._fill(shell, target)
            return reference
        if kind == "stream":
            shell = PDFStream(PDFDictionary(), b"", filters=[])
            self._fill(shell, node)
            return self.doc.Reference(shell)  # a stream is always an object of its own
        if kind == "dict":
            shell = PDFDictionary()
            self._fill(shell, node)
            return shell
        shell = PDFArray([])
        self._fill(shell, node)
        return shell

    def _fill(self, shell, node) -> None:
        kind = node[0]
        if kind == "array":
            shell.sequence = [self.convert(item) for item in node[1]]
            return
        entries = shell.dictionary.dict if kind == "stream" else shell.dict
        for key, value in node[1]:
            entries[key] = self.convert(value)
        renamed = _retagged(node, self.objects)
        if renamed is not None:
            entries[renamed[0]] = renamed[1]
        if kind == "stream":
            shell.content = node[2]
            if "Filter" not in entries:
                shell.filters = None  # an uncompressed stream: ReportLab compresses it


def _retagged(node, objects: dict) -> tuple[str, bytes] | None:
    """(key, new name) for a font dictionary's /BaseFont or a font descriptor's /FontName that is a subset's
    ('/AAAAAA+NotoSans-Regular'): tagged by a hash of the subset's font program (booklet.printing.subsettags), the
    same for the font, its descendant and their descriptor; else None.

    A PDF ReportLab made (a venue map) names its subsets as the booklet's own are named, 'AAAAAA+' for the first:
    kept as they were, one name would stand for two different subsets in the booklet (ISO 32000-1, 9.6.4)."""
    from ..printing.subsettags import is_tagged, retagged

    entries = dict(node[1]) if node[0] in ("dict", "stream") else {}
    key = "FontName" if _is_descriptor(entries) else "BaseFont" if entries.get("Type", b"/Font") == b"/Font" else None
    name = entries.get(key) if key is not None else None
    if not isinstance(name, bytes) or not is_tagged(name):
        return None
    return key, retagged(name, _font_program(node, objects))


def _font_program(node, objects: dict, depth: int = 0) -> bytes:
    """The bytes a subset's tag is made from: its font program (FontFile, FontFile2 or FontFile3, as encoded in the
    file) reached from a font descriptor, a font (through its descriptor) or a Type 0 font (through its first
    descendant); for one without a program, its descriptor's (else its own) entries but the name."""
    node = _resolved(node, objects)
    entries = dict(node[1]) if isinstance(node, tuple) and node[0] in ("dict", "stream") else {}
    if _is_descriptor(entries):
        for key in ("FontFile2", "FontFile", "FontFile3"):
            program = _resolved(entries.get(key), objects)
            if isinstance(program, tuple) and program[0] == "stream":
                return program[2]
        return repr(sorted((k, v) for k, v in entries.items() if k != "FontName")).encode()
    if depth < 4 and "FontDescriptor" in entries:
        return _font_program(entries["FontDescriptor"], objects, depth + 1)
    descendants = _resolved(entries.get("DescendantFonts"), objects)
    if depth < 4 and isinstance(descendants, tuple) and descendants[0] == "array" and descendants[1]:
        return _font_program(descendants[1][0], objects, depth + 1)
    return repr(sorted((k, v) for k, v in entries.items() if k != "BaseFont")).encode()


def _resolved(node, objects: dict):
    """A plain value with references followed (None for one the objects do not hold)."""
    for _ in range(8):
        if not (isinstance(node, tuple) and node[0] == "ref"):
            return node
        node = objects.get(node[1])
    return None


def _is_descriptor(entries: dict) -> bool:
    """Whether a dictionary's entries are a font descriptor's (its /Type, or, left out, its /FontName and /Flags)."""
    kind = entries.get("Type")
    return kind == b"/FontDescriptor" or (kind is None and "FontName" in entries and "Flags" in entries)


# PDFium renders a DeviceCMYK colour to RGB by a table of Adobe's (a press's CMYK as a screen shows it): 100 % black
# as (35, 31, 32), 50 % as (147, 149, 152). Separated again (styles.separated), a placed map's black text printed as
# 87 % black, screened, and its 50 % grey as 41 %. from_cmyk_rendering takes PDFium's rendering of black ink back
# to the grey it is: by curves read off PDFium's rendering of every level of black alone, each pixel near neutral
# (chroma up to the first of CMYK_NEUTRAL, in levels of 255: PDFium's blacks are up to 5 apart, a text's edges on
# white a little more) made that grey, fading out up to the second; a colour keeps PDFium's rendering (its inks are
# separated as before), and so does a tint of 5 % and more (C 5 % renders 13 apart).
CMYK_NEUTRAL = (6, 12)


@lru_cache(maxsize=1)
def _black_curves() -> tuple[int, ...]:
    """A 768-entry table for Image.point: for each of R, G and B, the channel's level as PDFium renders black ink
    alone -> the grey of that much black (255 * (1 - k)); below PDFium's 100 % black, 0; read off PDFium's rendering
    of the 256 levels of black, each a patch of a page drawn here."""
    import pypdfium2
    from reportlab.pdfgen.canvas import Canvas

    side = 4
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(side * 256, side), invariant=1)
    for level in range(256):
        canvas.setFillColorCMYK(0, 0, 0, level / 255)
        canvas.rect(side * level, 0, side, side, fill=1, stroke=0)
    canvas.save()
    document = pypdfium2.PdfDocument(buffer.getvalue())
    try:
        image = document[0].render(scale=1).to_pil().convert("RGB")
    finally:
        document.close()
    rendered = [image.getpixel((side * level + side // 2, side // 2)) for level in range(256)]
    table: list[int] = []
    for channel in range(3):
        levels, lowest = [], 255
        for pixel in rendered:  # (kept falling: a level as light as the one before it gives no new black)
            lowest = min(lowest, pixel[channel])
            levels.append(lowest)
        for value in range(256):
            if value <= levels[-1]:
                table.append(0)
                continue
            if value >= levels[0]:
                table.append(255)
                continue
            below = next(n for n in range(1, 256) if levels[n] <= value)  # the first level rendered this dark
            above = levels[below - 1]
            k = below - (value - levels[below]) / (above - levels[below])  # (above > value >= levels[below])
            table.append(round(255 - k))
    return tuple(table)


def from_cmyk_rendering(image):
    """PDFium's rendering (RGB) of a page that paints in CMYK, its near-neutral pixels taken back to the grey of the
    black ink PDFium rendered them from (see CMYK_NEUTRAL): 100 % black as (0, 0, 0), which the separation prints as
    100 % black alone, 50 % as (128, 128, 128), the edges of black text as neutral greys (no ink but black); white
    stays white, and a colour as PDFium rendered it."""
    from PIL import Image, ImageChops, ImageMath

    red, green, blue = image.split()
    lightest = ImageChops.lighter(ImageChops.lighter(red, green), blue)
    darkest = ImageChops.darker(ImageChops.darker(red, green), blue)
    low, high = CMYK_NEUTRAL

    def weight(chroma: int) -> int:  # how much of the grey a pixel of this chroma takes (255: all), a smoothstep
        if chroma <= low:
            return 255
        if chroma >= high:
            return 0
        t = (high - chroma) / (high - low)
        return round(255 * t * t * (3 - 2 * t))

    share = ImageChops.subtract(lightest, darkest).point([weight(chroma) for chroma in range(256)])
    grey = ImageMath.lambda_eval(lambda a: (a["r"] + a["g"] + a["b"] + 1) / 3,  # (integer division)
                                 **dict(zip("rgb", image.point(list(_black_curves())).split()))).convert("L")
    return Image.composite(Image.merge("RGB", (grey, grey, grey)), image, share)
