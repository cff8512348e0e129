"""HTML, escaped HTML and Markdown from conference systems -> booklet's text markup, construct by construct."""

from __future__ import annotations

import pytest

from booklet.importers.text import joined, kind_of, to_line, to_markup
from booklet.text import markup

MATH = r"$\sqrt{s_{NN}}=5.02~\mathrm{TeV}$"


@pytest.mark.parametrize("source, expected", [
    ("the N\\'{e}el temperature of CoO, {\\\"o} and G\\\"{o}del, Ca\\c{c}a, \\'{\\i}",
     "the N\u00e9el temperature of CoO, \u00f6 and G\u00f6del, Ca\u00e7a, \u00ed"),
    ("as shown \\cite{1,2} and \\citep{Hall2016, Wood2017}.", "as shown [1, 2] and [Hall2016, Wood2017]."),
    ("a \\\"quoted\\\" word, C:\\new\\table", "a \\\"quoted\\\" word, C:\\new\\table"),  # not accents
    ("$\\'{e} \\cite{1}$ as written in math", "$\\'{e} \\cite{1}$ as written in math"),
    ("'\\u{e9}' in Rust and <code>\\cite{knuth}</code> in code, \\cite{2} in text",
     "'\\u{e9}' in Rust and `\\cite{knuth}` in code, [2] in text"),  # code's backslashes are the code's
    # (a physics school's form) a tie is a no-break space, not "~" after a space ("about"); a Greek letter's macro
    # is its letter and a script in braces outside math is math ("1.5 \\mu~m" and "CoO_{x}" printed as written)
    ("a (50~nm)$^3$ volume below 2~nm, force~\\cite{1}, ~100x lower, $\\approx$~70nm, 1.5 \\mu~m, Co/CoO_{x} and $a~b$",
     "a (50\u00a0nm)$^3$ volume below 2\u00a0nm, force\u00a0[1], ~100x lower, $\\approx$\u00a070nm, 1.5 \u03bc\u00a0m, "
     "Co/CoO$_{x}$ and $a~b$"),
    # ... but no dollars of its own beside a dollar of the text's (they paired: "5<i>per</i>..."), and a web
    # address, math and code as written
    ("It costs $5 per \\mu g for CoO_{x} films, see \\cite{a} and https://x.org/a~b/c", "It costs $5 per \u03bc g for "
     "CoO_{x} films, see [a] and https://x.org/a~b/c"),
    ("no LaTeX here: a~b and x_{1}", "no LaTeX here: a~b and x_{1}"),
])
def test_latex_accents_and_citations_outside_math_from_a_form_become_letters_and_numbers(source, expected):
    assert to_markup(source) == expected


def test_code_that_runs_on_past_math_is_kept_whole():
    from booklet.importers.text import _code_spans, _latex_outside_math

    assert _latex_outside_math("$x + `a$ \\cite{3}` N\\'{e}el") == "$x + `a$ \\cite{3}` N\u00e9el"
    text = "\\cite{1} <CODE>a</code> <pre b" + "<code" * 3
    assert sorted(_code_spans(text)) == [(9, 23)]  # the one closed block; the openers without a closer: none


@pytest.mark.parametrize("source, expected", [
    ("technologies &#226;&#8364;&#8220; Current, \u00c3\u02dcMQ and na\u00c3\u00afve",
     "technologies \u2013 Current, \u00d8MQ and na\u00efve"),  # a source encoded twice (a EuroPython schedule)
    ("<p>Zo\u00eb Schr\u00f6dinger \u2013 r\u00e9sum\u00e9, \u0395\u03bb\u03bb\u03ac\u03b4\u03b1</p>",
     "Zo\u00eb Schr\u00f6dinger \u2013 r\u00e9sum\u00e9, \u0395\u03bb\u03bb\u03ac\u03b4\u03b1"),
    ("He said \u00e2\u20ac\u0153quoted\u00e2\u20ac\x9d here",  # a C1 control is a byte of the mojibake
     "He said \u201cquoted\u201d here"),
])
def test_text_read_in_the_wrong_encoding_on_its_way_is_repaired_and_other_text_kept(source, expected):
    assert to_markup(source) == expected


@pytest.mark.parametrize("source, expected", [
    # plain text: as it is, but CRLF and trailing spaces
    ("One line  \r\nand the next\r\n\r\nA second paragraph.\r\n", "One line\nand the next\n\nA second paragraph."),
    ("a*b*c, u_we, S/N < 5 & biased, costs $5", "a*b*c, u_we, S/N < 5 & biased, costs $5"),
    (f"Pb-Pb at {MATH}, purity 3.6\\% and \\cite{{1}}", f"Pb-Pb at {MATH}, purity 3.6\\% and [1]"),
    (None, ""),
    ("   ", ""),
])
def test_plain_text_passes_through(source, expected):
    assert to_markup(source) == expected


