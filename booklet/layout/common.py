"""The Booklet model -> what every section shares: link keys, the schedule of each talk, text helpers."""

from __future__ import annotations

import datetime as dt
import html
import math
import re
import unicodedata
import weakref
from dataclasses import dataclass, fields
from functools import cached_property

from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from ..text import markup
from ..text.fonts import mono_name, register_fonts
from ..text.names import DIGITS, script_names, sort_key, split_name, text_key
from ..data.contract import placeholder_name
from ..data.fields import as_written
from ..data.people import People
from ..data.theme import filled, font_set, labels_for, quotes_for
from ..model import Abstract, Booklet, Day, Identity, Item, Person, Poster, Session, Tutorial
from .marks import PERSON_CALLBACK, person_key
from .flowables import Para, Photo, _frozen, paragraphs_key
from .page import Page
from .styles import Palette, Styles, hyphenation_language, make_palette, make_styles

CODE_SIZE = 0.85  # of the text's size (and leading): a block of code, set in the code font (text.fonts.MONO)
PHOTO_WIDTH = 22 * mm  # a speaker's or presenter's photo, fitted inside this box
PHOTO_HEIGHT = 27.5 * mm


def title_numbers(tutorials, labels: dict) -> list[str | None]:
    """The number each tutorial's title gives itself after the word of the label "tutorial" (its language's, or as
    theme.yaml says: 'Tutorial 15' -> '15', for 'TUTORIAL {number}'), in file order; None for a title that gives none
    (every one, when the label has no word)."""
    word = filled(labels["tutorial"], number="").strip()
    if not word:
        return [None] * len(tutorials)
    found = [re.match(rf"\s*{re.escape(word)}\s+(\d+)\b", markup.plain(t.title), re.IGNORECASE) for t in tutorials]
    return [str(int(match.group(1))) if match else None for match in found]


def titles_number_labels(numbers: list[str | None]) -> bool:
    """Whether the titles' own numbers (title_numbers) are the ones the tutorials' labels print: every title gives
    one, and no two the same (Context.tutorial_number)."""
    return None not in numbers and len(set(numbers)) == len(numbers)


@dataclass(frozen=True)
class Slot:
    """When and where a talk or tutorial is given: its day, item and session."""

    day_index: int
    day: Day
    item: Item
    session: Session | None
    date: dt.date  # the date it is given on: its day's, or the next for an item after midnight (Day.clock)


