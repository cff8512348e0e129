"""The data contract and an example conference -> the commented YAML files that `booklet init` writes.

Each key is written with the short explanation the contract gives it (the first time it appears
in a file), so the files teach the format; the values (data.example) are a small conference that builds as it
is, to be overwritten with the organisers' own.
"""

from __future__ import annotations

from ..data.contract import FILES, File, Record, scalar
from ..data.example import EXAMPLE, EXAMPLE_IMAGES, SAMPLE, example_images  # noqa: F401 (init's, from here)

COMMENT_COLUMN = 48
SCHEMA_FOLDER = "schema"


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


def example_files(language: str = "en") -> dict[str, str]:
    """File name -> text, for every file of the example conference, in `language` (conference.yaml's `language`,
    and the words theme.yaml shows commented out: that language's, data.theme.labels_for)."""
    out = {}
    for name, value in example_in(language).items():
        spec = next(f for f in FILES if f.name == name or (f.name == "abstracts/*.yaml" and name.startswith("abstracts/")))
        out[name] = render(name, value, spec)
    return out


def example_in(language: str) -> dict[str, object]:
    """EXAMPLE with conference.yaml's `language`, its words any conference may write ("Coffee break", a room, a
    country: example.COMMON's) in that language where booklet has them (example.example_words), and theme.yaml's
    labels those of `language` (EXAMPLE itself for 'en': what `booklet check` compares a folder with keeps
    English)."""
    if language == "en":
        return EXAMPLE
    from ..data.example import example_words
    from ..data.theme import labels_for

    example = _in_words(EXAMPLE, example_words(language) or {})
    return {**example, "conference.yaml": {**example["conference.yaml"], "language": language},
            "theme.yaml": {**example["theme.yaml"], "labels": labels_for(language, {})}}


def _in_words(value, words: dict[str, str]):
    """`value` (a document of EXAMPLE) with each text that is a key of `words` replaced by its words there."""
    if isinstance(value, dict):
        return {key: _in_words(item, words) for key, item in value.items()}
    if isinstance(value, list):
        return [_in_words(item, words) for item in value]
    return words.get(value, value) if isinstance(value, str) else value


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
