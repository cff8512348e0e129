"""User-written plain text (paragraphs, *emphasis*, $math$) -> ReportLab Paragraph markup or plain Unicode."""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from itertools import groupby
from typing import NamedTuple

from booklet.fonts import font_for_char

__all__ = ["inline", "paragraphs", "plain"]


class Style(NamedTuple):
    """How a run of visible text is set: weight, slant and sub/superscript nesting."""

    bold: bool = False
    italic: bool = False
    scripts: tuple[str, ...] = ()  # 'sub' / 'super', outermost first


Run = tuple[str, Style]
PLAIN = Style()

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
        math = _math_runs(s) if kind == "math" else None
        if math is None:
            runs.append((s if kind == "text" else f"${s}$", Style(bold, italic)))
        else:
            runs.extend((t, Style(bold or st.bold, italic or st.italic, st.scripts)) for t, st in math)
    return runs


# --------------------------------------------------------------------------- math

_MAX_DEPTH = 32  # nesting of groups and macro arguments
_MAX_SCRIPTS = 3  # deeper sub/superscripts stay at this level
_TEXT_MODES = frozenset({"text", "textit"})
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")

_CHAR_KIND = {
    "+": "bin", "-": "bin", "*": "bin",
    "=": "rel", "<": "rel", ">": "rel", ":": "rel",
    ",": "punct", ";": "punct",
    "(": "open", "[": "open", ")": "close", "]": "close",
}  # fmt: skip
_MATH_CHAR = {"-": "\u2212", "*": "\u2217", "'": "\u2032"}

