"""The data contract -> a JSON Schema for each data file (for editors with a YAML language server).

Made from the same declaration the validator reads (`contract`), so the two cannot drift apart.
The schemas describe the files as an editor sees them (YAML 1.2: dates and times are strings).
`booklet check` remains the judge: it also knows what no schema can say (ids that must exist,
times in order, images that must be readable).
"""

from __future__ import annotations

from .contract import (COLOUR_PATTERN, FILES, ID_PATTERN, LANGUAGE_PATTERN, TIME_PATTERN, File, Key, Record,
                       blank_refused)

DRAFT = "https://json-schema.org/draft/2020-12/schema"
_TEXT = {"type": ["string", "number", "boolean"]}  # a bare 2027 or yes is read as the text written
_ITEM = {**_TEXT, "pattern": r"\S"}  # an item of a list of texts: an empty or blank one is an error (check says so)


def _type(key: Key) -> dict:
    if key.type == "text":
        return dict(_TEXT)
    if key.type == "texts":
        return {"anyOf": [_TEXT, {"type": "array", "items": _ITEM}]}
    if key.type in ("id", "ref"):
        return {"type": ["string", "number"], "pattern": ID_PATTERN}
    if key.type == "date":
        return {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$", "format": "date"}
    if key.type == "time":
        # (unquoted, 9.30 is a number to YAML: check reads it as written, 09:30, and so does the schema)
        return {"anyOf": [{"type": "string", "pattern": TIME_PATTERN},
                          {"type": "number", "minimum": 0, "maximum": 23.59}]}
    if key.type == "integer":
        return {"type": "integer"}
    if key.type == "boolean":
        return {"type": "boolean"}
    if key.type == "choice":
        return {"enum": list(key.choices)}
    if key.type in ("image", "file", "email"):
        return {"type": "string"}
    if key.type == "language":
        return {"type": "string", "pattern": LANGUAGE_PATTERN}
    if key.type == "colour":
        return {"type": "string", "pattern": COLOUR_PATTERN}
    if key.type == "choices":
        return {"type": "array", "items": {"enum": list(key.choices)}, "minItems": 1, "uniqueItems": True}
    if key.type == "record":
        return _ref(key.records[0])
    if key.type == "records":
        return {"type": "array", "items": _one_of_records(key.records)}
    raise ValueError(f"no schema for type {key.type!r}")


def _ref(record: Record) -> dict:
    return {"$ref": f"#/$defs/{record.name}"}


def _one_of_records(records: tuple[Record, ...]) -> dict:
    """Several record kinds in one list, told apart by their tag key (the one without a tag is the default)."""
    if len(records) == 1:
        return _ref(records[0])
    tagged = [record for record in records if record.tag]
    default = next(record for record in records if not record.tag)
    schema = _ref(default)
    for record in reversed(tagged):
        schema = {"if": {"type": "object", "required": [record.tag]}, "then": _ref(record), "else": schema}
    return schema


def _description(key: Key) -> str:
    words = key.doc[0].upper() + key.doc[1:]
    if key.default:
        words += f" (default: {key.default})"
    return words + "."


def _property(key: Key, record: Record) -> dict:
    schema = _type(key)
    blank = blank_refused(record.name, key.name)  # (`affiliation: ""`, `aliases: ""`: check refuses them)
    if key.type in ("text", "id", "ref") and (key.required or blank):
        schema["pattern"] = schema.get("pattern", r"\S")
    elif key.type == "texts" and blank:  # (the text given alone, as each item of a list is: _ITEM)
        schema["anyOf"][0] = _ITEM
    if not key.required:  # `key:` with nothing after it is the same as leaving the key out
        schema = {"anyOf": [schema, {"type": "null"}]}
    schema["description"] = _description(key)
    return schema


def record_schema(record: Record) -> dict:
    schema = {
        "type": "object",
        "description": record.doc,
        "properties": {key.name: _property(key, record) for key in record.keys},
        "additionalProperties": False,
    }
    if record.required:
        schema["required"] = list(record.required)
    if record.one_of:
        schema["oneOf"] = [{"required": [name]} for name in record.one_of]
    return schema


def _reached(record: Record, seen: dict[str, Record]) -> dict[str, Record]:
    if record.name not in seen:
        seen[record.name] = record
        for key in record.keys:
            for sub in key.records:
                _reached(sub, seen)
    return seen


def file_schema(spec: File) -> dict:
    """The JSON Schema of one data file."""
    records = _reached(spec.record, {})
    top = {"type": "array", "items": _ref(spec.record)} if spec.many else _ref(spec.record)
    return {
        "$schema": DRAFT,
        "title": f"booklet: {spec.name}",
        "description": spec.doc,
        **top,
        "$defs": {name: record_schema(record) for name, record in records.items()},
    }


def schemas() -> dict[str, dict]:
    """Schema file name -> schema, for every YAML file of the format (a CSV file has none)."""
    return {spec.schema: file_schema(spec) for spec in FILES if spec.schema}
