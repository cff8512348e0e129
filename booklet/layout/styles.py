"""A page geometry, language and theme -> the booklet's paragraph styles and colours."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from reportlab.lib.colors import CMYKColor, Color
from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.styles import ParagraphStyle

from ..printing.paper import INK_LIMIT
from ..text.fonts import BODY, SANS
from ..data.fields import as_written
from ..data.programme import same_id
from ..data.theme import ENGLISH_QUOTES
from .page import Page

REGISTRATION = CMYKColor(1, 1, 1, 1)  # crop marks print on every separation

# The colours of the classic theme (booklet/resources/themes/classic.yaml): what a role left out falls back to.
DEFAULT_COLOURS = {"primary": "#0B5394", "accent": "#0B5394", "text": "#000000", "break": "#ECECEC",
                   "social": "#FDF3E1", "tutorial": "#E6EEF7"}
PAPER = "#FFFFFF"
# a programme line's kind -> the Palette colour its row (and its box at a glance) is set on; other lines, on the paper
LINE_BACKGROUNDS = {"break": "break_", "social": "social", "poster": "social"}

# Shades made from the theme's text and primary colours: a share of the colour over the paper.
MUTED = 0.62  # secondary text (times, speakers, affiliations, running heads), at the least
MUTED_CONTRAST = 5.5  # ... and darker when need be, so that it reads on the paper and on pale backgrounds
HAIRLINE = 0.08  # thin rules under headers and between posters
RULE = 0.30  # the lines of the Notes pages
SESSION = 0.12  # a session heading's background (of the primary colour) when its track has no colour
URI_WASTE = 0.15  # of a justified line: a web address that would leave more empty is broken after a slash


def rgb(hex_colour: str) -> tuple[int, int, int]:
    """'#0B5394' -> (11, 83, 148)."""
    value = hex_colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def cmyk(hex_colour: str, limit: int = INK_LIMIT) -> tuple[float, float, float, float]:
    """'#RRGGBB' -> (c, m, y, k), 0-1, with all the grey in the black ink (a grey or black prints
    on the black plate only), its total ink at most `limit` per cent (see limited). No colour profile: the press's
    proof is the judge of the exact shade."""
    return tuple(round(v, 4) for v in limited(separated(*(v / 255 for v in rgb(hex_colour))), limit))


def limited(inks: tuple[float, float, float, float], limit: int) -> tuple[float, float, float, float]:
    """(c, m, y, k) with total ink at most `limit` per cent (100 or more): C, M and Y scaled down together, K kept
    (it holds the colour's grey); as they are when under it (separated never takes more than 293 %)."""
    c, m, y, k = inks
    room, colour = limit / 100 - k - 1e-4, c + m + y  # (a hair under: rounded to 4 places, still within)
    if colour <= room + 1e-4:
        return inks
    share = max(room, 0.0) / colour
    return (c * share, m * share, y * share, k)


# Near-neutral colours (R, G and B almost equal) print in black ink alone: C, M and Y come in as the colour's
# chroma (the most of r, g, b less the least) rises from the first share of its darkness (1 - the most) to the
# second, smoothly (no banding in a photo's shadows); a light colour keeps them at any chroma (a pale tint).
NEUTRAL = (0.04, 0.08)


def separated(r: float, g: float, b: float) -> tuple[float, float, float, float]:
    """RGB (0-1) -> (c, m, y, k), 0-1: the grey component all in black (K = 1 - the lightest of r, g, b), the
    rest in at most two of C, M, Y; a near-neutral dark colour in black alone (grey component replacement:
    see colour_share), its K the grey of its lightness. The one separation of booklet, for its colours (cmyk)
    and for the pixels of its images in a --cmyk build (booklet.images.to_cmyk). Black and grey are K alone;
    a pure colour two inks (200 %); a near-black pixel of a photo or of rendered black text (0, 0, 1/255) K
    alone, not K + two inks at full strength; total ink at most 293 % (a very dark blue), under preflight's
    limit (300 %)."""
    top, bottom = max(r, g, b), min(r, g, b)
    k = 1 - top
    if k >= 1:
        return (0.0, 0.0, 0.0, 1.0)
    share = colour_share(top, bottom)
    return (*(chromatic(v, top) * share for v in (r, g, b)), k + (1 - share) * (top - bottom) / 2)


def chromatic(value: float, top: float) -> float:
    """The ink (C, M or Y) of a channel at `value` of a colour whose lightest channel is `top` (> 0), before
    grey component replacement: what it lacks of the lightest, in proportion."""
    k = 1 - top
    return (1 - value - k) / (1 - k)


def colour_share(top: float, bottom: float) -> float:
    """How much of its C, M and Y a colour keeps (0-1), by its lightest and darkest channels: none when it is
    near neutral for its darkness (chroma at most NEUTRAL[0] * (1 - top)), all from NEUTRAL[1] * (1 - top) on,
    a smoothstep between."""
    dark = 1 - top
    low, high = NEUTRAL[0] * dark, NEUTRAL[1] * dark
    chroma = top - bottom
    if chroma <= low:
        return 0.0
    if chroma >= high:
        return 1.0
    t = (chroma - low) / (high - low)
    return t * t * (3 - 2 * t)


def tint_hex(hex_colour: str, share: float) -> str:
    """`share` of the colour over white paper, as #RRGGBB (1: the colour, 0: white)."""
    return "#" + "".join(f"{round(255 - share * (255 - v)):02X}" for v in rgb(hex_colour))


def ink(hex_colour: str, process: bool | int, share: float = 1.0):
    """A colour for the PDF: RGB as given (`process` False), or CMYK for a --cmyk build (`process`: its total ink
    limit in per cent, Page.process); `share` < 1 is a tint of it (in CMYK, the inks scaled down: a screen tint of
    the colour)."""
    if process:
        return CMYKColor(*(round(v * share, 4) for v in cmyk(hex_colour, process)))
    r, g, b = rgb(tint_hex(hex_colour, share) if share != 1.0 else hex_colour)
    return Color(r / 255, g / 255, b / 255)


def luminance(hex_colour: str) -> float:
    """WCAG relative luminance."""
    def linear(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(v) for v in rgb(hex_colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def muted_share(text: str) -> float:
    """How much of the text colour the grey of secondary text takes: MUTED, or more when that
    would be paler than MUTED_CONTRAST on the paper (a dark grey text colour makes a pale grey)."""
    share = MUTED
    while share < 1.0 and contrast(tint_hex(text, share), PAPER) < MUTED_CONTRAST:
        share = round(share + 0.02, 2)
    return min(share, 1.0)


def muted_hex(text: str) -> str:
    """The grey of secondary text made from the text colour, as #RRGGBB."""
    return tint_hex(text, muted_share(text))


@dataclass(frozen=True)
class Palette:
    """The booklet's colours, made from the theme for one build (CMYK for --cmyk, else RGB as written).

    `hex` keeps each role's #RRGGBB, for checks and for what is drawn from it."""

    text: object
    muted: object
    hairline: object
    rule: object
    primary: object
    accent: object
    break_: object
    social: object
    tutorial: object
    session: object  # a session heading's background when its track has no colour of its own
    paper: object  # white: what a panel on the cover art is filled with
    tracks: dict = field(default_factory=dict, hash=False, compare=False)  # session name -> colour
    hex: dict = field(default_factory=dict, hash=False, compare=False)

    def line_background(self, kind: str):
        """The background of a programme line of `kind` (LINE_BACKGROUNDS); None for a line on the paper."""
        colour = LINE_BACKGROUNDS.get(kind)
        return getattr(self, colour) if colour else None

    def sets_apart(self, kind: str) -> bool:
        """Whether a programme line of `kind` is set apart from the lines around it by a background of its own: one of
        LINE_BACKGROUNDS, not the paper's white (a theme's `break: "#FFFFFF"`)."""
        background = self.line_background(kind)
        return background is not None and background != self.paper

    def track(self, name: str | None):
        """A session block's heading background: its track's colour, else the default. (A session's name the fonts
        print nothing of, which prints the label title_not_printable, by what was written: as theme.yaml names it.)"""
        return self.tracks.get(same_id(as_written(name)), self.session) if name else self.session


def make_palette(theme=None, process: bool | int = False) -> Palette:
    """The theme's colours (model.Theme; None: the classic theme's) for a build, CMYK when `process` (the
    total ink limit, per cent: Page.process)."""
    given = {**DEFAULT_COLOURS, **(theme.colours if theme is not None else {})}
    text, primary = given["text"], given["primary"]
    return Palette(
        text=ink(text, process),
        muted=ink(text, process, muted_share(text)),
        hairline=ink(text, process, HAIRLINE),
        rule=ink(text, process, RULE),
        primary=ink(primary, process),
        accent=ink(given["accent"], process),
        break_=ink(given["break"], process),
        social=ink(given["social"], process),
        tutorial=ink(given["tutorial"], process),
        session=ink(primary, process, SESSION),
        paper=ink(PAPER, process),
        tracks={name: ink(colour, process) for name, colour in (theme.track_colours if theme else {}).items()},
        hex=given,
    )


def markup_color(color) -> str:
    """A colour for a paragraph's <font color="..."> attribute, in its own colour space."""
    if isinstance(color, CMYKColor):
        return "cmyk({},{},{},{})".format(*(round(v, 4) for v in (color.cyan, color.magenta, color.yellow,
                                                                   color.black)))
    return color.hexval().replace("0x", "#")


@cache
def hyphenation_language(language: str) -> str | None:
    """The pyphen dictionary for a language code, or None when there is none. English takes the American patterns
    (TeX's, Liang's: "re-sam-pling", "bi-na-ry", "co-vari-ance"), but where the code says en-GB: pyphen's British
    dictionary breaks many words where no typesetter would ("res-ampling", "bin-ary", "Co-v-ari-ance")."""
    try:
        import pyphen
    except ImportError:
        return None
    code = language.replace("-", "_")
    parts = code.lower().split("_")
    if parts[0] == "en":  # (en-Latn-GB is British too)
        code = "en_GB" if "gb" in parts[1:] else "en_US"
    preferred = {"de": "de_DE", "fr": "fr", "es": "es", "it": "it_IT", "pt": "pt_PT"}
    found = pyphen.language_fallback(preferred.get(code, code))
    if found:
        _load_patterns(pyphen, pyphen.LANGUAGES[found])
    return found


def _load_patterns(pyphen, path) -> None:
    """The language's hyphenation patterns into pyphen's own cache (where ReportLab's hyphenation finds
    them), loaded when a word is first hyphenated (a build that replays every paragraph it kept hyphenates
    none): from booklet's disk cache (a few ms), else parsed from pyphen's dictionary (0.06-0.1 s) and cached."""
    from ..cache import disk

    if path in pyphen.hdcache or disk.folder() is None:
        return
    if not _LAZY_PATTERNS:
        _LAZY_PATTERNS.append(_lazy_patterns_class(pyphen))
    pyphen.hdcache[path] = _LAZY_PATTERNS[0](path)


_LAZY_PATTERNS: list = []  # the class, made once


def patterns_read(language: str | None) -> None:
    """The hyphenation patterns of `language` (a pyphen dictionary's name: hyphenation_language's) parsed into
    pyphen's cache now, where they are parsed from pyphen's dictionary (no disk cache: see _load_patterns), for a
    process about to fork workers that break lines: parsed once here, not once in each (0.06-0.1 s each)."""
    try:
        import pyphen
    except ImportError:
        return
    path = pyphen.LANGUAGES.get(language) if language else None
    if path is not None and path not in pyphen.hdcache:
        pyphen.hdcache[path] = pyphen.HyphDict(path)


def _lazy_patterns_class(pyphen):
    """pyphen's HyphDict whose patterns are read when first asked for (see _patterns)."""

    class LazyHyphDict(pyphen.HyphDict):
        def __init__(self, path):  # noqa: D107  (the patterns are set when first read)
            self.__dict__["_booklet_path"] = path

        def __getattr__(self, name):  # an attribute not set yet: patterns, maxlen, cache
            state = self.__dict__
            if name.startswith("__") or "_booklet_path" not in state:
                raise AttributeError(name)
            patterns, maxlen = _patterns(pyphen, state.pop("_booklet_path"))
            state.update(patterns=patterns, maxlen=maxlen, cache={})
            return getattr(self, name)

    return LazyHyphDict


def _patterns(pyphen, path) -> tuple[dict, int]:
    """(patterns, maxlen) of pyphen's HyphDict of `path`: from booklet's disk cache, else parsed and kept."""
    from ..cache import disk

    try:
        name = disk.key("pyphen", pyphen.__version__, disk.file_digest(path))
    except OSError:
        parsed = pyphen.HyphDict(path)
        return parsed.patterns, parsed.maxlen
    kept = disk.load("hyphenation", name, tuple, lasts=False)
    if kept is not None and len(kept) == 2 and isinstance(kept[0], dict) and isinstance(kept[1], int):
        return kept
    parsed = pyphen.HyphDict(path)
    disk.store("hyphenation", name, (parsed.patterns, parsed.maxlen))
    return parsed.patterns, parsed.maxlen


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


def make_styles(page: Page, language: str = "en", palette: Palette | None = None,
                quotes: tuple[str, str, str, str] = ENGLISH_QUOTES) -> Styles:
    """The booklet's paragraph styles; `quotes`: the quotation marks a paragraph's straight quotes print as (the
    language's label `quotes`: see layout.flowables.Para), which every style made from these inherits."""
    colours = palette or make_palette(process=page.process)
    size = page.base_size
    lead = size * 1.32
    hyphen = hyphenation_language(language)
    base = ParagraphStyle("body", fontName=BODY, fontSize=size, leading=lead, textColor=colours.text,
                          splitLongWords=1, allowWidows=0, allowOrphans=0, quotes=tuple(quotes), language=language,
                          wideWordsLang=hyphen,  # (a word wider than a line of a style that hyphenates nothing)
                          tiesYield=0)  # (a title's style: markup.title's ties yield where they leave a word alone)

    def like(name, parent=base, **kw):
        return ParagraphStyle(name, parent=parent, **kw)

    sans = dict(fontName=SANS)
    return Styles(
        body=base,
        # a web address is broken (after a slash) where keeping it whole would leave more than URI_WASTE of the line
        # empty: justified, that space went to the line's few word gaps ("See      https://...      and")
        text=like("text", alignment=TA_JUSTIFY, hyphenationLang=hyphen, embeddedHyphenation=1,
                  spaceAfter=lead * 0.35, uriWasteReduce=URI_WASTE),
        small=like("small", fontSize=size * 0.85, leading=size * 1.1, textColor=colours.muted),
        label=like("label", **sans, fontSize=size * 0.72, leading=size, textColor=colours.accent, spaceAfter=2),
        title=like("title", tiesYield=1, fontName=SANS + "-Bold", fontSize=size * 1.42, leading=size * 1.72,
                   spaceAfter=size * 0.5),
        heading=like("heading", tiesYield=1, fontName=SANS + "-Bold", fontSize=size * 1.9, leading=size * 2.3,
                     textColor=colours.primary, spaceAfter=size * 0.9, keepWithNext=1),
        subheading=like("subheading", tiesYield=1, fontName=SANS + "-Bold", fontSize=size * 1.1, leading=size * 1.4,
                        spaceBefore=size * 0.9, spaceAfter=size * 0.35, keepWithNext=1),
        person=like("person", fontName=BODY + "-Bold", spaceAfter=0),
        affiliation=like("affiliation", fontName=BODY + "-Italic", fontSize=size * 0.9, leading=size * 1.15,
                         textColor=colours.muted),
        when=like("when", **sans, fontSize=size * 0.75, leading=size * 1.0, textColor=colours.muted,
                  spaceAfter=size * 0.6),
        time=like("time", **sans, fontSize=size * 0.8, leading=size * 1.12, textColor=colours.muted),
        row_title=like("row_title", tiesYield=1, fontSize=size * 0.95, leading=size * 1.18),
        row_speaker=like("row_speaker", fontName=BODY + "-Italic", fontSize=size * 0.88, leading=size * 1.12,
                         textColor=colours.muted),
        session=like("session", tiesYield=1, fontName=SANS + "-Bold", fontSize=size * 0.88, leading=size * 1.15,
                     textColor=colours.text),
        day_number=like("day_number", fontName=SANS + "-Bold", fontSize=size * 4.6, leading=size * 4.6,
                        textColor=colours.primary),
        day_name=like("day_name", fontName=SANS + "-Bold", fontSize=size * 1.35, leading=size * 1.6),
        toc_1=like("toc_1", tiesYield=1, fontName=SANS + "-Bold", fontSize=size, leading=size * 1.5),
        toc_2=like("toc_2", tiesYield=1, fontSize=size * 0.95, leading=size * 1.3),
    )

