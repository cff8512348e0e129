"""Titles as a typesetter breaks them: a word of one letter ("a", "A", "I") never ends a title's line; it goes to
the next line with the word it belongs to."""

from __future__ import annotations

import pypdfium2 as pdfium

from booklet.build import build_booklet
from booklet.text import markup
from .helpers import BASE, write_conference

NBSP = "\u00a0"
# set on an A5 abstract page (and a tutorial's), the first line of this title ends with its "a" when the space after
# it is an ordinary one
TITLE = "Evidence estimation in high dimensions: a benchmark"


def test_a_one_letter_word_is_tied_to_the_next():
    assert markup.title(TITLE) == f"Evidence estimation in high dimensions: a{NBSP}benchmark"
    assert markup.title("Why I left: A *new* way") == f"Why I{NBSP}left: A{NBSP}<i>new</i>{NBSP}way"  # (and a runt)
    assert markup.title("half *a* century") == f"half <i>a</i>{NBSP}century"  # (the word in tags of its own)
    assert markup.inline(TITLE) == TITLE  # other text is as it was


def test_a_short_last_word_goes_to_its_line_with_the_word_before_it():
    """A typesetter's review: programme titles of two lines ended on a word alone ("... in the Galactic / disc",
    "... astronomy and / statistics"); a last word of RUNT letters at most is tied to the one before it, when the two
    are at most PAIR letters together."""
    assert markup.title("the metallicity gradient in the Galactic disc").endswith(f"the Galactic{NBSP}disc")
    assert markup.title("noise: a century of astronomy and statistics").endswith(f"astronomy and{NBSP}statistics")
    assert markup.title("Models of the *stellar* *halo*") == f"Models of the <i>stellar</i>{NBSP}<i>halo</i>"
    assert markup.title("a catalogue of spectroscopically-characterised binaries").endswith(" binaries")  # too long
    assert markup.title("Two words") == "Two words"  # (the whole title would be one word)


def test_what_is_not_tied():
    assert markup.title("Plan B") == f"Plan{NBSP}B"  # (a letter that ends it: see below)
    assert markup.title("in 3 steps, 2 a day") == f"in 3 steps, 2 a{NBSP}day"  # a digit is no word
    assert markup.title("e.g. x y") == f"e.g. x{NBSP}y"  # "e.g." is not one letter
    # a run of one-letter words is not tied into one unbreakable word: only its last to the word after it
    assert markup.title("a b c d words") == f"a b c d{NBSP}words"


def test_a_title_differs_from_inline_markup_only_by_no_break_spaces():
    for text in (TITLE, "a $x + y$ test", "$a b$ c d", "*a* b and **I** do", "Ελληνικά a β γ", "日本 a 語",
                 "a  \t b", "x_{a b} a", "a < b & c > d", "I"):
        assert markup.title(text).replace(NBSP, " ") == markup.inline(text).replace(NBSP, " "), text


def _title_lines(tmp_path, abstract_title: str, tutorial_title: str) -> tuple[list[str], list[str]]:
    abstracts = BASE["abstracts.yaml"].replace("title: A talk about Lund", f'title: "{abstract_title}"')
    tutorials = BASE["tutorials.yaml"].replace("title: Bayesian inference", f'title: "{tutorial_title}"')
    data = write_conference(tmp_path / "conf", {"abstracts.yaml": abstracts, "tutorials.yaml": tutorials})
    out = tmp_path / "b.pdf"
    build_booklet(data, out)
    pdf = pdfium.PdfDocument(str(out))
    pages = [pdf[i].get_textpage().get_text_range().splitlines() for i in range(len(pdf))]

    def after(label: str) -> list[str]:  # (the label first, or under the section's name)
        lines = next(p for p in pages if p and any(line.startswith(label) for line in p[:2]))
        at = next(n for n, line in enumerate(lines) if line.startswith(label))
        return lines[at + 1:at + 3]

    return after("CONTRIBUTED TALK"), after("TUTORIAL 1")


def test_a_title_line_never_ends_with_a_one_letter_word(tmp_path):
    abstract, tutorial = _title_lines(tmp_path, TITLE, TITLE)
    for lines in (abstract, tutorial):
        assert lines == ["Evidence estimation in high dimensions:", "a benchmark"]


