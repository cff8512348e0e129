"""The validated conference as frozen dataclasses: no I/O, no ReportLab."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Source:
    """Where a piece of data was written: file, line and key path."""

    file: str
    line: int
    key: str


@dataclass(frozen=True)
class Person:
    """Anyone named in the data: speaker, author, presenter, chair or committee member."""

    name: str
    affiliations: tuple[str, ...] = ()
    email: str | None = None
    photo: Path | None = None
    role: str | None = None
    bio: str | None = None
    presenting: bool = False
    source: Source | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Committee:
    name: str
    title: str | None
    members: tuple[Person, ...]


@dataclass(frozen=True)
class Place:
    name: str
    address: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Quote:
    text: str
    author: str | None = None


@dataclass(frozen=True)
class Sponsor:
    name: str
    logo: Path | None = None
    tier: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class ExtraPage:
    """A page of its own (a venue map): an image or a one-page PDF, after a section (None: at the end)."""

    file: Path
    is_pdf: bool
    after: str | None = None
    title: str | None = None
    source: Source | None = field(default=None, compare=False)  # where `after` is written


@dataclass(frozen=True)
class QrCode:
    text: str
    caption: str | None = None


@dataclass(frozen=True)
class Conference:
    title: str
    start: dt.date
    end: dt.date
    venue: str
    short_title: str | None = None
    subtitle: str | None = None
    tagline: str | None = None
    welcome: str | None = None
    url: str | None = None
    contact: str | None = None
    hashtag: str | None = None
    logo: Path | None = None
    cover_image: Path | None = None
    committees: tuple[Committee, ...] = ()
    places: tuple[Place, ...] = ()
    notes: tuple[str, ...] = ()
    quote: Quote | None = None
    language: str = "en"
    sponsors: tuple[Sponsor, ...] = ()
    extra_pages: tuple[ExtraPage, ...] = ()
    qr_codes: tuple[QrCode, ...] = ()

    @property
    def running_title(self) -> str:
        """What the running heads print: `short_title`; else the title, or of a title longer than LONG_TITLE its part
        before a colon or a spaced dash, when that is long enough to name the conference ("Stars, Signals &
        Statistics" of "Stars, Signals & Statistics: The Third International Workshop on ..."; a running head cut
        the whole title mid-phrase, "...: The Third…")."""
        if self.short_title:
            return self.short_title
        if len(self.title) > LONG_TITLE:
            head = _TITLE_BREAK.split(self.title, 1)[0].strip()
            # (not inside emphasis, math or code: "*Stars...: ...*" would leave its "*" printed)
            whole = all(head.count(mark) % 2 == 0 for mark in "*$`")
            if whole and len(head.strip("*$` ")) >= 8 and head != self.title.strip():
                return head
        return self.title


LONG_TITLE = 60  # characters: a longer title's running head is its part before a colon or a spaced dash
_TITLE_BREAK = re.compile(r":\s| [\u2013\u2014-] ")


ABSTRACT_KINDS = ("contributed", "invited", "keynote", "special")
LONG_ITEM = 90  # minutes: an item of a parallel block this long (a workshop) may have a break of the day's in it


def holds_a_break(minutes: float | None, tutorial) -> bool:
    """Whether an item `minutes` long (None: no end), a `tutorial`'s or not, may have a break of the day's in it: a
    tutorial, or an item of LONG_ITEM minutes or more (lint.schedule, layout.glance)."""
    return bool(tutorial) or (minutes is not None and minutes >= LONG_ITEM)


class _LeftOut:
    """What an entry with authors says of those of them whose names are left out of the booklet (its `unnamed`: the
    fonts print nothing of them): an abstract's and a poster's."""

    unnamed: tuple[Person, ...]

    @property
    def speakers_left_out(self) -> tuple[Person, ...]:
        """Its presenting authors whose names are left out (of `unnamed`, those presenting)."""
        return tuple(person for person in self.unnamed if person.presenting)


@dataclass(frozen=True)
class Abstract(_LeftOut):
    """A talk's abstract: what a programme talk item points at."""

    id: str
    title: str
    authors: tuple[Person, ...]
    text: str
    kind: str = "contributed"
    source: Source | None = field(default=None, compare=False)
    language: str | None = None  # the text's, when the data gives it (its hyphenation); else the booklet's
    # its authors whose names the fonts print nothing of (left out of the booklet), without a name: the emails of
    # those who present it mail its proof (proofs.plan); the first author is marked presenting here when none is
    # marked and their name is left out (data.people)
    unnamed: tuple[Person, ...] = ()

    @property
    def speakers(self) -> tuple[Person, ...]:
        """The presenting author(s) named; the first author when none is marked, and no author left out presents it.
        None when only authors left out present it ('王小明', presenting, beside 'Bo Jones': Bo Jones does not give the
        talk, and was named as its speaker in the programme)."""
        return speakers_of(self.authors, bool(self.speakers_left_out))


