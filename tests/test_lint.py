"""Valid data that would embarrass a conference in print -> warnings, and `booklet check` around them.

Every kind of warning has a minimal folder that triggers it and a near miss that must not. The
folders start from the minimal valid conference in helpers.BASE, which gives no warning at all;
expected lines are `FILE:LINE: key.path: warning: message`, as `booklet check` prints them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from PIL import Image
from pypdf import PdfReader

from reportlab.lib.units import mm

from booklet.build import build_booklet
from booklet.check import check_folder
from booklet.cli import main
from booklet.layout.page import PAGE_SIZES, page_for
from booklet.lint import KINDS, lint
from booklet.data.validate import read_booklet
from booklet.problems import DataError
from .helpers import BASE, DATA, poster_days_programme, LATER, MERGE_HINT, base_lines, extend, write_conference, yaml_text
from .pdftext import Pdf

PROGRAMME = BASE["programme.yaml"]


def warnings_for(tmp_path: Path, files: dict | None = None, page_size: str = "A5") -> list[str]:
    """Every warning (validation's and lint's) for BASE changed by `files`, as printed lines."""
    folder = write_conference(tmp_path / "conf", files)
    booklet, warnings = read_booklet(folder)
    problems = warnings + lint(booklet, page_size, folder)
    assert all(p.severity == "warning" and p.kind in KINDS for p in problems)
    return [str(p) for p in problems]


def committee(*members: str) -> str:
    """BASE's conference.yaml with one committee of `members` (flow mappings); member i is on line 8 + i."""
    lines = "".join(f"      - {m}\n" for m in members)
    return extend("conference.yaml", "committees:\n  - name: SOC\n    members:\n" + lines)


def member(i: int, key: str = "name") -> str:
    return f"conference.yaml:{8 + i}: committees[0].members[{i}].{key}: warning:"


def day(items: str, date: str = "2027-09-13") -> str:
    """A programme.yaml of one day with `items` (YAML list lines, dedented); their first line is line 4."""
    body = "".join(f"      {line}\n" for line in yaml_text(items).splitlines())
    return f"days:\n  - date: {date}\n    items:\n{body}"


def invoke(*args) -> Result:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    return result


def built(data: Path) -> tuple[Result, Pdf]:
    """`build` run on the conference folder `data`, which it builds: its result, and the PDF it wrote beside it."""
    out = data.parent / "b.pdf"
    result = invoke("build", data, "-o", out)
    assert result.exit_code == 0, result.output
    return result, Pdf(out)


def jpeg(size=(260, 325)) -> bytes:
    """A photo at 300 dpi at its printed size (22 x 27.5 mm)."""
    buf = io.BytesIO()
    Image.new("RGB", size, (180, 40, 40)).save(buf, "JPEG", quality=90)
    return buf.getvalue()


# -- no warnings ------------------------------------------------------------------------------

def test_the_minimal_conference_has_no_warnings(tmp_path):
    assert warnings_for(tmp_path) == []


def test_the_sample_conference_has_no_warnings_at_a5():
    booklet, warnings = read_booklet(DATA)
    assert warnings == []
    assert lint(booklet, "A5") == lint(booklet, page_for("A5", 3 * mm)) == []


@pytest.mark.parametrize("size", sorted(PAGE_SIZES))
def test_the_sample_conference_has_no_warnings_on_any_page_size(size):
    """Its cover art (2700 x 1890 pixels) is 300 dpi even on an A4 or letter cover with 3 mm bleed."""
    _, warnings = check_folder(DATA, page_for(size, 3 * mm))
    assert warnings == []


# -- the same person written differently -----------------------------------------------------

@pytest.mark.parametrize("first, second, reason", [
    ("José García", "Jose Garcia", "accents differ"),
    ("Ingrid Åström", "Ingrid åström", "capitals differ"),
    ("Sebastian Ratzenböck", "Sebastian Ratzböck", "a letter or two differ"),
    ("Sebastian Ratzenböck", "Sebastain Ratzenböck", "a letter or two differ"),
    ("Ratzenböck Sebastian", "Sebastian Ratzenböck", "given and family names swapped"),
    ("Smith, John", "John Smith", "family name written first"),
    ("Osei-Mensah, Daniel", "Daniel Osei Mensah", "hyphens or spaces differ"),
    ("Smith, J.", "John Smith", "initials"),
    ("J. A. Smith", "John Andrew Smith", "initials"),
    ("John Smith", "John A. Smith", "a given name left out"),
    # a call sign after a comma is set aside, as the index does: not "Family, Given" (FOSDEM 2025's Traschewski)
    ("Jann Traschewski, DG8NGN", "Jann Traschewski", "a call sign written with it"),
    ("Traschewski, Jann, DG8NGN", "Jann Traschewski, DG8NGN", "family name written first"),
    # a generational suffix too, as the index sets it aside (an import writes "Ana Smith, Jr."): not given name "Jr."
    ("Varga, Ines, Jr.", "Ines Varga, Jr.", "family name written first"),  # (was "given and family names swapped")
    ("Ines Varga, Jr.", "Ines Varga Jr.", "punctuation or spacing differs"),
    ("Martin Luther King, Jr.", "Martin Luther King", "a suffix written with it"),
])
def test_name_variant(tmp_path, first, second, reason):
    files = {"conference.yaml": committee(f"{{name: '{first}'}}", f"{{name: '{second}'}}")}
    assert warnings_for(tmp_path, files) == [
        f"{member(0)} '{first}' (1 place) is also written '{second}' (1 place, first at conference.yaml:9; {reason})" + MERGE_HINT,
        f"{member(1)} '{second}' (1 place) is also written '{first}' (1 place, first at conference.yaml:8; {reason})" + MERGE_HINT,
    ]


@pytest.mark.parametrize("members", [
    ("{name: Anna Berg}", "{name: Erik Berg}"),  # two people who share a family name
    ("{name: Christina Meyer}", "{name: Christine Meyer}"),  # given names one letter apart are other names
    ("{name: Daniel Weber}", "{name: Daniela Weber}"),
    ("{name: Wei Zhang}", "{name: Wei Zhong}"),  # short family names a letter apart
    ("{name: John A. Smith}", "{name: John B. Smith}"),
    ("{name: J. Smith}", "{name: John Smith}", "{name: Jane Smith}"),  # which J. Smith?
    ("{name: 'Smith, J.', email: j.smith@a.org}", "{name: John Smith, email: john@b.org}"),
    ("{name: 'Smith, J.', affiliation: Lund University}", "{name: John Smith, affiliation: Uppsala University}"),
    ("{name: Anna Testperson0001}", "{name: Anna Testperson0002}"),  # a digit is not a letter: numbered people
    ("{name: 'Ines Varga, Jr.'}", "{name: 'Ines Varga, Sr.'}"),  # father and son
], ids=["family-shared", "given-letter", "given-ending", "short-family", "middle-initials", "two-candidates",
        "other-email", "other-affiliation", "numbered", "suffixes"])
def test_name_variant_near_miss(tmp_path, members):
    assert warnings_for(tmp_path, {"conference.yaml": committee(*members)}) == []


def test_one_person_written_three_ways_is_one_group_across_files(tmp_path):
    files = {
        "conference.yaml": committee("{name: Zoë Papadopoulou}"),  # the poster author in BASE is Zoe
        "tutorials.yaml": BASE["tutorials.yaml"].replace("Sven Oberg", "Zoe Papadopoulou"),
        "programme.yaml": PROGRAMME.replace("chair: Mei Chen", "chair: Zoe Papadopolou"),
    }
    assert warnings_for(tmp_path, files) == [
        f"{member(0)} 'Zoë Papadopoulou' (1 place) is also written 'Zoe Papadopoulou' (2 places, first at "
        "posters.yaml:1; accents differ) and 'Zoe Papadopolou' (1 place, first at programme.yaml:7; "
        "a letter or two differ)" + MERGE_HINT,
        "posters.yaml:1: [0].author: warning: 'Zoe Papadopoulou' (2 places) is also written 'Zoë Papadopoulou' "
        "(1 place, first at conference.yaml:8; accents differ) and 'Zoe Papadopolou' (1 place, first at "
        "programme.yaml:7; a letter or two differ)" + MERGE_HINT,
        "programme.yaml:7: days[0].items[3].chair: warning: 'Zoe Papadopolou' (1 place) is also written "
        "'Zoë Papadopoulou' (1 place, first at conference.yaml:8; a letter or two differ) and 'Zoe Papadopoulou' "
        "(2 places, first at posters.yaml:1; a letter or two differ)" + MERGE_HINT,
    ]


def test_one_name_composed_or_decomposed_or_with_two_spaces_is_one_spelling(tmp_path):
    # the index printed them as one person, but the lint warned "accents differ" between two texts that look
    # the same, and no alias in people.yaml could be told apart from the name
    files = {"conference.yaml": committee('{name: "Zo\u00eb Papadopoulou"}', '{name: "Zoe\u0308  Papadopoulou"}')}
    assert warnings_for(tmp_path, files) == [
        f"{member(0)} 'Zoë Papadopoulou' (2 places) is also written 'Zoe Papadopoulou' (1 place, first at "
        "posters.yaml:1; accents differ)" + MERGE_HINT,
        "posters.yaml:1: [0].author: warning: 'Zoe Papadopoulou' (1 place) is also written 'Zoë Papadopoulou' "
        "(2 places, first at conference.yaml:8; accents differ)" + MERGE_HINT,
    ]


def test_name_variants_do_not_chain_people_who_are_not_close(tmp_path):
    """Hansen ~ Jansen and Jansen ~ Jensen (a letter apart), but Hansen and Jensen are two letters apart
    in a short name: three people, not one written three ways. Each warning names only the spellings
    close to its own. (Before, the three made one group and 'Anna Hansen' was said to be also written
    'Anna Jensen' with no reason given; 600 generated names 'Anna Testperson0000' to
    'Anna Testperson0599' made one group, each warning naming the 599 others, 405 of them with no
    reason; they are not linked at all now: a digit is not a letter.)"""
    files = {"conference.yaml": committee("{name: Anna Hansen}", "{name: Anna Jansen}", "{name: Anna Jensen}")}
    assert warnings_for(tmp_path, files) == [
        f"{member(0)} 'Anna Hansen' (1 place) is also written 'Anna Jansen' (1 place, first at conference.yaml:9; "
        "a letter or two differ)" + MERGE_HINT,
        f"{member(1)} 'Anna Jansen' (1 place) is also written 'Anna Hansen' (1 place, first at conference.yaml:8; "
        "a letter or two differ) and 'Anna Jensen' (1 place, first at conference.yaml:10; a letter or two differ)" + MERGE_HINT,
        f"{member(2)} 'Anna Jensen' (1 place) is also written 'Anna Jansen' (1 place, first at conference.yaml:9; "
        "a letter or two differ)" + MERGE_HINT,
    ]


def test_initials_with_one_affiliation_written_within_the_other_are_one_person(tmp_path):
    """"A. Eichler" of "Department of Physics, ETH Zurich, Switzerland" and "Alex Eichler" of "ETH Zurich,
    Switzerland" (a physics school's abstracts): linked; two different universities' departments of physics are
    not one affiliation."""
    same = committee("{name: Alex Eichler, affiliation: 'ETH Zurich, Switzerland'}",
                     "{name: A. Eichler, affiliation: 'Department of Physics, ETH Zurich, Switzerland'}")
    assert warnings_for(tmp_path / "same", {"conference.yaml": same}) == [
        f"{member(0)} 'Alex Eichler' (1 place) is also written 'A. Eichler' (1 place, first at conference.yaml:9; "
        "initials)" + MERGE_HINT,
        f"{member(1)} 'A. Eichler' (1 place) is also written 'Alex Eichler' (1 place, first at conference.yaml:8; "
        "initials)" + MERGE_HINT]
    other = committee("{name: Alex Eichler, affiliation: 'Department of Physics, Lund University'}",
                      "{name: A. Eichler, affiliation: 'Department of Physics, University of Oslo'}")
    assert warnings_for(tmp_path / "other", {"conference.yaml": other}) == []


def test_initials_fit_one_person_only_when_the_fuller_spellings_are_close_to_each_other(tmp_path):
    """'C. Smith' fits Christina, Chrstina and Chrstna Smith; Christina and Chrstna are linked only
    through Chrstina, so they may be two people and 'C. Smith' is not linked (before, the chain made
    them one person and 'C. Smith' was linked to all three)."""
    chain = committee("{name: C. Smith}", "{name: Christina Smith}", "{name: Chrstina Smith}", "{name: Chrstna Smith}")
    assert [line for line in warnings_for(tmp_path / "chain", {"conference.yaml": chain})
            if "'C. Smith'" in line] == []
    close = committee("{name: C. Smith}", "{name: Christina Smith}", "{name: Chrstina Smith}")
    assert warnings_for(tmp_path / "close", {"conference.yaml": close})[0] == (
        f"{member(0)} 'C. Smith' (1 place) is also written 'Christina Smith' (1 place, first at conference.yaml:9; "
        "initials) and 'Chrstina Smith' (1 place, first at conference.yaml:10; initials)" + MERGE_HINT)


# -- the same affiliation written differently --------------------------------------------------

def test_affiliation_variants_are_grouped_with_counts(tmp_path):
    files = {"conference.yaml": committee(
        "{name: Ann Lee, affiliation: Univ. of Tartu}",
        "{name: Bob Lee, affiliation: University of Tartu}",
        "{name: Cy Lee, affiliation: 'University of Tartu, Estonia'}",
        "{name: Di Lee, affiliation: University of Tartu}",
        "{name: Ed Lee, affiliation: 'Dept. of Physics & Astronomy, Uppsala Univ.'}",
        "{name: Flo Lee, affiliation: 'Department of Physics and Astronomy, Uppsala University'}",
    )}
    tartu = "'University of Tartu' (2 places, first at conference.yaml:9; abbreviations or small words differ)"
    assert warnings_for(tmp_path, files) == [
        f"{member(0, 'affiliation')} 'Univ. of Tartu' (1 place) is also written {tartu} and "
        "'University of Tartu, Estonia' (1 place, first at conference.yaml:10; country left out)",
        f"{member(1, 'affiliation')} 'University of Tartu' (2 places) is also written 'Univ. of Tartu' (1 place, "
        "first at conference.yaml:8; abbreviations or small words differ) and 'University of Tartu, Estonia' "
        "(1 place, first at conference.yaml:10; country left out)",
        f"{member(2, 'affiliation')} 'University of Tartu, Estonia' (1 place) is also written 'Univ. of Tartu' "
        "(1 place, first at conference.yaml:8; country left out) and 'University of Tartu' (2 places, first at "
        "conference.yaml:9; country left out)",
        f"{member(4, 'affiliation')} 'Dept. of Physics & Astronomy, Uppsala Univ.' (1 place) is also written "
        "'Department of Physics and Astronomy, Uppsala University' (1 place, first at conference.yaml:13; "
        "abbreviations or small words differ)",
        f"{member(5, 'affiliation')} 'Department of Physics and Astronomy, Uppsala University' (1 place) is also "
        "written 'Dept. of Physics & Astronomy, Uppsala Univ.' (1 place, first at conference.yaml:12; "
        "abbreviations or small words differ)",
    ]


def test_a_second_institution_after_a_comma_is_not_taken_for_a_country(tmp_path):
    """GMTH's ConfTool export: "Hochschule der Künste Bern, Hochschule für Musik Freiburg" (one speaker, two schools)
    was the same affiliation as "Hochschule der Künste Bern" with its "country written differently": institutions'
    words were known in English alone. "Universität Wien, Austria" still has a country."""
    files = {"conference.yaml": committee(
        "{name: Ann Lee, affiliation: 'Hochschule der Künste Bern, Hochschule für Musik Freiburg'}",
        "{name: Bob Lee, affiliation: Hochschule der Künste Bern}",
        "{name: Cy Lee, affiliation: 'Universität Wien, Austria'}",
        "{name: Di Lee, affiliation: Universität Wien}",
    )}
    assert warnings_for(tmp_path, files) == [
        f"{member(2, 'affiliation')} 'Universität Wien, Austria' (1 place) is also written 'Universität Wien' "
        "(1 place, first at conference.yaml:11; country left out)",
        f"{member(3, 'affiliation')} 'Universität Wien' (1 place) is also written 'Universität Wien, Austria' "
        "(1 place, first at conference.yaml:10; country left out)"]


def test_a_second_institution_in_a_language_of_its_own_is_not_taken_for_a_country(tmp_path):
    """The institution words are one table with the importers' (text.institutions), which knows Finnish, Italian's
    polytechnics and the faculties: "Helsingin yliopisto, Politecnico di Milano" (two institutions) is no
    "Helsingin yliopisto" with its country written differently."""
    files = {"conference.yaml": committee(
        "{name: Ann Lee, affiliation: 'Helsingin yliopisto, Politecnico di Milano'}",
        "{name: Bob Lee, affiliation: Helsingin yliopisto}")}
    assert warnings_for(tmp_path, files) == []


def test_affiliation_typo_is_a_variant(tmp_path):
    files = {"conference.yaml": committee("{name: Ann Lee, affiliation: University of Cambridge}",
                                          "{name: Bob Lee, affiliation: University of Cambrige}")}
    assert warnings_for(tmp_path, files) == [
        f"{member(0, 'affiliation')} 'University of Cambridge' (1 place) is also written 'University of Cambrige' "
        "(1 place, first at conference.yaml:9; a letter or two differ)",
        f"{member(1, 'affiliation')} 'University of Cambrige' (1 place) is also written 'University of Cambridge' "
        "(1 place, first at conference.yaml:8; a letter or two differ)",
    ]


@pytest.mark.parametrize("first, second", [
    ("University of Oslo", "University of Osaka"),
    ("'Department of Physics, Lund University'", "'Department of Physics, Uppsala University'"),
    ("'Department of Physics, Lund'", "Department of Physics"),
    ("Bulgarian Academy of Sciences", "Hungarian Academy of Sciences"),
    ("Paris Observatory", "Paris Observatory"),  # the same spelling twice is fine
])
def test_affiliation_near_miss(tmp_path, first, second):
    files = {"conference.yaml": committee(f"{{name: Ann Lee, affiliation: {first}}}",
                                          f"{{name: Bob Lee, affiliation: {second}}}")}
    assert warnings_for(tmp_path, files) == []


# -- an affiliation list that is one address cut at its commas ----------------------------------

@pytest.mark.parametrize("affiliation, message", [
    ("[Institute of Geophysics, Polish Academy of Sciences, Poland]",
     "3 affiliations are printed, 'Institute of Geophysics', 'Polish Academy of Sciences' and 'Poland', but "
     "'Poland' is a country: if this is one address, write it as one quoted string: "
     'affiliation: "Institute of Geophysics, Polish Academy of Sciences, Poland"'),
    ("[Uniwersytet Warszawski, Polska]",  # the country in its own language
     "2 affiliations are printed, 'Uniwersytet Warszawski' and 'Polska', but 'Polska' is a country: if this is "
     'one address, write it as one quoted string: affiliation: "Uniwersytet Warszawski, Polska"'),
    ("[Dept. of Physics, Imperial College, UK]",  # a name CLDR does not list
     "3 affiliations are printed, 'Dept. of Physics', 'Imperial College' and 'UK', but 'UK' is a country: if this "
     'is one address, write it as one quoted string: affiliation: "Dept. of Physics, Imperial College, UK"'),
    ("[University of California, Los Angeles]",
     "2 affiliations are printed, 'University of California' and 'Los Angeles', but 'Los Angeles' is a city: if "
     'this is one address, write it as one quoted string: affiliation: "University of California, Los Angeles"'),
    ("[Max Planck Institute for Astronomy, Königstuhl 17, 69117 Heidelberg]",
     "3 affiliations are printed, 'Max Planck Institute for Astronomy', 'Königstuhl 17' and '69117 Heidelberg', "
     "but '69117 Heidelberg' looks like a postcode: if this is one address, write it as one quoted string: "
     'affiliation: "Max Planck Institute for Astronomy, Königstuhl 17, 69117 Heidelberg"'),
    ("[Lund University, Sweden, Niels Bohr Institute, Denmark]",
     "4 affiliations are printed, 'Lund University', 'Sweden', 'Niels Bohr Institute' and 'Denmark', but 'Sweden' "
     "is a country: if these are 2 addresses, write each as one quoted string: "
     'affiliation: ["Lund University, Sweden", "Niels Bohr Institute, Denmark"]'),
    ('[Dipartimento di Fisica "E. Fermi", Pisa, Italia]',  # double quotes inside: single-quoted
     "3 affiliations are printed, 'Dipartimento di Fisica \"E. Fermi\"', 'Pisa' and 'Italia', but 'Italia' is a "
     "country: if this is one address, write it as one quoted string: "
     "affiliation: 'Dipartimento di Fisica \"E. Fermi\", Pisa, Italia'"),
], ids=["country", "country-own-language", "country-everyday-name", "city", "postcode", "two-addresses",
        "quotes-inside"])
def test_affiliation_list_that_is_one_address(tmp_path, affiliation, message):
    files = {"conference.yaml": committee(f"{{name: Ann Lee, affiliation: {affiliation}}}")}
    assert warnings_for(tmp_path, files) == [f"{member(0, 'affiliation')} {message}"]


