"""Regular expressions kept on disk (booklet.cache.patterns): a seeded pattern is the one `re` compiles, a build
seeded from the file compiles none of them again and gives the same PDF, and a damaged or foreign file is ignored."""

from __future__ import annotations

import json
import os
import pickle
import re
import subprocess
import sys
from pathlib import Path

import pytest

from booklet.cache import checksum, patterns

from .helpers import write_conference

ROOT = Path(__file__).resolve().parent.parent
ENGINE = patterns._engine()
pytestmark = pytest.mark.skipif(ENGINE is None, reason="re's internals are not known on this Python")

TEXTS = ["", "a", "http://example.org", "HTTPS://Www.Example.ORG:8080/path?q=1#x", "ftp://user:pw@10.0.0.1/x",
         "mailto:ana@uni.edu", "https://[::1]:80/", "https://xn--bcher-kva.example/", "http://-bad-.com",
         "https://straße.de/ä", "ana.smith@example.com", "12:30-13:45", "9h00 – 10h15", "Ana María O'Brien-Smith",
         "naïve café\u00a0CAFÉ", "α + β ≤ ∂x", "\ud800 lone", "line\nbreak\ttab", "x" * 300, "日本語のテキスト",
         "\x85\u2028\ufeff", "2026-11-30", "1_000.5e-3", "yes", "~", "<b>bold</b> &amp; <a href='x'>link</a>"]


def _fresh(pattern, flags):
    # what re.compile makes (re._compiler.compile: its own, not patterns' noting one), bypassing its cache
    compile_ = ENGINE[1].compile
    return getattr(compile_, "original", compile_)(pattern, flags)


def _same(ours, theirs, texts) -> None:
    assert ours == theirs  # flags, code and pattern compared by the engine
    assert (ours.pattern, ours.flags, ours.groups, ours.groupindex) == (
        theirs.pattern, theirs.flags, theirs.groups, theirs.groupindex)
    for text in texts:
        if isinstance(ours.pattern, bytes):
            text = text.encode("utf-8", "surrogatepass")
        for how in ("match", "search", "fullmatch"):
            found, wanted = getattr(ours, how)(text), getattr(theirs, how)(text)
            assert (found and (found.span(), found.groups(), found.groupdict(), found.lastindex)) == (
                wanted and (wanted.span(), wanted.groups(), wanted.groupdict(), wanted.lastindex)), (ours, how, text)
        assert ours.findall(text) == theirs.findall(text)
        assert ours.split(text) == theirs.split(text)


def test_patterns_made_from_their_parts_are_the_ones_re_compiles():
    import booklet.build  # noqa: F401  (ReportLab, PyYAML and booklet compile theirs)
    from reportlab.platypus.paragraph import uri_pat

    keys = [(str, uri_pat.pattern, uri_pat.flags & ~re.UNICODE)]
    keys += [key for key in re._cache if patterns._cache_key(key)]
    keys += [(bytes, rb"(?P<word>\w+)\s*(\d+)?", re.IGNORECASE), (str, r"(?x) a b | (?P<c>c)+ (?(c)d|e)", 0),
             (str, r"[^\W\d_]+(?=\.)|(?<=@)\w+", re.ASCII | re.MULTILINE | re.DOTALL)]
    assert len(keys) > 100
    for _, pattern, flags in keys:
        _same(patterns.made(ENGINE, pattern, patterns.parts(ENGINE, pattern, flags)), _fresh(pattern, flags),
              TEXTS)
    url = patterns.made(ENGINE, uri_pat.pattern, patterns.parts(ENGINE, uri_pat.pattern, re.IGNORECASE))
    assert url.match("HTTPS://Www.Example.ORG:8080/path").groups() == ("HTTPS://", "Www.Example.ORG")
    assert url.match("http://-bad-.com") is None


@pytest.fixture()
def fresh_re(tmp_path, monkeypatch):
    """A cache folder of the test's own, a process that has not been seeded, and re's cache emptied before and
    after (re.purge: a cache, whatever is in it is compiled again when needed)."""
    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(patterns, "_seeded", False)
    monkeypatch.setattr(patterns, "_noted", {})
    monkeypatch.setattr(re._compiler, "compile", getattr(re._compiler.compile, "original", re._compiler.compile))
    re.purge()
    yield tmp_path / "cache"
    re.purge()


