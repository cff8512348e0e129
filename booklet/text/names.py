"""A person's name as written -> its parts as an index prints it ("Smagt, Patrick van der"), the letter it is filed
under, and the key that sorts it.

The order is the Unicode Collation Algorithm's (pyuca, with the Unicode default table): accents and case do not split
the order (Åström files with the As, Øvergaard with the Os), and Greek and Cyrillic names come after the Latin ones,
each under its own letters (the first heading of each such script names it: script_names). Names compare by family
name first, then the given names, then the particle, on the letters alone; accents and case only settle what is
otherwise equal.

The family name is the last word of the name, with a suffix (Jr., III) set aside and the lowercase particles before
it (van der, de, von, ...) printed after the given names and not sorted on, as BibLaTeX does by default: "Patrick van
der Smagt" is filed under S as "Smagt, Patrick van der". Particles written with a capital are part of the family name
("Dick Van Dyke" under V, "Aroha Te Rangi" under T, "Aoife Ní Chonchúir" under N), after a lowercase one too ("Jean
de La Fontaine" under L, as "La Fontaine, Jean de", as a French index files him), and the particle d' elided onto a
family name is set aside ("Jean le Rond d'Alembert" under A, as "Alembert, Jean le Rond d'"), as is the Arabic article
hyphened onto it in small letters ("Ahmad al-Khatib" under K, as "Khatib, Ahmad al-"). A Vietnamese name written in
Vietnamese, whose first word is a common family name ("Nguyễn Thị Hương"; without accents, before Van or Thi: "Nguyen
Thi Huong"), is filed under that word, as is a family
name written before the initials of the given names in capitals ("Dupont JP": capital_initials), and a South Indian
name before the initials of the father's or the house's name ("Lakshmy A V" under L, "Lakshmy, A V": _spaced_initials,
as a library's catalogue files "S. Radhakrishnan" under R); one initial after two words ("Anna Maria K", "Senthil
Kumaran S") may be either that or a family name cut short, and is filed as written. A Spanish name's two family
names are filed under the first when it is one from a father's name written with its accent ("Gabriel García
Márquez" under G: _spanish_family). A name in Chinese, Japanese or Korean writing ("山田 太郎"), one of a given name
and the father's ("Mohammed bin Rashid", "Siti binti Hassan") and one of Ibn ("Ibn Khaldun") are filed as written,
under their first word, as a library's catalogue files them. When these rules do not find the family name (two
family names without accents, "Gabriel Garcia Marquez"; a Chinese name in Latin letters, "Zhang Wei", which may be
written either way; another family name first), the data says which it is (people.yaml's `family`).

What a name ends with in brackets or quotes is a note, not a family name: pronouns ("Mitch (he/him)"), a team
("Andreea Belu (EDRi)"), a nickname ("Johannes Klick 'Garak'"). It is printed after the rest of the name ("Belu,
Andreea (EDRi)", "Mitch (he/him)") and not sorted on. A name is filed under the first letter or digit of its family
name and sorted from there on, so that the order agrees with the letters: "_Elena_" files and sorts under E
(punctuation sorts before every letter in the collation).

The signs of a transliteration that Unicode counts as letters (the ʻokina, ʻayn, hamza: "ʻAli") and a Dutch article
elided before a name ("'s-Hertogenbosch", "'t Hooft") are printed and not filed under (_filed: under A and H).

Numbers in names and titles sort by their value, not digit by digit ("Person 2" before "Person 10", "Session 9"
before "Session 12"), as a typesetter files them (ICU's numeric collation; pyuca has none): see _numbered.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from pathlib import Path

from .folding import fold

PARTICLES = frozenset({
    "af", "al", "av", "d'", "da", "das", "de", "degli", "dei", "del", "della", "delle", "dello", "den", "der",
    "des", "di", "do", "dos", "du", "el", "la", "le", "lo", "op", "t'", "te", "ten", "ter", "van", "von", "vom",
    "zu", "zum", "zur",
    "vanden", "vander", "vande",  # Flemish, in one word: "Mathias Vanden Auweele" under V, as "Van den Berg" is
    "ní", "nic", "ó", "ua", "uí", "mhic",  # Irish: "Aoife Ní Chonchúir" under N, as "Ní Chonchúir, Aoife"
})
# Vietnamese family names, written first ("Nguyễn Thị Hương" is "Nguyễn, Thị Hương"): the commonest, in their
# Vietnamese spelling only (a name written "Huong Nguyen" is in the Western order)
FAMILY_FIRST = frozenset({
    "nguyễn", "trần", "phạm", "hoàng", "huỳnh", "vũ", "võ", "phan", "đặng", "bùi", "đỗ", "hồ", "ngô", "dương", "lý",
    "lê", "đinh", "đào", "trương", "lương", "lâm", "trịnh", "mạc", "tạ", "đoàn", "châu",
})
# what a name may end with after a comma that is no person ("Ana Smith, MSc", "Smith, Ana, Jr."): the generational
# suffixes, part of the name (printed, and set aside by the index as SUFFIXES are), in the forms written after a comma
# ("V" is left out: an initial); and the degrees and fellowships, no part of it (an importer leaves them out as it does
# academic titles). Written as here, with or without their full stops ("M.Sc."), or in capitals ("MSC"); "Ma" is a
# family name, "MA" a degree (but initials after a family name alone: "Lee, MA", assemble.initials_after_family)
GENERATIONAL_SUFFIXES = frozenset({"Jr", "Sr", "II", "III", "IV"})
# the same, as a name ends with them in lower case, with or without a full stop ("King Jr.", "Smith III"), and "v" (a
# fifth, written after the name without a comma)
SUFFIXES = frozenset({suffix.lower() + stop for suffix in GENERATIONAL_SUFFIXES for stop in ("", ".")
                      if not (stop and suffix.isupper())} | {"v"})
DEGREES = frozenset({
    "BA", "BSc", "BS", "BEng", "MA", "MSc", "MS", "MEng", "MPhil", "MRes", "MPH", "MBA", "MFA", "MEd", "MMus", "LLB",
    "LLM", "LLD", "JD", "MD", "PhD", "DPhil", "DSc", "ScD", "EdD", "PsyD", "PharmD", "DVM", "DDS", "DMA", "DrPH",
    "FRS", "FRSE", "FREng", "FBA", "FMedSci", "FRCP", "FRCS", "FRSC", "FInstP", "FIEEE", "FACM", "FAcSS"})
# what a degree may have after it, in brackets or not, that is the degree's ("BA (Hons)", "MA (Oxon)", "BSc (Econ)",
# "BEng Hons"): honours, and the university that gave it, in its Latin abbreviation (Oxford's, Cambridge's, London's,
# Durham's)
DEGREE_QUALIFIERS = frozenset({"Hons", "Hon", "Oxon", "Cantab", "Lond", "Dunelm", "Econ", "Eng"})


@dataclass(frozen=True)
class IndexName:
    """A name taken apart for an index; `written` is the name as the data writes it."""

    written: str
    family: str
    given: str = ""
    particle: str = ""  # lowercase words before the family name, printed after the given names
    suffix: str = ""  # Jr., III; a call sign after a comma ("DG8NGN": comma_tag)
    note: str = ""  # what the name ends with in brackets or quotes: "(he/him)", "(EDRi)", "'Garak'"

    def inverted(self, held: bool = False) -> str:
        """As an index prints it: "Smagt, Patrick van der", "King, Martin Luther, Jr.", "Sukarno", "Mitch
        (he/him)"; `held`: the particle's words held together and to the given name before them by no-break spaces
        (a line never ends "de" and starts "La")."""
        join = "\u00a0" if held else " "
        particle = join.join(self.particle.split())
        rest = join.join(part for part in (self.given, particle) if part)
        text = f"{self.family}, {rest}" if rest else self.family
        text = f"{text}, {self.suffix}" if self.suffix else text
        return f"{text} {self.note}" if self.note else text


# a note at the end of a name: in brackets, or in quotes, after a space; or after a bar, what the person goes by ("Tim
# Mäcken | Radiomegahertz", "Keywan Tonekaboni | c’t uplink": 39C3's, filed as "uplink, Keywan Tonekaboni | c’t")
_NOTE = re.compile(r"\s(\|\s[^|]*|\([^()]*\)|\[[^\[\]]*\]|'[^']*'|\"[^\"]*\"|\u2018[^\u2019]*\u2019|\u201c[^\u201d]*\u201d)$")


def without_notes(written: str) -> tuple[str, str]:
    """The name without the notes it ends with, and those notes (as written, in order), when something with a
    letter or digit is left before them. A last word of symbols alone (an emoji: "Mary O'Neil 😀", a "★") is such a
    note too: it was filed as the family name, ", Mary O'Neil" under no letter, before A."""
    name, notes = written, []
    while (start := _note_start(name)) is not None and any(ch.isalnum() for ch in name[:start]):
        notes.insert(0, name[start:].strip())
        name = name[:start].rstrip()
    return name, " ".join(notes)


def _note_start(name: str) -> int | None:
    """Where the note `name` ends with starts (its space before it): one in brackets or quotes (_NOTE), or a last
    word of symbols (an emoji with its joiners, selectors and skin tones; a mark of an author, '*', '†', '#': no
    letter or digit, a symbol or punctuation); else None."""
    if found := _NOTE.search(name):
        return found.start()
    before, space, word = name.rpartition(" ")
    if space and not any(ch.isalnum() for ch in word) and any(unicodedata.category(ch)[0] in "SP" for ch in word):
        return len(before)
    return None


# words that make a "name" a group, not a person ("Bielik Team", "LIGO Scientific Collaboration"): never turned round
# in the index; and words that do so only beside a word in capitals ("FOSDEM Staff"), being family names too
# ("Kathy Staff", "Amanda Crew")
GROUP_WORDS = frozenset({"team", "committee", "organizers", "organisers", "collective", "consortium", "collaboration",
                         "foundation", "project", "community", "association"})
GROUP_WORDS_BESIDE_CAPITALS = frozenset({"staff", "crew", "group", "society"})
# words no person's name has before its family name, which a title, a project's or a group's name has: pronouns,
# articles, prepositions, question words ("How They Vote", a 39C3 speaker; "Freedom Not Fear"): such a "name" is
# never turned round in the index nor parted into people by an importer. As the last word it may be a family name
# ("Ana With"), and words that are names too are not here ("How", "You", "An", "He", "Do", "Les", "Will")
TITLE_WORDS = frozenset({
    "the", "of", "for", "with", "from", "about", "against", "without", "they", "them", "their", "our", "your",
    "this", "these", "those", "that", "what", "why", "which", "where", "not", "and",
    "und", "für", "gegen", "über", "ohne", "wir", "uns", "unsere", "nicht",  # German ("RWE und co enteignen")
    "pour", "nous", "avec", "contre",  # French
})  # (not Spanish and Portuguese "y" and "e": they join a family name's words, "Ramón y Cajal")


def vietnamese_order(words: list[str]) -> bool:
    """Whether a name of these words is a Vietnamese one written family name first, in any letters: a common family
    name (FAMILY_FIRST, accents or none) before Văn or Thị ("Le Van Thanh", "Nguyen Thi Lan"; "Huong Nguyen" is in
    the Western order, "Jo Van Bulck" no Vietnamese name)."""
    return len(words) > 1 and fold(words[0]) in vietnamese_families() and fold(words[1]) in VIETNAMESE_MIDDLE


VIETNAMESE_MIDDLE = ("van", "thi")  # Văn, Thị, without accents: the middle names after a family name written first


@cache
def vietnamese_families() -> frozenset[str]:
    """FAMILY_FIRST without accents: "le", "nguyen", "tran"."""
    return frozenset(fold(family) for family in FAMILY_FIRST)


def title_like(name: str) -> bool:
    """Whether `name` has a word before its last that no person's name has (TITLE_WORDS: "How They Vote", "Open
    Data for All"), its notes in brackets or quotes aside ("Lizzz (they / she)" is a person's)."""
    words = [word.casefold().strip(",.:;!?") for word in without_notes(" ".join(name.split()))[0].split()]
    return any(word in TITLE_WORDS for word in words[:-1])