def speakers_of(people: tuple[Person, ...], left_out_present: bool = False) -> tuple[Person, ...]:
    """Those of `people` marked as presenting; the first when none is marked, unless `left_out_present`: some of the
    authors whose names are left out present it (Abstract.speakers; an abstract's presenting authors whose names are
    left out are its speakers_left_out)."""
    return tuple(p for p in people if p.presenting) or (() if left_out_present else people[:1])


@dataclass(frozen=True)
class Tutorial:
    id: str
    number: int
    title: str
    description: str
    presenters: tuple[Person, ...]
    source: Source | None = field(default=None, compare=False)
    language: str | None = None  # the description's, when the data gives it (its hyphenation); else the booklet's
    authors: tuple[Person, ...] = ()  # who prepared it with the presenters but does not present it
    unnamed: tuple[Person, ...] = ()  # its presenters whose names are left out (as Abstract's)

    @property
    def people(self) -> tuple[Person, ...]:
        """Everyone it names: its presenters, then its other authors."""
        return self.presenters + self.authors


@dataclass(frozen=True)
class Poster(_LeftOut):
    number: int
    title: str
    authors: tuple[Person, ...]
    abstract: str | None = None
    source: Source | None = field(default=None, compare=False)
    session: str | None = None  # the poster session it is shown in (a programme session's name)
    topic: str | None = None
    unnamed: tuple[Person, ...] = ()  # its authors whose names are left out (as Abstract's)


@dataclass(frozen=True)
class Participant:
    """One entry of the list of participants (participants.yaml or participants.csv)."""

    name: str
    affiliations: tuple[str, ...] = ()
    country: str | None = None
    email: str | None = None  # never printed
    source: Source | None = field(default=None, compare=False)


@dataclass(frozen=True)
class TimeRange:
    start: dt.time
    end: dt.time | None = None  # before the start: past midnight ("23:00-00:40")
    midnight: bool = False  # the end written 24:00: midnight at the end of the day (`end` is 00:00)

    def __str__(self) -> str:
        """'09:00–09:20', '23:00–00:40', '11:00–24:00': as written."""
        text = self.start.strftime("%H:%M")
        if self.end is None:
            return text
        return f"{text}\u2013{'24:00' if self.midnight else self.end.strftime('%H:%M')}"


ITEM_KINDS = ("talk", "tutorial", "break", "social", "poster", "other")


@dataclass(frozen=True)
class Item:
    """One line of the programme: a talk, a tutorial, a break, a social event, an empty slot ..."""

    kind: str
    time: TimeRange | None = None
    title: str | None = None
    abstract: Abstract | None = None
    tutorial: Tutorial | None = None
    place: str | None = None
    room: str | None = None
    source: Source | None = field(default=None, compare=False)
    again: bool = False  # a talk held again here (its abstract printed once, at its first time)

    @property
    def shown_title(self) -> str | None:
        if self.title:
            return self.title
        if self.abstract:
            return self.abstract.title
        if self.tutorial:
            return self.tutorial.title
        return None


