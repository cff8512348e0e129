"""Text from a conference system (plain, HTML, escaped HTML or Markdown, CRLF line ends) -> booklet's text
markup (paragraphs separated by a blank line, *emphasis*, **strong**, $math$ kept as written).

HTML becomes Markdown first (markdownify, which knows HTML's whitespace rules, nested lists and
entities), and Markdown is parsed into tokens by markdown-it-py (CommonMark) and rendered here into
booklet's markup. LaTeX math (`$...$`, and `$$...$$` or `\\(...\\)`, which become `$...$`) and the
LaTeX escapes `\\%` and `\\&` are taken out before parsing and put back as written: Markdown would eat
their backslashes and underscores. Plain text (no HTML, no Markdown) passes through as it is, with
CRLF made LF and trailing spaces removed.
"""

from __future__ import annotations

import html
import re
import unicodedata
from contextlib import contextmanager
from functools import cache

from ..text.markup import address_spans, can_close, can_open, collapse, dollar_formulas
from ..text.mathtext import symbol
from .latex import braced_accents, citation, stars_kept, text_script

__all__ = ["to_markup", "to_line", "kind_of", "images_in"]

# -- what the text is -----------------------------------------------------------------

_TAG_NAMES = ("p|br|div|span|em|i|b|strong|a|ul|ol|li|h[1-6]|pre|code|blockquote|img|table|thead|tbody|tr|td|th"
              "|sup|sub|u|hr|font|small|big|s|strike|del|ins|dl|dt|dd|section|article|center|cite|q|abbr|tt")
_HTML_TAG = re.compile(rf"</?(?:{_TAG_NAMES})(?:\s[^<>]*)?/?>", re.I)
_ATTRIBUTE = r"""\s+[\w:-]+\s*=\s*(?:"[^"<>]*"|'[^'<>]*'|[^\s"'<>=]+)"""  # name=value
# what makes a text HTML: a closing tag, a tag that needs none (<br>, <p>) or one with attributes written name=value;
# not an opening tag alone ("The <s> token", "0<a and a>1": a text's own brackets)
_REAL_TAG = re.compile(rf"</(?:{_TAG_NAMES})\s*>|<(?:br|hr|img|p|li)(?:{_ATTRIBUTE})*\s*/?>"
                       rf"|<(?:{_TAG_NAMES})(?:{_ATTRIBUTE})+\s*/?>", re.I)
_BLOCK_TAG = re.compile(r"</?(?:p|div|ul|ol|li|h[1-6]|pre|blockquote|table|tr|hr|dl|dt|dd|section|article|center)"
                        r"(?:\s[^<>]*)?/?>", re.I)  # (without any, the text's paragraphs are its blank lines)
_ESCAPED_TAG = re.compile(rf"&lt;/?(?:{_TAG_NAMES})(?:\s.*?)?/?&gt;", re.I)
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_MARKDOWN = re.compile("|".join((
    r"^ {0,3}#{1,6}[ \t]+\S",  # heading
    # a heading underlined (===, ---: "Abstract\r\n=======" in a conference system's text), a line of its own
    r"(?:\A|\n[ \t]*\r?\n)[ \t]{0,3}\S[^\n]{0,80}\r?\n {0,3}(?:={3,}|-{3,})[ \t]*\r?$",
    r"^ {0,3}[-*+][ \t]+\S",  # bullet list
    r"^ {0,3}\d{1,3}[.)][ \t]+\S",  # ordered list
    r"^ {0,3}>[ \t]?\S",  # block quote
    r"^ {0,3}(?:```|~~~)",  # fenced code
    r"^ {0,3}(?:-[ \t]*){3,}$|^ {0,3}(?:\*[ \t]*){3,}$|^ {0,3}(?:_[ \t]*){3,}$",  # rule
    r"\*\*\S(?:.*?\S)?\*\*|__\S(?:.*?\S)?__",  # strong
    r"(?<![\w*\\])\*[^*\s](?:[^*\n]*[^*\s\\])?\*(?![\w*])",  # emphasis
    r"(?<![\w\\])_[^_\s](?:[^_\n]*[^_\s\\])?_(?!\w)",
    r"!?\[[^\]\n]+\]\([ \t]*[^)\s]+(?:\s+\"[^\"]*\")?[ \t]*\)",  # link, image (spaces inside its brackets)
    r"^ {0,3}\[[^\]\n]+\]:[ \t]*<?(?:https?://|mailto:|www\.)\S+",  # a link's definition ("[1]: https://..."), for
    # the reference links that name it ("[Jedi][1]")
    r"<https?://[^>\s]+>",  # autolink
    r"`[^`\n]+`",  # code
    r"\\[*_`#\[\]]",  # a Markdown escape
)), re.M)


def kind_of(text: str) -> str:
    """'html', 'escaped-html', 'markdown' or 'plain' (LaTeX math is not looked into)."""
    bare, _ = _protect(text, html_source=False)
    if _REAL_TAG.search(bare):
        outside = _without_code(bare)
        # (Markdown whose only tags are in its code: an example of HTML, "    <h1>{{model.greeting}}</h1>")
        return "markdown" if not _HTML_TAG.search(outside) and _MARKDOWN.search(outside) else "html"
    if _ESCAPED_TAG.search(bare):
        return "escaped-html"
    if _MARKDOWN.search(bare):
        return "markdown"
    return "plain"


_FENCED = re.compile(r"^ {0,3}(```|~~~).*?^ {0,3}\1[^\n]*$", re.M | re.S)
_INDENTED = re.compile(r"(?:^|(?<=\n\n))(?:(?: {4}|\t)[^\n]*(?:\n|$))+")  # after a blank line: CommonMark's code
_CODE_SPAN = re.compile(r"`[^`\n]+`")


def _without_code(text: str) -> str:
    """Markdown `text` without its code: fenced and indented blocks, and code spans."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CODE_SPAN.sub("", _INDENTED.sub("", _FENCED.sub("", text)))


# -- the conversion ---------------------------------------------------------------------

# a terminal's code, whole: a colour (ESC [ 31 m), a link or a window's title (ESC ] ... BEL, on one line, ended), a
# reset (ESC c), a cursor saved (ESC 7) or a character set chosen (ESC ( B); an ESC before anything else alone
ESCAPE_SEQUENCE = r"\x1b(?:\[[0-?]*[ -/]*[@-~]|[\]PX^_][^\x07\x1b\n]*(?:\x07|\x1b\\)|[78=>c]|[()*+][0-9A-Za-z])?"
# control characters, all but tab and newline (CR is made LF first), and a terminal's codes
_CONTROL = re.compile(ESCAPE_SEQUENCE + r"|[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_left_out: list[set[str]] = []  # while noting_controls is open: the characters without_controls left out


def without_controls(text: str, pattern: re.Pattern = _CONTROL) -> str:
    """`text` without what `pattern` finds (invisible characters that print nothing), each noted by its first
    character while noting_controls is open."""
    if not _left_out:
        return pattern.sub("", text)

    def left_out(match: re.Match) -> str:
        _left_out[-1].add(match.group()[0])
        return ""

    return pattern.sub(left_out, text)


@contextmanager
def noting_controls():
    """A set of the characters without_controls leaves out inside the block (importers.read notes them)."""
    _left_out.append(set())
    try:
        yield _left_out[-1]
    finally:
        _left_out.pop()


def _lines_without_controls(text: str) -> str:
    """`text` with its line ends made LF (CR LF and CR alike) and without its control characters (without_controls)."""
    return without_controls(text.replace("\r\n", "\n").replace("\r", "\n"))


_TRAILING = re.compile(r"[ \t]+$", re.M)


_IMAGE = re.compile(r"!\[[^\]\n]*\]\(|<img\b", re.I)  # an image in Markdown or HTML


def images_in(*texts: str | None) -> int:
    """How many images (Markdown's ![..](..), HTML's <img>) the source's texts show: left out of what to_markup gives
    (a text prints its words), for the import to say so."""
    return sum(len(_IMAGE.findall(str(text))) for text in texts if text)


def to_markup(text: str | None) -> str:
    """The text as booklet prints it; '' for None or blank text. Never fails: should a parser give up on
    some malformed input, the text's tags are dropped and it is kept as plain text."""
    if not text:
        return ""
    try:
        return repaired(_convert(str(text)))
    except (Exception, RecursionError):  # a parser's failure must not lose an abstract
        bare = html.unescape(re.sub(r"<[^<>]*>", " ", str(text)))
        return repaired(_tidy(bare.replace("\r\n", "\n").replace("\r", "\n")))


