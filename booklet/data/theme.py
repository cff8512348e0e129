"""theme.yaml (and the built-in theme it starts from) -> a Theme: the look, the order, the words.

A built-in theme is a plain theme file in booklet/resources/themes/; the data folder's theme.yaml
names one as `base` (classic by default) and changes any of its keys. Both are read through the
same contract as every data file, so a bad theme.yaml is reported with file, line and key.
"""

from __future__ import annotations

import os
import re
import stat
from functools import cache
from pathlib import Path

from .. import images
from ..cache import disk
from ..model import Theme
from ..paths import not_a_file
from ..problems import did_you_mean, listed
from ..text import fonts as booklet_fonts
from .contract import (ABSTRACT_OPTIONS, COLOURS, COVER, EXTRA_PAGE_OPTIONS, FONTS, GLANCE_NARROWEST, GLANCE_OPTIONS,
                       LABEL_MAX, LABEL_PLACEHOLDERS, LABELS, POSTER_OPTIONS, SPONSOR_OPTIONS, THEME, TRACK_COLOUR,
                       example_line)
from .fields import Fields, Report, each_mapping, join
from .load import Map, Seq, load_file, present, yaml_loader
from .programme import same_id

THEME_DIR = Path(__file__).resolve().parent.parent / "resources" / "themes"
LABEL_DIR = Path(__file__).resolve().parent.parent / "resources" / "labels"
# the quotation marks of the languages without a label table (from CLDR: see the file)
QUOTES_FILE = Path(__file__).resolve().parent.parent / "resources" / "quotation-marks.yaml"


@cache
def _label_table(language: str) -> dict[str, str]:
    """The words of `language`'s table, read by PyYAML once and then kept in the disk cache by the file's identity
    (a build from the disk cache needs PyYAML for nothing else)."""
    return _resource_table(LABEL_DIR / f"{language}.yaml")


def _resource_table(path: Path) -> dict[str, str]:
    """A table of booklet's resources (a mapping of texts), {} when there is no such file."""
    try:
        info = path.stat()
    except OSError:
        return {}
    if not stat.S_ISREG(info.st_mode):
        return {}

    def read() -> dict[str, str]:
        import yaml

        return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml_loader())

    return disk.kept_for_file("labels", "labels", path, info, read, dict)


def filled(label: str, **values) -> str:
    """A label's words with its {placeholders} filled: filled("DAY {number}", number=2) -> "DAY 2"; in one pass, so
    that a value holding a placeholder's name prints as written (a speaker "Ana {pages} Smith": a fuzzing run)."""
    if not values:
        return label
    pattern = re.compile("|".join(re.escape("{" + name + "}") for name in values))
    return pattern.sub(lambda found: str(values[found.group()[1:-1]]), label)


def labels_for(language: str, overrides: dict[str, str]) -> dict[str, str]:
    """Every label: theme.yaml's over the language's regional table (en-US.yaml for 'en-US', 'en_us' and
    'en-Latn-US': only the words that differ), over its base language's ('de' for 'de-AT'), over English."""
    from ..text.languages import base_language

    base = base_language(language)
    regional = regional_table(language)
    table = {**_label_table("en"), **_cldr_quotes(language), **_label_table(base),
             **(_cldr_quotes(regional, region_only=True) if regional else {}),
             **(_label_table(regional) if regional else {})}
    return {**table, **overrides, **_glance_renamed(table, overrides), **plural_standing_in(overrides)}


# a label whose words theme.yaml's for another stand in for when it gives those and not its own: a heading over one
# co-author prints theme.yaml's `coauthors: Co-organisers`, not the language's "Co-author" beside it; one chair's
# line theme.yaml's `chairs: "Chaired by {names}"`, with the one name
STANDS_IN = {"coauthor": "coauthors", "presenter": "presenters", "chair": "chairs", "proof_page": "proof_pages",
             "proof_poster": "proof_posters"}


def plural_standing_in(overrides: dict[str, str]) -> dict[str, str]:
    """The labels theme.yaml's words for another stand in for (STANDS_IN), when it gives those and not them."""
    return {key: overrides[other].replace("{names}", "{name}") for key, other in STANDS_IN.items()
            if overrides.get(other) and key not in overrides}


