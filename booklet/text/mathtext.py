"""Inline LaTeX math source (what stands between two dollars) -> styled runs of Unicode text."""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from typing import NamedTuple

class Style(NamedTuple):
    """How a run of visible text is set: weight, slant and sub/superscript nesting."""

    bold: bool = False
    italic: bool = False
    scripts: tuple[str, ...] = ()  # 'sub' / 'super', outermost first


Run = tuple[str, Style]
PLAIN = Style()


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
def math_runs(src: str) -> tuple[Run, ...] | None:
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