@pytest.mark.parametrize("source, expected", [
    # paragraphs, emphasis, strong
    ("<p>First <em>one</em>.</p><p>Second <strong>two</strong> <i>i</i> <b>b</b>.</p>",
     "First *one*.\n\nSecond **two** *i* **b**."),
    # entities decoded, no-break spaces kept
    ("<p>Caf&eacute; &amp; co&nbsp;KG &lt;3</p>", "Café & co\u00a0KG <3"),
    # links: text (url); a link whose text is its address once; mailto: the text
    ('<p>See <a href="https://getindico.io/">Indico</a>, <a href="https://x.org">https://x.org</a> '
     'or <a href="mailto:loc@example.org">write to us</a>.</p>',
     "See Indico (https://getindico.io/), https://x.org or write to us (loc@example.org)."),
    # lists: a paragraph per item
    ("<ul><li>one</li><li>two</li></ul><ol><li>first</li><li>second</li></ol>",
     "\u2013 one\n\n\u2013 two\n\n1. first\n\n2. second"),
    # headings: a paragraph of their own, strong
    ("<h2>Motivation</h2><p>Text.</p>", "**Motivation**\n\nText."),
    # code: plain; images: dropped
    ('<p>Run <code>make_all</code> <img src="fig.png" alt="Figure 1"> now.</p>', "Run `make_all` now."),
    # line breaks: <br><br> is a paragraph break
    ("Line one<br><br>Line two<br>and three", "Line one\n\nLine two\nand three"),
    # sub- and superscripts as math
    ("<p>H<sub>2</sub>O in the 20<sup>th</sup> century, 10<sup>-3</sup></p>",
     "H$_{2}$O in the 20$^{\\mathrm{th}}$ century, 10$^{-3}$"),
    # emphasis around punctuation only is no emphasis
    ("<p>Artistic<em>, </em>and</p>", "Artistic, and"),
    # a page's script and style are no text; a Markdown escape kept in the HTML made of it is not printed
    ('<p>We review R\\&amp;D.</p><script>track()</script><STYLE type="text/css">p{color:red}</STYLE>',
     "We review R&D."),
    # bold or italics holding a table or a list (a tag left open): the text without them, not its stars printed
    ("<p>Results <b>in bold <table><tr><td>42</td></tr></table> after</p>", "Results in bold\n\n42\n\nafter"),
    ("<p>A <b>bold</b> word</p><p><i>Two <ul><li>a</li></ul> x</i></p>", "A **bold** word\n\nTwo\n\n\u2013 a\n\nx"),
    # a script's link prints its text alone
    ('<p><a href="javascript:void(0)">Open</a> the <a href="data:text/html,x">page</a>.</p>', "Open the page."),
    # literal stars that booklet would take for emphasis are written \*, booklet's literal star; others stay
    ("<p>2*3*4 and 2 * 3, (*) and a*x* y</p>", "2*3*4 and 2 * 3, (*) and a\\*x\\* y"),
    # math kept exactly, its entities decoded
    (f"<p>At {MATH} &amp; $a &lt; b_{{i}}$, 3.6\\%</p>", f"At {MATH} & $a < b_{{i}}$, 3.6\\%"),
    # CRLF inside HTML
    ("<p>one\r\ntwo</p>\r\n<p>three</p>", "one\ntwo\n\nthree"),
    # inline tags only, paragraphs as blank lines (frab descriptions): the blank lines stay paragraph breaks
    ('Read <a href="https://x.org">this</a>.\r\n\r\nThis talk <i>aims</i>\r\nhigh.\r\n \r\nThird.',
     "Read this (https://x.org).\n\nThis talk *aims*\nhigh.\n\nThird."),
    # ... code in it printed as written, an indented line no code block, when it holds no Markdown
    ("Call <code>obj.__init__(x)</code> now.\n\n    A line with <em>x</em>\n\nNo. 1 in <i>y</i>",
     "Call `obj.__init__(x)` now.\n\nA line with *x*\n\nNo. 1 in *y*"),
    # ... and Markdown with inline tags: both read (its stars were printed, "∗∗tl;dr:∗∗")
    ("**tl;dr:** H<sub>2</sub>O, see <a href='https://x.org/a?b=1&amp;c=2'>here</a>.\n\n* one\n* two",
     "**tl;dr:** H$_{2}$O, see here (https://x.org/a?b=1&c=2).\n\n\u2013 one\n\n\u2013 two"),
])
def test_html(source, expected):
    assert kind_of(source) == "html"
    assert to_markup(source) == expected


def test_escaped_html_is_unescaped_then_converted():
    source = "&lt;p&gt;FOSDEM &lt;em&gt;talk&lt;/em&gt; about x &amp;amp; y&lt;/p&gt;&lt;p&gt;Two&lt;/p&gt;"
    assert kind_of(source) == "escaped-html"
    assert to_markup(source) == "FOSDEM *talk* about x & y\n\nTwo"


@pytest.mark.parametrize("source, expected", [
    ("Some *em* and _em_ and **strong** and __strong__.", "Some *em* and *em* and **strong** and **strong**."),
    ("[Indico](https://getindico.io) and <https://x.org>", "Indico (https://getindico.io) and https://x.org"),
    ("Topics:\n\n - one\n - two\n   - deep\n\n1. first\n2. second", "Topics:\n\n\u2013 one\n\n\u2013 two\n\n"
     "  \u2013 deep\n\n1. first\n\n2. second"),
    ("## A heading\n\nText", "**A heading**\n\nText"),
    # code: plain (math in it is math still: it was set apart before parsing)
    ("Use `x*y*z` here\n\n```\ncosts 5 $ and $x$\n```", "Use `x*y*z` here\n\n```\ncosts 5 $ and $x$\n```"),
    ("An image ![alt](a.png) gone", "An image gone"),
    ("> quoted\n\n---\n\nafter", "quoted\n\nafter"),
    # math between $ kept exactly: no eaten backslash or underscore
    (f"_Results_ at {MATH}: purity 3.6\\%, $u_{{we}}$ and $x_1 * y_2$.",
     f"*Results* at {MATH}: purity 3.6\\%, $u_{{we}}$ and $x_1 * y_2$."),
    # display math set inline
    ("*Energy* $$E = mc^2$$ and \\(a_b\\)", "*Energy* $E = mc^2$ and $a_b$"),
    # Markdown escapes: literal stars never become emphasis; a literal dollar stays a dollar
    ("**Note**: a \\*b\\* c, 2 \\* 3, costs \\$5 and $1kUSD", "**Note**: a \\*b\\* c, 2 * 3, costs \\$5 and \\$1kUSD"),
    ("**one** snake_case_name", "**one** snake_case_name"),
    # a link that means nothing on paper prints its text alone; an email's or a phone's without its scheme
    ("[click](javascript:alert(1)), [the talk](/talk/12), [up](#top), [me](mailto:a@b.org), [call](TEL:+4930), "
     "[site](example.org), [notes](notes.html)",
     "click, the talk, up, me (a@b.org), call (+4930), site (example.org), notes"),
    # spaces inside a link's brackets; strong text closed after a space (Markdown prints its stars)
    ("Join the [contest](  http://x.org/ ) now.\n\n**Led by: ** Ana, 2 ** 3", "Join the contest (http://x.org/) now."
     "\n\n**Led by:** Ana, 2 ** 3"),
    # a web address keeps its stars and dollars: booklet prints it as written
    ("[the archive](https://x.org/a*b?q=1*2) and a\\*b\\*c, <https://x.org/a$b> for \\$5",
     "the archive (https://x.org/a*b?q=1*2) and a\\*b\\*c, https://x.org/a$b for \\$5"),
    ("Entities &amp; *em*", "Entities & *em*"),
])
def test_markdown(source, expected):
    assert kind_of(source) == "markdown"
    assert to_markup(source) == expected