@cache
def _cldr_quotes(language: str, region_only: bool = False) -> dict[str, str]:
    """The labels `quotes` and `quote` of a language without a table of its own, from quotation-marks.yaml (CLDR's
    marks: Polish „ ” « », Swedish ” ” ’ ’, Japanese 「 」 『 』): {"quotes": "„ ” « »", "quote": "„{text}”"}; {} for a
    language it does not list. The code whole first ('zh-Hant'), then with its script ('zh-Hant-TW'; a region's
    script by CLDR's likely subtags when the code names none: 'zh-TW' and 'zh-HK' are Traditional Chinese), then its
    language alone. `region_only`: the code whole only, for a region whose marks differ from its language's table
    (de-CH's « » over German's „ “)."""
    from ..text.dates import language_script
    from ..text.languages import base_language

    marks = {key.lower(): words for key, words in _resource_table(QUOTES_FILE).items()}
    parts = language.replace("_", "-").split("-")
    base = base_language(language)
    script = next((p.title() for p in parts[1:] if len(p) == 4 and p.isalpha()), None) or language_script(language)
    codes = (language,) if region_only else (language.replace("_", "-"), f"{base}-{script}" if script else None, base)
    for code in codes:
        found = marks.get(code.lower()) if code else None
        if found and (four := quote_marks(found)):
            return {"quotes": found, "quote": f"{four[0]}{{text}}{four[1]}"}
    return {}


def _glance_renamed(table: dict[str, str], overrides: dict[str, str]) -> dict[str, str]:
    """The glance's label with theme.yaml's word for the programme, when theme.yaml renames the programme and not the
    glance and the language's glance label starts with its word for the programme ("Programme at a glance", "Programm
    auf einen Blick": `programme: Timetable` gives "Timetable at a glance"; the contents listed "Programme at a
    glance" above "Timetable"). A label with an article before the word ("Le programme en un coup d'œil") is left as
    it is: the article may not suit the new word."""
    word, glance = table["programme"], table["glance"]
    if not overrides.get("programme") or "glance" in overrides or not glance.startswith(word + " "):
        return {}
    return {"glance": overrides["programme"] + glance[len(word):]}


def regional_table(language: str) -> str | None:
    """The name of the regional label table a language code's region would have ('en-US' for 'en_us' and
    'en-Latn-US'), or None for a code without a region ('en', 'sr-Latn')."""
    from ..text.languages import base_language

    region = next((part for part in re.split(r"[-_]", language)[1:] if re.fullmatch(r"[A-Za-z]{2}|\d{3}", part)),
                  None)
    return f"{base_language(language)}-{region.upper()}" if region else None


def label_languages() -> tuple[str, ...]:
    """The languages whose words booklet has: en, then the others in alphabetical order (not the regional
    tables: regional_languages)."""
    return tuple(sorted((path.stem for path in LABEL_DIR.glob("*.yaml") if "-" not in path.stem),
                        key=lambda code: (code != "en", code)))


def regional_languages() -> tuple[str, ...]:
    """The regions whose own words booklet has, over their language's ('en-US'), in alphabetical order."""
    return tuple(sorted(path.stem for path in LABEL_DIR.glob("*-*.yaml")))


def language_problem(code: str) -> str | None:
    """What is wrong with conference.yaml's `language` (None when CLDR knows the code): with the code
    probably meant, the languages booklet has words for, and what other languages get."""
    from ..text.dates import known

    if known(code):
        return None
    from babel import Locale
    from ..text.languages import language_problem as code_problem

    english = Locale("en")
    problem = code_problem(code) or (f"'{code}' ({english.languages.get(code.lower(), code)}) is a language CLDR has "
                                     "no data for")
    words = ", ".join(f"{c} ({english.languages[c]})" for c in label_languages())
    return (f"{problem}; booklet has its words in {words}; any other language that CLDR knows (sv, pl, ja, ...) "
            "works too, with English words unless theme.yaml's `labels:` gives them")


def quote_marks(words: str) -> tuple[str, str, str, str] | None:
    """The four quotation marks the label `quotes` gives ("“ ” ‘ ’"), or None when it does not give four."""
    marks = tuple(words.split(" "))
    return marks if len(marks) == 4 and all(marks) else None  # type: ignore[return-value]


