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
    assert cache.made == {"items": 1}
    assert [a is b for a, b in zip(first, second)] == [True, True, False, True]
    with cache.build():  # a line more in item 1: the items after it are read again (their lines changed)
        third = load._parse_yaml(PLAIN.replace("Text 1.", "Text 1.\n\n    More."), "abstracts.yaml", [])
    assert cache.made == {"items": 3} and third[0] is first[0]
    assert third.lines == [3 + 5 * n + (n > 1) * 2 for n in range(4)] == load._parse_whole(
        PLAIN.replace("Text 1.", "Text 1.\n\n    More."), "x", []).lines
