"""Every place an affiliation is written -> warnings where one institution is written in different ways.

Two affiliations are linked when they are the same after folding accents, capitals and
punctuation, writing out abbreviations (Univ., U., Inst., Dept., ...; university in any language
counts as one word), dropping small words (of, the, and, &, de, ...) and a trailing country; or
when one long word differs by a letter or two.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache

from ..problems import Problem
from ..text.folding import words
from ..text.institutions import BODY_WORDS, INSTITUTION_WORDS as _INSTITUTIONS
from .groups import Groups, variant_problems
from .mentions import Mention
from .text import deletions, edit_distance, spelling_difference, squeeze

_SAME_WORD = {
    "university": "u univ uni universitat universitaet universidad universidade universite universita "
                  "universiteit universitet uniwersytet univerzita universiti",
    "institute": "inst institut instituto istituto instytut",
    "department": "dept dep dpt departamento departement dipartimento",
    "laboratory": "lab labs laboratoire laboratorio laboratorium",
    "observatory": "obs observ observatorio observatoire osservatorio observatorium",
    "centre": "ctr center centro zentrum",
    "national": "natl nacional nazionale",
    "academy": "acad academia akademie academie",
    "science": "sci sciences scienze ciencias",
    "technology": "tech technol",
    "college": "coll",
    "astronomy": "astron",
    "astrophysics": "astrophys",
    "physics": "phys",
    "mathematics": "math maths",
    "faculty": "fac",
    "research": "res",
    "engineering": "eng",
    "saint": "st",
}
_CANONICAL = {variant: word for word, variants in _SAME_WORD.items() for variant in variants.split()}
SMALL_WORDS = frozenset("of the and for at in on de del della di du des der fur la le y e et und".split())
INSTITUTION_WORDS = _INSTITUTIONS | BODY_WORDS  # (one table: text.institutions)
_GENERIC = INSTITUTION_WORDS | frozenset(
    "national science technology astronomy astrophysics physics mathematics statistics research "
    "engineering space computer computing data applied theoretical advanced studies".split())


def _words(text: str) -> list[str]:
    """Folded words, abbreviations written out, small words left out."""
    return [_CANONICAL.get(w, w) for w in words(text) if w not in SMALL_WORDS]


def _parts(text: str) -> list[list[str]]:
    return [part for part in (_words(p) for p in text.replace(";", ",").split(",")) if part]


@cache
def affiliation_key(text: str) -> str:
    """What two spellings of one affiliation have in common: 'Univ. of Tartu, Estonia' -> 'university tartu'."""
    parts = _parts(text)
    if len(parts) > 1 and _country_like(parts[-1]) and not _generic([w for p in parts[:-1] for w in p]):
        parts = parts[:-1]
    return " ".join(w for part in parts for w in part)


def _full_key(text: str) -> str:
    return " ".join(w for part in _parts(text) for w in part)


def _country_like(part: list[str]) -> bool:
    """A trailing part that may be a country (or city): at most three words, none naming an institution."""
    return len(part) <= 3 and not INSTITUTION_WORDS & set(part)


def _generic(part: list[str]) -> bool:
    """Words that could belong to any institution ('Department of Physics'): not enough to name one."""
    return all(w in _GENERIC for w in part)


def check_affiliations(mentions: list[Mention]) -> list[Problem]:
    by_text: dict[str, list[Mention]] = {}
    for mention in mentions:
        by_text.setdefault(squeeze(mention.text), []).append(mention)
    texts = list(by_text)
    keys = [affiliation_key(t) for t in texts]
    groups = Groups(len(texts))
    first_with_key: dict[str, int] = {}
    for index, key in enumerate(keys):
        if key:
            groups.union(first_with_key.setdefault(key, index), index)
    for i, j in _one_word_apart(first_with_key):
        if _typo(keys[i].split(), keys[j].split()):
            groups.union(i, j)
    return variant_problems(texts, list(by_text.values()), groups,
                            lambda i, j: _reason(texts[i], texts[j]), "affiliation-variant")


def _one_word_apart(first_with_key: dict[str, int]):
    """Index pairs whose keys have the same number of words and differ in one place at most, where the words there
    could be a typo of each other (_typo: of letters, five or more, one edit apart, or two for words of ten or
    more), each pair once. Words one edit apart share the word with a letter left out (or one is the other so):
    the keys are bucketed by the words around and each such form of the word there (two letters left out for a
    word of ten or more), as a spelling corrector finds its candidates. (Bucketed by the words around alone, 5,000
    affiliations "University of <a word>" were some 12 million pairs, and `check` took minutes.)"""
    buckets: dict[tuple, list[int]] = defaultdict(list)
    for key, index in first_with_key.items():
        tokens = tuple(key.split())
        for at, token in enumerate(tokens):
            if TYPO_LETTERS <= len(token) <= LONGEST_TYPO and token.isalpha():
                for form in deletions(token, 2 if len(token) >= 10 else 1):
                    buckets[tokens[:at] + ("*" + form,) + tokens[at + 1:]].append(index)
    seen: set[tuple[int, int]] = set()
    for indices in buckets.values():
        for a, i in enumerate(indices):
            for j in indices[a + 1:]:
                pair = (i, j) if i < j else (j, i)
                if i != j and pair not in seen:
                    seen.add(pair)
                    yield pair


TYPO_LETTERS = 5  # a word shorter than this is not looked at for a typo (two short words one letter apart differ)
LONGEST_TYPO = 40  # letters: a longer word is not looked at for a typo (its deletions are n squared strings of n
# letters: an affiliation of one 5,000-letter word took `check` 24 GB)


def _typo(a: list[str], b: list[str]) -> bool:
    differ = [(x, y) for x, y in zip(a, b) if x != y]
    if len(differ) != 1:
        return False
    x, y = differ[0]
    if not (x.isalpha() and y.isalpha()) or x[0] != y[0] or max(len(x), len(y)) > LONGEST_TYPO:
        return False
    shorter = min(len(x), len(y))
    distance = edit_distance(x, y)
    return (distance == 1 and shorter >= TYPO_LETTERS) or (distance == 2 and shorter >= 10)


def _reason(a: str, b: str) -> str:
    if words(a) == words(b):
        return spelling_difference(a, b)
    if _full_key(a) == _full_key(b):
        return "abbreviations or small words differ"
    if affiliation_key(a) == affiliation_key(b):
        return "country left out" if len(_parts(a)) != len(_parts(b)) else "country written differently"
    return "a letter or two differ"


def names_an_institution(text: str) -> bool:
    """True when `text` has a word that names an institution ('Univ.', 'Institute', 'Observatoire', ...)."""
    return bool(INSTITUTION_WORDS & set(_words(text)))
