"""Booklet-specific flowables: anchors with outline entries, section marks, rows with page references."""

from __future__ import annotations

from reportlab.platypus import Flowable

from .. import images
from ..text.paragraph import MathParagraph


class Para(MathParagraph):
    """A Paragraph laid out once per width, whose split never overfills the height it was given.

    ReportLab 5.1 re-wrapping a hyphenated paragraph at the same width drops hyphens it had kept
    ("age-velocity" -> "agevelocity"), and its split can return a first part one line taller
    than asked (LayoutError "Splitting error"). Booklet wraps paragraphs more than once (rows,
    keep-together groups, photo headers), so every paragraph it makes is one of these.
    """

    def wrap(self, availWidth, availHeight):
        cached = getattr(self, "_wrapped", None)
        if cached is not None and cached[0] == availWidth and hasattr(self, "blPara"):
            return cached[1]
        size = super().wrap(availWidth, availHeight)
        self._wrapped = (availWidth, size)
        return size

    def split(self, availWidth, availHeight):
        parts = super().split(availWidth, availHeight)
        while len(parts) == 2 and availHeight > 0 and parts[0].wrap(availWidth, availHeight)[1] > availHeight:
            availHeight -= self.style.leading
            parts = super().split(availWidth, availHeight)
        return parts


class Anchor(Flowable):
    """A link target (and optionally a PDF outline entry) at this point of the story."""

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


class Row(Flowable):
    """A left column (time, number), a body, and a right-aligned page reference, linked as one line.

    Splits inside the body, so a row of any length never overflows a page; a row no taller than
    `keep` moves to the next page whole instead of splitting.
    """

    def __init__(self, left, body, left_width: float, *, ref: str | None = None, ref_style=None,
                 link: str | None = None, background=None, pad: float = 2.0, gap: float = 6.0,
                 keep: float = 0.0, anchor: str | None = None):
        super().__init__()
        self.left = list(left)
        self.body = list(body)
        self.left_width = left_width
        self.ref = ref
        self.ref_style = ref_style
        self.link = link
        self.background = background
        self.pad = pad
        self.gap = gap
        self.keep = keep
        self.anchor = anchor
        self.ref_width = (ref_style.fontSize * 2.2) if ref else 0.0

    @property
    def _body_x(self) -> float:
        return self.left_width + self.gap if self.left_width else 0.0

    def _body_width(self, avail_width: float) -> float:
        return max(20.0, avail_width - self._body_x - (self.ref_width + self.gap if self.ref else 0))

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        body_width = self._body_width(availWidth)
        self._left_sizes = [f.wrap(self.left_width, availHeight) for f in self.left]
        self._body_sizes = [f.wrap(body_width, availHeight) for f in self.body]
        left_h = sum(h for _, h in self._left_sizes)
        body_h = sum(h for _, h in self._body_sizes)
        self.height = max(left_h, body_h) + 2 * self.pad
        return self.width, self.height

    def split(self, availWidth, availHeight):
        self.wrap(availWidth, availHeight)
        if self.height <= availHeight:
            return [self]
        if self.height <= self.keep:
            return []
        room = availHeight - 2 * self.pad
        first, rest, used = [], list(self.body), 0.0
        while rest:
            f = rest[0]
            _, h = f.wrap(self._body_width(availWidth), room - used)
            if used + h <= room:
                first.append(rest.pop(0))
                used += h
                continue
            parts = f.split(self._body_width(availWidth), room - used)
            if len(parts) >= 2:
                first.append(parts[0])
                rest = list(parts[1:]) + rest[1:]
            break
        if not first:
            return []
        head = Row(self.left, first, self.left_width, ref=self.ref, ref_style=self.ref_style,
                   link=self.link, background=self.background, pad=self.pad, gap=self.gap, anchor=self.anchor)
        tail = Row([], rest, self.left_width, ref_style=self.ref_style, link=self.link,
                   background=self.background, pad=self.pad, gap=self.gap, keep=self.keep)
        return [head, tail] if rest else [head]

    def draw(self):
        canv = self.canv
        if self.anchor:
            canv.mark_anchor(self.anchor)
        if self.background is not None:
            canv.saveState()
            canv.setFillColor(self.background)
            canv.rect(-2, 0, self.width + 4, self.height, stroke=0, fill=1)
            canv.restoreState()
        top = self.height - self.pad
        y = top
        for f, (_, h) in zip(self.left, self._left_sizes):
            y -= h
            f.drawOn(canv, 0, y)
        x = self._body_x
        y = top
        for f, (_, h) in zip(self.body, self._body_sizes):
            y -= h
            f.drawOn(canv, x, y)
        if self.ref:
            style = self.ref_style
            canv.draw_page_ref(self.ref, self.width, top - style.fontSize, style.fontName, style.fontSize,
                               style.textColor)
        if self.link:
            canv.linkRect("", self.link, (0, 0, self.width, self.height), relative=1, thickness=0)


class Rule(Flowable):
    """A thin horizontal line across the frame."""

    def __init__(self, color, thickness: float = 0.5, space: float = 4.0):
        super().__init__()
        self.color = color
        self.thickness = thickness
        self.space = space

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        self.height = self.thickness + 2 * self.space
        return self.width, self.height

    def draw(self):
        self.canv.setStrokeColor(self.color)
        self.canv.setLineWidth(self.thickness)
        y = self.space + self.thickness / 2
        self.canv.line(0, y, self.width, y)


class Photo(Flowable):
    """A portrait at a fixed printed size, downsampled to print resolution (usable in ImageAndFlowables)."""

    def __init__(self, path, width: float, height: float, cmyk: bool = False):
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
        image = images.for_print(self.path, self.width, self.height, self.cmyk)
        scale = min(self.drawWidth / image.width, self.drawHeight / image.height)
        w, h = image.width * scale, image.height * scale
        self.canv.drawImage(images.pdf_image(image), (self.drawWidth - w) / 2, self.drawHeight - h, w, h, mask="auto")