class Context:
    """Everything a section's layout needs: the model, the page, the styles and the link keys."""

    def __init__(self, booklet: Booklet, page: Page):
        register_fonts(font_set(booklet.theme))
        self.booklet = booklet
        self.page = page
        self.colours: Palette = make_palette(booklet.theme, page.process)
        self.labels = labels_for(booklet.conference.language, booklet.theme.labels)
        self.quotes = quotes_for(booklet.conference.language, booklet.theme.labels)
        self.styles: Styles = make_styles(page, booklet.conference.language, self.colours, self.quotes)
        self._abstract_keys = {a.id: abstract_key_at(i) for i, a in enumerate(booklet.abstracts)}
        self._tutorial_keys = {t.id: f"tutorial-{t.number}" for t in booklet.tutorials}
        self.theme = booklet.theme
        self.sections = tuple(booklet.theme.sections)  # the sections printed, in order
        # abstracts by day: each day's programme, then its abstracts, tutorials and posters (needs a programme)
        self.by_day = (booklet.theme.abstracts_placement == "by-day" and "programme" in self.sections
                       and bool(booklet.days))
        self.flow = flows(booklet, page, self.styles)  # several abstracts to a page
        # an abstract's text in one column or two: as the theme says, or as wide as the page is (Page.text_columns)
        self.text_columns = {"1": 1, "2": 2}.get(booklet.theme.abstracts_columns, page.text_columns)
        self.poster_days = poster_days(booklet) if self.by_day else {}  # poster index -> its day's index
        self._item_days = {id(item): index for index, day in enumerate(booklet.days) for item in day.items()}
        self.people = People(booklet.people)  # who each name as written is (people.yaml)
        self.person_keys: dict[Identity, str] = {}  # each person named so far -> the key the canvas notes (key_of)
        self.key_owners: dict[str, Identity] = {}  # the same the other way round (key_of keeps the two in step)
        self.naming: list[Identity] | None = None  # when a list: each person `named` is added to it, in order
        self.known_people: dict[str, dict[int, bool]] | None = None  # from an earlier pass (see layout.index)
        self.index_links = True  # the index's page numbers are links (not in a pass that learns the pages)
        self._derived_styles: dict[tuple, ParagraphStyle] = {}  # see _derived
        # the Context this one is a copy of with a day's rows set smaller (programme._sized), whose rows are as the
        # theme sets them; None: this one's are
        self.as_set: Context | None = None
        # id(block) -> the height of the tallest row of its tracks side by side as set (programme._side_by_side):
        # measured once, not again at each closer or smaller try of its day (shared with the copies _sized makes)
        self.tallest_track_row: dict[int, float] = {}
        # (session_orders, slots and abstract_order: made when first asked, of the Context made whole)

    # programme order, made when first asked: session_orders measures the programme's lines in a copy of this Context,
    # which is then whole (made before __init__ ended, it was a copy of what __init__ had set so far)

    @cached_property
    def session_orders(self) -> dict[int, tuple[int, ...]]:
        """The order the programme prints each block of parallel sessions in, where not the data's (programme.
        session_orders, by id(block)): programme order, which the abstracts (and the proofs, and an abstract's slot)
        follow."""
        from .programme import session_orders  # (programme builds on this module)

        return session_orders(self)

    @cached_property
    def slots(self) -> dict[str, Slot]:
        """Where each abstract and tutorial is first given, in programme order (_first_slots)."""
        return _first_slots(self.booklet, self.session_orders)

    @cached_property
    def abstract_order(self) -> list[tuple[int | None, Abstract]]:
        """(day index or None, abstract) in programme order (_abstracts_in_programme_order)."""
        return _abstracts_in_programme_order(self.booklet, self.slots)

    def named(self, name: str, presenting: bool = False, whole: bool = False) -> str:
        """A person's name as markup that notes, where it is drawn, that the person is on that page (and
        presents there, or not): what the index of authors lists. The mark follows the name's last letter,
        part of its last word: a mark before the name would stay at the end of the line before it when
        the line breaks there (and on the page before, when the page does). A line never breaks after an initial;
        `whole`: nor inside a name of up to WHOLE_NAME characters (in a list of names: "Nora / Bakke")."""
        # as it prints: a character the fonts leave out (lint warns) left no space behind it, before what follows
        # the name ("Bo Jones 🎉" printed "Bo Jones ², Cy Lee", "Chairs: Mei Chen , Ana Smith")
        name = markup.printed_words(name) or name
        if placeholder_name(name):  # "TBA", "N.N.": printed (lint warns), never listed in the index of authors
            return markup.inline(kept_whole(name) if whole else name)
        identity = self.people.of(name)
        key = self.key_of(identity)
        if self.naming is not None:
            self.naming.append(identity)
        mark = f'<onDraw name="{PERSON_CALLBACK}" label="{key}:{int(presenting)}"/>'
        if whole and kept_whole(name) != name:
            return markup.inline(kept_whole(name)) + mark
        return markup.inline(initials_held(name)) + mark

    def key_of(self, identity: Identity, wanted: str | None = None, give: bool = True) -> str:
        """The key person `identity` is marked and linked by (marks.person_key), given them when first asked and the
        same after: `wanted` (a part's own key, output.parallel) when no one else has it. `give` False: the key they
        have or would be given now, not given. The one place person_keys and key_owners are added to."""
        key = self.person_keys.get(identity)
        if key is None:
            owners = self.key_owners
            free = wanted is not None and owners.get(wanted, identity) == identity
            key = wanted if free else person_key(identity, owners)
            if give:
                self.person_keys[identity] = key
                owners[key] = identity
        return key

    def forget_keys(self) -> None:
        """No one has a key yet (a copy of a Context that names people apart from it: programme._measured_orders)."""
        self.person_keys, self.key_owners = {}, {}

    def look_key(self, cache) -> tuple:
        """What any text this context sets reads besides its own values, as a key of a layout kept in `cache` (the
        build's): the booklet's language, the theme (its labels, colours, sections, fonts), the palette, every
        style's values and the fonts in use (paragraphs_key), and the page."""
        styles = [getattr(self.styles, f.name) for f in fields(self.styles)]
        return (self.booklet.conference.language, _frozen(vars(self.theme)), _frozen(self.colours),
                paragraphs_key(cache, styles), self.page)

    def label(self, key: str, **values) -> str:
        """A fixed word of the booklet in its language (or as theme.yaml says), e.g. label("day", number=2),
        as plain text: markup.inline() it for a paragraph. An abstract's kind is its label's key."""
        return filled(self.labels[key], **values)

    def photo(self, path) -> Photo:
        """A portrait flowable at the photo size (its resolution is checked by lint, see layout.placed)."""
        return Photo(path, PHOTO_WIDTH, PHOTO_HEIGHT, self.page.process)

    def abstract_key(self, abstract: Abstract) -> str:
        return self._abstract_keys[abstract.id]

    def tutorial_key(self, tutorial) -> str:
        return self._tutorial_keys[tutorial.id]

    def tutorial_number(self, tutorial: Tutorial) -> int | str:
        """The number a tutorial's label, its outline and contents entries print: the title's own when every
        tutorial's title begins with the label's word and a number, each another ("Tutorial 15", in a book whose label
        is "TUTORIAL {number}"), else its place in tutorials.yaml (SIGDIAL 2020 numbered its tutorials in their titles
        after three others, and the label "TUTORIAL 18" stood over the title "Tutorial 15"). Not some of each: a
        title's number beside another's place printed two labels alike ("Tutorial 2" after a second tutorial titled
        otherwise), as did two titles of one number."""
        own = self._titles_numbered
        return own[tutorial.number - 1] if own and 0 < tutorial.number <= len(own) else tutorial.number

    @cached_property
    def _titles_numbered(self) -> tuple[str, ...] | None:
        """The number each tutorial's title gives itself (title_numbers), in file order, when every one does and no
        two alike; else None (tutorial_number: found once, not again for each label, outline and contents entry)."""
        numbers = title_numbers(self.booklet.tutorials, self.labels)
        return tuple(numbers) if titles_number_labels(numbers) else None

    def has(self, section: str) -> bool:
        """Whether theme.yaml's `sections` prints this section."""
        return section in self.sections

    def abstract_ref(self, abstract: Abstract) -> str | None:
        """The link key a programme line points at for this talk; None when the abstracts are not printed."""
        return self.abstract_key(abstract) if self.has("abstracts") else None

    def tutorial_ref(self, tutorial: Tutorial) -> str | None:
        return self.tutorial_key(tutorial) if self.has("tutorials") else None

    def poster_ref(self, item: Item) -> str | None:
        """Where a poster-session line of the programme points: the posters listed on its day (abstracts
        by day), else the Posters section; None when no posters are printed."""
        if not self.booklet.posters or not self.has("posters"):
            return None
        day = self._item_days.get(id(item))
        if self.by_day:
            if day is not None and day in self.poster_days.values():
                return posters_day_key(day)
            if None in self.poster_days.values():
                return "posters"
            days = sorted(set(self.poster_days.values()))
            return posters_day_key(days[0]) if days else None
        return "posters"

    def abstract_groups(self) -> list[tuple[int | None, list[Abstract]]]:
        """(day index, or None for abstracts not in the programme; its abstracts), in programme order."""
        groups: list[tuple[int | None, list[Abstract]]] = []
        for day_index, abstract in self.abstract_order:
            if not groups or groups[-1][0] != day_index:
                groups.append((day_index, []))
            groups[-1][1].append(abstract)
        return groups

    def tutorials_of(self, day_index: int | None) -> list[Tutorial]:
        """The tutorials scheduled on that day (None: those not in the programme), in number order."""
        slot_day = {t.id: (slot.day_index if (slot := self.slots.get("tutorial:" + t.id)) else None)
                    for t in self.booklet.tutorials}
        return [t for t in self.booklet.tutorials if slot_day[t.id] == day_index]

    def posters_of(self, day_index: int | None) -> list[int]:
        """Indices (into booklet.posters) of the posters listed with that day (abstracts by day; None:
        those of no day), in data order."""
        return [i for i in range(len(self.booklet.posters)) if self.poster_days.get(i) == day_index]

    def in_language(self, style, language: str | None):
        """`style` for a text in `language` (an abstract's, when the data gives it): hyphenated with that
        language's patterns (none: not hyphenated; a style that hyphenates nothing, a title's, as it is, but a word
        wider than a whole line, with that language's patterns: `wideWordsLang`, text.linebreak), its
        straight quotes printed as that language's quotation marks (its label `quotes`; the booklet's own language's
        as theme.yaml may set them), its one-letter words tied as the language ties them (markup.language_ties: its
        `language`); `style` itself when that is how it sets them already."""
        if not language:
            return style
        hyphen = hyphenation_language(language) if style.hyphenationLang else style.hyphenationLang
        quotes = self.quotes_of(language)
        ties = markup.ties_of(language)
        wide = hyphenation_language(language) if getattr(style, "wideWordsLang", None) else None
        if hyphen == style.hyphenationLang and quotes == getattr(style, "quotes", None) and \
                ties == markup.ties_of(getattr(style, "language", None)) and \
                wide == getattr(style, "wideWordsLang", None):
            return style
        return self.derived(style, f"{style.name}_{hyphen}", quotes, ties, wide, hyphenationLang=hyphen, quotes=quotes,
                            language=language, wideWordsLang=wide)

    def quotes_of(self, language: str | None) -> tuple[str, str, str, str]:
        """The quotation marks straight quotes in a text in `language` (None: the booklet's) print as."""
        if not language or _code(language) == _code(self.booklet.conference.language):
            return self.quotes
        return quotes_for(language)

    def paras(self, text: str, style) -> list[Para]:
        """Paragraphs of user text (escaped, with math and emphasis), one per blank-line-separated block and list
        item; an item's lines after its first are indented to its text, after the bullet or number; a paragraph that
        leads into the next (a heading, a line ending with a colon: _HEADING_LIKE; a short question alone: _ASKS) is
        kept with it, and so is a
        paragraph or item right before a block of code that ends with a colon or is short (SHORT_LEAD); a short
        paragraph (SHORT_LEAD) ending with a colon, or with no end to its sentence (_RUNS_ON: "I'm going to
        introduce"), right before a list is kept with its first item, and that item,
        short too, with the next: "... the following:" never ends a page with one item or none; before a paragraph, it
        is kept with that paragraph's first lines (two or more: no orphans). A longer lead-in ending
        with a colon keeps its last lines with the list or paragraph (keepTailWithNext: at a page's or column's foot it
        is broken, two lines or more staying, its last lines going on with the first items or lines; one of 3 lines
        goes on whole; see
        flowables.Continues._split): kept whole with what follows, a 12-line lead-in and an 8-line item took FOSDEM
        2025's p. 131 from its abstract, four fifths of the page left empty, and left to fall where it fell, a 4-line
        lead-in ended p. 616 with one item of five; its first item, short, is kept with the next as after a short one.
        (A longer item stays where it falls.) A list item ending with a colon, something after it, is kept with it as
        such a paragraph is (short: whole; longer: its last lines), and the item after it, short, with a next item as
        a list's first item is. A run of them taller than a column or page is set where it falls (columns._headings_on,
        flowables.Continues._fits_next_page). A list nested in an item is indented to that item's text, its bullets or
        numbers under it. The items of a list (at one depth, one after another) start
        their text at one indent, after the widest of their numbers ("9." and "10.")."""
        made = []
        texts = [style.leftIndent]  # where the text of the last item at each depth starts (depth 0: the column's)
        paragraphs = markup.paragraphs(text)
        marks = [None if isinstance(text, markup.Code) else markup.ITEM_MARK.match(text) for text in paragraphs]
        widest = _widest_marks(paragraphs, marks, style)

        def item_next(at: int) -> bool:  # the paragraph after paragraphs[at] is a list's item
            return at + 1 < len(marks) and marks[at + 1] is not None

        def ends_with_colon(at: int) -> bool:  # paragraphs[at] is text (a paragraph or an item) ending with a colon
            return not isinstance(paragraphs[at], markup.Code) and bool(_LEADS_IN.search(paragraphs[at]))

        def runs_into_list(at: int) -> bool:  # paragraphs[at] is a short paragraph (not an item) with no end to its
            # sentence, a list's item next: it goes on in the list as a line ending with a colon does (DebConf17's
            # "I'm going to introduce", then three items: it ended the left column of A4 p. 50, its items the right)
            return marks[at] is None and item_next(at) and not isinstance(paragraphs[at], markup.Code) \
                and _short(paragraphs[at]) and _runs_on(paragraphs[at])

        def asks(at: int) -> bool:  # paragraphs[at] is a short question alone, more text after it
            return at + 1 < len(paragraphs) and bool(_ASKS.fullmatch(_shown(paragraphs[at])))

        for at, (text, found) in enumerate(zip(paragraphs, marks)):
            if isinstance(text, markup.Code):
                made += self._code_lines(text, self._code_style(style))
                continue
            before_code = at + 1 < len(paragraphs) and isinstance(paragraphs[at + 1], markup.Code) \
                and (_LEADS_IN.search(text) or _short(text))  # ("... as follows:", "Having the data in a dict like")
            into_text = at + 1 < len(paragraphs) and ends_with_colon(at)  # ("... including:", then a list; "... of
            # two phases:", then a paragraph, or "– " lines read as paragraphs: 36c3's "... which consists of two
            # phases:" ended A4 p. 99's left column, the phases in the right; DebConf17's "... on some key goals like:"
            # ended p. 48's)
            leading = before_code or (into_text and _short(text)) or runs_into_list(at)  # (a short one)
            if found is None and (_HEADING_LIKE.fullmatch(text) or leading or asks(at)):  # (never the last on a page,
                made.append(Para(text, self.derived(style, f"{style.name}_lead", keepWithNext=1)))  # its text next)
            elif found is None and into_text:  # a longer one: its last lines go on
                made.append(Para(text, self.derived(style, f"{style.name}_lead_tail", keepTailWithNext=1)))
            elif found is None:
                made.append(Para(text, style))
            else:  # the mark as the paragraph's bullet: justifying its first line does not widen the space after it
                bullet = found.group()[:-1]
                level = min(getattr(text, "level", 0), len(texts) - 1)
                item = self._item_style(style, widest[at], texts[level])
                del texts[level + 1:]
                texts.append(item.leftIndent)
                led = at and item_next(at) and (ends_with_colon(at - 1) or runs_into_list(at - 1)) and _short(text)
                if before_code or (into_text and _short(text)):  # (an item the code under it shows: "It's easy to
                    # get max, min and ..."; an item leading into the next, "3. The Power of Digital Public Goods
                    # (DPGs):", ended FOSDEM 2025's A4 p. 58's left column, "4. Introduction to ..." heading the right)
                    item = self.derived(item, f"{item.name}_lead", item.leftIndent, item.bulletIndent, keepWithNext=1)
                elif into_text:  # (a longer one: its last lines go on, as a paragraph's)
                    item = self.derived(item, f"{item.name}_lead_tail", item.leftIndent, item.bulletIndent,
                                        keepTailWithNext=1)
                elif led:  # (a list's first item, after the line leading into it (a paragraph or an item ending
                    # with a colon), never alone at a page's foot: one more there; kept so as an entry, not as a
                    # heading: columns.Columns may end a column with it and the next, more items following)
                    item = self.derived(item, f"{item.name}_led", item.leftIndent, item.bulletIndent, keepWithNext=1,
                                        keeps_last=True)
                closer = getattr(style, "item_space", None)  # (an entry set tight: abstracts.tight_style)
                if closer is not None and item_next(at):  # the space between two items of a list, closer
                    item = self.derived(item, f"{item.name}_closer", item.leftIndent, item.bulletIndent, closer,
                                        spaceAfter=closer)
                made.append(Para(text[found.end():], item, bulletText=bullet))
        return made

    def _code_style(self, style) -> ParagraphStyle:
        """`style` for a block of code: in the code font, a little smaller, set ragged and indented, its words
        never hyphenated (a line too long breaks at a space, or in a word wider than the line), its quotes straight."""
        size = style.fontSize * CODE_SIZE
        return self.derived(style, f"{style.name}_code", fontName=mono_name(), fontSize=size,
                            leading=style.leading * CODE_SIZE, alignment=TA_LEFT,
                            leftIndent=style.leftIndent + style.fontSize, firstLineIndent=0, hyphenationLang="",
                            embeddedHyphenation=0, uriWasteReduce=0, splitLongWords=1, quotes=None)

    def _code_lines(self, code: str, style) -> list[Para]:
        """A block of code's markup, a paragraph a line in `style`: a line too long for the column wraps under its
        own indent (its leading no-break spaces) and an em further, not at the block's edge; the block's space
        before its first line and after its last (a line empty in the code keeps its height). Its first line is kept
        with the second, and the one before its last with the last: no page ends with a block's first line alone (or
        with a line leading into it, kept with that first line, and one line of it), and none begins with its last
        line alone (a review found "say ..." alone at the top of a page, the three lines before it on the page
        before)."""
        lines = code.split("<br/>")
        space = stringWidth("\u00a0", style.fontName, style.fontSize)
        made = []
        for n, line in enumerate(lines):
            lead = len(_CODE_INDENT.match(line).group(1))
            hang = round(lead * space + style.fontSize, 2)
            first, last = n == 0, n == len(lines) - 1
            kept = int(n in (0, len(lines) - 2) and not last)
            made.append(Para(line or "\u00a0", self.derived(
                style, f"{style.name}_line", lead, first, last, kept,
                leftIndent=style.leftIndent + hang, firstLineIndent=-hang, keepWithNext=kept,
                spaceBefore=style.spaceBefore if first else 0, spaceAfter=style.spaceAfter if last else 0)))
        return made

    def _item_style(self, style, widest: str, at: float | None = None) -> ParagraphStyle:
        """`style` for a list item of a list whose widest bullet or number is `widest`, in the text's font at `at` (the
        left of `style`'s column when None; a nested list's, its item's text): its lines indented to where ReportLab
        starts the first one's text after that mark (after it and 0.6 of the type size; rounded up, so that the first
        line is never pushed right of the others)."""
        width = math.ceil((stringWidth(widest, style.fontName, style.fontSize) + 0.6 * style.fontSize) * 100) / 100
        at = style.leftIndent if at is None else at
        tell = (width,) if at == style.leftIndent else (width, at)
        return self.derived(style, f"{style.name}_item", *tell, leftIndent=at + width, bulletIndent=at,
                             bulletFontName=style.fontName, bulletFontSize=style.fontSize, bulletColor=style.textColor)

    def derived(self, style, name: str, *tell, **changes) -> ParagraphStyle:
        """`style` with `changes`, called `name` (with `tell`, what tells apart two made with the same name), made
        once a Context, while `style` is the style it was made from."""
        key = (style.name, name, *tell)
        found = self._derived_styles.get(key)
        if found is None or found.parent is not style:
            found = self._derived_styles[key] = ParagraphStyle(name, parent=style, **changes)
        return found


