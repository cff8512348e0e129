"""Text written for LaTeX (aclpub2 abstracts, AMCOS-kit files) -> booklet's markup: what prints a
backslash in booklet outside math becomes its character; math is kept as written."""

from __future__ import annotations

from collections import Counter

import pytest

from booklet.importers.latex import latex_line, latex_text, unknown_commands
from booklet.text.markup import plain


@pytest.mark.parametrize("source, expected", [
    (r"by 3.6\% in BLEU, R\&D, snake\_case, \#1", "by 3.6% in BLEU, R&D, snake_case, #1"),
    (r"$5\%$ and $ x_1 $ and 3.6\%", r"$5\%$ and $x_1$ and 3.6%"),  # math as written (no spaces at its ends)
    (r"costs \$5", r"costs \$5"),  # booklet's own escaped dollar
    (r"Biom\`{e}diques Mu{\~n}oz Schr\"odinger \c{c}a na\"\i ve G\'alvez \v{S}koda \ss", "Biomèdiques Muñoz "
     "Schrödinger ça naïve Gálvez Škoda ß"),
    (r"\emph{em} \textit{it} \textbf{bold} {\bf old} \texttt{code}", "*em* *it* **bold** **old** code"),
    ("one\n\\par\ntwo\n\nthree", "one\n\ntwo\n\nthree"),
    (r"x--y---z ``q'' a~b \ldots{} end", "x\u2013y\u2014z \u201cq\u201d a\u00a0b \u2026 end"),
    (r"see \cite{a,b} and \url{https://x.org} and \href{https://u.org}{this}", "see [a, b] and https://x.org and "
     "this (https://u.org)"),
    ("% a comment line\nkept 50% of it", "kept 50% of it"),  # a % inside a line is the author's, kept
    (r"$$E = mc^2$$ and \(a\) and \[b\]", "$E = mc^2$ and $a$ and $b$"),
    ("\\begin{itemize}\n\\item one\n\\item two\n\\end{itemize}", "\u2013 one\n\n\u2013 two"),
    # a fuzzing run: "the set 1, 2", "2$^nd$" (an italic d) and "*****"
    (r"the set \{1, 2\} on the 2\textsuperscript{nd} day, \textbf{*} and H\textsubscript{2}O",
     r"the set {1, 2} on the 2$^{\mathrm{nd}}$ day, **\*** and H₂O"),
])
def test_latex_becomes_markup(source, expected):
    assert latex_text(source) == expected


def test_what_booklet_prints_has_no_backslash():
    assert plain(latex_text(r"result by 3.6\% and R\&D")) == "result by 3.6% and R&D"


def test_figures_and_unknown_commands_are_counted():
    counts = Counter()
    text = latex_text("Words.\n\\begin{center}\n\\includegraphics[width=5cm]{fig/a}\n\\caption{A figure}\n"
                      "\\end{center}\nMore \\foo{bar} and \\baz.", counts)
    assert text == "Words.\n\nMore \\foo{bar} and \\baz."
    assert counts["figures"] == 1 and unknown_commands(counts) == ["\\foo", "\\baz"]


def test_a_line_is_one_line():
    assert latex_line("\\textbf{T1} -\n  Tutorial\\\\on dialogue") == "**T1** - Tutorial on dialogue"
    assert latex_text(None) == "" and latex_line("") == ""
