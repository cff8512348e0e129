"""The methods `dataclasses` generates, compiled by an earlier booklet process <-> their code in a new process, so
that importing booklet's modules does not compile them again.

`@dataclass` writes the source of each method it adds (`__init__`, `__repr__`, `__eq__`, `__hash__`, and a frozen
class's `__setattr__` and `__delattr__`) and runs it with `exec`, which compiles it: about 300 small functions
for the 48 classes a build imports, 0.03-0.06 s of a `booklet build` of the sample that takes 0.4-0.6 s, each
time a process starts. `seed()` gives the `dataclasses` module an `exec` of its own (a name in its namespace,
which its code finds before the built-in one) that looks the source up among the code objects an earlier
process kept, and compiles it only when it is not there, as the built-in `exec` would (the same file name,
none of the caller's `__future__` flags); `keep()` writes what was compiled anew for the next process. The code
is kept with `marshal`, which is tied to the Python build: its version and bytecode magic are in the file's name
and in the file. The file is checked with a checksum of its contents; anything unexpected (no file, a damaged one,
another Python's) leaves `dataclasses` compiling as usual. The functions are the same either way, so no output
changes.
"""

from __future__ import annotations

import builtins
import sys
from importlib.util import MAGIC_NUMBER

from . import disk

KIND = "generated"

_kept: dict[str, object] = {}  # source -> code object, as an earlier process kept them
_made: dict[str, object] = {}  # source -> code object, compiled in this process


def _exec(source, globals=None, locals=None, /, **kwargs):
    """exec, for `dataclasses`: source text it has compiled before runs from its kept code."""
    if type(source) is str and not kwargs:
        code = _kept.get(source) or _made.get(source)
        if code is None:
            code = _made[source] = compile(source, "<string>", "exec", dont_inherit=True)
        source = code
    return builtins.exec(source, globals, locals, **kwargs)


def _name() -> str:
    return disk.key(KIND, sys.version, MAGIC_NUMBER)


def seed() -> int:
    """From now on, the methods of new dataclasses are made from the code an earlier process kept where it has it
    (see the module's docstring); how many functions' code was kept. Nothing is done when the cache is off."""
    import dataclasses

    if disk.folder() is None or sys.implementation.name != "cpython":
        return 0
    payload = disk.load_checked(KIND, _name(), (sys.version, MAGIC_NUMBER))
    if payload is not None:
        import marshal

        try:
            kept = marshal.loads(payload)
        except Exception:  # noqa: BLE001  cannot happen for a file with the right checksum; a miss all the same
            kept = None
        if isinstance(kept, dict):
            _kept.update((source, code) for source, code in kept.items()
                         if type(source) is str and type(code) is type(_name.__code__))
    dataclasses.exec = _exec
    return len(_kept)


def keep() -> int:
    """Keep the code of the methods compiled in this process, with what was kept before, for the next process (only
    when some were compiled anew); how many were compiled anew."""
    if not _made or disk.folder() is None:
        return 0
    import marshal

    payload = marshal.dumps({**_kept, **_made})
    if disk.store_checked(KIND, _name(), (sys.version, MAGIC_NUMBER), payload):
        made = len(_made)
        _kept.update(_made)
        _made.clear()
        return made
    return 0
