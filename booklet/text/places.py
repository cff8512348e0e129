"""Country and city names (the Unicode CLDR data that babel ships) -> is this text a lone place name?

Countries: every ISO 3166 country and territory in English and in its official languages
('Poland', 'Polska'), with a few everyday names CLDR does not list ('USA', 'UK', 'Czech Republic',
'England'). Cities: those that name a time zone, in English and in the official languages of
their country ('Warsaw', 'Warszawa', 'Los Angeles'): the large ones, not every town.
"""

from __future__ import annotations

from functools import cache

from .folding import words

NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"}  # unions, pseudo-locales, unknown region
EVERYDAY_COUNTRIES = {  # key: ISO code; written so in affiliations, absent from CLDR's names
    "USA": "US", "U.S.A.": "US", "US": "US", "U.S.": "US", "United States of America": "US",
    "UK": "GB", "U.K.": "GB", "Great Britain": "GB", "England": "GB", "Scotland": "GB", "Wales": "GB",
    "Northern Ireland": "GB", "Czech Republic": "CZ", "Turkey": "TR", "The Netherlands": "NL",
    "Holland": "NL", "Korea": "KR", "Republic of Korea": "KR", "Hong Kong": "HK", "Macau": "MO",
    "Macao": "MO", "PR China": "CN", "P.R. China": "CN", "People's Republic of China": "CN",
    "Russian Federation": "RU", "Ivory Coast": "CI", "Vatican": "VA", "Republic of Ireland": "IE",
}

# countries whose English name is a given name too ("Pérez García, Israel", "Smith Jones, Georgia": a family name of
# two words and a given name, in a column that writes names family name first)
GIVEN_NAME_COUNTRIES = frozenset({"Jordan", "Chad", "Georgia", "India", "Israel", "Kenya", "Mali", "America",
                                  "Ireland", "Jamaica"})


def name_key(text: str) -> str:
    """The form names are compared in: accents, case and punctuation folded ('U.S.A.' -> 'u s a')."""
    return " ".join(words(text))


def named_in(language: str, table: str, key: str) -> str | None:
    """What CLDR (babel) calls `key` in `language`'s `table` ("territories", "languages"; "time_zones": a zone's
    city), or None when it has no such locale or name."""
    from babel import Locale
    from babel.core import UnknownLocaleError

    try:
        found = getattr(Locale.parse(language), table).get(key)
    except (UnknownLocaleError, ValueError):
        return None
    return found.get("city") if table == "time_zones" and found else found


@cache
def countries() -> dict[str, str]:
    """Folded country name -> ISO 3166 code."""
    from babel import Locale, languages

    english = Locale("en").territories
    found = {name_key(name): code for name, code in EVERYDAY_COUNTRIES.items()}
    for code, name in english.items():
        if len(code) != 2 or code in NOT_COUNTRIES:
            continue
        found.setdefault(name_key(name), code)
        for language in languages.get_official_languages(code, de_facto=True):
            local = named_in(language, "territories", code)
            if local:
                found.setdefault(name_key(local), code)
    return found


@cache
def cities() -> dict[str, str]:
    """Folded city name -> the ISO 3166 code of its country."""
    from babel import Locale, languages
    from babel.core import get_global

    english = Locale("en").time_zones
    found: dict[str, str] = {}
    for zone, country in get_global("zone_territories").items():
        parts = zone.split("/")
        if parts[0] in ("Etc", "Antarctica") or len(parts) < 2 or (len(parts) > 2 and parts[1] != "Argentina"):
            continue  # 'America/Indiana/Knox', 'America/North_Dakota/Center': towns and words, not cities
        names = [parts[-1].replace("_", " "), english.get(zone, {}).get("city")]
        names += [named_in(language, "time_zones", zone)
                  for language in languages.get_official_languages(country, de_facto=True)]
        for name in names:
            if name:
                found.setdefault(name_key(name), country)
    return found


def country_code(text: str) -> str | None:
    """'Poland', 'Polska', 'USA' -> 'PL', 'PL', 'US'; None when `text` is not a country's name."""
    return countries().get(name_key(text))


def is_city(text: str) -> bool:
    return name_key(text) in cities()


def given_name_too(text: str) -> bool:
    """Whether `text` is a country's name that is a given name too (GIVEN_NAME_COUNTRIES: 'Jordan', 'Chad')."""
    return name_key(text) in {name_key(name) for name in GIVEN_NAME_COUNTRIES}