# a Roman number of two letters or more, I to XXXIX, in capitals: a regnal one after a name alone ("Louis XIV")
_REGNAL = re.compile(r"(?=[IVX]{2})X{0,3}(?:IX|IV|V?I{0,3})")
# a dash between spaces inside a name sets a name and what its bearer goes by side by side, which comes first untold
# ("cbro - Christian Brodowski", 36C3's; "Antonio Malara - Biappi", FOSDEM's: filed "Brodowski, cbro - Christian" and
# "Biappi, Antonio Malara -"): as written, filed by its first word (a hyphen joins words without spaces: "Smith-Jones")
_DASHES = frozenset({"-", "\u2013", "\u2014"})


def _group(words: list[str]) -> bool:
    """Whether a name of these words is a group's (see GROUP_WORDS) or a title's (title_like: "How They Vote"), or
    names joined by a sign ("Afidissima & Alice", "551724 / maya boeckh", "Nina_art&play": a typesetter's review found
    "Alice, Afidissima &" in an index). A group word may end a word with a hyphen ("Jugend hackt-Team", 39C3's)."""
    if any(word in ("&", "+", "/") or "&" in word for word in words) or title_like(" ".join(words)):
        return True
    folded = {word.casefold().strip(",.()") for word in words}
    if (folded | {word.rsplit("-", 1)[1] for word in folded if "-" in word}) & GROUP_WORDS:
        return True
    return bool(folded & GROUP_WORDS_BESIDE_CAPITALS) and any(len(w) > 1 and w.isupper() and w.isalpha() for w in words)


