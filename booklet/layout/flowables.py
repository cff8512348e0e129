"""Booklet-specific flowables: anchors with outline entries, section marks, rows with page references."""

from __future__ import annotations

import itertools
import math
import pickle
from operator import itemgetter
from typing import NamedTuple

from reportlab import rl_config
from reportlab.lib.colors import gray
from reportlab.lib.rl_accel import fp_str
from reportlab.platypus import Flowable, ImageAndFlowables, Spacer

from .. import images
from ..cache import Seldom, memory, seldom_bytes
from ..text.fonts import (DEPTH, close_recording, fonts_number, open_recording, recording_open, replayable,
                          replayed)
from .marks import PERSON_CALLBACK, person_drawn
from ..text.markup import language_ties, ties_of
from ..text.quotes import curly_quotes
from ..text.paragraph import (HYPHENS, HYPHENS_LINES, MathParagraph, boxed_markup, cleaned_text, edge_skips,
                              line_text, note_broken_at, page_end_rebroken)

PICKLE = pickle.HIGHEST_PROTOCOL


def layout_key(cache, kind: type, text: str, style, bullet, case_sensitive) -> tuple:
    """What a paragraph's parsed fragments and lines depend on: its class and markup, every attribute
    of its style (by value), its bullet, and the fonts the style's names stand for now."""
    context = (kind, _style_number(cache, style), bullet if bullet is None else _frozen(bullet), case_sensitive,
               fonts_number(cache))
    return (text, cache.number(context))


def paragraphs_key(cache, styles) -> tuple:
    """What paragraphs of the given styles are laid out with, besides their markup: each style's values
    and the fonts (the paragraph class, bullet and case are Para's defaults)."""
    return (Para, tuple(_style_number(cache, style) for style in styles), fonts_number(cache))


# Markup that draws more than text and colours: links and marks (annotations, destinations, callbacks), images.
_NOT_PLAIN = ("<a ", "<a>", "<link", "<onDraw", "<ondraw", "<img", "<index")
# ... except the index's person marks (see Context.named), whose callback only notes the person on the
# canvas, and links within the document: recorded when drawn, made again in the same order, at the same
# position, when replayed (see Para.draw).
_PERSON_MARK = f'<onDraw name="{PERSON_CALLBACK}" '
_INTERNAL_LINK = '<a href="#'


def _plain(text: str) -> bool:
    for tag in (_PERSON_MARK, _INTERNAL_LINK):
        if tag in text:
            text = text.replace(tag, "")
    return not any(tag in text for tag in _NOT_PLAIN)


def _extgstate(state) -> tuple:
    """The graphics state parameters a canvas has set (alpha, overprint): drawing writes what differs."""
    values = getattr(state, "_d", None)
    return tuple(sorted(values.items())) if isinstance(values, dict) else ()


def canvas_state(canv) -> tuple:
    """What of a canvas's state a kept drawing's operators depend on, as part of its key (layout.flowables.Para,
    layout.index.IndexEntry, a running head): the current font, size and leading, the y axis, the colour space
    enforced and the graphics state parameters set; drawing writes an operator only where it differs."""
    return (canv._fontname, canv._fontsize, canv._leading, canv.bottomup, getattr(canv, "_enforceColorSpace", None),
            _extgstate(getattr(canv, "_extgstate", None)))


def _state(canv) -> tuple:
    """All a canvas holds apart from the operators of the page, as _unchanged compares it after drawing: a copy of its
    attributes (their values held, as they are: compared by identity first, then by value), the length of those that
    are lists, dictionaries or sets (a paragraph whose drawing changes any of it, adding a link or a form, is not
    replayed), the extra graphics state and the number of the document's objects, with the plan they were read by
    (_state_plan). Taken once for each drawing a build keeps (a copy of the attributes, compared as a dictionary at C
    speed after drawing: half the time of reading them and comparing them one by one, 7 us a drawing)."""
    found = canv.__dict__
    held = found.copy()
    plan = _state_plan(held, tuple(held))
    return held, tuple(map(len, plan[0](held))), _extgstate_items(canv), len(canv._doc.idToObject), plan


def _extgstate_items(canv) -> tuple:
    """The graphics state parameters a canvas has set, in the order set (_state and _unchanged compare them as they
    are; _extgstate sorts them for a key)."""
    extra = getattr(getattr(canv, "_extgstate", None), "_d", None)
    return tuple(extra.items()) if isinstance(extra, dict) else ()


def _unchanged(canv, before: tuple, noted: bool, added: int = 0) -> bool:
    """Whether drawing left the canvas's state as _state took it (`before`): the same attributes, each the same
    object (or an equal one: drawing set it to the value it had), of the same length where sized. `noted`: the
    attributes in _NOTED left out (what noting a person and linking change or add, made again when replayed), and
    `added` objects of the document's made by them."""
    held, lengths, extra, objects, plan = before
    found = canv.__dict__
    get_sized, pick_sized, get_free, get_free_sized = plan
    if not noted:
        if found != held or tuple(map(len, get_sized(found))) != lengths:
            return False  # (the same objects: those sized before are sized now)
    else:
        if found.keys() != held.keys() and [name for name in found if name not in _NOTED] != \
                [name for name in held if name not in _NOTED]:
            return False
        if get_free(found) != get_free(held) or tuple(map(len, get_free_sized(found))) != pick_sized(lengths):
            return False
    return _extgstate_items(canv) == extra and len(canv._doc.idToObject) - added == objects


_STATE_PLANS: list = [None]  # (the attributes' names, their types, the plan made for them), the last made


def _state_plan(found: dict, names: tuple) -> tuple:
    """How _state reads the attributes `found` (named `names`) of a canvas, less "_code", and _unchanged compares
    them: (a getter of those that are lists, dictionaries or sets, then, for a comparison leaving out _NOTED, a
    picker of the other lengths among those read, and getters of the other values and of the other sized values); the
    last one made, while the attributes and their types are the same (compared item by item, mostly the same
    objects)."""
    types = tuple(map(type, found.values()))
    known = _STATE_PLANS[0]
    if known is not None and known[0] == names and known[1] == types:
        return known[2]
    kept = tuple(name for name in names if name != "_code")
    sized = tuple(name for name, kind in zip(names, types) if name in kept and issubclass(kind, (list, dict, set)))
    plan = (_getter(sized), _getter(tuple(i for i, name in enumerate(sized) if name not in _NOTED)),
            _getter(tuple(name for name in kept if name not in _NOTED)),
            _getter(tuple(name for name in sized if name not in _NOTED)))
    _STATE_PLANS[0] = (names, types, plan)
    return plan


def _getter(names: tuple):
    """itemgetter(*names), always giving a tuple (names: a dict's keys, or a tuple's indices)."""
    if len(names) > 1:
        return itemgetter(*names)
    return lambda values: tuple(values[name] for name in names)


# what noting a person (BookletCanvas.note_person) and linking (Canvas.linkRect) change on the canvas; on a
# part's canvas (output.parallel.PartCanvas), the link targets and links it records
_NOTED = ("people_pages", "anchor_pages", "_destinations", "_annotationCount", "_annotationrefs", "dests", "links")
_ABSENT = object()


def _replay_effects(canv, effects) -> None:
    """Make again, in order, what drawing a paragraph did besides its operators: each person mark's
    callback (handed the position and leading it read from the text state), each internal link (the
    same linkRect call, in the coordinates of the paragraph, which the canvas makes absolute)."""
    callback = canv.getNamedCB(PERSON_CALLBACK)
    for effect in effects:
        if effect[0] == "link":
            canv.linkRect(*effect[1], **effect[2])
            continue
        kind, label, x, y, leading = effect[1:]
        canv._curr_tx_info = {"cur_x": x, "cur_y": y, "leading": leading}
        try:
            callback(canv, kind, label)
        finally:
            del canv._curr_tx_info


_VERSIONS: dict[tuple, tuple] = {(): ()}


def kept_versions(asked: list[str]) -> tuple:
    """The keys of the PDF features a drawing asked for (drawn_kept) as a kept drawing holds them (each once, in
    order): one tuple for the same keys, shared by every drawing that asked for them (nearly all ask for
    "transparency", and a big book keeps tens of thousands of drawings: in memory, and pickled, a shared tuple is
    one)."""
    found = tuple(dict.fromkeys(asked))
    return _VERSIONS.setdefault(found, found)


def _replays(kept, doc) -> bool:
    """Whether a drawing kept by drawn_kept (`kept`, or None) is replayed on `doc`: its fonts' calls, as their summary
    tells, give what they gave (text.fonts.replayed); then the PDF features its drawing asked for are asked for
    again."""
    if kept is None or not replayed(kept[1], doc):
        return False
    if kept[3]:
        doc.ensureMinPdfVersion(*kept[3])
    return True


def _translation(x: float, y: float) -> str:
    """The operator Canvas.translate(x, y) writes after a saved state ("1 0 0 1 x y cm"), its numbers formatted once
    per value (see _number): draw_on's and replayed_on's."""
    return f"1 0 0 1 {_number(x)} {_number(y)} cm"


def _translated(matrix: tuple, x: float, y: float) -> tuple:
    """The canvas's transformation `matrix` translated by (x, y), as Canvas.transform works translate(x, y) out (the
    same arithmetic, so the same floats): what marks and links read while a flowable draws (draw_on, replayed_on)."""
    a0, b0, c0, d0, e0, f0 = matrix
    a, b, c, d = 1, 0, 0, 1
    return (a0 * a + c0 * b, b0 * a + d0 * b, a0 * c + c0 * d, b0 * c + d0 * d,
            a0 * x + c0 * y + e0, b0 * x + d0 * y + f0)


def replayed_on(canvas, x, y, kept) -> bool:
    """What a drawing kept by drawn_kept (`kept`, or None) wrote, added to the page at (x, y) as Flowable.drawOn
    would draw it there, without the canvas's saving and restoring of its state (a copy of its attributes) and
    translate (which formats six numbers): the same operators, "q", "1 0 0 1 x y cm", what drawing wrote, "Q".
    Drawing it changed none of the canvas's attributes, so there is nothing to restore; the transformation is
    set only while its marks and links are made again (they read it). False, and nothing added, when there is
    no kept drawing or its fonts' calls give other codes now (text.fonts.replayed)."""
    if not _replays(kept, canvas._doc):
        return False
    code = canvas._code
    code.append("q")
    code.append(_translation(x, y))
    if kept[0] is not None:
        code.append(kept[0])
    if kept[2]:
        matrix = canvas._currentMatrix
        canvas._currentMatrix = _translated(matrix, x, y)
        try:
            _replay_effects(canvas, kept[2])
        finally:
            canvas._currentMatrix = matrix
    code.append("Q")
    return True


def drawn_kept(canv, cache, key, draw, replay: bool = True) -> None:
    """`draw()` on `canv` (a flowable's drawing, its canvas translated to it), in a build whose cache keeps
    layouts: what a drawing kept under `key` wrote is added again when it can be (`replay`: not tried already),
    else it draws, and what it wrote is kept under `key` (with the calls it made of the fonts, its person
    marks and internal links, and the PDF features it asked for, made again when replayed) unless it changed the
    canvas otherwise (a form, an annotation of another kind, a callback of someone else's). `key` stands for all
    the operators depend on besides the fonts' state. Inside another drawing being kept (recording_open), it is
    drawn as it is: its fonts' calls are then that drawing's."""
    if recording_open():
        return draw()
    if replay:
        kept = cache.peek("layouts", key)
        if _replays(kept, canv._doc):
            if kept[0] is not None:
                canv._code.append(kept[0])
            if kept[2]:
                _replay_effects(canv, kept[2])
            return
    start, before = len(canv._code), _state(canv)
    mapped = len(canv._doc.fontMapping)  # (ReportLab only adds to it: the fonts mapped while drawing come after)
    effects: list = []  # ("mark", kind, label, x, y, leading) / ("link", args, kwargs), in the order made
    added = [0]  # the PDF objects those calls added (destinations, link annotations)
    callbacks = canv._namedCB
    noting = callbacks.get(PERSON_CALLBACK)

    def recording_mark(canv, kind, label):
        info = canv._curr_tx_info
        effects.append(("mark", kind, label, info["cur_x"], info["cur_y"], info["leading"]))
        objects = len(canv._doc.idToObject)
        noting(canv, kind, label)
        added[0] += len(canv._doc.idToObject) - objects

    def recording_link(*args, **kwargs):
        effects.append(("link", args, kwargs))
        objects = len(canv._doc.idToObject)
        type(canv).linkRect(canv, *args, **kwargs)
        added[0] += len(canv._doc.idToObject) - objects

    if noting is not None:
        callbacks[PERSON_CALLBACK] = recording_mark
    canv.linkRect = recording_link
    # the fonts' calls recorded (text.fonts.recording) and the keys of each PDF feature drawing asks the document
    # for (its ensureMinPdfVersion: "transparency", which any colour with an alpha asks for, makes the file PDF
    # 1.4), whether or not the document had it already: a drawing replayed asks for them again, so that the file's
    # version is the one drawing it would give, whatever was drawn before it. Opened and closed here, not by two
    # context managers (generators): they took 9 us of each drawing kept, 0.1 s of a first 500-talk build
    doc, versions = canv._doc, []
    had = doc.__dict__.get("ensureMinPdfVersion", _ABSENT)
    ensure = doc.ensureMinPdfVersion

    def asking(*keys):
        versions.extend(keys)
        ensure(*keys)

    doc.ensureMinPdfVersion = asking
    events = open_recording()
    try:
        draw()
    finally:
        close_recording()
        if had is _ABSENT:
            del doc.ensureMinPdfVersion
        else:
            doc.ensureMinPdfVersion = had
        del canv.linkRect
        if noting is not None:
            callbacks[PERSON_CALLBACK] = noting
    if effects and noting is not person_drawn and any(e[0] == "mark" for e in effects):
        return  # a person callback of someone else's: its effects are unknown
    # with effects, what they change is made again with them (see _replay_effects); each font the document mapped
    # while drawing one whose name the recorded calls asked for (else not kept: made by a call not recorded)
    if _unchanged(canv, before, bool(effects), added[0]) and _mapped_by(canv._doc.fontMapping, mapped, events):
        summary = replayable(events)
        if summary is not None:  # (else the fonts' calls cannot be made again: text.fonts.replayable)
            cache.put("layouts", key, (_joined(canv._code, start), summary, tuple(effects), kept_versions(versions)))


