"""Dataclasses' methods kept on disk (booklet.cache.generated): a process seeded from the file compiles none of the
methods it kept, makes the same functions as a process that compiles them, and a damaged or foreign file is
ignored."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from booklet.cache import checksum, disk, generated

ROOT = Path(__file__).resolve().parent.parent

# In a new process: seed, import booklet's model and build modules, keep; print what was kept and compiled, and
# each dataclass method's code (bytecode, constants, names) to compare between processes.
SCRIPT = """
import dataclasses, json, sys
from booklet.cache import generated
seeded = generated.seed()
import booklet.build, booklet.model
made = len(generated._made)
methods = {}
for module in (booklet.model, booklet.build):
    for name, value in sorted(vars(module).items()):
        if isinstance(value, type) and dataclasses.is_dataclass(value) and value.__module__ == module.__name__:
            for method in ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__"):
                code = getattr(vars(value).get(method), "__code__", None)
                if code is not None:
                    methods[f"{name}.{method}"] = [code.co_code.hex(), repr(code.co_consts), list(code.co_names),
                                                   list(code.co_varnames), code.co_filename, code.co_flags]
json.dump({"seeded": seeded, "made": made, "kept": generated.keep(), "methods": methods}, sys.stdout)
"""


def _run(cache: Path | str) -> dict:
    env = dict(os.environ, BOOKLET_CACHE=str(cache), PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def test_a_process_makes_dataclass_methods_from_the_code_an_earlier_one_kept(tmp_path):
    cache = tmp_path / "cache"
    compiled = _run("off")  # the cache off: dataclasses compiles with the built-in exec
    assert compiled["seeded"] == compiled["made"] == 0 and len(compiled["methods"]) > 50
    first = _run(cache)
    assert first["seeded"] == 0 and first["made"] > 100 and first["kept"] == first["made"]
    assert first["methods"] == compiled["methods"]
    second = _run(cache)
    assert second["seeded"] >= first["made"] and second["made"] == 0 and second["kept"] == 0  # none compiled
    assert second["methods"] == first["methods"]  # the same functions
    (file,) = (cache / generated.KIND).iterdir()
    data = bytearray(file.read_bytes())
    data[len(data) // 2] ^= 0xFF  # damaged: ignored, compiled again, and written again whole
    file.write_bytes(bytes(data))
    third = _run(cache)
    assert third["seeded"] == 0 and third["made"] == first["made"] and third["methods"] == first["methods"]
    assert _run(cache)["made"] == 0


def test_a_file_of_another_python_is_not_used(tmp_path, monkeypatch):
    import dataclasses

    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(generated, "_kept", {})
    monkeypatch.setattr(generated, "_made", {})
    monkeypatch.setattr(dataclasses, "exec", exec, raising=False)
    source = "def __create_fn__():\n def f():\n  return 1\n return f"
    code = compile(source, "<string>", "exec", dont_inherit=True)
    import marshal

    payload = marshal.dumps({source: code})
    disk.store(generated.KIND, generated._name(), ("2.7.18 (another)", generated.MAGIC_NUMBER, checksum(payload),
                                                  payload))
    assert generated.seed() == 0 and dataclasses.exec is generated._exec

    @dataclasses.dataclass(frozen=True)
    class Point:
        x: int
        y: int = 2

    made = len(generated._made)
    assert made >= 5 and Point(1) == Point(1, 2) and repr(Point(1)).endswith("Point(x=1, y=2)")
    with pytest.raises(dataclasses.FrozenInstanceError):
        Point(1).x = 3
    assert generated.keep() == made and not generated._made  # written for this Python, in place of the other's
    monkeypatch.setattr(generated, "_kept", {})
    assert generated.seed() == made
