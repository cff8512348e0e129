"""theme.yaml's look -> the colours, fonts, cover and page size of the PDF; bad themes -> errors with file
and line; pale colours -> contrast warnings."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import textwrap
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader
from reportlab.lib.rl_accel import fp_str

from booklet.build import PrintOptions, build_booklet
from booklet.check import check_folder
from booklet.cli import main
from booklet.data.contract import THEMES
from booklet.data.theme import THEME_DIR
from booklet.layout.styles import DEFAULT_COLOURS, cmyk, contrast, make_palette, muted_hex, rgb
from booklet.printing.preflight import preflight
from booklet.problems import DataError
from booklet.text.fonts import DEFAULT, FONT_DIR, font_file_problem, missing_from, use_fonts

from .helpers import BASE, DATA, ROOT, extend, write_conference
from .pdftext import Pdf

SAMPLE_IMAGES = DATA / "images"


@pytest.fixture(autouse=True)
def bundled_fonts_after():
    """Each test leaves the bundled fonts in use, as every other test expects them."""
    yield
    use_fonts(DEFAULT)


def theme_folder(tmp_path: Path, theme: str, files: dict | None = None) -> Path:
    """The small test conference with `theme` as its theme.yaml."""
    return write_conference(tmp_path / "conf", {"theme.yaml": theme, **(files or {})})


def content(pdf: Path, pages=None) -> str:
    """The decoded content streams of the PDF's pages (all, or those at the 0-based `pages`)."""
    reader = PdfReader(str(pdf))
    chosen = range(len(reader.pages)) if pages is None else pages
    return "\n".join(reader.pages[i].get_contents().get_data().decode("latin-1") for i in chosen)


def base_fonts(pdf: Path) -> set[str]:
    """The embedded fonts' names, without their subset prefix (AAAAAA+)."""
    reader = PdfReader(str(pdf))
    names = set()
    for page in reader.pages:
        for ref in page["/Resources"].get("/Font", {}).values():
            names.add(str(ref.get_object()["/BaseFont"]).split("+", 1)[-1])
    return names


def rgb_fill(hex_colour: str) -> str:
    return fp_str(*(v / 255 for v in rgb(hex_colour))) + " rg"


def cmyk_fill(hex_colour: str) -> str:
    return fp_str(*cmyk(hex_colour)) + " k"


def renamed_font(source: str, old: str, new: str) -> bytes:
    """A bundled TTF with its PostScript name (name table, UTF-16 and ASCII) changed to `new` (same length),
    so that the PDF shows which file a face came from."""
    assert len(old) == len(new)
    data = (FONT_DIR / source).read_bytes()
    return data.replace(old.encode("utf-16-be"), new.encode("utf-16-be")).replace(old.encode(), new.encode())


def test_sample_with_a_custom_theme_prints_its_colours_and_its_font(tmp_path):
    """The sample conference with theme.yaml: its colours are the fill colours of the pages (RGB as
    written), its text font is the TrueType file of the data folder, embedded under its own name."""
    folder = tmp_path / "sample"
    shutil.copytree(DATA, folder)
    (folder / "fonts").mkdir()
    (folder / "fonts/MyText-Regular.ttf").write_bytes(
        renamed_font("NotoSans-Regular.ttf", "NotoSans-Regular", "MyTextXX-Regular"))
    (folder / "theme.yaml").write_text(
        'colours:\n  primary: "#7A1F5C"\n  accent: "#9C2B1E"\n  break: "#E4F0E4"\n'
        '  tracks:\n    - {session: Hierarchical Models, colour: "#FFF1C9"}\n'
        "fonts:\n  text: fonts/MyText-Regular.ttf\n", encoding="utf-8")
    out = tmp_path / "b.pdf"
    result = build_booklet(folder, out)
    assert not [w for w in result.warnings if w.kind == "contrast"], result.warnings
    streams = content(out)
    for colour in ("#7A1F5C", "#9C2B1E", "#E4F0E4", "#FFF1C9"):
        assert rgb_fill(colour) in streams, colour
    for old in ("#0B5394", "#ECECEC"):  # the classic colours the theme replaced
        assert rgb_fill(old) not in streams, old
    fonts = base_fonts(out)
    assert "MyTextXX-Regular" in fonts  # the data folder's font, under the name in its file
    assert not any(name.startswith("GentiumBookPlus") for name in fonts)  # ... in every style of the text
    assert "NotoSans-Bold" in fonts  # the headings font stays the base theme's


def test_cmyk_build_converts_the_theme_colours(tmp_path):
    folder = theme_folder(tmp_path, 'colours: {primary: "#7A1F5C", break: "#E4F0E4", text: "#222222"}')
    out = tmp_path / "b.pdf"
    build_booklet(folder, out, options=PrintOptions(cmyk=True))
    streams = content(out)
    assert cmyk_fill("#7A1F5C") in streams and cmyk_fill("#E4F0E4") in streams
    assert " rg" not in streams and " RG" not in streams
    assert cmyk("#222222") == (0.0, 0.0, 0.0, 0.8667)  # a grey prints on the black plate only
    assert cmyk("#000000") == (0.0, 0.0, 0.0, 1.0)


@pytest.mark.parametrize("name", THEMES)
def test_each_built_in_theme_builds_in_its_own_fonts_without_warnings(tmp_path, name):
    folder = theme_folder(tmp_path, f"base: {name}\n")
    out = tmp_path / "b.pdf"
    result = build_booklet(folder, out)
    assert result.warnings == []
    fonts = base_fonts(out)
    expected = {"classic": {"GentiumBookPlus", "NotoSans-Bold"}, "modern": {"NotoSans-Regular", "NotoSans-Bold"},
                "minimal": {"GentiumBookPlus", "GentiumBookPlus-Bold"}}[name]
    assert expected <= fonts, fonts
    if name != "classic":
        assert not {"GentiumBookPlus", "NotoSans-Bold"} <= fonts  # not classic's pair


@pytest.mark.parametrize("name", THEMES)
def test_built_in_themes_are_complete_and_readable(name):
    """Every built-in theme file names every colour, and passes the contrast check it imposes."""
    import yaml

    theme = yaml.safe_load((THEME_DIR / f"{name}.yaml").read_text(encoding="utf-8"))
    assert theme["base"] == name
    colours = theme["colours"]
    assert set(colours) == set(DEFAULT_COLOURS)
    if name == "classic":
        assert colours == DEFAULT_COLOURS  # what a Booklet made without a theme.yaml is printed in
    for role, need in (("text", 4.5), ("accent", 4.5), ("primary", 3.0)):
        assert contrast(colours[role], "#FFFFFF") >= need, role
    for background in ("break", "social", "tutorial"):
        for ink in (colours["text"], muted_hex(colours["text"])):
            assert contrast(ink, colours[background]) >= 4.5, (background, ink)


def test_classic_theme_is_the_default(tmp_path):
    plain = write_conference(tmp_path / "plain")
    themed = write_conference(tmp_path / "themed", {"theme.yaml": "base: classic\n"})
    build_booklet(plain, tmp_path / "a.pdf")
    build_booklet(themed, tmp_path / "b.pdf")
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()


def test_same_input_same_bytes_after_a_build_in_other_fonts(tmp_path):
    """Fonts switch back: a booklet built after one in a data folder's fonts is the booklet built first."""
    plain = write_conference(tmp_path / "plain")
    build_booklet(plain, tmp_path / "first.pdf")
    custom = theme_folder(tmp_path, "fonts: {text: fonts/T-Regular.ttf, headings: fonts/T-Regular.ttf}\n",
                          {"fonts/T-Regular.ttf": (FONT_DIR / "NotoSans-Regular.ttf").read_bytes()})
    build_booklet(custom, tmp_path / "custom.pdf")
    assert not any(n.startswith("Gentium") for n in base_fonts(tmp_path / "custom.pdf"))
    build_booklet(plain, tmp_path / "again.pdf")
    assert (tmp_path / "first.pdf").read_bytes() == (tmp_path / "again.pdf").read_bytes()
    build_booklet(custom, tmp_path / "custom-again.pdf")
    assert (tmp_path / "custom.pdf").read_bytes() == (tmp_path / "custom-again.pdf").read_bytes()


def test_bold_and_italic_are_found_beside_the_regular_face(tmp_path):
    fonts = {"fonts/MyText-Regular.ttf": (FONT_DIR / "NotoSans-Regular.ttf").read_bytes(),
             "fonts/MyText-Bold.ttf": renamed_font("NotoSans-Bold.ttf", "NotoSans-Bold", "MyTextXX-Bold")}
    folder = theme_folder(tmp_path, "fonts: {text: fonts/MyText-Regular.ttf}\n", fonts)
    out = tmp_path / "b.pdf"
    build_booklet(folder, out)
    names = base_fonts(out)
    assert "MyTextXX-Bold" in names  # the bold of the text (a speaker's name) is the file beside it
    assert not any(n.startswith("Gentium") for n in names)  # no italic beside it: the regular face stands in