def _joined(code: list[str], start: int) -> str | None:
    """The operators a drawing added to a canvas's `code` (from `start`), as a kept drawing holds them: joined into one
    string as a page's stream joins them (a line each), which added as one item gives the same stream; None for none
    (an empty string would be an empty line). One string, not one for each operator: pickling the kept layouts took
    as many strings (20-40 a paragraph) and as many entries in the pickler's memo, and a build from them as many
    objects made and held."""
    return "\n".join(code[start:]) if len(code) > start else None


def _mapped_by(mapping: dict, mapped: int, events: list[tuple]) -> bool:
    """Whether each font a document's fontMapping (`mapping`, of `mapped` fonts before a drawing) maps since was
    named by a getSubsetInternalName call of the drawing's recording (`events`). ReportLab adds to a fontMapping and
    never removes, so the fonts mapped since are those after the first `mapped`, in order: none, for nearly every
    drawing, without making a set of either (3 us a drawing kept)."""
    if len(mapping) == mapped:
        return True
    named = {name for subset_name, name, *_ in events if subset_name}
    return all(name in named for name in itertools.islice(mapping, mapped, None))


class KeptDrawing:
    """A flowable whose drawing, in a build whose cache keeps layouts, is kept and replayed: drawOn adds a kept
    drawing again without the canvas's saving of its state (replayed_on); else it draws (translated as draw_on
    translates, the same operators as Flowable.drawOn's), and draw keeps what it drew (drawn_kept) under the key
    drawOn looked it up by. `_kept_key(canv)`: what the drawing depends on
    besides the fonts' state, or None where it is not kept; `_draw_anew()`: the drawing itself."""

    _keeping = None  # the key drawOn found no kept drawing under, while it draws: draw keeps the drawing there

    def _kept_key(self, canv):
        return None

    def _draw_anew(self):
        raise NotImplementedError

    def drawOn(self, canvas, x, y, _sW=0):
        key = None if getattr(self, "_showBoundary", False) or recording_open() else self._kept_key(canvas)
        if key is None:
            return draw_on(self, canvas, x, y, _sW)
        if replayed_on(canvas, self._hAlignAdjust(x, _sW), y, memory.active().peek("layouts", key)):
            return
        self._keeping = key
        try:
            return draw_on(self, canvas, x, y, _sW)
        finally:
            del self._keeping

    def draw(self):
        if self._keeping is not None:  # drawOn found none to replay
            return drawn_kept(self.canv, memory.active(), self._keeping, self._draw_anew, replay=False)
        # drawn by something other than drawOn (draw_on): replayed if kept; inside another drawing being kept, as it is
        key = None if recording_open() else self._kept_key(self.canv)
        if key is None:
            return self._draw_anew()
        drawn_kept(self.canv, memory.active(), key, self._draw_anew)


_NUMBERS: dict[float, str] = {}  # number -> as ReportLab's fp_str writes it


def _number(value: float) -> str:
    """`value` as fp_str writes it in an operator (kept: the same positions recur page after page and build
    after build)."""
    try:
        return _NUMBERS[value]
    except KeyError:
        if len(_NUMBERS) > 100_000:
            _NUMBERS.clear()
        written = _NUMBERS[value] = fp_str(value)
        return written


def draw_on(flowable: Flowable, canvas, x, y, _sW=0) -> None:
    """Flowable.drawOn (the state saved, the flowable drawn translated to x, y, the state restored), with
    the translation written as Canvas.translate writes it after a saved state ("1 0 0 1 x y cm", and the
    same transformation matrix) but its numbers formatted once per value (see _number)."""
    x = flowable._hAlignAdjust(x, _sW)
    canvas.saveState()
    canvas._currentMatrix = _translated(canvas._currentMatrix, x, y)
    canvas._code.append(_translation(x, y))
    flowable._drawOn(canvas)
    if getattr(flowable, "_showBoundary", False):
        canvas.setStrokeColor(gray)
        canvas.rect(0, 0, flowable.width, flowable.height)
    canvas.restoreState()


class Translated:
    """A flowable drawn with draw_on."""

    def drawOn(self, canvas, x, y, _sW=0):
        draw_on(self, canvas, x, y, _sW)


def _style_number(cache, style) -> int:
    """The number of the style's values (see BuildCache.number), worked out once per style a build uses,
    and again when any of its attributes has been set since to another value. (Compared as dictionaries, at C
    speed: each value by identity first, then by equality, which gives the same number; a paragraph is made
    with a style some 30,000 times in a 500-talk build.)"""
    seen = cache.local.get("styles")
    if seen is None:
        seen = cache.local["styles"] = {}  # id -> (style, a copy of its attributes then, their number)
    found = style.__dict__
    known = seen.get(id(style))
    if known is not None and known[0] is style and known[1] == found:
        return known[2]
    number = cache.number(_frozen(found))
    seen[id(style)] = (style, dict(found), number)
    return number


_PLAIN = frozenset((str, int, float, bool, bytes))  # values _frozen gives as they are


def _frozen(value):
    """`value` as a hashable key, equal for equal values (a colour by its components, not its repr,
    which rounds)."""
    if value is None or isinstance(value, (str, int, float, bool, bytes)):
        return value
    if isinstance(value, dict):  # (a style's: most of its values plain, taken as they are without a call)
        return tuple((name, item if item is None or type(item) in _PLAIN else _frozen(item))
                     for name, item in sorted(value.items()) if name != "parent")
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, tuple(_frozen(item) for item in value))
    if hasattr(value, "__dict__"):
        return (type(value).__qualname__, _frozen(vars(value)))
    return (type(value).__qualname__, repr(value))


class _Again(NamedTuple):
    """Lines a paragraph's first wrap (or break_to) made from its parse, kept as how to make them again
    rather than pickled: drawing a kept layout is replayed from its operators, so a rebuild needs the lines
    of about one paragraph in a hundred (a split, a replay that does not hold), and the pickled lines were
    most of what a first build spent on keeping its layouts (and of the file it keeps)."""

    width: float  # wrap(width, height); or break_to(widths)
    height: float
    widths: tuple | None
    frags: bool  # whether the fragments come with the lines (the wrap set others: else the kept ones stay)


class _ParseAgain(NamedTuple):
    """A kept paragraph's fragments as parsed, not kept: parsed again from its markup (the text of its layout key)
    when they are needed (a rebuild needs those of about one paragraph in forty: its lines made again for a split, a
    drop cap's lines), as a build without a cache parses them; pickling every parse cost a first build more than the
    few parses again save."""

    cleaner: object  # the cleaner the markup was parsed with


# what a wrap sets every time, kept with it even where the paragraph held the same values before (a number is often
# the same object: a paragraph wrapped again at its width kept no width, one wrapped again to as many lines no count,
# and a paragraph given such a kept wrap had none or kept its own)
_WRAP_SETS = ("width", "height", "_line_count")


_NUMBER_TYPES = (float, int)


def _rest_kept(rest: dict):
    """What a wrap set beside its lines that could be changed in place (`rest`: ReportLab's `_wrapWidths`, a list of
    numbers, nearly always), as a kept wrap keeps it: lists of plain numbers as a tuple of (name, a tuple of the
    numbers), which _rest_given makes lists again, without pickling (a wrap in a first build pickled that list alone:
    some 2,000 pickles at 100 talks, and as many unpickled by a build from kept layouts); anything else pickled."""
    if all(type(value) is list and all(type(item) in _NUMBER_TYPES for item in value) for value in rest.values()):
        return tuple((name, tuple(value)) for name, value in rest.items())
    return pickle.dumps(rest, PICKLE)


def _rest_given(kept) -> dict:
    """What _rest_kept kept, made again for one paragraph (fresh lists, or unpickled)."""
    if type(kept) is tuple:
        return {name: list(value) for name, value in kept}
    return pickle.loads(kept)


# what a paragraph's layout (wrap, split, draw) sets on it: one that has any of them is laid out (Para.unlaid_copy)
_LAID_OUT = frozenset(("_wrapped", "_blPara", "_unbroken", "_keeping", "width"))


