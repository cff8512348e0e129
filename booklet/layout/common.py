"""The Booklet model -> what every section shares: link keys, the schedule of each talk, text helpers."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import mm

from ..text import markup
from ..text.fonts import register_fonts
from ..data.theme import font_set, labels_for
from ..model import Abstract, Booklet, Day, Item, Person, Session
from .flowables import Para, Photo
from .page import Page
from .styles import Palette, Styles, make_palette, make_styles

PHOTO_WIDTH = 22 * mm  # a speaker's or presenter's photo, fitted inside this box
PHOTO_HEIGHT = 27.5 * mm

KIND_LABELS = {
    "contributed": "CONTRIBUTED TALK",
    "invited": "INVITED TALK",
    "keynote": "KEYNOTE",
    "special": "SPECIAL LECTURE",
}


@dataclass(frozen=True)
class Slot:
    """When and where a talk or tutorial is given: its day, item and session."""

    day_index: int
    day: Day
    item: Item
    session: Session | None


class Context:
    """Everything a section's layout needs: the model, the page, the styles and the link keys."""

    def __init__(self, booklet: Booklet, page: Page):
        register_fonts(font_set(booklet.theme))
        self.booklet = booklet
        self.page = page
        self.colours: Palette = make_palette(booklet.theme, page.cmyk)
        self.styles: Styles = make_styles(page, booklet.conference.language, self.colours)
        self.slots = _first_slots(booklet)
        self.abstract_order = _abstracts_in_programme_order(booklet, self.slots)
        self._abstract_keys = {a.id: f"abstract-{i}" for i, a in enumerate(booklet.abstracts)}
        self._tutorial_keys = {t.id: f"tutorial-{t.number}" for t in booklet.tutorials}
        self.theme = booklet.theme
        self.labels = labels_for(booklet.conference.language, booklet.theme.labels)

    def label(self, key: str, **values) -> str:
        """A fixed word of the booklet in its language (or as theme.yaml says), e.g. label("day", number=2)."""
        return self.labels[key].format(**values)

    def photo(self, path) -> Photo:
        """A portrait flowable at the photo size (its resolution is checked by lint, see layout.placed)."""
        return Photo(path, PHOTO_WIDTH, PHOTO_HEIGHT, self.page.cmyk)

    def abstract_key(self, abstract: Abstract) -> str:
        return self._abstract_keys[abstract.id]

    def tutorial_key(self, tutorial) -> str:
        return self._tutorial_keys[tutorial.id]

    def paras(self, text: str, style) -> list[Para]:
        """Paragraphs of user text (escaped, with math and emphasis), one per blank-line-separated block."""
        return [Para(m, style) for m in markup.paragraphs(text)]


def abstract_photo(abstract: Abstract):
    """The photo printed beside an abstract's header: the first speaker's that has one, or None."""
    return next((p.photo for p in abstract.speakers if p.photo), None)


def day_key(index: int) -> str:
    return f"day-{index}"


def _first_slots(booklet: Booklet) -> dict[str, Slot]:
    """For each abstract and tutorial id, the first programme item that schedules it."""
    slots: dict[str, Slot] = {}
    for index, day in enumerate(booklet.days):
        for item, session in day.items_with_sessions():
            target = item.abstract or item.tutorial
            if target is not None:
                slots.setdefault(("abstract:" if item.abstract else "tutorial:") + target.id,
                                 Slot(index, day, item, session))
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


def names(people: tuple[Person, ...]) -> str:
    return ", ".join(p.name for p in people)