ENGLISH_QUOTES = ("\u201c", "\u201d", "\u2018", "\u2019")  # the label's English words, as quote_marks gives them


def quotes_for(language: str, overrides: dict[str, str] | None = None) -> tuple[str, str, str, str]:
    """The quotation marks a text in `language` prints its straight quotes as: its label `quotes`, theme.yaml's
    `overrides` over the language's table (the booklet's own language; another's is as its table has it)."""
    if overrides:
        return quote_marks(labels_for(language, overrides)["quotes"]) or ENGLISH_QUOTES
    return _table_quotes(language)


@cache
def _table_quotes(language: str) -> tuple[str, str, str, str]:
    return quote_marks(labels_for(language, {})["quotes"]) or ENGLISH_QUOTES


def label_problem(key: str, words: str) -> str | None:
    """What is wrong with a label's placeholders ({number}, {name}), or None."""
    import re

    if key == "quotes" and quote_marks(words) is None:
        return (f"'{words}' is not four quotation marks with a space between them (opening and closing double, opening "
                f"and closing single); write it like: {example_line(LABELS[key])}")
    wanted = LABEL_PLACEHOLDERS.get(key, ())
    wanted = (wanted,) if isinstance(wanted, str) else wanted
    # (a brace in math is TeX's, $\frac{a}{b}$: no placeholder)
    for name in re.findall(r"\{([^{}]*)\}", re.sub(r"\$[^$]*\$", "", words)):
        if name not in wanted:
            what = ("this label has no placeholder" if not wanted else f"the only placeholder here is {{{wanted[0]}}}"
                    if len(wanted) == 1 else "its placeholders are " + " and ".join(f"{{{w}}}" for w in wanted))
            return f"'{{{name}}}' is not a placeholder: {what}; write it like: {example_line(LABELS[key])}"
    for name in wanted:
        if f"{{{name}}}" not in words:
            return (f"'{words}' leaves out {{{name}}}, where the booklet puts it; write it like: "
                    f"{example_line(LABELS[key])}")
    return None


def read_theme(report: Report, folder: Path) -> Theme:
    """The folder's Theme: its theme.yaml over the base theme; Theme() when there is no theme.yaml."""
    folder = Path(folder)
    own = _read_file(report, folder / "theme.yaml", "theme.yaml", folder) if present(folder / "theme.yaml") else {}
    base_name = own.get("base") or "classic"
    base = _read_file(report, THEME_DIR / f"{base_name}.yaml", f"themes/{base_name}.yaml", THEME_DIR)
    merged = _merge(base, own)
    merged["name"] = base_name
    return Theme(**merged)


def theme_page_size(folder: Path) -> str:
    """The page size the folder's theme asks for (A5 when none does, or the theme cannot be read):
    what `--page-size` defaults to. The theme's problems are reported when the data is read."""
    try:
        theme = read_theme(Report(Path(folder).resolve()), Path(folder))
    except Exception:  # noqa: BLE001 - a theme this bad is reported by the build itself
        return "A5"
    return theme.page_size or "A5"


def font_set(theme: Theme) -> booklet_fonts.FontSet:
    """The theme's fonts as the files to register (the bundled fonts for what it leaves out)."""
    chosen, default = theme.fonts, booklet_fonts.DEFAULT

    def family(value, fallback):
        if isinstance(value, Path):
            return booklet_fonts.family_beside(value)
        return booklet_fonts.BUNDLED.get(value, fallback) if value else fallback

    fallbacks = default.fallbacks
    if "fallback" in chosen:
        fallbacks = tuple(v if isinstance(v, Path) else booklet_fonts.BUNDLED[v].regular for v in chosen["fallback"])
    return booklet_fonts.FontSet(family(chosen.get("text"), default.text),
                                 family(chosen.get("headings"), default.headings), fallbacks)


def font_files(theme: Theme) -> set[Path]:
    """Every font file of the data folder the theme uses (each style found beside a text or headings font)."""
    return {path for path in font_set(theme).files() if not path.is_relative_to(booklet_fonts.FONT_DIR)}