class Para(KeptDrawing, MathParagraph):
    """A Paragraph laid out once per width, whose split never overfills the height it was given.

    ReportLab 5.1 re-wrapping a hyphenated paragraph at the same width drops hyphens it had kept
    ("age-velocity" -> "agevelocity"), and its split can return a first part one line taller
    than asked (LayoutError "Splitting error"). Booklet wraps paragraphs more than once (rows,
    keep-together groups, photo headers), so every paragraph it makes is one of these.

    In a build with a cache that keeps layouts (booklet.cache.memory), a paragraph made from markup takes
    its parsed fragments, and its lines at a width, from the cache when a paragraph of the same
    markup, style and fonts was parsed or broken at that width before: kept pickled, as what
    parsing or wrapping set on the paragraph, and unpickled into each paragraph that uses them
    (ReportLab's split and draw change the fragments they are given: no two paragraphs share any).
    The fragments as parsed are kept only for markup with math boxes; any other's are parsed again
    when asked for (_ParseAgain). The lines of a paragraph's first wrap are kept as how to make them
    again from the parse (_Again), and made only when asked for: a kept drawing is replayed without them.

    Drawn, such a paragraph (whole, with the lines its wrap gave) adds to the page what it added
    when drawn before with the same lines from the same canvas state: the PDF operators it wrote,
    kept as text, once the calls that drawing made of the fonts (which give each character its
    code in a font subset of this document, and each subset its name), as their summary tells, give
    what they gave then (see text.fonts.replayed); else it is drawn anew (see KeptDrawing). Its person
    marks and links within the document are made again with it; a paragraph that draws anything else (a link
    out of the document, an image) is always drawn.
    """

    _layout_key = None  # (markup, style, fonts ...) when the cache may hold this paragraph's layout
    _parsed = None  # the fragments as parsed, pickled (Seldom) or _ParseAgain: made when first needed (see frags)
    _lines_key = None  # the key of the lines in blPara when they are the ones wrap kept (see draw)
    _plain = False  # its markup draws nothing but text and colours (no link, mark or image)

    @property
    def blPara(self):
        if self._wrapped_lines is not None:
            self._unpickle_lines()
        try:
            return self.__dict__["_blPara"]
        except KeyError:
            raise AttributeError("blPara") from None

    @blPara.setter
    def blPara(self, value):  # lines made elsewhere (a photo's narrower lines, a split) are never kept
        if self._wrapped_lines is not None:
            self._unpickle_lines()
        self.__dict__["_blPara"] = value
        self._lines_key = None

    @blPara.deleter
    def blPara(self):
        """ReportLab's split deletes the lines where it will not split (an orphan, a widow: "force the whole para
        onwards"), and the next wrap breaks the paragraph again: from its fragments as parsed, not from the words
        the first breaking left in their place ("integral-field" broken again from them was "integ- / ralfield")."""
        if self._wrapped_lines is not None:
            self._unpickle_lines()
        self.__dict__.pop("_blPara", None)
        self._lines_key = None
        unbroken = self.__dict__.get("_unbroken")
        if unbroken is not None:
            self.__dict__["_frags"] = unbroken

    _wrapped_lines = None  # the lines (and fragments) of a wrap kept, pickled or _Again: made when first needed

    def break_to(self, widths: list[float]) -> float:
        """Set the paragraph in lines of the given widths (the last for every line after), as
        ReportLab's breakLines does; the height of the lines (MathParagraph.lines_height). In a build whose cache
        keeps layouts, the lines are kept (pickled with the fragments, as wrap keeps them) with that height, keyed
        by the paragraph's layout key and the widths (a kept break's height is told without making its lines), and
        its drawing is then replayed as a wrapped paragraph's is."""
        cache = memory.active() if self._layout_key is not None else None
        if cache is None:
            self.blPara = self.breakLines(widths)
            return self.lines_height()
        key = ("broken", self._layout_key, tuple(widths))
        kept = cache.peek("layouts", key)
        if kept is None:
            first = self._first_lines()
            self.blPara = lines = self.breakLines(widths)
            made = _Again(0.0, 0.0, tuple(widths), True) if first else \
                pickle.dumps({"_blPara": lines, "_frags": self.frags}, PICKLE)
            kept = (self.lines_height(), made)
            cache.put("layouts", key, kept)
        else:
            self.__dict__.pop("_blPara", None)
            self._wrapped_lines = kept[1]
        self._lines_key = key
        return kept[0]

    def unlaid_copy(self) -> "Para | None":
        """This paragraph as made, for a layout of its own, where the build's cache keeps its parse (`_parsed`) and it
        was never laid out (wrapped, split, drawn): its state as made, without its fragments as parsed, made again from
        that parse when asked for, as a paragraph made from kept markup has them (_setup); None otherwise (its
        fragments, changed in place by a layout, would be shared). (A kept poster entry: posters.kept_poster_entry.)"""
        state = self.__dict__
        if self._layout_key is None or self._parsed is None or self._wrapped_lines is not None or \
                not _LAID_OUT.isdisjoint(state):
            return None
        made = type(self).__new__(type(self))
        made.__dict__.update(state)
        made.__dict__.pop("_frags", None)
        return made

    def content_key(self):
        """What this paragraph's layout depends on (its markup, style, fonts: see layout_key), when the
        build's cache keeps layouts; else None (see columns.Columns)."""
        return self._layout_key

    def _unpickle_lines(self) -> None:
        kept, self._wrapped_lines = self._wrapped_lines, None
        if type(kept) is not _Again:
            self.__dict__.update(pickle.loads(kept))
            lines, key = self.__dict__.get("_blPara"), self._lines_key
            if lines is not None and key is not None:  # (as when they were made: a split hands them on)
                note_broken_at(lines, self.style, *((key[2], None) if key[0] == "wrapped" else (None, key[2])))
            return
        # made again as they were made: from the parse, by the same wrap or break; only the lines (and the
        # fragments, when that wrap set them) are taken of it, as unpickling them would
        state = self.__dict__
        before = dict(state)
        state["_frags"] = self._as_parsed()
        state.pop("_blPara", None)
        if kept.widths is None:
            MathParagraph.wrap(self, kept.width, kept.height)
        else:
            state["_blPara"] = self.breakLines(list(kept.widths))
        made = {"_blPara": state["_blPara"], **({"_frags": state["_frags"]} if kept.frags else {})}
        state.clear()
        state.update(before)
        state.update(made)
        self._kept_pickled(kept, made)

    def _kept_pickled(self, again: _Again, made: dict) -> None:
        """In a cache whose values serve later builds in this process (a watch's, its kept workers'), the kept layout
        whose lines were `again` (made again now: `made`, before anything changed them) holds them pickled from now
        on, as a wrap that did not make the first lines keeps them: the next build unpickles them rather than break
        the paragraph again (into the same lines: they are made from the same kept parse by the same wrap or break).
        The poster rows a 500-talk rebuild splits between columns broke some 230 paragraphs again at every rebuild."""
        cache, key = memory.active(), self._lines_key
        if cache is None or not (cache.warm and cache.rebuilds) or key is None:
            return
        kept = cache.peek("layouts", key)
        if kept is not None and kept[-1] is again:  # (wrapped: made, rest, lines; broken: height, lines)
            cache.replace("layouts", key, (*kept[:-1], pickle.dumps(made, PICKLE)))

    def _first_lines(self) -> bool:
        """Whether lines made now are the first this paragraph makes, from fragments as parsed (and kept: see
        _Again)."""
        state = self.__dict__
        return (self._parsed is not None and self._wrapped_lines is None and "_blPara" not in state
                and "_wrapped" not in state)

    @property
    def frags(self):
        """The paragraph's fragments (ReportLab's: as parsed, then as wrapping made them)."""
        if self._wrapped_lines is not None:
            self._unpickle_lines()
        try:
            return self.__dict__["_frags"]
        except KeyError:
            if self._parsed is None:
                raise AttributeError("frags") from None
        frags = self.__dict__["_frags"] = self._as_parsed()
        return frags

    def _as_parsed(self) -> list:
        """The fragments as parsed (see _parsed): unpickled, or parsed again from the markup as MathParagraph parses
        it, into a paragraph of their own (this one's attributes left as they are)."""
        parsed = self._parsed
        if type(parsed) is not _ParseAgain:
            return pickle.loads(seldom_bytes(parsed))
        again = MathParagraph.__new__(MathParagraph)
        again.caseSensitive = self.caseSensitive
        MathParagraph._setup(again, self._layout_key[0], self.style, self.bulletText, None, parsed.cleaner)
        return again.frags

    @frags.setter
    def frags(self, value):
        self.__dict__["_frags"] = value

    @classmethod
    def parsed(cls, text: str, style, make) -> "Para":
        """The paragraph of markup `text`, whose fragments `make()` gives as parsing `text` would (made
        otherwise: layout.index.EntryFrags; None: parsed after all), when no kept parse serves; kept as its
        parse in a build that keeps layouts."""
        made = cls.__new__(cls)
        made._given = make
        made.__init__(text, style)
        return made

    def _setup(self, text, style, bulletText, frags, cleaner):
        if frags is None and isinstance(text, str) and ("'" in text or '"' in text):
            quotes = getattr(style, "quotes", None)  # the language's quotation marks (styles.make_styles)
            if quotes is not None:
                text = curly_quotes(text, quotes)
        if frags is None and isinstance(text, str) and " " in text:
            ties = ties_of(getattr(style, "language", None))  # the language's one-letter words (styles.make_styles)
            if ties is not None:
                text = language_ties(text, ties)
        cache = memory.active()
        given = self.__dict__.pop("_given", None)  # see parsed
        if given is not None and (frags is not None or cache is None or not cache.warm or not isinstance(text, str)):
            made = given() if frags is None else None
            if made is not None:
                return super()._setup(cleaner(text), style, bulletText, made, cleaner)
            given = None
        if frags is not None or cache is None or not cache.warm or not isinstance(text, str):
            return super()._setup(text, style, bulletText, frags, cleaner)
        key = layout_key(cache, type(self), text, style, bulletText, self.caseSensitive)
        kept = cache.peek("layouts", ("parsed", key))
        if kept is not None:  # a paragraph wrapped as before never needs these fragments
            # the text as the same cleaner made it (ReportLab's is slow)
            parsed, cleaned_by, cleaned, self._plain = kept
            self.text = cleaned if cleaned_by is cleaner else cleaner(text)
            self.style, self.bulletText, self.debug = style, bulletText, 0
            self._parsed, self._layout_key = parsed if parsed is not None else _ParseAgain(cleaned_by), key
            return
        self._plain = _plain(text)
        cleaned = None
        made = given() if given is not None else None
        if made is not None:  # what parsing would give, as parsing sets it
            cleaned = cleaned_text(text, cleaner)
            super()._setup(cleaned, style, bulletText, made, cleaner)
        else:
            super()._setup(text, style, bulletText, frags, cleaner)
        # a <para> tag's attributes make a style of their own, a <bullet> tag a bullet: not kept
        if self.style is style and self.bulletText is bulletText:
            # as parsed: what lines are made again from; kept only where they name math boxes (see _ParseAgain)
            kept = Seldom(pickle.dumps(self.frags, PICKLE)) if boxed_markup(text) else None
            self._parsed = kept if kept is not None else _ParseAgain(cleaner)
            if cleaned is None:
                cleaned = cleaned_text(text, cleaner)
            if cleaned == text:  # most are: kept (and pickled) as the key's own string, not a copy of it
                cleaned = text
            cache.put("layouts", ("parsed", key), (kept, cleaner, cleaned, self._plain))
            self._layout_key = key

    def wrap(self, availWidth, availHeight):
        cached = getattr(self, "_wrapped", None)
        # the lines are there, kept pickled or not (hasattr(self, "blPara") would unpickle them)
        if cached is not None and cached[0] == availWidth and (self._wrapped_lines is not None
                                                               or "_blPara" in self.__dict__):
            return cached[1]
        cache = memory.active() if self._layout_key is not None else None
        if cache is None:
            self._keep_unbroken()
            size = super().wrap(availWidth, availHeight)
        else:
            key = ("wrapped", self._layout_key, availWidth)  # a paragraph's lines do not depend on the height
            kept = cache.peek("layouts", key)
            if kept is not None:  # what wrap set, the lines and fragments unpickled only when asked for
                self._wrapped_lines = None
                self.__dict__.pop("_wrap_skips", None)  # (an earlier wrap's, at another width: kept[0] may hold none)
                self.__dict__.update(kept[0])
                if kept[1] is not None:
                    self.__dict__.update(_rest_given(kept[1]))
                self._wrapped_lines = kept[2]
                size = self.width, self.height
            else:
                first = self._first_lines()
                self._keep_unbroken()
                before = dict(self.__dict__)
                size, skips = self.wrap_skipped(availWidth, availHeight)
                lines = self.__dict__.get("_blPara")
                self._line_count = len(lines.lines) if lines is not None else None  # kept with the rest: line_count
                made = {name: value for name, value in self.__dict__.items()
                        if (name not in before or before[name] is not value or name in _WRAP_SETS)
                        and name != "_lines_key"}
                # numbers are shared as they are; what could be changed in place is kept pickled: the
                # lines and fragments (unpickled when first asked for), the rest (the widths' list)
                lines = {name: made.pop(name) for name in ("_blPara", "_frags") if name in made}
                if "_blPara" in lines and self._may_have_scripts():  # kept with the rest: lineskips (as the wrap
                    made["_wrap_skips"] = skips  # measured them)
                rest = {name: made.pop(name) for name in list(made)
                        if not isinstance(made[name], (int, float, str, bool, type(None)))}
                cache.put("layouts", key, (made, _rest_kept(rest) if rest else None,
                                           _Again(availWidth, availHeight, None, "_frags" in lines)
                                           if first and "_blPara" in lines  # (no lines: too narrow to wrap)
                                           else pickle.dumps(lines, PICKLE)))
            self._lines_key = key
        self._wrapped = (availWidth, size)
        return size

    def _keep_unbroken(self) -> None:
        """Note the fragments the lines are about to be broken from, when they have not been broken yet, else break
        them from those again (a wrap at another width: not from the words the last breaking left; see blPara's
        deleter)."""
        unbroken = self.__dict__.get("_unbroken")
        if unbroken is not None:
            self.__dict__["_frags"] = unbroken
        elif "_blPara" not in self.__dict__ and self._wrapped_lines is None:
            self.__dict__["_unbroken"] = self.frags

    _line_count = None  # how many lines the wrap that kept its lines made (see line_count)

    def lineskips(self):
        """MathParagraph's, without making the lines of a kept wrap (only to measure them) when that wrap's lineskips
        were kept with it: a row's first_drop asks it of every title with a formula of scripts, and a filled-cache build
        made the lines of 233 paragraphs at 500 talks for it alone."""
        if self._wrap_unmade():
            try:
                return self.__dict__["_wrap_skips"]
            except KeyError:
                pass
        return super().lineskips()

    def line_count(self) -> int:
        """len(self.blPara.lines), without making the lines of a kept wrap (only to count them) when that wrap's
        count was kept with it."""
        if self._wrap_unmade() and self._line_count is not None:
            return self._line_count
        return len(self.blPara.lines)

    def _wrap_unmade(self) -> bool:
        """Whether the lines are a kept wrap's, not made yet: what that wrap kept beside them (_line_count,
        _wrap_skips) tells of them."""
        return self._wrapped_lines is not None and self._lines_key is not None and self._lines_key[0] == "wrapped"

    def _drawn_key(self, canv) -> tuple:
        """What the operators of drawing this paragraph depend on besides the fonts' state (see draw)."""
        return ("drawn", self._lines_key, self.width, self.height, getattr(self, "_JustifyLast", None),
                canvas_state(canv))

    def _kept_key(self, canv):
        """The drawing's key (see KeptDrawing) when the cache keeps this paragraph's lines and its markup draws
        only text, colours, person marks and links within the document."""
        if self._lines_key is None or not self._plain or "_offsets" in self.__dict__ or memory.active() is None:
            return None
        return self._drawn_key(canv)

    def _draw_anew(self):
        return MathParagraph.draw(self)

    def split(self, availWidth, availHeight):
        kept = self._lines_now(availWidth, availHeight)
        parts = self._split_in(availWidth, availHeight)
        if not parts and kept:  # (ReportLab's split, refusing, let them go: "force the whole para onwards")
            self.__dict__.update(kept)
            return parts
        # (a paragraph of more than HYPHENS_LINES lines is not broken again for it, as for hyphens in a row: one word
        # of 40,000 letters was broken whole again at each of the 36 pages it runs over)
        if len(parts) == 2 and line_text(parts[0].blPara.lines[-1]).endswith(HYPHENS) \
                and len(self.blPara.lines) <= HYPHENS_LINES:
            return self._no_hyphen_at_the_end(availWidth, availHeight, parts)
        return parts

    def _lines_now(self, availWidth, availHeight) -> dict:
        """The lines split is to break (made as ReportLab's split makes them, when the paragraph has none), with the
        fragments they were broken from: what split puts back when it refuses (returns []), for the paragraph to
        keep its lines as set. ReportLab's split deletes them then, and a caller counting them after (line_count:
        a lead-in too short to break at a column's foot, FOSDEM 2025 on A4) found none.

        The test before the lines are made is ReportLab's own (Paragraph.split's first line, 5.1.0), written again:
        ReportLab has no function of it to call, and the lines must be made here, before its split, as it would make
        them, since split makes them and lets them go in one call; making them where its split makes none (no
        fragments, a width or height under _FUZZ) would wrap the paragraph for nothing and change the lines it keeps
        (a width under _FUZZ: a letter a line)."""
        if not self.frags or availWidth < rl_config._FUZZ or availHeight < rl_config._FUZZ:
            return {}  # (ReportLab's split refuses these before it looks at any lines)
        if not hasattr(self, "blPara"):
            self.wrap(availWidth, availHeight)
        return {name: self.__dict__[name] for name in ("_blPara", "_frags", "_lines_key") if name in self.__dict__}

    def _split_in(self, availWidth, availHeight):
        """ReportLab's split, asked a line less each time while its first part, wrapped, is taller than asked (its
        lines broken again as a paragraph of their own may be more). Should that leave nothing (a part that starts
        where a <br/> broke the lines, a speaker's affiliations run on, came out taller than asked at each try, and
        was asked less and less until nothing was left of it: the build failed), while the first part is taller than
        the room given, not than asked."""
        first = parts = super().split(availWidth, availHeight)
        asked = availHeight
        while len(parts) == 2 and asked > 0 and parts[0].wrap(availWidth, asked)[1] > asked:
            asked -= self.style.leading
            parts = super().split(availWidth, asked)
        if len(parts) == 2 and asked > 0:
            return parts
        parts, asked = first, availHeight
        while len(parts) == 2 and asked > 0 and parts[0].wrap(availWidth, availHeight)[1] > availHeight:
            asked -= self.style.leading
            parts = super().split(availWidth, asked)
        return parts

    def _no_hyphen_at_the_end(self, availWidth, availHeight, parts):
        """`parts` (split in `availHeight`) whose first part's last line, at the foot of a page or column, ends with a
        hyphen, the word going on overleaf: split so that it does not, as a typesetter would. The paragraph's lines
        broken again with that line's word whole (text.paragraph.page_end_rebroken: the lines before it the same, that
        one no looser than a final hyphen refused may leave); else, for a hyphen the hyphenation added (not the word's
        own, "well-known" broken after its hyphen: discouraged too, but less), one line fewer kept where it starts,
        when the widow and orphan rules allow that and its line ends with no hyphen then (as it is, or so broken
        again); else `parts` as they were. The paragraph itself is left as it was (a split may be asked again, at
        another height)."""
        at = len(parts[0].blPara.lines) - 1
        state = dict(self.__dict__)
        frags = state.get("_unbroken")
        if frags is None and self._parsed is not None:
            frags = self._as_parsed()
        widths = state.get("_wrapWidths")
        try:
            made = self._rebroken_at(availWidth, availHeight, at, frags, widths)
            if made[0] is not None:
                return made[0]
            if made[1] and at > 0:
                fewer = self._split_in(availWidth, availHeight - self.style.leading)
                if len(fewer) == 2 and len(fewer[0].blPara.lines) == at:
                    if not line_text(fewer[0].blPara.lines[-1]).endswith(HYPHENS):
                        return fewer
                    again = self._rebroken_at(availWidth, availHeight - self.style.leading, at - 1, frags, widths)
                    if again[0] is not None:
                        return again[0]
            return parts
        finally:
            self.__dict__.clear()
            self.__dict__.update(state)

    def _rebroken_at(self, availWidth, availHeight, at: int, frags, widths) -> tuple:
        """The paragraph split in `availHeight` with its line `at` (the last kept where it starts) broken again so
        that it ends with no hyphen (see _no_hyphen_at_the_end), else None; and whether that hyphen was one the
        hyphenation added (see text.paragraph.page_end_rebroken). The paragraph as it was, after."""
        if frags is None or widths is None:
            return None, None
        state = dict(self.__dict__)
        try:
            texts = [line_text(line) for line in self.blPara.lines]
            lines, added = page_end_rebroken(self, widths, frags, at, texts)
            if lines is None:
                return None, added
            self.blPara = lines
            again = self._split_in(availWidth, availHeight)
            if len(again) == 2 and len(again[0].blPara.lines) == at + 1 \
                    and not line_text(again[0].blPara.lines[-1]).endswith(HYPHENS):
                return again, added
            return None, added
        finally:
            self.__dict__.clear()
            self.__dict__.update(state)


