"""Regular expressions an earlier booklet process compiled <-> `re`'s own cache in a new process, filled before
ReportLab, PyYAML and booklet compile them (at import and while building), so that they are not compiled again.

Compiling a pattern is parsing it and turning it into the regex engine's code (a list of ints); the second step
is slow for character sets over wide ranges, above all with IGNORECASE: ReportLab's URL pattern
(platypus/paragraph.py, compiled when it is imported) takes about 0.03 s of a 0.5 s build, and a build
compiles about 140 patterns, 0.05 s in all. A compiled pattern cannot be pickled, but its code can: `seed()`
puts into `re._cache` the patterns kept by an earlier process, made with `_sre.compile` from their kept
code, which is what `re.compile` would make (the same object: equal, same groups and flags); then
`re.compile(pattern, flags)` finds them there. A `booklet build` that found nothing kept by the same code
(booklet's modules, ReportLab's version: persisted.stamp) keeps, when it succeeds, every pattern it compiled: their
parts noted as `re` compiles them from then on (`_compiling` stands in for re's compiler, and makes each pattern
from the parts it notes, as `seed` makes a kept one), those compiled before made once more; later builds keep
nothing new (a few patterns are joined from a set's strings, in an order that changes with each process's hash
seed: they would be new every time). A build in parts (--jobs) keeps only the main process's patterns.

This uses CPython internals (`re._cache`, `re._parser`, `re._compiler._code`, `_sre.compile`), so it is
only done on the Python versions it was tested with (TESTED), when a check made each time passes (a small
pattern made this way equals the one `re` compiles), and with code kept by exactly this Python build (its
version string and the engine's MAGIC are in the key and in the file). The file is checked with a checksum of
its contents; anything unexpected (no file, a damaged one, one from another Python, an entry the engine
refuses) leaves `re` compiling as usual. A pattern is the same object either way, so no output changes.
"""

from __future__ import annotations

import pickle
import re
import sys
from functools import cache

from . import disk

KIND = "patterns"
TESTED = frozenset({(3, 11), (3, 12), (3, 13)})
PROBE = (r"(?P<scheme>[a-z\xe0-\xff]+)://(\w+(?:\.\w+)*)?(?<!-)\Z", re.IGNORECASE)

_seeded = False  # whether this process's re cache was seeded from a file (then it keeps nothing)


@cache
def _engine():
    """re's internals this needs, or None on a Python they are not known to be there and work on."""
    if sys.implementation.name != "cpython" or sys.version_info[:2] not in TESTED:
        return None
    try:
        import _sre
        from re import _compiler, _parser

        engine = _sre, _compiler, _parser, re._cache
    except (ImportError, AttributeError):
        return None
    return engine if _works(engine) else None


def _name(engine) -> str:
    _sre = engine[0]
    return disk.key(KIND, sys.version, _sre.MAGIC, _sre.CODESIZE, _sre.MAXREPEAT, _sre.MAXGROUPS)


def parts(engine, pattern: str | bytes, flags: int) -> tuple:
    """What `_sre.compile` makes `pattern` from (the steps of re._compiler.compile, which are 3.11's to 3.13's)."""
    _sre, _compiler, _parser, _ = engine
    parsed = _parser.parse(pattern, flags)
    code = [int(word) for word in _compiler._code(parsed, flags)]  # opcodes are an int subclass, not picklable
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, number in groupindex.items():
        indexgroup[number] = name
    return flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup)


def made(engine, pattern: str | bytes, kept: tuple) -> re.Pattern:
    """The compiled pattern from its kept parts (the engine checks that the code is well formed)."""
    final_flags, code, groups, groupindex, indexgroup = kept
    return engine[0].compile(pattern, final_flags, code, groups, groupindex, indexgroup)


