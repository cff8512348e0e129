"""Where each person is named in the PDF -> the index of authors: every speaker, author, tutorial
presenter, poster author and session chair once, filed as an index files them, with the pages that name
them (bold where they present), each page number a link to where the name is on that page.

The pages are not worked out from the model: every name the booklet prints in those places is printed
with a mark (Context.named) that notes, on the canvas, the page it is actually drawn on, and whether
the person presents there (the speaker on an abstract's page, the presenting author of a poster, a
tutorial's presenters; a programme line or a session's chair does not). The index is laid out after
those pages, from what the canvas noted: in the default order it comes last, so one pass suffices.
When a theme puts it before a section that names people, build.learn_people lays the booklet out without
writing it until the pages it lists are the pages the names are on.

People are one person when people.yaml says so (data.people.People); they are filed by family name,
then given names, by the Unicode Collation Algorithm (text.names), under letter headings, in two
columns on an A5 page and three on wider ones (layout.columns), balanced on the last page. An entry
whose name is text alone is set without a paragraph (IndexEntry: the same lines and operators, sooner;
in a build that keeps layouts, its drawing kept and replayed as a paragraph's is).
"""

from __future__ import annotations

import copy
import re
from typing import NamedTuple

from reportlab import rl_config
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable
from reportlab.platypus.paragraph import _trailingSpaceLength, cleanBlockQuotedText, setXPos

from ..cache import memory
from ..data.contract import placeholder_name
from ..model import Identity
from .marks import person_anchor
from ..text import markup
from ..text.fonts import DEPTH, SANS
from ..text.names import heading, sort_key, split_name
from ..text.quotes import curly_quotes
from ..text.paragraph import _MARKERS, MathParagraph, cleaned_text, _string_width, copy_fragment, text_object
from .columns import GAP, Columns, MadeWhenAsked, closer_style, column_count, keep_with_last
from .common import Context, letter_headings
from .flowables import Anchor, KeptDrawing, Para, canvas_state, paragraphs_key, replayed_on

PEOPLE_SECTIONS = ("programme", "abstracts", "tutorials", "posters")  # the sections that name people


def build_index(ctx: Context) -> list:
    """The section: its heading, then the entries (made when the pages before it have been drawn)."""
    if not has_index(ctx):
        return []
    name = ctx.label("index")
    return [Anchor("index", markup.plain(name), 0, section=name), Para(markup.inline(name), ctx.styles.heading),
            IndexBody(ctx)]


def has_index(ctx: Context) -> bool:
    """Whether the sections printed name anyone (but placeholders, "TBA": Context.named): the index is left out (and
    from the contents) when not."""
    b = ctx.booklet
    if not ctx.has("index"):
        return False

    def anyone(names) -> bool:
        return any(not placeholder_name(name) for name in names)

    if ctx.has("programme") and (
            anyone(chair for day in b.days for session in day.sessions() for chair in session.chairs)
            or anyone(p.name for day in b.days for item in day.items()
                      for p in (item.abstract.speakers if item.abstract else
                                item.tutorial.presenters if item.tutorial else ()))):
        return True
    return ((ctx.has("abstracts") and anyone(p.name for a in b.abstracts for p in a.authors))
            or (ctx.has("posters") and anyone(p.name for poster in b.posters for p in poster.authors))
            or (ctx.has("tutorials") and anyone(p.name for t in b.tutorials for p in t.people)))


def index_before_people(sections: tuple[str, ...]) -> bool:
    """Whether the index comes before a section that names people: its pages are then learnt in a pass
    before the one that writes the PDF."""
    if "index" not in sections:
        return False
    at = sections.index("index")
    return any(name in PEOPLE_SECTIONS for name in sections[at + 1:])


class _EntryColumns(Columns):
    """The index's columns: its letters and entries are paragraphs (Para, IndexEntry), each as tall in any room."""

    heights_fixed = True
    spreads = True  # (in the last part of a build in parts, whose pages' numbers are known)


