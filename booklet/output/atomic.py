"""A file to (re)write -> a temporary file beside it, renamed into place only when complete."""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path


def temporary_beside(target: Path, suffix: str = ".part") -> Path:
    """An empty temporary file in `target`'s folder (made when missing), hidden, named after it."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=suffix, dir=target.parent)
    os.close(handle)
    return Path(name)


def publish(temp: Path, target: Path) -> None:
    """Give `temp` the permissions a new file gets (mkstemp makes it private), then rename it to `target`."""
    os.chmod(temp, 0o666 & ~_umask())
    os.replace(temp, target)


@contextmanager
def replacing(target: Path, suffix: str = ".part"):
    """Yield a temporary path to write; on success it replaces `target`, on any failure it is removed."""
    temp = temporary_beside(target, suffix)
    try:
        yield temp
        publish(temp, Path(target))
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def write_bytes(target: Path, data) -> None:
    """`data` (bytes, or an iterable of byte strings) into `target`, replacing it only once completely written."""
    with replacing(target) as temp, open(temp, "wb") as file:
        file.writelines([data] if isinstance(data, bytes) else data)


def write_files(files: dict[Path, bytes]) -> None:
    """Several files written together: each to a temporary file beside it first, and only when all are
    complete renamed into place, so that a failure part-way leaves every target as it was."""
    temps: dict[Path, Path] = {}
    try:
        for target, data in files.items():
            temps[Path(target)] = temp = temporary_beside(target)
            temp.write_bytes(data)
        for target, temp in temps.items():
            publish(temp, target)
    finally:
        for temp in temps.values():
            temp.unlink(missing_ok=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
