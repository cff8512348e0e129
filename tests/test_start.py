"""Starting a conference: `booklet init`, `booklet schema`, and the data contract they share with the checks.

The contract (booklet.data.contract) is declared once; these tests prove that the validator, the
JSON Schemas, the `init` files and the format documentation all follow it: every key of every
record, given a wrong type or an unknown neighbour, is rejected by both the checks and the schema.
"""

from __future__ import annotations

import copy
import functools
import json
import shutil
import tempfile
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from booklet.cli import main
from booklet.data import contract
from booklet.data.contract import FILES, file_for
from booklet.data.schema import file_schema, schemas
from booklet.data.validate import read_booklet
from booklet.problems import DataError
from booklet.start.templates import EXAMPLE
from .helpers import BASE, DATA, ROOT, write_conference, yaml_text
from .pdftext import Pdf
from .yaml12 import load as load_yaml12


def invoke(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    return result


def validator(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(file_schema(file_for(name)))


def schema_errors(folder: Path) -> dict[str, list[str]]:
    """Data file -> the schema's complaints about it, as an editor would read the file."""
    out = {}
    for spec in FILES:
        for path in sorted(folder.glob(spec.name)):
            name = path.relative_to(folder).as_posix()
            out[name] = list(_file_schema_errors(name, path.read_text(encoding="utf-8")))
    return out


@functools.cache
def _file_schema_errors(name: str, text: str) -> tuple[str, ...]:
    """The schema's complaints about data file `name` of this text: they follow from the two alone, so the files
    a test leaves as init wrote them are read (by the YAML 1.2 loader, in pure Python) and validated once a process,
    not again by each of the hundreds of tests that change one file of the example."""
    errors = validator(name).iter_errors(load_yaml12(text))
    return tuple(f"{list(e.absolute_path)}: {e.message}" for e in errors)


# -- booklet init -----------------------------------------------------------------------------

def test_init_says_the_next_commands_as_they_are_to_be_typed(tmp_path):
    """Fuzzing: `booklet init "my conference"` said "booklet build /.../my conference": pasted, that builds the folder
    "/.../my" (and "conference" is no option). The folder is quoted as a shell takes it."""
    folder = tmp_path / "my conference"
    result = invoke("init", folder)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1:] == [
        f"  booklet build '{folder}'      # the booklet, as it is now",
        f"  booklet check '{folder}'      # after each edit: every problem, with file and line"]


def test_init_writes_every_file_of_the_format_and_builds(tmp_path):
    result = invoke("init", tmp_path / "conf")
    assert result.exit_code == 0, result.output
    folder = tmp_path / "conf"
    assert result.stdout.splitlines()[0] == f"Wrote an example conference to {folder} (23 files). Next:"
    for spec in FILES:
        if spec.schema:  # every YAML file (participants.csv is the other way to write participants.yaml)
            assert list(folder.glob(spec.name)), spec.name
    checked = invoke("check", folder)  # valid as it is: what is still the example's is a warning (see below)
    assert (checked.exit_code, checked.stdout) == (0, f"{folder}: 0 errors, {EXAMPLE_WARNINGS} warnings.\n")
    built = invoke("build", folder, "-o", tmp_path / "conf.pdf")
    assert built.exit_code == 0, built.output
    assert built.stderr == checked.stderr  # build prints check's warnings
    pdf = Pdf(tmp_path / "conf.pdf")
    for title in ("Example Workshop on Data and Models", "An invited talk: what the data can tell",
                  "One abstract in a file of its own", "Bayesian inference: an introduction",
                  "A poster by several authors", "Restaurant Kulturen"):
        assert pdf.pages_with(title), title
    assert not pdf.pages_with("ana.smith@example.org")  # emails are never printed


def test_init_files_name_their_schema_and_explain_every_key(tmp_path):
    assert invoke("init", tmp_path / "conf").exit_code == 0
    folder = tmp_path / "conf"
    explained = 0
    for name in EXAMPLE:
        text = (folder / name).read_text(encoding="utf-8")
        first = text.splitlines()[0]
        spec = file_for(name)
        assert first.startswith("# yaml-language-server: $schema=")
        schema_path = (folder / name).parent / first.split("$schema=")[1]
        assert json.loads(schema_path.read_text()) == file_schema(spec)
        explained += text.count("  # ")
    # Every key of every record is in the example, and each is explained by its comment somewhere.
    all_text = "\n".join((folder / name).read_text(encoding="utf-8") for name in EXAMPLE)
    for record in contract.records():
        for key in record.keys:
            assert f"{key.name}:" in all_text, (record.name, key.name)
            assert f"# {'required: ' if key.required else ''}{key.doc}" in all_text, (record.name, key.name)
    assert explained >= sum(len(r.keys) for r in contract.records()) - 10  # shared keys explained once per file


def test_a_changed_base_or_language_in_an_init_folder_changes_the_look_and_the_words(tmp_path):
    """init's theme.yaml sets `base` alone: its other keys show what the base gives, commented out, so that a
    changed base gives that theme and a changed language its words (each key the file set would have kept the
    classic English ones). Taking the '# ' off a key's lines sets it."""
    import shutil

    assert invoke("init", tmp_path / "conf").exit_code == 0
    folder = tmp_path / "conf"
    theme_file, conference = folder / "theme.yaml", folder / "conference.yaml"
    theme = theme_file.read_text(encoding="utf-8")
    assert [line for line in theme.splitlines() if line and not line.startswith("#")] == [
        next(line for line in theme.splitlines() if line.startswith("base: classic "))]
    theme_file.write_text(theme.replace("base: classic ", "base: modern  "), encoding="utf-8")
    conference.write_text(conference.read_text(encoding="utf-8").replace("language: en ", "language: de "),
                          encoding="utf-8")
    bare = tmp_path / "bare"
    shutil.copytree(folder, bare)
    (bare / "theme.yaml").write_text("base: modern\n", encoding="utf-8")
    booklet, warnings = read_booklet(folder)
    assert booklet.theme == read_booklet(bare)[0].theme
    assert (booklet.theme.name, booklet.theme.cover_style, booklet.conference.language) == (
        "modern", "full-bleed", "de")
    assert booklet.theme.labels == {} and not [w for w in warnings if w.key == "labels"]
    lines = theme_file.read_text(encoding="utf-8").splitlines()
    at = lines.index(next(line for line in lines if line.startswith("# cover:")))
    lines[at], lines[at + 1] = lines[at][2:], lines[at + 1][2:].replace("style: band ", "style: plain")
    theme_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert read_booklet(folder)[0].theme.cover_style == "plain"


def test_init_language_starts_the_conference_in_that_language(tmp_path):
    """A French LOC got conference.yaml `language: en` and theme.yaml's labels in English, commented out: `init
    --language fr` writes `language: fr` and shows the French words (the labels a LOC would change), and the folder
    builds in French as it is."""
    folder = tmp_path / "colloque"
    result = invoke("init", folder, "--language", "fr")
    assert result.exit_code == 0, result.output
    conference = (folder / "conference.yaml").read_text(encoding="utf-8")
    assert [line.split("  #")[0].rstrip() for line in conference.splitlines() if line.startswith("language:")] == [
        "language: fr"]
    theme = (folder / "theme.yaml").read_text(encoding="utf-8").splitlines()
    assert "#   contents: Sommaire" in [line.split("  #")[0].rstrip() for line in theme]
    assert "#   invited: CONFÉRENCE INVITÉE" in [line.split("  #")[0].rstrip() for line in theme]
    assert not [line for line in theme if line.startswith("#   contents: Contents")]
    assert [line for line in theme if line and not line.startswith("#")] == [
        next(line for line in theme if line.startswith("base: classic "))]  # (the words commented out: as for en)
    checked = invoke("check", folder)
    assert (checked.exit_code, checked.stdout) == (0, f"{folder}: 0 errors, {EXAMPLE_WARNINGS} warnings.\n")
    assert invoke("build", folder, "-o", tmp_path / "b.pdf").exit_code == 0
    pdf = Pdf(tmp_path / "b.pdf")
    assert pdf.pages_with("Sommaire") and pdf.pages_with("Résumés") and pdf.pages_with("lundi 14 juin")
    assert not pdf.pages_with("Contents")
    # the example's words any conference writes were English: "Coffee break" in a French booklet, which check does
    # not point out (any conference may write it); now they are French too, and "in English" is not said
    programme = (folder / "programme.yaml").read_text(encoding="utf-8")
    assert "title: Pause café" in programme and "Coffee break" not in programme
    assert pdf.pages_with("Pause café") and pdf.pages_with("Amphithéâtre A") and not pdf.pages_with("Coffee break")
    assert "English" not in result.output


def _common_words() -> set[str]:
    """Every text of init's example that is a word any conference writes (example.COMMON's, which check never calls
    the example's), but the names, which are the same in any language."""
    from booklet.lint.example import _leaves, common

    words = set()
    for name, value in EXAMPLE.items():
        spec = file_for(name)
        if spec.name != "theme.yaml":
            for entry, record, key, item in _leaves(value, (spec.record,), spec.many):
                if common(record, key, entry):
                    words |= {one for one in (item if isinstance(item, list) else [item]) if isinstance(one, str)}
    return words - {"SOC", "LOC", "Restaurant Kulturen", "George Box", "Lee"}


@pytest.mark.parametrize("language", ["de", "es", "it", "nl", "pt", "fr-CA"])
def test_init_language_gives_the_example_s_everyday_words_in_each_language_booklet_has_words_in(tmp_path, language):
    """example-words.yaml gives each of them in every language with a label table (a new word in the example
    without its translations fails here); none of the English ones is left in the folder (but a word the same in
    both), which checks as the English one does (its warnings are the example's own texts, not these)."""
    from booklet.data.example import example_words
    from booklet.data.theme import label_languages

    words = example_words(language)
    assert set(words) == _common_words()
    assert {lang for lang in label_languages() if lang != "en" and example_words(lang) != {}} == {
        "de", "es", "fr", "it", "nl", "pt"}
    folder = tmp_path / "conf"
    assert invoke("init", folder, "--language", language).exit_code == 0
    texts = set()  # (every text the folder's data files hold, read as YAML: most lines end in a comment)

    def gather(value) -> None:
        if isinstance(value, dict):
            value = list(value.values())
        if isinstance(value, list):
            for item in value:
                gather(item)
        elif isinstance(value, str):
            texts.add(value)

    for path in sorted(folder.rglob("*.yaml")):
        if path.name != "theme.yaml":
            gather(yaml.safe_load(path.read_text(encoding="utf-8")))
    assert {word for word in _common_words() if words[word] != word} & texts == set()  # (Nigeria stays)
    assert {"Lecture Hall A", "Coffee break", "Sweden"}.isdisjoint(texts) and words["Lecture Hall A"] in texts
    checked = invoke("check", folder)
    assert (checked.exit_code, checked.stdout) == (0, f"{folder}: 0 errors, {EXAMPLE_WARNINGS} warnings.\n")


def test_init_language_without_words_of_its_own_shows_its_quotation_marks_and_the_english_words(tmp_path):
    """... and init says that the example's words any conference writes are English (check does not point them
    out), where a Polish LOC was told nothing of it."""
    folder = tmp_path / "konf"
    result = invoke("init", folder, "--language", "pl")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == (
        "The example's words any conference writes, such as Coffee break, Lunch, Lecture Hall A and Sweden, are in "
        "English: booklet has no words of its own in Polish (pl). Write yours over them: 'booklet check' points out "
        "only what is the example's own.")
    assert "title: Coffee break" in (folder / "programme.yaml").read_text(encoding="utf-8")
    assert "\nlanguage: pl " in (folder / "conference.yaml").read_text(encoding="utf-8")
    theme = [line.split("  #")[0].rstrip() for line in (folder / "theme.yaml").read_text(encoding="utf-8").splitlines()]
    assert {"#   contents: Contents", "#   quote: \u201e{text}\u201d", "#   quotes: \u201e \u201d \u00ab \u00bb"} <= set(theme)
    norwegian = tmp_path / "no"  # (YAML 1.1 reads a bare no as false)
    assert invoke("init", norwegian, "--language", "no").exit_code == 0
    assert read_booklet(norwegian)[0].conference.language == "no"


def test_init_sample_language_sets_the_sample_s_language(tmp_path):
    folder = tmp_path / "demo"
    assert invoke("init", folder, "--sample", "--language", "de").exit_code == 0
    text = (folder / "conference.yaml").read_text(encoding="utf-8")
    assert "\nlanguage: de\n\ncommittees:\n" in text
    assert read_booklet(folder)[0].conference.language == "de"


@pytest.mark.parametrize("code, message", [
    ("english", "'english' is the name of a language, not its code: for English write 'en'"),
    ("xx", "'xx' is not a language code (ISO 639, like en, de or fr; en-GB with a region)"),
    ("eng", "'eng' is an older or longer code for English: write 'en', the one the PDF uses"),
    ("de_DE.UTF-8", "'de_DE.UTF-8' is not a language code (like en, de, en-GB)"),  # ($LANG's: check refused it)
])
def test_init_language_that_is_no_code_is_refused_and_nothing_is_written(tmp_path, code, message):
    folder = tmp_path / "conf"
    result = invoke("init", folder, "--language", code)
    assert result.exit_code == 2
    assert f"Error: Invalid value for '--language': {message}" in result.stderr
    assert not folder.exists()


EXAMPLE_WARNINGS = 90  # one at each text, email, image (and a name beside them) of the example: as init wrote it
REPLACE = "replace or remove it before printing"


def _problems(folder: Path, *args) -> list[dict]:
    result = invoke("check", folder, "--format", "json", *args)
    return json.loads(result.stdout)


def test_check_warns_at_every_value_still_init_s_example_and_the_folder_stays_valid(tmp_path):
    """A LOC overwrote most of init's example, and the German booklet printed the rest (the map, a sponsor's logo,
    the portrait) with check saying "0 errors, 0 warnings". Each value of the example, wherever it is, is a warning
    at its file, line and key, one per key; the folder stays valid (exit 0; --strict counts them)."""
    folder = tmp_path / "conf"
    assert invoke("init", folder).exit_code == 0
    problems = _problems(folder)
    assert len(problems) == EXAMPLE_WARNINGS
    assert {(p["kind"], p["severity"]) for p in problems} == {("example", "warning")}
    assert len({(p["file"], p["key"]) for p in problems}) == len(problems)
    assert {p["file"] for p in problems} == {"conference.yaml", "programme.yaml", "abstracts.yaml",
                                             "abstracts/okafor.yaml", "tutorials.yaml", "posters.yaml",
                                             "participants.yaml"}  # (theme.yaml: words any booklet has)
    checked = invoke("check", folder)
    lines = checked.stderr.splitlines()
    assert lines[0] == f"What booklet init wrote as an example, still to be replaced or removed ({EXAMPLE_WARNINGS}):"
    for line in (
            f"conference.yaml:4: title: warning: 'Example Workshop on Data and Models' is booklet init's example: "
            f"{REPLACE}",
            f"conference.yaml:51: extra_pages[0].file: warning: images/map.pdf is booklet init's example image: "
            f"{REPLACE}",
            f"abstracts.yaml:8: [0].speaker.name: warning: 'Ana Smith' is booklet init's example: {REPLACE}",
            f"abstracts.yaml:10: [0].speaker.email: warning: 'ana.smith@example.org' is booklet init's example: "
            f"{REPLACE}",
            f"abstracts.yaml:12: [0].abstract: warning: 'Replace this text with the abstract. A b\u2026' is booklet "
            f"init's example: {REPLACE}",
            f"programme.yaml:24: days[0].items[3].items[1].title: warning: 'Sampling from difficult posteriors' is "
            f"booklet init's example: {REPLACE}"):
        assert line in lines, line
    assert not [line for line in lines if "Coffee break" in line or "'SOC'" in line or "Lecture Hall A" in line]
    assert (checked.exit_code, checked.stdout) == (0, f"{folder}: 0 errors, {EXAMPLE_WARNINGS} warnings.\n")
    strict = invoke("check", folder, "--strict")
    assert strict.exit_code == 1 and strict.stdout == (
        f"{folder}: 0 errors, {EXAMPLE_WARNINGS} warnings (--strict: warnings count as errors).\n")


def test_init_s_images_are_found_under_any_name_the_sample_s_same_pictures_are_not(tmp_path):
    """The example's images are the sample's pictures with a note in the file's own comment: byte for byte another
    file, the same pixels. A folder of its own text that kept init's map (renamed), sponsor logo and portrait gets
    one warning at each key naming one; the sample (`init --sample`) none."""
    from PIL import Image

    from booklet.start.templates import EXAMPLE_IMAGES, SAMPLE, example_images

    folder = tmp_path / "conf"
    assert invoke("init", folder).exit_code == 0
    for name, source in EXAMPLE_IMAGES.items():
        assert (folder / name).read_bytes() == example_images()[name] != (SAMPLE / source).read_bytes()
        if not name.endswith(".pdf"):
            assert Image.open(folder / name).tobytes() == Image.open(SAMPLE / source).tobytes()
    (folder / "images/map.pdf").rename(folder / "images/lageplan.pdf")
    (folder / "conference.yaml").write_text(yaml_text("""\
        title: Tagung über Daten
        dates: {start: 2027-10-04, end: 2027-10-08}
        venue: Universität Kiel
        language: de
        extra_pages: [{file: images/lageplan.pdf, after: practical, title: Lageplan}]
        sponsors:
          - {name: Kieler Werkstätten, logo: images/sponsor.png}
        """), encoding="utf-8")
    (folder / "abstracts.yaml").write_text(yaml_text("""\
        - id: meyer
          title: Modelle und Daten
          speaker: {name: Jonas Meyer, affiliation: Universität Kiel, photo: images/portrait.jpg}
          abstract: Ein Text.
        """), encoding="utf-8")
    for name in ("programme.yaml", "abstracts/okafor.yaml", "tutorials.yaml", "posters.yaml", "participants.yaml",
                 "people.yaml"):
        (folder / name).unlink()
    checked = invoke("check", folder)
    assert (checked.exit_code, checked.stdout) == (0, f"{folder}: 0 errors, 3 warnings.\n")
    assert checked.stderr.splitlines() == [
        "What booklet init wrote as an example, still to be replaced or removed (3):",
        "conference.yaml:5: extra_pages[0].file: warning: images/lageplan.pdf is booklet init's example image "
        f"(images/map.pdf): {REPLACE}",
        f"conference.yaml:7: sponsors[0].logo: warning: images/sponsor.png is booklet init's example image: {REPLACE}",
        "abstracts.yaml:3: [0].speaker.photo: warning: images/portrait.jpg is booklet init's example image: "
        f"{REPLACE}"]
    built = invoke("build", folder, "-o", tmp_path / "conf.pdf")
    assert built.exit_code == 0 and built.stderr == checked.stderr
    assert invoke("init", tmp_path / "demo", "--sample").exit_code == 0
    sample = invoke("check", tmp_path / "demo")
    assert (sample.exit_code, sample.stderr, sample.stdout) == (0, "", f"{tmp_path / 'demo'}: 0 errors, 0 warnings.\n")


def test_the_language_init_gives_an_entry_is_the_example_s_while_the_entry_still_is(tmp_path):
    """init's abstracts/okafor.yaml says `language: fr` (and its tutorial `language: en`), to show the key. A LOC who
    makes the booklet German and writes over the abstract's title and text but keeps its speaker keeps the tag: it is
    named with the rest of the example that is left. An entry all the LOC's own keeps its `language` unwarned."""
    folder = tmp_path / "conf"
    assert invoke("init", folder).exit_code == 0
    okafor = folder / "abstracts/okafor.yaml"
    text = okafor.read_text(encoding="utf-8")
    text = text.replace("title: One abstract in a file of its own", "title: Ein eigener Vortrag")
    text = text.replace("Les grandes conférences peuvent garder chaque résumé dans un fichier à lui, dans le "
                        "dossier abstracts/.", "Ein Text auf Deutsch.")
    okafor.write_text(text, encoding="utf-8")
    mine = [p for p in _problems(folder) if p["file"] == "abstracts/okafor.yaml"]
    assert [(p["line"], p["key"], p["message"]) for p in mine] == [
        (8, "speaker.name", f"'Chiamaka Okafor' is booklet init's example: {REPLACE}"),
        (9, "speaker.affiliation", f"'University of Examples, Nigeria' is booklet init's example: {REPLACE}"),
        (12, "language", f"'fr' is the language of booklet init's example abstract, and this abstract is still partly "
                         f"that example: {REPLACE}")]
    okafor.write_text(text.replace("name: Chiamaka Okafor", "name: Jonas Lund").replace(
        "affiliation: University of Examples, Nigeria", "affiliation: Universität Kiel"), encoding="utf-8")
    assert [p for p in _problems(folder) if p["file"] == "abstracts/okafor.yaml"] == []


def test_init_never_overwrites_a_file(tmp_path):
    folder = tmp_path / "conf"
    folder.mkdir()
    (folder / "conference.yaml").write_text("title: Ours\n")
    result = invoke("init", folder)
    assert result.exit_code == 1
    assert result.stderr == (f"booklet: {folder} already has conference.yaml; nothing was written. "
                             "Choose a new folder, or add --force to replace them.\n")
    assert (folder / "conference.yaml").read_text() == "title: Ours\n"
    assert sorted(p.name for p in folder.iterdir()) == ["conference.yaml"]
    forced = invoke("init", folder, "--force")
    assert forced.exit_code == 0
    assert "replacing 1" in forced.stdout
    assert "Example Workshop on Data and Models" in (folder / "conference.yaml").read_text()


def test_init_sample_is_the_full_sample_conference(tmp_path, sample_build):
    result = invoke("init", tmp_path / "demo", "--sample")
    assert result.exit_code == 0, result.output
    assert invoke("build", tmp_path / "demo", "-o", tmp_path / "demo.pdf").exit_code == 0
    demo, data = Pdf(tmp_path / "demo.pdf"), Pdf(sample_build.output)
    assert len(demo) == len(data)
    assert demo.texts == data.texts
    for path in sorted((tmp_path / "demo").rglob("*.yaml")):
        assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=")


# -- booklet schema ---------------------------------------------------------------------------

def test_schemas_are_valid_json_schemas():
    for schema in schemas().values():
        jsonschema.Draft202012Validator.check_schema(schema)


def test_schema_accepts_the_sample_and_the_init_example(tmp_path):
    invoke("init", tmp_path / "conf")
    for folder in (DATA, tmp_path / "conf"):
        errors = schema_errors(folder)
        assert len(errors) >= 6
        assert errors == {name: [] for name in errors}


def test_a_time_written_unquoted_9_00_is_a_time_to_check_and_to_the_schema(tmp_path):
    """check read `time: 9.00` (or 9.30) as 09:00, where the schema (for an editor, a number to YAML) refused it."""
    assert invoke("init", tmp_path / "conf").exit_code == 0
    programme = tmp_path / "conf" / "programme.yaml"
    text = programme.read_text(encoding="utf-8")
    changed = text.replace('- time: "09:00-09:15"', "- time: 9.00", 1)
    assert changed != text
    programme.write_text(changed.replace('time: "09:15-10:00"', "time: 9h15", 1), encoding="utf-8")
    assert schema_errors(tmp_path / "conf")["programme.yaml"] == []
    booklet, problems = read_booklet(tmp_path / "conf")
    assert [str(item.time) for item in booklet.days[0].items()][:2] == ["09:00", "09:15"]
    programme.write_text(text.replace('- time: "09:00-09:15"', "- time: 9.75", 1), encoding="utf-8")
    assert schema_errors(tmp_path / "conf")["programme.yaml"] == []  # (a number the schema cannot tell: check can)
    with pytest.raises(DataError):
        read_booklet(tmp_path / "conf")


def test_schema_command_prints_writes_and_names_the_files(tmp_path):
    one = invoke("schema", "conference.yaml")
    assert one.exit_code == 0
    assert json.loads(one.stdout) == file_schema(file_for("conference.yaml"))
    every = invoke("schema")
    assert set(json.loads(every.stdout)) == {spec.schema for spec in FILES if spec.schema}
    written = invoke("schema", "-o", tmp_path / "s")
    assert written.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "s").iterdir()) == sorted(spec.schema for spec in FILES if spec.schema)
    both = invoke("schema", "conference.yaml", "-o", tmp_path / "t")  # (a fuzzing run: FILE was passed over)
    assert both.exit_code == 2 and not (tmp_path / "t").exists()
    assert ("Error: -o writes the schema of every data file; give FILE (conference.yaml) to print its schema alone, "
            "or -o alone to write them all") in both.stderr
    bad = invoke("schema", "sponsors.yaml")  # (the command line's mistake, as an option's bad value: exit 2, not 1)
    assert bad.exit_code == 2 and bad.stdout == ""
    assert bad.stderr.endswith("\n\nError: Invalid value for '[FILE]': 'sponsors.yaml' is not a data file of the "
                               "format; the files are conference.yaml, programme.yaml, abstracts.yaml, "
                               "abstracts/*.yaml, tutorials.yaml, posters.yaml, theme.yaml, participants.yaml, "
                               "people.yaml\n")


