"""Posters, invited talks and people's entries -> warnings: poster numbers, missing photos, malformed emails, names
where a title goes, committees with no one in them."""

from __future__ import annotations

import ipaddress
import re

from ..data import web
from ..data.locate import Lines
from ..data.people import compared_name, named_again
from ..model import Booklet, Source, Tutorial
from ..problems import Problem
from ..text import markup
from .mentions import Mention, PersonAt, join
from .text import quoted, squeeze

PHOTO_KINDS = ("invited", "keynote")


def check_participants_twice(booklet: Booklet) -> list[Problem]:
    """A warning for a participant listed again: the same name (case and spaces aside, as printed: compared_name),
    affiliations and email as an entry before (printed twice in the list of participants)."""
    problems, first = [], {}
    for participant in booklet.participants:
        key = (compared_name(participant.name), tuple(participant.affiliations), (participant.email or "").casefold())
        source = participant.source or Source("", 0, "")
        if key in first:
            other = first[key]
            problems.append(Problem(source.file, source.line, join(source.key, "name"),
                                    f"participant {quoted(participant.name)} is listed already, at "
                                    f"{other.file}:{other.line}: printed twice", "warning", "participant-twice"))
        else:
            first[key] = source
    return problems


def check_people_twice(booklet: Booklet) -> list[Problem]:
    """A warning for a person named twice by one abstract, tutorial or poster (the same name, case and spaces aside):
    printed twice on its page; a tutorial's co-author who also presents it belongs to its presenters only. At the
    line each person's entry starts on (its name's, but where another key comes first): finding the name's own line
    read the file again, 0.7 s for 5,000 posters."""
    problems = []
    for entry, people in booklet.entries_with_people():
        for i, j in named_again([person.name for person in people]):
            source, first = (people[k].source or entry.source or Source("", 0, "") for k in (i, j))
            hint = " (who presents it is none of its `authors`)" if isinstance(entry, Tutorial) else ""
            problems.append(Problem(source.file, source.line, join(source.key, "name"),
                                    f"{quoted(people[i].name)} is named already, at line {first.line}: printed "
                                    f"twice{hint}", "warning", "person-twice"))
    return problems


def check_poster_numbers(booklet: Booklet) -> list[Problem]:
    problems, first = [], {}
    for poster in booklet.posters:
        source = poster.source or Source("", 0, "")
        if poster.number in first:
            other = first[poster.number]
            problems.append(_at(source, "number", f"poster number {poster.number} is also the number of "
                                f"{quoted(squeeze(other[1]))} ({other[0].file}:{other[0].line})", "poster-number"))
        else:
            first[poster.number] = (source, poster.title)
    numbers = sorted(first)
    for low, high in zip(numbers, numbers[1:]):
        if high - low > 1:
            missing = {2: f"{low + 1}", 3: f"{low + 1} and {low + 2}"}.get(high - low, f"{low + 1} to {high - 1}")
            problems.append(_at(first[high][0], "number", f"poster numbers jump from {low} to {high} "
                                f"({missing} missing)", "poster-number"))
    return sorted(problems, key=lambda p: (p.line, p.message))


def check_tutorial_numbers(booklet: Booklet, lines: Lines) -> list[Problem]:
    """A warning for each tutorial whose title gives it a number ("Tutorial 1") other than the one its label prints,
    at its `title:`. The labels print the titles' own numbers only when every title gives one, each another
    (layout.common.title_numbers), else each tutorial's place in tutorials.yaml: SIGDIAL 2020 titled its first three
    "Turorial 1" to "Turorial 3" (a typo) before "Tutorial 1" to "Tutorial 17", which were labelled "TUTORIAL 4" to
    "TUTORIAL 20" without a word. The message names the title that kept the titles' numbers from the labels."""
    from ..data.theme import filled, labels_for
    from ..layout.common import title_numbers, titles_number_labels

    tutorials = booklet.tutorials
    labels = labels_for(booklet.conference.language, booklet.theme.labels)
    numbers = title_numbers(tutorials, labels)
    if titles_number_labels(numbers):
        return []
    why = _numbered_by_place(tutorials, numbers, filled(labels["tutorial"], number="").strip())
    problems = []
    for tutorial, number in zip(tutorials, numbers):
        if number is None or number == str(tutorial.number) or tutorial.source is None:
            continue
        label = squeeze(markup.plain(filled(labels["tutorial"], number=tutorial.number)))
        key = join(tutorial.source.key, "title")
        problems.append(Problem(tutorial.source.file, lines.line(tutorial.source.file, key, tutorial.source.line),
                                key, f"the title {quoted(squeeze(markup.plain(tutorial.title)))} numbers this "
                                f"tutorial {number}, but its label prints {quoted(label)}, its place in "
                                f"tutorials.yaml: {why}", "warning", "tutorial-number"))
    return problems


