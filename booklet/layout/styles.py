"""A page geometry and language -> the booklet's paragraph styles and colours."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.lib.colors import CMYKColor
from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.styles import ParagraphStyle

from ..text.fonts import BODY, SANS
from .page import Page

INK = CMYKColor(0, 0, 0, 1)
GREY = CMYKColor(0, 0, 0, 0.62)
LIGHT = CMYKColor(0, 0, 0, 0.08)
LIGHT_RULE = CMYKColor(0, 0, 0, 0.3)
ACCENT = CMYKColor(0.92, 0.55, 0, 0.18)
ACCENT_TINT = CMYKColor(0.10, 0.04, 0, 0)
WARM_TINT = CMYKColor(0, 0.05, 0.14, 0)
REGISTRATION = CMYKColor(1, 1, 1, 1)  # crop marks print on every separation


def markup_color(color: CMYKColor) -> str:
    """A colour for a paragraph's <font color="..."> attribute, kept in CMYK."""
    return "cmyk({},{},{},{})".format(*(round(v, 4) for v in (color.cyan, color.magenta, color.yellow, color.black)))


@cache
def hyphenation_language(language: str) -> str | None:
    """The pyphen dictionary for a language code ('en' -> 'en_GB'), or None when there is none."""
    try:
        import pyphen
    except ImportError:
        return None
    code = language.replace("-", "_")
    preferred = {"en": "en_GB", "de": "de_DE", "fr": "fr", "es": "es", "it": "it_IT", "pt": "pt_PT"}
    return pyphen.language_fallback(preferred.get(code, code))


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    text: ParagraphStyle
    small: ParagraphStyle
    label: ParagraphStyle
    title: ParagraphStyle
    heading: ParagraphStyle
    subheading: ParagraphStyle
    person: ParagraphStyle
    affiliation: ParagraphStyle
    when: ParagraphStyle
    time: ParagraphStyle
    row_title: ParagraphStyle
    row_speaker: ParagraphStyle
    session: ParagraphStyle
    day_number: ParagraphStyle
    day_name: ParagraphStyle
    toc_1: ParagraphStyle
    toc_2: ParagraphStyle


def make_styles(page: Page, language: str = "en") -> Styles:
    size = page.base_size
    lead = size * 1.32
    hyphen = hyphenation_language(language)
    base = ParagraphStyle("body", fontName=BODY, fontSize=size, leading=lead, textColor=INK,
                          splitLongWords=1, allowWidows=0, allowOrphans=0)

    def like(name, parent=base, **kw):
        return ParagraphStyle(name, parent=parent, **kw)

    sans = dict(fontName=SANS)
    return Styles(
        body=base,
        text=like("text", alignment=TA_JUSTIFY, hyphenationLang=hyphen, embeddedHyphenation=1,
                  spaceAfter=lead * 0.35, uriWasteReduce=0.3),
        small=like("small", fontSize=size * 0.85, leading=size * 1.1, textColor=GREY),
        label=like("label", **sans, fontSize=size * 0.72, leading=size, textColor=ACCENT, spaceAfter=2),
        title=like("title", fontName=SANS + "-Bold", fontSize=size * 1.42, leading=size * 1.72,
                   spaceAfter=size * 0.5),
        heading=like("heading", fontName=SANS + "-Bold", fontSize=size * 1.9, leading=size * 2.3,
                     textColor=ACCENT, spaceAfter=size * 0.9, keepWithNext=1),
        subheading=like("subheading", fontName=SANS + "-Bold", fontSize=size * 1.1, leading=size * 1.4,
                        spaceBefore=size * 0.9, spaceAfter=size * 0.35, keepWithNext=1),
        person=like("person", fontName=BODY + "-Bold", spaceAfter=0),
        affiliation=like("affiliation", fontName=BODY + "-Italic", fontSize=size * 0.9, leading=size * 1.15,
                         textColor=GREY),
        when=like("when", **sans, fontSize=size * 0.75, leading=size * 1.0, textColor=GREY,
                  spaceAfter=size * 0.6),
        time=like("time", **sans, fontSize=size * 0.8, leading=size * 1.12, textColor=GREY),
        row_title=like("row_title", fontSize=size * 0.95, leading=size * 1.18),
        row_speaker=like("row_speaker", fontName=BODY + "-Italic", fontSize=size * 0.88, leading=size * 1.12,
                         textColor=GREY),
        session=like("session", fontName=SANS + "-Bold", fontSize=size * 0.88, leading=size * 1.15,
                     textColor=INK),
        day_number=like("day_number", fontName=SANS + "-Bold", fontSize=size * 4.6, leading=size * 4.6,
                        textColor=ACCENT),
        day_name=like("day_name", fontName=SANS + "-Bold", fontSize=size * 1.35, leading=size * 1.6),
        toc_1=like("toc_1", fontName=SANS + "-Bold", fontSize=size, leading=size * 1.5),
        toc_2=like("toc_2", fontSize=size * 0.95, leading=size * 1.3),
    )

