"""Straight quotes, as a keyboard types them, print as the language's quotation marks: “nuisance” and practitioner’s
in English, „nuisance“ in German, « nuisance » in French; theme.yaml's label `quotes` sets other marks (straight
ones keep them straight), and a mark it cannot use is an error at its line."""

from __future__ import annotations

import re

import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner

from booklet.build import build_booklet
from booklet.cli import main
from booklet.text.quotes import curly_quotes
from .helpers import BASE, write_conference

ENGLISH = ("\u201c", "\u201d", "\u2018", "\u2019")
GERMAN = ("\u201e", "\u201c", "\u201a", "\u2018")
FRENCH = ("\u00ab\u00a0", "\u00a0\u00bb", "\u2039\u00a0", "\u00a0\u203a")


@pytest.mark.parametrize("text, expected", [
    ('a "nuisance" parameter', "a \u201cnuisance\u201d parameter"),
    ("a practitioner's guide; the authors' code", "a practitioner\u2019s guide; the authors\u2019 code"),
    ("'single' quotes", "\u2018single\u2019 quotes"),
    ('<b>"bold"</b> and "<i>it</i>"', "<b>\u201cbold\u201d</b> and \u201c<i>it</i>\u201d"),
    ('<font name="Sans">x</font> y', '<font name="Sans">x</font> y'),  # a tag's attributes are left as they are
    ("no quote at all", "no quote at all"),
    # addresses print as written; a line break is white space to the quotes beside it (a room on its own line)
    ("see https://ex.org/it's or o'brien@example.org, it's", "see https://ex.org/it's or o'brien@example.org, "
                                                              "it\u2019s"),
    ("<b>Imaging</b><br/>'Aurora' Hall", "<b>Imaging</b><br/>\u2018Aurora\u2019 Hall"),
    # not quotation marks: an attribute's value as a text may show it, inches and feet; a quote never closed
    ('Text with &lt;a href="x"&gt;no link&lt;/a&gt;', 'Text with &lt;a href="x"&gt;no link&lt;/a&gt;'),
    ("Model(name='Fred') and \"version 0.9\", the 1990's", "Model(name='Fred') and \u201cversion 0.9\u201d, the "
                                                            "1990\u2019s"),
    ('he said "yes', 'he said "yes'),
])
def test_straight_quotes_become_the_marks_given(text, expected):
    assert curly_quotes(text, ENGLISH) == expected


def test_each_language_has_its_marks():
    assert curly_quotes('"Ja" und \'nein\'', GERMAN) == "\u201eJa\u201c und \u201anein\u2018"
    assert curly_quotes('"oui"', FRENCH) == "\u00ab\u00a0oui\u00a0\u00bb"


def _abstracts(text: str, extra: str = "") -> str:
    return BASE["abstracts.yaml"].replace("abstract: Some text.", f"abstract: {text}{extra}")


def _pages(path) -> list[str]:
    pdf = pdfium.PdfDocument(str(path))
    return [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]


TEXT = """'A "nuisance" parameter, a practitioner''s guide and $f''(x)$.'"""


def test_an_english_booklet_prints_english_marks_and_keeps_a_prime_in_math(tmp_path):
    data = write_conference(tmp_path / "conf", {"abstracts.yaml": _abstracts(TEXT)})
    text = "".join(_pages(build_booklet(data, tmp_path / "b.pdf").output))
    assert "A \u201cnuisance\u201d parameter, a practitioner\u2019s guide and" in text
    assert "f\u2032(x)" in text.replace(" ", "")
    assert '"' not in text and "'" not in text


def test_a_german_booklet_prints_german_marks_and_an_english_abstract_english_ones(tmp_path):
    conference = BASE["conference.yaml"] + "language: de\n"
    english = _abstracts(TEXT, "\n  language: en")
    data = write_conference(tmp_path / "conf", {"conference.yaml": conference, "abstracts.yaml": english.replace(
        "abstract: More text.", "abstract: 'Ein \"Störfaktor\" hier.'")})
    text = "".join(_pages(build_booklet(data, tmp_path / "b.pdf").output))
    assert "A \u201cnuisance\u201d parameter" in text  # its own language: English
    assert "Ein \u201eStörfaktor\u201c hier." in text