OURS = [(r"booklet-test-(?P<n>\d+)-[a-z\xa1-\uffff]+", re.IGNORECASE), (r"booklet-test-plain\s+(x|y)", 0),
        (rb"booklet-test-bytes[\x80-\xff]", 0)]


def _compile_ours():
    return [re.compile(pattern, flags) for pattern, flags in OURS]


def _stored(cache: Path) -> Path:
    [path] = (cache / patterns.KIND).glob("*.pickle")
    return path


def test_kept_patterns_are_seeded_and_found_by_re_compile(fresh_re, monkeypatch):
    _compile_ours()
    assert patterns.keep() >= len(OURS)
    re.purge()
    assert patterns.seed() >= len(OURS)
    assert patterns._seeded and patterns.keep() == 0  # a seeded process keeps nothing

    def refused(pattern, flags=0):
        raise AssertionError(f"compiled again: {pattern!r}")

    monkeypatch.setattr(re._compiler, "compile", refused)
    seeded = _compile_ours()  # found in re's cache, not compiled
    monkeypatch.undo()
    for found, (pattern, flags) in zip(seeded, OURS):
        assert found is re._cache[type(pattern), pattern, flags]
        _same(found, _fresh(pattern, flags), TEXTS + ["booklet-test-12-Ünïcode", "booklet-test-plain  y"])


def test_a_process_with_nothing_kept_notes_the_parts_as_it_compiles(fresh_re, monkeypatch):
    """seed() with nothing kept: re compiles patterns from their parts (the same patterns as its own compiler's),
    noted as made, and keep() writes those parts without making them again; a next process is seeded with them."""
    assert patterns.seed() == 0 and not getattr(re._compiler.compile, "noting", False)  # (a process that keeps none)
    assert patterns.seed(keeps=True) == 0 and not patterns._seeded
    compiled = _compile_ours()
    for found, (pattern, flags) in zip(compiled, OURS):
        assert patterns._noted[type(pattern), pattern, flags] == patterns.parts(ENGINE, pattern, flags)
        _same(found, _fresh(pattern, flags), TEXTS + ["booklet-test-12-Ünïcode", "booklet-test-plain  y"])
    with pytest.raises(re.error, match="missing \\)"):  # an error in a pattern: re's own, as it raises it
        re.compile(r"booklet-test-(unclosed")
    made_again = []
    real_parts = patterns.parts

    def counted(engine, pattern, flags):
        made_again.append(pattern)
        return real_parts(engine, pattern, flags)

    monkeypatch.setattr(patterns, "parts", counted)
    assert patterns.keep() >= len(OURS)
    assert not {pattern for pattern, _ in OURS} & set(made_again)  # noted: not made again
    monkeypatch.setattr(re._compiler, "compile", re._compiler.compile.original)
    re.purge()
    assert patterns.seed() >= len(OURS)
    for found, (pattern, flags) in zip(_compile_ours(), OURS):
        _same(found, _fresh(pattern, flags), TEXTS)


def _rewrite(path: Path, change) -> None:
    version, stamp, check, payload = pickle.loads(path.read_bytes())
    path.write_bytes(pickle.dumps(change(version, stamp, check, payload)))


@pytest.mark.parametrize("damage", ["garbage", "cut", "flipped", "python", "code", "other type"])
def test_a_damaged_or_foreign_file_is_ignored(fresh_re, damage):
    _compile_ours()
    patterns.keep()
    path = _stored(fresh_re)
    data = path.read_bytes()
    if damage == "garbage":
        path.write_bytes(b"not a pickle")
    elif damage == "cut":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "flipped":  # a byte of the payload changed: the checksum no longer matches
        at = data.index(b"booklet-test-plain") + 3
        path.write_bytes(data[:at] + bytes([data[at] ^ 1]) + data[at + 1:])
    elif damage == "python":  # kept by another Python build, or by other code (booklet's, ReportLab's)
        _rewrite(path, lambda version, stamp, check, payload: (version + " other", stamp, check, payload))
    elif damage == "code":  # ... by other code
        _rewrite(path, lambda version, stamp, check, payload: (version, "other", check, payload))
    else:
        path.write_bytes(pickle.dumps(("x", 1)))
    re.purge()
    assert patterns.seed() == 0 and not patterns._seeded
    assert not any(key[1] == OURS[1][0] for key in re._cache)
    assert [p.match("booklet-test-plain x").group(1) for p in _compile_ours()[1:2]] == ["x"]
    assert patterns.keep() > 0  # made again by this process
    re.purge()
    assert patterns.seed() >= len(OURS)


