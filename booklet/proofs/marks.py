"""A proof -> what is drawn over its pages: the header strip, the PROOF band, pointers to its entries (posters, and
abstracts on a page of several)."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from typing import TYPE_CHECKING

from reportlab import rl_config
from reportlab.lib.colors import CMYKColor
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from ..data.theme import filled, labels_for
from ..text import dates, markup
from ..text.fonts import SANS, font_for_char, printing, register_fonts
from ..layout.page import Page
from .plan import Proof, page_label

if TYPE_CHECKING:  # the rest is imported where it is used: the build starts before it is all loaded
    from reportlab.pdfgen.canvas import Canvas

    from .pagecopy import Placed

MARK = "PROOF \u00b7 NOT FOR PRINT"  # the band's words in English (the label proof_mark: in the booklet's language)
MARK_COLOR = CMYKColor(0, 0.95, 0.7, 0)  # a signal red that nothing in the booklet uses
STRIP_COLOR = CMYKColor(0, 0.12, 0.08, 0)
INK = CMYKColor(0, 0, 0, 1)
WHITE = CMYKColor(0, 0, 0, 0)


def poster_pointers(pdf: bytes, proofs: list[Proof], titles: dict[str, str], anchors: dict[str, int],
                    numbers: dict[str, str] | None = None, known: dict[int, dict] | None = None,
                    found: dict[int, dict] | None = None) -> dict[tuple[str, int], list[tuple[float, float]]]:
    """(proof id, page) -> where each of its entries' titles starts on that page, (x, the middle height of its first
    line), found by text search (`titles`: an
    entry's link key -> its title): a poster's, and an abstract's on a page that holds another abstract (a layout
    that flows them, A4 or letter: a review found a speaker's proof with nothing to tell which of two was theirs).

    A title that cannot be found (an unusual break in its first words) gets no pointer; the header still names it.
    A poster's title is the one with its number (`numbers`: link key -> number) left of it, where one is: two titles
    the fonts print nothing of both print the label title_not_printable, and so does a heading of their session.

    `known`: page -> {(title, number): where it starts, or None}, found before on those pages as they are now (their
    text is what it was: write._Reused); a title there is not looked for again. `found` is given what was looked
    for on each page, or taken from `known`, in that form.
    """
    numbers = numbers or {}
    known = known or {}
    keys = {key for proof in proofs if proof.kind == "poster" for key in proof.anchors if key in anchors}
    from ..layout.common import ABSTRACT_KEY

    shared = Counter(page for key, page in anchors.items() if key.startswith(ABSTRACT_KEY))
    keys |= {key for proof in proofs if proof.kind == "abstract" for key in proof.anchors
             if key in anchors and key in titles and shared[anchors[key]] > 1}
    if not keys:
        return {}
    by_page: dict[int, list[str]] = {}
    for key in sorted(keys):
        by_page.setdefault(anchors[key], []).append(key)
    heights: dict[str, tuple[float, float]] = {}
    document = None  # opened for the first page whose titles are looked for
    try:
        for number, on_page in by_page.items():
            had = known.get(number, {})
            here = found.setdefault(number, {}) if found is not None else {}
            missing = []
            for key in on_page:
                looked = (titles[key], numbers.get(key))
                if looked in had:
                    here[looked] = had[looked]
                    if had[looked] is not None:
                        heights[key] = had[looked]
                else:
                    missing.append((key, looked))
            if not missing:
                continue
            if document is None:  # (PDFium loaded only now: when every title is `known`, not at all)
                import pypdfium2 as pdfium

                document = pdfium.PdfDocument(pdf)
            page = document[number - 1]
            text = page.get_textpage()
            for key, looked in missing:
                height = here[looked] = _title_height(text, *looked)
                if height is not None:
                    heights[key] = height
            text.close()
            page.close()
    finally:
        if document is not None:
            document.close()
    pointers: dict[tuple[str, int], list[tuple[float, float]]] = {}
    for proof in proofs:
        for key in proof.anchors:
            if key in heights:
                pointers.setdefault((proof.id, anchors[key]), []).append(heights[key])
    return pointers


def _title_height(text, title: str, number: str | None = None) -> tuple[float, float] | None:
    """Where the first line of a poster's `title` starts on a page's text: (its left, its middle height), or None:
    its first words' first place on the page; with the poster's `number`, the first such place with the number
    left of it on its line (else the first place: as before)."""
    words = markup.plain(title).split()[:3]
    if not words:
        return None
    search = text.search(" ".join(words), match_case=True)
    first = None
    while (match := search.get_next()):
        left, bottom, _, top = text.get_charbox(match[0])
        first = first or (left, (bottom + top) / 2)
        if number is None or text.get_text_bounded(left - _NUMBER_SPAN, bottom, left - 0.5, top).strip() == number:
            return left, (bottom + top) / 2
    return first


_NUMBER_SPAN = 40  # points left of a poster's title where its number is looked for (a number column is narrower)


# --------------------------------------------------------------------------- what the overlay says


def header_lines(proof: Proof, reply: tuple[tuple[str, float], ...], page: Page, fits: dict | None = None,
                 words: dict[str, str] | None = None, language: str = "en") -> tuple[tuple[str, float], ...]:
    """The lines above the running head, each with its font size (made to fit): whom the proof is for, the talk
    (or the poster, and when and where it is presented), and `reply` (reply_line: whom to send corrections to by
    when, one or two lines, the same on every proof); in `words` (the booklet's labels, data.theme.labels_for: its
    language's, theme.yaml's over them; English when not given).

    `fits`: line fits made before, (text, font, size, width) -> (line, size), for the same fonts (see
    write._Kept); looked up first, and given those made here. What it reads of `proof` is header_inputs' (which a
    new read goes into too: the key of a header the next run takes whole)."""
    words = words or english()
    pages = page_label(proof.pages, words)
    # (an entry each of whose names the fonts print nothing of, left out of the booklet, read "PROOF for  · ...")
    first = filled(words["proof_for"], names=_curled(proof.names_in(language), words), pages=pages) if proof.people \
        else filled(words["proof_for_unnamed"], pages=pages)
    width = _header_width(page)
    sizes = _line_sizes(page, reply)
    if proof.explains:  # (what the underline on its page means, which the booklet says on a page not in the proof)
        note, note_width = _measured_note(words, sizes[1], width)
        second = _explained(_second_line(proof, words, language, sizes[1], max(width - note_width, width / 2), fits),
                            note, width)
    else:
        second = _second_line(proof, words, language, sizes[1], width, fits)
    return (_kept_fit(first, _HEADER_FONTS[0], sizes[0], width, fits), second, *reply)


def header_inputs(proof: Proof) -> tuple:
    """What header_lines reads of `proof` (with its other arguments the same, the same inputs give the same lines: the
    key of a header kept for the next run, write._Headers)."""
    return (tuple(person.name for person in proof.people), proof.pages, proof.kind, proof.entry, proof.title,
            proof.day, proof.time, proof.room, proof.chaired, proof.explains)


def _second_line(proof: Proof, words: dict[str, str], language: str, size: float, width: float,
                 fits: dict | None) -> tuple[str, float]:
    """The header's second line: the talk's or tutorial's when and where, the poster's number(s), when and where
    and title(s), or the sessions a chair chairs; fitted to `width` at `size` (see header_lines)."""
    colon = _marked(":", language)
    when = " \u00b7 ".join(x for x in (proof.day, proof.time, proof.room) if x)
    if proof.kind == "poster":  # when and where before the title, which is cut when long
        lead = f"{_what(proof, words)} {proof.entry}{' · ' + when if when else ''}{colon} "
        title = _curled(proof.title, words)
        return _kept(fits, ("title", lead, title, _HEADER_FONTS[1], size, width),
                     lambda: _fit_title(lead, title, _HEADER_FONTS[1], size, width))
    if proof.kind == "chair":
        return _chair_line(proof.chaired, words, language, size, width, fits)
    if when:
        return _kept_fit_parts(f"{_what(proof, words)}{colon} ", (("", (proof.day, proof.time), proof.room),), "",
                               _HEADER_FONTS[1], size, width, fits)
    return _kept_fit(f"{_what(proof, words)}{colon} " + words["proof_unscheduled"], _HEADER_FONTS[1], size, width,
                     fits, _READABLE)


def _explained(line: tuple[str, float], note: str, width: float) -> tuple[str, float]:
    """The header's second `line` (fitted to `width` less the room of what follows) followed by what underlining a
    presenting author means (`note`: _measured_note's); made smaller (and then cut) only when the two do not fit
    `width` (a note too long for a line of its own)."""
    font = _HEADER_FONTS[1]
    text = line[0] + _shown(note, font)
    return (text, line[1]) if _width(text, font, line[1]) <= width else _fit(text, font, line[1], width)


UNDERLINED_NOTES = ("presenting_underlined", "proof_underlined_short")  # the labels of what underlining means, as
# the header says it: the first that takes at most a third of its line


def _measured_note(words: dict[str, str], size: float, width: float) -> tuple[str, float]:
    """' · Presenting author underlined.' (the label presenting_underlined, as plain text), after the second line
    (`width` wide, at `size`), and its width in the header's font, measured once (header_lines leaves the second line
    that room); where it takes more than a third of that line, its shorter wording, the label proof_underlined_short
    (French's "Le nom souligné est celui de la personne qui présente." left a poster's line half of the line, then
    made smaller and cut: its title gone, its room cut mid-word, "Aurora Audit…")."""
    for key in UNDERLINED_NOTES:
        note = " \u00b7 " + _curled(markup.plain(words[key]), words)
        note_width = _width(note, _HEADER_FONTS[1], size)
        if note_width <= width / 3:
            break
    return note, note_width


def chair_lines(proof: Proof, ranges: dict[str, tuple[int, ...]], own: tuple[int, ...],
                reply: tuple[tuple[str, float], ...], page: Page, fits: dict | None = None,
                words: dict[str, str] | None = None, language: str = "en") -> tuple[tuple[int, tuple[str, float]], ...]:
    """For each page of `proof` that holds sessions its person chairs (`ranges`: link key -> pages, page_ranges) and
    is not one of its entry's pages (`own`: plan.pages_of(proof, ranges, chaired=False), which the caller has made
    already to order the proofs), the header's second line naming those sessions, when and where they are ("Session
    you chair: Inference · Monday 13 September · 10:30–11:00"), fitted as header_lines fits the entry's: (page, (line,
    size)); the pages where that is the line the header has already (a chair's own proof) are left out."""
    words = words or english()
    width = _header_width(page)
    size = _line_sizes(page, reply)[1]
    found = []
    for number in proof.pages:
        chaired = [c for c in proof.chaired if number in ranges.get(c.key, ())]
        if not chaired or number in own:
            continue
        line = _chair_line(tuple(chaired), words, language, size, width, fits)
        if line != proof.header[1]:
            found.append((number, line))
    return tuple(found)


def _line_sizes(page: Page, reply: tuple[tuple[str, float], ...]) -> list[float]:
    """The header's line sizes above `reply` (the reply line's one or two lines under them): none larger than the
    reply."""
    return [min(size, reply[0][1]) for size in _header_sizes(page, 2 + len(reply))]


def _chair_line(chaired, words: dict[str, str], language: str, size: float, width: float,
                fits: dict | None) -> tuple[str, float]:
    """'Session you chair: Inference · Monday 13 September · 10:30–11:00 · Room A' (sessions after one another, ';'
    between them) at `size`, fitted to `width` (_kept_fit_parts: each session's (name, (day, time), room))."""
    colon = _marked(":", language)
    sessions = tuple((_curled(c.name, words), (c.day, c.time), c.room) for c in chaired)
    return _kept_fit_parts(f"{words['proof_chair']}{colon} ", sessions, _marked(";", language), _HEADER_FONTS[1],
                           size, width, fits)


def _parts_text(lead: str, entries, between: str, rooms: bool = True, titles: tuple | None = None) -> str:
    """The line _fit_parts sets: `lead`, then each entry's title (or the one `titles` gives for it), its times and
    (with `rooms`) its room, joined by ' · ', the entries by `between` and a space. Without `rooms`, an entry's day
    is left out too when it is the day of the entry before (said once for sessions one after the other)."""
    titles = titles or tuple(title for title, _, _ in entries)
    parts, day = [], None
    for title, (_, when, room) in zip(titles, entries):
        shown = when[1:] if not rooms and when and when[0] and when[0] == day else when
        day = when[0] if when else None
        parts.append(" \u00b7 ".join(x for x in (title, *shown, room if rooms else "") if x))
    return lead + f"{between} ".join(parts)


def _shorter(shown: str) -> str | None:
    """The next shorter head of a title than `shown` (a head of it, or all of it) to print with '…': without its last
    word (and the punctuation before that); None when `shown` is one word (a title is never cut inside a word)."""
    kept = shown.rstrip()
    if " " not in kept:
        return None
    return kept[:kept.rfind(" ")].rstrip(" ,;:/\u00b7\u2013\u2014-") or None


def _curled(text: str, words: dict[str, str]) -> str:
    """`text` (a name, a title, as the data writes it) with its straight quotes and apostrophes as the booklet's page
    prints them (the label `quotes`): a French proof's header read "ÉPREUVE pour Jean le Rond d'Alembert" over a
    page that prints "d’Alembert"."""
    from ..data.theme import quote_marks
    from ..text.quotes import curly_quotes

    marks = quote_marks(words.get("quotes", ""))
    return curly_quotes(text, marks) if marks and ("'" in text or '"' in text) else text


def _marked(mark: str, language: str) -> str:
    """A colon or semicolon as the language sets it after a word: in French, a no-break space before it."""
    from ..text.languages import base_language

    return ("\u00a0" if base_language(language) == "fr" else "") + mark


def _kept_fit(text: str, font: str, size: float, width: float, fits: dict | None,
              smallest: float | None = None) -> tuple[str, float]:
    """_fit, looked up in (and added to) `fits` when given."""
    smallest = _SMALLEST if smallest is None else smallest
    key = (text, font, size, width) if smallest == _SMALLEST else (text, font, size, width, smallest)
    return _kept(fits, key, lambda: _fit(text, font, size, width, smallest))


def _kept_fit_parts(lead: str, entries, between: str, font: str, size: float, width: float,
                    fits: dict | None) -> tuple[str, float]:
    """_fit_parts, looked up in (and added to) `fits` when given."""
    return _kept(fits, ("parts", lead, entries, between, font, size, width),
                 lambda: _fit_parts(lead, entries, between, font, size, width))


def _kept(fits: dict | None, key: tuple, make) -> tuple[str, float]:
    """make(), looked up in (and added to) `fits` under `key` when `fits` is given."""
    if fits is None:
        return make()
    found = fits.get(key)
    if found is None:
        found = fits[key] = make()
    return found


def _fit_parts(lead: str, entries, between: str, font: str, size: float, width: float) -> tuple[str, float]:
    """The line of a talk's or of the sessions chaired's when and where (_parts_text: `entries`, each (title, times,
    room)) at `size`, made no smaller than _READABLE to fit `width`: then without the rooms (and a day said once for
    sessions on the same day), then with its titles cut short with '…', a word at a time, the longest title first,
    down to each one's first word; and only when that does not fit either, cut at its end (_fit). A German chair's
    line was made 5.4 pt small to hold "Ihr Sitzungsvorsitz: Keynotes 2: Ariane Jeßulat and Monika Herzig · Samstag,
    23. September · 09:00–11:00 · Wolfgang-Hoffmann-Saal" whole."""
    readable = min(size, _READABLE)
    for text in (_parts_text(lead, entries, between), _parts_text(lead, entries, between, rooms=False)):
        natural = _width(text, font, size)
        if natural <= width:
            return _shown(text, font), size
        if natural * readable / size <= width:
            return _shown(text, font), max(readable, size * width / natural * 0.999)
    text, fits = _titles_cut(lambda printed: _parts_text(lead, entries, between, False, printed),
                             tuple(title for title, _, _ in entries), font, readable, width)
    return (_shown(text, font), readable) if fits else _fit(text, font, readable, width, readable)


def _titles_cut(line, titles: tuple[str, ...], font: str, size: float, width: float) -> tuple[str, bool]:
    """The text `line` (given the titles as printed) makes of `titles` at `size`, the titles cut short with '…' a word
    at a time (_shorter), the longest first, until it fits `width`: (the text, True); else, each title cut to its
    first word, (the text, False)."""
    shown = list(titles)  # each title's head printed (all of it, or a head with '…')
    while True:
        printed = tuple(head if head == title else head + "\u2026" for head, title in zip(shown, titles))
        text = line(printed)
        if _width(text, font, size) <= width:
            return text, True
        cuts = [(len(head), at) for at, head in enumerate(printed) if _shorter(shown[at]) is not None]
        if not cuts:
            return text, False
        at = max(cuts)[1]
        shown[at] = _shorter(shown[at])


def _fit_title(lead: str, title: str, font: str, size: float, width: float) -> tuple[str, float]:
    """`lead` and `title` (a poster's number(s), when and where, and title) at `size`, fitted to `width`: the title
    cut short with '…' after a word, as a talk's line cuts its title (_titles_cut), not inside one (Houches 2018's
    "Poster 12: Magnetic scanning probe microscope integrating nanometric magnetoresisti…"); where its first word
    is too long still, the line is cut after its last word that fits ("Posters 1, 2, …, 28, 29…", not "…, 29, 3…":
    44 posters of one author, Hard Probes 2026), and only a line whose first word is too long is cut inside it
    (_fit)."""
    text, fits = _titles_cut(lambda printed: lead + printed[0], (title,), font, size, width)
    shown = text
    while not fits and (shown := _shorter(shown)) is not None:
        text, fits = shown + "\u2026", _width(shown + "\u2026", font, size) <= width
    return (_shown(text, font), size) if fits else _fit(text, font, size, width, size)


_READABLE = 6.5  # pt: a talk's or a chair's line is made no smaller than this to fit: its rooms are left out, then
# its titles cut (_fit_parts); made as small as _SMALLEST, a German chair's line was hard to read.
_SMALLEST = 5.0  # pt: a header line is made no smaller than this to fit (then cut). A poster's line (its number,
# when and where, then its titles) is cut, not made smaller: two titles made it 5 pt, and the titles are on the page
# below it, each with a pointer.


REPLY_CHECKS = ("proof_check", "proof_check_short", "proof_check_shortest")  # the labels of what the reply line
# asks, shorter and shorter: the longest that fits whole is printed
SMALLEST_REPLY = 6.5  # pt: the reply (the deadline, the address) is set no smaller than this while it can be


def reply_line(contact: str | None, reply_by: dt.date | None, page: Page, words: dict[str, str] | None = None,
               language: str = "en") -> tuple[tuple[tuple[str, float], ...], str | None]:
    """'Corrections by <date> to <contact>; please check ...': (its lines, each with its font size; a warning when
    the strip could not hold all of it, else None). In `words` (see header_lines), the date in `language`.

    A review found it set at 5.6 pt (the lines above at 6.8 and 6.1), and with a long address the "please check"
    part dropped without a word. It is never smaller than the lines above (_header_sizes): one line with the
    longest wording of what to check that fits whole; else two lines, where the strip holds four lines of at
    least SMALLEST_REPLY (A4, B5, letter); else the deadline and address alone, and the warning says what was
    left out. Only an address too long for a line of its own is set smaller (on two lines) or, at worst, cut:
    the warning says that too."""
    words = words or english()
    whom = markup.plain(contact) if contact else words["proof_organisers"]
    start = (filled(words["proof_reply"], date=dates.full_date(reply_by, language), contact=whom) if reply_by
             else filled(words["proof_reply_undated"], contact=whom))
    font, width = _HEADER_FONTS[2], _header_width(page)
    one, two = _header_sizes(page, 3)[2], _header_sizes(page, 4)[2]
    wordings = [f"{start}{_marked(';', language)} {words[checks]}." for checks in REPLY_CHECKS]
    for text in wordings:
        if _width(text, font, one) <= width:
            return ((_shown(text, font), one),), None
    if two >= SMALLEST_REPLY:
        for text in wordings:
            lines = _wrapped(text, font, two, width)
            if lines is not None:
                return tuple((line, two) for line in lines), None
    left_out = (f"the header's last line leaves out '{words[REPLY_CHECKS[-1]]}': "
                f"'{start}' fills the strip at this page size ({page.name}); a shorter contact address in "
                "conference.yaml leaves room for it")
    if _width(start + ".", font, one) <= width:
        return ((_shown(start + ".", font), one),), left_out
    fitted = one * width / _width(start + ".", font, one) * 0.999
    if fitted >= two:  # one line, smaller (and the lines above as small: header_lines), rather than two smaller still
        return (((_shown(start + ".", font), fitted),),
                f"the header's last line, '{start}', is set at {fitted:.2f} pt (the lines above too, not "
                f"{one:.2f}) and leaves out '{words[REPLY_CHECKS[-1]]}': the contact address is too long for the "
                "strip; a shorter one in conference.yaml sets it larger")
    lines = _wrapped(start + ".", font, two, width)
    if lines is not None:
        return (tuple((line, two) for line in lines),
                f"the header's last line, '{start}', is set at {two:.1f} pt on two lines (the lines above too) and "
                f"leaves out '{words[REPLY_CHECKS[-1]]}': the contact address is too long for the strip; "
                "a shorter one in conference.yaml sets it larger")
    text, size = _fit(start + ".", font, two, width)
    return (((text, size),), f"the header's last line is cut short ('{text}'): the contact address is too long "
                             "for the strip; give a shorter one in conference.yaml")


def _width(text: str, font: str, size: float) -> float:
    return _runs_width(_font_runs(text, font), size)


def _shown(text: str, font: str) -> str:
    """`text` without the characters no booklet font can show (as _fit leaves them out)."""
    return "".join(run for _, run in _font_runs(text, font))


def _wrapped(text: str, font: str, size: float, width: float) -> tuple[str, str] | None:
    """`text` broken between words into two lines that each fit `width` at `size` (the first as full as it can be),
    or None when it does not fit on two."""
    words = text.split(" ")
    for cut in range(len(words) - 1, 0, -1):
        first, second = " ".join(words[:cut]), " ".join(words[cut:])
        if _width(first, font, size) <= width:
            return (_shown(first, font), _shown(second, font)) if _width(second, font, size) <= width else None
    return None


def english() -> dict[str, str]:
    """The proofs' words in English (the labels' English table)."""
    return labels_for("en", {})  # (as page_label's default)


_HEADER_FONTS = (SANS + "-Bold", SANS, SANS, SANS)


def overlay_text(proof: Proof, page: Page, mark: str = MARK, at: int | None = None) -> list[str]:
    """Every line of text the overlay draws on each page of `proof` (on booklet page `at`, when given: on the pages of
    sessions its person chairs, the header's second line names them, Proof.page_lines), in drawing order: the mark,
    then the header."""
    lines = [line for line, _ in proof.header]
    variant = proof.variant_at(at) if at is not None else 0
    if variant:
        lines[1] = proof.variants[variant - 1][0]
    return [band_text(page, mark), *lines]


def _what(proof: Proof, words: dict[str, str]) -> str:
    if proof.kind == "poster":
        return words["proof_poster"] if "," not in proof.entry else words["proof_posters"]
    return words["proof_tutorial"] if proof.kind == "tutorial" else words["proof_talk"]



# the header's lines in the strip (_draw_header): the space above the first, each line's advance (its baseline
# below the one before) and after, the depth below the last baseline, and the space left above the running head; as
# shares of the strip or of a line's font size. The sizes are made so that the lines fit in the strip.
_HEADER_TOP, _LINE, _AFTER, _DESCENT, _GAP = 0.03, 1.15, 0.1, 0.25, 1.5
_CAP = 0.714  # the capitals' height of the header's font (Noto Sans), of its size
# (the space above the first line was a tenth of the strip: with the lines' own leading, 5.7 pt of pink above the
# first line of an A5 proof while its last line, the deadline, was set at 5.6 pt)


def _header_sizes(page: Page, lines: int = 3) -> tuple[float, ...]:
    """The natural size of each of the header's `lines` lines (3, or 4 with a reply on two lines), all alike: 0.8
    of the booklet's text size, or smaller for the strip to hold them. (The reply, the lines whom to write to by
    when, was 0.9 of the first line's size and then made smaller to fit: 5.6 pt on an A5 proof.)"""
    depth = lines * (_LINE + _AFTER) - (_AFTER - _DESCENT)
    room = _strip_height(page) * (1 - _HEADER_TOP) - _GAP
    size = min(page.base_size * 0.8, room / depth)
    return (size,) * lines


def _header_top(page: Page, sizes: tuple[float, ...]) -> float:
    """From the top of the page down to the top of the header's first line: in a strip deeper than the lines need
    at their natural size (B5, A4, letter), as much room over their capitals as under their descenders (they hung
    from the strip's top, 4.4 pt of paper over them and 10.5 pt under them on B5); in a strip they fill (A5), the
    strip's top clearance."""
    strip = _strip_height(page)
    depth = sum(size * (_LINE + _AFTER) for size in sizes) - sizes[-1] * (_AFTER - _DESCENT)  # to the descenders
    above = sizes[0] * (_LINE - _CAP)  # from the line's top to its capitals'
    return max(strip * _HEADER_TOP, (strip - depth - above) / 2)


def _strip_height(page: Page) -> float:
    """From the top of the page down to just above the running head."""
    head_baseline = page.height - page.top + 5 * mm + 1
    return page.height - (head_baseline + page.base_size * 0.75 + 2.5)


def _band_width(page: Page) -> float:
    return min(7 * mm, page.margin * 0.45)


def _header_width(page: Page) -> float:
    return page.text_width


def _fit(text: str, font: str, size: float, width: float, smallest: float = _SMALLEST) -> tuple[str, float]:
    """`text` at `size`, made smaller (not below `smallest`) and then cut short with '…' to fit `width`.

    Characters that no booklet font can show are left out (as the booklet does).
    """
    longest = int(width / (smallest * 0.2))  # no glyph is narrower than that: more could never show
    cut = len(text) > longest
    runs = _font_runs(text[:longest], font)
    text = "".join(run for _, run in runs)
    natural = _runs_width(runs, size)
    if natural <= width and not cut:
        return text, size
    fitted = max(smallest, size * width / natural * 0.999)
    if natural * fitted / size <= width and not cut:
        return text, fitted
    room = width - stringWidth("\u2026", font, fitted)
    low, high = 0, len(text)  # the longest prefix that fits: text[:low] fits, text[:high + 1] does not
    while low < high:
        middle = (low + high + 1) // 2
        if _runs_width(_font_runs(text[:middle], font), fitted) <= room:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "\u2026", fitted


def _runs_width(runs: list[tuple[str, str]], size: float) -> float:
    return sum(stringWidth(run, name, size) for name, run in runs)


def _font_runs(text: str, font: str) -> list[tuple[str, str]]:
    """(font, text) runs: characters the sans font lacks go to the booklet's fallback fonts (or are left out)."""
    if all(font_for_char(ch) == "" for ch in set(text)):
        return [(font, text)] if text else []
    runs: list[tuple[str, str]] = []
    for ch, shows in zip(text, printing(text)):  # (an emoji sequence some font lacks a part of: none of it)
        if not shows:
            continue
        fallback = font_for_char(ch)
        name = fallback or font
        if runs and runs[-1][0] == name:
            runs[-1] = (name, runs[-1][1] + ch)
        else:
            runs.append((name, ch))
    return runs


# --------------------------------------------------------------------------- drawing the overlay


POINTER = "pointer"
POINTER_LEFT = "pointer-left"  # the same, pointing left: in the right-hand margin, at the right-hand column
REPLY = "reply"


def draw_overlays(proofs: list[Proof], page: Page, media: tuple[float, float],
                  trim: tuple[float, float, float, float], reply: tuple[tuple[str, float], ...],
                  mark: str = MARK) -> bytes:
    """The overlay forms, in a PDF in memory: the band for right- and left-hand pages, the reply (its one or two
    lines), the pointer, and each proof's first two header lines (`header_form(n)` for `proofs[n]`).

    Its one page draws every form (so that a reader of the PDF finds them all). Its font subsets are tagged by a
    hash of their programs (subsettags.retag_pdf), not as ReportLab tags them ('AAAAAA+NotoSans-Regular'): the
    booklet page a proof copies has subsets of the same fonts under ReportLab's tags, with other glyphs.
    """
    from reportlab.pdfgen.canvas import Canvas

    from ..printing.subsettags import retag_pdf

    register_fonts()
    rl_config.useA85 = 0  # as for the booklet: binary streams
    buffer = io.BytesIO()
    canv = Canvas(buffer, pagesize=media, invariant=1, pageCompression=1, initialFontName=SANS)
    for recto in (True, False):
        canv.beginForm(band_form(recto))
        _draw_band(canv, page, trim, recto, mark)
        canv.endForm()
    canv.beginForm(REPLY)
    _draw_header(canv, page, trim, reply, 2 + len(reply), first_line=2)
    canv.endForm()
    canv.beginForm(POINTER, -4 * mm, -2 * mm, 1, 2 * mm)
    _draw_pointer(canv)
    canv.endForm()
    canv.beginForm(POINTER_LEFT, -1, -2 * mm, 4 * mm, 2 * mm)
    _draw_pointer(canv, -1)
    canv.endForm()
    forms = []
    for number, proof in enumerate(proofs):
        for variant, second in enumerate((proof.header[1], *proof.variants)):
            forms.append(header_form(number, variant))
            canv.beginForm(forms[-1])
            _draw_header(canv, page, trim, (proof.header[0], second), 2 + len(reply))
            canv.endForm()
    for name in [band_form(True), band_form(False), REPLY, POINTER, POINTER_LEFT] + forms:
        canv.doForm(name)
    canv.showPage()
    canv.save()
    return retag_pdf(buffer.getvalue())


def overlay_forms(proof_number: int, page_number: int, page: Page, trim, pointers=(), variant: int = 0) -> list[Placed]:
    """What goes on booklet page `page_number` of the `proof_number`-th proof: the band, the header (its own two
    lines, the second its `variant`: Proof.variant_at; then the reply line), and a pointer at each title's start in
    `pointers` ((x, y): see poster_pointers)."""
    from .pagecopy import Placed

    return [Placed(band_form(page_number % 2 == 1)), Placed(header_form(proof_number, variant)), Placed(REPLY),
            *(Placed(*_pointer_at(x, page, trim), y) for x, y in pointers)]


POINTER_CLEAR = 1.5 * mm  # between a pointer's tip and the text block's edge


def _pointer_at(x: float, page: Page, trim) -> tuple[str, float]:
    """The pointer for a title starting at `x`, and where its tip goes: in the left-hand margin, pointing right at
    the text block; for a title in the right-hand column of two (posters on A4), in the right-hand margin,
    pointing left at that column. (In the left-hand margin it pointed at the entry beside it in the left-hand
    column, another author's poster; then, in the 5 mm gap between the columns, it was 1 mm from the left-hand
    column's text, the end of a justified line nearly touching it.)"""
    left = trim[0] + page.margin
    if x <= left + page.text_width / 2:
        return POINTER, left - POINTER_CLEAR
    return POINTER_LEFT, left + page.text_width + POINTER_CLEAR


def band_form(recto: bool) -> str:
    return "band-" + ("recto" if recto else "verso")


def header_form(number: int, variant: int = 0) -> str:
    return f"header-{number}" + (f"-{variant}" if variant else "")


def _draw_header(canv: Canvas, page: Page, trim: tuple[float, float, float, float],
                 lines: tuple[tuple[str, float], ...], count: int, first_line: int = 0) -> None:
    """Header lines `first_line`, `first_line` + 1, ... of the `count` in the strip above the running head."""
    x0, _, _, y1 = trim
    sizes = _header_sizes(page, count)
    y = y1 - _header_top(page, sizes) - sum(size * (_LINE + _AFTER) for size in sizes[:first_line])
    canv.setFillColor(INK)
    for (line, size), font, natural in zip(lines, _HEADER_FONTS[first_line:], sizes[first_line:]):
        y -= natural * _LINE
        _draw_line(canv, x0 + page.margin, y, line, font, size)
        y -= natural * _AFTER


def _draw_band(canv: Canvas, page: Page, trim: tuple[float, float, float, float], recto: bool,
               mark: str = MARK) -> None:
    """The tinted strip above the running head, and the red band with the mark down the outer edge."""
    x0, y0, x1, y1 = trim
    band = _band_width(page)
    band_x = x1 - band if recto else x0
    strip = _strip_height(page)
    canv.setFillColor(STRIP_COLOR)
    canv.rect(x0 if recto else x0 + band, y1 - strip, x1 - x0 - band, strip, stroke=0, fill=1)
    canv.setFillColor(MARK_COLOR)
    canv.rect(band_x, y0, band, y1 - y0, stroke=0, fill=1)
    _draw_band_text(canv, band_x, band, y0, y1, recto, band_text(page, mark))


def _draw_pointer(canv: Canvas, direction: int = 1) -> None:
    """A small red triangle pointing right (`direction` 1) or left (-1), its tip at (0, 0)."""
    canv.setFillColor(MARK_COLOR)
    path = canv.beginPath()
    path.moveTo(0, 0)
    path.lineTo(-3 * mm * direction, 1.6 * mm)
    path.lineTo(-3 * mm * direction, -1.6 * mm)
    path.close()
    canv.drawPath(path, stroke=0, fill=1)


def band_text(page: Page, mark: str = MARK) -> str:
    """The mark, repeated along the height of the page."""
    size = _band_size(page)
    unit = mark + "   \u00b7   "
    count = max(1, int((page.height - 2 * size) // stringWidth(unit, SANS + "-Bold", size)))
    return (unit * count).rstrip(" \u00b7")


def _band_size(page: Page) -> float:
    return _band_width(page) * 0.5


def _draw_band_text(canv: Canvas, band_x: float, band: float, y0: float, y1: float, recto: bool, text: str) -> None:
    """The mark in white along the band, reading down on a right-hand page and up on a left-hand one."""
    size = band * 0.5
    canv.saveState()
    canv.setFillColor(WHITE)
    canv.setFont(SANS + "-Bold", size)
    middle = band_x + band / 2
    if recto:
        canv.translate(middle - size * 0.36, (y0 + y1) / 2)
        canv.rotate(-90)
    else:
        canv.translate(middle + size * 0.36, (y0 + y1) / 2)
        canv.rotate(90)
    canv.drawCentredString(0, 0, text)
    canv.restoreState()


def _draw_line(canv: Canvas, x: float, y: float, text: str, font: str, size: float) -> None:
    runs = _font_runs(text, font)
    for number, (name, run) in enumerate(runs):
        canv.setFont(name, size)
        canv.drawString(x, y, run)
        if number + 1 < len(runs):
            x += stringWidth(run, name, size)


# --------------------------------------------------------------------------- manifest, warnings, PNGs