class IndexBody(Flowable):
    """The index's entries in columns, made from the pages noted so far on the canvas (or, when the
    index comes before the pages it lists, from an earlier pass: ctx.known_people)."""

    def __init__(self, ctx: Context):
        super().__init__()
        self.ctx = ctx
        self._columns: Columns | None = None

    def _body(self) -> Columns:
        if self._columns is None:
            ctx = self.ctx
            pages = ctx.known_people if ctx.known_people is not None else self.canv.people_pages
            entries = index_entries(ctx.key_owners, pages, ctx.booklet.conference.language)
            flowables = _Flowables(ctx, entries, ctx.index_links)
            self._columns = _EntryColumns(flowables, column_count(ctx.page.text_width), GAP,
                                          key=flowables.content_key(), page_height=ctx.page.media_size[1])
        return self._columns

    def _lend(self):
        body = self._body()
        body.canv, body._frame = self.canv, getattr(self, "_frame", None)
        return body

    def wrap(self, availWidth, availHeight):
        self.width, self.height = self._lend().wrap(availWidth, availHeight)
        return self.width, self.height

    def split(self, availWidth, availHeight):
        return self._lend().split(availWidth, availHeight)

    def draw(self):
        self._lend().drawOn(self.canv, 0, 0)


def index_entries(who: dict[str, Identity], pages: dict[str, dict[int, bool]], language: str | None = None):
    """(identity, person key, {page: presents there}) of everyone named on some page, in index order (`language`'s:
    see text.names.sort_key)."""
    found = [(identity, key, pages[key]) for key, identity in who.items() if pages.get(key)]
    return sorted(found, key=lambda entry: sort_key(split_name(entry[0].name, entry[0].family), language))


def prepare_index(identities=(), language: str | None = None) -> None:
    """What laying the index out needs whatever the pages it lists, made now (memoised where the index finds
    it): the collation table, and the sort keys of `identities`' names in the booklet's `language` (as
    index_entries sorts them) and their entries' markup (entry_name's, markup.inline's). A build in parts calls it
    when a core is free (output.parallel._reports)."""
    from ..text.names import _collator

    _collator()
    for identity in identities:
        sort_key(split_name(identity.name, identity.family), language)
        entry_name(identity)


def entry_markup(identity: Identity, key: str, pages: dict[int, bool], links: bool = True, quotes=None) -> str:
    """'Smagt, Patrick van der  12, <b>14</b>' (markup), each page number a link to the name on that page; `quotes`:
    see entry_name."""
    numbers = []
    for page in sorted(pages):
        number = f'<a href="#{person_anchor(key, page)}">{page}</a>' if links else str(page)
        numbers.append(f"<b>{number}</b>" if pages[page] else number)
    return f"{entry_head(identity, quotes)}\u2002{', '.join(numbers)}"


def entry_name(identity: Identity, quotes: tuple[str, str, str, str] | None = None) -> str:
    """The name as its entry shows it, inverted ('Smagt, Patrick van der'), as markup; its straight quotes (an
    apostrophe: "O'Brien") as the entry style's `quotes` print them, as a Para of the name would (the index makes
    its entries' fragments itself)."""
    name = markup.inline(split_name(identity.name, identity.family).inverted())
    return curly_quotes(name, quotes) if quotes else name


# a name that ends in a word the page numbers would read on from: a lone letter ('Senthil Kumaran S', kept as written;
# 'Lakshmy, A V'), initials in capitals without stops, in any alphabet ('Lin, SZ', 'Şahin, ÖA', 'Иванов, ИП'; two or
# three: _CAPITALS), or a number ('Player 1') (its tags aside)
_RUNS_INTO = re.compile(r"(?:^|\s)(?:[^\W\d_]{1,3}|\d+)$")
_CAPITALS = range(2, 4)  # letters a name's last word of capitals alone has to be read as initials


def _runs_into(text: str) -> bool:
    found = _RUNS_INTO.search(text)
    return found is not None and (len(word := found.group().strip()) == 1 or word.isdecimal()
                                  or len(word) in _CAPITALS and word.isupper())


def entry_head(identity: Identity, quotes: tuple[str, str, str, str] | None = None) -> str:
    """The name as its entry begins (entry_name), and a comma after it when it ends in a lone letter, initials in
    capitals or a number:
    'Senthil Kumaran S, 22, 85', where 'Senthil Kumaran S 22, 85' ran the initial into the pages."""
    name = entry_name(identity, quotes)
    return f"{name}," if _runs_into(re.sub(r"<[^>]*>", "", name).replace("\xa0", " ")) else name