def _scripts(word: str) -> frozenset[str]:
    """The scripts of a word's letters, by the first word of each letter's Unicode name ("LATIN", "CJK", "HANGUL")."""
    return frozenset(_script_word(ch) for ch in word if ch.isalpha())


def _script_word(letter: str) -> str:
    """The first word of a letter's Unicode name: its script, as Unicode names it ("LATIN", "CJK", "GREEK")."""
    return unicodedata.name(letter, "").split(" ")[0]


def _other_script_apart(name: str) -> tuple[str, str]:
    """`name` without the words at its start or end written in another script than its two words or more between
    ("李健秋 Andrew Lee", DebConf 17's, was filed "Lee, 李健秋 Andrew", sorted after every other Lee; "Xiaoming Wang
    王小明" under 王 as "王小明, Xiaoming Wang"), and those words: the name written again in its own script, as
    markup.printed_name leaves it out where no font has it; (name, '') when it has none (a name all in one script,
    or of one word in each: "Wang 王小明")."""
    words = name.split(" ")
    if len(words) < 3:
        return name, ""
    scripts = [_scripts(word) for word in words]
    for lead in (True, False):
        count = 0
        ordered = scripts if lead else scripts[::-1]
        while count < len(words) and ordered[count] and "LATIN" not in ordered[count]:
            count += 1
        rest = ordered[count:]
        if count and len(rest) >= 2 and all(found and found <= {"LATIN"} for found in rest):
            kept = words[count:] if lead else words[:-count]
            apart = words[:count] if lead else words[-count:]
            return " ".join(kept), " ".join(apart)
    return name, ""