def joined(*texts: str, reworded: list | None = None) -> str:
    """Texts of one entry (an abstract, then a description: markup, as to_markup gives it) -> one text, each
    paragraph once. A conference system's description often repeats the abstract (starts or ends with it, gives it
    under a heading "Abstract", or says it again in other words around the same sentences), and an abstract field may
    hold the description's first paragraphs, cut short: a text whose every paragraph is in the texts after it is
    left out; of a text after another, each paragraph already in what is kept is. A paragraph of SAME_WORDS words or
    more is in other texts when nearly all its runs of three words are (SAME_SHARE of them: whatever its markup,
    spacing, line ends or a few words left out) and it has no word they have not ("not": then it is kept); a shorter
    one ("Abstract", "Deep learning.") only when it is one of their paragraphs, letter for letter. `reworded`: gets
    each paragraph left out that was not letter for letter in the others (for the import's notes to name)."""
    kept: list[str] = []
    texts = [t for t in texts if t and t.strip()]
    for at, text in enumerate(texts):
        paragraphs = [p for p in text.split("\n\n") if p.strip()]
        later = _Seen(texts[at + 1:]) if at + 1 < len(texts) else None
        if later is not None and all(map(later.holds, paragraphs)):  # the texts after it hold it all
            if reworded is not None:
                reworded += [p for p in paragraphs if not later.exactly(p)]
            continue
        seen = _Seen(kept)
        left = [p for p in paragraphs if seen.holds(p)]
        if reworded is not None:
            reworded += [p for p in left if not seen.exactly(p)]
        paragraphs = [p for p in paragraphs if p not in left]
        if paragraphs:
            kept.append("\n\n".join(paragraphs))
    return "\n\n".join(kept)


SAME_WORDS = 6  # a shorter paragraph is in other texts only as a paragraph of theirs
SAME_SHARE = 0.9  # of a longer one's runs of three words found there (one word changed in twenty: not the same)
_WORD = re.compile(r"[^\W_]+")


class _Seen:
    """The paragraphs of some texts, by their words: each paragraph's, and every run of three words of them all."""

    def __init__(self, texts: list[str]) -> None:
        words = [_words(p) for t in texts for p in t.split("\n\n")]
        self.paragraphs = set(words)
        self.runs = {run for w in words for run in _runs(w)}
        self.words = {word for w in words for word in w}

    def exactly(self, paragraph: str) -> bool:
        """Whether `paragraph` is one of theirs, word for word (or has no words)."""
        words = _words(paragraph)
        return not words or words in self.paragraphs

    def holds(self, paragraph: str) -> bool:
        words = _words(paragraph)
        if not words:
            return False  # (a rule, "***": no text to repeat)
        if words in self.paragraphs:
            return True
        runs = _runs(words)
        # (a word of its own, "not", is news: such a paragraph is kept, whatever else it shares; but for its last, cut
        # short where an abstract field ends: "... a must-have requirement o")
        return len(words) >= SAME_WORDS and sum(run in self.runs for run in runs) >= SAME_SHARE * len(runs) \
            and self.words.issuperset(words[:-1]) \
            and (words[-1] in self.words or any(word.startswith(words[-1]) for word in self.words))


def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(text.casefold()))


def _runs(words: tuple[str, ...]) -> list[tuple[str, ...]]:
    return [words[i:i + 3] for i in range(len(words) - 2)]


def repaired(text: str) -> str:
    """Text whose UTF-8 was read as Latin-1 or Windows-1252 somewhere on its way ("naÃ¯ve", "â€“", a source encoded
    twice) as it was written ("naïve", "–"), by ftfy; other text as it is. (to_markup repairs the text as given, and
    again once HTML entities are decoded: "&#226;&#8364;&#8220;".)"""
    if text.isascii():
        return text
    import ftfy

    return ftfy.fix_encoding(text)


def _convert(text: str) -> str:
    text = repaired(str(text))
    if "\\r\\n" in text and "\n" not in text and "`" not in text and "<code" not in text.lower():
        text = text.replace("\\r\\n", "\n")  # line ends escaped twice on the way ("retro-computing.\r\n\r\nIf time")
    text = _lines_without_controls(text)  # (the C1 controls are bytes of
    # UTF-8 read as Latin-1: repaired first, "â€\x9d" is "”")
    if "**" in text or "__" in text:
        text = _STRONG_SPACED.sub(r"\1\2\1 ", text)
    if "\\" in text or ("$" in text and ("~" in text or "_{" in text or "^{" in text)):
        text = _latex_outside_math(text)
    if "[^" in text:
        text = _footnotes(text)
    kind = kind_of(text)
    if kind == "plain" and _ENTITY.search(text):  # entities with no tags: decode, then look again
        text = _lines_without_controls(html.unescape(text))
        kind = kind_of(text)
    if kind == "escaped-html":
        text = html.unescape(text)
        kind = "html"
    if kind == "html":
        text = _NOT_TEXT.sub(" ", text)
        if "<li" in text.lower():
            text = _OPEN_ITEM.sub(_closed, text)
            if not _LIST_TAG.search(text):
                text = _BARE_ITEMS.sub(_listed, text)  # items with no list around them (camp2019's)
        if "\\&" in text:
            text = text.replace("\\&amp;", "&amp;")  # a Markdown escape kept in HTML made of it ("R\&amp;D")
    if kind == "plain":  # (display math, $$x$$ and \(x\), set inline as in the other kinds: $x$)
        return _tidy(_typed_breaks(_DISPLAY.sub(lambda m: "$" + (m[1] if m[1] is not None else m[2]).strip() + "$",
                                                text)))
    if kind == "html" and not _BLOCK_TAG.search(text):
        # inline tags alone, in text whose paragraphs are its blank lines (a link or italics in a frab description):
        # Markdown with them, read as Markdown (whose parser takes inline HTML); else HTML, each blank-line part a
        # paragraph (as HTML, blank lines are no breaks: every paragraph ran into one, and Markdown printed as stars)
        if _MARKDOWN.search(_HTML_TAG.sub(" ", _INLINE_CODE_TAG.sub(" ", text))):  # (code's __init__ no Markdown)
            bare, spans = _protect(_INLINE_CODE_TAG.sub(_code_span, text), html_source=False)
            bare = _inline_tags(bare, spans)
            return _tidy(_from_markdown(bare, spans, notes=True))
        text = "".join(f"<p>{chunk}</p>" for chunk in _BLANK_LINE.split(text.strip()))
    if kind == "html":
        return _tidy(_from_markdown(*_html_to_markdown(text)))
    bare, spans = _protect(_lists_ended(_typed_markdown_breaks(text)), html_source=False)
    if "<" in bare:  # no tag (kind_of): a < is the text's own ("<s> and <unk> tokens"), but for an autolink
        bare = _OWN_BRACKET.sub(_LT, bare)
    return _tidy(_from_markdown(bare, spans, notes=True))


_OWN_BRACKET = re.compile(r"<(?!https?://|mailto:|www\.|[^\s<>@]+@[^\s<>]+>)")  # (<https://...>, <ana@x.org>)
# a footnote's definition, Markdown's (as GitHub and pandoc write them): "[^1]: text", its lines after it indented
_FOOTNOTE = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:[ \t]*([^\n]*(?:\n(?:[ \t]*\n)*(?:[ \t]{2,}|\t)[^\n]*)*)\n?", re.M)
_NOTE_MARK = re.compile(r"\[\^([^\]\s]+)\](?!:)")