def test_affiliation_list_split_points_at_the_line_of_the_list(tmp_path):
    """Block style: the warning is on the line of `affiliation:`, not of the person's first key."""
    tutorials = BASE["tutorials.yaml"].replace(
        "    - {name: Sven Oberg, affiliation: NBI}\n",
        "    - name: Sven Oberg\n      affiliation:\n        - Niels Bohr Institute\n        - København\n")
    posters = "- number: 1\n  author: Zoe Papadopoulou\n  title: Mixture density networks\n" \
              "  affiliation:\n    - Aristarchus Centre for Astronomy\n    - Greece\n"
    assert warnings_for(tmp_path, {"tutorials.yaml": tutorials, "posters.yaml": posters}) == [
        "posters.yaml:4: [0].affiliation: warning: 2 affiliations are printed, 'Aristarchus Centre for Astronomy' "
        "and 'Greece', but 'Greece' is a country: if this is one address, write it as one quoted string: "
        'affiliation: "Aristarchus Centre for Astronomy, Greece"',
        "tutorials.yaml:6: [0].presenters[0].affiliation: warning: 2 affiliations are printed, 'Niels Bohr "
        "Institute' and 'København', but 'København' is a city: if this is one address, write it as one quoted "
        'string: affiliation: "Niels Bohr Institute, København"',
    ]


@pytest.mark.parametrize("affiliation", [
    "[Lund University, Uppsala University]",  # two institutions
    "[Stockholm University, Nordita]",
    "[University of Warsaw, Warsaw University of Technology]",  # a city's name inside an institution's
    '["Lund University, Sweden", "Niels Bohr Institute, Denmark"]',  # each address whole
    "[Institute of Geophysics, Polish Academy of Sciences]",  # no lone place: two parts, or two institutions
    "[Sweden, Norway]",  # places alone are no address
    "Poland",  # one affiliation
    '"Institute of Geophysics, Polish Academy of Sciences, Poland"',
    "[Paris Observatory, CNRS]",
    "[Institute of Physics, Academia Sinica]",
], ids=["two-universities", "university-and-institute", "city-in-name", "whole-addresses", "no-place",
        "places-only", "single", "quoted", "observatory-and-cnrs", "academia-sinica"])
def test_affiliation_list_near_miss(tmp_path, affiliation):
    files = {"conference.yaml": committee(f"{{name: Ann Lee, affiliation: {affiliation}}}")}
    assert warnings_for(tmp_path, files) == []


# -- the language code ---------------------------------------------------------------------------
# A code that CLDR cannot read is an error (see test_language.py), with the code meant; what CLDR
# reads but is not the code meant ('eng', 'en-UK') is a warning.

@pytest.mark.parametrize("code, message", [
    ("eng", "'eng' is an older or longer code for English: write 'en', the one the PDF uses"),
    ("en-UK", "'en-UK': 'UK' is not a region code (did you mean 'en-GB'?)"),
    ("sr-Latx", "'sr-Latx': 'Latx' is not a script code (ISO 15924, like Latn or Cyrl); write 'sr'"),
])
def test_unknown_language_code(tmp_path, code, message):
    files = {"conference.yaml": extend("conference.yaml", f"language: {code}\n")}
    assert warnings_for(tmp_path, files) == [f"conference.yaml:5: language: warning: {message}"]


@pytest.mark.parametrize("code, message", [
    ("xx", "'xx' is not a language code (ISO 639, like en, de or fr; en-GB with a region)"),
    ("englsh", "'englsh' is not a language code (ISO 639, like en, de or fr; en-GB with a region) "
               "(did you mean 'en', English?)"),
    ("english", "'english' is the name of a language, not its code: for English write 'en'"),
    ("Deutsch", "'Deutsch' is the name of a language, not its code: for German write 'de'"),
    ("svenska", "'svenska' is the name of a language, not its code: for Swedish write 'sv'"),
    ("en-XX", "'en-XX': 'XX' is not a region code (ISO 3166): write 'en' alone, or a real region as in 'en-US'"),
    ("de_XX", "'de_XX': 'XX' is not a region code (ISO 3166): write 'de' alone, or a real region as in 'de-DE'"),
])
def test_language_code_that_cldr_cannot_read_is_an_error_with_the_code_meant(tmp_path, code, message):
    files = {"conference.yaml": extend("conference.yaml", f"language: {code}\n")}
    with pytest.raises(DataError) as caught:
        read_booklet(write_conference(tmp_path / "conf", files))
    (problem,) = caught.value.problems
    assert (problem.file, problem.line, problem.key, problem.severity) == ("conference.yaml", 5, "language", "error")
    assert problem.message.startswith(message + "; booklet has its words in en (English), de (German)")


@pytest.mark.parametrize("code", ["en", "EN", "de", "en-GB", "pt_BR", "zh-Hans", "sr-Latn", "de-CH", "nb"])
def test_real_language_code(tmp_path, code):
    files = {"conference.yaml": extend("conference.yaml", f"language: {code}\n")}
    dates = [] if code != "zh-Hans" else ["the booklet's fonts cannot print the dates in 'zh-Hans'"]  # (glyph)
    # (a language booklet has no words in prints English ones: said, and no more about the code)
    name = {"zh-Hans": "Chinese", "sr-Latn": "Serbian", "nb": "Norwegian Bokmål"}.get(code)
    words = [f"booklet has no words of its own in {name} ('{code}')"] if name else []
    assert [w.split(": warning: ")[1].split(":")[0] for w in warnings_for(tmp_path, files)] == dates + words


def test_language_warning_is_on_the_line_of_the_key(tmp_path):
    text = "language: eng\n" + BASE["conference.yaml"]
    assert warnings_for(tmp_path, {"conference.yaml": text}) == [
        "conference.yaml:1: language: warning: 'eng' is an older or longer code for English: "
        "write 'en', the one the PDF uses"]


# -- text that YAML reads as a comment or an anchor -------------------------------------------------

def test_value_read_as_a_comment_or_an_anchor(tmp_path):
    files = {"conference.yaml": extend("conference.yaml", "hashtag: #StarStat2027  # ours\nwelcome: &friends\n")}
    assert warnings_for(tmp_path, files) == [
        "conference.yaml:5: hashtag: warning: the value is empty: YAML reads '#StarStat2027' as a comment; "
        'if it is the value, put it in quotes: hashtag: "#StarStat2027"',
        "conference.yaml:6: welcome: warning: the value is empty: YAML reads '&friends' as an anchor, a name for "
        'the value; if it is the value, put it in quotes: welcome: "&friends"',
    ]


@pytest.mark.parametrize("lines", [
    'hashtag: "#StarStat2027"\n',
    "hashtag: StarStat2027 #ours\n",  # a comment after the value
    "subtitle: # to be announced\n",  # a comment, as comments are written
    "subtitle:\n",
    "welcome: &w Welcome\nsubtitle: *w\n",  # an anchor with its value, used
], ids=["quoted", "comment-after", "comment", "empty", "anchor-used"])
def test_value_read_as_a_comment_near_miss(tmp_path, lines):
    assert warnings_for(tmp_path, {"conference.yaml": extend("conference.yaml", lines)}) == []


# -- programme titles ------------------------------------------------------------------------

@pytest.mark.parametrize("title, flagged", [
    ("A talk about Lund", False),
    ("A Talk About Lund!", False),  # case and punctuation
    ("A talk", False),  # a short form: the first words
    ("A talk about Malmö", True),
    ("A talk about Lund and more", True),
])
def test_programme_title_must_be_a_short_form(tmp_path, title, flagged):
    files = {"programme.yaml": PROGRAMME.replace("talk: lund-2026}", f'talk: lund-2026, title: "{title}"}}')}
    expected = [
        f"programme.yaml:5: days[0].items[1].title: warning: programme title '{title}' differs from the "
        "abstract's title 'A talk about Lund' (abstracts.yaml:1)"
    ]
    assert warnings_for(tmp_path, files) == (expected if flagged else [])


@pytest.mark.parametrize("title, flagged", [("量子計算の基礎", False), ("量子計算の基礎 (Day 2)", False),
                                           ("星団の階層モデル", True), ("Quantum computing", True)])
def test_a_programme_title_the_fonts_print_nothing_of_is_compared_as_written(tmp_path, title, flagged):
    """An abstract titled in CJK alone (`量子計算の基礎`) and a programme line titled `星団の階層モデル` both print the label
    title_not_printable, and were compared as they print: the same, so the line naming another talk was not warned
    of; a line titled in Latin letters was said to differ from "the abstract's title '(title not printable)'". Both
    are compared, and quoted, as written."""
    abstracts = BASE["abstracts.yaml"].replace("title: A talk about Lund", "title: 量子計算の基礎")
    files = {"abstracts.yaml": abstracts,
             "programme.yaml": PROGRAMME.replace("talk: lund-2026}", f'talk: lund-2026, title: "{title}"}}')}
    expected = [
        f"programme.yaml:5: days[0].items[1].title: warning: programme title '{title}' differs from the "
        "abstract's title '量子計算の基礎' (abstracts.yaml:1)"
    ]
    warned = [line for line in warnings_for(tmp_path, files) if "fonts cannot print" not in line]
    assert warned == (expected if flagged else [])


# -- times and dates ---------------------------------------------------------------------------

def test_overlap_in_one_track(tmp_path):
    files = {"programme.yaml": PROGRAMME.replace('"10:00-10:30", title: Coffee', '"09:50-10:30", title: Coffee')}
    assert warnings_for(tmp_path, files) == [
        "programme.yaml:6: days[0].items[2].time: warning: 09:50\u201310:30 overlaps 'A talk about Lund' "
        "(09:20\u201310:00) at programme.yaml:5 in the same track",
    ]


PARALLEL = """\
    - {time: "09:00-09:20", title: Welcome}
    - parallel:
        - session: Track A
          room: Room A
          items:
            - {time: "09:20-10:00", talk: lund-2026}
        - session: Track B
          room: ROOM
          chair: CHAIR
          items:
            - {time: "TIME", talk: okafor}
    - {time: "14:00-17:00", tutorial: bayes-intro}
    """


def parallel(room: str = "Room B", chair: str = "Mei Chen", time: str = "09:20-09:50") -> dict:
    return {"programme.yaml": day(PARALLEL.replace("ROOM", room).replace("CHAIR", chair).replace("TIME", time))}


def test_overlap_in_one_room(tmp_path):
    assert warnings_for(tmp_path, parallel(room="Room A")) == [
        "programme.yaml:14: days[0].items[1].parallel[1].items[0].time: warning: 09:20\u201309:50 overlaps "
        "'A talk about Lund' (09:20\u201310:00) at programme.yaml:9 in Room A",
    ]


def test_no_overlap_in_parallel_rooms_or_back_to_back(tmp_path):
    assert warnings_for(tmp_path, parallel()) == []  # PROGRAMME's items meet end to start: see the base test


@pytest.mark.parametrize("first, warned", [("tutorial: bayes-intro", False), ('title: "Workshop: PyData"', False),
                                            ("talk: lund-2026", True)])
def test_a_long_item_of_a_parallel_block_has_the_break_after_the_block_in_it(tmp_path, first, warned):
    """A three-hour tutorial (or workshop) beside a session of talks, then a coffee break for everyone: the tutorial
    runs through the break, as tutorials do (an import of EuroPython's programme gave 30 "overlaps ... in the same
    track"); a talk running into the break is still one."""
    long_time = "14:00-14:40" if warned else "14:00-17:00"
    files = {"programme.yaml": f"""\
        days:
          - date: 2027-09-13
            items:
              - parallel:
                  - session: Tutorial
                    room: Room A
                    items:
                      - {{time: "{long_time}", {first}}}
                  - session: Talks
                    room: Room B
                    items:
                      - {{time: "14:00-14:30", talk: okafor}}
              - {{time: "14:30-15:00", title: Coffee Break, kind: break}}
        """}
    overlaps = [line for line in warnings_for(tmp_path, files) if "overlaps" in line]
    assert overlaps == ([
        "programme.yaml:13: days[0].items[1].time: warning: 14:30\u201315:00 overlaps 'A talk about Lund' "
        "(14:00\u201314:40) at programme.yaml:8 in the same track"] if warned else [])


def test_a_long_break_of_a_parallel_block_still_overlaps_an_item_after_the_block(tmp_path):
    """(The break and the long item of the rule above are two items: a lunch of 90 minutes in a parallel block is
    both, and what comes after the block during it overlaps it.)"""
    files = {"programme.yaml": """\
        days:
          - date: 2027-09-13
            items:
              - parallel:
                  - session: A
                    room: Room A
                    items:
                      - {time: "14:00-15:30", title: Lunch, kind: break}
                  - session: B
                    room: Room B
                    items:
                      - {time: "14:00-14:30", talk: okafor}
              - {time: "14:30-15:00", talk: lund-2026}
        """}
    assert [line.split(": warning: ")[1] for line in warnings_for(tmp_path, files) if "overlaps" in line] == [
        "14:30\u201315:00 overlaps 'Lunch' (14:00\u201315:30) at programme.yaml:8 in the same track"]


def test_items_out_of_order(tmp_path):
    files = {"programme.yaml": PROGRAMME.replace('"10:30-11:00", talk: okafor', '"09:30-09:50", talk: okafor')}
    assert warnings_for(tmp_path, files) == [
        "programme.yaml:10: days[0].items[3].items[0].time: warning: starts at 09:30, before the item above it, "
        "'Coffee Break' (10:00\u201310:30) at programme.yaml:6",
    ]


@pytest.mark.parametrize("coffee, message", [
    ("21:00-21:30", "21:00 is out of place between 09:20 and 10:30: a typo?"),
    ("22:00-22:30", "22:00 is out of place between 09:20 and 10:30: a typo? (did you mean 10:00?)"),
    ("12:00-12:30", "12:00 is out of place between 09:20 and 10:30: a typo? (did you mean 10:00?)"),
])
def test_time_that_looks_like_a_typo(tmp_path, coffee, message):
    files = {"programme.yaml": PROGRAMME.replace('"10:00-10:30", title: Coffee', f'"{coffee}", title: Coffee')}
    assert warnings_for(tmp_path, files) == [f"programme.yaml:6: days[0].items[2].time: warning: {message}"]


def test_evening_time_written_as_morning(tmp_path):
    files = {"programme.yaml": PROGRAMME + '      - {time: "07:30", title: Dinner, kind: social}\n'}
    assert warnings_for(tmp_path, files) == [
        "programme.yaml:12: days[0].items[5].time: warning: 07:30 is out of place after 14:00: a typo? "
        "(did you mean 19:30?)",
    ]


def test_items_after_midnight_are_in_order_and_a_morning_one_before_them_is_not(tmp_path):
    """As the programme at a glance draws them (and imports keep a night's events on their day): an item that starts
    before 06:00 after one that starts in the afternoon is after midnight, in order after the evening."""
    night = ('      - {time: "23:00-23:45", title: Late talk}\n      - {time: "00:15-00:55", title: Night talk}\n'
             '      - {time: "01:00", title: Closing, kind: social}\n')
    assert warnings_for(tmp_path / "night", {"programme.yaml": PROGRAMME + night}) == []
    typo = PROGRAMME + ('      - {time: "17:00-17:30", title: A}\n      - {time: "02:00-02:30", title: B}\n'
                        '      - {time: "18:30-19:00", title: C}\n')
    assert warnings_for(tmp_path / "typo", {"programme.yaml": typo}) == [  # (the minutes after midnight: as written)
        "programme.yaml:13: days[0].items[6].time: warning: 02:00 is out of place between 17:00 and 18:30: a typo?"]
    early = PROGRAMME.replace('"10:00-10:30", title: Coffee', '"00:30-01:00", title: Coffee')
    assert warnings_for(tmp_path / "early", {"programme.yaml": early}) == [
        "programme.yaml:6: days[0].items[2].time: warning: 00:30 is out of place between 09:20 and 10:30: a typo? "
        "(did you mean 09:30?)"]


@pytest.mark.parametrize("night, message", [
    ('      - {time: "00:15-00:55", title: Night talk}\n',
     "programme.yaml:5: days[0].items[1].time: warning: 00:15 is out of place after 10:30: a typo? (did you mean "
     "12:15?); if it is after midnight, write `night: true` on its day"),
    ('      - {time: "00:15-00:55", title: Night talk}\n      - {time: "01:00", title: Closing, kind: social}\n',
     "programme.yaml:5: days[0].items[1].time: warning: starts at 00:15, before the item above it, 'Opening' "
     "(10:30\u201311:00) at programme.yaml:4; if it is after midnight, write `night: true` on its day"),
    ('      - {time: "00:15-00:55", title: Night talk}\n      - {time: "11:30", title: Lunch, kind: break}\n',
     "programme.yaml:5: days[0].items[1].time: warning: 00:15 is out of place between 10:30 and 11:30: a typo?"),
], ids=["last", "two-last", "not-last"])
def test_a_morning_day_s_night_read_as_its_morning_points_to_the_night_key(tmp_path, night, message):
    """A review: a day with nothing from 13:00 on reads "00:15" after "10:30" as its morning (Day.clock), and check
    said only "a typo?": the key that makes it the day's night, `night: true`, was nowhere in the message. The warning
    names it when the items from the one warned of on all start before 06:00 (the day's end), not when the day goes
    on after it (then it is a typo); written, the day has no warning."""
    day = '  - date: 2027-09-13\n    items:\n      - {time: "10:30-11:00", title: Opening}\n' + night
    def day_warnings(folder: Path, text: str) -> list[str]:
        return [w for w in warnings_for(folder, {"programme.yaml": "days:\n" + text}) if "days[0]" in w]

    assert day_warnings(tmp_path / "without", day) == [message]
    if "night: true" in message:
        assert day_warnings(tmp_path / "with", day.replace("    items:", "    night: true\n    items:")) == []


def test_evening_and_untimed_items_are_in_order(tmp_path):
    files = {"programme.yaml": PROGRAMME + '      - {title: Free evening, kind: social}\n'
                                           '      - {time: "19:30", title: Dinner, kind: social}\n'}
    assert warnings_for(tmp_path, files) == []


def test_dates_outside_twice_and_out_of_order(tmp_path):
    files = {"programme.yaml": PROGRAMME + "  - date: 2027-09-20\n  - date: 2027-09-13\n  - date: 2027-09-12\n"}
    assert warnings_for(tmp_path, files) == [  # grouped by kind
        "programme.yaml:14: days[3].date: warning: 2027-09-12 comes after 2027-09-13 (days[2]); "
        "days are out of order",
        "programme.yaml:12: days[1].date: warning: 2027-09-20 is outside the conference dates "
        "(2027-09-13 to 2027-09-14)",
        "programme.yaml:14: days[3].date: warning: 2027-09-12 is outside the conference dates "
        "(2027-09-13 to 2027-09-14)",
        "programme.yaml:13: days[2].date: warning: 2027-09-13 is already the date of days[0] (line 2)",
    ]


@pytest.mark.parametrize("end, warned", [("2027-11-14", True), ("9999-12-31", True), ("2027-11-13", False)])
def test_a_conference_of_more_than_two_months_is_a_date_to_look_at(tmp_path, end, warned):
    """`dates: {start: 2027-09-13, end: 9999-12-31}` passed check without a word, and the cover printed it."""
    files = {"conference.yaml": BASE["conference.yaml"].replace("end: 2027-09-14", f"end: {end}")}
    days = (dt.date.fromisoformat(end) - dt.date(2027, 9, 13)).days + 1
    assert warnings_for(tmp_path, files) == ([
        f"conference.yaml:3: dates.end: warning: the conference runs {days:,} days (2027-09-13 to {end}), and the "
        "cover says so: is a year or a month mistyped?"] if warned else [])


def test_dates_within_the_conference_in_order(tmp_path):
    assert warnings_for(tmp_path, {"programme.yaml": PROGRAMME + "  - date: 2027-09-14\n"}) == []


def test_person_chairing_while_speaking_in_a_parallel_session(tmp_path):
    assert warnings_for(tmp_path, parallel(chair="Ana Smith")) == [
        "programme.yaml:12: days[0].items[1].parallel[1].chair: warning: 'Ana Smith' chairs 'Track B' "
        "(09:20\u201309:50) here and gives 'A talk about Lund' (09:20\u201310:00) at programme.yaml:9, "
        "at the same time",
    ]


@pytest.mark.parametrize("chair, time", [
    ("Ana Smith", "10:00-10:20"),  # chairs after her talk
    ("Chiamaka Okafor", "09:20-09:50"),  # chairs the session she speaks in
], ids=["after", "own-session"])
def test_person_in_two_places_near_miss(tmp_path, chair, time):
    assert warnings_for(tmp_path, parallel(chair=chair, time=time)) == []


# -- what is scheduled -------------------------------------------------------------------------

def test_talk_scheduled_twice(tmp_path):
    files = {"programme.yaml": PROGRAMME + '      - {time: "17:00-17:20", talk: lund-2026}\n'}
    assert warnings_for(tmp_path, files) == [
        "programme.yaml:12: days[0].items[5].talk: warning: talk 'lund-2026' is already in the programme "
        "at programme.yaml:5; remove one of them, or, if the talk is given again, write `again: true` on this one",
    ]