@lru_cache(maxsize=65536)  # the index asks for each entry's name taken apart four times (sort, letter, markup, fragments)
def split_name(name: str, family: str | None = None) -> IndexName:
    """`name` (as printed, given names first) taken apart; `family`: the family name as the data declares it,
    when the rule (the last word, with lowercase particles before it) would not find it."""
    written = " ".join(name.split())
    bare, note = without_notes(written)
    if note:  # (a declared family name is found in the name without it)
        return replace(split_name(bare, family), written=written, note=note)
    rest, apart = _other_script_apart(written)
    if apart:  # "李健秋 Andrew Lee", "Xiaoming Wang 王小明": the name written again in its own script, a note after it
        return replace(split_name(rest, family), written=written, note=apart)
    untagged, tag = without_comma_tag(written)
    if tag:  # "Jann Traschewski, DG8NGN": set aside as a suffix is, not read "Family, Given"
        before = split_name(untagged, family)  # (its own suffix kept: "King Jr., W1AW")
        return replace(before, written=written, suffix=", ".join(part for part in (before.suffix, tag) if part))
    if family:
        family = " ".join(family.split())
        place = family_place(written, family)
        if place == "last":
            return IndexName(written, family, written[: -len(family)].strip())
        if place == "first":
            return IndexName(written, family, written[len(family):].strip())
        return IndexName(written, family, written)
    words = written.split(" ")
    if len(words) > 1 and not any(ch.isalnum() for ch in words[0]):
        # ", John", "( Ana": a first word of punctuation alone (a family name left out before its comma, a bracket
        # opened) is no given name: the name as written, filed under its first letter (it printed "John, ,")
        return IndexName(written, written)
    if len(words) > 1 and (_family_first_script(words) or words[0] == "Ibn"
                           or words[-2] in PATRONYMICS and not _ELIDED.match(words[-1])):
        # "山田 太郎", "김 민준": a name in Chinese, Japanese or Korean writing, family name first ("太郎, 山田" under
        # 太 before); "Ibn Khaldun", a name of the father's alone, filed under Ibn; "Mahathir bin Mohamad", "Siti
        # Aminah binti Hassan", "Mohammed bin Rashid": a given name and the father's, no family name ("Rashid,
        # Mohammed bin" under R before): as written, filed under the first word, as a library's catalogue files them
        # (its headings "Ibn Khaldūn", "Mahathir bin Mohamad"; a family name after the father's name is one as ever:
        # "Al Maktoum, Mohammed bin Rashid", and so is one after the article, "Khattab, Omar ibn al-"; "Osama bin
        # Laden", whose bin Laden is one, people.yaml's `family` says)
        return IndexName(written, written)
    if len(words) > 1 and (_group(words) or words[-1].isdigit() or _DASHES & set(words[1:-1])
                           or len(words) == 2 and _REGNAL.fullmatch(words[1]) and words[1] not in ("XI", "VI")):
        # (a regnal or papal name, "Louis XIV", "Benedict XVI": filed under the name, not "XIV, Louis" under X; "Wei
        # XI" is a family name in capitals)
        # a team or a committee, or a role numbered ("Chair 1", a placeholder of the SIGDIAL import: "1, Chair" in
        # its index): as written, filed by its first word
        return IndexName(written, written)
    spaced = _spaced_initials(words)
    if spaced == 1 and not any(word in PARTICLES for word in words):
        # "Anna Maria K" or "Senthil Kumaran S": a family name cut to its initial after two given names, or a South
        # Indian name before the initial of the father's name; which, nothing in the name says: as written, filed by
        # its first word (people.yaml's `family` says which: "K", or "Senthil Kumaran")
        return IndexName(written, written)
    if spaced:  # "Lakshmy A V", "Senthil Kumaran S": the name, then the initials of others' names (a South Indian
        # name's father's or house's), filed under the name (particles before it as ever: "van der Berg J P")
        lead = 0
        while lead < len(words) - spaced - 1 and words[lead] in PARTICLES:
            lead += 1
        return IndexName(written, " ".join(words[lead:-spaced]), " ".join(words[-spaced:]), " ".join(words[:lead]))
    suffix = ""
    if len(words) > 2 and words[-1].lower() in SUFFIXES:  # "Martin Luther King Jr.", "... King, Jr."
        suffix = words.pop()
        words[-1] = words[-1].rstrip(",")
    if "," in " ".join(words):  # written "Family, Given" already
        head, _, tail = " ".join(words).partition(",")
        if head.strip() and tail.strip():
            return IndexName(written, head.strip(), tail.strip(), suffix=suffix)
    if len(words) > 1 and capital_initials(words[-1]) and not any(word.isupper() for word in words[:-1]):
        # "Dupont JP": a family name, then the initials of the given names in capitals, as Vancouver's style and
        # sciencesconf's forms write them; lowercase particles before it as ever ("van der Berg JP": "Berg, JP van der")
        lead = 0
        while lead < len(words) - 2 and words[lead] in PARTICLES:
            lead += 1
        return IndexName(written, " ".join(words[lead:-1]), words[-1], " ".join(words[:lead]), suffix)
    caps = _family_in_capitals_first(words)
    if caps:  # "DUPONT Jean", "LE GALL Marie-Anne": the family name in capitals, written first
        return IndexName(written, " ".join(words[:caps]), " ".join(words[caps:]), suffix=suffix)
    if len(words) > 1 and (words[0].lower() in FAMILY_FIRST or vietnamese_order(words)):
        # "Nguyễn Thị Hương"; "Nguyen Thi Huong", "Le Van Thanh" (without accents, before Văn or Thị)
        return IndexName(written, words[0], " ".join(words[1:]), suffix=suffix)
    glued = _GLUED_INITIALS.fullmatch(words[-1])
    # "Julia S.Simon", "O.Klein": the initials typed onto the family name are the given name's (not a degree: "M.Sc")
    if glued and any(ch.islower() for ch in glued[2]) and words[-1].replace(".", "") not in DEGREES:
        words[-1:] = [glued[1], glued[2]]
    elided = _ELIDED.match(words[-1]) if len(words) > 1 else None
    if elided:  # "Jean le Rond d'Alembert": the particle "d'" elided onto the family name, set aside as "de" is
        words[-1:] = [elided.group(1), elided.group(2)]
    start = len(words) - 1
    if start >= 2 and not elided and words[start - 1] in _FAMILY_JOINS and words[start - 2][:1].isupper():
        start -= 2  # "Santiago Ramón y Cajal": "Ramón y Cajal, Santiago", as the Spanish index files him
    while start > 0 and (words[start - 1].lower() in PARTICLES or (elided and start == len(words) - 1)):
        start -= 1
    if start >= 2 and not elided and _spanish_family(words[start - 1]):
        start -= 1  # "Gabriel García Márquez": "García Márquez, Gabriel", as a Spanish index files him
    if start == 0:  # one word, or only particles before it ("van Gogh"): all of it is the family name
        return IndexName(written, _unelided(words, elided), suffix=suffix)
    given, particle = " ".join(words[:start]), words[start:-1]
    # a particle written with a capital is part of the family name, from there on: "Van der Berg", "Te Rangi", and
    # after a lowercase one, "Jean de La Fontaine" ("La Fontaine, Jean de", as a French index files him)
    capital = next((i for i, word in enumerate(particle) if word[:1].isupper()), None)
    if capital is not None:
        family = _unelided(words[start + capital:], elided)
        return IndexName(written, family, given, " ".join(particle[:capital]), suffix)
    family = words[-1] if not elided else elided.group(2)
    return IndexName(written, family, given, " ".join(particle), suffix)


