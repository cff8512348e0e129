"""Lines of a paragraph broken into fragments -> the PDF text operators ReportLab writes for them, with less work.

ReportLab draws a line of a paragraph of several fragments (a name with an anchor, italics, a math box: most
of a booklet's paragraphs) with `_putFragLine`, called by one function per alignment. For every fragment
but the line's first, that function measures the white space ending the fragment before it, whether or not
an underline, a link or a background ends there (the only uses of the measure); compares colours with
their Python `__eq__` even when they are the same object; and measures every fragment's text (through two
functions that only pass it on) to know where the next one starts, which only what is placed by the text
uses: underlines, links, backgrounds, images, anchors and callbacks, and the dots after the last line.
`put_frag_line` is the same function with the white space measured only where an underline, a link or a
background may end, colours that are the same object taken as equal, and the fragments measured (by their
font directly) only in a line that holds any of those (one line in eight at 500 talks). The operators,
their order, the links and the underlines are ReportLab's: tests draw paragraphs both ways and compare the
PDFs (tests/test_linedraw.py).

A line holding a square root (a box of text.paragraph with a rule: RULES) is measured too, and the root's bar is drawn
as a filled rectangle in the text's colour where its box stands, before the paragraph's text, as ReportLab draws an
underline.

`drawing()` gives ReportLab's `Paragraph.drawPara` and its line functions calling `put_frag_line`; text.paragraph
uses it only with a ReportLab version these were checked against (fonts.CHECKED_REPORTLAB).
"""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.platypus import paragraph as _rl

from .fonts import DEPTH, calling

__all__ = ["RULES", "drawing", "put_frag_line", "ruled"]

# The box characters (text.paragraph) that draw rules, each -> its box's rules: (x from the box's left edge, y of the
# rule's bottom above the line's baseline, width, height), in points (text.paragraph registers them)
RULES: dict[str, tuple[tuple[float, float, float, float], ...]] = {}


def ruled(texts) -> bool:
    """Whether one of `texts` (the texts of fragments set in boxes) holds a box that draws rules (RULES): a square
    root. Nothing is looked at while no box draws any (most books)."""
    return bool(RULES) and any(not RULES.keys().isdisjoint(text) for text in texts)

_imgNormV, _imgVRange, _setXPos = _rl.imgNormV, _rl.imgVRange, _rl.setXPos
_trailingSpaceLength, _do_dots_frag = _rl._trailingSpaceLength, _rl._do_dots_frag
_do_post_text = _rl._do_post_text
_56, _16 = _rl._56, _rl._16


def _no_record(*args, **kwargs):
    return None


def _unmarked(f) -> bool:
    """Whether fragment `f` is text with no underline, link or background."""
    return not (hasattr(f, "cbDefn") or f.us_lines or f.link or getattr(f, "backColor", None))


def _started_ended(before, after) -> tuple[set, set]:
    """The underlines (or links) of `after` not in `before`, and those of `before` not in `after`."""
    before, after = set(before), set(after)
    return after - before, before - after


