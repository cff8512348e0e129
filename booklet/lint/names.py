"""Every place a person is named -> warnings where one person seems to be written in different ways.

Two spellings are linked when they are the same words (accents, capitals, punctuation or the
"Family, Given" order aside), the same words in another order, or differ by a letter or two in a
long family name (given names equal) or by a swapped or dropped inner letter in a long given name.
A spelling with initials or without a middle name ("J. Smith", "Smith, J.") is linked to a fuller
one ("John Smith") only when exactly one fuller person fits it. Different emails always tell people
apart; affiliations that share nothing do so for swapped names, initials and left-out names.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from ..problems import Problem
from .affiliations import affiliation_key
from .groups import Groups, variant_problems
from .mentions import Mention
from .text import edit_distance, fold, is_inner_drop, is_swap, spelling_difference, squeeze

_NAME_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")  # a hyphenated name ("Osei-Mensah") is one word


def name_words(text: str) -> list[str]:
    return _NAME_WORD.findall(fold(text))


@dataclass(frozen=True)
class NameForm:
    """A name's folded words in reading order (given names first) and which of them are the family name."""

    tokens: tuple[str, ...]
    family: frozenset[int]
    comma: bool  # written "Family, Given"


def name_form(text: str) -> NameForm:
    if "," in text:
        family, given = text.split(",", 1)
        given_words, family_words = name_words(given), name_words(family)
        tokens = tuple(given_words + family_words)
        return NameForm(tokens, frozenset(range(len(given_words), len(tokens))), True)
    tokens = tuple(name_words(text))
    return NameForm(tokens, frozenset({len(tokens) - 1}), False)


def name_key(text: str) -> str:
    """One form for all spellings that are the same words: 'Smith, José' and 'jose smith' -> 'jose smith'."""
    return " ".join(name_form(text).tokens)


@dataclass
class Spelling:
    """One way a name is written, and everything known about the people written that way."""

    text: str
    form: NameForm
    mentions: list[Mention] = field(default_factory=list)
    emails: set[str] = field(default_factory=set)
    affiliations: set[str] = field(default_factory=set)


def check_names(mentions: list[Mention]) -> list[Problem]:
    spellings = _spellings(mentions)
    groups = Groups(len(spellings))
    reasons: dict[tuple[int, int], str] = {}
    pairs = list(_candidate_pairs(spellings))
    for i, j in pairs:
        reason = _strong_link(spellings[i], spellings[j])
        if reason:
            groups.union(i, j)
            reasons[i, j] = reasons[j, i] = reason
    for (i, j), reason in _weak_links(spellings, pairs, groups).items():
        groups.union(i, j)
        reasons[i, j] = reasons[j, i] = reason
    return variant_problems(
        [s.text for s in spellings], [s.mentions for s in spellings], groups,
        lambda i, j: reasons.get((i, j)) or _reason(spellings[i], spellings[j]), "name-variant",
    )


def _spellings(mentions: list[Mention]) -> list[Spelling]:
    by_text: dict[str, Spelling] = {}
    for mention in mentions:
        text = squeeze(mention.text)
        spelling = by_text.get(text)
        if spelling is None:
            spelling = by_text[text] = Spelling(text, name_form(text))
        spelling.mentions.append(mention)
        if mention.person is not None:
            if mention.person.email:
                spelling.emails.add(fold(mention.person.email.strip()))
            spelling.affiliations.update(affiliation_key(a) for a in mention.person.affiliations)
    return [s for s in by_text.values() if s.form.tokens]


def _candidate_pairs(spellings: list[Spelling]):
    """Index pairs of spellings that might be linked: the same words in any order, all words equal but
    one that starts or ends with the same letter, or the same first initial and last word (family name)."""
    buckets: dict[tuple, list[int]] = defaultdict(list)
    for index, spelling in enumerate(spellings):
        tokens = spelling.form.tokens
        keys = {("words", tuple(sorted(tokens))), ("joined", _joined(tokens))}
        if len(tokens) > 1:
            keys.add(("initial and family", tokens[0][0], tokens[-1]))
            for i, word in enumerate(tokens):  # a slip keeps a word's first or last letter
                others = tokens[:i] + ("",) + tokens[i + 1:]
                keys.update({("first", others, word[0]), ("last", others, word[-1])})
        for key in keys:
            buckets[key].append(index)
    seen = set()
    for indices in buckets.values():
        for a, i in enumerate(indices):
            for j in indices[a + 1:]:
                if (i, j) not in seen:
                    seen.add((i, j))
                    yield i, j


def _joined(tokens: tuple[str, ...]) -> str:
    return "".join(tokens).replace("-", "")


# -- links ----------------------------------------------------------------------------------

