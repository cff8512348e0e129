"""One YAML mapping (Map) and its declared Record -> typed values, every problem recorded with file, line and key path."""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from ..text import fonts, markup
from .. import images
from . import web
from ..cache import memory
from .contract import (COLOUR, TEXT_MAX, TITLES, Key, Record, blank_said, choice_hint, example_line, holds_detail,
                       holds_name)
from .load import BAD, Map, Seq, not_text_said
from ..problems import Problem, did_you_mean, listed


class Untitled(str):
    """What prints in place of a title the fonts print nothing of (Report.untitled, the label title_not_printable), and
    the title as written (`written`): two such titles print alike, and are told apart, and matched (a poster's
    `session:` with its session), by what was written (as_written). It is equal only to an Untitled of the same
    label and the same title as written, and hashes and reprs (as the disk cache's keys are made) with both: any
    set or dict of titles, any cache key, keeps `session: 東京` and `session: 京都` apart (as their label alone, equal,
    they were one)."""

    written: str

    def __new__(cls, label: str, written: str):
        made = super().__new__(cls, label)
        made.written = written
        return made

    def __getnewargs__(self):  # (entries are pickled: from the process that reads the posters, into the cache)
        return str(self), self.written

    def __eq__(self, other) -> bool:
        return isinstance(other, Untitled) and str.__eq__(self, other) and self.written == other.written

    def __ne__(self, other) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash((str(self), self.written))

    def __repr__(self) -> str:
        return f"Untitled({str.__repr__(self)}, {self.written!r})"


def as_written(text: str) -> str:
    """A title as written: an Untitled's `written`, any other text itself."""
    return text.written if isinstance(text, Untitled) else text


class Report:
    """Collects the problems found while reading the data, and knows the data folder."""

    def __init__(self, root: Path, untitled: str = ""):
        self.root = root
        # what prints in place of a title the fonts print nothing of (the label title_not_printable, in the booklet's
        # language); "" keeps such a title
        self.untitled = untitled
        self.problems: list[Problem] = []
        self.image_sources: dict[Path, object] = {}  # image path -> Source of its first mention
        self.images_checked: list[tuple[str, Path, str | None]] = []  # (name as written, path, what is wrong)
        self.named: dict[str, Path] = {}  # other files the data names (extra pages, fonts): as written -> the path
        # the fonts in use, the number kept_entry's keys know them by in memory, and the hash of their files (on disk)
        self.fonts: tuple = (None, None, None)
        self._long_words: dict[tuple[str, str], list[Problem]] = {}  # (file, key) -> its warnings of a long word

    def error(self, file: str, line: int, key: str, message: str) -> None:
        """An error at `file`, `line`, `key`; a warning of an absurdly long word in the same value goes (the value is
        refused: a caption or a sponsor's name too long to print was told of twice)."""
        for told in self._long_words.pop((file, key), ()):
            self.problems.remove(told)
        self.problems.append(Problem(file, line, key, message))

    def warn(self, file: str, line: int, key: str, message: str, kind: str) -> None:
        self._added(Problem(file, line, key, message, "warning", kind))

    def _added(self, problem: Problem) -> None:
        """`problem` added, a warning of a long word noted by its value's file and key (see error)."""
        self.problems.append(problem)
        if problem.kind == "long-word":
            self._long_words.setdefault((problem.file, problem.key), []).append(problem)

    def found(self) -> tuple:
        """What reading added here: (problems, image mentions, image checks), to be taken by another Report."""
        return tuple(self.problems), tuple(self.image_sources.items()), tuple(self.images_checked)

    def take(self, found: tuple) -> None:
        """What another Report found (its `found()`), added as if read here: an image's first mention kept."""
        problems, sources, checked = found
        for problem in problems:
            self._added(problem)
        for where, source in sources:
            self.image_sources.setdefault(where, source)
        self.images_checked.extend(checked)


def describe(value) -> str:
    """What a wrongly typed value is, in a user's words."""
    if isinstance(value, Map):
        return "a mapping"
    if isinstance(value, Seq):
        return "a list"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, float) and not math.isfinite(value):
        return f"'{value}' ({'not a number' if math.isnan(value) else 'infinity'})"  # ('.nan', '.inf': YAML's)
    if isinstance(value, float) and not value.is_integer():
        return f"the fraction {value}"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, dt.date):
        return "a date"
    return "text"


_DATE_AND_TIME = re.compile(r"\d{4}-\d\d-\d\d[T ]\d\d?:\d\d.*")
_DATE_FORM = re.compile(r"\d{4}-\d\d-\d\d", re.ASCII)  # (not ２０２７-06-14: calendar_slip found no slip in it)
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")  # (not the computer's locale: messages are English)


def calendar_slip(text: str) -> str:
    """What is wrong with a date written YYYY-MM-DD that the calendar does not have, to follow its error: ': June 2027
    has 30 days', ': there are 12 months (YYYY-MM-DD: the month is the second number)' (a day and month swapped)."""
    year, month, day = (int(part) for part in text.split("-"))
    if not year:
        return ": the years count from 1"
    if not 1 <= month <= 12:
        return ": there are 12 months (YYYY-MM-DD: the month is the second number)"
    days = calendar.monthrange(year, month)[1]
    return f": {_MONTHS[month - 1]} {year} has {days} days" if day else ": the days of a month count from 1"


