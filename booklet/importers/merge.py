"""A folder an earlier import made (as the LOC has edited it since), what that import wrote (the base) and
what the source says now -> the folder's files updated, and a list of what changed.

Three versions of each value are compared: the base (recorded in .booklet-import.json), the folder's
(current) and the new import's. A value the source did not change is left as the folder has it, so a
hand edit stays; a value the source changed replaces the folder's, when the LOC did not change it too.
When both changed it, the source wins for what it owns (titles, abstracts, names, times, rooms) and the
LOC wins for kinds; either way the report says so. What the source never gives (photos, affiliations,
emails, chairs, committees, places, extra keys, other files) is never touched; comments stay where they
are (values are changed in place in a round-trip YAML document).

Entries are matched by id (abstracts, tutorials), by title (posters: they have no id) and, in the
programme, by the talk or tutorial they show (or, for a line without either, by day, title and kind).
An entry the source dropped stays unless `prune`; an entry the LOC deleted is not added back; an
entry the LOC added is kept. An item whose day, time or room the source changed moves there: into the
session of its room when the day has one at that time, else as an item of the day, in time order (an item
whose time leaves its session's hours leaves the session).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from ..data import contract
from ..data.contract import ABSTRACT, CONFERENCE, DAY, ITEM, PARALLEL, POSTER, PRESENTER, SESSION, TUTORIAL
from ..text.folding import fold
from . import yamlfile
from .yamlfile import CommentedMap, CommentedSeq, normal, same


@dataclass
class Change:
    """One thing the update did (or chose not to do)."""

    what: str  # added | changed | removed | gone (no longer in the source, kept) | deleted (by hand, not added back)
    file: str
    key: str  # the entry: an id, "poster 'Title'", "talk e12 on 2019-12-27"
    fields: tuple[str, ...] = ()
    kept: tuple[str, ...] = ()  # fields the source changed where the LOC's edit was kept
    replaced: tuple[str, ...] = ()  # fields the LOC edited that the source changed too: the source's value won
    # for each of `replaced`: (field, the LOC's value it replaced, the source's value), so the LOC can put it back
    replacements: tuple[tuple[str, object, object], ...] = ()


@dataclass
class Merged:
    texts: dict[str, str] = field(default_factory=dict)  # file name -> new text (only files that change)
    removed: list[str] = field(default_factory=list)  # files to remove (abstracts/NAME.yaml under --prune)
    changes: list[Change] = field(default_factory=list)
    # what the source dropped and the folder keeps (no --prune), as the earlier import wrote it: recorded with
    # the import, so that a later update still knows these came from the source (and --prune removes them)
    kept: dict[str, list] = field(default_factory=dict)
    # files that hold exactly what an import writes (no hand edit in them): the only ones a later update
    # may write anew
    pristine: set[str] = field(default_factory=set)
    # the source's documents as merged: ids of entries the source renamed given back their ids of the base (as
    # the folder holds them), what the import records for the next update
    documents: dict = field(default_factory=dict)


class Unreadable(Exception):
    """A file of the folder cannot be read as YAML, so it cannot be updated; the message says which and why."""


def merge(current: dict[str, str], base: dict, new: dict, prune: bool, render,
          untouched: set[str] = frozenset(), aliases: dict[str, tuple[str, ...]] | None = None) -> Merged:
    """current: file name -> text of the folder's data files; base, new: file name -> document.
    `render(name, value)` writes a whole new file (for a file the folder does not have yet, or one in
    `untouched`: files nobody has edited since the import wrote them, which are written anew). `aliases`: an entry's
    id -> the other ids of the source's events it was made of (Imported.aliases)."""
    return _Merge(current, base, new, prune, render, untouched, aliases or {}).run()


class _Fields:
    """Three-way merging of one entry's fields, recording what happened into a Change."""

    def __init__(self, change: Change):
        self.change = change

    def merge(self, node: dict, key: str, base, new, record: contract.Record, default=None,
              source_wins: bool = True, label: str | None = None) -> bool:
        """Merge node[key]; True when the node changed."""
        label = label or key
        b = base.get(key, default) if isinstance(base, dict) else default
        n = new.get(key, default) if isinstance(new, dict) else default
        c = node.get(key, default)
        if same(n, b) or same(c, n):
            return False
        if not same(c, b):
            if not source_wins:
                self.change.kept += (label,)
                return False
            self.change.replaced += (label,)
            self.change.replacements += ((label, normal(c), normal(n)),)
        set_key(node, key, n if not same(n, default) or key not in node else None, record)
        self.change.fields += (label,)
        return True


def set_key(node: dict, key: str, value, record: contract.Record) -> None:
    """node[key] = value (None: remove the key), a new key placed where the contract's order puts it."""
    if value is None or value == "" or value == []:
        if key in node:
            del node[key]
        return
    spec = record[key] if key in record else None
    put(node, key, yamlfile.node(value, spec.records[0] if spec and spec.records else None,
                                 spec.type if spec else "text"), record)


