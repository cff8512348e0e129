"""Text in French -> a warning where a high mark of punctuation (! ? ;) follows its word with no space, or a guillemet
is typed against its word ("le «texte»"): French sets a thin space there ("Ça suffit !", "Pourquoi ?", "« texte »"),
which booklet prints where the author typed a space (a narrow no-break space, text.markup), and cannot where none was
typed ("suffit!", "signes?Oui").

Only where it can be told: in prose, outside code, math, web and e-mail addresses; after a letter (a time, 14:30, a
ratio, 1:2, is digits; the colon is not looked at: "doi:10...", "arXiv:2101...", "Note:" in an English quotation);
not before a bracket or a quotation mark (";)", an emoticon; a title quoted in English, "« Why? »"). And only in
texts that are French: an abstract whose `language:` is French, or one of a booklet in French whose text has more
of French's commonest words than of English's (many abstracts of French conferences are in English, without a
`language:`; in the 122 of a real sciencesconf export, one cites a French book, "468 pages ; 2e édition").
An English title quoted in a French text without its marks ("son livre Why? paru en 2020") is still warned of."""

from __future__ import annotations

import re

from ..data.locate import Lines
from ..model import Booklet, Source
from ..problems import Problem
from ..text import markup
from ..text.languages import base_language
from .mentions import join
from .text import quoted

# a letter, then ! ? or ; with no space before it (several: "quoi?!"), then white space, the text's end or a letter
# (not before a closing quotation mark or bracket, a space between or not)
_GLUED = re.compile(r"(?<=[^\W\d_])[!?;]+(?=\s|$|[^\W\d_])(?![\s\u00a0\u202f]*[\u00bb\u203a\u201d\u2019\"')\]])")
# a guillemet typed against its word ("le «texte»"): French sets a thin space inside « » (as booklet prints "« texte »"
# typed with spaces, and the quotation marks it makes of straight ones), after an opening one and before a closing one
_GLUED_GUILLEMET = re.compile(r"\u00ab(?=[^\W\d_])|(?<=[^\W\d_])\u00bb")
# the commonest short words of French and of English: a text of more of the first than of the second is French
_FRENCH_WORDS = frozenset("le la les des du un une et est sont dans pour que qui sur par avec au aux ce cette nous "
                          "ne pas plus en".split())
_ENGLISH_WORDS = frozenset("the and of to is are in for that which on by with this we not be as it an".split())
_WORD = re.compile(r"[^\W\d_]+")
_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
SHOWN = 24  # characters of the text shown before the mark


def check_french_marks(booklet: Booklet, lines: Lines) -> list[Problem]:
    """One warning per abstract, tutorial and poster (its text, then its title) at the first mark without its space,
    with how many more. A poster, which has no `language:`, is French when the booklet is and its text reads French."""
    entries = [(f"abstract {quoted(a.id)}", a.source, a.language, "abstract", a.text, a.title)
               for a in booklet.abstracts]
    entries += [(f"tutorial {quoted(t.id)}", t.source, t.language, "description", t.description, t.title)
                for t in booklet.tutorials]
    entries += [(f"poster {p.number}", p.source, None, "abstract", p.abstract or "", p.title) for p in booklet.posters]
    problems = []
    for named, source, own, text_key, body, title in entries:
        language = own or booklet.conference.language
        if base_language(language) != "fr":
            continue
        if not (own or _looks_french(_prose(body) if body else _prose(title))):
            continue
        for key, text in ((text_key, body), ("title", title)):
            prose = _prose(text)
            found = sorted([*_GLUED.finditer(prose), *_GLUED_GUILLEMET.finditer(prose)], key=lambda m: m.start())
            if not found:
                continue
            first = found[0]
            more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
            source = source or Source("", 0, "")
            if first.group() == "\u00ab":  # the guillemet and the word after it, as written
                glued = re.match(r"\u00ab[^\W\d_]+", prose[first.start():])
                shown = prose[max(0, first.start() - SHOWN):first.start() + len(glued.group())].lstrip()
                where, advice = "after '\u00ab'", "type a space after it"
            else:
                glued = re.search(r"[^\W\d_]+(?:[!?;]+|\u00bb)$", prose[:first.end()])  # the word and its mark
                shown = prose[max(0, first.start() - SHOWN):first.end()].lstrip()
                where, advice = f"before {quoted(first.group()[0])}", "type a space before the mark"
            at = markup.find_written(text, glued.group() if glued else None)
            line = lines.line(source.file, join(source.key, key), source.line) if at is None else \
                lines.line_in(source.file, join(source.key, key), source.line, text, at)
            problems.append(Problem(
                source.file, line, join(source.key, key),
                f"{named}: '…{shown}' has no space {where}{more}: French sets a thin space there; {advice} (it "
                "prints as a thin space that holds to the word)", "warning", "french-spacing"))
    return problems


def _looks_french(prose: str) -> bool:
    """Whether `prose` has more of French's commonest words than of English's (an abstract in English, of a booklet in
    French, citing a French book "468 pages ; 2e édition", is English)."""
    words = _WORD.findall(prose.lower())
    french = sum(word in _FRENCH_WORDS for word in words)
    return french > sum(word in _ENGLISH_WORDS for word in words)


def _prose(text: str) -> str:
    """`text` with its code (blocks and spans), math, web and e-mail addresses each a space."""
    pieces = []
    for chunk in markup.source_paragraphs(text):
        if isinstance(chunk, markup.Code):
            continue
        line = markup._without_code_spans(chunk)
        spans = sorted([*markup.math_spans(line), *markup.address_spans(line),
                        *(found.span() for found in _EMAIL.finditer(line))])
        for start, end in reversed(spans):
            line = line[:start] + " " + line[end:]
        pieces.append(line)
    return "\n".join(pieces)
