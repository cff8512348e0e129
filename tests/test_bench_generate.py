"""The benchmark's conference generator (bench/generate.py) writes data that booklet accepts."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from booklet.model import Parallel
from booklet.data.validate import read_booklet

ROOT = Path(__file__).resolve().parent.parent


def _generate_module():
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_small_generated_conference_validates_with_expected_counts(tmp_path):
    generate = _generate_module().generate
    summary = generate(tmp_path / "a", talks=30, posters=40, seed=0)

    booklet, warnings = read_booklet(tmp_path / "a")  # raises DataError on any error

    assert warnings == []
    assert len(booklet.abstracts) == 30
    assert len(booklet.posters) == 40
    assert len(booklet.days) == summary["days"] == 5
    scheduled = [item.abstract.id for day in booklet.days for item in day.items() if item.abstract]
    assert sorted(scheduled) == sorted(a.id for a in booklet.abstracts)  # every talk once
    for day in booklet.days:  # parallel sessions (two tracks or more) every day
        assert any(isinstance(e, Parallel) and len(e.sessions) >= 2 for e in day.entries)
    assert any(len(a.authors) > 1 for a in booklet.abstracts)
    assert any(any(p.presenting for p in a.authors) for a in booklet.abstracts)
    assert any(p.photo for a in booklet.abstracts for p in a.authors)
    assert sum(p.abstract is not None for p in booklet.posters) == 20  # half the posters
    for abstract in booklet.abstracts:
        assert 150 <= len(abstract.text.split()) <= 250

    # deterministic: the same seed gives the same files
    generate(tmp_path / "b", talks=30, posters=40, seed=0)
    for name in ("conference.yaml", "programme.yaml", "abstracts.yaml", "posters.yaml", "tutorials.yaml"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