def test_a_talk_held_again_says_so_and_is_not_a_warning(tmp_path):
    """`again: true` on a talk's later times (a talk held again, as an import writes it): no warning that it is
    scheduled twice; on an item with no talk, the key is unused and check says so."""
    files = {"programme.yaml": PROGRAMME + '      - {time: "17:00-17:20", talk: lund-2026, again: true}\n'}
    assert warnings_for(tmp_path, files) == []
    first = PROGRAMME.replace("talk: lund-2026}", "talk: lund-2026, again: true}", 1)
    assert first != PROGRAMME
    assert warnings_for(tmp_path / "first", {"programme.yaml": first}) == [
        "programme.yaml:5: days[0].items[1].again: warning: `again: true` on talk 'lund-2026''s first time in the "
        "programme: it says a talk is held again; put it on its later times"]
    files = {"programme.yaml": PROGRAMME + '      - {time: "17:00-17:20", title: Drinks, again: true}\n'}
    assert warnings_for(tmp_path, files) == [
        "programme.yaml:12: days[0].items[5].again: warning: `again: true` is for a talk held again; this item has "
        "no `talk:` (the key is left unused)"]


def test_tutorial_in_two_slots_is_fine(tmp_path):
    files = {"programme.yaml": PROGRAMME + '      - {time: "17:00-18:00", tutorial: bayes-intro}\n'}
    assert warnings_for(tmp_path, files) == []


def test_abstract_and_tutorial_never_scheduled(tmp_path):
    programme = PROGRAMME.replace('          - {time: "10:30-11:00", talk: okafor}\n', "")
    programme = programme.replace('      - {time: "14:00-17:00", tutorial: bayes-intro}\n', "")
    assert warnings_for(tmp_path, {"programme.yaml": programme}) == [
        # (okafor's talk was the session's one item: its heading and chair are left with nothing under them)
        "programme.yaml:9: days[0].items[3].items: warning: the session 'Inference' has no items: the programme prints "
        "its heading and its chair, Mei Chen, with nothing under them; give it its talks under `items:`, make it a "
        "programme line (`title:`), or leave it out",
        "abstracts.yaml:5: [1].id: warning: abstract 'okafor' is not in the programme",
        "tutorials.yaml:1: [0].id: warning: tutorial 'bayes-intro' is not in the programme",
    ]


def test_nothing_is_unscheduled_without_a_programme(tmp_path):
    assert warnings_for(tmp_path, {"programme.yaml": None}) == []


# -- posters -------------------------------------------------------------------------------------

def test_poster_numbers_duplicated_and_skipped(tmp_path):
    files = {"posters.yaml": """\
        - {number: 1, author: Al Bo, title: First}
        - {number: 1, author: Cy Do, title: Second}
        - {number: 4, author: Ed Fu, title: Third}
        - {number: 8, author: Gu Ho, title: Fourth}
        """}
    assert warnings_for(tmp_path, files) == [
        "posters.yaml:2: [1].number: warning: poster number 1 is also the number of 'First' (posters.yaml:1)",
        "posters.yaml:3: [2].number: warning: poster numbers jump from 1 to 4 (2 and 3 missing)",
        "posters.yaml:4: [3].number: warning: poster numbers jump from 4 to 8 (5 to 7 missing)",
    ]


def test_poster_numbers_in_any_order_or_by_position(tmp_path):
    files = {"posters.yaml": """\
        - {number: 2, author: Al Bo, title: First}
        - {number: 1, author: Cy Do, title: Second}
        - {author: Ed Fu, title: Third}
        """}
    assert warnings_for(tmp_path, files) == []


# -- photos ------------------------------------------------------------------------------------

INVITED = (BASE["abstracts.yaml"].replace("- id: lund-2026\n", "- id: lund-2026\n  kind: invited\n")
           .replace("- id: okafor\n", "- id: okafor\n  kind: keynote\n"))


def test_invited_talk_without_a_photo_when_the_other_has_one(tmp_path):
    abstracts = INVITED.replace("Ana Smith, affiliation: Uni A}", "Ana Smith, affiliation: Uni A, photo: a.jpg}")
    assert warnings_for(tmp_path, {"abstracts.yaml": abstracts, "a.jpg": jpeg()}) == [
        "abstracts.yaml:10: [1].authors[0].photo: warning: keynote talk 'okafor' has no photo of "
        "'Chiamaka Okafor', while 1 of the 2 invited and keynote talks has one",
    ]


def test_a_keynote_whose_speaker_is_left_out_asks_for_no_photo(tmp_path):
    """`booklet check` and `build` stopped with "internal error (IndexError: tuple index out of range)" on a keynote
    whose one speaker's name the fonts print nothing of (`name: 王小明`) while the other invited talk has a photo: the
    check of photos asked for the photo of its first speaker, and it has none named. Such a talk names no one to
    give a photo: the name's own warning is the one given, and the book is built."""
    abstracts = INVITED.replace("Ana Smith, affiliation: Uni A}", "Ana Smith, affiliation: Uni A, photo: a.jpg}")
    abstracts = abstracts.replace("{name: Chiamaka Okafor, affiliation: Uni B, presenting: true}",
                                  "{name: 王小明, presenting: true}").replace("- {name: Bo Jones}", "")
    assert [w.split(": ", 3)[:3] for w in warnings_for(tmp_path, {"abstracts.yaml": abstracts, "a.jpg": jpeg()})] == [
        ["abstracts.yaml:10", "[1].authors[0].name", "warning"]]
    folder = write_conference(tmp_path / "build", {"abstracts.yaml": abstracts, "a.jpg": jpeg()})
    run = CliRunner().invoke(main, ["build", str(folder), "-o", str(tmp_path / "b.pdf")])
    assert run.exit_code == 0 and "internal error" not in run.output and (tmp_path / "b.pdf").exists()


def test_a_talk_whose_speaker_is_left_out_is_not_counted_as_having_a_photo(tmp_path):
    """Three invited talks, one with a photo, one named without, one whose only speaker is left out (`name: 王小明`,
    no photo): the warning said "while 2 of the 3 invited and keynote talks have one", counting the talk whose speaker
    is left out (it prints no photo) as having one. It is one of the 3."""
    third = ("- id: wang\n  kind: invited\n  title: A third invited talk\n  speaker: {name: 王小明}\n"
             "  abstract: Its text.\n")
    abstracts = INVITED.replace("Ana Smith, affiliation: Uni A}", "Ana Smith, affiliation: Uni A, photo: a.jpg}")
    folder = {"abstracts.yaml": abstracts + third, "a.jpg": jpeg()}
    assert [w for w in warnings_for(tmp_path, folder) if "no photo" in w] == [
        "abstracts.yaml:10: [1].authors[0].photo: warning: keynote talk 'okafor' has no photo of "
        "'Chiamaka Okafor', while 1 of the 3 invited and keynote talks has one",
    ]


def test_an_abstract_without_text_among_many_with_one_is_warned_of(tmp_path):
    """A watch walk-through: abstracts.yaml saved half-written ("name: P") built a talk with no text without a word.
    Where many abstracts have no text (some conference systems export talks without one), none is warned of."""
    more = "".join(f"- id: extra-{n}\n  title: Extra talk {n}\n  speaker: {{name: Person {n}}}\n"
                   + ("  abstract: Its text.\n" if n else "") for n in range(9))
    said = [w for w in warnings_for(tmp_path / "one", {"abstracts.yaml": extend("abstracts.yaml", more)})
            if "no text" in w]
    assert said == ["abstracts.yaml:12: [2].abstract: warning: abstract 'extra-0' has no text, while 10 of the 11 "
                    "abstracts have one: it prints as its title and speakers alone"]
    many = more.replace("  abstract: Its text.\n", "", 1)
    assert [w for w in warnings_for(tmp_path / "two", {"abstracts.yaml": extend("abstracts.yaml", many)})
            if "no text" in w] == []


def test_a_photo_far_from_its_place_s_proportions_prints_too_thin_to_see(tmp_path):
    """A photo of 1 x 2,000 pixels printed as a sliver 27.5 mm high and not a hundredth of one wide, without a word
    (its resolution along its long side is fine); one of the place's proportions is fine."""
    abstracts = BASE["abstracts.yaml"].replace("Ana Smith, affiliation: Uni A}",
                                               "Ana Smith, affiliation: Uni A, photo: a.jpg}")
    assert warnings_for(tmp_path, {"abstracts.yaml": abstracts, "a.jpg": jpeg((1, 2000))}) == [
        "abstracts.yaml:3: [0].speaker.photo: warning: a.jpg prints under 0.1 mm \u00d7 27.5 mm as a speaker's photo: "
        "its 1 \u00d7 2000 pixels are far from its place's proportions (22 \u00d7 27.5 mm); crop it to them",
    ]
    assert warnings_for(tmp_path / "b", {"abstracts.yaml": abstracts, "a.jpg": jpeg()}) == []


@pytest.mark.parametrize("pixels, printed", [((10000, 10), "22 mm \u00d7 under 0.1 mm"),
                                             ((2000, 80), "22 \u00d7 0.9 mm")])
def test_a_photo_printed_under_a_millimetre_high_says_how_high(tmp_path, pixels, printed):
    """A photo of 10,000 x 10 pixels was said to print "22 \u00d7 0 mm", as if it printed nothing: a side under a
    millimetre shows one decimal, and one that would show as 0 says it is under 0.1 mm."""
    abstracts = BASE["abstracts.yaml"].replace("Ana Smith, affiliation: Uni A}",
                                               "Ana Smith, affiliation: Uni A, photo: a.jpg}")
    assert [w for w in warnings_for(tmp_path, {"abstracts.yaml": abstracts, "a.jpg": jpeg(pixels)})
            if "far from" in w] == [
        f"abstracts.yaml:3: [0].speaker.photo: warning: a.jpg prints {printed} as a speaker's photo: its "
        f"{pixels[0]} \u00d7 {pixels[1]} pixels are far from its place's proportions (22 \u00d7 27.5 mm); crop it "
        "to them"]


def test_a_side_under_a_tenth_of_a_millimetre_is_told_by_a_value_not_by_its_words():
    """resolution._size told a side under 0.05 mm by the words _mm had just written for it (startswith "under"); _mm
    says None for it now, and _size words it: each side with its unit then, else one unit after both."""
    from reportlab.lib.units import mm

    from booklet.lint.resolution import _mm, _size

    assert _mm(0.01 * mm) is None and _mm(0) == "0" and _mm(0.4 * mm) == "0.4" and _mm(22 * mm) == "22"
    assert _size(22 * mm, 0.01 * mm) == "22 mm \u00d7 under 0.1 mm"
    assert _size(0.01 * mm, 0.01 * mm) == "under 0.1 mm \u00d7 under 0.1 mm"
    assert _size(22 * mm, 27.5 * mm) == "22 \u00d7 27.5 mm"


@pytest.mark.parametrize("kind", ["invited", "contributed"])
def test_photos_near_miss(tmp_path, kind):
    """No invited talk has a photo; or only contributed talks lack one."""
    abstracts = INVITED if kind == "invited" else BASE["abstracts.yaml"] + yaml_text("""\
        - id: extra
          kind: invited
          title: An invited talk
          speaker: {name: Ed Photo, photo: a.jpg}
        """)
    programme = PROGRAMME + '      - {time: "17:00-17:20", talk: extra}\n' if kind != "invited" else PROGRAMME
    assert warnings_for(tmp_path, {"abstracts.yaml": abstracts, "a.jpg": jpeg(), "programme.yaml": programme}) == []


# -- abstracts too long for a page ------------------------------------------------------------

def long_abstract(paragraphs: int) -> dict:
    text = "\n" + "\n\n".join(f"    Paragraph {i} of a long abstract." for i in range(paragraphs))
    return {"abstracts.yaml": BASE["abstracts.yaml"].replace("  abstract: Some text.\n", f"  abstract: |{text}\n")}


TOO_LONG = re.compile(r"abstracts\.yaml:1: \[0\]\.abstract: warning: abstract 'lund-2026' is (\d+) lines? too long "
                      r"for one (\w+) page; it runs onto a second page")


def too_long_lines(tmp_path, paragraphs: int, size: str = "A5") -> int:
    """By how many lines the abstract of `paragraphs` one-line paragraphs is too long (0 when it fits)."""
    folder = tmp_path / f"{paragraphs}-{size}"
    booklet, _ = read_booklet(write_conference(folder, long_abstract(paragraphs)))
    found = [str(p) for p in lint(booklet, size)]
    if not found:
        return 0
    [line] = found
    match = TOO_LONG.fullmatch(line)
    assert match and match[2] == size, line
    return int(match[1])


def test_too_long_agrees_with_the_build(tmp_path):
    """The first length that gets the warning is the first that the built booklet runs onto a second page."""
    first = next(n for n in range(10, 80) if too_long_lines(tmp_path, n))
    for paragraphs, spans in ((first - 1, 1), (first, 2)):
        out = tmp_path / f"b{paragraphs}.pdf"
        build_booklet(write_conference(tmp_path / f"built{paragraphs}", long_abstract(paragraphs)), out)
        pages = [p for p in PdfReader(out).pages if "of a long abstract" in (p.extract_text() or "")]
        assert len(pages) == spans, paragraphs
    more = too_long_lines(tmp_path, first + 10)
    assert 12 <= more - too_long_lines(tmp_path, first) <= 15  # ten more lines, each with paragraph space
    assert too_long_lines(tmp_path, first + 10, "A4") < more  # measured on the page size given


def test_short_abstract_fits(tmp_path):
    assert too_long_lines(tmp_path, 5) == 0


# -- emails ------------------------------------------------------------------------------------

@pytest.mark.parametrize("email, why", [
    ("ann@example", "the domain 'example' has no dot"),
    ("ann.example.org", "it needs exactly one '@'"),
    ("ann@@example.org", "it has more than one '@'"),
    ("'ann lee@example.org'", "it has a space in it"),
    ("'mailto:ann@example.org'", "leave out 'mailto:'"),
    ("ann@example..org", "the domain 'example..org' is not valid"),
    ("ann.@example.org", "'ann.' is not a valid name before the '@'"),
    ("ann@example.c", "the domain 'example.c' does not end in a top-level domain"),
])
def test_malformed_email(tmp_path, email, why):
    files = {"conference.yaml": committee(f"{{name: Ann Lee, email: {email}}}")}
    shown = email.strip("'")
    assert warnings_for(tmp_path, files) == [f"{member(0, 'email')} '{shown}' is not an email address: {why}"]


@pytest.mark.parametrize("email", ["ann@example.org", "a.b+c@sub.example.co.uk", "o'neil@example.ie", "ann@bücher.de"])
def test_good_email(tmp_path, email):
    files = {"conference.yaml": committee(f'{{name: Ann Lee, email: "{email}"}}')}
    assert warnings_for(tmp_path, files) == []


# -- web addresses ---------------------------------------------------------------------------------

@pytest.mark.parametrize("url, why", [
    ("'Nordlys Instruments AB'", "it has a space in it"),
    ("nordlys", "the site 'nordlys' has no dot"),
    ("'https:/www.example.org'", "write it like https://www.example.org"),
    ("'https://'", "it names no site"),
    ("'https://exa_mple.org/x'", "the site 'exa_mple.org' is not valid"),
    ("'http://[2001:db8::zz]/'", "the site '[2001:db8::zz]' is not valid"),
])
def test_a_url_that_is_no_web_address_is_a_warning_at_its_key(tmp_path, url, why):
    files = {"conference.yaml": extend("conference.yaml", f"""\
        url: {url}
        sponsors:
          - {{name: Nordlys, url: {url}}}
        """)}
    shown = url.strip("'")
    assert warnings_for(tmp_path, files) == [
        f"conference.yaml:5: url: warning: '{shown}' is not a web address: {why} (printed under Contact)",
        f"conference.yaml:7: sponsors[0].url: warning: '{shown}' is not a web address: {why} (the sponsor's logo "
        "links to it)"]


@pytest.mark.parametrize("url", ["https://www.example.org/smc2027", "www.example.org", "example.org/x?y=1#z",
                                 "'http://192.168.1.1:8080/'", "'https://bücher.de'", "'mailto:loc@example.org'",
                                 "'example.org:8080/x'", "'http://[2001:db8::1]:8080/'", "'http://[::1]/'",
                                 "'https://www.example.org./'", "'//www.example.org/x'"])
def test_a_web_address_is_no_warning(tmp_path, url):
    files = {"conference.yaml": extend("conference.yaml", f"url: {url}\nsponsors: [{{name: Nordlys, url: {url}}}]\n")}
    assert warnings_for(tmp_path, files) == []


@pytest.mark.parametrize("url, why", [
    ("\x01https://www.example.org/smc2027", None), ("\x02https://www.example.org/x\x03", None),
    ("\x01http://exa_mple.org/x", "the site 'exa_mple.org' is not valid"),
    ("\x01https:/www.example.org", "write it like https://www.example.org"),
    ("https://www.exa\tmple.org", "it has a tab in it"), ("https://www.example.org/\nsmc", "it has a line break in it")])
def test_a_url_is_read_as_a_browser_reads_it_and_its_problem_named_as_written(url, why):
    # a browser drops the controls at an address's ends (the WHATWG URL parser): "\x01https://www.example.org" is
    # https://www.example.org, and it was told "write it like https://www.example.org", what followed its scheme sliced
    # from the text as written ("://www..."); a tab or a line break, which a browser drops too, prints: named so
    from booklet.lint.entries import web_problem

    assert web_problem(url) == why


def test_a_url_s_tab_is_a_warning_that_names_it(tmp_path):
    files = {"conference.yaml": extend("conference.yaml", 'url: "https://www.exa\\tmple.org"\n')}
    assert warnings_for(tmp_path, files) == [
        "conference.yaml:5: url: warning: 'https://www.exa\tmple.org' is not a web address: it has a tab in it "
        "(printed under Contact)"]


# -- booklet check -----------------------------------------------------------------------------

WARNED = {  # two kinds: a character the fonts cannot print, an abstract not in the programme
    "abstracts.yaml": extend("abstracts.yaml", """\
        - id: wang
          title: A talk from afar
          speaker: {name: 王 Wang}
        """),
}
WARNED_LINES = [
    "Abstracts not in the programme (1):",
    "abstracts.yaml:11: [2].id: warning: abstract 'wang' is not in the programme",
    "Characters the booklet's fonts cannot print (1):",
    "abstracts.yaml:13: [2].speaker.name: warning: the booklet's fonts cannot print '王' (U+738B); without them the name would read 'Wang', so the whole name is left out of the booklet (a name is printed without them only when they are words of their own, or in brackets, at its start or end, beside two words or more that no 'and' or separator ends or begins): give theme.yaml's `fonts:` a font that has them",
]


def test_check_prints_warnings_grouped_by_kind_and_exits_0(tmp_path):
    data = write_conference(tmp_path / "conf", WARNED)
    result = invoke("check", data)
    assert result.exit_code == 0
    assert result.stderr.splitlines() == WARNED_LINES
    assert result.stdout == f"{data}: 0 errors, 2 warnings.\n"


def test_lint_is_check_under_the_name_a_user_may_try(tmp_path):
    """`booklet lint` was "No such command 'lint'. Did you mean 'init'?": the one command that writes a folder."""
    from booklet.cli import main

    data = write_conference(tmp_path / "conf", WARNED)
    linted, checked = invoke("lint", data, "--strict"), invoke("check", data, "--strict")
    assert (linted.exit_code, linted.stdout, linted.stderr) == (checked.exit_code, checked.stdout, checked.stderr)
    assert linted.stderr.splitlines() == WARNED_LINES and linted.exit_code == 1
    assert "lint" not in invoke("--help").stdout and "check" in invoke("--help").stdout
    assert main.get_command(None, "lint").hidden


def test_check_strict_counts_warnings_as_errors(tmp_path):
    data = write_conference(tmp_path / "conf", WARNED)
    result = invoke("check", data, "--strict")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == WARNED_LINES
    assert result.stdout == f"{data}: 0 errors, 2 warnings (--strict: warnings count as errors).\n"
    clean = write_conference(tmp_path / "clean")
    assert (invoke("check", clean, "--strict").exit_code, invoke("check", DATA, "--strict").exit_code) == (0, 0)


def test_check_json(tmp_path):
    data = write_conference(tmp_path / "conf", WARNED)
    result = invoke("check", data, "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == [
        {"file": "abstracts.yaml", "line": 11, "key": "[2].id", "kind": "never-scheduled", "severity": "warning",
         "message": "abstract 'wang' is not in the programme"},
        {"file": "abstracts.yaml", "line": 13, "key": "[2].speaker.name", "kind": "glyph", "severity": "warning",
         "message": "the booklet's fonts cannot print '王' (U+738B); without them the name would read 'Wang', so the whole name is left out of the booklet (a name is printed without them only when they are words of their own, or in brackets, at its start or end, beside two words or more that no 'and' or separator ends or begins): give theme.yaml's `fonts:` a font that has them"},
    ]
    assert result.stderr == f"{data}: 0 errors, 2 warnings.\n"
    assert invoke("check", data, "--format", "json", "--strict").exit_code == 1
    assert json.loads(invoke("check", write_conference(tmp_path / "clean"), "--format", "json").stdout) == []