def test_the_theme_sets_other_marks_and_straight_ones_stay_straight(tmp_path):
    theme = "labels:\n  quotes: \"\\\" \\\" ' '\"\n"
    data = write_conference(tmp_path / "conf", {"abstracts.yaml": _abstracts(TEXT), "theme.yaml": theme})
    text = "".join(_pages(build_booklet(data, tmp_path / "b.pdf").output))
    assert "A \"nuisance\" parameter, a practitioner's guide" in text  # (and its apostrophe, as straight)


def test_a_name_with_an_apostrophe_prints_the_same_on_its_page_in_the_index_and_in_the_running_head(tmp_path):
    abstracts = BASE["abstracts.yaml"].replace("Ana Smith", "Siobhan O'Brien")
    conference = BASE["conference.yaml"].replace("short_title: TC2027", "short_title: Women's Workshop 2027")
    data = write_conference(tmp_path / "conf", {"abstracts.yaml": abstracts, "conference.yaml": conference})
    pages = _pages(build_booklet(data, tmp_path / "b.pdf").output)
    assert not any("O'Brien" in page or "Women's" in page for page in pages)
    index = next(page for page in pages if page.startswith("Index of authors"))
    assert "O\u2019Brien, Siobhan" in index
    assert any("Siobhan O\u2019Brien" in page for page in pages)
    assert any("Women\u2019s Workshop 2027" in page for page in pages)  # the running head of a left page


def test_marks_the_booklet_cannot_use_are_an_error_at_their_line(tmp_path):
    data = write_conference(tmp_path / "conf", {"theme.yaml": 'labels:\n  quotes: "<< >>"\n'})
    result = CliRunner().invoke(main, ["check", str(data)])
    assert result.exit_code == 1
    assert ("theme.yaml:2: labels.quotes: '<< >>' is not four quotation marks with a space between them (opening "
            "and closing double, opening and closing single); write it like: quotes: \u201c \u201d \u2018 \u2019"
            ) in result.output


def test_an_entry_in_another_language_has_its_marks_in_its_title_wherever_it_prints(tmp_path):
    """A review: a French abstract's title had « » in the glance, “ ” on its page and in the programme, while its text
    had « ». Its title takes its language's marks everywhere (and stays unhyphenated, as titles are)."""
    abstracts = BASE["abstracts.yaml"].replace("title: A talk about Lund", """title: 'Le "bruit" des étoiles'""") \
        .replace("abstract: Some text.", "abstract: 'Un \"signal\" ici.'\n  language: fr")
    data = write_conference(tmp_path / "conf", {"abstracts.yaml": abstracts})
    pages = _pages(build_booklet(data, tmp_path / "b.pdf").output)
    printed = [page for page in pages if "bruit" in page]
    assert len(printed) >= 3  # the glance, the programme, the abstract's page
    # (the marks' thin spaces, U+202F, are glyphs pdfium reads as a space only where the gap looks wide enough)
    for page in printed:
        assert "Le\u00abbruit\u00bbdesétoiles" in re.sub(r"\s", "", page), page[:200]
    assert any("Un\u00absignal\u00bbici." in re.sub(r"\s", "", page) for page in pages)


def test_marks_are_markup_escaped():
    """A fuzzing run: `quotes: "<< >> < >"` (guillemets typed as ASCII) took the quoted word for a tag: it vanished."""
    assert curly_quotes('a "nuisance" x', ("<<", ">>", "<", ">")) == "a &lt;&lt;nuisance&gt;&gt; x"


def test_an_entry_in_the_booklet_s_language_written_otherwise_keeps_the_theme_s_marks(tmp_path):
    """`language: EN` on an abstract of an English booklet whose theme sets « » took the built-in “ ”."""
    abstracts = _abstracts("'A \"learned\" prior.'", "\n  language: EN")
    theme = "labels:\n  quotes: \"\u00ab \u00bb \u2039 \u203a\"\n"
    data = write_conference(tmp_path / "conf", {"abstracts.yaml": abstracts, "theme.yaml": theme})
    text = "".join(_pages(build_booklet(data, tmp_path / "b.pdf").output))
    assert "A \u00ablearned\u00bb prior." in text