def _cleaned(name: str) -> str | None:
    """A name of text alone as ReportLab cleans the entry's text, with the space after it ('Smagt, Patrick van
    der '); None when the space is not found there."""
    if name and cleaned_text(name, cleanBlockQuotedText) is name:  # nothing in it to clean: as ReportLab, quicker
        return name + " "
    text = cleanBlockQuotedText(name + "\u20020")  # the name, its space and a stand-in number
    return text[:-1] if text.endswith(" 0") else None


class EntryFrags:
    """An entry's ReportLab fragments made without parsing a link per page number (ReportLab's parser
    takes about a millisecond per entry for them): the name is one fragment when it is text alone (no tag,
    no entity), else parsed alone (with a stand-in for the first number), and each page number's fragment
    (and each ", " between) is a copy of the one a template entry, parsed once, gave, with its number and
    link target put in. The fragments, and the lists they share, are those parsing the entry's markup gives
    (tests/test_index_frags.py compares them); `frags` gives None where this is not known to hold (a name
    with math or fallback glyphs, which MathParagraph parses otherwise): then the entry's markup is parsed.
    `entry` gives the entry as an IndexEntry, with no fragments at all, where that sets it as they would."""

    def __init__(self, style: ParagraphStyle):
        self.style = style
        self._template = None if getattr(style, "textTransform", None) not in (None, "", "none") else self._parse()
        self._set = self._template is not None and _sets_plainly(style, self._template)  # see entry

    def _parse(self):
        """The template's name, separator, plain and bold number fragments, or None when it does not
        parse as expected."""
        frags = MathParagraph('x\u2002<a href="#a">1</a>, <b><a href="#b">2</a></b>', self.style).frags
        if [f.text for f in frags] != ["x ", "1", ", ", "2"] or [f.link for f in frags] != [
                [], [(0, "#a")], [], [(1, "#b")]]:
            return None
        return frags[0], frags[2], frags[1], frags[3]

    def entry(self, identity: Identity, key: str, pages: dict[int, bool], paragraph, source: tuple | None = None
              ) -> IndexEntry | None:
        """The entry as an IndexEntry (`paragraph()`: the same entry as a Para; `source`: entry_source of the
        three), when its name is text alone (no tag, no entity, no no-break or soft hyphen) and the style is one
        IndexEntry sets as ReportLab would; else None."""
        if not self._set:
            return None
        name = entry_head(identity, getattr(self.style, "quotes", None))
        cleaned = None if "<" in name or "&" in name else _cleaned(name)
        if cleaned is None or "\xa0" in cleaned or "\xad" in cleaned or cleaned[:-1].split(" ") != cleaned.split():
            return None
        parts = cleaned.split()
        head, separator, plain, bold = self._template
        size, regular = head.fontSize, head.fontName
        words = [_Word(_string_width(part, regular, size), ((regular, part, None),), True) for part in parts]
        comma = (separator.fontName, ",", None)
        comma_width = _string_width(",", separator.fontName, size)
        numbers = sorted(pages)
        for at, page in enumerate(numbers, 1):
            font = (bold if pages[page] else plain).fontName
            width = _string_width(str(page), font, size)
            piece = (font, str(page), f"#{person_anchor(key, page)}".strip())
            if at == len(numbers):  # the last: no comma, no space after
                words.append(_Word(width, (piece,), False))
            else:  # "12," as ReportLab measures it: the number, then the comma
                words.append(_Word(width + comma_width, (piece, comma), True))
        space = _string_width(" ", regular, size)
        if space <= 0:
            return None
        return IndexEntry(tuple(words), space, self.style, head.textColor, size, paragraph,
                          source or entry_source(identity, key, pages))

    def frags(self, identity: Identity, key: str, pages: dict[int, bool]) -> list | None:
        if self._template is None:
            return None
        name = entry_head(identity, getattr(self.style, "quotes", None))
        if "<a" in name or "<link" in name or "<para" in name or "<bullet" in name or any(
                marker in name for marker in _MARKERS):  # links, or math and fallback glyphs (parsed otherwise)
            return None
        head, separator, plain, bold = self._template
        if "<" not in name and "&" not in name:  # text alone: one fragment, as the parser makes it
            cleaned = _cleaned(name)
            if cleaned is None:
                return None
            last = copy_fragment(head)
            last.text = cleaned
            last.link, last.us_lines = [], []
            frags = [last]
        else:
            frags = MathParagraph(name + "\u20020", self.style).frags
            last = frags[-1]
            if not last.text.endswith(" 0"):
                return None
            last.text = last.text[:-1]
        base, lines = last.link, last.us_lines
        if base or any(f.us_lines is not lines for f in frags):
            return None
        for number, page in enumerate(sorted(pages)):
            if number:
                made = copy_fragment(separator)
                made.link = base
                made.us_lines = lines
                frags.append(made)
            made = copy_fragment(bold if pages[page] else plain)
            made.text = str(page)
            made.link = base + [(number, f"#{person_anchor(key, page)}".strip())]
            made.us_lines = lines
            frags.append(made)
        return frags


