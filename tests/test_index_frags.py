"""The index entries' fragments made without parsing (layout.index.EntryFrags) against ReportLab's parse of
the entries' markup, and whole PDFs built with them against PDFs built by parsing every entry."""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path

import pytest
from reportlab.lib.styles import ParagraphStyle

from booklet.build import build_booklet
from booklet.layout import index
from booklet.model import Identity
from booklet.text.fonts import SANS, use_fonts
from booklet.text.paragraph import MathParagraph

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


def _bench_module(name: str):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _shape(frags) -> list:
    """Each fragment's class and attributes, and which fragments share each list (as identity classes)."""
    seen: dict[int, int] = {}
    out = []
    for frag in frags:
        values = {}
        for name, value in sorted(vars(frag).items()):
            values[name] = (value, seen.setdefault(id(value), len(seen))) if isinstance(value, list) else value
        out.append((type(frag), values))
    return out


NAMES = ["Smagt, Patrick van der", "Σ☉ Lee", "Ñúñez 𝔄", "Smith & <b>Jones</b>", "Ærøskøbing, Þóra ☉",
         "Ивáнова, Мария", "Παπαδόπουλος, Νίκος", "O'Brien-Ó Súilleabháin", "A  B\tC", "☉", "x 𝔄☉"]


@pytest.mark.parametrize("bold_style", [False, True])
def test_entry_fragments_are_the_ones_parsing_gives(bold_style):
    use_fonts()
    found, _ = _bench_module("people").people(300, seed=3, variants=0.0)
    names = NAMES + [name for name, *_ in found]
    style = ParagraphStyle("entry", fontName=SANS + ("-Bold" if bold_style else ""), fontSize=8.5, leading=10)
    maker = index.EntryFrags(style)
    rng = random.Random(1)
    made = 0
    for number, name in enumerate(names):
        identity = Identity(name=name, family=None)
        pages = {page: rng.random() < 0.3 for page in rng.sample(range(1, 400), rng.randint(1, 9))}
        key = f"p{number}"
        frags = maker.frags(identity, key, pages)
        markup_text = index.entry_markup(identity, key, pages)
        parsed = MathParagraph(markup_text, style)
        if frags is None:
            assert "<font" in markup_text  # only names with fallback glyphs are parsed
            continue
        made += 1
        assert _shape(frags) == _shape(parsed.frags), markup_text
    assert made == len(names) - 5


def _built(folder, out, monkeypatch, fast: bool, size=None) -> bytes:
    if not fast:
        monkeypatch.setattr(index.EntryFrags, "frags", lambda self, *entry: None)
    build_booklet(folder, out, size)
    monkeypatch.undo()
    return out.read_bytes()


def test_the_pdf_is_the_same_byte_for_byte_as_when_every_entry_is_parsed(tmp_path, monkeypatch, size=None):
    monkeypatch.setenv("BOOKLET_CACHE", "off")  # the entries are made without parsing in a build that keeps none
    calls = []
    original = index.EntryFrags.frags
    monkeypatch.setattr(index.EntryFrags, "frags", lambda self, *entry: calls.append(1) or original(self, *entry))
    fast = _built(DATA, tmp_path / "fast.pdf", monkeypatch, True, size)
    assert calls  # the entries were made without parsing
    monkeypatch.setenv("BOOKLET_CACHE", "off")
    assert _built(DATA, tmp_path / "parsed.pdf", monkeypatch, False, size) == fast


def test_a_generated_conference_in_a4_is_the_same_byte_for_byte(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    _bench_module("generate").generate(folder, talks=20, posters=60, seed=2)
    monkeypatch.setenv("BOOKLET_CACHE", "off")
    fast = _built(folder, tmp_path / "fast.pdf", monkeypatch, True, "A4")
    monkeypatch.setenv("BOOKLET_CACHE", "off")
    assert _built(folder, tmp_path / "parsed.pdf", monkeypatch, False, "A4") == fast


def test_a_cache_that_keeps_layouts_keeps_the_entries_made_unparsed_as_their_parse(tmp_path, monkeypatch):
    from booklet.cache.memory import BuildCache
    from booklet.layout.flowables import Para

    monkeypatch.setenv("BOOKLET_CACHE", "off")
    parsed = _built(DATA, tmp_path / "parsed.pdf", monkeypatch, False)  # every entry parsed, nothing kept
    shapes = []
    original = Para.parsed.__func__

    def recording(cls, text, style, make):
        def made():
            frags = make()
            if frags is not None:  # as made, before wrapping changes them; and as the parser makes them
                shapes.append((_shape(frags), _shape(MathParagraph(text, style).frags), text))
            return frags
        return original(cls, text, style, made)

    monkeypatch.setattr(Para, "parsed", classmethod(recording))
    cache = BuildCache()  # keeps layouts, as a watch's or the disk cache's
    build_booklet(DATA, tmp_path / "first.pdf", cache=cache)
    assert len(shapes) > 50 and all(mine == theirs for mine, theirs, _ in shapes)
    assert (tmp_path / "first.pdf").read_bytes() == parsed
    kept = [key for key in cache._sections["layouts"] if key[0] == "parsed"]
    shapes.clear()
    build_booklet(DATA, tmp_path / "second.pdf", cache=cache)  # the kept parses serve: nothing made
    assert shapes == [] and kept
    assert (tmp_path / "second.pdf").read_bytes() == parsed