def test_a_long_word_after_a_one_letter_word_stays_inside_the_margin(tmp_path):
    long = "pneumonoultramicroscopicsilicovolcanoconiosis" * 2
    data = write_conference(tmp_path / "conf", {"abstracts.yaml": BASE["abstracts.yaml"].replace(
        "title: A talk about Lund", f'title: "Something a {long} here"')})
    out = tmp_path / "b.pdf"
    build_booklet(data, out)
    pdf = pdfium.PdfDocument(str(out))
    for index in range(len(pdf)):
        page = pdf[index]
        text = page.get_textpage()
        whole = text.get_text_range()
        if "Something a" not in whole:
            continue
        right = max(text.get_charbox(i)[2] for i in range(text.count_chars()) if not whole[i].isspace())
        assert right <= page.get_width() - 10 * 72 / 25.4  # inside the outer margin (at least 10 mm on A5)


def test_a_number_that_ends_a_title_stays_with_the_word_before_it():
    """The glance's list of parallel sessions broke "Cosmological Inference / II" and "Gravitational Waves / I": a
    Roman numeral, a number of up to three digits or a letter that ends a title is tied to the word before it."""
    assert markup.title("Cosmological Inference II") == f"Cosmological Inference{NBSP}II"
    assert markup.title("*Stellar Populations* IV") == f"<i>Stellar Populations</i>{NBSP}IV"
    assert markup.title("Spectroscopy *II*") == f"Spectroscopy{NBSP}<i>II</i>"
    assert markup.title("Session 3") == f"Session{NBSP}3"
    assert markup.title("Welcome 2027") == "Welcome 2027"  # a year is a word of its own
    assert markup.title("Data Pipelines") == "Data Pipelines"


def test_the_glance_never_starts_a_line_with_a_sessions_number(tmp_path):
    sessions = [f"{name} {number}" for name in ("Gravitational Waves", "Cosmological Inference", "Radio Astronomy",
                                                "Small Bodies") for number in ("I", "II", "III")]
    talks = "".join(f"- id: t{n}\n  title: Talk {n}\n  speaker: {{name: Ana Smith{n}}}\n  abstract: Text.\n"
                    for n in range(len(sessions)))
    parallel = "".join(f"""
                      - session: {name}
                        items:
                          - {{time: "10:30-11:00", talk: t{n}}}""" for n, name in enumerate(sessions))
    programme = f"""
        days:
          - date: 2027-09-13
            items:
              - {{time: "09:20-10:00", talk: lund-2026}}
              - {{time: "10:00-10:30", talk: okafor}}
              - parallel:{parallel}
              - {{time: "14:00-17:00", tutorial: bayes-intro}}
        """
    data = write_conference(tmp_path / "conf", {"abstracts.yaml": BASE["abstracts.yaml"] + talks,
                                                "programme.yaml": programme})
    out = tmp_path / "b.pdf"
    build_booklet(data, out)
    pdf = pdfium.PdfDocument(str(out))
    glance = next(pdf[i].get_textpage().get_text_range() for i in range(len(pdf))
                  if pdf[i].get_textpage().get_text_range().startswith("Programme at a glance"))
    assert "PARALLEL SESSIONS" in glance
    lines = [line.strip() for line in glance.splitlines()]
    assert not [line for line in lines if line.split(" ")[0] in ("I", "II", "III")], lines


def test_a_tied_pair_wider_than_the_line_is_untied_not_cut_without_a_hyphen():
    """A review of 31C3 on letter paper (four parallel tracks side by side, cells about 30 mm wide): a title's last
    two words, tied (markup.title), were one word wider than the cell, which ReportLab cut where the line ended, with
    no hyphen: "Das Transparenzpor / tal Hamburg", "The Cloud Conspirac / y 2008-2014". Untied there, each word goes
    whole onto a line; a pair that fits stays tied."""
    from booklet.layout.flowables import Para
    from booklet.layout.page import page_for
    from booklet.layout.styles import make_styles
    from booklet.text.fonts import use_fonts
    from booklet.text.paragraph import line_text

    use_fonts()
    style = make_styles(page_for("letter")).row_title

    def lines(title: str, width: float) -> list[str]:
        para = Para(markup.title(title), style)
        para.wrap(width, 1000)
        return [line_text(line).replace(NBSP, " ") for line in para.blPara.lines]

    assert lines("Das Transparenzportal Hamburg", 84) == ["Das", "Transparenzportal", "Hamburg"]
    assert lines("The Cloud Conspiracy 2008-2014", 90) == ["The Cloud", "Conspiracy", "2008-2014"]
    assert lines("Code Pointer Integrity", 90) == ["Code", "Pointer Integrity"]  # (the pair fits: still tied)
    assert lines("Das Transparenzportal Hamburg", 200) == ["Das Transparenzportal Hamburg"]