def _as_declared(value: str, choices) -> str:
    """A choice written in other capitals ('a4', 'Classic') as the contract declares it ('A4', 'classic')."""
    if value in choices:
        return value
    return next((choice for choice in choices if choice.lower() == value.lower()), value)


def join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def _invisible(text: str) -> bool:
    """Whether `text` is made of nothing but spaces and characters that print nothing (Unicode's format characters:
    zero-width spaces and joiners, a byte order mark)."""
    return all(ch.isspace() or unicodedata.category(ch) == "Cf" for ch in text)


_DIGITS = re.compile(r"[-+]?[0-9]+")  # a whole number as YAML 1.2 reads it: in decimal, leading zeros and all
# what YAML 1.1 reads as text though it is a number to YAML 1.2: a leading zero and an 8 or 9 (`008`); a quoted
# number ("7") stays text, as the schema has it
_NOT_OCTAL = re.compile(r"[-+]?0[0-9]*[89][0-9]*")


class Fields:
    """Typed access to the keys of one mapping, as its Record declares them.

    Unknown keys and missing required keys are reported on creation; a key that the Record does
    not declare cannot be read (a programming error), so the validator cannot drift from the contract.
    """

    def __init__(self, report: Report, mapping: Map, path: str, record: Record):
        self.report = report
        self.map = mapping
        self.path = path
        self.record = record
        self.file = mapping.file
        # the names left out here, the fonts printing nothing of them, as written (never printed: to find the
        # person's email)
        self.left_out: list[str] = []
        for key in mapping:
            if key not in record:
                self.error(key, unknown_key(key, record))
        for key in record.required:
            if key not in mapping and not mapping.unmerged:  # (a merge that failed, already an error, was to give it)
                self.report.error(self.file, mapping.line, join(path, key),
                                  f"required key is missing (e.g. {example_line(record[key])})")

    # -- plumbing ---------------------------------------------------------
    def at(self, key: str) -> str:
        return join(self.path, key)

    def line(self, key: str) -> int:
        return self.map.lines.get(key, self.map.line)

    def error(self, key: str, message: str) -> None:
        self.report.error(self.file, self.line(key), self.at(key), message)

    def source(self):
        from ..model import Source

        return Source(self.file, self.map.line, self.path)

    def key(self, key: str) -> Key:
        return self.record[key]

    def wrong_type(self, key: str, value) -> None:
        """'expected a mapping (key: value lines), not text; write it like: dates: {...}'."""
        spec = self.record[key]
        self.error(key, f"expected {spec.shape}, not {describe(value)}; write it like: {example_line(spec)}")

    def _present(self, key: str, required: bool):
        self.record[key]  # noqa: B018 - only declared keys can be read
        value = self.map.get(key)
        if value is BAD:
            return None
        if value is None:
            if required and key in self.map:
                self.error(key, "must not be empty")
            return None
        return value

    # -- typed values -----------------------------------------------------
    def text(self, key: str, required: bool = False, printed: bool = True, glyphs: bool = True) -> str | None:
        """`glyphs`: warn of characters the fonts cannot print (False for theme.yaml's labels: it is read before the
        fonts it names are in use, and lint.language.check_label_characters looks at them with those fonts)."""
        if key in self.map.tags and self.map.get(key) is not BAD:
            # (`title: !!timestamp 2024-01-01` printed its text, `title: !!null News` nothing; a tagged value YAML
            # cannot make, `!!timestamp x`, is said to be none where it is read)
            self.error(key, not_text_said(self.map.tags[key], key))
            return None
        value = self._present(key, required)
        if value is None:
            return None
        if isinstance(value, (Map, Seq)):
            self.wrong_type(key, value)
            return None
        text = self.map.raw[key].strip()
        if not text:
            if required:
                self.error(key, "must not be empty")
            elif said := blank_said(self.record, self.record[key]):  # (`affiliation: ""` was as no affiliation,
                # `time: ""` an item without a time, `kind: ""` the default kind, each without a word)
                self.error(key, said)
            return None
        if _invisible(text):  # (a name of a zero-width space printed no name, and passed check)
            self.error(key, "holds only characters that print nothing (zero-width spaces, joiners); write the text"
                       + ("" if required else ", or leave the key out"))
            return None
        if len(text) > TEXT_MAX:
            self.error(key, too_long(text))
            return None
        if _CONTROL.search(text):
            _control_error(self.report, self.file, self.at(key), text, self.line(key))
            return None
        if printed:
            name = self.holds_name(key)
            instead = self.report.untitled if self.holds_title(key) else ""
            if not check_printable(self.report, self.file, self.line(key), self.at(key), text, glyphs, name, instead):
                if instead:
                    return Untitled(instead, text)
                if name or self.holds_detail(key):  # (a name, an affiliation, a country: as the warning says)
                    if name:
                        self.left_out.append(text)  # (the name, of which the fonts print nothing)
                    return None
            text = without_bidi(text)
            if name:
                text = names_printed(text)
        return text

    def email(self, key: str) -> str | None:
        """An email address (never printed): text as YAML reads it, not a number, true/false or a date written bare
        (`email: 42` was taken as the address '42', a warning of lint at most, as the schema refuses it)."""
        value = self.map.get(key)
        if value is not None and value is not BAD and not isinstance(value, (str, Map, Seq)) \
                and key not in self.map.tags:
            self.wrong_type(key, value)
            return None
        return self.text(key, printed=False)

    def web(self, key: str, printed: bool = True) -> str | None:
        """A key that holds a web address (data.web's one rule): an address of another kind (javascript:, file:)
        is an error at its key."""
        text = self.text(key, printed=printed)
        if text is None:
            return None
        refused = web.refusal(text)
        if refused:
            self.error(key, refused)
            return None
        return text

    def empty(self, key: str) -> bool:
        """Whether `key` is written with a text of nothing in it (`language: ''`, `aliases: " "`): not left out (that
        is `language:`, or no key), so said to be empty, as people.yaml's `family: ''` is."""
        value = self.map.get(key)
        return isinstance(value, str) and not value.strip() and key not in self.map.tags

    def holds_name(self, key: str) -> bool:
        """Whether `key` holds a person's name (contract.NAMES): one the fonts print nothing of is left out."""
        return holds_name(self.record.name, key)

    def holds_title(self, key: str) -> bool:
        """Whether `key` holds an entry's title (contract.TITLES): one the fonts print nothing of prints
        `Report.untitled` in its place."""
        return key in TITLES.get(self.record.name, ())

    def holds_detail(self, key: str) -> bool:
        """Whether `key` holds what is printed beside a person's name (contract.DETAILS): one the fonts print nothing
        of is left out, the person kept."""
        return holds_detail(self.record.name, key)

    def texts(self, key: str, printed: bool = True) -> tuple[str, ...]:
        """A text, or a list of texts (not `printed`: names booklet reads, such as fonts', not checked for what the
        fonts can print)."""
        return tuple(text for text, _, _ in self.texts_at(key, printed))

    def texts_at(self, key: str, printed: bool = True) -> list[tuple[str, int, str]]:
        """texts, each with its line and its path (`sections[2]`; the key's own for a text not in a list): for a
        warning about one of them."""
        if key in self.map.tags:  # (`notes: !!null x`: refused as a text key's is)
            self.text(key)
            return []
        value = self._present(key, False)
        if value is None:
            return []
        if not isinstance(value, Seq):
            one = self.text(key, printed=printed)
            return [(one, self.line(key), self.at(key))] if one else []
        out = []
        name, detail = self.holds_name(key), self.holds_detail(key)  # (the key's, for every item)
        for index, item in enumerate(value):
            where = join(self.at(key), index)
            if item is BAD:
                continue
            if index in value.tags:  # (`- !!timestamp 2024-01-01` printed its text, as a text key's value did)
                self.report.error(self.file, value.lines[index], where, not_text_said(value.tags[index], key, True))
                continue
            if isinstance(item, (Map, Seq)):
                self.report.error(self.file, value.lines[index], where,
                                  f"expected text, not {describe(item)}; write it like: {example_line(self.record[key])}")
                continue
            text = "" if item is None else value.raw[index].strip()
            if not text:  # (`- ""` or `- " "` as `-`: a chair list's "" printed "Chairs: Mei Chen, and")
                self.report.error(self.file, value.lines[index], where,
                                  "an empty item: write its text, or leave the item out")
                continue
            if _invisible(text):  # (a chair list's "\u200b" printed "Chairs: Mei Chen and", an affiliation list's
                # "\u200f" a numbered line with no text under the author list)
                self.report.error(self.file, value.lines[index], where, "holds only characters that print nothing "
                                  "(zero-width spaces, joiners); write its text, or leave the item out")
                continue
            if len(text) > TEXT_MAX:
                self.report.error(self.file, value.lines[index], where, too_long(text))
                continue
            if _CONTROL.search(text):
                _control_error(self.report, self.file, where, text, value.lines[index])
                continue
            if not printed:
                out.append((text, value.lines[index], where))
            elif check_printable(self.report, self.file, value.lines[index], where, text, name=name) or not (
                    name or detail):
                out.append((names_printed(without_bidi(text)) if name else without_bidi(text), value.lines[index],
                            where))
            elif name:
                self.left_out.append(text)
        return out

    def date(self, key: str, required: bool = False) -> dt.date | None:
        value = self._present(key, required)
        if value is None:
            return None
        if isinstance(value, dt.datetime) or isinstance(value, str) and _DATE_AND_TIME.fullmatch(value.strip()):
            # (YAML reads 2027-06-14T09:00:00 as a timestamp, 2027-06-14T09:00 as text)
            self.error(key, f"'{self.map.raw.get(key, '').strip()}' is a date and a time; write the date alone, like: "
                            f"{example_line(self.record[key])}")
            return None
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                if _DATE_FORM.fullmatch(value.strip()):  # 2027-02-30: no day of the calendar
                    self.error(key, f"'{value.strip()}' is not a valid date{calendar_slip(value.strip())}")
                    return None
        if isinstance(value, (Map, Seq)):  # (it said "'a list' is not a date", as if the words were written)
            self.wrong_type(key, value)
            return None
        self.error(key, f"'{self.map.raw.get(key) or describe(value)}' is not a date; write it like: "
                        f"{example_line(self.record[key])}")
        return None

    def integer(self, key: str) -> int | None:
        """A whole number as written in digits: `010` is 10 and `008` is 8 (YAML 1.1, which the loader reads, has
        them octal, 8, and text; YAML 1.2 and the editor's schema decimal); a number YAML reads from another form
        (`1:30` is 90, `0x10` 16, `1_000`) is reported, not taken for what was not written."""
        value = self._present(key, False)
        if value is None:
            return None
        raw = (self.map.raw.get(key) or "").strip()
        if _DIGITS.fullmatch(raw) and (isinstance(value, int) and not isinstance(value, bool)
                                       or isinstance(value, str) and _NOT_OCTAL.fullmatch(raw)):
            return int(raw, 10)
        if isinstance(value, int) and not isinstance(value, bool):
            self.error(key, f"'{raw}' is read as {value}; write the whole number in digits, like: "
                            f"{example_line(self.record[key])}")
            return None
        self.wrong_type(key, value)
        return None

    def boolean(self, key: str) -> bool:
        value = self._present(key, False)
        if value is None:
            return False
        if isinstance(value, bool):
            return value
        if isinstance(value, str):
            hint = " (remove the quotes)" if value.strip().lower() in ("true", "false", "yes", "no") else ""
            self.error(key, f'expected true or false, not the text "{value}"{hint}')
        else:
            self.wrong_type(key, value)
        return False

    def choice(self, key: str, default: str) -> str:
        """One of the key's declared choices; another word is reported with the closest choice."""
        spec = self.record[key]
        value = self.text(key, printed=False)
        if value is None:
            return default
        value = _as_declared(value, spec.choices)
        if value not in spec.choices:
            self.error(key, f"'{value}' is not one of {', '.join(spec.choices)}{choice_hint(spec, value)}")
            return default
        return value

    def colour(self, key: str, required: bool = False) -> str | None:
        """'#RRGGBB', upper-cased."""
        value = self.text(key, required=required, printed=False)
        if value is None:
            return None
        if not COLOUR.match(value):
            self.error(key, f"'{value}' is not a colour; write it like: {example_line(self.record[key])}")
            return None
        return value.upper()

    def choices(self, key: str) -> tuple[str, ...] | None:
        """A list of the key's declared words, each once."""
        spec = self.record[key]
        if key not in self.map:
            return None
        out: dict[str, int] = {}  # each word given -> its line
        for value, line, where in self.texts_at(key):  # (each reported at its own line: a review found them all
            value = _as_declared(value, spec.choices)  # at the line of `sections:`)
            if value not in spec.choices:
                self.report.error(self.file, line, where,
                                  f"'{value}' is not one of {', '.join(spec.choices)}{choice_hint(spec, value)}")
            elif value in out:
                self.report.error(self.file, line, where, f"'{value}' is given twice"
                                  + (f" (first at line {out[value]})" if out[value] != line else ""))
            else:
                out[value] = line
        return tuple(out)

    def mapping(self, key: str, required: bool = False) -> Map | None:
        value = self._present(key, required)
        if value is None:
            return None
        if not isinstance(value, Map):
            self.wrong_type(key, value)
            return None
        return value

    def seq(self, key: str, required: bool = False) -> Seq | None:
        value = self._present(key, required)
        if value is None:
            return None
        if not isinstance(value, Seq):
            self.wrong_type(key, value)
            return None
        return value

    def image(self, key: str) -> Path | None:
        name = self.text(key, printed=False)
        if name is None:
            return None
        try:
            path = images.located(self.report.root, name)
        except RuntimeError:  # a loop of links (Python 3.11's resolve raises it so)
            self.error(key, f"'{name}': cannot be read (a loop of symbolic links)")
            return None
        problem = images.check(path, self.report.root)
        self.report.images_checked.append((name, path, problem))
        if problem:
            self.error(key, f"'{name}': {images.dangling(self.report.root, name) or problem}")
            return None
        from ..model import Source

        self.report.image_sources.setdefault(path, Source(self.file, self.line(key), self.at(key)))
        return path


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # C0 and C1 controls but tab and newline


