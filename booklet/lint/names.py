"""Every place a person is named -> warnings where one person seems to be written in different ways.

Two spellings are linked when they are the same words (accents, capitals, punctuation or the
"Family, Given" order aside), the same words in another order, or differ by a letter or two in a
long family name (given names equal) or by a swapped or dropped inner letter in a long given name;
a digit is not a letter ('Author0001' and 'Author0002' are numbered, not misspelt). A spelling with
initials or without a middle name ("J. Smith", "Smith, J.") is linked to a fuller one ("John
Smith") only when exactly one fuller person fits it: the fuller spellings it fits are all linked to
each other. Different emails always tell people apart; affiliations that share nothing do so for
swapped names, initials and left-out names.

Links do not chain: each spelling's warning names the spellings linked to it, and no others.
'Anna Hansen' ~ 'Anna Jansen' ~ 'Anna Jensen' are three people a letter apart, not one person
written three ways ('Hansen' and 'Jensen' are two letters apart in a short name); the warnings
are still listed together.

Spellings that people.yaml lists as one person are not warned about, and each warning ends by saying
how to list them so. A name or alias in people.yaml that the data never writes is warned about too.

Spellings are compared only when they share a cheap key (candidate_pairs): so the lint takes
time about in proportion to the number of names, not to its square.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import combinations
from typing import Callable, Iterable

from ..data.locate import Lines
from ..data.people import People, spelling
from ..model import Booklet
from ..problems import Problem
from ..text.folding import fold
from ..text.names import ACADEMIC_TITLES, SUFFIXES, without_comma_tag
from .affiliations import _GENERIC, affiliation_key
from .groups import Groups, variant_problems
from .mentions import Mention
from .text import deletions, edit_distance, is_inner_drop, is_swap, spelling_difference

_NAME_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")  # a hyphenated name ("Osei-Mensah") is one word


def name_words(text: str) -> list[str]:
    return _NAME_WORD.findall(fold(text))


@dataclass(frozen=True)
class NameForm:
    """A name's folded words in reading order (given names first) and which of them are the family name; the
    academic titles written before the given names are set apart ("Prof. Dr. Jürgen Weiß" is Jürgen Weiß), and a
    call sign after a comma, as the index sets it aside (text.names.comma_tag: "Jann Traschewski, DG8NGN" is Jann
    Traschewski, not "Family, Given"), and a generational suffix, as split_name does ("Ana Smith, Jr." is Ana Smith,
    Jr., not given name "Jr." and family "Ana Smith")."""

    tokens: tuple[str, ...]
    family: range  # the places of the family name's words in `tokens`
    comma: bool  # written "Family, Given"
    titles: tuple[str, ...] = ()
    tag: str = ""  # the call sign, folded
    suffix: str = ""  # the generational suffix, folded: "jr", "iii"


# a degree's faculty, set apart after an academic title (text.names.ACADEMIC_TITLES) only after "dr": "Dr. rer. nat."
_FACULTIES = frozenset({"rer", "nat", "phil", "med", "jur", "oec", "pol", "sc", "techn", "habil", "h", "c", "hc", "mult"})


def _titled_words(text: str) -> tuple[list[str], frozenset[int]]:
    """name_words(text), and the places of the words written as a title's second part after the word before: with
    no space between ("Dr.-Ing.", "Dott.ssa") or with a full stop of their own ("Dr. Ing."), not "Dr. Ing Chen"."""
    folded = fold(text)
    found = list(_NAME_WORD.finditer(folded))
    joined = frozenset(at + 1 for at, (word, then) in enumerate(zip(found, found[1:]))
                       if not any(ch.isspace() for ch in folded[word.end():then.start()])
                       or folded[then.end():then.end() + 1] == ".")
    return [word[0] for word in found], joined


def _untitled(words: list[str], joined: frozenset[int]) -> tuple[list[str], tuple[str, ...]]:
    """`words` (a name's given names first, as name_words gives them) without the academic titles they start with,
    and those titles. A title of two parts written with full stops is two words here, taken as one where either part
    is no title alone and the second is written as part of it (`joined`: _titled_words): "Dr.-Ing.": "dr" and "ing",
    the title "dr-ing", where "ing" was left a given name; "Dott.ssa": "dott-ssa"; "Prof. Dr." two titles; "Dr. Ing
    Chen" the title "dr" and Ing Chen."""
    at, doctor, titles = 0, False, []
    while at < len(words) - 1:
        pair = f"{words[at]}-{words[at + 1]}"
        if (at < len(words) - 2 and at + 1 in joined and pair in ACADEMIC_TITLES
                and not (words[at] in ACADEMIC_TITLES and words[at + 1] in ACADEMIC_TITLES)):
            title, at = pair, at + 2
        elif words[at] in ACADEMIC_TITLES or (doctor and words[at] in _FACULTIES):
            title, at = words[at], at + 1
        else:
            break
        doctor = doctor or "dr" in title.split("-")
        titles.append(title)
    return words[at:], tuple(titles)


@lru_cache(maxsize=1 << 16)  # the same names at every lint of a watch
def name_form(text: str) -> NameForm:
    text, tag = without_comma_tag(text)
    text, suffix = _without_suffix(text)
    if "," in text:
        family, given = text.split(",", 1)
        (given_words, titles), family_words = _untitled(*_titled_words(given)), name_words(family)
        tokens = tuple(given_words + family_words)
        return NameForm(tokens, range(len(given_words), len(tokens)), True, titles, fold(tag), suffix)
    words, titles = _untitled(*_titled_words(text))
    tokens = tuple(words)
    return NameForm(tokens, range(len(tokens) - 1, len(tokens)), False, titles, fold(tag), suffix)


def _without_suffix(text: str) -> tuple[str, str]:
    """`text` without the generational suffix it ends with (text.names.SUFFIXES, after two words or more, with a comma
    or none, as split_name sets it aside: "Ana Smith, Jr.", "Smith, Ana, Jr.", "Martin Luther King Jr."), and that
    suffix folded; (text, '') when it ends with none."""
    words = text.split()
    if len(words) > 2 and words[-1].lower() in SUFFIXES:
        return " ".join(words[:-1]).rstrip(","), "".join(name_words(words[-1]))
    return text, ""


def name_key(text: str) -> str:
    """One form for all spellings that are the same words: 'Smith, José' and 'jose smith' -> 'jose smith'."""
    return " ".join(name_form(text).tokens)


@dataclass
class Spelling:
    """One way a name is written, and everything known about the people written that way."""

    text: str
    form: NameForm
    mentions: list[Mention] = field(default_factory=list)
    emails: frozenset[str] = frozenset()
    affiliations: frozenset[str] = frozenset()


Pairs = Callable[[list[Spelling]], Iterable[tuple[int, int]]]


MERGE_HINT = "; if they are one person, list the other spellings under `aliases:` of one name in people.yaml"


def check_names(mentions: list[Mention], pairs: Pairs | None = None, people: People | None = None) -> list[Problem]:
    """Warnings for the spellings linked as one person, but for those people.yaml (`people`) already says
    are one; `pairs` gives the index pairs (i < j) to compare (default candidate_pairs; tests pass
    all_pairs to check that it misses nothing)."""
    spellings = _spellings(mentions)
    candidates = sorted({(i, j) if i < j else (j, i) for i, j in (pairs or _candidate_pairs)(spellings) if i != j})
    reasons: dict[tuple[int, int], str] = {}
    for i, j in candidates:
        reason = _strong_link(spellings[i], spellings[j])
        if reason:
            reasons[i, j] = reason
    reasons.update(_weak_links(spellings, candidates, set(reasons)))
    if people is not None and people.declared:
        reasons = {(i, j): why for (i, j), why in reasons.items()
                   if people.of(spellings[i].text) != people.of(spellings[j].text)}
    groups = Groups(len(spellings))
    linked: dict[int, list[int]] = defaultdict(list)
    for i, j in reasons:
        groups.union(i, j)
        linked[i].append(j)
        linked[j].append(i)
    return variant_problems(
        [s.text for s in spellings], [s.mentions for s in spellings], groups,
        lambda i, j: reasons[min(i, j), max(i, j)], "name-variant", lambda i: sorted(linked[i]), MERGE_HINT,
    )


def _spellings(mentions: list[Mention]) -> list[Spelling]:
    """Each spelling the mentions write (as the index compares them), with its mentions, emails and affiliations."""
    by_text: dict[str, Spelling] = {}
    spelt = _spelt(mentions)
    for mention in mentions:
        text = spelt[mention.text]  # as the index compares them: 'Zoë' composed or not is one spelling
        entry = by_text.get(text)
        if entry is None:
            entry = by_text[text] = Spelling(text, name_form(text))
        entry.mentions.append(mention)
        person = mention.person
        if person is not None:  # sets made only when there is something to put in them (fewer objects)
            if person.email:
                entry.emails = entry.emails.union((fold(person.email.strip()),))
            if person.affiliations:
                entry.affiliations = entry.affiliations.union(map(affiliation_key, person.affiliations))
    return [s for s in by_text.values() if s.form.tokens]


def _spelt(mentions: list[Mention]) -> dict[str, str]:
    """Each text the mentions write -> its spelling (data.people.spelling), made once a text: a 2,000-talk book's
    12,000 names are 5,000 texts."""
    return {text: spelling(text) for text in dict.fromkeys(m.text for m in mentions)}


def candidate_pairs(spellings: list[Spelling]) -> set[tuple[int, int]]:
    """Index pairs (i < j) of spellings that might be linked: every pair that a rule can link, and few others.

    Two spellings are paired when they have
    - the same words in any order, or the same letters once hyphens and spaces are left out;
    - all words equal but one, the same digits in that one, and a string that both can be made from
      that word by deleting letters: one letter at most, or two in words of 8 letters or more when the
      word may be a family name ("symmetric delete": a word within one or two edits of another, a
      swap of neighbours included, meets it so; a typo needs a word of 4 letters or more);
    - the same last word (family name) and the same first word, and the initials of the other given
      names of one in order among the other's ('John Smith', 'John A. Smith' and 'John Andrew Smith',
      not 'John B. Smith'); or the same last word and an initial for the other's first word.
    Keys are strings (words never hold a space or '|') so that the buckets make few objects.
    """
    same, slots = _Buckets(), _Buckets()
    by_first: dict[str, dict[str, list[int]]] = defaultdict(dict)  # family, first -> other initials -> spellings
    initials: dict[str, list[int]] = defaultdict(list)  # family name and initial -> spellings written so
    for index, written in enumerate(spellings):
        tokens = written.form.tokens
        same.add("words|" + " ".join(sorted(tokens)), index)
        same.add("joined|" + _joined(tokens), index)
        if len(tokens) < 2:
            continue
        for at, word in enumerate(tokens):
            if len(word) >= _SHORTEST_TYPO:  # all words but this one, its place and its digits
                slots.add(f"{at}|{' '.join(tokens[:at])}|{' '.join(tokens[at + 1:])}|{_digits(word)}", index)
        if len(tokens[-1]) >= 2:
            middle = "".join(w[0] for w in tokens[1:-1])
            by_first[f"{tokens[-1]}|{tokens[0]}"].setdefault(middle, []).append(index)
            if len(tokens[0]) == 1:
                initials[f"{tokens[-1]}|{tokens[0]}"].append(index)
    pairs: set[tuple[int, int]] = set()
    for members in same.several():
        pairs.update(combinations(members, 2))
    for key, members in slots.more.items():
        _add_near(pairs, spellings, int(key[:key.index("|")]), members)
    for by_middle in by_first.values():
        for middle, members in by_middle.items():
            pairs.update(combinations(members, 2))
            for fewer, others in by_middle.items():  # the spellings with fewer given names that fit
                if len(fewer) < len(middle) and _in_order(fewer, middle):
                    pairs.update((i, j) if i < j else (j, i) for i in members for j in others)
    if initials:  # an initial and the first given names it may stand for
        for index, written in enumerate(spellings):
            tokens = written.form.tokens
            if len(tokens) > 1 and len(tokens[0]) > 1:
                for other in initials.get(f"{tokens[-1]}|{tokens[0][0]}", ()):
                    pairs.add((index, other) if index < other else (other, index))
    return pairs


_LAST_PAIRS: list = [None, None]  # the forms candidate_pairs was last given, and its answer


def _candidate_pairs(spellings: list[Spelling]) -> set[tuple[int, int]]:
    """candidate_pairs(spellings), not made again for the same names' forms in the same order (a lint in a
    watch after an edit that changed no name): it depends on nothing else."""
    forms = tuple(s.form for s in spellings)
    if _LAST_PAIRS[0] != forms:
        _LAST_PAIRS[:] = forms, frozenset(candidate_pairs(spellings))
    return _LAST_PAIRS[1]


def all_pairs(spellings: list[Spelling]) -> list[tuple[int, int]]:
    """Every index pair (i < j): what candidate_pairs must agree with, for tests."""
    return list(combinations(range(len(spellings)), 2))


_SHORTEST_TYPO = 4  # the shortest word a typo link can change (a swap in a family name)
_SHORTEST_GIVEN_TYPO = 5
_LONG_FAMILY = 8  # family names this long may differ by two letters
_LONGEST_TYPO = 40  # letters: a longer word is no name's to look for typos in (its deletions: n squared strings)


class _Buckets:
    """Key -> the indices added with it; a list only for the keys that several indices share."""

    def __init__(self):
        self.first: dict[str, int] = {}
        self.more: dict[str, list[int]] = {}

    def add(self, key: str, index: int) -> None:
        first = self.first.setdefault(key, index)
        if first != index:
            self.more.setdefault(key, [first]).append(index)

    def several(self):
        """The lists of two or more indices, each in the order added."""
        return self.more.values()


def _add_near(pairs: set[tuple[int, int]], spellings: list[Spelling], at: int, members: list[int]) -> None:
    """Pairs of `members` (equal but for word `at`) whose words at `at` share a deletion neighbour."""
    family = any(at in spellings[k].form.family for k in members)  # otherwise a given name: one edit at most
    shortest = _SHORTEST_TYPO if family else _SHORTEST_GIVEN_TYPO
    owner: dict[str, int] = {}
    shared: dict[str, list[int]] = {}
    for k in members:
        word = spellings[k].form.tokens[at]
        if shortest <= len(word) <= _LONGEST_TYPO:
            for variant in deletions(word, 2 if family and len(word) >= _LONG_FAMILY else 1):
                first = owner.setdefault(variant, k)
                if first != k:
                    shared.setdefault(variant, [first]).append(k)
    for found in shared.values():
        pairs.update(combinations(found, 2))


@lru_cache(maxsize=1 << 16)
def _in_order(short: str, long: str) -> bool:
    """True when the letters of `short` are in `long`, in the same order (others may come between)."""
    rest = iter(long)
    return all(letter in rest for letter in short)


def _digits(word: str) -> str:
    return "" if word.isalpha() else "".join(ch for ch in word if ch.isdigit())


def _joined(tokens: tuple[str, ...]) -> str:
    return "".join(tokens).replace("-", "")


# -- links ----------------------------------------------------------------------------------

def _strong_link(a: Spelling, b: Spelling) -> str | None:
    """Why a and b are the same person written differently, or None."""
    if _different_emails(a, b) or a.form.suffix and b.form.suffix and a.form.suffix != b.form.suffix:
        return None  # (Jr. and Sr.: two people)
    if a.form.tokens == b.form.tokens:
        if a.form.titles != b.form.titles:
            return "an academic title written with it" if not (a.form.titles and b.form.titles) else "titles differ"
        if a.form.tag != b.form.tag:
            return "a call sign written with it" if not (a.form.tag and b.form.tag) else "call signs differ"
        if a.form.suffix != b.form.suffix:
            return "a suffix written with it"
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
    if _digits(x) != _digits(y):  # a digit is not a letter: 'Author0001' and 'Author0002' are numbered
        return False
    shorter = min(len(x), len(y))
    if i in a.family or i in b.family:
        if x[0] != y[0] and x[-1] != y[-1]:  # one slip keeps the first or the last letter
            return False
        distance = edit_distance(x, y)
        return (distance == 1 and (shorter >= 6 or (shorter >= _SHORTEST_TYPO and is_swap(x, y)))) or (
            distance == 2 and shorter >= _LONG_FAMILY and x[0] == y[0])
    return shorter >= _SHORTEST_GIVEN_TYPO and (is_swap(x, y) or is_inner_drop(x, y))


def _weak_links(spellings: list[Spelling], candidates: list[tuple[int, int]],
                strong: set[tuple[int, int]]) -> dict[tuple[int, int], str]:
    """Links from a spelling with initials or fewer given names to the one fuller person that fits it.

    `strong` holds the pairs (i < j) already linked; the fuller spellings that one fits are one person
    when each of them is linked to each other (not through a third).
    """
    fuller: dict[int, set[int]] = defaultdict(set)  # spelling -> the fuller spellings it fits
    pairs = []
    for i, j in candidates:
        if (i, j) in strong:
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

    @cache
    def only_one_person(k: int) -> bool:
        return all(pair in strong for pair in combinations(sorted(fuller[k]), 2))

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


# -- what tells two people apart ------------------------------------------------------------

def _different_emails(a: Spelling, b: Spelling) -> bool:
    return bool(a.emails and b.emails and not a.emails & b.emails)


def _contradict(a: Spelling, b: Spelling) -> bool:
    return _different_emails(a, b) or bool(a.affiliations and b.affiliations and not _shared(a.affiliations,
                                                                                               b.affiliations))


def _shared(ours: frozenset[str], theirs: frozenset[str]) -> bool:
    """Whether two sets of affiliations (affiliation_key) have one in common: the same, or one within the other
    when what it names is more than words any institution has ('ETH Zurich' within 'Department of Physics, ETH
    Zurich, Switzerland'; not 'Department of Physics' within another's)."""
    if ours & theirs:
        return True
    for x in ours:
        for y in theirs:
            small, large = (set(x.split()), set(y.split())) if len(x) <= len(y) else (set(y.split()), set(x.split()))
            if small and small <= large and not small <= _GENERIC:
                return True
    return False


# -- people.yaml --------------------------------------------------------------------------------

def check_people_file(booklet: Booklet, mentions: list[Mention], lines: Lines) -> list[Problem]:
    """A people.yaml entry none of whose spellings the data writes, and an alias the data never writes:
    a misspelt alias merges nothing. (A name written nowhere is fine when an alias is written: it is
    the form the index prints.)"""
    written = set(_spelt(mentions).values()) | {spelling(p.name) for p in booklet.participants}
    problems = []
    for identity in booklet.people:
        source = identity.source
        if source is None:
            continue
        if not {spelling(s) for s in (identity.name, *identity.aliases)} & written:
            problems.append(Problem(source.file, lines.line(source.file, f"{source.key}.name", source.line),
                                    f"{source.key}.name", f"'{identity.name}' is written nowhere in the data, "
                                    "nor any of its aliases", "warning", "people-unused"))
            continue
        for index, alias in enumerate(identity.aliases):
            if spelling(alias) in written:
                continue
            key, line = lines.found(source.file, (f"{source.key}.aliases[{index}]", f"{source.key}.aliases"),
                                    source.line)
            problems.append(Problem(source.file, line, key, f"the alias '{alias}' of '{identity.name}' is written "
                                    "nowhere in the data", "warning", "people-unused"))
    return problems