def test_a_font_without_its_bold_or_italic_beside_it_is_a_warning_at_its_line(tmp_path):
    """The regular face stands in for a style not found: every title and heading printed in it, not bold, without a
    word. A text font needs its bold and italic, a headings font its bold."""
    regular = (FONT_DIR / "NotoSans-Regular.ttf").read_bytes()
    folder = theme_folder(tmp_path / "a", "fonts:\n  text: fonts/MyText-Regular.ttf\n  headings: fonts/MySans.ttf\n",
                          {"fonts/MyText-Regular.ttf": regular, "fonts/MySans.ttf": regular,
                           "fonts/MySans-Italic.ttf": regular})
    assert [str(p) for p in check_folder(folder)[1] if p.kind == "font-style"] == [
        "theme.yaml:2: fonts.text: warning: 'fonts/MyText-Regular.ttf' has no bold or italic face beside it (no "
        "MyText-Bold.ttf or MyText-Italic.ttf in its folder): its regular face prints in their place, so titles and "
        "headings are not bold and speakers' names and emphasis are not in italic; put the family's other files "
        "beside it",
        "theme.yaml:3: fonts.headings: warning: 'fonts/MySans.ttf' has no bold face beside it (no MySans-Bold.ttf in "
        "its folder): its regular face prints in its place, so titles and headings are not bold; put the family's "
        "other files beside it"]
    whole = theme_folder(tmp_path / "b", "fonts: {text: fonts/MyText-Regular.ttf, headings: fonts/MyText-Regular.ttf}\n",
                         {f"fonts/MyText-{style}.ttf": (FONT_DIR / f"NotoSans-{style}.ttf").read_bytes()
                          for style in ("Regular", "Bold", "Italic")})
    assert [p for p in check_folder(whole)[1] if p.kind == "font-style"] == []  # (no bold italic: seldom printed)


def test_a_bold_or_italic_face_named_as_the_font_is_a_warning_naming_the_regular_face(tmp_path):
    """A LOC who names the bold file as the headings font (DejaVuSans-Bold.ttf, beside DejaVuSans.ttf) was told that no
    DejaVuSans-Bold-Bold.ttf was beside it: the warning now says it is a styled face, and which file to name."""
    regular = (FONT_DIR / "NotoSans-Regular.ttf").read_bytes()
    folder = theme_folder(tmp_path / "a", "fonts:\n  text: fonts/Text-Italic.ttf\n  headings: fonts/Sans-Bold.ttf\n",
                          {"fonts/Sans.ttf": regular, "fonts/Sans-Bold.ttf": regular, "fonts/Text-Italic.ttf": regular})
    assert [str(p) for p in check_folder(folder)[1] if p.kind == "font-style"] == [
        "theme.yaml:2: fonts.text: warning: 'fonts/Text-Italic.ttf' is its family's italic face, not its regular one: "
        "every text set in it prints italic, and its bold and italic faces are not found (booklet looks for them beside "
        "the regular face); name the regular face: put Text-Regular.ttf beside it and name that, fonts/Text-Regular.ttf",
        "theme.yaml:3: fonts.headings: warning: 'fonts/Sans-Bold.ttf' is its family's bold face, not its regular one: "
        "every text set in it prints bold, and its bold and italic faces are not found (booklet looks for them beside "
        "the regular face); name the regular face: fonts/Sans.ttf"]


def test_a_styled_face_named_as_the_font_names_its_regular_face_as_family_beside_reads_it(tmp_path):
    """A regular face named MyText_Book.ttf (read as the regular face by family_beside) was not found beside
    MyText-Italic.ttf, and the LOC was told to put a MyText-Regular.ttf beside it."""
    regular = (FONT_DIR / "NotoSans-Regular.ttf").read_bytes()
    folder = theme_folder(tmp_path / "a", "fonts:\n  text: fonts/Text-Italic.ttf\n",
                          {"fonts/Text_Book.ttf": regular, "fonts/Text-Italic.ttf": regular})
    assert [str(p) for p in check_folder(folder)[1] if p.kind == "font-style"] == [
        "theme.yaml:2: fonts.text: warning: 'fonts/Text-Italic.ttf' is its family's italic face, not its regular one: "
        "every text set in it prints italic, and its bold and italic faces are not found (booklet looks for them beside "
        "the regular face); name the regular face: fonts/Text_Book.ttf"]


def test_a_styled_face_named_as_the_font_is_not_said_to_lack_a_face_found_beside_it(tmp_path):
    """Sans-Bold.ttf finds Sans-Bold-Italic.ttf beside it as its italic face: the warning said its bold and italic faces
    were not found."""
    regular = (FONT_DIR / "NotoSans-Regular.ttf").read_bytes()
    folder = theme_folder(tmp_path / "a", "fonts:\n  text: fonts/Sans-Bold.ttf\n",
                          {name: regular for name in ("fonts/Sans.ttf", "fonts/Sans-Bold.ttf", "fonts/Sans-Italic.ttf",
                                                      "fonts/Sans-Bold-Italic.ttf")})
    assert [str(p) for p in check_folder(folder)[1] if p.kind == "font-style"] == [
        "theme.yaml:2: fonts.text: warning: 'fonts/Sans-Bold.ttf' is its family's bold face, not its regular one: "
        "every text set in it prints bold, and its bold face is not found (booklet looks for it beside the regular "
        "face); name the regular face: fonts/Sans.ttf"]


def test_glyph_check_uses_the_theme_fonts(tmp_path):
    """A character only a fallback font has is fine with the fallbacks, and a warning without them; `fallback: []`
    itself is warned of, saying what it does (it passed silently, read as the base theme's fallbacks might be)."""
    abstracts = extend("abstracts.yaml", """\
        - id: sun
          title: Mass in M☉ units
          speaker: {name: Ana Smith}
          abstract: Text.
        """)
    with_fallbacks = theme_folder(tmp_path / "a", "base: classic\n", {"abstracts.yaml": abstracts})
    assert not [p for p in check_folder(with_fallbacks)[1] if p.kind == "glyph"]
    without = theme_folder(tmp_path / "b", "fonts: {fallback: []}\n", {"abstracts.yaml": abstracts})
    glyphs = [p for p in check_folder(without)[1] if p.kind == "glyph"]
    assert [(p.file, p.line, p.key) for p in glyphs] == [("abstracts.yaml", 12, "[2].title"),
                                                         ("theme.yaml", 1, "fonts.fallback")]
    assert glyphs[1].message == (
        "`fallback: []` names no fallback font: the characters the text and headings fonts lack (math signs, arrows, "
        "symbols the base theme's Noto Sans Math and Noto Sans Symbols 2 print) are left out, each warned of where it "
        "is written; leave the key out for the base theme's fallback fonts")
    assert "'☉' (U+2609)" in glyphs[0].message


@pytest.mark.parametrize("fallback", ['["Noto Sans Math", "\U0001F389"]', '"\U0001F389"'])
def test_a_fallback_font_named_by_what_no_font_prints_is_one_error_not_a_glyph_warning(tmp_path, fallback):
    """A fuzzing run: `fallback: [Noto Sans Math, 🎉]` was also warned of as text the fonts cannot print ("left out,
    and nothing of the text is left to print"), as if the font's name were printed; it is only the font named."""
    folder = theme_folder(tmp_path, f"fonts:\n  fallback: {fallback}\n")
    with pytest.raises(DataError) as caught:
        check_folder(folder)
    where = "fonts.fallback[1]" if fallback.startswith("[") else "fonts.fallback"
    assert [str(p) for p in caught.value.problems if p.file == "theme.yaml"] == [
        f"theme.yaml:2: {where}: '\U0001F389' is neither a font booklet bundles (Gentium Book Plus, Noto Sans, Noto Sans "
        "Mono, Noto Sans Math, Noto Sans Symbols 2) nor a TrueType file; give a .ttf file's path in the data folder, "
        "like: fonts/MyText-Regular.ttf"]