_SPACING = {
    ",": " ", ":": " ", ";": " ", ">": " ", " ": " ", "\\": " ", "quad": " ", "qquad": " ",
    "enspace": " ", "thinspace": " ", "medspace": " ", "thickspace": " ", "space": " ",
    "!": "", "/": "", "-": "", "negthinspace": "", "relax": "", "@": "",
}  # fmt: skip
_IGNORED = frozenset(
    "left right middle big Big bigg Bigg bigl bigr Bigl Bigr biggl biggr Biggl Biggr bigm Bigm "
    "displaystyle textstyle scriptstyle scriptscriptstyle limits nolimits nonumber mathstrut strut".split()
)
# \rm-style switches: (mode or None to keep, bold or None to keep)
_SWITCHES = {
    "rm": ("rm", None), "it": ("it", None), "bf": ("rm", True), "sf": ("rm", None),
    "tt": ("rm", None), "cal": ("cal", None), "mit": ("math", None), "boldmath": (None, True),
}  # fmt: skip
# font macros with one argument: (mode, bold, kind of the result)
_FONT_ARGS = {
    "mathrm": ("rm", None, "ord"), "mathup": ("rm", None, "ord"), "mathsf": ("rm", None, "ord"),
    "mathtt": ("rm", None, "ord"), "mathit": ("it", None, "ord"), "mathnormal": ("math", None, "ord"),
    "mathbf": ("rm", True, "ord"), "boldsymbol": (None, True, "ord"), "bm": (None, True, "ord"),
    "mathbb": ("bb", None, "ord"), "mathcal": ("cal", None, "ord"), "mathscr": ("cal", None, "ord"),
    "text": ("text", None, "ord"), "textrm": ("text", None, "ord"), "textnormal": ("text", None, "ord"),
    "textup": ("text", None, "ord"), "textsf": ("text", None, "ord"), "texttt": ("text", None, "ord"),
    "mbox": ("text", None, "ord"), "hbox": ("text", None, "ord"), "textit": ("textit", None, "ord"),
    "emph": ("textit", None, "ord"), "textbf": ("text", True, "ord"),
    "operatorname": ("rm", None, "op"), "mathop": (None, None, "op"), "ensuremath": (None, None, "ord"),
}  # fmt: skip
_FUNCTIONS = frozenset(
    "log ln lg exp sin cos tan cot sec csc sinh cosh tanh coth arcsin arccos arctan "
    "max min sup inf lim limsup liminf det dim ker deg arg gcd hom Pr mod bmod".split()
)
_BIG_OPERATORS = frozenset("sum prod coprod int iint iiint oint bigcup bigcap bigoplus bigotimes".split())
_RELATIONS = frozenset(
    "sim approx simeq cong equiv asymp propto leq le geq ge leqslant geqslant lesssim gtrsim "
    "lessapprox gtrapprox neq ne ll gg in notin ni subset supset subseteq supseteq perp parallel mid "
    "to gets rightarrow leftarrow Rightarrow Leftarrow leftrightarrow Leftrightarrow longrightarrow "
    "Longrightarrow longleftarrow mapsto implies iff prec succ preceq succeq models vdash doteq".split()
)
_BINARIES = frozenset("pm mp times cdot div ast cup cap wedge vee setminus oplus otimes ominus bullet".split())
_OPENS = frozenset("{ lbrace langle lfloor lceil lbrack lvert lVert".split())
_CLOSES = frozenset("} rbrace rangle rfloor rceil rbrack rvert rVert".split())
# Symbols pylatexenc lacks (or renders in a way that suits print less well).
_EXTRA_SYMBOLS = {
    "sun": "\u2609", "odot": "\u2299", "earth": "\u2295", "lesssim": "\u2272", "gtrsim": "\u2273",
    "degree": "\u00b0", "arcdeg": "\u00b0", "prime": "\u2032", "arcmin": "\u2032", "arcsec": "\u2033",
    "ne": "\u2260", "neq": "\u2260", "le": "\u2264", "ge": "\u2265", "leqslant": "\u2a7d",
    "geqslant": "\u2a7e", "lessapprox": "\u2a85", "gtrapprox": "\u2a86", "|": "\u2016",
    "Vert": "\u2016", "Re": "\u211c", "Im": "\u2111", "micro": "\u00b5", "AA": "\u00c5",
    "ang": "\u00c5", "S": "\u00a7", "P": "\u00b6", "cdot": "\u00b7", "implies": "\u27f9",
    "iff": "\u27fa", "lvert": "|", "rvert": "|", "lVert": "\u2016", "rVert": "\u2016",
    "lbrack": "[", "rbrack": "]", "gets": "\u2190", "models": "\u22a8", "%": "%",
}  # fmt: skip
# accent macro -> (combining character, on every character rather than the first)
_ACCENTS = {
    "hat": ("\u0302", False), "widehat": ("\u0302", False), "bar": ("\u0304", False),
    "overline": ("\u0305", True), "underline": ("\u0332", True), "tilde": ("\u0303", False),
    "widetilde": ("\u0303", False), "dot": ("\u0307", False), "ddot": ("\u0308", False),
    "vec": ("\u20d7", False), "check": ("\u030c", False), "breve": ("\u0306", False),
    "acute": ("\u0301", False), "grave": ("\u0300", False), "mathring": ("\u030a", False),
    "'": ("\u0301", False), "`": ("\u0300", False), '"': ("\u0308", False), "^": ("\u0302", False),
    "~": ("\u0303", False), "=": ("\u0304", False), ".": ("\u0307", False),
}  # fmt: skip
# \mathbb / \mathcal letters that live outside the Mathematical Alphanumeric block
_BB_HOLES = {"C": "\u2102", "H": "\u210d", "N": "\u2115", "P": "\u2119", "Q": "\u211a", "R": "\u211d", "Z": "\u2124"}
_CAL_HOLES = {
    "B": "\u212c", "E": "\u2130", "F": "\u2131", "H": "\u210b", "I": "\u2110", "L": "\u2112",
    "M": "\u2133", "R": "\u211b", "e": "\u212f", "g": "\u210a", "o": "\u2134",
}  # fmt: skip

# A macro, a control symbol, spaces, a run of Latin letters or digits (an argument takes only its
# first character, as in TeX: `x^12`), or any other single character.
_MATH_TOKEN = re.compile(r"\\[A-Za-z]+|\\.|\s+|[A-Za-z]+|[0-9]+(?:\.[0-9]+)*|.", re.S)


class _Ctx(NamedTuple):
    mode: str = "math"  # math | rm | it | text | textit | bb | cal
    bold: bool = False
    scripts: tuple[str, ...] = ()


class _Item:
    """One math atom: its kind (ord, bin, rel, open, close, punct, op, space) and its runs."""

    __slots__ = ("kind", "runs")

    def __init__(self, kind: str, runs: list[Run]) -> None:
        self.kind = kind
        self.runs = runs


@lru_cache(maxsize=8192)
def _math_runs(src: str) -> tuple[Run, ...] | None:
    """Runs for the math between two dollars, or None when it shows nothing (print it as written)."""
    try:
        runs = _MathParser(src).render()
    except Exception:
        return None
    if not "".join(t for t, _ in runs).strip():
        return None
    return tuple(runs)