def test_what_booklet_prints_from_the_markup():
    """The markup means in booklet what the source meant."""
    out = to_markup("**Note**: a \\*b\\* c and *em* and $\\alpha_1$")
    alpha_1 = '<i>α</i><mscripts><sub rise="15%" size="70%">1</sub></mscripts>'  # set as TeX sets it
    assert markup.paragraphs(out) == [f"<b>Note</b>: a *b* c and <i>em</i> and {alpha_1}"]
    assert markup.paragraphs(to_markup("costs \\$5 and **$10**")) == ["costs $5 and <b>$10</b>"]


def test_to_line_joins_lines_and_paragraphs():
    assert to_line("  A <em>title</em>\r\n on two lines ") == "A *title* on two lines"
    assert to_line("<p>one</p><p>two</p>") == "one two"


def test_line_ends_escaped_twice_are_line_ends():
    """A pretalx biography printed "retro-computing.\\r\\n\\r\\nIf time permits". In code, or in text with line ends
    of its own, they are as written."""
    assert to_markup("retro-computing.\\r\\n\\r\\nIf time permits") == "retro-computing.\n\nIf time permits"
    assert to_markup("<p>Git writes <code>\\r\\n</code> line ends</p>") == "Git writes `\\r\\n` line ends"


def test_control_characters_are_removed():
    assert to_markup("bell\x07 and form\x0cfeed\u0090") == "bell and formfeed"
    assert to_markup("and so on\u0085") == "and so on\u2026"  # Windows-1252's ellipsis read as Latin-1: repaired


@pytest.mark.parametrize("source", [
    "[;**)</li></ul>*$x_1$**</li></ul>e<ul><li><!b",  # HTML blocks inside Markdown inside HTML ...
    "a <![aa b <p>c</p>",  # a marked section the HTML parser rejects
    "<p>x &#1; y $$a$x_1$$ \\%</p>",  # a control character by entity; math in math
])
def test_malformed_input_never_fails(source):
    out = to_markup(source)
    assert out and not any(ch in out for ch in "\x01\ue000\ue001\ue002\ue003")
    markup.paragraphs(out)


def test_a_schedules_event_bof_and_party_types_have_kinds():
    """DebConf's wafer export types its group photo, day trip, job fair and parties "Event": they were imported as
    contributed talks, each on an abstract page of its own; they are lines of the programme."""
    from booklet.importers.kinds import kind_for

    assert kind_for("Event", {}) == "other"
    assert kind_for("BoF (45 mins)", {}) == "contributed" and kind_for("Talk (20 mins)", {}) == "contributed"
    assert kind_for("Conference party", {}) == "social" and kind_for("Excursion", {}) == "social"
    assert kind_for("Workshop (2 hours)", {}) == "tutorial"
    assert kind_for("Event", {"event": "social"}) == "social"  # --kinds still wins
    assert kind_for("Social event", {}) == kind_for("Social", {}) == "social"
    assert kind_for("Social sciences talk", {}) == "contributed"  # (a talk's subject, not a dinner)
    # (a review: words inside words were kinds: a breakout session a break, a participant's talk left out)
    assert kind_for("Breakout Session", {}) == kind_for("Participant talk", {}) == "contributed"
    assert kind_for("Icebreaker", {}) is None and kind_for("Scheduled break-out room", {}) is None
    assert kind_for("Teilnahme ohne Beitrag", {}) == kind_for("Withdrawn talk", {}) == "skip"


def test_a_tutorial_in_german_and_french_is_a_tutorial():
    """A LOC's German spreadsheet typed its tutorial "Tutorium" (French: "Tutoriel"): it was a type with no kind,
    to be mapped with --kinds by hand."""
    from booklet.importers.kinds import kind_for

    assert kind_for("Tutorium", {}) == kind_for("Tutoriel", {}) == kind_for("Tutorien (90 min)", {}) == "tutorial"


def test_reference_links_print_as_inline_links_do_and_a_definition_nothing_names_is_kept():
    """EuroPython's "[Jedi][1] is an autocompletion library" with "[1]: https://github.com/..." below printed both
    as written (12 abstracts, and XDC's "[ongoing efforts][1]"): the text was not taken for Markdown. A definition
    that no link names (a list of sources written so) is kept as written, not taken out by the parser."""
    assert to_markup("[Jedi][1] is an autocompletion library.\r\n\r\n  [1]: https://github.com/davidhalter/jedi") \
        == "Jedi (https://github.com/davidhalter/jedi) is an autocompletion library."
    assert to_markup("See [the docs][] or [efforts][A].\n\n[the docs]: https://x.org/docs\n[a]: https://y.org") \
        == "See the docs (https://x.org/docs) or efforts (https://y.org)."
    assert to_markup("We build on **this**.\n\n[1]: https://arxiv.org/abs/1234\n[2]: https://doi.org/10.1/x") \
        == "We build on **this**.\n\n[1]: https://arxiv.org/abs/1234\n[2]: https://doi.org/10.1/x"
    assert to_markup("Prices [1]: see the table.") == "Prices [1]: see the table."
    # a reference followed by a colon ("4. [iOS-specific modules][4]: contacts, ..." in EuroPython's Pythonista
    # abstract) names its definition all the same
    assert to_markup("4. [iOS-specific modules][4]: contacts\n\n[4]: http://x.org/ios\n") \
        == "4. iOS-specific modules (http://x.org/ios): contacts"
    assert to_markup("Results [as in [1]] hold, see [docs][2].\n\n[1]: http://x.org/a\n[2]: http://x.org/b") \
        == "Results [as in [1] (http://x.org/a)] hold, see docs (http://x.org/b)."  # (a review: all printed as written)
    assert to_markup("Use this:\n\n```\n[core]: https://x.org\n```\n\nand **more**.") \
        == "Use this:\n\n```\n[core]: https://x.org\n```\n\nand **more**."  # (in code, as written: no backslash)


ABSTRACT = ("In this talk I will explain what hypermedia enabled APIs mean, and take you through the implementation "
            "details.")