def _sets_plainly(style: ParagraphStyle, template) -> bool:
    """Whether IndexEntry sets entries of `style` as ReportLab would (`template`: the fragments of a name, a
    separator, a number and a bold number): left aligned; no background, border, bullet, hyphenation, shaping
    or spaces stretched by shrinkage; lines as high as the leading; the fragments of one size and colour, not
    raised, underlined or unbreakable; the separator ", " in the name's font."""
    head, separator, plain, bold = template
    if (style.alignment != TA_LEFT or style.backColor or (style.borderColor and style.borderWidth)
            or getattr(style, "bulletText", None) or style.hyphenationLang or style.uriWasteReduce
            or style.embeddedHyphenation or style.endDots or style.wordWrap or style.spaceShrinkage < 0
            or getattr(style, "autoLeading", "") not in ("", "off", None)
            or (style.shaping and getattr(pdfmetrics.getFont(style.fontName), "shapable", False))):
        return False
    if separator.text != ", " or separator.fontName != head.fontName:
        return False
    return all(f.fontSize == head.fontSize and f.textColor == head.textColor and not f.rise and not f.us_lines
               and not getattr(f, "backColor", None) and not getattr(f, "nobr", False) and not hasattr(f, "cbDefn")
               for f in template)


def entry_source(identity: Identity, key: str, pages: dict[int, bool]) -> tuple:
    """What an entry is made of (with the style and the fonts): the name, the person's key (its links' targets)
    and the pages, as a key (see IndexEntry._kept_key)."""
    return identity.name, identity.family, key, tuple(sorted(pages.items()))


def _drawn_key(cache, source: tuple, width: float, style: ParagraphStyle, canv) -> tuple:
    """What drawing the IndexEntry of `source` (entry_source) in `style` at `width` writes depends on besides the
    fonts' state: its words and lines follow from those and the fonts (paragraphs_key); and the canvas's state,
    as for a Para. Known without making the entry (_Flowables.replayed_at)."""
    return ("entry drawn", source, width, paragraphs_key(cache, (style,)), canvas_state(canv))


class _Word(NamedTuple):
    """A word of an entry as ReportLab's line breaking sees it: its width, its pieces (font, text, link target
    or None), and whether a space follows it."""

    width: float
    pieces: tuple
    spaced: bool


_FUZZ = rl_config._FUZZ


