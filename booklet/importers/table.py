"""Spreadsheets (CSV in any common dialect and encoding, XLSX) -> booklet's documents.

One row per contribution, its columns found by their header in English, French or German, whatever
the case, spacing and punctuation (`--map "Title=Paper title"` names any other header). Authors come
as one cell ("Last, First (1,2); ...", "A. Smith and B. Jones", "Family Given, ...") with the
affiliations numbered in another ("1: Inst; 2: Inst"), or as repeated author and affiliation columns;
the presenting author is marked. The type column says the kind (invited, keynote, tutorial, poster,
...); rows that are no contribution (attendees, a waiting list, blank rows) are left out and counted.
ConfTool's session export, one row per session with its talks in column groups p1_ ... p5_, is read as
sessions with their chairs and rooms, its breaks as breaks. Microsoft CMT's papers export gives each author with
their affiliation in brackets ('*' marks the primary contact, not who presents); EasyChair's Decision gives the kind
("accept as poster"), and its workbook's sheet of authors each author's affiliation and e-mail.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ..data.csvrows import CsvError, csv_rows
from ..data.load import after_wide_mark
from ..problems import listed
from . import Imported, Options, SourceError
from .assemble import (LONGEST, OUTSIDE_BRACKETS_COMMA, Block, Conference, Entry, Kinds, Person, affiliation,
                       assemble, clean, degree_qualifier, family_may_run_on, family_written_first, flipped,
                       given_and_family, id_from, initials_after_family, line_kind, no_end, no_end_said, parse_clock,
                       people_read_so, plus_minutes, post_nominal, post_nominals_apart, refuse_off_its_day, slug, some,
                       titles_dropped, without_titles)
from ..text.names import vietnamese_families, vietnamese_order
from .schedule import FIRST_YEAR, LAST_YEAR, zone_named
from .text import images_in, joined, to_markup, without_controls

_KEYNOTE_SESSION = re.compile(r"^\W*(keynotes?|hauptvortr\w*)\b", re.I)  # a session of keynotes: "Keynotes 1: ..."
_KEYNOTE_TITLE = re.compile(r"\((keynote|hauptvortrag)\)\s*$", re.I)  # a talk's title marking it one: "... (Keynote)"
# a discussion of the keynotes in their session ("Diskussion Keynotes Dejans und Holtmeier"): not a keynote itself
_DISCUSSION = re.compile(r"\b(diskussion|discussion|panel|podium\w*|round ?table|q ?& ?a)\b", re.I)

_XLSX_MAGIC = b"PK\x03\x04"


def detect(path: Path, head: bytes) -> bool:
    if head.startswith(_XLSX_MAGIC):
        return b"xl/" in head or Path(path).suffix.lower() in (".xlsx", ".xlsm")
    try:
        text, _ = _decode(head, partial=True)
    except SourceError:
        return False
    if text.count("\x00") > len(text) // 8 or text.lstrip().startswith(("{", "[", "<")):  # (UTF-16 without BOM)
        return False
    lines = [line for line in text.splitlines()[:5] if line.strip()]
    return bool(lines) and any(d in lines[0] for d in (",", ";", "\t", "|"))


def read(path: Path, options: Options) -> Imported:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise SourceError(f"{path}: cannot read it: {e.strerror or e}") from None
    if raw.startswith(_XLSX_MAGIC):
        notes, rows, where, people = _xlsx_rows(path, options)
        return _Table(path, "xlsx", rows, options, where, notes, people).read()
    if options.format == "xlsx":  # (not read as CSV: its message would be about a header of 'PK...')
        raise SourceError(f"{path}: not an Excel workbook (.xlsx, a zip file); give --format csv for a CSV file, "
                          "or save the sheet as .xlsx")
    text, encoding = _decode(raw)
    notes = [] if encoding in ("utf-8", "utf-8-sig") else [f"read as {encoding} text (it is not UTF-8): check "
                                                            "accented letters; save it as UTF-8 if they are wrong"]
    rows, lines = _csv_rows(path, text)
    found = _Table(path, "csv", rows, options, lambda i: f"line {lines[i]}", notes)
    found.header_line = lambda i: text.split("\n")[lines[i] - 1] if lines[i] <= text.count("\n") + 1 else ""
    if rows and not text.endswith(("\n", "\r")):  # (its last row ends without a line end: a file cut short?)
        found.unended = f"line {lines[len(rows) - 1]}"
    return found.read()


# -- bytes -> rows ---------------------------------------------------------------------------------

def _decode(raw: bytes, partial: bool = False) -> tuple[str, str]:
    """The text and the encoding it was read in: a BOM's, else UTF-8, else the one of Windows-1252, Mac Roman (Excel
    for Mac's CSV) and Latin-1 that reads it as words are written, or Windows-1250 or -1254 where its accented words
    read better still (_legacy)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    wide = after_wide_mark(raw)  # (a head cut inside a character: its whole ones)
    if wide is not None:
        return wide[0], wide[1][:6]  # ("utf-32", "utf-16": the codec without its byte order)
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as e:
        if partial and e.start >= len(raw) - 3:  # a character cut at the end of the head
            return raw[: e.start].decode("utf-8"), "utf-8"
    return _legacy(raw)


_LEGACY = (("cp1252", "Windows-1252"), ("mac_roman", "Mac Roman"), ("latin-1", "Latin-1"))  # (the first on a tie)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# Windows' 8-bit encodings of other languages written in Latin letters, read only when their text reads better than
# that of _LEGACY (_legacy): Central European (Polish, Czech, Slovak, Hungarian, Slovene, Croatian, Romanian) and
# Turkish
_OTHER_LEGACY = (("cp1250", "Windows-1250"), ("cp1254", "Windows-1254"))
# the letters outside ASCII of the languages each encoding is written in (small letters; Turkish's capital İ)
_ALPHABETS = {
    "Windows-1252": {
        "fr": "àâæçéèêëîïôœùûüÿ", "de": "äöüß", "es": "áéíóúñüºª", "pt": "áâãàçéêíóôõúºª", "it": "àèéìíîòóùº",
        "nl": "áéèëïóöü", "da": "æøåé", "sv": "åäöé", "fi": "åäöšž", "is": "áéíóúýðþæö", "fo": "áíóúýðæø",
        "ca": "àçèéíïòóúºª", "ga": "áéíóú", "et": "äöõüšž", "sq": "çë"},  # (º ª: the ordinals' 1º, 2ª, nº)
    "Windows-1250": {
        "pl": "ąćęłńóśźż", "cs": "áčďéěíňóřšťúůýž", "sk": "áäčďéíĺľňóôŕšťúýž", "hu": "áéíóöőúüű", "sl": "čšž",
        "hr": "čćđšž", "ro": "ăâîşţ", "de": "äöüß"},
    "Windows-1254": {"tr": "çğıİöşüâîû"},
}
_ALPHABETS["Mac Roman"] = _ALPHABETS["Latin-1"] = _ALPHABETS["Windows-1252"]


def _legacy(raw: bytes) -> tuple[str, str]:
    """Bytes that are no UTF-8 read in the 8-bit encoding of _LEGACY whose text reads most like words (_plausible):
    every byte means a character in Mac Roman and Latin-1 (and all but five in Windows-1252), so that the wrong one
    reads without an error: Excel for Mac's 'Müller' read as Windows-1252 is 'MŸller'. Then in Windows-1250 or -1254
    (_OTHER_LEGACY) where its words, each once, read better still: with a sign inside a word fewer ('Dąbrowski' is
    'D¹browski' and 'Białek' 'Bia³ek' in Windows-1252), or as many and fewer words with a sign on their letters or
    letters of no one language ('£ukasz', '¯ak'; 'Dvořák Černý' is 'Dvoøák Èerný', Turkish 'Yıldız Şahin' 'Yýldýz
    Þahin': _languages), or as many and the letters of fewer languages. Otherwise, and on a tie ('Wiśniewski' is
    'Wiœniewski', French œ; 'Yılmaz' 'Yýlmaz', Icelandic ý), as _LEGACY reads it: the note on a file not in UTF-8
    asks to check its letters either way."""
    best = None
    for rank, (codec, name) in enumerate(_LEGACY):
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        score = (_plausible(text), -rank)
        if best is None or score > best[0]:
            best = (score, text, name, codec)
    _, text, name, codec = best
    words = b" ".join(sorted(word for word in set(_BYTE_WORD.findall(raw)) if not word.isascii()))
    if not words:
        return text, name
    # (weighed on the words with a byte outside ASCII, each once: a sheet's few hundred names, not its megabytes)
    read = words.decode(codec)
    chosen, weighed = (codec, name), (_plausible(read), _languages(read, name))
    for codec, other in _OTHER_LEGACY:
        try:
            read = words.decode(codec)
        except UnicodeDecodeError:
            continue
        score = (_plausible(read), _languages(read, other))
        if score[0] > weighed[0] or score[0] == weighed[0] and score[1] < weighed[1]:
            chosen, weighed = (codec, other), score
    return (text, name) if chosen[1] == name else (raw.decode(chosen[0]), chosen[1])


_MANY = 3  # (more languages than _languages looks for)
_BYTE_WORD = re.compile(rb"[A-Za-z\x80-\xff]+")  # a word's bytes, in any of these encodings


def _languages(words: str, encoding: str) -> tuple[int, int]:
    """Of `words` (read in `encoding`, between spaces): how many have letters outside ASCII that no one language
    written in that encoding (_ALPHABETS) writes together (a wrong reading's: 'Èerný' has French è beside ý), or a
    currency sign, a modifier or a number sign before or after their letters ('£ukasz', '¯ak': Windows-1252's
    Łukasz, Żak; _stray_sign); then how few of those languages have between them every such letter, one or two, _MANY when it
    takes more ('Dvoøák Èerný': Danish ø, Spanish á, Italian è, Icelandic ý)."""
    alphabets = [set(letters_of) for letters_of in _ALPHABETS[encoding].values()]
    letters, unfit = set(), 0
    for word in words.split(" "):
        own = {char if char == "İ" else char.lower() for char in word if char.isalpha() and not char.isascii()}
        letters |= own
        unfit += not any(own <= alphabet for alphabet in alphabets) or _stray_sign(word)
    if not letters or any(letters <= alphabet for alphabet in alphabets):
        return unfit, 1 if letters else 0
    return unfit, 2 if any(letters <= a | b for a in alphabets for b in alphabets) else _MANY


_STRAY_SIGNS = frozenset({"Sc", "Sk", "No", "So"})  # (£ ¥, ¯ ˇ ˘, ¹ ³ ¼, ° ¦: no word has them on its letters)
_CUBED = frozenset({"m", "cm", "mm", "dm", "km", "nm", "ft", "in", "yd"})  # (m², cm³: units, not 'Pawe³', 'Micha³')


def _stray_sign(word: str) -> bool:
    """Whether `word` has a sign of _STRAY_SIGNS beside one of its letters ('£ukasz', '¯ak', 'Pawe³'): a sign apart
    from letters is written in any language ('£20', '¥2000', '¼ wave' are the word '£', '¥', '¼'), and so is a
    unit's square or cube (m³, cm²)."""
    for at, char in enumerate(word):
        if char.isascii() or char.isalpha() or unicodedata.category(char) not in _STRAY_SIGNS:
            continue
        if (word[at - 1:at].isalpha() or word[at + 1:at + 2].isalpha()) and not (
                char in "¹²³" and at == len(word) - 1 and word[:at] in _CUBED):
            return True
    return False


def _plausible(text: str) -> int:
    """How much `text`'s characters outside ASCII read as words do, where a word tells (between two letters): a
    small letter after any letter, a capital between capitals (a word in capitals: 'MÜLLER'), an apostrophe in a
    contraction or a dash between words ('it’s', 'proton–proton': _in_shape; Mac Roman's í and ñ, which are those
    bytes, count for elsewhere, 'Rodríguez', 'Muñoz') count for; a capital beside a small letter ('MŸller', 'DŽcembre') and any other sign
    ('M¸ller', 'na•ve') count against, and so does a control character anywhere (C1: Latin-1's reading of a
    Windows-1252 quote). Beside a space a character tells nothing: Windows-1252's quotes read as Mac Roman are letters
    ('“Hello”' is 'ìHelloî')."""
    score = 0
    for found in _NON_ASCII.finditer(text):
        c, at = found.group(), found.start()
        if "\x80" <= c <= "\x9f":
            score -= 2
            continue
        before = text[at - 1] if at else " "
        after = text[at + 1] if at + 1 < len(text) else " "
        if not (before.isalpha() and after.isalpha()):
            continue
        sign = _SIGN_OF.get(c, c)
        if sign in _APOSTROPHES or sign in _DASHES:  # (a sign, or a letter of Mac Roman's reading of one)
            shaped = _in_shape(text, at, sign)
            score += (1 if shaped else 0) if sign == c else (0 if shaped else 1)
        elif c.isalpha():
            score += -1 if not c.islower() and (before.islower() or after.islower()) else 1
        else:
            score -= 1
    return score


def _in_shape(text: str, at: int, sign: str) -> bool:
    """Whether the sign `sign` at `at` (or the letter there in its place) stands where words hold it: an apostrophe
    in a contraction, a dash between words of three letters or more or before a capital."""
    start, end = _word_start(text, at), _word_end(text, at + 1)
    if sign in _APOSTROPHES:
        return bool(_CONTRACTION.fullmatch(text[start:at] + "\u2019" + text[at + 1:end]))
    return text[at + 1:at + 2].isupper() or (at - start >= 3 and end - at - 1 >= 3)


# Mac Roman's í and ñ are Windows-1252's ’ and –: an apostrophe inside a word counts for only in a contraction
# ("it’s", "don’t", "we’ll", "l’affaire", "d’Alembert", "O’Brien", "o’clock"; French and Italian elisions before a
# vowel or an h, two letters or more after: "qu’il", "c’est", "j’ai", "dell’anno", "un’altra"; not "Rodr’guez",
# "Garc’a", nor Mac Roman's Spanish "tía", "mío", as "t’a", "m’o"), a dash only
# between words of three letters or more or before a capital ("proton–proton", "Navier–Stokes"; not "Mu–oz"); else
# they tell nothing (_in_shape)
_APOSTROPHES = frozenset("\u2019\u2018'")
_DASHES = frozenset("\u2013\u2014\u2010\u2011")
_CONTRACTION = re.compile(r"(?:[lLdDO]|[oy](?=\u2019[a-z]))\u2019[^\W\d_].*|[^\W\d_]+\u2019(?:s|t|re|ll|ve|d|m)"
                          r"|(?i:[cjmnst]|(?:jusq|lorsq|puisq|quoiq|presq|q)u|[dn]ell|d?all|sull|coll|quell"
                          r"|quest|un|tutt|sant|bell)\u2019(?i:[aeiouhàâéèêîôûœ])[^\W\d_]+")
# Mac Roman's reading of Windows-1252's ‘ ’ – — (ë í ñ ó): such a letter where the sign would stand in its shape
# ("itís", "donít", "protonñproton") tells nothing, elsewhere ("Rodríguez", "Muñoz") as a letter does
_SIGN_OF = {bytes([b]).decode("mac_roman"): bytes([b]).decode("cp1252") for b in (0x91, 0x92, 0x96, 0x97)}


def _word_start(text: str, at: int) -> int:
    """Where the word of letters and apostrophes ending before `at` starts."""
    while at and (text[at - 1].isalpha() or text[at - 1] in _APOSTROPHES):
        at -= 1
    return at


def _word_end(text: str, at: int) -> int:
    """Where the word of letters and apostrophes starting at `at` ends."""
    while at < len(text) and (text[at].isalpha() or text[at] in _APOSTROPHES):
        at += 1
    return at


def _csv_rows(path: Path, text: str) -> tuple[list[list[str]], list[int]]:
    """Every record of the CSV and the line each starts at (see booklet.data.csvrows)."""
    try:
        rows, lines = csv_rows(text)
    except CsvError as e:
        raise SourceError(f"{path}: line {e.line or '?'}: not readable as CSV ({e.message})") from None
    return [[_quoted_once(cell) if isinstance(cell, str) else cell for cell in row] for row in rows], lines


def _header_words(row: list) -> list[str]:
    """A header row's names as compared between sheets: empty cells after the last name left out (a note typed
    beside the table)."""
    found = [_words(cell) if cell is not None else "" for cell in row]
    while found and not found[-1]:
        found.pop()
    return found