def _four_rooms_page(tmp_path, titles: list[str], page_size: str, german_first: bool = False) -> str:
    """The text of the programme page of a booklet whose one slot has four talks of `titles` side by side, in rooms
    0-3 (the first talk in German, `german_first`)."""
    talks = "".join(f"- id: p{n}\n  title: {t}\n  speaker: {{name: Ana Smith{n}}}\n  abstract: Text.\n"
                    + ("  language: de\n" if german_first and n == 0 else "") for n, t in enumerate(titles))
    parallel = "".join(f"""
                      - session: Room {n}
                        items:
                          - {{time: "16:00-17:00", talk: p{n}}}""" for n in range(4))
    programme = f"""
        days:
          - date: 2027-09-13
            items:
              - {{time: "09:20-10:00", talk: lund-2026}}
              - parallel:{parallel}
        """
    data = write_conference(tmp_path / "conf", {"abstracts.yaml": BASE["abstracts.yaml"] + talks,
                                                "programme.yaml": programme})
    out = tmp_path / "b.pdf"
    build_booklet(data, out, page_size=page_size)
    pdf = pdfium.PdfDocument(str(out))
    return next(pdf[i].get_textpage().get_text_range() for i in range(len(pdf))
                if "Room 3" in pdf[i].get_textpage().get_text_range())


def test_a_tie_yields_where_it_would_leave_a_short_word_alone_on_a_line(tmp_path):
    """A typographer's review of 31C3 on A4 (four parallel tracks side by side): a cell read "Information Control /
    and / Strategic Violence", the title's last two words tied (markup.title) and "and" left alone on its line.
    The tie yields there: "Information Control / and Strategic / Violence"; where no short word is left alone, it
    holds ("Information Control and / Strategic Violence" in a wider cell). (On the page, a title made longer since
    a cell's title runs under its page number, the cell's whole width: "... and Strategic Counterinsurgency".)"""
    title = "Information Control and Strategic Violence"
    page = _four_rooms_page(tmp_path, ["Information Controlling and Strategic Counterinsurgency", "Tor", "Lightning",
                                       "Making"], "A4")
    lines = [line.strip() for line in page.replace(NBSP, " ").splitlines()]
    at = lines.index("Information Controlling")
    assert lines[at:at + 3] == ["Information Controlling", "and Strategic", "Counterinsurgency"], lines
    assert "and" not in lines

    from booklet.layout.flowables import Para
    from booklet.layout.page import page_for
    from booklet.layout.styles import make_styles
    from booklet.text.paragraph import line_text

    style = make_styles(page_for("A4")).row_title

    def broken(text: str, width: float) -> list[str]:
        para = Para(markup.title(text), style)
        para.wrap(width, 1000)
        return [line_text(line).strip() for line in para.blPara.lines]

    assert broken(title, 110) == ["Information Control and", f"Strategic{NBSP}Violence"]  # (held: nothing alone)
    assert broken("Reconstructing half a century of data", 90) == ["Reconstructing half",
                                                                   f"a{NBSP}century of{NBSP}data"]


def test_a_body_paragraph_s_held_spaces_hold_though_a_short_word_ends_it():
    """The tie that yields where it leaves a short word alone is a title's: a paragraph of text keeps every space it
    holds ("5 nm", "Dr Smith", "op. 64") though its last line is a short word alone."""
    from booklet.layout.flowables import Para
    from booklet.layout.page import page_for
    from booklet.layout.styles import make_styles
    from booklet.text.paragraph import line_text

    styles = make_styles(page_for("A5"))

    def broken(text: str, style, width: float) -> list[str]:
        para = Para(text, style)
        para.wrap(width, 1000)
        return [line_text(line).strip() for line in para.blPara.lines]

    assert broken(markup.inline("We measure at 5 nm and 10 km as Dr Smith said in op. 64, and so on to it."),
                  styles.body, 147) == [f"We measure at 5{NBSP}nm and 10{NBSP}km as",
                                        f"Dr{NBSP}Smith said in op.{NBSP}64, and so on to", "it."]


