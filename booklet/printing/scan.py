"""A PDF page's content (forms included) -> what it draws: fonts used, images at their dpi, RGB colour, text boxes."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from pypdf import PageObject
from pypdf.generic import ContentStream, DictionaryObject, IndirectObject

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
MAX_FORM_DEPTH = 12


@dataclass(frozen=True)
class FontUse:
    name: str  # BaseFont without the subset prefix, e.g. 'Helvetica'
    embedded: bool


@dataclass(frozen=True)
class ImageUse:
    key: int  # object number of the image (0 for an inline image)
    pixels: tuple[int, int]
    dpi: float  # effective: the lower of horizontal and vertical
    rgb: bool


@dataclass
class PageScan:
    """What one page draws. Text boxes are (x0, y0, x1, y1) in default user space, approximated."""

    fonts: dict[int, FontUse] = field(default_factory=dict)
    images: list[ImageUse] = field(default_factory=list)
    rgb_colour: bool = False
    text_boxes: list[tuple[float, float, float, float]] = field(default_factory=list)


def scan_page(page: PageObject, cache: dict) -> PageScan:
    """Walk `page`'s content stream and the forms it draws; `cache` is shared between pages of one file."""
    scan = PageScan()
    contents = page.get_contents()
    if contents is not None:
        walker = _Walker(scan, cache)
        walker.walk(contents.operations, _resources(page), depth=0, seen=())
    return scan


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
    def __init__(self, scan: PageScan, cache: dict):
        self.scan = scan
        self.cache = cache
        self.state = _State()
        self.stack: list[_State] = []
        self.tm: Matrix = IDENTITY
        self.tlm: Matrix = IDENTITY

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
        self.state.fill_rgb = True

    def op_RG(self, operands, resources, depth, seen):
        self.scan.rgb_colour = True
        self.state.stroke_rgb = True

    def op_gray_or_cmyk_fill(self, operands, resources, depth, seen):
        self.state.fill_rgb = False

    def op_gray_or_cmyk_stroke(self, operands, resources, depth, seen):
        self.state.stroke_rgb = False

    def op_cs(self, operands, resources, depth, seen):
        self.state.fill_rgb = _is_rgb_space(operands[0], resources)

    def op_CS(self, operands, resources, depth, seen):
        self.state.stroke_rgb = _is_rgb_space(operands[0], resources)

    def op_sc(self, operands, resources, depth, seen):
        if self.state.fill_rgb:
            self.scan.rgb_colour = True

    def op_SC(self, operands, resources, depth, seen):
        if self.state.stroke_rgb:
            self.scan.rgb_colour = True

    def op_sh(self, operands, resources, depth, seen):
        shading = resources["/Shading"][operands[0]].get_object()
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
        self._record_image(0, int(width), int(height), rgb)

    def _image(self, ref, image: DictionaryObject) -> None:
        key = ref.idnum if isinstance(ref, IndirectObject) else 0
        rgb = _is_rgb_space(image.get("/ColorSpace"), DictionaryObject())
        self._record_image(key, int(image["/Width"]), int(image["/Height"]), rgb)

    def _record_image(self, key: int, width: int, height: int, rgb: bool) -> None:
        a, b, c, d, _, _ = self.state.ctm
        across, down = math.hypot(a, b), math.hypot(c, d)  # the unit square's sides, in points
        if across < 1e-6 or down < 1e-6:
            return
        dpi = min(width * 72 / across, height * 72 / down)
        self.scan.images.append(ImageUse(key, (width, height), dpi, rgb))

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
        saved = (self.state, self.stack, self.tm, self.tlm)
        self.state, self.stack = self.state.copy(), []
        self.state.ctm = multiply(matrix, self.state.ctm)
        try:
            self.walk(operations, own.get_object() if own is not None else resources, depth + 1, seen + (key,))
        finally:
            self.state, self.stack, self.tm, self.tlm = saved

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
            self.scan.fonts[font.key] = FontUse(font.name, font.embedded)
            self._record_text_box(advance, font)
        self.tm = multiply((1, 0, 0, 1, advance, 0), self.tm)

    def _record_text_box(self, advance: float, font: _Font) -> None:
        state = self.state
        low, high = state.rise + font.descent * state.size, state.rise + font.ascent * state.size
        full = multiply(self.tm, state.ctm)
        corners = [apply(full, x, y) for x in (0.0, advance) for y in (low, high)]
        xs, ys = [x for x, _ in corners], [y for _, y in corners]
        self.scan.text_boxes.append((min(xs), min(ys), max(xs), max(ys)))


_HANDLERS = {
    b"q": _Walker.op_q, b"Q": _Walker.op_Q, b"cm": _Walker.op_cm,
    b"rg": _Walker.op_rg, b"RG": _Walker.op_RG,
    b"g": _Walker.op_gray_or_cmyk_fill, b"k": _Walker.op_gray_or_cmyk_fill,
    b"G": _Walker.op_gray_or_cmyk_stroke, b"K": _Walker.op_gray_or_cmyk_stroke,
    b"cs": _Walker.op_cs, b"CS": _Walker.op_CS,
    b"sc": _Walker.op_sc, b"scn": _Walker.op_sc, b"SC": _Walker.op_SC, b"SCN": _Walker.op_SC,
    b"sh": _Walker.op_sh, b"Do": _Walker.op_Do, b"INLINE IMAGE": _Walker.op_inline_image,
    b"BT": _Walker.op_BT, b"Tf": _Walker.op_Tf, b"Tc": _Walker.op_Tc, b"Tw": _Walker.op_Tw,
    b"Tz": _Walker.op_Tz, b"TL": _Walker.op_TL, b"Ts": _Walker.op_Ts, b"Tr": _Walker.op_Tr,
    b"Td": _Walker.op_Td, b"TD": _Walker.op_TD, b"Tm": _Walker.op_Tm, b"T*": _Walker.op_Tstar,
    b"Tj": _Walker.op_Tj, b"TJ": _Walker.op_TJ, b"'": _Walker.op_quote, b'"': _Walker.op_dquote,
}


def _resources(page: PageObject) -> DictionaryObject:
    resources = page.get("/Resources")
    return resources.get_object() if resources is not None else DictionaryObject()


def _is_rgb_space(space, resources: DictionaryObject, depth: int = 0) -> bool:
    """Whether a colour space (a name, a resource name or an array) is RGB: DeviceRGB, CalRGB,
    a 3-component ICC profile, or Indexed / Pattern over one of those."""
    if space is None or depth > 5:
        return False
    space = space.get_object()
    if isinstance(space, str):  # NameObject
        if space in ("/DeviceRGB", "/RGB", "/CalRGB"):
            return True
        named = resources.get("/ColorSpace", DictionaryObject()).get_object().get(space)
        return named is not None and _is_rgb_space(named, resources, depth + 1)
    if isinstance(space, list) and space:
        family = space[0]
        if family == "/CalRGB":
            return True
        if family == "/ICCBased":
            return int(space[1].get_object().get("/N", 0)) == 3
        if family in ("/Indexed", "/I", "/Pattern") and len(space) > 1:
            return _is_rgb_space(space[1], resources, depth + 1)
    return False


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
    name = str(font.get("/BaseFont", "/unnamed"))[1:].split("+")[-1] or "unnamed"
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
    return _Font(key, name, embedded, code_bytes, widths, default, ascent, descent)


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
