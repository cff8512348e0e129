"""siunitx's commands (\\SI{50}{\\milli\\kelvin}, \\qty, \\num, \\si, \\unit, \\ang and the ranges) -> the math that
typesets them: the number, a thin space (TeX's \\,, held to the number), then the unit upright, its powers as
superscripts, \\per a negative power (siunitx's default, per-mode=power: "m s⁻¹"). In text, markup sets a command
as a formula of its own (text.markup._delimit); in math, the formula's source has it replaced (text.mathtext._parsed).
A command booklet cannot read (a unit it does not know, a number that is none, a command it does not typeset)
prints as written, and `check` tells of it (text.markup.latex_problems)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

# --------------------------------------------------------------------------- the table: every unit and prefix here

PREFIXES = {
    "yocto": "y", "zepto": "z", "atto": "a", "femto": "f", "pico": "p", "nano": "n", "micro": "\u00b5",
    "milli": "m", "centi": "c", "deci": "d", "deca": "da", "deka": "da", "hecto": "h", "kilo": "k", "mega": "M",
    "giga": "G", "tera": "T", "peta": "P", "exa": "E", "zetta": "Z", "yotta": "Y",
}  # fmt: skip

UNITS = {
    # SI base units
    "metre": "m", "meter": "m", "gram": "g", "second": "s", "ampere": "A", "kelvin": "K", "mole": "mol",
    "candela": "cd", "kilogram": "kg",
    # SI derived units
    "hertz": "Hz", "newton": "N", "pascal": "Pa", "joule": "J", "watt": "W", "coulomb": "C", "volt": "V",
    "farad": "F", "ohm": "\u03a9", "siemens": "S", "weber": "Wb", "tesla": "T", "henry": "H",
    "degreeCelsius": "\u00b0C", "lumen": "lm", "lux": "lx", "becquerel": "Bq", "gray": "Gy", "sievert": "Sv",
    "katal": "kat", "radian": "rad", "steradian": "sr",
    # units accepted with the SI, and common others
    "electronvolt": "eV", "dalton": "Da", "atomicmassunit": "u", "bar": "bar", "litre": "L", "liter": "L",
    "minute": "min", "hour": "h", "day": "d", "degree": "\u00b0", "arcminute": "\u2032", "arcsecond": "\u2033",
    "percent": "%", "astronomicalunit": "au", "parsec": "pc", "lightyear": "ly", "angstrom": "\u00c5",
    "hectare": "ha", "tonne": "t", "neper": "Np", "bel": "B", "decibel": "dB", "barn": "b", "knot": "kn",
    "mmHg": "mmHg", "gauss": "G", "erg": "erg", "byte": "B", "bit": "bit", "clight": "c",
}  # fmt: skip

NO_SPACE = frozenset({"degree", "arcminute", "arcsecond"})  # units set right after the number (siunitx: 30°)
POWERS_BEFORE = {"square": "2", "cubic": "3"}  # \square\metre: m²
POWERS_AFTER = {"squared": "2", "cubed": "3"}  # \metre\squared: m²

# the commands booklet typesets: name -> (arguments: n number, u unit, a angle)
COMMANDS = {
    "SI": "nu", "qty": "nu", "si": "u", "unit": "u", "num": "n", "ang": "a",
    "SIrange": "nnu", "qtyrange": "nnu", "numrange": "nn",
}  # fmt: skip
# siunitx's other commands: printed as written, and told of
UNSUPPORTED = frozenset(
    "SIlist qtylist numlist SIproduct qtyproduct numproduct tablenum complexnum complexqty sisetup DeclareSIUnit "
    "DeclareSIPrefix DeclareSIPower DeclareSIQualifier angrange".split())

# --------------------------------------------------------------------------- reading a command

_NAME = "|".join(sorted(set(COMMANDS) | UNSUPPORTED, key=lambda name: (-len(name), name)))  # (one order in every
# process, whatever its hash seed: the same pattern, kept compiled on disk by cache.patterns)
COMMAND = re.compile(rf"\\({_NAME})(?![A-Za-z])")


class Found(NamedTuple):
    """A siunitx command of a line: where it is, its source, and the math it makes (None: printed as written, for
    `problem`)."""

    start: int
    end: int
    source: str
    math: str | None
    problem: str


class _Bad(Exception):
    pass


def commands(line: str) -> list[Found]:
    """Every siunitx command of `line`, in order (a line of text or a formula's source)."""
    if "\\" not in line:
        return []
    found, at = [], 0
    ends = _group_ends(line)
    for match in COMMAND.finditer(line):
        if match.start() < at or _escaped(line, match.start()):
            continue
        name = match.group(1)
        end = match.end()
        try:
            end, args = _arguments(line, end, COMMANDS.get(name, ""), ends)
            if name in UNSUPPORTED:
                raise _Bad(f"booklet does not typeset \\{name}")
            made = _math(name, args)
            problem = ""
        except _Bad as bad:
            made, problem = None, str(bad)
        found.append(Found(match.start(), end, line[match.start():end], made, problem))
        at = end
    return found


def _escaped(line: str, at: int) -> bool:
    """Whether the backslash at `at` is itself escaped (\\\\SI: a line break, then "SI")."""
    count = 0
    while at > 0 and line[at - 1] == "\\":
        count, at = count + 1, at - 1
    return count % 2 == 1


def _arguments(line: str, at: int, kinds: str, ends: dict[int, int]) -> tuple[int, list[str]]:
    """Where the command's arguments end, and each (its options in [...] read and left out, as siunitx's
    settings are: booklet sets its defaults); `ends`: the line's _group_ends."""
    at = _skip_spaces(line, at)
    if at < len(line) and line[at] == "[":
        close = line.find("]", at)
        if close < 0:
            raise _Bad("its [options] are not closed")
        at = close + 1
    args = []
    for _ in kinds:
        at = _skip_spaces(line, at)
        if at >= len(line) or line[at] != "{":
            raise _Bad("an argument in braces is missing")
        end = ends.get(at)
        if end is None:
            raise _Bad("a '{' that no '}' closes")
        args.append(line[at + 1:end - 1])
        at = end
    return at, args


def _skip_spaces(line: str, at: int) -> int:
    while at < len(line) and line[at] == " ":
        at += 1
    return at


def _group_ends(line: str) -> dict[int, int]:
    """Where each group of `line` ends (after its closing brace), by where it opens: _group_end of every brace
    at once (looked for from each command's brace in turn, a line of 5,000 unclosed "\\SI{" took 9 s)."""
    ends, opened = {}, []
    for pos, ch in enumerate(line):
        if ch == "{" and (pos == 0 or line[pos - 1] != "\\"):
            opened.append(pos)
        elif ch == "}" and pos and line[pos - 1] != "\\" and opened:
            ends[opened.pop()] = pos + 1
    return ends


def _group_end(line: str, at: int) -> int | None:
    """Where the group opened by the brace at `at` ends (after its closing brace), or None (see _group_ends)."""
    return _group_ends(line).get(at)


def _math(name: str, args: list[str]) -> str:
    kinds = COMMANDS[name]
    if kinds == "a":
        return _angle(args[0])
    numbers = [_number(arg) for kind, arg in zip(kinds, args) if kind == "n"]
    unit, space = _unit(args[-1]) if kinds.endswith("u") else ("", True)
    if not numbers:
        return unit
    number = numbers[0] if len(numbers) == 1 else numbers[0] + "\\mathrm{\u2013}" + numbers[1]
    return number + ((r"\," if space else "") + unit if unit else "")


# a number as siunitx reads it: a sign, digits with a decimal mark, an uncertainty (+- or in brackets), an exponent
_NUMBER = re.compile(r"(?P<sign>[+-]|\+-)?(?P<mantissa>\d*(?:[.,]\d*)?)(?P<bracketed>\(\d+\))?"
                     r"(?:\+-(?P<uncertainty>\d*(?:[.,]\d*)?))?"
                     r"(?:[eE](?P<exponent>[+-]?\d+))?", re.ASCII)  # (0-9: a fullwidth digit vanished)


def _number(text: str) -> str:
    """A number's math: "1.2e-3" 1.2 × 10⁻³, "+-" ±, "2x3" 2 × 3; a decimal comma as written."""
    text = text.replace(" ", "")
    parts = text.split("x")
    if not text or len(parts) > 3 or not all(parts):
        raise _Bad(f"'{text}' is no number booklet can read")
    return r"\times ".join(_one_number(part, text) for part in parts)


def _one_number(part: str, whole: str) -> str:
    found = _NUMBER.fullmatch(part)
    if found is None or not re.search(r"[0-9]", part):
        raise _Bad(f"'{whole}' is no number booklet can read")
    sign, mantissa, exponent = found["sign"] or "", found["mantissa"], found["exponent"]
    made = {"": "", "+": "+", "-": "-", "+-": r"\pm "}[sign] + mantissa.replace(",", "{,}")
    made += found["bracketed"] or ""
    if found["uncertainty"] is not None:
        if not found["uncertainty"]:
            raise _Bad(f"'{whole}' is no number booklet can read")
        made += r"\pm " + found["uncertainty"].replace(",", "{,}")
    if exponent is not None:
        power = "10^{" + exponent.lstrip("+") + "}"
        made = (("(" + made + r")\times " if found["uncertainty"] else made + r"\times ") if mantissa else "") + power
    return made


def _angle(text: str) -> str:
    """\\ang{12.5} 12.5°; \\ang{1;2;3} 1°2′3″."""
    parts = text.split(";")
    if len(parts) > 3 or not any(p.strip() for p in parts):
        raise _Bad(f"'{text}' is no angle booklet can read")
    marks = ("\u00b0", "\u2032", "\u2033")
    return "".join(_number(p) + r"\mathrm{" + mark + "}" for p, mark in zip(parts, marks) if p.strip())


_UNIT_TOKEN = re.compile("\\\\([A-Za-z]+)|\\\\(.)|(\\{)|(\\^)|([.~ \u00a0\u202f])|([^\\\\{}^.~ \u00a0\u202f]+)")


class _Unit:
    """A unit of a product: its symbol (a prefix's with it) and its power (None: none written)."""

    def __init__(self, symbol: str, power: str | None) -> None:
        self.symbol, self.power = symbol, power


def _unit(text: str) -> tuple[str, bool]:
    """A unit's math ("\\mathrm{m}\\,\\mathrm{s}^{-1}"), and whether a thin space sets it apart from a number
    (not a degree's, an arc minute's or second's)."""
    units: list[_Unit] = []
    prefix, before, per = "", None, False
    at, space = 0, True
    text = text.strip()
    if not text:
        raise _Bad("its unit is empty")
    while at < len(text):
        token = _UNIT_TOKEN.match(text, at)
        if token is None:
            raise _Bad(f"'{text}' is no unit booklet can read")
        at = token.end()
        name, symbol, group, caret, _separator, literal = token.groups()  # (., ~ or a space: the next unit)
        if name is not None:
            if name in PREFIXES:
                if prefix:
                    raise _Bad(f"two prefixes in a row, \\{name}")
                prefix = PREFIXES[name]
            elif name in UNITS:
                power = before
                if per:
                    power = _negative(power or "1")
                units.append(_Unit(prefix + UNITS[name], power))
                space = space and not (len(units) == 1 and name in NO_SPACE)
                prefix, before, per = "", None, False
            elif name == "per":
                per = True
            elif name in POWERS_BEFORE or name == "raiseto":
                before = POWERS_BEFORE.get(name) or _braced(text, at, name)
                at = _group_end(text, at) if name == "raiseto" else at
            elif name in POWERS_AFTER or name == "tothe":
                power = POWERS_AFTER.get(name) or _braced(text, at, name)
                at = _group_end(text, at) if name == "tothe" else at
                if not units:
                    raise _Bad(f"\\{name} follows no unit")
                last = units[-1]
                if last.power not in (None, "-1"):
                    raise _Bad(f"\\{name} after a unit's power")
                last.power = _negative(power) if last.power == "-1" else power  # (\\per\\second\\squared: s⁻²)
            else:
                raise _Bad(f"booklet does not know the unit \\{name}")
        elif symbol is not None:
            if symbol not in "%,; ":
                raise _Bad(f"'{text}' is no unit booklet can read")
            if symbol == "%":
                units.append(_Unit("%", None))
        elif group is not None:
            raise _Bad(f"'{text}' has braces booklet cannot read in a unit")
        elif caret is not None:
            if not units:
                raise _Bad("a power '^' follows no unit")
            written = _POWER.match(text, at)  # (a power of a sign and digits: "s^-1", "m^10")
            if at < len(text) and text[at] == "{":
                end = _group_end(text, at)
                if end is None:
                    raise _Bad("a '{' that no '}' closes")
                units[-1].power, at = text[at + 1:end - 1], end
            elif written is not None:
                units[-1].power, at = written.group(), written.end()
            elif at < len(text) and text[at] != "\\":
                units[-1].power, at = text[at], at + 1
            else:
                raise _Bad("a power '^' with nothing after it" if at >= len(text) else
                           "a power '^' before a command: write the power in braces, ^{-1}")
        elif literal is not None:
            if prefix or before or per:  # (\kilo g, \per s: the text is the unit they go with)
                power = before if not per else _negative(before or "1")
                units.append(_Unit(prefix + literal, power))
                prefix, before, per = "", None, False
            else:
                units.append(_Unit(literal, None))
    if prefix or before or per:
        raise _Bad("a prefix, power or \\per with no unit after it")
    made = []
    for unit in units:
        made.append(r"\mathrm{" + unit.symbol.replace("%", r"\%") + "}" + (f"^{{{unit.power}}}" if unit.power else ""))
    return r"\,".join(made), space


_POWER = re.compile(r"[-+]?[0-9]+")


def _negative(power: str) -> str:
    """A power under \\per: "2" -> "-2", "-2" -> "2" (\\per\\second\\tothe{-2}: s², not s⁻⁻²)."""
    return power[1:] if power.startswith("-") else "-" + power.lstrip("+")


def _braced(text: str, at: int, name: str) -> str:
    if at >= len(text) or text[at] != "{":
        raise _Bad(f"\\{name} lacks its power in braces")
    end = _group_end(text, at)
    if end is None or not text[at + 1:end - 1].strip():
        raise _Bad(f"\\{name} lacks its power in braces")
    return text[at + 1:end - 1].strip()


# --------------------------------------------------------------------------- in math and in text


@lru_cache(maxsize=4096)
def in_math(src: str) -> str:
    """A formula's source with each siunitx command booklet reads as the math it makes (in a group of its own);
    the others as written (their macros then unknown to math: told of as such)."""
    if "\\" not in src or COMMAND.search(src) is None:
        return src
    made, at = [], 0
    for found in commands(src):
        if found.math is not None:
            made += [src[at:found.start], "{" + found.math + "}"]
            at = found.end
    return "".join(made) + src[at:]


def problems(text: str, found: list[Found] | None = None) -> list[str]:
    """What to tell of the siunitx commands of a piece of text (outside math) that print as written, one for each of
    them (`found`: commands(text), when read already)."""
    return [f"siunitx's {_shown(one.source)} prints as written: {one.problem}"
            for one in (commands(text) if found is None else found) if one.math is None]


def _shown(source: str) -> str:
    return source if len(source) <= 40 else source[:40].rstrip() + "\u2026"