def control_characters(text: str, column: int | None = None) -> str | None:
    """What is wrong with `text` when it holds control characters (invisible, and meaningless in print): where the
    first is, at `column` of the line the message names (where it is written in the file, when that is known); else
    counted in the text, on its own line of the text when it has several (a review found "at character 201" for a
    character on the third line of a text written over four: counted from the text's first line)."""
    found = _CONTROL.search(text)
    if not found:
        return None
    count = len(_CONTROL.findall(text))
    more = f" (and {count - 1} more)" if count > 1 else ""
    if column is not None:
        where = f"at column {column}"
    else:
        before = text[:found.start()]
        line_start = before.rfind("\n") + 1
        where = (f"at character {found.start() - line_start + 1} of the text's line {before.count(chr(10)) + 1}"
                 if "\n" in text else f"at character {found.start() + 1}")
    return (f"a control character, U+{ord(found[0]):04X}, {where}{more}: it cannot be printed; remove it (it may have "
            "come with text copied from another program)")


def _control_error(report: Report, file: str, key: str, text: str, line: int) -> None:
    """The error of a text holding control characters, at the line (and column) of the file where the first is."""
    index = _CONTROL.search(text).start()
    place = None
    if report.root is not None:
        from .locate import place_within

        place = place_within(report.root, file, key, text, index)
    report.error(file, place[0] if place else line, key, control_characters(text, place[1] if place else None))


