"""Contributions read from a foreign source (Indico, a spreadsheet) -> booklet's documents.

A reader turns its source into `Entry` records (one per contribution, break or programme line) and
`Block` records (session blocks with their chairs and room); `assemble` makes of them the documents of
booklet's data files: abstracts, tutorials and posters with unique ids, and a programme whose days hold
session blocks, parallel sessions (blocks at overlapping times) and plain items. It also holds what
the readers share: kinds from a source's contribution types, names, ids, times.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from ..data import web
from ..data.contract import NIGHT_FROM, NIGHT_UNTIL, PLACEHOLDERS, placeholder_name
from ..text.names import VIETNAMESE_MIDDLE, vietnamese_order
from . import Imported, Options, SourceError
from .kinds import ABSTRACT_KINDS, forms, kind_for, looks_like_break, user_kind, user_kind_of
from .text import to_line

# -- kinds ------------------------------------------------------------------------------------

# What a contribution becomes (kinds.KINDS): an abstract of one of booklet's kinds, a tutorial, a poster, a plain
# programme line (break, social, other), or nothing (skip).

def user_kinds(options: Options) -> dict[str, str]:
    """--kinds, checked: {normalised source type: kind}; SourceError for a kind booklet does not have."""
    table = {}
    for source, kind in (options.kinds or {}).items():
        try:
            meant = user_kind(source, kind)
        except ValueError as exc:
            raise SourceError(f"--kinds: {exc}") from None
        table.update(dict.fromkeys(forms(source), meant))
    return table


class Kinds:
    """Source type -> kind: --kinds first, then the words of the type; the types a kind is asked of are counted
    (`seen`), the unknown ones apart (`unmapped`)."""

    def __init__(self, options: Options) -> None:
        self.table = user_kinds(options)
        self.unmapped: Counter = Counter()
        self.seen: Counter = Counter()

    def known(self, name: str | None) -> str | None:
        """The kind for a type name when --kinds or its words say; None otherwise (nothing counted)."""
        return kind_for(name, self.table)

    def given(self, name: str | None) -> bool:
        """Whether --kinds names the type (what it says wins over any guess)."""
        return user_kind_of(name, self.table) is not None

    def __call__(self, name: str | None, default: str = "contributed") -> str:
        if not name or not name.strip():
            return default
        self.seen[name.strip()] += 1  # (the types a kind is asked of: not a track only looked at, `known`)
        kind = self.known(name)
        if kind is None:
            self.unmapped[name.strip()] += 1
            return default
        return kind


_SOCIAL = re.compile(r"dinner|banquet|reception|excursion|ap[ée]ro|drinks|party|concert|konzert|empfang|abendessen"
                     r"|d[îi]ner|soir[ée]e|tour|visit|get.together|social", re.I)


def line_kind(title: str, default: str = "other") -> str:
    """The kind of a programme line from its title: 'social' for a dinner, 'break' for a coffee break."""
    if _SOCIAL.search(title or ""):
        return "social"
    if looks_like_break(title):
        return "break"
    return default


# -- people -------------------------------------------------------------------------------------

@dataclass
class Person:
    name: str
    affiliations: list[str] = field(default_factory=list)
    email: str | None = None
    presenting: bool = False
    family: str | None = None  # the family name, when the source gives it apart (Indico's last_name)
    family_read: bool = False  # `family` read from a name written family name first (sciencesconf's), not given apart:
    # the importer's note says so, people_file's does not say it again

    def fill_in(self, other: "Person") -> None:
        """What `other`, another writing of the same person, gives that this one lacks: presenting, affiliations,
        e-mail, the family name (with whether it was read)."""
        self.presenting = self.presenting or other.presenting
        self.affiliations = self.affiliations or other.affiliations
        self.email = self.email or other.email
        if not self.family and other.family:
            self.family, self.family_read = other.family, other.family_read


def people_file(entries: list[Entry], notes: list[str]) -> list[dict]:
    """people.yaml's entries for the people whose family name, as the source gives it apart, is not what booklet
    finds in their name (its last word, with the particles before it): "Victor Manuel Jáquez Leal", family
    "Jáquez Leal", filed under J in the index, not as "Leal, Victor Manuel Jáquez"; with a note (for the families
    given apart: a family read from a name written family name first, Person.family_read, has the importer's). A
    family the rule finds with a particle before it is the rule's: SIGDIAL's "Barbara" "Di" "Eugenio" (first, middle
    and last name) is "Di Eugenio", not "Eugenio"; so is a family given with the suffix the rule sets aside (the ACL
    Anthology's last name "Logan IV": "Logan, Robert L., IV", not "Logan IV, Robert L."). A placeholder ("Speaker 1",
    given first name "Speaker", last name "1") is nobody: no entry."""
    from ..text.names import PARTICLES, family_place, split_name

    # the name composed (NFC: as check compares names) -> (name, family, whether the family was read, not given)
    found: dict[str, tuple[str, str, bool]] = {}
    for entry in entries:
        for person in entry.people:
            family = " ".join((person.family or "").split())
            rule = split_name(person.name)
            if rule.suffix and family.endswith(rule.suffix):
                family = family[:-len(rule.suffix)].rstrip(" ,")
            before = rule.family[:-len(family)] if rule.family.endswith(" " + family) else ""
            if (family and unicodedata.normalize("NFC", person.name) not in found and not placeholder_name(person.name)
                    and family not in (rule.family, f"{rule.particle} {rule.family}")
                    and not (before and all(word.casefold() in PARTICLES for word in before.split()))
                    and family_place(person.name, family) is not None):
                found[unicodedata.normalize("NFC", person.name)] = person.name, family, person.family_read
    given = [name for name, _, read in found.values() if not read]
    if given:
        notes.append(f"{len(given)} person(s) whose family name (as the source gives it) is not the last word of "
                     f"their name: in people.yaml, which the index of authors files them by ({some(given)})")
    return [{"name": name, "family": family} for name, family, _ in found.values()]


def clean(text) -> str:
    """A one-line value: markup made from HTML or Markdown, whitespace collapsed, '' for None."""
    if text is None:
        return ""
    return to_line(str(text))


def full_name(first, last) -> str:
    """'Ravindra Babu' and 'Ganapathi,' -> 'Ravindra Babu Ganapathi' (stray commas and spaces dropped); a name
    written whole in one of the two fields is not written twice (given_and_family)."""
    return " ".join(" ".join(p.replace(",", " ").split()) for p in given_and_family(first, last) if p)


def given_and_family(first, last) -> tuple[str, str]:
    """A source's given and family name fields (spaces collapsed), the given name taken out of the family name's
    field when that starts with it ('Rajneesh' and 'Rajneesh Bhardwaj': the whole name typed in the second field,
    printed 'Rajneesh Rajneesh Bhardwaj'), as the family name out of the given names' field when that ends with it
    ('Ana Smith' and 'Smith'). A name of one word in both ('Li' and 'Li') is two words, as written; commas inside a
    field are kept ('King, Jr.')."""
    first, last = (" ".join(str(p or "").split()) for p in (first, last))
    given, family = ([w.strip(",").casefold() for w in p.split()] for p in (first, last))
    if given and len(family) > len(given) and family[:len(given)] == given:
        last = " ".join(last.split()[len(given):])
    elif family and len(given) > len(family) and given[-len(family):] == family:
        first = " ".join(first.split()[:-len(family)])
    return first, last


def flip_name(name: str) -> str:
    """'Last, First' -> 'First Last'; any other form as it is (whitespace collapsed). A call sign after a comma
    (names.comma_tag) is set aside and kept at the end: "Jann Traschewski, DG8NGN" as it is, "Traschewski, Jann,
    DG8NGN" (family name first in a cell of several speakers) -> "Jann Traschewski, DG8NGN"."""
    return flipped(name)[0]


def flipped(name: str) -> tuple[str, str | None]:
    """flip_name's name, and the family name it was written with first when it turned it round ("Ruiz de Gordejuela,
    Unai" -> "Unai Ruiz de Gordejuela", family "Ruiz de Gordejuela": the index, by its rule, would file him under
    Gordejuela), its academic titles left out as _titles_out leaves them out of the name ("Dr. Smith, Ana": Smith);
    None for the family when it did not (no given name after the comma, or no comma) or it is titles alone. What the
    name ends with after commas that is post-nominals (post_nominal: "Smith, Ana, Jr.", "Smith, Ana, MSc") is set
    aside and kept at the end ("Ana Smith, Jr."; without_titles leaves a degree out), not turned round with it, as is
    a note it ends with in brackets or quotes (names.without_notes: "Wang, Wei (王伟)" -> "Wei Wang (王伟)", not "Wei (王伟)
    Wang")."""
    from ..text.names import without_comma_tag, without_notes

    name, note = without_notes(" ".join(str(name or "").split()).strip(" ,;"))
    name, tag = without_comma_tag(name)
    name, after = post_nominals_apart(name)  # ("Smith, Ana, Jr.": "Ana Smith, Jr.")
    family = None
    if name.count(",") == 1:
        last, first = (p.strip() for p in name.split(","))
        name = f"{first} {last}" if first and last else first or last
        family = (titles_dropped(last) or None) if first and last else None
    name = ", ".join([name, *after, *([tag] if tag else [])])
    return (f"{name} {note}" if note else name), family


def family_written_first(name: str) -> str | None:
    """The family name of `name` when the source writes names family name first in ordinary letters ("Guyader
    Vincent", as sciencesconf.org exports them): its first word, with the particles before it ("Van Der Laan Jan",
    "De Jonge Edwin"); None for a name of one word, one that ends with a family name elided onto its particle
    ("Marcello D'orazio": typed given name first into the export's fields), or one that still starts with an academic
    title (without_titles keeps "Dr. Smith" as written: its family is not "Dr."); None too for one whose last word
    alone is in capitals ("Damien DUPRE": sciencesconf's family name as the form takes it, typed after the given name,
    which the index finds itself). A Vietnamese family name before Văn or Thị, in any letters, is its first word alone
    ("Le Van Thanh", "Le Thi Huong": Le is no particle there), as is a family that would be particles alone."""
    from ..text.names import PARTICLES

    words = name.split()
    if (len(words) < 2 or _ELIDED_LAST.match(words[-1]) and not _ELIDED_LAST.match(words[0])
            or _ACADEMIC_TITLE.match(name) or _capitals_last(words)):
        return None
    if vietnamese_order(words):
        return words[0]
    count = 1
    while count < len(words) - 1 and words[count - 1].casefold() in PARTICLES:
        count += 1
    if all(word.casefold() in PARTICLES for word in words[:count]):
        count = 1
    return " ".join(words[:count])


def _capitals_last(words: list[str]) -> bool:
    """Whether a name's last word is a family name in capitals after a first word that is not ("Damien DUPRE", "Ana
    Maria DE SOUZA"): two letters or more, no initial ("Ana B."), initials run together ("Dupont JP": names.
    capital_initials) nor a generational suffix ("Smith Ana III")."""
    from ..text.names import SUFFIXES, capital_initials

    last = words[-1]
    return (last.isupper() and not last.endswith(".") and sum(ch.isalpha() for ch in last) >= 2
            and last.lower() not in SUFFIXES and not capital_initials(last) and not words[0].isupper())


def family_may_run_on(name: str, family: str) -> bool:
    """Whether the family name family_written_first read in `name` may run on into the next word ("Caldas Rivera
    Maria Paula": Caldas or Caldas Rivera): two words or more are after it, the first no Vietnamese middle name."""
    from ..text.folding import fold

    rest = name.split()[len(family.split()):]
    return len(rest) > 1 and fold(rest[0]) not in VIETNAMESE_MIDDLE


_ELIDED_LAST = re.compile(r"[DdOoLl]['’]\w")  # "D'Orazio", "O'Brien", "L'Huillier": a family name, not a given name

# an academic title written in a name, as a word of its own: "Dr.", "Dr. med.", "Dr.-Ing.", "Dr. h.c. mult.", "Prof.",
# "Assoc. Prof.", "Professor (Emeritus)", "PhD" ("Ana Smith, PhD"), "Dipl.-Ing.", "Priv.-Doz."; whole, or what is left
# of it is printed as a name ("Dr. med. dent. Ana Smith" was "dent. Ana Smith"); case counts ("Nat" is a name, "nat."
# part of "Dr. rer. nat."): in capitals or small letters with its dot ("DR. JOHN SMITH", "prof. dr. Janez Novak"; "DR"
# may be initials), Italian's and Spanish's with theirs ("Dott.ssa", "Prof.ssa", "Dra."); not in brackets, nor the PhD
# of a "PhD student" or "PhD candidate" (a role)
_DOCTOR = (r"(?:Dott\.(?:ssa)?|Dr\.ssa|Dra\.|Dr\.?|DR\.|dr\.?)"
           r"(?:[\s-](?:med|dent|vet|rer|nat|phil|pol|oec|jur|iur|theol|sc|techn|hab|habil|h\.\s?c|mult|Ing)\.?)*")
_PROFESSOR = r"(?:Prof\.ssa|Profa\.|Prof(?:essor|\.)?|PROF(?:ESSOR|\.)|prof\.)(?:\s+(?:Emeritus|Emerita|em\.))?"
_ACADEMIC_TITLE = re.compile(
    rf"(?<![\w.(-])(?:(?:Assoc(?:iate|\.)?|Asst\.?|Assistant)\s+)?(?:{_PROFESSOR}|{_DOCTOR}|Dipl\.-Ing\.|Priv\.-Doz\.|"
    r"Ph\.?\s?D\.?(?!\s+(?:student|candidate)))(?=[\s,;]|$)")


def without_titles(name: str) -> str:
    """`name` without the academic titles written in it ("Dr. Kira Vinke" -> "Kira Vinke", "Kocak Assoc. Prof.
    Necmettin Alpay" -> "Kocak Necmettin Alpay", "Ana Smith, PhD" -> "Ana Smith") and the degrees it ends with after
    a comma ("Ana Smith, MSc" -> "Ana Smith", "Ana Smith, Jr., MD" -> "Ana Smith, Jr.": a generational suffix is the
    name's, post_nominal); as written when fewer than two words of a name would be left ("Dr. Affe", "PhD (he/him)": a
    name someone gave themselves)."""
    head, after = post_nominals_apart(name)
    kept = (piece if post_nominal(piece) == "suffix" else _note_after(piece) for piece in after)
    bare = ", ".join([head, *filter(None, kept)])  # ("Ana Smith, MD (she/her)": "Ana Smith, (she/her)")
    if len(bare) == len(name) and not _ACADEMIC_TITLE.search(name):
        return name
    left = titles_dropped(bare)
    # one comma where the title stood between two ("Ana Smith, Ph.D., M.D."), none before brackets ("Ana Smith, PhD
    # (she/her)")
    left = re.sub(r"\s*([,;])(?:\s*[,;])*", r"\1", left)
    left = re.sub(r"[,;](\s*\()", r"\1", left).strip(" ,;")
    words = [w for w in left.split() if any(ch.isalpha() for ch in w) and not w.startswith(("(", "["))]
    return left if len(words) >= 2 else name


def post_nominal(piece: str) -> str | None:
    """What a piece of a name after a comma is when it is post-nominals alone (names.GENERATIONAL_SUFFIXES and
    names.DEGREES, the table of them): "suffix" for a generational suffix, the name's ("Jr.", "III"); "degree" for
    degrees, fellowships and academic titles, no part of it ("MSc", "M.D.", "PhD MD", "Prof. Dr."); None for anything
    else (a person, an institution, a call sign). A note in brackets after them is theirs ("MD (she/her)": a degree,
    "Jr. (Lund University)": a suffix)."""
    from ..text.names import GENERATIONAL_SUFFIXES

    words = piece[:len(piece) - len(_note_after(piece))].split()
    if len(words) == 1 and (words[0].rstrip(".") in GENERATIONAL_SUFFIXES
                            or words[0].rstrip(".").capitalize() in ("Jr", "Sr") and words[0][:2].isupper()):
        return "suffix"
    if words and (all(_degree(word) or at and degree_qualifier(word) for at, word in enumerate(words))
                  or not titles_dropped(piece)):
        return "degree"
    return None


def degree_qualifier(word: str) -> bool:
    """Whether `word` is what a degree may have after it, the degree's (names.DEGREE_QUALIFIERS), in brackets or not,
    with its full stop or not: "(Hons)", "Hons.", "(Oxon)"."""
    from ..text.names import DEGREE_QUALIFIERS

    bracketed = word[:1] + word[-1:] in ("()", "[]")
    return (word[1:-1] if bracketed else word).strip().rstrip(".") in DEGREE_QUALIFIERS


def _note_after(piece: str) -> str:
    """What `piece` ends with in brackets, with the spaces before it ("MD (she/her)": " (she/her)"); '' when nothing,
    or when it is a degree's own ("BA (Hons)": degree_qualifier)."""
    found = _NOTE_AFTER.search(piece)
    return found.group() if found and not degree_qualifier(found.group().strip()) else ""


_NOTE_AFTER = re.compile(r"\s*(?:\([^()]*\)|\[[^\[\]]*\])$")


def _degree(word: str) -> bool:
    """Whether `word` is a degree of names.DEGREES, as written there, with or without its full stops, or in
    capitals ("MSc", "M.Sc.", "MSC"; not "Ma", a family name)."""
    bare = word.replace(".", "")
    return bool(bare) and (bare in _degrees()[0] or bare.isupper() and bare in _degrees()[1])


@cache
def _degrees() -> tuple[frozenset[str], frozenset[str]]:
    """names.DEGREES as written, and in capitals."""
    from ..text.names import DEGREES

    return DEGREES, frozenset(degree.upper() for degree in DEGREES)


def post_nominals_apart(name: str, initials: bool = True) -> tuple[str, list[str]]:
    """`name` without the post-nominals it ends with after commas (post_nominal), and those pieces as written:
    "Smith, Ana, Jr., MD" -> ("Smith, Ana", ["Jr.", "MD"]); a comma in brackets parts nothing. Capitals after a family
    name alone are its given names' initials, not a degree (initials_after_family: "Smith, J.D.", "Lee, MA"), but
    with `initials` False: `name` is a given name and what follows it ("Ana, M.D." of "Smith, Ana, M.D.")."""
    parts = OUTSIDE_BRACKETS_COMMA.split(name)
    after: list[str] = []
    while len(parts) > 1 and parts[0].strip() and post_nominal(parts[-1].strip()) \
            and not (initials and len(parts) == 2 and initials_after_family(*parts)):
        after.insert(0, parts.pop().strip())
    return (",".join(parts).strip() if after else name), after


def initials_after_family(family: str, piece: str) -> bool:
    """Whether `piece`, written after a comma, is the given names' initials though it is a degree's letters too
    (names.DEGREES: MA, JD, BA, MD, DDS): every reader's one rule for "Lee, MA" (table cells, Indico's full names and
    CSV cells, AMCOS's authors), as a LOC reads it. In a name written "Family, Given", one to three capitals after
    the family name alone (one word but its particles), with full stops or without, are initials: "Lee, MA" is M. A.
    Lee, as are "Lee, M.A.", "Smith, J.D." and "van Dijk, M. A." (a bibliography's and a form's way; nobody writes a
    degree after their family name alone, and full stops do not tell a degree from initials: M.D.); a note in
    brackets after them is theirs ("Lee, MA (Lund University)"). They are the degree after a full name ("Ana Lee,
    MA") or after a second comma ("Lee, Ana, MA"), and a degree not in capitals alone is never initials ("Lee, PhD",
    "Lee, MSc": kept as written)."""
    from ..text.names import PARTICLES

    piece = piece[:len(piece) - len(_note_after(piece))].strip()
    words = [word for word in family.split() if word.casefold() not in PARTICLES]
    return len(words) == 1 and bool(post_nominal(piece)) and bool(_CAPITALS.fullmatch(piece))


_CAPITALS = re.compile(r"(?:[A-Z]\.?\s?){1,3}")  # "J.D.", "M. A.", "MA", "DDS"; not "PhD", "MSc"


OUTSIDE_BRACKETS_COMMA = re.compile(r",(?![^()]*\))")  # a comma outside brackets: "Ana (UC, Berkeley), Bo"


def titles_dropped(text: str) -> str:
    """`text` without its academic titles, whatever is left (spaces collapsed): without_titles's first step."""
    return " ".join(_ACADEMIC_TITLE.sub(" ", text).split())


def untitled(name: str, changed: list[str]) -> str:
    """`name` without its academic titles (without_titles); `changed` gets "written -> printed" when it had some."""
    new = without_titles(name)
    if new != name:
        changed.append(f"{name} -> {new}")
    return new


def titles_note(changed: list[str]) -> list[str]:
    """The note on the names an import took academic titles out of (`changed`: untitled's), each once (a person of
    several contributions), or none."""
    changed = list(dict.fromkeys(changed))
    if not changed:
        return []
    return [f"{len(changed)} name(s) written with an academic title: the title left out, as booklet's data has no key "
            f"for one (write it back into the name to print it): {some(changed)}"]


def _titles_out(entries: list["Entry"], blocks: list["Block"], notes: list[str]) -> None:
    """The academic titles taken out of every person's and chair's name (without_titles): data-format.md has no key
    for a title, and the index would file "Dr. Kira Vinke" apart from "Kira Vinke"; the notes name them."""
    changed: list[str] = []
    for entry in entries:
        for person in entry.people:
            person.name = untitled(person.name, changed)
    for block in blocks:
        block.chairs = [untitled(chair, changed) for chair in block.chairs]
    notes += titles_note(changed)


_COUNTRY_THE = re.compile(r",\s*([A-Z][\w .-]*?),\s*The\s*$")


def affiliation(text) -> str:
    """An affiliation as printed: one line; 'Netherlands, The' -> 'The Netherlands'."""
    text = clean(text).strip(" ,;")
    return _COUNTRY_THE.sub(lambda m: f", The {m[1]}", text)


def email_of(text) -> str | None:
    """The first word with an '@' in it, without control characters; None when there is none."""
    words = re.sub(r"[\x00-\x1f\x7f-\x9f]", " ", str(text or "")).replace(",", " ").replace(";", " ").split()
    return next((w.strip("<>()[]") for w in words if "@" in w), None)


def person_record(person: Person, with_presenting: bool) -> dict:
    record: dict = {"name": person.name}
    if person.affiliations:
        record["affiliation"] = person.affiliations[0] if len(person.affiliations) == 1 else list(person.affiliations)
    if with_presenting and person.presenting:
        record["presenting"] = True
    email = email_of(person.email)
    if email:
        record["email"] = email
    return record


_EMAIL_NAME = re.compile(r"[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+")
_JOINED_AMPERSAND = re.compile(r"\w&\w")  # "AT&T", "Nina_art&play": an ampersand inside a word joins no people


# words that make a part of a name an organisation's, never a person's ("University of Oxford & Jane Doe")
_ORGANISATION_WORDS = frozenset(
    "university universität université universidad institute institut department laboratory lab labs observatory "
    "centre center academy college school faculty division group foundation agency council society hospital "
    "initiative association company corporation inc ltd gmbh team project community consortium collaboration "
    "network alliance".split())


def names_in(name: str) -> list[tuple[str, str | None]]:
    """The people a source's name stands for, each (name, email): one named by an email address (a source's account
    name) by the words of its address, the address as their email ('jehan.monnier@x.org' -> Jehan Monnier,
    'j.smith@x.org' -> J. Smith, a '+tag' left out); several in one name ('Ian Sollars, Sohel Sarder & Ramses de
    Norre', 'Ana Smith and Bo Jones', 'Smith, Ana, Jones, Bo') a person each, as a table's cell of names is read
    (table.several_people, whose people_read_so are such names' every reader's test). None for a name of no letter
    or digit, a placeholder ("-", "?": a person named "-" opened an index)."""
    from .table import several_people  # (table reads cells of names with assemble's helpers)

    name = name.strip()
    if not any(ch.isalnum() for ch in name):
        return []
    if _EMAIL_NAME.fullmatch(name):
        words = [w for w in re.split(r"[._]+", name.split("@")[0].split("+")[0]) if w]
        if len(words) >= 2 and all(w.replace("-", "").isalpha() for w in words):
            return [(" ".join(_name_word(w) for w in words), name)]
        return [(name, None)]
    return [(person.name, None) for person in several_people(name)] or [(name, None)]


def people_read_so(written: str, names: list[str]) -> bool:
    """Whether `names`, the people a name given as one person's was parted into (table.several_people), are people:
    none of them names an organisation ("Open Source Initiative & Free Software Foundation", "Digital Wallets and
    Verifiable Credentials FOSDEM team": one speaker each) nor has a word no person's name has before its last
    (names.title_like: "How They Vote, Open Parliament TV and Open Data Ranking", a 39C3 speaker, was three, "How They
    Vote" indexed as "Vote, How They"), their words are written as names are, all together (_one_case, their notes
    in brackets aside: "Andreas family & friends Hamburg", "RWE und co enteignen", a group's names for itself, are one
    speaker; "Lizzz (they / she) & Bo Lee" two), and neither an ampersand inside a word parted them ("Nina_art&play")
    nor a bar ("Tim Mäcken | Radiomegahertz", "Gioacchino Mazzurco | G10h4ck": a speaker's name and what they go by,
    which a table's cell would part). A name of one word is a person's, as in a table's cell ("Viv & Flo", "Stefan, Yannik & Rike": two
    and three people)."""
    from ..text.names import title_like, without_notes

    return (not _JOINED_AMPERSAND.search(written) and "|" not in written
            and _one_case(" ".join(without_notes(name)[0] for name in names))
            and not any(_ORGANISATION_WORDS & set(name.casefold().split()) or title_like(name) for name in names))


def _one_case(part: str) -> bool:
    """Whether `part` is written as a name is: not capitalised words beside others in lower case that are no
    particles ('van', 'de', 'bin'): "Andreas family" and "friends Hamburg" are a name a group gave itself; "john
    smith" (typed into a form so), "Mohammed al-Farsi" and names in a script without capitals are names."""
    from ..text.names import PARTICLES

    words = part.split()
    particles = PARTICLES | _MORE_PARTICLES
    lower = [w for w in words if w.islower() and w.casefold() not in particles]
    return not (lower and any(w[:1].isupper() for w in words))


_MORE_PARTICLES = frozenset({"bin", "bint", "ibn", "ben", "abu", "y", "e"})  # (Arabic, Hebrew; "y", "e" join names)


def _name_word(word: str) -> str:
    """A word of an email address's name as a name writes it: 'mary-jane' -> 'Mary-Jane', 'j' -> 'J.'."""
    if len(word) == 1:
        return word.upper() + "."
    return "-".join(part.capitalize() if part.islower() or part.isupper() else part for part in word.split("-"))


def _named(people: list[Person]) -> list[Person]:
    """People as named for print (names_in)."""
    out: list[Person] = []
    for p in people:
        found = names_in(p.name)
        if found == [(p.name, None)]:
            out.append(p)
            continue
        out += [Person(name, list(p.affiliations), p.email or email if len(found) == 1 else email, p.presenting)
                for name, email in found]
    return out


def unique_people(people: list[Person]) -> list[Person]:
    """People named twice (a speaker who is also an author) once, in first place, flags and details merged; named
    for print first (_named). A name is compared with those of its family name alone (_same_person asks one): an
    export's cell of 1,500 names compared each with all before it (1.1 million times) before the count was refused."""
    out: list[Person] = []
    seen: dict[str, Person] = {}
    families: dict[str, list[Person]] = {}  # by the last word of the name: those _same_person may find one with
    for p in _named(people):
        if not p.name:
            continue
        key = _fold(p.name)
        family = families.setdefault((_name_words(key) or [""])[-1], [])
        first = seen.get(key) or next((q for q in family if _same_person(q.name, p.name)), None)
        if first is not None and _told_apart(first, p):  # two people of one name (two Wei Zhangs, two addresses)
            out.append(p)
            family.append(p)
            continue
        if first is not None:
            first.fill_in(p)
            continue
        seen[key] = p
        out.append(p)
        family.append(p)
    return out


def _told_apart(one: Person, other: Person) -> bool:
    """Whether two people of one name are two: each with an e-mail of their own (an affiliation written two ways is
    one person's: "ETH Zurich, Switzerland" and "ETH Zurich, Department of Physics", Les Houches)."""
    return bool(one.email and other.email and one.email.casefold() != other.email.casefold())


def _same_person(a: str, b: str) -> bool:
    """'Alex Eichler' and 'A. Eichler': one family name, and the given names' initials agree."""
    wa, wb = _name_words(_fold(a)), _name_words(_fold(b))
    if len(wa) < 2 or len(wb) < 2 or wa[-1] != wb[-1]:
        return False
    ga, gb = wa[:-1], wb[:-1]
    if not (all(w.endswith(".") for w in ga) or all(w.endswith(".") for w in gb)):
        return False
    return [w[0] for w in ga] == [w[0] for w in gb][: len(ga)] or [w[0] for w in gb] == [w[0] for w in ga][: len(gb)]


def _name_words(folded: str) -> list[str]:
    """The words of a name _fold made, an initial's dot ending its word ('a.eichler': 'a.', 'eichler'): the last is
    the family name _same_person compares, and unique_people files a name under."""
    return folded.replace(".", ". ").split()


def _fold(name: str) -> str:
    text = unicodedata.normalize("NFKD", name.casefold())
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).split())


