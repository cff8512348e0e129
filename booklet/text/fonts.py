"""Font files -> registered ReportLab font families, and which characters they can show."""

from __future__ import annotations

from functools import cache
from pathlib import Path

FONT_DIR = Path(__file__).resolve().parent.parent / "resources" / "fonts"

BODY = "Body"
SANS = "Sans"

_FAMILIES = {
    BODY: {
        "": "GentiumBookPlus-Regular.ttf",
        "-Bold": "GentiumBookPlus-Bold.ttf",
        "-Italic": "GentiumBookPlus-Italic.ttf",
        "-BoldItalic": "GentiumBookPlus-BoldItalic.ttf",
    },
    SANS: {
        "": "NotoSans-Regular.ttf",
        "-Bold": "NotoSans-Bold.ttf",
        "-Italic": "NotoSans-Italic.ttf",
        "-BoldItalic": "NotoSans-BoldItalic.ttf",
    },
}

# Single-style fonts tried, in order, for a character the text fonts lack.
FALLBACKS = {
    "Math": "NotoSansMath-Regular.ttf",
    "Symbols": "NotoSansSymbols2-Regular.ttf",
}


_FONT_NAMES = {
    **{filename: family + suffix for family, styles in _FAMILIES.items() for suffix, filename in styles.items()},
    **{filename: name for name, filename in FALLBACKS.items()},
}


@cache
def _ttfont(filename: str):
    """The font file parsed once per process, under its registered name."""
    return _font_class()(_FONT_NAMES[filename], str(FONT_DIR / filename))


def to_unicode_cmap(name: str, subset: list[int]) -> str:
    """A ToUnicode CMap for one font subset (code i shows the character subset[i]) in which a
    character beyond U+FFFF maps to its UTF-16BE surrogate pair (<D835DD38> for U+1D538)."""
    entries = [f"<{i:02X}> <{ch.encode('utf-16-be').hex().upper()}>" for i, ch in enumerate(map(chr, subset))]
    return "\n".join([
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
        "/CIDSystemInfo", f"<< /Registry ({name})", f"/Ordering ({name})", "/Supplement 0", ">> def",
        f"/CMapName /{name} def", "/CMapType 2 def",
        "1 begincodespacerange", f"<00> <{len(subset) - 1:02X}>", "endcodespacerange",
        f"{len(subset)} beginbfchar", *entries, "endbfchar",
        "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end",
    ])  # fmt: skip


@cache
def _font_class():
    """ReportLab's TTFont, with a ToUnicode CMap that is right for characters beyond U+FFFF.

    ReportLab 5.1 (ttfonts.makeToUnicodeCMap) writes each subset's ToUnicode entries as
    "<%02X> <%04X>", so 𝔼 (U+1D53C, from \\mathbb{E}) becomes <1D53C>: five hex digits, an
    odd-length string that PDF readers reject, and the character cannot be searched, copied or
    extracted. A CMap must give a character beyond U+FFFF as its UTF-16BE surrogate pair
    (<D835DD3C>). This subclass lets ReportLab write the font as usual and then replaces the
    ToUnicode stream of every subset that holds such a character (the stream is only formatted
    when the PDF is saved, after addObjects); the other subsets' streams stay byte for byte as
    ReportLab writes them.
    """
    from reportlab.pdfbase.ttfonts import SUBSETN, TTFont

    class BookletTTFont(TTFont):
        def addObjects(self, doc):
            state = self.state.get(doc)
            subsets = [list(subset) for subset in state.subsets] if state is not None else []
            super().addObjects(doc)
            for n, subset in enumerate(subsets):
                if max(subset, default=0) > 0xFFFF:
                    name = b"".join((SUBSETN(n), b"+", self.face.name, self.face.subfontNameX)).decode("pdfdoc")
                    stream = doc.idToObject.get("toUnicodeCMap:" + name)
                    if stream is not None:
                        stream.content = to_unicode_cmap(name, subset)

    return BookletTTFont


@cache
def register_fonts() -> None:
    """Register the body and sans families with ReportLab (once per process); each fallback font
    is read and registered only when a character needs it (see font_for_char)."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics

    for family, styles in _FAMILIES.items():
        for filename in styles.values():
            pdfmetrics.registerFont(_ttfont(filename))
        for bold in (0, 1):
            for italic in (0, 1):
                suffix = ("-Bold" if bold else "") + ("-Italic" if italic else "")
                suffix = suffix.replace("-Bold-Italic", "-BoldItalic")
                addMapping(family, bold, italic, family + suffix)


@cache
def _register_fallback(name: str) -> None:
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics

    pdfmetrics.registerFont(_ttfont(FALLBACKS[name]))
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(name, bold, italic, name)


@cache
def _codepoints(filename: str) -> frozenset[int]:
    return frozenset(_ttfont(filename).face.charToGlyph)


@cache
def _text_codepoints() -> frozenset[int]:
    """Characters that every style of both text families can show."""
    sets = [_codepoints(f) for styles in _FAMILIES.values() for f in styles.values()]
    return frozenset.intersection(*sets)


_ALWAYS_FINE = frozenset(map(ord, "\n\t\r \u00ad\u200b\u00a0"))


@cache
def font_for_char(ch: str) -> str | None:
    """'' when the text fonts show `ch`; a fallback font's name; None when no font can."""
    code = ord(ch)
    if code in _ALWAYS_FINE or code in _text_codepoints():
        return ""
    for name, filename in FALLBACKS.items():
        if code in _codepoints(filename):
            _register_fallback(name)
            return name
    return None


def unprintable(text: str) -> list[str]:
    """The distinct characters of `text` that no booklet font can show, in order of appearance."""
    seen: dict[str, None] = {}
    for ch in text:
        if ch not in seen and font_for_char(ch) is None:
            seen[ch] = None
    return list(seen)
