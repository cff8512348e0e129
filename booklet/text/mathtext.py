"""Inline LaTeX math source (what stands between two dollars) -> styled runs of Unicode text."""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from typing import NamedTuple

from . import mhchem, siunitx


class Script(NamedTuple):
    """One level of sub/superscript: its kind, and the nucleus it belongs to.

    The scripts of one nucleus share a group number, so that a subscript and a superscript of
    the same nucleus (`x_i^2`) are set one above the other, as TeX sets them."""

    kind: str  # 'sub' | 'super'
    group: int


class Root(NamedTuple):
    """A part of a square root (`\\sqrt[n]{x}`) a run belongs to: the paragraph sets the root as one box, its sign with
    a bar over the radicand (text.paragraph). `depth`: how many levels of scripts stand around the root, so that the
    root's tags nest with theirs (text.markup); `group` numbers it as scripts' groups are numbered (the same count)."""

    part: str  # 'index' | 'sign' | 'radicand' | 'fence' (a parenthesis plain text prints around the radicand: √(x+1))
    group: int
    depth: int


class Style(NamedTuple):
    """How a run of visible text is set: weight, slant, sub/superscript nesting, or a fixed space."""

    bold: bool = False
    italic: bool = False
    scripts: tuple[Script, ...] = ()  # outermost first
    kern: float = 0.0  # not 0: the run is a fixed space of this many ems (its text is what plain text shows)
    code: str = ""  # code, set in the code font (text.fonts.MONO) where it has the characters: "span" (in a line of
    # text: a point smaller), "block" (a line of a block of code, whose paragraph's style sets the size)
    math: bool = False  # a formula's sign (+, =, ×) or letter of \mathbb, \mathfrak: in the math font (fonts.math_font)
    correction: bool = False  # an empty run: the italic correction of the math letter before it (TeX's), which
    # the paragraph measures in that letter's font (markup.italic_corrected, paragraph's <mcorr>)
    unhyphenated: bool = False  # a run of a formula that has a word hyphenation could break (markup.HYPHENABLE):
    # never hyphenated (<nobr>), a hyphen in a formula reading as a minus sign; or of one glued to a word by a hyphen
    # ("$x$-axis"), which the paragraph breaks at that hyphen alone
    roots: tuple[Root, ...] = ()  # the square roots it stands in, outermost first


Run = tuple[str, Style]
PLAIN = Style()


_MAX_DEPTH = 32  # nesting of groups and macro arguments
_MAX_SCRIPTS = _MAX_DEPTH  # sub/superscripts nest as deep as groups do; from the second level on at the smallest size
_TEXT_MODES = frozenset({"text", "textit"})
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")

_CHAR_KIND = {
    "+": "bin", "-": "bin", "*": "bin",
    "&": "bin",  # (TeX's alignment tab, an error in a line's math: written as "and", spaced as an operator)
    "=": "rel", "<": "rel", ">": "rel", ":": "rel",
    ",": "punct", ";": "punct",
    "(": "open", "[": "open", ")": "close", "]": "close",
}  # fmt: skip
_MATH_CHAR = {"-": "\u2212", "*": "\u2217", "'": "\u2032"}
# Operator and relation signs the text font may have in a smaller design than the math font's minus sign, ≤ and ≈:
# set in the minus sign's font, the math font (Style.math)
_SIGNS = frozenset("+=<>\u2212\u00d7\u00b1\u2213\u00f7")
_ALPHABETS = ("bb", "cal", "frak")  # modes of math alphabets (\mathbb, \mathcal, \mathfrak), in the math font too

