"""A person named in a paragraph -> a mark the canvas notes when the name is drawn: who, on which page,
whether they present there, and a link target the index of authors points at.

Layout writes the mark into a name's paragraph markup (Context.named: `<onDraw name="person" .../>` after
the name); output.render's canvas registers `person_drawn` for it and keeps what it notes.
"""

from __future__ import annotations

import hashlib

PERSON_CALLBACK = "person"  # paragraph markup <onDraw name="person" label="KEY:1"/> after a name (Context.named)


def person_key(identity, taken: dict) -> str:
    """The key person `identity` (a model.Identity) is marked and linked by, from who they are alone (their name,
    family name and spellings: 16 hexadecimal digits of a digest): the same in every process of a build in parts and
    in every build, whatever the book is cut into or the order its people are first named in (numbered in that order,
    a build in parts numbered them otherwise than one process did, and an edit naming someone new early in the
    book renumbered everyone after them). `taken`: the keys given so far (key -> identity); a digest another has
    (never met: 2**-64 a pair) gets a suffix."""
    key = hashlib.blake2b(repr((identity.name, identity.family, identity.aliases)).encode(), digest_size=8).hexdigest()
    while taken.get(key, identity) != identity:
        key += "x"
    return key


def person_anchor(key: str, page: int) -> str:
    """The link key of where person `key` is named on `page` (what the index of authors links to)."""
    return f"person-{key}-{page}"


def person_drawn(canv, kind: str, label: str) -> None:
    """Called by ReportLab as a paragraph draws a name, on output.render's BookletCanvas: its label is "KEY:1"
    for who presents there, "KEY:0" for who does not."""
    key, _, presenting = label.rpartition(":")
    info = getattr(canv, "_curr_tx_info", None)
    top = None
    if info is not None:
        top = canv.absolutePosition(info["cur_x"], info["cur_y"] + info["leading"])[1]
    canv.note_person(key, presenting == "1", top)