def _numbered_by_place(tutorials: tuple[Tutorial, ...], numbers: list[str | None], word: str) -> str:
    """Why the labels number `tutorials` by their places, not by the `numbers` their titles give (title_numbers), and
    what to do: the first title that gives none, or the first two that give the same."""
    word = word.capitalize() if word.isupper() else word  # ('TUTORIAL {number}': titles say "Tutorial 4")
    rule = f"a label prints its title's number only when every title begins with {quoted(word)} and a number"
    shown = [f"{quoted(squeeze(markup.plain(t.title)))} (tutorial {quoted(t.id)})" for t in tutorials]
    if None in numbers:
        return (f"{rule}, and {shown[numbers.index(None)]} does not; correct that title, or take the numbers out of "
                "the titles")
    first = next(index for index, number in enumerate(numbers) if numbers.index(number) != index)
    return (f"{rule}, each another, and {shown[numbers.index(numbers[first])]} and {shown[first]} give the same; "
            "correct one of them, or take the numbers out of the titles")


def check_titles_as_names(booklet: Booklet, names: list[Mention], lines: Lines) -> list[Problem]:
    """A warning for an abstract's, tutorial's or poster's title that is the name of a person the data writes
    elsewhere (case and spaces aside): a spreadsheet's rows or columns read out of line print a name as a talk's
    title. Not its own speaker's name: a performance is often named by its artist."""
    known: dict[str, Mention] = {}
    for mention in names:
        known.setdefault(squeeze(mention.text).casefold(), mention)
    for participant in booklet.participants:
        source = participant.source or Source("", 0, "")
        known.setdefault(squeeze(participant.name).casefold(), Mention(participant.name, source.file, source.line,
                                                                         join(source.key, "name")))
    problems = []
    for entry, own in booklet.entries_with_people():
        title = squeeze(markup.plain(entry.title))
        person = known.get(title.casefold())
        if person is not None and title.casefold() not in {squeeze(p.name).casefold() for p in own}:
            source = entry.source or Source("", 0, "")
            key = join(source.key, "title")
            problems.append(Problem(source.file, lines.line(source.file, key, source.line), key,
                                    f"the title {quoted(title)} is the name of a person ({person.where}: "
                                    f"{person.key}): a name where the title goes?", "warning", "title-name"))
    return problems


def check_photos(booklet: Booklet) -> list[Problem]:
    """Invited and keynote talks without a speaker photo, when at least as many of them have one. A talk whose every
    speaker is left out of the booklet (the fonts print nothing of the name: its own warning) names no one to give a
    photo: none is asked for, nor counted as having one (it prints none)."""
    talks = [a for a in booklet.abstracts if a.kind in PHOTO_KINDS]
    without = [a for a in talks if a.speakers and not any(p.photo for p in a.speakers)]
    having = sum(1 for a in talks if any(p.photo for p in a.speakers))
    if not without or having < len(without):
        return []
    problems = []
    for abstract in without:
        speaker = abstract.speakers[0]
        at = PersonAt(speaker)
        message = (f"{abstract.kind} talk {quoted(abstract.id)} has no photo of {quoted(speaker.name)}, "
                   f"while {having} of the {len(talks)} invited and keynote talks {'has' if having == 1 else 'have'} one")
        problems.append(Problem(at.source.file, at.source.line, at.key("photo"), message, "warning", "missing-photo"))
    return problems