BAD_CASES = {
    "unknown-key": ("conference.yaml", lambda d: d.update(exhibitors="ACME"), "exhibitors: unknown key 'exhibitors'"),
    "wrong-type": ("conference.yaml", lambda d: d.update(dates="2027-06-14"),
                   "dates: expected a mapping (key: value lines), not text; "
                   "write it like: dates: {start: 2027-09-13, end: 2027-09-17}"),
    "bad-time": ("programme.yaml", lambda d: d["days"][0]["items"][0].update(time="9 am"),
                 "days[0].items[0].time: '9 am' is not a time"),
    "late-time": ("programme.yaml", lambda d: d["days"][0]["items"][0].update(time="25:00"),
                  "days[0].items[0].time: '25:00' is not a time"),
    "unknown-kind": ("programme.yaml", lambda d: d["days"][0]["items"][2].update(kind="dinner"),
                     "days[0].items[2].kind: 'dinner' is not one of talk, tutorial, break, social, poster, other "
                     "(did you mean 'social'?)"),
    "poster-as-abstract": ("abstracts.yaml", lambda d: d[0].update(kind="poster"),
                           "[0].kind: 'poster' is not one of contributed, invited, keynote, special (a poster goes in "
                           "posters.yaml, with its number and authors)"),
    "blank-chair": ("programme.yaml", lambda d: d["days"][0]["items"][3].update(chair=["Bo Jones", " "]),
                    "days[0].items[3].chair[1]: an empty item: write its text, or leave the item out"),
}