def _footnotes(text: str) -> str:
    """Markdown's footnotes ("a result[^1]", "[^1]: Smith et al., 2020.", which CommonMark prints as written) as
    notes numbered in the order the text first names them: "a result [1]" (a no-break space before it), and each
    note a paragraph at the text's end, "[1] Smith et al., 2020." (as a citation's \\cite{1} prints); a note named but
    never defined stays as written, one defined but never named is numbered after the others."""
    notes = {m[1]: " ".join(m[2].split()) for m in _FOOTNOTE.finditer(text)}
    if not notes:
        return text
    body = _FOOTNOTE.sub("", text).rstrip()
    numbers: dict[str, int] = {}
    for label in _NOTE_MARK.findall(body):
        if label in notes:
            numbers.setdefault(label, len(numbers) + 1)
    for label in notes:
        numbers.setdefault(label, len(numbers) + 1)
    # (a number a link's definition also names, "[1]: https://...", escaped: Markdown would read it as that link)
    defined = {label.casefold() for label in _DEFINED.findall(body)}

    def mark(number: int) -> str:
        return f"\\[{number}\\]" if str(number) in defined else f"[{number}]"

    body = _NOTE_MARK.sub(lambda m: ("\u00a0" if m.start() and not body[m.start() - 1].isspace() else "")
                          + mark(numbers[m[1]]) if m[1] in notes else m[0], body)
    listed = sorted(notes, key=numbers.get)
    return body + "".join(f"\n\n{mark(numbers[label])} {notes[label]}" for label in listed)


def _lists_ended(text: str) -> str:
    """Markdown whose list ends where a line typed after an item starts a sentence of its own: a line with no bullet
    and no indent, starting with a capital or a digit, after an item that ends a sentence ("- the weight.\nAfter
    mapping ...", as a form's text box gives it), with a blank line before it. Markdown would run it into the item
    (a "lazy" line); an item's own next line is indented, or goes on with a small letter. Code is left as it is."""
    if "\n" not in text or not _LISTED.search(text):
        return text
    out: list[str] = []
    in_item = ends = False  # within a list's item (its lines); whether the line before ends a sentence
    fence = None  # the fence of the code block the lines are in
    for line in text.split("\n"):
        opened = _FENCE.match(line)
        if fence is not None or opened:
            fence = None if fence is not None and opened and opened[1] == fence else fence or opened[1]
            in_item = ends = False
            out.append(line)
            continue
        stripped = line.strip()
        if not stripped:
            in_item = False
        elif _LISTED.match(line):
            in_item = True
        elif in_item and ends and line[0] not in " \t" and (stripped[0].isupper() or stripped[0].isdigit()):
            out.append("")
            in_item = False
        ends = stripped[-1:] in ".!?:;"
        out.append(line)
    return "\n".join(out)


_FENCE = re.compile(r" {0,3}(```|~~~)")


_BLANK_LINE = re.compile(r"\n[ \t]*\n\s*")
WRAPPED = 100  # characters: the longest line of text wrapped by hand (an email's, a LaTeX source's)
_STARRED = re.compile(r"^([ \t]*)\*(?=[^\s*])", re.M)  # "*Learn about ...": a bullet typed without its space
_STARRED_ALONE = re.compile(r"^([ \t]*)\*(?=[^\s*])(?=[^*\n]*$)", re.M)  # such a star, the only one on its line
_LISTED = re.compile(r"[ \t]*(?:[*+\-\u2022][ \t]|\d{1,3}[.)][ \t])")


def _typed_breaks(text: str, markdown: bool = False) -> str:
    """Plain text whose line breaks were typed as breaks, with blank lines between its paragraphs (booklet's
    markup runs lines together): a text none of whose lines was wrapped by hand (most of those that run on to
    another are longer than WRAPPED, or shorter than half of it: "What?" over a paragraph), as a form's text box
    gives it, each break between paragraphs as _typed_break tells. A run of lines that start with a bullet stays a
    list ("*Learn" with its space: "* Learn"). A text wrapped by hand, its lines about as long as one another, is
    left as it is: its line breaks are no breaks. Either way, a list of references, each on a line of its own
    (_reference_breaks), keeps its lines: their lengths tell nothing of a wrapped text's."""
    lines = text.split("\n")
    running = [line for line, after in zip(lines, lines[1:]) if line.strip() and after.strip()]
    wrapped = not running or _wrapped(running)
    refs = _reference_breaks(lines)
    prose = [line for at, (line, after) in enumerate(zip(lines, lines[1:]))
             if line.strip() and after.strip() and at not in refs and at + 1 not in refs] if refs else []
    if prose:  # (a text of references alone is taken as before: a list of [1] [2] as its lines were read)
        wrapped = _wrapped(prose)
    if wrapped:
        if not any(refs.values()):
            return text
        return "".join(("\n\n" if refs.get(at) else "\n") + line if at else line for at, line in enumerate(lines))
    starred = _STARRED_ALONE if markdown else _STARRED  # (Markdown's "*Note* ..." is emphasis, not an item)
    if len(starred.findall(text)) >= 2:
        lines = starred.sub(r"\1* ", text).split("\n")
    out = [lines[0]]
    since = 0  # (Markdown) where the paragraph the lines go to starts in `out`
    for at, (before, line) in enumerate(zip(lines, lines[1:]), 1):
        # (a break inside Markdown's emphasis, "_**Optional**: Bring ...\n... Linux._", would print its marks;
        # in Markdown, an indented line is its item's: "- a table.\n  Indented, still the table's.")
        breaks = (_typed_break(before, line) or refs.get(at, False)) and not (markdown and (
            line[:1] in " \t" or _open_emphasis("".join(out[since:]))))
        out.append("\n\n" if breaks else "\n")
        since = len(out) if breaks or not before.strip() else since
        out.append(line)
    return "".join(out)


# a reference's label at a line's start, one word in brackets ("[1]", "[Rondin2014]"), then a space and its text
# (or its text at once: "[1]https://doi.org/..."); not a Markdown link's ("[1]: https://", "[site](https://...)")
_LABEL = re.compile(r"[ \t]*\[([^\[\]\s^]{1,30})\](?=[ \t]+[^\s\[(]|[^\W_])")


def _reference_breaks(lines: list[str]) -> dict[int, bool]:
    """The lines (by their index) of a list of references, each starting with its label ("[1] 10.1103/...",
    "[Rondin2014] 10.1088/..."), two or more in a block of lines (no blank line between), each reference's own
    lines after it (no label) left out, the first starting the block or after a line that ends a paragraph
    (_typed_break), none after a line ending in a comma (a text wrapped by hand whose lines start with Markdown's
    links, "on-disk data ([PyTables] [1], [BLZ] [3],\n[Blaze] [4]...) as well ...\n[DyND] [6], ...": no list):
    whether the break before it must be a paragraph's (True: the first, after other lines, so that the list starts
    a paragraph; a label after a label that is no number one more than the one before it, "[Degen2017]" or "[4]"
    after "[2]", which the markup would run into the reference before) or may be a line's (False: the markup lists
    "[2]" after "[1]" as a list's item). {} when the text has no such list."""
    labels = [_LABEL.match(line) for line in lines]
    if sum(label is not None for label in labels) < 2:
        return {}
    found: dict[int, bool] = {}
    first = previous = None  # the index of the block's first reference line; the label of the one before
    for at, (line, label) in enumerate(zip(lines, labels)):
        if not line.strip():
            first = previous = None
        elif label is not None:
            before = lines[at - 1].strip() if at else ""
            if before.endswith(",") or previous is None and before and not _typed_break(before, line):
                first = previous = None
                continue
            if previous is None:
                first = at
            else:
                if first is not None:
                    found[first] = first > 0 and bool(lines[first - 1].strip())
                    first = None
                found[at] = not (previous.isdigit() and label[1].isdigit() and int(label[1]) == int(previous) + 1)
            previous = label[1]
    return found