def _read_file(report: Report, path: Path, display: str, folder: Path) -> dict:
    data = load_file(path, display, report.problems)
    if data is None:
        return {}
    if not isinstance(data, Map):
        report.error(display, 1, "", "the file must hold a mapping (key: value lines)")
        return {}
    return _read(report, Fields(report, data, "", THEME), folder)


# Characters the layout itself prints in the text and headings fonts (times, separators, quotes):
# a font of the data folder that lacks one would print an empty box.
FIXED_CHARACTERS = "".join(map(chr, range(32, 127))) + "\u2013\u2014\u00b7\u2026\u201c\u201d\u2019"
_FONT_FILE = (".ttf", ".otf", ".ttc", ".woff", ".woff2", ".pfb", ".pfa", ".afm", ".dfont", ".fon")


def _font(report: Report, file: str, line: int, key: str, value: str, folder: Path, role: str):
    """A bundled family's name, or the Path of a usable TrueType file (its styles found beside it);
    None, with an error at `key`, for anything else."""
    bundled = booklet_fonts.bundled_name(value)
    if bundled:  # (Noto Sans Math and Symbols 2 are fallbacks: as text or headings they lack the letters)
        family = booklet_fonts.BUNDLED[bundled]
        if role == "fallback" or _has_what_the_booklet_prints(report, file, line, key, value, role, family.faces()):
            return bundled
        return None
    if not (value.lower().endswith(_FONT_FILE) or "/" in value or "\\" in value):
        names = ", ".join(booklet_fonts.BUNDLED)
        report.error(file, line, key, f"'{value}' is neither a font booklet bundles ({names})"
                     f"{did_you_mean(value, booklet_fonts.BUNDLED)} nor a TrueType file; give a .ttf file's path "
                     f"in the data folder, like: fonts/MyText-Regular.ttf")
        return None
    try:
        path = images.located(folder, value)  # (accents encoded as a Mac names files found too)
        found = path.is_file()
    except (OSError, RuntimeError) as exc:  # a name too long for the file system, a loop of links (RuntimeError), ...
        report.error(file, line, key, f"'{value}': cannot be read ({getattr(exc, 'strerror', None) or exc})")
        return None
    # a folder, a FIFO, a device, a broken link: said as what it is ("font file not found" named it beside itself:
    # "did you mean 'X-Regular.ttf'?")
    if not found and os.path.lexists(folder / value) and (why := not_a_file(folder / value)):
        report.error(file, line, key, f"'{value}' {why}")
        return None
    if not found and images.slashed(folder / value) is not None:  # a path as Windows writes it
        report.error(file, line, key, f"'{value}': font file not found (a path is written with '/', not '\\': did "
                     f"you mean '{value.replace(chr(92), '/')}'?)")
        return None
    if not found:
        beside = sorted(p.name for p in path.parent.glob("*") if p.suffix.lower() in _FONT_FILE) \
            if path.parent.is_dir() else []
        where = f" in {path.parent}" if path.parent.is_dir() else f"; there is no folder {path.parent}"
        hint = did_you_mean(path.name, beside) if beside else ""
        report.error(file, line, key, f"'{value}': font file not found{where}{hint}")
        return None
    problem = booklet_fonts.font_file_problem(path)
    if problem:
        report.error(file, line, key, f"'{value}' {problem}")
        return None
    family = booklet_fonts.family_beside(path)
    faces = [(style, face) for style, face in zip(("bold", "italic", "bold italic"),
                                                   (family.bold, family.italic, family.bold_italic)) if face]
    broken = [(style, face, problem) for style, face in faces if (problem := booklet_fonts.font_file_problem(face))]
    for style, face, problem in broken:  # every one at once
        report.error(file, line, key, f"'{face.name}', found beside '{value}' as its {style} face, {problem}")
    if broken:
        return None
    if role != "fallback" and not _has_what_the_booklet_prints(report, file, line, key, value, role,
                                                               [("", path), *faces]):
        return None
    _styles_missing(report, file, line, key, value, role, path, family)
    _embedding_forbidden(report, file, line, key, value, [path, *(face for _, face in faces)])
    report.named.setdefault(value, path)
    return path