def too_long(text: str) -> str:
    return (f"too long: {len(text):,} characters, and a text holds at most {TEXT_MAX:,} (some twenty pages; is a "
            "whole paper or a file pasted in?)")


def unknown_key(key: str, record: Record) -> str:
    """"unknown key 'nmae' (did you mean 'name'?); the keys here are name, affiliation, email, photo". A key that
    holds a character that shows as nothing (a zero-width space, a byte order mark: text pasted from a web page or
    two files joined) names it: "unknown key 'ven​ue' (did you mean 'venue'?)" read as a riddle."""
    unseen = sorted({char for char in key if unicodedata.category(char) == "Cf" or
                     (unicodedata.category(char) == "Zs" and char != " ")})
    held = (f" (it holds {', '.join(f'U+{ord(char):04X}' for char in unseen)}, which "
            f"{'shows' if len(unseen) == 1 else 'show'} as nothing or as a space: type the key again without "
            f"{'it' if len(unseen) == 1 else 'them'})") if unseen else ""
    return f"unknown key '{key}'{held}{did_you_mean(key, record.names)}; the keys here are {', '.join(record.names)}"


_KEPT_SPACES = frozenset("\u00a0\u2007\u202f")  # the white space markup.plain keeps (no-break spaces)
# every character str.isspace() holds for (tests/test_properties.py checks), but those plain keeps
_COLLAPSED_SPACES = frozenset("\t\n\v\f\r\x1c\x1d\x1e\x1f \x85\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
                              "\u2008\u2009\u200a\u2028\u2029\u205f\u3000")


