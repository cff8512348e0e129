"""A person's list of affiliations -> warnings where the list looks like one address cut at its commas.

`affiliation: [Institute of Geophysics, Polish Academy of Sciences, Poland]` is three
affiliations to YAML, and the booklet prints three lines (or numbers three institutions). The
tell is an item that is a place on its own: a country, a city, or a postcode; an item naming an
institution ('University of Warsaw') is never one, and a list without a lone place (two
institutions) is left alone.
"""

from __future__ import annotations

import re

from ..data.syntax import yaml_quoted
from ..problems import Problem
from ..text.folding import words
from ..text.places import country_code, is_city
from .affiliations import names_an_institution
from .mentions import PersonAt
from .text import quoted

MAX_PLACE_WORDS = 6  # 'Saint Vincent and the Grenadines'; longer items are not a lone place
POSTCODE = re.compile(
    r"(?<![\w-])("
    r"\d{4,6}"                                  # 69117, 9460
    r"|\d{2,3}-\d{3,4}"                         # 00-716 (PL), 113-0033 (JP)
    r"|\d{3} \d{2}"                             # 221 00 (SE, CZ)
    r"|[A-Z]{1,2}-\d{4,5}"                      # D-69117, SE-22100
    r"|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}"        # CB3 0HA (UK)
    r"|[A-Z]\d[A-Z] ?\d[A-Z]\d"                 # K1A 0B1 (CA)
    r")(?![\w-])")


def place_kind(text: str) -> str | None:
    """'is a country', 'is a city', 'looks like a postcode' for a lone place; None for anything else."""
    if "," in text or len(words(text)) > MAX_PLACE_WORDS or names_an_institution(text):
        return None
    if country_code(text):
        return "is a country"
    if is_city(text):
        return "is a city"
    if POSTCODE.search(text):
        return "looks like a postcode"
    return None


def check_split_affiliations(people: list[PersonAt], lines) -> list[Problem]:
    """`lines` (data.locate.Lines) finds the line of each `affiliation:` key."""
    problems = []
    for at in people:
        affiliations = at.person.affiliations
        if len(affiliations) < 2 or all("," in a for a in affiliations):
            continue  # one affiliation, or each item a whole address: nothing to look up
        kinds = [place_kind(a) for a in affiliations]
        if kinds[0] is not None or not any(kinds):
            continue  # an address starts with its institution; a list of places alone is not one
        problems.append(_problem(at, affiliations, kinds, lines))
    return problems


def _problem(at: PersonAt, affiliations: tuple[str, ...], kinds: list, lines) -> Problem:
    addresses: list[list[str]] = []
    for index, (text, kind) in enumerate(zip(affiliations, kinds)):
        if not addresses or (kind is None and kinds[index - 1] is not None):
            addresses.append([])  # an institution after a place starts the next address
        addresses[-1].append(text)
    tell, kind = next((text, kind) for text, kind in zip(affiliations, kinds) if kind)
    shown = [quoted(a) for a in affiliations]
    printed = f"{len(affiliations)} affiliations are printed, {', '.join(shown[:-1])} and {shown[-1]}"
    joined = [yaml_quoted(", ".join(parts)) for parts in addresses]
    if len(addresses) == 1:
        advice = f"if this is one address, write it as one quoted string: affiliation: {joined[0]}"
    else:
        advice = (f"if these are {len(addresses)} addresses, write each as one quoted string: "
                  f"affiliation: [{', '.join(joined)}]")
    key = at.key("affiliation")
    line = lines.line(at.source.file, key, at.source.line)
    return Problem(at.source.file, line, key, f"{printed}, but {quoted(tell)} {kind}: {advice}",
                   "warning", "affiliation-split")