def test_a_word_wider_than_a_cell_is_hyphenated_not_cut_where_the_line_ends(tmp_path):
    """A typographer's review of 31C3 on letter paper (four tracks side by side): titles hyphenate nothing, and a word
    wider than the whole cell was cut where the line ended, without a hyphen: "diesen Freihandelsabk" / "ommen",
    "Exploiting the Intern" / "et-of-TR-069-Things". Such a word is hyphenated by its language's patterns (the
    abstract's: German here), as a hyphenating paragraph's is; other words of titles are never hyphenated. (The
    words made longer since a cell's title runs under its page number, the cell's whole width.)"""
    titles = ["Deine Rechte sind in diesen Freihandelsabkommensverhandlungen nicht verfügbar",
              "Too Many Cooks – Exploiting the Internet-of-TR-069-and-TR-181-Things", "Tor", "Making"]
    page = _four_rooms_page(tmp_path, titles, "letter", german_first=True)
    # (pdfium gives a hyphen a line ends with as U+FFFE, the line's end joined)
    lines = [line.strip() for line in page.replace(NBSP, " ").replace("\ufffe", "-\n").splitlines()]
    at = lines.index("Deine Rechte sind in diesen")
    assert lines[at + 1:at + 3] == ["Freihandelsabkommensver-", "handlungen nicht verfügbar"], lines  # (-ver-hand-)
    at = lines.index("Too Many Cooks –")
    assert lines[at + 1:at + 3] == ["Exploiting the Internet-of-", "TR-069-and-TR-181-Things"], lines


def test_a_title_s_tie_that_yields_leaves_the_spaces_its_words_hold():
    """A review: where a title's tie yielded (a short word alone on a line), every no-break space of the title was
    made an ordinary one, those its text holds as any text's too, so that a narrow cell read "Imaging 10" / "nm
    Pores", "Holes of 5" / "nm in a". Only the title's own ties yield (a word of one letter's, its last words')."""
    from booklet.layout.flowables import Para
    from booklet.layout.page import page_for
    from booklet.layout.styles import make_styles
    from booklet.text.paragraph import line_text

    style = make_styles(page_for("A4")).row_title

    def broken(text: str, width: float) -> list[str]:
        para = Para(markup.title(text), style)
        para.wrap(width, 1000)
        return [line_text(line).strip() for line in para.blPara.lines]

    assert broken("Holes of 5 nm in a Film and Wafers", 41) == ["Holes of", f"5{NBSP}nm in a", "Film and", "Wafers"]
    assert broken("Imaging 10 nm Pores of Membranes in Water", 47) == [
        "Imaging", f"10{NBSP}nm", "Pores of", "Mem-", "branes", f"in{NBSP}Water"]


def test_a_relation_sign_in_a_title_never_starts_a_line():
    """Hard Probes 2026 (A5), poster 32: "Measurements of the Two-Point Energy Correlator in pp Collisions at √s /
    = 510 GeV", a line began with "=". A line breaks after a relation, never before it: the space before a relation
    sign standing alone in a title's text ("=", "<", ">", "≤", ...) is a no-break space. Set at every width from
    narrow to wide (a point wider at each step), no line starts with it."""
    from booklet.layout.flowables import Para
    from booklet.layout.page import page_for
    from booklet.layout.styles import make_styles
    from booklet.text.fonts import register_fonts
    from booklet.text.paragraph import line_text

    register_fonts()
    title = "Measurements of the Two-Point Energy Correlator in pp Collisions at $\\sqrt{s}$ = 510 GeV"
    style = make_styles(page_for("A5")).title
    broken = set()
    for width in range(120, 330):
        para = Para(markup.title(title, bold=True), style)
        para.wrap(width, 1000)
        lines = [line_text(line) for line in para.blPara.lines]
        assert not any(line.lstrip().startswith("=") for line in lines), (width, lines)
        broken.add(len(lines))
    assert len(broken) > 1  # (set in lines of every length: the break fell everywhere)
    assert markup.title("Collisions at $\\sqrt{s}$ = 510 GeV").endswith(f"</i></mrad></mroot>{NBSP}={NBSP}510{NBSP}GeV")
    assert markup.title("where S/N < 5 holds true").startswith(f"where S/N{NBSP}&lt;{NBSP}5 ")
    assert "bb =&gt; cc and xx=yy here" in markup.title("Rules bb => cc and xx=yy here for the longer cases")  # (none)


