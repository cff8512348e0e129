"""The conference's sponsors -> the sponsors' page: logos in a centred grid per tier, the first tier's largest.

Tiers are printed in the order they first appear in conference.yaml, each under its own words as
a heading; sponsors that name no tier come last, under the label other_sponsors ("Other sponsors"), or alone,
without a heading, when none names one.
Each tier's logos sit in boxes of one size, fewer and larger to a row for the first tiers, so the
tiers read as a hierarchy; a logo keeps its proportions inside its box, and a sponsor without a
logo prints its name there. The box sizes come from `logo_boxes`, which layout.placed also uses,
so `check` judges the logos' resolution at the size they print.
"""

from __future__ import annotations

from copy import copy

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from .. import images
from ..model import Booklet, Sponsor
from ..text import markup
from ..text.paragraph import pattern_cuts
from .common import Context
from .abstracts import headed_again
from .backmatter import web_target
from .flowables import Anchor, Para
from .page import Page
from .textfit import Marked, draw_block, fit_block, fit_scaled

TIER_COLUMNS = (2, 3, 4)  # logos to a row in the first tier, the second, the third and any after
UNTIERED_COLUMNS = 3  # when no sponsor names a tier
LOGO_ASPECT = 0.5  # a logo box's height over its width (most logos are wide)
GAP = 6 * mm  # between two boxes of a row
ROW_GAP = 5 * mm  # between two rows of a tier


def sponsor_groups(sponsors: tuple[Sponsor, ...]) -> list[tuple[str | None, list[Sponsor]]]:
    """(tier, its sponsors) in the order the tiers first appear; those of no tier last, under None."""
    groups: dict[str | None, list[Sponsor]] = {}
    for sponsor in sponsors:
        groups.setdefault(sponsor.tier, []).append(sponsor)
    untiered = groups.pop(None, None)
    return list(groups.items()) + ([(None, untiered)] if untiered else [])


def columns(groups: list[tuple[str | None, list[Sponsor]]], rank: int) -> int:
    """How many boxes a row of the group at `rank` has."""
    if len(groups) == 1 and groups[0][0] is None:
        return UNTIERED_COLUMNS
    return TIER_COLUMNS[min(rank, len(TIER_COLUMNS) - 1)]


def box_size(page: Page, count: int) -> tuple[float, float]:
    """(width, height) of one logo box when `count` boxes make a row of the text block."""
    width = (page.text_width - (count - 1) * GAP) / count
    return width, width * LOGO_ASPECT


def logo_boxes(booklet: Booklet, page: Page) -> list[tuple[Sponsor, float, float]]:
    """(sponsor, box width, box height) for every sponsor, in printed order."""
    groups = sponsor_groups(booklet.conference.sponsors)
    return [(sponsor, *box_size(page, columns(groups, rank)))
            for rank, (_, members) in enumerate(groups) for sponsor in members]


def has_sponsors(booklet: Booklet) -> bool:
    return bool(booklet.conference.sponsors)


def build_sponsors(ctx: Context) -> list:
    """The sponsors' section: its heading, then each tier's heading and rows of logos."""
    if not has_sponsors(ctx.booklet):
        return []
    s = ctx.styles
    tier_style = copy(s.subheading)
    tier_style.alignment, tier_style.textColor = TA_CENTER, ctx.colours.accent
    tier_style.spaceBefore = s.body.fontSize * 1.6
    tier_style.spaceAfter = s.body.fontSize * 0.9
    name_style = copy(s.small)
    name_style.alignment = TA_CENTER
    story = [Anchor("sponsors", markup.plain(ctx.label("sponsors")), 0, section=ctx.label("sponsors")),
             Para(markup.inline(ctx.label("sponsors")), s.heading)]
    groups = sponsor_groups(ctx.booklet.conference.sponsors)
    for rank, (tier, members) in enumerate(groups):
        rows: list = []
        # sponsors of no tier after tiers are headed by the label other_sponsors: under no heading, they read as the
        # last tier's (a German booklet of every option: "Buchhandlung Deuerlich" under "Förderer")
        heading = tier if tier is not None else ctx.label("other_sponsors") if rank else None
        if heading is not None:
            rows.append(Para(markup.inline(heading), tier_style))
        count = columns(groups, rank)
        width, height = box_size(ctx.page, count)
        names = [m.name for m in members if not m.logo]
        missing_style = _tier_size(_words_whole(_missing_style(ctx, count), names, width), names, width, height,
                                   s.text.hyphenationLang)
        for start in range(0, len(members), count):
            rows.append(LogoRow(members[start:start + count], width, height, ctx.page.process,
                                name_style if ctx.theme.sponsor_names else None, missing_style,
                                space=ROW_GAP if start else 0, language=s.text.hyphenationLang))
        if heading is None:
            story += rows
            continue
        # a tier that runs on to the next page is headed there by its name, "Bronze (continued)"; its name never ends
        # a page
        story.append(headed_again(ctx, rows, heading, tier_style))
    return story


