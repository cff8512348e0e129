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
    from reportlab.pdfbase.ttfonts import TTFont

    return TTFont(_FONT_NAMES[filename], str(FONT_DIR / filename))


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