def write_example(folder: Path, changes: dict[str, object] | None = None) -> Path:
    """The init example as plain YAML (no comments), with some files' data replaced."""
    for name, data in _init_files().items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    for name, value in (changes or {}).items():
        (folder / name).write_text(yaml.safe_dump(value, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder


@functools.cache
def _init_files() -> dict[str, bytes]:
    """Path in the folder -> bytes of each file `booklet init` writes (none depends on the folder's name or place):
    init runs once a process, its files written again for each of the hundreds of tests that change one of them."""
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "conf"
        assert invoke("init", folder).exit_code == 0
        return {path.relative_to(folder).as_posix(): path.read_bytes()
                for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.mark.parametrize("case", list(BAD_CASES), ids=list(BAD_CASES))
def test_bad_data_is_rejected_by_both_the_schema_and_check(tmp_path, case):
    name, change, message = BAD_CASES[case]
    data = copy.deepcopy(EXAMPLE[name])
    change(data)
    folder = write_example(tmp_path / "conf", {name: data})
    assert schema_errors(folder)[name] != []
    result = invoke("check", folder)
    assert result.exit_code == 1
    assert message in result.stderr


# -- the contract, key by key -------------------------------------------------------------------

def _keys_in(value: dict, record, path: str, steps: tuple):
    """(key path as the validator writes it, steps from the file's top to the mapping, record, key) for each key."""
    for name, item in value.items():
        key = record[name]
        where = f"{path}.{name}" if path else name
        yield where, steps, record, name
        if key.type == "record":
            yield from _keys_in(item, key.records[0], where, (*steps, name))
        elif key.type == "records":
            for index, entry in enumerate(item):
                sub = next((r for r in key.records if r.tag and r.tag in entry), None) or \
                    next(r for r in key.records if not r.tag)
                yield from _keys_in(entry, sub, f"{where}[{index}]", (*steps, name, index))


def _every_key():
    """One case per key of each record kind in each file of the example."""
    for name, value in EXAMPLE.items():
        spec = file_for(name)
        entries = [(f"[{i}]", (i,), entry) for i, entry in enumerate(value)] if spec.many else [("", (), value)]
        seen = set()
        for prefix, steps, entry in entries:
            for where, holder, record, key in _keys_in(entry, spec.record, prefix, steps):
                if (record.name, key) not in seen:
                    seen.add((record.name, key))
                    yield name, where, holder, record, key


EVERY_KEY = list(_every_key())


def test_the_example_reaches_every_key_of_the_contract():
    reached = {(record.name, key) for *_, record, key in EVERY_KEY}
    declared = {(record.name, key.name) for record in contract.records() for key in record.keys}
    assert reached == declared


def test_the_example_s_night_key_says_what_its_day_is(tmp_path):
    """A review: init's example wrote `night: true` on a day with nothing after midnight (only for the key to be
    reached), which could make a new LOC think a day with a dinner needs it. It shows the key at its default: booklet reads
    the example's days the same with and without it, and none of its items is after midnight (Day.clock)."""
    folder = tmp_path / "conf"
    assert CliRunner().invoke(main, ["init", str(folder)]).exit_code == 0
    assert "    night: false " in (folder / "programme.yaml").read_text(encoding="utf-8")
    days = read_booklet(folder)[0].days
    assert [day.night for day in days] == [False, False]
    assert all(start < 24 * 60 for day in days for start, _ in day.clock().values())


def _changed(name: str, steps: tuple, change) -> object:
    """A copy of EXAMPLE[name] with change(mapping) applied to the mapping that `steps` lead to."""
    data = copy.deepcopy(EXAMPLE[name])
    holder = data
    for step in steps:
        holder = holder[step]
    change(holder)
    return data


def _errors(folder: Path) -> list[tuple[str, str]]:
    try:
        problems = read_booklet(folder)[1]
    except DataError as exc:
        problems = exc.problems
    return [(p.file, p.key) for p in problems if p.severity == "error"]


@pytest.mark.parametrize("name,where,steps,record,key", EVERY_KEY, ids=[f"{n}:{w}" for n, w, *_ in EVERY_KEY])
def test_a_wrong_type_is_rejected_by_check_and_schema_for_every_key(tmp_path, name, where, steps, record, key):
    wrong = "just text" if record[key].type in ("record", "records") else {"not": "this"}
    data = _changed(name, steps, lambda holder: holder.update({key: wrong}))
    folder = write_example(tmp_path / "conf", {name: data})
    assert (name, where) in _errors(folder)
    assert schema_errors(folder)[name] != []


RECORDS_GIVEN = sorted({(name, where.rpartition(".")[0], steps) for name, where, steps, _, _ in EVERY_KEY}, key=str)


@pytest.mark.parametrize("name,where,steps", RECORDS_GIVEN, ids=[f"{n}:{w}" for n, w, _ in RECORDS_GIVEN])
def test_an_unknown_key_is_rejected_by_check_and_schema_in_every_record(tmp_path, name, where, steps):
    data = _changed(name, steps, lambda holder: holder.update(zzz="x"))
    folder = write_example(tmp_path / "conf", {name: data})
    assert _errors(folder) == [(name, f"{where}.zzz" if where else "zzz")]
    assert schema_errors(folder)[name] != []


# (every key where a name, or what is printed beside one, is expected: contract.blank_refused)
BLANK_KEYS = [case for case in EVERY_KEY
              if case[4] in contract.NAMES.get(case[3].name, ()) + contract.DETAILS.get(case[3].name, ())]
BLANK_SAID = {"name": "must not be empty", "author": "must not be empty",  # (a poster's one author: required)
              "aliases": "is empty: write the other spellings of '", "chair": "is empty: write the chair's name",
              "affiliation": "is empty: write the affiliation", "role": "is empty: write the role",
              "country": "is empty: write the country"}


@pytest.mark.parametrize("name,where,steps,record,key", BLANK_KEYS, ids=[f"{n}:{w}" for n, w, *_ in BLANK_KEYS])
def test_a_blank_name_or_affiliation_is_rejected_by_check_and_schema_for_every_such_key(tmp_path, name, where, steps,
                                                                                          record, key):
    """`chair: ""` and `affiliation: ""` were taken as the key left out, without a word, while `aliases: ""` was an
    error at its line, and `affiliation: [""]` too; the schema took `aliases: ""` that check refused. A text of
    nothing where a name, or what is printed beside one, is expected (contract.blank_refused: NAMES and DETAILS) is
    an error at its file, line and key for check and for the schema alike, as the contract says of any form it does
    not show; `key:` alone stays the key left out, and `chair: []` no chairs."""
    folder = write_example(tmp_path / "conf", {name: _changed(name, steps, lambda holder: holder.update({key: " "}))})
    assert (name, where) in _errors(folder)
    assert schema_errors(folder)[name] != []
    result = invoke("check", folder)
    assert result.exit_code == 1 and "Traceback" not in result.output
    (line,) = [line for line in result.stderr.splitlines() if f": {where}: " in line]
    assert line.startswith(f"{name}:") and f" {where}: {BLANK_SAID[key]}" in line, line
    assert BLANK_SAID[key] == "must not be empty" or line.endswith(", or leave the key out")
    if not record[key].required and key not in record.one_of:
        data = _changed(name, steps, lambda holder: holder.update({key: None}))
        left_out = write_example(tmp_path / "left", {name: data})
        assert (name, where) not in _errors(left_out) and schema_errors(left_out)[name] == []


def test_blank_words_name_every_key_fields_says_empty_and_no_other():
    """contract.blank_refused repeated Fields.holds_name or Fields.holds_detail, and BLANK_WORDS held words for
    `aliases: ""`, which data.people says itself (with the person's name) before Fields reads it: one definition of
    which keys hold a name or what is printed beside one, and words for each key Fields says empty, none more."""
    from booklet.data.fields import Fields, Report
    from booklet.data.load import Map

    keys = {key for table in (contract.NAMES, contract.DETAILS) for keys in table.values() for key in keys}
    assert set(contract.BLANK_WORDS) == keys - {"aliases"}
    records = {case[3].name: case[3] for case in EVERY_KEY}
    assert set(contract.NAMES) | set(contract.DETAILS) <= set(records)
    for record in records.values():
        f = Fields(Report(Path(".")), Map("x.yaml", 1), "", record)
        for key in (k.name for k in record.keys):
            assert f.holds_name(key) == contract.holds_name(record.name, key)
            assert f.holds_detail(key) == contract.holds_detail(record.name, key)
            assert contract.blank_refused(record.name, key) == (f.holds_name(key) or f.holds_detail(key))


def test_a_blank_affiliation_names_its_file_and_line_and_writes_no_pdf(tmp_path):
    """`affiliation: ""` in a hand-written abstracts.yaml: build stops with the error at its line, exit 1, no PDF."""
    abstracts = BASE["abstracts.yaml"].replace("{name: Ana Smith, affiliation: Uni A}",
                                               '{name: Ana Smith, affiliation: ""}')
    programme = BASE["programme.yaml"].replace("chair: Mei Chen", 'chair: ""')
    folder = write_conference(tmp_path / "conf", {"abstracts.yaml": abstracts, "programme.yaml": programme})
    result = invoke("build", folder, "-o", tmp_path / "b.pdf")
    assert result.exit_code == 1 and "Traceback" not in result.output and not (tmp_path / "b.pdf").exists()
    assert "abstracts.yaml:3: [0].speaker.affiliation: is empty: write the affiliation, or leave the key out" \
        in result.stderr
    assert "programme.yaml:8: days[0].items[3].chair: is empty: write the chair's name, or leave the key out" \
        in result.stderr


# -- the documentation --------------------------------------------------------------------------

def test_format_documentation_lists_every_key_as_declared():
    from booklet.data.reference import BEGIN, END, markdown

    text = (ROOT / "docs" / "data-format.md").read_text(encoding="utf-8")
    assert BEGIN in text and END in text
    current = text.split(BEGIN, 1)[1].split(END, 1)[0]
    assert current.strip() == markdown().strip(), "run: python -m booklet.data.reference docs/data-format.md"


def test_format_documentation_programme_and_posters_examples_check_clean_together(tmp_path):
    """Copied into a folder, data-format.md's programme example warned that its session at 11:20 came after the 19:00
    dinner, and its posters example named a poster session the programme did not have: the examples are in time order
    and agree (abstracts and the tutorial they name are stubs here)."""
    import re

    from booklet.check import check_folder

    text = (ROOT / "docs" / "data-format.md").read_text(encoding="utf-8")
    block = {name: re.search(rf"^## {re.escape(name)}.*?```yaml\n(.*?)^```", text, re.M | re.S).group(1)
             for name in ("programme.yaml", "posters.yaml")}
    talks = sorted(set(re.findall(r"talk: ([a-z-]+)}", block["programme.yaml"])))
    abstracts = "".join(f"- {{id: {ident}, title: Talk {ident}, speaker: {{name: Person {ident.title()}}}}}\n"
                        for ident in talks)
    folder = write_conference(tmp_path / "docs", {
        "programme.yaml": block["programme.yaml"], "posters.yaml": block["posters.yaml"], "abstracts.yaml": abstracts,
        "tutorials.yaml": "- {id: bayes-intro, title: Bayesian inference, presenters: [{name: Sven Oberg}]}\n"})
    warnings = check_folder(folder)[1]  # (DataError when it has errors)
    assert len(talks) == 5
    assert [str(p) for p in warnings if p.kind in ("order", "poster-session", "never-scheduled")] == []


# -- the package ----------------------------------------------------------------------------

def test_version_and_python_dash_m():
    import subprocess
    import sys
    from importlib.metadata import version

    out = subprocess.run([sys.executable, "-m", "booklet", "--version"], capture_output=True, text=True, check=True)
    assert out.stdout == f"booklet, version {version('booklet')}\n"


def test_files_read_at_run_time_are_package_data():
    import booklet
    from booklet.start.folder import SAMPLE
    from booklet.text import fonts

    package = Path(booklet.__file__).resolve().parent
    for folder in (fonts.FONT_DIR, SAMPLE):
        assert folder.resolve().is_relative_to(package)
    for family in fonts.BUNDLED.values():
        for _, path in family.faces():
            assert path.is_file() and path.parent == fonts.FONT_DIR, path
    from booklet.data.contract import THEMES
    from booklet.data.theme import THEME_DIR

    assert THEME_DIR.resolve().is_relative_to(package)
    assert sorted(p.stem for p in THEME_DIR.glob("*.yaml")) == sorted(THEMES)
    assert sorted(p.name for p in fonts.FONT_DIR.glob("OFL-*.txt")) == ["OFL-GentiumBookPlus.txt", "OFL-Noto.txt"]
    assert (DATA.resolve() == SAMPLE.resolve())


def test_init_beside_a_participants_csv_writes_no_participants_yaml_and_builds(tmp_path):
    folder = tmp_path / "conf"
    folder.mkdir()
    (folder / "participants.csv").write_text("name,affiliation,country,email\nAnn Smith,Uni A,Sweden,a@x.org\n")
    result = invoke("init", folder)
    assert result.exit_code == 0, result.output
    assert not (folder / "participants.yaml").exists()
    assert invoke("build", folder, "-o", tmp_path / "b.pdf").exit_code == 0


def test_init_beside_a_file_that_stands_for_a_data_file_keeps_it_and_writes_none_beside_it(tmp_path):
    """Fuzzing: `booklet init` in a folder holding the user's Programme.yml (or abstracts/x.yml, participants.xlsx)
    wrote programme.yaml beside it, without --force and without a word: alone, Programme.yml is an error saying to
    rename it; beside the example's programme.yaml, a warning, and the booklet built with the example's programme in
    place of theirs."""
    folder = tmp_path / "conf"
    (folder / "abstracts").mkdir(parents=True)
    (folder / "Programme.yml").write_text("days: []\n")
    (folder / "abstracts" / "brandt.yml").write_text("id: brandt\n")
    (folder / "participants.xlsx").write_bytes(b"PK\x03\x04 a workbook")
    result = invoke("init", folder, "--sample")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        f"programme.yaml not written: {folder / 'Programme.yml'} is there, which booklet reads once it is renamed "
        "programme.yaml.\n"
        f"abstracts/brandt.yaml not written: {folder / 'abstracts/brandt.yml'} is there, which booklet reads once "
        "it is renamed abstracts/brandt.yaml.\n"
        f"participants.yaml not written: {folder / 'participants.xlsx'} is there, which booklet reads once it is "
        f"saved as CSV (UTF-8) under the name participants.csv.\nWrote the sample conference to {folder} (39 files). "
        "Next:\n")
    assert not any((folder / name).exists() for name in ("programme.yaml", "abstracts/brandt.yaml",
                                                          "participants.yaml"))
    assert (folder / "Programme.yml").read_text() == "days: []\n"
    checked = invoke("check", folder)
    assert checked.exit_code == 1
    assert ("Programme.yml:1: booklet reads programme.yaml, not Programme.yml: rename the file (as it is, it is left "
            "out)\n") in checked.output


def test_a_failed_init_leaves_no_folder_it_made(tmp_path):
    folder = tmp_path / "conf"
    folder.mkdir()
    (folder / "schema").write_text("a file where init puts a folder\n")
    result = invoke("init", folder)
    assert result.exit_code == 1 and "nothing was written" in result.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["schema"]


@pytest.mark.parametrize("command", [["proofs", "DATA", "--out", ""], ["build", "DATA", "-o", ""],
                                     ["preview", "DATA", "--out", ""], ["init", ""]])
def test_an_empty_name_for_a_file_or_folder_is_refused(tmp_path, monkeypatch, command):
    """`proofs --out ""` wrote every proof and its manifest into the current folder."""
    monkeypatch.chdir(tmp_path)
    data = Path(__file__).resolve().parent.parent / "data"
    result = invoke(*[str(data) if part == "DATA" else part for part in command])
    assert result.exit_code == 2
    assert "an empty name is no file or folder" in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", [["build"], ["check"], ["preview"], ["watch"], ["proof", "x"]])
def test_a_data_file_given_for_the_data_folder_names_the_folder(tmp_path, monkeypatch, command):
    """A LOC's walk: `booklet build my-conference/conference.yaml` was told click's "Directory ... is a file."."""
    monkeypatch.chdir(tmp_path)
    write_conference(tmp_path / "my-conference")
    result = invoke(*command, "my-conference/conference.yaml")
    assert result.exit_code == 2
    assert ("'my-conference/conference.yaml' is a file; give the data folder, the one that holds conference.yaml: "
            "my-conference\n") in result.stderr
    (tmp_path / "notes.txt").write_text("not data\n")
    result = invoke(*command, "notes.txt")
    assert result.exit_code == 2
    assert "'notes.txt' is a file; give the data folder, the one that holds conference.yaml\n" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["my-conference", "notes.txt"]


@pytest.mark.parametrize("command, example", [(["build", "DATA", "-o", "print/"], "print/booklet.pdf"),
                                              (["impose", "PDF", "-o", "print/"], "print/spreads.pdf"),
                                              (["proof", "brandt", "DATA", "-o", "print/"], "print/proof.pdf")])
def test_a_file_name_that_ends_in_a_slash_is_refused(tmp_path, monkeypatch, command, example):
    """Fuzzing: `build -o print/` (a folder meant) wrote the booklet as a file named "print"."""
    monkeypatch.chdir(tmp_path)
    data = Path(__file__).resolve().parent.parent / "data"
    given = {"DATA": str(data), "PDF": str(data / "images" / "map.pdf")}
    result = invoke(*[given.get(part, part) for part in command])
    assert result.exit_code == 2
    assert result.stderr.endswith("Error: Invalid value for '-o' / '--output': 'print/' names a folder (it ends in "
                                  f"'/'), and this is a file; give its name, like: {example}\n")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command, example", [(["build", "DATA", "-o", "-"], "booklet.pdf"),
                                              (["impose", "PDF", "-o", "-"], "spreads.pdf"),
                                              (["proof", "brandt", "DATA", "-o", "-"], "proof.pdf"),
                                              (["proofs", "DATA", "--out", "-"], "")])