def _family_first_script(words: list[str]) -> bool:
    """Whether a name of these words (two or more) is written in Chinese, Japanese or Korean letters, which write the
    family name first: every word in Han, kana or Hangul, and not all of them in katakana (a foreign name written in
    it, "ジョン スミス", keeps its given name first)."""
    if ord(words[0][0]) < 0x1100:  # (before Hangul's letters, the first of these scripts': most names, at once)
        return False
    scripts = [_scripts(word) for word in words]
    return (all(found and found <= _FAMILY_FIRST_SCRIPTS for found in scripts)
            and not all(found == {"KATAKANA"} for found in scripts))


_FAMILY_FIRST_SCRIPTS = frozenset({"CJK", "HIRAGANA", "KATAKANA", "HANGUL"})
# the word before a father's name, after one's own: "bin", "binti" (Malay), "bint", "ibn" (Arabic), "a/l", "a/p"
# (a Malaysian Indian name's "son of", "daughter of"), in small letters ("Ben", "Bin" are given and family names)
PATRONYMICS = frozenset({"bin", "binti", "binte", "bint", "ibn", "a/l", "a/p"})


def _spanish_family(word: str) -> bool:
    """Whether `word`, before a family name, is the first of two, as a Spanish name writes the father's and then the
    mother's: a family name from a father's name, ending in -ez, or García, Muñoz, Díaz, written with its Spanish
    accent ("Rodríguez", "Núñez": "Gabriel García Márquez", "José Luis Rodríguez Zapatero"). Without accents
    ("Garcia", "Lopez", as Philippine names write a mother's family name before the father's, filed under the last)
    it may be either, and is not taken to be."""
    folded, word = fold(word), unicodedata.normalize("NFC", word)  # (an accent as a mark of its own: "Ja\u0301quez")
    return (word[:1].isupper() and any(ch in "áéíóúñÁÉÍÓÚÑ" for ch in word) and folded.isalpha()
            and (folded.endswith("ez") and len(folded) > 3 or folded in ("garcia", "munoz", "diaz")))


# what joins the two family names of a Spanish, Portuguese or Catalan name, in small letters ("Santiago Ramón y Cajal",
# "Maria da Silva e Souza", "Anna Fontcuberta i Morral": filed under R, S and F, not under C, "Cajal, Santiago Ramón
# y")
_FAMILY_JOINS = ("y", "e", "i")
# a family name with initials typed onto it without a space: "S.Simon", "J.R.Smith", "A.O'Brien" (split_name: not
# "C.H.", initials alone, nor "St.Clair", nor a word in capitals after them, "J.R.SMITH")
_GLUED_INITIALS = re.compile(r"((?:[^\W\d_]\.)+)([^\W\d_][^\s.]*)")


def comma_tag(name: str) -> str:
    """What `name` ends with after a comma when it is one word of letters and digits, a call sign or a handle
    ("Jann Traschewski, DG8NGN", as FOSDEM lists him), not given names ("Traschewski, Jann"); else ''."""
    head, comma, tail = name.rpartition(",")
    tail = tail.strip()
    if comma and head.strip() and _TAG.fullmatch(tail):
        return tail
    return ""


def without_comma_tag(name: str) -> tuple[str, str]:
    """`name` without the call sign or handle it ends with after a comma (comma_tag), and that word; `name` and ''
    when it ends with none: ("Jann Traschewski", "DG8NGN")."""
    tag = comma_tag(name)
    return (name[:-len(tag)].rstrip(" ,"), tag) if tag else (name, "")


# one word of letters and digits, a digit with a letter after it: "DG8NGN", "W1AW" (not "Lee2": a name's marker)
_TAG = re.compile(r"(?=[^\W_]*\d[^\W\d_])[^\W_]+")


def _unelided(words: list[str], elided) -> str:
    """`words` (the name's last words) joined, the particle d' that `elided` (_ELIDED's match, or None) took off the
    last one put back on it as written ("Te d'Or", not "Te d' Or")."""
    if elided:
        words = [*words[:-2], words[-2] + words[-1]]
    return " ".join(words)


# a family name with the particle d' elided onto it, in lowercase ("d'Alembert", "d’Ors"; "D'Angelo" is a family
# name as it is), or the Arabic article joined to it by a hyphen, in lowercase ("Ahmad al-Khatib": "Khatib, Ahmad
# al-", filed under K, as an index files the name after the article; "Al-Saud", "El-Khaled" are family names as
# they are)
_ELIDED = re.compile(r"(d['’]|al-|el-)([^\W\d_][\w'’-]*)$")


def _spaced_initials(words: list[str]) -> int:
    """How many last words of a name are initials without full stops after the name itself, as a South Indian name
    writes the initials of the father's name or the house's after the person's own ("Lakshmy A V", "Senthil Kumaran
    S", FOSDEM's and DebConf's speakers: no family name, and an index files them under the name, as a library's
    catalogue does "S. Radhakrishnan", "Radhakrishnan, S."): two or more after a word, or one after two words or
    more (which may be a family name cut short too, "Anna Maria K": split_name keeps that as written); 0 for one
    after one word, a family name cut to its initial ("Chris K", "Hanno B", as 39C3's speakers
    write themselves: "K, Chris"), for a "V" alone (a fifth: "Martin Luther King V"), and for a name with a
    comma ("Smith, A B": the family name first)."""
    count = 0
    while count < len(words) and len(words[-1 - count]) == 1 and words[-1 - count].isupper():
        count += 1
    before = words[:len(words) - count]
    if not count or not before or any("," in word for word in words):
        return 0
    if count == 1 and (len(before) < 2 or words[-1] == "V"):
        return 0
    return count


def capital_initials(word: str) -> bool:
    """Whether `word` is initials in capitals run together, two or three without a vowel ("JP", "JPM"; not "LI" nor
    "WU", family names in capitals, nor "NG", one without a vowel, nor a regnal number, "Louis XV"): a given name's,
    after a family name ("Dupont JP")."""
    return bool(_CAPITAL_INITIALS.fullmatch(word)) and word not in _VOWELLESS_FAMILIES and not set(word) <= set("XVL")