def test_a_bad_theme_gives_every_error_with_file_and_line(tmp_path):
    theme = """\
        base: modern
        colours:
          primary: blue
          accent: "#12345"
          tracks:
            - {session: Inference, colour: "#GGGGGG"}
        fonts:
          text: fonts/Missing-Regular.ttf
          headings: fonts/Cff-Regular.otf
          fallback: [fonts/Note-Regular.ttf, fonts/Web-Regular.woff, Helvetica, Noto Sans Mth]
        cover:
          style: fullbleed
          logo: middle
        page_size: A6
        """
    files = {"fonts/Cff-Regular.otf": b"OTTO\x00\x0a\x00\x80" + bytes(200),
             "fonts/Note-Regular.ttf": b"not a font at all\n",
             "fonts/Web-Regular.woff": b"wOFF\x00\x01\x00\x00" + bytes(100),
             "fonts/Other-Regular.ttf": (FONT_DIR / "NotoSans-Regular.ttf").read_bytes()}
    folder = theme_folder(tmp_path, theme, files)
    with pytest.raises(DataError) as caught:
        check_folder(folder)
    errors = [str(p) for p in caught.value.problems if p.file == "theme.yaml"]
    assert errors == [
        "theme.yaml:3: colours.primary: 'blue' is not a colour; write it like: primary: \"#0B5394\"",
        "theme.yaml:4: colours.accent: '#12345' is not a colour; write it like: accent: \"#0B5394\"",
        "theme.yaml:6: colours.tracks[0].colour: '#GGGGGG' is not a colour; write it like: colour: \"#DCEFD9\"",
        f"theme.yaml:8: fonts.text: 'fonts/Missing-Regular.ttf': font file not found in {folder.resolve() / 'fonts'} "
        "(did you mean 'Note-Regular.ttf'?)",
        "theme.yaml:9: fonts.headings: 'fonts/Cff-Regular.otf' is an OpenType font with PostScript (CFF) outlines, "
        "which cannot be embedded in the PDF; use the TrueType (.ttf) version of the font",
        "theme.yaml:10: fonts.fallback[0]: 'fonts/Note-Regular.ttf' is not a TrueType font file; use a .ttf font",
        "theme.yaml:10: fonts.fallback[1]: 'fonts/Web-Regular.woff' is a web font (WOFF), compressed for browsers; "
        "use the TrueType (.ttf) version of the font",
        "theme.yaml:10: fonts.fallback[2]: 'Helvetica' is neither a font booklet bundles (Gentium Book Plus, "
        "Noto Sans, Noto Sans Mono, Noto Sans Math, Noto Sans Symbols 2) nor a TrueType file; give a .ttf file's path in the "
        "data folder, like: fonts/MyText-Regular.ttf",
        "theme.yaml:10: fonts.fallback[3]: 'Noto Sans Mth' is neither a font booklet bundles (Gentium Book Plus, "
        "Noto Sans, Noto Sans Mono, Noto Sans Math, Noto Sans Symbols 2) (did you mean 'Noto Sans Math'?) nor a TrueType file; "
        "give a .ttf file's path in the data folder, like: fonts/MyText-Regular.ttf",
        "theme.yaml:12: cover.style: 'fullbleed' is not one of band, full-bleed, plain (did you mean 'full-bleed'?)",
        "theme.yaml:13: cover.logo: 'middle' is not one of bottom-right, bottom-left, top-right, top-left, none",
        "theme.yaml:14: page_size: 'A6' is not one of A5, A4, B5, letter",
    ]
    assert not [p for p in caught.value.problems if p.kind == "glyph"]  # the base theme's fallbacks stood in


def test_a_font_without_the_characters_the_booklet_prints_is_a_warning(tmp_path):
    files = {"fonts/Math-Regular.ttf": (FONT_DIR / "NotoSansMath-Regular.ttf").read_bytes()}
    folder = theme_folder(tmp_path, "fonts:\n  headings: fonts/Math-Regular.ttf\n", files)
    glyphs = [p for p in check_folder(folder)[1] if p.file == "theme.yaml" and p.kind != "font-style"]
    assert [(p.line, p.key, p.kind) for p in glyphs] == [(2, "fonts.headings", "glyph")]
    assert glyphs[0].message.startswith("'fonts/Math-Regular.ttf' (or a style of it) has no ")
    assert "which the booklet prints in its headings font" in glyphs[0].message


@pytest.mark.parametrize("value", ["Noto Sans Symbols 2", "fonts/Symbols-Regular.ttf"])
def test_a_text_or_headings_font_without_the_latin_letters_is_an_error(tmp_path, value):
    """Noto Sans Symbols 2 (bundled, as a fallback) as the headings font printed every heading, title and running
    head empty, with no word about the letters; a font without the Latin letters and digits is an error."""
    files = {"fonts/Symbols-Regular.ttf": (FONT_DIR / "NotoSansSymbols2-Regular.ttf").read_bytes()}
    folder = theme_folder(tmp_path, f"fonts:\n  headings: {value}\n", files)
    with pytest.raises(DataError) as caught:
        check_folder(folder)
    (problem,) = [p for p in caught.value.problems if p.file == "theme.yaml"]
    assert (problem.line, problem.key, problem.severity) == (2, "fonts.headings", "error")
    assert problem.message.startswith(f"'{value}' (or a style of it) has no A B C D E F G H I J K L and 77 more")
    assert problem.message.endswith(": a headings font needs the Latin letters and digits, which every title, name "
                                    "and time is written in; choose a font that has them")

def test_a_missing_font_file_suggests_the_one_meant(tmp_path):
    files = {"fonts/MyText-Regular.ttf": (FONT_DIR / "NotoSans-Regular.ttf").read_bytes()}
    folder = theme_folder(tmp_path, "fonts:\n  text: fonts/MyTxt-Regular.ttf\n", files)
    with pytest.raises(DataError) as caught:
        check_folder(folder)
    assert [p.message for p in caught.value.problems] == [
        f"'fonts/MyTxt-Regular.ttf': font file not found in {folder.resolve() / 'fonts'} "
        "(did you mean 'MyText-Regular.ttf'?)"]
    assert (caught.value.problems[0].line, caught.value.problems[0].key) == (2, "fonts.text")


@pytest.mark.parametrize("make, said", [
    (lambda path: path.mkdir(), "is a folder, not a file"),
    (lambda path: os.mkfifo(path), "is a FIFO (named pipe), not a regular file; booklet reads only regular files"),
    (lambda path: path.symlink_to("Other-Regular.ttf"),
     "is a symbolic link to 'Other-Regular.ttf', which does not exist"),
])
def test_a_font_path_that_is_no_file_says_what_it_is(tmp_path, make, said):
    """Fuzzing: a font path that is a folder, a FIFO or a broken link was "font file not found in .../fonts (did you
    mean 'MyText-Regular.ttf'?)", the very name written."""
    folder = theme_folder(tmp_path, "fonts:\n  text: fonts/MyText-Regular.ttf\n")
    (folder / "fonts").mkdir()
    make(folder / "fonts" / "MyText-Regular.ttf")
    result = CliRunner().invoke(main, ["check", str(folder)])
    assert result.exit_code == 1
    assert f"theme.yaml:2: fonts.text: 'fonts/MyText-Regular.ttf' {said}\n" in result.output
    assert "Traceback" not in result.output and "not found" not in result.output


def test_contact_labels_of_many_lines_near_a_page_end_move_on_whole(tmp_path):
    """Fuzzing: the sample with its email, web and hashtag labels reworded to 120 characters each (24 words, 8 lines
    in the labels' third of the text width) stopped the build: "internal error (LayoutError: Splitting error(n==1)
    on page 69 ...)": a row whose label, which is not split, was taller than the room left; it moves on whole."""
    folder = tmp_path / "sample"
    shutil.copytree(DATA, folder)
    label = " ".join(["Wwww"] * 24)
    (folder / "theme.yaml").write_text(f"labels:\n  email: {label}\n  web: {label}\n  hashtag: {label}\n")
    out = tmp_path / "b.pdf"
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(out)])
    assert result.exit_code == 0, result.output
    pdf = Pdf(out)
    practical = next(page for page in pdf.pages_with("Practical information")
                     if pdf.lines(page)[0] == "Practical information")  # (the section's first page: its heading)
    lines = pdf.lines(practical) + pdf.lines(practical + 1)
    for value in ("starstat2027@example.org", "https://www.example.org/starstat2027", "#StarStat2027"):
        assert value in lines
    assert lines.count(" ".join(["Wwww"] * 3)) == 24  # each label whole, in 8 lines


def test_a_font_path_written_with_backslashes_says_the_path_meant(tmp_path):
    """Fuzzing: a path as Windows writes it (fonts\\MyText-Regular.ttf) was "font file not found in <the folder>"."""
    files = {"fonts/MyText-Regular.ttf": (FONT_DIR / "NotoSans-Regular.ttf").read_bytes()}
    folder = theme_folder(tmp_path, "fonts:\n  text: 'fonts\\MyText-Regular.ttf'\n", files)
    result = CliRunner().invoke(main, ["check", str(folder)])
    assert result.exit_code == 1
    assert ("theme.yaml:2: fonts.text: 'fonts\\MyText-Regular.ttf': font file not found (a path is written with '/', "
            "not '\\': did you mean 'fonts/MyText-Regular.ttf'?)\n") in result.output