def _upright(ctx: _Ctx) -> Style:
    return Style(ctx.bold, False, ctx.scripts)


class _MathParser:
    """A lenient reader of inline TeX math: stray braces and missing arguments never raise."""

    def __init__(self, src: str) -> None:
        self.toks = [" " if t.isspace() else t for t in _MATH_TOKEN.findall(src)]
        self.pos = 0
        self.depth = 0

    def render(self) -> list[Run]:
        ctx = _Ctx()
        return _flatten(self._parse_list(ctx, None), ctx)

    # -- token access

    def _take(self) -> str | None:
        if self.pos < len(self.toks):
            self.pos += 1
            return self.toks[self.pos - 1]
        return None

    def _peek_nonspace(self) -> str | None:
        while self.pos < len(self.toks) and self.toks[self.pos] == " ":
            self.pos += 1
        return self.toks[self.pos] if self.pos < len(self.toks) else None

    # -- lists, atoms, arguments

    def _parse_list(self, ctx: _Ctx, stop: str | None) -> list[_Item]:
        """Atoms up to `stop` (or the end); a `}` with nothing to close is ignored."""
        items: list[_Item] = []
        if self.depth >= _MAX_DEPTH:
            return items
        self.depth += 1
        while (tok := self._take()) is not None:
            if tok == stop:
                break
            if tok != "}":
                ctx = self._atom(tok, ctx, items)
        self.depth -= 1
        return items

    def _atom(self, tok: str, ctx: _Ctx, items: list[_Item]) -> _Ctx:
        """Add what `tok` (already taken) makes to `items`; returns the context for what follows."""
        if tok == " ":
            if ctx.mode in _TEXT_MODES:
                items.append(_Item("space", [(" ", _upright(ctx))]))
        elif tok == "{":
            items.append(_Item("ord", _flatten(self._parse_list(ctx, "}"), ctx)))
        elif tok in ("^", "_") and ctx.mode not in _TEXT_MODES:
            self._script(tok, ctx, items)
        elif tok[0] == "\\" and len(tok) > 1:
            return self._macro(tok[1:], ctx, items)
        else:
            self._char(tok, ctx, items)
        return ctx

    def _nested_atom(self, tok: str, ctx: _Ctx, items: list[_Item]) -> None:
        if self.depth < _MAX_DEPTH:
            self.depth += 1
            self._atom(tok, ctx, items)
            self.depth -= 1

    def _argument(self, ctx: _Ctx) -> list[Run] | None:
        """A macro or script argument: a group or one token; None when there is none."""
        tok = self._peek_nonspace()
        if tok is None or tok in ("}", "^", "_"):
            return None
        if tok[0] != "\\" and len(tok) > 1:  # a word or number: its first character only
            self.toks[self.pos] = tok[1:]
            tok = tok[0]
        else:
            self.pos += 1
        if tok == "{":
            return _flatten(self._parse_list(ctx, "}"), ctx)
        items: list[_Item] = []
        self._nested_atom(tok, ctx, items)
        return _flatten(items, ctx)

    def _script(self, tok: str, ctx: _Ctx, items: list[_Item]) -> None:
        level = "super" if tok == "^" else "sub"
        scripts = ctx.scripts + (level,) if len(ctx.scripts) < _MAX_SCRIPTS else ctx.scripts
        runs = self._argument(ctx._replace(scripts=scripts))
        if runs is None:  # a bare ^ or _ prints as itself
            items.append(_Item("ord", [(tok, _upright(ctx))]))
        elif items and items[-1].kind != "space":
            items[-1].runs.extend(runs)
        else:
            items.append(_Item("ord", runs))

    def _char(self, ch: str, ctx: _Ctx, items: list[_Item]) -> None:
        """A character, or a run of Latin letters or digits."""
        if ctx.mode in _TEXT_MODES:
            text = " " if ch == "~" else ch
            items.append(_Item("ord", [(text, Style(ctx.bold, ctx.mode == "textit", ctx.scripts))]))
            return
        if ch == "~":
            items.append(_Item("space", [(" ", _upright(ctx))]))
            return
        italic = ctx.mode == "it" or (ctx.mode == "math" and ch[0] in _ASCII_LETTERS)
        text = _MATH_CHAR.get(ch, ch)
        if ctx.mode in ("bb", "cal"):
            text = "".join(_alphabet(c, ctx.mode) for c in text)
        items.append(_Item(_CHAR_KIND.get(ch, "ord"), [(text, Style(ctx.bold, italic, ctx.scripts))]))

    # -- macros

    def _macro(self, name: str, ctx: _Ctx, items: list[_Item]) -> _Ctx:
        if name in _SPACING:
            if _SPACING[name]:
                items.append(_Item("space", [(_SPACING[name], _upright(ctx))]))
        elif name in _SWITCHES:
            return _switched(ctx, *_SWITCHES[name])
        elif name in _IGNORED:
            if self._peek_nonspace() == ".":  # \left. and \right. are empty delimiters
                self.pos += 1
        elif name in _FONT_ARGS:
            mode, bold, kind = _FONT_ARGS[name]
            inner = _switched(ctx, mode, bold)
            items.append(_Item(kind, self._argument(inner) or []))
        elif name in _FUNCTIONS:
            items.append(_Item("op", [(name, _upright(ctx))]))
        elif name in ("frac", "dfrac", "tfrac", "cfrac"):
            self._frac(ctx, items)
        elif name == "sqrt":
            self._sqrt(ctx, items)
        elif name in _ACCENTS:
            mark, every = _ACCENTS[name]
            items.append(_Item("ord", _with_mark(self._argument(ctx) or [], mark, every)))
        elif name == "not":
            self._negation(ctx, items)
        elif (symbol := _symbol(name)) is not None:
            if not symbol:
                return ctx
            italic = ctx.mode in ("it", "textit")
            items.append(_Item(_macro_kind(name), [(symbol, Style(ctx.bold, italic, ctx.scripts))]))
        else:  # unknown: print as written
            items.append(_Item("op" if name.isalpha() else "ord", [("\\" + name, _upright(ctx))]))
        return ctx

    def _frac(self, ctx: _Ctx, items: list[_Item]) -> None:
        num = self._argument(ctx) or []
        den = self._argument(ctx) or []
        slash = [("/", _upright(ctx))]
        items.append(_Item("ord", _parenthesised(num, ctx) + slash + _parenthesised(den, ctx)))

    def _sqrt(self, ctx: _Ctx, items: list[_Item]) -> None:
        index: list[Run] = []
        if self._peek_nonspace() == "[":
            self.pos += 1
            scripts = ctx.scripts + ("super",) if len(ctx.scripts) < _MAX_SCRIPTS else ctx.scripts
            index_ctx = ctx._replace(scripts=scripts)
            index = _flatten(self._parse_list(index_ctx, "]"), index_ctx)
        radicand = self._argument(ctx) or []
        root = {"3": "\u221b", "4": "\u221c"}.get(_visible(index))
        sign = [(root, _upright(ctx))] if root else index + [("\u221a", _upright(ctx))]
        items.append(_Item("ord", sign + _parenthesised(radicand, ctx)))

    def _negation(self, ctx: _Ctx, items: list[_Item]) -> None:
        tok = self._peek_nonspace()
        if tok is None:
            return
        self.pos += 1
        negated: list[_Item] = []
        self._nested_atom(tok, ctx, negated)
        if negated:
            negated[0].runs = _with_mark(negated[0].runs, "\u0338", False)
        items.extend(negated)