def test_a_dash_for_an_output_is_refused(tmp_path, monkeypatch, command, example):
    """`build -o -` (standard output, as other tools read it) wrote the booklet as a file named "-"; booklet writes no
    output to standard output (a file, replaced only when complete)."""
    monkeypatch.chdir(tmp_path)
    data = Path(__file__).resolve().parent.parent / "data"
    given = {"DATA": str(data), "PDF": str(data / "images" / "map.pdf")}
    result = invoke(*[given.get(part, part) for part in command])
    assert result.exit_code == 2
    assert ("'-' is standard output, which booklet writes no output to; give a "
            + (f"file's name, like: {example}\n" if example else "folder's name\n")) in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command, said", [
    (["init", "notes.txt"], "'FOLDER': 'notes.txt' is a file, and this is a folder; give a folder's name"),
    (["proofs", "DATA", "--out", "notes.txt"], "'--out': 'notes.txt' is a file, and this is a folder; give a folder's "
                                               "name"),
    (["schema", "-o", "notes.txt"], "'-o' / '--out': 'notes.txt' is a file, and this is a folder; give a folder's "
                                    "name"),
    (["build", "DATA", "-o", "print"], "'-o' / '--output': 'print' is a folder, and this is a file; give its name, "
                                       "like: print/booklet.pdf"),
    (["impose", "PDF", "-o", "print"], "'-o' / '--output': 'print' is a folder, and this is a file; give its name, "
                                       "like: print/spreads.pdf"),
    (["import", "PDF", "--out", "new", "--timetable", "print"], "'--timetable': 'print' is a folder, and this is a "
                                                                 "file; give the file"),
])
def test_a_file_given_for_a_folder_or_a_folder_for_a_file_says_which_is_which(tmp_path, monkeypatch, command, said):
    """Hostile arguments: click's own words were "Directory 'notes.txt' is a file." and "File 'print' is a
    directory."; now what was given, what is wanted, and (for an output) a name that would do. Nothing is written."""
    monkeypatch.chdir(tmp_path)
    data = Path(__file__).resolve().parent.parent / "data"
    (tmp_path / "notes.txt").write_text("not a folder\n")
    (tmp_path / "print").mkdir()
    given = {"DATA": str(data), "PDF": str(data / "images" / "map.pdf")}
    result = invoke(*[given.get(part, part) for part in command])
    assert result.exit_code == 2
    assert result.stderr.endswith(f"\n\nError: Invalid value for {said}\n")
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["notes.txt", "print"]