class IndexEntry(KeptDrawing, Flowable):
    """An entry whose name is text alone, set and drawn without a Paragraph: its words are broken into lines
    as ReportLab's breakLines breaks the entry's fragments (greedily, a space's width between words), and
    drawn with the text object calls ReportLab's drawPara makes for them (the same operators, the same
    links), without making, parsing or cloning a fragment: 2,000 entries wrapped and drawn in 0.19 s against
    0.42 s as paragraphs. What it does not set as ReportLab would (a word wider than a line, which ReportLab
    splits; a line whose spaces shrink, drawn with a word spacing) and a split between columns are left to
    the entry as a paragraph (`paragraph()`). tests/test_index_frags.py compares the two. `source`: what the
    entry is made of (entry_source), which keys its kept drawing."""

    def __init__(self, words: tuple, space: float, style: ParagraphStyle, colour, size: float, paragraph,
                 source: tuple):
        super().__init__()
        self.source = source
        self.words = words
        self.space = space  # the width of a space after a word
        self.style = style
        self.colour, self.size = colour, size
        self._paragraph = paragraph  # () -> the entry as a Para
        self._lines = None  # (width given, [(first word, end) of each line])
        self._para = None

    def paragraph(self):
        """The entry as a Para, made when first asked for."""
        if self._para is None:
            self._para = self._paragraph()
        return self._para

    def getSpaceBefore(self):
        return self.style.spaceBefore

    def getSpaceAfter(self):
        return self.style.spaceAfter

    def _break(self, width: float):
        """[(first word, end) of each line] at `width`, as ReportLab's breakLines makes them (a line may take a
        word more when shrinking its spaces by style.spaceShrinkage makes room); None where ReportLab would
        split a word or shrink a line's spaces (drawn with a word spacing): the paragraph sets those."""
        style = self.style
        first = width - (style.leftIndent + style.firstLineIndent) - style.rightIndent
        later = width - style.leftIndent - style.rightIndent
        if max(word.width for word in self.words) > min(first, later):
            return None
        shrinkage, words = style.spaceShrinkage, self.words
        lines, start, current, spacing, room = [], 0, 0, 0, first
        for at, word in enumerate(words):
            new = current + spacing + word.width if word.width > 0 else current
            if new > room and at > start:  # (shrinking spaces only ever adds room)
                limit = room
                if shrinkage:  # as breakLines works it out: the spaces of the line's runs and the one before
                    shrink = spacing
                    for font, text, _ in _runs(words[start:at]):
                        spaces = text.count(" ")
                        if spaces:
                            shrink += spaces * _string_width(" ", font, self.size)
                    shrink *= shrinkage
                    limit += shrink
                if new > limit:
                    if room - current < -1e-8:
                        return None
                    lines.append((start, at))
                    start, current, room = at, word.width, later
                    spacing = self.space if word.spaced else 0
                    continue
            current = new
            spacing = self.space if word.spaced else 0
        if room - current < -1e-8:
            return None
        lines.append((start, len(self.words)))
        return lines

    def wrap(self, availWidth, availHeight):
        if self._lines is None or self._lines[0] != availWidth:
            self._lines = (availWidth, self._break(availWidth) if availWidth >= _FUZZ else None)
        lines = self._lines[1]
        if lines is None:
            return self.paragraph().wrap(availWidth, availHeight)
        self.width, self.height = availWidth, len(lines) * self.style.leading
        return self.width, self.height

    def split(self, availWidth, availHeight):
        self.wrap(availWidth, availHeight)
        lines = self._lines[1]
        if lines is not None and len(lines) == 1:
            return [] if availHeight < self.height else [self]
        return self.paragraph().split(availWidth, availHeight)

    def _kept_key(self, canv):
        """What the operators of drawing this entry depend on besides the fonts' state (see KeptDrawing), in a
        build that keeps layouts (_drawn_key: what it is made of, its width, its style and the fonts, the canvas's
        state); None where it is not kept, or its paragraph draws it."""
        cache = memory.active()
        if cache is None or not cache.warm or self._lines is None or self._lines[1] is None:
            return None
        return _drawn_key(cache, self.source, self._lines[0], self.style, canv)

    def _draw_anew(self):
        if self._lines is not None and self._lines[1] is not None:
            return self._draw_lines()
        para = self.paragraph()
        para.canv = self.canv
        try:
            return para.draw()
        finally:
            del para.canv

    def _draw_lines(self):
        lines = self._lines[1]
        canvas, style, size = self.canv, self.style, self.size
        leading, indent = style.leading, style.leftIndent
        ascent = size if rl_config.paraFontSizeHeightOffset else max(
            pdfmetrics.getAscentDescent(font, size)[0]
            for word in self.words[lines[0][0]:lines[0][1]] for font, _, _ in word.pieces)
        cur_y = self.height - ascent
        canvas.saveState()
        tx = text_object(canvas, indent, cur_y)
        tx._leading, tx._fontname, tx._fontsize = None, None, None
        coloured = False
        for number, (start, end) in enumerate(lines):
            offset = style.firstLineIndent if number == 0 else 0
            tx._x_offset = offset
            setXPos(tx, offset)
            x0, cur_x = tx._x0, offset + indent
            if tx._leading != leading:
                tx.setLeading(leading)
            links, open_link = [], None  # (target, start) of the link being drawn
            runs = _runs(self.words[start:end])
            for at, (font, text, target) in enumerate(runs):
                # (where a link ends: the run before it without its trailing space, measured in its font, before the
                # font changes; measured only where one ends)
                if open_link is not None and open_link[0] != target:
                    links.append((open_link, cur_x - (_trailingSpaceLength(runs[at - 1][1], tx) if at else 0)))
                    open_link = None
                if (tx._fontname, tx._fontsize) != (font, size):
                    tx._setFont(font, size)
                if not coloured:
                    tx.setFillColor(self.colour)
                    coloured = True
                tx._textOut(text, at == len(runs) - 1)
                if target is not None and open_link is None:
                    open_link = (target, cur_x)
                cur_x += _string_width(text, tx._fontname, tx._fontsize)
            if open_link is not None:
                links.append((open_link, cur_x))
            if tx._x0 != x0:
                setXPos(tx, x0 - tx._x0)
            setXPos(tx, -offset)
            low, high = -DEPTH * size, size
            for (target, x1), x2 in links:
                canvas.linkRect("", target[1:], (x1, cur_y + low, x2, cur_y + high), relative=1)
            cur_y -= leading
        canvas.drawText(tx)
        canvas.restoreState()