def test_pale_and_dark_colours_give_contrast_warnings_at_their_line(tmp_path):
    theme = """\
        colours:
          primary: "#9FC5E8"
          accent: "#F4C542"
          break: "#5F5F5F"
          tracks:
            - {session: Inference, colour: "#1B5E20"}
            - {session: Infrence, colour: "#FFF1C9"}
        """
    folder = theme_folder(tmp_path, theme)
    _, warnings = check_folder(folder)
    found = [(p.line, p.key, p.kind) for p in warnings if p.file == "theme.yaml"]
    assert found == [
        (3, "colours.accent", "contrast"), (2, "colours.primary", "contrast"), (4, "colours.break", "contrast"),
        (6, "colours.tracks[0].colour", "contrast"), (7, "colours.tracks[1].session", "track-colour")]
    messages = {p.key: p.message for p in warnings}
    assert messages["colours.accent"].startswith("#F4C542 on white paper has a contrast of 1.6:1; labels")
    assert "need 4.5:1 (WCAG AA)" in messages["colours.accent"]
    assert "need 3:1" in messages["colours.primary"]
    darker = re.search(r"such as (#[0-9A-F]{6})", messages["colours.accent"])[1]
    assert 4.5 <= contrast(darker, "#FFFFFF") < 4.8  # the palest shade that reads
    assert messages["colours.break"].startswith(
        "grey text (times, speakers) (#616161) on #5F5F5F, the background of breaks")
    lighter = re.search(r"such as (#[0-9A-F]{6})", messages["colours.tracks[0].colour"])[1]
    assert contrast("#000000", lighter) >= 4.5 and contrast(muted_hex("#000000"), lighter) >= 4.5
    assert messages["colours.tracks[1].session"] == ("no session 'Infrence' in programme.yaml (did you mean "
                                                     "'Inference'?): its colour is used nowhere")
    result = CliRunner().invoke(main, ["check", str(folder)])
    assert "Colours too pale (or a background too dark) to read (4):" in result.stderr
    assert result.exit_code == 0


def test_page_size_comes_from_the_theme_and_the_option_wins(tmp_path):
    folder = theme_folder(tmp_path, "base: minimal\npage_size: A4\n")
    out = tmp_path / "b.pdf"
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(out), "--bleed", "0"])
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith(", A4).\n")
    assert [round(float(v)) for v in PdfReader(str(out)).pages[0].mediabox] == [0, 0, 595, 842]
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(out), "--bleed", "0", "--page-size", "a5"])
    assert result.exit_code == 0, result.output
    assert [round(float(v)) for v in PdfReader(str(out)).pages[0].mediabox] == [0, 0, 420, 595]
    assert build_booklet(folder, out).page_size == "A4"
    assert build_booklet(folder, out, "B5").page_size == "B5"


def _cover_folder(tmp_path: Path, cover: str) -> Path:
    conference = extend("conference.yaml", "logo: images/logo.png\ncover_image: images/cover.jpg\n")
    files = {"conference.yaml": conference,
             "images/logo.png": (SAMPLE_IMAGES / "logo.png").read_bytes(),
             "images/cover.jpg": (SAMPLE_IMAGES / "cover.jpg").read_bytes()}
    return theme_folder(tmp_path, f"cover: {cover}\n", files)


def _images_drawn(pdf: Path) -> list[tuple[float, float, float, float]]:
    """(width, height, x, y) of each image drawn on the cover page, in points (cm matrices before Do)."""
    stream = content(pdf, [0])
    return [tuple(round(float(v), 1) for v in m)
            for m in re.findall(r"([\d.-]+) 0 0 ([\d.-]+) ([\d.-]+) ([\d.-]+) cm\s*/FormXob\S* Do", stream)]


@pytest.mark.parametrize("cover, art", [
    ("{style: band}", (436.5, 282.3)), ("{style: full-bleed}", (436.5, 612.3)), ("{style: plain}", None)])
def test_cover_styles(tmp_path, cover, art):
    out = tmp_path / "b.pdf"
    build_booklet(_cover_folder(tmp_path, cover), out)  # A5, 3 mm bleed
    drawn = _images_drawn(out)
    arts = [d for d in drawn if d[0] > 200]
    assert [d[:2] for d in arts] == ([art] if art else [])
    assert len(drawn) - len(arts) == 1  # the logo


@pytest.mark.parametrize("place, corner", [("bottom-right", "right bottom"), ("bottom-left", "left bottom"),
                                           ("top-right", "right top"), ("top-left", "left top"), ("none", None)])
def test_logo_places(tmp_path, place, corner):
    out = tmp_path / "b.pdf"
    build_booklet(_cover_folder(tmp_path, f"{{style: band, logo: {place}}}"), out)
    logos = [d for d in _images_drawn(out) if d[0] < 100]
    if corner is None:
        assert logos == []
        return
    (width, height, x, y), = logos
    centre_x, centre_y = x + width / 2, y + height / 2
    assert (centre_x > 210) == corner.startswith("right") and (centre_y > 300) == corner.endswith("top")


def test_a_label_longer_than_a_heading_holds_is_an_error_and_one_at_the_limit_builds(tmp_path):
    """A chair's or "continued" label of 2,000 characters passed check and stopped the layout (or looped in it);
    labels now hold at most LABEL_MAX characters: more is an error at its line, and at the limit the programme
    (with a chair of the most a session's heading holds) builds."""
    from booklet.data.contract import LABEL_MAX

    long = "Wordy " * 400
    theme = f'labels:\n  chair: "{long}{{name}}"\n  continued: "{"x" * (LABEL_MAX + 1)}"\n'
    with pytest.raises(DataError) as raised:
        check_folder(write_conference(tmp_path / "long", {"theme.yaml": theme}))
    assert [(p.file, p.line, p.key, p.message) for p in raised.value.errors] == [
        ("theme.yaml", 2, "labels.chair", f"too long for a label: {len(long) + 6} characters, and a label holds at "
                                          f"most {LABEL_MAX} (labels are printed in headings, running heads and over "
                                          "entries)"),
        ("theme.yaml", 3, "labels.continued", f"too long for a label: {LABEL_MAX + 1} characters, and a label holds "
                                              f"at most {LABEL_MAX} (labels are printed in headings, running heads "
                                              "and over entries)")]
    chair = ("Wordy " * 30)[:LABEL_MAX - 7] + " {name}"
    theme = f'labels:\n  chair: "{chair}"\n  continued: "{("Wordy " * 30)[:LABEL_MAX]}"\n'
    programme = BASE["programme.yaml"].replace("chair: Mei Chen", "chair: " + ("Chairname " * 30)[:300].strip())
    data = write_conference(tmp_path / "limit", {"theme.yaml": theme, "programme.yaml": programme})
    result = build_booklet(data, tmp_path / "b.pdf")
    assert any("Chairname" in text for text in (page.extract_text() for page in PdfReader(result.output).pages))


def test_an_empty_label_is_a_warning_at_its_line_and_the_language_s_words_print(tmp_path):
    """`programme: ""` or `contents:` with nothing after it was the key left out, in silence: a LOC who meant the word
    gone found it printed. Each is a warning at its line; the words of the language print, a label given prints."""
    theme = 'labels:\n  programme: ""\n  contents:\n  posters: Poster session\n'
    folder = write_conference(tmp_path / "conf", {"theme.yaml": theme})
    found = [(p.file, p.line, p.key, p.message) for p in check_folder(folder)[1] if p.kind == "empty-label"]
    message = "an empty label: the language's own words print in its place (a label can be reworded, not left out)"
    assert found == [("theme.yaml", 2, "labels.programme", message), ("theme.yaml", 3, "labels.contents", message)]
    pdf = Pdf(build_booklet(folder, tmp_path / "b.pdf").output)
    assert pdf.pages_with("Contents") and pdf.pages_with("Programme") and pdf.pages_with("Poster session")