MORE = "Also, I will present a brief comparison with an API that is not hypermedia enabled."


@pytest.mark.parametrize("abstract, description, expected", [
    # the description starts with the abstract, or ends with it: the description alone
    (ABSTRACT, f"{ABSTRACT}\n\n{MORE}", f"{ABSTRACT}\n\n{MORE}"),
    (ABSTRACT, f"{MORE}\n\n{ABSTRACT}", f"{MORE}\n\n{ABSTRACT}"),
    # under a heading of its own, with other line ends, emphasis and spacing
    (ABSTRACT, f"**Abstract**\n\n{ABSTRACT.replace(' ', '  ').replace('explain', '*explain*')}\n\n{MORE}",
     f"**Abstract**\n\n{ABSTRACT.replace(' ', '  ').replace('explain', '*explain*')}\n\n{MORE}"),
    # said again in other words around the same sentences
    (ABSTRACT, f"{MORE}\n\n{ABSTRACT.replace('In this talk I', 'In this talk I will share what we learnt, I')}",
     f"{MORE}\n\n{ABSTRACT.replace('In this talk I', 'In this talk I will share what we learnt, I')}"),
    # an abstract cut short from the description's first paragraph
    (ABSTRACT[:80], f"{ABSTRACT}\n\n{MORE}", f"{ABSTRACT}\n\n{MORE}"),
    # a description that the abstract holds: the abstract alone
    (f"{ABSTRACT}\n\n{MORE}", MORE, f"{ABSTRACT}\n\n{MORE}"),
    # partly the same: the description's paragraphs that the abstract has are left out
    (f"{ABSTRACT}\n\nOwn words.", f"{ABSTRACT}\n\nOther words.", f"{ABSTRACT}\n\nOwn words.\n\nOther words."),
    # different texts, and short ones, are all kept
    ("Deep learning.", "We use deep learning for everything here.", "Deep learning.\n\nWe use deep learning for "
                                                                      "everything here."),
    ("TBA", "Football is fun.", "TBA\n\nFootball is fun."),
    ("We study the cosmic microwave background with new data.", "We study the galaxy cluster abundance with old data.",
     "We study the cosmic microwave background with new data.\n\nWe study the galaxy cluster abundance with old data."),
    ("", "Only this.", "Only this."),
    ("Only this.", "", "Only this."),
    ("Same.", "Same.", "Same."),
])
def test_an_abstract_and_a_description_are_joined_each_paragraph_once(abstract, description, expected):
    assert joined(abstract, description) == expected


@pytest.mark.parametrize("source, expected", [
    ("<p><em>Arte de ta</em><em>ñer fantasia, </em>by X</p>", "*Arte de tañer fantasia,* by X"),  # (ConfTool's)
    ("<p><b>A</b><strong>B</strong> and <i>c</i> <i>d</i></p>", "**AB** and *c* *d*"),
    ("<p><em>a</em><i>b</i><em>c</em> x</p>", "*abc* x"),
])
def test_runs_of_the_same_emphasis_side_by_side_are_one(source, expected):
    """An editor splits a run of italics where a letter was typed in again: "*Arte de ta**ñer*" printed its "**"."""
    assert to_markup(source) == expected
    assert "*" not in markup.plain(to_markup(source))


def test_markdown_whose_only_tags_are_in_its_code_is_markdown():
    """EuroPython's Jigna abstract: Markdown with an example of HTML in an indented code block was read as HTML, so
    its reference links ("[Jigna][7]") printed as written and the example's tags were taken for the text's own."""
    source = ("[Jigna][7] is an HTML based solution.\r\n\r\nHere is a sample:\r\n\r\n"
              "    <h1>{{model.greeting}}</h1> <br>\r\n    <button>Clear</button>\r\n\r\nAnd `<b>` too.\r\n\r\n"
              "[7]: https://github.com/enthought/jigna \"Jigna\"")
    assert kind_of(source) == "markdown"
    made = to_markup(source)
    assert made.startswith("Jigna (https://github.com/enthought/jigna) is an HTML based solution.")
    assert "<h1>{{model.greeting}}</h1>" in made and "<button>Clear</button>" in made and "[7]" not in made
    # HTML with tags outside code stays HTML, indented or not
    assert kind_of("<p>A paragraph</p>\n\n    <ul><li>x</li></ul>") == "html"
    assert kind_of("    <p>an indented paragraph of HTML</p>") == "html"


def test_a_paragraph_with_a_word_of_its_own_is_kept():
    """A fuzzing run: a sentence said again with a "not" of its own is not a repeat, whatever its share of runs of
    three words found (more than 90 % here): it is kept. (The sentence without the "not", which the other holds
    whole, is left out as before: the text with more words is printed.)"""
    unsaid = ("We tested the model on nine surveys of the southern sky and we find that it is consistent with the "
              "data from all of the bands we looked at, from the ultraviolet to the far infrared, over ten years of "
              "observations with three telescopes.")
    said = unsaid.replace("it is consistent", "it is not consistent")
    assert joined(f"{unsaid}\n\nOther words.", said) == f"{unsaid}\n\nOther words.\n\n{said}"
    assert joined(unsaid, said) == said and joined(said, unsaid) == said


@pytest.mark.parametrize("source, printed", [
    # 36c3's Markdown: a gender star between two letters, which Markdown took for emphasis across the words between
    ("Für Sinti*zze und Roma*nja gehören [Anfeindungen](https://x.org) dazu.",
     "Für Sinti*zze und Roma*nja gehören Anfeindungen (https://x.org) dazu."),
    ("Teilnehmer*innen sind **herzlich** willkommen, *alle* Referent*innen auch.",
     "Teilnehmer*innen sind <b>herzlich</b> willkommen, <i>alle</i> Referent*innen auch."),
    ("*Daten*banken, `a*b*c` und [x](https://y.org)", "<i>Daten</i>banken, <font name=\"Mono\" size=\"-1\">a*b*c</font> und x (https://y.org)"),
    # 39c3's: the star before a backslash, plain text
    ("Lehrer*\\innen, Sozialarbeiter*\\innen", "Lehrer*\\innen, Sozialarbeiter*\\innen"),
])
def test_a_gender_star_in_an_imported_text_prints_as_a_star(source, printed):
    assert markup.inline(to_markup(source)) == printed