def check_abstract_texts(booklet: Booklet, lines: Lines) -> list[Problem]:
    """Abstracts without a text, when nearly all have one (one in ten at most): a file saved half-written, or a
    text forgotten, prints a talk as its title and speakers alone. (A book of many talks without texts, as some
    conference systems export, is not warned of talk by talk.)"""
    abstracts = booklet.abstracts
    without = [a for a in abstracts if not a.text.strip()]
    if not without or len(without) * 10 > len(abstracts):
        return []
    having = len(abstracts) - len(without)
    problems = []
    for abstract in without:
        source = abstract.source or Source("", 0, "")
        problems.append(Problem(source.file, lines.line(source.file, join(source.key, "title"), source.line),
                                join(source.key, "abstract"),
                                f"abstract {quoted(abstract.id)} has no text, while {having} of the {len(abstracts)} "
                                "abstracts have one: it prints as its title and speakers alone", "warning",
                                "missing-text"))
    return problems


_LOCAL = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$")
# letters, digits and hyphens, not first or last (the class written once: each wide class costs ~2 ms to compile)
_LABEL = re.compile(r"^(?!-)[A-Za-z0-9\u00a0-\uffff-]+(?<!-)$")


def email_problem(address: str) -> str | None:
    """What is wrong with an email address, or None when it looks like one."""
    if address.lower().startswith("mailto:"):
        return "leave out 'mailto:'"
    if any(ch.isspace() for ch in address):
        return "it has a space in it"
    if address.count("@") != 1:
        return "it needs exactly one '@'" if address.count("@") == 0 else "it has more than one '@'"
    local, domain = address.split("@")
    if not local:
        return "nothing before the '@'"
    if not _LOCAL.match(local):
        return f"{quoted(local)} is not a valid name before the '@'"
    labels = domain.split(".")
    if len(labels) < 2:
        return f"the domain {quoted(domain)} has no dot"
    if not all(_LABEL.match(label) for label in labels):
        return f"the domain {quoted(domain)} is not valid"
    if len(labels[-1]) < 2 or labels[-1].isdigit():
        return f"the domain {quoted(domain)} does not end in a top-level domain"
    return None


def check_emails(mentions: list[Mention]) -> list[Problem]:
    problems = []
    for mention in mentions:
        problem = email_problem(mention.text.strip())
        if problem:
            problems.append(Problem(mention.file, mention.line, mention.key,
                                    f"{quoted(mention.text)} is not an email address: {problem}", "warning", "email"))
    return problems


_WHITE_SPACES = {"\t": "a tab", "\n": "a line break", "\r": "a line break"}  # (what web_problem names; else a space)


def web_problem(address: str) -> str | None:
    """What is wrong with a web address (a link's target, with its scheme or not: "www.example.org/smc"), or None
    when it looks like one. A mailto: address is left alone; one of another kind (javascript:, ftp://) is refused
    where the data is read (data.web). Its parts are read as a browser reads the address (web.parsed: without
    the controls at its ends), and quoted so: what follows the scheme was sliced from the text as written, and
    "\x01http://exa_mple.org" was told "write it like https://..." for its "://exa_mple.org"."""
    if (white := next((ch for ch in address if ch.isspace()), None)) is not None:
        # (a browser drops a tab or a line break, but the booklet prints it: named as what the user wrote)
        return f"it has {_WHITE_SPACES.get(white, 'a space')} in it"
    address = web.parsed(address)
    named = web.scheme(address)
    if named is not None and named not in ("http", "https"):
        return None
    rest = address[len(named) + 1:] if named else address
    if named and not rest.startswith("//"):
        return "write it like https://www.example.org"
    rest = rest.removeprefix("//")  # (after http(s):, or protocol-relative: "//example.org", as https:)
    host = re.split(r"[/?#]", rest, maxsplit=1)[0]
    host = host.rsplit("@", 1)[-1]  # (a login before it)
    if host.startswith("["):  # an IPv6 address in brackets: http://[2001:db8::1]:8080/
        try:
            ipaddress.IPv6Address(host[1:].split("]", 1)[0])
        except ValueError:
            return f"the site {quoted(host)} is not valid"
        return None
    host = host.split(":", 1)[0].removesuffix(".")  # (a port after it; a fully qualified name's final dot)
    labels = host.split(".")
    if not host:
        return "it names no site"
    if len(labels) < 2:
        return f"the site {quoted(host)} has no dot"
    if not all(_LABEL.match(label) for label in labels):
        return f"the site {quoted(host)} is not valid"
    return None