def put(node: dict, key: str, value, record: contract.Record) -> None:
    """node[key] = value (a node already), a new key placed where the contract's order puts it."""
    if key in node:
        node[key] = value
        yamlfile.realign(node, key)
        return
    order = list(record.names)
    position = len(node)
    if key in order:
        later = set(order[order.index(key) + 1:])
        position = next((k for k, name in enumerate(node) if name in later), len(node))
    if isinstance(node, CommentedMap):
        node.insert(position, key, value)
    else:
        node[key] = value


class _Merge:
    def __init__(self, current: dict[str, str], base: dict, new: dict, prune: bool, render, untouched, aliases):
        self.untouched = untouched
        self.aliases = aliases
        self.current_texts = current
        self.base = base
        self.new = new
        self.prune = prune
        self.render = render
        self.docs: dict[str, object] = {}
        self.out = Merged()

    def doc(self, name: str):
        """The folder's document `name` (round-trip), or None when the folder has no such file."""
        if name not in self.docs:
            text = self.current_texts.get(name)
            if text is None:
                self.docs[name] = None
            else:
                try:
                    self.docs[name] = yamlfile.load(text)
                except ValueError as exc:
                    raise Unreadable(f"{name}: cannot be read as YAML ({exc}); fix it (booklet check shows "
                                     "where), then update") from None
        return self.docs[name]

    def change(self, what: str, file: str, key: str, **kw) -> Change:
        change = Change(what, file, key, **kw)
        self.out.changes.append(change)
        return change

    def run(self) -> Merged:
        self.new = self.out.documents = _renamed(self.base, self.new, self.aliases)
        self.conference()
        self.entries("abstracts.yaml", ABSTRACT, self.merge_abstract)
        self.entries("tutorials.yaml", TUTORIAL, self.merge_tutorial)
        self.posters()
        self.programme()
        if self.new.get("people.yaml") and self.current_texts.get("people.yaml") is None:
            self.fresh("people.yaml")  # (the source's family names; a people.yaml of the folder's is the LOC's own)
        elif (self.new.get("people.yaml") and "people.yaml" in self.untouched
              and self.new["people.yaml"] != self.base.get("people.yaml")):  # as the import wrote it: written anew
            self.out.texts["people.yaml"] = self.render("people.yaml", self.new["people.yaml"])
            self.out.pristine.add("people.yaml")
            known = {_label("people.yaml", entry) for entry in self.base.get("people.yaml") or []}
            for entry in self.new["people.yaml"]:
                if _label("people.yaml", entry) not in known:
                    self.change("added", "people.yaml", _label("people.yaml", entry))
        gone = {c.file for c in self.out.changes if c.what == "gone"}
        for name, text in self.current_texts.items():
            # a file nobody has touched since the import wrote it is written anew, as a new import writes it
            # (the programme then laid out as a fresh import lays it out), unless it keeps dropped entries
            if name in self.new and name in self.base and name not in gone and name in self.docs and \
                    self.docs[name] is not None and name in self.untouched:
                self.docs[name] = None
                self.out.pristine.add(name)
                if self.new[name] != self.base[name]:
                    self.out.texts[name] = self.render(name, self.new[name])
        for name, document in self.docs.items():
            if document is None:
                continue
            current = self.current_texts.get(name)
            text = yamlfile.dump(document, current or "")
            if text != current and not _same_values(text, current):  # (written again, a value's spelling may
                self.out.texts[name] = text  # change, "\u00e9" to "é": a file whose values stay is not touched)
        self.out.changes = [c for c in self.out.changes if c.what != "changed" or c.fields or c.kept]
        return self.out

    def fresh(self, name: str) -> None:
        """A file the folder does not have and the source now fills: written whole."""
        self.out.texts[name] = self.render(name, self.new[name])
        self.out.pristine.add(name)
        for entry in self.new[name] if isinstance(self.new[name], list) else ():
            self.change("added", name, _label(name, entry))

    # -- conference.yaml

    def conference(self) -> None:
        name = "conference.yaml"
        node, base, new = self.doc(name), self.base.get(name) or {}, self.new.get(name) or {}
        if name not in self.current_texts:  # (deleted: not added back, as no file the LOC deleted is)
            raise Unreadable(f"{name}: not found: every conference needs one; put it back (or import into a new "
                             "folder), then update")
        if not isinstance(node, dict):
            raise Unreadable(f"{name}: the file must hold a mapping (key: value lines) to be updated")
        fields = _Fields(self.change("changed", name, "conference"))
        for key in ("title", "short_title", "venue", "url", "language"):
            fields.merge(node, key, base, new, CONFERENCE)
        dates_base, dates_new = base.get("dates") or {}, new.get("dates") or {}
        dates = node.get("dates")
        if isinstance(dates, dict):
            for key in ("start", "end"):
                fields.merge(dates, key, dates_base, dates_new, contract.DATES, label=f"dates.{key}")
        elif not same(dates_base, dates_new):
            set_key(node, "dates", dates_new, CONFERENCE)
            fields.change.fields += ("dates",)

    # -- abstracts and tutorials: entries with ids

    def locate(self, name: str) -> dict[str, tuple[str, object]]:
        """id -> (file, node) of the folder's entries of `name` (abstracts.yaml also looks in abstracts/*.yaml)."""
        found = {}
        files = [name] + (sorted(n for n in self.current_texts if n.startswith("abstracts/"))
                          if name == "abstracts.yaml" else [])
        for file in files:
            document = self.doc(file)
            entries = document if isinstance(document, list) else [document] if isinstance(document, dict) else []
            for entry in entries:
                if isinstance(entry, dict) and entry.get("id") is not None:
                    found.setdefault(str(entry["id"]).strip(), (file, entry))
        return found

    def entries(self, name: str, record: contract.Record, merge_entry) -> None:
        base = {str(e["id"]): e for e in self.base.get(name) or []}
        new = {str(e["id"]): e for e in self.new.get(name) or []}
        current = self.locate(name)
        if self.doc(name) is None and not current and not (base.keys() & new.keys()):
            if new:
                self.fresh(name)
            return
        document = self.doc(name)
        if document is not None and not isinstance(document, list):
            raise Unreadable(f"{name}: the file must hold a list (lines starting with '- ') to be updated")
        for ident, entry in new.items():
            if ident in current:
                file, node = current[ident]
                if ident not in base and str(normal(node.get("title")) or "").casefold() != str(
                        normal(entry.get("title")) or "").casefold():  # (of the same title: the talk the LOC typed)
                    line = node.lc.line + 1 if isinstance(node, CommentedMap) else 0
                    raise Unreadable(f"{file}:{line}: id '{ident}' is of an entry added by hand (no import wrote it), "
                                     f"and the source now gives that id to another, '{entry.get('title')}': give "
                                     "yours another id (in the programme too), then update")
                merge_entry(node, base.get(ident, {}), entry, self.change("changed", file, ident))
            elif ident in base:
                self.change("deleted", name, ident)
            else:
                if self.doc(name) is None:
                    self.docs[name] = CommentedSeq()
                # at the end (the booklet prints abstracts in programme order, whatever the file's): inserted
                # between two entries it would take the comment above the next one, which YAML keeps with
                # the entry before
                _append(self.docs[name], yamlfile.node([entry], record)[0])
                self.change("added", name, ident)
        for ident in base:
            if ident in new or ident not in current:
                continue
            file, node = current[ident]
            if not self.prune:
                self.change("gone", file, ident)
                self.out.kept.setdefault(name, []).append(base[ident])
            elif file == name:
                _remove(self.docs[name], node)
                self.change("removed", file, ident)
            else:
                self.out.removed.append(file)
                self.docs[file] = None
                self.change("removed", file, ident)

    def merge_abstract(self, node: dict, base: dict, new: dict, change: Change) -> None:
        fields = _Fields(change)
        fields.merge(node, "title", base, new, ABSTRACT)
        fields.merge(node, "kind", base, new, ABSTRACT, default="contributed", source_wins=False)
        self.merge_people(node, base, new, change)
        fields.merge(node, "abstract", base, new, ABSTRACT)
        fields.merge(node, "language", base, new, ABSTRACT)

    def merge_tutorial(self, node: dict, base: dict, new: dict, change: Change) -> None:
        fields = _Fields(change)
        fields.merge(node, "title", base, new, TUTORIAL)
        fields.merge(node, "description", base, new, TUTORIAL)
        fields.merge(node, "language", base, new, TUTORIAL)
        people = self.merge_list(node.get("presenters") or [], base.get("presenters") or [],
                                 new.get("presenters") or [], change, "presenters", bios=True)
        if people:
            put(node, "presenters", CommentedSeq(people), TUTORIAL)
        elif people is not None and "presenters" in node:
            del node["presenters"]

    def merge_people(self, node: dict, base: dict, new: dict, change: Change) -> None:
        """An abstract's speaker or authors: names from the source, everything else about them kept."""
        current = _people(node)
        people = self.merge_list(current, _people(base), _people(new), change, "authors")
        if people is None:
            return
        key = "speaker" if len(people) == 1 else "authors"
        if key == "speaker":
            person = people[0]
            if "presenting" in person:
                del person["presenting"]
            value = person
        else:
            for person in people:
                if "presenting" not in person:
                    set_key(person, "presenting", True, contract.AUTHOR)
            value = CommentedSeq(people)
        other = "authors" if key == "speaker" else "speaker"
        position = list(node).index(other) if other in node else None
        if other in node:
            del node[other]
        if key not in node and position is not None and isinstance(node, CommentedMap):
            node.insert(position, key, value)
        else:
            put(node, key, value, ABSTRACT)

    def merge_list(self, current: list, base: list, new: list, change: Change, label: str, bios: bool = False):
        """People (nodes of the folder) merged with the source's: the new list of nodes, or None for no change.

        Each new person is matched to the base person of the same name (else the one at the same place,
        when the source only renamed), and that to the folder's person of the base name (else at the same
        place): the folder's node is kept, its name (and bio) merged. People the LOC added stay, at the end."""
        base_names = [_name(p) for p in base]
        bios_same = not bios or same([p.get("bio") for p in base], [p.get("bio") for p in new])
        if [normal(p.get("name")) for p in new] == [normal(p.get("name")) for p in base] and bios_same:
            return None
        current = list(current)
        used: set[int] = set()

        def match(person_name, index, among) -> int | None:
            for k, other in enumerate(among):
                if k not in used and _name(other) == person_name:
                    return k
            if len(among) == len(new) and index < len(among) and index not in used:
                return index
            return None

        result, fields = [], _Fields(change)
        for index, person in enumerate(new):
            b_index = None
            for k, b in enumerate(base):
                if _name(b) == _name(person):
                    b_index = k
                    break
            if b_index is None and len(base) == len(new):
                b_index = index
            b = base[b_index] if b_index is not None else {}
            c_index = match(_name(b) if b else _name(person), b_index if b_index is not None else index, current)
            if c_index is None:
                result.append(yamlfile.node(person, PRESENTER if bios else contract.AUTHOR))
                continue
            used.add(c_index)
            node = current[c_index]
            record = PRESENTER if bios else contract.AUTHOR
            fields.merge(node, "name", b, person, record, label=f"{label}[{index}].name")
            if bios:
                fields.merge(node, "bio", b, person, record, label=f"{label}[{index}].bio")
            result.append(node)
        added_by_hand = [p for k, p in enumerate(current) if k not in used and _name(p) not in base_names]
        result += added_by_hand
        if len(result) != len(current) or any(a is not b for a, b in zip(result, current)):
            change.fields += (label,)
        return result

    # -- posters (no id: matched by title)

    def posters(self) -> None:
        name = "posters.yaml"
        base = {_poster_key(p): p for p in self.base.get(name) or []}
        new = {_poster_key(p): p for p in self.new.get(name) or []}
        document = self.doc(name)
        if document is None and not (base.keys() & new.keys()):
            if new:
                self.fresh(name)
            return
        if document is not None and not isinstance(document, list):
            raise Unreadable(f"{name}: the file must hold a list (lines starting with '- ') to be updated")
        current = {_poster_key(p): p for p in document or [] if isinstance(p, dict)}
        for key, entry in new.items():
            label = f"poster '{entry.get('title')}'"
            if key in current:
                node, b = current[key], base.get(key, {})
                change = self.change("changed", name, label)
                fields = _Fields(change)
                fields.merge(node, "abstract", b, entry, POSTER)
                self.merge_poster_authors(node, b, entry, change)
            elif key in base:
                self.change("deleted", name, label)
            else:
                if self.doc(name) is None:
                    self.docs[name] = CommentedSeq()
                numbers = [p.get("number") for p in self.docs[name] if isinstance(p, dict)]
                entry = dict(entry)
                entry["number"] = max([n for n in numbers if isinstance(n, int)] + [0]) + 1
                _append(self.docs[name], yamlfile.node([entry], POSTER)[0])
                self.change("added", name, label)
        for key, entry in base.items():
            if key in new or key not in current:
                continue
            label = f"poster '{entry.get('title')}'"
            if self.prune:
                _remove(self.docs[name], current[key])
                self.change("removed", name, label)
            else:
                self.change("gone", name, label)
                self.out.kept.setdefault(name, []).append(entry)

    def merge_poster_authors(self, node: dict, base: dict, new: dict, change: Change) -> None:
        """A poster's `author` (one name) or `authors` (people, merged as an abstract's are)."""
        fields = _Fields(change)
        if "author" in new and ("author" in node or "authors" not in node):
            fields.merge(node, "author", base, new, POSTER)
            return
        if "authors" in new and isinstance(node.get("authors"), list):
            people = self.merge_list(node["authors"], _people({"authors": base.get("authors")}),
                                     _people(new), change, "authors")
            if people is not None:
                node["authors"] = CommentedSeq(people)
            return
        for key in ("author", "authors"):  # one author became several, or the other way round
            if not same(base.get(key), new.get(key)):
                set_key(node, key, new.get(key), POSTER)
                change.fields += (key,)
        if "author" in new and "authors" in node:
            del node["authors"]
        if "authors" in new and "author" in node:
            del node["author"]

    # -- programme.yaml

    def programme(self) -> None:
        name = "programme.yaml"
        base, new = self.base.get(name) or {"days": []}, self.new.get(name) or {"days": []}
        document = self.doc(name)
        if document is None:
            if not base["days"] and new["days"]:
                self.fresh(name)
                self.out.changes.append(Change("added", name, "the programme"))
            elif base["days"]:
                self.change("deleted", name, "the programme")
            return
        if not isinstance(document, dict) or not isinstance(document.get("days"), list):
            raise Unreadable(f"{name}: the file must hold a mapping with a list of days to be updated")
        _Programme(self, document, base, new).run()