def _widest_marks(paragraphs: list[str], marks: list, style) -> dict[int, str]:
    """For each list item of `paragraphs` (by its place; `marks`: each one's ITEM_MARK match, or None), the widest
    mark (bullet or number) of its list: the items at its depth one after another, to a paragraph that is no item or
    an item less deep (in `style`'s font)."""
    open_lists: dict[int, list] = {}  # depth -> the items of the list open at it
    lists: list[list] = []
    for at, (text, found) in enumerate(zip(paragraphs, marks)):
        if found is None:
            open_lists.clear()
            continue
        level = getattr(text, "level", 0)
        for deeper in [depth for depth in open_lists if depth > level]:
            del open_lists[deeper]
        if level not in open_lists:
            open_lists[level] = []
            lists.append(open_lists[level])
        open_lists[level].append((at, found.group()[:-1]))
    widest: dict[int, str] = {}
    for items in lists:
        mark = max((mark for _, mark in items), key=lambda m: stringWidth(m, style.fontName, style.fontSize))
        widest.update((at, mark) for at, _ in items)
    return widest


# A paragraph that leads into the next: a heading (a short line all bold, "**Results**", not a bold sentence) or a
# short line ending with a colon ("Literatur:", "We found:" before a list)
_HEADING_LIKE = re.compile(r"<b>[^<]{1,80}(?<![.!?])</b>|[^<]{1,60}:")
# A paragraph of a short question alone (three words at most: "Who?", "How?", "Pour qui ?"), before more text: a
# heading the text answers, kept with it (DebConf17 p. 29 ended with "Pour qui?", its answer on the next page)
_ASKS = re.compile(r"(?:[^\s?]+\s){0,2}[^\s?]+\s?\?")
# A paragraph that ends with a colon (after the tags that close there: "... as follows:", "*Example*:"), any length:
# before a block of code, kept with its first lines
_LEADS_IN = re.compile(r":(?:</[^>]*>)*\s*$")
# A paragraph or list item this short (characters of its text; a line of A5 or so) leads into a block of code right
# after it also without a colon, and is kept with its first lines (the EuroPython import, A5 p. 27: "- It's easy to
# get max, min and standard deviation" ended a page, the line of code it introduced on the next)
SHORT_LEAD = 90
# A paragraph's text that ends mid-sentence (a letter, a digit, a comma: no full stop, no closing bracket or quote):
# short, right before a list, it leads into it as a line ending with a colon does ("I'm going to introduce")
_RUNS_ON = re.compile(r"[\w,]$")
_TAGS = re.compile(r"<[^>]*>")
_ENTITY = re.compile(r"&[#\w]+;")