def _wrapped(running: list[str]) -> bool:
    """Whether lines that run on to another are those of a text wrapped by hand: most about as long as one another."""
    return sum(WRAPPED // 2 <= len(line) <= WRAPPED for line in running) * 3 > len(running)


_OPENER = re.compile(r"(?<![\\\w*_])[*_]{1,3}(?=[^\s*_])")  # emphasis opened: "_**Optional", "*word"
_CLOSER = re.compile(r"(?<=[^\s*_\\])[*_]{1,3}(?![\w*_])")  # and closed: "Linux._", "word**"


def _open_emphasis(paragraph: str) -> bool:
    """Whether Markdown `paragraph` leaves emphasis or strong open at its end (more marks open it than close it;
    a star between letters, "Anfänger*innen", does neither), code spans aside."""
    bare = _CODE_SPAN.sub("", paragraph)
    return sum(len(m[0]) for m in _OPENER.finditer(bare)) > sum(len(m[0]) for m in _CLOSER.finditer(bare))


_MARKDOWN_CODE = re.compile(_FENCED.pattern + "|" + _INDENTED.pattern, re.M | re.S)


def _typed_markdown_breaks(text: str) -> str:
    """Markdown typed in a form's text box, as _typed_breaks reads plain text: a line break between paragraphs, typed
    with no blank line ("How?\nA presentation ...", a list of "* " items further down made the text Markdown), is a
    break between paragraphs, where none of the text's lines was wrapped by hand; Markdown would run such lines
    together. Code (fenced or indented) is left as it is."""
    if "\n" not in text:
        return text
    out, pos = [], 0
    for code in _MARKDOWN_CODE.finditer(text):
        out += [_typed_breaks(text[pos:code.start()], markdown=True), code[0]]
        pos = code.end()
    return "".join([*out, _typed_breaks(text[pos:], markdown=True)])


_UNDERLINE = re.compile(r"[ \t]*(?:=+|-+|(?:[-*_][ \t]*){3,})[ \t]*$")  # a heading's underline, or a rule
_TABLE_ROW = re.compile(r"[ \t]*(?:[|!{]|\[[^\]\n]+\]:)")  # a table's row (Markdown's, a wiki's), a link's definition


def _typed_break(before: str, line: str) -> bool:
    """Whether the break between two lines of such a text was typed as a break between paragraphs: the line after
    it does not go on with a small letter ("teaches / workshops"), nor is it a list's item, and the line before it
    ends a sentence or is a short line of its own (a heading: "Inhalt", "What?")."""
    head, tail = before.strip(), line.strip()
    if not head or not tail or _LISTED.match(line) or tail[0].islower() or _UNDERLINE.match(line) \
            or _TABLE_ROW.match(line):
        return False
    if head.rstrip("*_")[-1:] in tuple(".!?:;)\"\u201d"):  # (a sentence's end in emphasis too: "... Linux._")
        return True
    # a short line of its own, unless it ends in a word a sentence goes on from ("I will discuss examples for" /
    # "Google Glass and ...": a line of a text wrapped by hand in places)
    return len(head) <= WRAPPED * 2 // 5 and head.rsplit(None, 1)[-1].casefold() not in _GOES_ON


# words a line ends in only when its sentence goes on in the next (articles, conjunctions, prepositions that are no
# verb's particle: not "on", "ein", "aus")
_GOES_ON = frozenset("""a an the and or but nor of for with from into than
    der die das den dem des eine einen und oder aber von für zum zur im am
    le la les un une et ou mais de du pour avec sur dans par""".split())
_LIST_TAG = re.compile(r"<(?:ul|ol)\b", re.I)
_ITEM = re.compile(r"<li\b[^>]*>(.*?)(?:</li\s*>|(?=<li\b)|\Z)", re.I | re.S)


_OPEN_ITEM = re.compile(r"<li\b[^>]*>.*?(?=<li\b|</[uo]l\s*>|\Z)", re.I | re.S)  # an item, to what ends it
_ITEM_CLOSED = re.compile(r"</li\s*>\s*$", re.I)


def _closed(item: re.Match) -> str:
    """A list item left open (`<li>one<li>two`, which HTML allows) closed before the next or its list's end, unless
    a list in it is what the next item belongs to."""
    if _ITEM_CLOSED.search(item[0]) or _LIST_TAG.search(item[0]):
        return item[0]
    return item[0] + "</li>"


def _listed(run: re.Match) -> str:
    """A run of list items with no list around them, as a list, each item closed."""
    return "<ul>" + "".join(f"<li>{item}</li>" for item in _ITEM.findall(run[1])) + "</ul>"
# a run of list items, each to its closing tag (or, left open, to the next item, a blank line or the end)
_BARE_ITEMS = re.compile(r"((?:\s*<li\b[^>]*>.*?(?:</li\s*>|(?=<li\b)|(?=\n[ \t]*\n)|\Z))+)", re.I | re.S)
_NOT_TEXT = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.I | re.S)  # a page's code and style: not text
# strong text closed after a space ("**Led by: ** Ana"), which Markdown does not take for strong: its space outside
_STRONG_SPACED = re.compile(r"(?<![^\s(])(\*\*|__)([^\s*_](?:[^*_\n]*?[^\s*_])?)[ \t]+\1(?=\s|$)", re.M)
_INLINE_CODE_TAG = re.compile(r"<code\b[^<>]*>(.*?)</code\s*>", re.I | re.S)


def _code_span(m: re.Match) -> str:
    """<code>obj.__init__(a*b)</code> as a Markdown code span (printed as written), fenced by more backticks than
    it holds in a row."""
    inner = html.unescape(m[1])
    fence = "`" * (max((len(run) for run in re.findall("`+", inner)), default=0) + 1)
    return f"{fence} {inner} {fence}" if inner.startswith("`") or inner.endswith("`") else f"{fence}{inner}{fence}"


_CITE = re.compile(r"\\cite[pt]?\*?\s*\{([^{}\n]*)\}")
# code, where a backslash is the code's: `...` (and ```...```, <code>...</code>, <pre>...</pre>: _code_spans)
_INLINE_CODE = re.compile(r"`[^`\n]+`")
_CODE_BLOCKS = (("```", "```"), ("<code", "</code>"), ("<pre", "</pre>"))


