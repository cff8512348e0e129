"""The example conference `booklet init` writes, as values: its data files (EXAMPLE, made into commented YAML by
start.templates) and its images (example_images); and which of its values are its own, not words any conference
writes (COMMON; its names, under contract.NAMES' keys), for `booklet check` to name each one a folder still has
(lint.example). Here, not in booklet.start, so that a build's check reads them without loading what writes a folder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

SAMPLE = Path(__file__).resolve().parent.parent / "resources" / "sample"  # the sample conference, as shipped

# The example conference: every file and every key of the format appears at least once.
_D1, _D2 = dt.date(2027, 6, 14), dt.date(2027, 6, 15)
_TEXT = ("Replace this text with the abstract. A blank line starts a new paragraph; *emphasis*,\n"
         "**strong** and inline math such as $\\alpha \\sim 0.3$ or $x^{2}$ work.\n")

EXAMPLE: dict[str, object] = {
    "conference.yaml": {
        "title": "Example Workshop on Data and Models",
        "short_title": "EWDM 2027",
        "subtitle": "An International Workshop",
        "tagline": "Two days of talks, a tutorial and posters.",
        "welcome": "Welcome to EWDM 2027",
        "dates": {"start": _D1, "end": _D2},
        "venue": "Example University, Lund, Sweden",
        "url": "https://www.example.org/ewdm2027",
        "contact": "ewdm2027@example.org",
        "hashtag": "#EWDM2027",
        "logo": "images/logo.png",
        "cover_image": "images/cover.jpg",
        "language": "en",
        "committees": [
            {"name": "SOC", "title": "Scientific Organising Committee", "members": [
                {"name": "Ana Smith", "affiliation": "Example University, Sweden", "role": "Chair",
                 "email": "ana.smith@example.org"},
                {"name": "Bo Jones", "affiliation": "Institute of Examples, Norway"},
            ]},
            {"name": "LOC", "title": "Local Organising Committee", "members": [
                {"name": "Carla Diaz", "affiliation": "Example University, Sweden"},
            ]},
        ],
        "places": [
            {"name": "Lecture Hall A", "address": "Example University, Main Building", "note": "All talks"},
            {"name": "Restaurant Kulturen", "address": "Tegnérsplatsen 1, Lund", "note": "Conference dinner"},
        ],
        "notes": ["Wi-Fi: eduroam", "Please wear your badge at all times."],
        "quote": {"text": "All models are wrong, but some are useful.", "author": "George Box"},
        "qr_codes": [{"text": "https://www.example.org/ewdm2027", "caption": "The programme online"}],
        "extra_pages": [{"file": "images/map.pdf", "after": "practical", "title": "Venue map"}],
        "sponsors": [
            {"name": "Example Instruments", "logo": "images/sponsor.png", "tier": "Gold",
             "url": "https://www.example.com/instruments"},
            {"name": "Example Café", "tier": "Supporters"},
        ],
    },
    "programme.yaml": {
        "days": [
            {"date": _D1, "night": False, "items": [  # (the default, shown: nothing of it is after midnight)
                {"time": "09:00-09:15", "title": "Welcome"},
                {"time": "09:15-10:00", "talk": "smith-2027", "room": "Lecture Hall A"},
                {"time": "10:00-10:30", "title": "Coffee break", "kind": "break"},
                {"session": "Models", "chair": "Bo Jones", "room": "Lecture Hall A", "items": [
                    {"time": "10:30-10:50", "talk": "jones-2027"},
                    {"time": "10:50-11:10", "talk": "diaz-2027", "title": "Sampling from difficult posteriors"},
                ]},
                {"time": "12:30-13:30", "title": "Lunch", "kind": "break"},
                {"parallel": [
                    {"session": "Data", "room": "Room B", "items": [{"time": "13:30-13:50", "talk": "lee-2027"}]},
                    {"session": "Methods", "room": "Room C", "items": [{"time": "13:30-13:50", "talk": "okafor"}]},
                ]},
                {"time": "16:00-18:00", "title": "Posters and drinks", "kind": "poster"},
                {"time": "19:30", "title": "Conference dinner", "kind": "social", "place": "Restaurant Kulturen"},
            ]},
            {"date": _D2, "items": [
                {"time": "09:00-12:00", "tutorial": "bayes-intro"},
                {"time": "12:00-12:20", "talk": "lee-2027", "again": True},
                {"time": "12:20-12:35", "title": "Closing", "kind": "other"},
            ]},
        ],
    },
    "abstracts.yaml": [
        {"id": "smith-2027", "kind": "invited", "title": "An invited talk: what the data can tell",
         "speaker": {"name": "Ana Smith", "affiliation": "Example University, Sweden",
                     "email": "ana.smith@example.org", "photo": "images/portrait.jpg"},
         "abstract": _TEXT},
        {"id": "jones-2027", "title": "A contributed talk with several authors",
         "authors": [
             {"name": "Bo Jones", "affiliation": ["Institute of Examples, Norway", "Example University, Sweden"],
              "presenting": True, "email": "bo.jones@example.org", "photo": "images/portrait.jpg"},
             {"name": "Carla Diaz", "affiliation": "Example University, Sweden"},
         ],
         "abstract": "A short abstract: one paragraph is enough.\n"},
        {"id": "diaz-2027", "title": "Sampling from difficult posteriors in practice",
         "speaker": {"name": "Carla Diaz", "affiliation": "Example University, Sweden"},
         "abstract": "The programme may print a shorter title than the abstract page.\n"},
        {"id": "lee-2027", "title": "A talk in a parallel session",
         "speaker": {"name": "Dae-Jung Lee", "affiliation": "Example Institute of Technology, Korea"},
         "abstract": "Parallel sessions are printed side by side.\n"},
    ],
    "abstracts/okafor.yaml": {
        "id": "okafor", "kind": "contributed", "title": "One abstract in a file of its own",
        "speaker": {"name": "Chiamaka Okafor", "affiliation": "University of Examples, Nigeria"},
        "abstract": "Les grandes conférences peuvent garder chaque résumé dans un fichier à lui, dans le dossier "
                    "abstracts/.\n",
        "language": "fr",
    },
    "tutorials.yaml": [
        {"id": "bayes-intro", "title": "Bayesian inference: an introduction",
         "description": "A hands-on course: bring a laptop.\n",
         "presenters": [{"name": "Ana Smith", "affiliation": "Example University, Sweden",
                         "bio": "Ana Smith teaches statistics at Example University.\n",
                         "photo": "images/portrait.jpg", "email": "ana.smith@example.org"}],
         "authors": [{"name": "Bo Jones", "affiliation": "Institute of Examples, Norway",
                     "email": "bo.jones@example.org"}],
         "language": "en"},
    ],
    "posters.yaml": [
        {"number": 1, "author": "Eva Berg", "affiliation": "Example University, Sweden",
         "email": "eva.berg@example.org", "title": "A poster by one author",
         "session": "Posters and drinks", "topic": "Methods"},
        {"number": 2, "title": "A poster by several authors", "session": "Posters and drinks", "topic": "Surveys",
         "authors": [{"name": "Femi Adeyemi", "affiliation": "University of Examples, Nigeria", "presenting": True},
                     {"name": "E. Berg", "affiliation": "Example University, Sweden"}],
         "abstract": "Poster abstracts are printed when given.\n"},
    ],
    "people.yaml": [
        {"name": "Eva Berg", "aliases": ["E. Berg"]},
        {"name": "Dae-Jung Lee", "family": "Lee"},
    ],
    "theme.yaml": {
        "base": "classic",
        "colours": {"primary": "#0B5394", "accent": "#0B5394", "text": "#000000", "break": "#ECECEC",
                    "social": "#FDF3E1", "tutorial": "#E6EEF7",
                    "tracks": [{"session": "Models", "colour": "#E6EEF7"}]},
        "fonts": {"text": "Gentium Book Plus", "headings": "Noto Sans", "fallback": ["Noto Sans Math", "Noto Sans Symbols 2"]},
        "cover": {"style": "band", "logo": "bottom-right"},
        "page_size": "A5",
        "sections": ["committees", "glance", "programme", "abstracts", "tutorials", "posters", "practical",
                     "sponsors", "participants", "index"],
        "abstracts": {"placement": "after-programme", "layout": "auto", "columns": "auto"},
        "posters": {"sort": "number", "group_by": "session"},
        "labels": {},
        "glance": {"narrowest_type": 85},
        "sponsors": {"names": False},
        "extra_pages": {"turn": "left"},
    },
}

# Keys whose values in EXAMPLE are words any conference may write (a committee's name, a room, a break, a country):
# `booklet check` does not call them init's example. Every other text and email of EXAMPLE is the example's own (but
# theme.yaml's: the booklet's look and words), and check warns at each one a folder still has (lint.example). Its
# names (under the keys contract.NAMES lists) are common ones ("Ana Smith" may be anyone's): check calls one init's
# example only in a mapping that holds another value of it (an affiliation, an email, a photo, a title).
COMMON = {"committee": ("name", "title"), "member": ("role",), "place": ("name", "note"), "conference": ("notes",),
          "quote": ("text", "author"),  # (a real one, George Box's: a conference may choose it, as bench/generate.py)
          "qr_code": ("caption",), "extra_page": ("title",), "sponsor": ("tier",),
          "item": ("title", "room", "place"),  # (but a talk's title: lint.example.common)
          "session": ("session", "room"), "poster": ("session", "topic"), "participant": ("country",),
          "person": ("family",)}


# COMMON's words of the example (a break, a room, a committee, a country) in each language booklet has its words in:
# English value -> language -> its words. The rest of COMMON's values are names, written as they are in any language
# (the committees SOC and LOC, the restaurant, the quote's author, a family name).
WORDS_FILE = SAMPLE.parent / "example-words.yaml"


def example_words(language: str) -> dict[str, str] | None:
    """COMMON's English words of the example -> those of `language` (its base language's: 'fr' for 'fr-CA'), from
    WORDS_FILE; {} for English, None for a language booklet has no words in (its example's words stay English)."""
    import yaml

    from ..text.languages import base_language

    base = base_language(language)
    if base == "en":
        return {}
    table = yaml.safe_load(WORDS_FILE.read_text(encoding="utf-8"))
    words = {english: each[base] for english, each in table.items() if base in each}
    return words or None


def _english_labels() -> dict[str, str]:
    """Every label in English, as the example theme.yaml lists them (ready to be changed)."""
    from .theme import labels_for

    return labels_for("en", {})


EXAMPLE["theme.yaml"]["labels"] = _english_labels()
EXAMPLE["participants.yaml"] = [
    {"name": "Femi Adeyemi", "affiliation": "University of Examples", "country": "Nigeria"},
    {"name": "Eva Berg", "affiliation": ["Example University", "Institute of Examples"], "country": "Sweden",
     "email": "eva.berg@example.org"},
    {"name": "Carla Diaz", "affiliation": "Example University", "country": "Sweden"},
    {"name": "Bo Jones", "affiliation": "Institute of Examples", "country": "Norway"},
    {"name": "Dae-Jung Lee", "affiliation": "Example Institute of Technology", "country": "Korea"},
    {"name": "Chiamaka Okafor", "affiliation": "University of Examples", "country": "Nigeria"},
    {"name": "Ana Smith", "affiliation": "Example University", "country": "Sweden"},
    {"name": "Lotte van der Meer", "country": "Netherlands"},
]

# Images the example names, and the sample conference's files they are copied from.
EXAMPLE_IMAGES = {"images/logo.png": "images/logo.png", "images/cover.jpg": "images/cover.jpg",
                  "images/portrait.jpg": "images/oyelaran.jpg", "images/sponsor.png": "images/sponsor-nordlys.png",
                  "images/map.pdf": "images/map.pdf"}
_NOTE = b"booklet init's example image: replace or remove it before printing"


def example_images() -> dict[str, bytes]:
    """Image name -> the bytes `init` writes: the sample's file with a note in the file's own kind of comment (a PNG
    tEXt chunk, a JPEG COM segment, a PDF comment after its end), so that the same picture is init's example in
    one folder and the sample's own in another (`booklet check` warns about the first: lint.example)."""
    import zlib

    out = {}
    for name, source in EXAMPLE_IMAGES.items():
        data = (SAMPLE / source).read_bytes()
        if data.startswith(b"\x89PNG\r\n\x1a\n"):
            end = data.rindex(b"IEND") - 4  # before the IEND chunk's length
            body = b"tEXtComment\0" + _NOTE
            chunk = (len(body) - 4).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")
            data = data[:end] + chunk + data[end:]
        elif data.startswith(b"\xff\xd8"):
            data = data[:2] + b"\xff\xfe" + (len(_NOTE) + 2).to_bytes(2, "big") + _NOTE + data[2:]
        elif data.startswith(b"%PDF-"):
            data = data.rstrip(b"\r\n") + b"\n% " + _NOTE + b"\n"
        else:
            raise ValueError(f"{source}: no way to note in it that it is init's example")
        out[name] = data
    return out
