"""A PDF page's content (forms included) -> what it draws: fonts used, images at their dpi, RGB colour, text boxes,
lines stroked thinner than print holds."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from pypdf import PageObject
from pypdf.generic import ContentStream, DictionaryObject, IndirectObject

from .paper import THIN_LINE

SMALL_TEXT = 12.0  # points: text smaller than this set in all four inks blurs where the plates do not meet exactly
FOUR_INKS = 0.1  # each of C, M, Y and K at least this (10 %): a four-ink mix (rich black), not a tint of one ink

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
MAX_FORM_DEPTH = 12


@dataclass(frozen=True)
class FontUse:
    name: str  # BaseFont without the subset prefix, e.g. 'Helvetica'
    embedded: bool
    forbidden: str | None = None  # embedded, though its licence forbids it: why (OS/2 fsType: fonts.embedding_forbidden)


@dataclass(frozen=True)
class ImageUse:
    key: int  # object number of the image (0 for an inline image)
    pixels: tuple[int, int]
    dpi: float  # effective: the lower of horizontal and vertical
    rgb: bool
    cmyk: bool = False
    soft_mask: bool = False  # drawn through a soft mask (/SMask): transparency the printer's RIP flattens


@dataclass
class PageScan:
    """What one page draws. Text boxes are (x0, y0, x1, y1) in default user space, approximated."""

    fonts: dict[int, FontUse] = field(default_factory=dict)
    images: list[ImageUse] = field(default_factory=list)
    rgb_colour: bool = False
    cmyk_colour: bool = False  # a colour set in DeviceCMYK (k, K, or sc in a CMYK space)
    # Total ink (C + M + Y + K, 0-4) of what the page paints in CMYK or grey colours (images apart: see preflight):
    # the most of those at 100 % or less, wherever they are, and each painted with more, with the box it covers
    # (approximate: a path's points, a line of text), so that crop marks in registration colour (400 %) outside
    # the bleed can be told from a page's own colours.
    ink: float = 0.0
    heavy_inks: list[tuple[float, tuple[float, float, float, float]]] = field(default_factory=list)
    transparent: bool = False  # an image with a soft mask, or a graphics state with alpha, a soft mask or a blend
    # The spot colours (Separation and DeviceN colourants: 'PANTONE 185 C') a colour space set for painting, an image
    # or a shading names; each is a printing plate of its own, beyond C, M, Y and K.
    spots: set[str] = field(default_factory=set)
    text_boxes: list[tuple[float, float, float, float]] = field(default_factory=list)
    # Each line stroked thinner than the scan's `thin` (THIN_LINE: as printed) on the page (its width in points, 0 for
    # PDF's thinnest line a device can draw, `0 w`; approximate under a matrix that stretches one way more than the
    # other), with its path's box.
    thin_lines: list[tuple[float, tuple[float, float, float, float]]] = field(default_factory=list)
    # Text smaller than SMALL_TEXT as printed (its size in points) filled in a CMYK colour of all four inks (rich
    # black: C, M, Y and K each FOUR_INKS or more), with its box (the slug's registration-colour text beyond the
    # bleed is no part of the page).
    four_ink_text: list[tuple[float, tuple[float, float, float, float]]] = field(default_factory=list)


def scan_page(page: PageObject, cache: dict, thin: float = THIN_LINE) -> PageScan:
    """Walk `page`'s content stream and the forms it draws; `cache` is shared between pages of one file. Lines
    stroked thinner than `thin` points are kept (a page placed smaller, an extra page's, thins its lines: its scan
    keeps every line, `thin` infinite, to be judged at the scale it prints)."""
    scan = PageScan()
    contents = page.get_contents()
    if contents is not None:
        walker = _Walker(scan, cache, thin)
        walker.walk(contents.operations, _resources(page), depth=0, seen=())
    return scan


def thin_widths(scan: PageScan, area: tuple[float, float, float, float]) -> list[float]:
    """The widths (points) of the lines `scan` kept that reach into `area` (the page as printed: its bleed, or a
    placed page's trim box; crop marks beyond it are no part of it)."""
    return [width for width, box in scan.thin_lines if overlaps(box, area)]


def overlaps(box: tuple[float, float, float, float], other: tuple[float, float, float, float],
             edge: float = 0.5) -> bool:
    """Whether `box` (a line's may have no width) reaches into `other` by more than `edge` points: a crop mark that
    starts at the bleed's edge does not."""
    return (box[0] <= other[2] - edge and other[0] + edge <= box[2]
            and box[1] <= other[3] - edge and other[1] + edge <= box[3])


def multiply(m: Matrix, n: Matrix) -> Matrix:
    """m then n (PDF row-vector convention: [x y 1] x m x n)."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u)


def apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return (a * x + c * y + e, b * x + d * y + f)


@dataclass
class _State:
    """The graphics state that matters here (q/Q save and restore all of it)."""

    ctm: Matrix = IDENTITY
    fill_rgb: bool = False  # the current fill / stroke colour space is RGB
    stroke_rgb: bool = False
    fill_cmyk: bool = False  # ... is DeviceCMYK
    stroke_cmyk: bool = False
    fill_ink: float = 1.0  # the current fill / stroke colour's total ink, 0-4 (0 for RGB); default: black
    fill_four: bool = False  # the current fill colour is CMYK of all four inks (see FOUR_INKS)
    stroke_ink: float = 1.0
    clip: tuple[float, float, float, float] | None = None  # the clipping path's box, page space (None: no clip)
    line_width: float = 1.0  # in user space (PDF's default: 1)
    font: _Font | None = None
    size: float = 0.0
    char_spacing: float = 0.0
    word_spacing: float = 0.0
    scale: float = 1.0
    leading: float = 0.0
    rise: float = 0.0
    invisible: bool = False

    def copy(self) -> _State:
        return _State(**self.__dict__)


class _Walker:
    def __init__(self, scan: PageScan, cache: dict, thin: float = THIN_LINE):
        self.scan = scan
        self.cache = cache
        self.thin = thin  # lines stroked thinner than this are kept (see scan_page)
        self.state = _State()
        self.stack: list[_State] = []
        self.tm: Matrix = IDENTITY
        self.tlm: Matrix = IDENTITY
        self.path: list[float] | None = None  # the current path's box so far (x0, y0, x1, y1), page space
        self.clipping = False  # W or W* given: the path, once painted (or n), clips what follows

    def walk(self, operations, resources: DictionaryObject, depth: int, seen: tuple) -> None:
        for operands, operator in operations:
            handler = _HANDLERS.get(operator)
            if handler is not None:
                try:
                    handler(self, operands, resources, depth, seen)
                except (ValueError, TypeError, KeyError, IndexError, AttributeError, ZeroDivisionError):
                    continue  # a malformed operator: skip it, as viewers do

    # graphics state
    def op_q(self, operands, resources, depth, seen):
        self.stack.append(self.state.copy())

    def op_Q(self, operands, resources, depth, seen):
        if self.stack:
            self.state = self.stack.pop()

    def op_cm(self, operands, resources, depth, seen):
        self.state.ctm = multiply(tuple(float(v) for v in operands[:6]), self.state.ctm)

    # colour
    def op_rg(self, operands, resources, depth, seen):
        self.scan.rgb_colour = True
        self.state.fill_rgb, self.state.fill_cmyk, self.state.fill_ink = True, False, 0.0
        self.state.fill_four = False

    def op_RG(self, operands, resources, depth, seen):
        self.scan.rgb_colour = True
        self.state.stroke_rgb, self.state.stroke_cmyk, self.state.stroke_ink = True, False, 0.0

    def op_gray_fill(self, operands, resources, depth, seen):
        self.state.fill_rgb = self.state.fill_cmyk = self.state.fill_four = False
        self.state.fill_ink = 1 - _unit(operands[0])

    def op_gray_stroke(self, operands, resources, depth, seen):
        self.state.stroke_rgb = self.state.stroke_cmyk = False
        self.state.stroke_ink = 1 - _unit(operands[0])

    def op_cmyk_fill(self, operands, resources, depth, seen):
        self.state.fill_rgb, self.state.fill_cmyk = False, True
        self.state.fill_ink = self._ink(operands)
        self.state.fill_four = _four_inks(operands)

    def op_cmyk_stroke(self, operands, resources, depth, seen):
        self.state.stroke_rgb, self.state.stroke_cmyk = False, True
        self.state.stroke_ink = self._ink(operands)

    def _ink(self, operands) -> float:
        self.scan.cmyk_colour = True
        return sum(_unit(v) for v in operands[:4])

    def op_cs(self, operands, resources, depth, seen):
        self.scan.spots |= _spot_names(operands[0], resources)
        self.state.fill_rgb = _is_rgb_space(operands[0], resources)
        self.state.fill_cmyk = _is_cmyk_space(operands[0], resources)
        self.state.fill_ink = 1.0 if self.state.fill_cmyk else 0.0  # (the space's initial colour: black)
        self.state.fill_four = False

    def op_CS(self, operands, resources, depth, seen):
        self.scan.spots |= _spot_names(operands[0], resources)
        self.state.stroke_rgb = _is_rgb_space(operands[0], resources)
        self.state.stroke_cmyk = _is_cmyk_space(operands[0], resources)
        self.state.stroke_ink = 1.0 if self.state.stroke_cmyk else 0.0

    def op_sc(self, operands, resources, depth, seen):
        if self.state.fill_rgb:
            self.scan.rgb_colour = True
        elif self.state.fill_cmyk and len(operands) == 4:
            self.state.fill_ink = self._ink(operands)
            self.state.fill_four = _four_inks(operands)

    def op_SC(self, operands, resources, depth, seen):
        if self.state.stroke_rgb:
            self.scan.rgb_colour = True
        elif self.state.stroke_cmyk and len(operands) == 4:
            self.state.stroke_ink = self._ink(operands)

    # paths: their boxes, for the ink they are painted with
    def _extend(self, points) -> None:
        for x, y in points:
            x, y = apply(self.state.ctm, x, y)
            if self.path is None:
                self.path = [x, y, x, y]
            else:
                box = self.path
                box[0], box[1], box[2], box[3] = min(box[0], x), min(box[1], y), max(box[2], x), max(box[3], y)

    def op_point(self, operands, resources, depth, seen):  # m, l, c, v, y: each point given
        values = [float(v) for v in operands]
        self._extend(zip(values[0::2], values[1::2]))

    def op_re(self, operands, resources, depth, seen):
        x, y, w, h = (float(v) for v in operands[:4])
        self._extend(((x, y), (x + w, y + h), (x + w, y), (x, y + h)))

    def op_fill(self, operands, resources, depth, seen):
        self._painted(self.state.fill_ink)

    def op_stroke(self, operands, resources, depth, seen):
        self._stroked(self._painted(self.state.stroke_ink))

    def op_fill_stroke(self, operands, resources, depth, seen):
        self._stroked(self._painted(max(self.state.fill_ink, self.state.stroke_ink)))

    def op_w(self, operands, resources, depth, seen):
        self.state.line_width = abs(float(operands[0]))

    def _stroked(self, box) -> None:
        """Record a line stroked at `box` (None: clipped away, or no path) when it is thinner than the scan's `thin`."""
        if box is None:
            return
        a, b, c, d, _, _ = self.state.ctm
        width = self.state.line_width * math.sqrt(abs(a * d - b * c))  # (the matrix's mean scale)
        if width < self.thin - 0.005:
            self.scan.thin_lines.append((width, tuple(box)))

    def op_clip(self, operands, resources, depth, seen):
        self.clipping = True

    def op_no_paint(self, operands, resources, depth, seen):
        self._painted(0.0)

    def _painted(self, ink: float, box=None):
        """Record the ink painted over `box` (default: the current path's, which this ends); the box as clipped, or
        None when nothing is painted."""
        if box is None:
            box, self.path = self.path, None
            clipping, self.clipping = self.clipping, False  # (W applies to the path this ends, and to no later one)
            if clipping and box is not None:  # (a clip within one it does not meet leaves nothing: not no clip)
                self.state.clip = _intersection(tuple(box), self.state.clip) or _NOWHERE
        if box is None:
            return None
        if self.state.clip is not None:
            box = _intersection(tuple(box), self.state.clip)
            if box is None:
                return None
        if ink > 1.0:
            self.scan.heavy_inks.append((ink, tuple(box)))
        else:
            self.scan.ink = max(self.scan.ink, ink)
        return box

    def op_gs(self, operands, resources, depth, seen):
        state = resources["/ExtGState"][operands[0]].get_object()
        alpha = any(key in state and float(state[key]) < 1 for key in ("/ca", "/CA"))
        mask = state.get("/SMask") not in (None, "/None")
        blend = state.get("/BM") not in (None, "/Normal", "/Compatible")
        if alpha or mask or blend:
            self.scan.transparent = True

    def op_sh(self, operands, resources, depth, seen):
        shading = resources["/Shading"][operands[0]].get_object()
        self.scan.spots |= _spot_names(shading.get("/ColorSpace"), resources)
        if _is_rgb_space(shading.get("/ColorSpace"), resources):
            self.scan.rgb_colour = True

    # XObjects
    def op_Do(self, operands, resources, depth, seen):
        ref = resources["/XObject"].raw_get(operands[0])
        xobject = ref.get_object()
        subtype = xobject.get("/Subtype")
        if subtype == "/Image":
            self._image(ref, xobject)
        elif subtype == "/Form":
            self._form(ref, xobject, resources, depth, seen)

    def op_inline_image(self, operands, resources, depth, seen):
        settings = operands["settings"]
        width, height = settings.get("/W", settings.get("/Width")), settings.get("/H", settings.get("/Height"))
        space = settings.get("/CS", settings.get("/ColorSpace"))
        rgb = space in ("/RGB", "/DeviceRGB") or (space is not None and _is_rgb_space(space, resources))
        cmyk = space in ("/CMYK", "/DeviceCMYK") or (space is not None and _is_cmyk_space(space, resources))
        self.scan.spots |= _spot_names(space, resources)
        self._record_image(0, int(width), int(height), rgb, cmyk)

    def _image(self, ref, image: DictionaryObject) -> None:
        key = ref.idnum if isinstance(ref, IndirectObject) else 0
        rgb = _is_rgb_space(image.get("/ColorSpace"), DictionaryObject())
        cmyk = _is_cmyk_space(image.get("/ColorSpace"), DictionaryObject())
        self.scan.spots |= _spot_names(image.get("/ColorSpace"), DictionaryObject())
        self._record_image(key, int(image["/Width"]), int(image["/Height"]), rgb, cmyk, "/SMask" in image)

    def _record_image(self, key: int, width: int, height: int, rgb: bool, cmyk: bool = False,
                      soft_mask: bool = False) -> None:
        a, b, c, d, _, _ = self.state.ctm
        across, down = math.hypot(a, b), math.hypot(c, d)  # the unit square's sides, in points
        if across < 1e-6 or down < 1e-6:
            return
        dpi = min(width * 72 / across, height * 72 / down)
        self.scan.images.append(ImageUse(key, (width, height), dpi, rgb, cmyk, soft_mask))
        if soft_mask:
            self.scan.transparent = True

    def _form(self, ref, form, resources, depth, seen) -> None:
        key = ref.idnum if isinstance(ref, IndirectObject) else id(form)
        if depth >= MAX_FORM_DEPTH or key in seen:
            return
        operations = self.cache.get(("form", key))
        if operations is None:
            operations = ContentStream(form, form.indirect_reference.pdf if form.indirect_reference else None).operations
            self.cache[("form", key)] = operations
        matrix = tuple(float(v) for v in form.get("/Matrix", IDENTITY))
        own = form.get("/Resources")
        saved = (self.state, self.stack, self.tm, self.tlm, self.path)
        self.state, self.stack, self.path = self.state.copy(), [], None
        self.state.ctm = multiply(matrix, self.state.ctm)
        bbox = [float(v) for v in form.get("/BBox", ())]
        if len(bbox) == 4:  # a form is clipped to its box
            corners = [apply(self.state.ctm, x, y) for x in (bbox[0], bbox[2]) for y in (bbox[1], bbox[3])]
            xs, ys = [x for x, _ in corners], [y for _, y in corners]
            self.state.clip = _intersection((min(xs), min(ys), max(xs), max(ys)), self.state.clip) or _NOWHERE
        try:
            self.walk(operations, own.get_object() if own is not None else resources, depth + 1, seen + (key,))
        finally:
            self.state, self.stack, self.tm, self.tlm, self.path = saved

    # text
    def op_BT(self, operands, resources, depth, seen):
        self.tm = self.tlm = IDENTITY

    def op_Tf(self, operands, resources, depth, seen):
        self.state.size = float(operands[1])
        ref = resources["/Font"].raw_get(operands[0])
        self.state.font = _font(ref, self.cache)

    def op_Tc(self, operands, resources, depth, seen):
        self.state.char_spacing = float(operands[0])

    def op_Tw(self, operands, resources, depth, seen):
        self.state.word_spacing = float(operands[0])

    def op_Tz(self, operands, resources, depth, seen):
        self.state.scale = float(operands[0]) / 100

    def op_TL(self, operands, resources, depth, seen):
        self.state.leading = float(operands[0])

    def op_Ts(self, operands, resources, depth, seen):
        self.state.rise = float(operands[0])

    def op_Tr(self, operands, resources, depth, seen):
        self.state.invisible = int(operands[0]) in (3, 7)

    def op_Td(self, operands, resources, depth, seen):
        self.tlm = multiply((1, 0, 0, 1, float(operands[0]), float(operands[1])), self.tlm)
        self.tm = self.tlm

    def op_TD(self, operands, resources, depth, seen):
        self.state.leading = -float(operands[1])
        self.op_Td(operands, resources, depth, seen)

    def op_Tm(self, operands, resources, depth, seen):
        self.tm = self.tlm = tuple(float(v) for v in operands[:6])

    def op_Tstar(self, operands, resources, depth, seen):
        self.op_Td((0, -self.state.leading), resources, depth, seen)

    def op_Tj(self, operands, resources, depth, seen):
        self._show([operands[0]])

    def op_TJ(self, operands, resources, depth, seen):
        self._show(list(operands[0]))

    def op_quote(self, operands, resources, depth, seen):
        self.op_Tstar((), resources, depth, seen)
        self._show([operands[0]])

    def op_dquote(self, operands, resources, depth, seen):
        self.state.word_spacing, self.state.char_spacing = float(operands[0]), float(operands[1])
        self.op_quote(operands[2:], resources, depth, seen)

    def _show(self, items: list) -> None:
        """Advance the text matrix over `items` (strings and TJ kerning numbers); record fonts and the box."""
        state = self.state
        font = state.font
        if font is None:
            return
        advance, inked = 0.0, False
        for item in items:
            if isinstance(item, (int, float)):
                advance -= float(item) / 1000 * state.size * state.scale
                continue
            data = item.original_bytes if hasattr(item, "original_bytes") else bytes(item)
            for code, width in font.glyphs(data):
                spacing = state.char_spacing + (state.word_spacing if code == 32 and font.code_bytes == 1 else 0.0)
                advance += (width / 1000 * state.size + spacing) * state.scale
                if not (code == 32 and font.code_bytes == 1):
                    inked = True
        if inked and not state.invisible:
            self.scan.fonts[font.key] = FontUse(font.name, font.embedded, font.forbidden)
            self._record_text_box(advance, font)
        self.tm = multiply((1, 0, 0, 1, advance, 0), self.tm)

    def _record_text_box(self, advance: float, font: _Font) -> None:
        state = self.state
        low, high = state.rise + font.descent * state.size, state.rise + font.ascent * state.size
        full = multiply(self.tm, state.ctm)
        corners = [apply(full, x, y) for x in (0.0, advance) for y in (low, high)]
        xs, ys = [x for x, _ in corners], [y for _, y in corners]
        self.scan.text_boxes.append((min(xs), min(ys), max(xs), max(ys)))
        if state.fill_four and state.size:
            size = abs(state.size) * math.hypot(full[2], full[3])  # (the text's height as printed)
            if size < SMALL_TEXT - 0.05:
                self.scan.four_ink_text.append((size, (min(xs), min(ys), max(xs), max(ys))))
        if self.state.fill_cmyk or not self.state.fill_rgb:  # (a path under construction is not text's)
            path, self.path = self.path, None
            self._painted(self.state.fill_ink, (min(xs), min(ys), max(xs), max(ys)))
            self.path = path


_HANDLERS = {
    b"q": _Walker.op_q, b"Q": _Walker.op_Q, b"cm": _Walker.op_cm, b"w": _Walker.op_w,
    b"rg": _Walker.op_rg, b"RG": _Walker.op_RG,
    b"g": _Walker.op_gray_fill, b"k": _Walker.op_cmyk_fill,
    b"G": _Walker.op_gray_stroke, b"K": _Walker.op_cmyk_stroke, b"gs": _Walker.op_gs,
    b"m": _Walker.op_point, b"l": _Walker.op_point, b"c": _Walker.op_point, b"v": _Walker.op_point,
    b"y": _Walker.op_point, b"re": _Walker.op_re, b"n": _Walker.op_no_paint,
    b"W": _Walker.op_clip, b"W*": _Walker.op_clip,
    b"f": _Walker.op_fill, b"F": _Walker.op_fill, b"f*": _Walker.op_fill,
    b"S": _Walker.op_stroke, b"s": _Walker.op_stroke,
    b"B": _Walker.op_fill_stroke, b"B*": _Walker.op_fill_stroke, b"b": _Walker.op_fill_stroke,
    b"b*": _Walker.op_fill_stroke,
    b"cs": _Walker.op_cs, b"CS": _Walker.op_CS,
    b"sc": _Walker.op_sc, b"scn": _Walker.op_sc, b"SC": _Walker.op_SC, b"SCN": _Walker.op_SC,
    b"sh": _Walker.op_sh, b"Do": _Walker.op_Do, b"INLINE IMAGE": _Walker.op_inline_image,
    b"BT": _Walker.op_BT, b"Tf": _Walker.op_Tf, b"Tc": _Walker.op_Tc, b"Tw": _Walker.op_Tw,
    b"Tz": _Walker.op_Tz, b"TL": _Walker.op_TL, b"Ts": _Walker.op_Ts, b"Tr": _Walker.op_Tr,
    b"Td": _Walker.op_Td, b"TD": _Walker.op_TD, b"Tm": _Walker.op_Tm, b"T*": _Walker.op_Tstar,
    b"Tj": _Walker.op_Tj, b"TJ": _Walker.op_TJ, b"'": _Walker.op_quote, b'"': _Walker.op_dquote,
}


_NOWHERE = (math.inf, math.inf, -math.inf, -math.inf)  # a clip that leaves nothing: no box meets it


def _intersection(box: tuple[float, float, float, float], other: tuple[float, float, float, float] | None):
    """The box both cover (None when they do not meet by more than 0.1 pt); `box` itself when `other` is None."""
    if other is None:
        return box
    x0, y0, x1, y1 = max(box[0], other[0]), max(box[1], other[1]), min(box[2], other[2]), min(box[3], other[3])
    return (x0, y0, x1, y1) if x1 - x0 > -0.1 and y1 - y0 > -0.1 else None


def _four_inks(operands) -> bool:
    """Whether a CMYK colour's four operands each put down FOUR_INKS or more."""
    return len(operands) >= 4 and all(_unit(v) >= FOUR_INKS for v in operands[:4])


def _unit(value) -> float:
    """A colour component, 0-1."""
    return min(max(float(value), 0.0), 1.0)


def _resources(page: PageObject) -> DictionaryObject:
    resources = page.get("/Resources")
    return resources.get_object() if resources is not None else DictionaryObject()


# (the names a colour space of a family is given, its ICC profiles' number of components, the spaces that are over one
# of another: an Indexed one's base, a Pattern's)
_RGB = (("/DeviceRGB", "/RGB", "/CalRGB"), 3, ("/Indexed", "/I", "/Pattern"))
_CMYK = (("/DeviceCMYK", "/CMYK"), 4, ("/Indexed", "/I"))


def _is_rgb_space(space, resources: DictionaryObject) -> bool:
    """Whether a colour space (a name, a resource name or an array) is RGB: DeviceRGB, CalRGB,
    a 3-component ICC profile, or Indexed / Pattern over one of those."""
    return _is_space(space, resources, _RGB)


def _is_cmyk_space(space, resources: DictionaryObject) -> bool:
    """Whether a colour space (a name, a resource name or an array) is CMYK: DeviceCMYK, a 4-component ICC profile,
    or Indexed over one of those."""
    return _is_space(space, resources, _CMYK)


def _is_space(space, resources: DictionaryObject, family: tuple, depth: int = 0) -> bool:
    """Whether a colour space is of `family` (_RGB, _CMYK): by its name, a resource's name, or an array's first name;
    an ICC profile's by its number of components; an Indexed or Pattern space's by its base."""
    if space is None or depth > 5:
        return False
    names, components, over = family
    space = space.get_object()
    if isinstance(space, str):  # NameObject
        if space in names:
            return True
        named = resources.get("/ColorSpace", DictionaryObject()).get_object().get(space)
        return named is not None and _is_space(named, resources, family, depth + 1)
    if isinstance(space, list) and space:
        if space[0] in names:
            return True
        if space[0] == "/ICCBased":
            return int(space[1].get_object().get("/N", 0)) == components
        if space[0] in over and len(space) > 1:
            return _is_space(space[1], resources, family, depth + 1)
    return False


# colourants that are no spot colour: the process inks, every plate at once (registration), and none
_NO_SPOT = {"Cyan", "Magenta", "Yellow", "Black", "All", "None"}


def _spot_names(space, resources: DictionaryObject, depth: int = 0) -> set[str]:
    """The spot colours a colour space (a name, a resource name or an array) prints with: a Separation's colourant, a
    DeviceN's colourants but the process inks, 'All' and 'None'; an Indexed or Pattern space's base's."""
    if space is None or depth > 5:
        return set()
    space = space.get_object()
    if isinstance(space, str):  # NameObject: a family's name, or the name of one in the resources
        named = resources.get("/ColorSpace", DictionaryObject()).get_object().get(space)
        return _spot_names(named, resources, depth + 1) if named is not None else set()
    if not isinstance(space, list) or len(space) < 2:
        return set()
    if space[0] == "/Separation":
        names = [space[1].get_object()]
    elif space[0] == "/DeviceN":
        names = list(space[1].get_object())
    elif space[0] in ("/Indexed", "/I", "/Pattern"):
        return _spot_names(space[1], resources, depth + 1)
    else:
        return set()
    return {str(name)[1:] for name in names if isinstance(name, str) and str(name)[1:] not in _NO_SPOT}


@dataclass
class _Font:
    key: int
    name: str
    embedded: bool
    code_bytes: int  # 1 for simple fonts, 2 for Type0 (Identity-H and the like)
    widths: dict[int, float]  # code -> width in 1/1000 em
    default_width: float
    ascent: float  # in em, above the baseline
    descent: float  # in em, negative
    forbidden: str | None = None  # why its embedded TrueType file's licence forbids embedding it (_forbidden)

    def glyphs(self, data: bytes):
        """(code, width) for each character code in a shown string."""
        step = self.code_bytes
        for i in range(0, len(data) - step + 1, step):
            code = int.from_bytes(data[i:i + step], "big")
            yield code, self.widths.get(code, self.default_width)


def _font(ref, cache: dict) -> _Font:
    key = ref.idnum if isinstance(ref, IndirectObject) else id(ref)
    font = cache.get(("font", key))
    if font is None:
        font = cache[("font", key)] = _read_font(key, ref.get_object())
    return font


def _read_font(key: int, font: DictionaryObject) -> _Font:
    subtype = font.get("/Subtype")
    based = str(font.get("/BaseFont", "/unnamed"))[1:]
    name = based.split("+")[-1] or "unnamed"
    if subtype == "/Type0":
        descendant = font["/DescendantFonts"][0].get_object()
        descriptor = descendant.get("/FontDescriptor")
        widths, default = _cid_widths(descendant.get("/W")), float(descendant.get("/DW", 1000))
        code_bytes = 2
    else:
        descriptor = font.get("/FontDescriptor")
        widths, default = _simple_widths(font, name), 500.0
        code_bytes = 1
    descriptor = descriptor.get_object() if descriptor is not None else DictionaryObject()
    embedded = subtype == "/Type3" or any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    ascent = float(descriptor.get("/Ascent", 750)) / 1000 or 0.75
    descent = float(descriptor.get("/Descent", -250)) / 1000
    if subtype == "/Type3":
        scale = float(font.get("/FontMatrix", [0.001])[0]) * 1000
        widths = {code: width * scale for code, width in widths.items()}
        ascent, descent = 0.75, -0.25
    return _Font(key, name, embedded, code_bytes, widths, default, ascent, descent,
                 _forbidden(descriptor, subset=_SUBSET_TAG.match(based) is not None))


_SUBSET_TAG = re.compile(r"[A-Z]{6}\+")  # what begins the name of a font embedded as a subset (PDF 32000-1, 9.6.4)


def _forbidden(descriptor: DictionaryObject, subset: bool) -> str | None:
    """Why the TrueType file a font descriptor embeds (/FontFile2; a subset keeps the OS/2 table) says its licence
    forbids embedding it (fonts.embedding_forbidden; `subset`: the font is embedded as one), or None."""
    from ..text.fonts import embedding_forbidden

    stream = descriptor.get("/FontFile2")
    if stream is None:
        return None
    try:
        return embedding_forbidden(stream.get_object().get_data(), subset)
    except Exception:  # a stream pypdf cannot decode: not this check's fault to report  # noqa: BLE001
        return None


def _simple_widths(font: DictionaryObject, name: str) -> dict[int, float]:
    first = int(font.get("/FirstChar", 0))
    listed = font.get("/Widths")
    if listed is not None:
        return {first + i: float(w) for i, w in enumerate(listed.get_object())}
    from reportlab.pdfbase.pdfmetrics import standardFonts, getFont

    if name in standardFonts:  # the standard 14 may leave out /Widths
        return dict(enumerate(getFont(name).widths))
    return {}


def _cid_widths(listed) -> dict[int, float]:
    """The /W array of a CIDFont: [c [w1 w2 ...] c_first c_last w ...] -> code -> width."""
    widths: dict[int, float] = {}
    if listed is None:
        return widths
    items = list(listed.get_object())
    i = 0
    while i + 1 < len(items):
        first, following = int(items[i]), items[i + 1].get_object()
        if isinstance(following, list):
            for offset, width in enumerate(following):
                widths[first + offset] = float(width)
            i += 2
        else:
            width = float(items[i + 2])
            for code in range(first, int(following) + 1):
                widths[code] = width
            i += 3
    return widths