def _runs(words) -> list[list]:
    """A line's words -> its runs [font, text, link target], as ReportLab's breakLines joins them."""
    runs: list[list] = []
    spaced = False
    for word in words:
        _add_word(runs, word, spaced)
        spaced = word.spaced
    return runs


def _add_word(runs: list[list], word: _Word, spaced: bool) -> None:
    """`word` added to a line's `runs` (`spaced`: after a space), as breakLines adds it: its first piece goes on
    with the run before when it looks the same, its other pieces start runs of their own, and a run before a
    new one ends with the space between them."""
    font, text, target = word.pieces[0]
    if not runs:
        runs.append([font, text, target])
    elif runs[-1][0] != font or runs[-1][2] != target:
        if spaced and not runs[-1][1].endswith(" "):
            runs[-1][1] += " "
        runs.append([font, text, target])
    elif spaced:
        runs[-1][1] += text if runs[-1][1].endswith(" ") else " " + text
    else:
        runs[-1][1] += text
    runs.extend([*piece] for piece in word.pieces[1:])


def _kept_on(plan: list[tuple[str, object]]) -> frozenset[int]:
    """The entries of `plan` that keep with the entry after them (columns.keep_with_last): each letter's last but
    one, so that no column starts with a letter's last entry alone (with the letter heading kept with two, a letter
    of two or three entries stays whole; of four, it splits two and two at most)."""
    starts = [at for at, (kind, _) in enumerate(plan) if kind == "letter"] + [len(plan)]
    return frozenset(end - 2 for start, end in zip(starts, starts[1:]) if end - start > 2)


