"""Every test (and every process a test starts) uses a cache folder of its own, never the user's; the sample
conference is built once for the tests that only read its booklet."""

from __future__ import annotations

import pytest

from .helpers import DATA


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