_CAPITAL_INITIALS = re.compile(r"[B-DF-HJ-NP-TV-XZ]{2,3}")  # capitals but the vowels, A E I O U and Y
_VOWELLESS_FAMILIES = frozenset({"NG"})  # family names of such letters alone ("Ana NG")


def _family_in_capitals_first(words: list[str]) -> int:
    """How many first words are a family name written in capitals before the given names ("DUPONT Jean", as many
    registration forms ask): words in capitals, three letters or more in all (not initials: "JP Smith"), and
    given names after them that are not (a name all in capitals is read as any other); 0 when not so."""
    count = 0
    while count < len(words) and words[count].isupper() and not words[count].endswith("."):
        count += 1
    rest = words[count:]
    if not count or not rest or not all(any(ch.islower() for ch in word) for word in rest):
        return 0
    return count if sum(ch.isalpha() for word in words[:count] for ch in word) >= 3 else 0


def family_place(name: str, family: str) -> str | None:
    """Where the family name is in the name (both with their spaces collapsed; the name's notes and call sign set
    aside): its "last" words, its "first" words, or None when it is not whole words at either end ("Jones" in "Bo
    Jones", not "ones")."""
    name = without_comma_tag(without_notes(name)[0])[0]
    if name == family or name.endswith(" " + family):
        return "last"
    if name.startswith(family + " "):
        return "first"
    return None


@cache
def _collator():
    """pyuca's collator over its own table, each entry read from pyuca's file only when a key is first looked
    up among the entries it may be in (see _LazyTable); only made when a list of names is sorted."""
    from pyuca import Collator
    from pyuca import collator as module

    collator = Collator.__new__(Collator)  # without its __init__, which parses every line of the file (0.1-0.2 s)
    table = _LazyTable(Path(module.__file__).with_name(f"allkeys-{Collator.UCA_VERSION}.txt"),
                       module.COLL_ELEMENT_PATTERN)
    collator.table, collator.implicit_weights = table, table.implicit_weights
    return collator


_KEYS_LINE = re.compile(r"^[ \t]*(([0-9A-Fa-f]+)\b[^\n]*)", re.M)  # an entry's line, and its first code point


class _LazyTable:
    """pyuca's table, answering as its trie does (`find_prefix`: the longest start of a key that is an entry),
    read from pyuca's file as pyuca reads it, the entries of a first code point parsed when a key starting with
    it is first looked up: a book's names use a few hundred of the table's 30,000 characters, and parsing every
    line takes pyuca 0.1-0.2 s, finding each line's first code point 0.02 s. Weights are tuples (pyuca reads
    them as it reads its lists)."""

    def __init__(self, path: Path, element: re.Pattern) -> None:
        """`element`: pyuca's pattern of one collation element (its weights in its groups)."""
        text = path.read_text(encoding="utf-8")
        self._element = element
        self._lines: dict[int, list[str]] = {}
        for line, first in _KEYS_LINE.findall(text):
            self._lines.setdefault(int(first, 16), []).append(line)
        self.implicit_weights: list[list[int]] = []
        for line in re.findall(r"^@implicitweights[^\n]*", text, re.M):  # as pyuca's load reads them
            ch_range, base = line.split("#", 1)[0].rstrip()[len("@implicitweights"):].split(";")
            range_start, range_end = ch_range.split("..")
            self.implicit_weights.append([int(range_start, 16), int(range_end, 16), int(base, 16)])
        self._parsed: dict[int, tuple[dict[tuple[int, ...], tuple], int]] = {}

    def _entries(self, first: int) -> tuple[dict[tuple[int, ...], tuple], int]:
        """The entries whose key starts with `first`, as pyuca's load makes them (a later line of the same key
        replaces an earlier one), and the longest key's length."""
        found = self._parsed.get(first)
        if found is None:
            entries = {}
            for line in self._lines.get(first, ()):
                keys, weights = line.split("#", 1)[0].rstrip().split(";", 1)
                entries[tuple(int(code, 16) for code in keys.split())] = tuple(
                    tuple(int(weight, 16) for weight in element.groups())
                    for element in self._element.finditer(weights.strip()))
            found = self._parsed[first] = entries, max(map(len, entries), default=0)
        return found

    def find_prefix(self, key):
        if key:
            entries, longest = self._entries(key[0])
            for end in range(min(len(key), longest), 0, -1):
                value = entries.get(tuple(key[:end]))
                if value:
                    return key[:end], value, key[end:]
        return key[:0], None, key[0:]


@lru_cache(maxsize=65536)  # every name of a large conference: a rebuild in the same process sorts them again
def _levels(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The primary weights of `text` (its letters, without accents or case), and its whole UCA sort key: kept
    with the data folder's layouts on disk (cache.persisted.fact, by the text and pyuca's files), so that a
    build that sorts no new name never loads the collation table."""
    from ..cache.persisted import fact

    return fact("levels", "pyuca", (text,), lambda: _made_levels(text))


SORTED_LETTERS = 1_000  # characters of a name, at most, that its sort key is made of (_made_levels)


def _made_levels(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The levels of `text` (see _levels), of its first SORTED_LETTERS characters: pyuca's collation copies what is
    left of the text at each character (the tail its table's find_prefix returns), and a name of 98,000 letters took
    8 s of CPU to sort; names that long are told apart by how they are written (sort_key's last part)."""
    key = tuple(_collator().sort_key(text[:SORTED_LETTERS]))
    return (key[: key.index(0)] if 0 in key else key), key