@pytest.mark.parametrize("language, outer, inner", [
    ("pl", ("\u201e", "\u201d"), ("\u00ab", "\u00bb")),  # „x” «x» (CLDR's delimiters, as quotation-marks.yaml)
    ("cs", ("\u201e", "\u201c"), ("\u201a", "\u2018")),  # „x“ ‚x‘
    ("sv", ("\u201d", "\u201d"), ("\u2019", "\u2019")),  # ”x” ’x’
    ("hu", ("\u201e", "\u201d"), ("\u00bb", "\u00ab")),  # „x” »x«
    ("ru", ("\u00ab", "\u00bb"), ("\u201e", "\u201c")),  # «x» „x“
    ("nb", ("\u00ab", "\u00bb"), ("\u2018", "\u2019")),  # «x» ‘x’
])
def test_a_booklet_in_a_language_without_words_of_its_own_prints_its_quotation_marks(tmp_path, language, outer,
                                                                                      inner):
    """A Polish (Czech, Swedish, ...) booklet printed English “ ” for the quotes typed in its texts, and “ ” around
    the back cover's quote: booklet has no label table in those languages, and so none of their marks. Their marks
    come from CLDR's delimiters, inner ones for a quote in a quote."""
    conference = (BASE["conference.yaml"] + f"language: {language}\n"
                  "quote: {text: Wszystkie modele są błędne, author: George Box}\n")
    text = """'A "nuisance" parameter: "the ''inner'' one", the practitioner''s guide.'"""
    data = write_conference(tmp_path / "conf", {"conference.yaml": conference, "abstracts.yaml": _abstracts(text)})
    pages = _pages(build_booklet(data, tmp_path / "b.pdf").output)
    joined = "".join(pages)
    assert f"A {outer[0]}nuisance{outer[1]} parameter" in joined
    assert f"{outer[0]}the {inner[0]}inner{inner[1]} one{outer[1]}" in joined
    assert "practitioner\u2019s guide" in joined
    assert f"{outer[0]}Wszystkie modele są błędne{outer[1]}" in pages[-1]  # the back cover
    assert "\u201cnuisance" not in joined and "\u201cWszystkie" not in joined


@pytest.mark.parametrize("language, quotes", [
    ("zh-Hant", "\u300c \u300d \u300e \u300f"),  # 「 」 『 』
    ("zh-TW", "\u300c \u300d \u300e \u300f"),  # Taiwan's Chinese is Traditional (CLDR's likely subtags)
    ("zh-HK", "\u300c \u300d \u300e \u300f"),
    ("zh-CN", "\u201c \u201d \u2018 \u2019"),  # “ ” ‘ ’
    ("zh", "\u201c \u201d \u2018 \u2019"),
])
def test_a_region_that_writes_traditional_chinese_takes_its_quotation_marks(language, quotes):
    """'zh-TW' names no script, and took Simplified Chinese's “ ” where Taiwan writes 「 」."""
    from booklet.data.theme import labels_for

    words = labels_for(language, {})
    assert words["quotes"] == quotes
    assert words["quote"] == f"{quotes[0]}{{text}}{quotes[2]}"


@pytest.mark.parametrize("language, quotes", [
    ("de-CH", "\u00ab \u00bb \u2039 \u203a"),  # Swiss German: « » ‹ › (CLDR's de_CH), not German's „ “
    ("de_CH", "\u00ab \u00bb \u2039 \u203a"),
    ("de-AT", "\u201e \u201c \u201a \u2018"),  # Austria writes German's „ “ ‚ ‘
    ("pt-PT", "\u00ab \u00bb \u201c \u201d"),  # European Portuguese: « » “ ” (CLDR's pt_PT), not Brazil's “ ”
    ("pt-BR", "\u201c \u201d \u2018 \u2019"),
])
def test_a_region_whose_marks_differ_from_its_language_s_table_takes_its_own(tmp_path, language, quotes):
    """A booklet in Swiss German printed German „ “ and one in European Portuguese Brazil's “ ”: the regional
    code fell back to its language's label table, whose marks are another country's."""
    from booklet.data.theme import labels_for

    words = labels_for(language, {})
    assert words["quotes"] == quotes
    assert words["quote"] == f"{quotes[0]}{{text}}{quotes[2]}"
    if language == "de-CH":
        conference = BASE["conference.yaml"] + "language: de-CH\nquote: {text: Alle Modelle sind falsch, author: Box}\n"
        data = write_conference(tmp_path / "conf", {"conference.yaml": conference,
                                                    "abstracts.yaml": _abstracts("""'Ein "Störparameter".'""")})
        pages = _pages(build_booklet(data, tmp_path / "b.pdf").output)
        assert "Ein \u00abStörparameter\u00bb." in "".join(pages)
        assert "\u00abAlle Modelle sind falsch\u00bb" in pages[-1]