def _styles_missing(report: Report, file: str, line: int, key: str, value: str, role: str, path: Path,
                    family) -> None:
    """A warning when a text font has no bold or italic face beside it, or a headings font no bold one: its regular
    face prints in their place, and without a word every title and heading lost its weight, every speaker's name its
    slant. A file that is itself a bold or italic face (DejaVuSans-Bold.ttf) is said to be one, with the regular face
    to name: its own faces, looked for beside it (DejaVuSans-Bold-Bold.ttf), are seldom there (fonts.styled_face)."""
    if role == "fallback":
        return
    styled = booklet_fonts.styled_face(path)
    if styled:
        style, regular, found = styled
        regular_value = value[: max(value.rfind("/"), value.rfind("\\")) + 1] + regular.name  # (its folder as written)
        name = regular_value if found else f"put {regular.name} beside it and name that, {regular_value}"
        lost = [face for face, beside in (("bold", family.bold), ("italic", family.italic)) if beside is None]
        # (Sans-Bold.ttf finds Sans-Bold-Italic.ttf as its italic face: not "not found")
        them = ("faces are", "them") if len(lost) > 1 else ("face is", "it")
        faces = (f", and its {' and '.join(lost)} {them[0]} not found (booklet looks for {them[1]} beside the regular "
                 "face)") if lost else ""
        report.warn(file, line, key, f"'{value}' is its family's {style} face, not its regular one: every text set in "
                    f"it prints {style}{faces}; name the regular face: {name}", "font-style")
        return
    styles = (("bold", "Bold", family.bold, "titles and headings are not bold"),
              ("italic", "Italic", family.italic, "speakers' names and emphasis are not in italic"))
    missing = [(style, suffix, effect) for style, suffix, face, effect in styles[: 2 if role == "text" else 1]
               if face is None]
    if not missing:
        return
    stem = booklet_fonts.unstyled_stem(path)
    names = " or ".join(f"{stem}-{suffix}{path.suffix}" for _, suffix, _ in missing)
    report.warn(file, line, key, f"'{value}' has no {' or '.join(m[0] for m in missing)} face beside it (no {names} "
                f"in its folder): its regular face prints in {'their' if len(missing) > 1 else 'its'} place, so "
                f"{' and '.join(m[2] for m in missing)}; put the family's other files beside it", "font-style")


def _embedding_forbidden(report: Report, file: str, line: int, key: str, value: str, faces: list[Path]) -> None:
    """A warning when a font file's licence forbids embedding it (its OS/2 fsType: booklet_fonts.embedding_forbidden):
    the print shop needs every font embedded, and embedding this one breaks its licence; it was built without a word.
    Faces forbidden for different reasons (a restricted regular face, a bold one of bitmaps only) are each named with
    their own."""
    why = {face.name: booklet_fonts.font_file_embedding_forbidden(face) for face in faces}
    forbidden = [name for name, reason in why.items() if reason]
    if forbidden:
        reasons = {why[name] for name in forbidden}
        reasons = reasons.pop() if len(reasons) == 1 else "; ".join(f"{name}: {why[name]}" for name in forbidden)
        them = "them" if len(forbidden) > 1 else "it"  # (as booklet does: a subset of its outlines; no subsetting
        # forbids that, not embedding the whole font)
        report.warn(file, line, key, f"'{value}': the licence of {', '.join(forbidden)} forbids embedding {them} in a "
                    f"document as booklet does (OpenType fsType: {reasons}), and the print shop needs every font "
                    "embedded: the PDF would break the font's licence; choose a font whose licence allows embedding "
                    "(or get the foundry's permission)", "font-licence")


_LETTERS_AND_DIGITS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")


def _has_what_the_booklet_prints(report: Report, file: str, line: int, key: str, value: str, role: str,
                                 faces) -> bool:
    """Whether a text or headings font has the Latin letters and digits (an error: every title, name and time
    would lose them, as Noto Sans Symbols 2 as headings did); a warning for the other FIXED_CHARACTERS."""
    missing = sorted({ch for _, face in faces for ch in booklet_fonts.missing_from(face, FIXED_CHARACTERS)},
                     key=lambda ch: (ch not in _LETTERS_AND_DIGITS, ch))  # (the letters named first)
    if not missing:
        return True
    shown = listed(missing, 12, " ")
    if _LETTERS_AND_DIGITS & set(missing):
        report.error(file, line, key, f"'{value}' (or a style of it) has no {shown}: a {role} font needs the Latin "
                     "letters and digits, which every title, name and time is written in; choose a font that has "
                     "them")
        return False
    report.warn(file, line, key, f"'{value}' (or a style of it) has no {shown}, which the booklet prints in its "
                f"{role} font (times, separators, quotes): they would print as empty boxes; choose a font that has "
                "them", "glyph")
    return True


