"""The data contract, declared once: files, records, keys, types, defaults, words and examples.

Everything that must agree about the format is made from this declaration: the validator
(`fields.Fields` takes a Record and knows which keys are allowed, which are required, and what
each should look like), the JSON Schemas of `booklet schema`, the files `booklet init` writes and
the key reference in docs/data-format.md. Nothing here reads files or knows about layout.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, cached_property

from ..model import ABSTRACT_KINDS, ITEM_KINDS, Theme
from ..text.folding import fold

# -- the types a key can have ---------------------------------------------------
# text      one line or paragraphs of text (numbers and dates written bare are read as text)
# texts     a text, or a list of texts
# id        one word: what other entries point at
# ref       the id of an abstract or tutorial (programme items)
# date      an ISO date, YYYY-MM-DD
# time      HH:MM or HH:MM-HH:MM
# integer   a whole number
# boolean   true or false
# choice    one of `choices` (a few common other words are understood: see `aliases`)
# image     a path to an image file, relative to the data folder
# file      a path to an image file or a one-page PDF, relative to the data folder
# email     an email address (never printed)
# language  a language code such as en, de, en-GB
# colour    a colour as #RRGGBB
# choices   a list of words, each one of `choices`
# record    a mapping with the keys of `record`
# records   a list of such mappings (several record kinds: each told apart by its first key)

_CLOCK = r"([01]?\d|2[0-3])[:.h]([0-5]\d)"  # 0:00 to 23:59, written 9:00, 09:00, 09.00 or 09h00
_END = r"([01]?\d|2[0-3]|24(?=[:.h]00))[:.h]([0-5]\d)"  # an end may be 24:00, midnight
TIME_PATTERN = rf"^{_CLOCK}(?:\s*[-\u2013\u2014]\s*{_END})?$"
TIME = re.compile(TIME_PATTERN)
# an end before its start is past midnight for an item starting at NIGHT_FROM or later and ending by NIGHT_UNTIL
NIGHT_FROM, NIGHT_UNTIL = dt.time(18, 0), dt.time(6, 0)
LANGUAGE_PATTERN = r"^[A-Za-z][A-Za-z0-9_-]{0,11}$"
LANGUAGE = re.compile(LANGUAGE_PATTERN)
COLOUR_PATTERN = r"^#[0-9A-Fa-f]{6}$"
COLOUR = re.compile(COLOUR_PATTERN)
ID_PATTERN = r"^\S+$"

# what `booklet import` writes for a required value of conference.yaml that its source does not give; lint warns
# while one is still there (it would be printed on the cover)
PLACEHOLDERS = {"title": "Conference title", "venue": "Venue"}
# the record `booklet import` keeps beside the files it writes (importers.write), and its key GUESSED: the values it
# wrote that its source does not give and that no placeholder can stand for (a date: the day of the import), as
# {file: {key: value as written}} ({"conference.yaml": {"dates.start": "2026-12-07"}}). Lint warns while a value is
# still the one guessed (lint.cover.check_placeholders): an edit to any other key keeps the warning, the LOC's own
# value ends it. A value is not marked in its file, where a comment would stay after the value was changed
IMPORT_RECORD = ".booklet-import.json"
GUESSED = "guessed"

# a conference system's placeholders for a person's name or a text, written without case, spaces or punctuation
# ("N.N." -> "nn", "To be announced" -> "tobeannounced"): lint warns about them, the index of authors leaves such a
# name out
PLACEHOLDER_NAMES = frozenset({
    "tba", "tbd", "tbc", "nn", "nnn", "tobeannounced", "tobeconfirmed", "tobedetermined", "johndoe", "janedoe",
    "speakertba", "speakertbd", "speakertbc", "tbaspeaker", "chairtba", "chairtbd", "xxx", "xx", "placeholder",
    "unnameduser", "anonymous", "unknown", "unknownspeaker"})  # (a hub's deleted accounts: "Unnamed user")
PLACEHOLDER_TEXTS = frozenset({
    "tba", "tbd", "tbc", "tobeannounced", "tobeconfirmed", "tobedetermined", "abstract", "abstractfolgt",
    "abstracttofollow", "abstracttba", "abstracttbd", "titletba", "titletbd", "titlefolgt", "comingsoon", "xxx",
    "placeholder"})
# A person named by their role, in each language booklet has a label table for (resources/labels; a test keeps the
# two in step): a source's "Chair 1", "Speaker #2", "Sprecher 3", "Speaker TBA", "Session Chair", "Keynote speaker",
# printed as if they were people and listed in the index. `roles`: words that are a placeholder with a number after
# them, or before or after one of `unknown` ("Vorsitz N.N.", "TBA speaker"), never alone ("Speaker" and "Sprecher"
# are family names); `phrases`: roles that are no one's name, placeholders alone too; `unknown`: "not known yet", a
# placeholder alone (also as a title or an abstract, when of more than one word), beside a role or with a number.
# Compared as PLACEHOLDER_NAMES are, and without accents ("a confirmer" as "à confirmer").
PLACEHOLDER_ROLES = {
    "en": {"roles": ("chair", "chairs", "co-chair", "chairperson", "chairman", "chairwoman", "speaker", "speakers",
                     "author", "co-author", "presenter", "moderator", "panelist", "panellist", "discussant",
                     "lecturer", "instructor", "tutor", "organiser", "organizer", "keynote"),
           "phrases": ("session chair", "session chairs", "session moderator", "keynote speaker", "invited speaker",
                       "plenary speaker", "guest speaker", "panel chair", "track chair", "speaker name",
                       "author name", "chair name", "first name last name", "firstname lastname", "name surname"),
           "unknown": ("to be announced", "to be confirmed", "to be determined", "tba", "tbd", "tbc")},
    "de": {"roles": ("vorsitz", "vorsitzende", "vorsitzender", "sitzungsleitung", "sitzungsleiter",
                     "sitzungsleiterin", "moderation", "moderator", "moderatorin", "sprecher", "sprecherin",
                     "referent", "referentin", "redner", "rednerin", "vortragende", "vortragender", "autor",
                     "autorin", "leitung", "hauptvortrag"),
           "phrases": ("vorsitz", "sitzungsleitung", "moderation", "hauptvortrag", "gastvortrag", "vorname name",
                       "vorname nachname"),
           "unknown": ("noch offen", "wird bekannt gegeben", "wird noch bekannt gegeben", "steht noch nicht fest",
                       "name folgt")},
    "fr": {"roles": ("président", "présidente", "présidence", "président de séance", "présidente de séance",
                     "modérateur", "modératrice", "modération", "orateur", "oratrice", "intervenant", "intervenante",
                     "conférencier", "conférencière", "auteur", "autrice", "auteure", "animateur", "animatrice"),
           "phrases": ("président de séance", "présidente de séance", "présidence de séance",
                       "conférencier invité", "conférencière invitée", "prénom nom"),
           "unknown": ("à confirmer", "à définir", "à préciser", "à venir", "à annoncer", "nom à venir")},
    "es": {"roles": ("presidente", "presidenta", "moderador", "moderadora", "ponente", "orador", "oradora",
                     "conferenciante", "conferencista", "autor", "autora", "coautor", "coautora", "presentador",
                     "presentadora", "relator", "relatora"),
           "phrases": ("presidente de sesión", "presidenta de sesión", "moderador de sesión", "ponente invitado",
                       "ponente invitada", "conferenciante invitado", "nombre apellido"),
           "unknown": ("por confirmar", "por determinar", "por definir", "por anunciar", "a confirmar")},
    "it": {"roles": ("presidente", "moderatore", "moderatrice", "relatore", "relatrice", "oratore", "oratrice",
                     "autore", "autrice", "coautore", "presentatore", "presentatrice"),
           "phrases": ("presidente di sessione", "relatore invitato", "relatrice invitata", "nome cognome"),
           "unknown": ("da definire", "da confermare", "da annunciare", "da stabilire", "da comunicare")},
    "nl": {"roles": ("voorzitter", "dagvoorzitter", "sessievoorzitter", "spreker", "sprekers", "auteur",
                     "moderator", "presentator", "inleider"),
           "phrases": ("dagvoorzitter", "sessievoorzitter", "voornaam achternaam"),
           "unknown": ("nog te bepalen", "nog bekend te maken", "volgt nog", "ntb", "nnb")},
    "pt": {"roles": ("presidente", "moderador", "moderadora", "palestrante", "orador", "oradora", "conferencista",
                     "autor", "autora", "coautor", "apresentador", "apresentadora", "debatedor", "debatedora"),
           "phrases": ("presidente da sessão", "presidente de sessão", "palestrante convidado",
                       "palestrante convidada", "nome sobrenome", "nome apelido"),
           "unknown": ("a confirmar", "a definir", "a anunciar", "a designar")},
}
_LOOSE = re.compile(r"[\W_]+")


def _folded(text: str) -> str:
    return _LOOSE.sub("", text.casefold())


def _written(words) -> re.Pattern:
    """Any of `words` as written: in any capitals, with spaces and punctuation anywhere ("N. N.", "To be
    announced"): one match, which fails at its first letter for nearly all text (a name, an abstract). The words in
    one order whatever the process's hash seed, so that the pattern is the same in every process (and kept compiled
    on disk: cache.patterns)."""
    loose = "|".join(r"[\W_]*".join(map(re.escape, word)) for word in sorted(words, key=lambda w: (-len(w), w)))
    return re.compile(rf"[\W_]*(?:{loose})[\W_]*\Z", re.I)


def _bare(text: str) -> str:
    """`text` folded (_folded) and without accents (text.folding.fold, as names are compared: "Président de séance"
    -> "presidentdeseance"; its compatibility forms too: "Ｓpeaker ２" -> "speaker2", "nº" -> "no")."""
    folded = _folded(text)
    if folded.isascii():  # (nearly every name: no accent to take off)
        return folded
    return _folded(fold(folded))


def _of_roles(part: str) -> frozenset[str]:
    """The words of one part of PLACEHOLDER_ROLES ("roles", "phrases", "unknown"), every language's, bare."""
    return frozenset(_bare(word) for table in PLACEHOLDER_ROLES.values() for word in table[part])


