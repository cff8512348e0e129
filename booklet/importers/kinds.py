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

# Words of conference systems' types -> kind. Phrases of two words are tried before single words.
DEFAULT_KINDS = {
    "keynote": "keynote", "keynote talk": "keynote", "plenary": "keynote",
    "invited": "invited", "invited talk": "invited",
    "talk": "contributed", "lecture": "contributed", "maintrack": "contributed", "contributed": "contributed",
    "contribution": "contributed", "oral": "contributed", "lightning talk": "contributed",
    "lightningtalk": "contributed", "short talk": "contributed", "bof": "contributed", "birds of a feather": "contributed",
    "workshop": "tutorial", "tutorial": "tutorial", "training": "tutorial", "hands-on": "tutorial",
    "course": "tutorial",
    "poster": "poster", "posters": "poster",
    "break": "break", "coffee break": "break", "coffee": "break", "pause": "break", "lunch": "break",
    "social": "social", "reception": "social", "dinner": "social", "banquet": "social", "party": "social",
    "excursion": "social", "day trip": "social",
    # a schedule's "Event" (wafer, pentabarf): what is neither a talk nor a workshop (a group photo, a job fair, a
    # film): a line of the programme, not an abstract page
    "event": "other",
}

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
    """--kinds as given (source type -> kind word) -> normalised type -> kind; ValueError naming a bad kind."""
    return {normal(source_type): user_kind(source_type, word) for source_type, word in pairs.items()}


def kind_for(source_type: str | None, user: dict[str, str]) -> str | None:
    """The kind a source type becomes (the user's --kinds first, then the table), or None when unknown."""
    if not source_type or not source_type.strip():
        return None
    wanted = normal(source_type)
    if wanted in user:
        return user[wanted]
    if wanted in DEFAULT_KINDS:
        return DEFAULT_KINDS[wanted]
    words = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", wanted)
    for phrase in (f"{a} {b}" for a, b in zip(words, words[1:])):
        if phrase in DEFAULT_KINDS:
            return DEFAULT_KINDS[phrase]
    for word in words:
        if word in DEFAULT_KINDS:
            return DEFAULT_KINDS[word]
    return None


def looks_like_break(title: str) -> bool:
    """Whether a programme line's title names a break or a meal: its first or last word does, asides in brackets
    left out ("Coffee break (sponsored)", "Afternoon coffee", "Kaffeepause"); a word inside it is another
    word's object ("How to break your face: ...", a workshop's title)."""
    words = re.findall(r"[^\W\d_]+", _ASIDE.sub(" ", title or ""))
    return bool(words) and bool(_BREAK_WORD.fullmatch(words[0]) or _BREAK_WORD.fullmatch(words[-1]))
