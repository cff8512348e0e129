"""A conference data folder -> a Booklet model, or a DataError listing every problem found."""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

from . import people, programme
from .participants import read_participants
from .extras import read_extras
from .theme import font_set, labels_for, language_problem, read_theme
from ..text.fonts import use_fonts
from .contract import (ABSTRACT, COAUTHOR, COMMITTEE, CONFERENCE, DATES, LANGUAGE, MEMBER, PLACE, POSTER, PRESENTER,
                       QUOTE, TUTORIAL)
from .contract import ALTERNATIVES, is_sheet
from .fields import Fields, Report, each_mapping, kept_entry
from .load import (Map, Seq, load_file, looping_links, matching, misnamed, misnamed_folders, present,
                   yaml_in_folders)
from ..model import (
    Abstract,
    Booklet,
    Committee,
    Conference,
    Place,
    Poster,
    Quote,
    Tutorial,
)
from ..paths import not_a_file
from ..problems import DataError, Problem


def not_a_data_folder(folder: Path) -> Problem:
    """What is wrong with `folder`, which is not a folder, as a data folder: missing (`booklet init` starts one), or
    something else (a file, a device, a link to nowhere) that `init` cannot write in either."""
    if os.path.lexists(folder):  # a device (/dev/null), a pipe, a link to nowhere: `init` cannot write there
        link = not_a_file(folder) if os.path.islink(folder) else None  # (in a loop, or to nothing: said so)
        return Problem(str(folder), 0, "", f"not a folder{f': it {link};' if link else ':'} give the conference's "
                       "data folder")
    return Problem(str(folder), 0, "", "no such folder: give the conference's data folder, or start one with: "
                   f"booklet init {shlex.quote(str(folder))}")


def read_booklet(folder: Path, elsewhere: bool = False) -> tuple[Booklet, list[Problem]]:
    """The folder's data as a Booklet, with its warnings; DataError when anything is wrong.

    `elsewhere`: a big posters.yaml may be read in a forked process while this one reads the abstracts
    (_posters_elsewhere): for a caller whose process forks safely (no threads): `booklet check`, and a build
    that may use more than one process (build_booklet's `jobs` other than 1)."""
    folder = Path(folder)
    report = Report(Path(os.path.realpath(folder)))  # (Path.resolve raised RuntimeError for a link in a loop)
    _misnamed(report, folder)
    if not present(folder / "conference.yaml"):
        if folder.is_dir():
            report.error("conference.yaml", 0, "", f"not found in {folder}: every conference needs one (booklet "
                         "init DIR starts a conference in a new folder, with every file)")
        else:
            report.problems.append(not_a_data_folder(folder))
        raise DataError(report.problems)
    theme = read_theme(report, folder)  # first: its fonts are the ones whose characters are checked
    use_fonts(font_set(theme))
    conference = read_conference(report, _load(report, folder, "conference.yaml", Map))
    report.untitled = labels_for(conference.language if conference else "en", theme.labels)["title_not_printable"]
    posters_read = _posters_elsewhere(report, folder) if elsewhere else None
    try:
        abstract_entries = _abstract_entries(report, folder)
        tutorial_entries = _load(report, folder, "tutorials.yaml", Seq)
        abstracts = read_abstracts(report, abstract_entries)
        tutorials = read_tutorials(report, tutorial_entries)
        # what needs no posters, read before they are taken: while the other process still reads them (it took
        # longer than the abstracts at 2,000 talks, 5,000 posters, and this one waited). These files name no image
        # and have problems of their own (`ordered` sorts by file), so the order they are read in changes nothing
        participants, left_out = read_participants(report, folder, _load)
        days = _read_programme(report, folder, abstracts, tutorials, abstract_entries, tutorial_entries)
        identities = people.read_identities(report, _load(report, folder, "people.yaml", Seq))
        posters = posters_read(report) if posters_read is not None else None
    finally:
        if posters_read is not None:
            posters_read.end()
    if posters is None:
        posters = read_posters(report, _load(report, folder, "posters.yaml", Seq))
    problems = ordered(report.problems)
    if conference is None or any(p.severity == "error" for p in problems):
        raise DataError(problems)
    named = {name: path for name, path, problem in report.images_checked if problem is None} | report.named
    booklet = Booklet(conference, tuple(days), tuple(abstracts), tuple(tutorials), tuple(posters),
                      dict(report.image_sources), theme, participants=participants,
                      left_out_participants=left_out,
                      people=identities, named_files=tuple(sorted(named.items())))
    return booklet, problems