_PLACEHOLDER_NAME = _written(PLACEHOLDER_NAMES)
# (a title "NTB" may be an acronym's: the words of more than one word alone)
_PLACEHOLDER_TEXT = _written(PLACEHOLDER_TEXTS | {_folded(word) for table in PLACEHOLDER_ROLES.values()
                                                  for word in table["unknown"] if " " in word})


@dataclass(frozen=True)
class _Roles:
    """PLACEHOLDER_ROLES as names are looked up in it, each word bare (_bare)."""

    roles: frozenset[str]  # a placeholder with a number after it, or beside one of `unknown`: roles and phrases
    alone: frozenset[str]  # a placeholder as it is: the phrases and `unknown`
    unknown: frozenset[str]  # "not known yet": PLACEHOLDER_ROLES' and PLACEHOLDER_NAMES' ("Nn" alone: a name)
    lengths: tuple[int, ...]  # the lengths of `unknown`'s words
    heads: frozenset[str | None]  # the first three letters of every word, and None (see _head)


@cache
def _roles() -> _Roles:
    """The roles table (made when a name is first asked about)."""
    roles = _of_roles("roles") | _of_roles("phrases")
    unknown = _of_roles("unknown") | {_bare(word) for word in PLACEHOLDER_NAMES}
    alone = _of_roles("phrases") | (unknown - _LETTERS_ONLY)
    return _Roles(roles, alone, unknown, tuple(sorted({len(word) for word in unknown})),
                  frozenset({word[:3] for word in roles | unknown} | {None}))


# a placeholder only when written "N.N.", "NN", "XX": "Nn" may be a name
_LETTERS_ONLY = frozenset({"nn", "nnn", "xx", "xxx"})


def placeholder_name(name: str) -> bool:
    """Whether a person's name is a conference system's placeholder ("TBA", "N.N.", "John Doe"), or only punctuation
    ("." or "-" in a form's required field: no letter, digit or symbol to print or file in the index under), accents
    with no letter to sit on among it ("\u0301": it printed a lone accent as the speaker, said nothing of)."""
    if name.strip() and all(unicodedata.category(char)[0] in "PZM" for char in name):
        return True
    if _PLACEHOLDER_NAME.match(name):
        return _folded(name) not in _LETTERS_ONLY or not name.strip().isalpha() or name.isupper()
    return len(name) <= _ROLE_LONGEST and _a_role(name)


_ROLE_LONGEST = 60  # characters: no role placeholder is longer (a name that is, is not asked about further)


def _a_role(name: str) -> bool:
    """Whether `name` is a person named by their role (PLACEHOLDER_ROLES): "Chair 1", "Speaker #2", "Chair (3)",
    "Vorsitz Nr. 4", "Session Chair", "Keynote speaker", "Sprecher N.N.", "TBA speaker", "Président de séance", "à
    confirmer"; not "Speaker" or "Sprecher" alone, nor with a number of four digits ("Keynote 2027")."""
    table = _roles()
    if _head(name[:3]) not in table.heads:  # (nearly every name ends here, without folding it whole)
        return False
    bare = _bare(name)
    if bare[:3] not in table.heads:
        return False
    base = bare.rstrip("0123456789")
    if base == bare:
        return _named_alone(bare, table)
    if not base or len(bare) - len(base) > 3:
        return False
    words = (base, *(base[:-len(word)] for word in _NUMBER_WORDS if base.endswith(word)))
    return any(word in table.roles or _named_alone(word, table) for word in words)


# what a number may have before it, bare (_bare): "Chair No. 2", "Vorsitz Nr. 4", "Ponente nº 1" (its "º" an "o"),
# "Chair N° 2" (its degree sign no letter)
_NUMBER_WORDS = ("no", "nr", "n")


@cache
def _head(start: str) -> str | None:
    """A name's first three characters as the first three of its bare name (_bare: "Öst" -> "ost") when they are
    letters _bare writes one for one; else None (whatever the bare name's start)."""
    bare = _bare(start)
    return bare if len(bare) == 3 and start.isalpha() else None


def _named_alone(bare: str, table: _Roles) -> bool:
    """Whether `bare` (_bare) is a placeholder as it is: a phrase, an "unknown", a role before or after one."""
    if bare in table.alone:
        return True
    return any((bare[-length:] in table.unknown and bare[:-length] in table.roles)
               or (bare[:length] in table.unknown and bare[length:] in table.roles)
               for length in table.lengths if length < len(bare))


def placeholder_text(text: str) -> bool:
    """Whether a title or an abstract is a placeholder ("TBA", "[Abstract folgt]", "Lorem ipsum dolor sit amet")."""
    return bool(_PLACEHOLDER_TEXT.match(text)) or _folded(text[:40]).startswith("loremipsumdolorsitamet")


TEXT_MAX = 100_000  # characters of any one text: some twenty A5 pages (a paragraph longer took minutes to lay out)

# What a type looks like, in a user's words (for "expected ..." messages and the docs).
SHAPES = {
    "text": "text",
    "texts": "text, or a list of texts",
    "id": "one word (no spaces)",
    "ref": "an id",
    "date": "a date (YYYY-MM-DD)",
    "time": 'a time ("HH:MM" or "HH:MM-HH:MM")',
    "integer": "a whole number",
    "boolean": "true or false",
    "choice": "one of the words listed",
    "image": "an image file's path",
    "file": "an image or PDF file's path",
    "email": "an email address",
    "language": "a language code",
    "colour": "a colour (#RRGGBB)",
    "choices": "a list of the words listed",
    "record": "a mapping (key: value lines)",
    "records": "a list (lines starting with '- ')",
}


