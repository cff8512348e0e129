"""Inputs' bytes -> the hash booklet's two caches know them by; the two caches are its modules.

- memory (BuildCache): what one process's builds made (data files read, images decoded and made
  ready for print, QR codes, paragraphs laid out and drawn), kept between the builds of
  `booklet watch` or of a library user who passes the same cache to build_booklet;
- disk: what any build derives from files that rarely change (parsed fonts, hyphenation patterns,
  images made ready for print), kept in the user's cache folder for the next
  process; persisted, patterns and generated keep in it what a process made (its layouts, its compiled
  regular expressions, its dataclasses' compiled methods) for the next one.

The memory cache stands in front of the disk cache: a value is looked for in the build's memory,
then on disk, then made (and kept in both). Both key a value by the hash of what it is made from
(`digest`), never by a file's name or time: an edited file is a new key, so neither cache ever
changes a PDF.
"""

from __future__ import annotations

import hashlib
import zlib


def hasher():
    """What `digest` hashes with (for bytes that come a block at a time: `update`, then `hexdigest`)."""
    return hashlib.blake2b(digest_size=16)


def digest(*parts: bytes) -> str:
    """The hash a file's contents are known by, in keys of both caches (of several parts: the hash of them
    joined, without joining them)."""
    found = hasher()
    for part in parts:
        found.update(part)
    return found.hexdigest()


def checksum(*parts: bytes, start: int = 0) -> int:
    """The check a file of the disk cache is kept with, to tell it whole when read (of several parts: of them
    joined, without joining them): a CRC-32, as zip and PNG files check their contents, several times quicker
    than `digest` (a filled 500-talk build checks some 13 MB of files). Not a key: it only tells whether bytes
    changed since they were written under a key that names what they are. `start`: the check of the bytes before
    them (the parts go on from there)."""
    found = start
    for part in parts:
        found = zlib.crc32(part, found)
    return found


class Seldom(bytes):
    """Bytes a kept value holds that are seldom read: a math paragraph's fragments as parsed (pickled; any other
    paragraph's are parsed again: layout.flowables._ParseAgain). A file of layouts (booklet.cache.persisted) keeps
    them apart from its other values, and a process that reads the file reads each of them only when it is asked
    for (`seldom_bytes`): most never are."""

    __slots__ = ()


def seldom_bytes(value) -> bytes:
    """The bytes of a Seldom value, read now if a file of layouts kept them apart (persisted._Apart)."""
    return value if isinstance(value, bytes) else value.read()


from .memory import BuildCache  # noqa: E402  (memory uses disk, which uses digest)

__all__ = ["BuildCache", "Seldom", "checksum", "digest", "seldom_bytes"]