class _Flowables(MadeWhenAsked):
    """The entries as flowables, a letter heading before each letter's first: each made when first asked
    for (ten thousand paragraphs are not parsed before the first page is filled)."""

    def __init__(self, ctx: Context, entries: list, links: bool = True):
        self.links = links
        s = ctx.styles
        size = s.body.fontSize
        indent = size * 1.2
        self.entry_style = ParagraphStyle("index_entry", parent=s.body, fontSize=size * 0.85, leading=size * 1.08,
                                          alignment=TA_LEFT, leftIndent=indent, firstLineIndent=-indent,
                                          # a line of an entry is never alone at a column's top or foot ("932"
                                          # with no name): two lines or three move on whole
                                          hyphenationLang=None, allowWidows=0, allowOrphans=0)
        self.letter_style = ParagraphStyle("index_letter", parent=s.body, fontName=SANS + "-Bold",
                                           fontSize=size * 1.05, leading=size * 1.3, textColor=ctx.colours.primary,
                                           spaceBefore=size * 0.7, spaceAfter=size * 0.15, keepWithNext=1)
        self.plan: list[tuple[str, object]] = []  # ("letter", markup) or ("entry", (identity, key, pages))
        letter = None
        for entry in entries:
            filed = heading(split_name(entry[0].name, entry[0].family), ctx.booklet.conference.language)
            if filed != letter:
                self.plan.append(("letter", filed))
                letter = filed
            self.plan.append(("entry", entry))
        letters = [index for index, (kind, _) in enumerate(self.plan) if kind == "letter"]
        shown = letter_headings(ctx, [self.plan[i][1] for i in letters], self.letter_style.fontSize)
        for index, text in zip(letters, shown):
            self.plan[index] = ("letter", text)
        self._kept_on = _kept_on(self.plan)
        self._made: dict[int, Flowable] = {}
        self._sources: dict[int, tuple] = {}
        self._fast = EntryFrags(self.entry_style) if links else None  # entries' fragments made unparsed
        cache = memory.active()
        self._keeps = cache is not None and cache.warm  # ... and kept as their parse (Para.parsed)

    scale = 1.0  # of the entries' leading and the letters' leading and spaces (closer)

    def closer(self, scale: float) -> _Flowables:
        """The same entries and letters set closer: their leading and the letters' spaces at `scale` (columns.Columns
        sets a list closer to end it a page earlier, rather than on a page of a few names: Columns._closer)."""
        made = copy.copy(self)
        made.scale = self.scale * scale
        made.entry_style = closer_style(self.entry_style, scale)
        made.letter_style = closer_style(self.letter_style, scale)
        made._made = {}
        made._fast = EntryFrags(made.entry_style) if self.links else None
        return made

    def content_key(self):
        """What the entries' layout depends on (see columns.Columns): each letter and each entry's
        name and pages, whether pages are links, the two styles and the fonts (in a build whose cache
        serves later builds; else None)."""
        cache = memory.active()
        if cache is None or not cache.warm:
            return None
        plan = tuple((kind, value if kind == "letter" else self._source(index))
                     for index, (kind, value) in enumerate(self.plan))
        return cache.number(("index", plan, self.links, paragraphs_key(cache, (self.entry_style, self.letter_style))))

    def _source(self, index: int) -> tuple:
        """entry_source of the entry at `index` (worked out once)."""
        found = self._sources.get(index)
        if found is None:
            found = self._sources[index] = entry_source(*self.plan[index][1])
        return found

    def _make(self, index: int) -> Flowable:
        kind, value = self.plan[index]
        if kind == "letter":
            return Para(value, self.letter_style)  # (markup: common.letter_headings)
        made = self._fast.entry(*value, lambda value=value: self._paragraph(value),
                                self._source(index)) if self._fast else None
        if made is None:
            made = self._paragraph(value)
        if index in self._kept_on:
            keep_with_last(made)
        return made

    def replayed_at(self, index: int, canvas, x: float, y: float, width: float) -> bool:
        """The entry at `index` drawn at (x, y), `width` wide, from the drawing its IndexEntry kept in an earlier
        build (see IndexEntry._kept_key), without making it; False, and nothing drawn, when there is none to
        replay (a letter, an entry its paragraph sets, fonts that give other codes now). Columns asks, for
        the entries of a page it filled as an earlier build did."""
        if self._fast is None or not self._fast._set or self.plan[index][0] != "entry":
            return False
        cache = memory.active()
        if cache is None or not cache.warm:
            return False
        kept = cache.peek("layouts", _drawn_key(cache, self._source(index), width, self.entry_style, canvas))
        return replayed_on(canvas, x, y, kept)

    def _paragraph(self, value) -> Para:
        """The entry (identity, key, pages) as a Para."""
        text = entry_markup(*value, self.links, getattr(self.entry_style, "quotes", None))
        if self._keeps and self._fast is not None:  # as Para(text), kept as its parse; made without
            return Para.parsed(text, self.entry_style,  # parsing it when no kept parse serves
                               lambda fast=self._fast, value=value: fast.frags(*value))
        frags = self._fast.frags(*value) if self._fast is not None else None
        if frags is None:
            return Para(text, self.entry_style)
        return Para(cleanBlockQuotedText(text), self.entry_style, frags=frags)  # as Para(text), unparsed