@dataclass
class _Spot:
    """A programme item where it stands."""

    key: str
    date: str
    item: dict
    container: list
    session: dict | None
    parallel: dict | None
    day: dict
    order: int

    @property
    def room(self):
        return self.item.get("room") or (self.session.get("room") if self.session else None)

    @property
    def kind(self):
        default = "talk" if "talk" in self.item else "tutorial" if "tutorial" in self.item else "other"
        return self.item.get("kind", default)

    def label(self) -> str:
        what = (f"talk {self.item['talk']}" if "talk" in self.item else f"tutorial {self.item['tutorial']}"
                if "tutorial" in self.item else f"'{self.item.get('title')}'")
        return f"{what} on {self.date}"


def _spots(programme) -> list[_Spot]:
    spots, seen = [], {}

    def add(item, container, day, session=None, parallel=None):
        if not isinstance(item, dict):
            return
        date = normal(day.get("date"))
        if "talk" in item:
            base = f"talk:{normal(item['talk'])}"
        elif "tutorial" in item:
            base = f"tutorial:{normal(item['tutorial'])}"
        else:
            kind = item.get("kind", "other")
            base = f"line:{date}|{str(normal(item.get('title') or '')).casefold()}|{normal(kind)}"
        seen[base] = seen.get(base, 0) + 1
        spots.append(_Spot(f"{base}#{seen[base]}", str(date), item, container, session, parallel, day, len(spots)))

    for day in programme.get("days") or []:
        if not isinstance(day, dict):
            continue
        for entry in day.get("items") or []:
            if not isinstance(entry, dict):
                continue
            if "parallel" in entry:
                for session in entry.get("parallel") or []:
                    for item in (session.get("items") or []) if isinstance(session, dict) else []:
                        add(item, session["items"], day, session, entry)
            elif "session" in entry:
                for item in entry.get("items") or []:
                    add(item, entry["items"], day, entry)
            else:
                add(entry, day["items"], day)
    return spots