def test_check_json_with_errors(tmp_path):
    data = write_conference(tmp_path / "conf", {"abstracts.yaml": WARNED["abstracts.yaml"] + "  colour: red\n"})
    result = invoke("check", data, "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == [
        {"file": "abstracts.yaml", "line": 13, "key": "[2].speaker.name", "kind": "glyph", "severity": "warning",
         "message": "the booklet's fonts cannot print '王' (U+738B); without them the name would read 'Wang', so the whole name is left out of the booklet (a name is printed without them only when they are words of their own, or in brackets, at its start or end, beside two words or more that no 'and' or separator ends or begins): give theme.yaml's `fonts:` a font that has them"},
        {"file": "abstracts.yaml", "line": 14, "key": "[2].colour", "kind": "", "severity": "error",
         "message": "unknown key 'colour'; the keys here are id, kind, title, speaker, authors, abstract, language"},
    ]
    assert result.stderr == f"{data}: 1 error, 1 warning.\n"


def test_check_text_with_errors_is_as_before(tmp_path):
    data = write_conference(tmp_path / "conf", {"abstracts.yaml": WARNED["abstracts.yaml"] + "  colour: red\n"})
    result = invoke("check", data, "--strict")
    assert result.exit_code == 1
    assert result.stdout == f"{data}: 1 error, 1 warning.{LATER}\n"
    assert result.stderr.splitlines() == [
        "abstracts.yaml:13: [2].speaker.name: warning: the booklet's fonts cannot print '王' (U+738B); without them the name would read 'Wang', so the whole name is left out of the booklet (a name is printed without them only when they are words of their own, or in brackets, at its start or end, beside two words or more that no 'and' or separator ends or begins): give theme.yaml's `fonts:` a font that has them",
        "abstracts.yaml:14: [2].colour: unknown key 'colour'; the keys here are id, kind, title, speaker, authors, "
        "abstract, language",
    ]


def test_check_measures_on_the_page_size_given(tmp_path):
    data = write_conference(tmp_path / "conf", long_abstract(33))
    a5, a4 = invoke("check", data), invoke("check", data, "--page-size", "a4")
    assert "too long for one A5 page" in a5.stderr
    assert (a4.exit_code, a4.stderr) == (0, "")


def test_an_abstract_too_long_is_reported_at_its_text_s_line(tmp_path):
    """It was reported at the entry's first line (`id:`, line 1 of abstracts/long.yaml): now at `abstract:`."""
    text = "\n".join(f"  Paragraph {i} of a long abstract.\n" for i in range(40))
    data = write_conference(tmp_path / "conf", {
        "abstracts/long.yaml": f"id: long\ntitle: Long\nspeaker: {{name: Ana Smith}}\nabstract: |\n{text}"})
    result = invoke("check", data)
    (line,) = [line for line in result.stderr.splitlines() if "too long for one A5 page" in line]
    assert line.startswith("abstracts/long.yaml:4: abstract: warning: abstract 'long' is ")

def test_a_placeholder_an_import_wrote_is_a_warning_until_replaced(tmp_path):
    conference = BASE["conference.yaml"].replace("title: Test Conference", "title: Conference title")
    assert warnings_for(tmp_path / "a", {"conference.yaml": conference.replace("venue: Lund, Sweden", "venue: Venue")}) == [
        "conference.yaml:1: title: warning: 'Conference title' is the placeholder booklet import wrote (its source "
        "has no title): write the conference's own title before printing",
        "conference.yaml:4: venue: warning: 'Venue' is the placeholder booklet import wrote (its source has no "
        "venue): write the conference's own venue before printing"]
    assert warnings_for(tmp_path / "b", {"conference.yaml": BASE["conference.yaml"].replace(
        "venue: Lund, Sweden", "venue: Venue Hall, Lund")}) == []  # a venue that only starts with the word


def test_a_posters_session_the_programme_does_not_have_is_a_warning(tmp_path):
    programme = PROGRAMME + '      - {time: "17:30-18:30", title: "Poster Session & Coffee", kind: poster}\n'
    posters = ("- {number: 1, title: One, author: Ana Smith, session: 'Poster Session & Coffee'}\n"
               "- {number: 2, title: Two, author: Bo Lee, session: 'Poster Sesion & Coffee'}\n"
               "- {number: 3, title: Three, author: Cy Ng, session: 'poster session  & coffee'}\n")
    warnings = warnings_for(tmp_path, {"programme.yaml": programme, "posters.yaml": posters})
    assert warnings == ["posters.yaml:2: [1].session: warning: no session 'Poster Sesion & Coffee' in programme.yaml "
                        "(did you mean 'Poster Session & Coffee'?)"]


def test_coverage_warnings_name_the_line_of_their_key_in_block_style(tmp_path):
    """As `booklet init` and `booklet import` write entries, one key a line: a warning about a poster's `session:`, an
    item's `talk:` or `title:` names that key's line, not the entry's first line."""
    programme = (PROGRAMME + '      - time: "17:00-17:20"\n        title: Something else\n        talk: okafor\n'
                 '      - {time: "17:30-18:30", title: "Poster Session & Coffee", kind: poster}\n')
    posters = "- number: 1\n  title: One\n  author: Ana Smith\n  session: Poster Sesion & Coffee\n"
    first = base_lines("programme.yaml") + 1
    assert warnings_for(tmp_path, {"programme.yaml": programme, "posters.yaml": posters}) == [
        f"programme.yaml:{first + 1}: days[0].items[5].title: warning: programme title 'Something else' differs from "
        "the abstract's title 'Hierarchical models' (abstracts.yaml:5)",
        f"programme.yaml:{first + 2}: days[0].items[5].talk: warning: talk 'okafor' is already in the programme at "
        "programme.yaml:10; remove one of them, or, if the talk is given again, write `again: true` on this one",
        "posters.yaml:4: [0].session: warning: no session 'Poster Sesion & Coffee' in programme.yaml "
        "(did you mean 'Poster Session & Coffee'?)"]


def test_a_participant_listed_twice_is_a_warning(tmp_path):
    participants = ("- {name: Ann Smith, affiliation: Uni A, email: a@x.org}\n"
                    "- {name: Bo Lee, affiliation: Uni B}\n"
                    "- {name: ann  smith, affiliation: Uni A, email: A@x.org}\n"
                    "- {name: Ann Smith, affiliation: Uni C}\n")  # another Ann Smith: not the same
    assert warnings_for(tmp_path, {"participants.yaml": participants}) == [
        "participants.yaml:3: [2].name: warning: participant 'ann  smith' is listed already, at "
        "participants.yaml:1: printed twice"]


def test_a_person_named_twice_by_one_entry_is_a_warning_at_the_second(tmp_path):
    """A tutorial's co-author who also presents it, an abstract's author listed twice: printed twice on the page.
    Not a placeholder ("TBA" twice), nor one person in two entries."""
    tutorials = """\
        - id: bayes-intro
          title: Bayesian inference
          presenters:
            - {name: Sven Oberg, affiliation: NBI}
          authors:
            - {name: Ann Lee}
            - name: sven  oberg
        """
    abstracts = extend("abstracts.yaml", """\
        - id: lee-2026
          title: A talk about Lee
          authors:
            - {name: Ann Lee, presenting: true}
            - {name: TBA}
            - {name: TBA}
            - {name: Ann Lee}
          abstract: Text.
        """)
    at = base_lines("abstracts.yaml")
    warnings = warnings_for(tmp_path, {"tutorials.yaml": tutorials, "abstracts.yaml": abstracts})
    assert [w for w in warnings if "printed twice" in w] == [
        f"abstracts.yaml:{at + 7}: [2].authors[3].name: warning: 'Ann Lee' is named already, at line {at + 4}: "
        "printed twice",
        "tutorials.yaml:7: [0].authors[1].name: warning: 'sven  oberg' is named already, at line 4: printed twice "
        "(who presents it is none of its `authors`)"]


def test_a_chair_named_twice_by_one_session_is_a_warning_at_the_second(tmp_path):
    """A fuzzing run: `chair: [Mei Chen, Mei Chen]` printed "Chairs: Mei Chen and Mei Chen" under the session's
    heading, and check said nothing. Now a warning at the second, as for a person an abstract names twice (case
    and spaces aside; not a placeholder, "TBA" twice; nor one chair of two sessions)."""
    programme = day("""\
        - session: Inference
          chair: [Mei Chen, TBA, TBA, Bo Jones]
          items:
            - {time: "09:00-09:30", talk: okafor}
        - session: Models
          chair:
            - Mei Chen
            - Bo Jones
            - mei  chen
          items:
            - {time: "10:00-10:30", talk: lund-2026}
        """)
    warnings = warnings_for(tmp_path, {"programme.yaml": programme})
    assert [w for w in warnings if "printed twice" in w] == [
        "programme.yaml:12: days[0].items[1].chair[2]: warning: 'mei  chen' is named already among this session's "
        "chairs, as chair[0]: printed twice"]
    assert KINDS["person-twice"] == "People named twice by one abstract, tutorial or poster, or among a session's chairs"


def test_names_printed_alike_once_the_fonts_leave_a_character_out_are_named_twice(tmp_path):
    """"Cy Lee" and "🎈 Cy Lee" (an emoji the bundled fonts cannot print) printed "Lee, Cy" twice in the list of
    participants, "Bo Jones, Bo Jones 🎉" an author list "Bo Jones, Bo Jones", "Chairs: Mei Chen and Mei Chen", and
    check said nothing: names were compared as written. They are compared as they print, as the index of authors
    compares them; a name whose extra character prints ("Mei Chen ★") is another."""
    participants = "- {name: Cy Lee, affiliation: Uni A}\n- {name: 🎈 Cy Lee, affiliation: Uni A}\n"
    abstracts = BASE["abstracts.yaml"].replace("- {name: Bo Jones}", "- {name: Bo Jones}\n    - {name: Bo Jones 🎉}")
    programme = day("""\
        - session: Inference
          chair: [Mei Chen, Mei Chen 🎉, Mei Chen ★]
          items:
            - {time: "09:00-09:30", talk: okafor}
        """)
    warnings = warnings_for(tmp_path, {"participants.yaml": participants, "abstracts.yaml": abstracts,
                                       "programme.yaml": programme})
    assert [w for w in warnings if "twice" in w] == [
        "programme.yaml:5: days[0].items[0].chair[1]: warning: 'Mei Chen 🎉' is named already among this session's "
        "chairs, as chair[0]: printed twice",  # (read with the data)
        "participants.yaml:2: [1].name: warning: participant '🎈 Cy Lee' is listed already, at participants.yaml:1: "
        "printed twice",
        "abstracts.yaml:10: [1].authors[2].name: warning: 'Bo Jones 🎉' is named already, at line 9: printed twice"]


def test_a_chair_and_an_author_named_twice_are_found_by_one_rule():
    """data.programme found a session's chairs named twice by a loop of its own beside lint's person-twice (both
    folding case and spaces, both passing placeholders over); both now ask people.named_again."""
    from booklet.data import people, programme
    from booklet.lint import entries

    assert people.named_again(["Mei Chen", "TBA", "Bo Jones", "TBA", "mei  chen", "MEI CHEN", "Bo\tJones"]) == [
        (4, 0), (5, 0), (6, 2)]
    # a name typed in another composed form of Unicode (ë as e and a combining diaeresis) is the same name
    assert people.named_again(["Zo\u00eb Berg", "Zoe\u0308 Berg", "Zoe Berg"]) == [(1, 0)]
    assert people.named_again(["N.N.", "n.n.", "Ana"]) == []
    assert programme.named_again is entries.named_again is people.named_again


def test_a_session_with_no_items_is_a_warning_at_its_items_or_its_name(tmp_path):
    """A LOC moved a session's talks elsewhere and kept the session for its chair: the programme printed "Empty ·
    Room / Chair: Ada Lovelace" with nothing under it, and check said nothing. Now a warning naming the session and
    its chair, at its `items: []`, or at its `session:` when it has no `items:` (a parallel track too); a session with
    items, however few, is none."""
    programme = day("""\
        - session: Moved away
          chair: Ada Lovelace
          room: Aula
          items: []
        - session: Inference
          chair: Mei Chen
          items:
            - {time: "10:30-11:00", talk: okafor}
        - parallel:
            - session: Track A
              items:
                - {time: "11:00-11:30", talk: lund-2026}
            - session: Track B
              chair: [Mei Chen, Bo Jones]
        - session: Closing
        """)
    warnings = warnings_for(tmp_path, {"programme.yaml": programme})
    assert [w for w in warnings if "has no items" in w] == [
        "programme.yaml:7: days[0].items[0].items: warning: the session 'Moved away' has no items: the programme prints "
        "its heading and its chair, Ada Lovelace, with nothing under them; give it its talks under `items:`, make it a "
        "programme line (`title:`), or leave it out",
        "programme.yaml:16: days[0].items[2].parallel[1].session: warning: the session 'Track B' has no items: the "
        "programme prints its heading and its chairs, Mei Chen, Bo Jones, with nothing under them; give it its talks "
        "under `items:`, make it a programme line (`title:`), or leave it out",
        "programme.yaml:18: days[0].items[3].session: warning: the session 'Closing' has no items: the programme prints "
        "its heading with nothing under it; give it its talks under `items:`, make it a programme line (`title:`), or "
        "leave it out"]
    assert KINDS["empty-session"] == "Sessions with no items, whose heading prints alone"
    run = invoke("check", tmp_path / "conf", "--strict")
    assert run.exit_code == 1 and "Sessions with no items, whose heading prints alone (3):" in run.output
    assert "Traceback" not in run.output


def test_a_chair_s_or_speaker_s_name_the_fonts_cannot_print_at_all_is_said_to_print_nothing(tmp_path):
    """A chair named in CJK or emoji alone, with the default fonts, printed "Chair:" (or "Chairs: and Bo Jones")
    with no name, and an entry of the index of authors with none; the warning said the characters were "left out",
    as for one glyph in a name. Chairs and speakers go through one check, which says when nothing is left: of a name,
    that it is left out of the booklet
    (test_a_name_the_fonts_cannot_print_at_all_is_left_out_wherever_names_are_listed); of a title, what prints in its
    place (test_a_title_the_fonts_print_nothing_of_prints_a_label_in_its_place)."""
    programme = day("""\
        - session: Inference
          chair: [山田, Bo Jones 🎉]
          items:
            - {time: "09:00-09:30", talk: okafor}
        """)
    abstracts = BASE["abstracts.yaml"].replace("name: Ana Smith", "name: 佐藤 花子").replace(
        "title: Hierarchical models", "title: 階層モデル")
    warnings = warnings_for(tmp_path, {"programme.yaml": programme, "abstracts.yaml": abstracts})
    assert [w for w in warnings if "cannot print" in w] == [
        "abstracts.yaml:3: [0].speaker.name: warning: the booklet's fonts cannot print '佐' (U+4F50), '藤' (U+85E4), "
        "'花' (U+82B1), '子' (U+5B50); nothing of the name is left to print, so the name is left out of the booklet: "
        "give theme.yaml's `fonts:` a font that has them",
        "abstracts.yaml:6: [1].title: warning: the booklet's fonts cannot print '階' (U+968E), '層' (U+5C64), "
        "'モ' (U+30E2), 'デ' (U+30C7), 'ル' (U+30EB); left out, and nothing of the title is left to print, so '(title "
        "not printable)' is printed in its place: give theme.yaml's `fonts:` a font that has them",
        "programme.yaml:5: days[0].items[0].chair[0]: warning: the booklet's fonts cannot print '山' (U+5C71), "
        "'田' (U+7530); nothing of the name is left to print, so the name is left out of the booklet: give theme.yaml's "
        "`fonts:` a font that has them",
        "programme.yaml:5: days[0].items[0].chair[1]: warning: the booklet's fonts cannot print '🎉' (U+1F389); left "
        "out: give theme.yaml's `fonts:` a font that has them"]


def test_a_name_the_fonts_cannot_print_at_all_is_left_out_wherever_names_are_listed(tmp_path):
    """A name the fonts print nothing of (CJK or emoji alone, with the default fonts) was warned of, and yet printed
    as an empty slot: "Chair:" with no name, "Chairs: and", "Chairs: and Mei Chen", an author line "Chiamaka
    Okafor1,  2, Bo Jones" (and the left-out author's affiliation), a participant and entries of the index of
    authors with no name under a heading of their own. Such a name is now left out where the data is read, so
    everywhere: a chairs line with no chair left is left out, one with one chair left says "Chair:"; a talk whose
    speaker is left out says so where the speaker goes (the label name_not_printable)."""
    programme = yaml_text("""\
        days:
          - date: 2027-09-13
            items:
              - {time: "09:00-09:20", title: Welcome}
              - session: Opening
                chair: 田中 太郎 🎉
                items:
                  - {time: "09:20-10:00", talk: lund-2026}
              - session: Inference
                chair: ["🎉", 佐藤]
                items:
                  - {time: "10:30-11:00", talk: okafor}
              - session: Tutorials
                chair: [山田, Mei Chen]
                items:
                  - {time: "14:00-17:00", tutorial: bayes-intro}
        """)
    abstracts = BASE["abstracts.yaml"].replace("{name: Ana Smith, affiliation: Uni A}",
                                               "{name: 🎉, affiliation: Uni A}") \
        .replace("- {name: Bo Jones}", "- {name: 佐藤 花子, affiliation: Uni C}\n    - {name: Bo Jones}")
    participants = "- {name: 高橋, affiliation: Uni T}\n- {name: Eva Berg, affiliation: Uni B}\n"
    posters = BASE["posters.yaml"].replace("author: Zoe Papadopoulou", "author: 山本")  # (a poster of no author left)
    data = write_conference(tmp_path / "conf", {"programme.yaml": programme, "abstracts.yaml": abstracts,
                                                "participants.yaml": participants, "posters.yaml": posters})
    result, pdf = built(data)
    assert [line.split(": warning:")[0] for line in result.stderr.splitlines() if "nothing of the name" in line] == [
        "abstracts.yaml:3: [0].speaker.name", "abstracts.yaml:9: [1].authors[1].name", "participants.yaml:1: [0].name",
        "posters.yaml:2: [0].author",
        "programme.yaml:6: days[0].items[1].chair", "programme.yaml:10: days[0].items[2].chair[0]",
        "programme.yaml:10: days[0].items[2].chair[1]", "programme.yaml:14: days[0].items[3].chair[0]"]
    programme_page = pdf.lines(pdf.pages_with("DAY 1 Monday September 2027")[0])
    assert programme_page[programme_page.index("Opening"):] == [
        "Opening", "09:20–10:00", "A talk about Lund", "(name not printable)", "5",  # (its one speaker left out)
        "Inference", "10:30–11:00", "Hierarchical models", "Chiamaka Okafor", "6",
        "Tutorials", "Chair: Mei Chen", "14:00–17:00", "TUTORIAL 1 Bayesian inference", "Sven Oberg", "7",
        "4"]
    talk = pdf.lines(pdf.pages_with("A talk about Lund Some text")[0])
    assert talk[:4] == ["Abstracts", "CONTRIBUTED TALK · Monday 13 September · 09:20–10:00", "A talk about Lund",
                        "Some text."]
    assert pdf.lines(pdf.pages_with("More text")[0])[1:4] == ["Hierarchical models", "Chiamaka Okafor1, Bo Jones",
                                                              "1 Uni B"]
    assert pdf.lines(pdf.pages_with("Mixture density networks")[-1]) == ["Posters", "1", "Mixture density networks",
                                                                         "8"]
    assert pdf.lines(pdf.pages_with("Participants")[-1]) == ["Participants", "B", "Berg, Eva", "Uni B", "9"]
    assert pdf.lines(pdf.pages_with("Index of authors")[-1]) == [
        "Index of authors", "C", "Chen, Mei 4", "J", "Jones, Bo 6", "O", "Oberg, Sven 4, 7",
        "Okafor, Chiamaka 4, 6", "10"]


def test_a_list_of_authors_of_names_the_fonts_cannot_print_is_no_empty_list(tmp_path):
    """Each author left out as a name the fonts print nothing of leaves the abstract with none: not the error "the list
    of authors is empty" (nor the abstract left out, its talk's `talk:` naming no abstract), but the warnings."""
    abstracts = BASE["abstracts.yaml"].replace("- {name: Chiamaka Okafor, affiliation: Uni B, presenting: true}",
                                               "- {name: 王, affiliation: Uni B, presenting: true}") \
        .replace("- {name: Bo Jones}", "- {name: 😀}")
    folder = write_conference(tmp_path / "conf", {"abstracts.yaml": abstracts})
    booklet, warnings = read_booklet(folder)
    assert [str(w).split(": warning:")[0] for w in warnings] == ["abstracts.yaml:8: [1].authors[0].name",
                                                                 "abstracts.yaml:9: [1].authors[1].name"]
    assert [(a.id, a.speakers) for a in booklet.abstracts] == [("lund-2026", booklet.abstracts[0].speakers),
                                                               ("okafor", ())]


