"""A warm build reads and checks only what changed in the data (booklet.data.load's items of a top-level list,
booklet.data.validate's entries): what it reports and builds is exactly what a cold build reports and builds."""

from __future__ import annotations

import pytest

from booklet.cache import BuildCache
from booklet.data import load
from booklet.data.load import BAD, Map, Seq

ITEM = "- id: a{n}\n  title: Talk {n}\n  speaker: {{name: Ann {n}}}\n  abstract: |\n    Text {n}.\n"
PLAIN = "# a comment\n\n" + "".join(ITEM.format(n=n) for n in range(4))

TRICKY = {
    "plain": PLAIN,
    "duplicate key and lost value": PLAIN + "- id: b\n  id: c\n  title: #Hash\n  kind: &x\n",
    "bad scalar and tag": PLAIN + "- id: !!int x\n  title: !Important news\n",
    "alias inside an item": PLAIN + "- &p {name: P}\n- id: q\n  speaker: &s {name: S}\n  chair: *s\n",
    "alias across items": "- &p {name: P}\n" + PLAIN + "- *p\n",
    "merge key": "- &d {kind: talk}\n- <<: *d\n  id: m\n" + PLAIN,
    "dash alone": "-\n  id: x\n  title: y\n" + PLAIN + "-\n- 3\n",
    "quote over a dash line": PLAIN + "- title: \"one\n- two\"\n" + PLAIN,
    "flow over a dash line": PLAIN + "- [a,\n- b]\n",
    "indented header": "  x: 1\n" + PLAIN,
    "document marker": PLAIN + "---\n" + PLAIN,
    "directive": "%YAML 1.1\n---\n" + PLAIN,
    "syntax error in an item": PLAIN + "- id: [unclosed\n" + PLAIN,
    "tab": PLAIN.replace("  title: Talk 1", "\ttitle: Talk 1"),
    "crlf": PLAIN.replace("\n", "\r\n"),
    "column one text": PLAIN + "title: x\n",
    "nbsp in column one": PLAIN + "\u00a0- x\n",
    "flow list": "[" + ", ".join(f"{{id: a{n}}}" for n in range(4)) + "]\n",
    "deep": PLAIN + "- " + "[" * 45 + "]" * 45 + "\n",
    "comment in column one inside": PLAIN.replace("  title: Talk 2\n", "# note\n  title: Talk 2\n"),
    "block scalar with a dash": PLAIN + "- abstract: |\n    - not an item\n\n    x\n" + PLAIN,
    "mapping": "a: 1\n- b\n",
    # a character YAML refuses in the comments before the first item, which no item's parse reads: an error to a
    # cold read, and it was none to a warm one (check failed, build wrote the booklet)
    "nul in the header's comment": PLAIN.replace("# a comment", "# a com\x00ment"),
    "control character in the header's comment": PLAIN.replace("# a comment", "# a com\x07ment"),
}


def _same(a, b, where="$"):
    assert type(a) is type(b), where
    if isinstance(a, (Map, Seq)):
        assert (a.file, a.line, a.lines, a.raw) == (b.file, b.line, b.lines, b.raw), where
        keys = list(a) if isinstance(a, Map) else range(len(a))
        assert keys == (list(b) if isinstance(b, Map) else range(len(b))), where
        for key in keys:
            _same(a[key], b[key], f"{where}/{key}")
    else:
        assert a == b or (a is BAD and b is BAD), where


@pytest.mark.parametrize("name", sorted(TRICKY))
def test_a_list_read_item_by_item_is_the_list_read_whole(name):
    text = TRICKY[name]
    whole_problems, warm_problems = [], []
    whole = load._parse_whole(text, "abstracts.yaml", whole_problems)
    cache = BuildCache()
    for edit in (text, text.replace("Talk 3", "Talk three"), text):  # read, one item edited, back again
        whole_problems, warm_problems = [], []
        whole = load._parse_whole(edit, "abstracts.yaml", whole_problems)
        with cache.build():
            warm = load._parse_yaml(edit, "abstracts.yaml", warm_problems)
        _same(whole, warm)
        assert warm_problems == whole_problems


