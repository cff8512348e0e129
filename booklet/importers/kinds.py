"""A source's contribution type ("Talk 30 min + 10min Q&A", "Workshop", "keynote") -> what it becomes in
the booklet: an abstract of some kind, a tutorial, a poster, or a programme line (break, social, other).

One table for every reader: the words conference systems use, matched whole or word by word, and the
user's own names (--kinds "Invited talk=invited"), which win.
"""

from __future__ import annotations

import re

from ..problems import did_you_mean

# What a type can become: abstract kinds, tutorial, poster, programme-only lines, or nothing (an attendee's
# registration, a rejected submission: left out).
ABSTRACT_KINDS = ("contributed", "invited", "keynote", "special")
KINDS = (*ABSTRACT_KINDS, "tutorial", "poster", "break", "social", "other", "skip")
KIND_WORDS = {  # what users write in --kinds, beside the kinds themselves, and the kind each means
    "talk": "contributed", "oral": "contributed", "contribution": "contributed", "regular": "contributed",
    "plenary": "keynote", "public": "special", "workshop": "tutorial", "course": "tutorial",
    "none": "skip", "ignore": "skip", "drop": "skip", "item": "other", "line": "other",
}

# Words in a source's type name (any language seen in real exports) -> kind, for every reader; the first rule that
# matches wins. A type none matches is the reader's to guess (a contributed talk when somebody speaks), and counted
# for the user to map with --kinds.
TYPE_RULES: tuple[tuple[str, str], ...] = (
    (r"withdrawn|rejected|declined|cancel+ed|no presentation|zurückgezogen|abgelehnt|refus|annul", "skip"),
    # an attendee's registration, not a talk ("Participant talk" is a talk)
    (r"^(?!.*(?:talk|vortrag|presentation|lecture|poster|workshop|tutorial|keynote))"
     r".*(?:attend|participant|teilnehm|teilnahme|listener|auditeur|waiting|warteliste|liste d.attente)", "skip"),
    (r"p[oó]ster|affiche", "poster"),  # (Spanish: póster)
    (r"keynote|plenary|plenar|pl[ée]ni[èe]re|hauptvortrag|haupt-vortrag|opening lecture", "keynote"),
    (r"invited|eingeladen|invit[ée]|sollicit", "invited"),
    (r"tutori(?:al|um|el|en)|workshop|hands.on|training|course|kurs|atelier|school|schule|masterclass"
     r"|lab session", "tutorial"),
    (r"public|special|prize|award|preis|laudatio|memorial|lecture.recital|colloquium talk", "special"),
    (r"dinner|banquet|bankett|reception|empfang|excursion|exkursion|ausflug|day trip|abendessen|\bd[îi]ner\b"
     r"|soir[ée]e|party|\bgala\b|rahmenprogramm|get.together"
     r"|^social(?: (?:event|events|evening|programme|program|activity|activities|gathering))?$", "social"),
    (r"\bcoffee|\blunch|\bbreaks?\b(?!-?\s?out)|\bpause|mittag|kaffee|repas|déjeuner|\btea\b", "break"),
    # a schedule's "Event" (wafer, pentabarf): what is neither a talk nor a workshop (a group photo, a job fair, a
    # film): a line of the programme, not an abstract page
    (r"\bevents?\b", "other"),
    (r"talk|oral|vortrag|presentation|präsentation|pr[ée]sentation|contributed|contribution|lightning|short"
     r"|paper|lecture|demo|communication|exposé|expos[ée]|beitrag|referat|panel|bof|birds of a feather|discussion"
     r"|session|seminar|flash|pitch|regular|report|maintrack", "contributed"),
)
_DURATION = re.compile(r"\(\s*\d+\s*(?:'|’|min\w*|minutes?)?\s*\)|\(closed\)|\(open\)|\b\d+\s*(?:'|’|min\w*)",
                       re.I)

# A word that names a break or a meal ("Coffee", "Lunchbreak", "Kaffeepause"; not "Breakout", "Teaching")
# (German joins words: "Studierendenfrühstück", "Nachmittagskaffee")
_BREAK_WORD = re.compile(r"(?:coffee|kaffee|(?:vor|nach)?mittags?|lunch|tea)?(?:break|pause)s?|coffee|tea|lunch"
                         r"|mittag(?:essen)?|repas|d[ée]jeuner|breakfast|brunch|supper"
                         r"|[^\W\d_]*(?:kaffee|fr[üu]hst[üu]ck)", re.IGNORECASE)
_ASIDE = re.compile(r"\([^)]*\)|\[[^\]]*\]")


def normal(text: str) -> str:
    """A type as the table knows it: lower case, underscores as spaces, one space between words."""
    return " ".join(str(text).replace("_", " ").lower().split())


def user_kind(source_type: str, word: str) -> str:
    """The kind --kinds gives `source_type` by `word` (a kind, or a word of KIND_WORDS); ValueError naming a bad
    kind, for every reader alike."""
    kind = normal(word)
    kind = KIND_WORDS.get(kind, kind)
    if kind not in KINDS:
        raise ValueError(f"'{word}' (for '{source_type}') is not a kind{did_you_mean(word, KINDS)}; "
                         f"the kinds are {', '.join(KINDS)} (talk means contributed, skip leaves it out)")
    return kind


def parse_kinds(pairs: dict[str, str]) -> dict[str, str]:
    """--kinds as given (source type -> kind word) -> each of its forms -> kind; ValueError naming a bad kind."""
    return {form: user_kind(source_type, word) for source_type, word in pairs.items() for form in forms(source_type)}


def normalise_type(name: str) -> str:
    """'Invited talk (35')' -> 'invited talk': lower case, durations and '(CLOSED)' marks removed."""
    text = _DURATION.sub(" ", name.lower())
    return " ".join(re.sub(r"[()\[\]]", " ", text).split())


def kind_from_words(name: str) -> str | None:
    """The kind a type name's words say (TYPE_RULES), or None when they say nothing booklet knows."""
    text = normalise_type(name)
    for pattern, kind in TYPE_RULES:
        if re.search(pattern, text):
            return kind
    return None


def forms(source_type: str) -> tuple[str, ...]:
    """The forms a type is matched to --kinds by, in every reader (and the note of a --kinds type never met): as
    written (lower case), normal(), normalise_type()."""
    return source_type.strip().lower(), normal(source_type), normalise_type(source_type)


def user_kind_of(source_type: str | None, user: dict[str, str]) -> str | None:
    """The kind --kinds (`user`, keyed by forms) gives the type, or None."""
    if not source_type or not source_type.strip():
        return None
    return next((user[form] for form in forms(source_type) if form in user), None)


def kind_for(source_type: str | None, user: dict[str, str]) -> str | None:
    """The kind a source type becomes (the user's --kinds first, then the words of the type), or None when unknown."""
    if not source_type or not source_type.strip():
        return None
    return user_kind_of(source_type, user) or kind_from_words(source_type)


def looks_like_break(title: str) -> bool:
    """Whether a programme line's title names a break or a meal: its first or last word does, asides in brackets
    left out ("Coffee break (sponsored)", "Afternoon coffee", "Kaffeepause"); a word inside it is another
    word's object ("How to break your face: ...", a workshop's title)."""
    words = re.findall(r"[^\W\d_]+", _ASIDE.sub(" ", title or ""))
    return bool(words) and bool(_BREAK_WORD.fullmatch(words[0]) or _BREAK_WORD.fullmatch(words[-1]))