def put_frag_line(cur_x, tx, line, last, pKind):  # noqa: C901, N803 - ReportLab's function, its names
    """ReportLab's paragraph._putFragLine (ReportLab 5.1), as the module's docstring says."""
    linkRecord = getattr(tx, "_linkRecord", _no_record)  # noqa: N806
    preformatted = tx.preformatted
    xs = tx.XtraState
    skips = getattr(tx, "_lineskips", None)  # (text.paragraph.MathParagraph: room for a formula taller than the leading)
    skip = skips.get(id(line)) if skips is not None else None  # (only a line's skip that is not 0 is there)
    if skip is not None:
        tx.moveCursor(0, skip)
        xs.cur_y -= skip
    cur_y = xs.cur_y
    x0 = tx._x0
    autoLeading = xs.autoLeading  # noqa: N806
    leading = xs.leading
    cur_x += xs.leftIndent
    dal = autoLeading in ("min", "max")
    if dal:
        if autoLeading == "max":
            ascent = max(_56 * leading, line.ascent)
            descent = max(_16 * leading, -line.descent)
        else:
            ascent = line.ascent
            descent = -line.descent
        leading = ascent + descent
    if tx._leading != leading:
        tx.setLeading(leading)
    if dal:
        olb = tx._olb
        if olb is not None:
            xcy = olb - ascent
            if tx._oleading != leading:
                cur_y += leading - tx._oleading
            if abs(xcy - cur_y) > 1e-8:
                cur_y = xcy
                tx.setTextOrigin(x0, cur_y)
                xs.cur_y = cur_y
        tx._olb = cur_y - descent
        tx._oleading = leading
    ws = getattr(tx, "_wordSpace", 0)
    nSpaces = 0  # noqa: N806
    words = line.words
    final = words[-1]
    AL = []  # noqa: N806
    LL = []  # noqa: N806
    us_lines = xs.us_lines
    links = xs.links
    # where the text ends matters only to what is placed by it: marks, underlines, links, backgrounds, images
    # and callbacks, and the dots ending the last line (else the fragments are not measured)
    measured = (last and xs.style.endDots) or xs.backColor or not all(map(_unmarked, words))
    has_rules = bool(RULES) and ruled(f.text for f in words if not hasattr(f, "cbDefn"))  # (most books: none)
    measured = measured or has_rules
    for i, f in enumerate(words):
        if hasattr(f, "cbDefn"):
            cbDefn = f.cbDefn  # noqa: N806
            kind = cbDefn.kind
            if kind == "img":
                txfs = tx._fontsize
                if txfs is None:
                    txfs = xs.style.fontSize
                w = _imgNormV(cbDefn.width, xs.paraWidth)
                h = _imgNormV(cbDefn.height, txfs)
                iy0, iy1 = _imgVRange(h, cbDefn.valign, txfs)
                cur_x_s = cur_x + nSpaces * ws
                tx._canvas.drawImage(cbDefn.image, cur_x_s, cur_y + iy0, w, h, mask="auto")
                cur_x += w
                cur_x_s += w
                _setXPos(tx, cur_x_s - tx._x0)
            else:
                name = cbDefn.name
                if kind == "anchor":
                    tx._canvas.bookmarkHorizontal(name, cur_x, cur_y + leading)
                else:
                    func = tx._canvas.getNamedCB(name)
                    if not func:
                        raise AttributeError("Missing %s callback attribute '%s'" % (kind, name))
                    tx._canvas._curr_tx_info = dict(tx=tx, cur_x=cur_x, cur_y=cur_y, leading=leading, xs=tx.XtraState)
                    try:
                        func(tx._canvas, kind, getattr(cbDefn, "label", None))
                    finally:
                        del tx._canvas._curr_tx_info
            if f is final:
                if not tx._fontname:
                    tx.setFont(xs.style.fontName, xs.style.fontSize)
                tx._textOut("", 1)
        else:
            cur_x_s = cur_x + nSpaces * ws
            fontSize = f.fontSize  # noqa: N806
            textColor = f.textColor  # noqa: N806
            rise = f.rise
            us = f.us_lines
            link = f.link
            # end_x, where an underline, a link or a background ending before this fragment ends: the
            # white space ending the fragment before it measured in that fragment's font, which setting
            # this fragment's font changes; taken only where one may end
            if i > 0 and not preformatted and ((LL and LL != us) or (AL and AL != link) or xs.backColor):
                end_x = cur_x_s - _trailingSpaceLength(words[i - 1].text, tx)
            else:
                end_x = cur_x_s
            if tx._fontname != f.fontName or tx._fontsize != fontSize:
                tx._setFont(f.fontName, fontSize)
            if xs.textColor is not textColor and xs.textColor != textColor:
                xs.textColor = textColor
                tx.setFillColor(textColor)
            if xs.rise != rise:
                xs.rise = rise
                tx.setRise(rise)

            # end what ends before writing the text, so that the text's position in the code is recorded right
            us_changed = LL != us
            if us_changed:
                nLL, ended_lines = _started_ended(LL, us)  # noqa: N806
                for ended in ended_lines:
                    us_lines[ended] = us_lines[ended], end_x
            link_changed = AL != link
            if link_changed:
                nAL, ended_links = _started_ended(AL, link)  # noqa: N806
                for ended in ended_links:
                    links[ended] = links[ended], end_x
                    linkRecord(ended, "end")
            text = f.text
            tx._textOut(text, f is final)
            if has_rules:
                _draw_rules(tx, text, cur_x_s, cur_y, textColor)
            if us_changed:
                for started in nLL:
                    us_lines[started] = (started, fontSize, textColor, cur_x_s), fontSize
                LL = us  # noqa: N806
            if LL:
                for under in LL:
                    l0, fsmax = us_lines[under]
                    if fontSize > fsmax:
                        us_lines[under] = l0, fontSize

            nlo = rise - DEPTH * fontSize
            nhi = rise + fontSize
            if link_changed:
                for started in nAL:
                    links[started] = (started, cur_x), nlo, nhi
                    linkRecord(started, "start")
                AL = link  # noqa: N806
            if AL:
                for linked in AL:
                    l0, lo, hi = links[linked]
                    if nlo < lo or nhi > hi:
                        links[linked] = l0, min(nlo, lo), max(nhi, hi)

            bg = getattr(f, "backColor", None)
            if bg and not xs.backColor:
                xs.backColor = bg
                xs.backColor_x = cur_x_s
            elif xs.backColor:
                if not bg:
                    xs.backColors.append((xs.backColor_x, end_x, xs.backColor))
                    xs.backColor = None
                elif f.backColor != xs.backColor or xs.textColor != xs.backColor:
                    xs.backColors.append((xs.backColor_x, end_x, xs.backColor))
                    xs.backColor = bg
                    xs.backColor_x = cur_x_s
            if measured:
                cur_x += getFont(tx._fontname).stringWidth(text, tx._fontsize)
            nSpaces += text.count(" ") + text.count("\xa0")  # noqa: N806 - _nbspCount's count, for a str

    cur_x_s = cur_x + (nSpaces - 1) * ws
    if last and xs.style.endDots:
        if xs.style.wordWrap != "RTL":
            if pKind != "right":
                _do_dots_frag(cur_x, cur_x_s, line.maxWidth, xs, tx)
        elif pKind != "left":
            start = tx._x_offset
            _do_dots_frag(start, start, x0 - start, xs, tx, left=False)

    if LL:
        for under in LL:
            us_lines[under] = us_lines[under], cur_x_s

    if AL:
        for linked in AL:
            links[linked] = links[linked], cur_x_s
            linkRecord(linked, "end")

    if xs.backColor:
        xs.backColors.append((xs.backColor_x, cur_x_s, xs.backColor))
    if tx._x0 != x0:
        _setXPos(tx, x0 - tx._x0)