def _shown(text: str) -> str:
    """A paragraph's markup as the text it shows, stripped: its tags dropped, an entity one character."""
    return _ENTITY.sub("x", _TAGS.sub("", text)).strip()


def _runs_on(text: str) -> bool:
    """Whether a paragraph's markup ends mid-sentence (_RUNS_ON), by the last character it shows: an entity it ends with
    is that character ("&gt;" of "<jane@example.org>": no letter, where _shown counts it as one)."""
    return bool(_RUNS_ON.search(html.unescape(_TAGS.sub("", text)).strip()))


def _short(text: str) -> bool:
    """Whether a paragraph's markup is a text of at most SHORT_LEAD characters."""
    return len(_shown(text)) <= SHORT_LEAD


_CODE_INDENT = re.compile("^(?:<[^>]*>)*(\u00a0*)")  # a code line's indent, after the tags that open it


def _code(language: str) -> str:
    """A language code as it is compared: "EN", "en_GB" and "en-gb" as "en", "en-gb", "en-gb"."""
    return language.replace("_", "-").lower()


def unbroken(text: str) -> str:
    """`text` with its spaces (collapsed) as no-break spaces: a line never breaks inside it."""
    return "\u00a0".join(text.split())


WHOLE_NAME = 30  # characters: a name in a list of names no longer than this is never broken across lines