class BesidePhoto(Translated, Flowable):
    """Paragraphs beside a photo on the right, line by line: each line whose top is beside the photo
    is set to the narrower width, and the text goes on at full width right below the photo, with
    no gap (platypus' ImageAndFlowables moves a paragraph that does not fit beside the photo whole
    below it, and leaves its height blank). A header taller than the page falls back to that. `paras`: Para
    (each set by its break_to)."""

    def __init__(self, photo, paras: list[Para], gap: float):
        super().__init__()
        self.photo = photo
        self.paras = list(paras)
        self.gap = gap

    def wrap(self, availWidth, availHeight):
        self.photo._unRestrictSize()  # a fallback tried where the header did not fit may have shrunk it
        photo_width, photo_height = self.photo.wrap(availWidth, availHeight)
        narrow = availWidth - photo_width - self.gap
        used = 0.0
        self._tops = []
        for index, para in enumerate(self.paras):
            used += para.getSpaceBefore() if index else 0.0
            style = para.style
            beside = math.ceil(max(0.0, photo_height - used) / style.leading)  # lines starting beside the photo
            widths = [(narrow if line < beside else availWidth) - style.leftIndent - style.rightIndent
                      - (style.firstLineIndent if line == 0 else 0) for line in range(beside + 1)]
            para.width = availWidth
            para.height = para.break_to(widths)
            self._tops.append(used)
            used += para.height + (para.getSpaceAfter() if index < len(self.paras) - 1 else 0.0)
        self._photo_size = photo_width, photo_height
        self.width, self.height = availWidth, max(used, photo_height)
        return self.width, self.height

    def getSpaceAfter(self):
        return self.paras[-1].getSpaceAfter() if self.paras else 0.0

    def split(self, availWidth, availHeight):
        if self.wrap(availWidth, availHeight)[1] <= availHeight:
            return [self]
        canv = getattr(self, "canv", None)
        if canv is None:
            return []
        fallback = ImageAndFlowables(self.photo, self.paras, imageSide="right", imageLeftPadding=self.gap,
                                     imageRightPadding=0)
        fallback.canv = canv  # it measures with the canvas
        return fallback.split(availWidth, availHeight)

    def draw(self):
        photo_width, photo_height = self._photo_size
        self.photo.drawOn(self.canv, self.width - photo_width, self.height - photo_height)
        for para, top in zip(self.paras, self._tops):
            para.drawOn(self.canv, 0, self.height - top - para.height)