def post_text(tx) -> None:
    """ReportLab's _do_post_text (after each line of fragments: the line's backgrounds, links and underlines drawn,
    then the line's y moved down by the leading), called only where the line left any of them to draw: else only the
    move is made here (ReportLab also set XtraState.links to a new empty dictionary, which each line reads afresh).
    Nine lines in ten leave none."""
    xs = tx.XtraState
    if xs.backColors or xs.links or xs.us_lines:
        return _do_post_text(tx)
    leading = xs.style.leading
    auto = xs.autoLeading
    if auto == "max":
        leading = max(leading, 1.2 * xs.f.fontSize)
    elif auto == "min":
        leading = 1.2 * xs.f.fontSize
    xs.cur_y -= leading


def _draw_rules(tx, text: str, x: float, y: float, color) -> None:
    """The rules of the boxes of `text` (RULES), the first box's left edge at `x`, the line's baseline at `y`."""
    canvas = None
    for char in text:
        rules = RULES.get(char)
        if rules:
            if canvas is None:
                canvas = tx._canvas
                canvas.setFillColor(color)
            for dx, dy, width, height in rules:
                canvas.rect(x + dx, y + dy, width, height, stroke=0, fill=1)
        if len(text) > 1:
            x += getFont(tx._fontname).stringWidth(char, tx._fontsize)


def drawing():
    """ReportLab's Paragraph.drawPara with its line functions (one per alignment) calling put_frag_line, and post_text
    after each line."""
    lines = {name: calling(getattr(_rl, name), _putFragLine=put_frag_line)
             for name in ("_leftDrawParaLineX", "_centerDrawParaLineX", "_rightDrawParaLineX", "_justifyDrawParaLineX")}
    lines["_justifyDrawParaLineXRTL"] = calling(_rl._justifyDrawParaLineXRTL, **lines)
    return calling(_rl.Paragraph.drawPara, _do_post_text=post_text, **lines)
