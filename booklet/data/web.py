"""What a web address in the data may be: the one rule for every key that holds one (conference.yaml's `url`, each
sponsor's `url`), read by the validator (another kind of address is an error at its key), by check (a malformed web
address is a warning) and by the layout (a link's target).

An address is http://..., https://..., mailto:..., or a bare site ("www.example.org/smc", "example.org:8080/x"),
which a link opens as https://; so is a protocol-relative one ("//example.org" takes a web page's scheme, and a
booklet has none: it became the link https:////example.org). Any other scheme (javascript:, file:, data:, ftp:, ...)
is refused: a sponsor's `url: "javascript:app.alert(1)"` became the link `https://javascript:app.alert(1)` without a
word. An address is read as a browser reads it (the WHATWG URL parser, `parsed`): "java\tscript:alert(1)", a scheme
split by a tab or a line break, is javascript: to a browser, and it passed as a bare site."""

from __future__ import annotations

import re

SCHEMES = ("http", "https", "mailto")  # what a link in the booklet may open
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_PORT = re.compile(r"\d+(?:[/?#]|$)")  # a site's port after the colon: "example.org:8080/x" names no scheme
_TAB_OR_NEWLINE = re.compile("[\t\n\r]")  # what the URL parser removes anywhere in an address
_C0_OR_SPACE = "".join(map(chr, range(0x21)))  # what it strips at either end: the C0 controls and the space


def parsed(address: str) -> str:
    """`address` as a browser's URL parser reads it (the WHATWG URL standard's first steps): without the C0 controls
    and spaces at its ends, nor any ASCII tab or line break ("java\tscript:x" is javascript:x)."""
    return _TAB_OR_NEWLINE.sub("", address.strip(_C0_OR_SPACE))


def scheme(address: str) -> str | None:
    """The scheme `address` names as a browser reads it (`parsed`), lower-cased ('https', 'javascript'), or None for
    a bare site."""
    address = parsed(address)
    found = _SCHEME.match(address)
    if found is None or _PORT.match(address, found.end()):
        return None
    return found[1].lower()


def scheme_problem(address: str) -> str | None:
    """Why `address` cannot be a link's target in the booklet, or None when its scheme is one of SCHEMES (or it
    has none)."""
    named = scheme(address)
    if named is None or named in SCHEMES:
        return None
    return (f"{named}: is not a kind of address the booklet links to; write a web address (https://www.example.org, "
            "or www.example.org, opened as https://) or an email address (mailto:info@example.org)")


def refusal(address: str) -> str | None:
    """The words refusing `address` (stripped) where the data or a source gives it ("'javascript:x' is not a web
    address: ..."), or None when it may be a link's target (scheme_problem)."""
    problem = scheme_problem(address.strip())
    return f"'{address.strip()}' is not a web address: {problem}" if problem else None


def target(address: str) -> str:
    """A web address as a link's target (as a browser reads it, `parsed`): as written when it gives its scheme, else
    with https:// before it ("www.example.com" as a link's target opened nothing: a PDF viewer reads it as a file's
    name); a protocol-relative one ("//example.org") with https: before it."""
    address = parsed(address)
    if scheme(address) in SCHEMES:
        return address
    return "https:" + address if address.startswith("//") else "https://" + address


def printed(address: str) -> str:
    """A web address as the booklet prints it: as written, but a protocol-relative one as its link's target
    ("//example.org" printed under Contact reads as no address at all; "https://example.org" is what the link
    opens)."""
    return target(address) if parsed(address).startswith("//") else address
