"""mhchem's \\ce{...} (chemical formulas and equations, as chemists write them in LaTeX) -> the math that typesets
them, as mhchem sets them by default, for a subset of its syntax:

- a formula's letters upright (its elements, `\\ce{H2SO4}`, `\\ce{Fe(OH)3}`, `\\ce{[Cu(NH3)4]^2+}`), a count after
  an element or a closing bracket a subscript (H₂SO₄);
- a charge a superscript, its sign a minus or a plus: after a caret (`\\ce{SO4^2-}`, `\\ce{Fe^3+}`, `\\ce{Fe^{3+}}`)
  or a sign that ends the formula (`\\ce{Na+}`, `\\ce{OH-}`, `\\ce{[AgCl2]-}`); the electron, `\\ce{e-}`;
- an isotope's mass number (and atomic number) before the element, raised (and lowered): `\\ce{^{13}C}`,
  `\\ce{^{227}_{90}Th}`; a subscript written with an underscore after it (`\\ce{NO_x}`: a letter in it italic, a
  variable, as mhchem sets it);
- a number before a formula (`\\ce{2H2O}`, `\\ce{2 H2O}`, `\\ce{0.5 O2}`, `\\ce{1/2 O2}`) its coefficient, a thin space
  after it; a hydrate's dot (`\\ce{CuSO4*5H2O}`, `\\ce{CuSO4.5H2O}`) the middle dot;
- a state in brackets after a formula (`(aq)`, `(s)`, `(l)`, `(g)`: lower-case letters) upright on the line;
- bonds inside a formula: `-` a single (a minus sign), `=` a double, `#` a triple (≡);
- between formulas, apart by spaces: `+`, the arrows `->` (⟶), `<-` (⟵), `<->` (⟷), `<=>` (⇌) and `<-->` (⇄), spaced
  as relations; a `v` alone a precipitate (↓), a `^` alone a gas (↑).

Anything else (an arrow with text over it, `->[\\Delta]`; math in dollars inside; a macro; a word that is no
formula; a brace no brace closes) prints as written, and `check` tells of it (text.markup.latex_problems), as it
does of siunitx's commands (text.siunitx): in text markup sets a \\ce it reads as a formula of its own
(text.markup._delimit), in math the formula's source has it replaced (text.mathtext._parsed)."""

from __future__ import annotations

import re
from functools import lru_cache

from .siunitx import Found, _escaped, _group_ends  # (a command's backslash and braces read as siunitx reads them)

COMMAND = re.compile(r"\\ce(?![A-Za-z])")

ARROWS = {"->": r"\longrightarrow", "<-": r"\longleftarrow", "<->": r"\longleftrightarrow",
          "<=>": r"\rightleftharpoons", "<-->": r"\rightleftarrows"}
ALONE = {"+": "+", "v": r"\,\downarrow", "^": r"\,\uparrow"}  # signs set apart by spaces (an arrow a thin one)
BONDS = {"-": "{-}", "=": "{=}", "#": r"{\equiv}"}


class _Bad(Exception):
    pass


def commands(line: str) -> list[Found]:
    """Every \\ce command of `line`, in order (a line of text or a formula's source), with the math it makes (None:
    printed as written, for its `problem`)."""
    if "\\" not in line:
        return []
    found, at = [], 0
    ends = _group_ends(line)  # (each group's end found once: a line of thousands of "\\ce{" is read in one pass)
    for match in COMMAND.finditer(line):
        if match.start() < at or _escaped(line, match.start()):
            continue
        end = match.end()
        try:
            while end < len(line) and line[end] == " ":
                end += 1
            if end >= len(line) or line[end] != "{":
                raise _Bad("its argument in braces is missing")
            close = ends.get(end)
            if close is None:
                raise _Bad("a '{' that no '}' closes")
            opened, end = end, close
            made, problem = equation(line[opened + 1:close - 1]), ""
        except _Bad as bad:
            made, problem = None, str(bad)
        found.append(Found(match.start(), end, line[match.start():end], made, problem))
        at = end
    return found


def _split(text: str) -> list[str]:
    """`text`'s parts between spaces outside braces."""
    parts, depth, current = [], 0, ""
    for ch in text:
        depth += (ch == "{") - (ch == "}")
        if ch.isspace() and depth == 0:
            if current:
                parts.append(current)
            current = ""
        else:
            current += ch
    return parts + ([current] if current else [])