def _works(engine) -> bool:
    """Whether a pattern made from its parts is the one re compiles (flags, code, groups, names, matches)."""
    pattern, flags = PROBE
    try:
        ours, theirs = made(engine, pattern, parts(engine, pattern, flags)), engine[1].compile(pattern, flags)
        text = "HTTPS://www.Example.org"
        return (ours == theirs and ours.flags == theirs.flags and ours.groups == theirs.groups
                and ours.groupindex == theirs.groupindex
                and ours.match(text).groups() == theirs.match(text).groups() == ("HTTPS", "www.Example.org"))
    except Exception:  # noqa: BLE001  internals not as expected: re compiles as usual
        return False


def _cache_key(key) -> bool:
    """Whether an entry of re._cache is one this keeps: a str or bytes pattern and int flags."""
    return (isinstance(key, tuple) and len(key) == 3 and key[0] in (str, bytes) and type(key[1]) is key[0]
            and type(key[2]) is int and not key[2] & re.DEBUG)


def _stamp() -> str:
    from .persisted import stamp  # booklet's code and ReportLab's version (and Python's): what compiles patterns

    return stamp()


def seed(keeps: bool = False) -> int:
    """Put the patterns kept by an earlier process into re's cache; how many (0 when nothing is kept by a process
    of the same code, the cache is off, or this Python is not one this was tested with). `keeps`: this process calls
    `keep` once its build is done (`booklet build`): with nothing kept, the patterns it compiles from now on are
    noted as they are compiled (_noting)."""
    global _seeded
    engine = _engine()
    if engine is None or disk.folder() is None:
        return 0
    payload = disk.load_checked(KIND, _name(engine), (sys.version, _stamp()))
    if payload is None:
        if keeps:  # (noted as compiled, not compiled again by keep)
            _noting(engine)
        return 0
    try:
        entries = pickle.loads(payload)
    except Exception:  # noqa: BLE001  cannot happen for a file with the right checksum; a miss all the same
        return 0
    _seeded = True
    cache = engine[3]
    seeded = 0
    for entry in entries if isinstance(entries, list) else ():
        try:
            key, kept = entry
            if not _cache_key(key) or key in cache:
                continue
            cache[key] = made(engine, key[1], kept)
        except Exception:  # noqa: BLE001  an entry of another shape, or that the engine refuses: not used
            continue
        seeded += 1
    return seeded


_noted: dict = {}  # re's cache key -> the parts of the pattern compiled under it (_compiling)


def _noting(engine) -> None:
    """From now on, re compiles a pattern (a str or bytes, without DEBUG) from its parts, noted for `keep` (which
    made them all again once the build was done: some 300 patterns, 0.06 s of a first build); re's own compiler for
    anything else, or for a pattern whose parts cannot be made so (re's own error then). Once a process."""
    _compiler = engine[1]
    original = _compiler.compile
    if getattr(original, "noting", False):
        return

    def _compiling(p, flags=0):
        if type(p) in (str, bytes) and type(flags) is int and not flags & re.DEBUG:
            try:
                kept = parts(engine, p, flags)
                made_now = made(engine, p, kept)
            except Exception:  # noqa: BLE001  an error in the pattern: re's own compiler raises it as it would
                return original(p, flags)
            _noted[(type(p), p, flags)] = kept
            return made_now
        return original(p, flags)

    _compiling.noting, _compiling.original = True, original
    _compiler.compile = _compiling


def keep() -> int:
    """When no earlier process of this code kept patterns: keep those in re's cache for the next process; how
    many. (A process that was seeded does not keep what it compiled besides: some patterns are made by joining
    a set's strings, in an order that changes with every process's hash seed, and would be new each time.)"""
    engine = _engine()
    if engine is None or _seeded or disk.folder() is None:
        return 0
    entries = []
    for key in [key for key in list(engine[3]) if _cache_key(key)]:
        kept = _noted.get(key)
        if kept is None:  # (compiled before seed, or by re's own compiler)
            try:
                kept = parts(engine, key[1], key[2])
            except Exception:  # noqa: BLE001  not a pattern this can make again: not kept
                continue
        entries.append((key, kept))
    payload = pickle.dumps(entries, protocol=pickle.HIGHEST_PROTOCOL)
    disk.store_checked(KIND, _name(engine), (sys.version, _stamp()), payload)
    return len(entries)
