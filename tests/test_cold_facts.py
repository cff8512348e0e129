"""What a build starting from the disk cache no longer makes again: names' collation keys and dates (the
"facts" kept with the data folder's layouts: cache.persisted.fact), where the glance cut a box's text, and
the ReportLab reader of an image drawn from its kept XObject. Each kept value follows an edit of what it is
keyed on, and the PDF is byte for byte the PDF of a build without the cache."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from booklet.build import build_booklet
from booklet.cache import BuildCache, memory, persisted
from booklet.layout import glance
from booklet.text import names

from .helpers import BASE, write_conference
from .pdftext import Pdf
from .test_glance import week


def _cold(folder, path, monkeypatch) -> bytes:
    monkeypatch.setenv("BOOKLET_CACHE", "off")
    build_booklet(folder, path, cache=BuildCache(warm=False))
    return path.read_bytes()


def _kept(folder, path, cache, monkeypatch) -> bytes:
    """A build as the CLI's: no cache of its own, so it starts from what the folder's builds kept on disk."""
    monkeypatch.setenv("BOOKLET_CACHE", str(cache))
    names._levels.cache_clear()  # what this process sorted before: asked of the build's cache again
    build_booklet(folder, path)
    return path.read_bytes()


@pytest.fixture
def counted(monkeypatch):
    """How often the collation table and babel's dates were asked (from a kept answer: not at all)."""
    import babel.dates

    made = {"levels": 0, "dates": 0}
    levels, format_date = names._made_levels, babel.dates.format_date

    def counting_levels(text):
        made["levels"] += 1
        return levels(text)

    def counting_dates(*args, **kwargs):
        made["dates"] += 1
        return format_date(*args, **kwargs)

    monkeypatch.setattr(names, "_made_levels", counting_levels)
    monkeypatch.setattr(babel.dates, "format_date", counting_dates)
    return made


def test_names_and_dates_are_kept_on_disk_and_follow_an_edit(tmp_path, monkeypatch, counted):
    folder = write_conference(tmp_path / "conf")
    cache = tmp_path / "cache"
    first = _kept(folder, tmp_path / "first.pdf", cache, monkeypatch)
    assert first == _cold(folder, tmp_path / "cold.pdf", monkeypatch)
    assert counted["levels"] and counted["dates"]
    counted.update(levels=0, dates=0)
    assert _kept(folder, tmp_path / "again.pdf", cache, monkeypatch) == first
    assert counted == {"levels": 0, "dates": 0}  # every name's key and every date as kept

    # a new name, and the conference a day longer (every date of the programme days, the cover's range)
    (folder / "abstracts.yaml").write_text(BASE["abstracts.yaml"].replace("Bo Jones", "Åsa Öberg-Lindqvist"),
                                           encoding="utf-8")
    (folder / "conference.yaml").write_text(BASE["conference.yaml"].replace("2027-09-14", "2027-09-15"),
                                            encoding="utf-8")
    (folder / "programme.yaml").write_text(BASE["programme.yaml"].replace("2027-09-13", "2027-09-14"),
                                           encoding="utf-8")
    edited = _kept(folder, tmp_path / "edited.pdf", cache, monkeypatch)
    assert counted["levels"] and counted["dates"]  # the new name and dates asked of pyuca and babel
    assert edited == _cold(folder, tmp_path / "edited-cold.pdf", monkeypatch) != first
    pdf = Pdf(tmp_path / "edited.pdf")
    assert pdf.pages_with("Åsa Öberg-Lindqvist") and pdf.pages_with("Tuesday 14 September")
    assert not pdf.pages_with("Monday 13 September")


def test_kept_facts_are_not_used_for_another_version_of_the_library(tmp_path, monkeypatch, counted):
    folder = write_conference(tmp_path / "conf")
    cache = tmp_path / "cache"
    first = _kept(folder, tmp_path / "first.pdf", cache, monkeypatch)
    counted.update(levels=0, dates=0)
    # kept under babel's and pyuca's files as they were: another install of either asks it again
    monkeypatch.setattr(persisted, "library_files", lambda name: f"another {name}")
    assert _kept(folder, tmp_path / "other.pdf", cache, monkeypatch) == first
    assert counted["levels"] and counted["dates"]


