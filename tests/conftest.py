"""Every test (and every process a test starts) uses a cache folder of its own, never the user's."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True, scope="session")
def _booklet_cache(tmp_path_factory):
    patch = pytest.MonkeyPatch()
    patch.setenv("BOOKLET_CACHE", str(tmp_path_factory.mktemp("booklet-cache")))
    yield
    patch.undo()