class Continues(Translated, Flowable):
    """Flowables that may run over several pages, each page after the first headed by `heading()`
    (e.g. "Title (continued)"): the reader of a continued page knows what it continues.

    Spaces between the flowables are as a Frame puts them (space after one and space before the
    next overlap). A split never leaves the heading of a continuation alone on its page.

    `keep`: the first `keep` flowables of the content (an entry's header) never end a page without
    the first lines of the one after them (its text): the whole moves to the next page instead,
    unless it is already at the top of one.

    `tail`: the last page it runs onto holds at least `tail` lines of its text, when what goes there is text alone,
    or text and then a block that closes it (a Together made with `text`: a tutorial's presenters after its
    description): more lines are carried over from the page before (which ends that many lines short) rather than
    leave a page of "(continued)" and a line or two, or a presenters' heading with none of the text above it;
    where what goes there holds blocks (a tutorial's other presenters), at least WIDOW_LINES lines of them and their
    text (see _tail_short).
    """

    def __init__(self, content: list, heading, lead: list | None = None, keep: int = 0, tail: int = 0):
        super().__init__()
        self.content = list(content)
        self.heading = heading
        self.lead = list(lead or [])
        self.keep = keep
        self.tail = tail
        self.opens_page = False  # a continuation: it starts a page

    def _items(self) -> list:
        return self.lead + self.content

    @staticmethod
    def _gap(previous, flowable) -> float:
        """The space between two flowables; none above the first (marks, zero-size, do not count)."""
        if previous is None or getattr(flowable, "_mark", False):
            return 0.0
        return max(previous.getSpaceAfter(), flowable.getSpaceBefore())

    @staticmethod
    def _after(previous, flowable):
        """What counts as the flowable before the next one: marks are passed over."""
        return previous if getattr(flowable, "_mark", False) else flowable

    def _lend_canvas(self, flowables) -> None:
        """Give the inner flowables this one's canvas: some measure on it (ImageAndFlowables, which
        BesidePhoto falls back to)."""
        canv = getattr(self, "canv", None)
        if canv is not None:
            for flowable in flowables:
                flowable.canv = canv

    def wrap(self, availWidth, availHeight):
        if self.opens_page and not _at_top(self) and getattr(self, "_frame", None) is not None:
            return availWidth, availHeight + 1  # does not fit: to the next page (see split)
        used, previous, self._heights = 0.0, None, []
        self._lend_canvas(self._items())
        for flowable in self._items():
            # each given the room the ones above it leave, as split gives it: text in columns is balanced in the
            # room it has (given the whole page, two columns set as one measured taller than that room, which split
            # found they fitted: the page could not be laid out)
            gap = self._gap(previous, flowable)
            height = flowable.wrap(availWidth, availHeight - used - gap)[1]
            self._heights.append(height)
            used += gap + height
            previous = self._after(previous, flowable)
        self.width, self.height = availWidth, used
        return availWidth, used

    def _visible(self) -> list:
        return [f for f in self._items() if not getattr(f, "_mark", False)]

    def getSpaceBefore(self):
        items = self._visible()
        return items[0].getSpaceBefore() if items else 0.0

    def getSpaceAfter(self):
        items = self._visible()
        return items[-1].getSpaceAfter() if items else 0.0

    def split(self, availWidth, availHeight):
        parts = self._split(availWidth, availHeight)
        if not self.tail or len(parts) != 2:
            return parts
        # a short last page: the split tried again, a line of this page's last paragraph higher each time, until the
        # page after holds `tail` lines of text; a step that moved no line (a taller line there: math) is followed by
        # another, a few at most. When the page before would keep none of the text, the whole moves on, below
        # something on this page (a flowing entry: a 4-line abstract at a page's foot was split 2 + 2 lines, its
        # paragraph's orphan and widow rules allowing no other split), and stays as it was at a page's top
        page = _frame_page(self)
        page = availHeight if page is None else page
        room = availHeight
        if self._tail_short(parts[1], availWidth, page) and _closing(parts[1]) is not None:
            # all the text stays here, the block that closes it goes on alone: lines are carried over from where the
            # text ends, not from the foot of the room (the block may be taller than many lines)
            room = min(room, parts[0].wrap(availWidth, availHeight)[1])
        for _ in range(3 * self.tail):
            if not self._tail_short(parts[1], availWidth, page):
                break
            room -= self._last_leading(parts[0])
            again = self._split(availWidth, room)
            if not again and not _at_top(self) and getattr(self, "_frame", None) is not None:
                return []
            if len(again) != 2:
                break
            parts = again
        return parts

    def _tail_short(self, more: "Continues", availWidth, page: float) -> bool:
        """Whether `more` (what goes on) holds fewer than `tail` lines of text, on what is its last page (it fits a
        page of the frame's height, `page`), when it is all text (paragraphs, or text in columns: not a table, a
        photo), or text (none, even) and then a block that closes it (a tutorial's presenters: see _closing), the text
        it holds counted too. (With no text before it, such a block started a page alone under "(continued)": a
        presenter's heading and name; and with it the rule did not hold: DebConf17's 2 lines, then the presenter.)
        Otherwise, when it is text and blocks of text (a tutorial's other presenters, each a Together), whether it
        holds fewer than WIDOW_LINES lines of them: a line alone under "(continued)" is a widow (SIGDIAL 2020 on A5,
        p. 39: "Tutorial 2 (continued)" over the last of its four presenters' names alone, the others on p. 38)."""
        shown, text, block = _text_and_closing(more)
        if not shown:
            return False
        if more.wrap(availWidth, page)[1] > page:
            return False
        if len(text) < len(shown) and block is None:
            lines = _lines_of_blocks(shown)
            return lines is not None and lines < WIDOW_LINES
        if block is not None:
            text += [f for f in block.content[:block.text] if not getattr(f, "_mark", False)]
        return sum(map(line_count, text)) < self.tail

    @staticmethod
    def _last_leading(first: "Continues") -> float:
        """The leading of the last paragraph of what stays on this page (`first`): the height of a line moved on."""
        for flowable in reversed(first.content):
            style = getattr(flowable, "style", None)
            if isinstance(flowable, MathParagraph) and style is not None:
                return style.leading
            get = getattr(flowable, "last_leading", None)  # text in columns
            if get is not None and (leading := get()):
                return leading
        return 1.0

    def _split(self, availWidth, availHeight):
        if self.opens_page and not _at_top(self) and getattr(self, "_frame", None) is not None:
            return []
        items = self._items()
        self._lend_canvas(items)
        # for each item: the position of the content flowable it is (part of), or None for the lead
        origin = [None] * len(self.lead) + list(range(len(self.content)))
        used, content_used, previous, first, begun = 0.0, 0.0, None, [], set()
        placed: list[tuple[float, int | None]] = []  # each of `first`'s content height and origin

        def place(flowable, height: float, at: int | None, gap: float) -> None:
            """`flowable`, `height` tall and `gap` under what is above it, stays on this page (`at`: the content
            flowable it is, or is part of; None for the lead)."""
            nonlocal used, content_used
            first.append(flowable)
            placed.append((height if at is not None else 0.0, at))
            used += gap + height
            if at is not None:
                content_used += height
                begun.add(at)

        index, rest = 0, None
        while index < len(items):
            flowable, at = items[index], origin[index]
            gap = self._gap(previous, flowable)
            room = availHeight - used - gap
            height = flowable.wrap(availWidth, room)[1]
            if height <= room:
                place(flowable, height, at, gap)
                previous = self._after(previous, flowable)
                index += 1
                continue
            if self.keep and at is not None and at < self.keep and not _at_top(self):
                return []  # the header does not fit: all of it moves on (no use splitting it)
            if isinstance(flowable, Together):
                if content_used > 0 or not _at_top(self):
                    parted = self._parted(flowable, availWidth, room)
                    if parted is None:
                        rest = items[index:]  # it moves on whole
                        break
                    here, there = parted  # (its head and first lines here, the rest of its text on)
                    stays = Continues(here, None)
                    self._lend_canvas([stays])
                    place(stays, stays.wrap(availWidth, room)[1], at, gap)
                    rest = [*there, *items[index + 1:]]
                    break
                # taller than the page (nothing of the content above it): laid out as its content is
                self._lend_canvas(flowable.content)
                items[index:index + 1] = flowable.content
                origin[index:index + 1] = [at] * len(flowable.content)
                continue
            self._lend_canvas([flowable])
            parts = flowable.split(availWidth, room) if room > 0 else []
            self._lend_canvas(parts)
            head = parts[0].wrap(availWidth, room)[1] if len(parts) >= 2 else 0.0
            if len(parts) < 2 or head <= 0 or head > room:
                rest = items[index:]
                break
            # the part that fits stays here; what follows it is tried in the room left (a photo's
            # header splits into what goes beside the photo and paragraphs that may fit below it)
            place(parts[0], head, at, gap)
            previous = self._after(previous, parts[0])
            items[index:index + 1] = parts
            origin[index:index + 1] = [at] * len(parts)
            index += 1
        if rest is None:
            if len(first) == len(self._items()):
                return [self]
            rest = []
        while rest and isinstance(rest[0], Gap):  # (space between two blocks: none under "(continued)")
            rest.pop(0)
        if not rest:
            return [Continues(first, None)]
        # a heading in the text never ends the page: it goes on with the paragraph it leads to, while text of the
        # entry stays above it here (a text of nothing but headings, "Step 1:", "Step 2:", ... is set as it comes)
        leads = _leading(first, placed, rest[0])
        moved_height = sum(height for height, _ in placed[len(placed) - leads:])
        if leads and not self._fits_next_page(moved_height, rest, availWidth):
            leads, moved_height = 0, 0.0  # (a run as tall as a page stays where it falls, and so does its lead-in)
        before = len(first) - 1 - leads  # what stays above them
        if before >= 0 and placed[before][1] is not None and breaks_tail(first[before]):
            # a long lead-in to a list, whole above them (or at the page's foot): broken, its last lines going on
            # with the list's first items; too short to break (3 lines), it goes on whole, but never to leave the
            # entry's header alone (then nothing moves)
            height, at = placed[before]
            broken = tail_split(first[before], availWidth, height)
            if broken is not None:
                stays, head, goes_on = broken
                _move_on(first, placed, rest, begun, leads)
                first[before], placed[before] = stays, (head, at)
                rest.insert(0, goes_on)
                content_used -= moved_height + height - head
                leads = 0
            elif content_used - moved_height - height > 0:
                # (and the lines leading into it: "Call to Action:" stayed, and so did the lead-in)
                more = _leading(first, placed, rest[0], leads + 1)
                moved_height = sum((placed[-1 - lead][0] for lead in range(leads + 1, more)), moved_height + height)
                leads = more
            else:
                leads = 0
        if leads and content_used - moved_height > 0 and not keeps_with_next(first[-1 - leads]):
            _move_on(first, placed, rest, begun, leads)
            content_used -= moved_height
        if content_used <= 0:
            return []  # nothing of the content fits here: it moves on whole, heading and all
        if self.keep and len(begun) < min(self.keep + 1, len(self.content)) and not _at_top(self):
            return []  # the header would end the page without its text: all of it moves on
        return [Continues(first, None), self._going_on(rest)]

    def _parted(self, block: "Together", availWidth, room: float) -> tuple[list, list] | None:
        """`block` (a Together that does not fit `room`, below some of this one's content) split (Together.parted,
        `tail` lines of its text or more each side) where moving it on whole would leave more than PARTED_FROM of the
        page empty; else None (it moves on whole)."""
        page = _frame_page(self)
        if page is None or room <= PARTED_FROM * page:
            return None
        return block.parted(availWidth, room, self.tail)

    def _fits_next_page(self, height: float, rest: list, availWidth) -> bool:
        """Whether lines kept with what follows, `height` tall, going on with `rest`, fit the page they would go on
        to, under its heading ("Title (continued)"), with the lines of `rest` kept with the next too and the first line
        after them: else they stay where they are, a run as tall as a page (a list of 50 items each ending with a
        colon on A5: moved on, they left the abstract's header alone on its page)."""
        page = _frame_page(self)
        if page is None:
            return True
        room = page - sum(flowable.wrap(availWidth, page)[1] for flowable in (self.heading() if self.heading else []))
        for flowable in rest:
            if height > room or not keeps_with_next(flowable):
                break
            height += flowable.wrap(availWidth, room)[1]
        else:
            return height <= room
        return height + getattr(getattr(flowable, "style", None), "leading", 0.0) <= room

    def _going_on(self, rest: list) -> "Continues":
        """`rest` on the next page, under the heading ("Title (continued)"): never under what stays here, even where
        that leaves room (a photo's header)."""
        more = Continues(rest, self.heading, self.heading(), tail=self.tail)
        more.opens_page = True
        return more

    def draw(self):
        top, previous = self.height, None
        for flowable, height in zip(self._items(), self._heights):
            top -= self._gap(previous, flowable)
            flowable.drawOn(self.canv, 0, top - height)
            top -= height
            previous = self._after(previous, flowable)


class Together(Continues):
    """Flowables kept on one page inside a Continues (a tutorial's presenter: name, affiliation, bio): where they do
    not fit, they move on to the next page whole, unless nothing of that Continues' content is above them there
    (taller than a page: they run on as the rest of its content does). (ReportLab's KeepTogether is split by the
    frame itself, and measures as taller than any page.)

    `text`: it closes the Continues' text (a tutorial's presenters' heading and first presenter, after its
    description), its first `text` flowables being the last of that text (a short last paragraph kept with them):
    on a page the Continues runs onto it has at least the Continues' `tail` lines of text above it or in it (see
    Continues._tail_short). None: it is no part of the text's end (another presenter).

    `kept`: how many of its first flowables (a presenter's name, affiliation and the space under them) head its text
    (a bio), which may be split where moving the block on whole would leave more than PARTED_FROM of the page empty
    (see parted); None: never split (no text; a block held to its photo). 39C3 (A4, p. 343): a presenter's bio of 19
    lines moved on whole and left the page 0.4 empty."""

    def __init__(self, content: list, text: int | None = None, kept: int | None = None):
        super().__init__(content, None)
        self.text = text
        self.kept = kept

    def parted(self, availWidth, availHeight, lines: int) -> tuple[list, list] | None:
        """The block split to fill `availHeight`: the flowables that stay (its first `kept`, with `lines` lines of its
        text or more under them) and those that go on (its text's rest, `lines` lines or more, text alone); None
        where it cannot be so split. A block whose last flowable is such a block (a tutorial's first presenter under
        the presenters' heading), its first flowables before it kept: that block split so, in the room they leave."""
        if self.kept is None or lines < 1:
            return None
        inner = self.content[-1]
        if self.kept == len(self.content) - 1 and isinstance(inner, Together):
            head = Continues(self.content[:-1], None)
            self._lend_canvas([head, inner])
            used = head.wrap(availWidth, availHeight)[1] + self._gap(self.content[-2], inner)
            split = inner.parted(availWidth, availHeight - used, lines) if availHeight > used else None
            return None if split is None else ([*self.content[:-1], *split[0]], split[1])
        trial = Continues(self.content, lambda: [], keep=self.kept, tail=lines)  # (lines carried over for `tail`)
        self._lend_canvas([trial])
        parts = trial.split(availWidth, availHeight)
        if len(parts) != 2:
            return None
        here, there = parts[0].content, parts[1].content
        under = sum(line_count(f) for f in here[self.kept:] if _is_text(f))
        if under < lines or not all(map(_is_text, there)) or sum(map(line_count, there)) < lines:
            return None
        return here, there


WIDOW_LINES = 2  # what goes on to a page of its own under "(continued)" holds at least this many lines (_tail_short)


def _lines_of_blocks(flowables: list) -> int | None:
    """The lines of `flowables` (shown: no marks), text (paragraphs, text in columns) and blocks of it (Together: a
    presenter's name, affiliation and bio), space between them counting none; None when one of them is neither (a
    photo, a table: not counted in lines)."""
    lines = 0
    for flowable in flowables:
        if getattr(flowable, "_mark", False) or isinstance(flowable, Spacer):
            continue
        if isinstance(flowable, Together):
            inner = _lines_of_blocks(flowable.content)
            if inner is None:
                return None
            lines += inner
        elif _is_text(flowable):
            lines += line_count(flowable)
        else:
            return None
    return lines


def _is_text(flowable) -> bool:
    """Whether `flowable` is text whose lines count (a paragraph, text in columns)."""
    return isinstance(flowable, MathParagraph) or hasattr(flowable, "line_count")


def _closing(more: Continues) -> Together | None:
    """The block that closes the text of `more`'s content (see Together's `text`), when all before it is text (what
    follows it, the other presenters, is not counted): else None."""
    return _text_and_closing(more)[2]


def _text_and_closing(more: Continues) -> tuple[list, list, Together | None]:
    """`more`'s content shown (its marks left out), the text it starts with (paragraphs, text in columns), and the
    block that closes that text (_closing), or None."""
    shown = [f for f in more.content if not getattr(f, "_mark", False)]
    text = list(itertools.takewhile(_is_text, shown))
    block = shown[len(text)] if len(text) < len(shown) else None
    return shown, text, block if isinstance(block, Together) and block.text is not None else None


def line_count(flowable) -> int:
    """The lines of a paragraph (or of text in columns) as last wrapped."""
    get = getattr(flowable, "line_count", None)
    return get() if get else len(flowable.blPara.lines)


def keeps_with_next(flowable) -> bool:
    """Whether `flowable` (a heading) must not end a page or column with something after it."""
    get = getattr(flowable, "getKeepWithNext", None)
    return bool(get() if get else getattr(flowable, "keepWithNext", False))