def test_a_library_is_known_by_its_files(tmp_path, monkeypatch):
    package = tmp_path / "lib" / "fakelib"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("VERSION = 1\n")
    (package / "table.txt").write_text("a b\n")
    monkeypatch.syspath_prepend(str(tmp_path / "lib"))
    persisted.library_files.cache_clear()
    try:
        before = persisted.library_files("fakelib")
        assert before and persisted.library_files("nolib_at_all") == ""
        (package / "table.txt").write_text("a b c\n")  # its data changed (another size)
        persisted.library_files.cache_clear()
        assert persisted.library_files("fakelib") not in ("", before)
    finally:
        persisted.library_files.cache_clear()


def test_a_fact_outside_a_build_is_made_and_inside_kept():
    calls = []
    answer = lambda: calls.append(1) or "x"  # noqa: E731
    assert persisted.fact("k", "babel", (1,), answer) == "x" and persisted.fact("k", "babel", (1,), answer) == "x"
    assert len(calls) == 2
    with memory.using(BuildCache(warm=False)):
        assert [persisted.fact("k", "babel", (1,), answer) for _ in range(3)] == ["x"] * 3
    assert len(calls) == 3


def test_where_the_glance_cut_a_text_is_kept_and_follows_an_edit(tmp_path, monkeypatch):
    folder = write_conference(tmp_path / "conf", week(rooms=3, days=2))
    cache = tmp_path / "cache"
    searched = []
    searching = glance._last_fitting
    monkeypatch.setattr(glance, "_last_fitting", lambda *args: searched.append(1) or searching(*args))
    first = _kept(folder, tmp_path / "first.pdf", cache, monkeypatch)
    assert searched  # long titles cut in their boxes
    assert first == _cold(folder, tmp_path / "cold.pdf", monkeypatch)
    searched.clear()
    assert _kept(folder, tmp_path / "again.pdf", cache, monkeypatch) == first and searched == []
    abstracts = (folder / "abstracts.yaml").read_text(encoding="utf-8")
    (folder / "abstracts.yaml").write_text(abstracts.replace("Talk003 on a very long title", "Talk003 on a longer "
                                                             "and quite different title", 1), encoding="utf-8")
    edited = _kept(folder, tmp_path / "edited.pdf", cache, monkeypatch)
    assert searched  # the edited title cut anew
    assert edited == _cold(folder, tmp_path / "edited-cold.pdf", monkeypatch) != first
    # another page size: other widths, other cuts, from the same cache folder
    monkeypatch.setenv("BOOKLET_CACHE", str(cache))
    build_booklet(folder, tmp_path / "a4.pdf", page_size="A4")
    monkeypatch.setenv("BOOKLET_CACHE", "off")
    build_booklet(folder, tmp_path / "a4-cold.pdf", page_size="A4", cache=BuildCache(warm=False))
    assert (tmp_path / "a4.pdf").read_bytes() == (tmp_path / "a4-cold.pdf").read_bytes()


@pytest.mark.parametrize("lines", [1, 2])
def test_a_kept_cut_is_the_cut_the_search_finds(lines):
    """truncated() from a cache that kept where it cut gives the paragraph the search gives, line for line."""
    from booklet.layout.styles import make_styles  # noqa: F401  (the fonts registered as in a build)
    from booklet.text.fonts import register_fonts
    from reportlab.lib.styles import ParagraphStyle

    register_fonts()
    style = ParagraphStyle("box", fontName="Sans", fontSize=6.5, leading=7.5)
    texts = ["<b>Hierarchical models of selection effects in surveys of the sky</b>",
             "Supercalifragilisticexpialidocious", "<i>Ana Smith, Bo Jones, Chiamaka Okafor</i>", "ab"]

    def lines_of(para):
        return None if para is None else [" ".join(w if isinstance(w, str) else w.text for w in getattr(
            line, "words", [])) or repr(line) for line in para.blPara.lines]

    for width in (20, 31.5, 55):
        for text in texts:
            plain = lines_of(glance.truncated(text, style, width, lines))
            cache = BuildCache(warm=True)
            with memory.using(cache):
                searched = lines_of(glance.truncated(text, style, width, lines))
            with memory.using(cache):
                kept = lines_of(glance.truncated(text, style, width, lines))
            assert plain == searched == kept, (text, width)


