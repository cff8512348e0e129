"""YAML as a user writes it: values quoted so that YAML reads them as text."""

from __future__ import annotations


def yaml_quoted(text: str) -> str:
    """`text` as a YAML quoted string: in double quotes, or in single quotes (with '' for ') when it
    holds a double quote or a backslash (which starts an escape in double quotes: LaTeX math)."""
    if '"' in text or "\\" in text:
        return "'" + text.replace("'", "''") + "'"
    return f'"{text}"'