def _leading(first: list, placed: list, follows, leads: int = 0) -> int:
    """Continues._split: how many of the last flowables of `first` (what stays on the page; `placed`, their heights
    and content items) go on with `follows`, the first of what goes on: the last `leads` of them already, and above
    those each line of the entry's text kept with the paragraph after it (keeps_with_next: a heading, "Call to
    Action:"; not a paragraph's first part, whose rest follows), never the first of `first`."""
    while (leads < len(first) - 1 and placed[-1 - leads][1] is not None and keeps_with_next(first[-1 - leads])
           and not getattr(first[-1 - leads], "_splitpara", 0)
           and isinstance(first[-leads] if leads else follows, MathParagraph)):
        leads += 1
    return leads


def _move_on(first: list, placed: list, rest: list, begun: set, count: int) -> None:
    """Continues._split: the last `count` flowables of `first` (what stays on the page; `placed`, their heights and
    content items) put at the head of `rest`, to go on; a content item none of whose flowables stays is no more
    `begun` here."""
    for _ in range(count):
        rest.insert(0, first.pop())
        _, at = placed.pop()
        if at not in (a for _, a in placed):
            begun.discard(at)


def keeps_tail_with_next(flowable) -> bool:
    """Whether `flowable` (a long paragraph leading into a list) must not end a page or column whole with something
    after it: its last lines go on with what follows (see Continues._split)."""
    return bool(getattr(getattr(flowable, "style", None), "keepTailWithNext", 0))


def breaks_tail(flowable) -> bool:
    """Whether `flowable` is a long lead-in to a list (keeps_tail_with_next) that a page's or column's foot breaks
    (tail_split): whole, not a paragraph's first part (_splitpara: its rest follows)."""
    return keeps_tail_with_next(flowable) and not getattr(flowable, "_splitpara", 0)


def tail_split(lead_in, width: float, height: float) -> tuple | None:
    """`lead_in` (breaks_tail), set `height` tall, broken for its last lines to go on with the list it leads into
    (Continues._split, columns.Columns): the part that stays, that part's height, and the rest; None when it is too
    short to break (3 lines: it goes on whole), its lines kept as set (Para.split)."""
    parts = lead_in.split(width, height - 0.01)
    if len(parts) == 2 and (head := parts[0].wrap(width, height)[1]) < height:
        return parts[0], head, parts[1]
    return None


def _at_top(flowable) -> bool:
    """Whether the frame laying `flowable` out has drawn nothing yet on this page (moving on would not help)."""
    frame = getattr(flowable, "_frame", None)
    return bool(getattr(frame, "_atTop", False))


class Gap(Spacer):
    """Space between two blocks that a page break drops, as it drops a heading's space above: at the top of a page it
    is nothing (a Spacer there pushed what follows down: SIGDIAL's "Invited Speakers" stood 15 pt below where the
    page's text begins, where its committee heading's space above was not dropped either)."""

    def wrap(self, availWidth, availHeight):
        return (self.width, 0) if _at_top(self) else super().wrap(availWidth, availHeight)


def _frame_page(flowable) -> float | None:
    """The height a page of the frame laying `flowable` out holds (inside its padding); None outside a frame."""
    frame = getattr(flowable, "_frame", None)
    return None if frame is None else frame._height - frame._topPadding - frame._bottomPadding


PARTED_FROM = 1 / 5  # of a page: a block (a presenter's bio) that would move on whole from more room is split (Together)
REFIT_REST = 1 / 4  # of a page: an entry going on with less than this of it alone on the next page is set closer


class Entry(Continues):
    """One of several entries flowing on a page (abstracts, layout: flow): `separator` (a rule) above
    it, except at the top of a page; its header (`keep` flowables) never alone at a page's foot; a
    long one runs on to the next page under `heading()` ("Title (continued)").

    `whole`: an entry that fits on a page is not split where the room left for it on this page is `whole` of the
    page or less: it moves on whole, that room left empty (0: split as it comes). On an A5 page DebConf17's short
    abstracts were cut a few lines from their end, the reader turning the page for them.

    `near`: from a room of up to `near` of the page (more than `whole`), such an entry moves on whole too when a split
    would be a forced one: when it is fewer than `tail` lines too tall for the room (Continues' `tail` then carried
    lines over, to leave its last page `tail` lines: SIGDIAL 2020's 8-line abstract, a separator's height too tall,
    was cut 4 + 4 under "(continued)", FOSDEM's and DebConf17's likewise, 3 + 4 and 4 + 4 across a page turn), or
    when fewer than `tail` lines of its text would stay under its header at the page's foot (its heading's orphan).
    A split from such a room otherwise stays: `tail` lines or more each side.

    `alone`: the last entry of its section (what follows opens a page) moves on whole from a room of up to `last` of
    the page (`near` when not given), when it fits on a page, where its split would leave less than `alone` of a page
    of it on the next page, alone there (0: never), as Row's does; from more room it is split (half a page left empty
    looked a mistake).

    `orphan`: from any room, a split that would leave fewer than `tail` lines of its text under its header at the
    page's foot (its heading's orphan, as `near` has it from its room) moves it on whole, unless it can be cut between
    two paragraphs, `tail` lines or more each side: on a page of two columns, where `near` is 0 (39C3 A4 p. 293:
    "Häkeln für Anfänger" started at the page's foot, its header over a line of its text in the first column and two
    in the second), and on one column from more room than `near`.

    `refit`: refit(entry, width, room): the entry set closer to fit the room left for it whole, or None (see
    abstracts.flowing_entry). For the last entry of its section (`closing`), which leaves the section's last page to it
    alone where it does not fit that room: tried where, by the rules above, the entry would move on whole or go on with
    less than REFIT_REST of a page (_left_alone). For another: tried where it would move on whole from a room of more
    than `refit_from` of the page, leaving that room empty (FOSDEM 2025's A5 p. 227: paragraphs of 1, 3 and 1 lines,
    5 points too tall for the room, that no split with 2 lines each side could take, left the page 0.33 empty); set
    closer by its spaces only, its type as its neighbours'.

    `least`: where by `tail` and `orphan` it would move on whole from a room of more than `near` (or `whole`) of the
    page, leaving that room empty, it is split with fewer lines of its text each side instead, as a typesetter's widow
    and orphan rules allow: at least least[0] under its header at the page's foot and least[1] on the next page (see
    _least_split; empty: never). DebConf17's A5 pp. 38-39 and FOSDEM 2025's p. 330 were left 0.33 to 0.37 empty:
    paragraphs of 2 or 3 lines, or 7 lines to be cut 5 + 2, that `tail` lines each side could not take."""

    def __init__(self, content: list, heading, keep: int, separator=None, tail: int = 0, whole: float = 0.0,
                 near: float = 0.0, alone: float = 0.0, refit=None, orphan: bool = False, last: float = 0.0,
                 least: tuple[int, int] = (), closing: bool = True, refit_from: float = 0.0):
        super().__init__(content, heading, keep=keep, tail=tail)
        self.separator = separator
        self.whole = whole
        self.near = near
        self.alone = alone
        self.last = last or near
        self.refit = refit
        self.closing = closing
        self.refit_from = refit_from
        self.orphan = orphan
        self.least = least
        self.under = tail  # lines of its text under its header at a page's foot, at least (`orphan`, `near`)

    def _settle(self) -> None:
        """Decided where the entry is placed: the separator goes above it unless it starts a page; a
        day it opens names its page in the running head only when it starts the page (a page that
        begins inside the day before stays that day's)."""
        top = _at_top(self)
        self.lead = [self.separator] if self.separator is not None and not top else []
        for flowable in self.content:
            if isinstance(flowable, DayMark):
                flowable.claim = top

    def getSpaceBefore(self):
        self._settle()
        return super().getSpaceBefore()

    def wrap(self, availWidth, availHeight):
        self._settle()
        return super().wrap(availWidth, availHeight)

    def split(self, availWidth, availHeight):
        self._settle()
        page = _frame_page(self)
        movable = page is not None and not _at_top(self)  # (moving on to the next page could help)
        parts = self._split_as_set(availWidth, availHeight, page, movable)
        if movable and self.refit is not None and self._refitted(parts, availWidth, availHeight, page) \
                and (closer := self.refit(self, availWidth, availHeight)) is not None:
            return [closer]  # (it fits the room whole: the frame adds it)
        return parts

    def _refitted(self, parts: list, availWidth, availHeight, page: float) -> bool:
        """Whether the entry is to be set closer to fit `availHeight` (see `refit`), `parts` its split as set: the
        section's last, where they leave it alone on the next page (_left_alone); another, where it moves on whole
        from a room of more than `refit_from` of the page."""
        if self.closing:
            return self._left_alone(parts, availWidth, page)
        return not parts and availHeight > self.refit_from * page

    def _left_alone(self, parts: list, availWidth, page: float) -> bool:
        """Whether `parts`, the entry split as set (_split_as_set), leave it alone on the next page, the section's last
        (see `refit`): it moves on whole, or less than REFIT_REST of a page of it goes on. Where more goes on, its split
        stands as the book's rules make it (`alone`: a longer rest is no mistake), the entry not set closer (refit had
        been tried first, whatever the split: an entry taller than a page, up to a quarter over the room, was set
        closer to fit it whenever its spaces and type could give that much)."""
        return not parts or len(parts) == 2 and parts[1].wrap(availWidth, page)[1] < REFIT_REST * page

    def _split_as_set(self, availWidth, availHeight, page: float | None, movable: bool) -> list:
        """The entry split as it is set (`whole`, `near`, `alone`, then Continues' split): [] when it moves on whole."""
        fitting: list[bool] = []  # whether the entry fits on a page (height_needed: a layout pass), measured once

        def fits() -> bool:
            if not fitting:
                fitting.append(height_needed(self.content, availWidth, page) <= page)
            return fitting[0]

        if movable and self.whole and availHeight <= self.whole * page and fits():
            return []  # on the next page, whole
        parts = super().split(availWidth, availHeight)  # the first part holds the separator, if any
        if movable and not parts:  # on the next page, whole (Continues: no split leaves `tail` lines each side)
            return self._unless_alone(self._between_paragraphs(availWidth, availHeight)
                                      or self._least_split(availWidth, availHeight, page),
                                      availWidth, availHeight, page, fits)
        if (movable and len(parts) == 2 and self.near and availHeight <= self.near * page
                and self._forced(parts[0], availWidth, availHeight, page) and fits()):
            # on the next page, whole, unless it can be cut between two paragraphs, `tail` lines or more each side
            return self._between_paragraphs(availWidth, availHeight)
        if movable:
            parts = self._unless_alone(parts, availWidth, availHeight, page, fits)
        if movable and len(parts) == 2 and self.orphan and self._head_short(parts[0]):
            return self._unless_alone(self._between_paragraphs(availWidth, availHeight)  # (its heading's orphan)
                                      or self._least_split(availWidth, availHeight, page),
                                      availWidth, availHeight, page, fits)
        return parts

    def _unless_alone(self, parts: list, availWidth, availHeight, page: float, fits) -> list:
        """`parts`, or [] (on the next page, whole) where they would leave the section's last entry's rest alone on its
        last page, a few lines (`alone`, from a room of up to `last` of the page; fits(): it fits on a page). Every
        split is checked, the fallbacks' too (_between_paragraphs, _least_split: a last abstract of two 3-line
        paragraphs was cut 3 + 3 from 0.29 of a page, "(continued)" and 3 lines alone on the section's last page)."""
        if (len(parts) == 2 and self.alone and availHeight <= self.last * page
                and parts[1].wrap(availWidth, page)[1] < self.alone * page and fits()):
            return []
        return parts

    def _least_split(self, availWidth, availHeight, page: float) -> list:
        """The entry split with at least least[0] lines of its text under its header and least[1] on the next page
        (Continues' split, least[1] its `tail`: lines carried over to leave that many there; where fewer than least[0]
        would stay under the header, between two paragraphs, so many or more each side), where moving on whole would
        leave more than `near` (or `whole`) of the page empty; [] (on the next page, whole) where there is none. What
        goes on keeps `tail` lines on its own last page, should it run on further."""
        if not self.least or availHeight <= max(self.whole, self.near) * page:
            return []
        tail, under = self.tail, self.under
        self.under, self.tail = self.least
        try:
            parts = Continues.split(self, availWidth, availHeight)
            if len(parts) == 2 and self.orphan and self._head_short(parts[0]):
                parts = self._between_paragraphs(availWidth, availHeight)
        finally:
            self.tail, self.under = tail, under
        if len(parts) != 2:
            return []
        parts[1].tail = tail
        return parts

    def _between_paragraphs(self, availWidth, availHeight) -> list:
        """The entry split between two paragraphs of its text, the latest such cut whose first part fits in
        `availHeight`, with `tail` lines of text or more each side (what stays here counted below the header); []
        (on the next page, whole) where there is none. (FOSDEM 2025 p. 247: "Let's huddle around Nextcloud BOF",
        paragraphs of 1, 3 and 6 lines a line or two too tall for the room, moved on whole from 0.38 of a page left
        empty; it is cut after its second paragraph, 4 lines here and 6 there.)"""
        items = self._items()
        start = len(self.lead) + self.keep  # the first item of the text under the header
        self._lend_canvas(items)
        text = [_is_text(flowable) for flowable in items]
        for flowable, is_text in zip(items, text):
            if is_text:
                flowable.wrap(availWidth, availHeight)
        # the lines of text before each item (a flowable not text: none)
        before = list(itertools.accumulate((line_count(f) if t else 0 for f, t in zip(items, text)), initial=0))
        for end in range(len(items) - 1, start, -1):  # items[:end] stay here
            if not (text[end - 1] and text[end]) or keeps_with_next(items[end - 1]) \
                    or keeps_tail_with_next(items[end - 1]):  # (a lead-in to a list: never cut after it)
                continue
            if before[end] - before[start] < self.under or before[-1] - before[end] < self.tail:
                continue
            here = Continues(items[:end], None)
            if here.wrap(availWidth, availHeight)[1] > availHeight:
                continue
            return [here, self._going_on(items[end:])]
        return []

    def _forced(self, first: Continues, availWidth, availHeight, page: float) -> bool:
        """Whether the split that leaves `first` here is a forced one (see `near`): the entry is fewer than `tail`
        lines too tall for the room, or `first` holds fewer than `tail` lines of its text below the header."""
        # (a line's height: the leading of the entry's own last paragraph, its text's, whatever stays here)
        if height_needed(self._items(), availWidth, page) - availHeight < self.tail * self._last_leading(self):
            return True
        return self._head_short(first)

    def _head_short(self, first: Continues) -> bool:
        """Whether `first` (what of the entry stays on this page) holds fewer than `under` lines of its text below the
        header (text in columns: the lines of this page's columns): `tail`, or least[0] in _least_split."""
        text = [f for f in first.content[len(self.lead) + self.keep:] if _is_text(f)]
        if not text and not any(_is_text(f) for f in self.content[self.keep:]):
            return False  # (no text below what is kept with the header: a tutorial's short description kept with its
            # first presenter, its other presenters after it)
        return sum(map(line_count, text)) < self.under