def _switched(ctx: _Ctx, mode: str | None, bold: bool | None) -> _Ctx:
    if mode is not None:
        if ctx.mode in _TEXT_MODES and mode in ("rm", "it"):
            mode = "text" if mode == "rm" else "textit"
        ctx = ctx._replace(mode=mode)
    if bold is not None:
        ctx = ctx._replace(bold=bold)
    return ctx


def _macro_kind(name: str) -> str:
    if name in _RELATIONS:
        return "rel"
    if name in _BINARIES:
        return "bin"
    if name in _OPENS:
        return "open"
    if name in _CLOSES:
        return "close"
    if name in _BIG_OPERATORS:
        return "op"
    return "ord"


@cache
def _latex_dbs():
    from pylatexenc import latex2text, latexwalker

    return latex2text.get_default_latex_context_db(), latexwalker.get_default_latex_context_db()


@cache
def _symbol(name: str) -> str | None:
    """Unicode for an argument-less macro (`alpha` -> 'α'), or None when it is not known as one."""
    if name in _EXTRA_SYMBOLS:
        return _EXTRA_SYMBOLS[name]
    text_db, walker_db = _latex_dbs()
    repl = getattr(text_db.get_macro_spec(name), "simplify_repl", None)
    if not isinstance(repl, str) or "%s" in repl or "%(" in repl:
        return None
    args_parser = getattr(walker_db.get_macro_spec(name), "args_parser", None)
    if getattr(args_parser, "argspec", None):
        return None  # takes arguments: not a symbol
    return repl