@dataclass(frozen=True)
class Key:
    """One key of a record."""

    name: str
    type: str
    doc: str
    required: bool = False
    default: str | None = None  # what an absent key means, in words
    example: object = None  # a value that is right here: for messages and the `init` files
    record: Record | tuple[Record, ...] | None = None  # for `record` and `records`
    choices: tuple[str, ...] = ()
    aliases: dict[str, str] = field(default_factory=dict)  # other words users write -> the choice meant
    # words users write for what no choice here is, but another file holds -> where it goes (an abstract's `kind:
    # poster`: posters.yaml)
    elsewhere: dict[str, str] = field(default_factory=dict)
    refers_to: str | None = None  # for `ref`: "abstract" or "tutorial"

    @property
    def shape(self) -> str:
        return SHAPES[self.type]

    @property
    def records(self) -> tuple[Record, ...]:
        if self.record is None:
            return ()
        return self.record if isinstance(self.record, tuple) else (self.record,)


@dataclass(frozen=True)
class Record:
    """A kind of mapping: its keys in the order they are written, and which of them go together."""

    name: str  # for the schema's definitions and the docs: "conference", "author", ...
    doc: str
    keys: tuple[Key, ...]
    one_of: tuple[str, ...] = ()  # exactly one of these keys must be given
    tag: str | None = None  # in a list of several record kinds: the key that marks this kind

    def __getitem__(self, name: str) -> Key:
        try:
            return self._by_name[name]
        except KeyError:
            raise KeyError(f"{self.name} has no key {name!r}") from None

    def __contains__(self, name: str) -> bool:
        return name in self._by_name

    @cached_property
    def _by_name(self) -> dict[str, Key]:  # looked up for every value of every entry: a dict, made once
        return {key.name: key for key in reversed(self.keys)}  # the first key of a name, as a search finds

    @cached_property
    def names(self) -> tuple[str, ...]:
        return tuple(key.name for key in self.keys)

    @cached_property
    def required(self) -> tuple[str, ...]:
        return tuple(key.name for key in self.keys if key.required)


@dataclass(frozen=True)
class File:
    """One file (or one kind of file) of a conference folder."""

    name: str  # "conference.yaml", "abstracts/*.yaml"
    doc: str
    record: Record
    many: bool  # True: the file holds a list of records; False: one record (a mapping)
    required: bool = False
    schema: str = ""  # the JSON Schema's file name

    @property
    def shape(self) -> str:
        return SHAPES["records" if self.many else "record"]


# how a person's name is printed, and when it is left out (data.fields.check_printable, markup.loses_letters; a name
# is one: 'Wang 王小明' printed 'Wang'; a list of names prints those the fonts have, markup.names_apart)
NAME_RULE = ("a name of which the fonts cannot print a letter (CJK with the bundled fonts) is left out of the booklet "
             "whole, not printed in part, and check warns; an emoji in it, or the name written again in another script "
             "in brackets (`Xiaoming Wang (王小明)`) or as words of their own at its start or end beside two words or "
             "more that no 'and' or separator ends or begins (`李健秋 Andrew Lee`), is left out alone (`Wang 王小明` is left "
             "out whole); of names joined by 'and' or a separator (`王小明, Andrew Lee`, `Mei Chen and 王小明`), those the "
             "fonts can print are printed, as written, when they are two words or more, and check names the others (a name "
             "of them that the fonts print in part only between separators: `José Ortega y Gasset 王小明` is left out "
             "whole)")
NAME_DOC = f"as it is printed; {NAME_RULE}"


def _person(name: str, doc: str, *extra: Key, email_doc="for proofs, never printed") -> Record:
    return Record(name, doc, (
        Key("name", "text", NAME_DOC, required=True, example="Ana Smith"),
        Key("affiliation", "texts", "one, or a list when several (each printed as one affiliation)",
            example="Lund University, Sweden"),
        *extra,
        Key("email", "email", email_doc, example="ana.smith@example.org"),
    ))


_PHOTO = Key("photo", "image", "a portrait, printed beside the abstract or bio", example="images/portrait.jpg")

# -- conference.yaml -------------------------------------------------------------

DATES = Record("dates", "When the conference runs.", (
    Key("start", "date", "the first day", required=True, example=dt.date(2027, 9, 13)),
    Key("end", "date", "the last day", required=True, example=dt.date(2027, 9, 17)),
))
MEMBER = _person("member", "A committee member.",
                 Key("role", "text", "e.g. Chair (chairs are marked)", example="Chair"))
COMMITTEE = Record("committee", "A committee, printed in the order given.", (
    Key("name", "text", "short name, e.g. SOC (at most 300 characters)", required=True, example="SOC"),
    Key("title", "text", "the long name (at most 300 characters)", example="Scientific Organising Committee"),
    Key("members", "records", "the members, in printed order", record=MEMBER,
        example=[{"name": "Ana Smith", "affiliation": "Lund University"}]),
))
PLACE = Record("place", "A place participants need to find: a dinner venue, a room, ...", (
    Key("name", "text", "the place's name", required=True, example="Restaurant Kulturen"),
    Key("address", "text", "the street address", example="Tegnérsplatsen 1, 223 50 Lund"),
    Key("note", "text", "e.g. what happens there", example="Conference dinner"),
))
# The booklet's sections (theme.yaml's `sections`, in the default order; extra pages go after one of them)
SECTIONS = ("committees", "glance", "programme", "abstracts", "tutorials", "posters", "practical", "sponsors",
            "participants", "index")