class Later:
    """Flowables made only when they are needed: a story may hold these where it is cut into parts
    (output.parallel lays out each part in its own process, and makes only that part's); `made(story)`
    makes them. What they make holds no section anchor or day mark (those tell where a part starts)."""

    __slots__ = ("make",)

    def __init__(self, make):
        self.make = make  # () -> a list of flowables


def made(story: list) -> list:
    """`story` with every Later made into its flowables."""
    if not any(isinstance(flowable, Later) for flowable in story):
        return story
    out = []
    for flowable in story:
        if isinstance(flowable, Later):
            out += flowable.make()
        else:
            out.append(flowable)
    return out


class EndMark(Flowable):
    """Zero-size, after an entry: records the page its entry ends on (`end:KEY`, for proofs), with no
    trace in the PDF.

    A frame carries it out as a frame action (frameAction), which it does whatever room is left: an entry that
    fills its page to the bottom, its last space after it reaching below, ends on that page. (Placed as a
    zero-size flowable, the frame found no room for it there: it went to the next page, which the page break
    after an abstract then left blank.) The frame's position and spacing are left as they are."""

    _mark = True  # no space around it in a Continues

    _ZEROSIZE = True
    _SPACETRANSFER = True  # the space after that entry still counts for what follows

    def __init__(self, key: str):
        super().__init__()
        self.key = key
        self.width = self.height = 0

    def wrap(self, availWidth, availHeight):
        return 0, 0

    def frameAction(self, frame):  # noqa: N802 - ReportLab's name
        self.drawOn(self.canv, 0, 0)

    def drawOn(self, canvas, x, y, _sW=0):  # nothing is drawn, not even a saved and restored state
        note_pages(canvas, self.key, first=False)

    def draw(self):
        pass


def note_pages(canvas, key: str, first: bool = True) -> None:
    """Note that something of `key` is drawn on this page, with no trace in the PDF: the first such page as the
    anchor `key` (unless not `first`: EndMark, whose entry's anchor is an Anchor of its own), the last as `end:KEY`
    (an entry's end, for EndMark; proofs.page_ranges reads both)."""
    pages = getattr(canvas, "anchor_pages", None)
    if pages is not None:
        page = canvas.getPageNumber()
        if first:
            pages.setdefault(key, page)
        pages["end:" + key] = page


class Anchor(Flowable):
    """A link target (and optionally a PDF outline entry) at this point of the story."""

    _mark = True  # no space around it in a Continues

    def __init__(self, key: str, outline: str | None = None, level: int = 0, section: str | None = None):
        super().__init__()
        self.key = key
        self.outline = outline
        self.level = level
        self.section = section
        self.width = self.height = 0

    def wrap(self, availWidth, availHeight):
        return 0, 0

    def draw(self):
        canv = self.canv
        canv.mark_anchor(self.key)
        if self.outline is not None:
            canv.addOutlineEntry(self.outline, self.key, self.level, closed=self.level >= 1)
        if self.section is not None:
            canv.start_section(self.section)


class DayMark(Flowable):
    """Zero-size: from here on the pages belong to `day` (a title such as "Monday 14 June", or None
    for none); the running head of each page shows the day (see output.render). With `claim` false
    the page it is drawn on keeps the day it began in (a day that starts halfway down a page). With
    `opening`, the page it is drawn on opens the day under a heading that names it: it has no running head
    (as a section's first page has none)."""

    _mark = True  # no space around it in a Continues

    def __init__(self, day: str | None, claim: bool = True, opening: bool = False):
        super().__init__()
        self.day = day
        self.claim = claim
        self.opening = opening
        self.width = self.height = 0

    def wrap(self, availWidth, availHeight):
        return 0, 0

    def draw(self):
        self.canv.mark_day(self.day, self.claim, self.opening)


