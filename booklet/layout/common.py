"""The Booklet model -> what every section shares: link keys, the schedule of each talk, text helpers."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import mm

from .. import images
from ..text import markup
from ..text.fonts import register_fonts
from ..model import Abstract, Booklet, Day, Item, Person, Session, Source
from ..problems import Problem
from .flowables import Para, Photo
from .page import Page
from .styles import Styles, make_styles

PHOTO_WIDTH = 22 * mm
PHOTO_HEIGHT = 27.5 * mm
MIN_DPI = 150  # below this a photo visibly blurs in print

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
        register_fonts()
        self.booklet = booklet
        self.page = page
        self.styles: Styles = make_styles(page, booklet.conference.language)
        self.slots = _first_slots(booklet)
        self.abstract_order = _abstracts_in_programme_order(booklet, self.slots)
        self._abstract_keys = {a.id: f"abstract-{i}" for i, a in enumerate(booklet.abstracts)}
        self._tutorial_keys = {t.id: f"tutorial-{t.number}" for t in booklet.tutorials}
        self.warnings: list[Problem] = []  # found while laying out (e.g. low-resolution images)
        self._resolution_checked: set = set()

    def photo(self, path, width: float = PHOTO_WIDTH, height: float = PHOTO_HEIGHT) -> Photo:
        """A portrait flowable; a warning when the image is too coarse for its printed size."""
        self.check_resolution(path, images.effective_dpi(path, width, height), width, height)
        return Photo(path, width, height, self.page.cmyk)

    def check_resolution(self, path, dpi: float, width: float, height: float) -> None:
        if dpi >= MIN_DPI or path in self._resolution_checked:
            return
        self._resolution_checked.add(path)
        source = self.booklet.image_sources.get(path) or Source("", 0, "")
        size = f"{width / mm:.0f} \u00d7 {height / mm:.0f} mm"
        need = f"{round(width / 72 * images.PRINT_DPI)} \u00d7 {round(height / 72 * images.PRINT_DPI)} pixels"
        self.warnings.append(Problem(
            source.file, source.line, source.key,
            f"{path.name} is {dpi:.0f} dpi at its printed size ({size}) and will print blurred; "
            f"300 dpi needs {need}", "warning", "low-resolution"))

    def abstract_key(self, abstract: Abstract) -> str:
        return self._abstract_keys[abstract.id]

    def tutorial_key(self, tutorial) -> str:
        return self._tutorial_keys[tutorial.id]

    def paras(self, text: str, style) -> list[Para]:
        """Paragraphs of user text (escaped, with math and emphasis), one per blank-line-separated block."""
        return [Para(m, style) for m in markup.paragraphs(text)]


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