def _read_programme(report: Report, folder: Path, abstracts, tutorials, abstract_entries, tutorial_entries):
    """programme.yaml's days, its items' ids looked up among `abstracts` and `tutorials`: an id is not reported
    missing when its entry (among `abstract_entries`, `tutorial_entries`) or its whole file could not be read."""
    refs = programme.Refs(abstracts, tutorials)
    refs.excused |= {("abstract", i) for i in _ids(item for item, _ in abstract_entries)}
    refs.excused |= {("tutorial", i) for i in _ids(tutorial_entries or ())}
    refs.unreadable |= {what for what, names in (("abstract", ["abstracts.yaml"]), ("tutorial", ["tutorials.yaml"]))
                        if any(_unreadable(report, n) for n in names)}
    if any(p.file.startswith("abstracts/") and p.key == "" and p.severity == "error" for p in report.problems):
        refs.unreadable.add("abstract")
    return programme.read_programme(report, _load(report, folder, "programme.yaml", Map), refs)


def _misnamed(report: Report, folder: Path) -> None:
    """An error for each file of the folder that booklet does not read but that is a data file under another name
    (contract.misnamed): its content is left out; a warning when the data file it stands for is there too (a stray
    copy, left out too)."""
    stray = Path(folder) / "abstracts"
    if stray.exists() and not stray.is_dir():  # (a link to nothing: an error where the abstracts are read)
        report.warn("abstracts", 1, "", "booklet reads abstracts/ as a folder of YAML files, an abstract or a list of "
                    "them each: this is a file, left out (abstracts.yaml is the file of all abstracts)", "stray-file")
    looping = looping_links(folder)
    for name, count in yaml_in_folders(folder, looping):
        report.warn(name, 1, "", f"booklet reads the abstracts' files in abstracts/ itself, not in a folder inside it: "
                    f"the {count} YAML file{'s' * (count != 1)} in this one {'are' if count != 1 else 'is'} left out "
                    f"(move {'them' if count != 1 else 'it'} up to abstracts/ to print {'them' if count != 1 else 'it'})",
                    "stray-file")
    for name, where in looping:
        report.warn(name, 1, "", f"a link to {where}: a loop, which booklet does not follow (it reads the "
                    "abstracts' files once, in abstracts/): remove the link", "stray-file")
    for name, count in misnamed_folders(folder):
        files = f"the {count} YAML file{'s' * (count != 1)}"
        if not stray.is_dir():
            report.error(name, 1, "", f"booklet reads the abstracts' files in abstracts/, not in {name}: rename the "
                         f"folder (as it is, {files} in it {'are' if count != 1 else 'is'} left out)")
        elif not os.path.samefile(stray, folder / name):  # (not the same folder: a case-blind file system)
            report.warn(name, 1, "", f"booklet reads the abstracts' files in abstracts/, which is there too: {files} "
                        f"in this folder {'are' if count != 1 else 'is'} left out (move {'them' if count != 1 else 'it'}"
                        f" to abstracts/ to print {'them' if count != 1 else 'it'})", "stray-file")
    for name, meant in misnamed(folder):
        read = next((other for other in (meant, *ALTERNATIVES.get(meant, ())) if present(folder / other)), None)
        if is_sheet(name) and not meant.endswith(".csv"):
            # (a workbook kept beside the data, such as the one it was imported from: left out, and said so)
            report.warn(name, 1, "", f"booklet reads {meant}, not a workbook: this file is left out (booklet import "
                        "makes the data files of a spreadsheet)", "stray-file")
        elif read is None:
            report.error(name, 1, "", f"booklet reads {meant}, not {name}: {_how_to_make(name, meant)} (as it is, "
                         "it is left out)")
        elif not os.path.samefile(folder / read, folder / name):  # (not the same file: a case-blind file system)
            report.warn(name, 1, "", f"booklet reads {read}, which is there too; this file is left out (remove or "
                        "rename it)", "stray-file")