NBSP = "\u00a0"
# Spaces that may stretch and break a line as a space between words does (TeX's glue).
_SPACING = {" ": " ", "\\": " ", "space": " ", "/": "", "-": "", "relax": "", "@": ""}
# Fixed spaces, in ems of the current size (TeX's math spaces in mu, 18 to the em; \quad is 1 em).
_KERNS = {
    ",": 3 / 18, "thinspace": 3 / 18, ":": 4 / 18, ">": 4 / 18, "medspace": 4 / 18, ";": 5 / 18,
    "thickspace": 5 / 18, "enspace": 0.5, "enskip": 0.5, "quad": 1.0, "qquad": 2.0,
    "!": -3 / 18, "negthinspace": -3 / 18, "negmedspace": -4 / 18, "negthickspace": -5 / 18,
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
    "mathfrak": ("frak", None, "ord"),
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
    "Longrightarrow longleftarrow longleftrightarrow rightleftharpoons leftrightharpoons rightleftarrows "
    "leftrightarrows mapsto implies iff prec succ preceq succeq models vdash doteq".split()
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
# \mathbb / \mathcal / \mathfrak letters that live outside the Mathematical Alphanumeric block
_BB_HOLES = {"C": "\u2102", "H": "\u210d", "N": "\u2115", "P": "\u2119", "Q": "\u211a", "R": "\u211d", "Z": "\u2124"}
_CAL_HOLES = {
    "B": "\u212c", "E": "\u2130", "F": "\u2131", "H": "\u210b", "I": "\u2110", "L": "\u2112",
    "M": "\u2133", "R": "\u211b", "e": "\u212f", "g": "\u210a", "o": "\u2134",
}  # fmt: skip
_FRAK_HOLES = {"C": "\u212d", "H": "\u210c", "I": "\u2111", "R": "\u211c", "Z": "\u2128"}

_MATH_ITALIC = re.compile("[\u03b1-\u03c9\u03d1\u03d5\u03d6\u03f1\u03f5\u0127\u2202]")  # α-ω ϑ ϕ ϖ ϱ ϵ ħ ∂

# A macro, a control symbol, spaces, a run of Latin letters or digits (an argument takes only its
# first character, as in TeX: `x^12`), or any other single character.
_ROW = "\x00row"  # what `\\\\` ends a line of \\substack as (see _MathParser._substack)
_MATH_TOKEN = re.compile(r"\\[A-Za-z]+|\\.|\s+|[A-Za-z]+|[0-9]+(?:\.[0-9]+)*|.", re.S)


class _Ctx(NamedTuple):
    mode: str = "math"  # math | rm | it | text | textit | bb | cal | frak
    bold: bool = False
    scripts: tuple[Script, ...] = ()


class _Item:
    """One math atom: its kind (ord, bin, rel, open, close, punct, op, space), its runs, and the
    group number and kinds of the scripts attached to it."""

    __slots__ = ("kind", "runs", "group", "attached", "spaced", "frac")

    def __init__(self, kind: str, runs: list[Run]) -> None:
        self.kind = kind
        self.runs = runs
        self.group: int | None = None
        self.attached: set[str] = set()
        self.spaced = False  # the author wrote a space after it (which math mode otherwise ignores)
        self.frac = 0  # a fraction set on the line (a/b): how many of its runs are the fraction's (its scripts follow)


@lru_cache(maxsize=8192)
def _parsed(src: str) -> tuple[tuple[Run, ...] | None, tuple[str, ...], tuple[str, ...], bool, tuple[str, ...],
                               tuple[str, ...]]:
    try:
        if "\\" in src:
            src = mhchem.in_math(siunitx.in_math(src))  # (\SI{50}{\milli\kelvin}, \ce{H2O}: the math they stand for)
        parser = _MathParser(src)
        runs = parser.render()
    except Exception:
        return None, (), (), False, (), ()
    unknown = tuple(dict.fromkeys(parser.unknown))
    missing = tuple(dict.fromkeys(parser.missing))
    empty = tuple(dict.fromkeys(parser.empty))
    primes = tuple(dict.fromkeys(parser.primes))
    if not any(t for t, _ in runs):  # (a formula of spaces alone, "10$\,$GeV", prints its space)
        return None, unknown, missing, parser.breaks, empty, primes
    return tuple(runs), unknown, missing, parser.breaks, empty, primes


def math_runs(src: str) -> tuple[Run, ...] | None:
    """Runs for the math between two dollars, or None when it shows nothing (print it as written)."""
    return _parsed(src)[0]


def unknown_macros(src: str) -> tuple[str, ...]:
    """The macros in the math between two dollars that booklet does not know (printed as written)."""
    return _parsed(src)[1]


def missing_arguments(src: str) -> tuple[str, ...]:
    """What in the math between two dollars lacks an argument TeX would want (`\\frac` in `\\frac{1}`, `^` in
    `x^`): TeX stops there with an error; booklet prints what there is."""
    return _parsed(src)[2]


def empty_arguments(src: str) -> tuple[str, ...]:
    """The macros in the math between two dollars given an empty argument where one is wanted to show anything
    (`\\frac{}{}`, `\\sqrt{}`, `\\hat{}`): TeX sets an empty box there; booklet prints the bare slash, root sign or
    nothing."""
    return _parsed(src)[4]


def escaped_primes(src: str) -> tuple[str, ...]:
    """What in the math between two dollars follows `\\'` where a prime was meant (`f\\'(x)`, the quote escaped as
    JSON and YAML escape one): LaTeX's acute accent, which LaTeX refuses in math, with no letter to put it on (a
    bracket, nothing). booklet prints a prime there, as `f'(x)` prints one; '' for the formula's end."""
    return _parsed(src)[5]


@lru_cache(maxsize=8192)
def opens_with_relation(src: str) -> bool:
    """Whether the math `src` starts with a relation ("> 84\\%", "\\sim 3", "\\lesssim 1"): a formula a line never
    starts with, as a relation sign in text (markup._relations_held)."""
    try:
        if "\\" in src:
            src = mhchem.in_math(siunitx.in_math(src))
        items = _MathParser(src)._parse_list(_Ctx(), None)
    except Exception:
        return False
    return next((item.kind for item in items if item.kind != "space" and item.runs), None) == "rel"


def line_breaks(src: str) -> bool:
    """Whether the math between two dollars breaks its line with `\\\\` (as TeX's inline math may): booklet sets a
    formula on one line, the break a space."""
    return _parsed(src)[3]


def _upright(ctx: _Ctx) -> Style:
    return Style(ctx.bold, False, ctx.scripts)


class _MathParser:
    """A lenient reader of inline TeX math: stray braces and missing arguments never raise."""

    def __init__(self, src: str) -> None:
        self.toks = [" " if t.isspace() else t for t in _MATH_TOKEN.findall(src)]
        self.pos = 0
        self.depth = 0
        self.groups = 0  # script groups handed out
        self.unknown: list[str] = []  # macros printed as written
        self.missing: list[str] = []  # macros (and ^, _) whose argument is not there
        self.breaks = False  # a \\ (TeX's line break) was read, set as a space
        self.empty: list[str] = []  # macros (\frac, \sqrt, accents) given an argument that shows nothing
        self.primes: list[str] = []  # what follows each \' read as a prime (escaped_primes)

    def render(self) -> list[Run]:
        ctx = _Ctx()
        return _flatten(self._parse_list(ctx, None), ctx, outer=True)

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
            elif items:
                items[-1].spaced = True
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
        if tok is None or tok in ("}", "^", "_", _ROW):  # (a line of \\substack ends: `\\substack{a_}` has none)
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
        """A sub/superscript, attached to the atom before it (a second script of the same kind, or
        one with nothing before it, gets an empty nucleus of its own, as `{}_b` would in TeX)."""
        kind = "super" if tok == "^" else "sub"
        nucleus = items[-1] if items and items[-1].kind != "space" and kind not in items[-1].attached else None
        mark = self._degree_or_prime() if kind == "super" else None
        if mark:  # 30^\circ: a degree sign; f^\prime: f′, as f' (Unicode's prime is raised already)
            degree = [(mark, _upright(ctx))]
            if nucleus is None:
                items.append(_Item("ord", degree))
            else:
                nucleus.runs.extend(degree)
            return
        if nucleus is not None and nucleus.group is not None:
            group = nucleus.group
        else:
            group, self.groups = self.groups, self.groups + 1
        inner = ctx
        if len(ctx.scripts) < _MAX_SCRIPTS:
            inner = ctx._replace(scripts=ctx.scripts + (Script(kind, group),))
        runs = self._argument(inner)
        if runs is None:  # a bare ^ or _ prints as itself
            self.missing.append(tok)
            items.append(_Item("ord", [(tok, _upright(ctx))]))
            return
        if nucleus is None:
            nucleus = _Item("ord", [])
            items.append(nucleus)
        nucleus.group = group
        nucleus.attached.add(kind)
        nucleus.runs.extend(runs)

    def _degree_or_prime(self) -> str:
        """° when the superscript that follows is `\\circ` (or `{\\circ}`), ′ (″, ‴) when it is `\\prime` (or
        `{\\prime}`, `{\\prime\\prime}`, ...), and it is taken; else ''."""
        tok = self._peek_nonspace()
        if tok in ("\\circ", "\\prime"):
            self.pos += 1
            return "\u00b0" if tok == "\\circ" else "\u2032"
        rest = [t for t in self.toks[self.pos : self.pos + 9] if t != " "]
        inside = rest[1 : rest.index("}")] if rest[:1] == ["{"] and "}" in rest else []
        if inside == ["\\circ"] or (inside and set(inside) == {"\\prime"}):
            while self.toks[self.pos] != "}":
                self.pos += 1
            self.pos += 1
            return "\u00b0" if inside == ["\\circ"] else "\u2032" * len(inside)
        return ""

    def _char(self, ch: str, ctx: _Ctx, items: list[_Item]) -> None:
        """A character, or a run of Latin letters or digits."""
        if ch == "~":  # a tie: a space that stretches but never breaks the line
            items.append(_Item("space", [(NBSP, _upright(ctx))]))
            return
        if ctx.mode in _TEXT_MODES:
            items.append(_Item("ord", [(ch, Style(ctx.bold, ctx.mode == "textit", ctx.scripts))]))
            return
        italic = ctx.mode == "it" or (ctx.mode == "math" and ch[0] in _ASCII_LETTERS)
        text = _MATH_CHAR.get(ch, ch)
        if ctx.mode in _ALPHABETS:
            text = "".join(_alphabet(c, ctx.mode) for c in text)
        style = Style(ctx.bold, italic, ctx.scripts, math=text in _SIGNS or ctx.mode in _ALPHABETS)
        items.append(_Item(_CHAR_KIND.get(ch, "ord"), [(text, style)]))

    # -- macros

    def _macro(self, name: str, ctx: _Ctx, items: list[_Item]) -> _Ctx:
        if name in _SPACING:
            self.breaks = self.breaks or name == "\\"
            if _SPACING[name]:
                items.append(_Item("space", [(_SPACING[name], _upright(ctx))]))
        elif name in _KERNS:
            em = _KERNS[name]
            items.append(_Item("space", [(" " if em > 0 else "", Style(ctx.bold, False, ctx.scripts, em))]))
        elif name in _SWITCHES:
            return _switched(ctx, *_SWITCHES[name])
        elif name in _IGNORED:
            if self._peek_nonspace() == ".":  # \left. and \right. are empty delimiters
                self.pos += 1
        elif name in _FONT_ARGS:
            mode, bold, kind = _FONT_ARGS[name]
            inner = _switched(ctx, mode, bold)
            items.append(_Item(kind, self._wanted(name, self._argument(inner))))
        elif name in _FUNCTIONS:
            items.append(_Item("op", [(name, _upright(ctx))]))
        elif name in ("frac", "dfrac", "tfrac", "cfrac"):
            self._frac(name, ctx, items)
        elif name == "sqrt":
            self._sqrt(ctx, items)
        elif name == "substack" and self._peek_nonspace() == "{":
            self._substack(ctx, items)
        elif name == "'" and self._no_letter_next():  # (at the formula's start too: $\'(x)$ is $'(x)$, not an
            # accent on the bracket)
            if (after := self._peek_nonspace()) != "\\'":  # f\'(x): a prime, as f'(x) (see escaped_primes)
                self.primes.append(after or "")
            self._char("'", ctx, items)
        elif name in _ACCENTS:
            mark, every = _ACCENTS[name]
            items.append(_Item("ord", _with_mark(self._wanted(name, self._argument(ctx), True), mark, every)))
        elif name == "not":
            self._negation(ctx, items)
        elif (symbol := _symbol(name)) is not None:
            if not symbol:
                return ctx
            # TeX's math italic: lowercase Greek (\alpha; capitals stay upright), \hbar, \partial
            italic = ctx.mode in ("it", "textit") or (ctx.mode == "math" and _MATH_ITALIC.fullmatch(symbol) is not None)
            style = Style(ctx.bold, italic, ctx.scripts, math=symbol in _SIGNS)
            items.append(_Item(_macro_kind(name), [(symbol, style)]))
        else:  # unknown: print as written, its arguments' braces too (\foo{x}, not \foo x)
            self.unknown.append("\\" + name)
            written = [("\\" + name, _upright(ctx))]
            while self.pos < len(self.toks) and self.toks[self.pos] == "{":
                self.pos += 1
                start = self.pos
                inner = _flatten(self._parse_list(ctx, "}"), ctx)
                closed = self.pos > start and self.toks[self.pos - 1] == "}"
                # a '{' that nothing closes is left out, as it is everywhere else in math
                brace = [("{", _upright(ctx))] if closed else []
                written += [*brace, *inner, *([("}", _upright(ctx))] if closed else [])]
            items.append(_Item("op" if name.isalpha() and len(written) == 1 else "ord", written))
        return ctx

    def _no_letter_next(self) -> bool:
        """Whether what comes next is no letter, group or macro an accent could be put on (a bracket, a sign,
        nothing)."""
        tok = self._peek_nonspace()
        return tok is None or tok in (_ROW, "\\'") or not (tok[0].isalpha() or tok[0] in "{\\")

    def _wanted(self, name: str, runs: list[Run] | None, shown: bool = False) -> list[Run]:
        """A macro's argument's runs; none when it has none (noted: TeX would stop there). `shown`: the argument is
        one that should show something (a fraction's, a root's, an accent's): noted when it shows nothing."""
        if runs is None:
            self.missing.append("\\" + name)
            return []
        if shown and not _visible(runs).strip():
            self.empty.append("\\" + name)
        return runs

    def _frac(self, name: str, ctx: _Ctx, items: list[_Item]) -> None:
        num = self._wanted(name, self._argument(ctx), True)
        den = self._wanted(name, self._argument(ctx), True)
        slash = [("/", _upright(ctx))]
        fraction = _Item("ord", _parenthesised(num, ctx, False) + slash + _parenthesised(den, ctx, False))
        fraction.frac = len(fraction.runs)
        items.append(fraction)

    def _substack(self, ctx: _Ctx, items: list[_Item]) -> None:
        """amsmath's `\\substack{a \\\\ b}` (the lines of a limit, one under another), its group next: two lines
        outside a script are set as a superscript over a subscript after what comes before ("150 \\substack{+60 \\\\
        -40}", an error above and below the value: the Les Houches import's poster, printed as written); in a script,
        or more lines, side by side, ", " between them. An empty line (after a last `\\\\`) is left out, and so is the
        space a line's end may ask for (`\\\\[2pt]`)."""
        self.pos += 1  # (the "{")
        depth, at, ends = 0, self.pos, []
        while at < len(self.toks) and not (depth == 0 and self.toks[at] == "}"):
            depth += {"{": 1, "}": -1}.get(self.toks[at], 0)
            if depth == 0 and self.toks[at] == "\\\\":
                self.toks[at] = _ROW  # (a line's end, not a space: nothing for lint's line breaks to find)
                ends.append(at)
                self._skip_space_asked(at + 1)
            at += 1
        if at < len(self.toks):
            self.toks[at] = _ROW  # (its closing brace: the last line's end)
        starts = [self.pos, *(end + 1 for end in ends)]
        filled = [any(tok != " " for tok in self.toks[first:last]) for first, last in zip(starts, [*ends, at])]
        stacked = not ctx.scripts and sum(filled) == 2
        group = self.groups
        if stacked:
            self.groups += 1
        rows = []
        for line in filled:
            kind = ("super", "sub")[len(rows)] if stacked and line else None
            inner = ctx._replace(scripts=ctx.scripts + (Script(kind, group),)) if kind else ctx
            start = self.pos
            row = _flatten(self._parse_list(inner, _ROW), inner)
            if line:
                rows.append(row)
            if self.pos == start:  # (nested past _MAX_DEPTH, nothing read: the rest of it left out, as never ending)
                self.pos = min(at + 1, len(self.toks))
            if self.pos > at or self.pos >= len(self.toks):
                break
        if stacked:
            nucleus = _Item("ord", [run for row in rows for run in row])
            nucleus.group, nucleus.attached = group, {"super", "sub"}
            items.append(nucleus)
            return
        joined: list[Run] = []
        for row in rows:
            joined += [(", ", _upright(ctx))] if joined else []
            joined += row
        items.append(_Item("ord", joined))

    def _skip_space_asked(self, at: int) -> None:
        """A line's end's space asked for in brackets after it (`\\\\[2pt]`), from token `at` on, made spaces."""
        while at < len(self.toks) and self.toks[at] == " ":
            at += 1
        if at < len(self.toks) and self.toks[at] == "[":
            close = next((i for i in range(at, len(self.toks)) if self.toks[i] in ("]", "{", "}")), None)
            if close is not None and self.toks[close] == "]":
                self.toks[at:close + 1] = [" "] * (close + 1 - at)

    def _sqrt(self, ctx: _Ctx, items: list[_Item]) -> None:
        """A square root: its sign, and its radicand under a bar (the paragraph draws it: Root), an index (`\\sqrt[n]`)
        before it, small and raised (3 and 4 as the signs ∛ and ∜); plain text, which has no bar, prints the radicand
        in parentheses when it is more than one character (√(s_NN))."""
        index: list[Run] = []
        group, depth = self.groups, len(ctx.scripts)
        self.groups += 1
        if self._peek_nonspace() == "[":
            self.pos += 1
            scripts = ctx.scripts
            if len(scripts) < _MAX_SCRIPTS:
                scripts += (Script("super", self.groups),)
                self.groups += 1
            index_ctx = ctx._replace(scripts=scripts)
            index = _flatten(self._parse_list(index_ctx, "]"), index_ctx)
        radicand = self._wanted("sqrt", self._argument(ctx), True)
        root = {"3": "\u221b", "4": "\u221c"}.get(_visible(index))
        sign = [(root, _upright(ctx))] if root else [("\u221a", _upright(ctx))]
        if root or not _visible(index):
            index = []
        if not _visible(radicand):  # (no radicand: the bare sign, as before)
            items.append(_Item("ord", index + sign))
            return
        fenced = _parenthesised(radicand, ctx)
        fences = ([("(", _upright(ctx))], [(")", _upright(ctx))]) if fenced is not radicand else ([], [])
        items.append(_Item("ord", _in_root(index, "index", group, depth) + _in_root(sign, "sign", group, depth)
                           + _in_root(fences[0], "fence", group, depth) + _in_root(radicand, "radicand", group, depth)
                           + _in_root(fences[1], "fence", group, depth)))

    def _negation(self, ctx: _Ctx, items: list[_Item]) -> None:
        tok = self._peek_nonspace()
        if tok is None or tok == _ROW:
            self.missing.append("\\not")
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


def _latex_symbol(name: str) -> str | None:
    """Unicode for an argument-less macro as pylatexenc's tables give it, or None when they have no such macro."""
    text_db, walker_db = _latex_dbs()
    repl = getattr(text_db.get_macro_spec(name), "simplify_repl", None)
    if not isinstance(repl, str) or "%s" in repl or "%(" in repl:
        return None
    args_parser = getattr(walker_db.get_macro_spec(name), "args_parser", None)
    if getattr(args_parser, "argspec", None):
        return None  # takes arguments: not a symbol
    return repl


def latex_symbols() -> dict[str, str]:
    """Every argument-less macro of pylatexenc's tables -> its Unicode (what _latex_symbol gives each name)."""
    names = dict.fromkeys(spec.macroname for spec in _latex_dbs()[0].iter_macro_specs())
    return {name: symbol for name in names if (symbol := _latex_symbol(name)) is not None}


@cache
def _symbols() -> dict[str, str]:
    """latex_symbols(), kept in booklet's disk cache by pylatexenc's version (building pylatexenc's tables
    takes longer than reading this)."""
    import pylatexenc

    from ..cache import disk

    name = disk.key("latex-symbols", pylatexenc.__version__)
    found = disk.load("latex-symbols", name, dict, lasts=False)
    if found is None:
        found = latex_symbols()
        disk.store("latex-symbols", name, found)
    return found


@cache
def _symbol(name: str) -> str | None:
    """Unicode for an argument-less macro (`alpha` -> 'α'), or None when it is not known as one."""
    if name in _EXTRA_SYMBOLS:
        return _EXTRA_SYMBOLS[name]
    return _symbols().get(name)


def symbol(name: str) -> str | None:
    """Unicode for an argument-less macro's name (`mu` -> 'μ'), as math sets it; None when it is not one."""
    return _symbol(name)


def _alphabet(ch: str, mode: str) -> str:
    """Blackboard-bold, calligraphic or Fraktur letters for \\mathbb / \\mathcal / \\mathfrak."""
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
    elif mode == "frak":
        if ch in _FRAK_HOLES:
            return _FRAK_HOLES[ch]
        if ch in _ASCII_LETTERS:
            return _shifted(ch, 0x1D504, 0x1D51E)
    return ch


def _shifted(letter: str, upper_base: int, lower_base: int) -> str:
    if letter.isupper():
        return chr(upper_base + ord(letter) - ord("A"))
    return chr(lower_base + ord(letter) - ord("a"))


def _with_mark(runs: list[Run], mark: str, every: bool) -> list[Run]:
    """Put a combining `mark` after the first visible character (or after every one: every letter or sign, not a mark
    an accent inside put there, so that `\\overline` nested 24 deep is 24 marks on a letter, not 2 ** 24 characters)."""
    out: list[Run] = []
    done = False
    for text, style in runs:
        if every:
            text = "".join(c if c.isspace() or unicodedata.combining(c) else c + mark for c in text)
        elif not done and text:
            text, done = text[0] + mark + text[1:], True
        out.append((unicodedata.normalize("NFC", text), style))
    return out


def _in_root(runs: list[Run], part: str, group: int, depth: int) -> list[Run]:
    """`runs` as the `part` of the root `group` (Root), inside the roots they stand in already."""
    root = Root(part, group, depth)
    return [(text, style._replace(roots=(root, *style.roots))) for text, style in runs]


def _visible(runs: list[Run]) -> str:
    return "".join(t for t, _ in runs)


def _parenthesised(runs: list[Run], ctx: _Ctx, scripts: bool = True) -> list[Run]:
    """Runs in parentheses when they are more than one character (a number stays bare), their scripts counted or
    not (a fraction's: a letter with a power, x² or 10⁻³, stays bare, \\frac{x^2}{2} is x²/2; a root's is √(s_NN))."""
    base = "".join(text for text, style in runs if scripts or len(style.scripts) <= len(ctx.scripts) and not style.kern)
    if sum(1 for c in base if not unicodedata.combining(c)) <= 1 or all(c.isdigit() or c == "." for c in base):
        return runs
    return [("(", _upright(ctx)), *runs, (")", _upright(ctx))]


# TeX's spacing between atoms in text style (The TeXbook, chapter 18): 1 thin, 2 medium, 3 thick;
# pairs not listed get none. Binary operators after an operator, a relation, an opening or a
# punctuation mark are ordinary signs by then (see _effective_kinds).
_GLUE = {
    ("ord", "op"): 1, ("ord", "bin"): 2, ("ord", "rel"): 3,
    ("op", "ord"): 1, ("op", "op"): 1, ("op", "rel"): 3,
    ("bin", "ord"): 2, ("bin", "op"): 2, ("bin", "open"): 2,
    ("rel", "ord"): 3, ("rel", "op"): 3, ("rel", "open"): 3,
    ("close", "op"): 1, ("close", "bin"): 2, ("close", "rel"): 3,
    **{("punct", right): 1 for right in ("ord", "op", "rel", "open", "close", "punct")},
}  # fmt: skip


HELD_GROUP = 12  # characters, at most, of a group a line never breaks in (see _flatten)


def _flatten(items: list[_Item], ctx: _Ctx, outer: bool = False) -> list[Run]:
    """Runs of a math list with TeX's spacing between its atoms (none in scripts or text).

    A thin space is a fixed kern that never breaks; medium and thick spaces (around binary
    operators and relations) stretch like a space between words, and, as in TeX, a line may
    break after the operator or relation but not before it, and only in the `outer` list: never
    inside a group, a fraction's or a root's argument (`{a+b}`, `\\frac{a+b}{c}`, `\\sqrt{x^2+y^2}`),
    which TeX sets as one box, unless it is long (more than HELD_GROUP characters): TeX runs a box
    wider than the line past the margin, where booklet would cut it anywhere, even between a letter
    and its subscript, so a long one breaks after its signs as the outer list does. Spaces the author
    wrote do not change the spacing of the atoms around them."""
    items = [it for it in items if it.runs]
    if any(it.frac for it in items):
        _bracket_fractions(items, ctx)
    if ctx.scripts or ctx.mode in _TEXT_MODES or len(items) < 2:
        return [run for it in items for run in it.runs]
    kinds = _effective_kinds(items)
    if not outer:
        outer = sum(1 for it in items for text, _ in it.runs for c in text if not c.isspace()) > HELD_GROUP
    out: list[Run] = []
    prev = None  # index of the last atom that was not a space
    for i, item in enumerate(items):
        if kinds[i] != "space":
            if prev is not None:
                out.extend(_glue(items, kinds, prev, i, ctx, outer))
            prev = i
        out.extend(item.runs)
    return out


_STOPS = frozenset({".", "...", "\u2026"})  # (TeX's full stop is an ordinary atom, not punctuation as its comma is)


def _bracket_fractions(items: list[_Item], ctx: _Ctx) -> None:
    """A fraction set on the line (`\\frac{1}{2}` as 1/2) in parentheses where it is a factor of a product or has a
    power: "\\frac{1}{2}mv^2" is (1/2)mv², not 1/2mv² (one half of m v², read as 1/(2mv²)); "-\\frac{i}{\\hbar}H"
    −(i/ħ)H; "x\\frac{a}{b}" x(a/b); "\\frac{a}{b}^2" (a/b)². Beside a sign, a relation, a bracket or a space it
    stays bare: "\\frac{a}{b} + c", "(\\frac{1}{2})", "\\frac{a}{b}." at the end of a sentence."""
    for i, item in enumerate(items):
        if not item.frac:
            continue
        left = items[i - 1].kind if i else None
        right = items[i + 1].kind if i + 1 < len(items) else None
        if right == "ord" and _visible(items[i + 1].runs) in _STOPS:  # a full stop after it: not a factor
            right = None
        if item.attached or left in ("ord", "op", "close") or right in ("ord", "op", "open"):
            own, scripts = item.runs[: item.frac], item.runs[item.frac :]
            item.runs = [("(", _upright(ctx)), *own, (")", _upright(ctx)), *scripts]
            item.frac = 0


def _glue(items: list[_Item], kinds: list[str], left: int, right: int, ctx: _Ctx, outer: bool) -> list[Run]:
    """The space between atoms `left` and `right` (one a line may break at only in the `outer` list)."""
    glue = _GLUE.get((kinds[left], kinds[right]))
    if glue is None:
        return []
    if kinds[left] == "punct" and not items[left].spaced:  # no space in 1,000 (but one in (0, 1))
        before, after = _visible(items[left - 1].runs)[-1:] if left else "", _visible(items[right].runs)[:1]
        if before.isdigit() and after.isdigit():
            return []
    if glue == 1:
        return [(" ", Style(ctx.bold, False, (), 3 / 18))]
    held = not outer or kinds[right] in ("bin", "rel") or _in_a_quantity(items, kinds, left, right) \
        or kinds[left] == "rel" and _operand_held(items, kinds, left, right, ctx)
    return [(NBSP if held else " ", Style(ctx.bold, False, ()))]


# TeX breaks a line after a relation; a typesetter does not where the relation's operand is a number or one letter
# ("p < 0.01", "N = 500", "x > y"): "p <" ended a line, "0.01" began the next (the 500-talk book, p. 190). A chain of
# relations ("a = b = c = d") longer than this still breaks after each of its signs but the last.
CHAIN_HELD = 2
RELATION_SIGNS = "=<>\u2248\u2260\u2261\u2264\u2265\u223c\u2243"  # = < > ≈ ≠ ≡ ≤ ≥ ∼ ≃: the relation signs of text
# (markup._relations_held holds them to their operands; paragraph._wide_runs_untied unties after them first)
# a number, signed or not, or one letter, punctuation after either ("0.01.", "23.5%", "y,")
_SHORT_OPERAND = re.compile(r"[-\u2212+]?\d\S*|[^\W\d_][^\w\s]*")


def relation_held(operand: str, relations: int, at: int) -> bool:
    """Whether a line never breaks after a relation sign before `operand` (what follows the sign, to the next
    space): it is a number ("0.01", "-3", "23.5%") or one letter ("y", "α", "x,"; a formula or code span in text
    stands as one), the sign the `at`-th (from 0) of a chain of `relations` signs ("a = b = c", one operand between
    two): one of a short chain ("0.1 < z < 0.5"), or the last of a longer. One rule for text (markup) and math."""
    return (relations <= CHAIN_HELD or at == relations - 1) and _SHORT_OPERAND.fullmatch(operand) is not None


_IN_A_QUANTITY = ("\u00d7", "\u22c5", "\u00b7", "\u00b1", "\u2213")  # ×, ⋅, · (a product), ± and ∓


def _in_a_quantity(items: list[_Item], kinds: list[str], left: int, right: int) -> bool:
    """Whether the space after atom `left` is inside a quantity: a product sign or ± between a number (or a bracket
    closing one) and a number ("(3.2 ± 0.4) × 10⁵", "4 × 10⁻⁴"): a line never breaks there (it broke after the "×",
    the power of ten on the next line)."""
    if kinds[left] != "bin" or _visible(items[left].runs).strip() not in _IN_A_QUANTITY:
        return False
    before = next((_visible(items[i].runs) for i in range(left - 1, -1, -1) if kinds[i] != "space"), "")
    after = _visible(items[right].runs)
    return after[:1].isdigit() and before.rstrip()[-1:] in (*"0123456789", ")", "]")


def _operand_held(items: list[_Item], kinds: list[str], left: int, right: int, ctx: _Ctx) -> bool:
    """Whether the space after relation `left` holds to the operand after it (relation_held: "p < 0.01", "x = -1",
    "R² = 0.91"; in "a = b = c = d" only "c = d"), the relations of the list one chain; the operand's scripts aside."""
    relations = [i for i, kind in enumerate(kinds) if kind == "rel"]
    operand = _base(items[right].runs, ctx)
    if operand in ("\u2212", "+"):  # (a sign before a number: "= −1")
        operand += next((_base(items[i].runs, ctx) for i in range(right + 1, len(items)) if kinds[i] != "space"), "")
    return relation_held(operand, len(relations), relations.index(left))


def _base(runs: list[Run], ctx: _Ctx) -> str:
    """The text of `runs` but their scripts and kerns (of a symbol with scripts: its nucleus)."""
    return "".join(text for text, style in runs if len(style.scripts) <= len(ctx.scripts) and not style.kern)


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