def _code_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each piece of code: `...` on a line, and blocks from an opener to its closer (found with
    str.find, in a time in proportion to the text's length however many openers go unclosed)."""
    spans = [(m.start(), m.end()) for m in _INLINE_CODE.finditer(text)]
    lowered = text.lower()
    for opener, closer in _CODE_BLOCKS:
        pos = 0
        while (start := lowered.find(opener, pos)) != -1:
            end = lowered.find(closer, start + len(opener))
            if end == -1:
                break  # no closer after this opener: none after any later one either
            spans.append((start, end + len(closer)))
            pos = end + len(closer)
    return spans


def _latex_outside_math(text: str) -> str:
    """Text written for LaTeX in a form or a spreadsheet, outside its math and code: accents with their letter in
    braces as letters (`N\\'{e}el` -> Néel, `{\\"o}` -> ö), `\\cite{1,2}` as [1, 2] (the reference list below it is
    numbered so), a tie as a no-break space (`50~nm`, `force~\\cite{1}`; not `~100` after a space: "about"), a Greek
    letter's macro as its letter (`1.5 \\mu~m`), a script in braces as math (`CoO_{x}`) where the text has no dollar
    of its own outside math, and TeX's dashes as dashes (`Landau--Lifshitz` -> Landau–Lifshitz, `---` -> —); its
    lists (`\\begin{enumerate} \\item ...`) as lines of a list, `\\textbf{}` and `\\emph{}` as strong and emphasis,
    `\\textsubscript{4}` as a script; a comment that ends a line after a word (`circuit~%`) gone, its line joined to
    the next as TeX joins them, and a sentence's period written `\\.` a period; web addresses, math and code as
    written."""
    if "\\begin{" in text:
        text = _LATEX_LIST.sub(_latex_list, text)
    for pattern, replacement in ((_LINE_COMMENT, ""), (_ESCAPED_PERIOD, ".")):
        if pattern.search(text):
            code = _code_spans(text)
            text = pattern.sub(lambda m: m[0] if any(a <= m.start() < b for a, b in code) else replacement, text)
    pieces, pos = [], 0
    kept = sorted([*dollar_formulas(text), *_code_spans(text), *address_spans(text)])
    if "~" in text:  # (a tie may follow a formula: "$\\approx$~70nm"; the characters keep their places)
        ties = {m.start() for m in _TIE.finditer(text) if not any(a <= m.start() < b for a, b in kept)}
        text = "".join("\u00a0" if k in ties else ch for k, ch in enumerate(text)) if ties else text
    outside = []
    for start, end in [*kept, (len(text), len(text))]:
        if end <= pos and end < len(text):  # (inside a span kept already)
            continue
        start = max(start, pos)
        outside.append((pos, start))
        pieces += [None, text[start:end]]
        pos = end
    # a formula made of a script in braces only where no dollar of the text's own could pair with its dollars
    scripts = not any("$" in text[a:b] for a, b in outside)
    made = iter(_outside_math(text[a:b], scripts) for a, b in outside)
    return "".join(piece if piece is not None else next(made) for piece in pieces)


def _outside_math(text: str, scripts: bool) -> str:
    text = _CITE.sub(lambda m: citation(m.group(1)), braced_accents(text))
    if "\\text" in text or "\\emph" in text:  # (before the macros below: \textit is no Greek letter's)
        text = _TEXT_STYLE.sub(_text_style, _TEXT_SCRIPT.sub(lambda m: text_script(m[2], m[1] == "super", scripts),
                                                             text))
    if "\\" in text:  # a Greek letter's macro: the letter, as math sets it (no dollars that could pair with others)
        text = _MACRO.sub(_greek_letter, text)
    if "--" in text:  # TeX's dashes: "Landau--Lifshitz--Gilbert", "10--20 K", "a pause --- and"
        text = _EM_DASH.sub("\u2014", _NON_SPACE.sub(_dashed, text))
    if scripts and ("_{" in text or "^{" in text):
        text = _BRACED_SCRIPT.sub(lambda m: f"${m[0]}$", text)
    return text


_NON_SPACE = re.compile(r"\S+")
_LATEX_LIST = re.compile(r"\\begin\{(enumerate|itemize)\}(.*?)\\end\{\1\}", re.S)
_TEXT_STYLE = re.compile(r"\\(textbf|textit|emph)\{([^{}\n]+)\}")
_TEXT_SCRIPT = re.compile(r"\\text(sub|super)script\{([^{}\n]+)\}")
def _latex_list(found: re.Match) -> str:
    """A LaTeX list as the lines of one ("1. ...", "- ..."), each item on a line of its own."""
    items = [" ".join(item.split()) for item in re.split(r"\\item\b\s*", found[2])[1:]]
    numbered = found[1] == "enumerate"
    return "".join(f"\n{f'{n}.' if numbered else '-'} {item}" for n, item in enumerate(items, 1) if item) + "\n\n"


def _text_style(found: re.Match) -> str:
    """`\\textbf{b}` as **b**, `\\emph{very}` and `\\textit{very}` as *very* (a star of its own as one)."""
    mark = "**" if found[1] == "textbf" else "*"
    return f"{mark}{stars_kept(found[2])}{mark}"


def _dashed(word: re.Match) -> str:
    """A word's TeX en dashes as dashes; not in one like an address or a formula ("example.org/a--b", "T_{a--b}")."""
    if "--" not in word[0] or _NOT_PROSE.search(word[0]):
        return word[0]
    return _EN_DASH.sub("\u2013", word[0])


_NOT_PROSE = re.compile(r"[/@_^{}=\\]|\w\.\w")


_EN_DASH = re.compile(r"(?<=\w)--(?=\w)")  # TeX's en dash, between words or numbers (not "--option")
_EM_DASH = re.compile(r"(?<=[\w ])---(?=[\w ])")
_LINE_COMMENT = re.compile(r"(?<=[^\d\s\\%])%[ \t]*\n[ \t]*")  # "circuit~%" at a line's end; not "50%"
_ESCAPED_PERIOD = re.compile(r"[ \t]*\\\.(?=\s|$)")  # "[2] \. An FMR": a period (\. is an accent with no letter)
_TIE = re.compile(r"(?<=[\w$}.)])~(?=[\w\\$(])")  # TeX's no-break space between two words
_MACRO = re.compile(r"\\([A-Za-z]+)(?![A-Za-z])")


def _greek_letter(found: re.Match) -> str:
    """A macro that math sets as a Greek letter (`\\mu`, `\\varepsilon`, `\\Omega`: text.mathtext.symbol) as that
    letter; any other as written."""
    letter = symbol(found[1])
    greek = letter is not None and len(letter) == 1 and unicodedata.name(letter, "").startswith("GREEK")
    return letter if greek else found[0]
_BRACED_SCRIPT = re.compile(r"(?<=\w)[_^]\{[^{}\s$\\]{1,12}\}")  # CoO_{x}, 10^{-3}


def to_line(text: str | None) -> str:
    """A one-line field (title, name): converted as `to_markup`, paragraphs and lines joined by a space."""
    return collapse(to_markup(text))


def _tidy(text: str) -> str:
    text = _lines_without_controls(text)
    text = text.replace(_STAR, "*").replace(_DOLLAR, "$").replace(_OPEN, "").replace(_CLOSE, "")
    text = text.replace(_LT, "<").replace(_GT, ">")
    text = _TRAILING.sub("", text)
    text = re.sub(r"\n{3,}", "\n\n", text) if "\n\n\n" in text else text
    return text.strip("\n").strip()


# -- math and LaTeX escapes, out of the parsers' way --------------------------------------

_OPEN, _CLOSE = "\ue000", "\ue001"  # private-use characters around a placeholder's number
_PLACEHOLDER = re.compile(f"{_OPEN}(\\d+){_CLOSE}")
_DISPLAY = re.compile(r"\$\$(?=\S)(.+?)(?<=\S)\$\$|\\\((.+?)\\\)", re.S)
_LATEX_ESCAPE = re.compile(r"\\[%&]")


def _protect(text: str, html_source: bool) -> tuple[str, list[str]]:
    """The text with each math span and LaTeX escape replaced by a placeholder, and what they stand for.

    `$$x$$` and `\\(x\\)` become `$x$` (booklet sets all math inline). In HTML, the math's entities are
    decoded and tags inside it dropped."""
    spans: list[str] = []

    def hold(value: str) -> str:
        if html_source:
            value = html.unescape(re.sub(r"<[^<>]*>", "", value))
        spans.append(value)
        return f"{_OPEN}{len(spans) - 1}{_CLOSE}"

    text = _DISPLAY.sub(lambda m: hold("$" + (m[1] if m[1] is not None else m[2]).strip() + "$"), text)
    out, pos = [], 0
    for start, end in dollar_formulas(text):  # (the formulas the booklet prints: markup's one rule)
        out.append(text[pos:start])
        out.append(hold(text[start:end]))
        pos = end
    out.append(text[pos:])
    text = _LATEX_ESCAPE.sub(lambda m: hold(m.group()), "".join(out))
    return text, spans


def _restore(text: str, spans: list[str]) -> str:
    for _ in range(4):  # a held span may hold another (math around a LaTeX escape)
        if _OPEN not in text:
            break
        text = _PLACEHOLDER.sub(lambda m: spans[int(m[1])] if int(m[1]) < len(spans) else "", text)
    return text.replace(_OPEN, "").replace(_CLOSE, "")


# -- HTML -> Markdown ----------------------------------------------------------------------

_SCRIPT = re.compile(r"<(su[bp])\b[^<>]*>([^<>]{1,12})</\1\s*>", re.I)
_EMPTY_EMPHASIS = re.compile(r"<(em|i|strong|b)\b[^<>]*>([^\w<>]*)</\1\s*>", re.I)  # <em>, </em>: no emphasis


def _inline_tags(text: str, spans: list[str]) -> str:
    """What both readers of HTML make of its inline tags first: scripts as math (held in `spans`), emphasis around
    punctuation only no emphasis."""
    return _EMPTY_EMPHASIS.sub(lambda m: m[2], _scripts_as_math(text, spans))


def _scripts_as_math(text: str, spans: list[str]) -> str:
    """H<sub>2</sub>O, 10<sup>-3</sup>, 20<sup>th</sup>: as math (set small), held in `spans`."""

    def script(m: re.Match) -> str:
        inner = html.unescape(m[2]).strip()
        if not inner or "$" in inner or "\\" in inner:
            return m[0]
        mark = "^" if m[1].lower() == "sup" else "_"
        body = inner if re.fullmatch(r"[-+\u2212]?[0-9.,]+|[-+=()*\u2212]", inner) else rf"\mathrm{{{inner}}}"
        spans.append(f"${mark}{{{body}}}$")
        return f"{_OPEN}{len(spans) - 1}{_CLOSE}"

    return _SCRIPT.sub(script, text)


def _html_to_markdown(text: str) -> tuple[str, list[str]]:
    from bs4 import BeautifulSoup

    text, spans = _protect(text, html_source=True)
    soup = BeautifulSoup(_inline_tags(text, spans), "html.parser")  # (as markdownify reads HTML)
    # bold or italics holding a paragraph, a table or a list ("<b>in bold <table>...</table> after</b>", a tag left
    # open) are taken off: Markdown's emphasis ends with its paragraph, and the stars were printed
    for tag in [tag for tag in soup.find_all(["b", "strong", "i", "em"]) if tag.find(_BLOCKS)]:
        tag.unwrap()
    _runs_joined(soup)
    _html_footnotes(soup)
    _loose_text_listed(soup)
    _brackets_held(soup)
    return _markdown_converter().convert_soup(soup), spans


def _html_footnotes(soup) -> None:
    """HTML's footnotes, as Markdown converters and editors write them (`result<sup><a href="#fn1">1</a></sup>`, and
    at the end `<ol class="footnotes"><li id="fn1">Smith et al. <a href="#fnref1">↩</a></li></ol>`, or pandoc's
    `<section class="footnotes">`), as Markdown's footnotes are made (_footnotes): the mark "[1]" in the text (a
    no-break space before it), numbered in the order the text names them, and each note a paragraph at the end,
    "[1] Smith et al.", without its link back. The mark printed as a bare "1" glued to the word and the notes as
    a list with a "↩" each. A list is one of notes when its class (or its holder's) says footnotes, or each of its
    items is the target of a link of the text."""
    from bs4 import NavigableString

    def footnote_class(tag) -> bool:
        return tag is not None and any("footnote" in c.lower() for c in tag.get("class") or ())

    targets = {a["href"][1:]: a for a in soup.find_all("a", href=True) if a["href"].startswith("#")}
    notes: dict[str, object] = {}  # an item's id -> the item
    holders = []
    for listing in soup.find_all("ol"):
        items = listing.find_all("li", recursive=False)
        if not items or not all(item.get("id") for item in items):
            continue
        holder = listing.parent if footnote_class(listing.parent) and listing.parent.name in ("section", "div") \
            else listing
        if not (footnote_class(listing) or footnote_class(holder)
                or all(item["id"] in targets and targets[item["id"]].find_parent("ol") is not listing
                       for item in items)):
            continue
        for item in items:
            notes[item["id"]] = item
        holders.append(holder)
    if not notes:
        return
    numbers: dict[str, int] = {}
    for anchor in soup.find_all("a", href=True):
        label = anchor["href"][1:] if anchor["href"].startswith("#") else None
        if label not in notes or any(anchor.find_parent(lambda t: t is h) for h in holders):
            continue
        number = numbers.setdefault(label, len(numbers) + 1)
        mark = anchor
        while mark.parent is not None and mark.parent.name in ("sup", "span") and \
                mark.parent.get_text().strip() == mark.get_text().strip():  # (the superscript holding the link)
            mark = mark.parent
        before = mark.previous_element
        glued = isinstance(before, NavigableString) and before and not before[-1:].isspace()
        mark.replace_with(NavigableString(("\u00a0" if glued else "") + f"[{number}]"))
    for label in notes:
        numbers.setdefault(label, len(numbers) + 1)
    for holder in holders:
        holder.extract()
    for label in sorted(notes, key=numbers.get):
        item = notes[label]
        for back in item.find_all("a", href=True):  # the link back to the mark ("↩", "^")
            if back["href"].startswith("#") or footnote_class(back):
                back.decompose()
        note = soup.new_tag("p")
        note.append(NavigableString(f"[{numbers[label]}] "))
        for child in list(item.children):
            if getattr(child, "name", None) == "p":
                child.unwrap()
        for child in list(item.children):
            note.append(child.extract())
        soup.append(note)


_LT, _GT = "\ue005", "\ue006"  # a text's own < and > (written &lt; &gt; in HTML), until the Markdown is read


def _brackets_held(soup) -> None:
    """The < and > of the HTML's text (its &lt; and &gt;: "a&lt;b and b&gt;c", "vector&lt;int&gt;") held out of the
    Markdown made of it, whose parser took "<b and b>" for a tag (bold, and the words between lost); _tidy puts
    them back."""
    from bs4 import NavigableString

    for text in soup.find_all(string=True):
        if type(text) is NavigableString and ("<" in text or ">" in text):
            text.replace_with(NavigableString(str(text).replace("<", _LT).replace(">", _GT)))


def _loose_text_listed(soup) -> None:
    """Text right inside a list, between its items (`<ul><li>a</li> and also <li>b</li></ul>`), as an item of its
    own: the converter ran it into the next item's bullet ("and also- b")."""
    from bs4 import NavigableString

    for listing in soup.find_all(["ul", "ol"]):
        for child in list(listing.children):
            if type(child) is NavigableString and child.strip():  # (text: not a comment or the like)
                item = soup.new_tag("li")
                child.replace_with(item)
                item.append(NavigableString(child.strip()))


_SAME_EMPHASIS = {"b": ("b", "strong"), "strong": ("b", "strong"), "i": ("i", "em"), "em": ("i", "em")}


def _runs_joined(soup) -> None:
    """Bold or italics right after bold or italics of the same kind made one (`<em>Arte de ta</em><em>ñer</em>`, as
    an editor splits a run where a letter was typed in again): two Markdown runs side by side ("*ta**ñer*") cannot
    be told from a literal "**", which printed."""
    for tag in soup.find_all(list(_SAME_EMPHASIS)):
        if tag.parent is None:  # (joined to the one before it already)
            continue
        following = tag.next_sibling
        while getattr(following, "name", None) in _SAME_EMPHASIS[tag.name]:
            after = following.next_sibling
            for child in list(following.contents):
                tag.append(child)
            following.decompose()
            following = after


_BLOCKS = ("p", "div", "table", "ul", "ol", "dl", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "hr")


@cache
def _markdown_converter():
    from markdownify import MarkdownConverter

    return MarkdownConverter(heading_style="ATX", bullets="-", strip=["img", "script", "style"], escape_asterisks=True,
                             escape_underscores=True, escape_misc=False)


# -- Markdown -> booklet markup -----------------------------------------------------------------

_STAR = "\ue002"  # a literal asterisk, until we know whether booklet would take it for emphasis
_DOLLAR = "\ue003"  # a literal dollar
_CODE = "\ue004"  # what starts a paragraph that is a block of code (_finish writes it between ``` lines)


def _parser(html: bool = True):
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"html": html}).enable(["table", "strikethrough"])
    parser.validateLink = lambda url: True  # every link is read: _Blocks.end_link decides what prints of it
    return parser