@lru_cache(maxsize=4096)
def equation(text: str) -> str:
    """The math of what is written in \\ce{...}; raises _Bad for what booklet does not read."""
    parts = _split(text)
    if not parts:
        raise _Bad("it is empty")
    made, count = [], ""
    for part in parts:
        if count:  # a coefficient apart from its formula ("2 H2O")
            if part in ARROWS or part in ALONE or _COEFFICIENT.fullmatch(part):
                raise _Bad(f"the number {count} stands before no formula")
            part, count = count + part, ""
        if _COEFFICIENT.fullmatch(part):
            count = part
        elif part in ARROWS:
            made.append(ARROWS[part])
        elif part in ALONE:
            made.append(ALONE[part])
        elif part.startswith(tuple(ARROWS)) and part[2:3] in ("[", ">", "-", "=") or part[:3] in ("<=>", "<->"):
            raise _Bad(f"booklet does not typeset the arrow {part}: it reads ->, <-, <->, <=> and <--> alone")
        elif "$" in part or "\\" in part:
            raise _Bad(f"booklet reads formulas, not math or macros, in \\ce: '{part}'")
        else:
            made.append(_term(part))
    if count:
        made.append(_term(count))
    return " ".join(made)


_COEFFICIENT = re.compile(r"\d+(?:[.,]\d+)?(?:/\d+)?")
_ELEMENT = re.compile(r"[A-Z][a-z]?")
_STATE = re.compile(r"\([a-z]{1,3}\)")  # (aq), (s), (l), (g), (cr), (sln)
_SCRIPT = re.compile(r"([\^_])(?:\{([0-9A-Za-z+\-.,]+)\}|(\d*[+-]{1,3}|\d+|[A-Za-z]))")
_CHARGE = re.compile(r"[+-]{1,3}(?=$|\([a-z]{1,3}\)$)")  # a sign that ends the formula (before its state)
_DIGITS = re.compile(r"\d+")


def _term(part: str) -> str:
    """The math of one formula (with its coefficient, charges and state), e.g. "2H2O", "SO4^2-", "^{13}C"."""
    made, at = [], 0
    nucleus = False  # something is written that a count, a charge or a state may follow
    before = False  # a script before an element was written (an isotope's: ^{227}_{90}Th), which the next joins
    coefficient = _COEFFICIENT.match(part)
    if coefficient:
        made.append(coefficient.group().replace(",", "{,}") + (r"\," if coefficient.end() < len(part) else ""))
        at = coefficient.end()
    while at < len(part):
        ch = part[at]
        element = _ELEMENT.match(part, at)
        if element:
            made.append(r"\mathrm{" + element.group() + "}")
            at, nucleus, before = element.end(), True, False
            continue
        state, script, charge = _STATE.match(part, at), _SCRIPT.match(part, at), _CHARGE.match(part, at)
        if state and nucleus:
            made.append(r"\mathrm{" + state.group() + "}")
            at = state.end()
        elif ch in "([":
            made.append(r"\mathrm{" + ch + "}")
            at, nucleus = at + 1, False
        elif ch in ")]" and at:
            made.append(r"\mathrm{" + ch + "}")
            at, nucleus = at + 1, True
        elif ch.isdigit() and nucleus:
            digits = _DIGITS.match(part, at).group()
            made.append("_{" + digits + "}")
            at += len(digits)
        elif script:
            made.append(("" if nucleus or before else "{}") + script.group(1) + "{" + (script.group(2) or
                                                                                       script.group(3)) + "}")
            at, before = script.end(), not nucleus
        elif charge and nucleus:
            made.append("^{" + charge.group() + "}")
            at = charge.end()
        elif ch in BONDS and nucleus and at + 1 < len(part):
            made.append(BONDS[ch])
            at, nucleus = at + 1, False
        elif ch in "*." and nucleus and at + 1 < len(part):  # a hydrate's dot, and the count of what follows
            made.append(r"{\cdot}")
            at, nucleus = at + 1, False
            count = _COEFFICIENT.match(part, at)
            if count and count.end() < len(part):
                made.append(count.group())
                at = count.end()
        elif ch == "e" and not nucleus and (at + 1 == len(part) or part[at + 1] in "-^"):  # the electron, e-
            made.append(r"\mathrm{e}")
            at, nucleus = at + 1, True
        else:
            raise _Bad(f"booklet does not read '{part[at:]}' in a formula (its elements, counts, charges, "
                       "isotopes and states)")
    return "".join(made)


@lru_cache(maxsize=4096)
def in_math(src: str) -> str:
    """A formula's source with each \\ce booklet reads as the math it makes (in a group of its own); the others as
    text, printed as written (told of by problems)."""
    if "\\" not in src or COMMAND.search(src) is None:
        return src
    made, at = [], 0
    for found in commands(src):
        made += [src[at:found.start], "{" + found.math + "}" if found.math is not None else
                 r"\text{" + found.source + "}"]
        at = found.end
    return "".join(made) + src[at:]


def problems(text: str, found: list[Found] | None = None) -> list[str]:
    """What to tell of the \\ce commands of `text` (a piece of text outside math, or a formula's source) that print
    as written, one for each of them (`found`: commands(text), when read already)."""
    return [f"mhchem's {_shown(one.source)} prints as written: {one.problem}"
            for one in (commands(text) if found is None else found) if one.math is None]


def _shown(source: str) -> str:
    return source if len(source) <= 40 else source[:40].rstrip() + "\u2026"
