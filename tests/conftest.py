"""Every test (and every process a test starts) uses a cache folder of its own, never the user's; the sample
conference is built once for the tests that only read its booklet."""

from __future__ import annotations

import compileall
from pathlib import Path

import pytest

from . import hypothesis_profiles  # noqa: F401 (every module's properties follow the profile, run alone or not)
from .helpers import DATA


def pytest_configure(config):
    """booklet's modules are compiled once, by the process that runs the session (not each xdist worker), into the
    __pycache__ folders Python itself reads. Where PYTHONDONTWRITEBYTECODE is set, as on some machines, every new
    process a test starts (`python -m booklet`, a cold build) would otherwise compile each module it imports again,
    about 0.35 s of CPU a process. What is written is what Python writes itself where that is not set."""
    if hasattr(config, "workerinput"):
        return
    import booklet

    compileall.compile_dir(Path(booklet.__file__).parent, quiet=2)
    _rewrite_tests_once(config)


def _rewrite_tests_once(config, folder: Path | None = None) -> None:
    """The test modules as pytest rewrites their asserts, written once, by the process that runs the session, where
    pytest keeps them (tests/__pycache__/*.pyc of its own tag) and reads them back: each xdist worker rewrote every
    module itself when it collected (about 8 s of CPU a worker, the whole of what collecting costs), as pytest writes
    nothing where PYTHONDONTWRITEBYTECODE is set, and both workers of a fresh clone rewrote them at once where it is
    not. What is written is what pytest itself writes where that is not set (its own functions, the same file); a
    module whose rewrite there is up to date is left as it is; with another pytest whose functions differ, or asserts
    not rewritten (--assert=plain), nothing is written and each worker rewrites as before. A module that does not
    compile (one being edited) is passed over: pytest says so when it collects it (it was an INTERNALERROR here, for a
    run of any module). `folder`: the modules' (this one's)."""
    if config.getoption("assertmode") != "rewrite":
        return
    try:
        from _pytest.assertion.rewrite import (PYC_TAIL, _read_pyc, _rewrite_test, _write_pyc, assertstate_key,
                                               get_cache_dir, try_makedirs)

        state = config.stash[assertstate_key]
        for module in sorted((folder or Path(__file__).parent).glob("test_*.py")):
            cache = get_cache_dir(module)
            pyc = cache / (module.name[:-3] + PYC_TAIL)
            if _read_pyc(module, pyc) is None and try_makedirs(cache):
                try:
                    source_hash, code = _rewrite_test(module, config)
                except (SyntaxError, OSError):  # (collection says so, of this module alone)
                    continue
                _write_pyc(state, code, source_hash, pyc)
    except (ImportError, AttributeError, TypeError, KeyError, ValueError):
        return


def pytest_runtest_setup(item):
    """Each test takes booklet's code and resources as they are on disk now, as a process it starts does: the stamps
    the disk cache is checked against (persisted.stamp: each module's size and modification time; built._resources)
    are taken again when the test first asks for them, not kept from an earlier test of this worker. Kept for the whole
    session, an edit, checkout or merge in the tree during a run (minutes under load) left this worker with the old
    stamp and the processes a test starts with the new one: each ignored what the other had kept, and a test of what
    is kept across processes failed (test_jobs' QR codes and facts: `assert 0 == 4`; test_last_build's proofs after a
    build: pypdf loaded). (Clearing costs nothing; taking a stamp again, about 1 ms, only in a test that asks.)"""
    from booklet.cache import built, persisted

    persisted.stamp.cache_clear()
    built._resources.cache_clear()


@pytest.fixture(autouse=True, scope="session")
def _booklet_cache(tmp_path_factory):
    patch = pytest.MonkeyPatch()
    patch.setenv("BOOKLET_CACHE", str(tmp_path_factory.mktemp("booklet-cache")))
    yield
    patch.undo()


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory, _booklet_cache):
    """The sample conference in data/ built as `booklet build` makes it (A5), once a process (each xdist worker
    builds it once, not each module): its BuildResult, the PDF at .output. For tests that only read it."""
    from booklet.build import build_booklet

    return build_booklet(DATA, tmp_path_factory.mktemp("sample-a5") / "booklet.pdf")


@pytest.fixture(scope="session")
def sample_a4(tmp_path_factory, _booklet_cache):
    """The sample built as `booklet build --page-size a4` makes it, once a process, for the tests that only read it:
    its BuildResult, the PDF at .output."""
    from booklet.build import build_booklet

    return build_booklet(DATA, tmp_path_factory.mktemp("sample-a4") / "booklet.pdf", "A4")


@pytest.fixture(scope="session")
def sample_uncached(tmp_path_factory):
    """The sample built without a cache by booklet's own line breaking and drawing of lines (its paragraphs drawn by
    linedraw.drawing(), as they are where ReportLab is the version it was checked against), once a process, for the
    tests that build it again with ReportLab's own and compare the bytes (test_linebreak, test_linedraw): (the PDF,
    how many paragraphs linebreak._takes broke, how many lines linedraw.put_frag_line drew)."""
    from booklet.build import build_booklet
    from booklet.text import linebreak, linedraw
    from booklet.text import paragraph as mathparagraph

    taken, lines = [], []
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BOOKLET_CACHE", "off")
        takes, put = linebreak._takes, linedraw.put_frag_line
        patch.setattr(linebreak, "_takes", lambda *a: taken.append(takes(*a)) or taken[-1])
        patch.setattr(linedraw, "put_frag_line", lambda *a: lines.append(a[2]) or put(*a))
        patch.setattr(mathparagraph, "_DRAW_PARA", linedraw.drawing())
        output = tmp_path_factory.mktemp("sample-uncached") / "ours.pdf"
        build_booklet(DATA, output)
    return output, sum(taken), len(lines)