_DEFINITION = re.compile(r"^( {0,3})\[([^\]\n]+)\]:", re.M)  # a link's definition: "[1]: https://..."


def _unused_definitions_kept(text: str) -> str:
    """`text` with each link definition that no reference link names escaped: the parser takes a definition out
    of the text, and one that no "[text][1]" or "[1]" uses (a list of sources written so) would be lost."""
    if "]:" not in text:
        return text
    # the labels references name: "[text][1]" (a colon after it or not), "[1]" (not a definition's "[1]:")
    used = {(full or short).casefold() for full, short in _REFERENCE.findall(text)}

    def kept(match: re.Match) -> str:
        return match[0] if match[2].casefold() in used else f"{match[1]}\\[{match[2]}]:"

    lines, fenced = [], None
    for line in text.split("\n"):  # (not inside fenced code, which prints as written)
        fence = re.match(r" {0,3}(`{3,}|~{3,})", line)
        if fence and (fenced is None or fence[1][0] == fenced[0] and len(fence[1]) >= len(fenced)):
            fenced = fence[1] if fenced is None else None
        lines.append(line if fenced is not None or fence else _DEFINITION.sub(kept, line))
    return "\n".join(lines)


_REFERENCE = re.compile(r"(?<=\])\[([^\[\]\n]+)\]|\[([^\[\]\n]+)\](?!:)")  # (no bracket in a label: "[as in [1]]")