def kept_whole(text: str) -> str:
    """`text` never broken across lines (its spaces no-break spaces) when it is short, WHOLE_NAME characters at most,
    and holds no math: a name in a list of names, a room, a part of the line over an abstract."""
    return unbroken(text) if len(text) <= WHOLE_NAME and not markup.has_math(text) else text
# an initial ("A.", "J.-P.", "Th.") and the space after it: a line does not break there ("A. / Anane"), the space
# printed as a no-break space; a "$" in the name (math) leaves it as written
_INITIAL = re.compile(r"(?<![^\s(])((?:[^\W\d_]{1,2}\.-?)+) +(?=[^\s$])(?!.*\$)")


def initials_held(name: str) -> str:
    """`name` with the space after each of its initials a no-break space (_INITIAL), looked for only in a name with a
    full stop, which each initial has (a quick look at C speed: 202 of the 14,396 names a build of the sample, d500 and
    real2/* marks have one; _INITIAL starts with a lookbehind, tried at every character)."""
    return _INITIAL.sub("\\1\u00a0", name) if "." in name else name


def abstract_photo(abstract: Abstract):
    """The photo printed beside an abstract's header: the first speaker's that has one, or None."""
    return next((p.photo for p in abstract.speakers if p.photo), None)


def day_key(index: int) -> str:
    return f"day-{index}"