def _printed_chars(text: str) -> set[str]:
    """The characters markup.plain(text) can hold, for text without math: the text's own but the white space
    plain collapses (which it turns into spaces), and a space. (Emphasis markers, which plain drops, are
    among them: a superset is enough to tell that all are printable.)"""
    chars = set(text)
    chars -= _COLLAPSED_SPACES
    chars.add(" ")
    return chars


def shown_char(ch: str) -> str:
    """A character as a warning names it: "'王' (U+738B)"; one that shows nothing on a terminal, or would act on it or
    on the text around it (a control, format, private-use, unassigned or combining character, a separator: U+FFFE,
    U+202E), by its code point alone."""
    if unicodedata.category(ch)[0] in "CMZ":
        return f"U+{ord(ch):04X}"
    return f"'{ch}' (U+{ord(ch):04X})"


def shown_piece(piece: str) -> str:
    """What of a text the fonts cannot print as a warning names it: a character as shown_char does; an emoji sequence
    (text.fonts.sequences) as written and by its code points: "the sequence '🏳️‍🌈' (U+1F3F3 U+FE0F U+200D U+1F308)"."""
    if len(piece) == 1:
        return shown_char(piece)
    return f"the sequence '{piece}' ({' '.join(f'U+{ord(ch):04X}' for ch in piece)})"


_BIDI = re.compile(f"[{''.join(sorted(fonts.BIDI_CONTROLS))}]")


def without_bidi(text: str) -> str:
    """`text` without Unicode's bidirectional controls (warned of by check_printable): they print nothing, and left in
    they made "Bo\u200f Jones" a person of their own in the index of authors."""
    return _BIDI.sub("", text).strip() if _BIDI.search(text) else text  # (a text given stripped stays so)


def names_printed(text: str) -> str:
    """A person's name as the booklet prints it: of a list of names of which some print ('王小明, Andrew Lee',
    markup.names_apart), those names ('Andrew Lee'); any other name as it is (its characters the fonts lack left out
    where it is set, or the name left out whole: check_printable)."""
    if fonts.all_printable(set(text)):
        return text
    apart = markup.names_apart(text)
    return apart[0] if apart else text


def line_in(report: Report, file: str, key: str, text: str, index: int | None, line: int) -> int:
    """The line of `file` the character `index` of `text` (the value of `key`) is written on, where it can be told
    (a text over several lines: an abstract's `|` block); else `line`, the key's."""
    if index is None or index < 0 or report.root is None:
        return line
    from .locate import line_within

    return line_within(report.root, file, key, text, index, line)


# a combining accent at a text's start or after white space: on no letter (Unicode's combining diacritical marks,
# their extensions and supplement, those for symbols, half marks)
_LONE_MARK = re.compile(r"(?:^|\s)([\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f])")


