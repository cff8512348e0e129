"""Spellings linked as one thing written differently -> groups, and one warning per spelling in each group."""

from __future__ import annotations

from typing import Callable, Iterable

from ..problems import Problem
from .mentions import Mention
from .text import places, quoted


class Groups:
    """Union-find over spelling indices; a group is named by its earliest spelling."""

    def __init__(self, size: int):
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)

    def several(self) -> list[list[int]]:
        """The groups of two or more, each in index order, ordered by their first index."""
        members: dict[int, list[int]] = {}
        for i in range(len(self.parent)):
            members.setdefault(self.find(i), []).append(i)
        return sorted((m for m in members.values() if len(m) > 1), key=lambda m: m[0])


def variant_problems(texts: list[str], mentions: list[list[Mention]], groups: Groups,
                     reason: Callable[[int, int], str], kind: str,
                     linked: Callable[[int], Iterable[int]] | None = None, hint: str = "") -> list[Problem]:
    """For each spelling in a group, a warning at its first place naming the others, with counts; `hint`
    ends each message (what to do about it).

    `linked(i)`, when given, lists the spellings (in index order) that i's warning names: those
    linked to i itself, so that a chain A ~ B ~ C does not name C in A's warning.
    """
    problems = []
    for group in groups.several():
        for i in group:
            named = linked(i) if linked else (j for j in group if j != i)
            others = [_other(texts[j], mentions[j], reason(i, j)) for j in named]
            first = mentions[i][0]
            message = f"{quoted(texts[i])} ({places(len(mentions[i]))}) is also written {_and(others)}{hint}"
            problems.append(Problem(first.file, first.line, first.key, message, "warning", kind))
    return problems


def _other(text: str, mentions: list[Mention], reason: str) -> str:
    detail = f"{places(len(mentions))}, first at {mentions[0].where}" + (f"; {reason}" if reason else "")
    return f"{quoted(text)} ({detail})"


def _and(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