def _how_to_make(name: str, meant: str) -> str:
    """What turns `name`, a file booklet does not read, into `meant`, the data file it stands for (a workbook:
    participants.csv's)."""
    if is_sheet(name):
        return "save the sheet as CSV (UTF-8) under that name"
    return "rename the file"


ELSEWHERE_FROM = 256 * 2**10  # bytes of posters.yaml from which reading it in another process pays


def _posters_elsewhere(report: Report, folder: Path) -> _PostersElsewhere | None:
    """posters.yaml read (read_posters) in a forked process, started now, or None where that does not pay: a
    file under ELSEWHERE_FROM bytes, a single core, or no fork. The process starts from this one as it is
    (fonts in use, caches), with a Report of its own."""
    from ..processes import Forked, forks_pay

    if not forks_pay():
        return None
    try:
        if (folder / "posters.yaml").stat().st_size < ELSEWHERE_FROM:
            return None
    except OSError:
        return None
    from ..cache import memory

    here = memory.active()
    warm = here is not None and here.warm
    # posters.yaml as an earlier build parsed it (the disk cache's, of the last build): taken there when the file's
    # bytes are the same, not parsed again (one abstract corrected at 500 talks: 1,000 posters, ~0.1 s of CPU)
    earlier = {key: value for key, value in here.held("files").items() if key[0] == "posters.yaml"} if warm else {}
    try:
        return _PostersElsewhere(Forked(_send_posters, Report(report.root, report.untitled), folder, warm, earlier))
    except OSError:  # no process to be had: read here
        return None


def _send_posters(sending, report: Report, folder: Path, keep: bool, earlier: dict | None = None) -> None:
    """In the forked process: ("read", (posters, and the problems, image mentions and image checks reading them
    added to `report`, the parsed files to keep, the keys of `earlier` taken)), or nothing (an unexpected exception:
    posters.yaml is read again where it is wanted, and it happens there). Read with a cache of its own, in memory: the
    other process's (a warm one's kept layouts would be loaded for nothing) is not there. `keep`: the other process's
    cache keeps what it reads (a warm one: a build's with the disk cache on), and is sent the parsed file its own kept
    ("files"), for the disk cache (a watch's first build then takes it from there, not parsing it again); else it keeps
    nothing. `earlier`: the file as parsed before, that cache's (key -> value, "files"): taken when its key is the
    file's now (the same bytes), and then not sent back, but its key, which that cache notes as used."""
    from ..cache import memory

    earlier = earlier or {}
    cache = memory.BuildCache() if keep else None
    if cache is not None:  # (put before its build starts, which notes none of them as used: `taken` is those read)
        for key, value in earlier.items():
            cache.put("files", key, value)
    with memory.using(cache):
        posters = read_posters(report, _load(report, folder, "posters.yaml", Seq))
    files = {key: value for key, value in cache.held("files").items() if key not in earlier} if cache is not None \
        else {}
    taken = [key for key in earlier if key in cache.used("files")] if cache is not None else []
    sending.send(("read", (posters, report.found(), files, taken)))


class _PostersElsewhere:
    """A posters.yaml being read in a forked process (_posters_elsewhere)."""

    def __init__(self, process):
        self.process = process
        self.received = False

    def __call__(self, report: Report) -> list[Poster] | None:
        """Its posters, once read, what reading them reported taken by `report` (as kept_entry takes what it
        kept), and the file as parsed there kept by this process's cache when it is warm; None when the process ended
        without them (read them here then)."""
        try:
            kind, (posters, found, files, taken) = self.process.recv()
        except (EOFError, OSError, ValueError, TypeError):
            return None
        self.received = True
        if kind != "read":
            return None
        report.take(found)
        from ..cache import memory

        cache = memory.active()
        if cache is not None and cache.warm:  # (the file as parsed there: kept as this process's own reading keeps it)
            for key, value in files.items():
                cache.put("files", key, value)
            for key in taken:  # (taken there from this cache: used by this build, kept for the next as its own)
                cache.peek("files", key)
        return posters

    def end(self) -> None:
        """The process waited for (ended first when its posters were not taken: this one stopped reading)."""
        self.process.end(self.received)