def check_printable(report: Report, file: str, line: int, key: str, text: str, glyphs: bool = True,
                    name: bool = False, instead: str = "") -> bool:
    """Warn about characters that no booklet font can show (they are left out of the PDF), each warning at the line
    of the text where what it tells of is written (the first character, the formula); of bidirectional controls
    alone when not `glyphs`. False when nothing of the text is left to print (no letter or digit), which the warning
    says; of a person's `name`, that the name is left out of the booklet (Fields.text and Fields.texts_at leave it
    out); of a title, that `instead` prints in its place (Fields.text).

    Most text has nothing to warn of, and _nothing_to_tell says so at a fraction of the cost: the full check
    (check_printable_fully) looks only at the rest, and warns as it would of any text."""
    if _nothing_to_tell(text, glyphs):
        return True
    return check_printable_fully(report, file, line, key, text, glyphs, name, instead)


# characters: a longer run without a space is no word of any language (nor a chemical's name), but data pasted in (a
# base64 image, a key, a sequence), split between any two letters over line after line wherever it is printed, and a
# long build (a title of one word of 50,000 characters: 11 s of CPU); a web address may be ten times as long
LONG_WORD = 200
_LONG_WORD = re.compile(r"\S{%d,}" % (LONG_WORD + 1))
_ADDRESS_LIKE = re.compile(r"(?:[a-z][a-z0-9+.-]*://|www\.|mailto:)", re.IGNORECASE)


def _long_word(text: str) -> re.Match | None:
    """The first run of characters without a space in `text` that is absurdly long (more than LONG_WORD characters;
    ten times that for a web address), or None."""
    if len(text) <= LONG_WORD:
        return None
    for found in _LONG_WORD.finditer(text):
        if len(found.group(0)) > 10 * LONG_WORD or not _ADDRESS_LIKE.search(found.group(0)):
            return found
    return None


# The characters of most text: printable ASCII, and the ASCII white space that markup.plain makes a space of (as it
# does the rest of _COLLAPSED_SPACES)
_ORDINARY = bytes(range(0x20, 0x7F)) + b"\t\n\v\f\r\x1c\x1d\x1e\x1f"


def _unusual(text: str) -> str:
    """The characters of `text` that are not _ORDINARY, in order, found in one pass in C: its UTF-8 bytes without
    the ordinary ones (every other character's bytes are over 0x7F; each half of a surrogate pair is encoded on its
    own, and read back as it was). A set of a long text's characters took twenty times as long."""
    return text.encode("utf-8", "surrogatepass").translate(None, _ORDINARY).decode("utf-8", "surrogatepass")


@lru_cache(maxsize=1)
def _ordinary_printable() -> bool:
    """Whether some font in use prints each printable ASCII character (booklet's fonts do; a theme's may not)."""
    return fonts.all_printable(set(map(chr, range(0x20, 0x7F))))


fonts.when_fonts_change(_ordinary_printable.cache_clear)


def _nothing_to_tell(text: str, glyphs: bool) -> bool:
    """Whether check_printable_fully finds nothing to warn of in `text` (which then prints), told from the text's
    characters beyond _ORDINARY (most text has none, or few: an accented name) and its formulas: every character
    printable, a formula's too (markup.math_chars), no script printed other than it is read (at or past U+0590 only),
    each formula quiet (markup.quiet_formula) and no backslash outside them (what LaTeX outside math is told by),
    no fence of a block of code. False when that cannot be told so (the full check then looks): a block of code,
    siunitx's and mhchem's commands, a formula whose characters cannot be told, fonts that lack an ASCII character."""
    if "```" in text or "~~~" in text or markup.has_quantity(text) or not _ordinary_printable():
        return False
    if glyphs and _long_word(text) is not None:  # (warned of: check_printable_fully)
        return False
    unusual = _unusual(text)
    if glyphs and unusual and max(unusual) >= "\u0590" and _unshaped(text):
        return False
    chars = set(unusual)
    if glyphs and unusual and _LONE_MARK.search(text):  # (warned of: check_printable_fully)
        return False
    chars -= _COLLAPSED_SPACES
    pieces = markup.prose_pieces(text) if markup.has_math(text) or "\\" in text else []  # (split once, for both)
    sources = [src for kind, src in pieces if kind == "math"]
    for src in sources:
        made = markup.math_chars(src)
        if made is None:
            return False
        chars |= made
    return fonts.all_printable(chars) and all(markup.quiet_formula(src) for src in sources) and \
        not any(kind == "text" and "\\" in piece for kind, piece in pieces)