def _empty_values(g: Fields, keys, message: str) -> None:
    """A warning at each of `keys` given with an empty value: it is read as the key left out, which a LOC who meant
    "none" or "print nothing" misses."""
    for key in keys:
        value = g.map.get(key)
        if key in g.map and (value is None or isinstance(value, str) and not value.strip()):
            g.report.warn(g.file, g.line(key), g.at(key), message, "empty-label")


def _fonts(report: Report, g: Fields, folder: Path) -> dict:
    """fonts: text and headings (a name or a Path), fallback (a tuple of them)."""
    _empty_values(g, ("text", "headings", "fallback"), "an empty font: the base theme's font is used (name a font, "
                  "or leave the key out)")
    out = {}
    for key, role in (("text", "text"), ("headings", "headings")):
        value = g.text(key, printed=False)
        if value:
            font = _font(report, g.file, g.line(key), g.at(key), value, folder, role)
            if font is not None:
                out[key] = font
    if "fallback" in g.map and not g.empty("fallback"):  # (`fallback: ""` left no fallback font, without a word:
        # as `text: ""`, the base theme's, with the warning above; `fallback: []` is none)
        given = g.map.get("fallback")
        values = set(g.texts("fallback", printed=False))  # reports what is not text (a font's name is not printed)
        if isinstance(given, Seq):
            entries = [(raw.strip(), line, join(g.at("fallback"), i))
                       for i, (raw, line) in enumerate(zip(given.raw, given.lines)) if raw and raw.strip() in values]
        else:
            entries = [(value, g.line("fallback"), g.at("fallback")) for value in values]
        found = [_font(report, g.file, line, key, value, folder, "fallback") for value, line, key in entries]
        if isinstance(given, Seq) and not len(given):  # (the bundled themes name Noto Sans Math and Symbols 2)
            report.warn(g.file, g.line("fallback"), g.at("fallback"),
                        "`fallback: []` names no fallback font: the characters the text and headings fonts lack "
                        "(math signs, arrows, symbols the base theme's Noto Sans Math and Noto Sans Symbols 2 print) "
                        "are left out, each warned of where it is written; leave the key out for the base theme's "
                        "fallback fonts", "glyph")
        if None not in found:  # else (an error) the base theme's, so that no character is reported for nothing
            out["fallback"] = tuple(found)
    return out


