"""Hard but valid input -> a booklet that prints it as written: markup characters, huge text, odd images."""

from __future__ import annotations

import random
import re

import pytest
from PIL import Image

from booklet.build import build_booklet
from booklet.data.validate import read_booklet

from .helpers import write_conference
from .pdftext import Pdf, norm

WORDS = ("model prior sample likelihood galaxy survey noise bias inference posterior "
         "catalogue spectrum estimate redshift cluster variance").split()


def prose(words: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    sentences, count = [], 0
    while count < words:
        n = rng.randint(8, 18)
        sentences.append(" ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + ".")
        count += n
    paragraphs = [" ".join(sentences[i:i + 6]) for i in range(0, len(sentences), 6)]
    return "\n\n".join(paragraphs)


def one_talk(tmp_path, abstract_yaml: str, extra: dict | None = None) -> Pdf:
    files = {
        "abstracts.yaml": abstract_yaml,
        "programme.yaml": """\
            days:
              - date: 2027-09-13
                items:
                  - {time: "09:20-10:00", talk: t1}
                  - {time: "10:00-10:20", talk: t2}
            """,
        "tutorials.yaml": None,
        **(extra or {}),
    }
    folder = write_conference(tmp_path / "conf", files)
    out = tmp_path / "out.pdf"
    build_booklet(folder, out)
    return Pdf(out)


SECOND = """
- id: t2
  title: The talk after
  speaker: {name: Bo Jones}
  abstract: Short.
"""


def test_markup_characters_print_as_written(tmp_path):
    pdf = one_talk(tmp_path, r"""
- id: t1
  title: "<b>Not bold</b> & <i>not italic</i> > 3 \\ cost $5"
  speaker: {name: "A & B <Team>", affiliation: "R&D <Lab>"}
  abstract: |
    Text with <a href="x">no link</a>, &amp; as typed, ]]> and a stray $ sign, 50% of S/N < 5 & 2 > 1.
    A backslash \ here and an asterisk * there.
""" + SECOND)
    text = " ".join(" ".join(pdf.texts).split())
    for piece in ("<b>Not bold</b> & <i>not italic</i> > 3", "A & B <Team>", "R&D <Lab>",
                  '<a href="x">no link</a>', "&amp; as typed", "]]>", "stray $ sign", "S/N < 5 & 2 > 1",
                  "backslash \\ here"):
        assert piece in text, piece


def test_math_and_emphasis(tmp_path):
    pdf = one_talk(tmp_path, r"""
- id: t1
  title: 'H$\alpha$ maps at $z \sim 1$'
  speaker: {name: Ana Smith}
  abstract: 'A purity of $\sim 30\%$ with *care* and **force**; $u_{we}$ and $x^{2}$.'
""" + SECOND)
    text = "\n".join(pdf.texts)
    assert "Hα maps" in text
    assert "∼ 30%" in text
    assert "care" in text and "force" in text and "*" not in text.replace("* there", "")


def test_a_three_page_abstract_continues_and_the_next_starts_on_a_new_page(tmp_path):
    pdf = one_talk(tmp_path, f"""
- id: t1
  title: A very long abstract
  speaker: {{name: Ana Smith}}
  abstract: |
{_indent(prose(1500), 4)}
""" + SECOND)
    continued = pdf.pages_with("A very long abstract (continued)")
    first = continued[0] - 1
    nxt = pdf.pages_with("The talk after")[-1]
    assert nxt - first >= 3, (first, nxt)
    assert continued == list(range(first + 1, nxt))  # every continued page says what it continues,
    for index in continued:  # the first line laid out on the page (the running head is drawn last)
        assert pdf.lines(index)[0] == "A very long abstract (continued)", pdf.lines(index)[:3]
    assert "Short." in pdf.texts[nxt]
    programme = pdf.pages_with("The talk after")[1]  # [0]: the programme at a glance
    assert str(first + 1) in pdf.lines(programme)


def test_a_400_character_word_and_a_120_word_title(tmp_path):
    word = "x" * 400
    title = " ".join(["overlong"] * 120)
    url = "https://example.org/" + "a" * 380
    pdf = one_talk(tmp_path, f"""
- id: t1
  title: "{title}"
  speaker: {{name: "{'Name' * 100}", affiliation: "{url}"}}
  abstract: "Before {word} after, see {url}."
""" + SECOND)
    joined = "".join(pdf.norms)
    assert word in joined
    assert norm(title) in joined
    assert "before" in joined and "after" in joined


def test_a_speakers_affiliations_longer_than_two_pages_run_on_every_one_printed(tmp_path):
    # the affiliations are one paragraph, a line each; its part that runs on was split again taller than asked each
    # time, asked less and less until nothing was left: "internal error (LayoutError ... too large)"
    affiliations = ", ".join(f'"Institute number {i}"' for i in range(100))
    pdf = one_talk(tmp_path, f"""
- id: t1
  title: A talk of many institutes
  speaker: {{name: Ana Smith, affiliation: [{affiliations}]}}
  abstract: The text after the affiliations.
""" + SECOND)
    found = {int(n) for text in pdf.texts for n in re.findall(r"Institute number (\d+)", text)}
    assert found == set(range(100))
    pages = [i for i, text in enumerate(pdf.texts) if "Institute number" in text]
    assert len(pages) >= 3, pages
    assert pages[1:] == pdf.pages_with("A talk of many institutes (continued)")[:len(pages) - 1]
    assert pdf.pages_with("The text after the affiliations") == [pages[-1]]


def test_unbalanced_dollars_print_literally(tmp_path):
    pdf = one_talk(tmp_path, r"""
- id: t1
  title: "Costs $5 and $"
  speaker: {name: Ana Smith}
  abstract: "One $ two $$ three $x"
""" + SECOND)
    text = " ".join(" ".join(pdf.texts).split())
    assert "Costs $5 and $" in text
    assert "One $ two $$ three $x" in text


def photo_talks(*names: str) -> str:
    """abstracts.yaml: an invited talk "Photo NAME" for each image name, its speaker's photo images/NAME."""
    return "".join(f"""
- id: t{i}
  kind: invited
  title: Photo {name}
  speaker: {{name: Person {i}, photo: images/{name}}}
  abstract: Text.
""" for i, name in enumerate(names, start=1))


def test_cmyk_greyscale_16_bit_and_alpha_photos(tmp_path):
    folder = tmp_path / "conf"
    (folder / "images").mkdir(parents=True)
    Image.new("CMYK", (300, 375), (10, 200, 30, 0)).save(folder / "images/cmyk.jpg")
    Image.new("I;16", (300, 375), 40000).save(folder / "images/grey16.png")
    Image.new("LA", (300, 375), (90, 128)).save(folder / "images/alpha.png")
    pdf = one_talk(tmp_path, photo_talks("cmyk.jpg", "grey16.png", "alpha.png"))
    images = [img for page in pdf.reader.pages for img in page.images]
    assert len(images) >= 3
    assert pdf.pages_with("Photo cmyk.jpg")


def test_grey_photos_of_32_bit_numbers_print_in_their_greys(tmp_path):
    """A grey TIFF of 32-bit integers (Pillow's "I") or floats ("F"), whose file does not say its levels, prints in
    the greys its values reach: 79-192 as they are (scaled as a 16-bit image's, they printed black), floats of 0-1
    as fractions of white."""
    folder = tmp_path / "conf"
    (folder / "images").mkdir(parents=True)
    ints, floats = Image.new("I", (300, 375)), Image.new("F", (300, 375))
    ints.putdata([79 + (x * 113) // 299 for _ in range(375) for x in range(300)])
    floats.putdata([0.25 + x / 598 for _ in range(375) for x in range(300)])
    ints.save(folder / "images/ints.tif")
    floats.save(folder / "images/floats.tif")
    pdf = one_talk(tmp_path, photo_talks("ints.tif", "floats.tif"))
    for name, (low, high) in (("ints.tif", (79, 192)), ("floats.tif", (63, 191))):
        (image,) = [image for index in pdf.pages_with(f"Photo {name}") for image in pdf.reader.pages[index].images]
        found = image.image.convert("L").getextrema()
        assert abs(found[0] - low) <= 8 and abs(found[1] - high) <= 8, (name, found)


def t1_at_nine_twenty(tmp_path, files: dict):
    """A conference of `files` whose programme is abstract t1 at 09:20, without tutorials."""
    return write_conference(tmp_path / "conf", {**files, "tutorials.yaml": None, "programme.yaml": """\
        days:
          - date: 2027-09-13
            items:
              - {time: "09:20-10:00", talk: t1}
        """})


def test_cjk_and_emoji_give_a_warning_and_the_rest_prints(tmp_path):
    files = {"abstracts.yaml": """\
        - id: t1
          title: Talk
          speaker: {name: "Li Wei 😀", affiliation: Uni 李 A}
          abstract: Text.
        - id: t2
          title: Other
          speaker: {name: Bo}
        """}
    folder = t1_at_nine_twenty(tmp_path, files)
    _, warnings = read_booklet(folder)
    assert [str(w) for w in warnings] == [
        "abstracts.yaml:3: [0].speaker.name: warning: the booklet's fonts cannot print "
        "'😀' (U+1F600); left out: give theme.yaml's `fonts:` a font that has them",
        "abstracts.yaml:3: [0].speaker.affiliation: warning: the booklet's fonts cannot print "
        "'李' (U+674E); left out: give theme.yaml's `fonts:` a font that has them"
    ]  # (a name that would lose a letter is left out whole: test_a_name_losing_letters_..._is_left_out_whole)
    out = tmp_path / "b.pdf"
    build_booklet(folder, out)
    assert "Li Wei" in " ".join(Pdf(out).texts).replace("  ", " ") and "Uni A" in " ".join(Pdf(out).texts)


def test_a_paragraph_of_which_no_word_prints_leaves_no_punctuation_behind(tmp_path):
    """A tutorial's description `**会议**, 会议.` (CJK alone but its comma and stop; check warns that nothing of the
    text is left to print) printed a lone "." in a line of its own between the rule and "Presenter", as the
    unprintable-text fuzz found a lone "," on a tutorial page. A paragraph of which nothing but punctuation is left
    prints nothing, as the warning says; one with words left keeps them and their stops. An emoji sequence the fonts
    have a part of prints whole or not at all: 39C3's paragraph of a flag, "🏳️‍🌈", printed a white flag (its rainbow
    left out), and prints nothing; the warning names the sequence as written."""
    from .helpers import BASE

    tutorials = BASE["tutorials.yaml"].replace(
        "description: A course.", "description: \"**会议**, 会议.\\n\\nA course 会议!\\n\\n会议 (会议)!\\n\\n🏳️‍🌈\"")
    folder = write_conference(tmp_path / "c", {"tutorials.yaml": tutorials})
    _, warnings = read_booklet(folder)
    assert [str(w) for w in warnings] == [
        "tutorials.yaml:3: [0].description: warning: the booklet's fonts cannot print '会' (U+4F1A), '议' (U+8BAE), "
        "the sequence '🏳️\u200d🌈' (U+1F3F3 U+FE0F U+200D U+1F308); left out, each sequence whole: give theme.yaml's "
        "`fonts:` a font that has them"]
    pdf = Pdf(build_booklet(folder, tmp_path / "b.pdf").output)
    page = pdf.pages_with("Bayesian inference")[-1]
    lines = pdf.lines(page)
    assert lines[1:6] == ["TUTORIAL 1 · Monday 13 September · 14:00–17:00", "Bayesian inference", "A course!",
                          "Presenter", "Sven Oberg"]
    assert "\U0001F3F3" not in pdf.texts[page]  # (no white flag)


def test_a_word_left_out_between_two_stops_leaves_one(tmp_path):
    """A description `Real text. 会议.` printed "Real text..": the CJK left out, the stop after it stayed beside the one
    before it; so "A course, *会议*." printed "A course,." (across runs of two styles) and "Is it? **会议**?" "Is
    it??". What is left keeps one stop: the first of two, the stop after a comma, semicolon or colon."""
    from .helpers import BASE

    tutorials = BASE["tutorials.yaml"].replace(
        "description: A course.",
        "description: \"Real text. 会议.\\n\\nA course, *会议*. Next one; 会议!\\n\\nIs it? **会议**?\"")
    folder = write_conference(tmp_path / "c", {"tutorials.yaml": tutorials})
    pdf = Pdf(build_booklet(folder, tmp_path / "b.pdf").output)
    page = pdf.lines(pdf.pages_with("Bayesian inference")[-1])
    assert page[page.index("Bayesian inference") + 1:page.index("Presenter")] == [
        "Real text.", "A course. Next one!", "Is it?"]


def test_a_character_one_text_family_lacks_prints_in_the_other_in_the_style_around_it(tmp_path):
    """Gentium has the Roman numeral Ⅱ and Noto Sans has not; Noto Sans has the Cyrillic omega ѡ and Gentium has
    not; neither fallback font has them. Each prints, in the other family's face of the style around it (they
    were left out, with a warning)."""
    files = {"abstracts.yaml": """\
        - id: t1
          title: Phase Ⅱ of the ѡ survey
          speaker: {name: Ana Ѡ Lee}
          abstract: Phase Ⅱ, *phase Ⅲ* and **phase Ⅳ** of the old ѡ letter.
        """}
    folder = t1_at_nine_twenty(tmp_path, files)
    _, warnings = read_booklet(folder)
    assert [str(w) for w in warnings if "cannot print" in str(w)] == []
    out = tmp_path / "b.pdf"
    build_booklet(folder, out)
    pdf = Pdf(out)
    page = next(i for i, text in enumerate(pdf.texts) if "old ѡ letter" in text)
    text = " ".join(pdf.texts[page].split())
    for piece in ("Phase Ⅱ of the ѡ survey", "Ana Ѡ Lee", "Phase Ⅱ, phase Ⅲ and phase Ⅳ of the old ѡ letter."):
        assert piece in text, piece
    faces = {}

    def visit(text, cm, tm, font, size):
        for ch in "ⅡⅢⅣѡ":
            if ch in text:
                faces.setdefault(ch, set()).add(font["/BaseFont"].split("+")[-1])

    pdf.reader.pages[page].extract_text(visitor_text=visit)
    assert faces == {"Ⅱ": {"GentiumBookPlus", "GentiumBookPlus-Bold"},  # in the text; in the bold title
                     "Ⅲ": {"GentiumBookPlus-Italic"}, "Ⅳ": {"GentiumBookPlus-Bold"},
                     "ѡ": {"NotoSans-Regular", "NotoSans-Bold"}}


def test_many_parallel_tracks_and_a_long_session_never_overflow(tmp_path):
    talks = "".join(f"""
- id: p{i}
  title: Parallel talk number {i} with a rather long title that needs two lines
  speaker: {{name: Speaker {i}}}
  abstract: Text {i}.
""" for i in range(120))
    tracks = ",\n".join(
        "{session: Track %d, room: Room %d, items: [%s]}" % (
            t, t, ", ".join('{time: "%02d:%02d", talk: p%d}' % (9 + k // 3, (k % 3) * 20, t * 30 + k) for k in range(30)))
        for t in range(4)
    )
    pdf = one_talk(tmp_path, talks, {"programme.yaml": f"""\
        days:
          - date: 2027-09-13
            items:
              - parallel: [{tracks}]
        """})
    joined = "".join(pdf.norms)
    for i in range(120):
        assert norm(f"Parallel talk number {i} with") in joined


def _indent(text: str, spaces: int) -> str:
    return "\n".join(" " * spaces + line if line else "" for line in text.splitlines())


def test_a_text_longer_than_twenty_pages_is_an_error_at_its_key(tmp_path):
    """One paragraph of a million characters took minutes to lay out (ReportLab breaks a paragraph's lines again on
    each page it runs onto): a text holds at most TEXT_MAX characters, checked with the rest of the data; one at
    the limit is taken."""
    from booklet.check import check_folder
    from booklet.data.contract import TEXT_MAX
    from booklet.problems import DataError

    from .helpers import BASE, write_conference

    def with_text(length: int) -> str:
        return BASE["abstracts.yaml"].replace("abstract: Some text.", "abstract: " + ("word " * TEXT_MAX)[:length - 1]
                                              + "x")

    booklet, _ = check_folder(write_conference(tmp_path / "limit", {"abstracts.yaml": with_text(TEXT_MAX)}))
    assert len(booklet.abstracts[0].text) == TEXT_MAX
    with pytest.raises(DataError) as raised:
        check_folder(write_conference(tmp_path / "over", {"abstracts.yaml": with_text(TEXT_MAX + 1)}))
    assert [(p.file, p.line, p.key, p.message) for p in raised.value.errors] == [
        ("abstracts.yaml", 4, "[0].abstract", "too long: 100,001 characters, and a text holds at most 100,000 (some "
                                              "twenty pages; is a whole paper or a file pasted in?)")]


def test_a_word_of_thousands_of_letters_prints_every_letter_inside_the_margins(tmp_path):
    """A sequence pasted into an abstract, 3,000 letters of one word over two pages: it ran past the right edge
    from a page break on (1,800 letters on one line, most of them off the page). Every letter prints, inside the text
    block, broken with a hyphen at each line's end."""
    import pypdfium2 as pdfium

    word = "xjqz" * 750  # (letters no running head has)
    pdf = one_talk(tmp_path, f"""
- id: t1
  title: A long word
  speaker: {{name: Ana Smith}}
  abstract: "Here it is: {word} and the end."
""" + SECOND)
    document = pdfium.PdfDocument(str(pdf.path))
    letters = 0
    for index in range(len(document)):
        page = document[index]
        text = page.get_textpage()
        whole = text.get_text_range()
        if "xjqzxjqz" not in whole:
            continue
        runs = re.findall("[xjqz]+", re.sub("[-\r\n\u00ad\ufffe]", "", whole))  # (the lines' hyphens taken out)
        letters += max(map(len, runs))  # the page's part of the word
        right = max(text.get_charbox(i)[2] for i in range(text.count_chars()) if not whole[i].isspace())
        assert right <= page.get_width() - 10 * 72 / 25.4, index  # (A5's outer margin is wider than 10 mm)
    assert letters == len(word)
    assert "Here it is:" in " ".join(pdf.texts) and "and the end." in " ".join(pdf.texts)


def _lines_made(monkeypatch) -> list[int]:
    """How many lines each breaking of a paragraph's lines makes, from now on (text.paragraph._break_lines)."""
    from booklet.text import paragraph

    made, breaking = [], paragraph._break_lines

    def counted(para, width):
        lines = breaking(para, width)
        made.append(len(lines.lines))
        return lines

    monkeypatch.setattr(paragraph, "_break_lines", counted)
    return made


def _in_order(text: str, pieces: list[str]) -> bool:
    """Whether every one of `pieces` (normalised) is found in `text` (normalised), one after another."""
    at = 0
    for piece in pieces:
        at = text.find(norm(piece), at)
        if at < 0:
            return False
        at += len(norm(piece))
    return True


def test_a_byline_of_1600_authors_is_broken_into_lines_a_few_times_not_again_at_every_page(tmp_path, monkeypatch):
    """The names of 3,200 authors ran over 35 pages, and at each page ReportLab broke the lines of what was left of
    them again (with the pages' fits tried, several times). The part split off keeps the lines the whole was
    broken into. Counted: all the lines made, by every breaking in the build, are a few times the byline's (before:
    18 times its 609 lines, growing with every page); every name prints, in order."""
    names = [f"Author{i} Family{i}" for i in range(1600)]
    authors = "".join(f"    - {{name: {name}, affiliation: Uni {i % 50}}}\n" for i, name in enumerate(names))
    made = _lines_made(monkeypatch)
    pdf = one_talk(tmp_path, f"- id: t1\n  title: Many authors\n  authors:\n{authors}  abstract: Text.\n" + SECOND)
    assert max(made) > 500  # (the byline, over some 16 pages)
    assert sum(made) <= 8 * max(made), (sum(made), max(made))
    pages = pdf.pages_with("Many authors (continued)")
    assert len(pages) >= 15 and _in_order("".join(pdf.norms[pages[0] - 1:pages[-1] + 1]), names)


def test_a_word_of_40000_letters_is_broken_into_lines_a_few_times_not_again_at_every_page(tmp_path, monkeypatch):
    """A word of 80,000 letters ran over 26 pages, broken into lines again at every page, and each time all that
    was left of it: the part split off keeps the lines the whole was broken into. Counted as for a long
    byline (before: 18 times the word's 501 lines); every letter prints."""
    word = "xjqz" * 10000
    made = _lines_made(monkeypatch)
    pdf = one_talk(tmp_path, f"""
- id: t1
  title: A long word
  speaker: {{name: Ana Smith}}
  abstract: "Here it is: {word} and the end."
""" + SECOND)
    assert max(made) > 400
    assert sum(made) <= 10 * max(made), (sum(made), max(made))  # (each whole breaking done twice: a final hyphen)
    parts = [max(re.findall("[xjqz]+", re.sub("[-\r\n\u00ad\ufffe]", "", text)), key=len)
             for text in pdf.texts if "xjqzxjqz" in text]  # (each page's part of the word, its lines' hyphens out)
    assert "".join(parts) == word


def test_3200_authors_of_one_name_are_not_compared_with_each_other_to_know_who_presents(tmp_path, monkeypatch):
    """3,200 authors all named alike, some presenting: whether each presents was asked against the whole list (each
    author compared with every one marked presenting, field by field, the names alike). Found once for the list:
    400 such authors compare no two people (before: 119,800 comparisons), and each name prints, the presenting ones
    explained as underlined."""
    from booklet.model import Person

    compared = []
    equal = Person.__eq__
    monkeypatch.setattr(Person, "__eq__", lambda one, other: compared.append(1) or equal(one, other))
    authors = "".join(f"    - {{name: Ana Smith, affiliation: Uni {i}, presenting: {str(i % 2 == 1).lower()}}}\n"
                      for i in range(400))
    pdf = one_talk(tmp_path, f"- id: t1\n  title: Many authors\n  authors:\n{authors}  abstract: Text.\n" + SECOND)
    assert len(compared) < 400, len(compared)
    continued = pdf.pages_with("Many authors (continued)")
    abstract = range(continued[0] - 1, continued[-1] + 1)
    assert pdf.pages_with("Presenting author underlined.") == [abstract[-1]]
    assert sum(pdf.norms[i].count(norm("Ana Smith")) for i in abstract) == 400