def check_printable_fully(report: Report, file: str, line: int, key: str, text: str, glyphs: bool = True,
                          name: bool = False, instead: str = "") -> bool:
    """check_printable, looking at every text in full (the same warnings, in the same order, and answer)."""
    prints = True
    if glyphs and (long := _long_word(text)) is not None:  # (data pasted in: a base64 image, a key, a sequence)
        word = long.group(0)
        report.warn(file, line_in(report, file, key, text, long.start(), line), key,
                    f"a word of {len(word):,} characters without a space ('{word[:20]}…'): it is cut between letters "
                    "over line after line wherever it is printed; is it data pasted in (an image, a key, a sequence)? "
                    "Leave it out, or give it spaces", "long-word")
    math = markup.has_math(text)
    sources = markup.math_sources(text) if math else []
    # most text holds only characters seen printable before: a set difference tells (a tenth of the time
    # of converting it to plain text and looking its characters up in order); with math, of the text as
    # written and of what each formula can make (each worked out once)
    chars: set[str] | None = _printed_chars(text) if not markup.has_quantity(text) else None  # (\SI: µ, Ω, ⁻¹)
    for src in sources if chars is not None else ():
        made = markup.math_chars(src)
        if made is None:
            chars = None
            break
        chars |= made
    if chars is None or not fonts.all_printable(chars):
        plain = markup.plain(text)
        if not fonts.all_printable(set(plain)):
            # each character once, an emoji sequence left out whole as written ('🏳️‍🌈', not its '🌈'), in order
            missing = fonts.unprintable_pieces(plain)
            bidi = [ch for ch in missing if ch in fonts.BIDI_CONTROLS]
            if bidi:
                missing = [ch for ch in missing if ch not in fonts.BIDI_CONTROLS]
                shown = ", ".join(shown_char(ch) for ch in bidi)
                what, does = ("bidirectional control characters", "they do") if len(bidi) > 1 else \
                    ("a bidirectional control character", "it does")
                report.warn(file, line_in(report, file, key, text, text.find(bidi[0]), line), key,
                            f"{what}, {shown}: booklet sets text in the order it is written, where "
                            f"{does} nothing; left out (it may have come with text copied from another program)",
                            "bidi")
            if missing and glyphs:
                shown = listed([shown_piece(piece) for piece in missing], 5)
                # (a chair's or a speaker's name of CJK or emoji alone printed "Chair:" with no name, "Chairs: and",
                # an author list's stray comma and an entry of the index of authors with no name: such a name is
                # now left out where it is read, and the warning says so)
                prints = any(ch.isalnum() and shows for ch, shows in zip(plain, fonts.printing(plain)))
                # (a person's name is one: of 'Mei Chen and 王小明' the chair line printed 'Mei Chen and', another name;
                # a name losing letters is left out whole, one losing an emoji, a bracketed spelling in another
                # script, 'Yao Wei (魏銘廷)', or one written before or after it, '李健秋 Andrew Lee', printed without it;
                # a list of names the names that print, 'Mei Chen', below)
                part = name and prints and markup.loses_letters(plain)
                # (a list of names, '王小明, Andrew Lee', was left out whole too: those that print are printed, as
                # Fields.text and Fields.texts_at take them, and the warning names the ones left out)
                apart = markup.names_apart(text) if part else None
                prints = prints and (not part or apart is not None)  # (returned: the name is left out)
                if apart:
                    printed, gone_names = apart
                    named = ", ".join(f"'{written}'" for written in gone_names)
                    gone = (f"the {'names' if len(gone_names) > 1 else 'name'} {named} "
                            f"{'are' if len(gone_names) > 1 else 'is'} left out of the booklet, and "
                            f"'{markup.printed_words(markup.plain(printed))}' printed")
                elif part:
                    gone = (f"without them the name would read '{markup.printed_words(plain)}', so the whole name is "
                            "left out of the booklet (a name is printed without them only when they are words of "
                            "their own, or in brackets, at its start or end, beside two words or more that no 'and' or "
                            "separator ends or begins)")
                elif name and prints and any(ch.isalpha() for piece in missing for ch in piece):
                    gone = f"left out: the name prints as '{markup.printed_words(plain)}'"
                elif prints:
                    gone = "left out" + (", each sequence whole" if any(len(piece) > 1 for piece in missing) else "")
                elif name:
                    gone = "nothing of the name is left to print, so the name is left out of the booklet"
                elif instead:
                    gone = (f"left out, and nothing of the title is left to print, so '{instead}' is printed in its "
                            "place")
                else:
                    gone = "left out, and nothing of the text is left to print"
                report.warn(file, line_in(report, file, key, text, text.find(missing[0]), line), key,
                            f"the booklet's fonts cannot print {shown}; {gone}: give theme.yaml's `fonts:` a "
                            "font that has them", "glyph")
    if glyphs and max(text, default="") >= "\u0590" and (unshaped := _unshaped(text)):
        script, first, rtl = unshaped
        does = ("from left to right, letter by letter: booklet does not set right-to-left text from the right"
                + (" nor join its letters" if script == "Arabic" else "") + ", so it reads backwards") if rtl else \
            ("letter by letter: booklet does not shape it (its vowel signs and conjuncts print apart, a vowel written "
             "before its consonant after it)")
        report.warn(file, line_in(report, file, key, text, text.find(first), line), key,
                    f"{script} text prints {does}; give it in Latin letters, or leave it out", "script")
    # (a letter's accent typed apart from it, or its letter lost; one no font prints is left out, as said above)
    if glyphs and (lone := _LONE_MARK.search(text)) and not fonts.unprintable(lone.group(1)):
        report.warn(file, line_in(report, file, key, text, lone.start(1), line), key,
                    f"a combining accent, {shown_char(lone.group(1))}, with no letter before it (at the text's start "
                    "or after a space): it prints over nothing, or over the character before; write the accented "
                    "letter (é), or remove the accent (it may have come with text copied from another program)",
                    "accent")
    if ("```" in text or "~~~" in text) and (unclosed := markup.unclosed_fence(text)):
        fence, number = unclosed
        report.warn(file, line_in(report, file, key, text, _line_start(text, number), line), key,
                    f"the text's line {number}, {fence}, opens a block of code that no line of "
                    f"{fence} closes: its lines print as text, {fence} and all (their *, $ and quotes read as "
                    f"markup); end the code with a line of {fence}", "code")
    if math or "\\" in text:
        for message in markup.latex_problems(text, sources):  # LaTeX printed as written, math that reads like text
            at = markup.find_written(text, getattr(message, "anchor", None))
            if getattr(message, "error", False):
                report.error(file, line_in(report, file, key, text, at, line), key, str(message))
            else:
                report.warn(file, line_in(report, file, key, text, at, line), key, str(message), "math")
    return prints