def _paired(spots: list[_Spot], others: list[_Spot]) -> list[_Spot]:
    """`spots` keyed as `others` key the same item: a talk on several days is the one of `others` on its day (by
    order within the day), else the one left over, in order (moved to another day); one on a day `others` do not
    hold it and none left over is a new key. (By order alone, a talk no longer given on its first day was its second
    day's item moved there, and that day's item gone.)"""
    def occurrence(key: str) -> str:
        return key.rpartition("#")[0]

    theirs: dict[str, list[_Spot]] = {}
    for other in others:
        theirs.setdefault(occurrence(other.key), []).append(other)
    mine: dict[str, list[_Spot]] = {}
    for spot in spots:
        mine.setdefault(occurrence(spot.key), []).append(spot)
    keys: dict[int, str] = {}
    for what, group in mine.items():
        left = list(theirs.get(what, ()))
        if len(group) == 1 and len(left) <= 1:
            continue  # (held once: its key as it is, a day moved or not)
        unmatched = []
        for spot in group:
            same_day = next((o for o in left if o.date == spot.date), None)
            if same_day is None:
                unmatched.append(spot)
            else:
                left.remove(same_day)
                keys[id(spot)] = same_day.key
        used = {o.key for o in theirs.get(what, ())}
        count = len(used)
        for spot in unmatched:
            if left:
                keys[id(spot)] = left.pop(0).key
            else:
                count += 1
                while f"{what}#{count}" in used:
                    count += 1
                keys[id(spot)] = f"{what}#{count}"
                used.add(keys[id(spot)])
    return [replace(s, key=keys[id(s)]) if id(s) in keys else s for s in spots]


