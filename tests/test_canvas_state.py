"""BookletCanvas.push_state_stack (output.render) keeps what ReportLab's Canvas.push_state_stack keeps (as the tuple
of its values, in Canvas.STATE_ATTRIBUTES's order), and its pop_state_stack sets it back -> the same state restored and
the same PDF."""

from __future__ import annotations

import io

from reportlab.lib.colors import CMYKColor
from reportlab.pdfgen.canvas import Canvas

from booklet.output.render import BookletCanvas


class _ReportLabs(BookletCanvas):
    push_state_stack = Canvas.push_state_stack
    pop_state_stack = Canvas.pop_state_stack


def _named(canv, state) -> dict:
    """A state kept on `canv`'s stack, by name: ReportLab's keeps a dictionary, BookletCanvas the values alone."""
    return dict(state) if type(canv) is _ReportLabs else dict(zip(Canvas.STATE_ATTRIBUTES, state, strict=True))


def _drawn(canvas_class) -> tuple[bytes, list]:
    out = io.BytesIO()
    canv = canvas_class(out, invariant=1)
    kept = []
    canv.setFont("Helvetica", 9)
    canv.saveState()
    canv.translate(10, 20)
    canv.setFillColor(CMYKColor(0.1, 0.2, 0.3, 0.4))
    canv.setFillAlpha(0.5)
    canv.saveState()
    canv.setFont("Times-Roman", 14, leading=18)
    canv.rotate(30)
    canv.setLineWidth(2.5)
    canv.drawString(5, 5, "inner")
    kept.append([_named(canv, state) for state in canv.state_stack])
    canv.restoreState()
    canv.drawString(5, 30, "middle")
    canv.restoreState()
    canv.drawString(5, 60, "outer")
    kept.append({name: canv.__dict__[name] for name in Canvas.STATE_ATTRIBUTES if name != "_extgstate"})
    canv.showPage()
    canv.save()
    return out.getvalue(), kept


def test_saved_states_are_reportlabs():
    ours, theirs = _drawn(BookletCanvas), _drawn(_ReportLabs)
    assert ours[0] == theirs[0]
    assert [[list(state) for state in stack] for stack in ours[1][:1]] == [
        [list(state) for state in stack] for stack in theirs[1][:1]]
    assert [{k: v for k, v in state.items() if k != "_extgstate"} for state in ours[1][0]] == [
        {k: v for k, v in state.items() if k != "_extgstate"} for state in theirs[1][0]]
    assert ours[1][1] == theirs[1][1]
    assert ours[1][1]["_fontname"] == "Helvetica" and ours[1][1]["_fontsize"] == 9


def _para_drawn(draw) -> tuple[list, list]:
    """A paragraph drawn by `draw(paragraph, canvas, x, y, spare width)` on a page: the page's operators and the
    canvas's transformation matrix as the paragraph draws (what placing an anchor or a person's mark reads), and
    after."""
    from reportlab.lib.styles import ParagraphStyle

    from booklet.layout.flowables import Para

    canv = BookletCanvas(io.BytesIO(), invariant=1)
    para = Para("Two <i>fragments</i> of text, drawn at a place off the grid", ParagraphStyle(
        "t", fontName="Helvetica", fontSize=9, leading=11))
    para.hAlign = "CENTER"
    para.wrapOn(canv, 120, 100)
    matrices = []
    drawing = para.draw

    def draw_para():
        matrices.append(canv._currentMatrix)
        drawing()

    para.draw = draw_para
    draw(para, canv, 12.345, 678.9, 10)
    return list(canv._code), [*matrices, canv._currentMatrix]


def test_kept_drawings_translate_as_reportlab():
    """A kept drawing's flowable (layout.flowables.KeptDrawing: a paragraph) drawn with the translation draw_on writes
    gives the operators and the matrix ReportLab's Flowable.drawOn (Canvas.translate) gives."""
    from reportlab.platypus import Flowable

    ours = _para_drawn(lambda para, canv, x, y, spare: para.drawOn(canv, x, y, spare))
    theirs = _para_drawn(lambda para, canv, x, y, spare: Flowable.drawOn(para, canv, x, y, spare))
    assert ours == theirs
    assert ours[0][:2] == ["q", "1 0 0 1 17.345 678.9 cm"]  # (centred: half the spare width to the right)
    assert ours[0][-1] == "Q" and ours[1] == [(1, 0, 0, 1, 17.345, 678.9), (1, 0, 0, 1, 0, 0)]
