"""User-written plain text (paragraphs, *emphasis*, $math$) -> ReportLab Paragraph markup or plain Unicode."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import groupby

from .fonts import font_for_char, when_fonts_change
from .mathtext import PLAIN, Run, Style, math_runs

__all__ = ["inline", "paragraphs", "plain"]

# --------------------------------------------------------------------------- public API


def inline(text: str) -> str:
    """Markup for a one-line field: whitespace collapsed, emphasis and math rendered."""
    return _inline(_as_str(text))


def paragraphs(text: str) -> list[str]:
    """Markup for each non-empty paragraph of a multi-paragraph field (blank lines separate)."""
    chunks = _split_paragraphs(_as_str(text))
    return [m for m in map(_inline, chunks) if m]


def plain(text: str) -> str:
    """The text as plain Unicode on one line: math converted, emphasis markers removed."""
    return _plain(_as_str(text))


# --------------------------------------------------------------------------- whitespace & paragraphs

# Whitespace that collapses to one space; no-break spaces are kept as the user typed them.
_WHITESPACE = re.compile(r"[^\S\u00a0\u2007\u202f]+")
_BLANK_LINES = re.compile(r"\n(?:[^\S\n]*\n)+")
_SPACE_RUN = re.compile(r"  +")


def _as_str(text: object) -> str:
    if isinstance(text, str):
        return text
    return "" if text is None else str(text)


def _collapse(text: str) -> str:
    if "\u00a0" not in text and "\u2007" not in text and "\u202f" not in text:
        return " ".join(text.split())  # much faster than the regular expression
    return _WHITESPACE.sub(" ", text).strip(" ")


def _split_paragraphs(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [p for p in (_collapse(chunk) for chunk in _BLANK_LINES.split(text)) if p]


# --------------------------------------------------------------------------- top level


@lru_cache(maxsize=4096)
def _inline(text: str) -> str:
    try:
        return _markup(_line_runs(_collapse(text)))
    except Exception:  # a bug must not stop a booklet build: fall back to the bare text
        return _fallback_markup(text)


when_fonts_change(_inline.cache_clear)  # which characters go to a fallback font depends on the fonts


@lru_cache(maxsize=4096)
def _plain(text: str) -> str:
    try:
        if "$" not in text and "*" not in text:
            return _collapse(text)
        return " ".join(p for p in (_plain_text(_line_runs(c)) for c in _split_paragraphs(text)) if p)
    except Exception:
        return _collapse(text)


def _line_runs(line: str) -> list[Run]:
    """Styled runs of one collapsed paragraph; the fast path skips parsing when there is nothing to parse."""
    if "$" not in line and "*" not in line:
        return [(line, PLAIN)] if line else []
    tokens = _delimit(_split_math(line))
    _match_emphasis([t for t in tokens if isinstance(t, _Delim)])
    return _styled_runs(tokens)


# --------------------------------------------------------------------------- text -> math pieces

_DOLLAR = re.compile(r"\\?\$")
_MATH_END = re.compile(r"\\.|\$", re.S)


def _split_math(text: str) -> list[tuple[str, str]]:
    """('text', s) and ('math', source) pieces; `\\$` is a literal dollar, unmatched `$` stays text."""
    pieces: list[tuple[str, str]] = []
    buf: list[str] = []
    pos = 0
    while (m := _DOLLAR.search(text, pos)) is not None:
        buf.append(text[pos : m.start()])
        pos = m.end()
        if m.group() != "$":  # \$
            buf.append("$")
            continue
        opens = pos < len(text) and not text[pos].isspace()
        end = _closing_dollar(text, pos) if opens else None
        if end is None:
            buf.append("$")
        elif end == pos:
            buf.append("$$")
            pos += 1
        else:
            if buf:
                pieces.append(("text", "".join(buf)))
                buf = []
            pieces.append(("math", text[pos:end]))
            pos = end + 1
    buf.append(text[pos:])
    rest = "".join(buf)
    if rest:
        pieces.append(("text", rest))
    return pieces


def _closing_dollar(text: str, start: int) -> int | None:
    """Index of the `$` closing math that opened before `start` (as in Pandoc: a closing `$` follows a
    non-space and is not followed by a digit, so "$5 and $10" and "costs $5 and $" are not math)."""
    for m in _MATH_END.finditer(text, start):
        if m.group() == "$" and not text[m.end() : m.end() + 1].isdigit():
            if m.start() == start or not text[m.start() - 1].isspace():
                return m.start()
    return None


# --------------------------------------------------------------------------- emphasis


class _Delim:
    """A run of `*` in the text, and what it turned into."""

    __slots__ = ("count", "can_open", "can_close", "opens", "closes")

    def __init__(self, count: int) -> None:
        self.count = count
        self.can_open = self.can_close = False
        self.opens: list[str] = []  # tags opened here, innermost first
        self.closes: list[str] = []  # tags closed here, innermost first


_STARS = re.compile(r"(\*+)")
_Token = tuple[str, str] | _Delim


def _delimit(pieces: list[tuple[str, str]]) -> list[_Token]:
    """Split text pieces at `*` runs and decide which runs may open or close emphasis."""
    tokens: list[_Token] = []
    for kind, s in pieces:
        if kind == "math":
            tokens.append((kind, s))
            continue
        for j, part in enumerate(_STARS.split(s)):
            if j % 2:
                tokens.append(_Delim(len(part)))
            elif part:
                tokens.append(("text", part))
    for i, tok in enumerate(tokens):
        if isinstance(tok, _Delim):
            tok.can_open = not _is_space(_edge_char(tokens, i + 1, 0))
            tok.can_close = not _is_space(_edge_char(tokens, i - 1, -1))
    return tokens


def _edge_char(tokens: list[_Token], i: int, end: int) -> str:
    """The character of token i that touches its neighbour ('' outside the paragraph)."""
    if not 0 <= i < len(tokens):
        return ""
    tok = tokens[i]
    if isinstance(tok, _Delim) or tok[0] == "math":
        return "*"  # anything but a space
    return tok[1][end]


def _is_space(ch: str) -> bool:
    return not ch or ch.isspace()


def _match_emphasis(delims: list[_Delim]) -> None:
    """Pair closers with the nearest opener: `**` pairs give bold, single `*` italic."""
    openers: list[_Delim] = []
    for d in delims:
        if d.can_close:
            while d.count and openers:
                o = openers[-1]
                use = 2 if o.count >= 2 and d.count >= 2 else 1
                tag = "b" if use == 2 else "i"
                o.count -= use
                d.count -= use
                o.opens.append(tag)
                d.closes.append(tag)
                if not o.count:
                    openers.pop()
        if d.count and d.can_open:
            openers.append(d)


def _styled_runs(tokens: list[_Token]) -> list[Run]:
    """Runs for the paragraph's tokens: emphasis applied, math rendered, unused stars kept."""
    runs: list[Run] = []
    depth = {"b": 0, "i": 0}
    for tok in tokens:
        if isinstance(tok, _Delim):
            for tag in tok.closes:
                depth[tag] -= 1
            if tok.count:
                runs.append(("*" * tok.count, Style(depth["b"] > 0, depth["i"] > 0)))
            for tag in tok.opens:
                depth[tag] += 1
            continue
        bold, italic = depth["b"] > 0, depth["i"] > 0
        kind, s = tok
        math = math_runs(s) if kind == "math" else None
        if math is None:
            runs.append((s if kind == "text" else f"${s}$", Style(bold, italic)))
        else:
            runs.extend((t, Style(bold or st.bold, italic or st.italic, st.scripts)) for t, st in math)
    return runs