class _Programme:
    def __init__(self, merge: _Merge, document: dict, base: dict, new: dict):
        self.m = merge
        self.doc = document
        base_spots = _spots(base)
        self.base = {s.key: s for s in base_spots}
        new_spots = _paired(_spots(new), base_spots)
        self.new = {s.key: s for s in new_spots}
        self.order = {s.key: s.order for s in new_spots}
        self.new_doc = new
        self.base_nights = {str(normal(d.get("date"))) for d in base.get("days") or [] if isinstance(d, dict)
                            and d.get("night")}
        self.key_of: dict[int, str] = {}  # id(item node of the folder) -> its key
        self.resort: list[list] = []

    def change(self, what, spot: _Spot, **kw) -> Change:
        return self.m.change(what, "programme.yaml", spot.label(), **kw)

    def current(self) -> dict[str, _Spot]:
        spots = _paired(_spots(self.doc), list(self.base.values()))
        self.key_of = {id(s.item): s.key for s in spots}
        return {s.key: s for s in spots}

    def run(self) -> None:
        current = self.current()
        self.whole_blocks(current)
        current = self.current()
        for key, n in self.new.items():
            c, b = current.get(key), self.base.get(key)
            if c is None:
                if key in self.key_of.values():
                    continue  # added with its block
                if b is None:
                    item = yamlfile.node(n.item, ITEM)
                    self.key_of[id(item)] = key
                    self.place(item, n)
                    self.change("added", n)
                else:
                    self.change("deleted", n)
                continue
            self.merge_item(c, b, n)
        current = self.current()
        shown = self.shown()
        for key, b in self.base.items():
            if key in self.new or key not in current:
                continue
            if key.startswith("line:") and same(current[key].item, b.item) and \
                    (b.date, normal(b.item.get("time")), fold(str(normal(b.item.get("title")) or ""))) in shown:
                self.detach(current[key])  # a line the source now gives as the talk it is, at its time: replaced
                self.change("changed", b, fields=("talk",))
                continue
            if self.m.prune:
                self.detach(current[key])
                self.change("removed", b)
            else:
                self.change("gone", b)
                item = dict(b.item)
                if b.room:
                    item["room"] = b.room
                self.m.out.kept.setdefault("programme.yaml", []).append({"date": b.date, "item": item})
        self.nights()
        for container in self.resort:
            self.sort(container)

    def nights(self) -> None:
        """A day the new import writes `night: true` and the earlier did not (its events after midnight kept at its
        end: importers.schedule's nights) is written so in the folder, where it has none: the events moved there from
        their own date would be read as typos (00:15 after 10:30). (One the earlier import wrote so, and the folder
        no longer does, was changed there: kept.)"""
        for day in self.new_doc.get("days") or []:
            date = str(normal(day["date"]))
            if day.get("night") and date not in self.base_nights:
                folder_day = self.day(date)
                if "night" not in folder_day:
                    set_key(folder_day, "night", True, DAY)

    def shown(self) -> set[tuple]:
        """(date, time, folded title) of each talk and tutorial of the new import: a line of the base at its time
        under its title (a workshop's day without its speaker, 39C3's, now given as the workshop) is that item."""
        titles = {str(normal(e.get("id"))): str(normal(e.get("title")) or "")
                  for name in ("abstracts.yaml", "tutorials.yaml") for e in self.m.new.get(name) or []
                  if isinstance(e, dict)}
        out = set()
        for s in self.new.values():
            target = s.item.get("talk", s.item.get("tutorial"))
            if target is not None:
                for title in (s.item.get("title"), titles.get(str(normal(target)))):
                    if title:
                        out.add((s.date, normal(s.item.get("time")), fold(str(normal(title)))))
        return out

    def whole_blocks(self, current: dict[str, _Spot]) -> None:
        """Parallel blocks of the new import none of whose items the folder or the base has: added whole."""
        new_key = {id(s.item): s.key for s in self.new.values()}
        for day in self.new_doc.get("days") or []:
            for entry in day.get("items") or []:
                if "parallel" not in entry:
                    continue
                items = _items(entry)
                keys = [new_key[id(i)] for i in items]
                if any(k in current or k in self.base for k in keys):
                    continue
                block = yamlfile.node(entry, PARALLEL)
                for node_item, k in zip(_items(block), keys):
                    self.key_of[id(node_item)] = k
                self.insert(self.day(str(normal(day["date"])))["items"], block, min(self.order[k] for k in keys))
                for k in keys:
                    self.change("added", self.new[k])

    def merge_item(self, c: _Spot, b: _Spot | None, n: _Spot) -> None:
        change = self.change("changed", n)
        fields = _Fields(change)
        bi = b.item if b else {}
        day_moved = b is not None and b.date != n.date and c.date == b.date
        room_moved = b is not None and not same(b.room, n.room) and same(c.room, b.room)
        if day_moved or room_moved:
            self.detach(c)
            self.place(c.item, n)  # (at its new time, by the import's order: c's block is no longer its own)
            change.fields += ("day",) if day_moved else ("room",)
        elif b is not None and not same(b.room, n.room) and c.session is None:
            fields.merge(c.item, "room", {"room": b.room}, {"room": n.room}, ITEM)
        if fields.merge(c.item, "time", bi, n.item, ITEM) and not (day_moved or room_moved):
            block = c.parallel if c.parallel is not None else c.session
            others = [i for i in _items(block) if i is not c.item] if block is not None else []
            # moved out of its session's hours (as they were, its own time among them: its last talk moved a few
            # minutes later stays), to where it is now
            hours = others + ([bi] if isinstance(bi.get("time"), str) else [])
            if others and not self.spans(hours, n):
                self.detach(c)
                self.place(c.item, n)
            else:
                self.resort.append(c.container if block is None or others else c.day["items"])
        fields.merge(c.item, "title", bi, n.item, ITEM)
        if b is not None and b.kind != n.kind and c.kind != n.kind:
            if c.kind == b.kind:
                set_key(c.item, "kind", n.item.get("kind"), ITEM)
                change.fields += ("kind",)
            else:
                change.kept += ("kind",)

    # -- moving items

    def day(self, date: str) -> dict:
        """The folder's day of `date`, made (in date order) when it has none."""
        days = self.doc["days"]
        for day in days:
            if isinstance(day, dict) and str(normal(day.get("date"))) == date:
                if not isinstance(day.get("items"), list):
                    day["items"] = CommentedSeq()
                return day
        node = CommentedMap([("date", dt.date.fromisoformat(date)), ("items", CommentedSeq())])
        position = next((k for k, d in enumerate(days)
                         if isinstance(d, dict) and str(normal(d.get("date"))) > date), len(days))
        days.insert(position, node)
        return node

    def place(self, item: dict, n: _Spot) -> None:
        """Put `item` where the new import has it: into its room's session on its day when one is on at its
        time (a parallel block on at its time gets a session for its room), else as an item of the day."""
        day = self.day(n.date)
        room, container = n.room, None
        for entry in day["items"] if room else ():
            if not isinstance(entry, dict) or not ("parallel" in entry or "session" in entry):
                continue
            sessions = entry.get("parallel") if "parallel" in entry else [entry]
            if not isinstance(sessions, list) or not self.spans(_items(entry), n):
                continue
            for session in sessions:
                if isinstance(session, dict) and same(session.get("room"), room) and \
                        isinstance(session.get("items"), list):
                    container = session["items"]
                    break
            if container is None and "parallel" in entry:
                session = yamlfile.node({"session": room, "room": room, "items": [{"title": "x"}]}, SESSION)
                session["items"] = CommentedSeq()
                sessions.append(session)
                container = session["items"]
            if container is not None:
                break
        if container is None:
            container = day["items"]
            set_key(item, "room", room, ITEM)
        elif "room" in item:
            del item["room"]
        self.insert(container, item, n.order)

    def spans(self, items: list, n: _Spot) -> bool:
        """Whether the new item is on while the items given are (it starts while they are on, or runs into their
        first): by their times when both have times (an item that moved to another time has its new place in the
        import's order, which says nothing of the block's hours then), else by the new import's order."""
        start, end = _minutes(n.item.get("time")), _minutes(n.item.get("time"), end=True)
        spans = [_minutes(i.get("time"), end=True) for i in items if isinstance(i, dict)]
        starts = [_minutes(i.get("time")) for i in items if isinstance(i, dict)]
        if start is not None and any(x is not None for x in starts):
            first = min(x for x in starts if x is not None)
            last = max(x for x in spans + starts if x is not None)
            return first <= start < last or start == first or (end is not None and start < first < end)
        orders = [o for o in (self.order_of(i) for i in items) if o is not None]
        return bool(orders) and min(orders) < n.order < max(orders)

    def order_of(self, entry) -> float | None:
        """Where an entry comes in the new import's order (the earliest of its items); None for the LOC's own."""
        orders = [self.order[k] for k in (self.key_of.get(id(i)) for i in _items(entry)) if k in self.order]
        return min(orders) if orders else None

    def insert(self, container: list, entry, order: int) -> None:
        position = next((k for k, other in enumerate(container)
                         if (o := self.order_of(other)) is not None and o > order), len(container))
        container.insert(position, entry)

    def detach(self, spot: _Spot) -> None:
        _remove(spot.container, spot.item)
        if spot.session is not None and not spot.container and not spot.session.get("chair"):
            holder = spot.parallel.get("parallel") if spot.parallel is not None else spot.day.get("items")
            _remove(holder, spot.session)
            if spot.parallel is not None and not holder:
                _remove(spot.day.get("items"), spot.parallel)
        elif spot.session is not None and not spot.container:  # kept for its chair, with no items now
            spot.session.ca.items.pop("items", None)  # (its comment after `items:` would be written before `[]`)
            spot.container.ca.comment = None

    def sort(self, container: list) -> None:
        """The container's entries in the new import's order, the LOC's own entries staying after the one above."""
        keyed, last = [], -1.0
        for k, entry in enumerate(container):
            order = self.order_of(entry)
            last = order if order is not None else last + 1e-6
            keyed.append((last, k, entry))
        ordered = [entry for _, _, entry in sorted(keyed, key=lambda t: (t[0], t[1]))]
        if any(a is not b for a, b in zip(ordered, container)):
            for k, entry in enumerate(ordered):
                container[k] = entry