def test_an_entry_the_engine_refuses_is_not_used(fresh_re):
    _compile_ours()
    patterns.keep()
    path = _stored(fresh_re)

    def broken(version, stamp, check, payload):
        entries = pickle.loads(payload)
        for number, (key, kept) in enumerate(entries):
            if key[1] == OURS[1][0]:  # code cut short (the engine checks it is well formed)
                entries[number] = (key, (kept[0], kept[1][:-3], *kept[2:]))
        entries[:0] = [("not an entry",), ((str, "x", 0), "not parts"), ([str, "x", 0], ())]
        payload = pickle.dumps(entries)
        return version, stamp, checksum(payload), payload

    _rewrite(path, broken)
    re.purge()
    assert patterns.seed() >= len(OURS) - 1
    assert (str, OURS[0][0], OURS[0][1]) in re._cache and (str, OURS[1][0], 0) not in re._cache
    assert _compile_ours()[1].fullmatch("booklet-test-plain y")


SEEDED_BUILD = """
import json, re, sys
compiled = []
original = re._compiler.compile
def counted(pattern, flags=0):
    compiled.append(pattern if isinstance(pattern, str) else repr(pattern))
    return original(pattern, flags)
re._compiler.compile = counted
from booklet.cache import patterns
parts = patterns.parts
def noted(engine, pattern, flags):  # a process with nothing kept compiles from the parts it notes (patterns._noting)
    compiled.append(pattern if isinstance(pattern, str) else repr(pattern))
    return parts(engine, pattern, flags)
patterns.parts = noted
seed = patterns.seed
def marked(*args, **kwargs):
    seeded = seed(*args, **kwargs)
    compiled.append(None)  # what follows was compiled after the seeding
    return seeded
patterns.seed = marked
sys.argv = ["booklet", "build", sys.argv[1], "-o", sys.argv[2]]
from booklet.cli import main
try:
    main(prog_name="booklet")
except SystemExit as exc:
    code = exc.code
print(json.dumps({"code": code, "compiled": compiled}))
"""


def test_a_build_seeded_by_the_build_before_compiles_less_and_gives_the_same_pdf(tmp_path):
    folder = write_conference(tmp_path / "conf")
    env = {**os.environ, "BOOKLET_CACHE": str(tmp_path / "cache")}
    runs = []
    for name in ("first", "seeded"):
        done = subprocess.run([sys.executable, "-c", SEEDED_BUILD, str(folder), str(tmp_path / f"{name}.pdf")],
                              env=env, capture_output=True, text=True, cwd=ROOT)
        runs.append(json.loads(done.stdout.splitlines()[-1]))
        assert runs[-1]["code"] in (0, None), done.stderr
    url = "(^(?:[a-z0-9\\.\\-\\+]*)://)"
    first, seeded = (run["compiled"][run["compiled"].index(None) + 1:] for run in runs)
    assert any(p.startswith(url) for p in first) and not any(p.startswith(url) for p in seeded)
    kept = pickle.loads(pickle.loads(_stored(tmp_path / "cache").read_bytes())[3])
    names = {key[1] if key[0] is str else repr(key[1]) for key, _ in kept}
    assert len(kept) > 100 and names >= set(first) - {patterns.PROBE[0]}  # (the check, not via re's cache)
    assert len(seeded) < 10 and not set(seeded) & names  # the check, and a few that are new in every process
    off = tmp_path / "off.pdf"
    done = subprocess.run([sys.executable, "-m", "booklet", "build", str(folder), "-o", str(off)],
                          env={**env, "BOOKLET_CACHE": "off"}, capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "first.pdf").read_bytes() == (tmp_path / "seeded.pdf").read_bytes() == off.read_bytes()
