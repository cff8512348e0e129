"""`language:` -> the booklet's fixed words, its dates (CLDR, never the process locale), its
hyphenation and the PDF's /Lang; theme.yaml's `labels:` over them; an unknown code is an error.

The sample conference is built twice (German; French with a theme.yaml label), once each per run.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
import yaml

from booklet.build import PrintOptions, build_booklet
from booklet.data.contract import CONFERENCE, LABEL_KEYS, LABEL_WORDS
from booklet.data.theme import LABEL_DIR, label_languages, label_problem, labels_for
from booklet.data.validate import read_booklet
from booklet.layout.styles import hyphenation_language
from booklet.problems import DataError
from booklet.text import dates
from booklet.text.fonts import font_for_char
from .helpers import BASE, DATA, extend, write_conference
from .pdftext import Pdf

SHIPPED = ("en", "de", "es", "fr", "it", "nl", "pt")


def build_sample(folder: Path, language: str, theme: str | None = None) -> Pdf:
    shutil.copytree(DATA, folder / "data")
    conference = folder / "data" / "conference.yaml"
    conference.write_text(conference.read_text(encoding="utf-8") + f"language: {language}\n", encoding="utf-8")
    if theme:
        (folder / "data" / "theme.yaml").write_text(theme, encoding="utf-8")
    # (padded to eight pages: a Notes page at the end, whose heading is a label too)
    build_booklet(folder / "data", folder / "booklet.pdf", options=PrintOptions(pad_to=8))
    return Pdf(folder / "booklet.pdf")


@pytest.fixture(scope="module")
def german(tmp_path_factory):
    return build_sample(tmp_path_factory.mktemp("de"), "de")


@pytest.fixture(scope="module")
def french(tmp_path_factory):
    return build_sample(tmp_path_factory.mktemp("fr"), "fr", "labels:\n  hashtag: Mot-dièse\n")


def text_of(pdf: Pdf) -> str:
    return "\n".join(pdf.texts)


# -- a German and a French booklet --------------------------------------------------------------

def test_german_booklet_words_and_dates(german):
    cover, contents = german.lines(0), german.lines(1)
    assert "14.\u2013" "18. Juni 2027" in cover
    assert contents[:8] == ["Inhalt", "Komitees", "3", "Programm auf einen Blick", "4", "Programm", "6",
                            "Montag, 14. Juni"]
    assert {"Kurzfassungen", "Tutorien", "Poster", "Praktische Hinweise", "Freitag, 18. Juni"} <= set(contents)
    (day,) = [i for i in range(len(german)) if "TAG 1" in german.lines(i)]
    assert german.lines(day)[:4] == ["14.", "TAG 1", "Montag", "Juni 2027"]  # the day as in "14. Juni"
    assert "Montag, 14. Juni" not in german.lines(day)  # its heading the page's head: no running head
    assert german.lines(day + 1)[0] == "Montag, 14. Juni (Fortsetzung)"
    assert german.lines(day + 1)[-3:-1] == ["Montag, 14. Juni", "Programm"]  # the running head
    text = text_of(german)
    for words in ("Vorsitz: ", "EINGELADENER VORTRAG", "HAUPTVORTRAG", "Montag, 14. Juni (Fortsetzung)",
                  "PARALLELE SITZUNGEN", "TUTORIUM 1", "VORTRAG \u00b7 Dienstag, 15. Juni \u00b7 ",
                  "Vortragende Person unterstrichen.", "Leitung", "Orte", "Kontakt", "Notizen"):
        assert words in text, words
    for english in ("Programme", "Abstracts", "Contents", "Committees", "Practical information", "DAY 1",
                    "PARALLEL SESSIONS", "(continued)", "INVITED TALK", "KEYNOTE", "TUTORIAL", "Presenter",
                    "Presenting author", "Notes", "Monday", "June"):
        assert english not in text, english


def test_german_running_heads_outline_subject_and_lang(german):
    heads = [german.lines(page)[-3:-1] for page in german.pages_with("VORTRAG \u00b7 Montag")]
    assert ["Montag, 14. Juni", "Kurzfassungen"] in heads  # the running head of a right-hand page
    outline = german.outline()
    assert [title for title, _, _ in outline] == ["Inhalt", "Komitees", "Programm auf einen Blick", "Programm",
                                                  "Kurzfassungen", "Tutorien", "Poster", "Praktische Hinweise",
                                                  "Venue map", "Sponsoren", "Teilnehmende", "Autorenverzeichnis"]
    programme = dict((t, kids) for t, _, kids in outline)["Programm"]
    assert [t for t, _, _ in programme][:2] == ["Montag, 14. Juni", "Dienstag, 15. Juni"]
    assert german.reader.trailer["/Root"]["/Lang"] == "de"
    assert german.reader.metadata.subject.startswith("Programm und Kurzfassungen, ")


def test_french_booklet_words_dates_and_a_theme_label(french):
    cover, contents = french.lines(0), french.lines(1)
    assert "14\u201318 juin 2027" in cover
    assert contents[:8] == ["Sommaire", "Comités", "3", "Le programme en un coup d’œil", "4", "Programme", "6",
                            "Lundi 14 juin"]  # opens a line: capital
    assert {"Résumés", "Tutoriels", "Posters", "Informations pratiques", "Vendredi 18 juin"} <= set(contents)
    (day,) = [i for i in range(len(french)) if "JOUR 1" in french.lines(i)]
    assert french.lines(day)[:4] == ["14", "JOUR 1", "Lundi", "juin 2027"]  # the heading's second line: no capital
    text = text_of(french)
    for words in ("JOUR 1", "Lundi 14 juin (suite)", "SESSIONS PARALLÈLES", "CONFÉRENCE INVITÉE",
                  "CONFÉRENCE INVITÉE \u00b7 lundi 14 juin \u00b7 ",  # within a line: as CLDR writes it
                  "TUTORIEL 1", "Animé par", "Lieux", "Mot-dièse"):
        assert words in text, words
    assert re.search(r"Présidence de séance\s: ", text)  # a no-break space before the colon
    assert "Hashtag" not in text  # theme.yaml's label, over the French table's
    assert french.reader.trailer["/Root"]["/Lang"] == "fr"
    assert french.reader.metadata.subject.startswith("Programme et résumés, ")


def test_the_line_over_an_abstract_breaks_between_its_parts_not_inside_the_room(german):
    over = [line for page in range(len(german)) for line in german.lines(page) if "VORTRAG \u00b7 " in line]
    assert any(line.endswith("\u00b7") for line in over)  # the longer lines break: after a part
    for page in range(len(german)):
        for line in german.lines(page):
            assert not line.endswith(("Aurora", "Lyra", "Seminar", "Dienstag,")), (page, line)


def test_the_back_covers_quote_is_in_the_languages_quotation_marks(german, french):
    quote = "A measurement without an error bar is only half a sentence."
    assert german.lines(len(german) - 1)[0] == f"\u201e{quote}\u201c"
    assert french.lines(len(french) - 1)[0] == f"\u00ab\u202f{quote}\u202f\u00bb"  # (thin no-break spaces)


def test_dates_the_fonts_cannot_print_are_a_warning_at_the_language(tmp_path):
    from booklet.check import check_folder

    folder = write_conference(tmp_path / "ja", {"conference.yaml": extend("conference.yaml", "language: ja\n")})
    warnings = [p for p in check_folder(folder)[1] if p.kind == "glyph"]
    assert [str(p) for p in warnings] == [
        "conference.yaml:5: language: warning: the booklet's fonts cannot print the dates in 'ja': "
        "'年' (U+5E74), '月' (U+6708), '日' (U+65E5), '～' (U+FF5E), '曜' (U+66DC) are left out (the "
        "cover's '2027年9月13日～14日' prints as '202791314'); give theme.yaml's `fonts:` a font that has them, or "
        "write the booklet in another language",
        # (its quotation marks, CLDR's: resources/quotation-marks.yaml)
        "conference.yaml:5: language: warning: the booklet's fonts cannot print '「' (U+300C), '」' (U+300D), "
        "'『' (U+300E), '』' (U+300F) of its words in 'ja' (the labels quote, quotes); left out: give theme.yaml's "
        "`fonts:` a font that has them"]
    swedish = write_conference(tmp_path / "sv", {"conference.yaml": extend("conference.yaml", "language: sv\n")})
    assert not [p for p in check_folder(swedish)[1] if p.kind == "glyph"]


def test_a_language_without_words_gets_english_words_and_its_own_dates(tmp_path):
    folder = write_conference(tmp_path / "conf", {"conference.yaml": extend("conference.yaml", "language: sv\n")})
    build_booklet(folder, tmp_path / "sv.pdf")
    pdf = Pdf(tmp_path / "sv.pdf")
    assert "13\u201314 september 2027" in pdf.lines(0)
    assert pdf.lines(1)[:8] == ["Contents", "Programme at a glance", "3", "Programme", "4", "Måndag 13 september",
                                "4", "Abstracts"]
    assert pdf.reader.trailer["/Root"]["/Lang"] == "sv"


def test_the_pdf_language_is_a_bcp47_tag(tmp_path):
    folder = write_conference(tmp_path / "conf", {"conference.yaml": extend("conference.yaml", "language: pt_BR\n")})
    build_booklet(folder, tmp_path / "pt.pdf", options=None)
    pdf = Pdf(tmp_path / "pt.pdf")
    assert pdf.reader.trailer["/Root"]["/Lang"] == "pt-BR"
    assert "Programa" in pdf.lines(1)


# -- dates ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("language, day, cover", [
    ("en", "Monday 14 June", "14\u201318 June 2027"),  # (CLDR's thin spaces between the numbers closed up)
    ("en-US", "Monday, June 14", "June 14\u201318, 2027"),
    ("de", "Montag, 14. Juni", "14.\u201318. Juni 2027"),
    ("de-AT", "Montag, 14. Juni", "14.\u201318. Juni 2027"),
    ("fr", "lundi 14 juin", "14\u201318 juin 2027"),
    ("es", "lunes, 14 de junio", "14\u201318 de junio de 2027"),
    ("it", "lunedì 14 giugno", "14\u201318 giugno 2027"),
    ("pt", "segunda-feira, 14 de junho", "14\u201318 de junho de 2027"),
    ("nl", "maandag 14 juni", "14\u201318 juni 2027"),
])
def test_day_titles_and_cover_ranges_from_cldr(language, day, cover):
    assert dates.day_and_date(dt.date(2027, 6, 14), language) == day
    assert dates.date_range(dt.date(2027, 6, 14), dt.date(2027, 6, 18), language) == cover


def test_ranges_across_months_and_years_and_one_day():
    assert dates.date_range(dt.date(2019, 7, 22), dt.date(2019, 7, 26), "de") == "22.\u201326. Juli 2019"
    assert dates.date_range(dt.date(2019, 7, 22), dt.date(2019, 7, 26), "fr") == "22\u201326 juillet 2019"
    assert dates.date_range(dt.date(2027, 9, 29), dt.date(2027, 10, 3), "fr") == "29 septembre\u2009\u2013\u20093 octobre 2027"
    assert dates.date_range(dt.date(2027, 12, 30), dt.date(2028, 1, 2), "de") == "30. Dezember 2027\u2009\u2013\u20092. Januar 2028"
    assert dates.date_range(dt.date(2027, 12, 30), dt.date(2028, 1, 2), "en") == "30 December 2027\u2009\u2013\u20092 January 2028"
    assert dates.date_range(dt.date(2027, 9, 29), dt.date(2027, 10, 3), "en-US") == "September 29\u2009\u2013\u2009October 3, 2027"
    assert dates.date_range(dt.date(2027, 9, 13), dt.date(2027, 9, 13), "it") == "13 settembre 2027"
    assert dates.date_range(dt.date(2027, 9, 13), dt.date(2027, 9, 17), "cs") == "13. září 2027\u2009\u2013\u200917. září 2027"  # not 13.–17. 9. 2027
    assert dates.full_date(dt.date(2019, 7, 22), "de") == "Montag, 22. Juli 2019"
    assert dates.full_date(dt.date(2019, 7, 22), "fr") == "lundi 22 juillet 2019"
    assert dates.at_line_start("lundi 14 juin") == "Lundi 14 juin"


def test_no_date_depends_on_the_process_locale():
    """strftime's names (%A, %a, %B, %b) follow the process locale: the booklet uses CLDR's instead."""
    package = Path(__file__).resolve().parent.parent / "booklet"
    found = [f"{path.name}: {m.group(0)}" for path in package.rglob("*.py")
             for m in re.finditer(r"\{[^{}\n]*:[^{}\n]*%[aAbBcxX][^{}\n]*\}|strftime\([^)]*%[aAbBcxX]",
                                  path.read_text(encoding="utf-8"))]
    assert found == []


@pytest.mark.parametrize("language", SHIPPED)
def test_hyphenation_follows_the_language(language):
    assert hyphenation_language(language) is not None
    assert hyphenation_language(language).split("_")[0] == language


# -- the label tables -------------------------------------------------------------------------------

def test_the_shipped_tables_are_the_languages_booklet_names():
    assert label_languages() == SHIPPED
    assert ", ".join(sorted(SHIPPED)) in CONFERENCE["language"].doc


@pytest.mark.parametrize("language", SHIPPED)
def test_every_label_has_a_value_in_every_table_and_nothing_else(language):
    table = yaml.safe_load((LABEL_DIR / f"{language}.yaml").read_text(encoding="utf-8"))
    assert list(table) == list(LABEL_KEYS)
    for key, words in table.items():
        assert isinstance(words, str) and words.strip() == words and words, (key, words)
        assert label_problem(key, words) is None, (key, words)
        assert [ch for ch in words if font_for_char(ch) != ""] == [], (key, words)  # the text fonts print it
        if LABEL_WORDS[key][1].isupper():  # INVITED TALK, DAY {number}: in capitals in every language
            assert re.sub(r"\{\w+\}", "", words).isupper(), (key, words)


def test_english_table_is_the_contracts_english():
    assert labels_for("en", {}) == {key: english for key, (_, english) in LABEL_WORDS.items()}


def test_labels_fall_back_to_the_base_language_then_english_and_the_theme_wins():
    assert labels_for("de-AT", {})["programme"] == "Programm"
    assert labels_for("sv", {})["programme"] == "Programme"
    assert labels_for("de", {"programme": "Zeitplan"})["programme"] == "Zeitplan"


# -- wrong codes and wrong labels: errors with file, line and key ---------------------------------

def test_an_unknown_language_is_an_error_listing_the_languages(tmp_path):
    folder = write_conference(tmp_path / "conf", {"conference.yaml": extend("conference.yaml", "language: xx\n")})
    with pytest.raises(DataError) as caught:
        read_booklet(folder)
    (problem,) = caught.value.problems  # an error, and no warning for the same code
    assert str(problem) == (
        "conference.yaml:5: language: 'xx' is not a language code (ISO 639, like en, de or fr; en-GB with a region); "
        "booklet has its words in en (English), de (German), es (Spanish), fr (French), it (Italian), nl (Dutch), "
        "pt (Portuguese); any other language that CLDR knows (sv, pl, ja, ...) works too, with English words "
        "unless theme.yaml's `labels:` gives them")


@pytest.mark.parametrize("written", ["''", '" "'])
def test_an_empty_language_is_an_error(tmp_path, written):
    """`language: ''` (a template's key not filled in) was taken as English without a word, as an abstract's own
    `language: ''` was taken as the booklet's. An empty code is no code, which the format makes an error; `language:`
    with nothing (YAML's null) is the key left out, as elsewhere."""
    from click.testing import CliRunner

    from booklet.cli import main

    folder = write_conference(tmp_path / "conf", {
        "conference.yaml": extend("conference.yaml", f"language: {written}\n"),
        "abstracts.yaml": BASE["abstracts.yaml"].replace("\n  title: ", f"\n  language: {written}\n  title: ", 1)})
    with pytest.raises(DataError) as caught:
        read_booklet(folder)
    assert [(p.file, p.line, p.key, p.severity, p.message) for p in caught.value.problems] == [
        ("conference.yaml", 5, "language", "error", "is empty: write a language code (like en, de, en-GB), or leave "
         "the key out (the booklet is then in English)"),
        ("abstracts.yaml", 2, "[0].language", "error", "is empty: write a language code (like en, de, en-GB), or "
         "leave the key out (the text is then in the booklet's language)")]
    built = CliRunner().invoke(main, ["build", str(folder), "-o", str(tmp_path / "b.pdf")])
    assert built.exit_code == 1 and not (tmp_path / "b.pdf").exists() and "Traceback" not in built.output
    assert "conference.yaml:5: language: is empty" in built.output

    left_out = write_conference(tmp_path / "null", {"conference.yaml": extend("conference.yaml", "language:\n")})
    booklet, problems = read_booklet(left_out)
    assert booklet.conference.language == "en" and not [p for p in problems if p.key == "language"]


def test_a_theme_label_with_a_wrong_placeholder_is_an_error(tmp_path):
    theme = "labels:\n  day: Tag\n  chair: 'Vorsitz {nom}'\n  programme: Zeitplan\n"
    folder = write_conference(tmp_path / "conf", {"theme.yaml": theme})
    with pytest.raises(DataError) as caught:
        read_booklet(folder)
    assert [str(p) for p in caught.value.problems] == [
        "theme.yaml:2: labels.day: 'Tag' leaves out {number}, where the booklet puts it; "
        "write it like: day: DAY {number}",
        "theme.yaml:3: labels.chair: '{nom}' is not a placeholder: the only placeholder here is {name}; "
        'write it like: chair: "Chair: {name}"',
    ]


def test_a_continued_abstract_says_so_in_the_language():
    from booklet.layout.abstracts import continued

    assert continued("Short title", label="Fortsetzung") == "Short title (Fortsetzung)"


def test_english_labels_left_from_the_init_template_are_a_warning_in_another_language(tmp_path):
    from booklet.check import check_folder

    english = "".join(f"  {key}: '{words}'\n" for key, (_, words) in LABEL_WORDS.items())
    conference = extend("conference.yaml", "language: de\n")
    folder = write_conference(tmp_path / "de", {"conference.yaml": conference, "theme.yaml": "labels:\n" + english})
    (warning,) = [str(p) for p in check_folder(folder)[1]]
    from booklet.data.theme import labels_for

    german = labels_for("de", {})
    differing = sum(german[key] != words for key, (_, words) in LABEL_WORDS.items())  # (32 now)
    assert differing > 30
    assert warning.startswith(f"theme.yaml:1: labels: warning: {differing} labels are the English words while the "
                              "booklet's language is de, and print in place of its own (contents: Contents, not "
                              "Inhalt; ")
    few = "labels:\n  abstracts: Abstracts\n  keynote: KEYNOTE\n"  # a few English words, meant
    folder = write_conference(tmp_path / "few", {"conference.yaml": conference, "theme.yaml": few})
    assert check_folder(folder)[1] == []
    folder = write_conference(tmp_path / "sv", {"conference.yaml": extend("conference.yaml", "language: sv\n"),
                                                "theme.yaml": "labels:\n" + english})
    # no words of its own: English is what it prints anyway, but for its quotation marks (CLDR's ” ”, which the
    # English template's “ ” replace)
    (warning,) = [str(p) for p in check_folder(folder)[1]]
    assert warning == ("theme.yaml:1: labels: warning: 2 labels are the English words while the booklet's language is "
                       "sv, and print in place of its own (quote: “{text}”, not ”{text}”; quotes: "
                       "“ ” ‘ ’, not ” ” ’ ’); delete those you did not mean to change")
    english = "".join(f"  {key}: '{words}'\n" for key, (_, words) in LABEL_WORDS.items() if key not in ("quote", "quotes"))
    folder = write_conference(tmp_path / "sv2", {"conference.yaml": extend("conference.yaml", "language: sv\n"),
                                                 "theme.yaml": "labels:\n" + english})
    assert check_folder(folder)[1] == []


def test_label_tables_are_read_as_pyyaml_reads_them():
    """The label files are read with libyaml when PyYAML has it: every table is what yaml.safe_load gives."""
    import yaml

    from booklet.data.theme import _label_table

    for code in label_languages():
        table = _label_table(code)
        assert table == yaml.safe_load((LABEL_DIR / f"{code}.yaml").read_text(encoding="utf-8"))
        assert all(type(key) is str and type(value) is str for key, value in table.items()), code


def test_an_abstract_in_another_language_is_hyphenated_in_its_own(tmp_path):
    """abstracts.yaml's `language` (and tutorials.yaml's) sets how that text is hyphenated; the rest of the booklet,
    and the abstracts without one, keep the booklet's; a value that is no language code is an error at its line."""
    from booklet.check import check_folder
    from booklet.layout.abstracts import abstract_content
    from booklet.layout.common import Context
    from booklet.layout.flowables import Para
    from booklet.layout.page import page_for
    from booklet.layout.tutorials import build_tutorial_page
    from booklet.problems import DataError

    files = {"abstracts.yaml": extend("abstracts.yaml", """\
        - id: de
          title: Strategie
          speaker: {name: Eva Berg}
          abstract: Die Digitalisierungsstrategie des Bundes.
          language: de
        """), "tutorials.yaml": BASE["tutorials.yaml"] + "  language: fr\n"}
    booklet, problems = check_folder(write_conference(tmp_path / "conf", files))
    assert not [p for p in problems if p.severity == "error"]
    ctx = Context(booklet, page_for("A5"))

    def hyphenation(flowables):  # (a tutorial's short last paragraph is kept with its presenter: inside a Together)
        flat = [g for f in flowables for g in (getattr(f, "content", None) or [f])]
        return {f.style.hyphenationLang for f in flat if isinstance(f, Para) and f.style.name.startswith("text")}

    by_id = {a.id: a for a in booklet.abstracts}
    assert hyphenation(abstract_content(ctx, by_id["de"])[0]) == {"de_DE"}
    assert hyphenation(abstract_content(ctx, by_id["lund-2026"])[0]) == {"en_US"}  # (English: TeX's patterns)
    assert hyphenation(build_tutorial_page(ctx, booklet.tutorials[0])[0].content) == {"fr"}

    files["abstracts.yaml"] = files["abstracts.yaml"].replace("language: de", "language: Deutsch (DE)")
    with pytest.raises(DataError) as raised:
        check_folder(write_conference(tmp_path / "bad", files))
    assert [(p.file, p.line, p.key, p.message) for p in raised.value.errors] == [
        ("abstracts.yaml", 15, "[2].language", "'Deutsch (DE)' is not a language code (like en, de, en-GB)")]

    # a word that is no language's code (a fuzzing run: accepted without a word) is a warning with the code meant
    for written, meant in [("deutsch", "'deutsch' is the name of a language, not its code: for German write 'de'"),
                           ("xx", "'xx' is not a language code (ISO 639, like en, de or fr; en-GB with a region)")]:
        files["abstracts.yaml"] = re.sub(r"language: .*", f"language: {written}", files["abstracts.yaml"])
        _, problems = check_folder(write_conference(tmp_path / written, files))
        assert [(p.file, p.line, p.key, p.severity, p.message) for p in problems if p.key.endswith("language")] == [
            ("abstracts.yaml", 15, "[2].language", "warning",
             f"{meant} (a text's language sets how its words are hyphenated and its quotation marks)")]


def test_a_chair_label_naming_the_chair_twice_names_them_twice(tmp_path):
    """`chair: "Chair: {name} ({name})"` printed "Chair: Sigrid (" and a NUL character: only the first {name} was
    filled (a fuzzing run). Every other label fills each of its placeholders."""
    from .pdftext import Pdf
    from booklet.build import build_booklet

    folder = write_conference(tmp_path / "conf", {"theme.yaml": "labels:\n  chair: 'Chair: {name} ({name})'\n"})
    build_booklet(folder, tmp_path / "b.pdf")
    text = "\n".join(Pdf(tmp_path / "b.pdf").texts)
    assert "Chair: Mei Chen (Mei Chen)" in text and "\x00" not in text


@pytest.mark.parametrize("code, patterns", [("en", "en_US"), ("en-US", "en_US"), ("en-AU", "en_US"),
                                            ("en-GB", "en_GB"), ("en-Latn-GB", "en_GB"), ("de", "de_DE"), ("fr", "fr")])
def test_english_is_hyphenated_with_the_american_patterns_but_where_british_is_asked_for(code, patterns):
    """pyphen's British dictionary broke "res-ampling", "bin-ary", "res-ult-ing" in the sample: English takes TeX's
    patterns ("re-sam-pling", "bi-na-ry", "re-sult-ing"), but where the code says en-GB."""
    assert hyphenation_language(code) == patterns


@pytest.mark.parametrize("code, month", [("es-419", "septiembre"), ("en-001", "September"), ("pt-BR", "setembro")])
def test_a_language_with_a_numeric_region_is_a_language(tmp_path, code, month):
    """CLDR's Latin-American Spanish (es-419) and world English (en-001) have digits for a region: they were
    refused as "not a language code" though their dates are CLDR's."""
    from booklet.check import check_folder

    data = write_conference(tmp_path / "conf", {"conference.yaml": BASE["conference.yaml"] + f"language: {code}\n"})
    booklet, problems = check_folder(data)
    assert not [p for p in problems if p.severity == "error"], problems
    assert booklet.conference.language == code
    out = build_booklet(data, tmp_path / "b.pdf").output
    assert month in Pdf(out).texts[0]


@pytest.mark.parametrize("language, line", [("es", "de septiembre de 2027"), ("pt", "de setembro de 2027"),
                                            ("de", "September 2027"), ("en", "September 2027")])
def test_a_days_heading_goes_on_from_its_number_as_the_language_writes_the_date(tmp_path, language, line):
    """A typesetter's review: a Spanish day's heading read "13 / Lunes / septiembre de 2027", its "de" lost. The
    line under the weekday goes on from the big number as the language writes the date ("13 de septiembre de
    2027"); in English, whose date puts the month first, the month and year."""
    conference = BASE["conference.yaml"] + f"language: {language}\n"
    out = tmp_path / "b.pdf"
    build_booklet(write_conference(tmp_path / "c", {"conference.yaml": conference}), out)
    pdf = Pdf(out)
    (page,) = [i for i in range(len(pdf)) if pdf.lines(i)[:1] in (["13"], ["13."])]
    assert line in pdf.lines(page)[:5]
    assert dates.after_day_number(dt.date(2027, 6, 14), "pl") == "czerwca 2027"  # (the month's form after a day)


# -- regional words: en-US -------------------------------------------------------------------------

def test_a_regional_table_holds_only_keys_of_its_base_table_and_only_what_differs():
    from booklet.data.theme import regional_languages
    from booklet.text.languages import base_language

    assert regional_languages() == ("en-CA", "en-US")
    for code in regional_languages():
        table = yaml.safe_load((LABEL_DIR / f"{code}.yaml").read_text(encoding="utf-8"))
        base = yaml.safe_load((LABEL_DIR / f"{base_language(code)}.yaml").read_text(encoding="utf-8"))
        assert table and set(table) <= set(base), (code, set(table) - set(base))
        assert [key for key in table if table[key] == base[key]] == [], code  # nothing the base says already
        assert [key for key in LABEL_KEYS if key in table] == list(table), code  # in the base table's order
        for key, words in table.items():
            assert label_problem(key, words) is None, (code, key, words)


def test_american_words_over_the_english_ones_for_any_spelling_of_en_us():
    american = {"programme": "Program", "not_in_programme": "Not in the program",
                "subject": "Program and abstracts", "glance": "Program at a glance",
                "proof_unscheduled": "not in the program", "proof_organisers": "the organizers"}
    english = labels_for("en", {})
    for code in ("en-US", "en_us", "EN-us", "en-Latn-US", "en-CA"):
        assert labels_for(code, {}) == {**english, **american}, code
    assert labels_for("en-GB", {}) == labels_for("en-AU", {}) == english
    assert labels_for("en-US", {"programme": "Schedule"})["programme"] == "Schedule"  # theme.yaml's over both
    assert "en-US and en-CA: American spellings" in CONFERENCE["language"].doc


def test_a_us_booklet_prints_program(tmp_path):
    """language: en-US prints American words (dates were American already): the glance, the programme's heading
    in the contents and outline, the abstracts not in the programme, the PDF's subject."""
    abstracts = extend("abstracts.yaml", """\
        - id: extra
          title: An unscheduled talk
          speaker: {name: Li Wei}
          abstract: Text.
        """)
    folder = write_conference(tmp_path / "us", {"conference.yaml": extend("conference.yaml", "language: en-US\n"),
                                                "abstracts.yaml": abstracts})
    build_booklet(folder, tmp_path / "us.pdf")
    pdf = Pdf(tmp_path / "us.pdf")
    contents = pdf.lines(1)
    assert contents[:6] == ["Contents", "Program at a glance", "3", "Program", "4", "Monday, September 13"]
    outline = dict((title, kids) for title, _, kids in pdf.outline())
    assert list(outline)[:3] == ["Contents", "Program at a glance", "Program"]
    assert [title for title, _, _ in outline["Abstracts"]] == ["Monday, September 13", "Not in the program"]
    assert pdf.lines(2)[0] == "Program at a glance"
    assert "Programme" not in text_of(pdf)
    assert pdf.reader.metadata.subject.startswith("Program and abstracts, ")


def test_narrow_no_break_spaces_typed_in_french_hold_the_marks_to_their_words(tmp_path):
    """A French LOC's review: text typed as French keyboards and word processors type it, a narrow no-break space
    (U+202F) before ; ! ? and inside « », printed lines starting with "; ", "? " and "» " and one ending with "«":
    ReportLab breaks a line there. They hold as the no-break spaces the booklet puts in typed spaces' place."""
    words = "les données parlent vraiment beaucoup pourquoi donc ainsi".split()
    text = " ".join(word + ("\u202f;", "\u202f?", "\u202f!")[i % 3] + (" «\u202fmot\u202f»" if i % 5 == 0 else "")
                    for i, word in enumerate(words * 10))
    abstracts = BASE["abstracts.yaml"].replace("abstract: Some text.", "abstract: " + repr(text).replace("'", '"'))
    assert text[:30] in yaml.safe_load(abstracts)[0]["abstract"]
    conference = BASE["conference.yaml"] + "language: fr\n"
    out = tmp_path / "b.pdf"
    build_booklet(write_conference(tmp_path / "c", {"conference.yaml": conference, "abstracts.yaml": abstracts}), out)
    pdf = Pdf(out)
    (page,) = pdf.pages_with("les données parlent")
    lines = [line.strip() for line in pdf.lines(page) if "mot" in line or "pourquoi" in line]
    assert len(lines) > 8
    assert not [line for line in lines if line[:1] in ";?!»" or line.endswith("«")], lines


def _french_abstract(tmp_path, text: str) -> Path:
    """A booklet in French whose first abstract is `text`."""
    abstracts = BASE["abstracts.yaml"].replace("abstract: Some text.", "abstract: " + repr(text).replace("'", '"'))
    assert text[:20] in yaml.safe_load(abstracts)[0]["abstract"]
    out = tmp_path / "b.pdf"
    conference = BASE["conference.yaml"] + "language: fr\n"
    build_booklet(write_conference(tmp_path / "c", {"conference.yaml": conference, "abstracts.yaml": abstracts}), out)
    return out


def _glyph_boxes(path: Path, needle: str):
    """The page (0-based) holding `needle`, its text as pdfium reads it and pdfium's text page."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    for index in range(len(pdf)):
        page = pdf[index].get_textpage()
        text = page.get_text_range()
        if needle in text:
            return text, page
    raise AssertionError(needle)


def test_the_thin_space_before_french_marks_is_fixed_on_justified_lines_and_ragged_ones(tmp_path):
    """A French typographer's review: the space before ? ! ; and inside « » was a no-break space, which a justified
    line widens as it widens its word spaces ("Pourquoi  ?" with a wide gap). It is a fixed thin space (the espace fine
    insécable, 1/8 em): as wide before "?" on a justified line as on the paragraph's last line, set ragged; the word
    spaces of the same lines are widened. Before a colon, a word's no-break space, as French sets it."""
    text = " ".join(["Les données parlent vraiment beaucoup, mais pourquoi donc ? Ainsi va la recherche ; et alors !"
                     " Un « autre » regard : voilà."] * 6) + " Et maintenant pourquoi donc ?"
    out = _french_abstract(tmp_path, text)
    whole, page = _glyph_boxes(out, "Les données parlent")
    thin, spaces, size = [], [], None
    for found in re.finditer("pourquoi", whole):
        donc = whole.index("donc", found.end())
        mark = whole.index("?", donc)
        before = page.get_charbox(donc + 3)  # the c's box, then the ?'s
        thin.append(page.get_charbox(mark)[0] - before[2])
        spaces.append(page.get_charbox(donc)[0] - page.get_charbox(found.end() - 1)[2])  # between "pourquoi" and "donc"
    assert len(thin) == 7
    assert max(spaces) - min(spaces) > 0.3, spaces  # (justified lines: their word spaces widened)
    assert max(thin) - min(thin) < 0.01, thin  # the thin space: the same on every line, the last one's too
    assert max(thin) < min(spaces) * 0.75
    # the PDF's text holds the narrow no-break space (U+202F) where it prints; a colon's space a word's
    extracted = Pdf(out).texts
    assert any("donc\u202f?" in t and "recherche\u202f;" in t and "«\u202fautre\u202f»" in t and "regard :" in t
               for t in extracted)


def test_czech_one_letter_words_are_tied_to_the_next_word(tmp_path):
    """Czech (and Slovak, Polish) typesetting never leaves a one-letter preposition or conjunction at a line's end
    ("v / Praze", "k / tomu", "a / proto"): in a booklet in Czech, and in an abstract whose `language:` is Czech in an
    English booklet, those words are tied to the next. English breaks after its "a" as before."""
    from booklet.layout.flowables import Para
    from booklet.layout.page import page_for
    from booklet.layout.styles import make_styles
    from booklet.text.fonts import use_fonts
    from booklet.text.markup import inline

    words = ("Jsme v Praze a k tomu s námi i o víkendu, když u nás v létě z hor a v zimě k moři jezdí s dětmi "
             "v autě a v noci i ve dne. ") * 3
    use_fonts()
    for language, tied in (("cs", True), ("sk", True), ("en", False)):
        style = make_styles(page_for("A5"), language).text
        for width in range(150, 320, 9):
            para = Para(inline(words), style)
            para.wrap(width, 10000)
            lines = [" ".join(line[1]) if isinstance(line, tuple) else "".join(f.text for f in line.words)
                     for line in para.blPara.lines]
            ends = [line.split()[-1] for line in lines[:-1] if len(line.split()[-1]) == 1]
            assert not ends if tied else True, (language, width, lines)
    # an abstract in Czech in an English booklet, and the booklet's text in English around it
    abstracts = BASE["abstracts.yaml"].replace("abstract: Some text.", f"abstract: {words}\n  language: cs") \
        .replace("abstract: More text.", "abstract: " + "I saw a cat and a dog in a park. " * 20)
    out = tmp_path / "b.pdf"
    build_booklet(write_conference(tmp_path / "c", {"abstracts.yaml": abstracts}), out)
    pdf = Pdf(out)
    (page,) = pdf.pages_with("Jsme v Praze")
    czech = [line for line in pdf.lines(page) if "Praze" in line or "autě" in line or "dětmi" in line]
    assert len(czech) >= 3 and not [line for line in czech if len(line.split()[-1]) == 1], czech


def test_a_language_without_words_of_its_own_says_which_labels_print_in_english(tmp_path):
    """Polish, which booklet has no words in: the labels theme.yaml does not give print in English, and check says
    which (they printed so without a word: a booklet with 'Spis treści' over 'No fixed time')."""
    from booklet.check import check_folder

    conference = extend("conference.yaml", "language: pl\n")
    folder = write_conference(tmp_path / "none", {"conference.yaml": conference})
    (warning,) = [str(p) for p in check_folder(folder)[1] if p.kind == "labels"]
    assert warning == (
        "conference.yaml:5: language: warning: booklet has no words of its own in Polish ('pl'): every fixed word "
        "prints in English (contents: Contents; committees: Committees; programme: Programme; and "
        f"{len(LABEL_KEYS) - 5} more); give the {len(LABEL_KEYS) - 2} labels in Polish under theme.yaml's `labels:` "
        "(booklet init writes them all there, commented out)")
    italian = labels_for("it", {})  # (words with the placeholders each label needs)
    given = {key: italian[key] for key in LABEL_KEYS if key not in ("glance_untimed", "et_al", "quotes")}
    theme = "labels:\n" + "".join(f"  {key}: {yaml.safe_dump(words, allow_unicode=True).splitlines()[0]}\n"
                                   for key, words in given.items())
    folder = write_conference(tmp_path / "some", {"conference.yaml": conference, "theme.yaml": theme})
    (warning,) = [str(p) for p in check_folder(folder)[1] if p.kind == "labels"]
    assert warning == (
        "theme.yaml:1: labels: warning: booklet has no words of its own in Polish ('pl'): 2 labels print in English, "
        "as theme.yaml's `labels:` does not give them (glance_untimed: No fixed time; et_al: et al.); "
        "give them there in Polish")  # (not `quotes`: Polish „ ” « », CLDR's)
    whole = theme + "  glance_untimed: Bez godziny\n  et_al: i in.\n  quotes: „ ” ‚ ’\n"
    folder = write_conference(tmp_path / "all", {"conference.yaml": conference, "theme.yaml": whole})
    assert [p for p in check_folder(folder)[1] if p.kind == "labels"] == []
    german = write_conference(tmp_path / "de", {"conference.yaml": extend("conference.yaml", "language: de\n")})
    assert [p for p in check_folder(german)[1] if p.kind == "labels"] == []  # (its own words)


def test_labels_the_themes_fonts_cannot_print_are_a_warning_at_their_line(tmp_path):
    """A font without Polish letters (ReportLab's Bitstream Vera: no ą ę ń ś ź ż) and Polish labels: 'DZIEŃ 1' printed
    'DZIE 1' without a word, as theme.yaml's labels were checked with the fonts in use before the theme's."""
    from reportlab import rl_config  # noqa: F401 - (ReportLab's own fonts folder, beside it)
    import reportlab
    from booklet.check import check_folder

    vera = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"
    theme = ("fonts: {text: fonts/Vera-Regular.ttf, headings: fonts/Vera-Regular.ttf}\n"
             "labels:\n  contents: Spis treści\n  programme: Program\n  day: DZIEŃ {number}\n")
    folder = write_conference(tmp_path / "pl", {"conference.yaml": extend("conference.yaml", "language: pl\n"),
                                                "theme.yaml": theme, "fonts/Vera-Regular.ttf": vera.read_bytes()})
    warnings = [str(p) for p in check_folder(folder)[1] if p.kind == "glyph"]
    assert warnings == [
        "conference.yaml:5: language: warning: the booklet's fonts cannot print the dates in 'pl': 'ś' (U+015B), "
        "'ń' (U+0144) are left out (the cover's '13–14 września 2027' prints as '13–14 wrzenia 2027'); give "
        "theme.yaml's `fonts:` a font that has them, or write the booklet in another language",
        "theme.yaml:3: labels.contents: warning: the booklet's fonts cannot print 'ś' (U+015B); left out: give "
        "theme.yaml's `fonts:` a font that has them",
        "theme.yaml:5: labels.day: warning: the booklet's fonts cannot print 'Ń' (U+0143); left out: give "
        "theme.yaml's `fonts:` a font that has them"]
    # French's thin spaces in « » are set whatever the font: no warning of them
    fonts = "fonts: {text: fonts/Vera-Regular.ttf, headings: fonts/Vera-Regular.ttf}\n"
    french = write_conference(tmp_path / "fr", {"conference.yaml": extend("conference.yaml", "language: fr\n"),
                                                "theme.yaml": fonts, "fonts/Vera-Regular.ttf": vera.read_bytes()})
    assert [str(p) for p in check_folder(french)[1] if p.kind == "glyph"] == []


def test_the_languages_own_words_the_themes_fonts_cannot_print_are_one_warning_at_the_language(tmp_path,
                                                                                             monkeypatch):
    """A label of the language's table (not theme.yaml's) holding a letter the theme's font lacks: one warning at
    `language:`, naming the labels (the shipped tables' letters are Vera's: a table with a Polish word stands in)."""
    import reportlab
    from booklet.check import check_folder
    from booklet.data import theme as theme_module

    real = theme_module.labels_for
    monkeypatch.setattr(theme_module, "labels_for", lambda language, given: {
        **real(language, given), **({"notes": "Notatki ś", "places": "Miejsca ń"} if language == "de" else {})})
    vera = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"
    folder = write_conference(tmp_path / "de", {
        "conference.yaml": extend("conference.yaml", "language: de\n"),
        "theme.yaml": "fonts: {text: fonts/Vera-Regular.ttf, headings: fonts/Vera-Regular.ttf}\n",
        "fonts/Vera-Regular.ttf": vera.read_bytes()})
    assert [str(p) for p in check_folder(folder)[1] if p.kind == "glyph"] == [
        "conference.yaml:5: language: warning: the booklet's fonts cannot print 'ś' (U+015B), 'ń' (U+0144) of its "
        "words in 'de' (the labels notes, places); left out: give theme.yaml's `fonts:` a font that has them"]


def test_a_label_made_with_the_themes_words_for_another_is_warned_of_once_at_theirs(tmp_path):
    """theme.yaml's `programme: Plan ś` renames the glance too ("Plan ś at a glance"): the letter the theme's font
    lacks was warned of at `labels.programme` and again at conference.yaml's line 1, `language` (a key the file does
    not have), as if the language's own words held it. Once, at theme.yaml's label."""
    import reportlab
    from booklet.check import check_folder

    vera = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"
    theme = ("fonts: {text: fonts/Vera-Regular.ttf, headings: fonts/Vera-Regular.ttf}\n"
             "labels:\n  programme: Plan ś\n")
    folder = write_conference(tmp_path / "en", {"theme.yaml": theme, "fonts/Vera-Regular.ttf": vera.read_bytes()})
    assert labels_for("en", {"programme": "Plan ś"})["glance"] == "Plan ś at a glance"
    assert [str(p) for p in check_folder(folder)[1] if p.kind == "glyph"] == [
        "theme.yaml:3: labels.programme: warning: the booklet's fonts cannot print 'ś' (U+015B); left out: give "
        "theme.yaml's `fonts:` a font that has them"]


def test_dates_in_a_script_only_a_fallback_font_has_print_in_the_day_headings_and_the_glance(tmp_path):
    """Text and headings in a font without Cyrillic (ReportLab's Bitstream Vera), a fallback that has it, and a
    Russian booklet: the programme's day heading printed no weekday ('Понедельник'), the continued day's heading
    '14 июня (continued)' and the glance's columns no weekday (a Japanese or Arabic booklet lost them so with any
    fonts: the bundled headings font has no such letters), while the same words printed in the contents."""
    import reportlab
    from booklet.check import check_folder

    vera = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    (folder / "fonts").mkdir(exist_ok=True)
    (folder / "fonts" / "Vera-Regular.ttf").write_bytes(vera.read_bytes())
    (folder / "theme.yaml").write_text("fonts:\n  text: fonts/Vera-Regular.ttf\n  headings: fonts/Vera-Regular.ttf\n"
                                       "  fallback: [Noto Sans Math, Gentium Book Plus]\n", encoding="utf-8")
    (folder / "conference.yaml").write_text((folder / "conference.yaml").read_text(encoding="utf-8")
                                            + "language: ru\n", encoding="utf-8")
    build_booklet(folder, tmp_path / "booklet.pdf")
    pdf = Pdf(tmp_path / "booklet.pdf")
    assert [str(p) for p in check_folder(folder)[1] if p.kind == "glyph"] == []
    (day,) = [i for i in range(len(pdf)) if "DAY 1" in pdf.lines(i)]
    assert pdf.lines(day)[:4] == ["14", "DAY 1", "Понедельник", "июня 2027\u202fг."]
    assert pdf.lines(day + 1)[0] == "Понедельник, 14 июня (continued)"
    (glance,) = pdf.pages_with("Programme at a glance")[1:2]  # (the first: the contents)
    assert {"Понедельник", "Вторник"} <= set(pdf.lines(glance))


# -- the first of a month in French: "1er" -------------------------------------------------------------

def test_french_writes_the_first_of_a_month_as_an_ordinal_and_no_other_day_or_language():
    """A French LOC's review: "Vendredi 1 octobre", "1–2 octobre 2027" and "Corrections avant le mercredi 1 septembre"
    are typesetters' errors in French, which writes the first of a month "1er" (CLDR's patterns give the number)."""
    first, second, last = dt.date(2027, 10, 1), dt.date(2027, 10, 2), dt.date(2027, 9, 30)
    assert dates.day_and_date(first, "fr") == "vendredi 1er octobre"
    assert dates.day_and_date(second, "fr") == "samedi 2 octobre"
    assert dates.full_date(dt.date(2027, 9, 1), "fr") == "mercredi 1er septembre 2027"
    assert dates.full_date(first, "fr-CA") == "vendredi 1er octobre 2027"
    assert dates.date_range(first, second, "fr") == "1er\u20132 octobre 2027"
    assert dates.date_range(last, first, "fr") == "30 septembre\u2009\u2013\u20091er octobre 2027"
    assert dates.day_and_month(first, "fr") == "1er octobre"
    assert dates.day_and_month(first, "fr", short=True) == "1er oct."
    assert (dates.day_number(first, "fr"), dates.after_day_number(first, "fr")) == ("1er", "octobre 2027")
    assert dates.day_number(second, "fr") == "2"
    assert dates.day_and_date(first, "en") == "Friday 1 October"
    assert dates.date_range(first, second, "de") == "1.\u20132. Oktober 2027"
    assert dates.day_number(first, "de") == "1."


def test_a_french_booklet_prints_the_first_of_a_month_as_1er_its_letters_raised_beside_a_days_number(tmp_path):
    from .mathpdf import glyphs

    conference = BASE["conference.yaml"].replace("2027-09-13, end: 2027-09-14", "2027-10-01, end: 2027-10-02")
    programme = BASE["programme.yaml"].replace("2027-09-13", "2027-10-01")
    out = tmp_path / "b.pdf"
    build_booklet(write_conference(tmp_path / "c", {"conference.yaml": conference + "language: fr\n",
                                                    "programme.yaml": programme}), out)
    pdf = Pdf(out)
    assert "1er\u20132 octobre 2027" in pdf.texts[0]
    assert "Vendredi 1er octobre" in pdf.lines(1)  # the contents
    (day,) = [i for i in range(len(pdf)) if "JOUR 1" in pdf.lines(i)]
    assert "Vendredi" in pdf.lines(day) and "octobre 2027" in pdf.lines(day)
    assert "vendredi 1er octobre \u00b7 09:20\u201310:00" in text_of(pdf)  # an abstract's line
    drawn = glyphs(out)[day]
    one = next(g for g in drawn if g.char == "1" and g.size > 20)  # the day's number set large
    e, r = drawn[drawn.index(one) + 1:drawn.index(one) + 3]
    assert (e.char, r.char) == ("e", "r")
    assert e.size == r.size < one.size * 0.6  # a superscript's letters...
    assert e.y > one.y + one.size * 0.3  # ...raised
    assert e.left >= one.right - 0.5  # after the number, on its line, not wrapped under it
    assert e.top <= one.top + 1  # (not above the figure)
    # and everywhere else a date prints: the cover, the contents, an abstract's line, a running head (only the day's
    # number set large raised them: a typesetter's review)

    def raised_firsts(index: int) -> int:
        page = glyphs(out)[index]
        return sum(1 for at, g in enumerate(page[:-2]) if g.char == "1" and page[at + 1].char == "e"
                   and page[at + 2].char == "r" and page[at + 1].size < g.size * 0.6
                   and page[at + 1].y > g.y + g.size * 0.3)

    first, second = [i for i in range(len(pdf)) if "vendredi 1er octobre" in pdf.texts[i]][:2]
    (glance,) = [i for i in range(len(pdf)) if pdf.lines(i)[:1] == ["Le programme en un coup d\u2019\u0153il"]]
    # the cover, the contents, the glance, the abstracts' first page (its line), their second (its line and its
    # running head)
    assert [raised_firsts(i) for i in (0, 1, glance, first, second)] == [1, 1, 1, 1, 2]