def test_a_title_of_two_lines_breaks_after_its_colon_or_dash_where_that_takes_no_line_more():
    """A typesetter's review: titles with a colon broke anywhere, "Seeing through the noise: half / a century of
    astronomy and statistics" (the sample's programme, p. 6), "Messenger Hacking: Remotely Compromising an iPhone /
    through iMessage" (36C3); a title's line ends at its colon where the title then takes no line more ("... noise: /
    half a century ..."), in a heading's style (the abstract's) as in a programme line's. Where it would take one more
    (a narrow measure), or the colon ends no line but the last, the title is broken as before; body text (not a
    title's style) is not broken so."""
    from booklet.layout.flowables import Para
    from booklet.layout.page import page_for
    from booklet.layout.styles import make_styles
    from booklet.text.fonts import register_fonts
    from booklet.text.paragraph import line_text

    register_fonts()
    styles = make_styles(page_for("A5"))

    def lines(title: str, style, width: float) -> list[str]:
        para = Para(markup.title(title, bold=style.fontName.endswith("Bold")), style)
        para.wrap(width, 1000)
        return [line_text(line).replace(NBSP, " ").strip() for line in para.blPara.lines]

    noise = "Seeing through the noise: half a century of astronomy and statistics"
    assert lines(noise, styles.row_title, 220) == [
        "Seeing through the noise:", "half a century of astronomy and statistics"]
    assert lines(noise, styles.title, 334) == [
        "Seeing through the noise:", "half a century of astronomy and statistics"]
    # (beside a photograph: "half a century of astronomy and statistics" takes a line more, so broken as it was)
    assert lines(noise, styles.title, 260) == [
        "Seeing through the noise: half", "a century of astronomy and statistics"]
    messenger = "Messenger Hacking: Remotely Compromising an iPhone through iMessage"
    assert lines(messenger, styles.row_title, 220) == [
        "Messenger Hacking:", "Remotely Compromising an iPhone through iMessage"]
    assert lines(messenger, styles.row_title, 600) == [messenger]  # (one line: as it was)
    # a spaced dash ends a title's main part as a colon does (39C3: "... Kitchen – Die Wissenschaft des / guten
    # Geschmacks"), the dash at the line's end
    kitchen = "Unnecessarily Complicated Kitchen \u2013 Die Wissenschaft des guten Geschmacks"
    assert lines(kitchen, styles.row_title, 250) == [
        "Unnecessarily Complicated Kitchen \u2013", "Die Wissenschaft des guten Geschmacks"]
    para = Para(noise, styles.text)
    para.wrap(220, 1000)
    assert [line_text(line).strip() for line in para.blPara.lines][0] != "Seeing through the noise:"


def test_a_french_title_breaks_after_its_spaced_colon_and_no_title_inside_a_range_of_years():
    """French sets a no-break space before a colon ("le bruit : un demi-siècle"): the title breaks after it as after an
    English one; a spaced dash between two numbers is a range ("1950 – 2000"), no title's main part, and the title is
    not broken inside it ("Die Jahre 1950 – / 2000 der ..." where it was "... 1950 – 2000 der / ...")."""
    from booklet.layout.flowables import Para
    from booklet.layout.page import page_for
    from booklet.layout.styles import make_styles
    from booklet.text.fonts import register_fonts
    from booklet.text.paragraph import line_text

    register_fonts()
    styles = make_styles(page_for("A5"))

    def lines(title: str, width: float) -> list[str]:
        para = Para(markup.title(title), styles.row_title)
        para.wrap(width, 1000)
        return [line_text(line).replace(NBSP, " ").strip() for line in para.blPara.lines]

    assert lines("Voir à travers le bruit : un demi-siècle d’astronomie et de statistique", 220) == [
        "Voir à travers le bruit :", "un demi-siècle d’astronomie et de statistique"]
    assert lines("Die Jahre 1950 \u2013 2000 der Teilchenphysik in Europa und der Welt von heute", 120) == [
        "Die Jahre 1950 \u2013 2000 der", "Teilchenphysik in Europa und", "der Welt von heute"]