def _alphabet(ch: str, mode: str) -> str:
    """Blackboard-bold or calligraphic letters for \\mathbb / \\mathcal."""
    if mode == "bb":
        if ch in _BB_HOLES:
            return _BB_HOLES[ch]
        if ch in _ASCII_LETTERS:
            return _shifted(ch, 0x1D538, 0x1D552)
        if ch.isdigit() and ch.isascii():
            return chr(0x1D7D8 + int(ch))
    elif mode == "cal":
        if ch in _CAL_HOLES:
            return _CAL_HOLES[ch]
        if ch in _ASCII_LETTERS:
            return _shifted(ch, 0x1D49C, 0x1D4B6)
    return ch


def _shifted(letter: str, upper_base: int, lower_base: int) -> str:
    if letter.isupper():
        return chr(upper_base + ord(letter) - ord("A"))
    return chr(lower_base + ord(letter) - ord("a"))


def _with_mark(runs: list[Run], mark: str, every: bool) -> list[Run]:
    """Put a combining `mark` after the first visible character (or after every one)."""
    out: list[Run] = []
    done = False
    for text, style in runs:
        if every:
            text = "".join(c if c.isspace() else c + mark for c in text)
        elif not done and text:
            text, done = text[0] + mark + text[1:], True
        out.append((unicodedata.normalize("NFC", text), style))
    return out


def _visible(runs: list[Run]) -> str:
    return "".join(t for t, _ in runs)


def _parenthesised(runs: list[Run], ctx: _Ctx) -> list[Run]:
    """Runs in parentheses when they are more than one character (a number stays bare)."""
    text = _visible(runs)
    if sum(1 for c in text if not unicodedata.combining(c)) <= 1 or all(c.isdigit() or c == "." for c in text):
        return runs
    return [("(", _upright(ctx)), *runs, (")", _upright(ctx))]


def _flatten(items: list[_Item], ctx: _Ctx) -> list[Run]:
    """Runs of a math list, with a space around relations and binary operators (not in scripts or text)."""
    items = [it for it in items if it.runs]
    if ctx.scripts or ctx.mode in _TEXT_MODES or len(items) < 2:
        return [run for it in items for run in it.runs]
    kinds = _effective_kinds(items)
    space = (" ", Style(ctx.bold, False, ()))
    out = list(items[0].runs)
    for i in range(1, len(items)):
        if _spaced(items, kinds, i):
            out.append(space)
        out.extend(items[i].runs)
    return out


def _effective_kinds(items: list[_Item]) -> list[str]:
    """Kinds with TeX's rule applied: a binary operator with no operand on one side is an ordinary sign."""
    kinds = [it.kind for it in items]
    prev = None
    for i, k in enumerate(kinds):
        if k == "bin" and prev in (None, "bin", "rel", "open", "punct", "op"):
            kinds[i] = "ord"
        if k != "space":
            prev = kinds[i]
    following = None
    for i in range(len(kinds) - 1, -1, -1):
        if kinds[i] == "bin" and following in (None, "rel", "close", "punct"):
            kinds[i] = "ord"
        if kinds[i] != "space":
            following = kinds[i]
    return kinds


def _spaced(items: list[_Item], kinds: list[str], i: int) -> bool:
    """Whether a space goes between items i-1 and i."""
    left, right = kinds[i - 1], kinds[i]
    if left == "space" or right == "space":
        return False
    if right in ("bin", "rel"):
        return left != "open"
    if left in ("bin", "rel"):
        return right not in ("close", "punct")
    if left == "op":
        return right in ("ord", "op")
    if left == "punct":  # after a comma, except between digits (1,000)
        before = _visible(items[i - 2].runs)[-1:] if i >= 2 else ""
        after = _visible(items[i].runs)[:1]
        return not (before.isdigit() and after.isdigit())
    return False


# --------------------------------------------------------------------------- runs -> markup / plain text


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _font_segments(runs: list[Run]) -> list[list]:
    """[text, style, font] pieces: fallback-font characters split out, unprintable ones dropped."""
    segs: list[list] = []
    for text, style in runs:
        if (text.isascii() and text.isprintable()) or all(font_for_char(c) == "" for c in set(text)):
            _append_segment(segs, text, style, "")  # every character shows in the text font
            continue
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