def test_only_the_items_an_edit_changed_are_read_again():
    cache = BuildCache()
    with cache.build():
        first = load._parse_yaml(PLAIN, "abstracts.yaml", [])
    with cache.build():
        second = load._parse_yaml(PLAIN.replace("Text 2.", "Text two."), "abstracts.yaml", [])
    assert cache.made == {"files": 1}  # (the items are kept with the data files, as the disk cache keeps them)
    assert [a is b for a, b in zip(first, second)] == [True, True, False, True]
    assert [item.kept[:4] for item in second] == [("abstracts.yaml", "item", 2 + 5 * n, n) for n in range(4)]
    with cache.build():  # a line more in item 1: the items after it are read again (their lines changed)
        third = load._parse_yaml(PLAIN.replace("Text 1.", "Text 1.\n\n    More."), "abstracts.yaml", [])
    assert cache.made == {"files": 3} and third[0] is first[0]
    assert third.lines == [3 + 5 * n + (n > 1) * 2 for n in range(4)] == load._parse_whole(
        PLAIN.replace("Text 1.", "Text 1.\n\n    More."), "x", []).lines


# -- a warm check reports exactly what a cold one does ----------------------------------------------------------

import io  # noqa: E402
from pathlib import Path  # noqa: E402

from PIL import Image  # noqa: E402

from booklet.check import check_folder  # noqa: E402
from booklet.problems import DataError  # noqa: E402

from .helpers import BASE, write_conference  # noqa: E402


def _photo() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (600, 750), (90, 120, 200)).save(buffer, "JPEG")
    return buffer.getvalue()


def _checked(folder: Path, cache: BuildCache | None):
    """What `booklet check` reports (every problem, with its file, line, key and message), and the model."""
    def run():
        try:
            booklet, warnings = check_folder(folder)
        except DataError as exc:
            return None, exc.problems
        return repr(booklet), warnings

    if cache is None:
        return run()
    with cache.build():
        return run()


ABSTRACTS = BASE["abstracts.yaml"].replace("affiliation: Uni A}", "affiliation: Uni A, photo: images/ana.jpg}")
POSTERS = "".join(f"- number: {n}\n  author: Zoe Papadopoulou {n}\n  title: Poster {n}\n" for n in range(1, 6))

EDITS = [  # (what changed, the files written anew): each applied to the folder as the previous edit left it
    ("one abstract's text", {"abstracts.yaml": ABSTRACTS.replace("More text.", "More text, edited.")}),
    ("a talk the programme names removed", {"abstracts.yaml": ABSTRACTS.split("- id: okafor")[0]}),
    ("put back", {"abstracts.yaml": ABSTRACTS}),
    ("an unknown key and an unprintable character",
     {"abstracts.yaml": ABSTRACTS.replace("abstract: More text.", "abstrct: x\n  title2: \u0378")}),
    ("math that booklet does not know, lines added before it",
     {"abstracts.yaml": ABSTRACTS.replace("abstract: Some text.", "abstract: |\n    A\n\n    B\n")
      .replace("More text.", "More $\\foo{x}$ text.")}),
    ("the photo is not an image", {"images/ana.jpg": b"not a jpeg"}),
    ("the photo is back", {"images/ana.jpg": _photo()}),
    ("a character only a fallback font has", {"abstracts.yaml": ABSTRACTS.replace("More text.", "More \u2654.")}),
    ("that fallback font left out", {"theme.yaml": "fonts: {fallback: [Noto Sans Math]}\n"}),
    ("the fonts back", {"theme.yaml": "base: classic\n"}),
    ("a poster number twice", {"posters.yaml": POSTERS.replace("number: 4", "number: 2")}),
    ("a name written two ways", {"posters.yaml": POSTERS.replace("Zoe Papadopoulou 3", "Smith, Ana")}),
    ("posters put right", {"posters.yaml": POSTERS}),
    ("a poster that is not a mapping", {"posters.yaml": POSTERS + "- just text\n"}),
    ("a speaker that is a list", {"abstracts.yaml": ABSTRACTS.replace("speaker: {name: Ana Smith, affiliation: "
                                                                       "Uni A, photo: images/ana.jpg}",
                                                                       "speaker: [Ana]")}),
    ("an abstract's id given twice", {"abstracts.yaml": ABSTRACTS + ABSTRACTS.split("- id: okafor")[0]}),
    ("all put right", {"abstracts.yaml": ABSTRACTS, "posters.yaml": POSTERS}),
]