@pytest.mark.parametrize("source, expected", [
    # camp2019's: items with no list around them, then a paragraph
    ("three use-cases:\r\n<li><b>Mix-networks</b> for anonymity</li><li>Nym credentials</li>\r\n\r\nLastly, the code.",
     "three use-cases:\n\n– **Mix-networks** for anonymity\n\n– Nym credentials\n\nLastly, the code."),
    ("Items:<li>one<li>two\n\nAfter <b>that</b>.", "Items:\n\n– one\n\n– two\n\nAfter **that**."),  # left open
    ("<ul><li>one<li>two</ul> after", "– one\n\n– two\n\nafter"),
    ("<ul><li>a<ul><li>b</li></ul></li><li>d</li></ul>", "– a\n\n  – b\n\n– d"),  # a list in an item: nested
])
def test_list_items_with_no_list_around_them_or_left_open_are_items_each(source, expected):
    assert to_markup(source) == expected


def test_texs_dashes_in_a_text_that_writes_latex_are_dashes():
    """Houches' form: "Landau--Lifshitz--Gilbert" printed its double hyphens."""
    assert to_markup("The Landau--Lifshitz--Gilbert equation, $\\alpha$ at 10--20 K --- and `--jobs` --help") == (
        "The Landau\u2013Lifshitz\u2013Gilbert equation, $\\alpha$ at 10\u201320 K \u2014 and `--jobs` --help")


@pytest.mark.parametrize("source, expected", [
    ("See <https://example.org/a*b> and Kolleg*innen.", "See https://example.org/a*b and Kolleg\\*innen."),
    ("Text *x*.\n\n    x = a*b*c\n\nKolleg*innen", "Text *x*.\n\n```\nx = a*b*c\n```\n\nKolleg*innen"),  # (code)
    ("path example.org/a--b \\alpha and Landau--Lifshitz", "path example.org/a--b α and Landau\u2013Lifshitz"),
    ("T_{a--b} and \\alpha with 10--20 K", "T$_{a--b}$ and α with 10\u201320 K"),
])
def test_stars_and_dashes_in_addresses_code_and_formulas_stay_as_written(source, expected):
    """A review: the gender star's escape broke an autolink ("a\\*b (https://example.org/a%5C*b)"), and TeX's dashes
    were made dashes in an address without a scheme and in a formula."""
    assert to_markup(source) == expected


@pytest.mark.parametrize("source, expected", [
    (r"hosted in GaV\textsubscript{4}S\textsubscript{8}, a T\textsuperscript{c} of 2\textsuperscript{+}",
     "hosted in GaV₄S₈, a T$^{\\mathrm{c}}$ of 2⁺"),
    (r"the spins rotate along \textbf{b}, \emph{very} and \textit{much} so", "the spins rotate along **b**, *very* "
     "and *much* so"),
    ("the following topics: \\begin{enumerate}\n\\item Spin-Liquid spin current \\cite{2}, \\item Magnon  current,"
     " \\end{enumerate} The end.",
     "the following topics:\n\n1. Spin-Liquid spin current [2],\n\n2. Magnon current,\n\nThe end."),
    (r"two: \begin{itemize} \item one \item two \end{itemize}", "two:\n\n\u2013 one\n\n\u2013 two"),
])
def test_latex_lists_styles_and_text_scripts_in_a_form_s_text(source, expected):
    """An import review of a school's form (LaTeX typed into it): \\begin{enumerate} \\item ... and
    GaV\\textsubscript{4}S\\textsubscript{8} printed as written, backslashes and all."""
    made = to_markup(source)
    assert made == expected
    assert "\\" not in markup.plain(made)


def test_text_between_a_list_s_items_is_an_item_of_its_own():
    """A review of real exports (a review's `<li>a</li> text <li>b</li>`): the text between two items ran into the
    next one's bullet, "text between- b"."""
    assert to_markup("<p>Intro</p><ul><li>a</li> text between <li>b</li></ul>") == \
        "Intro\n\n\u2013 a\n\n\u2013 text between\n\n\u2013 b"


@pytest.mark.parametrize("source, expected", [
    ("Example:\n\n```python\ndef f(x):\n    return x * 2  # *a* $5\n```\n\nDone with **it**.",
     "Example:\n\n```\ndef f(x):\n    return x * 2  # *a* $5\n```\n\nDone with **it**."),
    ('<p>Call it</p><pre>for i in range(3):\n    print(i)   # "x"\n|                         |</pre><p>after</p>',
     'Call it\n\n```\nfor i in range(3):\n    print(i)   # "x"\n|                         |\n```\n\nafter'),
    ("Text\n\n~~~\n```\nfenced\n```\n~~~\n\nEnd", "Text\n\n~~~\n```\nfenced\n```\n~~~\n\nEnd"),
])
def test_a_block_of_code_is_written_between_backtick_lines_as_written(source, expected):
    """An import review: FOSDEM's <pre> and Markdown's fenced code lost their indents and runs of spaces
    ("|                         |" as "| |"), their first line's indent, and their stars ("\\*"). A block of code is
    written as booklet's own: between ``` lines (~~~ when it holds ``` lines), as written."""
    made = to_markup(source)
    assert made == expected
    code = markup.paragraphs(made)[1]
    assert isinstance(code, markup.Code) and "<br/>" in code


@pytest.mark.parametrize("source, expected", [
    ("<p>We prove that if a&lt;b and b&gt;c then the bound holds.</p><p>Uses std::vector&lt;int&gt; here.</p>",
     "We prove that if a<b and b>c then the bound holds.\n\nUses std::vector<int> here."),
    ("<p>&lt;&lt;Hello&gt;&gt; and the &lt;b&gt; tag</p>", "<<Hello>> and the <b> tag"),
])
def test_an_html_text_s_own_angle_brackets_print_as_written(source, expected):
    """A fuzzing run: "a&lt;b and b&gt;c" became "a**c then ...**" (the Markdown made of the HTML read "<b and b>"
    as a bold tag, and the words between were lost), "vector&lt;int&gt;" became "vector"."""
    assert to_markup(source) == expected