def sort_key(name: IndexName, language: str | None = None) -> tuple:
    """Orders names as an index does: family, given names, particle, each on its letters alone; then the same
    with accents and case; then the name as written, so that the order never depends on the input's. `language`
    (the booklet's): its own letters where the Unicode collation files them otherwise (TAILORED: Spanish ñ after
    n, Swedish å ä ö after z, ...)."""
    tailor = _tailor(language)
    family, given, particle = (_levels(_numbered(text.translate(tailor) if tailor else text))
                               for text in (_filed(name.family), _filed(_untitled(name.given)), name.particle))
    return (family[0], given[0], particle[0], family[1], given[1], particle[1], name.suffix, name.written)


# Titles a name may start with, written before the given names ("Dr. Jane Doe", "Prof. Dr. Hans Meier", "Dr.-Ing. Ute
# Kraus", "Dott.ssa Anna Rossi"), as title_form gives them: academic ones, which the index prints but does not sort on
# (_untitled) and lint sets apart in comparing names (lint.names: "an academic title written with it"; a degree's
# faculty, "Dr. rer. nat.", is lint's alone)...
ACADEMIC_TITLES = frozenset({"prof", "professor", "dr", "drs", "pd", "priv-doz", "privatdozent", "dipl-ing", "dr-ing",
                             "mag", "univ-prof", "ao", "apl", "em", "habil", "prof-dr", "dott", "dott-ssa", "prof-ssa",
                             "dra", "assoc"})
# ... and forms of address, which the index passes over too ("Sir Tim Berners-Lee"; "Mr John Smith", British style
# writing no full stop after a contraction) but which are no academic title (lint does not set them apart)
FORMS_OF_ADDRESS = frozenset({"sir", "dame", "mr", "mrs", "ms", "mx"})
_ADDRESS = ACADEMIC_TITLES | FORMS_OF_ADDRESS
_TITLE_PART = re.compile(r"[^\W_]+")


def title_form(word: str) -> str:
    """A word as the titles are listed (ACADEMIC_TITLES): folded, its parts (letters and digits) joined by hyphens,
    full stops and all else left out: "Dr.-Ing." is "dr-ing", "Dott.ssa" "dott-ssa", "Prof." and "Prof" "prof"."""
    return "-".join(_TITLE_PART.findall(fold(word)))


def _untitled(given: str) -> str:
    """The given names without the titles they start with (_ADDRESS): "Prof. Dr. Hans" sorts as "Hans", beside
    "Meier, Hans", not after "Meier, Otto"; the given names as they are when nothing else is left ("Dr.")."""
    words = given.split(" ")
    at = 0
    while at < len(words) - 1 and title_form(words[at]) in _ADDRESS:
        at += 1
    return " ".join(words[at:]) if at else given


def text_key(text: str, language: str | None = None) -> tuple:
    """Orders titles (plain text) as sort_key orders names: from the first letter or digit on (a leading quote or
    bracket is passed over), on the letters alone, then with accents and case, then as written; in `language`'s
    order (TAILORED)."""
    tailor = _tailor(language)
    filed = " ".join(_filed(text).split())
    levels = _levels(_numbered(filed.translate(tailor) if tailor else filed))
    return (levels[0], levels[1], text)


_DIGITS = re.compile(r"\d+")  # a number: a run of decimal digits, of any script (the collation weighs them alike)


def _numbered(text: str) -> str:
    """`text` with each number written so that the collation, which compares digit by digit ("10" before "2"),
    orders numbers by their value: its digits without leading zeros, after their count in three digits ("2" ->
    "0012", "10" -> "00210"; a field holds at most a few hundred characters). Leading zeros only settle a tie, by
    the name as written (sort_key, text_key)."""
    return _DIGITS.sub(_by_value, text)  # (a text without a number: itself, sooner than a look for a digit first)


def _by_value(found: re.Match) -> str:
    """A number _numbered found, as it writes it: its count of digits, then its digits without leading zeros."""
    digits = found.group()
    at = next((i for i, ch in enumerate(digits) if unicodedata.decimal(ch) != 0), len(digits))
    digits = digits[at:] or digits[-1]
    return f"{len(digits):03d}{digits}"


def _tailor(language: str | None) -> dict[int, str] | None:
    """The translation that files `language`'s own letters where it does (TAILORED), or None."""
    from .languages import base_language

    return TAILORED.get(base_language(language)) if language else None


def _after(base: str, letters: str) -> dict[int, str]:
    """`letters` (each in lower and upper case) written as `base` followed by characters of the private use area in
    their order: the collation files them after every word of `base` and in that order (its weights for such
    characters come after every letter's)."""
    table = {}
    for n, letter in enumerate(letters):
        for case in (str.lower, str.upper):
            table[ord(case(letter))] = case(base) + chr(0x10FF00 + n)
    return table


# A language's letters that the Unicode collation (its root order, pyuca's) files otherwise than the language does
TAILORED = {
    "es": _after("n", "ñ"),  # Cano, Canzone, Cañas
    "sv": _after("z", "åäö"), "fi": _after("z", "åäö"),
    "da": _after("z", "æøå"), "nb": _after("z", "æøå"), "nn": _after("z", "æøå"), "no": _after("z", "æøå"),
    # Polish: each letter with a diacritic after its base letter's every word (Lis, Lyko, Łoś; Czyż, Ćwik; Zorn, Źródło, Żak)
    "pl": {**_after("a", "ą"), **_after("c", "ć"), **_after("e", "ę"), **_after("l", "ł"), **_after("n", "ń"),
           **_after("o", "ó"), **_after("s", "ś"), **_after("z", "źż")},
}