def _ids(entries) -> set[str]:
    """The ids written in list entries, readable or not: ids whose entry failed are not 'missing'."""
    return {str(item.raw.get("id")).strip() for item in entries if isinstance(item, Map) and item.raw.get("id")}


def _unreadable(report: Report, name: str) -> bool:
    """True when a problem was reported about the file as a whole (syntax, encoding, shape)."""
    return any(p.file == name and p.key == "" and p.severity == "error" for p in report.problems)


def ordered(problems: list[Problem]) -> list[Problem]:
    """Each problem once: conference.yaml's first, then the other files' by name, then by line. Problems on one line
    go as the keys do: a key's before those of the values in it, other keys in the order they were read (`dates:
    {start: .., end: ..}`: start's before end's; sorted by the key's name, as they were, end's came first)."""
    problems = list(dict.fromkeys(problems))
    first: dict[tuple, int] = {}  # (file, line, a key path's first steps) -> the first problem found under them
    paths = []
    for index, problem in enumerate(problems):
        steps = _STEP.findall(problem.key)
        paths.append([(problem.file, problem.line, *steps[:n]) for n in range(len(steps) + 1)])
        for path in paths[-1]:
            first.setdefault(path, index)
    return [problem for _, problem in sorted(
        zip(paths, problems), key=lambda pair: (pair[1].file != "conference.yaml", pair[1].file, pair[1].line,
                                                [first[path] for path in pair[0]]))]


_STEP = re.compile(r"\[\d+\]|[^.\[\]]+")  # a key path's steps: 'committees[0].name' -> committees, [0], name


def _load(report: Report, folder: Path, name: str, shape):
    """The file's document when it exists and has the right top-level shape, else None."""
    path = folder / name
    if not present(path):  # a broken link is present, and reported, not taken for an absent file
        return None
    data = load_file(path, name, report.problems)
    if data is None or isinstance(data, shape):
        return data
    wanted = "a mapping (key: value lines)" if shape is Map else "a list (lines starting with '- ')"
    report.error(name, 1, "", f"the file must hold {wanted}")
    return None


# -- conference.yaml -----------------------------------------------------------

def read_conference(report: Report, data: Map | None) -> Conference | None:
    if data is None:
        return None
    f = Fields(report, data, "", CONFERENCE)
    start, end = _read_dates(report, f)
    title, venue = f.text("title", required=True), f.text("venue", required=True)
    committees = _read_committees(report, f.seq("committees"), f.at("committees"))
    places = _read_places(report, f.seq("places"), f.at("places"))
    notes = f.texts("notes")
    quote = _read_quote(report, f.mapping("quote"), f.at("quote"))
    fields = dict(
        short_title=f.text("short_title"), subtitle=f.text("subtitle"), tagline=f.text("tagline"),
        welcome=f.text("welcome"), url=f.web("url"), contact=f.text("contact"),
        hashtag=f.text("hashtag"), logo=f.image("logo"), cover_image=f.image("cover_image"),
        language=_read_language(f), **read_extras(report, f),
    )
    if not (title and venue and start and end):
        return None
    return Conference(title, start, end, venue, committees=committees, places=places,
                      notes=notes, quote=quote, **fields)


def _read_dates(report: Report, f: Fields):
    dates = f.mapping("dates", required=True)
    if dates is None:
        return None, None
    d = Fields(report, dates, f.at("dates"), DATES)
    start, end = d.date("start", required=True), d.date("end", required=True)
    if start and end and end < start:
        d.error("end", f"the conference ends ({end}) before it starts ({start})")
        return None, None
    if start and end and (end - start).days + 1 > LONGEST_CONFERENCE:
        d.report.warn(d.file, d.line("end"), d.at("end"), f"the conference runs {(end - start).days + 1:,} days "
                      f"({start} to {end}), and the cover says so: is a year or a month mistyped?", "long-conference")
    return start, end


