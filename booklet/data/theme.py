"""theme.yaml (and the built-in theme it starts from) -> a Theme: the look, the order, the words.

A built-in theme is a plain theme file in booklet/resources/themes/; the data folder's theme.yaml
names one as `base` (classic by default) and changes any of its keys. Both are read through the
same contract as every data file, so a bad theme.yaml is reported with file, line and key.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from ..model import Theme
from .contract import (ABSTRACT_OPTIONS, COLOURS, COVER, FONTS, LABEL_PLACEHOLDERS, LABELS, POSTER_OPTIONS, THEME,
                       TRACK_COLOUR, example_line)
from .fields import Fields, Report, each_mapping
from .load import Map, load_file, present

THEME_DIR = Path(__file__).resolve().parent.parent / "resources" / "themes"
LABEL_DIR = Path(__file__).resolve().parent.parent / "resources" / "labels"


@cache
def _label_table(language: str) -> dict[str, str]:
    import yaml

    path = LABEL_DIR / f"{language}.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else {}


def labels_for(language: str, overrides: dict[str, str]) -> dict[str, str]:
    """Every label: theme.yaml's over the language's table (its base language, 'de' for 'de-AT'), over English."""
    base = language.replace("_", "-").split("-")[0].lower()
    return {**_label_table("en"), **_label_table(base), **_label_table(language), **overrides}


def label_languages() -> tuple[str, ...]:
    """The languages whose words booklet has: en, then the others in alphabetical order."""
    return tuple(sorted((path.stem for path in LABEL_DIR.glob("*.yaml")), key=lambda code: (code != "en", code)))


def language_problem(code: str) -> str | None:
    """What is wrong with conference.yaml's `language` (None when CLDR knows the code): with the code
    probably meant, the languages booklet has words for, and what other languages get."""
    from ..text.dates import known

    if known(code):
        return None
    from babel import Locale
    from ..lint.language import language_problem as lint_problem

    english = Locale("en")
    problem = lint_problem(code) or f"'{code}' ({english.languages.get(code.lower(), code)}) is a language CLDR has no data for"
    words = ", ".join(f"{c} ({english.languages[c]})" for c in label_languages())
    return (f"{problem}; booklet has its words in {words}; any other language that CLDR knows (sv, pl, ja, ...) "
            "works too, with English words unless theme.yaml's `labels:` gives them")


def label_problem(key: str, words: str) -> str | None:
    """What is wrong with a label's placeholders ({number}, {name}), or None."""
    import re

    wanted = LABEL_PLACEHOLDERS.get(key)
    for name in re.findall(r"\{([^{}]*)\}", words):
        if name != wanted:
            what = f"the only placeholder here is {{{wanted}}}" if wanted else "this label has no placeholder"
            return f"'{{{name}}}' is not a placeholder: {what}; write it like: {example_line(LABELS[key])}"
    if wanted and f"{{{wanted}}}" not in words:
        return f"'{words}' leaves out {{{wanted}}}, where the booklet puts it; write it like: {example_line(LABELS[key])}"
    return None


def read_theme(report: Report, folder: Path) -> Theme:
    """The folder's Theme: its theme.yaml over the base theme; Theme() when there is no theme.yaml."""
    own = _read_file(report, folder / "theme.yaml", "theme.yaml") if present(folder / "theme.yaml") else {}
    base_name = own.get("base") or "classic"
    base = _read_file(report, THEME_DIR / f"{base_name}.yaml", f"themes/{base_name}.yaml")
    merged = _merge(base, own)
    merged["name"] = base_name
    return Theme(**merged)


def _read_file(report: Report, path: Path, display: str) -> dict:
    data = load_file(path, display, report.problems)
    if data is None:
        return {}
    if not isinstance(data, Map):
        report.error(display, 1, "", "the file must hold a mapping (key: value lines)")
        return {}
    return _read(report, Fields(report, data, "", THEME))


def _read(report: Report, f: Fields) -> dict:
    """theme.yaml's values as Theme's fields (only the keys given)."""
    out: dict = {}
    base = f.choice("base", "")
    if base:
        out["base"] = base
    colours = f.mapping("colours")
    if colours is not None:
        c = Fields(report, colours, f.at("colours"), COLOURS)
        out["colours"] = {k: v for k in COLOURS.names if k != "tracks" and (v := c.colour(k))}
        tracks = {}
        for index, item in each_mapping(report, c.seq("tracks") or (), c.at("tracks"), "a track colour", TRACK_COLOUR):
            t = Fields(report, item, f"{c.at('tracks')}[{index}]", TRACK_COLOUR)
            name, colour = t.text("session", required=True), t.colour("colour")
            if name and colour:
                tracks[name] = colour
        if tracks:
            out["track_colours"] = tracks
    fonts = f.mapping("fonts")
    if fonts is not None:
        g = Fields(report, fonts, f.at("fonts"), FONTS)
        out["fonts"] = {k: v for k in ("text", "headings") if (v := g.text(k, printed=False))}
        if "fallback" in fonts:
            out["fonts"]["fallback"] = g.texts("fallback")
    cover = f.mapping("cover")
    if cover is not None:
        g = Fields(report, cover, f.at("cover"), COVER)
        if "style" in cover:
            out["cover_style"] = g.choice("style", "band")
        if "logo" in cover:
            out["logo_place"] = g.choice("logo", "bottom-right")
    if "page_size" in f.map:
        out["page_size"] = f.choice("page_size", "A5")
    sections = f.choices("sections")
    if sections is not None:
        out["sections"] = sections
    abstracts = f.mapping("abstracts")
    if abstracts is not None:
        g = Fields(report, abstracts, f.at("abstracts"), ABSTRACT_OPTIONS)
        if "placement" in abstracts:
            out["abstracts_placement"] = g.choice("placement", "after-programme")
        if "layout" in abstracts:
            out["abstracts_layout"] = g.choice("layout", "page")
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
        out["labels"] = {k: v for k in LABELS.names if (v := g.text(k))}
        for key, words in out["labels"].items():
            if problem := label_problem(key, words):
                g.error(key, problem)
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