def test_an_affiliation_or_country_the_fonts_print_nothing_of_is_left_out_not_printed_as_a_blank(tmp_path):
    """An affiliation written in CJK alone ("東京大学", with the default fonts) was warned of, and its number was
    printed all the same: "Bo Jones2,3, Cy Lee4" over "2" and "4" with no text; a participant's affiliation and
    country printed a lone ",". Such an affiliation (a member's role, a participant's country) is now left out where
    it is read, as a name is, the person kept; the warning, at its file, line and key, says so. A title of CJK alone
    stays (it is no slot beside a name), with its warning."""
    abstracts = BASE["abstracts.yaml"].replace("{name: Ana Smith, affiliation: Uni A}",
                                               "{name: Ana Smith, affiliation: 東京大学}") \
        .replace("title: Hierarchical models", "title: 量子計算の基礎") \
        .replace("- {name: Bo Jones}", "- {name: Bo Jones, affiliation: [東京大学, Uni C]}\n    - {name: Cy Lee, "
                 "affiliation: 京都大学}")
    participants = "- {name: Ana Smith, affiliation: 東京大学, country: 日本}\n- {name: Eva Berg, affiliation: Uni B}\n"
    data = write_conference(tmp_path / "conf", {"abstracts.yaml": abstracts, "participants.yaml": participants})
    result, pdf = built(data)
    assert [line for line in result.stderr.splitlines() if "warning: the booklet's fonts cannot print" in line
            and "[1].title" not in line] == [
        f"{where}: warning: the booklet's fonts cannot print {chars}; left out, and nothing of the text is left to "
        "print: give theme.yaml's `fonts:` a font that has them" for where, chars in (
            ("abstracts.yaml:3: [0].speaker.affiliation", "'東' (U+6771), '京' (U+4EAC), '大' (U+5927), '学' (U+5B66)"),
            ("abstracts.yaml:9: [1].authors[1].affiliation[0]",
             "'東' (U+6771), '京' (U+4EAC), '大' (U+5927), '学' (U+5B66)"),
            ("abstracts.yaml:10: [1].authors[2].affiliation", "'京' (U+4EAC), '都' (U+90FD), '大' (U+5927), '学' (U+5B66)"),
            ("participants.yaml:1: [0].affiliation", "'東' (U+6771), '京' (U+4EAC), '大' (U+5927), '学' (U+5B66)"),
            ("participants.yaml:1: [0].country", "'日' (U+65E5), '本' (U+672C)"))]
    assert pdf.lines(pdf.pages_with("A talk about Lund")[-1])[2:5] == ["A talk about Lund", "Ana Smith", "Some text."]
    assert pdf.lines(pdf.pages_with("More text")[0])[2:6] == ["Chiamaka Okafor1, Bo Jones2, Cy Lee", "1 Uni B",
                                                              "2 Uni C", "Presenting author underlined."]
    assert pdf.lines(pdf.pages_with("Participants")[-1])[:6] == ["Participants", "B", "Berg, Eva", "Uni B", "S",
                                                                 "Smith, Ana"]
    assert "," not in pdf.lines(pdf.pages_with("Participants")[-1])


def test_what_is_left_of_a_partly_printable_text_has_no_stray_separator(tmp_path):
    """An affiliation "東京大学, Japan" (CJK, which the bundled fonts cannot print, beside Latin) printed ", Japan",
    a comma the left-out characters had followed; "Uni A, 京都大学, Japan" "Uni A, , Japan"; a title "量子計算: An
    introduction" ": An introduction". What is left begins and ends with no separator, and none is doubled, wherever
    the printed text is made (names, affiliations, titles: markup.without_unprintable); each text keeps its warning
    at its file, line and key."""
    from booklet.text.markup import without_unprintable

    assert [without_unprintable(text) for text in (
        "東京大学, Japan", "Japan, 東京大学", "Uni A, 京都大学, Japan", "Uni A 京都大学; Japan", "Yao Wei (魏銘廷)",
        "(東京大学, Japan)", "東京大学 – Japan", "Jean-Luc 🎉", "🎉, 🎉", "Uni A; 東京, 日本 / Japan")] == [
        "Japan", "Japan", "Uni A, Japan", "Uni A; Japan", "Yao Wei", "(Japan)", "Japan", "Jean-Luc ", "", "Uni A; Japan"]
    abstracts = BASE["abstracts.yaml"].replace("{name: Ana Smith, affiliation: Uni A}",
                                               '{name: Ana Smith, affiliation: "東京大学, Japan"}') \
        .replace("title: Hierarchical models", "title: \"量子計算: An introduction\"") \
        .replace("- {name: Bo Jones}", '- {name: Bo Jones, affiliation: "Uni C, 京都大学, Japan"}')
    participants = '- {name: Ana Smith, affiliation: "Uni A; 東京大学", country: 日本 / Japan}\n'
    data = write_conference(tmp_path / "conf", {"abstracts.yaml": abstracts, "participants.yaml": participants})
    result, pdf = built(data)
    assert [line.split(": warning:")[0] for line in result.stderr.splitlines()
            if "warning: the booklet's fonts cannot print" in line] == [
        "abstracts.yaml:3: [0].speaker.affiliation", "abstracts.yaml:6: [1].title",
        "abstracts.yaml:9: [1].authors[1].affiliation", "participants.yaml:1: [0].affiliation",
        "participants.yaml:1: [0].country"]
    assert pdf.lines(pdf.pages_with("A talk about Lund")[-1])[2:5] == ["A talk about Lund", "Ana Smith", "Japan"]
    assert pdf.lines(pdf.pages_with("More text")[0])[1:6] == [
        "An introduction", "Chiamaka Okafor1, Bo Jones2", "1 Uni B", "2 Uni C, Japan", "Presenting author underlined."]
    assert pdf.lines(pdf.pages_with("Participants")[-1])[:4] == ["Participants", "S", "Smith, Ana", "Uni A; Japan"]
    assert not [line for page in range(len(pdf)) for line in pdf.lines(page) if line.startswith((",", ":", ";"))]


def test_the_separator_left_stray_is_tidied_across_the_runs_of_a_paragraph(tmp_path):
    """A title "*東京大学*, Japan" printed ", Japan": the stray separators were tidied within each run of one style,
    and the comma is in the plain run after the italic CJK; an abstract's "Lund *東京*, Japan" printed "Lund , Japan",
    "$x$ 🎉, more" "xmore" (the run after the formula began with the space before the emoji, tidied as a text's
    start). A paragraph's runs are tidied as one text."""
    from booklet.text.markup import inline

    assert [inline(text) for text in ("*東京大学*, Japan", "Lund *東京*, Japan", "(*東京大学*, Japan)",
                                      "Japan, **京都大学**", "**Uni A**, 京都大学, Japan")] == [
        "Japan", "Lund, Japan", "(Japan)", "Japan", "<b>Uni A</b>, Japan"]
    abstracts = BASE["abstracts.yaml"].replace("title: A talk about Lund", 'title: "*東京大学*, Japan"') \
        .replace("abstract: Some text.", 'abstract: "Lund *東京*, Japan; and $x$ 🎉, more."')
    data = write_conference(tmp_path / "conf", {"abstracts.yaml": abstracts})
    out = tmp_path / "b.pdf"
    result = invoke("build", data, "-o", out)
    assert result.exit_code == 0, result.output
    pdf = Pdf(out)
    assert pdf.lines(pdf.pages_with("Lund")[-1])[2:6] == ["Japan", "Ana Smith", "Uni A", "Lund, Japan; and x, more."]
    assert not [line for page in range(len(pdf)) for line in pdf.lines(page) if line.startswith((",", ":", ";"))]


@pytest.mark.parametrize("language, label", [("en", "(title not printable)"), ("de", "(Titel nicht druckbar)")])
def test_a_title_the_fonts_print_nothing_of_prints_a_label_in_its_place(tmp_path, language, label):
    """A title of CJK alone (`title: 量子計算の基礎`, which the bundled fonts cannot print) printed nothing: the
    programme's row showed its time, speaker and page alone, the abstract no heading, the contents and outline a
    blank. A LOC building a draft reads that as a broken booklet; the entry's id means nothing to a reader. The label
    title_not_printable, in the booklet's language, prints in its place, where the title would (a programme line's
    own title too); the warning at its file, line and key says so, and `check --strict` still fails."""
    abstracts = BASE["abstracts.yaml"].replace("title: Hierarchical models", "title: 量子計算の基礎")
    programme = BASE["programme.yaml"].replace("title: Welcome}", "title: 歓迎}").replace(
        "title: Coffee Break, kind: break}", "title: ポスター, kind: poster}")
    conference = extend("conference.yaml", f"language: {language}\n")
    posters = BASE["posters.yaml"] + "  session: ポスター\n"  # (found as the line's title is: by what prints)
    data = write_conference(tmp_path / "conf", {"abstracts.yaml": abstracts, "programme.yaml": programme,
                                                "conference.yaml": conference, "posters.yaml": posters})
    result, pdf = built(data)
    assert "no session" not in result.stderr
    warned = [line for line in result.stderr.splitlines() if "warning: the booklet's fonts cannot print" in line]
    assert [line.split(": warning:")[0] for line in warned] == [
        "abstracts.yaml:6: [1].title", "posters.yaml:4: [0].session", "programme.yaml:4: days[0].items[0].title",
        "programme.yaml:6: days[0].items[2].title"]
    assert [warned[0], warned[2]] == [
        "abstracts.yaml:6: [1].title: warning: the booklet's fonts cannot print '量' (U+91CF), '子' (U+5B50), '計' "
        "(U+8A08), '算' (U+7B97), 'の' (U+306E) and 2 more; left out, and nothing of the title is left to print, so "
        f"'{label}' is printed in its place: give theme.yaml's `fonts:` a font that has them",
        "programme.yaml:4: days[0].items[0].title: warning: the booklet's fonts cannot print '歓' (U+6B53), '迎' "
        f"(U+8FCE); left out, and nothing of the title is left to print, so '{label}' is printed in its place: give "
        "theme.yaml's `fonts:` a font that has them"]
    day = next(pdf.lines(i) for i in range(len(pdf)) if "09:00–09:20" in pdf.lines(i))
    assert day[day.index("09:00–09:20") + 1] == label and day[day.index("10:30–11:00") + 1:][:3] == [
        label, "Chiamaka Okafor", "6"]
    assert pdf.lines(pdf.pages_with("More text")[0])[1:3] == [label, "Chiamaka Okafor1, Bo Jones"]
    assert invoke("check", "--strict", data).exit_code == 1


@pytest.mark.parametrize("named", ["session", "line"])
def test_two_titles_the_fonts_print_nothing_of_are_told_apart_by_what_was_written(tmp_path, named):
    """Two sessions named in CJK alone (`session: 東京`, `session: 京都`), or two poster-session lines so titled, both
    print the label title_not_printable and were compared as they print: equal. A poster's `session: 京都` matched
    the first of them: it was listed with day 1's posters, under one heading with the posters of 東京, and its proof
    had no day or time (two lines matched); one naming no session at all (`session: 大阪`) was not warned of. They
    are matched by what was written."""
    def day(date: str, title: str) -> str:
        line = '{time: "16:00-17:00", title: %s, kind: poster}' % ("Posters" if named == "session" else title)
        items = f"      - session: {title}\n        items:\n          - {line}\n" if named == "session" \
            else f"      - {line}\n"
        return f"  - date: {date}\n    items:\n" + items

    programme = BASE["programme.yaml"].split("  - date:")[0] + day("2027-09-13", "東京") + day("2027-09-14", "京都")
    posters = ("- {number: 1, author: Zoe Papadopoulou, title: Mixture density networks, session: 東京}\n"
               "- {number: 2, author: Eva Berg, title: Kernel methods, session: 京都}\n"
               "- {number: 3, author: Cy Lee, title: Gaussian processes, session: 大阪}\n")
    theme = "base: classic\nabstracts: {placement: by-day}\nposters: {group_by: session}\n"
    data = write_conference(tmp_path / "conf", {"programme.yaml": programme, "posters.yaml": posters,
                                                "theme.yaml": theme, "abstracts.yaml": None, "tutorials.yaml": None})
    out = tmp_path / "b.pdf"
    result = invoke("build", data, "-o", out)
    assert result.exit_code == 0, result.output
    assert [line for line in result.stderr.splitlines() if "no session" in line] == [
        "posters.yaml:3: [2].session: warning: no session '大阪' in programme.yaml"]
    pdf = Pdf(out)
    flow = [line for page in range(len(pdf)) for line in pdf.lines(page)]
    at = [flow.index(text) for text in ("DAY 1", "Mixture density networks", "DAY 2", "Kernel methods")]
    assert at == sorted(at)  # (each poster after its own day's programme)
    assert flow[at[3] - 3:at[3]] == ["Posters", "(title not printable) · 16:00–17:00", "2"]  # (a heading of its own)
    run = invoke("proofs", data, "--out", tmp_path / "proofs")
    assert run.exit_code == 0, run.output
    with (tmp_path / "proofs" / "manifest.csv").open(encoding="utf-8-sig", newline="") as file:
        rows = {row["id"]: (row["day"], row["time"]) for row in csv.DictReader(file)}
    assert [rows["poster-zoe-papadopoulou"], rows["poster-eva-berg"]] == [
        ("Monday 13 September", "16:00–17:00"), ("Tuesday 14 September", "16:00–17:00")]


@pytest.mark.parametrize("placement, language", [("after-programme", "en"), ("by-day", "en"), ("after-programme", "de")])
def test_poster_groups_of_sessions_the_fonts_print_nothing_of_say_when_they_are_held(tmp_path, placement, language):
    """Posters grouped by session, two poster sessions titled in CJK alone (`title: 東京`, `title: 京都`): both groups
    were headed "(title not printable)", in the list and the outline: a reader could not tell which posters are
    shown when. Each heading is the label followed by the day, time and room the programme gives the session, as a
    session's heading is followed by its room; in a day's list (abstracts by day) without the day, its heading's."""
    def day(date: str, title: str, room: str) -> str:
        return f"  - date: {date}\n    items:\n      - {{time: \"16:00-17:00\", title: {title}, kind: poster{room}}}\n"

    programme = BASE["programme.yaml"].split("  - date:")[0] + day("2027-09-13", "東京", "") + day(
        "2027-09-14", "京都", ", room: Foyer")
    posters = ("- {number: 1, author: Zoe Papadopoulou, title: Mixture density networks, session: 東京}\n"
               "- {number: 2, author: Eva Berg, title: Kernel methods, session: 京都}\n"
               "- {number: 3, author: Cy Lee, title: Gaussian processes}\n")
    theme = f"base: classic\nabstracts: {{placement: {placement}}}\nposters: {{group_by: session}}\n"
    data = write_conference(tmp_path / "conf", {"programme.yaml": programme, "posters.yaml": posters,
                                                "theme.yaml": theme, "abstracts.yaml": None, "tutorials.yaml": None,
                                                "conference.yaml": extend("conference.yaml", f"language: {language}\n")})
    result, pdf = built(data)
    flow = [line for page in range(len(pdf)) for line in pdf.lines(page)]
    label = {"en": "(title not printable)", "de": "(Titel nicht druckbar)"}[language]

    def head(title: str) -> str:  # (the heading's lines, above the poster's number)
        number = flow.index(title) - 1
        return " ".join(flow[max(at for at in range(number) if flow[at].startswith(label)):number])

    heads = [head(title) for title in ("Mixture density networks", "Kernel methods")]
    days = {"en": ("Monday 13 September", "Tuesday 14 September"), "de": ("Montag, 13. September",
                                                                         "Dienstag, 14. September")}[language]
    if placement == "by-day":
        assert heads == [f"{label} · 16:00–17:00", f"{label} · 16:00–17:00 · Foyer"]
    else:
        assert heads == [f"{label} · {days[0]} · 16:00–17:00", f"{label} · {days[1]} · 16:00–17:00 · Foyer"]
    def titles(entries) -> list[str]:
        return [t for entry in entries for t in (titles(entry) if isinstance(entry, list) else [entry.title])]

    outline = titles(PdfReader(str(data.parent / "b.pdf")).outline)
    assert [title for title in outline if title.startswith(label)] == heads  # (the outline's entries: the same)


def test_a_rebuild_after_one_unprintable_session_name_becomes_another_shows_the_change(tmp_path):
    """A poster's `session: 東京` changed to `session: 京都` (both poster-session lines titled in CJK alone, printing
    the same label), then built again with the same cache (the disk cache the tests keep, as a LOC's second build,
    then proofs): the poster moves to the other group, the outline says so, and its proof to the other day."""
    programme = poster_days_programme("東京", "京都")
    posters = ("- {number: 1, author: Zoe Papadopoulou, title: Mixture density networks, session: 東京}\n"
               "- {number: 2, author: Eva Berg, title: Kernel methods, session: 京都}\n")
    data = write_conference(tmp_path / "conf", {"programme.yaml": programme, "posters.yaml": posters,
                                                "theme.yaml": "posters: {group_by: session}\n",
                                                "abstracts.yaml": None, "tutorials.yaml": None})
    monday, tuesday = "(title not printable) · Monday 13 September · 16:00–17:00", \
        "(title not printable) · Tuesday 14 September · 16:00–17:00"

    def groups() -> tuple[list[str], dict[str, str]]:
        _, pdf = built(data)
        flow = [line for page in range(len(pdf)) for line in pdf.lines(page)]
        def titles(entries) -> list[str]:
            return [t for entry in entries for t in (titles(entry) if isinstance(entry, list) else [entry.title])]

        outline = [t for t in titles(PdfReader(str(data.parent / "b.pdf")).outline) if t in (monday, tuesday)]
        run = invoke("proofs", data, "--out", tmp_path / "proofs")
        assert run.exit_code == 0, run.output
        with (tmp_path / "proofs" / "manifest.csv").open(encoding="utf-8-sig", newline="") as file:
            days = {row["id"]: row["day"] for row in csv.DictReader(file)}
        return [line for line in flow if line in (monday, tuesday, "Mixture density networks")] + outline, days

    assert groups() == ([monday, "Mixture density networks", tuesday, monday, tuesday],
                        {"poster-zoe-papadopoulou": "Monday 13 September", "poster-eva-berg": "Tuesday 14 September"})
    (data / "posters.yaml").write_text(posters.replace("session: 東京", "session: 京都"), encoding="utf-8")
    assert groups() == ([tuesday, "Mixture density networks", tuesday],
                        {"poster-zoe-papadopoulou": "Tuesday 14 September", "poster-eva-berg": "Tuesday 14 September"})


def test_titles_the_fonts_print_nothing_of_are_apart_in_any_set_dict_or_cache_key(tmp_path):
    """Two talks, two posters, two sessions and two poster-session lines titled in CJK alone each print the label
    title_not_printable, a fields.Untitled that compared, hashed and repr'd as that label: any set or dict keyed by
    titles (or by the frozen entries that hold them), and any disk cache key made of them (disk.key: their repr), made
    each two one. They are told apart by what was written, kept through pickling (the model a build keeps for the
    next command); a title the fonts print is a str as before."""
    import pickle

    from booklet.cache import disk

    abstracts = BASE["abstracts.yaml"].replace("A talk about Lund", "東京の話").replace("Hierarchical models", "京都の話")
    posters = ("- {number: 1, author: Zoe Papadopoulou, title: 東京, session: 東京}\n"
               "- {number: 2, author: Eva Berg, title: 京都, session: 京都}\n")
    programme = BASE["programme.yaml"].split("  - date:")[0] + (
        "  - date: 2027-09-13\n    items:\n"
        "      - session: 東京\n        items:\n          - {time: \"09:00-09:20\", talk: lund-2026}\n"
        "      - session: 京都\n        items:\n          - {time: \"09:20-10:00\", talk: okafor}\n"
        "      - {time: \"16:00-17:00\", title: 東京, kind: poster}\n"
        "      - {time: \"17:00-18:00\", title: 京都, kind: poster}\n")
    data = write_conference(tmp_path / "conf", {"abstracts.yaml": abstracts, "posters.yaml": posters,
                                                "programme.yaml": programme, "tutorials.yaml": None})
    booklet, _ = read_booklet(data)
    day = booklet.days[0]
    pairs = {"talk": [a.title for a in booklet.abstracts], "poster": [p.title for p in booklet.posters],
             "poster's session": [p.session for p in booklet.posters], "session": [s.name for s in day.sessions()],
             "line": [i.title for i in day.items() if i.kind == "poster"]}
    for what, (one, other) in pairs.items():
        assert [str(one), str(other), one.written, other.written] == [
            "(title not printable)", "(title not printable)", *(("東京の話", "京都の話") if what == "talk"
                                                                else ("東京", "京都"))], what
        assert one != other and not one == other and len({one, other}) == 2 and len({one: 1, other: 2}) == 2, what
        assert disk.key(one) != disk.key(other) and disk.key(one) == disk.key(pickle.loads(pickle.dumps(one))), what
        assert pickle.loads(pickle.dumps(other)) == other and pickle.loads(pickle.dumps(other)).written == other.written
        assert one != "(title not printable)" and "(title not printable)" != one  # (not a title that prints it)
    assert len(set(booklet.posters)) == 2 and len(set(booklet.abstracts)) == 2
    assert pickle.loads(pickle.dumps(booklet)).posters == booklet.posters
    kept = pickle.loads(pickle.dumps(booklet))
    assert [p.session.written for p in kept.posters] == ["東京", "京都"]
    assert type(read_booklet(write_conference(tmp_path / "plain"))[0].abstracts[0].title) is str