def workbook_sheets(path: Path) -> list[tuple[str, list[list]]]:
    """Each sheet of the XLSX workbook at `path`: (its title, its rows of cell values, formulas' saved values);
    SourceError for a workbook that cannot be read or has no sheet."""
    import openpyxl

    # the file, not its name: openpyxl refuses a name not ending in .xlsx, and a workbook saved as .csv is one all
    # the same, as its content shows
    with open(path, "rb") as handle:
        try:
            book = openpyxl.load_workbook(handle, read_only=True, data_only=True)
        except Exception as e:  # a damaged or encrypted file: zipfile, KeyError, XML errors ...
            raise SourceError(f"{path}: not a readable XLSX workbook ({type(e).__name__}: {e})") from None
        try:
            sheets = [(sheet.title, _sheet_rows(path, sheet)) for sheet in book.worksheets]
        finally:
            book.close()
    if not sheets:
        raise SourceError(f"{path}: the workbook has no sheet")
    return sheets


MAX_CELLS = 2_000_000  # a sheet's rows times its columns: 10,000 contributions of 200 columns each


def _sheet_rows(path: Path, sheet) -> list[list]:
    """The rows of a read-only sheet, each as wide as the widest, as far as its cells go: not as far as the sheet's
    own <dimension> says (a program may write A1:XFD1048576 there, every row then 16,384 cells wide). SourceError
    for a sheet whose cells span more than MAX_CELLS (a stray value far below or right of the table, at row 1048576
    or column XFD, which would make the reading take all the memory there is), naming that cell."""
    from openpyxl.utils import get_column_letter

    sheet.reset_dimensions()
    rows, width = [], 0
    for row in sheet.iter_rows(values_only=True):
        cells = list(row)
        while cells and cells[-1] is None:
            cells.pop()
        rows.append(cells)
        width = max(width, len(cells))
        if cells and len(rows) * width > MAX_CELLS:  # (this row's last cell is the one too far down or right)
            where = f"{get_column_letter(len(cells))}{len(rows)}"
            raise SourceError(f"{path}: sheet '{sheet.title}' has a value as far as cell {where} (row {len(rows):,}, "
                              f"column {len(cells):,}): more than {MAX_CELLS:,} cells to read, far more than a table "
                              "of contributions holds; delete that value (a stray one?), or the rows and columns "
                              "between it and the table, and save the workbook again")
    while rows and not rows[-1]:
        rows.pop()
    return [cells + [None] * (width - len(cells)) for cells in rows]


def _xlsx_rows(path: Path, options: Options):
    """The rows of the workbook's first sheet that has a title column (else its first sheet), followed by those of
    every later sheet whose header is the same (a sheet per day), each without its header: (notes saying which
    sheets were read, and which with a title column were not; the rows; where a row is: "sheet 'X', row 12"; a sheet
    of authors, (its name, the people of each contribution by its id), or None: EasyChair's "Authors",
    _sheet_people)."""
    sheets = workbook_sheets(path)
    headed = [(title, rows, at) for title, rows in sheets if (at := _find_header(rows, options)) is not None]
    if not headed:
        headed = [(*sheets[0], None)]
    title, rows, at = headed[0]
    places = [(title, i) for i in range(len(rows))]
    names, others = [title], []
    for other, more, header in headed[1:]:
        if _header_words(more[header]) == _header_words(rows[at]):
            rows = rows + more[header + 1:]
            places += [(other, i) for i in range(header + 1, len(more))]
            names.append(other)
        else:
            others.append(other)
    filled = 0
    headers = {sheet: header for sheet, _, header in headed}
    for name, own in sheets:
        if name in names and any(value is None for row in own for value in row):
            written, merged = _second_look(path, name)
            _formulas_without_values(path, name, own, written)
            filled += _merged_down(own, merged, headers.get(name), options)
    notes = [f"read sheet{'s' * (len(names) > 1)} {', '.join(repr(name) for name in names)}"]
    if filled:
        notes.append(f"{filled} empty cell(s) under cells merged down several rows (a session, a room, a chair written "
                     "once for its rows) read as the merged cell's value")
    if others:
        notes.append(f"sheet(s) {', '.join(repr(name) for name in others)} also have a title column, under other "
                     "columns: not read (import each as a workbook or CSV of its own)")
    # a sheet of authors by submission number: the one named so ("Authors"), else the first (a committee's sheet of
    # the same columns before it gave its members' affiliations to the authors); chosen by its header, and only it
    # read (a later one only when it lists nobody)
    candidates = [(name, own) for name, own in sheets if name not in headers and _people_header(own, options)]
    candidates.sort(key=lambda sheet: not re.search(r"auth|autor|auteur", sheet[0], re.I))
    found = None
    for name, own in candidates:
        if people := _sheet_people(own, options):
            found = (name, people)
            break
    return notes, rows, lambda i: f"sheet '{places[i][0]}', row {places[i][1] + 1}", found


def _people_header(rows: list[list], options: Options) -> tuple[int, _Columns] | None:
    """Where a sheet of authors (_sheet_people) has its header, and its columns; None for any other sheet."""
    for at, header in enumerate(rows[:10]):
        cols = _columns(header, options)
        if cols.has("id") and cols.has("person_family") and cols.has("person_given"):
            return at, cols
    return None


def _sheet_people(rows: list[list], options: Options) -> dict[str, list[Person]]:
    """A sheet of one author a row under a header with a submission's number, a first and a last name (EasyChair's
    "Authors": submission #, first name, last name, email, country, affiliation, ...): each submission's people,
    in order, by its number; {} for any other sheet."""
    found = _people_header(rows, options)
    if found is None:
        return {}
    at, cols = found
    people: dict[str, list[Person]] = {}
    for row in rows[at + 1:]:
        person = _person_in_parts(row, cols, presenting=False, institution="affiliations")
        if person is not None and _cell(row, cols.first("id")):
            people.setdefault(_cell(row, cols.first("id")), []).append(person)
    return people


def _person_in_parts(row: list, cols: _Columns, presenting: bool = True,
                     institution: str = "person_affiliation") -> Person | None:
    """The person a row gives in parts (family name, given name, e-mail, `institution`, country), or None."""
    family, given = _cell(row, cols.first("person_family")), _cell(row, cols.first("person_given"))
    if not (family or given):
        return None
    aff = ", ".join(x for x in (_cell(row, cols.first(institution)), _cell(row, cols.first("person_country"))) if x)
    given, family = given_and_family(given, family)
    name = clean(" ".join(part for part in (given, family) if part))
    return Person(name, [affiliation(aff)] if aff.strip() else [],
                  _cell(row, cols.first("speaker_email")) or _cell(row, cols.first("email")) or None, presenting,
                  clean(family) if given and family else None)  # (for people.yaml: "Caldas Rivera", not "Rivera")


_MERGED_FIELDS = frozenset({"date", "session", "chair", "room", "track"})  # what a cell merged down is each row's


def _second_look(path: Path, title: str) -> tuple[list[tuple], list[tuple[int, int, int]]]:
    """What the read-only, values-only first reading of the sheet `title` cannot tell: the cells as written (a
    formula's text), and the ranges merged down (first row, last row, first column; 1-based). The file is opened
    again, once, as a whole; ([], []) when that fails (read once already: no reason to fail the import)."""
    import openpyxl

    try:
        with open(path, "rb") as handle:
            book = openpyxl.load_workbook(handle, data_only=False)
            try:
                sheet = book[title]
                return ([tuple(row) for row in sheet.iter_rows(values_only=True)],
                        [(merged.min_row, merged.max_row, merged.min_col) for merged in sheet.merged_cells.ranges])
            finally:
                book.close()
    except Exception:  # noqa: BLE001
        return [], []


def _merged_down(rows: list[list], ranges: list[tuple[int, int, int]], header: int | None, options: Options) -> int:
    """Fill, in `rows` (the sheet's values, row 1 first), each cell below the `header` row that a range merged down
    several rows covers (`ranges`, _second_look's) with the value of the range's first cell, in a column of a day's
    or session's (a date, a session, its chair, room or track: _MERGED_FIELDS), in the range's first column; how many
    cells were filled. (A title merged down two half-hour rows is one talk of an hour, not two talks; a title merged
    across the row fills no other column.)"""
    if header is None or not ranges:
        return 0
    columns = _columns(rows[header], options)
    wanted = {index + 1 for name in _MERGED_FIELDS for index in columns.index.get(name, ())}
    filled = 0
    for first, last, column in sorted(ranges):
        if first <= header + 1 or column not in wanted or first > len(rows) or column > len(rows[first - 1]):
            continue
        value = rows[first - 1][column - 1]
        for row in rows[first:last]:
            if value is not None and column <= len(row) and row[column - 1] is None:
                row[column - 1] = value
                filled += 1
    return filled


def _formulas_without_values(path: Path, title: str, rows: list[list], written: list[tuple]) -> None:
    """SourceError when cells of the sheet hold formulas (`written`: its cells as written, _second_look's) whose values
    the file does not hold (`rows`: a workbook written by a program that does not calculate, never opened since):
    they would be read as empty."""
    formulas = [(r, c) for r, row in enumerate(written) for c, value in enumerate(row)
                if isinstance(value, str) and value.startswith("=")
                and r < len(rows) and (c >= len(rows[r]) or rows[r][c] is None)]
    if formulas:
        r, c = formulas[0]
        raise SourceError(f"{path}: sheet '{title}': {len(formulas)} cell(s) hold a formula with no value saved "
                          f"(the first at row {r + 1}, column {c + 1}): open the workbook in a spreadsheet program, "
                          "save it, and import again (or export the sheet as CSV)")


# -- headers -> fields ------------------------------------------------------------------------------

def _words(header) -> str:
    """'Presenting author:  Family name' -> 'presenting author family name' (accents, case, marks gone)."""
    text = unicodedata.normalize("NFKD", without_controls(str(header or ""))).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"\((?:r|in|innen|e|es|s)\)|[:*/_]in(?:nen)?\b", "", text)  # Referent(in), Vortragende(r)
    text = re.sub(r"[_/]", " ", text)
    return " ".join(re.findall(r"[a-z0-9#]+", text))


# Each field with the headers that mean it (regular expressions on _words(header), whole header);
# the first field whose pattern matches wins, so the specific ones come first.
_FIELDS: tuple[tuple[str, str], ...] = (
    ("submitted_track", r"submitted for tracks?"),  # Indico's: a poster's topic when no track is accepted
    # CMT's: its authors' '*' marks this person, not who presents (see _Table.row_people)
    ("contact", r"primary contact( author)?( name)?"),
    ("ignore", r"figure( caption)?|dietary.*|primary contact( author)? e ?mail( address)?"
               r"|timestamp|horodateur|zeitstempel|reviewed for tracks|submission date"
               r"|modification date|number of reviews|score.*|submitter.*|file url|url"
               r"|materials?|keywords?|schlagworter|mots cles|comments?|remarks?|notes?|program code"),
    ("references", r"(abstract )?(bibliography|references|literatur|literaturangaben|bibliographie)"),
    ("person_family", r"(presenting author|presenter|speaker|corresponding author|author|referent\w*|orateur|"
                      r"intervenant)?\s*(family name|last name|surname|nachname|familienname|nom de famille|nom)"),
    ("person_given", r"(presenting author|presenter|speaker|corresponding author|author|referent\w*|orateur|"
                     r"intervenant)?\s*(first name|given name|forename|vorname|prenom)"),
    ("person_affiliation", r"(presenting author|presenter|speaker|corresponding author|referent\w*|orateur|"
                           r"intervenant)\s*(institution|affiliation|organi[sz]ation|university|institut\w*)"),
    ("person_country", r"(presenting author|presenter|speaker|corresponding author)?\s*(country|land|pays)"),
    ("ignore", r"(presenting author|presenter|speaker|corresponding author)?\s*(postal )?(address|adresse|anschrift)"),
    # a corresponding author's address: theirs, who need not present (see _Table.corresponding)
    ("corresponding_email", r"corresponding authors?\s*(e ?mail|email address|mail|courriel)"),
    ("corresponding", r"corresponding authors?( full)?( names?)?"),
    ("speaker_email", r"(presenting author|presenter|speaker|presenters|speakers)\s*"
                      r"(e ?mail|email address|mail|courriel)"),
    ("speaker_affs", r"(presenters?|speakers?) affiliation"),
    ("author_emails", r"(authors?|co authors?) e ?mails?"),
    ("author_affs", r"authors? affiliation"),
    ("coauthor_affs", r"co authors? affiliation"),
    ("email", r"e ?mail( address)?|mail|courriel|e mail adresse"),
    ("title", r"(abstract |paper |talk |contribution |presentation |poster |submission )?(title|titel|titre)"
              r"( of (the |your )?(talk|contribution|presentation|paper|abstract|poster))?( en| english)?"),
    ("abstract", r"(short |talk |contribution |paper |presentation |poster |your )?"
                 r"(abstract|summary|zusammenfassung|kurzfassung|resume|content|text|abstract text|abstract body|"
                 r"beschreibung|description of (the |your )?(talk|contribution))( en| english| text)?"),
    ("description", r"description|details|long abstract|full abstract"),
    ("coauthors", r"co ?authors?( list)?.*|ko ?autor\w*|co ?auteurs?|other authors"),
    ("affiliations", r"(affiliations?|organi[sz]ations?|institutions?|institutes?|labos?|laboratoires?|"
                     r"einrichtung\w*|hochschulen?|universit\w*|employer|zugehorigkeit\w*|etablissements?|rattachements?)"
                     r"( \d+)?( [a-z ]+)?"),
    ("speaker", r"presenting authors?|presenters?|speakers?|vortragende\w*|referent\w*|orateurs?|"
                r"intervenants?|presentateurs?|presenting|(speaker|presenter|presenting author)s?( full)? names?"),
    # ("Primary authors": Indico's abstracts export)
    ("authors", r"(primary )?authors?( list| names?)?|autor\w*|auteurs?|names?|persons?|people|participants?"),
    ("type", r"(accepted )?(contribution|presentation|talk|submission|session|paper|abstract)? ?"
             r"(type|kind|category|format|art|typdoc|typ)( of (contribution|presentation|talk))?|contribution|"
             r"beitragsart|beitragstyp|type de (communication|presentation|contribution)"),
    ("submitted_type", r"submitted (contribution )?type"),
    ("track", r"(accepted )?track|theme|thema|topic"),
    ("state", r"state|status|acceptance|decision|statut|entscheidung"),
    ("language", r"(talk |abstract |presentation )?(language|sprache|langue|idioma|lingua)"),
    ("session", r"(session|sitzung|seance)( title| name| titel| short)?"),
    ("chair", r"(session )?chairs?( \d+)?( name)?|(session )?(vorsitz|chairperson|moderation|moderator|president)"),
    ("poster", r"(poster|board)( number| no| nr| #| id)?|poster n\w*|postern\w*|stand( number)?"),
    ("date", r"(session )?(date|datum|day date|jour|tag|day|dates?)"),
    ("start", r"(session )?(start( time| date)?|begin\w*|time|from|von|debut|heure( de debut)?|uhrzeit|starts?)"),
    ("end", r"(session )?(end( time)?|until|to|bis|ende|endzeit|fin|heure de fin|ends?|finish)"),
    ("duration", r"duration( h mm| min\w*| minutes)?|length|dauer|duree|minutes|mins?"),
    ("room", r"(session )?(room|location|raum|salle|hall|horsaal|saal|lieu|ort|venue|auditorium|"
             r"lecture (hall|room|theatre))( name)?"),
    ("id", r"(paper|submission|abstract|contribution|talk|beitrags?)? ?(id|nr|no|number|#|code|nummer|numero)"),
)
_FIELD_RES = [(name, re.compile(rf"(?:{pattern})")) for name, pattern in _FIELDS]
_REPEATED = {"coauthors", "affiliations", "authors", "chair", "author_emails"}  # fields that may have several columns

# what --map accepts on the left of "=", beside the field names themselves
_MAP_NAMES = {
    "title": "title", "abstract": "abstract", "summary": "abstract", "description": "description",
    "authors": "authors", "author": "authors", "speakers": "speaker", "speaker": "speaker",
    "presenting author": "speaker", "presenter": "speaker", "affiliations": "affiliations",
    "affiliation": "affiliations", "email": "email", "type": "type", "kind": "type", "day": "date",
    "date": "date", "start": "start", "time": "start", "end": "end", "duration": "duration", "room": "room",
    "session": "session", "chair": "chair", "poster": "poster", "poster number": "poster", "board": "poster",
    "id": "id", "state": "state", "status": "state", "track": "track", "topic": "track", "coauthors": "coauthors",
    "co-authors": "coauthors", "references": "references", "language": "language", "ignore": "ignore",
}


def field_of(header, loose: bool = True) -> str | None:
    """The field a column's header means; else (`loose`) that of the header without what it says in brackets
    ("Abstract (max. 300 words)", as forms write them); None."""
    words = _words(header)
    if not words:
        return None
    for candidate in (words, _words(_BRACKETED.sub(" ", str(header)))) if loose else (words,):
        for name, pattern in _FIELD_RES:
            if candidate and pattern.fullmatch(candidate):
                return name
    return None


_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")