def _read(report: Report, f: Fields, folder: Path) -> dict:
    """theme.yaml's values as Theme's fields (only the keys given)."""
    out: dict = {}
    base = f.choice("base", "")
    if base:
        out["base"] = base
    colours = f.mapping("colours")
    if colours is not None:
        c = Fields(report, colours, f.at("colours"), COLOURS)
        out["colours"] = {k: v for k in COLOURS.names if k != "tracks" and (v := c.colour(k))}
        _empty_values(c, [k for k in COLOURS.names if k != "tracks"], "an empty colour: the base theme's colour is "
                      "used (write a colour, or leave the key out)")
        tracks, first = {}, {}
        for index, item in each_mapping(report, c.seq("tracks") or (), c.at("tracks"), "a track colour", TRACK_COLOUR):
            t = Fields(report, item, f"{c.at('tracks')}[{index}]", TRACK_COLOUR)
            # (`colour: ""` left the track without its colour, without a word: it is required)
            name, colour = t.text("session", required=True), t.colour("colour", required=True)
            name = same_id(name) if name else name  # (as written in programme.yaml, composed or not: see there)
            if name in first:  # (an error: the later would win in silence; and lint counts the entries in order)
                t.error("session", f"'{name}' has a colour already, at {c.at('tracks')}[{first[name]}]; give each "
                                   "session one")
                continue
            if name:
                first[name] = index
            if name and colour:
                tracks[name] = colour
        if tracks:
            out["track_colours"] = tracks
    fonts = f.mapping("fonts")
    if fonts is not None:
        out["fonts"] = _fonts(report, Fields(report, fonts, f.at("fonts"), FONTS), folder)
    cover = f.mapping("cover")
    if cover is not None:
        g = Fields(report, cover, f.at("cover"), COVER)
        if "style" in cover:
            out["cover_style"] = g.choice("style", "band")
        if "logo" in cover:
            out["logo_place"] = g.choice("logo", "bottom-right")
    page_size = f.choice("page_size", "")
    if page_size:  # (blank: the base theme's, as for every key)
        out["page_size"] = page_size
    sections = f.choices("sections")
    if sections is not None and (not f.map.get("sections") or f.empty("sections")):  # `sections:`, `sections: []`
        # or `sections: " "` (which passed without a word): a book of covers alone
        f.error("sections", "lists no section: the booklet would hold only its covers; list the sections to print, "
                            f"in order, like: {example_line(THEME['sections'])}")
    elif sections is not None:
        out["sections"] = sections
    abstracts = f.mapping("abstracts")
    if abstracts is not None:
        g = Fields(report, abstracts, f.at("abstracts"), ABSTRACT_OPTIONS)
        if "placement" in abstracts:
            out["abstracts_placement"] = g.choice("placement", "after-programme")
        if "layout" in abstracts:
            out["abstracts_layout"] = g.choice("layout", "auto")
        if "columns" in abstracts:
            out["abstracts_columns"] = g.choice("columns", "auto")
    posters = f.mapping("posters")
    if posters is not None:
        g = Fields(report, posters, f.at("posters"), POSTER_OPTIONS)
        if "sort" in posters:
            out["posters_sort"] = g.choice("sort", "number")
        if "group_by" in posters:
            out["posters_group_by"] = g.choice("group_by", "") or None
    labels = f.mapping("labels")
    if labels is not None:
        g = Fields(report, labels, f.at("labels"), LABELS)
        # (their characters are looked at once the theme's fonts are in use: lint.language.check_label_characters)
        out["labels"] = {k: v for k in LABELS.names if (v := g.text(k, glyphs=False))}
        _empty_values(g, LABELS.names, "an empty label: the language's own words print in its place (a label can be "
                      "reworded, not left out)")
        for key, words in out["labels"].items():
            if len(words) > LABEL_MAX:  # (a chair label of 2,000 characters stopped the layout, a "continued" hung it)
                g.error(key, f"too long for a label: {len(words)} characters, and a label holds at most {LABEL_MAX} "
                             "(labels are printed in headings, running heads and over entries)")
            elif problem := label_problem(key, words):
                g.error(key, problem)
    glance = f.mapping("glance")
    if glance is not None:
        g = Fields(report, glance, f.at("glance"), GLANCE_OPTIONS)
        narrowest = g.integer("narrowest_type")
        if narrowest is not None and not GLANCE_NARROWEST[0] <= narrowest <= GLANCE_NARROWEST[1]:
            g.error("narrowest_type", f"{narrowest} is out of range: write a per cent from {GLANCE_NARROWEST[0]} to "
                                      f"{GLANCE_NARROWEST[1]} (100: the glance's own type, never smaller)")
        elif narrowest is not None:
            out["glance_narrowest"] = narrowest
    sponsors = f.mapping("sponsors")
    if sponsors is not None and "names" in sponsors:
        out["sponsor_names"] = Fields(report, sponsors, f.at("sponsors"), SPONSOR_OPTIONS).boolean("names")
    elif sponsors is not None:
        Fields(report, sponsors, f.at("sponsors"), SPONSOR_OPTIONS)  # reports unknown keys
    extras = f.mapping("extra_pages")
    if extras is not None:
        g = Fields(report, extras, f.at("extra_pages"), EXTRA_PAGE_OPTIONS)
        if "turn" in extras:
            out["extra_page_turn"] = g.choice("turn", "left")
    return out


def _merge(base: dict, own: dict) -> dict:
    """`own`'s keys over `base`'s; colours, fonts and labels merged key by key."""
    merged = {k: v for k, v in base.items() if k != "base"}
    for key, value in own.items():
        if key == "base":
            continue
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = {**merged[key], **value}
        else:
            merged[key] = value
    return merged