def test_a_warm_check_after_each_edit_reports_exactly_what_a_cold_check_reports(tmp_path):
    folder = write_conference(tmp_path / "data", {"abstracts.yaml": ABSTRACTS, "posters.yaml": POSTERS,
                                                  "images/ana.jpg": _photo()})
    cache = BuildCache()
    first = _checked(folder, cache)
    assert first == _checked(folder, None) and first[0] is not None
    seen, reported = set(), {}
    for what, files in EDITS:
        write_conference(folder, {**{"abstracts.yaml": None, "posters.yaml": None, "tutorials.yaml": None,
                                     "programme.yaml": None, "conference.yaml": None}, **files})
        cold, warm = _checked(folder, None), _checked(folder, cache)
        assert warm == cold, what
        reported[what] = " | ".join(str(p) for p in cold[1])
        seen.add(cold[0] is None)
        assert cold == _checked(folder, cache), what  # and again, everything found in the cache
    assert seen == {True, False}
    assert reported["a talk the programme names removed"] == (
        "programme.yaml:10: days[0].items[3].items[0].talk: no abstract with id 'okafor'")
    assert reported["put back"] == ""
    assert "abstracts.yaml:14: [1].abstract: warning: unknown LaTeX macro" in reported[
        "math that booklet does not know, lines added before it"]
    assert "'images/ana.jpg': not an image booklet can read" in reported["the photo is not an image"]
    assert "cannot print '\u2654'" in reported["that fallback font left out"]
    assert "\u2654" not in reported["a character only a fallback font has"] + reported["the fonts back"]
    assert "posters.yaml:10: [3].number: warning: poster number 2" in reported["a poster number twice"]
    assert "'Smith, Ana'" in reported["a name written two ways"]


def test_a_warm_check_checks_again_only_the_entries_an_edit_changed(tmp_path):
    folder = write_conference(tmp_path / "data", {"abstracts.yaml": ABSTRACTS, "posters.yaml": POSTERS,
                                                  "images/ana.jpg": _photo()})
    cache = BuildCache()
    _checked(folder, cache)
    (folder / "abstracts.yaml").write_text(ABSTRACTS.replace("More text.", "Other text."), encoding="utf-8")
    booklet, _ = _checked(folder, cache)
    assert "Other text." in booklet and cache.made == {"files": 3}  # the file, the item, its entry
    (folder / "images" / "ana.jpg").write_bytes(b"broken")  # the unchanged entry names it: checked again
    booklet, problems = _checked(folder, cache)
    assert booklet is None and [str(p).split(" (")[0] for p in problems] == [
        "abstracts.yaml:3: [0].speaker.photo: 'images/ana.jpg': not an image booklet can read"
    ]


# -- a new process after an edit: what the disk cache kept of the last one's ------------------------------------

from booklet.cache import persisted  # noqa: E402
from booklet.data import validate  # noqa: E402


def _checked_anew(folder: Path):
    """What `booklet check` reports in a new process (a cache of its own, filled from the disk cache's files, as
    `booklet build`'s and `booklet proofs`' are: persisted.for_build), and what it made, by section."""
    cache = persisted.PersistedCache(folder)
    return _checked(folder, cache), dict(cache.made)


def test_a_new_process_after_each_edit_reports_exactly_what_a_cold_check_reports(tmp_path, monkeypatch):
    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    folder = write_conference(tmp_path / "data", {"abstracts.yaml": ABSTRACTS, "posters.yaml": POSTERS,
                                                  "images/ana.jpg": _photo()})
    assert _checked_anew(folder)[0] == _checked(folder, None)
    for what, files in EDITS:
        write_conference(folder, {**{"abstracts.yaml": None, "posters.yaml": None, "tutorials.yaml": None,
                                     "programme.yaml": None, "conference.yaml": None}, **files})
        cold = _checked(folder, None)
        assert _checked_anew(folder)[0] == cold, what
        assert _checked_anew(folder)[0] == cold, what  # and again, every item and entry found on disk