def _same_values(text: str, current: str | None) -> bool:
    """Whether two YAML texts hold the same values (False when either cannot be read)."""
    if current is None:
        return False
    import yaml

    from ..data.load import yaml_loader

    try:
        return yaml.load(text, Loader=yaml_loader()) == yaml.load(current, Loader=yaml_loader())
    except yaml.YAMLError:
        return False


def _minutes(time, end: bool = False) -> int | None:
    """'09:00-09:20' -> 540 (or 560 for the end); None when there is no such time."""
    match = re.match(r"^\s*(\d{1,2})[:.h](\d{2})(?:\s*[-\u2013\u2014]\s*(\d{1,2})[:.h](\d{2}))?", str(time or ""))
    if not match:
        return None
    hours, minutes = (match.group(3), match.group(4)) if end and match.group(3) else match.group(1, 2)
    return int(hours) * 60 + int(minutes)


def _items(entry) -> list:
    if not isinstance(entry, dict):
        return []
    if "parallel" in entry:
        return [i for s in entry.get("parallel") or [] if isinstance(s, dict) for i in s.get("items") or []]
    if "session" in entry:
        return list(entry.get("items") or [])
    return [entry]


def _append(entries: list, node) -> None:
    """A new entry at the end of a list file, after a blank line as the others are."""
    entries.append(node)
    if len(entries) > 1 and isinstance(entries, CommentedSeq):
        entries.yaml_set_comment_before_after_key(len(entries) - 1, before="\n")