def test_markdown_with_a_line_break_tag_keeps_its_emphasis():
    """A fuzzing run (a pretalx abstract): "We study **dark matter** halos.<br>Second line with *emphasis*." was read
    as HTML because of its <br>, and its Markdown printed as stars. A line break is no block: the text is Markdown
    with an inline tag."""
    assert to_markup("We study **dark matter** halos.<br>Second line with *emphasis*.") == \
        "We study **dark matter** halos.\nSecond line with *emphasis*."
    assert to_markup("Plain <b>bold</b><br>next") == "Plain **bold**\nnext"


def test_display_math_in_plain_text_is_set_inline_as_in_markdown():
    """A fuzzing run: "We derive $$E=mc^2$$ and \\(a+b\\) here." printed its delimiters in a plain-text source, where
    the same text with any Markdown in it became $...$."""
    assert to_markup(r"We derive $$E=mc^2$$ and \(a+b\) here.") == "We derive $E=mc^2$ and $a+b$ here."


@pytest.mark.parametrize("source, expected, printed", [
    # (HTML) the dollars were escaped: "$\\sim$30" printed as written, dollars and backslash
    ("<p>about $\\sim$30 <em>nm</em> wide</p>", "about $\\sim$30 *nm* wide", "about \u223c30 nm wide"),
    # (a form's LaTeX) the macro outside math became its letter: "$\u03b1$2", no formula, printed its dollars
    ("a shift of $\\alpha$2 in the fit", "a shift of $\\alpha$2 in the fit", "a shift of \u03b12 in the fit"),
    # a script in braces is math where no dollar of the text's could pair with one of its own
    ("$\\times$10 more in CoO_{x}", "$\\times$10 more in CoO$_{x}$", "\u00d710 more in CoOx"),
    # TeX's control space before the closing dollar
    ("a$\\ $b c", "a$\\ $b c", "a b c"),
    ("costs $5 and $10", "costs $5 and $10", "costs $5 and $10"),  # (no formula, by either rule)
])
def test_the_import_finds_formulas_by_the_rule_the_booklet_prints_them_by(source, expected, printed):
    """The importers found a formula's closing dollar by a rule of their own, where a digit after it always meant no
    formula: "$\\sim$30 per cent", which the booklet prints as math, was text to the import (its dollars escaped in
    HTML, its Greek macro made a letter: both printed their dollars). They use markup.closing_dollar now."""
    assert to_markup(source) == expected
    assert markup.plain(expected) == printed



DOLLARS = ["a \\\\$x$ b", "a \\$x$ b", "a \\\\\\$x$ b", "a \\\\\\\\$x$ b", "\\\\$x$", "cost \\\\$5 and $x$ here",
           "a $\\\\$ b", "a $x$ b", "$$x$$ y", "a $$ b $x$", "costs $5 and $10", "$\\sim$30 and $ x$",
           "see https://example.org/$a and $b$", "\\[x$y\\] and $z$"]


@pytest.mark.parametrize("text", DOLLARS)
def test_the_import_opens_a_formula_where_the_booklet_does(text):
    """A `$` after two backslashes (`a \\\\$x$ b`) opened a formula to the importers (an even run of backslashes:
    an escaped backslash), where the booklet's markup reads a `$` after any backslash as a dollar and prints
    "a \\$x$ b": the import kept "$x$" out of its conversions as a formula the booklet then printed as text. Both
    follow markup's one rule now (markup.dollar_formulas): the formulas the import keeps are those markup prints."""
    kept = [text[start + 1:end - 1].strip("$") for start, end in markup.dollar_formulas(text)]
    assert kept == [source for kind, source in markup._split_math(text) if kind == "math"], text


def test_an_html_dollar_after_two_backslashes_prints_as_written():
    """HTML's "a \\\\$x * y$ b" printed "a $x * y$ b", a backslash lost: the import took "$x * y$" for a formula and
    converted the text before it, which the booklet then read as "\\$", a dollar. Now it prints as written."""
    assert markup.plain(to_markup("<p>a \\\\$x * y$ b</p>")) == "a \\$x * y$ b" == markup.plain("a \\\\$x * y$ b")

def test_plain_text_whose_line_breaks_were_typed_keeps_them_as_paragraphs():
    """An import review (36c3, gpn11): plain texts typed with a line break between paragraphs and none blank ran
    together into one paragraph ("Inhalt Was kann LÖVE? Verschiedene ..."). A text none of whose lines was wrapped by
    hand keeps each line apart; a run of lines starting with a bullet ("*Learn", typed without its space) stays a
    list. A text wrapped by hand (lines about as long as one another) is run together as before."""
    long = "Das Umweltbundesamt hat in 2012 mit der Forschung der Umweltrelevanz von Software begonnen, mit Ziel."
    assert to_markup(f"{long}\nInhalt\n{long}") == f"{long}\n\nInhalt\n\n{long}"
    listed = to_markup(f"{long} Participants will be able to:\n*Learn about Django;\n*Contribute to it")
    assert markup.paragraphs(listed) == [f"{long} Participants will be able to:", "\u2013 Learn about Django;",
                                         "\u2013 Contribute to it"]
    wrapped = ("This is a hand-wrapped abstract of the kind an email gives, with lines about\nas long as one "
               "another, all the way down to the end of the paragraph that\nit is part of, and it goes on like "
               "this for a while before it ends here.")
    assert to_markup(wrapped) == wrapped
    assert to_markup("Dae Lee teaches\nworkshops.") == "Dae Lee teaches\nworkshops."  # (a line that goes on)


def test_a_sentence_typed_after_a_list_is_a_paragraph_of_its_own():
    """A form's text with a list and lines typed after it (uros2026): a line that starts a sentence after an item
    that ends one is a paragraph, not the item's lazy line; an item's own lines (a small letter, an indent) and
    code stay as they are."""
    text = ("The tool needs:\n- the target,\n- the weight of each observation.\nAfter mapping the columns, it runs.\n"
            "It also shows:\n- a graph that wraps\nonto a second line;\n- a table.\n  Indented, still the table's.\n"
            "Finally we conclude.\n```\n- x.\nCode\n```")
    assert to_markup(text) == (
        "The tool needs:\n\n– the target,\n\n– the weight of each observation.\n\n"
        "After mapping the columns, it runs.\n\nIt also shows:\n\n– a graph that wraps\nonto a second line;\n\n"
        "– a table.\nIndented, still the table's.\n\n"
        "Finally we conclude.\n\n```\n- x.\nCode\n```")