# --------------------------------------------------------------------------- runs -> markup / plain text


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_BRACKETED = re.compile(r"\s?[(\[{\u201c\u2018\"]([^()\[\]{}\u201c\u201d\u2018\u2019\"]*)[)\]}\u201d\u2019\"]")


_SPACE_IN_BRACKETS = re.compile(r"([(\[{])\s+|\s+([)\]}])")


def _without_empty_brackets(text: str) -> str:
    """'a 王 character (王)' -> 'a 王 character': brackets or quotes that hold only characters no font
    has would print empty ('()') once those are left out, so they go with them."""
    def keep(match: re.Match) -> str:
        inner = match[1]
        gone = inner.strip() and all(font_for_char(c) is None or c.isspace() for c in inner)
        return "" if gone else match[0]

    return _BRACKETED.sub(keep, text)


def _font_segments(runs: list[Run]) -> list[list]:
    """[text, style, font] pieces: fallback-font characters split out, unprintable ones dropped."""
    segs: list[list] = []
    for text, style in runs:
        if (text.isascii() and text.isprintable()) or all(font_for_char(c) == "" for c in set(text)):
            _append_segment(segs, text, style, "")  # every character shows in the text font
            continue
        if any(font_for_char(c) is None for c in set(text)):
            text = _without_empty_brackets(text)
            text = "".join(c for c in text if font_for_char(c) is not None)
            text = _SPACE_IN_BRACKETS.sub(lambda m: m[1] or m[2], text)  # '(a 王)' -> '(a)', not '(a )'
        for font, chars in groupby(text, font_for_char):
            if font is not None:
                _append_segment(segs, "".join(chars), style, font)
    return segs