SPONSOR = Record("sponsor", "A sponsor, on the sponsors' page.", (
    Key("name", "text", "as it is printed (under the logo when theme.yaml's `sponsors: {names: true}`; in place of a "
        "missing logo; at most 300 characters with a logo)", required=True, example="Nordlys Instruments"),
    Key("logo", "image", "the sponsor's logo", example="images/sponsor-nordlys.png"),
    Key("tier", "text", "e.g. Gold, Silver: a heading over each tier, the tiers in the order they first appear, "
        "the first tier's logos largest", example="Gold"),
    Key("url", "text", "the sponsor's web address: the logo links to it", example="https://www.example.com"),
))
EXTRA_PAGE = Record("extra_page", "A page of its own, such as a venue map: an image or a one-page PDF.", (
    Key("file", "file", "an image or a one-page PDF, relative to the data folder: scaled to fit the text area, "
        "centred, kept in proportion (a PDF stays vector)", required=True, example="images/map.pdf"),
    Key("after", "choice", "the section it follows (the page goes where the section is in theme.yaml's `sections`)",
        default="the end, before the Notes pages and the back cover", choices=("contents", *SECTIONS),
        example="practical"),
    Key("title", "text", "its entry in the contents and the PDF outline (not printed on the page)",
        example="Venue map"),
))
QR_CODE = Record("qr_code", "A QR code on the practical information page.", (
    Key("text", "text", "what the code holds: a web address, a Wi-Fi login (WIFI:T:WPA;S:name;P:password;;), ...",
        required=True, example="https://www.example.org/smc2027"),
    Key("caption", "text", "printed under the code (at most 300 characters)", example="Conference website"),
))
QUOTE = Record("quote", "A quotation for the back cover.", (
    Key("text", "text", "the quotation", required=True, example="All models are wrong, but some are useful."),
    Key("author", "text", "who said it", example="George Box"),
))
CONFERENCE = Record("conference", "Who, when, where: the cover, committees and back matter.", (
    Key("title", "text", "the conference's full title", required=True, example="Statistical Methods for the Cosmos"),
    Key("short_title", "text", "used in running heads", default="the title; of one over 60 characters, its part "
        "before a colon or a spaced dash", example="SMC2027"),
    Key("subtitle", "text", "printed under the title", example="An International Workshop"),
    Key("tagline", "text", "a line or two on the cover", example="Five days of statistics and astronomy."),
    Key("welcome", "text", "a line above the title on the cover", example="Welcome to SMC2027"),
    Key("dates", "record", "the first and last day", required=True, record=DATES,
        example={"start": dt.date(2027, 9, 13), "end": dt.date(2027, 9, 17)}),
    Key("venue", "text", "where it takes place", required=True, example="Observatory Campus, Lund, Sweden"),
    Key("url", "text", "the conference's web address", example="https://www.example.org/smc2027"),
    Key("contact", "text", "whom to write to (also on speaker proofs)", example="smc2027@example.org"),
    Key("hashtag", "text", "quote it: a bare # starts a comment", example="#SMC2027"),
    Key("logo", "image", "printed on the cover and back cover", example="images/logo.png"),
    Key("cover_image", "image", "the cover's picture", example="images/cover.jpg"),
    Key("committees", "records", "in printed order", record=COMMITTEE,
        example=[{"name": "SOC", "members": [{"name": "Ana Smith"}]}]),
    Key("places", "records", "for the practical information page", record=PLACE,
        example=[{"name": "Restaurant Kulturen", "address": "Tegnérsplatsen 1, Lund"}]),
    Key("notes", "texts", "free lines for the back cover", example=["Abstract deadline: 31 March 2027"]),
    Key("quote", "record", "for the back cover", record=QUOTE,
        example={"text": "All models are wrong, but some are useful.", "author": "George Box"}),
    Key("language", "language", "the booklet's language: its words (de, en, es, fr, it, nl, pt; en-US and en-CA: "
        "American spellings, Program; others: English or theme.yaml's `labels`), dates, hyphenation, PDF language", default="en", example="en"),
    Key("sponsors", "records", "for the sponsors' page, in printed order within each tier", record=SPONSOR,
        example=[{"name": "Nordlys Instruments", "logo": "images/sponsor-nordlys.png", "tier": "Gold"}]),
    Key("extra_pages", "records", "pages such as a venue map, each after a section", record=EXTRA_PAGE,
        example=[{"file": "images/map.pdf", "after": "practical", "title": "Venue map"}]),
    Key("qr_codes", "records", "QR codes with captions, on the practical information page", record=QR_CODE,
        example=[{"text": "https://www.example.org/smc2027", "caption": "Conference website"}]),
))

# -- abstracts -----------------------------------------------------------------

SPEAKER = _person("speaker", "The one presenting author (the short form of `authors`).", _PHOTO)
AUTHOR = _person("author", "One author of several, in printed order.",
                 Key("presenting", "boolean", "true for who gives the talk (underlined, when not all authors are)",
                     default="false", example=True),
                 _PHOTO)
ABSTRACT = Record("abstract", "A talk's abstract: what a programme item's `talk:` points at.", (
    Key("id", "id", "unique, one word: what the programme's `talk:` names", required=True, example="smith-2027"),
    Key("kind", "choice", "the label printed over the talk (CONTRIBUTED TALK, INVITED TALK, KEYNOTE, SPECIAL "
        "LECTURE: theme.yaml's `labels` may reword them)", default="contributed",
        choices=ABSTRACT_KINDS, example="invited",
        aliases={"talk": "contributed", "oral": "contributed", "contribution": "contributed",
                 "regular": "contributed", "invited talk": "invited", "plenary": "keynote",
                 "keynote talk": "keynote", "public": "special", "public talk": "special"},
        elsewhere={"poster": "a poster goes in posters.yaml, with its number and authors",
                   "tutorial": "a tutorial goes in tutorials.yaml, with its presenters",
                   "workshop": "a workshop goes in tutorials.yaml, with its presenters"}),
    Key("title", "text", "the talk's title", required=True, example="Hierarchical models for galaxy surveys"),
    Key("speaker", "record", "the speaker (short form; or `authors`)", record=SPEAKER,
        example={"name": "Ana Smith", "affiliation": "Lund University"}),
    Key("authors", "records", "several authors (long form; or `speaker`)", record=AUTHOR,
        example=[{"name": "Ana Smith", "presenting": True}, {"name": "Bo Jones"}]),
    Key("abstract", "text", "the text: a blank line starts a paragraph; *emphasis*, **strong**, $math$; lines "
        "starting with `* ` or `1. ` a list; lines between ``` lines code, as written",
        example="We review hierarchical models ..."),
    Key("language", "language", "the text's language, when not the booklet's: how its words are hyphenated",
        example="de"),
), one_of=("speaker", "authors"))

# -- tutorials.yaml, posters.yaml ----------------------------------------------

PRESENTER = _person("presenter", "A tutorial's presenter.",
                    Key("bio", "text", "a short biography, printed with the tutorial",
                        example="Ana Smith teaches statistics."),
                    _PHOTO)
COAUTHOR = _person("coauthor", "One who prepared a tutorial with its presenters but does not present it.",
                   email_doc="never printed (a tutorial's proof goes to its presenters)")
TUTORIAL = Record("tutorial", ("A tutorial; tutorials are numbered in file order, or by their titles' own numbers "
                               "when every title begins with 'Tutorial' and a number of its own ('Tutorial 14: ...')."), (
    Key("id", "id", "unique, one word: what the programme's `tutorial:` names", required=True,
        example="bayes-intro"),
    Key("title", "text", "the tutorial's title", required=True, example="Bayesian inference: an introduction"),
    Key("description", "text", "what it covers (paragraphs, as for abstracts)", example="A hands-on course."),
    Key("presenters", "records", "who teaches it", record=PRESENTER, example=[{"name": "Ana Smith"}]),
    Key("authors", "records", "who prepared it with the presenters but does not teach it: printed after the "
        "presenters, and in the index of authors", record=COAUTHOR, example=[{"name": "Bo Jones"}]),
    Key("language", "language", "the description's language, when not the booklet's: how its words are "
        "hyphenated", example="de"),
))
POSTER = Record("poster", "A poster.", (
    Key("number", "integer", "the board number", default="its position in the list", example=1),
    Key("author", "text", "one author (or `authors`, a list as for abstracts)", example="Zoë Papadopoulou"),
    Key("authors", "records", "several authors (or `author`)", record=AUTHOR,
        example=[{"name": "Zoë Papadopoulou", "presenting": True}, {"name": "Bo Jones"}]),
    Key("title", "text", "the poster's title", required=True, example="Mixture density networks"),
    Key("affiliation", "texts", "with `author`: the author's affiliation", example="NOA, Greece"),
    Key("email", "email", "with `author`: for proofs, never printed", example="zoe@example.org"),
    Key("abstract", "text", "printed when given", example="We train ..."),
    Key("session", "text", "its poster session, as named in programme.yaml: a heading (theme "
        "`group_by: session`), and its day with abstracts by day", example="Poster Session & Coffee"),
    Key("topic", "text", "its topic: a heading over each topic's posters (theme `group_by: topic`)",
        example="Stars and the Milky Way"),
), one_of=("author", "authors"))

# -- participants.yaml, participants.csv ------------------------------------------

PARTICIPANT = _person("participant", "A participant, for the list of participants (sorted by family name).",
                      Key("country", "text", "printed after the affiliation", example="Sweden"),
                      email_doc="for the organisers, never printed")
PARTICIPANT_COLUMNS = ("name", "affiliation", "country", "email")  # the columns participants.csv may have

# -- programme.yaml ------------------------------------------------------------