# Scripts that a font alone does not print as they are read: right-to-left ones (by their characters' bidirectional
# class), and those whose letters take shaping (Indic, Sinhala, Tibetan, Myanmar, Khmer), which booklet does not do
_SHAPED = frozenset({"DEVANAGARI", "BENGALI", "GURMUKHI", "GUJARATI", "ORIYA", "TAMIL", "TELUGU", "KANNADA",
                     "MALAYALAM", "SINHALA", "TIBETAN", "MYANMAR", "KHMER"})


def _unshaped(text: str) -> tuple[str, str, bool] | None:
    """The first script in `text` (by its first letter the fonts can print) that prints other than it is read, as
    (its name, that letter, whether it is written right to left); None when there is none."""
    for ch in dict.fromkeys(text):
        if ch < "\u0590" or not ch.isalpha():
            continue
        rtl = unicodedata.bidirectional(ch) in ("R", "AL")
        script = unicodedata.name(ch, "").split(" ")[0]
        if (rtl or script in _SHAPED) and not fonts.unprintable(ch):
            return script.title(), ch, rtl
    return None


def _line_start(text: str, number: int) -> int:
    """Where the line `number` (from 1) of `text` starts, at its first character that is not white space."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not 0 < number <= len(lines):
        return -1
    at = sum(len(line) + 1 for line in lines[:number - 1])
    return at + len(lines[number - 1]) - len(lines[number - 1].lstrip())


def each_mapping(report: Report, seq: Seq, path: str, what: str, record: Record | None = None):
    """(index, Map) for each list item that is a mapping; other items are reported (with an example)."""
    for index, item in enumerate(seq):
        if isinstance(item, Map):
            yield index, item
        elif item is not BAD:
            example = f"; write it like: - {example_item(record)}" if record else ""
            # (a '- ' with nothing after it, or '~', was 'not text')
            found = "an empty item" if item is None else describe(item)
            report.error(seq.file, seq.lines[index], join(path, index),
                         f"expected {what} (a mapping), not {found}{example}")


def example_item(record: Record) -> str:
    """One list entry of `record`, in flow style, from its required keys' examples (or its first key)."""
    from .contract import flow

    keys = [k for k in record.keys if k.required] or list(record.keys[:1])
    if record.one_of:
        keys.append(record[record.one_of[0]])
    return flow({k.name: k.example for k in sorted(keys, key=record.keys.index)})


def kept_entry(report: Report, read, item: Map, path: str, *key):
    """`read(report, item, path)`: one list entry's value, its problems reported; in a warm build, what it
    made and reported is kept in the build's cache and reported again, not made anew, while the entry is the
    same at the same key path, with the same fonts (whose characters are checked), the same data folder and every
    image it names the same (its file's bytes, where its name leads). The same entry: an item of a top-level list
    read on its own (Map.kept: booklet.data.load), by what it was read from, kept with the data files ("files": the
    disk cache keeps it for the next process, which after an edit checks only the items it changed); any other (an
    unchanged file's), the same Map, kept in memory (section "entries").

    `read` must depend on nothing else but `key` (a constant per call site, which names `read`)."""
    cache = memory.active()
    if cache is None or not cache.warm:
        return read(report, item, path)
    current = fonts.fonts_in_use()
    if report.fonts[0] is not current:  # a FontSet is slow to hash: numbered once per Report and FontSet
        from ..cache.persisted import fonts_digest

        # (and known by its files' contents, as the disk cache knows a layout's fonts: None when one is unreadable)
        lasting = fonts_digest(current.files(), cache.file_digest) if current is not None else None
        report.fonts = (current, cache.memory_number(current), lasting)
    lasting = item.kept is not None and report.fonts[2] is not None
    if lasting:
        section, whose = "files", (item.kept[0], "entry", *item.kept[2:], path, report.root, report.fonts[2],
                                   report.untitled, *key)
    else:
        section, whose = "entries", (id(item), path, report.root, report.fonts[1], report.untitled, *key)
    found = cache.peek(section, whose)
    if found is None or (not lasting and found[0] is not item) or any(
            images.located(report.root, name) != where or images.check(where, report.root) != problem
            for name, where, problem in found[2][2]):  # the entry's image checks
        alone = Report(report.root, report.untitled)
        value = read(alone, item, path)
        found = (None if lasting else item, value, alone.found())
        cache.put(section, whose, found)
    _, value, reported = found
    report.take(reported)
    return value