def _append_segment(segs: list[list], text: str, style: Style, font: str) -> None:
    if segs and segs[-1][1] == style and segs[-1][2] == font:
        segs[-1][0] += text
    else:
        segs.append([text, style, font])


def _squeeze_spaces(segs: list[list]) -> list[list]:
    """No leading, trailing or doubled spaces across segments."""
    out: list[list] = []
    after_space = True
    for text, style, font in segs:
        if "  " in text:
            text = _SPACE_RUN.sub(" ", text)
        if after_space and text.startswith(" "):
            text = text[1:]
        if text:
            after_space = text.endswith(" ")
            out.append([text, style, font])
    while out and out[-1][0].endswith(" "):
        out[-1][0] = out[-1][0].rstrip(" ")
        if not out[-1][0]:
            out.pop()
    return out


def _tags(style: Style, font: str) -> list[str]:
    """Open tags for a segment, outermost first, in one fixed order so nesting is always proper."""
    tags = []
    if style.bold:
        tags.append("<b>")
    if style.italic:
        tags.append("<i>")
    tags.extend(f"<{s}>" for s in style.scripts)
    if font:
        tags.append(f'<font name="{font}">')
    return tags


def _closing(tag: str) -> str:
    return "</" + tag[1:].split(" ", 1)[0].rstrip(">") + ">"


def _markup(runs: list[Run]) -> str:
    out: list[str] = []
    stack: list[str] = []
    for text, style, font in _squeeze_spaces(_font_segments(runs)):
        want = _tags(style, font)
        keep = 0
        while keep < len(stack) and keep < len(want) and stack[keep] == want[keep]:
            keep += 1
        out.extend(_closing(t) for t in reversed(stack[keep:]))
        out.extend(want[keep:])
        out.append(_escape(text))
        stack = want
    out.extend(_closing(t) for t in reversed(stack))
    return "".join(out)


def _fallback_markup(text: str) -> str:
    line = _collapse(text)
    return _escape("".join(c for c in line if font_for_char(c) is not None))


_SUPERSCRIPTS = dict(zip("0123456789+-\u2212=()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾"))
_SUBSCRIPTS = dict(zip("0123456789+-\u2212=()", "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎"))


def _plain_text(runs: list[Run]) -> str:
    """Runs as plain text; a sub/superscript made only of digits and signs uses Unicode script characters."""
    parts = []
    for scripts, group in groupby(runs, key=lambda run: run[1].scripts):
        text = "".join(t for t, _ in group)
        if scripts:
            table = _SUPERSCRIPTS if scripts[-1] == "super" else _SUBSCRIPTS
            if all(c in table for c in text):
                text = "".join(table[c] for c in text)
        parts.append(text)
    return _SPACE_RUN.sub(" ", "".join(parts)).strip(" ")