def test_latex_line_comments_and_an_escaped_period_are_not_printed():
    """houches2018's forms: `circuit~%` ending a line (TeX's comment: the line joins the next, the tie a no-break
    space) and `\\cite{2} \\.` (a period) print as TeX would set them; "50%" at a line's end is a percent sign."""
    assert to_markup("in a microwave optomechanical circuit~%\n\\cite{1} we see. A LiNbO$_3$ substrate \\cite{2} \\. "
                     "An FMR of 50%\nof \\emph{all}.") == (
        "in a microwave optomechanical circuit\u00a0[1] we see. A LiNbO$_3$ substrate [2]. An FMR of 50%\nof *all*.")


@pytest.mark.parametrize("text", [
    "We require 0<a and a>1 for convergence, and for p<s and s>q the model fails.",
    "x<i and j>y hold.",
    "k<p and p>0 here",
    "We use <s> and <unk> tokens.",
    "We use <s> and <unk> tokens, **bold** ones.",
])
def test_a_texts_own_angle_brackets_are_not_taken_for_tags(text):
    """A form's plain text or Markdown with < and > of its own (a fuzzing run): an opening tag alone, or one whose
    words are no name=value attributes, makes no text HTML, and prints as written (words were lost)."""
    assert kind_of(text) != "html"
    assert to_markup(text) == text


def test_html_is_still_told_by_its_closing_tags_void_tags_and_attributes():
    assert to_markup("A <b>bold</b> move") == "A **bold** move"
    assert to_markup("one<br>two") == "one\ntwo"
    assert to_markup('see <a href="http://x.org">here</a>') == "see here (http://x.org)"
    assert to_markup("mail <ana@x.org> or see <https://x.org>, **now**") == "mail ana@x.org or see https://x.org, **now**"


def test_a_list_nested_in_an_item_keeps_its_indent_and_prints_nested():
    """A Markdown or HTML list inside a list's item is written indented under it, two spaces a list, and booklet
    prints it nested (its items' level)."""
    for source in ("Intro\n\n- one\n  - sub a\n  - sub b\n    1. deep\n- two",
                   "<p>Intro</p><ul><li>one<ul><li>sub a</li><li>sub b<ol><li>deep</li></ol></li></ul></li>"
                   "<li>two</li></ul>"):
        written = to_markup(source)
        assert written == "Intro\n\n\u2013 one\n\n  \u2013 sub a\n\n  \u2013 sub b\n\n    1. deep\n\n\u2013 two"
        found = markup.paragraphs(written)
        assert found == ["Intro", "\u2013 one", "\u2013 sub a", "\u2013 sub b", "1. deep", "\u2013 two"]
        assert [getattr(p, "level", 0) for p in found] == [0, 0, 1, 1, 2, 0]
    # an item of paragraphs: those after its first indented too, so that a list after them is still in the item
    for source in ("- a\n\n  more about a\n\n  - b\n- d",
                   "<ul><li><p>a</p><p>more about a</p><ul><li>b</li></ul></li><li>d</li></ul>"):
        written = to_markup(source)
        assert written == "\u2013 a\n\n  more about a\n\n  \u2013 b\n\n\u2013 d"
        assert [getattr(p, "level", 0) for p in markup.paragraphs(written)] == [0, 0, 1, 0]


def test_a_heading_underlined_with_equals_signs_or_dashes_is_a_heading():
    """A conference system's text whose only Markdown is a heading underlined ("Abstract\\r\\n=======") is Markdown:
    the heading prints strong, no line of equals signs after it."""
    source = "Abstract\r\n=======\r\n\r\nTo help create visual effects.\r\n\r\nOutline\r\n-------\r\nIt runs."
    assert kind_of(source) == "markdown"
    assert to_markup(source) == "**Abstract**\n\nTo help create visual effects.\n\n**Outline**\n\nIt runs."
    assert kind_of("x\n==") == "plain"  # two signs under a letter: no heading


def test_code_holding_a_backtick_is_written_with_its_backticks_escaped():
    """Code a span cannot hold (a backtick in it) is plain text, its backticks escaped, so that none pairs with the
    next one (a fuzzing run: "Use ``a`b`` and `x = y`" printed "ab and" in the code font)."""
    written = to_markup("Use ``a`b`` and `x = y` and <code>c`d</code>.")
    assert written == "Use a\\`b and `x = y` and c\\`d."
    assert markup.inline(written) == 'Use a`b and <font name="Mono" size="-1">x = y</font> and c`d.'


def test_markdown_typed_in_a_text_box_keeps_its_typed_line_breaks_as_paragraphs():
    """An import review (debconf17 e249): a description typed in a form's text box, its paragraphs and headings
    ("What?", "Who?") a line break apart, was Markdown only for a list of "* " items further down, and Markdown ran
    its lines together: "What? Join us ... Who? Please note ... How? ... able to : *Learn about ... *Contribute"
    printed as one paragraph, with the stars. As in plain text, each typed line break between paragraphs is one, and
    "*Learn" lines are items; but a heading's underline, an emphasis left open over a line, an item's indented line,
    "*Note*" emphasis, link definitions and the lines of a text wrapped by hand (one ending "for") stay as they are."""
    long = "Join us to contribute to the new meals-on-wheels platform, developed with a non profit organisation."
    typed = (f"What?\n{long}\nWho?\nPeople who know Django.\nHow?\nParticipants will be able to :\n"
             "*Learn about a large Django application;\n*Contribute on project tasks\n"
             "Comment?\nLes participants pourront :\n* En apprendre sur Django\n* Discuter")
    assert markup.paragraphs(to_markup(typed)) == [
        "What?", long, "Who?", "People who know Django.", "How?", "Participants will be able to\u00a0:",
        "\u2013 Learn about a large Django application;", "\u2013 Contribute on project tasks", "Comment?",
        "Les participants pourront\u00a0:", "\u2013 En apprendre sur Django", "\u2013 Discuter"]
    kept = to_markup(f"Costs\n-----\n{long}\n_**Optional**: Bring your laptop if you want the software installed.\n"
                     f"It runs on Linux._\n*Note* one thing.\n*Also* another.\n- a table.\n  Indented, the table's.\n"
                     f"I will discuss application examples for\nGoogle Glass, see [the docs][1].\n\n"
                     f"[1]: https://x.org\n[2]: https://y.org")
    assert markup.paragraphs(kept) == [
        "<b>Costs</b>", long, "<b><i>Optional</i></b><i>: Bring your laptop if you want the software installed. It "
        "runs on Linux.</i>", "<i>Note</i> one thing.", "<i>Also</i> another.",
        "\u2013 a table. Indented, the table's.",
        "I will discuss application examples for Google Glass, see the docs (https://x.org).", "[2]: https://y.org"]