@dataclass
class _Columns:
    """Which column holds what: field -> column indexes, in order."""

    index: dict[str, list[int]] = field(default_factory=dict)
    passed: dict[str, list[int]] = field(default_factory=dict)  # field -> the later columns of that meaning

    def add(self, name: str, i: int) -> None:
        self.index.setdefault(name, []).append(i)

    def best_dates(self, body: list, mapped: bool) -> None:
        """Of several date columns ("Day", "Date"), the one whose cells hold dates most often (the first of those
        that hold as many): a day's number before its date took the programme's every day away. Not one the user
        named with --map."""
        candidates = self.index.get("date", [])[:1] + self.passed.get("date", [])
        if mapped or len(candidates) < 2:
            return
        def held(i: int) -> int:
            dates = _Dates([_raw(r, i) for r in body])
            return sum(dates(_raw(r, i)) is not None for r in body if _raw(r, i) not in (None, ""))
        self.index["date"] = [max(candidates, key=lambda i: (held(i), -candidates.index(i)))]

    def first(self, name: str) -> int | None:
        cols = self.index.get(name)
        return cols[0] if cols else None

    def has(self, name: str) -> bool:
        return bool(self.index.get(name))


def _user_map(options: Options) -> dict[str, str]:
    """--map, as {header folded: field}; SourceError for a name booklet does not know."""
    out = {}
    for name, header in (options.columns or {}).items():
        meant = _MAP_NAMES.get(name.strip().lower().replace("_", " "))
        if meant is None:
            raise SourceError(f"--map: '{name}' is not a column booklet reads; use one of "
                              f"{', '.join(sorted(set(_MAP_NAMES)))}")
        out[_words(header)] = meant
    return out


def _columns(header: list, options: Options) -> _Columns:
    mapped = _user_map(options)
    cols = _Columns()
    # a header that means a field as written first; one that does only without its brackets after: "Title (English)"
    # is the title before "Titel (Deutsch)"
    for loose in (False, True):
        for i, h in enumerate(header):
            words = _words(h)
            exact = mapped.get(words) or field_of(h, loose=False)
            name = exact if not loose else (field_of(h) if exact is None and words not in mapped else None)
            if name is None or name == "ignore":
                continue
            if name in cols.index and name not in _REPEATED:
                cols.passed.setdefault(name, []).append(i)
                continue  # the first column of that meaning wins (but see _Columns.best_dates)
            cols.add(name, i)
    for indexes in cols.index.values():
        indexes.sort()
    # a user's --map wins over a header that means the same field
    for words, name in mapped.items():
        exact = [i for i, h in enumerate(header) if _words(h) == words]
        if exact:
            cols.index[name] = exact
    return cols


def _find_header(rows: list[list], options: Options) -> int | None:
    """The index of the header row: the first of the first ten rows with a title column."""
    mapped = _user_map(options)
    for n, row in enumerate(rows[:10]):
        names = [mapped.get(_words(h)) or field_of(h) for h in row]
        if "title" in names or _wide_groups(row):
            return n
    return None


_WIDE = re.compile(r"^(?:p|pres|presentation|paper|talk|beitrag)_?(\d+)[_ ](.+)$", re.I)


def _wide_groups(header: list) -> dict[int, dict[str, int]]:
    """ConfTool's sessions export: 'p1_title', 'p1_authors', ... -> {1: {'title': col, ...}}."""
    groups: dict[int, dict[str, int]] = {}
    for i, h in enumerate(header):
        m = _WIDE.match(str(h or "").strip())
        if not m:
            continue
        sub = m[2].lower()
        name = {"paperid": "id", "organisations": "affiliations", "organizations": "affiliations",
                "presenting_author": "speaker", "contribution_type": "type", "acceptance": "state",
                "start": "start", "end": "end"}.get(sub) or field_of(sub)
        if name and name != "ignore":
            groups.setdefault(int(m[1]), {}).setdefault(name, i)
    return {n: g for n, g in groups.items() if "title" in g}


# -- cells ----------------------------------------------------------------------------------------

_EMAILS_APART = re.compile(r"[\s,;]+")  # what separates the e-mail addresses of a cell


def _emails(cells) -> list[str]:
    """The e-mail addresses of `cells` (texts), in order: each word of them with an '@', split at spaces, commas and
    semicolons, without the '*' CMT marks the primary contact by ("ana@x.org*; bo@y.org")."""
    return [word.strip("*") for cell in cells for word in _EMAILS_APART.split(cell) if "@" in word]


def _cell(row: list, i: int | None) -> str:
    if i is None or i >= len(row):
        return ""
    value = row[i]
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()[:10] if isinstance(value, dt.date) else value.strftime("%H:%M")
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


# a CSV whose quotes were doubled twice (a script that escaped them before the CSV writer did): ""maplibre"", in a
# cell whose every quote is one of such a pair, each pair around words ("""Docstring""" or "" + y + "" are kept)
_TWICE_QUOTED = re.compile(r'(?<![\w"])""(\w[^"\n]{0,200}?)""(?![\w"])')
_ONLY_DOUBLED = re.compile(r'(?:[^"]|"")*')


def _quoted_once(cell: str) -> str:
    if '""' not in cell or not _ONLY_DOUBLED.fullmatch(cell):
        return cell
    made = _TWICE_QUOTED.sub(r'"\1"', cell)
    return made if '""' not in made else cell  # (every pair around words, or the cell as it is)


def _raw(row: list, i: int | None):
    return row[i] if i is not None and i < len(row) else None


_DATE_FORMS = (
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})"), "ymd"),
    (re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})"), "ymd"),
    (re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{2,4})"), "dmy"),
    (re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2,4})"), "?/"),
    (re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})"), "dmy"),
)


# What a spreadsheet's date cell holds as its zero: 1899-12-30 (Excel's day 0, LibreOffice's), 1899-12-31 and
# 1900-01-01 (day 1, or "1900-01-00" read), never a conference's date.
_SHEET_ZERO = frozenset((dt.date(1899, 12, 30), dt.date(1899, 12, 31), dt.date(1900, 1, 1)))
_SERIAL = re.compile(r"(\d{5})(?:[.,](\d+))?")  # a spreadsheet's date (and time) as its number: 40717, 40718,5
SERIAL_FIRST, SERIAL_LAST = 36526, 54789  # 2000-01-01 and 2050-01-01: a conference's dates as such numbers
_FRACTION = re.compile(r"0?[.,]\d+")  # a time of day as a spreadsheet keeps it: a fraction of the day, 0.375 is 09:00


def _sheet_number(value) -> float | None:
    """A cell's number as a spreadsheet keeps dates and times (a number; or text that is a serial date, 40718,5, or a
    fraction of a day, 0.375), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value) if abs(value) < 1e300 else None
    text = str(value or "").strip()
    return float(text.replace(",", ".")) if _SERIAL.fullmatch(text) or _FRACTION.fullmatch(text) else None


def _serial(value) -> dt.datetime | None:
    """A spreadsheet's date-time as the number it keeps (days since 1899-12-30: 40717 is 2011-06-23, 40718.5 noon of
    the next day), as a cell formatted "General" shows it, or a CSV saved from it holds it; None for anything else
    (a number of another size, text)."""
    number = _sheet_number(value)
    if number is None or not SERIAL_FIRST <= number < SERIAL_LAST:
        return None
    return dt.datetime(1899, 12, 30) + dt.timedelta(minutes=round(number * 24 * 60))


# a start at the end of its day: 00:00 of the next (assemble.parse_clock reads it so)
_END_OF_DAY = re.compile(r"(?<!\d)24\s*[:.h]\s*00(?!\d)")


def _start_day(day: dt.date, start: dt.time | None, written: str) -> dt.date:
    """The day of a start written `written` on `day`: the next for "24:00" (the night after it, listed at its
    evening's end)."""
    return day + dt.timedelta(days=1) if start is not None and _END_OF_DAY.search(written) else day


class _Dates:
    """Dates as the column writes them; 3/4/2027 is day-first unless the column shows it is month-first."""

    def __init__(self, values: list) -> None:
        self.month_first = False
        found = []
        for v in values:
            m = _DATE_FORMS[3][0].match(str(v or "").strip())
            if m and int(m[2]) > 12:
                self.month_first = True
                return
            if m and int(m[1]) > 12:
                return
            if m:
                found.append(m)
        # no number over 12 tells: the reading whose dates lie closer together (3/5 and 3/6 are two days of a
        # conference in March, not the 3rd of May and of June), day-first when both do alike
        self.month_first = _span(found, month_first=True) < _span(found, month_first=False)

    def __call__(self, value) -> dt.date | None:
        value = _serial(value) or value
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return None if value in _SHEET_ZERO else _in_years(value)  # (the zero: a spreadsheet's empty date cell)
        text = str(value or "").strip()
        return self._numbers(text) or self._numbers(_WEEKDAY_FIRST.sub("", text)) or named_date(text)

    def _numbers(self, text: str) -> dt.date | None:
        """The date `text` writes in numbers (2024-03-04, 4.3.2024, 3/4/2024, ...) at its start, or None."""
        for pattern, order in _DATE_FORMS:
            m = pattern.match(text)
            if not m:
                continue
            a, b, c = (int(g) for g in m.groups())
            if order == "ymd":
                y, mo, d = a, b, c
            elif order == "?/" and self.month_first:
                mo, d, y = a, b, c
            else:
                d, mo, y = a, b, c
            if len(m[1 if order == "ymd" else 3]) <= 2:  # '22.09.23' (not '0000-05-05', which is no date)
                y += 2000
            try:
                return _in_years(dt.date(y, mo, d))
            except ValueError:
                return None
        return None


_WEEKDAY_FIRST = re.compile(r"^[^\W\d_]{2,}\.?,?\s*(?=\d)")  # "Mon 04.03.2024", "Mon, 2024-03-04": the weekday
_NAMED_DATE_WORDS = re.compile(r"[^\W\d_]+|\d+")
_CLOCK = re.compile(r"(?<!\d)\d{1,2}\s*[:.h]\s*\d{2}(?!\d)(?:\s*[ap]\.?m\.?)?", re.I)  # a time beside the date
# The languages whose month names a date cell may hold ("4 March 2024", "Montag, 4. März 2024", "lundi 4 mars 2024"):
# a word two of them give to different months is left to the first of them (Croatian is left out: its "listopad" is
# October, Polish's and Czech's November)
MONTH_LANGUAGES = ("en", "de", "fr", "es", "it", "nl", "pt", "ca", "sv", "da", "nb", "fi", "is", "pl", "cs", "sk",
                   "sl", "hu", "ro", "tr", "et", "lv", "lt", "eu", "gl", "ga", "cy")


@cache
def _month_words() -> tuple[dict[str, int], frozenset[str]]:
    """Every month's names and abbreviations in MONTH_LANGUAGES (CLDR's, babel's data), lower case and without
    accents -> the month's number; and the weekdays' names so written (some are a month's in another language: the
    French "mar." is mardi, the Spanish "mar" marzo)."""
    from babel import Locale

    months: dict[str, int] = {}
    weekdays: set[str] = set()
    for language in MONTH_LANGUAGES:
        locale = Locale.parse(language)
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in locale.months[context][width].items():
                    months.setdefault(_bare(name), number)
                for name in locale.days[context][width].values():
                    weekdays.add(_bare(name))
    return months, frozenset(weekdays)


def _bare(word: str) -> str:
    """`word` lower case, without its accents and a closing full stop ("Mär." -> "mar")."""
    plain = unicodedata.normalize("NFKD", word.strip().rstrip(".").casefold())
    return "".join(ch for ch in plain if not unicodedata.combining(ch))


def named_date(text: str) -> dt.date | None:
    """The date a cell writes with its month's name, in any order and any of MONTH_LANGUAGES, a weekday or not:
    "4 March 2024", "March 4th, 2024", "Mon, 4 Mar 2024", "Montag, 4. März 2024", "lundi 4 mars 2024"; None when it
    names no month, or not exactly one day of the month and one year."""
    if len(text) > 60 or not any(ch.isalpha() for ch in text):
        return None
    months, weekdays = _month_words()
    found = _NAMED_DATE_WORDS.findall(_CLOCK.sub(" ", text))
    words = [_bare(w) for w in found if not w.isdigit()]  # (each word bare once)
    if len(words) > 1 and not found[0].isdigit() and words[0] in weekdays and any(w in months for w in words[1:]):
        words = words[1:]  # the weekday first, a month after it ("mar. 4 juin 2024": mardi, not March)
    named = {months[w] for w in words if w in months}
    days = [int(w) for w in found if w.isdigit() and len(w) <= 2 and 1 <= int(w) <= 31]
    years = [int(w) for w in found if w.isdigit() and len(w) == 4]
    others = [w for w in words if w not in months and w not in weekdays and w not in _ORDINALS]
    # (a weekday after the date, "4 June 2024, Tuesday", is let be)
    if len(named) != 1 or len(days) != 1 or len(years) != 1 or others:
        return None
    try:
        return _in_years(dt.date(years[0], named.pop(), days[0]))
    except ValueError:
        return None


_ORDINALS = frozenset({"st", "nd", "rd", "th", "er", "de", "del", "di", "of", "den", "der", "le", "el", "il", "d"})


def _span(found: list, month_first: bool) -> int:
    """How many days the dates `found` (matches of d/m/y or m/d/y) span read so (a date that is none: a year's)."""
    read = []
    for m in found:
        a, b, year = int(m[1]), int(m[2]), int(m[3])
        year += 2000 if len(m[3]) <= 2 else 0
        try:
            read.append(dt.date(year, a, b) if month_first else dt.date(year, b, a))
        except ValueError:
            return 366
    return (max(read) - min(read)).days if read else 0


def _in_years(date: dt.date) -> dt.date | None:
    """`date`, or None (no date) before FIRST_YEAR or after LAST_YEAR: no conference's (and the day before the year
    1, which reading a night's event asks of, is no date at all)."""
    return date if FIRST_YEAR <= date.year <= LAST_YEAR else None


# an ISO 8601 date-time with its offset from UTC: 2024-03-05T09:00:00+01:00, 2024-03-05 09:00Z, ... +0100
_ZONED = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})", re.I)
# two times of day in one cell, from and to: '09:00-09:20', '9.00 – 9.20', '10:00 to 10:45'
_CLOCK_RANGE = re.compile(r"(\d{1,2}\s*[:.h]\s*\d{2})\s*(?:[-\u2013\u2014]|to|bis)\s*(\d{1,2}\s*[:.h]\s*\d{2})", re.I)


def _zoned(value, zone) -> dt.datetime | None:
    """A cell's date-time with an offset from UTC, as a date-time in `zone` (a ZoneInfo; None: the clock as the
    cell writes it, its offset dropped); None for any other cell."""
    text = str(value or "").strip()
    if isinstance(value, dt.datetime) or not _ZONED.fullmatch(text):
        return None
    try:
        moment = dt.datetime.fromisoformat(text.replace(" ", "T", 1).replace("z", "Z"))
    except ValueError:
        return None
    return moment.astimezone(zone) if zone is not None and moment.tzinfo is not None else moment


def _clock_range(value) -> tuple[dt.time, dt.time] | None:
    """A cell holding a time range ('09:00-09:20'): its start and end; None for any other cell."""
    found = _CLOCK_RANGE.fullmatch(str(value or "").strip()) if isinstance(value, str) else None
    if not found:
        return None
    start, end = parse_clock(found[1]), parse_clock(found[2])
    return (start, end) if start is not None and end is not None else None