def test_renaming_the_programme_renames_the_glance_unless_the_glance_is_named_too(tmp_path):
    """A review: theme.yaml's `programme: Timetable` renamed the programme's section, and the glance still printed
    "Programme at a glance" over the same week, in the contents just above "Timetable". The glance's label takes the
    new word where the language's label starts with its word for the programme; a glance label given wins."""
    for name, theme, glance in (("renamed", "labels:\n  programme: Timetable\n", "Timetable at a glance"),
                                ("both", "labels:\n  programme: Timetable\n  glance: The week\n", "The week")):
        folder = write_conference(tmp_path / name, {"theme.yaml": theme})
        pdf = Pdf(build_booklet(folder, tmp_path / f"{name}.pdf").output)
        contents = pdf.lines(pdf.pages_with("Contents")[0])
        assert any(line.startswith(glance) for line in contents), contents
        assert not any("Programme" in line for line in contents), contents
        assert pdf.pages_with(glance) and not pdf.pages_with("Programme at a glance")
        assert [title for title, _, _ in pdf.outline()][:3] == ["Contents", glance, "Timetable"]


def test_an_empty_colour_or_font_is_a_warning_at_its_line_and_the_base_theme_s_prints(tmp_path):
    """Fuzzing: `colours: {primary: null}` and `fonts: {text: ""}` passed check in silence, read as left out."""
    theme = 'colours:\n  primary:\n  accent: "#112233"\nfonts:\n  text: ""\n'
    folder = write_conference(tmp_path / "conf", {"theme.yaml": theme})
    found = [(p.line, p.key, p.message) for p in check_folder(folder)[1] if p.kind == "empty-label"]
    assert found == [(2, "colours.primary", "an empty colour: the base theme's colour is used (write a colour, or "
                                            "leave the key out)"),
                     (5, "fonts.text", "an empty font: the base theme's font is used (name a font, or leave the key "
                                       "out)")]


def test_a_label_s_math_braces_are_no_placeholders(tmp_path):
    """Fuzzing: a label may hold math (the format says so), but `$\\frac{a}{b}$` in one was an error, "'{a}' is not a
    placeholder". A brace inside math is TeX's; outside, a name not the label's placeholder is still an error."""
    theme = 'labels:\n  index: "Index $\\\\frac{a}{b}$"\n  day: "DAY {number} $x_{i}$"\n'
    folder = write_conference(tmp_path / "conf", {"theme.yaml": theme})
    check_folder(folder)  # (no DataError)
    with pytest.raises(DataError) as raised:
        check_folder(write_conference(tmp_path / "bad", {"theme.yaml": 'labels:\n  index: "Index {a} $x$"\n'}))
    assert [(p.line, p.key) for p in raised.value.errors] == [(2, "labels.index")]
    assert "'{a}' is not a placeholder" in raised.value.errors[0].message


def test_a_session_given_two_track_colours_is_an_error_at_the_second(tmp_path):
    """The later colour won in silence, and lint's warnings after it named the entry before theirs."""
    theme = """\
        colours:
          tracks:
            - {session: Hierarchical Models, colour: "#F4CCCC"}
            - {session: Hierarchical Models, colour: "#DCEFD9"}
            - {session: Nonexistent Session, colour: "#DCEFD9"}
        """
    folder = theme_folder(tmp_path, theme, {})
    with pytest.raises(DataError) as caught:
        check_folder(folder)
    assert [str(p) for p in caught.value.problems if p.file == "theme.yaml"] == [
        "theme.yaml:4: colours.tracks[1].session: 'Hierarchical Models' has a colour already, at "
        "colours.tracks[0]; give each session one"]


@pytest.mark.parametrize("given", ["sections:\n", "sections: []\n"])
def test_sections_left_blank_is_an_error_not_a_book_of_covers(tmp_path, given):
    folder = theme_folder(tmp_path, "base: minimal\n" + given)
    out = tmp_path / "b.pdf"
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(out)])
    assert result.exit_code == 1
    assert ("theme.yaml:2: sections: lists no section: the booklet would hold only its covers; list the sections to "
            "print, in order, like: sections: [committees, glance, programme, abstracts, tutorials, posters, "
            "practical, sponsors, participants, index]") in result.output
    assert not out.exists()


def test_a_bad_section_is_reported_at_its_own_line(tmp_path):
    """A review: an unknown or repeated section in a `sections:` list written one a line was reported at the line of
    `sections:`, not at the item's own (a long list: the user had to find it)."""
    theme = "base: classic\nsections:\n  - committees\n  - programme\n  - abstrats\n  - index\n  - programme\n"
    folder = theme_folder(tmp_path, theme)
    out = tmp_path / "b.pdf"
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(out)])
    assert result.exit_code == 1 and not out.exists()
    lines = [line for line in result.output.splitlines() if line.startswith("theme.yaml:")]
    assert lines == [
        "theme.yaml:5: sections[2]: 'abstrats' is not one of committees, glance, programme, abstracts, tutorials, "
        "posters, practical, sponsors, participants, index (did you mean 'abstracts'?)",
        "theme.yaml:7: sections[4]: 'programme' is given twice (first at line 4)"]


def test_a_theme_choice_in_other_capitals_is_taken_as_declared(tmp_path):
    folder = theme_folder(tmp_path, "base: Minimal\npage_size: a4\nsections: [Programme, INDEX]\n")
    result = build_booklet(folder, tmp_path / "b.pdf")
    assert result.page_size == "A4"
    assert [title for title, _, _ in Pdf(tmp_path / "b.pdf").outline()] == ["Contents", "Programme", "Index of authors"]


def test_every_broken_face_beside_a_font_is_reported_at_once(tmp_path):
    files = {"fonts/My-Regular.ttf": (FONT_DIR / "NotoSans-Regular.ttf").read_bytes(),
             "fonts/My-Bold.ttf": b"junk", "fonts/My-Italic.ttf": b""}
    folder = theme_folder(tmp_path, "fonts: {text: fonts/My-Regular.ttf}\n", files)
    with pytest.raises(DataError) as caught:
        check_folder(folder)
    assert [p.message.split(",")[0] for p in caught.value.problems if p.file == "theme.yaml"] == [
        "'My-Bold.ttf'", "'My-Italic.ttf'"]


def test_a_damaged_font_file_is_named_so(tmp_path):
    """A .ttf cut short, or with a table missing, was "cannot be used as a font: 'name'" (ReportLab's KeyError)
    or "unpack requires a buffer of 2 bytes": now a message a LOC can act on."""
    files = {"fonts/Bad-Regular.ttf": b"\x00\x01\x00\x00" + bytes(100),
             "fonts/Cut-Regular.ttf": (FONT_DIR / "NotoSans-Regular.ttf").read_bytes()[:5000]}
    folder = theme_folder(tmp_path, "fonts:\n  text: fonts/Bad-Regular.ttf\n  headings: fonts/Cut-Regular.ttf\n", files)
    with pytest.raises(DataError) as caught:
        check_folder(folder)
    said = "is damaged or cut short: it starts as a TrueType font, but the tables a font holds cannot be read; " \
           "download or copy the .ttf file again"
    assert [str(p) for p in caught.value.problems if p.file == "theme.yaml"] == [
        f"theme.yaml:2: fonts.text: 'fonts/Bad-Regular.ttf' {said}",
        f"theme.yaml:3: fonts.headings: 'fonts/Cut-Regular.ttf' {said}"]


def _table_at(data: bytes, tag: bytes) -> int:
    """Where the table `tag` of a TrueType file starts."""
    tables = int.from_bytes(data[4:6], "big")
    return next(int.from_bytes(data[at + 8:at + 12], "big") for at in range(12, 12 + 16 * tables, 16)
                if data[at:at + 4] == tag)


def _cmap_spanning_everything(font: bytes, swapped: bool = False) -> bytes:
    """`font` with the character map ReportLab reads (the last subtable, in the bundled fonts) spanning more code
    points than Unicode has, as a few flipped bytes can make it: a format 4 map's every segment all of U+0000..U+FFFF
    (hundreds of segments of 65,536 code points each), a format 12 map's first group 0..2**32-1. `swapped`: the map's
    version and its count of subtables swapped too (a count of 0, which ReportLab reads as swapped)."""
    data = bytearray(font)
    cmap = _table_at(data, b"cmap")
    count = int.from_bytes(data[cmap + 2:cmap + 4], "big")
    table = cmap + int.from_bytes(data[cmap + 8 * count:cmap + 8 * count + 4], "big")  # (the last subtable's)
    if int.from_bytes(data[table:table + 2], "big") == 12:
        data[table + 16:table + 24] = b"\x00" * 4 + b"\xff" * 4  # (the first group's start and end)
    else:
        assert int.from_bytes(data[table:table + 2], "big") == 4
        segments = int.from_bytes(data[table + 6:table + 8], "big") // 2
        for n in range(segments):
            data[table + 14 + 2 * n:table + 16 + 2 * n] = b"\xff\xff"  # end
            data[table + 16 + 2 * segments + 2 * n:table + 18 + 2 * segments + 2 * n] = b"\x00\x00"  # start
    if swapped:
        data[cmap:cmap + 4] = count.to_bytes(2, "big") + b"\x00\x00"
    return bytes(data)


