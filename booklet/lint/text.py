"""Names, affiliations and titles as written -> folded words and edit distances, for comparing them."""

from __future__ import annotations

from ..text.folding import fold, strip_accents


def squeeze(text: str) -> str:
    """`text` with runs of white space made one space (they print the same)."""
    return " ".join(text.split())


def deletions(word: str, most: int) -> frozenset[str]:
    """`word` and every string made from it by deleting one letter, or two when `most` is 2: words one edit apart
    (two, with `most` 2) share one of these, as a spelling corrector finds its candidates."""
    n = len(word)
    found = {word[:i] + word[i + 1:] for i in range(n)}
    found.add(word)
    if most > 1:
        found.update([word[:i] + word[i + 1:j] + word[j + 1:] for i in range(n) for j in range(i + 1, n)])
    return frozenset(found)


def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Insertions, deletions, substitutions and swaps of neighbours that turn a into b (limit+1 when more). Only
    the cells within `limit` of the diagonal are worked out (no other can be within the limit): two texts of
    20,000 letters took minutes with the whole table, and take as long as their length now."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    big = limit + 1
    before: dict[int, int] | None = None
    row = {j: j for j in range(min(len(b), limit) + 1)}
    for i, ca in enumerate(a, 1):
        current = {0: i} if i <= limit else {}
        for j in range(max(1, i - limit), min(len(b), i + limit) + 1):
            cb = b[j - 1]
            value = min(row.get(j, big) + 1, current.get(j - 1, big) + 1, row.get(j - 1, big) + (ca != cb))
            if before is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, before.get(j - 2, big) + 1)
            current[j] = min(value, big)
        if min(current.values(), default=big) > limit:
            return big
        before, row = row, current
    return min(row.get(len(b), big), big)


def is_swap(a: str, b: str) -> bool:
    """True when b is a with two neighbouring letters swapped."""
    if len(a) != len(b):
        return False
    diff = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


def is_inner_drop(a: str, b: str) -> bool:
    """True when the shorter of a and b is the other with one letter left out, not the first or last."""
    short, long = sorted((a, b), key=len)
    if len(long) != len(short) + 1:
        return False
    return any(long[:i] + long[i + 1:] == short for i in range(1, len(long) - 1))


def quoted(text: str) -> str:
    return f"'{text}'"


def places(count: int) -> str:
    return f"{count} place{'s' * (count != 1)}"


def spelling_difference(a: str, b: str) -> str:
    """What sets two spellings with the same folded words apart, in a few words."""
    if a.casefold() == b.casefold():
        return "capitals differ"
    if strip_accents(a) == strip_accents(b):
        return "accents differ"
    if fold(a) == fold(b):
        return "accents and capitals differ"
    return "punctuation or spacing differs"