def session_key(day_index: int, number: int) -> str:
    """The key whose pages the build notes for the `number`-th session (Day.sessions: blocks and parallel tracks, in
    printed order) of day `day_index` that has a chair (see flowables.note_pages): what a chair's proof holds."""
    return f"session-{day_index}-{number}"


def chaired_sessions(day_index: int, day) -> dict[int, str]:
    """id(session) -> its session_key, for the sessions of `day` that have a chair (or had: one whose name is left out,
    the fonts printing nothing of it, has a proof for no one)."""
    return {id(session): session_key(day_index, number) for number, session in enumerate(day.sessions())
            if session.chairs or session.chairs_left_out}


def _first_slots(booklet: Booklet, orders: dict[int, tuple[int, ...]]) -> dict[str, Slot]:
    """For each abstract and tutorial id, the first programme item that schedules it, in the order the programme
    prints them (`orders`: Context.session_orders)."""
    slots: dict[str, Slot] = {}
    for index, day in enumerate(booklet.days):
        clock = None
        for item, session in day.items_with_sessions(orders):
            target = item.abstract or item.tutorial
            key = ("abstract:" if item.abstract else "tutorial:") + target.id if target is not None else None
            if key is not None and key not in slots:
                if clock is None:  # (a day with no timed items: {}, asked once)
                    clock = day.clock()
                late = clock.get(id(item), (0, None))[0] // (24 * 60)  # after midnight: 1
                slots[key] = Slot(index, day, item, session, day.date + dt.timedelta(days=late) if late else day.date)
    return slots


def _abstracts_in_programme_order(booklet: Booklet, slots: dict[str, Slot]):
    """(day index or None, abstract) in programme order; unscheduled abstracts last, in file order."""
    ordered = [
        (slot.day_index, slot.item.abstract)
        for key, slot in slots.items()
        if key.startswith("abstract:")
    ]
    rest = [(None, a) for a in booklet.abstracts if "abstract:" + a.id not in slots]
    return ordered + rest


def posters_day_key(day_index: int) -> str:
    return f"posters-day-{day_index}"


def same_name(text: str) -> str:
    """A name as compared: plain text, spaces collapsed, case folded; a session's name or a title the fonts print
    nothing of as written (two of CJK alone both print the label title_not_printable)."""
    return " ".join(unicodedata.normalize("NFC", markup.plain(as_written(text))).casefold().split())


def poster_days(booklet: Booklet) -> dict[int, int | None]:
    """For each poster (by index), the day whose programme shows it, for abstracts by day.

    A poster's `session:` names a programme session (a session block or parallel track, or the
    title of a poster-session line): that session's day. A poster without one (or naming none of
    them) goes with the day of the programme's poster sessions when they are all on one day;
    otherwise it is listed with no day, in the Posters section."""
    named, poster_items, _ = programme_sessions(booklet)
    fallback = next(iter(poster_items)) if len(poster_items) == 1 else None
    return {i: named.get(same_name(p.session), fallback) if p.session else fallback
            for i, p in enumerate(booklet.posters)}