def _strong_link(a: Spelling, b: Spelling) -> str | None:
    """Why a and b are the same person written differently, or None."""
    if _different_emails(a, b):
        return None
    if a.form.tokens == b.form.tokens:
        if a.form.comma != b.form.comma:
            return "family name written first"
        return spelling_difference(a.text, b.text)
    if _joined(a.form.tokens) == _joined(b.form.tokens):
        return "hyphens or spaces differ"
    if sorted(a.form.tokens) == sorted(b.form.tokens) and len(a.form.tokens) > 1:
        return None if _contradict(a, b) else "given and family names swapped"
    if _typo(a.form, b.form):
        return "a letter or two differ"
    return None


def _typo(a: NameForm, b: NameForm) -> bool:
    """All words equal but one, which differs by a letter or two (family name) or a swap or inner drop (given)."""
    if len(a.tokens) != len(b.tokens) or len(a.tokens) < 2:
        return False
    differ = [i for i, (x, y) in enumerate(zip(a.tokens, b.tokens)) if x != y]
    if len(differ) != 1:
        return False
    i = differ[0]
    x, y = a.tokens[i], b.tokens[i]
    shorter = min(len(x), len(y))
    if i in a.family or i in b.family:
        if x[0] != y[0] and x[-1] != y[-1]:  # one slip keeps the first or the last letter
            return False
        distance = edit_distance(x, y)
        return (distance == 1 and (shorter >= 6 or (shorter >= 4 and is_swap(x, y)))) or (
            distance == 2 and shorter >= 8 and x[0] == y[0])
    return shorter >= 5 and (is_swap(x, y) or is_inner_drop(x, y))


def _weak_links(spellings: list[Spelling], candidates: list[tuple[int, int]],
                groups: Groups) -> dict[tuple[int, int], str]:
    """Links from a spelling with initials or fewer given names to the one fuller person that fits it."""
    fuller: dict[int, set[int]] = defaultdict(set)  # spelling -> the fuller spellings it fits
    pairs = []
    for i, j in candidates:
        if groups.find(i) == groups.find(j):
            continue
        match = _initials_or_middle(spellings[i].form, spellings[j].form)
        if match is None:
            continue
        i_less, j_less = match
        if i_less:
            fuller[i].add(j)
        if j_less:
            fuller[j].add(i)
        pairs.append((i, j, i_less, j_less))

    def only_one_person(k: int) -> bool:
        return len({groups.find(m) for m in fuller[k]} - {groups.find(k)}) == 1

    links = {}
    for i, j, i_less, j_less in pairs:
        if (not i_less or only_one_person(i)) and (not j_less or only_one_person(j)) \
                and not _contradict(spellings[i], spellings[j]):
            links[i, j] = _initials_reason(spellings[i].form, spellings[j].form)
    return links


def _initials_or_middle(a: NameForm, b: NameForm) -> tuple[bool, bool] | None:
    """(a is less complete, b is less complete) when a and b fit the same name, or None.

    The family names (last words) must be equal; the first given names equal or one the other's
    initial; the other given names of the shorter name must fit, in order, among the longer's.
    """
    if len(a.tokens) < 2 or len(b.tokens) < 2 or a.tokens[-1] != b.tokens[-1] or len(a.tokens[-1]) < 2:
        return None
    given = (a.tokens[:-1], b.tokens[:-1])
    if not _fits(given[0][0], given[1][0]):
        return None
    less = [_is_initial_of(given[0][0], given[1][0]), _is_initial_of(given[1][0], given[0][0])]
    s, n = (1, 0) if len(given[0]) > len(given[1]) else (0, 1)  # the shorter and the longer side
    short, long = given[s], given[n]
    at = 1
    for word in short[1:]:
        while at < len(long) and not _fits(word, long[at]):
            at += 1
        if at == len(long):
            return None
        less[s] |= _is_initial_of(word, long[at])
        less[n] |= _is_initial_of(long[at], word)
        at += 1
    less[s] |= len(short) < len(long)
    return (less[0], less[1]) if any(less) else None


def _fits(x: str, y: str) -> bool:
    return x == y or _is_initial_of(x, y) or _is_initial_of(y, x)


def _is_initial_of(x: str, y: str) -> bool:
    return len(x) == 1 and len(y) > 1 and y.startswith(x)


def _initials_reason(a: NameForm, b: NameForm) -> str:
    if len(a.tokens) != len(b.tokens):
        return "a given name left out"
    return "initials"


def _reason(a: Spelling, b: Spelling) -> str:
    """Why two spellings of one group were linked (they may be linked only through a third)."""
    return _strong_link(a, b) or (
        _initials_reason(a.form, b.form) if _initials_or_middle(a.form, b.form) else "")


# -- what tells two people apart ------------------------------------------------------------

def _different_emails(a: Spelling, b: Spelling) -> bool:
    return bool(a.emails and b.emails and not a.emails & b.emails)


def _contradict(a: Spelling, b: Spelling) -> bool:
    return _different_emails(a, b) or bool(a.affiliations and b.affiliations and not a.affiliations & b.affiliations)