def _clock_in(value) -> dt.time | None:
    """A time of day from a cell: '10:15', '2023-09-22 10:15', '0930', a spreadsheet time or date-time; of a
    range ('09:00-09:20'), its start; of a date-time with an offset, the clock as written."""
    if isinstance(value, (dt.datetime, dt.time)):
        return parse_clock(value)
    number = _sheet_number(value)
    if number is not None and (0 <= number < 1 or SERIAL_FIRST <= number < SERIAL_LAST):  # a time as a fraction of
        # a day, alone (0.375: 09:00) or after a serial date's days; a serial date alone has none
        minutes = round(number % 1 * 24 * 60)
        return dt.time(minutes // 60, minutes % 60) if (number < 1 or minutes) and minutes < 24 * 60 else None
    zoned = _zoned(value, None)
    if zoned is not None:
        return parse_clock(zoned)
    both = _clock_range(value)
    if both is not None:
        return both[0]
    text = str(value or "").strip()
    m = re.search(r"(\d{1,2}[:.h]\d{2})(?::\d{2})?\s*([ap]\.?m\.?)?$", text, re.I)
    if m:
        clock = parse_clock(m[1])
        if clock and m[2]:
            hour = clock.hour % 12 + (12 if m[2].lower().startswith("p") else 0)
            clock = clock.replace(hour=hour)
        return clock
    return parse_clock(text)


def _minutes(value) -> float | None:
    """A duration cell's minutes (_read_minutes), above 0 and LONGEST at most; None for anything else."""
    found = _read_minutes(value)
    return found if found is not None and 0 < found <= LONGEST else None


def _read_minutes(value) -> float | None:
    """'1:30' -> 90, '20' -> 20, '20 min', '20 minutes', '1h30', 'PT1H30M', a spreadsheet time -> minutes; a
    spreadsheet's number under 1 is a fraction of a day (a time in a cell not formatted as one: 0.0625 is 1:30)."""
    if isinstance(value, dt.time):
        return value.hour * 60 + value.minute
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        if 0 < value < 1:
            return round(value * 24 * 60, 6)
        return float(value) if value > 0 else None
    text = str(value or "").strip().lower()
    if not text:
        return None
    m = re.fullmatch(r"(\d{1,2}):(\d{2})(?::\d{2})?", text)
    if m:
        return int(m[1]) * 60 + int(m[2])
    m = re.fullmatch(r"pt(?:(\d+)h)?(?:(\d+)m)?", text)
    if m and (m[1] or m[2]):
        return int(m[1] or 0) * 60 + int(m[2] or 0)
    m = re.fullmatch(r"(?:(\d+)\s*h(?:ours?|rs?)?)?\s*(?:(\d+)\s*(?:m|min\w*|')?)?", text)
    if m and (m[1] or m[2]):
        return int(m[1] or 0) * 60 + int(m[2] or 0)
    return None


# -- people in cells ----------------------------------------------------------------------------------

_MARKERS = re.compile(r"\s*((?:\(\s*\d+(?:\s*[,;]\s*\d+)*\s*\)\s*)+|[\u00b9\u00b2\u00b3\u2070-\u2079,]+"
                      r"|\^\s*\d+(?:\s*,\s*\d+)*)\s*$")  # "(1)", "(1,2) (3)", "¹²", "^1", "^1,2"
_SUPERSCRIPT = str.maketrans("\u00b9\u00b2\u00b3\u2070\u2074\u2075\u2076\u2077\u2078\u2079", "1230456789")
# "and" between names ("A and and B": one), in a few languages; "y" and "e" in lower case only ("John E Smith");
# not inside brackets ("Ana Smith (Physics and Astronomy)": her affiliation; looked for over the next 300 characters,
# not to the end of the cell from every "and": a cell of 8,000 names took 2 s of CPU to split, 0.005 s without it)
_AND = re.compile(r"(?:(?:\s+(?:and|und|et|(?-i:y|e)|&)(?=\s))+\s+|\s*&\s*)(?![^()]{0,300}\))", re.I)
# _AND without the Spanish and Portuguese 'y' and 'e': in a cell that joins names with another word ('and', 'und', 'et',
# '&'), they join the words of a family name ("Santiago Ramón y Cajal, Ana Smith, and Bo Lee": three people, not
# 'Santiago Ramón' and 'Cajal' besides)
_AND_NOT_YE = re.compile(_AND.pattern.replace("|(?-i:y|e)", ""), re.I)
# what names nobody in a list of names, with the "and" before it: "et al.", "and others", "u. a.", "etc."
# (each from the start of its run of commas and spaces: tried from every one of them, a cell of thousands took seconds)
_ET_AL = re.compile(r"(?<![\s,;])[\s,;]*(?:(?:\band|\bund|&)\s*)?(?:\bet\s+al\b\.?|(?-i:\bu\.\s*a\.)|\betc\b\.?)"
                    r"(?=[\s,;]*(?:[,;]|$))|(?<![\s,;])[\s,;]*(?:\band|\bund|&)\s*others\b(?=[\s,;]*(?:[,;]|$))",
                    re.I)
_NAME_PIECES = re.compile(r"\s*(?:;|\n|\|)\s*(?![^()]*\))")  # what separates names, outside brackets
_AND_LAST = re.compile(r"(?:\s+(?:and|und|et|&))+\s*$", re.I)  # an "and" with no name after it
# a word of a name, any script's, joined by hyphens: "Jean-Pierre", "O'Brien", "Małgorzata"
_NAME_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’])+(?:-[^\W\d_](?:[^\W\d_]|['’])+)*")


def _given_words(text: str) -> int:
    """How many words of `text` are given names when it is given names alone, and nothing more: "Jean-Pierre" 1,
    "José Luis" 2, "Jean-Pierre M." 1 (an initial after them); 0 when it is not (initials alone or first, more than
    three words, a word not capitalised or in capitals: "IBM"). Which words are given names, and which a family
    name ("Bo Jones"), cannot be told here: see _one_last_first."""
    words = unicodedata.normalize("NFC", text).split()  # (a letter and its accent apart: "José" from a Mac)
    if not 1 <= len(words) <= 3 or _initials(words[0]):
        return 0
    full = 0
    for word in words:
        if _initials(word):
            continue
        if not _NAME_WORD.fullmatch(word) or not all(_capitalised(part) for part in word.split("-")):
            return 0
        full += 1
    return full


def _markers(name: str) -> tuple[str, list[int], bool]:
    """'Senker, Meike (1,2)*' -> ('Senker, Meike', [1, 2], presenting); the '*' before the markers as well
    ('Senker, Meike* (1,2)', 'Meike*^1')."""
    name = name.strip()
    presenting = name.endswith("*") or name.startswith("*")
    name = name.strip("* ")
    numbers: list[int] = []
    m = _MARKERS.search(name)
    if m and m.start() > 0 and re.search(r"\d|[\u00b9\u00b2\u00b3\u2070-\u2079]", m[1]) \
            and not re.search(r"\d{4}", m[1]):  # (a year, or a number no affiliation has: the name's own)
        numbers = [int(n) for n in re.findall(r"\d+", m[1].translate(_SUPERSCRIPT))]
        name = name[: m.start()].rstrip()
        if name.endswith("*"):  # "Hans* (1)", "Hans*^1"
            name, presenting = name.rstrip("* "), True
    return name.strip(" ,;"), numbers, presenting


ABSTRACT_LIKE = 80  # characters: a column's texts this long on average read as an abstract (see the notes)


def last_first_column(cells) -> bool:
    """True when a column writes names 'Last, First' between semicolons (ConfTool): then a cell with one
    comma is one person, 'Kuhl, Jan Esra'."""
    for cell in cells:
        pieces = [p for p in _NAME_PIECES.split(str(cell or "")) if p.strip()]  # (as split_names takes them)
        if len(pieces) > 1 and _last_first_pieces(pieces):
            return True
    return False


def _last_first_pieces(pieces: list[str]) -> bool:
    """Whether names between semicolons (a cell's) are each written 'Last, First': each has one comma that may part a
    family name from given names (_name_commas), and one at least does so even when a country after a full name is
    read as an affiliation ("Smith, Ana, Sweden"). A country that is a given name too counts as a given name then
    ("Pérez García, Israel; Smith, Ana, Sweden": places.given_name_too), not in a cell of full names and their
    countries ("Ana Smith, Israel; Bo Lee, Sweden")."""
    return (all(_name_commas(piece, leaning=True) == 1 for piece in pieces)
            and any(_name_commas(piece) == 1 for piece in pieces))


def _name_commas(name: str, leaning: bool = False) -> int:
    """The commas of a name as written that may part a family name from given names: not one in brackets ("Ana Smith
    (UC, Berkeley)": in the affiliation), nor the one before a call sign ("Jann Traschewski, DG8NGN": comma_tag), an
    institution or a country ("Ana Smith, Lund University", "Ana Smith, Sweden": _institution_after, `leaning` as
    there) or post-nominals ("Ana Smith, MSc", "Smith, Ana, Jr.": assemble.post_nominal)."""
    from ..text.names import without_comma_tag

    bare = without_comma_tag(_institution_after(_BRACKETED.sub("", name).strip(), leaning)[0])[0]
    return post_nominals_apart(bare)[0].count(",")


def last_first_leaning(cells) -> bool:
    """True when a column writes one person 'Last, First' in some cell ('Dupont, Jean-Pierre') and no cell lists
    names 'First Last' ('Ana Smith, Bo Jones, Cy Ng', 'Ann Lee and Bob Roe', 'Ana Smith; Bo Lee'): then 'García
    Márquez, José Luis', which alone could be two people, is one too."""
    leaning = False
    for cell in cells:
        names = split_names(str(cell or ""))
        if len(names) == 1 and _name_commas(names[0]) == 1:
            leaning = True
        elif len(names) >= 2 and not any(_name_commas(name) for name in names):
            if len(names) == 2 and _one_last_first(*names, leaning=True) and "," in str(cell) \
                    and not _AND.search(str(cell)):  # ('García Márquez, José Luis' itself: either)
                continue
            return False
    return leaning


def _one_last_first(last: str, first: str, leaning: bool) -> bool:
    """Whether 'last, first' (two pieces of a cell) is one person's name, family name first: the second piece a given
    name (or several, or initials), the first at most three words without a full stop. Several given names ("José
    Luis") make one person only after a family name of one word ("Nguyễn, Thị Minh") or in a `leaning` column (see
    last_first_leaning): 'Ana Smith, Bo Jones' are two. A family name's particles in small letters are no words of it
    here ("van der Smagt, Patrick Jan", "Le Guen de Kerneizon, Paul"), nor are those the given names end with, as an
    index writes them ("Kerneizon, Paul Le Guen de"), nor a call sign after them ("Traschewski, Jann, DG8NGN"), nor an
    affiliation in brackets after them ("Van Morrison, Bo Lee (Lund University)": _own_affiliation). Initials in
    capitals run together ("Dupont, JP": names.capital_initials) are given names as several given names are."""
    from ..text.names import PARTICLES, capital_initials, without_comma_tag

    first_bare = without_comma_tag(_own_affiliation(_markers(first)[0], leaning)[0])[0]  # ("Ana (Lund University)")
    first_bare = post_nominals_apart(first_bare, initials=False)[0]  # ("Smith, Ana, Jr.", "Smith, Ana, M.D.")
    first_bare = titles_dropped(first_bare) or first_bare  # ("Smith, Ana PhD": a given name and a title)
    last = titles_dropped(last) or last  # ("Prof. Dr. Smith, Ana")
    given_words = first_bare.split()
    while len(given_words) > 1 and given_words[-1] in PARTICLES:
        given_words.pop()
    family_words = _family_words(last, given_words)
    if "." in last or not 1 <= len(family_words) <= 3 or _markers(last)[1]:  # ("Ana^1, Bo^2": a name with its own
        return False  # markers)
    if _initials(first_bare) or initials_after_family(last, first_bare):  # ("Lee, MA": M. A. Lee, as flipped reads it)
        return True
    if capital_initials(first_bare):  # "Dupont, JP": after a family name of one word, or in a `leaning` column
        return len(family_words) == 1 or leaning
    given = _given_words(" ".join(given_words))
    return given == 1 or given > 1 and (len(family_words) == 1 or leaning)


def _family_words(family: str, given: list[str]) -> list[str]:
    """The words of a family name written before a comma that count as its words for _one_last_first: not its
    particles, in small letters ("van der Smagt") or, before another word, with a capital ("Da Silva", "De Souza",
    "Van der Berg": as the index reads them, part of the family name). A capitalised one counts where it may be no
    particle: "Al" ("Al Gore, Bo Lee": a given name too, so two people), a Vietnamese name's ("Le Van Thanh, Le Thi
    Huong": names.vietnamese_order), one of an East Asian name of two words (_east_asian_pair: "Di Wang, Bo Lee",
    "Van Nguyen, Bo Lee" are two people; "De La Cruz, Bo Lee", whose "De La" reads as two syllables of pinyin too, is
    one), or beside `given` words (after the comma) that are particles too."""
    from ..text.names import PARTICLES

    words = family.split()
    capitals = not (vietnamese_order(words) or vietnamese_order(given)
                    or any(word.casefold() in PARTICLES for word in given))
    return [word for at, word in enumerate(words)
            if not (word in PARTICLES or capitals and at < len(words) - 1 and word.casefold() in PARTICLES
                    and word[:1].isupper() and word.casefold() != "al"
                    and not (len(words) == 2 and _east_asian_pair(word, words[at + 1])))]


def _east_asian_pair(particle: str, after: str) -> bool:
    """Whether a capitalised particle and the word after it may be an East Asian name, not a family name with its
    particle: two pinyin syllables ("Di Wang", "Du Wei", "De Long": a Chinese given name and family name, or family
    name and given name), or a Vietnamese family name beside it ("Van Nguyen": Văn a given name; "Le Minh": Lê the
    family name); "Da Silva", "Van Dijk", "Dos Santos" are no such pair."""
    from ..text.folding import fold

    return (bool(_PINYIN.fullmatch(fold(particle)) and _PINYIN.fullmatch(fold(after)))
            or not {fold(particle), fold(after)}.isdisjoint(vietnamese_families()))


# a syllable of Hanyu Pinyin without its tone marks (folded): an initial and a final ("wang", "zhou", "di", "xue"; j,
# q and x only before i and u: "Jong" is no syllable)
_PINYIN = re.compile(r"[jqx](?:iang|iong|iao|ian|ing|ia|ie|iu|in|i|uan|ue|un|u)|(?:zh|ch|sh|[bpmfdtnlgkhrzcsyw])?"
                     r"(?:iang|iong|uang|ueng|iao|ian|ang|eng|ing|ong|uai|uan|ai|ei|ao|ou|an|en|er|ia|ie|iu|in|ua|uo|"
                     r"ui|un|ue|a|o|e|i|u|v)")


def _capitalised(word: str) -> bool:
    """A capital first and small letters after it, but after an apostrophe ("Jean", "D'Arcy"; not "IBM", "jean"); in a
    script without capitals, any word ("ნინო")."""
    return not word[0].islower() and all(not c.isupper() or word[i] in "'’" for i, c in enumerate(word[1:]))


def split_names(cell: str, last_first: bool = False, cut: list | None = None, leaning: bool = False) -> list[str]:
    """The names in one cell, in order, each as written (markers kept): 'A; B', 'A, B and C', 'Last, First'.

    A cell that separates with ';' (or lines, or '|') has one name per piece; there, 'Last, First' is one
    name. Else commas and 'and' separate names, but 'Iglesias Gonsálvez, Samuel' is one name: two
    pieces, the second a given name alone; and 'Smith, J., Doe, A.' and 'Smith, Ana, Jones, Bo' two, family names and
    given names taking turns, where a cell of commas alone pairs so all through (_family_first_people: 'Smith, Ana,
    Jones' is kept as written, whose family name is whose untold). A closing 'et al.' (or 'and others', 'u. a.',
    'etc.') names nobody: left out, and the cell appended to `cut` (when given) for the notes to say so. Given names
    are any script's, joined by hyphens or spaces ('Dupont, Jean-Pierre', 'Nguyễn, Thị Minh'); `leaning`: the column
    writes 'Last, First' (last_first_leaning). A Spanish or Portuguese 'y' or 'e' parts names only in a cell that
    joins none with 'and', 'und', 'et' or '&' (_AND_NOT_YE: 'Santiago Ramón y Cajal, Ana Smith and Bo Lee')."""
    named, found = _ET_AL.subn("", cell.strip())
    if found and cut is not None:
        cut.append(cell)
    cell = _AND_LAST.sub("", named.strip(" ,;"))
    if not cell:
        return []
    pieces = [p for p in _NAME_PIECES.split(cell) if p.strip(" ,")]
    if len(pieces) > 1:
        return [p.strip(" ,") for p in pieces]
    cell = pieces[0] if pieces else cell
    ands = _ands(cell)
    if last_first and cell.count(",") == 1 and not ands.search(cell):
        return [cell]
    anded = ands.split(cell)
    if len(anded) > 1 and all(_name_commas(name) == 1 and _one_last_first(*_institution_after(name)[0].split(",", 1),
                                                                           leaning=leaning) for name in anded):
        return [name.strip() for name in anded]  # BibTeX's "Smith, Ana and Lee, Bo"
    if len(anded) > 1:  # ("Smith, Ana, Jones, Bo and Lee, Cy": each side of the 'and' people written family name first)
        paired = [_paired(name, leaning) for name in anded]
        if all(paired):
            return [person for people in paired for person in people]
        beside = _family_first_beside(anded, leaning)  # ("Smith, Ana and Bo Jones": two people)
        if beside:
            return beside
    parts = _tags_kept([p.strip() for p in _NAME_COMMA.split(ands.sub(", ", cell)) if p.strip()], leaning)
    if len(parts) == 2 and not ands.search(cell):
        if _one_last_first(*parts, leaning=leaning):
            return [cell]
    if len(parts) >= 3 and not ands.search(cell):
        return _family_first_people(parts, leaning)  # ("Smith, Ana, Jones, Bo", "Smith, J., Doe, A. B.")
    return parts


def _ands(cell: str) -> re.Pattern:
    """What parts names in a cell (or a piece of one between semicolons): _AND, but for a Spanish or Portuguese 'y'
    or 'e' beside an 'and', 'und', 'et' or '&' ('Santiago Ramón y Cajal, Ana Smith and Bo Lee') or joining the words
    of a family name (_ye_joins): _AND_NOT_YE then."""
    return _AND_NOT_YE if _AND_NOT_YE.search(cell) or _ye_joins(cell) else _AND


def _ye_joins(cell: str) -> bool:
    """Whether a 'y' or 'e' in a cell of names joins the words of a family name, not two people: in a name alone,
    after two words or more and before one ('Santiago Ramón y Cajal', 'Maria da Silva e Souza'; 'Ana y Bo' and 'Bo y
    Ana López' are two people); in a list with commas, inside a name before the last comma with two words or more on
    a side of it (a list's 'y' is before its last name: 'Santiago Ramón y Cajal, Ana Smith', but 'Ana López, Bo Ruiz y
    Cy Ng'); or in a family name when the cell's pieces between commas pair all through as family names and given
    names with it kept there ('Ramón y Cajal, Santiago', 'Ochoa, Severo, Ramón y Cajal, Santiago'; 'López, Ana y
    Ruiz, Bo', three pieces, is Ana López and Bo Ruiz). A particle is no word here ('da Silva'), as in
    _family_words."""
    if not _AND.search(cell):
        return False
    anded = _AND.split(cell)
    if len(anded) > 1 and all(_name_commas(name) == 1
                              and _one_last_first(*_institution_after(name)[0].split(",", 1), leaning=False)
                              for name in anded):
        return False  # people written family name first, a 'y' between them ("García Márquez, Gabriel y Vargas
        # Llosa, Mario": two, as split_names reads "Smith, Ana and Lee, Bo")
    pieces = [piece.strip() for piece in _NAME_COMMA.split(cell)]
    for at, piece in enumerate(pieces):
        for found in _AND.finditer(piece):
            if found[0].strip() not in ("y", "e"):
                continue
            before, after = (len(_family_words(side, [])) for side in (piece[:found.start()], piece[found.end():]))
            if len(pieces) == 1 and before >= 2 and after == 1 or at < len(pieces) - 1 and max(before, after) >= 2:
                return True
    families, given = pieces[::2], pieces[1::2]
    return (len(pieces) % 2 == 0 and any(_AND.search(family) for family in families)  # (inside it: not "y López",
            # the list's 'y' after a comma, "García, Ana, y López, Bo")
            and all(_one_last_first(family, names, leaning=False) for family, names in zip(families, given)))


def _paired(text: str, leaning: bool = False) -> list[str]:
    """A piece of a cell between its 'and's as people written family name first when it is that all through ('Smith,
    Ana, Jones, Bo': _family_first_people pairs its every two pieces between commas); [] when it is not ('Stefan,
    Yannik, Rike': given names)."""
    parts = _tags_kept([part.strip() for part in _NAME_COMMA.split(text) if part.strip()], leaning)
    if len(parts) < 2:
        return []
    people = [text.strip()] if len(parts) == 2 and _one_last_first(*parts, leaning=leaning) else \
        _family_first_people(parts, leaning) if len(parts) >= 3 else []
    return people if people and all("," in person for person in people) and len(people) < len(parts) else []


def _family_first_beside(anded: list[str], leaning: bool = False) -> list[str]:
    """A cell's pieces between its 'and's as people when some are written family name first and others given name
    first ("Smith, Ana and Bo Jones": Ana Smith and Bo Jones, not Smith, Ana and Bo Jones): each piece a name of no
    comma, or people written family name first all through (_paired) whose family names are one word each (so "Ana
    Smith, Bo and Cy Lee" stays three people), and one piece at least a name of two words or more (a list of given
    names alone, "Stefan, Yannik and Tom", is one person a word); [] when the cell is not so."""
    people: list[str] = []
    full = paired = False
    for part in anded:
        part = part.strip()
        if "," not in part:
            full = full or len(part.split()) > 1
            people.append(part)
            continue
        pairs = _paired(part, leaning)
        if not pairs or any(len(_family_words(family, given.split())) != 1
                            for family, given in (pair.split(",", 1) for pair in pairs)):
            return []
        people += pairs
        paired = True
    return people if full and paired else []


def _given_names_listed(text: str, leaning: bool = False) -> bool:
    """Whether a cell's piece between its semicolons is a list of given names alone, joined by commas and an 'and'
    ("Stefan, Yannik, Rike and Tom", "Stefan, Yannik & Rike": four and three people, as split_names reads them), not
    people written family name first ("Smith, Ana and Jones, Bo", "Smith, Ana, Jones, Bo and Lee, Cy": _paired all
    through): every name between its commas and 'and's one given name (its affiliation in brackets aside)."""
    anded = _ands(text).split(text)
    names = [_own_affiliation(name.strip(), leaning)[0] for part in anded for name in _NAME_COMMA.split(part)]
    return (len(anded) > 1 and all(len(name.split()) == 1 and _given_words(name) == 1 for name in names)
            and not all(_paired(part, leaning) for part in anded))


def _family_first_people(parts: list[str], leaning: bool = False) -> list[str]:
    """A cell's names cut at its commas alone (_tags_kept's parts, three or more) as people: 'Smith, Ana, Jones, Bo'
    is two people written family name first when every part that has no comma of its own pairs with the next as a
    family name and given names (_one_last_first; 'Smith, J., Doe, A. B.': names and initials taking turns; a part
    _tags_kept made of a name and what follows it, 'Lee, MA', 'Ana Smith, MSc', is one person); a cell that does not
    pair so all through and holds two names of one word or more ('Smith, Ana, Jones', 'García Márquez, José Luis,
    Smith, Ana': whose family name is whose cannot be told) is one name as written, which the import's note names
    (unsure_people); any other is a person a part ('Ana Smith, Bo Jones, Cy Ng', 'Ana Smith, r0ml, Bo Lee')."""
    people: list[str] = []
    at = 0
    while at < len(parts):
        if "," in parts[at]:
            people.append(parts[at])
            at += 1
        elif at + 1 < len(parts) and "," not in parts[at + 1] and _one_last_first(parts[at], parts[at + 1], leaning):
            people.append(f"{parts[at]}, {parts[at + 1]}")
            at += 2
        else:
            break
    if at == len(parts) and len(people) < len(parts):
        return people
    return [", ".join(parts)] if _unsure_parts(parts) else parts


def unsure_people(name: str) -> bool:
    """Whether a name as imported may be several people written family name first with commas alone, which no rule
    parts (_family_first_people kept it as written: 'Smith, Ana, Jones' is Ana Smith and a Jones, or a Smith and Ana
    Jones): three pieces between commas or more, post-nominals after them aside ('Smith, Ana, Jr.' is one person),
    two of them a name of one word at least."""
    return name.count(",") >= 2 and _unsure_parts(OUTSIDE_BRACKETS_COMMA.split(post_nominals_apart(name)[0]))


def _unsure_parts(parts: list[str]) -> bool:
    """Whether a name's pieces between commas are unsure_people's: three or more, two a name of one word at least."""
    return len(parts) >= 3 and sum(len(part.split()) == 1 and _given_words(part) == 1 for part in parts) >= 2


def _tags_kept(parts: list[str], leaning: bool = False) -> list[str]:
    """A cell's pieces cut at its commas, a call sign after a name put back on it: "Jann Traschewski, DG8NGN" is one
    person, not two. Only a call sign's shape (_CALL_SIGN), not every word names.comma_tag sets aside after a
    name: a speaker's handle is a name of its own in a list ("Ana Smith, r0ml, Bo Lee" is three people). A call sign
    with the person's affiliation after it in brackets (Indico's "Ana Smith, DK4HAA (Lund University)") is kept too,
    as is an institution written after a name ("Ana Smith, Lund University": _institution_after sets it aside) with
    the countries after it ("Ana Smith, Lund University, Sweden": text.places, CLDR's names of countries in English
    and their own languages, which babel ships), a country alone after a full name ("Ana Smith, Sweden":
    _country_after; in a `leaning` column, not one that is a given name too: "Pérez García, Israel"), and
    post-nominals ("Ana Smith, MSc", "Ana Smith, Jr.": assemble.post_nominal), with an affiliation after them in
    brackets too ("Ana Smith, MSc (Lund University)"). A cell that starts with a family name, a given name and a
    country ("Smith, Ana, Sweden": _country_after) is one person from there, not three people."""
    from ..text.places import country_code

    kept: list[str] = []
    placed = False  # the piece kept last is an institution, or a country after one
    for part in parts:
        if len(kept) == 2 and not any("," in piece for piece in kept) and _country_after([*kept, part], leaning):
            kept, placed = [", ".join([*kept, part])], True  # "Smith, Ana, Sweden"
            continue
        institution, unbracketed = _institution(part), _BRACKETED.sub("", part).strip()
        country = bool(kept) and (placed and bool(country_code(part))  # (CLDR's names read after an institution)
                                  or _country_after([*OUTSIDE_BRACKETS_COMMA.split(kept[-1]), part], leaning))
        if kept and (_CALL_SIGN.fullmatch(unbracketed) or institution or post_nominal(unbracketed) or country):
            kept[-1] = f"{kept[-1]}, {part}"
            placed = institution or country
        else:
            kept.append(part)
            placed = False
    return kept


def _institution(text: str) -> bool:
    """Whether `text` names an institution, no person: it has a word of text.institutions' (in any language met,
    accents or none: "Lund University", "Universidade de São Paulo", "Lunds universitet", "Universite de Lyon", "Acme
    GmbH"), not in brackets ("DK4HAA (Lund University)": a call sign, the affiliation after it), and not a name of
    two words whose such word is a family name too ("Ana Center", "Jo College": people, as "Imperial College" is read;
    "Imperial College London" is an institution)."""
    from ..text.folding import words
    from ..text.institutions import COMPANY_WORDS, FAMILY_NAME_WORDS, INSTITUTION_WORDS

    written = words(_BRACKETED.sub("", text))
    found = {word for word in written if word in INSTITUTION_WORDS or word in COMPANY_WORDS}
    return bool(found) and not (found <= FAMILY_NAME_WORDS and len(written) <= 2)


def _institution_after(name: str, leaning: bool = False) -> tuple[str, str]:
    """A name written with the person's institution after a comma ("Ana Smith, Lund University, Sweden", a form's
    speaker cell), or a country alone ("Ana Smith, Sweden": _country_after, `leaning` as there): the name without it
    and the institution or country (from there on, as an affiliation); (name, '') when no piece after a comma names
    either, or the first piece is an institution ("Lund University, Sweden": no person's)."""
    parts = OUTSIDE_BRACKETS_COMMA.split(name)
    at = next((i for i in range(1, len(parts)) if _institution(parts[i])), None)
    if at is None and _country_after(parts, leaning):
        at = len(parts) - 1
    if at is None or _institution(parts[0]):
        return name, ""
    return ",".join(parts[:at]).strip(), affiliation(",".join(parts[at:]))


def _country_after(parts: list[str], leaning: bool) -> bool:
    """Whether the last of a name's pieces (cut at its commas) is a country alone (text.places: CLDR's names) after
    one person's name, which the form gave as the affiliation: after a name written family name first ("Smith, Ana,
    Sweden"), or after a full name of two words or more ("Ana Smith, Sweden"; a family name's particles are no words
    of it: "Van Dijk, Jordan" is a family name and a given name), but for a country that is a given name too in a
    column that writes names family name first (`leaning`, as _one_last_first's: "Pérez García, Israel";
    places.given_name_too); post-nominals between them are the name's ("Ana Smith, MSc, Sweden"). A family name and
    a given name that names a country too are a person: "Smith, Jordan", "Lee, Chad"."""
    from ..text.places import country_code, given_name_too

    if len(parts) < 2 or not country_code(parts[-1]):
        return False
    name = [part.strip() for part in parts[:-1]]
    while len(name) > 1 and post_nominal(name[-1]):
        name.pop()
    if len(name) == 2:
        return _one_last_first(*name, leaning=leaning)
    return (len(name) == 1 and len(_family_words(name[0], [])) >= 2
            and not (leaning and given_name_too(parts[-1])))



# an amateur-radio call sign (ITU: a prefix, a digit, two to four letters): "DG8NGN", "W1AW"; not a handle written
# in small letters ("r0ml", "m4rtin") nor a short one ("L3D", "A73X"), which CCC and FOSDEM speakers go by
_CALL_SIGN = re.compile(r"[A-Z0-9]{1,3}[0-9][A-Z]{2,4}")


# a comma between names: not inside brackets ("Ana (UC, Berkeley)"), nor before a number alone, which no name is
# (a marker's next affiliation: "Ana Smith^1,2, Bo Lee^3")
_NAME_COMMA = re.compile(r"\s*,\s*(?![^()]*\))(?!\d+\s*(?:,|$))")


def _initials(text: str) -> bool:
    """Whether `text` is a name's initials alone: "J.", "J.-P.", "A. B.", "U.A.", "Ł."."""
    text = text.strip()
    return bool(_INITIAL_RUN.fullmatch(text)) and all(letter.isupper() for letter in _INITIAL.findall(text))


_INITIAL = re.compile(r"([^\W\d_])\.")  # an initial: a letter and its full stop
_INITIAL_RUN = re.compile(r"(?:[^\W\d_]\.[\s-]*)+")


def _person_name(text: str, flip: bool) -> str:
    """A name as printed: 'Last, First' turned round, a GPN-style '12:' id dropped, spaces collapsed."""
    return _name_and_family(text, flip)[0]


def _name_and_family(text: str, flip: bool) -> tuple[str, str | None]:
    """_person_name's name, and the family name it was written with first when it was turned round ('Ruiz de
    Gordejuela, Unai': for people.yaml, which assemble.people_file writes where the index's rule finds another), its
    academic titles left out (assemble.flipped: 'Dr. Smith, Ana': Smith); None when it was not turned round."""
    text = re.sub(r"^\d+:", "", text.strip())
    if not (flip and "," in text):
        return clean(text), None
    name, family = flipped(text)
    return clean(name), (clean(family) or None) if family else None


def numbered_affiliations(cell: str) -> tuple[dict[int, str], list[str]]:
    """'1: Inst A;\\n2: Inst B' -> ({1: 'Inst A', 2: 'Inst B'}, []); unnumbered -> ({}, ['Inst A', ...])."""
    cell = cell.strip()
    if not cell:
        return {}, []
    pieces = [p.strip() for p in re.split(r"\s*(?:;\s*\n|\n|;)\s*", cell) if p.strip()]
    if len(pieces) == 1:  # '1 - Inst A, 2 - Inst B' on one line
        pieces = [p.strip() for p in re.split(r"[,;]\s*(?=\(?\[?\d{1,2}\s*[\]):.\-\u2013]\s)", cell) if p.strip()]
    numbered = {}
    for piece in pieces:
        m = re.match(r"^\(?\[?(\d{1,2})\s*[\]):.\-\u2013]?\s+(.+)$|^([\u00b9\u00b2\u00b3\u2070-\u2079]+)\s*(.+)$",
                     piece)
        if not m:
            numbered = {}
            break
        number = int((m[1] or m[3].translate(_SUPERSCRIPT)))
        numbered[number] = affiliation(m[2] or m[4])
    if numbered and len(numbered) == len(pieces):
        return numbered, []
    return {}, [affiliation(p) for p in pieces if affiliation(p)]


def people_from(names_cell: str, affs_cell: str = "", flip: bool = True, last_first: bool = False,
                cut: list | None = None, leaning: bool = False) -> list[Person]:
    """The people of one author cell with their affiliations from another (numbered, one for all, or
    one per author); `cut`, `leaning`: as split_names's; `last_first`: the column writes names 'Last, First' between
    semicolons (last_first_column), as the cell itself may show ("Pérez García, Israel; Smith, Ana, Sweden")."""
    last_first = last_first or last_first_column([names_cell])
    names = split_names(names_cell, last_first, cut, leaning)
    numbered, plain = numbered_affiliations(affs_cell)
    out = []
    for raw in names:
        name, numbers, presenting = _markers(raw)
        bracketed = ""
        if not plain and not numbers:  # (where the cell of affiliations gives the person one, words in brackets
            name, bracketed = _own_affiliation(name, last_first or leaning)  # are the name's: "Wei Wang (王伟)")
            if name.endswith("*"):  # "Ana Smith* (Lund University)"
                name, presenting = name.rstrip("* "), True
        else:  # (an institution after a comma is no part of the name: the cell of affiliations gives theirs)
            name = _institution_after(name, last_first or leaning)[0]
        name, family = _name_and_family(name, flip)
        if not name:
            continue
        if numbered:
            affs = [numbered[n] for n in numbers if n in numbered]
            if not numbers and len(numbered) == 1:
                affs = list(numbered.values())
        elif len(plain) == 1:
            affs = list(plain)
        else:
            affs = []
        out.append(Person(name, [bracketed] if bracketed else affs, None, presenting, family))
    if plain and len(plain) > 1:
        if len(plain) == len(out):  # one affiliation per author, in order
            for person, aff in zip(out, plain):
                person.affiliations = [aff]
        else:
            for person in out:
                person.affiliations = list(plain)
    return out


def several_people(name: str) -> list[Person]:
    """The people a name given as one person's stands for when it is a cell of several names as split_names reads one
    ('Ana Smith and Bo Jones', 'Smith, Ana and Jones, Bo', 'Ana Smith; Bo Jones', 'Smith, Ana, Jones, Bo'), each as
    people_from reads it (with the family name it was written with first); [] when it is one person's name, or
    nobody's. A name without 'and' or what else parts names, of one comma at most between a family name and given
    names, is one person's without split_names' further tests (an Indico export's every person, most often). So is
    one whose parts would not all be people (assemble.people_read_so: "Open Source Initiative & Free Software
    Foundation", "Andreas family & friends Hamburg"): a name given as one person's is theirs unless it reads as
    people's, where a table's cell is a list of names. Every reader of such names reads them so (Indico's person
    objects; the schedules' speakers and the EuroPython export's through assemble.names_in)."""
    apart = _AND.search(name) or _NAME_PIECES.search(name)  # ('and', ';', '|', a line)
    if (not apart and ("," not in name or name.count(",") == 1 and _one_last_first(*name.split(","), leaning=False))
            or not _NAME_PIECES.search(name) and not _AND_NOT_YE.search(name) and _family_joined(name)
            or len(split_names(name)) < 2):  # (most names: one person's, as split_names would find: no further)
        return []
    people = people_from(name)
    return people if len(people) > 1 and people_read_so(name, [p.name for p in people]) else []


def name_turned(name: str, leaning: bool = False) -> tuple[str, str | None]:
    """A name given as one person's as printed, turned round when it is written family name first ("Smith, Ana" ->
    Ana Smith; "Lee, MA" -> MA Lee: assemble.initials_after_family), with that family name (assemble.flipped: for
    people.yaml); as written, with None, when it is not: its one comma before a call sign, post-nominals, an
    institution or a country ("Jann Traschewski, DG8NGN", "Ana Smith, MSc", "Ana Smith, Lund University"), or between
    pieces that are no family name and given names (_one_last_first: "How They Vote, Open Data"; `leaning` as
    there). The rule Indico's CSV cells turn a name by (people_with_affiliations), for every reader of one name a
    person."""
    turn = _name_commas(name, leaning=True) == 1 and _one_last_first(*name.split(",", 1), leaning=leaning)
    return _name_and_family(name, turn)


def turned_name(name: str) -> tuple[str, str | None]:
    """A name given as one person's turned round when written family name first, with that family name (name_turned:
    'Smith, Ana', 'Lee, MA'), else (the name exactly as the source writes it, None: a handle's '_' is no emphasis,
    '@_moradek_'): the schedules' speakers, the EuroPython export's and aclpub2's names written whole."""
    turned, family = name_turned(name) if "," in name else (name, None)
    return (turned, family) if family else (name, None)


def _family_joined(name: str) -> bool:
    """Whether `name`, given as one person's, joins the words of a family name with a small 'y' or 'e' (Spanish and
    Portuguese: 'Santiago Ramón y Cajal', 'Ramón y Cajal, Santiago', 'Maria da Silva e Souza'), which _AND reads
    between two people's names ('Ana López y Bo Ruiz'): one word alone on a side of it, up to the next 'and' (commas
    aside, and particles: 'da Silva e Souza, Maria'). Indico's person objects read so were 'Santiago Ramón' and
    'Cajal'."""

    def words(part: str) -> int:  # (a capitalised particle counts where _family_words counts it: "Di Wu")
        return len(_family_words(part.replace(",", " "), []))

    ands = list(_AND.finditer(name))
    for at, found in enumerate(ands):
        if found[0].strip() not in ("y", "e"):
            continue
        before = name[ands[at - 1].end() if at else 0:found.start()]
        after = name[found.end():ands[at + 1].start() if at + 1 < len(ands) else len(name)]
        if min(words(before), words(after)) < 2:
            return True
    return False


# what a form's author cell writes in brackets after a name that is no affiliation: a role, pronouns ("she/her", "they
# / she", "sie/ihr"; not "Physics/Chemistry", a department), a suffix
_NO_AFFILIATION = re.compile(r"(?:presenting|presenter|speaker|corresponding(?: author)?|invited|keynote|online|remote|"
                             r"virtual|in person|tb[acd]|jr\.?|sr\.?|{0}(?:\s*/\s*{0})+)".format(
                                 r"(?:he|him|his|she|her|hers|they|them|their|theirs|it|its|xe|xem|ze|zir|hir|ey|em|"
                                 r"fae|faer|any|all|er|ihm|sie|ihr|dey|elle|iel|il)"), re.I)


def _own_affiliation(name: str, leaning: bool = False) -> tuple[str, str]:
    """'Ana Smith (Lund University)' -> ('Ana Smith', 'Lund University'), as CMT's and many a form's author cells
    write a person's affiliation, and 'Ana Smith, Lund University' or 'Ana Smith, Sweden' (an institution or a country
    after a comma: _institution_after, `leaning` as there) too; a name without either, or with a role, pronouns or a
    degree's honours in its brackets after the degree ('(presenting)', '(she/her)', 'Ana Smith, BA (Hons)'), ->
    (name, ''); honours after no degree are as any words in brackets ('Bo Lee (Oxon)': the affiliation 'Oxon')."""
    name, glued = _institution_after(name.strip(), leaning)
    opening = _closing_bracket_opened(name)
    words = name[opening + 1:-1].strip() if opening is not None else ""
    head = name[:opening].strip(" ,(") if opening is not None else ""  # ("Bo Lee ((MIT)": Bo Lee)
    if not head or not any(ch.isalpha() for ch in words) or _NO_AFFILIATION.fullmatch(words) \
            or degree_qualifier(words) and post_nominal(head.split()[-1]) == "degree":
        return name, glued
    return head, affiliation(", ".join(part for part in (words, glued) if part))


def _closing_bracket_opened(text: str) -> int | None:
    """Where the bracket that closes `text` opens ("Ana (UC (Berkeley))": at 4); None when `text` does not end with
    one, or it opens nowhere."""
    if not text.endswith(")"):
        return None
    depth = 0
    for at in range(len(text) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(text[at], 0)
        if depth == 0:
            return at
    return None


def people_with_affiliations(cell: str, cut: list | None = None) -> list[Person]:
    """Indico's 'Ana Smith (Lund University), Bo Jones' -> people with their affiliation; a closing 'et al.' names
    nobody (`cut`: as split_names's). What ';' (or lines, or '|': split_names's pieces) or 'and' (_AND, as split_names
    reads it: 'Ana Smith (Lund University) and Bo Jones', 'Smith, Ana and Jones, Bo') separates is one person
    written family name first when it is two pieces that read so (_one_last_first: 'Smith, Ana (Lund University);
    Lee, Bo' -> Ana Smith, Bo Lee; _own_affiliation and assemble.flipped set apart what follows a name after a comma:
    an institution, a country, a degree, a suffix, a call sign), else one person or more, given name first but for a
    piece that is one person written family name first ('Smith, Ana, Sweden'; a family name and its initials, though
    they are a degree's letters too: 'Smith, J.D., Lee, B.A.', assemble.post_nominals_apart). A cell whose names are
    all so written reads a country that is a given name too as the given name (_last_first_pieces: 'Pérez García,
    Israel; Smith, Ana, Sweden')."""
    out = []
    named, found = _ET_AL.subn("", cell.strip())
    if found:
        cell = _AND_LAST.sub("", named.strip(" ,;"))
        if cut is not None:
            cut.append(cell)
    leaning = last_first_column([cell])  # (names between semicolons, each 'Last, First')
    for apart in _NAME_PIECES.split(cell):
        anded, givens = _ands(apart).split(apart), _given_names_listed(apart, leaning)
        read = None  # (split_names of `apart`: read once, when a piece beside an 'and' asks)
        for between in anded:
            # (a comma inside brackets parts no one: "Ana (UC, Berkeley)"; nor one before a call sign: _tags_kept)
            pieces = _tags_kept([piece.strip() for piece in _PEOPLE_PIECES.split(between) if piece.strip()], leaning)
            flip = (not givens and len(pieces) == 2  # ("Stefan, Yannik & Rike": three given names, no Yannik Stefan)
                    and _one_last_first(pieces[0], _own_affiliation(pieces[1], leaning)[0], leaning))
            if flip and len(anded) > 1:  # (beside an 'and', as split_names reads it: "Smith, Ana and Bo Jones" two
                # people, "Ana Smith, Bo and Cy Lee" three, not "Bo Ana Smith" and Cy Lee)
                if read is None:
                    read = [name.strip(" ,") for name in split_names(apart, leaning=leaning)]
                flip = between.strip(" ,") in read
            if len(pieces) >= 3 and not givens:  # ("Smith, Ana, Jones, Bo": two people written family name first, as
                pieces = _family_first_people(pieces, leaning)  # split_names reads it)
            for piece in [", ".join(pieces)] if flip else pieces:
                written, aff = _own_affiliation(piece, leaning)
                # (one piece written 'Last, First' with its country after it: "Smith, Ana, Sweden" is Ana Smith's)
                name, family = _name_and_family(written, True) if flip else name_turned(written, leaning)
                if name:
                    out.append(Person(name, [aff] if aff else [], None, False, family))
    return out


_PEOPLE_PIECES = re.compile(r"[,;](?![^()]*\))")  # a comma or semicolon outside brackets


def _name_words(name: str) -> list[str]:
    """A name's words as compared: case and commas aside."""
    return name.casefold().replace(",", " ").split()


def _same_name(one: str, other: str) -> bool:
    """Whether two writings are one name: the same words in the same order ("Wei Li" and "Li Wei" are two people)."""
    return _name_words(one) == _name_words(other)


def _name_keys(name: str) -> set[str]:
    """What two writings of one person's name share (either order of given and family name)."""
    words = _name_words(name)
    return {" ".join(words), " ".join(sorted(words))}


def _mark_presenting(people: list[Person], speakers: list[Person]) -> list[Person]:
    """The speakers marked among the authors (by name, either order of given and family name); a speaker who
    is no author comes first."""
    for s in speakers:
        match = next((p for p in people if _name_keys(p.name) & _name_keys(s.name)), None)
        if match is None:
            people.insert(0, Person(s.name, s.affiliations, s.email, True, s.family, s.family_read))
        else:
            match.fill_in(s)
            match.presenting = True
    return people


# -- rows -> entries ---------------------------------------------------------------------------------

_NOT_CONTRIBUTION_STATES = re.compile(r"reject|withdraw|declin|cancel|duplicate|merged|abgelehnt|zurückgez|"
                                      r"refus|annul|invalid|rechaz|respint|rejeit|\bnot\s+accept|"
                                      r"\bnicht\s+(?:angenommen|akzeptiert)|"
                                      r"\bnon\s+(?:accept|retenu|admis)", re.I)
# not decided yet: left out only when other rows of the export are accepted (else nothing is decided yet)
_UNDECIDED_STATES = re.compile(r"submitted|under review|in review|pending|eingereicht|soumis|en cours", re.I)
_ACCEPTED_STATES = re.compile(r"accept|acept|accett|aceit|angenommen|akzeptiert|confirm|zugesagt", re.I)


class _Table:
    def __init__(self, path: Path, fmt: str, rows: list[list], options: Options, where, notes: list[str],
                 people: tuple[str, dict[str, list[Person]]] | None = None) -> None:
        self.path = path
        self.fmt = fmt
        self.rows = rows
        self.options = options
        # --timezone: date-times with an offset from UTC are converted to it (else their clock is kept as written)
        self.zone = zone_named(options.timezone, "--timezone") if options.timezone else None
        self.last_day: dt.date | None = None  # the date of the last row that wrote one (for a row that writes none)
        self.filled_down = 0  # rows with a time and no date, given the date of the row above
        self.undated: list[str] = []  # where rows are that give a time, in a table with no column of dates
        self.where = where  # row index -> "line 12" / "sheet 'X', row 12"
        self.header_line = lambda i: ""  # row index -> the CSV's line it starts on, as written (for its delimiter)
        self.wider: list[tuple[str, int]] = []  # CSV rows of more cells than the header's: (where, how many)
        # CSV rows that end before columns booklet reads: (where, how many cells, the headers of those columns)
        self.shorter: list[tuple[str, int, list[str]]] = []
        self.unended = ""  # where the CSV's last row is, when the file ends without a line end after it
        self.notes = notes
        self.kinds = Kinds(options)
        self.skipped: Counter = Counter()
        self.untitled: list[str] = []  # where each row left out for want of a title is ("line 12")
        self.reworded: list[str] = []  # titles of rows whose description says the abstract again in other words
        self.codes: list[str] = []  # poster board codes with more than a number in them ("A7"), and their numbers
        self.decided = False  # some row of the export is accepted: rows not yet decided are left out
        self.blocks: dict[str, Block] = {}
        self.last_first: dict[int, bool] = {}  # column -> it writes names 'Last, First' between semicolons
        self.leaning: dict[int, bool] = {}  # column -> it writes one person 'Last, First' (last_first_leaning)
        # a sheet of authors (_sheet_people): its name, a contribution's id -> its people; the rows it gave to
        self.sheet_people = people or ("", {})
        self.sheet_used = 0
        self.corresponding_left = 0  # rows whose corresponding author's e-mail went to nobody (corresponding)
        self.emails_apart = 0  # rows whose cell of authors' e-mails lists another number of them than of authors
        # the cells of names of the row being read that ended with 'et al.' (split_names); the contributions
        # imported whose names did so: (key, title) -> where (a row listed twice, as one contribution, once)
        self.row_cut: list[str] = []
        # what the row being read gives of a person it does not name (an e-mail, an affiliation), and the rows that did
        self.row_nameless: list[str] = []
        self.header: list = []  # the header row of the rows being read (to name a column in a note)
        self.nameless: list[str] = []
        self.et_al: dict[tuple[str, str], str] = {}
        # the id the source gives (its column of ids, as written) -> each title given it -> where first
        self.idents: dict[str, dict[str, str]] = {}
        self.family_first = False  # the export writes names family name first (sciencesconf's: _family_first)

    def read(self) -> Imported:
        header_at = _find_header(self.rows, self.options)
        if header_at is None:  # a --map naming a header no row has: said first, as what went wrong
            self._mapped_all_there([cell for row in self.rows[:10] for cell in row], "the file's first rows")
            header = next((r for r in self.rows if any(_cell(r, i) for i in range(len(r)))), [])
            shown = listed([f"'{_cell(header, i)}'" for i in range(len(header)) if _cell(header, i)])
            where = self.where(self.rows.index(header)) if header in self.rows else "line 1"
            from .timetable import looks_like_a_timetable

            hint = (f" (a timetable, it seems: give it with --timetable beside the spreadsheet of abstracts whose "
                    f"talks it places, `booklet import abstracts.csv --timetable {self.path.name}`)"
                    if looks_like_a_timetable(header) else "; name it with --map \"Title=<header>\"")
            raise SourceError(f"{self.path}: {where} (the header): no column of titles"
                              + (f" among {shown}" if shown else "") + hint)
        header = self.rows[header_at]
        shown = listed([f"'{_cell(header, i)}'" for i in range(len(header)) if _cell(header, i)])
        self._mapped_all_there(header, f"the header at {self.where(header_at)} ({shown})")
        groups = _wide_groups(header)
        if groups:
            entries = self.wide(header_at, header, groups)
        else:
            entries = self.long(header_at, header)
        if not entries and not self.blocks:
            why = "; ".join(f"{count} {what}" for what, count in sorted(self.skipped.items()))
            untitled = (f" ({', '.join(self.untitled[:3])}{' ...' * (len(self.untitled) > 3)}: the title column is "
                        f"'{_cell(header, _columns(header, self.options).first('title'))}')" if self.untitled else "")
            raise SourceError(f"{self.path}: no contribution in it (every row below the header at "
                              f"{self.where(header_at)} is blank or no contribution" + (f": {why}" if why else "")
                              + f"{untitled})")
        for what, count in sorted(self.skipped.items()):
            at = f" ({', '.join(self.untitled[:3])}{' ...' * (len(self.untitled) > 3)}: give each a title to " \
                "import it)" if what == "row(s) without a title" else ""
            self.notes.append(f"left out {count} {what}{at}")
        if self.codes:
            self.notes.append(f"{len(self.codes)} poster board code(s) with more than a number in them: a poster's "
                              f"number is the number in its code (posters.yaml's `number` is a whole number); "
                              f"check them ({', '.join(self.codes[:3])}"
                              + (f" and {len(self.codes) - 3} more)" if len(self.codes) > 3 else ")"))
        if self.et_al:
            places = list(self.et_al.values())
            shown = ", ".join(places[:3]) + " ..." * (len(places) > 3)
            self.notes.append(f"{len(places)} list(s) of authors end with 'et al.' (or 'and others') ({shown}): only "
                              "the people named are imported; add the others to abstracts.yaml")
        shared = {ident: titles for ident, titles in self.idents.items() if len(titles) > 1}
        if shared:
            shown = listed([f"'{ident}': " + ", ".join(f"{where} ('{title}')" for title, where in titles.items())
                            for ident, titles in shared.items()], 3, "; ")
            self.notes.append(f"{len(shared)} id(s) the source gives to more than one contribution (other titles): "
                              f"each is imported, with an id of its own (the second '-2', ...): check that they are "
                              f"different contributions, and make the source's ids unique ({shown})")
        if self.nameless:
            self.notes.append(f"{len(self.nameless)} row(s) give a person's details without their name, left out (the "
                              f"contribution keeps the people named): {listed(self.nameless, 3, '; ')}"
                              + "; write their names in abstracts.yaml, or in the source")
        if self.reworded:
            self.notes.append(f"{len(self.reworded)} row(s) whose description says a paragraph of the abstract again "
                              f"in other words: printed once, in the longer wording; check them "
                              f"({some(self.reworded)})")
        if self.options.timetable is not None:
            from . import timetable

            rows = timetable.read_rows(self.options.timetable, self.kinds, self.notes)
            entries = timetable.placed(entries, rows, self.options.first_day, Path(self.options.timetable),
                                       self.notes)
        return assemble(self.fmt, Conference(), entries, list(self.blocks.values()), self.kinds,
                        self.notes)

    def _mapped_all_there(self, cells: list, place: str) -> None:
        """SourceError naming a --map header that none of `cells` is (`place`: where they are, for the message)."""
        seen = {_words(cell) for cell in cells}
        for name, written in (self.options.columns or {}).items():
            if _words(written) not in seen:
                raise SourceError(f"--map: {name}={written}: no column '{written}' in {place}")

    # one row per contribution
    def long(self, header_at: int, header: list) -> list[Entry]:
        self.header = header
        self.family_first = _family_first(header)
        cols = _columns(header, self.options)
        body = self.rows[header_at + 1:]
        cols.best_dates(body, "date" in _user_map(self.options).values())
        dates = _Dates([_raw(r, cols.first("date")) for r in body] + [_raw(r, cols.first("start")) for r in body])
        self.decided = any(_ACCEPTED_STATES.search(_cell(r, cols.first("state"))) for r in body)
        self.last_first = {i: last_first_column(_cell(r, i) for r in body)
                           for name in ("authors", "coauthors", "speaker") for i in cols.index.get(name, [])}
        self.leaning = {i: last_first_leaning(_cell(r, i) for r in body) for i in self.last_first}
        entries = []
        self.last_day, self.filled_down, self.undated = None, 0, []
        named = max((i + 1 for i in range(len(header)) if _cell(header, i)), default=0)  # (empty cells after: none)
        for offset, row in enumerate(body):
            n = header_at + 1 + offset
            entry = self.row_entry(row, cols, dates, self.where(n))
            if entry is not None:
                entries.append(entry)
            self.short_row(row, n, header, {i for indexes in cols.index.values() for i in indexes})
            if self.fmt == "csv" and len(row) > named and (any(_cell(row, i) for i in range(named, len(row)))
                                                           or len(row) > len(header) and _mistyped(row, cols, dates)):
                self.wider.append((self.where(n), len(row)))  # (more cells than the header, or shifted: a '09:20'
                # read as the abstract and a title as the time)
        if self.wider:
            self.notes.append(self.wider_note(self.wider, named, self.header_line(header_at)))
        self.shorter_note(named)
        if self.emails_apart:
            self.notes.append(f"{self.emails_apart} row(s) list another number of authors' e-mails than of authors: "
                              "those e-mails are not given to anyone (which is whose cannot be told); add them to "
                              "abstracts.yaml")
        if self.corresponding_left:
            self.notes.append(f"{self.corresponding_left} row(s) give a corresponding author's e-mail "
                              f"({_cell(header, cols.first('corresponding_email'))!r}) but name no corresponding "
                              "author among their authors: left out (add it to abstracts.yaml)")
        sheet = self.sheet_people[0]
        if sheet and self.sheet_used:
            self.notes.append(f"the authors' affiliations and e-mails from sheet '{sheet}', by submission number "
                              f"({self.sheet_used} of {len(entries)} contributions)")
        elif sheet:
            self.notes.append(f"sheet '{sheet}' lists authors by submission number, but no number there is a "
                              "contribution's here: not read")
        if cols.has("contact") and not any(cols.has(name) for name in ("speaker", "speaker_affs", "person_family",
                                                                         "person_given")):
            contact = _cell(header, cols.first("contact"))
            self.notes.append(f"no column says who presents: no author is marked presenting (the '*' after an author, "
                              f"as in CMT's export, marks the primary contact, '{contact}'); when the primary contacts "
                              f"are the speakers, import with --map \"Speaker={contact}\"")
        if self.filled_down:
            self.notes.append(f"{self.filled_down} row(s) with a time and no date took the date of the row above "
                              "(a date written once a day, or in merged cells)")
        if self.undated:
            start = _cell(header, cols.first("start")) if cols.has("start") else "start"
            self.notes.append(f"{len(self.undated)} row(s) give a time ('{start}') but the source has no column of "
                              f"dates ({', '.join(self.undated[:3])}{' ...' * (len(self.undated) > 3)}): left out of the programme; add a column of dates "
                              "(a header 'Date'), or write the date with the time ('2027-06-05 19:00')")
        used = {i for indexes in cols.index.values() for i in indexes}
        mapped = _user_map(self.options)
        unread_at = [i for i in range(len(header)) if _cell(header, i) and i not in used
                     and _words(header[i]) not in mapped and field_of(header[i]) is None
                     and any(_cell(row, i) for row in body)]
        unread = [_cell(header, i) for i in unread_at]
        if unread:
            # the example: the column of the longest texts, as an abstract when they read as one (a column of
            # Yes and No was offered as the abstract: an import review)
            lengths = {i: sum(len(_cell(row, i)) for row in body) / max(1, sum(bool(_cell(row, i)) for row in body))
                       for i in unread_at}
            longest = max(unread_at, key=lambda i: (lengths[i], -i))
            example = f"abstract={_cell(header, longest)}" if lengths[longest] >= ABSTRACT_LIKE \
                else f"FIELD={_cell(header, longest)}"
            self.notes.append(f"column(s) not read, as booklet knows no field by their header: "
                              f"{listed([repr(h) for h in unread])}; give one a field with --map "
                              f"(e.g. --map \"{example}\")")
        left = [_cell(header, i) for i in range(len(header)) if i not in used and _words(header[i]) not in mapped
                and field_of(header[i]) == "ignore" and any(_cell(row, i) for row in body)]
        if left:
            shown = listed([repr(h) for h in left], 6)
            self.notes.append(f"column(s) left out, as the booklet prints nothing of them: {shown} (give one a "
                              "field with --map to read it)")
        passed = [f"{_cell(header, i)!r} (column {i + 1}: the {name} is read from column {cols.first(name) + 1})"
                  for name, indexes in cols.passed.items() if cols.has(name)
                  for i in indexes if i not in used and any(_cell(row, i) for row in body)]
        if passed:
            self.notes.append(f"column(s) not read, as another column gives the same field: {listed(passed)}; "
                              "rename the header of the one to read, or name it with --map")
        named = [p.name for e in entries for p in e.people]
        if self.family_first and named:
            # a name with two words or more after the family read may have a family of two ("Caldas Rivera Maria
            # Paula"): nothing in the export says which, so the note names them for the LOC to check
            read = [(without_titles(p.name), p.family) for e in entries for p in e.people if p.family_read]
            longer = list(dict.fromkeys(name for name, family in read if family_may_run_on(name, family)))
            check = (f"; {len(longer)} name(s) have two words or more after the family name so read, the first of "
                     f"which may be part of it ({some(longer, 6)}): check their family in people.yaml"
                     if longer else "")
            self.notes.append(f"the names are written family name first, as sciencesconf.org exports them "
                              f"({some(named, 2)}): printed as written, and filed in the index of authors by their "
                              "first word, with the particles before it (people.yaml); a name typed given name first "
                              f"into the form is filed by its given name: give its family in people.yaml{check}")
        return entries

    def short_row(self, row: list, n: int, header: list, read: set[int]) -> None:
        """Keep a CSV row that ends before columns booklet reads (`read`), for shorter_note: the cells it lacks are
        read as empty, and the row may be the first part of one cut by a line break outside double quotes."""
        if self.fmt != "csv" or not any(_cell(row, i) for i in range(len(row))):
            return
        missing = [_cell(header, i) for i in sorted(read) if i >= len(row) and _cell(header, i)]
        if missing:
            self.shorter.append((self.where(n), len(row), missing))

    def shorter_note(self, named: int) -> None:
        """The note on CSV rows of fewer values than the header names columns (shorter)."""
        if not self.shorter:
            return

        def lacks(headers: list[str]) -> str:
            return listed([f"'{h}'" for h in headers], 4)

        if len(self.shorter) == 1:
            (where, cells, missing), = self.shorter
            said = (f"{where}: the row has {cells} value{'s' * (cells != 1)} but the header names {named} columns: "
                    f"its {lacks(missing)} {'is' if len(missing) == 1 else 'are'} read as empty")
        else:
            said = (f"{len(self.shorter)} rows have fewer values than the header names columns ({named}), their last "
                    "columns read as empty: " + ", ".join(f"{where} has {cells} (no {lacks(missing)})"
                                                       for where, cells, missing in self.shorter[:5])
                    + " ..." * (len(self.shorter) > 5))
        cut = (f"; {self.unended}, the file's last, ends without a line end: is the file cut short? (export or "
               "download it again)") if self.unended and self.shorter[-1][0] == self.unended else ""
        self.notes.append(f"{said}{cut}; a line break inside a cell not in double quotes ends its row there (the rest "
                          "is read as a row of its own): put such a cell in double quotes, or write the missing values")

    @staticmethod
    def wider_note(wider: list[tuple[str, int]], named: int, header_line: str) -> str:
        """The note on CSV rows of more cells than the header names columns (booklet/data/csvfile.py's words): a
        delimiter in a cell not in double quotes, the row's cells after it each a column to the right."""
        counts = {d: header_line.count(d) for d in (";", ",", "\t", "|")}
        delimiter = max(counts, key=lambda d: (counts[d] == named - 1, counts[d])) if any(counts.values()) else ","
        shown = {"\t": "tab"}.get(delimiter, f"'{delimiter}'")
        if len(wider) == 1:
            (where, cells), = wider
            said = f"{where}: the row has {cells} values but the header names {named} column{'s' * (named != 1)}"
        else:
            said = (f"{len(wider)} rows have more values than the header names columns ({named}): "
                    + ", ".join(f"{where} has {cells}" for where, cells in wider[:5]) + " ..." * (len(wider) > 5))
        return (f"{said}: a {shown} inside a cell? its cells after it are read a column to the right; put a value "
                f"holding the delimiter in double quotes (\"Müller, Hans{delimiter if delimiter != ',' else ';'} "
                f"Dubois, Élodie\")")

    def row_entry(self, row: list, cols: _Columns, dates: _Dates, where: str) -> Entry | None:
        get = lambda name: _cell(row, cols.first(name))  # noqa: E731
        if not any(_cell(row, i) for i in range(len(row))):
            self.skipped["blank row(s)"] += 1
            return None
        title = clean(get("title"))
        type_name = get("type") or get("submitted_type")
        if not type_name and self.kinds.known(get("track")):
            type_name = get("track")
        if not type_name and _ACCEPTED_STATES.search(get("state")) and self.kinds.known(get("state")):
            type_name = get("state")  # EasyChair's decision: "accept as poster", "accept as short paper"
        kind = self.kinds(type_name)
        if kind == "skip":
            self.skipped[f"row(s) of type '{type_name}'"] += 1
            return None
        if _NOT_CONTRIBUTION_STATES.search(get("state")) or self.decided and _UNDECIDED_STATES.search(get("state")):
            self.skipped[f"row(s) in state '{get('state')}'"] += 1
            return None
        if not title or title.lower() in ("none", "n/a", "-", "tba", "tbd"):
            self.skipped["row(s) without a title"] += 1
            self.untitled.append(where)
            return None
        self.row_cut, self.row_nameless = [], []
        people = self.row_people(row, cols)
        if self.row_nameless:
            self.nameless.append(f"{where} ('{title}'): {', '.join(self.row_nameless)}")
        people = self.sheet_authors(people, get("id"))
        reworded: list[str] = []
        text = joined(to_markup(get("abstract")), to_markup(get("description")), reworded=reworded)
        if reworded:
            self.reworded.append(title)
        refs = to_markup(get("references"))
        if refs and text:
            text = f"{text}\n\n{refs}"
        ident = get("id")
        key = f"c{slug(ident, 24)}" if ident and slug(ident, 24) else id_from(title)
        if ident and slug(ident, 24):
            self.idents.setdefault(ident.strip(), {}).setdefault(title, where)
        entry = Entry(key, title, people, text, kind, where=where, room=clean(get("room")), language=get("language"),
                      images=images_in(get("abstract"), get("description")))
        if self.row_cut:
            self.et_al.setdefault((key, title), where)
        entry.number = _number(get("poster")) if cols.has("poster") else None
        if entry.number is not None and not get("poster").strip().isdigit():
            self.codes.append(f"'{get('poster').strip()}' is {entry.number}")
        if kind == "poster":
            entry.topic = clean(get("track") or get("submitted_track"))
        self.row_time(entry, row, cols, dates)
        session = clean(get("session"))
        if session:
            chairs = [p.name for i in cols.index.get("chair", []) for p in people_from(_cell(row, i))]
            entry.block = self.session_block(session, entry.room, chairs)
            if self.blocks[entry.block].room == entry.room:
                entry.room = ""
        return entry

    def row_people(self, row: list, cols: _Columns) -> list[Person]:
        cell = lambda i: _cell(row, i)  # noqa: E731
        people: list[Person] = []
        speakers: list[Person] = []
        # the presenting author in parts: family name, given name, e-mail, institution, country
        family, given = cell(cols.first("person_family")), cell(cols.first("person_given"))
        # the speakers' e-mails beside a column of their names (Indico's "Presenters (email)"), not a presenting
        # author's in parts: given to the speakers named, by place
        speaker_emails = (not (cols.has("person_family") or cols.has("person_given"))
                        and (cols.has("speaker_affs") or cols.has("speaker")))
        if family or given:
            speakers.append(_person_in_parts(row, cols))
        else:  # (an e-mail or an institution of a presenting author whose name cells are empty)
            details = [f"{what} '{cell(cols.first(name))}'" for name, what in (("speaker_email", "e-mail"),
                                                                                ("person_affiliation", "institution"))
                       if cell(cols.first(name)) and not (speaker_emails and name == "speaker_email")]
            if details:
                self.row_nameless.append(f"a presenting author's {' and '.join(details)}")
        # Indico's "Name (Affiliation)" columns
        if cols.has("author_affs") or cols.has("coauthor_affs"):
            for name in ("author_affs", "coauthor_affs"):
                for i in cols.index.get(name, []):
                    people += people_with_affiliations(cell(i), self.row_cut)
        elif cols.has("authors") or cols.has("coauthors") or cols.has("affiliations"):
            people += self.author_groups(row, cols)
            if cols.has("contact"):  # CMT: the '*' after an author marks the primary contact, who need not present
                for person in people:
                    person.presenting = False
        if cols.has("speaker_affs"):
            speakers += [Person(p.name, p.affiliations, None, True)
                         for p in people_with_affiliations(cell(cols.first("speaker_affs")), self.row_cut)]
        elif cols.has("speaker"):
            speaker_cell = cell(cols.first("speaker"))
            found = people_from(speaker_cell, "" if people else cell(cols.first("affiliations")),
                                last_first=self.last_first.get(cols.first("speaker"), False), cut=self.row_cut,
                                leaning=self.leaning.get(cols.first("speaker"), False))
            for p in found:
                p.presenting = True
            speakers += found
        if speaker_emails:
            self.by_place(speakers, [cell(cols.first("speaker_email"))], "a presenting author's e-mail")
        if not people:
            people, speakers = speakers, []
        # (CMT's "ana@x.org*; bo@y.org": the '*' marks the primary contact; Indico's authors' and co-authors' columns,
        # as its authors' and co-authors' names)
        emails = _emails(cell(i) for i in cols.index.get("author_emails", []))
        if len(emails) == len(people):  # (by place: with one missing, the others would go to the wrong people)
            for person, email in zip(people, emails):
                person.email = person.email or email
        elif emails:
            self.emails_apart += 1
        people = _mark_presenting(people, speakers)
        if self.family_first:  # (the family of the name as printed: "Dr. Smith Ana" is Smith's, assemble leaves the
            # title out)
            for person in people:
                read = None if person.family else family_written_first(without_titles(person.name))
                if read:
                    person.family, person.family_read = read, True
        email = cell(cols.first("email")) if not (family or given) else ""
        if email and "@" in email and people:
            target = next((p for p in people if p.presenting), people[0])
            target.email = target.email or _emails([email])[0]
        self.corresponding(row, cols, people, speakers[0] if (family or given) and speakers else None)
        return people

    def corresponding(self, row: list, cols: _Columns, people: list[Person], in_parts: Person | None) -> None:
        """A corresponding author's e-mail given to the corresponding author: the person of the row's 'Corresponding
        author' cell, or the person in parts when their name's columns say they are the corresponding author; else
        left out and counted (corresponding_left: the speaker may be another person, and proofs go by address)."""
        email = next(iter(_emails([_cell(row, cols.first("corresponding_email"))])), "")
        if not email:
            return
        named = clean(_cell(row, cols.first("corresponding")))
        by_parts = [_words(_cell(self.header, cols.first(n))) for n in ("person_family", "person_given") if cols.has(n)]
        if not named and in_parts is not None and by_parts and all(w.startswith("corresponding") for w in by_parts):
            named = in_parts.name  # (the person in parts as the row's people have them: merged with an author's)
        target = next((p for p in people if _same_name(p.name, named)), None) if named else None
        if target is None:
            self.corresponding_left += 1
        else:
            target.email = target.email or email

    def by_place(self, people: list[Person], cells: list[str], what: str) -> None:
        """The e-mail addresses of `cells` given to `people` by place, when they are as many (with one missing, the
        others would go to the wrong people: counted in emails_apart); with nobody named, each is `what` without a
        name (row_nameless)."""
        emails = _emails(cells)
        if not emails:
            return
        if not people:
            self.row_nameless += [f"{what} '{e}'" for e in emails]
        elif len(emails) == len(people):
            for person, email in zip(people, emails):
                person.email = person.email or email
        else:
            self.emails_apart += 1

    def sheet_authors(self, people: list[Person], ident: str) -> list[Person]:
        """`people` (a row's) with the affiliation and e-mail the sheet of authors gives each (matched by name; by
        place when no name matches and both list as many), or the sheet's people when the row names none."""
        listed = self.sheet_people[1].get(ident, [])
        if not listed:
            return people
        self.sheet_used += 1
        if not people:
            return [Person(p.name, list(p.affiliations), p.email, False) for p in listed]
        pairs = [(person, next((p for p in listed if _name_keys(p.name) & _name_keys(person.name)), None))
                 for person in people]
        found = [known for _, known in pairs if known is not None]
        unmatched = [person for person, known in pairs if known is None]
        left = [p for p in listed if not any(p is known for known in found)]
        if len(unmatched) == len(left):  # those no name matches, by place ("J. Smith" there, "John Smith" here)
            pairs += list(zip(unmatched, left))
        for person, known in pairs:
            if known is not None:
                person.fill_in(known)
        return people

    def author_groups(self, row: list, cols: _Columns) -> list[Person]:
        """Author columns each followed by their affiliation column (Google Forms' repeated groups), or one
        author cell with a cell of (numbered) affiliations."""
        names = sorted([(i, "authors") for i in cols.index.get("authors", [])]
                       + [(i, "coauthors") for i in cols.index.get("coauthors", [])])
        affs = cols.index.get("affiliations", [])
        if not names:
            return []
        people: list[Person] = []
        if len(names) == 1 and len(affs) <= 1:
            if affs and _cell(row, affs[0]) and not _cell(row, names[0][0]) and not cols.has("speaker"):
                # (with a speaker column, the affiliations of a row without authors are the speaker's)
                self.row_nameless.append(f"the affiliation(s) '{clean(_cell(row, affs[0]))}' beside an empty "
                                         f"'{_cell(self.header, names[0][0])}'")
            return people_from(_cell(row, names[0][0]), _cell(row, affs[0]) if affs else "",
                               last_first=self.last_first.get(names[0][0], False), cut=self.row_cut,
                               leaning=self.leaning.get(names[0][0], False))
        for n, (i, _) in enumerate(names):
            limit = names[n + 1][0] if n + 1 < len(names) else len(row) + 1
            mine = [a for a in affs if i < a < limit]
            aff_cell = _cell(row, mine[0]) if mine else ""
            group = people_from(_cell(row, i), "", last_first=self.last_first.get(i, False), cut=self.row_cut,
                                leaning=self.leaning.get(i, False))
            aff = affiliation(aff_cell)
            if aff and not group and not _cell(row, i):
                self.row_nameless.append(f"the affiliation '{aff}' beside an empty '{_cell(self.header, i)}'")
            earlier = list(people)  # (two people of one name in one cell are two: "Wei Zhang and Wei Zhang")
            for p in group:
                if aff:
                    p.affiliations = [aff]
                # a column naming the people of another again (CMT's "Authors", "Name (Affiliation)", and its
                # "Author Names"): each person once, with what either column gives
                known = next((q for q in earlier if _same_name(q.name, p.name)), None)
                if known is None:
                    people.append(p)
                else:
                    earlier.remove(known)
                    known.fill_in(p)
        return people

    def row_time(self, entry: Entry, row: list, cols: _Columns, dates: _Dates) -> None:
        start_raw, date_raw = _raw(row, cols.first("start")), _raw(row, cols.first("date"))
        end_raw = _raw(row, cols.first("end"))
        if self.zone is not None:  # date-times with an offset from UTC, in the conference's zone (--timezone)
            start_raw, date_raw, end_raw = (_zoned(raw, self.zone) or raw for raw in (start_raw, date_raw, end_raw))
        day = dates(date_raw) if date_raw not in (None, "") else None
        if day is None and start_raw not in (None, ""):
            day = dates(start_raw)  # '2023-09-22 10:15' in the start column
        start = _clock_in(start_raw) if start_raw not in (None, "") else None
        if start is None and date_raw not in (None, "") and re.search(r"\d[:.h]\d\d", _cell(row, cols.first("date"))) \
                and not (isinstance(date_raw, dt.datetime) and date_raw.time() == dt.time(0)):
            start = _clock_in(date_raw)  # (a sheet's date cell is a date-time at midnight: no time of its own)
        if start_raw not in (None, "") and start is None and not dates(start_raw):
            self.notes.append(f"{entry.where}: '{_cell(row, cols.first('start'))}' is not a time; "
                              f"'{entry.title}' has no time")
        if day is not None and date_raw not in (None, ""):
            self.last_day = day
        elif day is None and date_raw in (None, "") and start is not None and self.last_day is not None:
            day = self.last_day  # a date written on a day's first row alone, or in cells merged down the day
            self.filled_down += 1
        if day is None:
            entry.unplaced = " ".join(filter(None, (_cell(row, cols.first("date")), _cell(row, cols.first("start")),
                                                    _cell(row, cols.first("end")))))
            if start is not None and not cols.has("date"):
                self.undated.append(entry.where)  # (one note for them all: the table has no dates)
            elif start is not None or date_raw not in (None, ""):
                written = _cell(row, cols.first("date"))
                self.notes.append(f"{entry.where}: no date for '{entry.title}' "
                                  + (f"('{written}' is not one)" if written else "(its date is empty)")
                                  + "; left out of the programme")
            return
        entry.day, entry.start = _start_day(day, start, _cell(row, cols.first("start"))), start
        if start is not None and end_raw not in (None, ""):
            entry.end = _clock_in(end_raw)
        both = _clock_range(start_raw)
        if both is not None and entry.end is None:  # '09:00-09:20' in the start (or time) column
            entry.end = both[1]
        if start is not None and entry.end is not None and no_end(start, entry.end):
            # (an end before the start, "09:20" to "09:00", was left out silently: which is right cannot be told)
            written = (_cell(row, cols.first("start")), _cell(row, cols.first("end")) if end_raw not in (None, "")
                       else None)
            said = f"'{written[0]}' to '{written[1]}'" if written[1] else f"'{written[0]}'"
            self.notes.append(no_end_said(entry.where, entry.title, said, entry.end == start))
        minutes = _minutes(_raw(row, cols.first("duration")))
        written = _cell(row, cols.first("duration"))
        if start is not None and entry.end is None and minutes is None and written:
            self.notes.append(f"{entry.where}: '{written}' is not a duration (minutes, or hours and minutes, "
                              f"within a day); '{entry.title}' has no end time")
        if start is not None and entry.end is None and minutes:
            entry.end = plus_minutes(day, start, minutes)
            if entry.end is None:
                self.notes.append(f"{entry.where}: a duration of '{_cell(row, cols.first('duration'))}' goes past "
                                  f"midnight; '{entry.title}' has no end time")

    def session_block(self, name: str, room: str, chairs: list[str], day=None) -> str:
        key = f"session:{name}"
        block = self.blocks.get(key)
        if block is None:
            block = self.blocks[key] = Block(key, name, chairs, room, explicit=False)
        elif chairs and not block.chairs:
            block.chairs = chairs
        return key

    # ConfTool: one row per session, its talks in column groups p1_ ... p5_
    def wide(self, header_at: int, header: list, groups: dict[int, dict[str, int]]) -> list[Entry]:
        in_group = {i for g in groups.values() for i in g.values()}
        cols = _columns([h if i not in in_group else "" for i, h in enumerate(header)], self.options)
        words = [_words(h) for h in header]

        def col(*names: str) -> int | None:
            return next((words.index(n) for n in names if n in words), None)

        body = self.rows[header_at + 1:]
        starts = [_raw(r, col("session start")) for r in body]
        dates = _Dates(starts + [_raw(r, g.get("start")) for r in body for g in groups.values()])
        entries: list[Entry] = []
        read = {i for i in range(len(header)) if _cell(header, i)}  # (ConfTool's columns: each is read, or named)
        for offset, row in enumerate(body):
            n = header_at + 1 + offset
            where = self.where(n)
            if not any(_cell(row, i) for i in range(len(row))):
                self.skipped["blank row(s)"] += 1
                continue
            self.short_row(row, n, header, read)
            name = clean(_cell(row, col("session title"))) or clean(_cell(row, col("session short"))) \
                or clean(_cell(row, cols.first("session")))
            session_id = _cell(row, col("session id")) or str(n)
            chairs = []
            for k in (1, 2, 3, 4):
                full = _cell(row, col(f"chair{k} name", f"chair {k} name"))
                short = _cell(row, col(f"chair{k}", f"chair {k}"))
                if full or short:
                    chairs.append(clean(full) if full else _person_name(short, flip=True))
            room = clean(_cell(row, col("session room"))) or clean(_cell(row, cols.first("room")))
            start_raw, end_raw = _raw(row, col("session start")), _raw(row, col("session end"))
            day = dates(start_raw) if start_raw else None
            mode = _words(_cell(row, col("session mode")))
            # ConfTool's "break" mode is what a session without talks is shaded as: a members' meeting or a forum
            # is set so as often as a lunch; the title says which
            kind = line_kind(name, "other") if mode == "break" else ""
            block = Block(f"s{session_id}", name or f"Session {session_id}", chairs, room, day,
                          _clock_in(start_raw) if start_raw else None, _clock_in(end_raw) if end_raw else None,
                          kind=kind)
            if self.end_before_start(where, block.name, block.start, block.end, start_raw, end_raw, dates,
                                     _cell(row, col("session start")), _cell(row, col("session end"))):
                block.end = None
            talks = []
            for number in sorted(groups):
                g = groups[number]
                talk = self.group_entry(row, g, block, dates, f"{where}, p{number}_")
                if talk is not None:
                    mapped = self.kinds.given(_cell(row, g.get("type")))  # --kinds has the last word
                    # (a talk, or a special one: gmth2023's Lecture-Recital in "Keynotes 1: Lecture-Recital ...")
                    if talk.kind in ("contributed", "special") and not mapped and (
                            _KEYNOTE_SESSION.search(block.name) and not _DISCUSSION.search(talk.title)
                            or _KEYNOTE_TITLE.search(talk.title)):
                        talk.kind = "keynote"  # "Keynotes 1: ...", "... (Keynote)": their type is a talk's
                    talks.append(talk)
            if not talks and not kind:
                block.kind = line_kind(block.name, "other")  # a session with nothing in it: a line of its own (registration, a meeting)
            if block.day is None and talks:
                block.day = talks[0].day
            self.blocks[block.key] = block
            entries += talks
        self.shorter_note(max(read, default=-1) + 1)
        return entries

    def group_entry(self, row: list, g: dict[str, int], block: Block, dates: _Dates, where: str) -> Entry | None:
        get = lambda name: _cell(row, g.get(name))  # noqa: E731
        title = clean(get("title"))
        if not title:
            return None
        if _NOT_CONTRIBUTION_STATES.search(get("state")):
            self.skipped[f"contribution(s) in state '{get('state')}'"] += 1
            return None
        type_name = get("type")
        kind = self.kinds(type_name)
        if kind == "skip":
            self.skipped[f"contribution(s) of type '{type_name}'"] += 1
            return None
        cut: list[str] = []
        people = people_from(get("authors"), get("affiliations"), last_first=True, cut=cut)
        if get("speaker"):
            named = [_name_and_family(s, True) for s in split_names(get("speaker"), last_first=True, cut=cut)]
            people = _mark_presenting(people, [Person(name, [], None, True, family) for name, family in named])
        ident = get("id")
        key = f"c{slug(ident, 24)}" if ident and slug(ident, 24) else id_from(title)
        if ident and slug(ident, 24):
            self.idents.setdefault(ident.strip(), {}).setdefault(title, where)
        if cut:
            self.et_al.setdefault((key, title), where)
        entry = Entry(key, title, people, to_markup(get("abstract")), kind, where=where, block=block.key,
                      images=images_in(get("abstract")))
        start_raw, end_raw = _raw(row, g.get("start")), _raw(row, g.get("end"))
        entry.day = (dates(start_raw) if start_raw else None) or block.day
        if entry.day is not None:
            entry.start = _clock_in(start_raw) if start_raw else None
            entry.end = _clock_in(end_raw) if end_raw else None
            entry.day = _start_day(entry.day, entry.start, str(start_raw))
            if block.day is not None:
                refuse_off_its_day(self.path, where, entry.title, ("date and time", get("start")),
                                   (entry.day, entry.start), block.day, (block.start, block.end), block.name)
            if self.end_before_start(where, title, entry.start, entry.end, start_raw, end_raw, dates, get("start"),
                                     get("end")):
                entry.end = None
        if entry.start is None and entry.day is not None and block.start is not None and not block.kind:
            entry.day = block.day  # no time of its own: in its session, at the session's place
        return entry

    def end_before_start(self, where: str, title: str, start: dt.time | None, end: dt.time | None, start_raw,
                         end_raw, dates: _Dates, start_written: str, end_written: str) -> bool:
        """A note for a ConfTool session or contribution whose end is before its start, or at it, as row_time's for
        a row: it was imported with its start alone and no word ("2023-09-22 16:00" to "2023-09-22 14:30"). True when
        noted: the end is none. An end on a later date than the start is none of these."""
        if start is None or end is None:
            return False
        first, last = dates(start_raw), dates(end_raw)
        if first is not None and last is not None and last > first:
            return False
        if (first is None or last is None or last == first) and not no_end(start, end):
            return False
        self.notes.append(no_end_said(where, title, f"'{start_written}' to '{end_written}'",
                                      end == start and first == last))
        return True


# the column names of a sciencesconf.org export (its submission type, its numbered laboratories), whose names are
# "FAMILY Given" or, retyped, "Family Given"
_SCIENCESCONF_COLUMNS = frozenset({"typdoc", "labos"})


def _family_first(header: list) -> bool:
    """Whether the table's header is a sciencesconf.org export's (_SCIENCESCONF_COLUMNS): its names are written family
    name first."""
    return any(_cell(header, i).strip().casefold() in _SCIENCESCONF_COLUMNS for i in range(len(header)))


def _mistyped(row: list, cols: _Columns, dates: _Dates) -> bool:
    """Whether a cell of the row's date, start or end column is no date or no time (a row's cells read a column too
    far to the right, a ';' in a cell before them: the type in the date column, the date in the start column)."""
    date, start, end = (_raw(row, cols.first(name)) for name in ("date", "start", "end"))
    return (date not in (None, "") and dates(date) is None and _clock_in(date) is None
            or any(value not in (None, "") and _clock_in(value) is None and _clock_range(value) is None
                   for value in (start, end)))


def _number(text: str) -> int | None:
    numbers = re.findall(r"\d+", text or "")
    return int(numbers[0]) if len(numbers) == 1 else None