LONGEST_CONFERENCE = 62  # days: a summer school of two months; a conference longer than that has a date mistyped


def _read_language(f: Fields) -> str:
    language = f.text("language", printed=False)
    if language is None and f.empty("language"):  # (`language: ''` was English without a word)
        f.error("language", "is empty: write a language code (like en, de, en-GB), or leave the key out (the booklet "
                            "is then in English)")
    language = language or "en"
    if not LANGUAGE.match(language):
        f.error("language", f"'{language}' is not a language code (like en, de, en-GB)")
        return "en"
    problem = language_problem(language)  # a code CLDR does not know: its dates cannot be written
    if problem:
        f.error("language", problem)
        return "en"
    return language


def _read_text_language(f: Fields) -> str | None:
    """A text's own language (an abstract's), None when not given: only its hyphenation and quotation marks depend
    on it, so a code that is no language's (`english`, `xx`, `en-UK`) is a warning, with the code meant."""
    language = f.text("language", printed=False)
    if language is None and f.empty("language"):
        f.error("language", "is empty: write a language code (like en, de, en-GB), or leave the key out (the text "
                            "is then in the booklet's language)")
    if language and not LANGUAGE.match(language):
        f.error("language", f"'{language}' is not a language code (like en, de, en-GB)")
        return None
    if language:
        from ..text.languages import language_problem as code_problem

        problem = code_problem(language)
        if problem:
            f.report.warn(f.file, f.line("language"), f.at("language"),
                          f"{problem} (a text's language sets how its words are hyphenated and its quotation "
                          "marks)", "language")
    return language or None


def _read_committees(report: Report, seq: Seq | None, path: str) -> tuple[Committee, ...]:
    committees = []
    for index, item in each_mapping(report, seq or (), path, "a committee", COMMITTEE):
        f = Fields(report, item, f"{path}[{index}]", COMMITTEE)
        members = people.read_people(report, f.seq("members"), f.at("members"), MEMBER)
        name, title = f.text("name", required=True), f.text("title")
        long = [(key, value) for key, value in (("name", name), ("title", title))
                if value is not None and len(value) > COMMITTEE_HEAD_MAX]
        for key, value in long:
            f.error(key, f"too long for a committee's heading: {len(value)} characters, and a heading's {key} holds "
                         f"at most {COMMITTEE_HEAD_MAX}")
        if name and not long:
            committees.append(Committee(name, title, members))
    return tuple(committees)


# characters: a committee's heading (its title, its name in brackets), kept on a page with two of its members,
# printed longer could be taller than a page (a build stopped with an internal error)
COMMITTEE_HEAD_MAX = 300


def _read_places(report: Report, seq: Seq | None, path: str) -> tuple[Place, ...]:
    places = []
    for index, item in each_mapping(report, seq or (), path, "a place", PLACE):
        f = Fields(report, item, f"{path}[{index}]", PLACE)
        name = f.text("name", required=True)
        if name:
            places.append(Place(name, f.text("address"), f.text("note")))
    return tuple(places)


def _read_quote(report: Report, data: Map | None, path: str) -> Quote | None:
    if data is None:
        return None
    f = Fields(report, data, path, QUOTE)
    text = f.text("text", required=True)
    return Quote(text, f.text("author")) if text else None


# -- abstracts.yaml and abstracts/*.yaml ---------------------------------------

def _abstract_entries(report: Report, folder: Path) -> list[tuple[Map, str]]:
    """(mapping, key path prefix) of every abstract in abstracts.yaml and abstracts/*.yaml."""
    entries: list[tuple[Map, str]] = []
    listed = _load(report, folder, "abstracts.yaml", Seq)
    for index, item in each_mapping(report, listed or (), "", "an abstract", ABSTRACT):
        entries.append((item, f"[{index}]"))
    one_each = folder / "abstracts"
    if one_each.is_dir():
        try:  # (a folder that cannot be listed globs to nothing: its abstracts would be left out without a word)
            os.scandir(one_each).close()
        except OSError as exc:
            report.error("abstracts/", 1, "", f"cannot read the folder: {exc.strerror or exc}")
        for path in matching(one_each, "*.yaml"):
            item = _load(report, folder, f"abstracts/{path.name}", Map)
            if item is not None:
                entries.append((item, ""))
    elif one_each.is_symlink() and not one_each.exists():  # a link to a folder not there (a drive not mounted):
        # its abstracts would be left out with a warning that called it a file
        report.error("abstracts/", 1, "", f"the folder {not_a_file(one_each)}: its abstracts cannot be read")
    return entries