def test_a_new_process_reads_and_checks_again_only_the_abstract_an_edit_changed(tmp_path, monkeypatch):
    """One abstract corrected: the next `booklet build` or `booklet proofs` (a new process) takes the others from the
    disk cache as read and checked by the build before, as a watch takes them from its memory (500 talks: ~0.2 s of
    CPU less); an edit that adds lines reads again the items after it, whose lines it moved, and their warnings are
    at their lines now."""
    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    talks = BASE["abstracts.yaml"] + "".join(
        f"- id: t{n}\n  title: Talk {n}\n  speaker: {{name: Ann Lee{n}}}\n  abstract: Text {n}.\n" for n in range(2, 6))
    folder = write_conference(tmp_path / "data", {"abstracts.yaml": talks, "posters.yaml": POSTERS})
    parsed, checked = [], []
    parse, read = load._parse_item, validate._read_abstract
    monkeypatch.setattr(load, "_parse_item", lambda line, chunk, index, display, *args: (
        display == "abstracts.yaml" and parsed.append(index)) or parse(line, chunk, index, display, *args))
    monkeypatch.setattr(validate, "_read_abstract", lambda report, item, path: checked.append(path) or read(
        report, item, path))
    _checked_anew(folder)
    assert parsed == list(range(6)) and checked == [f"[{n}]" for n in range(6)]

    def edited(old: str, new: str):
        (folder / "abstracts.yaml").write_text(talks := (folder / "abstracts.yaml").read_text().replace(old, new))
        parsed.clear(), checked.clear()
        (model, problems), _ = _checked_anew(folder)
        done = parsed[:], checked[:]
        assert (model, problems) == _checked(folder, None)  # (a cold check: every talk read and checked)
        parsed[:], checked[:] = done
        return problems, talks

    edited("Text 3.", "Text three.")
    assert (parsed, checked) == ([3], ["[3]"])
    # lines more in the first talk: every talk read again, at its lines now
    edited("abstract: Some text.", "abstract: |\n    Some text.\n\n    More.")
    assert (parsed, checked) == ([0, 1, 2, 3, 4, 5], ["[0]", "[1]", "[2]", "[3]", "[4]", "[5]"])
    problems, talks = edited("Talk 4", "Talk 4 \u0378")  # a character no font prints: warned of at its line
    assert (parsed, checked) == ([4], ["[4]"])
    line = talks[:talks.index("Talk 4")].count("\n") + 1
    assert line == 23 and [(p.file, p.line, p.key) for p in problems if p.kind == "glyph"] == [
        ("abstracts.yaml", line, "[4].title")]


def test_the_disk_cache_keeps_the_data_files_as_the_last_build_read_them_alone(tmp_path, monkeypatch):
    """A build writes the data files it read before its layout (persisted._files_out): those it read, not what else
    the disk cache held of the build before (the file as it was before the edit, its items and entries). Before, each
    edit's abstracts.yaml stayed on: at 500 talks the file grew by the abstracts at every edit."""
    from booklet.build import build_booklet

    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    folder = write_conference(tmp_path / "data", {"abstracts.yaml": ABSTRACTS, "images/ana.jpg": _photo()})
    for edit in ("first", "second", "third"):
        (folder / "abstracts.yaml").write_text(ABSTRACTS.replace("More text.", f"The {edit} text."), encoding="utf-8")
        build_booklet(folder, tmp_path / "booklet.pdf", jobs=1)
    cache = persisted.PersistedCache(folder)
    kept = cache._read("files", cache._kept_file("files"), "files")[0]
    kinds = [key[1] if key[1] in ("item", "entry") else "file" for key in kept if key[0] == "abstracts.yaml"]
    assert sorted(kinds) == ["entry", "entry", "file", "item", "item"]
    item = next(value[0] for key, value in kept.items() if key[:4] == ("abstracts.yaml", "item", 4, 1))
    assert item["abstract"] == "The third text."
