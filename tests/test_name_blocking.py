"""The names lint compares only candidate pairs (booklet/lint/names.py:candidate_pairs): it must miss none.

Each test compares the candidates with every pair (names.all_pairs): every pair that a rule links
(a strong link, or an initials / left-out-name match) must be a candidate, and the warnings must be
the same as when every pair is compared. Names come from bench/people.py (realistic names with
planted variants of every kind) and from Hypothesis (few letters and few given names, so that
many names are a letter or two apart, in every form the lint reads: "Given Family", "Family,
Given", initials, middle names, several family words, hyphens, numbers).
"""

from __future__ import annotations

import importlib.util
import itertools
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from booklet.lint import names
from booklet.lint.mentions import Mention
from booklet.lint.text import edit_distance
from booklet.model import Person

ROOT = Path(__file__).resolve().parent.parent


def _bench_people():
    spec = importlib.util.spec_from_file_location("bench_people", ROOT / "bench" / "people.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


PEOPLE = _bench_people()


def mentions_of(entries) -> list[Mention]:
    """(name, email or None, affiliation or None) -> one mention each, as a committee member."""
    return [Mention(text, "conference.yaml", line, f"committees[0].members[{line}].name",
                    Person(text, (affiliation,) if affiliation else (), email))
            for line, (text, email, affiliation) in enumerate(entries, 1)]


def linkable(spellings) -> set[tuple[int, int]]:
    """Every pair (i < j) that some rule links or could link, found by comparing all pairs."""
    return {(i, j) for i, j in names.all_pairs(spellings)
            if names._strong_link(spellings[i], spellings[j])
            or names._initials_or_middle(spellings[i].form, spellings[j].form)}


def assert_blocking_misses_nothing(mentions: list[Mention]) -> None:
    spellings = names._spellings(mentions)
    missed = linkable(spellings) - names.candidate_pairs(spellings)
    assert not missed, [(spellings[i].text, spellings[j].text) for i, j in missed]
    blocked = [str(p) for p in names.check_names(mentions)]
    assert blocked == [str(p) for p in names.check_names(mentions, pairs=names.all_pairs)]


# -- deletion neighbours ---------------------------------------------------------------------------

def test_deletion_neighbours_meet_for_every_pair_within_two_edits():
    """Symmetric delete, exhaustively over two letters: one or two edits (a swap of neighbours is one)
    apart means a common string made by deleting as many letters from each."""
    words = ["".join(p) for n in range(1, 8) for p in itertools.product("ab", repeat=n)]
    one = {w: names.deletions(w, 1) for w in words}
    two = {w: names.deletions(w, 2) for w in words}
    checked = 0
    for x, y in itertools.combinations(words, 2):
        if abs(len(x) - len(y)) <= 2 and (distance := edit_distance(x, y)) <= 2:
            checked += 1
            assert two[x] & two[y], (x, y)
            assert distance == 2 or one[x] & one[y], (x, y)
    assert checked > 5000


@settings(max_examples=200, deadline=None)
@given(st.text("aberns", min_size=1, max_size=12), st.data())
def test_deletion_neighbours_meet_for_typos_of_a_word(word, data):
    typo = word
    for _ in range(data.draw(st.integers(1, 2))):
        at = data.draw(st.integers(0, len(typo)))
        change = data.draw(st.sampled_from(["drop", "insert", "replace", "swap"]))
        letter = data.draw(st.sampled_from("aberns"))
        if change == "drop" and at < len(typo):
            typo = typo[:at] + typo[at + 1:]
        elif change == "insert":
            typo = typo[:at] + letter + typo[at:]
        elif change == "replace" and at < len(typo):
            typo = typo[:at] + letter + typo[at + 1:]
        elif change == "swap" and at + 1 < len(typo):
            typo = typo[:at] + typo[at + 1] + typo[at] + typo[at + 2:]
    distance = edit_distance(word, typo)
    if distance <= 2:
        assert names.deletions(word, 2) & names.deletions(typo, 2)
    if distance <= 1:
        assert names.deletions(word, 1) & names.deletions(typo, 1)


def test_a_name_written_again_is_one_spelling_with_each_of_its_mentions_and_people():
    """A text written several times is spelt once (names._spelt) and keeps every mention, email and affiliation;
    'Zoë' composed and decomposed is one spelling; a text and its spelling both count for people.yaml."""
    mentions = mentions_of([("Zoë Ng", "zoe@a.org", "Lund"), ("Zoe\u0308 Ng", None, "Oslo"),
                            ("Zoë Ng", "ZOE@a.org ", None), ("Bo  Ek", None, None), ("Bo Ek", "bo@b.se", None)])
    assert names._spelt(mentions) == {"Zoë Ng": "Zoë Ng", "Zoe\u0308 Ng": "Zoë Ng", "Bo  Ek": "Bo Ek",
                                      "Bo Ek": "Bo Ek"}
    spellings = names._spellings(mentions)
    assert [(s.text, [m.line for m in s.mentions], sorted(s.emails)) for s in spellings] == [
        ("Zoë Ng", [1, 2, 3], ["zoe@a.org"]), ("Bo Ek", [4, 5], ["bo@b.se"])]
    assert len(spellings[0].affiliations) == 2


# -- the edges of the rules -------------------------------------------------------------------------

@pytest.mark.parametrize("first, second", [
    ("Anna Kowalski", "Anna Kovalsky"),  # two letters in a family name of exactly 8
    ("Anna Ratzenböck", "Anna Ratzböck"),  # two letters left out
    ("Wei Zhnag", "Wei Zhang"),  # a swap in a short family name
    ("Kowalski Nowak, Anna", "Kovalsky Nowak, Anna"),  # two letters in a family name's first word
    ("Berg Lund, Anna", "Breg Lund, Anna"),  # a swap in a four-letter family word that is not the last word
    ("Kowalski Nowak,", "Kovalsky Nowak,"),  # no given name: every word is the family name
    ("Sebastian Ratzenböck", "Sebastain Ratzenböck"),  # a swap in a given name
    ("Christina Meyer", "Christna Meyer"),  # an inner letter left out of a given name
    ("Daniel Osei Mensah", "Osei-Mensah, Daniel"),
    ("J. A. Smith", "John Andrew Smith"),
    ("John A. Smith", "John Andrew Smith"),  # the same initials of the other given names
    ("John Smith", "John Andrew Brian Smith"),
    ("John A. C. Smith", "John Andrew Brian Carl Smith"),  # initials in order, others between
    ("Smith John", "John Smith"),
])
def test_blocking_keeps_pairs_at_the_edges_of_the_rules(first, second):
    mentions = mentions_of([(first, None, None), (second, None, None)])
    assert len(names.check_names(mentions)) == 2  # the two are linked
    assert_blocking_misses_nothing(mentions)


# -- generated people ------------------------------------------------------------------------------

@pytest.mark.parametrize("seed", [0, 1, 2])
def test_blocking_misses_no_variant_of_generated_people(seed):
    """A few hundred realistic people, a third of them written a second way (every kind)."""
    found, spellings = PEOPLE.people(240, seed=seed, variants=0.35)
    kinds = {kind for _, _, kind in spellings if kind}
    assert kinds == set(PEOPLE.KINDS)
    entries = [(text, found[index][2], found[index][1]) for text, index, _ in spellings]
    rng = random.Random(seed)
    for text, index, _ in rng.sample(spellings, 60):  # and some more: a letter dropped, doubled or swapped
        at = rng.randrange(1, len(text) - 2)
        typo = rng.choice([text[:at] + text[at + 1:], text[:at] + text[at] + text[at:],
                           text[:at] + text[at + 1] + text[at] + text[at + 2:]])
        entries.append((typo, found[index][2] if rng.random() < 0.5 else None, None))
    mentions = mentions_of(entries)
    assert_blocking_misses_nothing(mentions)
    assert len(names.check_names(mentions)) > 100  # the lint has work to do


# -- Hypothesis: names a letter or two apart in every form -----------------------------------------

LETTERS = "aenrsö"
FAMILY = st.text(LETTERS, min_size=2, max_size=12).map(str.capitalize)
GIVEN = st.sampled_from(["Anna", "Ana", "Anne", "Hanna", "Annika", "Sebastian", "Sebastain", "Thomas", "Tomas",
                         "Jon", "John", "Johan", "Jóhann", "Jean-Paul", "Jean", "Paul", "Ørjan", "A.", "J.", "T."])
NUMBER = st.sampled_from(["", "", "", "1", "2", "01"])
# the strategies `typo` and `written` draw from whatever the word: made once, not once a draw (a strategy of a list is
# made anew, and checked anew, each time it is written in a draw: most of this module's CPU)
LETTER, CHANGE = st.sampled_from(LETTERS), st.sampled_from(["drop", "add", "change", "swap"])
TYPOS, A_THIRD = st.sampled_from([0, 0, 1, 1, 2]), st.integers(0, 3)
A_FIFTH, JOIN = st.integers(0, 4), st.sampled_from([" ", " ", "-"])
FORM = st.sampled_from(["given family"] * 3 + ["family, given", "family given", "family,", ", given"])
EMAIL = st.sampled_from([None, None, "a@x.org", "b@x.org"])
AFFILIATION = st.sampled_from([None, None, "Lund University", "Uppsala University"])


@st.composite
def typo(draw, word: str) -> str:
    """`word` with a letter dropped, added, changed, or two neighbours swapped."""
    at = draw(st.integers(0, len(word)))
    letter = draw(LETTER)
    change = draw(CHANGE)
    if change == "add" or len(word) < 2:
        return word[:at] + letter + word[at:]
    at = min(at, len(word) - (2 if change == "swap" else 1))
    if change == "swap":
        return word[:at] + word[at + 1] + word[at] + word[at + 2:]
    return word[:at] + (letter if change == "change" else "") + word[at + 1:]


@st.composite
def written(draw, given: list[str], family: list[str]) -> str:
    """One way to write a person: typos, initials, a given name left out, the order, hyphens, capitals."""
    given, family = list(given), list(family)
    for _ in range(draw(TYPOS)):
        words = given if draw(A_THIRD) == 0 else family
        at = draw(st.integers(0, len(words) - 1))
        words[at] = draw(typo(words[at]))
    if draw(A_FIFTH) == 0:
        given = [w[0] + "." for w in given]
    if len(given) > 1 and draw(A_FIFTH) == 0:
        del given[draw(st.integers(1, len(given) - 1))]
    given_text, family_text = " ".join(given), draw(JOIN).join(family)
    form = draw(FORM)
    text = {"given family": f"{given_text} {family_text}", "family, given": f"{family_text}, {given_text}",
            "family given": f"{family_text} {given_text}", "family,": f"{family_text}, ",
            ", given": f", {given_text} {family_text}"}[form]
    return draw(st.sampled_from([text, text, text, text.upper(), text.lower()]))


@st.composite
def similar_names(draw) -> list[tuple[str, str | None, str | None]]:
    """A few people (names from a few letters, so often a letter or two apart), each written 1-4 ways."""
    entries = []
    for _ in range(draw(st.integers(2, 8))):
        given = draw(st.lists(GIVEN, min_size=1, max_size=3))
        family = draw(st.lists(FAMILY, min_size=1, max_size=2))
        family[-1] += draw(NUMBER)
        for _ in range(draw(st.integers(1, 4))):
            email = draw(EMAIL)
            affiliation = draw(AFFILIATION)
            entries.append((draw(written(given, family)), email, affiliation))
    return entries


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(similar_names())
def test_blocking_misses_nothing_among_names_a_letter_apart(entries):
    assert_blocking_misses_nothing(mentions_of(entries))