@dataclass(frozen=True)
class Session:
    """A block of items under one name, with its chairs (none, one or several) and an optional room."""

    name: str
    items: tuple[Item, ...]
    chairs: tuple[str, ...] = ()
    room: str | None = None
    source: Source | None = field(default=None, compare=False)
    # its chairs' names left out, the fonts printing nothing of them (`chair: 🎈`), as written (never printed: the
    # session's proof, which then names no one, goes to the address the participants give such a name, proofs.plan)
    chairs_left_out: tuple[str, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class Parallel:
    """Sessions that run at the same time in different rooms."""

    sessions: tuple[Session, ...]


def _printed_sessions(entry, orders: dict[int, tuple[int, ...]] | None):
    """A session block's or a parallel block's sessions, in the block's order in `orders` where it has one."""
    sessions = _sessions_of(entry)
    order = orders.get(id(entry)) if orders else None
    return sessions if order is None else tuple(sessions[k] for k in order)


def _sessions_of(entry: Session | Parallel) -> tuple[Session, ...]:
    return entry.sessions if isinstance(entry, Parallel) else (entry,)


def items_of(entry: Item | Session | Parallel) -> tuple[Item, ...]:
    """The items of one entry of a day: the item itself, or its session's (its parallel tracks') items."""
    if isinstance(entry, Item):
        return (entry,)
    return tuple(item for session in _sessions_of(entry) for item in session.items)


@dataclass(frozen=True)
class Day:
    date: dt.date
    entries: tuple[Item | Session | Parallel, ...]
    source: Source | None = field(default=None, compare=False)
    night: bool = False  # runs into the night: a start before 06:00 after one from 06:00 on is after midnight (clock)

    def items(self):
        """Every Item of the day, in printed order (sessions and parallel tracks flattened)."""
        for item, _ in self.items_with_sessions():
            yield item

    def items_with_sessions(self, orders: dict[int, tuple[int, ...]] | None = None):
        """(Item, the Session it is in or None) for every item of the day, in printed order: a block of parallel
        sessions' in its order in `orders` (id(block) -> indices into its sessions: layout's Context.session_orders),
        where it has one."""
        for entry in self.entries:
            if isinstance(entry, Item):
                yield entry, None
                continue
            for session in _printed_sessions(entry, orders):
                for item in session.items:
                    yield item, session

    def sessions(self, orders: dict[int, tuple[int, ...]] | None = None):
        """Every session block and parallel track of the day, in printed order: a block of parallel sessions' in its
        order in `orders`, where it has one (as items_with_sessions); else as the data gives them."""
        for entry in self.entries:
            if not isinstance(entry, Item):
                yield from _printed_sessions(entry, orders)

    def clock(self) -> dict[int, tuple[int, int | None]]:
        """Each timed item's start and end (None: none given) in minutes from the day's midnight, by the item's
        id(): an item that starts before 06:00 after one (in printed order) that starts at or past 13:00 (on a day
        said to run into the `night`, at or past 06:00) is after midnight, 24 hours on (as imports keep a night's events
        on the day they belong to); so is an end before its item's start ("23:00-00:40"), or written 24:00."""
        found: dict[int, tuple[int, int | None]] = {}
        afternoon = False
        day_from = AFTER_MIDNIGHT if self.night else AFTERNOON
        for item in self.items():
            if not item.time:
                continue
            start = item.time.start.hour * 60 + item.time.start.minute
            end = item.time.end.hour * 60 + item.time.end.minute if item.time.end else None
            if end is not None and (end < start or item.time.midnight):  # "23:00-00:40", "11:00-24:00"
                end += 24 * 60
            if start < AFTER_MIDNIGHT and afternoon:
                start += 24 * 60
                end = end + 24 * 60 if end is not None else None
            afternoon = afternoon or start >= day_from
            found[id(item)] = (start, end)
        return found


AFTER_MIDNIGHT = 6 * 60  # a start before 06:00 ...
AFTERNOON = 13 * 60  # ... after one at or past 13:00 is after midnight (Day.clock)


@dataclass(frozen=True)
class Theme:
    """The booklet's look, order and words: a built-in theme with theme.yaml's keys over it."""

    name: str = "classic"
    colours: dict[str, str] = field(default_factory=dict)  # role (primary, accent, text, break, ...) -> #RRGGBB
    track_colours: dict[str, str] = field(default_factory=dict)  # session name -> #RRGGBB
    fonts: dict[str, object] = field(default_factory=dict)  # text, headings: name or Path; fallback: tuple
    cover_style: str = "band"
    logo_place: str = "bottom-right"
    page_size: str | None = None  # the default when --page-size is not given
    sections: tuple[str, ...] = ("committees", "programme", "abstracts", "tutorials", "posters", "practical")
    abstracts_placement: str = "after-programme"
    abstracts_layout: str = "auto"  # page, flow, or auto: see layout.common.flows
    abstracts_columns: str = "auto"  # "1", "2", or "auto": by the page (layout.page.Page.text_columns)
    posters_sort: str = "number"
    posters_group_by: str | None = None
    labels: dict[str, str] = field(default_factory=dict)  # label key -> words, over the language's own
    glance_narrowest: int = 85  # per cent of the glance's type: the least a title in a narrow lane steps down to
    sponsor_names: bool = False  # each sponsor's name printed under its logo
    extra_page_turn: str = "left"  # a landscape extra page turned: left (its top at the left edge), right, none


@dataclass(frozen=True)
class Identity:
    """One person as people.yaml declares them: the name the index prints, the other spellings the
    data uses for them, and their family name when the last word is not it."""

    name: str
    aliases: tuple[str, ...] = ()
    family: str | None = None
    source: Source | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Booklet:
    """Everything the booklet prints, references resolved."""

    conference: Conference
    days: tuple[Day, ...] = ()
    abstracts: tuple[Abstract, ...] = ()
    tutorials: tuple[Tutorial, ...] = ()
    posters: tuple[Poster, ...] = ()
    image_sources: dict[Path, Source] = field(default_factory=dict, compare=False)  # where each image is named
    theme: Theme = field(default_factory=Theme)
    participants: tuple[Participant, ...] = ()  # the list of participants, in the data's order
    # the participants whose names are left out of the list (the fonts print nothing of them), each `name` as written:
    # never printed, their emails only mail proofs (a session chair's so left out, proofs.plan)
    left_out_participants: tuple[Participant, ...] = ()
    people: tuple[Identity, ...] = ()  # people.yaml: one person's spellings, family names
    # each file the data names (images, extra pages, the theme's fonts) as written, relative to the data folder, and
    # the file it led to then (links followed): what a model kept for later builds is checked against
    named_files: tuple[tuple[str, Path], ...] = field(default=(), compare=False)

    def entries_with_people(self) -> list[tuple[Abstract | Tutorial | Poster, tuple[Person, ...]]]:
        """Each abstract, tutorial and poster with the people it names (an abstract's and a poster's authors, a
        tutorial's presenters and co-authors), in that order."""
        return ([(a, a.authors) for a in self.abstracts] + [(t, t.people) for t in self.tutorials]
                + [(p, p.authors) for p in self.posters])