def test_a_markdown_link_whose_text_is_a_number_keeps_its_brackets():
    """An import review (debconf17 e63, europython2014 e57 and e79): a note's number linked to its address defined
    below ("Purism[1]" with "[1]: https://puri.sm/"), or "found at [1](http://...)", printed "Purism1 (https://...)"
    and "found at 1 (http://...)": the number ran into the word, or stood alone. Such a link keeps its brackets; a
    link of words, and HTML's link of a number ("Part <a>2</a>"), print as before."""
    assert to_markup("PureOS for Purism[1], I had the pleasure.\n\n[1]: https://puri.sm/") == \
        "PureOS for Purism[1] (https://puri.sm/), I had the pleasure."
    assert to_markup("Demos are at [1](http://youtu.be/a) and [2](http://youtu.be/b), see [Jedi][3].\n\n"
                     "[3]: https://jedi.org") == \
        "Demos are at [1] (http://youtu.be/a) and [2] (http://youtu.be/b), see Jedi (https://jedi.org)."
    assert to_markup('<p>Part <a href="https://a.org/2">2</a> of <b>it</b></p>') == "Part 2 (https://a.org/2) of **it**"


def test_a_reference_link_written_with_a_space_before_its_label_is_a_link():
    """An import review (europython2014 e45, e48): "[Blosc] [2]" with "[2]: http://www.blosc.org" below, a reference
    link as the first Markdown wrote it, printed "[Blosc] 2 (http://www.blosc.org)": CommonMark takes "[2]" alone for
    the link. Where the label is defined and the text is not, it is the link "Blosc (http://www.blosc.org)"."""
    assert to_markup("We introduce [Blosc] [2], a compressor, and [PyTables] [1].\n\n[1]: http://www.pytables.org\n"
                     "[2]: http://www.blosc.org") == \
        "We introduce Blosc (http://www.blosc.org), a compressor, and PyTables (http://www.pytables.org)."
    assert to_markup("Choose [a] [b] here.") == "Choose [a] [b] here."  # (no definition: brackets as typed)


@pytest.mark.parametrize("source, expected", [
    ("We show a result[^1] and **more**.\n\nSecond paragraph[^note].\n\n[^1]: Smith et al., 2020.\n"
     "[^note]: A *long* note\n    on two lines.",
     "We show a result\u00a0[1] and **more**.\n\nSecond paragraph\u00a0[2].\n\n[1] Smith et al., 2020.\n\n"
     "[2] A *long* note on two lines."),
    ("Plain text.[^b] Again.[^a]\n\n[^a]: First defined.\n[^b]: Named first.",
     "Plain text.\u00a0[1] Again.\u00a0[2]\n\n[1] Named first.\n\n[2] First defined."),
    ("See [the docs][1] and this[^1].\n\n[1]: https://example.org\n[^1]: A note.",
     "See the docs (https://example.org) and this\u00a0[1].\n\n[1] A note."),
    ("Undefined[^x] stays.", "Undefined[^x] stays."),
])
def test_markdown_footnotes_are_numbered_notes_at_the_end(source, expected):
    """An import review: Markdown's footnotes ('result[^1]', '[^1]: Smith et al., 2020.') printed as written, the
    definitions as literal lines. Each is a numbered note, its mark '[1]' in the text as a citation's, the notes
    paragraphs at the end in the order the text names them; a mark no note defines stays as written."""
    assert to_markup(source) == expected


@pytest.mark.parametrize("source, expected", [
    ('<p>A result<sup><a href="#fn1" id="fnref1">1</a></sup> and more<sup><a href="#fn2">2</a></sup>.</p>'
     '<ol class="footnotes"><li id="fn2"><p>Jones, <a href="https://doi.org/10.1/x">doi</a> <a href="#fnref2">↩</a>'
     '</p></li><li id="fn1"><p>Smith et al., 2020. <a href="#fnref1">↩</a></p></li></ol>',
     "A result\u00a0[1] and more\u00a0[2].\n\n[1] Smith et al., 2020.\n\n[2] Jones, doi (https://doi.org/10.1/x)"),
    ('<p>Text<a href="#fn1" class="footnote-ref" id="fnref1" role="doc-noteref"><sup>1</sup></a> ends.</p>'
     '<section class="footnotes footnotes-end-of-document" role="doc-endnotes"><hr /><ol><li id="fn1"><p>A note '
     'with <em>style</em>.<a href="#fnref1" class="footnote-back" role="doc-backlink">↩︎</a></p></li></ol></section>',
     "Text\u00a0[1] ends.\n\n[1] A note with *style*."),
    ('<p>Cited <sup id="r1"><a href="#n1">[1]</a></sup></p><ol><li id="n1">The note.</li></ol>',
     "Cited [1]\n\n[1] The note."),
    ('<p>See <a href="#intro">the intro</a>.</p><ol><li>one</li><li>two</li></ol>',
     "See the intro.\n\n1. one\n\n2. two"),
])
def test_html_footnotes_are_numbered_notes_at_the_end_as_markdown_s_are(source, expected):
    """An HTML abstract with footnotes (`result<sup><a href="#fn1">1</a></sup>` and `<ol class="footnotes">` at the
    end, as Markdown converters and editors write them) printed its mark as a bare '1' glued to the word and the
    notes as a numbered list, each with its '↩'. They are the notes Markdown's footnotes make: '[1]' in the text,
    numbered as the text names them, each note a paragraph at the end without its link back; a list that is no
    notes stays a list."""
    assert to_markup(source) == expected