ITEM = Record("item", "One line of the programme: a talk, a tutorial, a break, a social event ...", (
    Key("time", "time", 'quote it: "09:00-09:20" (9:00, 09.00 and 09h00 are read too), or "19:00" alone; an item '
        'from 18:00 on may end after midnight, by 06:00: "23:00-00:40"; "24:00" is midnight', example="09:00-09:20"),
    Key("title", "text", "what is printed (for a talk: a short form of the abstract's title)",
        example="Coffee break"),
    Key("talk", "ref", "an abstract's id", refers_to="abstract", example="smith-2027"),
    Key("tutorial", "ref", "a tutorial's id", refers_to="tutorial", example="bayes-intro"),
    Key("again", "boolean", "true where a talk is held again (its abstract is printed once, at its first time): "
        "`booklet check` does not warn that it is in the programme twice", example=True),
    Key("kind", "choice", "how the line is set", default="talk with `talk:`, tutorial with `tutorial:`, else other",
        choices=ITEM_KINDS, example="break",
        aliases={"coffee": "break", "coffee break": "break", "lunch": "break", "tea": "break", "pause": "break",
                 "dinner": "social", "reception": "social", "banquet": "social", "excursion": "social",
                 "drinks": "social", "party": "social", "contributed": "talk", "invited": "talk",
                 "keynote": "talk", "lecture": "talk", "posters": "poster", "poster session": "poster",
                 "workshop": "tutorial", "course": "tutorial"}),
    Key("place", "text", "where a social event is (a place's name)", example="Restaurant Kulturen"),
    Key("room", "text", "printed after the title (an item with none: after its time)", example="Auditorium"),
))
SESSION = Record("session", "A block of items under one name, with its chair and room.", (
    Key("session", "text", "the session's name (at most 300 characters)", required=True, example="Inference I"),
    Key("chair", "texts", "who chairs it, or a list of those who do (at most 300 characters, each and together), a "
        f"name each: {NAME_RULE}",
        example="Mei Chen"),
    Key("room", "text", "where it is (at most 300 characters); printed after the session's name, unless the name "
        "ends with it", example="Auditorium"),
    Key("items", "records", "its items", record=ITEM, example=[{"time": "11:20-11:40", "talk": "smith-2027"}]),
), tag="session")
PARALLEL = Record("parallel", "Sessions at the same time in different rooms, printed side by side; when they "
                  "do not fit the page's width, one after another: in the order they start when they fit on a page "
                  "(those starting within half an hour of each other in the order written), else in the order "
                  "written. The abstracts follow the order printed.", (
    Key("parallel", "records", "the sessions (at least one)", required=True, record=SESSION,
        example=[{"session": "Time domain", "room": "Room A", "items": [{"time": "14:00-14:20",
                                                                         "talk": "smith-2027"}]}]),
), tag="parallel")
DAY = Record("day", "One day of the programme.", (
    Key("date", "date", "the weekday is printed from it", required=True, example=dt.date(2027, 9, 13)),
    Key("night", "boolean", "true for a day that runs into the night: an item before 06:00 after one from 06:00 on "
        "is its night (\"00:15\" after \"10:30\"); without it, only after one from 13:00 on", example=True),
    Key("items", "records", "items, sessions and parallel sessions, in order", record=(ITEM, SESSION, PARALLEL),
        example=[{"time": "09:00-09:20", "title": "Welcome"}]),
))
PROGRAMME = Record("programme", "The days and what happens when.", (
    Key("days", "records", "in order", required=True, record=DAY,
        example=[{"date": dt.date(2027, 9, 13), "items": [{"time": "09:00-09:20", "title": "Welcome"}]}]),
))

# -- people.yaml: who is who --------------------------------------------------------

PERSON = Record("person", "One person, however the data spells them: the index of authors lists them once.", (
    Key("name", "text", "the name as the index prints it", required=True, example="Patrick van der Smagt"),
    Key("aliases", "texts", "other spellings of this person in the data, merged into this one",
        example=["P. van der Smagt"]),
    Key("family", "text", "the family name, when it is not the last word (with the particles before it)",
        example="García Márquez"),
))

# Keys that hold a person's name, by record: one of which nothing is left to print with the booklet's fonts (CJK or
# emoji alone) is left out where it is read (data.fields.Fields), not printed as an empty slot; lint.example calls
# one init's example by these.
NAMES = {"member": ("name",), "speaker": ("name",), "author": ("name",), "presenter": ("name",), "coauthor": ("name",),
         "participant": ("name",), "poster": ("author",), "person": ("name", "aliases"), "session": ("chair",)}
# Keys that hold what is printed beside a person's name (affiliation, country, role), by record: one of which nothing
# is left to print is left out where it is read too, the person kept (an author's affiliation of CJK alone printed a
# numbered line with no text, "2", under the author list, a participant's affiliation and country a lone ",")
DETAILS = {"member": ("affiliation", "role"), "speaker": ("affiliation",), "author": ("affiliation",),
           "presenter": ("affiliation",), "coauthor": ("affiliation",), "participant": ("affiliation", "country"),
           "poster": ("affiliation",)}


def holds_name(record: str, key: str) -> bool:
    """Whether `key` of `record` holds a person's name (NAMES)."""
    return key in NAMES.get(record, ())


def holds_detail(record: str, key: str) -> bool:
    """Whether `key` of `record` holds what is printed beside a person's name (DETAILS)."""
    return key in DETAILS.get(record, ())


def blank_refused(record: str, key: str) -> bool:
    """Whether a text of nothing (`affiliation: ""`, `chair: " "`) given to `key` of `record` is an error, at its file,
    line and key, not as the key left out: where a name or what is printed beside one is expected (NAMES, DETAILS),
    as a list's blank item (`affiliation: [""]`) and `aliases: ""` are. `key:` with nothing after it is still the key
    left out (YAML's null), and a list given empty (`chair: []`) a list of none. data.fields reads so, and the
    schema says so (a text with a character that is no space)."""
    return holds_name(record, key) or holds_detail(record, key)


# what a key of NAMES or DETAILS holds, in check's "is empty: write ..., or leave the key out" (people.yaml's
# `aliases: ""` is said by data.people, with the person's name)
BLANK_WORDS = {"name": "the name", "author": "the author's name", "chair": "the chair's name",
               "affiliation": "the affiliation", "role": "the role", "country": "the country"}


def blank_said(record: Record, key: Key) -> str | None:
    """What check says of `key` of `record` given a text of nothing (`kind: ""`, `after: " "`), an error at its file,
    line and key; None where that is as the key left out (`subtitle: ""`). A required key's is "must not be empty";
    a name's or what is printed beside one (blank_refused), a programme item's time, talk or tutorial, and every key
    that takes one of a list of words (a choice: an abstract's or an item's `kind`, an extra page's `after`, theme.yaml's
    `base`, `page_size`, `cover.style`, ...) are refused so, as the schema refuses them (a pattern, an enum); a choice
    given empty was taken as its default, without a word."""
    if blank_refused(record.name, key.name):
        return f"is empty: write {BLANK_WORDS.get(key.name, 'its text')}, or leave the key out"
    if key.type == "choice":
        return f"is empty: write one of {', '.join(key.choices)}, or leave the key out"
    if key.type in ("time", "ref"):
        return f"is empty: write it like {example_line(key)}, or leave the key out"
    return None


# Keys that hold an entry's title, by record: one the fonts print nothing of prints the label title_not_printable in
# its place (a title of CJK alone left a programme line of its time and speaker, an abstract without a heading); a
# session's name and the poster session a poster names too, which are matched with each other and with a programme
# line's title as they print (a poster's `session: ポスター` found its line `title: ポスター` no more once that printed
# the label)
TITLES = {"abstract": ("title",), "tutorial": ("title",), "poster": ("title", "session"), "item": ("title",),
          "session": ("session",)}

