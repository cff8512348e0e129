"""Font files -> registered ReportLab font families, and which characters they can show.

The booklet sets text in two families, registered under fixed names that every layout module uses:
BODY ("Body", "Body-Bold", "Body-Italic", "Body-BoldItalic": the text font) and SANS (the headings
font, same suffixes). Which files they are is the theme's choice (a FontSet: bundled families by
name, or TrueType files in the data folder); `use_fonts` points the two names at the chosen files,
once per change. Fallback fonts, tried in order for a character the text fonts lack, are registered
under a name of their own (one per file), only when a character needs them.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import types
import unicodedata
import weakref
from array import array
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache, lru_cache, partial
from itertools import filterfalse
from pathlib import Path


FONT_DIR = Path(__file__).resolve().parent.parent / "resources" / "fonts"

BODY = "Body"
SANS = "Sans"
# What markup names a text family by for a character the other family lacks (font_for_char): the family's face in the
# style around it (text.paragraph's parser; elsewhere its regular face), where <font name="Body"> is the regular face
IN_STYLE = {BODY: "BodyInStyle", SANS: "SansInStyle"}

DEPTH = 0.2  # of a line's type size: how far its descenders reach under its baseline, about (where a link's box ends
# below a line, as ReportLab's paragraphs draw it)
STYLES = ("", "-Bold", "-Italic", "-BoldItalic")  # the four faces of a family, as name suffixes


@dataclass(frozen=True)
class Family:
    """The four faces of a family (regular, bold, italic, bold italic); a style the family lacks is
    its regular face."""

    regular: Path
    bold: Path | None = None
    italic: Path | None = None
    bold_italic: Path | None = None

    def faces(self) -> tuple[tuple[str, Path], ...]:
        """(suffix, file) for each of the four styles."""
        files = (self.regular, self.bold, self.italic, self.bold_italic)
        return tuple((suffix, path or self.regular) for suffix, path in zip(STYLES, files))


def _bundled(regular: str, bold: str | None = None, italic: str | None = None, bold_italic: str | None = None):
    return Family(*(FONT_DIR / name if name else None for name in (regular, bold, italic, bold_italic)))


# The families booklet bundles, by the name a theme gives them.
BUNDLED = {
    "Gentium Book Plus": _bundled("GentiumBookPlus-Regular.ttf", "GentiumBookPlus-Bold.ttf",
                                  "GentiumBookPlus-Italic.ttf", "GentiumBookPlus-BoldItalic.ttf"),
    "Noto Sans": _bundled("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf",
                          "NotoSans-BoldItalic.ttf"),
    "Noto Sans Mono": _bundled("NotoSansMono-Regular.ttf", "NotoSansMono-Bold.ttf", None, "NotoSansMono-Bold.ttf"),
    "Noto Sans Math": _bundled("NotoSansMath-Regular.ttf"),
    "Noto Sans Symbols 2": _bundled("NotoSansSymbols2-Regular.ttf"),
}

# The name a bundled fallback font goes by (a file of the data folder gets one made from its path).
_FALLBACK_NAMES = {FONT_DIR / "NotoSansMath-Regular.ttf": "Math", FONT_DIR / "NotoSansSymbols2-Regular.ttf": "Symbols"}


@dataclass(frozen=True)
class FontSet:
    """The fonts of one booklet: the text family, the headings family, the fallback files in order."""

    text: Family
    headings: Family
    fallbacks: tuple[Path, ...] = ()

    def files(self) -> tuple[Path, ...]:
        """The font files, in order: the text family's faces, the headings family's, the fallbacks (a file as often as
        it is named: a family's regular face stands for each style it lacks)."""
        return tuple(path for family in (self.text, self.headings) for _, path in family.faces()) + self.fallbacks


DEFAULT = FontSet(BUNDLED["Gentium Book Plus"], BUNDLED["Noto Sans"],
                  (BUNDLED["Noto Sans Math"].regular, BUNDLED["Noto Sans Symbols 2"].regular))


def bundled_name(name: str) -> str | None:
    """The bundled family a theme means by `name` ('noto sans' -> 'Noto Sans'), or None."""
    folded = " ".join(name.split()).casefold()
    return next((known for known in BUNDLED if known.casefold() == folded), None)


# -- font files ------------------------------------------------------------------

_REGULAR = re.compile(r"[-_ ]?(Regular|Roman|Book|Normal)$", re.IGNORECASE)
_BESIDE = {"bold": ("Bold",), "italic": ("Italic", "It", "Oblique"),
           "bold_italic": ("BoldItalic", "BoldOblique", "Bold-Italic", "BoldIt")}


def unstyled_stem(regular: Path) -> str:
    """The name a family's style suffixes are added to: 'MyText' for MyText-Regular.ttf (and MyText.ttf)."""
    return _REGULAR.sub("", regular.stem)


def family_beside(regular: Path) -> Family:
    """The family of a TrueType file: its bold, italic and bold italic faces found beside it by the
    usual name suffixes (MyText-Regular.ttf -> MyText-Bold.ttf, MyText-Italic.ttf, MyText-BoldItalic.ttf);
    a style not found is the regular face."""
    stem = unstyled_stem(regular)
    found = {}
    for style, suffixes in _BESIDE.items():
        for suffix in suffixes:
            candidate = regular.with_name(f"{stem}-{suffix}{regular.suffix}")
            if candidate != regular and candidate.is_file():
                found[style] = candidate
                break
    return Family(regular, found.get("bold"), found.get("italic"), found.get("bold_italic"))


_STYLE_NAMES = {"bold": "bold", "italic": "italic", "bold_italic": "bold italic"}


def styled_face(path: Path) -> tuple[str, Path, bool] | None:
    """(the style, its family's regular face, whether that file is there) when a font file is named as one of its family's other
    faces (DejaVuSans-Bold.ttf, MyText-Italic.ttf: the usual name suffixes family_beside looks for), else None; its
    regular face is the file beside it whose unstyled_stem is its name without the suffix (MyText_Book.ttf). Named as
    a theme's font it prints every text set in it in that style, and its family's faces are looked for by its own name
    (DejaVuSans-Bold-Bold.ttf), seldom there."""
    stem = path.stem.casefold()
    for style in ("bold_italic", "bold", "italic"):  # (BoldItalic before Italic: "-Bold-Italic" ends with "-Italic")
        for suffix in _BESIDE[style]:
            if stem.endswith(f"-{suffix}".casefold()):
                base = path.stem[: -len(suffix) - 1]
                regulars = sorted((candidate for candidate in path.parent.iterdir() if candidate.suffix == path.suffix
                                   and unstyled_stem(candidate) == base and candidate.is_file()),
                                  key=lambda candidate: (len(candidate.name), candidate.name))  # (MyText.ttf first)
                if not regulars:  # (the name it would have, to put beside it)
                    return _STYLE_NAMES[style], path.with_name(f"{base}-Regular{path.suffix}"), False
                return _STYLE_NAMES[style], regulars[0], True
    return None


# OpenType's OS/2 fsType, bits 1-3: "restricted licence embedding" (the font may not be embedded in a document, nor
# sent on with one), "preview and print" and "editable"; the most permissive bit set is the one that counts. Bit 9:
# "bitmap embedding only" (its outlines may not be embedded, whatever bits 1-3 allow; booklet embeds outlines). Bit 8:
# "no subsetting" (only the whole font may be embedded; booklet, as ReportLab does, embeds the glyphs it prints)
_RESTRICTED, _PERMISSIONS, _BITMAP_ONLY, _NO_SUBSETTING = 0x0002, 0x000E, 0x0200, 0x0100
RESTRICTED = "restricted licence"  # embedding_forbidden's reasons, as messages name them (OpenType fsType: ...)
BITMAP_ONLY = "bitmap embedding only, no outlines"
NO_SUBSETTING = "no subsetting, and the PDF embeds a subset"


def embedding_forbidden(data: bytes, subset: bool = True) -> str | None:
    """Why the TrueType font in `data` (a file, or a subset embedded in a PDF, which keeps the OS/2 table) says in its
    OS/2 fsType that its licence forbids embedding it, or None: RESTRICTED (the restricted bit, and no more permissive
    one), BITMAP_ONLY (its bitmaps alone may be embedded, not the outlines booklet embeds) or, when it is embedded as a
    subset (`subset`: as booklet embeds every font), NO_SUBSETTING (only the whole font may be). ReportLab refuses such
    a font only with more than 255 glyphs and fsType exactly 2; it embedded any other, without a word, which breaks the
    font's licence in every PDF sent to the print shop."""
    try:
        start = _table(data, b"OS/2")
        if start is None:
            return None
        fs_type = data[start + 8:start + 10]
        if len(fs_type) != 2:
            return None
        bits = int.from_bytes(fs_type, "big")
        if bits & _PERMISSIONS == _RESTRICTED:
            return RESTRICTED
        if bits & _BITMAP_ONLY:
            return BITMAP_ONLY
        return NO_SUBSETTING if subset and bits & _NO_SUBSETTING else None
    except (TypeError, ValueError):
        pass
    return None


def _table(data: bytes, tag: bytes) -> int | None:
    """Where the table `tag` of the TrueType font in `data` starts (its table directory's first entry of that tag),
    or None when the directory has none."""
    tables = int.from_bytes(data[4:6], "big")
    for at in range(12, 12 + 16 * tables, 16):
        if data[at:at + 4] == tag:
            return int.from_bytes(data[at + 8:at + 12], "big")
    return None


CODE_POINTS = 0x110000  # Unicode's code points: as many as a font's character map can map, each once


def _ulong(data: bytes, at: int) -> int:
    """The big-endian 32-bit number at `at` of `data`; ValueError past its end."""
    if at < 0 or at + 4 > len(data):
        raise ValueError("past the end of the file")
    return int.from_bytes(data[at:at + 4], "big")


def _ushort(data: bytes, at: int) -> int:
    """The big-endian 16-bit number at `at` of `data`; ValueError past its end."""
    if at < 0 or at + 2 > len(data):
        raise ValueError("past the end of the file")
    return int.from_bytes(data[at:at + 2], "big")


def cmap_code_points(data: bytes) -> int:
    """How many code points ReportLab goes through reading the character map (cmap) of the TrueType font in `data`:
    the subtable it picks (the last of the directory's Windows or Unicode ones, else Macintosh Roman), format 4's
    segments or format 12's and 13's groups summed (0 for other formats, which ReportLab reads in steps bounded by the
    file's length). A real font's is at most CODE_POINTS; a damaged one's can be billions, which ReportLab counts
    through one by one (a check that never ends): `_font_file` refuses it first. ValueError when the map is cut short
    or missing."""
    cmap = _table(data, b"cmap")
    if cmap is None:
        raise ValueError("no character map")
    version, count = _ushort(data, cmap), _ushort(data, cmap + 2)
    if count == 0 and version != 0:  # (ReportLab takes the two as swapped then)
        count = version
    chosen, kind = None, 0
    for at in range(cmap + 4, cmap + 4 + 8 * count, 8):  # ReportLab's choice, in its order
        platform, encoding = _ushort(data, at), _ushort(data, at + 2)
        if platform == 3 or (platform == 1 and encoding == 1) or (platform == 0 and encoding != 5):
            chosen, kind = _ulong(data, at + 4), 1
        elif platform == 1 and encoding == 0 and kind != 1:
            chosen, kind = _ulong(data, at + 4), 2
    if chosen is None:
        return 0
    table = cmap + chosen
    fmt = _ushort(data, table)
    if fmt == 4:
        segments = _ushort(data, table + 6) // 2
        ends, starts = table + 14, table + 16 + 2 * segments
        return sum(max(0, _ushort(data, ends + 2 * n) - _ushort(data, starts + 2 * n) + 1) for n in range(segments))
    if fmt in (12, 13):
        groups = _ulong(data, table + 12)
        if table + 16 + 12 * groups > len(data):
            raise ValueError("past the end of the file")
        return sum(max(0, _ulong(data, at + 4) - _ulong(data, at) + 1)
                   for at in range(table + 16, table + 16 + 12 * groups, 12))
    return 0


def font_file_embedding_forbidden(path: Path) -> str | None:
    """embedding_forbidden of the font file at `path` (None for a file that cannot be read)."""
    try:
        return embedding_forbidden(path.read_bytes())
    except OSError:
        return None


class DamagedFont(ValueError):
    """A font file that starts as TrueType but that ReportLab must not be given (it would never finish reading it)."""


def font_file_problem(path: Path) -> str | None:
    """What makes `path` unusable as a booklet font (None when it is a TrueType font ReportLab can embed)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(4)
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    if not head:
        return "is empty (0 bytes): copy the .ttf file again"
    if head == b"OTTO":
        return ("is an OpenType font with PostScript (CFF) outlines, which cannot be embedded in the PDF; "
                "use the TrueType (.ttf) version of the font")
    if head in (b"wOFF", b"wOF2"):
        return "is a web font (WOFF), compressed for browsers; use the TrueType (.ttf) version of the font"
    if head == b"ttcf":
        return "is a font collection (.ttc); use a single TrueType (.ttf) font"
    if head not in (b"\x00\x01\x00\x00", b"true"):
        return "is not a TrueType font file; use a .ttf font"
    from reportlab.pdfbase.ttfonts import TTFError

    damaged = ("is damaged or cut short: it starts as a TrueType font, but the tables a font holds cannot be read; "
               "download or copy the .ttf file again")
    try:
        font = _font_file(path)
    except TTFError as exc:  # what ReportLab says of a font it reads but will not embed ("does not allow ...")
        return f"cannot be used as a font: {exc}"
    except DamagedFont as exc:
        return f"is damaged: {exc}; download or copy the .ttf file again"
    except Exception:  # a table missing (KeyError) or cut short (struct.error), ...  # noqa: BLE001
        return damaged
    return None if _subsets_made(font) else damaged


_whole: set[str] = set()  # the digests of the font files whose every subset was made in this process (_subsets_made)


def _subsets_made(font) -> bool:
    """Whether every subset of the font object `font` (of a data folder's file) can be made
    (_subset_every_character), tried once per file content: the answer yes is kept in this process (a watch's
    rebuilds) and in the disk cache, by ReportLab's version and the digest of the file's bytes. The trial costs 10 ms
    for a font of 3,000 characters, 0.5 s for a CJK font of 40,000: paid on every build, and on every rebuild of a
    watch, it made a warm rebuild after one edit seconds long."""
    from reportlab import Version

    from ..cache import disk

    digest = _file_digests[font.fontName]
    if digest in _whole:
        return True
    name = disk.key("subsets-made", Version, digest) if disk.folder() else None
    if disk.load("fonts", name, bool, lasts=False) is None:
        try:
            _subset_every_character(font.face)
        except Exception:  # (damaged outlines, glyf and loca: TTFError, IndexError, ...)  # noqa: BLE001
            return False
        disk.store("fonts", name, True)
    _whole.add(digest)
    return True


def _subset_every_character(face) -> None:
    """Make (and drop) the subsets of every character the font `face` maps, 256 at a time as the PDF embeds them:
    ReportLab reads a font's outlines only then, when the PDF is saved, so a font whose character map reads well but
    whose outlines are damaged passed check and failed the build at its end."""
    codes = sorted(face.charToGlyph)
    for start in range(0, len(codes), 256):
        face.makeSubset(codes[start:start + 256])


def missing_from(path: Path, text: str) -> list[str]:
    """The characters of `text` that the font file `path` has no glyph for, each once, in order."""
    codes = _codepoints(path)
    return list(dict.fromkeys(ch for ch in text if ord(ch) not in codes and ord(ch) not in _ALWAYS_FINE))


# -- registration --------------------------------------------------------------

# The name each bundled file's font object has (a file of the data folder gets one made from its path).
_OWN_NAMES = {
    **{path: family + suffix for family, name in ((BODY, "Gentium Book Plus"), (SANS, "Noto Sans"))
       for suffix, path in BUNDLED[name].faces()},
    **_FALLBACK_NAMES,
}


def _unique_name(prefix: str, path: Path) -> str:
    digest = hashlib.sha1(str(path).encode("utf-8")).hexdigest()[:10]
    return f"{prefix}-{re.sub(r'[^A-Za-z0-9]', '', path.stem)[:24]}-{digest}"


_by_content: dict[tuple[bytes, str], object] = {}  # (PostScript name, file digest) -> its font object
_parsed_at: dict[Path, tuple] = {}  # a font file parsed in this process -> its identity then (disk.identity)
_file_digests: dict[str, str] = {}  # a font object's name -> the digest of its file's bytes (see _kept_subset)
# a font object's name -> the object, for each font parsed in this process (the font a recording's calls, which name
# it so, were made of: see replayed). Not ReportLab's registry: a bundled font's object bears a family's name
# (Noto Sans Italic's is "Sans-Italic"), which stands for another font when the theme gives that family another file
_font_by_name: dict[str, object] = {}


_by_path: dict[Path, object] = {}  # a font file parsed in this process -> its font object (_font_file)
_replaced: dict[Path, int] = {}  # a font file -> the times this process found it replaced (forget_replaced)
_parsed_digests: dict[Path, str] = {}  # a font file parsed in this process -> the digest of its bytes then


def _font_file(path: Path):
    """The font file parsed once per process, while it stays the file it was (forget_replaced): one font object per
    font, however many names and files it goes by (one object, one subset embedded in the PDF). A copy of a font
    already in use (the same bytes) is that font; another font file with the same PostScript name is another font,
    named apart in a PDF that embeds both (_name_suffix)."""
    font = _by_path.get(path)
    if font is None:
        font = _by_path[path] = _parse_font_file(path)
    return font


def forget_replaced() -> bool:
    """Forget the font files this process parsed that were replaced since (written again in place: another identity,
    disk.identity), and what was made of them, so that they are parsed again, as a new process parses them; whether
    any was. Asked as each build starts (BuildCache.build) and as data is read (check.read: a library user's
    check_folder), and by a kept worker as it takes a build's part: a library user's (or a watch's) warm rebuild
    draws with the font file as it is now. One os.stat a file parsed; a file written again is read and hashed: with
    the same bytes it is the font it was (its workers, its layouts kept)."""
    from ..cache import disk

    replaced = []
    for path, identity in _parsed_at.items():
        try:
            info = os.stat(path)
            now = disk.identity(info)
            if now != identity and _font_digest(path, info) == _parsed_digests.get(path):
                # written again with the same bytes (touched, a checkout, a copy made again): the font it was, kept
                _parsed_at[path] = identity = now
        except OSError:
            now = None
        if now != identity:
            replaced.append(path)
    if not replaced:
        return False
    global _active
    from reportlab.pdfbase import pdfmetrics

    for path in list(replaced):
        _parsed_at.pop(path, None)
        _parsed_digests.pop(path, None)
        font = _by_path.pop(path, None)
        if font is None:
            continue  # (not parsed whole)
        # the files whose font it stands for too (copies of it): forgotten with it, and parsed again as a new process
        # parses them. The object bears the name of the file parsed first (_parse_font_file), which the new font of
        # that file takes: kept for a copy, two objects went by one name, the copy's with the new file's digest
        # (_file_digests: its subsets, its name in the PDF)
        copies = [other for other, same in _by_path.items() if same is font]
        for other in copies:
            del _by_path[other]
            _parsed_at.pop(other, None)
            _parsed_digests.pop(other, None)
        replaced.extend(copies)
        if pdfmetrics._fonts.get(font.fontName) is font:
            del pdfmetrics._fonts[font.fontName]  # (its name is a file's: the file's new font takes it)
        if _font_by_name.get(font.fontName) is font:
            del _font_by_name[font.fontName]
        _by_content.pop((font.face.name, _file_digests.pop(font.fontName, None)), None)
    for path in replaced:  # (what a cache kept, by fonts_number, was made with the old font object, a copy's too)
        _replaced[path] = _replaced.get(path, 0) + 1
    for made in (_codepoints, _text_codepoints, _family_codepoints, _named_apart, _register_fallback):
        made.cache_clear()
    if _active is not None and not set(replaced).isdisjoint(_active.files()):
        _active = None  # use_fonts registers the fonts anew, and empties the caches of what was measured in them
    return True


def replacements() -> int:
    """How many times this process found a font file it parsed replaced (forget_replaced, whoever asked): a cache's
    kept workers parsed the old file when it changed since their cache's last build."""
    return sum(_replaced.values())


def _parse_font_file(path: Path):
    """The font object of the file `path` (ReportLab's, from the disk cache when kept: _parsed), registered under its
    name; the object of the same font already parsed, for a copy of it (_font_file)."""
    from reportlab.pdfbase import pdfmetrics

    from ..cache import disk

    before = os.stat(path)
    _parsed_at[path] = disk.identity(before)
    _parsed_digests.pop(path, None)
    data = path.read_bytes()
    if path not in _OWN_NAMES and cmap_code_points(data) > CODE_POINTS:
        raise DamagedFont("its character map (cmap) maps more characters than Unicode has")
    digest = _parsed_digests[path] = _font_digest(path, before, data)
    font = _parsed(_OWN_NAMES.get(path) or _unique_name("Font", path), path, data, digest)
    same = _by_content.get((font.face.name, digest))
    if same is not None:
        return same
    _by_content[(font.face.name, digest)] = font
    _file_digests[font.fontName] = digest
    _font_by_name[font.fontName] = font
    pdfmetrics._fonts.setdefault(font.fontName, font)
    return font


def _font_digest(path: Path, before: os.stat_result, data: bytes | None = None) -> str:
    """The digest of the font file's bytes (`data`, else read), from the disk cache while it keeps its identity
    (`before`: its os.stat, taken before it is read)."""
    from ..cache import disk

    return disk.kept_hash("font-sha1", path, before,
                          lambda: hashlib.sha1(path.read_bytes() if data is None else data).hexdigest())


def parsed_identity(path: Path) -> tuple | None:
    """The identity (disk.identity) the font file at `path` had when this process parsed it, or None when it has
    not: the process draws with that font until its next build finds the file replaced (forget_replaced; the
    build's cache.built keeps nothing for others meanwhile)."""
    return _parsed_at.get(Path(path))


def _parsed(name: str, path: Path, data: bytes, digest: str):
    """ReportLab's font object for the file `path` (holding `data`) under `name`: parsing a TrueType file
    takes 5-10 ms, so what ReportLab makes of it is kept in booklet's disk cache, keyed by the file's content, the
    name and ReportLab's version and settings, and the next process restores it (about 1 ms).

    Kept: the font object's and its face's attributes right after parsing, except the file's bytes (`data`
    is the same bytes), the per-document state (none yet) and the face's scaling function (rebuilt as
    ReportLab builds it, from unitsPerEm). The face's tables in _APART (glyphToChar, hmetrics, glyphPos: over
    half the time restoring a face takes) are kept pickled apart, each unpickled only when first asked for
    (ReportLab's shaping and subsetting ask, and booklet's math for a glyph's outline; a build whose subsets
    are kept does not: see _kept_face_class)."""
    from reportlab import Version, rl_config

    from ..cache import disk

    cls = _font_class()
    key = disk.key("ttfont", Version, rl_config.ttfAsciiReadable, list(rl_config.unShapedFontGlob), name, digest,
                   _KEPT_APART, _APART)
    kept = disk.load("fonts", key, tuple)
    if (kept is not None and len(kept) == 2 and isinstance(kept[0], dict) and isinstance(kept[1], dict)
            and _apart_as_kept(kept[1].get(_KEPT_APART))):
        from weakref import WeakKeyDictionary

        font_state, face_state = kept
        face_class = _kept_face_class()
        face = face_class.__new__(face_class)
        face.__dict__.update(face_state, _ttf_data=data, filename=str(path))
        face._pdfScale = _pdf_scale(face.unitsPerEm)
        font = cls.__new__(cls)
        font.__dict__.update(font_state, fontName=name, face=face, state=WeakKeyDictionary())
        return font
    font = cls(name, str(path))
    skip_font, skip_face = {"fontName", "face", "state"}, {"_ttf_data", "filename", "_pdfScale"}
    disk.store("fonts", key, make=lambda: ({k: v for k, v in vars(font).items() if k not in skip_font},
                                           _face_state(vars(font.face), skip_face)))
    return font


# The face's tables a build from the disk cache seldom asks for, kept pickled apart (_face_state), and where (a key
# part, too: the format): glyph -> its characters (shaping), each glyph's advance and side bearing and its place in
# the file (subsetting, math's outlines)
_APART = ("glyphToChar", "hmetrics", "glyphPos")
_KEPT_APART = "_booklet_kept_apart"


def _face_state(attributes: dict, skip: set) -> dict:
    """A parsed face's attributes as kept: all but `skip`, with those of _APART pickled apart (a dict of their
    pickles under _KEPT_APART)."""
    state = {k: v for k, v in attributes.items() if k not in skip and k not in _APART}
    state[_KEPT_APART] = {name: pickle.dumps(attributes[name], protocol=pickle.HIGHEST_PROTOCOL) for name in _APART}
    return state


def _apart_as_kept(packed) -> bool:
    """Whether `packed` is what _face_state keeps under _KEPT_APART: a pickle of each of _APART."""
    return isinstance(packed, dict) and packed.keys() == set(_APART) and all(type(v) is bytes for v in packed.values())


@cache
def _kept_face_class():
    """ReportLab's TTFontFace restored from the disk cache: the same attributes as a parsed face, each of _APART
    unpickled from its kept bytes when first asked for (then an attribute as any other)."""
    from reportlab.pdfbase.ttfonts import TTFontFace

    class KeptTTFontFace(TTFontFace):
        def __getattr__(self, name):  # only called for an attribute not set
            state = self.__dict__
            packed = state.get(_KEPT_APART)
            if packed is not None and name in packed:
                value = state[name] = pickle.loads(packed.pop(name))
                if not packed:
                    del state[_KEPT_APART]
                return value
            raise AttributeError(name)

    return KeptTTFontFace


def _pdf_scale(units_per_em: int):
    """The face's glyph units -> PDF's thousandths of an em, as ReportLab's TTFontFile.extractInfo makes it."""
    if units_per_em == 1000:
        return lambda x: x
    factor = 1000 / units_per_em
    return lambda x: x * factor


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


# ReportLab versions whose internals booklet's quicker equivalents (here, text.paragraph, output.serialise) were
# checked against, by tests comparing them with ReportLab's own: with another version, ReportLab's own are used
CHECKED_REPORTLAB = frozenset({"5.1.0"})


def reportlab_checked() -> bool:
    import reportlab

    return reportlab.Version in CHECKED_REPORTLAB


def calling(function, **names):
    """`function` (one of ReportLab's) as it is, but for the module globals in `names`: those it reads as given
    here (how text.paragraph and text.linedraw give ReportLab's functions their quicker equivalents)."""
    made = types.FunctionType(function.__code__, {**function.__globals__, **names}, function.__name__,
                              function.__defaults__, function.__closure__)
    made.__kwdefaults__ = function.__kwdefaults__
    made.__qualname__, made.__doc__ = function.__qualname__, function.__doc__
    return made


class _NotFirst(Exception):
    """A character without a code in a font's first subset (not a LookupError: str.translate stops at it)."""


class _FirstSubsetCodes(dict):
    """Character -> its one-byte code in the first subset of a font in one document, for str.translate:
    what ReportLab's TTFont.splitString gives text all of whose characters have such a code (one chunk,
    subset 0), in a tenth of its time (it goes character by character in Python; a line of text is
    drawn through it). Filled from the state's assignments as characters are asked for; a character that
    has none yet, or a code in another subset, raises _NotFirst, and splitString itself splits the text
    (and assigns codes: a code once given never changes)."""

    def __init__(self, state):
        super().__init__()
        self.assignments = state.assignments

    def __missing__(self, code: int) -> str:
        n = self.assignments.get(32 if code == 0xA0 else code)  # ReportLab sets a no-break space as a space
        if n is None or n > 0xFF:
            raise _NotFirst
        self[code] = made = chr(n)
        return made


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

    checked = reportlab_checked()  # splitString's table reads ReportLab's font state

    class BookletTTFont(TTFont):
        def splitString(self, text, doc, encoding="utf-8"):
            state = self.state.get(doc)
            codes = getattr(state, "booklet_codes", None)
            chunks = None
            if codes is not None and text and isinstance(text, str):
                try:  # every character has its code in the first subset already: one chunk
                    chunks = [(0, text.translate(codes).encode("latin-1"))]
                except _NotFirst:
                    pass
            if chunks is None:
                codes = None
                chunks = super().splitString(text, doc, encoding)
                if state is None and (state := self.state.get(doc)) is not None and checked:
                    state.booklet_codes = _FirstSubsetCodes(state)
            if _recordings:  # (one chunk of those codes: the codes recorded, as DocumentFont.glyphs records them)
                _recordings[-1].append((False, self.fontName, text, chunks if codes is None else codes))
            return chunks

        def getSubsetInternalName(self, subset, doc):
            name = super().getSubsetInternalName(subset, doc)
            if _recordings:
                _recordings[-1].append((True, self.fontName, subset, name))
            return name

        def addObjects(self, doc):
            self.face.subfontNameX = _name_suffix(self)  # (ReportLab's and the lines below read it)
            state = self.state.get(doc)
            subsets = [list(subset) for subset in state.subsets] if state is not None else []
            face, digest = self.face, _file_digests.get(self.fontName)
            if digest is None or "makeSubset" in face.__dict__:
                super().addObjects(doc)
            else:  # each subset's font file from the disk cache when made before (see _kept_subset)
                face.makeSubset = partial(_kept_subset, face.makeSubset, digest)
                try:
                    super().addObjects(doc)
                finally:
                    del face.makeSubset
            for n, subset in enumerate(subsets):
                if max(subset, default=0) > 0xFFFF:
                    name = b"".join((SUBSETN(n), b"+", self.face.name, self.face.subfontNameX)).decode("pdfdoc")
                    stream = doc.idToObject.get("toUnicodeCMap:" + name)
                    if stream is not None:
                        stream.content = to_unicode_cmap(name, subset)

    return BookletTTFont


def _name_suffix(font) -> bytes:
    """What follows the PostScript name of `font` in the names its subsets have in a PDF (/BaseFont, after the subset
    tag): '-' and the first six hex digits of the digest of its file's bytes when it is a file of the data folder and
    a font booklet bundles or another file of the booklet's fonts (the fonts in use) has the same PostScript name (two
    versions of a family, the text font and the headings font: two embedded fonts must not share a name), else
    nothing. Decided by the booklet's fonts alone, so that a font has one
    name in every document of a booklet, whichever fonts each embeds (the parts of `--jobs 2`, put together in one
    PDF), and the same name after a build of another folder in the process (a watch, the library API, a check)."""
    digest = _file_digests.get(font.fontName)
    if digest is None or digest not in _named_apart(_active or DEFAULT):
        return b""
    return b"-" + digest[:6].encode("ascii")


# The PostScript name of each font file booklet bundles (a test holds them to what parsing the files gives)
_BUNDLED_NAMES = {
    b"GentiumBookPlus": "GentiumBookPlus-Regular.ttf", b"GentiumBookPlus-Bold": "GentiumBookPlus-Bold.ttf",
    b"GentiumBookPlus-Italic": "GentiumBookPlus-Italic.ttf",
    b"GentiumBookPlus-BoldItalic": "GentiumBookPlus-BoldItalic.ttf",
    b"NotoSans-Regular": "NotoSans-Regular.ttf", b"NotoSans-Bold": "NotoSans-Bold.ttf",
    b"NotoSans-Italic": "NotoSans-Italic.ttf", b"NotoSans-BoldItalic": "NotoSans-BoldItalic.ttf",
    b"NotoSansMono-Regular": "NotoSansMono-Regular.ttf", b"NotoSansMono-Bold": "NotoSansMono-Bold.ttf",
    b"NotoSansMath-Regular": "NotoSansMath-Regular.ttf", b"NotoSansSymbols2-Regular": "NotoSansSymbols2-Regular.ttf",
}


@cache
def _named_apart(fonts: FontSet) -> frozenset[str]:
    """The digests of the files of the data folder among `fonts`' whose font has the PostScript name of another font:
    of a file booklet bundles, or of another of `fonts`' (_name_suffix). A bundled font is never named apart: it keeps
    its name whatever the fonts in use, as in a proof's overlay, drawn with the bundled fonts over pages that name the
    theme's. Parsed (_font_file: once a process): the data folder's files (none: nothing parsed), and the bundled file
    of a data folder's font's name; a file that does not parse is embedded in no PDF, and left out."""
    digests: dict[bytes, set[str]] = {}  # PostScript name -> the digests of the files of that name
    for path in set(fonts.files()):
        if path.parent == FONT_DIR:
            continue  # (bundled: its name is one of _BUNDLED_NAMES, each looked at below)
        try:
            font = _font_file(path)
        except Exception:  # (gone, or damaged: check names it)  # noqa: BLE001
            continue
        digests.setdefault(font.face.name, set()).add(_file_digests[font.fontName])
    kept = set()  # the bundled fonts' digests
    for name, found in digests.items():
        if name in _BUNDLED_NAMES:
            kept.add(digest := _file_digests[_font_file(FONT_DIR / _BUNDLED_NAMES[name]).fontName])
            found.add(digest)
    return frozenset(digest for found in digests.values() if len(found) > 1 for digest in found - kept)


def _kept_subset(make, digest: str, subset: list[int]) -> bytes:
    """The TrueType file of a font subset, as `make(subset)` (ReportLab's TTFontFile.makeSubset, ~0.5 ms a
    subset) makes it: from the disk cache when made before, keyed by ReportLab's version, the digest of the
    font file's bytes and the subset's characters in order (all that it is made from); kept with its key and a
    checksum (disk.store_checked: an entry that is not whole, or is another key's, is made again). In a warm
    build's cache (booklet watch), kept in memory too, by the font file's digest and the characters."""
    from ..cache import memory

    cache = memory.active()
    if cache is None or not cache.warm:
        return _disk_subset(make, digest, subset)
    return cache.get("subsets", (digest, tuple(subset)), lambda: _disk_subset(make, digest, subset))


def _disk_subset(make, digest: str, subset: list[int]) -> bytes:
    from reportlab import Version

    from ..cache import disk

    name = disk.key("subset", Version, digest, list(subset)) if disk.folder() else None
    kept = disk.load_checked("subsets", name, (name,))  # (read as bytes: nothing frozen while the PDF is saved)
    if kept is not None:
        return kept
    made = make(subset)
    disk.store_checked("subsets", name, (name,), made)
    return made


# What drawing asked of the fonts, while a recording is open (see recording): the document's font
# state (the subset and code of each character, the name of each subset) changes only through these.
_recordings: list[list[tuple]] = []


@contextmanager
def recording():
    """A list that gets each (subset name?, font name, argument, result) of the calls of TrueType fonts'
    splitString and getSubsetInternalName made inside the block, in order (see replayed). A splitString's result is
    its chunks, or the font's codes in the document's first subset (_FirstSubsetCodes) when every character of the
    text has one there (one chunk, those codes: see _call_codes)."""
    events = open_recording()
    try:
        yield events
    finally:
        close_recording()


def open_recording() -> list[tuple]:
    """recording's list, the recording opened without a context manager: close_recording closes it (in a finally).
    For layout.flowables.drawn_kept, which opens one for each drawing it keeps (a generator's entry and exit took
    much of the time that costs)."""
    events: list[tuple] = []
    _recordings.append(events)
    return events


def close_recording() -> None:
    """Close the recording opened last (open_recording)."""
    _recordings.pop()


def recording_open() -> bool:
    """Whether a recording is open: a drawing drawn now is part of a kept drawing's (its fonts' calls go to that
    recording alone, so it is drawn as it is, neither kept nor replayed on its own: layout.flowables.drawn_kept)."""
    return bool(_recordings)


@cache
def _canvas_escape():
    """ReportLab's Canvas._escape (escapePDF): a canvas class writing strings otherwise is given no DocumentFont."""
    from reportlab.pdfgen.canvas import Canvas

    return Canvas._escape


class DocumentFont:
    """One of booklet's TrueType fonts (BookletTTFont) in one document, for a text object writing its text line after
    line (text.paragraph): `glyphs` and `subset_name` give and record what the font's splitString (text of the
    first subset) and getSubsetInternalName would, without finding the document's font state in the font's
    WeakKeyDictionary at each call (two Python calls and a weak reference made each time: about 100,000 calls at
    500 talks); text `glyphs` does not write goes through the font's own splitString (whose fast path is the same). A
    subset's name, once the font has given it, is that of the state's internal name, which never changes
    while the state lives; the state lives until the document's fonts are written (addObjects, at save)."""

    __slots__ = ("font", "doc", "state", "names", "escaped")

    def __init__(self, font, doc, state) -> None:
        self.font, self.doc, self.state = font, weakref.ref(doc), state  # (the document: not kept alive by it)
        self.names: dict[int, str] = {}
        # (the state's codes are set as the font makes it, before any DocumentFont of it: none later; see splitString)
        codes = getattr(state, "booklet_codes", None)
        self.escaped = _EscapedFirstCodes(codes) if codes is not None else None

    def glyphs(self, text) -> str | None:
        """What a text object writes between the parentheses of `text`'s glyphs, escapePDF(chunk), when the font's
        splitString(text) gives one chunk, of the first subset (and that call recorded as it records it); else None. One
        translation, at C speed, through the escaped codes (escapePDF escapes byte by byte)."""
        escaped = self.escaped
        if escaped is None or not text or not isinstance(text, str):
            return None
        try:
            out = text.translate(escaped)
        except _NotFirst:
            return None
        if _recordings:  # (its chunks as the font's codes give them, made only when summed up: _call_codes)
            _recordings[-1].append((False, self.font.fontName, text, escaped.codes))
        return out

    def subset_name(self, subset: int) -> str:
        """font.getSubsetInternalName(subset, doc)."""
        name = self.names.get(subset)
        if name is None:
            name = self.names[subset] = self.font.getSubsetInternalName(subset, self.doc())
        elif _recordings:
            _recordings[-1].append((True, self.font.fontName, subset, name))
        return name


class _EscapedFirstCodes(dict):
    """Character -> its code in the first subset of a font in one document (a _FirstSubsetCodes), escaped as a PDF
    string holds it (ReportLab's escapePDF of that byte), for str.translate; raises _NotFirst as those codes do."""

    def __init__(self, codes: _FirstSubsetCodes) -> None:
        super().__init__()
        self.codes = codes

    def __missing__(self, code: int) -> str:
        from reportlab.lib.rl_accel import escapePDF

        self[code] = made = escapePDF(self.codes[code].encode("latin-1"))
        return made


_document = None  # a weak reference to the document the DocumentFonts kept are of
_document_fonts: dict[str, DocumentFont] = {}  # font name -> its DocumentFont in that document


def document_font(canv, font) -> DocumentFont | None:
    """The DocumentFont of `font` in the document of canvas `canv`, or None: not one of booklet's TrueType fonts, or
    no state in the document yet (the font's own calls make it), or the state let go. Kept here for the last
    document drawn on, not on the canvas: layout.flowables keeps a drawing only when it changes none of the
    canvas's attributes."""
    global _document
    doc = canv._doc
    if _document is None or _document() is not doc:
        _document_fonts.clear()
        _document = weakref.ref(doc)
    found = _document_fonts.get(font.fontName)
    if found is not None and found.font is font and not found.state.frozen:
        return found
    if not isinstance(font, _font_class()) or type(canv)._escape is not _canvas_escape():
        return None
    state = font.state.get(doc)
    if state is None or state.frozen:
        return None
    _document_fonts[font.fontName] = made = DocumentFont(font, doc, state)
    return made


def replayable(events: list[tuple]) -> tuple | None:
    """A recording as `replayed` takes it: a summary of what the calls read of each font's state and gave (see
    _summary); None when it cannot be summed up so (a subset's name of another form): such a drawing is not kept.
    The calls themselves are not kept: where the summary does not hold (a character new to the document: in a build
    from kept layouts, about one drawing in a hundred), `replayed` makes them again from it, font by font. (Each
    splitString's chunks, or the codes it recorded, give the code of each character: _call_codes.)"""
    return _summary(events)


def _summary(calls) -> tuple | None:
    """For each font a recording calls: its name, the distinct characters its splitString calls were
    given (a no-break space as the space it is drawn as; a string), the code each got (_packed), the font's
    internal name in the document its getSubsetInternalName calls gave ("F1" of "/F1+0"; None: no such call)
    and the highest subset they were asked for (or None when a name is not of that form).

    A string and bytes, not a tuple and a list of numbers: a build that keeps layouts holds a summary of every
    drawing (500 talks: 235,000 characters, which took 8 MB as numbers in tuples and lists), and a build from
    kept layouts unpickles them all. Made at C speed where every call's characters are of the font's first
    subset (one chunk), as nearly all are: the distinct characters translated at once by the font's codes there
    when a call recorded them (DocumentFont.glyphs), else zipped with the chunks' bytes; else character by
    character (_codes)."""
    # font -> [its texts, their results, subset names, the bytes of those chunks while each call's are one chunk of its
    # first subset (None once one is not), the font's first subset's codes a call recorded (or None)], gathered in one
    # pass (the check and the join were two more a font)
    fonts: dict[str, list] = {}
    for subset_name, font_name, argument, result in calls:
        found = fonts.get(font_name)
        if found is None:
            found = fonts[font_name] = [[], [], {}, [], None]
        if subset_name:
            found[2][argument] = result
            continue
        found[0].append(argument)
        found[1].append(result)
        first = found[3]
        if first is not None:
            if type(result) is _FirstSubsetCodes:
                found[4] = result
            elif len(result) == 1 and result[0][0] == 0:
                first.append(result[0][1])
            else:
                found[3] = None
    summary = []
    for font_name, (texts, results, names, first, table) in fonts.items():
        text = "".join(texts).replace("\u00a0", " ")
        if first is not None and table is not None:  # each character's code is its code in the first subset
            chars = "".join(dict.fromkeys(text))
            packed = chars.translate(table).encode("latin-1")
        else:
            data = None if first is None else b"".join(first)
            if data is not None and len(data) == len(text):  # a code a character, as splitString gives: zipped at once
                codes = dict(zip(text, data))
                packed = bytes(codes.values())
                chars = "".join(codes)
            else:
                chars, packed = _mixed_codes(text, texts, results)
        internal, highest = None, -1
        if len(names) == 1:  # (nearly all that name one: checked without a generator)
            (highest, name), = names.items()
            internal = name[1:].rpartition("+")[0]
            if name != f"/{internal}+{highest}":
                return None
        elif names:
            internal = next(iter(names.values()))[1:].rpartition("+")[0]
            if any(name != f"/{internal}+{subset}" for subset, name in names.items()):
                return None
            highest = max(names)
        summary.append((font_name, chars, packed, internal, highest))
    return tuple(summary)


def _mixed_codes(text: str, texts: list[str], results: list) -> tuple[str, bytes | array]:
    """The distinct characters of a font's recorded splitString calls (`text`: their `texts` joined, a no-break space
    as a space) in the order they first came, and their codes (_packed), where the calls' `results` are not all of the
    first subset: the codes of the characters of the calls that gave chunks (a character of a later subset) zipped from
    them, the others' translated at once by the font's codes in the first subset a call recorded (a code once given
    never changes: the same as then). Call by call, as it was, every character of every line was zipped with its code
    (a tenth of what keeping a drawing costs a first 2,000-talk build, most of whose drawings in its main font are of
    this kind once that font has a second subset)."""
    known: dict[str, int] = {}
    table = None
    for argument, result in zip(texts, results):
        if type(result) is _FirstSubsetCodes:
            table = result
        else:
            known.update(zip(argument.replace("\u00a0", " "), _codes(result)))
    chars = "".join(dict.fromkeys(text))
    if len(known) < len(chars):  # (characters of first-subset calls alone: a table recorded them)
        rest = "".join(filterfalse(known.__contains__, chars))
        try:
            known.update(zip(rest, rest.translate(table).encode("latin-1")))
        except (_NotFirst, TypeError):  # (no table, or a character without such a code: never, as the calls gave them)
            known = {}
            for argument, result in zip(texts, results):
                known.update(zip(argument.replace("\u00a0", " "), _call_codes(argument, result)))
            return "".join(known), _packed(list(known.values()))
    return chars, _packed(list(map(known.__getitem__, chars)))


def _call_codes(argument: str, result) -> list[int]:
    """The code of each character of a recorded splitString call's `argument`: from its chunks (_codes), or from the
    font's codes in the first subset it recorded instead (codes once given never change: the same as then)."""
    if type(result) is _FirstSubsetCodes:
        return list(argument.translate(result).encode("latin-1"))
    return _codes(result)


def _packed(codes: list[int]) -> bytes | array:
    """Character codes (subset * 256 + byte) in little room: bytes when all are of the first subset (most), else
    an array of unsigned ints; `list()` of either gives the codes back."""
    try:
        return bytes(codes)
    except ValueError:  # a code of a later subset (256 and above)
        return array("I", codes)


def replayed(summary: tuple, doc) -> bool:
    """Make what the calls of a recording (see replayable) did to `doc`'s font state again, as drawing would; True
    when they give what they gave then (else stops at the first font whose calls did not, or that this process has
    not parsed: the caller draws for real, and what was done so far is what its drawing does first). Each font is
    the one the recording's calls were made of, the object bearing the name it recorded (_font_by_name), whatever
    font that name stands for in ReportLab's registry now.

    When every character the recording's splitString calls were given already has its code in `doc`, and each font
    it names already has its name there, those calls change nothing, and what they give follows from those codes and
    names: checked font by font, at C speed, without making them. Else, font by font in the order the recording first
    called each, its distinct characters are split at once, in the order the calls first gave them (each new one
    gets the code it gets from those calls: splitString gives the next code to each character it has not seen, in
    order), and its name asked for (given to a font at its first such call, in the order of the fonts' first calls,
    as drawing asks for each font's name right after its first split); what they give is compared with the summary."""
    for at, (font_name, chars, codes, internal, highest) in enumerate(summary):
        font = _font_by_name.get(font_name)
        state = font.state.get(doc) if font is not None else None
        if state is None or not _same_codes(map(state.assignments.get, map(ord, chars)), codes):
            return _made_again(summary[at:], doc)
        if internal is not None and (state.internalName != internal or highest >= len(state.subsets)):
            return _made_again(summary[at:], doc)
    return True


def _made_again(summary: tuple, doc) -> bool:
    """The fonts' calls of a recording made again from its summary (see replayed), from the first font whose summary
    does not hold now."""
    for font_name, chars, codes, internal, highest in summary:
        font = _font_by_name.get(font_name)
        if font is None:  # not parsed in this process (yet): drawing anew parses and registers what it needs
            return False
        if chars and _codes(font.splitString(chars, doc)) != list(codes):
            return False
        if internal is not None:
            state = font.state.get(doc)
            if state is None or highest >= len(state.subsets) \
                    or font.getSubsetInternalName(highest, doc) != f"/{internal}+{highest}":
                return False
    return True


def _same_codes(found, codes) -> bool:
    """Whether the codes `found` (an iterator: None for a character without one) are `codes` (_packed), made into
    the same type and compared at C speed: a None or a code too big for it does not make one, and is not the same."""
    try:
        return (bytes(found) if type(codes) is bytes else array("I", found)) == codes
    except (TypeError, ValueError, OverflowError):
        return False


def _codes(chunks) -> list[int]:
    """splitString's chunks as the code of each character (subset * 256 + its byte)."""
    if len(chunks) == 1 and chunks[0][0] == 0:  # the first subset's: the bytes themselves
        return list(chunks[0][1])
    codes: list[int] = []
    for subset, data in chunks:  # (a chunk at a time, at C speed: not a Python step a character)
        codes.extend(map((subset << 8).__or__, data) if subset else data)
    return codes


def _name(name: str, path: Path) -> None:
    """Make `name` stand for the font file `path` (ReportLab's registerFont keeps a name's first font,
    and would take a file for another that has the same PostScript name: the map is set directly)."""
    from reportlab.pdfbase import pdfmetrics

    pdfmetrics._fonts[name] = _font_file(path)


def _fallback_name(path: Path) -> str:
    """The name a fallback font file is used under: one per file, never a text family's."""
    if path in _FALLBACK_NAMES:
        return _FALLBACK_NAMES[path]
    bundled = {face: name for name, family in BUNDLED.items() for _, face in family.faces()}
    if path in bundled:
        return "Fallback-" + bundled[path].replace(" ", "")
    return _unique_name("Fallback", path)


_active: FontSet | None = None
_on_change: list = []  # caches of what depends on the fonts (widths, markup with fallback fonts)


def when_fonts_change(*clears) -> None:
    """Call each of `clears` (a cache's cache_clear) whenever the booklet's fonts change."""
    _on_change.extend(clears)


def use_fonts(fonts: FontSet = DEFAULT) -> None:
    """Point BODY and SANS (and their bold, italic and bold italic names) at `fonts`' files.

    A no-op when they already are; otherwise the caches that depend on the fonts are emptied."""
    global _active
    if fonts == _active:
        return
    from reportlab.lib.fonts import addMapping

    for family, chosen in ((BODY, fonts.text), (SANS, fonts.headings)):
        for suffix, path in chosen.faces():
            _name(family + suffix, path)
        _name(IN_STYLE[family], chosen.regular)
        for bold in (0, 1):
            for italic in (0, 1):
                suffix = ("-Bold" if bold else "") + ("-Italic" if italic else "")
                addMapping(family, bold, italic, family + suffix.replace("-Bold-Italic", "-BoldItalic"))
                addMapping(IN_STYLE[family], bold, italic, IN_STYLE[family])
    _active = fonts
    _chars.clear()
    _math_chars.clear()
    _printable.clear()
    _in_text.clear()
    _unprintable.cache_clear()
    for clear in _on_change:
        clear()


def fonts_in_use() -> FontSet | None:
    """The fonts BODY and SANS stand for now (None before any are registered)."""
    return _active


def fonts_number(cache) -> int:
    """The number a build's cache (booklet.cache.memory.BuildCache.number) gives the fonts in use, for the keys of
    what depends on them (a layout, a text's markup): worked out once per build and fonts."""
    fonts = fonts_in_use()
    known = cache.local.get("fonts")
    if known is None or known[0] is not fonts:
        # a font file replaced in this process (forget_replaced): another key, with the times each was; the key the disk
        # cache's layouts have while none was
        replaced = tuple(_replaced.get(path, 0) for path in fonts.files()) if _replaced else ()
        key = ("fonts", fonts, replaced) if any(replaced) else ("fonts", fonts)
        known = cache.local["fonts"] = (fonts, cache.number(key))
    return known[1]


# Code (a block between lines of ```, a span between backticks) is set in Noto Sans Mono, under these names: registered
# when first asked for, as a fallback font is; a character it lacks is set as the text around it would set it
MONO = "Mono"
MONO_NAMES = (MONO, MONO + "-Bold")  # (its regular face's, its bold face's)
_MONO_FACES = dict(zip(MONO_NAMES, (BUNDLED["Noto Sans Mono"].regular, BUNDLED["Noto Sans Mono"].bold)))


def mono_name(bold: bool = False) -> str:
    """The name code is set under (its bold face's, for code in bold text), registered."""
    name = MONO + "-Bold" if bold else MONO
    if name not in FALLBACKS:
        _register_fallback(name, _MONO_FACES[name])
    return name


def in_mono(ch: str) -> bool:
    """Whether the code font shows `ch` (both its faces have the same characters)."""
    return ord(ch) in _codepoints(_MONO_FACES[MONO])


def use_fallbacks(names) -> bool:
    """Register the fallback fonts of the fonts in use named `names`, as finding a character in them does
    (font_for_char): for text whose markup, naming them, was made in another process (text.markup). False when
    a name is not one of theirs."""
    if _active is None:
        use_fonts(DEFAULT)
    paths = {_fallback_name(path): path for path in _active.fallbacks}
    for name in names:
        if name in IN_STYLE.values():
            continue  # a character one text family lacks, in the other's face: registered with them
        if name in _MONO_FACES:
            mono_name(name != MONO)
            continue
        path = paths.get(name)
        if path is None:
            return False
        _register_fallback(name, path)
    return True


def register_fonts(fonts: FontSet | None = None) -> None:
    """Register the booklet's fonts with ReportLab: `fonts`, or the ones in use (the bundled ones
    at first). Each fallback font is read and registered only when a character needs it."""
    use_fonts(fonts or _active or DEFAULT)


# The names fallback fonts are registered under (single-weight fonts: math typesetting emboldens
# their glyphs in bold text); grows as fallbacks are registered.
FALLBACKS: set[str] = set(_FALLBACK_NAMES.values())


@cache
def _register_fallback(name: str, path: Path) -> None:
    from reportlab.lib.fonts import addMapping

    FALLBACKS.add(name)
    _name(name, path)
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(name, bold, italic, name)


@cache
def _codepoints(path: Path) -> frozenset[int]:
    """The characters the font has a glyph for (not those its cmap sends to .notdef, glyph 0: a box)."""
    return frozenset(code for code, glyph in _font_file(path).face.charToGlyph.items() if glyph)


@cache
def _text_codepoints(fonts: FontSet) -> frozenset[int]:
    """Characters that every style of both text families can show."""
    return _family_codepoints(fonts.text) & _family_codepoints(fonts.headings)


@cache
def _family_codepoints(family: Family) -> frozenset[int]:
    """Characters that every style of `family` can show."""
    return frozenset.intersection(*(_codepoints(p) for p in sorted({path for _, path in family.faces()})))


_ALWAYS_FINE = frozenset(map(ord, "\n\t\r \u00ad\u200b\u00a0"))
# Unicode's bidirectional controls (marks, embeddings, overrides, isolates): booklet sets text in the order it is
# written (ReportLab reorders nothing), so they would do nothing but stand, unseen, in the PDF's text (a search for
# the word around one finds nothing; U+2066-U+2069 switched to a fallback font inside a word): no font shows them,
# and they are left out as an unprintable character is (data.fields.check_printable warns of them on their own)
BIDI_CONTROLS = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


_chars: dict[str, str | None] = {}  # character -> font_for_char's answer, with the fonts in use
_printable: set[str] = set()  # characters some font in use shows (font_for_char is not None), as found
_in_text: set[str] = set()  # characters the text fonts in use show (font_for_char is ''), as found


def all_printable(chars: set[str]) -> bool:
    """Whether some font in use shows each of `chars` (font_for_char is not None for every one): a set
    difference for the characters seen before, font_for_char for the others."""
    for ch in chars - _printable:
        if font_for_char(ch) is None:
            return False
        _printable.add(ch)
    return True


def all_in_text_fonts(chars: set[str]) -> bool:
    """Whether the text fonts in use show each of `chars` (font_for_char is '' for every one): as all_printable, a set
    difference for the characters seen before (a paragraph's dozens of characters were each looked up, in Python, for
    every text a build converts), font_for_char for the others."""
    for ch in chars - _in_text:
        if font_for_char(ch) != "":
            return False
        _in_text.add(ch)
    return True


def font_for_char(ch: str) -> str | None:
    """'' when the text fonts show `ch`; a fallback font's name; None when no font can (with the fonts in use)."""
    try:
        return _chars[ch]
    except KeyError:
        pass
    if _active is None:
        use_fonts(DEFAULT)
    found = _chars[ch] = _font_for_char(ch, _active)
    return found


_math_chars: dict[str, str | None] = {}  # character -> math_font's answer, with the fonts in use
_MINUS = "\u2212"


def math_font(ch: str) -> str | None:
    """The font of a formula's operator or relation sign (+, =, <, >, ×, ±) or letter of a math alphabet (\\mathbb,
    \\mathfrak): the minus sign's fallback font when the text fonts lack the minus sign (the headings' Noto Sans has
    none) and that font has `ch`, so that a formula's + and −, = and ≤ are of one design and size (Gentium's + is a
    third narrower than Noto Sans Math's −, and sits lower), and an alphabet's letters too (Gentium has ℭ and ℌ of
    Fraktur's); otherwise font_for_char's answer."""
    try:
        return _math_chars[ch]
    except KeyError:
        pass
    found = font_for_char(ch)
    minus = font_for_char(_MINUS)
    if found == "" and minus and minus not in IN_STYLE.values() and _active is not None:
        path = next((p for p in _active.fallbacks if _fallback_name(p) == minus), None)
        if path is not None and ord(ch) in _codepoints(path):
            found = minus
    _math_chars[ch] = found
    return found


def _font_for_char(ch: str, fonts: FontSet) -> str | None:
    if ch in BIDI_CONTROLS:
        return None
    code = ord(ch)
    if code in _ALWAYS_FINE or code in _text_codepoints(fonts):
        return ""
    for path in fonts.fallbacks:
        if code in _codepoints(path):
            name = _fallback_name(path)
            _register_fallback(name, path)
            return name
    for family, name in ((fonts.text, BODY), (fonts.headings, SANS)):
        if code in _family_codepoints(family):
            return IN_STYLE[name]  # the other family lacks it: this one's face in the style around it (Body-Bold)
    return None


# Emoji sequences (Unicode's UTS #51, grapheme clusters of UAX #29 read conservatively: no library for them is at
# hand): a pictograph joined by U+200D to another ('🏳️‍🌈', '👩🏽‍🔬', '🏃‍♀️'), a character with a skin tone, a
# variation selector, a keycap sign or a subdivision flag's tags after it ('✌🏽', '1️⃣'), two regional indicators (a
# flag). A sequence prints whole or not at all: ReportLab sets the characters of one, where the fonts have them, side
# by side, so that with a part missing it printed the others ('Quadball🏳' of 'Quadball 🏳️‍🌈', a stray '♀' of
# '🏃‍♀️'), which reads as nothing meant. A letter with combining accents is no sequence here (an accent the fonts lack
# is left out alone, the letter printed, as before), nor is a letter and the joiner that asks for its half or joining
# form (Devanagari 'क्‍', Malayalam's chillu 'ന്‍', Arabic): a joiner joins pictographs alone. Nor is a keycap
# ('1️⃣'): its digit is text, printed where the fonts lack the keycap sign ("Room 1", not "Room").
_JOINER = "\u200d"
_SELECTORS = frozenset("\ufe0e\ufe0f")  # text and emoji presentation: they print nothing, and are not needed
_IN_SEQUENCE = re.compile("[\u200d\ufe0e\ufe0f\u20e3\U0001F3FB-\U0001F3FF\U000E0020-\U000E007F"
                          "\U0001F1E6-\U0001F1FF]")


def _extends(ch: str) -> bool:
    """Whether `ch` belongs to the character before it in an emoji sequence: a joiner, a variation selector, the keycap
    sign, a skin tone (U+1F3FB-U+1F3FF) or a tag (U+E0020-U+E007F)."""
    code = ord(ch)
    return ch == _JOINER or ch in _SELECTORS or ch == "\u20e3" or 0x1F3FB <= code <= 0x1F3FF or \
        0xE0020 <= code <= 0xE007F


def _pictographic(ch: str) -> bool:
    """Whether `ch` is a pictograph a joiner joins to another (Unicode's Extended_Pictographic, read as: a symbol of
    category So, or of the blocks of emoji and dingbats)."""
    code = ord(ch)
    return 0x1F000 <= code <= 0x1FAFF or 0x2600 <= code <= 0x27BF or unicodedata.category(ch) == "So"


def _regional(ch: str) -> bool:
    return 0x1F1E6 <= ord(ch) <= 0x1F1FF


def sequences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each emoji sequence of two characters or more in `text`, in order (see _IN_SEQUENCE), but a
    keycap's (_KEYCAP_BASES)."""
    if not _IN_SEQUENCE.search(text):
        return []
    spans = []
    at, size = 0, len(text)
    while at < size:
        ch = text[at]
        end = at + 1
        if _regional(ch):
            end += at + 1 < size and _regional(text[at + 1])
        elif not (ch.isspace() or _extends(ch)):
            joins = _pictographic(ch)
            while end < size:
                if text[end] == _JOINER and joins and end + 1 < size and _pictographic(text[end + 1]):
                    end += 2
                elif _extends(text[end]) and (joins or text[end] != _JOINER):  # (a letter's: its half form)
                    end += 1
                else:
                    break
        if end - at > 1 and ch not in _KEYCAP_BASES:
            spans.append((at, end))
        at = end
    return spans


_KEYCAP_BASES = frozenset("0123456789#*")  # a keycap's ('1️⃣'): text, which prints without the keycap sign


def _sequence_prints(sequence: str) -> bool:
    """Whether the fonts in use print each character of an emoji sequence but its joiners and selectors."""
    return all(ch == _JOINER or ch in _SELECTORS or font_for_char(ch) is not None for ch in sequence)


def printing(text: str) -> list[bool]:
    """Whether each character of `text` prints: some font in use shows it (font_for_char is not None), and it is
    not in an emoji sequence (sequences) of which a character other than a joiner or selector is shown by none: such
    a sequence is left out whole."""
    shows = [font_for_char(ch) is not None for ch in text]
    for start, end in sequences(text):
        if not _sequence_prints(text[start:end]):
            shows[start:end] = [False] * (end - start)
    return shows


def unprintable_pieces(text: str) -> list[str]:
    """What of `text` is left out for the fonts' sake, each once, in order of appearance: an emoji sequence left out
    whole (printing), as written ('🏳️‍🌈'), and each other character no font shows."""
    seen: dict[str, None] = {}
    ends = dict(sequences(text))
    at = 0
    while at < len(text):
        end = ends.get(at, at + 1)
        piece = text[at:end]
        if end - at > 1 and not _sequence_prints(piece):
            seen.setdefault(piece)
        else:
            seen.update((ch, None) for ch in piece if ch not in seen and font_for_char(ch) is None)
        at = end
    return list(seen)


def unprintable(text: str) -> list[str]:
    """The distinct characters of `text` that no booklet font can show, in order of appearance."""
    return list(_unprintable(text))


@lru_cache(maxsize=65536)  # every text of a large conference: a warm rebuild checks only what changed
def _unprintable(text: str) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for ch in text:
        if ch not in seen and font_for_char(ch) is None:
            seen[ch] = None
    return tuple(seen)