def _remove(container, node) -> None:
    if container is None:
        return
    for k, other in enumerate(container):
        if other is node:
            del container[k]
            return


def _renamed(base: dict, new: dict, aliases: dict[str, tuple[str, ...]] | None = None) -> dict:
    """`new` with each abstract or tutorial that the source renamed given its id of the base again: an id made from
    the title (a spreadsheet has no ids) changes with the title, and the talk would be added again beside the LOC's
    edited one. A new entry made of several of the source's events (`aliases`: its id -> the others' ids) keeps the
    one of them the base has (a workshop held again, the abstract under its first event's id, which the source may
    list earlier now). Else an entry of the base whose id the new import lacks is the new entry of an id the base
    lacks when they are the only such pair with the same people (non-empty) and the same place in the programme
    (day and time) or the same text."""
    renames: dict[str, str] = {}
    slots = {side: {f"{what}:{normal(s.item[what])}": (s.date, normal(s.item.get("time")))
                    for s in _spots(doc.get("programme.yaml") or {}) for what in ("talk", "tutorial") if what in s.item}
             for side, doc in (("base", base), ("new", new))}
    for name, what, text, people in (("abstracts.yaml", "talk", "abstract", _people),
                                     ("tutorials.yaml", "tutorial", "description", lambda e: [
                                         p for p in e.get("presenters") or [] if isinstance(p, dict)])):
        old_entries = [e for e in base.get(name) or [] if isinstance(e, dict) and e.get("id")]
        new_entries = [e for e in new.get(name) or [] if isinstance(e, dict) and e.get("id")]
        old_ids, new_ids = {str(e["id"]) for e in old_entries}, {str(e["id"]) for e in new_entries}
        for ident in new_ids - old_ids:
            kept = [other for other in (aliases or {}).get(ident, ()) if other in old_ids and other not in new_ids]
            if len(kept) == 1:
                renames[ident] = kept[0]
        gone = [e for e in old_entries if str(e["id"]) not in new_ids and str(e["id"]) not in renames.values()]
        added = [e for e in new_entries if str(e["id"]) not in old_ids and str(e["id"]) not in renames]

        def who(entry: dict) -> tuple[str, ...]:
            return tuple(sorted(map(_name, people(entry))))

        def alike(a: dict, b: dict) -> bool:  # (of the same people)
            slot = slots["base"].get(f"{what}:{normal(a['id'])}")
            return ((slot is not None and slot == slots["new"].get(f"{what}:{normal(b['id'])}"))
                    or (bool(a.get(text)) and normal(a.get(text)) == normal(b.get(text))))

        by_people: dict[tuple[str, ...], tuple[list[dict], list[dict]]] = {}  # (compared only within: not n x n)
        for entry in gone:
            by_people.setdefault(who(entry), ([], []))[0].append(entry)
        for entry in added:
            by_people.setdefault(who(entry), ([], []))[1].append(entry)
        for names, (olds, news) in by_people.items():
            for entry in news if names else ():
                matches = [old for old in olds if alike(old, entry)]
                if len(matches) == 1 and sum(alike(matches[0], other) for other in news) == 1:
                    renames[str(entry["id"])] = str(matches[0]["id"])
    if not renames:
        return new

    def renamed(value, key=None):
        if isinstance(value, dict):
            return {k: renamed(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [renamed(v, key) for v in value]
        return renames.get(value, value) if key in ("id", "talk", "tutorial") and isinstance(value, str) else value

    return {name: renamed(doc) if name in ("abstracts.yaml", "tutorials.yaml", "programme.yaml") else doc
            for name, doc in new.items()}


def _name(person) -> str:
    """A person's name as people are matched: folded case, '' when there is none."""
    name = normal(person.get("name")) if isinstance(person, dict) else None
    return str(name).casefold() if name is not None else ""


def _people(entry) -> list:
    if not isinstance(entry, dict):
        return []
    if isinstance(entry.get("speaker"), dict):
        return [entry["speaker"]]
    return [p for p in entry.get("authors") or [] if isinstance(p, dict)]


def _poster_key(poster) -> str:
    return str(normal(poster.get("title") or "")).casefold() if isinstance(poster, dict) else ""


def _label(name: str, entry) -> str:
    if name == "people.yaml" and isinstance(entry, dict) and entry.get("name"):
        return str(entry["name"])
    if isinstance(entry, dict) and entry.get("id"):
        return str(entry["id"])
    if isinstance(entry, dict) and entry.get("title"):
        return f"poster '{entry['title']}'"
    return name