def _missing_style(ctx: Context, count: int):
    """The style of the name printed in the box of a sponsor without a logo, in a row of `count` boxes (before its
    tier's names are shrunk to fit: see _tier_size). Its lines break at spaces and where broken_name cuts a word, never
    elsewhere: with the title style's hyphenation of a word wider than a line (wideWordsLang), the narrower lines of a
    balanced name hyphenated a word that fitted the box whole ("Institut für Ra- / dioastronomie",
    "Rijksuniver- / siteit Groningen")."""
    style = copy(ctx.styles.title)
    style.alignment = TA_CENTER
    style.fontSize = ctx.styles.title.fontSize * (1.0 if count <= 2 else 0.8 if count == 3 else 0.65)
    style.leading = style.fontSize * 1.2
    style.wideWordsLang = None
    return style


WORD_SHRINK = 0.85  # how far a tier's names without a logo are set smaller so that a word wider than its box fits
# whole (a little: a word that needs more is cut after a hyphen, at its tier's size: broken_name)


def _words_whole(style, names: list[str], width: float):
    """`style`, smaller by as much as the widest word of `names` (their legal forms held to the word before, as
    broken_name sets them) needs to fit `width` whole, by WORD_SHRINK at most: a word that would need more is cut
    whatever the size, and makes its tier no smaller."""
    scale = min((width / wide for name in names if not any(mark in name for mark in _MARKUP)
                 for unit in markup.held_legal_form(name).split(" ") for word in unit.split(markup.NBSP)
                 if (wide := stringWidth(word, style.fontName, style.fontSize)) > width >= wide * WORD_SHRINK),
                default=1.0)
    if scale >= 1.0:
        return style
    smaller = copy(style)
    smaller.fontSize, smaller.leading = style.fontSize * scale, style.leading * scale
    return smaller


def name_scales(ctx: Context) -> list[tuple[int, float]]:
    """(index in conference.yaml's sponsors, scale) of each sponsor without a logo whose name is shrunk to fit its box
    (lint.cover warns when too far to read: its tier's names are all set at its size; one that does not fit even at
    textfit.SMALLEST makes its row taller)."""
    groups = sponsor_groups(ctx.booklet.conference.sponsors)
    index = {id(sponsor): i for i, sponsor in enumerate(ctx.booklet.conference.sponsors)}
    made = []
    for rank, (_, members) in enumerate(groups):
        count = columns(groups, rank)
        width, height = box_size(ctx.page, count)
        unshrunk = _missing_style(ctx, count)
        for sponsor in members:
            if not sponsor.logo:  # (a word of its own made to fit whole is part of how far it is shrunk)
                style = _words_whole(unshrunk, [sponsor.name], width)
                scale = style.fontSize / unshrunk.fontSize * _name_scale(sponsor.name, style, width, height,
                                                                        ctx.styles.text.hyphenationLang)
                if scale < 1.0:
                    made.append((index[id(sponsor)], scale))
    return made


_MARKUP = ("*", "`", "$", "\\")  # what starts markup in a name (emphasis, code, math, an escape): left to ReportLab


def _tier_size(style, names: list[str], width: float, height: float, language: str | None):
    """`style` for the names without a logo of one tier, all at one size: the size the one that needs most shrinking
    fits its box at (each shrunk on its own, a row's names were four sizes: a typographer's review)."""
    scale = min((_name_scale(name, style, width, height, language) for name in names), default=1.0)
    if scale >= 1.0:
        return style
    smaller = copy(style)
    smaller.fontSize, smaller.leading = style.fontSize * scale, style.leading * scale
    return smaller


def _name_scale(name: str, style, width: float, height: float, language: str | None) -> float:
    """How far a sponsor's name without a logo is shrunk to fit its box (1.0: not at all)."""
    return fit_scaled([(broken_name(name, style, width, language), style, 0, True)], width, height)[2]


def broken_name(name: str, style, width: float, language: str | None) -> Marked:
    """A sponsor's name -> its markup for a box `width` wide in `style`: broken at spaces only, its legal form held to
    the word before it (markup.held_legal_form); a word wider than the box cut after a hyphen of its own, else
    hyphenated with the patterns of `language` (see _hyphenated), and a form that with the word before it is wider
    than the box on a line of its own (ReportLab cut "Deutsche Forschungsg / emeinschaft" between two letters; a
    hyphenated style fills its lines, "Chaos Compu- / ter Club"). A word that cannot be cut so is left whole, for
    fit_scaled to shrink. A name with markup (`*emphasis*`, code, math) is set whole, its lines broken at its spaces
    (cut into lines first, its marks' two ends were apart and printed as typed)."""
    if any(mark in name for mark in _MARKUP):  # (cut into lines, a mark's two ends would be apart: printed as typed)
        return Marked(markup.inline(markup.held_legal_form(name)))

    def width_of(text: str) -> float:
        return stringWidth(text, style.fontName, style.fontSize)

    units = []
    for unit in markup.held_legal_form(name).split(" "):
        units += unit.split(markup.NBSP, 1) if width_of(unit) > width and markup.NBSP in unit else [unit]
    parts = [""]  # the name's lines: each but the last ends with a hyphen
    for unit in units:
        pieces = _hyphenated(unit, width_of, width, language)
        parts[-1] += (" " if parts[-1] else "") + pieces[0]
        parts += pieces[1:]
    return Marked("<br/>".join(markup.inline(part) for part in parts))


