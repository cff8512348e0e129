"""The data contract and an example conference -> the commented YAML files that `booklet init` writes.

Each key is written with the short explanation the contract gives it (the first time it appears
in a file), so the files teach the format; the values are a small conference that builds as it
is, to be overwritten with the organisers' own.
"""

from __future__ import annotations

import datetime as dt

from ..data.contract import FILES, File, Record, scalar

COMMENT_COLUMN = 48
SCHEMA_FOLDER = "schema"

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
            {"name": "Nordlys Instruments", "logo": "images/sponsor.png", "tier": "Gold",
             "url": "https://www.example.com/nordlys"},
            {"name": "Example Café", "tier": "Supporters"},
        ],
    },
    "programme.yaml": {
        "days": [
            {"date": _D1, "items": [
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
        "sponsors": {"names": False},
    },
}

def _english_labels() -> dict[str, str]:
    """Every label in English, as the example theme.yaml lists them (ready to be changed)."""
    from ..data.theme import labels_for

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
    {"name": "Pieter van der Berg", "country": "Netherlands"},
]

# Images the example names, and the sample conference's files they are copied from.
EXAMPLE_IMAGES = {"images/logo.png": "images/logo.png", "images/cover.jpg": "images/cover.jpg",
                  "images/portrait.jpg": "images/oyelaran.jpg", "images/sponsor.png": "images/sponsor-nordlys.png",
                  "images/map.pdf": "images/map.pdf"}


def schema_line(name: str, spec: File) -> str:
    """The first line of a data file: where an editor's YAML language server finds its schema."""
    up = "../" * name.count("/")
    return f"# yaml-language-server: $schema={up}{SCHEMA_FOLDER}/{spec.schema}\n"


def render(name: str, value, spec: File) -> str:
    """The text of data file `name` holding `value`, each key explained once."""
    writer = _Writer()
    writer.lines.append(schema_line(name, spec).rstrip("\n"))
    writer.lines.append(f"# {name}: {spec.doc}")
    writer.lines.append("# Keys marked 'required' must be given; any other may be left out. Check with: booklet check")
    if spec.many:
        writer.items(value, (spec.record,), 0)
        return "\n".join(writer.lines) + "\n"
    given = GIVEN.get(name)
    if given is not None:
        writer.lines.append(f"# Only {', '.join(given)} {'is' if len(given) == 1 else 'are'} set: every other key "
                            "shows what it gives, commented out. Take the '# ' off a key's lines to change it.")
    for key, item in value.items():
        start = len(writer.lines)
        writer.mapping({key: item}, spec.record, 0, first_prefix="")
        if given is not None and key not in given:
            writer.lines[start:] = [f"# {line}" for line in writer.lines[start:]]
    return "\n".join(writer.lines) + "\n"


# The keys a file of the example sets, where its other keys are commented out: theme.yaml's would each set what
# its `base` theme and the conference's language give, so that a changed `base` or `language` would change nothing.
GIVEN = {"theme.yaml": ("base",)}


def example_files() -> dict[str, str]:
    """File name -> text, for every file of the example conference."""
    out = {}
    for name, value in EXAMPLE.items():
        spec = next(f for f in FILES if f.name == name or (f.name == "abstracts/*.yaml" and name.startswith("abstracts/")))
        out[name] = render(name, value, spec)
    return out


def render_plain(value, record: Record, many: bool) -> str:
    """`value` (a list of records when `many`, else one record) as YAML in the same style, without comments:
    for entries added to a file that already has its comments (booklet import --update)."""
    writer = _Writer(explain=False)
    if many:
        writer.items(value, (record,), 0)
    else:
        writer.mapping(value, record, 0, first_prefix="")
    return "\n".join(writer.lines) + "\n"


class _Writer:
    def __init__(self, explain: bool = True):
        self.lines: list[str] = []
        self.explained: set[tuple[str, str]] = set()
        self.explaining = explain

    def comment(self, line: str, text: str | None) -> str:
        if not text:
            return line
        pad = max(COMMENT_COLUMN - len(line), 2)
        return f"{line}{' ' * pad}# {text}"

    def explain(self, record: Record, key: str) -> str | None:
        if not self.explaining or (record.name, key) in self.explained:
            return None
        self.explained.add((record.name, key))
        spec = record[key]
        words = spec.doc
        if spec.required:
            words = f"required: {words}"
        if spec.default:
            words += f" (default: {spec.default})"
        if spec.type == "choice":
            words += f"; one of {', '.join(spec.choices)}"
        return words

    def mapping(self, value: dict, record: Record, indent: int, first_prefix: str) -> None:
        for index, (name, item) in enumerate(value.items()):
            spec = record[name]
            lead = " " * indent if index or not first_prefix else first_prefix
            head = f"{lead}{name}:"
            note = self.explain(record, name)
            if spec.type == "record":
                self.lines.append(self.comment(head, note))
                self.mapping(item, spec.records[0], indent + 2, first_prefix="")
            elif spec.type == "records":
                self.lines.append(self.comment(head, note))
                self.items(item, spec.records, indent + 2)
            elif isinstance(item, list):
                self.lines.append(self.comment(head, note))
                for text in item:
                    self.lines.append(f"{' ' * (indent + 2)}- {scalar(text)}")
            elif isinstance(item, str) and "\n" in item:
                self.lines.append(self.comment(f"{head} |", note))
                for line in item.rstrip("\n").split("\n"):
                    self.lines.append(f"{' ' * (indent + 2)}{line}" if line else "")
            else:
                self.lines.append(self.comment(f"{head} {scalar(item, quote=spec.type == 'time')}", note))

    def items(self, values: list, records: tuple[Record, ...], indent: int) -> None:
        for index, value in enumerate(values):
            if index and not indent:
                self.lines.append("")  # a blank line between the entries of a list file
            record = next((r for r in records if r.tag and r.tag in value), None)
            record = record or next(r for r in records if not r.tag)
            self.mapping(value, record, indent + 2, first_prefix=" " * indent + "- ")
