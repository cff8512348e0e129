"""text.longword: a word wider than its line split as ReportLab splits it, its characters measured once a word.

ReportLab's _splitWord and _splitFragWord measured a too-wide word character by character with stringWidth at every
wrap (a 10,000-character title: 3.4 million calls while the cover was fitted). The work is counted here as calls of
the fonts' stringWidth, not timed; and the pieces are compared with those ReportLab's own functions make.
"""

from __future__ import annotations

import random

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import paragraph as rl
from reportlab.platypus.paraparser import ParaFrag

from booklet.layout.page import page_for
from booklet.layout.styles import make_styles
from booklet.text import paragraph as mathparagraph
from booklet.text.fonts import calling, use_fonts
from booklet.text.longword import split_frag_word, split_word
from booklet.text.paragraph import MathParagraph


@pytest.fixture(scope="module")
def styles():
    use_fonts()
    return make_styles(page_for("A5"))


def _word(n: int, seed: int = 1, letters: str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") -> str:
    rnd = random.Random(seed)
    return "".join(rnd.choice(letters) for _ in range(n))


def _measured(monkeypatch) -> list:
    """The texts TrueType fonts are asked the width of from now on."""
    asked = []
    measure = TTFont.stringWidth

    def counted(self, text, size, encoding="utf8"):
        asked.append(text)
        return measure(self, text, size, encoding)

    monkeypatch.setattr(TTFont, "stringWidth", counted)
    return asked


@pytest.mark.parametrize("markup", [
    "{word}",  # one fragment: ReportLab's own loop, _splitWord
    "A title: <b>{word}</b> and more",  # fragments: booklet's loop, _splitFragWord
])
def test_a_long_word_is_measured_once_a_character_not_once_a_character_a_wrap(styles, monkeypatch, markup):
    word = _word(6000)
    para = MathParagraph(markup.format(word=word), styles.small)
    asked = _measured(monkeypatch)
    para.wrap(120, 10_000)
    lines = para.blPara.lines
    texts = ["".join(getattr(frag, "text", "") for frag in line.words) if hasattr(line, "words")
             else " ".join(line[1]) for line in lines]
    assert word in "".join(text.replace(" ", "") for text in texts)  # every character set, in order, on its lines
    assert len(lines) > 20
    # ReportLab's split asked each of its 6,000 characters alone (6,000 calls and more); now each different character
    # once (at most 62) and each line's piece of it once, as every word of a line is measured
    singles = [text for text in asked if len(text) == 1]
    assert len(singles) <= 62 + 10, len(singles)
    assert len(asked) < len(lines) + 200, (len(asked), len(lines))


def _fonts():
    use_fonts()
    return ["Body", "Body-Bold", "Sans", "Sans-Bold", "Helvetica"]


@pytest.mark.parametrize("seed", range(2))
def test_the_pieces_are_those_reportlab_makes(seed):
    rnd = random.Random(seed)
    fonts = _fonts()
    for _ in range(40):
        w = _word(rnd.choice([0, 1, 3, 40, 400]), rnd.random(), rnd.choice(["abcXYZ019", "iiil.", "WM@", "e\u0301\u200bx"]))
        name, size = rnd.choice(fonts), rnd.choice([5, 9.5, 28])
        widths = [rnd.choice([-3.0, 0, 2.5, 40, 150]) for _ in range(rnd.choice([1, 2, 3]))]
        lineno, taken = rnd.choice([0, 1, 4]), rnd.choice([0, -2.0, 30.0, 400.0])
        want = rl._splitWord(w, taken, widths, lineno, name, size)
        got = split_word(w, taken, widths, lineno, name, size, measure=mathparagraph._measure)
        assert [(type(piece), str(piece)) for piece in got] == [(type(piece), str(piece)) for piece in want]
        frags = []
        for _ in range(rnd.choice([1, 2, 4])):
            frag = ParaFrag(fontName=rnd.choice(fonts), fontSize=size, text="", rise=0)
            frags.append((frag, _word(rnd.choice([0, 1, 30, 300]), rnd.random(), "abcXYZ019")))
        frags.append(frags[0])  # (the same fragment again: one piece with the text before it)
        fw = rnd.choice([rl._HSFrag, rl._SplitFragH])([sum(pdfmetrics.stringWidth(t, f.fontName, f.fontSize)
                                                           for f, t in frags)] + frags)
        want = rl._splitFragWord(fw, taken, widths, lineno)
        got = split_frag_word(fw, taken, widths, lineno, measure=mathparagraph._measure)
        assert _plain(got) == _plain(want)


def test_made_up_widths_zero_negative_and_wider_than_the_line():
    """Against ReportLab's functions given the same widths: characters of no width, of negative width (summed one by
    one), wider than any line."""
    table = {}

    def width(text, name, size, encoding="utf8"):
        return sum(table[c] for c in text) * size

    def measure(name, size):
        return lambda c: table[c] * size

    splitting = calling(rl._splitWord, stringWidth=width)
    frag_splitting = calling(rl._splitFragWord, _fragWordIter=calling(rl._fragWordIter, stringWidth=width))
    rnd = random.Random(7)
    for case in range(80):
        table.clear()
        table.update((c, rnd.choice([0.0, 0.1, 1.0, 7.5, 60.0] + [-2.0] * (case % 3 == 0))) for c in "abcd")
        w = "".join(rnd.choice("abcd") for _ in range(rnd.choice([1, 5, 200])))
        widths = [rnd.choice([-1.0, 0, 3.0, 40.0]) for _ in range(rnd.choice([1, 2]))]
        lineno, taken = rnd.choice([0, 2]), rnd.choice([0, 5.0, 100.0])
        want = splitting(w, taken, widths, lineno, "F", 1)
        assert [(type(p), str(p)) for p in split_word(w, taken, widths, lineno, "F", 1, measure=measure)] == \
            [(type(p), str(p)) for p in want]
        frag = ParaFrag(fontName="F", fontSize=1, text="")
        box = ParaFrag(fontName="F", fontSize=1, text="", cbDefn=ParaFrag(width=rnd.choice([0, 30, -5])))
        fw = rl._HSFrag([0, (frag, w), (box, ""), (frag, w[::-1])])
        assert _plain(split_frag_word(fw, taken, widths, lineno, measure=measure)) == \
            _plain(frag_splitting(fw, taken, widths, lineno))


def _plain(words) -> list:
    return [(type(word), repr(word[0]), [(t, sorted(f.__dict__.items(), key=str)) for f, t in word[1:]])
            for word in words]