class Row(Translated, Flowable):
    """A left column (time, number), a body, and a right-aligned page reference, linked as one line.

    Splits inside the body, so a row of any length never overflows a page; a row no taller than
    `keep` moves to the next page whole instead of splitting, as does one that would leave no more than its
    first `whole` flowables on the page (a poster's title and authors: with at least the start of its text), or, the
    last row of its section, whose part left for the next page would be shorter than `alone` of a page (when the row
    fits on a page); unless it is at the top of a page or those are taller than a page. `spaced`: the body's
    flowables apart as a frame sets them (the larger of one's space after and the next's space before; a poster's paragraphs).
    `continued()`: flowables that head each part after the first, with at least the start of what follows
    ("12 Title (continued)": a poster's). `tail`: the fewest lines of the body's text (after its first `whole`
    flowables) that may go on to the next column or page: the split moves up until so many go on, or the row moves on
    whole when that would leave fewer than two of them where it starts (a poster's: no two-line tail). `baseline`: the
    left column's first line and the page reference set on the body's first baseline (a programme line's time, in
    smaller type than its title, stood 1.4 points above the title's line), not at the row's top. `ref_first`: the page
    reference beside the body's first flowable only (a parallel track's talk, its time line), the flowables under it
    as wide as the row (they were kept clear of the reference's column all the way down: a track's titles ended a
    sixth of the cell short of its edge, "Stellar activity in radial-velocity / data as a multi-output / Gaussian
    process" on three lines where two hold it).
    """

    column_follows = False  # split where a column of the same page follows (set by layout.columns)
    lead = 0.0  # set this much lower in its height (layout.daypages.TracksRow: its first line on its neighbours')

    def __init__(self, left, body, left_width: float, *, ref: str | None = None, ref_style=None,
                 link: str | None = None, background=None, pad: float = 2.0, gap: float = 6.0,
                 keep: float = 0.0, anchor: str | None = None, spaced: bool = False, whole: int = 0,
                 ref_last: bool = False, continued=None, tail: int = 0, baseline: bool = False,
                 mark: str | None = None, alone: float = 0.0, ref_first: bool = False):
        super().__init__()
        self.ref_first = ref_first
        self.alone = alone
        self.baseline = baseline
        self.mark = mark  # pages noted where it is drawn (note_pages): a chaired session's rows
        self.tail = tail
        self.continued = continued
        self.ref_last = ref_last  # the page reference beside the body's last line (an entry of the contents)
        self.left = list(left)
        self.body = list(body)
        self.spaced = spaced
        self.left_width = left_width
        self.ref = ref
        self.ref_style = ref_style
        self.link = link
        self.background = background
        self.pad = pad
        self.gap = gap
        self.keep = keep
        self.anchor = anchor
        self.whole = whole
        self.ref_width = (ref_style.fontSize * 2.2) if ref else 0.0

    def unlaid_copy(self) -> "Row | None":
        """This row as made, for a layout of its own, where it was never laid out and each flowable of it gives one
        (Para.unlaid_copy); else None. (A kept poster entry: posters.kept_poster_entry.)"""
        if "_body_sizes" in self.__dict__:  # (wrapped)
            return None
        left, body = [_unlaid(f) for f in self.left], [_unlaid(f) for f in self.body]
        if any(f is None for f in itertools.chain(left, body)):
            return None
        made = type(self).__new__(type(self))
        made.__dict__.update(self.__dict__)
        made.left, made.body = left, body
        return made

    @property
    def _body_x(self) -> float:
        return self.left_width + self.gap if self.left_width else 0.0

    def _body_width(self, avail_width: float) -> float:
        return max(20.0, avail_width - self._body_x - (self.ref_width + self.gap if self.ref else 0))

    def _width_at(self, index: int, avail_width: float) -> float:
        """How wide the body's flowable at `index` is set: clear of the page reference's column, or, `ref_first`,
        below the first flowable, as wide as the body."""
        if self.ref_first and index:
            return max(20.0, avail_width - self._body_x)
        return self._body_width(avail_width)

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        self._left_sizes = [f.wrap(self.left_width, availHeight) for f in self.left]
        self._body_sizes = [f.wrap(self._width_at(at, availWidth), availHeight) for at, f in enumerate(self.body)]
        left_h = sum(h for _, h in self._left_sizes) + (self._lowered(self.left) if self.left else 0.0)
        body_h = sum(h for _, h in self._body_sizes) + sum(self._spaces(self.body))
        self.height = max(left_h, body_h) + 2 * self.pad
        return self.width, self.height

    def _below(self, column: list) -> float:
        """How far below the row's top `column`'s first line (or, for [], the page reference) is set: with
        `baseline`, its baseline on the body's first, when both are paragraphs; else 0. Either way it follows the
        body's first line down when a tall formula sets that lower (text.paragraph.lineskips): a poster's number
        stood 3 points above its title's first line."""
        if not self.body or not isinstance(self.body[0], Para):
            return 0.0
        drop = self.first_drop()  # (the body's first line set lower for a tall formula: the time follows it)
        if not self.baseline or (not isinstance(column[0], Para) if column else self.ref_style is None):
            return drop
        first = column[0].style.fontSize if column else self.ref_style.fontSize
        return max(0.0, self.body[0].style.fontSize - first) + drop

    def first_drop(self) -> float:
        """How much lower than the leading alone puts it the body's first line is set, as last wrapped: the room
        lineskips adds above a line with a tall formula (0 for any other, or a body not opening with a paragraph)."""
        get = getattr(self.body[0], "lineskips", None) if self.body else None
        return edge_skips(get() if get is not None else None)[0]

    def _lowered(self, column: list) -> float:
        """How much taller `column` is for being set `_below`: only what its last line's type (its depth, DEPTH of
        its size, under its baseline) needs beyond its leading's space under it. A programme line's time (leading
        1.12 of the base size, 0.8 of it tall) lowered 1.4 points onto its title's baseline fits in the row as it
        was: counted whole, it made each one-line row 0.9 points taller, and 39C3's programme a page longer."""
        last = column[-1]
        under = last.style.leading - (1 + DEPTH) * last.style.fontSize if isinstance(last, Para) else 0.0
        return max(0.0, self._below(column) - max(0.0, under))

    def split(self, availWidth, availHeight):
        self.wrap(availWidth, availHeight)
        if self.height <= availHeight:
            return [self]
        if self.height <= self.keep:
            return []
        at_top = _at_top(self) or self._whole_taller_than_a_page(availWidth)
        parts = self._split(availWidth, availHeight, at_top)
        page = _frame_page(self) if self.alone and len(parts) == 2 and not at_top else None
        if page is not None and self.height <= page and parts[1].wrap(availWidth, page)[1] < self.alone * page:
            return []  # the last of its section: its rest would stand alone on a page, a few lines: it moves on whole
        return parts

    def split_at_top(self, availWidth, availHeight):
        """split, at the top of a page, where moving on would not help: a row a little taller than the room below
        a heading there (a name of 2,000 letters) is split even when it is no taller than `keep`, and one whose
        first `whole` flowables are taller than the page (a poster of 700 authors) inside them."""
        self.wrap(availWidth, availHeight)
        if self.height <= availHeight:
            return [self]
        return self._split(availWidth, availHeight, True)

    def _whole_taller_than_a_page(self, availWidth) -> bool:
        """Whether the first `whole` flowables are taller than the frame's page holds (a poster of 400 authors): moving
        on would not help, and would leave what is above the row (its section's heading) alone on its page."""
        page = _frame_page(self)
        if not self.whole or page is None:
            return False
        heads = self.body[:self.whole]
        return sum(f.wrap(self._width_at(at, availWidth), page)[1] for at, f in enumerate(heads)) \
            + sum(self._spaces(heads)) + 2 * self.pad > page

    def _split(self, availWidth, availHeight, at_top: bool):
        room = availHeight - 2 * self.pad
        if sum(h for _, h in self._left_sizes) > room and not at_top:  # the left column, which is not split, does not
            return []  # fit: the row moves on whole (its head, as tall, overflowed: a contact label of 120 letters)
        if self.tail:
            room = self._room_for_tail(availWidth, room, at_top)
            if room is None:
                return []
        first, rest = self._cut(availWidth, room)
        if not first or (len(first) <= self.whole and not at_top):
            return []
        head = Row(self.left, first, self.left_width, ref=self.ref, ref_style=self.ref_style,
                   link=self.link, background=self.background, pad=self.pad, gap=self.gap, anchor=self.anchor,
                   spaced=self.spaced, baseline=self.baseline, mark=self.mark, ref_first=self.ref_first)
        if not rest:
            return [head]
        # the rest headed "12 Title (continued)" on the next page; in the next column of the same page it runs on
        # beside its start (a typesetter's review: a heading between two columns that read straight on)
        heading = self.continued() if self.continued is not None and not self.column_follows else []
        tail = Row([], [*heading, *rest], self.left_width, ref_style=self.ref_style, link=self.link,
                   background=self.background, pad=self.pad, gap=self.gap, keep=self.keep, spaced=self.spaced,
                   whole=len(heading), continued=self.continued, tail=self.tail, mark=self.mark)
        return [head, tail]

    def _cut(self, availWidth, room: float) -> tuple[list, list]:
        """The body's flowables (or parts) that fit `room`, and the rest."""
        first, rest, used = [], list(self.body), 0.0
        while rest:
            f = rest[0]
            width = self._width_at(len(first), availWidth)
            used += self._spaces([first[-1], f])[0] if first else 0.0
            _, h = f.wrap(width, room - used)
            if used + h <= room:
                first.append(rest.pop(0))
                used += h
                continue
            parts = f.split(width, room - used)
            if len(parts) >= 2:
                first.append(parts[0])
                rest = list(parts[1:]) + rest[1:]
            break
        return first, rest

    def _room_for_tail(self, availWidth, room: float, at_top: bool) -> float | None:
        """The room to split the body in so that at least `tail` lines of its text go on: `room`, or less by a line
        at a time; None (the row moves on whole) when that leaves fewer than two where it starts, unless at a page's
        top. Planned from the lines' count, not split: ReportLab's split changes the fragments of the paragraph it
        splits (a line's last word given a space), and a paragraph split twice is set again from them."""
        taken, _, after = self._plan(availWidth, room)
        if not after or after >= self.tail or taken <= self.whole:
            return room
        step = min((f.style.leading for f in self.body[self.whole:] if isinstance(f, Para)), default=room)
        higher = room
        while after < self.tail:
            higher -= step
            taken, before, after = self._plan(availWidth, higher)
            if taken <= self.whole or before < 2:
                return room if at_top else None
        return higher

    def _plan(self, avail_width: float, room: float) -> tuple[int, int, int]:
        """How _cut would split the body in `room`, from the paragraphs' lines, splitting none: how many flowables
        (or parts) it leaves where the row starts, and the lines of text (after the first `whole` flowables) there
        and after (a flowable other than a paragraph: lines enough)."""
        used, taken, before = 0.0, 0, 0
        for number, f in enumerate(self.body):
            used += self._spaces([self.body[number - 1], f])[0] if number else 0.0
            width = self._width_at(number, avail_width)
            _, h = f.wrap(width, room - used)
            if not isinstance(f, Para):
                if used + h > room:
                    return taken, before, self.tail
                taken, used = taken + 1, used + h
                continue
            lines = f.line_count()
            if used + h <= room:
                taken, used = taken + 1, used + h
                before += lines if number >= self.whole else 0
                continue
            style = f.style  # as ReportLab's Paragraph.split: two lines at least where it starts and after it
            fit = int((room - used) / style.leading) if room - used > 0 else 0
            if fit and (tall := f.lines_fitting(room - used)) is not None:  # (lines set apart for a tall formula:
                fit = tall  # as many as its split leaves, not as many as the leading apart)
            if (not getattr(style, "allowOrphans", 0) and fit <= 1) or fit <= 0:
                fit = 0
            elif not getattr(style, "allowWidows", 1) and lines == fit + 1:
                fit = fit - 1 if lines > 3 or (getattr(style, "allowOrphans", 0) and lines == 3) else 0
            after = lines - fit
            for later, g in enumerate(self.body[number + 1:], number + 1):
                if not isinstance(g, Para):
                    return taken + (fit > 0), before + (fit if number >= self.whole else 0), self.tail
                g.wrap(self._width_at(later, avail_width), room)
                after += g.line_count()
            return taken + (fit > 0), before + (fit if number >= self.whole else 0), after
        return taken, before, 0

    def _spaces(self, body: list) -> list[float]:
        """The space above each of `body`'s flowables after the first (none unless `spaced`); the body's own, once."""
        if not self.spaced:
            return [0.0] * max(0, len(body) - 1)
        if body is self.body and self._body_spaces is not None:
            return self._body_spaces
        made = [max(a.getSpaceAfter(), b.getSpaceBefore()) for a, b in zip(body, body[1:])]
        if body is self.body:
            self._body_spaces = made
        return made

    _body_spaces = None

    def draw(self):
        canv = self.canv
        if self.mark:
            note_pages(canv, self.mark)
        if self.anchor:
            canv.mark_anchor(self.anchor)
        if self.background is not None:
            canv.saveState()
            canv.setFillColor(self.background)
            canv.rect(-2, 0, self.width + 4, self.height, stroke=0, fill=1)
            canv.restoreState()
        top = self.height - self.pad - self.lead
        y = top - self._below(self.left)
        for f, (_, h) in zip(self.left, self._left_sizes):
            y -= h
            f.drawOn(canv, 0, y)
        x = self._body_x
        y = top
        for f, (_, h), space in zip(self.body, self._body_sizes, [0.0, *self._spaces(self.body)]):
            y -= h + space
            f.drawOn(canv, x, y)
        if self.ref:
            style = self.ref_style
            below = 0.0
            if self.ref_last and self.body and isinstance(self.body[-1], Para):  # (its lines: one paragraph's)
                last = self.body[-1]  # (its last line, set lower for a tall formula above it or on it: lineskips)
                below = sum(h for _, h in self._body_sizes[:-1]) + (last.line_count() - 1) * style.leading \
                    + last.last_line_drop()
            else:
                below = self._below([])
            canv.draw_page_ref(self.ref, self.width, top - style.fontSize - below, style.fontName, style.fontSize,
                               style.textColor)
        if self.link:
            canv.linkRect("", self.link, (0, 0, self.width, self.height), relative=1, thickness=0)


def _unlaid(flowable):
    """flowable.unlaid_copy() where it has one, else None."""
    copy = getattr(flowable, "unlaid_copy", None)
    return copy() if copy is not None else None


class OneLineOr(Flowable):
    """Paragraph `one` when it sets on one line at the width it is given, else paragraph `more` (the same words
    broken elsewhere: a session's name, then its room on a line of its own without the dot between them).
    `together`: a list the ones set side by side share (the headings of parallel tracks): when one of them takes
    `more`, they all do, so that a row's rooms are set alike; each one asked at its own width, the one it was last
    wrapped at (the first and last of three or four tracks are wider than those between: each asked at its own, the
    first had "Security & Hacking · Saal 1" on one line and the second, with the same words, on two)."""

    def __init__(self, one: Para, more: Para, together: list | None = None):
        super().__init__()
        self.one, self.more = one, more
        self.chosen = one
        self.together = together
        self._one_line_at: dict[float, bool] = {}  # width -> whether `one` sets on one line there
        self._width: float | None = None  # the width it was last wrapped at
        if together is not None:
            together.append(self)

    def _one_line(self, width: float) -> bool:
        found = self._one_line_at.get(width)
        if found is None:
            self.one.wrap(width, 10_000)
            found = self._one_line_at[width] = self.one.line_count() == 1
        return found

    def wrap(self, availWidth, availHeight):
        self.chosen = self.one
        self._width = availWidth
        if not all(other._one_line(other._width or availWidth)
                   for other in self.together or (self,)):  # (each set once a width)
            self.chosen = self.more
        width, height = self.chosen.wrap(availWidth, availHeight)
        self.width, self.height = width, height
        return width, height

    def split(self, availWidth, availHeight):
        return []

    def lineskips(self) -> tuple[float, ...] | None:
        """The lineskips of the paragraph it sets (see MathParagraph.lineskips)."""
        return self.chosen.lineskips()

    def draw(self):
        self.chosen.drawOn(self.canv, 0, 0)


class Rule(Translated, Flowable):
    """A thin horizontal line across the frame. `between`: a rule between two entries (posters), which a page or
    a column that starts with it does without (columns.Columns passes over it there)."""

    _dropped = False  # (wrapped at a page's top, as `between`)

    def __init__(self, color, thickness: float = 0.5, space: float = 4.0, between: bool = False):
        super().__init__()
        self.color = color
        self.thickness = thickness
        self.space = space
        self.between = between

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        frame = getattr(self, "_frame", None)  # (the frame it is being added to, by platypus)
        self._dropped = self.between and frame is not None and frame._atTop
        self.height = 0 if self._dropped else self.thickness + 2 * self.space
        return self.width, self.height

    def draw(self):
        if self._dropped:
            return
        self.canv.setStrokeColor(self.color)
        self.canv.setLineWidth(self.thickness)
        y = self.space + self.thickness / 2
        self.canv.line(0, y, self.width, y)


class Photo(Flowable):
    """A portrait at a fixed printed size, downsampled to print resolution (usable in ImageAndFlowables)."""

    def __init__(self, path, width: float, height: float, cmyk: bool | int = False):
        super().__init__()
        self.path = path
        self.cmyk = cmyk
        self.drawWidth = self.width = width
        self.drawHeight = self.height = height

    def wrap(self, availWidth, availHeight):
        return self.drawWidth, self.drawHeight

    def _restrictSize(self, aW, aH):
        """Shrink to the space ImageAndFlowables offers (never grow)."""
        factor = min(1.0, aW / self.width, aH / self.height)
        self.drawWidth, self.drawHeight = self.width * factor, self.height * factor
        return self.drawWidth, self.drawHeight

    def _unRestrictSize(self):
        self.drawWidth, self.drawHeight = self.width, self.height

    def draw(self):
        image = images.printable(self.path, self.width, self.height, self.cmyk)
        scale = min(self.drawWidth / image.width, self.drawHeight / image.height)
        w, h = image.width * scale, image.height * scale
        self.canv.drawImage(image.reader(), (self.drawWidth - w) / 2, self.drawHeight - h, w, h, mask="auto")


_CANVAS: list = []


def measuring_canvas():
    """A canvas for measuring flowables (wrapOn) outside a page, made once per process."""
    if not _CANVAS:
        import io

        from reportlab.pdfgen.canvas import Canvas

        _CANVAS.append(Canvas(io.BytesIO()))
    return _CANVAS[0]


def height_needed(flowables: list, width: float, height: float, canvas=None) -> float:
    """How far down an empty frame `flowables` reach, spacing as ReportLab's Frame adds it (measured on `canvas`,
    by default measuring_canvas())."""
    canvas = canvas if canvas is not None else measuring_canvas()
    overlap = rl_config.overlapAttachedSpace
    used = needed = previous_after = 0.0
    at_top = True
    for flowable in flowables:
        zero = getattr(flowable, "_ZEROSIZE", False)
        before = 0.0
        if not at_top:
            before = flowable.getSpaceBefore()
            if overlap:
                if getattr(flowable, "_SPACETRANSFER", False) or zero:
                    before = previous_after
                before = max(before - previous_after, 0)
        _, h = flowable.wrapOn(canvas, width, height)
        used += before + h
        needed = max(needed, used)
        after = flowable.getSpaceAfter()
        used += after
        if before + h + after > 0:
            at_top = False
        if overlap:
            previous_after = previous_after if getattr(flowable, "_SPACETRANSFER", False) else after
    return needed
