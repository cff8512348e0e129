"""The units a number written before them is held to in text ("532 nm", "5.02 TeV", "20 %", "8 bits"): a table, as a
typesetter's list of them, made of siunitx's symbols (text.siunitx: those a command typesets, each with the prefixes
it takes) and the other units titles and abstracts write after a number. text.markup holds a number to a unit of
this table by a no-break space (_number_space): a line never starts with the unit alone, and the programme at a glance
never cuts a title between the two ("Lasers at 532…" said nothing of "532 nm")."""

from __future__ import annotations

from .siunitx import UNITS

# siunitx's units that take a prefix ("nm", "GeV", "kHz", "MPa", "mbar", "GB", "Mbit", "kpc", "mL"); not the atomic
# mass unit ("u": "du" and "zu" are words), the coulomb and the siemens ("PS", "GC" name other things), nor the day,
# hour, minute, degree, percent, tonne and the like, nor units seldom written with one (the candela, the lumen)
PREFIXED = frozenset({"m", "g", "s", "A", "K", "mol", "Hz", "N", "Pa", "J", "W", "V", "F", "\u03a9", "T", "H", "Gy",
                      "Sv", "eV", "bar", "L", "l", "B", "bit", "b", "pc", "Jy", "Wh", "bps", "FLOPS"})  # fmt: skip
# the prefixes written with them: siunitx's from femto to peta but for centi, deci, hecto and deca, whose few units are
# in OTHERS ("cm", "dB", "hPa"); atto's "a" and exa's "E" make words ("as", "am", "El", "EN"). (Every prefix with every
# unit made 738 units, not 484, most of them never written.)
USED_PREFIXES = ("f", "p", "n", "\u00b5", "\u03bc", "m", "k", "M", "G", "T", "P")  # (the micro sign and Greek mu)
# siunitx's symbols that are left out alone, letters that name a figure's part ("Fig. 1 b)", "1 C") or a thing counted
# ("429 Hα emitters") more often than they measure; prefixed, they are units ("nF", "mH", "fb", "GB")
ALONE_NOT = frozenset({"b", "B", "c", "C", "d", "F", "G", "H", "S", "u"})
# binary prefixes, of bytes and bits ("GiB", "Mibit"), and the "K" computing writes for kilo ("KB")
BINARY = ("Ki", "Mi", "Gi", "Ti", "Pi", "Ei", "K")

# units siunitx does not name, written after a number: years ("13.8 Gyr"), rates ("100 Mpps", "60 fps", "3000 rpm"),
# ratios, astronomy's ("0.2 dex", "5 mas", "1.4 M☉"), print's, a clock's ("8 a.m.", "20 Uhr"), currencies written after
# the amount ("50 €"), a factor ("10 x", "3 ×"), time written short ("5 mins", "2 hrs": Title Case too, "8 Bits")
OTHERS = frozenset({
    "cm", "cL", "cl", "dm", "dB", "dL", "dl", "hPa", "hL", "mrad", "\u00b5rad", "\u03bcrad", "kBq", "MBq", "GBq",
    "EB", "ZB", "YB", "EeV", "AU", "yr", "yrs", "kyr", "Myr", "Gyr", "Ma", "Ga", "bits", "bytes", "pps", "kpps", "Mpps",
    "Gpps", "fps", "rpm", "ppm", "ppb", "px", "dpi", "pt", "dex", "mas", "\u00b5as", "arcsec", "arcmin", "deg", "mmol",
    "dBm", "mAh", "Ah", "\u00b0F", "\u03c3", "M\u2609", "L\u2609", "R\u2609", "M\u2299", "L\u2299", "R\u2299", "a.m.",
    "p.m.", "Uhr", "\u2030", "\u20ac", "$", "\u00a3", "x", "\u00d7", "mins", "hr", "hrs", "sec", "secs",
    "Bit", "Bits", "Byte", "Bytes", "Min", "Mins", "Hr", "Hrs", "Sec", "Secs", "Yr", "Yrs",
})  # fmt: skip


def _symbols() -> frozenset[str]:
    """Every unit of the table: siunitx's symbols, the prefixed ones with each prefix used, and OTHERS."""
    prefixed = {prefix + unit for unit in PREFIXED for prefix in USED_PREFIXES}
    binary = {prefix + unit for unit in ("B", "bit", "bps") for prefix in BINARY}
    return frozenset((set(UNITS.values()) | PREFIXED) - ALONE_NOT | prefixed | binary | OTHERS)


SYMBOLS = _symbols()

# the beginnings of the table's units ("G", "Ge", "GeV"), each a unit's first letters or the whole of it: what markup
# looks up a letter at a time after a number and a space, a unit's first letter found by a pattern of them (a pattern
# of all the table's units, two of them, took 4.8 ms of CPU to compile in each process that reads text)
BEGINNINGS = frozenset(symbol[:length] for symbol in SYMBOLS for length in range(1, len(symbol) + 1))