@pytest.mark.parametrize("command, output, other", [
    (["build", "DATA", "-o", "abstracts.csv"], "abstracts.csv", "abstracts.pdf"),
    (["watch", "DATA", "-o", "abstracts.csv"], "abstracts.csv", "abstracts.pdf"),
    (["impose", "PDF", "--sheet", "A3", "-o", "notes.pdf"], "notes.pdf", "spreads.pdf"),
    (["proof", "brandt", "DATA", "-o", "abstracts.csv"], "abstracts.csv", "abstracts.pdf"),
])
def test_an_output_that_would_replace_a_file_other_than_a_pdf_is_refused(tmp_path, monkeypatch, command, output, other):
    """A LOC's walk: `booklet build my-conference -o abstracts.csv` (a slip of the shell's completion) replaced the
    spreadsheet the programme was imported from with the booklet. A file that is there and is no PDF is now refused,
    as an output that is an input is, with a name that would do; an empty file or an earlier PDF is replaced as
    before (below)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "abstracts.csv").write_text("Title,Authors\nA talk,Ana Smith\n")
    (tmp_path / "notes.pdf").write_text("my notes\n")
    data = write_conference(tmp_path / "conf")
    given = {"DATA": str(data), "PDF": str(Path(__file__).resolve().parent.parent / "data" / "images" / "map.pdf"),
             "brandt": "lund-2026"}
    result = invoke(*[given.get(part, part) for part in command])
    shutil.rmtree(data)
    assert result.exit_code == 1
    assert result.stderr.endswith(f"booklet: will not write {output}: it is a file, and not a PDF, which booklet would "
                                  f"replace; give another name, like: {other}; nothing was written.\n")
    assert (tmp_path / "abstracts.csv").read_text() == "Title,Authors\nA talk,Ana Smith\n"
    assert (tmp_path / "notes.pdf").read_text() == "my notes\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["abstracts.csv", "notes.pdf"]


def test_an_output_that_is_an_empty_file_or_a_pdf_is_replaced(tmp_path, monkeypatch):
    """The other side of the refusal above: an empty file (`touch booklet.pdf`) and a PDF are outputs to replace."""
    monkeypatch.chdir(tmp_path)
    data = Path(__file__).resolve().parent.parent / "data"
    (tmp_path / "empty.pdf").write_bytes(b"")
    (tmp_path / "old.pdf").write_bytes((data / "images" / "map.pdf").read_bytes())
    for name in ("empty.pdf", "old.pdf"):
        result = invoke("impose", str(data / "images" / "map.pdf"), "--sheet", "A3", "-o", name)
        assert result.exit_code == 0, result.stderr
        assert (tmp_path / name).read_bytes().startswith(b"%PDF-")


def test_a_command_stopped_by_ctrl_c_says_so_with_the_shells_status(tmp_path, monkeypatch):
    """A LOC's walk: Ctrl-C in the middle of a command printed Click's "Aborted!" and exit status 1, bad input's (the
    data is not at fault); now what happened and what it leaves, exit status 130 as a shell gives a command Ctrl-C
    stopped."""
    import booklet.check

    def stopped(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(booklet.check, "check_folder", stopped)
    result = invoke("check", write_conference(tmp_path / "conf"))
    assert result.exit_code == 130
    assert result.stderr == "booklet: stopped (Ctrl-C) before it was done; no file was left half-written.\n"
    assert result.stdout == ""


@pytest.mark.parametrize("command, output", [
    (["build", "DATA", "-o", "notes.txt/booklet.pdf"], "notes.txt/booklet.pdf"),
    (["proofs", "DATA", "--out", "notes.txt/proofs"], "notes.txt/proofs"),
    (["init", "notes.txt/conf"], "notes.txt/conf"),
    (["schema", "-o", "notes.txt/schema/deeper"], "notes.txt/schema/deeper"),
    (["impose", "PDF", "--sheet", "A3", "-o", "notes.txt/spreads.pdf"], "notes.txt/spreads.pdf"),
])
def test_an_output_inside_a_file_names_the_file_in_the_way(tmp_path, monkeypatch, command, output):
    """Hostile arguments: an output in a folder that is a file was told in the system's words ("cannot write
    notes.txt/x.pdf: Not a directory"); import's --out named the file in the way: now every output does, as it."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.txt").write_text("mine\n")
    data = Path(__file__).resolve().parent.parent / "data"
    given = {"DATA": str(data), "PDF": str(data / "images" / "map.pdf")}
    result = invoke(*[given.get(part, part) for part in command])
    assert result.exit_code == 1
    assert result.stderr.endswith(f"booklet: cannot write {output}: notes.txt is a file, not a folder; nothing was "
                                  "written.\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
    assert (tmp_path / "notes.txt").read_text() == "mine\n"


@pytest.mark.parametrize("command, said", [
    (["import", "nothere.json", "--out", "new"], "nothere.json: no such file or folder"),
    (["import", "broken.json", "--out", "new"], "broken.json: a symbolic link to 'gone.json', which does not exist"),
    (["import", "PDF", "--out", "new", "--timetable", "nothere.csv"], "--timetable nothere.csv: no such file"),
])
def test_an_input_the_command_line_names_that_is_not_there_is_bad_input(tmp_path, monkeypatch, command, said):
    """Hostile arguments: import's SOURCE and --timetable that are not there were click's words ("Path 'nothere.json'
    does not exist.") and exit status 2, a usage error's, where every other command's missing input (`impose x.pdf`,
    `build x`) is bad input, said as booklet says it: exit status 1, nothing written."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "broken.json").symlink_to("gone.json")
    pdf = Path(__file__).resolve().parent.parent / "data" / "images" / "map.pdf"
    result = invoke(*[str(pdf) if part == "PDF" else part for part in command])
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == f"booklet: {said}; nothing was written.\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.json"]


def test_the_schema_refuses_a_theme_with_no_section_or_one_twice():
    check = validator("theme.yaml")
    for given, message in (([], "[] should be non-empty"),
                           (["index", "index"], "['index', 'index'] has non-unique elements")):
        error = jsonschema.exceptions.best_match(check.iter_errors({"sections": given}))
        assert (error.message, list(error.absolute_path)) == (message, ["sections"])
    assert not list(check.iter_errors({"sections": ["programme", "index"]}))


@pytest.mark.parametrize("command", ["build", "watch", "proof", "impose"])
def test_the_help_of_each_command_that_refuses_a_file_not_a_pdf_says_so(command):
    """c018d165 refused an output that is a file and not a PDF in four commands; build's and impose's -o help said so,
    proof's and watch's not."""
    result = invoke(command, "--help")
    assert result.exit_code == 0
    assert "a file there that is not a PDF is refused" in " ".join(result.stdout.split())