# -- theme.yaml: the look, the order and the words -------------------------------

THEMES = ("classic", "modern", "minimal")  # built-in themes: booklet/resources/themes/NAME.yaml
# Every fixed word the booklet prints: key -> (where it is printed, the English words). Each language's
# words are in booklet/resources/labels/LANG.yaml (en.yaml holds the English here, a test says so).
LABEL_WORDS = {
    "contents": ("the contents page's heading", "Contents"),
    "committees": ("the committees' section: heading, contents, outline, running head", "Committees"),
    "programme": ("the programme's section: contents, outline, running head", "Programme"),
    "abstracts": ("the abstracts' section: contents, outline, running head", "Abstracts"),
    "tutorials": ("the tutorials' section: contents, outline, running head", "Tutorials"),
    "posters": ("the posters' section: heading, contents, outline, running head", "Posters"),
    "practical": ("the practical information's section: heading, contents, running head", "Practical information"),
    "notes": ("the heading of the ruled pages for notes", "Notes"),
    "places": ("the heading over the places on the practical information page", "Places"),
    "contact": ("the heading over how to reach the organisers (and the label of a contact that is no email "
                "address)", "Contact"),
    "email": ("the label of the organisers' email address, under the Contact heading", "Email"),
    "web": ("the label of the conference's web address", "Web"),
    "hashtag": ("the label of the conference's hashtag", "Hashtag"),
    "day": ("above each day's date in the programme; {number} is the day's number", "DAY {number}"),
    "parallel_sessions": ("above sessions held at the same time", "PARALLEL SESSIONS"),
    "continued": ("in brackets after a heading repeated on the page it runs onto", "continued"),
    "chair": ("below a session's heading; {name} is the chair's name (left out while `chairs` is given: that line "
              "for one too)", "Chair: {name}"),
    "chairs": ("below a session's heading, for several chairs; {names} are their names, as the language lists "
               "them", "Chairs: {names}"),
    "tutorial": ("a tutorial's label; {number} is its number", "TUTORIAL {number}"),
    "presenter": ("the heading over a tutorial's one presenter (left out while `presenters` is given: that word "
                  "over one too)", "Presenter"),
    "presenters": ("the heading over a tutorial's presenters", "Presenters"),
    "coauthor": ("the heading over a tutorial's one author who does not present it (left out while `coauthors` is "
                 "given: that word over one too)", "Co-author"),
    "coauthors": ("the heading over a tutorial's authors who do not present it", "Co-authors"),
    "presenting_underlined": ("what underlining one of several authors means: once, under the posters' heading, and "
                              "under the abstracts' when more than one abstract underlines (abstracts by day: each "
                              "day's), else under the authors of the one that does; and in the header of a "
                              "speaker's proof whose pages underline without saying it",
                              "Presenting author underlined."),
    "not_in_programme": ("the outline's entry for abstracts not in the programme", "Not in the programme"),
    "contributed": ("the label of a contributed talk", "CONTRIBUTED TALK"),
    "invited": ("the label of an invited talk", "INVITED TALK"),
    "keynote": ("the label of a keynote", "KEYNOTE"),
    "special": ("the label of a special lecture", "SPECIAL LECTURE"),
    "subject": ("the PDF's subject (its document properties), before the venue", "Programme and abstracts"),
    "other_posters": ("the heading over posters that name no session or topic, when others do", "Other posters"),
    "glance": ("the programme at a glance: heading, contents, outline, running head (left out while `programme` is "
               "given: that word for the language's at its start, 'Timetable at a glance')", "Programme at a glance"),
    "sponsors": ("the sponsors' section: heading, contents, outline, running head", "Sponsors"),
    "other_sponsors": ("the heading over sponsors that name no tier, when others do", "Other sponsors"),
    "participants": ("the list of participants: heading, contents, outline, running head", "Participants"),
    "index": ("the index of authors: heading, contents, outline, running head", "Index of authors"),
    "index_digits": ("the heading over the names that start with a digit ('42triangles'), before the letters: in the "
                     "index of authors and the list of participants", "0\u20139"),
    "glance_page": ("the programme at a glance: before the page number of each day's programme", "p."),
    "glance_untimed": ("over the items that have no time: on the programme at a glance, and at a day's end",
                       "No fixed time"),
    "et_al": ("the programme at a glance: after the first of several speakers, when not all fit", "et al."),
    "glance_room": ("the programme at a glance: a session named by its room too, when another room's session of the "
                    "same day has its name; {name} is the session's name, {room} its room", "{name} ({room})"),
    "quote": ("the back cover's quote in the language's quotation marks; {text} is the quote", "\u201c{text}\u201d"),
    "quotes": ("what the straight quotes typed in the data print as: the opening and closing double quotation marks, "
               "then the single ones, four marks with a space between (straight ones keep them straight)",
               "\u201c \u201d \u2018 \u2019"),
    "title_not_printable": ("in place of a title the fonts print nothing of (an abstract's, a tutorial's, a poster's, "
                            "a programme line's or a session's: CJK alone with the bundled fonts), which check warns "
                            "of; over a poster session's posters, followed by its day, time and room; an extra "
                            "page's entry in the contents and outline; a committee's heading when neither its title "
                            "nor its name prints",
                            "(title not printable)"),
    "name_not_printable": ("in place of a talk's speaker or a tutorial's presenter whose name the fonts print nothing "
                           "of (left out of the booklet: CJK alone with the bundled fonts), which check warns of, "
                           "when no one named presents it: on its programme line and the programme at a glance (a "
                           "co-author named is not named as the speaker)", "(name not printable)"),
    "proof_mark": ("a speaker's proof: down the band at the page's outer edge", "PROOF \u00b7 NOT FOR PRINT"),
    "proof_for": ("a speaker's proof: its header's first line; {names} are whom it is for, {pages} its pages",
                  "PROOF for {names} \u00b7 booklet {pages}"),
    "proof_for_unnamed": ("a speaker's proof: its header's first line when the fonts print nothing of any of its "
                          "names (each is left out of the booklet); {pages} its pages",
                          "PROOF (name not printable) \u00b7 booklet {pages}"),
    "proof_page": ("a speaker's proof: its one page in the booklet; {pages} is its number (left out while "
                   "`proof_pages` is given: those words for one too)", "page {pages}"),
    "proof_pages": ("a speaker's proof: its pages in the booklet; {pages} are their numbers", "pages {pages}"),
    "proof_talk": ("a speaker's proof: before the talk's day, time and room", "Your talk"),
    "proof_tutorial": ("a speaker's proof: before the tutorial's day, time and room", "Your tutorial"),
    "proof_chair": ("a chair's proof: before the name, day, time and room of the session they chair, on its programme "
                    "page", "Session you chair"),
    "proof_poster": ("a poster author's proof: before the poster's number and title (left out while "
                     "`proof_posters` is given: that word for one too)", "Poster"),
    "proof_posters": ("a poster author's proof: before the numbers and titles of their posters", "Posters"),
    "proof_unscheduled": ("a speaker's proof: in place of the day and time of a talk not in the programme",
                          "not in the programme"),
    "proof_reply": ("a speaker's proof: whom to send corrections to by when; {date} and {contact}",
                    "Corrections by {date} to {contact}"),
    "proof_reply_undated": ("a speaker's proof: whom to send corrections to; {contact}", "Corrections to {contact}"),
    "proof_organisers": ("a speaker's proof: whom corrections go to when the conference names no contact",
                         "the organisers"),
    "proof_check": ("a speaker's proof: what to check, after the reply's words (the longest that fits is printed)",
                    "please check names, affiliations, formulas, and the day and time where they are given"),
    "proof_check_short": ("a speaker's proof: what to check, shorter", "please check names, affiliations, formulas, "
                          "days and times"),
    "proof_check_shortest": ("a speaker's proof: what to check, shortest", "check names and affiliations"),
    "proof_underlined_short": ("a speaker's proof: what underlining a presenting author means, shorter, in its "
                               "header where presenting_underlined takes more than a third of the line",
                               "Presenter underlined."),
}
LABEL_KEYS = tuple(LABEL_WORDS)
# each must be in its label (and no other)
LABEL_PLACEHOLDERS = {"day": "number", "tutorial": "number", "chair": "name", "chairs": "names", "quote": "text",
                      "proof_for": ("names", "pages"), "proof_for_unnamed": "pages", "proof_page": "pages",
                      "proof_pages": "pages", "glance_room": ("name", "room"),
                      "proof_reply": ("date", "contact"), "proof_reply_undated": "contact"}