@pytest.mark.parametrize("font, swapped", [("NotoSans-Regular.ttf", False), ("GentiumBookPlus-Regular.ttf", False),
                                           ("NotoSans-Regular.ttf", True)])
def test_a_font_whose_character_map_spans_more_than_unicode_is_damaged_not_read_for_ever(tmp_path, font, swapped):
    """A fuzzing run: a .ttf with a few bytes of its character map flipped (a format 12 group from 0 to 2**32, or
    format 4 segments each spanning the whole plane): ReportLab counts through every code point, and check ran for
    hours. Such a map is refused before ReportLab reads it, as any damaged font is; so is one whose count of
    subtables is 0 and its version not (ReportLab reads the two swapped: the check read no subtable and let it by)."""
    files = {"fonts/Wide-Regular.ttf": _cmap_spanning_everything((FONT_DIR / font).read_bytes(), swapped)}
    folder = theme_folder(tmp_path, "fonts:\n  text: fonts/Wide-Regular.ttf\n", files)
    with pytest.raises(DataError) as caught:
        check_folder(folder)
    assert [str(p) for p in caught.value.problems if p.file == "theme.yaml"] == [
        "theme.yaml:2: fonts.text: 'fonts/Wide-Regular.ttf' is damaged: its character map (cmap) maps more characters "
        "than Unicode has; download or copy the .ttf file again"]


def test_a_font_mapping_a_character_as_far_as_unicode_goes_is_not_damaged(tmp_path):
    """A character map is refused for how many code points it spans, not for how far: a font whose last group maps a
    character of the last plane (U+10FFFD, private use) is used as any other."""
    data = bytearray((FONT_DIR / "GentiumBookPlus-Regular.ttf").read_bytes())
    cmap = _table_at(data, b"cmap")
    count = int.from_bytes(data[cmap + 2:cmap + 4], "big")
    table = cmap + int.from_bytes(data[cmap + 8 * count:cmap + 8 * count + 4], "big")  # (format 12, ReportLab's)
    last = table + 16 + 12 * (int.from_bytes(data[table + 12:table + 16], "big") - 1)
    data[last:last + 8] = (0x10FFFD).to_bytes(4, "big") * 2  # (its start and end; its glyph kept)
    folder = theme_folder(tmp_path, "fonts:\n  text: fonts/Far-Regular.ttf\n", {"fonts/Far-Regular.ttf": bytes(data)})
    check_folder(folder)
    assert font_file_problem(folder / "fonts" / "Far-Regular.ttf") is None
    assert missing_from(folder / "fonts" / "Far-Regular.ttf", "A\U0010fffd") == []


def test_a_font_whose_outlines_are_damaged_is_said_so_by_check_not_an_internal_error_of_build(tmp_path):
    """A fuzzing run: a .ttf with bytes of its glyph locations (loca) flipped read well enough for check, and build
    ended in "internal error (TTFError: unpack requires a buffer of 2 bytes)", exit 2, once it saved the PDF (only
    then does ReportLab read a font's outlines). check makes every subset now."""
    font = bytearray((FONT_DIR / "NotoSans-Regular.ttf").read_bytes())
    loca = _table_at(font, b"loca")
    font[loca + 4:loca + 4000] = b"\xff" * 3996  # glyphs far past the end of the outlines (glyf)
    folder = theme_folder(tmp_path, "fonts:\n  text: fonts/Loca-Regular.ttf\n", {"fonts/Loca-Regular.ttf": bytes(font)})
    output = tmp_path / "booklet.pdf"
    output.write_bytes(b"%PDF-1.4 older")
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(output)])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "theme.yaml:2: fonts.text: 'fonts/Loca-Regular.ttf' is damaged or cut short: it starts as a TrueType font, but "
        "the tables a font holds cannot be read; download or copy the .ttf file again")
    assert output.read_bytes() == b"%PDF-1.4 older"


def test_every_subset_of_a_font_is_made_once_per_file_content_not_on_every_build(tmp_path, monkeypatch):
    """Making every subset of a data folder's font (0.5 s of CPU for a CJK font of 40,000 characters) ran on every
    build and on every rebuild of a watch: a warm rebuild after one edit took 2.4 s instead of 0.2 s. It is made once
    per file content, the answer kept in the process and in the disk cache; with the cache off, once a process."""
    import booklet.text.fonts as booklet_fonts

    tried = []
    made = booklet_fonts._subset_every_character
    monkeypatch.setattr(booklet_fonts, "_subset_every_character", lambda face: (tried.append(face), made(face)))
    font = (FONT_DIR / "NotoSans-Regular.ttf").read_bytes() + str(tmp_path).encode()  # (bytes no other test has)
    theme = "fonts:\n  text: fonts/Own-Regular.ttf\n"
    first = theme_folder(tmp_path / "a", theme, {"fonts/Own-Regular.ttf": font})
    check_folder(first)
    check_folder(first)  # (a watch's rebuild)
    assert len(tried) == 1
    monkeypatch.setattr(booklet_fonts, "_whole", set())  # (another process: the disk cache's answer)
    check_folder(theme_folder(tmp_path / "b", theme, {"fonts/Own-Regular.ttf": font}))
    assert len(tried) == 1
    monkeypatch.setattr(booklet_fonts, "_whole", set())
    monkeypatch.setenv("BOOKLET_CACHE", "off")
    check_folder(theme_folder(tmp_path / "c", theme, {"fonts/Own-Regular.ttf": font}))
    assert len(tried) == 2


def test_a_track_colour_names_its_session_however_its_accents_are_typed(tmp_path):
    """A fuzzing run: a session written with combining accents (pasted from a PDF or a Mac) and its track colour with
    composed letters: the colour went unused, and check said "no session 'Modèles Café' (did you mean 'Modèles
    Café'?)". Ids and names were compared composed already; track colours are too, both ways."""
    decomposed, composed = unicodedata.normalize("NFD", "Modèles Café"), "Modèles Café"
    for theirs, ours in ((decomposed, composed), (composed, decomposed)):
        programme = BASE["programme.yaml"].replace("session: Inference", f"session: {theirs}")
        theme = f'colours:\n  tracks:\n    - {{session: "{ours}", colour: "#1B5E20"}}\n'
        folder = theme_folder(tmp_path / theirs[-1], theme, {"programme.yaml": programme})
        booklet, warnings = check_folder(folder)
        assert not [p for p in warnings if p.kind == "track-colour"]
        palette = make_palette(booklet.theme)
        assert palette.track(theirs) == palette.track(ours) != palette.session


def test_a_contrast_warning_for_a_base_themes_colour_says_so_and_names_the_label_as_printed(tmp_path):
    """A new user's run: `base: modern` and an accent of their own gave "theme.yaml:3: colours.tutorial: warning: the
    TUTORIAL label ... on #ECE6F5": a key their theme.yaml does not have (the modern theme's), and a label their
    German booklet prints as "KURS 1". The warning says whose colour it is and how to change it, and the label's words."""
    theme = 'base: modern\ncolours:\n  accent: "#C05000"\nlabels:\n  tutorial: "KURS {number}"\n'
    folder = theme_folder(tmp_path, theme, {"conference.yaml": textwrap.dedent(BASE["conference.yaml"])
                                            + "language: de\n"})
    _, warnings = check_folder(folder)
    found = [p for p in warnings if p.key == "colours.tutorial"]
    assert len(found) == 1 and found[0].line == 2  # (the `colours:` line: the key is not in the file)
    assert found[0].message.startswith("the label 'KURS 1', in the accent colour (#C05000) on ")
    assert found[0].message.endswith("; it is the modern theme's tutorial colour: write `tutorial:` under `colours:` "
                                      "in theme.yaml to change it")


def test_the_readmes_sections_example_is_the_default_list():
    """Copied, README's example of theme.yaml's `sections` must drop nothing: it once listed six sections of ten
    (no glance, index, participants, sponsors)."""
    from booklet.data.contract import SECTIONS

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (example,) = re.findall(r"^sections: \[([^\]]*)\]", readme, flags=re.M)
    assert tuple(example.split(", ")) == SECTIONS
    for name in THEMES:  # the built-in themes' too, which a theme.yaml without `sections` gets
        text = (THEME_DIR / f"{name}.yaml").read_text(encoding="utf-8")
        listed = re.search(r"^sections: \[([^\]]*)\]", text, flags=re.M).group(1)
        assert tuple(re.split(r",\s*", listed.strip())) == SECTIONS, name