_SPACED_REFERENCE = re.compile(r"\[([^\[\]\n]+)\][ \t]\[([^\[\]\n]+)\](?!:)")  # "[Blosc] [2]"
_DEFINED = re.compile(r"^ {0,3}\[([^\[\]\n]+)\]:", re.M)  # the label of a link's definition ("[2]: http://...")


def _spaced_references(text: str) -> str:
    """Markdown's reference links written with a space between text and label ("[Blosc] [2]", with "[2]: http://..."
    below), as the first Markdown took them and CommonMark does not ("[Blosc] 2 (http://...)" printed): written
    together, "[Blosc][2]", where the label is defined and the text is not."""
    defined = {label.casefold() for label in _DEFINED.findall(text)}
    if not defined:
        return text
    return _SPACED_REFERENCE.sub(lambda m: f"[{m[1]}][{m[2]}]" if m[2].casefold() in defined
                                 and m[1].casefold() not in defined else m[0], text)


def _from_markdown(text: str, spans: list[str], notes: bool = False) -> str:
    """`notes`: the text is the source's own Markdown (not made of HTML), whose link of a number is a note's, and
    whose reference links may be written "[text] [1]"."""
    if notes and "] [" in text:
        text = _spaced_references(text)
    tokens = _parser().parse(_unused_definitions_kept(_gender_stars(text)))
    paragraphs = _Blocks(spans, notes).render(tokens)
    return "\n\n".join(_finish(p, spans) for p in paragraphs if p.strip())


_AUTOLINK = re.compile(r"<[a-z][a-z0-9+.-]*:[^<>\s]*>", re.I)  # <https://example.org/a*b>
_SINGLE_STAR = re.compile(r"(?<![*\\])\*(?!\*)")


def _gender_stars(text: str) -> str:
    """Markdown `text` with each single star between two letters that no emphasis opened before it in its paragraph
    written `\\*`: the gender star ("Sinti*zze und Roma*nja", "Teilnehmer*innen"), which Markdown takes for emphasis
    of the words between two of them. A star that closes emphasis inside a word ("*Daten*banken") stays, and so
    does every star in code or a web address."""
    if "*" not in text:
        return text
    code = [*_code_spans(text), *address_spans(text), *(m.span() for m in _AUTOLINK.finditer(text)),
            *(m.span() for m in _FENCED.finditer(text)), *(m.span() for m in _INDENTED.finditer(text))]
    out, last, opened = [], 0, False
    for found in _SINGLE_STAR.finditer(text):
        at = found.start()
        if code and any(start <= at < end for start, end in code):
            continue
        if "\n\n" in text[last:at]:
            opened = False  # a new paragraph
        before = text[at - 1] if at else ""
        after = text[at + 1] if at + 1 < len(text) else ""
        if before.isalpha() and after.isalpha():
            if opened:
                opened = False  # it closes
            else:
                out.append(text[last:at] + "\\*")
                last = at + 1
            continue
        if after and not after.isspace() and not before.isalnum():
            opened = True
        elif before and not before.isspace() and not after.isalnum():
            opened = False
    return "".join(out) + text[last:]


def _finish(paragraph: str, spans: list[str]) -> str:
    if paragraph.startswith(_CODE):  # a block of code: as written, between ``` lines (booklet's own code blocks)
        code = _TRAILING.sub("", _restore(paragraph[1:], spans))
        fence = "~~~" if re.search(r"^\s*```", code, re.M) else "```"
        return f"{fence}\n{code}\n{fence}"
    indent = _KEPT_INDENT.match(paragraph)  # a list item keeps its indent (booklet nests it by it)
    paragraph = (indent.group(1) if indent else "") + _TRAILING.sub("", paragraph.strip())
    paragraph = re.sub(r"(?<=\S) {2,}", " ", paragraph)  # where an image or a tag was dropped
    paragraph = _literal_stars(_in_addresses(paragraph))
    paragraph = paragraph.replace(_DOLLAR, "\\$")
    return _restore(paragraph, spans)


def _in_addresses(text: str) -> str:
    """The literal `*` and `$` of the web addresses in `text` as themselves: booklet prints an address as
    written (text.markup.address_spans)."""
    if _STAR not in text and _DOLLAR not in text:
        return text
    spans = address_spans(text.replace(_STAR, "*").replace(_DOLLAR, "$"))
    if not spans:
        return text
    out = list(text)
    for start, end in spans:
        out[start:end] = text[start:end].replace(_STAR, "*").replace(_DOLLAR, "$")
    return "".join(out)


def _literal_stars(text: str) -> str:
    """A literal `*` stays `*` where booklet cannot take it for emphasis (the paragraph's only star, or a run that can
    neither open nor close: text.markup.can_open, can_close); elsewhere it is written `\\*`, booklet's literal
    star."""
    if _STAR not in text:
        return text
    if text.count(_STAR) == 1 and "*" not in text:
        return text.replace(_STAR, "*")
    out = []
    for i, ch in enumerate(text):
        if ch != _STAR:
            out.append(ch)
            continue
        j = i
        while j > 0 and text[j - 1] == _STAR:
            j -= 1
        k = i
        while k + 1 < len(text) and text[k + 1] == _STAR:
            k += 1
        before = text[j - 1] if j > 0 else ""
        after = text[k + 1] if k + 1 < len(text) else ""
        inert = not can_open(before, after) and not can_close(before, after)
        out.append("*" if inert else "\\*")
    return "".join(out)


_FILE_ENDINGS = r"(?:html?|php|aspx?|pdf|png|jpe?g|gif|svg|txt|md|json|xml|csv|zip)"  # a file's, not a domain's
# a link whose address means something on paper: a web address, an email, a phone number
_PRINTABLE_LINK = re.compile(r"(?:https?|ftp|mailto|tel):|www\.|[\w-]+(?:\.[\w-]+)*\.(?!" + _FILE_ENDINGS
                             + r"(?:[/?#]|$))[a-z]{2,}(?:[/?#]|$)", re.I)  # (a bare domain, "example.org/x", too)
_SCHEME_SHOWN_BARE = re.compile(r"^(?:mailto|tel):", re.I)  # an email and a phone number print without theirs


NESTED_INDENT = "  "  # a list item's indent for each list it is nested in
_KEPT_INDENT = re.compile(r"^((?:  )+)(?=\S)")  # what _Blocks indents: a nested list's item, an item's later paragraph