# -- ids ------------------------------------------------------------------------------------

_LETTERS = str.maketrans({"ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "œ": "oe", "Œ": "OE",
                          "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "þ": "th", "Þ": "Th", "ı": "i"})


def slug(text: str, limit: int = 40) -> str:
    """'Tetienne: Nanoscale détection' -> 'tetienne-nanoscale-detection' (ASCII, at most `limit`, whole words)."""
    text = str(text).translate(_LETTERS)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", text)
    out = ""
    for word in words:
        candidate = f"{out}-{word}" if out else word
        if len(candidate) > limit:
            if not out:
                out = word[:limit]
            break
        out = candidate
    return out


_STOPWORDS = {"a", "an", "the", "and", "or", "of", "in", "on", "for", "with", "to", "by", "from", "at", "as", "is",
              "de", "la", "le", "les", "des", "du", "et", "en", "un", "une", "der", "die", "das", "und", "im", "zur",
              "zum", "von", "mit", "ein", "eine", "dem", "den", "del", "y", "el", "los", "las"}


def id_from(*parts: str, limit: int = 32) -> str:
    """An id from a source's own id ('c12') or, without one, from the title's words (stable while the title is)."""
    words = [w for w in slug(" ".join(p for p in parts if p), 200).split("-") if w and w not in _STOPWORDS]
    return slug(" ".join(words), limit) or "entry"


# -- times ------------------------------------------------------------------------------------

def hhmm(t: dt.time) -> str:
    return t.strftime("%H:%M")


def time_text(start: dt.time | None, end: dt.time | None) -> str | None:
    """'09:00-09:20'; '14:00-24:00' for an end at midnight; '23:00-00:40' past midnight, as booklet reads an
    evening's end before its start (data.contract.NIGHT_FROM and NIGHT_UNTIL); '09:00' when the end is unknown, or
    not after the start otherwise."""
    if start is None:
        return None
    if end == dt.time(0, 0) and start > end:  # the end of the day, as booklet reads "14:00-24:00"
        return f"{hhmm(start)}-24:00"
    if end is not None and end < start and start >= NIGHT_FROM and end <= NIGHT_UNTIL:
        return f"{hhmm(start)}-{hhmm(end)}"
    if end is None or end <= start:
        return hhmm(start)
    return f"{hhmm(start)}-{hhmm(end)}"


_CLOCK = re.compile(r"^\s*(\d{1,2})\s*[:.hH]\s*(\d{2})(?:\s*[:.]\s*\d{2}(?:\.\d+)?)?\s*$|^\s*(\d{1,2})(\d{2})\s*$")


def parse_clock(text) -> dt.time | None:
    """'9:00', '09.00', '09h00', '0930', '09:00:00' -> time; None for anything else."""
    if isinstance(text, dt.datetime):
        return text.time().replace(second=0, microsecond=0)
    if isinstance(text, dt.time):
        return text.replace(second=0, microsecond=0)
    m = _CLOCK.match(str(text or ""))
    if not m:
        return None
    hour, minute = (int(m[1]), int(m[2])) if m[1] else (int(m[3]), int(m[4]))
    if hour == 24 and minute == 0:
        hour = 0  # midnight at the day's end: as an end, time_text writes it "24:00"; a start is the next day's
    if hour > 23 or minute > 59:
        return None
    return dt.time(hour, minute)


def plus_minutes(day: dt.date, start: dt.time, minutes: float) -> dt.time | None:
    """The clock time `minutes` after `start`; past midnight, only for an evening's item ending by 06:00 (as booklet
    reads "23:00-00:40", data.contract.NIGHT_FROM and NIGHT_UNTIL), else None (so for any number of minutes over a
    day's, infinity too, and on 9999-12-31, past the last day a date can have)."""
    if not 0 <= minutes < 24 * 60:
        return None
    try:
        moment = dt.datetime.combine(day, start) + dt.timedelta(minutes=minutes)
    except OverflowError:
        return None
    if moment.date() == day or moment.time() == dt.time(0, 0):  # (ending at midnight: time_text writes 24:00)
        return moment.time()
    return moment.time() if start >= NIGHT_FROM and moment.time() <= NIGHT_UNTIL else None


# -- what the readers hand over -------------------------------------------------------------------

@dataclass
class Block:
    """A session block: a named group of entries with chairs and a room (an Indico session block, a
    ConfTool session row). `key` identifies it among the source's blocks."""

    key: str
    name: str
    chairs: list[str] = field(default_factory=list)
    room: str = ""
    day: dt.date | None = None
    start: dt.time | None = None
    end: dt.time | None = None
    kind: str = ""  # "" for a session of talks; "poster" for a poster session; "break"/"social"/"other" for a line
    explicit: bool = True  # False: made from entries that name the same session (split where something else happens)


@dataclass
class Entry:
    """One contribution (or break, or programme line) of the source."""

    key: str  # the id it should get (made unique by assemble)
    title: str
    people: list[Person] = field(default_factory=list)
    text: str = ""  # booklet markup
    kind: str = "contributed"
    day: dt.date | None = None
    start: dt.time | None = None
    end: dt.time | None = None
    room: str = ""
    block: str | None = None  # a Block's key
    number: int | None = None  # poster board number
    where: str = ""  # for messages: "row 12", "contribution 14"
    language: str = ""  # its text's language, as the source writes it ("de", "EN", "German")
    topic: str = ""  # its track or topic, as the source names it: a poster's `topic`
    images: int = 0  # the images its text showed in the source (left out: text.images_in)
    # the date and time the source writes, where they could not be placed (a table with no column of dates): two
    # rows of one talk at other times are not one given again (_once)
    unplaced: str = ""


# -- the assembly ----------------------------------------------------------------------------------

PLACEHOLDER_TITLE = PLACEHOLDERS["title"]
PLACEHOLDER_VENUE = PLACEHOLDERS["venue"]
NOBODY = "TBA"
LONGEST = 24 * 60  # minutes: a longer duration is no item's
# people named for one contribution: some ten pages of names under one title (an A5 page lists about a hundred);
# an export with more lists a collaboration's members (who sign as the collaboration) or was made by a script, and
# each person costs about 0.3 ms of CPU to import and check, most of it fitting the author block: 100,000 took 30 s
MAX_PEOPLE = 1_000


def too_many_people(source, where: str, title: str, count: int) -> str:
    """The message refusing a contribution that names more than MAX_PEOPLE people."""
    return (f"{source}: {where} ('{title}'): {count:,} people named for one contribution, more than booklet imports "
            f"({MAX_PEOPLE:,}); name its speakers (or its collaboration) in the export and leave the others out")


def no_end_said(where: str, title: str, written: str, at_start: bool) -> str:
    """The note for an entry imported without its end time, its end written before its start (or, `at_start`, at it):
    `written` is how the times were written ("'09:20' to '09:00'"). Which is right cannot be told."""
    return (f"{where}: '{title}' ends {'as' if at_start else 'before'} it starts ({written}): it has no end time; "
            "correct one of them")


def end_before_start(source, where: str, title: str, end: tuple[str, str], start: tuple[str, str]) -> str:
    """The message refusing an event (a contribution, the conference) whose end is before its start: `end` and `start`
    are (the source's key, the time as written). No system exports one, so the export was changed on the way; which
    time is right cannot be told."""
    return (f"{source}: {where} ('{title}'): {end[0]} '{end[1]}' is before its {start[0]} '{start[1]}'; correct one of "
            "them in the export")


def web_address(where: str, address: str) -> str:
    """`address`, the conference's web address as the source's key `where` ("FILE: schedule.base_url", "FILE:3: url")
    gives it; SourceError there when it is of a kind the booklet links to none of (data.web's one rule). Check refused
    it as conference.yaml's `url`, naming a key the source does not have."""
    refused = web.refusal(address)
    if refused:
        raise SourceError(f"{where}: {refused}; correct it in the export, or leave it out")
    return address


@dataclass
class Conference:
    title: str = ""
    short_title: str = ""
    start: dt.date | None = None
    end: dt.date | None = None
    venue: str = ""
    url: str = ""
    chairs: list[Person] = field(default_factory=list)
    description: str = ""
    committees: list[dict] = field(default_factory=list)  # conference.yaml's committees, as written there
    sponsors: list[dict] = field(default_factory=list)  # conference.yaml's sponsors, as written there
    language: str = ""  # the booklet's language (a two-letter code), when the source says
    time_zone: str = ""  # the event's time zone, when the source says (America/New_York): regional_note


def assemble(fmt: str, conference: Conference, entries: list[Entry], blocks: list[Block],
             kinds: Kinds | None, notes: list[str]) -> Imported:
    """The documents of booklet's data files for these entries and blocks; `kinds`: what the source's types
    became (None for a format without types)."""
    from .table import unsure_people  # (table reads cells of names with assemble's helpers)

    notes = list(notes)
    _titles_out(entries, blocks, notes)
    entries = _once(entries, notes)
    by_key = {b.key: b for b in blocks}
    ids = _Ids()
    abstracts, tutorials, posters = [], [], []
    refs: dict[int, tuple[str, str]] = {}  # id(entry) -> ("talk"|"tutorial", id)
    made: dict[tuple, tuple[str, str]] = {}  # (key, title, people, kind) -> ref: a contribution listed twice
    no_people_lines, no_people_named = [], []
    not_presenting = []  # a workshop's authors the source does not mark as presenting it ("Name (title)"): co-authors
    placed = sorted(entries, key=lambda e: (e.day is None, e.day or dt.date.min, e.start is None,
                                            e.start or dt.time.min))
    if not conference.language and not any(e.language.strip() for e in entries):  # a source that never says
        notes += _languages_read([e for e in entries if e.kind != "skip" and e.text])
    if not conference.language:  # the language most contributions are in is the booklet's
        conference.language = common_language(e.language for e in entries if e.kind != "skip")
    notes += regional_note(conference.time_zone, conference.language, conference.start, conference.end)
    in_own = 0
    unsure: list[str] = []  # names that may be several people's, kept as written (table.unsure_people)
    for entry in placed:
        people = unique_people(entry.people)
        kind = entry.kind
        if kind == "skip":
            continue
        unsure += [p.name for p in people if unsure_people(p.name)]
        scheduled = entry.day is not None
        if kind in ABSTRACT_KINDS and not people and scheduled and not entry.text:
            kind = "other"  # an opening, a meeting: a line of the programme (one with a text keeps it: an abstract
            # whose speaker is to be named, as below)
            no_people_lines.append(entry.title)
        if kind in ("break", "social", "other"):
            continue
        same = (entry.key, entry.title, tuple(p.name for p in people), kind)
        if entry.key and kind != "poster" and same in made:  # scheduled again: one abstract, two programme lines
            refs[id(entry)] = made[same]
            continue
        if not people and kind != "tutorial":
            people = [Person(NOBODY)]
            no_people_named.append(entry.title)
        if kind == "tutorial":
            ident = ids.new(entry.key)
            record = {"id": ident, "title": entry.title}
            if entry.text:
                record["description"] = entry.text
            if people:  # those marked as presenting, when the source marks some (a ConfTool workshop's co-author
                # is not a presenter); else everyone
                presenting = [p for p in people if p.presenting] or people
                record["presenters"] = [person_record(p, False) for p in presenting]
                if others := [p for p in people if p not in presenting]:
                    record["authors"] = [person_record(p, False) for p in others]
                    not_presenting += [f"{p.name} ({entry.title})" for p in others]
            in_own += bool(entry.text) and own_language(record, entry.language, conference.language)
            tutorials.append(record)
            refs[id(entry)] = made[same] = ("tutorial", ident)
        elif kind == "poster":
            record: dict = {}
            if entry.number is not None:
                record["number"] = entry.number
            if len(people) == 1:
                p = people[0]
                record["author"] = p.name
                record["title"] = entry.title
                if p.affiliations:
                    record["affiliation"] = p.affiliations[0] if len(p.affiliations) == 1 else list(p.affiliations)
                if email_of(p.email):
                    record["email"] = email_of(p.email)
            else:
                record["title"] = entry.title
                record["authors"] = [person_record(p, True) for p in people]
            if entry.text:
                record["abstract"] = entry.text
            if entry.topic:
                record["topic"] = entry.topic
            posters.append(record)
        else:
            ident = ids.new(entry.key)
            record = {"id": ident}
            if kind != "contributed":
                record["kind"] = kind
            record["title"] = entry.title
            if len(people) == 1:
                record["speaker"] = person_record(people[0], False)
            else:
                record["authors"] = [person_record(p, True) for p in people]
            if entry.text:
                record["abstract"] = entry.text
            in_own += bool(entry.text) and own_language(record, entry.language, conference.language)
            abstracts.append(record)
            refs[id(entry)] = made[same] = ("talk", ident)
    if in_own:
        notes.append(f"{in_own} abstract(s) or tutorial(s) in another language than the booklet's "
                     f"({conference.language or 'en'}): given their own `language`, which they are hyphenated in")
    if no_people_lines:
        notes.append(f"{len(no_people_lines)} scheduled contribution(s) name no speaker or author: they are plain "
                     f"programme lines, with no abstract ({some(no_people_lines)})")
    if not_presenting:
        notes.append(f"{len(not_presenting)} author(s) of tutorials or workshops that the source does not mark as "
                     f"presenting them, listed as their co-authors (`authors`): move those who lead one to its "
                     f"presenters in tutorials.yaml ({some(not_presenting)})")
    if no_people_named:
        notes.append(f"{len(no_people_named)} contribution(s) name no speaker or author: their speaker is "
                     f"'{NOBODY}' until you write one in ({some(no_people_named)})")
    unscheduled = [e for e in entries if e.day is None and e.kind in ABSTRACT_KINDS + ("tutorial",)]
    if unscheduled:
        notes.append(f"{len(unscheduled)} contribution(s) have no day and time the programme can place them at: they "
                     "are abstracts or tutorials outside the programme (add them to programme.yaml, or leave them as "
                     "a list)")
    untimed = [e.title for e in entries if e.day is not None and e.start is None and e.block is None]
    if untimed:
        notes.append(f"{len(untimed)} item(s) have a date but no start time: listed last in their day, with no time "
                     f"(write theirs in programme.yaml) ({some(untimed)})")
    if unsure:
        notes.append(f"{len(set(unsure))} name(s) may be several people written family name first with commas alone, "
                     f"whose family names cannot be told from their given names: kept as written ({some(unsure)}); "
                     "write each person apart (between semicolons in the source: 'Smith, Ana; Jones, Bo')")
    programme = _Programme(entries, by_key, refs)
    days = programme.days()
    shown = [e for e in entries if e.images and e.kind != "skip"]
    if shown:
        notes.append(f"{sum(e.images for e in shown)} image(s) in the texts of {len(shown)} contribution(s), left out "
                     "(a text prints its words; add a figure by hand as an extra page) "
                     f"({some([e.title for e in shown])})")
    if programme.roomless:
        notes.append(f"{len(programme.roomless)} item(s) held beside others have no room: each is a session of its "
                     f"own beside them, named by its title; write its room in programme.yaml "
                     f"({some(programme.roomless)})")
    if programme.poster_rooms:
        notes.append(f"{len(programme.poster_rooms)} poster session(s) have their posters in several rooms: the "
                     f"programme's line names the first room alone (a poster has no room in posters.yaml): "
                     f"{'; '.join(programme.poster_rooms)}; write the rooms in the session's line in programme.yaml, "
                     "or make a poster session of each room")
    if programme.nights:
        notes.append(f"{len(programme.nights)} item(s) start after midnight, before 06:00: listed at the end of the "
                     f"day before, as that evening's night ({some(programme.nights)})")
    guessed: dict[str, str] = {}
    documents: dict[str, object] = {"conference.yaml": _conference(conference, days, notes, guessed)}
    if days:
        documents["programme.yaml"] = {"days": days}
    if abstracts:
        documents["abstracts.yaml"] = abstracts
    if tutorials:
        documents["tutorials.yaml"] = tutorials
    if posters:
        documents["posters.yaml"] = posters
    people = people_file(entries, notes)
    if people:
        documents["people.yaml"] = people
    guesses = {"conference.yaml": guessed} if guessed else {}
    return Imported(fmt, documents, Counter() if kinds is None else kinds.unmapped, notes,
                    types=None if kinds is None else kinds.seen, guessed=guesses)


def _languages_read(entries: list[Entry]) -> list[str]:
    """Each entry's language read from its title and text (importers.languages), where that is clear; a note saying
    what was read, when anything was."""
    from .languages import language_of

    for entry in entries:
        entry.language = language_code(language_of(f"{entry.title}\n\n{entry.text}"))
    counted = Counter(entry.language for entry in entries if entry.language)
    if not counted:  # every text too short to tell alone (a form's few lines each): read all together
        together = language_code(language_of("\n\n".join(f"{entry.title}\n\n{entry.text}" for entry in entries)))
        if together and together != "en":
            for entry in entries:
                entry.language = together
            return [f"the source says no language: its texts, each too short to tell alone, read together are in "
                    f"{together}, the booklet's language"]
    if not counted or set(counted) == {"en"}:
        return []
    found = ", ".join(f"{count} in {language}" for language, count in counted.most_common())
    unread = len(entries) - sum(counted.values())
    return [f"the source says no language: read from the texts, {found}" + (f" ({unread} too short or too mixed to "
            "tell)" if unread else "") + "; the booklet's language is that of most, and a text in another has its "
            "own `language`"]


def language_code(language: str) -> str:
    """A source's language as a two-letter code that CLDR knows ("de", "EN", "en-GB" -> "en"), else '' ("de, en",
    "German", "jp": not one booklet can set a text in, which check would refuse)."""
    from ..text.dates import known

    code = re.split(r"[-_]", language.strip().lower())[0]  # ("en-GB", "fr_FR": the language)
    return code if re.fullmatch(r"[a-z]{2}", code) and known(code) else ""


def regional_note(zone: str, language: str, start: dt.date | None = None, end: dt.date | None = None) -> list[str]:
    """A note, for a booklet in English ('en', or no language said) of an event whose time zone the source gives and
    CLDR places in a region booklet has words of (America/New_York: the United States, en-US), that `language:
    en-US` would print the region's words and dates; a note, not conference.yaml's `language` written: a US
    time zone is no proof of American English (an international meeting held in Boston)."""
    from babel import Locale
    from babel.core import get_global

    from ..data.theme import labels_for, regional_languages
    from ..text import dates

    if not zone or language.strip() and (language_code(language) != "en" or re.search(r"[-_]", language.strip())):
        return []  # (another language, or a region given already)
    territory = get_global("zone_territories").get(zone)
    code = f"en-{territory}" if territory else ""
    if code not in regional_languages():
        return []
    ours, theirs = labels_for(code, {})["glance"], labels_for("en", {})["glance"]
    shown = f"words ('{ours}', not '{theirs}')"
    if start is not None:
        end = max(start, end or start)
        shown += (f" and dates ('{dates.date_range(start, end, code)}', not "
                  f"'{dates.date_range(start, end, 'en')}')")
    return [f"the event's time zone is {zone} ({Locale('en').territories.get(territory, territory)}): "
            f"`language: {code}` in conference.yaml prints that region's {shown}; the import does not write it (a "
            "time zone is no proof of the booklet's English): write it if that is the booklet's"]


def common_language(languages) -> str:
    """The language most of `languages` (as sources write them; '' for none given) are, when most that are given
    are one two-letter code, else ''."""
    counted = Counter(language_code(language) or language.strip().lower() for language in languages
                      if language and language.strip())
    if not counted:
        return ""
    language, count = counted.most_common(1)[0]
    return language if language_code(language) and count * 2 > sum(counted.values()) else ""


def own_language(record: dict, language: str, booklet: str) -> bool:
    """Whether a text's `language` (as its source writes it) is a code not the `booklet`'s (default: en); then put
    on its `record` (an abstract's or tutorial's, whose text is hyphenated in it)."""
    code = language_code(language)
    if code and code != (language_code(booklet) or "en"):
        record["language"] = code
        return True
    return False


def some(names: list[str], limit: int = 3) -> str:
    """"'a', 'b' (2 times), 'c' and 2 more": names quoted, for a note, each once (an Indico note listed "'Opening
    Session', 'Opening Session', ..." for the opening sessions of two days), with how often it comes when more than
    once; "and N more" counts what is left of `names`."""
    counted = Counter(names)
    distinct = list(counted)
    shown = ", ".join(f"'{n}'" + (f" ({counted[n]} times)" if counted[n] > 1 else "") for n in distinct[:limit])
    left = len(names) - sum(counted[n] for n in distinct[:limit])
    return shown + (f" and {left} more" if left else "")


def _once(entries: list[Entry], notes: list[str]) -> list[Entry]:
    """The entries, each given again whole (the same id, title, people, text, kind, day, time and room: a
    spreadsheet's rows pasted twice, two exports joined) once: each copy was a programme line of its own at the
    same time, and `check` warned of each pair as overlapping (35,000 warnings for 50 copies of 29 talks)."""
    seen: dict[tuple, list[str]] = {}  # each entry as a whole -> where the source gives it
    once, again, first = [], [], None
    for e in entries:
        whole = (e.key, e.title, tuple((p.name, tuple(p.affiliations), p.email) for p in e.people), e.text, e.kind,
                 e.day, e.start, e.end, e.unplaced, e.room, e.block, e.number, e.topic)
        if whole in seen:
            seen[whole].append(e.where)
            again.append(e.title)
            first = whole if first is None else first
            continue
        seen[whole] = [e.where]
        once.append(e)
    if again:
        notes.append(f"{len(again)} entr{'y' if len(again) == 1 else 'ies'} the source gives again whole (the same "
                     f"id, title, people, text, day, time and room, as {again[0]!r} at {_where_again(seen[first])}): "
                     f"imported once ({some(again)})")
    return once


def _where_again(places: list[str]) -> str:
    """Where the first entry given again is, each time ("line 2, line 31"): its copies', not every entry's of its
    title (the same talk held again at another time is none)."""
    places = [where for where in places if where]
    return ", ".join(places[:3]) + (" ..." if len(places) > 3 else "") if places else "more than one place"


class _Ids:
    """Ids made unique in the order they are asked for: 'c12', then 'c12-2', ..."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def new(self, wanted: str) -> str:
        base = wanted if wanted and not re.search(r"\s", wanted) else slug(wanted or "") or "entry"
        ident, n = base, 1
        while ident in self.used:
            n += 1
            ident = f"{base}-{n}"
        self.used.add(ident)
        return ident


def _conference(conference: Conference, days: list[dict], notes: list[str], guessed: dict[str, str]) -> dict:
    """conference.yaml's document; `guessed` given the keys and values it guesses, no placeholder standing for them
    (the day of the import for a source with no dates: the import's record lists them, lint warns while they stay)."""
    record: dict = {}
    title = conference.title
    if not title:
        title = PLACEHOLDER_TITLE  # (lint warns while it is there: lint.cover.check_placeholders)
    record["title"] = title
    if conference.short_title and conference.short_title != title:
        record["short_title"] = conference.short_title
    start, end = conference.start, conference.end
    day_dates = [d["date"] for d in days]
    if day_dates:
        start = min([start] + day_dates) if start else min(day_dates)
        end = max([end] + day_dates) if end else max(day_dates)
        if not (conference.start and conference.end):
            notes.append(f"the source has no conference dates: conference.yaml has those of the programme "
                         f"({start} to {end}); check them")
    if start is None or end is None:
        if start is None and end is None:
            start = end = dt.date.today()
            guessed.update({"dates.start": start.isoformat(), "dates.end": end.isoformat()})
            notes.append(f"the source has no dates at all: conference.yaml says {start} (today); write the real "
                         "dates (check warns until you do)")
        else:  # (it said "no dates at all ... (today)" of a source that gives one)
            start = end = start or end
            notes.append(f"the source gives one conference date alone: conference.yaml says {start} for both; "
                         "check them")
    record["dates"] = {"start": start, "end": max(start, end)}
    venue = conference.venue
    if not venue:
        venue = PLACEHOLDER_VENUE
    record["venue"] = venue
    if conference.url:
        record["url"] = conference.url
    if language_code(conference.language) and language_code(conference.language) != "en":
        record["language"] = language_code(conference.language)
    committees = list(conference.committees)
    if conference.chairs:
        committees.insert(0, {"name": "Chairs", "members": [person_record(p, False) for p in conference.chairs]})
    if committees:
        record["committees"] = committees
    if conference.sponsors:
        record["sponsors"] = list(conference.sponsors)
    return record


# -- the programme ----------------------------------------------------------------------------------

@dataclass
class _Unit:
    """One thing at the top of a day: a session block with its entries, or a lone entry. Its start and end are
    moments (date and time), so that a night's items after midnight come after the evening's."""

    start: dt.datetime | None
    end: dt.datetime | None
    block: Block | None = None
    entries: list[Entry] = field(default_factory=list)
    order: int = 0


class _Programme:
    def __init__(self, entries: list[Entry], blocks: dict[str, Block], refs: dict[int, tuple[str, str]]) -> None:
        self.entries = entries
        self.blocks = blocks
        self.refs = refs
        self.nights: list[str] = []  # the titles of items after midnight filed under the evening before
        self.roomless: list[str] = []  # the titles of items without a room set beside others, by room
        # the poster sessions whose posters are in several rooms, each "'name' (room, room)": a poster has no room of
        # its own in posters.yaml, and the session's line names one
        self.poster_rooms: list[str] = []
        self.ranks: dict[str, int] = {}  # each room's place in the source (room_rank)
        # a session that holds posters alone (a spreadsheet names it, as it names any session) is a poster session, as
        # a source's own are (Indico's isPoster): one line of the kind poster; as a session it held a line of its own
        # name, of no kind (its posters are no lines), the name printed twice over
        members: dict[str, list[str]] = {}
        for entry in entries:
            if entry.block and entry.kind != "skip":
                members.setdefault(entry.block, []).append(entry.kind)
        for key, kinds in members.items():
            if key in blocks and not blocks[key].kind and set(kinds) == {"poster"}:
                blocks[key].kind = "poster"
        for entry in entries:
            block = blocks.get(entry.block) if entry.block else None
            for room in (entry.room, block.room if block is not None else ""):
                if room:
                    self.ranks.setdefault(room, len(self.ranks))

    def days(self) -> list[dict]:
        listed = [e for e in self.entries if e.kind != "skip" and e.day is not None
                  and not (e.kind == "poster" and not (e.block and self.blocks.get(e.block)))]
        # (a poster on its own is in posters.yaml only)
        self.moved = _nights(listed + [b for b in self.blocks.values() if b.day is not None])
        by_day: dict[dt.date, list[Entry]] = {}
        for entry in listed:
            if id(entry) in self.moved:
                self.nights.append(entry.title)
            by_day.setdefault(self.home(entry), []).append(entry)
        for block in self.blocks.values():  # blocks with nothing in them: a line of their own
            if block.day is not None and block.start is not None:
                by_day.setdefault(self.home(block), [])
                if id(block) in self.moved and not any(e.block == block.key for e in listed):
                    self.nights.append(block.name)
        out = []
        for day in sorted(by_day):
            items = self.day_items(day, by_day[day])
            if items:
                out.append({"date": day, "items": items})
        return out

    def home(self, entry: Entry | Block) -> dt.date:
        """The programme day an entry (or block) is listed under: its own, or the day before's for one of its
        night (_nights)."""
        return entry.day - dt.timedelta(days=1) if id(entry) in self.moved else entry.day

    def day_items(self, day: dt.date, entries: list[Entry]) -> list[dict]:
        units = self.units(day, entries)
        units.sort(key=lambda u: (u.start is None, u.start or dt.datetime.min, u.block is not None, u.order))
        items: list[dict] = []
        by_room = None  # (the last item, when a block of rooms' lines: their rooms)
        i = 0
        while i < len(units):
            unit = units[i]
            beside = self.lines_beside(units, i)
            if len(beside) > 1:  # lines at the same time in other rooms (two meetings): side by side, by room
                # the rooms in one order all the programme through (the source's), not the order they start in: a
                # review of GPN's CSV, whose block with its Seminarraum starting first had its columns swapped
                beside.sort(key=lambda lines: self.room_rank(_room(lines[0])))
                rooms = [_room(lines[0]) for lines in beside]
                if len(rooms) == 2 and all(rooms) and items and by_room == (rooms, id(items[-1])):
                    # the same two rooms again with nothing between: one block (as schedule imports have them; GPN's
                    # day of five talks an hour in each of two rooms was five blocks, each repeating the rooms)
                    for session, lines in zip(items[-1]["parallel"], beside):
                        session["items"] += self.room_session(lines)["items"]
                else:
                    items.append({"parallel": [self.room_session(lines) for lines in beside]})
                by_room = (rooms, id(items[-1]))
                i += sum(map(len, beside))
                continue
            if unit.block is None or unit.block.kind or unit.start is None:
                items.append(self.unit_item(unit))
                i += 1
                continue
            group = [unit]  # sessions at overlapping times: side by side
            end = unit.end or unit.start
            j = i + 1
            while j < len(units):
                other = units[j]
                if other.start is None or other.start >= end:
                    break
                if other.block is not None and not other.block.kind:
                    group.append(other)
                    end = max(end, other.end or other.start)
                j += 1
            lone = [u for u in units[i + 1:j] if u not in group]
            if len(group) == 1:
                items.append(self.session(unit))
            else:
                # a line held in a room of its own while the sessions run (a rehearsal, an invited talk): a column of
                # the block, named by its room; it had followed the block, its time out of order (a review)
                rooms = {_room(u) for u in group}
                beside = [u for u in lone if _is_line(u) and _room(u) and _room(u) not in rooms
                          and (u.block.kind if u.block is not None else u.entries[0].kind) not in ("break", "poster")]
                lone = [u for u in lone if u not in beside]
                columns = [self.session(u) for u in self.merge(group)]
                for room in dict.fromkeys(_room(u) for u in beside):
                    columns.append(self.room_session([u for u in beside if _room(u) == room]))
                items.append({"parallel": columns})
            items.extend(self.unit_item(u) for u in lone)
            i = j
        return items

    def lines_beside(self, units: list[_Unit], i: int) -> list[list[_Unit]]:
        """The lines (no session's) from units[i] on that are held while it and one another are, by room: a list of
        each room's lines, one after another (a line without a room: a column of its own); the units sorted by
        start. [[units[i]]] when none is held beside it."""
        columns: list[list[_Unit]] = [[units[i]]]
        if not _is_line(units[i]):
            return columns
        end = units[i].end or units[i].start
        for other in units[i + 1:]:
            if not _is_line(other) or other.start >= end:
                break
            room = _room(other)
            same = next((c for c in columns if room and _room(c[0]) == room), None)
            if same is None:
                columns.append([other])
            elif (same[-1].end or same[-1].start) <= other.start:
                same.append(other)  # the room's next line, after its last
            else:
                break  # two lines at once in one room: as the source has them, one after another
            end = max(end, other.end or other.start)
        return columns

    def room_rank(self, room: str) -> int:
        """Where a room stands in the source: the first of its entries' (a line without a room: after all)."""
        return self.ranks.get(room, len(self.ranks)) if room else len(self.ranks) + 1

    def room_session(self, lines: list[_Unit]) -> dict:
        """A room's lines (or a line without a room) as a session of a parallel block, named by the room (by its
        line's title when it has no room: noted, for the LOC to write its room in)."""
        items = [self.unit_item(u) for u in lines]
        room = _room(lines[0])
        for item in items:
            item.pop("room", None)
        title = lines[0].entries[0].title if lines[0].entries else lines[0].block.name
        if not room:
            self.roomless.append(title)
        session = {"session": room or _heading(title) or "TBA"}
        if room:
            session["room"] = room
        return {**session, "items": items}

    def units(self, day: dt.date, entries: list[Entry]) -> list[_Unit]:
        units: list[_Unit] = []
        in_block: dict[str, list[Entry]] = {}
        for n, entry in enumerate(entries):
            block = self.blocks.get(entry.block) if entry.block else None
            if block is None:
                units.append(_Unit(_start(entry), _end(entry), None, [entry], n))
            else:
                in_block.setdefault(block.key, []).append(entry)
        order = len(entries)
        for key, members in in_block.items():
            block = self.blocks[key]
            members.sort(key=_by_time)
            runs = [members] if block.explicit else self.split(members, key, entries)
            for run in runs:
                order += 1
                own = block.explicit and block.start and block.day
                starts = [_start(e) for e in run if e.start] + ([_start(block)] if own else [])
                ends = [_end(e) for e in run if e.start] + ([_end(block)] if own and block.end else [])
                units.append(_Unit(min(starts) if starts else None, max(ends) if ends else None, block, run, order))
        for block in self.blocks.values():  # a block of this day with no entries: a line of its own
            if (block.key not in in_block and block.start is not None and block.day is not None
                    and self.home(block) == day):
                order += 1
                units.append(_Unit(_start(block), _end(block) if block.end else None, block, [], order))
        return units

    def split(self, members: list[Entry], key: str, entries: list[Entry]) -> list[list[Entry]]:
        """A session known only by name: one block per run of its entries, cut where something else starts
        in a gap between two of them (a plenary in the morning and again after the parallel sessions)."""
        others = sorted(_start(e) for e in entries if e.start is not None and e.block != key)
        runs = [[members[0]]]
        for entry in members[1:]:
            prev = runs[-1][-1]
            gap_from = _end(prev) if prev.start else None
            if entry.start and gap_from and any(gap_from <= s < _start(entry) for s in others):
                runs.append([entry])
            else:
                runs[-1].append(entry)
        return runs

    def merge(self, group: list[_Unit]) -> list[_Unit]:
        """Runs of one session in a parallel group, one column: 'Workshop' at 11:15 and at 14:35."""
        out: list[_Unit] = []
        for unit in group:
            same = next((u for u in out if u.block.key == unit.block.key
                         and not _overlap(u, unit)), None)
            if same is None:
                out.append(_Unit(unit.start, unit.end, unit.block, list(unit.entries), unit.order))
            else:
                same.entries.extend(unit.entries)
                same.end = max(same.end or same.start, unit.end or unit.start)
        return out

    def session(self, unit: _Unit) -> dict:
        block = unit.block
        record: dict = {"session": block.name}
        if block.chairs:  # one name, or a list of them (each its own in the index)
            record["chair"] = block.chairs[0] if len(block.chairs) == 1 else list(block.chairs)
        if block.room:
            record["room"] = block.room
        items = [self.item(e, block.room) for e in sorted(unit.entries, key=_by_time)]
        items = [i for i in items if i]
        if not items:  # nothing listed: the block's own time
            items = [{"time": _unit_time(unit), "title": block.name}]
        record["items"] = items
        return record

    def unit_item(self, unit: _Unit) -> dict:
        if unit.block is None:
            return self.item(unit.entries[0], "")
        block = unit.block
        if block.kind == "poster" or not unit.entries:
            record = {"time": _unit_time(unit), "title": block.name}
            rooms = list(dict.fromkeys(r for r in [block.room] + [e.room for e in unit.entries] if r))
            if block.kind == "poster" and len(rooms) > 1:
                self.poster_rooms.append(f"'{block.name}' ({', '.join(rooms)})")
            kind = block.kind or "other"
            if kind != "other":
                record["kind"] = kind
            if block.room:
                record["room"] = block.room
            if record["time"] is None:
                del record["time"]
            return record
        return self.session(unit)

    def item(self, entry: Entry, room: str) -> dict | None:
        record: dict = {}
        time = time_text(entry.start, entry.end)
        if time:
            record["time"] = time
        ref = self.refs.get(id(entry))
        if ref:
            record[ref[0]] = ref[1]
        elif entry.kind == "poster":
            return None  # in a poster session: the session's line says it
        else:
            record["title"] = entry.title
            kind = entry.kind if entry.kind in ("break", "social", "poster") else None
            if kind:
                record["kind"] = kind
        if entry.room and entry.room != room:
            record["room"] = entry.room
        return record


def _heading(title: str, most: int = 80) -> str:
    """A title as a session's name: cut after a word, with '…', when longer than `most` characters."""
    title = " ".join(title.split())
    if len(title) <= most:
        return title
    return title[:most].rsplit(" ", 1)[0].rstrip(" ,;:–-") + "…"


def _is_line(unit: _Unit) -> bool:
    """Whether a unit is a line of the day with a time (a lone entry, or a block of a kind: a meeting), no session."""
    return unit.start is not None and (unit.block is None or bool(unit.block.kind))


def _room(unit: _Unit) -> str:
    return (unit.block.room if unit.block is not None else unit.entries[0].room if unit.entries else "") or ""


def _overlap(a: _Unit, b: _Unit) -> bool:
    if None in (a.start, b.start):
        return False
    return a.start < (b.end or b.start) and b.start < (a.end or a.start)


def _by_time(entry: Entry):
    return (entry.start is None, _start(entry) or dt.datetime.min)


_AFTERNOON = dt.time(13, 0)  # a day with an item from 13:00 has a night after it (model.AFTERNOON)
NIGHT_GAP = dt.timedelta(hours=6)  # with nothing from 06:00 on its day, an item this far from the evening is no night


def _nights(timed: list[Entry | Block]) -> set[int]:
    """The id()s of the entries and blocks that are the night of the day before theirs: those that start before
    06:00, on the day after one with an afternoon (as booklet reads a night's items listed after the evening's:
    model.Day.clock), closer to that evening's end than to their own day's first item from 06:00 ("Gamejam
    00:00-01:00" after "20:45-22:00", with the next item at 12:00; not a day's first sessions at 05:00 after an
    evening ending at 20:15)."""
    by_day: dict[dt.date, list[Entry | Block]] = {}
    for entry in timed:
        if entry.day is not None and entry.start is not None:
            by_day.setdefault(entry.day, []).append(entry)
    moved: set[int] = set()
    for day in sorted(by_day):
        before = by_day.get(day - dt.timedelta(days=1), []) if day > dt.date.min else []  # (0001-01-01: none)
        if not any(e.start >= _AFTERNOON for e in before):
            continue
        evening = max(_end(e) for e in before if id(e) not in moved)
        mornings = [_start(e) for e in by_day[day] if e.start >= NIGHT_UNTIL]
        for entry in sorted((e for e in by_day[day] if e.start < NIGHT_UNTIL), key=_start):
            if mornings and _start(entry) - evening >= min(mornings) - _end(entry):
                break
            if not mornings and _start(entry) - evening > NIGHT_GAP:  # (a sunrise hike, a day of its own)
                break
            moved.add(id(entry))
            evening = max(evening, _end(entry))
    return moved


def _start(entry: Entry | Block) -> dt.datetime | None:
    """When an entry (or block) starts: its date and time; None without either."""
    if entry.start is None or entry.day is None:
        return None
    return dt.datetime.combine(entry.day, entry.start)


def off_its_day(day: dt.date, start: dt.time | None, of: dt.date,
                runs: tuple[dt.time | None, dt.time | None] = (None, None)) -> bool:
    """Whether an entry on `day` at `start` is away from the day `of` of the session that lists it: neither on it nor
    in the night after it (a start by NIGHT_UNTIL the next day, its "24:00") where the session runs into that night
    (`runs`, its start and end: see into_the_night). Importers refuse it (off_its_day_said), as a schedule's event
    away from its day is: a talk a day before its session was imported on a day of its own, its session printed in two
    halves on two days; a paper at 01:30 listed by a session of 09:15-10:30 the day before was taken as that night's.
    Which is right cannot be told."""
    return day != of and not (_night_after(day, start, of) and into_the_night(*runs))


def _night_after(day: dt.date, start: dt.time | None, of: dt.date) -> bool:
    return day == of + dt.timedelta(days=1) and start is not None and start <= NIGHT_UNTIL


def into_the_night(start: dt.time | None, end: dt.time | None) -> bool:
    """Whether a session from `start` to `end` (on its day; an end before the start is past midnight) runs into the
    night after its day, so that an item of its by NIGHT_UNTIL the next day is that night's: it ends in the evening
    (from NIGHT_FROM) or past midnight; without an end, it starts in the afternoon (from _AFTERNOON) or later; of
    unknown times, it may."""
    if end is not None:  # (an end at 00:00 is midnight, the day's "24:00")
        return end >= NIGHT_FROM or end == dt.time(0, 0) or (start is not None and end < start)
    return start is None or start >= _AFTERNOON


def refuse_off_its_day(source, where: str, title: str, said: tuple[str, str], at: tuple[dt.date, dt.time | None],
                       day: dt.date, runs: tuple[dt.time | None, dt.time | None] = (None, None),
                       session: str | None = None, lists: str | None = None) -> None:
    """Refuse (SourceError) an entry at `at` (its day and start) when it is off_its_day `day` of the session that lists
    it, which runs `runs`, in off_its_day_said's words (`said`, `session` and `lists` as it takes them)."""
    if off_its_day(*at, day, runs):
        raise SourceError(off_its_day_said(source, where, title, said, session, day, at, runs, lists))


def off_its_day_said(source, where: str, title: str, said: tuple[str, str], session: str | None, day: dt.date,
                     at: tuple[dt.date, dt.time | None] | None = None,
                     runs: tuple[dt.time | None, dt.time | None] = (None, None), lists: str | None = None) -> str:
    """The message refusing an entry off_its_day: `said` is (the source's key, its date and time as written),
    `session` the name of the session listing it (None: not known), `day` that session's; `at`, the entry's day and
    start, and `runs`, the session's start and end (as off_its_day has them): an entry in the night after a session
    that does not run into it is told so, with the session's times. `lists` names what lists an entry no session
    lists ("the day that lists it"), in place of "the day of its session"."""
    named = f" '{session}'" if session is not None else ""
    head = f"{source}: {where} ('{title}'): its {said[0]} '{said[1]}'"
    if at is not None and _night_after(*at, day) and not into_the_night(*runs):
        start, end = runs
        span = (f"{start:%H:%M}-{end:%H:%M}" if start is not None and end is not None
                else f"from {start:%H:%M}" if start is not None else f"until {end:%H:%M}")
        return (head + f" is in the night after the day of its session{named} ({day:%Y-%m-%d}), which runs {span} and "
                "not into the night; correct one of them in the export")
    listing = lists if lists is not None else f"the day of its session{named}"
    return head + f" is not on {listing} ({day:%Y-%m-%d}) nor the night after; correct one of them in the export"


def no_end(start: dt.time, end: dt.time) -> bool:
    """Whether an item from `start` to `end` has no end booklet writes: the end not after the start, and not past
    midnight as _end and time_text read it (from NIGHT_FROM by NIGHT_UNTIL, or at 00:00)."""
    if end > start:
        return False
    midnight = end == dt.time(0, 0) and start != end  # ("00:00-00:00": no end)
    return not (midnight or (start >= NIGHT_FROM and end <= NIGHT_UNTIL))


def _end(entry: Entry | Block) -> dt.datetime | None:
    """When it ends (its start without an end): past midnight only where time_text writes it so ("23:00-00:40" from
    18:00 and by 06:00, and 00:00 as midnight); an end otherwise not after its start (a typo, "09:00-09:00") is
    none, not a day long."""
    start = _start(entry)
    if start is None or entry.end is None:
        return start
    if no_end(entry.start, entry.end):
        return start
    end = dt.datetime.combine(entry.day, entry.end)
    return end if end > start else end + dt.timedelta(days=1)


def _unit_time(unit: _Unit) -> str | None:
    return time_text(unit.start.time() if unit.start else None, unit.end.time() if unit.end else None)