def test_an_image_drawn_from_its_kept_xobject_is_never_opened_and_its_reader_is_reportlabs(tmp_path,
                                                                                          monkeypatch):
    from reportlab.lib.utils import ImageReader

    from booklet import images

    buffer = io.BytesIO()
    Image.radial_gradient("L").convert("RGB").save(buffer, "JPEG", quality=90)
    logo = Image.new("RGBA", (40, 30), (0, 0, 0, 0))
    logo.paste((200, 30, 30, 255), (5, 5, 30, 20))
    for printable in (images.Printable(256, 256, "JPEG", buffer.getvalue()), images.Printable.of(logo)):
        lazy, eager = printable.reader(), ImageReader(printable._reader_source())
        assert isinstance(lazy, ImageReader) and lazy.booklet_printable is printable
        assert "_booklet_ready" not in lazy.__dict__  # nothing of it made yet
        assert lazy.getSize() == eager.getSize() and lazy.getRGBData() == eager.getRGBData()
        assert (lazy.jpeg_fh() is None) == (eager.jpeg_fh() is None)
        assert images.image_name(printable.reader(), "auto") == images.image_name(eager, "auto")

    from .test_cold import _illustrated

    folder = _illustrated(tmp_path / "conf")
    opened = []
    source = images.Printable._reader_source
    monkeypatch.setattr(images.Printable, "_reader_source", lambda self: opened.append(1) or source(self))
    cache = tmp_path / "cache"
    first = _kept(folder, tmp_path / "first.pdf", cache, monkeypatch)
    assert opened  # made, named and embedded: read
    opened.clear()
    assert _kept(folder, tmp_path / "again.pdf", cache, monkeypatch) == first and opened == []
    assert first == _cold(folder, tmp_path / "cold.pdf", monkeypatch)


def test_the_math_box_characters_of_a_layouts_file_are_those_the_pattern_finds():
    """persisted._box_chars (each lead byte found with bytes.find) finds what _BOX_CHAR.findall finds."""
    import random

    from booklet.cache.persisted import _BOX_CHAR, _box_chars

    rng = random.Random(7)
    alphabet = b"\xf3\xf4\x80\xbf\xb0\x8f\x90a\xc0"
    cases = [b"", b"\xf3", "\U000f0001x\U0010fffd\U000f0001".encode(), b"\xf3\xf3\xb0\x80\x80\x80"]
    cases += [bytes(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(2000)]
    for data in cases:
        assert _box_chars(data) == set(_BOX_CHAR.findall(data)), data


def test_hyphenation_patterns_are_read_only_when_a_paragraph_is_broken_anew(tmp_path, monkeypatch):
    """A build whose paragraphs are all replayed from the layouts kept never reads the patterns; one with an
    edited abstract to hyphenate does; both PDFs are a cold build's."""
    import pyphen

    from booklet.layout import styles

    from .test_cold import _edit, _illustrated

    folder = _illustrated(tmp_path / "conf")
    cache = tmp_path / "cache"

    def patterns_read(name: str) -> tuple[bool, bytes]:
        monkeypatch.setattr(pyphen, "hdcache", {})
        styles.hyphenation_language.cache_clear()
        built = _kept(folder, tmp_path / name, cache, monkeypatch)
        (found,) = pyphen.hdcache.values()
        return "patterns" in vars(found), built

    read, first = patterns_read("first.pdf")
    assert read and first == _cold(folder, tmp_path / "cold.pdf", monkeypatch)
    read, again = patterns_read("again.pdf")
    assert not read and again == first
    _edit(folder, "hyphenated electroencephalographically", "now hyphenated magnetoencephalographically")
    read, edited = patterns_read("edited.pdf")
    assert read and edited == _cold(folder, tmp_path / "edited-cold.pdf", monkeypatch) != first
    styles.hyphenation_language.cache_clear()
