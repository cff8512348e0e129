"""ReportLab's PDF objects -> the same PDF bytes, made with less work.

ReportLab writes a PDF by formatting every object through `pdfdoc.format`, a general function
that asks what each value is, encodes every name and number through its own codec, and runs
`fp_str` on every number; with thousands of link annotations, pages and outline entries that is
most of the time `Canvas.save` takes. This module puts quicker equivalents of a few of those
functions in place (`install`):

- `pdfdoc.format`: the common values (str, bytes, int, float, a reference) tested for first, by
  exact type; anything else goes to ReportLab's own function;
- `pdfdoc.PDFName` and the formatting of numbers: memoised (the same name or number always
  formats the same: a number's text depends only on its value, and 1 == 1.0 format alike);
- `fp_str` as the canvas, its text and path objects and pdfdoc call it while drawing (a
  `transform`, a `moveTo`, a colour): each int or float's text memoised (a page's positions
  recur on every page);
- `pdfdoc.pdfdocEnc`: a str whose every character the "extpdfdoc" codec maps to the same byte is
  encoded as latin-1 (in C); any other goes through the codec as before (and fails as before);
- `PDFDictionary.format`, `PDFArray.format`, `PDFObjectReference.format`: the same steps, with the
  functions above called directly (a reference's bytes memoised by its object number);
- the Flate filter: during a build with a warm BuildCache (booklet.cache.memory, section
  "streams"), a stream's compressed bytes are kept, keyed by its exact uncompressed content, for
  the next build (zlib's output for the same input and level is the same: an unchanged page's
  content stream is not compressed again).

This replaces ReportLab internals, so it is guarded: `install` does nothing unless ReportLab's
version is one these replacements were checked against (TESTED_VERSIONS) and a check made when
installing, formatting a set of sample objects both ways, gives the same bytes. The replacements
read the same rl_config switches as the originals each time (comments, multi-line layout), so
they give ReportLab's bytes under any configuration. tests/test_serialise.py builds a booklet
with and without them and compares the PDFs byte for byte; a new ReportLab version is added to
TESTED_VERSIONS (text.fonts.CHECKED_REPORTLAB, which text.paragraph's equivalents read too) only after that
test and tests/test_paragraphs.py pass with it.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from contextlib import contextmanager

import reportlab
from reportlab import rl_config
from reportlab.lib import rl_accel
from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen import canvas, pathobject, textobject

from ..cache.memory import active
from ..text.fonts import CHECKED_REPORTLAB

TESTED_VERSIONS = CHECKED_REPORTLAB  # the one list of versions for every replacement of ReportLab internals
_LIMIT = 100_000  # memoised names / numbers kept at most (then forgotten, and made again)

_ORIGINALS = {  # (module or class, attribute) -> ReportLab's own
    (pdfdoc, "format"): pdfdoc.format,
    (pdfdoc, "PDFName"): pdfdoc.PDFName,
    (pdfdoc, "pdfdocEnc"): pdfdoc.pdfdocEnc,
    (pdfdoc.PDFDictionary, "format"): pdfdoc.PDFDictionary.format,
    (pdfdoc.PDFArray, "format"): pdfdoc.PDFArray.format,
    (pdfdoc.PDFObjectReference, "format"): pdfdoc.PDFObjectReference.format,
    (pdfdoc.PDFStreamFilterZCompress, "encode"): pdfdoc.PDFStreamFilterZCompress.encode,
    (pdfdoc.LinkAnnotation, "format"): pdfdoc.LinkAnnotation.format,
    **{(module, "fp_str"): module.fp_str for module in (pdfdoc, canvas, textobject, pathobject)},
}
_state = {"installed": False, "checked": None}

_orig_format = pdfdoc.format
_orig_name = pdfdoc.PDFName
_fp_str = rl_accel.fp_str
_PDFObject = pdfdoc.PDFObject
_Reference = pdfdoc.PDFObjectReference
_REF_ONLY = pdfdoc.__RefOnly__
_COMMENT = pdfdoc.__Comment__
_INTERNAL = pdfdoc.__InternalName__


def _same_bytes_chars() -> str:
    """The characters the "extpdfdoc" codec encodes as the byte of the same number (ReportLab's codec
    is asked, character by character: this is the behaviour `_encode`'s shortcut relies on)."""
    same = []
    for code in range(256):
        try:
            if chr(code).encode("extpdfdoc") == bytes([code]):
                same.append(chr(code))
        except UnicodeError:
            pass
    return "".join(same)


_OTHER = re.compile("[^" + re.escape(_same_bytes_chars()) + "]").search


def _encode(x):
    """pdfdoc.pdfdocEnc: str -> bytes in PDFDocEncoding (bytes as they are)."""
    if type(x) is str:
        if _OTHER(x) is None:
            return x.encode("latin-1")
        return x.encode("extpdfdoc")
    return x.encode("extpdfdoc") if isinstance(x, str) else x


def _remember(table: dict, key, value):
    """`value`, kept in the memo `table` under `key` (a table past _LIMIT entries is forgotten first)."""
    if len(table) > _LIMIT:
        table.clear()
    table[key] = value
    return value


_names: dict[str, str] = {}


def _name(data, lo=chr(0x21), hi=chr(0x7e)):
    """pdfdoc.PDFName, memoised for a str with the default bounds."""
    if type(data) is str and lo == "!" and hi == "~":
        found = _names.get(data)
        return _remember(_names, data, _orig_name(data)) if found is None else found
    return _orig_name(data, lo, hi)


_name_bytes: dict[str, bytes] = {}  # a dictionary key -> its formatted name


def _key_bytes(key) -> bytes:
    found = _name_bytes.get(key) if type(key) is str else None
    if found is None:
        found = _encode(pdfdoc.PDFName(key))
        if type(key) is str:
            _remember(_name_bytes, key, found)
    return found


_fp_texts: dict[float, str] = {}  # a number -> fp_str's text of it


def _fp_one(x) -> str:
    return _remember(_fp_texts, x, _fp_str(x))


def _fp(*a) -> str:
    """rl_accel.fp_str (numbers -> their text, space-separated), each int or float's text memoised."""
    texts = _fp_texts
    if len(a) == 1:
        kind = type(a[0])
        if kind is float or kind is int:
            found = texts.get(a[0])
            return _fp_one(a[0]) if found is None else found
        return _fp_str(*a)
    out = []
    for x in a:
        kind = type(x)
        if kind is not float and kind is not int:
            return _fp_str(*a)
        found = texts.get(x)
        out.append(_fp_one(x) if found is None else found)
    return " ".join(out)


_numbers: dict[float, bytes] = {}


def _number(x) -> bytes:
    found = _numbers.get(x)
    return _remember(_numbers, x, _encode(_fp_str(x))) if found is None else found


_texts: dict[str, bytes] = {}  # a str value (a name, a literal) -> its bytes


def _text(x: str) -> bytes:
    found = _texts.get(x)
    return _remember(_texts, x, _encode(x)) if found is None else found


def _format(element, document, toplevel=0):
    """pdfdoc.format, with the common values first (by exact type: a subclass goes the long way)."""
    kind = type(element)
    if kind is str:
        found = _texts.get(element)
        return _text(element) if found is None else found
    if kind is bytes:
        return element
    if kind is float or kind is int:
        found = _numbers.get(element)
        return _number(element) if found is None else found
    if kind is _Reference:
        return _reference(element, document)
    if isinstance(element, _PDFObject):
        if not toplevel and hasattr(element, _REF_ONLY):
            return document.Reference(element).format(document)
        f = element.format(document)
        if not rl_config.invariant and rl_config.pdfComments and hasattr(element, _COMMENT):
            f = _encode("%% %s\n" % element.__Comment__) + f
        return f
    return _orig_format(element, document, toplevel)


_references: dict[tuple, bytes] = {}  # (object number, generation) -> b"n g R"


def _reference(self, document):
    """PDFObjectReference.format."""
    try:
        numbers = document.idToObjectNumberAndVersion[self.name]
        found = _references.get(numbers)
        return _remember(_references, numbers, _encode("%s %s R" % numbers)) if found is None else found
    except Exception:
        raise KeyError("forward reference to %s not resolved upon final formatting" % repr(self.name))


def _values(values, document) -> list[bytes]:
    """[pdfdoc.format(value, document) for value in values], the common kinds of value inline."""
    out = []
    append = out.append
    texts, numbers = _texts, _numbers
    for v in values:
        kind = type(v)
        if kind is str:
            found = texts.get(v)
            append(_text(v) if found is None else found)
        elif kind is float or kind is int:
            found = numbers.get(v)
            append(_number(v) if found is None else found)
        elif kind is _Reference:
            append(_reference(v, document))
        else:
            append(_format(v, document))
    return out


def _dictionary(self, document, IND=b"\n "):
    """PDFDictionary.format."""
    d = self.dict
    keys = list(d.keys())
    if not isinstance(d, OrderedDict):
        keys.sort()
    names = _name_bytes
    L = []
    append = L.append
    for k, value in zip(keys, _values([d[k] for k in keys], document)):
        name = names.get(k) if type(k) is str else None
        append((_key_bytes(k) if name is None else name) + b" " + value)
    if (self.multiline and rl_config.pdfMultiLine) or self.multiline == "forced":
        L = IND.join(L)
    else:
        insert = L.insert
        for i in reversed(range(6, len(L), 6)):
            insert(i, b"\n ")
        L = b" ".join(L)
    return b"<<\n" + L + b"\n>>"


def _array(self, document, IND=b"\n "):
    """PDFArray.format."""
    L = _values(self.sequence, document)
    if (self.multiline and rl_config.pdfMultiLine) or self.multiline == "forced":
        L = IND.join(L)
    else:
        n = len(L)
        if n > 10:
            insert = L.insert
            for i in reversed(range(10, n, 10)):
                insert(i, b"\n ")
        L = b" ".join(L)
    return b"[ " + L + b" ]"


_LinkAnnotation = pdfdoc.LinkAnnotation
_Array = pdfdoc.PDFArray
_Destination = pdfdoc.Destination
_NoEncryption = pdfdoc.NoEncryption
_orig_link = _ORIGINALS[(pdfdoc.LinkAnnotation, "format")]
_contents: dict[str, bytes] = {}  # an annotation's /Contents text -> its bytes as a PDFString (escaped)


def _numbers_array(values) -> bytes | None:
    """PDFArray(values).format for a short list or tuple of ints and floats (None for anything else)."""
    if len(values) > 10:
        return None
    out = []
    numbers = _numbers
    for v in values:
        kind = type(v)
        if kind is not float and kind is not int:
            return None
        found = numbers.get(v)
        out.append(_number(v) if found is None else found)
    return b"[ " + b" ".join(out) + b" ]"


def _plain_array(value) -> bytes | None:
    """A PDFArray of numbers as made by ReportLab (no multiline or comment of its own) formatted, else None."""
    if type(value) is not _Array or "multiline" in value.__dict__ or hasattr(value, _COMMENT):
        return None
    sequence = value.sequence
    return _numbers_array(sequence) if type(sequence) in (list, tuple) else None


_XYZ = pdfdoc.PDFDestinationXYZ


def _destination(dest, document) -> bytes:
    """format(dest, document) for a Destination bound to a registered page at an XYZ position, written
    directly (the page's reference, /XYZ, the three numbers); any other the long way."""
    fmt, page = dest.fmt, dest.page
    if type(fmt) is not _XYZ or "typename" in fmt.__dict__ or not isinstance(page, _PDFObject):
        return _format(dest, document)
    name = getattr(page, _INTERNAL, None)
    numbers = document.idToObjectNumberAndVersion.get(name) if name in document.idToObject else None
    values = _numbers_array((fmt.left, fmt.top, fmt.zoom))
    if numbers is None or values is None or type(page) is _Reference:
        return _format(dest, document)
    fmt.page = page  # as Destination.format does
    found = _references.get(numbers)
    if found is None:
        found = _reference(_Reference(name), document)
    return b"[ " + found + b" /XYZ " + values[2:]


def _link(self, document):
    """LinkAnnotation.format (the dictionary Dict and AnnotationDict make, formatted), the dictionary's
    entries written directly for a link made by Canvas.linkRect: a Rect of numbers, a str Contents, a
    Border (and a C) array of numbers, a Destination; any other goes the long way."""
    if (type(self) is not _LinkAnnotation or rl_config.pdfMultiLine or _Array.multiline is not True
            or pdfdoc.PDFDictionary.multiline is not True or type(self.Contents) is not str
            or type(self.Destination) is not _Destination or type(self.Rect) not in (list, tuple)
            or type(document.encrypt) is not _NoEncryption):
        return _orig_link(self, document)
    other = self.otherkw
    colour = None
    if other:
        if len(other) != 1 or "C" not in other:
            return _orig_link(self, document)
        colour = _plain_array(other["C"])
        if colour is None:
            return _orig_link(self, document)
    border = _plain_array(self.Border)
    rect = _numbers_array(self.Rect)
    if border is None or rect is None:
        return _orig_link(self, document)
    contents = _contents.get(self.Contents)
    if contents is None:
        contents = _remember(_contents, self.Contents, pdfdoc.PDFString(self.Contents).format(document))
    entries = [b"/Border " + border, b"/Contents " + contents, b"/Dest " + _destination(self.Destination, document),
               b"/Rect " + rect, b"/Subtype /Link", b"/Type /Annot"]
    if colour is not None:  # the keys in order: Border, C, Contents, ...; a line break after six
        entries.insert(1, b"/C " + colour)
        entries.insert(6, b"\n ")
    return b"<<\n" + b" ".join(entries) + b"\n>>"


_flate = _ORIGINALS[(pdfdoc.PDFStreamFilterZCompress, "encode")]


def _compress(self, text):
    """PDFStreamFilterZCompress.encode; in a build with a warm cache, kept by the exact text compressed."""
    cache = active()
    if cache is None or not cache.warm or type(text) not in (str, bytes):
        return _flate(self, text)
    return cache.get("streams", text, lambda: _flate(self, text))


_REPLACEMENTS = {
    (pdfdoc, "format"): _format,
    (pdfdoc, "PDFName"): _name,
    (pdfdoc, "pdfdocEnc"): _encode,
    (pdfdoc.PDFDictionary, "format"): _dictionary,
    (pdfdoc.PDFArray, "format"): _array,
    (pdfdoc.PDFObjectReference, "format"): _reference,
    (pdfdoc.PDFStreamFilterZCompress, "encode"): _compress,
    (pdfdoc.LinkAnnotation, "format"): _link,
    **{(module, "fp_str"): _fp for module in (pdfdoc, canvas, textobject, pathobject)},
}


def _put(values: dict) -> None:
    for (owner, name), fn in values.items():
        setattr(owner, name, fn)


_SAMPLE_NUMBERS = [0, 1, -1, 1.0, 0.5, -0.5, 1e-8, -1e-8, 2.5e-7, 0.1234567, 12.3456789, 999.99995, 1000,
                   123456.7, 9876543.21, 1e20, 297.6377952755906, 419.52755905511816, -0.0, True, 1e-7, 0.99999999]


def _samples() -> list:
    """Objects of the kinds a booklet's PDF is made of, with awkward values (names to escape,
    numbers near the bounds of fp_str's precision, text outside ASCII)."""
    numbers = _SAMPLE_NUMBERS
    names = ["Type", "Annot", "F1 x", "a#b", "(paren)", "caf\u00e9", "Tab\there"]
    doc = pdfdoc.PDFDocument(invariant=1)
    page = pdfdoc.PDFPage()
    ref = doc.Reference(page, "Page1")
    inner = pdfdoc.PDFArray(numbers[:12])
    inner.multiline = False
    long_array = pdfdoc.PDFArray(list(range(23)))
    long_array.multiline = False
    flat = pdfdoc.PDFDictionary({f"K{i}": i * 1.5 for i in range(14)})
    flat.multiline = False
    ordered = pdfdoc.PDFDictionary(OrderedDict([("Z", 1), ("A", pdfdoc.PDFString("x(y)\u00e9"))]))
    objects = [
        pdfdoc.PDFDictionary({name: pdfdoc.PDFName(name) for name in names}),
        pdfdoc.PDFArray(numbers + names + [b"raw", ref, inner, long_array, flat, ordered, None, "\u00e9t\u00e9"]),
        pdfdoc.PDFDictionary({"Dest": pdfdoc.PDFDestinationXYZ("Page1", 0, 595.3, 0), "Rect": inner,
                              "Border": "[0 0 1]", "Contents": pdfdoc.PDFString("Page 12 \u2013 caf\u00e9")}),
        pdfdoc.PDFStream(pdfdoc.PDFDictionary({"Type": pdfdoc.PDFName("XObject")}), "BT /F1 12 Tf ET\n",
                         [pdfdoc.PDFZCompress]),
    ]
    destination = pdfdoc.Destination("there")
    destination.xyz(0, 595.3, 0)
    destination.setPage(page)
    link = pdfdoc.LinkAnnotation
    objects += [  # links as Canvas.linkRect makes them (with a colour, a text), and others
        link((1, 2.5, 300.25, 4), "", destination, pdfdoc.PDFArray([0, 0, 0])),
        link([0.5, -1e-8, 12.3456789, 999.99995], "Page 12 \u2013 caf\u00e9 (x)", destination,
             pdfdoc.PDFArray([0, 0, 1.5, pdfdoc.PDFArray([3, 1])])),
        link((1, 2, 3, 4), "x", destination, pdfdoc.PDFArray([0, 0, 1]), C=pdfdoc.PDFArray([0.2, 0.4, 1])),
        link("[1 2 3 4]", "", destination),
        link((1, 2, 3, 4), "", destination, pdfdoc.PDFArray([0, 0, 0]), C=pdfdoc.PDFArray([1, 0, 0]),
             F=4),
    ]
    objects[3].__Comment__ = "a sample stream"
    doc.Reference(objects[3], "Stream1")
    return [(doc, obj) for obj in objects]


def _formatted(samples) -> list[bytes]:
    out = []
    for doc, obj in samples:
        out.append(pdfdoc.format(obj, doc, toplevel=1))
        out.append(pdfdoc.pdfdocEnc(pdfdoc.PDFName("caf\u00e9 #1")))
    numbers = _SAMPLE_NUMBERS
    for fp_str in {canvas.fp_str, textobject.fp_str, pathobject.fp_str}:
        out.append("|".join([fp_str(*numbers), fp_str(numbers), fp_str(tuple(numbers)), fp_str(1, 2.5, -3),
                             *(fp_str(x) for x in numbers), *(fp_str(x, -x) for x in numbers)]).encode())
    return out


def _check() -> bool:
    """The replacements format a set of sample objects to the bytes ReportLab's functions give."""
    try:
        expected = _formatted(_samples())
        _put(_REPLACEMENTS)
        try:
            got = _formatted(_samples())
        finally:
            _put(_ORIGINALS)
    except Exception:
        return False
    return got == expected


def install() -> bool:
    """Put the quicker functions in place (once; idempotent), if this ReportLab version is one they were
    checked against and they pass the behaviour check. Returns whether they are in place."""
    if _state["installed"]:
        return True
    if reportlab.Version not in TESTED_VERSIONS:
        return False
    if _state["checked"] is None:
        _state["checked"] = _check()
    if not _state["checked"]:
        return False
    _put(_REPLACEMENTS)
    _state["installed"] = True
    return True


def uninstall() -> None:
    """ReportLab's own functions back in place."""
    _put(_ORIGINALS)
    _state["installed"] = False


@contextmanager
def plain():
    """ReportLab's own functions in place inside the block (for tests comparing the two)."""
    was = _state["installed"]
    uninstall()
    try:
        yield
    finally:
        if was:
            install()