def _hyphenated(word: str, width_of, width: float, language: str | None) -> list[str]:
    """`word` in pieces no wider than `width` (width_of measures), each but the last ending with its hyphen: cut after
    a hyphen of its own where one fits ("Heidelberg- / Königstuhl", not "Heidel- / berg-Königstuhl"), else where the
    patterns of `language` hyphenate it (a hyphen added), each the longest that fits; [word] when it fits, or cannot
    be cut so."""
    if width_of(word) <= width:
        return [word]
    own = {at + 1 for at in range(1, len(word) - 1) if word[at] == "-"}  # (after it: the hyphen stays on its line)
    cuts = set(own)
    if language:
        cuts.update(pattern_cuts(word, language))
    pieces, start = [], 0
    while width_of(word[start:]) > width:
        def piece(cut: int) -> str:
            return word[start:cut] + ("" if cut in own else "-")

        fitting = [cut for cut in sorted(cuts) if cut > start and width_of(piece(cut)) <= width]
        if not fitting:
            break
        cut = max((c for c in fitting if c in own), default=fitting[-1])
        pieces.append(piece(cut))
        start = cut
    return pieces + [word[start:]]


class LogoRow(Flowable):
    """One row of a tier: logo boxes of one size, centred on the text block, each linked to its
    sponsor's web address; a name under each logo when `name_style`, in the box when there is no logo."""

    def __init__(self, sponsors: list[Sponsor], box_width: float, box_height: float, cmyk: bool | int, name_style,
                 missing_style, space: float = 0.0, language: str | None = None):
        super().__init__()
        self.spaceBefore = space  # (below the row above: none at a page's top)
        self.sponsors = sponsors
        self.box_width, self.box_height = box_width, box_height
        self.cmyk = cmyk
        self.name_style = name_style
        self.missing_style = missing_style
        self.names = [Para(markup.inline(markup.held_legal_form(s.name)), name_style)
                      if name_style is not None and s.logo else None for s in sponsors]
        # a name without a logo fills its box, its lines balanced, shrunk to fit it (clipped, should even that not do)
        self.missing = [None if s.logo else
                        fit_block([(broken_name(s.name, missing_style, box_width, language), missing_style, 0, True)],
                                  box_width, box_height)
                        for s in sponsors]

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        below = [p.wrap(self.box_width, availHeight)[1] for p in self.names if p is not None]
        self.name_height = max(below) + self.name_style.fontSize * 0.5 if below else 0.0
        self.used = self._used() if self.name_style is not None else self.box_height
        self.height = self.used + self.name_height
        return self.width, self.height

    def _used(self) -> float:
        """With names under the logos: how high the row's logos (on the boxes' foot) and names without a logo
        reach, so that a row of wide, low logos leaves no empty band above them (a review: the gap under "Gold" was
        three times the gap under "Silver")."""
        heights = [self._fitted(sponsor.logo)[2] if sponsor.logo else missing[1]
                   for sponsor, missing in zip(self.sponsors, self.missing)]
        return min(self.box_height, max(heights, default=self.box_height))

    def _fitted(self, path):
        """The logo made ready for print, and its width and height fitted in its box."""
        image = images.printable(path, self.box_width, self.box_height, self.cmyk)
        scale = min(self.box_width / image.width, self.box_height / image.height)
        return image, image.width * scale, image.height * scale

    def draw(self):
        canv = self.canv
        count = len(self.sponsors)
        left = (self.width - count * self.box_width - (count - 1) * GAP) / 2
        y = self.name_height
        for index, sponsor in enumerate(self.sponsors):
            x = left + index * (self.box_width + GAP)
            if sponsor.logo:
                self._logo(sponsor.logo, x, y)
            else:  # centred on the row's logos (or from the top), as they stand
                laid, height = self.missing[index]
                canv.saveState()
                canv.translate(x, y)
                top = min(self.used, (self.used + height) / 2)
                draw_block(canv, laid, 0, top, (self.box_width, 0, self.used))
                canv.restoreState()
            name = self.names[index]
            if name is not None:
                name.drawOn(canv, x, y - self.name_style.fontSize * 0.5 - name.height)
            if sponsor.url:
                canv.linkURL(web_target(sponsor.url.strip()), (x, y, x + self.box_width, y + self.used), relative=1, thickness=0)

    def _logo(self, path, x: float, y: float) -> None:
        """The logo fitted in its box, centred; on the box's foot when a name goes under it (the names of a
        row then share a line, each right under its logo)."""
        image, w, h = self._fitted(path)
        rise = 0.0 if self.name_style is not None else (self.box_height - h) / 2
        self.canv.drawImage(image.reader(), x + (self.box_width - w) / 2, y + rise, w, h, mask="auto")
