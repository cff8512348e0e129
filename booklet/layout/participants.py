"""The participants (participants.yaml or participants.csv) -> the list of participants.

Sorted as the index of authors is (booklet.text.names: family name, particles, Unicode collation), under a
letter heading for each initial, in columns (2 on an A5 page, 3 on A4). Each participant is printed as the
index prints a name, family name first ("Smagt, Patrick van der", the family name in bold): the list is
read like an index, by running an eye down the family names, and letter headings only make sense when
every line starts with the name it is filed under. The affiliation and the country follow below, in
smaller, muted type (the country left out when the affiliation already ends with it).
A list that would end on a page less than three tenths full is set a little closer (its leadings and spaces, as the
index of authors is: layout.columns, Columns._closer) to end a page earlier.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from itertools import groupby

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from ..data.contract import placeholder_name
from ..data.people import spelling
from ..model import Booklet, Participant
from ..text import markup
from ..text.fonts import SANS
from ..text.names import IndexName, heading, sort_key, split_name
from .columns import MadeWhenAsked, closer_style, content_key, in_columns, keep_with_last
from .common import Context, letter_headings
from .flowables import Anchor, Para


FamilyLookup = Callable[[str], "str | None"]  # a name as written -> its family name, when the data says


def ordered(participants: Iterable[Participant], family: FamilyLookup | None = None, language: str | None = None
            ) -> list[tuple[IndexName, Participant]]:
    """The participants, each with its name taken apart, in the index's order (`language`'s: see
    text.names.sort_key). `family` gives the family name of a name whose family name the rule does not find
    (people.yaml's `family:`), or None. A name is taken as it prints and as the index of authors files it
    (data.people.spelling: "Mei\u200bChen", a zero-width space copied in with it, is "MeiChen" there and here)."""
    named = [(split_name(spelling(p.name) or p.name, family(p.name) if family else None), p) for p in participants]
    return sorted(named, key=lambda pair: (sort_key(pair[0], language), pair[1].affiliations, pair[1].country or ""))


def listed(booklet: Booklet) -> list[Participant]:
    """The participants the list prints: not those named by a placeholder ("TBA", "Chair 1": lint warns of them), as
    the index of authors lists none."""
    return [participant for participant in booklet.participants if not placeholder_name(participant.name)]


def build_participants(ctx: Context, family: FamilyLookup | None = None) -> list:
    """The section: its heading, then every participant (but placeholders: `listed`) under letter headings, in
    columns."""
    participants = listed(ctx.booklet)
    if not participants or not ctx.has("participants"):
        return []
    title = ctx.label("participants")
    story = [Anchor("participants", markup.plain(title), 0, section=title),
             Para(markup.inline(title), ctx.styles.heading)]
    if family is None:  # people.yaml's `family:`, as the index of authors files the same name
        family = lambda name: ctx.people.of(name).family  # noqa: E731
    styles = _Styles(ctx)
    limit = ctx.page.text_height / 2  # an entry taller than this may be split (a column could not hold it)
    language = ctx.booklet.conference.language
    ordering = ordered(participants, family, language)
    groups = [(letter, list(group)) for letter, group in groupby(ordering,
                                                                 key=lambda pair: heading(pair[0], language))]
    shown = letter_headings(ctx, [letter for letter, _ in groups], styles.letter.fontSize)
    body = _Entries([(text, group) for text, (_, group) in zip(shown, groups)], styles, limit)
    return story + in_columns(body, ctx.page.text_width)


class _Entries(MadeWhenAsked):
    """The list's flowables, letter by letter: the heading with the first two names under it (_Together: a heading is
    never alone at a column's foot, nor with only one of several names under it, "O / Ortiz"), then the other names,
    the last but one kept with the last (no column starts with it alone). Each made when first asked for (the list set
    closer is laid out from the page it is set closer on: the names before it are not made again). `closer`: the same
    list set closer (columns.Columns sets it so rather than end it on a page of a few names: Columns._closer)."""

    scale = 1.0  # of the list's leadings and spaces (closer)

    def __init__(self, groups: list[tuple[str, list[tuple[IndexName, Participant]]]], styles: _Styles, limit: float):
        self.groups, self.styles, self.limit = groups, styles, limit  # (each letter's heading as markup, its names)
        self.plan: list[tuple[int, int]] = []  # (its group, its first name) of each flowable
        kept = []
        for number, (_, group) in enumerate(groups):
            self.plan += [(number, 0), *((number, at) for at in range(2, len(group)))]
            if len(group) > 2:
                kept.append(len(self.plan) - 2)  # (the last but one, or the heading's block that holds it)
        self._kept = frozenset(kept)
        self._made: dict[int, Flowable] = {}

    def closer(self, scale: float) -> _Entries:
        """The same list with its leadings and spaces at `scale` (see columns.closer_style)."""
        made = _Entries(self.groups, self.styles.closer(scale), self.limit)
        made.scale = self.scale * scale
        return made

    def _make(self, index: int) -> Flowable:
        number, first = self.plan[index]
        text, group = self.groups[number]
        names = [_entry(name, participant, self.styles, self.limit)
                 for name, participant in group[first:first + (2 if first == 0 else 1)]]
        made = _Together([Para(text, self.styles.letter), *names], self.limit) if first == 0 else names[0]
        if index in self._kept:
            keep_with_last(made)
        return made


def details(participant: Participant) -> str:
    """'Lund University; Example Institute, Sweden': the affiliations, then the country unless the last
    affiliation already ends with it (plain text as written: the caller makes it markup)."""
    parts = list(participant.affiliations)
    country = participant.country
    if country and not (parts and parts[-1].casefold().rstrip(" .").endswith(country.casefold())):
        return "; ".join(parts) + (", " if parts else "") + country
    return "; ".join(parts)


class _Styles:
    """The list's paragraph styles, made from the booklet's."""

    def __init__(self, ctx: Context):
        s, size = ctx.styles, ctx.page.base_size
        gap = size * 0.45  # between two participants
        self.letter = ParagraphStyle("participants_letter", parent=s.body, fontName=SANS + "-Bold",
                                     fontSize=size * 1.15, leading=size * 1.5, textColor=ctx.colours.primary,
                                     spaceBefore=size * 0.7, spaceAfter=size * 0.15)
        self.name = ParagraphStyle("participant", parent=s.body, leading=size * 1.22, spaceAfter=0)
        self.alone = ParagraphStyle("participant_alone", parent=self.name, spaceAfter=gap)
        self.details = ParagraphStyle("participant_details", parent=s.affiliation, fontSize=size * 0.8,
                                      leading=size * 1.02, spaceAfter=gap)

    def closer(self, scale: float) -> _Styles:
        """The same styles set closer: their leadings and spaces at `scale` (columns.closer_style)."""
        made = copy.copy(self)
        for name in ("letter", "name", "alone", "details"):
            setattr(made, name, closer_style(getattr(self, name), scale))
        return made


def name_line(name: IndexName) -> str:
    """The markup of a participant's name as the list prints it: inverted, its family name in bold."""
    inverted = name.inverted(held=True)  # ("Rochefoucauld, Jean-Baptiste de / La": the particle held together)
    rest = inverted[len(name.family):]  # (", Ana", " (he/him)": its space kept, as inline() strips a text's ends:
    return f"<b>{markup.inline(name.family)}</b>{' ' * rest[:1].isspace()}{markup.inline(rest)}"  # "Mitch(he/him)")


def _entry(name: IndexName, participant: Participant, styles: _Styles, limit: float) -> Flowable:
    line = name_line(name)
    below = details(participant)
    if not below:
        return Para(line, styles.alone)
    return _Together([Para(line, styles.name), Para(markup.address(below), styles.details)], limit)


class _Together(Flowable):
    """Flowables kept in one column (a name and its affiliation; a letter heading and the first two names
    under it), one above the other with the frame's spacing, at `scale` (`spaced_at`). Split only when taller than
    `limit`."""

    def __init__(self, flowables: list[Flowable], limit: float, scale: float = 1.0):
        super().__init__()
        self.flowables = list(flowables)
        self.limit = limit
        self.scale = scale

    def content_key(self):
        """What its layout depends on, when its flowables say (see columns.content_key); else None."""
        keys = content_key(self.flowables)
        return None if keys is None else ("together", self.limit, self.scale, keys)

    def spaced_at(self, scale: float) -> _Together:
        """The same flowables with the spaces between them at `scale` of the frame's, as Columns sets the spaces
        between the list's flowables on a page (columns.spaced_at): between a letter's first two names as between the
        others (the spaces of a page set a little tighter to take the last few names onto it, Columns._tightened,
        left the heading's two names as far apart as ever, 36C3 on A4: "Lange" under "LaForge" a step wider than
        "Larsen" under "Lange")."""
        if scale == self.scale:
            return self
        made = copy.copy(self)  # (kept as it is kept: keep_with_last)
        made.scale = scale
        return made

    def _gap(self, index: int) -> float:
        if index == 0:
            return 0.0
        return max(self.flowables[index - 1].getSpaceAfter(), self.flowables[index].getSpaceBefore()) * self.scale

    def getSpaceBefore(self):
        return self.flowables[0].getSpaceBefore()

    def getSpaceAfter(self):
        return self.flowables[-1].getSpaceAfter()

    def wrap(self, availWidth, availHeight):
        self._heights = [f.wrap(availWidth, availHeight)[1] for f in self.flowables]
        self.width = availWidth
        self.height = sum(self._heights) + sum(self._gap(i) for i in range(len(self.flowables)))
        return self.width, self.height

    def split(self, availWidth, availHeight):
        if self.wrap(availWidth, availHeight)[1] <= availHeight:
            return [self]
        if self.height <= self.limit:
            return []  # to the next column, whole
        used, first = 0.0, []
        for index, flowable in enumerate(self.flowables):
            room = availHeight - used - self._gap(index)
            if self._heights[index] <= room:
                first.append(flowable)
                used += self._gap(index) + self._heights[index]
                continue
            parts = flowable.split(availWidth, room) if room > 0 else []
            if len(parts) < 2:
                break
            rest = [*parts[1:], *self.flowables[index + 1:]]
            return [_Together([*first, parts[0]], self.limit, self.scale), _Together(rest, self.limit, self.scale)]
        if not first:
            return []
        return [_Together(first, self.limit, self.scale),
                _Together(self.flowables[len(first):], self.limit, self.scale)]

    def draw(self):
        top = self.height
        for index, (flowable, height) in enumerate(zip(self.flowables, self._heights)):
            top -= self._gap(index) + height
            flowable.drawOn(self.canv, 0, top)