def poster_slots(booklet: Booklet) -> dict[int, Slot]:
    """Poster index -> the programme item of the poster session it is presented in (its day, time and room), where
    the programme says which: the `kind: poster` line its `session:` names by title, or the one such line of the
    session block it names; a poster naming no session, the programme's one poster-session line. None where that
    is not one line (two poster sessions, and the poster names neither; a session named that is not there). (A
    speaker's proof says when the poster is presented; a heading of posters grouped by a session whose name the fonts
    print nothing of, when: poster_heading.)"""
    lines: dict[str, list[Slot]] = {}  # a poster-session line's title (as compared) -> its lines
    blocks: dict[str, list[Slot]] = {}  # a session block's name -> its poster-session lines
    every: list[Slot] = []
    for index, day in enumerate(booklet.days):
        for item, session in day.items_with_sessions():
            if item.kind != "poster":
                continue
            slot = Slot(index, day, item, session, day.date)
            every.append(slot)
            if item.title:
                lines.setdefault(same_name(item.title), []).append(slot)
            if session is not None:
                blocks.setdefault(same_name(session.name), []).append(slot)
    found = {}
    for number, poster in enumerate(booklet.posters):
        named = same_name(poster.session) if poster.session else None
        slots = (lines.get(named) or blocks.get(named) or []) if named else every
        if len(slots) == 1:
            found[number] = slots[0]
    return found


def programme_sessions(booklet: Booklet) -> tuple[dict[str, int], set[int], list[str]]:
    """What a poster's `session:` may name, as compared (same_name) -> the day it is on: the programme's session
    blocks and parallel tracks, and the titles of its poster-session lines; the days that have such a line; and
    those names as written, in order."""
    named: dict[str, int] = {}
    written: list[str] = []
    poster_items: set[int] = set()
    for index, day in enumerate(booklet.days):
        names = [session.name for session in day.sessions()]
        for item in day.items():
            if item.kind == "poster":
                poster_items.add(index)
                if item.title:
                    names.append(item.title)
        for name in names:
            key = same_name(name)
            if key not in named:
                named[key] = index
                written.append(as_written(name))
    return named, poster_items, written


SHORT_ABSTRACT = 0.5  # of a page's text height: `layout: auto` flows abstracts most of which are shorter than this
FEW_ABSTRACTS = 12  # fewer abstracts than this stay one to a page with `layout: auto`: they cost a few pages at most


def flows(booklet: Booklet, page: Page, styles: Styles) -> bool:
    """Whether the abstracts flow, several to a page: theme.yaml's `layout: flow`; or `auto` on a page whose text is
    set in two columns (A4, letter), where a short abstract alone left two thirds of its page empty, or on any page
    when most of FEW_ABSTRACTS or more abstracts are short (short_abstracts). One to an A5 page, DebConf17's 143
    abstracts, most a third of a page, left some 140 pages two thirds empty."""
    theme = booklet.theme
    if theme.abstracts_layout != "auto":
        return theme.abstracts_layout == "flow"
    if page.text_columns > 1:
        return True
    return kept_for(_FLOWS, booklet, page, lambda: short_abstracts(booklet, page, styles))


# the last answer of short_abstracts (kept_for): 0.07 s for 2,000 abstracts, each time asked
_FLOWS: list = []


def kept_for(kept: list, booklet: Booklet, page: Page, make):
    """make()'s answer for `booklet` and `page`, kept in `kept` (a module's list: the booklet, a weak reference, the
    page and the answer) for the last booklet and page it was asked of: the checks (lint.fit, lint.cover), the story
    and each worker make a Context of the same booklet and ask again; a booklet read again (an edit) is asked anew."""
    if kept and kept[0]() is booklet and kept[1] == page:
        return kept[2]
    answer = make()
    kept[:] = weakref.ref(booklet), page, answer
    return answer


def short_abstracts(booklet: Booklet, page: Page, styles: Styles) -> bool:
    """Whether there are FEW_ABSTRACTS abstracts or more and the median one, of all of them, is estimated shorter than
    SHORT_ABSTRACT of the page's text height (abstracts.estimated_height: from the widths of its words, header and
    text, no layout made). Every abstract counts: a median of some, as a sample picked them, told 39C3's 659 (median
    0.53 of a page) to flow."""
    from .abstracts import estimated_height  # (abstracts builds on this module)

    abstracts = booklet.abstracts
    if len(abstracts) < FEW_ABSTRACTS:
        return False
    # the median ((n - 1) // 2 in sorted order) is short when more than that many are: counted until either side has
    # enough, so that about half of them are estimated where most are alike (the 2,000-talk book's: 1,008 of 2,000,
    # made in the build's process before its workers start, the other core idle: 0.17 -> 0.07 s of CPU, loaded)
    short, limit = SHORT_ABSTRACT * page.text_height, (len(abstracts) - 1) // 2
    shorter = longer = 0
    for abstract in abstracts:
        if estimated_height(styles, page.text_width, abstract) < short:
            shorter += 1
            if shorter > limit:
                return True
        else:
            longer += 1
            if longer >= len(abstracts) - limit:
                return False
    return shorter > limit  # (not reached: every abstract counts on one side, and one side reaches its count)