def _filed(text: str) -> str:
    """`text` from its first letter or digit on (as it is when it has none), without the signs of a transliteration
    that are letters to Unicode (_UNFILED: "ʻAbd al-ʻAzīz", "Saʿīd", "Hawaiʻi") and a Dutch article elided before a
    word ("'s-Hertogenbosch", "'t Hooft"): what a name is filed and sorted by, as a library files them (the ʻayn and
    the hamza passed over; "'s-Hertogenbosch" under H)."""
    if not text.isascii():
        text = text.translate(_UNFILED)
    for at, char in enumerate(text):
        if char.isalnum():
            if at and text[at - 1] in "'\u2019" and _DUTCH_ARTICLE.match(text, at):
                return _filed(text[at + 2:]) or text
            return text[at:]
    return text


# the ʻokina, ʻayn and hamza as transliterations write them (modifier letters: U+02BB-U+02BF), dropped from what is
# sorted: the collation weighs them as letters of their own, between H and I or after Z ("ʻAli" was under a heading
# "ʻ" after the Hs)
_UNFILED = dict.fromkeys(range(0x02BB, 0x02C0))
_DUTCH_ARTICLE = re.compile(r"[st][- ](?=\w)")  # "'s-" (des), "'t " (het), after an apostrophe


def heading(name: IndexName, language: str | None = None) -> str:
    """The letter a name is filed under: the first letter of its family name in capitals, without accents or
    strokes (Øvergaard under O, Łoś under L: the letters the collation files them with), but for a letter `language`
    files on its own (TAILORED: Swedish Å, Polish Ł, Spanish Ñ, a heading of its own where the order puts it: Åberg
    after Zorn was under a second "A" after Z); DIGITS when a digit comes first ("42triangles" and "7880", where the
    collation sorts them, before the letters); else its first character."""
    tailor = _tailor(language)
    for char in _filed(name.family):
        if char.isdigit():
            return DIGITS
        if char.isalpha() and char not in _PREVOWELS:
            upper = char.upper()
            if tailor and ord(char) in tailor:
                return upper
            latin = _latin_letters().get(_levels(upper)[0][:1])
            if latin:
                return latin
            first = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", upper))[0]
            return _HANGUL_LEADS.get(first) or _kana_rows().get(first, first)
    return name.family[:1]


# The heading of every name that starts with a digit, as an index files them: one group before the letters (39C3's
# index opened with four headings, 0, 1, 4 and 5, over one or two handles each: "0ddc0de", "10 Mark DJ Team", ...);
# printed as the label `index_digits` (layout.common.letter_headings), these words its English
DIGITS = "0\u20139"


# Thai and Lao vowels written before the consonant they follow (Unicode's Logical_Order_Exception): the collation
# files a word by that consonant ("ใจดี" among the words in จ), and so does its heading (a heading "ใ" for it, and
# one "ไ" between the ก and the ข, split the Thai names)
_PREVOWELS = frozenset("\u0e40\u0e41\u0e42\u0e43\u0e44\u0ec0\u0ec1\u0ec2\u0ec3\u0ec4")
# A Hangul syllable's first consonant as NFD gives it (a conjoining jamo, drawn as the top left part of a syllable,
# "김" under "ᄀ") -> the letter itself, as a Korean index heads its groups (ㄱ, ㄴ, ...)
_HANGUL_LEADS = dict(zip(map(chr, range(0x1100, 0x1113)), "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"))


# The kana, in hiragana, by the rows of the syllabary a Japanese index heads its groups with (あ行, か行, ...): a row's
# first kana heads it. Katakana and small kana are filed with them (the collation weighs them alike: "ヤマモト" between
# "やまだ" and "やまもと", which were headed や, ヤ, や, each the first of its script named again)
_KANA_ROWS = ("あぁいぃうぅえぇおぉ", "かきくけこゕゖ", "さしすせそ", "たちっつてと", "なにぬねの", "はひふへほ", "まみむめも",
              "やゃゆゅよょ", "らりるれろ", "わゎゐゑをん")


@cache
def _kana_rows() -> dict[str, str]:
    """Each kana, hiragana and katakana (as NFD leaves them: without their voicing marks) -> its row's heading."""
    rows = {kana: row[0] for row in _KANA_ROWS for kana in row}
    return {**rows, **{chr(ord(kana) + 0x60): first for kana, first in rows.items()}, "\u30f4": "あ"}


# Scripts whose letters an index files under headings of their own, by the first word of a letter's Unicode name, and
# their ISO 15924 codes (the names CLDR gives them in each language)
_SCRIPTS = {
    "GREEK": "Grek", "COPTIC": "Copt", "CYRILLIC": "Cyrl", "ARMENIAN": "Armn", "HEBREW": "Hebr", "ARABIC": "Arab",
    "GEORGIAN": "Geor", "DEVANAGARI": "Deva", "BENGALI": "Beng", "TAMIL": "Taml", "THAI": "Thai", "HANGUL": "Hang",
    "HIRAGANA": "Hrkt", "KATAKANA": "Hrkt", "CJK": "Hani", "ETHIOPIC": "Ethi", "LAO": "Laoo",
}


def script_of(letter: str) -> str | None:
    """The ISO 15924 code of a heading letter's script when it is not Latin ("Grek" for "Π", "Cyrl" for "П"); None for
    Latin letters, digits and anything else."""
    if not letter or not letter[0].isalpha():
        return None
    return _SCRIPTS.get(_script_word(letter[0]))


def script_names(letters: list[str], language: str) -> list[str | None]:
    """For each of an index's letter headings, in order: the name of its script in the booklet's language (CLDR)
    when it is the first heading of a script other than Latin, else None; printed after the letter, so that Greek "Π"
    and Cyrillic "П", or Greek "Α" after Latin "Y", do not read as one letter twice or out of order."""
    from .dates import script_name

    names: list[str | None] = []
    before = None
    for letter in letters:
        script = script_of(letter)
        names.append(script_name(script, language) if script is not None and script != before else None)
        before = script
    return names


@cache
def _latin_letters() -> dict[tuple[int, ...], str]:
    return {_levels(letter)[0][:1]: letter for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"}