def _placeholders(tmp_path, speaker: str, author: str, chair: str, text: str = "Some text."):
    """A conference whose first abstract's speaker is `speaker` (its text `text`), whose second's second author is
    `author`, and whose programme's chair is `chair`: (the placeholder warnings lint gives, its built booklet's Pdf
    and the lines of its index's page)."""
    from booklet.build import build_booklet

    abstracts = f"""\
        - id: lund-2026
          title: A talk about Lund
          speaker: {{name: {speaker}, affiliation: Uni A}}
          abstract: {text}
        - id: okafor
          title: Hierarchical models
          authors:
            - {{name: Chiamaka Okafor, affiliation: Uni B, presenting: true}}
            - {{name: {author}}}
          abstract: More text.
        """
    programme = BASE["programme.yaml"].replace("chair: Mei Chen", f"chair: {chair}")
    files = {"abstracts.yaml": abstracts, "programme.yaml": programme}
    found = [w for w in warnings_for(tmp_path, files) if "placeholder" in w]
    build_booklet(write_conference(tmp_path / "built", files), tmp_path / "b.pdf")
    pdf = Pdf(tmp_path / "b.pdf")
    (index,) = [i for i in range(len(pdf)) if pdf.lines(i)[0] == "Index of authors"]
    return found, pdf, pdf.lines(index)


def test_placeholder_names_and_texts_are_warnings_at_their_lines_and_left_out_of_the_index(tmp_path):
    found, pdf, lines = _placeholders(tmp_path, "TBA", "N. N.", "John Doe", '"[Abstract folgt]"')
    assert found == [
        "abstracts.yaml:3: [0].speaker.name: warning: 'TBA' is a placeholder, not a name: it would be printed as it "
        "is; write the real one before printing",
        "abstracts.yaml:9: [1].authors[1].name: warning: 'N. N.' is a placeholder, not a name: it would be printed "
        "as it is; write the real one before printing",
        "programme.yaml:8: days[0].items[3].chair: warning: 'John Doe' is a placeholder, not a chair's name: it would "
        "be printed as it is; write the real one before printing",
        "abstracts.yaml:4: [0].abstract: warning: '[Abstract folgt]' is a placeholder, not a text: it would be "
        "printed as it is; write the real one before printing"]
    listed = " ".join(lines)
    assert "Okafor, Chiamaka" in listed and "TBA" not in listed and "N. N." not in listed and "Doe" not in listed
    assert pdf.pages_with("TBA") and pdf.pages_with("John Doe")  # printed where they are named


@pytest.mark.parametrize("name", [".", "-", " ? ", "\u2014", "...", "*", "\u0301", "\u0301\u0308 ."])
def test_a_name_of_only_punctuation_is_a_placeholder(tmp_path, name):
    """A form's required name field answered with "." was printed, and headed the index as a letter "." (now left
    out of it, as placeholders are). So is a name of accents alone (combining marks, "\u0301"), which printed a lone
    accent as the speaker's name and passed check without a word."""
    abstracts = BASE["abstracts.yaml"].replace("name: Ana Smith", f"name: '{name}'", 1)
    assert abstracts != BASE["abstracts.yaml"]
    found = [w for w in warnings_for(tmp_path, {"abstracts.yaml": abstracts}) if "placeholder" in w]
    assert found == [f"abstracts.yaml:3: [0].speaker.name: warning: '{name.strip()}' is a placeholder, not a name: it would "
                     "be printed as it is; write the real one before printing"]
    if name == ".":
        from booklet.build import build_booklet

        build_booklet(write_conference(tmp_path / "built", {"abstracts.yaml": abstracts}), tmp_path / "b.pdf")
        pdf = Pdf(tmp_path / "b.pdf")
        (index,) = [i for i in range(len(pdf)) if pdf.lines(i)[0] == "Index of authors"]
        assert "." not in pdf.lines(index) and ". 1" not in " ".join(pdf.lines(index))
        assert "Okafor, Chiamaka" in " ".join(pdf.lines(index))


def test_a_name_with_a_symbol_is_not_a_placeholder(tmp_path):
    abstracts = BASE["abstracts.yaml"].replace("name: Ana Smith", "name: '\U0001f98a'", 1)
    assert not [w for w in warnings_for(tmp_path, {"abstracts.yaml": abstracts}) if "placeholder" in w]


def test_an_abstract_many_pages_long_says_about_how_many():
    """Not "runs onto a second page" for an abstract of some forty pages (a 99,000-character text)."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        files = long_abstract(600)
        booklet, _ = read_booklet(write_conference(Path(folder) / "long", files))
        (found,) = [str(p) for p in lint(booklet, "A5")]
    match = re.fullmatch(r"abstracts\.yaml:1: \[0\]\.abstract: warning: abstract 'lund-2026' is (\d+) lines too long "
                         r"for one A5 page; it runs onto about (\d+) pages", found)
    assert match, found
    assert 15 <= int(match[2]) <= 30 and int(match[1]) > 600


def test_short_names_and_real_texts_that_look_like_placeholders_are_not_taken_for_them():
    from booklet.data.contract import placeholder_name, placeholder_text

    assert [n for n in ("N.N.", "NN", "N. N.", "XX", "TBA", "tbd", "John Doe", "Unnamed user", "Anonymous")
            if not placeholder_name(n)] == []
    assert [n for n in ("Nn", "Xx", "Xu Xu", "Tba Kone", "Ana Smith") if placeholder_name(n)] == []
    assert placeholder_text("Lorem ipsum dolor sit amet, consectetur adipiscing elit.")
    assert not placeholder_text("Lorem ipsum dolor is how we refer to filler text")
    assert not placeholder_text("TBD: a new database") and not placeholder_text("Abstract algebra")


def test_a_role_with_a_number_and_whole_role_phrases_are_placeholders_and_a_family_name_alone_is_not():
    """SIGDIAL's "Chair 1" and "Chair 2" were listed in the index of authors as people: a person named by their role
    and a number, or by a role that is no one's name ("Session Chair"), in the languages booklet has label tables
    for, is a placeholder; a role word alone may be a family name ("Speaker", "Sprecher"), as it may beside a given
    name."""
    from booklet.data.contract import placeholder_name, placeholder_text

    placeholders = ("Chair 1", "Chair 2", "Speaker 2", "Speaker #3", "Author 3", "Session Chair", "session chair 2",
                    "Keynote speaker", "Keynote Speaker 1", "Speaker TBA", "TBA speaker", "Chair: TBD", "tba", "TBD",
                    "N. N.", "NN", "To be announced", "Sprecher 2", "Vorsitz", "Referentin N.N.", "Vorsitz Nr. 2",
                    "Président de séance", "President de seance", "Intervenant à confirmer", "à confirmer",
                    "Ponente 1", "Por confirmar", "Relatore (2)", "Da definire", "Spreker 3", "Nog te bepalen",
                    "Palestrante convidado", "A confirmar", "Firstname Lastname", "Ponente nº 1", "Chair N° 2",
                    "Relatore n. 3", "Ｓpeaker ２")
    assert [name for name in placeholders if not placeholder_name(name)] == []
    names = ("Speaker", "Sprecher", "Chair", "Author", "Redner", "Presidente", "Tris Speaker", "Ana Speaker",
             "Anna Moderator", "Ian Speaker 2", "Keynote 2027", "Nn", "Mei Chen", "Tba Kone", "Speakerman 1", "12",
             "Bruno 2", "Chairman Mao", "Speaker Ryan", "Dean Smith", "Chairn")
    assert [name for name in names if placeholder_name(name)] == []
    assert placeholder_text("À confirmer") and placeholder_text("Nog te bepalen") and placeholder_text("Da definire")
    assert not placeholder_text("NTB") and not placeholder_text("Session Chair")  # (an acronym's title; a heading)


def test_every_language_with_a_label_table_has_its_placeholder_roles():
    """The roles table (contract.PLACEHOLDER_ROLES) is in the languages booklet has labels for (resources/labels),
    each with its three lists, none empty."""
    from booklet.data.contract import PLACEHOLDER_ROLES
    from booklet.data.theme import LABEL_DIR

    languages = {path.stem.split("-")[0] for path in LABEL_DIR.glob("*.yaml")}
    assert set(PLACEHOLDER_ROLES) == languages
    assert all(sorted(table) == ["phrases", "roles", "unknown"] and all(table.values())
               for table in PLACEHOLDER_ROLES.values())


def test_role_placeholders_are_warned_at_their_lines_and_left_out_of_the_index(tmp_path):
    found, pdf, listed = _placeholders(tmp_path, "Speaker 1", "Author 2", "Session Chair")
    assert found == [
        "abstracts.yaml:3: [0].speaker.name: warning: 'Speaker 1' is a placeholder, not a name: it would be printed "
        "as it is; write the real one before printing",
        "abstracts.yaml:9: [1].authors[1].name: warning: 'Author 2' is a placeholder, not a name: it would be "
        "printed as it is; write the real one before printing",
        "programme.yaml:8: days[0].items[3].chair: warning: 'Session Chair' is a placeholder, not a chair's name: it "
        "would be printed as it is; write the real one before printing"]
    assert any(line.startswith("Okafor, Chiamaka") for line in listed), listed
    assert not [line for line in listed if "Speaker" in line or "Author" in line or "Chair" in line], listed
    assert pdf.pages_with("Speaker 1") and pdf.pages_with("Session Chair")  # printed where they are named


def test_placeholders_in_the_programme_are_warned_and_never_taken_for_one_person_written_two_ways(tmp_path):
    programme = BASE["programme.yaml"].replace("{time: \"09:00-09:20\", title: Welcome}",
                                               "{time: \"09:00-09:20\", title: TBA}").replace(
        "session: Inference", "session: tbd").replace("chair: Mei Chen", "chair: N. N.")
    tutorials = BASE["tutorials.yaml"].replace("Sven Oberg", "N.N.")
    found = warnings_for(tmp_path, {"programme.yaml": programme, "tutorials.yaml": tutorials})
    assert not [w for w in found if "also written" in w], found
    assert [w.split(": warning: ")[0] for w in found if "is a placeholder" in w] == [
        "tutorials.yaml:5: [0].presenters[0].name", "programme.yaml:8: days[0].items[3].chair",
        "programme.yaml:4: days[0].items[0].title", "programme.yaml:7: days[0].items[3].session"]


@pytest.mark.parametrize("second", ["talk: okafor", "chair"])
def test_a_person_in_two_tracks_of_a_parallel_block_with_no_rooms_is_a_warning_not_an_internal_error(tmp_path,
                                                                                                    second):
    """A fuzzing run: speaking in two tracks (or chairing one and speaking in the other) of a parallel block whose
    sessions name no room ended `check` and `build` in an internal error ('Activity' object has no attribute
    'item')."""
    chair = "\n                    chair: Ana Smith" if second == "chair" else ""
    talk = "okafor" if second == "talk: okafor" else "lund-2026"
    files = {"programme.yaml": f"""\
        days:
          - date: 2027-09-13
            items:
              - parallel:
                  - session: A
                    items:
                      - {{time: "09:00-09:20", talk: lund-2026}}
                  - session: B{chair}
                    items:
                      - {{time: "09:00-09:20", title: Other}}
        """}
    if second != "chair":
        files["abstracts.yaml"] = BASE["abstracts.yaml"].replace(
            "- {name: Chiamaka Okafor, affiliation: Uni B, presenting: true}", "- {name: Ana Smith, presenting: true}")
        files["programme.yaml"] = files["programme.yaml"].replace("title: Other", f"talk: {talk}")
    found = warnings_for(tmp_path, files)
    assert [w for w in found if "at the same time" in w] == [
        "programme.yaml:" + ("9: days[0].items[0].parallel[1].chair" if second == "chair"  # (the chair's line)
                             else "10: days[0].items[0].parallel[1].items[0].talk")
        + ": warning: 'Ana Smith' " + ("chairs 'B' (09:00\u201309:20)" if second == "chair"
                                        else "gives 'Hierarchical models' (09:00\u201309:20)")
        + " here and gives 'A talk about Lund' (09:00\u201309:20) at programme.yaml:7, at the same time"]


def test_a_time_warning_names_the_line_of_the_time_not_the_item_s_first(tmp_path):
    """A fuzzing run: "Overlapping times" and "Times that look like typos" named an item's first line (`- title:`)
    where the errors for the same key name its `time:` line."""
    programme = """\
        days:
          - date: 2027-09-13
            items:
              - title: Registration
                time: "08:30-09:30"
              - title: Welcome
                kind: other
                time: "09:00-09:20"
        """
    found = [w for w in warnings_for(tmp_path, {"programme.yaml": programme}) if "overlaps" in w]
    assert found == ["programme.yaml:8: days[0].items[1].time: warning: 09:00\u201309:20 overlaps 'Registration' "
                     "(08:30\u201309:30) at programme.yaml:4 in the same track"]


def test_affiliations_one_word_apart_are_found_as_an_exhaustive_comparison_finds_them_with_few_pairs():
    """A fuzzing run: 5,000 abstracts with affiliations "University of <a word>" took `check` minutes (every two
    keys one word apart were compared: some 12 million pairs). Only words that could be a typo of each other are
    paired now (one letter left out of either, two for long words): the same typos found, a few pairs looked at."""
    import random

    from booklet.lint.affiliations import _one_word_apart, _typo

    rng = random.Random(7)

    def word(n: int) -> str:
        return "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(n))

    words = [word(rng.randint(4, 12)) for _ in range(300)]
    edits = []
    for w in words[:80]:
        k = rng.randrange(1, len(w) - 1)
        edits += [w[:k] + "x" + w[k + 1:], w[:k] + w[k + 1:], w[:k] + w[k + 1] + w[k] + w[k + 2:],
                  w[:k] + "qz" + w[k + 2:]]
    keys = list(dict.fromkeys(f"university of {w}" for w in words + edits))
    first_with_key = {key: index for index, key in enumerate(keys)}
    split = [key.split() for key in keys]
    exhaustive = {(i, j) for i in range(len(keys)) for j in range(i + 1, len(keys)) if _typo(split[i], split[j])}
    found = {(i, j) for i, j in _one_word_apart(first_with_key) if _typo(split[i], split[j])}
    assert found == exhaustive and len(found) > 100
    many = {f"university of {word(rng.randint(5, 10))}": n for n in range(5000)}
    assert sum(1 for _ in _one_word_apart(many)) < 20_000  # (5,000 keys: 12.5 million pairs, compared one by one)


def test_a_title_that_is_a_persons_name_is_a_warning(tmp_path):
    # a spreadsheet's rows read out of line: the name of another talk's speaker, of a session's chair, of a
    # participant; case and spaces aside, markup as printed. Not the entry's own speaker's (an artist's set).
    abstracts = BASE["abstracts.yaml"].replace("title: A talk about Lund", "title: bo  JONES")
    posters = BASE["posters.yaml"].replace("title: Mixture density networks", "title: '*Mei Chen*'")
    tutorials = BASE["tutorials.yaml"].replace("title: Bayesian inference", "title: Rui Costa")
    files = {"abstracts.yaml": abstracts, "posters.yaml": posters, "tutorials.yaml": tutorials,
             "participants.yaml": "- {name: Rui Costa}\n"}
    assert [w for w in warnings_for(tmp_path, files) if "name of a person" in w] == [
        "abstracts.yaml:2: [0].title: warning: the title 'bo JONES' is the name of a person (abstracts.yaml:9: "
        "[1].authors[1].name): a name where the title goes?",
        "tutorials.yaml:2: [0].title: warning: the title 'Rui Costa' is the name of a person (participants.yaml:1: "
        "[0].name): a name where the title goes?",
        "posters.yaml:3: [0].title: warning: the title 'Mei Chen' is the name of a person (programme.yaml:7: "
        "days[0].items[3].chair): a name where the title goes?"]
    own = {"abstracts.yaml": BASE["abstracts.yaml"].replace("title: A talk about Lund", "title: Ana Smith"),
           "participants.yaml": "- {name: Ana Smith}\n"}
    assert not [w for w in warnings_for(tmp_path / "own", own) if "name of a person" in w]
    assert not [w for w in warnings_for(tmp_path / "base") if "name of a person" in w]


def test_a_cover_image_the_plain_cover_does_not_print_is_a_warning(tmp_path):
    """A new user's run: `cover: {style: plain}` dropped the conference's cover image without a word."""
    files = {"conference.yaml": extend("conference.yaml", "cover_image: images/cover.jpg\n"),
             "images/cover.jpg": jpeg((1800, 1200)), "theme.yaml": "cover: {style: plain}\n"}
    assert [w for w in warnings_for(tmp_path, files) if "cover_image" in w] == [
        "conference.yaml:5: cover_image: warning: the cover's style is `plain` (theme.yaml), which prints no cover "
        "image: this one is not printed; give the cover `style: band` or `full-bleed` to print it, or leave the key out"]
    files["theme.yaml"] = "cover: {style: band}\n"
    assert not [w for w in warnings_for(tmp_path / "band", files) if "not printed" in w]


def test_a_name_written_with_and_without_its_academic_titles_is_one_person_written_two_ways(tmp_path):
    """A new user's run (a German workshop): the speaker "Prof. Dr. Jürgen Weiß" chaired as "Jürgen Weiß": no warning,
    and the index printed two people. Titles before the given names (Prof., Dr., Dr. rer. nat., PD, Dr.-Ing.) are set
    apart; "Phil" is a name, not a faculty, but after "Dr.". """
    abstracts = BASE["abstracts.yaml"].replace("Ana Smith", "Prof. Dr. rer. nat. Mei Chen")
    found = [w for w in warnings_for(tmp_path, {"abstracts.yaml": abstracts}) if "academic title" in w]
    assert found == [
        "abstracts.yaml:3: [0].speaker.name: warning: 'Prof. Dr. rer. nat. Mei Chen' (1 place) is also written 'Mei "
        "Chen' (1 place, first at programme.yaml:7; an academic title written with it)" + MERGE_HINT,
        "programme.yaml:7: days[0].items[3].chair: warning: 'Mei Chen' (1 place) is also written 'Prof. Dr. rer. nat. "
        "Mei Chen' (1 place, first at abstracts.yaml:3; an academic title written with it)" + MERGE_HINT]
    phil = BASE["abstracts.yaml"].replace("Ana Smith", "Phil Chen")  # (a given name, not Dr. phil.)
    assert not [w for w in warnings_for(tmp_path / "phil", {"abstracts.yaml": phil}) if "Phil Chen" in w]


def test_a_title_of_two_parts_written_with_its_full_stops_is_set_apart_whole():
    """Lint's "dr-ing" could never match: a name's words are split at its full stops, so "Dr.-Ing." was "dr" and
    "ing", and "Ing" was kept as a given name ("Dr.-Ing. Mei Chen" was not Mei Chen with a title); "Dipl.-Ing.",
    "Priv.-Doz." and "Univ.-Prof." likewise. The titles are the index's too (text.names.ACADEMIC_TITLES)."""
    from booklet.lint.names import name_form

    for written, titles in (("Dr.-Ing. Mei Chen", ("dr-ing",)), ("Dipl.-Ing. Mei Chen", ("dipl-ing",)),
                            ("Priv.-Doz. Dr. Mei Chen", ("priv-doz", "dr")), ("Chen, Univ.-Prof. Mei", ("univ-prof",)),
                            ("Dr.-Ing. habil. Mei Chen", ("dr-ing", "habil")), ("Dott.ssa Mei Chen", ("dott-ssa",)),
                            ("Prof. Dr. rer. nat. Mei Chen", ("prof", "dr", "rer", "nat"))):
        form = name_form(written)
        assert (form.tokens, form.titles) == (("mei", "chen"), titles), written
    assert name_form("Dr. Ing").tokens == ("ing",)  # (a name of one word and a title: the word is the name)


def test_a_title_the_running_heads_cut_is_a_warning_naming_what_they_print(tmp_path):
    """A long title with no short title: every left-hand page's running head read "The Seventeenth International
    Conference on…" (cut where the heads have no more room), and nothing said so."""
    long = "The Seventeenth International Conference on Statistical Challenges in Modern Astronomy"
    conference = f"title: {long}\ndates: {{start: 2027-09-13, end: 2027-09-14}}\nvenue: Lund, Sweden\n"
    assert warnings_for(tmp_path / "long", {"conference.yaml": conference}) == [
        "conference.yaml:1: title: warning: the running heads have room for 43 characters of the title: they print "
        "\u201cThe Seventeenth International Conference on\u2026\u201d; give a shorter `short_title` (what the "
        "running heads print)"]
    assert warnings_for(tmp_path / "short", {"conference.yaml": conference + "short_title: SCMA XVII\n"}) == []
    assert "\u201cThe Seventeenth International Conference on Statistical\u2026\u201d" in warnings_for(
        tmp_path / "a4", {"conference.yaml": conference}, page_size="A4")[0]  # (a wider page: more of it)


