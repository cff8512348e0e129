"""Text written for LaTeX (aclpub2's abstracts and titles, the AMCOS kit's abstract files) -> booklet's
text markup.

Booklet's markup sets `$...$` as math, as LaTeX does, but prints everything outside math as it is
written: `3.6\\%` would print its backslash. So outside math the LaTeX escapes become their characters
(`\\%` `\\&` `\\_` `\\#` `\\{` `\\}`; `\\$` stays, as booklet reads it as a dollar), accents become letters
(`\\'{e}` `{\\~n}` `\\"o` `\\c{c}` -> é ñ ö ç), `\\emph{}` `\\textit{}` `\\textbf{}` become `*...*` and
`**...**`, `\\par` and blank lines make paragraphs, `~` a no-break space, `--` and `---` dashes, grouping
braces go. Figures (`\\includegraphics`, with their caption) are left out and counted; a command booklet
does not know stays as written and is counted, so that the notes can name it. Math (`$...$`, `$$...$$`,
`\\(...\\)`, `\\[...\\]`) is kept as written (display math set inline, as booklet sets all math).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from ..text.markup import SUBSCRIPTS, SUPERSCRIPTS

__all__ = ["latex_text", "latex_line"]

_ACCENTS = {"'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303", "=": "\u0304",
            ".": "\u0307", "u": "\u0306", "v": "\u030c", "H": "\u030b", "c": "\u0327", "k": "\u0328",
            "r": "\u030a", "b": "\u0331", "d": "\u0323"}
_SYMBOL_ACCENT = re.compile(r"""\\(['`^"~=.])\s*"""
                            r"""(?:\{\s*(\\[ij](?![A-Za-z])|[A-Za-z])\s*\}|(\\[ij](?![A-Za-z]))\s?|([A-Za-z]))""")
_LETTER_ACCENT = re.compile(r"\\([uvHckrbd])(?:\s*\{\s*(\\[ij](?![A-Za-z])|[A-Za-z])\s*\}|\s+([A-Za-z])(?![A-Za-z]))")

_SYMBOLS = {
    "ss": "ß", "o": "ø", "O": "Ø", "aa": "å", "AA": "Å", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ",
    "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "ldots": "…", "dots": "…", "textellipsis": "…",
    "textendash": "–", "textemdash": "—", "S": "§", "P": "¶", "copyright": "©", "textcopyright": "©",
    "pounds": "£", "euro": "€", "texteuro": "€", "textdegree": "°", "degree": "°", "LaTeX": "LaTeX",
    "TeX": "TeX", "textquoteright": "’", "textquoteleft": "‘", "textbullet": "•", "textregistered": "®",
    "texttrademark": "™", "textasciitilde": "~", "textbackslash": "\\", "textbar": "|", "textless": "<",
    "textgreater": ">", "newline": "\n", "linebreak": "\n", "par": "\n\n",
}
_DROPPED = {"noindent", "indent", "medskip", "smallskip", "bigskip", "centering", "clearpage", "newpage",
            "pagebreak", "raggedright", "raggedleft", "hfill", "vfill", "nobreak", "break", "protect",
            "relax", "sloppy", "normalsize", "small", "footnotesize", "scriptsize", "large", "Large",
            "tiny", "huge", "Huge", "maketitle", "item"}
_DROPPED_WITH_ARG = ("vspace", "hspace", "label", "vspace*", "hspace*", "index", "pagestyle", "thispagestyle",
                     "setlength", "bibliographystyle")
_ITALIC = ("textit", "emph", "textsl", "mathit")
_BOLD = ("textbf",)
_PLAIN = ("texttt", "textrm", "textsf", "textsc", "textup", "textnormal", "textmd", "mbox", "hbox", "text",
          "url", "nolinkurl", "underline", "uline", "textcolor*")
_ENVIRONMENTS = ("center", "flushleft", "flushright", "quote", "quotation", "minipage", "small", "footnotesize",
                 "figure", "figure*", "wrapfigure", "abstract")

_ESCAPES = {"%": "%", "&": "&", "_": "_", "#": "#", "{": "\ue011", "}": "\ue012", ",": "\u202f", " ": " ", "-": "",
            "@": "", "/": "", ";": " ", ":": " ", "!": ""}


def latex_text(text: str | None, counts: Counter | None = None) -> str:
    """Paragraphs written for LaTeX as booklet's markup ('' for None). `counts` (if given) gets
    'figures' (left out) and 'command:\\\\name' (left as written) added."""
    if not text:
        return ""
    counts = counts if counts is not None else Counter()
    text = str(text).replace("\r\n", "\n").replace("\r", "\n")
    text = "\n".join(line for line in text.split("\n") if not line.lstrip().startswith("%"))
    out = []
    for kind, piece in _pieces(text):
        out.append(piece if kind == "math" else _outside(piece, counts))
    return _tidy("".join(out))


def latex_line(text: str | None, counts: Counter | None = None) -> str:
    """A one-line field (a title, a name) written for LaTeX, as booklet's markup on one line."""
    return " ".join(latex_text(text, counts).split())


# -- math out of the way ---------------------------------------------------------------------------

_MATH_OPEN = re.compile(r"\\\$|\$\$|\$|\\\(|\\\[|\\begin\{(equation|align|eqnarray|displaymath|math)\*?\}")


def _pieces(text: str) -> list[tuple[str, str]]:
    """('text', ...) and ('math', '$...$') pieces; math as booklet reads it (inline, no spaces at its ends)."""
    pieces, pos, start = [], 0, 0
    while (m := _MATH_OPEN.search(text, pos)) is not None:
        token = m.group()
        if token == "\\$":
            pos = m.end()
            continue
        if token == "$$":
            close = text.find("$$", m.end())
        elif token == "$":
            close = _closing_dollar(text, m.end())
        elif token in ("\\(", "\\["):
            close = text.find("\\)" if token == "\\(" else "\\]", m.end())
        else:
            close = text.find(f"\\end{{{m.group(1)}", m.end())
        if close == -1:  # no end: the rest is text
            pos = m.end()
            continue
        inner = text[m.end():close]
        if token.startswith("\\begin"):
            end = text.find("}", close) + 1
        else:
            end = close + (1 if token == "$" else 2)
        pieces.append(("text", text[start:m.start()]))
        inner = " ".join(inner.replace("\\\\", " ").replace("&", " ").split())
        pieces.append(("math", f"${inner}$" if inner else ""))
        pos = start = end
    pieces.append(("text", text[start:]))
    return pieces


def _closing_dollar(text: str, pos: int) -> int:
    while True:
        close = text.find("$", pos)
        if close == -1:
            return -1
        if text[close - 1] != "\\":
            return close
        pos = close + 1


# -- outside math ------------------------------------------------------------------------------------

_FIGURE = re.compile(r"\\includegraphics\s*(?:\[[^\]]*\])?\s*\{[^{}]*\}")
_CAPTION = re.compile(r"\\caption\s*(?:\[[^\]]*\])?\s*\{(?:[^{}]|\{[^{}]*\})*\}")
_ENVIRONMENT = re.compile(r"\\(begin|end)\s*\{([A-Za-z*]+)\}(?:\s*\[[^\]]*\])?(?:\s*\{[^{}]*\})?")
_OLD_FONT = re.compile(r"\{\\(bf|bfseries|it|itshape|em|sl|slshape|tt|ttfamily|rm|sc|scshape)\s+([^{}]*)\}")
_COMMAND_ARG = re.compile(r"\\([A-Za-z]+\*?)\s*(?:\[[^\]]*\])?\s*\{([^{}]*)\}")
_HREF = re.compile(r"\\href\s*\{([^{}]*)\}\s*\{([^{}]*)\}")
_COMMAND = re.compile(r"\\([A-Za-z]+)(?![A-Za-z])\s?|\\(.)", re.S)


def _outside(text: str, counts: Counter) -> str:
    figures = len(_FIGURE.findall(text))
    if figures:
        counts["figures"] += figures
        text = _FIGURE.sub("", text)
        text = _CAPTION.sub("", text)

    def environment(m: re.Match) -> str:
        name = m.group(2)
        if name in ("itemize", "enumerate", "description"):
            return "\n\n"
        if name not in _ENVIRONMENTS:
            counts[f"environment:{name}"] += 1
        return "\n\n" if name not in ("small", "footnotesize") else ""

    text = _ENVIRONMENT.sub(environment, text)
    text = re.sub(r"\\item\s*(?:\[([^\]]*)\])?\s*", lambda m: f"\n\n\u2013 {m.group(1) + ' ' if m.group(1) else ''}",
                  text)
    text = _accents(text)
    for _ in range(12):  # innermost first: a command whose argument holds no braces any more
        before = text
        text = _OLD_FONT.sub(_old_font, text)
        text = _HREF.sub(lambda m: m.group(2) if m.group(1) in m.group(2) else f"{m.group(2)} ({m.group(1)})", text)
        text = _COMMAND_ARG.sub(lambda m: _with_argument(m, counts), text)
        if text == before:
            break
    text = _COMMAND.sub(lambda m: _bare(m, counts), text)
    text = text.replace("\ue010", "\\$")
    text = text.replace("---", "\u2014").replace("--", "\u2013").replace("``", "\u201c").replace("''", "\u201d")
    text = re.sub(r"(?<!\\)~", "\u00a0", text)
    text = re.sub(r"(?<!\\)[{}]", "", text)  # grouping braces print nothing
    return text.replace("\ue011", "{").replace("\ue012", "}").replace("\ue013", "\\")


def citation(keys: str) -> str:
    """`\\cite{1,2}`'s keys as printed: '[1, 2]'."""
    return "[" + ", ".join(p.strip() for p in keys.split(",")) + "]"


# a LaTeX accent with its letter in braces, `\'{e}` or `{\'e}` (not `\"q`: a quote escaped with a backslash; nor
# `\u{e}`, a character in Rust or JavaScript): what text from a form may hold (importers.text)
_BRACED_ACCENT = re.compile(r"""\\(['`^"~=.c])\{(\\[ij]|[A-Za-z])\}|\{\\(['`^"~=.])(\\[ij]|[A-Za-z])\}""")


def braced_accents(text: str) -> str:
    """`text` with its accents whose letter is in braces as letters (`N\\'{e}el` -> Néel, `{\\"o}` -> ö)."""
    def put(m: re.Match) -> str:
        accent, letter = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        return unicodedata.normalize("NFC", letter.lstrip("\\") + _ACCENTS[accent])

    return _BRACED_ACCENT.sub(put, text)


def _accents(text: str) -> str:
    def put(m: re.Match) -> str:
        letter = next(g for g in m.groups()[1:] if g)
        base = {"\\i": "i", "\\j": "j"}.get(letter, letter)
        return unicodedata.normalize("NFC", base + _ACCENTS[m.group(1)])

    text = _SYMBOL_ACCENT.sub(put, text)
    return _LETTER_ACCENT.sub(put, text)


def _old_font(m: re.Match) -> str:
    inner = m.group(2).strip()
    if not inner:
        return ""
    if m.group(1) in ("bf", "bfseries"):
        return f"**{inner}**"
    if m.group(1) in ("it", "itshape", "em", "sl", "slshape"):
        return f"*{inner}*"
    return inner


def _with_argument(m: re.Match, counts: Counter) -> str:
    name, arg = m.group(1), m.group(2)
    inner = arg.strip()
    if name in _SYMBOLS:  # \ldots{}
        return _SYMBOLS[name] + arg
    if name in _DROPPED:
        return arg
    if name in _ITALIC:  # (a star of its own printed as one: `\textbf{*}` was five)
        return f"*{stars_kept(inner)}*" if inner else ""
    if name in _BOLD:
        return f"**{stars_kept(inner)}**" if inner else ""
    if name in _PLAIN:
        return arg
    if name in _DROPPED_WITH_ARG:
        return ""
    if name in ("cite", "citep", "citet", "ref", "eqref"):
        return citation(arg)
    if name == "footnote":
        return f" ({inner})"
    if name in ("textsuperscript", "textsubscript"):
        made = text_script(inner, name == "textsuperscript")  # (its braces and backslash held from what follows)
        return made.replace("\\", "\ue013").replace("{", "\ue011").replace("}", "\ue012")
    if name in ("section", "section*", "subsection", "subsection*", "paragraph", "paragraph*", "textbf*"):
        return f"\n\n**{inner}**\n\n"
    counts[f"command:\\{name}"] += 1
    # kept as written: its braces held, so that they are not taken for grouping braces
    return f"\ue013{name}\ue011{arg}\ue012"


def stars_kept(text: str) -> str:
    """Emphasised text whose own stars print as stars (escaped: booklet's `\\*`)."""
    return re.sub(r"(?<!\\)\*", r"\\*", text)


def text_script(text: str, superscript: bool, math: bool = True) -> str:
    """`\\textsuperscript{2}`'s or `\\textsubscript{4}`'s text as booklet prints it: digits and signs as their
    script characters (GaV₄S₈), letters upright in a formula's script (`2$^{\\mathrm{nd}}$`: a formula's letters
    are italic), anything else as written (and so where `math` is False: the text's dollars could pair with it)."""
    digits = SUPERSCRIPTS if superscript else SUBSCRIPTS
    if not text:
        return ""
    if all(ch in digits for ch in text):
        return "".join(digits[ch] for ch in text)
    if math and text.isalnum() and text.isascii():
        return f"${'^' if superscript else '_'}{{\\mathrm{{{text}}}}}$"
    return text


def _bare(m: re.Match, counts: Counter) -> str:
    name, char = m.group(1), m.group(2)
    if char is not None:
        if char == "\\":
            return "\n"
        if char == "$":
            return "\ue010"  # booklet's own escaped dollar, put back at the end
        if char in _ESCAPES:
            return _ESCAPES[char]
        return m.group()
    if name in _SYMBOLS:
        return _SYMBOLS[name]
    if name in _DROPPED:
        return ""
    counts[f"command:\\{name}"] += 1
    return "\ue013" + name + (" " if m.group().endswith(" ") else "")


def _tidy(text: str) -> str:
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n[ \t]+", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    text = re.sub(r"(?<=\S)[ \t]{2,}", " ", text)
    return text.strip()


def unknown_commands(counts: Counter) -> list[str]:
    """The LaTeX commands and environments `counts` says were left as written, most frequent first."""
    return [key.split(":", 1)[1] for key, _ in counts.most_common() if key.startswith(("command:", "environment:"))]