def test_an_empty_font_file_and_an_empty_photo_are_said_to_be_empty(tmp_path):
    """A watch walk-through: a font saved as 0 bytes was "not a TrueType font file", an empty photo "not a readable
    image (cannot identify image file '/the/whole/path')"."""
    from .helpers import extend

    folder = theme_folder(tmp_path, "fonts:\n  text: fonts/Empty-Regular.ttf\n", {
        "fonts/Empty-Regular.ttf": b"", "images/face.jpg": b"",
        "abstracts.yaml": extend("abstracts.yaml", """\
            - id: extra
              title: An extra talk
              speaker: {name: Ana Photo, photo: images/face.jpg}
            """)})
    with pytest.raises(DataError) as caught:
        check_folder(folder)
    said = [str(p) for p in caught.value.problems]
    assert "theme.yaml:2: fonts.text: 'fonts/Empty-Regular.ttf' is empty (0 bytes): copy the .ttf file again" in said
    assert any(p.endswith(".speaker.photo: 'images/face.jpg': the file is empty (0 bytes): copy or save the file "
                          "again") for p in said), said


def test_a_track_colour_finds_its_session_named_in_characters_the_fonts_cannot_print(tmp_path):
    """A session named in CJK alone (`session: 東京`) prints the label title_not_printable; theme.yaml's track colour
    for it (`{session: 東京, colour: ...}`) was looked up by what prints: check warned "no session '東京' in
    programme.yaml: its colour is used nowhere" and its heading kept the default colour. It is found by what was
    written: no warning, the heading in its colour (and the other session, 京都, in the default)."""
    programme = BASE["programme.yaml"].replace("session: Inference", "session: 東京") + (
        "      - session: 京都\n        items:\n          - {time: \"15:00-16:00\", title: Discussion}\n")
    theme = 'colours:\n  tracks:\n    - {session: 東京, colour: "#DCEFD9"}\n'
    folder = theme_folder(tmp_path, theme, {"programme.yaml": programme})
    out = tmp_path / "b.pdf"
    result = build_booklet(folder, out)
    assert not [w.message for w in result.warnings if w.kind == "track-colour"]
    streams = content(out)
    assert streams.count(rgb_fill("#DCEFD9")) == 2  # (its heading in the programme, its box at a glance)


def with_fs_type(data: bytes, fs_type: int) -> bytes:
    """A TrueType file's bytes with its OS/2 fsType (embedding licence) set to `fs_type`, the table's checksum made
    right again."""
    data = bytearray(data)
    for at in range(12, 12 + 16 * int.from_bytes(data[4:6], "big"), 16):
        if data[at:at + 4] == b"OS/2":
            start, length = int.from_bytes(data[at + 8:at + 12], "big"), int.from_bytes(data[at + 12:at + 16], "big")
            data[start + 8:start + 10] = fs_type.to_bytes(2, "big")
            table = bytes(data[start:start + length]) + bytes(-length % 4)
            total = sum(int.from_bytes(table[i:i + 4], "big") for i in range(0, len(table), 4))
            data[at + 4:at + 8] = (total & 0xFFFFFFFF).to_bytes(4, "big")
            return bytes(data)
    raise AssertionError("no OS/2 table")


def test_a_font_whose_licence_forbids_embedding_is_a_warning_at_its_line_and_a_preflight_fault(tmp_path):
    """A font whose OS/2 fsType has the restricted licence bit (0x0002) and no more permissive one built without a
    word, embedded in the PDF against its licence (the print shop needs every font embedded). Now check and build warn
    at the font's line, naming the files, and preflight names the font with its pages; a font that also allows
    preview and print (0x0006) is not warned of."""
    files = {f"fonts/My-{style}.ttf": with_fs_type(renamed_font(f"NotoSans-{style}.ttf", f"NotoSans-{style}",
                                                                f"MyTextXX-{style}"), 0x0002)
             for style in ("Regular", "Bold")}
    files["fonts/Print-Regular.ttf"] = with_fs_type((FONT_DIR / "NotoSans-Regular.ttf").read_bytes(), 0x0006)
    folder = theme_folder(tmp_path, "fonts:\n  text: fonts/Print-Regular.ttf\n  headings: fonts/My-Regular.ttf\n",
                          files)
    said = ["theme.yaml:3: fonts.headings: warning: 'fonts/My-Regular.ttf': the licence of My-Regular.ttf, "
            "My-Bold.ttf forbids embedding them in a document as booklet does (OpenType fsType: restricted licence), "
            "and the print shop needs every font embedded: the PDF would break the font's licence; choose a font whose "
            "licence allows embedding (or get the foundry's permission)"]
    assert [str(p) for p in check_folder(folder)[1] if p.kind == "font-licence"] == said
    out = tmp_path / "b.pdf"
    result = build_booklet(folder, out)
    assert [str(p) for p in result.warnings if p.kind == "font-licence"] == said
    faults = [fault for fault in preflight(out).faults if "licence" in fault]
    assert [fault.split(" (page")[0] for fault in faults] == [  # (its own name: no other of it embedded)
        f"Font embedded against its licence (OpenType fsType: restricted licence, no embedding): MyTextXX-{style}"
        for style in ("Bold", "Regular")]  # (not the font that allows printing, nor the bundled ones)
    runner = CliRunner()
    printed = runner.invoke(main, ["preflight", str(out)])
    assert printed.exit_code == 1 and "Font embedded against its licence" in printed.output


@pytest.mark.parametrize("fs_type, name, font, reason", [  # (font: as long as the name it replaces, NotoSans-Regular)
    (0x0200, "Bitmap", "BitmapXX-Regular", "bitmap embedding only, no outlines"),
    (0x0100, "Whole", "WholeXXX-Regular", "no subsetting, and the PDF embeds a subset")])
def test_a_font_whose_licence_allows_only_its_bitmaps_or_the_whole_font_is_a_warning_and_a_preflight_fault(
        tmp_path, fs_type, name, font, reason):
    """A font whose OS/2 fsType has bit 9 (0x0200, bitmap embedding only: its outlines, which booklet embeds, may not
    be) or bit 8 (0x0100, no subsetting: only the whole font may be embedded, and booklet embeds every font as a
    subset) and otherwise allows embedding (installable, 0x0000) was embedded without a word. Now warned of as the
    restricted case is, at the font's line, and preflight names it with its pages."""
    files = {f"fonts/{name}-Regular.ttf": with_fs_type(renamed_font("NotoSans-Regular.ttf", "NotoSans-Regular", font),
                                                       fs_type)}
    folder = theme_folder(tmp_path, f"fonts:\n  headings: fonts/{name}-Regular.ttf\n", files)
    said = [f"theme.yaml:2: fonts.headings: warning: 'fonts/{name}-Regular.ttf': the licence of {name}-Regular.ttf "
            f"forbids embedding it in a document as booklet does (OpenType fsType: {reason}), and the print shop needs "
            "every font embedded: the PDF would break the font's licence; choose a font whose licence allows embedding "
            "(or get the foundry's permission)"]
    assert [str(p) for p in check_folder(folder)[1] if p.kind == "font-licence"] == said
    out = tmp_path / "b.pdf"
    assert [str(p) for p in build_booklet(folder, out).warnings if p.kind == "font-licence"] == said
    faults = [fault for fault in preflight(out).faults if "licence" in fault]
    assert [fault.split(" (page")[0] for fault in faults] == [  # (its own name: no other of it embedded)
        f"Font embedded against its licence (OpenType fsType: {reason}): {font}"]


def test_a_font_that_forbids_subsetting_is_no_fault_embedded_whole():
    """fsType bit 8 forbids embedding a subset, not the whole font: preflight's scan reads a font embedded under its
    own name (no subset tag, 'ABCDEF+') as whole, and finds no fault in it; tagged, it is the fault."""
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    from booklet.printing.scan import _read_font
    from booklet.text.fonts import NO_SUBSETTING

    program = DecodedStreamObject()
    program.set_data(with_fs_type((FONT_DIR / "NotoSans-Regular.ttf").read_bytes(), 0x0100))

    def read(base_font: str):
        return _read_font(1, DictionaryObject({
            NameObject("/Subtype"): NameObject("/TrueType"), NameObject("/BaseFont"): NameObject(base_font),
            NameObject("/FontDescriptor"): DictionaryObject({NameObject("/FontFile2"): program})}))

    assert read("/ABCDEF+WholeXXX-Regular").forbidden == NO_SUBSETTING
    assert read("/WholeXXX-Regular").forbidden is None


