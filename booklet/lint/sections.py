"""theme.yaml's `sections` -> a warning for each section it leaves out whose data is not empty: that data prints
nowhere (tutorials, posters, participants, sponsors, ...), and nothing else says so. The programme at a glance and
the index of authors are left out as the format says to drop them, silently: what they are made of prints elsewhere. A README example once listed six sections of ten: copied, it
dropped the glance, the index, the participants and the sponsors, and left the tutorials' lines in the programme
without a page number.

Only a `sections:` written in theme.yaml is checked (the built-in themes list every section)."""

from __future__ import annotations

from ..model import Booklet
from ..problems import Problem


def _count(number: int, word: str) -> str:
    return f"{number} {word}" if number == 1 else f"{number} {word}s"


def _file(items, default: str) -> str:
    """The one file `items` were read from ('participants.csv'), else `default` (abstracts/ in several files)."""
    files = {item.source.file for item in items if item.source is not None}
    return files.pop() if len(files) == 1 else default


def check_sections(booklet: Booklet, lines) -> list[Problem]:
    """`lines` (data.locate.Lines) finds the line of `sections:` in theme.yaml; without it (no folder, or theme.yaml
    does not write `sections`) there is nothing to point at, and nothing is said."""
    from ..layout.backmatter import has_practical

    line = lines.line("theme.yaml", "sections", 0)
    if not line:
        return []
    b, conference, printed = booklet, booklet.conference, set(booklet.theme.sections)
    nowhere = "they print nowhere (add it, or remove them)"
    days = f"{_file(b.days, 'programme.yaml')} has {_count(len(b.days), 'day')}"
    found = {  # section -> (what the data has, what of it does not print), for a section whose data is not empty
        "committees": conference.committees and (f"conference.yaml has {_count(len(conference.committees), 'committee')}",
                                                 nowhere),
        "programme": b.days and (days, "the programme prints nowhere (add it, or remove them)"),
        "abstracts": b.abstracts and (f"{_file(b.abstracts, 'abstracts/')} has {_count(len(b.abstracts), 'abstract')}",
                                      "they print nowhere, and their lines in the programme have no page number (add "
                                      "it, or remove them)"),
        "tutorials": b.tutorials and (f"{_file(b.tutorials, 'tutorials.yaml')} has "
                                      f"{_count(len(b.tutorials), 'tutorial')}", "they print nowhere, and their "
                                      "lines in the programme have no page number (add it, or remove them)"),
        "posters": b.posters and (f"{_file(b.posters, 'posters.yaml')} has {_count(len(b.posters), 'poster')}",
                                  nowhere),
        "practical": has_practical(conference) and (
            "conference.yaml has " + " and ".join(filter(None, (
                conference.places and _count(len(conference.places), "place"),
                conference.qr_codes and _count(len(conference.qr_codes), "QR code")))),
            "the practical information page prints nowhere (add it, or remove them)"),
        "sponsors": conference.sponsors and (f"conference.yaml has {_count(len(conference.sponsors), 'sponsor')}",
                                             nowhere),
        "participants": b.participants and (f"{_file(b.participants, 'participants.yaml')} has "
                                            f"{_count(len(b.participants), 'participant')}", nowhere),
    }
    return [Problem("theme.yaml", line, "sections", f"{has}, but theme.yaml's `sections` leaves '{name}' out: {lost}",
                    "warning", "section-left-out")
            for name, what in found.items() if what and name not in printed for has, lost in [what]]