class _Blocks:
    """Renders markdown-it's block tokens into a list of paragraphs."""

    def __init__(self, spans: list[str], notes: bool = False) -> None:
        self.spans = spans
        self.notes = notes
        self.paragraphs: list[str] = []
        self.lists: list[list] = []  # [ordered?, next number]
        self.item_prefix: str | None = None  # the bullet waiting for the list item's first paragraph
        self.row: list[str] | None = None
        self.heading = False

    def render(self, tokens) -> list[str]:
        for tok in tokens:
            handler = getattr(self, "_" + tok.type, None)
            if handler:
                handler(tok)
        return self.paragraphs

    def add(self, text: str) -> None:
        text = text.strip()
        if not text:
            return
        if self.item_prefix is not None:
            text, self.item_prefix = self.item_prefix + text, None
        elif self.lists:  # an item's paragraph after its first: indented as its item's text, so that a list nested
            text = NESTED_INDENT * len(self.lists) + text  # after it is still in that item (booklet nests by indent)
        self.paragraphs.append(text)

    # lists
    def _bullet_list_open(self, tok) -> None:
        self.lists.append([False, 0])

    def _ordered_list_open(self, tok) -> None:
        self.lists.append([True, int(tok.attrGet("start") or 1)])

    def _bullet_list_close(self, tok) -> None:
        self.lists.pop()
        self.item_prefix = None

    _ordered_list_close = _bullet_list_close

    def _list_item_open(self, tok) -> None:
        ordered, number = self.lists[-1] if self.lists else (False, 0)
        indent = NESTED_INDENT * max(len(self.lists) - 1, 0)  # a list in a list's item: indented, as booklet nests it
        if ordered:
            self.item_prefix = f"{indent}{number}. "
            self.lists[-1][1] += 1
        else:
            self.item_prefix = f"{indent}\u2013 "

    def _list_item_close(self, tok) -> None:
        self.item_prefix = None

    # text blocks
    def _inline(self, tok) -> None:
        text = _Inline(self.spans, self.notes).render(tok.children or [])
        if self.row is not None:
            self.row.append(" ".join(text.split()))
        elif self.heading and text.strip():  # a heading: a paragraph of its own, set strong
            core = " ".join(text.split())
            self.add(core if core.startswith("**") and core.endswith("**") else f"**{core}**")
        else:
            self.add(text)

    def _heading_open(self, tok) -> None:
        self.heading = True

    def _heading_close(self, tok) -> None:
        self.heading = False

    def _code_block(self, tok) -> None:
        code = tok.content.rstrip()
        if code.strip():  # (its indents kept: a paragraph of its own, not stripped)
            self.paragraphs.append(_CODE + code.strip("\n"))

    _fence = _code_block

    def _html_block(self, tok) -> None:
        for paragraph in _html_paragraphs(tok.content, self.spans):
            self.add(paragraph)

    # tables: a paragraph per row, cells separated by " | "
    def _tr_open(self, tok) -> None:
        self.row = []

    def _tr_close(self, tok) -> None:
        row, self.row = self.row or [], None
        self.add(" | ".join(cell for cell in row if cell))


def _literal(text: str) -> str:
    """Code as plain text: every character as itself."""
    return text.replace("*", _STAR).replace("$", _DOLLAR)


def _html_paragraphs(chunk: str, spans: list[str]) -> list[str]:
    """An HTML block inside Markdown, as paragraphs (its math is already held in `spans`)."""
    from markdownify import markdownify

    markdown = markdownify(chunk, heading_style="ATX", bullets="-", strip=["img", "script", "style"],
                           escape_asterisks=True, escape_underscores=True, escape_misc=False)
    return _Blocks(spans).render(_parser(html=False).parse(markdown))  # no HTML in it any more


class _Inline:
    """Renders an inline token's children into one paragraph of booklet markup."""

    _EMPHASIS = {"em": "*", "strong": "**"}
    _HTML_INLINE = {"em": "*", "i": "*", "cite": "*", "strong": "**", "b": "**"}

    def __init__(self, spans: list[str], notes: bool = False) -> None:
        self.spans = spans
        self.notes = notes  # a Markdown link whose text is a number keeps its brackets (end_link)
        self.stack: list[list] = [["", []]]  # [marker, parts] for each open emphasis
        self.links: list[tuple[str, int]] = []  # (href, index in the current parts where the text starts)
        self.after_address = False  # the last put is a link printed as its address

    def render(self, children) -> str:
        for tok in children:
            kind = tok.type
            if kind == "text":
                text = tok.content.replace("*", _STAR).replace("$", _DOLLAR)
                if self.after_address and text[:1].isalnum():
                    text = " " + text  # "<https://betrusted.io>Betrusted</a>": not one word with the address
                self.put(text)
            elif kind == "code_inline":
                self.put(self.code(tok.content))
            elif kind == "softbreak":
                self.put("\n")
            elif kind == "hardbreak":
                self.put("\n")
            elif kind.endswith("_open") and kind[:-5] in self._EMPHASIS:
                self.open(self._EMPHASIS[kind[:-5]])
            elif kind.endswith("_close") and kind[:-6] in self._EMPHASIS:
                self.close()
            elif kind == "link_open":
                self.links.append((tok.attrGet("href") or "", len(self.stack[-1][1])))
            elif kind == "link_close":
                self.end_link(self.notes)
            elif kind == "html_inline":
                self.html_tag(tok.content)
            # image: dropped, alt text and all; s_open/s_close: the text stays, plain
        while len(self.stack) > 1:
            self.close()
        return "".join(self.stack[0][1])

    def code(self, content: str) -> str:
        """Code in a line (Markdown's `...`, HTML's <code>) as booklet's code span, printed as written in the code font,
        held (nothing in it read as emphasis, math or an escape); code that a span cannot hold (a backtick in it,
        nothing but spaces) as plain text."""
        if "`" in content or not content.strip():  # (its backticks escaped: none pairs with another one)
            return _literal(content).replace("`", "\\`")
        self.spans.append(f"`{content}`")
        return f"{_OPEN}{len(self.spans) - 1}{_CLOSE}"

    def put(self, text: str) -> None:
        self.stack[-1][1].append(text)
        self.after_address = False

    def open(self, marker: str) -> None:
        self.stack.append([marker, []])

    def close(self) -> None:
        if len(self.stack) < 2:
            return
        marker, parts = self.stack.pop()
        inner = "".join(parts)
        core = inner.strip()
        if not core:
            self.put(inner)
            return
        lead = inner[: len(inner) - len(inner.lstrip())]
        trail = inner[len(inner.rstrip()):]
        self.put(f"{lead}{marker}{core}{marker}{trail}")

    def end_link(self, note: bool = False) -> None:
        """A link's text and its address in brackets; a Markdown link whose text is a number, a note's ("Purism[1]",
        its address defined below), keeps its brackets: "Purism[1] (https://puri.sm/)", not "Purism1 (...)"."""
        if not self.links:
            return
        href, start = self.links.pop()
        parts = self.stack[-1][1]
        label = "".join(parts[start:]).strip()
        url = href.strip().replace("*", _STAR).replace("$", _DOLLAR)
        bare = _SCHEME_SHOWN_BARE.sub("", url)
        if not _PRINTABLE_LINK.match(url):
            shown = label  # a page's own anchor, a script, a path on the source's site: its text alone
        elif not label or label.replace(_STAR, "*") in (url, bare) or bare.rstrip("/") == label.rstrip("/"):
            shown = bare
        elif note and label.isdigit() and len(label) <= 3:
            shown = f"[{label}] ({bare})"
        elif bare != url:
            shown = label if bare in label else f"{label} ({bare})"
        else:
            shown = label if url in label else f"{label} ({url})"
        del parts[start:]
        parts.append(shown)
        self.after_address = shown == url

    def html_tag(self, tag: str) -> None:
        m = re.match(r"<(/?)([A-Za-z][A-Za-z0-9]*)", tag)
        if not m:
            return
        closing, name = m[1] == "/", m[2].lower()
        if name == "br":
            self.put("\n")
        elif name == "a":
            if closing:
                self.end_link()
            else:
                href = re.search(r"""\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", tag, re.I)
                self.links.append((html.unescape(next(filter(None, href.groups()), "")) if href else "",
                                   len(self.stack[-1][1])))
        elif name in self._HTML_INLINE:
            if closing:
                self.close()
            else:
                self.open(self._HTML_INLINE[name])
        # any other tag: dropped, its text stays
