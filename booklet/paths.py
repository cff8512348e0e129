"""What the file system says of a path booklet is to read, in the words every stage reports it in.

Shared by the stages that read files (data.load, images, importers) and the one that writes them (output.atomic,
which names a folder on the way to an output that is a symbolic link in a loop as a data folder that is one is
named): a module of its own, so that writing does not reach back into the data stage.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

LOOPING = "is a symbolic link in a loop (it points, in the end, to itself)"  # (not_a_file's words for one)


def not_a_file(path: Path) -> str | None:
    """Why `path` cannot be read as a data file (a folder, a FIFO, a broken or looping link), or None.

    Only regular files are read: a FIFO or a device would block the build forever.
    """
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        if os.path.islink(path):
            if exc.errno == errno.ELOOP:
                return LOOPING
            return f"is a symbolic link to '{os.readlink(path)}', which does not exist"
        return f"cannot be read: {exc.strerror}"
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    if not stat.S_ISREG(mode):
        kind = "a FIFO (named pipe)" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device"
        return f"is {kind}, not a regular file; booklet reads only regular files"
    return None