def test_affiliation_words_over_forty_letters_are_not_looked_at_for_typos(tmp_path):
    """A fuzzing run: an affiliation of one 5,000-letter word took `check` 24 GB and was killed (each of its
    n squared two-letter deletions, n letters long, was made to bucket it). Words over 40 letters are no
    institution's to look for typos in, as names' words over 40 letters are not."""
    import tracemalloc

    from booklet.lint.affiliations import _one_word_apart

    long_word = "abcdefghij" * 4 + "k"  # 41 letters
    files = {"conference.yaml": committee(f"{{name: Ann Lee, affiliation: University of {long_word}}}",
                                          f"{{name: Bob Lee, affiliation: University of {long_word[:-2]}xk}}")}
    assert warnings_for(tmp_path, files) == []
    tracemalloc.start()
    assert list(_one_word_apart({"university " + "x" * 400: 0, "university " + "x" * 399 + "y": 1})) == []
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 1_000_000  # (made 80,000 strings of 400 letters: 33 MB)


# -- theme.yaml's sections leaving out a section whose data is not empty ---------------------------

def test_a_section_left_out_whose_data_is_not_empty_is_a_warning_at_sections(tmp_path):
    """README's example once listed six sections: copied, it dropped the glance, the index, the participants and the
    sponsors, and the tutorials printed nowhere, their lines in the programme with no page number. The glance and the
    index left out say nothing: the format says to leave them out to drop them, and what they show prints elsewhere
    (a review: their warning made --strict refuse a build the format describes)."""
    conference = extend("conference.yaml", """\
        sponsors:
          - {name: Nordlys Instruments}
        places:
          - {name: Restaurant Kulturen}
        """)
    participants = "- {name: Ana Smith}\n- {name: Bo Jones}\n- {name: Li Wei}\n"
    theme = "base: classic\nsections: [committees, programme, abstracts, posters, practical]\n"
    warnings = warnings_for(tmp_path, {"conference.yaml": conference, "participants.yaml": participants,
                                       "theme.yaml": theme})
    left_out = "but theme.yaml's `sections` leaves"
    assert warnings == [
        f"theme.yaml:2: sections: warning: tutorials.yaml has 1 tutorial, {left_out} 'tutorials' out: they print "
        "nowhere, and their lines in the programme have no page number (add it, or remove them)",
        f"theme.yaml:2: sections: warning: conference.yaml has 1 sponsor, {left_out} 'sponsors' out: they print "
        "nowhere (add it, or remove them)",
        f"theme.yaml:2: sections: warning: participants.yaml has 3 participants, {left_out} 'participants' out: they "
        "print nowhere (add it, or remove them)",
    ]
    assert KINDS["section-left-out"] == "Sections theme.yaml leaves out whose data prints nowhere"


def test_a_section_left_out_with_nothing_in_it_or_no_sections_written_is_no_warning(tmp_path):
    # (no committees, sponsors, participants, places: their sections left out say nothing; the others are listed)
    theme = "sections: [index, glance, programme, abstracts, tutorials, posters]\n"
    assert warnings_for(tmp_path / "empty", {"theme.yaml": theme}) == []
    assert warnings_for(tmp_path / "none", {"theme.yaml": "base: minimal\n"}) == []  # the built-in theme's: all
    posters = "sections: [programme, abstracts, tutorials, glance, index]\n"  # no posters.yaml, none left out
    assert warnings_for(tmp_path / "posters", {"theme.yaml": posters, "posters.yaml": None}) == []
    warned = warnings_for(tmp_path / "left", {"theme.yaml": posters})
    assert warned == ["theme.yaml:1: sections: warning: posters.yaml has 1 poster, but theme.yaml's `sections` "
                      "leaves 'posters' out: they print nowhere (add it, or remove them)"]


def test_french_text_with_no_space_before_a_high_mark_is_warned_of_where_it_can_be_told(tmp_path):
    """Some LOCs asked: a French text typed "Ça suffit!" or "les signes?Oui" prints with no space where French sets a
    thin one (booklet prints one where a space is typed). Warned of in an abstract whose language is French, or in a
    booklet in French when the text is French (more of French's commonest words than of English's); never in code, math, addresses, a time or a ratio,
    an emoticon, before a closing mark, nor in an English abstract of a French booklet (one citing a French book)."""
    def abstracts(text: str, title: str = "A talk about Lund", language: str = "") -> str:
        return BASE["abstracts.yaml"].replace("abstract: Some text.", "abstract: " + json.dumps(text) + language) \
            .replace("title: A talk about Lund", "title: " + json.dumps(title))

    french = extend("conference.yaml", "language: fr\n")
    found = warnings_for(tmp_path / "a", {"conference.yaml": french, "abstracts.yaml": abstracts(
        "Pourquoi ? Ça suffit! Les signes?Oui, vraiment.")})
    assert [w for w in found if "french" in w or "space before" in w] == [
        "abstracts.yaml:4: [0].abstract: warning: abstract 'lund-2026': '…Pourquoi ? Ça suffit!' has no space before "
        "'!' (and 1 more): French sets a thin space there; type a space before the mark (it prints as a thin space "
        "that holds to the word)"]
    clean = ("Pourquoi ? Voir https://x.org/a?b=1;c, `a?b;`, $a!$, x@y.fr, à 14:30, 1:2, super;) et ;-) « Why? » "
             "(vraiment?)\n\n```\nx?y;\n```")
    assert not [w for w in warnings_for(tmp_path / "b", {"conference.yaml": french, "abstracts.yaml": abstracts(
        clean)}) if "space before" in w]
    english = ("Why does it work? Because the data say so; nothing else! As in Dodge (Editions Ellipses, Paris, 1990, "
               "468 pages ; 2e édition).")  # (an English text: more English words than French ones)
    assert not [w for w in warnings_for(tmp_path / "c", {"conference.yaml": french, "abstracts.yaml": abstracts(
        english)}) if "space before" in w]
    assert [w for w in warnings_for(tmp_path / "d", {"abstracts.yaml": abstracts(
        "Ça suffit!", language="\n  language: fr")}) if "space before" in w]  # (the abstract's language: French)
    assert not [w for w in warnings_for(tmp_path / "e", {"abstracts.yaml": abstracts(
        "Pourquoi ? Ça suffit!")}) if "space before" in w]  # (an English booklet)


def test_french_text_with_no_space_before_a_high_mark_is_warned_of_in_tutorials_and_posters_too(tmp_path):
    """A French LOC's booklet: a tutorial's description "apportez un portable!" and a poster's abstract "imprimés? Oui"
    printed with no space before the mark, with no warning, where the same text in an abstract was warned of."""
    french = extend("conference.yaml", "language: fr\n")
    tutorials = BASE["tutorials.yaml"].replace("description: A course.",
                                               "description: Un cours pratique et une salle pour apportez un portable!")
    posters = extend("posters.yaml", """\
        - number: 2
          author: Lena Lund
          title: Une affiche pour les questions
          abstract: Les résumés des affiches sont-ils imprimés? Oui, dans le livret.
        """)
    found = [w for w in warnings_for(tmp_path / "a", {"conference.yaml": french, "tutorials.yaml": tutorials,
                                                       "posters.yaml": posters}) if "space before" in w]
    assert found == [
        "tutorials.yaml:3: [0].description: warning: tutorial 'bayes-intro': '…our apportez un portable!' has "
        "no space before '!': French sets a thin space there; type a space before the mark (it prints as a thin "
        "space that holds to the word)",
        "posters.yaml:7: [1].abstract: warning: poster 2: '…fiches sont-ils imprimés?' has no space before '?': "
        "French sets a thin space there; type a space before the mark (it prints as a thin space that holds to the "
        "word)"]
    assert not [w for w in warnings_for(tmp_path / "b", {"tutorials.yaml": tutorials, "posters.yaml": posters})
                if "space before" in w]  # (an English booklet)


def test_a_guillemet_typed_against_its_word_in_french_is_warned_of(tmp_path):
    """A French LOC's abstract "le «texte» est là" printed its guillemets glued to the word, where "« texte »" typed
    with spaces, and straight quotes, print with the thin spaces French sets inside them: warned of, as a glued ! ? ;
    is; not a closing one after a mark ("« Pourquoi ?»" is the ? already warned of, or none), nor one with its space."""
    french = extend("conference.yaml", "language: fr\n")

    def warned(folder: str, text: str) -> list[str]:
        abstracts = BASE["abstracts.yaml"].replace("abstract: Some text.", "abstract: " + json.dumps(text))
        return [w for w in warnings_for(tmp_path / folder, {"conference.yaml": french, "abstracts.yaml": abstracts})
                if "french" in w.lower() or "space" in w]

    assert warned("a", "Nous montrons que le «texte» est dans la base.") == [
        "abstracts.yaml:4: [0].abstract: warning: abstract 'lund-2026': '…Nous montrons que le «texte' has no space "
        "after '«' (and 1 more): French sets a thin space there; type a space after it (it prints as a thin space "
        "that holds to the word)"]
    assert warned("b", "Nous montrons que le « texte » est dans la base.") == []
    assert warned("c", "Nous montrons que le \u00ab\u202ftexte\u202f\u00bb est dans la base.") == []
    assert warned("d", "Nous montrons que le « texte» est dans la base.") == [
        "abstracts.yaml:4: [0].abstract: warning: abstract 'lund-2026': '…montrons que le « texte»' has no space "
        "before '»': French sets a thin space there; type a space before the mark (it prints as a thin space that "
        "holds to the word)"]


def test_entry_warnings_name_the_line_of_their_key_in_block_style(tmp_path):
    """A poster's number given twice, a participant listed twice and a malformed email, written one key a line (as
    init and import write entries): each warning names the line of the key it is about, not the entry's first."""
    abstracts = BASE["abstracts.yaml"] + ("- id: wang\n  title: Code\n  speaker:\n    name: A. Wang\n"
                                          "    affiliation: Uni A\n    email: wang@@example\n  abstract: Text.\n")
    programme = PROGRAMME + '      - {time: "17:00-17:20", talk: wang}\n'
    posters = "- title: One\n  author: Ana Smith\n  number: 1\n- title: Two\n  author: Bo Lee\n  number: 1\n"
    participants = ("- name: Ann Smith\n  affiliation: Uni A\n- name: Bo\n  affiliation: Uni B\n"
                    "- affiliation: Uni A\n  name: Ann Smith\n")
    assert warnings_for(tmp_path, {"abstracts.yaml": abstracts, "programme.yaml": programme, "posters.yaml": posters,
                                   "participants.yaml": participants}) == [
        "posters.yaml:6: [1].number: warning: poster number 1 is also the number of 'One' (posters.yaml:1)",
        "participants.yaml:6: [2].name: warning: participant 'Ann Smith' is listed already, at participants.yaml:1: "
        "printed twice",
        f"abstracts.yaml:{base_lines('abstracts.yaml') + 6}: [2].speaker.email: warning: 'wang@@example' is not an "
        "email address: it has more than one '@'"]


def test_right_to_left_and_indic_text_the_fonts_have_is_a_warning_that_it_prints_letter_by_letter(tmp_path,
                                                                                                   monkeypatch):
    """Hebrew, Arabic or Devanagari in a font that has them (a fallback in theme.yaml) printed letter by letter, left to
    right as stored: a Hebrew title read backwards, Arabic's letters unjoined, a Hindi name's vowel sign after its
    consonant, with no word. (No font shipped with booklet or its libraries has these letters: the fonts are told to
    have them.)"""
    from booklet.text import fonts

    def unprintable(text):
        return [ch for ch in real(text) if not ("\u0590" <= ch <= "\u06ff" or "\u0900" <= ch <= "\u097f")]

    real = fonts.unprintable
    monkeypatch.setattr(fonts, "unprintable", unprintable)
    monkeypatch.setattr(fonts, "all_printable", lambda chars: not unprintable("".join(chars)))
    abstracts = BASE["abstracts.yaml"].replace("title: A talk about Lund", "title: Dead Sea \u05de\u05d2\u05d9\u05dc\u05d5\u05ea 2027").replace(
        "{name: Ana Smith, affiliation: Uni A}", "{name: \u092a\u094d\u0930\u093f\u092f\u093e Sharma, affiliation: "
                                                "\u062c\u0627\u0645\u0639\u0629 Cairo}")
    assert [w for w in warnings_for(tmp_path, {"abstracts.yaml": abstracts}) if "letter by letter" in w] == [
        "abstracts.yaml:2: [0].title: warning: Hebrew text prints from left to right, letter by letter: booklet does "
        "not set right-to-left text from the right, so it reads backwards; give it in Latin letters, or leave it out",
        "abstracts.yaml:3: [0].speaker.name: warning: Devanagari text prints letter by letter: booklet does not shape "
        "it (its vowel signs and conjuncts print apart, a vowel written before its consonant after it); give it in "
        "Latin letters, or leave it out",
        "abstracts.yaml:3: [0].speaker.affiliation: warning: Arabic text prints from left to right, letter by letter: "
        "booklet does not set right-to-left text from the right nor join its letters, so it reads backwards; give it "
        "in Latin letters, or leave it out"]


def test_a_placeholder_speaker_or_chair_is_nobody_in_two_places_at_once(tmp_path):
    """A fuzzing run of imports: a schedule whose talks name no speaker gives each the speaker 'TBA' (to be named);
    `check` then warned 31 times that 'TBA' gives two talks at the same time, beside the placeholder warnings. A
    placeholder name is nobody: no such warning; a real name still gets it."""
    def files(name: str) -> dict:
        return {"abstracts.yaml": BASE["abstracts.yaml"].replace("speaker: {name: Ana Smith, affiliation: Uni A}",
                                                                 f"speaker: {{name: {name}}}").replace(
                    "- {name: Chiamaka Okafor, affiliation: Uni B, presenting: true}", f"- {{name: {name}}}"),
                "programme.yaml": yaml_text(f"""\
                    days:
                      - date: 2027-09-13
                        items:
                          - parallel:
                              - session: A
                                room: Room A
                                chair: {name}
                                items:
                                  - {{time: "09:00-09:20", talk: lund-2026}}
                              - session: B
                                room: Room B
                                items:
                                  - {{time: "09:00-09:20", talk: okafor}}
                          - {{time: "14:00-17:00", tutorial: bayes-intro}}
                    """)}
    assert not [w for w in warnings_for(tmp_path / "tba", files("TBA")) if "at the same time" in w]
    assert not [w for w in warnings_for(tmp_path / "nn", files("N.N.")) if "at the same time" in w]
    assert [w.split(": warning: ")[1] for w in warnings_for(tmp_path / "real", files("Ana Smith"))
            if "at the same time" in w] == [
        "'Ana Smith' gives 'Hierarchical models' (09:00\u201309:20) here and chairs 'A' (09:00\u201309:20) at "
        "programme.yaml:5, at the same time"]


def test_a_committee_with_no_members_to_print_is_a_warning_at_its_members_or_its_name(tmp_path):
    """A committee with no members (none given, `members: []`, or every name one the fonts print nothing of, left
    out) printed its name alone on the committees page, and check said nothing. Now a warning naming it, at its
    `members:` line, else at its `name:`."""
    conference = extend("conference.yaml", "committees:\n  - name: SOC\n    members: []\n  - name: LOC\n"
                        "  - name: PC\n    members:\n      - {name: \"\U0001f389\"}\n  - name: AB\n    members:\n"
                        "      - {name: Ana Smith}\n")
    warnings = [w for w in warnings_for(tmp_path, {"conference.yaml": conference}) if "no members" in w]
    told = ("has no members to print: the committees page prints its name alone; give it its `members:`, or leave it "
            "out")
    assert warnings == [f"conference.yaml:7: committees[0].members: warning: the committee 'SOC' {told}",
                        f"conference.yaml:8: committees[1].name: warning: the committee 'LOC' {told}",
                        f"conference.yaml:10: committees[2].members: warning: the committee 'PC' {told}"]
    assert KINDS["empty-committee"] == "Committees with no members, whose name prints alone"
    run = invoke("check", tmp_path / "conf", "--strict")
    assert run.exit_code == 1 and "Committees with no members, whose name prints alone (3):" in run.output


def test_a_committee_with_no_members_is_warned_of_by_the_heading_the_page_prints(tmp_path):
    """The warning of a committee with no members said "the committees page prints its name alone" whatever the page
    printed: of a committee whose title and name the fonts print nothing of (`name: 会议, title: 委员会`) it quoted
    '会议', where the page prints the label '(title not printable)', and of `name: LOC, title: Local Committee` it
    said its name, where the page prints 'Local Committee (LOC)'. It now names the heading printed, as the warnings of
    left-out titles name the label printed in their place; a heading that is the name alone is told as before."""
    conference = extend("conference.yaml", "committees:\n  - name: 会议\n    title: 委员会\n    members: []\n"
                        "  - name: LOC\n    title: Local Committee\n  - name: PC\n    title: 委员会\n"
                        "  - name: AB\n    members:\n      - {name: Ana Smith}\n")
    warnings = [w for w in warnings_for(tmp_path, {"conference.yaml": conference}) if "no members" in w]
    assert warnings == [
        "conference.yaml:8: committees[0].members: warning: the committee '会议' has no members to print: the "
        "committees page prints its heading, '(title not printable)', alone; give it its `members:`, or leave it out",
        "conference.yaml:9: committees[1].name: warning: the committee 'LOC' has no members to print: the committees "
        "page prints its heading, 'Local Committee (LOC)', alone; give it its `members:`, or leave it out",
        "conference.yaml:11: committees[2].name: warning: the committee 'PC' has no members to print: the committees "
        "page prints its name alone; give it its `members:`, or leave it out"]
    _, pdf = built(write_conference(tmp_path / "b", {"conference.yaml": conference,
                                                     "theme.yaml": "sections: [committees]\n"}))
    page = pdf.pages_with("Ana Smith")[0]
    assert pdf.lines(page)[:6] == ["Committees", "(title not printable)", "Local Committee (LOC)", "PC", "AB",
                                   "Ana Smith"]


def test_a_name_whose_last_character_the_fonts_leave_out_leaves_no_space_before_what_follows(tmp_path):
    """A name ending in a character the fonts cannot print ("Bo Jones 🎉", warned of) printed the space before it:
    "Bo Jones ², Cy Lee" in an author list, "Mei Chen , Ana Smith" among a session's chairs. A name prints as it is
    left once those characters are out, its spaces squeezed: "Bo Jones², Cy Lee"."""
    abstracts = BASE["abstracts.yaml"].replace("- {name: Bo Jones}", "- {name: Bo Jones 🎉, affiliation: Uni C}\n"
                                               "    - {name: Cy Lee}")
    programme = BASE["programme.yaml"].replace("chair: Mei Chen", "chair: [Mei Chen 🎉, Ana Smith, Zoe Ek]")
    data = write_conference(tmp_path / "conf", {"abstracts.yaml": abstracts, "programme.yaml": programme})
    _, pdf = built(data)
    assert pdf.lines(pdf.pages_with("More text")[0])[2:5] == ["Chiamaka Okafor1, Bo Jones2, Cy Lee", "1 Uni B",
                                                              "2 Uni C"]
    assert "Chairs: Mei Chen, Ana Smith and Zoe Ek" in pdf.lines(pdf.pages_with("Chairs:")[0])


def test_a_name_losing_letters_the_fonts_cannot_print_is_left_out_whole(tmp_path):
    """`chair: Mei Chen and 王小明` (one string) printed "Chair: Mei Chen and": the CJK left out, the rest printed as a
    name, with its conjunction dangling; so an author 'Wang 王小明' printed 'Wang'. A person's name is one: a name that
    would lose letters is left out whole, as one of CJK alone is (the chair line goes with its one chair), and the
    warning says what it would have read. A name losing an emoji ('Bo 🎉 Jones') or its spelling in another script in
    brackets ('Xiaoming Wang (王小明)') prints without it, as before. (A list of names, 'Mei Chen and 王小明', prints
    those the fonts have: test_a_list_of_names_prints_the_names_the_fonts_have_and_names_the_others.)"""
    abstracts = BASE["abstracts.yaml"].replace("- {name: Bo Jones}", '- {name: "Bo 🎉 Jones"}\n'
                                               '    - {name: "Xiaoming Wang (王小明)"}\n    - {name: "Wang 王小明"}')
    programme = BASE["programme.yaml"].replace("chair: Mei Chen", "chair: Chen 王小明")
    files = {"abstracts.yaml": abstracts, "programme.yaml": programme}
    warnings = [w for w in warnings_for(tmp_path, files) if "cannot print" in w]
    cjk = "'王' (U+738B), '小' (U+5C0F), '明' (U+660E)"
    assert warnings == [
        "abstracts.yaml:9: [1].authors[1].name: warning: the booklet's fonts cannot print '🎉' (U+1F389); left out: "
        "give theme.yaml's `fonts:` a font that has them",
        f"abstracts.yaml:10: [1].authors[2].name: warning: the booklet's fonts cannot print {cjk}; left out: the name "
        "prints as 'Xiaoming Wang': give theme.yaml's `fonts:` a font that has them",
        f"abstracts.yaml:11: [1].authors[3].name: warning: the booklet's fonts cannot print {cjk}; without them the "
        f"name would read 'Wang', so the whole name is left out of the booklet ({WHOLE}): give theme.yaml's `fonts:` "
        "a font that has them",
        f"programme.yaml:8: days[0].items[3].chair: warning: the booklet's fonts cannot print {cjk}; without them the "
        f"name would read 'Chen', so the whole name is left out of the booklet ({WHOLE}): give theme.yaml's "
        "`fonts:` a font that has them"]
    _, pdf = built(write_conference(tmp_path / "b", files))
    assert pdf.lines(pdf.pages_with("More text")[0])[2:4] == ["Chiamaka Okafor1, Bo Jones, Xiaoming Wang", "1 Uni B"]
    programme_page = next(pdf.lines(page) for page in range(len(pdf)) if "09:00–09:20" in pdf.lines(page))
    assert "Inference" in programme_page and not [line for line in programme_page if "Chair" in line or "Mei" in line]
    assert [line for page in range(len(pdf)) for line in pdf.lines(page) if "Wang" in line] == [
        "Chiamaka Okafor1, Bo Jones, Xiaoming Wang", "Wang, Xiaoming 6"]  # (the abstract, the index: no 'Wang' alone)


