"""A contribution's text, in a source that does not say its language -> that language, when it is clear.

A spreadsheet or a conference system's CSV (ConfTool's, a form's) has no language column as a rule: a German
congress's abstracts came in as English, its booklet's words English and its German words hyphenated by English
patterns ("beis-pielsweise"). py3langid (a maintained fork of langid.py, a naive Bayes classifier of byte n-grams
trained on 97 languages, BSD-licensed, deterministic) reads the language of each text of some length; a text
it is not sure of (short, mixed, or mostly formulas and names) is left without one. Its model takes about a second
to load, so it is loaded only when a source leaves a text's language unsaid.
"""

from __future__ import annotations

import re
from functools import cache

LEAST = 200  # characters of plain text: fewer (a title, a line of names) are too few to tell a language by
SURE = 0.95  # the classifier's probability of its answer, at least

# math, addresses, markup (an email address from its word's start: tried at every letter, \S+@ took minutes on a long
# word with no @)
_NOT_WORDS = re.compile(r"\$[^$]*\$|https?://\S+|www\.\S+|(?<!\S)[^\s@]+@\S+|[*_`#\\]+")


@cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def language_of(text: str) -> str:
    """The language `text` (booklet's markup) is written in, as a two-letter code, when there is enough of it and
    the classifier is sure; else ''."""
    plain = " ".join(_NOT_WORDS.sub(" ", text).split())
    if len(plain) < LEAST:
        return ""
    code, probability = _identifier().classify(plain)
    return code if probability >= SURE else ""