TRACK_COLOUR = Record("track_colour", "The colour of one session or track in the programme.", (
    Key("session", "text", "the session's (or parallel track's) name, as in programme.yaml", required=True,
        example="Machine Learning I"),
    Key("colour", "colour", "the background of its heading (a pale colour: the heading's text is printed on it)",
        required=True, example="#DCEFD9"),
))
COLOURS = Record("colours", "The booklet's colours (#RRGGBB); any left out come from the base theme (one given "
                 "empty too, with a warning).", (
    Key("primary", "colour", "headings, day numbers, rules", example="#0B5394"),
    Key("accent", "colour", "labels (INVITED TALK, DAY 1) and links", example="#0B5394"),
    Key("text", "colour", "body text", example="#000000"),
    Key("break", "colour", "the background of breaks in the programme", example="#ECECEC"),
    Key("social", "colour", "the background of social events", example="#FDF3E1"),
    Key("tutorial", "colour", "the background of tutorials", example="#E6EEF7"),
    Key("tracks", "records", "a colour per session or parallel track", record=TRACK_COLOUR,
        example=[{"session": "Machine Learning I", "colour": "#DCEFD9"}]),
))
FONTS = Record("fonts", "The booklet's fonts: a bundled family's name (Gentium Book Plus, Noto Sans, Noto Sans "
               "Mono, Noto Sans Math, Noto Sans Symbols 2), or a TrueType (.ttf) file in the data folder: its regular "
               "face, with "
               "the bold, italic and bold italic found beside it by their names (MyText-Bold.ttf, "
               "MyText-Italic.ttf, MyText-BoldItalic.ttf; the regular face stands in for a style not found). A "
               "character that no fallback has and one of the two families lacks prints in the other's face, in "
               "the style around it. An emoji sequence (a skin tone, a flag, emoji joined by U+200D: 🏳️‍🌈, 👩🏽‍🔬) "
               "prints whole or not at all: where the fonts lack a part of it, it is left out whole, and check "
               "names it as written.", (
    Key("text", "text", "body text: 'Gentium Book Plus' or e.g. fonts/MyText-Regular.ttf", example="Gentium Book Plus"),
    Key("headings", "text", "headings: 'Noto Sans' or e.g. fonts/MySans-Regular.ttf", example="Noto Sans"),
    Key("fallback", "texts", "tried in order for characters the text and headings fonts lack; `[]`: none, so that "
        "those characters are left out (warned of); without the key, the base theme's (Noto Sans Math, Noto Sans Symbols 2)",
        example=["Noto Sans Math"]),
))
COVER = Record("cover", "How the front cover is laid out.", (
    Key("style", "choice", "the cover image across the top (band), over the whole page with the text on a white "
        "panel (full-bleed), or no image: white paper (plain)",
        default="band", choices=("band", "full-bleed", "plain"), example="band"),
    Key("logo", "choice", "where the logo goes", default="bottom-right",
        choices=("bottom-right", "bottom-left", "top-right", "top-left", "none"), example="bottom-right"),
))
ABSTRACT_OPTIONS = Record("abstract_options", "Where the abstracts go and how they are set.", (
    Key("placement", "choice", "after the whole programme, or each day's after that day's programme",
        default="after-programme", choices=("after-programme", "by-day"), example="after-programme"),
    Key("layout", "choice", "one abstract per page, or several flowing on a page; auto: flowing on a page whose "
        "text is set in two columns (A4, letter: a short abstract alone left two thirds of the page empty); on A5 and "
        "B5, flowing when there are 12 abstracts or more and the median of all of them, header and text, takes less "
        "than half a page (as estimated from its words' widths and the text's line spacing: one each left most pages "
        "half empty), else one per page. One per page, an abstract a little too long for its page (over it by up to "
        "about a sixth of the page on A5) is set on it, not run on to a page of those few lines under \"(continued)\": "
        "its paragraphs closer, then its lines (to 0.92 of their spacing), then its text's type smaller in steps of "
        "2 %, to 90 % of the theme's size at most, every line of its text alike (a tutorial's description and bios "
        "too); its last line stays in the text's frame, clear of the page number. A longer one runs on at the theme's "
        "size. `booklet check` warns only of those that run on",
        default="auto", choices=("auto", "page", "flow"), example="page"),
    Key("columns", "choice", "each abstract's text in one column or two; auto: two on a page whose one line would "
        "hold more than about 100 characters (A4, letter), one on A5 and B5",
        default="auto", choices=("auto", "1", "2"), example="auto"),
))
POSTER_OPTIONS = Record("poster_options", "How the posters are listed.", (
    Key("sort", "choice", "the order of the posters: by number, by the first author as the index files them, or by "
        "title in the language's alphabetical order", default="number", choices=("number", "author", "title"),
        example="number"),
    Key("group_by", "choice", "headings over groups of posters, when the posters say theirs",
        choices=("session", "topic"), example="session"),
))
EXTRA_PAGE_OPTIONS = Record("extra_page_options", "How extra pages (a venue map) are set.", (
    Key("turn", "choice", "an extra page wider than high, which a quarter turn prints at least a fifth larger on "
        "the upright page: `left` turns it counter-clockwise, its top at the page's left edge, as books set a "
        "broadside table or map (the reader turns the book clockwise to read it, on a left page and a right page "
        "alike); `right` the other way; `none` keeps it upright, smaller", default="left",
        choices=("left", "right", "none"), example="left"),
))
GLANCE_NARROWEST = (50, 100)  # per cent: the range of `glance: narrowest_type` (its default: Theme's)
GLANCE_OPTIONS = Record("glance_options", "How the programme at a glance is set.", (
    Key("narrowest_type", "integer", "the smallest type, in per cent of the glance's own, a title in a lane narrower "
        "than the page is laid out for (many rooms at a time) steps down to, a quarter point at a time, where that "
        f"sets it whole or keeps more of its words before it is cut with an ellipsis ({GLANCE_NARROWEST[0]} to "
        f"{GLANCE_NARROWEST[1]}; 100: never smaller; never under 5.5 points)", default=str(Theme.glance_narrowest),
        example=Theme.glance_narrowest),
))
SPONSOR_OPTIONS = Record("sponsor_options", "How the sponsors' page is set.", (
    Key("names", "boolean", "print each sponsor's name under its logo", default="false", example=False),
))
LABEL_MAX = 120  # characters of a label of theme.yaml's (booklet's own are at most 54)
LABELS = Record("labels", f"Any fixed word of the booklet, in place of the language's own (at most {LABEL_MAX} "
                 "characters each). A label is a line of text as a title is: `*emphasis*`, `$math$` and `` `code` `` "
                 "work in it, and `\\*` prints a star. One left empty is as one left out (a warning says so): "
                 "the language's words print.", tuple(
    Key(name, "text", doc, example=english) for name, (doc, english) in LABEL_WORDS.items()))