def test_font_faces_forbidden_for_different_reasons_are_each_named_with_their_own(tmp_path):
    """A family whose regular face has a restricted licence (0x0002) and whose bold face allows only its bitmaps
    (0x0200): the warning gave both reasons together, not which face had which. Each is named with its own."""
    files = {f"fonts/Mixed-{style}.ttf": with_fs_type(renamed_font(f"NotoSans-{style}.ttf", f"NotoSans-{style}",
                                                                   f"MixedXXX-{style}"), fs_type)
             for style, fs_type in (("Regular", 0x0002), ("Bold", 0x0200))}
    folder = theme_folder(tmp_path, "fonts:\n  headings: fonts/Mixed-Regular.ttf\n", files)
    assert [str(p) for p in check_folder(folder)[1] if p.kind == "font-licence"] == [
        "theme.yaml:2: fonts.headings: warning: 'fonts/Mixed-Regular.ttf': the licence of Mixed-Regular.ttf, "
        "Mixed-Bold.ttf forbids embedding them in a document as booklet does (OpenType fsType: Mixed-Regular.ttf: "
        "restricted licence; Mixed-Bold.ttf: bitmap embedding only, no outlines), and the print shop needs every font "
        "embedded: the PDF would break the font's licence; choose a font whose licence allows embedding (or get the "
        "foundry's permission)"]


def test_a_font_is_named_by_its_own_booklet_s_fonts_not_by_a_folder_built_before_in_the_process(tmp_path):
    """Two font files with one PostScript name: the second parsed in a process got a suffix (its digest) in every PDF
    after, embedding it alone or not. A booklet built after another folder's (a watch, the library API; tests in one
    pytest worker) named its font 'ClashXXX-Regular-dd27cf', where a build of its own named it 'ClashXXX-Regular'.
    Now a font is named apart only in a PDF that embeds another of its name: both are, each by its file's digest."""
    own = renamed_font("NotoSans-Regular.ttf", "NotoSans-Regular", "ClashXXX-Regular")
    other = with_fs_type(own, 0x0008)  # (editable: embedding allowed; other bytes, the same PostScript name)
    build_booklet(theme_folder(tmp_path / "other", "fonts: {text: fonts/Other-Regular.ttf}\n",
                               {"fonts/Other-Regular.ttf": other}), tmp_path / "other.pdf")
    assert "ClashXXX-Regular" in base_fonts(tmp_path / "other.pdf")
    build_booklet(theme_folder(tmp_path / "own", "fonts: {text: fonts/Own-Regular.ttf}\n",
                               {"fonts/Own-Regular.ttf": own}), tmp_path / "own.pdf")
    names = base_fonts(tmp_path / "own.pdf")
    assert "ClashXXX-Regular" in names and not any(n.startswith("ClashXXX-Regular-") for n in names), names
    both = theme_folder(tmp_path / "both", "fonts: {text: fonts/Own-Regular.ttf, headings: fonts/Other-Regular.ttf}\n",
                        {"fonts/Own-Regular.ttf": own, "fonts/Other-Regular.ttf": other})
    build_booklet(both, tmp_path / "both.pdf")
    suffixes = {n[len("ClashXXX-Regular-"):] for n in base_fonts(tmp_path / "both.pdf") if n.startswith("ClashXXX")}
    assert suffixes == {hashlib.sha1(own).hexdigest()[:6], hashlib.sha1(other).hexdigest()[:6]}


def test_a_font_has_one_name_in_every_document_of_a_booklet_whichever_fonts_each_embeds(tmp_path):
    """The parts of a `--jobs 2` build are documents of their own, put together: a part that embedded only one of two
    fonts of one PostScript name named it without the suffix another part gave it, so that the booklet held one font
    under two names (and, with a part of each, two fonts under one). The suffix is decided by the booklet's fonts: a
    document drawing with the text font alone, and one with the headings font alone, name each apart. A bundled font
    keeps its name (a proof's overlay, drawn with the bundled fonts, names them as the pages it lies over do): a file
    of the data folder of a bundled font's name is named apart."""
    from reportlab.pdfgen.canvas import Canvas

    from booklet.text.fonts import _BUNDLED_NAMES, BODY, BUNDLED, SANS, Family, FontSet, _font_file

    bundled = {path for family in BUNDLED.values() for _, path in family.faces()}
    assert {_font_file(path).face.name: path.name for path in bundled} == _BUNDLED_NAMES  # (each its own name)

    def embedded(fonts: FontSet, font: str) -> set[str]:
        use_fonts(fonts)
        canv = Canvas(str(tmp_path / "part.pdf"), invariant=1, initialFontName=font)
        canv.drawString(10, 10, "Part")
        canv.save()
        return base_fonts(tmp_path / "part.pdf")

    own = renamed_font("NotoSans-Regular.ttf", "NotoSans-Regular", "ClashXXX-Regular")
    other = with_fs_type(own, 0x0008)  # (other bytes, the same PostScript name)
    noto = with_fs_type((FONT_DIR / "NotoSans-Regular.ttf").read_bytes(), 0x0008)  # (a bundled font's name)
    for name, data in (("Own", own), ("Other", other), ("Noto", noto)):
        (tmp_path / f"{name}-Regular.ttf").write_bytes(data)
    both = FontSet(Family(tmp_path / "Own-Regular.ttf"), Family(tmp_path / "Other-Regular.ttf"), DEFAULT.fallbacks)
    assert [embedded(both, font) for font in (BODY, SANS, BODY)] == [
        {"ClashXXX-Regular-" + hashlib.sha1(data).hexdigest()[:6]} for data in (own, other, own)]
    alone = FontSet(Family(tmp_path / "Own-Regular.ttf"), DEFAULT.headings, DEFAULT.fallbacks)
    assert embedded(alone, BODY) == {"ClashXXX-Regular"}  # (no other of its name among the fonts)
    beside = FontSet(Family(tmp_path / "Noto-Regular.ttf"), DEFAULT.headings, DEFAULT.fallbacks)
    assert embedded(beside, BODY) == {"NotoSans-Regular-" + hashlib.sha1(noto).hexdigest()[:6]}
    assert embedded(beside, SANS) == embedded(DEFAULT, SANS) == {"NotoSans-Regular"}


def test_what_the_text_fonts_show_is_asked_again_of_the_fonts_a_theme_change_puts_in_use():
    """fonts.all_in_text_fonts keeps the characters the text fonts showed (a warm process converts many texts): a watch
    whose theme changes its fonts must not answer by the fonts before, for a character the new ones lack or have."""
    from booklet.text.fonts import BUNDLED, FontSet, all_in_text_fonts, all_printable

    math = FontSet(BUNDLED["Noto Sans Math"], BUNDLED["Noto Sans Math"])  # (no é; a ∑)
    use_fonts(DEFAULT)
    assert all_in_text_fonts({"a", "é"}) and not all_in_text_fonts({"a", "\u2211"})
    use_fonts(math)
    assert not all_in_text_fonts({"a", "é"}) and all_in_text_fonts({"a", "\u2211"})
    assert not all_printable({"é"})  # (no fallback font either)
    use_fonts(DEFAULT)
    assert all_in_text_fonts({"é"}) and not all_in_text_fonts({"\u2211"}) and all_printable({"é"})


def test_empty_sections_track_colour_and_fallback_are_said(tmp_path):
    """A second fuzzing run (wrong types at every key of theme.yaml): `sections: " "` made a booklet of its covers
    alone, `tracks: [{session: ..., colour: ""}]` left the track without its colour, and `fallback: ""` left no
    fallback font (math and symbols unprintable), each without a word. The first two are errors at their key (as
    `sections: ""` and a required key left out are), the third the warning `text: ""` gives, the base theme's
    fallback fonts used."""
    from booklet.data.validate import read_booklet

    folder = theme_folder(tmp_path, 'sections: " "\ncolours:\n  tracks:\n    - {session: Inference, colour: ""}\n')
    with pytest.raises(DataError) as raised:
        read_booklet(folder)
    assert [(p.file, p.line, p.key, p.message) for p in raised.value.problems if p.severity == "error"] == [
        ("theme.yaml", 1, "sections", "lists no section: the booklet would hold only its covers; list the sections "
         "to print, in order, like: sections: [committees, glance, programme, abstracts, tutorials, posters, "
         "practical, sponsors, participants, index]"),
        ("theme.yaml", 4, "colours.tracks[0].colour", "must not be empty")]
    booklet, warnings = read_booklet(theme_folder(tmp_path / "b", 'fonts: {fallback: ""}\n'))
    assert booklet.theme.fonts["fallback"] == ("Noto Sans Math", "Noto Sans Symbols 2")
    assert [(p.file, p.line, p.key, p.message) for p in warnings] == [
        ("theme.yaml", 1, "fonts.fallback", "an empty font: the base theme's font is used (name a font, or leave the "
         "key out)")]
