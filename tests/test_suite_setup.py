"""The suite's own set-up (conftest.py): the test modules' asserts rewritten once, for the workers."""

from __future__ import annotations

import pytest

from .conftest import _rewrite_tests_once


def test_a_module_that_does_not_compile_is_left_to_collection(tmp_path, pytestconfig):
    """A test module with a syntax error (one being edited) made every run, of any module, an INTERNALERROR in
    pytest_configure; it is left for pytest to report when it collects it, and the other modules are rewritten."""
    if pytestconfig.getoption("assertmode") != "rewrite":
        pytest.skip("asserts not rewritten (--assert=plain)")
    (tmp_path / "test_broken.py").write_text("def test_x(:\n    pass\n")
    (tmp_path / "test_fine.py").write_text("def test_y():\n    assert 1 == 1\n")
    _rewrite_tests_once(pytestconfig, tmp_path)
    assert [path.name.split(".")[0] for path in (tmp_path / "__pycache__").iterdir()] == ["test_fine"]