WHOLE = ("a name is printed without them only when they are words of their own, or in brackets, at its start or end, "
         "beside two words or more that no 'and' or separator ends or begins")


def test_a_name_written_in_two_scripts_prints_the_one_the_fonts_have(tmp_path):
    """DebConf17's speaker '李健秋 Andrew Lee' (the name in two scripts, one a word-run before the other) printed 'Andrew
    Lee' until a name losing letters was left out whole (650b3c0); then the talk printed '(name not printable)'. A run
    of words of their own the fonts cannot print at a name's start or end, beside two words or more that neither end
    nor begin with a word or sign joining two names, is left out alone: the programme, the abstract, the index and the
    proof read 'Andrew Lee'. 'Wang 王小明' (one word left), '王小明 Mei' and 'Chen, 小明' (a family name before its given
    name: one word left) are still left out whole."""
    abstracts = BASE["abstracts.yaml"].replace("{name: Ana Smith, affiliation: Uni A}",
                                               "{name: 李健秋 Andrew Lee, affiliation: Uni A, email: a@example.org}") \
        .replace("- {name: Bo Jones}", '- {name: "Wang 王小明"}\n    - {name: "王小明 Mei"}\n'
                 '    - {name: "Chen, 小明"}')
    programme = BASE["programme.yaml"].replace("chair: Mei Chen", "chair: 王小明 and Mei")
    files = {"abstracts.yaml": abstracts, "programme.yaml": programme}
    warnings = [w for w in warnings_for(tmp_path, files) if "cannot print" in w]
    cjk = "'王' (U+738B), '小' (U+5C0F), '明' (U+660E)"
    fix = "give theme.yaml's `fonts:` a font that has them"
    assert warnings == [
        "abstracts.yaml:3: [0].speaker.name: warning: the booklet's fonts cannot print '李' (U+674E), '健' (U+5065), "
        f"'秋' (U+79CB); left out: the name prints as 'Andrew Lee': {fix}",
        f"abstracts.yaml:9: [1].authors[1].name: warning: the booklet's fonts cannot print {cjk}; without them the "
        f"name would read 'Wang', so the whole name is left out of the booklet ({WHOLE}): {fix}",
        f"abstracts.yaml:10: [1].authors[2].name: warning: the booklet's fonts cannot print {cjk}; without them the "
        f"name would read 'Mei', so the whole name is left out of the booklet ({WHOLE}): {fix}",
        "abstracts.yaml:11: [1].authors[3].name: warning: the booklet's fonts cannot print '小' (U+5C0F), '明' (U+660E); "
        f"without them the name would read 'Chen', so the whole name is left out of the booklet ({WHOLE}): {fix}",
        f"programme.yaml:8: days[0].items[3].chair: warning: the booklet's fonts cannot print {cjk}; without them the "
        f"name would read 'and Mei', so the whole name is left out of the booklet ({WHOLE}): {fix}"]
    _, pdf = built(write_conference(tmp_path / "b", files))
    glance, programme_page = pdf.lines(pdf.pages_with("Programme at a glance")[-1]), pdf.lines(3)
    assert glance[glance.index("A talk about Lund") + 1] == "Andrew Lee"
    assert programme_page[programme_page.index("09:20–10:00"):programme_page.index("10:00–10:30")] == [
        "09:20–10:00", "A talk about Lund", "Andrew Lee", "5"]
    assert not [line for line in programme_page if "Chair" in line or "Mei" in line]
    assert pdf.lines(pdf.pages_with("Some text")[-1])[2:5] == ["A talk about Lund", "Andrew Lee", "Uni A"]
    assert pdf.lines(pdf.pages_with("More text")[0])[2:4] == ["Chiamaka Okafor", "Uni B"]
    assert pdf.lines(pdf.pages_with("Index of authors")[-1])[1:3] == ["L", "Lee, Andrew 4, 5"]
    lines = [line for page in range(len(pdf)) for line in pdf.lines(page)]
    assert not [line for line in lines if "Wang" in line or "printable" in line]
    proofs = tmp_path / "proofs"
    run = invoke("proofs", tmp_path / "b", "--out", proofs)
    assert run.exit_code == 0, run.output
    assert Pdf(proofs / "lund-2026.pdf").lines(0)[2:4] + Pdf(proofs / "lund-2026.pdf").lines(0)[8:9] == [
        "A talk about Lund", "Andrew Lee", "PROOF for Andrew Lee · booklet page 5"]



def test_a_list_of_names_prints_the_names_the_fonts_have_and_names_the_others(tmp_path):
    """A speaker '王小明, Andrew Lee' (a CJK name and a Latin one in one field) was left out whole: the talk printed
    '(name not printable)', the index had no Andrew Lee, and the warning named no one. A name that is a list, joined by
    a sign or a word joining two names, prints the names the fonts have, as written, without the sign or word before
    (or after) each one left out; the warning, at the name's file, line and key, names exactly the ones left out: one
    of CJK alone, or one that would lose letters ('Wang 王小明'). What prints must be two words or more ('Chen, 小明' is
    a family name before its given name: left out whole, test_a_name_written_in_two_scripts_...)."""
    abstracts = BASE["abstracts.yaml"].replace("{name: Ana Smith, affiliation: Uni A}",
                                               '{name: "王小明, Andrew Lee", affiliation: Uni A}') \
        .replace("- {name: Bo Jones}", '- {name: "Cy Park y 王小明"}\n    - {name: "Wang 王小明, Bo Jones"}')
    programme = BASE["programme.yaml"].replace("chair: Mei Chen", "chair: Mei Chen and 王小明")
    posters = BASE["posters.yaml"].replace("author: Zoe Papadopoulou", 'author: "Zoe Papadopoulou, 王小明 and 李四"')
    files = {"abstracts.yaml": abstracts, "programme.yaml": programme, "posters.yaml": posters}
    warnings = [w for w in warnings_for(tmp_path, files) if "cannot print" in w]
    cjk = "'王' (U+738B), '小' (U+5C0F), '明' (U+660E)"
    fix = "give theme.yaml's `fonts:` a font that has them"
    assert warnings == [
        f"abstracts.yaml:3: [0].speaker.name: warning: the booklet's fonts cannot print {cjk}; the name '王小明' is "
        f"left out of the booklet, and 'Andrew Lee' printed: {fix}",
        f"abstracts.yaml:9: [1].authors[1].name: warning: the booklet's fonts cannot print {cjk}; the name '王小明' is "
        f"left out of the booklet, and 'Cy Park' printed: {fix}",
        f"abstracts.yaml:10: [1].authors[2].name: warning: the booklet's fonts cannot print {cjk}; the name "
        f"'Wang 王小明' is left out of the booklet, and 'Bo Jones' printed: {fix}",
        f"posters.yaml:2: [0].author: warning: the booklet's fonts cannot print {cjk}, '李' (U+674E), '四' (U+56DB); "
        f"the names '王小明', '李四' are left out of the booklet, and 'Zoe Papadopoulou' printed: {fix}",
        f"programme.yaml:8: days[0].items[3].chair: warning: the booklet's fonts cannot print {cjk}; the name '王小明' "
        f"is left out of the booklet, and 'Mei Chen' printed: {fix}"]
    data = write_conference(tmp_path / "b", files)
    check = CliRunner().invoke(main, ["check", str(data)])
    assert check.exit_code == 0 and "Traceback" not in check.output
    _, pdf = built(data)
    programme_page = pdf.lines(3)
    assert programme_page[programme_page.index("09:20–10:00"):programme_page.index("10:00–10:30")] == [
        "09:20–10:00", "A talk about Lund", "Andrew Lee", "5"]
    assert "Chair: Mei Chen" in programme_page
    assert pdf.lines(pdf.pages_with("Some text")[-1])[2:5] == ["A talk about Lund", "Andrew Lee", "Uni A"]
    assert pdf.lines(pdf.pages_with("More text")[0])[2:4] == ["Chiamaka Okafor1, Cy Park, Bo Jones", "1 Uni B"]
    assert "Lee, Andrew 4, 5" in pdf.lines(pdf.pages_with("Index of authors")[-1])
    lines = [line for page in range(len(pdf)) for line in pdf.lines(page)]
    assert not [line for line in lines if "Wang" in line or "printable" in line or line.endswith(" and")]
    assert [line for line in lines if "Papadopoulou" in line and "," not in line][:1] == ["Zoe Papadopoulou"]

def test_a_character_the_fonts_leave_out_before_a_comma_leaves_no_space_before_the_comma(tmp_path):
    """A title "A talk about Lund 🎉, or not" (the emoji warned of, left out) printed "A talk about Lund , or not",
    an abstract's "Some text 🎉, and more." "Some text , and more.", a participant's affiliation "Uni 🎈" beside
    their country "Uni , Japan" (and "Uni 🎈 東京" too): the spaces before what is left out go with it when a comma or a
    stop follows it."""
    abstracts = BASE["abstracts.yaml"].replace("title: A talk about Lund", "title: A talk about Lund 🎉, or not") \
        .replace("abstract: Some text.", "abstract: Some text 🎉, and more.")
    participants = ("- {name: Eva Berg, affiliation: Uni 🎈, country: Japan}\n"
                    "- {name: Cy Lee, affiliation: Uni 🎈 東京, country: Japan}\n")
    data = write_conference(tmp_path / "conf", {"abstracts.yaml": abstracts, "participants.yaml": participants})
    _, pdf = built(data)
    assert pdf.lines(pdf.pages_with("Some text")[-1])[2:6] == ["A talk about Lund, or not", "Ana Smith", "Uni A",
                                                              "Some text, and more."]
    assert pdf.lines(pdf.pages_with("Participants")[-1]).count("Uni, Japan") == 2


def test_affiliations_that_print_alike_once_the_fonts_leave_a_character_out_are_one(tmp_path):
    """Authors' affiliations "Uni B" and "Uni B 🎉" (the emoji warned of, left out) were numbered apart, and printed
    "1 Uni B" and "2 Uni B" under the author list; one author's [Uni C, Uni C 🎉] printed "Uni C" twice. They print
    alike, so they are one affiliation, as written first: here the one both authors share, printed once with no
    numbers, "Chiamaka Okafor, Bo Jones" over "Uni B"."""
    abstracts = BASE["abstracts.yaml"].replace("- {name: Bo Jones}", "- {name: Bo Jones, affiliation: Uni B 🎉}") \
        .replace("{name: Ana Smith, affiliation: Uni A}", "{name: Ana Smith, affiliation: [Uni C, Uni C 🎉]}")
    data = write_conference(tmp_path / "conf", {"abstracts.yaml": abstracts})
    _, pdf = built(data)
    assert pdf.lines(pdf.pages_with("More text")[0])[2:5] == ["Chiamaka Okafor, Bo Jones", "Uni B",
                                                              "Presenting author underlined."]
    assert pdf.lines(pdf.pages_with("Some text")[-1])[3:6] == ["Ana Smith", "Uni C", "Some text."]


def test_a_qr_code_holding_an_address_a_phone_would_run_is_a_warning_at_its_key(tmp_path):
    # `qr_codes: [{text: "javascript:alert(1)"}]` was encoded without a word: not a link of the PDF's (so no error,
    # as a url of that kind is), but what a scanning phone offers to open; a Wi-Fi login, tel:, a web address and a
    # text with a colon in it are left alone
    files = {"conference.yaml": extend("conference.yaml", """\
        qr_codes:
          - {text: "javascript:alert(1)"}
          - {text: "WIFI:T:WPA;S:SMC-2027;P:secret;;", caption: Wi-Fi}
          - {text: " DATA:text/html,<b>hi</b>"}
          - {text: "https://www.example.org/smc2027"}
          - {text: "file:///etc/passwd"}
          - {text: "tel:+4712345678"}
          - {text: "Room: 101"}
        """)}
    advice = ("address, which a phone that scans the code would run or open as a file; a QR code holds a web address "
              "(https://...), or a Wi-Fi login, a phone number, a text")
    assert warnings_for(tmp_path, files) == [
        f"conference.yaml:6: qr_codes[0].text: warning: 'javascript:alert(1)' is a javascript: {advice}",
        f"conference.yaml:8: qr_codes[2].text: warning: 'DATA:text/html,<b>hi</b>' is a data: {advice}",
        f"conference.yaml:10: qr_codes[4].text: warning: 'file:///etc/passwd' is a file: {advice}"]


def test_a_qr_code_s_scheme_split_by_a_tab_or_a_line_break_is_read_as_a_browser_reads_it(tmp_path):
    # "java\tscript:alert(1)" is javascript: to a browser (the WHATWG URL parser drops ASCII tabs and line breaks
    # anywhere, and C0 controls and spaces at the ends), and it passed as a text; a tab elsewhere in a text is left alone
    files = {"conference.yaml": extend("conference.yaml", """\
        qr_codes:
          - {text: "java\\tscript:alert(1)"}
          - {text: " vb\\nscript:msgbox(1)"}
          - {text: "Room\\t101: the desk"}
        """)}
    advice = ("address, which a phone that scans the code would run or open as a file; a QR code holds a web address "
              "(https://...), or a Wi-Fi login, a phone number, a text")
    assert warnings_for(tmp_path, files) == [
        f"conference.yaml:6: qr_codes[0].text: warning: 'java\tscript:alert(1)' is a javascript: {advice}",
        f"conference.yaml:7: qr_codes[1].text: warning: 'vb\u21b5script:msgbox(1)' is a vbscript: {advice}"]


def test_a_tutorial_title_numbered_otherwise_than_its_label_is_a_warning_at_its_title(tmp_path):
    # SIGDIAL 2020 titled its first tutorials "Turorial 1" to "Turorial 3" (a typo) before "Tutorial 1" to
    # "Tutorial 17": the labels printed the places in tutorials.yaml ("TUTORIAL 4" over "Tutorial 1") without a word;
    # a title whose number is its place ("Tutorial 3: Sampling") and one without a number are left alone
    base = BASE["tutorials.yaml"].replace("title: Bayesian inference", "title: Turorial 1")
    files = {"tutorials.yaml": base + ("- id: second\n  title: Tutorial 1\n  description: A.\n"
                                       "- id: third\n  title: 'Tutorial 3: Sampling'\n  description: B.\n")}
    numbered = [w for w in warnings_for(tmp_path / "typo", files) if "numbers this tutorial" in w]
    assert numbered == [
        "tutorials.yaml:7: [1].title: warning: the title 'Tutorial 1' numbers this tutorial 1, but its label prints "
        "'TUTORIAL 2', its place in tutorials.yaml: a label prints its title's number only when every title begins "
        "with 'Tutorial' and a number, and 'Turorial 1' (tutorial 'bayes-intro') does not; correct that title, or take "
        "the numbers out of the titles"]
    twice = BASE["tutorials.yaml"].replace("title: Bayesian inference", "title: Tutorial 2") + (
        "- id: again\n  title: tutorial 02 again\n  description: A.\n")
    numbered = [w for w in warnings_for(tmp_path / "twice", {"tutorials.yaml": twice}) if "numbers this tutorial" in w]
    assert numbered == [
        "tutorials.yaml:2: [0].title: warning: the title 'Tutorial 2' numbers this tutorial 2, but its label prints "
        "'TUTORIAL 1', its place in tutorials.yaml: a label prints its title's number only when every title begins "
        "with 'Tutorial' and a number, each another, and 'Tutorial 2' (tutorial 'bayes-intro') and 'tutorial 02 "
        "again' (tutorial 'again') give the same; correct one of them, or take the numbers out of the titles"]
    own = BASE["tutorials.yaml"].replace("title: Bayesian inference", "title: Tutorial 14") + (
        "- id: numbered\n  title: Tutorial 15\n  description: Their own numbering.\n")
    assert not [w for w in warnings_for(tmp_path / "own", {"tutorials.yaml": own}) if "tutorial-number" in w
                or "numbers this tutorial" in w]


def test_an_abstract_too_long_for_its_page_by_its_title_is_warned_of_at_its_title(tmp_path):
    # an abstract's text pasted into `title:` was "abstract 'smith' is N lines too long" at its `abstract:`, a short
    # text: the LOC was sent to cut the wrong one. A title that alone takes more than half the page is named.
    title = " ".join(["statistics of noise"] * 150)
    files = {"abstracts.yaml": BASE["abstracts.yaml"].replace("title: A talk about Lund", f"title: {title}")}
    assert [w for w in warnings_for(tmp_path, files) if "too long for one" in w] == [
        "abstracts.yaml:2: [0].title: warning: abstract 'lund-2026' is 47 lines too long for one A5 page; it runs onto "
        "about 3 pages: its title alone takes 60 lines; is the abstract's text, or a second title, in `title:`?"]
    # a title of 16 lines (261 pt of the page's 493) is more than half the page: measured at the text's leading
    # (16 x 12.5 pt), it was less, and the warning was at the abstract's text
    half = BASE["abstracts.yaml"].replace("title: A talk about Lund", "title: " + " ".join(["statistics of noise"] * 40))
    half = half.replace("abstract: Some text.", "abstract: " + " ".join(["words of the abstract"] * 60))
    too_long = [w for w in warnings_for(tmp_path / "half", {"abstracts.yaml": half}) if "too long for one" in w]
    assert len(too_long) == 1 and too_long[0].startswith("abstracts.yaml:2: [0].title: warning: "), too_long
    assert too_long[0].endswith(": its title alone takes 16 lines; is the abstract's text, or a second title, in "
                                "`title:`?")
    long_text = BASE["abstracts.yaml"].replace("abstract: Some text.", f"abstract: {title} {title}")
    too_long = [w for w in warnings_for(tmp_path / "text", {"abstracts.yaml": long_text}) if "too long for one" in w]
    assert len(too_long) == 1 and ": [0].abstract: warning: " in too_long[0] and "title" not in too_long[0], too_long


def test_a_title_too_long_for_its_page_is_counted_from_the_page_not_broken_into_lines_again(tmp_path, monkeypatch):
    """A word of 98,000 letters pasted into a title: after measuring the abstract's page, lint broke its title into
    lines again (hyphenated at each) to count them. The page's own title, wrapped across the page, gives the count:
    the same message, the title's text wrapped whole once by the lint (a title beside a photo is measured anew)."""
    from booklet.layout.flowables import Para

    word = "xjqz" * 5_000
    files = {"abstracts.yaml": BASE["abstracts.yaml"].replace("title: A talk about Lund", f"title: A {word}")}
    wrapped, wrap = [], Para.wrap
    monkeypatch.setattr(Para, "wrap", lambda para, *size: wrapped.append(para) or wrap(para, *size))
    too_long = [w for w in warnings_for(tmp_path, files) if "too long for one" in w]
    assert len(too_long) == 1 and too_long[0].startswith("abstracts.yaml:2: [0].title: warning: abstract 'lund-2026' "
                                                         "is "), too_long
    lines = int(re.search(r"its title alone takes (\d+) lines", too_long[0])[1])
    assert lines > 100
    titles = {id(para) for para in wrapped if word in para.text and "continued" not in para.text}  # (not the heading
    assert len(titles) == 1, len(titles)  # of its pages; a paragraph wrapped again at its width is not broken again)
    from booklet.layout.common import Context
    from booklet.lint.fit import _title_height

    booklet, _ = read_booklet(tmp_path / "conf")  # (the count as the title broken into lines again gives it)
    assert lines == _title_height(Context(booklet, page_for("A5")), booklet.abstracts[0])[1]


def test_a_given_name_after_a_title_is_no_second_part_of_it_when_written_apart():
    """"Dr.-Ing." and "Dr. Ing." are the title dr-ing, but in "Dr. Ing Chen" Ing is a given name (Scandinavian, Thai,
    Hokkien), written apart from the title and without a full stop: 97363cad took it for the title's second part,
    and the name was Chen alone; so "Dott. Ssa Rossi" keeps Ssa."""
    from booklet.lint.names import name_form

    for written, tokens, titles in (("Dr. Ing Chen", ("ing", "chen"), ("dr",)),
                                    ("Dr. Ing. Mei Chen", ("mei", "chen"), ("dr-ing",)),
                                    ("Chen, Dr. Ing", ("ing", "chen"), ("dr",)),
                                    ("Dott. Ssa Rossi", ("ssa", "rossi"), ("dott",))):
        form = name_form(written)
        assert (form.tokens, form.titles) == (tokens, titles), written