def sorted_posters(posters: tuple[Poster, ...], indices: list[int], by: str, people: People | None = None,
                   language: str | None = None) -> list[int]:
    """`indices` (into `posters`) in the order theme.yaml's `posters: {sort: ...}` asks for: number; author (the
    first author's name as the index of authors files it: family name, given names, people.yaml's family names);
    or title. Names and titles are collated as the index is, in `language`'s order (text.names). Ties by number."""
    people = people or People(())

    def key(i: int):
        poster = posters[i]
        if by == "author":
            identity = people.of(poster.authors[0].name if poster.authors else "")
            return (sort_key(split_name(identity.name, identity.family), language), poster.number, i)
        if by == "title":
            return (text_key(markup.plain(poster.title), language), poster.number, i)
        return (poster.number, i)

    return sorted(indices, key=key)


def poster_groups(booklet: Booklet, indices: list[int], by: str | None) -> list[tuple[str | None, list[int]]]:
    """`indices` under headings: (heading, indices) by the posters' `session:` or `topic:`.

    Groups come in the order they are first named in posters.yaml (sessions: in programme order
    when they name a programme session); posters that name none come last, headed None. When no
    poster names one, there is one group, headed None, and no heading is printed."""
    posters = booklet.posters
    if by not in ("session", "topic"):
        return [(None, list(indices))]
    value = (lambda p: p.session) if by == "session" else (lambda p: p.topic)
    heads: dict[str, str] = {}
    for i in sorted(indices):  # in the data's order
        if value(posters[i]):
            heads.setdefault(same_name(value(posters[i])), value(posters[i]))
    if not heads:
        return [(None, list(indices))]
    order = list(heads)
    if by == "session":
        programme = [same_name(s.name) for day in booklet.days for s in day.sessions()]
        programme += [same_name(item.title) for day in booklet.days for item in day.items()
                      if item.kind == "poster" and item.title]
        rank = {name: programme.index(name) if name in programme else len(programme) for name in order}
        order.sort(key=lambda name: rank[name])  # stable: first named first, among the others
    groups = [(heads[name], [i for i in indices if value(posters[i]) and same_name(value(posters[i])) == name])
              for name in order]
    rest = [i for i in indices if not value(posters[i])]
    return groups + ([(None, rest)] if rest else [])


def names(people: tuple[Person, ...], ctx: Context | None = None) -> str:
    """The people's names as markup, each made markup on its own: emphasis or math never runs from one
    name into the next; with `ctx`, each noted for the index (not as presenting: a programme line)."""
    return ", ".join(ctx.named(p.name) if ctx else markup.inline(p.name) for p in people)


def presenting(people: tuple[Person, ...], left_out_present: bool = False) -> list[bool]:
    """Whether each of `people` (a talk's or a poster's authors) presents it: the authors marked `presenting`, or the
    first when none is and none of those left out of the booklet presents it (`left_out_present`: as
    Abstract.speakers). Found once for them all: asked of each author against the whole list, 3,200 authors of one
    name made some ten million comparisons of people (each author with every one marked, field by field, the names
    alike)."""
    if any(p.presenting for p in people) or left_out_present:
        return [p.presenting for p in people]
    return [p is people[0] for p in people]


def unnamed_speaker(ctx: Context, entry: Abstract | Tutorial) -> str:
    """The markup of a talk's speakers' place when only authors whose names are left out present it (no one named
    speaks: Abstract.speakers), or a tutorial's presenters' when each is left out: the label name_not_printable (not
    a co-author named, who does not give it); else ''."""
    if isinstance(entry, Tutorial):
        named, left_out = entry.presenters, entry.unnamed
    else:
        named, left_out = entry.speakers, entry.speakers_left_out
    return markup.inline(ctx.label("name_not_printable")) if left_out and not named else ""


ABSTRACT_KEY = "abstract-"  # what the link key of every abstract's page starts with


def abstract_key_at(index: int) -> str:
    """The link key of the abstract at `index` in booklet.abstracts (Context.abstract_key: by the abstract)."""
    return f"{ABSTRACT_KEY}{index}"


def underlined(people: tuple[Person, ...]) -> bool:
    """Whether the presenting authors among `people` are underlined (and the underlining explained): when some of
    several authors, not all, are marked `presenting` (every person of a frab or pretalx talk presents it: underlining
    them all says nothing)."""
    marked = sum(bool(p.presenting) for p in people)
    return 0 < marked < len(people)


def underlining_note(ctx: Context, heading: bool = False) -> Para:
    """What the underlining of presenting authors means (the label presenting_underlined; see underlined), in small
    type: said once under the heading of a list whose entries underline (the poster list; the abstracts, see
    abstracts.explained_once), else under the one entry's authors. Under a `heading`, as far above the list's first
    entry as the heading is above it (set close over an abstract's label, it read as that abstract's line)."""
    style = ctx.styles.small
    if heading:
        style = ctx.derived(style, f"{style.name}_under_heading", spaceAfter=ctx.styles.heading.spaceAfter)
    return Para(markup.inline(ctx.label("presenting_underlined")), style)


def letter_headings(ctx: Context, letters: list[str], size: float) -> list[str]:
    """The markup of an index's (or a list's) letter headings: each letter, the first of each script other than Latin
    followed by the script's name, smaller ("Α  Greek", "П  Cyrillic": text.names.script_names); the names that
    start with a digit (text.names.DIGITS) under the label `index_digits` ("0–9")."""
    names = script_names(letters, ctx.booklet.conference.language)
    small = f"{size * 0.7:.2f}"
    return [markup.inline(ctx.label("index_digits") if letter == DIGITS else letter)
            + (f'\u2002<font size="{small}">{markup.inline(name)}</font>' if name else "")
            for letter, name in zip(letters, names)]