def read_abstracts(report: Report, entries: list[tuple[Map, str]]) -> list[Abstract]:
    abstracts, seen = [], {}
    for item, path in entries:
        abstract = kept_entry(report, _read_abstract, item, path, "abstract")
        if abstract is None:
            continue
        if abstract.id in seen:
            first = seen[abstract.id]
            report.error(item.file, item.lines["id"], f"{path}.id" if path else "id",
                         f"duplicate id '{abstract.id}' (first used at {first.file}:{first.line})")
            continue
        seen[abstract.id] = abstract.source
        abstracts.append(abstract)
    return abstracts


def _read_abstract(report: Report, item: Map, path: str) -> Abstract | None:
    f = Fields(report, item, path, ABSTRACT)
    ident = _read_id(f)
    kind = f.choice("kind", "contributed")
    title = f.text("title", required=True)
    text = f.text("abstract") or ""
    language = _read_text_language(f)
    unnamed: list = []
    authors = people.read_authors(report, f, unnamed)
    if not (ident and title) or authors is None:  # (no author: each a name the fonts print nothing of, left out)
        return None
    return Abstract(ident, title, authors, text, kind, f.source(), language, tuple(unnamed))


def _read_id(f: Fields) -> str | None:
    ident = f.text("id", required=True, printed=False)
    if ident is not None and any(ch.isspace() for ch in ident):
        f.error("id", f"'{ident}' has spaces; an id is one word, like 'okafor' or 'smith-2027'")
        return None
    return programme.same_id(ident) if ident is not None else None


# -- tutorials.yaml and posters.yaml -------------------------------------------

def read_tutorials(report: Report, data: Seq | None) -> list[Tutorial]:
    tutorials, seen = [], {}
    for index, item in each_mapping(report, data or (), "", "a tutorial", TUTORIAL):
        f = Fields(report, item, f"[{index}]", TUTORIAL)
        ident, title = _read_id(f), f.text("title", required=True)
        description = f.text("description") or ""
        unnamed: list = []
        presenters = people.read_people(report, f.seq("presenters"), f.at("presenters"), PRESENTER, unnamed)
        authors = people.read_people(report, f.seq("authors"), f.at("authors"), COAUTHOR)
        if not (ident and title):
            continue
        if ident in seen:
            f.error("id", f"duplicate id '{ident}' (first used at line {seen[ident]})")
            continue
        seen[ident] = f.line("id")
        tutorials.append(Tutorial(ident, len(tutorials) + 1, title, description, presenters, f.source(),
                                  _read_text_language(f), authors, tuple(unnamed)))
    return tutorials


def read_posters(report: Report, data: Seq | None) -> list[Poster]:
    posters = []
    for index, item in each_mapping(report, data or (), "", "a poster", POSTER):
        poster = kept_entry(report, _read_poster, item, f"[{index}]", "poster")
        if poster is not None:
            posters.append(poster)
    return posters


def _read_poster(report: Report, item: Map, path: str) -> Poster | None:
    f = Fields(report, item, path, POSTER)
    number = f.integer("number")
    title = f.text("title", required=True)
    unnamed: list = []
    authors = people.read_poster_authors(report, f, unnamed)
    abstract = f.text("abstract")
    session, topic = f.text("session"), f.text("topic")
    if not title or authors is None:  # (no author: each a name the fonts print nothing of, left out)
        return None
    index = int(path[1:-1])  # "[index]": a poster without a number is numbered by its place in the list
    return Poster(index + 1 if number is None else number, title, authors, abstract, f.source(), session, topic,
                  tuple(unnamed))