def check_web_addresses(booklet: Booklet, lines: Lines) -> list[Problem]:
    """A warning for the conference's and each sponsor's `url` that is not a web address: printed on the back cover,
    and the target of a link (a sponsor's logo) that opens nothing."""
    conference = booklet.conference
    found = [("url", conference.url, "printed under Contact")] + [
        (f"sponsors[{index}].url", sponsor.url, "the sponsor's logo links to it")
        for index, sponsor in enumerate(conference.sponsors)]
    problems = []
    for key, address, used in found:
        problem = address and web_problem(address.strip())
        if problem:
            problems.append(Problem("conference.yaml", lines.line("conference.yaml", key, 1), key,
                                    f"{quoted(address.strip())} is not a web address: {problem} ({used})", "warning",
                                    "web-address"))
    return problems


QR_SCHEMES_RUN = ("javascript", "vbscript", "data", "file")  # what a scanning phone would run, or open on itself


def check_qr_schemes(booklet: Booklet, lines: Lines) -> list[Problem]:
    """A warning for each QR code whose `text` is an address a phone would run (javascript:, vbscript:) or open as a
    page or file of its own (data:, file:): a scanner offers to open an address, and `qr_codes: [{text:
    "javascript:alert(1)"}]` was printed without a word. A warning, not an error as a `url` of that kind is: a QR
    code is no link of the PDF's, and its text holds other things (a Wi-Fi login, tel:, geo:, a vCard), which are
    left alone."""
    problems = []
    for index, code in enumerate(booklet.conference.qr_codes):
        named = web.scheme(code.text.strip())
        if named in QR_SCHEMES_RUN:
            key = f"qr_codes[{index}].text"
            problems.append(Problem("conference.yaml", lines.line("conference.yaml", key, 1), key,
                                    f"{quoted(code.text.strip())} is a {named}: address, which a phone that scans "
                                    "the code would run or open as a file; a QR code holds a web address "
                                    "(https://...), or a Wi-Fi login, a phone number, a text", "warning", "qr-scheme"))
    return problems


def _at(source: Source, key: str, message: str, kind: str) -> Problem:
    return Problem(source.file, source.line, join(source.key, key), message, "warning", kind)


def check_empty_committees(booklet: Booklet, lines: Lines) -> list[Problem]:
    """A warning for each committee with no members to print (none given, `members: []`, or every name left out as
    the fonts print nothing of it): the committees page prints its name alone. At its `members:`, else its `name:`
    (conference.yaml; line 0 without a folder)."""
    problems = []
    for index, committee in enumerate(booklet.conference.committees):
        if committee.members:
            continue
        key, line = lines.found("conference.yaml", (f"committees[{index}].members", f"committees[{index}].name"), 0)
        heading = _printed_heading(booklet, committee)
        alone = "its name alone" if heading == squeeze(committee.name) else f"its heading, {quoted(heading)}, alone"
        problems.append(Problem("conference.yaml", line, key, f"the committee {quoted(squeeze(committee.name))} has no "
                                f"members to print: the committees page prints {alone}; give it its `members:`, "
                                "or leave it out", "warning", "empty-committee"))
    return problems


def _printed_heading(booklet: Booklet, committee) -> str:
    """A committee's heading as plain text, as the committees page prints it (layout.frontmatter._committee_heading):
    'Title (NAME)', the one that prints of the two, or the label title_not_printable when neither does."""
    from ..data.theme import filled, labels_for
    from ..layout.frontmatter import heading_parts

    title, name = (markup.printed_words(markup.plain(text)) if text else "" for text in heading_parts(committee))
    if not title and not name:
        return filled(labels_for(booklet.conference.language, booklet.theme.labels)["title_not_printable"])
    return f"{title} ({name})" if title and name else title or name