THEME = Record("theme", "The booklet's look, order and words (every key may be left out).", (
    Key("base", "choice", "the built-in theme to start from", default="classic", choices=THEMES, example="classic"),
    Key("colours", "record", "colours", record=COLOURS, example={"primary": "#0B5394"}),
    Key("fonts", "record", "fonts", record=FONTS, example={"text": "Gentium Book Plus"}),
    Key("cover", "record", "the front cover", record=COVER, example={"style": "band"}),
    Key("page_size", "choice", "the page size when `--page-size` is not given", default="A5",
        choices=("A5", "A4", "B5", "letter"), example="A5"),
    Key("sections", "choices", "the sections, in order (leave one out to drop it; at least one)",
        default=", ".join(SECTIONS), choices=SECTIONS, example=list(SECTIONS)),
    Key("abstracts", "record", "where the abstracts go and how", record=ABSTRACT_OPTIONS,
        example={"placement": "after-programme", "layout": "page", "columns": "auto"}),
    Key("posters", "record", "how the posters are listed", record=POSTER_OPTIONS, example={"sort": "number"}),
    Key("labels", "record", "words in place of the language's own (those left out: the language's)", record=LABELS,
        example={"programme": "Timetable"}),
    Key("glance", "record", "how the programme at a glance is set", record=GLANCE_OPTIONS,
        example={"narrowest_type": Theme.glance_narrowest}),
    Key("sponsors", "record", "how the sponsors' page is set", record=SPONSOR_OPTIONS, example={"names": False}),
    Key("extra_pages", "record", "how extra pages are set", record=EXTRA_PAGE_OPTIONS, example={"turn": "left"}),
))

# -- the files -----------------------------------------------------------------

FILES = (
    File("conference.yaml", "Who, when and where (the one file every conference needs).", CONFERENCE, many=False, required=True,
         schema="conference.schema.json"),
    File("programme.yaml", "The days and what happens when.", PROGRAMME, many=False,
         schema="programme.schema.json"),
    File("abstracts.yaml", "The talks' abstracts, a list.", ABSTRACT, many=True, schema="abstracts.schema.json"),
    File("abstracts/*.yaml", "One abstract per file, with the same keys (and/or abstracts.yaml).", ABSTRACT,
         many=False, schema="abstract.schema.json"),
    File("tutorials.yaml", "The tutorials, numbered in this order.", TUTORIAL, many=True,
         schema="tutorials.schema.json"),
    File("posters.yaml", "The posters.", POSTER, many=True, schema="posters.schema.json"),
    File("theme.yaml", "The look, the order of the sections and the words.", THEME, many=False,
         schema="theme.schema.json"),
    File("participants.yaml", "The list of participants (or participants.csv).", PARTICIPANT, many=True,
         schema="participants.schema.json"),
    File("participants.csv", "The list of participants as CSV (or participants.yaml): a first line naming the "
         f"columns ({', '.join(PARTICIPANT_COLUMNS)}), then one participant per line.", PARTICIPANT, many=True),
    File("people.yaml", "Who is who: spellings of one person merged, family names the index sorts by.", PERSON,
         many=True, schema="people.schema.json"),
)


# a data file -> the files that may stand in its place (the folder has one or the other)
ALTERNATIVES = {"participants.yaml": ("participants.csv",), "participants.csv": ("participants.yaml",)}
SHEETS = ("xlsx", "xlsm", "xls", "ods", "numbers", "tsv")  # a table as a spreadsheet program saves it


def is_sheet(name: str) -> bool:
    """Whether a file's name is a spreadsheet program's (SHEETS)."""
    return name.rpartition(".")[2].lower() in SHEETS
_SPELLED = {"program": "programme", "abstract": "abstracts", "tutorial": "tutorials", "poster": "posters",
            "participant": "participants", "person": "people", "conferences": "conference", "themes": "theme"}


def meant_file(name: str, in_abstracts: bool) -> str | None:
    """The name of the data file that `name` (a file's, in the folder or in abstracts/) stands for when it is none
    itself: with ".yaml" for ".yml" (any case), lower case, a spelling of _SPELLED made the data file's (program.yaml,
    poster.yaml); None when it is a data file's name, or stands for none (data.load.misnamed)."""
    stem, dot, extension = name.rpartition(".")
    extension = extension.lower()
    if not dot or not stem or extension not in ("yaml", "yml", "csv", *SHEETS) or name.startswith("."):  # (hidden:
        return None  # not data)
    if in_abstracts:
        return None if extension in ("csv", *SHEETS) or name.endswith(".yaml") else f"{stem}.yaml"
    stem = _SPELLED.get(stem.lower(), stem.lower())
    if extension in SHEETS:  # a spreadsheet saved as the workbook it was (participants.xlsx): its table, as CSV
        extension = "csv" if f"{stem}.csv" in ALTERNATIVES else "yaml"
    meant = f"{stem}.{'csv' if extension == 'csv' else 'yaml'}"
    if meant == name or not any(spec.name == meant for spec in FILES):
        return None
    return meant


def meant_folder(name: str) -> str | None:
    """"abstracts" when `name`, a folder's, stands for abstracts/ but is not it (Abstracts, abstract), else None."""
    if name.startswith(".") or name == "abstracts":
        return None
    return "abstracts" if _SPELLED.get(name.lower(), name.lower()) == "abstracts" else None


def file_for(name: str) -> File:
    """The File that a data file's name (relative to the folder) belongs to."""
    for spec in FILES:
        if spec.name == name or ("*" in spec.name and name.startswith(spec.name.split("*")[0])):
            return spec
    raise KeyError(name)


def records() -> list[Record]:
    """Every record kind, each once, in the order they are first reached from the files."""
    seen: dict[str, Record] = {}

    def visit(record: Record) -> None:
        if record.name in seen:
            return
        seen[record.name] = record
        for key in record.keys:
            for sub in key.records:
                visit(sub)

    for spec in FILES:
        visit(spec.record)
    return list(seen.values())


def choice_hint(key: Key, value: str) -> str:
    """' (did you mean 'social'?)' for a word that is an alias of, or close to, one of the key's choices; ' (a poster
    goes in posters.yaml, ...)' for one that names what another file holds (Key.elsewhere)."""
    from ..problems import did_you_mean

    meant = key.aliases.get(value.strip().lower())
    if meant:
        return f" (did you mean '{meant}'?)"
    goes = key.elsewhere.get(value.strip().lower())
    if goes:
        return f" ({goes})"
    return did_you_mean(value, key.choices)


def scalar(value, quote: bool = False, in_flow: bool = False) -> str:
    """One YAML scalar as a user writes it: bare when YAML reads it back as the same text, else "quoted"."""
    import json

    import yaml

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, dt.date)):
        return str(value)
    text = str(value)
    if not quote:
        dumped = yaml.safe_dump(text, allow_unicode=True, width=10**6).removesuffix("\n...\n").strip()
        if dumped == text and "#" not in text and not (in_flow and any(c in text for c in ",[]{}")):
            return text
    return json.dumps(text, ensure_ascii=False)


def flow(value, quote: bool = False) -> str:
    """A value as one line of YAML: {start: 2027-09-13, end: 2027-09-17}, [a, b], "09:00-09:20"."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_in_flow(v, k == 'time')}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_in_flow(v) for v in value) + "]"
    return scalar(value, quote)


def _in_flow(value, quote: bool = False) -> str:
    return flow(value, quote) if isinstance(value, (dict, list, tuple)) else scalar(value, quote, in_flow=True)


def example_line(key: Key) -> str:
    """'dates: {start: 2027-09-13, end: 2027-09-17}': the key written right, for messages."""
    return f"{key.name}: {flow(key.example, key.type == 'time')}"
